"""Outbox: records written locally first, idempotent ids, checkpoints and crash recovery."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from sync import outbox as ob
from sync.models import OutboxItem
from sync.store import GENERATION, LocalStore
from tests.sync.helpers import T0, seed


@pytest.fixture
def store(tmp_path: Path) -> LocalStore:
    s = LocalStore(tmp_path / "booth.sqlite3")
    seed(s)
    yield s
    s.close()


def _items(store: LocalStore) -> list[OutboxItem]:
    with store.read() as s:
        return list(s.scalars(select(OutboxItem).order_by(OutboxItem.seq)).all())


def test_full_call_writes_one_priced_record(store: LocalStore) -> None:
    ob.start_call_checkpoint(
        store,
        call_id="call-1",
        detainee_id="1",
        plan="hors-forfait",
        started_at=T0,
        booking_id="b1",
        contact_id="c0",
    )
    assert ob.open_calls(store) == ["call-1"]
    connected = T0 + timedelta(seconds=20)
    ob.checkpoint(store, "call-1", connected_seconds=0, at=connected, connected_at=connected)
    ob.checkpoint(store, "call-1", connected_seconds=300, at=connected + timedelta(seconds=300))
    rec = ob.finish_call(
        store,
        "call-1",
        ended_at=connected + timedelta(seconds=600),
        connected_seconds=600,
        end_reason="hangup_detainee",
    )
    # 600 s hors-forfait = 10 × 0.30 + 0.14 connection fee
    assert rec.price_cents == 314 and rec.connected_seconds == 600
    assert rec.tariff_version
    again = ob.finish_call(
        store,
        "call-1",
        ended_at=connected + timedelta(seconds=900),
        connected_seconds=900,
        end_reason="x",
    )
    assert again == rec  # idempotent: the first close wins
    items = _items(store)
    assert len(items) == 1 and items[0].id == "call-1" and items[0].kind == "usage"
    payload = json.loads(items[0].payload)
    assert payload["booking_id"] == "b1" and payload["contact_id"] == "c0"
    assert ob.open_calls(store) == []
    bal = store.balance("1")
    assert bal is not None and bal.synced_cents == 1000 and bal.available_cents == 686


def test_never_joined_costs_nothing(store: LocalStore) -> None:
    ob.start_call_checkpoint(
        store, call_id="c2", detainee_id="1", plan="hors-forfait", started_at=T0
    )
    rec = ob.finish_call(
        store,
        "c2",
        ended_at=T0 + timedelta(minutes=5),
        connected_seconds=0,
        end_reason="not_joined",
    )
    assert rec.price_cents == 0
    # seconds claimed without any connection moment are not billed either
    ob.start_call_checkpoint(
        store, call_id="c3", detainee_id="1", plan="hors-forfait", started_at=T0
    )
    rec3 = ob.finish_call(
        store, "c3", ended_at=T0 + timedelta(minutes=5), connected_seconds=50, end_reason="failure"
    )
    assert rec3.price_cents == 0 and rec3.connected_seconds == 0
    # the connection moment may come with the end of the call; long reasons are cut
    ob.start_call_checkpoint(store, call_id="c4", detainee_id="1", plan="30", started_at=T0)
    rec4 = ob.finish_call(
        store, "c4", ended_at=T0 + timedelta(minutes=5), connected_seconds=60,
        connected_at=T0 + timedelta(seconds=30), end_reason="x" * 50,
    )  # fmt: skip
    assert rec4.price_cents == 25 and rec4.end_reason == "x" * 32


def test_recover_after_crash_bills_last_checkpoint_only(store: LocalStore) -> None:
    ob.start_call_checkpoint(
        store, call_id="c9", detainee_id="1", plan="hors-forfait", started_at=T0
    )
    con = T0 + timedelta(seconds=10)
    ob.checkpoint(store, "c9", connected_seconds=0, at=con, connected_at=con)
    ob.checkpoint(store, "c9", connected_seconds=120, at=con + timedelta(seconds=120))
    ob.checkpoint(store, "c9", connected_seconds=100, at=con + timedelta(seconds=125))  # never back
    # ...the booth dies here; it restarts an hour later
    recovered = ob.recover_after_crash(store, T0 + timedelta(hours=1))
    assert [r.call_id for r in recovered] == ["c9"]
    r = recovered[0]
    assert r.connected_seconds == 120 and r.end_reason == ob.CRASH_REASON
    assert r.ended_at == con + timedelta(seconds=125)
    assert r.price_cents == 74  # 2 min × 0.30 + 0.14
    assert ob.recover_after_crash(store, T0 + timedelta(hours=2)) == []
    # a late finish (engine still alive somehow) does not add a second record
    ob.finish_call(
        store, "c9", ended_at=T0 + timedelta(hours=1), connected_seconds=3000, end_reason="x"
    )
    assert len(_items(store)) == 1


def test_usage_idempotent_by_call_id(store: LocalStore) -> None:
    rec = ob.UsageRecord(
        call_id="k1",
        detainee_id="1",
        plan="hors-forfait",
        started_at=T0,
        ended_at=T0 + timedelta(minutes=1),
        connected_seconds=60,
        end_reason="hangup",
        connected_at=T0,
        price_cents=44,
    )
    with store.session() as s:
        ob.record_usage(s, rec)
        ob.record_usage(s, rec)
    with store.session() as s:
        ob.record_usage(s, rec)
    assert len(_items(store)) == 1


def test_bad_record_changes_nothing(store: LocalStore) -> None:
    bad = ob.UsageRecord(
        call_id="k2",
        detainee_id="1",
        plan="hors-forfait",
        started_at=T0,
        ended_at=T0 - timedelta(minutes=1),
        connected_seconds=60,
        end_reason="hangup",
    )
    with pytest.raises(ob.OutboxError), store.session() as s:
        ob.record_audit(s, "before_bad_record", at=T0)
        ob.record_usage(s, bad)
    assert _items(store) == []  # the whole transaction rolled back


def test_record_written_with_state_change_or_not_at_all(store: LocalStore) -> None:
    from sync.models import SyncState

    with pytest.raises(RuntimeError), store.session() as s:
        s.add(SyncState(key="kiosk_state", value="unlocked"))
        ob.record_audit(s, "booth_unlocked", at=T0, actor="guard:1")
        raise RuntimeError("crash before commit")
    assert _items(store) == [] and store.state("kiosk_state") is None


def test_selftest_and_audit_payloads(store: LocalStore) -> None:
    from dataclasses import dataclass
    from enum import Enum

    class Outcome(Enum):
        OK = "ok"

    @dataclass
    class Result:
        name: str
        outcome: Outcome
        level_dbfs: float
        ok: bool = True

    with store.session() as s:
        rid = ob.record_selftest(
            s, [Result("micro", Outcome.OK, -20.5), {"name": "camera", "status": "fail"}], at=T0
        )
        eid = ob.record_audit(s, "guard_login", at=T0, actor="guard:3", details={"n": 1})
    items = {i.id: json.loads(i.payload) for i in _items(store)}
    assert items[rid]["results"] == [
        {
            "name": "micro",
            "ok": True,
            "message": "",
            "data": {"outcome": "ok", "level_dbfs": -20.5},
        },
        {"name": "camera", "ok": False, "message": "", "data": {"status": "fail"}},
    ]
    assert items[rid]["ok"] is False and items[rid]["client_id"] == rid
    assert items[eid]["action"] == "guard_login" and items[eid]["details"] == {"n": 1}
    assert store.queue_length() == 2


def test_balance_counts_debits_until_a_later_pull(store: LocalStore) -> None:
    rec = ob.UsageRecord(
        call_id="k3",
        detainee_id="1",
        plan="hors-forfait",
        started_at=T0,
        ended_at=T0 + timedelta(minutes=1),
        connected_seconds=60,
        end_reason="hangup",
        connected_at=T0,
        price_cents=44,
    )
    with store.session() as s:
        ob.record_usage(s, rec)
        LocalStore.set_state(s, GENERATION, "3")
    assert store.balance("1").available_cents == 956
    # acknowledged in generation 3, balance still from generation 0: still subtracted
    with store.session() as s:
        s.execute(update(OutboxItem).values(acked_at=T0, acked_gen=3))
    assert store.balance("1").available_cents == 956
    assert store.queue_length() == 0
    # a pull in generation 4 brought central's balance (already debited): not subtracted again
    from sync.models import Detainee

    with store.session() as s:
        d = s.get(Detainee, "1")
        d.balance_cents, d.balance_gen = 956, 4
    assert store.balance("1").available_cents == 956
    assert store.balance("nobody") is None


def test_only_the_calls_owner_recovers(store: LocalStore) -> None:
    """A second process (e.g. `parloir sync`) must never close the kiosk's live call."""
    ob.start_call_checkpoint(
        store, call_id="live", detainee_id="1", plan="hors-forfait", started_at=T0
    )
    kiosk_lock = ob.claim_calls(store)
    assert kiosk_lock is not None
    lock, closed = ob.recover_if_owner(store, T0 + timedelta(minutes=1))
    assert lock is None and closed == [] and ob.open_calls(store) == ["live"]
    kiosk_lock.release()  # the kiosk died: its lock went with it
    lock, closed = ob.recover_if_owner(store, T0 + timedelta(minutes=1))
    assert lock is not None and [r.call_id for r in closed] == ["live"]
    lock.release()


