"""The real parts behind the kiosk's service Protocols: sync store and client, booth
hardware, the call engine in its own asyncio thread.

Everything here may block (SQLite, argon2, HTTP, devices): the controller
calls it from worker threads. The only UI-thread entry points are
`latest_frame`, `mic_level_dbfs` and `remote_frame`, which read the newest
value kept by a device or converter thread.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

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
    Services,
    Slot,
    StaffMember,
    StaffRole,
    SyncStatus,
)
from parloir.clock import Clock

log = logging.getLogger(__name__)

EARLY_UNLOCK = timedelta(minutes=10)  # a guard may open a booking a little before it starts

# Why the relay or central ended a call → the kiosk's end reasons (kiosk.flow.EndReason).
END_REASONS = {
    "booth_hangup": "hangup",
    "relative_hangup": "relative_hangup",
    "max_duration": "time_up",
    "slot_end": "time_up",
    "balance": "balance",
    "relative_never_joined": "no_show",
    "invitation_expired": "no_show",
    "relative_left": "relative_lost",
    "booth_lost": "failure",
    "relay_lost": "failure",
    "connection_failed": "failure",
    "server_shutdown": "failure",
    "ended_by_central": "monitor",
    "monitor": "monitor",
}


class JsonState:
    """Small facts the kiosk keeps itself (consents, the contact chosen for a booking)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def update(self, fn: Callable[[dict[str, Any]], None]) -> None:
        with self._lock:
            data = self.load()
            fn(data)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
            tmp.replace(self.path)


def _contact_status(status: str) -> str:
    return status if status in ("suspended", "withdrawn") else "ok"


