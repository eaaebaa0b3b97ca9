"""`parloir admin verify-audit`: walk the hash chain and say, in French, where it breaks."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.db.models import AuditEntry
from central.services.audit import verify_chain


def check(session: Session) -> tuple[bool, list[str]]:
    count = int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)
    broken = verify_chain(session)
    if broken is None:
        return True, [f"Journal d'audit intact : {count} entrée(s), chaîne vérifiée."]
    return False, [
        f"Journal d'audit ROMPU à l'entrée n° {broken.seq} : {broken.reason}.",
        f"({count} entrée(s) présentes ; les entrées à partir de la n° {broken.seq} "
        "ne sont plus garanties.)",
    ]
