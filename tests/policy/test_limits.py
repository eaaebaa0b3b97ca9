from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy.billing import Granularity, price_call
from policy.limits import (
    MAX_CALL_SECONDS,
    WARN_AT,
    allowed_seconds,
    balance_seconds,
    may_start,
    warning_points,
    warnings_crossed,
)
from policy.refusals import RefusalCode
from policy.tariffs import PLANS, Tariff, TariffError

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=2)


def test_may_start_needs_fee_plus_one_minute(tariff: Tariff) -> None:
    assert may_start(tariff, "hors-forfait", Decimal("0.44"))
    no = may_start(tariff, "hors-forfait", Decimal("0.43"))
    assert not no
    assert no.refusal is not None
    assert no.refusal.code is RefusalCode.BALANCE_TOO_LOW
    assert "crédit" in no.refusal.message
    assert may_start(tariff, "50", Decimal("0.27"))
    assert not may_start(tariff, "50", Decimal("0.26"))
    assert not may_start(tariff, "20", Decimal("0"))
    unknown = may_start(tariff, "nope", Decimal("100"))
    assert unknown.refusal is not None and unknown.refusal.code is RefusalCode.UNKNOWN_PLAN


def test_30_minutes_is_the_cap(tariff: Tariff) -> None:
    assert allowed_seconds(tariff, "20", Decimal("100"), NOW, LATER) == MAX_CALL_SECONDS == 1800


def test_slot_end_caps(tariff: Tariff) -> None:
    end = NOW + timedelta(minutes=12, seconds=30)
    assert allowed_seconds(tariff, "20", Decimal("100"), NOW, end) == 750
    assert allowed_seconds(tariff, "20", Decimal("100"), NOW, NOW) == 0
    assert allowed_seconds(tariff, "20", Decimal("100"), NOW, NOW - timedelta(minutes=1)) == 0


def test_balance_caps_after_the_fee(tariff: Tariff) -> None:
    # 2.00 off-plan: 2.00 - 0.14 = 1.86 at 0.30/min -> 372 s (price 1.86 + 0.14 = 2.00)
    secs = allowed_seconds(tariff, "hors-forfait", Decimal("2.00"), NOW, LATER)
    assert price_call(tariff, "hors-forfait", secs).total <= Decimal("2.00")
    assert price_call(tariff, "hors-forfait", secs + 1).total > Decimal("2.00")
    assert 370 <= secs <= 375
    # 1.00 on the 40 plan = 5 minutes (and a little rounding slack)
    secs = allowed_seconds(tariff, "40", Decimal("1.00"), NOW, LATER)
    assert price_call(tariff, "40", secs).total == Decimal("1.00")
    assert price_call(tariff, "40", secs + 1).total > Decimal("1.00")


def test_balance_below_one_second_gives_zero(tariff: Tariff) -> None:
    assert allowed_seconds(tariff, "hors-forfait", Decimal("0.10"), NOW, LATER) == 0
    assert allowed_seconds(tariff, "hors-forfait", Decimal("-5"), NOW, LATER) == 0


def test_override_is_explicit_and_still_bounded(tariff: Tariff) -> None:
    far = NOW + timedelta(hours=3)
    assert (
        allowed_seconds(tariff, "20", Decimal("100"), NOW, far, override_max_seconds=3600) == 3600
    )
    assert (
        allowed_seconds(tariff, "20", Decimal("100"), NOW, LATER, override_max_seconds=3 * 3600)
        == 7200
    )  # slot end still caps
    assert allowed_seconds(tariff, "20", Decimal("100"), NOW, far, max_call_seconds=1200) == 1200


def test_minute_granularity_balance(tariff: Tariff) -> None:
    secs = allowed_seconds(
        tariff, "hors-forfait", Decimal("0.74"), NOW, LATER, granularity=Granularity.MINUTE
    )
    assert secs == 120  # 2 started minutes = 0.60 + 0.14


def test_naive_times_are_refused(tariff: Tariff) -> None:
    with pytest.raises(ValueError, match="aware"):
        allowed_seconds(tariff, "20", Decimal("1"), datetime(2026, 1, 1), LATER)


def test_unknown_plan_raises(tariff: Tariff) -> None:
    with pytest.raises(TariffError):
        allowed_seconds(tariff, "x", Decimal("1"), NOW, LATER)


def test_warning_points() -> None:
    assert WARN_AT == (300, 60)
    assert warning_points(1800) == (1500, 1740)
    assert warning_points(301) == (1, 241)
    assert warning_points(300) == (240,)  # no 5-minute warning at the very start
    assert warning_points(60) == ()
    assert warning_points(0) == ()


def test_warnings_crossed_between_ticks() -> None:
    assert warnings_crossed(301, 299.5) == (300,)
    assert warnings_crossed(300, 299) == ()  # already given at exactly 300
    assert warnings_crossed(400, 30) == (300, 60)
    assert warnings_crossed(59, 10) == ()


@settings(deadline=None)
@given(
    plan=st.sampled_from(PLANS),
    balance_cents=st.integers(min_value=-500, max_value=5000),
    slot_left=st.integers(min_value=-600, max_value=3 * 3600),
    max_call=st.integers(min_value=1, max_value=3600),
    g=st.sampled_from(list(Granularity)),
)
def test_allowed_never_exceeds_cap_slot_or_balance(
    tariff: Tariff, plan: str, balance_cents: int, slot_left: int, max_call: int, g: Granularity
) -> None:
    balance = Decimal(balance_cents) / 100
    end = NOW + timedelta(seconds=slot_left)
    secs = allowed_seconds(
        tariff, plan, balance, NOW, end, max_call_seconds=max_call, granularity=g
    )
    assert 0 <= secs <= max_call
    assert secs <= max(0, slot_left)
    assert price_call(tariff, plan, secs, g).total <= max(balance, Decimal(0))
    # and it is the most the balance allows within the other caps
    if secs < min(max_call, max(0, slot_left)):
        assert price_call(tariff, plan, secs + 1, g).total > balance
    assert secs <= MAX_CALL_SECONDS or max_call > MAX_CALL_SECONDS


@settings(deadline=None)
@given(plan=st.sampled_from(PLANS), balance_cents=st.integers(min_value=0, max_value=2000))
def test_may_start_implies_at_least_a_minute(tariff: Tariff, plan: str, balance_cents: int) -> None:
    balance = Decimal(balance_cents) / 100
    if may_start(tariff, plan, balance):
        assert balance_seconds(tariff, plan, balance, 1800) >= 60
