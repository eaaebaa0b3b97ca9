"""The `parloir` command: one entry point, each package adds its own subcommands.

Every package that offers commands has a light `cli` module with
`register(subparsers)`; heavy imports (Qt, aiortc, SQLAlchemy) happen only
inside the command's handler so `parloir --help` stays fast.
A handler returns the process exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from parloir import __version__

# Order is the order shown in `parloir --help`.
COMMAND_MODULES = (
    "parloir.tariff_cli",  # tariff
    "central.cli",  # central, admin
    "booth_hw.cli",  # selftest
    "sync.cli",  # sync
    "kiosk.cli",  # kiosk, call
    "parloir.demo",  # demo
)


class CliError(Exception):
    """A user error: printed on stderr without a traceback, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parloir",
        description="Parloir: visio calls from prison booths to families.",
    )
    parser.add_argument("--version", action="version", version=f"parloir {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that part is not built yet
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 0
    try:
        return int(handler(args) or 0)
    except CliError as exc:
        print(f"parloir: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
