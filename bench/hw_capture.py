"""Booth hardware benchmark: capture-to-track latency, CPU per frame, audio round trip.

    .venv/bin/python bench/hw_capture.py [--seconds 4]

- Video: a Camera (synthetic source, then a generated MJPG file) feeding a
  CameraVideoTrack; latency is from the capture thread reading the frame to
  `recv()` handing the av.VideoFrame to the encoder; CPU is the whole
  process's CPU time divided by frames handed over (generation or decoding,
  analysis, conversion).
- Audio: speaker → microphone through a PulseAudio null sink (its own daemon,
  started here if `pulseaudio` is installed), measured by the loopback
  self-test: tone onset delay and frequency found.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from booth_hw.camera import Camera
from booth_hw.framecode import draw_stamp
from booth_hw.settings import CameraSettings, load_hardware_settings
from booth_hw.tracks import CameraVideoTrack


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q)) if values else float("nan")


def make_clip(path: Path, size: tuple[int, int], frames: int = 90) -> Path:
    w, h = size
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 30.0, (w, h))
    for i in range(frames):
        img = np.full((h, w, 3), 100, np.uint8)
        cv2.circle(img, (50 + (i * 9) % (w - 100), h // 2), h // 8, (0, 200, 255), -1)
        draw_stamp(img, i, time.time())
        writer.write(img)
    writer.release()
    return path


async def measure_video(settings: CameraSettings, seconds: float) -> dict[str, float]:
    with Camera(settings) as cam:
        track = CameraVideoTrack(cam)
        await track.recv()  # warm-up
        latencies: list[float] = []
        cpu0, wall0 = time.process_time(), time.monotonic()
        while time.monotonic() - wall0 < seconds:
            await track.recv()
            assert track.last_capture is not None
            latencies.append((time.monotonic() - track.last_capture[1]) * 1000)
        cpu = time.process_time() - cpu0
        wall = time.monotonic() - wall0
        track.stop()
    n = len(latencies)
    return {
        "frames": n,
        "fps": n / wall,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "cpu_ms": cpu * 1000 / max(n, 1),
        "cpu_pct": cpu / wall * 100,
    }


def start_pulse(top: Path) -> subprocess.Popen[bytes] | None:
    if not shutil.which("pulseaudio") or not shutil.which("pactl"):
        return None
    runtime = top / "runtime"
    runtime.mkdir(mode=0o700)
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    os.environ["PULSE_SERVER"] = f"unix:{runtime}/pulse/native"
    proc = subprocess.Popen(
        [
            "pulseaudio",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--disallow-exit",
            "-n",
            "--use-pid-file=no",
            "--load=module-native-protocol-unix",
            "--load=module-null-sink sink_name=fake_mic rate=48000 channels=1",
            "--load=module-null-sink sink_name=booth_spk rate=48000",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(150):
        if subprocess.run(["pactl", "info"], capture_output=True).returncode == 0:
            subprocess.run(["pactl", "set-default-sink", "booth_spk"], check=True)
            subprocess.run(["pactl", "set-default-source", "fake_mic.monitor"], check=True)
            import sounddevice as sd

            sd._terminate()
            sd._initialize()
            return proc
        time.sleep(0.1)
    proc.terminate()
    return None


def measure_audio(runs: int) -> list[dict[str, Any]]:
    from booth_hw.selftest import run_selftests

    settings = load_hardware_settings().replace(audio={"pulse_source": "booth_spk.monitor"})
    out: list[dict[str, Any]] = []
    for _ in range(runs):
        (result,) = run_selftests(settings, only="speaker")
        out.append({"status": result.status.value, **result.figures})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--audio-runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")

    rows = []
    with tempfile.TemporaryDirectory(prefix="parloir-bench-") as tmp:
        for w, h in [(640, 480), (1280, 720)]:
            clip = make_clip(Path(tmp) / f"clip{w}.avi", (w, h))
            for label, source in [("synthetic", "synthetic"), ("MJPG file", str(clip))]:
                settings = CameraSettings(source=source, width=w, height=h, fps=30.0)
                r = asyncio.run(measure_video(settings, args.seconds))
                rows.append((f"{w}x{h}", label, r))

        print("\nCapture to track (CameraVideoTrack.recv), 30 fps asked")
        print(
            f"{'size':<10} {'source':<10} {'frames':>6} {'fps':>6} {'p50 ms':>7} "
            f"{'p95 ms':>7} {'CPU ms/frame':>12} {'CPU %':>6}"
        )
        for size, label, r in rows:
            print(
                f"{size:<10} {label:<10} {r['frames']:>6.0f} {r['fps']:>6.1f} {r['p50']:>7.2f} "
                f"{r['p95']:>7.2f} {r['cpu_ms']:>12.2f} {r['cpu_pct']:>6.1f}"
            )

        pulse = start_pulse(Path(tmp))
        print("\nAudio round trip: speaker → PulseAudio null sink monitor → microphone")
        if pulse is None:
            print("  pulseaudio not available: skipped")
        else:
            try:
                results = measure_audio(args.audio_runs)
            finally:
                pulse.terminate()
                pulse.wait(10)
            print(
                f"{'run':<4} {'status':<7} {'found Hz':>9} {'error Hz':>9} "
                f"{'round trip ms':>13} {'output ms':>9}"
            )
            for i, a in enumerate(results, 1):
                print(
                    f"{i:<4} {a['status']!s:<7} {a.get('found_hz')!s:>9} "
                    f"{a.get('frequency_error_hz')!s:>9} {a.get('delay_ms')!s:>13} "
                    f"{a.get('output_latency_ms')!s:>9}"
                )
            delays = [float(a["delay_ms"]) for a in results if a.get("delay_ms") is not None]
            if delays:
                print(f"median round trip {statistics.median(delays):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
