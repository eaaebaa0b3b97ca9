"""Helpers for tests (and benches) that talk to the real central server."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from sync.settings import BoothSection, BoothSettings, CentralSection, SyncSection


def booth_settings(
    url: str, token: str, data_dir: Path, *, timeout_s: float = 5.0, batch_size: int = 50
) -> BoothSettings:
    return BoothSettings(
        booth=BoothSection(name="Cabine test", data_dir=data_dir),
        central=CentralSection(url=url, token=token, timeout_s=timeout_s),
        sync=SyncSection(
            interval_s=0.2, batch_size=batch_size, backoff_base_s=0.05, backoff_max_s=0.3
        ),
    )


@dataclass(frozen=True)
class PlannedCall:
    call_id: str
    detainee_id: int
    booking_id: int
    contact_id: int
    plan: str
    seconds: int  # connected seconds if the call runs to its end


_slot = itertools.count(random.randrange(1, 10_000) * 1000)


def unique_start() -> datetime:
    """A booking start no other test uses (a booth holds one booking per start)."""
    return datetime(2020, 1, 1, tzinfo=UTC) + timedelta(minutes=30 * next(_slot))


def plan_calls(
    server: Any, n: int, *, detainees: int = 3, balance_cents: int = 100_000
) -> list[PlannedCall]:
    """Detainees with a booking and a contact on central, and `n` calls created there."""
    out: list[PlannedCall] = []
    people = []
    for _ in range(detainees):
        d = server.create_detainee(balance_cents=balance_cents)
        c = server.create_contact(d)
        b = server.create_booking(d, starts_at=unique_start())
        people.append((d, c, b))
    for i in range(n):
        d, c, b = people[i % len(people)]
        call_id = server.create_call(b, c, allowed_seconds=1800)
        out.append(PlannedCall(call_id, d, b, c, "hors-forfait", 30 + (i * 7) % 90))
    return out


def central_usage(server: Any, call_ids: list[str]) -> dict[str, dict[str, Any]]:
    """What central holds for these calls: usage, connected seconds, price, debits."""
    from central.db.models import Call, LedgerEntry

    out: dict[str, dict[str, Any]] = {}
    with server.session() as s:
        calls = s.scalars(select(Call).where(Call.id.in_(call_ids))).all()
        debits = dict(
            s.execute(
                select(LedgerEntry.call_id, func.count())
                .where(LedgerEntry.call_id.in_(call_ids), LedgerEntry.kind == "debit")
                .group_by(LedgerEntry.call_id)
            ).all()
        )
        sums = dict(
            s.execute(
                select(LedgerEntry.call_id, func.sum(LedgerEntry.amount_cents))
                .where(LedgerEntry.call_id.in_(call_ids), LedgerEntry.kind == "debit")
                .group_by(LedgerEntry.call_id)
            ).all()
        )
        for c in calls:
            out[c.id] = {
                "received": c.usage_received_at is not None,
                "outcome": c.usage_outcome,
                "seconds": c.connected_seconds,
                "price_cents": c.price_cents,
                "booth_price_cents": c.booth_price_cents,
                "plan": c.plan,
                "debits": int(debits.get(c.id, 0)),
                "debited_cents": int(sums.get(c.id, 0) or 0),
                "end_reason": c.end_reason,
            }
    return out
