"""Booth settings: own sections of a shared booth file, env overrides, plain-HTTP refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from parloir.settings import SettingsError
from sync.settings import load_booth_settings

SHARED = """
[booth]
name = "Cabine 2"
data_dir = "{data}"

[central]
url = "https://central.prison.example:8443"
token_file = "{token}"
ca_bundle = "{ca}"
timeout_s = 7

[sync]
interval_s = 30
batch_size = 100

# other parts' sections in the same file are left to them
[camera]
source = "synthetic"

[audio]
input = "default"

[kiosk]
fullscreen = true
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "booth.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_shared_file_and_token_file(tmp_path: Path) -> None:
    (tmp_path / "token").write_text("s3cret-token\n")
    (tmp_path / "ca.pem").write_text("-----BEGIN CERTIFICATE-----\n")
    path = write(
        tmp_path,
        SHARED.format(data=tmp_path / "d", token=tmp_path / "token", ca=tmp_path / "ca.pem"),
    )
    s = load_booth_settings(path, environ={})
    assert s.booth.name == "Cabine 2" and s.db_path == tmp_path / "d" / "booth.sqlite3"
    assert s.token() == "s3cret-token" and s.central.timeout_s == 7.0
    assert s.sync.batch_size == 100 and s.sync.backoff_max_s == 300.0  # default kept
    s2 = load_booth_settings(
        path,
        environ={
            "PARLOIR_SYNC__BATCH_SIZE": "50",
            "PARLOIR_SERVER__PORT": "1",
            "PARLOIR_CAMERA__X": "y",
        },
    )
    assert s2.sync.batch_size == 50  # our variables apply, the others' are not ours to judge


@pytest.mark.parametrize(
    "url",
    ["http://central.prison.example", "http://10.0.0.5:8400", "ftp://127.0.0.1"],
)
def test_plain_http_refused_off_loopback(url: str) -> None:
    with pytest.raises(SettingsError) as err:
        load_booth_settings(None, environ={"PARLOIR_CENTRAL__URL": url})
    assert "central.url" in str(err.value)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8400", "http://localhost:1", "http://[::1]:8400"]
)
def test_plain_http_allowed_on_loopback(url: str) -> None:
    assert load_booth_settings(None, environ={"PARLOIR_CENTRAL__URL": url}).central.url == url


def test_bad_values_are_clear(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="batch_size"):
        load_booth_settings(write(tmp_path, "[sync]\nbatch_size = 'lots'\n"), environ={})
    with pytest.raises(SettingsError, match="unknown key"):
        load_booth_settings(write(tmp_path, "[sync]\nbatchsize = 3\n"), environ={})
    with pytest.raises(SettingsError, match="ca_bundle"):
        load_booth_settings(write(tmp_path, "[central]\nca_bundle = '/nope.pem'\n"), environ={})
    with pytest.raises(SettingsError, match="not found"):
        load_booth_settings(tmp_path / "missing.toml", environ={})
    with pytest.raises(SettingsError, match="token_file"):
        load_booth_settings(
            write(tmp_path, "[central]\ntoken_file = '/nope/token'\n"), environ={}
        ).token()
