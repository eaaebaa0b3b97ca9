"""Starting and ending calls: the checks, the call row, the invitation and its SMS.

`start_call` runs in the request's transaction: booking window, booth,
contact authorisation, detainee's access, balance (all rules from
`policy`), then the call row (plan and tariff version of the moment), its
invitation and the SMS. With the default outbox backend the SMS is written
in the same transaction. With the HTTP backend it is sent after the commit
(never hold a database transaction across a network call); if the provider
cannot take it, the call ends as `failed` (reason `sms_failed`) and the
booth gets a clear error.

A second `POST /calls` for a booking that already has a live call
(documented choice): same contact and its code still usable → the same call
is returned (idempotent: a retried request after a lost answer sends no
second SMS); same contact but the code expired or was locked and the
relative never joined → the old call is closed (`invitation_expired`) and a
new one starts with a new code ("rappeler"); a different contact → 409
`call_already_active`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import (
    Booking,
    Booth,
    Call,
    Contact,
    Detainee,
    Establishment,
    Invitation,
)
from central.db.models import SmsMessage as SmsRow
from central.services import invitations as inv_service
from central.services.sms import SmsError, SmsGateway, SmsMessage

log = logging.getLogger(__name__)

LIVE = inv_service.LIVE_CALL_STATUSES
FAIL_REASONS = ("sms_failed", "failure", "error", "relay_failed")

MSG_OUTSIDE = (
    "Ce n'est pas l'heure de votre rendez-vous. Vous pourrez appeler pendant le créneau réservé."
)
MSG_BOOKING_OVER = "Votre rendez-vous est terminé. Réservez un nouveau créneau."
MSG_CANCELLED = "Ce rendez-vous a été annulé. Réservez un nouveau créneau."
MSG_OTHER_BOOTH = "Ce rendez-vous est prévu dans une autre cabine. Adressez-vous au surveillant."
MSG_ALREADY = (
    "Un appel est déjà en cours pour ce rendez-vous. Raccrochez-le avant d'appeler quelqu'un "
    "d'autre."
)
MSG_SMS_FAILED = (
    "Le SMS n'a pas pu être envoyé à votre proche. Réessayez dans un instant ; si cela "
    "recommence, prévenez le surveillant."
)


class CallRefused(Exception):
    """A refusal for the booth: HTTP status, stable code, French message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True)
class CallStarted:
    call: Call
    invitation: Invitation
    created: bool
    code: str | None  # the clear code, only to put into the SMS; None when reused
    sms_row_id: int | None
    balance_cents: int
    tariff_version: str


# --------------------------------------------------------------------------- helpers


def tariff_for(est: Establishment, now: datetime) -> Any:
    """The tariff in force for this establishment (its own book, or the shipped one)."""
    from parloir.tariff_data import load_default_tariff_book
    from policy.tariffs import parse_tariff_book

    book = parse_tariff_book(est.tariff) if est.tariff else load_default_tariff_book()
    return book.in_force(now)


def policy_contact(contact: Contact) -> Any:
    from policy.authorisation import Contact as PContact
    from policy.authorisation import ContactStatus

    try:
        status = ContactStatus(contact.status)
    except ValueError:
        status = ContactStatus.WITHDRAWN  # unknown status: never let it call
    return PContact(
        number=contact.phone_e164,
        status=status,
        suspended_until=contact.suspended_until if status is ContactStatus.SUSPENDED else None,
        protected=contact.protected,
        contact_id=contact.id,
    )


def policy_access(detainee: Detainee) -> Any:
    from policy.authorisation import AccessStatus, VisioAccess

    try:
        status = AccessStatus(detainee.access_status)
    except ValueError:
        status = AccessStatus.WITHDRAWN
    until = detainee.access_suspended_until if status is AccessStatus.SUSPENDED else None
    return VisioAccess(status=status, suspended_until=until)


def sms_text(
    first_name: str,
    code: str,
    expires_at: datetime,
    tz: str,
    join_url: str,
    ttl_s: int = 300,
) -> str:
    """The invitation SMS, French, times formatted by Babel («14 h 35»)."""
    from babel.dates import format_time

    local = expires_at.astimezone(ZoneInfo(tz))
    until = format_time(local, "H' h 'mm", locale="fr_FR")
    name = first_name.strip() or "Votre proche"
    if ttl_s % 60 == 0:
        minutes = ttl_s // 60
        life = f"{minutes} minute{'s' if minutes > 1 else ''}"
    else:
        life = f"{ttl_s} secondes"
    return (
        f"Parloir : {name} vous appelle en visio. Code : {code}, valable {life} "
        f"(jusqu'à {until}). {join_url}"
    )


