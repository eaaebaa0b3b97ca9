"""Typed refusals: a stable snake_case code (the HTTP error code) and a short French message.

Messages are read by a detainee in a booth or a relative on a phone: short,
plain French (vouvoiement), saying why and what to do next.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RefusalCode(StrEnum):
    """Every reason a rule can say no. Values are stable: the API and the kiosk use them."""

    # Bookings
    SLOT_IN_PAST = "slot_in_past"
    SLOT_NOT_OFFERED = "slot_not_offered"
    NOTICE_TOO_SHORT = "notice_too_short"
    TOO_FAR_AHEAD = "too_far_ahead"
    SLOT_TAKEN = "slot_taken"
    DETAINEE_OVERLAP = "detainee_overlap"
    QUOTA_REACHED = "quota_reached"
    CANCELLATION_TOO_LATE = "cancellation_too_late"
    BOOKING_STARTED = "booking_started"
    # Calls: balance and time
    BALANCE_TOO_LOW = "balance_too_low"
    NO_TIME_LEFT = "no_time_left"
    UNKNOWN_PLAN = "unknown_plan"
    # Calls: authorisation
    CONTACT_NOT_AUTHORISED = "contact_not_authorised"
    CONTACT_SUSPENDED = "contact_suspended"
    CONTACT_WITHDRAWN = "contact_withdrawn"
    ACCESS_SUSPENDED = "access_suspended"
    ACCESS_WITHDRAWN = "access_withdrawn"
    # Invitation codes (the relative's side)
    CODE_WRONG = "code_wrong"
    CODE_EXPIRED = "code_expired"
    CODE_LOCKED = "code_locked"
    CODE_USED = "code_used"
    # Phone numbers
    PHONE_INVALID = "phone_invalid"


MESSAGES: dict[RefusalCode, str] = {
    RefusalCode.SLOT_IN_PAST: "Ce créneau est déjà passé. Choisissez un autre horaire.",
    RefusalCode.SLOT_NOT_OFFERED: (
        "Ce créneau n'est pas proposé à la réservation. Choisissez un horaire dans la liste."
    ),
    RefusalCode.NOTICE_TOO_SHORT: (
        "Ce créneau commence trop tôt pour être réservé. Choisissez un horaire plus tard."
    ),
    RefusalCode.TOO_FAR_AHEAD: (
        "Ce créneau est trop loin dans le temps. Réservez-le dans quelques jours."
    ),
    RefusalCode.SLOT_TAKEN: "Ce créneau est déjà pris. Choisissez un autre horaire.",
    RefusalCode.DETAINEE_OVERLAP: (
        "Vous avez déjà un rendez-vous à cette heure-là. Choisissez un autre horaire."
    ),
    RefusalCode.QUOTA_REACHED: (
        "Vous avez atteint le nombre de rendez-vous autorisés pour cette période. "
        "Réservez pour la période suivante."
    ),
    RefusalCode.CANCELLATION_TOO_LATE: (
        "Il est trop tard pour annuler ce rendez-vous. Adressez-vous au surveillant."
    ),
    RefusalCode.BOOKING_STARTED: ("Ce rendez-vous a déjà commencé. Il ne peut plus être annulé."),
    RefusalCode.BALANCE_TOO_LOW: (
        "Votre crédit est insuffisant pour appeler. Rechargez votre compte téléphonie."
    ),
    RefusalCode.NO_TIME_LEFT: (
        "Il ne reste plus de temps sur ce créneau. Réservez un nouveau rendez-vous."
    ),
    RefusalCode.UNKNOWN_PLAN: (
        "Votre formule de paiement est inconnue. Adressez-vous au surveillant."
    ),
    RefusalCode.CONTACT_NOT_AUTHORISED: (
        "Ce numéro n'est pas autorisé. Demandez son autorisation au greffe."
    ),
    RefusalCode.CONTACT_SUSPENDED: (
        "Ce numéro est suspendu pour le moment. Appelez un autre proche."
    ),
    RefusalCode.CONTACT_WITHDRAWN: ("Ce numéro n'est plus autorisé. Adressez-vous au greffe."),
    RefusalCode.ACCESS_SUSPENDED: (
        "Votre accès à la visio est suspendu pour le moment. Adressez-vous au surveillant."
    ),
    RefusalCode.ACCESS_WITHDRAWN: (
        "Votre accès à la visio a été retiré. Adressez-vous au surveillant."
    ),
    RefusalCode.CODE_WRONG: "Ce code n'est pas le bon. Vérifiez le SMS et réessayez.",
    RefusalCode.CODE_EXPIRED: ("Ce code a expiré. Demandez à votre proche de vous rappeler."),
    RefusalCode.CODE_LOCKED: (
        "Trop d'essais avec ce code. Demandez à votre proche de vous rappeler."
    ),
    RefusalCode.CODE_USED: ("Ce code a déjà servi. Demandez à votre proche de vous rappeler."),
    RefusalCode.PHONE_INVALID: (
        "Ce numéro de téléphone n'est pas valide. Vérifiez-le et recommencez."
    ),
}


@dataclass(frozen=True)
class Refusal:
    """Why a rule said no: `code` for machines, `message` for the person in front of the screen."""

    code: RefusalCode
    message: str

    @classmethod
    def of(cls, code: RefusalCode) -> Refusal:
        """The refusal with its standard French message."""
        return cls(code, MESSAGES[code])

    def as_dict(self) -> dict[str, str]:
        """The `{"code", "message"}` body used by the HTTP API."""
        return {"code": self.code.value, "message": self.message}


@dataclass(frozen=True)
class Decision:
    """Outcome of a check. Truthy when allowed, so `if not check(...)` reads right.

    A bare `Refusal | None` would be falsy when allowed, an easy way to invert a rule.
    """

    refusal: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None

    def __bool__(self) -> bool:
        return self.ok

    @classmethod
    def allow(cls) -> Decision:
        return cls(None)

    @classmethod
    def refuse(cls, code: RefusalCode) -> Decision:
        return cls(Refusal.of(code))


ALLOWED = Decision()
