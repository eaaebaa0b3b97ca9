"""The console API against a real central server: login, live list, end, incidents, replay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from sqlalchemy import select

from central.db.models import Call, Contact, Recording, Sanction
from tests.fixtures.central_server import CentralServer
from tests.monitor.conftest import HEADER, PASSWORD, Console, audit_entries, login
from tests.monitor.media import write_recording


def _error(resp: requests.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    body: dict[str, Any] = resp.json()["error"]
    assert body["message"] and "Traceback" not in body["message"]
    if code is not None:
        assert body["code"] == code
    return body


def new_call(server: CentralServer, *, protected: bool = False, establishment_id: int | None = None,
             phone: str | None = None, status: str = "connected") -> tuple[str, int]:
    """A call row as POST /calls makes it, with the relative's answers; (call id, contact id)."""
    booth_id, _ = server.create_booth(establishment_id=establishment_id)
    detainee = server.create_detainee(first_name="Paul", last_name="Martin",
                                      establishment_id=establishment_id)
    contact = server.create_contact(detainee, protected=protected, phone=phone,
                                    name="Lucie Martin", relationship="mère")
    booking = server.create_booking(detainee, booth_id=booth_id)
    call_id = server.create_call(booking, contact, status=status)
    with server.session() as s:
        call = s.get(Call, call_id)
        now = datetime.now(UTC)
        if status == "connected":
            call.connected_at = now - timedelta(seconds=90)
        call.rules_accepted = True
        call.minors_present = True
        call.minors_consent = True
        call.capture_consent = True
        call.accepted_at = now - timedelta(seconds=100)
    return call_id, contact


# --- login -------------------------------------------------------------------------------


def test_console_needs_a_login(monitor_central: CentralServer) -> None:
    server = monitor_central
    api = f"{server.url}/api/v1/monitor"
    for path in ("/calls", "/recordings", "/me"):
        _error(requests.get(api + path, timeout=10), 401, "unauthorized")
    _error(requests.post(api + "/calls/x/end", json={"reason": "x"}, headers=HEADER,
                         timeout=10), 401)
    # A forged or altered cookie is refused.
    _error(requests.get(api + "/calls", cookies={"parloir_console": "1.9999999999.abc.def"},
                        timeout=10), 401)
    c = login(server)
    cookie = c.http.cookies.get("parloir_console")
    assert cookie and PASSWORD not in cookie
    altered = cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB")
    _error(requests.get(api + "/calls", cookies={"parloir_console": altered}, timeout=10), 401)
    # The cookie is HttpOnly and SameSite=Strict.
    r = requests.post(api + "/login", json={"username": c.username, "password": PASSWORD},
                      timeout=10)
    set_cookie = r.headers["set-cookie"].lower()
    assert "httponly" in set_cookie and "samesite=strict" in set_cookie and "max-age" in set_cookie
    assert c.get("/calls").status_code == 200
    # State changes need the console's header (a cross-site form cannot send it).
    _error(c.http.post(c.url("/calls/x/end"), json={"reason": "x"}, timeout=10), 403)
    # Logout: the same cookie no longer works.
    assert c.post("/logout").status_code == 204
    _error(requests.get(api + "/calls", cookies={"parloir_console": cookie}, timeout=10), 401)
    logins = [e for e in audit_entries(server, "monitor.login") if e.actor == f"staff:{c.username}"]
    assert logins


def test_wrong_passwords_and_roles_are_refused(monitor_central: CentralServer) -> None:
    server = monitor_central
    api = f"{server.url}/api/v1/monitor/login"
    c = login(server)
    _error(requests.post(api, json={"username": c.username, "password": "faux"}, timeout=10),
           401, "bad_credentials")
    _error(requests.post(api, json={"username": "inconnu", "password": "x"}, timeout=10), 401)
    _error(requests.post(api, json={"username": "", "password": "x"}, timeout=10), 422)
    guard = "garde-console"
    server.create_staff("guard", password=PASSWORD, username=guard)
    _error(requests.post(api, json={"username": guard, "password": PASSWORD}, timeout=10), 401)
    # An admin account may use the console.
    admin = login(server, role="admin")
    assert admin.get("/me").json()["role"] == "admin"


def test_login_tries_are_limited(monitor_central: CentralServer) -> None:
    server = monitor_central
    api = f"{server.url}/api/v1/monitor/login"
    c = login(server)
    for _ in range(5):
        _error(requests.post(api, json={"username": c.username, "password": "faux"},
                             timeout=10), 401)
    # Locked now, even with the right password (the lock is per client and per username).
    _error(requests.post(api, json={"username": c.username, "password": PASSWORD}, timeout=10),
           429, "too_many_tries")
    assert len([e for e in audit_entries(server, "monitor.login_failed")]) >= 5
    # The session opened before still works.
    assert c.get("/calls").status_code == 200


