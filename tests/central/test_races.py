"""Concurrency on a real server: one winner per slot, one debit per call.

The same scenarios run on SQLite (the session's server) and on PostgreSQL
(a cluster started by the `postgres_url` fixture).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
import requests
from sqlalchemy import func, select

from central.db.models import Booking, LedgerEntry
from central.services.audit import verify_chain
from central.services.ledger import check_balances
from tests.central.helpers import local_slot, usage_record

WORKERS = 12


def _race(calls):
    """Run the callables at the same moment from separate threads."""
    barrier = Barrier(len(calls))

    def run(fn):
        barrier.wait()
        return fn()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def booking_race_one_slot(server) -> None:
    booth, token = server.create_booth()
    detainees = [server.create_detainee(pin=None) for _ in range(WORKERS)]
    start = local_slot(5, 11).isoformat()
    url = server.api("/bookings")
    headers = server.headers(token)
    statuses = _race(
        [
            lambda d=d: requests.post(
                url, json={"detainee_id": d, "starts_at": start}, headers=headers, timeout=60
            )
            for d in detainees
        ]
    )
    codes = sorted(r.status_code for r in statuses)
    assert codes == [201] + [409] * (WORKERS - 1), [r.text for r in statuses]
    assert {r.json()["error"]["code"] for r in statuses if r.status_code == 409} == {"slot_taken"}
    with server.session() as s:
        active = s.scalar(
            select(func.count())
            .select_from(Booking)
            .where(Booking.booth_id == booth, Booking.status == "active")
        )
    assert active == 1


def booking_race_one_detainee(server) -> None:
    """The same detainee on many booths at the same time: one booking only."""
    booths = [server.create_booth() for _ in range(6)]
    d = server.create_detainee(pin=None)
    start = local_slot(6, 15).isoformat()
    url = server.api("/bookings")
    statuses = _race(
        [
            lambda t=t: requests.post(
                url,
                json={"detainee_id": d, "starts_at": start},
                headers=server.headers(t),
                timeout=60,
            )
            for _b, t in booths
        ]
    )
    codes = sorted(r.status_code for r in statuses)
    assert codes == [201] + [409] * 5, [r.text for r in statuses]
    with server.session() as s:
        n = s.scalar(
            select(func.count())
            .select_from(Booking)
            .where(Booking.detainee_id == d, Booking.status == "active")
        )
    assert n == 1


def usage_race_one_call(server) -> None:
    """The same usage record posted many times at once: one debit, every answer agrees."""
    booth, token = server.create_booth()
    d = server.create_detainee(balance_cents=2000)
    c = server.create_contact(d)
    b = server.create_booking(d, booth_id=booth)
    call = server.create_call(b, c)
    body = {"records": [usage_record(call, d, seconds=125)]}
    url = server.api("/usage")
    answers = _race(
        [
            lambda: requests.post(url, json=body, headers=server.headers(token), timeout=60)
            for _ in range(WORKERS)
        ]
    )
    assert all(r.status_code == 200 for r in answers), [r.text for r in answers]
    results = [r.json()["results"][0] for r in answers]
    assert sorted(x["status"] for x in results) == ["accepted"] + ["duplicate"] * (WORKERS - 1)
    # 125 s hors-forfait: 0.30 * 125 / 60 + 0.14 = 0.765 → 0.77 (half-up, once per call)
    assert {x["price_cents"] for x in results} == {77}
    assert {x["balance_cents"] for x in results} == {2000 - 77}
    assert server.balance(d) == 2000 - 77
    with server.session() as s:
        debits = s.scalar(
            select(func.count()).select_from(LedgerEntry).where(LedgerEntry.call_id == call)
        )
        assert debits == 1
        assert check_balances(s) == []
        assert verify_chain(s) is None


def test_booking_race_sqlite(central_server):
    booking_race_one_slot(central_server)


def test_detainee_race_sqlite(central_server):
    booking_race_one_detainee(central_server)


def test_usage_race_sqlite(central_server):
    usage_race_one_call(central_server)


@pytest.fixture
def pg_server(central_server_factory, postgres_url):
    return central_server_factory(db_url=postgres_url, extra_args=())


@pytest.mark.pg
def test_races_postgresql(pg_server):
    assert pg_server.db_url.startswith("postgresql+psycopg://")
    booking_race_one_slot(pg_server)
    booking_race_one_detainee(pg_server)
    usage_race_one_call(pg_server)


def audit_race(server) -> None:
    """Many writers appending to the audit log at once: one unbroken chain, no lost entry."""
    from central.db.models import AuditHead
    from central.services import audit

    with server.session() as s:
        start = s.scalar(select(AuditHead.seq).where(AuditHead.id == 1))

    def writer(i: int):
        def run() -> None:
            for j in range(5):
                with server.session() as s:
                    audit.append(s, f"test:{i}", "race", f"n:{j}", {"i": i, "j": j})

        return run

    _race([writer(i) for i in range(8)])
    with server.session() as s:
        assert s.scalar(select(AuditHead.seq).where(AuditHead.id == 1)) == start + 40
        assert verify_chain(s) is None


def test_audit_race_sqlite(central_server):
    audit_race(central_server)


@pytest.mark.pg
def test_audit_race_postgresql(pg_server):
    audit_race(pg_server)
