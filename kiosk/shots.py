"""Walks every kiosk screen with fake services and saves a picture of each.

Used by `scripts/screenshots` (under Xvfb, at 1920x1080 and 1280x800, in
French and Arabic) and by the Qt tests. The walk goes through the real
widgets, controller and flow; only the services are fakes.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk import flow as fl
from kiosk.flow import Screen
from parloir.clock import ManualClock

# A Thursday afternoon in Paris, as in UI.md's examples.
SHOT_TIME = datetime(2026, 11, 26, 13, 31, tzinfo=UTC)


def settle(kiosk: Any, until: Callable[[], bool] | None = None, timeout: float = 5.0) -> None:
    """Let worker results come back and Qt repaint (no fixed sleeps in the logic)."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    kiosk.controller.pool.submit(lambda: None).result(timeout=timeout)
    while time.monotonic() < deadline:
        QApplication.processEvents()
        done = kiosk.flow.ctx.busy is None if until is None else until()
        if done:
            break
        time.sleep(0.01)
    for _ in range(3):
        QApplication.processEvents()


def walk(kiosk: Any, clock: ManualClock, lang: str = "fr") -> Iterator[str]:
    """Drives the kiosk through every screen; yields a name when a screen is ready."""
    send = kiosk.controller.dispatch
    svc = kiosk.services

    def go(*events: fl.Event) -> None:
        for e in events:
            send(e)
            settle(kiosk)

    settle(kiosk)
    yield "01-locked"
    go(fl.StaffRequested())
    yield "02-staff-pin"
    go(fl.PinSubmitted("4321"))
    yield "03-guard-pick"
    go(fl.BookingOnlyRequested())
    yield "04-guard-booking-only"
    go(fl.Back(), fl.BookingPicked("b1"))
    yield "05-detainee-pin"
    go(fl.PinSubmitted("0000"))
    yield "06-detainee-pin-wrong"
    go(fl.PinSubmitted("1234"))
    if lang != "fr":
        go(fl.LanguageChosen(lang))
    yield "07-home"
    go(fl.CallRequested())
    yield "08-rules-full"
    go(fl.RulesAccepted())
    yield "09-precall"
    svc.calls.auto = False
    go(fl.PlaceCallPressed())
    settle(kiosk, lambda: kiosk.flow.ctx.screen == Screen.WAITING)
    clock.advance(47)
    go(fl.Tick())
    yield "10-waiting"
    svc.calls.emit("joined")
    settle(kiosk, lambda: kiosk.flow.ctx.screen == Screen.IN_CALL)
    clock.advance(12 * 60 + 5)
    go(fl.Tick())
    settle(kiosk, lambda: False, 0.3)  # let the video timers paint a frame
    yield "11-in-call"
    svc.calls.emit("progress", time_left_s=290, connected_s=1500)
    settle(kiosk)
    go(fl.Tick())
    settle(kiosk, lambda: False, 0.2)
    yield "12-in-call-5min"
    svc.calls.emit("progress", time_left_s=8, connected_s=1792)
    go(fl.Tick())
    settle(kiosk, lambda: False, 0.2)
    yield "13-in-call-last-seconds"
    svc.calls.emit("progress", time_left_s=600, connected_s=1000)
    svc.calls.emit("left")
    settle(kiosk)
    go(fl.Tick())
    yield "14-in-call-relative-left"
    svc.calls.emit("ended", reason="relative_hangup", connected_s=1000)
    settle(kiosk, lambda: kiosk.flow.ctx.screen == Screen.AFTER_CALL)
    yield "15-after-call"
    # a second session: booking, own bookings, refusals, offline
    go(fl.Finished(), fl.StaffRequested(), fl.PinSubmitted("4321"), fl.BookingPicked("b1"))
    go(fl.PinSubmitted("1234"))
    if lang != "fr":
        go(fl.LanguageChosen(lang))
    go(fl.BookRequested())
    yield "16-book-contact"
    go(fl.ContactPicked("c2"))
    yield "17-book-contact-suspended"
    go(fl.ContactPicked("c1"))
    days = kiosk.flow.ctx.days
    go(fl.DayPicked(days[1]))
    slots = kiosk.flow.ctx.slots
    if slots:
        go(fl.SlotPicked(slots[min(8, len(slots) - 1)].start))
    yield "18-book-slot"
    svc.central.refuse_next = "quota_reached"
    go(fl.BookConfirmed())
    yield "19-book-refused-quota"
    if kiosk.flow.ctx.slots:
        go(fl.SlotPicked(kiosk.flow.ctx.slots[2].start))
    go(fl.BookConfirmed())
    yield "20-booked"
    go(fl.Back(), fl.MyBookingsRequested())
    yield "21-my-bookings"
    go(fl.Back(), fl.BookRequested(), fl.ContactPicked("c1"))
    svc.central.online = False
    go(fl.DayPicked(kiosk.flow.ctx.days[2]))
    yield "22-book-offline"
    go(fl.Back(), fl.Back(), fl.CallRequested())
    yield "23-call-offline"
    svc.central.online = True
    go(fl.Back(), fl.BookRequested(), fl.ContactPicked("c1"))
    svc.central.delay_s = 0.6
    send(fl.DayPicked(kiosk.flow.ctx.days[3]))
    settle(kiosk, lambda: kiosk.window.busy.isVisible(), 3.0)
    yield "23b-busy"
    svc.central.delay_s = 0.0
    settle(kiosk)
    go(fl.Back(), fl.Back())
    go(fl.StaffRequested())
    yield "24-guard-ends-session"
    go(fl.PinSubmitted("4321"))
    # lockout of the detainee
    go(fl.StaffRequested(), fl.PinSubmitted("4321"), fl.BookingPicked("b1"))
    for _ in range(3):
        go(fl.PinSubmitted("0000"))
    clock.advance(13)
    go(fl.Tick())
    yield "25-detainee-lockout"
    clock.advance(60)
    go(fl.Tick(), fl.Back())
    # balance too low: the same detainee with an almost empty account
    from dataclasses import replace

    svc.store.detainees["d1"] = replace(svc.store.detainees["d1"], balance_cents=9)
    go(fl.StaffRequested(), fl.PinSubmitted("4321"), fl.BookingPicked("b1"))
    go(fl.PinSubmitted("1234"))
    if lang != "fr":
        go(fl.LanguageChosen(lang))
    yield "26-home-low-balance"
    go(fl.CallRequested())
    yield "27-call-refused-balance"
    go(fl.Back(), fl.Back())
    # technician
    go(fl.StaffRequested(), fl.PinSubmitted("9999"))
    settle(kiosk, lambda: False, 0.3)
    yield "28-technician"
    go(fl.ServiceToggled(), fl.Back())
    yield "29-out-of-service"
    svc.central.online = False
    go(fl.StaffRequested(), fl.PinSubmitted("9999"), fl.ServiceToggled(), fl.Back())
    clock.advance(31)
    go(fl.Tick())
    settle(kiosk)
    yield "30-locked-offline"


