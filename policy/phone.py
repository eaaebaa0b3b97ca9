"""Phone numbers: validated and normalised to E.164 with `phonenumbers` (France by default).

`phonenumbers` is Google's libphonenumber metadata: it knows which French
(and foreign) numbers are valid and how to format them, which a regex does not.
"""

from __future__ import annotations

import phonenumbers

from policy.refusals import MESSAGES, RefusalCode

MASK = "•"

#: Overseas departments and collectivities dialled with a national 0 from
#: mainland France (0590..., 0692...) but with their own country codes in E.164.
FRENCH_OVERSEAS = ("GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF")


class PhoneError(ValueError):
    """A number that cannot be used; `message` is French, fit to show."""

    code = RefusalCode.PHONE_INVALID

    def __init__(self, number: str, message: str = MESSAGES[RefusalCode.PHONE_INVALID]) -> None:
        super().__init__(message)
        self.number = number
        self.message = message


def _parse(number: str, region: str) -> phonenumbers.PhoneNumber:
    if not isinstance(number, str) or not number.strip():
        raise PhoneError(str(number), "Le numéro de téléphone est vide. Saisissez-le.")
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        raise PhoneError(number) from None
    if phonenumbers.is_valid_number(parsed):
        return parsed
    if region == "FR" and not number.strip().startswith(("+", "00")):
        for overseas in FRENCH_OVERSEAS:
            try:
                candidate = phonenumbers.parse(number, overseas)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(candidate):
                return candidate
    raise PhoneError(number)


def normalise(number: str, region: str = "FR") -> str:
    """`"06 12 34 56 78"` → `"+33612345678"`; PhoneError for anything not a valid number."""
    return phonenumbers.format_number(_parse(number, region), phonenumbers.PhoneNumberFormat.E164)


def is_valid(number: str, region: str = "FR") -> bool:
    try:
        _parse(number, region)
    except PhoneError:
        return False
    return True


def is_mobile(number: str, region: str = "FR") -> bool:
    """Whether the number can receive the SMS (mobile, or either mobile or fixed)."""
    kind = phonenumbers.number_type(_parse(number, region))
    return kind in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def _mask_digits(text: str, keep_first: int, keep_last: int) -> str:
    total = sum(ch.isdigit() for ch in text)
    out: list[str] = []
    index = 0
    for ch in text:
        if ch.isdigit():
            keep = index < keep_first or index >= total - keep_last
            out.append(ch if keep else MASK)
            index += 1
        else:
            out.append(ch)
    return "".join(out)


def mask(e164: str) -> str:
    """`"+33612345612"` → `"06 •• •• •• 12"`: enough to recognise, not to dial.

    French numbers in national format (first two and last two digits shown);
    others in international format (country code and last two digits shown).
    Display only: a number the library cannot parse still gets masked (last
    two digits shown), never an error.
    """
    try:
        parsed = phonenumbers.parse(e164, "FR")
        if not phonenumbers.is_possible_number(parsed):
            raise phonenumbers.NumberParseException(1, "impossible number")
    except phonenumbers.NumberParseException:
        digits = "".join(ch for ch in str(e164) if ch.isdigit())
        return MASK * max(0, len(digits) - 2) + digits[-2:]
    if parsed.country_code == 33:
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        return _mask_digits(national, 2, 2)
    intl = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    country = f"+{parsed.country_code}"
    rest = intl[len(country) :] if intl.startswith(country) else intl
    return country + _mask_digits(rest, 0, 2)
