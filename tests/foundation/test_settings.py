"""Settings: defaults, TOML file, environment overrides, clear errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from parloir.clock import ManualClock
from parloir.settings import SettingsError, load_settings


@dataclass(frozen=True)
class Server:
    host: str = "127.0.0.1"
    port: int = 8400
    dev_mode: bool = False


@dataclass(frozen=True)
class Relay:
    ice_servers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Settings:
    server: Server = field(default_factory=Server)
    relay: Relay = field(default_factory=Relay)
    data_dir: Path = Path("var")
    name: str | None = None


def test_defaults_without_file() -> None:
    s = load_settings(Settings, environ={})
    assert s == Settings()


def test_file_then_environment(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        'data_dir = "/srv/p"\n[server]\nport = 9000\n[relay]\nice_servers = ["stun:a"]\n'
    )
    s = load_settings(
        Settings, cfg, environ={"PARLOIR_SERVER__PORT": "9100", "PARLOIR_SERVER__DEV_MODE": "yes"}
    )
    assert s.server.port == 9100
    assert s.server.dev_mode is True
    assert s.relay.ice_servers == ["stun:a"]
    assert s.data_dir == Path("/srv/p")


def test_environment_list_is_comma_separated() -> None:
    s = load_settings(Settings, environ={"PARLOIR_RELAY__ICE_SERVERS": "stun:a, turn:b"})
    assert s.relay.ice_servers == ["stun:a", "turn:b"]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[server]\nport = 'abc'\n", "server.port"),
        ("[server]\nprot = 1\n", "unknown key(s) prot"),
        ("[server]\ndev_mode = 'maybe'\n", "true or false"),
        ("[server\n", "not valid TOML"),
    ],
)
def test_bad_file_names_the_problem(tmp_path: Path, text: str, fragment: str) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text(text)
    with pytest.raises(SettingsError) as exc:
        load_settings(Settings, cfg, environ={})
    assert fragment in str(exc.value)
    assert str(cfg) in str(exc.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="not found"):
        load_settings(Settings, tmp_path / "nope.toml", environ={})


def test_manual_clock_moves_only_when_told() -> None:
    clock = ManualClock()
    t0 = clock.now()
    assert clock.now() == t0
    assert (clock.advance(300) - t0).total_seconds() == 300
    with pytest.raises(ValueError):
        clock.set(t0.replace(tzinfo=None))


def test_environment_for_another_part_is_ignored() -> None:
    s = load_settings(Settings, environ={"PARLOIR_CAMERA__SOURCE": "0", "PARLOIR_X": "1"})
    assert s == Settings()


def test_shared_file_sections(tmp_path: Path) -> None:
    cfg = tmp_path / "booth.toml"
    cfg.write_text("[server]\nport = 9000\n[camera]\nsource = 'synthetic'\n")
    assert load_settings(Settings, cfg, environ={}, sections=True).server.port == 9000
    with pytest.raises(SettingsError, match="camera"):
        load_settings(Settings, cfg, environ={})
    cfg.write_text("[server]\nprot = 1\n")
    with pytest.raises(SettingsError, match="prot"):
        load_settings(Settings, cfg, environ={}, sections=True)
