"""Shared dependencies: staff authentication (HTTP Basic, argon2) and the revision counter."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.security import HTTPBasicCredentials

from central.api.deps import hash_token, require_staff
from central.api.errors import ApiError
from central.db.engine import make_engine, make_sessionmaker, migrate, session_scope
from central.db.models import Detainee, Establishment, Staff
from central.services.reference import current_revision, hash_secret


@pytest.fixture
def factory(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    migrate(engine)
    yield make_sessionmaker(engine)
    engine.dispose()


def test_require_staff_roles_and_passwords(factory):
    now = datetime.now(UTC)
    with session_scope(factory) as s:
        for name, role, pw, active in [
            ("m", "monitor", "pw-m", True), ("a", "admin", "pw-a", True),
            ("g", "guard", None, True), ("x", "monitor", "pw-x", False),
        ]:  # fmt: skip
            s.add(
                Staff(
                    username=name,
                    role=role,
                    password_hash=hash_secret(pw) if pw else None,
                    pin_hash=hash_secret("1234"),
                    active=active,
                    created_at=now,
                )
            )
    monitor_only = require_staff("monitor")
    with session_scope(factory) as s:
        assert monitor_only(s, HTTPBasicCredentials(username="m", password="pw-m")).username == "m"
        assert monitor_only(s, HTTPBasicCredentials(username="a", password="pw-a")).role == "admin"
        for user, pw, status in [
            ("m", "wrong", 401), ("nobody", "pw", 401), ("g", "1234", 401), ("x", "pw-x", 401),
        ]:  # fmt: skip
            with pytest.raises(ApiError) as err:
                monitor_only(s, HTTPBasicCredentials(username=user, password=pw))
            assert err.value.status == status
        with pytest.raises(ApiError) as err:
            monitor_only(s, None)
        assert err.value.status == 401
    with session_scope(factory) as s:
        s.add(
            Staff(
                username="t", role="technician", password_hash=hash_secret("pw-t"), created_at=now
            )
        )
    with session_scope(factory) as s, pytest.raises(ApiError) as err:
        monitor_only(s, HTTPBasicCredentials(username="t", password="pw-t"))
    assert err.value.status == 403


def test_token_hash_is_sha256_hex():
    assert hash_token("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_every_change_moves_the_revision(factory):
    now = datetime.now(UTC)
    with session_scope(factory) as s:
        est = Establishment(name="E", opening_hours={}, booking_rules={}, created_at=now)
        s.add(est)
        s.flush()
        d = Detainee(
            establishment_id=est.id, ecrou="1", last_name="A", first_name="B", created_at=now
        )
        s.add(d)
    with session_scope(factory) as s:
        r1 = current_revision(s)
        assert s.get(Detainee, d.id).revision == r1
    with session_scope(factory) as s:
        s.get(Detainee, d.id).plan = "20"
    with session_scope(factory) as s:
        r2 = current_revision(s)
        assert r2 == r1 + 1 and s.get(Detainee, d.id).revision == r2
        s.get(Detainee, d.id).plan = "20"  # no real change: no new revision
    with session_scope(factory) as s:
        assert current_revision(s) == r2