class StoreAdapter:
    """`kiosk.services.Store` over `sync.store.LocalStore` (works offline)."""

    def __init__(self, store: Any, state: JsonState, booth_name: str, clock: Clock) -> None:
        self.store = store
        self.state = state
        self.default_name = booth_name
        self.clock = clock

    def booth_name(self) -> str:
        try:
            return str(self.store.booth().get("name") or self.default_name)
        except Exception:
            return self.default_name

    def _booking(self, b: Any, contacts: dict[str, Any]) -> Booking:
        cid = contacts.get(str(b.id))
        return Booking(str(b.id), str(b.detainee_id), b.starts_at, b.ends_at,
                       str(cid) if cid else None, b.detainee_name)  # fmt: skip

    def upcoming_bookings(self, now: datetime, limit: int) -> Sequence[Booking]:
        chosen = self.state.load().get("booking_contacts", {})
        return [self._booking(b, chosen) for b in self.store.upcoming_bookings(now, limit=limit)]

    def bookings_now(self, now: datetime) -> Sequence[Booking]:
        chosen = self.state.load().get("booking_contacts", {})
        rows = self.store.upcoming_bookings(now, limit=10)
        return [self._booking(b, chosen) for b in rows if b.starts_at - EARLY_UNLOCK <= now]

    def verify_staff_pin(self, pin: str) -> StaffMember | None:
        v = self.store.verify_staff_pin(pin)
        if v is None:
            return None
        try:
            role = StaffRole(v.role)
        except ValueError:
            return None  # monitors and administrators do not open booths
        return StaffMember(str(v.id), role, v.display_name)

    def _detainee(self, v: Any) -> Detainee:
        bal = self.store.balance(v.id)
        consents = self.state.load().get("consents", [])
        return Detainee(str(v.id), v.display_name, v.number,
                        bal.available_cents if bal is not None else 0, v.plan,
                        str(v.id) in consents)  # fmt: skip

    def find_detainee(self, number: str) -> Detainee | None:
        v = self.store.find_detainee(number)
        return self._detainee(v) if v is not None else None

    def verify_detainee_pin(self, detainee_id: str, pin: str) -> bool:
        return bool(self.store.check_detainee_pin(detainee_id, pin))

    def detainee_file(
        self, detainee_id: str, booking_id: str | None, now: datetime
    ) -> DetaineeFile:
        v = self.store.detainee(detainee_id)
        if v is None:
            raise KioskError("Cette personne est inconnue de la cabine.")
        d = self._detainee(v)
        contacts = [
            Contact(
                str(c.id),
                c.display_name,
                c.phone_masked,
                _contact_status(c.status),
                c.relationship,
                bool(c.protected),
            )
            for c in self.store.contacts(detainee_id)
        ]
        chosen = self.state.load().get("booking_contacts", {})
        mine = [
            self._booking(b, chosen)
            for b in self.store.upcoming_bookings(now, detainee_id=detainee_id, limit=20)
        ]
        quote = None
        booking = next((b for b in mine if b.id == str(booking_id)), None)
        if booking is not None:
            quote = self.quote(d, v.access_status, booking.end, now)
        return DetaineeFile(d, contacts, mine, quote)

    def quote(self, d: Detainee, access: str, slot_end: datetime, now: datetime) -> CallQuote:
        from policy.limits import allowed_seconds, may_start
        from policy.refusals import MESSAGES, RefusalCode
        from policy.tariffs import TariffError

        tariff = self.store.tariff_book().in_force(now)
        try:
            rate = tariff.rate(d.plan)
        except TariffError:
            code = RefusalCode.UNKNOWN_PLAN
            return CallQuote(0, 0, 0, code.value, MESSAGES[code])
        per_minute = int(rate.per_minute * 100)
        fee = int(rate.connection_fee * 100)
        if access in ("suspended", "withdrawn"):
            code = RefusalCode(f"access_{access}")
            return CallQuote(0, per_minute, fee, code.value, MESSAGES[code])
        balance = Decimal(d.balance_cents) / 100
        decision = may_start(tariff, d.plan, balance)
        if not decision.ok and decision.refusal is not None:
            r = decision.refusal
            return CallQuote(0, per_minute, fee, r.code.value, r.message)
        allowed = allowed_seconds(tariff, d.plan, balance, now, slot_end)
        if allowed <= 0:
            code = RefusalCode.NO_TIME_LEFT
            return CallQuote(0, per_minute, fee, code.value, MESSAGES[code])
        return CallQuote(allowed, per_minute, fee)

    def record_consent(self, detainee_id: str, now: datetime) -> None:
        def add(data: dict[str, Any]) -> None:
            ids = set(data.get("consents", []))
            ids.add(str(detainee_id))
            data["consents"] = sorted(ids)

        self.state.update(add)
        self.audit("capture_consent", {"detainee": str(detainee_id)}, now)

    def remember_contact(self, booking_id: str, contact_id: str) -> None:
        def add(data: dict[str, Any]) -> None:
            data.setdefault("booking_contacts", {})[str(booking_id)] = str(contact_id)

        self.state.update(add)

    def audit(self, kind: str, details: dict[str, str], now: datetime) -> None:
        from sync import outbox

        with self.store.session() as s:
            outbox.record_audit(s, kind, at=now, actor="booth", details=details)


class CentralAdapter:
    """`kiosk.services.Central` over `sync.client.SyncClient` (online calls)."""

    def __init__(self, client: Any, store: StoreAdapter) -> None:
        self.client = client
        self.store = store

    def _wrap(self, fn: Callable[[], Any]) -> Any:
        from sync.client import CentralRefusal, CentralUnavailable

        try:
            return fn()
        except CentralUnavailable as exc:
            raise CentralDown(exc.message_fr) from None
        except CentralRefusal as exc:
            raise Refused(exc.message_fr, exc.code) from None

    def status(self) -> SyncStatus:
        s = self.client.status()
        return SyncStatus(bool(s.online), s.last_success, max(0, int(s.queue_length)))

    def free_slots(self, detainee_id: str, day: date) -> Sequence[Slot]:
        slots = self._wrap(lambda: self.client.slots(day, detainee_id))
        return [Slot(s.starts_at, s.ends_at) for s in slots]

    def book(self, detainee_id: str, contact_id: str, start: datetime) -> Booking:
        b = self._wrap(lambda: self.client.book(detainee_id, start))
        bid = str(b.id)
        self.store.remember_contact(bid, contact_id)
        return Booking(bid, str(detainee_id), b.starts_at, b.ends_at, contact_id)

    def cancel(self, detainee_id: str, booking_id: str) -> None:
        self._wrap(lambda: self.client.cancel(booking_id))


