"""The aiortc relay: one peer connection per side, MediaRelay forwarding, limits, control channel.

Runs on the server's asyncio loop. Forwarding is unbuffered (newest frame
wins); every received track is always consumed (drain task) so nothing
queues up; recording is encoded in a worker thread (`recorder.py`).
Connected time counts only while both sides send media. Durations and
limits (connected time, rejoin wait, slot end) read the injected Clock, so a
test can drive them; only the media watchdog uses the monotonic clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from aiortc import RTCPeerConnection, RTCRtpSender, RTCSessionDescription
from aiortc.contrib.media import MediaRelay
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

from central.relay import ice
from central.relay.base import (
    CallMediaInfo,
    CallOutcome,
    NullListener,
    RelayError,
    RelayListener,
    SessionDescription,
)
from central.relay.recorder import CallRecorder, check_recording
from central.relay.recorder_process import ProcessRecorder
from central.relay.tracks import ProxyTrack
from parloir.clock import Clock, SystemClock

log = logging.getLogger(__name__)

WARN_AT = (300, 60)
_background: set[asyncio.Future[Any]] = set()


def spawn(coro: Any) -> asyncio.Future[Any]:
    """A fire-and-forget task that is kept referenced until it finishes."""
    task: asyncio.Future[Any] = asyncio.ensure_future(coro)
    _background.add(task)
    task.add_done_callback(_background.discard)
    return task
MEDIA_TIMEOUT_S = 5.0
LIVE_CHECK_S = 3.0  # how often central's database is asked whether the call is still on
TICK_S = 0.5
MAX_SDP = 100_000


class Side(StrEnum):
    BOOTH = "booth"
    RELATIVE = "relative"


class Reason(StrEnum):
    BOOTH_HANGUP = "booth_hangup"
    RELATIVE_HANGUP = "relative_hangup"
    MAX_DURATION = "max_duration"
    SLOT_END = "slot_end"
    BALANCE = "balance"
    NEVER_JOINED = "relative_never_joined"
    RELATIVE_LEFT = "relative_left"
    BOOTH_LOST = "booth_lost"
    SHUTDOWN = "server_shutdown"
    ENDED_BY_CENTRAL = "ended_by_central"


class _Peer:
    def __init__(self, side: Side, pc: RTCPeerConnection) -> None:
        self.side = side
        self.pc = pc
        self.channel: Any = None
        self.out_video = ProxyTrack("video")
        self.out_audio = ProxyTrack("audio")
        self.in_tracks: dict[str, MediaStreamTrack] = {}
        self.last_media = 0.0
        self.present = False
        self.gone = False
        self.tasks: list[asyncio.Task[None]] = []

    def out(self, kind: str) -> ProxyTrack:
        return self.out_video if kind == "video" else self.out_audio

    def send(self, message: dict[str, Any]) -> None:
        ch = self.channel
        if ch is not None and ch.readyState == "open":
            try:
                ch.send(json.dumps(message))
            except Exception:  # a channel closing under us: the peer is leaving anyway
                log.debug("control message to %s lost", self.side)

    async def close(self) -> None:
        for t in self.tasks:
            t.cancel()
        self.out_video.stop()
        self.out_audio.stop()
        with contextlib.suppress(Exception):
            await self.pc.close()


class CallSession:
    def __init__(self, relay: AiortcRelay, info: CallMediaInfo) -> None:
        self.relay = relay
        self.info = info
        self.peers: dict[Side, _Peer | None] = {Side.BOOTH: None, Side.RELATIVE: None}
        self.created = self._now()
        self.connected_total = 0.0
        self.both_since: float | None = None
        self.away_since: dict[Side, float | None] = {Side.BOOTH: None, Side.RELATIVE: None}
        self.joined_once = False
        self.connected_at: datetime | None = None  # central's clock, for the usage record
        self.rejoins = 0
        self.warned: set[int] = set()
        self.ended: CallOutcome | None = None
        self._ending = False
        self._last_time_left = -1
        self._last_live_check = time.monotonic()
        self.recorder: CallRecorder | ProcessRecorder | None = None
        if info.record and relay.recordings_dir is not None:
            path = relay.recordings_dir / f"{_safe(info.call_id)}.mkv"
            self.recorder = (ProcessRecorder(path) if relay.recorder_mode == "process"
                             else CallRecorder(path))
            self.recorder.start()
        self.ticker = asyncio.ensure_future(self._tick_forever())

    # -- connected time (read from the injected Clock, so tests can drive it) ---------
    def _now(self) -> float:
        return self.relay.clock.now().timestamp()

    def connected_s(self, now: float | None = None) -> float:
        now = self._now() if now is None else now
        extra = now - self.both_since if self.both_since is not None else 0.0
        return self.connected_total + extra

    def _update_both(self) -> None:
        both = all(p is not None and p.present for p in self.peers.values())
        now = self._now()
        if both and self.both_since is None:
            self.both_since = now
            if self.connected_at is None:
                self.connected_at = self.relay.clock.now()
        elif not both and self.both_since is not None:
            self.connected_total += now - self.both_since
            self.both_since = None

    def time_left(self) -> tuple[float, Reason]:
        used = self.connected_s()
        options: list[tuple[float, Reason]] = [(self.info.max_call_s - used, Reason.MAX_DURATION)]
        if self.info.balance_s is not None:
            options.append((self.info.balance_s - used, Reason.BALANCE))
        if self.info.slot_end is not None:
            wall = (self.info.slot_end - self.relay.clock.now()).total_seconds()
            options.append((wall, Reason.SLOT_END))
        return min(options, key=lambda o: o[0])

    # -- peers -------------------------------------------------------------
    async def attach(self, side: Side, offer: SessionDescription) -> SessionDescription:
        if self.ended is not None or self._ending:
            raise RelayError("call_over", "Cet appel est terminé.", 410)
        pc = RTCPeerConnection(self.relay.rtc_configuration())
        peer = _Peer(side, pc)
        old = self.peers[side]
        if old is not None:
            old.gone = True
        self.peers[side] = peer
        self._wire(peer)
        try:
            await pc.setRemoteDescription(
                RTCSessionDescription(sdp=ice.filter_remote_sdp(offer.sdp), type=offer.type))
            kinds = {t.kind for t in pc.getTransceivers()}
            if not kinds & {"audio", "video"}:
                raise RelayError("bad_offer", "L'offre ne contient ni audio ni vidéo.", 400)
            for kind in ("video", "audio"):
                if kind in kinds:
                    pc.addTrack(peer.out(kind))
            self.relay.prefer_codec(pc)
            other = self.peers[_other(side)]
            if other is not None:
                for kind, track in other.in_tracks.items():
                    peer.out(kind).set_source(self.relay.media.subscribe(track, buffered=False))
            answer = await pc.createAnswer()
            await pc.setLocalDescription(answer)
        except RelayError:
            await self._drop_new_peer(peer, old)
            raise
        except Exception as exc:
            await self._drop_new_peer(peer, old)
            log.warning("offer refused for call %s: %s", self.info.call_id, exc)
            raise RelayError("bad_offer", "La connexion vidéo n'a pas pu s'établir.", 400) from exc
        if old is not None:
            self._mark_away(old, replaced=True)
            spawn(old.close())
        desc = pc.localDescription
        return SessionDescription(sdp=desc.sdp, type=desc.type)

    async def _drop_new_peer(self, peer: _Peer, old: _Peer | None) -> None:
        if self.peers[peer.side] is peer:
            self.peers[peer.side] = old
            if old is not None:
                old.gone = False
        await peer.close()

    def _wire(self, peer: _Peer) -> None:
        pc = peer.pc

        @pc.on("track")
        def on_track(track: MediaStreamTrack) -> None:
            if track.kind not in ("audio", "video"):
                return
            peer.in_tracks[track.kind] = track
            peer.tasks.append(asyncio.ensure_future(self._drain(peer, track)))
            other = self.peers[_other(peer.side)]
            if other is not None and not other.gone:
                other.out(track.kind).set_source(self.relay.media.subscribe(track, buffered=False))

        @pc.on("datachannel")
        def on_channel(channel: Any) -> None:
            peer.channel = channel

            channel.on("open", lambda: self._hello(peer))
            channel.on("message", lambda message: self._on_control(peer, message))

            if channel.readyState == "open":
                self._hello(peer)

        @pc.on("connectionstatechange")
        def on_state() -> None:
            if pc.connectionState in ("failed", "closed") and self.peers[peer.side] is peer:
                self._mark_away(peer)

    async def _drain(self, peer: _Peer, track: MediaStreamTrack) -> None:
        """Consume every frame of a received track: presence, recording, no backlog."""
        sub = self.relay.media.subscribe(track, buffered=False)
        stream = f"{peer.side.value}_{track.kind}"
        try:
            while True:
                frame = await sub.recv()
                peer.last_media = time.monotonic()
                if not peer.present and not peer.gone and self.peers[peer.side] is peer:
                    self._media_arrived(peer)
                if self.recorder is not None:
                    self.recorder.push(stream, frame)
        except MediaStreamError:
            pass
        finally:
            sub.stop()

    def _media_arrived(self, peer: _Peer) -> None:
        if self.ended is not None or self._ending:
            return
        peer.present = True
        self.away_since[peer.side] = None
        self._update_both()
        if peer.side is Side.RELATIVE:
            event = "rejoined" if self.joined_once else "joined"
            if self.joined_once:
                self.rejoins += 1
            self.joined_once = True
            self._broadcast({"type": event})
            self._notify(self.relay.listener.relative_joined(self.info.call_id,
                                                             event == "rejoined"))
        else:
            self._broadcast({"type": "booth_joined"}, only=Side.RELATIVE)
        self._send_time_left(force=True)

    def _mark_away(self, peer: _Peer, replaced: bool = False) -> None:
        if not peer.present:
            return
        peer.present = False
        self._update_both()
        if replaced:
            return  # the same side is already back on a new connection
        if self.ended is not None or self._ending:
            return
        self.away_since[peer.side] = self._now()
        if peer.side is Side.RELATIVE:
            spawn(self._relative_left())
        else:
            self._broadcast({"type": "booth_left", "rejoin_s": self.info.rejoin_s},
                            only=Side.RELATIVE)

    async def _relative_left(self) -> None:
        """Central first (the code opens again for a rejoin), then the booth is told."""
        try:
            await self.relay.listener.relative_left(self.info.call_id)
        except Exception:
            log.exception("relay listener failed for call %s", self.info.call_id)
        if self.ended is None and not self._ending and self.away_since[Side.RELATIVE]:
            self._broadcast({"type": "left", "rejoin_s": self.info.rejoin_s})

    def relative_leave(self) -> None:
        peer = self.peers[Side.RELATIVE]
        if peer is not None:
            self._mark_away(peer)

    # -- control channel -------------------------------------------------------
    def _hello(self, peer: _Peer) -> None:
        other = self.peers[_other(peer.side)]
        left, _ = self.time_left()
        peer.send({"type": "hello", "call_id": self.info.call_id,
                   "other_present": bool(other and other.present),
                   "seconds_left": max(0, int(left)), "connected_s": int(self.connected_s()),
                   "recorded": self.recorder is not None})

    def _on_control(self, peer: _Peer, message: Any) -> None:
        try:
            data = json.loads(message) if isinstance(message, str) else {}
        except ValueError:
            return
        if not isinstance(data, dict):
            return
        if data.get("type") == "hangup":
            reason = Reason.BOOTH_HANGUP if peer.side is Side.BOOTH else Reason.RELATIVE_HANGUP
            spawn(self.end(reason))
        elif data.get("type") == "leave" and peer.side is Side.RELATIVE:
            self._mark_away(peer)

    def _broadcast(self, message: dict[str, Any], only: Side | None = None) -> None:
        for side, peer in self.peers.items():
            if peer is not None and (only is None or only is side):
                peer.send(message)

    def _send_time_left(self, force: bool = False) -> None:
        left, _ = self.time_left()
        seconds = max(0, int(left + 0.999))
        if force or seconds != self._last_time_left:
            self._last_time_left = seconds
            self._broadcast({"type": "time_left", "seconds": seconds,
                             "connected_s": int(self.connected_s())})

    def _notify(self, coro: Any) -> None:
        async def guarded() -> None:
            try:
                await coro
            except Exception:
                log.exception("relay listener failed for call %s", self.info.call_id)
        spawn(guarded())

    # -- limits --------------------------------------------------------------
    async def _tick_forever(self) -> None:
        while self.ended is None and not self._ending:
            await asyncio.sleep(TICK_S)
            try:
                await self._tick()
            except Exception:
                log.exception("relay tick failed for call %s", self.info.call_id)

    async def _tick(self) -> None:
        mono = time.monotonic()
        for peer in self.peers.values():
            if peer is not None and peer.present and mono - peer.last_media > MEDIA_TIMEOUT_S:
                self._mark_away(peer)
        now = self._now()
        if self.recorder is not None and self.recorder.error is not None:
            log.error("call %s: recording stopped: %s", self.info.call_id, self.recorder.error)
        check = getattr(self.relay.listener, "call_live", None)
        if check is not None and mono - self._last_live_check > LIVE_CHECK_S:
            self._last_live_check = mono
            if not await check(self.info.call_id):  # ended by a monitor, the booth's API...
                await self.end(Reason.ENDED_BY_CENTRAL)
                return
        if not self.joined_once:
            if now - self.created > self.info.first_join_s:
                await self.end(Reason.NEVER_JOINED)
            elif self.info.slot_end is not None and self.relay.clock.now() >= self.info.slot_end:
                await self.end(Reason.SLOT_END)
            return
        for side, since in self.away_since.items():
            if since is not None and now - since > self.info.rejoin_s:
                await self.end(Reason.RELATIVE_LEFT if side is Side.RELATIVE else Reason.BOOTH_LOST)
                return
        left, reason = self.time_left()
        if left <= 0:
            await self.end(reason)
            return
        due = [w for w in WARN_AT if left <= w and w not in self.warned]
        if due:
            self.warned.update(due)
            self._broadcast({"type": "warning", "seconds_left": min(due)})
        self._send_time_left()

    # -- end -----------------------------------------------------------------
    async def end(self, reason: str) -> CallOutcome:
        if self.ended is not None:
            return self.ended
        if self._ending:
            while self.ended is None:
                await asyncio.sleep(0.05)
            return self.ended
        self._ending = True
        self._update_both()
        if self.both_since is not None:
            self.connected_total += self._now() - self.both_since
            self.both_since = None
        budget = min(self.info.max_call_s, self.info.balance_s
                     if self.info.balance_s is not None else self.info.max_call_s)
        # Whole seconds, never rounded up, never beyond what the call was allowed.
        connected = max(0, min(int(self.connected_total), budget))
        self._broadcast({
            "type": "ended", "reason": str(reason), "connected_s": connected,
            "connected_at": self.connected_at.isoformat() if self.connected_at else None,
            "ended_at": self.relay.clock.now().isoformat(),
        })
        await asyncio.sleep(0.3)  # let the message leave before the channels close
        for peer in self.peers.values():
            if peer is not None:
                await peer.close()
        outcome = CallOutcome(self.info.call_id, str(reason), connected, self.joined_once,
                              self.rejoins)
        if self.recorder is not None:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, self.recorder.stop)
            check = await loop.run_in_executor(None, check_recording, self.recorder.path)
            outcome.recording = self.recorder.path
            outcome.recording_ok = check.ok
            outcome.recording_frames = check.frames
            outcome.recording_error = check.error or (
                str(self.recorder.error) if self.recorder.error else None)
            if not check.ok:
                log.error("call %s: recording check failed: %s", self.info.call_id, check.error)
        self.ended = outcome
        self.relay._finished(self)
        try:
            await self.relay.listener.call_ended(outcome)
        except Exception:
            log.exception("relay listener failed at the end of call %s", self.info.call_id)
        return outcome


class AiortcRelay:
    """The CallRelay of central: every call's media goes through here."""

    def __init__(self, *, ice_servers: list[str] | None = None, ice_username: str | None = None,
                 ice_credential: str | None = None, recordings_dir: Path | None = None,
                 video_codec: str = "VP8", listener: RelayListener | None = None,
                 clock: Clock | None = None, loopback_only: bool = False,
                 recorder_mode: str = "process", max_calls: int = 0) -> None:
        self.ice_servers = ice.parse_ice_urls(ice_servers)
        self.ice_username = ice_username
        self.ice_credential = ice_credential
        self.recordings_dir = recordings_dir
        self.video_codec = video_codec
        self.recorder_mode = recorder_mode  # "process" (default) or "thread"
        # One relay process carries ~2 calls per core well; past that every call degrades.
        self.max_calls = max_calls  # 0: no limit
        self.listener: RelayListener = listener or NullListener()
        self.clock: Clock = clock or SystemClock()
        self.media = MediaRelay()
        self.sessions: dict[str, CallSession] = {}
        self.outcomes: dict[str, CallOutcome] = {}
        self._lock = asyncio.Lock()
        if ice.loopback_requested(loopback_only):
            ice.enable_loopback_only()

    def rtc_configuration(self) -> Any:
        return ice.rtc_configuration(self.ice_servers, self.ice_username, self.ice_credential)

    def prefer_codec(self, pc: RTCPeerConnection) -> None:
        if not self.video_codec:
            return
        wanted = f"video/{self.video_codec}".lower()
        caps = RTCRtpSender.getCapabilities("video").codecs
        prefs = [c for c in caps if c.mimeType.lower() == wanted]
        if not prefs:
            return
        prefs += [c for c in caps if c.mimeType.lower() == "video/rtx"]
        for t in pc.getTransceivers():
            if t.kind == "video":
                with contextlib.suppress(Exception):
                    t.setCodecPreferences(prefs)

    async def _session(self, info: CallMediaInfo) -> CallSession:
        async with self._lock:
            if info.call_id in self.outcomes:
                raise RelayError("call_over", "Cet appel est terminé.", 410)
            session = self.sessions.get(info.call_id)
            if session is None:
                if self.max_calls and len(self.sessions) >= self.max_calls:
                    raise RelayError("relay_full", "Le relais vidéo est complet. Réessayez dans "
                                     "quelques minutes.", 503)
                session = CallSession(self, info)
                self.sessions[info.call_id] = session
            return session

    async def booth_offer(self, info: CallMediaInfo,
                          offer: SessionDescription) -> SessionDescription:
        _check_offer(offer)
        return await self._attach(info, Side.BOOTH, offer)

    async def relative_offer(self, info: CallMediaInfo,
                             offer: SessionDescription) -> SessionDescription:
        _check_offer(offer)
        return await self._attach(info, Side.RELATIVE, offer)

    async def _attach(self, info: CallMediaInfo, side: Side,
                      offer: SessionDescription) -> SessionDescription:
        session = await self._session(info)
        try:
            return await session.attach(side, offer)
        except RelayError:
            if all(p is None for p in session.peers.values()) and session.ended is None:
                await self._discard(session)  # nothing was ever connected: leave no trace
            raise

    async def _discard(self, session: CallSession) -> None:
        self.sessions.pop(session.info.call_id, None)
        session.ticker.cancel()
        if session.recorder is not None:
            await asyncio.get_running_loop().run_in_executor(None, session.recorder.stop)
            with contextlib.suppress(OSError):
                session.recorder.path.unlink()

    async def relative_leave(self, call_id: str) -> None:
        session = self.sessions.get(call_id)
        if session is not None:
            session.relative_leave()

    async def end_call(self, call_id: str, reason: str) -> CallOutcome | None:
        session = self.sessions.get(call_id)
        if session is None:
            return self.outcomes.get(call_id)
        return await session.end(reason)

    def outcome(self, call_id: str) -> CallOutcome | None:
        return self.outcomes.get(call_id)

    def is_active(self, call_id: str) -> bool:
        return call_id in self.sessions

    def session(self, call_id: str) -> CallSession | None:
        return self.sessions.get(call_id)

    def _finished(self, session: CallSession) -> None:
        if session.ended is not None:
            self.outcomes[session.info.call_id] = session.ended
        self.sessions.pop(session.info.call_id, None)
        if session.ticker is not asyncio.current_task():
            session.ticker.cancel()  # (when the ticker itself ends the call, it just returns)

    async def close(self) -> None:
        for session in list(self.sessions.values()):
            await session.end(Reason.SHUTDOWN)


def _other(side: Side) -> Side:
    return Side.RELATIVE if side is Side.BOOTH else Side.BOOTH


def _safe(call_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in call_id)


def _check_offer(offer: SessionDescription) -> None:
    if offer.type != "offer":
        raise RelayError("bad_offer", "Une offre SDP est attendue.", 400)
    if not offer.sdp or len(offer.sdp) > MAX_SDP or not offer.sdp.startswith("v=0"):
        raise RelayError("bad_offer", "Offre SDP invalide.", 400)
