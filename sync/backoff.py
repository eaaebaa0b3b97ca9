"""Exponential backoff with jitter, so a fleet of booths does not hammer central in step."""

from __future__ import annotations

import random


class Backoff:
    """Delay after the n-th failure in a row: uniform in [d/2, d], d = min(max, base * 2**(n-1)).

    "Equal jitter": never retries immediately, never waits longer than `max_s`,
    and spreads booths that failed together.
    """

    def __init__(self, base_s: float, max_s: float, rng: random.Random | None = None) -> None:
        if base_s <= 0 or max_s <= 0:
            raise ValueError("backoff delays must be positive")
        self.base_s = base_s
        self.max_s = max(max_s, base_s)
        self.failures = 0
        self._rng = rng or random.Random()

    def ceiling(self, failures: int) -> float:
        if failures <= 0:
            return 0.0
        exp = min(failures - 1, 62)
        return float(min(self.max_s, self.base_s * (2**exp)))

    def next_delay(self) -> float:
        """Count one more failure and return how long to wait before the next try."""
        self.failures += 1
        top = self.ceiling(self.failures)
        return self._rng.uniform(top / 2, top)

    def reset(self) -> None:
        self.failures = 0
