"""Languages and formats: Qt translators, right-to-left layout, French-first number formats.

French is the source language of every string; English, Arabic and Spanish
come from `assets/translations/parloir_<lang>.qm` (built from the .ts files
by `python -m kiosk.i18n_build`). Arabic uses Latin digits (the Maghreb
convention, `ar_DZ`), which most Arabic readers in French prisons expect.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLibraryInfo,
    QLocale,
    Qt,
    QTranslator,
)

TRANSLATIONS = Path(__file__).resolve().parent.parent / "assets" / "translations"
LOCALES = {"fr": "fr_FR", "en": "en_GB", "ar": "ar_DZ", "es": "es_ES"}
NATIVE_NAMES = {"fr": "Français", "en": "English", "ar": "العربية", "es": "Español"}
RTL = frozenset({"ar"})

_display_tz = ZoneInfo("Europe/Paris")
_current = "fr"
_translators: list[QTranslator] = []


def set_display_timezone(name: str) -> None:
    global _display_tz
    _display_tz = ZoneInfo(name)


def current() -> str:
    return _current


def locale(lang: str | None = None) -> QLocale:
    return QLocale(LOCALES.get(lang or _current, "fr_FR"))


def set_language(lang: str) -> bool:
    """Install the translators of `lang` (and Qt's own) and the layout direction.

    Returns False when the language's file is missing (French is then kept
    for the missing strings, never an empty label).
    """
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QApplication")
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    ok = True
    if lang != "fr":
        ours = QTranslator()
        if ours.load(str(TRANSLATIONS / f"parloir_{lang}.qm")):
            app.installTranslator(ours)
            _translators.append(ours)
        else:
            ok = False
    qt = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt)
        _translators.append(qt)
    _current = lang
    QLocale.setDefault(locale(lang))
    direction = Qt.LayoutDirection.RightToLeft if lang in RTL else Qt.LayoutDirection.LeftToRight
    set_direction = getattr(app, "setLayoutDirection", None)
    if set_direction is not None:
        set_direction(direction)
    return ok


def is_rtl() -> bool:
    return _current in RTL


# ---------------------------------------------------------------- formats


def isolate(text: str) -> str:
    """Keeps numbers, times and amounts in one piece inside right-to-left sentences."""
    return f"\u2066{text}\u2069" if is_rtl() else text


def to_local(when: datetime) -> datetime:
    return when.astimezone(_display_tz)


def money(cents: int) -> str:
    """«3,14 €» (integer cents in, never a float)."""
    loc = locale()
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    number = f"{sign}{loc.toString(euros)}{loc.decimalPoint()}{rest:02d}"
    if _current == "en":
        return f"{sign}€{number.lstrip('-')}"
    return isolate(f"{number}\u00a0€")


def clock(when: datetime) -> str:
    """«14 h 30» in French, «14:30» elsewhere, in the booth's time zone."""
    t = to_local(when)
    if _current == "fr":
        return f"{t.hour}\u00a0h\u00a0{t.minute:02d}"
    return isolate(f"{t.hour:02d}:{t.minute:02d}")


def long_date(day: date | datetime) -> str:
    """«jeudi 26 novembre»."""
    if isinstance(day, datetime):
        day = to_local(day).date()
    fmt = "dddd d 'de' MMMM" if _current == "es" else "dddd d MMMM"
    return locale().toString(QDate(day.year, day.month, day.day), fmt)


def short_date(day: date) -> str:
    """«jeu. 26» for the day picker."""
    return locale().toString(QDate(day.year, day.month, day.day), "ddd d")


def duration(seconds: int) -> str:
    """«4 min 59 s», «1 h 02 min»."""
    seconds = max(0, int(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    if h:
        return QCoreApplication.translate("Formats", "{h} h {m} min").format(h=h, m=f"{m:02d}")
    if m and not s:
        return QCoreApplication.translate("Formats", "{m} min").format(m=m)
    if m:
        return QCoreApplication.translate("Formats", "{m} min {s} s").format(m=m, s=f"{s:02d}")
    return QCoreApplication.translate("Formats", "{s} s").format(s=s)


def countdown(seconds: int) -> str:
    """«29:59» with tabular digits for the big call countdown."""
    seconds = max(0, int(seconds))
    m, s = divmod(seconds, 60)
    return f"{m:02d}:{s:02d}"


def mask_phone(number: str) -> str:
    """«06 •• •• •• 12»: only the last two digits are shown."""
    digits = [c for c in number if c.isdigit()]
    if number.startswith("+33") and len(digits) == 11:
        digits = ["0", *digits[2:]]
    if len(digits) < 4:
        return "•• ••"
    head = "".join(digits[:2]) if len(digits) == 10 else "••"
    return f"{head} •• •• •• {''.join(digits[-2:])}"
