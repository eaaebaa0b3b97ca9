"""The sync client against the REAL central server on loopback, with injected faults."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from parloir.tariff_data import load_default_tariff_book
from policy.billing import price_call
from sync import outbox as ob
from sync.client import CentralRefusal, CentralUnavailable, SyncClient
from sync.store import LocalStore
from tests.fixtures.central_server import ROOT, stop_process, wait_healthy
from tests.sync.central_helpers import PlannedCall, booth_settings, central_usage, plan_calls
from tests.sync.faultproxy import DELAY, DROP_RESPONSE, ERROR_500, HANG, Action, FaultProxy


def record_calls(store: LocalStore, calls: list[PlannedCall]) -> dict[str, int]:
    """Run each call locally to its end (checkpoints then finish); returns booth prices."""
    prices = {}
    for c in calls:
        start = datetime.now(UTC)
        ob.start_call_checkpoint(
            store,
            call_id=c.call_id,
            detainee_id=str(c.detainee_id),
            plan=c.plan,
            started_at=start,
            booking_id=str(c.booking_id),
            contact_id=str(c.contact_id),
        )
        con = start + timedelta(seconds=5)
        ob.checkpoint(store, c.call_id, connected_seconds=0, at=con, connected_at=con)
        rec = ob.finish_call(
            store,
            c.call_id,
            ended_at=con + timedelta(seconds=c.seconds),
            connected_seconds=c.seconds,
            end_reason="hangup_detainee",
        )
        prices[c.call_id] = rec.price_cents
    return prices


def assert_exactly_once(
    server: Any, calls: list[PlannedCall], booth_prices: dict[str, int]
) -> None:
    book = load_default_tariff_book()
    got = central_usage(server, [c.call_id for c in calls])
    for c in calls:
        row = got[c.call_id]
        expected = price_call(book.in_force(datetime.now(UTC)), c.plan, row["seconds"]).total_cents
        assert row["received"] and row["outcome"] == "accepted", (c.call_id, row)
        assert row["seconds"] <= c.seconds  # never more than was connected
        assert row["price_cents"] == expected
        assert row["debits"] == (1 if expected > 0 else 0)
        assert row["debited_cents"] == expected
        if c.call_id in booth_prices:
            assert booth_prices[c.call_id] == expected == row["booth_price_cents"]


def test_reference_pull_from_central(central_server: Any, tmp_path: Path) -> None:
    srv = central_server
    d = srv.create_detainee(pin="4321", balance_cents=2500, first_name="Ali", last_name="Ben")
    c = srv.create_contact(d, name="Samia Ben")
    b = srv.create_booking(
        d, starts_at=datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1, seconds=17)
    )
    g = srv.create_staff("guard", pin="5555")
    with LocalStore(tmp_path / "booth.sqlite3") as store:
        client = SyncClient(booth_settings(srv.url, srv.booth_token, tmp_path), store)
        report = client.sync_once()
        assert report.pulled_batches >= 1 and report.clock_drift_s is not None
        assert abs(report.clock_drift_s) < 5
        from central.db.models import Detainee

        with srv.session() as s:
            ecrou = s.get(Detainee, d).ecrou
        who = store.verify_detainee_pin(ecrou, "4321")
        assert who is not None and who.id == str(d) and who.display_name == "Ali Ben"
        assert store.verify_detainee_pin(ecrou, "0000") is None
        assert [x.display_name for x in store.contacts(str(d))] == ["Samia Ben"]
        assert (
            "•" in store.contacts(str(d))[0].phone_masked
            or "*" in store.contacts(str(d))[0].phone_masked
        )
        assert str(b) in [
            x.id for x in store.upcoming_bookings(datetime.now(UTC), detainee_id=str(d))
        ]
        staff = store.verify_staff_pin("5555", "guard")
        assert staff is not None and staff.id == str(g)
        assert store.balance(str(d)).available_cents == 2500
        assert store.establishment()["timezone"] == "Europe/Paris"
        # an incremental change on central reaches the booth
        from central.db.models import Contact

        with srv.session() as s:
            s.get(Contact, c).status = "suspended"
        client.sync_once()
        assert store.contacts(str(d))[0].status == "suspended"


def test_usage_through_faults_is_debited_exactly_once(
    central_server: Any, central_proxy: FaultProxy, tmp_path: Path
) -> None:
    srv, proxy = central_server, central_proxy
    calls = plan_calls(srv, 12)
    with LocalStore(tmp_path / "booth.sqlite3") as store:
        client = SyncClient(
            booth_settings(proxy.url, srv.booth_token, tmp_path, timeout_s=1.0, batch_size=5), store
        )
        prices = record_calls(store, calls)
        proxy.down = True  # central down at start
        with pytest.raises(CentralUnavailable):
            client.sync_once()
        assert client.status().offline_since is not None and client.status().queue_length == 12
        proxy.down = False
        usage = "/api/v1/usage"
        for action in (DROP_RESPONSE, ERROR_500, HANG):  # lost after commit, 500, timeout
            proxy.set_rule(
                lambda m, p, n, a=action: Action(a) if p == usage and n < 50 else Action()
            )
            with pytest.raises(CentralUnavailable):
                client.sync_once()
        committed = sum(
            1 for r in central_usage(srv, [c.call_id for c in calls]).values() if r["received"]
        )
        assert committed >= 5  # the lost response did commit on central
        proxy.set_rule(lambda m, p, n: Action(DELAY, 0.3))  # slow, but in time
        client.sync_once()
        assert client.status().queue_length == 0 and client.status().online
        assert_exactly_once(srv, calls, prices)
        # the balance shown at the booth is central's, debits not subtracted twice
        for d in {c.detainee_id for c in calls}:
            assert store.balance(str(d)).available_cents == srv.balance(d)


def _restart(server: Any) -> subprocess.Popen[bytes]:
    port = urlsplit(server.url).port
    cmd = [
        sys.executable, "-m", "parloir", "central", "serve", "--host", "127.0.0.1",
        "--port", str(port), "--data-dir", str(server.data_dir), "--db", server.db_url, "--dev",
    ]  # fmt: skip
    log = (server.data_dir / "server2.log").open("wb")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    wait_healthy(server.url, proc, server.data_dir / "server2.log")
    return proc


@pytest.mark.slow
def test_central_killed_in_the_middle_of_a_batch(
    central_server_factory: Any, tmp_path: Path
) -> None:
    srv = central_server_factory()
    calls = plan_calls(srv, 120, detainees=2)
    parts = urlsplit(srv.url)
    with (
        FaultProxy((str(parts.hostname), int(parts.port or 80))) as proxy,
        LocalStore(tmp_path / "b.sqlite3") as store,
    ):
        client = SyncClient(
            booth_settings(proxy.url, srv.booth_token, tmp_path, timeout_s=60, batch_size=120),
            store,
        )
        prices = record_calls(store, calls)
        killed = threading.Event()

        def kill_once_committing() -> None:
            """SIGKILL central once it has committed the first records of the batch.

            Reads central's SQLite file directly (fast) and, as soon as a record is
            in, freezes central (SIGSTOP, immediate) so it cannot finish the batch
            before the kill. (Taking SQLite's write lock instead lost the race on
            an idle machine: SQLite's busy handler backs off while central commits.)
            """
            import sqlite3

            ids = [c.call_id for c in calls]
            marks = ",".join("?" * len(ids))
            con = sqlite3.connect(srv.db_url.removeprefix("sqlite:///"), timeout=30)
            con.isolation_level = None
            try:
                for _ in range(20_000):
                    row = con.execute(
                        "SELECT count(*) FROM calls WHERE usage_received_at IS NOT NULL"
                        f" AND id IN ({marks})",
                        ids,
                    ).fetchone()
                    if row[0]:
                        srv.process.send_signal(signal.SIGSTOP)
                        break
                    time.sleep(0.001)
                srv.process.send_signal(signal.SIGKILL)
                srv.process.wait(10)
            finally:
                con.close()

        def rule(method: str, path: str, n: int) -> Action:
            if path == "/api/v1/usage" and not killed.is_set():
                killed.set()
                threading.Thread(target=kill_once_committing, daemon=True).start()
            return Action()

        proxy.set_rule(rule)
        with pytest.raises(CentralUnavailable):
            client.sync_once()
        srv.process.wait(10)
        done = [r for r in central_usage(srv, [c.call_id for c in calls]).values() if r["received"]]
        assert 0 < len(done) < len(calls), "the kill should land in the middle of the batch"
        proc = _restart(srv)
        try:
            client.sync_once()
            assert store.queue_length() == 0
            assert_exactly_once(srv, calls, prices)
        finally:
            stop_process(proc)


def test_booking_online_and_refusal(central_server: Any, tmp_path: Path) -> None:
    srv = central_server
    d1 = srv.create_detainee()
    d2 = srv.create_detainee()
    with LocalStore(tmp_path / "booth.sqlite3") as store:
        client = SyncClient(booth_settings(srv.url, srv.booth_token, tmp_path), store)
        client.sync_once()
        day = (datetime.now(ZoneInfo("Europe/Paris")) + timedelta(days=2)).date()
        slots = client.slots(day, str(d1))
        assert slots, "the test establishment is open every day 08:00-20:00"
        booking = client.book(str(d1), slots[0].starts_at)
        assert booking.status == "active" and booking.detainee_id == d1
        assert str(booking.id) in [b.id for b in store.upcoming_bookings(datetime.now(UTC))]
        with pytest.raises(CentralRefusal) as refused:
            client.book(str(d2), slots[0].starts_at)  # the booth already holds that slot
        assert refused.value.status == 409 and refused.value.message_fr
        cancelled = client.cancel(str(booking.id))
        assert cancelled.status == "cancelled"
        assert str(booking.id) not in [b.id for b in store.upcoming_bookings(datetime.now(UTC))]


def test_offline_booth_keeps_working_then_drains_by_itself(
    central_server: Any, central_proxy: FaultProxy, tmp_path: Path
) -> None:
    """Central down: logins, bookings and self-tests work from the cache; booking says why not."""
    from sqlalchemy import select

    from central.db.models import AuditEntry, Detainee
    from central.db.models import SelfTestReport as SelfTestRow
    from sync.client import MSG_BOOKING_OFFLINE

    srv, proxy = central_server, central_proxy
    d = srv.create_detainee(pin="2468")
    b = srv.create_booking(
        d, starts_at=datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2, seconds=29)
    )
    srv.create_staff("technician", pin="1357")
    with srv.session() as s:
        ecrou = s.get(Detainee, d).ecrou
    with LocalStore(tmp_path / "booth.sqlite3") as store:
        client = SyncClient(
            booth_settings(proxy.url, srv.booth_token, tmp_path, timeout_s=1.0), store
        )
        client.sync_once()
        proxy.down = True
        client.start()
        try:
            assert store.verify_detainee_pin(ecrou, "2468") is not None
            assert str(b) in [x.id for x in store.upcoming_bookings(datetime.now(UTC))]
            assert store.verify_staff_pin("1357", "technician") is not None
            with store.session() as s:
                report = ob.record_selftest(
                    s,
                    [{"name": "camera", "ok": True, "message": "Image reçue"}],
                    at=datetime.now(UTC),
                )
                event = ob.record_audit(
                    s, "technician_login", at=datetime.now(UTC), actor="technician"
                )
            with pytest.raises(CentralUnavailable) as err:
                client.book(str(d), datetime.now(UTC) + timedelta(days=1))
            assert err.value.message_fr == MSG_BOOKING_OFFLINE
            client.wake()
            deadline = time.monotonic() + 20
            while client.status().offline_since is None and time.monotonic() < deadline:
                time.sleep(0.05)
            st = client.status()
            assert st.offline_since is not None and st.queue_length == 2 and st.last_error_fr
            proxy.down = False  # central is back: nobody has to do anything
            while client.status().queue_length and time.monotonic() < deadline + 20:
                time.sleep(0.05)
            assert client.status().queue_length == 0
        finally:
            client.close()
    with srv.session() as s:
        row = s.scalars(select(SelfTestRow).where(SelfTestRow.client_id == report)).one()
        assert row.ok and row.results[0]["name"] == "camera"
        refs = s.scalars(
            select(AuditEntry.client_ref).where(AuditEntry.client_ref.like(f"%{event}"))
        ).all()
        assert len(refs) == 1
