"""`parloir demo`: the main job on the embedded defaults, with demo data.

Starts the central server (SQLite, in-process relay, SMS to the local outbox
shown at /dev/sms) and the kiosk of «Cabine 1», with the synthetic camera
and microphone when the machine has none, on a virtual screen (Xvfb) when
there is no display. Prints, in French, what a newcomer needs: where the
kiosk is, the PINs, the join page and the SMS outbox.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

DEFAULT_DIR = Path("var/demo")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "demo",
        help="run central + booth kiosk on this machine with demo data",
        description=(
            "Démarre le serveur central avec les données de démonstration, "
            "puis la borne «Cabine 1»."
        ),
    )
    p.add_argument("--data-dir", type=Path, default=DEFAULT_DIR, help="demo data folder")
    p.add_argument("--host", default="127.0.0.1", help="central listen address")
    p.add_argument("--port", type=int, default=8400, help="central listen port")
    p.add_argument("--no-kiosk", action="store_true", help="central server only")
    p.add_argument(
        "--fullscreen",
        action="store_true",
        help="kiosk fullscreen and locked, as on a booth (default: a window)",
    )
    p.add_argument(
        "--seed-only", action="store_true", help="create the demo data, print it and stop"
    )
    p.set_defaults(handler=run)


def _camera_source() -> str:
    return "0" if Path("/dev/video0").exists() else "synthetic"


def _audio_device() -> str:
    """The system default when there is a sound card (or a sound server), else synthetic."""
    has_card = Path("/dev/snd").is_dir() and any(Path("/dev/snd").glob("pcm*"))
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    has_pulse = bool(runtime) and (Path(runtime) / "pulse" / "native").exists()
    return "" if (has_card or has_pulse) else "synthetic"


def seed(data: Path, host: str, port: int) -> Any:
    """Migrate the demo database and (re)seed it; returns the seed's DemoInfo."""
    from central.db.engine import make_engine, make_sessionmaker, migrate, session_scope
    from central.services.demo_seed import seed_demo
    from central.settings import load_central_settings
    from parloir.clock import SystemClock

    settings = load_central_settings(None).with_overrides(
        host=host, port=port, db=None, data_dir=str(data / "central"), dev=True
    )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.db_url)
    try:
        migrate(engine)
        with session_scope(make_sessionmaker(engine)) as session:
            info = seed_demo(session, SystemClock())
    finally:
        engine.dispose()
    return info


def _wait_http(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 (loopback URL)
                if answer.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _interrupt(_signum: int, _frame: Any) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    from parloir.cli import CliError

    signal.signal(signal.SIGTERM, _interrupt)  # a service manager's stop ends the children too

    data: Path = args.data_dir.resolve()
    data.mkdir(parents=True, exist_ok=True)
    logs = data / "logs"
    logs.mkdir(exist_ok=True)
    shown_host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host  # noqa: S104
    url = f"http://{shown_host}:{args.port}"

    print("Préparation des données de démonstration…", flush=True)
    info = seed(data, args.host, args.port)
    booth = info.kiosk_booth
    from kiosk.launch import demo_booth_config, has_display, start_kiosk

    booth_cfg = demo_booth_config(
        data / "booth.toml", url, booth.token, data,
        name=booth.name, camera=_camera_source(), audio=_audio_device(),
    )
    if args.seed_only:
        print(info.text(url))
        return 0

    central_log = logs / "central.log"
    central = subprocess.Popen(
        [sys.executable, "-m", "parloir", "central", "serve", "--dev",
         "--data-dir", str(data / "central"), "--host", args.host, "--port", str(args.port)],
        stdout=central_log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    kiosk = None
    try:
        if not _wait_http(f"{url}/healthz", central):
            tail = central_log.read_text(errors="replace")[-2000:]
            raise CliError(f"le serveur central n'a pas démarré (journal : {central_log})\n{tail}")

        where = "non démarrée (--no-kiosk)"
        if not args.no_kiosk:
            # Nobody sits at a virtual screen: there the kiosk fills it, as on a booth.
            windowed = has_display() and not args.fullscreen
            try:
                kiosk = start_kiosk(
                    booth_cfg,
                    windowed=windowed,
                    log_path=logs / "kiosk.log",
                    extra_env={"NOTIFY_SOCKET": ""},  # not a systemd service here
                )
            except RuntimeError as exc:
                raise CliError(f"la borne n'a pas démarré : {exc}") from None
            if kiosk.virtual:
                where = (
                    f"sur l'écran virtuel {kiosk.display} (aucun écran ici) ; pour la voir : "
                    f"import -display {kiosk.display} -window root borne.png"
                )
            else:
                where = "dans une fenêtre sur cet écran" if windowed else "en plein écran"

        print()
        print(info.text(url))
        print()
        print(f"Borne «{booth.name}» : {where}.")
        print("Pour jouer le proche : ouvrez la page «rejoindre» ci-dessus dans un navigateur")
        print("de cette machine et saisissez le code affiché sur la page des SMS.")
        print(f"Console des écoutes : {url}/console (compte ecoutes.demo, voir ci-dessus).")
        print(f"Journaux : {logs}")
        print("Ctrl+C pour tout arrêter.", flush=True)
        while True:
            if central.poll() is not None:
                print(f"\nLe serveur central s'est arrêté (code {central.returncode}). Arrêt.")
                return 0 if central.returncode == 0 else 1
            if kiosk is not None and not kiosk.alive():
                code = kiosk.process.returncode
                print(f"\nLa borne s'est arrêtée (code {code}). Arrêt de la démo.")
                return 0 if code == 0 else 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        print("\nArrêt de la démonstration…")
        return 0
    finally:
        if kiosk is not None:
            kiosk.stop()
        _stop(central)
