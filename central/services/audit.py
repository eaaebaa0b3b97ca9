"""Append-only, hash-chained audit log.

Each entry stores the hash of the previous one and its own hash
`sha256(prev_hash + canonical JSON of the entry)`; the single `audit_head`
row keeps the last seq and hash. Editing, deleting or inserting an entry,
or cutting the tail, makes `verify_chain` point at the first broken entry.

Appends are serialised by locking the head row (`SELECT ... FOR UPDATE` on
PostgreSQL; SQLite transactions are already `BEGIN IMMEDIATE`), so the
chain never forks. Secrets are never written: keys that name one are
replaced before hashing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import GENESIS_HASH, AuditEntry, AuditHead

REDACTED = "[masqué]"
_SECRET_KEYS = frozenset(
    {"pin", "code", "token", "password", "secret", "passwd", "otp", "authorization"}
)
_SECRET_SUFFIXES = ("_pin", "_code", "_token", "_password", "_secret", "_key")
_NOT_SECRET = frozenset({"refusal_code", "error_code", "status_code", "end_code", "country_code"})


def _is_secret_key(key: str) -> bool:
    k = key.lower()
    if k in _NOT_SECRET:
        return False
    return k in _SECRET_KEYS or k.endswith(_SECRET_SUFFIXES)


def redact(value: Any) -> Any:
    """A copy of `value` with every secret-looking key masked (recursively)."""
    if isinstance(value, Mapping):
        return {
            str(k): (REDACTED if _is_secret_key(str(k)) else redact(v)) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [redact(v) for v in value]
    return value


def canonical_json(value: Any) -> str:
    """Stable JSON text (sorted keys, no spaces): the bytes that get hashed."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _at_text(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def entry_hash(
    prev_hash: str, seq: int, at: datetime, actor: str, action: str, subject: str, details: str
) -> str:
    body = canonical_json(
        {
            "seq": seq,
            "at": _at_text(at),
            "actor": actor,
            "action": action,
            "subject": subject,
            "details": details,
        }
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def _lock_head(session: Session) -> AuditHead:
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one_or_none()
    if head is None:  # a database created without the migration's seed row
        head = AuditHead(id=1, seq=0, hash=GENESIS_HASH)
        session.add(head)
        session.flush()
    return head


def append(
    session: Session,
    actor: str,
    action: str,
    subject: str = "",
    details: Mapping[str, Any] | None = None,
    *,
    at: datetime | None = None,
    client_ref: str | None = None,
) -> AuditEntry:
    """Add one entry at the end of the chain (flushed, committed with the caller's transaction).

    With `client_ref`, an entry already recorded under that reference is
    returned instead of a new one (idempotent booth events).
    """
    when = at or datetime.now(UTC)
    if when.tzinfo is None:
        raise ValueError("audit times must be timezone-aware")
    # Round-trip through the database precision (microseconds) before hashing.
    when = when.astimezone(UTC)
    head = _lock_head(session)
    if client_ref is not None:
        existing = session.execute(
            select(AuditEntry).where(AuditEntry.client_ref == client_ref)
        ).scalar_one_or_none()
        if existing is not None:
            return existing
    text = canonical_json(redact(dict(details or {})))
    seq = head.seq + 1
    digest = entry_hash(head.hash, seq, when, actor[:100], action[:100], subject[:200], text)
    entry = AuditEntry(
        seq=seq,
        at=when,
        actor=actor[:100],
        action=action[:100],
        subject=subject[:200],
        details=text,
        prev_hash=head.hash,
        hash=digest,
        client_ref=client_ref,
    )
    session.add(entry)
    head.seq = seq
    head.hash = digest
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainBreak:
    """The first place where the chain does not hold, with a French explanation."""

    seq: int
    reason: str


def verify_chain(session: Session, *, batch: int = 1000) -> ChainBreak | None:
    """Walk the whole log; None if intact, else the first broken entry."""
    prev_hash = GENESIS_HASH
    expected = 1
    last_seq = 0
    stmt = select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=batch)
    for entry in session.execute(stmt).scalars():
        if entry.seq != expected:
            return ChainBreak(
                expected, f"entrée n° {expected} absente (la suivante est la n° {entry.seq})"
            )
        if entry.prev_hash != prev_hash:
            return ChainBreak(entry.seq, "le lien avec l'entrée précédente est rompu")
        recomputed = entry_hash(
            entry.prev_hash,
            entry.seq,
            entry.at,
            entry.actor,
            entry.action,
            entry.subject,
            entry.details,
        )
        if recomputed != entry.hash:
            return ChainBreak(entry.seq, "le contenu de l'entrée a été modifié")
        prev_hash = entry.hash
        last_seq = entry.seq
        expected += 1
    head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one_or_none()
    if head is not None and (head.seq != last_seq or head.hash != prev_hash):
        return ChainBreak(
            last_seq + 1,
            f"la fin du journal a été supprimée (dernière entrée attendue : n° {head.seq})",
        )
    return None
