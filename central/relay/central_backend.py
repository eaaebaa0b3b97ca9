"""The relay's link to central's database: who may send media for which call, and what happened.

Blocking SQLAlchemy work runs in the thread pool so the relay's loop keeps
forwarding. Billing stays with the usage record (`central.services.usage`,
debited once per call id); the relay's measured connected seconds go to the
booth in the `ended` message and into the audit log for comparison.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from central.relay.base import CallMediaInfo, CallOutcome, RelayError

log = logging.getLogger(__name__)

LIVE = ("inviting", "connected")
MSG_NOT_FOUND = "Cet appel est introuvable."
MSG_OVER = "Cet appel est terminé."
MSG_LINK = "Ce lien n'est plus valable. Saisissez à nouveau le code reçu par SMS."
MSG_RULES = "Acceptez d'abord les règles de l'appel."


class DatabaseMediaBackend:
    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.listener = DatabaseListener(app)

    # -- lookups -----------------------------------------------------------------
    async def booth_call(self, booth: Any, call_id: str, session: Any) -> CallMediaInfo:
        return await run_in_threadpool(self._booth_call, session, int(booth.id), call_id)

    async def join_call(self, join_token: str, session: Any) -> CallMediaInfo:
        return await run_in_threadpool(self._join_call, session, join_token)

    def _booth_call(self, s: Any, booth_id: int, call_id: str) -> CallMediaInfo:
        """Uses the request's session (SQLite: it holds the write lock), released at the end."""
        from central.db.models import Call

        try:
            call = s.get(Call, call_id) if len(call_id) <= 64 else None
            if call is None or call.booth_id != booth_id:
                raise RelayError("call_not_found", MSG_NOT_FOUND, 404)
            if call.status not in LIVE:
                raise RelayError("call_over", MSG_OVER, 410)
            return self._info(s, call)
        finally:
            s.rollback()

    def _join_call(self, s: Any, token: str) -> CallMediaInfo:
        from central.services.invitations import resolve_join_token

        try:
            call = resolve_join_token(s, token, self._clock_now())
            if call is None:
                raise RelayError("join_invalid", MSG_LINK, 404)
            if not call.rules_accepted:
                raise RelayError("rules_required", MSG_RULES, 409)
            return self._info(s, call)
        finally:
            s.rollback()

    def _clock_now(self) -> datetime:
        return self.app.state.clock.now()  # type: ignore[no-any-return]

    def _info(self, s: Any, call: Any) -> CallMediaInfo:
        from central.db.models import Booking, Detainee, Establishment

        settings = self.app.state.settings
        cap = int(settings.limits.max_call_s)
        est = s.get(Establishment, call.establishment_id)
        if est is not None and getattr(est, "max_call_s", None):
            cap = min(cap, int(est.max_call_s))
        detainee = s.get(Detainee, call.detainee_id)
        override = getattr(detainee, "max_call_s_override", None) if detainee else None
        if override:
            cap = int(override)
        booking = s.get(Booking, call.booking_id) if call.booking_id is not None else None
        allowed = call.allowed_seconds
        return CallMediaInfo(
            call_id=str(call.id),
            record=bool(call.recorded) and not bool(call.protected),
            max_call_s=cap,
            # What central allowed at the start (balance, slot, cap): a connected-time budget.
            balance_s=int(allowed) if allowed is not None and allowed < cap else None,
            slot_end=booking.ends_at if booking is not None else None,
            rejoin_s=int(settings.invitations.rejoin_s),
            first_join_s=int(settings.invitations.ttl_s) + 60,
        )


class DatabaseListener:
    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def _now(self) -> datetime:
        return self.app.state.clock.now()  # type: ignore[no-any-return]

    async def relative_joined(self, call_id: str, rejoin: bool) -> None:
        await run_in_threadpool(self._joined, call_id)

    async def relative_left(self, call_id: str) -> None:
        await run_in_threadpool(self._left, call_id)

    async def call_ended(self, outcome: CallOutcome) -> None:
        await run_in_threadpool(self._ended, outcome)

    async def call_live(self, call_id: str) -> bool:
        return bool(await run_in_threadpool(self._live, call_id))

    def _live(self, call_id: str) -> bool:
        from central.db.models import Call

        with self.app.state.sessionmaker() as s:
            call = s.get(Call, call_id)
            return call is not None and call.status in LIVE

    def _joined(self, call_id: str) -> None:
        from central.services import calls, invitations

        with self.app.state.sessionmaker() as s:
            now = self._now()
            invitations.mark_relative_joined(s, call_id, now)
            calls.mark_connected(s, call_id, now)
            s.commit()

    def _left(self, call_id: str) -> None:
        from central.services import invitations

        with self.app.state.sessionmaker() as s:
            invitations.mark_relative_left(s, call_id, self._now(),
                                           rejoin_s=int(self.app.state.settings.invitations.rejoin_s))
            s.commit()

    def _ended(self, outcome: CallOutcome) -> None:
        from central.services import audit, calls

        with self.app.state.sessionmaker() as s:
            now = self._now()
            calls.end_call(s, outcome.call_id, outcome.reason, now, ended_by="relay")
            audit.append(s, "relay", "call.media_ended", f"call:{outcome.call_id}", {
                "reason": outcome.reason,
                "relay_connected_seconds": outcome.connected_s,
                "ever_connected": outcome.ever_connected,
                "rejoins": outcome.rejoins,
                "recording": outcome.recording.name if outcome.recording else None,
                "recording_ok": outcome.recording_ok,
                "recording_error": outcome.recording_error,
            }, at=now)
            s.commit()
        if outcome.recording is not None and not outcome.recording_ok:
            log.error("call %s: recording incomplete (%s)", outcome.call_id,
                      outcome.recording_error or outcome.recording_frames)
