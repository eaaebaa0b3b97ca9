"""Generates the booth's soft chimes (run once: `python assets/sounds/generate.py`).

Bell-like tones: a few harmonics with an exponential decay and a short
fade-in, quiet (peak -12 dBFS), 48 kHz 16-bit mono WAV.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

RATE = 48000
HERE = Path(__file__).resolve().parent


def bell(freq: float, dur: float, decay: float = 3.0) -> np.ndarray:
    t = np.arange(int(RATE * dur)) / RATE
    tone = (
        np.sin(2 * np.pi * freq * t)
        + 0.45 * np.sin(2 * np.pi * freq * 2.0 * t)
        + 0.2 * np.sin(2 * np.pi * freq * 3.01 * t)
    )
    env = np.exp(-decay * t) * np.minimum(1.0, t / 0.01)
    return tone * env


def chime(notes: list[tuple[float, float]], gap: float = 0.28) -> np.ndarray:
    total = int(RATE * (gap * len(notes) + 1.6))
    out = np.zeros(total)
    for i, (freq, dur) in enumerate(notes):
        part = bell(freq, dur)
        start = int(RATE * gap * i)
        out[start : start + len(part)] += part[: total - start]
    return out


def write(name: str, samples: np.ndarray, peak_db: float = -12.0) -> None:
    samples = samples / max(1e-9, float(np.max(np.abs(samples))))
    samples *= 10 ** (peak_db / 20)
    data = (samples * 32767).astype("<i2")
    with wave.open(str(HERE / f"{name}.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(data.tobytes())


def main() -> None:
    write("joined", chime([(659.25, 1.2), (880.0, 1.4)]))  # E5 A5, rising: welcome
    write("warning", chime([(784.0, 1.4), (659.25, 1.4)]))  # G5 E5: 5 minutes left
    write("urgent", chime([(784.0, 1.0), (659.25, 1.0), (523.25, 1.4)]))  # 1 minute left
    write("ended", chime([(659.25, 1.2), (523.25, 1.6)]))  # falling: goodbye
    t = np.arange(RATE * 2) / RATE
    write("test", np.sin(2 * np.pi * 1000 * t) * np.minimum(1, np.minimum(t, 2 - t) / 0.02))


if __name__ == "__main__":
    main()
