"""Translation between the booth's local rows and the booth API (`sync.wire` models).

Kept apart from the client so the HTTP machinery does not care about field
names, and the wire schemas (owned by central-core) are used in one place.
Locally ids are text; on the wire central's row ids are integers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete
from sqlalchemy.orm import Session

from sync import wire
from sync.models import Booking, Contact, Detainee, Staff, TariffVersion
from sync.store import BOOTH, CURSOR, ESTABLISHMENT, LocalStore

CURSOR_KEY = CURSOR
#: only these staff roles unlock or service a booth
BOOTH_ROLES = ("guard", "technician")


class ProtocolError(ValueError):
    """Central answered something the booth cannot read."""


def parse_time(body: Any) -> datetime:
    try:
        return wire.ServerTime.model_validate(body).now
    except ValidationError as exc:
        raise ProtocolError(f"time answer: {exc.error_count()} error(s)") from None


def error_of(body: Any, status: int) -> tuple[str, str]:
    """(code, French message) from the API's error body."""
    try:
        err = wire.ErrorBody.model_validate(body).error
        return err.code, err.message
    except ValidationError:
        return f"http_{status}", "Le serveur central a refusé la demande."


# -- push ----------------------------------------------------------------------------------

_ITEM_MODELS: dict[str, Any] = {
    "usage": wire.UsageRecord,
    "selftest": wire.SelfTestReport,
    "audit": wire.AuditEventIn,
}
_BATCH: dict[str, tuple[Any, str]] = {
    "usage": (wire.UsageBatch, "records"),
    "selftest": (wire.SelfTestBatch, "reports"),
    "audit": (wire.AuditBatch, "events"),
}


def validate_item(kind: str, payload: Mapping[str, Any]) -> Any:
    """The wire model of one outbox payload; ProtocolError if central could never accept it."""
    try:
        return _ITEM_MODELS[kind].model_validate(dict(payload))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ProtocolError(f"invalid {kind} record: {where}: {first.get('msg')}") from None


def push_body(kind: str, items: Sequence[Any]) -> dict[str, Any]:
    model, field = _BATCH[kind]
    batch = model(**{field: list(items)})
    return dict(batch.model_dump(mode="json"))


@dataclass(frozen=True)
class PushOutcome:
    acked: list[str]  # accepted or duplicate: stop resending
    rejected: dict[str, str]  # id -> "code: message"
    #: usage only: central's balance right after each accepted debit, in order
    balances: list[tuple[str, int]]


def push_outcome(kind: str, body: Any, sent: Sequence[str]) -> PushOutcome:
    model = wire.UsageAck if kind == "usage" else wire.PushAck
    try:
        ack = model.model_validate(body)
    except ValidationError:
        raise ProtocolError(f"{kind} acknowledgement unreadable") from None
    sent_set = set(sent)
    acked: list[str] = []
    rejected: dict[str, str] = {}
    balances: list[tuple[str, int]] = []
    for r in ack.results:
        if r.id not in sent_set:
            continue
        if r.status in ("accepted", "duplicate"):
            acked.append(r.id)
            # a duplicate's balance is the one of its first debit (stale): only "accepted"
            balance = getattr(r, "balance_cents", None)
            if r.status == "accepted" and balance is not None:
                balances.append((r.id, int(balance)))
        else:
            rejected[r.id] = f"{r.code or 'rejected'}: {r.message or ''}"
    return PushOutcome(acked, rejected, balances)


# -- pull ----------------------------------------------------------------------------------


def apply_reference(session: Session, body: Any, gen: int, now: datetime) -> bool:
    """Apply one reference batch and store its cursor, in the caller's transaction.

    Returns whether central has more to send.
    """
    try:
        batch = wire.ReferenceBatch.model_validate(body)
    except ValidationError as exc:
        raise ProtocolError(f"reference batch: {exc.error_count()} invalid field(s)") from None
    if batch.reset:
        for model in (Booking, Contact, Staff, Detainee):
            session.execute(delete(model))
    LocalStore.set_state(session, ESTABLISHMENT, batch.establishment.model_dump_json())
    LocalStore.set_state(session, BOOTH, batch.booth.model_dump_json())
    _store_tariff(session, batch.tariff, now)
    _upsert(session, Detainee, [_detainee_row(d, gen) for d in batch.detainees])
    _upsert(session, Contact, [_contact_row(c) for c in batch.contacts])
    _upsert(
        session,
        Booking,
        [_booking_row(b) for b in batch.bookings if b.booth_id == batch.booth.id],
    )
    _apply_staff(session, batch.staff)
    for gone in batch.deleted:
        _delete(session, gone)
    LocalStore.set_state(session, CURSOR, batch.cursor)
    return batch.has_more


