from __future__ import annotations

import pytest

from policy.phone import PhoneError, is_mobile, is_valid, mask, normalise
from policy.refusals import RefusalCode


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("0612345678", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033612345678", "+33612345678"),
        ("01 45 67 89 01", "+33145678901"),
        ("+32 470 12 34 56", "+32470123456"),
        ("0590 27 12 34", "+590590271234"),  # Guadeloupe fixed line, from France
        ("0692 12 34 56", "+262692123456"),  # Réunion mobile
    ],
)
def test_normalise_to_e164(raw: str, e164: str) -> None:
    assert normalise(raw) == e164
    assert is_valid(raw)


def test_region_can_change() -> None:
    assert normalise("0470 12 34 56", region="BE") == "+32470123456"


@pytest.mark.parametrize("bad", ["", "   ", "abc", "06 12", "+33 6 12 34 56 78 90", "0012"])
def test_bad_numbers_raise_a_typed_french_error(bad: str) -> None:
    with pytest.raises(PhoneError) as info:
        normalise(bad)
    assert info.value.code is RefusalCode.PHONE_INVALID
    assert "numéro" in info.value.message
    assert not is_valid(bad)


def test_mobile_detection() -> None:
    assert is_mobile("06 12 34 56 78")
    assert not is_mobile("01 45 67 89 01")


def test_mask() -> None:
    assert mask("+33612345612") == "06 •• •• •• 12"
    assert mask("+33145678901") == "01 •• •• •• 01"
    masked = mask("+32470123456")
    assert masked.startswith("+32") and masked.endswith("56")
    assert "0123" not in masked.replace(" ", "")
    assert mask("not a number 1234") == "••34"