def join_link(public_url: str, call_id: str) -> str:
    return f"{public_url.rstrip('/')}/rejoindre?c={call_id}"


# --------------------------------------------------------------------------- start


def _refuse(code: str, message: str, status: int = 409) -> CallRefused:
    return CallRefused(status, code, message)


def start_call(
    session: Session,
    *,
    booth: Booth,
    booking_id: int,
    contact_id: int,
    now: datetime,
    key: bytes,
    ttl_s: int,
    max_tries: int,
    max_call_s: int,
    public_url: str,
    store_sms_body: bool,
) -> CallStarted:
    """Check everything, create (or reuse) the call and its invitation, queue the SMS row.

    The SMS row is written here; `store_sms_body` False (HTTP backend) keeps
    the code out of the database: the body is stored with the code masked.
    """
    from policy.authorisation import check_call_allowed, is_recorded
    from policy.limits import allowed_seconds, may_start
    from policy.refusals import Refusal, RefusalCode
    from policy.tariffs import TariffError

    booking = session.get(Booking, booking_id, with_for_update=True)
    if booking is None or booking.establishment_id != booth.establishment_id:
        raise _refuse("booking_not_found", "Ce rendez-vous est introuvable.", 404)
    if booking.booth_id != booth.id:
        raise _refuse("booking_other_booth", MSG_OTHER_BOOTH)
    if booking.status != "active":
        raise _refuse("booking_cancelled", MSG_CANCELLED)
    if now < booking.starts_at:
        raise _refuse("outside_booking", MSG_OUTSIDE)
    if now >= booking.ends_at:
        raise _refuse("booking_over", MSG_BOOKING_OVER)

    detainee = session.get(Detainee, booking.detainee_id, with_for_update=True)
    est = session.get(Establishment, booking.establishment_id)
    assert detainee is not None and est is not None
    contact = session.get(Contact, contact_id)
    if contact is not None and contact.detainee_id != detainee.id:
        contact = None

    # A live call for this booking already?
    live = session.scalars(
        select(Call).where(Call.booking_id == booking.id, Call.status.in_(LIVE))
    ).first()
    if live is not None:
        current = inv_service.current_invitation(session, live.id)
        if live.contact_id != contact_id:
            raise _refuse("call_already_active", MSG_ALREADY)
        usable = current is not None and (
            current.status == "used" or (current.status == "active" and now < current.expires_at)
        )
        if usable or live.relative_joined_at is not None:
            assert current is not None
            return CallStarted(
                call=live,
                invitation=current,
                created=False,
                code=None,
                sms_row_id=None,
                balance_cents=int(detainee.balance_cents or 0),
                tariff_version=_tariff_version_or_empty(est, now),
            )
        end_call(session, live.id, "invitation_expired", now, ended_by=f"booth:{booth.id}")

    decision = check_call_allowed(
        access=policy_access(detainee),
        contact=policy_contact(contact) if contact is not None else None,
        now=now,
    )
    if not decision.ok:
        assert decision.refusal is not None
        raise _refuse(decision.refusal.code.value, decision.refusal.message)
    assert contact is not None

    balance = Decimal(int(detainee.balance_cents or 0)) / 100
    try:
        tariff = tariff_for(est, now)
    except TariffError:
        refusal = Refusal.of(RefusalCode.UNKNOWN_PLAN)
        raise _refuse(refusal.code.value, refusal.message) from None
    start = may_start(tariff, detainee.plan, balance)
    if not start.ok:
        assert start.refusal is not None
        raise _refuse(start.refusal.code.value, start.refusal.message)
    cap = min(max_call_s, est.max_call_s or max_call_s)
    allowed = allowed_seconds(
        tariff,
        detainee.plan,
        balance,
        now,
        booking.ends_at,
        max_call_seconds=cap,
        override_max_seconds=detainee.max_call_s_override,
    )
    if allowed <= 0:
        refusal = Refusal.of(RefusalCode.NO_TIME_LEFT)
        raise _refuse(refusal.code.value, refusal.message)

    pcontact = policy_contact(contact)
    call = Call(
        establishment_id=est.id,
        booth_id=booth.id,
        booking_id=booking.id,
        detainee_id=detainee.id,
        contact_id=contact.id,
        phone_e164=contact.phone_e164,
        plan=detainee.plan,
        recorded=is_recorded(pcontact),
        protected=contact.protected,
        status="inviting",
        allowed_seconds=allowed,
        created_at=now,
    )
    session.add(call)
    session.flush()
    invitation, code = inv_service.issue_invitation(
        session, call, key=key, now=now, ttl_s=ttl_s, max_tries=max_tries
    )
    body = sms_text(
        detainee.first_name,
        code,
        invitation.expires_at,
        est.timezone,
        join_link(public_url, call.id),
        ttl_s,
    )
    row = SmsRow(
        call_id=call.id,
        to_e164=contact.phone_e164,
        body=body if store_sms_body else body.replace(code, "••••••"),
        status="sent" if store_sms_body else "queued",
        attempts=0,
        created_at=now,
        sent_at=now if store_sms_body else None,
    )
    session.add(row)
    session.flush()

    from central.services import audit

    audit.append(
        session,
        f"booth:{booth.id}",
        "call.start",
        f"call:{call.id}",
        {
            "booking_id": booking.id,
            "detainee_id": detainee.id,
            "contact_id": contact.id,
            "plan": detainee.plan,
            "tariff_version": tariff.version,
            "allowed_seconds": allowed,
            "recorded": call.recorded,
            "balance_cents": int(detainee.balance_cents or 0),
        },
        at=now,
    )
    return CallStarted(
        call=call,
        invitation=invitation,
        created=True,
        code=code,
        sms_row_id=row.id,
        balance_cents=int(detainee.balance_cents or 0),
        tariff_version=tariff.version,
    )


