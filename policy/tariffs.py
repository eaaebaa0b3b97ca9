"""Tariffs as data: versions with an effective date, one rate per plan.

The values come from a data file (`assets/tariffs.toml`, loaded by
`parloir.tariff_data`), never from code, so a new price list is a new
version with its own effective date and old calls keep their old price.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

#: Plans ("type d'apport") of the source document, in display order.
PLANS: tuple[str, ...] = ("hors-forfait", "20", "30", "40", "50", "70", "100")

#: Effective dates are local dates of the establishments (France).
TARIFF_TIMEZONE = "Europe/Paris"

_CENT = Decimal("0.01")


class TariffError(ValueError):
    """Bad tariff data or an unknown plan; the message says which version, which plan, what."""


@dataclass(frozen=True)
class PlanRate:
    """Price of one plan: per connected minute, plus a fee charged once per connected call."""

    plan: str
    per_minute: Decimal
    connection_fee: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class Tariff:
    """One version of the price list, in force from `effective_from` (local date) onwards."""

    version: str
    effective_from: date
    currency: str
    rates: Mapping[str, PlanRate]

    def rate(self, plan: str) -> PlanRate:
        """The rate of `plan`; TariffError if the plan is not in this version."""
        try:
            return self.rates[plan]
        except KeyError:
            known = ", ".join(self.rates)
            raise TariffError(
                f"formule inconnue : {plan!r} (formules du tarif {self.version} : {known})"
            ) from None

    @property
    def plans(self) -> tuple[str, ...]:
        return tuple(self.rates)


@dataclass(frozen=True)
class TariffBook:
    """Every tariff version, oldest first; `in_force` picks the one that applies at a time."""

    tariffs: tuple[Tariff, ...]

    def in_force(self, at: date | datetime) -> Tariff:
        """The version with the latest effective date not after `at`.

        A datetime must be timezone-aware; it is read as a date in Europe/Paris
        (a new price list starts at local midnight).
        """
        day = _local_date(at)
        candidates = [t for t in self.tariffs if t.effective_from <= day]
        if not candidates:
            raise TariffError(f"aucun tarif en vigueur le {day.isoformat()}")
        return max(candidates, key=lambda t: t.effective_from)

    def version(self, version: str) -> Tariff:
        """A version by its name (to re-price an old call exactly)."""
        for tariff in self.tariffs:
            if tariff.version == version:
                return tariff
        raise TariffError(f"version de tarif inconnue : {version!r}")

    @property
    def latest(self) -> Tariff:
        return max(self.tariffs, key=lambda t: t.effective_from)

    def as_mapping(self) -> dict[str, Any]:
        """JSON/TOML-friendly form that `parse_tariff_book` reads back (for sync and the API)."""
        return {
            "tariff": [
                {
                    "version": t.version,
                    "effective_from": t.effective_from.isoformat(),
                    "currency": t.currency,
                    "plans": {
                        plan: {
                            "per_minute": f"{rate.per_minute:.2f}",
                            "connection_fee": f"{rate.connection_fee:.2f}",
                        }
                        for plan, rate in t.rates.items()
                    },
                }
                for t in self.tariffs
            ]
        }


def normalise_plan(text: str) -> str | None:
    """A plan as a person may type it ("Hors forfait", "Forfait 50 €", "50€") → "50"; else None."""
    cleaned = text.strip().lower().replace("€", "").replace("eur", "")
    cleaned = cleaned.replace("_", " ").replace("-", " ")
    cleaned = " ".join(w for w in cleaned.split() if w != "forfait" or cleaned == "hors forfait")
    if cleaned in ("hors forfait", "hf", "hors"):
        return "hors-forfait"
    return cleaned if cleaned in PLANS else None


def _local_date(at: date | datetime) -> date:
    if isinstance(at, datetime):
        if at.tzinfo is None or at.utcoffset() is None:
            raise TariffError("l'heure doit porter un fuseau horaire (UTC)")
        return at.astimezone(ZoneInfo(TARIFF_TIMEZONE)).date()
    return at


def _money(value: Any, where: str) -> Decimal:
    """A non-negative amount with at most two decimals, written as a string ("0.30")."""
    if not isinstance(value, str):
        raise TariffError(f'{where} : montant à écrire entre guillemets ("0.30"), reçu {value!r}')
    try:
        amount = Decimal(value.strip())
    except InvalidOperation:
        raise TariffError(f"{where} : montant illisible {value!r}") from None
    if not amount.is_finite() or amount < 0:
        raise TariffError(f"{where} : montant négatif ou invalide {value!r}")
    if amount != amount.quantize(_CENT):
        raise TariffError(f"{where} : plus de deux décimales dans {value!r}")
    return amount.quantize(_CENT)


def parse_tariff(mapping: Mapping[str, Any], index: int = 0) -> Tariff:
    """One `[[tariff]]` table → Tariff, with errors that name the version and the plan."""
    if not isinstance(mapping, Mapping):
        raise TariffError(f"tarif n°{index + 1} : une table est attendue")
    version = mapping.get("version")
    if not isinstance(version, str) or not version.strip():
        raise TariffError(f"tarif n°{index + 1} : « version » manquante (texte)")
    where = f"tarif {version}"
    allowed_keys = {"version", "effective_from", "currency", "plans"}
    extra = sorted(set(mapping) - allowed_keys)
    if extra:
        raise TariffError(f"{where} : clés inconnues {', '.join(extra)}")
    effective = mapping.get("effective_from")
    bad_date = f"{where} : « effective_from » doit être une date AAAA-MM-JJ, reçu {effective!r}"
    if isinstance(effective, str):
        try:
            effective = date.fromisoformat(effective)
        except ValueError:
            raise TariffError(bad_date) from None
    if isinstance(effective, datetime) or not isinstance(effective, date):
        raise TariffError(bad_date)
    currency = mapping.get("currency")
    if currency != "EUR":
        raise TariffError(f'{where} : devise {currency!r} non prise en charge (seul "EUR")')
    plans = mapping.get("plans")
    if not isinstance(plans, Mapping) or not plans:
        raise TariffError(f"{where} : table « plans » manquante ou vide")
    unknown = [p for p in plans if p not in PLANS]
    if unknown:
        raise TariffError(
            f"{where} : formule(s) inconnue(s) {', '.join(map(repr, unknown))} "
            f"(formules possibles : {', '.join(PLANS)})"
        )
    missing = [p for p in PLANS if p not in plans]
    if missing:
        raise TariffError(f"{where} : formule(s) manquante(s) {', '.join(missing)}")
    rates: dict[str, PlanRate] = {}
    for plan in PLANS:
        row = plans[plan]
        pwhere = f"{where}, formule {plan}"
        if not isinstance(row, Mapping):
            raise TariffError(f"{pwhere} : une table est attendue")
        extra = sorted(set(row) - {"per_minute", "connection_fee"})
        if extra:
            raise TariffError(f"{pwhere} : clés inconnues {', '.join(extra)}")
        if "per_minute" not in row:
            raise TariffError(f"{pwhere} : « per_minute » manquant")
        per_minute = _money(row["per_minute"], f"{pwhere}, per_minute")
        if per_minute == 0:
            raise TariffError(f"{pwhere}, per_minute : le prix à la minute ne peut pas être nul")
        fee = _money(row.get("connection_fee", "0.00"), f"{pwhere}, connection_fee")
        rates[plan] = PlanRate(plan=plan, per_minute=per_minute, connection_fee=fee)
    return Tariff(
        version=version,
        effective_from=effective,
        currency="EUR",
        rates=MappingProxyType(rates),  # read-only: a loaded tariff is shared
    )


def parse_tariff_book(mapping: Mapping[str, Any]) -> TariffBook:
    """A whole tariff file (already parsed from TOML) → TariffBook, or TariffError."""
    if not isinstance(mapping, Mapping):
        raise TariffError("fichier de tarifs : une table est attendue")
    extra = sorted(set(mapping) - {"tariff"})
    if extra:
        raise TariffError(f"fichier de tarifs : clés inconnues {', '.join(extra)}")
    versions = mapping.get("tariff")
    if not isinstance(versions, list) or not versions:
        raise TariffError("fichier de tarifs : aucune section [[tariff]]")
    tariffs = tuple(parse_tariff(m, i) for i, m in enumerate(versions))
    seen_versions: set[str] = set()
    seen_dates: dict[date, str] = {}
    for t in tariffs:
        if t.version in seen_versions:
            raise TariffError(f"tarif {t.version} : version en double")
        seen_versions.add(t.version)
        if t.effective_from in seen_dates:
            raise TariffError(
                f"tarif {t.version} : même date d'effet ({t.effective_from.isoformat()}) "
                f"que le tarif {seen_dates[t.effective_from]}"
            )
        seen_dates[t.effective_from] = t.version
    return TariffBook(tuple(sorted(tariffs, key=lambda t: t.effective_from)))
