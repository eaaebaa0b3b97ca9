"""Microphone and speaker: sounddevice streams at 48 kHz mono, 20 ms blocks.

Why this shape: PortAudio calls our callbacks on its own real-time thread, so
they only copy samples and hand them over (a short lock around a memcpy at
most). A supervisor thread per device opens the stream, watches that
callbacks keep coming, and reopens the device with backoff when it vanishes.
Remote audio goes through a bounded buffer that drops the oldest samples, so
latency cannot creep up during a 30-minute call.

`input_device = "synthetic"` gives a microphone that plays a tone or a WAV
file at real-time pace; `output_device = "synthetic"` a speaker that consumes
at real-time pace and keeps what it "played" for tests.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import threading
import time
import wave
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

from booth_hw.settings import AudioSettings
from booth_hw.state import Backoff, DeviceState, StateNotifier

log = logging.getLogger(__name__)

Samples = npt.NDArray[np.int16]
SILENCE_DBFS = -120.0
SYNTHETIC = "synthetic"


class AudioError(RuntimeError):
    """No usable sound device (message in French, for the technician)."""


# -- PortAudio access -------------------------------------------------------
_pa_lock = threading.RLock()
_open_streams = 0


def sounddevice() -> ModuleType:
    """The sounddevice module, or AudioError when PortAudio is not installed."""
    try:
        import sounddevice as sd
    except OSError as exc:  # PortAudio library not found
        raise AudioError(f"Bibliothèque audio PortAudio absente ({exc}).") from None
    module: ModuleType = sd
    return module


def refresh_devices() -> None:
    """Re-enumerate sound devices (PortAudio lists them only at initialisation).

    Only done when none of our streams is open: re-initialising PortAudio
    would break them."""
    sd = sounddevice()
    with _pa_lock:
        if _open_streams:
            return
        try:
            sd._terminate()
            sd._initialize()
        except Exception:
            log.exception("PortAudio re-initialisation failed")


def list_devices() -> list[dict[str, Any]]:
    sd = sounddevice()
    with _pa_lock:
        return [dict(d) for d in sd.query_devices()]


def find_device(name: str, kind: str) -> int | None:
    """Index of the first device whose name contains `name` and that has
    `kind` ("input" or "output") channels; None means the system default."""
    sd = sounddevice()
    channels = f"max_{kind}_channels"
    with _pa_lock:
        devices = list(sd.query_devices())
        default = sd.default.device[0 if kind == "input" else 1]
    usable = [i for i, d in enumerate(devices) if d[channels] > 0]
    what = "micro" if kind == "input" else "haut-parleur"
    if not usable:
        raise AudioError(f"Aucune carte son : aucun {what} détecté.")
    if not name:
        if default is None or default < 0 or default not in usable:
            return usable[0]
        return None
    wanted = name.casefold()
    for i in usable:
        if wanted in str(devices[i]["name"]).casefold():
            return i
    raise AudioError(f"Le {what} « {name} » est introuvable.")


def _latency(value: str) -> str | float:
    try:
        return float(value)
    except ValueError:
        return value if value in ("low", "high") else "low"


@contextlib.contextmanager
def _pulse_env(key: str, value: str) -> Iterator[None]:
    """PULSE_SOURCE / PULSE_SINK for the stream being opened only (libpulse reads
    them when the ALSA plugin creates its context), then put back."""
    if not value:
        yield
        return
    old = os.environ.get(key)
    os.environ[key] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = old


# -- levels -------------------------------------------------------------------
@dataclass(frozen=True)
class Level:
    rms_dbfs: float
    peak_dbfs: float


def to_dbfs(amplitude: float) -> float:
    return SILENCE_DBFS if amplitude <= 0 else max(SILENCE_DBFS, 20 * math.log10(amplitude))


def measure(samples: npt.NDArray[Any]) -> Level:
    """RMS and peak of int16 (or float in -1..1) samples, in dBFS."""
    if samples.size == 0:
        return Level(SILENCE_DBFS, SILENCE_DBFS)
    x = samples.astype(np.float64)
    if samples.dtype == np.int16:
        x /= 32768.0
    return Level(to_dbfs(float(np.sqrt(np.mean(x * x)))), to_dbfs(float(np.max(np.abs(x)))))


def tone(freq_hz: float, seconds: float, *, dbfs: float = -12.0, rate: int = 48000) -> Samples:
    """A sine tone as int16 samples (peak at `dbfs`), with 5 ms fades against clicks."""
    n = int(seconds * rate)
    t = np.arange(n) / rate
    x = np.sin(2 * np.pi * freq_hz * t) * (10 ** (dbfs / 20))
    fade = min(n // 2, int(0.005 * rate))
    if fade:
        ramp = np.linspace(0, 1, fade)
        x[:fade] *= ramp
        x[-fade:] *= ramp[::-1]
    return (x * 32767).astype(np.int16)


def load_wav(path: str | Path, rate: int = 48000) -> Samples:
    """A 16-bit PCM WAV file as mono int16 at `rate` (linear resampling)."""
    try:
        with wave.open(str(path), "rb") as w:
            if w.getsampwidth() != 2:
                raise AudioError(f"{path} : seuls les WAV 16 bits sont acceptés.")
            channels, src_rate = w.getnchannels(), w.getframerate()
            data = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)
    except (OSError, EOFError, wave.Error) as exc:
        raise AudioError(f"Fichier son illisible : {path} ({exc}).") from None
    mono = data.reshape(-1, channels).mean(axis=1) if channels > 1 else data.astype(np.float64)
    if src_rate != rate and mono.size:
        n = int(mono.size * rate / src_rate)
        mono = np.interp(np.arange(n) * src_rate / rate, np.arange(mono.size), mono)
    if mono.size == 0:
        raise AudioError(f"Fichier son vide : {path}.")
    out: Samples = np.clip(mono, -32768, 32767).astype(np.int16)
    return out


# -- common device supervision ------------------------------------------------
class _AudioDevice(StateNotifier):
    kind = "input"
    what = "micro"

    def __init__(self, settings: AudioSettings | None) -> None:
        super().__init__()
        self.settings = settings or AudioSettings()
        self.rate = self.settings.sample_rate
        self.block = self.rate * self.settings.block_ms // 1000
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_callback = 0.0
        self._stream: Any = None
        self.device_name = ""
        self.pulse_device = ""
        self.reconnects = 0

    @property
    def synthetic(self) -> bool:
        name = self.settings.input_device if self.kind == "input" else self.settings.output_device
        return name.strip().lower() == SYNTHETIC

    def start(self) -> Any:
        if self._thread is not None and self._thread.is_alive():
            return self
        self._stop.clear()
        self._set_state(DeviceState.STARTING, f"Ouverture du {self.what}…")
        target = self._run_synthetic if self.synthetic else self._supervise
        self._thread = threading.Thread(target=target, name=f"audio-{self.kind}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._set_state(DeviceState.STOPPED, f"{self.what.capitalize()} arrêté.")

    def __enter__(self) -> Any:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait_running(self, timeout: float) -> bool:
        """True once samples flow; False on timeout or if the device is missing."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.state == DeviceState.RUNNING and self._last_callback:
                return True
            if self.state == DeviceState.MISSING:
                return False
            time.sleep(0.02)
        return False

    # Subclasses
    def _open(self, device: int | None) -> Any:
        raise NotImplementedError

    def _run_synthetic(self) -> None:
        raise NotImplementedError

    def _supervise(self) -> None:
        global _open_streams
        backoff = Backoff(0.25, 4.0)
        ever_opened = False
        while not self._stop.is_set():
            stream = None
            try:
                if ever_opened:
                    refresh_devices()
                name = (
                    self.settings.input_device
                    if self.kind == "input"
                    else (self.settings.output_device)
                )
                device = find_device(name, self.kind)
                env_key, env_value = (
                    ("PULSE_SOURCE", self.settings.pulse_source)
                    if self.kind == "input"
                    else ("PULSE_SINK", self.settings.pulse_sink)
                )
                with _pa_lock:
                    with _pulse_env(env_key, env_value):
                        stream = self._open(device)
                    _open_streams += 1
                    if env_value:
                        self.pulse_device = env_value
                    info = sounddevice().query_devices(device, self.kind)
                    self.device_name = str(info["name"]) + (f" ({env_value})" if env_value else "")
                    self._last_callback = 0.0
                    stream.start()
            except Exception as exc:
                if stream is not None:
                    self._close(stream)
                detail = (
                    str(exc)
                    if isinstance(exc, AudioError)
                    else (f"Impossible d'ouvrir le {self.what} ({exc}).")
                )
                state = DeviceState.RECONNECTING if ever_opened else DeviceState.MISSING
                self._set_state(state, detail)
                if self._stop.wait(backoff.next()):
                    break
                continue
            ever_opened = True
            backoff.reset()
            self._stream = stream
            opened_at = time.monotonic()
            running = False
            lost = False
            while not self._stop.wait(0.1):
                now = time.monotonic()
                last = self._last_callback
                if last and not running:
                    running = True
                    self._set_state(
                        DeviceState.RUNNING, f"{self.what.capitalize()} actif : {self.device_name}."
                    )
                # Streams take 1-3 s to start; then callbacks come every 20 ms.
                silent_for = now - (last or opened_at)
                if not stream.active or silent_for > (2.0 if last else 6.0):
                    lost = True
                    break
            self._stream = None
            self._close(stream)
            if lost and not self._stop.is_set():
                self.reconnects += 1
                self._set_state(
                    DeviceState.RECONNECTING,
                    f"Le {self.what} ne répond plus : nouvelle tentative…",
                )
                if self._stop.wait(0.25):
                    break

    def _close(self, stream: Any) -> None:
        global _open_streams
        with _pa_lock:
            try:
                stream.abort()
            except Exception:
                log.debug("abort failed", exc_info=True)
            try:
                stream.close()
            except Exception:
                log.debug("close failed", exc_info=True)
            _open_streams = max(0, _open_streams - 1)


