"""The words of the flow's messages (`Msg` keys), refusal reasons and end reasons.

Every string goes through Qt's translation system (context "Texts"); French
is the source. Central's own French message is used only for a refusal code
the kiosk does not know, so a detainee never sees an empty or English-only
reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from kiosk import i18n
from kiosk.flow import Msg


def refusal_text(code: str, fallback: str = "") -> str:
    table: dict[str, Callable[[], str]] = {
        "slot_in_past": lambda: QCoreApplication.translate(
            "Texts", "Ce créneau est déjà passé. Choisissez un autre horaire."
        ),
        "slot_not_offered": lambda: QCoreApplication.translate(
            "Texts", "Ce créneau n'est pas proposé. Choisissez un horaire dans la liste."
        ),
        "notice_too_short": lambda: QCoreApplication.translate(
            "Texts",
            "Ce créneau commence trop tôt pour être réservé (délai de prévenance). "
            "Choisissez un horaire plus tard.",
        ),
        "too_far_ahead": lambda: QCoreApplication.translate(
            "Texts", "Ce créneau est trop loin dans le temps. Réservez-le dans quelques jours."
        ),
        "slot_taken": lambda: QCoreApplication.translate(
            "Texts", "Ce créneau vient d'être pris. Choisissez un autre horaire."
        ),
        "detainee_overlap": lambda: QCoreApplication.translate(
            "Texts", "Vous avez déjà un rendez-vous à cette heure-là. Choisissez un autre horaire."
        ),
        "quota_reached": lambda: QCoreApplication.translate(
            "Texts",
            "Vous avez atteint le nombre de rendez-vous autorisés pour cette période. "
            "Réservez pour la période suivante.",
        ),
        "cancellation_too_late": lambda: QCoreApplication.translate(
            "Texts", "Il est trop tard pour annuler ce rendez-vous. Adressez-vous au surveillant."
        ),
        "booking_started": lambda: QCoreApplication.translate(
            "Texts", "Ce rendez-vous a déjà commencé. Il ne peut plus être annulé."
        ),
        "balance_too_low": lambda: QCoreApplication.translate(
            "Texts", "Votre crédit est insuffisant pour appeler. Rechargez votre compte téléphonie."
        ),
        "no_time_left": lambda: QCoreApplication.translate(
            "Texts", "Il ne reste plus de temps sur ce créneau. Réservez un nouveau rendez-vous."
        ),
        "unknown_plan": lambda: QCoreApplication.translate(
            "Texts", "Votre formule de paiement est inconnue. Adressez-vous au surveillant."
        ),
        "contact_not_authorised": lambda: QCoreApplication.translate(
            "Texts", "Ce numéro n'est pas autorisé. Demandez son autorisation au greffe."
        ),
        "contact_suspended": lambda: QCoreApplication.translate(
            "Texts", "Ce numéro est suspendu pour le moment. Choisissez un autre proche."
        ),
        "contact_withdrawn": lambda: QCoreApplication.translate(
            "Texts", "Ce numéro n'est plus autorisé. Adressez-vous au greffe."
        ),
        "access_suspended": lambda: QCoreApplication.translate(
            "Texts",
            "Votre accès à la visio est suspendu pour le moment. Adressez-vous au surveillant.",
        ),
        "access_withdrawn": lambda: QCoreApplication.translate(
            "Texts", "Votre accès à la visio a été retiré. Adressez-vous au surveillant."
        ),
    }
    make = table.get(code)
    if make is not None:
        return make()
    if fallback:
        return fallback
    return QCoreApplication.translate(
        "Texts", "Cette demande n'est pas possible. Adressez-vous au surveillant."
    )


def end_reason_text(reason: str) -> str:
    table: dict[str, Callable[[], str]] = {
        "hangup": lambda: QCoreApplication.translate("Texts", "Vous avez raccroché."),
        "relative_hangup": lambda: QCoreApplication.translate(
            "Texts", "Votre proche a raccroché."
        ),
        "time_up": lambda: QCoreApplication.translate(
            "Texts", "Le temps de l'appel est écoulé."
        ),
        "balance": lambda: QCoreApplication.translate(
            "Texts", "Votre crédit est épuisé. Rechargez votre compte téléphonie."
        ),
        "monitor": lambda: QCoreApplication.translate(
            "Texts", "L'appel a été arrêté par le personnel de surveillance."
        ),
        "no_show": lambda: QCoreApplication.translate(
            "Texts",
            "Votre proche n'a pas rejoint l'appel dans les 5 minutes. "
            "Vous pourrez réessayer sur un autre créneau.",
        ),
        "relative_lost": lambda: QCoreApplication.translate(
            "Texts", "La connexion de votre proche a été perdue et n'est pas revenue."
        ),
        "cancelled": lambda: QCoreApplication.translate("Texts", "Vous avez annulé l'appel."),
        "guard": lambda: QCoreApplication.translate(
            "Texts", "L'appel a été terminé par un surveillant."
        ),
        "failure": lambda: QCoreApplication.translate(
            "Texts", "Un problème technique a interrompu l'appel. Ce n'est pas de votre faute."
        ),
    }
    make = table.get(reason)
    if make is not None:
        return make()
    return QCoreApplication.translate("Texts", "L'appel est terminé.")


def device_name(what: str) -> str:
    table: dict[str, Callable[[], str]] = {
        "camera": lambda: QCoreApplication.translate("Texts", "Caméra"),
        "microphone": lambda: QCoreApplication.translate("Texts", "Microphone"),
        "speaker": lambda: QCoreApplication.translate("Texts", "Haut-parleur"),
        "screen": lambda: QCoreApplication.translate("Texts", "Écran"),
        "network": lambda: QCoreApplication.translate("Texts", "Réseau"),
        "sync": lambda: QCoreApplication.translate("Texts", "Synchronisation"),
        "store": lambda: QCoreApplication.translate("Texts", "Données locales"),
    }
    make = table.get(what)
    return make() if make is not None else what


def message(msg: Msg) -> str:
    """The text of a flow message in the current language."""
    p: dict[str, Any] = dict(msg.params)
    k = msg.key
    if k == "refusal":
        return refusal_text(str(p.get("code", "")), str(p.get("text", "")))
    if k == "pin_wrong":
        return QCoreApplication.translate(
            "Texts", "Ce code n'est pas le bon. Essais restants : {tries}."
        ).format(tries=int(p.get("tries", 0)))
    if k == "booked":
        return QCoreApplication.translate(
            "Texts", "Votre rendez-vous avec {contact} est réservé : {day} à {time}."
            " Prévenez votre proche de l'heure."
        ).format(
            contact=p.get("contact", ""),
            day=i18n.long_date(p["start"]),
            time=i18n.clock(p["start"]),
        )
    if k == "device_failed":
        return QCoreApplication.translate(
            "Texts", "{device} ne répond pas. Vérifiez le branchement puis relancez les tests."
        ).format(device=device_name(str(p.get("what", ""))))
    table: dict[str, Callable[[], str]] = {
        "checking_pin": lambda: QCoreApplication.translate("Texts", "Vérification du code…"),
        "loading": lambda: QCoreApplication.translate("Texts", "Chargement…"),
        "loading_slots": lambda: QCoreApplication.translate(
            "Texts", "Recherche des créneaux libres…"
        ),
        "booking": lambda: QCoreApplication.translate("Texts", "Réservation en cours…"),
        "cancelling": lambda: QCoreApplication.translate("Texts", "Annulation en cours…"),
        "placing_call": lambda: QCoreApplication.translate(
            "Texts", "Préparation de l'appel et envoi du SMS à votre proche…"
        ),
        "cancelling_call": lambda: QCoreApplication.translate(
            "Texts", "Annulation de l'appel…"
        ),
        "hanging_up": lambda: QCoreApplication.translate("Texts", "Fin de l'appel…"),
        "running_selftests": lambda: QCoreApplication.translate(
            "Texts", "Tests du matériel en cours…"
        ),
        "pin_locked": lambda: QCoreApplication.translate(
            "Texts", "Trop d'essais. Patientez avant de réessayer."
        ),
        "pin_too_short": lambda: QCoreApplication.translate(
            "Texts", "Le code est trop court. Tapez tous les chiffres."
        ),
        "pin_wrong_staff": lambda: QCoreApplication.translate(
            "Texts", "Code ou badge non reconnu. Réessayez."
        ),
        "technician_only": lambda: QCoreApplication.translate(
            "Texts", "La cabine est hors service : seul un technicien peut l'ouvrir."
        ),
        "number_empty": lambda: QCoreApplication.translate(
            "Texts", "Tapez le numéro d'écrou de la personne."
        ),
        "number_unknown": lambda: QCoreApplication.translate(
            "Texts", "Ce numéro d'écrou est inconnu de la cabine. Vérifiez-le."
        ),
        "no_booking_now": lambda: QCoreApplication.translate(
            "Texts",
            "Vous n'avez pas de rendez-vous maintenant dans cette cabine. "
            "Réservez un créneau, puis revenez à l'heure prévue.",
        ),
        "call_impossible": lambda: QCoreApplication.translate(
            "Texts", "L'appel n'est pas possible"
        ),
        "central_down_title": lambda: QCoreApplication.translate(
            "Texts", "Le service central ne répond pas"
        ),
        "central_down": lambda: QCoreApplication.translate(
            "Texts",
            "Le service central ne répond pas. Les réservations sont impossibles pour le "
            "moment. Réessayez dans quelques minutes.",
        ),
        "central_down_call": lambda: QCoreApplication.translate(
            "Texts",
            "Le service central ne répond pas, l'appel ne peut pas partir. Ce n'est pas de "
            "votre faute. Réessayez dans quelques minutes ou prévenez le surveillant.",
        ),
        "device_failed_title": lambda: QCoreApplication.translate(
            "Texts", "Un appareil de la cabine ne fonctionne pas"
        ),
        "device_failed_call": lambda: QCoreApplication.translate(
            "Texts",
            "La caméra ou le micro de la cabine ne répond pas. Prévenez le surveillant : "
            "un technicien viendra le réparer.",
        ),
        "store_failed": lambda: QCoreApplication.translate(
            "Texts", "La cabine n'arrive pas à lire ses données. Prévenez le surveillant."
        ),
        "no_free_slot": lambda: QCoreApplication.translate(
            "Texts", "Aucun créneau libre ce jour-là. Choisissez un autre jour."
        ),
        "booked_title": lambda: QCoreApplication.translate("Texts", "Rendez-vous réservé"),
        "cancelled": lambda: QCoreApplication.translate("Texts", "Le rendez-vous est annulé."),
        "cannot_cancel_current": lambda: QCoreApplication.translate(
            "Texts", "C'est le rendez-vous en cours : il ne peut pas être annulé."
        ),
        "out_of_service": lambda: QCoreApplication.translate(
            "Texts", "La cabine est maintenant hors service."
        ),
        "back_in_service": lambda: QCoreApplication.translate(
            "Texts", "La cabine est de nouveau en service."
        ),
    }
    make = table.get(k)
    if make is not None:
        return make()
    return QCoreApplication.translate("Texts", "Un instant, s'il vous plaît.")
