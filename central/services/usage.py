"""Usage records (CDRs) from booths: price on central, debit once per call id.

The price is `policy.billing.price_call` on the call's plan (as central
recorded it when the call was created, not as the booth says) and the
connected seconds, capped to what the call was allowed and to the wall time
between connection and end. The booth's own
price is stored for comparison only. Posting the same record again
returns the first outcome and debits nothing more.
"""

from __future__ import annotations

import logging
import math
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import Booth, Call, Establishment
from central.services import audit, ledger
from parloir.tariff_data import load_default_tariff_book
from policy.billing import price_call
from policy.tariffs import TariffBook, TariffError, parse_tariff_book
from sync.wire import UsageRecord, UsageResult

log = logging.getLogger("central.usage")


def tariff_book_for(est: Establishment | None) -> TariffBook:
    """The establishment's own tariff book, or the default one (assets/tariffs.toml)."""
    if est is not None and est.tariff:
        return parse_tariff_book(est.tariff)
    return load_default_tariff_book()


def _rejected(call_id: str, code: str, message: str) -> UsageResult:
    return UsageResult(id=call_id, status="rejected", code=code, message=message)


def _duplicate(session: Session, call: Call) -> UsageResult:
    debit = ledger.find_debit(session, call.id)
    if call.usage_outcome == "rejected":
        return _rejected(call.id, "usage_rejected", "Relevé refusé précédemment.")
    balance = debit.balance_after_cents if debit is not None else None
    return UsageResult(
        id=call.id,
        status="duplicate",
        price_cents=call.price_cents,
        balance_cents=balance,
    )


def record_usage(session: Session, booth: Booth, record: UsageRecord, now: datetime) -> UsageResult:
    """Apply one usage record in the caller's transaction (the caller commits)."""
    call = session.execute(
        select(Call).where(Call.id == record.call_id).with_for_update()
    ).scalar_one_or_none()
    if call is None:
        return _rejected(record.call_id, "unknown_call", "Appel inconnu du serveur central.")
    if call.booth_id != booth.id:
        return _rejected(
            record.call_id, "wrong_booth", "Cet appel n'a pas été passé par cette cabine."
        )
    if call.detainee_id != record.detainee_id:
        return _rejected(
            record.call_id, "wrong_detainee", "Cet appel concerne une autre personne détenue."
        )
    if call.usage_received_at is not None:
        return _duplicate(session, call)
    if record.plan != call.plan:
        log.warning("usage plan differs from the call's plan", extra={"call_id": call.id})
    seconds = record.connected_seconds
    if record.connected_at is None:
        seconds = 0  # never connected: never billed
    else:
        # Never more than the wall time between connection and end (booth clock).
        wall = (record.ended_at - record.connected_at).total_seconds()
        seconds = min(seconds, max(0, math.ceil(wall)))
    if call.allowed_seconds is not None:
        seconds = min(seconds, max(call.allowed_seconds, 0))
    est = session.get(Establishment, call.establishment_id)
    try:
        book = tariff_book_for(est)
        tariff = book.in_force(record.connected_at or record.started_at)
        price = price_call(tariff, call.plan, seconds)
    except (TariffError, ValueError):
        call.usage_received_at = now
        call.usage_outcome = "rejected"
        return _rejected(record.call_id, "unknown_plan", "Formule de paiement inconnue.")
    cents = price.total_cents
    call.usage_received_at = now
    call.usage_started_at = record.started_at
    call.usage_connected_at = record.connected_at
    call.usage_ended_at = record.ended_at
    call.connected_seconds = seconds
    call.price_cents = cents
    call.booth_price_cents = record.price_cents
    call.usage_outcome = "accepted"
    if call.status not in ("ended", "failed", "cancelled"):
        call.status = "ended"
    if call.ended_at is None:
        call.ended_at = record.ended_at
    if call.end_reason is None:
        call.end_reason = record.end_reason
    balance: int | None = None
    if cents > 0:
        entry, _created = ledger.debit_call(
            session,
            call.detainee_id,
            call.id,
            cents,
            at=now,
            plan=call.plan,
            connected_seconds=seconds,
            actor=f"booth:{booth.id}",
        )
        balance = entry.balance_after_cents
    else:
        detainee = ledger.lock_detainee(session, call.detainee_id)
        balance = detainee.balance_cents
    if record.price_cents is not None and record.price_cents != cents:
        log.warning(
            "booth price differs from central price",
            extra={"call_id": call.id, "booth_cents": record.price_cents, "cents": cents},
        )
    audit.append(
        session,
        f"booth:{booth.id}",
        "usage_recorded",
        f"call:{call.id}",
        {
            "connected_seconds": seconds,
            "price_cents": cents,
            "booth_price_cents": record.price_cents,
            "tariff_version": price.tariff_version,
            "end_reason": record.end_reason,
        },
        at=now,
    )
    session.flush()
    return UsageResult(id=call.id, status="accepted", price_cents=cents, balance_cents=balance)
