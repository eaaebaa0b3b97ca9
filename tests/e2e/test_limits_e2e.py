"""Limits, rejoin and code rules with a clock the test drives (central in this process).

The relay reads central's clock: the test jumps it forward instead of waiting
30 minutes; media still flow for real between the engine and Chromium.
"""

from __future__ import annotations

from typing import Any

import pytest

from central.db.models import Call, LedgerEntry
from tests.e2e.conftest import make_world, sms_for
from tests.relay.harness import relative_joins, wait_for

pytestmark = [pytest.mark.e2e]


def _new_page(chromium: Any) -> Any:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    context.grant_permissions(["camera", "microphone"])
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def _expected_cents(world: Any, connected_s: int, at: Any) -> int:
    from parloir.tariff_data import load_default_tariff_book
    from policy.billing import price_call

    return price_call(load_default_tariff_book().in_force(at), world.plan, connected_s).total_cents


def test_thirty_minute_limit_with_warnings(clocked_central: Any, booth_factory: Any,
                                           chromium_page: Any) -> None:
    server, clock = clocked_central.server, clocked_central.clock
    world = make_world(server, balance_cents=100_000)
    with server.session() as s:  # a long booking: the 30 minutes are the limit, not the slot
        from central.db.models import Booking

        booking = s.get(Booking, world.booking_id)
        booking.ends_at = booking.starts_at + (booking.ends_at - booking.starts_at) * 2
    booth = booth_factory(server, world)
    call_id = booth.place()
    code, query = sms_for(server, call_id)
    relative_joins(chromium_page, server.url, code, query=query)
    booth.wait_event("joined")

    clock.advance(1500)
    booth.wait_event("warning", seconds_left=300)
    chromium_page.wait_for_selector("#timer.warn")
    clock.advance(240)
    booth.wait_event("warning", seconds_left=60)
    chromium_page.wait_for_selector("#timer.urgent")
    clock.advance(90)  # the booth does nothing: central ends the call
    ended = booth.wait_event("ended")
    assert ended.data == {"reason": "max_duration", "connected_s": 1800}
    chromium_page.wait_for_selector('section[data-step="ended"]:not([hidden])')
    assert "30 minutes" in chromium_page.inner_text("#ended-text")
    assert _ended_in_db(server, call_id) == "max_duration"


def _ended_in_db(server: Any, call_id: str) -> str:
    """The relay ends the call in the database just after telling both sides."""
    def reason() -> str | None:
        with server.session() as s:
            call = s.get(Call, call_id)
            return call.end_reason if call.status == "ended" else None
    return wait_for(reason, 15, "the call ended in the database")  # type: ignore[no-any-return]


def test_empty_balance_ends_the_call_and_debits_once(clocked_central: Any, booth_factory: Any,
                                                     chromium_page: Any) -> None:
    server, clock = clocked_central.server, clocked_central.clock
    world = make_world(server, balance_cents=60)  # 0.14 fee + a little over a minute
    booth = booth_factory(server, world)
    call_id = booth.place()
    allowed = int(booth.engine.placed["allowed_seconds"])
    assert 60 <= allowed < 600
    code, query = sms_for(server, call_id)
    relative_joins(chromium_page, server.url, code, query=query)
    booth.wait_event("joined")
    clock.advance(allowed + 30)
    ended = booth.wait_event("ended")
    assert ended.data == {"reason": "balance", "connected_s": allowed}
    chromium_page.wait_for_selector('section[data-step="ended"]:not([hidden])')
    assert "crédit" in chromium_page.inner_text("#ended-text")

    assert booth.push_usage() == 1
    result = booth.engine.result
    expected = _expected_cents(world, allowed, result.connected_at)
    with server.session() as s:
        debits = s.query(LedgerEntry).filter_by(call_id=call_id, kind="debit").all()
        assert [d.amount_cents for d in debits] == [expected]
    assert 0 <= server.balance(world.detainee_id) == 60 - expected


