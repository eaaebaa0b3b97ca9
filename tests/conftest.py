"""Shared test set-up. Fixture families live in tests/fixtures/ (one module each)."""

from __future__ import annotations

import os
import shutil

import pytest

pytest_plugins = [
    "tests.fixtures.tools",
    "tests.fixtures.central_server",
    "tests.fixtures.pulse",
    "tests.fixtures.browser",
    "tests.fixtures.qt",
]

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need_tool(name: str) -> str:
    """Path of a system tool; outside CI a missing tool skips, under CI=true it fails."""
    path = shutil.which(name)
    if path:
        return path
    message = f"system tool {name!r} is missing (install it with scripts/setup.sh)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)
