"""The booth session as a plain state machine: no Qt, no I/O, no threads.

The Qt layer renders `Flow.ctx` and sends `Event`s; the controller executes
the `Command`s that `Flow.handle` returns (in worker threads) and sends their
results back as events. Timers are events too: the UI sends `Tick` every
second and the flow compares its deadlines with its `Clock`, so tests drive
lockouts and timeouts with a `ManualClock` and nothing else.

Texts are not here: the flow says *what* to tell (`Msg` keys with
parameters) and the Qt layer says it in the chosen language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.services import (
    Booking,
    CallQuote,
    Contact,
    Detainee,
    DetaineeFile,
    SelfTestItem,
    Slot,
    StaffMember,
    StaffRole,
    SyncStatus,
)
from parloir.clock import Clock

LANGUAGES = ("fr", "en", "ar", "es")
DEFAULT_LANGUAGE = "fr"


class Screen(StrEnum):
    LOCKED = "locked"
    OUT_OF_SERVICE = "out_of_service"
    STAFF_PIN = "staff_pin"
    GUARD_PICK = "guard_pick"
    DETAINEE_PIN = "detainee_pin"
    HOME = "home"
    RULES = "rules"
    BOOK_CONTACT = "book_contact"
    BOOK_SLOT = "book_slot"
    MY_BOOKINGS = "my_bookings"
    PRECALL = "precall"
    WAITING = "waiting"
    IN_CALL = "in_call"
    AFTER_CALL = "after_call"
    TECHNICIAN = "technician"
    NOTICE = "notice"


# States where a detainee or guard is using the booth and inactivity ends the session.
IDLE_SENSITIVE = frozenset(
    {
        Screen.STAFF_PIN,
        Screen.GUARD_PICK,
        Screen.DETAINEE_PIN,
        Screen.HOME,
        Screen.RULES,
        Screen.BOOK_CONTACT,
        Screen.BOOK_SLOT,
        Screen.MY_BOOKINGS,
        Screen.PRECALL,
        Screen.TECHNICIAN,
        Screen.NOTICE,
    }
)
# States where a detainee session is open (a guard may end it from any of them).
SESSION_SCREENS = frozenset(
    {
        Screen.DETAINEE_PIN,
        Screen.HOME,
        Screen.RULES,
        Screen.BOOK_CONTACT,
        Screen.BOOK_SLOT,
        Screen.MY_BOOKINGS,
        Screen.PRECALL,
        Screen.WAITING,
        Screen.IN_CALL,
        Screen.AFTER_CALL,
        Screen.NOTICE,
    }
)


class StaffPurpose(StrEnum):
    UNLOCK = "unlock"  # from Locked: guard opens a session, technician enters service mode
    END = "end"  # from a session: end it now
    SERVICE = "service"  # from Out of service: technician only


class EndReason(StrEnum):
    """Why a call ended; unknown engine reasons are shown as OTHER."""

    HANGUP = "hangup"  # the detainee hung up
    RELATIVE_HANGUP = "relative_hangup"
    TIME_UP = "time_up"
    BALANCE = "balance"
    MONITOR = "monitor"
    NO_SHOW = "no_show"
    RELATIVE_LOST = "relative_lost"
    CANCELLED = "cancelled"
    GUARD = "guard"
    FAILURE = "failure"
    OTHER = "other"


@dataclass(frozen=True)
class Msg:
    """A message to show: a key the Qt layer translates, plus its parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- events


class Event:
    """Base of everything the flow reacts to."""


@dataclass(frozen=True)
class Tick(Event):
    pass


@dataclass(frozen=True)
class UserActivity(Event):
    """Any touch on the screen: postpones the inactivity timeout."""


@dataclass(frozen=True)
class StaffRequested(Event):
    """The «Surveillant» button."""


@dataclass(frozen=True)
class PinSubmitted(Event):
    pin: str = field(repr=False)


@dataclass(frozen=True)
class Back(Event):
    pass


@dataclass(frozen=True)
class BookingPicked(Event):
    booking_id: str


@dataclass(frozen=True)
class BookingOnlyRequested(Event):
    """The guard opens a session without a booking of now (to book only)."""


@dataclass(frozen=True)
class DetaineeNumberSubmitted(Event):
    number: str


@dataclass(frozen=True)
class LanguageChosen(Event):
    lang: str


@dataclass(frozen=True)
class CallRequested(Event):
    """«Appeler» on Home."""


@dataclass(frozen=True)
class RulesAccepted(Event):
    pass


@dataclass(frozen=True)
class PlaceCallPressed(Event):
    """«Appeler» on the before-call screen."""


@dataclass(frozen=True)
class CancelCallPressed(Event):
    pass


@dataclass(frozen=True)
class HangupPressed(Event):
    pass


@dataclass(frozen=True)
class MuteToggled(Event):
    pass


@dataclass(frozen=True)
class SelfViewToggled(Event):
    pass


@dataclass(frozen=True)
class BookRequested(Event):
    pass


@dataclass(frozen=True)
class ContactPicked(Event):
    contact_id: str


@dataclass(frozen=True)
class DayPicked(Event):
    day: date


@dataclass(frozen=True)
class SlotPicked(Event):
    start: datetime


@dataclass(frozen=True)
class BookConfirmed(Event):
    pass


@dataclass(frozen=True)
class MyBookingsRequested(Event):
    pass


@dataclass(frozen=True)
class CancelBookingPressed(Event):
    booking_id: str


@dataclass(frozen=True)
class Finished(Event):
    """«Terminer» on After the call: end the session now."""


@dataclass(frozen=True)
class SelftestsRequested(Event):
    pass


@dataclass(frozen=True)
class SpeakerTestPressed(Event):
    pass


