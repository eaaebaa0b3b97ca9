"""Handlers of `parloir admin ...`: open the database, run one operation, print in French.

Output is printed only after the transaction committed (a booth token is
shown once, and only if the booth really exists).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from central.admin import ops
from central.admin.ops import AdminError
from central.db.models import Booth, Call, Contact, Establishment, LedgerEntry
from central.services.csv_import import CsvImportError
from central.settings import CentralSettings
from parloir.cli import CliError

T = TypeVar("T")
Out = list[str]
Op = Callable[[Session, datetime, str, Out], int]

STATUS_FR = {
    "authorised": "autorisé",
    "suspended": "suspendu",
    "withdrawn": "retiré",
    "granted": "ouvert",
    "inviting": "invitation envoyée",
    "connected": "en cours",
    "ended": "terminé",
    "failed": "échec",
    "cancelled": "annulé",
}


def _settings(args: argparse.Namespace) -> CentralSettings:
    from central.settings import load_central_settings
    from parloir.settings import SettingsError

    try:
        settings = load_central_settings(args.config)
    except SettingsError as exc:
        raise CliError(str(exc)) from None
    return settings.with_overrides(db=args.db, data_dir=args.data_dir)


def _actor(args: argparse.Namespace) -> str:
    if args.actor:
        return str(args.actor)[:100]
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "inconnu"
    return f"admin:{user}"[:100]


def run(args: argparse.Namespace, op: Op, *, clock_now: datetime | None = None) -> int:
    """Open the database (migrated), run `op` in one transaction, print its output."""
    from central.db.engine import make_engine, make_sessionmaker, migrate, session_scope
    from parloir.clock import SystemClock

    settings = _settings(args)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    out: Out = []
    try:
        engine = make_engine(settings.db_url)
        try:
            migrate(engine)
            factory = make_sessionmaker(engine)
            now = clock_now or SystemClock().now()
            with session_scope(factory) as session:
                status = op(session, now, _actor(args), out)
        finally:
            engine.dispose()
    except AdminError as exc:
        raise CliError(str(exc)) from None
    except CsvImportError as exc:
        raise CliError(str(exc)) from None
    except SQLAlchemyError as exc:
        raise CliError(
            f"base de données inaccessible ou refusée : {exc.__class__.__name__}"
        ) from None
    for line in out:
        print(line)
    return status


def _audit_read(session: Session, actor: str, now: datetime, action: str, det_id: int) -> None:
    """Consulting a person's data is an admin action too: it is logged."""
    from central.services import audit

    audit.append(session, actor, action, f"detainee:{det_id}", {}, at=now)


def _local(dt: datetime | None, tz: str = "Europe/Paris") -> str:
    if dt is None:
        return "—"
    from babel.dates import format_datetime

    return str(format_datetime(dt.astimezone(ZoneInfo(tz)), "d MMM y, H' h 'mm", locale="fr_FR"))


# --------------------------------------------------------------------------- establishment, booth


def establishment_create(args: argparse.Namespace) -> int:
    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        est = ops.create_establishment(
            session,
            actor=actor,
            now=now,
            name=args.name,
            timezone=args.timezone,
            slot_minutes=args.slot_minutes,
            max_call_s=args.max_call_minutes * 60,
        )
        out.append(f"Établissement créé : {est.name} (identifiant {est.id}, {est.timezone}).")
        out.append(
            "Fixez ses heures d'ouverture : parloir admin hours set "
            f"--establishment {est.id} --days lun-dim --hours 08:00-20:00"
        )
        return 0

    return run(args, op)


def establishment_list(args: argparse.Namespace) -> int:
    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        rows = list(session.scalars(select(Establishment).order_by(Establishment.id)))
        if not rows:
            out.append("Aucun établissement.")
        for est in rows:
            out.append(f"{est.id}\t{est.name}\t{est.timezone}")
        return 0

    return run(args, op)


def booth_create(args: argparse.Namespace) -> int:
    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        booth, token = ops.create_booth(
            session, actor=actor, now=now, establishment_id=args.establishment, name=args.name
        )
        out.append(f"Cabine créée : {booth.name} (identifiant {booth.id}).")
        out.append("Jeton de la cabine (affiché une seule fois, à copier dans sa configuration) :")
        out.append(token)
        return 0

    return run(args, op)


