"""aiortc tracks on the camera and microphone: timestamps, newest frame, a real VP8 hop."""

from __future__ import annotations

import asyncio
import fractions
import itertools

import numpy as np
import pytest

from booth_hw.audio import Microphone
from booth_hw.camera import Camera
from booth_hw.framecode import read_stamp
from booth_hw.selftest import find_tone
from booth_hw.settings import AudioSettings, CameraSettings
from booth_hw.tracks import CameraVideoTrack, MicrophoneAudioTrack

SYNTHETIC = CameraSettings(source="synthetic", width=640, height=360, fps=30)


def test_video_track_timestamps_follow_capture_time() -> None:
    async def main() -> list[tuple[int, int, int, float]]:
        with Camera(SYNTHETIC) as cam:
            track = CameraVideoTrack(cam)
            out = []
            for _ in range(10):
                frame = await track.recv()
                assert frame.time_base == fractions.Fraction(1, 90000)
                stamp = read_stamp(frame.to_ndarray(format="bgr24"))
                assert stamp is not None and track.last_capture is not None
                assert frame.pts is not None
                seq, mono = track.last_capture
                out.append((frame.pts, stamp.frame_no, seq, mono))
            track.stop()
            return out

    frames = asyncio.run(main())
    pts = [p for p, *_ in frames]
    assert pts == sorted(pts) and len(set(pts)) == len(pts)
    # The frame handed out is the one captured (its drawn number is its sequence number)...
    assert all(number == seq for _, number, seq, _ in frames)
    # ...and pts is its capture time on the 90 kHz clock, from the first frame.
    p0, m0 = frames[0][0], frames[0][3]
    for p, _, _, mono in frames:
        assert abs((p - p0) - (mono - m0) * 90000) <= 2


def test_slow_encoder_gets_the_newest_frame_not_a_backlog() -> None:
    async def main() -> list[int]:
        with Camera(SYNTHETIC) as cam:
            track = CameraVideoTrack(cam)
            numbers = []
            for _ in range(4):
                before = cam.latest()
                frame = await track.recv()
                stamp = read_stamp(frame.to_ndarray(format="bgr24"))
                assert stamp is not None
                numbers.append(stamp.frame_no)
                # Never older than the newest frame that existed when we asked.
                assert before is None or stamp.frame_no >= before.seq
                await asyncio.sleep(0.25)  # ~7 frames go by
            track.stop()
            return numbers

    numbers = asyncio.run(main())
    gaps = [b - a for a, b in itertools.pairwise(numbers)]
    assert min(gaps) >= 2


def test_video_track_sends_a_placeholder_without_camera() -> None:
    async def main() -> list[np.ndarray]:
        cam = Camera(CameraSettings(source="/dev/video-parloir-none", width=320, height=240))
        with cam:
            track = CameraVideoTrack(cam, placeholder_after_s=0.1)
            frames = [await track.recv() for _ in range(3)]
            track.stop()
        assert [f.pts for f in frames] == sorted({f.pts for f in frames})  # type: ignore[type-var]
        return [f.to_ndarray(format="bgr24") for f in frames]

    images = asyncio.run(main())
    assert images[0].shape == (240, 320, 3)
    assert all(read_stamp(i) is None for i in images)
    assert 15 < float(images[0].mean()) < 60  # dark grey with light text


def test_audio_track_frames_are_48k_mono_20ms_with_consistent_pts() -> None:
    async def main() -> list[object]:
        with Microphone(AudioSettings(input_device="synthetic", synthetic_tone_hz=440)) as mic:
            track = MicrophoneAudioTrack(mic)
            frames = [await track.recv() for _ in range(40)]
            track.stop()
            return frames  # type: ignore[return-value]

    frames = asyncio.run(main())
    pts = [f.pts for f in frames]  # type: ignore[attr-defined]
    assert pts == [pts[0] + 960 * i for i in range(40)]
    for f in frames:
        assert f.sample_rate == 48000  # type: ignore[attr-defined]
        assert f.samples == 960  # type: ignore[attr-defined]
        assert f.time_base == fractions.Fraction(1, 48000)  # type: ignore[attr-defined]
        assert f.layout.name == "mono"  # type: ignore[attr-defined]
    data = np.concatenate([f.to_ndarray().reshape(-1) for f in frames[5:]])  # type: ignore[attr-defined]
    assert find_tone(data, 48000, 440)[0] == pytest.approx(440, abs=1.5)


