"""Recording in a worker process, so encoding never competes with forwarding for the GIL.

Measured on 2 cores: encoding both videos in a thread of the relay's process
halved the forwarded frame rate (14 fps, 217 ms) although it cost only ~15 %
of a core; the GIL, not the CPU, was the bottleneck. Here the relay's side
only copies raw frames into a pipe from a writer thread (the copy and the
write release the GIL most of the time); `python -m central.relay.recorder_process
PATH` decodes nothing, encodes with `CallRecorder` and writes the Matroska file.

Wire format on the pipe, per frame: a header (stream index, kind, width or
sample count, height, payload length, seconds since the call started) and
the raw payload (I420 bytes for video, interleaved s16 stereo 48 kHz for audio).
"""

from __future__ import annotations

import logging
import queue
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

import numpy as np

from central.relay.recorder import (
    AUDIO_STREAMS,
    STREAMS,
    VIDEO_STREAMS,
    CallRecorder,
    _as_stereo_s16,
)

log = logging.getLogger(__name__)

HEADER = struct.Struct("<BBIIId")
VIDEO, AUDIO = 0, 1


class ProcessRecorder:
    """Same interface as CallRecorder (start / push / stop), encoding in a child process."""

    def __init__(self, path: Path, *, max_video_fps: float = 10.0, max_queue: int = 120,
                 width: int = 640, height: int = 480) -> None:
        self.path = path
        self.max_video_fps = max_video_fps
        self.width, self.height = width, height
        self._queue: queue.Queue[tuple[str, Any, float]] = queue.Queue(max_queue)
        self._stop_at = 0.0
        self._proc: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self._t0 = time.monotonic()
        self._last_video: dict[str, float] = {}
        self._stopping = threading.Event()
        self.error: BaseException | str | None = None
        self.dropped = 0
        self.sent: dict[str, int] = dict.fromkeys(STREAMS, 0)
        self.drain_s = 2.0

    def start(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._t0 = time.monotonic()
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "central.relay.recorder_process", str(self.path),
             str(self.width), str(self.height)],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._thread = threading.Thread(target=self._write, name=f"rec-pipe-{self.path.stem}",
                                        daemon=True)
        self._thread.start()

    @property
    def alive(self) -> bool:
        return (self._thread is not None and self._thread.is_alive() and self.error is None
                and self._proc is not None and self._proc.poll() is None)

    def push(self, stream: str, frame: Any) -> None:
        """Never blocks the event loop: thins video to `max_video_fps`, drops when behind."""
        if self._stopping.is_set() or not self.alive:
            return
        now = time.monotonic()
        if stream in VIDEO_STREAMS:
            if now - self._last_video.get(stream, 0.0) < 1.0 / self.max_video_fps:
                return
            if self._queue.qsize() > self._queue.maxsize // 2:
                self.dropped += 1
                return
            self._last_video[stream] = now
        try:
            self._queue.put_nowait((stream, frame, now))
        except queue.Full:
            self.dropped += 1

    def stop(self, timeout: float = 15.0) -> None:
        """Blocking (run it in an executor): drain for up to `drain_s`, close, wait the file."""
        if self._thread is None or self._proc is None:
            return
        self._stop_at = time.monotonic()
        self._stopping.set()
        self._thread.join(self.drain_s + 2)
        try:
            self._proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(5)
            self.error = "the recording process did not finish in time"
        if self._proc.returncode not in (0, None) and self.error is None:
            err = self._proc.stderr.read().decode(errors="replace") if self._proc.stderr else ""
            self.error = f"recording process exit {self._proc.returncode}: {err[-500:]}"
        if self._proc.stderr:
            self._proc.stderr.close()

    def _write(self) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        pipe = self._proc.stdin
        try:
            while True:
                try:
                    item = self._queue.get(timeout=0.1)
                except queue.Empty:
                    if self._stopping.is_set():
                        break
                    continue
                if self._stopping.is_set() and time.monotonic() - self._stop_at > self.drain_s:
                    self.dropped += self._queue.qsize() + 1
                    break
                name, frame, at = item
                self._send(pipe, name, frame, at - self._t0)
        except (BrokenPipeError, OSError, ValueError) as exc:
            self.error = exc
            log.error("recording pipe for %s broken: %s", self.path.name, exc)
        finally:
            try:
                pipe.close()
            except OSError:
                pass

    def _send(self, pipe: IO[bytes], name: str, frame: Any, elapsed: float) -> None:
        index = STREAMS.index(name)
        if name in VIDEO_STREAMS:
            if frame.format.name != "yuv420p" or frame.width % 2 or frame.height % 2:
                frame = frame.reformat(width=frame.width - frame.width % 2,
                                       height=frame.height - frame.height % 2, format="yuv420p")
            data = frame.to_ndarray(format="yuv420p")
            header = HEADER.pack(index, VIDEO, frame.width, frame.height, data.nbytes, elapsed)
        else:
            data = _as_stereo_s16(frame)
            header = HEADER.pack(index, AUDIO, data.shape[0], 2, data.nbytes, elapsed)
        pipe.write(header)
        pipe.write(np.ascontiguousarray(data).data)  # no extra copy
        self.sent[name] += 1


def _read_exact(stream: IO[bytes], n: int) -> bytes | None:
    chunks: list[bytes] = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def main(argv: list[str]) -> int:
    import os

    import av

    from central.relay.recorder import _pcm

    # Forwarding live media comes first: the recording takes the CPU that is left (its
    # queue thins the video when it falls behind; the sound is kept).
    os.nice(10)
    path = Path(argv[0])
    width, height = (int(argv[1]), int(argv[2])) if len(argv) >= 3 else (640, 480)
    recorder = CallRecorder(path, width=width, height=height, max_queue=60)
    recorder.drain_s = 30.0
    recorder.start()
    t0 = recorder._t0
    stdin = sys.stdin.buffer
    while recorder.alive:
        header = _read_exact(stdin, HEADER.size)
        if header is None:
            break
        index, kind, a, b, size, elapsed = HEADER.unpack(header)
        payload = _read_exact(stdin, size)
        if payload is None or index >= len(STREAMS):
            break
        if kind == VIDEO:
            frame: Any = av.VideoFrame.from_ndarray(
                np.frombuffer(payload, np.uint8).reshape(b * 3 // 2, a), format="yuv420p")
        else:
            frame = _pcm(np.frombuffer(payload, np.int16).reshape(a, 2), 0)
        recorder.feed(STREAMS[index], frame, t0 + elapsed)
    recorder.stop(timeout=60)
    if recorder.error is not None:
        print(f"recording failed: {recorder.error}", file=sys.stderr)
        return 1
    return 0


__all__ = ["AUDIO_STREAMS", "ProcessRecorder", "main"]

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
