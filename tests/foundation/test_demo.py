"""`parloir demo`: seeds once, writes a booth config the booth parts accept, starts central."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from parloir.cli import main
from tests.fixtures.tools import free_port


def test_seed_only_is_idempotent_and_prints_what_a_newcomer_needs(
    tmp_path: Path, capsys
) -> None:
    args = ["demo", "--seed-only", "--data-dir", str(tmp_path), "--port", "8499"]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert main(args) == 0
    second = capsys.readouterr().out
    for needed in ("PIN", "http://127.0.0.1:8499/rejoindre", "http://127.0.0.1:8499/dev/sms"):
        assert needed in first
    # Same people, same PINs the second time: nothing duplicated.
    assert first.count("écrou") == second.count("écrou") == 3

    cfg = tmp_path / "booth.toml"
    assert cfg.stat().st_mode & 0o077 == 0  # holds the booth token
    from kiosk.settings import load_kiosk_settings
    from sync.settings import load_booth_settings

    booth = load_booth_settings(cfg, environ={})
    assert booth.central.url == "http://127.0.0.1:8499"
    assert booth.booth.name == "Cabine 1"
    load_kiosk_settings(cfg)


def test_demo_starts_central_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "parloir", "demo", "--no-kiosk", "--data-dir", str(tmp_path),
         "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={k: v for k, v in os.environ.items() if not k.startswith("PARLOIR_")},
    )
    lines: list[bytes] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, b"")))
    reader.start()
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            if any(b"Ctrl+C" in line for line in lines):  # the how-to is printed: ready
                break
            time.sleep(0.3)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
            assert json.load(r) == {"status": "ok"}
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/dev/sms", timeout=5) as r:
            assert r.status == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        reader.join(10)
    out = b"".join(lines)
    text = out.decode()
    assert "Ctrl+C" in text
    assert proc.returncode == 0
    # The central server child is gone too: its port is free again.
    import socket

    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is fine, a listener not
        s.bind(("127.0.0.1", port))
