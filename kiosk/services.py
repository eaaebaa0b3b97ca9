"""What the kiosk needs from the other parts, as small Protocols and plain data.

The session flow and the screens only ever see these types, so they can be
tested (and screenshotted) with the fakes in `kiosk.fakes`, and the real
parts (sync store and client, booth hardware, call engine) plug in through
the adapters in `kiosk.adapters` without the UI knowing them.

Every method of a service may block (disk, network, argon2): the controller
calls them from worker threads, never from the UI thread. The only
exceptions are `Hardware.latest_frame`, `Hardware.mic_level_dbfs` and
`CallService.remote_frame`/`local_frame`, which return the newest value kept
by a device thread and never wait.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol


class StaffRole(StrEnum):
    GUARD = "guard"
    TECHNICIAN = "technician"


@dataclass(frozen=True)
class StaffMember:
    id: str
    role: StaffRole
    name: str = ""


@dataclass(frozen=True)
class Contact:
    """An authorised number. `status` is ``ok``, ``suspended`` or ``withdrawn``."""

    id: str
    name: str
    masked_number: str
    status: str = "ok"
    relation: str = ""
    protected: bool = False  # a lawyer, the CGLPL...: never listened to nor recorded


@dataclass(frozen=True)
class Booking:
    id: str
    detainee_id: str
    start: datetime
    end: datetime
    contact_id: str | None = None
    detainee_name: str = ""
    contact_name: str = ""


@dataclass(frozen=True)
class Detainee:
    id: str
    name: str
    number: str  # numéro d'écrou
    balance_cents: int
    plan: str  # "hors_forfait", "20", "30", ...
    consent_given: bool = False


@dataclass(frozen=True)
class CallQuote:
    """What a call would allow and cost now; `refusal` set when it may not start."""

    allowed_seconds: int
    per_minute_cents: int
    connection_fee_cents: int = 0
    refusal_code: str | None = None
    refusal_message: str | None = None


@dataclass(frozen=True)
class DetaineeFile:
    """Everything Home and Booking show for one detainee, loaded in one go."""

    detainee: Detainee
    contacts: Sequence[Contact]
    bookings: Sequence[Booking]  # own future bookings, soonest first
    quote: CallQuote | None = None  # for the booking of now, if any


@dataclass(frozen=True)
class SyncStatus:
    reachable: bool
    last_sync: datetime | None = None
    pending_uploads: int = 0


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class SelfTestItem:
    """One hardware or network check: `ok` False with a French `detail` when it fails."""

    name: str  # camera, microphone, speaker, screen, network, sync
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class PlacedCall:
    call_id: str
    masked_number: str
    expires_at: datetime
    allowed_seconds: int


class KioskError(Exception):
    """A failure with a French message fit for the person at the booth."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class CentralDown(KioskError):
    """Central did not answer (network, timeout, 5xx)."""


class Refused(KioskError):
    """Central or a local rule said no; `code` is a `policy.refusals.RefusalCode` value."""


@dataclass(frozen=True)
class CallUpdate:
    """Something the call engine reports; `kind` is one of the names below."""

    kind: str  # placed, joined, left, progress, warning, ended, failed
    data: dict[str, Any] = field(default_factory=dict)


class Store(Protocol):
    """Local, offline-capable queries (the booth's synced SQLite store)."""

    def booth_name(self) -> str: ...

    def upcoming_bookings(self, now: datetime, limit: int) -> Sequence[Booking]: ...

    def bookings_now(self, now: datetime) -> Sequence[Booking]: ...

    def verify_staff_pin(self, pin: str) -> StaffMember | None: ...

    def find_detainee(self, number: str) -> Detainee | None: ...

    def verify_detainee_pin(self, detainee_id: str, pin: str) -> bool: ...

    def detainee_file(
        self, detainee_id: str, booking_id: str | None, now: datetime
    ) -> DetaineeFile: ...

    def record_consent(self, detainee_id: str, now: datetime) -> None: ...

    def audit(self, kind: str, details: dict[str, str], now: datetime) -> None: ...


class Central(Protocol):
    """Calls that need the central server (it is the booking authority)."""

    def status(self) -> SyncStatus: ...

    def free_slots(self, detainee_id: str, day: date) -> Sequence[Slot]: ...

    def book(self, detainee_id: str, contact_id: str, start: datetime) -> Booking: ...

    def cancel(self, detainee_id: str, booking_id: str) -> None: ...


class Hardware(Protocol):
    """Camera, microphone, speaker and self-tests of this booth."""

    def latest_frame(self) -> Any: ...  # BGR numpy array (h, w, 3) or None; never blocks

    def mic_level_dbfs(self) -> float: ...  # never blocks; -120.0 when silent

    def play_test_sound(self) -> None: ...

    def run_selftests(self) -> Sequence[SelfTestItem]: ...


class CallService(Protocol):
    """The call engine, seen from the UI: start, stop, mute, and frames to paint."""

    def start(
        self, booking_id: str, contact_id: str, on_update: Callable[[CallUpdate], None]
    ) -> None: ...

    def hangup(self, reason: str) -> None: ...

    def set_muted(self, muted: bool) -> None: ...

    def remote_frame(self) -> Any: ...  # never blocks


class Sounds(Protocol):
    def play(self, name: str) -> None: ...  # "warning", "urgent", "joined", "ended"


@dataclass
class Services:
    store: Store
    central: Central
    hardware: Hardware
    calls: CallService
    sounds: Sounds
