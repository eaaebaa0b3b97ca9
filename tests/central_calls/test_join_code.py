"""The relative's code entry: generic errors, lock after 5 wrong tries, expiry, rate limit,
single use per join and the 60-second rejoin, rules' answers."""

from __future__ import annotations

import logging

import pytest
import requests
from sqlalchemy import select

from central.db.models import Call, CodeAttempt, Invitation
from central.services import invitations as inv
from tests.central_calls.conftest import CallsServer

GENERIC = (
    "Ce code n'est pas valable. Vérifiez les 6 chiffres ou demandez à votre proche "
    "de vous rappeler."
)


def _start(srv: CallsServer, contact: str = "leila") -> tuple[str, str]:
    r = srv.post_call("karim_now", contact)
    assert r.status_code in (200, 201), r.text
    call_id = r.json()["call_id"]
    return call_id, srv.code_for(call_id)


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_right_code_gives_a_join_token_and_summary(calls_server: CallsServer) -> None:
    call_id, code = _start(calls_server)
    r = calls_server.join(f"{code[:3]} {code[3:]}", call_id)  # spaces are fine
    assert r.status_code == 200, r.text
    data = r.json()
    assert len(data["join_token"]) >= 40 and data["rejoin"] is False
    call = data["call"]
    assert call["id"] == call_id
    assert call["detainee_first_name"] == "Karim"
    assert call["establishment"] == "Centre de test"
    assert call["allowed_seconds"] == 1500
    assert "phone" not in str(call) and "+336" not in str(data)
    with calls_server.session() as s:
        found = inv.resolve_join_token(s, data["join_token"], calls_server.clock.now())
        assert found is not None and found.id == call_id
        assert inv.resolve_join_token(s, "nope", calls_server.clock.now()) is None
        stored = s.scalars(select(Invitation)).one()
        assert data["join_token"] not in (stored.join_token_hash or "")


def test_without_call_hint_the_code_is_found(calls_server: CallsServer) -> None:
    call_id, code = _start(calls_server)
    r = calls_server.join(code)
    assert r.status_code == 200 and r.json()["call"]["id"] == call_id
    junk = calls_server.join(code, "pas-un-identifiant!")  # a damaged link still works
    assert junk.status_code == 200 and junk.json()["call"]["id"] == call_id


def test_wrong_and_unknown_codes_get_the_same_generic_answer(calls_server: CallsServer) -> None:
    call_id, code = _start(calls_server)
    wrong_with_hint = calls_server.join(_wrong(code), call_id)
    unknown = calls_server.join(_wrong(code))
    malformed = calls_server.join("12ab")
    bogus_hint = calls_server.join(_wrong(code), "00000000-0000-0000-0000-000000000000")
    junk_hint = calls_server.join(_wrong(code), "<script>\u0000")
    for r in (wrong_with_hint, unknown, malformed, bogus_hint, junk_hint):
        assert r.status_code == 400
        assert r.json() == {"error": {"code": "code_wrong", "message": GENERIC}}


def test_five_wrong_tries_lock_the_call(calls_server: CallsServer) -> None:
    call_id, code = _start(calls_server)
    for i in range(4):
        r = calls_server.join(_wrong(code), call_id)
        assert r.status_code == 400, (i, r.text)
    fifth = calls_server.join(_wrong(code), call_id)
    assert fifth.status_code == 423 and fifth.json()["error"]["code"] == "code_locked"
    # even the right code does not open it now, with or without the hint
    assert calls_server.join(code, call_id).json()["error"]["code"] == "code_locked"
    assert calls_server.join(code).json()["error"]["code"] == "code_locked"
    with calls_server.session() as s:
        stored = s.scalars(select(Invitation).where(Invitation.call_id == call_id)).one()
        assert stored.status == "locked" and stored.tries == 5
    # the detainee calls again: a new code works
    calls_server.clock.advance(301)
    call2, code2 = _start(calls_server)
    assert call2 != call_id
    assert calls_server.join(code2, call2).status_code == 200


def test_code_expires_after_five_minutes(calls_server: CallsServer) -> None:
    call_id, code = _start(calls_server)
    calls_server.clock.advance(299)
    calls_server.clock.advance(1)  # exactly 300 s: no longer valid
    r = calls_server.join(code, call_id)
    assert r.status_code == 410
    assert r.json()["error"] == {
        "code": "code_expired",
        "message": "Ce code n'est plus valable. Demandez à votre proche de vous rappeler.",
    }
    assert calls_server.join(code).json()["error"]["code"] == "code_expired"


def test_code_valid_just_before_expiry(calls_server: CallsServer) -> None:
    call_id, code = _start(calls_server)
    calls_server.clock.advance(299)
    assert calls_server.join(code, call_id).status_code == 200


def test_rate_limit_per_client(calls_server: CallsServer) -> None:
    call_id, code = _start(calls_server)
    for _ in range(inv.CLIENT_MAX_FAILURES):
        assert calls_server.join(_wrong(code)).status_code == 400
    blocked = calls_server.join(code, call_id)  # even the right code waits
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "too_many_tries"
    assert blocked.headers["Retry-After"] == "60"
    calls_server.clock.advance(61)
    assert calls_server.join(code, call_id).status_code == 200
    with calls_server.session() as s:
        keys = set(s.scalars(select(CodeAttempt.client_key)))
        assert keys and "127.0.0.1" not in keys  # addresses are stored hashed
    calls_server.clock.advance(24 * 3600 + 1)
    calls_server.join("000000")
    with calls_server.session() as s:
        assert len(s.scalars(select(CodeAttempt)).all()) == 1  # older attempts dropped


