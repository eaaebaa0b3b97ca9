"""The booth camera: OpenCV capture in its own thread, newest frame only.

Why a thread and only the newest frame: OpenCV reads block and have no timing
of their own; a consumer that falls behind (encoder, UI) must get the latest
picture, never a backlog. Frames published by `latest()` are read-only numpy
arrays that are never written again, so the UI may wrap them without copying.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy as np
import numpy.typing as npt

from booth_hw.framecode import draw_stamp
from booth_hw.settings import CameraSettings
from booth_hw.state import Backoff, DeviceState, StateNotifier

log = logging.getLogger(__name__)

Image = npt.NDArray[Any]


class CameraError(RuntimeError):
    """The source cannot be opened (message in French, for the technician)."""


@dataclass(frozen=True)
class Frame:
    image: Image  # BGR, HxWx3, read-only, never mutated after publication
    seq: int  # 1, 2, 3... since the camera started (gaps never happen)
    captured_at: float  # Unix time (s) when the frame was read
    monotonic: float  # time.monotonic() at the same moment


@dataclass(frozen=True)
class CameraStatus:
    state: DeviceState
    detail: str
    source: str
    width: int
    height: int
    requested_fps: float
    fps: float  # measured over the last second or so
    frames: int
    black: bool
    frozen: bool


class FrameSource(Protocol):
    """What the capture thread reads from. `open` raises CameraError."""

    width: int
    height: int
    fps: float  # nominal rate; 0 if unknown
    paced: bool  # True: the thread must pace reads to `fps` (files, synthetic)

    def open(self) -> None: ...

    def read(self) -> Image | None: ...

    def close(self) -> None: ...


def is_device_spec(spec: str) -> bool:
    return spec.strip().isdigit() or spec.strip().startswith("/dev/video")


def _is_url(spec: str) -> bool:
    return "://" in spec


class OpenCvSource:
    """A V4L2 device, or a video file / URL played in a loop like a camera."""

    def __init__(self, spec: str, width: int = 1280, height: int = 720, fps: float = 30.0) -> None:
        self.spec = spec.strip()
        self.requested = (width, height, fps)
        self.width, self.height, self.fps = width, height, fps
        self.is_device = is_device_spec(self.spec)
        self.paced = not self.is_device
        self._cap: cv2.VideoCapture | None = None

    def _open_capture(self) -> cv2.VideoCapture:
        if self.is_device:
            index: int | str = int(self.spec) if self.spec.isdigit() else self.spec
            if isinstance(index, str) and not Path(index).exists():
                raise CameraError(f"Aucune caméra sur {index}.")
            cap = cv2.VideoCapture(index, cv2.CAP_V4L2)
            if not cap.isOpened():
                raise CameraError(f"Aucune caméra détectée (source {self.spec}).")
            w, h, fps = self.requested
            # MJPG lets USB cameras deliver 720p at 30 fps (raw YUYV often cannot).
            cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, w)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, h)
            cap.set(cv2.CAP_PROP_FPS, fps)
            cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
            return cap
        if not _is_url(self.spec) and not Path(self.spec).is_file():
            raise CameraError(f"Fichier vidéo introuvable : {self.spec}.")
        cap = cv2.VideoCapture(self.spec)
        if not cap.isOpened():
            raise CameraError(f"Impossible de lire la vidéo {self.spec}.")
        return cap

    def open(self) -> None:
        cap = self._open_capture()
        self._cap = cap
        self.width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)) or self.requested[0]
        self.height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)) or self.requested[1]
        nominal = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)
        self.fps = nominal if 0 < nominal <= 240 else self.requested[2]

    def read(self) -> Image | None:
        if self._cap is None:
            return None
        ok, image = self._cap.read()
        if ok and image is not None:
            return image
        if self.is_device:
            return None
        # End of a file: loop by opening the path again (so a file that
        # disappeared is noticed like an unplugged camera).
        self.close()
        try:
            self._cap = self._open_capture()
        except CameraError:
            return None
        ok, image = self._cap.read()
        return image if ok else None

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class SyntheticSource:
    """A generated moving picture with the frame number and capture time drawn
    in (see booth_hw.framecode): for the demo, tests and benchmarks."""

    paced = True

    def __init__(self, width: int = 1280, height: int = 720, fps: float = 30.0) -> None:
        self.width, self.height, self.fps = width, height, fps
        self._n = 0
        self._background: Image | None = None

    def open(self) -> None:
        w, h = self.width, self.height
        x = np.linspace(0, 1, w, dtype=np.float32)[None, :]
        y = np.linspace(0, 1, h, dtype=np.float32)[:, None]
        bg = np.empty((h, w, 3), np.uint8)
        bg[:, :, 0] = (80 + 120 * x + 0 * y).astype(np.uint8)
        bg[:, :, 1] = (60 + 100 * y + 0 * x).astype(np.uint8)
        bg[:, :, 2] = (150 - 80 * x * y).astype(np.uint8)
        # Fine checkerboard in the lower half: gives the sharpness test something to see.
        step = max(4, w // 80)
        yy, xx = np.mgrid[0:h, 0:w]
        checker = ((xx // step + yy // step) % 2).astype(bool) & (yy > h // 2)
        bg[checker] = bg[checker] // 2
        self._background = bg
        self._n = 0

    def read(self) -> Image | None:
        if self._background is None:
            return None
        self._n += 1
        frame = self._background.copy()
        w, h = self.width, self.height
        t = self._n / max(self.fps, 1.0)
        cx = int(w / 2 + w * 0.35 * math.sin(t * 1.3))
        cy = int(h * 0.6 + h * 0.25 * math.sin(t * 2.1))
        cv2.circle(frame, (cx, cy), max(8, h // 10), (40, 180, 250), -1)
        angle = t * 2.0
        centre = (w // 2, int(h * 0.6))
        tip = (
            int(centre[0] + h * 0.3 * math.cos(angle)),
            int(centre[1] + h * 0.3 * math.sin(angle)),
        )
        cv2.line(frame, centre, tip, (255, 255, 255), max(2, h // 120))
        draw_stamp(frame, self._n, time.time())
        return frame

    def close(self) -> None:
        self._background = None


def make_source(settings: CameraSettings) -> FrameSource:
    if settings.source.strip().lower() == "synthetic":
        return SyntheticSource(settings.width, settings.height, settings.fps)
    return OpenCvSource(settings.source, settings.width, settings.height, settings.fps)


FrameListener = Callable[[Frame], None]


class Camera(StateNotifier):
    """Capture thread with latest-frame semantics, reconnection and health checks.

    `opener` (tests, unusual devices) returns a fresh FrameSource each time the
    camera (re)connects; by default it is built from `settings.source`.
    `on_frame` and frame listeners run on the capture thread: keep them short
    (emit a Qt signal, `call_soon_threadsafe`)."""

    def __init__(
        self,
        settings: CameraSettings | None = None,
        *,
        opener: Callable[[], FrameSource] | None = None,
        on_frame: FrameListener | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings or CameraSettings()
        self._opener = opener or (lambda: make_source(self.settings))
        self.on_frame = on_frame
        self._frame_listeners: list[FrameListener] = []
        self._cond = threading.Condition()
        self._latest: Frame | None = None
        self._seq = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._times: deque[float] = deque(maxlen=31)
        self._thumb: npt.NDArray[np.float32] | None = None
        self._last_change = time.monotonic()
        self._black = False
        self.width = self.settings.width
        self.height = self.settings.height
        self.nominal_fps = self.settings.fps
        self.reconnects = 0
        # Delays waited between failed opens (newest last): the backoff at work.
        self.retry_delays: deque[float] = deque(maxlen=50)

    # -- life cycle -------------------------------------------------------
    def start(self) -> Camera:
        if self._thread is not None and self._thread.is_alive():
            return self
        self._stop.clear()
        self._set_state(DeviceState.STARTING, "Ouverture de la caméra…")
        self._thread = threading.Thread(target=self._run, name="camera", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._set_state(DeviceState.STOPPED, "Caméra arrêtée.")
        with self._cond:
            self._cond.notify_all()

    def __enter__(self) -> Camera:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- consumers --------------------------------------------------------
    def latest(self) -> Frame | None:
        """The newest frame (or None before the first one). Thread-safe."""
        return self._latest

    def wait_frame(self, after_seq: int = 0, timeout: float | None = None) -> Frame | None:
        """Block until a frame newer than `after_seq` exists; the newest one, or None."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while True:
                frame = self._latest
                if frame is not None and frame.seq > after_seq:
                    return frame
                if self._stop.is_set():
                    return None
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return None
                self._cond.wait(remaining)

    def add_frame_listener(self, listener: FrameListener) -> None:
        with self._cond:
            self._frame_listeners.append(listener)

    def remove_frame_listener(self, listener: FrameListener) -> None:
        with self._cond:
            if listener in self._frame_listeners:
                self._frame_listeners.remove(listener)

    @property
    def fps(self) -> float:
        """Measured frame rate over the last ~30 frames (0 before that)."""
        times = list(self._times)
        if len(times) < 2 or times[-1] <= times[0]:
            return 0.0
        if time.monotonic() - times[-1] > 1.0:
            return 0.0
        return (len(times) - 1) / (times[-1] - times[0])

    @property
    def black(self) -> bool:
        return self._black

    @property
    def frozen(self) -> bool:
        return (
            self._latest is not None
            and time.monotonic() - self._last_change > self.settings.frozen_after_s
        )

    def status(self) -> CameraStatus:
        frame = self._latest
        return CameraStatus(
            state=self.state,
            detail=self.state_detail,
            source=self.settings.source,
            width=self.width,
            height=self.height,
            requested_fps=self.settings.fps,
            fps=round(self.fps, 2),
            frames=frame.seq if frame else 0,
            black=self.black,
            frozen=self.frozen,
        )

    # -- capture thread ---------------------------------------------------
    def _run(self) -> None:
        backoff = Backoff(self.settings.reconnect_min_s, self.settings.reconnect_max_s)
        ever_opened = False
        while not self._stop.is_set():
            try:
                source = self._opener()
                source.open()
            except Exception as exc:
                detail = (
                    str(exc) if isinstance(exc, CameraError) else f"Caméra inaccessible ({exc})."
                )
                state = DeviceState.RECONNECTING if ever_opened else DeviceState.MISSING
                self._set_state(state, detail)
                delay = backoff.next()
                self.retry_delays.append(delay)
                if self._stop.wait(delay):
                    break
                continue
            ever_opened = True
            backoff.reset()
            self.width, self.height = source.width, source.height
            self.nominal_fps = source.fps or self.settings.fps
            self._last_change = time.monotonic()
            self._set_state(
                DeviceState.RUNNING,
                f"Caméra active : {self.width}x{self.height} à {self.nominal_fps:g} i/s.",
            )
            try:
                lost = self._capture(source)
            finally:
                source.close()
            if lost and not self._stop.is_set():
                self.reconnects += 1
                self._times.clear()
                self._set_state(
                    DeviceState.RECONNECTING,
                    "La caméra ne répond plus : nouvelle tentative de connexion…",
                )
                if self._stop.wait(self.settings.reconnect_min_s):
                    break

    def _capture(self, source: FrameSource) -> bool:
        """Read until stopped (False) or the source is lost (True)."""
        interval = 1.0 / source.fps if source.paced and source.fps > 0 else 0.0
        next_at = time.monotonic()
        last_ok = time.monotonic()
        while not self._stop.is_set():
            if interval:
                delay = next_at - time.monotonic()
                if delay > 0 and self._stop.wait(delay):
                    return False
                next_at = max(next_at + interval, time.monotonic() - interval)
            try:
                image = source.read()
            except Exception:
                log.exception("camera read failed")
                image = None
            now = time.monotonic()
            if image is None:
                if now - last_ok > 1.0:
                    return True
                if not interval:
                    self._stop.wait(0.02)
                continue
            last_ok = now
            self._publish(image, now)
        return False

    def _publish(self, image: Image, mono: float) -> None:
        if image.ndim == 2:
            image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
        image.flags.writeable = False
        self._analyse(image, mono)
        self._times.append(mono)
        with self._cond:
            self._seq += 1
            frame = Frame(image, self._seq, time.time(), mono)
            self._latest = frame
            listeners = list(self._frame_listeners)
            self._cond.notify_all()
        if self.on_frame is not None:
            listeners.insert(0, self.on_frame)
        for listener in listeners:
            try:
                listener(frame)
            except Exception:
                log.exception("frame listener failed")

    def _analyse(self, image: Image, mono: float) -> None:
        grey = cv2.cvtColor(
            cv2.resize(image, (64, 36), interpolation=cv2.INTER_AREA), cv2.COLOR_BGR2GRAY
        ).astype(np.float32)
        self._black = float(grey.mean()) < self.settings.black_level
        # A stuck driver repeats the very same buffer: any real change, even
        # sensor noise on a still scene, moves the mean difference above this.
        if self._thumb is None or float(np.abs(grey - self._thumb).mean()) > 0.02:
            self._last_change = mono
            self._thumb = grey


def sharpness(image: Image) -> float:
    """Variance of the Laplacian of the grey picture: low means blurred or out of focus."""
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    return float(cv2.Laplacian(grey, cv2.CV_64F).var())
