"""CSV import of detainees and authorised contacts: all rows valid, or nothing.

Two steps: `parse_*` checks the file alone (columns, formats, duplicates)
without touching the database; `import_*` then checks each row against the
database and writes everything in one transaction only when no row is bad.
Errors carry the file's line number (the header is line 1) and a French
message an administrator can act on.

Columns (header row required, `;` or `,` separated, UTF-8 with or without BOM):

- detainees: `ecrou` (required), `prenom` (required), `nom` (required),
  `pin` (optional, 4 to 8 digits, stored as an argon2 hash only),
  `forfait` (optional plan, default `hors_forfait`), `langue` (optional,
  fr/en/ar/es, default fr), `priorite` (optional oui/non).
- contacts: `ecrou` (required), `prenom`, `nom`, `telephone` (required,
  normalised to E.164), `lien` (optional), `protege` (optional oui/non: a
  lawyer or a listed body, never listened to or recorded).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")

LANGUAGES = ("fr", "en", "ar", "es")
YES = {"oui", "o", "yes", "y", "1", "true", "vrai", "x"}
NO = {"non", "n", "no", "0", "false", "faux", ""}
ECROU_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
PIN_RE = re.compile(r"^\d{4,8}$")
MAX_NAME = 80

DETAINEE_COLUMNS = {
    "required": ("ecrou", "prenom", "nom"),
    "optional": ("pin", "forfait", "langue", "priorite"),
}
CONTACT_COLUMNS = {
    "required": ("ecrou", "telephone"),
    "optional": ("prenom", "nom", "lien", "protege"),
}


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"ligne {self.line} : {self.message}" if self.line else self.message


@dataclass(frozen=True)
class DetaineeRow:
    line: int
    ecrou: str
    first_name: str
    last_name: str
    pin: str | None
    plan: str | None
    language: str
    priority: bool


@dataclass(frozen=True)
class ContactRow:
    line: int
    ecrou: str
    first_name: str
    last_name: str
    phone: str  # E.164
    relation: str
    protected: bool


@dataclass
class ParseResult(Generic[T]):
    rows: list[T]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors


class CsvImportError(Exception):
    """The file was refused; nothing was imported. `errors` lists every bad row."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        super().__init__(format_errors(self.errors))


def format_errors(errors: Iterable[RowError]) -> str:
    errs = list(errors)
    head = (
        f"Import refusé : {len(errs)} erreur(s), aucune ligne n'a été importée."
        if errs
        else "Aucune erreur."
    )
    return "\n".join([head, *(f"  - {e}" for e in errs)])


def read_text(path: str | Path) -> str:
    """The file's text; a clear error (not a traceback) if unreadable."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise CsvImportError([RowError(0, f"Fichier introuvable : {p}")]) from None
    except OSError as exc:
        raise CsvImportError([RowError(0, f"Fichier illisible : {p} ({exc.strerror})")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = "le fichier n'est pas en UTF-8 (enregistrez-le en « CSV UTF-8 »)."
        raise CsvImportError([RowError(line, message)]) from None


def _reader(text: str) -> csv.DictReader[str]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    return csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)


def _check_header(
    reader: csv.DictReader[str], columns: dict[str, tuple[str, ...]]
) -> tuple[dict[str, str], list[RowError]]:
    """Map normalised header names to the file's names; report missing/unknown ones."""
    names = reader.fieldnames or []
    mapping: dict[str, str] = {}
    errors: list[RowError] = []
    known = set(columns["required"]) | set(columns["optional"])
    for name in names:
        key = _norm_header(name)
        if key not in known:
            errors.append(
                RowError(
                    1,
                    f"colonne inconnue « {name} » (colonnes possibles : "
                    f"{', '.join(columns['required'] + columns['optional'])}).",
                )
            )
        elif key in mapping:
            errors.append(RowError(1, f"colonne « {name} » en double."))
        else:
            mapping[key] = name
    missing = [c for c in columns["required"] if c not in mapping]
    if missing:
        errors.append(RowError(1, f"colonne(s) obligatoire(s) absente(s) : {', '.join(missing)}."))
    return mapping, errors


def _norm_header(name: str) -> str:
    table = str.maketrans("éèêëàâîïôöûüç", "eeeeaaiioouuc")
    return name.strip().lower().translate(table).replace(" ", "_").replace("'", "")


