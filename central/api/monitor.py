"""The monitoring console ("personnels en charge des écoutes"): pages and API.

`GET /console` serves the page (static HTML/CSS/JS, no build step). The API
under `/api/v1/monitor/` needs the console cookie (signed, HttpOnly,
SameSite=Strict, 8 hours), obtained with a monitor or admin username and
password; state-changing calls also need the `X-Parloir-Console: 1` header
(a cross-site form cannot send it). Watching, ending, flagging and every
recording access are audited. `startup(app)` starts the daily retention
purge of recordings.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request, Response
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field, model_validator
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from central.api.deps import ClockDep, SessionDep, SettingsDep
from central.api.errors import ApiError
from central.db.models import Recording, Staff
from central.services import audit
from central.services import monitoring as mon
from central.services import recordings as rec

log = logging.getLogger(__name__)

router = APIRouter(tags=["monitor"])

CONSOLE = Path(__file__).resolve().parent.parent / "web" / "console"
TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".svg": "image/svg+xml", ".html": "text/html; charset=utf-8"}
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; media-src 'self' blob:; "
        "connect-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=()",
    "Cache-Control": "no-cache",
}
PURGE_EVERY_S = 24 * 3600
PURGE_FIRST_S = 30.0
# Environment overrides of the purge schedule (tests, operations): seconds.
PURGE_FIRST_ENV = "MONITOR_PURGE_FIRST_S"
PURGE_EVERY_ENV = "MONITOR_PURGE_EVERY_S"
TICKET_TTL = timedelta(hours=2)
CSRF_HEADER = "x-parloir-console"


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


# --- pages -------------------------------------------------------------------------------


@router.get("/console", include_in_schema=False)
async def console_page() -> Response:
    return FileResponse(CONSOLE / "index.html", media_type=TYPES[".html"], headers=PAGE_HEADERS)


@router.get("/console/static/{name:path}", include_in_schema=False)
async def console_static(name: str) -> Response:
    path = (CONSOLE / name).resolve()
    if (not path.is_relative_to(CONSOLE) or not path.is_file()
            or path.suffix not in TYPES or path.name == "index.html"):
        return _error(404, "not_found", "Fichier introuvable.")
    return FileResponse(path, media_type=TYPES[path.suffix], headers=PAGE_HEADERS)


# --- session -----------------------------------------------------------------------------


def _book(request: Request) -> mon.SessionBook:
    book = getattr(request.app.state, "console_sessions", None)
    if book is None:
        book = mon.SessionBook(request.app.state.secret_key)
        request.app.state.console_sessions = book
    return book


def require_monitor(request: Request, session: SessionDep, clock: ClockDep) -> Staff:
    """The staff member behind the console cookie (401 otherwise; 403 on a forged POST)."""
    book = _book(request)
    cookie = request.cookies.get(mon.COOKIE_NAME)
    parsed = book.parse(cookie, clock.now())
    staff = session.get(Staff, parsed.staff_id) if parsed is not None else None
    if (parsed is None or staff is None or cookie is None or not staff.active
            or staff.role not in mon.MONITOR_ROLES or not book.verify(cookie, parsed, staff)):
        raise ApiError(401, "unauthorized",
                       "Votre session a expiré. Connectez-vous à nouveau.")
    if request.method != "GET" and request.headers.get(CSRF_HEADER) != "1":
        raise ApiError(403, "forbidden", "Requête refusée : utilisez la console.")
    request.state.console_session = parsed
    # Detached and the transaction closed: SQLite transactions here take the write lock
    # (BEGIN IMMEDIATE), and async endpoints open their own sessions in the thread pool.
    session.expunge(staff)
    session.rollback()
    return staff


MonitorDep = Annotated[Staff, Depends(require_monitor)]


class _Body(BaseModel):
    """A request body; NUL characters are refused (PostgreSQL text cannot hold them)."""

    @model_validator(mode="after")
    def _no_nul(self) -> _Body:
        if any(isinstance(v, str) and "\x00" in v for v in self.__dict__.values()):
            raise ValueError("caractère NUL interdit")
        return self


class Login(_Body):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=200)


def _client_keys(request: Request, username: str) -> list[str]:
    host = request.client.host if request.client else "?"
    return [f"ip:{host}", f"user:{username.strip().lower()[:100]}"]


def _me(staff: Staff) -> dict[str, Any]:
    return {"username": staff.username, "display_name": staff.display_name or staff.username,
            "role": staff.role, "establishment_id": staff.establishment_id}


@router.post("/api/v1/monitor/login", responses={401: {}, 429: {}})
def login(body: Login, request: Request, response: Response, session: SessionDep,
          clock: ClockDep) -> Any:
    """Username + password of a monitor or admin account: sets the console cookie."""
    book = _book(request)
    now = clock.now()
    keys = _client_keys(request, body.username)
    if book.locked(keys, now):
        return _error(429, "too_many_tries", "Trop d'essais. Patientez un quart d'heure, "
                      "ou demandez à un administrateur de vérifier votre compte.")
    staff = mon.authenticate(session, body.username, body.password)
    if staff is None:
        book.failed(keys, now)
        audit.append(session, "console", "monitor.login_failed", "", {
            "username": body.username.strip()[:100]}, at=now)
        session.commit()
        return _error(401, "bad_credentials",
                      "Identifiant ou mot de passe incorrect, ou compte sans accès aux écoutes.")
    book.succeeded(keys)
    cookie = book.issue(staff, now)
    audit.append(session, mon.staff_label(staff), "monitor.login", f"staff:{staff.id}", {}, at=now)
    session.commit()
    response.set_cookie(mon.COOKIE_NAME, cookie, max_age=int(mon.SESSION_TTL.total_seconds()),
                        httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")
    return _me(staff)


@router.post("/api/v1/monitor/logout", status_code=204, response_class=Response,
             response_model=None)
def logout(request: Request, staff: MonitorDep, clock: ClockDep) -> Response:
    parsed = request.state.console_session
    _book(request).revoke(parsed, clock.now())
    out = Response(status_code=204)
    out.delete_cookie(mon.COOKIE_NAME, path="/", httponly=True, samesite="strict")
    return out


@router.get("/api/v1/monitor/me")
def me(staff: MonitorDep) -> Any:
    return _me(staff)


# --- live calls --------------------------------------------------------------------------


def _relay_facts(request: Request, call_id: str) -> dict[str, Any]:
    relay = getattr(request.app.state, "relay", None)
    session = relay.session(call_id) if relay is not None and hasattr(relay, "session") else None
    if session is None:
        return {}
    facts: dict[str, Any] = {}
    with contextlib.suppress(Exception):
        left, _ = session.time_left()
        facts["connected_s"] = int(session.connected_s())
        facts["seconds_left"] = max(0, int(left))
        relative = next((p for s, p in session.peers.items() if str(s.value) == "relative"), None)
        facts["relative_present"] = bool(relative is not None and relative.present)
    hub = getattr(request.app.state, "monitor_hub", None)
    facts["watchers"] = hub.watchers(call_id) if hub is not None else 0
    return facts


@router.get("/api/v1/monitor/calls")
def list_calls(request: Request, staff: MonitorDep, session: SessionDep,
               clock: ClockDep) -> Any:
    """Calls in progress in the staff's establishment."""
    now = clock.now()
    calls = []
    for call in mon.live_calls(session, staff):
        facts = _relay_facts(request, call.id)
        item = mon.describe_call(session, call, now, facts)
        item["watchers"] = facts.get("watchers", 0)
        calls.append(item)
    return {"now": now.isoformat(), "calls": calls}


