from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from parloir.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_show_prints_the_french_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "tariff", "show")
    assert status == 0 and err == ""
    assert "en vigueur depuis le 31/05/2021" in out
    lines = out.splitlines()
    assert any(line.startswith("Hors forfait") and "0,30 €" in line and "0,14 €" in line
               for line in lines)  # fmt: skip
    assert any(line.startswith("Forfait 50 €") and "0,27 €" in line for line in lines)
    for plan in ("20", "30", "40", "50", "70", "100"):
        assert f"Forfait {plan} €" in out


def test_show_before_the_first_tariff_is_a_user_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "tariff", "show", "--at", "2020-01-01")
    assert status == 2 and out == "" and "aucun tarif" in err
    status, _, err = run(capsys, "tariff", "show", "--at", "hier")
    assert status == 2 and "date invalide" in err


def test_quote_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(
        capsys, "tariff", "quote", "--plan", "hors-forfait", "--seconds", "600", "--json"
    )
    assert status == 0 and err == ""
    data = json.loads(out)
    assert data["plan"] == "hors-forfait"
    assert data["seconds"] == 600
    assert data["price_eur"] == "3.14"
    assert data["price_cents"] == 314


@pytest.mark.parametrize(
    ("plan", "seconds", "price"),
    [("50", "60", "0.27"), ("20", "0", "0.00"), ("hors-forfait", "0", "0.00"),
     ("100", "1800", "6.00"), ("hors-forfait", "1", "0.15"), ("Forfait 50 €", "60", "0.27")],
)  # fmt: skip
def test_quote_prices(
    capsys: pytest.CaptureFixture[str], plan: str, seconds: str, price: str
) -> None:
    status, out, _ = run(capsys, "tariff", "quote", "--plan", plan, "--seconds", seconds, "--json")
    assert status == 0
    assert json.loads(out)["price_eur"] == price


def test_quote_per_started_minute(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "tariff", "quote", "--plan", "20", "--seconds", "61",
                         "--granularity", "minute", "--json")  # fmt: skip
    assert status == 0 and json.loads(out)["price_eur"] == "0.52"


def test_quote_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "tariff", "quote", "--plan", "hors-forfait", "--seconds", "600")
    assert status == 0
    assert "3,14 €" in out and "10 min 00 s" in out and "0,14 €" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--plan", "60", "--seconds", "10"], "formule inconnue"),
        (["--plan", "20", "--seconds", "-1"], "négatif"),
        (["--plan", "20", "--seconds", "1.5"], "entier"),
        (["--plan", "20", "--seconds", "abc"], "entier"),
        (["--plan", "20", "--seconds", ""], "entier"),
        (["--plan", "20", "--seconds", "1801"], "30 min"),
    ],
)
def test_quote_errors_exit_2_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    status, out, err = run(capsys, "tariff", "quote", *args, "--json")
    assert status == 2
    assert out == ""
    assert message in err and "Traceback" not in err


def test_installed_command_in_a_subprocess() -> None:
    exe = ROOT / ".venv" / "bin" / "parloir"
    if not exe.exists():
        exe = Path(sys.executable).with_name("parloir")
    ok = subprocess.run(
        [str(exe), "tariff", "quote", "--plan", "hors-forfait", "--seconds", "600", "--json"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout) == json.loads(ok.stdout) | {
        "plan": "hors-forfait", "seconds": 600, "price_eur": "3.14"
    }  # fmt: skip
    bad = subprocess.run(
        [str(exe), "tariff", "quote", "--plan", "nope", "--seconds", "600"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert bad.returncode == 2
    assert "formule inconnue" in bad.stderr and "Traceback" not in bad.stderr
    assert bad.stdout == ""