BlockListener = Callable[[Samples, int, float], None]


class Microphone(_AudioDevice):
    """Input stream. Each 20 ms block (int16, 960 samples at 48 kHz) goes to the
    block listeners as (samples, block_index, time.monotonic() at delivery);
    the last second is kept for the level meter and `recent()`.
    (PortAudio's capture timestamps are not used: through PulseAudio's ALSA
    plugin they were seen ~400 ms off.)"""

    kind = "input"
    what = "micro"

    def __init__(self, settings: AudioSettings | None = None) -> None:
        super().__init__(settings)
        self._history: deque[Samples] = deque(maxlen=50)
        self._listeners: list[BlockListener] = []
        self._index = 0

    def add_block_listener(self, listener: BlockListener) -> None:
        self._listeners = [*self._listeners, listener]

    def remove_block_listener(self, listener: BlockListener) -> None:
        self._listeners = [x for x in self._listeners if x is not listener]

    def level(self, window_ms: int = 100) -> Level:
        """Input level over the last `window_ms` (RMS and peak, dBFS)."""
        blocks = list(self._history)[-max(1, window_ms // self.settings.block_ms) :]
        return measure(np.concatenate(blocks) if blocks else np.zeros(0, np.int16))

    def recent(self, seconds: float = 1.0) -> Samples:
        blocks = list(self._history)[-max(1, int(seconds * 1000 / self.settings.block_ms)) :]
        return np.concatenate(blocks) if blocks else np.zeros(0, np.int16)

    def record(self, seconds: float) -> Samples:
        """Block the calling thread and return the next `seconds` of samples."""
        chunks: list[Samples] = []
        done = threading.Event()
        want = int(seconds * self.rate)

        def take(samples: Samples, _index: int, _t: float) -> None:
            chunks.append(samples)
            if sum(len(c) for c in chunks) >= want:
                done.set()

        self.add_block_listener(take)
        try:
            done.wait(seconds + 3.0)
        finally:
            self.remove_block_listener(take)
        data = np.concatenate(chunks) if chunks else np.zeros(0, np.int16)
        return data[:want]

    def _deliver(self, samples: Samples) -> None:
        t = time.monotonic()
        self._last_callback = t
        self._index += 1
        self._history.append(samples)
        for listener in self._listeners:
            try:
                listener(samples, self._index, t)
            except Exception:
                log.exception("microphone listener failed")

    def _open(self, device: int | None) -> Any:
        sd = sounddevice()

        def callback(indata: Any, frames: int, _timing: Any, status: Any) -> None:
            self._deliver(indata[:, 0].copy())

        return sd.InputStream(
            device=device,
            samplerate=self.rate,
            channels=1,
            dtype="int16",
            blocksize=self.block,
            callback=callback,
            latency=_latency(self.settings.latency),
        )

    def _run_synthetic(self) -> None:
        s = self.settings
        if s.synthetic_file:
            try:
                signal = load_wav(s.synthetic_file, self.rate)
            except AudioError as exc:
                self._set_state(DeviceState.MISSING, str(exc))
                return
            self.device_name = f"synthétique ({Path(s.synthetic_file).name})"
        else:
            signal = tone(s.synthetic_tone_hz, 1.0, dbfs=s.synthetic_level_dbfs, rate=self.rate)
            # One second of a whole number of periods loops without a click.
            if float(s.synthetic_tone_hz).is_integer():
                signal = (
                    np.sin(2 * np.pi * s.synthetic_tone_hz * np.arange(self.rate) / self.rate)
                    * 10 ** (s.synthetic_level_dbfs / 20)
                    * 32767
                ).astype(np.int16)
            self.device_name = f"synthétique ({s.synthetic_tone_hz:g} Hz)"
        self._set_state(DeviceState.RUNNING, f"Micro synthétique actif : {self.device_name}.")
        position = 0
        start = time.monotonic()
        n = 0
        looped = np.concatenate([signal, signal[: self.block]])
        while not self._stop.is_set():
            n += 1
            delay = start + n * self.block / self.rate - time.monotonic()
            if delay > 0 and self._stop.wait(delay):
                break
            block = looped[position : position + self.block].copy()
            if block.size < self.block:
                block = np.resize(block, self.block)
            position = (position + self.block) % signal.size
            self._deliver(block)


class _Ring:
    """Bounded FIFO of int16 samples; writing past the cap drops the oldest."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._chunks: deque[Samples] = deque()
        self._size = 0
        self._lock = threading.Lock()
        self.dropped = 0
        # Samples handed to the device so far (silence included): the position,
        # in the output stream, of the next sample read.
        self.clock = 0

    @property
    def size(self) -> int:
        return self._size

    def write(self, samples: Samples) -> int:
        """Queue samples; the output-stream position where they will start."""
        with self._lock:
            self._chunks.append(samples)
            self._size += samples.size
            while self._size > self.cap and self._chunks:
                over = self._size - self.cap
                head = self._chunks[0]
                if head.size <= over:
                    self._chunks.popleft()
                    self._size -= head.size
                    self.dropped += head.size
                else:
                    self._chunks[0] = head[over:]
                    self._size -= over
                    self.dropped += over
            return self.clock + self._size - samples.size

    def read_into(self, out: npt.NDArray[np.int16]) -> int:
        n = 0
        with self._lock:
            while n < out.size and self._chunks:
                head = self._chunks[0]
                take = min(head.size, out.size - n)
                out[n : n + take] = head[:take]
                n += take
                if take == head.size:
                    self._chunks.popleft()
                else:
                    self._chunks[0] = head[take:]
                self._size -= take
            self.clock += out.size
        out[n:] = 0
        return n

    def clear(self) -> None:
        with self._lock:
            self._chunks.clear()
            self._size = 0


class Speaker(_AudioDevice):
    """Output stream fed from a bounded buffer (`playback_buffer_ms`)."""

    kind = "output"
    what = "haut-parleur"

    def __init__(self, settings: AudioSettings | None = None) -> None:
        super().__init__(settings)
        self._ring = _Ring(self.rate * self.settings.playback_buffer_ms // 1000)
        # Sounds of our own (test tone, chimes): mixed over the remote audio.
        self._fx = _Ring(self.rate * 60)
        self.volume = self.settings.volume
        self._played = 0
        # (output-stream position, time.monotonic() when it reaches the speaker)
        self._timeline: deque[tuple[int, float]] = deque(maxlen=500)
        # Synthetic speaker only: what was "played", for tests (last 10 s).
        self.monitor: deque[Samples] = deque(maxlen=500)
        self._level = Level(SILENCE_DBFS, SILENCE_DBFS)

    @property
    def volume(self) -> float:
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        self._volume = min(1.0, max(0.0, float(value)))

    @property
    def buffered_ms(self) -> float:
        return self._ring.size * 1000 / self.rate

    @property
    def dropped_ms(self) -> float:
        return self._ring.dropped * 1000 / self.rate

    @property
    def played_samples(self) -> int:
        return self._played

    def level_dbfs(self) -> Level:
        """Level of what was last sent to the device (after volume)."""
        return self._level

    def clear(self) -> None:
        self._ring.clear()
        self._fx.clear()

    def write(self, samples: npt.NDArray[Any]) -> None:
        """Queue mono samples at 48 kHz (int16, or float in -1..1). Never blocks."""
        if samples.dtype != np.int16:
            samples = (np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16)
        self._ring.write(samples.reshape(-1))

    def play(self, samples: npt.NDArray[Any]) -> int:
        """Play a sound of our own (test tone, chime, up to 60 s queued), mixed over
        the remote audio. Returns its position in the output stream (see
        `time_of_sample`)."""
        samples = samples.reshape(-1)
        if samples.dtype != np.int16:
            samples = (np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16)
        return self._fx.write(samples)

    @property
    def busy(self) -> bool:
        """True while sounds given to `play` are still waiting to be played."""
        return self._fx.size > 0

    def time_of_sample(self, position: int) -> float | None:
        """When the sample at `position` reached (or will reach) the speaker, on the
        time.monotonic() clock; None if it has not been handed to the device yet."""
        for start, when in reversed(self._timeline):
            if start <= position:
                return when + (position - start) / self.rate
        return None

    async def play_track(self, track: Any) -> None:
        """Play an aiortc audio track until it ends. Every frame is consumed (the
        track's own queue is unbounded); only the newest `playback_buffer_ms`
        wait for the device."""
        import av
        from aiortc.mediastreams import MediaStreamError

        resampler = av.AudioResampler(format="s16", layout="mono", rate=self.rate)
        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                break
            for out in resampler.resample(frame):
                self.write(out.to_ndarray().reshape(-1).astype(np.int16, copy=False))

    def _fill(self, out: npt.NDArray[np.int16], heard_at: float | None = None) -> None:
        now = time.monotonic()
        self._timeline.append((self._fx.clock, now if heard_at is None else heard_at))
        self._ring.read_into(out)
        fx = np.empty(out.size, np.int16)
        if self._fx.read_into(fx):
            mixed = out.astype(np.int32) + fx
            out[:] = np.clip(mixed, -32768, 32767).astype(np.int16)
        if self._volume < 1.0:
            out[:] = (out * self._volume).astype(np.int16)
        self._played += out.size
        self._level = measure(out)
        self._last_callback = now

    def _open(self, device: int | None) -> Any:
        sd = sounddevice()

        def callback(outdata: Any, frames: int, timing: Any, status: Any) -> None:
            # When this block's first sample will be heard, on time.monotonic()'s clock.
            heard_at = None
            if timing.currentTime and timing.outputBufferDacTime:
                heard_at = time.monotonic() + (timing.outputBufferDacTime - timing.currentTime)
            self._fill(outdata[:, 0], heard_at)

        return sd.OutputStream(
            device=device,
            samplerate=self.rate,
            channels=1,
            dtype="int16",
            blocksize=self.block,
            callback=callback,
            latency=_latency(self.settings.latency),
        )

    def _run_synthetic(self) -> None:
        self.device_name = "synthétique"
        self._set_state(DeviceState.RUNNING, "Haut-parleur synthétique actif.")
        start = time.monotonic()
        n = 0
        while not self._stop.is_set():
            n += 1
            delay = start + n * self.block / self.rate - time.monotonic()
            if delay > 0 and self._stop.wait(delay):
                break
            out = np.zeros(self.block, np.int16)
            self._fill(out)
            self.monitor.append(out)
