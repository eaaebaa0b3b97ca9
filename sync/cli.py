"""`parloir sync [--config FILE] [--once]`: run the booth's sync on its own (service or check).

Heavy imports (SQLAlchemy, requests) happen inside the handler only.
"""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "sync",
        help="booth: push the outbox to central and pull reference data",
        description=(
            "Synchronise this booth with the central server: close calls left open by a "
            "crash, push usage records, self-test reports and audit events, pull reference "
            "data. Without --once it keeps running (Ctrl-C or SIGTERM to stop)."
        ),
    )
    p.add_argument("--config", metavar="FILE", help="booth configuration file (TOML)")
    p.add_argument("--once", action="store_true", help="one sync round, then exit")
    p.set_defaults(handler=_handle)


def _handle(args: argparse.Namespace) -> int:
    import logging
    import signal
    import threading

    from parloir.cli import CliError
    from parloir.settings import SettingsError
    from sync.client import CentralUnavailable, SyncClient
    from sync.outbox import recover_if_owner
    from sync.settings import load_booth_settings
    from sync.store import LocalStore

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        settings = load_booth_settings(args.config)
        token_present = bool(settings.token())
    except SettingsError as exc:
        raise CliError(str(exc)) from None
    if not token_present:
        raise CliError("no booth token: set central.token or central.token_file")
    try:
        store = LocalStore(settings.db_path)
    except OSError as exc:
        raise CliError(
            f"cannot open the booth database {settings.db_path}: {exc.strerror}"
        ) from None
    client = SyncClient(settings, store)
    try:
        # Only if no other process (the kiosk) owns the calls: never close a live call.
        lock, closed = recover_if_owner(store, client.clock.now())
        for record in closed:
            print(
                f"Appel {record.call_id} clos après un arrêt brutal ({record.connected_seconds} s)."
            )
        if args.once:
            if lock is not None:
                lock.release()
            try:
                report = client.sync_once()
            except CentralUnavailable as exc:
                print(exc.message_fr)
                return 1
            drift = "?" if report.clock_drift_s is None else f"{report.clock_drift_s:+.1f} s"
            print(
                f"Synchronisation faite : {report.pushed} envoi(s), "
                f"{report.remaining} en attente, écart d'horloge {drift}."
            )
            return 0
        done = threading.Event()

        def _stop(_sig: int, _frame: Any) -> None:
            done.set()

        signal.signal(signal.SIGTERM, _stop)
        client.start(recover=False)  # recovery done above; `lock` kept until exit
        try:
            while not done.wait(60):
                st = client.status()
                logging.getLogger("parloir.sync").info(
                    "queue=%s last_success=%s offline_since=%s drift=%s",
                    st.queue_length,
                    st.last_success,
                    st.offline_since,
                    st.clock_drift_s,
                )
        except KeyboardInterrupt:
            pass
        return 0
    finally:
        client.close()
        store.close()
