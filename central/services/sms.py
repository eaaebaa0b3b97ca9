"""SMS gateway: one interface, two adapters (HTTP provider, local outbox).

The invitation code travels only inside the SMS body. The HTTP adapter
therefore never logs the body, the number or the auth header; the outbox
adapter stores the body because the outbox *is* the dev phone (shown on
/dev/sms in dev mode only).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import requests

log = logging.getLogger(__name__)

DEFAULT_BODY_TEMPLATE = '{"to": "{to}", "text": "{body}"}'
PLACEHOLDERS = ("to", "body", "message_id")


@dataclass(frozen=True)
class SmsMessage:
    """One SMS to send. `to` is an E.164 number."""

    to: str
    body: str
    message_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    call_id: str | None = None


@dataclass(frozen=True)
class SmsReceipt:
    """What the gateway says after accepting a message."""

    message_id: str
    backend: str
    attempts: int = 1
    provider_ref: str | None = None


class SmsError(Exception):
    """The message could not be handed to the gateway (after retries)."""

    def __init__(self, message: str, *, attempts: int = 0, permanent: bool = False) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.permanent = permanent


class SmsGateway(Protocol):
    """Anything that can send an SMS; raises SmsError when it cannot."""

    backend: str

    def send(self, message: SmsMessage) -> SmsReceipt: ...


# --------------------------------------------------------------------------- HTTP provider


def parse_auth_header(raw: str | None) -> dict[str, str]:
    """`"Name: value"` → header; a bare value is taken as an Authorization value."""
    if not raw:
        return {}
    if ":" in raw:
        name, _, value = raw.partition(":")
        name = name.strip()
        if name and " " not in name:
            return {name: value.strip()}
    return {"Authorization": raw.strip()}


def render_body(template: str, values: Mapping[str, str]) -> Any:
    """Fill the JSON body template without string-pasting into JSON.

    The template is parsed as JSON first and placeholders are replaced inside
    string values only, so a quote or newline in the SMS text can never break
    or inject into the provider's JSON.
    """
    try:
        tree = json.loads(template)
    except json.JSONDecodeError as exc:
        raise ValueError(f"sms.body_template is not valid JSON: {exc}") from None

    def fill(node: Any) -> Any:
        if isinstance(node, str):
            out = node
            for key in PLACEHOLDERS:
                out = out.replace("{" + key + "}", values.get(key, ""))
            return out
        if isinstance(node, list):
            return [fill(v) for v in node]
        if isinstance(node, dict):
            return {k: fill(v) for k, v in node.items()}
        return node

    return fill(tree)


class HttpSmsGateway:
    """Posts a JSON body to a provider URL, with timeouts and bounded retries.

    Retried: connection errors, timeouts, 429 and 5xx. Not retried: other 4xx
    (a bad number or a bad key will not get better). Every attempt carries the
    same `Idempotency-Key` so a provider that supports it does not send twice
    when a response was lost on the way back.
    """

    backend = "http"

    def __init__(
        self,
        url: str,
        *,
        auth_header: str | None = None,
        body_template: str | None = None,
        timeout_s: float = 5.0,
        retries: int = 2,
        backoff_s: float = 0.5,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not url:
            raise ValueError("sms.url is required for the http backend")
        self.url = url
        self._headers = {"Content-Type": "application/json", **parse_auth_header(auth_header)}
        self._template = body_template or DEFAULT_BODY_TEMPLATE
        render_body(self._template, {})  # fail early on a bad template
        self.timeout_s = float(timeout_s)
        self.retries = max(0, int(retries))
        self.backoff_s = max(0.0, float(backoff_s))
        self._session = session or requests.Session()
        self._sleep = sleep

    def send(self, message: SmsMessage) -> SmsReceipt:
        body = render_body(
            self._template,
            {"to": message.to, "body": message.body, "message_id": message.message_id},
        )
        headers = {**self._headers, "Idempotency-Key": message.message_id}
        attempts = 0
        last = "aucune tentative"
        for attempt in range(self.retries + 1):
            if attempt:
                self._sleep(self.backoff_s * (2 ** (attempt - 1)))
            attempts += 1
            try:
                resp = self._session.post(
                    self.url, json=body, headers=headers, timeout=self.timeout_s
                )
            except requests.Timeout:
                last = "timeout"
                log.warning(
                    "SMS provider timeout (message %s, try %d)", message.message_id, attempts
                )
                continue
            except requests.RequestException as exc:
                last = type(exc).__name__
                log.warning(
                    "SMS provider unreachable (message %s, try %d): %s",
                    message.message_id,
                    attempts,
                    type(exc).__name__,
                )
                continue
            if 200 <= resp.status_code < 300:
                return SmsReceipt(
                    message_id=message.message_id,
                    backend=self.backend,
                    attempts=attempts,
                    provider_ref=_provider_ref(resp),
                )
            last = f"HTTP {resp.status_code}"
            log.warning(
                "SMS provider answered %d (message %s, try %d)",
                resp.status_code,
                message.message_id,
                attempts,
            )
            if resp.status_code != 429 and resp.status_code < 500:
                raise SmsError(
                    f"SMS refused by the provider ({last})", attempts=attempts, permanent=True
                )
        raise SmsError(f"SMS not sent after {attempts} tries ({last})", attempts=attempts)


def _provider_ref(resp: requests.Response) -> str | None:
    try:
        data = resp.json()
    except ValueError:
        return None
    if isinstance(data, dict):
        for key in ("id", "message_id", "messageId", "ref"):
            if isinstance(data.get(key), str | int):
                return str(data[key])
    return None


# --------------------------------------------------------------------------- local outbox


class OutboxStore(Protocol):
    """Where the outbox adapter puts messages (a DB table in central)."""

    def store(self, message: SmsMessage) -> None: ...


class OutboxSmsGateway:
    """The default: messages go to a local store, read on /dev/sms (dev phone)."""

    backend = "outbox"

    def __init__(self, store: OutboxStore) -> None:
        self._store = store

    def send(self, message: SmsMessage) -> SmsReceipt:
        self._store.store(message)
        return SmsReceipt(message_id=message.message_id, backend=self.backend)
