"""Booth schema: reference cache, outbox, call checkpoints.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from parloir.db import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "detainees",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("pin_hash", sa.Text(), nullable=True),
        sa.Column("plan", sa.String(32), nullable=False),
        sa.Column("balance_cents", sa.Integer(), nullable=False),
        sa.Column("balance_gen", sa.Integer(), nullable=False),
        sa.Column("access_status", sa.String(32), nullable=False),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("extra", sa.Text(), nullable=False),
    )
    op.create_index("ix_detainees_number", "detainees", ["number"])
    op.create_table(
        "contacts",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("detainee_id", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("relationship", sa.String(100), nullable=False),
        sa.Column("phone_masked", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("protected", sa.Boolean(), nullable=False),
        sa.Column("extra", sa.Text(), nullable=False),
    )
    op.create_index("ix_contacts_detainee_id", "contacts", ["detainee_id"])
    op.create_table(
        "bookings",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("detainee_id", sa.String(64), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("extra", sa.Text(), nullable=False),
    )
    op.create_index("ix_bookings_detainee_id", "bookings", ["detainee_id"])
    op.create_index("ix_bookings_starts_at", "bookings", ["starts_at"])
    op.create_table(
        "staff",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("pin_hash", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_staff_role", "staff", ["role"])
    op.create_table(
        "tariffs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("detainee_id", sa.String(64), nullable=True),
        sa.Column("amount_cents", sa.Integer(), nullable=True),
        sa.Column("acked_at", UTCDateTime(), nullable=True),
        sa.Column("acked_gen", sa.Integer(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    op.create_index("ix_outbox_detainee_id", "outbox", ["detainee_id"])
    op.create_index("ix_outbox_pending", "outbox", ["acked_at", "kind", "seq"])
    op.create_table(
        "call_checkpoints",
        sa.Column("call_id", sa.String(64), primary_key=True),
        sa.Column("booking_id", sa.String(64), nullable=True),
        sa.Column("detainee_id", sa.String(64), nullable=False),
        sa.Column("contact_id", sa.String(64), nullable=True),
        sa.Column("plan", sa.String(32), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("connected_at", UTCDateTime(), nullable=True),
        sa.Column("last_checkpoint_at", UTCDateTime(), nullable=False),
        sa.Column("connected_seconds", sa.Integer(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "call_checkpoints",
        "outbox",
        "tariffs",
        "staff",
        "bookings",
        "contacts",
        "detainees",
        "sync_state",
    ):
        op.drop_table(table)
