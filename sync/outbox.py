"""The outbox: what the booth owes central, written locally first.

Usage records (CDRs), self-test reports and audit events are inserted in the
same SQLite transaction as the state change that caused them, each under an
id that central uses as its idempotency key (the call id for a usage record,
a client-generated UUID otherwise). The sync client pushes them later and
marks them acknowledged; nothing is deleted before central has it.

A call in progress keeps a checkpoint row (connected seconds so far). If the
booth dies, `recover_after_crash` closes the call at its last checkpoint:
the booth may under-bill by a few seconds, it never bills time that was not
connected.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import math
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.models import CallCheckpoint, OutboxItem

if TYPE_CHECKING:
    from policy.tariffs import TariffBook
    from sync.store import LocalStore

USAGE = "usage"
SELFTEST = "selftest"
AUDIT = "audit"
KINDS = (USAGE, SELFTEST, AUDIT)

#: end reason written by recover_after_crash
CRASH_REASON = "booth_failure"
#: central refuses a record longer than a day (a clock jump, not a call)
MAX_CALL_RECORD_S = 24 * 3600


class OutboxError(ValueError):
    """A record that cannot be queued as given (nothing was written)."""


@dataclass(frozen=True)
class UsageRecord:
    """One call's CDR as the booth saw it; central re-prices it authoritatively."""

    call_id: str
    detainee_id: str
    plan: str
    started_at: datetime
    ended_at: datetime
    connected_seconds: int
    end_reason: str
    booking_id: str | None = None
    contact_id: str | None = None
    connected_at: datetime | None = None
    price_cents: int = 0
    tariff_version: str = ""

    def to_payload(self) -> dict[str, Any]:
        return {f.name: _jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> UsageRecord:
        values = dict(data)
        for key in ("started_at", "ended_at", "connected_at"):
            if values.get(key) is not None:
                values[key] = datetime.fromisoformat(values[key])
        return cls(**values)


def price_cents(
    book: TariffBook, plan: str, connected_seconds: int, at: datetime
) -> tuple[int, str]:
    """The booth's own price (policy.billing), in cents, and the tariff version used.

    If the cached tariff cannot price the call (unknown plan, no version in
    force), the record is still written with price 0: losing a CDR is worse
    than showing a stale balance, and central prices it authoritatively.
    """
    from policy.billing import price_call
    from policy.tariffs import TariffError

    if connected_seconds <= 0:
        return 0, ""
    try:
        price = price_call(book.in_force(at), plan, connected_seconds)
    except (TariffError, ValueError):
        return 0, ""
    return price.total_cents, price.tariff_version


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise OutboxError("naive datetime in an outbox record")
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return _jsonable(value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "model_dump"):  # pydantic models
        return _jsonable(value.model_dump(mode="json"))
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _enqueue(
    session: Session,
    kind: str,
    item_id: str,
    payload: Mapping[str, Any],
    created_at: datetime,
    *,
    detainee_id: str | None = None,
    amount_cents: int | None = None,
) -> str:
    if created_at.tzinfo is None:
        raise OutboxError("created_at must be timezone-aware")
    existing = session.scalars(select(OutboxItem).where(OutboxItem.id == item_id)).first()
    if existing is not None:
        return existing.id  # idempotent: the first record for an id wins
    session.add(
        OutboxItem(
            id=item_id,
            kind=kind,
            payload=json.dumps(_jsonable(payload), ensure_ascii=False, sort_keys=True),
            created_at=created_at,
            detainee_id=detainee_id,
            amount_cents=amount_cents,
            attempts=0,
        )
    )
    session.flush()
    return item_id


def record_usage(session: Session, record: UsageRecord) -> str:
    """Queue a usage record (idempotent by call_id) inside the caller's transaction."""
    if not record.call_id:
        raise OutboxError("a usage record needs a call id")
    if record.connected_seconds < 0 or record.price_cents < 0:
        raise OutboxError("connected seconds and price cannot be negative")
    if record.ended_at < record.started_at:
        raise OutboxError("a call cannot end before it started")
    return _enqueue(
        session,
        USAGE,
        str(record.call_id),
        record.to_payload(),
        record.ended_at,
        detainee_id=str(record.detainee_id),
        amount_cents=record.price_cents,
    )


def _check(result: Any) -> dict[str, Any]:
    """A self-test result (booth_hw SelfTestResult, dataclass or mapping) -> wire check."""
    data = _jsonable(result.to_dict() if hasattr(result, "to_dict") else result)
    if not isinstance(data, dict):
        raise OutboxError("a self-test result must be a mapping or a dataclass")
    ok = getattr(result, "ok", None)
    if ok is None:
        ok = data.get("ok", data.get("status", "fail") not in ("fail", "failed", "error"))
    name = str(data.pop("name", "") or "?")
    message = str(data.pop("message", "") or "")
    extra = data.pop("data", None)
    data.pop("ok", None)
    figures = dict(extra) if isinstance(extra, dict) else {}
    figures.update(data)
    return {"name": name, "ok": bool(ok), "message": message[:2000], "data": figures}


def record_selftest(
    session: Session,
    results: Sequence[Any],
    *,
    at: datetime,
    report_id: str | None = None,
) -> str:
    """Queue a self-test report (booth_hw SelfTestResult objects, dataclasses or mappings)."""
    rid = report_id or uuid.uuid4().hex
    checks = [_check(r) for r in results]
    payload = {
        "client_id": rid,
        "at": at,
        "ok": all(c["ok"] for c in checks),
        "results": checks,
    }
    return _enqueue(session, SELFTEST, rid, payload, at)


def record_audit(
    session: Session,
    action: str,
    *,
    at: datetime,
    actor: str = "booth",
    subject: str = "",
    details: Mapping[str, Any] | None = None,
    event_id: str | None = None,
) -> str:
    """Queue an audit event; `actor` is "booth", "detainee:12", "guard:3"...

    Never put a secret (PIN, code, token) in `details`.
    """
    if not action or len(action) > 100:
        raise OutboxError("an audit event needs an action (100 characters at most)")
    eid = event_id or uuid.uuid4().hex
    payload = {
        "client_id": eid,
        "at": at,
        "action": action,
        "actor": actor or "booth",
        "subject": subject[:200],
        "details": dict(details or {}),
    }
    return _enqueue(session, AUDIT, eid, payload, at)


# -- call checkpoints ------------------------------------------------------------------


def start_call_checkpoint(
    store: LocalStore,
    *,
    call_id: str,
    detainee_id: str,
    plan: str,
    started_at: datetime,
    booking_id: str | None = None,
    contact_id: str | None = None,
) -> None:
    """Open the crash-safe record of a call as soon as central has given it an id."""
    with store.session() as s:
        if s.get(CallCheckpoint, str(call_id)) is not None:
            return
        s.add(
            CallCheckpoint(
                call_id=str(call_id),
                booking_id=None if booking_id is None else str(booking_id),
                detainee_id=str(detainee_id),
                contact_id=None if contact_id is None else str(contact_id),
                plan=plan,
                started_at=started_at,
                connected_at=None,
                last_checkpoint_at=started_at,
                connected_seconds=0,
                closed=False,
            )
        )


def checkpoint(
    store: LocalStore,
    call_id: str,
    *,
    connected_seconds: int,
    at: datetime,
    connected_at: datetime | None = None,
) -> None:
    """Record connected seconds so far (call every few seconds; never moves backwards)."""
    if connected_seconds < 0:
        raise OutboxError("connected seconds cannot be negative")
    with store.session() as s:
        row = s.get(CallCheckpoint, str(call_id))
        if row is None or row.closed:
            return
        row.connected_seconds = max(row.connected_seconds, int(connected_seconds))
        row.last_checkpoint_at = max(row.last_checkpoint_at, at)
        if connected_at is not None and row.connected_at is None:
            row.connected_at = connected_at


def finish_call(
    store: LocalStore,
    call_id: str,
    *,
    ended_at: datetime,
    connected_seconds: int,
    end_reason: str,
    connected_at: datetime | None = None,
    book: TariffBook | None = None,
) -> UsageRecord:
    """Close the call and queue its usage record in ONE transaction; idempotent.

    `connected_at` (when both sides first had media) may be given here if no
    checkpoint carried it; without it the call is taken as never connected.
    """
    book = book or store.tariff_book()
    with store.session() as s:
        row = s.get(CallCheckpoint, str(call_id))
        if row is None:
            raise OutboxError(f"no call {call_id} in progress on this booth")
        if connected_at is not None and row.connected_at is None and not row.closed:
            row.connected_at = connected_at
        if row.closed:
            existing = s.scalars(select(OutboxItem).where(OutboxItem.id == str(call_id))).first()
            if existing is not None:
                return UsageRecord.from_payload(json.loads(existing.payload))
        record = _close(s, row, ended_at, int(connected_seconds), end_reason, book)
    return record


def _close(
    s: Session,
    row: CallCheckpoint,
    ended_at: datetime,
    connected_seconds: int,
    end_reason: str,
    book: TariffBook,
) -> UsageRecord:
    seconds = min(max(0, connected_seconds), MAX_CALL_RECORD_S)
    ended_at = max(ended_at, row.started_at)
    if row.connected_at is None:
        seconds = 0  # connected time without a connection moment: bill nothing
    else:
        # Same cap as central: never more than the wall time from connection to end.
        wall = (ended_at - row.connected_at).total_seconds()
        seconds = min(seconds, max(0, math.ceil(wall)))
    # central prices with the tariff in force when the call connected: do the same
    cents, version = price_cents(book, row.plan, seconds, row.connected_at or row.started_at)
    record = UsageRecord(
        call_id=row.call_id,
        detainee_id=row.detainee_id,
        plan=row.plan,
        started_at=row.started_at,
        ended_at=ended_at,
        connected_seconds=seconds,
        end_reason=(end_reason or "unknown")[:32],
        booking_id=row.booking_id,
        contact_id=row.contact_id,
        connected_at=row.connected_at,
        price_cents=cents,
        tariff_version=version,
    )
    record_usage(s, record)
    row.closed = True
    row.connected_seconds = seconds
    return record


def recover_after_crash(store: LocalStore, now: datetime) -> list[UsageRecord]:
    """Close every call left open by a crash at its last checkpoint (run at start)."""
    book = store.tariff_book()
    closed: list[UsageRecord] = []
    with store.session() as s:
        rows = s.scalars(select(CallCheckpoint).where(CallCheckpoint.closed.is_(False))).all()
        for row in rows:
            # The last checkpoint is the last moment the call was known to be alive
            # (even if the clock was set back since: `now` says nothing about the call).
            closed.append(
                _close(s, row, row.last_checkpoint_at, row.connected_seconds, CRASH_REASON, book)
            )
    return closed


class CallsLock:
    """Proof that this process owns the booth's calls (an flock, released at exit or death).

    Crash recovery closes every open call: only the process that runs calls
    (the kiosk) may do it, never a second process while a call goes on. The
    lock dies with its process, so a restarted kiosk gets it back at once.
    """

    def __init__(self, fd: int, path: str) -> None:
        self.fd: int | None = fd
        self.path = path

    def release(self) -> None:
        import os

        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor drops the flock
            self.fd = None


def claim_calls(store: LocalStore) -> CallsLock | None:
    """Take the booth's calls lock, or None if another live process holds it."""
    import fcntl
    import os

    path = str(store.path) + ".calls.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return CallsLock(fd, path)


def recover_if_owner(
    store: LocalStore, now: datetime
) -> tuple[CallsLock | None, list[UsageRecord]]:
    """Claim the calls lock and, if we got it, close calls left open by a crash.

    Keep the returned lock for as long as this process may run calls.
    """
    lock = claim_calls(store)
    if lock is None:
        return None, []
    return lock, recover_after_crash(store, now)


def prune(store: LocalStore, before: datetime) -> int:
    """Forget what central acknowledged before `before`, and calls closed before it.

    Never touches a record central has not acknowledged (nor one set aside).
    """
    from sqlalchemy import delete

    with store.session() as s:
        result = s.execute(
            delete(OutboxItem).where(OutboxItem.acked_at.is_not(None), OutboxItem.acked_at < before)
        )
        gone = getattr(result, "rowcount", 0)
        s.execute(
            delete(CallCheckpoint).where(
                CallCheckpoint.closed.is_(True), CallCheckpoint.last_checkpoint_at < before
            )
        )
    return int(gone or 0)


def open_calls(store: LocalStore) -> list[str]:
    with store.read() as s:
        return list(
            s.scalars(select(CallCheckpoint.call_id).where(CallCheckpoint.closed.is_(False))).all()
        )