def booth_list(args: argparse.Namespace) -> int:
    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        q = select(Booth).order_by(Booth.id)
        if args.establishment is not None:
            q = q.where(Booth.establishment_id == args.establishment)
        rows = list(session.scalars(q))
        if not rows:
            out.append("Aucune cabine.")
        for b in rows:
            state = "active" if b.active else "désactivée"
            out.append(f"{b.id}\t{b.name}\tétablissement {b.establishment_id}\t{state}")
        return 0

    return run(args, op)


def hours_set(args: argparse.Namespace) -> int:
    days = _wrap(lambda: ops.parse_days(args.days))
    ranges = _wrap(lambda: ops.parse_ranges(args.hours))

    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        est = ops.set_hours(
            session,
            actor=actor,
            now=now,
            establishment_id=args.establishment,
            days=days,
            ranges=ranges,
        )
        out.extend(_hours_lines(est))
        return 0

    return run(args, op)


def hours_show(args: argparse.Namespace) -> int:
    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        out.extend(_hours_lines(ops.get_establishment(session, args.establishment)))
        return 0

    return run(args, op)


def _hours_lines(est: Establishment) -> list[str]:
    lines = [f"Heures d'ouverture — {est.name} ({est.timezone}) :"]
    hours = est.opening_hours or {}
    for i, day in enumerate(ops.WEEKDAYS):
        ranges = hours.get(day) or []
        if isinstance(ranges, str):
            ranges = [ranges]
        text = ", ".join(str(r) for r in ranges) if ranges else "fermé"
        lines.append(f"  {ops.DAY_NAMES_FR[i]} : {text}")
    return lines


def _wrap(fn: Callable[[], T]) -> T:
    try:
        return fn()
    except AdminError as exc:
        raise CliError(str(exc)) from None


# --------------------------------------------------------------------------- import


def import_detainees(args: argparse.Namespace) -> int:
    from central.admin import importer
    from central.services.csv_import import read_text

    try:
        text = read_text(args.file)
    except CsvImportError as exc:
        raise CliError(str(exc)) from None

    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        report = importer.import_detainees(
            session,
            actor=actor,
            now=now,
            establishment_id=args.establishment,
            text=text,
            source=str(args.file),
            dry_run=args.dry_run,
        )
        out.append(_import_line(report, "personne(s) détenue(s)", args.dry_run))
        if args.dry_run:
            session.rollback()
        return 0

    return run(args, op)


def import_contacts(args: argparse.Namespace) -> int:
    from central.admin import importer
    from central.services.csv_import import read_text

    try:
        text = read_text(args.file)
    except CsvImportError as exc:
        raise CliError(str(exc)) from None

    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        report = importer.import_contacts(
            session,
            actor=actor,
            now=now,
            establishment_id=args.establishment,
            text=text,
            source=str(args.file),
            dry_run=args.dry_run,
        )
        out.append(_import_line(report, "contact(s)", args.dry_run))
        if args.dry_run:
            session.rollback()
        return 0

    return run(args, op)


def _import_line(report: ops.ImportReport, what: str, dry_run: bool) -> str:
    if dry_run:
        return f"Fichier valide : {report.lines} ligne(s). Rien n'a été importé (--dry-run)."
    return (
        f"Import terminé : {report.created} {what} créé(s), {report.updated} mis à jour "
        f"({report.lines} ligne(s))."
    )


# --------------------------------------------------------------------------- accounts


def account_credit(args: argparse.Namespace) -> int:
    amount = _wrap(lambda: ops.parse_amount(args.amount))

    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        det = ops.find_detainee(session, args.detainee, args.establishment)
        ops.credit(
            session,
            actor=actor,
            now=now,
            detainee=det,
            amount_cents=amount,
            reason=args.reason,
            external_ref=args.ref,
        )
        out.append(
            f"Compte de {det.first_name} {det.last_name} ({det.ecrou}) crédité de "
            f"{ops.format_cents(amount)}. Nouveau solde : {ops.format_cents(det.balance_cents)}."
        )
        return 0

    return run(args, op)


