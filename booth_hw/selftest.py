"""The technician's hardware self-tests: camera, microphone, speaker loopback,
central server, disk space, clock.

Each test returns a typed result with a verdict, its measured figures and a
French sentence saying what is wrong and what to do. A test never raises: an
unexpected error becomes a failed result, so `parloir selftest` never shows
a traceback.
"""

from __future__ import annotations

import contextvars
import enum
import ipaddress
import json
import logging
import shutil
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from booth_hw.settings import HardwareSettings

log = logging.getLogger(__name__)


class Status(enum.StrEnum):
    OK = "ok"
    WARN = "warn"
    FAIL = "fail"


Figure = float | int | str | bool | None


@dataclass(frozen=True)
class SelfTestResult:
    name: str
    status: Status
    message: str  # French, for the technician
    figures: dict[str, Figure] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status != Status.FAIL

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "status": self.status.value,
            "message": self.message,
        }
        for key, value in self.figures.items():
            if key not in out:
                out[key] = value
        return out


TEST_NAMES = ("camera", "microphone", "speaker", "network", "disk", "clock")
ALIASES = {
    "loopback": "speaker",
    "central": "network",
    "mic": "microphone",
    "disque": "disk",
    "horloge": "clock",
    "reseau": "network",
    "réseau": "network",
}
LABELS = {
    "camera": "Caméra",
    "microphone": "Micro",
    "speaker": "Haut-parleur → micro",
    "network": "Serveur central",
    "disk": "Espace disque",
    "clock": "Horloge",
}


def parse_only(only: str | Iterable[str] | None) -> list[str]:
    """Test names from `--only` (comma-separated); ValueError names the unknown ones."""
    if only is None:
        return list(TEST_NAMES)
    items = only.split(",") if isinstance(only, str) else list(only)
    names: list[str] = []
    unknown: list[str] = []
    for item in items:
        key = item.strip().lower()
        if not key:
            continue
        key = ALIASES.get(key, key)
        if key not in TEST_NAMES:
            unknown.append(item.strip())
        elif key not in names:
            names.append(key)
    if unknown:
        raise ValueError(
            f"test(s) inconnu(s) : {', '.join(unknown)} (choix : {', '.join(TEST_NAMES)})"
        )
    return [n for n in TEST_NAMES if n in names] or list(TEST_NAMES)


def _r(value: float, digits: int = 1) -> float:
    return round(float(value), digits)


# -- camera -------------------------------------------------------------------
def test_camera(settings: HardwareSettings) -> SelfTestResult:
    from booth_hw.camera import Camera, sharpness
    from booth_hw.state import DeviceState

    cs, ts = settings.camera, settings.selftest
    cam = _borrow("camera") or Camera(cs).start()
    try:
        deadline = time.monotonic() + ts.camera_open_timeout_s
        first = None
        while first is None and time.monotonic() < deadline:
            first = cam.wait_frame(0, 0.1)
            if cam.state == DeviceState.MISSING:
                break
        if first is None:
            detail = cam.state_detail if cam.state != DeviceState.STARTING else ""
            return SelfTestResult(
                "camera",
                Status.FAIL,
                f"La caméra ne fournit aucune image. {detail} "
                "Vérifiez son câble et la source configurée ([camera] source).".replace("  ", " "),
                {"source": cs.source},
            )
        time.sleep(ts.camera_seconds)
        last = cam.latest() or first
        elapsed = last.monotonic - first.monotonic
        fps = (last.seq - first.seq) / elapsed if elapsed > 0 else 0.0
        sharp = sharpness(np.asarray(last.image))
        figures: dict[str, Figure] = {
            "source": cs.source,
            "width": cam.width,
            "height": cam.height,
            "requested_fps": cs.fps,
            "fps": _r(fps),
            "black": cam.black,
            "frozen": cam.frozen,
            "sharpness": _r(sharp),
            "mean_luma": _r(float(np.asarray(last.image).mean())),
        }
    finally:
        _release(cam)
    if figures["frozen"]:
        return SelfTestResult(
            "camera",
            Status.FAIL,
            "L'image de la caméra est figée. Débranchez et rebranchez la caméra.",
            figures,
        )
    if figures["black"]:
        return SelfTestResult(
            "camera",
            Status.FAIL,
            "L'image de la caméra est noire. Vérifiez le cache de l'objectif "
            "et l'éclairage de la cabine.",
            figures,
        )
    problems: list[str] = []
    if abs(fps - cs.fps) > ts.fps_tolerance * cs.fps:
        problems.append(f"{fps:.1f} images/s au lieu de {cs.fps:g}")
    if (cam.width, cam.height) != (cs.width, cs.height):
        problems.append(f"résolution {cam.width}x{cam.height} au lieu de {cs.width}x{cs.height}")
    if sharp < ts.sharpness_warn:
        problems.append("image floue (nettoyez l'objectif, vérifiez la mise au point)")
    if problems:
        return SelfTestResult(
            "camera",
            Status.WARN,
            "Caméra utilisable, mais : " + " ; ".join(problems) + ".",
            figures,
        )
    return SelfTestResult(
        "camera",
        Status.OK,
        f"Caméra correcte : {cam.width}x{cam.height}, {fps:.1f} images/s.",
        figures,
    )


