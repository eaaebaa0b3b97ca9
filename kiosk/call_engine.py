"""The booth's call engine: places a call, carries its media through central's relay, reports.

asyncio only, no Qt: the kiosk runs it in a dedicated asyncio thread and
bridges its events to the UI (`ThreadedCallService`). HTTP goes through
`requests` in the loop's executor, so the loop never waits on the network.
The relay is the authority on time: it sends `joined`, `left`, `rejoined`,
`time_left`, `warning` and `ended` (with the connected seconds) on the
control data channel; the engine keeps its own count as a fallback when the
relay is lost, and writes the usage record through the local outbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol

log = logging.getLogger(__name__)

AUDIO_KEEP_S = 3.0
ENDED_WAIT_S = 3.0
RECONNECT_S = 55.0  # the relay waits 60 s for a side that dropped


class CallState(StrEnum):
    IDLE = "idle"
    PLACING = "placing"
    WAITING_RELATIVE = "waiting_relative"
    CONNECTED = "connected"
    RELATIVE_LEFT = "relative_left"
    ENDED = "ended"


class CallError(Exception):
    """Central refused or could not be reached; `message` is French, fit for the screen."""

    def __init__(self, message: str, code: str = "", status: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


@dataclass(frozen=True)
class CallEvent:
    """`type`: state, placed, joined, left, rejoined, time_left, warning, ended, error."""

    type: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CallResult:
    call_id: str
    reason: str
    connected_s: int
    ever_connected: bool
    started_at: datetime
    ended_at: datetime
    connected_at: datetime | None


class UsageSink(Protocol):
    """Where the usage record goes (the sync outbox, written locally first)."""

    def call_started(self, call_id: str, booking_id: str | None, contact_id: str | None,
                     started_at: datetime) -> None: ...

    def checkpoint(self, call_id: str, connected_s: int, at: datetime,
                   connected_at: datetime | None) -> None: ...

    def call_finished(self, result: CallResult) -> None: ...


class OutboxUsageSink:
    """`UsageSink` over `sync.outbox` (crash-safe checkpoints, one record per call id)."""

    def __init__(self, store: Any, detainee_id: str, plan: str,
                 on_recorded: Callable[[], None] | None = None) -> None:
        self.store = store
        self.detainee_id = detainee_id
        self.plan = plan
        # Called once the record is safely in the outbox (the kiosk wakes its sync
        # client so the record leaves now, not at the next round).
        self.on_recorded = on_recorded

    def call_started(self, call_id: str, booking_id: str | None, contact_id: str | None,
                     started_at: datetime) -> None:
        from sync import outbox

        outbox.start_call_checkpoint(self.store, call_id=call_id, detainee_id=self.detainee_id,
                                     plan=self.plan, started_at=started_at,
                                     booking_id=booking_id, contact_id=contact_id)

    def checkpoint(self, call_id: str, connected_s: int, at: datetime,
                   connected_at: datetime | None) -> None:
        from sync import outbox

        outbox.checkpoint(self.store, call_id, connected_seconds=connected_s, at=at,
                          connected_at=connected_at)

    def call_finished(self, result: CallResult) -> None:
        from sync import outbox

        if result.connected_s > 0 and result.connected_at is not None:
            outbox.checkpoint(self.store, result.call_id, connected_seconds=result.connected_s,
                              at=result.ended_at, connected_at=result.connected_at)
        outbox.finish_call(self.store, result.call_id, ended_at=result.ended_at,
                           connected_seconds=result.connected_s, end_reason=result.reason)
        if self.on_recorded is not None:
            self.on_recorded()


class MemoryUsageSink:
    """Keeps the records in memory (command line without a store, tests)."""

    def __init__(self) -> None:
        self.results: list[CallResult] = []

    def call_started(self, call_id: str, booking_id: str | None, contact_id: str | None,
                     started_at: datetime) -> None:
        return None

    def checkpoint(self, call_id: str, connected_s: int, at: datetime,
                   connected_at: datetime | None) -> None:
        return None

    def call_finished(self, result: CallResult) -> None:
        self.results.append(result)


class CentralHttp:
    """Booth-authenticated JSON calls to central (blocking: run in an executor)."""

    def __init__(self, base_url: str, token: str, timeout_s: float = 10.0,
                 verify: str | bool = True) -> None:
        import requests

        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.session.verify = verify

    def post(self, path: str, body: dict[str, Any], timeout_s: float | None = None
             ) -> dict[str, Any]:
        import requests

        try:
            resp = self.session.post(self.base_url + path, json=body,
                                     timeout=timeout_s or self.timeout_s)
        except requests.RequestException as exc:
            raise CallError("Le serveur central ne répond pas. Réessayez dans un instant.",
                            "central_unreachable") from exc
        try:
            data = resp.json()
        except ValueError:
            data = {}
        if resp.status_code >= 400:
            err = data.get("error", {}) if isinstance(data, dict) else {}
            if not isinstance(err, dict):
                err = {}
            detail = data.get("detail") if isinstance(data, dict) else None
            message = err.get("message") or (detail if isinstance(detail, str) else None)
            raise CallError(message or "L'appel n'a pas pu être passé.",
                            str(err.get("code") or f"http_{resp.status_code}"), resp.status_code)
        return data if isinstance(data, dict) else {}

    def close(self) -> None:
        self.session.close()


class CallEngine:
    """One call at a time. Create it on the loop that will run it."""

    def __init__(self, central: CentralHttp, *, video_track: Any = None, audio_track: Any = None,
                 speaker: Any = None, usage: UsageSink | None = None,
                 ice_servers: list[str] | None = None, loopback_only: bool = False) -> None:
        self.central = central
        self.video_track = video_track
        self.audio_track = audio_track
        self.speaker = speaker
        self.usage: UsageSink = usage or MemoryUsageSink()
        self.ice_servers = list(ice_servers or [])
        self.loopback_only = loopback_only
        self.state = CallState.IDLE
        self.call_id: str | None = None
        self.placed: dict[str, Any] = {}
        self.seconds_left: int | None = None
        self.result: CallResult | None = None
        self.remote_video: Any = None  # newest decoded av.VideoFrame, never a backlog
        self.remote_video_frames = 0
        self.remote_audio_frames = 0
        self._audio: deque[Any] = deque()
        self._audio_samples = 0
        self._audio_lock = threading.Lock()
        self._listeners: list[Callable[[CallEvent], None]] = []
        self._video_listeners: list[Callable[[Any], None]] = []
        self.events: asyncio.Queue[CallEvent] = asyncio.Queue()
        self._pc: Any = None
        self._local_relay: Any = None
        self._closed_by_us: set[Any] = set()
        self._channel: Any = None
        self._tasks: list[asyncio.Future[Any]] = []
        self._background: set[asyncio.Future[Any]] = set()
        self._ended = asyncio.Event()
        self._finishing = False
        self._started_at = datetime.now(UTC)
        self._connected_at: datetime | None = None
        self._own_connected = 0.0
        self._both_since: float | None = None
        self._relay_connected_s: int | None = None
        self._relay_times: tuple[datetime | None, datetime | None] = (None, None)
        self._booking_id: str | None = None
        self._contact_id: str | None = None

    # -- listeners ---------------------------------------------------------------
    def add_listener(self, callback: Callable[[CallEvent], None]) -> None:
        """Called on the engine's loop for every event (bridge it to Qt with a signal)."""
        self._listeners.append(callback)

    def add_video_listener(self, callback: Callable[[Any], None]) -> None:
        """Called on the engine's loop with every decoded remote frame (measurements).
        Keep it short: it runs on the media path."""
        self._video_listeners.append(callback)

    def _emit(self, type_: str, **data: Any) -> None:
        event = CallEvent(type_, data)
        self.events.put_nowait(event)
        for cb in list(self._listeners):
            try:
                cb(event)
            except Exception:
                log.exception("call listener failed")

    def _set_state(self, state: CallState) -> None:
        if state is not self.state:
            self.state = state
            self._emit("state", state=state.value)

    async def _http(self, path: str, body: dict[str, Any], timeout_s: float | None = None
                    ) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, lambda: self.central.post(path, body, timeout_s))

    # -- placing -----------------------------------------------------------------
    async def place_call(self, booking_id: int | str, contact_id: int | str) -> str:
        """POST /calls, then connect to the relay. Raises CallError when central refuses."""
        if self.state is not CallState.IDLE:
            raise CallError("Un appel est déjà en cours.", "busy")
        self._set_state(CallState.PLACING)
        self._booking_id, self._contact_id = str(booking_id), str(contact_id)
        try:
            placed = await self._http("/api/v1/calls",
                                      {"booking_id": booking_id, "contact_id": contact_id})
            call_id = str(placed["call_id"])
        except (CallError, KeyError) as exc:
            self._set_state(CallState.ENDED)
            self._finishing = True
            self._ended.set()
            if isinstance(exc, CallError):
                raise
            raise CallError("Réponse inattendue du serveur central.", "bad_response") from exc
        self.call_id, self.placed = call_id, placed
        self._started_at = datetime.now(UTC)
        await self._usage(self.usage.call_started, call_id, self._booking_id, self._contact_id,
                          self._started_at)
        self._emit("placed", call_id=call_id, **{k: v for k, v in placed.items()
                                                  if k != "call_id"})
        try:
            await self.connect()
        except CallError:
            await self._finish("connection_failed", None)
            raise
        except Exception as exc:  # aiortc or network trouble: end it cleanly, say it plainly
            log.exception("connecting the call failed")
            await self._finish("connection_failed", None)
            raise CallError("La connexion vidéo n'a pas pu s'établir. Réessayez.",
                            "connection_failed") from exc
        return call_id

    async def connect(self) -> None:
        """Open (or reopen) the peer connection to the relay for the current call."""
        from aiortc import RTCPeerConnection, RTCSessionDescription

        from central.relay import ice

        assert self.call_id is not None
        if self.loopback_only or ice.loopback_requested():
            ice.enable_loopback_only()
        pc = RTCPeerConnection(ice.rtc_configuration(self.ice_servers))
        self._pc = pc
        channel = pc.createDataChannel("control")
        self._channel = channel

        @channel.on("message")
        def on_message(message: Any) -> None:
            self._on_control(message)

        @pc.on("track")
        def on_track(track: Any) -> None:
            self._tasks.append(asyncio.ensure_future(self._consume(track)))

        @pc.on("connectionstatechange")
        def on_state() -> None:
            lost = pc.connectionState == "failed" or (
                pc.connectionState == "closed" and pc not in self._closed_by_us)
            if pc is self._pc and lost and not self._finishing:
                self._spawn(self._reconnect(pc))

        # The sender stops its track when its connection closes: send proxies, so the
        # camera and microphone tracks outlive a reconnection.
        if self._local_relay is None:
            from aiortc.contrib.media import MediaRelay

            self._local_relay = MediaRelay()
        for kind, track in (("video", self.video_track), ("audio", self.audio_track)):
            if track is not None:
                pc.addTrack(self._local_relay.subscribe(track, buffered=False))
            else:
                pc.addTransceiver(kind, direction="recvonly")
        await pc.setLocalDescription(await pc.createOffer())
        offer = pc.localDescription
        answer = await self._http(f"/api/v1/calls/{self.call_id}/media",
                                  {"sdp": offer.sdp, "type": offer.type}, timeout_s=30.0)
        try:
            await pc.setRemoteDescription(RTCSessionDescription(
                sdp=ice.filter_remote_sdp(str(answer["sdp"])), type=str(answer["type"])))
        except (KeyError, ValueError) as exc:
            await pc.close()
            raise CallError("Le relais vidéo a répondu de façon inattendue.", "bad_answer") from exc
        self._set_state(CallState.WAITING_RELATIVE)

    async def _reconnect(self, lost: Any) -> None:
        """The relay keeps the call for 60 s: offer again on the same call until then."""
        self._emit("error", message="La connexion avec le serveur central est perdue. "
                                    "Reconnexion en cours…")
        if self._both_since is not None:
            self._own_connected += time.monotonic() - self._both_since
            self._both_since = None
        deadline = time.monotonic() + RECONNECT_S
        self._closed_by_us.add(lost)
        with contextlib.suppress(Exception):
            await lost.close()
        while time.monotonic() < deadline and not self._finishing:
            try:
                await self.connect()
                self._emit("reconnected")
                return
            except CallError as exc:
                if exc.status in (404, 410):
                    break  # the call is over on central's side
            except Exception:
                log.warning("reconnection attempt failed")
            await asyncio.sleep(2.0)
        await self._finish("relay_lost", None)

    # -- media -------------------------------------------------------------------
    async def _consume(self, track: Any) -> None:
        """Every received frame is taken at once: video keeps only the newest."""
        from aiortc.mediastreams import MediaStreamError

        if track.kind == "audio" and self.speaker is not None:
            from aiortc.contrib.media import MediaRelay

            relay = MediaRelay()
            self._tasks.append(asyncio.ensure_future(
                self.speaker.play_track(relay.subscribe(track, buffered=False))))
            track = relay.subscribe(track, buffered=False)
        try:
            while True:
                frame = await track.recv()
                if track.kind == "video":
                    self.remote_video = frame
                    self.remote_video_frames += 1
                    for cb in self._video_listeners:
                        try:
                            cb(frame)
                        except Exception:  # a broken listener must not stop the media
                            log.exception("video listener failed")
                else:
                    self.remote_audio_frames += 1
                    self._keep_audio(frame)
        except MediaStreamError:
            return

    def _keep_audio(self, frame: Any) -> None:
        pcm = frame.to_ndarray()
        channels = len(frame.layout.channels)
        mono = pcm.reshape(-1, channels)[:, 0] if frame.format.is_packed else pcm[0]
        with self._audio_lock:
            self._audio.append(mono)
            self._audio_samples += len(mono)
            limit = int(AUDIO_KEEP_S * (frame.sample_rate or 48000))
            while self._audio_samples - len(self._audio[0]) >= limit:
                self._audio_samples -= len(self._audio.popleft())

    def remote_audio(self) -> Any:
        """The last few seconds of received audio, mono int16 (level meters, tests)."""
        import numpy as np

        with self._audio_lock:
            if not self._audio:
                return np.zeros(0, dtype=np.int16)
            return np.concatenate(list(self._audio))

    # -- control -----------------------------------------------------------------
    def _on_control(self, message: Any) -> None:
        try:
            data = json.loads(message) if isinstance(message, str) else None
        except ValueError:
            return
        if not isinstance(data, dict):
            return
        kind = data.get("type")
        now = time.monotonic()
        if kind in ("joined", "rejoined"):
            if self._both_since is None:
                self._both_since = now
            if self._connected_at is None:
                self._connected_at = datetime.now(UTC)
            self._set_state(CallState.CONNECTED)
            self._emit(kind)
        elif kind == "left":
            if self._both_since is not None:
                self._own_connected += now - self._both_since
                self._both_since = None
            self._set_state(CallState.RELATIVE_LEFT)
            self._emit("left", rejoin_s=data.get("rejoin_s"))
        elif kind == "time_left":
            self.seconds_left = _int(data.get("seconds"))
            self._emit("time_left", seconds=self.seconds_left,
                       connected_s=_int(data.get("connected_s")))
            if self.call_id is not None and self._connected_at is not None:
                connected = _int(data.get("connected_s")) or 0
                self._spawn(self._usage(self.usage.checkpoint, self.call_id, connected,
                                                  datetime.now(UTC), self._connected_at))
        elif kind == "warning":
            self._emit("warning", seconds_left=_int(data.get("seconds_left")))
        elif kind == "hello":
            self.seconds_left = _int(data.get("seconds_left"))
            self._emit("hello", recorded=bool(data.get("recorded")))
            if data.get("other_present") and self.state is not CallState.CONNECTED:
                # The relative is already there (joined first, or stayed while the booth
                # reconnected): the same as being told they joined.
                first = self._connected_at is None
                if self._both_since is None:
                    self._both_since = now
                if first:
                    self._connected_at = datetime.now(UTC)
                self._set_state(CallState.CONNECTED)
                self._emit("joined" if first else "rejoined")
        elif kind == "ended":
            self._relay_connected_s = _int(data.get("connected_s"))
            # Central's own times, consistent with its connected seconds.
            self._relay_times = (_when(data.get("connected_at")), _when(data.get("ended_at")))
            self._spawn(self._finish(str(data.get("reason") or "ended"),
                                               self._relay_connected_s))

    def _spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def own_connected_s(self) -> int:
        extra = time.monotonic() - self._both_since if self._both_since is not None else 0.0
        return int(self._own_connected + extra)

    # -- ending ------------------------------------------------------------------
    async def hangup(self, reason: str = "booth_hangup") -> CallResult | None:
        """Ask the relay to end the call; it answers `ended` with the authoritative seconds."""
        if self._finishing:
            await self._ended.wait()
            return self.result
        ch = self._channel
        if ch is not None and ch.readyState == "open":
            ch.send(json.dumps({"type": "hangup", "reason": reason}))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._ended.wait(), ENDED_WAIT_S)
        if not self._ended.is_set():
            await self._finish(reason, None)
        return self.result

    async def wait_ended(self, timeout: float | None = None) -> CallResult | None:
        await asyncio.wait_for(self._ended.wait(), timeout)
        return self.result

    async def _finish(self, reason: str, relay_seconds: int | None) -> None:
        if self._finishing:
            return
        self._finishing = True
        connected = relay_seconds if relay_seconds is not None else self.own_connected_s()
        ended_at = datetime.now(UTC)
        if relay_seconds is not None:
            relay_connected_at, relay_ended_at = self._relay_times
            if relay_ended_at is not None:
                ended_at = relay_ended_at
            if relay_connected_at is not None:
                self._connected_at = relay_connected_at
            elif relay_seconds == 0:
                self._connected_at = None
        if relay_seconds is None and self.call_id is not None:
            # The relay did not end it (lost, or no answer): tell central directly.
            try:
                await self._http(f"/api/v1/calls/{self.call_id}/end",
                                 {"reason": _reason_code(reason)}, timeout_s=5.0)
            except CallError as exc:
                log.warning("could not tell central the call ended: %s", exc.code)
        if self.call_id is not None:
            self.result = CallResult(self.call_id, reason, max(0, connected),
                                     self._connected_at is not None, self._started_at, ended_at,
                                     self._connected_at)
            await self._usage(self.usage.call_finished, self.result)
        await self.close()
        self._set_state(CallState.ENDED)
        self._emit("ended", reason=reason, connected_s=connected)
        self._ended.set()

    async def _usage(self, fn: Callable[..., None], *args: Any) -> None:
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(None, fn, *args)
        except Exception:
            log.exception("usage record step failed (%s)", getattr(fn, "__name__", fn))

    async def close(self) -> None:
        for t in self._tasks:
            t.cancel()
        if self._pc is not None:
            self._closed_by_us.add(self._pc)
            with contextlib.suppress(Exception):
                await self._pc.close()
        for track in (self.video_track, self.audio_track):
            if track is not None:
                with contextlib.suppress(Exception):
                    track.stop()


def _reason_code(reason: str) -> str:
    code = "".join(c for c in reason.lower() if c.isalnum() or c == "_")[:32]
    return code or "ended"


def _when(value: Any) -> datetime | None:
    try:
        when = datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
    return when if when is not None and when.tzinfo is not None else None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
