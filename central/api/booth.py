"""Booth API: health, server time, reference data, slots, bookings, usage, reports."""

from __future__ import annotations

from fastapi import APIRouter

from central.api.deps import ClockDep

router = APIRouter()


@router.get("/healthz", tags=["santé"])
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/api/v1/time", tags=["cabines"])
def server_time(clock: ClockDep) -> dict[str, str]:
    """Server time, for the booths' clock check (no authentication)."""
    return {"now": clock.now().isoformat()}
