"""The media endpoints refuse clearly (JSON error, French message) and change nothing."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from tests.e2e.conftest import make_world, sms_for

OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"


def _error(resp: requests.Response, status: int, code: str | None = None) -> None:
    assert resp.status_code == status, resp.text
    body = resp.json()["error"]
    assert body["message"] and "Traceback" not in body["message"]
    if code is not None:
        assert body["code"] == code


@pytest.fixture
def placed(e2e_central: Any) -> Any:
    server = e2e_central
    world = make_world(server)
    r = server.post("/calls", token=world.booth_token,
                    json={"booking_id": world.booking_id, "contact_id": world.contact_id})
    assert r.status_code == 201, r.text
    return server, world, r.json()["call_id"]


def test_booth_media_refusals(placed: Any) -> None:
    server, world, call_id = placed
    url = server.api(f"/calls/{call_id}/media")
    _error(requests.post(url, json={"sdp": OFFER, "type": "offer"}, timeout=10), 401)
    _error(server.post(f"/calls/{call_id}/media", token="wrong", json={"sdp": OFFER,
                                                                      "type": "offer"}), 401)
    _error(server.post(f"/calls/{call_id}/media", token=world.booth_token,
                       json={"sdp": OFFER, "type": "answer"}), 422)
    _error(server.post(f"/calls/{call_id}/media", token=world.booth_token,
                       json={"sdp": "x" * 200_001, "type": "offer"}), 422)
    _error(server.post(f"/calls/{call_id}/media", token=world.booth_token,
                       json={"sdp": "not an sdp at all", "type": "offer"}), 400, "bad_offer")
    _error(server.post(f"/calls/{call_id}/media", token=world.booth_token,
                       json={"sdp": OFFER, "type": "offer"}), 400, "bad_offer")
    _error(server.post("/calls/nope/media", token=world.booth_token,
                       json={"sdp": OFFER, "type": "offer"}), 404, "call_not_found")
    other = make_world(server)  # another booth cannot use this call
    _error(server.post(f"/calls/{call_id}/media", token=other.booth_token,
                       json={"sdp": OFFER, "type": "offer"}), 404, "call_not_found")
    server.post(f"/calls/{call_id}/end", token=world.booth_token, json={"reason": "test"})
    _error(server.post(f"/calls/{call_id}/media", token=world.booth_token,
                       json={"sdp": OFFER, "type": "offer"}), 410, "call_over")


def test_relative_media_needs_the_rules(placed: Any) -> None:
    server, _world, call_id = placed
    code, _query = sms_for(server, call_id)
    _error(requests.post(server.api("/join/unknown/media"),
                         json={"sdp": OFFER, "type": "offer"}, timeout=10), 404, "join_invalid")
    token = requests.post(server.api("/join/code"), json={"code": code, "call_id": call_id},
                          timeout=10).json()["join_token"]
    _error(requests.post(server.api(f"/join/{token}/media"), json={"sdp": OFFER, "type": "offer"},
                         timeout=10), 409, "rules_required")
    rules = {"authorised_only": True, "minors_present": False, "no_indecent": True,
             "recording_notice": True}
    assert requests.post(server.api(f"/join/{token}/rules"), json=rules,
                         timeout=10).status_code == 200
    ice = requests.get(server.api(f"/join/{token}/ice"), timeout=10)
    assert ice.status_code == 200 and ice.json() == {"ice_servers": []}  # none by default
    assert requests.post(server.api(f"/join/{token}/leave"), timeout=10).status_code == 204


def test_call_ended_by_central_stops_the_media(e2e_central: Any, booth_factory: Any,
                                               loopback_ice: None) -> None:
    """Ended through the API (booth or monitor): the relay ends it and tells the booth."""
    server = e2e_central
    world = make_world(server)
    booth = booth_factory(server, world)
    call_id = booth.place()
    booth.wait_event("hello")
    r = server.post(f"/calls/{call_id}/end", token=world.booth_token, json={"reason": "monitor"})
    assert r.status_code == 200
    ended = booth.wait_event("ended")
    assert ended.data == {"reason": "ended_by_central", "connected_s": 0}
    assert booth.engine.result is not None and not booth.engine.result.ever_connected
    assert booth.push_usage() == 1  # a record with 0 s: the call costs nothing
    assert server.balance(world.detainee_id) == 2000
