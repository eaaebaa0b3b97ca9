"""Bad input: a 4xx with the common JSON error shape, never a 500, nothing written."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from sqlalchemy import func, select

from central.db.models import AuditEntry, Booking, LedgerEntry, SelfTestReport
from tests.central.helpers import assert_error, local_slot


def counts(server) -> tuple[int, ...]:
    with server.session() as s:
        return tuple(
            int(s.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Booking, LedgerEntry, SelfTestReport, AuditEntry)
        )


@pytest.fixture
def unchanged(central_server) -> Iterator[None]:
    """The test must leave the database exactly as it found it."""
    before = counts(central_server)
    yield
    assert counts(central_server) == before


def raw_post(server, path: str, data: bytes | Iterator[bytes], content_type="application/json"):
    headers = {**server.headers(), "Content-Type": content_type}
    return requests.post(server.api(path), data=data, headers=headers, timeout=30)


@pytest.mark.parametrize("path", ["/bookings", "/usage", "/selftests", "/audit"])
def test_malformed_json(central_server, unchanged, path):
    for body in (b"{", b'{"detainee_id": 1,', b"\xff\xfe", b"nul"):
        assert_error(raw_post(central_server, path, body), 400, "malformed_json")


@pytest.mark.parametrize(
    "body",
    [
        [],
        "texte",
        {},
        {"detainee_id": "abc", "starts_at": "2030-01-01T10:00:00Z"},
        {"detainee_id": 1, "starts_at": "2030-01-01T10:00:00"},  # no timezone
        {"detainee_id": 1, "starts_at": "demain"},
        {"detainee_id": -4, "starts_at": "2030-01-01T10:00:00Z"},
        {"detainee_id": 10**30, "starts_at": "2030-01-01T10:00:00Z"},
        {"detainee_id": 1.5, "starts_at": "2030-01-01T10:00:00Z"},
        {"detainee_id": 1, "starts_at": "2030-01-01T10:00:00Z", "client_ref": "a b"},
    ],
)
def test_booking_wrong_types(central_server, unchanged, body):
    assert_error(central_server.post("/bookings", json=body), 422, "invalid_input")


@pytest.mark.parametrize(
    "body",
    [
        {"records": []},
        {"records": "x"},
        {"records": [{"call_id": "x"}]},
        {"records": [{"call_id": "../../etc", "detainee_id": 1}]},
    ],
)
def test_usage_wrong_shapes(central_server, unchanged, body):
    assert_error(central_server.post("/usage", json=body), 422, "invalid_input")


def test_usage_batch_too_long(central_server, unchanged):
    record = {
        "call_id": "c1", "detainee_id": 1, "plan": "20", "started_at": "2030-01-01T10:00:00Z",
        "ended_at": "2030-01-01T10:10:00Z", "connected_seconds": 1, "end_reason": "hangup",
    }  # fmt: skip
    assert_error(central_server.post("/usage", json={"records": [record] * 201}), 422)


def test_oversized_bodies_are_413(central_server, unchanged):
    big = b'{"records": ["' + b"x" * (2 * 1024 * 1024) + b'"]}'
    assert_error(raw_post(central_server, "/usage", big), 413, "payload_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer
        yield b'{"records": ["'
        for _ in range(40):
            yield b"y" * 65536
        yield b'"]}'

    assert_error(raw_post(central_server, "/usage", chunks()), 413, "payload_too_large")


def test_unknown_ids_paths_and_methods(central_server, unchanged):
    assert_error(central_server.delete("/bookings/987654"), 404, "not_found")
    assert_error(central_server.delete("/bookings/abc"), 422)
    assert_error(central_server.delete("/bookings/0"), 422)
    assert_error(central_server.get("/nowhere"), 404, "not_found")
    assert_error(requests.put(central_server.api("/time"), timeout=10), 405)
    r = central_server.get("/slots", params={"date": "2030-13-45", "detainee_id": 1})
    assert_error(r, 422)
    r = central_server.get("/slots", params={"date": "2030-01-01", "detainee_id": 987654})
    assert_error(r, 404)


def test_non_json_content_type(central_server, unchanged):
    body = b'{"detainee_id": 1, "starts_at": "2030-01-01T10:00:00Z"}'
    r = raw_post(central_server, "/bookings", body, content_type="text/plain")
    assert 400 <= r.status_code < 500
    assert "error" in r.json()


def test_refused_booking_writes_nothing(central_server):
    d = central_server.create_detainee()
    before = counts(central_server)
    r = central_server.post(
        "/bookings", json={"detainee_id": d, "starts_at": local_slot(-2, 10).isoformat()}
    )
    assert_error(r, 409, "slot_in_past")
    assert counts(central_server) == before


def test_no_secret_in_server_log(central_server):
    """Tokens never appear in the logs, nor query strings (cursor) or raw paths."""
    import time

    central_server.get("/booth/reference", params={"cursor": "424242"})
    requests.get(
        central_server.api("/booth/reference"), params={"token": "s3cr3t-in-query"}, timeout=10
    )
    requests.post(central_server.api("/join/JOINTOKEN4242/rules"), json={}, timeout=10)
    central_server.get("/time", params={"marker": "end"})
    # The access line is written just after the answer is sent: wait for the last one.
    deadline = time.monotonic() + 20
    while '"route": "/api/v1/time"' not in central_server.log_text()[-20000:]:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.2)
    log = central_server.log_text()
    assert "JOINTOKEN4242" not in log  # path parameters: only the route template is logged
    assert "/api/v1/join/{join_token}/rules" in log or '"route": "<unmatched>"' in log
    assert central_server.booth_token not in log
    assert "s3cr3t-in-query" not in log
    assert "424242" not in log
    assert '"route": "/api/v1/booth/reference"' in log


@pytest.mark.parametrize(
    "starts_at",
    ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00"],
)
def test_out_of_range_times_are_422(central_server, unchanged, starts_at):
    r = central_server.post("/bookings", json={"detainee_id": 1, "starts_at": starts_at})
    err = assert_error(r, 422, "invalid_input")
    assert "hors limites" in err["message"]


def test_far_dates_give_no_slots(central_server, unchanged):
    d = central_server.create_detainee(balance_cents=0)
    for day in ("0001-01-01", "9999-12-31"):
        r = central_server.get("/slots", params={"date": day, "detainee_id": d})
        assert r.status_code == 200 and r.json()["slots"] == []


def test_nul_characters_are_refused(central_server, unchanged):
    event = {
        "client_id": "nul-1", "at": "2026-01-01T00:00:00Z", "action": "x\x00y",
        "details": {},
    }  # fmt: skip
    assert_error(central_server.post("/audit", json={"events": [event]}), 422)
    event.update(action="ok", details={"k": ["a\x00"]})
    assert_error(central_server.post("/audit", json={"events": [event]}), 422)
