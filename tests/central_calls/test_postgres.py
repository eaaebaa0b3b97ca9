"""The call and code flow on PostgreSQL (production database), same server code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.central_calls.conftest import run_server


@pytest.mark.pg
def test_call_code_lock_and_rules_on_postgres(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, postgres_url: str
) -> None:
    with run_server(tmp_path, monkeypatch, db_url=postgres_url) as srv:
        r = srv.post_call("karim_now", "leila")
        assert r.status_code == 201, r.text
        call_id = r.json()["call_id"]
        assert srv.post_call("karim_now", "leila").json()["call_id"] == call_id
        assert srv.post_call("karim_now", "suspended").json()["error"]["code"] == (
            "call_already_active"
        )
        code = srv.code_for(call_id)
        wrong = f"{(int(code) + 1) % 1_000_000:06d}"
        for _ in range(4):
            assert srv.join(wrong, call_id).status_code == 400
        assert srv.join(wrong, call_id).status_code == 423
        srv.clock.advance(301)
        r2 = srv.post_call("karim_now", "leila")
        assert r2.status_code == 201
        call2 = r2.json()["call_id"]
        j = srv.join(srv.code_for(call2), call2)
        assert j.status_code == 200, j.text
        assert srv.join("\x00" * 6, call2 + "\x00").status_code == 400  # NUL never reaches PG
        end = srv.booth().post(
            f"{srv.url}/api/v1/calls/{call2}/end", json={"reason": "hangup_detainee"}, timeout=10
        )
        assert end.status_code == 200 and end.json()["status"] == "ended"
