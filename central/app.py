"""The central server's FastAPI application.

`create_app(settings, clock)` migrates the database, puts the shared things
on `app.state` (settings, clock, engine, sessionmaker, secret key) and
registers the routers of every part that is present: each module in
`ROUTER_MODULES` exposes `router` and may expose `startup(app)` /
`shutdown(app)` hooks (plain or async) run in the lifespan.
"""

from __future__ import annotations

import importlib
import inspect
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from types import ModuleType
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central.api.errors import BodySizeLimit, install_error_handlers
from central.db.engine import make_engine, make_sessionmaker, migrate
from central.settings import CentralSettings, load_secret_key
from parloir.clock import Clock, SystemClock

log = logging.getLogger("central.http")

ROUTER_MODULES: tuple[str, ...] = (
    "central.api.booth",
    "central.api.calls",
    "central.api.join_code",
    "central.api.dev",  # only in dev mode
    "central.api.media",
    "central.web.pages",
    "central.api.monitor",
)
DEV_ONLY = frozenset({"central.api.dev"})


def _import_optional(name: str) -> ModuleType | None:
    """Import a router module; only its own absence is tolerated (not a broken import)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and (exc.name == name or name.startswith(exc.name + ".")):
            return None
        raise


async def _call_hook(hook: Callable[[FastAPI], Any], app: FastAPI) -> None:
    result = hook(app)
    if inspect.isawaitable(result):
        await result


def create_app(
    settings: CentralSettings,
    clock: Clock | None = None,
    *,
    run_migrations: bool = True,
) -> FastAPI:
    """Build the application (migrating the database first unless told not to)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.db_url)
    if run_migrations:
        migrate(engine)
    wanted = settings.server.routers or ROUTER_MODULES
    modules = [
        (name, module)
        for name in wanted
        if (name not in DEV_ONLY or settings.server.dev_mode)
        and (module := _import_optional(name)) is not None
    ]

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        started: list[ModuleType] = []
        try:
            for _name, module in modules:
                hook = getattr(module, "startup", None)
                if hook is not None:
                    await _call_hook(hook, app)
                started.append(module)
            yield
        finally:
            for module in reversed(started):
                hook = getattr(module, "shutdown", None)
                if hook is not None:
                    try:
                        await _call_hook(hook, app)
                    except Exception:
                        log.exception("shutdown hook of %s failed", module.__name__)
            engine.dispose()

    app = FastAPI(
        title="Parloir — serveur central",
        version="1",
        description="API des cabines, réservations, appels et invitations.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.clock = clock or SystemClock()
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.secret_key = load_secret_key(settings.data_dir)
    app.state.dev_mode = settings.server.dev_mode

    install_error_handlers(app)
    for _name, module in modules:
        app.include_router(module.router)
    _document_errors(app)
    app.add_middleware(BodySizeLimit, limit=settings.server.max_body_bytes)
    app.add_middleware(AccessLog)
    return app


_COMMON_ERRORS = {
    "400": "Requête invalide (JSON mal formé)",
    "404": "Introuvable",
    "413": "Requête trop volumineuse",
    "422": "Données invalides",
}
_AUTH_ERRORS = {"401": "Authentification absente ou invalide", "403": "Accès refusé"}


def _document_errors(app: FastAPI) -> None:
    """Document the statuses every endpoint can answer, all with the common error body.

    The error handlers give every route the same 400/404/413/422 answers (and
    401/403 behind authentication); FastAPI's own 422 schema is replaced by
    ours, so clients and schemathesis see what the server really sends.
    """
    from sync.wire import ErrorBody

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        body = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, sub in body.pop("$defs", {}).items():
            components.setdefault(name, sub)
        components.setdefault("ErrorBody", body)
        ref = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
        for item in schema.get("paths", {}).values():
            for method, op in item.items():
                if method not in {"get", "post", "put", "patch", "delete"}:
                    continue
                responses = op.setdefault("responses", {})
                wanted = dict(_COMMON_ERRORS)
                if op.get("security"):
                    wanted.update(_AUTH_ERRORS)
                for code, text in wanted.items():
                    if code not in responses:
                        responses[code] = {"description": text, "content": ref}
                    elif code == "422":
                        responses[code]["content"] = ref
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _safe_path(scope: Scope) -> str:
    """The route template (`/api/v1/join/{join_token}/rules`), never the raw path or query.

    Paths may carry join tokens and query strings may carry anything: neither
    is logged.
    """
    route = scope.get("route")
    template = getattr(route, "path_format", None) or getattr(route, "path", None)
    if isinstance(template, str):
        return template
    return "<unmatched>"


class AccessLog:
    """One structured line per request, without query strings or path parameters."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            log.info(
                "request",
                extra={
                    "method": scope.get("method"),
                    "route": _safe_path(scope),
                    "status": status,
                    "ms": round((time.perf_counter() - start) * 1000, 1),
                },
            )


Hook = Callable[[FastAPI], Awaitable[None] | None]

_STD_ATTRS = frozenset(vars(logging.LogRecord("x", 0, "x", 0, "x", None, None))) | {
    "message",
    "asctime",
    "color_message",
}


class JsonFormatter(logging.Formatter):
    """JSON lines: time, level, logger, message and the `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "at": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STD_ATTRS and not key.startswith("_"):
                out[key] = (
                    value if isinstance(value, int | float | str | bool | None) else str(value)
                )
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


def configure_logging(settings: CentralSettings) -> None:
    """Structured logs on stderr; uvicorn's own access log stays off (it logs query strings)."""
    handler = logging.StreamHandler()
    if settings.server.log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.server.log_level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True
    logging.getLogger("alembic").setLevel(logging.WARNING)
