"""Self-test verdicts on real sources, a stdlib HTTP server on 127.0.0.1, PulseAudio."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from booth_hw.selftest import Status, parse_only, run_selftests
from booth_hw.settings import HardwareSettings
from tests.fixtures.pulse import PulseAudio


class Central:
    """A tiny stand-in for the central server: /healthz and /api/v1/time."""

    def __init__(self) -> None:
        self.offset = timedelta(0)
        self.time_body: bytes | None = None
        self.health_status = 200
        central = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/healthz":
                    self._send(central.health_status, b'{"status":"ok"}')
                elif self.path == "/api/v1/time":
                    body = (
                        central.time_body
                        or json.dumps(
                            {"now": (datetime.now(UTC) + central.offset).isoformat()}
                        ).encode()
                    )
                    self._send(200, body)
                else:
                    self._send(404, b"{}")

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def central() -> Iterator[Central]:
    server = Central()
    yield server
    server.close()


def hw(**sections: dict[str, object]) -> HardwareSettings:
    return HardwareSettings().replace(**sections)


def one(settings: HardwareSettings, name: str):  # type: ignore[no-untyped-def]
    (result,) = run_selftests(settings, only=name)
    assert result.name == name
    return result


# -- central server and clock --------------------------------------------------
def test_network_reachable_with_round_trip_time(central: Central) -> None:
    result = one(hw(central={"url": central.url}), "network")
    assert result.status == Status.OK
    assert 0 < result.figures["rtt_ms"] < 5000
    assert "joignable" in result.message


def test_network_unreachable_fails_clearly(central: Central) -> None:
    url = central.url
    central.close()
    result = one(hw(central={"url": url}), "network")
    assert result.status == Status.FAIL
    assert "injoignable" in result.message


def test_network_error_status_fails(central: Central) -> None:
    central.health_status = 503
    result = one(hw(central={"url": central.url}), "network")
    assert result.status == Status.FAIL
    assert "503" in result.message


def test_plain_http_to_a_remote_server_is_refused() -> None:
    result = one(hw(central={"url": "http://10.1.2.3:8400"}), "network")
    assert result.status == Status.FAIL
    assert "https://" in result.message


def test_no_url_configured_is_a_warning() -> None:
    results = run_selftests(HardwareSettings(), only="network,clock")
    assert [r.status for r in results] == [Status.WARN, Status.WARN]
    assert all("non configurée" in r.message for r in results)


@pytest.mark.parametrize(
    ("offset_s", "status"), [(0, Status.OK), (5, Status.WARN), (-120, Status.FAIL)]
)
def test_clock_offset_against_the_central_server(
    central: Central, offset_s: int, status: Status
) -> None:
    central.offset = timedelta(seconds=offset_s)
    result = one(hw(central={"url": central.url}), "clock")
    assert result.status == status
    assert result.figures["offset_s"] == pytest.approx(offset_s, abs=1.0)


def test_clock_with_a_bad_answer_fails(central: Central) -> None:
    central.time_body = b'{"now": "hier"}'
    result = one(hw(central={"url": central.url}), "clock")
    assert result.status == Status.FAIL
    assert "illisible" in result.message


def test_https_with_the_prisons_ca(central: Central, tmp_path: Path) -> None:
    import ssl
    import subprocess

    from tests.conftest import need_tool

    openssl = need_tool("openssl")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    central.server.socket = context.wrap_socket(central.server.socket, server_side=True)
    url = central.url.replace("http://", "https://")
    trusted = run_selftests(hw(central={"url": url, "ca_bundle": str(cert)}), "network,clock")
    assert [r.status for r in trusted] == [Status.OK, Status.OK], [r.message for r in trusted]
    untrusted = one(hw(central={"url": url}), "network")
    assert untrusted.status == Status.FAIL
    assert "certificate" in untrusted.message.lower()


# -- disk --------------------------------------------------------------------------
def test_disk_space_thresholds(tmp_path: Path) -> None:
    paths = [tmp_path / "logs", tmp_path / "queue" / "not-yet-created"]
    ok = one(hw(selftest={"disk_paths": paths, "disk_warn_mb": 1, "disk_fail_mb": 0}), "disk")
    assert ok.status == Status.OK
    assert isinstance(ok.figures["free_mb"], int) and ok.figures["free_mb"] > 1
    huge = 10**12
    warn = one(hw(selftest={"disk_paths": paths, "disk_warn_mb": huge, "disk_fail_mb": 0}), "disk")
    assert warn.status == Status.WARN
    fail = one(hw(selftest={"disk_paths": paths, "disk_fail_mb": huge}), "disk")
    assert fail.status == Status.FAIL
    assert "insuffisant" in fail.message


# -- camera ------------------------------------------------------------------------
def camera(source: str | Path, **kw: object) -> HardwareSettings:
    cam = {"source": str(source), "width": 640, "height": 480, "fps": 30.0}
    cam.update(kw)
    # A wide frame-rate tolerance: a loaded test machine must not turn OK into WARN.
    return hw(camera=cam, selftest={"camera_seconds": 1.0, "fps_tolerance": 0.5})


def test_camera_synthetic_passes() -> None:
    result = one(camera("synthetic"), "camera")
    assert result.status == Status.OK, result.message
    assert result.figures["fps"] == pytest.approx(30, rel=0.5)
    assert result.figures["sharpness"] > 30
    assert result.figures["black"] is False and result.figures["frozen"] is False


def test_camera_missing_fails() -> None:
    result = one(camera("/dev/video-parloir-none"), "camera")
    assert result.status == Status.FAIL
    assert "aucune image" in result.message


def test_black_feed_fails(clip: Callable[..., Path]) -> None:
    result = one(camera(clip("black.avi", kind="black")), "camera")
    assert result.status == Status.FAIL
    assert "noire" in result.message


def test_frozen_feed_fails(clip: Callable[..., Path]) -> None:
    path = clip("frozen.avi", kind="frozen", frames=120)
    result = one(camera(path, frozen_after_s=0.5), "camera")
    assert result.status == Status.FAIL
    assert "figée" in result.message


def test_wrong_frame_rate_warns(clip: Callable[..., Path]) -> None:
    # The file plays at its own 10 fps while 30 were asked.
    result = one(camera(clip("slow.avi", frames=20, fps=10.0)), "camera")
    assert result.status == Status.WARN
    assert "images/s" in result.message


# -- audio with PulseAudio -----------------------------------------------------------
def test_speaker_to_microphone_loopback(pulse_audio: PulseAudio) -> None:
    """The microphone listens to the speaker's monitor: a single null sink as a loopback."""
    settings = hw(audio={"pulse_source": "booth_spk.monitor"})
    result = one(settings, "speaker")
    assert result.status == Status.OK, result.message
    assert result.figures["found_hz"] == pytest.approx(1000, abs=1.0)
    assert abs(result.figures["frequency_error_hz"]) <= 1
    assert result.figures["delay_ms"] is not None


