"""A small stand-in for central's booth API (same wire schemas), for client unit tests.

It keeps state in memory: reference data paged by cursor, idempotent usage
(debits each call once), self-tests and audit events by client id. The real
central server is used by the integration tests; this one lets the client's
retry/backoff machinery be tested on its own, fast.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from parloir.tariff_data import load_default_tariff_book
from policy.billing import price_call
from sync import wire

TOKEN = "standin-token"


class StandIn:
    def __init__(self, detainees: int = 3, contacts_each: int = 2, page: int = 2) -> None:
        self.page = page
        self.lock = threading.Lock()
        self.now = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
        self.time_offset = timedelta(0)
        self.rows: list[tuple[int, str, dict[str, Any]]] = []  # (revision, kind, data)
        self.rev = 0
        self.usage: dict[str, dict[str, Any]] = {}
        self.debits: list[tuple[str, int]] = []
        self.selftests: dict[str, dict[str, Any]] = {}
        self.audit: dict[str, dict[str, Any]] = {}
        self.bookings: dict[int, dict[str, Any]] = {}
        self.balances: dict[int, int] = {}
        self.requests: list[tuple[str, str]] = []
        self.book = load_default_tariff_book()
        for i in range(1, detainees + 1):
            self.balances[i] = 1000
            self.add_row("detainee", self._detainee(i))
            for j in range(contacts_each):
                cid = i * 100 + j
                self.add_row(
                    "contact",
                    {
                        "id": cid,
                        "detainee_id": i,
                        "name": f"Proche {cid}",
                        "relationship": "famille",
                        "phone_masked": "06 •• •• •• 00",
                        "status": "authorised",
                        "protected": False,
                    },
                )
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _detainee(self, i: int) -> dict[str, Any]:
        from tests.sync.helpers import pin_hash

        return {
            "id": i,
            "ecrou": f"E{i:05d}",
            "last_name": f"Nom{i}",
            "first_name": "Jean",
            "pin_hash": pin_hash("1234") if i == 1 else None,
            "access_status": "granted",
            "priority": False,
            "balance_cents": self.balances[i],
            "plan": "hors-forfait",
            "max_call_s": 1800,
        }

    def add_row(self, kind: str, data: dict[str, Any]) -> None:
        self.rev += 1
        self.rows = [r for r in self.rows if not (r[1] == kind and r[2]["id"] == data["id"])]
        self.rows.append((self.rev, kind, {**data, "revision": self.rev}))

    def __enter__(self) -> StandIn:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- behaviour ------------------------------------------------------------------------
    def reference(self, cursor: str | None) -> dict[str, Any] | None:
        since = int(cursor or 0)
        if since > self.rev:
            return None  # a cursor this server never gave out
        newer = sorted(r for r in self.rows if r[0] > since)
        chunk = newer[: self.page]
        out: dict[str, Any] = {
            "cursor": str(chunk[-1][0] if chunk else since),
            "has_more": len(newer) > len(chunk),
            "reset": since == 0,
            "server_time": self.now.isoformat(),
            "establishment": {
                "id": 1,
                "name": "Centre de test",
                "timezone": "Europe/Paris",
                "opening_hours": {"mon": ["08:00-20:00"]},
                "slot_minutes": 30,
                "max_call_s": 1800,
                "booking_rules": {},
                "retention_days": 90,
            },
            "booth": {"id": 1, "name": "Cabine 1", "establishment_id": 1},
            "tariff": self.book.as_mapping(),
            "detainees": [d for _, k, d in chunk if k == "detainee"],
            "contacts": [d for _, k, d in chunk if k == "contact"],
            "bookings": [d for _, k, d in chunk if k == "booking"],
            "staff": [],
            "deleted": [d for _, k, d in chunk if k == "deleted"],
        }
        return wire.ReferenceBatch.model_validate(out).model_dump(mode="json")

    def push_usage(self, body: Any) -> dict[str, Any]:
        batch = wire.UsageBatch.model_validate(body)
        results = []
        for rec in batch.records:
            if rec.call_id in self.usage:
                results.append({"id": rec.call_id, "status": "duplicate"})
                continue
            if rec.call_id.startswith("bad"):
                results.append(
                    {
                        "id": rec.call_id,
                        "status": "rejected",
                        "code": "unknown_call",
                        "message": "?",
                    }
                )
                continue
            price = price_call(
                self.book.in_force(rec.started_at), rec.plan, rec.connected_seconds
            ).total_cents
            self.usage[rec.call_id] = rec.model_dump(mode="json")
            self.debits.append((rec.call_id, price))
            self.balances[rec.detainee_id] = self.balances.get(rec.detainee_id, 0) - price
            self.add_row("detainee", self._detainee(rec.detainee_id))
            results.append(
                {
                    "id": rec.call_id,
                    "status": "accepted",
                    "price_cents": price,
                    "balance_cents": self.balances[rec.detainee_id],
                }
            )
        return {"results": results}

    def push_items(self, store: dict[str, Any], model: Any, field: str, body: Any) -> Any:
        batch = model.model_validate(body)
        results = []
        for item in getattr(batch, field):
            status = "duplicate" if item.client_id in store else "accepted"
            store[item.client_id] = item.model_dump(mode="json")
            results.append({"id": item.client_id, "status": status})
        return {"results": results}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self) -> Any:
                n = int(self.headers.get("Content-Length") or 0)
                return json.loads(self.rfile.read(n) or b"null")

            def _auth(self) -> bool:
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    self._send(401, {"error": {"code": "unauthorised", "message": "Jeton"}})
                    return False
                return True

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                q = parse_qs(url.query)
                standin.requests.append(("GET", url.path))
                if url.path == "/api/v1/time":
                    now = standin.now + standin.time_offset
                    self._send(200, {"now": now.isoformat()})
                    return
                if not self._auth():
                    return
                with standin.lock:
                    if url.path == "/api/v1/booth/reference":
                        batch = standin.reference(q.get("cursor", [None])[0])
                        if batch is None:
                            self._send(
                                400,
                                {"error": {"code": "invalid_cursor", "message": "Curseur inconnu"}},
                            )
                        else:
                            self._send(200, batch)
                    elif url.path == "/api/v1/slots":
                        day = q["date"][0]
                        start = datetime.fromisoformat(f"{day}T09:00:00+00:00")
                        slots = [
                            {
                                "starts_at": (start + timedelta(minutes=30 * k)).isoformat(),
                                "ends_at": (start + timedelta(minutes=30 * k + 30)).isoformat(),
                            }
                            for k in range(3)
                        ]
                        self._send(
                            200,
                            {
                                "date": day,
                                "booth_id": 1,
                                "detainee_id": int(q["detainee_id"][0]),
                                "slots": slots,
                            },
                        )
                    else:
                        self._send(404, {"error": {"code": "not_found", "message": "Introuvable"}})

            def do_POST(self) -> None:
                url = urlsplit(self.path)
                standin.requests.append(("POST", url.path))
                if not self._auth():
                    return
                body = self._body()
                with standin.lock:
                    if url.path == "/api/v1/usage":
                        self._send(200, standin.push_usage(body))
                    elif url.path == "/api/v1/selftests":
                        self._send(
                            200,
                            standin.push_items(
                                standin.selftests, wire.SelfTestBatch, "reports", body
                            ),
                        )
                    elif url.path == "/api/v1/audit":
                        self._send(
                            200, standin.push_items(standin.audit, wire.AuditBatch, "events", body)
                        )
                    elif url.path == "/api/v1/bookings":
                        req = wire.BookingRequest.model_validate(body)
                        if req.starts_at.hour >= 20:
                            self._send(
                                409,
                                {
                                    "error": {
                                        "code": "outside_opening_hours",
                                        "message": "Ce créneau est en dehors des heures.",
                                    }
                                },
                            )
                            return
                        bid = len(standin.bookings) + 1
                        out = {
                            "id": bid,
                            "booth_id": 1,
                            "detainee_id": req.detainee_id,
                            "starts_at": req.starts_at.isoformat(),
                            "ends_at": (req.starts_at + timedelta(minutes=30)).isoformat(),
                            "status": "active",
                            "revision": standin.rev + 1,
                        }
                        standin.bookings[bid] = out
                        standin.add_row("booking", out)
                        self._send(201, out)
                    else:
                        self._send(404, {"error": {"code": "not_found", "message": "Introuvable"}})

            def do_DELETE(self) -> None:
                url = urlsplit(self.path)
                if not self._auth():
                    return
                with standin.lock:
                    bid = int(url.path.rsplit("/", 1)[1])
                    out = {**standin.bookings[bid], "status": "cancelled"}
                    standin.add_row("booking", out)
                    self._send(200, out)

        return Handler
