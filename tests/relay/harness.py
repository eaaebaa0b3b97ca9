"""Test harness shared by tests/relay and tests/e2e.

- `StandInCentral`: the call/join lookups of central-calls reduced to a dict,
  behind the relay's real router (used until and besides the real server).
- `ServerThread`: uvicorn on 127.0.0.1 in a thread (the relay runs on its loop).
- `LoopThread`: an asyncio loop in its own thread, as the kiosk runs the engine.
- `synthetic_booth_tracks`: booth_hw's synthetic camera (frame codes) and a tone mic.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
import time
from collections.abc import Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from central.api import media
from central.relay.base import CallMediaInfo, CallOutcome, RelayError
from central.web import pages
from tests.fixtures.tools import free_port

T = TypeVar("T")


class RecordingListener:
    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []
        self.outcomes: list[CallOutcome] = []

    async def relative_joined(self, call_id: str, rejoin: bool) -> None:
        self.events.append(("rejoined" if rejoin else "joined", call_id))

    async def relative_left(self, call_id: str) -> None:
        self.events.append(("left", call_id))

    async def call_ended(self, outcome: CallOutcome) -> None:
        self.events.append(("ended", outcome.call_id))
        self.outcomes.append(outcome)


class StandInCentral:
    """Calls, codes and join tokens in memory; every call gets the same limits."""

    def __init__(self, **info: Any) -> None:
        self.info = info
        self.calls: dict[str, CallMediaInfo] = {}
        self.codes: dict[str, str] = {}
        self.tokens: dict[str, str] = {}
        self.rules: dict[str, dict[str, Any]] = {}
        self.listener = RecordingListener()

    def new_call(self, **override: Any) -> tuple[str, str]:
        call_id = f"call-{secrets.token_hex(4)}"
        code = f"{secrets.randbelow(10**6):06d}"
        self.calls[call_id] = CallMediaInfo(call_id=call_id, **{**self.info, **override})
        self.codes[code] = call_id
        return call_id, code

    async def booth_call(self, booth: Any, call_id: str, session: Any) -> CallMediaInfo:
        if call_id not in self.calls:
            raise RelayError("not_found", "Appel introuvable.", 404)
        return self.calls[call_id]

    async def join_call(self, join_token: str, session: Any) -> CallMediaInfo:
        call_id = self.tokens.get(join_token)
        if call_id is None:
            raise RelayError("invalid_token", "Ce lien n'est plus valable.", 404)
        return self.calls[call_id]


def build_app(standin: StandInCentral, recordings_dir: Path | None,
              relay_factory: Callable[[], Any] | None = None) -> FastAPI:
    from central.relay.aiortc_relay import AiortcRelay

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        app.state.media_backend = standin
        app.state.relay = relay_factory() if relay_factory is not None else AiortcRelay(
            recordings_dir=recordings_dir, listener=standin.listener, loopback_only=True)
        await media.startup(app)
        yield
        await media.shutdown(app)

    app = FastAPI(lifespan=lifespan)
    app.include_router(media.router)
    app.include_router(pages.router)
    app.dependency_overrides[media.require_booth] = lambda: {"booth_id": "booth-1"}
    app.dependency_overrides[media.get_session] = lambda: None

    @app.post("/api/v1/calls")
    async def place(body: dict[str, Any]) -> Any:
        call_id, code = standin.new_call()
        standin.last_code = code  # type: ignore[attr-defined]
        return {"call_id": call_id, "masked_number": "** ** ** ** 42", "allowed_seconds": 1800}

    @app.post("/api/v1/join/code")
    async def code(body: dict[str, Any]) -> Any:
        call_id = standin.codes.get(str(body.get("code")))
        if call_id is None:
            return JSONResponse({"error": {"code": "invalid_code", "message":
                                           "Ce code n'est pas valable. Vérifiez le SMS."}}, 400)
        token = secrets.token_urlsafe(16)
        standin.tokens[token] = call_id
        return {"join_token": token, "rejoin": False,
                "call": {"id": call_id, "rules_accepted": False}}

    @app.post("/api/v1/join/{token}/rules")
    async def rules(token: str, request: Request) -> Any:
        standin.rules[token] = await request.json()
        return {"ok": True}

    return app


class ServerThread:
    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                loop="asyncio", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("test server did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)


class LoopThread:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def call(self, fn: Callable[[], T], timeout: float = 10) -> T:
        async def wrap() -> T:
            return fn()
        return self.run(wrap(), timeout)

    def stop(self) -> None:
        async def drain() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        try:
            self.run(drain(), 10)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(5)
            self.loop.close()


class SyntheticBooth:
    """booth_hw's synthetic camera (frame codes + capture time) and a 440 Hz microphone."""

    def __init__(self, width: int = 640, height: int = 480, tone_hz: float = 440.0) -> None:
        from booth_hw.audio import Microphone
        from booth_hw.camera import Camera
        from booth_hw.settings import AudioSettings, CameraSettings

        self.camera = Camera(CameraSettings(source="synthetic", width=width, height=height,
                                            fps=30.0)).start()
        self.mic = Microphone(AudioSettings(input_device="synthetic",
                                            synthetic_tone_hz=tone_hz)).start()

    def tracks(self) -> tuple[Any, Any]:
        from booth_hw.tracks import CameraVideoTrack, MicrophoneAudioTrack

        return CameraVideoTrack(self.camera), MicrophoneAudioTrack(self.mic)

    def stop(self) -> None:
        self.camera.stop()
        self.mic.stop()


def wait_for(predicate: Callable[[], Any], timeout: float, what: str,
             interval: float = 0.1) -> Any:
    """Poll until `predicate()` is truthy (no timed assertion: the timeout is a hang guard)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value is not None and (hasattr(value, "size") or bool(value)):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(interval)


def relative_joins(page: Any, base_url: str, code: str, *, minors: bool = False,
                   query: str = "") -> None:
    """The relative's steps in the page: code, rules, device check, «Rejoindre l'appel»."""
    page.goto(f"{base_url}/rejoindre{query}")
    page.fill("#code", code)
    page.click("#code-submit")
    page.wait_for_selector('section[data-step="rules"]:not([hidden])')
    for name in ("authorised_only", "minors_consent", "no_misconduct", "monitoring"):
        page.check(f'input[name="{name}"]')
    page.check(f'input[name="minors_present"][value="{"yes" if minors else "no"}"]')
    page.click("#rules-submit")
    page.wait_for_selector("#join:not([disabled])")
    page.click("#join")
    page.wait_for_selector('section[data-step="call"]:not([hidden])')


def read_frame_numbers(grab: Callable[[], Any], count: int, timeout: float = 15) -> list[int]:
    from booth_hw.framecode import read_code

    seen: list[int] = []
    deadline = time.monotonic() + timeout
    while len(seen) < count and time.monotonic() < deadline:
        image = grab()
        if image is not None:
            n = read_code(image)
            if n is not None and (not seen or seen[-1] != n):
                seen.append(n)
        time.sleep(0.05)
    return seen
