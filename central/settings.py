"""Settings of the central server: one TOML file plus `PARLOIR_*` environment overrides.

Example: `PARLOIR_SERVER__PORT=8500`, `PARLOIR_DATABASE__URL=postgresql+psycopg://...`,
`PARLOIR_DATA_DIR=/var/lib/parloir`. Every key with its default is in
`central/central.example.toml`.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_DATA_DIR = Path("var/central")
SECRET_KEY_FILE = "secret.key"  # noqa: S105 (a file name, not a secret)


@dataclass(frozen=True)
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8400
    # Address relatives and booths use to reach this server (links in SMS).
    public_url: str = ""
    dev_mode: bool = False
    max_body_bytes: int = 1024 * 1024
    log_level: str = "info"
    log_format: str = "json"  # json | text
    # On SIGTERM, how long open connections may finish before they are closed.
    graceful_shutdown_s: int = 5
    # HTTPS: PEM certificate (chain) and private key; both empty = plain HTTP
    # (fine on loopback or behind a TLS reverse proxy).
    tls_cert: str = ""
    tls_key: str = ""
    # Router modules to load (empty = every part present); a debugging aid.
    routers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DatabaseSettings:
    # Empty: a SQLite file `central.sqlite3` in data_dir.
    url: str = ""


@dataclass(frozen=True)
class SmsSettings:
    backend: str = "outbox"  # outbox | http
    url: str = ""
    auth_header: str = ""
    body_template: str = ""
    timeout_s: float = 10.0
    retries: int = 3


@dataclass(frozen=True)
class InvitationSettings:
    ttl_s: int = 300
    max_tries: int = 5
    rejoin_s: int = 60


@dataclass(frozen=True)
class RelaySettings:
    ice_servers: list[str] = field(default_factory=list)
    record: bool = True
    recordings_dir: str = ""  # empty: data_dir/recordings
    retention_days: int = 90
    video_codec: str = "VP8"
    # TURN credentials for the ice_servers of type turn: (coturn).
    ice_username: str = ""
    ice_credential: str = ""
    # Offer 127.0.0.1 only (one-machine demos and tests); never in production.
    loopback_only: bool = False
    # Calls the relay accepts at once (0: no limit); one process holds ~2-3 calls.
    max_calls: int = 0


@dataclass(frozen=True)
class LimitSettings:
    max_call_s: int = 1800


@dataclass(frozen=True)
class CentralSettings:
    data_dir: Path = DEFAULT_DATA_DIR
    server: ServerSettings = field(default_factory=ServerSettings)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    sms: SmsSettings = field(default_factory=SmsSettings)
    invitations: InvitationSettings = field(default_factory=InvitationSettings)
    relay: RelaySettings = field(default_factory=RelaySettings)
    limits: LimitSettings = field(default_factory=LimitSettings)

    @property
    def db_url(self) -> str:
        """The database URL, defaulting to the embedded SQLite file."""
        if self.database.url:
            return self.database.url
        return f"sqlite:///{(self.data_dir / 'central.sqlite3').resolve()}"

    @property
    def recordings_path(self) -> Path:
        if self.relay.recordings_dir:
            return Path(self.relay.recordings_dir)
        return self.data_dir / "recordings"

    def with_overrides(
        self,
        *,
        host: str | None = None,
        port: int | None = None,
        db: str | None = None,
        data_dir: str | Path | None = None,
        dev: bool | None = None,
    ) -> CentralSettings:
        """Apply command-line options on top of file + environment."""
        out = self
        if data_dir is not None:
            out = replace(out, data_dir=Path(data_dir))
        if db is not None:
            out = replace(out, database=replace(out.database, url=db))
        server = out.server
        if host is not None:
            server = replace(server, host=host)
        if port is not None:
            server = replace(server, port=port)
        if dev is not None and dev:
            server = replace(server, dev_mode=True)
        return replace(out, server=server)


def load_central_settings(path: str | Path | None = None) -> CentralSettings:
    from parloir.settings import load_settings

    return load_settings(CentralSettings, path)


def load_secret_key(data_dir: Path) -> bytes:
    """The server's HMAC key (codes, join tokens), created 0600 on first start."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SECRET_KEY_FILE
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        key = secrets.token_bytes(32)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        try:
            fd = os.open(path, flags, 0o600)
        except FileExistsError:  # another process created it meanwhile
            return path.read_bytes()
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        return key
    if len(key) < 32:
        raise ValueError(f"{path}: secret key too short (expected 32 bytes)")
    return key
