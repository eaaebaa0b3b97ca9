"""The console in headless Chromium: a monitor watches a real call live, ends it, replays."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Booth, make_world, sms_for
from tests.fixtures.browser import (
    BOOTH_TONE_HZ,
    RELATIVE_TONE_HZ,
    audio_peak,
    grab_video,
)
from tests.fixtures.central_server import CentralServer
from tests.monitor.conftest import PASSWORD, audit_entries
from tests.monitor.test_console_api import ended_call_with_file
from tests.relay.harness import read_frame_numbers, relative_joins, wait_for

pytestmark = [pytest.mark.e2e]

ROOT = Path(__file__).resolve().parents[2]
# Set to a folder (e.g. docs/screens) to keep the screenshots.
SCREENS_ENV = "PARLOIR_CONSOLE_SCREENS"


@pytest.fixture
def monitor_page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR",
                                   timezone_id="Europe/Paris")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        yield page
    finally:
        context.close()


def shot(page: Any, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path))
    target = os.environ.get(SCREENS_ENV)
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / path.name)
    return path


DURATION_JS = """(sel) => { const v = document.querySelector(sel);
  return v.readyState >= 1 && isFinite(v.duration) ? v.duration : null; }"""


def tone_found(page: Any, selector: str, hz: float) -> bool | None:
    """True once the element's audio peaks at `hz` (a second of audio per look)."""
    peak = audio_peak(page, selector)
    return True if peak is not None and abs(peak["peak_hz"] - hz) < 15 else None


def picture(page: Any, selector: str) -> Any:
    ready = page.evaluate("(sel) => document.querySelector(sel).readyState >= 2", selector)
    return grab_video(page, selector) if ready else None


def console_login(page: Any, server: CentralServer, tmp_path: Path | None = None) -> str:
    username = f"ecoutes-{os.urandom(3).hex()}"
    server.create_staff("monitor", password=PASSWORD, username=username)
    page.goto(f"{server.url}/console")
    page.wait_for_selector("#login-form")
    if tmp_path is not None:
        shot(page, tmp_path, "console-0-login")
    page.fill("#username", username)
    page.fill("#password", "pas le bon")
    page.click("#login-submit")
    page.wait_for_selector("#login-error:not([hidden])")
    assert "incorrect" in page.inner_text("#login-error")
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_selector('[data-view="console"]:not([hidden])')
    return username


def test_monitor_watches_and_ends_a_live_call(monitor_central: CentralServer, chromium_page: Any,
                                              monitor_page: Any, loopback_ice: None,
                                              tmp_path: Path) -> None:
    server = monitor_central
    world = make_world(server, balance_cents=2000)
    booth = Booth(server, world, tmp_path / "booth.sqlite3")
    try:
        call_id = booth.place()
        code, query = sms_for(server, call_id)
        relative_joins(chromium_page, server.url, code, minors=True, query=query)
        booth.wait_event("joined")

        page = monitor_page
        username = console_login(page, server, tmp_path)
        item = page.wait_for_selector(f'li[data-call="{call_id}"]')
        assert "Mineurs présents" in item.inner_text()
        page.click(f'button[data-watch="{call_id}"]')
        page.wait_for_selector("#watch:not([hidden])")

        # Both sides, live: frame codes in order, each side's tone on its own track.
        for selector in ("#v-booth", "#v-relative"):
            def grab(s: str = selector) -> Any:
                return grab_video(page, s)

            seen = read_frame_numbers(grab, 5)
            assert len(seen) >= 5 and sum(b > a for a, b in itertools.pairwise(seen)) >= 3, (
                selector, seen)
        for selector, hz in (("#a-booth", BOOTH_TONE_HZ), ("#a-relative", RELATIVE_TONE_HZ)):
            wait_for(partial(tone_found, page, selector, hz), 20, f"{hz} Hz on {selector}")
        page.wait_for_function("document.querySelector('#s-booth').textContent === 'En direct'")
        # Watching changes nothing for the call itself: both sides still get fresh frames.
        seen = read_frame_numbers(lambda: grab_video(chromium_page), 5)
        assert len(seen) >= 5 and sum(b > a for a, b in itertools.pairwise(seen)) >= 3, seen
        before = booth.engine.remote_video_frames
        wait_for(lambda: booth.engine.remote_video_frames > before + 20 or None, 15,
                 "frames at the booth while a monitor watches")
        shot(page, tmp_path, "console-1-live")
        watches = [e for e in audit_entries(server, "monitor.watch")
                   if e.subject == f"call:{call_id}"]
        assert len(watches) == 1 and watches[0].actor == f"staff:{username}"

        # The monitor ends the call: confirmed once, with a reason; both sides are cut.
        page.click("#btn-end")
        page.wait_for_selector("#end-dialog[open]")
        page.click("#end-confirm")
        page.wait_for_selector("#end-error:not([hidden])")  # the reason is required
        page.fill("#end-reason", "Propos menaçants envers un tiers")
        page.click("#end-confirm")
        page.wait_for_selector("#banner:not([hidden])")
        ended = booth.wait_event("ended", timeout=20)
        assert ended.data["reason"] == "ended_by_central"
        chromium_page.wait_for_selector('section[data-step="ended"]:not([hidden])')
        from central.db.models import Call

        with server.session() as s:
            call = s.get(Call, call_id)
            assert call.end_reason == "monitor" and call.ended_by == f"staff:{username}"
    finally:
        booth.close()