# -- audio --------------------------------------------------------------------
def find_tone(samples: npt.NDArray[Any], rate: int, expected_hz: float) -> tuple[float, float]:
    """(frequency of the strongest peak within ±50 Hz of `expected_hz`, its SNR in dB)."""
    x = samples.astype(np.float64)
    if x.size < 256:
        return 0.0, 0.0
    x = x - x.mean()
    window = np.hanning(x.size)
    spectrum = np.abs(np.fft.rfft(x * window))
    freqs = np.fft.rfftfreq(x.size, 1 / rate)
    band = (freqs > expected_hz - 50) & (freqs < expected_hz + 50)
    if not band.any():
        return 0.0, 0.0
    idx = int(np.argmax(np.where(band, spectrum, 0)))
    # Parabolic interpolation around the peak for sub-bin precision.
    if 0 < idx < spectrum.size - 1:
        a, b, c = np.log(spectrum[idx - 1 : idx + 2] + 1e-12)
        denom = a - 2 * b + c
        offset = 0.5 * (a - c) / denom if denom else 0.0
    else:
        offset = 0.0
    freq = (idx + offset) * rate / x.size
    noise = np.median(spectrum[~band]) if (~band).any() else 1e-12
    snr = 20 * np.log10((spectrum[idx] + 1e-12) / (noise + 1e-12))
    return float(freq), float(snr)


def _tone_onset(
    samples: npt.NDArray[Any], rate: int, freq: float, threshold_db: float
) -> int | None:
    """Index of the first 5 ms window whose tone-band energy clears the threshold."""
    x = samples.astype(np.float64) / 32768.0
    win = rate // 200
    if x.size < win:
        return None
    t = np.arange(x.size) / rate
    ref_c, ref_s = np.cos(2 * np.pi * freq * t), np.sin(2 * np.pi * freq * t)
    n = x.size // win
    c = (x[: n * win] * ref_c[: n * win]).reshape(n, win).sum(axis=1)
    s = (x[: n * win] * ref_s[: n * win]).reshape(n, win).sum(axis=1)
    amp = 2 * np.sqrt(c * c + s * s) / win
    amp_db = 20 * np.log10(amp + 1e-12)
    above = np.nonzero(amp_db > threshold_db)[0]
    return int(above[0] * win) if above.size else None


# Devices the caller already runs (the kiosk's camera, microphone, speaker):
# the tests use them instead of opening the hardware a second time.
_borrowed: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "borrowed_devices", default=None
)


def _borrow(kind: str) -> Any:
    return (_borrowed.get() or {}).get(kind)


