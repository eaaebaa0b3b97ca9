"""Engine and session factory, with the concurrency rules both databases need.

SQLite: WAL, foreign keys on, and every transaction opened with
`BEGIN IMMEDIATE` so two writers are serialised up front instead of failing
when a reader upgrades to a writer (this is what makes the booking race safe
on SQLite). PostgreSQL: READ COMMITTED plus row locks (`SELECT ... FOR
UPDATE`) taken by the services, and the partial unique indexes as the last
line of defence.

Every flush that touches a mirrored (`Versioned`) row takes the next value of
the change counter; booths follow it with their cursor.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from central.db.models import ChangeCounter, Tombstone, Versioned
from parloir.db import sqlite_pragmas


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for a SQLite or PostgreSQL URL."""
    if is_sqlite(url):
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"timeout": 30, "check_same_thread": False},
            poolclass=NullPool if ":memory:" not in url else None,
        )
        _sqlite_setup(engine)
    else:
        engine = create_engine(url, echo=echo, pool_pre_ping=True, pool_size=10, max_overflow=20)
    return engine


def _sqlite_setup(engine: Engine) -> None:
    sqlite_pragmas(engine, begin="BEGIN IMMEDIATE")


def sqlite_file(url: str) -> Path | None:
    """The file behind a sqlite URL (None for memory or other databases)."""
    if not is_sqlite(url):
        return None
    path = url.split("///", 1)[1] if "///" in url else ""
    if not path or path == ":memory:":
        return None
    return Path(path)


def next_revision(session: Session) -> int:
    """Bump and read the change counter inside the current transaction."""
    bump = update(ChangeCounter).where(ChangeCounter.id == 1)
    session.execute(bump.values(value=ChangeCounter.value + 1))
    value = session.execute(select(ChangeCounter.value).where(ChangeCounter.id == 1)).scalar_one()
    return int(value)


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    touched = [o for o in session.new if isinstance(o, Versioned)]
    touched += [o for o in session.dirty if isinstance(o, Versioned) and session.is_modified(o)]
    deleted = [o for o in session.deleted if isinstance(o, Versioned)]
    if not touched and not deleted:
        return
    rev = session.info.get("revision_in_tx")
    if rev is None:
        rev = next_revision(session)
        session.info["revision_in_tx"] = rev
    for obj in touched:
        obj.revision = rev
    for obj in deleted:
        session.add(
            Tombstone(
                revision=rev,
                table_name=obj.__tablename__,  # type: ignore[attr-defined]
                row_id=str(obj.id),  # type: ignore[attr-defined]
                establishment_id=obj.establishment_scope(),
            )
        )


def _after_tx_end(session: Session, _tx: Any) -> None:
    session.info.pop("revision_in_tx", None)


# On every Session (not only ours): a central row changed through any session still
# moves the booths' cursor. Rows of other models (the booth's own store) are ignored.
if not event.contains(Session, "before_flush", _before_flush):
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Session, "after_commit", lambda s: _after_tx_end(s, None))
    event.listen(Session, "after_rollback", lambda s: _after_tx_end(s, None))


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (expire_on_commit=False).

    Keep sessions short: on SQLite every transaction holds the write lock.
    Change mirrored rows through the ORM (attribute changes, add, delete):
    bulk `update()`/`delete()` statements bypass the revision bump.
    """
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session committed on success, rolled back on error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def migrate(url_or_engine: str | Engine) -> None:
    """Bring the schema to the newest Alembic revision (idempotent)."""
    from alembic import command

    from central.migrations import alembic_config

    engine = make_engine(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine
    path = sqlite_file(str(engine.url))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    cfg = alembic_config(str(engine.url.render_as_string(hide_password=False)))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    if isinstance(url_or_engine, str):
        engine.dispose()
