"""The Alembic migrations build exactly the schema of the models (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from central.db.engine import make_engine, migrate
from central.db.models import Base


def schema_diff(url: str) -> list:
    engine = make_engine(url)
    try:
        migrate(engine)
        migrate(engine)  # idempotent
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            return list(compare_metadata(ctx, Base.metadata))
    finally:
        engine.dispose()


def test_migrations_match_models_sqlite(tmp_path):
    assert schema_diff(f"sqlite:///{tmp_path / 'm.sqlite3'}") == []


@pytest.mark.pg
def test_migrations_match_models_postgresql(postgres_url):
    assert schema_diff(postgres_url) == []
