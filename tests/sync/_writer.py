"""Crash-test booth: runs calls (checkpoints, usage records) and syncs, until killed.

Run as a subprocess by test_crash.py, which SIGKILLs it at random moments and
starts it again: each start runs crash recovery first, like the real booth.
Usage: python -m tests.sync._writer PLAN.json DB URL TOKEN SEED
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from sync import outbox as ob
from sync.client import CentralUnavailable, SyncClient
from sync.models import CallCheckpoint
from sync.store import LocalStore
from tests.sync.central_helpers import booth_settings


def main() -> int:
    plan_path, db, url, token, seed = sys.argv[1:6]
    plan = json.loads(Path(plan_path).read_text())
    rng = random.Random(int(seed))
    store = LocalStore(db)
    recovered = ob.recover_after_crash(store, datetime.now(UTC))
    client = SyncClient(
        booth_settings(url, token, Path(db).parent, timeout_s=2.0, batch_size=7), store
    )
    print(f"ready recovered={len(recovered)}", flush=True)
    with store.read() as s:
        seen = set(s.scalars(select(CallCheckpoint.call_id)).all())
    for call in plan:
        if call["call_id"] in seen:
            continue  # finished, or closed by recovery at its last checkpoint
        start = datetime.now(UTC)
        ob.start_call_checkpoint(
            store, call_id=call["call_id"], detainee_id=str(call["detainee_id"]),
            plan=call["plan"], started_at=start, booking_id=str(call["booking_id"]),
            contact_id=str(call["contact_id"]),
        )  # fmt: skip
        connected = start + timedelta(seconds=3)
        ob.checkpoint(
            store, call["call_id"], connected_seconds=0, at=connected, connected_at=connected
        )
        for done in range(10, call["seconds"], 10):
            time.sleep(0.004)  # a call lasts a while: most kills land inside one
            ob.checkpoint(
                store,
                call["call_id"],
                connected_seconds=done,
                at=connected + timedelta(seconds=done),
            )
        ob.finish_call(
            store, call["call_id"], ended_at=connected + timedelta(seconds=call["seconds"]),
            connected_seconds=call["seconds"], end_reason="hangup_detainee",
        )  # fmt: skip
        if rng.random() < 0.3:
            try:
                client.sync_once()
            except CentralUnavailable:
                pass
    for _ in range(200):
        if store.queue_length() == 0:
            break
        try:
            client.sync_once()
        except CentralUnavailable:
            time.sleep(0.02)
    left = store.queue_length()
    print(f"done queue={left}", flush=True)
    return 0 if left == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
