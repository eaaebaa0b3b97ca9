"""Booth sync settings: sections `[booth]`, `[central]`, `[sync]` of the booth config file.

The kiosk builds ONE booth configuration file with sections for hardware,
sync and kiosk. `load_booth_settings(path)` reads only this part's sections
(and only `PARLOIR_BOOTH__*`, `PARLOIR_CENTRAL__*`, `PARLOIR_SYNC__*`
variables), so the other parts' sections never trip the unknown-key check.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from parloir.settings import SettingsError, load_settings

SECTIONS = ("booth", "central", "sync")


@dataclass(frozen=True)
class BoothSection:
    name: str = "Cabine 1"
    data_dir: Path = Path("/var/lib/parloir/booth")


@dataclass(frozen=True)
class CentralSection:
    url: str = "http://127.0.0.1:8400"
    token: str = ""
    token_file: Path | None = None
    ca_bundle: Path | None = None
    timeout_s: float = 10.0


@dataclass(frozen=True)
class SyncSection:
    interval_s: float = 15.0
    batch_size: int = 200
    backoff_base_s: float = 1.0
    backoff_max_s: float = 300.0
    #: acknowledged outbox records and closed call checkpoints are kept this long
    keep_days: int = 90


@dataclass(frozen=True)
class BoothSettings:
    booth: BoothSection = field(default_factory=BoothSection)
    central: CentralSection = field(default_factory=CentralSection)
    sync: SyncSection = field(default_factory=SyncSection)

    @property
    def db_path(self) -> Path:
        return self.booth.data_dir / "booth.sqlite3"

    def token(self) -> str:
        """The booth token, from `token` or read from `token_file` (never logged)."""
        if self.central.token:
            return self.central.token
        if self.central.token_file is not None:
            try:
                return self.central.token_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise SettingsError(
                    f"central.token_file: cannot read {self.central.token_file} ({exc.strerror})"
                ) from None
        return ""


def is_loopback_host(host: str) -> bool:
    if host.lower() in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_central_url(url: str) -> None:
    """Plain HTTP is allowed only on loopback (DESIGN §7): refuse anything else."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise SettingsError(f"central.url: {url!r} is not an http(s) URL")
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise SettingsError(
            f"central.url: plain http:// to {parts.hostname} is refused; "
            "use https:// with the prison's CA bundle (central.ca_bundle). "
            "Plain HTTP is allowed only to a loopback address."
        )


def validate(settings: BoothSettings) -> BoothSettings:
    check_central_url(settings.central.url)
    if settings.central.timeout_s <= 0:
        raise SettingsError("central.timeout_s: must be positive")
    if settings.sync.batch_size < 1:
        raise SettingsError("sync.batch_size: must be at least 1")
    if settings.sync.interval_s <= 0 or settings.sync.backoff_max_s <= 0:
        raise SettingsError("sync.interval_s and sync.backoff_max_s: must be positive")
    if settings.sync.keep_days < 1:
        raise SettingsError("sync.keep_days: must be at least 1")
    if settings.sync.backoff_base_s <= 0:
        raise SettingsError("sync.backoff_base_s: must be positive")
    if settings.central.ca_bundle is not None and not settings.central.ca_bundle.is_file():
        raise SettingsError(f"central.ca_bundle: file {settings.central.ca_bundle} not found")
    return settings


def load_booth_settings(
    path: str | Path | None = None, *, environ: Mapping[str, str] | None = None
) -> BoothSettings:
    """This part's sections of the booth config file, then PARLOIR_ overrides, validated."""
    return validate(load_settings(BoothSettings, path, environ=environ, sections=True))
