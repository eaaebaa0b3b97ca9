"""`parloir demo`: the main job on the embedded defaults (grows with each part)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "demo",
        help="run central + booth kiosk on this machine with demo data",
        description="Starts the central server with demo data and the booth kiosk.",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from parloir.cli import main

    print("Parloir — démonstration.\n")
    print("Grille tarifaire en vigueur :\n")
    return main(["tariff", "show"])
