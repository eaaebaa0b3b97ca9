"""Starts the booth kiosk: theme, language, services, flow, window, controller, watchdog."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.flow import Flow, FlowSettings
from kiosk.services import Services
from parloir.clock import Clock, SystemClock

log = logging.getLogger(__name__)


@dataclass
class Kiosk:
    """Everything a running kiosk is made of (tests and the screenshot script use it too)."""

    flow: Flow
    window: Any
    controller: Any
    services: Services
    lockdown: Any = None
    watchdog_timer: Any = None


def flow_settings(k: Any) -> FlowSettings:
    return FlowSettings(
        inactivity_s=k.inactivity_s,
        after_call_s=k.after_call_s,
        detainee_pin_tries=k.detainee_pin_tries,
        detainee_lockout_s=k.detainee_lockout_s,
        staff_pin_tries=k.staff_pin_tries,
        staff_lockout_s=k.staff_lockout_s,
        booking_days=k.booking_days,
        upcoming_count=k.upcoming_count,
        timezone=k.timezone,
    )


def ensure_app(argv: list[str] | None = None) -> Any:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0]])
    return app


def create_kiosk(
    services: Services,
    clock: Clock,
    settings: FlowSettings | None = None,
    *,
    out_of_service: bool = False,
    height: int | None = None,
    state_file: Path | None = None,
    lockdown: bool = True,
    start: bool = True,
) -> Kiosk:
    """Builds the kiosk on the current QApplication (sizes from `height` or the screen)."""
    from PySide6.QtWidgets import QApplication

    from kiosk import i18n, theme
    from kiosk.controller import Controller
    from kiosk.ui import widgets
    from kiosk.ui.window import KioskWindow, Lockdown

    app = ensure_app()
    if height is None:
        screen = QApplication.primaryScreen()
        height = screen.size().height() if screen is not None else 1080
    metrics = theme.Metrics.for_height(height)
    widgets.set_metrics(metrics)
    theme.apply(app, metrics)
    fs = settings or FlowSettings()
    i18n.set_display_timezone(fs.timezone)
    i18n.set_language("fr")
    flow = Flow(clock, fs, out_of_service=out_of_service)
    holder: dict[str, Any] = {}

    def send(event: Any) -> None:
        holder["controller"].dispatch(event)

    window = KioskWindow(flow, send, services)

    def quit_app() -> None:
        window.technician_exit()

    controller = Controller(flow, services, state_file=state_file, on_quit=quit_app)
    holder["controller"] = controller
    kiosk = Kiosk(flow, window, controller, services)
    if lockdown:
        kiosk.lockdown = Lockdown(controller.activity)
        app.installEventFilter(kiosk.lockdown)
    if start:
        controller.start()
    return kiosk


def real_services(config: Path | None, k: Any, clock: Clock) -> Services:
    from kiosk.adapters import build_real_services

    services: Services = build_real_services(config, k, clock)
    return services


def run(config: Path | None, windowed: bool) -> int:
    """`parloir kiosk`: the booth app until a technician leaves it."""
    from PySide6.QtCore import QTimer

    from kiosk import watchdog
    from kiosk.controller import load_out_of_service
    from kiosk.settings import load_kiosk_settings

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    settings = load_kiosk_settings(config)
    k = settings.kiosk
    app = ensure_app()
    app.setApplicationName("Parloir")
    clock = SystemClock()
    if k.services == "fake":
        from kiosk.fakes import fake_services
        from kiosk.sounds import QtSounds

        services = fake_services(clock)
        services.sounds = QtSounds(k.sound_volume)
    else:
        services = real_services(config, k, clock)
    state_file = k.state_dir / "state"
    kiosk = create_kiosk(
        services,
        clock,
        flow_settings(k),
        out_of_service=load_out_of_service(state_file),
        state_file=state_file,
    )
    kiosk.window.lock_down(windowed)
    if k.watchdog:
        # READY once the event loop runs and the first screen is painted
        QTimer.singleShot(200, lambda: watchdog.notify("READY=1"))
        period = watchdog.interval_ms()
        if period is not None:
            timer = QTimer()
            timer.setInterval(period)
            timer.timeout.connect(lambda: watchdog.notify("WATCHDOG=1"))
            timer.start()
            kiosk.watchdog_timer = timer
    status = int(app.exec())
    kiosk.controller.stop()
    closer = getattr(services, "close", None)
    if callable(closer):
        closer()
    watchdog.notify("STOPPING=1")
    return status
