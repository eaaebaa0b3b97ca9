"""A small real recording (Matroska, VP8 + Opus, like the relay's) for replay tests."""

from __future__ import annotations

import fractions
from pathlib import Path

import av
import numpy as np


def write_recording(path: Path, seconds: float = 2.0, fps: int = 15) -> int:
    """Write a playable .mkv (VP8 320x240 + Opus 48 kHz); returns its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w", format="matroska") as out:
        video = out.add_stream("libvpx", rate=fps)
        video.width, video.height, video.pix_fmt = 320, 240, "yuv420p"
        audio = out.add_stream("libopus", rate=48000)
        audio.layout = "stereo"
        frames = int(seconds * fps)
        for i in range(frames):
            img = np.zeros((240, 320, 3), dtype=np.uint8)
            img[:, : (i * 320 // frames) + 1] = (31, 95, 175)
            frame = av.VideoFrame.from_ndarray(img, format="rgb24")
            frame.pts = i
            frame.time_base = fractions.Fraction(1, fps)
            for packet in video.encode(frame):
                out.mux(packet)
        t = np.arange(int(seconds * 48000)) / 48000
        tone = (np.sin(2 * np.pi * 440 * t) * 8000).astype(np.int16)
        for start in range(0, tone.size - 960 + 1, 960):
            chunk = np.repeat(tone[start:start + 960][None, :], 2, axis=0).T.reshape(1, -1)
            af = av.AudioFrame.from_ndarray(np.ascontiguousarray(chunk), format="s16",
                                            layout="stereo")
            af.sample_rate = 48000
            af.pts = start
            af.time_base = fractions.Fraction(1, 48000)
            for packet in audio.encode(af):
                out.mux(packet)
        for packet in video.encode():
            out.mux(packet)
        for packet in audio.encode():
            out.mux(packet)
    return path.stat().st_size
