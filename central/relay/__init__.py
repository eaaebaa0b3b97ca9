"""Central media relay: every call's audio and video pass here (recorded, limited, watched).

`CallRelay` is the interface (a dedicated SFU can replace the aiortc
implementation later); `AiortcRelay` is today's implementation.
"""

from central.relay.base import (
    CallMediaInfo,
    CallOutcome,
    CallRelay,
    NullListener,
    RelayError,
    RelayListener,
    SessionDescription,
)

__all__ = [
    "CallMediaInfo",
    "CallOutcome",
    "CallRelay",
    "NullListener",
    "RelayError",
    "RelayListener",
    "SessionDescription",
]
