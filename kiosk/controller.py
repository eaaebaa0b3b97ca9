"""Runs the flow's commands against the services, off the UI thread, and feeds results back.

The UI thread only calls `dispatch(event)`. Commands that may block (disk,
network, argon2, devices) run in a small thread pool; their results come
back as flow events through a Qt signal, so the flow is only ever touched on
the UI thread. Any exception becomes a calm failure event: never a traceback
on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk import flow as fl
from kiosk.flow import Command, Event, Flow
from kiosk.services import CallUpdate, CentralDown, KioskError, Refused, Services, SyncStatus

log = logging.getLogger(__name__)


def call_update_to_event(u: CallUpdate) -> Event | None:
    """Translate the call service's reports into flow events."""
    d = u.data
    k = u.kind
    if k == "placed":
        return fl.CallPlaced(
            str(d.get("call_id", "")),
            str(d.get("masked_number", "")),
            d["expires_at"],
            int(d.get("allowed_seconds", 0)),
        )
    if k == "joined":
        return fl.RelativeJoined()
    if k == "left":
        return fl.RelativeLeft(int(d.get("rejoin_s") or 60))
    if k == "progress":
        return fl.CallProgress(int(d.get("time_left_s", 0)), int(d.get("connected_s", 0)))
    if k == "warning":
        return fl.CallWarning(int(d.get("seconds_left", 0)))
    if k == "ended":
        return fl.CallEnded(
            str(d.get("reason", "other")),
            int(d.get("connected_s", 0) or 0),
            d.get("price_cents"),
            d.get("balance_cents"),
        )
    if k == "refused":
        return fl.Refusal(str(d.get("code", "")), str(d.get("message", "")))
    if k == "central_down":
        return fl.CentralFailed(str(d.get("message", "")))
    if k == "failed":
        return fl.ServiceFailed(str(d.get("what", "call")), str(d.get("message", "")))
    return None


