"""A small HTTP fault-injection proxy on 127.0.0.1, between the sync client and central.

Per request, a rule decides: forward, refuse (close at once), answer 500,
delay then forward, hang (never answer), or forward and then LOSE the
response (central has committed, the booth never hears back). Each request is
forwarded on its own upstream connection with `Connection: close`.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

FORWARD = "forward"
REFUSE = "refuse"
ERROR_500 = "500"
DELAY = "delay"
HANG = "hang"
DROP_RESPONSE = "drop_response"


@dataclass(frozen=True)
class Action:
    kind: str = FORWARD
    delay_s: float = 0.0


Rule = Callable[[str, str, int], Action]


def _read_request(conn: socket.socket, buf: bytes) -> tuple[bytes, bytes, str, str] | None:
    """One request (head+body) from `conn`; returns (raw, rest, method, path) or None at EOF."""
    while b"\r\n\r\n" not in buf:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, path = lines[0].split(" ")[:2]
    length = 0
    kept = [lines[0]]
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
        if name.strip().lower() in {"connection", "keep-alive"}:
            continue
        kept.append(line)
    kept.append("Connection: close")
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        rest += chunk
    body, rest = rest[:length], rest[length:]
    raw = ("\r\n".join(kept) + "\r\n\r\n").encode("latin-1") + body
    return raw, rest, method, path


def _with_close(response: bytes) -> bytes:
    """Say `Connection: close` so the client never reuses a connection we close."""
    head, sep, body = response.partition(b"\r\n\r\n")
    lines = [
        line
        for line in head.split(b"\r\n")
        if not line.lower().startswith((b"connection:", b"keep-alive:"))
    ]
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + sep + body


class FaultProxy:
    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.rule: Rule = lambda method, path, n: Action()
        self.down = False
        self.log: list[tuple[str, str, str]] = []
        self._count = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        self._sock.close()

    def set_rule(self, rule: Rule) -> None:
        with self._lock:
            self._count = 0
            self.rule = rule

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self.down:
                conn.close()
                continue
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        buf = b""
        try:
            while not self._stop.is_set():
                got = _read_request(conn, buf)
                if got is None:
                    return
                raw, buf, method, path = got
                with self._lock:
                    self._count += 1
                    n = self._count
                    rule = self.rule
                action = REFUSE if self.down else None
                act = Action(action) if action else rule(method, path, n)
                self.log.append((method, path, act.kind))
                if act.kind == REFUSE:
                    return
                if act.kind == ERROR_500:
                    body = b'{"error":{"code":"injected","message":"Erreur injectee"}}'
                    conn.sendall(
                        b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                        + f"Content-Length: {len(body)}\r\n".encode()
                        + b"Connection: close\r\n\r\n"
                        + body
                    )
                    return
                if act.kind == HANG:
                    conn.settimeout(0.2)
                    deadline = time.monotonic() + 60
                    while not self._stop.is_set() and time.monotonic() < deadline:
                        try:
                            if conn.recv(1) == b"":
                                return
                        except TimeoutError:
                            continue
                    return
                if act.kind == DELAY:
                    time.sleep(act.delay_s)
                response = self._forward(raw)
                if act.kind == DROP_RESPONSE or response is None:
                    return  # central has done the work; the booth never hears back
                conn.sendall(_with_close(response))
                return  # one request per connection, as the response says
        except OSError:
            return
        finally:
            conn.close()

    def _forward(self, raw: bytes) -> bytes | None:
        try:
            with socket.create_connection(self.upstream, timeout=60) as up:
                up.sendall(raw)
                chunks = []
                while True:
                    chunk = up.recv(65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
                return b"".join(chunks)
        except OSError:
            return None
