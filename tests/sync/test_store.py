"""Local store: schema from Alembic, pragmas, offline queries."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sync.models import Base
from sync.store import LocalStore
from tests.sync.helpers import T0, seed


@pytest.fixture
def store(tmp_path: Path) -> LocalStore:
    s = LocalStore(tmp_path / "booth.sqlite3")
    yield s
    s.close()


def test_pragmas_for_durability(store: LocalStore) -> None:
    assert store.pragma("journal_mode") == "wal"
    assert store.pragma("foreign_keys") == 1
    assert store.pragma("synchronous") == 2  # FULL


def test_migrations_match_models_and_are_idempotent(store: LocalStore) -> None:
    store.migrate()  # second run is a no-op
    with store._writer.connect() as conn:
        ctx = MigrationContext.configure(conn)
        assert ctx.get_current_revision() == "0001"
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_reopen_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite3"
    with LocalStore(path) as s1:
        seed(s1)
    with LocalStore(path) as s2:
        assert s2.detainee("1") is not None


def test_detainee_pin(store: LocalStore) -> None:
    seed(store)
    who = store.verify_detainee_pin("A100", "1234")
    assert who is not None and who.id == "1" and who.display_name == "Jean Martin"
    assert store.verify_detainee_pin(" A100 ", "1234") is not None
    assert store.verify_detainee_pin("A100", "1235") is None
    assert store.verify_detainee_pin("NOPE", "1234") is None
    assert store.verify_detainee_pin("A200", "") is None  # no PIN set: nobody logs in
    assert store.check_detainee_pin("1", "1234") and not store.check_detainee_pin("1", "0000")
    assert not store.check_detainee_pin("404", "1234")


def test_staff_pin_by_role(store: LocalStore) -> None:
    seed(store)
    guard = store.verify_staff_pin("9999", "guard")
    assert guard is not None and guard.id == "s1"
    assert store.verify_staff_pin("9999", "technician") is None  # wrong role
    tech = store.verify_staff_pin("8888")
    assert tech is not None and tech.role == "technician"
    assert store.verify_staff_pin("7777") is None  # inactive
    assert store.verify_staff_pin("") is None


def test_upcoming_bookings_contacts(store: LocalStore) -> None:
    seed(store)
    ids = [b.id for b in store.upcoming_bookings(T0)]
    assert ids == ["b1"]  # past and cancelled ones left out
    assert store.upcoming_bookings(T0, detainee_id="2") == []
    assert [b.id for b in store.upcoming_bookings(T0 - timedelta(hours=2))] == ["b0", "b1"]
    assert [b.id for b in store.bookings_at(T0 + timedelta(minutes=45))] == ["b1"]
    assert store.bookings_at(T0) == []
    assert store.booking("b1") is not None and store.booking("b1").detainee_name == "Jean Martin"
    assert [c.display_name for c in store.contacts("1")] == ["Anne Martin", "Zoé Martin"]
    assert store.contacts("2") == []


def test_contact_before_its_detainee(store: LocalStore) -> None:
    """Central pages by revision: a contact may come before its (updated) detainee."""
    from sync.models import Contact

    with store.session() as s:
        s.add(
            Contact(
                id="c9",
                detainee_id="9",
                display_name="X",
                relationship="",
                phone_masked="",
                status="authorised",
                protected=False,
                extra="{}",
            )
        )
    assert [c.id for c in store.contacts("9")] == ["c9"]


def test_default_tariff_before_first_sync(store: LocalStore) -> None:
    book = store.tariff_book()
    assert "hors-forfait" in book.latest.plans


def test_concurrent_writers_wait_instead_of_failing(store: LocalStore) -> None:
    """Kiosk thread, sync thread and the call process write the same file at once."""
    import subprocess
    import sys
    import threading

    from sync import outbox as ob

    code = """
import sys
from datetime import UTC, datetime
from sync import outbox as ob
from sync.store import LocalStore
store = LocalStore(sys.argv[1])
for _ in range(40):
    with store.session() as s:
        ob.record_audit(s, "process", at=datetime.now(UTC))
"""
    proc = subprocess.Popen([sys.executable, "-c", code, str(store.path)])
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for _ in range(n):
                with store.session() as s:
                    ob.record_audit(s, "thread", at=T0)
                    store.queue_length()  # a read in between
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(40,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert proc.wait(60) == 0
    assert errors == []
    assert store.queue_length() == 120
