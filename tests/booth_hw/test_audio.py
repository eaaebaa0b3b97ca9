"""The real sounddevice path on PulseAudio null sinks, synthetic twins, failures."""

from __future__ import annotations

import asyncio
import fractions
import time
from pathlib import Path

import numpy as np
import pytest
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack
from av import AudioFrame

from booth_hw.audio import AudioError, Microphone, Speaker, find_device, measure, tone
from booth_hw.selftest import find_tone
from booth_hw.settings import AudioSettings
from booth_hw.state import DeviceState
from tests.fixtures.pulse import PulseAudio, write_wav

from .conftest import StateLog


def test_levels_in_dbfs() -> None:
    full = tone(1000, 1.0, dbfs=0.0)
    level = measure(full)
    assert level.peak_dbfs == pytest.approx(0.0, abs=0.1)
    assert level.rms_dbfs == pytest.approx(-3.0, abs=0.1)  # a sine's RMS is peak / sqrt(2)
    assert measure(np.zeros(960, np.int16)).rms_dbfs <= -100
    assert measure(tone(440, 0.5, dbfs=-20)).peak_dbfs == pytest.approx(-20, abs=0.1)


def test_tone_is_found_by_fft() -> None:
    freq, snr = find_tone(tone(997, 1.0), 48000, 1000)
    assert freq == pytest.approx(997, abs=0.5)
    assert snr > 40


# -- PulseAudio null sinks ------------------------------------------------------
def test_tone_fed_into_the_microphone_is_found(pulse_audio: PulseAudio, tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "tone440.wav", tone(440, 4.0, dbfs=-10))
    with Microphone(AudioSettings()) as mic:
        assert mic.wait_running(15), mic.state_detail
        player = pulse_audio.play(wav, device="fake_mic")
        try:
            mic.record(1.0)  # playback start-up
            recorded = mic.record(1.0)
            level = mic.level()
        finally:
            player.wait(20)
    assert recorded.size == 48000
    freq, snr = find_tone(recorded, 48000, 440)
    assert freq == pytest.approx(440, abs=1.0)
    assert snr > 30
    assert -20 < level.rms_dbfs < -10


def test_tone_played_to_the_speaker_is_captured_from_its_monitor(
    pulse_audio: PulseAudio,
) -> None:
    recorder = pulse_audio.start_recording("booth_spk.monitor")
    try:
        with Speaker(AudioSettings(volume=0.5)) as speaker:
            assert speaker.wait_running(15), speaker.state_detail
            speaker.play(tone(1000, 1.5, dbfs=-6))
            deadline = time.monotonic() + 15
            while speaker.busy and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not speaker.busy
            time.sleep(1.5)  # the sound server's own buffers drain
    finally:
        captured = pulse_audio.stop_recording(recorder)
    assert captured.size > 48000
    freq, snr = find_tone(captured, 48000, 1000)
    assert freq == pytest.approx(1000, abs=1.0)
    assert snr > 30
    # Volume 0.5 on a -6 dBFS tone: about -12 dBFS peak.
    assert measure(captured).peak_dbfs == pytest.approx(-12, abs=1.5)


def test_devices_recover_when_the_sound_server_comes_back(
    pulse_audio: PulseAudio, tmp_path: Path
) -> None:
    log, speaker_log = StateLog(), StateLog()
    mic, speaker = Microphone(AudioSettings()), Speaker(AudioSettings())
    mic.add_state_listener(log)
    speaker.add_state_listener(speaker_log)
    with mic, speaker:
        assert mic.wait_running(15)
        assert speaker.wait_running(15)
        pulse_audio.stop()  # the sound card vanishes
        try:
            assert log.wait_for(DeviceState.RECONNECTING, 20)
            assert speaker_log.wait_for(DeviceState.RECONNECTING, 20)
        finally:
            pulse_audio.start()
        mark, speaker_mark = len(log.changes), len(speaker_log.changes)
        assert log.wait_for(DeviceState.RUNNING, 30, after=mark), log.changes
        assert speaker_log.wait_for(DeviceState.RUNNING, 30, after=speaker_mark)
        wav = write_wav(tmp_path / "tone660.wav", tone(660, 4.0, dbfs=-10))
        player = pulse_audio.play(wav)
        try:
            mic.record(1.0)
            recorded = mic.record(1.0)
        finally:
            player.wait(20)
    assert find_tone(recorded, 48000, 660)[0] == pytest.approx(660, abs=1.0)
    assert mic.reconnects >= 1


def test_unknown_device_name_is_missing_with_a_french_reason(pulse_audio: PulseAudio) -> None:
    log = StateLog()
    mic = Microphone(AudioSettings(input_device="Micro USB inexistant"))
    mic.add_state_listener(log)
    with mic:
        assert not mic.wait_running(2)
        assert log.wait_for(DeviceState.MISSING, 5)
        assert "introuvable" in mic.state_detail
    with pytest.raises(AudioError, match="introuvable"):
        find_device("Haut-parleur inexistant", "output")


