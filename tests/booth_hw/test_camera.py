"""The real OpenCV capture path on generated clips, the synthetic source, and failures."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from booth_hw.camera import Camera, CameraError, Frame, OpenCvSource, SyntheticSource
from booth_hw.framecode import read_code, read_stamp
from booth_hw.settings import CameraSettings
from booth_hw.state import DeviceState

from .conftest import StateLog


def settings_for(source: str | Path, **kw: object) -> CameraSettings:
    base = {
        "source": str(source),
        "width": 640,
        "height": 480,
        "fps": 30.0,
        "reconnect_min_s": 0.05,
        "reconnect_max_s": 0.4,
    }
    base.update(kw)
    return CameraSettings(**base)  # type: ignore[arg-type]


def collect(cam: Camera, count: int, timeout: float = 20.0) -> list[Frame]:
    """Every published frame (through the listener hook), until `count` arrived."""
    frames: list[Frame] = []
    done = threading.Event()

    def take(frame: Frame) -> None:
        frames.append(frame)
        if len(frames) >= count:
            done.set()

    cam.add_frame_listener(take)
    try:
        assert done.wait(timeout), f"only {len(frames)} frames in {timeout} s"
    finally:
        cam.remove_frame_listener(take)
    return frames[:count]


def test_file_frames_come_in_order_and_loop(clip: Callable[..., Path]) -> None:
    path = clip(frames=12)
    log = StateLog()
    cam = Camera(settings_for(path))
    cam.add_state_listener(log)
    with cam:
        frames = collect(cam, 30)
        assert cam.status().state == DeviceState.RUNNING
    numbers = [read_code(f.image) or 0 for f in frames]
    assert [read_code(f.image) for f in frames].count(None) == 0
    # The clip plays 0..11 and loops: each number is the previous + 1, modulo 12.
    first = numbers[0]
    assert numbers == [(first + i) % 12 for i in range(30)]
    assert [f.seq for f in frames] == list(range(frames[0].seq, frames[0].seq + 30))
    assert (cam.width, cam.height) == (640, 480)
    assert log.states[:2] == [DeviceState.STARTING, DeviceState.RUNNING]
    assert log.states[-1] == DeviceState.STOPPED


def test_published_frames_are_read_only(clip: Callable[..., Path]) -> None:
    with Camera(settings_for(clip())) as cam:
        frame = cam.wait_frame(0, 10)
        assert frame is not None
        with pytest.raises(ValueError):
            frame.image[0, 0, 0] = 1


def test_slow_consumer_only_gets_the_newest_frame(clip: Callable[..., Path]) -> None:
    path = clip(frames=200)
    published: list[int] = []
    lock = threading.Lock()

    def note(frame: Frame) -> None:
        with lock:
            published.append(frame.seq)

    with Camera(settings_for(path), on_frame=note) as cam:
        got: list[Frame] = []
        last = 0
        for _ in range(5):
            with lock:
                newest_before = published[-1] if published else 0
            frame = cam.wait_frame(last, 10)
            assert frame is not None
            # Never an older frame than the newest published when we asked.
            assert frame.seq >= newest_before
            got.append(frame)
            last = frame.seq
            time.sleep(0.2)  # a slow consumer: ~6 frames go by meanwhile
    seqs = [f.seq for f in got]
    assert all(b - a >= 2 for a, b in itertools.pairwise(seqs)), seqs
    # What it got is the picture of that very frame (clip index = seq - 1 here).
    for f in got:
        assert read_code(f.image) == (f.seq - 1) % 200
    assert len(published) > len(got) * 2


def test_synthetic_source_stamps_number_and_time() -> None:
    settings = CameraSettings(source="synthetic", width=640, height=360, fps=30)
    with Camera(settings) as cam:
        frames = collect(cam, 10)
    for f in frames:
        stamp = read_stamp(f.image)
        assert stamp is not None
        assert stamp.frame_no == f.seq
        assert stamp.age_ms(f.captured_at) is not None
        assert stamp.age_ms(f.captured_at) < 1000  # type: ignore[operator]
        assert f.image.shape == (360, 640, 3)


def test_no_camera_is_reported_missing(state_log: StateLog) -> None:
    cam = Camera(settings_for("/dev/video-parloir-none"))
    cam.add_state_listener(state_log)
    with cam:
        assert state_log.wait_for(DeviceState.MISSING, 10)
        assert cam.wait_frame(0, 0.3) is None
        assert "caméra" in cam.state_detail.lower()
    assert cam.latest() is None


def test_missing_device_index_fails_fast() -> None:
    source = OpenCvSource("9")
    with pytest.raises(CameraError, match="Aucune caméra"):
        source.open()


def test_missing_video_file_is_reported(tmp_path: Path, state_log: StateLog) -> None:
    cam = Camera(settings_for(tmp_path / "absent.avi"))
    cam.add_state_listener(state_log)
    with cam:
        assert state_log.wait_for(DeviceState.MISSING, 10)
    assert "introuvable" in state_log.changes[-2][1]


def test_camera_vanishing_mid_stream_and_coming_back(
    clip: Callable[..., Path], state_log: StateLog
) -> None:
    """The file is re-opened at each loop, like a device: moving it away is an unplug."""
    path = clip(frames=6)
    away = path.with_suffix(".away")
    cam = Camera(settings_for(path))
    cam.add_state_listener(state_log)
    with cam:
        assert state_log.wait_for(DeviceState.RUNNING, 10)
        before = collect(cam, 3)[-1].seq
        path.rename(away)
        assert state_log.wait_for(DeviceState.RECONNECTING, 10)
        mark = len(state_log.changes)
        away.rename(path)
        assert state_log.wait_for(DeviceState.RUNNING, 10, after=mark)
        after = collect(cam, 3)
    assert after[0].seq > before
    assert cam.reconnects >= 1
    assert state_log.states.count(DeviceState.RUNNING) >= 2


class FlakySource:
    """A synthetic source that stops delivering after `good` frames (unplug);
    the opener then fails `refusals` times before it works again (replug)."""

    def __init__(self, plan: dict[str, int]) -> None:
        self.plan = plan
        self.inner = SyntheticSource(320, 180, 30)
        self.width, self.height, self.fps, self.paced = 320, 180, 30.0, True
        self.reads = 0

    def open(self) -> None:
        if self.plan["refusals"] > 0:
            self.plan["refusals"] -= 1
            raise CameraError("Caméra débranchée.")
        self.inner.open()

    def read(self) -> np.ndarray | None:
        self.reads += 1
        if self.plan["opens"] == 1 and self.reads > self.plan["good"]:
            return None
        return self.inner.read()

    def close(self) -> None:
        self.inner.close()


def test_unplug_replug_with_injected_opener(state_log: StateLog) -> None:
    plan = {"good": 10, "refusals": 0, "opens": 0}

    def opener() -> FlakySource:
        plan["opens"] += 1
        if plan["opens"] == 2:
            plan["refusals"] = 3  # the next three opens fail (camera still unplugged)
        return FlakySource(plan)

    cam = Camera(settings_for("injected"), opener=opener)
    cam.add_state_listener(state_log)
    with cam:
        assert state_log.wait_for(DeviceState.RECONNECTING, 10)
        mark = len(state_log.changes)
        assert state_log.wait_for(DeviceState.RUNNING, 15, after=mark)
        frame = cam.wait_frame(10, 10)
    assert frame is not None
    assert plan["opens"] >= 5  # first, lost, three refusals, success
    states = state_log.states
    assert states[:2] == [DeviceState.STARTING, DeviceState.RUNNING]
    assert DeviceState.MISSING not in states  # it had worked once: reconnecting, not missing
    assert cam.reconnects == 1


def test_black_and_frozen_feeds_are_detected(clip: Callable[..., Path]) -> None:
    with Camera(settings_for(clip("black.avi", kind="black"))) as cam:
        collect(cam, 5)
        assert cam.black
    seen: list[tuple[bool, bool]] = []

    def watch(cam: Camera) -> Callable[[Frame], None]:
        return lambda _frame: seen.append((cam.frozen, cam.black))

    cam = Camera(settings_for(clip("frozen.avi", kind="frozen", frames=60), frozen_after_s=0.3))
    cam.add_frame_listener(watch(cam))
    with cam:
        collect(cam, 40)
    assert any(frozen for frozen, _ in seen)
    assert not any(black for _, black in seen)
    seen.clear()
    cam = Camera(settings_for(clip(frames=10), frozen_after_s=0.3))
    cam.add_frame_listener(watch(cam))
    with cam:
        collect(cam, 30)
    assert seen
    assert not any(frozen or black for frozen, black in seen)


def test_reconnection_backs_off_exponentially_up_to_a_cap(state_log: StateLog) -> None:
    def opener() -> FlakySource:
        raise CameraError("Caméra débranchée.")

    cam = Camera(
        settings_for("injected", reconnect_min_s=0.02, reconnect_max_s=0.16), opener=opener
    )
    cam.add_state_listener(state_log)
    with cam:
        deadline = time.monotonic() + 20
        while len(cam.retry_delays) < 7 and time.monotonic() < deadline:
            time.sleep(0.05)
    assert list(cam.retry_delays)[:7] == [0.02, 0.04, 0.08, 0.16, 0.16, 0.16, 0.16]
    assert state_log.states[:2] == [DeviceState.STARTING, DeviceState.MISSING]
