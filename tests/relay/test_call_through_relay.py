"""A real call through the relay: booth engine (aiortc) <-> relay <-> headless Chromium."""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any

import pytest

from central.relay.recorder import STREAMS
from kiosk.call_engine import CallEngine, CallState, CentralHttp
from tests.fixtures.browser import (
    BOOTH_TONE_HZ,
    RELATIVE_TONE_HZ,
    audio_peak,
    grab_video,
    peak_frequency,
)
from tests.relay.harness import (
    LoopThread,
    ServerThread,
    StandInCentral,
    SyntheticBooth,
    build_app,
    read_frame_numbers,
    relative_joins,
    wait_for,
)

pytestmark = [pytest.mark.e2e]


@pytest.fixture
def relay_server(tmp_path: Path, loopback_ice: None) -> Any:
    standin = StandInCentral(max_call_s=120, rejoin_s=60)
    server = ServerThread(build_app(standin, tmp_path / "recordings")).start()
    yield server, standin
    server.stop()


def test_media_flows_both_ways_and_is_recorded(relay_server: Any, chromium_page: Any,
                                               fake_media: Any) -> None:
    server, standin = relay_server
    booth = SyntheticBooth(tone_hz=BOOTH_TONE_HZ)
    loop = LoopThread()
    try:
        video, audio = booth.tracks()
        engine: CallEngine = loop.call(lambda: CallEngine(
            CentralHttp(server.url, "booth-token"), video_track=video, audio_track=audio))
        call_id = loop.run(engine.place_call("booking-1", "contact-1"))
        assert engine.state is CallState.WAITING_RELATIVE

        relative_joins(chromium_page, server.url, standin.last_code)
        wait_for(lambda: engine.state is CallState.CONNECTED, 20, "the relative to join")

        # Booth -> relative: the synthetic camera's frame numbers, in order, on the page.
        seen = read_frame_numbers(lambda: grab_video(chromium_page), 5)
        assert len(seen) >= 5, seen
        assert sum(b > a for a, b in itertools.pairwise(seen)) >= len(seen) - 2, seen
        # Relative -> booth: the clip's frame numbers (1..30, looping) in the engine.
        def booth_grab() -> Any:
            frame = engine.remote_video
            return None if frame is None else frame.to_ndarray(format="bgr24")
        numbers = read_frame_numbers(booth_grab, 5)
        assert len(numbers) >= 5 and all(1 <= n <= fake_media.frames for n in numbers), numbers

        # Each side's tone is found by FFT on the other side.
        peak = audio_peak(chromium_page)
        assert peak is not None and abs(peak["peak_hz"] - BOOTH_TONE_HZ) < 15, peak
        def booth_audio() -> Any:
            s = loop.call(engine.remote_audio)
            return s if s.size >= 48000 else None
        samples = wait_for(booth_audio, 10, "audio at the booth")
        assert abs(peak_frequency(samples[-48000:]) - RELATIVE_TONE_HZ) < 10

        # The page shows the time left sent by the relay.
        chromium_page.wait_for_selector("#timer:not([hidden])")
        assert "il reste" in chromium_page.inner_text("#timer-text")

        result = loop.run(engine.hangup())
        assert result is not None and result.reason == "booth_hangup"
        assert result.connected_s >= 1 and result.ever_connected
        chromium_page.wait_for_selector('section[data-step="ended"]:not([hidden])')
        assert "raccroché" in chromium_page.inner_text("#ended-text")

        outcome = wait_for(lambda: standin.listener.outcomes, 15, "the relay's outcome")[0]
        assert outcome.call_id == call_id and outcome.connected_s == result.connected_s
        assert outcome.recording is not None and outcome.recording.name == f"{call_id}.mkv"
        assert outcome.recording_ok, (outcome.recording_frames, outcome.recording_error)
        assert set(outcome.recording_frames) == set(STREAMS)
        assert ("joined", call_id) in standin.listener.events
    finally:
        loop.stop()
        booth.stop()