def _store_tariff(session: Session, data: Mapping[str, Any], now: datetime) -> None:
    """Keep a new tariff book only if it differs and the booth can read it."""
    from sqlalchemy import select

    from policy.tariffs import TariffError, parse_tariff_book

    text = json.dumps(data, sort_keys=True, default=str)
    last = session.scalars(select(TariffVersion).order_by(TariffVersion.id.desc())).first()
    if last is not None and last.data == text:
        return
    try:
        parse_tariff_book(data)
    except TariffError:
        return  # keep the old one: a booth must never be left without prices
    session.add(TariffVersion(data=text, received_at=now))


def _upsert(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """INSERT ... ON CONFLICT(id) DO UPDATE for a whole batch (one statement, executemany)."""
    if not rows:
        return
    from sqlalchemy.dialects.sqlite import insert

    stmt = insert(model)
    columns = [k for k in rows[0] if k != "id"]
    stmt = stmt.on_conflict_do_update(
        index_elements=[model.id], set_={c: stmt.excluded[c] for c in columns}
    )
    session.execute(stmt, rows)


def _detainee_row(d: wire.DetaineeRef, gen: int) -> dict[str, Any]:
    return {
        "id": str(d.id),
        "number": d.ecrou,
        "display_name": f"{d.first_name} {d.last_name}".strip() or d.ecrou,
        "pin_hash": d.pin_hash,
        "plan": d.plan,
        "balance_cents": d.balance_cents,
        "balance_gen": gen,
        "access_status": d.access_status,
        "priority": d.priority,
        "extra": json.dumps(
            {
                "first_name": d.first_name,
                "last_name": d.last_name,
                "language": d.language,
                "max_call_s": d.max_call_s,
                "access_suspended_until": d.access_suspended_until.isoformat()
                if d.access_suspended_until
                else None,
                "revision": d.revision,
            }
        ),
    }


def _contact_row(c: wire.ContactRef) -> dict[str, Any]:
    return {
        "id": str(c.id),
        "detainee_id": str(c.detainee_id),
        "display_name": c.name,
        "relationship": c.relationship,
        "phone_masked": c.phone_masked,
        "status": c.status,
        "protected": c.protected,
        "extra": json.dumps(
            {
                "suspended_until": c.suspended_until.isoformat() if c.suspended_until else None,
                "revision": c.revision,
            }
        ),
    }


def _booking_row(b: wire.BookingRef) -> dict[str, Any]:
    return {
        "id": str(b.id),
        "detainee_id": str(b.detainee_id),
        "starts_at": b.starts_at,
        "ends_at": b.ends_at,
        "status": b.status,
        "extra": json.dumps({"booth_id": b.booth_id, "revision": b.revision}),
    }


def _apply_staff(session: Session, staff: list[wire.StaffRef]) -> None:
    keep = [s for s in staff if s.role in BOOTH_ROLES and s.pin_hash]
    drop = [str(s.id) for s in staff if s not in keep]
    if drop:
        session.execute(delete(Staff).where(Staff.id.in_(drop)))
    _upsert(
        session,
        Staff,
        [
            {
                "id": str(s.id),
                "role": s.role,
                "display_name": s.display_name,
                "pin_hash": s.pin_hash,
                "active": s.active,
            }
            for s in keep
        ],
    )


_KINDS: dict[str, Any] = {
    "detainee": Detainee,
    "contact": Contact,
    "booking": Booking,
    "staff": Staff,
}


def _delete(session: Session, gone: wire.Deletion) -> None:
    model = _KINDS[gone.kind]
    session.execute(delete(model).where(model.id == str(gone.id)))
    if gone.kind == "detainee":
        for child in (Contact, Booking):
            session.execute(delete(child).where(child.detainee_id == str(gone.id)))


# -- online calls ---------------------------------------------------------------------------


def parse_slots(body: Any) -> wire.SlotList:
    try:
        return wire.SlotList.model_validate(body)
    except ValidationError:
        raise ProtocolError("slots answer unreadable") from None


def booking_body(detainee_id: str, starts_at: datetime, client_ref: str | None) -> dict[str, Any]:
    req = wire.BookingRequest(
        detainee_id=int(detainee_id), starts_at=starts_at, client_ref=client_ref
    )
    return dict(req.model_dump(mode="json"))


def parse_booking(body: Any) -> wire.BookingOut:
    try:
        return wire.BookingOut.model_validate(body)
    except ValidationError:
        raise ProtocolError("booking answer unreadable") from None


def cache_booking(session: Session, booking: wire.BookingOut) -> None:
    """Show a booking made or cancelled online at once, before the next pull."""
    _upsert(session, Booking, [_booking_row(booking)])
