"""Invitations: the 6-digit code sent by SMS, its checks, and the relative's join token.

Stored: only the keyed hash of the code (HMAC under the server key), and
only the SHA-256 of the join token. The code exists in clear in one place:
the SMS body (and so in the dev outbox).

Attribution of wrong tries (documented choice): the SMS link carries the
call's id (`/rejoindre?c=<call id>`); the join page sends it back as
`call_id` with the code. A code typed with a hint for a live call is judged
against that call's invitation only, so every wrong try counts against it
and the 5th locks it. A code typed without a hint (the relative typed the
address by hand) is looked up among live invitations; a miss cannot be
attributed to any call and only counts against the client's address
(10 wrong tries per minute). Both answers are the same generic message.

Re-entry of a used code (`Invitation.join_expires_at` holds the "rejoin
until" time of `policy.invitations.InvitationState`):
- after a right code, until the code's own expiry, as long as nobody is
  joined (a reload, or a second device before the first joined; the newest
  entry gets a new join token, the older token stops working);
- while the relative is joined: never (single use per join);
- after the relay reports the relative left: within `rejoin_s` (60 s), even
  past the code's 5 minutes, for this call only.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from central.db.models import Call, CodeAttempt, Detainee, Establishment, Invitation
from policy import invitations as pinv

LIVE_CALL_STATUSES = ("inviting", "connected")
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,200}$")
CALL_ID_RE = re.compile(r"^[0-9a-fA-F-]{1,64}$")
OVER_CALL_STATUSES = ("ended", "failed", "cancelled")

#: Wrong tries allowed per client address per window.
CLIENT_MAX_FAILURES = 10
CLIENT_WINDOW = timedelta(minutes=1)
ATTEMPTS_KEPT = timedelta(days=1)

MSG_WRONG = (
    "Ce code n'est pas valable. Vérifiez les 6 chiffres ou demandez à votre proche "
    "de vous rappeler."
)
MSG_EXPIRED = "Ce code n'est plus valable. Demandez à votre proche de vous rappeler."
MSG_LOCKED = "Trop d'essais avec ce code : il est bloqué. Demandez à votre proche de vous rappeler."
MSG_USED = (
    "Ce code est déjà utilisé pour rejoindre l'appel. Demandez à votre proche de vous "
    "rappeler si ce n'est pas vous."
)
MSG_OVER = "Cet appel est terminé. Demandez à votre proche de vous rappeler."
MSG_RATE = "Trop d'essais. Patientez une minute, puis saisissez à nouveau le code."


class JoinRefused(Exception):
    """A refused code entry: HTTP status, stable code, French message."""

    def __init__(self, status: int, code: str, message: str, retry_after: int | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.retry_after = retry_after

    def as_dict(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message}}


@dataclass(frozen=True)
class JoinGranted:
    join_token: str
    call: Call
    invitation: Invitation
    rejoin: bool


def token_hash(token: str) -> str:
    """Join tokens are 256-bit random: a plain SHA-256 is enough to store them."""
    return hashlib.sha256(token.encode()).hexdigest()


def client_key(key: bytes, address: str) -> str:
    """Client addresses are stored keyed-hashed (no addresses of relatives in clear)."""
    return hmac.new(key, b"client:" + address.encode(), hashlib.sha256).hexdigest()


def _state(inv: Invitation) -> pinv.InvitationState:
    return pinv.InvitationState(
        digest=inv.code_hash,
        issued_at=inv.created_at,
        expires_at=inv.expires_at,
        tries=inv.tries,
        used_at=inv.used_at,
        rejoin_until=inv.join_expires_at,
    )


def _store(inv: Invitation, state: pinv.InvitationState) -> None:
    inv.tries = state.tries
    inv.used_at = state.used_at
    inv.join_expires_at = state.rejoin_until


# --------------------------------------------------------------------------- issuing


def _live_digests(session: Session, now: datetime) -> set[str]:
    q = (
        select(Invitation.code_hash)
        .join(Call, Call.id == Invitation.call_id)
        .where(Call.status.in_(LIVE_CALL_STATUSES), Invitation.status.in_(("active", "used")))
    )
    return set(session.scalars(q))


def issue_invitation(
    session: Session,
    call: Call,
    *,
    key: bytes,
    now: datetime,
    ttl_s: int = 300,
    max_tries: int = 5,
) -> tuple[Invitation, str]:
    """A new code for `call` (any previous active one is revoked). Returns the clear code.

    The code is unique among live invitations, so a code typed without a
    call hint finds at most one call.
    """
    for old in session.scalars(
        select(Invitation).where(Invitation.call_id == call.id, Invitation.status == "active")
    ):
        old.status = "revoked"
    session.flush()
    taken = _live_digests(session, now)
    for _ in range(50):
        code = pinv.new_code()
        digest = pinv.hash_code(key, code)
        if digest not in taken:
            break
    else:  # pragma: no cover - a million codes, a few live ones
        raise RuntimeError("no free invitation code")
    inv = Invitation(
        call_id=call.id,
        phone_e164=call.phone_e164,
        code_hash=digest,
        created_at=now,
        expires_at=now + timedelta(seconds=ttl_s),
        tries=0,
        max_tries=max_tries,
        status="active",
    )
    session.add(inv)
    session.flush()
    return inv, code


def current_invitation(session: Session, call_id: str) -> Invitation | None:
    """The newest invitation of a call (active, used, locked or expired)."""
    return session.scalars(
        select(Invitation)
        .where(Invitation.call_id == call_id, Invitation.status != "revoked")
        .order_by(Invitation.id.desc())
    ).first()


# --------------------------------------------------------------------------- code entry


def _client_failures(session: Session, ckey: str, now: datetime) -> int:
    q = select(func.count(CodeAttempt.id)).where(
        CodeAttempt.client_key == ckey,
        CodeAttempt.success.is_(False),
        CodeAttempt.at > now - CLIENT_WINDOW,
    )
    return int(session.scalar(q) or 0)


def check_client_allowed(session: Session, *, key: bytes, address: str, now: datetime) -> None:
    """Raise a 429 refusal when this client made too many wrong tries lately."""
    if _client_failures(session, client_key(key, address), now) >= CLIENT_MAX_FAILURES:
        raise JoinRefused(429, "too_many_tries", MSG_RATE, retry_after=int(CLIENT_WINDOW.seconds))


def _find_by_digest(session: Session, digest: str) -> Invitation | None:
    """Newest invitation with this digest (live ones first), for a code typed without hint."""
    rows = list(
        session.scalars(
            select(Invitation)
            .where(Invitation.code_hash == digest, Invitation.status != "revoked")
            .order_by(Invitation.id.desc())
            .limit(20)
        )
    )
    for inv in rows:
        call = session.get(Call, inv.call_id)
        if call is not None and call.status in LIVE_CALL_STATUSES:
            return inv
    return rows[0] if rows else None


def attempt_code(
    session: Session,
    *,
    key: bytes,
    code: str,
    now: datetime,
    address: str,
    call_hint: str | None = None,
    max_tries: int = 5,
) -> JoinGranted:
    """Judge a typed code; on success issue a join token. Raises JoinRefused.

    Every attempt is recorded (hashed client address) for rate limiting. The
    caller commits in both cases (a wrong try must be counted), so the
    refusal is raised *after* the state is written to the session.
    """
    check_client_allowed(session, key=key, address=address, now=now)
    # Attempts only matter for the rate-limit window: keep a day, drop the rest.
    session.execute(delete(CodeAttempt).where(CodeAttempt.at < now - ATTEMPTS_KEPT))
    ckey = client_key(key, address)
    attempt = CodeAttempt(client_key=ckey, at=now, success=False)
    session.add(attempt)

    cleaned = pinv.clean_code(code or "")
    digest = pinv.hash_code(key, cleaned) if cleaned is not None else None

    inv: Invitation | None = None
    if call_hint and CALL_ID_RE.match(call_hint):
        hinted = current_invitation(session, call_hint)
        hinted_call = session.get(Call, call_hint) if hinted is not None else None
        if hinted is not None and hinted_call is not None:
            if hinted_call.status in LIVE_CALL_STATUSES or (
                digest is not None and hmac.compare_digest(hinted.code_hash, digest)
            ):
                inv = hinted
    if inv is None and digest is not None:
        inv = _find_by_digest(session, digest)
    if inv is None:
        session.flush()
        raise JoinRefused(400, "code_wrong", MSG_WRONG)

    attempt.invitation_id = inv.id
    call = session.get(Call, inv.call_id)
    assert call is not None
    if inv.status == "locked":
        session.flush()
        raise JoinRefused(423, "code_locked", MSG_LOCKED)

    code_ok = digest is not None and hmac.compare_digest(inv.code_hash, digest)
    if code_ok and call.status in OVER_CALL_STATUSES:
        session.flush()
        raise JoinRefused(410, "call_over", MSG_OVER)

    state = _state(inv)
    result = pinv.check_attempt(
        state,
        cleaned if cleaned is not None else "x",
        now,
        key,
        max_tries=inv.max_tries or max_tries,
    )
    _store(inv, result.state)
    outcome = result.outcome
    if outcome is pinv.AttemptOutcome.LOCKED:
        inv.status = "locked"
        session.flush()
        raise JoinRefused(423, "code_locked", MSG_LOCKED)
    if outcome is pinv.AttemptOutcome.WRONG:
        session.flush()
        raise JoinRefused(400, "code_wrong", MSG_WRONG)
    if outcome is pinv.AttemptOutcome.EXPIRED:
        if inv.status == "active":
            inv.status = "expired"
        session.flush()
        raise JoinRefused(410, "code_expired", MSG_EXPIRED)
    if outcome is pinv.AttemptOutcome.USED:
        session.flush()
        raise JoinRefused(409, "code_used", MSG_USED)

    # OK: a first join or an allowed re-entry.
    rejoin = state.used_at is not None
    token = secrets.token_urlsafe(32)
    inv.status = "used"
    inv.join_token_hash = token_hash(token)
    # Nobody is in the call yet: the code may be typed again (a reload, a new device)
    # until the code expires, or within the rejoin window already open; the relay
    # closes it when the relative's media arrives (mark_relative_joined).
    inv.join_expires_at = state.rejoin_until if rejoin else inv.expires_at
    attempt.success = True
    session.flush()
    return JoinGranted(join_token=token, call=call, invitation=inv, rejoin=rejoin)


def call_summary(session: Session, call: Call) -> dict[str, Any]:
    """What the relative's page may know about the call (no number, no surname)."""
    det = session.get(Detainee, call.detainee_id)
    est = session.get(Establishment, call.establishment_id)
    return {
        "id": call.id,
        "detainee_first_name": det.first_name if det else "",
        "establishment": est.name if est else "",
        "allowed_seconds": call.allowed_seconds,
        "status": call.status,
        "recorded": call.recorded,
        "rules_accepted": call.rules_accepted,
    }