class HardwareAdapter:
    """Camera and microphone threads (started once), speaker, self-tests."""

    def __init__(self, settings: Any) -> None:
        from booth_hw.audio import Microphone, Speaker
        from booth_hw.camera import Camera

        self.settings = settings
        # Where self-test reports go (the booth's outbox, for central); None in tests.
        self.on_report: Callable[[Any], None] | None = None
        self.camera = Camera(settings.camera)
        self.mic = Microphone(settings.audio)
        self.speaker = Speaker(settings.audio)
        self._test_tone: Any = None
        for dev in (self.camera, self.mic, self.speaker):
            try:
                dev.start()
            except Exception as exc:  # a missing device is reported by the self-tests
                log.warning("device start failed: %s", type(exc).__name__)

    def latest_frame(self) -> Any:
        f = self.camera.latest()
        return None if f is None else f.image

    def mic_level_dbfs(self) -> float:
        try:
            return float(self.mic.level(100).rms_dbfs)
        except Exception:
            return -120.0

    def play_wav(self, path: Path) -> None:
        from booth_hw.audio import load_wav

        self.speaker.play(load_wav(path, self.speaker.rate))

    def play_test_sound(self) -> None:
        from kiosk.sounds import SOUNDS

        self.play_wav(SOUNDS / "test.wav")

    def run_selftests(self) -> Sequence[SelfTestItem]:
        from booth_hw.selftest import run_selftests

        results = run_selftests(
            self.settings, camera=self.camera, microphone=self.mic, speaker=self.speaker
        )
        if self.on_report is not None:
            try:
                self.on_report(results)
            except Exception:  # the technician still sees the results
                log.warning("self-test report could not be queued for central")
        return [SelfTestItem(r.name, r.ok, r.message) for r in results]

    def close(self) -> None:
        for dev in (self.camera, self.mic, self.speaker):
            try:
                dev.stop()
            except Exception:
                log.warning("device stop failed")


class SpeakerSounds:
    """Chimes through the booth speaker (mixed over the relative's voice)."""

    def __init__(self, hardware: HardwareAdapter) -> None:
        self.hardware = hardware
        self.played: list[str] = []

    def play(self, name: str) -> None:
        from kiosk.sounds import SOUNDS

        self.played.append(name)
        threading.Thread(
            target=self._play, args=(SOUNDS / f"{name}.wav",), daemon=True, name="chime"
        ).start()

    def _play(self, path: Path) -> None:
        try:
            self.hardware.play_wav(path)
        except Exception:
            log.warning("chime %s failed", path.name)


def _id(value: str) -> int | str:
    return int(value) if str(value).isdigit() else value


def muteable(track: Any) -> Any:
    """The microphone track with a `muted` switch: silence is sent, the stream goes on."""
    from aiortc import MediaStreamTrack

    class MuteableAudioTrack(MediaStreamTrack):
        kind = "audio"

        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner
            self.muted = False

        async def recv(self) -> Any:
            frame = await self.inner.recv()
            if self.muted:
                for plane in frame.planes:
                    plane.update(bytes(plane.buffer_size))
            return frame

        def stop(self) -> None:
            self.inner.stop()
            super().stop()

    return MuteableAudioTrack(track)


def _parse_time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


