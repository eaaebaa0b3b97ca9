"""Administration operations on the central database (used by the CLI and the demo seed).

Each operation runs inside the caller's transaction and appends one audit
entry; the caller commits once, so an operation and its audit line land
together or not at all. Errors a person can fix are `AdminError` with a
French message; nothing is changed when one is raised (the caller rolls back).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import (
    Booth,
    Contact,
    Detainee,
    Establishment,
    LedgerEntry,
    Sanction,
    Staff,
)
from central.services import audit, ledger

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FR_DAYS = {"lun": 0, "mar": 1, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6}
DAY_NAMES_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
STAFF_ROLES = ("guard", "technician", "monitor", "admin")
PIN_RE = re.compile(r"^\d{4,8}$")


class AdminError(Exception):
    """A refused administration action (French message, nothing changed)."""


# --------------------------------------------------------------------------- helpers


def hash_token(token: str) -> str:
    """Booth tokens are stored as SHA-256 hex (high-entropy, so no slow hash needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


def hash_pin(pin: str) -> str:
    from argon2 import PasswordHasher

    return PasswordHasher().hash(pin)


def check_pin(pin: str) -> str:
    if not PIN_RE.match(pin):
        raise AdminError("Le code PIN doit compter de 4 à 8 chiffres.")
    return pin


def plans() -> tuple[str, ...]:
    from policy.tariffs import PLANS

    return PLANS


def parse_amount(text: str) -> int:
    """«20», «12,50», «12.5» → cents; refuses negatives, zero and sub-cent amounts."""
    from decimal import Decimal, InvalidOperation

    raw = text.strip().replace("€", "").replace(" ", "").replace("\u202f", "").replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise AdminError(f"Montant illisible : « {text} » (exemple : 12,50).") from None
    if not value.is_finite() or value <= 0:
        raise AdminError("Le montant doit être positif.")
    cents = value * 100
    if cents != cents.to_integral_value():
        raise AdminError("Le montant ne peut pas avoir plus de deux décimales.")
    if cents > 100_000_00:
        raise AdminError("Montant trop élevé (100 000 € au plus).")
    return int(cents)


def format_cents(cents: int) -> str:
    from babel.numbers import format_currency

    return str(format_currency(cents / 100, "EUR", locale="fr_FR"))


def parse_until(text: str, timezone: str, now: datetime) -> datetime:
    """`AAAA-MM-JJ` = through that day (ends at the next local midnight); or a local datetime."""
    zone = ZoneInfo(timezone)
    text = text.strip()
    try:
        if "T" in text or " " in text:
            local = datetime.fromisoformat(text.replace(" ", "T"))
            if local.tzinfo is None:
                local = local.replace(tzinfo=zone)
            until = local
        else:
            day = datetime.strptime(text, "%Y-%m-%d").date()  # noqa: DTZ007 - a date only
            until = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    except ValueError:
        raise AdminError(
            f"Date illisible : « {text} » (attendu AAAA-MM-JJ ou AAAA-MM-JJTHH:MM)."
        ) from None
    if until <= now:
        raise AdminError("La date de fin de suspension doit être dans le futur.")
    return until


def parse_days(text: str) -> list[int]:
    """«lun-ven», «sam,dim», «tous», «mon..fri» → weekday numbers (0 = Monday)."""
    t = text.strip().lower()
    if t in {"tous", "all", "*", "tous-les-jours"}:
        return list(range(7))

    def one(name: str) -> int:
        key = name.strip()[:3]
        if key in FR_DAYS:
            return FR_DAYS[key]
        if key in WEEKDAYS:
            return WEEKDAYS.index(key)
        raise AdminError(f"Jour inconnu : « {name} » (lun, mar, mer, jeu, ven, sam, dim).")

    out: list[int] = []
    for part in t.split(","):
        part = part.strip()
        if not part:
            continue
        sep = ".." if ".." in part else "-" if "-" in part else None
        if sep:
            a, b = (one(x) for x in part.split(sep, 1))
            span = range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)]
            out.extend(span)
        else:
            out.append(one(part))
    if not out:
        raise AdminError("Indiquez au moins un jour.")
    return sorted(set(out))


