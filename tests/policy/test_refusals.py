from __future__ import annotations

import re

from policy.refusals import ALLOWED, MESSAGES, Decision, Refusal, RefusalCode


def test_every_code_is_snake_case_with_a_short_french_message() -> None:
    assert set(MESSAGES) == set(RefusalCode)
    for code in RefusalCode:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", code.value)
        message = MESSAGES[code]
        assert 10 < len(message) <= 110, code
        assert message.endswith("."), code
        assert message.count(".") >= 2, f"{code}: why and what to do next"
        assert "tu " not in message.lower(), code  # vouvoiement


def test_slot_taken_message() -> None:
    assert Refusal.of(RefusalCode.SLOT_TAKEN).message == (
        "Ce créneau est déjà pris. Choisissez un autre horaire."
    )
    assert Refusal.of(RefusalCode.SLOT_TAKEN).as_dict() == {
        "code": "slot_taken",
        "message": "Ce créneau est déjà pris. Choisissez un autre horaire.",
    }


def test_decision_truthiness() -> None:
    assert ALLOWED and Decision.allow().ok and ALLOWED.refusal is None
    no = Decision.refuse(RefusalCode.QUOTA_REACHED)
    assert not no and not no.ok
    assert no.refusal == Refusal.of(RefusalCode.QUOTA_REACHED)