# --- live calls --------------------------------------------------------------------------


def test_live_list_is_scoped_to_the_establishment(monitor_central: CentralServer,
                                                  console: Console) -> None:
    server = monitor_central
    mine, _ = new_call(server)
    protected, _ = new_call(server, protected=True)
    other_est = server.create_establishment()
    theirs, _ = new_call(server, establishment_id=other_est)

    calls = {c["id"]: c for c in console.get("/calls").json()["calls"]}
    assert mine in calls and protected in calls and theirs not in calls
    item = calls[mine]
    assert item["detainee"] == "Paul MARTIN" and item["contact"] == "Lucie Martin"
    assert item["phone"].startswith("+33") and item["watchable"] is True
    assert item["rules"]["minors_present"] is True and item["rules"]["minors_consent"] is True
    assert item["connected_s"] >= 90 and item["seconds_left"] <= 1800 - 90
    # Protected: listed as such, nothing about whom or what, never watchable.
    p = calls[protected]
    assert p["protected"] is True and p["watchable"] is False
    assert p["phone"] is None and p["contact"] is None and p["rules"] is None
    _error(console.post(f"/calls/{protected}/watch", json={"sdp": "v=0\r\nxxxxxxxx",
                                                             "type": "offer"}), 403,
           "protected_call")
    _error(console.post(f"/calls/{protected}/incident",
                        json={"kind": "other", "note": "x", "measure": "none"}), 403)
    # Another establishment's call does not exist for this monitor.
    _error(console.get(f"/calls/{theirs}"), 404, "call_not_found")
    _error(console.post(f"/calls/{theirs}/end", json={"reason": "x"}), 404)
    # Their own monitor sees it.
    assert theirs in {c["id"] for c in login(server, establishment_id=other_est)
                      .get("/calls").json()["calls"]}


def test_monitor_ends_a_call(monitor_central: CentralServer, console: Console) -> None:
    server = monitor_central
    call_id, _ = new_call(server)
    _error(console.post(f"/calls/{call_id}/end", json={"reason": ""}), 422)
    r = console.post(f"/calls/{call_id}/end", json={"reason": "Propos menaçants"})
    assert r.status_code == 200, r.text
    assert r.json()["end_reason"] == "monitor"
    with server.session() as s:
        call = s.get(Call, call_id)
        assert call.status == "ended" and call.end_reason == "monitor"
        assert call.ended_by == f"staff:{console.username}"
    assert call_id not in {c["id"] for c in console.get("/calls").json()["calls"]}
    _error(console.post(f"/calls/{call_id}/end", json={"reason": "encore"}), 409, "call_over")
    ends = [e for e in audit_entries(server, "monitor.end_call") if e.subject == f"call:{call_id}"]
    assert len(ends) == 1 and "Propos menaçants" in ends[0].details


def test_incident_sanctions_the_number_called(monitor_central: CentralServer,
                                              console: Console) -> None:
    server = monitor_central
    number = "+33612340001"
    call_id, contact_id = new_call(server, phone=number)
    # The same number on another detainee's list: the sanction is on the number.
    other_detainee = server.create_detainee()
    other_contact = server.create_contact(other_detainee, phone=number)
    unrelated = server.create_contact(other_detainee)

    # Bad input changes nothing.
    _error(console.post(f"/calls/{call_id}/incident",
                        json={"kind": "nope", "note": "x", "measure": "none"}), 422)
    _error(console.post(f"/calls/{call_id}/incident",
                        json={"kind": "violent", "note": "x", "measure": "suspend_until"}), 422,
           "until_required")
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    _error(console.post(f"/calls/{call_id}/incident",
                        json={"kind": "violent", "note": "x", "measure": "suspend_until",
                              "until": past}), 422, "until_past")
    with server.session() as s:
        assert s.get(Contact, contact_id).status == "authorised"

    until = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)
    r = console.post(f"/calls/{call_id}/incident",
                     json={"kind": "violent", "note": "Menaces envers la personne détenue",
                           "measure": "suspend_until", "until": until.isoformat(),
                           "hold": True})
    assert r.status_code == 200, r.text
    assert {x["contact_id"] for x in r.json()["sanctioned"]} == {contact_id, other_contact}
    with server.session() as s:
        for cid in (contact_id, other_contact):
            c = s.get(Contact, cid)
            assert c.status == "suspended" and c.suspended_until == until
        assert s.get(Contact, unrelated).status == "authorised"
        sanctions = s.scalars(select(Sanction).where(Sanction.phone_e164 == number)).all()
        assert len(sanctions) == 2 and all(x.kind == "suspension" for x in sanctions)
        assert all(x.decided_by == f"staff:{console.username}" for x in sanctions)
        hold = s.scalars(select(Recording).where(Recording.call_id == call_id)).one()
        assert hold.hold is True
    entries = [e for e in audit_entries(server, "monitor.incident")
               if e.subject == f"call:{call_id}"]
    assert len(entries) == 1 and number in entries[0].details

    # Withdrawal is stricter: it replaces the suspension.
    r = console.post(f"/calls/{call_id}/incident",
                     json={"kind": "indecent", "note": "Récidive", "measure": "withdraw"})
    assert r.status_code == 200, r.text
    with server.session() as s:
        assert s.get(Contact, contact_id).status == "withdrawn"
    # The detainee can no longer call that number (the booth API refuses).
    with server.session() as s:
        detainee_id = s.get(Call, call_id).detainee_id
    booth_id, token = server.create_booth()
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=150)
    booking = server.create_booking(detainee_id, booth_id=booth_id, starts_at=start)
    refused = server.post("/calls", token=token,
                          json={"booking_id": booking, "contact_id": contact_id})
    assert refused.status_code == 409, refused.text
    assert "withdrawn" in refused.json()["error"]["code"], refused.text


