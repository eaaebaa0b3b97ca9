"""A whole booth session through the real kiosk widgets, against a real central and relay,
with a headless Chromium as the relative: guard unlock → detainee PIN → pick the contact →
rules → before the call → waiting → relative joins from the SMS code → in call (the
relative's picture painted) → hang up → after the call → Locked; the usage reaches central.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.flow import Screen
from parloir.clock import SystemClock
from tests.e2e.conftest import e2e_central, sms_for  # noqa: F401  (fixture)
from tests.fixtures.central_server import CentralServer, unique
from tests.relay.harness import relative_joins

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def wait_ui(until: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if until():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def test_whole_session_with_a_real_relative(
    e2e_central: CentralServer,  # noqa: F811
    chromium_page: Any,
    loopback_ice: None,
    qtbot: Any,
    tmp_path: Path,
) -> None:
    from kiosk.adapters import build_real_services
    from kiosk.app import create_kiosk
    from kiosk.settings import load_kiosk_settings

    server = e2e_central
    booth_id, token = server.create_booth(unique("Cabine E"))
    guard_pin = "73" + unique("")[-4:]
    server.create_staff("guard", pin=guard_pin)
    detainee = server.create_detainee(pin="2580", balance_cents=1500, plan="50",
                                      first_name="Karim", last_name="Benali")  # fmt: skip
    server.create_contact(detainee, name="Nadia Benali")
    server.create_booking(detainee, booth_id=booth_id)
    before = server.balance(detainee)

    cfg = tmp_path / "booth.toml"
    cfg.write_text(
        f'[booth]\nname = "Cabine E"\ndata_dir = "{tmp_path / "booth"}"\n'
        f'[central]\nurl = "{server.url}"\ntoken = "{token}"\n'
        "[sync]\ninterval_s = 1.0\n"
        '[camera]\nsource = "synthetic"\nwidth = 640\nheight = 480\n'
        '[audio]\ninput_device = "synthetic"\noutput_device = "synthetic"\n'
        f'[kiosk]\nstate_dir = "{tmp_path / "kiosk"}"\n',
        encoding="utf-8",
    )
    k = load_kiosk_settings(cfg).kiosk
    clock = SystemClock()
    services = build_real_services(cfg, k, clock)
    try:
        wait_ui(lambda: bool(services.store.bookings_now(clock.now())), 30, "the first sync")
        kiosk = create_kiosk(services, clock, height=1080)
        win = kiosk.window
        win.resize(1920, 1080)
        win.show()
        qtbot.addWidget(win)
        flow = kiosk.flow

        def screen() -> Any:
            return win.current()

        def click(button: Any, state: Screen | None = None, timeout: float = 30) -> None:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            if state is not None:
                wait_ui(lambda: flow.ctx.screen == state, timeout, str(state))

        def pin(entry: Any, digits: str, state: Screen) -> None:
            for d in digits:
                qtbot.mouseClick(entry.keys[d], Qt.MouseButton.LeftButton)
            click(entry.ok, state)

        wait_ui(lambda: flow.ctx.booth_name == "Cabine E" or bool(flow.ctx.upcoming), 15, "info")
        click(screen().staff, Screen.STAFF_PIN)
        pin(screen().pin, guard_pin, Screen.GUARD_PICK)
        wait_ui(lambda: bool(flow.ctx.bookings_now), 15, "the booking of now")
        pick = [b for b in screen().list_host.findChildren(QPushButton) if "Karim" in b.text()]
        click(pick[0], Screen.DETAINEE_PIN)
        pin(screen().pin, "2580", Screen.HOME)
        assert "15,00\u00a0€" in screen().balance.value_label.text()
        click(screen().call, Screen.BOOK_CONTACT)  # the booking does not say whom to call
        nadia = [b for b in screen().findChildren(QPushButton) if "Nadia" in b.text()]
        click(nadia[0], Screen.RULES)
        screen().check.setChecked(True)
        click(screen().ok, Screen.PRECALL)
        assert flow.ctx.call.quote is not None and flow.ctx.call.quote.per_minute_cents == 27
        click(screen().call, Screen.WAITING, timeout=60)
        waiting = screen()
        assert "5 minutes pour rejoindre" in waiting.sms.text()
        call_id = flow.ctx.call.call_id
        code, query = sms_for(server, call_id)

        relative_joins(chromium_page, server.url, code, query=query)
        wait_ui(lambda: flow.ctx.screen == Screen.IN_CALL, 30, "the relative to join")
        call = screen()
        wait_ui(lambda: call.remote.frames_painted >= 10, 30, "the relative's picture")
        wait_ui(lambda: flow.call_view().connected_s >= 3, 30, "a few connected seconds")
        assert call.countdown.text() < "29:59"
        click(call.hangup)
        click(call.hangup, Screen.AFTER_CALL, timeout=30)
        after = screen()
        assert after.reason.text() == "Vous avez raccroché."
        assert flow.ctx.call.connected_s >= 3
        click(after.done, Screen.LOCKED)
        # the usage record goes up through the outbox; central debits it once
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.balance(detainee) == before:
            QApplication.processEvents()
            time.sleep(0.2)
        assert server.balance(detainee) < before
        kiosk.controller.stop()
        win.allow_close = True
    finally:
        services.close()  # type: ignore[attr-defined]