def parse_ranges(text: str) -> list[str]:
    """«08:00-12:00,13:30-18:00» → ["08:00-12:00", "13:30-18:00"] (stored form); «fermé» → []."""
    from policy.booking import BookingConfigError, OpeningHours

    t = text.strip().lower()
    if t in {"fermé", "ferme", "closed", "-", ""}:
        return []
    parts = [p.strip() for p in t.split(",") if p.strip()]
    try:
        hours = OpeningHours.parse({"mon": parts})  # validates format, order, overlaps
    except BookingConfigError as exc:
        raise AdminError(f"Heures invalides : {exc}.") from None
    return [
        f"{r.start:%H:%M}-{r.end:%H:%M}" for r in sorted(hours.weekly[0], key=lambda r: r.start)
    ]


# --------------------------------------------------------------------------- lookups


def get_establishment(session: Session, est_id: int) -> Establishment:
    est = session.get(Establishment, est_id)
    if est is None:
        raise AdminError(f"Établissement {est_id} introuvable.")
    return est


def find_detainee(session: Session, ref: str, establishment_id: int | None = None) -> Detainee:
    ref = ref.strip()
    if ref.startswith("id:"):
        try:
            found = session.get(Detainee, int(ref[3:]))
        except ValueError:
            found = None
        if found is None:
            raise AdminError(f"Personne détenue {ref} introuvable.")
        return found
    q = select(Detainee).where(Detainee.ecrou == ref)
    if establishment_id is not None:
        q = q.where(Detainee.establishment_id == establishment_id)
    rows = list(session.scalars(q))
    if not rows:
        raise AdminError(f"Aucune personne détenue avec le numéro d'écrou {ref}.")
    if len(rows) > 1:
        raise AdminError(
            f"Le numéro d'écrou {ref} existe dans plusieurs établissements : "
            "précisez --establishment."
        )
    return rows[0]


def find_contact(
    session: Session,
    contact_id: int | None,
    detainee_ref: str | None = None,
    phone: str | None = None,
    establishment_id: int | None = None,
) -> Contact:
    if contact_id is not None:
        found = session.get(Contact, contact_id)
        if found is None:
            raise AdminError(f"Contact {contact_id} introuvable.")
        return found
    if not detainee_ref or not phone:
        raise AdminError("Indiquez --contact ID, ou --detainee ECROU avec --phone NUMERO.")
    det = find_detainee(session, detainee_ref, establishment_id)
    number = normalise_phone(phone)
    found = session.scalars(
        select(Contact).where(Contact.detainee_id == det.id, Contact.phone_e164 == number)
    ).first()
    if found is None:
        raise AdminError(f"Le numéro {phone} n'est pas dans la liste de {det.ecrou}.")
    return found


def normalise_phone(number: str) -> str:
    from policy.phone import normalise

    try:
        return normalise(number)
    except ValueError:
        raise AdminError(f"Numéro de téléphone invalide : « {number} ».") from None


# --------------------------------------------------------------------------- operations


def create_establishment(
    session: Session,
    *,
    actor: str,
    now: datetime,
    name: str,
    timezone: str = "Europe/Paris",
    slot_minutes: int = 30,
    max_call_s: int = 1800,
    opening_hours: dict[str, Any] | None = None,
) -> Establishment:
    name = name.strip()
    if not name:
        raise AdminError("Le nom de l'établissement est obligatoire.")
    try:
        ZoneInfo(timezone)
    except (KeyError, ValueError):
        raise AdminError(f"Fuseau horaire inconnu : « {timezone} ».") from None
    if not 5 <= slot_minutes <= 240:
        raise AdminError("La durée d'un créneau doit être entre 5 et 240 minutes.")
    if not 60 <= max_call_s <= 4 * 3600:
        raise AdminError("La durée maximale d'un appel doit être entre 1 et 240 minutes.")
    est = Establishment(
        name=name,
        timezone=timezone,
        slot_minutes=slot_minutes,
        max_call_s=max_call_s,
        opening_hours=opening_hours or {},
        booking_rules={},
        created_at=now,
    )
    session.add(est)
    session.flush()
    audit.append(
        session,
        actor,
        "establishment.create",
        f"establishment:{est.id}",
        {
            "name": name,
            "timezone": timezone,
            "slot_minutes": slot_minutes,
            "max_call_s": max_call_s,
        },
        at=now,
    )
    return est


