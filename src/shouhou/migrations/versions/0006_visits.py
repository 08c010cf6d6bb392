"""visits: site visits 上门服务 with the arrival KPI

Revision ID: 0006_visits
Revises: 0005_sla_state
Create Date: 2026-12-02 15:00:00

Issue 11 (DOMAIN §3): repair, installation, inspection, callback and training visits for a
ticket or a customer/device — appointment, engineer, expected duration, arrival, finish, work
done, signature, rating — and whether the engineer arrived on time (``on_time``,
``late_minutes``), stored at arrival. The (engineer, appointment) index serves the clash check
and the engineer's day; (status, appointment) the lists of what is due.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0006_visits"
down_revision = "0005_sla_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=True),
        sa.Column("engineer", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("appointment_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expected_minutes", sa.Integer(), nullable=False),
        sa.Column("arrived_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("finished_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("work_done", sa.Text(), nullable=True),
        sa.Column("signed_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("reschedule_count", sa.Integer(), nullable=False),
        sa.Column("reschedule_reason", sa.Text(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=True),
        sa.Column("on_time", sa.Boolean(), nullable=True),
        sa.Column("late_minutes", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.ForeignKeyConstraint(["device_id"], ["device.id"]),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_ticket_id"), ["ticket_id"], unique=False)
        batch_op.create_index(
            "ix_visit_engineer_appointment", ["engineer", "appointment_at"], unique=False
        )
        batch_op.create_index(
            "ix_visit_status_appointment", ["status", "appointment_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_status_appointment")
        batch_op.drop_index("ix_visit_engineer_appointment")
        batch_op.drop_index(batch_op.f("ix_visit_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_visit_customer_id"))
    op.drop_table("visit")
