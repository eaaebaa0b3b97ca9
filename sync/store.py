"""The booth's local store: one SQLite file (WAL, foreign keys, synchronous=FULL).

It caches the reference data central sends (so the kiosk works offline) and
holds the outbox. Writes use `BEGIN IMMEDIATE` so two writers (kiosk and
sync thread, or the call process) wait for each other instead of failing on
a lock upgrade; `synchronous=FULL` makes a committed usage record survive a
power cut.

The query helpers read the cache only: they never touch the network, so
the kiosk can use them offline. Argon2 verification is deliberately slow
(tens of ms): call the PIN helpers off the UI thread.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, func, select
from sqlalchemy.orm import Session

from parloir.db import sqlite_pragmas
from sync.models import Booking, Contact, Detainee, OutboxItem, Staff, SyncState, TariffVersion

if TYPE_CHECKING:
    from policy.tariffs import TariffBook

MIGRATIONS = Path(__file__).with_name("migrations")

# sync_state keys
CURSOR = "reference_cursor"
GENERATION = "sync_generation"
LAST_SUCCESS = "last_success"
ESTABLISHMENT = "establishment"
BOOTH = "booth"


@dataclass(frozen=True)
class DetaineeView:
    id: str
    number: str
    display_name: str
    plan: str
    access_status: str
    priority: bool


@dataclass(frozen=True)
class StaffView:
    id: str
    role: str
    display_name: str


@dataclass(frozen=True)
class ContactView:
    id: str
    detainee_id: str
    display_name: str
    relationship: str
    phone_masked: str
    status: str
    protected: bool


@dataclass(frozen=True)
class BookingView:
    id: str
    detainee_id: str
    detainee_name: str
    starts_at: datetime
    ends_at: datetime
    status: str


@dataclass(frozen=True)
class BalanceView:
    """What the booth shows: last synced balance minus this booth's debits central has not seen."""

    detainee_id: str
    plan: str
    synced_cents: int
    pending_debits_cents: int

    @property
    def available_cents(self) -> int:
        return self.synced_cents - self.pending_debits_cents


def _make_engine(path: Path, *, immediate: bool) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": 30},
    )

    sqlite_pragmas(engine, begin="BEGIN IMMEDIATE" if immediate else "BEGIN")
    return engine