def test_loopback_without_a_path_fails(pulse_audio: PulseAudio) -> None:
    # The microphone is fake_mic.monitor: it never hears the speaker.
    result = one(HardwareSettings(), "speaker")
    assert result.status == Status.FAIL
    assert "pas été entendu" in result.message


def test_microphone_noise_floor_and_test_tone(pulse_audio: PulseAudio) -> None:
    result = one(hw(audio={"pulse_source": "booth_spk.monitor"}), "microphone")
    # A null sink is perfectly silent: reported, since a real microphone never is.
    assert result.status == Status.WARN
    assert "silence" in result.message
    assert result.figures["noise_floor_dbfs"] <= -100
    assert result.figures["tone_level_dbfs"] > -30


def test_unknown_test_name_is_refused() -> None:
    with pytest.raises(ValueError, match="inconnu"):
        parse_only("camera,toaster")
    assert parse_only("clock,loopback,camera") == ["camera", "speaker", "clock"]


def test_running_devices_are_borrowed_and_left_running(tmp_path: Path) -> None:
    from booth_hw.audio import Microphone, Speaker
    from booth_hw.camera import Camera
    from booth_hw.settings import AudioSettings, CameraSettings
    from booth_hw.state import DeviceState

    seen: list[str] = []
    synthetic_audio = AudioSettings(input_device="synthetic", output_device="synthetic")
    with (
        Camera(CameraSettings(source="synthetic", width=640, height=480)) as cam,
        Microphone(synthetic_audio) as mic,
        Speaker(synthetic_audio) as spk,
    ):
        # The settings point at hardware that does not exist: only the borrowed
        # devices can make these tests pass.
        settings = hw(
            camera={"source": "/dev/video-parloir-none", "width": 640, "height": 480},
            selftest={"camera_seconds": 1.0, "disk_paths": [tmp_path], "fps_tolerance": 0.5},
            audio={"input_device": "absent", "output_device": "absent"},
        )
        results = run_selftests(
            settings,
            "camera,microphone,disk",
            camera=cam,
            microphone=mic,
            speaker=spk,
            on_result=lambda r: seen.append(r.name),
        )
        assert cam.state == DeviceState.RUNNING
        assert mic.state == DeviceState.RUNNING
        assert spk.state == DeviceState.RUNNING
    assert seen == ["camera", "microphone", "disk"]
    assert results[0].status == Status.OK, results[0].message
    # The synthetic microphone plays a steady tone: a loud "noise floor".
    floor = results[1].figures["noise_floor_dbfs"]
    assert isinstance(floor, float) and floor > -30
