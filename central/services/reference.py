"""Reference data for booths (incremental, cursor-based) and secret hashing helpers."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from central.db.models import (
    Booking,
    Booth,
    ChangeCounter,
    Contact,
    Detainee,
    Establishment,
    Staff,
    Tombstone,
)
from policy.phone import mask
from sync import wire

# Booths verify PINs offline with the same parameters (argon2id, library defaults).
_hasher = PasswordHasher()


def hash_secret(secret: str) -> str:
    """argon2id hash of a PIN or password (never store the secret itself)."""
    return _hasher.hash(secret)


def verify_secret(digest: str, secret: str) -> bool:
    try:
        return _hasher.verify(digest, secret)
    except (VerificationError, InvalidHashError):
        return False


# --- incremental reference data -------------------------------------------------------

DEFAULT_LIMIT = 500
_KINDS = {"detainees": "detainee", "contacts": "contact", "bookings": "booking", "staff": "staff"}
BOOTH_PIN_ROLES = frozenset({"guard", "technician"})


class CursorError(ValueError):
    """A cursor the server never gave out."""


def parse_cursor(cursor: str | None) -> int | None:
    """None for a first pull; the revision for a cursor we gave; CursorError otherwise."""
    if cursor is None or cursor == "":
        return None
    if not cursor.isascii() or not cursor.isdigit() or len(cursor) > 18:
        raise CursorError(cursor)
    return int(cursor)


def current_revision(session: Session) -> int:
    value = session.execute(select(ChangeCounter.value).where(ChangeCounter.id == 1)).scalar()
    return int(value or 0)


def _scoped(model: Any, est_id: int) -> Any:
    if model is Staff:
        return or_(Staff.establishment_id == est_id, Staff.establishment_id.is_(None))
    if model is Tombstone:
        return or_(Tombstone.establishment_id == est_id, Tombstone.establishment_id.is_(None))
    return model.establishment_id == est_id


def _upper_bound(session: Session, est_id: int, since: int, current: int, limit: int) -> int:
    """Highest revision to send so a batch holds about `limit` rows, never half a revision."""
    counts: dict[int, int] = {}
    truncated_at: list[int] = []
    for model in (Detainee, Contact, Booking, Staff, Tombstone):
        rows = session.execute(
            select(model.revision, func.count())
            .where(model.revision > since, model.revision <= current, _scoped(model, est_id))
            .group_by(model.revision)
            .order_by(model.revision)
            .limit(limit)
        ).all()
        for rev, n in rows:
            counts[int(rev)] = counts.get(int(rev), 0) + int(n)
        if len(rows) == limit:
            truncated_at.append(int(rows[-1][0]))
    if not counts:
        return current
    upto = since
    total = 0
    for rev in sorted(counts):
        if total and total + counts[rev] > limit:
            break
        total += counts[rev]
        upto = rev
    if truncated_at:
        upto = min(upto, *truncated_at)
    if upto == max(counts) and not truncated_at:
        return current  # everything pending fits: jump to the newest revision
    return upto


def _detainee_ref(d: Detainee, est: Establishment) -> wire.DetaineeRef:
    return wire.DetaineeRef(
        id=d.id,
        ecrou=d.ecrou,
        last_name=d.last_name,
        first_name=d.first_name,
        pin_hash=d.pin_hash,
        access_status=d.access_status,
        access_suspended_until=d.access_suspended_until,
        priority=d.priority,
        language=d.language,
        balance_cents=d.balance_cents,
        plan=d.plan,
        max_call_s=d.max_call_s_override or est.max_call_s,
        revision=d.revision,
    )


def _contact_ref(c: Contact) -> wire.ContactRef:
    try:
        masked = mask(c.phone_e164)
    except ValueError:
        masked = "•" * 6
    return wire.ContactRef(
        id=c.id,
        detainee_id=c.detainee_id,
        name=c.name,
        relationship=c.relationship,
        phone_masked=masked,
        status=c.status,
        suspended_until=c.suspended_until,
        protected=c.protected,
        revision=c.revision,
    )


def booking_ref(b: Booking) -> wire.BookingRef:
    return wire.BookingRef(
        id=b.id,
        booth_id=b.booth_id,
        detainee_id=b.detainee_id,
        starts_at=b.starts_at,
        ends_at=b.ends_at,
        status="cancelled" if b.status == "cancelled" else "active",
        revision=b.revision,
    )


def _staff_ref(s: Staff) -> wire.StaffRef:
    return wire.StaffRef.model_validate(
        {
            "id": s.id,
            "role": s.role,
            "display_name": s.display_name,
            "pin_hash": s.pin_hash if s.role in BOOTH_PIN_ROLES else None,
            "active": s.active,
            "revision": s.revision,
        }
    )


def establishment_ref(est: Establishment) -> wire.EstablishmentRef:
    return wire.EstablishmentRef(
        id=est.id,
        name=est.name,
        timezone=est.timezone,
        opening_hours={
            k: ([v] if isinstance(v, str) else list(v))
            for k, v in (est.opening_hours or {}).items()
        },
        slot_minutes=est.slot_minutes,
        max_call_s=est.max_call_s,
        booking_rules=dict(est.booking_rules or {}),
        retention_days=est.retention_days,
    )


def _current(b: Booking, now: datetime) -> bool:
    """On a first pull the booth needs active bookings that have not long ended."""
    return b.status == "active" and b.ends_at > now - timedelta(days=1)


def reference_batch(
    session: Session,
    booth: Booth,
    cursor: str | None,
    now: datetime,
    *,
    limit: int = DEFAULT_LIMIT,
) -> wire.ReferenceBatch:
    """What changed for the booth's establishment since `cursor` (CursorError if bad)."""
    from central.services.usage import tariff_book_for

    parsed = parse_cursor(cursor)
    current = current_revision(session)
    reset = parsed is None or parsed > current
    since = 0 if reset or parsed is None else parsed
    est = session.get(Establishment, booth.establishment_id)
    assert est is not None
    upto = _upper_bound(session, est.id, since, current, limit)

    def rows(model: Any) -> list[Any]:
        return list(
            session.execute(
                select(model)
                .where(model.revision > since, model.revision <= upto, _scoped(model, est.id))
                .order_by(model.revision, model.id)
            ).scalars()
        )

    deleted = [
        wire.Deletion.model_validate({"kind": _KINDS[t.table_name], "id": int(t.row_id)})
        for t in rows(Tombstone)
        if t.table_name in _KINDS and t.row_id.isdigit()
    ]
    return wire.ReferenceBatch(
        cursor=str(upto),
        has_more=upto < current and _upper_bound(session, est.id, upto, current, 1) > upto,
        reset=reset,
        server_time=now,
        establishment=establishment_ref(est),
        booth=wire.BoothRef(id=booth.id, name=booth.name, establishment_id=booth.establishment_id),
        tariff=tariff_book_for(est).as_mapping(),
        detainees=[_detainee_ref(d, est) for d in rows(Detainee)],
        contacts=[_contact_ref(c) for c in rows(Contact)],
        bookings=[booking_ref(b) for b in rows(Booking) if not reset or _current(b, now)],
        staff=[_staff_ref(s) for s in rows(Staff)],
        deleted=deleted,
    )
