"""Invitation codes: 6 digits from a CSPRNG, 5-minute life, single use, few tries.

Only a keyed hash (HMAC-SHA256 with a server key, hex) is stored: it is
deterministic, so the server can find an invitation by the digest of the
code typed, and a leaked database does not give the codes (a million codes
would be trivial to brute-force from a plain hash). Comparisons are
constant-time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from policy.refusals import Refusal, RefusalCode

CODE_DIGITS = 6
CODE_TTL = timedelta(minutes=5)
MAX_TRIES = 5
REJOIN_WINDOW = timedelta(seconds=60)


def new_code() -> str:
    """Six digits from `secrets` (leading zeros kept)."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def clean_code(code: str) -> str | None:
    """The code as typed without spaces/dashes, or None if it is not six digits."""
    cleaned = "".join(ch for ch in code if ch not in " -.\u00a0\t")
    if len(cleaned) == CODE_DIGITS and cleaned.isascii() and cleaned.isdigit():
        return cleaned
    return None


def hash_code(key: bytes, code: str) -> str:
    """HMAC-SHA256 of the code under the server key, hex digest."""
    if not key:
        raise ValueError("the server key must not be empty")
    return hmac.new(key, code.encode("utf-8"), hashlib.sha256).hexdigest()


def verify_code(key: bytes, code: str, digest: str) -> bool:
    """Constant-time check of a typed code against a stored digest."""
    cleaned = clean_code(code)
    candidate = hash_code(key, cleaned if cleaned is not None else code)
    return hmac.compare_digest(candidate, digest)


class AttemptOutcome(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    EXPIRED = "expired"
    LOCKED = "locked"
    USED = "used"


_REFUSALS: dict[AttemptOutcome, RefusalCode] = {
    AttemptOutcome.WRONG: RefusalCode.CODE_WRONG,
    AttemptOutcome.EXPIRED: RefusalCode.CODE_EXPIRED,
    AttemptOutcome.LOCKED: RefusalCode.CODE_LOCKED,
    AttemptOutcome.USED: RefusalCode.CODE_USED,
}


def _aware(when: datetime, name: str) -> None:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")


@dataclass(frozen=True)
class InvitationState:
    """What is stored for one invitation (never the code itself).

    `rejoin_until`: set when the relative dropped out of a joined call; until
    then the same code lets them back in once, even after `expires_at`.
    """

    digest: str
    issued_at: datetime
    expires_at: datetime
    tries: int = 0
    used_at: datetime | None = None
    rejoin_until: datetime | None = None

    @property
    def locked(self) -> bool:
        return self.tries >= MAX_TRIES


def issue(key: bytes, now: datetime, ttl: timedelta = CODE_TTL) -> tuple[str, InvitationState]:
    """A fresh code (to send by SMS, then forget) and the state to store."""
    _aware(now, "now")
    code = new_code()
    return code, InvitationState(digest=hash_code(key, code), issued_at=now, expires_at=now + ttl)


@dataclass(frozen=True)
class AttemptResult:
    outcome: AttemptOutcome
    state: InvitationState

    @property
    def ok(self) -> bool:
        return self.outcome is AttemptOutcome.OK

    @property
    def refusal(self) -> Refusal | None:
        code = _REFUSALS.get(self.outcome)
        return Refusal.of(code) if code is not None else None


def check_attempt(
    state: InvitationState,
    code: str,
    now: datetime,
    key: bytes,
    *,
    max_tries: int = MAX_TRIES,
) -> AttemptResult:
    """Judge one typed code; returns the outcome and the state to store.

    Order: locked, used (unless inside a rejoin window), expired, then the
    code itself. A wrong code adds a try; the try that reaches `max_tries`
    answers LOCKED. A right code marks the invitation used (a join).
    """
    _aware(now, "now")
    if state.tries >= max_tries:
        return AttemptResult(AttemptOutcome.LOCKED, state)
    rejoining = (
        state.used_at is not None and state.rejoin_until is not None and now <= state.rejoin_until
    )
    if state.used_at is not None and not rejoining:
        return AttemptResult(AttemptOutcome.USED, state)
    if not rejoining and now >= state.expires_at:
        return AttemptResult(AttemptOutcome.EXPIRED, state)
    if not verify_code(key, code, state.digest):
        tried = dataclasses.replace(state, tries=state.tries + 1)
        outcome = AttemptOutcome.LOCKED if tried.tries >= max_tries else AttemptOutcome.WRONG
        return AttemptResult(outcome, tried)
    joined = dataclasses.replace(
        state, used_at=state.used_at if rejoining else now, rejoin_until=None
    )
    return AttemptResult(AttemptOutcome.OK, joined)


def relative_dropped(
    state: InvitationState, now: datetime, window: timedelta = REJOIN_WINDOW
) -> InvitationState:
    """The relative left a joined call: allow one rejoin with the same code within `window`."""
    _aware(now, "now")
    if state.used_at is None:
        return state
    return dataclasses.replace(state, rejoin_until=now + window)


def close(state: InvitationState) -> InvitationState:
    """The call ended: no more rejoin."""
    return dataclasses.replace(state, rejoin_until=None)
