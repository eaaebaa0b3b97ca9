"""Booth API: health, server time, reference data, slots, bookings, usage, reports.

Every `/api/v1` endpoint here except `/time` needs the booth's bearer token.
Bodies are the `sync.wire` models; errors are the common JSON shape.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from central.api.deps import BoothDep, ClockDep, SessionDep
from central.api.errors import ERROR_RESPONSES, ApiError
from central.db.models import AuditEntry
from central.db.models import SelfTestReport as SelfTestRow
from central.services import audit, reference, usage
from central.services import bookings as svc
from sync import wire

router = APIRouter()

P = wire.API_PREFIX
BOOTH_TAG = "cabines"


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {k: v for k, v in ERROR_RESPONSES.items() if k in codes}


AUTH_ERRORS = _errors(401, 422)
BOOKING_ERRORS = _errors(401, 404, 409, 413, 422)
PUSH_ERRORS = _errors(400, 401, 413, 422)

RowIdPath = Annotated[int, Path(ge=1, le=wire.MAX_ROW_ID)]
#: Slots are only computed within this many days of today (beyond: an empty list).
MAX_SLOT_DAYS = 400


@router.get("/healthz", tags=["santé"], response_model=wire.Health)
def healthz() -> wire.Health:
    return wire.Health()


@router.get(f"{P}/time", tags=[BOOTH_TAG], response_model=wire.ServerTime)
def server_time(clock: ClockDep) -> wire.ServerTime:
    """Server time, for the booths' clock check (no authentication)."""
    return wire.ServerTime(now=clock.now())


@router.get(
    f"{P}/booth/reference",
    tags=[BOOTH_TAG],
    response_model=wire.ReferenceBatch,
    responses={**AUTH_ERRORS, 400: ERROR_RESPONSES[400]},
)
def booth_reference(
    booth: BoothDep,
    session: SessionDep,
    clock: ClockDep,
    cursor: Annotated[str | None, Query(max_length=32)] = None,
) -> wire.ReferenceBatch:
    """Reference data of the booth's establishment changed since `cursor`."""
    now = clock.now()
    try:
        batch = reference.reference_batch(session, booth, cursor, now)
    except reference.CursorError:
        raise ApiError(
            400, "invalid_cursor", "Curseur inconnu : recommencez sans curseur."
        ) from None
    booth.last_seen_at = now
    session.commit()
    return batch


@router.get(
    f"{P}/slots",
    tags=[BOOTH_TAG],
    response_model=wire.SlotList,
    responses={**AUTH_ERRORS, 404: ERROR_RESPONSES[404]},
)
def slots(
    booth: BoothDep,
    session: SessionDep,
    clock: ClockDep,
    date: Annotated[dt.date, Query(description="local date YYYY-MM-DD")],
    detainee_id: Annotated[int, Query(ge=1, le=wire.MAX_ROW_ID)],
) -> wire.SlotList:
    """Bookable slots on this booth for the detainee on that day."""
    now = clock.now()
    try:
        if abs((date - now.date()).days) > MAX_SLOT_DAYS:
            svc.check_detainee(session, booth, detainee_id)
            free = []  # far outside any booking horizon: nothing to offer
        else:
            free = svc.free_slots(session, booth, detainee_id, date, now)
    except svc.NotFound as exc:
        raise ApiError(404, "not_found", str(exc)) from None
    return wire.SlotList(
        date=date,
        booth_id=booth.id,
        detainee_id=detainee_id,
        slots=[wire.SlotOut(starts_at=s.start, ends_at=s.end) for s in free],
    )


@router.post(
    f"{P}/bookings",
    tags=[BOOTH_TAG],
    status_code=201,
    response_model=wire.BookingOut,
    responses={**BOOKING_ERRORS, 200: {"model": wire.BookingOut, "description": "Déjà réservé"}},
)
def create_booking(
    body: wire.BookingRequest,
    booth: BoothDep,
    session: SessionDep,
    clock: ClockDep,
    response: Response,
) -> wire.BookingOut:
    """Book a slot on this booth (409 with the policy code when refused)."""
    try:
        booking, created = svc.create_booking(
            session,
            booth,
            body.detainee_id,
            body.starts_at,
            clock.now(),
            client_ref=body.client_ref,
            actor=f"booth:{booth.id}",
        )
        session.commit()
    except svc.NotFound as exc:
        raise ApiError(404, "not_found", str(exc)) from None
    except svc.Refused as exc:
        raise ApiError(409, exc.refusal.code.value, exc.refusal.message) from None
    except IntegrityError:
        # A concurrent transaction won at commit time (the unique indexes said no).
        session.rollback()
        raise ApiError(
            409, "slot_taken", "Ce créneau est déjà pris. Choisissez un autre horaire."
        ) from None
    if not created:
        response.status_code = 200
    return wire.BookingOut.model_validate(reference.booking_ref(booking).model_dump())


