"""All tables of the central server.

Conventions:
- times are `UTCDateTime` (aware UTC in Python), money is integer cents;
- statuses are short strings (values listed in the `*_STATUSES` tuples), so
  the schema does not need a migration when policy adds a value;
- tables a booth mirrors carry a `revision` (see `Versioned`): every change
  takes the next value of the global change counter, which is what the
  booth's incremental cursor follows; hard deletions leave a `Tombstone`.
- secrets are only stored hashed: PINs with argon2, booth tokens with
  SHA-256, invitation codes and join tokens with HMAC-SHA-256 (secret key).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.orm import relationship as orm_relationship

from central.db.types import UTCDateTime
from policy.authorisation import AccessStatus, ContactStatus

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Allowed values (checked in services; kept as plain strings in the schema).
ACCESS_STATUSES = tuple(s.value for s in AccessStatus)  # granted, suspended, withdrawn
CONTACT_STATUSES = tuple(s.value for s in ContactStatus)  # authorised, suspended, withdrawn
BOOKING_STATUSES = ("active", "cancelled")
CALL_STATUSES = ("inviting", "connected", "ended", "failed", "cancelled")
LEDGER_KINDS = ("credit", "debit")
INVITATION_STATUSES = ("active", "used", "expired", "locked", "revoked")
SMS_STATUSES = ("queued", "sent", "failed")
SANCTION_KINDS = ("refusal", "suspension", "withdrawal")
SANCTION_SCOPES = ("visio", "telephony")
STAFF_ROLES = ("guard", "technician", "monitor", "admin")
RECORDING_STATUSES = ("recording", "complete", "broken", "purged")

GENESIS_HASH = "0" * 64


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


def new_uuid() -> str:
    return str(uuid.uuid4())


class Versioned:
    """Mixin for rows mirrored to booths: `revision` is set on every insert/update."""

    revision: Mapped[int] = mapped_column(BigInteger, default=0, index=True)

    def establishment_scope(self) -> int | None:
        """Establishment whose booths must see this row (for tombstones)."""
        return getattr(self, "establishment_id", None)


# --- bookkeeping ---------------------------------------------------------------------


class ChangeCounter(Base):
    """Single row (id=1): the global revision counter behind booth cursors.

    Bumped with an UPDATE inside the writing transaction, so on PostgreSQL the
    row lock orders commits by revision and a cursor never skips a change.
    """

    __tablename__ = "change_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Tombstone(Base):
    """A hard-deleted mirrored row, so booths learn about the deletion."""

    __tablename__ = "tombstones"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision: Mapped[int] = mapped_column(BigInteger, index=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(64))
    establishment_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


# --- establishments, booths, people ---------------------------------------------------


class Establishment(Versioned, Base):
    __tablename__ = "establishments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    # {"mon": ["08:00-12:00", "13:30-18:00"], ...} local time, missing day = closed
    # (policy.booking.OpeningHours.parse).
    opening_hours: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    slot_minutes: Mapped[int] = mapped_column(Integer, default=30)
    max_call_s: Mapped[int] = mapped_column(Integer, default=1800)
    # Booking rules (quota, notice, cancellation limit...), see services.bookings.
    booking_rules: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Tariff book as a mapping (same shape as assets/tariffs.toml); None = default book.
    tariff: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    retention_days: Mapped[int] = mapped_column(Integer, default=90)
    created_at: Mapped[datetime]

    booths: Mapped[list[Booth]] = orm_relationship(back_populates="establishment")

    def establishment_scope(self) -> int | None:
        return self.id


class Booth(Base):
    __tablename__ = "booths"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    establishment_id: Mapped[int] = mapped_column(ForeignKey("establishments.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # SHA-256 hex of the booth's bearer token; the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_seen_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    establishment: Mapped[Establishment] = orm_relationship(back_populates="booths")


class Detainee(Versioned, Base):
    __tablename__ = "detainees"
    __table_args__ = (UniqueConstraint("establishment_id", "ecrou"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    establishment_id: Mapped[int] = mapped_column(ForeignKey("establishments.id"), index=True)
    ecrou: Mapped[str] = mapped_column(String(32))  # numéro d'écrou
    last_name: Mapped[str] = mapped_column(String(200))
    first_name: Mapped[str] = mapped_column(String(200))
    pin_hash: Mapped[str | None] = mapped_column(String(255))  # argon2
    access_status: Mapped[str] = mapped_column(String(16), default="granted")
    # End of a suspension (None with "suspended" = until further notice).
    access_suspended_until: Mapped[datetime | None]
    priority: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str | None] = mapped_column(String(8))
    # Telephony account: balance in cents and the current plan (policy.tariffs.PLANS).
    balance_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    plan: Mapped[str] = mapped_column(String(32), default="hors-forfait")
    # An explicit, audited decision allowing longer calls than the establishment's.
    max_call_s_override: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime | None]

    contacts: Mapped[list[Contact]] = orm_relationship(back_populates="detainee")


class Contact(Versioned, Base):
    """A number a detainee is authorised (or not any more) to call."""

    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("detainee_id", "phone_e164"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    detainee_id: Mapped[int] = mapped_column(ForeignKey("detainees.id"), index=True)
    # Denormalised from the detainee so booth reference queries stay simple.
    establishment_id: Mapped[int] = mapped_column(ForeignKey("establishments.id"), index=True)
    phone_e164: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    relationship: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(16), default="authorised")
    suspended_until: Mapped[datetime | None]
    # Lawyer, CGLPL, Défenseur des droits...: never listened to nor recorded.
    protected: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime | None]

    detainee: Mapped[Detainee] = orm_relationship(back_populates="contacts")


class Staff(Versioned, Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # None = staff of every establishment (e.g. a regional administrator).
    establishment_id: Mapped[int | None] = mapped_column(
        ForeignKey("establishments.id"), index=True
    )
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(16))  # STAFF_ROLES
    pin_hash: Mapped[str | None] = mapped_column(String(255))  # argon2, booth unlock
    password_hash: Mapped[str | None] = mapped_column(String(255))  # argon2, console
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


# --- bookings and calls ----------------------------------------------------------------


class Booking(Versioned, Base):
    """A slot on a booth for a detainee.

    The partial unique indexes make the database itself refuse two active
    bookings of one booth slot, or of one detainee at the same start; a
    cancelled booking (status != 'active') frees the slot.
    """

    __tablename__ = "bookings"
    __table_args__ = (
        Index(
            "uq_bookings_active_booth_slot",
            "booth_id",
            "starts_at",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
        Index(
            "uq_bookings_active_detainee_slot",
            "detainee_id",
            "starts_at",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
        UniqueConstraint("booth_id", "client_ref"),
        CheckConstraint("ends_at > starts_at", name="time_order"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    establishment_id: Mapped[int] = mapped_column(ForeignKey("establishments.id"), index=True)
    booth_id: Mapped[int] = mapped_column(ForeignKey("booths.id"), index=True)
    detainee_id: Mapped[int] = mapped_column(ForeignKey("detainees.id"), index=True)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="active")
    # Idempotency key chosen by the booth for a retried request.
    client_ref: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(100), default="")
    cancelled_at: Mapped[datetime | None]
    cancelled_by: Mapped[str | None] = mapped_column(String(100))
    cancel_reason: Mapped[str | None] = mapped_column(String(200))


class Call(Base):
    """One video call (the usage record lands here too: connected time, price).

    The relative's answers to the rules (minors present, consents) are stored
    with the call and shown to monitors.
    """

    __tablename__ = "calls"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    establishment_id: Mapped[int] = mapped_column(ForeignKey("establishments.id"), index=True)
    booth_id: Mapped[int] = mapped_column(ForeignKey("booths.id"), index=True)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"), index=True)
    detainee_id: Mapped[int] = mapped_column(ForeignKey("detainees.id"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    # Snapshot of the number called: a sanction applies to that number.
    phone_e164: Mapped[str] = mapped_column(String(20))
    plan: Mapped[str] = mapped_column(String(32))  # plan at call creation
    recorded: Mapped[bool] = mapped_column(Boolean, default=True)
    protected: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="inviting")
    allowed_seconds: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]
    relative_joined_at: Mapped[datetime | None]
    connected_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(32))
    ended_by: Mapped[str | None] = mapped_column(String(100))
    # The relative's answers to the rules.
    rules_accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    minors_present: Mapped[bool | None] = mapped_column(Boolean)
    minors_consent: Mapped[bool | None] = mapped_column(Boolean)  # parental authority agrees
    capture_consent: Mapped[bool] = mapped_column(Boolean, default=False)  # image/sound capture
    accepted_at: Mapped[datetime | None]
    # Usage record (CDR) sent by the booth; price computed on central.
    usage_received_at: Mapped[datetime | None]
    usage_started_at: Mapped[datetime | None]
    usage_connected_at: Mapped[datetime | None]
    usage_ended_at: Mapped[datetime | None]
    connected_seconds: Mapped[int | None] = mapped_column(Integer)
    price_cents: Mapped[int | None] = mapped_column(BigInteger)
    booth_price_cents: Mapped[int | None] = mapped_column(BigInteger)  # for comparison only
    usage_outcome: Mapped[str | None] = mapped_column(String(32))


class LedgerEntry(Base):
    """Credits and debits of a detainee's telephony account (append-only).

    A debit is tied to exactly one call: the partial unique index makes a
    second debit for the same call impossible, whatever the code does.
    """

    __tablename__ = "ledger_entries"
    __table_args__ = (
        Index(
            "uq_ledger_entries_debit_call",
            "call_id",
            unique=True,
            sqlite_where=text("kind = 'debit'"),
            postgresql_where=text("kind = 'debit'"),
        ),
        CheckConstraint("amount_cents >= 0", name="amount_positive"),
        CheckConstraint("kind IN ('credit', 'debit')", name="kind_known"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    detainee_id: Mapped[int] = mapped_column(ForeignKey("detainees.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    balance_after_cents: Mapped[int] = mapped_column(BigInteger)
    call_id: Mapped[str | None] = mapped_column(ForeignKey("calls.id"))
    plan: Mapped[str | None] = mapped_column(String(32))
    connected_seconds: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200), default="")
    actor: Mapped[str] = mapped_column(String(100), default="")
    # Idempotency key for credits imported from the nominative account.
    external_ref: Mapped[str | None] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime]


# --- invitations and SMS ---------------------------------------------------------------


class Invitation(Base):
    __tablename__ = "invitations"
    __table_args__ = (
        Index(
            "uq_invitations_active_call",
            "call_id",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(ForeignKey("calls.id"), index=True)
    phone_e164: Mapped[str] = mapped_column(String(20))
    code_hash: Mapped[str] = mapped_column(String(128), index=True)  # keyed hash
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    tries: Mapped[int] = mapped_column(Integer, default=0)
    max_tries: Mapped[int] = mapped_column(Integer, default=5)
    status: Mapped[str] = mapped_column(String(16), default="active")
    used_at: Mapped[datetime | None]
    join_token_hash: Mapped[str | None] = mapped_column(String(128), unique=True)
    join_expires_at: Mapped[datetime | None]


class CodeAttempt(Base):
    """One code entry on the join page, for per-client rate limiting."""

    __tablename__ = "code_attempts"
    __table_args__ = (Index("ix_code_attempts_client_at", "client_key", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_key: Mapped[str] = mapped_column(String(128))  # keyed hash of the client address
    at: Mapped[datetime]
    success: Mapped[bool] = mapped_column(Boolean, default=False)
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitations.id"))


class SmsMessage(Base):
    __tablename__ = "sms_messages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str | None] = mapped_column(ForeignKey("calls.id"), index=True)
    to_e164: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    provider_ref: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


# --- incidents, sanctions, recordings -------------------------------------------------


class Incident(Base):
    __tablename__ = "incidents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    establishment_id: Mapped[int | None] = mapped_column(
        ForeignKey("establishments.id"), index=True
    )
    call_id: Mapped[str | None] = mapped_column(ForeignKey("calls.id"), index=True)
    detainee_id: Mapped[int | None] = mapped_column(ForeignKey("detainees.id"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    phone_e164: Mapped[str | None] = mapped_column(String(20))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    actor: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(32), default="other")
    description: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]
    created_at: Mapped[datetime]


class Sanction(Versioned, Base):
    """Refusal, suspension or withdrawal: of a detainee's access or of a number."""

    __tablename__ = "sanctions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    establishment_id: Mapped[int | None] = mapped_column(
        ForeignKey("establishments.id"), index=True
    )
    detainee_id: Mapped[int | None] = mapped_column(ForeignKey("detainees.id"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    # The number sanctioned (the number called during the incident).
    phone_e164: Mapped[str | None] = mapped_column(String(20), index=True)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    kind: Mapped[str] = mapped_column(String(16))  # SANCTION_KINDS
    scope: Mapped[str] = mapped_column(String(16), default="visio")  # SANCTION_SCOPES
    reason: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    lifted_at: Mapped[datetime | None]
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime]


class Recording(Base):
    """A recorded call file on central (purged after the retention period)."""

    __tablename__ = "recordings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(ForeignKey("calls.id"), index=True)
    path: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(32), default="mixed")
    status: Mapped[str] = mapped_column(String(16), default="recording")
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))
    # A disciplinary case stops the retention clock.
    hold: Mapped[bool] = mapped_column(Boolean, default=False)
    purged_at: Mapped[datetime | None]


# --- booth reports ---------------------------------------------------------------------


class SelfTestReport(Base):
    __tablename__ = "selftest_reports"
    __table_args__ = (UniqueConstraint("booth_id", "client_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booth_id: Mapped[int] = mapped_column(ForeignKey("booths.id"), index=True)
    client_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]  # booth time of the run
    ok: Mapped[bool] = mapped_column(Boolean)
    results: Mapped[list[Any]] = mapped_column(JSON, default=list)
    received_at: Mapped[datetime]


# --- audit -----------------------------------------------------------------------------


class AuditEntry(Base):
    """Append-only, hash-chained log: hash = sha256(prev_hash + canonical JSON)."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(100), index=True)
    subject: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON text
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # Idempotency key of events sent by booths ("booth:<id>:<client id>").
    client_ref: Mapped[str | None] = mapped_column(String(200), unique=True)


class AuditHead(Base):
    """Single row (id=1): last seq and hash; locked while appending, shows a tail cut."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    hash: Mapped[str] = mapped_column(String(64), default=GENESIS_HASH)


VERSIONED_MODELS: tuple[type[Versioned], ...] = (
    Establishment,
    Detainee,
    Contact,
    Staff,
    Booking,
    Sanction,
)