def test_single_use_per_join_and_rejoin_window(calls_server: CallsServer) -> None:
    srv = calls_server
    call_id, code = _start(srv)
    first = srv.join(code, call_id).json()["join_token"]
    # before anyone joined media, a reload may enter the code again (new token)
    second = srv.join(code, call_id)
    assert second.status_code == 200 and second.json()["rejoin"] is True
    token = second.json()["join_token"]
    with srv.session() as s:
        assert inv.resolve_join_token(s, first, srv.clock.now()) is None  # replaced
        inv.mark_relative_joined(s, call_id, srv.clock.now())
    # while the relative is in the call, nobody else gets in with the code
    busy = srv.join(code, call_id)
    assert busy.status_code == 409 and busy.json()["error"]["code"] == "code_used"
    srv.clock.advance(600)  # long call, code's 5 minutes are over
    with srv.session() as s:
        inv.mark_relative_left(s, call_id, srv.clock.now(), rejoin_s=60)
    srv.clock.advance(59)
    first_back = srv.join(code, call_id)
    assert first_back.status_code == 200 and first_back.json()["rejoin"] is True
    # media not back yet: the window stays open (a reload), the newest token wins
    back = srv.join(code, call_id)
    assert back.status_code == 200 and back.json()["rejoin"] is True
    with srv.session() as s:
        assert inv.resolve_join_token(s, first_back.json()["join_token"], srv.clock.now()) is None
    with srv.session() as s:
        assert inv.resolve_join_token(s, token, srv.clock.now()) is None
        assert inv.resolve_join_token(s, back.json()["join_token"], srv.clock.now()) is not None
        inv.mark_relative_joined(s, call_id, srv.clock.now())
        inv.mark_relative_left(s, call_id, srv.clock.now(), rejoin_s=60)
    srv.clock.advance(61)
    late = srv.join(code, call_id)
    assert late.status_code == 409 and late.json()["error"]["code"] == "code_used"


def test_end_call_service_closes_everything(calls_server: CallsServer) -> None:
    from central.services.calls import end_call

    srv = calls_server
    call_id, code = _start(srv)
    token = srv.join(code, call_id).json()["join_token"]
    with srv.session() as s:
        call = end_call(s, call_id, "hangup_relative", srv.clock.now(), ended_by="relay")
        assert call is not None and call.status == "ended"
        assert end_call(s, call_id, "other", srv.clock.now()) is call  # once
    with srv.session() as s:
        assert inv.resolve_join_token(s, token, srv.clock.now()) is None
    r = srv.join(code, call_id)
    assert r.status_code == 410 and r.json()["error"]["code"] == "call_over"


RULES_OK = {
    "authorised_only": True,
    "minors_present": False,
    "parental_consent": None,
    "no_indecent": True,
    "recording_notice": True,
}


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"authorised_only": False}, "rules_not_accepted"),
        ({"no_indecent": False}, "rules_not_accepted"),
        ({"recording_notice": False}, "rules_not_accepted"),
        ({"minors_present": True, "parental_consent": None}, "parental_consent_missing"),
        ({"minors_present": True, "parental_consent": False}, "parental_consent_missing"),
    ],
)
def test_rules_refused(calls_server: CallsServer, change: dict[str, object], code: str) -> None:
    call_id, sms_code = _start(calls_server)
    token = calls_server.join(sms_code, call_id).json()["join_token"]
    r = requests.post(
        f"{calls_server.url}/api/v1/join/{token}/rules", json={**RULES_OK, **change}, timeout=10
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == code
    with calls_server.session() as s:
        call = s.get(Call, call_id)
        assert call is not None and not call.rules_accepted


def test_rules_stored_with_the_call(calls_server: CallsServer) -> None:
    call_id, sms_code = _start(calls_server)
    token = calls_server.join(sms_code, call_id).json()["join_token"]
    body = {**RULES_OK, "minors_present": True, "parental_consent": True}
    r = requests.post(f"{calls_server.url}/api/v1/join/{token}/rules", json=body, timeout=10)
    assert r.status_code == 200 and r.json()["rules_accepted"] is True
    with calls_server.session() as s:
        call = s.get(Call, call_id)
        assert call is not None
        assert call.rules_accepted and call.minors_present and call.minors_consent
        assert call.capture_consent and call.accepted_at == calls_server.clock.now()
    bad = requests.post(f"{calls_server.url}/api/v1/join/not-a-token/rules", json=body, timeout=10)
    assert bad.status_code == 404 and bad.json()["error"]["code"] == "join_invalid"
    state = requests.get(f"{calls_server.url}/api/v1/join/{token}", timeout=10)
    assert state.status_code == 200 and state.json()["id"] == call_id


def test_code_never_in_logs(calls_server: CallsServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    call_id, code = _start(calls_server)
    calls_server.join(_wrong(code), call_id)
    token = calls_server.join(code, call_id).json()["join_token"]
    assert code not in caplog.text and token not in caplog.text