# --------------------------------------------------------------------------- relay hooks


def _invitation_for_token(session: Session, token: str) -> Invitation | None:
    if not TOKEN_RE.match(token or ""):
        return None
    return session.scalars(
        select(Invitation).where(Invitation.join_token_hash == token_hash(token))
    ).first()


def resolve_join_token(session: Session, token: str, now: datetime) -> Call | None:
    """The live call a relative's join token opens, or None (unknown, replaced, call over)."""
    inv = _invitation_for_token(session, token)
    if inv is None or inv.status != "used":
        return None
    call = session.get(Call, inv.call_id)
    if call is None or call.status not in LIVE_CALL_STATUSES:
        return None
    return call


def mark_relative_joined(session: Session, call_id: str, now: datetime) -> None:
    """The relay has the relative's media: no other device may enter the code now."""
    call = session.get(Call, call_id)
    if call is None:
        return
    if call.relative_joined_at is None:
        call.relative_joined_at = now
    inv = current_invitation(session, call_id)
    if inv is not None:
        inv.join_expires_at = None
    session.flush()


def mark_relative_left(
    session: Session, call_id: str, now: datetime, *, rejoin_s: int = 60
) -> None:
    """The relative dropped: the same code lets them back in within `rejoin_s`."""
    call = session.get(Call, call_id)
    if call is None or call.status not in LIVE_CALL_STATUSES:
        return
    inv = current_invitation(session, call_id)
    if inv is not None and inv.status == "used":
        _store(inv, pinv.relative_dropped(_state(inv), now, timedelta(seconds=rejoin_s)))
    session.flush()


def close_invitations(session: Session, call_id: str) -> None:
    """The call is over: no code or rejoin works any more."""
    for inv in session.scalars(select(Invitation).where(Invitation.call_id == call_id)):
        if inv.status == "active":
            inv.status = "expired"
        inv.join_expires_at = None
    session.flush()
