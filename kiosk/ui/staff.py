"""Screens of the staff: Locked, Out of service, staff PIN, guard's pick, technician mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk import flow as fl
from kiosk import i18n, texts, theme
from kiosk.flow import Context, Screen, StaffPurpose
from kiosk.ui.base import BaseScreen, button, clear_layout
from kiosk.ui.widgets import (
    Button,
    Card,
    ConfirmButton,
    LevelMeter,
    PinEntry,
    VideoView,
    label,
    metrics,
)

if TYPE_CHECKING:
    from kiosk.flow import Flow


def status_line(ctx: Context) -> tuple[str, bool]:
    s = ctx.sync
    if s is None:
        return QCoreApplication.translate("Staff", "État du service central : vérification…"), True
    if s.reachable:
        when = i18n.clock(s.last_sync) if s.last_sync else "—"
        return (
            QCoreApplication.translate(
                "Staff", "Service central joignable · dernière synchronisation à {time}"
            ).format(time=when),
            True,
        )
    when = i18n.clock(s.last_sync) if s.last_sync else "—"
    return (
        QCoreApplication.translate(
            "Staff",
            "Service central injoignable (dernière synchronisation à {time}) : "
            "les appels et les réservations sont impossibles pour le moment.",
        ).format(time=when),
        False,
    )


class LockedScreen(BaseScreen):
    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(send, services)
        m = metrics()
        self.title.setProperty("role", "huge")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock = label("huge")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.clock)
        self.body.addSpacing(m.gap)
        self.card = Card()
        self.card_title = label("subtitle")
        self.card.lay.addWidget(self.card_title)
        self.rows = QVBoxLayout()
        self.card.lay.addLayout(self.rows)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card, 3)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addStretch(1)
        status_row = QHBoxLayout()
        self.status_icon = QLabel()
        self.status = label("secondary")
        status_row.addWidget(self.status_icon, 0, Qt.AlignmentFlag.AlignTop)
        status_row.addWidget(self.status, 1)
        self.body.addLayout(status_row)
        self.staff = button("ph.identification-card", "primary", lambda: send(fl.StaffRequested()))
        self.add_actions(primary=self.staff)
        self._rows_key: object = None

    def show_state(self, ctx: Context, flow: Flow) -> None:
        now = flow.clock.now()
        self.title.setText(ctx.booth_name or QCoreApplication.translate("Staff", "Cabine de visio"))
        self.subtitle.setText(i18n.long_date(now).capitalize())
        self.clock.setText(i18n.clock(now))
        self.card_title.setText(
            QCoreApplication.translate("Staff", "Prochains rendez-vous dans cette cabine")
        )
        key = (tuple(b.id for b in ctx.upcoming), i18n.current())
        if key != self._rows_key:
            self._rows_key = key
            clear_layout(self.rows)
            if not ctx.upcoming:
                lab = label("secondary")
                lab.setText(
                    QCoreApplication.translate("Staff", "Aucun rendez-vous prévu aujourd'hui.")
                )
                self.rows.addWidget(lab)
            for b in ctx.upcoming:
                lab = label()
                lab.setText(
                    QCoreApplication.translate("Staff", "{day} · {start} – {end}").format(
                        day=i18n.short_date(i18n.to_local(b.start).date()),
                        start=i18n.clock(b.start),
                        end=i18n.clock(b.end),
                    )
                )
                self.rows.addWidget(lab)
        text, ok = status_line(ctx)
        self.status.setText(text)
        s = metrics().icon
        icon = (
            theme.icon("ph.cloud-check", "success")
            if ok
            else theme.icon("ph.cloud-slash", "danger")
        )
        self.status_icon.setPixmap(icon.pixmap(s, s))
        self.staff.setText(QCoreApplication.translate("Staff", "Surveillant"))
        self.show_flow_message(ctx)
        # offline is not a detail: say it in a banner everyone sees
        self.status.setVisible(ok)
        self.status_icon.setVisible(ok)
        if not ok:
            self.banner.show_message(text, "warning")


class OutOfServiceScreen(BaseScreen):
    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(send, services)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addStretch(1)
        self.body.addWidget(self.icon)
        self.text = label()
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.text)
        self.body.addStretch(2)
        self.tech = button("ph.wrench", "secondary", lambda: send(fl.StaffRequested()))
        self.add_actions(primary=self.tech)

    def show_state(self, ctx: Context, flow: Flow) -> None:
        s = metrics().huge * 3
        self.icon.setPixmap(theme.icon("ph.prohibit", "danger").pixmap(s, s))
        self.title.setText(QCoreApplication.translate("Staff", "Cabine hors service"))
        self.subtitle.setText(ctx.booth_name)
        self.text.setText(
            QCoreApplication.translate(
                "Staff",
                "Cette cabine ne peut pas être utilisée pour le moment. "
                "Adressez-vous au surveillant.",
            )
        )
        self.tech.setText(QCoreApplication.translate("Staff", "Technicien"))
        self.show_flow_message(ctx)


class StaffPinScreen(BaseScreen):
    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(send, services)
        self.pin = PinEntry()
        self.pin.submitted.connect(lambda pin: send(fl.PinSubmitted(pin)))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.pin, 2)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self.back = button("ph.arrow-left", "secondary", lambda: send(fl.Back()))
        self.ok = button("ph.check", "primary", self.pin._submit)
        self.add_actions(self.back, primary=self.ok)
        self._was_visible = False

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.pin.clear()
        self.pin.field.setFocus()
        super().showEvent(event)

    def show_state(self, ctx: Context, flow: Flow) -> None:
        titles = {
            StaffPurpose.UNLOCK: QCoreApplication.translate(
                "Staff", "Surveillant ou technicien : ouvrir la cabine"
            ),
            StaffPurpose.END: QCoreApplication.translate(
                "Staff", "Surveillant : terminer la séance"
            ),
            StaffPurpose.SERVICE: QCoreApplication.translate(
                "Staff", "Technicien : intervenir sur la cabine"
            ),
        }
        self.title.setText(titles[ctx.staff_purpose])
        self.subtitle.setText(
            QCoreApplication.translate(
                "Staff", "Tapez votre code ou passez votre badge, puis « Valider »."
            )
        )
        locked = flow.staff_lockout_left()
        self.pin.set_enabled(locked == 0 and ctx.busy is None)
        self.pin.field.setPlaceholderText(QCoreApplication.translate("Staff", "Code personnel"))
        self.back.setText(QCoreApplication.translate("Staff", "Retour"))
        self.ok.setText(QCoreApplication.translate("Staff", "Valider"))
        self.ok.setEnabled(locked == 0 and ctx.busy is None)
        self.show_flow_message(ctx)
        if locked > 0:
            self.banner.show_message(
                QCoreApplication.translate(
                    "Staff", "Trop d'essais. Réessayez dans {seconds} s."
                ).format(seconds=locked),
                "error",
            )
        if not self.pin.field.hasFocus() and self.isVisible():
            self.pin.field.setFocus()


class GuardPickScreen(BaseScreen):
    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(send, services)
        self.list_host = QWidget()
        self.list = QVBoxLayout(self.list_host)
        self.list.setContentsMargins(0, 0, 0, 0)
        self.list.setSpacing(metrics().gap)
        self.body.addWidget(self.list_host)
        self.number = PinEntry(secret=False)
        self.number.submitted.connect(lambda n: send(fl.DetaineeNumberSubmitted(n)))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.number, 2)
        row.addStretch(1)
        self.number_row = QWidget()
        self.number_row.setLayout(row)
        self.body.addWidget(self.number_row)
        self.body.addStretch(1)
        self.back = button("ph.arrow-left", "secondary", lambda: send(fl.Back()))
        self.only = button("ph.calendar-plus", "secondary", lambda: send(fl.BookingOnlyRequested()))
        self.ok = button("ph.check", "primary", self.number._submit)
        self.add_actions(self.back, self.only, primary=self.ok)
        self._key: object = None

    def show_state(self, ctx: Context, flow: Flow) -> None:
        self.back.setText(
            QCoreApplication.translate("Staff", "Retour")
            if ctx.entering_number
            else QCoreApplication.translate("Staff", "Fermer la cabine")
        )
        self.only.setText(QCoreApplication.translate("Staff", "Séance réservation seule"))
        self.ok.setText(QCoreApplication.translate("Staff", "Valider"))
        self.only.setVisible(not ctx.entering_number)
        self.ok.setVisible(ctx.entering_number)
        self.list_host.setVisible(not ctx.entering_number)
        self.number_row.setVisible(ctx.entering_number)
        if ctx.entering_number:
            self.title.setText(
                QCoreApplication.translate("Staff", "Séance sans rendez-vous (réservation seule)")
            )
            self.subtitle.setText(
                QCoreApplication.translate(
                    "Staff", "Tapez le numéro d'écrou de la personne détenue."
                )
            )
            self.number.field.setPlaceholderText(
                QCoreApplication.translate("Staff", "Numéro d'écrou")
            )
            self.number.set_enabled(ctx.busy is None)
        else:
            self.title.setText(QCoreApplication.translate("Staff", "Choisissez la séance à ouvrir"))
            self.subtitle.setText(
                QCoreApplication.translate(
                    "Staff",
                    "Touchez le rendez-vous de maintenant, puis confiez la cabine à la personne.",
                )
            )
        key = (tuple(b.id for b in ctx.bookings_now), i18n.current(), ctx.busy is None)
        if key != self._key:
            self._key = key
            clear_layout(self.list)
            if not ctx.bookings_now and ctx.busy is None:
                lab = label("secondary")
                lab.setText(
                    QCoreApplication.translate(
                        "Staff", "Aucun rendez-vous en ce moment dans cette cabine."
                    )
                )
                self.list.addWidget(lab)
            for b in ctx.bookings_now:
                btn = Button("ph.user", "choice")
                btn.setText(
                    QCoreApplication.translate(
                        "Staff", "{start} – {end} · {name} · avec {contact}"
                    ).format(
                        start=i18n.clock(b.start),
                        end=i18n.clock(b.end),
                        name=b.detainee_name,
                        contact=b.contact_name or "—",
                    )
                )
                btn.clicked.connect(lambda _=False, bid=b.id: self.send(fl.BookingPicked(bid)))
                self.list.addWidget(btn)
        self.show_flow_message(ctx)


class TechnicianScreen(BaseScreen):
    def __init__(self, send, services=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(send, services)
        m = metrics()
        cols = QHBoxLayout()
        cols.setSpacing(m.margin)
        left = QVBoxLayout()
        self.preview = VideoView(mirrored=True)
        self.preview.setMinimumHeight(int(m.height * 0.3))
        left.addWidget(self.preview, 3)
        self.mic_label = label("secondary")
        left.addWidget(self.mic_label)
        self.meter = LevelMeter()
        left.addWidget(self.meter)
        self.speaker = button("ph.speaker-high", "secondary", lambda: send(fl.SpeakerTestPressed()))
        left.addWidget(self.speaker)
        cols.addLayout(left, 1)
        right = QVBoxLayout()
        self.card = Card()
        self.card_title = label("subtitle")
        self.card.lay.addWidget(self.card_title)
        self.results = QGridLayout()
        self.results.setHorizontalSpacing(m.gap)
        self.card.lay.addLayout(self.results)
        right.addWidget(self.card)
        self.net = label("secondary")
        right.addWidget(self.net)
        right.addStretch(1)
        cols.addLayout(right, 1)
        self.body.addLayout(cols, 1)
        if services is not None:
            self.preview.set_source(services.hardware.latest_frame)
            self.meter.set_source(services.hardware.mic_level_dbfs)
        self.rerun = button(
            "ph.arrows-clockwise", "secondary", lambda: send(fl.SelftestsRequested())
        )
        self.service = ConfirmButton("ph.prohibit", "danger_outline")
        self.service.confirmed.connect(lambda: send(fl.ServiceToggled()))
        self.quit = ConfirmButton("ph.power", "danger_outline")
        self.quit.confirmed.connect(lambda: send(fl.QuitRequested()))
        self.close_btn = button("ph.sign-out", "primary", lambda: send(fl.Back()))
        self.add_actions(self.rerun, self.service, self.quit, primary=self.close_btn)
        self._key: object = None

    def show_state(self, ctx: Context, flow: Flow) -> None:
        self.title.setText(QCoreApplication.translate("Staff", "Mode technicien"))
        self.subtitle.setText(ctx.booth_name)
        self.preview.placeholder = QCoreApplication.translate("Staff", "Pas d'image de la caméra")
        self.mic_label.setText(
            QCoreApplication.translate("Staff", "Microphone : parlez, la barre doit bouger.")
        )
        self.speaker.setText(QCoreApplication.translate("Staff", "Tester le haut-parleur"))
        self.card_title.setText(QCoreApplication.translate("Staff", "Tests du matériel"))
        key = (tuple(ctx.selftests), i18n.current())
        if key != self._key:
            self._key = key
            clear_layout(self.results)
            s = metrics().icon
            for i, r in enumerate(ctx.selftests):
                ic = QLabel()
                icon = (
                    theme.icon("ph.check-circle", "success")
                    if r.ok
                    else theme.icon("ph.x-circle", "danger")
                )
                ic.setPixmap(icon.pixmap(s, s))
                name = label("ok" if r.ok else "bad", wrap=False)
                name.setText(texts.device_name(r.name))
                detail = label("small")
                detail.setText(
                    r.detail
                    or (
                        QCoreApplication.translate("Staff", "OK")
                        if r.ok
                        else QCoreApplication.translate("Staff", "En panne")
                    )
                )
                self.results.addWidget(ic, i, 0)
                self.results.addWidget(name, i, 1)
                self.results.addWidget(detail, i, 2)
            self.results.setColumnStretch(2, 1)
        net = status_line(ctx)[0]
        if ctx.sync is not None:
            net += "\n" + QCoreApplication.translate(
                "Staff", "Envois en attente vers le central : {count}"
            ).format(count=ctx.sync.pending_uploads)
        self.net.setText(net)
        self.rerun.setText(QCoreApplication.translate("Staff", "Relancer les tests"))
        if ctx.out_of_service:
            self.service.set_texts(
                QCoreApplication.translate("Staff", "Remettre en service"),
                QCoreApplication.translate("Staff", "Confirmer : remettre en service"),
            )
        else:
            self.service.set_texts(
                QCoreApplication.translate("Staff", "Mettre hors service"),
                QCoreApplication.translate("Staff", "Confirmer : hors service"),
            )
        self.quit.set_texts(
            QCoreApplication.translate("Staff", "Quitter l'application"),
            QCoreApplication.translate("Staff", "Confirmer : quitter"),
        )
        self.close_btn.setText(QCoreApplication.translate("Staff", "Fermer"))
        self.show_flow_message(ctx)


SCREENS = {
    Screen.LOCKED: LockedScreen,
    Screen.OUT_OF_SERVICE: OutOfServiceScreen,
    Screen.STAFF_PIN: StaffPinScreen,
    Screen.GUARD_PICK: GuardPickScreen,
    Screen.TECHNICIAN: TechnicianScreen,
}
