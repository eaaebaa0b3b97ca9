"""Live fan-out of a call to a monitor's browser (send-only peer connection).

The relay has no monitor hook of its own, so this module reads a running
`CallSession` from the outside: the tracks each side sends (`peers[side].in_tracks`)
are subscribed unbuffered (`MediaRelay.subscribe(track, buffered=False)`) and
sent through `ProxyTrack`s, which fill gaps with black/silence while a side
is absent and pick up a side that rejoins on a new connection. The browser
offers four receive-only transceivers in a fixed order (booth video, booth
audio, relative video, relative audio); nothing goes back into the call.

The monitor's connection uses the relay's ICE settings and loopback mode, and
closes when the call ends. Each extra viewer costs one more encode per track
(aiortc encodes per peer connection).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from dataclasses import dataclass, field
from typing import Any

import av
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamTrack

from central.relay import ice
from central.relay.aiortc_relay import spawn
from central.relay.base import RelayError, SessionDescription
from central.relay.tracks import ProxyTrack

log = logging.getLogger(__name__)

ORDER = (("booth", "video"), ("booth", "audio"), ("relative", "video"), ("relative", "audio"))
FOLLOW_S = 0.5
MAX_WATCHERS_PER_CALL = 4
MAX_SDP = 100_000


def _share_bundle_transport(pc: RTCPeerConnection) -> None:
    """Put every transceiver on the first one's transport (the browser bundles them all).

    aiortc (1.16, "balanced" policy) gives a second transceiver of a kind the
    transport of the first of that kind, then moves only that first one onto
    the BUNDLE transport: the second audio line keeps a transport nobody
    gathers for, and its sender never starts. Two audio lines are exactly
    what a monitor asks for.
    """
    transceivers = pc.getTransceivers()
    if not transceivers:
        return
    primary = transceivers[0].receiver.transport
    for t in transceivers[1:]:
        if t.receiver.transport is not primary:
            t.receiver.setTransport(primary)
            t.sender.setTransport(primary)


class CopyTrack(MediaStreamTrack):
    """Hands out copies of a shared source's frames.

    MediaRelay gives every subscriber the same frame object, and `ProxyTrack`
    rewrites `pts` in place: two proxies stamping one frame (the call's own
    and a monitor's) make the VP8 encoder refuse it and kill the sender. The
    monitor's proxies therefore stamp copies, never the call's frames.
    """

    def __init__(self, source: MediaStreamTrack) -> None:
        super().__init__()
        self.kind = source.kind
        self._source = source

    async def recv(self) -> Any:
        frame: Any = await self._source.recv()
        copy: Any
        if isinstance(frame, av.VideoFrame):
            copy = av.VideoFrame.from_ndarray(frame.to_ndarray(format="yuv420p"),
                                              format="yuv420p")
        else:
            copy = av.AudioFrame.from_ndarray(frame.to_ndarray(), format=frame.format.name,
                                              layout=frame.layout.name)
            copy.sample_rate = frame.sample_rate
        copy.pts = frame.pts
        copy.time_base = frame.time_base
        return copy

    def stop(self) -> None:
        self._source.stop()
        super().stop()


@dataclass
class MonitorPeer:
    call_id: str
    staff: str
    pc: RTCPeerConnection
    tracks: dict[tuple[str, str], ProxyTrack]
    id: str = field(default_factory=lambda: secrets.token_hex(8))
    sources: dict[tuple[str, str], Any] = field(default_factory=dict)
    task: asyncio.Task[None] | None = None
    closed: bool = False

    async def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self.task is not None and self.task is not asyncio.current_task():
            self.task.cancel()
        for track in self.tracks.values():
            track.stop()
        with contextlib.suppress(Exception):
            await self.pc.close()


class MonitorHub:
    """Every monitor connection of the server, by call."""

    def __init__(self, relay: Any) -> None:
        self.relay = relay
        self.peers: dict[str, list[MonitorPeer]] = {}

    def watchers(self, call_id: str) -> int:
        return sum(1 for p in self.peers.get(call_id, []) if not p.closed)

    async def watch(self, call_id: str, staff: str,
                    offer: SessionDescription) -> tuple[MonitorPeer, SessionDescription]:
        if offer.type != "offer" or not offer.sdp.startswith("v=0") or len(offer.sdp) > MAX_SDP:
            raise RelayError("bad_offer", "Offre SDP invalide.", 400)
        session = self.relay.session(call_id) if hasattr(self.relay, "session") else None
        if session is None or session.ended is not None:
            raise RelayError("not_live", "Aucun flux pour cet appel pour l'instant : "
                             "la cabine n'est pas encore connectée, ou l'appel est terminé.", 409)
        if self.watchers(call_id) >= MAX_WATCHERS_PER_CALL:
            raise RelayError("too_many_watchers",
                             "Trop de personnes regardent déjà cet appel.", 429)
        pc = RTCPeerConnection(self.relay.rtc_configuration())
        tracks = {key: ProxyTrack(key[1]) for key in ORDER}
        peer = MonitorPeer(call_id, staff, pc, tracks)
        try:
            await pc.setRemoteDescription(
                RTCSessionDescription(sdp=ice.filter_remote_sdp(offer.sdp), type=offer.type))
            _share_bundle_transport(pc)
            kinds = [t.kind for t in pc.getTransceivers()]
            if kinds.count("video") < 2 or kinds.count("audio") < 2:
                raise RelayError("bad_offer", "L'offre doit recevoir deux vidéos et deux sons.",
                                 400)
            for key in ORDER:  # fills the offered transceivers of each kind in order
                pc.addTrack(tracks[key])
            self.relay.prefer_codec(pc)
            answer = await pc.createAnswer()
            await pc.setLocalDescription(answer)
        except RelayError:
            await peer.close()
            raise
        except Exception as exc:
            await peer.close()
            log.warning("monitor offer refused for call %s: %s", call_id, exc)
            raise RelayError("bad_offer", "La connexion vidéo n'a pas pu s'établir.", 400) from exc

        @pc.on("connectionstatechange")
        def on_state() -> None:
            if pc.connectionState in ("failed", "closed"):
                spawn(self._drop(peer))

        self.peers.setdefault(call_id, []).append(peer)
        self._follow_once(peer)
        peer.task = asyncio.ensure_future(self._follow(peer))
        desc = pc.localDescription
        return peer, SessionDescription(sdp=desc.sdp, type=desc.type)

    def _follow_once(self, peer: MonitorPeer) -> bool:
        """Point each proxy at the current track of its side; False once the call is over."""
        session = self.relay.session(peer.call_id)
        if session is None or session.ended is not None:
            return False
        for side_name, kind in ORDER:
            side = next((s for s in session.peers if str(s.value) == side_name), None)
            source_peer = session.peers.get(side) if side is not None else None
            track = None
            if source_peer is not None and not source_peer.gone:
                track = source_peer.in_tracks.get(kind)
            key = (side_name, kind)
            if peer.sources.get(key) is not track:
                peer.sources[key] = track
                peer.tracks[key].set_source(
                    CopyTrack(self.relay.media.subscribe(track, buffered=False))
                    if track is not None else None)
        return True

    async def _follow(self, peer: MonitorPeer) -> None:
        try:
            while not peer.closed:
                await asyncio.sleep(FOLLOW_S)
                if not self._follow_once(peer):
                    break
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("monitor of call %s stopped", peer.call_id)
        await self._drop(peer)

    async def _drop(self, peer: MonitorPeer) -> None:
        await peer.close()
        peers = self.peers.get(peer.call_id, [])
        if peer in peers:
            peers.remove(peer)
        if not peers:
            self.peers.pop(peer.call_id, None)

    async def stop(self, call_id: str, peer_id: str | None = None) -> int:
        count = 0
        for peer in list(self.peers.get(call_id, [])):
            if peer_id is None or peer.id == peer_id:
                await self._drop(peer)
                count += 1
        return count

    async def close(self) -> None:
        for call_id in list(self.peers):
            await self.stop(call_id)
