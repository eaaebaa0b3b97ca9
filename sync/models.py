"""Booth local schema (SQLite): cached reference data, the outbox, call checkpoints.

The schema itself is owned by the Alembic migrations in `sync/migrations/`;
these models must match them (a test compares the two). Identifiers coming
from central are kept as text so the booth does not care whether central
numbers or UUIDs them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from parloir.db import UTCDateTime


class Base(DeclarativeBase):
    pass


class SyncState(Base):
    """Small key/value facts: reference cursor, last success, sync generation."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class Detainee(Base):
    __tablename__ = "detainees"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: numéro d'écrou; not unique here: central may reassign one between two pages
    number: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    display_name: Mapped[str] = mapped_column(String(200), nullable=False)
    pin_hash: Mapped[str | None] = mapped_column(Text, nullable=True)
    plan: Mapped[str] = mapped_column(String(32), nullable=False)
    #: balance as last pulled from central (cents), and the sync generation it was pulled in.
    balance_cents: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    balance_gen: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    access_status: Mapped[str] = mapped_column(String(32), nullable=False, default="active")
    priority: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    extra: Mapped[str] = mapped_column(Text, nullable=False, default="{}")


class Contact(Base):
    __tablename__ = "contacts"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    detainee_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    display_name: Mapped[str] = mapped_column(String(200), nullable=False)
    relationship: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    phone_masked: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(32), nullable=False, default="authorised")
    protected: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    extra: Mapped[str] = mapped_column(Text, nullable=False, default="{}")


class Booking(Base):
    """Bookings of THIS booth only."""

    __tablename__ = "bookings"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    detainee_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    status: Mapped[str] = mapped_column(String(32), nullable=False, default="booked")
    extra: Mapped[str] = mapped_column(Text, nullable=False, default="{}")


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    display_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    pin_hash: Mapped[str] = mapped_column(Text, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class TariffVersion(Base):
    """The tariff book as central sent it (a mapping `policy.tariffs.parse_tariff_book` reads)."""

    __tablename__ = "tariffs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[str] = mapped_column(Text, nullable=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class OutboxItem(Base):
    """One record waiting for central (usage, selftest, audit); `id` is its idempotency key."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    payload: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    #: for usage records: whose balance this debits and by how much (booth's own price).
    detainee_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    amount_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: sync generation in which central acknowledged it (see LocalStore.balance).
    acked_gen: Mapped[int | None] = mapped_column(Integer, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (Index("ix_outbox_pending", "acked_at", "kind", "seq"),)


class CallCheckpoint(Base):
    """A call in progress on this booth; survives a crash so the booth can close it honestly."""

    __tablename__ = "call_checkpoints"
    call_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    booking_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    detainee_id: Mapped[str] = mapped_column(String(64), nullable=False)
    contact_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    plan: Mapped[str] = mapped_column(String(32), nullable=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    connected_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_checkpoint_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    connected_seconds: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    closed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