@router.get("/api/v1/monitor/calls/{call_id}")
def get_call(call_id: str, request: Request, staff: MonitorDep, session: SessionDep,
             clock: ClockDep) -> Any:
    try:
        call = mon.call_for_staff(session, staff, call_id)
    except mon.MonitorError as exc:
        return _error(exc.status, exc.code, exc.message)
    return mon.describe_call(session, call, clock.now(), _relay_facts(request, call.id))


class Sdp(_Body):
    sdp: str = Field(min_length=10, max_length=100_000)
    type: str = Field(pattern="^(offer)$")


def _hub(request: Request) -> Any:
    hub = getattr(request.app.state, "monitor_hub", None)
    relay = getattr(request.app.state, "relay", None)
    if relay is None:
        return None
    if hub is None or hub.relay is not relay:
        from central.relay.monitor import MonitorHub

        hub = MonitorHub(relay)
        request.app.state.monitor_hub = hub
    return hub


def _check_watchable(app: FastAPI, staff_id: int, call_id: str) -> tuple[str, Any]:
    with app.state.sessionmaker() as s:
        staff = s.get(Staff, staff_id)
        assert staff is not None
        call = mon.call_for_staff(s, staff, call_id)
        if call.protected:
            raise mon.MonitorError(403, "protected_call",
                                   "Appel protégé : il n'est jamais écouté ni regardé.")
        if call.status not in mon.LIVE:
            raise mon.MonitorError(409, "call_over", "Cet appel est terminé.")
        return mon.staff_label(staff), call.id


def _audit(app: FastAPI, actor: str, action: str, subject: str, details: dict[str, Any]) -> None:
    with app.state.sessionmaker() as s:
        audit.append(s, actor, action, subject, details, at=app.state.clock.now())
        s.commit()