@dataclass(frozen=True)
class ServiceToggled(Event):
    """Technician: put the booth out of service, or back."""


@dataclass(frozen=True)
class QuitRequested(Event):
    """Technician: leave the kiosk application."""


# results of commands


@dataclass(frozen=True)
class StaffPinChecked(Event):
    member: StaffMember | None


@dataclass(frozen=True)
class DetaineePinChecked(Event):
    ok: bool


@dataclass(frozen=True)
class LockedInfo(Event):
    booth_name: str
    upcoming: Sequence[Booking]
    status: SyncStatus


@dataclass(frozen=True)
class BookingsNowLoaded(Event):
    bookings: Sequence[Booking]


@dataclass(frozen=True)
class DetaineeFound(Event):
    detainee: Detainee | None


@dataclass(frozen=True)
class DetaineeLoaded(Event):
    file: DetaineeFile


@dataclass(frozen=True)
class SlotsLoaded(Event):
    day: date
    slots: Sequence[Slot]


@dataclass(frozen=True)
class Booked(Event):
    booking: Booking


@dataclass(frozen=True)
class BookingCancelled(Event):
    booking_id: str


@dataclass(frozen=True)
class Refusal(Event):
    """Central or a local rule refused (booking, cancel, call): `code` and its message."""

    code: str
    message: str


@dataclass(frozen=True)
class CentralFailed(Event):
    message: str = ""


@dataclass(frozen=True)
class ServiceFailed(Event):
    """A local service failed (store, device): shown as a calm error, never a traceback."""

    what: str  # "store", "camera", "microphone", ...
    message: str = ""


@dataclass(frozen=True)
class CallPlaced(Event):
    call_id: str
    masked_number: str
    expires_at: datetime
    allowed_seconds: int


@dataclass(frozen=True)
class RelativeJoined(Event):
    pass


@dataclass(frozen=True)
class RelativeLeft(Event):
    rejoin_s: int = 60  # how long the relay waits for the relative to come back


@dataclass(frozen=True)
class CallProgress(Event):
    time_left_s: int
    connected_s: int


@dataclass(frozen=True)
class CallWarning(Event):
    seconds_left: int


@dataclass(frozen=True)
class CallEnded(Event):
    reason: str
    connected_s: int = 0
    price_cents: int | None = None
    balance_cents: int | None = None


@dataclass(frozen=True)
class SelftestsDone(Event):
    results: Sequence[SelfTestItem]


# ---------------------------------------------------------------- commands


class Command:
    """Base of the work the flow asks the controller to do."""


@dataclass(frozen=True)
class RefreshLocked(Command):
    pass


@dataclass(frozen=True)
class VerifyStaffPin(Command):
    pin: str = field(repr=False)


@dataclass(frozen=True)
class LoadBookingsNow(Command):
    pass


@dataclass(frozen=True)
class FindDetainee(Command):
    number: str


@dataclass(frozen=True)
class VerifyDetaineePin(Command):
    detainee_id: str
    pin: str = field(repr=False)


@dataclass(frozen=True)
class LoadDetainee(Command):
    detainee_id: str
    booking_id: str | None


@dataclass(frozen=True)
class RecordConsent(Command):
    detainee_id: str


@dataclass(frozen=True)
class FetchSlots(Command):
    detainee_id: str
    day: date


@dataclass(frozen=True)
class Book(Command):
    detainee_id: str
    contact_id: str
    start: datetime


@dataclass(frozen=True)
class CancelBooking(Command):
    detainee_id: str
    booking_id: str


@dataclass(frozen=True)
class PlaceCall(Command):
    booking_id: str
    contact_id: str


@dataclass(frozen=True)
class Hangup(Command):
    reason: str


@dataclass(frozen=True)
class SetMuted(Command):
    muted: bool


@dataclass(frozen=True)
class PlaySound(Command):
    name: str  # warning, urgent, joined, ended


@dataclass(frozen=True)
class RunSelftests(Command):
    pass


@dataclass(frozen=True)
class PlayTestSound(Command):
    pass


@dataclass(frozen=True)
class SaveOutOfService(Command):
    out_of_service: bool


@dataclass(frozen=True)
class Audit(Command):
    kind: str
    details: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class QuitApp(Command):
    pass


# ---------------------------------------------------------------- settings and context


@dataclass(frozen=True)
class FlowSettings:
    inactivity_s: int = 120
    after_call_s: int = 30
    detainee_pin_tries: int = 3
    detainee_lockout_s: int = 60
    staff_pin_tries: int = 5
    staff_lockout_s: int = 60
    refresh_s: int = 30
    booking_days: int = 7
    upcoming_count: int = 4
    pin_length_min: int = 4
    timezone: str = "Europe/Paris"


@dataclass
class CallState:
    quote: CallQuote | None = None
    call_id: str = ""
    masked_number: str = ""
    expires_at: datetime | None = None
    allowed_seconds: int = 0
    relative_present: bool = False
    relative_has_joined: bool = False
    rejoin_until: datetime | None = None
    time_left_s: int | None = None
    connected_s: int = 0
    progress_at: datetime | None = None
    warnings_fired: set[int] = field(default_factory=set)
    muted: bool = False
    hanging_up: bool = False
    end_reason: str = ""
    price_cents: int | None = None
    balance_after_cents: int | None = None


