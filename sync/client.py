"""The booth's sync client: pushes the outbox, pulls reference data, watches the clock.

One `requests.Session` (booth token, CA bundle, timeouts) serves the
background sync thread and the few online calls the kiosk makes (book,
cancel, slots). Every network failure becomes `CentralUnavailable` with a
French message the kiosk can show as is; a refusal by central (HTTP 4xx
with the API's error body) becomes `CentralRefusal` with central's French
message.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import requests
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from parloir.clock import Clock, SystemClock
from sync import outbox as ob
from sync import protocol, wire
from sync.backoff import Backoff
from sync.models import Detainee, OutboxItem
from sync.settings import BoothSettings, check_central_url
from sync.store import GENERATION, LAST_SUCCESS, LocalStore, not_set_aside

log = logging.getLogger("parloir.sync")

API = "/api/v1"
PUSH_PATHS = {ob.USAGE: f"{API}/usage", ob.SELFTEST: f"{API}/selftests", ob.AUDIT: f"{API}/audit"}
#: drift above this (seconds) is reported to central as an audit event
DRIFT_ALERT_S = 60.0

MSG_OFFLINE = (
    "Le serveur central ne répond pas. La cabine fonctionne avec ses données locales ; "
    "les réservations et les appels sont indisponibles pour le moment."
)
MSG_BOOKING_OFFLINE = (
    "Réservation impossible pour le moment : le serveur central ne répond pas. "
    "Réessayez dans quelques minutes ou adressez-vous au surveillant."
)
MSG_CALL_OFFLINE = (
    "Appel impossible pour le moment : le serveur central ne répond pas. "
    "Réessayez dans quelques minutes ou adressez-vous au surveillant."
)
MSG_AUTH = "Le serveur central refuse la cabine (jeton invalide). Prévenez le service technique."
MSG_PROTOCOL = (
    "Le serveur central a donné une réponse illisible (versions différentes ?). "
    "Prévenez le service technique."
)
MSG_TLS = (
    "La connexion sécurisée au serveur central a échoué (certificat non reconnu). "
    "Prévenez le service technique."
)


class CentralUnavailable(Exception):
    """Central cannot be reached (down, timeout, 5xx, TLS): `message_fr` says so in French."""

    def __init__(self, message_fr: str = MSG_OFFLINE, detail: str = "") -> None:
        super().__init__(message_fr)
        self.message_fr = message_fr
        self.detail = detail


class CentralRefusal(Exception):
    """Central answered and said no (booking refused...): its code and French message."""

    def __init__(self, status: int, code: str, message_fr: str) -> None:
        super().__init__(message_fr)
        self.status = status
        self.code = code
        self.message_fr = message_fr


@dataclass(frozen=True)
class SyncStatus:
    """What the kiosk shows about the link to central."""

    last_success: datetime | None
    queue_length: int
    offline_since: datetime | None
    clock_drift_s: float | None
    last_error_fr: str | None
    #: records central refused for good (kept locally, never resent): a technician looks
    set_aside: int = 0

    @property
    def online(self) -> bool:
        return self.offline_since is None and self.last_success is not None


@dataclass(frozen=True)
class SyncReport:
    pushed: int
    pulled_batches: int
    remaining: int
    clock_drift_s: float | None


class SyncClient:
    def __init__(
        self,
        settings: BoothSettings,
        store: LocalStore,
        clock: Clock | None = None,
        *,
        http: requests.Session | None = None,
    ) -> None:
        check_central_url(settings.central.url)
        self.settings = settings
        self.store = store
        self.clock = clock or SystemClock()
        self.base_url = settings.central.url.rstrip("/")
        self.http = http or requests.Session()
        token = settings.token()
        if token:
            self.http.headers["Authorization"] = f"Bearer {token}"
        self.http.headers["User-Agent"] = "parloir-booth"  # ASCII only: no booth name here
        # Explicit configuration only: no proxy, CA bundle or .netrc credentials picked
        # up from the environment (they would override the booth token or the prison CA).
        self.http.trust_env = False
        self.http.verify = str(settings.central.ca_bundle) if settings.central.ca_bundle else True
        self.timeout = (min(5.0, settings.central.timeout_s), settings.central.timeout_s)
        self.backoff = Backoff(settings.sync.backoff_base_s, settings.sync.backoff_max_s)
        self._http_lock = threading.Lock()
        self._sync_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_success: datetime | None = _parse_dt(store.state(LAST_SUCCESS))
        self._offline_since: datetime | None = None
        self._drift: float | None = None
        self._last_error: str | None = None
        self._drift_reported = False
        self._calls_lock: ob.CallsLock | None = None

    # -- HTTP -----------------------------------------------------------------------------
    def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: Mapping[str, Any] | None = None,
        offline_message: str = MSG_OFFLINE,
    ) -> Any:
        url = self.base_url + path
        resp: requests.Response | None = None
        for attempt in (1, 2):
            try:
                with self._http_lock:
                    resp = self.http.request(
                        method, url, json=json_body, params=params, timeout=self.timeout
                    )
                break
            except requests.exceptions.SSLError as exc:
                raise CentralUnavailable(MSG_TLS, f"TLS: {exc.__class__.__name__}") from None
            except (
                requests.exceptions.ConnectionError,
                requests.exceptions.ChunkedEncodingError,
            ) as exc:
                # A kept-alive connection the server closed meanwhile fails at once: try
                # once more on a fresh one (every booth request is idempotent).
                if attempt == 2 or isinstance(exc, requests.exceptions.Timeout):
                    raise CentralUnavailable(
                        offline_message, f"{method} {path}: {exc.__class__.__name__}"
                    ) from None
            except requests.RequestException as exc:
                raise CentralUnavailable(
                    offline_message, f"{method} {path}: {exc.__class__.__name__}"
                ) from None
        assert resp is not None
        if resp.status_code in (401, 403):
            raise CentralUnavailable(MSG_AUTH, f"{method} {path}: HTTP {resp.status_code}")
        if resp.status_code >= 500 or resp.status_code in (408, 429):
            raise CentralUnavailable(offline_message, f"{method} {path}: HTTP {resp.status_code}")
        try:
            body = resp.json() if resp.content else None
        except ValueError:
            raise CentralUnavailable(
                offline_message, f"{method} {path}: unreadable answer (HTTP {resp.status_code})"
            ) from None
        if resp.status_code >= 400:
            code, message = protocol.error_of(body, resp.status_code)
            raise CentralRefusal(resp.status_code, code, message)
        return body

    # -- one sync round -------------------------------------------------------------------
    def sync_once(self) -> SyncReport:
        """Clock check, push the whole outbox, pull reference data. Raises CentralUnavailable."""
        with self._sync_lock:
            try:
                drift = self.check_time()
                pushed = self.push_outbox()
                pulled = self.pull_reference()
            except CentralUnavailable as exc:
                self._failed(exc)
                raise
            except CentralRefusal as exc:
                err = CentralUnavailable(MSG_OFFLINE, f"refused: {exc.code}")
                self._failed(err)
                raise err from None
            except protocol.ProtocolError as exc:
                err = CentralUnavailable(MSG_PROTOCOL, str(exc))
                self._failed(err)
                raise err from None
            now = self.clock.now()
            with self.store.session() as s:
                LocalStore.set_state(s, LAST_SUCCESS, now.isoformat())
            with self._state_lock:
                self._last_success = now
                self._offline_since = None
                self._last_error = None
            self.backoff.reset()
            ob.prune(self.store, now - timedelta(days=self.settings.sync.keep_days))
            remaining = self.store.queue_length()
            return SyncReport(pushed, pulled, remaining, drift)

    def _failed(self, exc: CentralUnavailable) -> None:
        log.warning("sync failed: %s", exc.detail or exc.message_fr)
        with self._state_lock:
            if self._offline_since is None:
                self._offline_since = self.clock.now()
            self._last_error = exc.message_fr

    def check_time(self) -> float:
        """Central's time minus the booth's, in seconds (positive: the booth is late)."""
        t0 = self.clock.now()
        m0 = time.monotonic()
        body = self._request("GET", f"{API}/time")
        rtt = time.monotonic() - m0
        central_now = protocol.parse_time(body)
        booth_mid = t0 + timedelta(seconds=rtt / 2)
        drift = (central_now - booth_mid).total_seconds()
        with self._state_lock:
            self._drift = drift
        if abs(drift) > DRIFT_ALERT_S and not self._drift_reported:
            self._drift_reported = True
            log.warning("booth clock differs from central by %.1f s", drift)
            with self.store.session() as s:
                ob.record_audit(
                    s,
                    "booth_clock_drift",
                    at=t0,
                    details={"drift_s": round(drift, 3), "booth": self.settings.booth.name},
                )
        elif abs(drift) <= DRIFT_ALERT_S:
            self._drift_reported = False
        return drift

    def push_outbox(self) -> int:
        """Push every pending record, kind by kind, in batches. Returns how many central acked."""
        total = 0
        for kind in ob.KINDS:
            while True:
                n = self._push_batch(kind)
                if n == 0:
                    break
                total += n
        return total

    def _pending(self, kind: str, limit: int) -> list[OutboxItem]:
        with self.store.read() as s:
            return list(
                s.scalars(
                    select(OutboxItem)
                    .where(
                        OutboxItem.acked_at.is_(None),
                        OutboxItem.kind == kind,
                        not_set_aside(),
                    )
                    .order_by(OutboxItem.seq)
                    .limit(limit)
                ).all()
            )

    def _push_batch(self, kind: str) -> int:
        """Send one batch; returns how many items left the queue (acked or set aside)."""
        limit = max(1, min(self.settings.sync.batch_size, wire.MAX_BATCH))
        items = self._pending(kind, limit)
        if not items:
            return 0
        valid: list[tuple[str, Any]] = []
        for item in items:
            try:
                valid.append((item.id, protocol.validate_item(kind, json.loads(item.payload))))
            except (protocol.ProtocolError, ValueError) as exc:
                self._set_aside({item.id: f"invalid_local_record: {exc}"})
        if not valid:
            return len(items)
        ids = [i for i, _ in valid]
        try:
            body = self._request(
                "POST", PUSH_PATHS[kind], json_body=protocol.push_body(kind, [m for _, m in valid])
            )
            outcome = protocol.push_outcome(kind, body, ids)
        except (CentralUnavailable, CentralRefusal, protocol.ProtocolError) as exc:
            detail = getattr(exc, "detail", "") or str(exc)
            with self.store.session() as s:
                s.execute(
                    update(OutboxItem)
                    .where(OutboxItem.id.in_(ids))
                    .values(attempts=OutboxItem.attempts + 1, last_error=detail[:500])
                )
            if isinstance(exc, CentralUnavailable):
                raise
            raise CentralUnavailable(MSG_PROTOCOL, f"push {kind}: {detail}") from None
        now = self.clock.now()
        with self.store.session() as s:
            gen = int(LocalStore.get_state(s, GENERATION, "0") or 0)
            if outcome.acked:
                s.execute(
                    update(OutboxItem)
                    .where(OutboxItem.id.in_(outcome.acked), OutboxItem.acked_at.is_(None))
                    .values(acked_at=now, acked_gen=gen, last_error=None)
                )
            if outcome.balances:
                self._apply_balances(s, outcome.balances, items, gen)
        if outcome.rejected:
            self._set_aside(outcome.rejected)
        done = len(items) - len(valid) + len(outcome.acked) + len(outcome.rejected)
        if done == 0:
            raise CentralUnavailable(MSG_PROTOCOL, f"push {kind}: nothing acknowledged")
        return done

    @staticmethod
    def _apply_balances(
        s: Session, balances: list[tuple[str, int]], items: list[OutboxItem], gen: int
    ) -> None:
        """Take central's balance after each accepted debit as the new synced balance.

        Opens a new generation: the records acked in this transaction (generation
        `gen`) are inside that balance; later ones are not (see LocalStore.balance).
        """
        owner = {i.id: i.detainee_id for i in items}
        latest: dict[str, int] = {}
        for call_id, balance in balances:
            detainee_id = owner.get(call_id)
            if detainee_id is not None:
                latest[detainee_id] = balance
        if not latest:
            return
        LocalStore.set_state(s, GENERATION, str(gen + 1))
        for detainee_id, balance in latest.items():
            s.execute(
                update(Detainee)
                .where(Detainee.id == detainee_id)
                .values(balance_cents=balance, balance_gen=gen + 1)
            )

    def _set_aside(self, reasons: Mapping[str, str]) -> None:
        """Central will never take these: keep them (never lose a CDR), stop resending them."""
        with self.store.session() as s:
            for item_id, reason in reasons.items():
                log.error("outbox item %s set aside: %s", item_id, reason[:200])
                s.execute(
                    update(OutboxItem)
                    .where(OutboxItem.id == item_id)
                    .values(
                        attempts=OutboxItem.attempts + 1,
                        last_error=f"rejected: {reason}"[:500],
                    )
                )

    def pull_reference(self) -> int:
        """Pull reference changes since our cursor until central says there is no more."""
        with self.store.session() as s:
            gen = int(LocalStore.get_state(s, GENERATION, "0") or 0) + 1
            LocalStore.set_state(s, GENERATION, str(gen))
        batches = 0
        restarted = False
        while True:
            cursor = self.store.state(protocol.CURSOR_KEY)
            params = {"cursor": cursor} if cursor else None
            try:
                body = self._request("GET", f"{API}/booth/reference", params=params)
            except CentralRefusal as exc:
                if exc.code != "invalid_cursor" or not cursor or restarted:
                    raise
                # Central does not know our cursor (its database was replaced or
                # restored): start again from nothing; its first batch says `reset`.
                log.warning("central refused the reference cursor: full pull")
                with self.store.session() as s:
                    LocalStore.set_state(s, protocol.CURSOR_KEY, "")
                restarted = True
                continue
            with self.store.session() as s:
                has_more = protocol.apply_reference(s, body, gen, self.clock.now())
            batches += 1
            if not has_more:
                return batches

    # -- background thread ----------------------------------------------------------------
    def start(self, *, recover: bool = True) -> None:
        """Start the background thread; first close calls a crash left open.

        Recovery runs only if this process can take the booth's calls lock (see
        `sync.outbox.claim_calls`); the lock is then kept until `close()`.
        """
        if self._thread is not None and self._thread.is_alive():
            return
        if recover and self._calls_lock is None:
            self._calls_lock, closed = ob.recover_if_owner(self.store, self.clock.now())
            for record in closed:
                log.warning(
                    "call %s closed at its last checkpoint after a crash (%s s)",
                    record.call_id,
                    record.connected_seconds,
                )
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="parloir-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def wake(self) -> None:
        """Sync now (e.g. right after a call wrote its usage record)."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                report = self.sync_once()
                delay = 0.0 if report.remaining and report.pushed else self.settings.sync.interval_s
            except CentralUnavailable:
                delay = self.backoff.next_delay()
            except Exception:  # a bug must not kill the sync thread for good
                log.exception("unexpected error in the sync thread")
                delay = self.backoff.next_delay()
            if delay > 0:
                self._wake.wait(delay)
            self._wake.clear()

    def status(self) -> SyncStatus:
        try:
            queue = self.store.queue_length()
            aside = self.store.set_aside_count()
        except Exception:  # the UI must always get a status
            queue, aside = -1, 0
        with self._state_lock:
            return SyncStatus(
                self._last_success,
                queue,
                self._offline_since,
                self._drift,
                self._last_error,
                aside,
            )

    # -- online calls the kiosk makes -----------------------------------------------------
    def slots(self, day: date, detainee_id: str) -> list[wire.SlotOut]:
        """Free slots on this booth for a day (central is the authority)."""
        body = self._request(
            "GET",
            f"{API}/slots",
            params={"date": day.isoformat(), "detainee_id": str(detainee_id)},
            offline_message=MSG_BOOKING_OFFLINE,
        )
        try:
            return list(protocol.parse_slots(body).slots)
        except protocol.ProtocolError:
            raise CentralUnavailable(MSG_PROTOCOL, "slots unreadable") from None

    def book(
        self, detainee_id: str, starts_at: datetime, *, client_ref: str | None = None
    ) -> wire.BookingOut:
        """Book a slot (CentralRefusal with central's French reason if refused).

        A retry with the same `client_ref` returns the same booking. The new
        booking is cached at once so it shows offline too.
        """
        ref = client_ref or uuid.uuid4().hex
        body = self._request(
            "POST",
            f"{API}/bookings",
            json_body=protocol.booking_body(str(detainee_id), starts_at, ref),
            offline_message=MSG_BOOKING_OFFLINE,
        )
        try:
            booking = protocol.parse_booking(body)
        except protocol.ProtocolError:
            raise CentralUnavailable(MSG_PROTOCOL, "booking unreadable") from None
        with self.store.session() as s:
            protocol.cache_booking(s, booking)
        return booking

    def cancel(self, booking_id: str) -> wire.BookingOut:
        body = self._request(
            "DELETE", f"{API}/bookings/{int(booking_id)}", offline_message=MSG_BOOKING_OFFLINE
        )
        try:
            booking = protocol.parse_booking(body)
        except protocol.ProtocolError:
            raise CentralUnavailable(MSG_PROTOCOL, "booking unreadable") from None
        with self.store.session() as s:
            protocol.cache_booking(s, booking)
        return booking

    def close(self) -> None:
        self.stop()
        self.http.close()
        if self._calls_lock is not None:
            self._calls_lock.release()
            self._calls_lock = None


def _parse_dt(raw: str | None) -> datetime | None:
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        return None
