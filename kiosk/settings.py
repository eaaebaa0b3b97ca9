"""The kiosk's own section of the booth configuration file: `[kiosk]`.

The booth has one TOML file shared by the parts (`[booth]`, `[central]`,
`[sync]` for sync, `[camera]`, `[audio]` for booth_hw, `[kiosk]` here);
each part reads its own tables. `PARLOIR_KIOSK__<KEY>` overrides a key.
Every key and its default is documented in installer/booth.example.toml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from parloir.settings import SettingsError, load_settings


@dataclass(frozen=True)
class KioskSection:
    language: str = "fr"
    timezone: str = "Europe/Paris"
    inactivity_s: int = 120
    after_call_s: int = 30
    detainee_pin_tries: int = 3
    detainee_lockout_s: int = 60
    staff_pin_tries: int = 5
    staff_lockout_s: int = 60
    booking_days: int = 7
    upcoming_count: int = 4
    state_dir: Path = Path("/var/lib/parloir/kiosk")
    services: str = "real"  # "real" or "fake" (a try-out without central or devices)
    sound_volume: float = 0.6
    watchdog: bool = True
    ice_servers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class KioskSettings:
    kiosk: KioskSection = field(default_factory=KioskSection)


def load_kiosk_settings(path: str | Path | None = None) -> KioskSettings:
    s = load_settings(KioskSettings, path, sections=True)
    k = s.kiosk
    if k.language not in ("fr", "en", "ar", "es"):
        raise SettingsError("kiosk.language: expected one of fr, en, ar, es")
    if k.services not in ("real", "fake"):
        raise SettingsError("kiosk.services: expected real or fake")
    for name in ("inactivity_s", "after_call_s", "detainee_pin_tries", "detainee_lockout_s",
                 "staff_pin_tries", "staff_lockout_s", "booking_days", "upcoming_count"):
        if getattr(k, name) <= 0:
            raise SettingsError(f"kiosk.{name}: must be positive")
    if not 0.0 <= k.sound_volume <= 1.0:
        raise SettingsError("kiosk.sound_volume: between 0.0 and 1.0")
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(k.timezone)
    except Exception:
        raise SettingsError(f"kiosk.timezone: unknown time zone {k.timezone!r}") from None
    return s