def take(
    out: Path, width: int, height: int, langs: list[str], use_root: bool = False
) -> list[Path]:
    """Pictures of every screen for each language, at this size, into `out`."""
    import subprocess

    from PySide6.QtWidgets import QApplication

    from kiosk.app import create_kiosk, ensure_app
    from kiosk.fakes import fake_services

    app = ensure_app()
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for lang in langs:
        clock = ManualClock(SHOT_TIME)
        services = fake_services(clock, auto_calls=False)
        kiosk = create_kiosk(services, clock, height=height, lockdown=False)
        win = kiosk.window
        win.resize(width, height)
        if use_root:
            win.lock_down(windowed=False)
        else:
            win.show()
        for name in walk(kiosk, clock, lang):
            QApplication.processEvents()
            path = out / f"{width}x{height}-{lang}-{name}.png"
            if use_root:
                time.sleep(0.15)
                QApplication.processEvents()
                subprocess.run(["import", "-window", "root", str(path)], check=True)
            else:
                win.grab().save(str(path))
            saved.append(path)
        kiosk.controller.stop()
        win.allow_close = True
        win.close()
        win.deleteLater()
        app.processEvents()
    return saved


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--out", type=Path, default=Path("shots"))
    p.add_argument("--size", default="1920x1080")
    p.add_argument("--langs", default="fr,ar")
    p.add_argument("--root", action="store_true", help="capture the X root window (import)")
    a = p.parse_args(argv)
    w, h = (int(v) for v in a.size.split("x"))
    saved = take(a.out, w, h, a.langs.split(","), a.root)
    print(f"{len(saved)} screenshots in {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