@dataclass
class Context:
    """Everything the screens show. Mutated only by `Flow`."""

    screen: Screen = Screen.LOCKED
    lang: str = DEFAULT_LANGUAGE
    busy: Msg | None = None
    message: Msg | None = None  # banner on the current screen (error or info)
    message_is_error: bool = False
    # Locked
    booth_name: str = ""
    upcoming: Sequence[Booking] = ()
    sync: SyncStatus | None = None
    out_of_service: bool = False
    # Staff
    staff_purpose: StaffPurpose = StaffPurpose.UNLOCK
    staff_return: Screen = Screen.LOCKED
    staff: StaffMember | None = None
    bookings_now: Sequence[Booking] = ()
    entering_number: bool = False  # guard types a detainee number (booking-only session)
    # Detainee session
    booking: Booking | None = None
    detainee: Detainee | None = None
    contacts: Sequence[Contact] = ()
    my_bookings: Sequence[Booking] = ()
    pin_tries_left: int = 0
    rules_full: bool = True
    # Booking (contact = whom the booking is for; call_contact = whom the call goes to)
    picking_for_call: bool = False
    call_contact: Contact | None = None
    contact: Contact | None = None
    days: Sequence[date] = ()
    day: date | None = None
    slots: Sequence[Slot] = ()
    slot: Slot | None = None
    # Call
    call: CallState = field(default_factory=CallState)
    self_view: bool = True
    # Technician
    selftests: Sequence[SelfTestItem] = ()
    # Notice
    notice: Msg | None = None
    notice_title: Msg | None = None
    notice_error: bool = False
    notice_return: Screen = Screen.HOME


@dataclass(frozen=True)
class CallView:
    """Live figures of the call screen at a given instant."""

    time_left_s: int | None
    connected_s: int
    cost_cents: int
    balance_cents: int | None
    level: str  # "normal", "warning" (≤ 5 min), "urgent" (≤ 1 min)


WARN_AT = (300, 60)


def call_cost_cents(quote: CallQuote | None, connected_s: int) -> int:
    """Connection fee once connected, then per second at the per-minute rate, half-up."""
    if quote is None or connected_s <= 0:
        return 0
    per_second = Decimal(quote.per_minute_cents) * connected_s / Decimal(60)
    return quote.connection_fee_cents + int(per_second.quantize(Decimal(1), ROUND_HALF_UP))


