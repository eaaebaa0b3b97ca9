"""Retention: old recordings are destroyed (audited); held and recent ones are kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from central.db.models import Call, Recording
from central.services.recordings import purge_expired, side_file, sync_recordings
from central.settings import CentralSettings
from tests.fixtures.central_server import CentralServer, start_central_server
from tests.monitor.conftest import Console, audit_entries
from tests.monitor.test_console_api import ended_call_with_file
from tests.relay.harness import wait_for


def test_purge_destroys_old_recordings_only(monitor_central: CentralServer,
                                            console: Console) -> None:
    server = monitor_central
    old = ended_call_with_file(server, ended_days_ago=91)
    recent = ended_call_with_file(server, ended_days_ago=10)
    held = ended_call_with_file(server, ended_days_ago=200)
    r = console.post(f"/calls/{held}/incident",
                     json={"kind": "violent", "note": "Procédure disciplinaire",
                           "measure": "none", "hold": True})
    assert r.status_code == 200, r.text
    folder = server.data_dir / "recordings"
    settings = CentralSettings(data_dir=server.data_dir)
    now = datetime.now(UTC)

    with server.session() as s:
        sync_recordings(s, settings)
        row = s.scalars(select(Recording).where(Recording.call_id == old)).one()
        side_copy = side_file(settings, row, "relative")
    assert side_copy is not None and side_copy.is_file()
    with server.session() as s:
        purged = purge_expired(s, settings, now)
    assert old in {p.call_id for p in purged}
    assert recent not in {p.call_id for p in purged} and held not in {p.call_id for p in purged}
    assert not (folder / f"{old}.mkv").exists() and not side_copy.exists()
    assert (folder / f"{recent}.mkv").exists() and (folder / f"{held}.mkv").exists()
    with server.session() as s:
        row = s.scalars(select(Recording).where(Recording.call_id == old)).one()
        assert row.status == "purged" and row.purged_at is not None
        assert s.get(Call, old) is not None  # the call's record stays; only the file goes
    entries = [e for e in audit_entries(server, "recording.purged") if old in e.details]
    assert len(entries) == 1 and entries[0].actor == "system:retention"
    assert '"retention_days":90' in entries[0].details
    listed = {x["id"] for x in console.get("/recordings").json()["recordings"]}
    assert old not in listed and recent in listed and held in listed

    # A second run destroys nothing more; once the recent one is 90 days old, it goes too.
    with server.session() as s:
        assert purge_expired(s, settings, now) == []
    with server.session() as s:
        later = purge_expired(s, settings, now + timedelta(days=81))
    assert recent in {p.call_id for p in later} and held not in {p.call_id for p in later}
    assert not (folder / f"{recent}.mkv").exists() and (folder / f"{held}.mkv").exists()


def test_retention_period_comes_from_settings(monitor_central: CentralServer) -> None:
    from central.settings import RelaySettings

    server = monitor_central
    call_id = ended_call_with_file(server, ended_days_ago=31)
    folder = server.data_dir / "recordings"
    with server.session() as s:
        kept = purge_expired(s, CentralSettings(data_dir=server.data_dir), datetime.now(UTC))
    assert call_id not in {p.call_id for p in kept} and (folder / f"{call_id}.mkv").exists()
    short = CentralSettings(data_dir=server.data_dir, relay=RelaySettings(retention_days=30))
    with server.session() as s:
        gone = purge_expired(s, short, datetime.now(UTC))
    assert call_id in {p.call_id for p in gone} and not (folder / f"{call_id}.mkv").exists()


def test_the_server_purges_by_itself(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The lifespan task runs the purge on its schedule (here every second)."""
    env = {"MONITOR_PURGE_FIRST_S": "0", "MONITOR_PURGE_EVERY_S": "1"}
    with start_central_server(tmp_path_factory.mktemp("purging"), env=env) as server:
        old = ended_call_with_file(server, ended_days_ago=95)
        recent = ended_call_with_file(server, ended_days_ago=1)
        folder = server.data_dir / "recordings"
        wait_for(lambda: not (folder / f"{old}.mkv").exists() or None, 30,
                 "the background purge")
        assert (folder / f"{recent}.mkv").exists()
        entries = audit_entries(server, "recording.purged")
        assert [old in e.details for e in entries] == [True]


def test_admin_purge_recordings_command(monitor_central: CentralServer,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """`parloir admin purge-recordings` runs the same purge on demand, audited."""
    from parloir.cli import main

    server = monitor_central
    old = ended_call_with_file(server, ended_days_ago=120)
    recent = ended_call_with_file(server, ended_days_ago=2)
    folder = server.data_dir / "recordings"
    status = main(["admin", "--data-dir", str(server.data_dir),
                   "purge-recordings"])
    out = capsys.readouterr().out
    assert status == 0
    assert old in out and recent not in out and "détruit(s)" in out
    assert not (folder / f"{old}.mkv").exists() and (folder / f"{recent}.mkv").exists()
    assert any(old in e.details for e in audit_entries(server, "recording.purged"))
