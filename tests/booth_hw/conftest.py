"""Helpers for the booth hardware tests: generated clips, state recorders."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest

from booth_hw.framecode import draw_stamp
from booth_hw.state import DeviceState


def write_clip(
    path: Path,
    frames: int = 30,
    size: tuple[int, int] = (640, 480),
    fps: float = 30.0,
    kind: str = "stamped",
) -> Path:
    """An MJPG AVI: 'stamped' frames carry their index (0-based) as a frame code;
    'black' is all black; 'frozen' repeats one textured picture."""
    w, h = size
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, (w, h))
    assert writer.isOpened()
    still = np.full((h, w, 3), 120, np.uint8)
    for k in range(8):
        cv2.circle(still, (40 + k * w // 9, h // 2), 20 + 3 * k, (30 * k, 200 - 20 * k, 90), -1)
    cv2.putText(still, "PARLOIR", (w // 4, h // 4), cv2.FONT_HERSHEY_SIMPLEX, 2, (0, 0, 0), 3)
    for i in range(frames):
        if kind == "black":
            image = np.zeros((h, w, 3), np.uint8)
        elif kind == "frozen":
            image = still.copy()
        else:
            image = np.full((h, w, 3), 90, np.uint8)
            cv2.circle(image, (40 + (i * 7) % (w - 80), h // 2), 30, (0, 200, 255), -1)
            draw_stamp(image, i, time.time())
        writer.write(image)
    writer.release()
    return path


@pytest.fixture
def clip(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str = "clip.avi", **kw: object) -> Path:
        return write_clip(tmp_path / name, **kw)  # type: ignore[arg-type]

    return make


class StateLog:
    """Collects (state, detail) changes and lets a test wait for one."""

    def __init__(self) -> None:
        self.changes: list[tuple[DeviceState, str]] = []
        self._cond = threading.Condition()

    def __call__(self, state: DeviceState, detail: str) -> None:
        with self._cond:
            self.changes.append((state, detail))
            self._cond.notify_all()

    @property
    def states(self) -> list[DeviceState]:
        return [s for s, _ in self.changes]

    def wait_for(self, state: DeviceState, timeout: float = 20.0, after: int = 0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: state in self.states[after:], timeout)


@pytest.fixture
def state_log() -> StateLog:
    return StateLog()