def _tariff_version_or_empty(est: Establishment, now: datetime) -> str:
    try:
        return str(tariff_for(est, now).version)
    except ValueError:
        return ""


def send_sms_after_commit(
    session: Session,
    gateway: SmsGateway,
    started: CallStarted,
    now: datetime,
) -> bool:
    """HTTP backend: hand the SMS to the provider; on failure the call ends (`sms_failed`).

    Runs after the call was committed; commits its own result.
    """
    assert started.code is not None and started.sms_row_id is not None
    row = session.get(SmsRow, started.sms_row_id)
    assert row is not None
    body = row.body.replace("••••••", started.code)
    message = SmsMessage(
        to=row.to_e164,
        body=body,
        call_id=started.call.id,
        message_id=f"sms-{row.id}-{started.call.id}",
    )
    try:
        receipt = gateway.send(message)
    except SmsError as exc:
        row.status = "failed"
        row.attempts = exc.attempts
        row.last_error = str(exc)
        end_call(session, started.call.id, "sms_failed", now, ended_by="sms")
        session.commit()
        log.warning("invitation SMS failed for call %s: %s", started.call.id, exc)
        return False
    row.status = "sent"
    row.attempts = receipt.attempts
    row.provider_ref = receipt.provider_ref
    row.sent_at = now
    session.commit()
    return True


# --------------------------------------------------------------------------- end


def end_call(
    session: Session,
    call_id: str,
    reason: str,
    now: datetime,
    *,
    ended_by: str = "",
) -> Call | None:
    """End a call once (idempotent: an ended call is returned unchanged).

    Called by the booth endpoint and by the relay (hang-up, time, monitor,
    failure). Closes the invitation so the code and any rejoin stop working.
    """
    call = session.get(Call, call_id, with_for_update=True)
    if call is None:
        return None
    if call.status not in LIVE:
        return call
    reason = (reason or "ended").strip()[:32] or "ended"
    call.status = "failed" if reason in FAIL_REASONS else "ended"
    call.ended_at = now
    call.end_reason = reason
    call.ended_by = (ended_by or "")[:100]
    inv_service.close_invitations(session, call.id)
    from central.services import audit

    audit.append(
        session,
        ended_by or "system",
        "call.end",
        f"call:{call.id}",
        {"reason": reason, "status": call.status},
        at=now,
    )
    session.flush()
    return call


def mark_connected(session: Session, call_id: str, now: datetime) -> None:
    """Both sides have media (the relay says so): the call is `connected`."""
    call = session.get(Call, call_id)
    if call is None or call.status not in LIVE:
        return
    call.status = "connected"
    if call.connected_at is None:
        call.connected_at = now
    session.flush()
