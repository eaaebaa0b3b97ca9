"""The kiosk window: a locked-down fullscreen frame holding one screen per flow state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import flow as fl
from kiosk import i18n, texts, theme
from kiosk.flow import Context, Event, Flow, Screen
from kiosk.ui import call, session, staff
from kiosk.ui.widgets import Button, label, metrics

# Screens without the top bar (they show the booth name and clock themselves, or the video).
NO_TOP_BAR = frozenset({Screen.LOCKED, Screen.OUT_OF_SERVICE, Screen.IN_CALL})
# Screens whose top bar offers the guard's «Surveillant» button (end the session).
STAFF_BUTTON = frozenset(fl.SESSION_SCREENS - {Screen.IN_CALL} | {Screen.GUARD_PICK})

# Seconds before the inactivity timeout when the screen starts saying so.
IDLE_WARNING_S = 20

# Screens only staff use: always in French, whatever the detainee chose.
STAFF_ONLY = frozenset({Screen.STAFF_PIN, Screen.GUARD_PICK, Screen.TECHNICIAN})

ALLOWED_KEYS = frozenset(
    {
        Qt.Key.Key_0, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4,
        Qt.Key.Key_5, Qt.Key.Key_6, Qt.Key.Key_7, Qt.Key.Key_8, Qt.Key.Key_9,
        Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Backspace,
    }
)  # fmt: skip


def key_allowed(event: QKeyEvent) -> bool:
    """Only what a keypad or a badge reader types: digits, Enter, Backspace, plain letters.

    Every combination with Alt, Ctrl or Meta (Alt+F4, Ctrl+Q, Ctrl+W, Alt+Tab…),
    Escape and the function keys are swallowed.
    """
    mods = event.modifiers() & ~(
        Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
    )
    if mods != Qt.KeyboardModifier.NoModifier:
        return False
    key = event.key()
    if key in ALLOWED_KEYS:
        return True
    return Qt.Key.Key_A <= key <= Qt.Key.Key_Z  # badge readers may type letters


class Lockdown(QObject):
    """Application-wide filter: no forbidden keys, no context menus, touches reset idleness."""

    def __init__(self, on_activity: Callable[[], None]) -> None:
        super().__init__()
        self.on_activity = on_activity
        self.swallowed = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        t = event.type()
        if t in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            if not key_allowed(event):  # type: ignore[arg-type]
                if t == QEvent.Type.KeyPress:
                    self.swallowed += 1
                return True
            if t == QEvent.Type.KeyPress:
                self.on_activity()
            return False
        if t == QEvent.Type.ContextMenu:
            return True
        if t in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self.on_activity()
        return False


class TopBar(QFrame):
    def __init__(self, send: Callable[[Event], None]) -> None:
        super().__init__()
        self.setProperty("role", "topbar")
        m = metrics()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(m.margin, m.gap // 2, m.margin, m.gap // 2)
        lay.setSpacing(m.gap)
        self.name = label("secondary", wrap=False)
        self.clock = label("subtitle", wrap=False)
        self.staff = Button("ph.identification-card", "quiet")
        self.staff.clicked.connect(lambda: send(fl.StaffRequested()))
        lay.addWidget(self.name)
        lay.addStretch(1)
        lay.addWidget(self.clock)
        lay.addStretch(1)
        lay.addWidget(self.staff)

    def show_state(self, ctx: Context, flow: Flow) -> None:
        self.name.setText(ctx.booth_name)
        self.clock.setText(i18n.clock(flow.clock.now()))
        self.staff.setText(QCoreApplication.translate("Window", "Surveillant"))
        self.staff.setVisible(ctx.screen in STAFF_BUTTON)


class BusyOverlay(QFrame):
    """A sentence and a spinner for work longer than 300 ms (UI.md)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty("role", "busy")
        m = metrics()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(m.pad, m.pad, m.pad, m.pad)
        lay.setSpacing(m.gap)
        self.icon = QLabel()
        self.text = label("subtitle")
        lay.addWidget(self.icon)
        lay.addWidget(self.text, 1)
        self._spin: Any = None
        self.hide()

    def start(self, text: str) -> None:
        import qtawesome as qta

        s = metrics().icon
        if self._spin is None:
            self._spin = qta.Spin(self.icon, interval=40, step=8)
        ic = qta.icon("ph.spinner", color=theme.color("primary"), animation=self._spin)
        self.icon.setPixmap(ic.pixmap(s, s))
        self.text.setText(text)
        parent = self.parentWidget()
        if parent is not None:
            w = min(parent.width() - 2 * metrics().margin, int(parent.width() * 0.6))
            self.setFixedWidth(max(200, w))
            self.adjustSize()
            self.move((parent.width() - self.width()) // 2, (parent.height() - self.height()) // 2)
        self.show()
        self.raise_()


class KioskWindow(QWidget):
    """Holds every screen, shows the one of the flow's state, refuses to be closed."""

    def __init__(self, flow: Flow, send: Callable[[Event], None], services: Any = None):
        super().__init__()
        self.flow = flow
        self.send = send
        self.allow_close = False
        self.setObjectName("KioskRoot")
        self.setWindowTitle("Parloir")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.top = TopBar(send)
        lay.addWidget(self.top)
        self.stack = QStackedWidget()
        lay.addWidget(self.stack, 1)
        self.screens: dict[Screen, Any] = {}
        for table in (staff.SCREENS, session.SCREENS, call.SCREENS):
            for state, cls in table.items():
                w = cls(send, services)
                self.screens[state] = w
                self.stack.addWidget(w)
        self.busy = BusyOverlay(self)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(300)
        self._busy_timer.timeout.connect(self._show_busy)
        self._lang = ""
        flow.subscribe(self.on_state)

    def current(self) -> Any:
        return self.screens[self.flow.ctx.screen]

    def on_state(self, ctx: Context) -> None:
        lang = "fr" if ctx.screen in STAFF_ONLY else ctx.lang  # staff read French
        if lang != self._lang:
            self._lang = lang
            i18n.set_language(lang)
            self.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft if i18n.is_rtl() else Qt.LayoutDirection.LeftToRight
            )
            for b in self.findChildren(Button):
                b.refresh_icon()
        screen = self.screens[ctx.screen]
        if self.stack.currentWidget() is not screen:
            self.stack.setCurrentWidget(screen)
        self.top.setVisible(ctx.screen not in NO_TOP_BAR)
        self.top.show_state(ctx, self.flow)
        try:
            screen.show_state(ctx, self.flow)
            self._idle_warning(ctx, screen)
        except Exception:  # a rendering bug must never show a traceback or kill the booth
            import logging

            logging.getLogger(__name__).exception("render of %s failed", ctx.screen)
        if ctx.busy is not None:
            self.busy.text.setText(texts.message(ctx.busy))
            if not self.busy.isVisible() and not self._busy_timer.isActive():
                self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy.hide()

    def _idle_warning(self, ctx: Context, screen: Any) -> None:
        """A few seconds before the inactivity timeout, say so (a touch anywhere keeps it)."""
        left = self.flow.inactivity_left()
        banner = getattr(screen, "banner", None)
        if ctx.screen not in fl.IDLE_SENSITIVE or banner is None or ctx.message is not None:
            return
        if left <= IDLE_WARNING_S:
            banner.show_message(
                QCoreApplication.translate(
                    "Window",
                    "Sans action de votre part, la séance se termine dans {seconds} s. "
                    "Touchez l'écran pour continuer.",
                ).format(seconds=left),
                "warning",
            )

    def _show_busy(self) -> None:
        if self.flow.ctx.busy is not None:
            self.busy.start(texts.message(self.flow.ctx.busy))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close:
            event.accept()
        else:
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.accept()  # nothing reaches the window manager

    def lock_down(self, windowed: bool) -> None:
        flags = Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
        if not windowed:
            flags |= Qt.WindowType.WindowStaysOnTopHint
        self.setWindowFlags(flags)
        if windowed:
            self.resize(1280, 800)
            self.show()
        else:
            # fill the screen even without a window manager (bare X, cage restarts)
            screen = QApplication.primaryScreen()
            if screen is not None:
                self.setGeometry(screen.geometry())
            self.showFullScreen()

    def technician_exit(self) -> None:
        self.allow_close = True
        self.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()
