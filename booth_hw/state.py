"""Device states shared by the camera, the microphone and the speaker."""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class DeviceState(enum.StrEnum):
    STARTING = "starting"  # opening for the first time
    RUNNING = "running"  # delivering frames / samples
    RECONNECTING = "reconnecting"  # was running, lost, retrying with backoff
    MISSING = "missing"  # never opened (no such device); still retried with backoff
    STOPPED = "stopped"  # stop() was called


StateListener = Callable[[DeviceState, str], None]


class StateNotifier:
    """Holds a device's state and tells listeners about each change.

    Listeners run on the device's own thread: they must return quickly (hand
    over to Qt with a signal, to asyncio with `call_soon_threadsafe`)."""

    def __init__(self) -> None:
        self._state = DeviceState.STOPPED
        self._detail = ""
        self._state_lock = threading.Lock()
        self._state_listeners: list[StateListener] = []

    @property
    def state(self) -> DeviceState:
        return self._state

    @property
    def state_detail(self) -> str:
        """A French sentence for the technician about the current state."""
        return self._detail

    def add_state_listener(self, listener: StateListener) -> None:
        with self._state_lock:
            self._state_listeners.append(listener)

    def remove_state_listener(self, listener: StateListener) -> None:
        with self._state_lock:
            if listener in self._state_listeners:
                self._state_listeners.remove(listener)

    def _set_state(self, state: DeviceState, detail: str = "") -> None:
        with self._state_lock:
            if state == self._state and detail == self._detail:
                return
            changed = state != self._state
            self._state, self._detail = state, detail
            listeners = list(self._state_listeners)
        if not changed:
            return
        log.info("%s: %s %s", type(self).__name__, state.value, detail)
        for listener in listeners:
            try:
                listener(state, detail)
            except Exception:
                log.exception("state listener failed")


class Backoff:
    """Reconnection delays: `first`, doubling each failure, capped at `cap`."""

    def __init__(self, first: float, cap: float) -> None:
        self.first = max(0.0, first)
        self.cap = max(self.first, cap)
        self._current = self.first

    def next(self) -> float:
        delay = self._current
        self._current = min(self._current * 2 or self.cap, self.cap)
        return delay

    def reset(self) -> None:
        self._current = self.first
