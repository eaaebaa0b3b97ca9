"""Alembic environment for the booth schema; run in-process by LocalStore at start."""

from __future__ import annotations

from alembic import context

from sync.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("booth migrations run through sync.store.LocalStore (no URL mode)")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
