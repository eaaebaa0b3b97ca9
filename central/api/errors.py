"""One error shape for every endpoint: `{"error": {"code": "snake_case", "message": "..."}}`.

Validation errors, HTTP errors, policy refusals and body-size overflows all
go through here, so a client (booth, join page, schemathesis) never sees a
traceback or a different shape. Messages are French, for people.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.wire import ErrorBody

log = logging.getLogger("central.api")

STATUS_CODES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "Requête invalide."),
    401: ("unauthorized", "Authentification requise."),
    403: ("forbidden", "Accès refusé."),
    404: ("not_found", "Ressource introuvable."),
    405: ("method_not_allowed", "Méthode non autorisée pour cette adresse."),
    406: ("not_acceptable", "Format de réponse non disponible."),
    409: ("conflict", "Conflit avec l'état actuel."),
    413: ("payload_too_large", "Requête trop volumineuse."),
    415: ("unsupported_media_type", "Type de contenu non pris en charge (JSON attendu)."),
    422: ("invalid_input", "Données invalides."),
    429: ("too_many_requests", "Trop de tentatives. Réessayez plus tard."),
    500: ("internal_error", "Erreur interne. Réessayez plus tard."),
    503: ("unavailable", "Service momentanément indisponible."),
}


class ApiError(Exception):
    """Raise from an endpoint or service to answer with the common error shape."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


def not_found(what: str = "Ressource introuvable.") -> ApiError:
    return ApiError(404, "not_found", what)


def refusal(code: str, message: str) -> ApiError:
    """A policy refusal (409 with the policy's code and French message)."""
    return ApiError(409, code, message)


# Responses to document in OpenAPI for routes, so clients and schemathesis know the shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Requête invalide"},
    401: {"model": ErrorBody, "description": "Jeton absent ou invalide"},
    404: {"model": ErrorBody, "description": "Introuvable"},
    409: {"model": ErrorBody, "description": "Refus (règle métier)"},
    413: {"model": ErrorBody, "description": "Requête trop volumineuse"},
    422: {"model": ErrorBody, "description": "Données invalides"},
}


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        msg = str(err.get("msg", "invalide")).removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}" if loc else msg)
    return "Données invalides : " + "; ".join(parts) if parts else "Données invalides."


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(
                400, "malformed_json", "Le corps de la requête n'est pas du JSON valide."
            )
        return error_response(422, "invalid_input", _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, default = STATUS_CODES.get(exc.status_code, ("error", "Erreur."))
        detail = exc.detail
        message = default
        if isinstance(detail, dict) and "code" in detail and "message" in detail:
            code, message = str(detail["code"]), str(detail["message"])
        headers = getattr(exc, "headers", None)
        return error_response(exc.status_code, code, message, dict(headers) if headers else None)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        code, message = STATUS_CODES[500]
        return error_response(500, code, message)


class BodySizeLimit:
    """Refuse bodies over `limit` bytes with 413, before the endpoint reads them."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > self.limit or declared < 0:
                    await self._reject(send, declared < 0)
                    return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge()
            return message

        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._reject(send, False)

    async def _reject(self, send: Send, bad_length: bool) -> None:
        status = 400 if bad_length else 413
        code, message = STATUS_CODES[status]
        response = error_response(status, code, message)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": response.raw_headers,
            }
        )
        await send({"type": "http.response.body", "body": response.body})


class _TooLarge(HTTPException):
    """An HTTPException so FastAPI's body reader lets it through as a 413."""

    def __init__(self) -> None:
        super().__init__(status_code=413)
