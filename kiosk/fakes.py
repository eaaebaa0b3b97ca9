"""In-memory twins of the kiosk's services, for tests, screenshots and a standalone try-out.

They follow the Protocols of `kiosk.services` exactly and behave like the
real parts on the points the UI depends on (refusal codes, offline
failures, call events in order). Nothing here is used by a real booth.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from kiosk.services import (
    Booking,
    CallQuote,
    CallUpdate,
    CentralDown,
    Contact,
    Detainee,
    DetaineeFile,
    KioskError,
    Refused,
    SelfTestItem,
    Slot,
    StaffMember,
    StaffRole,
    SyncStatus,
)
from parloir.clock import Clock

PARIS = ZoneInfo("Europe/Paris")


def _h(pin: str) -> str:
    return hashlib.sha256(("fake:" + pin).encode()).hexdigest()


class FakeStore:
    def __init__(self, clock: Clock, booth: str = "Cabine 1") -> None:
        self.clock = clock
        self.booth = booth
        now = clock.now()
        start = now.replace(minute=0 if now.minute < 30 else 30, second=0, microsecond=0)
        self.staff = {
            _h("4321"): StaffMember("g1", StaffRole.GUARD, "Surveillant"),
            _h("9999"): StaffMember("t1", StaffRole.TECHNICIAN, "Technicien"),
        }
        self.detainees = {
            "d1": Detainee("d1", "Karim Benali", "123456", 1250, "50"),
            "d2": Detainee("d2", "Julien Morel", "234567", 4120, "hors-forfait", True),
            "d3": Detainee("d3", "Sofia Ramos", "345678", 30, "20", True),
        }
        self.pins = {"d1": _h("1234"), "d2": _h("2345"), "d3": _h("3456")}
        self.contacts = {
            "d1": [
                Contact("c1", "Nadia Benali", "06 •• •• •• 12", relation="épouse"),
                Contact("c2", "Yanis Benali", "07 •• •• •• 34", "suspended"),
                Contact("c3", "Maître Durand", "01 •• •• •• 56", protected=True),
                Contact("c4", "Paul Martin", "06 •• •• •• 78", "withdrawn"),
            ],
            "d2": [Contact("c5", "Claire Morel", "06 •• •• •• 90")],
            "d3": [Contact("c6", "Ana Ramos", "06 •• •• •• 21")],
        }
        self.bookings = [
            Booking("b1", "d1", start, start + timedelta(minutes=30), "c1",
                    "Karim Benali", "Nadia Benali"),
            Booking("b2", "d2", start + timedelta(minutes=30), start + timedelta(minutes=60),
                    "c5", "Julien Morel", "Claire Morel"),
            Booking("b3", "d3", start + timedelta(minutes=60), start + timedelta(minutes=90),
                    "c6", "Sofia Ramos", "Ana Ramos"),
            Booking("b4", "d1", start + timedelta(days=2, hours=1),
                    start + timedelta(days=2, hours=1, minutes=30), "c3",
                    "Karim Benali", "Maître Durand"),
        ]  # fmt: skip
        self.consents: set[str] = set()
        self.audits: list[tuple[str, dict[str, str]]] = []
        self.fail = False

    def _check(self) -> None:
        if self.fail:
            raise KioskError("La cabine n'arrive pas à lire ses données.")

    def booth_name(self) -> str:
        return self.booth

    def upcoming_bookings(self, now: datetime, limit: int) -> Sequence[Booking]:
        self._check()
        return sorted((b for b in self.bookings if b.end > now), key=lambda b: b.start)[:limit]

    def bookings_now(self, now: datetime) -> Sequence[Booking]:
        self._check()
        early = timedelta(minutes=10)
        return [b for b in self.bookings if b.start - early <= now < b.end]

    def verify_staff_pin(self, pin: str) -> StaffMember | None:
        self._check()
        return self.staff.get(_h(pin))

    def find_detainee(self, number: str) -> Detainee | None:
        self._check()
        return next((d for d in self.detainees.values() if d.number == number), None)

    def verify_detainee_pin(self, detainee_id: str, pin: str) -> bool:
        self._check()
        return self.pins.get(detainee_id) == _h(pin)

    def detainee_file(
        self, detainee_id: str, booking_id: str | None, now: datetime
    ) -> DetaineeFile:
        self._check()
        d = self.detainees[detainee_id]
        if detainee_id in self.consents:
            d = replace(d, consent_given=True)
        mine = sorted(
            (b for b in self.bookings if b.detainee_id == detainee_id and b.end > now),
            key=lambda b: b.start,
        )
        quote = None
        booking = next((b for b in self.bookings if b.id == booking_id), None)
        if booking is not None:
            quote = fake_quote(d, booking, now)
        return DetaineeFile(d, self.contacts.get(detainee_id, []), mine, quote)

    def record_consent(self, detainee_id: str, now: datetime) -> None:
        self.consents.add(detainee_id)

    def audit(self, kind: str, details: dict[str, str], now: datetime) -> None:
        self.audits.append((kind, details))


RATES = {"hors-forfait": 30, "20": 26, "30": 25, "40": 20, "50": 27, "70": 25, "100": 20}


def fake_quote(d: Detainee, booking: Booking, now: datetime) -> CallQuote:
    rate = RATES.get(d.plan, 30)
    fee = 14 if d.plan == "hors-forfait" else 0
    if d.balance_cents < fee + rate:
        return CallQuote(0, rate, fee, "balance_too_low",
                         "Votre crédit est insuffisant pour appeler.")  # fmt: skip
    by_balance = (d.balance_cents - fee) * 60 // rate
    by_slot = int((booking.end - now).total_seconds())
    return CallQuote(max(0, min(1800, by_balance, by_slot)), rate, fee)


class FakeCentral:
    """Slots on a 30-minute grid 08:00-20:00, with switchable offline mode and refusals."""

    def __init__(self, store: FakeStore) -> None:
        self.store = store
        self.online = True
        self.last_sync: datetime | None = store.clock.now() - timedelta(minutes=2)
        self.refuse_next: str | None = None
        self.booked: list[Booking] = []
        self.delay_s = 0.0  # to show the "work in progress" overlay
        self.pending_uploads = 0
        self._n = 100

    def status(self) -> SyncStatus:
        return SyncStatus(self.online, self.last_sync, self.pending_uploads)

    def _up(self) -> None:
        if self.delay_s:
            import time as _t

            _t.sleep(self.delay_s)
        if not self.online:
            raise CentralDown("Le service central ne répond pas.")

    def free_slots(self, detainee_id: str, day: date) -> Sequence[Slot]:
        self._up()
        now = self.store.clock.now()
        taken = {b.start for b in self.store.bookings}
        out = []
        t = datetime.combine(day, time(8, 0), PARIS)
        end = datetime.combine(day, time(20, 0), PARIS)
        while t < end:
            if t > now + timedelta(hours=1) and t not in taken:
                out.append(Slot(t, t + timedelta(minutes=30)))
            t += timedelta(minutes=30)
        return out

    def book(self, detainee_id: str, contact_id: str, start: datetime) -> Booking:
        self._up()
        if self.refuse_next:
            code, self.refuse_next = self.refuse_next, None
            raise Refused("Refusé.", code)
        self._n += 1
        contact = next(
            (c for c in self.store.contacts.get(detainee_id, []) if c.id == contact_id), None
        )
        b = Booking(f"b{self._n}", detainee_id, start, start + timedelta(minutes=30),
                    contact_id, self.store.detainees[detainee_id].name,
                    contact.name if contact else "")  # fmt: skip
        self.store.bookings.append(b)
        return b

    def cancel(self, detainee_id: str, booking_id: str) -> None:
        self._up()
        if self.refuse_next:
            code, self.refuse_next = self.refuse_next, None
            raise Refused("Refusé.", code)
        self.store.bookings = [b for b in self.store.bookings if b.id != booking_id]


def synthetic_frame(w: int, h: int, t: float, hue: int = 0) -> np.ndarray:
    """A calm moving picture (gradient and a sliding band) standing in for a camera."""
    x = np.linspace(0, 1, w, dtype=np.float32)
    y = np.linspace(0, 1, h, dtype=np.float32)[:, None]
    frame = np.empty((h, w, 3), dtype=np.uint8)
    base = (np.sin(t * 0.5) + 1) * 0.5
    frame[..., 0] = (80 + 100 * y * (1 - x) + 40 * base).astype(np.uint8)
    frame[..., 1] = (70 + 90 * x * y + (60 if hue else 20)).astype(np.uint8)
    frame[..., 2] = (60 + 120 * (1 - y) * x + (20 if hue else 80)).astype(np.uint8)
    band = int((t * 80) % w)
    frame[:, max(0, band - 6) : band + 6, :] = 230
    # a face-like disc so screenshots look like a person is there
    cy, cx, r = h // 2, w // 2, h // 4
    yy, xx = np.ogrid[:h, :w]
    disc = (yy - cy) ** 2 + (xx - cx) ** 2 <= r * r
    frame[disc] = (150, 170, 200) if hue else (120, 150, 190)
    return frame


class FakeHardware:
    def __init__(self, clock: Clock, width: int = 640, height: int = 360) -> None:
        self.clock = clock
        self.size = (width, height)
        self.camera_ok = True
        self.tests_played = 0
        self._frame: np.ndarray | None = None
        self._frame_at = 0.0

    def latest_frame(self) -> Any:
        if not self.camera_ok:
            return None
        import time as _t

        now = _t.monotonic()
        if self._frame is None or now - self._frame_at > 1 / 15:
            self._frame = synthetic_frame(*self.size, now)
            self._frame_at = now
        return self._frame

    def mic_level_dbfs(self) -> float:
        import math
        import time as _t

        return -30.0 + 12.0 * math.sin(_t.monotonic() * 3)

    def play_test_sound(self) -> None:
        self.tests_played += 1

    def run_selftests(self) -> Sequence[SelfTestItem]:
        return [
            SelfTestItem("camera", self.camera_ok, "640×360, 30 images/s" if self.camera_ok
                         else "Aucune caméra détectée."),
            SelfTestItem("microphone", True, "niveau −30 dBFS"),
            SelfTestItem("speaker", True, "tonalité 1 kHz retrouvée"),
            SelfTestItem("screen", True, "1920×1080"),
            SelfTestItem("network", True, "central joignable en 4 ms"),
        ]  # fmt: skip


class FakeCalls:
    """A call that follows a script: placed, then (if `auto_join`) joined, progress, ended.

    With `auto=False` nothing happens by itself: tests call `emit()`.
    """

    def __init__(self, clock: Clock, *, auto: bool = True, join_after_s: float = 2.0) -> None:
        self.clock = clock
        self.auto = auto
        self.join_after_s = join_after_s
        self.on_update: Callable[[CallUpdate], None] | None = None
        self.started: list[tuple[str, str]] = []
        self.hangups: list[str] = []
        self.muted = False
        self.fail_with: Exception | None = None
        self._timers: list[threading.Timer] = []
        self._remote: np.ndarray | None = None
        self._remote_at = 0.0
        self.relative_present = False

    def start(self, booking_id: str, contact_id: str,
              on_update: Callable[[CallUpdate], None]) -> None:  # fmt: skip
        if self.fail_with is not None:
            raise self.fail_with
        self.on_update = on_update
        self.started.append((booking_id, contact_id))
        self.emit("placed", call_id=f"call-{len(self.started)}", masked_number="06 •• •• •• 12",
                  expires_at=self.clock.now() + timedelta(minutes=5), allowed_seconds=1800)
        if self.auto:
            self._later(self.join_after_s, lambda: self.emit("joined"))

    def _later(self, delay: float, fn: Callable[[], None]) -> None:
        t = threading.Timer(delay, fn)
        t.daemon = True
        self._timers.append(t)
        t.start()

    def emit(self, kind: str, **data: Any) -> None:
        if kind == "joined":
            self.relative_present = True
        elif kind in ("left", "ended"):
            self.relative_present = False
        if self.on_update is not None:
            self.on_update(CallUpdate(kind, data))

    def hangup(self, reason: str) -> None:
        self.hangups.append(reason)
        for t in self._timers:
            t.cancel()
        self.emit("ended", reason=reason, connected_s=0 if reason == "cancelled" else 60)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def remote_frame(self) -> Any:
        if not self.relative_present:
            return None
        import time as _t

        now = _t.monotonic()
        if self._remote is None or now - self._remote_at > 1 / 25:
            self._remote = synthetic_frame(1280, 720, now, hue=1)
            self._remote_at = now
        return self._remote


class FakeSounds:
    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, name: str) -> None:
        self.played.append(name)


def fake_services(clock: Clock, *, auto_calls: bool = True) -> Any:
    from kiosk.services import Services

    store = FakeStore(clock)
    return Services(
        store=store,
        central=FakeCentral(store),
        hardware=FakeHardware(clock),
        calls=FakeCalls(clock, auto=auto_calls),
        sounds=FakeSounds(),
    )
