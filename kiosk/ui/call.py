"""Screens of a call: before the call, waiting for the relative, in call, after the call."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk import flow as fl
from kiosk import i18n, texts, theme
from kiosk.flow import Context, Screen
from kiosk.ui.base import BaseScreen, button, key_value, set_kv
from kiosk.ui.widgets import (
    Button,
    Card,
    ConfirmButton,
    LevelMeter,
    VideoView,
    label,
    metrics,
    restyle,
)

if TYPE_CHECKING:
    from kiosk.flow import Flow


def _hw(services: Any, name: str) -> Any:
    return getattr(services.hardware, name) if services is not None else None


class PrecallScreen(BaseScreen):
    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(send, services)
        m = metrics()
        cols = QHBoxLayout()
        cols.setSpacing(m.margin)
        left = QVBoxLayout()
        self.view = VideoView(mirrored=True)
        self.view.set_source(_hw(services, "latest_frame"))
        left.addWidget(self.view, 1)
        self.view_caption = label("secondary")
        left.addWidget(self.view_caption)
        cols.addLayout(left, 3)
        right = QVBoxLayout()
        right.setSpacing(m.gap)
        card = Card()
        self.who = key_value("", "", "subtitle")
        self.allowed = key_value("", "")
        self.rate = key_value("", "", "")
        self.estimate = key_value("", "", "")
        for w in (self.who, self.allowed, self.rate, self.estimate):
            card.lay.addWidget(w)
        right.addWidget(card)
        self.confidential = label("ok")
        right.addWidget(self.confidential)
        self.mic_label = label("secondary")
        right.addWidget(self.mic_label)
        self.meter = LevelMeter()
        self.meter.set_source(_hw(services, "mic_level_dbfs"))
        right.addWidget(self.meter)
        right.addStretch(1)
        cols.addLayout(right, 2)
        self.body.addLayout(cols, 1)
        self.back = button("ph.arrow-left", "secondary", lambda: send(fl.Back()))
        self.call = button("ph.phone-call", "primary", lambda: send(fl.PlaceCallPressed()))
        self.add_actions(self.back, primary=self.call)

    def show_state(self, ctx: Context, flow: Flow) -> None:
        self.title.setText(
            QCoreApplication.translate("Call", "Avant l'appel : vérifiez l'image et le son")
        )
        self.subtitle.setText(
            QCoreApplication.translate(
                "Call", "Placez-vous face à la caméra. Votre proche vous verra ainsi."
            )
        )
        self.view.placeholder = QCoreApplication.translate("Call", "Pas d'image de la caméra")
        self.view_caption.setText(
            QCoreApplication.translate("Call", "Votre image (comme dans un miroir)")
        )
        q = ctx.call.quote
        cc = ctx.call_contact
        who = f"{cc.name} · {i18n.isolate(cc.masked_number)}" if cc else ""
        set_kv(self.who, QCoreApplication.translate("Call", "Vous appelez"), who)
        allowed = q.allowed_seconds if q else 0
        set_kv(
            self.allowed,
            QCoreApplication.translate("Call", "Durée autorisée"),
            i18n.duration(allowed),
        )
        if q is not None:
            rate = QCoreApplication.translate("Call", "{price} la minute").format(
                price=i18n.money(q.per_minute_cents)
            )
            if q.connection_fee_cents:
                rate += " + " + QCoreApplication.translate(
                    "Call", "{fee} de mise en relation"
                ).format(fee=i18n.money(q.connection_fee_cents))
            set_kv(self.rate, QCoreApplication.translate("Call", "Tarif"), rate)
            est = fl.call_cost_cents(q, allowed)
            set_kv(
                self.estimate,
                QCoreApplication.translate("Call", "Coût estimé si l'appel dure {duration}").format(
                    duration=i18n.duration(allowed)
                ),
                i18n.money(est),
            )
        self.confidential.setVisible(cc is not None and cc.protected)
        self.confidential.setText(
            QCoreApplication.translate(
                "Call", "Appel confidentiel : il n'est ni écouté ni enregistré."
            )
        )
        self.mic_label.setText(
            QCoreApplication.translate("Call", "Micro : parlez, la barre doit bouger.")
        )
        self.back.setText(QCoreApplication.translate("Call", "Retour"))
        self.call.setText(QCoreApplication.translate("Call", "Appeler"))
        self.call.setEnabled(ctx.busy is None)
        self.show_flow_message(ctx)


class WaitingScreen(BaseScreen):
    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(send, services)
        m = metrics()
        cols = QHBoxLayout()
        cols.setSpacing(m.margin)
        left = QVBoxLayout()
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addStretch(1)
        left.addWidget(self.icon)
        self.sms = label("subtitle")
        self.sms.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.sms)
        self.left = label("huge")
        self.left.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.left)
        self.left_caption = label("secondary")
        self.left_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.left_caption)
        left.addStretch(1)
        cols.addLayout(left, 3)
        self.view = VideoView(mirrored=True)
        self.view.set_source(_hw(services, "latest_frame"))
        self.view.setFixedSize(int(m.height * 0.48), int(m.height * 0.27))
        side = QVBoxLayout()
        side.addWidget(self.view)
        self.view_caption = label("secondary")
        side.addWidget(self.view_caption)
        side.addStretch(1)
        cols.addLayout(side, 2)
        self.body.addLayout(cols, 1)
        self.cancel = ConfirmButton("ph.x", "danger_outline")
        self.cancel.confirmed.connect(lambda: send(fl.CancelCallPressed()))
        self.add_actions(primary=self.cancel)

    def show_state(self, ctx: Context, flow: Flow) -> None:
        self.title.setText(QCoreApplication.translate("Call", "Nous attendons votre proche"))
        self.subtitle.setText("")
        s = metrics().huge * 2
        self.icon.setPixmap(theme.icon("ph.hourglass", "primary").pixmap(s, s))
        self.sms.setText(
            QCoreApplication.translate(
                "Call",
                "Un SMS avec un code a été envoyé au {number} ; votre proche a 5 minutes "
                "pour rejoindre.",
            ).format(number=i18n.isolate(ctx.call.masked_number))
        )
        self.left.setText(i18n.countdown(flow.wait_left()))
        self.left_caption.setText(
            QCoreApplication.translate("Call", "temps restant pour rejoindre")
        )
        self.view.placeholder = QCoreApplication.translate("Call", "Pas d'image de la caméra")
        self.view_caption.setText(
            QCoreApplication.translate("Call", "Votre image (comme dans un miroir)")
        )
        self.cancel.set_texts(
            QCoreApplication.translate("Call", "Annuler l'appel"),
            QCoreApplication.translate("Call", "Confirmer : annuler l'appel"),
        )
        self.cancel.setEnabled(not ctx.call.hanging_up)
        self.show_flow_message(ctx)


class CallScreen(QWidget):
    """Relative large, self-view small in a corner, countdown and actions over the video."""

    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.send = send
        self.setObjectName("CallScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        m = metrics()
        self.remote = VideoView(parent=self)
        if services is not None:
            self.remote.set_source(services.calls.remote_frame)
        self.selfv = VideoView(mirrored=True, fps=15, parent=self)
        self.selfv.set_source(_hw(services, "latest_frame"))
        # top: notices (relative left, warnings, last seconds)
        self.top = QFrame(self)
        self.top.setProperty("role", "overlay")
        tl = QHBoxLayout(self.top)
        tl.setContentsMargins(m.pad, m.gap, m.pad, m.gap)
        self.top_icon = QLabel()
        self.top_text = label("subtitle")
        tl.addWidget(self.top_icon)
        tl.addWidget(self.top_text, 1)
        # bottom: countdown, money, actions
        self.bar = QFrame(self)
        self.bar.setProperty("role", "overlay")
        bl = QHBoxLayout(self.bar)
        bl.setContentsMargins(m.pad, m.gap, m.pad, m.gap)
        bl.setSpacing(m.margin)
        cd = QVBoxLayout()
        cd.setSpacing(0)
        self.countdown = label("countdown", wrap=False)
        self.countdown.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.countdown_caption = label("", wrap=False)
        cd.addWidget(self.countdown)
        cd.addWidget(self.countdown_caption)
        bl.addLayout(cd)
        money = QVBoxLayout()
        money.setSpacing(0)
        self.cost = label("subtitle", wrap=False)
        self.balance = label("", wrap=False)
        money.addWidget(self.cost)
        money.addWidget(self.balance)
        bl.addLayout(money)
        bl.addStretch(1)
        self.mute = Button("ph.microphone", "secondary", icon_role="overlay_text")
        self.mute.clicked.connect(lambda: send(fl.MuteToggled()))
        self.toggle_self = Button("ph.eye-slash", "secondary", icon_role="overlay_text")
        self.toggle_self.clicked.connect(lambda: send(fl.SelfViewToggled()))
        self.staff = Button("ph.identification-card", "secondary", icon_role="overlay_text")
        self.staff.clicked.connect(lambda: send(fl.StaffRequested()))
        self.hangup = ConfirmButton("ph.phone-disconnect", "danger")
        self.hangup.confirmed.connect(lambda: send(fl.HangupPressed()))
        for b in (self.staff, self.mute, self.toggle_self, self.hangup):
            bl.addWidget(b)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        m = metrics()
        w, h = self.width(), self.height()
        self.remote.setGeometry(0, 0, w, h)
        sw = int(w * 0.2)
        sh = int(sw * 9 / 16)
        x = m.gap if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else w - sw - m.gap
        self.selfv.setGeometry(QRect(x, m.gap, sw, sh))
        bar_h = self.bar.sizeHint().height()
        self.bar.setGeometry(m.gap, h - bar_h - m.gap, w - 2 * m.gap, bar_h)
        top_w = int(w * 0.6)
        top_h = self.top.sizeHint().height()
        tx = w - top_w - m.gap if x == m.gap else m.gap
        self.top.setGeometry(tx, m.gap, top_w, top_h)

    def show_state(self, ctx: Context, flow: Flow) -> None:
        view = flow.call_view()
        c = ctx.call
        self.remote.placeholder = (
            QCoreApplication.translate("Call", "Votre proche a quitté l'appel.")
            if not c.relative_present
            else ""
        )
        self.countdown.setText(i18n.countdown(view.time_left_s or 0))
        restyle(self.countdown, level=view.level)
        restyle(self.bar, level=view.level)
        self.countdown_caption.setText(QCoreApplication.translate("Call", "temps restant"))
        self.cost.setText(
            QCoreApplication.translate("Call", "Coût : {cost}").format(
                cost=i18n.money(view.cost_cents)
            )
        )
        if view.balance_cents is not None:
            self.balance.setText(
                QCoreApplication.translate("Call", "Crédit restant : {balance}").format(
                    balance=i18n.money(view.balance_cents)
                )
            )
        self.mute.setText(
            QCoreApplication.translate("Call", "Activer le micro")
            if c.muted
            else QCoreApplication.translate("Call", "Couper le micro")
        )
        self.mute.set_icon("ph.microphone-slash" if c.muted else "ph.microphone")
        self.toggle_self.setText(
            QCoreApplication.translate("Call", "Masquer mon image")
            if ctx.self_view
            else QCoreApplication.translate("Call", "Afficher mon image")
        )
        self.toggle_self.set_icon("ph.eye-slash" if ctx.self_view else "ph.eye")
        self.selfv.setVisible(ctx.self_view)
        self.staff.setText(QCoreApplication.translate("Call", "Surveillant"))
        self.hangup.set_texts(
            QCoreApplication.translate("Call", "Raccrocher"),
            QCoreApplication.translate("Call", "Confirmer : raccrocher"),
        )
        self.hangup.setEnabled(not c.hanging_up)
        tl = view.time_left_s
        note, icon, role = "", "", "overlay_text"
        if not c.relative_present:
            note = QCoreApplication.translate(
                "Call",
                "Votre proche a quitté l'appel. Il a encore {seconds} s pour revenir ; "
                "ce temps n'est pas facturé.",
            ).format(seconds=flow.rejoin_left())
            icon, role = "ph.user", "overlay_text"
        elif tl is not None and tl <= 10:
            note = QCoreApplication.translate("Call", "Fin de l'appel dans {seconds} s").format(
                seconds=tl
            )
            icon, role = "ph.warning", "danger_on_dark"
        elif tl is not None and tl <= 60:
            note = QCoreApplication.translate(
                "Call", "Il reste moins d'une minute. Dites au revoir."
            )
            icon, role = "ph.warning", "danger_on_dark"
        elif tl is not None and tl <= 300:
            note = QCoreApplication.translate("Call", "Il reste moins de 5 minutes.")
            icon, role = "ph.clock", "warning_on_dark"
        self.top.setVisible(bool(note))
        if note:
            s = metrics().icon
            self.top_text.setText(note)
            self.top_icon.setPixmap(theme.icon(icon, role).pixmap(s, s))
            restyle(self.top, level=view.level)
        self._place()


class AfterCallScreen(BaseScreen):
    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(send, services)
        m = metrics()
        self.reason = label("subtitle")
        self.body.addWidget(self.reason)
        row = QHBoxLayout()
        row.setSpacing(m.margin)
        self.duration = key_value("", "", "huge")
        self.price = key_value("", "", "huge")
        self.balance = key_value("", "", "huge")
        for w in (self.duration, self.price, self.balance):
            card = Card()
            card.lay.setContentsMargins(m.margin, m.margin, m.margin, m.margin)
            card.lay.addWidget(w)
            row.addWidget(card, 1)
        self.body.addSpacing(m.margin)
        self.body.addLayout(row)
        self.body.addSpacing(m.margin)
        self.thanks = label("secondary")
        self.body.addWidget(self.thanks)
        self.body.addStretch(1)
        self.countdown = label("secondary")
        self.body.addWidget(self.countdown)
        self.done = button("ph.sign-out", "primary", lambda: send(fl.Finished()))
        self.add_actions(primary=self.done)

    def show_state(self, ctx: Context, flow: Flow) -> None:
        c = ctx.call
        self.title.setText(QCoreApplication.translate("Call", "Appel terminé"))
        self.subtitle.setText("")
        self.reason.setText(texts.end_reason_text(c.end_reason))
        set_kv(
            self.duration, QCoreApplication.translate("Call", "Durée"), i18n.duration(c.connected_s)
        )
        set_kv(
            self.price, QCoreApplication.translate("Call", "Prix"), i18n.money(c.price_cents or 0)
        )
        if c.balance_after_cents is not None:
            set_kv(
                self.balance,
                QCoreApplication.translate("Call", "Nouveau crédit"),
                i18n.money(c.balance_after_cents),
            )
        balance_card = self.balance.parentWidget()
        if balance_card is not None:
            balance_card.setVisible(c.balance_after_cents is not None)
        self.thanks.setText(
            QCoreApplication.translate(
                "Call", "Touchez « Terminer » quand vous êtes prêt à quitter la cabine."
            )
        )
        self.countdown.setText(
            QCoreApplication.translate("Call", "La cabine se verrouille dans {seconds} s.").format(
                seconds=flow.after_call_left()
            )
        )
        self.done.setText(QCoreApplication.translate("Call", "Terminer"))
        self.show_flow_message(ctx)


SCREENS = {
    Screen.PRECALL: PrecallScreen,
    Screen.WAITING: WaitingScreen,
    Screen.IN_CALL: CallScreen,
    Screen.AFTER_CALL: AfterCallScreen,
}
