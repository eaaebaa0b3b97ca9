"""The join page in a real Chromium, against the relay's router and a stand-in for central."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests

from tests.fixtures.browser import launch_chromium
from tests.relay.harness import ServerThread, StandInCentral, build_app

pytestmark = [pytest.mark.e2e]


@pytest.fixture(scope="module")
def page_server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    standin = StandInCentral()
    server = ServerThread(build_app(standin, None)).start()
    yield server, standin
    server.stop()


def _to_rules(page: Any, url: str, standin: StandInCentral) -> str:
    _call_id, code = standin.new_call()
    page.goto(f"{url}/rejoindre")
    page.fill("#code", code)
    page.click("#code-submit")
    page.wait_for_selector('section[data-step="rules"]:not([hidden])')
    return code


def test_page_is_french_mobile_first_and_safe(page_server: Any) -> None:
    server, _ = page_server
    r = requests.get(f"{server.url}/rejoindre", timeout=10)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '<html lang="fr">' in r.text and 'inputmode="numeric"' in r.text
    assert 'autocomplete="one-time-code"' in r.text and "width=device-width" in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    css = requests.get(f"{server.url}/rejoindre/static/join.css", timeout=10)
    assert css.status_code == 200 and "#1F5FAF" in css.text
    icon = requests.get(f"{server.url}/rejoindre/static/icons/mic.svg", timeout=10)
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/svg+xml"
    for bad in ("../pages.py", "..%2Fpages.py", "icons/../../pages.py", "nope.js", "index.html"):
        resp = requests.get(f"{server.url}/rejoindre/static/{bad}", timeout=10)
        assert resp.status_code == 404, bad
        assert "def " not in resp.text and "<html" not in resp.text


def test_wrong_code_and_pasted_code(page_server: Any, chromium_page: Any) -> None:
    server, standin = page_server
    page = chromium_page
    page.goto(f"{server.url}/rejoindre")
    page.fill("#code", "12")
    page.click("#code-submit")
    assert "6 chiffres" in page.inner_text("#code-error")
    page.fill("#code", "000000" if "000000" not in standin.codes else "999999")
    page.click("#code-submit")
    page.wait_for_function(
        "document.querySelector('#code-error').textContent.includes('pas valable')")
    # A whole code pasted with spaces or dashes ends up as its 6 digits.
    _call_id, code = standin.new_call()
    page.evaluate("""(text) => {
        const el = document.querySelector('#code');
        el.value = '';
        const dt = new DataTransfer(); dt.setData('text', text);
        el.dispatchEvent(new ClipboardEvent('paste',
            {clipboardData: dt, bubbles: true, cancelable: true}));
    }""", f"{code[:3]} {code[3:]}")
    assert page.input_value("#code") == code
    page.click("#code-submit")
    page.wait_for_selector('section[data-step="rules"]:not([hidden])')
    # Accepter without every box: a clear message, nothing sent.
    page.click("#rules-submit")
    assert "Cochez chaque règle" in page.inner_text("#rules-error")
    assert not standin.rules


def test_browser_without_webrtc(page_server: Any, chromium_page: Any) -> None:
    server, _ = page_server
    chromium_page.add_init_script("delete window.RTCPeerConnection;")
    chromium_page.goto(f"{server.url}/rejoindre")
    chromium_page.wait_for_selector('section[data-step="unsupported"]:not([hidden])')
    assert "ne permet pas les appels vidéo" in chromium_page.inner_text("body")
    assert chromium_page.is_hidden('section[data-step="code"]')


def test_camera_refused(page_server: Any, playwright_session: Any, fake_media: Any) -> None:
    server, standin = page_server
    browser = launch_chromium(playwright_session, fake_media, fake_ui=False)
    try:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.set_default_timeout(20_000)
        _to_rules(page, server.url, standin)
        for name in ("authorised_only", "minors_consent", "no_misconduct", "monitoring"):
            page.check(f'input[name="{name}"]')
        page.check('input[name="minors_present"][value="no"]')
        page.click("#rules-submit")
        page.wait_for_selector("#check-error:not([hidden])")
        assert "refusé l'accès à la caméra" in page.inner_text("#check-error")
        assert page.is_disabled("#join")
        rules = next(iter(standin.rules.values()))
        assert rules == {"authorised_only": True, "minors_present": False,
                         "parental_consent": True, "no_indecent": True,
                         "recording_notice": True}
    finally:
        browser.close()


def test_screens(page_server: Any, chromium: Any, tmp_path: Path) -> None:
    """Every step renders at phone and desktop sizes (PNGs kept for a look)."""
    server, standin = page_server
    for width, height in ((390, 844), (1280, 800)):
        context = chromium.new_context(viewport={"width": width, "height": height})
        context.grant_permissions(["camera", "microphone"])
        page = context.new_page()
        try:
            page.goto(f"{server.url}/rejoindre")
            page.screenshot(path=str(tmp_path / f"code-{width}.png"))
            _to_rules(page, server.url, standin)
            page.screenshot(path=str(tmp_path / f"rules-{width}.png"), full_page=True)
            # Nothing sticks out sideways at this width.
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            context.close()
    assert len(list(tmp_path.glob("*.png"))) == 4
