"""The frame every booth screen shares: title, body, message banner, action bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk import texts
from kiosk.flow import Context, Event
from kiosk.ui.widgets import Banner, Button, label, metrics

if TYPE_CHECKING:
    from kiosk.flow import Flow


class BaseScreen(QWidget):
    """Renders one state of the flow; user actions become events through `send`."""

    def __init__(self, send: Callable[[Event], None], services: Any = None) -> None:
        super().__init__()
        self.send = send
        self.services = services
        self.setProperty("screen", True)
        m = metrics()
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(m.margin, m.gap, m.margin, m.margin // 2)
        self.outer.setSpacing(m.gap)
        self.title = label("title")
        self.subtitle = label("secondary")
        self.outer.addWidget(self.title)
        self.outer.addWidget(self.subtitle)
        self.body = QVBoxLayout()
        self.body.setSpacing(m.gap)
        self.outer.addLayout(self.body, 1)
        self.banner = Banner()
        self.outer.addWidget(self.banner)
        self.action_bar = QHBoxLayout()
        self.action_bar.setSpacing(m.gap)
        self.outer.addLayout(self.action_bar)

    def add_actions(self, *buttons: QWidget, primary: QWidget | None = None) -> None:
        """Secondary actions first; the primary one last, at the far end (right, or left in RTL)."""
        for b in buttons:
            self.action_bar.addWidget(b)
        self.action_bar.addStretch(1)
        if primary is not None:
            self.action_bar.addWidget(primary)

    def show_flow_message(self, ctx: Context) -> None:
        if ctx.message is None:
            self.banner.show_message(None)
        else:
            tone = "error" if ctx.message_is_error else "success"
            if ctx.message.key in ("no_free_slot",):
                tone = "info"
            self.banner.show_message(texts.message(ctx.message), tone)

    def show_state(self, ctx: Context, flow: Flow) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


def button(icon: str, kind: str, on_click: Callable[[], None]) -> Button:
    b = Button(icon, kind)
    b.clicked.connect(lambda _=False: on_click())
    return b


def clear_layout(lay: Any) -> None:
    while lay.count():
        item = lay.takeAt(0)
        w = item.widget()
        if w is not None:
            w.hide()
            w.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


def key_value(key: str, value: str, value_role: str = "money") -> QWidget:
    host = QWidget()
    lay = QVBoxLayout(host)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(0)
    k = label("secondary")
    k.setText(key)
    v = label(value_role)
    v.setText(value)
    lay.addWidget(k)
    lay.addWidget(v)
    host.key_label = k  # type: ignore[attr-defined]
    host.value_label = v  # type: ignore[attr-defined]
    return host


def set_kv(host: QWidget, key: str, value: str) -> None:
    k: QLabel = host.key_label  # type: ignore[attr-defined]
    v: QLabel = host.value_label  # type: ignore[attr-defined]
    k.setText(key)
    v.setText(value)
