"""Who may be called, and sanctions.

The visio authorisations are the telephony ones: a detainee may call only an
authorised contact, while their own visio access is granted. Protected
numbers (lawyer, CGLPL, Défenseur des droits...) are never listened to or
recorded. A sanction applies to the number called during the incident,
whoever was speaking (source document).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from policy.refusals import Decision, RefusalCode

Id = int | str


class ContactStatus(StrEnum):
    """Status of an authorised number of a detainee."""

    AUTHORISED = "authorised"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"


class AccessStatus(StrEnum):
    """Status of a detainee's access to visio."""

    GRANTED = "granted"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"


class Measure(StrEnum):
    """What the head of establishment decides after an incident."""

    SUSPEND = "suspend"
    WITHDRAW = "withdraw"


def _aware(when: datetime | None, name: str) -> None:
    if when is not None and (when.tzinfo is None or when.utcoffset() is None):
        raise ValueError(f"{name} must be timezone-aware")


@dataclass(frozen=True)
class Contact:
    """An authorised number of a detainee. `suspended_until=None` with SUSPENDED = indefinitely."""

    number: str
    status: ContactStatus = ContactStatus.AUTHORISED
    suspended_until: datetime | None = None
    protected: bool = False
    contact_id: Id | None = None

    def __post_init__(self) -> None:
        _aware(self.suspended_until, "suspended_until")

    def effective_status(self, now: datetime) -> ContactStatus:
        """A suspension whose end date has passed counts as authorised again."""
        if (
            self.status is ContactStatus.SUSPENDED
            and self.suspended_until is not None
            and now >= self.suspended_until
        ):
            return ContactStatus.AUTHORISED
        return self.status


@dataclass(frozen=True)
class VisioAccess:
    """A detainee's visio access. `suspended_until=None` with SUSPENDED = indefinitely."""

    status: AccessStatus = AccessStatus.GRANTED
    suspended_until: datetime | None = None

    def __post_init__(self) -> None:
        _aware(self.suspended_until, "suspended_until")

    def effective_status(self, now: datetime) -> AccessStatus:
        if (
            self.status is AccessStatus.SUSPENDED
            and self.suspended_until is not None
            and now >= self.suspended_until
        ):
            return AccessStatus.GRANTED
        return self.status


def check_call_allowed(*, access: VisioAccess, contact: Contact | None, now: datetime) -> Decision:
    """May the detainee call this contact now? `contact=None`: the number is not on their list.

    The detainee's own access is checked first (it is the broader measure).
    """
    _aware(now, "now")
    match access.effective_status(now):
        case AccessStatus.WITHDRAWN:
            return Decision.refuse(RefusalCode.ACCESS_WITHDRAWN)
        case AccessStatus.SUSPENDED:
            return Decision.refuse(RefusalCode.ACCESS_SUSPENDED)
    if contact is None:
        return Decision.refuse(RefusalCode.CONTACT_NOT_AUTHORISED)
    match contact.effective_status(now):
        case ContactStatus.WITHDRAWN:
            return Decision.refuse(RefusalCode.CONTACT_WITHDRAWN)
        case ContactStatus.SUSPENDED:
            return Decision.refuse(RefusalCode.CONTACT_SUSPENDED)
    return Decision.allow()


def is_recorded(contact: Contact) -> bool:
    """Calls to a protected number are never recorded."""
    return not contact.protected


def is_monitored(contact: Contact) -> bool:
    """Calls to a protected number are never listened to live."""
    return not contact.protected


@dataclass(frozen=True)
class Incident:
    """An incident flagged on a call. `speaker` is recorded but never changes who is sanctioned."""

    call_id: Id
    called_number: str
    occurred_at: datetime
    reason: str = ""
    speaker: str | None = None

    def __post_init__(self) -> None:
        _aware(self.occurred_at, "occurred_at")


@dataclass(frozen=True)
class Sanction:
    """The new status of the number called during the incident."""

    number: str
    status: ContactStatus
    suspended_until: datetime | None
    call_id: Id


def sanction_for_incident(
    incident: Incident, measure: Measure, until: datetime | None = None
) -> Sanction:
    """The number to sanction is the number called, whoever was speaking.

    SUSPEND with `until` (None = until lifted by staff); WITHDRAW ignores `until`.
    """
    _aware(until, "until")
    if measure is Measure.WITHDRAW:
        return Sanction(incident.called_number, ContactStatus.WITHDRAWN, None, incident.call_id)
    if until is not None and until <= incident.occurred_at:
        raise ValueError("a suspension must end after the incident")
    return Sanction(incident.called_number, ContactStatus.SUSPENDED, until, incident.call_id)


def apply_sanction(contact: Contact, sanction: Sanction) -> Contact:
    """The contact after the sanction; never softens a stricter status already in place."""
    if sanction.number != contact.number:
        raise ValueError("this sanction is for another number")
    if contact.status is ContactStatus.WITHDRAWN:
        return contact
    if sanction.status is ContactStatus.SUSPENDED and contact.status is ContactStatus.SUSPENDED:
        current, new = contact.suspended_until, sanction.suspended_until
        if current is None or (new is not None and new <= current):
            return contact
    return dataclasses.replace(
        contact, status=sanction.status, suspended_until=sanction.suspended_until
    )
