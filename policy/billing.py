"""Price of a call: connected seconds at the per-minute rate, rounded once per call.

DESIGN.md §2: only connected time is billed (both sides have media); per
second by default; usage + connection fee rounded ROUND_HALF_UP to the cent
once per call (600 s hors-forfait = 3.00 + 0.14 = 3.14); the fee only when
the call connected; 0 connected seconds costs 0.00.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from policy.tariffs import Tariff

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class Granularity(StrEnum):
    """How connected time is counted: per second (default) or per started minute."""

    SECOND = "second"
    MINUTE = "minute"


@dataclass(frozen=True)
class Price:
    """The price of one call. `total` is what is debited; `usage + connection_fee == total`."""

    plan: str
    tariff_version: str
    connected_seconds: int
    billed_seconds: int
    per_minute: Decimal
    connection_fee: Decimal
    usage: Decimal
    total: Decimal
    currency: str = "EUR"

    @property
    def total_cents(self) -> int:
        return int(self.total * 100)

    @property
    def price_eur(self) -> str:
        """Two decimals as text ("3.14"), for JSON and display."""
        return f"{self.total:.2f}"


def round_cents(amount: Decimal) -> Decimal:
    """Half-up to the cent (the only rounding rule of the project)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def check_seconds(connected_seconds: int) -> int:
    """Seconds must be a non-negative int (not bool, not float): ValueError otherwise."""
    if isinstance(connected_seconds, bool) or not isinstance(connected_seconds, int):
        raise ValueError(f"connected seconds must be an integer, got {connected_seconds!r}")
    if connected_seconds < 0:
        raise ValueError(f"connected seconds cannot be negative, got {connected_seconds}")
    return connected_seconds


def billed_seconds(connected_seconds: int, granularity: Granularity = Granularity.SECOND) -> int:
    """Seconds charged: the same per second, rounded up to whole minutes per started minute."""
    seconds = check_seconds(connected_seconds)
    if Granularity(granularity) is Granularity.MINUTE:
        return -(-seconds // 60) * 60
    return seconds


def price_call(
    tariff: Tariff,
    plan: str,
    connected_seconds: int,
    granularity: Granularity = Granularity.SECOND,
) -> Price:
    """Price of a call on `plan` that was connected `connected_seconds` seconds.

    Raises TariffError for an unknown plan, ValueError for bad seconds.
    """
    rate = tariff.rate(plan)
    billed = billed_seconds(connected_seconds, granularity)
    if billed == 0:
        return Price(
            plan=plan,
            tariff_version=tariff.version,
            connected_seconds=connected_seconds,
            billed_seconds=0,
            per_minute=rate.per_minute,
            connection_fee=ZERO,
            usage=ZERO,
            total=ZERO,
            currency=tariff.currency,
        )
    exact = rate.per_minute * billed / 60 + rate.connection_fee
    total = round_cents(exact)
    return Price(
        plan=plan,
        tariff_version=tariff.version,
        connected_seconds=connected_seconds,
        billed_seconds=billed,
        per_minute=rate.per_minute,
        connection_fee=rate.connection_fee,
        usage=total - rate.connection_fee,
        total=total,
        currency=tariff.currency,
    )
