"""`parloir selftest`: the technician's hardware check, as a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "selftest",
        help="test the booth hardware (camera, micro, haut-parleur, réseau, disque, horloge)",
        description="Runs the booth's hardware self-tests. Exit status 0 only if none failed.",
    )
    p.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    p.add_argument(
        "--only",
        metavar="NAMES",
        help="comma-separated tests: camera,microphone,speaker,network,disk,clock",
    )
    p.add_argument("--config", metavar="FILE", help="booth configuration file (TOML)")
    p.set_defaults(handler=_selftest)


STATUS_FR = {"ok": "OK", "warn": "ATTENTION", "fail": "ÉCHEC"}


def _figures_text(result: dict[str, Any]) -> str:
    skip = {"name", "status", "message"}
    parts = []
    for key, value in result.items():
        if key in skip or value is None or value == "":
            continue
        if isinstance(value, float):
            value = f"{value:g}"
        parts.append(f"{key}={value}")
    return ", ".join(parts)


def format_table(results: list[Any]) -> str:
    from booth_hw.selftest import LABELS

    rows = [(LABELS.get(r.name, r.name), STATUS_FR[r.status.value], r.message) for r in results]
    w0 = max([len("Test"), *(len(r[0]) for r in rows)])
    w1 = max([len("Résultat"), *(len(r[1]) for r in rows)])
    lines = [f"{'Test':<{w0}}  {'Résultat':<{w1}}  Message", f"{'-' * w0}  {'-' * w1}  {'-' * 40}"]
    for (label, status, message), result in zip(rows, results, strict=True):
        lines.append(f"{label:<{w0}}  {status:<{w1}}  {message}")
        figures = _figures_text(result.to_dict())
        if figures:
            lines.append(f"{'':<{w0}}  {'':<{w1}}  ({figures})")
    failed = sum(1 for r in results if r.status.value == "fail")
    warned = sum(1 for r in results if r.status.value == "warn")
    if failed:
        lines.append(
            f"\n{failed} test(s) en échec, {warned} avertissement(s) : "
            "la cabine ne doit pas être utilisée avant réparation."
        )
    elif warned:
        lines.append(f"\nAucun échec, {warned} avertissement(s) : la cabine est utilisable.")
    else:
        lines.append("\nTous les tests sont réussis : la cabine est prête.")
    return "\n".join(lines)


def _selftest(args: argparse.Namespace) -> int:
    import logging
    import os

    # OpenCV prints its own warnings for a missing camera; the table says it better.
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")

    from booth_hw.selftest import parse_only, run_selftests
    from booth_hw.settings import SettingsError, load_hardware_settings
    from parloir.cli import CliError

    # Device libraries log their own errors; the table says what matters.
    logging.basicConfig(level=logging.CRITICAL)
    try:
        settings = load_hardware_settings(args.config)
        names = parse_only(args.only)
    except (SettingsError, ValueError) as exc:
        raise CliError(str(exc)) from None
    results = run_selftests(settings, names)
    failed = any(r.status.value == "fail" for r in results)
    if args.json:
        json.dump(
            {"results": [r.to_dict() for r in results], "ok": not failed},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
    else:
        print(format_table(results))
    return 1 if failed else 0
