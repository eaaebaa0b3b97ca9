"""Database side of the CSV import: every row checked, then all written or none.

`central.services.csv_import` checks the file alone; this module checks it
against the database (establishment, known écrous, numbers already listed)
and writes in the caller's transaction. One audit entry per import (the
file name, counts and a SHA-256 of the content; never PINs).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.admin import ops
from central.db.models import Contact, Detainee
from central.services import audit
from central.services.csv_import import (
    CsvImportError,
    RowError,
    parse_contacts,
    parse_detainees,
)


def _phone(number: str) -> str:
    from policy.phone import normalise

    return normalise(number)  # PhoneError is a ValueError: reported by line


def import_detainees(
    session: Session,
    *,
    actor: str,
    now: datetime,
    establishment_id: int,
    text: str,
    source: str = "",
    dry_run: bool = False,
) -> ops.ImportReport:
    est = ops.get_establishment(session, establishment_id)
    result = parse_detainees(text, plans=ops.plans())
    if result.errors:
        raise CsvImportError(result.errors)
    existing = {
        d.ecrou: d
        for d in session.scalars(select(Detainee).where(Detainee.establishment_id == est.id))
    }
    created = updated = 0
    for row in result.rows:
        det = existing.get(row.ecrou)
        if det is None:
            det = Detainee(
                establishment_id=est.id,
                ecrou=row.ecrou,
                first_name=row.first_name,
                last_name=row.last_name,
                pin_hash=ops.hash_pin(row.pin) if row.pin else None,
                access_status="granted",
                priority=row.priority,
                language=row.language,
                balance_cents=0,
                plan=row.plan or "hors-forfait",
                created_at=now,
            )
            session.add(det)
            created += 1
        else:
            det.first_name = row.first_name
            det.last_name = row.last_name
            det.priority = row.priority
            det.language = row.language
            if row.pin:
                det.pin_hash = ops.hash_pin(row.pin)
            if row.plan:
                det.plan = row.plan
            det.updated_at = now
            updated += 1
    session.flush()
    if not dry_run:
        audit.append(
            session,
            actor,
            "import.detainees",
            f"establishment:{est.id}",
            {
                "file": source,
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
                "created": created,
                "updated": updated,
                "lines": len(result.rows),
            },
            at=now,
        )
    return ops.ImportReport(created=created, updated=updated, lines=len(result.rows))


def import_contacts(
    session: Session,
    *,
    actor: str,
    now: datetime,
    establishment_id: int,
    text: str,
    source: str = "",
    dry_run: bool = False,
) -> ops.ImportReport:
    est = ops.get_establishment(session, establishment_id)
    result = parse_contacts(text, normalise=_phone)
    errors: list[RowError] = list(result.errors)
    detainees = {
        d.ecrou: d
        for d in session.scalars(select(Detainee).where(Detainee.establishment_id == est.id))
    }
    for row in result.rows:
        if row.ecrou not in detainees:
            errors.append(
                RowError(
                    row.line,
                    f"aucune personne détenue avec l'écrou {row.ecrou} "
                    "dans cet établissement (importez-la d'abord).",
                )
            )
    if errors:
        raise CsvImportError(sorted(errors, key=lambda e: e.line))
    created = updated = 0
    for row in result.rows:
        det = detainees[row.ecrou]
        name = " ".join(p for p in (row.first_name, row.last_name) if p)
        contact = session.scalars(
            select(Contact).where(Contact.detainee_id == det.id, Contact.phone_e164 == row.phone)
        ).first()
        if contact is None:
            session.add(
                Contact(
                    detainee_id=det.id,
                    establishment_id=est.id,
                    phone_e164=row.phone,
                    name=name,
                    relationship=row.relation,
                    status="authorised",
                    protected=row.protected,
                    created_at=now,
                )
            )
            created += 1
        else:
            # A re-import updates the description, never lifts a sanction.
            contact.name = name or contact.name
            contact.relationship = row.relation or contact.relationship
            contact.protected = row.protected
            contact.updated_at = now
            updated += 1
    session.flush()
    if not dry_run:
        audit.append(
            session,
            actor,
            "import.contacts",
            f"establishment:{est.id}",
            {
                "file": source,
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
                "created": created,
                "updated": updated,
                "lines": len(result.rows),
            },
            at=now,
        )
    return ops.ImportReport(created=created, updated=updated, lines=len(result.rows))
