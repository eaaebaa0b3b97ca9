"""The monitoring console's rules: staff sessions, live calls, ending a call, incidents.

Sessions are signed cookies (HMAC-SHA-256 with the server's secret key), so
nothing secret is stored: the cookie carries the staff id, an expiry and a
random nonce; the MAC also covers a fingerprint of the staff's password hash,
so a password change ends every open session. Logout revokes the nonce in
memory until the cookie would have expired anyway.

A sanction after an incident applies to the number called during the call
(DESIGN §2), whoever was speaking: every contact carrying that number in the
establishment takes the new status, through `policy.authorisation`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import (
    Booth,
    Call,
    Contact,
    Detainee,
    Incident,
    Recording,
    Sanction,
    Staff,
)
from central.services import audit

MONITOR_ROLES = ("monitor", "admin")
LIVE = ("inviting", "connected")
SESSION_TTL = timedelta(hours=8)
COOKIE_NAME = "parloir_console"
LOGIN_MAX_FAILURES = 5  # per username
LOGIN_MAX_FAILURES_PER_CLIENT = 20  # per address (several monitors may share one)
LOGIN_WINDOW = timedelta(minutes=15)

INCIDENT_KINDS: dict[str, str] = {
    "indecent": "Comportement indécent",
    "violent": "Violence ou menaces",
    "unauthorised_person": "Personne non autorisée présente",
    "minors_without_consent": "Mineur sans accord parental",
    "security": "Sécurité, bon ordre",
    "other": "Autre",
}
MEASURES = ("none", "suspend_until", "withdraw")


class MonitorError(Exception):
    """A refusal the API turns into `{"error": {code, message}}` (French message)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


# --- sessions ----------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _fingerprint(staff: Staff) -> str:
    return hashlib.sha256((staff.password_hash or "").encode("utf-8")).hexdigest()[:16]


def _mac(key: bytes, staff_id: int, expires: int, nonce: str, fingerprint: str) -> str:
    msg = f"console-session|{staff_id}|{expires}|{nonce}|{fingerprint}".encode()
    return _b64(hmac.new(key, msg, hashlib.sha256).digest())


@dataclass(frozen=True)
class ConsoleSession:
    staff_id: int
    expires: int  # epoch seconds
    nonce: str


class SessionBook:
    """Issues and checks console cookies; remembers revoked nonces and failed logins."""

    def __init__(self, key: bytes) -> None:
        self._key = key
        self._revoked: dict[str, int] = {}
        self._failures: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    def issue(self, staff: Staff, now: datetime) -> str:
        expires = int((now + SESSION_TTL).timestamp())
        nonce = _b64(secrets.token_bytes(18))
        mac = _mac(self._key, staff.id, expires, nonce, _fingerprint(staff))
        return f"{staff.id}.{expires}.{nonce}.{mac}"

    def parse(self, cookie: str | None, now: datetime) -> ConsoleSession | None:
        """The session a cookie claims: well formed, unexpired, not revoked (MAC: `verify`)."""
        if not cookie or len(cookie) > 300:
            return None
        parts = cookie.split(".")
        if len(parts) != 4 or not parts[0].isdigit() or not parts[1].isdigit():
            return None
        session = ConsoleSession(int(parts[0]), int(parts[1]), parts[2])
        if session.expires <= int(now.timestamp()) or session.staff_id > 2**31:
            return None
        with self._lock:
            if session.nonce in self._revoked:
                return None
        return session

    def verify(self, cookie: str, session: ConsoleSession, staff: Staff) -> bool:
        expected = _mac(self._key, session.staff_id, session.expires, session.nonce,
                        _fingerprint(staff))
        return hmac.compare_digest(expected, cookie.rsplit(".", 1)[-1])

    def revoke(self, session: ConsoleSession, now: datetime) -> None:
        stamp = int(now.timestamp())
        with self._lock:
            self._revoked = {n: e for n, e in self._revoked.items() if e > stamp}
            self._revoked[session.nonce] = session.expires

    # -- login throttling (per client address and per username) --------------------------
    def _recent(self, key: str, now: datetime) -> deque[datetime]:
        tries = self._failures.setdefault(key, deque())
        while tries and now - tries[0] > LOGIN_WINDOW:
            tries.popleft()
        return tries

    def locked(self, keys: list[str], now: datetime) -> bool:
        with self._lock:
            return any(
                len(self._recent(k, now)) >= (
                    LOGIN_MAX_FAILURES_PER_CLIENT if k.startswith("ip:") else LOGIN_MAX_FAILURES)
                for k in keys)

    def failed(self, keys: list[str], now: datetime) -> None:
        with self._lock:
            for k in keys:
                self._recent(k, now).append(now)

    def succeeded(self, keys: list[str]) -> None:
        with self._lock:
            for k in keys:
                self._failures.pop(k, None)


