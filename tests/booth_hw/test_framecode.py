from __future__ import annotations

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from booth_hw.framecode import (
    FRAME_BITS,
    TIME_BITS,
    TIME_ROW,
    age_ms,
    draw_code,
    draw_stamp,
    read_code,
    read_stamp,
    time_code,
)


def picture(w: int = 1280, h: int = 720) -> np.ndarray:
    rng = np.random.default_rng(7)
    return rng.integers(0, 255, (h, w, 3), dtype=np.uint8)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**FRAME_BITS - 1), st.integers(0, 2**TIME_BITS - 1))
def test_round_trip_any_value(frame_no: int, code: int) -> None:
    image = picture(640, 480)
    draw_code(image, frame_no)
    draw_code(image, code, row=TIME_ROW, bits=TIME_BITS)
    assert read_code(image) == frame_no
    assert read_code(image, row=TIME_ROW, bits=TIME_BITS) == code


@pytest.mark.parametrize("size", [(1920, 1080), (640, 360), (320, 180), (176, 99)])
@pytest.mark.parametrize("quality", [90, 30, 15])
def test_survives_scaling_and_jpeg(size: tuple[int, int], quality: int) -> None:
    image = picture()
    draw_stamp(image, 51234, 1_700_000_000.123)
    scaled = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    _ok, data = cv2.imencode(".jpg", scaled, [cv2.IMWRITE_JPEG_QUALITY, quality])
    decoded = cv2.imdecode(data, cv2.IMREAD_COLOR)
    assert decoded is not None
    stamp = read_stamp(decoded)
    assert stamp is not None
    assert stamp.frame_no == 51234
    assert stamp.time_code == time_code(1_700_000_000.123)


def test_reads_rgb_rgba_and_grey() -> None:
    image = picture(640, 480)
    draw_code(image, 777)
    assert read_code(cv2.cvtColor(image, cv2.COLOR_BGR2RGB)) == 777
    assert read_code(cv2.cvtColor(image, cv2.COLOR_BGR2RGBA)) == 777
    assert read_code(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)) == 777


def test_no_code_reads_as_none() -> None:
    assert read_code(picture()) is None
    assert read_code(np.full((720, 1280, 3), 128, np.uint8)) is None
    assert read_stamp(np.zeros((480, 640, 3), np.uint8)) is None


def test_a_flipped_bit_is_rejected() -> None:
    image = picture(640, 480)
    draw_code(image, 1234)
    # Invert data cell 5 (cell index 2 + 5): the CRC no longer matches.
    n = 2 + FRAME_BITS + 8
    x0, x1 = round(7 * 640 / n), round(8 * 640 / n)
    image[0:26, x0:x1] = 255 - image[0:26, x0:x1]
    assert read_code(image) is None


def test_age_wraps_around() -> None:
    now = 1_700_000_000.5
    assert age_ms(time_code(now - 0.25), now) == 250
    assert 0 <= age_ms(time_code()) < 1000
    assert age_ms(2**24 - 10, (2**24 + 30) / 1000) == 40