class LocalStore:
    """Opens (creating and migrating if needed) the booth database at `path`."""

    def __init__(self, path: str | Path, *, migrate: bool = True) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = _make_engine(self.path, immediate=True)
        self._reader = _make_engine(self.path, immediate=False)
        self._lock = threading.Lock()
        if migrate:
            self.migrate()

    # -- lifecycle -----------------------------------------------------------------
    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (idempotent)."""
        import logging

        # Alembic's step-by-step chatter is not news for a booth's log or a technician.
        logging.getLogger("alembic").setLevel(logging.WARNING)
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self._writer.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def close(self) -> None:
        self._writer.dispose()
        self._reader.dispose()

    def __enter__(self) -> LocalStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write transaction: committed (durably) on success, rolled back on error."""
        with Session(self._writer, expire_on_commit=False) as s, s.begin():
            yield s

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot (never blocks writers under WAL)."""
        with Session(self._reader, expire_on_commit=False) as s:
            yield s  # closing the session rolls the read transaction back

    def pragma(self, name: str) -> Any:
        with self._reader.connect() as conn:
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

    # -- small state ----------------------------------------------------------------
    @staticmethod
    def get_state(session: Session, key: str, default: str | None = None) -> str | None:
        row = session.get(SyncState, key)
        return row.value if row is not None else default

    @staticmethod
    def set_state(session: Session, key: str, value: str) -> None:
        row = session.get(SyncState, key)
        if row is None:
            session.add(SyncState(key=key, value=value))
        else:
            row.value = value

    def state(self, key: str, default: str | None = None) -> str | None:
        with self.read() as s:
            return self.get_state(s, key, default)

    # -- queries for the kiosk (offline) -----------------------------------------------
    def find_detainee(self, number: str) -> DetaineeView | None:
        with self.read() as s:
            row = s.scalars(select(Detainee).where(Detainee.number == number.strip())).first()
            return _detainee_view(row) if row is not None else None

    def verify_detainee_pin(self, number: str, pin: str) -> DetaineeView | None:
        """The detainee whose number and PIN match the cache, or None (no hint which was wrong)."""
        with self.read() as s:
            row = s.scalars(select(Detainee).where(Detainee.number == number.strip())).first()
            pin_hash = row.pin_hash if row is not None else None
            view = _detainee_view(row) if row is not None else None
        if not _verify(pin_hash, pin):
            return None
        return view

    def check_detainee_pin(self, detainee_id: str, pin: str) -> bool:
        """Whether `pin` is this detainee's PIN (after `find_detainee`)."""
        with self.read() as s:
            row = s.get(Detainee, str(detainee_id))
            pin_hash = row.pin_hash if row is not None else None
        return _verify(pin_hash, pin)

    def verify_staff_pin(self, pin: str, role: str | None = None) -> StaffView | None:
        """An active guard or technician (only `role` if given) with this PIN, or None."""
        with self.read() as s:
            q = select(Staff).where(Staff.active.is_(True)).order_by(Staff.role, Staff.id)
            if role is not None:
                q = q.where(Staff.role == role)
            candidates = [
                (r.pin_hash, StaffView(r.id, r.role, r.display_name)) for r in s.scalars(q).all()
            ]
        for pin_hash, view in candidates:
            if _verify(pin_hash, pin):
                return view
        if not candidates:
            _verify(None, pin)  # same cost whether or not staff exist
        return None

    def detainee(self, detainee_id: str) -> DetaineeView | None:
        with self.read() as s:
            row = s.get(Detainee, str(detainee_id))
            return _detainee_view(row) if row is not None else None

    def upcoming_bookings(
        self, now: datetime, *, detainee_id: str | None = None, limit: int = 50
    ) -> list[BookingView]:
        """This booth's bookings not yet over at `now`, soonest first (cancelled ones left out)."""
        with self.read() as s:
            q = (
                select(Booking, Detainee.display_name)
                .outerjoin(Detainee, Detainee.id == Booking.detainee_id)
                .where(Booking.ends_at > now, Booking.status != "cancelled")
                .order_by(Booking.starts_at, Booking.id)
                .limit(limit)
            )
            if detainee_id is not None:
                q = q.where(Booking.detainee_id == str(detainee_id))
            return [
                BookingView(b.id, b.detainee_id, name or "", b.starts_at, b.ends_at, b.status)
                for b, name in s.execute(q).all()
            ]

    def bookings_at(self, now: datetime) -> list[BookingView]:
        """This booth's active bookings whose slot contains `now` (what a guard can unlock)."""
        return [b for b in self.upcoming_bookings(now, limit=10) if b.starts_at <= now]

    def booking(self, booking_id: str) -> BookingView | None:
        with self.read() as s:
            row = s.execute(
                select(Booking, Detainee.display_name)
                .outerjoin(Detainee, Detainee.id == Booking.detainee_id)
                .where(Booking.id == str(booking_id))
            ).first()
            if row is None:
                return None
            b, name = row
            return BookingView(b.id, b.detainee_id, name or "", b.starts_at, b.ends_at, b.status)

    def contacts(self, detainee_id: str) -> list[ContactView]:
        with self.read() as s:
            rows = s.scalars(
                select(Contact)
                .where(Contact.detainee_id == str(detainee_id))
                .order_by(Contact.display_name, Contact.id)
            ).all()
            return [
                ContactView(
                    r.id,
                    r.detainee_id,
                    r.display_name,
                    r.relationship,
                    r.phone_masked,
                    r.status,
                    r.protected,
                )
                for r in rows
            ]

    def balance(self, detainee_id: str) -> BalanceView | None:
        """Last synced balance minus this booth's debits not yet reflected in it.

        A usage record counts as "not yet reflected" until a reference pull that
        started after central acknowledged it has refreshed the balance
        (generation numbers, see `sync.client`).
        """
        with self.read() as s:
            d = s.get(Detainee, str(detainee_id))
            if d is None:
                return None
            pending = s.scalar(
                select(func.coalesce(func.sum(OutboxItem.amount_cents), 0)).where(
                    OutboxItem.detainee_id == d.id,
                    OutboxItem.kind == "usage",
                    (OutboxItem.acked_gen.is_(None)) | (OutboxItem.acked_gen >= d.balance_gen),
                )
            )
            return BalanceView(d.id, d.plan, d.balance_cents, int(pending or 0))

    def tariff_book(self) -> TariffBook:
        """The tariff book from central, or the packaged default before the first sync."""
        from policy.tariffs import parse_tariff_book

        with self.read() as s:
            row = s.scalars(select(TariffVersion).order_by(TariffVersion.id.desc())).first()
            data = row.data if row is not None else None
        if data is not None:
            return parse_tariff_book(json.loads(data))
        from parloir.tariff_data import load_default_tariff_book

        return load_default_tariff_book()

    def establishment(self) -> dict[str, Any]:
        """Establishment facts from central (name, timezone, opening hours...), {} before a sync."""
        raw = self.state(ESTABLISHMENT)
        return dict(json.loads(raw)) if raw else {}

    def booth(self) -> dict[str, Any]:
        """This booth as central knows it (id, name, establishment_id), {} before a sync."""
        raw = self.state(BOOTH)
        return dict(json.loads(raw)) if raw else {}

    def queue_length(self) -> int:
        """Records still to send to central (those central refused for good are not counted)."""
        with self.read() as s:
            n = s.scalar(
                select(func.count())
                .select_from(OutboxItem)
                .where(OutboxItem.acked_at.is_(None), not_set_aside())
            )
            return int(n or 0)

    def set_aside_count(self) -> int:
        """Records central refused for good: kept here for the technician, never resent."""
        with self.read() as s:
            n = s.scalar(
                select(func.count())
                .select_from(OutboxItem)
                .where(OutboxItem.acked_at.is_(None), ~not_set_aside())
            )
            return int(n or 0)


def not_set_aside() -> Any:
    return OutboxItem.last_error.is_(None) | OutboxItem.last_error.not_like("rejected:%")


def _detainee_view(row: Detainee) -> DetaineeView:
    return DetaineeView(
        row.id, row.number, row.display_name, row.plan, row.access_status, row.priority
    )


_hasher_lock = threading.Lock()
_hasher: Any = None
_dummy_hash = ""


def _verify(pin_hash: str | None, pin: str) -> bool:
    """Argon2 verification; a missing hash still costs one verification (no timing hint)."""
    global _hasher, _dummy_hash
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    with _hasher_lock:
        if _hasher is None:
            _hasher = PasswordHasher()
            _dummy_hash = _hasher.hash("0000-no-such-pin")
    if not pin_hash:
        try:
            _hasher.verify(_dummy_hash, pin + "x")
        except VerificationError:
            pass
        return False
    try:
        return bool(_hasher.verify(pin_hash, pin))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
