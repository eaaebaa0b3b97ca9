"""Schemathesis against the live server's /openapi.json (CLI in a subprocess).

Two bounded runs on a dedicated server (generated cases write junk data):
- the booth API (central-core's endpoints): no 500, documented statuses,
  responses that match their schema and content type;
- every operation of the server: never a 500.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures.central_server import CentralServer, start_central_server

ROOT = Path(__file__).resolve().parents[2]
ST = ROOT / ".venv" / "bin" / "schemathesis"
BOOTH_PATHS = r"^/(healthz|api/v1/(time|booth/reference|slots|bookings.*|usage|selftests|audit))$"


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    with start_central_server(tmp_path_factory.mktemp("fuzz")) as server:
        d = server.create_detainee()
        server.create_contact(d)
        server.create_booking(d)
        yield server


def run_schemathesis(server: CentralServer, workdir: Path, *args: str) -> str:
    cmd = [
        str(ST), "run", f"{server.url}/openapi.json",
        "-H", f"Authorization: Bearer {server.booth_token}",
        "--generation-deterministic", "--no-color", "--workers", "1",
        "--phases", "examples,coverage,fuzzing",
        "--request-timeout", "30",
        *args,
    ]  # fmt: skip
    result = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, timeout=600)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-12000:]
    return out


@pytest.mark.slow
def test_booth_api_conforms(fuzz_server: CentralServer, tmp_path: Path) -> None:
    out = run_schemathesis(
        fuzz_server, tmp_path,
        "--include-path-regex", BOOTH_PATHS,
        "--checks", "not_a_server_error,status_code_conformance,"
        "response_schema_conformance,content_type_conformance",
        "--max-examples", "25",
    )  # fmt: skip
    assert "Selected: 9/" in out or "Selected: 8/" in out, out[-3000:]
    assert '"status": 500' not in fuzz_server.log_text()


@pytest.mark.slow
def test_no_server_error_anywhere(fuzz_server: CentralServer, tmp_path: Path) -> None:
    run_schemathesis(
        fuzz_server, tmp_path, "--checks", "not_a_server_error", "--max-examples", "15"
    )


@pytest.mark.slow
@pytest.mark.pg
def test_booth_api_no_server_error_on_postgresql(
    central_server_factory, postgres_url: str, tmp_path: Path
) -> None:
    """PostgreSQL refuses what SQLite accepts (NUL characters, huge numbers): no 500 there."""
    server = central_server_factory(db_url=postgres_url, extra_args=())
    d = server.create_detainee()
    server.create_contact(d)
    server.create_booking(d)
    run_schemathesis(
        server, tmp_path,
        "--include-path-regex", BOOTH_PATHS,
        "--checks", "not_a_server_error",
        "--max-examples", "15",
    )  # fmt: skip
