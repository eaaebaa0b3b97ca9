"""POST /api/v1/calls against a real server: the happy path and each refusal."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import requests
from sqlalchemy import select

from central.db.models import AuditEntry, Call, Invitation
from tests.central_calls.conftest import CallsServer


def test_happy_path_creates_call_invitation_and_sms(calls_server: CallsServer) -> None:
    srv = calls_server
    r = srv.post_call("karim_now", "leila")
    assert r.status_code == 201, r.text
    data = r.json()
    assert data["status"] == "inviting" and data["created"] is True
    assert data["masked_number"].endswith("01") and "12 34" not in data["masked_number"]
    assert data["plan"] == "hors-forfait" and data["tariff_version"]
    assert data["balance_cents"] == 2000
    # 20.00 € hors forfait pays (20.00-0.14)/0.30 min = 66 min > 25 min left in the slot
    assert data["allowed_seconds"] == 25 * 60
    assert data["recorded"] is True
    assert data["join_url"] == f"{srv.url}/rejoindre?c={data['call_id']}"

    sms = srv.sms()
    assert len(sms) == 1 and sms[0]["to"] == "+33612345601"
    body = sms[0]["body"]
    assert body.startswith("Parloir : Karim vous appelle en visio. Code : ")
    assert "valable 5 minutes (jusqu'à 10 h 05)" in body  # Paris time, Babel format
    assert data["join_url"] in body
    code = re.search(r"Code : (\d{6})", body)
    assert code is not None

    with srv.session() as s:
        call = s.get(Call, data["call_id"])
        assert call is not None and call.plan == "hors-forfait" and call.allowed_seconds == 1500
        inv = s.scalars(select(Invitation).where(Invitation.call_id == call.id)).one()
        assert code.group(1) not in inv.code_hash and len(inv.code_hash) == 64
        assert inv.expires_at == srv.clock.now() + timedelta(minutes=5)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "call.start")).one()
        assert '"tariff_version"' in entry.details and code.group(1) not in entry.details


def test_same_request_twice_is_idempotent(calls_server: CallsServer) -> None:
    first = calls_server.post_call("karim_now", "leila")
    again = calls_server.post_call("karim_now", "leila")
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["call_id"] == first.json()["call_id"]
    assert again.json()["created"] is False
    assert len(calls_server.sms()) == 1  # no second SMS


def test_other_contact_while_a_call_is_live_is_refused(calls_server: CallsServer) -> None:
    assert calls_server.post_call("karim_now", "leila").status_code == 201
    r = calls_server.post_call("karim_now", "mother")
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "call_already_active"


def test_expired_invitation_lets_the_detainee_call_again(calls_server: CallsServer) -> None:
    first = calls_server.post_call("karim_now", "leila").json()
    calls_server.clock.advance(301)
    again = calls_server.post_call("karim_now", "leila")
    assert again.status_code == 201
    assert again.json()["call_id"] != first["call_id"]
    with calls_server.session() as s:
        old = s.get(Call, first["call_id"])
        assert old is not None and old.status == "ended"
        assert old.end_reason == "invitation_expired"
    assert len(calls_server.sms()) == 2


@pytest.mark.parametrize(
    ("booking", "contact", "status", "code"),
    [
        ("karim_now", "suspended", 409, "contact_suspended"),
        ("karim_now", "withdrawn", 409, "contact_withdrawn"),
        ("karim_now", "paul_wife", 409, "contact_not_authorised"),  # not Karim's number
        ("karim_later", "leila", 409, "outside_booking"),
        ("paul_now", "paul_wife", 409, "booking_other_booth"),
        ("sami_now", "sami_wife", 409, "access_suspended"),
    ],
)
def test_refusals(
    calls_server: CallsServer, booking: str, contact: str, status: int, code: str
) -> None:
    r = calls_server.post_call(booking, contact)
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["code"] == code
    assert err["message"] and err["message"][0].isupper()  # a French sentence
    assert calls_server.sms() == []
    with calls_server.session() as s:
        assert s.scalars(select(Call)).all() == []


def test_balance_too_low(calls_server: CallsServer) -> None:
    r = calls_server.post_call("paul_now", "paul_wife", token=calls_server.world.other_booth_token)
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "balance_too_low"
    assert "crédit" in r.json()["error"]["message"]


def test_booking_over_and_suspension_end(calls_server: CallsServer) -> None:
    calls_server.clock.advance(26 * 60)  # the 30-min slot started 5 min before START
    r = calls_server.post_call("karim_now", "leila")
    assert r.json()["error"]["code"] == "booking_over"


def test_unknown_booking_and_bad_token(calls_server: CallsServer) -> None:
    r = calls_server.booth().post(
        f"{calls_server.url}/api/v1/calls", json={"booking_id": 999, "contact_id": 1}, timeout=10
    )
    assert r.status_code == 404 and r.json()["error"]["code"] == "booking_not_found"
    r = requests.post(
        f"{calls_server.url}/api/v1/calls", json={"booking_id": 1, "contact_id": 1}, timeout=10
    )
    assert r.status_code == 401
    r = calls_server.booth().post(
        f"{calls_server.url}/api/v1/calls", json={"booking_id": "x"}, timeout=10
    )
    assert r.status_code == 422 and "error" in r.json()


def test_allowed_seconds_limited_by_balance(calls_server: CallsServer) -> None:
    from central.db.models import Detainee

    with calls_server.session() as s:
        det = s.get(Detainee, calls_server.world.detainee_id)
        assert det is not None
        det.balance_cents = 314  # 0.14 fee + 10 min at 0.30
    r = calls_server.post_call("karim_now", "leila")
    assert r.status_code == 201, r.text
    assert r.json()["allowed_seconds"] == 600


def test_protected_number_is_not_recorded(calls_server: CallsServer) -> None:
    r = calls_server.post_call("karim_now", "lawyer")
    assert r.status_code == 201
    assert r.json()["recorded"] is False


def test_end_call(calls_server: CallsServer) -> None:
    srv = calls_server
    call_id = srv.post_call("karim_now", "leila").json()["call_id"]
    other = srv.booth(srv.world.other_booth_token).post(
        f"{srv.url}/api/v1/calls/{call_id}/end", json={"reason": "hangup_detainee"}, timeout=10
    )
    assert other.status_code == 404  # not this booth's call
    r = srv.booth().post(
        f"{srv.url}/api/v1/calls/{call_id}/end", json={"reason": "hangup_detainee"}, timeout=10
    )
    assert r.status_code == 200 and r.json()["status"] == "ended"
    assert r.json()["end_reason"] == "hangup_detainee"
    again = srv.booth().post(
        f"{srv.url}/api/v1/calls/{call_id}/end", json={"reason": "other"}, timeout=10
    )
    assert again.json()["end_reason"] == "hangup_detainee"  # idempotent
    # the code of an ended call says so
    code = srv.code_for(call_id)
    j = srv.join(code, call_id)
    assert j.status_code == 410 and j.json()["error"]["code"] == "call_over"


def test_concurrent_starts_make_one_call_and_one_sms(calls_server: CallsServer) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda _i: calls_server.post_call("karim_now", "leila"), range(6)))
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [200, 200, 200, 200, 200, 201], [r.text for r in answers]
    assert len({r.json()["call_id"] for r in answers}) == 1
    assert len(calls_server.sms()) == 1


def test_sms_text_follows_the_ttl() -> None:
    from datetime import UTC, datetime

    from central.services.calls import sms_text

    at = datetime(2026, 7, 1, 12, 5, tzinfo=UTC)  # 14 h 05 in Paris (summer time)
    text = sms_text("Karim", "012345", at, "Europe/Paris", "https://x/rejoindre?c=1", 120)
    assert text == (
        "Parloir : Karim vous appelle en visio. Code : 012345, valable 2 minutes "
        "(jusqu'à 14 h 05). https://x/rejoindre?c=1"
    )
    assert "valable 90 secondes" in sms_text("K", "1", at, "Europe/Paris", "u", 90)
