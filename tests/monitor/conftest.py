"""Monitoring console tests: one real central server (subprocess, loopback relay) per module."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from tests.fixtures.central_server import CentralServer, start_central_server, unique

PASSWORD = "mot-de-passe-écoutes"
HEADER = {"X-Parloir-Console": "1"}


@pytest.fixture(scope="module")
def monitor_central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    # No background purge during the tests (test_retention calls it and checks its result).
    with start_central_server(tmp_path_factory.mktemp("monitor-central"),
                              env={"RELAY_LOOPBACK_ONLY": "1",
                                   "MONITOR_PURGE_FIRST_S": "86400"}) as server:
        yield server


@dataclass
class Console:
    """A logged-in console client (requests session holding the cookie)."""

    server: CentralServer
    http: requests.Session
    username: str
    staff_id: int

    def url(self, path: str) -> str:
        return f"{self.server.url}/api/v1/monitor{path}"

    def get(self, path: str, **kw: Any) -> requests.Response:
        return self.http.get(self.url(path), timeout=30, **kw)

    def post(self, path: str, **kw: Any) -> requests.Response:
        headers = {**HEADER, **kw.pop("headers", {})}
        return self.http.post(self.url(path), headers=headers, timeout=30, **kw)


def login(server: CentralServer, *, role: str = "monitor",
          establishment_id: int | None = None) -> Console:
    username = unique("ecoutes")
    staff_id = server.create_staff(role, password=PASSWORD, username=username,
                                   establishment_id=establishment_id)
    http = requests.Session()
    r = http.post(f"{server.url}/api/v1/monitor/login",
                  json={"username": username, "password": PASSWORD}, timeout=30)
    assert r.status_code == 200, r.text
    return Console(server, http, username, staff_id)


@pytest.fixture
def console(monitor_central: CentralServer) -> Iterator[Console]:
    c = login(monitor_central)
    yield c
    c.http.close()


def audit_entries(server: CentralServer, action: str) -> list[Any]:
    from sqlalchemy import select

    from central.db.models import AuditEntry

    with server.session() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == action)
                         .order_by(AuditEntry.seq)).all()
        s.expunge_all()
        return list(rows)
