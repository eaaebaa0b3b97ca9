"""Small helpers shared by the central-core tests."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def local_slot(days_ahead: int, hour: int, minute: int = 0) -> datetime:
    """A slot start `days_ahead` local days from today at hour:minute Paris time, in UTC."""
    day = datetime.now(PARIS).date() + timedelta(days=days_ahead)
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS).astimezone(UTC)


def local_day(days_ahead: int) -> str:
    """The local (Paris) date `days_ahead` days from today, ISO text."""
    return (datetime.now(PARIS).date() + timedelta(days=days_ahead)).isoformat()


def assert_error(resp: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is the common error shape with this status (and code)."""
    assert resp.status_code == status, (resp.status_code, resp.text)
    body = resp.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message"}, body
    assert body["error"]["message"], body
    if code is not None:
        assert body["error"]["code"] == code, body
    return dict(body["error"])


def usage_record(
    call_id: str, detainee_id: int, *, seconds: int = 600, plan: str = "hors-forfait", **kw: Any
) -> dict[str, Any]:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=seconds + 30)
    record = {
        "call_id": call_id,
        "detainee_id": detainee_id,
        "plan": plan,
        "started_at": start.isoformat(),
        "connected_at": (start + timedelta(seconds=20)).isoformat(),
        "ended_at": (start + timedelta(seconds=20 + seconds)).isoformat(),
        "connected_seconds": seconds,
        "end_reason": "hangup",
    }
    record.update(kw)
    return record
