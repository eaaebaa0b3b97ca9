"""Initial schema: every table of the central server

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-26 06:32:18.482760
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("client_ref", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("client_ref", name=op.f("uq_audit_log_client_ref")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_action"), ["action"], unique=False)

    op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_counter")),
    )
    op.create_table(
        "establishments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("opening_hours", sa.JSON(), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("max_call_s", sa.Integer(), nullable=False),
        sa.Column("booking_rules", sa.JSON(), nullable=False),
        sa.Column("tariff", sa.JSON(), nullable=True),
        sa.Column("retention_days", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_establishments")),
    )
    with op.batch_alter_table("establishments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_establishments_revision"), ["revision"], unique=False)

    op.create_table(
        "tombstones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("establishment_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tombstones")),
    )
    with op.batch_alter_table("tombstones", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tombstones_revision"), ["revision"], unique=False)

    op.create_table(
        "booths",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("establishment_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["establishment_id"],
            ["establishments.id"],
            name=op.f("fk_booths_establishment_id_establishments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booths")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_booths_token_hash")),
    )
    with op.batch_alter_table("booths", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_booths_establishment_id"), ["establishment_id"], unique=False
        )

    op.create_table(
        "detainees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("establishment_id", sa.Integer(), nullable=False),
        sa.Column("ecrou", sa.String(length=32), nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("pin_hash", sa.String(length=255), nullable=True),
        sa.Column("access_status", sa.String(length=16), nullable=False),
        sa.Column("access_suspended_until", sa.DateTime(), nullable=True),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("balance_cents", sa.BigInteger(), nullable=False),
        sa.Column("plan", sa.String(length=32), nullable=False),
        sa.Column("max_call_s_override", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["establishment_id"],
            ["establishments.id"],
            name=op.f("fk_detainees_establishment_id_establishments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_detainees")),
        sa.UniqueConstraint(
            "establishment_id", "ecrou", name=op.f("uq_detainees_establishment_id")
        ),
    )
    with op.batch_alter_table("detainees", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_detainees_establishment_id"), ["establishment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_detainees_revision"), ["revision"], unique=False)

    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("establishment_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("pin_hash", sa.String(length=255), nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["establishment_id"],
            ["establishments.id"],
            name=op.f("fk_staff_establishment_id_establishments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_username")),
    )
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_staff_establishment_id"), ["establishment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_staff_revision"), ["revision"], unique=False)

    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("establishment_id", sa.Integer(), nullable=False),
        sa.Column("booth_id", sa.Integer(), nullable=False),
        sa.Column("detainee_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("client_ref", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_by", sa.String(length=100), nullable=True),
        sa.Column("cancel_reason", sa.String(length=200), nullable=True),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_bookings_time_order")),
        sa.ForeignKeyConstraint(
            ["booth_id"], ["booths.id"], name=op.f("fk_bookings_booth_id_booths")
        ),
        sa.ForeignKeyConstraint(
            ["detainee_id"], ["detainees.id"], name=op.f("fk_bookings_detainee_id_detainees")
        ),
        sa.ForeignKeyConstraint(
            ["establishment_id"],
            ["establishments.id"],
            name=op.f("fk_bookings_establishment_id_establishments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
        sa.UniqueConstraint("booth_id", "client_ref", name=op.f("uq_bookings_booth_id")),
    )
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bookings_booth_id"), ["booth_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bookings_detainee_id"), ["detainee_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_bookings_establishment_id"), ["establishment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_bookings_revision"), ["revision"], unique=False)
        batch_op.create_index(
            "uq_bookings_active_booth_slot",
            ["booth_id", "starts_at"],
            unique=True,
            sqlite_where=sa.text("status = 'active'"),
            postgresql_where=sa.text("status = 'active'"),
        )
        batch_op.create_index(
            "uq_bookings_active_detainee_slot",
            ["detainee_id", "starts_at"],
            unique=True,
            sqlite_where=sa.text("status = 'active'"),
            postgresql_where=sa.text("status = 'active'"),
        )

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("detainee_id", sa.Integer(), nullable=False),
        sa.Column("establishment_id", sa.Integer(), nullable=False),
        sa.Column("phone_e164", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("relationship", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("suspended_until", sa.DateTime(), nullable=True),
        sa.Column("protected", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["detainee_id"], ["detainees.id"], name=op.f("fk_contacts_detainee_id_detainees")
        ),
        sa.ForeignKeyConstraint(
            ["establishment_id"],
            ["establishments.id"],
            name=op.f("fk_contacts_establishment_id_establishments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
        sa.UniqueConstraint("detainee_id", "phone_e164", name=op.f("uq_contacts_detainee_id")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_detainee_id"), ["detainee_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contacts_establishment_id"), ["establishment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contacts_revision"), ["revision"], unique=False)

    op.create_table(
        "selftest_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booth_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("results", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["booth_id"], ["booths.id"], name=op.f("fk_selftest_reports_booth_id_booths")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_selftest_reports")),
        sa.UniqueConstraint("booth_id", "client_id", name=op.f("uq_selftest_reports_booth_id")),
    )
    with op.batch_alter_table("selftest_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_selftest_reports_booth_id"), ["booth_id"], unique=False
        )

    op.create_table(
        "calls",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("establishment_id", sa.Integer(), nullable=False),
        sa.Column("booth_id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("detainee_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("phone_e164", sa.String(length=20), nullable=False),
        sa.Column("plan", sa.String(length=32), nullable=False),
        sa.Column("recorded", sa.Boolean(), nullable=False),
        sa.Column("protected", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("allowed_seconds", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("relative_joined_at", sa.DateTime(), nullable=True),
        sa.Column("connected_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("end_reason", sa.String(length=32), nullable=True),
        sa.Column("ended_by", sa.String(length=100), nullable=True),
        sa.Column("rules_accepted", sa.Boolean(), nullable=False),
        sa.Column("minors_present", sa.Boolean(), nullable=True),
        sa.Column("minors_consent", sa.Boolean(), nullable=True),
        sa.Column("capture_consent", sa.Boolean(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("usage_received_at", sa.DateTime(), nullable=True),
        sa.Column("usage_started_at", sa.DateTime(), nullable=True),
        sa.Column("usage_connected_at", sa.DateTime(), nullable=True),
        sa.Column("usage_ended_at", sa.DateTime(), nullable=True),
        sa.Column("connected_seconds", sa.Integer(), nullable=True),
        sa.Column("price_cents", sa.BigInteger(), nullable=True),
        sa.Column("booth_price_cents", sa.BigInteger(), nullable=True),
        sa.Column("usage_outcome", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["bookings.id"], name=op.f("fk_calls_booking_id_bookings")
        ),
        sa.ForeignKeyConstraint(["booth_id"], ["booths.id"], name=op.f("fk_calls_booth_id_booths")),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_calls_contact_id_contacts")
        ),
        sa.ForeignKeyConstraint(
            ["detainee_id"], ["detainees.id"], name=op.f("fk_calls_detainee_id_detainees")
        ),
        sa.ForeignKeyConstraint(
            ["establishment_id"],
            ["establishments.id"],
            name=op.f("fk_calls_establishment_id_establishments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calls")),
    )
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calls_booking_id"), ["booking_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_calls_booth_id"), ["booth_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_calls_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_calls_detainee_id"), ["detainee_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_calls_establishment_id"), ["establishment_id"], unique=False
        )

    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("establishment_id", sa.Integer(), nullable=True),
        sa.Column("call_id", sa.String(length=36), nullable=True),
        sa.Column("detainee_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("phone_e164", sa.String(length=20), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["call_id"], ["calls.id"], name=op.f("fk_incidents_call_id_calls")),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_incidents_contact_id_contacts")
        ),
        sa.ForeignKeyConstraint(
            ["detainee_id"], ["detainees.id"], name=op.f("fk_incidents_detainee_id_detainees")
        ),
        sa.ForeignKeyConstraint(
            ["establishment_id"],
            ["establishments.id"],
            name=op.f("fk_incidents_establishment_id_establishments"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_incidents_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incidents_call_id"), ["call_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_detainee_id"), ["detainee_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_incidents_establishment_id"), ["establishment_id"], unique=False
        )

    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=36), nullable=False),
        sa.Column("phone_e164", sa.String(length=20), nullable=False),
        sa.Column("code_hash", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("max_tries", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("join_token_hash", sa.String(length=128), nullable=True),
        sa.Column("join_expires_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_invitations_call_id_calls")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint("join_token_hash", name=op.f("uq_invitations_join_token_hash")),
    )
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitations_call_id"), ["call_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invitations_code_hash"), ["code_hash"], unique=False)
        batch_op.create_index(
            "uq_invitations_active_call",
            ["call_id"],
            unique=True,
            sqlite_where=sa.text("status = 'active'"),
            postgresql_where=sa.text("status = 'active'"),
        )

    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("detainee_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("balance_after_cents", sa.BigInteger(), nullable=False),
        sa.Column("call_id", sa.String(length=36), nullable=True),
        sa.Column("plan", sa.String(length=32), nullable=True),
        sa.Column("connected_seconds", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("external_ref", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('credit', 'debit')", name=op.f("ck_ledger_entries_kind_known")
        ),
        sa.CheckConstraint("amount_cents >= 0", name=op.f("ck_ledger_entries_amount_positive")),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_ledger_entries_call_id_calls")
        ),
        sa.ForeignKeyConstraint(
            ["detainee_id"], ["detainees.id"], name=op.f("fk_ledger_entries_detainee_id_detainees")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entries")),
        sa.UniqueConstraint("external_ref", name=op.f("uq_ledger_entries_external_ref")),
    )
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ledger_entries_detainee_id"), ["detainee_id"], unique=False
        )
        batch_op.create_index(
            "uq_ledger_entries_debit_call",
            ["call_id"],
            unique=True,
            sqlite_where=sa.text("kind = 'debit'"),
            postgresql_where=sa.text("kind = 'debit'"),
        )

    op.create_table(
        "recordings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=36), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("size_bytes", sa.BigInteger(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("hold", sa.Boolean(), nullable=False),
        sa.Column("purged_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_recordings_call_id_calls")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recordings")),
    )
    with op.batch_alter_table("recordings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recordings_call_id"), ["call_id"], unique=False)

    op.create_table(
        "sms_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=36), nullable=True),
        sa.Column("to_e164", sa.String(length=20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("provider_ref", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_sms_messages_call_id_calls")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sms_messages")),
    )
    with op.batch_alter_table("sms_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sms_messages_call_id"), ["call_id"], unique=False)

    op.create_table(
        "code_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_key", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.Column("invitation_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["invitations.id"],
            name=op.f("fk_code_attempts_invitation_id_invitations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_code_attempts")),
    )
    with op.batch_alter_table("code_attempts", schema=None) as batch_op:
        batch_op.create_index("ix_code_attempts_client_at", ["client_key", "at"], unique=False)

    op.create_table(
        "sanctions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("establishment_id", sa.Integer(), nullable=True),
        sa.Column("detainee_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("phone_e164", sa.String(length=20), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("lifted_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_sanctions_contact_id_contacts")
        ),
        sa.ForeignKeyConstraint(
            ["detainee_id"], ["detainees.id"], name=op.f("fk_sanctions_detainee_id_detainees")
        ),
        sa.ForeignKeyConstraint(
            ["establishment_id"],
            ["establishments.id"],
            name=op.f("fk_sanctions_establishment_id_establishments"),
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_sanctions_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sanctions")),
    )
    with op.batch_alter_table("sanctions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sanctions_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sanctions_detainee_id"), ["detainee_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_sanctions_establishment_id"), ["establishment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_sanctions_phone_e164"), ["phone_e164"], unique=False)
        batch_op.create_index(batch_op.f("ix_sanctions_revision"), ["revision"], unique=False)
    # Singleton rows: the change counter behind booth cursors and the audit chain head.
    op.bulk_insert(
        sa.table("change_counter", sa.column("id", sa.Integer), sa.column("value", sa.BigInteger)),
        [{"id": 1, "value": 0}],
    )
    op.bulk_insert(
        sa.table(
            "audit_head",
            sa.column("id", sa.Integer),
            sa.column("seq", sa.BigInteger),
            sa.column("hash", sa.String),
        ),
        [{"id": 1, "seq": 0, "hash": "0" * 64}],
    )


def downgrade() -> None:
    with op.batch_alter_table("sanctions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sanctions_revision"))
        batch_op.drop_index(batch_op.f("ix_sanctions_phone_e164"))
        batch_op.drop_index(batch_op.f("ix_sanctions_establishment_id"))
        batch_op.drop_index(batch_op.f("ix_sanctions_detainee_id"))
        batch_op.drop_index(batch_op.f("ix_sanctions_contact_id"))

    op.drop_table("sanctions")
    with op.batch_alter_table("code_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_code_attempts_client_at")

    op.drop_table("code_attempts")
    with op.batch_alter_table("sms_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sms_messages_call_id"))

    op.drop_table("sms_messages")
    with op.batch_alter_table("recordings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recordings_call_id"))

    op.drop_table("recordings")
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_ledger_entries_debit_call",
            sqlite_where=sa.text("kind = 'debit'"),
            postgresql_where=sa.text("kind = 'debit'"),
        )
        batch_op.drop_index(batch_op.f("ix_ledger_entries_detainee_id"))

    op.drop_table("ledger_entries")
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_invitations_active_call",
            sqlite_where=sa.text("status = 'active'"),
            postgresql_where=sa.text("status = 'active'"),
        )
        batch_op.drop_index(batch_op.f("ix_invitations_code_hash"))
        batch_op.drop_index(batch_op.f("ix_invitations_call_id"))

    op.drop_table("invitations")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_establishment_id"))
        batch_op.drop_index(batch_op.f("ix_incidents_detainee_id"))
        batch_op.drop_index(batch_op.f("ix_incidents_call_id"))

    op.drop_table("incidents")
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calls_establishment_id"))
        batch_op.drop_index(batch_op.f("ix_calls_detainee_id"))
        batch_op.drop_index(batch_op.f("ix_calls_contact_id"))
        batch_op.drop_index(batch_op.f("ix_calls_booth_id"))
        batch_op.drop_index(batch_op.f("ix_calls_booking_id"))

    op.drop_table("calls")
    with op.batch_alter_table("selftest_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_selftest_reports_booth_id"))

    op.drop_table("selftest_reports")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_revision"))
        batch_op.drop_index(batch_op.f("ix_contacts_establishment_id"))
        batch_op.drop_index(batch_op.f("ix_contacts_detainee_id"))

    op.drop_table("contacts")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_bookings_active_detainee_slot",
            sqlite_where=sa.text("status = 'active'"),
            postgresql_where=sa.text("status = 'active'"),
        )
        batch_op.drop_index(
            "uq_bookings_active_booth_slot",
            sqlite_where=sa.text("status = 'active'"),
            postgresql_where=sa.text("status = 'active'"),
        )
        batch_op.drop_index(batch_op.f("ix_bookings_revision"))
        batch_op.drop_index(batch_op.f("ix_bookings_establishment_id"))
        batch_op.drop_index(batch_op.f("ix_bookings_detainee_id"))
        batch_op.drop_index(batch_op.f("ix_bookings_booth_id"))

    op.drop_table("bookings")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_revision"))
        batch_op.drop_index(batch_op.f("ix_staff_establishment_id"))

    op.drop_table("staff")
    with op.batch_alter_table("detainees", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_detainees_revision"))
        batch_op.drop_index(batch_op.f("ix_detainees_establishment_id"))

    op.drop_table("detainees")
    with op.batch_alter_table("booths", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booths_establishment_id"))

    op.drop_table("booths")
    with op.batch_alter_table("tombstones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tombstones_revision"))

    op.drop_table("tombstones")
    with op.batch_alter_table("establishments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_establishments_revision"))

    op.drop_table("establishments")
    op.drop_table("change_counter")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_action"))

    op.drop_table("audit_log")
    op.drop_table("audit_head")
