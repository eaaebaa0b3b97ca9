"""`parloir kiosk [--config FILE] [--windowed]` (and `parloir call` from kiosk.call_cli)."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "kiosk",
        help="run the booth kiosk (fullscreen touch app)",
        description="Runs the booth's fullscreen kiosk. Only a technician can leave it.",
    )
    p.add_argument("--config", type=Path, default=None, help="booth configuration file (TOML)")
    p.add_argument(
        "--windowed",
        action="store_true",
        help="a normal window instead of fullscreen (development only)",
    )
    p.set_defaults(handler=run)
    try:
        call_cli = importlib.import_module("kiosk.call_cli")
    except ModuleNotFoundError as exc:
        if exc.name != "kiosk.call_cli":
            raise
    else:
        call_cli.register(sub)


def run(args: argparse.Namespace) -> int:
    from parloir.cli import CliError
    from parloir.settings import SettingsError

    try:
        from kiosk.app import run as run_kiosk

        return run_kiosk(args.config, args.windowed)
    except SettingsError as exc:
        raise CliError(str(exc)) from None
