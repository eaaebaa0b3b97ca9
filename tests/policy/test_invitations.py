from __future__ import annotations

import hmac
import re
import secrets
from datetime import UTC, datetime, timedelta

import pytest

from policy import invitations as inv
from policy.invitations import (
    CODE_TTL,
    MAX_TRIES,
    AttemptOutcome,
    check_attempt,
    hash_code,
    issue,
    new_code,
    relative_dropped,
    verify_code,
)
from policy.refusals import RefusalCode

KEY = b"server-key-for-tests"
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def test_codes_are_six_digits_and_vary() -> None:
    codes = {new_code() for _ in range(200)}
    assert all(re.fullmatch(r"\d{6}", c) for c in codes)
    assert len(codes) > 190


def test_code_comes_from_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(secrets, "randbelow", lambda n: 42)
    assert new_code() == "000042"  # leading zeros kept


def test_only_a_keyed_hash_is_stored() -> None:
    code, state = issue(KEY, NOW)
    assert code not in repr(state)
    assert state.digest == hmac.new(KEY, code.encode(), "sha256").hexdigest()
    assert hash_code(b"other key", code) != state.digest
    assert re.fullmatch(r"[0-9a-f]{64}", state.digest)
    assert state.expires_at == NOW + CODE_TTL == NOW + timedelta(minutes=5)
    with pytest.raises(ValueError):
        hash_code(b"", code)


def test_verify_uses_compare_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str]] = []
    real = hmac.compare_digest

    def spy(a: str, b: str) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    digest = hash_code(KEY, "123456")
    assert verify_code(KEY, "123456", digest)
    assert verify_code(KEY, "123 456", digest)  # as read aloud from the SMS
    assert not verify_code(KEY, "123457", digest)
    assert not verify_code(KEY, "", digest)
    assert len(calls) == 4


def test_right_code_joins_once() -> None:
    code, state = issue(KEY, NOW)
    first = check_attempt(state, code, NOW + timedelta(minutes=1), KEY)
    assert first.outcome is AttemptOutcome.OK and first.ok and first.refusal is None
    assert first.state.used_at == NOW + timedelta(minutes=1)
    again = check_attempt(first.state, code, NOW + timedelta(minutes=2), KEY)
    assert again.outcome is AttemptOutcome.USED
    assert again.refusal is not None and again.refusal.code is RefusalCode.CODE_USED


def test_expires_after_five_minutes() -> None:
    code, state = issue(KEY, NOW)
    assert check_attempt(state, code, NOW + timedelta(seconds=299), KEY).ok
    late = check_attempt(state, code, NOW + CODE_TTL, KEY)
    assert late.outcome is AttemptOutcome.EXPIRED
    assert late.state == state
    assert late.refusal is not None and "expiré" in late.refusal.message


def test_wrong_tries_lock_the_code() -> None:
    code, state = issue(KEY, NOW)
    wrong = "000000" if code != "000000" else "111111"
    for i in range(1, MAX_TRIES):
        result = check_attempt(state, wrong, NOW, KEY)
        assert result.outcome is AttemptOutcome.WRONG
        assert result.state.tries == i
        state = result.state
    last = check_attempt(state, wrong, NOW, KEY)
    assert last.outcome is AttemptOutcome.LOCKED and last.state.tries == MAX_TRIES == 5
    assert last.state.locked
    # even the right code is refused once locked, and nothing changes any more
    after = check_attempt(last.state, code, NOW, KEY)
    assert after.outcome is AttemptOutcome.LOCKED and after.state == last.state


def test_wrong_then_right_within_the_limit() -> None:
    code, state = issue(KEY, NOW)
    wrong = "000000" if code != "000000" else "111111"
    state = check_attempt(state, wrong, NOW, KEY).state
    result = check_attempt(state, code, NOW, KEY)
    assert result.ok and result.state.tries == 1


def test_rejoin_within_60_seconds_after_a_drop() -> None:
    code, state = issue(KEY, NOW)
    joined = check_attempt(state, code, NOW + timedelta(minutes=4), KEY).state
    dropped_at = NOW + timedelta(minutes=10)  # after the code's 5 minutes
    dropped = relative_dropped(joined, dropped_at)
    assert dropped.rejoin_until == dropped_at + timedelta(seconds=60)
    back = check_attempt(dropped, code, dropped_at + timedelta(seconds=45), KEY)
    assert back.ok
    assert back.state.used_at == joined.used_at and back.state.rejoin_until is None
    # the rejoin is single use too
    assert check_attempt(back.state, code, dropped_at + timedelta(seconds=50), KEY).outcome is (
        AttemptOutcome.USED
    )
    # too late
    late = check_attempt(dropped, code, dropped_at + timedelta(seconds=61), KEY)
    assert late.outcome is AttemptOutcome.USED
    # a wrong code in the window counts as a try
    wrong = "000000" if code != "000000" else "111111"
    assert check_attempt(dropped, wrong, dropped_at, KEY).state.tries == 1
    assert inv.close(dropped).rejoin_until is None


def test_drop_before_join_does_not_open_a_window() -> None:
    _, state = issue(KEY, NOW)
    assert relative_dropped(state, NOW) == state


def test_naive_time_is_refused() -> None:
    code, state = issue(KEY, NOW)
    with pytest.raises(ValueError):
        check_attempt(state, code, datetime(2026, 11, 26, 9, 1), KEY)
