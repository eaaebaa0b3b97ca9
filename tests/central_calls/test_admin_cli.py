"""`parloir admin ...` through parloir.cli.main and once in a subprocess."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from parloir.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "central"


def admin(
    data_dir: Path,
    *args: str,
    stdin: str | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> int:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(["admin", "--data-dir", str(data_dir), "--actor", "greffe:test", *args])


@contextmanager
def db(data_dir: Path) -> Iterator[Session]:
    from central.db.engine import make_engine, make_sessionmaker

    engine = make_engine(f"sqlite:///{(data_dir / 'central.sqlite3').resolve()}")
    try:
        with make_sessionmaker(engine)() as s:
            yield s
            s.commit()
    finally:
        engine.dispose()


def actions(data_dir: Path) -> list[str]:
    from central.db.models import AuditEntry

    with db(data_dir) as s:
        return [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))]


def setup_establishment(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert admin(data_dir, "establishment", "create", "--name", "Maison d'arrêt de Test") == 0
    out = capsys.readouterr().out
    assert "Établissement créé : Maison d'arrêt de Test (identifiant 1" in out
    assert admin(data_dir, "booth", "create", "--establishment", "1", "--name", "Cabine A") == 0
    out = capsys.readouterr().out
    token = out.strip().splitlines()[-1]
    assert len(token) >= 40
    return token


DETAINEES = (
    "ecrou;prenom;nom;pin;forfait\n2001;Karim;Benali;4321;hors-forfait\n2002;Jean;Dupont;;50\n"
)
CONTACTS = (
    "ecrou;prenom;nom;telephone;lien;protege\n"
    "2001;Leïla;Benali;06 12 34 56 78;épouse;non\n"
    "2001;Maître;Durand;+33 6 98 76 54 32;avocat;oui\n"
    "2002;Anne;Dupont;0611223344;sœur;\n"
)


def test_establishment_booth_hours(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from central.api.deps import hash_token
    from central.db.models import Booth, Establishment

    token = setup_establishment(data_dir, capsys)
    assert (
        admin(
            data_dir,
            "hours",
            "set",
            "--establishment",
            "1",
            "--days",
            "lun-ven",
            "--hours",
            "08:00-12:00,13:30-18:00",
        )
        == 0
    )
    assert (
        admin(
            data_dir,
            "hours",
            "set",
            "--establishment",
            "1",
            "--days",
            "sam,dim",
            "--hours",
            "fermé",
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "lundi : 08:00-12:00, 13:30-18:00" in out and "dimanche : fermé" in out
    with db(data_dir) as s:
        est = s.get(Establishment, 1)
        assert est is not None
        assert est.opening_hours["fri"] == ["08:00-12:00", "13:30-18:00"]
        assert est.opening_hours["sat"] == []
        booth = s.scalars(select(Booth)).one()
        assert booth.token_hash == hash_token(token) and token not in booth.token_hash
    # bad input: clear French error, exit 2, nothing changed
    assert (
        admin(
            data_dir,
            "hours",
            "set",
            "--establishment",
            "1",
            "--days",
            "lun",
            "--hours",
            "18:00-08:00",
        )
        == 2
    )
    assert "Heures invalides" in capsys.readouterr().err
    assert (
        admin(
            data_dir,
            "hours",
            "set",
            "--establishment",
            "9",
            "--days",
            "lun",
            "--hours",
            "08:00-09:00",
        )
        == 2
    )
    assert "Établissement 9 introuvable" in capsys.readouterr().err
    assert actions(data_dir) == [
        "establishment.create",
        "booth.create",
        "establishment.hours",
        "establishment.hours",
    ]
    with db(data_dir) as s:  # the token is in no audit entry
        assert token not in str(s.execute(text("SELECT details FROM audit_log")).all())


def test_import_all_or_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from central.db.models import Contact, Detainee

    setup_establishment(data_dir, capsys)
    bad = tmp_path / "bad.csv"
    bad.write_text(DETAINEES + "2003;Ana;;12;99\n2001;Double;X;;\n", encoding="utf-8")
    assert admin(data_dir, "import", "detainees", str(bad), "--establishment", "1") == 2
    err = capsys.readouterr().err
    assert "aucune ligne n'a été importée" in err
    assert "ligne 4 : nom manquant" in err and "ligne 4 : code PIN invalide" in err
    assert "ligne 4 : forfait « 99 » inconnu" in err
    assert "ligne 5 : numéro d'écrou 2001 déjà présent ligne 2" in err
    with db(data_dir) as s:
        assert s.scalars(select(Detainee)).all() == []

    good = tmp_path / "detenus.csv"
    good.write_text(DETAINEES, encoding="utf-8")
    assert admin(data_dir, "import", "detainees", str(good), "--establishment", "1") == 0
    assert "2 personne(s) détenue(s) créé(s)" in capsys.readouterr().out

    contacts = tmp_path / "contacts.csv"
    contacts.write_text(
        CONTACTS + "2999;X;Y;0611223355;;non\n2001;Z;Z;0123;;non\n", encoding="utf-8"
    )
    assert admin(data_dir, "import", "contacts", str(contacts), "--establishment", "1") == 2
    err = capsys.readouterr().err
    assert "ligne 5 : aucune personne détenue avec l'écrou 2999" in err
    assert "ligne 6 : numéro de téléphone « 0123 » invalide" in err
    contacts.write_text(CONTACTS, encoding="utf-8")
    assert admin(data_dir, "import", "contacts", str(contacts), "--establishment", "1") == 0
    with db(data_dir) as s:
        karim = s.scalars(select(Detainee).where(Detainee.ecrou == "2001")).one()
        assert karim.pin_hash is not None and karim.pin_hash.startswith("$argon2")
        assert karim.plan == "hors-forfait"
        rows = s.scalars(select(Contact).order_by(Contact.id)).all()
        assert [c.phone_e164 for c in rows] == ["+33612345678", "+33698765432", "+33611223344"]
        assert [c.protected for c in rows] == [False, True, False]
        audit_details = str(s.execute(text("SELECT details FROM audit_log")).all())
        assert "4321" not in audit_details
    assert actions(data_dir)[-2:] == ["import.detainees", "import.contacts"]


def test_accounts_sanctions_staff_and_listings(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from central.db.models import Contact, Detainee, Sanction, Staff

    setup_establishment(data_dir, capsys)
    (tmp_path / "d.csv").write_text(DETAINEES, encoding="utf-8")
    (tmp_path / "c.csv").write_text(CONTACTS, encoding="utf-8")
    admin(data_dir, "import", "detainees", str(tmp_path / "d.csv"), "--establishment", "1")
    admin(data_dir, "import", "contacts", str(tmp_path / "c.csv"), "--establishment", "1")
    capsys.readouterr()

    assert (
        admin(
            data_dir,
            "account",
            "credit",
            "--detainee",
            "2001",
            "--amount",
            "12,50",
            "--ref",
            "virement-1",
        )
        == 0
    )
    assert "Nouveau solde : 12,50" in capsys.readouterr().out
    assert (
        admin(
            data_dir,
            "account",
            "credit",
            "--detainee",
            "2001",
            "--amount",
            "5",
            "--ref",
            "virement-1",
        )
        == 2
    )  # same external reference: refused
    assert admin(data_dir, "account", "credit", "--detainee", "2001", "--amount", "-3") == 2
    assert admin(data_dir, "account", "credit", "--detainee", "2001", "--amount", "1,234") == 2
    assert admin(data_dir, "account", "set-plan", "--detainee", "2001", "--plan", "50") == 0
    assert admin(data_dir, "account", "set-plan", "--detainee", "2001", "--plan", "45") == 2
    capsys.readouterr()

    assert (
        admin(
            data_dir,
            "contact",
            "suspend",
            "--detainee",
            "2001",
            "--phone",
            "06 12 34 56 78",
            "--until",
            "2099-01-31",
            "--reason",
            "incident du 3",
        )
        == 0
    )
    assert "suspendu jusqu'au 1 févr. 2099, 0 h 00" in capsys.readouterr().out
    assert (
        admin(
            data_dir,
            "contact",
            "suspend",
            "--contact",
            "1",
            "--until",
            "2001-01-01",
            "--reason",
            "x",
        )
        == 2
    )  # in the past
    assert admin(data_dir, "contact", "withdraw", "--contact", "3", "--reason", "menaces") == 0
    assert admin(data_dir, "contact", "restore", "--contact", "3", "--reason", "recours") == 0
    assert admin(data_dir, "contact", "restore", "--contact", "2", "--reason", "x") == 2
    assert (
        admin(
            data_dir,
            "access",
            "suspend",
            "--detainee",
            "2002",
            "--until",
            "2099-02-01T18:00",
            "--reason",
            "bon ordre",
        )
        == 0
    )
    assert admin(data_dir, "access", "withdraw", "--detainee", "2001", "--reason", "r") == 0
    assert admin(data_dir, "access", "restore", "--detainee", "2001", "--reason", "fin") == 0
    assert (
        admin(
            data_dir,
            "contact",
            "suspend",
            "--contact",
            "1",
            "--until",
            "2099-01-01",
            "--reason",
            "",
        )
        == 2
    )
    capsys.readouterr()

    assert (
        admin(
            data_dir,
            "staff",
            "create",
            "--username",
            "surv1",
            "--name",
            "M. Garde",
            "--role",
            "guard",
            "--pin-stdin",
            stdin="2468\n",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    assert (
        admin(
            data_dir,
            "staff",
            "create",
            "--username",
            "tech1",
            "--role",
            "technician",
            "--pin-stdin",
            stdin="12\n",
            monkeypatch=monkeypatch,
        )
        == 2
    )
    assert "PIN doit compter de 4 à 8 chiffres" in capsys.readouterr().err
    monitor_args = ["staff", "create", "--username", "ecoute1", "--role", "monitor"]
    monitor_args += ["--pin-stdin", "--password"]
    stdin = "1357\nmot-de-passe-long\n"
    assert admin(data_dir, *monitor_args, stdin=stdin, monkeypatch=monkeypatch) == 0
    short = "1357\ncourt\n"
    assert (
        admin(
            data_dir,
            *monitor_args[:3],
            "ecoute2",
            *monitor_args[4:],
            stdin=short,
            monkeypatch=monkeypatch,
        )
        == 2
    )
    assert "8 caractères" in capsys.readouterr().err

    assert admin(data_dir, "ledger", "list", "--detainee", "2001") == 0
    out = capsys.readouterr().out
    assert "+12,50" in out and "solde 12,50" in out
    assert admin(data_dir, "calls", "list", "--detainee", "2001") == 0
    assert "aucun" in capsys.readouterr().out
    assert admin(data_dir, "contact", "list", "--detainee", "2001") == 0
    out = capsys.readouterr().out
    assert "suspendu jusqu'au" in out and "protégé" in out

    with db(data_dir) as s:
        karim = s.scalars(select(Detainee).where(Detainee.ecrou == "2001")).one()
        jean = s.scalars(select(Detainee).where(Detainee.ecrou == "2002")).one()
        assert karim.balance_cents == 1250 and karim.plan == "50"
        assert karim.access_status == "granted" and jean.access_status == "suspended"
        assert jean.access_suspended_until is not None
        assert jean.access_suspended_until.isoformat() == "2099-02-01T17:00:00+00:00"
        c1 = s.get(Contact, 1)
        c3 = s.get(Contact, 3)
        assert c1 is not None and c1.status == "suspended" and c3 is not None
        assert c3.status == "authorised"
        sanction = s.scalars(select(Sanction).where(Sanction.contact_id == 1)).one()
        assert sanction.phone_e164 == "+33612345678" and sanction.reason == "incident du 3"
        staff = s.scalars(select(Staff).where(Staff.username == "surv1")).one()
        assert staff.role == "guard" and staff.pin_hash and "2468" not in staff.pin_hash
        assert staff.password_hash is None
        from central.services.reference import verify_secret

        monitor = s.scalars(select(Staff).where(Staff.username == "ecoute1")).one()
        assert monitor.password_hash and verify_secret(monitor.password_hash, "mot-de-passe-long")
        assert monitor.pin_hash and verify_secret(monitor.pin_hash, "1357")
        audit_text = str(s.execute(text("SELECT actor, details FROM audit_log")).all())
        assert "2468" not in audit_text and "greffe:test" in audit_text
    got = actions(data_dir)
    for action in (
        "account.credit",
        "account.set_plan",
        "contact.suspend",
        "contact.withdraw",
        "contact.restore",
        "access.suspend",
        "access.withdraw",
        "access.restore",
        "staff.create",
        "ledger.list",
        "calls.list",
        "contact.list",
    ):
        assert action in got, action
    # refused actions left no audit entry
    assert got.count("account.credit") == 1 and got.count("staff.create") == 2


def test_verify_audit_finds_the_break(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    setup_establishment(data_dir, capsys)
    admin(
        data_dir, "hours", "set", "--establishment", "1", "--days", "tous", "--hours", "08:00-20:00"
    )
    capsys.readouterr()
    assert admin(data_dir, "verify-audit") == 0
    assert "Journal d'audit intact : 3 entrée(s)" in capsys.readouterr().out
    with db(data_dir) as s:
        s.execute(text("UPDATE audit_log SET actor = 'quelqu''un' WHERE seq = 2"))
    assert admin(data_dir, "verify-audit") == 1
    out = capsys.readouterr().out
    assert "ROMPU à l'entrée n° 2" in out and "modifié" in out


def test_subprocess_and_help(data_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    exe = [sys.executable, "-m", "parloir", "admin", "--data-dir", str(data_dir)]
    r = subprocess.run(
        [*exe, "establishment", "create", "--name", "Centre X"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert "Établissement créé : Centre X" in r.stdout
    r = subprocess.run(
        [*exe, "verify-audit"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert r.returncode == 0 and "intact : 1 entrée" in r.stdout
    r = subprocess.run(
        [*exe, "booth", "create", "--establishment", "7", "--name", "B"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "Établissement 7 introuvable" in r.stderr
    r = subprocess.run(
        [sys.executable, "-m", "parloir", "admin", "--help"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 0 and "verify-audit" in r.stdout


def test_dry_run_and_listings(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from central.db.models import Detainee

    setup_establishment(data_dir, capsys)
    f = tmp_path / "d.csv"
    f.write_text(DETAINEES, encoding="utf-8")
    assert admin(data_dir, "import", "detainees", str(f), "--establishment", "1", "--dry-run") == 0
    assert "Fichier valide : 2 ligne(s). Rien n'a été importé" in capsys.readouterr().out
    with db(data_dir) as s:
        assert s.scalars(select(Detainee)).all() == []
    assert "import.detainees" not in actions(data_dir)
    assert (
        admin(data_dir, "import", "detainees", str(tmp_path / "absent.csv"), "--establishment", "1")
        == 2
    )
    assert "Fichier introuvable" in capsys.readouterr().err
    assert admin(data_dir, "import", "detainees", str(f), "--establishment", "1") == 0
    capsys.readouterr()
    assert admin(data_dir, "establishment", "list") == 0
    assert "Maison d'arrêt de Test" in capsys.readouterr().out
    assert admin(data_dir, "booth", "list") == 0
    assert "Cabine A" in capsys.readouterr().out
    assert admin(data_dir, "hours", "show", "--establishment", "1") == 0
    assert "lundi : fermé" in capsys.readouterr().out
    assert admin(data_dir, "account", "show", "--detainee", "2002") == 0
    assert "formule 50" in capsys.readouterr().out
    assert admin(data_dir, "account", "show", "--detainee", "9999") == 2
    assert "Aucune personne détenue avec le numéro d'écrou 9999" in capsys.readouterr().err
    assert admin(data_dir, "account") == 2  # a group without action shows its help
