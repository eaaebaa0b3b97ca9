"""Booth endpoints for calls: start a call (invitation + SMS), read it, end it."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from central.api.deps import BoothDep, ClockDep, SessionDep, SettingsDep, get_secret_key
from central.api.errors import ERROR_RESPONSES, ApiError
from central.db.models import Call
from central.services import calls as call_service
from central.services.sms import HttpSmsGateway, SmsGateway
from central.settings import CentralSettings

router = APIRouter(tags=["appels"])

KeyDep = Annotated[bytes, Depends(get_secret_key)]


class StartCallBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    booking_id: int = Field(ge=1, le=2**62)
    contact_id: int = Field(ge=1, le=2**62)


class StartCallAnswer(BaseModel):
    call_id: str
    status: str
    created: bool
    expires_at: datetime
    masked_number: str
    allowed_seconds: int
    plan: str
    tariff_version: str
    balance_cents: int
    recorded: bool
    join_url: str


class EndCallBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(
        default="hangup_detainee", min_length=1, max_length=32, pattern=r"^[a-z0-9_]+$"
    )


class CallState(BaseModel):
    call_id: str
    status: str
    allowed_seconds: int | None
    relative_joined: bool
    rules_accepted: bool
    minors_present: bool | None
    ended_at: datetime | None
    end_reason: str | None


def public_url(request: Request, settings: CentralSettings) -> str:
    return settings.server.public_url or str(request.base_url).rstrip("/")


def sms_gateway(request: Request, settings: CentralSettings) -> SmsGateway | None:
    """The HTTP provider adapter (built once per app), or None for the local outbox."""
    if settings.sms.backend != "http":
        return None
    gw: SmsGateway | None = getattr(request.app.state, "central_calls_sms_gateway", None)
    if gw is None:
        gw = HttpSmsGateway(
            settings.sms.url,
            auth_header=settings.sms.auth_header,
            body_template=settings.sms.body_template or None,
            timeout_s=settings.sms.timeout_s,
            retries=settings.sms.retries,
        )
        request.app.state.central_calls_sms_gateway = gw
    return gw


def _mask(number: str) -> str:
    from policy.phone import mask

    return mask(number)


@router.post(
    "/api/v1/calls",
    response_model=StartCallAnswer,
    status_code=201,
    responses={
        **ERROR_RESPONSES,
        200: {"model": StartCallAnswer, "description": "Appel déjà en cours (même requête)"},
        502: {**ERROR_RESPONSES[409], "description": "SMS non envoyé"},
    },
)
def start_call(
    body: StartCallBody,
    request: Request,
    response: Response,
    booth: BoothDep,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    key: KeyDep,
) -> Any:
    """Start a call for a booking: checks, call row, invitation code, SMS to the contact."""
    now = clock.now()
    gateway = sms_gateway(request, settings)
    try:
        started = call_service.start_call(
            session,
            booth=booth,
            booking_id=body.booking_id,
            contact_id=body.contact_id,
            now=now,
            key=key,
            ttl_s=settings.invitations.ttl_s,
            max_tries=settings.invitations.max_tries,
            max_call_s=settings.limits.max_call_s,
            public_url=public_url(request, settings),
            store_sms_body=gateway is None,
        )
    except call_service.CallRefused as exc:
        session.rollback()
        raise ApiError(exc.status, exc.code, exc.message) from None
    session.commit()
    if started.created and gateway is not None:
        if not call_service.send_sms_after_commit(session, gateway, started, clock.now()):
            raise ApiError(502, "sms_failed", call_service.MSG_SMS_FAILED)
    if not started.created:
        response.status_code = 200
    call = started.call
    return StartCallAnswer(
        call_id=call.id,
        status=call.status,
        created=started.created,
        expires_at=started.invitation.expires_at,
        masked_number=_mask(call.phone_e164),
        allowed_seconds=int(call.allowed_seconds or 0),
        plan=call.plan,
        tariff_version=started.tariff_version,
        balance_cents=started.balance_cents,
        recorded=call.recorded,
        join_url=call_service.join_link(public_url(request, settings), call.id),
    )


CALL_ID = re.compile(r"^[0-9a-fA-F-]{1,64}$")


def _own_call(session: Session, booth_id: int, call_id: str) -> Call:
    call = session.get(Call, call_id) if CALL_ID.match(call_id) else None
    if call is None or call.booth_id != booth_id:
        raise ApiError(404, "call_not_found", "Cet appel est introuvable.")
    return call


def _state(call: Call) -> CallState:
    return CallState(
        call_id=call.id,
        status=call.status,
        allowed_seconds=call.allowed_seconds,
        relative_joined=call.relative_joined_at is not None,
        rules_accepted=call.rules_accepted,
        minors_present=call.minors_present,
        ended_at=call.ended_at,
        end_reason=call.end_reason,
    )


@router.get("/api/v1/calls/{call_id}", response_model=CallState, responses=ERROR_RESPONSES)
def get_call(call_id: str, booth: BoothDep, session: SessionDep) -> Any:
    """The state of one of this booth's calls."""
    return _state(_own_call(session, booth.id, call_id))


@router.post("/api/v1/calls/{call_id}/end", response_model=CallState, responses=ERROR_RESPONSES)
def end_call(
    call_id: str, body: EndCallBody, booth: BoothDep, session: SessionDep, clock: ClockDep
) -> Any:
    """The booth ends its call (idempotent: ending an ended call answers its state)."""
    _own_call(session, booth.id, call_id)
    call = call_service.end_call(
        session, call_id, body.reason, clock.now(), ended_by=f"booth:{booth.id}"
    )
    assert call is not None
    session.commit()
    return _state(call)
