"""Schemathesis on the console API with a valid session: never a 500, whatever the input."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.fixtures.central_server import CentralServer
from tests.monitor.conftest import login
from tests.monitor.test_console_api import ended_call_with_file, new_call

ST = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "schemathesis"


def run_schemathesis(server: CentralServer, workdir: Path, *args: str) -> str:
    cmd = [str(ST), "run", f"{server.url}/openapi.json", "--generation-deterministic",
           "--no-color", "--workers", "1", "--phases", "examples,coverage,fuzzing",
           "--request-timeout", "30", *args]
    result = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, timeout=600)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-12000:]
    assert "/api/v1/monitor/calls" in out or "passed" in out.lower(), out[-3000:]
    return out


@pytest.mark.slow
def test_console_api_never_fails_with_a_server_error(monitor_central: CentralServer,
                                                     tmp_path: Path) -> None:
    server = monitor_central
    new_call(server)
    ended_call_with_file(server)
    console = login(server)
    cookie = console.http.cookies.get("parloir_console")
    run_schemathesis(
        server, tmp_path,
        "-H", f"Cookie: parloir_console={cookie}",
        "-H", "X-Parloir-Console: 1",
        "--include-path-regex", r"^/api/v1/monitor/",
        "--exclude-path-regex", r"/logout$",
        "--checks", "not_a_server_error",
        "--max-examples", "15",
    )  # fmt: skip
