"""`parloir call --config FILE --booking ID`: one call from the command line (technicians, demo).

Uses the booth's configuration (central address and token, camera and
microphone) or, with `--synthetic`, the synthetic camera (frame codes) and a
tone. Prints the call's events as they come; Ctrl-C hangs up. The usage
record goes to the booth's local store (outbox) like a kiosk call.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "call",
        help="passer un appel visio en ligne de commande (technicien, démonstration)",
        description="Passe l'appel d'une réservation et affiche ses événements. Ctrl-C raccroche.",
    )
    p.add_argument("--config", required=True, help="fichier de configuration de la cabine (TOML)")
    p.add_argument("--booking", required=True, help="identifiant de la réservation")
    p.add_argument("--contact", help="identifiant du proche à appeler (par défaut : le seul "
                                     "numéro autorisé de la personne détenue)")
    p.add_argument("--synthetic", action="store_true",
                   help="caméra synthétique (numéros d'image) et micro à 440 Hz")
    p.add_argument("--hangup-after", type=float, default=0.0, metavar="S",
                   help="raccrocher S secondes après l'arrivée du proche")
    p.add_argument("--ice", action="append", default=[], metavar="URL",
                   help="serveur STUN/TURN (répétable) ; aucun par défaut")
    p.add_argument("--loopback", action="store_true",
                   help="ICE sur 127.0.0.1 seulement (démonstration sur une seule machine)")
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    import asyncio

    from parloir.cli import CliError
    from parloir.settings import SettingsError

    try:
        return asyncio.run(_call(args))
    except SettingsError as exc:
        raise CliError(f"Configuration : {exc}") from None
    except KeyboardInterrupt:
        return 130
    except _Refused as exc:
        raise CliError(str(exc)) from None


class _Refused(Exception):
    pass


def _say(text: str) -> None:
    from datetime import datetime

    print(f"{datetime.now().strftime('%H:%M:%S')}  {text}", flush=True)  # noqa: DTZ005


def _describe(event: Any) -> str | None:
    d = event.data
    texts: dict[str, Callable[[], str]] = {
        "placed": lambda: f"Appel créé ({d.get('call_id')}) : SMS envoyé au "
                          f"{d.get('masked_number', '?')}, {d.get('allowed_seconds', '?')} s "
                          "autorisées.",
        "state": lambda: f"État : {d.get('state')}",
        "hello": lambda: "Relais joint" + (" (appel enregistré)." if d.get("recorded")
                                           else " (appel non enregistré)."),
        "joined": lambda: "Le proche a rejoint l'appel.",
        "rejoined": lambda: "Le proche est revenu dans l'appel.",
        "left": lambda: f"Le proche a quitté l'appel (retour possible pendant "
                        f"{d.get('rejoin_s')} s).",
        "warning": lambda: f"Attention : il reste {d.get('seconds_left')} s.",
        "ended": lambda: f"Appel terminé ({d.get('reason')}), {d.get('connected_s')} s "
                         "connectées.",
        "error": lambda: f"Erreur : {d.get('message')}",
    }
    if event.type == "time_left":
        seconds = d.get("seconds")
        return f"Temps restant : {seconds} s" if seconds is not None and seconds % 30 == 0 else None
    make = texts.get(event.type)
    return make() if make else None


async def _call(args: argparse.Namespace) -> int:
    import asyncio
    import contextlib
    import dataclasses
    import signal

    from booth_hw.audio import Microphone, Speaker
    from booth_hw.camera import Camera
    from booth_hw.tracks import CameraVideoTrack, MicrophoneAudioTrack
    from kiosk.call_engine import CallEngine, CallError, CentralHttp, MemoryUsageSink
    from sync.settings import load_booth_settings

    booth = load_booth_settings(args.config)
    hw = _devices(args.config)
    if args.synthetic:
        hw = dataclasses.replace(
            hw,
            camera=dataclasses.replace(hw.camera, source="synthetic", width=640, height=480),
            audio=dataclasses.replace(hw.audio, input_device="synthetic",
                                      output_device="synthetic"),
        )
    contact, usage, store = _who(args, booth)

    camera = Camera(hw.camera).start()
    mic = Microphone(hw.audio).start()
    speaker = Speaker(hw.audio).start()
    central = CentralHttp(booth.central.url, booth.token(), booth.central.timeout_s,
                          verify=str(booth.central.ca_bundle) if booth.central.ca_bundle else True)
    engine = CallEngine(central, video_track=CameraVideoTrack(camera),
                        audio_track=MicrophoneAudioTrack(mic), speaker=speaker,
                        usage=usage if usage is not None else MemoryUsageSink(),
                        ice_servers=args.ice, loopback_only=args.loopback)
    joined = asyncio.Event()

    def on_event(event: Any) -> None:
        text = _describe(event)
        if text:
            _say(text)
        if event.type in ("joined", "rejoined"):
            joined.set()

    engine.add_listener(on_event)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    with contextlib.suppress(NotImplementedError):
        loop.add_signal_handler(signal.SIGINT, stop.set)
        loop.add_signal_handler(signal.SIGTERM, stop.set)
    try:
        try:
            booking_id = int(args.booking) if str(args.booking).isdigit() else args.booking
            contact_id = int(contact) if str(contact).isdigit() else contact
            await engine.place_call(booking_id, contact_id)
        except CallError as exc:
            raise _Refused(f"Appel refusé : {exc.message}") from None
        _say("En attente du proche… (Ctrl-C pour raccrocher)")

        async def auto_hangup() -> None:
            await joined.wait()
            await asyncio.sleep(args.hangup_after)
            stop.set()

        tasks = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(engine.wait_ended())]
        if args.hangup_after > 0:
            tasks.append(asyncio.ensure_future(auto_hangup()))
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for t in tasks:
            t.cancel()
        result = engine.result or await engine.hangup()
    finally:
        await engine.close()
        camera.stop()
        mic.stop()
        speaker.stop()
        central.close()
        if store is not None:
            store.close()
    if result is not None:
        kept = usage is not None
        _say(f"Relevé d'usage : {result.connected_s} s connectées, fin « {result.reason} »"
             + (" (enregistré dans la file d'envoi de la cabine)." if kept else
                " (cabine sans réservation connue : relevé non conservé)."))
        if kept and store is not None:
            reopened = _reopen(booth)
            if reopened is not None:
                sent = _sync(booth, reopened)
                _say("Relevé envoyé au serveur central." if sent else
                     "Serveur central injoignable : le relevé partira à la prochaine "
                     "synchronisation.")
                reopened.close()
    return 0


def _reopen(booth: Any) -> Any:
    from sync.store import LocalStore

    try:
        return LocalStore(booth.db_path)
    except Exception:
        return None


def _sync(booth: Any, store: Any) -> bool:
    """One sync round (push the outbox, pull reference data); False when central is away."""
    from sync.client import CentralUnavailable, SyncClient

    client = SyncClient(booth, store)
    try:
        client.sync_once()
        return True
    except CentralUnavailable:
        return False
    finally:
        client.close()


def _devices(path: str) -> Any:
    """The `[camera]`, `[audio]` (and self-test) sections of the booth file."""
    from booth_hw.settings import load_hardware_settings

    return load_hardware_settings(path)


def _who(args: argparse.Namespace, booth: Any) -> tuple[str, Any, Any]:
    """The contact to call and where the usage record goes (the local store when it knows
    the booking; in memory otherwise, e.g. a technician's laptop)."""
    from kiosk.call_engine import OutboxUsageSink

    store = None
    try:
        from sync.store import LocalStore

        store = LocalStore(booth.db_path)
    except Exception:  # an unreadable store must not stop a technician's test call
        store = None
    booking = store.booking(str(args.booking)) if store is not None else None
    if store is not None and booking is None:
        _sync(booth, store)  # a booth that never synced: learn the booking first
        booking = store.booking(str(args.booking))
    contact = args.contact
    if contact is None:
        if booking is None or store is None:
            raise _Refused("Réservation inconnue de cette cabine : précisez --contact ID.")
        allowed = [c for c in store.contacts(booking.detainee_id) if c.status == "authorised"]
        if len(allowed) != 1:
            names = ", ".join(f"{c.id} ({c.display_name})" for c in allowed) or "aucun"
            raise _Refused(f"Précisez --contact parmi : {names}.")
        contact = allowed[0].id
    if booking is not None and store is not None:
        detainee = store.detainee(booking.detainee_id)
        if detainee is not None:
            return str(contact), OutboxUsageSink(store, detainee.id, detainee.plan), store
    return str(contact), None, store
