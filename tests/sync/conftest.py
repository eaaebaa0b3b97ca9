"""Fixtures of the sync tests: a fault proxy in front of the real central server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.sync.faultproxy import FaultProxy


@pytest.fixture
def central_proxy(central_server: Any) -> Iterator[FaultProxy]:
    parts = urlsplit(central_server.url)
    with FaultProxy((str(parts.hostname), int(parts.port or 80))) as proxy:
        yield proxy