def account_set_plan(args: argparse.Namespace) -> int:
    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        det = ops.find_detainee(session, args.detainee, args.establishment)
        ops.set_plan(
            session, actor=actor, now=now, detainee=det, plan=args.plan, reason=args.reason
        )
        out.append(f"Formule de {det.first_name} {det.last_name} ({det.ecrou}) : {det.plan}.")
        return 0

    return run(args, op)


def account_show(args: argparse.Namespace) -> int:
    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        det = ops.find_detainee(session, args.detainee, args.establishment)
        _audit_read(session, actor, now, "account.show", det.id)
        out.append(
            f"{det.first_name} {det.last_name} ({det.ecrou}) : solde "
            f"{ops.format_cents(det.balance_cents)}, formule {det.plan}, accès visio "
            f"{STATUS_FR.get(det.access_status, det.access_status)}."
        )
        return 0

    return run(args, op)


# --------------------------------------------------------------------------- sanctions


def contact_list(args: argparse.Namespace) -> int:
    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        det = ops.find_detainee(session, args.detainee, args.establishment)
        _audit_read(session, actor, now, "contact.list", det.id)
        rows = list(
            session.scalars(
                select(Contact).where(Contact.detainee_id == det.id).order_by(Contact.id)
            )
        )
        out.append(f"Numéros autorisés de {det.first_name} {det.last_name} ({det.ecrou}) :")
        if not rows:
            out.append("  aucun")
        for c in rows:
            extra = " (protégé, jamais écouté ni enregistré)" if c.protected else ""
            until = (
                f" jusqu'au {_local(c.suspended_until)}"
                if c.status == "suspended" and c.suspended_until
                else ""
            )
            out.append(
                f"  {c.id}\t{c.phone_e164}\t{c.name}\t{c.relationship}\t"
                f"{STATUS_FR.get(c.status, c.status)}{until}{extra}"
            )
        return 0

    return run(args, op)


def _contact_action(args: argparse.Namespace, action: str) -> int:
    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        contact = ops.find_contact(
            session, args.contact, args.detainee, args.phone, args.establishment
        )
        est = session.get(Establishment, contact.establishment_id)
        tz = est.timezone if est else "Europe/Paris"
        until = ops.parse_until(args.until, tz, now) if action == "suspend" else None
        ops.sanction_contact(
            session,
            actor=actor,
            now=now,
            contact=contact,
            action=action,
            reason=args.reason,
            until=until,
        )
        text = {
            "suspend": f"suspendu jusqu'au {_local(until, tz)}",
            "withdraw": "retiré",
            "restore": "rétabli",
        }[action]
        out.append(f"Numéro {contact.phone_e164} (contact {contact.id}) {text}.")
        return 0

    return run(args, op)


def contact_suspend(args: argparse.Namespace) -> int:
    return _contact_action(args, "suspend")


def contact_withdraw(args: argparse.Namespace) -> int:
    return _contact_action(args, "withdraw")


def contact_restore(args: argparse.Namespace) -> int:
    return _contact_action(args, "restore")


def _access_action(args: argparse.Namespace, action: str) -> int:
    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        det = ops.find_detainee(session, args.detainee, args.establishment)
        est = session.get(Establishment, det.establishment_id)
        tz = est.timezone if est else "Europe/Paris"
        until = ops.parse_until(args.until, tz, now) if action == "suspend" else None
        ops.sanction_access(
            session,
            actor=actor,
            now=now,
            detainee=det,
            action=action,
            reason=args.reason,
            until=until,
        )
        text = {
            "suspend": f"suspendu jusqu'au {_local(until, tz)}",
            "withdraw": "retiré",
            "restore": "rétabli",
        }[action]
        out.append(f"Accès à la visio de {det.first_name} {det.last_name} ({det.ecrou}) {text}.")
        return 0

    return run(args, op)


def access_suspend(args: argparse.Namespace) -> int:
    return _access_action(args, "suspend")


def access_withdraw(args: argparse.Namespace) -> int:
    return _access_action(args, "withdraw")


def access_restore(args: argparse.Namespace) -> int:
    return _access_action(args, "restore")


# --------------------------------------------------------------------------- listings


