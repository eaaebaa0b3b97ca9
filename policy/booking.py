"""Booking rules: the slot grid of an establishment and the checks on a booking.

Slots are built from wall-clock opening hours in the establishment's time
zone (Europe/Paris by default) and converted to UTC with zoneinfo. On DST
days a start time that does not exist (spring forward) is skipped; an
ambiguous one (fall back) is taken at its first occurrence; a slot always
lasts its real length in UTC.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from policy.refusals import Decision, RefusalCode

#: Day names accepted by `OpeningHours.parse`, Monday first (datetime.weekday()).
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

Id = int | str


class BookingConfigError(ValueError):
    """Bad opening hours or booking rules (configuration, not a detainee's mistake)."""


class QuotaPeriod(StrEnum):
    """Period over which the booking quota counts (local calendar week or month)."""

    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class TimeRange:
    """An opening range on one day, local wall-clock times, `start < end`."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise BookingConfigError("les heures d'ouverture sont des heures locales sans fuseau")
        if not self.start < self.end:
            raise BookingConfigError(
                f"plage horaire vide ou inversée : {self.start:%H:%M}-{self.end:%H:%M}"
            )

    @classmethod
    def parse(cls, text: str) -> TimeRange:
        """Parse "08:00-12:00" into a TimeRange."""
        try:
            left, right = text.split("-")
            return cls(time.fromisoformat(left.strip()), time.fromisoformat(right.strip()))
        except ValueError as exc:
            if isinstance(exc, BookingConfigError):
                raise
            raise BookingConfigError(
                f"plage horaire illisible {text!r} (attendu HH:MM-HH:MM)"
            ) from None


def _start(r: TimeRange) -> time:
    return r.start


@dataclass(frozen=True)
class OpeningHours:
    """Opening hours per weekday (0 = Monday), several ranges a day, in one time zone."""

    weekly: Mapping[int, tuple[TimeRange, ...]]
    timezone: str = "Europe/Paris"
    closed_dates: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        for day, ranges in self.weekly.items():
            if day not in range(7):
                raise BookingConfigError(f"jour de semaine invalide : {day}")
            ordered = sorted(ranges, key=lambda r: r.start)
            for a, b in itertools.pairwise(ordered):
                if b.start < a.end:
                    raise BookingConfigError(
                        f"plages qui se chevauchent le {WEEKDAYS[day]} : "
                        f"{a.start:%H:%M}-{a.end:%H:%M} et {b.start:%H:%M}-{b.end:%H:%M}"
                    )
        try:
            ZoneInfo(self.timezone)
        except (KeyError, ValueError):
            raise BookingConfigError(f"fuseau horaire inconnu : {self.timezone!r}") from None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def as_mapping(self) -> dict[str, list[str]]:
        """`{"mon": ["08:00-12:00", ...]}`, the form `parse` reads (closed days left out)."""
        return {
            WEEKDAYS[day]: [f"{r.start:%H:%M}-{r.end:%H:%M}" for r in sorted(ranges, key=_start)]
            for day, ranges in sorted(self.weekly.items())
            if ranges
        }

    def ranges_on(self, day: date) -> tuple[TimeRange, ...]:
        if day in self.closed_dates:
            return ()
        return tuple(sorted(self.weekly.get(day.weekday(), ()), key=lambda r: r.start))

    @classmethod
    def every_day(cls, *ranges: str, timezone: str = "Europe/Paris") -> OpeningHours:
        """The same ranges every day, e.g. `every_day("08:00-20:00")`."""
        parsed = tuple(TimeRange.parse(r) for r in ranges)
        return cls({d: parsed for d in range(7)}, timezone=timezone)

    @classmethod
    def parse(
        cls, mapping: Mapping[str, Sequence[str]], timezone: str = "Europe/Paris"
    ) -> OpeningHours:
        """`{"mon": ["08:00-12:00", "13:30-18:00"], ...}` → OpeningHours (missing day = closed)."""
        weekly: dict[int, tuple[TimeRange, ...]] = {}
        for name, ranges in mapping.items():
            key = name.strip().lower()[:3]
            if key not in WEEKDAYS:
                raise BookingConfigError(f"jour inconnu : {name!r} (attendu {', '.join(WEEKDAYS)})")
            if isinstance(ranges, str):
                ranges = [ranges]
            weekly[WEEKDAYS.index(key)] = tuple(TimeRange.parse(r) for r in ranges)
        return cls(weekly, timezone=timezone)


@dataclass(frozen=True)
class BookingRules:
    """Per-establishment booking rules (DESIGN.md §2 policies, all configurable)."""

    slot_minutes: int = 30
    gap_minutes: int = 0
    max_call_seconds: int = 1800
    quota: int | None = 3
    quota_period: QuotaPeriod = QuotaPeriod.WEEK
    min_notice: timedelta = timedelta(hours=2)
    cancel_limit: timedelta = timedelta(hours=2)
    horizon_days: int = 14
    priority_horizon_days: int = 28

    def __post_init__(self) -> None:
        if self.slot_minutes <= 0:
            raise BookingConfigError("la durée d'un créneau doit être positive")
        if self.gap_minutes < 0:
            raise BookingConfigError("l'intervalle entre créneaux ne peut pas être négatif")
        if self.max_call_seconds <= 0:
            raise BookingConfigError("la durée maximale d'un appel doit être positive")
        if self.quota is not None and self.quota < 0:
            raise BookingConfigError("le quota ne peut pas être négatif")
        if self.min_notice < timedelta(0) or self.cancel_limit < timedelta(0):
            raise BookingConfigError("les délais ne peuvent pas être négatifs")
        if self.horizon_days < 0 or self.priority_horizon_days < self.horizon_days:
            raise BookingConfigError(
                "l'horizon prioritaire doit être au moins égal à l'horizon normal"
            )

    @property
    def slot_length(self) -> timedelta:
        return timedelta(minutes=self.slot_minutes)

    @classmethod
    def parse(cls, mapping: Mapping[str, object]) -> BookingRules:
        """Rules from configuration (TOML/JSON); durations in minutes, missing keys = defaults.

        Keys: slot_minutes, gap_minutes, max_call_seconds, quota (null = none),
        quota_period ("week"|"month"), min_notice_minutes, cancel_limit_minutes,
        horizon_days, priority_horizon_days.
        """
        ints = {
            "slot_minutes", "gap_minutes", "max_call_seconds", "horizon_days",
            "priority_horizon_days", "min_notice_minutes", "cancel_limit_minutes",
        }  # fmt: skip
        unknown = sorted(set(mapping) - ints - {"quota", "quota_period"})
        if unknown:
            raise BookingConfigError(f"règles de réservation : clés inconnues {', '.join(unknown)}")
        values: dict[str, int] = {}
        for key in ints & set(mapping):
            value = mapping[key]
            if isinstance(value, bool) or not isinstance(value, int):
                raise BookingConfigError(f"règles de réservation : {key} doit être un entier")
            values[key] = value
        quota = mapping.get("quota", cls.quota)
        if quota is not None and (isinstance(quota, bool) or not isinstance(quota, int)):
            raise BookingConfigError("règles de réservation : quota doit être un entier ou vide")
        try:
            period = QuotaPeriod(str(mapping.get("quota_period", QuotaPeriod.WEEK.value)))
        except ValueError:
            raise BookingConfigError(
                'règles de réservation : quota_period doit valoir "week" ou "month"'
            ) from None
        defaults = cls()
        return cls(
            slot_minutes=values.get("slot_minutes", defaults.slot_minutes),
            gap_minutes=values.get("gap_minutes", defaults.gap_minutes),
            max_call_seconds=values.get("max_call_seconds", defaults.max_call_seconds),
            quota=quota,
            quota_period=period,
            min_notice=timedelta(
                minutes=values.get(
                    "min_notice_minutes", int(defaults.min_notice.total_seconds()) // 60
                )
            ),
            cancel_limit=timedelta(
                minutes=values.get(
                    "cancel_limit_minutes", int(defaults.cancel_limit.total_seconds()) // 60
                )
            ),
            horizon_days=values.get("horizon_days", defaults.horizon_days),
            priority_horizon_days=values.get(
                "priority_horizon_days",
                max(defaults.priority_horizon_days, values.get("horizon_days", 0)),
            ),
        )


@dataclass(frozen=True, order=True)
class Slot:
    """A bookable time, aware UTC datetimes, `start < end`."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        for value in (self.start, self.end):
            if value.tzinfo is None or value.utcoffset() is None:
                raise ValueError("slot times must be timezone-aware")
        if not self.start < self.end:
            raise ValueError("a slot must end after it starts")
        object.__setattr__(self, "start", self.start.astimezone(UTC))
        object.__setattr__(self, "end", self.end.astimezone(UTC))

    def overlaps(self, other: Slot) -> bool:
        return self.start < other.end and other.start < self.end

    def local(self, timezone: str = "Europe/Paris") -> tuple[datetime, datetime]:
        zone = ZoneInfo(timezone)
        return self.start.astimezone(zone), self.end.astimezone(zone)


@dataclass(frozen=True)
class Booking:
    """An accepted (not cancelled) booking, as the checks need it."""

    booth_id: Id
    detainee_id: Id
    slot: Slot
    booking_id: Id | None = field(default=None, compare=False)


def _wall_to_utc(day: date, wall: time, zone: ZoneInfo) -> datetime | None:
    """Local wall time → UTC; None if it does not exist that day (DST spring forward).

    Ambiguous times (fall back) resolve to their first occurrence (fold=0).
    """
    local = datetime.combine(day, wall, tzinfo=zone)
    utc = local.astimezone(UTC)
    back = utc.astimezone(zone)
    if back.replace(tzinfo=None) != local.replace(tzinfo=None):
        return None
    return utc


def slot_grid(
    hours: OpeningHours, day: date, rules: BookingRules | None = None
) -> tuple[Slot, ...]:
    """The slots of one local date: every `slot_minutes` (plus `gap_minutes`) in each range.

    A slot fits in its range in real (UTC) time; a start time that does not
    exist is skipped; on a fall-back day the repeated hour is offered once.
    """
    rules = rules or BookingRules()
    zone = hours.zone
    step = timedelta(minutes=rules.slot_minutes + rules.gap_minutes)
    slots: list[Slot] = []
    for rng in hours.ranges_on(day):
        range_end = _wall_to_utc(day, rng.end, zone)
        if range_end is None:  # the range ends in a missing hour: it ends at the jump
            range_end = datetime.combine(day, rng.end, tzinfo=zone).astimezone(UTC)
        cursor = datetime.combine(day, rng.start)
        end_wall = datetime.combine(day, rng.end)
        while cursor + rules.slot_length <= end_wall:
            start = _wall_to_utc(day, cursor.time(), zone)
            if start is not None:
                end = start + rules.slot_length
                candidate = Slot(start, end)
                if end <= range_end and not any(candidate.overlaps(s) for s in slots):
                    slots.append(candidate)
            cursor += step
    return tuple(sorted(slots))


def local_date(when: datetime, timezone: str = "Europe/Paris") -> date:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("times must be timezone-aware")
    return when.astimezone(ZoneInfo(timezone)).date()


def _period_key(when: datetime, period: QuotaPeriod, timezone: str) -> tuple[int, int]:
    day = local_date(when, timezone)
    if period is QuotaPeriod.MONTH:
        return day.year, day.month
    iso = day.isocalendar()
    return iso.year, iso.week


def check_booking(
    *,
    slot: Slot,
    booth_id: Id,
    detainee_id: Id,
    existing: Iterable[Booking],
    hours: OpeningHours,
    rules: BookingRules,
    now: datetime,
    priority: bool = False,
) -> Decision:
    """May `detainee_id` book `slot` on `booth_id`? `existing`: the accepted bookings.

    Checks, in order: not past, offered by the grid, minimum notice, horizon
    (longer for a priority detainee), detainee overlap, booth taken, quota.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    if slot.start <= now:
        return Decision.refuse(RefusalCode.SLOT_IN_PAST)
    day = local_date(slot.start, hours.timezone)
    if slot not in slot_grid(hours, day, rules):
        return Decision.refuse(RefusalCode.SLOT_NOT_OFFERED)
    if slot.start - now < rules.min_notice:
        return Decision.refuse(RefusalCode.NOTICE_TOO_SHORT)
    horizon = rules.priority_horizon_days if priority else rules.horizon_days
    if (day - local_date(now, hours.timezone)).days > horizon:
        return Decision.refuse(RefusalCode.TOO_FAR_AHEAD)
    bookings = list(existing)
    mine = [b for b in bookings if b.detainee_id == detainee_id]
    if any(b.slot.overlaps(slot) for b in mine):
        return Decision.refuse(RefusalCode.DETAINEE_OVERLAP)
    if any(b.booth_id == booth_id and b.slot.overlaps(slot) for b in bookings):
        return Decision.refuse(RefusalCode.SLOT_TAKEN)
    if rules.quota is not None:
        key = _period_key(slot.start, rules.quota_period, hours.timezone)
        used = sum(
            1 for b in mine if _period_key(b.slot.start, rules.quota_period, hours.timezone) == key
        )
        if used >= rules.quota:
            return Decision.refuse(RefusalCode.QUOTA_REACHED)
    return Decision.allow()


def available_slots(
    *,
    day: date,
    booth_id: Id,
    detainee_id: Id,
    existing: Iterable[Booking],
    hours: OpeningHours,
    rules: BookingRules,
    now: datetime,
    priority: bool = False,
) -> tuple[Slot, ...]:
    """The slots of `day` that `check_booking` would accept (for the slot picker)."""
    bookings = list(existing)
    return tuple(
        s
        for s in slot_grid(hours, day, rules)
        if check_booking(
            slot=s,
            booth_id=booth_id,
            detainee_id=detainee_id,
            existing=bookings,
            hours=hours,
            rules=rules,
            now=now,
            priority=priority,
        )
    )


def check_cancellation(
    *, slot: Slot, rules: BookingRules, now: datetime, by_staff: bool = False
) -> Decision:
    """A detainee may cancel until `cancel_limit` before the start; staff until the start."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    if slot.start <= now:
        return Decision.refuse(RefusalCode.BOOKING_STARTED)
    if not by_staff and slot.start - now < rules.cancel_limit:
        return Decision.refuse(RefusalCode.CANCELLATION_TOO_LATE)
    return Decision.allow()
