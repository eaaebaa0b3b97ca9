"""`parloir kiosk` as systemd runs it: READY=1, then WATCHDOG=1 pings from the UI thread."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures.central_server import CentralServer, unique

ROOT = Path(__file__).resolve().parents[2]


def run_kiosk_until_pings(cfg: Path, tmp_path: Path, pings: int = 2) -> list[str]:
    sock_path = tmp_path / "notify.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(sock_path))
    server.settimeout(60)
    env = dict(os.environ)
    env.update(
        NOTIFY_SOCKET=str(sock_path),
        WATCHDOG_USEC="1000000",  # a ping at least every 0.5 s
        QT_QPA_PLATFORM="offscreen",
    )
    env.pop("WATCHDOG_PID", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "parloir", "kiosk", "--config", str(cfg)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    got: list[str] = []
    try:
        while got.count("WATCHDOG=1") < pings:
            try:
                got.append(server.recv(200).decode())
            except TimeoutError:
                break
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            out, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        server.close()
    assert b"Traceback" not in out, out.decode(errors="replace")[-2000:]
    return got


def test_kiosk_process_with_fake_services(tmp_path: Path) -> None:
    cfg = tmp_path / "booth.toml"
    cfg.write_text(
        f'[kiosk]\nservices = "fake"\nstate_dir = "{tmp_path / "state"}"\n', encoding="utf-8"
    )
    got = run_kiosk_until_pings(cfg, tmp_path)
    assert got[0] == "READY=1"
    assert got.count("WATCHDOG=1") >= 2


@pytest.mark.slow
def test_kiosk_process_with_real_parts(central_server: CentralServer, tmp_path: Path) -> None:
    _booth_id, token = central_server.create_booth(unique("Cabine P"))
    cfg = tmp_path / "booth.toml"
    cfg.write_text(
        f'[booth]\nname = "Cabine P"\ndata_dir = "{tmp_path / "booth"}"\n'
        f'[central]\nurl = "{central_server.url}"\ntoken = "{token}"\n'
        '[camera]\nsource = "synthetic"\n'
        '[audio]\ninput_device = "synthetic"\noutput_device = "synthetic"\n'
        f'[kiosk]\nstate_dir = "{tmp_path / "state"}"\n',
        encoding="utf-8",
    )
    got = run_kiosk_until_pings(cfg, tmp_path)
    assert got[0] == "READY=1", got
    assert got.count("WATCHDOG=1") >= 2
    # the sync client ran in the kiosk's process: the store was created and filled
    assert (tmp_path / "booth" / "booth.sqlite3").exists()
