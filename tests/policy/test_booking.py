from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy.booking import (
    Booking,
    BookingConfigError,
    BookingRules,
    OpeningHours,
    QuotaPeriod,
    Slot,
    TimeRange,
    available_slots,
    check_booking,
    check_cancellation,
    slot_grid,
)
from policy.refusals import Decision, RefusalCode

PARIS = ZoneInfo("Europe/Paris")
HOURS = OpeningHours.parse(
    {
        "mon": ["08:00-12:00", "13:30-18:00"],
        "tue": ["08:00-12:00", "13:30-18:00"],
        "wed": ["08:00-12:00"],
        "thu": ["08:00-12:00", "13:30-18:00"],
        "fri": ["08:00-12:00", "13:30-18:00"],
        "sat": ["09:00-11:00"],
    }
)
RULES = BookingRules()
# Thursday 26 November 2026, 10:00 in Paris (09:00 UTC)
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def local(d: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(d, time(hh, mm), tzinfo=PARIS)


def slot_at(d: date, hh: int, mm: int = 0, minutes: int = 30) -> Slot:
    start = local(d, hh, mm)
    return Slot(start, start + timedelta(minutes=minutes))


def refused(decision: Decision) -> RefusalCode | None:
    return decision.refusal.code if decision.refusal else None


def book(
    slot: Slot,
    existing: list[Booking],
    booth: str = "b1",
    detainee: str = "d1",
    now: datetime = NOW,
    rules: BookingRules = RULES,
    priority: bool = False,
) -> Decision:
    return check_booking(
        slot=slot,
        booth_id=booth,
        detainee_id=detainee,
        existing=existing,
        hours=HOURS,
        rules=rules,
        now=now,
        priority=priority,
    )


# --- the grid ---------------------------------------------------------------


def test_grid_of_a_weekday_with_two_ranges() -> None:
    grid = slot_grid(HOURS, date(2026, 11, 30), RULES)  # Monday
    starts = [s.start.astimezone(PARIS).strftime("%H:%M") for s in grid]
    assert starts[:3] == ["08:00", "08:30", "09:00"]
    assert "11:30" in starts and "12:00" not in starts and "13:00" not in starts
    assert "13:30" in starts and starts[-1] == "17:30"
    assert len(grid) == 8 + 9
    assert all(s.end - s.start == timedelta(minutes=30) for s in grid)
    assert all(s.start.tzinfo is UTC for s in grid)


def test_closed_days_and_closed_dates() -> None:
    assert slot_grid(HOURS, date(2026, 11, 29), RULES) == ()  # Sunday
    holiday = OpeningHours(HOURS.weekly, closed_dates=frozenset({date(2026, 12, 25)}))
    assert slot_grid(holiday, date(2026, 12, 25), RULES) == ()
    assert slot_grid(holiday, date(2026, 12, 24), RULES) != ()


def test_gap_and_slot_length_are_configurable() -> None:
    rules = BookingRules(slot_minutes=20, gap_minutes=10)
    grid = slot_grid(HOURS, date(2026, 12, 2), rules)  # Wednesday 08:00-12:00
    starts = [s.start.astimezone(PARIS).strftime("%H:%M") for s in grid]
    assert starts == ["08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]
    assert all(s.end - s.start == timedelta(minutes=20) for s in grid)
    rules = BookingRules(slot_minutes=45, gap_minutes=15)
    grid = slot_grid(HOURS, date(2026, 12, 2), rules)
    assert [s.start.astimezone(PARIS).hour for s in grid] == [8, 9, 10, 11]
    assert grid[-1].end.astimezone(PARIS).time() == time(11, 45)


def test_spring_forward_2026_skips_the_missing_hour() -> None:
    night = OpeningHours.every_day("00:00-05:00")
    grid = slot_grid(night, date(2026, 3, 29))  # last Sunday of March
    starts = [s.start.astimezone(PARIS).strftime("%H:%M") for s in grid]
    assert starts == ["00:00", "00:30", "01:00", "01:30", "03:00", "03:30", "04:00", "04:30"]
    assert all(s.end - s.start == timedelta(minutes=30) for s in grid)
    assert all(a.end <= b.start for a, b in itertools.pairwise(grid))
    # 01:30 CET ends at 03:00 CEST: the same instant as the next slot's start
    assert grid[3].end == grid[4].start


def test_fall_back_2026_offers_the_repeated_hour_once() -> None:
    night = OpeningHours.every_day("00:00-05:00")
    grid = slot_grid(night, date(2026, 10, 25))  # last Sunday of October
    local_starts = [s.start.astimezone(PARIS) for s in grid]
    assert [d.strftime("%H:%M") for d in local_starts] == [
        "00:00", "00:30", "01:00", "01:30", "02:00", "02:30", "03:00", "03:30", "04:00", "04:30",
    ]  # fmt: skip
    assert local_starts[4].utcoffset() == timedelta(hours=2)  # first 02:00 (CEST)
    assert local_starts[6].utcoffset() == timedelta(hours=1)  # 03:00 CET
    assert all(s.end - s.start == timedelta(minutes=30) for s in grid)
    assert all(a.end <= b.start for a, b in itertools.pairwise(grid))


def test_dst_days_during_opening_hours_are_normal() -> None:
    for d in (date(2026, 3, 29), date(2026, 10, 25)):
        grid = slot_grid(OpeningHours.every_day("08:00-20:00"), d)
        assert len(grid) == 24
        assert grid[0].start.astimezone(PARIS).time() == time(8, 0)
    assert slot_grid(OpeningHours.every_day("08:00-20:00"), date(2026, 3, 29))[0].start == (
        datetime(2026, 3, 29, 6, 0, tzinfo=UTC)
    )
    assert slot_grid(OpeningHours.every_day("08:00-20:00"), date(2026, 10, 25))[0].start == (
        datetime(2026, 10, 25, 7, 0, tzinfo=UTC)
    )


@pytest.mark.parametrize(
    "bad",
    [
        lambda: TimeRange.parse("12:00-08:00"),
        lambda: TimeRange.parse("8h-12h"),
        lambda: OpeningHours.parse({"lundi?": ["08:00-09:00"]}),
        lambda: OpeningHours.parse({"mon": ["08:00-10:00", "09:00-11:00"]}),
        lambda: OpeningHours({}, timezone="Mars/Olympus"),
        lambda: BookingRules(slot_minutes=0),
        lambda: BookingRules(gap_minutes=-5),
        lambda: BookingRules(horizon_days=30, priority_horizon_days=10),
        lambda: BookingRules(min_notice=timedelta(hours=-1)),
    ],
)
def test_bad_configuration_is_refused(bad: object) -> None:
    with pytest.raises(BookingConfigError):
        bad()  # type: ignore[operator]


# --- booking checks -----------------------------------------------------------

MON = date(2026, 11, 30)


def test_a_free_slot_is_accepted() -> None:
    assert book(slot_at(MON, 9), [])


def test_past_and_not_offered_slots() -> None:
    assert refused(book(slot_at(date(2026, 11, 26), 8), [])) is RefusalCode.SLOT_IN_PAST
    assert refused(book(slot_at(MON, 12, 30), [])) is RefusalCode.SLOT_NOT_OFFERED  # lunch
    assert refused(book(slot_at(MON, 9, 15), [])) is RefusalCode.SLOT_NOT_OFFERED  # off grid
    assert refused(book(slot_at(MON, 9, 0, 60), [])) is RefusalCode.SLOT_NOT_OFFERED
    assert refused(book(slot_at(date(2026, 11, 29), 9), [])) is RefusalCode.SLOT_NOT_OFFERED


def test_minimum_notice() -> None:
    today = date(2026, 11, 26)  # now is 10:00 Paris
    assert refused(book(slot_at(today, 11, 30), [])) is RefusalCode.NOTICE_TOO_SHORT
    assert book(slot_at(today, 14, 0), [])
    assert book(slot_at(today, 11, 30), [], rules=BookingRules(min_notice=timedelta(0)))


def test_horizon_and_priority() -> None:
    far = date(2026, 12, 17)  # Thursday, 21 days ahead
    assert refused(book(slot_at(far, 9), [])) is RefusalCode.TOO_FAR_AHEAD
    assert book(slot_at(far, 9), [], priority=True)
    assert refused(book(slot_at(date(2026, 12, 31), 9), [], priority=True)) is (
        RefusalCode.TOO_FAR_AHEAD
    )
    assert book(slot_at(date(2026, 12, 10), 9), [])  # 14 days: last day allowed


def test_one_booking_per_booth_per_slot() -> None:
    taken = [Booking("b1", "d2", slot_at(MON, 9))]
    assert refused(book(slot_at(MON, 9), taken)) is RefusalCode.SLOT_TAKEN
    assert book(slot_at(MON, 9), taken, booth="b2")
    assert book(slot_at(MON, 9, 30), taken)


def test_no_overlap_for_a_detainee() -> None:
    mine = [Booking("b2", "d1", slot_at(MON, 9))]
    decision = book(slot_at(MON, 9), mine, booth="b1")
    assert refused(decision) is RefusalCode.DETAINEE_OVERLAP
    assert decision.refusal is not None and "déjà un rendez-vous" in decision.refusal.message


def test_weekly_quota() -> None:
    rules = BookingRules(quota=2)
    week = [
        Booking("b1", "d1", slot_at(MON, 8)),
        Booking("b1", "d1", slot_at(date(2026, 12, 1), 8)),
    ]
    assert refused(book(slot_at(date(2026, 12, 3), 8), week, rules=rules)) is (
        RefusalCode.QUOTA_REACHED
    )
    assert book(slot_at(date(2026, 12, 7), 8), week, rules=rules)  # next ISO week
    assert book(slot_at(date(2026, 12, 3), 8), week, detainee="d2", rules=rules)
    assert book(slot_at(date(2026, 12, 3), 8), week, rules=BookingRules(quota=None))


def test_monthly_quota_one_a_month() -> None:
    rules = BookingRules(quota=1, quota_period=QuotaPeriod.MONTH, horizon_days=60,
                         priority_horizon_days=60)  # fmt: skip
    existing = [Booking("b1", "d1", slot_at(MON, 8))]  # 30 November
    assert refused(book(slot_at(date(2026, 11, 27), 8), existing, rules=rules)) is (
        RefusalCode.QUOTA_REACHED
    )
    assert book(slot_at(date(2026, 12, 1), 8), existing, rules=rules)


def test_quota_period_uses_local_dates() -> None:
    # Sunday 23:30 UTC on 6 Dec = Monday 00:30 Paris on 7 Dec: next week
    rules = BookingRules(quota=1)
    night = OpeningHours.every_day("00:00-02:00")
    existing = [Booking("b1", "d1", slot_at(date(2026, 12, 1), 0))]
    slot = Slot(datetime(2026, 12, 6, 23, 30, tzinfo=UTC), datetime(2026, 12, 7, 0, 0, tzinfo=UTC))
    ok = check_booking(slot=slot, booth_id="b1", detainee_id="d1", existing=existing,
                       hours=night, rules=rules, now=NOW)  # fmt: skip
    assert ok


def test_available_slots_match_check_booking() -> None:
    existing = [Booking("b1", "d2", slot_at(MON, 9)), Booking("b2", "d1", slot_at(MON, 10))]
    free = available_slots(day=MON, booth_id="b1", detainee_id="d1", existing=existing,
                           hours=HOURS, rules=RULES, now=NOW)  # fmt: skip
    starts = {s.start.astimezone(PARIS).strftime("%H:%M") for s in free}
    assert "09:00" not in starts and "10:00" not in starts and "08:00" in starts
    assert len(free) == 17 - 2


def test_cancellation() -> None:
    slot = slot_at(date(2026, 11, 26), 13, 0)  # now is 10:00 Paris, 3 h before
    assert check_cancellation(slot=slot, rules=RULES, now=NOW)
    late = NOW + timedelta(hours=1, minutes=30)
    assert refused(check_cancellation(slot=slot, rules=RULES, now=late)) is (
        RefusalCode.CANCELLATION_TOO_LATE
    )
    assert check_cancellation(slot=slot, rules=RULES, now=late, by_staff=True)
    started = NOW + timedelta(hours=3)
    assert refused(check_cancellation(slot=slot, rules=RULES, now=started, by_staff=True)) is (
        RefusalCode.BOOKING_STARTED
    )


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        Slot(datetime(2026, 1, 1, 9), datetime(2026, 1, 1, 10))
    with pytest.raises(ValueError):
        book(slot_at(MON, 9), [], now=datetime(2026, 11, 26, 9))


# --- property: accepted bookings never overlap --------------------------------

GRID_DAYS = [date(2026, 11, 30) + timedelta(days=i) for i in range(7)]
GRID = [s for d in GRID_DAYS for s in slot_grid(HOURS, d, RULES)]
ODD_SLOTS = [slot_at(MON, 9, 15), slot_at(MON, 9, 0, 60), slot_at(date(2026, 11, 26), 8)]

requests = st.lists(
    st.tuples(
        st.sampled_from(["b1", "b2"]),
        st.sampled_from(["d1", "d2", "d3"]),
        st.sampled_from(GRID[:12] + ODD_SLOTS),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(reqs=requests, quota=st.one_of(st.none(), st.integers(min_value=0, max_value=4)))
def test_accepted_bookings_never_overlap(
    reqs: list[tuple[str, str, Slot]], quota: int | None
) -> None:
    rules = BookingRules(quota=quota)
    accepted: list[Booking] = []
    for booth, detainee, slot in reqs:
        if book(slot, accepted, booth=booth, detainee=detainee, rules=rules):
            accepted.append(Booking(booth, detainee, slot))
    for i, a in enumerate(accepted):
        assert a.slot in GRID
        for b in accepted[i + 1 :]:
            if a.slot.overlaps(b.slot):
                assert a.booth_id != b.booth_id
                assert a.detainee_id != b.detainee_id
    if quota is not None:
        for d in ("d1", "d2", "d3"):
            assert sum(1 for b in accepted if b.detainee_id == d) <= quota


# --- configuration round trips ------------------------------------------------


def test_opening_hours_round_trip() -> None:
    assert OpeningHours.parse(HOURS.as_mapping()) == HOURS
    assert HOURS.as_mapping()["mon"] == ["08:00-12:00", "13:30-18:00"]
    assert "sun" not in HOURS.as_mapping()


def test_booking_rules_from_configuration() -> None:
    assert BookingRules.parse({}) == BookingRules()
    rules = BookingRules.parse(
        {"slot_minutes": 20, "gap_minutes": 10, "quota": 1, "quota_period": "month",
         "min_notice_minutes": 1440, "cancel_limit_minutes": 60, "horizon_days": 30,
         "max_call_seconds": 1200}
    )  # fmt: skip
    assert rules.slot_length == timedelta(minutes=20)
    assert rules.quota == 1 and rules.quota_period is QuotaPeriod.MONTH
    assert rules.min_notice == timedelta(days=1) and rules.cancel_limit == timedelta(hours=1)
    assert rules.horizon_days == 30 and rules.priority_horizon_days == 30
    assert rules.max_call_seconds == 1200
    assert BookingRules.parse({"quota": None}).quota is None


@pytest.mark.parametrize(
    "bad",
    [{"slot_minutes": "30"}, {"quota": 1.5}, {"quota_period": "year"}, {"slots": 3},
     {"gap_minutes": True}, {"slot_minutes": -30}],
)  # fmt: skip
def test_booking_rules_configuration_errors(bad: dict[str, object]) -> None:
    with pytest.raises(BookingConfigError):
        BookingRules.parse(bad)
