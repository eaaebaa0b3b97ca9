"""Starting the kiosk as a separate process, on a virtual screen when there is none.

For the main job (`parloir demo`) and tests: `demo_booth_config` writes a
booth file for a central server on this machine (synthetic camera and
microphone), `start_kiosk` runs `parloir kiosk` on the current display or,
without one, on a private Xvfb screen with matchbox (TESTING.md), and can
take screenshots of it.
"""

from __future__ import annotations

import json
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
    camera: str = "synthetic",
    audio: str = "synthetic",
    services: str = "real",
) -> Path:
    """A booth configuration for a central server on this machine.

    `camera` is a `[camera] source` ("synthetic", "0"...), `audio` an
    `[audio]` device for both directions ("synthetic", "" = system default).
    The file holds the booth token: readable by its owner only.
    """

    def q(value: str | Path) -> str:  # a TOML basic string (JSON escapes are valid TOML)
        return json.dumps(str(value), ensure_ascii=False)

    lines = [
        "# Written by Parloir for a demonstration on one machine. See",
        "# installer/booth.example.toml for every key and its default.",
        "[booth]",
        f"name = {q(name)}",
        f"data_dir = {q(data_dir / 'booth')}",
        "[central]",
        f"url = {q(central_url)}",
        f"token = {q(token)}",
        "[sync]",
        "interval_s = 3.0",
        "[camera]",
        f"source = {q(camera)}",
        "[audio]",
        f"input_device = {q(audio)}",
        f"output_device = {q(audio)}",
        "[selftest]",
        f"disk_paths = [{q(data_dir)}]",
        "[kiosk]",
        f"state_dir = {q(data_dir / 'kiosk')}",
        f"services = {q(services)}",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def has_display(env: dict[str, str] | None = None) -> bool:
    e = os.environ if env is None else env
    return bool(e.get("DISPLAY") or e.get("WAYLAND_DISPLAY"))


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
        read_fd, write_fd = os.pipe()  # Xvfb picks a free display and writes it here
        helpers.append(subprocess.Popen(
            [xvfb, "-displayfd", str(write_fd), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write_fd,),
        ))  # fmt: skip
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number.isdigit():
            helpers[0].kill()
            raise RuntimeError("the virtual screen (Xvfb) did not start")
        display = f":{number}"
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