def _rows(
    text: str, columns: dict[str, tuple[str, ...]]
) -> tuple[list[tuple[int, dict[str, str]]], list[RowError]]:
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return [], [RowError(0, "Le fichier est vide.")]
    reader = _reader(text)
    try:
        mapping, errors = _check_header(reader, columns)
    except csv.Error as exc:
        return [], [RowError(1, f"en-tête illisible ({exc}).")]
    if errors:
        return [], errors
    out: list[tuple[int, dict[str, str]]] = []
    width = len(reader.fieldnames or [])
    while True:
        try:
            raw = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(RowError(reader.line_num, f"ligne CSV mal formée ({exc})."))
            break
        line = reader.line_num
        if None in raw or any(v is None for v in raw.values()):
            errors.append(RowError(line, f"nombre de colonnes incorrect (attendu : {width})."))
            continue
        row = {key: (raw[name] or "").strip() for key, name in mapping.items()}
        if any(row.values()):  # a line of empty cells is skipped
            out.append((line, row))
    if not out and not errors:
        errors.append(RowError(0, "Le fichier ne contient aucune ligne de données."))
    return out, errors


def _bool(value: str) -> bool | None:
    v = value.strip().lower()
    if v in YES:
        return True
    if v in NO:
        return False
    return None


def _name(value: str, label: str, required: bool, errs: list[str]) -> str:
    if not value:
        if required:
            errs.append(f"{label} manquant.")
        return ""
    if len(value) > MAX_NAME:
        errs.append(f"{label} trop long ({MAX_NAME} caractères au plus).")
    elif any(ord(c) < 32 for c in value):
        errs.append(f"{label} contient des caractères invalides.")
    return value


def parse_detainees(text: str, *, plans: Sequence[str] | None = None) -> ParseResult[DetaineeRow]:
    """Check a detainees file alone. `plans` lists the accepted plan names."""
    items, errors = _rows(text, DETAINEE_COLUMNS)
    rows: list[DetaineeRow] = []
    seen: dict[str, int] = {}
    for line, r in items:
        errs: list[str] = []
        ecrou = r.get("ecrou", "")
        if not ecrou:
            errs.append("numéro d'écrou manquant.")
        elif not ECROU_RE.match(ecrou):
            errs.append(f"numéro d'écrou « {ecrou} » invalide (lettres, chiffres, - ou _).")
        elif ecrou in seen:
            errs.append(f"numéro d'écrou {ecrou} déjà présent ligne {seen[ecrou]}.")
        else:
            seen[ecrou] = line
        first = _name(r.get("prenom", ""), "prénom", True, errs)
        last = _name(r.get("nom", ""), "nom", True, errs)
        pin = r.get("pin") or None
        if pin is not None and not PIN_RE.match(pin):
            errs.append("code PIN invalide (4 à 8 chiffres).")
        plan = r.get("forfait") or None
        if plan is not None and plans is not None and plan not in plans:
            errs.append(f"forfait « {plan} » inconnu (possibles : {', '.join(plans)}).")
        lang = (r.get("langue") or "fr").lower()
        if lang not in LANGUAGES:
            errs.append(f"langue « {lang} » inconnue (possibles : {', '.join(LANGUAGES)}).")
        prio = _bool(r.get("priorite", ""))
        if prio is None:
            errs.append("priorité : répondez oui ou non.")
        if errs:
            errors.extend(RowError(line, e) for e in errs)
            continue
        rows.append(DetaineeRow(line, ecrou, first, last, pin, plan, lang, bool(prio)))
    return ParseResult(rows, sorted(errors, key=lambda e: e.line))


def parse_contacts(text: str, *, normalise: Callable[[str], str]) -> ParseResult[ContactRow]:
    """Check a contacts file alone. `normalise` turns a number into E.164 or raises ValueError."""
    items, errors = _rows(text, CONTACT_COLUMNS)
    rows: list[ContactRow] = []
    seen: dict[tuple[str, str], int] = {}
    for line, r in items:
        errs: list[str] = []
        ecrou = r.get("ecrou", "")
        if not ecrou:
            errs.append("numéro d'écrou manquant.")
        elif not ECROU_RE.match(ecrou):
            errs.append(f"numéro d'écrou « {ecrou} » invalide.")
        first = _name(r.get("prenom", ""), "prénom", False, errs)
        last = _name(r.get("nom", ""), "nom", False, errs)
        relation = _name(r.get("lien", ""), "lien", False, errs)
        raw_phone = r.get("telephone", "")
        phone = ""
        if not raw_phone:
            errs.append("numéro de téléphone manquant.")
        else:
            try:
                phone = normalise(raw_phone)
            except ValueError:
                errs.append(f"numéro de téléphone « {raw_phone} » invalide.")
        if phone and ecrou:
            key = (ecrou, phone)
            if key in seen:
                errs.append(f"ce numéro est déjà autorisé pour {ecrou} ligne {seen[key]}.")
            else:
                seen[key] = line
        protected = _bool(r.get("protege", ""))
        if protected is None:
            errs.append("protégé : répondez oui ou non.")
        if errs:
            errors.extend(RowError(line, e) for e in errs)
            continue
        rows.append(ContactRow(line, ecrou, first, last, phone, relation, bool(protected)))
    return ParseResult(rows, sorted(errors, key=lambda e: e.line))


def raise_if_errors(result: ParseResult[Any]) -> None:
    if result.errors:
        raise CsvImportError(result.errors)