# -- synthetic twins and the bounded playback buffer -----------------------------
def test_synthetic_microphone_plays_a_tone_at_real_time_pace() -> None:
    settings = AudioSettings(input_device="synthetic", synthetic_tone_hz=700)
    with Microphone(settings) as mic:
        assert mic.wait_running(5)
        blocks: list[np.ndarray] = []
        mic.add_block_listener(lambda samples, _i, _t: blocks.append(samples))
        data = mic.record(0.5)
    assert data.size == 24000
    assert {b.size for b in blocks} == {960}
    assert find_tone(data, 48000, 700)[0] == pytest.approx(700, abs=1.0)


def test_synthetic_microphone_from_a_wav_file(tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "voice.wav", tone(300, 1.0, rate=16000), rate=16000)
    with Microphone(AudioSettings(input_device="synthetic", synthetic_file=str(wav))) as mic:
        data = mic.record(0.5)
    assert find_tone(data, 48000, 300)[0] == pytest.approx(300, abs=1.5)


def test_synthetic_microphone_with_a_bad_file_is_missing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not a wav")
    with Microphone(AudioSettings(input_device="synthetic", synthetic_file=str(bad))) as mic:
        assert not mic.wait_running(1)
        assert mic.state == DeviceState.MISSING
        assert "illisible" in mic.state_detail


class BurstyTrack(MediaStreamTrack):
    """Remote audio arriving far faster than real time (a backlog after a stall),
    at 16 kHz stereo to exercise the resampler."""

    kind = "audio"

    def __init__(self, frames: int) -> None:
        super().__init__()
        self.left = frames
        self.pts = 0
        samples = tone(1000, 0.02, rate=16000, dbfs=-6)
        self.block = np.repeat(samples[None, :], 2, axis=0).T.reshape(1, -1).copy()

    async def recv(self) -> AudioFrame:
        if self.left <= 0:
            self.stop()
            raise MediaStreamError
        self.left -= 1
        await asyncio.sleep(0)
        frame = AudioFrame.from_ndarray(self.block, format="s16", layout="stereo")
        frame.sample_rate = 16000
        frame.pts = self.pts
        frame.time_base = fractions.Fraction(1, 16000)
        self.pts += 320
        return frame


def test_remote_audio_buffer_stays_bounded() -> None:
    settings = AudioSettings(output_device="synthetic", playback_buffer_ms=200)
    with Speaker(settings) as speaker:
        track = BurstyTrack(frames=1500)  # 30 s of audio delivered at once
        highest = 0.0

        async def feed() -> None:
            nonlocal highest
            task = asyncio.create_task(speaker.play_track(track))
            while not task.done():
                highest = max(highest, speaker.buffered_ms)
                await asyncio.sleep(0)
            await task

        asyncio.run(feed())
        assert track.left == 0  # every frame was consumed
        assert highest <= 200
        assert speaker.dropped_ms > 25_000  # the backlog was dropped, not queued
        time.sleep(0.4)
        played = np.concatenate(list(speaker.monitor))
    assert find_tone(played, 48000, 1000)[0] == pytest.approx(1000, abs=2)


def test_no_sound_card_is_reported_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import booth_hw.audio as audio

    def no_devices(name: str, kind: str) -> int | None:
        raise AudioError("Aucune carte son : aucun micro détecté.")

    monkeypatch.setattr(audio, "find_device", no_devices)
    log = StateLog()
    mic = Microphone(AudioSettings())
    mic.add_state_listener(log)
    with mic:
        assert log.wait_for(DeviceState.MISSING, 5)
        assert not mic.wait_running(0.5)
    assert "Aucune carte son" in log.changes[1][1]


def test_own_sounds_are_mixed_over_remote_audio_without_delaying_it() -> None:
    settings = AudioSettings(output_device="synthetic", playback_buffer_ms=200)
    with Speaker(settings) as speaker:
        assert speaker.wait_running(5)
        position = speaker.play(tone(1500, 0.6, dbfs=-12))  # a chime
        for _ in range(30):  # remote audio keeps coming, 20 ms at a time
            speaker.write(tone(500, 0.02, dbfs=-12))
            assert speaker.buffered_ms <= 200
            time.sleep(0.02)
        while speaker.busy:
            time.sleep(0.05)
        heard = speaker.time_of_sample(position)
        played = np.concatenate(list(speaker.monitor))
    assert heard is not None
    assert find_tone(played, 48000, 1500)[1] > 20
    assert find_tone(played, 48000, 500)[1] > 20
