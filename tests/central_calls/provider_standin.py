"""A tiny SMS provider stand-in on 127.0.0.1: scripted answers, records what it got."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    headers: dict[str, str]
    body: Any


@dataclass
class Provider:
    url: str
    # one entry per request: "ok", an HTTP status (int), or ("sleep", seconds)
    script: list[Any] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)


@contextmanager
def provider_standin() -> Iterator[Provider]:
    state = Provider(url="")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            with lock:
                state.received.append(
                    Received(headers=dict(self.headers.items()), body=json.loads(raw or b"null"))
                )
                step = state.script.pop(0) if state.script else "ok"
            if isinstance(step, tuple) and step[0] == "sleep":
                time.sleep(step[1])
                step = "ok"
            if step == "ok":
                payload = json.dumps({"id": f"prov-{len(state.received)}"}).encode()
                self.send_response(200)
            else:
                payload = json.dumps({"error": "scripted"}).encode()
                self.send_response(int(step))
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            try:
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}/send"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