@router.delete(
    f"{P}/bookings/{{booking_id}}",
    tags=[BOOTH_TAG],
    response_model=wire.BookingOut,
    responses=BOOKING_ERRORS,
)
def cancel_booking(
    booking_id: RowIdPath,
    booth: BoothDep,
    session: SessionDep,
    clock: ClockDep,
    by_staff: Annotated[bool, Query(description="cancelled by a guard")] = False,
) -> wire.BookingOut:
    """Cancel a booking (idempotent); frees the slot."""
    try:
        booking = svc.cancel_booking(
            session, booth, booking_id, clock.now(), by_staff=by_staff, actor=f"booth:{booth.id}"
        )
        session.commit()
    except svc.NotFound as exc:
        raise ApiError(404, "not_found", str(exc)) from None
    except svc.Refused as exc:
        raise ApiError(409, exc.refusal.code.value, exc.refusal.message) from None
    return wire.BookingOut.model_validate(reference.booking_ref(booking).model_dump())


@router.post(
    f"{P}/usage",
    tags=[BOOTH_TAG],
    response_model=wire.UsageAck,
    responses=PUSH_ERRORS,
)
def post_usage(
    body: wire.UsageBatch, booth: BoothDep, session: SessionDep, clock: ClockDep
) -> wire.UsageAck:
    """Usage records, idempotent by call id: the same call twice is debited once."""
    results: list[wire.UsageResult] = []
    for record in body.records:
        try:
            result = usage.record_usage(session, booth, record, clock.now())
            session.commit()
        except IntegrityError:
            # Lost a race with the same record from another request: it is recorded.
            session.rollback()
            result = usage.record_usage(session, booth, record, clock.now())
            session.commit()
        results.append(result)
    return wire.UsageAck(results=results)


@router.post(
    f"{P}/selftests",
    tags=[BOOTH_TAG],
    response_model=wire.PushAck,
    responses=PUSH_ERRORS,
)
def post_selftests(
    body: wire.SelfTestBatch, booth: BoothDep, session: SessionDep, clock: ClockDep
) -> wire.PushAck:
    """Self-test reports of this booth, idempotent by client id."""
    results: list[wire.ItemResult] = []
    for report in body.reports:
        exists = session.execute(
            select(SelfTestRow.id).where(
                SelfTestRow.booth_id == booth.id, SelfTestRow.client_id == report.client_id
            )
        ).first()
        if exists is not None:
            results.append(wire.ItemResult(id=report.client_id, status="duplicate"))
            continue
        now = clock.now()
        session.add(
            SelfTestRow(
                booth_id=booth.id,
                client_id=report.client_id,
                at=report.at,
                ok=report.ok,
                results=[r.model_dump(mode="json") for r in report.results],
                received_at=now,
            )
        )
        audit.append(
            session,
            f"booth:{booth.id}",
            "selftest_report",
            f"booth:{booth.id}",
            {"ok": report.ok, "failed": [r.name for r in report.results if not r.ok]},
            at=now,
        )
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            results.append(wire.ItemResult(id=report.client_id, status="duplicate"))
            continue
        results.append(wire.ItemResult(id=report.client_id, status="accepted"))
    return wire.PushAck(results=results)


@router.post(
    f"{P}/audit",
    tags=[BOOTH_TAG],
    response_model=wire.PushAck,
    responses=PUSH_ERRORS,
)
def post_audit(
    body: wire.AuditBatch, booth: BoothDep, session: SessionDep, clock: ClockDep
) -> wire.PushAck:
    """Audit events that happened on this booth, chained into the central log."""
    results: list[wire.ItemResult] = []
    for event in body.events:
        ref = f"booth:{booth.id}:{event.client_id}"
        before = session.execute(select(AuditEntry.seq).where(AuditEntry.client_ref == ref)).first()
        if before is not None:
            results.append(wire.ItemResult(id=event.client_id, status="duplicate"))
            continue
        details = dict(event.details)
        details["booth_at"] = event.at.isoformat()
        audit.append(
            session,
            f"booth:{booth.id}/{event.actor}",
            event.action,
            event.subject,
            details,
            at=clock.now(),
            client_ref=ref,
        )
        session.commit()
        results.append(wire.ItemResult(id=event.client_id, status="accepted"))
    return wire.PushAck(results=results)