def authenticate(session: Session, username: str, password: str) -> Staff | None:
    """A monitor (or admin) account whose password matches; None otherwise (one answer for all)."""
    from central.services.reference import hash_secret, verify_secret

    staff = session.execute(
        select(Staff).where(Staff.username == username.strip()[:100])
    ).scalar_one_or_none()
    if staff is None or staff.password_hash is None:
        verify_secret(_DUMMY_HASH.get(hash_secret), password)  # same cost as a real check
        return None
    if not verify_secret(staff.password_hash, password):
        return None
    if not staff.active or staff.role not in MONITOR_ROLES:
        return None
    return staff


class _Dummy:
    """A hash computed once, so unknown usernames take as long as wrong passwords."""

    def __init__(self) -> None:
        self._value: str | None = None

    def get(self, make: Any) -> str:
        if self._value is None:
            self._value = str(make(secrets.token_urlsafe(12)))
        return self._value


_DUMMY_HASH = _Dummy()


def staff_label(staff: Staff) -> str:
    return f"staff:{staff.username}"


def in_scope(staff: Staff, establishment_id: int | None) -> bool:
    """Staff without an establishment see every establishment (regional administrators)."""
    return staff.establishment_id is None or staff.establishment_id == establishment_id


# --- live calls --------------------------------------------------------------------------


def call_for_staff(session: Session, staff: Staff, call_id: str) -> Call:
    """The call, if it belongs to the staff's establishment (404 otherwise: no hint)."""
    call = (session.get(Call, call_id)
            if 0 < len(call_id) <= 64 and "\x00" not in call_id else None)
    if call is None or not in_scope(staff, call.establishment_id):
        raise MonitorError(404, "call_not_found", "Cet appel est introuvable.")
    return call


def _person(d: Detainee | None) -> str:
    return f"{d.first_name} {d.last_name.upper()}" if d else "—"


def describe_call(session: Session, call: Call, now: datetime,
                  relay_facts: dict[str, Any] | None = None) -> dict[str, Any]:
    """What a monitor sees of a call; protected calls say only that they are protected."""
    detainee = session.get(Detainee, call.detainee_id)
    booth = session.get(Booth, call.booth_id)
    contact = session.get(Contact, call.contact_id)
    facts = relay_facts or {}
    connected_s = facts.get("connected_s")
    if connected_s is None and call.connected_at is not None:
        end = call.ended_at or now
        connected_s = max(0, int((end - call.connected_at).total_seconds()))
    seconds_left = facts.get("seconds_left")
    if seconds_left is None and call.allowed_seconds is not None and call.status in LIVE:
        seconds_left = max(0, int(call.allowed_seconds) - int(connected_s or 0))
    out: dict[str, Any] = {
        "id": call.id,
        "status": call.status,
        "protected": bool(call.protected),
        "detainee": _person(detainee),
        "ecrou": detainee.ecrou if detainee else "",
        "booth": booth.name if booth else "",
        "created_at": call.created_at.isoformat(),
        "connected_at": call.connected_at.isoformat() if call.connected_at else None,
        "ended_at": call.ended_at.isoformat() if call.ended_at else None,
        "end_reason": call.end_reason,
        "connected_s": connected_s,
        "seconds_left": seconds_left,
        "relative_present": facts.get("relative_present"),
        "watchable": not call.protected and call.status in LIVE,
    }
    if call.protected:
        # Never listened to nor recorded: only the fact of the call is shown.
        out.update(contact=None, relationship=None, phone=None, rules=None, recorded=False)
        return out
    out.update(
        contact=contact.name if contact else "",
        relationship=contact.relationship if contact else "",
        phone=call.phone_e164,
        recorded=bool(call.recorded),
        rules={
            "accepted": bool(call.rules_accepted),
            "minors_present": call.minors_present,
            "minors_consent": call.minors_consent,
            "capture_consent": bool(call.capture_consent),
            "accepted_at": call.accepted_at.isoformat() if call.accepted_at else None,
        },
    )
    return out


def live_calls(session: Session, staff: Staff) -> list[Call]:
    q = select(Call).where(Call.status.in_(LIVE)).order_by(Call.created_at)
    if staff.establishment_id is not None:
        q = q.where(Call.establishment_id == staff.establishment_id)
    return list(session.scalars(q))


