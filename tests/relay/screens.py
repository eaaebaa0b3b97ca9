"""Screenshots of every step of the join page, phone and desktop, with a real call.

    .venv/bin/python -m tests.relay.screens docs/screens

Runs the relay with a stand-in for central on 127.0.0.1, the booth engine
with the synthetic camera, and headless Chromium as the relative.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from central.relay import ice
from kiosk.call_engine import CallEngine, CentralHttp
from tests.fixtures.browser import FakeMedia, launch_chromium, write_tone_wav, write_y4m
from tests.relay.harness import LoopThread, ServerThread, StandInCentral, SyntheticBooth, build_app

SIZES = {"phone": (390, 844), "desktop": (1280, 800)}


def shoot(out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    ice.enable_loopback_only()
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="parloir-screens-"))
    media = FakeMedia(tmp / "cam.y4m", tmp / "mic.wav", 30, 700.0)
    write_y4m(media.video)
    write_tone_wav(media.audio, 700.0)
    standin = StandInCentral(max_call_s=1800)
    server = ServerThread(build_app(standin, None)).start()
    booth = SyntheticBooth()
    loop = LoopThread()
    shots: list[Path] = []
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw, media)
            for label, (w, h) in SIZES.items():
                video, audio = booth.tracks()

                def build(v: Any = video, a: Any = audio) -> CallEngine:
                    return CallEngine(CentralHttp(server.url, "t"), video_track=v, audio_track=a)

                engine: Any = loop.call(build)
                loop.run(engine.place_call("1", "1"))
                code = standin.last_code  # type: ignore[attr-defined]
                ctx = browser.new_context(viewport={"width": w, "height": h}, locale="fr-FR")
                ctx.grant_permissions(["camera", "microphone"])
                page = ctx.new_page()

                def snap(name: str, page: Any = page, label: str = label) -> None:
                    path = out / f"join-{name}-{label}.png"
                    page.screenshot(path=str(path))
                    shots.append(path)

                page.goto(f"{server.url}/rejoindre")
                page.fill("#code", code[:4])
                snap("1-code")
                page.fill("#code", code)
                page.click("#code-submit")
                page.wait_for_selector('section[data-step="rules"]:not([hidden])')
                page.click(".notice summary")
                page.evaluate("window.scrollTo(0, 0)")
                snap("2-rules")
                for name in ("authorised_only", "minors_consent", "no_misconduct", "monitoring"):
                    page.check(f'input[name="{name}"]')
                page.check('input[name="minors_present"][value="no"]')
                page.click("#rules-submit")
                page.wait_for_selector("#join:not([disabled])")
                time.sleep(1.0)
                snap("3-check")
                page.click("#join")
                page.wait_for_selector("#timer:not([hidden])")
                page.wait_for_function("document.querySelector('#remote').videoWidth > 0")
                time.sleep(1.5)
                snap("4-call")
                page.click("#hangup")
                snap("5-confirm")
                page.click("#hangup-cancel")
                loop.run(engine.hangup())
                page.wait_for_selector('section[data-step="ended"]:not([hidden])')
                snap("6-ended")
                ctx.close()
            browser.close()
    finally:
        loop.stop()
        booth.stop()
        server.stop()
    return shots


if __name__ == "__main__":
    for p in shoot(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screens")):
        print(p)
