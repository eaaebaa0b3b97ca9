"""Benchmark: a call through central's relay vs a direct aiortc peer-to-peer call.

    .venv/bin/python bench/call_latency.py [--seconds 10] [--sizes 640x480,1280x720]

Booth: the call engine with booth_hw's synthetic camera, which draws its
frame number and capture time (ms) into each picture. Relative: headless
Chromium running the real join page; its camera is replaced by a canvas that
draws `Date.now()` (ms modulo 65536) as a frame code. Each side reads the other's
codes from the decoded frames, on the same machine clock:

- one-way glass-to-glass latency booth → relative (capture → frame presented
  by the browser, requestVideoFrameCallback) and relative → booth (canvas
  drawn → frame decoded by the engine);
- setup time: «Rejoindre l'appel» clicked → first frame on each side;
- frames per second received each way (distinct frame numbers);
- CPU of the booth process and of the relay (central server process).

"relay" = central server subprocess with the aiortc relay; "direct" = the same
page answered by an aiortc peer holding the booth's tracks (no relay).
Loopback only. Prints a table (targets: p50 <= 100 ms, p95 <= 150 ms one-way
through the relay at 640x480@30, setup <= 1 s, >= 29 fps each way).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

os.environ.setdefault("RELAY_LOOPBACK_ONLY", "1")

FRAMECODE_JS = r"""
window.__fc = (() => {
  const BANDS = 18, CRC = 8;
  function crc8(bits) {
    let c = 0;
    for (const b of bits) { const top = ((c >> 7) & 1) ^ b; c = (c << 1) & 0xff; if (top) c ^= 7; }
    return c;
  }
  function toBits(v, w) {
    const out = []; for (let i = 0; i < w; i++) out.push((v >> (w - 1 - i)) & 1); return out;
  }
  function band(h, row) {
    return [Math.round(row * h / BANDS), Math.round((row + 1) * h / BANDS)];
  }
  function draw(ctx, w, h, value, row, bits) {
    const data = toBits(value % (2 ** bits), bits);
    const pattern = [1, 0, ...data, ...toBits(crc8(data), CRC)];
    const [y0, y1] = band(h, row); const n = pattern.length;
    for (let i = 0; i < n; i++) {
      const x0 = Math.round(i * w / n), x1 = Math.round((i + 1) * w / n);
      ctx.fillStyle = pattern[i] ? '#fff' : '#000'; ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
    }
  }
  function read(img, w, h, row, bits) {
    const [y0, y1] = band(h, row); const hh = y1 - y0;
    const ya = y0 + Math.floor(hh / 4), yb = Math.max(ya + 1, y0 + Math.floor(3 * hh / 4));
    const n = 2 + bits + CRC; const levels = [];
    for (let i = 0; i < n; i++) {
      const x0 = i * w / n, x1 = (i + 1) * w / n;
      const a = Math.floor(x0 + (x1 - x0) / 4), b = Math.max(Math.floor(x1 - (x1 - x0) / 4), a + 1);
      let sum = 0, cnt = 0;
      for (let y = ya; y < yb; y += 2) for (let x = a; x < b; x += 2) {
        const k = (y * w + x) * 4;
        sum += (img.data[k] + img.data[k + 1] + img.data[k + 2]) / 3; cnt++;
      }
      levels.push(sum / cnt);
    }
    const white = levels[0], black = levels[1];
    if (white - black < 60) return null;
    const thr = (white + black) / 2; const pat = levels.slice(2).map(v => v > thr ? 1 : 0);
    const data = pat.slice(0, bits), check = pat.slice(bits);
    let c = 0; for (let i = 0; i < CRC; i++) c |= check[i] << (CRC - 1 - i);
    if (crc8(data) !== c) return null;
    let v = 0; for (let i = 0; i < bits; i++) v = v * 2 + data[i]; return v;
  }
  return {draw, read};
})();
"""

CAMERA_JS = r"""
(() => {
  const W = %(w)d, H = %(h)d;
  const orig = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const audio = await orig({audio: true});
    const cv = document.createElement('canvas'); cv.width = W; cv.height = H;
    const ctx = cv.getContext('2d'); let n = 0;
    function frame() {
      n++; ctx.fillStyle = '#3c8c5a'; ctx.fillRect(0, 0, W, H);
      ctx.fillStyle = '#ddd'; ctx.beginPath();
      ctx.arc(W * (0.2 + 0.6 * ((n %% 60) / 60)), H * 0.6, H / 8, 0, 7); ctx.fill();
      // One 16-bit row (wide cells survive a browser that lowers the resolution when
      // busy): the capture time in ms modulo 65536, distinct for every frame.
      window.__fc.draw(ctx, W, H, Date.now() %% 65536, 0, 16);
    }
    frame(); setInterval(frame, 1000 / 30);
    const stream = cv.captureStream(30);
    audio.getAudioTracks().forEach(t => stream.addTrack(t));
    return stream;
  };
})();
"""

METER_JS = r"""
() => {
  const B = window.__bench = {lat: [], frames: 0, first: null};
  const v = document.querySelector('#remote');
  const c = document.createElement('canvas');
  const ctx = c.getContext('2d', {willReadFrequently: true});
  function onFrame(now) {
    const W = v.videoWidth, H = v.videoHeight;
    if (W) {
      const bh = Math.ceil(2 * H / 18) + 2;
      if (c.width !== W || c.height !== bh) { c.width = W; c.height = bh; }
      ctx.drawImage(v, 0, 0, W, bh, 0, 0, W, bh);
      const img = ctx.getImageData(0, 0, W, bh);
      const num = window.__fc.read(img, W, H, 0, 16);
      const t = window.__fc.read(img, W, H, 1, 24);
      const wall = performance.timeOrigin + now;
      if (num !== null) { B.frames++; if (B.first === null) B.first = wall; }
      if (t !== null) B.lat.push(((Math.floor(wall) %% 16777216) - t + 16777216) %% 16777216);
    }
    v.requestVideoFrameCallback(onFrame);
  }
  v.requestVideoFrameCallback(onFrame);
}
""".replace("%%", "%")


@dataclass
class BoothMeter:
    """Reads the relative's codes in frames decoded by the booth (on the engine's loop)."""

    lat: list[int] = field(default_factory=list)
    numbers: set[int] = field(default_factory=set)
    first_wall: float | None = None
    frames: int = 0

    def on_frame(self, frame: Any) -> None:
        from booth_hw.framecode import read_code

        now = time.time()
        code = read_code(frame.to_ndarray(format="gray"))  # capture ms modulo 65536
        if code is None:
            return
        if self.first_wall is None:
            self.first_wall = now
        self.frames += 1
        self.numbers.add(code)
        self.lat.append((int(now * 1000) - code) % 65536)

    def reset(self) -> None:
        self.lat.clear()
        self.numbers.clear()
        self.frames = 0


def _cpu_of(pid: int) -> float:
    """CPU seconds (user + system) of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pct(values: list[int], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(q * len(ordered)))])