def _release(device: Any) -> None:
    if device is not None and all(device is not d for d in (_borrowed.get() or {}).values()):
        device.stop()


def _open_audio(settings: HardwareSettings, kind: str) -> tuple[Any, str | None]:
    from booth_hw.audio import AudioError, Microphone, Speaker

    borrowed = _borrow(kind)
    if borrowed is not None:
        if borrowed.wait_running(settings.selftest.audio_open_timeout_s):
            return borrowed, None
        return None, borrowed.state_detail
    try:
        device = Microphone(settings.audio) if kind == "input" else Speaker(settings.audio)
    except AudioError as exc:
        return None, str(exc)
    device.start()
    if not device.wait_running(settings.selftest.audio_open_timeout_s):
        detail = device.state_detail
        device.stop()
        return None, detail
    return device, None


def test_microphone(settings: HardwareSettings) -> SelfTestResult:
    ts = settings.selftest
    mic, error = _open_audio(settings, "input")
    if mic is None:
        return SelfTestResult(
            "microphone",
            Status.FAIL,
            f"Micro inutilisable : {error} Vérifiez la carte son et le branchement du micro.",
            {"device": settings.audio.input_device},
        )
    speaker = None
    try:
        mic.record(0.2)  # let the stream settle
        noise = mic.record(ts.audio_seconds)
        from booth_hw.audio import measure, tone

        floor = measure(noise)
        figures: dict[str, Figure] = {
            "device": mic.device_name,
            "noise_floor_dbfs": _r(floor.rms_dbfs),
            "noise_peak_dbfs": _r(floor.peak_dbfs),
        }
        speaker, _sp_error = _open_audio(settings, "output")
        tone_level = None
        if speaker is not None:
            speaker.play(
                tone(ts.tone_hz, ts.audio_seconds + 1.0, dbfs=ts.tone_dbfs, rate=speaker.rate)
            )
            mic.record(0.3)
            with_tone = mic.record(ts.audio_seconds)
            tone_level = measure(with_tone)
            figures["tone_level_dbfs"] = _r(tone_level.rms_dbfs)
            figures["tone_gain_db"] = _r(tone_level.rms_dbfs - floor.rms_dbfs)
    finally:
        _release(mic)
        if speaker is not None:
            _release(speaker)
    if floor.rms_dbfs > ts.noise_floor_fail_dbfs:
        return SelfTestResult(
            "microphone",
            Status.FAIL,
            f"Bruit de fond très fort ({floor.rms_dbfs:.0f} dBFS) : "
            "le micro sature ou est défectueux.",
            figures,
        )
    if floor.peak_dbfs <= -110:
        return SelfTestResult(
            "microphone",
            Status.WARN,
            "Le micro ne capte aucun son (silence parfait) : vérifiez qu'il n'est pas coupé.",
            figures,
        )
    if floor.rms_dbfs > ts.noise_floor_warn_dbfs:
        return SelfTestResult(
            "microphone",
            Status.WARN,
            f"Bruit de fond élevé ({floor.rms_dbfs:.0f} dBFS) : éloignez le "
            "micro des sources de bruit.",
            figures,
        )
    if tone_level is None:
        return SelfTestResult(
            "microphone",
            Status.WARN,
            "Micro actif, mais aucun haut-parleur pour le son d'essai.",
            figures,
        )
    if tone_level.rms_dbfs - floor.rms_dbfs < 10:
        return SelfTestResult(
            "microphone",
            Status.WARN,
            "Le micro n'entend pas le son d'essai du haut-parleur : vérifiez "
            "le volume et la position du micro.",
            figures,
        )
    return SelfTestResult(
        "microphone",
        Status.OK,
        f"Micro correct : bruit de fond {floor.rms_dbfs:.0f} dBFS, son d'essai "
        f"à {tone_level.rms_dbfs:.0f} dBFS.",
        figures,
    )


