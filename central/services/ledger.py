"""The telephony account ledger: credits and debits in cents, never a debit twice.

The balance lives on the detainee row and is changed in the same
transaction as the ledger entry, after locking that row (PostgreSQL
`FOR UPDATE`; SQLite writers are serialised by `BEGIN IMMEDIATE`). The
partial unique index on `(call_id) WHERE kind = 'debit'` is the database's
own guarantee that one call is debited at most once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.db.models import Detainee, LedgerEntry


class LedgerError(ValueError):
    """A ledger operation that cannot be done (unknown detainee, bad amount)."""


def lock_detainee(session: Session, detainee_id: int) -> Detainee:
    detainee = session.execute(
        select(Detainee).where(Detainee.id == detainee_id).with_for_update()
    ).scalar_one_or_none()
    if detainee is None:
        raise LedgerError(f"personne détenue inconnue : {detainee_id}")
    return detainee


def credit(
    session: Session,
    detainee_id: int,
    amount_cents: int,
    *,
    at: datetime,
    reason: str = "crédit",
    actor: str = "",
    external_ref: str | None = None,
) -> tuple[LedgerEntry, bool]:
    """Top up the account. With `external_ref`, the same reference twice credits once.

    Returns the entry and whether it was created now.
    """
    if isinstance(amount_cents, bool) or not isinstance(amount_cents, int) or amount_cents <= 0:
        raise LedgerError("le montant d'un crédit doit être un nombre entier de centimes positif")
    detainee = lock_detainee(session, detainee_id)
    if external_ref is not None:
        existing = session.execute(
            select(LedgerEntry).where(LedgerEntry.external_ref == external_ref)
        ).scalar_one_or_none()
        if existing is not None:
            return existing, False
    detainee.balance_cents += amount_cents
    entry = LedgerEntry(
        detainee_id=detainee.id,
        kind="credit",
        amount_cents=amount_cents,
        balance_after_cents=detainee.balance_cents,
        reason=reason[:200],
        actor=actor[:100],
        external_ref=external_ref,
        created_at=at,
    )
    session.add(entry)
    session.flush()
    return entry, True


def find_debit(session: Session, call_id: str) -> LedgerEntry | None:
    return session.execute(
        select(LedgerEntry).where(LedgerEntry.call_id == call_id, LedgerEntry.kind == "debit")
    ).scalar_one_or_none()


def debit_call(
    session: Session,
    detainee_id: int,
    call_id: str,
    amount_cents: int,
    *,
    at: datetime,
    plan: str | None = None,
    connected_seconds: int | None = None,
    actor: str = "",
) -> tuple[LedgerEntry, bool]:
    """Debit the price of one call, once: a second debit of the same call returns the first."""
    if isinstance(amount_cents, bool) or not isinstance(amount_cents, int) or amount_cents < 0:
        raise LedgerError("le montant d'un débit doit être un nombre entier de centimes positif")
    detainee = lock_detainee(session, detainee_id)
    existing = find_debit(session, call_id)
    if existing is not None:
        return existing, False
    detainee.balance_cents -= amount_cents
    entry = LedgerEntry(
        detainee_id=detainee.id,
        kind="debit",
        amount_cents=amount_cents,
        balance_after_cents=detainee.balance_cents,
        call_id=call_id,
        plan=plan,
        connected_seconds=connected_seconds,
        reason="appel visio",
        actor=actor[:100],
        created_at=at,
    )
    session.add(entry)
    session.flush()
    return entry, True


@dataclass(frozen=True)
class BalanceMismatch:
    detainee_id: int
    balance_cents: int
    ledger_cents: int


def check_balances(session: Session) -> list[BalanceMismatch]:
    """Detainees whose balance differs from the sum of their ledger (should be none)."""
    rows = session.execute(
        select(
            LedgerEntry.detainee_id, LedgerEntry.kind, func.sum(LedgerEntry.amount_cents)
        ).group_by(LedgerEntry.detainee_id, LedgerEntry.kind)
    ).all()
    totals: dict[int, int] = {}
    for detainee_id, kind, amount in rows:
        sign = 1 if kind == "credit" else -1
        totals[detainee_id] = totals.get(detainee_id, 0) + sign * int(amount or 0)
    out = []
    for detainee in session.execute(select(Detainee)).scalars():
        expected = totals.get(detainee.id, 0)
        if detainee.balance_cents != expected:
            out.append(BalanceMismatch(detainee.id, detainee.balance_cents, expected))
    return out