@dataclass
class Result:
    mode: str
    size: str
    b2r_p50: float
    b2r_p95: float
    r2b_p50: float
    r2b_p95: float
    setup_relative_ms: float
    setup_booth_ms: float
    fps_b2r: float
    fps_r2b: float
    cpu_booth: float
    cpu_relay: float | None


class DirectPeer:
    """Answers the page's offer itself with the booth's tracks: a call without the relay."""

    def __init__(self, booth: Any, meter: BoothMeter, w: int, h: int) -> None:
        self.booth, self.meter = booth, meter
        self.pcs: list[Any] = []
        self.tasks: list[Any] = []
        self.ice_servers: list[str] = []

    async def relative_offer(self, info: Any, offer: Any) -> Any:
        import json

        from aiortc import RTCPeerConnection, RTCSessionDescription
        from aiortc.mediastreams import MediaStreamError

        from central.relay import ice
        from central.relay.base import SessionDescription

        pc = RTCPeerConnection(ice.rtc_configuration())
        self.pcs.append(pc)

        async def consume(track: Any) -> None:
            try:
                while True:
                    frame = await track.recv()
                    if track.kind == "video":
                        self.meter.on_frame(frame)
            except MediaStreamError:
                return

        @pc.on("track")
        def on_track(track: Any) -> None:
            self.tasks.append(asyncio.ensure_future(consume(track)))

        @pc.on("datachannel")
        def on_channel(ch: Any) -> None:
            ch.on("open", lambda: ch.send(json.dumps({"type": "booth_joined"})))

        await pc.setRemoteDescription(RTCSessionDescription(
            sdp=ice.filter_remote_sdp(offer.sdp), type=offer.type))
        video, audio = self.booth.tracks()
        pc.addTrack(video)
        pc.addTrack(audio)
        await pc.setLocalDescription(await pc.createAnswer())
        return SessionDescription(pc.localDescription.sdp, pc.localDescription.type)

    async def booth_offer(self, info: Any, offer: Any) -> Any:
        raise NotImplementedError

    async def relative_leave(self, call_id: str) -> None:
        return None

    async def close(self) -> None:
        for t in self.tasks:
            t.cancel()
        for pc in self.pcs:
            await pc.close()


