"""Exponential backoff with jitter: bounded, growing, spread, reset by a success."""

from __future__ import annotations

import random

import pytest

from sync.backoff import Backoff


def test_delays_grow_then_cap_with_jitter() -> None:
    b = Backoff(1.0, 30.0, random.Random(7))
    delays = [b.next_delay() for _ in range(10)]
    ceilings = [1, 2, 4, 8, 16, 30, 30, 30, 30, 30]
    for d, top in zip(delays, ceilings, strict=True):
        assert top / 2 <= d <= top
    assert len({round(d, 6) for d in delays[5:]}) > 1  # jitter: not all booths in step
    b.reset()
    assert b.next_delay() <= 1.0


def test_many_booths_spread_out() -> None:
    firsts = [Backoff(1.0, 300.0, random.Random(i)) for i in range(50)]
    for b in firsts:
        for _ in range(4):
            b.next_delay()
    fifth = sorted(b.next_delay() for b in firsts)
    assert fifth[0] >= 8 and fifth[-1] <= 16 and fifth[-1] - fifth[0] > 4


def test_huge_failure_counts_do_not_overflow() -> None:
    b = Backoff(0.5, 60.0)
    b.failures = 10_000
    assert 30.0 <= b.next_delay() <= 60.0


def test_bad_parameters() -> None:
    with pytest.raises(ValueError):
        Backoff(0, 10)
