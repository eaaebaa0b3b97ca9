"""Helpers shared by the sync tests: seed a booth store directly, hash PINs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache

from argon2 import PasswordHasher

from sync.models import Booking, Contact, Detainee, Staff
from sync.store import LocalStore

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


@lru_cache(maxsize=32)
def pin_hash(pin: str) -> str:
    # Cheap parameters: tests hash many PINs on 2 shared cores.
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(pin)


def seed(store: LocalStore, *, balance_cents: int = 1000, plan: str = "hors-forfait") -> None:
    with store.session() as s:
        s.add(
            Detainee(
                id="1",
                number="A100",
                display_name="Jean Martin",
                pin_hash=pin_hash("1234"),
                plan=plan,
                balance_cents=balance_cents,
                balance_gen=0,
                access_status="active",
                priority=False,
                extra="{}",
            )
        )
        s.add(
            Detainee(
                id="2",
                number="A200",
                display_name="Paul Durand",
                pin_hash=None,
                plan="50",
                balance_cents=50,
                balance_gen=0,
                access_status="active",
                priority=False,
                extra="{}",
            )
        )
        s.flush()
        for i, name in enumerate(["Zoé Martin", "Anne Martin"]):
            s.add(
                Contact(
                    id=f"c{i}",
                    detainee_id="1",
                    display_name=name,
                    relationship="sœur",
                    phone_masked="06 •• •• •• 12",
                    status="authorised",
                    protected=False,
                    extra="{}",
                )
            )
        s.add(
            Booking(
                id="b1",
                detainee_id="1",
                starts_at=T0 + timedelta(minutes=30),
                ends_at=T0 + timedelta(minutes=60),
                status="active",
                extra="{}",
            )
        )
        s.add(
            Booking(
                id="b0",
                detainee_id="2",
                starts_at=T0 - timedelta(minutes=60),
                ends_at=T0 - timedelta(minutes=30),
                status="active",
                extra="{}",
            )
        )
        s.add(
            Booking(
                id="bx",
                detainee_id="1",
                starts_at=T0 + timedelta(hours=2),
                ends_at=T0 + timedelta(hours=2, minutes=30),
                status="cancelled",
                extra="{}",
            )
        )
        s.add(
            Staff(
                id="s1",
                role="guard",
                display_name="Surveillant",
                pin_hash=pin_hash("9999"),
                active=True,
            )
        )
        s.add(
            Staff(
                id="s2",
                role="technician",
                display_name="Tech",
                pin_hash=pin_hash("8888"),
                active=True,
            )
        )
        s.add(
            Staff(
                id="s3",
                role="guard",
                display_name="Ancien",
                pin_hash=pin_hash("7777"),
                active=False,
            )
        )
