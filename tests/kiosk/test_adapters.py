"""The kiosk's adapters over the real parts: sync store and client against a real central."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kiosk.adapters import CentralAdapter, JsonState, StoreAdapter, load_hardware
from kiosk.services import CentralDown, Refused, StaffRole
from parloir.clock import SystemClock
from sync.client import SyncClient
from sync.store import LocalStore
from tests.fixtures.central_server import CentralServer, unique
from tests.fixtures.tools import free_port
from tests.sync.central_helpers import booth_settings


@pytest.fixture
def booth(central_server: CentralServer, tmp_path: Path) -> Any:
    """A fresh booth on the shared central, with its own store and sync client."""
    booth_id, token = central_server.create_booth(unique("Cabine K"))
    settings = booth_settings(central_server.url, token, tmp_path / "booth")
    store = LocalStore(settings.db_path)
    client = SyncClient(settings, store)
    state = JsonState(tmp_path / "kiosk" / "kiosk.json")
    clock = SystemClock()
    sa = StoreAdapter(store, state, "Cabine test", clock)
    ca = CentralAdapter(client, sa)

    class Booth:
        pass

    b = Booth()
    b.id, b.token, b.store, b.client, b.sa, b.ca, b.settings = (
        booth_id,
        token,
        store,
        client,
        sa,
        ca,
        settings,
    )
    yield b
    client.close()
    store.close()


def test_store_adapter_after_a_real_sync(central_server: CentralServer, booth: Any) -> None:
    s = central_server
    pin_guard = "48" + unique("")[-4:]
    guard = s.create_staff("guard", pin=pin_guard)
    d = s.create_detainee(pin="2468", balance_cents=1250, plan="50", ecrou=unique("K"))
    ok = s.create_contact(d, name="Nadia", phone="+33612345612")
    s.create_contact(d, name="Yanis", status="suspended")
    b = s.create_booking(d, booth_id=booth.id)
    booth.client.sync_once()

    member = booth.sa.verify_staff_pin(pin_guard)
    assert member is not None and member.role == StaffRole.GUARD and member.id == str(guard)
    assert booth.sa.verify_staff_pin("0001") is None
    assert booth.sa.booth_name().startswith("Cabine K")
    now = datetime.now(UTC)
    now_bookings = booth.sa.bookings_now(now)
    assert [x.id for x in now_bookings] == [str(b)]
    assert now_bookings[0].detainee_name
    assert booth.sa.upcoming_bookings(now, 4)[0].id == str(b)
    assert booth.sa.verify_detainee_pin(str(d), "2468")
    assert not booth.sa.verify_detainee_pin(str(d), "1111")
    f = booth.sa.detainee_file(str(d), str(b), now)
    assert f.detainee.balance_cents == 1250 and f.detainee.plan == "50"
    assert not f.detainee.consent_given
    statuses = {c.name: c.status for c in f.contacts}
    assert statuses == {"Nadia": "ok", "Yanis": "suspended"}
    nadia = next(c for c in f.contacts if c.id == str(ok))
    assert nadia.masked_number.endswith("12") and "345" not in nadia.masked_number
    q = f.quote
    assert q is not None and q.refusal_code is None
    assert q.per_minute_cents == 27 and q.connection_fee_cents == 0
    assert 0 < q.allowed_seconds <= 29 * 60 + 1  # the booking started a minute ago
    booth.sa.record_consent(str(d), now)
    assert booth.sa.detainee_file(str(d), None, now).detainee.consent_given
    assert booth.store.queue_length() >= 1  # the consent's audit event waits in the outbox
    found = booth.sa.find_detainee(booth.sa.detainee_file(str(d), None, now).detainee.number)
    assert found is not None and found.id == str(d)


def test_quote_refuses_a_low_balance(central_server: CentralServer, booth: Any) -> None:
    s = central_server
    d = s.create_detainee(balance_cents=30, plan="hors-forfait")
    b = s.create_booking(d, booth_id=booth.id, starts_at=_future(3))
    booth.client.sync_once()
    now = datetime.now(UTC)
    f = booth.sa.detainee_file(str(d), str(b), now)
    assert f.quote is not None and f.quote.refusal_code == "balance_too_low"
    assert f.quote.connection_fee_cents == 14 and f.quote.per_minute_cents == 30


def _future(days: int, hour: int = 10) -> datetime:
    paris = ZoneInfo("Europe/Paris")
    day = datetime.now(paris).date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=paris).astimezone(UTC)


def test_central_adapter_book_refuse_cancel(central_server: CentralServer, booth: Any) -> None:
    s = central_server
    d = s.create_detainee(balance_cents=5000)
    c = s.create_contact(d)
    booth.client.sync_once()
    assert booth.ca.status().reachable
    day = _future(2).astimezone(ZoneInfo("Europe/Paris")).date()
    slots = booth.ca.free_slots(str(d), day)
    assert slots, "the demo establishment is open 08:00-20:00"
    start = slots[3].start
    booked = booth.ca.book(str(d), str(c), start)
    assert booked.start == start and booked.contact_id == str(c)
    # the kiosk remembers whom this booking is for
    now = datetime.now(UTC)
    mine = booth.sa.detainee_file(str(d), None, now).bookings
    assert any(b.id == booked.id and b.contact_id == str(c) for b in mine)
    with pytest.raises(Refused) as refused:
        booth.ca.book(str(d), str(c), start)
    assert refused.value.code in ("slot_taken", "detainee_overlap")
    assert refused.value.message  # French, from central
    booth.ca.cancel(str(d), booked.id)
    assert start in [x.start for x in booth.ca.free_slots(str(d), day)]


def test_central_adapter_offline(tmp_path: Path) -> None:
    settings = booth_settings(f"http://127.0.0.1:{free_port()}", "t", tmp_path / "b", timeout_s=1)
    store = LocalStore(settings.db_path)
    client = SyncClient(settings, store)
    try:
        sa = StoreAdapter(store, JsonState(tmp_path / "k.json"), "Cabine", SystemClock())
        ca = CentralAdapter(client, sa)
        with pytest.raises(CentralDown) as down:
            ca.free_slots("1", datetime.now(UTC).date())
        assert "central" in down.value.message.lower() or down.value.message
        assert not ca.status().reachable
    finally:
        client.close()
        store.close()


def test_hardware_settings_from_the_shared_file(tmp_path: Path) -> None:
    cfg = tmp_path / "booth.toml"
    cfg.write_text(
        '[central]\nurl = "http://127.0.0.1:8400"\ntoken = "secret"\n'
        '[camera]\nsource = "synthetic"\n[kiosk]\ninactivity_s = 60\n',
        encoding="utf-8",
    )
    hw = load_hardware(cfg)
    assert hw.camera.source == "synthetic"
    assert hw.central.url == "http://127.0.0.1:8400"


def test_installer_template_loads_in_every_part() -> None:
    root = Path(__file__).resolve().parents[2]
    cfg = root / "installer" / "booth.example.toml"
    from kiosk.settings import load_kiosk_settings
    from sync.settings import load_booth_settings

    assert load_kiosk_settings(cfg).kiosk.inactivity_s == 120
    assert load_booth_settings(cfg).booth.name == "Cabine 1"
    assert load_hardware(cfg).camera.source == "0"


def test_crash_left_calls_are_closed_at_start(tmp_path: Path) -> None:
    from kiosk.adapters import recover_calls
    from parloir.clock import ManualClock
    from sync import outbox

    store = LocalStore(tmp_path / "booth.sqlite3")
    clock = ManualClock(datetime(2026, 11, 26, 13, 0, tzinfo=UTC))
    try:
        outbox.start_call_checkpoint(
            store, call_id="call-9", detainee_id="4", plan="50", started_at=clock.now()
        )
        outbox.checkpoint(store, "call-9", connected_seconds=95, at=clock.now(),
                          connected_at=clock.now())  # fmt: skip
        assert outbox.open_calls(store) == ["call-9"]
        clock.advance(600)
        lock = recover_calls(store, clock)
        assert lock is not None
        assert outbox.open_calls(store) == []
        # a second kiosk on the same booth does not get the lock, and recovers nothing
        assert recover_calls(store, clock) is None
        lock.release()
        assert recover_calls(store, clock) is not None
    finally:
        store.close()


def test_technician_selftests_reach_central(
    central_server: CentralServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A self-test run at the booth is queued in the outbox and pushed to central at once."""
    import time

    import booth_hw.selftest as selftest
    from booth_hw.selftest import SelfTestResult, Status
    from central.db.models import SelfTestReport
    from kiosk.adapters import build_real_services
    from kiosk.settings import load_kiosk_settings

    booth_id, token = central_server.create_booth(unique("Cabine S"))
    cfg = tmp_path / "booth.toml"
    cfg.write_text(
        f'[booth]\nname = "Cabine S"\ndata_dir = "{tmp_path / "booth"}"\n'
        f'[central]\nurl = "{central_server.url}"\ntoken = "{token}"\n'
        '[sync]\ninterval_s = 600.0\n'  # only a wake-up can send it in time
        '[camera]\nsource = "synthetic"\nwidth = 320\nheight = 240\n'
        '[audio]\ninput_device = "synthetic"\noutput_device = "synthetic"\n'
        f'[kiosk]\nstate_dir = "{tmp_path / "kiosk"}"\nwatchdog = false\n',
        encoding="utf-8",
    )
    canned = [
        SelfTestResult("camera", Status.OK, "Caméra : image nette."),
        SelfTestResult("microphone", Status.FAIL, "Micro muet."),
    ]
    monkeypatch.setattr(selftest, "run_selftests", lambda *a, **k: canned)
    services = build_real_services(cfg, load_kiosk_settings(cfg).kiosk, SystemClock())
    try:
        time.sleep(1.0)  # the client's first round (it wakes on start)
        items = services.hardware.run_selftests()
        assert [(i.name, i.ok) for i in items] == [("camera", True), ("microphone", False)]
        deadline = time.monotonic() + 20
        reports: list[Any] = []
        while time.monotonic() < deadline and not reports:
            with central_server.session() as s:
                reports = s.query(SelfTestReport).filter_by(booth_id=booth_id).all()
            time.sleep(0.2)
        assert len(reports) == 1
        assert reports[0].ok is False
        assert [r["name"] for r in reports[0].results] == ["camera", "microphone"]
    finally:
        services.close()
