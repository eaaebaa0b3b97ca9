"""Watchdog, settings, CLI, call update mapping, formats, theme: the small parts of the kiosk."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk import flow as fl
from kiosk import watchdog
from kiosk.controller import call_update_to_event, load_out_of_service, save_out_of_service
from kiosk.services import CallUpdate
from kiosk.settings import load_kiosk_settings
from parloir.settings import SettingsError

ROOT = Path(__file__).resolve().parents[2]


def test_watchdog_notify_reaches_a_real_socket(tmp_path: Path) -> None:
    path = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(str(path))
        server.settimeout(5)
        assert watchdog.notify("WATCHDOG=1", {"NOTIFY_SOCKET": str(path)})
        assert server.recv(100) == b"WATCHDOG=1"
    assert not watchdog.notify("READY=1", {})
    assert not watchdog.notify("READY=1", {"NOTIFY_SOCKET": str(tmp_path / "missing")})


def test_watchdog_interval() -> None:
    assert watchdog.interval_ms({"WATCHDOG_USEC": "20000000"}) == 10000
    assert watchdog.interval_ms({"WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "1"}) is None
    me = str(os.getpid())
    assert watchdog.interval_ms({"WATCHDOG_USEC": "1000", "WATCHDOG_PID": me}) == 500
    assert watchdog.interval_ms({}) is None


def test_settings_shared_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for k in list(os.environ):
        if k.startswith("PARLOIR_"):
            monkeypatch.delenv(k)
    cfg = tmp_path / "booth.toml"
    cfg.write_text(
        '[booth]\nname = "Cabine 2"\n[camera]\nsource = "synthetic"\n'
        '[kiosk]\ninactivity_s = 90\nlanguage = "fr"\nservices = "fake"\n',
        encoding="utf-8",
    )
    s = load_kiosk_settings(cfg)
    assert s.kiosk.inactivity_s == 90 and s.kiosk.services == "fake"
    monkeypatch.setenv("PARLOIR_KIOSK__INACTIVITY_S", "45")
    assert load_kiosk_settings(cfg).kiosk.inactivity_s == 45


@pytest.mark.parametrize(
    "body",
    [
        '[kiosk]\nlanguage = "de"\n',
        "[kiosk]\ninactivity_s = 0\n",
        '[kiosk]\nservices = "maybe"\n',
        '[kiosk]\ntimezone = "Mars/Olympus"\n',
        "[kiosk]\nunknown_key = 1\n",
        "[kiosk]\nsound_volume = 3\n",
    ],
)
def test_settings_refuse_bad_values(tmp_path: Path, body: str) -> None:
    cfg = tmp_path / "booth.toml"
    cfg.write_text(body, encoding="utf-8")
    with pytest.raises(SettingsError):
        load_kiosk_settings(cfg)


def test_template_documents_every_key() -> None:
    from kiosk.settings import KioskSection

    text = (ROOT / "installer" / "booth.example.toml").read_text(encoding="utf-8")
    for name in KioskSection.__dataclass_fields__:
        assert f"# {name} = " in text or f"{name} = " in text, name


def test_cli_registers_kiosk_and_reports_bad_config(tmp_path: Path) -> None:
    help_ = subprocess.run(
        [sys.executable, "-m", "parloir", "kiosk", "--help"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert help_.returncode == 0
    assert "--windowed" in help_.stdout and "--config" in help_.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('[kiosk]\nlanguage = "de"\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "parloir", "kiosk", "--config", str(bad)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 2
    assert "kiosk.language" in run.stderr
    assert "Traceback" not in run.stderr


def test_call_updates_become_flow_events() -> None:
    at = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)
    placed = call_update_to_event(
        CallUpdate("placed", {"call_id": "c", "masked_number": "06", "expires_at": at,
                              "allowed_seconds": 900})
    )  # fmt: skip
    assert placed == fl.CallPlaced("c", "06", at, 900)
    assert call_update_to_event(CallUpdate("joined")) == fl.RelativeJoined()
    assert call_update_to_event(CallUpdate("left")) == fl.RelativeLeft(60)
    assert call_update_to_event(CallUpdate("left", {"rejoin_s": 30})) == fl.RelativeLeft(30)
    assert call_update_to_event(
        CallUpdate("progress", {"time_left_s": 10, "connected_s": 5})
    ) == fl.CallProgress(10, 5)
    assert call_update_to_event(CallUpdate("warning", {"seconds_left": 60})) == fl.CallWarning(60)
    assert call_update_to_event(
        CallUpdate("ended", {"reason": "monitor", "connected_s": 7})
    ) == fl.CallEnded("monitor", 7)
    assert call_update_to_event(
        CallUpdate("refused", {"code": "balance_too_low", "message": "x"})
    ) == fl.Refusal("balance_too_low", "x")
    assert call_update_to_event(CallUpdate("mystery")) is None


def test_out_of_service_flag_survives_restart(tmp_path: Path) -> None:
    path = tmp_path / "kiosk" / "state"
    assert not load_out_of_service(path)
    save_out_of_service(path, True)
    assert load_out_of_service(path)
    save_out_of_service(path, False)
    assert not load_out_of_service(path)
    assert not load_out_of_service(None)


def test_formats_french_first(qapp) -> None:  # type: ignore[no-untyped-def]
    from kiosk import i18n

    i18n.set_language("fr")
    assert i18n.money(314) == "3,14\u00a0€"
    assert i18n.money(-5) == "-0,05\u00a0€"
    assert i18n.money(123456) == "1\u202f234,56\u00a0€" or i18n.money(123456).endswith(
        "234,56\u00a0€"
    )
    assert i18n.clock(datetime(2026, 11, 26, 13, 30, tzinfo=UTC)) == "14\u00a0h\u00a030"
    assert i18n.long_date(date(2026, 11, 26)) == "jeudi 26 novembre"
    assert i18n.duration(299) == "4 min 59 s"
    assert i18n.duration(1800) == "30 min"
    assert i18n.countdown(299) == "04:59"
    assert i18n.mask_phone("+33612345612") == "06 •• •• •• 12"
    assert i18n.mask_phone("0612345678") == "06 •• •• •• 78"
    i18n.set_language("en")
    assert i18n.money(314) == "€3.14"
    assert i18n.clock(datetime(2026, 11, 26, 13, 30, tzinfo=UTC)) == "14:30"
    i18n.set_language("es")
    assert i18n.long_date(date(2026, 11, 26)) == "jueves 26 de noviembre"
    i18n.set_language("ar")
    assert i18n.is_rtl()
    assert "26" in i18n.long_date(date(2026, 11, 26))  # Latin digits
    i18n.set_language("fr")


def test_theme_palette_holds_ui_md_colours_and_sizes_scale() -> None:
    from kiosk import theme

    p = theme.palette()
    assert p["background"] == "#F4F6F9" and p["primary"] == "#1F5FAF"
    assert p["danger"] == "#B42318" and p["warning"] == "#A86400"
    assert p["call_background"] == "#0E1116" and p["overlay"] == "rgba(0,0,0,0.55)"
    big = theme.Metrics.for_height(1080)
    assert (big.body, big.title, big.countdown, big.target) == (26, 44, 80, 72)
    small = theme.Metrics.for_height(800)
    assert small.target >= 56 and small.body < big.body
    sheet = theme.style_sheet(big)
    assert "$" not in sheet
    # no colour is written anywhere else in the kiosk's code
    import re

    for path in (ROOT / "kiosk").rglob("*.py"):
        if path.name in ("call_engine.py", "call_cli.py"):
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"#[0-9A-Fa-f]{6}\b", text), path


def test_chimes_exist_and_are_quiet() -> None:
    import wave

    import numpy as np

    for name in ("warning", "urgent", "joined", "ended", "test"):
        with wave.open(str(ROOT / "assets" / "sounds" / f"{name}.wav")) as w:
            assert w.getframerate() == 48000 and w.getnchannels() == 1
            data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        peak = np.max(np.abs(data)) / 32767
        assert 0.1 < peak < 0.3  # about -12 dBFS: soft


def test_fonts_shipped_with_licence(qapp) -> None:  # type: ignore[no-untyped-def]
    from kiosk import theme

    assert (ROOT / "assets" / "fonts" / "LICENSE-OFL.txt").read_text().count("Open Font") >= 1
    fams = theme.load_fonts()
    assert "Noto Sans" in fams and "Noto Sans Arabic" in fams


def test_qt_sounds_play_and_never_raise(qapp) -> None:  # type: ignore[no-untyped-def]
    from kiosk.sounds import NAMES, QtSounds

    sounds = QtSounds(0.1)
    for name in NAMES:
        sounds.play(name)
    sounds.play("no-such-chime")  # a missing file is logged, never raised
    assert sounds.played == [*NAMES, "no-such-chime"]


def test_engine_events_become_call_updates() -> None:
    from types import SimpleNamespace

    from kiosk.adapters import EngineCallService

    svc = EngineCallService.__new__(EngineCallService)  # no threads: only the mapping
    svc._hangup_reason = "hangup"
    svc.clock = None
    got: list[CallUpdate] = []

    def ev(t: str, **data: object) -> None:
        svc._forward(SimpleNamespace(type=t, data=data), got.append)

    ev("placed", call_id="c1", masked_number="06 •• •• •• 12",
       expires_at="2026-11-26T13:05:00Z", allowed_seconds=1740)  # fmt: skip
    ev("state", state="waiting_relative")  # not for the UI
    ev("joined")
    ev("time_left", seconds=1700, connected_s=40)
    ev("warning", seconds_left=300)
    ev("left", rejoin_s=60)
    ev("rejoined")
    ev("ended", reason="relative_never_joined", connected_s=0)
    assert [u.kind for u in got] == [
        "placed", "joined", "progress", "warning", "left", "joined", "ended"
    ]
    assert got[0].data["expires_at"] == datetime(2026, 11, 26, 13, 5, tzinfo=UTC)
    assert got[2].data == {"time_left_s": 1700, "connected_s": 40}
    assert got[-1].data["reason"] == "no_show"
    got.clear()
    svc._hangup_reason = "guard"
    ev("ended", reason="booth_hangup", connected_s=12)
    ev("ended", reason="max_duration", connected_s=1800)
    ev("ended", reason="ended_by_central", connected_s=5)
    ev("ended", reason="something_else", connected_s=5)
    assert [u.data["reason"] for u in got] == ["guard", "time_up", "monitor", "something_else"]
