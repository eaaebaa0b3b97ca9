"""Demo data (DESIGN.md §6), for `parloir demo` / `parloir central serve --demo` only.

Idempotent: the establishment, booths, people, contacts and staff are
created once (found again by name, écrou, number or username); balances are
credited only when a detainee is created. What is refreshed on every run:
the booth tokens (set back to the known demo tokens) and the bookings, so a
demo started another day still has a slot *now*.

Bookings and opening hours (documented choice): the establishment keeps
the design's hours, every day 08:00-20:00. The demo bookings are written
straight into the database on the 30-minute grid around the current time,
*even outside opening hours* (booking rules — notice, opening hours — are
not applied to them): Karim on Cabine 1 and Jean on Cabine 2 for the slot
in progress, Paul on Cabine 1 for the following slot. When fewer than 10
minutes of the current slot are left, Karim and Jean also get the next slot
and Paul the one after. Normal bookings through the API keep every rule.

Every phone number here is fictional (+33 6 12 34 56 0x). The tokens, PINs
and password are public demo values: never use this seed outside the demo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import Booking, Booth, Contact, Detainee, Establishment, Staff
from parloir.clock import Clock

DEMO_ACTOR = "demo"
ESTABLISHMENT = "Centre pénitentiaire de Démo"
TIMEZONE = "Europe/Paris"
HOURS = "08:00-20:00"
SLOT = timedelta(minutes=30)
MIN_LEFT = timedelta(minutes=10)

BOOTHS = (
    ("Cabine 1", "demo-cabine-1-jeton-public-ne-pas-utiliser-en-production"),
    ("Cabine 2", "demo-cabine-2-jeton-public-ne-pas-utiliser-en-production"),
)


@dataclass(frozen=True)
class DemoContact:
    name: str
    relationship: str
    phone: str  # E.164
    status: str  # authorised | suspended | withdrawn
    protected: bool = False
    contact_id: int = 0


@dataclass(frozen=True)
class DemoDetainee:
    ecrou: str
    first_name: str
    last_name: str
    pin: str
    plan: str
    balance_cents: int
    contacts: tuple[DemoContact, ...]
    booth: str
    detainee_id: int = 0
    bookings: tuple[tuple[int, datetime, datetime], ...] = ()


@dataclass(frozen=True)
class DemoStaff:
    username: str
    display_name: str
    role: str
    pin: str
    password: str | None = None


@dataclass(frozen=True)
class DemoBooth:
    booth_id: int
    name: str
    token: str


@dataclass
class DemoInfo:
    """Everything a newcomer needs to try the demo (printed by `parloir demo`)."""

    establishment_id: int
    establishment: str
    timezone: str
    booths: list[DemoBooth] = field(default_factory=list)
    detainees: list[DemoDetainee] = field(default_factory=list)
    staff: list[DemoStaff] = field(default_factory=list)
    created: bool = False

    @property
    def kiosk_booth(self) -> DemoBooth:
        """The booth the demo kiosk runs as (Cabine 1)."""
        return self.booths[0]

    def text(self, server_url: str = "http://127.0.0.1:8400") -> str:
        """A plain French summary: kiosk, PINs, the join page, the SMS page."""
        from babel.dates import format_time

        zone = ZoneInfo(self.timezone)
        base = server_url.rstrip("/")

        def hm(dt: datetime) -> str:
            return str(format_time(dt.astimezone(zone), "H' h 'mm", locale="fr_FR"))

        def euros(cents: int) -> str:
            from babel.numbers import format_currency

            return str(format_currency(cents / 100, "EUR", locale="fr_FR"))

        lines = [
            f"Démonstration Parloir — {self.establishment}",
            "",
            f"Borne (kiosque) : {self.kiosk_booth.name} ; une seconde cabine existe : "
            f"{', '.join(b.name for b in self.booths[1:])}.",
            "",
            "Personnes détenues (code PIN) :",
        ]
        for d in self.detainees:
            plan = "hors forfait" if d.plan == "hors-forfait" else f"forfait {d.plan} €"
            slots = ", ".join(f"{hm(s)}-{hm(e)}" for _i, s, e in d.bookings) or "aucun"
            lines.append(
                f"  - {d.first_name} {d.last_name} (écrou {d.ecrou}) : PIN {d.pin}, {plan}, "
                f"solde {euros(d.balance_cents)}, rendez-vous {d.booth} : {slots}"
            )
            for c in d.contacts:
                state = {
                    "authorised": "autorisé",
                    "suspended": "suspendu",
                    "withdrawn": "retiré",
                }[c.status]
                extra = ", protégé (jamais écouté ni enregistré)" if c.protected else ""
                lines.append(f"      {c.name} ({c.relationship}) {c.phone} : {state}{extra}")
        lines.append("")
        lines.append("Personnels :")
        for s in self.staff:
            role = {
                "guard": "surveillant",
                "technician": "technicien",
                "monitor": "écoutes",
                "admin": "administration",
            }.get(s.role, s.role)
            pw = f", mot de passe {s.password}" if s.password else ""
            lines.append(
                f"  - {s.display_name} ({role}) : identifiant {s.username}, PIN {s.pin}{pw}"
            )
        lines += [
            "",
            f"Page du proche (rejoindre un appel) : {base}/rejoindre",
            f"SMS envoyés (le code à 6 chiffres apparaît ici) : {base}/dev/sms",
            "",
            "Tous les numéros sont fictifs. Ces codes et jetons servent uniquement à la "
            "démonstration.",
        ]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()


DETAINEES = (
    DemoDetainee(
        ecrou="D1001",
        first_name="Karim",
        last_name="Benali",
        pin="2580",
        plan="hors-forfait",
        balance_cents=2000,
        booth="Cabine 1",
        contacts=(
            DemoContact("Leïla Benali", "épouse", "+33612345601", "authorised"),
            DemoContact(
                "Maître Claire Durand", "avocate", "+33612345602", "authorised", protected=True
            ),
            DemoContact("Yacine Benali", "frère", "+33612345603", "suspended"),
        ),
    ),
    DemoDetainee(
        ecrou="D1002",
        first_name="Jean",
        last_name="Dupont",
        pin="1470",
        plan="50",
        balance_cents=5000,
        booth="Cabine 2",
        contacts=(
            DemoContact("Anne Dupont", "sœur", "+33612345604", "authorised"),
            DemoContact("Marc Leroy", "ami", "+33612345605", "withdrawn"),
        ),
    ),
    DemoDetainee(
        ecrou="D1003",
        first_name="Paul",
        last_name="Martin",
        pin="3690",
        plan="20",
        balance_cents=60,  # 0,60 €: a call of a little over 2 minutes
        booth="Cabine 1",
        contacts=(DemoContact("Sophie Martin", "mère", "+33612345606", "authorised"),),
    ),
)

STAFF = (
    DemoStaff("surveillant.demo", "Surveillant de démo", "guard", "2468"),
    DemoStaff("technicien.demo", "Technicien de démo", "technician", "1357"),
    DemoStaff("ecoutes.demo", "Écoutes de démo", "monitor", "9753", "demo-ecoutes"),
)


def _slot_start(now: datetime) -> datetime:
    """Start of the 30-minute slot in progress (the grid is the same in UTC and Paris)."""
    local = now.astimezone(ZoneInfo(TIMEZONE))
    floored = local.replace(minute=(local.minute // 30) * 30, second=0, microsecond=0)
    return floored.astimezone(UTC)


def _ensure_booking(
    session: Session,
    est: Establishment,
    booth: Booth,
    det: Detainee,
    start: datetime,
    now: datetime,
) -> tuple[int, datetime, datetime] | None:
    end = start + SLOT
    mine = session.scalars(
        select(Booking).where(
            Booking.detainee_id == det.id, Booking.starts_at == start, Booking.status == "active"
        )
    ).first()
    if mine is not None:
        return (mine.id, mine.starts_at, mine.ends_at)
    taken = session.scalars(
        select(Booking).where(
            Booking.booth_id == booth.id, Booking.starts_at == start, Booking.status == "active"
        )
    ).first()
    if taken is not None:
        return None
    b = Booking(
        establishment_id=est.id,
        booth_id=booth.id,
        detainee_id=det.id,
        starts_at=start,
        ends_at=end,
        status="active",
        created_at=now,
        created_by=DEMO_ACTOR,
    )
    session.add(b)
    session.flush()
    return (b.id, start, end)


def seed_demo(session: Session, clock: Clock) -> DemoInfo:
    """Create (once) and refresh the demo data; the caller commits."""
    from central.admin import ops
    from central.services import audit

    now = clock.now()
    created = False
    est = session.scalars(select(Establishment).where(Establishment.name == ESTABLISHMENT)).first()
    if est is None:
        est = ops.create_establishment(
            session,
            actor=DEMO_ACTOR,
            now=now,
            name=ESTABLISHMENT,
            timezone=TIMEZONE,
            opening_hours={d: [HOURS] for d in ops.WEEKDAYS},
        )
        created = True

    booths: list[DemoBooth] = []
    booth_rows: dict[str, Booth] = {}
    for name, token in BOOTHS:
        booth = session.scalars(
            select(Booth).where(Booth.establishment_id == est.id, Booth.name == name)
        ).first()
        if booth is None:
            booth, _ = ops.create_booth(
                session,
                actor=DEMO_ACTOR,
                now=now,
                establishment_id=est.id,
                name=name,
                token=token,
            )
        elif booth.token_hash != ops.hash_token(token) or not booth.active:
            booth.token_hash = ops.hash_token(token)
            booth.active = True
        booth_rows[name] = booth
        booths.append(DemoBooth(booth.id, name, token))

    staff: list[DemoStaff] = []
    for s in STAFF:
        member = session.scalars(select(Staff).where(Staff.username == s.username)).first()
        if member is None:
            member = ops.create_staff(
                session,
                actor=DEMO_ACTOR,
                now=now,
                username=s.username,
                display_name=s.display_name,
                role=s.role,
                pin=s.pin,
                establishment_id=est.id,
            )
            if s.password:
                member.password_hash = ops.hash_pin(s.password)
        staff.append(s)

    start = _slot_start(now)
    short = start + SLOT - now < MIN_LEFT
    detainees: list[DemoDetainee] = []
    rows: dict[str, Detainee] = {}
    for d in DETAINEES:
        det = session.scalars(
            select(Detainee).where(Detainee.establishment_id == est.id, Detainee.ecrou == d.ecrou)
        ).first()
        if det is None:
            det = Detainee(
                establishment_id=est.id,
                ecrou=d.ecrou,
                first_name=d.first_name,
                last_name=d.last_name,
                pin_hash=ops.hash_pin(d.pin),
                access_status="granted",
                language="fr",
                plan=d.plan,
                balance_cents=0,
                created_at=now,
            )
            session.add(det)
            session.flush()
            ops.credit(
                session,
                actor=DEMO_ACTOR,
                now=now,
                detainee=det,
                amount_cents=d.balance_cents,
                reason="crédit de démonstration",
            )
        rows[d.ecrou] = det
        contacts: list[DemoContact] = []
        for c in d.contacts:
            row = session.scalars(
                select(Contact).where(Contact.detainee_id == det.id, Contact.phone_e164 == c.phone)
            ).first()
            if row is None:
                row = Contact(
                    detainee_id=det.id,
                    establishment_id=est.id,
                    phone_e164=c.phone,
                    name=c.name,
                    relationship=c.relationship,
                    status="authorised",
                    protected=c.protected,
                    created_at=now,
                )
                session.add(row)
                session.flush()
                if c.status == "suspended":
                    ops.sanction_contact(
                        session,
                        actor=DEMO_ACTOR,
                        now=now,
                        contact=row,
                        action="suspend",
                        reason="démonstration : incident",
                        until=now + timedelta(days=30),
                    )
                elif c.status == "withdrawn":
                    ops.sanction_contact(
                        session,
                        actor=DEMO_ACTOR,
                        now=now,
                        contact=row,
                        action="withdraw",
                        reason="démonstration : incident",
                    )
            contacts.append(
                DemoContact(
                    row.name, row.relationship, row.phone_e164, row.status, row.protected, row.id
                )
            )
        detainees.append(
            DemoDetainee(
                d.ecrou,
                det.first_name,
                det.last_name,
                d.pin,
                det.plan,
                int(det.balance_cents),
                tuple(contacts),
                d.booth,
                det.id,
            )
        )

    # Bookings around now: Karim (Cabine 1) and Jean (Cabine 2) in the slot in progress,
    # Paul on Cabine 1 right after Karim.
    plan_slots = {
        "D1001": [start, start + SLOT] if short else [start],
        "D1002": [start, start + SLOT] if short else [start],
        "D1003": [start + 2 * SLOT] if short else [start + SLOT],
    }
    made: list[dict[str, object]] = []
    for i, d in enumerate(detainees):
        booth = booth_rows[d.booth]
        got = []
        for slot in plan_slots[d.ecrou]:
            b = _ensure_booking(session, est, booth, rows[d.ecrou], slot, now)
            if b is not None:
                got.append(b)
                made.append({"booking_id": b[0], "detainee": d.ecrou})
        detainees[i] = DemoDetainee(
            d.ecrou,
            d.first_name,
            d.last_name,
            d.pin,
            d.plan,
            d.balance_cents,
            d.contacts,
            d.booth,
            d.detainee_id,
            tuple(got),
        )
    audit.append(
        session,
        DEMO_ACTOR,
        "demo.seed",
        f"establishment:{est.id}",
        {"created": created, "bookings": made},
        at=now,
    )
    session.flush()
    return DemoInfo(
        establishment_id=est.id,
        establishment=est.name,
        timezone=est.timezone,
        booths=booths,
        detainees=detainees,
        staff=staff,
        created=created,
    )