def calls_list(args: argparse.Namespace) -> int:
    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        det = ops.find_detainee(session, args.detainee, args.establishment)
        _audit_read(session, actor, now, "calls.list", det.id)
        rows = list(
            session.scalars(
                select(Call)
                .where(Call.detainee_id == det.id)
                .order_by(Call.created_at.desc())
                .limit(max(1, args.limit))
            )
        )
        out.append(f"Appels de {det.first_name} {det.last_name} ({det.ecrou}) :")
        if not rows:
            out.append("  aucun")
        for c in rows:
            secs = c.connected_seconds
            dur = f"{secs // 60} min {secs % 60:02d} s" if secs is not None else "—"
            price = ops.format_cents(c.price_cents) if c.price_cents is not None else "—"
            out.append(
                f"  {_local(c.created_at)}\t{c.phone_e164}\t"
                f"{STATUS_FR.get(c.status, c.status)}\t{c.end_reason or ''}\tdurée {dur}\t"
                f"{price}\tformule {c.plan}\t{c.id}"
            )
        return 0

    return run(args, op)


def ledger_list(args: argparse.Namespace) -> int:
    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        det = ops.find_detainee(session, args.detainee, args.establishment)
        _audit_read(session, actor, now, "ledger.list", det.id)
        rows = list(
            session.scalars(
                select(LedgerEntry)
                .where(LedgerEntry.detainee_id == det.id)
                .order_by(LedgerEntry.id.desc())
                .limit(max(1, args.limit))
            )
        )
        out.append(
            f"Compte téléphonie de {det.first_name} {det.last_name} ({det.ecrou}) — solde "
            f"{ops.format_cents(det.balance_cents)}, formule {det.plan} :"
        )
        if not rows:
            out.append("  aucun mouvement")
        for e in rows:
            sign = "+" if e.kind == "credit" else "-"
            what = e.reason or ("appel " + e.call_id if e.call_id else "")
            out.append(
                f"  {_local(e.created_at)}\t{sign}{ops.format_cents(e.amount_cents)}\t"
                f"solde {ops.format_cents(e.balance_after_cents)}\t{what}"
            )
        return 0

    return run(args, op)


# --------------------------------------------------------------------------- staff, audit


def _read_pin(args: argparse.Namespace) -> str:
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    else:
        if not sys.stdin.isatty():
            raise CliError("Pas de terminal pour saisir le PIN : utilisez --pin-stdin.")
        pin = getpass.getpass("PIN (4 à 8 chiffres) : ")
        again = getpass.getpass("Confirmez le PIN : ")
        if pin != again:
            raise CliError("Les deux PIN saisis sont différents. Rien n'a été créé.")
    return _wrap(lambda: ops.check_pin(pin))


def _read_password(args: argparse.Namespace) -> str | None:
    if not args.password:
        return None
    if args.pin_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mot de passe (8 caractères au moins) : ")
        if password != getpass.getpass("Confirmez le mot de passe : "):
            raise CliError("Les deux mots de passe sont différents. Rien n'a été créé.")
    if len(password) < 8:
        raise CliError("Le mot de passe doit compter 8 caractères au moins. Rien n'a été créé.")
    return password


def staff_create(args: argparse.Namespace) -> int:
    pin = _read_pin(args)
    password = _read_password(args)

    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        staff = ops.create_staff(
            session,
            actor=actor,
            now=now,
            username=args.username,
            display_name=args.name,
            role=args.role,
            pin=pin,
            password=password,
            establishment_id=args.establishment,
        )
        out.append(f"Compte créé : {staff.username} ({staff.role}, identifiant {staff.id}).")
        return 0

    return run(args, op)


def purge_recordings(args: argparse.Namespace) -> int:
    """The daily purge of the server, on demand (e.g. before a disk is replaced)."""
    settings = _settings(args)

    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        from central.services.recordings import purge_expired

        purged = purge_expired(session, settings, now)
        for p in purged:
            out.append(f"Détruit : enregistrement de l'appel {p.call_id} ({p.age_days} jours).")
        out.append(
            f"{len(purged)} enregistrement(s) détruit(s) ; conservation "
            f"{settings.relay.retention_days} jours, sauf enregistrements conservés pour "
            "une procédure."
        )
        return 0

    return run(args, op)


def verify_audit(args: argparse.Namespace) -> int:
    def op(session: Session, now: datetime, actor: str, out: Out) -> int:
        from central.admin.audit_check import check

        ok, lines = check(session)
        out.extend(lines)
        return 0 if ok else 1

    return run(args, op)
