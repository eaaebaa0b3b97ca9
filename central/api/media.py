"""SDP offer/answer endpoints of the relay, for the booth and for the relative's page.

`POST /api/v1/calls/{call_id}/media` (booth token) and
`POST /api/v1/join/{join_token}/media` (the relative, after the rules) take a
complete offer (no trickle ICE) and return the relay's complete answer.
The relay itself knows nothing of the database: a `MediaBackend` turns a
booth/call or a join token into a `CallMediaInfo` and receives the relay's
events. `startup(app)` builds the relay from `app.state.settings` (or uses
`app.state.relay` / `app.state.media_backend` if a test put them there).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from central.api.deps import get_session, require_booth
from central.relay.base import (
    CallMediaInfo,
    CallOutcome,
    CallRelay,
    RelayError,
    RelayListener,
    SessionDescription,
)

log = logging.getLogger(__name__)

__all__ = ["MediaBackend", "get_session", "require_booth", "router", "shutdown", "startup"]

router = APIRouter(tags=["media"])


class Sdp(BaseModel):
    sdp: str = Field(min_length=10, max_length=100_000)
    type: str = Field(pattern="^(offer)$")


class SdpAnswer(BaseModel):
    sdp: str
    type: str


class MediaBackend(Protocol):
    """Central's facts about calls, and the relay's events going back to central."""

    listener: RelayListener

    async def booth_call(self, booth: Any, call_id: str, session: Any) -> CallMediaInfo:
        """`session` is the request's (it already holds the booth check); release it after."""
        ...

    async def join_call(self, join_token: str, session: Any) -> CallMediaInfo: ...


def _error(exc: RelayError) -> JSONResponse:
    return JSONResponse({"error": {"code": exc.code, "message": exc.message}},
                        status_code=exc.status)


def _relay(request: Request) -> CallRelay:
    relay = getattr(request.app.state, "relay", None)
    if relay is None:
        raise RelayError("unavailable", "Le relais vidéo n'est pas démarré.", 503)
    return relay  # type: ignore[no-any-return]


def _backend(request: Request) -> MediaBackend:
    backend = getattr(request.app.state, "media_backend", None)
    if backend is None:
        raise RelayError("unavailable", "Le relais vidéo n'est pas démarré.", 503)
    return backend  # type: ignore[no-any-return]


@router.post("/api/v1/calls/{call_id}/media", response_model=SdpAnswer,
             responses={400: {}, 401: {}, 404: {}, 409: {}, 410: {}, 503: {}})
async def booth_media(call_id: str, body: Sdp, request: Request,
                      booth: Annotated[Any, Depends(require_booth)],
                      session: Annotated[Any, Depends(get_session)]) -> Any:
    """The booth's offer for its call; the answer comes from the relay."""
    try:
        info = await _backend(request).booth_call(booth, call_id, session)
        answer = await _relay(request).booth_offer(info, SessionDescription(body.sdp, body.type))
    except RelayError as exc:
        return _error(exc)
    return SdpAnswer(sdp=answer.sdp, type=answer.type)


@router.post("/api/v1/join/{join_token}/media", response_model=SdpAnswer,
             responses={400: {}, 404: {}, 409: {}, 410: {}, 503: {}})
async def relative_media(join_token: str, body: Sdp, request: Request,
                         session: Annotated[Any, Depends(get_session)]) -> Any:
    """The relative's offer, once the rules are accepted (the join token proves it)."""
    try:
        info = await _backend(request).join_call(join_token, session)
        answer = await _relay(request).relative_offer(info, SessionDescription(body.sdp, body.type))
    except RelayError as exc:
        return _error(exc)
    return SdpAnswer(sdp=answer.sdp, type=answer.type)


@router.post("/api/v1/join/{join_token}/leave", status_code=204, response_class=Response,
             response_model=None)
async def relative_leave(join_token: str, request: Request,
                         session: Annotated[Any, Depends(get_session)]) -> Response:
    """Sent by the page when the tab closes (sendBeacon): the 60 s rejoin wait starts now."""
    try:
        info = await _backend(request).join_call(join_token, session)
        await _relay(request).relative_leave(info.call_id)
    except RelayError as exc:
        return _error(exc)
    return Response(status_code=204)


@router.get("/api/v1/join/{join_token}/ice", responses={404: {}, 410: {}, 503: {}})
async def relative_ice(join_token: str, request: Request,
                       session: Annotated[Any, Depends(get_session)]) -> Any:
    """ICE servers for the page (TURN for relatives behind strict NATs); none by default."""
    try:
        await _backend(request).join_call(join_token, session)
        relay = _relay(request)
    except RelayError as exc:
        return _error(exc)
    urls = list(getattr(relay, "ice_servers", []) or [])
    servers: list[dict[str, Any]] = []
    for url in urls:
        entry: dict[str, Any] = {"urls": url}
        if url.startswith("turn") and getattr(relay, "ice_username", None):
            entry["username"] = relay.ice_username  # type: ignore[attr-defined]
            entry["credential"] = relay.ice_credential  # type: ignore[attr-defined]
        servers.append(entry)
    return {"ice_servers": servers}


# -- lifespan hooks (called by central.app.create_app) ----------------------------------

async def startup(app: FastAPI) -> None:
    settings = getattr(app.state, "settings", None)
    clock = getattr(app.state, "clock", None)
    if getattr(app.state, "media_backend", None) is None:
        from central.relay.central_backend import DatabaseMediaBackend

        app.state.media_backend = DatabaseMediaBackend(app)
    if getattr(app.state, "relay", None) is None:
        from central.relay.aiortc_relay import AiortcRelay

        relay_cfg = getattr(settings, "relay", None)
        record = bool(getattr(relay_cfg, "record", True))
        rec_dir: Path | None = None
        if record and settings is not None:
            rec_dir = Path(getattr(settings, "recordings_path",
                                   Path(getattr(settings, "data_dir", ".")) / "recordings"))
        app.state.relay = AiortcRelay(
            ice_servers=list(getattr(relay_cfg, "ice_servers", []) or []),
            ice_username=getattr(relay_cfg, "ice_username", None) or None,
            ice_credential=getattr(relay_cfg, "ice_credential", None) or None,
            recordings_dir=rec_dir,
            video_codec=str(getattr(relay_cfg, "video_codec", "VP8") or ""),
            listener=app.state.media_backend.listener,
            clock=clock,
            loopback_only=bool(getattr(relay_cfg, "loopback_only", False)),
            max_calls=int(getattr(relay_cfg, "max_calls", 0) or 0),
        )


async def shutdown(app: FastAPI) -> None:
    relay = getattr(app.state, "relay", None)
    if relay is not None:
        await relay.close()


class LoggingListener:
    """A listener that only logs (stand-in backends)."""

    async def relative_joined(self, call_id: str, rejoin: bool) -> None:
        log.info("call %s: relative %s", call_id, "rejoined" if rejoin else "joined")

    async def relative_left(self, call_id: str) -> None:
        log.info("call %s: relative left", call_id)

    async def call_ended(self, outcome: CallOutcome) -> None:
        log.info("call %s ended: %s after %s s", outcome.call_id, outcome.reason,
                 outcome.connected_s)