def test_relative_there_before_the_booth_media(relay_server: Any, chromium_page: Any) -> None:
    """The relative may join before the booth's media arrive: the booth is told at once."""
    server, standin = relay_server
    call_id, code = standin.new_call()
    booth = SyntheticBooth(tone_hz=BOOTH_TONE_HZ)
    loop = LoopThread()
    try:
        relative_joins(chromium_page, server.url, code)
        wait_for(lambda: ("joined", call_id) in standin.listener.events or None, 20,
                 "the relay to have the relative's media")
        video, audio = booth.tracks()
        engine: CallEngine = loop.call(lambda: CallEngine(
            CentralHttp(server.url, "booth-token"), video_track=video, audio_track=audio))
        engine.call_id = call_id  # placed earlier (the booth restarted its media)
        loop.run(engine.connect())
        wait_for(lambda: engine.state is CallState.CONNECTED or None, 20, "connected")
        seen = read_frame_numbers(lambda: grab_video(chromium_page), 3)
        assert len(seen) >= 3
        time.sleep(1.5)  # whole seconds are counted
        result = loop.run(engine.hangup())
        assert result is not None and result.ever_connected and result.connected_s >= 1
    finally:
        loop.stop()
        booth.stop()


def test_relative_hangs_up(relay_server: Any, chromium_page: Any) -> None:
    """«Raccrocher» on the page, confirmed once, ends the call for the booth too."""
    server, standin = relay_server
    booth = SyntheticBooth()
    loop = LoopThread()
    try:
        video, audio = booth.tracks()
        engine: CallEngine = loop.call(lambda: CallEngine(
            CentralHttp(server.url, "booth-token"), video_track=video, audio_track=audio))
        loop.run(engine.place_call("booking-1", "contact-1"))
        relative_joins(chromium_page, server.url, standin.last_code)
        wait_for(lambda: engine.state is CallState.CONNECTED or None, 20, "connected")
        chromium_page.click("#hangup")
        assert chromium_page.is_visible("#hangup-confirm")
        chromium_page.click("#hangup-cancel")  # changed their mind: the call goes on
        assert chromium_page.is_hidden("#hangup-confirm")
        assert engine.state is CallState.CONNECTED
        chromium_page.click("#hangup")
        chromium_page.click("#hangup-yes")
        result = loop.run(engine.wait_ended(20))
        assert result is not None and result.reason == "relative_hangup"
        assert "Vous avez raccroché" in chromium_page.inner_text("#ended-text")
    finally:
        loop.stop()
        booth.stop()


def test_booth_link_lost_and_back(relay_server: Any, chromium_page: Any) -> None:
    """The relay drops the booth's connection: the engine offers again, the call goes on."""
    import asyncio

    from central.relay.aiortc_relay import Side

    server, standin = relay_server
    booth = SyntheticBooth()
    loop = LoopThread()
    try:
        video, audio = booth.tracks()
        engine: CallEngine = loop.call(lambda: CallEngine(
            CentralHttp(server.url, "booth-token"), video_track=video, audio_track=audio))
        events: list[str] = []
        loop.call(lambda: engine.add_listener(lambda e: events.append(e.type)))
        call_id = loop.run(engine.place_call("booking-1", "contact-1"))
        relative_joins(chromium_page, server.url, standin.last_code)
        wait_for(lambda: engine.state is CallState.CONNECTED or None, 20, "connected")
        relay = server.server.config.app.state.relay
        session = relay.session(call_id)
        asyncio.run_coroutine_threadsafe(session.peers[Side.BOOTH].close(),
                                         session.ticker.get_loop()).result(20)
        wait_for(lambda: "reconnected" in events or None, 30, "the booth to reconnect")
        wait_for(lambda: engine.state is CallState.CONNECTED or None, 20, "connected again")
        before = engine.remote_video_frames
        wait_for(lambda: engine.remote_video_frames > before + 10 or None, 20, "frames again")
        seen = read_frame_numbers(lambda: grab_video(chromium_page), 3)
        assert len(seen) >= 3  # the relative sees the booth again
        result = loop.run(engine.hangup())
        assert result is not None and result.reason == "booth_hangup"
    finally:
        loop.stop()
        booth.stop()
