"""FastAPI dependencies shared by every router: session, clock, settings, booth auth."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import (
    HTTPAuthorizationCredentials,
    HTTPBasic,
    HTTPBasicCredentials,
    HTTPBearer,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.api.errors import ApiError
from central.db.models import Booth, Staff
from central.settings import CentralSettings
from parloir.clock import Clock

bearer = HTTPBearer(auto_error=False, description="Jeton de la cabine")
basic = HTTPBasic(auto_error=False, description="Compte du personnel")


def hash_token(token: str) -> str:
    """SHA-256 hex of a booth token: only this is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def get_session(request: Request) -> Iterator[Session]:
    """A session per request; endpoints commit explicitly, anything else is rolled back."""
    session: Session = request.app.state.sessionmaker()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


def get_clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


def get_settings(request: Request) -> CentralSettings:
    settings: CentralSettings = request.app.state.settings
    return settings


def get_secret_key(request: Request) -> bytes:
    key: bytes = request.app.state.secret_key
    return key


SessionDep = Annotated[Session, Depends(get_session)]
ClockDep = Annotated[Clock, Depends(get_clock)]
SettingsDep = Annotated[CentralSettings, Depends(get_settings)]

UNAUTHORIZED = {"WWW-Authenticate": "Bearer"}
BASIC_CHALLENGE = {"WWW-Authenticate": "Basic"}


def require_booth(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Booth:
    """The booth whose bearer token is presented (401 otherwise, same answer for all cases)."""
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise ApiError(401, "unauthorized", "Jeton de cabine manquant.", UNAUTHORIZED)
    digest = hash_token(credentials.credentials)
    booth = session.execute(select(Booth).where(Booth.token_hash == digest)).scalar_one_or_none()
    if booth is None or not hmac.compare_digest(booth.token_hash, digest):
        raise ApiError(401, "unauthorized", "Jeton de cabine invalide.", UNAUTHORIZED)
    if not booth.active:
        raise ApiError(403, "booth_disabled", "Cette cabine est désactivée.")
    return booth


BoothDep = Annotated[Booth, Depends(require_booth)]


def require_staff(*roles: str) -> Callable[..., Staff]:
    """Dependency factory: a staff account (HTTP Basic, argon2 password) with one of `roles`.

    The `admin` role is accepted everywhere.
    """

    def dependency(
        session: SessionDep,
        credentials: Annotated[HTTPBasicCredentials | None, Depends(basic)],
    ) -> Staff:
        if credentials is None:
            raise ApiError(
                401, "unauthorized", "Identifiants requis.", {"WWW-Authenticate": "Basic"}
            )
        staff = session.execute(
            select(Staff).where(Staff.username == credentials.username)
        ).scalar_one_or_none()
        from central.services.reference import verify_secret

        ok = (
            staff is not None
            and staff.active
            and staff.password_hash is not None
            and verify_secret(staff.password_hash, credentials.password)
        )
        if not ok or staff is None:
            raise ApiError(
                401, "unauthorized", "Identifiants invalides.", {"WWW-Authenticate": "Basic"}
            )
        if roles and staff.role not in roles and staff.role != "admin":
            raise ApiError(403, "forbidden", "Votre rôle ne permet pas cette action.")
        return staff

    return dependency
