"""Relay parts without a browser: SDP filtering, the gap-filling proxy, both recorders."""

from __future__ import annotations

import asyncio
import fractions
import itertools
import time
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

from central.relay import ice
from central.relay.recorder import STREAMS, CallRecorder, check_recording
from central.relay.recorder_process import ProcessRecorder
from central.relay.tracks import ProxyTrack


def _run(coro: Any) -> Any:
    """asyncio in its own thread (Playwright's sync API may hold this thread's loop)."""
    from tests.relay.harness import LoopThread

    loop = LoopThread()
    try:
        return loop.run(coro)
    finally:
        loop.stop()


SDP = "\r\n".join([
    "v=0", "m=audio 9 UDP/TLS/RTP/SAVPF 111",
    "a=candidate:1 1 udp 2130706431 127.0.0.1 50000 typ host",
    "a=candidate:2 1 udp 2130706431 192.168.1.20 50001 typ host",
    "a=candidate:3 1 udp 2130706431 abcd.local 50002 typ host",
    "a=candidate:4 1 udp 1694498815 203.0.113.7 50003 typ srflx raddr 0.0.0.0 rport 0",
    "a=end-of-candidates", ""])


def test_loopback_mode_keeps_only_loopback_candidates() -> None:
    out = ice.keep_loopback_candidates(SDP)
    assert "127.0.0.1 50000" in out
    assert "192.168.1.20" not in out and ".local" not in out and "203.0.113.7" not in out
    assert "a=end-of-candidates" in out and out.startswith("v=0\r\n")


def test_ice_servers_come_from_config_only() -> None:
    assert ice.rtc_configuration([]).iceServers == []  # never a public STUN by default
    conf = ice.rtc_configuration(["turn:turn.example:3478"], "u", "p")
    assert [s.urls for s in conf.iceServers or []] == ["turn:turn.example:3478"]
    assert ice.parse_ice_urls("stun:a:3478, turn:b:3478") == ["stun:a:3478", "turn:b:3478"]


def _video(n: int, w: int = 320, h: int = 240) -> av.VideoFrame:
    frame = av.VideoFrame.from_ndarray(np.full((h, w, 3), n % 255, np.uint8), format="bgr24")
    frame.pts, frame.time_base = n * 3000, fractions.Fraction(1, 90000)
    return frame.reformat(format="yuv420p")


def _audio(n: int) -> av.AudioFrame:
    t = (np.arange(960) + n * 960) / 48000
    pcm = (np.sin(2 * np.pi * 440 * t) * 8000).astype(np.int16)
    frame = av.AudioFrame.from_ndarray(np.repeat(pcm, 2).reshape(1, -1), format="s16",
                                       layout="stereo")
    frame.sample_rate, frame.pts = 48000, n * 960
    return frame


class _Source(MediaStreamTrack):
    kind = "video"

    def __init__(self, count: int) -> None:
        super().__init__()
        self.left = count
        self.n = 1000

    async def recv(self) -> Any:
        if self.left <= 0:
            raise MediaStreamError
        self.left -= 1
        self.n += 1
        await asyncio.sleep(0.001)
        return _video(self.n)


def test_proxy_fills_gaps_and_keeps_timestamps_monotonic() -> None:
    async def run() -> tuple[list[int], int, int]:
        proxy = ProxyTrack("video")
        pts = [(await proxy.recv()).pts]  # no source: black filler
        proxy.set_source(_Source(3))
        for _ in range(5):  # 3 frames from the source, then it ends: filler again
            pts.append((await proxy.recv()).pts)
        proxy.set_source(_Source(2))  # a new source (a relative who rejoined)
        for _ in range(2):
            pts.append((await proxy.recv()).pts)
        proxy.stop()
        return pts, proxy.frames_forwarded, proxy.frames_filled

    pts, forwarded, filled = _run(run())
    assert forwarded == 5 and filled >= 3
    assert all(b > a for a, b in itertools.pairwise(pts)), pts


@pytest.mark.parametrize("kind", ["thread", "process"])
def test_recorder_writes_four_tracks_that_decode(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "call-1.mkv"
    rec: Any = CallRecorder(path) if kind == "thread" else ProcessRecorder(path,
                                                                           max_video_fps=100)
    rec.start()
    for n in range(40):
        rec.push("booth_video", _video(n))
        rec.push("booth_audio", _audio(n))
        if n >= 10:  # the relative arrives later: their tracks start with a gap
            rec.push("relative_video", _video(n, 640, 480))
            rec.push("relative_audio", _audio(n))


        time.sleep(0.02)
    rec.stop()
    assert rec.error is None
    check = check_recording(path)
    assert check.ok, check
    assert set(check.frames) == set(STREAMS)
    with av.open(str(path)) as container:
        videos: list[Any] = [s for s in container.streams if s.type == "video"]
        assert {(s.codec_context.width, s.codec_context.height) for s in videos} == {(640, 480)}


def test_check_recording_reports_a_missing_or_broken_file(tmp_path: Path) -> None:
    assert not check_recording(tmp_path / "none.mkv").ok
    broken = tmp_path / "broken.mkv"
    broken.write_bytes(b"not a matroska file" * 100)
    result = check_recording(broken)
    assert not result.ok and result.error


def test_a_full_relay_refuses_new_calls_clearly(loopback_ice: None) -> None:
    from central.relay.aiortc_relay import AiortcRelay
    from central.relay.base import CallMediaInfo, RelayError, SessionDescription

    async def run() -> RelayError:
        from aiortc import RTCPeerConnection

        relay = AiortcRelay(max_calls=1)
        with pytest.raises(RelayError):  # a bad offer leaves no session behind
            await relay.booth_offer(CallMediaInfo("a"), SessionDescription("v=0\r\n", "offer"))
        assert not relay.sessions
        pc = RTCPeerConnection(ice.rtc_configuration())
        pc.addTransceiver("video")
        await pc.setLocalDescription(await pc.createOffer())
        offer = SessionDescription(pc.localDescription.sdp, "offer")
        await relay.booth_offer(CallMediaInfo("a"), offer)
        try:
            await relay.booth_offer(CallMediaInfo("b"), offer)
        except RelayError as exc:
            return exc
        finally:
            await relay.close()
            await pc.close()
        raise AssertionError("a second call was accepted")

    refused = _run(run())
    assert refused.status == 503 and refused.code == "relay_full"
    assert "complet" in refused.message
