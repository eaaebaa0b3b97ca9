"""End-to-end set-up: the real central server with its relay, the booth engine, a real Chromium.

`e2e_central`: `parloir central serve` in a subprocess (system clock), relay
on loopback only (`RELAY_LOOPBACK_ONLY=1`). `clocked_central`: the same app
in a thread of this process with a `ManualClock` the test moves (30-minute
limit, balance, 5-minute code, 60-second rejoin without waiting).
`Booth` runs the call engine in its own asyncio thread, like the kiosk.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.call_engine import CallEngine, CallEvent, CentralHttp, OutboxUsageSink
from parloir.clock import ManualClock
from tests.fixtures.central_server import CentralServer, seed_base, start_central_server
from tests.relay.harness import LoopThread, ServerThread, SyntheticBooth, wait_for

CODE_RE = re.compile(r"Code : (\d{6})")
LINK_RE = re.compile(r"/rejoindre\?c=([A-Za-z0-9-]+)")


@pytest.fixture(scope="session")
def e2e_central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    with start_central_server(tmp_path_factory.mktemp("e2e-central"),
                              env={"RELAY_LOOPBACK_ONLY": "1"}) as server:
        yield server


@dataclass
class ClockedCentral:
    server: CentralServer
    clock: ManualClock
    app: Any


@pytest.fixture
def clocked_central(tmp_path: Path, loopback_ice: None) -> Iterator[ClockedCentral]:
    from central.app import create_app
    from central.settings import CentralSettings, RelaySettings, ServerSettings

    clock = ManualClock(datetime.now(UTC).replace(microsecond=0))
    # Not recorded here (recording is checked against the real server): the relay, the
    # booth engine and the test share this process and its 2 cores.
    settings = CentralSettings(data_dir=tmp_path / "central",
                               server=ServerSettings(dev_mode=True, log_format="text"),
                               relay=RelaySettings(record=False))
    app = create_app(settings, clock)
    factory = app.state.sessionmaker
    est_id, booth_id, token = seed_base(factory)
    thread = ServerThread(app).start()
    server = CentralServer(url=thread.url, data_dir=settings.data_dir, db_url=settings.db_url,
                           booth_token=token, booth_id=booth_id, establishment_id=est_id,
                           process=None, log_path=tmp_path / "none.log",  # type: ignore[arg-type]
                           _factory=factory)
    try:
        yield ClockedCentral(server, clock, app)
    finally:
        thread.stop()


@dataclass
class World:
    detainee_id: int
    contact_id: int
    booking_id: int
    plan: str
    booth_token: str


def make_world(server: CentralServer, *, balance_cents: int = 2000, plan: str = "hors-forfait",
               status: str = "authorised", protected: bool = False) -> World:
    """A detainee with one contact and a booking now, on a booth of their own."""
    booth_id, token = server.create_booth()
    detainee = server.create_detainee(balance_cents=balance_cents, plan=plan)
    contact = server.create_contact(detainee, status=status, protected=protected)
    booking = server.create_booking(detainee, booth_id=booth_id)
    return World(detainee, contact, booking, plan, token)


def sms_for(server: CentralServer, call_id: str) -> tuple[str, str]:
    """(code, link query) of the newest SMS of a call, from the dev outbox."""
    messages = requests.get(f"{server.url}/dev/sms.json", timeout=10).json()["messages"]
    for m in messages:
        if m["call_id"] == call_id:
            code = CODE_RE.search(m["body"])
            link = LINK_RE.search(m["body"])
            assert code and link, m["body"]
            return code.group(1), f"?c={link.group(1)}"
    raise AssertionError(f"no SMS for call {call_id}")


@dataclass
class Booth:
    """The booth side: synthetic devices, the engine in its own loop, the local store."""

    server: CentralServer
    world: World
    store_path: Path
    loop: LoopThread = field(default_factory=LoopThread)
    devices: SyntheticBooth | None = None
    engine: CallEngine = field(init=False)
    events: list[CallEvent] = field(default_factory=list)

    def __post_init__(self) -> None:
        from sync.store import LocalStore

        self.store = LocalStore(self.store_path)
        self.devices = SyntheticBooth()
        video, audio = self.devices.tracks()
        sink = OutboxUsageSink(self.store, str(self.world.detainee_id), self.world.plan)

        def build() -> CallEngine:
            engine = CallEngine(CentralHttp(self.server.url, self.world.booth_token),
                                video_track=video, audio_track=audio, usage=sink)
            engine.add_listener(self.events.append)
            return engine

        self.engine = self.loop.call(build)

    def place(self) -> str:
        return self.loop.run(self.engine.place_call(self.world.booking_id, self.world.contact_id))

    def hangup(self) -> Any:
        return self.loop.run(self.engine.hangup())

    def wait_event(self, kind: str, timeout: float = 20, **match: Any) -> CallEvent:
        def find() -> CallEvent | None:
            for e in list(self.events):
                if e.type == kind and all(e.data.get(k) == v for k, v in match.items()):
                    return e
            return None
        return wait_for(find, timeout, f"booth event {kind} {match}")  # type: ignore[no-any-return]

    def push_usage(self) -> int:
        from sync.client import SyncClient
        from sync.settings import BoothSettings, CentralSection

        settings = BoothSettings(central=CentralSection(url=self.server.url,
                                                        token=self.world.booth_token))
        client = SyncClient(settings, self.store)
        try:
            return client.push_outbox()
        finally:
            client.close()

    def close(self) -> None:
        try:
            if self.engine.state.value != "ended":
                self.loop.run(self.engine.hangup(), 15)
        finally:
            self.loop.stop()
            if self.devices is not None:
                self.devices.stop()
            self.store.close()


@pytest.fixture
def booth_factory(tmp_path: Path) -> Iterator[Callable[[CentralServer, World], Booth]]:
    booths: list[Booth] = []

    def make(server: CentralServer, world: World) -> Booth:
        booth = Booth(server, world, tmp_path / f"booth{len(booths)}.sqlite3")
        booths.append(booth)
        return booth

    yield make
    for b in booths:
        b.close()
