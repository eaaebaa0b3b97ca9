"""Central database: SQLAlchemy 2 models, engine and session factory.

SQLite (embedded default) and PostgreSQL (production) share the same models;
the schema is owned by the Alembic migrations in `central/migrations/`.
"""

from central.db.engine import make_engine, make_sessionmaker, migrate, session_scope
from central.db.models import Base

__all__ = ["Base", "make_engine", "make_sessionmaker", "migrate", "session_scope"]