def create_booth(
    session: Session,
    *,
    actor: str,
    now: datetime,
    establishment_id: int,
    name: str,
    token: str | None = None,
) -> tuple[Booth, str]:
    """A booth and its bearer token; only the token's hash is stored."""
    get_establishment(session, establishment_id)
    name = name.strip()
    if not name:
        raise AdminError("Le nom de la cabine est obligatoire.")
    token = token or secrets.token_urlsafe(32)
    booth = Booth(
        establishment_id=establishment_id,
        name=name,
        token_hash=hash_token(token),
        active=True,
        created_at=now,
    )
    session.add(booth)
    session.flush()
    audit.append(
        session,
        actor,
        "booth.create",
        f"booth:{booth.id}",
        {"establishment_id": establishment_id, "name": name},
        at=now,
    )
    return booth, token


def set_hours(
    session: Session,
    *,
    actor: str,
    now: datetime,
    establishment_id: int,
    days: list[int],
    ranges: list[str],
) -> Establishment:
    est = get_establishment(session, establishment_id)
    hours = dict(est.opening_hours or {})
    for d in days:
        hours[WEEKDAYS[d]] = list(ranges)
    est.opening_hours = hours
    session.flush()
    audit.append(
        session,
        actor,
        "establishment.hours",
        f"establishment:{est.id}",
        {"days": [WEEKDAYS[d] for d in days], "ranges": ranges},
        at=now,
    )
    return est


def credit(
    session: Session,
    *,
    actor: str,
    now: datetime,
    detainee: Detainee,
    amount_cents: int,
    reason: str,
    external_ref: str | None = None,
) -> LedgerEntry:
    if amount_cents <= 0:
        raise AdminError("Le montant doit être positif.")
    try:
        entry, created = ledger.credit(
            session,
            detainee.id,
            amount_cents,
            at=now,
            reason=reason,
            actor=actor,
            external_ref=external_ref or None,
        )
    except ledger.LedgerError as exc:
        raise AdminError(f"Crédit refusé : {exc}.") from None
    if not created:
        raise AdminError(f"La référence {external_ref} a déjà été créditée : rien n'a changé.")
    entry.plan = detainee.plan
    detainee.updated_at = now
    session.flush()
    audit.append(
        session,
        actor,
        "account.credit",
        f"detainee:{detainee.id}",
        {
            "amount_cents": amount_cents,
            "balance_after_cents": entry.balance_after_cents,
            "reason": reason,
            "external_ref": external_ref,
        },
        at=now,
    )
    return entry


def set_plan(
    session: Session, *, actor: str, now: datetime, detainee: Detainee, plan: str, reason: str = ""
) -> Detainee:
    known = plans()
    if plan not in known:
        raise AdminError(f"Formule inconnue : « {plan} » (possibles : {', '.join(known)}).")
    before = detainee.plan
    detainee.plan = plan
    detainee.updated_at = now
    session.flush()
    audit.append(
        session,
        actor,
        "account.set_plan",
        f"detainee:{detainee.id}",
        {"from": before, "to": plan, "reason": reason},
        at=now,
    )
    return detainee


def _lift_sanctions(session: Session, now: datetime, **where: Any) -> int:
    q = select(Sanction).where(Sanction.lifted_at.is_(None))
    for key, value in where.items():
        q = q.where(getattr(Sanction, key) == value)
    count = 0
    for s in session.scalars(q):
        s.lifted_at = now
        count += 1
    return count


def sanction_contact(
    session: Session,
    *,
    actor: str,
    now: datetime,
    contact: Contact,
    action: str,
    reason: str,
    until: datetime | None = None,
) -> Contact:
    """suspend (until a date) / withdraw / restore a number; the number is what is sanctioned."""
    reason = reason.strip()
    if not reason:
        raise AdminError("Le motif est obligatoire.")
    before = contact.status
    if action == "restore":
        if contact.status == "authorised":
            raise AdminError("Ce numéro est déjà autorisé.")
        _lift_sanctions(session, now, contact_id=contact.id)
        contact.status = "authorised"
        contact.suspended_until = None
    elif action in ("suspend", "withdraw"):
        if contact.status == "withdrawn" and action == "suspend":
            raise AdminError("Ce numéro est retiré : rétablissez-le d'abord si besoin.")
        if until is None and action == "suspend":
            raise AdminError("Une suspension a une date de fin (--until).")
        _lift_sanctions(session, now, contact_id=contact.id)
        det = session.get(Detainee, contact.detainee_id)
        session.add(
            Sanction(
                establishment_id=contact.establishment_id,
                detainee_id=det.id if det else None,
                contact_id=contact.id,
                phone_e164=contact.phone_e164,
                kind="suspension" if action == "suspend" else "withdrawal",
                scope="visio",
                reason=reason,
                starts_at=now,
                ends_at=until if action == "suspend" else None,
                decided_by=actor,
                created_at=now,
            )
        )
        contact.status = "suspended" if action == "suspend" else "withdrawn"
        contact.suspended_until = until if action == "suspend" else None
    else:  # pragma: no cover - the CLI only offers the three actions
        raise AdminError(f"Action inconnue : {action}")
    contact.updated_at = now
    session.flush()
    audit.append(
        session,
        actor,
        f"contact.{action}",
        f"contact:{contact.id}",
        {
            "from": before,
            "to": contact.status,
            "reason": reason,
            "until": until.isoformat() if until else None,
        },
        at=now,
    )
    return contact


