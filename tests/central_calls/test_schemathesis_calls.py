"""Schemathesis against the served app, on the central-calls endpoints only.

Generated bodies, ids, codes and tokens must never cause a 500, every status
must be a documented one, and answers must match their schema.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures.central_server import CentralServer, start_central_server

ROOT = Path(__file__).resolve().parents[2]
ST = ROOT / ".venv" / "bin" / "schemathesis"
OUR_PATHS = r"^/api/v1/(calls(/\{call_id\}(/end)?)?|join/(code|\{join_token\}(/rules)?))$"


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    with start_central_server(tmp_path_factory.mktemp("fuzz-calls")) as server:
        d = server.create_detainee(balance_cents=5000)
        server.create_contact(d)
        server.create_booking(d)
        yield server


@pytest.mark.slow
def test_calls_and_join_endpoints_conform(fuzz_server: CentralServer, tmp_path: Path) -> None:
    cmd = [
        str(ST), "run", f"{fuzz_server.url}/openapi.json",
        "-H", f"Authorization: Bearer {fuzz_server.booth_token}",
        "--generation-deterministic", "--no-color", "--workers", "1",
        "--phases", "examples,coverage,fuzzing",
        "--request-timeout", "30",
        "--include-path-regex", OUR_PATHS,
        "--checks", "not_a_server_error,status_code_conformance,"
        "response_schema_conformance,content_type_conformance",
        "--max-examples", "20",
    ]  # fmt: skip
    result = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-12000:]
    assert "Selected: 6/" in out, out[-3000:]
    assert '"status": 500' not in fuzz_server.log_text()
