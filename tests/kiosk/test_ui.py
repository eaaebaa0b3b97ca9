"""The kiosk through its real widgets (offscreen Qt), with fake services."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk import flow as fl
from kiosk.flow import Screen
from tests.fixtures.qt import KioskDriver


def open_session(k: KioskDriver, pin: str = "1234") -> None:
    """Guard unlocks with the keypad, picks the booking of now, the detainee types the PIN."""
    assert k.state == Screen.LOCKED
    k.click(k.screen.staff)
    assert k.state == Screen.STAFF_PIN
    k.type_pin(k.screen.pin, "4321")
    assert k.state == Screen.GUARD_PICK
    booking_buttons = [
        b for b in k.screen.list_host.findChildren(QPushButton) if "Karim" in b.text()
    ]
    assert len(booking_buttons) == 1
    k.click(booking_buttons[0])
    assert k.state == Screen.DETAINEE_PIN
    assert "Karim Benali" in k.screen.title.text()
    k.type_pin(k.screen.pin, pin)


def test_whole_session_through_the_widgets(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    open_session(k)
    assert k.state == Screen.HOME
    assert "12,50\u00a0€" in k.screen.balance.value_label.text()
    k.click(k.screen.call)
    assert k.state == Screen.RULES
    rules = k.screen
    assert not rules.ok.isEnabled()  # consent first
    rules.check.setChecked(True)
    k.click(rules.ok)
    assert k.services.store.consents == {"d1"}
    assert k.state == Screen.PRECALL
    assert "0,27\u00a0€ la minute" in k.screen.rate.value_label.text()
    assert not k.screen.confidential.isVisible()  # an ordinary, recorded call
    k.click(k.screen.call)
    assert k.state == Screen.WAITING
    assert "06 •• •• •• 12" in k.screen.sms.text()
    assert "5 minutes pour rejoindre" in k.screen.sms.text()
    assert k.screen.left.text() == "05:00"
    k.services.calls.emit("joined")
    k.settle(lambda: k.state == Screen.IN_CALL)
    assert k.state == Screen.IN_CALL
    assert "joined" in k.services.sounds.played
    k.tick(60)
    call = k.screen
    assert call.countdown.text() == "29:00"  # the engine allowed 30 min
    assert "0,27\u00a0€" in call.cost.text()
    k.click(call.mute)
    assert k.services.calls.muted
    assert call.mute.text() == "Activer le micro"
    k.click(call.toggle_self)
    assert not call.selfv.isVisible()
    k.click(call.hangup)  # first touch asks
    assert k.state == Screen.IN_CALL and call.hangup.armed
    assert call.hangup.text() == "Confirmer : raccrocher"
    k.click(call.hangup)
    k.settle(lambda: k.state == Screen.AFTER_CALL)
    assert k.services.calls.hangups == ["hangup"]
    after = k.screen
    assert after.reason.text() == "Vous avez raccroché."
    assert after.price.value_label.text() == "0,27\u00a0€"
    assert after.balance.value_label.text() == "12,23\u00a0€"
    k.click(after.done)
    assert k.state == Screen.LOCKED
    kinds = [a[0] for a in k.services.store.audits]
    assert kinds[:2] == ["guard_unlock", "detainee_login"]
    assert "session_end" in kinds


def test_badge_reader_types_into_the_field(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    k.click(k.screen.staff)
    field = k.screen.pin.field
    k.qtbot.keyClicks(field, "4321")
    k.qtbot.keyClick(field, Qt.Key.Key_Return)
    k.settle()
    assert k.state == Screen.GUARD_PICK


def test_wrong_staff_pin_says_why(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    k.click(k.screen.staff)
    k.type_pin(k.screen.pin, "0000")
    assert k.state == Screen.STAFF_PIN
    assert k.screen.banner.text.text() == "Code ou badge non reconnu. Réessayez."


def test_detainee_lockout_on_screen(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    open_session(k, pin="0000")
    assert "Essais restants : 2" in k.screen.banner.text.text()
    k.type_pin(k.screen.pin, "0000")
    k.type_pin(k.screen.pin, "0000")
    assert "Trop d'essais" in k.screen.banner.text.text()
    assert "60 s" in k.screen.banner.text.text()
    assert not k.screen.ok.isEnabled()
    assert not k.screen.pin.keys["1"].isEnabled()
    k.tick(61)
    assert k.screen.ok.isEnabled()
    k.type_pin(k.screen.pin, "1234")
    assert k.state == Screen.HOME


def test_booking_only_session_by_number(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    k.click(k.screen.staff)
    k.type_pin(k.screen.pin, "4321")
    k.click(k.screen.only)
    assert k.screen.number_row.isVisible()
    k.type_pin(k.screen.number, "234567")
    assert k.state == Screen.DETAINEE_PIN
    assert "Julien Morel" in k.screen.title.text()
    k.type_pin(k.screen.pin, "2345")
    assert k.state == Screen.HOME
    assert not k.screen.call.isVisible()  # no booking now: booking is the main action
    assert k.screen.book.property("kind") == "primary"


def test_arabic_is_right_to_left_and_reset_at_logout(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    open_session(k)
    k.click(k.screen.langs["ar"])
    assert k.flow.ctx.lang == "ar"
    assert k.window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert k.screen.call.text() == "اتصال"
    assert k.screen.title.text().startswith("مرحبًا")
    # the primary action sits at the bottom left in Arabic
    call_x = k.screen.call.mapTo(k.window, QPoint(0, 0)).x()
    logout_x = k.screen.logout.mapTo(k.window, QPoint(0, 0)).x()
    assert call_x < logout_x
    k.click(k.screen.langs["es"])
    assert k.screen.call.text() == "Llamar"
    assert k.window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    k.click(k.screen.langs["en"])
    assert k.screen.book.text() == "Book a slot"
    k.click(k.screen.logout)
    assert k.state == Screen.LOCKED
    assert k.flow.ctx.lang == "fr"
    assert k.screen.staff.text() == "Surveillant"


@pytest.mark.parametrize(
    "combo",
    [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_lockdown_keys_do_nothing(kiosk_1080: KioskDriver, combo: tuple) -> None:
    k = kiosk_1080
    key, mods = combo
    target = k.window
    before = k.kiosk.lockdown.swallowed
    ev = QKeyEvent(QEvent.Type.KeyPress, key, mods)
    QApplication.sendEvent(target, ev)
    assert k.kiosk.lockdown.swallowed == before + 1
    assert k.window.isVisible()
    assert k.state == Screen.LOCKED


def test_escape_does_not_leave_a_screen(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    k.click(k.screen.staff)
    k.qtbot.keyClick(k.screen.pin.field, Qt.Key.Key_Escape)
    k.settle()
    assert k.state == Screen.STAFF_PIN


def test_window_cannot_be_closed_and_has_no_context_menu(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    assert k.window.close() is False
    assert k.window.isVisible()
    ev = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(10, 10), QPoint(10, 10))
    assert k.kiosk.lockdown.eventFilter(k.window, ev) is True


def test_technician_out_of_service_and_exit(kiosk_1080: KioskDriver, tmp_path: Path) -> None:
    k = kiosk_1080
    k.click(k.screen.staff)
    k.type_pin(k.screen.pin, "9999")
    assert k.state == Screen.TECHNICIAN
    k.settle(lambda: bool(k.flow.ctx.selftests))
    assert len(k.screen.results.parentWidget().findChildren(QPushButton)) >= 0
    assert k.screen.results.count() == 15  # 5 tests x (icon, name, detail)
    k.click(k.screen.speaker)
    k.settle(lambda: k.services.hardware.tests_played == 1)
    assert k.services.hardware.tests_played == 1
    k.click(k.screen.service)
    assert not k.flow.ctx.out_of_service  # asked once
    k.click(k.screen.service)
    k.settle(lambda: (tmp_path / "state").exists())
    assert (tmp_path / "state").read_text().strip() == "out_of_service"
    k.click(k.screen.close_btn)
    assert k.state == Screen.OUT_OF_SERVICE
    # a guard cannot open it
    k.click(k.screen.tech)
    k.type_pin(k.screen.pin, "4321")
    assert "seul un technicien" in k.screen.banner.text.text()
    k.type_pin(k.screen.pin, "9999")
    assert k.state == Screen.TECHNICIAN
    k.click(k.screen.quit)
    k.click(k.screen.quit)
    k.settle(lambda: k.window.allow_close)
    assert k.window.allow_close
    assert not k.window.isVisible()


def test_inactivity_locks_the_booth(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    open_session(k)
    k.tick(119)
    assert k.state == Screen.HOME
    k.tick(2)
    assert k.state == Screen.LOCKED
    assert k.flow.ctx.detainee is None


def test_booking_refusals_and_offline(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    open_session(k)
    k.click(k.screen.book)
    contacts = k.screen.findChildren(QPushButton)
    suspended = next(b for b in contacts if "Yanis" in b.text())
    assert "numéro suspendu" in suspended.text()
    k.click(suspended)
    assert k.screen.banner.text.text() == (
        "Ce numéro est suspendu pour le moment. Choisissez un autre proche."
    )
    k.click(next(b for b in contacts if "Nadia" in b.text()))
    assert k.state == Screen.BOOK_SLOT
    slot_screen = k.screen
    day = next(b for b in slot_screen._day_buttons.values() if b.text() == "Demain")
    k.click(day)
    assert len(slot_screen._slot_buttons) == 24
    first = next(iter(slot_screen._slot_buttons.values()))
    assert first.text() == "8\u00a0h\u00a000"
    k.click(first)
    assert slot_screen.ok.text() == "Réserver ven. 27 à 8\u00a0h\u00a000"
    k.services.central.refuse_next = "quota_reached"
    k.click(slot_screen.ok)
    assert "nombre de rendez-vous autorisés" in slot_screen.banner.text.text()
    k.services.central.refuse_next = "notice_too_short"
    k.click(first)
    k.click(slot_screen.ok)
    assert "délai de prévenance" in slot_screen.banner.text.text()
    k.services.central.online = False
    k.click(next(iter(slot_screen._day_buttons.values())))
    assert "Le service central ne répond pas" in slot_screen.banner.text.text()
    k.services.central.online = True
    k.click(day)
    k.click(next(iter(slot_screen._slot_buttons.values())))
    k.click(slot_screen.ok)
    assert k.state == Screen.NOTICE
    assert "Votre rendez-vous avec Nadia Benali est réservé" in k.screen.text.text()
    assert "vendredi 27 novembre" in k.screen.text.text()


def test_cancel_own_booking_confirmed_once(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    open_session(k)
    k.click(k.screen.mine)
    assert k.state == Screen.MY_BOOKINGS
    cancels = [
        b for b in k.screen.findChildren(QPushButton) if b.text() == "Annuler la réservation"
    ]
    assert len(cancels) == 1  # the booking of now cannot be cancelled
    k.click(cancels[0])
    assert cancels[0].text() == "Confirmer l'annulation"
    assert [b.id for b in k.flow.ctx.my_bookings] == ["b1", "b4"]
    k.click(cancels[0])
    assert [b.id for b in k.flow.ctx.my_bookings] == ["b1"]
    assert k.screen.banner.text.text() == "Le rendez-vous est annulé."


def test_call_refused_when_central_down(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    k.services.central.online = False
    k.tick(31)  # Locked refreshes the service status
    assert "injoignable" in k.screen.banner.text.text()
    open_session(k)
    k.click(k.screen.call)
    assert k.state == Screen.NOTICE
    assert "Le service central ne répond pas" in k.screen.text.text()


def test_call_placement_failure_never_shows_a_traceback(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    open_session(k)
    k.services.calls.fail_with = RuntimeError("boom: internal detail")
    k.send(fl.CallRequested(), fl.RulesAccepted())
    k.click(k.screen.call)
    assert k.state == Screen.NOTICE
    text = k.screen.text.text()
    assert "boom" not in text and "Traceback" not in text
    assert "Prévenez le surveillant" in text


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        ("relative_hangup", "Votre proche a raccroché."),
        ("time_up", "Le temps de l'appel est écoulé."),
        ("balance", "Votre crédit est épuisé."),
        ("monitor", "L'appel a été arrêté par le personnel de surveillance."),
        ("no_show", "Votre proche n'a pas rejoint l'appel dans les 5 minutes."),
        ("failure", "Un problème technique a interrompu l'appel."),
    ],
)
def test_end_reasons_on_screen(kiosk_1080: KioskDriver, reason: str, text: str) -> None:
    k = kiosk_1080
    open_session(k)
    k.send(fl.CallRequested(), fl.RulesAccepted(), fl.PlaceCallPressed())
    k.settle(lambda: k.state == Screen.WAITING)
    if reason != "no_show":
        k.services.calls.emit("joined")
    k.services.calls.emit("ended", reason=reason, connected_s=125)
    k.settle(lambda: k.state == Screen.AFTER_CALL)
    assert k.screen.reason.text().startswith(text)
    k.tick(31)
    assert k.state == Screen.LOCKED


def test_countdown_colours_chimes_and_last_seconds(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    open_session(k)
    k.send(fl.CallRequested(), fl.RulesAccepted(), fl.PlaceCallPressed())
    k.settle(lambda: k.state == Screen.WAITING)
    k.services.calls.emit("joined")
    k.settle(lambda: k.state == Screen.IN_CALL)
    call = k.screen
    assert call.countdown.property("level") == "normal"
    k.services.calls.emit("progress", time_left_s=299, connected_s=100)
    k.settle()
    assert call.countdown.property("level") == "warning"
    assert _has_colour(call.countdown, "warning_on_dark")  # really painted amber
    assert k.services.sounds.played[-1] == "warning"
    assert call.top.isVisible() and "5 minutes" in call.top_text.text()
    k.services.calls.emit("progress", time_left_s=59, connected_s=340)
    k.settle()
    assert call.countdown.property("level") == "urgent"
    assert _has_colour(call.countdown, "danger_on_dark")
    assert k.services.sounds.played[-1] == "urgent"
    k.tick(50)
    assert call.top_text.text() == "Fin de l'appel dans 9 s"
    k.services.calls.emit("left", rejoin_s=60)
    k.settle()
    assert "Votre proche a quitté l'appel" in call.top_text.text()
    k.tick(15)
    assert "Il a encore 45 s pour revenir" in call.top_text.text()


def _has_colour(widget, role: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the widget's picture contains the palette colour (anti-aliasing aside)."""
    from kiosk import theme

    want = theme.color(role)
    img = widget.grab().toImage()
    for x in range(0, img.width(), 2):
        for y in range(0, img.height(), 2):
            c = img.pixelColor(x, y)
            if (
                abs(c.red() - want.red()) < 8
                and abs(c.green() - want.green()) < 8
                and abs(c.blue() - want.blue()) < 8
            ):
                return True
    return False


