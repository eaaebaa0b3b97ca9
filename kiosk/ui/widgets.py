"""Building blocks of the booth screens: buttons with pictograms, keypad, video, meter."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk import theme
from kiosk.theme import Metrics

_metrics = Metrics.for_height(1080)


def set_metrics(m: Metrics) -> None:
    global _metrics
    _metrics = m


def metrics() -> Metrics:
    return _metrics


def restyle(w: QWidget, **props: Any) -> None:
    """Set dynamic properties the style sheet selects on, and re-polish."""
    changed = False
    for k, v in props.items():
        if w.property(k) != v:
            w.setProperty(k, v)
            changed = True
    if changed:
        w.style().unpolish(w)
        w.style().polish(w)


def label(role: str = "", wrap: bool = True) -> QLabel:
    lab = QLabel()
    if role:
        lab.setProperty("role", role)
    lab.setWordWrap(wrap)
    lab.setTextFormat(Qt.TextFormat.PlainText)
    return lab


MIRRORED = {"ph.arrow-left": "ph.arrow-right", "ph.sign-out": "ph.sign-in"}


class Button(QPushButton):
    """A pictogram and a word. `kind`: primary, secondary, danger, danger_outline, key, choice."""

    def __init__(
        self,
        icon: str = "",
        kind: str = "secondary",
        parent: QWidget | None = None,
        icon_role: str = "",
    ):
        super().__init__(parent)
        self._icon_name = icon
        self._icon_role = icon_role
        self.setProperty("kind", kind)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._apply_icon()

    def set_kind(self, kind: str) -> None:
        if self.property("kind") != kind:
            restyle(self, kind=kind)
            self._apply_icon()

    def refresh_icon(self) -> None:
        self._apply_icon()

    def set_icon(self, icon: str) -> None:
        if icon != self._icon_name:
            self._icon_name = icon
            self._apply_icon()

    def _apply_icon(self) -> None:
        if not self._icon_name:
            return
        name = self._icon_name
        if QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            name = MIRRORED.get(name, name)  # «Retour» points the way the text reads
        kind = self.property("kind")
        role = {"primary": "surface", "danger": "surface", "danger_outline": "danger"}.get(
            str(kind), "primary"
        )
        if kind in ("choice", "lang", "key", "quiet"):
            role = "text"
        if self._icon_role:
            role = self._icon_role
        self.setIcon(theme.icon(name, role))
        s = _metrics.icon
        self.setIconSize(QSize(s, s))


class ConfirmButton(Button):
    """A destructive action confirmed once: the first touch asks, the second one acts."""

    confirmed = Signal()

    def __init__(
        self, icon: str, kind: str = "danger", parent: QWidget | None = None, icon_role: str = ""
    ):
        super().__init__(icon, kind, parent, icon_role)
        self._text = ""
        self._ask = ""
        self._armed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(5000)
        self._timer.timeout.connect(self.disarm)
        self.clicked.connect(self._clicked)

    def set_texts(self, text: str, ask: str) -> None:
        self._text, self._ask = text, ask
        self.setText(ask if self._armed else text)

    def disarm(self) -> None:
        self._armed = False
        self.setText(self._text)

    @property
    def armed(self) -> bool:
        return self._armed

    def _clicked(self) -> None:
        if self._armed:
            self._timer.stop()
            self.disarm()
            self.confirmed.emit()
        else:
            self._armed = True
            self.setText(self._ask)
            self._timer.start()


class Banner(QFrame):
    """A calm message strip: info, success, warning or error, with its pictogram."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "banner")
        lay = QHBoxLayout(self)
        m = _metrics
        lay.setContentsMargins(m.gap, m.gap // 2, m.gap, m.gap // 2)
        lay.setSpacing(m.gap)
        self.icon = QLabel()
        self.text = label()
        lay.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.text, 1)
        self.hide()

    def show_message(self, text: str | None, tone: str = "info") -> None:
        if not text:
            self.hide()
            return
        restyle(self, tone=tone)
        name, role = {
            "error": ("ph.warning-circle", "danger"),
            "success": ("ph.check-circle", "success"),
            "warning": ("ph.warning", "warning"),
        }.get(tone, ("ph.info", "primary"))
        s = _metrics.icon
        self.icon.setPixmap(theme.icon(name, role).pixmap(s, s))
        self.text.setText(text)
        self.show()