def _measure_page(page: Any, meter: BoothMeter, seconds: float, relay_pid: int | None
                  ) -> dict[str, Any]:
    time.sleep(2.0)  # warm-up: encoders settle, bitrate ramps up
    page.evaluate("() => { window.__bench.lat = []; window.__bench.frames = 0; }")
    meter.reset()
    t0, c0 = time.monotonic(), time.process_time()
    r0 = _cpu_of(relay_pid) if relay_pid else 0.0
    time.sleep(seconds)
    wall = time.monotonic() - t0
    booth_cpu = (time.process_time() - c0) / wall * 100
    relay_cpu = (_cpu_of(relay_pid) - r0) / wall * 100 if relay_pid else None
    b = page.evaluate("() => ({lat: window.__bench.lat, frames: window.__bench.frames})")
    return {"b2r": b["lat"], "fps_b2r": b["frames"] / wall, "r2b": list(meter.lat),
            "fps_r2b": len(meter.numbers) / wall, "cpu_booth": booth_cpu, "cpu_relay": relay_cpu}


def _setup(page: Any, meter: BoothMeter) -> tuple[float, float]:
    page.wait_for_function("() => window.__bench && window.__bench.first !== null", timeout=20000)
    s = page.evaluate("() => ({click: performance.timeOrigin + window.parloir.joinClickedAt,"
                      " first: window.__bench.first})")
    deadline = time.monotonic() + 20
    while meter.first_wall is None and time.monotonic() < deadline:
        time.sleep(0.02)
    booth_first = (meter.first_wall or float("nan")) * 1000
    return s["first"] - s["click"], booth_first - s["click"]


def _page(browser: Any, w: int, h: int) -> Any:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    ctx.grant_permissions(["camera", "microphone"])
    ctx.add_init_script(FRAMECODE_JS)
    ctx.add_init_script(CAMERA_JS % {"w": w, "h": h})
    page = ctx.new_page()
    page.set_default_timeout(20000)
    return page


def run_relay(browser: Any, w: int, h: int, seconds: float) -> Result:
    from central.relay import ice
    from kiosk.call_engine import CallEngine, CentralHttp
    from tests.e2e.conftest import make_world, sms_for
    from tests.fixtures.central_server import start_central_server
    from tests.relay.harness import LoopThread, SyntheticBooth

    ice.enable_loopback_only()
    tmp = Path(tempfile.mkdtemp(prefix="parloir-bench-"))
    with start_central_server(tmp / "central", env={"RELAY_LOOPBACK_ONLY": "1"}) as server:
        world = make_world(server, balance_cents=100_000)
        booth = SyntheticBooth(w, h)
        loop = LoopThread()
        meter = BoothMeter()
        try:
            video, audio = booth.tracks()

            def build() -> CallEngine:
                e = CallEngine(CentralHttp(server.url, world.booth_token), video_track=video,
                               audio_track=audio)
                e.add_video_listener(meter.on_frame)
                return e

            engine = loop.call(build)
            call_id = loop.run(engine.place_call(world.booking_id, world.contact_id))
            code, query = sms_for(server, call_id)
            page = _page(browser, w, h)
            _join_and_arm(page, server.url, code, query)
            setup_rel, setup_booth = _setup(page, meter)
            m = _measure_page(page, meter, seconds, server.process.pid)
            loop.run(engine.hangup())
            page.context.close()
        finally:
            loop.stop()
            booth.stop()
    return _result("relay", w, h, m, setup_rel, setup_booth)


def _join_and_arm(page: Any, url: str, code: str, query: str) -> None:
    page.goto(f"{url}/rejoindre{query}")
    page.fill("#code", code)
    page.click("#code-submit")
    page.wait_for_selector('section[data-step="rules"]:not([hidden])')
    for name in ("authorised_only", "minors_consent", "no_misconduct", "monitoring"):
        page.check(f'input[name="{name}"]')
    page.check('input[name="minors_present"][value="no"]')
    page.click("#rules-submit")
    page.wait_for_selector("#join:not([disabled])")
    # Arm the meter right after the click, before the first frame can arrive.
    arm = """() => {
      const arm = () => {
        const sec = document.querySelector('section[data-step="call"]');
        if (!sec.hidden) { (METER)(); } else { setTimeout(arm, 5); }
      };
      document.querySelector('#join').addEventListener('click', () => setTimeout(arm, 0));
    }"""
    page.evaluate(arm.replace("METER", METER_JS.strip()))
    page.click("#join")
    page.wait_for_selector('section[data-step="call"]:not([hidden])')