class Flow:
    """The booth's session state machine. `handle(event)` returns commands to run."""

    def __init__(
        self,
        clock: Clock,
        settings: FlowSettings | None = None,
        *,
        out_of_service: bool = False,
    ) -> None:
        self.clock = clock
        self.settings = settings or FlowSettings()
        self.ctx = Context(out_of_service=out_of_service)
        self.ctx.screen = Screen.OUT_OF_SERVICE if out_of_service else Screen.LOCKED
        self._listeners: list[Callable[[Context], None]] = []
        self._last_activity = clock.now()
        self._after_call_deadline: datetime | None = None
        self._next_refresh = clock.now()
        self._staff_failures = 0
        self._staff_locked_until: datetime | None = None
        # per detainee, survives the end of a session so a new session cannot reset it
        self._pin_failures: dict[str, int] = {}
        self._pin_locked_until: dict[str, datetime] = {}
        self._end_session_after_call = False

    # ------------------------------------------------------------ public

    def subscribe(self, listener: Callable[[Context], None]) -> None:
        self._listeners.append(listener)

    def start(self) -> list[Command]:
        """Commands to run when the app starts (or restarts after a crash)."""
        self._next_refresh = self.clock.now() + timedelta(seconds=self.settings.refresh_s)
        return [RefreshLocked()]

    def handle(self, event: Event) -> list[Command]:
        out: list[Command] = []
        if _is_user(event):
            self._last_activity = self.clock.now()
        method = getattr(self, "_on_" + type(event).__name__, None)
        if method is not None:
            result = method(event)
            if result:
                out.extend(result)
        self._notify()
        return out

    def staff_lockout_left(self) -> int:
        return _seconds_until(self.clock.now(), self._staff_locked_until)

    def pin_lockout_left(self) -> int:
        d = self.ctx.detainee
        if d is None:
            return 0
        return _seconds_until(self.clock.now(), self._pin_locked_until.get(d.id))

    def inactivity_left(self) -> int:
        elapsed = (self.clock.now() - self._last_activity).total_seconds()
        return max(0, int(self.settings.inactivity_s - elapsed))

    def after_call_left(self) -> int:
        return _seconds_until(self.clock.now(), self._after_call_deadline)

    def rejoin_left(self) -> int:
        """Seconds the relative who left still has to come back."""
        return _seconds_until(self.clock.now(), self.ctx.call.rejoin_until)

    def wait_left(self) -> int:
        """Seconds the relative still has to join."""
        return _seconds_until(self.clock.now(), self.ctx.call.expires_at)

    def call_view(self) -> CallView:
        c = self.ctx.call
        now = self.clock.now()
        elapsed = 0
        if c.progress_at is not None:
            elapsed = max(0, int((now - c.progress_at).total_seconds()))
        time_left = None if c.time_left_s is None else max(0, c.time_left_s - elapsed)
        connected = c.connected_s + (elapsed if c.relative_present else 0)
        cost = call_cost_cents(c.quote, connected)
        balance = None
        if self.ctx.detainee is not None:
            balance = self.ctx.detainee.balance_cents - cost
        level = "normal"
        if time_left is not None and time_left <= WARN_AT[1]:
            level = "urgent"
        elif time_left is not None and time_left <= WARN_AT[0]:
            level = "warning"
        return CallView(time_left, connected, cost, balance, level)

    def can_call(self) -> bool:
        """A booking of now, and the quote does not refuse (the contact is picked if needed)."""
        q = self.ctx.call.quote
        return self.ctx.booking is not None and (q is None or q.refusal_code is None)

    # ------------------------------------------------------------ helpers

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener(self.ctx)

    def _go(self, screen: Screen) -> None:
        self.ctx.screen = screen
        self.ctx.message = None
        self.ctx.message_is_error = False
        self.ctx.busy = None

    def _error(self, key: str, **params: Any) -> None:
        self.ctx.message = Msg(key, params)
        self.ctx.message_is_error = True
        self.ctx.busy = None

    def _info(self, key: str, **params: Any) -> None:
        self.ctx.message = Msg(key, params)
        self.ctx.message_is_error = False
        self.ctx.busy = None

    def _notice(
        self, title: str, key: str, back: Screen, *, error: bool = False, **params: Any
    ) -> None:
        self._go(Screen.NOTICE)
        self.ctx.notice_title = Msg(title)
        self.ctx.notice = Msg(key, params)
        self.ctx.notice_error = error
        self.ctx.notice_return = back

    def _rest_screen(self) -> Screen:
        return Screen.OUT_OF_SERVICE if self.ctx.out_of_service else Screen.LOCKED

    def _end_session(self, reason: str) -> list[Command]:
        """Back to Locked: forget the detainee, reset the language, hang up if needed."""
        out: list[Command] = []
        if self.ctx.screen in (Screen.WAITING, Screen.IN_CALL) or (
            self.ctx.screen == Screen.STAFF_PIN
            and self.ctx.staff_return in (Screen.WAITING, Screen.IN_CALL)
        ):
            out.append(Hangup(EndReason.GUARD if reason == "staff" else reason))
        had_session = self.ctx.detainee is not None or self.ctx.staff is not None
        keep = (
            self.ctx.booth_name,
            self.ctx.upcoming,
            self.ctx.sync,
            self.ctx.out_of_service,
        )
        self.ctx = Context()
        self.ctx.booth_name, self.ctx.upcoming, self.ctx.sync, self.ctx.out_of_service = keep
        self.ctx.screen = self._rest_screen()
        self._after_call_deadline = None
        self._end_session_after_call = False
        if had_session:
            out.append(Audit("session_end", {"reason": reason}))
        out.append(RefreshLocked())
        self._next_refresh = self.clock.now() + timedelta(seconds=self.settings.refresh_s)
        return out

    # ------------------------------------------------------------ timers

    def _on_Tick(self, e: Tick) -> list[Command]:
        now = self.clock.now()
        out: list[Command] = []
        s = self.ctx.screen
        if s in (Screen.LOCKED, Screen.OUT_OF_SERVICE) and now >= self._next_refresh:
            self._next_refresh = now + timedelta(seconds=self.settings.refresh_s)
            out.append(RefreshLocked())
        if s in IDLE_SENSITIVE and self.inactivity_left() <= 0:
            return out + self._end_session("inactivity")
        if s == Screen.AFTER_CALL and self.after_call_left() <= 0:
            return out + self._end_session("after_call")
        if s == Screen.IN_CALL or (
            s == Screen.STAFF_PIN and self.ctx.staff_return == Screen.IN_CALL
        ):
            out.extend(self._check_warnings())
        if self._staff_locked_until is not None and now >= self._staff_locked_until:
            self._staff_locked_until = None
            self._staff_failures = 0
        d = self.ctx.detainee
        if d is not None:
            until = self._pin_locked_until.get(d.id)
            if until is not None and now >= until:
                del self._pin_locked_until[d.id]
                self._pin_failures[d.id] = 0
                self.ctx.pin_tries_left = self.settings.detainee_pin_tries
                if s == Screen.DETAINEE_PIN:
                    self.ctx.message = None
        return out

    def _check_warnings(self) -> list[Command]:
        view = self.call_view()
        if view.time_left_s is None:
            return []
        fired = self.ctx.call.warnings_fired
        crossed = [p for p in WARN_AT if view.time_left_s <= p and p not in fired]
        if not crossed:
            return []
        lowest = min(crossed)
        # crossing both points at once (a late report) chimes once, the urgent way
        fired |= {p for p in WARN_AT if p >= lowest}
        return [PlaySound("urgent" if lowest == min(WARN_AT) else "warning")]

    def _on_UserActivity(self, e: UserActivity) -> None:
        self._last_activity = self.clock.now()

    # ------------------------------------------------------------ Locked

    def _on_LockedInfo(self, e: LockedInfo) -> None:
        self.ctx.booth_name = e.booth_name
        self.ctx.upcoming = list(e.upcoming)[: self.settings.upcoming_count]
        self.ctx.sync = e.status

    def _on_StaffRequested(self, e: StaffRequested) -> None:
        s = self.ctx.screen
        if s == Screen.STAFF_PIN:
            return
        if s in (Screen.LOCKED,):
            purpose = StaffPurpose.UNLOCK
        elif s == Screen.OUT_OF_SERVICE:
            purpose = StaffPurpose.SERVICE
        elif s in SESSION_SCREENS or s == Screen.GUARD_PICK:
            purpose = StaffPurpose.END
        else:
            return
        self.ctx.staff_purpose = purpose
        self.ctx.staff_return = s
        self._go(Screen.STAFF_PIN)
        if self.staff_lockout_left() > 0:
            self._error("pin_locked")

    def _on_PinSubmitted(self, e: PinSubmitted) -> list[Command]:
        if self.ctx.busy is not None:
            return []
        if self.ctx.screen == Screen.STAFF_PIN:
            if self.staff_lockout_left() > 0:
                self._error("pin_locked")
                return []
            if len(e.pin) < self.settings.pin_length_min:
                self._error("pin_too_short")
                return []
            self.ctx.busy = Msg("checking_pin")
            return [VerifyStaffPin(e.pin)]
        if self.ctx.screen == Screen.DETAINEE_PIN and self.ctx.detainee is not None:
            if self.pin_lockout_left() > 0:
                self._error("pin_locked")
                return []
            if len(e.pin) < self.settings.pin_length_min:
                self._error("pin_too_short")
                return []
            self.ctx.busy = Msg("checking_pin")
            return [VerifyDetaineePin(self.ctx.detainee.id, e.pin)]
        return []

    def _on_StaffPinChecked(self, e: StaffPinChecked) -> list[Command]:
        if self.ctx.screen != Screen.STAFF_PIN:
            return []
        self.ctx.busy = None
        m = e.member
        if m is None:
            self._last_activity = self.clock.now()
            self._staff_failures += 1
            if self._staff_failures >= self.settings.staff_pin_tries:
                self._staff_locked_until = self.clock.now() + timedelta(
                    seconds=self.settings.staff_lockout_s
                )
                self._error("pin_locked")
                return [Audit("staff_pin_lockout")]
            self._error("pin_wrong_staff")
            return []
        self._staff_failures = 0
        self._last_activity = self.clock.now()
        purpose = self.ctx.staff_purpose
        if purpose == StaffPurpose.END:
            out = self._end_session("staff")
            out.insert(0, Audit("session_ended_by_staff", {"staff": m.id}))
            return out
        if m.role == StaffRole.TECHNICIAN:
            self.ctx.staff = m
            self._go(Screen.TECHNICIAN)
            self.ctx.selftests = ()
            self.ctx.busy = Msg("running_selftests")
            return [Audit("technician_mode", {"staff": m.id}), RunSelftests()]
        if purpose == StaffPurpose.SERVICE:
            self._error("technician_only")
            return []
        self.ctx.staff = m
        self._go(Screen.GUARD_PICK)
        self.ctx.entering_number = False
        self.ctx.bookings_now = ()
        self.ctx.busy = Msg("loading")
        return [Audit("guard_unlock", {"staff": m.id}), LoadBookingsNow()]

    def _on_Back(self, e: Back) -> list[Command]:
        s = self.ctx.screen
        if s == Screen.STAFF_PIN:
            back = self.ctx.staff_return
            self._go(back)
            return []
        if s == Screen.GUARD_PICK:
            if self.ctx.entering_number:
                self.ctx.entering_number = False
                self.ctx.message = None
                return []
            return self._end_session("guard_back")
        if s == Screen.DETAINEE_PIN:
            return self._end_session("detainee_back")
        if s == Screen.TECHNICIAN:
            self.ctx.staff = None
            return self._end_session("technician_left")
        if s in (Screen.RULES, Screen.BOOK_CONTACT, Screen.MY_BOOKINGS, Screen.PRECALL):
            self._go(Screen.HOME)
            return []
        if s == Screen.BOOK_SLOT:
            self._go(Screen.BOOK_CONTACT)
            return []
        if s == Screen.NOTICE:
            self._go(self.ctx.notice_return)
            if self.ctx.notice_return in (Screen.LOCKED, Screen.OUT_OF_SERVICE):
                return self._end_session("notice")
            return []
        if s == Screen.HOME:
            return self._end_session("logout")
        return []

    # ------------------------------------------------------------ guard

    def _on_BookingsNowLoaded(self, e: BookingsNowLoaded) -> None:
        if self.ctx.screen == Screen.GUARD_PICK:
            self.ctx.bookings_now = list(e.bookings)
            self.ctx.busy = None

    def _on_BookingPicked(self, e: BookingPicked) -> list[Command]:
        if self.ctx.screen != Screen.GUARD_PICK:
            return []
        booking = next((b for b in self.ctx.bookings_now if b.id == e.booking_id), None)
        if booking is None:
            return []
        self.ctx.booking = booking
        self.ctx.busy = Msg("loading")
        return [LoadDetainee(booking.detainee_id, booking.id)]

    def _on_BookingOnlyRequested(self, e: BookingOnlyRequested) -> None:
        if self.ctx.screen == Screen.GUARD_PICK:
            self.ctx.entering_number = True
            self.ctx.message = None

    def _on_DetaineeNumberSubmitted(self, e: DetaineeNumberSubmitted) -> list[Command]:
        if self.ctx.screen != Screen.GUARD_PICK or not self.ctx.entering_number:
            return []
        number = e.number.strip()
        if not number:
            self._error("number_empty")
            return []
        self.ctx.busy = Msg("loading")
        return [FindDetainee(number)]

    def _on_DetaineeFound(self, e: DetaineeFound) -> list[Command]:
        if self.ctx.screen != Screen.GUARD_PICK:
            return []
        if e.detainee is None:
            self._error("number_unknown")
            return []
        self.ctx.booking = None
        self.ctx.busy = Msg("loading")
        return [LoadDetainee(e.detainee.id, None)]

    def _on_DetaineeLoaded(self, e: DetaineeLoaded) -> None:
        f = e.file
        self.ctx.detainee = f.detainee
        self.ctx.contacts = list(f.contacts)
        self.ctx.my_bookings = list(f.bookings)
        self.ctx.call.quote = f.quote
        self.ctx.rules_full = not f.detainee.consent_given
        if self.ctx.screen == Screen.GUARD_PICK:
            # hand over to the detainee
            self._go(Screen.DETAINEE_PIN)
            failures = self._pin_failures.get(f.detainee.id, 0)
            self.ctx.pin_tries_left = max(0, self.settings.detainee_pin_tries - failures)
            if self.pin_lockout_left() > 0:
                self._error("pin_locked")
        elif self.ctx.screen in (Screen.HOME, Screen.MY_BOOKINGS):
            self.ctx.busy = None

    # ------------------------------------------------------------ detainee

    def _on_DetaineePinChecked(self, e: DetaineePinChecked) -> list[Command]:
        d = self.ctx.detainee
        if self.ctx.screen != Screen.DETAINEE_PIN or d is None:
            return []
        self.ctx.busy = None
        if e.ok:
            self._pin_failures[d.id] = 0
            self._go(Screen.HOME)
            return [Audit("detainee_login", {"detainee": d.id})]
        failures = self._pin_failures.get(d.id, 0) + 1
        self._pin_failures[d.id] = failures
        left = self.settings.detainee_pin_tries - failures
        self.ctx.pin_tries_left = max(0, left)
        if left <= 0:
            self._pin_locked_until[d.id] = self.clock.now() + timedelta(
                seconds=self.settings.detainee_lockout_s
            )
            self._error("pin_locked")
            return [Audit("detainee_pin_lockout", {"detainee": d.id})]
        self._error("pin_wrong", tries=left)
        return []

    def _on_LanguageChosen(self, e: LanguageChosen) -> None:
        if e.lang in LANGUAGES and self.ctx.screen in SESSION_SCREENS:
            self.ctx.lang = e.lang

    def _on_CallRequested(self, e: CallRequested) -> None:
        if self.ctx.screen != Screen.HOME:
            return
        b = self.ctx.booking
        q = self.ctx.call.quote
        if b is None:
            self._notice("call_impossible", "no_booking_now", Screen.HOME, error=True)
            return
        if self.ctx.sync is not None and not self.ctx.sync.reachable:
            self._notice("central_down_title", "central_down_call", Screen.HOME, error=True)
            return
        if q is not None and q.refusal_code is not None:
            self._notice(
                "call_impossible",
                "refusal",
                Screen.HOME,
                error=True,
                code=q.refusal_code,
                text=q.refusal_message or "",
            )
            return
        booked = next(
            (c for c in self.ctx.contacts if c.id == b.contact_id and c.status == "ok"), None
        )
        if booked is None:
            # the booking does not say whom to call (or that number is no longer allowed)
            self.ctx.picking_for_call = True
            self.ctx.call_contact = None
            self._go(Screen.BOOK_CONTACT)
            return
        self.ctx.call_contact = booked
        self._go(Screen.RULES)

    def _on_RulesAccepted(self, e: RulesAccepted) -> list[Command]:
        if self.ctx.screen != Screen.RULES or self.ctx.detainee is None:
            return []
        out: list[Command] = []
        if self.ctx.rules_full:
            out.append(RecordConsent(self.ctx.detainee.id))
            self.ctx.rules_full = False
        self._go(Screen.PRECALL)
        return out

    # ------------------------------------------------------------ booking

    def _on_BookRequested(self, e: BookRequested) -> None:
        if self.ctx.screen == Screen.HOME:
            self.ctx.contact = None
            self.ctx.picking_for_call = False
            self._go(Screen.BOOK_CONTACT)

    def _on_ContactPicked(self, e: ContactPicked) -> list[Command]:
        if self.ctx.screen != Screen.BOOK_CONTACT or self.ctx.detainee is None:
            return []
        c = next((c for c in self.ctx.contacts if c.id == e.contact_id), None)
        if c is None:
            return []
        if c.status == "suspended":
            self._error("refusal", code="contact_suspended", text="")
            return []
        if c.status == "withdrawn":
            self._error("refusal", code="contact_withdrawn", text="")
            return []
        if self.ctx.picking_for_call:
            self.ctx.call_contact = c
            self._go(Screen.RULES)
            return []
        self.ctx.contact = c
        today = self.clock.now().astimezone(ZoneInfo(self.settings.timezone)).date()
        self.ctx.days = [today + timedelta(days=i) for i in range(self.settings.booking_days)]
        self._go(Screen.BOOK_SLOT)
        return self._fetch(self.ctx.days[0])

    def _fetch(self, day: date) -> list[Command]:
        assert self.ctx.detainee is not None
        self.ctx.day = day
        self.ctx.slots = ()
        self.ctx.slot = None
        self.ctx.busy = Msg("loading_slots")
        return [FetchSlots(self.ctx.detainee.id, day)]

    def _on_DayPicked(self, e: DayPicked) -> list[Command]:
        if self.ctx.screen != Screen.BOOK_SLOT or self.ctx.busy is not None:
            return []
        self.ctx.message = None
        return self._fetch(e.day)

    def _on_SlotsLoaded(self, e: SlotsLoaded) -> None:
        if self.ctx.screen == Screen.BOOK_SLOT and e.day == self.ctx.day:
            self.ctx.slots = list(e.slots)
            self.ctx.busy = None
            if not e.slots and self.ctx.message is None:
                self._info("no_free_slot")

    def _on_SlotPicked(self, e: SlotPicked) -> None:
        if self.ctx.screen != Screen.BOOK_SLOT:
            return
        self.ctx.slot = next((s for s in self.ctx.slots if s.start == e.start), None)
        if self.ctx.message is not None and self.ctx.message.key != "no_free_slot":
            self.ctx.message = None

    def _on_BookConfirmed(self, e: BookConfirmed) -> list[Command]:
        c = self.ctx
        if c.screen != Screen.BOOK_SLOT or c.slot is None or c.contact is None:
            return []
        if c.detainee is None or c.busy is not None:
            return []
        c.busy = Msg("booking")
        return [Book(c.detainee.id, c.contact.id, c.slot.start)]

    def _on_Booked(self, e: Booked) -> None:
        b = e.booking
        self.ctx.my_bookings = sorted([*self.ctx.my_bookings, b], key=lambda x: x.start)
        if self.ctx.screen == Screen.BOOK_SLOT:
            name = self.ctx.contact.name if self.ctx.contact else b.contact_name
            self._notice("booked_title", "booked", Screen.HOME, start=b.start, contact=name)

    def _on_MyBookingsRequested(self, e: MyBookingsRequested) -> None:
        if self.ctx.screen == Screen.HOME:
            self._go(Screen.MY_BOOKINGS)

    def _on_CancelBookingPressed(self, e: CancelBookingPressed) -> list[Command]:
        c = self.ctx
        if c.screen != Screen.MY_BOOKINGS or c.detainee is None or c.busy is not None:
            return []
        if c.booking is not None and c.booking.id == e.booking_id:
            self._error("cannot_cancel_current")
            return []
        c.busy = Msg("cancelling")
        return [CancelBooking(c.detainee.id, e.booking_id)]

    def _on_BookingCancelled(self, e: BookingCancelled) -> None:
        self.ctx.my_bookings = [b for b in self.ctx.my_bookings if b.id != e.booking_id]
        if self.ctx.screen == Screen.MY_BOOKINGS:
            self._info("cancelled")

    def _on_Refusal(self, e: Refusal) -> list[Command]:
        s = self.ctx.screen
        if s == Screen.BOOK_SLOT:
            self._error("refusal", code=e.code, text=e.message)
            if e.code in ("slot_taken", "notice_too_short", "slot_in_past") and self.ctx.day:
                msg = self.ctx.message
                out = self._fetch(self.ctx.day)
                self.ctx.message = msg
                self.ctx.message_is_error = True
                return out
        elif s == Screen.MY_BOOKINGS:
            self._error("refusal", code=e.code, text=e.message)
        elif s == Screen.WAITING or (s == Screen.PRECALL and self.ctx.busy is not None):
            self._notice(
                "call_impossible", "refusal", Screen.HOME, error=True, code=e.code, text=e.message
            )
        return []

    def _on_CentralFailed(self, e: CentralFailed) -> None:
        s = self.ctx.screen
        self.ctx.sync = SyncStatus(False, self.ctx.sync.last_sync if self.ctx.sync else None)
        if s in (Screen.BOOK_SLOT, Screen.MY_BOOKINGS):
            self._error("central_down")
        elif s in (Screen.PRECALL, Screen.WAITING):
            self._notice("central_down_title", "central_down_call", Screen.HOME, error=True)

    def _on_ServiceFailed(self, e: ServiceFailed) -> None:
        s = self.ctx.screen
        if s in (Screen.STAFF_PIN, Screen.DETAINEE_PIN, Screen.GUARD_PICK):
            self._error("store_failed")
        elif s == Screen.TECHNICIAN:
            self._error("device_failed", what=e.what)
        elif s in (Screen.PRECALL, Screen.WAITING):
            self._notice("device_failed_title", "device_failed_call", Screen.HOME, error=True)
        elif s in (Screen.HOME, Screen.MY_BOOKINGS, Screen.BOOK_CONTACT, Screen.BOOK_SLOT):
            self._error("store_failed")

    # ------------------------------------------------------------ call

    def _on_PlaceCallPressed(self, e: PlaceCallPressed) -> list[Command]:
        c = self.ctx
        if c.screen != Screen.PRECALL or c.busy is not None:
            return []
        if c.booking is None or c.call_contact is None:
            return []
        c.busy = Msg("placing_call")
        c.call = CallState(quote=c.call.quote)
        return [PlaceCall(c.booking.id, c.call_contact.id)]

    def _on_CallPlaced(self, e: CallPlaced) -> None:
        if self.ctx.screen not in (Screen.PRECALL, Screen.STAFF_PIN):
            return
        call = self.ctx.call
        call.call_id = e.call_id
        call.masked_number = e.masked_number
        call.expires_at = e.expires_at
        call.allowed_seconds = e.allowed_seconds
        call.time_left_s = e.allowed_seconds
        call.progress_at = None
        if self.ctx.screen == Screen.PRECALL:
            self._go(Screen.WAITING)
        else:
            self.ctx.staff_return = Screen.WAITING

    def _in_call_screen(self, *screens: Screen) -> bool:
        s = self.ctx.screen
        return s in screens or (s == Screen.STAFF_PIN and self.ctx.staff_return in screens)

    def _on_RelativeJoined(self, e: RelativeJoined) -> list[Command]:
        if not self._in_call_screen(Screen.WAITING, Screen.IN_CALL):
            return []
        call = self.ctx.call
        call.connected_s = self.call_view().connected_s
        call.time_left_s = self.call_view().time_left_s
        call.progress_at = self.clock.now() if call.time_left_s is not None else None
        call.relative_present = True
        call.relative_has_joined = True
        if self.ctx.screen == Screen.WAITING:
            self._go(Screen.IN_CALL)
        elif self.ctx.screen == Screen.STAFF_PIN:
            self.ctx.staff_return = Screen.IN_CALL
        return [PlaySound("joined")]

    def _on_RelativeLeft(self, e: RelativeLeft) -> None:
        if not self._in_call_screen(Screen.IN_CALL):
            return
        view = self.call_view()
        call = self.ctx.call
        call.connected_s = view.connected_s
        call.time_left_s = view.time_left_s
        call.progress_at = self.clock.now()
        call.relative_present = False
        call.rejoin_until = self.clock.now() + timedelta(seconds=max(0, e.rejoin_s))

    def _on_CallProgress(self, e: CallProgress) -> list[Command]:
        if not self._in_call_screen(Screen.WAITING, Screen.IN_CALL):
            return []
        call = self.ctx.call
        call.time_left_s = e.time_left_s
        call.connected_s = e.connected_s
        call.progress_at = self.clock.now()
        return self._check_warnings() if self._in_call_screen(Screen.IN_CALL) else []

    def _on_CallWarning(self, e: CallWarning) -> list[Command]:
        if not self._in_call_screen(Screen.IN_CALL):
            return []
        call = self.ctx.call
        view = self.call_view()
        if view.time_left_s is None or view.time_left_s > e.seconds_left:
            call.time_left_s = e.seconds_left
            call.connected_s = view.connected_s
            call.progress_at = self.clock.now()
        return self._check_warnings()

    def _on_CancelCallPressed(self, e: CancelCallPressed) -> list[Command]:
        if self.ctx.screen != Screen.WAITING or self.ctx.call.hanging_up:
            return []
        self.ctx.call.hanging_up = True
        self.ctx.busy = Msg("cancelling_call")
        return [Hangup(EndReason.CANCELLED)]

    def _on_HangupPressed(self, e: HangupPressed) -> list[Command]:
        if self.ctx.screen != Screen.IN_CALL or self.ctx.call.hanging_up:
            return []
        self.ctx.call.hanging_up = True
        self.ctx.busy = Msg("hanging_up")
        return [Hangup(EndReason.HANGUP)]

    def _on_MuteToggled(self, e: MuteToggled) -> list[Command]:
        if self.ctx.screen != Screen.IN_CALL:
            return []
        self.ctx.call.muted = not self.ctx.call.muted
        return [SetMuted(self.ctx.call.muted)]

    def _on_SelfViewToggled(self, e: SelfViewToggled) -> None:
        self.ctx.self_view = not self.ctx.self_view

    def _on_CallEnded(self, e: CallEnded) -> list[Command]:
        s = self.ctx.screen
        if not self._in_call_screen(Screen.WAITING, Screen.IN_CALL, Screen.PRECALL):
            return []
        if s == Screen.PRECALL and self.ctx.busy is None:
            return []
        call = self.ctx.call
        reason = e.reason if e.reason in set(EndReason) else EndReason.OTHER
        call.end_reason = reason
        call.connected_s = e.connected_s
        call.time_left_s = None
        call.relative_present = False
        price = e.price_cents
        if price is None:
            price = call_cost_cents(call.quote, e.connected_s)
        call.price_cents = price
        call.balance_after_cents = e.balance_cents
        if call.balance_after_cents is None and self.ctx.detainee is not None:
            call.balance_after_cents = self.ctx.detainee.balance_cents - price
        if self.ctx.detainee is not None and call.balance_after_cents is not None:
            d = self.ctx.detainee
            self.ctx.detainee = Detainee(
                d.id, d.name, d.number, call.balance_after_cents, d.plan, d.consent_given
            )
        out: list[Command] = [PlaySound("ended")] if call.relative_has_joined else []
        if reason == EndReason.CANCELLED and not call.relative_has_joined:
            if s == Screen.STAFF_PIN:
                self.ctx.staff_return = Screen.HOME
            else:
                self._go(Screen.HOME)
            return out
        self._after_call_deadline = self.clock.now() + timedelta(
            seconds=self.settings.after_call_s
        )
        if s == Screen.STAFF_PIN:
            self.ctx.staff_return = Screen.AFTER_CALL
        else:
            self._go(Screen.AFTER_CALL)
        return out

    def _on_Finished(self, e: Finished) -> list[Command]:
        if self.ctx.screen == Screen.AFTER_CALL:
            return self._end_session("finished")
        return []

    # ------------------------------------------------------------ technician

    def _on_SelftestsRequested(self, e: SelftestsRequested) -> list[Command]:
        if self.ctx.screen != Screen.TECHNICIAN or self.ctx.busy is not None:
            return []
        self.ctx.busy = Msg("running_selftests")
        return [RunSelftests()]

    def _on_SelftestsDone(self, e: SelftestsDone) -> None:
        self.ctx.selftests = list(e.results)
        if self.ctx.screen == Screen.TECHNICIAN:
            self.ctx.busy = None

    def _on_SpeakerTestPressed(self, e: SpeakerTestPressed) -> list[Command]:
        return [PlayTestSound()] if self.ctx.screen == Screen.TECHNICIAN else []

    def _on_ServiceToggled(self, e: ServiceToggled) -> list[Command]:
        if self.ctx.screen != Screen.TECHNICIAN:
            return []
        self.ctx.out_of_service = not self.ctx.out_of_service
        who = self.ctx.staff.id if self.ctx.staff else ""
        kind = "out_of_service" if self.ctx.out_of_service else "back_in_service"
        self._info(kind)
        return [SaveOutOfService(self.ctx.out_of_service), Audit(kind, {"staff": who})]

    def _on_QuitRequested(self, e: QuitRequested) -> list[Command]:
        if self.ctx.screen != Screen.TECHNICIAN:
            return []
        who = self.ctx.staff.id if self.ctx.staff else ""
        return [Audit("kiosk_quit", {"staff": who}), QuitApp()]


_USER_EVENTS: tuple[type[Event], ...] = (
    UserActivity,
    StaffRequested,
    PinSubmitted,
    Back,
    BookingPicked,
    BookingOnlyRequested,
    DetaineeNumberSubmitted,
    LanguageChosen,
    CallRequested,
    RulesAccepted,
    PlaceCallPressed,
    CancelCallPressed,
    HangupPressed,
    MuteToggled,
    SelfViewToggled,
    BookRequested,
    ContactPicked,
    DayPicked,
    SlotPicked,
    BookConfirmed,
    MyBookingsRequested,
    CancelBookingPressed,
    Finished,
    SelftestsRequested,
    SpeakerTestPressed,
    ServiceToggled,
    QuitRequested,
)


def _is_user(event: Event) -> bool:
    return isinstance(event, _USER_EVENTS)


def _seconds_until(now: datetime, when: datetime | None) -> int:
    if when is None:
        return 0
    left = (when - now).total_seconds()
    return max(0, int(-(-left // 1)))  # ceil