class Card(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self.lay = QVBoxLayout(self)
        m = _metrics
        self.lay.setContentsMargins(m.pad, m.gap, m.pad, m.gap)
        self.lay.setSpacing(m.gap // 2)


class PinEntry(QWidget):
    """A masked code field (a badge reader typing into it works) and a big keypad."""

    submitted = Signal(str)

    def __init__(self, max_len: int = 12, secret: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        m = _metrics
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(m.gap)
        self.field = QLineEdit()
        self.field.setMaxLength(max_len if secret else 32)
        if secret:
            self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.field.returnPressed.connect(self._submit)
        lay.addWidget(self.field)
        grid_host = QWidget()
        grid_host.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # keypads are never mirrored
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(m.gap)
        self.keys: dict[str, Button] = {}
        for i, d in enumerate("123456789"):
            b = Button("", "key")
            b.setText(d)
            b.clicked.connect(lambda _=False, d=d: self.press(d))
            grid.addWidget(b, i // 3, i % 3)
            self.keys[d] = b
        self.erase = Button("ph.backspace", "key")
        self.erase.clicked.connect(self.backspace)
        grid.addWidget(self.erase, 3, 0)
        zero = Button("", "key")
        zero.setText("0")
        zero.clicked.connect(lambda: self.press("0"))
        grid.addWidget(zero, 3, 1)
        self.keys["0"] = zero
        self.ok = Button("ph.check", "key")
        self.ok.clicked.connect(self._submit)
        grid.addWidget(self.ok, 3, 2)
        for b in [*self.keys.values(), self.erase, self.ok]:
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setFixedHeight(m.key)
        lay.addWidget(grid_host)

    def press(self, digit: str) -> None:
        if len(self.field.text()) < self.field.maxLength():
            self.field.setText(self.field.text() + digit)

    def backspace(self) -> None:
        self.field.setText(self.field.text()[:-1])

    def clear(self) -> None:
        self.field.clear()

    def set_enabled(self, enabled: bool) -> None:
        for b in [*self.keys.values(), self.erase, self.ok]:
            b.setEnabled(enabled)
        self.field.setReadOnly(not enabled)

    def _submit(self) -> None:
        text = self.field.text()
        self.field.clear()
        self.submitted.emit(text)


def frame_to_qimage(frame: np.ndarray) -> QImage | None:
    """A QImage that owns a copy of the BGR frame's pixels (the array may be reused)."""
    if frame is None or frame.ndim != 3 or frame.shape[2] != 3:
        return None
    h, w = frame.shape[:2]
    data = np.ascontiguousarray(frame)
    img = QImage(data.data, w, h, data.strides[0], QImage.Format.Format_BGR888)
    return img.copy()


def crop_to_fill(src_w: int, src_h: int, dst_w: int, dst_h: int) -> QRectF:
    """The part of the source that fills the target without distortion (centred crop)."""
    if src_w <= 0 or src_h <= 0 or dst_w <= 0 or dst_h <= 0:
        return QRectF(0, 0, max(0, src_w), max(0, src_h))
    src_ratio = src_w / src_h
    dst_ratio = dst_w / dst_h
    if src_ratio > dst_ratio:  # source wider: crop the sides
        w = src_h * dst_ratio
        return QRectF((src_w - w) / 2, 0, w, src_h)
    h = src_w / dst_ratio
    return QRectF(0, (src_h - h) / 2, src_w, h)


class VideoView(QWidget):
    """Paints the newest frame of a source, cropped to fill, without waiting for it.

    The source is a callable returning the latest BGR frame (kept by a device
    or decoder thread) or None; it is polled by a timer only while visible,
    and a frame is converted once, when a new one arrives.
    """

    def __init__(self, mirrored: bool = False, fps: int = 30, parent: QWidget | None = None):
        super().__init__(parent)
        self.mirrored = mirrored
        self._source: Callable[[], Any] | None = None
        self._last: Any = None
        self._image: QImage | None = None
        self.placeholder = ""
        self.frames_painted = 0
        self.paint_times: list[float] = []
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, 1000 // fps))
        self._timer.timeout.connect(self.poll)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_source(self, source: Callable[[], Any] | None) -> None:
        self._source = source
        self._last = None
        self._image = None
        self.update()

    def showEvent(self, event: Any) -> None:
        self._timer.start()
        self.poll()
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def poll(self) -> None:
        if self._source is None:
            return
        try:
            frame = self._source()
        except Exception:
            frame = None
        if frame is None:
            if self._image is not None:  # the source stopped: show the placeholder
                self._image = None
                self._last = None
                self.update()
            return
        if frame is self._last:
            return
        self._last = frame
        img = frame_to_qimage(frame)
        if img is not None:
            self._image = img
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        t0 = time.perf_counter()
        p = QPainter(self)
        p.fillRect(self.rect(), theme.color("call_background"))
        img = self._image
        if img is not None and not img.isNull():
            src = crop_to_fill(img.width(), img.height(), self.width(), self.height())
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            if self.mirrored:
                p.translate(self.width(), 0)
                p.scale(-1, 1)
            p.drawImage(QRectF(self.rect()), img, src)
            self.frames_painted += 1
        elif self.placeholder:
            p.setPen(theme.color("overlay_text"))
            font = p.font()
            font.setPixelSize(_metrics.body)
            p.setFont(font)
            p.drawText(
                QRect(0, 0, self.width(), self.height()),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                self.placeholder,
            )
        p.end()
        self.paint_times.append(time.perf_counter() - t0)
        if len(self.paint_times) > 600:
            del self.paint_times[:300]


class LevelMeter(QProgressBar):
    """Microphone level from dBFS (-60 dB → empty, 0 dB → full), polled while visible."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRange(0, 100)
        self.setTextVisible(False)
        self._source: Callable[[], float] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self.poll)

    def set_source(self, source: Callable[[], float] | None) -> None:
        self._source = source

    def showEvent(self, event: Any) -> None:
        self._timer.start()
        self.poll()
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def poll(self) -> None:
        if self._source is None:
            return
        try:
            db = float(self._source())
        except Exception:
            db = -120.0
        self.setValue(level_percent(db))


def level_percent(db: float) -> int:
    return int(max(0.0, min(100.0, (db + 60.0) / 60.0 * 100.0)))


def hline() -> QFrame:
    f = QFrame()
    f.setFrameShape(QFrame.Shape.HLine)
    return f
