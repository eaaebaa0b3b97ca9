"""The console's writes on PostgreSQL: sanctions, end, replay catalogue, and no 500 on junk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from central.db.models import Call, Contact
from tests.monitor.conftest import login
from tests.monitor.test_console_api import ended_call_with_file, new_call
from tests.monitor.test_fuzz import run_schemathesis


@pytest.mark.slow
@pytest.mark.pg
def test_console_on_postgresql(central_server_factory: Any, postgres_url: str,
                               tmp_path: Path) -> None:
    server = central_server_factory(db_url=postgres_url, extra_args=(),
                                    env={"MONITOR_PURGE_FIRST_S": "86400"})
    console = login(server)
    call_id, contact_id = new_call(server)
    until = (datetime.now(UTC) + timedelta(days=7)).replace(microsecond=0)
    r = console.post(f"/calls/{call_id}/incident",
                     json={"kind": "violent", "note": "Menaces", "measure": "suspend_until",
                           "until": until.isoformat(), "hold": True})
    assert r.status_code == 200, r.text
    assert console.post(f"/calls/{call_id}/end", json={"reason": "Menaces"}).status_code == 200
    with server.session() as s:
        assert s.get(Contact, contact_id).status == "suspended"
        assert s.get(Call, call_id).status == "ended"
    done = ended_call_with_file(server)
    listing = console.get("/recordings").json()["recordings"]
    assert done in {x["id"] for x in listing}
    # NUL characters (PostgreSQL text cannot hold them) are refused, never a 500.
    r = console.post(f"/calls/{call_id}/incident",
                     json={"kind": "other", "note": "a\x00b", "measure": "none"})
    assert r.status_code == 422, r.text
    assert console.get("/calls/a\x00b").status_code == 404
    cookie = console.http.cookies.get("parloir_console")
    run_schemathesis(
        server, tmp_path,
        "-H", f"Cookie: parloir_console={cookie}",
        "-H", "X-Parloir-Console: 1",
        "--include-path-regex", r"^/api/v1/monitor/",
        "--exclude-path-regex", r"/logout$",
        "--checks", "not_a_server_error",
        "--max-examples", "10",
    )  # fmt: skip
