"""Shared database rules: durable SQLite settings and exact UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select, text

from parloir.db import UTCDateTime, sqlite_pragmas


def _engine(path: Path):
    engine = create_engine(f"sqlite:///{path}")
    sqlite_pragmas(engine)
    return engine


def test_sqlite_is_durable_and_checks_foreign_keys(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "x.sqlite3")
    with engine.begin() as conn:
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_utc_datetimes_round_trip_exactly_and_refuse_naive(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "t.sqlite3")
    meta = MetaData()
    t = Table("t", meta, Column("id", Integer, primary_key=True), Column("at", UTCDateTime()))
    meta.create_all(engine)
    paris = datetime(2026, 3, 29, 3, 30, 0, 123456, tzinfo=timezone(timedelta(hours=2)))
    with engine.begin() as conn:
        conn.execute(insert(t).values(id=1, at=paris))
    with engine.begin() as conn:
        back = conn.execute(select(t.c.at)).scalar_one()
    assert back == paris and back.tzinfo == UTC
    with pytest.raises(Exception, match="naive"), engine.begin() as conn:
        conn.execute(insert(t).values(id=2, at=datetime(2026, 1, 1)))