def test_speaker(settings: HardwareSettings) -> SelfTestResult:
    """Speaker → microphone loopback: play a tone, find it by FFT, measure the delay."""
    from booth_hw.audio import tone

    ts = settings.selftest
    speaker, error = _open_audio(settings, "output")
    if speaker is None:
        return SelfTestResult(
            "speaker",
            Status.FAIL,
            f"Haut-parleur inutilisable : {error} Vérifiez la carte son et "
            "le câble du haut-parleur.",
            {"device": settings.audio.output_device},
        )
    mic, mic_error = _open_audio(settings, "input")
    if mic is None:
        _release(speaker)
        return SelfTestResult(
            "speaker",
            Status.FAIL,
            f"Impossible d'écouter le haut-parleur : micro inutilisable ({mic_error}).",
            {"device": speaker.device_name},
        )
    chunks: list[tuple[npt.NDArray[np.int16], float]] = []

    def take(samples: npt.NDArray[np.int16], _i: int, t: float) -> None:
        chunks.append((samples, t))

    try:
        mic.record(0.3)
        mic.add_block_listener(take)
        time.sleep(0.3)
        handed_at = time.monotonic()
        position = speaker.play(
            tone(ts.tone_hz, ts.audio_seconds, dbfs=ts.tone_dbfs, rate=speaker.rate)
        )
        deadline = time.monotonic() + ts.audio_seconds + 5.0
        while speaker.busy and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # what is still in the device's buffers
        played_at = speaker.time_of_sample(position)
        mic.remove_block_listener(take)
        figures: dict[str, Figure] = {
            "device": speaker.device_name,
            "microphone": mic.device_name,
            "tone_hz": ts.tone_hz,
        }
    finally:
        _release(mic)
        _release(speaker)
    if not chunks:
        return SelfTestResult("speaker", Status.FAIL, "Le micro n'a rien enregistré.", figures)
    rate = mic.rate
    data = np.concatenate([c for c, _ in chunks])
    freq, snr = find_tone(data, rate, ts.tone_hz)
    onset = _tone_onset(data, rate, ts.tone_hz, ts.tone_dbfs - 40)
    figures["found_hz"] = _r(freq, 1)
    figures["frequency_error_hz"] = _r(freq - ts.tone_hz, 1)
    figures["snr_db"] = _r(snr)
    delay_ms = None
    if onset is not None:
        # Round trip: from handing the tone to the speaker to the microphone block
        # that holds its onset reaching us (less the samples after the onset).
        end = 0
        for block, delivered in chunks:
            end += block.size
            if end > onset:
                delay_ms = (delivered - (end - onset) / rate - handed_at) * 1000
                break
    figures["delay_ms"] = None if delay_ms is None else _r(delay_ms, 0)
    if played_at is not None:
        # Output side only, from PortAudio's timing (when the device says it played).
        figures["output_latency_ms"] = _r((played_at - handed_at) * 1000, 0)
    if onset is None or snr < 15:
        return SelfTestResult(
            "speaker",
            Status.FAIL,
            f"Le son d'essai à {ts.tone_hz:g} Hz n'a pas été entendu par le "
            "micro : vérifiez le volume et le branchement du haut-parleur.",
            figures,
        )
    if abs(freq - ts.tone_hz) > ts.frequency_tolerance_hz:
        return SelfTestResult(
            "speaker",
            Status.WARN,
            f"Son d'essai déformé : {freq:.1f} Hz entendu au lieu de {ts.tone_hz:g} Hz.",
            figures,
        )
    if delay_ms is not None and delay_ms > ts.delay_warn_ms:
        return SelfTestResult(
            "speaker",
            Status.WARN,
            f"Son d'essai entendu avec un retard élevé ({delay_ms:.0f} ms).",
            figures,
        )
    return SelfTestResult(
        "speaker",
        Status.OK,
        f"Haut-parleur correct : {freq:.1f} Hz entendu, retard {figures['delay_ms']} ms.",
        figures,
    )