def end_call(session: Session, staff: Staff, call_id: str, reason: str, now: datetime) -> Call:
    """End a live call from the console (the relay notices and cuts the media)."""
    from central.services import calls

    call = call_for_staff(session, staff, call_id)
    if call.status not in LIVE:
        raise MonitorError(409, "call_over", "Cet appel est déjà terminé.")
    ended = calls.end_call(session, call.id, "monitor", now, ended_by=staff_label(staff))
    assert ended is not None
    audit.append(session, staff_label(staff), "monitor.end_call", f"call:{call.id}",
                 {"reason": reason}, at=now)
    return ended


# --- incidents and sanctions ---------------------------------------------------------------


def flag_incident(
    session: Session,
    staff: Staff,
    call_id: str,
    *,
    kind: str,
    note: str,
    measure: str,
    until: datetime | None,
    hold: bool,
    now: datetime,
) -> dict[str, Any]:
    """Record an incident; with a measure, sanction the number called (every contact with it)."""
    from policy.authorisation import Incident as PolicyIncident
    from policy.authorisation import Measure, apply_sanction, sanction_for_incident

    call = call_for_staff(session, staff, call_id)
    if call.protected:
        raise MonitorError(403, "protected_call",
                           "Cet appel est protégé : il n'est ni écouté ni enregistré.")
    if kind not in INCIDENT_KINDS:
        raise MonitorError(422, "bad_kind", "Choisissez le type d'incident dans la liste.")
    if measure not in MEASURES:
        raise MonitorError(422, "bad_measure", "Choisissez une mesure dans la liste.")
    note = note.strip()
    if not note:
        raise MonitorError(422, "note_required", "Décrivez l'incident en quelques mots.")
    if measure == "suspend_until":
        if until is None:
            raise MonitorError(422, "until_required", "Indiquez la date de fin de la suspension.")
        if until <= now:
            raise MonitorError(422, "until_past", "La fin de la suspension doit être future.")
    actor = staff_label(staff)
    incident = Incident(
        establishment_id=call.establishment_id, call_id=call.id, detainee_id=call.detainee_id,
        contact_id=call.contact_id, phone_e164=call.phone_e164, staff_id=staff.id, actor=actor,
        kind=kind, description=note, at=now, created_at=now,
    )
    session.add(incident)
    session.flush()
    sanctioned: list[dict[str, Any]] = []
    if measure != "none":
        from central.services.calls import policy_contact

        decision = sanction_for_incident(
            PolicyIncident(call_id=call.id, called_number=call.phone_e164, occurred_at=now,
                           reason=note),
            Measure.WITHDRAW if measure == "withdraw" else Measure.SUSPEND,
            until if measure == "suspend_until" else None,
        )
        contacts = session.scalars(
            select(Contact).where(Contact.phone_e164 == call.phone_e164,
                                  Contact.establishment_id == call.establishment_id)
        ).all()
        for contact in contacts:
            before = contact.status
            after = apply_sanction(policy_contact(contact), decision)
            contact.status = after.status.value
            contact.suspended_until = after.suspended_until
            contact.updated_at = now
            session.add(Sanction(
                establishment_id=contact.establishment_id, detainee_id=contact.detainee_id,
                contact_id=contact.id, phone_e164=contact.phone_e164, incident_id=incident.id,
                kind="withdrawal" if measure == "withdraw" else "suspension", scope="visio",
                reason=f"{INCIDENT_KINDS[kind]} : {note}", starts_at=now,
                ends_at=after.suspended_until if measure == "suspend_until" else None,
                decided_by=actor, created_at=now,
            ))
            sanctioned.append({"contact_id": contact.id, "from": before, "to": contact.status,
                               "until": after.suspended_until.isoformat()
                               if after.suspended_until else None})
    if hold:
        from central.services.recordings import hold_call

        hold_call(session, call, now)
    session.flush()
    audit.append(session, actor, "monitor.incident", f"call:{call.id}", {
        "incident_id": incident.id, "kind": kind, "measure": measure,
        "until": until.isoformat() if until and measure == "suspend_until" else None,
        "number": call.phone_e164, "sanctioned": sanctioned, "hold": hold,
    }, at=now)
    return {"incident_id": incident.id, "measure": measure, "sanctioned": sanctioned,
            "hold": hold}


def recording_holds(session: Session, call_id: str) -> bool:
    return bool(session.scalars(
        select(Recording.id).where(Recording.call_id == call_id, Recording.hold.is_(True))
    ).first())
