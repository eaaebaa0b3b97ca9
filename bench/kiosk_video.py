"""Frame pacing of the kiosk's call screen: is the UI fluid while video is painted?

Runs the real in-call screen (remote view full screen, mirrored self-view)
fed by two producer threads (remote 1280x720 and camera 640x360, 30 fps,
like the call engine's converter and the camera thread), plus a 20 Hz UI
timer standing for touches and the countdown. Prints a table: frames
painted per second, intervals between paints (p50/p95/max), paint cost,
and the UI timer's lateness.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/kiosk_video.py [--seconds 10]
    xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python bench/kiosk_video.py --height 1080
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


class Producer:
    """Publishes a new frame `fps` times a second; the newest only is kept (like the engine)."""

    def __init__(self, w: int, h: int, fps: float, hue: int) -> None:
        from kiosk.fakes import synthetic_frame

        # pre-rendered frames: we measure the UI, not the frame generator
        self.frames = [synthetic_frame(w, h, i / fps, hue) for i in range(30)]
        self.fps = fps
        self.latest: Any = None
        self.published = 0
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        period = 1 / self.fps
        next_t = time.perf_counter()
        while not self._stop.is_set():
            self.latest = self.frames[self.published % len(self.frames)]
            self.published += 1
            next_t += period
            time.sleep(max(0.0, next_t - time.perf_counter()))

    def start(self) -> Producer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--height", type=int, default=1080)
    args = ap.parse_args()
    width = {1080: 1920, 800: 1280}.get(args.height, args.height * 16 // 9)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk import theme
    from kiosk.ui import widgets

    app = QApplication.instance() or QApplication(sys.argv)
    m = theme.Metrics.for_height(args.height)
    widgets.set_metrics(m)
    theme.apply(app, m)

    from kiosk.ui.call import CallScreen

    remote = Producer(1280, 720, 30, 1).start()
    camera = Producer(640, 360, 30, 0).start()

    class Calls:
        def remote_frame(self) -> Any:
            return remote.latest

    class Hardware:
        def latest_frame(self) -> Any:
            return camera.latest

    class Svc:
        calls = Calls()
        hardware = Hardware()

    screen = CallScreen(lambda e: None, Svc())
    screen.resize(width, args.height)
    screen.show()

    paints: list[float] = []
    orig = screen.remote.paintEvent

    def paint(ev: Any) -> None:
        orig(ev)
        paints.append(time.perf_counter())

    screen.remote.paintEvent = paint  # type: ignore[method-assign]
    lateness: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        lateness.append(max(0.0, (now - last[0]) - 0.05) * 1000)
        last[0] = now

    ui = QTimer()
    ui.setInterval(50)
    ui.timeout.connect(tick)
    ui.start()
    start = time.perf_counter()
    published0 = remote.published
    while time.perf_counter() - start < args.seconds:
        app.processEvents()
        time.sleep(0.001)
    ui.stop()
    remote.stop()
    camera.stop()
    elapsed = time.perf_counter() - start
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(paints)]
    cost = [t * 1000 for t in screen.remote.paint_times]
    rows = [
        ("screen", f"{width}x{args.height} ({app.platformName()})"),
        ("remote frames published / s", f"{(remote.published - published0) / elapsed:.1f}"),
        ("remote frames painted / s", f"{len(paints) / elapsed:.1f}"),
        ("self-view frames painted / s", f"{screen.selfv.frames_painted / elapsed:.1f}"),
        ("paint interval p50 / p95 / max (ms)",
         f"{pct(gaps, 50):.1f} / {pct(gaps, 95):.1f} / {max(gaps, default=float('nan')):.1f}"),
        ("paint cost p50 / p95 (ms)", f"{pct(cost, 50):.1f} / {pct(cost, 95):.1f}"),
        ("UI 20 Hz timer lateness p50 / p95 / max (ms)",
         f"{pct(lateness, 50):.1f} / {pct(lateness, 95):.1f} / {max(lateness, default=0):.1f}"),
        ("UI timer ticks / s (expected 20)", f"{len(lateness) / elapsed:.1f}"),
        ("paint interval stdev (ms)", f"{statistics.pstdev(gaps):.1f}" if gaps else "n/a"),
    ]  # fmt: skip
    w = max(len(r[0]) for r in rows)
    print("kiosk call screen frame pacing")
    for k, v in rows:
        print(f"  {k:<{w}}  {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
