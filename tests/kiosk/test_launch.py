"""The main job's kiosk: on a private virtual screen, against central's demo data."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from kiosk.launch import demo_booth_config, has_display, start_kiosk
from tests.conftest import need_tool
from tests.fixtures.central_server import start_central_server

pytestmark = [pytest.mark.slow]


def test_demo_kiosk_on_a_virtual_screen(tmp_path: Path) -> None:
    need_tool("Xvfb")
    need_tool("import")
    from central.services.demo_seed import BOOTHS

    with start_central_server(tmp_path / "central", extra_args=("--dev", "--demo")) as server:
        cfg = demo_booth_config(tmp_path / "booth.toml", server.url, BOOTHS[0][1], tmp_path)
        sock_path = tmp_path / "notify.sock"
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.bind(str(sock_path))
            sock.settimeout(60)
            env = {"NOTIFY_SOCKET": str(sock_path), "DISPLAY": ""}
            kiosk = start_kiosk(cfg, extra_env=env)
            try:
                assert kiosk.virtual and kiosk.display
                assert sock.recv(100) == b"READY=1"
                from PySide6.QtGui import QImage

                def colours() -> int:
                    img = QImage(str(kiosk.screenshot(tmp_path / "demo.png")))
                    assert (img.width(), img.height()) == (1920, 1080)
                    return len({img.pixel(x, y) for x in range(0, 1920, 97)
                                for y in range(0, 1080, 53)})  # fmt: skip

                deadline = time.monotonic() + 20
                while colours() <= 3 and time.monotonic() < deadline:
                    time.sleep(0.5)
                assert colours() > 3  # the Locked screen is drawn, not a blank screen
                assert kiosk.alive()
            finally:
                kiosk.stop()
        assert "Traceback" not in kiosk.log_path.read_text(errors="replace")
    assert not has_display({"DISPLAY": "", "WAYLAND_DISPLAY": ""})