def test_guard_ends_a_call(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    open_session(k)
    k.send(fl.CallRequested(), fl.RulesAccepted(), fl.PlaceCallPressed())
    k.services.calls.emit("joined")
    k.settle(lambda: k.state == Screen.IN_CALL)
    k.click(k.screen.staff)
    assert k.state == Screen.STAFF_PIN
    assert k.screen.title.text() == "Surveillant : terminer la séance"
    k.type_pin(k.screen.pin, "4321")
    assert k.state == Screen.LOCKED
    assert k.services.calls.hangups == ["guard"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("width", "height", "lang"),
    [(1920, 1080, "fr"), (1920, 1080, "ar"), (1280, 800, "fr"), (1280, 800, "ar")],
)
def test_every_screen_fits(qtbot, tmp_path: Path, width: int, height: int, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Walk every screen: no button outside the window, touch targets of 72/56 px."""
    from kiosk.shots import walk

    min_target = 72 if height >= 1080 else 56
    d = KioskDriver(qtbot, height, width, tmp_path / "state")
    try:
        seen = 0
        for name in walk(d.kiosk, d.clock, lang):
            seen += 1
            win = d.window.rect()
            for b in d.screen.findChildren(QPushButton):
                if not b.isVisible():
                    continue
                r = b.rect().translated(b.mapTo(d.window, QPoint(0, 0)))
                assert win.contains(r), f"{name} {lang} {width}: {b.text()!r} at {r}"
                if b.property("kind") != "key":
                    assert b.height() >= min_target, f"{name}: {b.text()!r} too small"
        assert seen >= 29
    finally:
        d.close()


def test_translations_complete_and_loadable() -> None:
    from assets.translations.catalog import T
    from kiosk import i18n
    from kiosk.i18n_build import OUT

    for lang in ("en", "ar", "es"):
        ts = (OUT / f"parloir_{lang}.ts").read_text(encoding="utf-8")
        assert 'type="unfinished"' not in ts, lang
        assert (OUT / f"parloir_{lang}.qm").stat().st_size > 1000
        assert i18n.set_language(lang)
        from PySide6.QtCore import QCoreApplication

        got = QCoreApplication.translate("Call", "Raccrocher")
        assert got == T["Raccrocher"][("en", "ar", "es").index(lang)]
    i18n.set_language("fr")
    # placeholders survive translation
    for src, trs in T.items():
        for tr in trs:
            assert sorted(_placeholders(src)) == sorted(_placeholders(tr)), (src, tr)


def _placeholders(s: str) -> list[str]:
    import re

    return re.findall(r"\{(\w+)\}", s)


def test_video_crop_and_copy() -> None:
    from kiosk.ui.widgets import crop_to_fill, frame_to_qimage

    r = crop_to_fill(1280, 720, 400, 400)
    assert (r.width(), r.height()) == (720, 720) and r.x() == 280
    r = crop_to_fill(640, 480, 1600, 600)
    assert r.width() == 640 and abs(r.height() - 240) < 1e-6 and r.y() == 120
    frame = np.zeros((4, 6, 3), dtype=np.uint8)
    frame[..., 2] = 255  # BGR: red
    img = frame_to_qimage(frame)
    assert img is not None and img.width() == 6 and img.height() == 4
    frame[...] = 0  # the image owns its pixels
    assert img.pixelColor(0, 0).red() == 255
    assert frame_to_qimage(np.zeros((4, 6), dtype=np.uint8)) is None


def test_video_view_paints_new_frames_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.widgets import VideoView

    frames = [np.full((90, 160, 3), 40, dtype=np.uint8)]
    view = VideoView()
    qtbot.addWidget(view)
    view.resize(320, 180)
    view.set_source(lambda: frames[-1])
    view.show()
    qtbot.waitUntil(lambda: view.frames_painted >= 1)
    view.poll()
    view.repaint()
    img = view.grab().toImage()
    assert img.pixelColor(160, 90).red() == 40
    frames.append(np.full((90, 160, 3), 200, dtype=np.uint8))
    view.poll()
    view.repaint()
    assert view.grab().toImage().pixelColor(160, 90).red() == 200
    frames.append(None)  # the source stops (the relative left): no frozen picture
    view.placeholder = "parti"
    view.poll()
    view.repaint()
    assert view.grab().toImage().pixelColor(160, 90).red() != 200


def test_screenshot_helper(kiosk_800: KioskDriver, save_shot) -> None:  # type: ignore[no-untyped-def]
    path = save_shot(kiosk_800.window, "locked-800")
    from PySide6.QtGui import QImage

    img = QImage(str(path))
    assert (img.width(), img.height()) == (1280, 800)


def test_staff_screens_stay_french_in_an_arabic_session(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    open_session(k)
    k.click(k.screen.langs["ar"])
    k.click(k.window.top.staff)
    assert k.state == Screen.STAFF_PIN
    assert k.screen.title.text() == "Surveillant : terminer la séance"
    assert k.window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    k.click(k.screen.back)
    assert k.state == Screen.HOME
    assert k.screen.call.text() == "اتصال"  # back to the detainee's language


def test_home_says_why_there_is_no_call(kiosk_1080: KioskDriver) -> None:
    from dataclasses import replace

    k = kiosk_1080
    k.services.store.detainees["d1"] = replace(k.services.store.detainees["d1"], balance_cents=9)
    open_session(k)
    assert not k.screen.call.isVisible()
    assert k.screen.banner.isVisible()
    assert "crédit est insuffisant" in k.screen.banner.text.text()


def test_call_to_a_lawyer_says_it_is_confidential(kiosk_1080: KioskDriver) -> None:
    from dataclasses import replace

    k = kiosk_1080
    b1 = k.services.store.bookings[0]
    k.services.store.bookings[0] = replace(b1, contact_id="c3")  # booked with the lawyer
    open_session(k)
    k.send(fl.CallRequested(), fl.RulesAccepted())
    assert k.state == Screen.PRECALL
    assert k.screen.confidential.isVisible()
    assert "ni écouté ni enregistré" in k.screen.confidential.text()


def test_inactivity_is_announced_before_the_lock(kiosk_1080: KioskDriver) -> None:
    k = kiosk_1080
    open_session(k)
    k.tick(90)
    assert not k.screen.banner.isVisible()
    k.tick(15)
    assert k.screen.banner.isVisible()
    assert "la séance se termine dans 15 s" in k.screen.banner.text.text()
    k.send(fl.UserActivity())  # a touch
    k.tick(1)
    assert not k.screen.banner.isVisible()
    assert k.state == Screen.HOME


def test_back_arrows_point_the_reading_way(kiosk_1080: KioskDriver) -> None:
    from kiosk import theme

    k = kiosk_1080
    open_session(k)
    k.click(k.screen.langs["ar"])
    k.click(k.screen.mine)
    back = k.screen.back
    expected = theme.icon("ph.arrow-right", "surface").pixmap(32, 32).toImage()
    left = theme.icon("ph.arrow-left", "surface").pixmap(32, 32).toImage()
    assert expected != left
    assert back.icon().pixmap(32, 32).toImage() == expected
