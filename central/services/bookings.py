"""Bookings: central is the authority on who holds which booth slot.

Rules come from `policy.booking` (grid, notice, horizon, overlap, quota,
cancellation limit). Races are settled by the database, on both engines:
- the booth row and the detainee row are locked (`SELECT ... FOR UPDATE`,
  always in that order, so no deadlock) before the checks read the current
  bookings: two requests for one booth, or for one detainee, run one after
  the other on PostgreSQL; SQLite writers are serialised by `BEGIN IMMEDIATE`;
- partial unique indexes on active bookings (`booth_id, starts_at` and
  `detainee_id, starts_at`) refuse a duplicate even if the code were wrong.
A cancelled booking leaves the indexes and frees the slot.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central.db.models import Booking, Booth, Detainee, Establishment
from central.services import audit
from policy import booking as pb
from policy.authorisation import AccessStatus, VisioAccess
from policy.refusals import Refusal, RefusalCode

# Window of existing bookings the checks need (quota per month, overlaps).
_WINDOW = timedelta(days=40)


class Refused(Exception):
    """A policy refusal (HTTP 409 with its code and French message)."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.code.value)
        self.refusal = refusal


class NotFound(LookupError):
    """An unknown id, or one outside the booth's establishment (HTTP 404)."""


def _minutes(rules: Mapping[str, Any], key: str, default: timedelta) -> timedelta:
    value = rules.get(key)
    if value is None:
        return default
    return timedelta(minutes=int(value))


def policy_rules(est: Establishment) -> tuple[pb.OpeningHours, pb.BookingRules]:
    """The establishment's opening hours and booking rules as policy objects.

    `booking_rules` keys (all optional): quota, quota_period ("week"|"month"),
    min_notice_minutes, cancel_limit_minutes, horizon_days,
    priority_horizon_days, gap_minutes.
    """
    hours = pb.OpeningHours.parse(est.opening_hours or {}, est.timezone)
    raw = est.booking_rules or {}
    base = pb.BookingRules()
    quota = raw.get("quota", base.quota)
    rules = pb.BookingRules(
        slot_minutes=est.slot_minutes,
        gap_minutes=int(raw.get("gap_minutes", base.gap_minutes)),
        max_call_seconds=est.max_call_s,
        quota=None if quota is None else int(quota),
        quota_period=pb.QuotaPeriod(raw.get("quota_period", base.quota_period)),
        min_notice=_minutes(raw, "min_notice_minutes", base.min_notice),
        cancel_limit=_minutes(raw, "cancel_limit_minutes", base.cancel_limit),
        horizon_days=int(raw.get("horizon_days", base.horizon_days)),
        priority_horizon_days=int(
            raw.get(
                "priority_horizon_days",
                max(base.priority_horizon_days, int(raw.get("horizon_days", 0))),
            )
        ),
    )
    return hours, rules


def _as_policy(b: Booking) -> pb.Booking:
    return pb.Booking(
        booth_id=b.booth_id,
        detainee_id=b.detainee_id,
        slot=pb.Slot(b.starts_at, b.ends_at),
        booking_id=b.id,
    )


def _existing(
    session: Session, booth_id: int, detainee_id: int, around: datetime
) -> list[pb.Booking]:
    rows = session.execute(
        select(Booking).where(
            Booking.status == "active",
            or_(Booking.booth_id == booth_id, Booking.detainee_id == detainee_id),
            Booking.starts_at >= around - _WINDOW,
            Booking.starts_at <= around + _WINDOW,
        )
    ).scalars()
    return [_as_policy(b) for b in rows]


def _detainee_in(session: Session, est_id: int, detainee_id: int, lock: bool) -> Detainee:
    stmt = select(Detainee).where(Detainee.id == detainee_id)
    if lock:
        stmt = stmt.with_for_update()
    detainee = session.execute(stmt).scalar_one_or_none()
    if detainee is None or detainee.establishment_id != est_id:
        raise NotFound("Personne détenue inconnue.")
    return detainee


def _check_access(detainee: Detainee, now: datetime) -> None:
    try:
        status = AccessStatus(detainee.access_status)
    except ValueError:
        status = AccessStatus.SUSPENDED
    access = VisioAccess(status, detainee.access_suspended_until)
    match access.effective_status(now):
        case AccessStatus.WITHDRAWN:
            raise Refused(Refusal.of(RefusalCode.ACCESS_WITHDRAWN))
        case AccessStatus.SUSPENDED:
            raise Refused(Refusal.of(RefusalCode.ACCESS_SUSPENDED))


def check_detainee(session: Session, booth: Booth, detainee_id: int) -> None:
    """NotFound unless the detainee belongs to the booth's establishment."""
    _detainee_in(session, booth.establishment_id, detainee_id, lock=False)