def test_seconds_never_exceed_wall_time_as_on_central(store: LocalStore) -> None:
    ob.start_call_checkpoint(
        store, call_id="w", detainee_id="1", plan="hors-forfait", started_at=T0
    )
    rec = ob.finish_call(
        store, "w", ended_at=T0 + timedelta(seconds=10), connected_seconds=60,
        connected_at=T0, end_reason="hangup",
    )  # fmt: skip
    assert rec.connected_seconds == 10 and rec.price_cents == 19  # 0.05 + 0.14


def test_prune_keeps_everything_not_acknowledged(store: LocalStore) -> None:
    for n in range(3):
        ob.start_call_checkpoint(
            store, call_id=f"p{n}", detainee_id="1", plan="hors-forfait", started_at=T0
        )
        ob.finish_call(store, f"p{n}", ended_at=T0, connected_seconds=0, end_reason="x")
    ob.start_call_checkpoint(store, call_id="open", detainee_id="1", plan="20", started_at=T0)
    with store.session() as s:
        s.execute(update(OutboxItem).where(OutboxItem.id == "p0").values(acked_at=T0, acked_gen=0))
        s.execute(
            update(OutboxItem)
            .where(OutboxItem.id == "p1")
            .values(last_error="rejected: unknown_call: ?")
        )
    assert ob.prune(store, T0 + timedelta(days=1)) == 1
    assert sorted(i.id for i in _items(store)) == ["p1", "p2"]
    assert ob.open_calls(store) == ["open"]  # an open call is never forgotten
