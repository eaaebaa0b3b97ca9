"""Column types that behave the same on SQLite and PostgreSQL (shared with the booth)."""

from parloir.db import UTCDateTime

__all__ = ["UTCDateTime"]
