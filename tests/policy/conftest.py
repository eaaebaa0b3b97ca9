"""Shared data for the policy tests: the real tariff file and a hand-built copy."""

from __future__ import annotations

from typing import Any

import pytest

from parloir.tariff_data import load_default_tariff_book
from policy.tariffs import Tariff, TariffBook, parse_tariff_book

SOURCE_RATES = {  # the seed document, exactly
    "hors-forfait": ("0.30", "0.14"),
    "20": ("0.26", "0.00"),
    "30": ("0.25", "0.00"),
    "40": ("0.20", "0.00"),
    "50": ("0.27", "0.00"),
    "70": ("0.25", "0.00"),
    "100": ("0.20", "0.00"),
}


def book_mapping(**overrides: Any) -> dict[str, Any]:
    version: dict[str, Any] = {
        "version": "2021-05",
        "effective_from": "2021-05-31",
        "currency": "EUR",
        "plans": {p: {"per_minute": m, "connection_fee": f} for p, (m, f) in SOURCE_RATES.items()},
    }
    version.update(overrides)
    return {"tariff": [version]}


@pytest.fixture(scope="session")
def book() -> TariffBook:
    return load_default_tariff_book()


@pytest.fixture(scope="session")
def tariff(book: TariffBook) -> Tariff:
    return book.latest


@pytest.fixture()
def built_book() -> TariffBook:
    return parse_tariff_book(book_mapping())