class EngineCallService:
    """`kiosk.services.CallService` over `kiosk.call_engine.CallEngine`.

    The engine lives on a dedicated asyncio thread; its events come back
    through `on_update` (the controller turns them into a Qt signal). A
    converter thread turns the newest remote `av.VideoFrame` into a BGR
    array, so neither decoding nor conversion ever runs on the UI thread.
    """

    def __init__(
        self,
        central_url: str,
        token: str,
        *,
        hardware: HardwareAdapter | None,
        store: Any,
        ice_servers: list[str] | None = None,
        timeout_s: float = 10.0,
        verify: str | bool = True,
        clock: Clock | None = None,
    ) -> None:
        self.central_url = central_url
        self.token = token
        self.hardware = hardware
        self.store = store
        self.ice_servers = list(ice_servers or [])
        self.timeout_s = timeout_s
        self.verify = verify
        self.clock = clock
        self.on_recorded: Callable[[], None] | None = None  # set to the sync client's wake
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._run_loop, name="call-engine", daemon=True)
        self.thread.start()
        self.engine: Any = None
        self.audio: Any = None
        self._hangup_reason = "hangup"
        self._remote: Any = None
        self._remote_src: Any = None
        self._stop = threading.Event()
        self._converter = threading.Thread(target=self._convert, name="remote-video", daemon=True)
        self._converter.start()

    def _run_loop(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def start(self, booking_id: str, contact_id: str,
              on_update: Callable[[CallUpdate], None]) -> None:  # fmt: skip
        future = asyncio.run_coroutine_threadsafe(
            self._place(booking_id, contact_id, on_update), self.loop
        )
        future.add_done_callback(lambda f: f.exception())  # errors are reported as updates

    async def _place(
        self, booking_id: str, contact_id: str, on_update: Callable[[CallUpdate], None]
    ) -> None:
        from kiosk.call_engine import CallEngine, CallError, CentralHttp, OutboxUsageSink

        self._hangup_reason = "hangup"
        self.engine = None  # no stale picture of a previous call
        self._remote = None
        usage = None
        detainee = None
        if self.store is not None:
            b = await self.loop.run_in_executor(None, self.store.booking, booking_id)
            if b is not None:
                detainee = await self.loop.run_in_executor(None, self.store.detainee, b.detainee_id)
        if detainee is not None:
            usage = OutboxUsageSink(self.store, str(detainee.id), detainee.plan,
                                    on_recorded=self.on_recorded)
        kwargs: dict[str, Any] = {"usage": usage, "ice_servers": self.ice_servers}
        if self.hardware is not None:
            from booth_hw.tracks import CameraVideoTrack, MicrophoneAudioTrack

            kwargs["video_track"] = CameraVideoTrack(self.hardware.camera)
            self.audio = muteable(MicrophoneAudioTrack(self.hardware.mic))
            kwargs["audio_track"] = self.audio
            kwargs["speaker"] = self.hardware.speaker
        http = CentralHttp(self.central_url, self.token, self.timeout_s, self.verify)
        engine = CallEngine(http, **kwargs)
        self.engine = engine
        engine.add_listener(lambda ev: self._forward(ev, on_update))
        try:
            await engine.place_call(_id(booking_id), _id(contact_id))
        except CallError as exc:
            if exc.code == "central_unreachable" or exc.status >= 500:
                on_update(CallUpdate("central_down", {"message": exc.message}))
            elif exc.status and 400 <= exc.status < 500:
                on_update(CallUpdate("refused", {"code": exc.code, "message": exc.message}))
            elif engine.call_id is None:
                on_update(CallUpdate("failed", {"what": "call", "message": exc.message}))
        except Exception as exc:
            log.error("call failed: %s", type(exc).__name__)
            if engine.call_id is None:
                on_update(CallUpdate("failed", {"what": "call", "message": ""}))

    def _forward(self, ev: Any, on_update: Callable[[CallUpdate], None]) -> None:
        d = dict(ev.data)
        t = ev.type
        if t == "placed":
            expires = _parse_time(d.get("expires_at"))
            if expires is None and self.clock is not None:
                expires = self.clock.now() + timedelta(minutes=5)
            on_update(CallUpdate("placed", {
                "call_id": d.get("call_id", ""),
                "masked_number": d.get("masked_number", ""),
                "expires_at": expires,
                "allowed_seconds": int(d.get("allowed_seconds") or 0),
            }))  # fmt: skip
        elif t in ("joined", "rejoined"):
            on_update(CallUpdate("joined"))
        elif t == "left":
            on_update(CallUpdate("left", {"rejoin_s": int(d.get("rejoin_s") or 60)}))
        elif t == "time_left" and d.get("seconds") is not None:
            on_update(CallUpdate("progress", {
                "time_left_s": int(d["seconds"]), "connected_s": int(d.get("connected_s") or 0)
            }))  # fmt: skip
        elif t == "warning":
            on_update(CallUpdate("warning", {"seconds_left": int(d.get("seconds_left") or 0)}))
        elif t == "ended":
            reason = str(d.get("reason") or "")
            if reason in ("booth_hangup", self._hangup_reason):
                mapped = self._hangup_reason
            else:
                mapped = END_REASONS.get(reason, reason or "other")
            on_update(CallUpdate("ended", {
                "reason": mapped, "connected_s": int(d.get("connected_s") or 0)
            }))  # fmt: skip

    def hangup(self, reason: str) -> None:
        self._hangup_reason = reason
        engine = self.engine
        if engine is None:
            return
        relay_reason = {"hangup": "booth_hangup", "cancelled": "booth_cancelled"}.get(
            reason, f"booth_{reason}"
        )
        fut = asyncio.run_coroutine_threadsafe(engine.hangup(relay_reason), self.loop)
        try:
            fut.result(timeout=10)
        except Exception:
            log.warning("hangup did not complete cleanly")

    def set_muted(self, muted: bool) -> None:
        if self.audio is not None:
            self.audio.muted = muted

    def remote_frame(self) -> Any:
        engine = self.engine
        state = getattr(getattr(engine, "state", None), "value", "")
        if state != "connected":  # never a frozen picture of someone who left
            return None
        return self._remote

    def _convert(self) -> None:
        while not self._stop.is_set():
            engine = self.engine
            src = getattr(engine, "remote_video", None) if engine is not None else None
            if src is not None and src is not self._remote_src:
                self._remote_src = src
                try:
                    self._remote = src.to_ndarray(format="bgr24")
                except Exception:
                    self._remote = None
            elif src is None:
                self._remote = None
                self._remote_src = None
            time.sleep(1 / 60)

    def close(self) -> None:
        self._stop.set()
        engine = self.engine
        if engine is not None and engine.call_id is not None:
            self.hangup("failure")

        async def cancel_all() -> None:
            me = asyncio.current_task()
            tasks = [t for t in asyncio.all_tasks() if t is not me]
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        try:
            asyncio.run_coroutine_threadsafe(cancel_all(), self.loop).result(timeout=10)
        except Exception:
            log.warning("call engine tasks did not stop cleanly")
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)


