"""The session state machine, driven by events and a manual clock (no Qt)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kiosk import flow as f
from kiosk.flow import Screen
from kiosk.services import (
    Booking,
    CallQuote,
    Contact,
    Detainee,
    DetaineeFile,
    SelfTestItem,
    Slot,
    StaffMember,
    StaffRole,
    SyncStatus,
)
from parloir.clock import ManualClock

NOW = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)
GUARD = StaffMember("g1", StaffRole.GUARD, "Surveillant Martin")
TECH = StaffMember("t1", StaffRole.TECHNICIAN, "Technicien")
DET = Detainee("d1", "Karim B.", "123456", 1250, "50", consent_given=False)
BOOKING = Booking("b1", "d1", NOW, NOW + timedelta(minutes=30), "c1", "Karim B.", "Nadia")
CONTACTS = [
    Contact("c1", "Nadia", "06 •• •• •• 12"),
    Contact("c2", "Yanis", "06 •• •• •• 34", status="suspended"),
    Contact("c3", "Paul", "07 •• •• •• 56", status="withdrawn"),
]
QUOTE = CallQuote(allowed_seconds=1800, per_minute_cents=27)


def file_(detainee: Detainee = DET, quote: CallQuote | None = QUOTE) -> DetaineeFile:
    return DetaineeFile(detainee, CONTACTS, [BOOKING], quote)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
def flow(clock: ManualClock) -> f.Flow:
    fl = f.Flow(clock)
    fl.start()
    fl.handle(f.LockedInfo("Cabine 1", [BOOKING], SyncStatus(True, NOW)))
    return fl


def kinds(cmds: list[f.Command]) -> list[type]:
    return [type(c) for c in cmds]


def to_guard_pick(fl: f.Flow) -> None:
    fl.handle(f.StaffRequested())
    assert fl.ctx.screen == Screen.STAFF_PIN
    cmds = fl.handle(f.PinSubmitted("4321"))
    assert kinds(cmds) == [f.VerifyStaffPin]
    cmds = fl.handle(f.StaffPinChecked(GUARD))
    assert f.LoadBookingsNow in kinds(cmds)
    assert fl.ctx.screen == Screen.GUARD_PICK
    fl.handle(f.BookingsNowLoaded([BOOKING]))


def to_detainee_pin(fl: f.Flow, quote: CallQuote | None = QUOTE) -> None:
    to_guard_pick(fl)
    cmds = fl.handle(f.BookingPicked("b1"))
    assert cmds == [f.LoadDetainee("d1", "b1")]
    fl.handle(f.DetaineeLoaded(file_(quote=quote)))
    assert fl.ctx.screen == Screen.DETAINEE_PIN


def to_home(fl: f.Flow, quote: CallQuote | None = QUOTE) -> None:
    to_detainee_pin(fl, quote)
    cmds = fl.handle(f.PinSubmitted("1234"))
    assert isinstance(cmds[0], f.VerifyDetaineePin) and cmds[0].detainee_id == "d1"
    fl.handle(f.DetaineePinChecked(True))
    assert fl.ctx.screen == Screen.HOME


def to_in_call(fl: f.Flow) -> None:
    to_home(fl)
    fl.handle(f.CallRequested())
    assert fl.ctx.screen == Screen.RULES
    assert fl.ctx.rules_full
    cmds = fl.handle(f.RulesAccepted())
    assert cmds == [f.RecordConsent("d1")]
    assert fl.ctx.screen == Screen.PRECALL
    cmds = fl.handle(f.PlaceCallPressed())
    assert cmds == [f.PlaceCall("b1", "c1")]
    fl.handle(f.CallPlaced("call1", "06 •• •• •• 12", NOW + timedelta(minutes=5), 1800))
    assert fl.ctx.screen == Screen.WAITING
    cmds = fl.handle(f.RelativeJoined())
    assert cmds == [f.PlaySound("joined")]
    assert fl.ctx.screen == Screen.IN_CALL


def test_starts_locked_and_refreshes(clock: ManualClock) -> None:
    fl = f.Flow(clock)
    assert fl.ctx.screen == Screen.LOCKED
    assert fl.start() == [f.RefreshLocked()]
    assert fl.handle(f.Tick()) == []
    clock.advance(31)
    assert fl.handle(f.Tick()) == [f.RefreshLocked()]


def test_locked_info_keeps_only_a_few_upcoming(flow: f.Flow) -> None:
    many = [BOOKING] * 10
    flow.handle(f.LockedInfo("Cabine 2", many, SyncStatus(False, None)))
    assert flow.ctx.booth_name == "Cabine 2"
    assert len(flow.ctx.upcoming) == flow.settings.upcoming_count
    assert not flow.ctx.sync.reachable


def test_out_of_service_start(clock: ManualClock) -> None:
    fl = f.Flow(clock, out_of_service=True)
    assert fl.ctx.screen == Screen.OUT_OF_SERVICE
    fl.handle(f.StaffRequested())
    assert fl.ctx.staff_purpose == f.StaffPurpose.SERVICE
    fl.handle(f.PinSubmitted("4321"))
    fl.handle(f.StaffPinChecked(GUARD))
    assert fl.ctx.screen == Screen.STAFF_PIN
    assert fl.ctx.message == f.Msg("technician_only")
    fl.handle(f.PinSubmitted("9999"))
    cmds = fl.handle(f.StaffPinChecked(TECH))
    assert fl.ctx.screen == Screen.TECHNICIAN
    assert f.RunSelftests in kinds(cmds)


def test_guard_unlock_and_handover(flow: f.Flow) -> None:
    to_detainee_pin(flow)
    assert flow.ctx.detainee == DET
    assert flow.ctx.booking == BOOKING
    assert flow.ctx.pin_tries_left == 3


def test_staff_pin_back_returns(flow: f.Flow) -> None:
    flow.handle(f.StaffRequested())
    flow.handle(f.Back())
    assert flow.ctx.screen == Screen.LOCKED


def test_short_pin_refused_without_command(flow: f.Flow) -> None:
    flow.handle(f.StaffRequested())
    assert flow.handle(f.PinSubmitted("12")) == []
    assert flow.ctx.message == f.Msg("pin_too_short")


def test_staff_pin_lockout(flow: f.Flow, clock: ManualClock) -> None:
    flow.handle(f.StaffRequested())
    for i in range(5):
        assert kinds(flow.handle(f.PinSubmitted("0000"))) == [f.VerifyStaffPin]
        cmds = flow.handle(f.StaffPinChecked(None))
        if i < 4:
            assert flow.ctx.message == f.Msg("pin_wrong_staff")
    assert kinds(cmds) == [f.Audit]
    assert flow.ctx.message == f.Msg("pin_locked")
    assert flow.staff_lockout_left() == 60
    assert flow.handle(f.PinSubmitted("4321")) == []  # locked: not even checked
    clock.advance(61)
    flow.handle(f.Tick())
    assert kinds(flow.handle(f.PinSubmitted("4321"))) == [f.VerifyStaffPin]


def test_detainee_pin_lockout_then_unlock(flow: f.Flow, clock: ManualClock) -> None:
    to_detainee_pin(flow)
    flow.handle(f.PinSubmitted("0000"))
    flow.handle(f.DetaineePinChecked(False))
    assert flow.ctx.message == f.Msg("pin_wrong", {"tries": 2})
    flow.handle(f.PinSubmitted("0000"))
    flow.handle(f.DetaineePinChecked(False))
    assert flow.ctx.pin_tries_left == 1
    flow.handle(f.PinSubmitted("0000"))
    cmds = flow.handle(f.DetaineePinChecked(False))
    assert cmds == [f.Audit("detainee_pin_lockout", {"detainee": "d1"})]
    assert flow.ctx.message == f.Msg("pin_locked")
    assert flow.pin_lockout_left() == 60
    assert flow.handle(f.PinSubmitted("1234")) == []
    clock.advance(30)
    flow.handle(f.Tick())
    assert flow.handle(f.PinSubmitted("1234")) == []
    clock.advance(31)
    flow.handle(f.Tick())
    assert flow.ctx.pin_tries_left == 3
    assert kinds(flow.handle(f.PinSubmitted("1234"))) == [f.VerifyDetaineePin]
    flow.handle(f.DetaineePinChecked(True))
    assert flow.ctx.screen == Screen.HOME


def test_detainee_lockout_survives_a_new_session(flow: f.Flow, clock: ManualClock) -> None:
    to_detainee_pin(flow)
    for _ in range(3):
        flow.handle(f.PinSubmitted("0000"))
        flow.handle(f.DetaineePinChecked(False))
    flow.handle(f.Back())  # detainee leaves; guard opens again at once
    assert flow.ctx.screen == Screen.LOCKED
    to_detainee_pin(flow)
    assert flow.pin_lockout_left() > 0
    assert flow.ctx.message == f.Msg("pin_locked")
    assert flow.handle(f.PinSubmitted("1234")) == []


def test_booking_only_session(flow: f.Flow) -> None:
    to_guard_pick(flow)
    flow.handle(f.BookingOnlyRequested())
    assert flow.ctx.entering_number
    assert flow.handle(f.DetaineeNumberSubmitted("  ")) == []
    assert flow.ctx.message == f.Msg("number_empty")
    assert flow.handle(f.DetaineeNumberSubmitted("999")) == [f.FindDetainee("999")]
    flow.handle(f.DetaineeFound(None))
    assert flow.ctx.message == f.Msg("number_unknown")
    assert flow.handle(f.DetaineeNumberSubmitted("123456")) == [f.FindDetainee("123456")]
    assert flow.handle(f.DetaineeFound(DET)) == [f.LoadDetainee("d1", None)]
    flow.handle(f.DetaineeLoaded(DetaineeFile(DET, CONTACTS, [], None)))
    assert flow.ctx.screen == Screen.DETAINEE_PIN
    assert flow.ctx.booking is None
    flow.handle(f.PinSubmitted("1234"))
    flow.handle(f.DetaineePinChecked(True))
    assert not flow.can_call()
    flow.handle(f.CallRequested())
    assert flow.ctx.screen == Screen.NOTICE
    assert flow.ctx.notice == f.Msg("no_booking_now")
    flow.handle(f.Back())
    assert flow.ctx.screen == Screen.HOME


def test_guard_pick_back_from_number_entry_then_ends(flow: f.Flow) -> None:
    to_guard_pick(flow)
    flow.handle(f.BookingOnlyRequested())
    flow.handle(f.Back())
    assert flow.ctx.screen == Screen.GUARD_PICK and not flow.ctx.entering_number
    cmds = flow.handle(f.Back())
    assert flow.ctx.screen == Screen.LOCKED
    assert f.RefreshLocked in kinds(cmds)


def test_language_chosen_and_reset_at_logout(flow: f.Flow) -> None:
    to_home(flow)
    flow.handle(f.LanguageChosen("ar"))
    assert flow.ctx.lang == "ar"
    flow.handle(f.LanguageChosen("xx"))
    assert flow.ctx.lang == "ar"
    flow.handle(f.Back())  # logout
    assert flow.ctx.screen == Screen.LOCKED
    assert flow.ctx.lang == "fr"
    assert flow.ctx.detainee is None


def test_language_not_changed_when_locked(flow: f.Flow) -> None:
    flow.handle(f.LanguageChosen("en"))
    assert flow.ctx.lang == "fr"


def test_inactivity_returns_to_locked(flow: f.Flow, clock: ManualClock) -> None:
    to_home(flow)
    clock.advance(100)
    flow.handle(f.UserActivity())
    clock.advance(100)
    flow.handle(f.Tick())
    assert flow.ctx.screen == Screen.HOME
    clock.advance(21)
    cmds = flow.handle(f.Tick())
    assert flow.ctx.screen == Screen.LOCKED
    assert f.Audit("session_end", {"reason": "inactivity"}) in cmds


@pytest.mark.parametrize(
    "screen_events",
    [
        [f.StaffRequested()],
        [f.BookRequested()],
        [f.MyBookingsRequested()],
        [f.CallRequested()],
    ],
)
def test_inactivity_everywhere(flow: f.Flow, clock: ManualClock, screen_events: list) -> None:
    to_home(flow)
    for ev in screen_events:
        flow.handle(ev)
    assert flow.ctx.screen != Screen.HOME
    clock.advance(121)
    flow.handle(f.Tick())
    assert flow.ctx.screen == Screen.LOCKED


def test_no_inactivity_timeout_during_a_call(flow: f.Flow, clock: ManualClock) -> None:
    to_in_call(flow)
    clock.advance(600)
    flow.handle(f.Tick())
    assert flow.ctx.screen == Screen.IN_CALL


def test_rules_full_then_brief(flow: f.Flow) -> None:
    to_in_call(flow)
    flow.handle(f.HangupPressed())
    flow.handle(f.CallEnded("hangup", 120))
    assert flow.ctx.screen == Screen.AFTER_CALL
    # same session, second call: the rules are recalled briefly, consent not recorded again
    flow.ctx.screen = Screen.HOME
    flow.handle(f.CallRequested())
    assert flow.ctx.screen == Screen.RULES and not flow.ctx.rules_full
    assert flow.handle(f.RulesAccepted()) == []


def test_consent_given_means_brief_rules(flow: f.Flow) -> None:
    to_guard_pick(flow)
    flow.handle(f.BookingPicked("b1"))
    d = Detainee("d1", "Karim B.", "123456", 1250, "50", consent_given=True)
    flow.handle(f.DetaineeLoaded(DetaineeFile(d, CONTACTS, [BOOKING], QUOTE)))
    flow.handle(f.PinSubmitted("1234"))
    flow.handle(f.DetaineePinChecked(True))
    flow.handle(f.CallRequested())
    assert not flow.ctx.rules_full


def test_call_refused_by_quote(flow: f.Flow) -> None:
    q = CallQuote(0, 30, 14, "balance_too_low", "Votre crédit est insuffisant.")
    to_home(flow, quote=q)
    assert not flow.can_call()
    flow.handle(f.CallRequested())
    assert flow.ctx.screen == Screen.NOTICE
    assert flow.ctx.notice.key == "refusal"
    assert flow.ctx.notice.params["code"] == "balance_too_low"


def test_call_refused_when_offline(flow: f.Flow) -> None:
    to_home(flow)
    flow.handle(f.LockedInfo("Cabine 1", [], SyncStatus(False, NOW)))
    flow.handle(f.CallRequested())
    assert flow.ctx.notice == f.Msg("central_down_call")


def test_place_call_central_down(flow: f.Flow) -> None:
    to_home(flow)
    flow.handle(f.CallRequested())
    flow.handle(f.RulesAccepted())
    flow.handle(f.PlaceCallPressed())
    assert flow.handle(f.PlaceCallPressed()) == []  # busy: no double call
    flow.handle(f.CentralFailed("injoignable"))
    assert flow.ctx.screen == Screen.NOTICE
    assert flow.ctx.notice == f.Msg("central_down_call")
    assert not flow.ctx.sync.reachable


def test_place_call_refused_by_central(flow: f.Flow) -> None:
    to_home(flow)
    flow.handle(f.CallRequested())
    flow.handle(f.RulesAccepted())
    flow.handle(f.PlaceCallPressed())
    flow.handle(f.Refusal("contact_suspended", "Ce numéro est suspendu."))
    assert flow.ctx.screen == Screen.NOTICE
    assert flow.ctx.notice.params == {
        "code": "contact_suspended",
        "text": "Ce numéro est suspendu.",
    }


def test_device_failure_before_call(flow: f.Flow) -> None:
    to_home(flow)
    flow.handle(f.CallRequested())
    flow.handle(f.RulesAccepted())
    flow.handle(f.PlaceCallPressed())
    flow.handle(f.ServiceFailed("camera", "no camera"))
    assert flow.ctx.screen == Screen.NOTICE
    assert flow.ctx.notice == f.Msg("device_failed_call")


def test_waiting_cancel_goes_home(flow: f.Flow) -> None:
    to_home(flow)
    flow.handle(f.CallRequested())
    flow.handle(f.RulesAccepted())
    flow.handle(f.PlaceCallPressed())
    flow.handle(f.CallPlaced("call1", "06 •• •• •• 12", NOW + timedelta(minutes=5), 1800))
    assert flow.wait_left() == 300
    assert flow.handle(f.CancelCallPressed()) == [f.Hangup("cancelled")]
    assert flow.handle(f.CancelCallPressed()) == []
    flow.handle(f.CallEnded("cancelled"))
    assert flow.ctx.screen == Screen.HOME


def test_waiting_no_show(flow: f.Flow) -> None:
    to_home(flow)
    flow.handle(f.CallRequested())
    flow.handle(f.RulesAccepted())
    flow.handle(f.PlaceCallPressed())
    flow.handle(f.CallPlaced("call1", "06 •• •• •• 12", NOW + timedelta(minutes=5), 1800))
    flow.handle(f.CallEnded("no_show"))
    assert flow.ctx.screen == Screen.AFTER_CALL
    assert flow.ctx.call.end_reason == "no_show"
    assert flow.ctx.call.price_cents == 0


def test_in_call_countdown_cost_and_warnings(flow: f.Flow, clock: ManualClock) -> None:
    to_in_call(flow)
    view = flow.call_view()
    assert view.time_left_s == 1800 and view.cost_cents == 0 and view.level == "normal"
    clock.advance(60)
    view = flow.call_view()
    assert view.time_left_s == 1740
    assert view.connected_s == 60
    assert view.cost_cents == 27
    assert view.balance_cents == 1250 - 27
    clock.advance(1740 - 300)
    assert flow.handle(f.Tick()) == [f.PlaySound("warning")]
    assert flow.call_view().level == "warning"
    assert flow.handle(f.Tick()) == []  # once
    clock.advance(240)
    assert flow.handle(f.Tick()) == [f.PlaySound("urgent")]
    assert flow.call_view().level == "urgent"
    assert flow.handle(f.CallWarning(60)) == []  # the engine's warning does not chime twice


def test_engine_progress_and_warning_events(flow: f.Flow, clock: ManualClock) -> None:
    to_in_call(flow)
    assert flow.handle(f.CallProgress(400, 100)) == []
    assert flow.call_view().time_left_s == 400
    assert flow.handle(f.CallWarning(300)) == [f.PlaySound("warning")]
    assert flow.call_view().time_left_s == 300
    # both points crossed at once: one urgent chime
    assert flow.handle(f.CallProgress(50, 500)) == [f.PlaySound("urgent")]


def test_both_warnings_crossed_at_once_chime_urgent(flow: f.Flow) -> None:
    to_in_call(flow)
    assert flow.handle(f.CallProgress(30, 10)) == [f.PlaySound("urgent")]


def test_relative_left_pauses_billing_and_may_come_back(flow: f.Flow, clock: ManualClock) -> None:
    to_in_call(flow)
    clock.advance(120)
    flow.handle(f.RelativeLeft(60))
    assert not flow.ctx.call.relative_present
    assert flow.rejoin_left() == 60
    clock.advance(40)
    view = flow.call_view()
    assert view.connected_s == 120
    assert view.time_left_s == 1800 - 160
    flow.handle(f.RelativeJoined())
    assert flow.ctx.call.relative_present
    assert flow.ctx.screen == Screen.IN_CALL
    clock.advance(60)
    assert flow.call_view().connected_s == 180


def test_mute_and_self_view(flow: f.Flow) -> None:
    to_in_call(flow)
    assert flow.handle(f.MuteToggled()) == [f.SetMuted(True)]
    assert flow.handle(f.MuteToggled()) == [f.SetMuted(False)]
    flow.handle(f.SelfViewToggled())
    assert not flow.ctx.self_view


@pytest.mark.parametrize(
    ("reason", "shown"),
    [
        ("hangup", "hangup"),
        ("relative_hangup", "relative_hangup"),
        ("time_up", "time_up"),
        ("balance", "balance"),
        ("monitor", "monitor"),
        ("relative_lost", "relative_lost"),
        ("failure", "failure"),
        ("something_new", "other"),
    ],
)
def test_end_reasons(flow: f.Flow, clock: ManualClock, reason: str, shown: str) -> None:
    to_in_call(flow)
    clock.advance(90)
    flow.handle(f.HangupPressed()) if reason == "hangup" else None
    cmds = flow.handle(f.CallEnded(reason, 90))
    assert cmds == [f.PlaySound("ended")]
    assert flow.ctx.screen == Screen.AFTER_CALL
    assert flow.ctx.call.end_reason == shown
    assert flow.ctx.call.price_cents == 41  # 90 s at 0.27 €/min = 40.5 → 41
    assert flow.ctx.call.balance_after_cents == 1250 - 41
    assert flow.ctx.detainee.balance_cents == 1250 - 41


def test_engine_price_wins(flow: f.Flow) -> None:
    to_in_call(flow)
    flow.handle(f.CallEnded("relative_hangup", 60, 30, 1000))
    assert flow.ctx.call.price_cents == 30
    assert flow.ctx.call.balance_after_cents == 1000


def test_after_call_timeout_and_finish(flow: f.Flow, clock: ManualClock) -> None:
    to_in_call(flow)
    flow.handle(f.CallEnded("time_up", 1800))
    assert flow.after_call_left() == 30
    clock.advance(29)
    flow.handle(f.Tick())
    assert flow.ctx.screen == Screen.AFTER_CALL
    clock.advance(2)
    flow.handle(f.Tick())
    assert flow.ctx.screen == Screen.LOCKED
    to_in_call(flow)
    flow.handle(f.CallEnded("time_up", 1800))
    flow.handle(f.Finished())
    assert flow.ctx.screen == Screen.LOCKED


def test_guard_ends_session_during_call(flow: f.Flow, clock: ManualClock) -> None:
    to_in_call(flow)
    flow.handle(f.StaffRequested())
    assert flow.ctx.screen == Screen.STAFF_PIN
    assert flow.ctx.staff_purpose == f.StaffPurpose.END
    # the call goes on behind the PIN screen
    clock.advance(10)
    flow.handle(f.CallProgress(1700, 100))
    assert flow.ctx.call.time_left_s == 1700
    flow.handle(f.PinSubmitted("4321"))
    cmds = flow.handle(f.StaffPinChecked(GUARD))
    assert f.Hangup("guard") in cmds
    assert f.Audit("session_ended_by_staff", {"staff": "g1"}) in cmds
    assert flow.ctx.screen == Screen.LOCKED
    assert flow.ctx.detainee is None
    # the engine's late report changes nothing
    flow.handle(f.CallEnded("guard", 100))
    assert flow.ctx.screen == Screen.LOCKED


def test_guard_pin_screen_back_to_call(flow: f.Flow) -> None:
    to_in_call(flow)
    flow.handle(f.StaffRequested())
    flow.handle(f.Back())
    assert flow.ctx.screen == Screen.IN_CALL


def test_call_ends_while_guard_types(flow: f.Flow) -> None:
    to_in_call(flow)
    flow.handle(f.StaffRequested())
    flow.handle(f.CallEnded("relative_hangup", 100))
    assert flow.ctx.screen == Screen.STAFF_PIN
    flow.handle(f.Back())
    assert flow.ctx.screen == Screen.AFTER_CALL


def test_guard_ends_session_from_home(flow: f.Flow) -> None:
    to_home(flow)
    flow.handle(f.StaffRequested())
    flow.handle(f.PinSubmitted("4321"))
    cmds = flow.handle(f.StaffPinChecked(GUARD))
    assert f.Hangup not in kinds(cmds)
    assert flow.ctx.screen == Screen.LOCKED


def test_booking_flow_and_refusals(flow: f.Flow) -> None:
    to_home(flow)
    flow.handle(f.BookRequested())
    assert flow.ctx.screen == Screen.BOOK_CONTACT
    assert flow.handle(f.ContactPicked("c2")) == []
    assert flow.ctx.message.params["code"] == "contact_suspended"
    assert flow.handle(f.ContactPicked("c3")) == []
    assert flow.ctx.message.params["code"] == "contact_withdrawn"
    cmds = flow.handle(f.ContactPicked("c1"))
    assert flow.ctx.screen == Screen.BOOK_SLOT
    assert cmds == [f.FetchSlots("d1", date(2026, 11, 26))]
    assert len(flow.ctx.days) == 7
    slots = [Slot(NOW + timedelta(hours=h), NOW + timedelta(hours=h, minutes=30)) for h in (1, 2)]
    flow.handle(f.SlotsLoaded(date(2026, 11, 26), slots))
    assert flow.ctx.busy is None
    assert flow.handle(f.BookConfirmed()) == []  # nothing picked yet
    flow.handle(f.SlotPicked(slots[1].start))
    cmds = flow.handle(f.BookConfirmed())
    assert cmds == [f.Book("d1", "c1", slots[1].start)]
    cmds = flow.handle(f.Refusal("slot_taken", "Ce créneau est déjà pris."))
    assert cmds == [f.FetchSlots("d1", date(2026, 11, 26))]  # slots reloaded
    assert flow.ctx.message.key == "refusal" and flow.ctx.message_is_error
    flow.handle(f.SlotsLoaded(date(2026, 11, 26), slots[:1]))
    assert flow.ctx.message.params["code"] == "slot_taken"  # still shown
    flow.handle(f.SlotPicked(slots[0].start))
    flow.handle(f.BookConfirmed())
    flow.handle(f.Refusal("quota_reached", "Quota atteint."))
    assert flow.ctx.message.params["code"] == "quota_reached"
    flow.handle(f.BookConfirmed())
    new = Booking("b9", "d1", slots[0].start, slots[0].end, "c1")
    flow.handle(f.Booked(new))
    assert flow.ctx.screen == Screen.NOTICE
    assert flow.ctx.notice.key == "booked"
    assert new in flow.ctx.my_bookings
    flow.handle(f.Back())
    assert flow.ctx.screen == Screen.HOME


def test_booking_day_change_and_no_slot(flow: f.Flow) -> None:
    to_home(flow)
    flow.handle(f.BookRequested())
    flow.handle(f.ContactPicked("c1"))
    assert flow.handle(f.DayPicked(date(2026, 11, 27))) == []  # busy loading the first day
    flow.handle(f.SlotsLoaded(date(2026, 11, 26), []))
    assert flow.ctx.message == f.Msg("no_free_slot")
    assert flow.handle(f.DayPicked(date(2026, 11, 27))) == [f.FetchSlots("d1", date(2026, 11, 27))]
    flow.handle(f.SlotsLoaded(date(2026, 11, 26), [Slot(NOW, NOW)]))  # stale answer ignored
    assert flow.ctx.slots == ()
    flow.handle(f.Back())
    assert flow.ctx.screen == Screen.BOOK_CONTACT


def test_booking_offline(flow: f.Flow) -> None:
    to_home(flow)
    flow.handle(f.BookRequested())
    flow.handle(f.ContactPicked("c1"))
    flow.handle(f.CentralFailed())
    assert flow.ctx.message == f.Msg("central_down")
    assert flow.ctx.busy is None


@pytest.mark.parametrize("code", ["quota_reached", "notice_too_short", "contact_suspended"])
def test_booking_refusal_reasons_are_kept(flow: f.Flow, code: str) -> None:
    to_home(flow)
    flow.handle(f.BookRequested())
    flow.handle(f.ContactPicked("c1"))
    flow.handle(f.SlotsLoaded(date(2026, 11, 26), [Slot(NOW, NOW)]))
    flow.handle(f.SlotPicked(NOW))
    flow.handle(f.BookConfirmed())
    flow.handle(f.Refusal(code, "…"))
    assert flow.ctx.message.params["code"] == code


def test_my_bookings_cancel(flow: f.Flow) -> None:
    to_home(flow)
    later = Booking("b2", "d1", NOW + timedelta(days=1), NOW + timedelta(days=1, minutes=30), "c1")
    flow.ctx.my_bookings = [BOOKING, later]
    flow.handle(f.MyBookingsRequested())
    assert flow.ctx.screen == Screen.MY_BOOKINGS
    assert flow.handle(f.CancelBookingPressed("b1")) == []  # the booking in use now
    assert flow.ctx.message == f.Msg("cannot_cancel_current")
    assert flow.handle(f.CancelBookingPressed("b2")) == [f.CancelBooking("d1", "b2")]
    flow.handle(f.Refusal("cancellation_too_late", "Trop tard."))
    assert flow.ctx.message.params["code"] == "cancellation_too_late"
    flow.handle(f.CancelBookingPressed("b2"))
    flow.handle(f.BookingCancelled("b2"))
    assert [b.id for b in flow.ctx.my_bookings] == ["b1"]
    assert flow.ctx.message == f.Msg("cancelled")


def test_technician_mode(flow: f.Flow) -> None:
    flow.handle(f.StaffRequested())
    flow.handle(f.PinSubmitted("9999"))
    cmds = flow.handle(f.StaffPinChecked(TECH))
    assert flow.ctx.screen == Screen.TECHNICIAN
    assert kinds(cmds) == [f.Audit, f.RunSelftests]
    assert flow.handle(f.SelftestsRequested()) == []  # already running
    flow.handle(f.SelftestsDone([SelfTestItem("camera", True), SelfTestItem("network", False)]))
    assert len(flow.ctx.selftests) == 2
    assert flow.handle(f.SpeakerTestPressed()) == [f.PlayTestSound()]
    cmds = flow.handle(f.ServiceToggled())
    assert cmds[0] == f.SaveOutOfService(True)
    assert flow.ctx.out_of_service
    flow.handle(f.Back())
    assert flow.ctx.screen == Screen.OUT_OF_SERVICE
    # a guard cannot use an out-of-service booth
    flow.handle(f.StaffRequested())
    flow.handle(f.PinSubmitted("4321"))
    flow.handle(f.StaffPinChecked(GUARD))
    assert flow.ctx.message == f.Msg("technician_only")
    flow.handle(f.PinSubmitted("9999"))
    flow.handle(f.StaffPinChecked(TECH))
    assert flow.handle(f.ServiceToggled())[0] == f.SaveOutOfService(False)
    assert kinds(flow.handle(f.QuitRequested())) == [f.Audit, f.QuitApp]
    flow.handle(f.Back())
    assert flow.ctx.screen == Screen.LOCKED


def test_quit_only_from_technician(flow: f.Flow) -> None:
    assert flow.handle(f.QuitRequested()) == []
    to_home(flow)
    assert flow.handle(f.QuitRequested()) == []


def test_store_failure_on_pin(flow: f.Flow) -> None:
    flow.handle(f.StaffRequested())
    flow.handle(f.PinSubmitted("4321"))
    flow.handle(f.ServiceFailed("store"))
    assert flow.ctx.message == f.Msg("store_failed")
    assert flow.ctx.busy is None


def test_pins_never_in_repr() -> None:
    assert "4321" not in repr(f.PinSubmitted("4321"))
    assert "4321" not in repr(f.VerifyStaffPin("4321"))
    assert "4321" not in repr(f.VerifyDetaineePin("d1", "4321"))


def test_listeners_notified(flow: f.Flow) -> None:
    seen: list[Screen] = []
    flow.subscribe(lambda ctx: seen.append(ctx.screen))
    flow.handle(f.StaffRequested())
    assert seen == [Screen.STAFF_PIN]


def test_cost_rounding() -> None:
    q = CallQuote(1800, 30, 14)
    assert f.call_cost_cents(q, 0) == 0
    assert f.call_cost_cents(q, 1) == 14 + 1  # 0.5 → 1 (half up)
    assert f.call_cost_cents(q, 60) == 44
    assert f.call_cost_cents(None, 60) == 0


def test_booking_without_contact_asks_whom_to_call(flow: f.Flow) -> None:
    to_guard_pick(flow)
    open_booking = Booking("b7", "d1", NOW, NOW + timedelta(minutes=30), None, "Karim B.")
    flow.handle(f.BookingsNowLoaded([open_booking]))
    flow.handle(f.BookingPicked("b7"))
    flow.handle(f.DetaineeLoaded(DetaineeFile(DET, CONTACTS, [open_booking], QUOTE)))
    flow.handle(f.PinSubmitted("1234"))
    flow.handle(f.DetaineePinChecked(True))
    assert flow.can_call()
    flow.handle(f.CallRequested())
    assert flow.ctx.screen == Screen.BOOK_CONTACT and flow.ctx.picking_for_call
    assert flow.handle(f.ContactPicked("c2")) == []  # suspended: refused with the reason
    assert flow.ctx.message is not None and flow.ctx.message.params["code"] == "contact_suspended"
    flow.handle(f.ContactPicked("c1"))
    assert flow.ctx.screen == Screen.RULES
    flow.handle(f.RulesAccepted())
    assert flow.handle(f.PlaceCallPressed()) == [f.PlaceCall("b7", "c1")]


def test_booked_contact_suspended_since_asks_again(flow: f.Flow) -> None:
    to_guard_pick(flow)
    b = Booking("b8", "d1", NOW, NOW + timedelta(minutes=30), "c2", "Karim B.")
    flow.handle(f.BookingsNowLoaded([b]))
    flow.handle(f.BookingPicked("b8"))
    flow.handle(f.DetaineeLoaded(DetaineeFile(DET, CONTACTS, [b], QUOTE)))
    flow.handle(f.PinSubmitted("1234"))
    flow.handle(f.DetaineePinChecked(True))
    flow.handle(f.CallRequested())
    assert flow.ctx.screen == Screen.BOOK_CONTACT and flow.ctx.picking_for_call
    flow.handle(f.Back())
    assert flow.ctx.screen == Screen.HOME
    flow.handle(f.BookRequested())
    assert not flow.ctx.picking_for_call
