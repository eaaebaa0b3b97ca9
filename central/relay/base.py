"""The relay seen from the rest of central: an interface a dedicated SFU can implement later.

The API layer hands the relay SDP offers and the facts of a call
(`CallMediaInfo`); the relay reports what happens (`RelayListener`). It knows
nothing of the database: central's services sit behind the listener.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol


class RelayError(Exception):
    """An offer the relay refuses; `code` is the API error code, `message` French text."""

    def __init__(self, code: str, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True)
class CallMediaInfo:
    """What the relay must know of a call to carry it and enforce its limits."""

    call_id: str
    record: bool = True
    max_call_s: int = 1800
    balance_s: int | None = None  # connected seconds the balance pays for (None: not limiting)
    slot_end: datetime | None = None  # wall-clock hard stop
    rejoin_s: int = 60
    first_join_s: int = 360  # the booth waits this long for the relative's first join


@dataclass(frozen=True)
class SessionDescription:
    sdp: str
    type: str


@dataclass
class CallOutcome:
    """How a call ended: authoritative numbers for billing and the booth."""

    call_id: str
    reason: str
    connected_s: int
    ever_connected: bool
    rejoins: int = 0
    recording: Path | None = None
    recording_ok: bool | None = None
    recording_frames: dict[str, int] = field(default_factory=dict)
    recording_error: str | None = None


class RelayListener(Protocol):
    """Central's side of the relay's events (database, ledger, audit)."""

    async def relative_joined(self, call_id: str, rejoin: bool) -> None: ...

    async def relative_left(self, call_id: str) -> None: ...

    async def call_ended(self, outcome: CallOutcome) -> None: ...

    # Optional: `async def call_live(self, call_id) -> bool`, asked every few seconds; False
    # ends the call on the relay (ended by a monitor or through the booth API).


class NullListener:
    async def relative_joined(self, call_id: str, rejoin: bool) -> None:
        return None

    async def relative_left(self, call_id: str) -> None:
        return None

    async def call_ended(self, outcome: CallOutcome) -> None:
        return None


class CallRelay(Protocol):
    """One peer connection per side to the relay; the two sides never connect directly."""

    async def booth_offer(self, info: CallMediaInfo,
                          offer: SessionDescription) -> SessionDescription: ...

    async def relative_offer(self, info: CallMediaInfo,
                             offer: SessionDescription) -> SessionDescription: ...

    async def relative_leave(self, call_id: str) -> None: ...

    async def end_call(self, call_id: str, reason: str) -> CallOutcome | None: ...

    def outcome(self, call_id: str) -> CallOutcome | None: ...

    def is_active(self, call_id: str) -> bool: ...

    async def close(self) -> None: ...