def sanction_access(
    session: Session,
    *,
    actor: str,
    now: datetime,
    detainee: Detainee,
    action: str,
    reason: str,
    until: datetime | None = None,
) -> Detainee:
    reason = reason.strip()
    if not reason:
        raise AdminError("Le motif est obligatoire.")
    before = detainee.access_status
    if action == "restore":
        if detainee.access_status == "granted":
            raise AdminError("L'accès à la visio est déjà ouvert.")
        q = select(Sanction).where(
            Sanction.lifted_at.is_(None),
            Sanction.detainee_id == detainee.id,
            Sanction.contact_id.is_(None),
        )
        for s in session.scalars(q):
            s.lifted_at = now
        detainee.access_status = "granted"
        detainee.access_suspended_until = None
    elif action in ("suspend", "withdraw"):
        if detainee.access_status == "withdrawn" and action == "suspend":
            raise AdminError("L'accès est retiré : rétablissez-le d'abord si besoin.")
        if until is None and action == "suspend":
            raise AdminError("Une suspension a une date de fin (--until).")
        q = select(Sanction).where(
            Sanction.lifted_at.is_(None),
            Sanction.detainee_id == detainee.id,
            Sanction.contact_id.is_(None),
        )
        for s in session.scalars(q):
            s.lifted_at = now
        session.add(
            Sanction(
                establishment_id=detainee.establishment_id,
                detainee_id=detainee.id,
                contact_id=None,
                kind="suspension" if action == "suspend" else "withdrawal",
                scope="visio",
                reason=reason,
                starts_at=now,
                ends_at=until if action == "suspend" else None,
                decided_by=actor,
                created_at=now,
            )
        )
        detainee.access_status = "suspended" if action == "suspend" else "withdrawn"
        detainee.access_suspended_until = until if action == "suspend" else None
    else:  # pragma: no cover
        raise AdminError(f"Action inconnue : {action}")
    detainee.updated_at = now
    session.flush()
    audit.append(
        session,
        actor,
        f"access.{action}",
        f"detainee:{detainee.id}",
        {
            "from": before,
            "to": detainee.access_status,
            "reason": reason,
            "until": until.isoformat() if until else None,
        },
        at=now,
    )
    return detainee


def create_staff(
    session: Session,
    *,
    actor: str,
    now: datetime,
    username: str,
    display_name: str,
    role: str,
    pin: str,
    establishment_id: int | None = None,
    password: str | None = None,
) -> Staff:
    username = username.strip()
    if not re.match(r"^[A-Za-z0-9._-]{2,100}$", username):
        raise AdminError("Identifiant invalide (lettres, chiffres, . _ -, 2 caractères au moins).")
    if role not in STAFF_ROLES:
        raise AdminError(f"Rôle inconnu : « {role} » ({', '.join(STAFF_ROLES)}).")
    check_pin(pin)
    if establishment_id is not None:
        get_establishment(session, establishment_id)
    if session.scalars(select(Staff).where(Staff.username == username)).first() is not None:
        raise AdminError(f"L'identifiant « {username} » existe déjà.")
    staff = Staff(
        establishment_id=establishment_id,
        username=username,
        display_name=display_name.strip(),
        role=role,
        pin_hash=hash_pin(pin),
        password_hash=hash_pin(password) if password else None,
        active=True,
        created_at=now,
    )
    session.add(staff)
    session.flush()
    audit.append(
        session,
        actor,
        "staff.create",
        f"staff:{staff.id}",
        {"username": username, "role": role, "establishment_id": establishment_id},
        at=now,
    )
    return staff


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    lines: int
