"""CSV parsing alone: every bad row reported by its line number, in French."""

from __future__ import annotations

import pytest

from central.services.csv_import import (
    CsvImportError,
    parse_contacts,
    parse_detainees,
    read_text,
)


def _fr_only(number: str) -> str:
    digits = "".join(c for c in number if c.isdigit() or c == "+")
    if digits.startswith("0") and len(digits) == 10:
        return "+33" + digits[1:]
    if digits.startswith("+33") and len(digits) == 12:
        return digits
    raise ValueError(number)


def test_valid_detainees_semicolon_and_bom() -> None:
    text = "\ufeffEcrou;Prénom;Nom;PIN;Forfait\n1001;Karim;Benali;4321;50\n1002;Jean;Dupont;;\n"
    res = parse_detainees(text, plans=["hors_forfait", "50"])
    assert res.ok, res.errors
    assert [r.ecrou for r in res.rows] == ["1001", "1002"]
    assert res.rows[0].pin == "4321" and res.rows[1].pin is None
    assert res.rows[0].plan == "50" and res.rows[1].plan is None
    assert res.rows[0].line == 2 and res.rows[1].line == 3


def test_bad_detainee_rows_are_reported_by_line() -> None:
    text = (
        "ecrou,prenom,nom,pin,langue\n"
        "1001,Karim,Benali,4321,fr\n"
        "\n"
        "1001,Paul,Martin,12,xx\n"  # line 4: duplicate, bad pin, bad language
        "10 02,,Dupont,,\n"  # line 5: bad ecrou, missing first name
        "1003,Ana,Lopez\n"  # line 6: too few columns
    )
    res = parse_detainees(text)
    lines = {e.line for e in res.errors}
    assert lines == {4, 5, 6}
    msgs = " | ".join(str(e) for e in res.errors)
    assert "ligne 4 : numéro d'écrou 1001 déjà présent ligne 2" in msgs
    assert "code PIN invalide" in msgs and "langue « xx » inconnue" in msgs
    assert "ligne 5 : numéro d'écrou « 10 02 » invalide" in msgs
    assert "prénom manquant" in msgs
    assert "ligne 6 : nombre de colonnes incorrect" in msgs
    assert [r.ecrou for r in res.rows] == ["1001"]


def test_header_problems() -> None:
    res = parse_detainees("ecrou;prenom;age\n1;a;3\n")
    msgs = " ".join(str(e) for e in res.errors)
    assert "colonne inconnue « age »" in msgs
    assert "colonne(s) obligatoire(s) absente(s) : nom" in msgs
    assert parse_detainees("").errors[0].message == "Le fichier est vide."
    assert "aucune ligne" in parse_detainees("ecrou;prenom;nom\n").errors[0].message


def test_unknown_plan() -> None:
    res = parse_detainees("ecrou;prenom;nom;forfait\n1;A;B;999\n", plans=["hors_forfait", "50"])
    assert "forfait « 999 » inconnu" in str(res.errors[0])


def test_contacts_normalised_and_checked() -> None:
    text = (
        "ecrou;prenom;nom;telephone;lien;protege\n"
        "1001;Leila;Benali;06 12 34 56 78;épouse;non\n"
        "1001;Maître;Durand;+33 6 98 76 54 32;avocat;oui\n"
        "1001;Leila;Benali;0612345678;épouse;\n"  # line 4: same number twice
        "1002;X;Y;12;;peut-être\n"  # line 5: bad phone, bad yes/no
    )
    res = parse_contacts(text, normalise=_fr_only)
    assert [r.phone for r in res.rows] == ["+33612345678", "+33698765432"]
    assert res.rows[1].protected and not res.rows[0].protected
    msgs = [str(e) for e in res.errors]
    assert any(
        m.startswith("ligne 4 : ce numéro est déjà autorisé pour 1001 ligne 2") for m in msgs
    )
    assert any(m.startswith("ligne 5 : numéro de téléphone « 12 » invalide") for m in msgs)
    assert any(m.startswith("ligne 5 : protégé : répondez oui ou non") for m in msgs)


def test_read_text_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CsvImportError) as err:
        read_text(tmp_path / "absent.csv")
    assert "Fichier introuvable" in str(err.value)
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("ecrou;prenom;nom\n1;Hélène;X\n".encode("latin-1"))
    with pytest.raises(CsvImportError) as err:
        read_text(bad)
    assert err.value.errors[0].line == 2
    assert "UTF-8" in str(err.value)