class Controller(QObject):
    """Glue between the flow, the services and Qt's event loop."""

    result = Signal(object)

    def __init__(
        self,
        flow: Flow,
        services: Services,
        *,
        state_file: Path | None = None,
        on_quit: Callable[[], None] | None = None,
        workers: int = 3,
    ) -> None:
        super().__init__()
        self.flow = flow
        self.services = services
        self.state_file = state_file
        self.on_quit = on_quit
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-work")
        self.result.connect(self.dispatch)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(lambda: self.dispatch(fl.Tick()))
        self.executed: list[Command] = []
        self._last_activity_sent = 0.0

    def start(self) -> None:
        for cmd in self.flow.start():
            self.execute(cmd)
        self.flow._notify()
        self.tick.start()

    def stop(self) -> None:
        self.tick.stop()
        self.pool.shutdown(wait=False, cancel_futures=True)

    def activity(self) -> None:
        """A touch or key: at most one UserActivity a second is enough."""
        import time

        now = time.monotonic()
        if now - self._last_activity_sent >= 1.0:
            self._last_activity_sent = now
            self.dispatch(fl.UserActivity())

    def dispatch(self, event: Event) -> None:
        try:
            commands = self.flow.handle(event)
        except Exception:
            log.exception("flow failed on %s", type(event).__name__)
            return
        for cmd in commands:
            self.execute(cmd)

    # ------------------------------------------------------------ execution

    def execute(self, cmd: Command) -> None:
        self.executed.append(cmd)
        if len(self.executed) > 500:
            del self.executed[:250]
        if isinstance(cmd, fl.PlaySound):
            try:
                self.services.sounds.play(cmd.name)
            except Exception:
                log.warning("sound %s failed", cmd.name)
            return
        if isinstance(cmd, fl.QuitApp):
            if self.on_quit is not None:
                QTimer.singleShot(0, self.on_quit)
            return
        self.pool.submit(self._run, cmd)

    def _post(self, event: Event | None) -> None:
        if event is not None:
            self.result.emit(event)

    def _run(self, cmd: Command) -> None:
        try:
            self._post(self._do(cmd))
        except Refused as exc:
            self._post(fl.Refusal(exc.code, exc.message))
        except CentralDown as exc:
            self._post(fl.CentralFailed(exc.message))
        except KioskError as exc:
            self._post(fl.ServiceFailed(_what(cmd), exc.message))
        except Exception as exc:  # the person at the booth gets a calm screen, the log the rest
            log.error("command %s failed: %s", type(cmd).__name__, type(exc).__name__)
            self._post(fl.ServiceFailed(_what(cmd), ""))

    def _do(self, cmd: Command) -> Event | None:
        s = self.services
        now = self.flow.clock.now()
        if isinstance(cmd, fl.RefreshLocked):
            try:
                status = s.central.status()
            except Exception:
                status = SyncStatus(False, None)
            upcoming = s.store.upcoming_bookings(now, self.flow.settings.upcoming_count)
            return fl.LockedInfo(s.store.booth_name(), upcoming, status)
        if isinstance(cmd, fl.VerifyStaffPin):
            return fl.StaffPinChecked(s.store.verify_staff_pin(cmd.pin))
        if isinstance(cmd, fl.LoadBookingsNow):
            return fl.BookingsNowLoaded(s.store.bookings_now(now))
        if isinstance(cmd, fl.FindDetainee):
            return fl.DetaineeFound(s.store.find_detainee(cmd.number))
        if isinstance(cmd, fl.VerifyDetaineePin):
            return fl.DetaineePinChecked(s.store.verify_detainee_pin(cmd.detainee_id, cmd.pin))
        if isinstance(cmd, fl.LoadDetainee):
            return fl.DetaineeLoaded(s.store.detainee_file(cmd.detainee_id, cmd.booking_id, now))
        if isinstance(cmd, fl.RecordConsent):
            s.store.record_consent(cmd.detainee_id, now)
            return None
        if isinstance(cmd, fl.FetchSlots):
            return fl.SlotsLoaded(cmd.day, s.central.free_slots(cmd.detainee_id, cmd.day))
        if isinstance(cmd, fl.Book):
            return fl.Booked(s.central.book(cmd.detainee_id, cmd.contact_id, cmd.start))
        if isinstance(cmd, fl.CancelBooking):
            s.central.cancel(cmd.detainee_id, cmd.booking_id)
            return fl.BookingCancelled(cmd.booking_id)
        if isinstance(cmd, fl.PlaceCall):
            s.calls.start(cmd.booking_id, cmd.contact_id, self._on_call_update)
            return None
        if isinstance(cmd, fl.Hangup):
            s.calls.hangup(cmd.reason)
            return None
        if isinstance(cmd, fl.SetMuted):
            s.calls.set_muted(cmd.muted)
            return None
        if isinstance(cmd, fl.RunSelftests):
            return fl.SelftestsDone(list(s.hardware.run_selftests()))
        if isinstance(cmd, fl.PlayTestSound):
            s.hardware.play_test_sound()
            return None
        if isinstance(cmd, fl.SaveOutOfService):
            save_out_of_service(self.state_file, cmd.out_of_service)
            return None
        if isinstance(cmd, fl.Audit):
            s.store.audit(cmd.kind, dict(cmd.details), now)
            return None
        return None

    def _on_call_update(self, update: CallUpdate) -> None:
        """Called from the call engine's thread: hop to the UI thread through the signal."""
        try:
            event = call_update_to_event(update)
        except Exception:
            log.error("bad call update %s", update.kind)
            return
        self._post(event)


def _what(cmd: Command) -> str:
    if isinstance(cmd, fl.RunSelftests | fl.PlayTestSound):
        return "hardware"
    if isinstance(cmd, fl.PlaceCall | fl.Hangup | fl.SetMuted):
        return "call"
    return "store"


def load_out_of_service(path: Path | None) -> bool:
    """The out-of-service flag survives restarts (a crash must not reopen a broken booth)."""
    if path is None:
        return False
    try:
        return path.read_text(encoding="utf-8").strip() == "out_of_service"
    except OSError:
        return False


def save_out_of_service(path: Path | None, value: bool) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("out_of_service\n" if value else "in_service\n", encoding="utf-8")
    tmp.replace(path)


def noop(*_: Any) -> None:
    return None
