from __future__ import annotations

import copy
import tomllib
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from parloir.tariff_data import load_tariff_file, parse_tariff_text, read_default_tariff_text
from policy.tariffs import PLANS, TariffBook, TariffError, normalise_plan, parse_tariff_book
from tests.policy.conftest import SOURCE_RATES, book_mapping


def test_shipped_file_has_exactly_the_source_values(book: TariffBook) -> None:
    tariff = book.in_force(date(2026, 11, 26))
    assert tariff.plans == PLANS
    for plan, (per_minute, fee) in SOURCE_RATES.items():
        rate = tariff.rate(plan)
        assert rate.per_minute == Decimal(per_minute), plan
        assert rate.connection_fee == Decimal(fee), plan
    assert tariff.rate("50").per_minute == Decimal("0.27")  # kept as the document says
    assert tariff.currency == "EUR"
    assert tariff.effective_from == date(2021, 5, 31)


def test_unknown_plan_is_a_tariff_error(tariff: Any) -> None:
    with pytest.raises(TariffError, match="formule inconnue"):
        tariff.rate("60")


def _two_versions() -> TariffBook:
    data = book_mapping()
    newer = copy.deepcopy(data["tariff"][0])
    newer["version"] = "2027-01"
    newer["effective_from"] = date(2027, 1, 1)
    newer["plans"]["20"]["per_minute"] = "0.22"
    data["tariff"].insert(0, newer)  # order in the file does not matter
    return parse_tariff_book(data)


def test_in_force_picks_latest_effective_not_after() -> None:
    book = _two_versions()
    assert book.in_force(date(2026, 12, 31)).version == "2021-05"
    assert book.in_force(date(2027, 1, 1)).version == "2027-01"
    assert book.in_force(date(2030, 1, 1)).version == "2027-01"
    assert book.latest.version == "2027-01"
    assert book.version("2021-05").rate("20").per_minute == Decimal("0.26")
    with pytest.raises(TariffError):
        book.in_force(date(2021, 5, 30))
    with pytest.raises(TariffError):
        book.version("1999")


def test_in_force_reads_datetimes_in_paris_time() -> None:
    book = _two_versions()
    # 2026-12-31 23:30 UTC is already 2027-01-01 00:30 in Paris
    assert book.in_force(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)).version == "2027-01"
    assert book.in_force(datetime(2026, 12, 31, 22, 59, tzinfo=UTC)).version == "2021-05"
    with pytest.raises(TariffError, match="fuseau"):
        book.in_force(datetime(2027, 1, 2))  # naive


def test_as_mapping_round_trips() -> None:
    book = _two_versions()
    assert parse_tariff_book(book.as_mapping()) == book


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda v: v.pop("version"), "version"),
        (lambda v: v.update(effective_from="31/05/2021"), "effective_from"),
        (lambda v: v.update(effective_from=42), "effective_from"),
        (lambda v: v.update(currency="USD"), "devise"),
        (lambda v: v["plans"].pop("50"), "formule\\(s\\) manquante\\(s\\) 50"),
        (lambda v: v["plans"].update({"60": {"per_minute": "0.1"}}), "inconnue"),
        (lambda v: v["plans"]["30"].update(per_minute=0.25), "formule 30, per_minute"),
        (lambda v: v["plans"]["30"].update(per_minute="abc"), "formule 30.*illisible"),
        (lambda v: v["plans"]["30"].update(per_minute="-0.25"), "formule 30.*négatif"),
        (lambda v: v["plans"]["30"].update(per_minute="0.255"), "deux décimales"),
        (lambda v: v["plans"]["30"].update(per_minute="0.00"), "nul"),
        (lambda v: v["plans"]["40"].pop("per_minute"), "formule 40.*manquant"),
        (lambda v: v["plans"]["40"].update(fee="0.1"), "formule 40.*clés inconnues"),
        (lambda v: v.update(extra=1), "clés inconnues"),
        (lambda v: v.update(plans={}), "plans"),
    ],
)
def test_validation_errors_say_which_version_plan_and_what(mutate: Any, message: str) -> None:
    data = book_mapping()
    mutate(data["tariff"][0])
    with pytest.raises(TariffError, match=message) as info:
        parse_tariff_book(data)
    if "version" in data["tariff"][0]:
        assert "2021-05" in str(info.value)


def test_book_level_errors() -> None:
    with pytest.raises(TariffError, match="tariff"):
        parse_tariff_book({})
    with pytest.raises(TariffError, match="clés inconnues"):
        parse_tariff_book({"tariff": book_mapping()["tariff"], "other": 1})
    twice = book_mapping()
    twice["tariff"].append(copy.deepcopy(twice["tariff"][0]))
    with pytest.raises(TariffError, match="en double"):
        parse_tariff_book(twice)
    same_day = book_mapping()
    clone = copy.deepcopy(same_day["tariff"][0])
    clone["version"] = "other"
    same_day["tariff"].append(clone)
    with pytest.raises(TariffError, match="même date"):
        parse_tariff_book(same_day)


def test_loader_names_the_file_on_bad_toml() -> None:
    with pytest.raises(TariffError, match=r"x\.toml : TOML invalide"):
        parse_tariff_text("[[tariff]\n", "x.toml")
    text = read_default_tariff_text().replace('"0.27"', '"0,27"')
    with pytest.raises(TariffError, match=r"x\.toml : tarif 2021-05, formule 50"):
        parse_tariff_text(text, "x.toml")


def test_shipped_file_is_valid_toml_with_dates() -> None:
    data = tomllib.loads(read_default_tariff_text())
    assert isinstance(data["tariff"][0]["effective_from"], date)


@pytest.mark.parametrize(
    ("typed", "plan"),
    [("Hors forfait", "hors-forfait"), ("hors-forfait", "hors-forfait"), ("HF", "hors-forfait"),
     ("Forfait 50 €", "50"), ("50€", "50"), (" 20 ", "20"), ("100 EUR", "100"),
     ("60", None), ("forfait", None), ("", None)],
)  # fmt: skip
def test_normalise_plan(typed: str, plan: str | None) -> None:
    assert normalise_plan(typed) == plan


def test_loaded_rates_are_read_only(book: TariffBook) -> None:
    with pytest.raises(TypeError):
        book.latest.rates["20"] = book.latest.rates["100"]  # type: ignore[index]


def test_load_tariff_file(tmp_path: Path) -> None:
    good = tmp_path / "t.toml"
    good.write_text(read_default_tariff_text(), encoding="utf-8")
    assert load_tariff_file(good).latest.rate("50").per_minute == Decimal("0.27")
    with pytest.raises(TariffError, match="lecture impossible"):
        load_tariff_file(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text(read_default_tariff_text().replace('currency = "EUR"', 'currency = "USD"'))
    with pytest.raises(TariffError, match=r"bad\.toml : tarif 2021-05 : devise"):
        load_tariff_file(bad)
