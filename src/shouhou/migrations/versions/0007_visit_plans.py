"""visits: due visits, teams, partial visits, inspection plans, checklists, callbacks

Revision ID: 0007_visit_plans
Revises: 0006_visits
Create Date: 2026-12-02 17:30:00

Issue 11 (DOMAIN §3), the rest of the visits:

- A visit may be *due* before it is booked (an inspection of a plan, a callback a rule calls
  for, the rest of a visit done in part): ``engineer`` and ``appointment_at`` become nullable,
  ``due_at`` says by when, ``origin`` why it exists, and ``dedupe_key`` (unique) makes every
  automatic creation idempotent however often it runs.
- ``plan_id`` links an inspection to its plan, ``follows_id`` a carried-forward visit to the one
  done in part (``partial``, ``left_over``); ``outcome`` is a callback's result.
- ``visit_member``: the helpers of a visit's team (the lead is ``visit.engineer``).
- ``inspection_plan``: every N calendar months from a start date, per customer or device.
- ``checklist_item`` (per model) and ``visit_check`` (one row per item filled on ``done``).

Existing visits keep every value; nothing is computed.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0007_visit_plans"
down_revision = "0006_visits"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_TIME = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "inspection_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", _TEXT(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=True),
        sa.Column("every_months", sa.Integer(), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("until_on", sa.Date(), nullable=True),
        sa.Column("engineer", _TEXT(length=100), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", _TIME(), nullable=False),
        sa.Column("updated_at", _TIME(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.ForeignKeyConstraint(["device_id"], ["device.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("inspection_plan", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inspection_plan_customer_id"), ["customer_id"], unique=False
        )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.alter_column("engineer", existing_type=_TEXT(length=100), nullable=True)
        batch_op.alter_column("appointment_at", existing_type=_TIME(), nullable=True)
        batch_op.add_column(sa.Column("due_at", _TIME(), nullable=True))
        batch_op.add_column(sa.Column("origin", _TEXT(length=30), nullable=True))
        batch_op.add_column(sa.Column("dedupe_key", _TEXT(length=100), nullable=True))
        batch_op.add_column(sa.Column("plan_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("follows_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("partial", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("left_over", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("outcome", _TEXT(length=20), nullable=True))
        batch_op.create_unique_constraint("uq_visit_dedupe_key", ["dedupe_key"])
        batch_op.create_foreign_key("fk_visit_plan", "inspection_plan", ["plan_id"], ["id"])
        batch_op.create_foreign_key("fk_visit_follows", "visit", ["follows_id"], ["id"])
        batch_op.create_index("ix_visit_status_due", ["status", "due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_plan_id"), ["plan_id"], unique=False)
    op.create_table(
        "visit_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("engineer", _TEXT(length=100), nullable=False),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("visit_id", "engineer"),
    )
    with op.batch_alter_table("visit_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_member_engineer"), ["engineer"], unique=False)
    op.create_table(
        "checklist_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model", _TEXT(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", _TEXT(length=200), nullable=False),
        sa.Column("unit", _TEXT(length=20), nullable=True),
        sa.Column("created_at", _TIME(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("model", "label"),
    )
    with op.batch_alter_table("checklist_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checklist_item_model"), ["model"], unique=False)
    op.create_table(
        "visit_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", _TEXT(length=200), nullable=False),
        sa.Column("unit", _TEXT(length=20), nullable=True),
        sa.Column("result", _TEXT(length=10), nullable=False),
        sa.Column("value", _TEXT(length=50), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"]),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("visit_check", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_check_visit_id"), ["visit_id"], unique=False)


def downgrade() -> None:
    op.drop_table("visit_check")
    op.drop_table("checklist_item")
    op.drop_table("visit_member")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_plan_id"))
        batch_op.drop_index("ix_visit_status_due")
        batch_op.drop_constraint("fk_visit_follows", type_="foreignkey")
        batch_op.drop_constraint("fk_visit_plan", type_="foreignkey")
        batch_op.drop_constraint("uq_visit_dedupe_key", type_="unique")
        for name in (
            "outcome",
            "left_over",
            "partial",
            "follows_id",
            "plan_id",
            "dedupe_key",
            "origin",
            "due_at",
        ):
            batch_op.drop_column(name)
    op.drop_table("inspection_plan")
