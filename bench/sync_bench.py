"""Sync benchmarks on a real central server (loopback, SQLite): drain and full pull.

    .venv/bin/python bench/sync_bench.py [--records 10000] [--detainees 1000] [--contacts 10000]

Prints a table: time to write N usage records locally, to drain them to
central (batches of 200, idempotent, debited once), and to pull the whole
reference data of an establishment with D detainees and C contacts into an
empty booth store.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from central.db.models import Booking, Call, Contact, Detainee
from sync import outbox as ob
from sync.client import SyncClient
from sync.store import LocalStore
from tests.fixtures.central_server import start_central_server
from tests.sync.central_helpers import booth_settings


def seed_calls(server, n: int, people: int = 10) -> list[tuple[str, int]]:
    """`n` calls on central (as POST /calls would leave them), over `people` detainees."""
    now = datetime.now(UTC)
    out: list[tuple[str, int]] = []
    with server.session() as s:
        trio = []
        for i in range(people):
            d = Detainee(
                establishment_id=server.establishment_id,
                ecrou=f"B{i:05d}",
                first_name="Jean",
                last_name=f"Bench{i}",
                pin_hash=None,
                access_status="granted",
                priority=False,
                balance_cents=0,
                plan="hors-forfait",
                created_at=now,
            )
            s.add(d)
            s.flush()
            c = Contact(
                detainee_id=d.id,
                establishment_id=d.establishment_id,
                phone_e164=f"+336{i:08d}",
                name="Proche",
                relationship="",
                status="authorised",
                protected=False,
                created_at=now,
            )
            b = Booking(
                establishment_id=d.establishment_id,
                booth_id=server.booth_id,
                detainee_id=d.id,
                starts_at=now + timedelta(hours=i),
                ends_at=now + timedelta(hours=i, minutes=30),
                status="active",
                created_at=now,
                created_by="bench",
            )
            s.add_all([c, b])
            s.flush()
            trio.append((d, c, b))
        from central.services import ledger

        for d, _, _ in trio:
            ledger.credit(s, d.id, 10**8, at=now, reason="bench", actor="bench")
        for k in range(n):
            d, c, b = trio[k % people]
            call = Call(
                establishment_id=d.establishment_id,
                booth_id=server.booth_id,
                booking_id=b.id,
                detainee_id=d.id,
                contact_id=c.id,
                phone_e164=c.phone_e164,
                plan=d.plan,
                recorded=True,
                protected=False,
                status="inviting",
                allowed_seconds=1800,
                created_at=now,
            )
            s.add(call)
            if k % 1000 == 999:
                s.flush()
        s.flush()
        out = [
            (call.id, call.detainee_id)
            for call in s.query(Call).filter(Call.booth_id == server.booth_id)
        ]
    return out[:n]


def seed_reference(server, detainees: int, contacts: int, chunk: int = 50) -> None:
    """An establishment's people, written in many small transactions (as imports would)."""
    now = datetime.now(UTC)
    per = max(1, contacts // detainees)
    for start in range(0, detainees, chunk):
        with server.session() as s:
            for i in range(start, min(start + chunk, detainees)):
                d = Detainee(
                    establishment_id=server.establishment_id,
                    ecrou=f"P{i:06d}",
                    first_name="Jean",
                    last_name=f"Pull{i}",
                    pin_hash="$argon2id$v=19$m=65536,t=3,p=4$x$y",
                    access_status="granted",
                    priority=False,
                    balance_cents=1000,
                    plan="hors-forfait",
                    created_at=now,
                )
                s.add(d)
                s.flush()
                for j in range(per):
                    s.add(
                        Contact(
                            detainee_id=d.id,
                            establishment_id=d.establishment_id,
                            phone_e164=f"+336{i:05d}{j:03d}",
                            name=f"Proche {j}",
                            relationship="famille",
                            status="authorised",
                            protected=False,
                            created_at=now,
                        )
                    )


def bench_drain(records: int, tmp: Path) -> list[tuple[str, str]]:
    rows = []
    with start_central_server(tmp / "central-drain") as server:
        calls = seed_calls(server, records)
        with LocalStore(tmp / "drain.sqlite3") as store:
            t0 = time.perf_counter()
            now = datetime.now(UTC)
            with store.session() as s:
                for call_id, detainee_id in calls:
                    ob.record_usage(
                        s,
                        ob.UsageRecord(
                            call_id=call_id,
                            detainee_id=str(detainee_id),
                            plan="hors-forfait",
                            started_at=now,
                            connected_at=now,
                            ended_at=now + timedelta(seconds=95),
                            connected_seconds=90,
                            end_reason="hangup_detainee",
                            price_cents=59,
                        ),
                    )
            t1 = time.perf_counter()
            rows.append(
                (
                    f"write {records} usage records to the local outbox (one transaction)",
                    f"{t1 - t0:.2f} s",
                )
            )
            client = SyncClient(
                booth_settings(server.url, server.booth_token, tmp, timeout_s=60, batch_size=200),
                store,
            )
            t0 = time.perf_counter()
            pushed = client.push_outbox()
            t1 = time.perf_counter()
            assert pushed == records and store.queue_length() == 0, (pushed, store.queue_length())
            rows.append(
                (
                    f"drain {records} usage records to central (batches of 200)",
                    f"{t1 - t0:.2f} s ({records / (t1 - t0):.0f} records/s)",
                )
            )
            t0 = time.perf_counter()
            client.push_outbox()
            rows.append(
                ("push again with nothing pending", f"{(time.perf_counter() - t0) * 1000:.0f} ms")
            )
    return rows


def bench_pull(detainees: int, contacts: int, tmp: Path) -> list[tuple[str, str]]:
    rows = []
    with start_central_server(tmp / "central-pull") as server:
        seed_reference(server, detainees, contacts)
        with LocalStore(tmp / "pull.sqlite3") as store:
            client = SyncClient(
                booth_settings(server.url, server.booth_token, tmp, timeout_s=60), store
            )
            t0 = time.perf_counter()
            batches = client.pull_reference()
            t1 = time.perf_counter()
            n_contacts = sum(len(store.contacts(str(i))) for i in range(1, 5))
            assert n_contacts > 0
            rows.append(
                (
                    f"full reference pull: {detainees} detainees, {contacts} contacts",
                    f"{t1 - t0:.2f} s ({batches} batches)",
                )
            )
            t0 = time.perf_counter()
            client.pull_reference()
            rows.append(
                ("incremental pull with nothing new", f"{(time.perf_counter() - t0) * 1000:.0f} ms")
            )
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--detainees", type=int, default=1_000)
    ap.add_argument("--contacts", type=int, default=10_000)
    ap.add_argument("--only", choices=("drain", "pull"))
    args = ap.parse_args()
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="parloir-sync-bench-") as d:
        tmp = Path(d)
        if args.only in (None, "drain"):
            rows += bench_drain(args.records, tmp)
        if args.only in (None, "pull"):
            rows += bench_pull(args.detainees, args.contacts, tmp)
    width = max(len(r[0]) for r in rows)
    print(f"| {'what'.ljust(width)} | time |")
    print(f"|{'-' * (width + 2)}|------|")
    for what, value in rows:
        print(f"| {what.ljust(width)} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
