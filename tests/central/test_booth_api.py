"""The booth API on a real server: auth, reference data, slots, bookings, usage, reports."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import requests
from sqlalchemy import func, select

from central.db.models import AuditEntry, Booking, LedgerEntry, SelfTestReport
from central.services.reference import verify_secret
from policy.tariffs import parse_tariff_book
from tests.central.helpers import assert_error, local_day, local_slot, usage_record

# --- authentication, time ----------------------------------------------------------------


def test_time_needs_no_token_and_is_utc(central_server):
    r = requests.get(central_server.api("/time"), timeout=10)
    assert r.status_code == 200
    now = datetime.fromisoformat(r.json()["now"])
    assert now.utcoffset() == timedelta(0)
    assert abs((now - datetime.now(UTC)).total_seconds()) < 60


def test_missing_or_wrong_token_is_401_json(central_server):
    url = central_server.api("/booth/reference")
    assert_error(requests.get(url, timeout=10), 401, "unauthorized")
    bad = {"Authorization": "Bearer not-a-token"}
    assert_error(requests.get(url, headers=bad, timeout=10), 401, "unauthorized")
    assert_error(
        requests.get(url, headers={"Authorization": "Basic Zm9vOmJhcg=="}, timeout=10), 401
    )
    r = requests.post(central_server.api("/usage"), json={"records": []}, timeout=10)
    assert r.status_code in (401, 422)


def test_disabled_booth_is_refused(central_server):
    from central.db.models import Booth

    booth_id, token = central_server.create_booth()
    assert central_server.get("/booth/reference", token=token).status_code == 200
    with central_server.session() as s:
        s.get(Booth, booth_id).active = False
    assert_error(central_server.get("/booth/reference", token=token), 403, "booth_disabled")


# --- reference data ----------------------------------------------------------------------


def pull_all(server, token=None, cursor=None):
    """Pull until has_more is false; returns (batches, last cursor)."""
    batches = []
    while True:
        params = {"cursor": cursor} if cursor else {}
        r = server.get("/booth/reference", token=token, params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        batches.append(body)
        cursor = body["cursor"]
        if not body["has_more"]:
            return batches, cursor


def test_reference_first_pull_then_incremental(central_server):
    est = central_server.create_establishment()
    booth_id, token = central_server.create_booth(establishment_id=est)
    d1 = central_server.create_detainee(establishment_id=est, pin="4321", plan="50")
    c1 = central_server.create_contact(d1, phone="+33612345678", protected=True)
    guard = central_server.create_staff("guard", pin="2468", establishment_id=est)
    monitor = central_server.create_staff("monitor", pin="1357", establishment_id=est)
    other = central_server.create_detainee()  # another establishment: never sent

    batches, cursor = pull_all(central_server, token)
    first = batches[0]
    assert first["reset"] is True
    assert first["booth"] == {
        "id": booth_id,
        "name": first["booth"]["name"],
        "establishment_id": est,
    }
    assert first["establishment"]["timezone"] == "Europe/Paris"
    assert first["establishment"]["opening_hours"]["mon"] == ["08:00-20:00"]
    assert parse_tariff_book(first["tariff"]).latest.rate("hors-forfait").connection_fee
    detainees = {d["id"]: d for b in batches for d in b["detainees"]}
    assert set(detainees) == {d1}
    assert other not in detainees
    assert detainees[d1]["plan"] == "50"
    assert detainees[d1]["balance_cents"] == 1000
    assert verify_secret(detainees[d1]["pin_hash"], "4321")
    assert not verify_secret(detainees[d1]["pin_hash"], "0000")
    contacts = {c["id"]: c for b in batches for c in b["contacts"]}
    assert contacts[c1]["protected"] is True
    assert "+33612345678" not in str(contacts[c1])  # only a masked number reaches the booth
    assert contacts[c1]["phone_masked"].endswith("78")
    staff = {s["id"]: s for b in batches for s in b["staff"]}
    assert verify_secret(staff[guard]["pin_hash"], "2468")
    assert staff[monitor]["pin_hash"] is None  # only booth roles get PIN hashes

    # Nothing changed: an empty batch, same cursor.
    again = central_server.get("/booth/reference", token=token, params={"cursor": cursor}).json()
    assert again["reset"] is False and again["has_more"] is False
    assert again["detainees"] == again["contacts"] == again["bookings"] == []
    assert again["cursor"] == cursor

    # A change in the establishment shows up; one elsewhere does not.
    d2 = central_server.create_detainee(establishment_id=est)
    central_server.create_detainee()
    batches, cursor2 = pull_all(central_server, token, cursor)
    assert [d["id"] for b in batches for d in b["detainees"]] == [d2]
    assert int(cursor2) > int(cursor)


def test_reference_sends_cancellations_balances_and_deletions(central_server):
    est = central_server.create_establishment()
    _booth, token = central_server.create_booth(establishment_id=est)
    d = central_server.create_detainee(establishment_id=est)
    c = central_server.create_contact(d)
    b = central_server.create_booking(d, starts_at=local_slot(3, 10), booth_id=_booth)
    _, cursor = pull_all(central_server, token)

    from central.db.models import Contact
    from central.services import ledger

    with central_server.session() as s:
        s.get(Booking, b).status = "cancelled"
        ledger.credit(s, d, 500, at=datetime.now(UTC), reason="test")
        s.delete(s.get(Contact, c))
    batches, _ = pull_all(central_server, token, cursor)
    bookings = [x for bt in batches for x in bt["bookings"]]
    assert [(x["id"], x["status"]) for x in bookings] == [(b, "cancelled")]
    detainees = [x for bt in batches for x in bt["detainees"]]
    assert [x["balance_cents"] for x in detainees] == [1500]
    deleted = [x for bt in batches for x in bt["deleted"]]
    assert {"kind": "contact", "id": c} in deleted


def test_reference_pages_large_changes(central_server):
    from central.services import reference as ref_service

    est = central_server.create_establishment()
    _booth, _token = central_server.create_booth(establishment_id=est)
    ids = {central_server.create_detainee(establishment_id=est, pin=None) for _ in range(7)}
    # Pull in pages of 3 rows through the service (the API uses 500).
    from central.db.models import Booth

    seen: set[int] = set()
    cursor = None
    pages = 0
    with central_server.session() as s:
        booth = s.get(Booth, _booth)
        while True:
            batch = ref_service.reference_batch(s, booth, cursor, datetime.now(UTC), limit=3)
            seen |= {d.id for d in batch.detainees}
            cursor = batch.cursor
            pages += 1
            if not batch.has_more:
                break
    assert seen == ids
    assert pages >= 3


def test_reference_bad_or_future_cursor(central_server):
    assert_error(
        central_server.get("/booth/reference", params={"cursor": "abc"}), 400, "invalid_cursor"
    )
    assert_error(
        central_server.get("/booth/reference", params={"cursor": "-1"}), 400, "invalid_cursor"
    )
    r = central_server.get("/booth/reference", params={"cursor": "999999999999"})
    assert r.status_code == 200
    assert r.json()["reset"] is True  # central's database was replaced: start over


# --- slots and bookings ------------------------------------------------------------------


def test_slots_and_booking_cycle(central_server):
    booth, token = central_server.create_booth()
    d = central_server.create_detainee()
    start = local_slot(2, 10)
    r = central_server.get("/slots", token=token, params={"date": local_day(2), "detainee_id": d})
    assert r.status_code == 200, r.text
    slots = r.json()["slots"]
    assert len(slots) == 24  # 08:00-20:00, 30 min
    assert any(datetime.fromisoformat(s["starts_at"]) == start for s in slots)

    r = central_server.post(
        "/bookings", token=token, json={"detainee_id": d, "starts_at": start.isoformat()}
    )
    assert r.status_code == 201, r.text
    booking = r.json()
    assert booking["status"] == "active" and booking["booth_id"] == booth
    assert datetime.fromisoformat(booking["ends_at"]) - start == timedelta(minutes=30)

    slots = central_server.get(
        "/slots", token=token, params={"date": local_day(2), "detainee_id": d}
    ).json()["slots"]
    assert not any(datetime.fromisoformat(s["starts_at"]) == start for s in slots)

    # Another detainee: slot taken. Same detainee on another booth: overlap.
    d2 = central_server.create_detainee()
    r = central_server.post(
        "/bookings", token=token, json={"detainee_id": d2, "starts_at": start.isoformat()}
    )
    assert_error(r, 409, "slot_taken")
    _b2, token2 = central_server.create_booth()
    r = central_server.post(
        "/bookings", token=token2, json={"detainee_id": d, "starts_at": start.isoformat()}
    )
    assert_error(r, 409, "detainee_overlap")

    # Cancel frees the slot; cancelling again is harmless.
    r = central_server.delete(f"/bookings/{booking['id']}", token=token)
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert (
        central_server.delete(f"/bookings/{booking['id']}", token=token).json()["status"]
        == "cancelled"
    )
    r = central_server.post(
        "/bookings", token=token, json={"detainee_id": d2, "starts_at": start.isoformat()}
    )
    assert r.status_code == 201, r.text


def test_booking_refusals_use_policy_codes(central_server):
    _booth, token = central_server.create_booth()
    d = central_server.create_detainee()

    def book(start, detainee=d):
        return central_server.post(
            "/bookings", token=token, json={"detainee_id": detainee, "starts_at": start.isoformat()}
        )

    assert_error(book(local_slot(-1, 10)), 409, "slot_in_past")
    assert_error(book(local_slot(2, 10, 10)), 409, "slot_not_offered")  # off the grid
    assert_error(book(local_slot(2, 21)), 409, "slot_not_offered")  # closed
    assert_error(book(local_slot(30, 10)), 409, "too_far_ahead")
    assert_error(book(local_slot(2, 10), detainee=999999), 404, "not_found")
    other_est = central_server.create_establishment()
    stranger = central_server.create_detainee(establishment_id=other_est)
    assert_error(book(local_slot(2, 10), detainee=stranger), 404, "not_found")
    suspended = central_server.create_detainee(access_status="suspended")
    assert_error(book(local_slot(2, 10), detainee=suspended), 409, "access_suspended")
    # Quota: 3 a week by default (policy.booking.BookingRules).
    week = [local_slot(8, h) for h in (9, 11, 13, 15)]  # one day: same week
    codes = [book(s).status_code for s in week[:3]]
    assert codes == [201, 201, 201]
    assert_error(book(week[3]), 409, "quota_reached")
    # The refusal message is French for the detainee.
    err = assert_error(book(week[3]), 409)
    assert "rendez-vous" in err["message"]


def test_booking_client_ref_is_idempotent(central_server):
    _booth, token = central_server.create_booth()
    d = central_server.create_detainee()
    body = {
        "detainee_id": d,
        "starts_at": local_slot(3, 14).isoformat(),
        "client_ref": str(uuid.uuid4()),
    }
    first = central_server.post("/bookings", token=token, json=body)
    again = central_server.post("/bookings", token=token, json=body)
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["id"] == again.json()["id"]


def test_cancel_unknown_or_foreign_booking_is_404(central_server):
    assert_error(central_server.delete("/bookings/999999"), 404, "not_found")
    est = central_server.create_establishment()
    _b, foreign_token = central_server.create_booth(establishment_id=est)
    d = central_server.create_detainee()
    b = central_server.create_booking(d, starts_at=local_slot(4, 9))
    assert_error(central_server.delete(f"/bookings/{b}", token=foreign_token), 404)


def test_cancel_too_late(central_server):
    d = central_server.create_detainee()
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=30)
    b = central_server.create_booking(d, starts_at=soon)
    assert_error(central_server.delete(f"/bookings/{b}"), 409, "cancellation_too_late")
    r = central_server.delete(f"/bookings/{b}", params={"by_staff": "true"})
    assert r.status_code == 200 and r.json()["status"] == "cancelled"


# --- usage records -----------------------------------------------------------------------


def make_call(server, *, plan="hors-forfait", balance=1000, allowed=1800):
    """A detainee in a booked slot (now) on a new booth, with a call: (detainee, call, token)."""
    booth, token = server.create_booth()
    d = server.create_detainee(plan=plan, balance_cents=balance)
    c = server.create_contact(d)
    b = server.create_booking(d, booth_id=booth)
    return d, server.create_call(b, c, allowed_seconds=allowed), token


def test_usage_debits_central_price_once(central_server):
    d, call, token = make_call(central_server)
    rec = usage_record(call, d, seconds=600, price_cents=1)  # the booth's price is ignored
    r = central_server.post("/usage", token=token, json={"records": [rec]})
    assert r.status_code == 200, r.text
    (res,) = r.json()["results"]
    assert res == {
        "id": call, "status": "accepted", "price_cents": 314, "balance_cents": 686,
        "code": None, "message": None,
    }  # fmt: skip
    again = central_server.post("/usage", token=token, json={"records": [rec, rec]})
    again = again.json()["results"]
    assert [x["status"] for x in again] == ["duplicate", "duplicate"]
    assert all(x["price_cents"] == 314 and x["balance_cents"] == 686 for x in again)
    assert central_server.balance(d) == 686
    with central_server.session() as s:
        debits = s.scalar(
            select(func.count()).select_from(LedgerEntry).where(LedgerEntry.call_id == call)
        )
        from central.db.models import Call

        row = s.get(Call, call)
        assert (row.price_cents, row.booth_price_cents, row.connected_seconds) == (314, 1, 600)
    assert debits == 1


def test_usage_plans_caps_and_rejections(central_server):
    d, call, token = make_call(central_server, plan="50", allowed=120)
    rec = usage_record(call, d, seconds=600, plan="50")
    (res,) = central_server.post("/usage", token=token, json={"records": [rec]}).json()["results"]
    assert res["price_cents"] == 54  # capped to the 120 s allowed, 0.27 €/min
    d2, never, token2 = make_call(central_server)
    rec2 = usage_record(never, d2, seconds=0, connected_at=None)
    (res2,) = central_server.post("/usage", token=token2, json={"records": [rec2]}).json()[
        "results"
    ]
    assert (res2["status"], res2["price_cents"], res2["balance_cents"]) == ("accepted", 0, 1000)

    unknown = usage_record(str(uuid.uuid4()), d)
    wrong_detainee = usage_record(call, d2)
    results = central_server.post(
        "/usage", token=token, json={"records": [unknown, wrong_detainee]}
    ).json()["results"]
    assert [(x["status"], x["code"]) for x in results] == [
        ("rejected", "unknown_call"),
        ("rejected", "wrong_detainee"),
    ]
    d3, call3, _own_token = make_call(central_server)
    (res3,) = central_server.post(
        "/usage", token=token, json={"records": [usage_record(call3, d3)]}
    ).json()["results"]
    assert (res3["status"], res3["code"]) == ("rejected", "wrong_booth")
    assert central_server.balance(d3) == 1000


# --- self-tests and audit events ---------------------------------------------------------


def test_selftests_and_audit_are_idempotent(central_server):
    cid = str(uuid.uuid4())
    report = {
        "client_id": cid,
        "at": datetime.now(UTC).isoformat(),
        "ok": False,
        "results": [
            {"name": "camera", "ok": True},
            {"name": "micro", "ok": False, "message": "silence"},
        ],
    }
    r = central_server.post("/selftests", json={"reports": [report, report]})
    assert [x["status"] for x in r.json()["results"]] == ["accepted", "duplicate"]
    with central_server.session() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(SelfTestReport)
                .where(SelfTestReport.client_id == cid)
            )
            == 1
        )

    eid = str(uuid.uuid4())
    event = {
        "client_id": eid,
        "at": datetime.now(UTC).isoformat(),
        "action": "guard_unlock",
        "actor": "guard:3",
        "subject": "booking:1",
        "details": {"pin": "1234", "result": "ok"},
    }
    r = central_server.post("/audit", json={"events": [event]})
    assert r.json()["results"][0]["status"] == "accepted"
    r = central_server.post("/audit", json={"events": [event]})
    assert r.json()["results"][0]["status"] == "duplicate"
    with central_server.session() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == "guard_unlock")).all()
        mine = [e for e in rows if e.client_ref and e.client_ref.endswith(eid)]
        assert len(mine) == 1
        assert "1234" not in mine[0].details  # secrets are masked
        assert mine[0].actor == f"booth:{central_server.booth_id}/guard:3"


def test_first_pull_skips_old_and_cancelled_bookings(central_server):
    est = central_server.create_establishment()
    booth, token = central_server.create_booth(establishment_id=est)
    d = central_server.create_detainee(establishment_id=est, pin=None)
    old = central_server.create_booking(d, starts_at=local_slot(-3, 10), booth_id=booth)
    gone = central_server.create_booking(d, starts_at=local_slot(3, 10), booth_id=booth)
    live = central_server.create_booking(d, starts_at=local_slot(4, 10), booth_id=booth)
    with central_server.session() as s:
        s.get(Booking, gone).status = "cancelled"
    batches, _ = pull_all(central_server, token)
    assert [b["id"] for bt in batches for b in bt["bookings"]] == [live]
    assert old != live


def test_usage_never_bills_more_than_the_wall_time(central_server):
    d, call, token = make_call(central_server)
    rec = usage_record(call, d, seconds=60)
    rec["connected_seconds"] = 3600  # inconsistent with connected_at..ended_at (60 s)
    (res,) = central_server.post("/usage", token=token, json={"records": [rec]}).json()["results"]
    assert res["price_cents"] == 44  # 60 s hors-forfait: 0.30 + 0.14
