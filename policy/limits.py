"""How long a call may last, whether it may start, and when to warn.

Allowed seconds = min(max call length (30 min, per establishment, with an
optional audited per-detainee override), seconds until the booked slot ends,
seconds the balance pays for after the connection fee). The price at the
allowed seconds never exceeds the balance.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from policy.billing import Granularity, price_call
from policy.refusals import Decision, RefusalCode
from policy.tariffs import Tariff, TariffError

#: Default maximum length of a call (the source document: 30 minutes).
MAX_CALL_SECONDS = 1800
#: Seconds left at which the booth warns (5 min, 1 min).
WARN_AT: tuple[int, ...] = (300, 60)
#: A call may start only if the balance pays the fee plus this many seconds.
MIN_START_SECONDS = 60


def _aware(when: datetime, name: str) -> datetime:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return when


def may_start(
    tariff: Tariff,
    plan: str,
    balance: Decimal,
    granularity: Granularity = Granularity.SECOND,
) -> Decision:
    """Allowed when the balance covers the connection fee plus one minute of the plan."""
    try:
        needed = price_call(tariff, plan, MIN_START_SECONDS, granularity).total
    except TariffError:
        return Decision.refuse(RefusalCode.UNKNOWN_PLAN)
    if balance < needed:
        return Decision.refuse(RefusalCode.BALANCE_TOO_LOW)
    return Decision.allow()


def balance_seconds(
    tariff: Tariff,
    plan: str,
    balance: Decimal,
    cap: int,
    granularity: Granularity = Granularity.SECOND,
) -> int:
    """The most connected seconds (at most `cap`) whose price is not above `balance`.

    Uses `price_call` itself (binary search on a non-decreasing price), so the
    rounding can never make the allowed time cost more than the balance.
    """
    if cap <= 0:
        return 0
    if price_call(tariff, plan, cap, granularity).total <= balance:
        return cap
    low, high = 0, cap  # price(low) <= balance < price(high)
    while high - low > 1:
        mid = (low + high) // 2
        if price_call(tariff, plan, mid, granularity).total <= balance:
            low = mid
        else:
            high = mid
    return low


def allowed_seconds(
    tariff: Tariff,
    plan: str,
    balance: Decimal,
    now: datetime,
    slot_end: datetime,
    max_call_seconds: int = MAX_CALL_SECONDS,
    override_max_seconds: int | None = None,
    granularity: Granularity = Granularity.SECOND,
) -> int:
    """Connected seconds a call starting at `now` may last (0 if none).

    `override_max_seconds` is the explicit, audited longer call decided for one
    detainee; it replaces `max_call_seconds` but never lifts the slot end or
    the balance. Raises TariffError for an unknown plan.
    """
    _aware(now, "now")
    _aware(slot_end, "slot_end")
    cap = override_max_seconds if override_max_seconds is not None else max_call_seconds
    until_slot_end = int((slot_end - now).total_seconds())
    cap = max(0, min(cap, until_slot_end))
    return balance_seconds(tariff, plan, balance, cap, granularity)


def warning_points(allowed: int, warn_at: tuple[int, ...] = WARN_AT) -> tuple[int, ...]:
    """Elapsed connected seconds at which to warn (5 min and 1 min left).

    A warning is skipped when the call is not longer than it (a 4-minute call
    gets no 5-minute warning), so every point is strictly after the start.
    """
    return tuple(sorted(allowed - w for w in warn_at if allowed > w))


def warnings_crossed(
    left_before: float, left_now: float, warn_at: tuple[int, ...] = WARN_AT
) -> tuple[int, ...]:
    """Warnings (in seconds left) crossed between two ticks, for a ticking call engine."""
    return tuple(w for w in sorted(warn_at, reverse=True) if left_before > w >= left_now)
