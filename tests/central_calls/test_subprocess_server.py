"""Against `parloir central serve` in a subprocess (central-core's fixtures, system clock)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import requests

from central.services.demo_seed import BOOTHS


def _code(url: str, call_id: str) -> str:
    msgs = requests.get(f"{url}/dev/sms.json", timeout=30).json()["messages"]
    body = next(m["body"] for m in msgs if m["call_id"] == call_id)
    found = re.search(r"Code : (\d{6})", body)
    assert found, body
    return found.group(1)


def test_full_flow_on_the_served_app(central_server: Any) -> None:
    srv = central_server
    det = srv.create_detainee(first_name="Nadia", balance_cents=1500)
    contact = srv.create_contact(det, phone="+33612340001")
    booking = srv.create_booking(det)
    r = srv.post("/calls", json={"booking_id": booking, "contact_id": contact})
    assert r.status_code == 201, r.text
    call_id = r.json()["call_id"]
    assert r.json()["join_url"].endswith(f"/rejoindre?c={call_id}")
    code = _code(srv.url, call_id)
    j = requests.post(srv.api("/join/code"), json={"code": code, "call_id": call_id}, timeout=30)
    assert j.status_code == 200, j.text
    assert j.json()["call"]["detainee_first_name"] == "Nadia"
    token = j.json()["join_token"]
    rules = {
        "authorised_only": True,
        "minors_present": False,
        "parental_consent": None,
        "no_indecent": True,
        "recording_notice": True,
    }
    assert requests.post(srv.api(f"/join/{token}/rules"), json=rules, timeout=30).ok
    end = srv.post(f"/calls/{call_id}/end", json={"reason": "hangup_detainee"})
    assert end.status_code == 200 and end.json()["status"] == "ended"
    assert code not in srv.log_text() and token not in srv.log_text()


def test_serve_demo_seeds_and_demo_tokens_work(
    central_server_factory: Callable[..., Any],
) -> None:
    srv = central_server_factory(extra_args=("--dev", "--demo"))
    token = BOOTHS[0][1]
    r = requests.get(
        srv.api("/booth/reference"), headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert r.status_code == 200, r.text
    assert "Centre pénitentiaire de Démo" in r.text
    page = requests.get(f"{srv.url}/dev/sms", timeout=30)
    assert page.status_code == 200 and "SMS envoyés" in page.text
