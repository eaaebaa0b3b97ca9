from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy.billing import Granularity, billed_seconds, price_call, round_cents
from policy.tariffs import PLANS, Tariff, TariffError

seconds = st.integers(min_value=0, max_value=4 * 3600)
plans = st.sampled_from(PLANS)
granularities = st.sampled_from(list(Granularity))


def test_600_seconds_off_plan_is_3_14(tariff: Tariff) -> None:
    price = price_call(tariff, "hors-forfait", 600)
    assert price.total == Decimal("3.14")
    assert price.usage == Decimal("3.00")
    assert price.connection_fee == Decimal("0.14")
    assert price.price_eur == "3.14"
    assert price.total_cents == 314
    assert price.tariff_version == "2021-05"


@pytest.mark.parametrize(
    ("plan", "secs", "expected"),
    [
        ("20", 60, "0.26"),
        ("30", 60, "0.25"),
        ("40", 60, "0.20"),
        ("50", 60, "0.27"),
        ("70", 60, "0.25"),
        ("100", 60, "0.20"),
        ("hors-forfait", 60, "0.44"),
        ("hors-forfait", 1800, "9.14"),
        ("50", 1800, "8.10"),
        # 0.30 * 7 / 60 = 0.035 exactly: half-up gives 0.04, + 0.14
        ("hors-forfait", 7, "0.18"),
        # 0.30 * 1 / 60 = 0.005 exactly: half-up gives 0.01 (banker's would give 0.00)
        ("30", 2, "0.01"),  # 0.25*2/60 = 0.00833 -> 0.01
        ("40", 1, "0.00"),  # 0.0033 -> 0.00
        ("20", 1, "0.00"),  # 0.0043 -> 0.00
        ("50", 61, "0.27"),  # 0.2745 -> 0.27
        ("20", 75, "0.33"),  # 0.325 exactly -> 0.33 (half-up)
    ],
)
def test_per_second_prices(tariff: Tariff, plan: str, secs: int, expected: str) -> None:
    assert price_call(tariff, plan, secs).total == Decimal(expected)


def test_rounding_is_half_up_once_per_call(tariff: Tariff) -> None:
    assert round_cents(Decimal("0.005")) == Decimal("0.01")
    assert round_cents(Decimal("0.325")) == Decimal("0.33")
    # rounding usage and fee separately would differ from rounding the total once:
    # 0.30 * 1 / 60 = 0.005 ; 0.005 + 0.14 = 0.145 -> 0.15 (once) — same here, but
    # per-minute-then-sum would give 0.30 + 0.14 for 1 s.
    assert price_call(tariff, "hors-forfait", 1).total == Decimal("0.15")


def test_zero_connected_seconds_costs_nothing_even_off_plan(tariff: Tariff) -> None:
    price = price_call(tariff, "hors-forfait", 0)
    assert price.total == Decimal("0.00")
    assert price.connection_fee == Decimal("0.00")
    assert price.billed_seconds == 0


def test_minute_granularity_counts_started_minutes(tariff: Tariff) -> None:
    assert billed_seconds(61, Granularity.MINUTE) == 120
    assert billed_seconds(60, Granularity.MINUTE) == 60
    assert billed_seconds(0, Granularity.MINUTE) == 0
    assert billed_seconds(1, "minute") == 60  # type: ignore[arg-type]
    assert price_call(tariff, "hors-forfait", 61, Granularity.MINUTE).total == Decimal("0.74")
    assert price_call(tariff, "20", 1, Granularity.MINUTE).total == Decimal("0.26")


@pytest.mark.parametrize("bad", [-1, 1.5, "60", True, None])
def test_bad_seconds_are_refused(tariff: Tariff, bad: object) -> None:
    with pytest.raises(ValueError, match="seconds"):
        price_call(tariff, "20", bad)  # type: ignore[arg-type]


def test_unknown_plan(tariff: Tariff) -> None:
    with pytest.raises(TariffError):
        price_call(tariff, "hors forfait", 60)


@settings(deadline=None)
@given(plan=plans, a=seconds, b=seconds, g=granularities)
def test_price_never_decreases_with_time(
    tariff: Tariff, plan: str, a: int, b: int, g: Granularity
) -> None:
    lo, hi = sorted((a, b))
    assert price_call(tariff, plan, lo, g).total <= price_call(tariff, plan, hi, g).total


@settings(deadline=None)
@given(plan=plans, g=granularities)
def test_zero_seconds_costs_zero(tariff: Tariff, plan: str, g: Granularity) -> None:
    assert price_call(tariff, plan, 0, g).total == 0


@settings(deadline=None)
@given(plan=plans, s=st.integers(min_value=1, max_value=4 * 3600), g=granularities)
def test_fee_applies_off_plan_only(tariff: Tariff, plan: str, s: int, g: Granularity) -> None:
    price = price_call(tariff, plan, s, g)
    if plan == "hors-forfait":
        assert price.connection_fee == Decimal("0.14")
        assert price.total >= Decimal("0.14")
    else:
        assert price.connection_fee == 0
    assert price.usage + price.connection_fee == price.total
    assert price.total == price.total.quantize(Decimal("0.01"))
    # never more than half a cent away from the exact price
    exact = price.per_minute * price.billed_seconds / 60 + price.connection_fee
    assert abs(price.total - exact) <= Decimal("0.005")
