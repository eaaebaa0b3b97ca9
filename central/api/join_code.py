"""The relative's side: code entry (no account, rate-limited) and the rules' answers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from central.api.deps import ClockDep, SessionDep, get_secret_key
from central.api.errors import ERROR_RESPONSES, ApiError
from central.services import invitations as inv_service

router = APIRouter(tags=["proches"])

KeyDep = Annotated[bytes, Depends(get_secret_key)]

MSG_LINK = "Ce lien n'est plus valable. Saisissez à nouveau le code reçu par SMS."
MSG_RULES = "Cochez chacune des règles pour pouvoir rejoindre l'appel."
MSG_MINORS = (
    "Des mineurs ne peuvent participer qu'avec l'accord des titulaires de l'autorité "
    "parentale. Cochez cette case, ou faites-les sortir de la pièce."
)


class CodeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(max_length=100)
    # The call id from the SMS link (`/rejoindre?c=...`): wrong tries count against that call.
    # A malformed hint is ignored (the code is then looked up alone), never an error.
    call_id: str | None = Field(default=None, max_length=200)


class CallSummary(BaseModel):
    id: str
    detainee_first_name: str
    establishment: str
    allowed_seconds: int | None
    status: str
    recorded: bool
    rules_accepted: bool
    code_expires_at: datetime | None = None


class JoinAnswer(BaseModel):
    join_token: str
    rejoin: bool
    call: CallSummary


class RulesBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    authorised_only: bool
    minors_present: bool
    parental_consent: bool | None = None
    no_indecent: bool
    recording_notice: bool


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post(
    "/api/v1/join/code",
    response_model=JoinAnswer,
    responses={
        **ERROR_RESPONSES,
        410: ERROR_RESPONSES[409],
        423: ERROR_RESPONSES[409],
        429: ERROR_RESPONSES[409],
    },
)
def enter_code(
    body: CodeBody, request: Request, session: SessionDep, clock: ClockDep, key: KeyDep
) -> Any:
    """Check the code typed by the relative. Errors never say whether a code exists."""
    try:
        granted = inv_service.attempt_code(
            session,
            key=key,
            code=body.code,
            now=clock.now(),
            address=client_address(request),
            call_hint=body.call_id,
        )
    except inv_service.JoinRefused as exc:
        session.commit()  # the wrong try counts
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
        return JSONResponse(exc.as_dict(), status_code=exc.status, headers=headers)
    summary = inv_service.call_summary(session, granted.call)
    summary["code_expires_at"] = granted.invitation.expires_at
    session.commit()
    return JoinAnswer(
        join_token=granted.join_token, rejoin=granted.rejoin, call=CallSummary(**summary)
    )


def _call_for(session: Any, token: str, now: datetime) -> Any:
    call = inv_service.resolve_join_token(session, token, now)
    if call is None:
        raise ApiError(404, "join_invalid", MSG_LINK)
    return call


@router.get("/api/v1/join/{join_token}", response_model=CallSummary, responses=ERROR_RESPONSES)
def join_state(join_token: str, session: SessionDep, clock: ClockDep) -> Any:
    """The call behind a join token (the page after a reload)."""
    call = _call_for(session, join_token, clock.now())
    return CallSummary(**inv_service.call_summary(session, call))


@router.post(
    "/api/v1/join/{join_token}/rules", response_model=CallSummary, responses=ERROR_RESPONSES
)
def accept_rules(join_token: str, body: RulesBody, session: SessionDep, clock: ClockDep) -> Any:
    """Store the relative's answers to the rules with the call (shown to monitors)."""
    now = clock.now()
    call = _call_for(session, join_token, now)
    if not (body.authorised_only and body.no_indecent and body.recording_notice):
        raise ApiError(422, "rules_not_accepted", MSG_RULES)
    if body.minors_present and body.parental_consent is not True:
        raise ApiError(422, "parental_consent_missing", MSG_MINORS)
    call.rules_accepted = True
    call.minors_present = body.minors_present
    call.minors_consent = body.parental_consent if body.minors_present else None
    call.capture_consent = body.recording_notice
    call.accepted_at = now
    from central.services import audit

    audit.append(
        session,
        "relative",
        "call.rules_accepted",
        f"call:{call.id}",
        {"minors_present": body.minors_present, "parental_consent": call.minors_consent},
        at=now,
    )
    session.commit()
    return CallSummary(**inv_service.call_summary(session, call))