# -- central server -----------------------------------------------------------
def _check_url(url: str) -> str | None:
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return f"Adresse du serveur central invalide : {url!r}."
    if parsed.scheme == "http":
        host = parsed.hostname
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            return (
                "Connexion non chiffrée refusée : l'adresse du serveur central doit "
                "commencer par https://."
            )
    return None


def _get(url: str, timeout: float, ca_bundle: str = "") -> tuple[int, bytes, float]:
    context = None
    if url.startswith("https:"):
        context = ssl.create_default_context(cafile=ca_bundle or None)
    started = time.perf_counter()
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    # No proxy: the booth talks to central directly.
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=context)
    )
    with opener.open(request, timeout=timeout) as response:
        body = response.read(65536)
        status = response.status
    return status, body, (time.perf_counter() - started) * 1000


def _not_configured(name: str) -> SelfTestResult:
    return SelfTestResult(
        name,
        Status.WARN,
        "Adresse du serveur central non configurée ([central] url) : test non effectué.",
        {"url": ""},
    )


def _network_error(name: str, url: str, exc: Exception) -> SelfTestResult:
    if isinstance(exc, urllib.error.HTTPError):
        why = f"réponse HTTP {exc.code}"
    elif isinstance(exc, urllib.error.URLError):
        why = str(exc.reason)
    else:
        why = str(exc) or type(exc).__name__
    return SelfTestResult(
        name,
        Status.FAIL,
        f"Serveur central injoignable ({why}). Vérifiez le câble réseau et l'adresse configurée.",
        {"url": url},
    )


def test_network(settings: HardwareSettings) -> SelfTestResult:
    base = settings.central.url.rstrip("/")
    if not base:
        return _not_configured("network")
    invalid = _check_url(base)
    if invalid:
        return SelfTestResult("network", Status.FAIL, invalid, {"url": base})
    ts = settings.selftest
    rtts: list[float] = []
    try:
        for _ in range(3):
            status, body, rtt = _get(
                f"{base}/healthz", ts.network_timeout_s, settings.central.ca_bundle
            )
            rtts.append(rtt)
        json.loads(body or b"{}")
    except Exception as exc:
        return _network_error("network", base, exc)
    best = min(rtts)
    figures: dict[str, Figure] = {
        "url": base,
        "rtt_ms": _r(best),
        "rtt_max_ms": _r(max(rtts)),
        "http_status": status,
    }
    if best > ts.rtt_warn_ms:
        return SelfTestResult(
            "network", Status.WARN, f"Serveur central joignable mais lent ({best:.0f} ms).", figures
        )
    return SelfTestResult(
        "network", Status.OK, f"Serveur central joignable ({best:.0f} ms aller-retour).", figures
    )


def test_clock(settings: HardwareSettings) -> SelfTestResult:
    base = settings.central.url.rstrip("/")
    if not base:
        return _not_configured("clock")
    invalid = _check_url(base)
    if invalid:
        return SelfTestResult("clock", Status.FAIL, invalid, {"url": base})
    ts = settings.selftest
    try:
        before = time.time()
        _, body, rtt = _get(f"{base}/api/v1/time", ts.network_timeout_s, settings.central.ca_bundle)
        after = time.time()
        payload = json.loads(body)
        server = datetime.fromisoformat(str(payload["now"]).replace("Z", "+00:00"))
        if server.tzinfo is None:
            raise ValueError("heure sans fuseau")
    except (KeyError, ValueError, TypeError) as exc:
        return SelfTestResult(
            "clock",
            Status.FAIL,
            f"Réponse d'heure illisible du serveur central ({exc}).",
            {"url": base},
        )
    except Exception as exc:
        return _network_error("clock", base, exc)
    offset = server.timestamp() - (before + after) / 2
    figures: dict[str, Figure] = {
        "url": base,
        "offset_s": round(offset, 3),
        "rtt_ms": _r(rtt),
        "server_time": server.astimezone(UTC).isoformat(),
    }
    if abs(offset) > ts.clock_fail_s:
        return SelfTestResult(
            "clock",
            Status.FAIL,
            f"L'horloge de la cabine est décalée de {offset:+.0f} s par rapport "
            "au serveur central : vérifiez la synchronisation NTP.",
            figures,
        )
    if abs(offset) > ts.clock_warn_s:
        return SelfTestResult(
            "clock", Status.WARN, f"L'horloge de la cabine est décalée de {offset:+.1f} s.", figures
        )
    return SelfTestResult(
        "clock", Status.OK, f"Horloge à l'heure ({offset * 1000:+.0f} ms).", figures
    )


