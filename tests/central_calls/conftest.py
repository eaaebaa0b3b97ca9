"""A real central server on 127.0.0.1 for central-calls tests, with a clock the test drives.

uvicorn runs in a thread of the test process so the test can move the
server's `ManualClock` (5-minute codes, 60-second rejoin, rate-limit
windows) without sleeping. The HTTP path is the real one (sockets, FastAPI,
SQLite file). `parloir admin` is also run in a subprocess in test_admin_cli.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy.orm import Session, sessionmaker

from parloir.clock import ManualClock
from tests.fixtures.tools import free_port

START = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)  # 10:00 in Paris, a Thursday


@dataclass
class World:
    """Ids of the seeded people, by role in the tests."""

    est_id: int = 0
    booth_id: int = 0
    booth_token: str = ""
    other_booth_token: str = ""
    detainee_id: int = 0
    poor_detainee_id: int = 0
    suspended_detainee_id: int = 0
    contacts: dict[str, int] = field(default_factory=dict)
    bookings: dict[str, int] = field(default_factory=dict)


@dataclass
class CallsServer:
    url: str
    data_dir: Path
    db_url: str
    clock: ManualClock
    app: Any
    factory: sessionmaker[Session]
    world: World

    @contextmanager
    def session(self) -> Iterator[Session]:
        s = self.factory()
        try:
            yield s
            s.commit()
        finally:
            s.close()

    def booth(self, token: str | None = None) -> requests.Session:
        http = requests.Session()
        http.headers["Authorization"] = f"Bearer {token or self.world.booth_token}"
        return http

    def post_call(self, booking: str, contact: str, token: str | None = None) -> requests.Response:
        return self.booth(token).post(
            f"{self.url}/api/v1/calls",
            json={
                "booking_id": self.world.bookings[booking],
                "contact_id": self.world.contacts[contact],
            },
            timeout=10,
        )

    def sms(self) -> list[dict[str, Any]]:
        r = requests.get(f"{self.url}/dev/sms.json", timeout=10)
        r.raise_for_status()
        return list(r.json()["messages"])

    def code_for(self, call_id: str) -> str:
        """The code, read where a relative reads it: the SMS (dev outbox)."""
        import re

        for m in self.sms():
            if m["call_id"] == call_id:
                found = re.search(r"Code : (\d{6})", m["body"])
                assert found, m["body"]
                return found.group(1)
        raise AssertionError(f"no SMS for call {call_id}")

    def join(self, code: str, call_id: str | None = None) -> requests.Response:
        body: dict[str, Any] = {"code": code}
        if call_id is not None:
            body["call_id"] = call_id
        return requests.post(f"{self.url}/api/v1/join/code", json=body, timeout=10)


def seed(factory: sessionmaker[Session], now: datetime) -> World:
    from central.admin import ops
    from central.db.models import Booking, Contact, Detainee

    w = World()
    with factory() as s:
        est = ops.create_establishment(s, actor="test", now=now, name="Centre de test")
        est.opening_hours = {d: ["08:00-20:00"] for d in ops.WEEKDAYS}
        booth, w.booth_token = ops.create_booth(
            s, actor="test", now=now, establishment_id=est.id, name="Cabine 1"
        )
        _other, w.other_booth_token = ops.create_booth(
            s, actor="test", now=now, establishment_id=est.id, name="Cabine 2"
        )
        w.est_id, w.booth_id = est.id, booth.id

        def detainee(ecrou: str, first: str, balance: int, plan: str) -> Detainee:
            d = Detainee(
                establishment_id=est.id,
                ecrou=ecrou,
                first_name=first,
                last_name="Test",
                access_status="granted",
                balance_cents=balance,
                plan=plan,
                created_at=now,
            )
            s.add(d)
            s.flush()
            return d

        karim = detainee("1001", "Karim", 2000, "hors-forfait")
        poor = detainee("1002", "Paul", 30, "hors-forfait")
        susp = detainee("1003", "Sami", 5000, "50")
        susp.access_status = "suspended"
        susp.access_suspended_until = now + timedelta(days=3)
        w.detainee_id, w.poor_detainee_id, w.suspended_detainee_id = karim.id, poor.id, susp.id

        def contact(
            key: str, det: Detainee, phone: str, status: str = "authorised", protected: bool = False
        ) -> None:
            c = Contact(
                detainee_id=det.id,
                establishment_id=est.id,
                phone_e164=phone,
                name=key,
                status=status,
                protected=protected,
                created_at=now,
            )
            if status == "suspended":
                c.suspended_until = now + timedelta(days=7)
            s.add(c)
            s.flush()
            w.contacts[key] = c.id

        contact("leila", karim, "+33612345601")
        contact("lawyer", karim, "+33612345602", protected=True)
        contact("suspended", karim, "+33612345603", status="suspended")
        contact("withdrawn", karim, "+33612345604", status="withdrawn")
        contact("mother", karim, "+33612345605")
        contact("paul_wife", poor, "+33612345606")
        contact("sami_wife", susp, "+33612345607")

        def booking(key: str, det: Detainee, start: datetime, booth_id: int = booth.id) -> None:
            b = Booking(
                establishment_id=est.id,
                booth_id=booth_id,
                detainee_id=det.id,
                starts_at=start,
                ends_at=start + timedelta(minutes=30),
                status="active",
                created_at=now,
            )
            s.add(b)
            s.flush()
            w.bookings[key] = b.id

        booking("karim_now", karim, now - timedelta(minutes=5))
        booking("karim_later", karim, now + timedelta(hours=2))
        booking("paul_now", poor, now - timedelta(minutes=5), booth_id=_other.id)
        booking("sami_now", susp, now - timedelta(minutes=10))
        s.commit()
    return w


# Only the routers these tests exercise: other parts' routers (relay, web pages) are
# built at the same time in the shared tree and must not break these tests.
OUR_ROUTERS = ("central.api.booth", "central.api.calls", "central.api.join_code", "central.api.dev")


@contextmanager
def run_server(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    dev_mode: bool = True,
    sms: Any = None,
    db_url: str = "",
) -> Iterator[CallsServer]:
    import uvicorn

    import central.app
    from central.app import create_app
    from central.settings import CentralSettings, DatabaseSettings, ServerSettings, SmsSettings

    monkeypatch.setattr(central.app, "ROUTER_MODULES", OUR_ROUTERS)
    clock = ManualClock(START)
    port = free_port()
    settings = CentralSettings(
        data_dir=tmp_path / "central",
        server=ServerSettings(port=port, dev_mode=dev_mode, public_url=f"http://127.0.0.1:{port}"),
        sms=sms or SmsSettings(),
        database=DatabaseSettings(url=db_url),
    )
    app = create_app(settings, clock)
    world = seed(app.state.sessionmaker, clock.now())
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("central server did not start")
        time.sleep(0.02)
    try:
        yield CallsServer(
            url=f"http://127.0.0.1:{port}",
            data_dir=settings.data_dir,
            db_url=settings.db_url,
            clock=clock,
            app=app,
            factory=app.state.sessionmaker,
            world=world,
        )
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def calls_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CallsServer]:
    with run_server(tmp_path, monkeypatch) as srv:
        yield srv
