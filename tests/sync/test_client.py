"""Sync client against the in-memory stand-in, with faults injected by the proxy."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from parloir.clock import ManualClock
from sync import outbox as ob
from sync.client import (
    MSG_AUTH,
    MSG_BOOKING_OFFLINE,
    CentralRefusal,
    CentralUnavailable,
    SyncClient,
)
from sync.models import OutboxItem
from sync.settings import BoothSection, BoothSettings, CentralSection, SyncSection
from sync.store import LocalStore
from tests.sync.faultproxy import DELAY, DROP_RESPONSE, ERROR_500, HANG, Action, FaultProxy
from tests.sync.standin import TOKEN, StandIn


def settings_for(
    url: str, data_dir: Path, *, token: str = TOKEN, timeout_s: float = 3.0
) -> BoothSettings:
    return BoothSettings(
        booth=BoothSection(name="Cabine test", data_dir=data_dir),
        central=CentralSection(url=url, token=token, timeout_s=timeout_s),
        sync=SyncSection(interval_s=0.2, batch_size=5, backoff_base_s=0.05, backoff_max_s=0.2),
    )


@pytest.fixture
def standin() -> Iterator[StandIn]:
    with StandIn(detainees=3, contacts_each=2, page=2) as s:
        yield s


@pytest.fixture
def proxy(standin: StandIn) -> Iterator[FaultProxy]:
    host, port = standin.server.server_address[:2]
    with FaultProxy((str(host), int(port))) as p:
        yield p


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    s = LocalStore(tmp_path / "booth.sqlite3")
    yield s
    s.close()


@pytest.fixture
def clock(standin: StandIn) -> ManualClock:
    return ManualClock(standin.now)


def make_client(
    proxy: FaultProxy, store: LocalStore, clock: ManualClock, **kw: object
) -> SyncClient:
    return SyncClient(settings_for(proxy.url, store.path.parent, **kw), store, clock)  # type: ignore[arg-type]


def queue_calls(
    store: LocalStore, clock: ManualClock, n: int, *, detainee: str = "1", prefix: str = "call"
) -> list[str]:
    ids = []
    for i in range(n):
        cid = f"{prefix}-{i}"
        start = clock.now()
        ob.start_call_checkpoint(
            store, call_id=cid, detainee_id=detainee, plan="hors-forfait", started_at=start
        )
        ob.checkpoint(store, cid, connected_seconds=0, at=start, connected_at=start)
        ob.finish_call(
            store,
            cid,
            ended_at=start + timedelta(seconds=60),
            connected_seconds=60,
            end_reason="hangup",
        )
        ids.append(cid)
    return ids


def test_pull_pages_and_clock_drift(
    proxy: FaultProxy, standin: StandIn, store: LocalStore, clock: ManualClock
) -> None:
    standin.time_offset = timedelta(seconds=90)
    client = make_client(proxy, store, clock)
    report = client.sync_once()
    assert report.pulled_batches == 5  # 9 rows, 2 per page
    assert store.find_detainee("E00001") is not None
    assert len(store.contacts("3")) == 2
    assert store.verify_detainee_pin("E00001", "1234") is not None
    st = client.status()
    assert st.last_success == clock.now() and st.offline_since is None and st.online
    assert st.clock_drift_s is not None and 85 < st.clock_drift_s < 95
    # a drift that large is reported to central as an audit event (queued, pushed next round)
    with store.read() as s:
        actions = [json.loads(i.payload)["action"] for i in s.scalars(select(OutboxItem)).all()]
    assert actions == ["booth_clock_drift"]
    client.sync_once()
    assert [e["action"] for e in standin.audit.values()] == ["booth_clock_drift"]
    assert store.tariff_book().latest.plans
    assert store.booth()["name"] == "Cabine 1" and store.establishment()["slot_minutes"] == 30
    # nothing new: one page, cursor kept
    assert client.sync_once().pulled_batches == 1


def test_push_debits_once_and_balance_follows(
    proxy: FaultProxy, standin: StandIn, store: LocalStore, clock: ManualClock
) -> None:
    client = make_client(proxy, store, clock)
    client.sync_once()
    ids = queue_calls(store, clock, 12)
    assert store.balance("1").available_cents == 1000 - 12 * 44
    report = client.sync_once()
    assert report.pushed == 12 and report.remaining == 0
    assert sorted(standin.usage) == sorted(ids)
    assert len(standin.debits) == 12
    bal = store.balance("1")
    assert bal.synced_cents == 1000 - 12 * 44 and bal.pending_debits_cents == 0


def test_balance_right_after_push_without_pull(
    proxy: FaultProxy, standin: StandIn, store: LocalStore, clock: ManualClock
) -> None:
    client = make_client(proxy, store, clock)
    client.sync_once()
    queue_calls(store, clock, 3)
    # central takes the batch but the reference pull fails: the balance is still right
    proxy.set_rule(lambda m, p, n: Action(ERROR_500) if "reference" in p else Action())
    with pytest.raises(CentralUnavailable):
        client.sync_once()
    assert store.queue_length() == 0
    bal = store.balance("1")
    assert bal.synced_cents == 1000 - 3 * 44 and bal.available_cents == 1000 - 3 * 44
    # a record acked later (as a duplicate after a lost response) stays subtracted until
    # a balance that includes it arrives
    queue_calls(store, clock, 2, prefix="late")
    proxy.set_rule(lambda m, p, n: Action(DROP_RESPONSE) if "usage" in p else Action())
    with pytest.raises(CentralUnavailable):
        client.sync_once()
    assert len(standin.debits) == 5 and store.queue_length() == 2  # committed, not heard
    assert store.balance("1").available_cents == 1000 - 5 * 44
    proxy.set_rule(lambda m, p, n: Action(ERROR_500) if "reference" in p else Action())
    with pytest.raises(CentralUnavailable):
        client.sync_once()  # duplicates acked, reference still failing
    assert store.queue_length() == 0
    assert store.balance("1").available_cents == 1000 - 5 * 44
    proxy.set_rule(lambda m, p, n: Action())
    client.sync_once()
    bal = store.balance("1")
    assert bal.synced_cents == 1000 - 5 * 44 and bal.pending_debits_cents == 0


def test_central_down_at_start_then_back(
    proxy: FaultProxy, standin: StandIn, store: LocalStore, clock: ManualClock
) -> None:
    proxy.down = True
    client = make_client(proxy, store, clock)
    queue_calls(store, clock, 3)
    with pytest.raises(CentralUnavailable) as err:
        client.sync_once()
    assert "serveur central ne répond pas" in err.value.message_fr
    st = client.status()
    assert st.offline_since == clock.now() and st.last_success is None and st.queue_length == 3
    assert not st.online and st.last_error_fr
    clock.advance(30)
    with pytest.raises(CentralUnavailable):
        client.sync_once()
    assert client.status().offline_since == clock.now() - timedelta(seconds=30)  # since the first
    proxy.down = False
    client.sync_once()
    st = client.status()
    assert st.queue_length == 0 and st.offline_since is None and st.last_error_fr is None
    assert len(standin.debits) == 3


def test_lost_response_after_commit_is_not_debited_twice(
    proxy: FaultProxy, standin: StandIn, store: LocalStore, clock: ManualClock
) -> None:
    client = make_client(proxy, store, clock)
    queue_calls(store, clock, 7)
    proxy.set_rule(
        lambda m, p, n: Action(DROP_RESPONSE) if p == "/api/v1/usage" and n < 20 else Action()
    )
    with pytest.raises(CentralUnavailable):
        client.sync_once()
    assert len(standin.usage) == 5  # the first batch was committed by central...
    assert store.queue_length() == 7  # ...but the booth never heard it
    proxy.set_rule(lambda m, p, n: Action())
    client.sync_once()
    assert store.queue_length() == 0
    assert len(standin.debits) == 7 and len({c for c, _ in standin.debits}) == 7


def test_500_and_timeout_then_recover(
    proxy: FaultProxy, standin: StandIn, store: LocalStore, clock: ManualClock
) -> None:
    client = make_client(proxy, store, clock, timeout_s=0.5)
    queue_calls(store, clock, 2)
    proxy.set_rule(lambda m, p, n: Action(ERROR_500) if p == "/api/v1/usage" else Action())
    with pytest.raises(CentralUnavailable):
        client.sync_once()
    with store.read() as s:
        item = s.scalars(select(OutboxItem)).first()
        assert item.attempts == 1 and "500" in (item.last_error or "")
    proxy.set_rule(lambda m, p, n: Action(HANG) if p == "/api/v1/usage" else Action())
    with pytest.raises(CentralUnavailable):
        client.sync_once()
    proxy.set_rule(lambda m, p, n: Action(DELAY, 0.2))  # slow but within the timeout
    client.sync_once()
    assert store.queue_length() == 0 and len(standin.debits) == 2


def test_rejected_and_invalid_records_are_kept_but_do_not_block(
    proxy: FaultProxy, standin: StandIn, store: LocalStore, clock: ManualClock
) -> None:
    client = make_client(proxy, store, clock)
    queue_calls(store, clock, 2, prefix="bad")
    queue_calls(store, clock, 3, prefix="good")
    with store.session() as s:  # a record central could never read (detainee id not a number)
        ob.record_usage(
            s,
            ob.UsageRecord(
                call_id="weird",
                detainee_id="x",
                plan="hors-forfait",
                started_at=clock.now(),
                ended_at=clock.now(),
                connected_seconds=0,
                end_reason="failure",
            ),
        )
    client.sync_once()
    assert sorted(standin.usage) == ["good-0", "good-1", "good-2"]
    assert store.queue_length() == 0  # nothing left to send...
    assert client.status().set_aside == 3  # ...but kept locally, visible in the status
    with store.read() as s:
        errs = {
            i.id: i.last_error
            for i in s.scalars(select(OutboxItem).where(OutboxItem.acked_at.is_(None)))
        }
    assert errs["bad-0"].startswith("rejected: unknown_call") and errs["weird"].startswith(
        "rejected: invalid_local"
    )
    client.sync_once()  # not resent
    assert sum(1 for _, p, _ in proxy.log if p == "/api/v1/usage") == 1


def test_wrong_token(proxy: FaultProxy, store: LocalStore, clock: ManualClock) -> None:
    client = make_client(proxy, store, clock, token="nope")
    with pytest.raises(CentralUnavailable) as err:
        client.sync_once()
    assert err.value.message_fr == MSG_AUTH


def test_online_calls(
    proxy: FaultProxy, standin: StandIn, store: LocalStore, clock: ManualClock
) -> None:
    client = make_client(proxy, store, clock)
    client.sync_once()
    slots = client.slots(date(2026, 11, 27), "1")
    assert len(slots) == 3
    booking = client.book("1", slots[0].starts_at)
    assert booking.status == "active"
    assert [b.id for b in store.upcoming_bookings(clock.now())] == [
        str(booking.id)
    ]  # cached at once
    with pytest.raises(CentralRefusal) as refused:
        client.book("1", slots[0].starts_at.replace(hour=21))
    assert refused.value.code == "outside_opening_hours" and "heures" in refused.value.message_fr
    client.cancel(str(booking.id))
    assert store.upcoming_bookings(clock.now()) == []
    proxy.down = True
    with pytest.raises(CentralUnavailable) as err:
        client.slots(date(2026, 11, 27), "1")
    assert err.value.message_fr == MSG_BOOKING_OFFLINE
    with pytest.raises(CentralUnavailable):
        client.book("1", slots[1].starts_at)


def test_background_thread_drains_by_itself(
    proxy: FaultProxy, standin: StandIn, store: LocalStore, clock: ManualClock
) -> None:
    proxy.down = True
    client = make_client(proxy, store, clock)
    client.start()
    try:
        queue_calls(store, clock, 4)
        client.wake()
        deadline = time.monotonic() + 10
        while client.status().offline_since is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.status().offline_since is not None
        proxy.down = False  # central comes back: the outbox drains with no one asking
        while store.queue_length() and time.monotonic() < deadline + 10:
            time.sleep(0.05)
        assert store.queue_length() == 0 and len(standin.debits) == 4
    finally:
        client.stop()
    assert client._thread is None


def test_start_recovers_open_calls_once(
    proxy: FaultProxy, standin: StandIn, store: LocalStore, clock: ManualClock
) -> None:
    ob.start_call_checkpoint(
        store, call_id="crashed", detainee_id="1", plan="hors-forfait", started_at=clock.now()
    )
    client = make_client(proxy, store, clock)
    client.start()
    try:
        assert ob.open_calls(store) == []
        assert ob.claim_calls(store) is None  # held by the client until close()
    finally:
        client.close()
    lock = ob.claim_calls(store)
    assert lock is not None
    lock.release()


def test_unknown_cursor_means_full_pull(
    proxy: FaultProxy, standin: StandIn, store: LocalStore, clock: ManualClock
) -> None:
    from sync.models import Detainee

    client = make_client(proxy, store, clock)
    client.sync_once()
    with store.session() as s:  # something central no longer has, and a cursor it never gave
        s.add(Detainee(id="999", number="OLD", display_name="Ancien", plan="20",
                       balance_cents=0, balance_gen=0, access_status="granted",
                       priority=False, extra="{}"))  # fmt: skip
        LocalStore.set_state(s, "reference_cursor", "123456")
    client.sync_once()
    assert store.detainee("999") is None  # the full pull reset the cache
    assert store.find_detainee("E00002") is not None


def test_non_ascii_booth_name(standin: StandIn, store: LocalStore, clock: ManualClock) -> None:
    settings = settings_for(standin.url, store.path.parent)
    from dataclasses import replace

    named = replace(settings, booth=replace(settings.booth, name="Cabine 2 – Bâtiment Nord"))
    SyncClient(named, store, clock).sync_once()
