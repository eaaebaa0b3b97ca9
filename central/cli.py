"""`parloir central serve|migrate` (and `parloir admin`, registered from central.admin.cli)."""

from __future__ import annotations

import argparse
import importlib
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "central",
        help="central server: serve the API, migrate the database",
        description="Serveur central Parloir.",
    )
    csub = p.add_subparsers(dest="central_command", metavar="ACTION")

    serve = csub.add_parser("serve", help="run the central server (migrates first)")
    _common(serve)
    serve.add_argument("--host", help="listen address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="listen port (default 8400)")
    serve.add_argument("--dev", action="store_true", help="dev mode: /dev/sms outbox page")
    serve.add_argument("--demo", action="store_true", help="seed the demo establishment first")
    serve.set_defaults(handler=_serve)

    mig = csub.add_parser("migrate", help="bring the database schema up to date")
    _common(mig)
    mig.set_defaults(handler=_migrate)

    def _help(_args: argparse.Namespace) -> int:
        p.print_help()
        return 0

    p.set_defaults(handler=_help)

    admin = _optional("central.admin.cli")
    if admin is not None:
        admin.register(sub)


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and (exc.name == name or name.startswith(exc.name + ".")):
            return None
        raise


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", help="TOML settings file (see central/central.example.toml)")
    p.add_argument("--db", help="database URL (default: SQLite file in the data folder)")
    p.add_argument("--data-dir", help="data folder (default var/central)")


def _settings(args: argparse.Namespace) -> Any:
    from central.settings import load_central_settings
    from parloir.cli import CliError
    from parloir.settings import SettingsError

    try:
        settings = load_central_settings(args.config)
    except SettingsError as exc:
        raise CliError(str(exc)) from None
    return settings.with_overrides(
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
        db=args.db,
        data_dir=args.data_dir,
        dev=getattr(args, "dev", None),
    )


def _describe_db(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _migrate(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from central.db.engine import migrate
    from parloir.cli import CliError

    settings = _settings(args)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    try:
        migrate(settings.db_url)
    except SQLAlchemyError as exc:
        raise CliError(f"base de données inaccessible : {exc.__class__.__name__}") from None
    print(f"Base de données à jour : {_describe_db(settings.db_url)}")
    return 0


def _graceful_server_class() -> type[Any]:
    import uvicorn

    class GracefulServer(uvicorn.Server):
        """Uvicorn re-raises SIGTERM/SIGINT after its shutdown (the exit status becomes the
        signal); we stop the same way but exit with status 0, as a service manager expects."""

        def handle_exit(self, sig: int, frame: Any) -> None:
            super().handle_exit(sig, frame)
            self._captured_signals.clear()

    return GracefulServer


def _tls_files(settings: Any) -> tuple[str, str] | None:
    """The certificate and key for HTTPS, checked up front (None: plain HTTP)."""
    from pathlib import Path

    from parloir.cli import CliError

    cert, key = settings.server.tls_cert, settings.server.tls_key
    if not cert and not key:
        return None
    if not cert or not key:
        raise CliError("[server] tls_cert et tls_key vont ensemble : indiquez les deux.")
    for path in (cert, key):
        if not Path(path).is_file():
            raise CliError(f"fichier TLS introuvable : {path}")
    return cert, key


def _serve(args: argparse.Namespace) -> int:
    import uvicorn
    from sqlalchemy.exc import SQLAlchemyError

    from central.app import configure_logging, create_app
    from central.db.engine import session_scope
    from parloir.cli import CliError

    settings = _settings(args)
    tls = _tls_files(settings)
    configure_logging(settings)
    try:
        app = create_app(settings)
    except SQLAlchemyError as exc:
        raise CliError(f"base de données inaccessible : {exc.__class__.__name__}") from None
    host, port = settings.server.host, settings.server.port
    shown = f"[{host}]" if ":" in host else host
    scheme = "https" if tls else "http"
    base_url = settings.server.public_url or f"{scheme}://{shown}:{port}"
    if args.demo:
        demo = _optional("central.services.demo_seed")
        if demo is None:
            print("Données de démonstration indisponibles (module absent).")
        else:
            with session_scope(app.state.sessionmaker) as session:
                info = demo.seed_demo(session, app.state.clock)
                text = info.text(base_url) if hasattr(info, "text") else info
            if isinstance(text, str) and text:
                print(text, flush=True)
    print(f"Serveur central Parloir : {scheme}://{shown}:{port}/", flush=True)
    print(f"Base de données : {_describe_db(settings.db_url)}", flush=True)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=settings.server.graceful_shutdown_s,
        ssl_certfile=tls[0] if tls else None,
        ssl_keyfile=tls[1] if tls else None,
    )
    server = _graceful_server_class()(config)
    server.run()
    print("Serveur central arrêté.", flush=True)
    return 0
