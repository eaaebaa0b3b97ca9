"""`parloir tariff show | quote`: the price list in force and the price of a call."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from parloir.cli import CliError

if TYPE_CHECKING:
    from policy.tariffs import Tariff

MAX_QUOTE_SECONDS = 1800


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "tariff",
        help="show the visio tariffs, price a call",
        description="Grille tarifaire des appels-visio et prix d'un appel.",
    )

    def _help(_args: argparse.Namespace) -> int:
        p.print_help()
        return 0

    p.set_defaults(handler=_help)
    tsub = p.add_subparsers(dest="tariff_command", metavar="ACTION")

    show = tsub.add_parser("show", help="print the tariff table in force")
    show.add_argument("--at", metavar="AAAA-MM-JJ", help="date (default: today, Europe/Paris)")
    show.set_defaults(handler=run_show)

    quote = tsub.add_parser("quote", help="price of a call with N connected seconds")
    quote.add_argument("--plan", required=True, help="hors-forfait, 20, 30, 40, 50, 70 or 100")
    quote.add_argument("--seconds", required=True, help="connected seconds (0 to 1800)")
    quote.add_argument(
        "--granularity",
        choices=("second", "minute"),
        default="second",
        help="billing per second (default) or per started minute",
    )
    quote.add_argument("--at", metavar="AAAA-MM-JJ", help="date (default: today, Europe/Paris)")
    quote.add_argument("--json", action="store_true", help="print one JSON object")
    quote.set_defaults(handler=run_quote)


def _day(text: str | None) -> date | datetime:
    if text is None:
        return datetime.now(UTC)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"date invalide : {text!r} (attendu AAAA-MM-JJ)") from None


def _book_and_tariff(at: str | None) -> Tariff:
    from parloir.tariff_data import load_default_tariff_book
    from policy.tariffs import TariffError

    try:
        book = load_default_tariff_book()
        return book.in_force(_day(at))
    except TariffError as exc:
        raise CliError(str(exc)) from None


def _eur(amount: object) -> str:
    return f"{amount} €".replace(".", ",")


def run_show(args: argparse.Namespace) -> int:
    tariff = _book_and_tariff(args.at)
    rows = [("Formule", "Prix / minute", "Mise en relation")]
    for plan in tariff.plans:
        rate = tariff.rate(plan)
        label = "Hors forfait" if plan == "hors-forfait" else f"Forfait {plan} €"
        fee = _eur(rate.connection_fee) if rate.connection_fee else "—"
        rows.append((label, _eur(rate.per_minute), fee))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    print(
        f"Tarif {tariff.version}, en vigueur depuis le "
        f"{tariff.effective_from:%d/%m/%Y} ({tariff.currency})"
    )
    print()
    for i, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print("Seul le temps de communication est facturé, à la seconde ;")
    print("la mise en relation n'est due que si l'appel aboutit.")
    return 0


def _seconds(text: str) -> int:
    stripped = text.strip()
    if not stripped.isascii() or not stripped.isdigit():
        if stripped.startswith("-") and stripped[1:].isdigit():
            raise CliError(f"--seconds ne peut pas être négatif : {text}")
        raise CliError(f"--seconds doit être un nombre entier de secondes : {text!r}")
    seconds = int(stripped)
    if seconds > MAX_QUOTE_SECONDS:
        raise CliError(
            f"--seconds dépasse la durée maximale d'un appel ({MAX_QUOTE_SECONDS} s = 30 min) : "
            f"{seconds}"
        )
    return seconds


def run_quote(args: argparse.Namespace) -> int:
    from policy.billing import Granularity, price_call
    from policy.tariffs import TariffError, normalise_plan

    seconds = _seconds(args.seconds)
    tariff = _book_and_tariff(args.at)
    plan = normalise_plan(args.plan) or args.plan
    try:
        price = price_call(tariff, plan, seconds, Granularity(args.granularity))
    except TariffError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print(
            json.dumps(
                {
                    "plan": price.plan,
                    "seconds": price.connected_seconds,
                    "billed_seconds": price.billed_seconds,
                    "granularity": args.granularity,
                    "per_minute_eur": f"{price.per_minute:.2f}",
                    "connection_fee_eur": f"{price.connection_fee:.2f}",
                    "usage_eur": f"{price.usage:.2f}",
                    "price_eur": price.price_eur,
                    "price_cents": price.total_cents,
                    "currency": price.currency,
                    "tariff_version": price.tariff_version,
                },
                ensure_ascii=False,
            )
        )
        return 0
    minutes, secs = divmod(seconds, 60)
    fee = (
        f" (dont {_eur(price.connection_fee)} de mise en relation)" if price.connection_fee else ""
    )
    print(
        f"Formule {price.plan}, {minutes} min {secs:02d} s de communication : "
        f"{_eur(price.price_eur)}{fee}"
    )
    return 0
