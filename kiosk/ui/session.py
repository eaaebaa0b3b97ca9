"""Screens of the detainee's session: code, Home, rules, booking, own bookings, notices."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk import flow as fl
from kiosk import i18n, texts, theme
from kiosk.flow import Context, Screen
from kiosk.ui.base import BaseScreen, button, clear_layout, key_value, set_kv
from kiosk.ui.widgets import Button, Card, ConfirmButton, PinEntry, label, metrics, restyle

if TYPE_CHECKING:
    from kiosk.flow import Flow
    from kiosk.services import Booking, Detainee


def plan_text(plan: str) -> str:
    if plan in ("hors-forfait", "hors_forfait", "none", ""):
        return QCoreApplication.translate("Session", "Hors forfait")
    return QCoreApplication.translate("Session", "Forfait {amount} €").format(amount=plan)


def booking_line(b: Booking) -> str:
    return QCoreApplication.translate("Session", "{day}, {start} – {end}").format(
        day=i18n.long_date(b.start), start=i18n.clock(b.start), end=i18n.clock(b.end)
    )


def contact_of(ctx: Context, contact_id: str | None) -> str:
    c = next((c for c in ctx.contacts if c.id == contact_id), None)
    if c is None:
        return ""
    return f"{c.name} · {i18n.isolate(c.masked_number)}"


def greeting(d: Detainee | None) -> str:
    return QCoreApplication.translate("Session", "Bonjour {name}").format(name=d.name if d else "")


class DetaineePinScreen(BaseScreen):
    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(send, services)
        self.pin = PinEntry()
        self.pin.submitted.connect(lambda pin: send(fl.PinSubmitted(pin)))
        self.tries = label("secondary")
        self.tries.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col = QVBoxLayout()
        col.addWidget(self.pin)
        col.addWidget(self.tries)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(col, 2)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self.back = button("ph.sign-out", "secondary", lambda: send(fl.Back()))
        self.ok = button("ph.check", "primary", self.pin._submit)
        self.add_actions(self.back, primary=self.ok)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.pin.clear()
        super().showEvent(event)

    def show_state(self, ctx: Context, flow: Flow) -> None:
        self.title.setText(greeting(ctx.detainee))
        self.subtitle.setText(
            QCoreApplication.translate(
                "Session", "Tapez votre code personnel sur le clavier, puis « Valider »."
            )
        )
        self.pin.field.setPlaceholderText(QCoreApplication.translate("Session", "Votre code"))
        locked = flow.pin_lockout_left()
        self.pin.set_enabled(locked == 0 and ctx.busy is None)
        self.ok.setEnabled(locked == 0 and ctx.busy is None)
        self.back.setText(QCoreApplication.translate("Session", "Ce n'est pas moi"))
        self.ok.setText(QCoreApplication.translate("Session", "Valider"))
        self.tries.setText("")
        self.show_flow_message(ctx)
        if locked > 0:
            self.banner.show_message(
                QCoreApplication.translate(
                    "Session", "Trop d'essais. Vous pourrez réessayer dans {seconds} s."
                ).format(seconds=locked),
                "error",
            )


class HomeScreen(BaseScreen):
    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(send, services)
        m = metrics()
        cards = QHBoxLayout()
        cards.setSpacing(m.gap * 2)
        self.money = Card()
        self.balance = key_value("", "")
        self.plan = key_value("", "", "")
        self.money.lay.addWidget(self.balance)
        self.money.lay.addWidget(self.plan)
        self.money.lay.addStretch(1)
        cards.addWidget(self.money, 2)
        self.now = Card()
        self.now_title = label("subtitle")
        self.now_text = label()
        self.now_contact = label("secondary")
        self.now.lay.addWidget(self.now_title)
        self.now.lay.addWidget(self.now_text)
        self.now.lay.addWidget(self.now_contact)
        self.now.lay.addStretch(1)
        cards.addWidget(self.now, 3)
        self.body.addLayout(cards)
        self.body.addStretch(1)
        lang_row = QHBoxLayout()
        lang_row.setSpacing(m.gap)
        self.lang_label = label("secondary", wrap=False)
        lang_ic = QLabel()
        lang_ic.setPixmap(theme.icon("ph.globe", "text_secondary").pixmap(m.icon, m.icon))
        lang_row.addWidget(lang_ic)
        lang_row.addWidget(self.lang_label)
        self.langs: dict[str, Button] = {}
        group = QButtonGroup(self)
        for code in fl.LANGUAGES:
            b = Button("", "lang")
            b.setCheckable(True)
            b.setText(i18n.NATIVE_NAMES[code])
            b.clicked.connect(lambda _=False, c=code: send(fl.LanguageChosen(c)))
            group.addButton(b)
            self.langs[code] = b
            lang_row.addWidget(b)
        lang_row.addStretch(1)
        self.body.addLayout(lang_row)
        self.logout = button("ph.sign-out", "secondary", lambda: send(fl.Back()))
        self.mine = button("ph.calendar-blank", "secondary", lambda: send(fl.MyBookingsRequested()))
        self.book = Button("ph.calendar-plus", "secondary")
        self.book.clicked.connect(lambda: send(fl.BookRequested()))
        self.call = button("ph.phone-call", "primary", lambda: send(fl.CallRequested()))
        self.add_actions(self.logout, self.mine, self.book, primary=self.call)

    def show_state(self, ctx: Context, flow: Flow) -> None:
        d = ctx.detainee
        self.title.setText(greeting(d))
        self.subtitle.setText(QCoreApplication.translate("Session", "Que voulez-vous faire ?"))
        if d is not None:
            set_kv(
                self.balance,
                QCoreApplication.translate("Session", "Crédit téléphonie"),
                i18n.money(d.balance_cents),
            )
            set_kv(self.plan, QCoreApplication.translate("Session", "Formule"), plan_text(d.plan))
        b = ctx.booking
        if b is not None:
            self.now_title.setText(
                QCoreApplication.translate("Session", "Votre rendez-vous de maintenant")
            )
            self.now_text.setText(
                QCoreApplication.translate("Session", "{start} – {end}").format(
                    start=i18n.clock(b.start), end=i18n.clock(b.end)
                )
            )
            who = contact_of(ctx, b.contact_id) or b.contact_name
            self.now_contact.setText(
                QCoreApplication.translate("Session", "Avec {contact}").format(contact=who)
                if who
                else ""
            )
        else:
            self.now_title.setText(
                QCoreApplication.translate("Session", "Pas de rendez-vous maintenant")
            )
            self.now_text.setText(
                QCoreApplication.translate(
                    "Session", "Vous pouvez réserver un créneau pour appeler plus tard."
                )
            )
            self.now_contact.setText("")
        self.lang_label.setText(QCoreApplication.translate("Session", "Langue :"))
        for code, btn in self.langs.items():
            btn.setChecked(code == ctx.lang)
        self.logout.setText(QCoreApplication.translate("Session", "Terminer"))
        self.mine.setText(QCoreApplication.translate("Session", "Mes réservations"))
        self.book.setText(QCoreApplication.translate("Session", "Réserver un créneau"))
        self.call.setText(QCoreApplication.translate("Session", "Appeler"))
        can = flow.can_call()
        self.call.setVisible(can)
        self.book.set_kind("secondary" if can else "primary")
        self.show_flow_message(ctx)
        q = ctx.call.quote
        if b is not None and q is not None and q.refusal_code and ctx.message is None:
            # why there is no «Appeler», and what to do
            self.banner.show_message(
                texts.refusal_text(q.refusal_code, q.refusal_message or ""), "warning"
            )


def rules_items(full: bool) -> list[tuple[str, str]]:
    items = [
        (
            "ph.clock",
            QCoreApplication.translate(
                "Session",
                "L'appel dure 30 minutes au plus. Il est payé à la minute sur votre compte "
                "téléphonie.",
            ),
        ),
        (
            "ph.user",
            QCoreApplication.translate(
                "Session",
                "Seules les personnes autorisées peuvent être à l'écran ou parler. Un enfant "
                "mineur seulement avec l'accord de ses parents.",
            ),
        ),
        (
            "ph.prohibit",
            QCoreApplication.translate(
                "Session", "Les gestes ou paroles indécents ou violents sont interdits."
            ),
        ),
        (
            "ph.eye",
            QCoreApplication.translate(
                "Session",
                "L'appel peut être écouté et regardé, en direct ou plus tard, par le personnel "
                "chargé des écoutes.",
            ),
        ),
    ]
    if full:
        items.append(
            (
                "ph.warning",
                QCoreApplication.translate(
                    "Session",
                    "Si une règle n'est pas respectée, la visio ou le téléphone peut être "
                    "suspendu ou retiré. La sanction s'applique au numéro appelé.",
                ),
            )
        )
    return items


class RulesScreen(BaseScreen):
    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(send, services)
        self.list = QVBoxLayout()
        self.list.setSpacing(metrics().gap)
        self.body.addLayout(self.list)
        self.notice = Card()
        self.notice_title = label("subtitle")
        self.notice_text = label()
        self.notice.lay.addWidget(self.notice_title)
        self.notice.lay.addWidget(self.notice_text)
        self.body.addWidget(self.notice)
        self.check = QCheckBox()
        self.check.toggled.connect(lambda _: self._sync_ok())
        self.body.addWidget(self.check)
        self.body.addStretch(1)
        self.back = button("ph.arrow-left", "secondary", lambda: send(fl.Back()))
        self.ok = button("ph.check", "primary", lambda: send(fl.RulesAccepted()))
        self.add_actions(self.back, primary=self.ok)
        self._key: object = None
        self._full = True

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.check.setChecked(False)
        super().showEvent(event)

    def _sync_ok(self) -> None:
        self.ok.setEnabled(self.check.isChecked() or not self._full)

    def show_state(self, ctx: Context, flow: Flow) -> None:
        self._full = ctx.rules_full
        if ctx.rules_full:
            self.title.setText(QCoreApplication.translate("Session", "Les règles de la visio"))
            self.subtitle.setText(
                QCoreApplication.translate("Session", "Lisez-les avant votre premier appel.")
            )
        else:
            self.title.setText(QCoreApplication.translate("Session", "Rappel des règles"))
            self.subtitle.setText(
                QCoreApplication.translate("Session", "Avant chaque appel, un court rappel.")
            )
        key = (ctx.rules_full, i18n.current())
        if key != self._key:
            self._key = key
            clear_layout(self.list)
            s = metrics().icon
            for icon, text in rules_items(ctx.rules_full):
                row = QHBoxLayout()
                ic = QLabel()
                ic.setPixmap(theme.icon(icon, "primary").pixmap(s, s))
                row.addWidget(ic, 0, Qt.AlignmentFlag.AlignTop)
                lab = label()
                lab.setText(text)
                row.addWidget(lab, 1)
                self.list.addLayout(row)
        self.notice.setVisible(ctx.rules_full)
        self.check.setVisible(ctx.rules_full)
        self.notice_title.setText(
            QCoreApplication.translate("Session", "Captation de l'image et du son")
        )
        self.notice_text.setText(
            QCoreApplication.translate(
                "Session",
                "En utilisant la visio, vous acceptez que l'image et le son de vos appels soient "
                "captés et enregistrés, selon la loi Informatique et Libertés. Les "
                "enregistrements sont détruits après 90 jours, sauf s'ils sont remis à la "
                "justice. Les appels à votre avocat ne sont ni écoutés ni enregistrés.",
            )
        )
        self.check.setText(
            QCoreApplication.translate("Session", "J'ai lu les règles et j'accepte la captation")
        )
        self.back.setText(QCoreApplication.translate("Session", "Retour"))
        self.ok.setText(
            QCoreApplication.translate("Session", "J'accepte")
            if ctx.rules_full
            else QCoreApplication.translate("Session", "J'ai compris")
        )
        self._sync_ok()
        self.show_flow_message(ctx)


class BookContactScreen(BaseScreen):
    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(send, services)
        self.grid = QGridLayout()
        self.grid.setSpacing(metrics().gap)
        self.body.addLayout(self.grid)
        self.body.addStretch(1)
        self.back = button("ph.arrow-left", "secondary", lambda: send(fl.Back()))
        self.add_actions(self.back)
        self._key: object = None

    def show_state(self, ctx: Context, flow: Flow) -> None:
        if ctx.picking_for_call:
            self.title.setText(
                QCoreApplication.translate("Session", "Qui voulez-vous appeler maintenant ?")
            )
        else:
            self.title.setText(
                QCoreApplication.translate("Session", "Réserver : qui voulez-vous appeler ?")
            )
        self.subtitle.setText(
            QCoreApplication.translate("Session", "Seuls vos numéros autorisés sont proposés.")
        )
        key = (tuple(ctx.contacts), i18n.current())
        if key != self._key:
            self._key = key
            clear_layout(self.grid)
            for i, c in enumerate(ctx.contacts):
                b = Button("ph.user", "choice")
                text = f"{c.name} · {i18n.isolate(c.masked_number)}"
                if c.status == "suspended":
                    text += " — " + QCoreApplication.translate("Session", "numéro suspendu")
                elif c.status == "withdrawn":
                    text += " — " + QCoreApplication.translate("Session", "numéro retiré")
                b.setText(text)
                restyle(b, rtl=i18n.is_rtl())
                b.clicked.connect(lambda _=False, cid=c.id: self.send(fl.ContactPicked(cid)))
                self.grid.addWidget(b, i // 2, i % 2)
        self.back.setText(QCoreApplication.translate("Session", "Retour"))
        self.show_flow_message(ctx)


class BookSlotScreen(BaseScreen):
    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(send, services)
        m = metrics()
        self.days = QHBoxLayout()
        self.days.setSpacing(m.gap // 2)
        self.body.addLayout(self.days)
        self.slots_host = QWidget()
        self.slots = QGridLayout(self.slots_host)
        self.slots.setContentsMargins(0, 0, 0, 0)
        self.slots.setSpacing(m.gap // 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.slots_host)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.addWidget(scroll, 1)
        self.back = button("ph.arrow-left", "secondary", lambda: send(fl.Back()))
        self.ok = button("ph.calendar-check", "primary", lambda: send(fl.BookConfirmed()))
        self.add_actions(self.back, primary=self.ok)
        self._days_key: object = None
        self._slots_key: object = None
        self._day_buttons: dict[Any, Button] = {}
        self._slot_buttons: dict[Any, Button] = {}

    def show_state(self, ctx: Context, flow: Flow) -> None:
        name = ctx.contact.name if ctx.contact else ""
        self.title.setText(
            QCoreApplication.translate("Session", "Réserver : choisissez le jour et l'heure")
        )
        self.subtitle.setText(
            QCoreApplication.translate(
                "Session", "Rendez-vous avec {name}. Les créneaux durent 30 minutes."
            ).format(name=name)
        )
        today = i18n.to_local(flow.clock.now()).date()
        key = (tuple(ctx.days), i18n.current())
        if key != self._days_key:
            self._days_key = key
            clear_layout(self.days)
            self._day_buttons = {}
            for d in ctx.days:
                b = Button("ph.calendar-blank", "lang")
                b.setCheckable(True)
                if d == today:
                    b.setText(QCoreApplication.translate("Session", "Aujourd'hui"))
                elif d == today + timedelta(days=1):
                    b.setText(QCoreApplication.translate("Session", "Demain"))
                else:
                    b.setText(i18n.short_date(d))
                b.clicked.connect(lambda _=False, d=d: self.send(fl.DayPicked(d)))
                self._day_buttons[d] = b
                self.days.addWidget(b, 1)
        for d, b in self._day_buttons.items():
            b.setChecked(d == ctx.day)
            b.setEnabled(ctx.busy is None)
        skey = (tuple(ctx.slots), i18n.current())
        if skey != self._slots_key:
            self._slots_key = skey
            clear_layout(self.slots)
            self._slot_buttons = {}
            cols = 6
            for i, s in enumerate(ctx.slots):
                b = Button("ph.clock", "lang")
                b.setCheckable(True)
                b.setText(i18n.clock(s.start))
                b.clicked.connect(lambda _=False, st=s.start: self.send(fl.SlotPicked(st)))
                self._slot_buttons[s.start] = b
                self.slots.addWidget(b, i // cols, i % cols)
            self.slots.setRowStretch(max(1, (len(ctx.slots) + cols - 1) // cols), 1)
        for st, b in self._slot_buttons.items():
            b.setChecked(ctx.slot is not None and ctx.slot.start == st)
        self.back.setText(QCoreApplication.translate("Session", "Retour"))
        if ctx.slot is not None:
            self.ok.setText(
                QCoreApplication.translate("Session", "Réserver {day} à {time}").format(
                    day=i18n.short_date(i18n.to_local(ctx.slot.start).date()),
                    time=i18n.clock(ctx.slot.start),
                )
            )
        else:
            self.ok.setText(QCoreApplication.translate("Session", "Réserver"))
        self.ok.setEnabled(ctx.slot is not None and ctx.busy is None)
        self.show_flow_message(ctx)


class MyBookingsScreen(BaseScreen):
    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(send, services)
        self.list = QVBoxLayout()
        self.list.setSpacing(metrics().gap)
        self.body.addLayout(self.list)
        self.body.addStretch(1)
        self.back = button("ph.arrow-left", "primary", lambda: send(fl.Back()))
        self.add_actions(primary=self.back)
        self._key: object = None

    def show_state(self, ctx: Context, flow: Flow) -> None:
        self.title.setText(QCoreApplication.translate("Session", "Mes réservations"))
        self.subtitle.setText(
            QCoreApplication.translate("Session", "Vos prochains rendez-vous de visio.")
        )
        current = ctx.booking.id if ctx.booking else None
        key = (tuple(ctx.my_bookings), i18n.current(), current)
        if key != self._key:
            self._key = key
            clear_layout(self.list)
            if not ctx.my_bookings:
                lab = label("secondary")
                lab.setText(
                    QCoreApplication.translate("Session", "Vous n'avez aucun rendez-vous à venir.")
                )
                self.list.addWidget(lab)
            for b in ctx.my_bookings:
                card = Card()
                row = QHBoxLayout()
                col = QVBoxLayout()
                when = label("subtitle")
                when.setText(booking_line(b))
                who = label("secondary")
                who.setText(contact_of(ctx, b.contact_id) or b.contact_name)
                col.addWidget(when)
                col.addWidget(who)
                row.addLayout(col, 1)
                if b.id == current:
                    now = label("ok", wrap=False)
                    now.setText(QCoreApplication.translate("Session", "En cours"))
                    row.addWidget(now)
                else:
                    cancel = ConfirmButton("ph.calendar-x", "danger_outline")
                    cancel.set_texts(
                        QCoreApplication.translate("Session", "Annuler la réservation"),
                        QCoreApplication.translate("Session", "Confirmer l'annulation"),
                    )
                    cancel.confirmed.connect(
                        lambda bid=b.id: self.send(fl.CancelBookingPressed(bid))
                    )
                    row.addWidget(cancel)
                card.lay.addLayout(row)
                self.list.addWidget(card)
        self.back.setText(QCoreApplication.translate("Session", "Retour"))
        self.show_flow_message(ctx)


class NoticeScreen(BaseScreen):
    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(send, services)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = label("subtitle")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addStretch(1)
        self.body.addWidget(self.icon)
        self.body.addWidget(self.text)
        self.body.addStretch(2)
        self.ok = button("ph.arrow-left", "primary", lambda: send(fl.Back()))
        self.add_actions(primary=self.ok)

    def show_state(self, ctx: Context, flow: Flow) -> None:
        s = metrics().huge * 2
        if ctx.notice_error:
            icon = theme.icon("ph.warning-circle", "danger")
        else:
            icon = theme.icon("ph.check-circle", "success")
        self.icon.setPixmap(icon.pixmap(s, s))
        self.title.setText(texts.message(ctx.notice_title) if ctx.notice_title else "")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setText("")
        self.text.setText(texts.message(ctx.notice) if ctx.notice else "")
        self.ok.setText(QCoreApplication.translate("Session", "Retour à l'accueil"))
        self.show_flow_message(ctx)


SCREENS = {
    Screen.DETAINEE_PIN: DetaineePinScreen,
    Screen.HOME: HomeScreen,
    Screen.RULES: RulesScreen,
    Screen.BOOK_CONTACT: BookContactScreen,
    Screen.BOOK_SLOT: BookSlotScreen,
    Screen.MY_BOOKINGS: MyBookingsScreen,
    Screen.NOTICE: NoticeScreen,
}