def test_replay_plays_in_the_browser(monitor_central: CentralServer, monitor_page: Any,
                                     tmp_path: Path) -> None:
    server = monitor_central
    call_id = ended_call_with_file(server)
    page = monitor_page
    console_login(page, server)
    page.click('button[data-tab="recordings"]')
    page.wait_for_selector("li[data-recording]")
    before = len(audit_entries(server, "recording.access"))
    from sqlalchemy import select

    from central.db.models import Recording

    with server.session() as s:
        rec_id = s.scalars(select(Recording.id).where(Recording.call_id == call_id)).one()
    page.click(f'button[data-play="{rec_id}"]')
    page.wait_for_selector("#player:not([hidden])")
    # Both sides play: each has a duration and decodes to a picture of its own colour.
    sides = {"#replay": (175, 95, 31), "#replay-relative": (76, 122, 30)}  # BGR
    for selector in sides:
        duration = wait_for(partial(page.evaluate, DURATION_JS, selector), 20,
                            f"metadata of {selector}")
        assert duration > 0.5
    page.evaluate("() => { const v = document.querySelector('#replay'); v.currentTime = 1.5; }")
    for selector, colour in sides.items():
        image = wait_for(partial(picture, page, selector), 20, f"a picture of {selector}")
        left = image[120, 20].astype(int)  # the left edge is painted from the first frame
        assert all(abs(int(a) - b) < 40 for a, b in zip(left, colour, strict=True)), (
            selector, left)
    shot(page, tmp_path, "console-2-replay")
    assert len(audit_entries(server, "recording.access")) == before + 1

    # An incident seen afterwards: suspension of the number called, recording kept.
    from datetime import date, timedelta

    from central.db.models import Call, Contact

    page.click("#btn-incident-replay")
    page.wait_for_selector("#incident-dialog[open]")
    page.click("#incident-confirm")
    page.wait_for_selector("#incident-error:not([hidden])")  # nothing chosen yet
    page.select_option("#incident-kind", "indecent")
    page.fill("#incident-note", "Geste indécent à 0 min 40 s de l'enregistrement")
    page.check('input[name="measure"][value="suspend_until"]')
    until = date.today() + timedelta(days=15)
    page.fill("#incident-until", until.isoformat())
    page.check("#incident-hold")
    shot(page, tmp_path, "console-3-incident")
    page.click("#incident-confirm")
    page.wait_for_selector("#incident-dialog", state="hidden")
    page.wait_for_selector("#banner:not([hidden])")
    with server.session() as s:
        contact = s.get(Contact, s.get(Call, call_id).contact_id)
        assert contact.status == "suspended" and contact.suspended_until is not None
        assert contact.suspended_until.date() >= until - timedelta(days=1)
        assert s.scalars(select(Recording.hold).where(Recording.call_id == call_id)).one()
