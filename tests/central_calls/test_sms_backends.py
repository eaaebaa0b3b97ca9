"""POST /calls with the HTTP SMS backend (provider stand-in), and /dev/sms only in dev mode."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from central.db.models import Call
from central.db.models import SmsMessage as SmsRow
from central.settings import SmsSettings
from tests.central_calls.conftest import run_server
from tests.central_calls.provider_standin import provider_standin


def _settings(url: str, retries: int = 1) -> SmsSettings:
    return SmsSettings(
        backend="http",
        url=url,
        auth_header="Authorization: Bearer prov-key",
        body_template='{"to": "{to}", "message": "{body}"}',
        timeout_s=0.5,
        retries=retries,
    )


def test_http_backend_sends_and_keeps_the_code_out_of_the_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with provider_standin() as prov:
        prov.script = [500, "ok"]  # one retry
        with run_server(tmp_path, monkeypatch, dev_mode=False, sms=_settings(prov.url)) as srv:
            r = srv.post_call("karim_now", "leila")
            assert r.status_code == 201, r.text
            assert len(prov.received) == 2
            got = prov.received[-1]
            assert got.headers["Authorization"] == "Bearer prov-key"
            assert got.body["to"] == "+33612345601"
            code = re.search(r"Code : (\d{6})", got.body["message"])
            assert code is not None
            with srv.session() as s:
                row = s.scalars(select(SmsRow)).one()
                assert row.status == "sent" and row.attempts == 2
                assert code.group(1) not in row.body and "••••••" in row.body
            # the relative types the code from the real SMS
            j = srv.join(code.group(1), r.json()["call_id"])
            assert j.status_code == 200
            # dev page is off outside dev mode
            assert requests.get(f"{srv.url}/dev/sms", timeout=10).status_code == 404
            assert requests.get(f"{srv.url}/dev/sms.json", timeout=10).status_code == 404


def test_http_backend_failure_ends_the_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with provider_standin() as prov:
        prov.script = [503, 503, 503]
        with run_server(tmp_path, monkeypatch, sms=_settings(prov.url)) as srv:
            r = srv.post_call("karim_now", "leila")
            assert r.status_code == 502
            assert r.json()["error"]["code"] == "sms_failed"
            with srv.session() as s:
                call = s.scalars(select(Call)).one()
                assert call.status == "failed" and call.end_reason == "sms_failed"
                assert s.scalars(select(SmsRow)).one().status == "failed"
            # the detainee can try again at once
            prov.script = ["ok"]
            again = srv.post_call("karim_now", "leila")
            assert again.status_code == 201


def test_dev_sms_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with run_server(tmp_path, monkeypatch) as srv:
        empty = requests.get(f"{srv.url}/dev/sms", timeout=10)
        assert empty.status_code == 200 and "Aucun SMS" in empty.text
        srv.post_call("karim_now", "leila")
        srv.post_call("karim_now", "leila")  # idempotent: still one SMS
        srv.clock.advance(301)
        srv.post_call("karim_now", "leila")  # a new call, a new SMS
        page = requests.get(f"{srv.url}/dev/sms", timeout=10)
        assert page.status_code == 200
        assert 'http-equiv="refresh" content="2"' in page.text
        assert '<html lang="fr">' in page.text
        assert page.text.count('class="sms"') == 2
        msgs = srv.sms()
        assert msgs[0]["id"] > msgs[1]["id"]  # newest first
        assert msgs[0]["body"] in page.text.replace("&#x27;", "'")
