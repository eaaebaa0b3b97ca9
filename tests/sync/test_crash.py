"""The booth process SIGKILLed at random moments while writing and syncing, many times.

Afterwards every usage record is on central exactly once, every ledger debit
matches it, and no call is billed more than was connected.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from parloir.tariff_data import load_default_tariff_book
from policy.billing import price_call
from sync.models import OutboxItem
from sync.store import LocalStore
from tests.fixtures.central_server import ROOT
from tests.sync.central_helpers import central_usage, plan_calls
from tests.sync.faultproxy import DROP_RESPONSE, ERROR_500, Action, FaultProxy

KILLS = 24
CALLS = 90


def _writer(plan: Path, db: Path, url: str, token: str, seed: int) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLOIR_")}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.sync._writer", str(plan), str(db), url, token, str(seed)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


@pytest.mark.slow
def test_sigkill_at_random_points(
    central_server: Any, central_proxy: FaultProxy, tmp_path: Path
) -> None:
    seed = int(os.environ.get("PARLOIR_CRASH_SEED", random.randrange(1_000_000)))
    print(f"crash test seed {seed} (set PARLOIR_CRASH_SEED to replay)")
    rng = random.Random(seed)
    srv, proxy = central_server, central_proxy
    calls = plan_calls(srv, CALLS, detainees=3)
    start_balances = {c.detainee_id: srv.balance(c.detainee_id) for c in calls}
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps([asdict(c) for c in calls]))
    db = tmp_path / "booth.sqlite3"
    # a flaky network as well: lost responses after commit, 500s
    faults = random.Random(seed + 1)
    proxy.set_rule(
        lambda m, p, n: Action(DROP_RESPONSE) if faults.random() < 0.1
        else Action(ERROR_500) if faults.random() < 0.05 else Action()
    )  # fmt: skip
    kills = 0
    for i in range(KILLS):
        proc = _writer(plan, db, proxy.url, srv.booth_token, seed + i)
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()  # "ready": imports done, recovery done
            assert line.startswith("ready"), proc.stderr.read() if proc.stderr else line
            time.sleep(rng.uniform(0.0, 0.6))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
        finally:
            proc.wait(30)
            if proc.stdout:
                proc.stdout.close()
            if proc.stderr:
                proc.stderr.close()
    assert kills >= KILLS // 2, "most runs should have been killed while working"
    # last run, left alone, on a healthy network: recovery, then everything drains
    proxy.set_rule(lambda m, p, n: Action())
    final = _writer(plan, db, proxy.url, srv.booth_token, seed)
    out, err = final.communicate(timeout=120)
    assert final.returncode == 0, out + err

    with LocalStore(db) as store:
        with store.read() as s:
            local = {
                i.id: json.loads(i.payload)
                for i in s.scalars(select(OutboxItem).where(OutboxItem.kind == "usage")).all()
            }
            pending = s.scalar(
                select(func.count()).select_from(OutboxItem).where(OutboxItem.acked_at.is_(None))
            )
        assert pending == 0
    planned = {c.call_id: c for c in calls}
    assert set(local) == set(planned)  # every call has exactly one local record
    book = load_default_tariff_book()
    got = central_usage(srv, list(planned))
    debited: dict[int, int] = {}
    for call_id, rec in local.items():
        row = got[call_id]
        assert row["received"] and row["outcome"] == "accepted"
        assert row["seconds"] == rec["connected_seconds"] <= planned[call_id].seconds
        price = price_call(book.latest, rec["plan"], rec["connected_seconds"]).total_cents
        assert row["price_cents"] == price == rec["price_cents"]
        assert row["debits"] == (1 if price else 0) and row["debited_cents"] == price
        d = planned[call_id].detainee_id
        debited[d] = debited.get(d, 0) + price
    for d, before in start_balances.items():
        assert srv.balance(d) == before - debited[d]
    recovered = [r for r in local.values() if r["end_reason"] == "booth_failure"]
    print(f"{kills} kills, {len(recovered)} calls closed by crash recovery")
    assert recovered, "some kills should have landed inside a call"