@router.post("/api/v1/monitor/calls/{call_id}/watch", responses={403: {}, 404: {}, 409: {}})
async def watch(call_id: str, body: Sdp, request: Request, staff: MonitorDep) -> Any:
    """The monitor's offer (receive-only: 2 video, 2 audio) → the relay's answer."""
    from central.relay.base import RelayError, SessionDescription

    try:
        actor, cid = await run_in_threadpool(_check_watchable, request.app, staff.id, call_id)
    except mon.MonitorError as exc:
        return _error(exc.status, exc.code, exc.message)
    hub = _hub(request)
    if hub is None:
        return _error(503, "unavailable", "Le relais vidéo n'est pas démarré.")
    try:
        peer, answer = await hub.watch(cid, actor, SessionDescription(body.sdp, body.type))
    except RelayError as exc:
        return _error(exc.status, exc.code, exc.message)
    await run_in_threadpool(_audit, request.app, actor, "monitor.watch", f"call:{cid}",
                            {"watch_id": peer.id})
    return {"sdp": answer.sdp, "type": answer.type, "watch_id": peer.id,
            "order": ["booth_video", "booth_audio", "relative_video", "relative_audio"]}


@router.post("/api/v1/monitor/calls/{call_id}/unwatch", status_code=204,
             response_class=Response, response_model=None)
async def unwatch(call_id: str, request: Request, staff: MonitorDep,
                  watch_id: str | None = None) -> Response:
    hub = getattr(request.app.state, "monitor_hub", None)
    if hub is not None and len(call_id) <= 64:
        for peer in list(hub.peers.get(call_id, [])):
            if peer.staff == mon.staff_label(staff) and watch_id in (None, peer.id):
                await hub.stop(call_id, peer.id)
    return Response(status_code=204)


class EndBody(_Body):
    reason: str = Field(min_length=1, max_length=500)


@router.post("/api/v1/monitor/calls/{call_id}/end", responses={404: {}, 409: {}})
async def end(call_id: str, body: EndBody, request: Request, staff: MonitorDep) -> Any:
    """End a call now; the relay is told at once (and would notice within 3 s anyway)."""
    app = request.app

    def work() -> dict[str, Any]:
        with app.state.sessionmaker() as s:
            st = s.get(Staff, staff.id)
            assert st is not None
            call = mon.end_call(s, st, call_id, body.reason.strip(), app.state.clock.now())
            s.commit()
            return {"id": call.id, "status": call.status, "end_reason": call.end_reason}

    try:
        result = await run_in_threadpool(work)
    except mon.MonitorError as exc:
        return _error(exc.status, exc.code, exc.message)
    relay = getattr(app.state, "relay", None)
    if relay is not None:
        from central.relay.aiortc_relay import Reason, spawn

        spawn(relay.end_call(result["id"], Reason.ENDED_BY_CENTRAL))
    hub = getattr(app.state, "monitor_hub", None)
    if hub is not None:
        await hub.stop(result["id"])
    return result


class IncidentBody(_Body):
    kind: str = Field(min_length=1, max_length=32)
    note: str = Field(min_length=1, max_length=4000)
    measure: str = Field(default="none", pattern="^(none|suspend_until|withdraw)$")
    until: datetime | None = None
    hold: bool = False


@router.post("/api/v1/monitor/calls/{call_id}/incident", responses={403: {}, 404: {}})
def incident(call_id: str, body: IncidentBody, staff: MonitorDep, session: SessionDep,
             clock: ClockDep) -> Any:
    """Flag an incident; a measure sanctions the number called (policy.authorisation)."""
    until = body.until
    if until is not None and until.tzinfo is None:
        return _error(422, "bad_until", "La date de fin doit préciser le fuseau horaire.")
    try:
        result = mon.flag_incident(session, staff, call_id, kind=body.kind, note=body.note,
                                   measure=body.measure, until=until, hold=body.hold,
                                   now=clock.now())
    except mon.MonitorError as exc:
        return _error(exc.status, exc.code, exc.message)
    session.commit()
    return result


@router.get("/api/v1/monitor/incident-kinds")
def incident_kinds(staff: MonitorDep) -> Any:
    return {"kinds": [{"code": k, "label": v} for k, v in mon.INCIDENT_KINDS.items()]}


# --- recordings --------------------------------------------------------------------------


@router.get("/api/v1/monitor/recordings")
def list_recordings(staff: MonitorDep, session: SessionDep, settings: SettingsDep,
                    clock: ClockDep) -> Any:
    rec.sync_recordings(session, settings)
    session.commit()
    now = clock.now()
    items = []
    for row, call in rec.list_recordings(session, staff.establishment_id):
        item = mon.describe_call(session, call, now)
        item.update(recording_id=row.id, size_bytes=row.size_bytes, hold=bool(row.hold),
                    recording_started_at=row.started_at.isoformat())
        items.append(item)
    return {"recordings": items, "retention_days": int(settings.relay.retention_days)}


