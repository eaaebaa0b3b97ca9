"""`parloir sync --once` as a real subprocess against the stand-in server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.fixtures.tools import free_port
from tests.sync.standin import TOKEN, StandIn

ROOT = Path(__file__).resolve().parents[2]


def run(config: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLOIR_")}
    return subprocess.run(
        [sys.executable, "-m", "parloir", "sync", "--once", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )


def test_sync_once(tmp_path: Path) -> None:
    with StandIn() as standin:
        cfg = tmp_path / "booth.toml"
        cfg.write_text(
            f'[booth]\ndata_dir = "{tmp_path}"\n'
            f'[central]\nurl = "{standin.url}"\ntoken = "{TOKEN}"\n'
            "[kiosk]\nwhatever = 1\n"
        )
        done = run(cfg)
        assert done.returncode == 0, done.stderr
        assert "Synchronisation faite" in done.stdout
        assert TOKEN not in done.stdout + done.stderr  # the secret is never printed
    assert (tmp_path / "booth.sqlite3").exists()


def test_sync_once_offline_and_bad_config(tmp_path: Path) -> None:
    cfg = tmp_path / "booth.toml"
    cfg.write_text(
        f'[booth]\ndata_dir = "{tmp_path}"\n[central]\nurl = "http://127.0.0.1:{free_port()}"\n'
        'token = "t"\ntimeout_s = 2\n'
    )
    done = run(cfg)
    assert done.returncode == 1 and "serveur central ne répond pas" in done.stdout
    assert "Traceback" not in done.stderr
    cfg.write_text('[central]\nurl = "http://central.example"\ntoken = "t"\n')
    done = run(cfg)
    assert (
        done.returncode == 2 and "plain http://" in done.stderr and "Traceback" not in done.stderr
    )
    cfg.write_text(f'[booth]\ndata_dir = "{tmp_path}"\n')
    done = run(cfg)
    assert done.returncode == 2 and "token" in done.stderr


def test_sync_service_stops_on_sigterm(tmp_path: Path) -> None:
    import signal
    import time

    with StandIn() as standin:
        cfg = tmp_path / "booth.toml"
        cfg.write_text(
            f'[booth]\ndata_dir = "{tmp_path}"\n'
            f'[central]\nurl = "{standin.url}"\ntoken = "{TOKEN}"\n[sync]\ninterval_s = 0.2\n'
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("PARLOIR_")}
        proc = subprocess.Popen(
            [sys.executable, "-m", "parloir", "sync", "--config", str(cfg)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while (
                time.monotonic() < deadline
                and ("GET", "/api/v1/booth/reference") not in standin.requests
            ):
                time.sleep(0.05)
            assert ("GET", "/api/v1/booth/reference") in standin.requests  # it synced by itself
        finally:
            proc.send_signal(signal.SIGTERM)
            _out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
