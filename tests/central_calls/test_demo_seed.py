"""The demo seed: DESIGN.md §6 data, idempotent, and a call can start right away."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from central.db.models import Booking, Booth, Contact, Detainee, Establishment, Staff
from central.services.demo_seed import DemoInfo, seed_demo
from parloir.clock import ManualClock
from tests.central_calls.conftest import CallsServer, run_server


def _count(srv: CallsServer, model: type) -> int:
    with srv.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _seed(srv: CallsServer, clock: ManualClock | None = None) -> DemoInfo:
    with srv.session() as s:
        return seed_demo(s, clock or srv.clock)


def test_seed_contents_and_idempotence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with run_server(tmp_path, monkeypatch) as srv:
        info = _seed(srv)
        assert info.created and info.establishment == "Centre pénitentiaire de Démo"
        assert [b.name for b in info.booths] == ["Cabine 1", "Cabine 2"]
        counts = {
            m: _count(srv, m) for m in (Establishment, Booth, Detainee, Contact, Staff, Booking)
        }
        again = _seed(srv)
        assert not again.created
        assert {m: _count(srv, m) for m in counts} == counts
        assert again.booths == info.booths

        with srv.session() as s:
            est = s.get(Establishment, info.establishment_id)
            assert est is not None and est.timezone == "Europe/Paris"
            assert est.opening_hours == {
                d: ["08:00-20:00"] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            }
            dets = s.scalars(
                select(Detainee).where(Detainee.establishment_id == est.id).order_by(Detainee.ecrou)
            ).all()
            assert len(dets) == 3
            assert sorted(d.plan for d in dets) == sorted(["hors-forfait", "50", "20"])
            balances = {d.first_name: d.balance_cents for d in dets}
            assert balances == {"Karim": 2000, "Jean": 5000, "Paul": 60}  # credited once
            assert all(d.pin_hash and d.pin_hash.startswith("$argon2") for d in dets)
            contacts = s.scalars(select(Contact).where(Contact.establishment_id == est.id)).all()
            statuses = sorted(c.status for c in contacts)
            assert statuses.count("suspended") == 1 and statuses.count("withdrawn") == 1
            assert sum(c.protected for c in contacts) == 1
            assert all(c.phone_e164.startswith("+336") for c in contacts)
            roles = {st.role for st in s.scalars(select(Staff))}
            assert {"guard", "technician"} <= roles
        text = info.text("http://127.0.0.1:8400")
        for needle in (
            "PIN 2580",
            "PIN 2468",
            "PIN 1357",
            "http://127.0.0.1:8400/rejoindre",
            "http://127.0.0.1:8400/dev/sms",
            "Cabine 1",
            "protégé",
            "suspendu",
            "retiré",
            "hors forfait",
            "forfait 50 €",
            "0,60",
        ):
            assert needle in text, needle


def test_demo_call_starts_right_away_and_low_balance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with run_server(tmp_path, monkeypatch) as srv:
        info = _seed(srv)
        karim = next(d for d in info.detainees if d.first_name == "Karim")
        leila = next(c for c in karim.contacts if c.status == "authorised" and not c.protected)
        booking_id = karim.bookings[0][0]
        r = srv.booth(info.kiosk_booth.token).post(
            f"{srv.url}/api/v1/calls",
            json={"booking_id": booking_id, "contact_id": leila.contact_id},
            timeout=10,
        )
        assert r.status_code == 201, r.text
        assert "Karim vous appelle" in srv.sms()[0]["body"]
        suspended = next(c for c in karim.contacts if c.status == "suspended")
        srv.booth(info.kiosk_booth.token).post(
            f"{srv.url}/api/v1/calls/{r.json()['call_id']}/end", json={"reason": "test"}, timeout=10
        )
        refused = srv.booth(info.kiosk_booth.token).post(
            f"{srv.url}/api/v1/calls",
            json={"booking_id": booking_id, "contact_id": suspended.contact_id},
            timeout=10,
        )
        assert refused.json()["error"]["code"] == "contact_suspended"


@pytest.mark.parametrize(
    ("now", "karim_slots", "paul_start"),
    [
        # 10:00 Paris: slot 10:00-10:30 in progress, Paul at 10:30
        (datetime(2026, 11, 26, 9, 0, tzinfo=UTC), 1, "10:30"),
        # 23:55 Paris (closed, 5 min left): Karim 23:30 and 00:00, Paul at 00:30
        (datetime(2026, 11, 26, 22, 55, tzinfo=UTC), 2, "00:30"),
    ],
)
def test_bookings_around_now(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    now: datetime,
    karim_slots: int,
    paul_start: str,
) -> None:
    from zoneinfo import ZoneInfo

    with run_server(tmp_path, monkeypatch) as srv:
        info = _seed(srv, ManualClock(now))
        karim = next(d for d in info.detainees if d.first_name == "Karim")
        paul = next(d for d in info.detainees if d.first_name == "Paul")
        assert len(karim.bookings) == karim_slots
        assert karim.bookings[0][1] <= now < karim.bookings[0][2]
        paris = paul.bookings[0][1].astimezone(ZoneInfo("Europe/Paris"))
        assert f"{paris:%H:%M}" == paul_start
        assert paul.booth == "Cabine 1"
