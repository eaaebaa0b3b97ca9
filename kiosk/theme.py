"""The booth's look: one style sheet file holds every colour; sizes follow the screen height.

`assets/theme/parloir.qss` starts with a palette block; this module reads it,
builds the QPalette, computes sizes from the screen height (UI.md: body 26 px,
titles 44 px, countdown 80 px, targets 72 px at 1080p, at least 56 px at 800p)
and fills the sheet's placeholders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template

ASSETS = Path(__file__).resolve().parent.parent / "assets"
THEME_FILE = ASSETS / "theme" / "parloir.qss"
FONTS_DIR = ASSETS / "fonts"

_PALETTE_RE = re.compile(r"@palette\s*\n(.*?)\n\s*@end", re.S)


@cache
def palette() -> dict[str, str]:
    """Colour roles (name → CSS colour) read from the theme file."""
    text = THEME_FILE.read_text(encoding="utf-8")
    m = _PALETTE_RE.search(text)
    if m is None:
        raise RuntimeError(f"{THEME_FILE}: no @palette block")
    out: dict[str, str] = {}
    for line in m.group(1).splitlines():
        parts = line.split(None, 1)
        if len(parts) == 2:
            out[parts[0]] = parts[1].strip()
    return out


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes for one screen height."""

    height: int
    body: int
    small: int
    subtitle: int
    title: int
    huge: int
    countdown: int
    target: int
    key: int
    gap: int
    pad: int
    margin: int
    radius: int
    icon: int

    @classmethod
    def for_height(cls, height: int) -> Metrics:
        s = max(0.5, height / 1080)

        def px(v: float, minimum: int = 1) -> int:
            return max(minimum, round(v * s))

        return cls(
            height=height,
            body=px(26, 16),
            small=px(21, 14),
            subtitle=px(33, 20),
            title=px(44, 28),
            huge=px(60, 36),
            countdown=px(80, 48),
            target=max(56, px(72)),
            key=max(64, px(96)),
            gap=px(16, 12),
            pad=px(28, 16),
            margin=px(40, 20),
            radius=px(14, 8),
            icon=px(34, 24),
        )


def style_sheet(metrics: Metrics) -> str:
    """The theme file with colours and sizes filled in."""
    text = THEME_FILE.read_text(encoding="utf-8")
    text = _PALETTE_RE.sub("", text)
    m = metrics
    values: dict[str, object] = dict(palette())
    values.update(
        body=m.body,
        small=m.small,
        subtitle=m.subtitle,
        title=m.title,
        huge=m.huge,
        countdown=m.countdown,
        target=m.target,
        key=m.key,
        gap=m.gap,
        pad=m.pad,
        radius=m.radius,
        radius_small=max(4, m.radius // 2),
        check=max(36, m.target // 2),
        scrollbar=max(20, m.gap * 2),
        meter=max(24, m.gap * 2),
    )
    return Template(text).substitute(values)


@cache
def load_fonts() -> list[str]:
    """Register the shipped Noto fonts so the booth never depends on the system's."""
    from PySide6.QtGui import QFontDatabase

    families: list[str] = []
    for path in sorted(FONTS_DIR.glob("*.ttf")):
        fid = QFontDatabase.addApplicationFont(str(path))
        if fid >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(fid))
    return sorted(set(families))


def color(name: str):  # type: ignore[no-untyped-def]
    """A QColor of the palette (for painting code: video overlays, meters)."""
    from PySide6.QtGui import QColor

    value = palette()[name]
    m = re.fullmatch(r"rgba\((\d+),(\d+),(\d+),([\d.]+)\)", value.replace(" ", ""))
    if m:
        r, g, b, a = m.groups()
        return QColor(int(r), int(g), int(b), round(float(a) * 255))
    return QColor(value)


def apply(app, metrics: Metrics) -> None:  # type: ignore[no-untyped-def]
    """Fonts, palette and style sheet on the application."""
    from PySide6.QtGui import QFont, QPalette

    load_fonts()
    font = QFont("Noto Sans")
    font.setFamilies(["Noto Sans", "Noto Sans Arabic", "DejaVu Sans"])
    font.setPixelSize(metrics.body)
    app.setFont(font)
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, color("background"))
    pal.setColor(QPalette.ColorRole.Base, color("surface"))
    pal.setColor(QPalette.ColorRole.WindowText, color("text"))
    pal.setColor(QPalette.ColorRole.Text, color("text"))
    pal.setColor(QPalette.ColorRole.ButtonText, color("primary"))
    pal.setColor(QPalette.ColorRole.Button, color("surface"))
    pal.setColor(QPalette.ColorRole.Highlight, color("primary"))
    pal.setColor(QPalette.ColorRole.HighlightedText, color("surface"))
    pal.setColor(QPalette.ColorRole.PlaceholderText, color("text_secondary"))
    app.setPalette(pal)
    sheet = style_sheet(metrics)
    if app.styleSheet() != sheet:  # re-polishing every widget is slow: only when it changed
        app.setStyleSheet(sheet)


def icon(name: str, role: str = "primary"):  # type: ignore[no-untyped-def]
    """A Phosphor icon (qtawesome) in a palette colour."""
    import qtawesome as qta

    return qta.icon(name, color=color(role), color_disabled=color("disabled"))
