"""aiortc tracks fed by the booth camera and microphone.

Why own tracks: the stock ones pace themselves on a timer; ours follow the
real devices (capture time gives the video pts, the sample count the audio
pts) and always hand the encoder the newest frame, never a backlog. When a
device is missing they keep the call alive with a placeholder picture or
silence at the right pace.
"""

from __future__ import annotations

import asyncio
import fractions
import time
from collections import deque
from typing import Any

import cv2
import numpy as np
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError
from av import AudioFrame, VideoFrame

from booth_hw.audio import Microphone, Samples
from booth_hw.camera import Camera, Frame
from booth_hw.state import DeviceState

VIDEO_CLOCK = 90000
VIDEO_TIME_BASE = fractions.Fraction(1, VIDEO_CLOCK)


def placeholder_frame(width: int, height: int, text: str = "Caméra indisponible") -> Any:
    image = np.full((height, width, 3), 24, np.uint8)
    scale = max(0.5, height / 720 * 1.4)
    (tw, th), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, 2)
    cv2.putText(
        image,
        text,
        ((width - tw) // 2, (height + th) // 2),
        cv2.FONT_HERSHEY_SIMPLEX,
        scale,
        (220, 220, 220),
        2,
        cv2.LINE_AA,
    )
    return image


class CameraVideoTrack(MediaStreamTrack):
    """The camera as an aiortc video track.

    pts is the capture time (90 kHz clock) measured from the first frame, so
    timestamps follow the real camera; if no frame arrives for
    `placeholder_after_s`, a "Caméra indisponible" picture is sent at 5 fps.
    `last_capture` holds (seq, monotonic capture time) of the last frame handed
    out, for latency measurements."""

    kind = "video"

    def __init__(self, camera: Camera, *, placeholder_after_s: float = 1.0) -> None:
        super().__init__()
        self.camera = camera
        self.placeholder_after_s = placeholder_after_s
        self._event = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._last_seq = 0
        self._t0: float | None = None
        self._last_pts = -1
        self.last_capture: tuple[int, float] | None = None
        self._placeholder: Any = None
        camera.add_frame_listener(self._on_frame)

    def _on_frame(self, _frame: Frame) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._event.set)

    def _pts(self, mono: float) -> int:
        if self._t0 is None:
            self._t0 = mono
        pts = int((mono - self._t0) * VIDEO_CLOCK)
        pts = max(pts, self._last_pts + 1)
        self._last_pts = pts
        return pts

    async def recv(self) -> VideoFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
        while True:
            frame = self.camera.latest()
            if frame is not None and frame.seq > self._last_seq:
                break
            self._event.clear()
            frame = self.camera.latest()
            if frame is not None and frame.seq > self._last_seq:
                break
            try:
                await asyncio.wait_for(self._event.wait(), self.placeholder_after_s)
            except TimeoutError:
                if self.readyState != "live":
                    raise MediaStreamError from None
                return self._placeholder_frame()
        self._last_seq = frame.seq
        self.last_capture = (frame.seq, frame.monotonic)
        video = VideoFrame.from_ndarray(frame.image, format="bgr24")
        video.pts = self._pts(frame.monotonic)
        video.time_base = VIDEO_TIME_BASE
        return video

    def _placeholder_frame(self) -> VideoFrame:
        w, h = self.camera.width, self.camera.height
        if self._placeholder is None or self._placeholder.shape[:2] != (h, w):
            self._placeholder = placeholder_frame(w, h)
        video = VideoFrame.from_ndarray(self._placeholder, format="bgr24")
        video.pts = self._pts(time.monotonic())
        video.time_base = VIDEO_TIME_BASE
        return video

    def stop(self) -> None:
        self.camera.remove_frame_listener(self._on_frame)
        super().stop()


class MicrophoneAudioTrack(MediaStreamTrack):
    """The microphone as an aiortc audio track: 48 kHz mono s16, 20 ms frames.

    Blocks wait in a small queue (`max_queue_ms`, oldest dropped). pts counts
    samples; after a real gap (device lost) it jumps ahead with the clock so
    the far side inserts silence instead of drifting. While the microphone
    is not running, silence is sent at the right pace."""

    kind = "audio"

    def __init__(self, mic: Microphone, *, max_queue_ms: int = 200) -> None:
        super().__init__()
        self.mic = mic
        self.rate = mic.rate
        self.block = mic.block
        self.time_base = fractions.Fraction(1, self.rate)
        self._queue: deque[Samples] = deque(maxlen=max(1, max_queue_ms // mic.settings.block_ms))
        self._event = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._start: float | None = None
        self._pts = 0
        self.dropped = 0
        mic.add_block_listener(self._on_block)

    def _on_block(self, samples: Samples, _index: int, _t: float) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        if len(self._queue) == self._queue.maxlen:
            self.dropped += 1
        self._queue.append(samples)
        loop.call_soon_threadsafe(self._event.set)

    async def recv(self) -> AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
        now = time.monotonic()
        if self._start is None:
            self._start = now
        else:
            self._pts += self.block
            # Resynchronise after a gap longer than 200 ms (device lost, stall).
            clock_pts = int((now - self._start) * self.rate)
            if clock_pts - self._pts > self.rate // 5:
                self._pts = clock_pts - clock_pts % self.block
        due = self._start + self._pts / self.rate
        samples: Samples | None = None
        while samples is None:
            if self._queue:
                samples = self._queue.popleft()
                break
            self._event.clear()
            if self._queue:
                continue
            # A running microphone may deliver in bursts: give it time before
            # inventing silence (which would add latency once its blocks come).
            slack = 0.5 if self.mic.state == DeviceState.RUNNING else 0.02
            wait = due + slack - time.monotonic()
            try:
                await asyncio.wait_for(self._event.wait(), max(0.0, wait))
            except TimeoutError:
                if self.readyState != "live":
                    raise MediaStreamError from None
                samples = np.zeros(self.block, np.int16)
        return self._frame(samples)

    def _frame(self, samples: Samples) -> AudioFrame:
        if samples.size != self.block:
            samples = np.resize(samples, self.block)
        frame = AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = self.rate
        frame.pts = self._pts
        frame.time_base = self.time_base
        return frame

    def stop(self) -> None:
        self.mic.remove_block_listener(self._on_block)
        super().stop()