# --- recordings --------------------------------------------------------------------------


def ended_call_with_file(server: CentralServer, *, protected: bool = False,
                         ended_days_ago: float = 0) -> str:
    call_id, _ = new_call(server, protected=protected)
    # The file is complete before the call ends, as with the relay (a purge may run anytime).
    folder = server.data_dir / "recordings"
    partial = folder / f".{call_id}.partial"
    write_recording(partial, seconds=1.0)
    partial.replace(folder / f"{call_id}.mkv")
    ended = datetime.now(UTC) - timedelta(days=ended_days_ago)
    with server.session() as s:
        call = s.get(Call, call_id)
        call.status = "ended"
        call.connected_at = ended - timedelta(minutes=3)
        call.ended_at = ended
        call.end_reason = "booth_hangup"
    return call_id


def test_replay_is_audited_and_supports_ranges(monitor_central: CentralServer,
                                               console: Console) -> None:
    server = monitor_central
    call_id = ended_call_with_file(server)
    protected = ended_call_with_file(server, protected=True)  # must never be offered
    listing = console.get("/recordings").json()
    by_call = {r["id"]: r for r in listing["recordings"]}
    assert call_id in by_call and protected not in by_call
    assert listing["retention_days"] == 90
    rec_id = by_call[call_id]["recording_id"]

    # Without the audited "open", the file is not served.
    _error(console.get(f"/recordings/{rec_id}/file"), 403, "ticket_required")
    before = len(audit_entries(server, "recording.access"))
    opened = console.post(f"/recordings/{rec_id}/open")
    assert opened.status_code == 200, opened.text
    url = server.url + opened.json()["url"]
    entries = audit_entries(server, "recording.access")
    assert len(entries) == before + 1
    assert entries[-1].actor == f"staff:{console.username}"
    assert entries[-1].subject == f"recording:{rec_id}" and call_id in entries[-1].details

    whole = console.http.get(url, timeout=30)
    assert whole.status_code == 200 and whole.headers["content-type"].startswith("video/webm")
    path = server.data_dir / "recordings" / f"{call_id}.mkv"
    assert whole.content == path.read_bytes()
    part = console.http.get(url, headers={"Range": "bytes=100-199"}, timeout=30)
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes 100-199/{path.stat().st_size}"
    assert part.content == path.read_bytes()[100:200]
    # Each side on its own (browsers play only a file's first video): remuxed, not re-encoded.
    sides = opened.json()["sides"]
    assert set(sides) == {"booth", "relative"}
    import av

    for side, url_path in sides.items():
        got = console.http.get(server.url + url_path, timeout=60)
        assert got.status_code == 200, got.text
        copy = server.data_dir / f"side-{side}.webm"
        copy.write_bytes(got.content)
        with av.open(str(copy)) as container:
            kinds = sorted(st.type for st in container.streams)
            assert kinds == ["audio", "video"], kinds
        ranged = console.http.get(server.url + url_path, headers={"Range": "bytes=0-9"},
                                  timeout=30)
        assert ranged.status_code == 206 and ranged.content == got.content[:10]
    _error(console.http.get(url + "&side=autre", timeout=30), 422)
    # A ticket is personal: another monitor's cookie cannot use it; no cookie, no file.
    other = login(server)
    _error(other.http.get(url, timeout=30), 403)
    _error(requests.get(url, timeout=30), 401)
    # The protected call's file exists but is refused whatever the id.
    with server.session() as s:
        rows = s.scalars(select(Recording).where(Recording.call_id == protected)).all()
        ids = [r.id for r in rows]
    for rid in ids:
        _error(console.post(f"/recordings/{rid}/open"), 404)
