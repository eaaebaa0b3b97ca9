"""A small real recording shaped like the relay's (Matroska: booth video, relative video,
booth audio, relative audio; VP8 + Opus) for replay tests."""

from __future__ import annotations

import fractions
from pathlib import Path
from typing import Any

import av
import numpy as np

COLOURS = ((31, 95, 175), (30, 122, 76))  # booth blue, relative green
TONES = (440.0, 700.0)


def write_recording(path: Path, seconds: float = 2.0, fps: int = 15) -> int:
    """Write a playable .mkv with both sides; returns its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w", format="matroska") as out:
        videos: list[Any] = []
        for _ in COLOURS:
            v = out.add_stream("libvpx", rate=fps)
            v.width, v.height, v.pix_fmt = 320, 240, "yuv420p"
            videos.append(v)
        audios: list[Any] = []
        for _ in TONES:
            a = out.add_stream("libopus", rate=48000)
            a.layout = "stereo"
            audios.append(a)
        frames = int(seconds * fps)
        for i in range(frames):
            for stream, colour in zip(videos, COLOURS, strict=True):
                img = np.zeros((240, 320, 3), dtype=np.uint8)
                img[:, : (i * 320 // frames) + 1] = colour
                frame = av.VideoFrame.from_ndarray(img, format="rgb24")
                frame.pts = i
                frame.time_base = fractions.Fraction(1, fps)
                for packet in stream.encode(frame):
                    out.mux(packet)
        t = np.arange(int(seconds * 48000)) / 48000
        for stream, hz in zip(audios, TONES, strict=True):
            tone = (np.sin(2 * np.pi * hz * t) * 8000).astype(np.int16)
            for start in range(0, tone.size - 960 + 1, 960):
                chunk = np.repeat(tone[start:start + 960][None, :], 2, axis=0).T.reshape(1, -1)
                af = av.AudioFrame.from_ndarray(np.ascontiguousarray(chunk), format="s16",
                                                layout="stereo")
                af.sample_rate = 48000
                af.pts = start
                af.time_base = fractions.Fraction(1, 48000)
                for packet in stream.encode(af):
                    out.mux(packet)
        for stream in [*videos, *audios]:
            for packet in stream.encode():
                out.mux(packet)
    return path.stat().st_size
