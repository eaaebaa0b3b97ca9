"""Outgoing tracks of the relay: a switchable proxy that fills gaps.

Each peer connection sends one proxy per kind. Its source is the other
side's track (through `MediaRelay.subscribe(..., buffered=False)`), which can
be absent (not joined yet, dropped, rejoining): then the proxy sends black
video or silence so the encoder and the far side keep a steady stream.
Timestamps are rewritten to one monotonic timeline per proxy, so a source
that changes (a relative who rejoins) never makes them jump backwards.
"""

from __future__ import annotations

import asyncio
import fractions
import time
from typing import Any

import av
import numpy as np
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

VIDEO_CLOCK = 90000
AUDIO_RATE = 48000
AUDIO_SAMPLES = 960  # 20 ms
FILLER_FPS = 15
SOURCE_STALL_S = {"video": 0.5, "audio": 0.25}


def black_frame(width: int = 640, height: int = 480) -> av.VideoFrame:
    yuv = np.empty((height * 3 // 2, width), dtype=np.uint8)
    yuv[:height] = 16
    yuv[height:] = 128
    return av.VideoFrame.from_ndarray(yuv, format="yuv420p")


def silence_frame(samples: int = AUDIO_SAMPLES) -> av.AudioFrame:
    frame = av.AudioFrame.from_ndarray(np.zeros((1, samples * 2), dtype=np.int16),
                                       format="s16", layout="stereo")
    frame.sample_rate = AUDIO_RATE
    return frame


class ProxyTrack(MediaStreamTrack):
    """A live track whose source can be set, cleared and replaced while it is being sent."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self._source: MediaStreamTrack | None = None
        self._start = time.monotonic()
        self._samples = 0
        self._last_video: av.VideoFrame | None = None
        self._next_filler = self._start
        self.frames_forwarded = 0
        self.frames_filled = 0

    @property
    def has_source(self) -> bool:
        return self._source is not None

    def set_source(self, track: MediaStreamTrack | None) -> None:
        old, self._source = self._source, track
        if old is not None and old is not track:
            old.stop()

    def stop(self) -> None:
        self.set_source(None)
        super().stop()

    async def recv(self) -> Any:
        if self.readyState != "live":
            raise MediaStreamError
        source = self._source
        if source is not None:
            try:
                frame = await asyncio.wait_for(source.recv(), SOURCE_STALL_S[self.kind])
            except MediaStreamError:
                if self._source is source:
                    self._source = None
                frame = None
            except TimeoutError:
                frame = None
            if frame is not None:
                self.frames_forwarded += 1
                return self._stamp(frame)
        else:
            await self._pace()
        self.frames_filled += 1
        return self._stamp(self._filler())

    async def _pace(self) -> None:
        """Filler runs at its own pace when there is no source at all."""
        interval = 1 / FILLER_FPS if self.kind == "video" else AUDIO_SAMPLES / AUDIO_RATE
        now = time.monotonic()
        self._next_filler = max(self._next_filler + interval, now - interval)
        delay = self._next_filler - now
        if delay > 0:
            await asyncio.sleep(delay)

    def _filler(self) -> Any:
        if self.kind == "audio":
            return silence_frame()
        last = self._last_video
        return black_frame(last.width, last.height) if last is not None else black_frame()

    def _stamp(self, frame: Any) -> Any:
        if self.kind == "audio":
            frame.pts = self._samples
            frame.time_base = fractions.Fraction(1, frame.sample_rate or AUDIO_RATE)
            self._samples += frame.samples
        else:
            frame.pts = int((time.monotonic() - self._start) * VIDEO_CLOCK)
            frame.time_base = fractions.Fraction(1, VIDEO_CLOCK)
            self._last_video = frame
        return frame
