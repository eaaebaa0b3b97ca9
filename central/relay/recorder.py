"""Recording of both directions of a call into one Matroska file, encoded off the event loop.

Four tracks in one file named by call id: booth video, relative video (VP8,
libvpx realtime), booth audio, relative audio (Opus). Matroska is readable
even when the process stops abruptly. Frames are handed to a worker thread
through a bounded queue (dropped, never blocking, when the encoder lags) so
forwarding on the event loop is never slowed by the recording. Timestamps
come from the worker's own monotonic clock, not from RTP; audio gaps are
filled with silence so the tracks stay in sync.
"""

from __future__ import annotations

import fractions
import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import av
import numpy as np

log = logging.getLogger(__name__)

VIDEO_STREAMS = ("booth_video", "relative_video")
AUDIO_STREAMS = ("booth_audio", "relative_audio")
STREAMS = VIDEO_STREAMS + AUDIO_STREAMS
MS = fractions.Fraction(1, 1000)
AUDIO_RATE = 48000
AUDIO_GAP_S = 0.1


@dataclass
class RecordingCheck:
    """What a finished file really holds (decoded, not guessed from the header)."""

    path: Path
    ok: bool
    frames: dict[str, int] = field(default_factory=dict)
    error: str | None = None


class CallRecorder:
    def __init__(self, path: Path, width: int = 640, height: int = 480,
                 video_bitrate: int = 800_000, max_queue: int = 240) -> None:
        self.path = path
        self.width = width
        self.height = height
        self.video_bitrate = video_bitrate
        self._queue: queue.Queue[tuple[str, Any, float] | None] = queue.Queue(max_queue)
        self._thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self.dropped = 0
        self.written: dict[str, int] = dict.fromkeys(STREAMS, 0)
        self._t0 = time.monotonic()
        self._stopping = threading.Event()
        self._stop_at = 0.0
        self.drain_s = 2.0

    # -- event-loop side -------------------------------------------------
    def start(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._t0 = time.monotonic()
        self._thread = threading.Thread(target=self._run, name=f"recorder-{self.path.stem}",
                                        daemon=True)
        self._thread.start()

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and self.error is None

    def push(self, stream: str, frame: Any) -> None:
        """Never blocks: a full queue drops the frame (counted)."""
        if not self.alive or self._stopping.is_set():
            return
        if stream in VIDEO_STREAMS and self._queue.qsize() > self._queue.maxsize // 2:
            self.dropped += 1  # behind: keep the sound, thin the pictures
            return
        try:
            self._queue.put_nowait((stream, frame, time.monotonic()))
        except queue.Full:
            self.dropped += 1

    def feed(self, stream: str, frame: Any, at: float) -> None:
        """Blocking hand-over with an explicit time (the recording worker process)."""
        while self.alive:
            try:
                self._queue.put((stream, frame, at), timeout=0.5)
                return
            except queue.Full:
                continue

    def stop(self, timeout: float = 10.0) -> None:
        """Blocking (run it in an executor): what is queued is written for up to `drain_s`,
        the rest is dropped, and the file is closed properly."""
        if self._thread is None:
            return
        self._stop_at = time.monotonic()
        self._stopping.set()
        self._thread.join(timeout)

    # -- worker thread ---------------------------------------------------
    def _run(self) -> None:
        try:
            self._encode_all()
        except BaseException as exc:  # recorded and reported; the call goes on unrecorded
            self.error = exc
            log.exception("recording %s failed", self.path.name)

    def _encode_all(self) -> None:
        container = av.open(str(self.path), "w", format="matroska")
        streams: dict[str, Any] = {}
        try:
            for name in VIDEO_STREAMS:
                s = container.add_stream("libvpx", rate=30)
                s.width, s.height, s.pix_fmt = self.width, self.height, "yuv420p"
                s.time_base = MS
                s.bit_rate = self.video_bitrate
                s.codec_context.options = {"deadline": "realtime", "cpu-used": "8",
                                           "lag-in-frames": "0"}
                s.metadata["title"] = name
                streams[name] = s
            for name in AUDIO_STREAMS:
                a: Any = container.add_stream("libopus", rate=AUDIO_RATE)
                a.layout = "stereo"
                a.metadata["title"] = name
                streams[name] = a
            last_pts: dict[str, int] = dict.fromkeys(VIDEO_STREAMS, -1)
            audio_pos: dict[str, int] = dict.fromkeys(AUDIO_STREAMS, 0)
            while True:
                try:
                    item = self._queue.get(timeout=0.1)
                except queue.Empty:
                    if self._stopping.is_set():
                        break
                    continue
                if item is None:
                    break
                if self._stopping.is_set() and time.monotonic() - self._stop_at > self.drain_s:
                    self.dropped += self._queue.qsize() + 1
                    break
                name, frame, at = item
                elapsed = at - self._t0
                stream = streams[name]
                if name in last_pts:
                    out = self._video(frame)
                    pts = max(int(elapsed * 1000), last_pts[name] + 1)
                    last_pts[name] = pts
                    out.pts, out.time_base = pts, MS
                    frames: list[Any] = [out]
                else:
                    frames = self._audio(frame, name, elapsed, audio_pos)
                for f in frames:
                    for packet in stream.encode(f):
                        container.mux(packet)
                self.written[name] += 1
            for s in streams.values():
                for packet in s.encode(None):
                    container.mux(packet)
        finally:
            container.close()

    def _video(self, frame: Any) -> Any:
        if frame.width == self.width and frame.height == self.height:
            data = frame.to_ndarray(format="yuv420p")  # a copy: the frame is shared
            return av.VideoFrame.from_ndarray(data, format="yuv420p")
        return frame.reformat(width=self.width, height=self.height, format="yuv420p")

    def _audio(self, frame: Any, name: str, elapsed: float,
               pos: dict[str, int]) -> list[av.AudioFrame]:
        out: list[av.AudioFrame] = []
        expected = int(elapsed * AUDIO_RATE)
        gap = expected - pos[name]
        if gap > AUDIO_GAP_S * AUDIO_RATE:
            while gap > 0:
                n = min(gap, 4800)
                out.append(_pcm(np.zeros((n, 2), dtype=np.int16), pos[name]))
                pos[name] += n
                gap -= n
        pcm = _as_stereo_s16(frame)
        out.append(_pcm(pcm, pos[name]))
        pos[name] += pcm.shape[0]
        return out


def _as_stereo_s16(frame: Any) -> Any:
    native = frame.format.name == "s16" and frame.layout.name == "stereo"
    if not native or frame.sample_rate != AUDIO_RATE:
        resampler = av.AudioResampler(format="s16", layout="stereo", rate=AUDIO_RATE)
        chunks = [f.to_ndarray().reshape(-1, 2) for f in resampler.resample(frame)]
        return np.concatenate(chunks) if chunks else np.zeros((0, 2), dtype=np.int16)
    return frame.to_ndarray().reshape(-1, 2).copy()


def _pcm(samples: np.ndarray, pts: int) -> av.AudioFrame:
    f = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples).reshape(1, -1),
                                   format="s16", layout="stereo")
    f.sample_rate = AUDIO_RATE
    f.pts = pts
    f.time_base = fractions.Fraction(1, AUDIO_RATE)
    return f


def check_recording(path: Path) -> RecordingCheck:
    """Decode the whole file: which tracks hold frames (tests and post-call check)."""
    if not path.exists() or path.stat().st_size == 0:
        return RecordingCheck(path, False, error="file missing or empty")
    frames: dict[str, int] = {}
    try:
        with av.open(str(path)) as container:
            names = {s.index: (s.metadata.get("title") or f"{s.type}{s.index}")
                     for s in container.streams}
            for packet in container.demux():
                if packet.stream.type not in ("video", "audio"):
                    continue
                for _ in packet.decode():
                    key = names[packet.stream.index]
                    frames[key] = frames.get(key, 0) + 1
    except (av.error.FFmpegError, OSError) as exc:
        return RecordingCheck(path, False, frames, f"{type(exc).__name__}: {exc}")
    ok = all(frames.get(name, 0) > 0 for name in STREAMS)
    return RecordingCheck(path, ok, frames)
