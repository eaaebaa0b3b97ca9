from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from policy.authorisation import (
    AccessStatus,
    Contact,
    ContactStatus,
    Incident,
    Measure,
    VisioAccess,
    apply_sanction,
    check_call_allowed,
    is_monitored,
    is_recorded,
    sanction_for_incident,
)
from policy.refusals import RefusalCode

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
MUM = Contact("+33612345678", contact_id=1)
GRANTED = VisioAccess()


def code(access: VisioAccess, contact: Contact | None, now: datetime = NOW) -> RefusalCode | None:
    d = check_call_allowed(access=access, contact=contact, now=now)
    return d.refusal.code if d.refusal else None


def test_authorised_contact_with_access_may_be_called() -> None:
    assert check_call_allowed(access=GRANTED, contact=MUM, now=NOW)


def test_unknown_number_is_refused() -> None:
    assert code(GRANTED, None) is RefusalCode.CONTACT_NOT_AUTHORISED


def test_contact_suspended_until_a_date() -> None:
    until = NOW + timedelta(days=7)
    suspended = Contact(MUM.number, ContactStatus.SUSPENDED, suspended_until=until)
    assert code(GRANTED, suspended) is RefusalCode.CONTACT_SUSPENDED
    assert code(GRANTED, suspended, until - timedelta(seconds=1)) is RefusalCode.CONTACT_SUSPENDED
    assert code(GRANTED, suspended, until) is None  # the suspension is over
    forever = Contact(MUM.number, ContactStatus.SUSPENDED)
    assert code(GRANTED, forever, NOW + timedelta(days=3650)) is RefusalCode.CONTACT_SUSPENDED


def test_contact_withdrawn() -> None:
    assert code(GRANTED, Contact(MUM.number, ContactStatus.WITHDRAWN)) is (
        RefusalCode.CONTACT_WITHDRAWN
    )


def test_detainee_access_comes_first() -> None:
    until = NOW + timedelta(days=1)
    suspended = VisioAccess(AccessStatus.SUSPENDED, until)
    assert code(suspended, MUM) is RefusalCode.ACCESS_SUSPENDED
    assert code(suspended, None) is RefusalCode.ACCESS_SUSPENDED
    assert code(suspended, MUM, until) is None
    assert code(VisioAccess(AccessStatus.WITHDRAWN), MUM) is RefusalCode.ACCESS_WITHDRAWN


def test_every_refusal_has_a_french_message() -> None:
    d = check_call_allowed(access=GRANTED, contact=None, now=NOW)
    assert d.refusal is not None and "autorisé" in d.refusal.message


def test_protected_numbers_are_never_recorded_or_monitored() -> None:
    lawyer = Contact("+33145678901", protected=True)
    assert not is_recorded(lawyer) and not is_monitored(lawyer)
    assert is_recorded(MUM) and is_monitored(MUM)
    assert check_call_allowed(access=GRANTED, contact=lawyer, now=NOW)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        Contact(MUM.number, ContactStatus.SUSPENDED, suspended_until=datetime(2026, 12, 1))
    with pytest.raises(ValueError):
        check_call_allowed(access=GRANTED, contact=MUM, now=datetime(2026, 12, 1))


def test_sanction_targets_the_number_called_whoever_spoke() -> None:
    incident = Incident(
        call_id=42, called_number=MUM.number, occurred_at=NOW, reason="comportement violent",
        speaker="un tiers non autorisé",
    )  # fmt: skip
    until = NOW + timedelta(days=30)
    sanction = sanction_for_incident(incident, Measure.SUSPEND, until)
    assert sanction.number == MUM.number
    assert sanction.status is ContactStatus.SUSPENDED
    assert sanction.suspended_until == until
    assert sanction.call_id == 42
    after = apply_sanction(MUM, sanction)
    assert code(GRANTED, after) is RefusalCode.CONTACT_SUSPENDED
    assert code(GRANTED, after, until) is None

    withdrawal = sanction_for_incident(incident, Measure.WITHDRAW, until)
    assert withdrawal.status is ContactStatus.WITHDRAWN and withdrawal.suspended_until is None
    assert code(GRANTED, apply_sanction(MUM, withdrawal)) is RefusalCode.CONTACT_WITHDRAWN


def test_sanctions_never_soften_a_stricter_status() -> None:
    incident = Incident(call_id=1, called_number=MUM.number, occurred_at=NOW)
    withdrawn = Contact(MUM.number, ContactStatus.WITHDRAWN)
    short = sanction_for_incident(incident, Measure.SUSPEND, NOW + timedelta(days=1))
    long = sanction_for_incident(incident, Measure.SUSPEND, NOW + timedelta(days=30))
    assert apply_sanction(withdrawn, short) == withdrawn
    long_suspended = apply_sanction(MUM, long)
    assert apply_sanction(long_suspended, short) == long_suspended
    assert apply_sanction(apply_sanction(MUM, short), long) == long_suspended
    indefinite = apply_sanction(MUM, sanction_for_incident(incident, Measure.SUSPEND))
    assert apply_sanction(indefinite, long) == indefinite
    with pytest.raises(ValueError):
        apply_sanction(Contact("+33700000000"), short)
    with pytest.raises(ValueError):
        sanction_for_incident(incident, Measure.SUSPEND, NOW - timedelta(days=1))