# -- disk -----------------------------------------------------------------------
def _existing_parent(path: Path) -> Path:
    path = path.expanduser().absolute()
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path("/")


def test_disk(settings: HardwareSettings) -> SelfTestResult:
    ts = settings.selftest
    figures: dict[str, Figure] = {}
    worst = Status.OK
    notes: list[str] = []
    lowest: int | None = None
    per_path: list[str] = []
    for path in ts.disk_paths or [Path(".")]:
        where = _existing_parent(path)
        try:
            usage = shutil.disk_usage(where)
        except OSError as exc:
            notes.append(f"{path} illisible ({exc.strerror})")
            worst = Status.FAIL
            continue
        free_mb = usage.free // (1024 * 1024)
        per_path.append(f"{path}: {free_mb} Mo")
        lowest = free_mb if lowest is None else min(lowest, free_mb)
        if free_mb < ts.disk_fail_mb:
            worst = Status.FAIL
            notes.append(f"{path} : {free_mb} Mo libres")
        elif free_mb < ts.disk_warn_mb:
            if worst == Status.OK:
                worst = Status.WARN
            notes.append(f"{path} : {free_mb} Mo libres")
    figures["free_mb"] = lowest
    figures["paths"] = "; ".join(per_path)
    if worst == Status.FAIL:
        return SelfTestResult(
            "disk",
            worst,
            "Espace disque insuffisant ("
            + " ; ".join(notes)
            + ") : libérez de la place ou appelez la maintenance.",
            figures,
        )
    if worst == Status.WARN:
        return SelfTestResult(
            "disk", worst, "Espace disque bientôt plein (" + " ; ".join(notes) + ").", figures
        )
    return SelfTestResult(
        "disk", Status.OK, f"Espace disque suffisant (au moins {lowest} Mo libres).", figures
    )


TESTS: dict[str, Callable[[HardwareSettings], SelfTestResult]] = {
    "camera": test_camera,
    "microphone": test_microphone,
    "speaker": test_speaker,
    "network": test_network,
    "disk": test_disk,
    "clock": test_clock,
}


def run_selftests(
    settings: HardwareSettings | None = None,
    only: str | Iterable[str] | None = None,
    *,
    camera: Any = None,
    microphone: Any = None,
    speaker: Any = None,
    on_result: Callable[[SelfTestResult], None] | None = None,
) -> list[SelfTestResult]:
    """Run the chosen tests (all by default) in a fixed order; never raises for
    a device problem. ValueError for an unknown test name.

    Blocking (about 10 s for all): call it from a worker thread, never the UI
    thread. `camera` / `microphone` / `speaker`: devices the caller already
    runs (a V4L2 camera cannot be opened twice); they are used and left
    running. `on_result` is called after each test (progress display)."""
    settings = settings or HardwareSettings()
    names = parse_only(only)
    results: list[SelfTestResult] = []
    token = _borrowed.set({"camera": camera, "input": microphone, "output": speaker})
    try:
        for name in names:
            try:
                result = TESTS[name](settings)
            except Exception as exc:  # a bug or an unexpected device error: report it
                log.exception("self-test %s failed", name)
                result = SelfTestResult(
                    name, Status.FAIL, f"Le test a échoué de façon inattendue ({exc}).", {}
                )
            results.append(result)
            if on_result is not None:
                on_result(result)
    finally:
        _borrowed.reset(token)
    return results
