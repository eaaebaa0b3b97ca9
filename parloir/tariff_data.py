"""Loads the tariff data file shipped in the `assets` package and validates it.

The rules in `policy` stay pure; this is the one place that reads the file.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from policy.tariffs import TariffBook, TariffError, parse_tariff_book

TARIFF_RESOURCE = "tariffs.toml"


def parse_tariff_text(text: str, source: str = TARIFF_RESOURCE) -> TariffBook:
    """TOML text → TariffBook; TariffError naming the file on any problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TariffError(f"{source} : TOML invalide ({exc})") from None
    try:
        return parse_tariff_book(data)
    except TariffError as exc:
        raise TariffError(f"{source} : {exc}") from None


def read_default_tariff_text() -> str:
    return resources.files("assets").joinpath(TARIFF_RESOURCE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_default_tariff_book() -> TariffBook:
    """The validated tariff book of `assets/tariffs.toml` (read once per process)."""
    return parse_tariff_text(read_default_tariff_text(), f"assets/{TARIFF_RESOURCE}")


def load_tariff_file(path: str | Path) -> TariffBook:
    """A tariff file given by an administrator (same format), validated."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise TariffError(f"{file} : lecture impossible ({exc.strerror or exc})") from None
    return parse_tariff_text(text, str(file))
