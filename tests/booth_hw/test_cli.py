"""`parloir selftest` as a technician runs it, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from booth_hw.settings import SettingsError, load_hardware_settings


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """No sound server, no camera: like the bare CI machine, whatever this process runs."""
    runtime = tmp_path / "empty-runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    full = {k: v for k, v in os.environ.items() if not k.startswith(("PARLOIR_", "PULSE_"))}
    full.update(
        {
            "XDG_RUNTIME_DIR": str(runtime),
            "PULSE_SERVER": f"unix:{runtime}/no-such-socket",
            "PARLOIR_SELFTEST__DISK_PATHS": str(tmp_path),
            "PARLOIR_SELFTEST__AUDIO_OPEN_TIMEOUT_S": "2",
            "PARLOIR_CAMERA__SOURCE": "/dev/video-parloir-none",
        }
    )
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "parloir", "selftest", *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=120,
    )


def test_bare_machine_prints_a_french_table_and_fails(tmp_path: Path) -> None:
    proc = run([], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    out = proc.stdout
    for label in ("Caméra", "Micro", "Haut-parleur", "Serveur central", "Espace disque", "Horloge"):
        assert label in out
    assert "ÉCHEC" in out
    assert "Aucune caméra" in out or "aucune image" in out
    assert "Aucune carte son" in out or "introuvable" in out or "PortAudio" in out
    assert "ne doit pas être utilisée" in out


def test_bare_machine_json(tmp_path: Path) -> None:
    proc = run(["--json"], tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    assert report["ok"] is False
    names = [r["name"] for r in report["results"]]
    assert names == ["camera", "microphone", "speaker", "network", "disk", "clock"]
    by_name = {r["name"]: r for r in report["results"]}
    for r in report["results"]:
        assert set(r) >= {"name", "status", "message"}
        assert r["status"] in {"ok", "warn", "fail"}
    assert by_name["camera"]["status"] == "fail"
    assert by_name["microphone"]["status"] == "fail"
    assert by_name["disk"]["status"] == "ok"
    assert by_name["disk"]["free_mb"] > 0


def test_passing_run_exits_zero_with_a_config_file(tmp_path: Path) -> None:
    config = tmp_path / "booth.toml"
    config.write_text(
        '[kiosk]\nlanguage = "fr"\n\n'  # another part's section: ignored here
        '[camera]\nsource = "synthetic"\nwidth = 640\nheight = 480\n\n'
        "[selftest]\ncamera_seconds = 1.0\n",
        encoding="utf-8",
    )
    proc = run(
        ["--json", "--only", "camera,disk", "--config", str(config)],
        tmp_path,
        PARLOIR_CAMERA__SOURCE="synthetic",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert report["ok"] is True
    assert [r["status"] for r in report["results"]] == ["ok", "ok"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--only", "camera,grille-pain"], "inconnu"),
        (["--config", "/nonexistent/booth.toml"], "not found"),
    ],
)
def test_user_errors_exit_2_without_traceback(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    proc = run(args, tmp_path)
    assert proc.returncode == 2
    assert expected in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_key_in_our_section_is_an_error(tmp_path: Path) -> None:
    config = tmp_path / "booth.toml"
    config.write_text('[camera]\nsourse = "synthetic"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="sourse"):
        load_hardware_settings(config, environ={})
    proc = run(["--config", str(config)], tmp_path)
    assert proc.returncode == 2
    assert "sourse" in proc.stderr


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    config = tmp_path / "booth.toml"
    # [central] is shared with the sync part: its other keys are not ours.
    config.write_text(
        '[camera]\nsource = "0"\n[central]\nurl = "https://c.example"\n'
        'token_file = "/etc/parloir/booth.token"\ntimeout_s = 10.0\n'
        'ca_bundle = "/etc/parloir/ca.pem"\n',
        encoding="utf-8",
    )
    settings = load_hardware_settings(
        config,
        environ={
            "PARLOIR_CAMERA__SOURCE": "synthetic",
            "PARLOIR_SERVER__PORT": "1",
            "PARLOIR_CENTRAL__TOKEN": "secret",
        },
    )
    assert settings.camera.source == "synthetic"
    assert settings.central.url == "https://c.example"
    assert settings.central.ca_bundle == "/etc/parloir/ca.pem"