def test_relative_closes_the_tab_and_rejoins_within_60s(clocked_central: Any, booth_factory: Any,
                                                         chromium: Any) -> None:
    server, clock = clocked_central.server, clocked_central.clock
    world = make_world(server, balance_cents=5000)
    booth = booth_factory(server, world)
    call_id = booth.place()
    code, query = sms_for(server, call_id)
    first = _new_page(chromium)
    try:
        relative_joins(first, server.url, code, query=query)
        booth.wait_event("joined")
        clock.advance(20)
    finally:
        first.context.close()  # the tab is closed
    booth.wait_event("left")
    clock.advance(30)  # the gap: not billed

    second = _new_page(chromium)
    try:
        second.goto(f"{server.url}/rejoindre{query}")
        for _attempt in range(2):  # like a person, type it again if the first try failed
            second.fill("#code", code)  # the same code, for this call only
            second.click("#code-submit")
            second.wait_for_selector('#code-error:not([hidden]), section[data-step="check"]'
                                     ':not([hidden])')
            if second.is_visible('section[data-step="check"]'):
                break
            error = second.inner_text("#code-error")
            second.wait_for_timeout(1000)
        else:
            raise AssertionError(f"the code was refused at rejoin: {error}")
        second.wait_for_selector("#join:not([disabled])")  # rules already accepted
        second.click("#join")
        booth.wait_event("rejoined")
        clock.advance(10)
        result = booth.hangup()
    finally:
        second.context.close()
    assert result.reason == "booth_hangup"
    # 20 s + 10 s; the 30 s gap is excluded. (On a loaded machine a media stall of more than
    # 5 s may pause the count for a moment, so it can be lower, never above 30.)
    assert 20 <= result.connected_s <= 30, result
    assert booth.push_usage() == 1
    expected = _expected_cents(world, result.connected_s, result.connected_at)
    with server.session() as s:
        debits = s.query(LedgerEntry).filter_by(call_id=call_id, kind="debit").all()
        assert [d.amount_cents for d in debits] == [expected]  # one connection fee only
        assert s.get(Call, call_id).connected_seconds == result.connected_s


def test_code_after_five_minutes_is_refused(clocked_central: Any, booth_factory: Any,
                                            chromium_page: Any) -> None:
    server, clock = clocked_central.server, clocked_central.clock
    world = make_world(server)
    booth = booth_factory(server, world)
    call_id = booth.place()
    code, query = sms_for(server, call_id)
    clock.advance(301)
    chromium_page.goto(f"{server.url}/rejoindre{query}")
    chromium_page.fill("#code", code)
    chromium_page.click("#code-submit")
    chromium_page.wait_for_selector("#code-error:not([hidden])")
    assert "n'est plus valable" in chromium_page.inner_text("#code-error")
    assert chromium_page.is_hidden('section[data-step="rules"]')


def test_five_wrong_codes_lock_the_invitation(clocked_central: Any, booth_factory: Any,
                                              chromium_page: Any) -> None:
    server = clocked_central.server
    world = make_world(server)
    booth = booth_factory(server, world)
    call_id = booth.place()
    code, query = sms_for(server, call_id)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    chromium_page.goto(f"{server.url}/rejoindre{query}")
    for _ in range(5):
        chromium_page.fill("#code", wrong)
        chromium_page.click("#code-submit")
        chromium_page.wait_for_selector("#code-error:not([hidden])")
        chromium_page.wait_for_selector("#code-submit:not([disabled])")
    chromium_page.fill("#code", code)  # the right code, too late
    chromium_page.click("#code-submit")
    wait_for(lambda: "bloqué" in chromium_page.inner_text("#code-error"), 10, "the lock message")
    assert chromium_page.is_hidden('section[data-step="rules"]')


def test_never_joined_call_ends_with_the_slot_and_costs_nothing(clocked_central: Any,
                                                                booth_factory: Any) -> None:
    server, clock = clocked_central.server, clocked_central.clock
    world = make_world(server, balance_cents=1000)
    with server.session() as s:  # a slot that ends in two minutes
        from datetime import timedelta

        from central.db.models import Booking

        booking = s.get(Booking, world.booking_id)
        booking.ends_at = booking.starts_at + timedelta(minutes=3)
    booth = booth_factory(server, world)
    call_id = booth.place()
    booth.wait_event("hello")
    clock.advance(150)  # the booked slot is over; nobody joined
    ended = booth.wait_event("ended")
    assert ended.data["reason"] == "slot_end" and ended.data["connected_s"] == 0
    assert _ended_in_db(server, call_id) == "slot_end"
    assert booth.push_usage() == 1
    assert server.balance(world.detainee_id) == 1000
    with server.session() as s:
        assert s.query(LedgerEntry).filter_by(call_id=call_id, kind="debit").count() == 0