def free_slots(
    session: Session, booth: Booth, detainee_id: int, day: date, now: datetime
) -> list[pb.Slot]:
    """The slots of `day` on this booth that the detainee may book now."""
    est = session.get(Establishment, booth.establishment_id)
    assert est is not None
    detainee = _detainee_in(session, est.id, detainee_id, lock=False)
    hours, rules = policy_rules(est)
    around = datetime.combine(day, datetime.min.time(), tzinfo=hours.zone)
    return list(
        pb.available_slots(
            day=day,
            booth_id=booth.id,
            detainee_id=detainee.id,
            existing=_existing(session, booth.id, detainee.id, around),
            hours=hours,
            rules=rules,
            now=now,
            priority=detainee.priority,
        )
    )


def create_booking(
    session: Session,
    booth: Booth,
    detainee_id: int,
    starts_at: datetime,
    now: datetime,
    *,
    client_ref: str | None = None,
    actor: str = "booth",
) -> tuple[Booking, bool]:
    """Book the slot starting at `starts_at` on `booth`. Returns (booking, created now).

    Raises Refused (policy) or NotFound. The caller commits; on a unique
    index violation at flush the transaction is rolled back and a Refused
    (slot taken / detainee overlap) is raised.
    """
    if client_ref is not None:
        same = session.execute(
            select(Booking).where(Booking.booth_id == booth.id, Booking.client_ref == client_ref)
        ).scalar_one_or_none()
        if same is not None:
            if same.detainee_id != detainee_id or same.starts_at != starts_at:
                raise Refused(Refusal.of(RefusalCode.SLOT_TAKEN))
            return same, False
    est = session.get(Establishment, booth.establishment_id)
    assert est is not None
    # Lock order: booth, then detainee (the same in every transaction: no deadlock).
    session.execute(select(Booth.id).where(Booth.id == booth.id).with_for_update())
    detainee = _detainee_in(session, est.id, detainee_id, lock=True)
    _check_access(detainee, now)
    hours, rules = policy_rules(est)
    slot = pb.Slot(starts_at, starts_at + rules.slot_length)
    decision = pb.check_booking(
        slot=slot,
        booth_id=booth.id,
        detainee_id=detainee.id,
        existing=_existing(session, booth.id, detainee.id, starts_at),
        hours=hours,
        rules=rules,
        now=now,
        priority=detainee.priority,
    )
    if decision.refusal is not None:
        raise Refused(decision.refusal)
    booking = Booking(
        establishment_id=est.id,
        booth_id=booth.id,
        detainee_id=detainee.id,
        starts_at=slot.start,
        ends_at=slot.end,
        status="active",
        client_ref=client_ref,
        created_at=now,
        created_by=actor,
    )
    session.add(booking)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        taken = session.execute(
            select(Booking.id).where(
                Booking.status == "active",
                Booking.booth_id == booth.id,
                Booking.starts_at == slot.start,
            )
        ).first()
        code = RefusalCode.SLOT_TAKEN if taken else RefusalCode.DETAINEE_OVERLAP
        raise Refused(Refusal.of(code)) from None
    audit.append(
        session,
        actor,
        "booking_created",
        f"booking:{booking.id}",
        {
            "booth_id": booth.id,
            "detainee_id": detainee.id,
            "starts_at": slot.start.isoformat(),
        },
        at=now,
    )
    return booking, True


def cancel_booking(
    session: Session,
    booth: Booth,
    booking_id: int,
    now: datetime,
    *,
    by_staff: bool = False,
    actor: str = "booth",
) -> Booking:
    """Cancel a booking of the booth's establishment (idempotent: cancelled stays cancelled)."""
    booking = session.execute(
        select(Booking).where(Booking.id == booking_id).with_for_update()
    ).scalar_one_or_none()
    if booking is None or booking.establishment_id != booth.establishment_id:
        raise NotFound("Rendez-vous introuvable.")
    if booking.status == "cancelled":
        return booking
    est = session.get(Establishment, booking.establishment_id)
    assert est is not None
    _hours, rules = policy_rules(est)
    decision = pb.check_cancellation(
        slot=pb.Slot(booking.starts_at, booking.ends_at), rules=rules, now=now, by_staff=by_staff
    )
    if decision.refusal is not None:
        raise Refused(decision.refusal)
    booking.status = "cancelled"
    booking.cancelled_at = now
    booking.cancelled_by = actor[:100]
    session.flush()
    audit.append(
        session,
        actor,
        "booking_cancelled",
        f"booking:{booking.id}",
        {"booth_id": booth.id, "by_staff": by_staff},
        at=now,
    )
    return booking