class RealServices(Services):
    """The real parts, plus what must be stopped when the kiosk ends."""

    closers: list[Callable[[], None]]

    def close(self) -> None:
        for fn in reversed(self.closers):
            try:
                fn()
            except Exception:
                log.warning("closing a service failed")


def load_hardware(config: Path | None) -> Any:
    """booth_hw's sections of the shared booth file (it ignores the other parts' keys)."""
    from booth_hw.settings import load_hardware_settings

    return load_hardware_settings(config)


def recover_calls(store: Any, clock: Clock) -> Any:
    """At start: take the booth's calls lock and close calls a crash left open.

    The usage of a call cut by a crash is billed up to its last checkpoint,
    once (sync.outbox). Returns the lock, to keep while the kiosk runs.
    """
    from sync import outbox

    lock, recovered = outbox.recover_if_owner(store, clock.now())
    if lock is None:
        log.warning("another process holds this booth's calls: not recovering")
    elif recovered:
        log.info("closed %d call(s) left open by a crash", len(recovered))
    return lock


def build_real_services(config: Path | None, k: Any, clock: Clock) -> Services:
    """Wires the sync store and client, the devices and the call engine for `parloir kiosk`."""
    from sync.client import SyncClient
    from sync.settings import load_booth_settings
    from sync.store import LocalStore

    booth = load_booth_settings(config)
    store = LocalStore(booth.db_path)
    calls_lock = recover_calls(store, clock)
    state = JsonState(k.state_dir / "kiosk.json")
    store_adapter = StoreAdapter(store, state, booth.booth.name, clock)
    client = SyncClient(booth, store, clock)
    client.start()
    hardware = HardwareAdapter(load_hardware(config))
    ca = booth.central.ca_bundle
    def queue_report(results: Any) -> None:
        from sync import outbox

        with store.session() as session:
            outbox.record_selftest(session, results, at=clock.now())
        client.wake()

    hardware.on_report = queue_report
    calls = EngineCallService(
        booth.central.url,
        booth.token(),
        hardware=hardware,
        store=store,
        ice_servers=list(k.ice_servers),
        timeout_s=booth.central.timeout_s,
        verify=str(ca) if ca else True,
        clock=clock,
    )
    calls.on_recorded = client.wake
    services = RealServices(
        store=store_adapter,
        central=CentralAdapter(client, store_adapter),
        hardware=hardware,
        calls=calls,
        sounds=SpeakerSounds(hardware),
    )
    services.closers = [store.close, client.close, hardware.close, calls.close]
    if calls_lock is not None:
        services.closers.insert(0, calls_lock.release)
    return services