def run_direct(browser: Any, w: int, h: int, seconds: float) -> Result:
    from central.relay import ice
    from tests.relay.harness import ServerThread, StandInCentral, SyntheticBooth, build_app

    ice.enable_loopback_only()
    booth = SyntheticBooth(w, h)
    meter = BoothMeter()
    standin = StandInCentral()
    server = ServerThread(build_app(standin, None,
                                    relay_factory=lambda: DirectPeer(booth, meter, w, h))).start()
    try:
        _call_id, code = standin.new_call()
        page = _page(browser, w, h)
        _join_and_arm(page, server.url, code, "")
        setup_rel, setup_booth = _setup(page, meter)
        m = _measure_page(page, meter, seconds, None)
        page.context.close()
    finally:
        server.stop()
        booth.stop()
    return _result("direct", w, h, m, setup_rel, setup_booth)


def _result(mode: str, w: int, h: int, m: dict[str, Any], setup_rel: float,
            setup_booth: float) -> Result:
    return Result(mode, f"{w}x{h}", _pct(m["b2r"], 0.5), _pct(m["b2r"], 0.95),
                  _pct(m["r2b"], 0.5), _pct(m["r2b"], 0.95), setup_rel, setup_booth,
                  m["fps_b2r"], m["fps_r2b"], m["cpu_booth"], m["cpu_relay"])


def table(results: list[Result]) -> str:
    head = ("| size | path | booth→relative p50 / p95 ms | relative→booth p50 / p95 ms | "
            "setup relative / booth ms | fps b→r / r→b | CPU booth % | CPU relay % |")
    lines = [head, "|" + "---|" * 8]
    for r in results:
        relay = f"{r.cpu_relay:.0f}" if r.cpu_relay is not None else "–"
        lines.append(
            f"| {r.size} | {r.mode} | {r.b2r_p50:.0f} / {r.b2r_p95:.0f} | "
            f"{r.r2b_p50:.0f} / {r.r2b_p95:.0f} | {r.setup_relative_ms:.0f} / "
            f"{r.setup_booth_ms:.0f} | {r.fps_b2r:.1f} / {r.fps_r2b:.1f} | "
            f"{r.cpu_booth:.0f} | {relay} |")
    by = {(r.size, r.mode): r for r in results}
    for size in dict.fromkeys(r.size for r in results):
        a, b = by.get((size, "relay")), by.get((size, "direct"))
        if a and b:
            lines.append(
                f"| {size} | relay / direct | ×{a.b2r_p50 / b.b2r_p50:.2f} / "
                f"×{a.b2r_p95 / b.b2r_p95:.2f} | ×{a.r2b_p50 / b.r2b_p50:.2f} / "
                f"×{a.r2b_p95 / b.r2b_p95:.2f} | "
                f"×{a.setup_relative_ms / b.setup_relative_ms:.2f} / "
                f"×{a.setup_booth_ms / b.setup_booth_ms:.2f} | | | |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--sizes", default="640x480,1280x720")
    parser.add_argument("--modes", default="relay,direct", help="relay, direct or both")
    parser.add_argument("--no-record", action="store_true",
                        help="relay without recording (to see what recording costs)")
    args = parser.parse_args()
    if args.no_record:
        os.environ["PARLOIR_RELAY__RECORD"] = "0"
    from playwright.sync_api import sync_playwright

    from tests.fixtures.browser import launch_chromium

    results: list[Result] = []
    with sync_playwright() as pw:
        browser = launch_chromium(pw, None)
        try:
            for size in args.sizes.split(","):
                w, h = (int(x) for x in size.split("x"))
                runs = {"relay": run_relay, "direct": run_direct}
                for mode in args.modes.split(","):
                    r = runs[mode](browser, w, h, args.seconds)
                    print(f"{r.mode:6s} {r.size}: b→r p50 {r.b2r_p50:.0f} ms, r→b p50 "
                          f"{r.r2b_p50:.0f} ms, {r.fps_b2r:.1f}/{r.fps_r2b:.1f} fps",
                          file=sys.stderr, flush=True)
                    results.append(r)
        finally:
            browser.close()
    print(table(results))
    stats_ok = [r for r in results if r.mode == "relay" and r.size == "640x480"]
    for r in stats_ok:
        verdict = (r.b2r_p50 <= 100 and r.b2r_p95 <= 150 and r.r2b_p50 <= 100
                   and r.r2b_p95 <= 150 and max(r.setup_relative_ms, r.setup_booth_ms) <= 1000
                   and min(r.fps_b2r, r.fps_r2b) >= 29)
        print(f"\nTargets at 640x480 through the relay: {'met' if verdict else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
