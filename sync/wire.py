"""Wire schemas of the booth API (central ⇄ booth), shared by both sides.

Owned by central-core; the booth's sync client and the central endpoints
both validate with these models, so a field renamed on one side fails the
tests of the other. Pure pydantic: no database, no HTTP.

Conventions:
- ids of central rows are integers, except call ids (UUID strings);
- times are timezone-aware ISO-8601 (central answers in UTC);
- money is integer cents;
- client ids (`client_id`) are the booth's idempotency keys: sending the
  same item twice is harmless, the answer says `duplicate`;
- request bodies ignore unknown fields (a newer booth can talk to an older
  central), but every known field is type-checked.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

API_PREFIX = "/api/v1"
#: Most items accepted in one POST batch (usage, self-tests, audit events).
MAX_BATCH = 200

ClientId = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:\-]+$")
]
CallId = Annotated[str, StringConstraints(min_length=1, max_length=36, pattern=r"^[A-Za-z0-9\-]+$")]
#: Row ids are 32-bit integers in the database (PostgreSQL INTEGER).
MAX_ROW_ID = 2**31 - 1
RowId = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]
ShortText = Annotated[str, StringConstraints(max_length=200)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=100)]
Cents = Annotated[int, Field(ge=-(10**9), le=10**9)]
Seconds = Annotated[int, Field(ge=0, le=24 * 3600)]
ItemStatus = Literal["accepted", "duplicate", "rejected"]

#: Times a booth may send: years 2000-2100 (anything else is a broken clock or input).
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


def _plausible(value: dt.datetime) -> dt.datetime:
    try:
        utc = value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("date hors limites") from None
    if not EARLIEST <= utc < LATEST:
        raise ValueError("date hors limites (années 2000 à 2099)")
    return utc


#: A timezone-aware time sent by a booth, normalised to UTC, within years 2000-2099.
Timestamp = Annotated[AwareDatetime, AfterValidator(_plausible)]


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    if isinstance(value, BaseModel):
        fields = any(_has_nul(getattr(value, name)) for name in type(value).model_fields)
        return fields or _has_nul(value.model_extra or {})
    return False


class _In(BaseModel):
    """A request body: unknown keys ignored, known keys validated.

    NUL characters are refused anywhere (PostgreSQL text cannot hold them).
    """

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    @model_validator(mode="after")
    def _no_nul(self) -> Self:
        if _has_nul(self):
            raise ValueError("caractère NUL interdit")
        return self


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


# --- errors, health, time --------------------------------------------------------------


class ErrorDetail(_Out):
    code: str = Field(description="snake_case, stable (policy refusal codes included)")
    message: str = Field(description="French text for a person")


class ErrorBody(_Out):
    """Every 4xx/5xx answer."""

    error: ErrorDetail


class Health(_Out):
    status: Literal["ok"] = "ok"


class ServerTime(_Out):
    now: AwareDatetime


# --- reference data (central → booth) ------------------------------------------------


class EstablishmentRef(_Out):
    id: int
    name: str
    timezone: str
    #: `{"mon": ["08:00-20:00"], ...}`, local time, missing day = closed
    #: (policy.booking.OpeningHours.parse reads it).
    opening_hours: dict[str, list[str]]
    slot_minutes: int
    max_call_s: int
    #: Overrides of policy.booking.BookingRules fields (minutes for durations).
    booking_rules: dict[str, Any]
    retention_days: int


class BoothRef(_Out):
    id: int
    name: str
    establishment_id: int


class DetaineeRef(_Out):
    id: int
    ecrou: str
    last_name: str
    first_name: str
    #: argon2id hash of the PIN (booths verify offline); None = no PIN yet.
    pin_hash: str | None
    access_status: str  # policy.authorisation.AccessStatus value
    access_suspended_until: AwareDatetime | None = None
    priority: bool
    language: str | None = None
    balance_cents: int
    plan: str  # policy.tariffs.PLANS value
    #: Longest call allowed for this detainee (establishment value or an override).
    max_call_s: int
    revision: int


class ContactRef(_Out):
    id: int
    detainee_id: int
    name: str
    relationship: str
    #: Only a masked number reaches the booth (policy.phone.mask).
    phone_masked: str
    status: str  # policy.authorisation.ContactStatus value
    suspended_until: AwareDatetime | None = None
    protected: bool
    revision: int


class BookingRef(_Out):
    id: int
    booth_id: int
    detainee_id: int
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    status: Literal["active", "cancelled"]
    revision: int


class StaffRef(_Out):
    id: int
    role: Literal["guard", "technician", "monitor", "admin"]
    display_name: str
    pin_hash: str | None
    active: bool
    revision: int


class Deletion(_Out):
    """A row removed on central: the booth drops it from its cache."""

    kind: Literal["detainee", "contact", "booking", "staff"]
    id: int


class ReferenceBatch(_Out):
    """`GET /api/v1/booth/reference?cursor=C`: what changed since C for this booth.

    Pull again with `cursor` until `has_more` is false. `reset` true means
    the booth must forget its cached reference data first (first pull, or
    central's database was replaced). The establishment, the booth itself and
    the tariff book are always included.
    """

    cursor: str
    has_more: bool
    reset: bool
    server_time: AwareDatetime
    establishment: EstablishmentRef
    booth: BoothRef
    #: The tariff book (policy.tariffs.TariffBook.as_mapping(); parse_tariff_book reads it).
    tariff: dict[str, Any]
    detainees: list[DetaineeRef] = Field(default_factory=list)
    contacts: list[ContactRef] = Field(default_factory=list)
    bookings: list[BookingRef] = Field(default_factory=list)
    staff: list[StaffRef] = Field(default_factory=list)
    deleted: list[Deletion] = Field(default_factory=list)


# --- slots and bookings --------------------------------------------------------------


class SlotOut(_Out):
    starts_at: AwareDatetime
    ends_at: AwareDatetime


class SlotList(_Out):
    """`GET /api/v1/slots?date=YYYY-MM-DD&detainee_id=ID`: bookable slots on this booth."""

    date: dt.date
    booth_id: int
    detainee_id: int
    slots: list[SlotOut]


class BookingRequest(_In):
    """`POST /api/v1/bookings` (the booth is the one of the token)."""

    detainee_id: RowId
    starts_at: Timestamp
    #: Optional idempotency key: the same key again returns the same booking.
    client_ref: ClientId | None = None


class BookingOut(BookingRef):
    """Answer of POST /bookings (201) and DELETE /bookings/{id} (200)."""


# --- usage records, self-tests, audit events (booth → central) ----------------------


class UsageRecord(_In):
    """The CDR of one call, written by the booth at the end of the call.

    Central prices it itself (policy.billing.price_call on the call's plan
    and `connected_seconds`); `price_cents` is the booth's own figure, kept
    for comparison only.
    """

    call_id: CallId
    booking_id: RowId | None = None
    detainee_id: RowId
    contact_id: RowId | None = None
    plan: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    started_at: Timestamp
    connected_at: Timestamp | None = None
    ended_at: Timestamp
    connected_seconds: Seconds
    end_reason: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    price_cents: Annotated[int, Field(ge=0, le=10**7)] | None = None


class UsageBatch(_In):
    records: Annotated[list[UsageRecord], Field(min_length=1, max_length=MAX_BATCH)]


class ItemResult(_Out):
    """Outcome of one pushed item. `accepted` and `duplicate` mean: stop resending it.

    `rejected` means central will never accept it (code/message say why):
    keep it locally, do not resend.
    """

    id: str
    status: ItemStatus
    code: str | None = None
    message: str | None = None


class UsageResult(ItemResult):
    """`id` is the call id; the price and balance are central's, after the debit."""

    price_cents: int | None = None
    balance_cents: int | None = None


class UsageAck(_Out):
    results: list[UsageResult]


class SelfTestCheck(_In):
    """One check of a self-test run (camera, microphone, speaker, screen, network...)."""

    model_config = ConfigDict(extra="allow")
    name: Name
    ok: bool
    message: Annotated[str, StringConstraints(max_length=2000)] = ""
    data: dict[str, Any] = Field(default_factory=dict)


class SelfTestReport(_In):
    client_id: ClientId
    at: Timestamp
    ok: bool
    results: Annotated[list[SelfTestCheck], Field(max_length=100)] = Field(default_factory=list)


class SelfTestBatch(_In):
    reports: Annotated[list[SelfTestReport], Field(min_length=1, max_length=MAX_BATCH)]


class AuditEventIn(_In):
    """An event that happened on a booth (login, unlock, end of session, clock drift...).

    Never put a secret (PIN, code, token) in `details`: central redacts keys
    that look like one anyway.
    """

    client_id: ClientId
    at: Timestamp
    action: Name
    #: Who did it on the booth: "booth", "detainee:12", "guard:3"...
    actor: Name = "booth"
    subject: ShortText = ""
    details: dict[str, Any] = Field(default_factory=dict)


class AuditBatch(_In):
    events: Annotated[list[AuditEventIn], Field(min_length=1, max_length=MAX_BATCH)]


class PushAck(_Out):
    """Answer of POST /selftests and POST /audit: one result per item, in order."""

    results: list[ItemResult]


__all__ = [
    "API_PREFIX",
    "MAX_BATCH",
    "AuditBatch",
    "AuditEventIn",
    "BookingOut",
    "BookingRef",
    "BookingRequest",
    "BoothRef",
    "ContactRef",
    "Deletion",
    "DetaineeRef",
    "ErrorBody",
    "ErrorDetail",
    "EstablishmentRef",
    "Health",
    "ItemResult",
    "PushAck",
    "ReferenceBatch",
    "SelfTestBatch",
    "SelfTestCheck",
    "SelfTestReport",
    "ServerTime",
    "SlotList",
    "SlotOut",
    "StaffRef",
    "UsageAck",
    "UsageBatch",
    "UsageRecord",
    "UsageResult",
]