def _ticket(key: bytes, staff_id: int, recording_id: int, expires: int) -> str:
    msg = f"recording|{staff_id}|{recording_id}|{expires}".encode()
    return f"{expires}.{hmac.new(key, msg, hashlib.sha256).hexdigest()}"


def _recording_for(session: Session, staff: Staff, recording_id: int) -> Any:
    row = session.get(Recording, recording_id) if 0 < recording_id < 2**31 else None
    if row is None or row.status != "complete":
        return None
    from central.db.models import Call

    call = session.get(Call, row.call_id)
    if call is None or call.protected or not mon.in_scope(staff, call.establishment_id):
        return None
    return row


@router.post("/api/v1/monitor/recordings/{recording_id}/open", responses={404: {}})
def open_recording(recording_id: int, request: Request, staff: MonitorDep, session: SessionDep,
                   settings: SettingsDep, clock: ClockDep) -> Any:
    """One audited access to a recording: returns the address to play it (valid 2 hours)."""
    row = _recording_for(session, staff, recording_id)
    if row is None:
        return _error(404, "recording_not_found", "Cet enregistrement est introuvable.")
    now = clock.now()
    expires = int((now + TICKET_TTL).timestamp())
    rec.audit_access(session, mon.staff_label(staff), row, now, {"purpose": "lecture"})
    session.commit()
    ticket = _ticket(request.app.state.secret_key, staff.id, row.id, expires)
    base = f"/api/v1/monitor/recordings/{row.id}/file?t={ticket}"
    return {"url": base,
            "sides": {side: f"{base}&side={side}" for side in rec.sides_of(settings, row)},
            "expires_at": datetime.fromtimestamp(expires, UTC).isoformat()}


@router.get("/api/v1/monitor/recordings/{recording_id}/file", responses={403: {}, 404: {}})
def recording_file(recording_id: int, request: Request, staff: MonitorDep,
                   session: SessionDep, settings: SettingsDep, clock: ClockDep,
                   t: str = "", side: str | None = None) -> Response:
    """The Matroska file (WebM-compatible: VP8 + Opus), with Range support for seeking.

    Needs a ticket from `/open` (the audited access) besides the console cookie.
    `side=booth|relative`: that side only (browsers play the first video track).
    """
    stamp, _, _mac = t.partition(".")
    if not stamp.isdigit() or int(stamp) < int(clock.now().timestamp()) or not hmac.compare_digest(
            _ticket(request.app.state.secret_key, staff.id, recording_id, int(stamp)), t):
        return _error(403, "ticket_required",
                      "Ouvrez l'enregistrement depuis la liste des enregistrements.")
    row = _recording_for(session, staff, recording_id)
    if side is not None and side not in rec.SIDES:
        return _error(422, "bad_side", "Côté inconnu : booth ou relative.")
    if row is None:
        path = None
    elif side is None:
        path = rec.recording_path(settings, row)
    else:
        path = rec.side_file(settings, row, side)
    if path is None:
        return _error(404, "recording_not_found", "Cet enregistrement est introuvable.")
    return FileResponse(path, media_type="video/webm",
                        headers={"Cache-Control": "private, no-store",
                                 "X-Content-Type-Options": "nosniff"})


# --- lifespan: daily retention purge ---------------------------------------------------------


def run_purge(app: FastAPI) -> int:
    with app.state.sessionmaker() as s:
        purged = rec.purge_expired(s, app.state.settings, app.state.clock.now())
        s.commit()
    if purged:
        log.info("retention: %d recording(s) destroyed", len(purged))
    return len(purged)


def _seconds(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        log.warning("%s is not a number of seconds; %s used", name, default)
        return default
    return value if value >= 0 else default


async def _purge_forever(app: FastAPI) -> None:
    await asyncio.sleep(_seconds(PURGE_FIRST_ENV, PURGE_FIRST_S))
    every = max(1.0, _seconds(PURGE_EVERY_ENV, PURGE_EVERY_S))
    while True:
        try:
            await run_in_threadpool(run_purge, app)
        except Exception:
            log.exception("retention purge failed")
        await asyncio.sleep(every)


async def startup(app: FastAPI) -> None:
    app.state.console_sessions = mon.SessionBook(app.state.secret_key)
    app.state.purge_task = asyncio.ensure_future(_purge_forever(app))


async def shutdown(app: FastAPI) -> None:
    task = getattr(app.state, "purge_task", None)
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
    hub = getattr(app.state, "monitor_hub", None)
    if hub is not None:
        await hub.close()