def test_audio_track_sends_silence_at_pace_without_microphone() -> None:
    async def main() -> list[object]:
        mic = Microphone(AudioSettings(input_device="Micro USB inexistant"))
        track = MicrophoneAudioTrack(mic)
        frames = [await track.recv() for _ in range(5)]
        track.stop()
        return frames  # type: ignore[return-value]

    frames = asyncio.run(main())
    assert [f.pts for f in frames] == [0, 960, 1920, 2880, 3840]  # type: ignore[attr-defined]
    assert all(not f.to_ndarray().any() for f in frames)  # type: ignore[attr-defined]


@pytest.mark.slow
def test_frame_codes_survive_a_real_vp8_hop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Camera track → aiortc VP8 encoder → loopback → decoder: numbers read back in order."""
    import aioice.ice
    from aiortc import RTCConfiguration, RTCPeerConnection

    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4, use_ipv6: ["127.0.0.1"])

    async def main() -> list[int]:
        config = RTCConfiguration(iceServers=[])
        sender, receiver = RTCPeerConnection(config), RTCPeerConnection(config)
        got: list[int] = []
        done = asyncio.Event()

        async def consume(track: object) -> None:
            while len(got) < 30:
                frame = await track.recv()  # type: ignore[attr-defined]
                stamp = read_stamp(frame.to_ndarray(format="bgr24"))
                if stamp is not None:
                    got.append(stamp.frame_no)
            done.set()

        receiver.on("track", lambda t: asyncio.ensure_future(consume(t)))
        with Camera(SYNTHETIC) as cam:
            sender.addTrack(CameraVideoTrack(cam))
            await sender.setLocalDescription(await sender.createOffer())
            await receiver.setRemoteDescription(sender.localDescription)
            await receiver.setLocalDescription(await receiver.createAnswer())
            await sender.setRemoteDescription(receiver.localDescription)
            try:
                await asyncio.wait_for(done.wait(), 30)
            finally:
                await sender.close()
                await receiver.close()
        return got

    numbers = asyncio.run(main())
    assert len(numbers) == 30
    assert numbers == sorted(numbers)


@pytest.mark.slow
def test_microphone_reaches_a_remote_speaker_through_opus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Synthetic mic → MicrophoneAudioTrack → Opus over loopback → Speaker.play_track."""
    import aioice.ice
    from aiortc import RTCConfiguration, RTCPeerConnection

    from booth_hw.audio import Speaker

    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4, use_ipv6: ["127.0.0.1"])
    audio = AudioSettings(
        input_device="synthetic", synthetic_tone_hz=440, output_device="synthetic"
    )

    async def main() -> np.ndarray:
        config = RTCConfiguration(iceServers=[])
        sender, receiver = RTCPeerConnection(config), RTCPeerConnection(config)
        with Microphone(audio) as mic, Speaker(audio) as speaker:
            tasks: list[asyncio.Task[None]] = []
            receiver.on(
                "track", lambda t: tasks.append(asyncio.ensure_future(speaker.play_track(t)))
            )
            sender.addTrack(MicrophoneAudioTrack(mic))
            await sender.setLocalDescription(await sender.createOffer())
            await receiver.setRemoteDescription(sender.localDescription)
            await receiver.setLocalDescription(await receiver.createAnswer())
            await sender.setRemoteDescription(receiver.localDescription)
            try:
                for _ in range(200):  # until 1.5 s of sound has been played
                    await asyncio.sleep(0.05)
                    heard = [b for b in speaker.monitor if b.any()]
                    if len(heard) >= 75:
                        break
            finally:
                await sender.close()
                await receiver.close()
                for task in tasks:
                    task.cancel()
            assert speaker.buffered_ms <= 200
            return np.concatenate(heard)

    heard = asyncio.run(main())
    assert heard.size >= 48000
    freq, snr = find_tone(heard, 48000, 440)
    assert freq == pytest.approx(440, abs=2)
    assert snr > 20
