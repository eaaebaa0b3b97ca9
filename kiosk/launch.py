"""Starting the kiosk as a separate process, on a virtual screen when there is none.

For the main job (`parloir demo`) and tests: `demo_booth_config` writes a
booth file for a central server on this machine (synthetic camera and
microphone), `start_kiosk` runs `parloir kiosk` on the current display or,
without one, on a private Xvfb screen with matchbox (TESTING.md), and can
take screenshots of it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


def demo_booth_config(
    path: Path,
    central_url: str,
    token: str,
    data_dir: Path,
    *,
    name: str = "Cabine 1",
    synthetic_devices: bool = True,
    services: str = "real",
) -> Path:
    """A booth configuration for a central server on this machine."""
    lines = [
        "# Written by Parloir for a demonstration on one machine. See",
        "# installer/booth.example.toml for every key and its default.",
        "[booth]",
        f'name = "{name}"',
        f'data_dir = "{data_dir / "booth"}"',
        "[central]",
        f'url = "{central_url}"',
        f'token = "{token}"',
        "[sync]",
        "interval_s = 3.0",
    ]
    if synthetic_devices:
        lines += [
            "[camera]",
            'source = "synthetic"',
            "[audio]",
            'input_device = "synthetic"',
            'output_device = "synthetic"',
        ]
    lines += ["[kiosk]", f'state_dir = "{data_dir / "kiosk"}"', f'services = "{services}"']
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Where X servers put their sockets and lock files (fixed by X11, not our choice).
X11_SOCKETS = Path("/tmp/.X11-unix")  # noqa: S108
X11_LOCKS = Path("/tmp")  # noqa: S108


def has_display(env: dict[str, str] | None = None) -> bool:
    e = os.environ if env is None else env
    return bool(e.get("DISPLAY") or e.get("WAYLAND_DISPLAY"))


def _free_display() -> int:
    for n in range(90, 200):
        if not (X11_SOCKETS / f"X{n}").exists() and not (X11_LOCKS / f".X{n}-lock").exists():
            return n
    raise RuntimeError("no free X display number")


@dataclass
class KioskProcess:
    """A running kiosk (and its virtual screen, if one was needed)."""

    process: subprocess.Popen[bytes]
    display: str | None
    log_path: Path
    helpers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def virtual(self) -> bool:
        return bool(self.helpers)

    def screenshot(self, path: Path) -> Path:
        """The whole screen as PNG (ImageMagick `import`, as in scripts/screenshots)."""
        env = dict(os.environ)
        if self.display:
            env["DISPLAY"] = self.display
        subprocess.run(["import", "-window", "root", str(path)], env=env, check=True,
                       timeout=30)  # fmt: skip
        return path

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 10) -> None:
        for p in [self.process, *reversed(self.helpers)]:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(timeout)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait(5)


def start_kiosk(
    config: Path,
    *,
    windowed: bool = False,
    size: str = "1920x1080",
    log_path: Path | None = None,
    extra_env: dict[str, str] | None = None,
) -> KioskProcess:
    """`parloir kiosk --config` on this display, or on a private Xvfb if there is none."""
    env = dict(os.environ)
    env.update(extra_env or {})
    helpers: list[subprocess.Popen[bytes]] = []
    display = env.get("DISPLAY")
    if not has_display(env):
        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            raise RuntimeError("no screen and no Xvfb: install xvfb (scripts/setup.sh does)")
        n = _free_display()
        display = f":{n}"
        helpers.append(subprocess.Popen(
            [xvfb, display, "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))  # fmt: skip
        deadline = time.monotonic() + 10
        while not (X11_SOCKETS / f"X{n}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        env["DISPLAY"] = display
        wm = shutil.which("matchbox-window-manager")
        if wm is not None:
            helpers.append(subprocess.Popen(
                [wm, "-use_titlebar", "no"], env=env,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            ))  # fmt: skip
            time.sleep(0.3)  # let it take the screen before the kiosk maps its window
        env["QT_QPA_PLATFORM"] = "xcb"
    log = log_path or config.parent / "kiosk.log"
    args = [sys.executable, "-m", "parloir", "kiosk", "--config", str(config)]
    if windowed:
        args.append("--windowed")
    with log.open("ab") as fh:
        proc = subprocess.Popen(args, env=env, stdout=fh, stderr=subprocess.STDOUT)
    return KioskProcess(proc, display, log, helpers)
