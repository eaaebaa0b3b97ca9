"""Machine-readable stamps drawn into video frames (frame number, capture time).

Why: WebRTC stats give no per-frame identity, so the synthetic camera writes
its frame number and capture time into the picture as big black/white blocks
that survive scaling and VP8/H.264 compression. Tests and benchmarks read
them back on the far side (frames decoded by aiortc, browser screenshots) to
check order, loss and glass-to-glass latency.

Geometry (all relative to the frame, so any scaling works):

- The frame is cut into `BANDS` (18) horizontal bands of equal height; code
  row `r` is band `r` counted from the top: y in [r*H/18, (r+1)*H/18).
- A row spans the full width and is cut into `n = 2 + bits + 8` equal cells:
  cell 0 is white and cell 1 black (reference levels), then `bits` data cells
  (most significant bit first, white = 1), then 8 cells of CRC-8 (polynomial
  0x07) over the data bits, MSB first.
- Row 0: frame number, 16 bits (wraps at 65536). Row 1: capture time in
  milliseconds of the Unix epoch modulo 2**24 (wraps every ~4.7 h), 24 bits.
- The reader averages the middle half of each cell and thresholds halfway
  between the two reference cells; it returns None when contrast is too low
  or the CRC does not match (a frame without a code, or a damaged one).

A cropped or letterboxed picture must be cropped back to the video area
before reading (e.g. the <video> element's box in a browser screenshot).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

BANDS = 18
CRC_BITS = 8
FRAME_ROW = 0
FRAME_BITS = 16
TIME_ROW = 1
TIME_BITS = 24
TIME_MODULO = 1 << TIME_BITS
MIN_CONTRAST = 60.0

Image = npt.NDArray[Any]


def _crc8(bits: list[int]) -> int:
    crc = 0
    for bit in bits:
        top = ((crc >> 7) & 1) ^ bit
        crc = (crc << 1) & 0xFF
        if top:
            crc ^= 0x07
    return crc


def _to_bits(value: int, width: int) -> list[int]:
    return [(value >> (width - 1 - i)) & 1 for i in range(width)]


def _cells(bits: int) -> int:
    return 2 + bits + CRC_BITS


def _band(height: int, row: int) -> tuple[int, int]:
    return round(row * height / BANDS), round((row + 1) * height / BANDS)


def draw_code(
    frame_bgr: Image, value: int, *, row: int = FRAME_ROW, bits: int = FRAME_BITS
) -> None:
    """Draw `value` (modulo 2**bits) into code row `row` of the frame, in place."""
    if frame_bgr.ndim != 3 or frame_bgr.shape[2] != 3:
        raise ValueError("draw_code needs an HxWx3 picture")
    height, width = frame_bgr.shape[:2]
    data = _to_bits(value % (1 << bits), bits)
    pattern = [1, 0, *data, *_to_bits(_crc8(data), CRC_BITS)]
    n = len(pattern)
    y0, y1 = _band(height, row)
    for i, bit in enumerate(pattern):
        x0, x1 = round(i * width / n), round((i + 1) * width / n)
        frame_bgr[y0:y1, x0:x1] = 255 if bit else 0


def _luma(frame: npt.NDArray[Any]) -> npt.NDArray[Any]:
    if frame.ndim == 2:
        return np.asarray(frame, dtype=np.float32)
    if frame.ndim == 3 and frame.shape[2] in (3, 4):
        grey: npt.NDArray[Any] = np.asarray(frame[:, :, :3], dtype=np.float32).mean(axis=2)
        return grey
    raise ValueError("read_code needs an HxW or HxWx3 picture")


def read_code(
    frame: npt.NDArray[Any], *, row: int = FRAME_ROW, bits: int = FRAME_BITS
) -> int | None:
    """The value in code row `row`, or None if there is no valid code there.

    Accepts BGR, RGB, RGBA or grey pictures of any size (uint8)."""
    height, width = frame.shape[:2]
    y0, y1 = _band(height, row)
    if y1 - y0 < 2 or width < _cells(bits) * 2:
        return None
    band = frame[y0:y1]
    # Middle half of the band's height.
    h = y1 - y0
    band = band[h // 4 : max(h // 4 + 1, (3 * h) // 4)]
    luma = _luma(band).mean(axis=0)  # one value per column
    n = _cells(bits)
    levels = []
    for i in range(n):
        x0, x1 = i * width / n, (i + 1) * width / n
        a, b = int(x0 + (x1 - x0) / 4), int(x1 - (x1 - x0) / 4)
        levels.append(float(luma[a : max(b, a + 1)].mean()))
    white, black = levels[0], levels[1]
    if white - black < MIN_CONTRAST:
        return None
    threshold = (white + black) / 2
    pattern = [1 if v > threshold else 0 for v in levels[2:]]
    data, check = pattern[:bits], pattern[bits:]
    if _crc8(data) != sum(b << (CRC_BITS - 1 - i) for i, b in enumerate(check)):
        return None
    return sum(b << (bits - 1 - i) for i, b in enumerate(data))


def time_code(t: float | None = None) -> int:
    """Unix time `t` (seconds; default now) as the 24-bit millisecond code."""
    return int((time.time() if t is None else t) * 1000) % TIME_MODULO


def age_ms(code: int, now: float | None = None) -> int:
    """Milliseconds between the time code `code` and `now` (same clock, modulo wrap)."""
    return (time_code(now) - code) % TIME_MODULO


@dataclass(frozen=True)
class Stamp:
    frame_no: int
    time_code: int | None

    def age_ms(self, now: float | None = None) -> int | None:
        return None if self.time_code is None else age_ms(self.time_code, now)


def draw_stamp(frame_bgr: Image, frame_no: int, capture_time: float, *, text: bool = True) -> None:
    """Frame number (row 0), time code (row 1) and a human-readable line under them."""
    draw_code(frame_bgr, frame_no, row=FRAME_ROW, bits=FRAME_BITS)
    draw_code(frame_bgr, time_code(capture_time), row=TIME_ROW, bits=TIME_BITS)
    if not text:
        return
    height, width = frame_bgr.shape[:2]
    when = datetime.fromtimestamp(capture_time, UTC).strftime("%H:%M:%S.%f")[:-3]
    label = f"#{frame_no:06d}  {when} UTC"
    scale = max(0.4, height / 720 * 1.1)
    thick = max(1, round(scale * 2))
    y = _band(height, TIME_ROW + 1)[1] + round(height / 30)
    (tw, th), _ = cv2.getTextSize(label, cv2.FONT_HERSHEY_SIMPLEX, scale, thick)
    x = max(4, (width - tw) // 2)
    cv2.rectangle(frame_bgr, (x - 6, y - th - 6), (x + tw + 6, y + 8), (0, 0, 0), -1)
    cv2.putText(
        frame_bgr,
        label,
        (x, y),
        cv2.FONT_HERSHEY_SIMPLEX,
        scale,
        (255, 255, 255),
        thick,
        cv2.LINE_AA,
    )


def read_stamp(frame: npt.NDArray[Any]) -> Stamp | None:
    """Frame number and time code, or None if the frame number cannot be read."""
    number = read_code(frame, row=FRAME_ROW, bits=FRAME_BITS)
    if number is None:
        return None
    return Stamp(number, read_code(frame, row=TIME_ROW, bits=TIME_BITS))
