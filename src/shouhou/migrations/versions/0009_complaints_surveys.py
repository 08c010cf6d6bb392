"""feedback: complaints and satisfaction surveys; the ratings on tickets become surveys

Revision ID: 0009_complaints_surveys
Revises: 0008_parts_stock
Create Date: 2026-12-02 18:10:00

Issue 13 (DOMAIN §5–§6):

- ``complaint``: receiver, subject, grade, deadlines (answer 24 h, handling opinion 2 working
  days) and minutes late, CAPA, confirmation, the complaint it repeats.
- ``survey``: service surveys (attitude, quality, resolution, timeliness) and product
  surveys (structure, appearance, delivery, price, service), for a ticket, visit or customer.
- The two ratings ``ticket close --quality --attitude`` stored on the ticket become a service
  survey of that ticket each (taken when the ticket was closed, by whoever closed it, as the
  audit trail says), then the columns go: no rating is lost.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0009_complaints_surveys"
down_revision = "0008_parts_stock"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_TIME = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "complaint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", _TEXT(length=20), nullable=False),
        sa.Column("status", _TEXT(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("device_id", sa.Integer(), nullable=True),
        sa.Column("staff", _TEXT(length=100), nullable=True),
        sa.Column("about", _TEXT(length=20), nullable=False),
        sa.Column("grade", _TEXT(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("channel", _TEXT(length=20), nullable=False),
        sa.Column("received_at", _TIME(), nullable=False),
        sa.Column("received_by", _TEXT(length=100), nullable=False),
        sa.Column("manager", _TEXT(length=100), nullable=True),
        sa.Column("answer_due_at", _TIME(), nullable=False),
        sa.Column("opinion_due_at", _TIME(), nullable=False),
        sa.Column("answered_at", _TIME(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("resolved_at", _TIME(), nullable=True),
        sa.Column("cause", sa.Text(), nullable=True),
        sa.Column("action", sa.Text(), nullable=True),
        sa.Column("prevention", sa.Text(), nullable=True),
        sa.Column("closed_at", _TIME(), nullable=True),
        sa.Column("confirmed", sa.Boolean(), nullable=True),
        sa.Column("close_note", sa.Text(), nullable=True),
        sa.Column("answer_late_min", sa.Integer(), nullable=True),
        sa.Column("opinion_late_min", sa.Integer(), nullable=True),
        sa.Column("recurrence_of_id", sa.Integer(), nullable=True),
        sa.Column("created_at", _TIME(), nullable=False),
        sa.Column("updated_at", _TIME(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"]),
        sa.ForeignKeyConstraint(["device_id"], ["device.id"]),
        sa.ForeignKeyConstraint(["recurrence_of_id"], ["complaint.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaint_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_complaint_ticket_id"), ["ticket_id"], unique=False)
        batch_op.create_index(
            "ix_complaint_status_received", ["status", "received_at"], unique=False
        )
    op.create_table(
        "survey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", _TEXT(length=10), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("device_id", sa.Integer(), nullable=True),
        *(
            sa.Column(name, sa.Integer(), nullable=True)
            for name in (
                "attitude",
                "quality",
                "resolution",
                "timeliness",
                "structure",
                "appearance",
                "delivery",
                "price",
                "service",
            )
        ),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("channel", _TEXT(length=20), nullable=False),
        sa.Column("taken_at", _TIME(), nullable=False),
        sa.Column("taken_by", _TEXT(length=100), nullable=False),
        sa.Column("created_at", _TIME(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"]),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"]),
        sa.ForeignKeyConstraint(["device_id"], ["device.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_ticket_id"), ["ticket_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_visit_id"), ["visit_id"], unique=False)
        batch_op.create_index("ix_survey_taken", ["taken_at"], unique=False)
    _ratings_to_surveys()
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): copying the ticket table instead would
    # drop the old one under its foreign keys.
    with op.batch_alter_table("ticket", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("attitude_rating")
        batch_op.drop_column("quality_rating")


def _ratings_to_surveys() -> None:
    """One service survey per ticket with a rating: quality and attitude as given, taken when
    the ticket was closed (else last changed) by the actor of its last close."""
    bind = op.get_bind()
    ticket = sa.table(
        "ticket",
        sa.column("id", sa.Integer()),
        sa.column("customer_id", sa.Integer()),
        sa.column("device_id", sa.Integer()),
        sa.column("quality_rating", sa.Integer()),
        sa.column("attitude_rating", sa.Integer()),
        sa.column("closed_at", _TIME()),
        sa.column("updated_at", _TIME()),
    )
    audit = sa.table(
        "audit_entry",
        sa.column("id", sa.Integer()),
        sa.column("entity", sa.String()),
        sa.column("entity_id", sa.Integer()),
        sa.column("action", sa.String()),
        sa.column("actor", sa.String()),
    )
    closer = (
        sa.select(audit.c.actor)
        .where(
            audit.c.entity == "ticket",
            audit.c.entity_id == ticket.c.id,
            audit.c.action == "close",
        )
        .order_by(audit.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    survey = sa.table(
        "survey",
        sa.column("kind", sa.String()),
        sa.column("customer_id", sa.Integer()),
        sa.column("ticket_id", sa.Integer()),
        sa.column("device_id", sa.Integer()),
        sa.column("quality", sa.Integer()),
        sa.column("attitude", sa.Integer()),
        sa.column("channel", sa.String()),
        sa.column("taken_at", _TIME()),
        sa.column("taken_by", sa.String()),
        sa.column("created_at", _TIME()),
    )
    taken = sa.func.coalesce(ticket.c.closed_at, ticket.c.updated_at)
    rated = sa.select(
        sa.literal("service"),
        ticket.c.customer_id,
        ticket.c.id,
        ticket.c.device_id,
        ticket.c.quality_rating,
        ticket.c.attitude_rating,
        sa.literal("phone"),
        taken,
        sa.func.coalesce(closer, sa.literal("shouhou")),
        taken,
    ).where(sa.or_(ticket.c.quality_rating.is_not(None), ticket.c.attitude_rating.is_not(None)))
    bind.execute(
        sa.insert(survey).from_select(
            [
                "kind",
                "customer_id",
                "ticket_id",
                "device_id",
                "quality",
                "attitude",
                "channel",
                "taken_at",
                "taken_by",
                "created_at",
            ],
            rated,
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("ticket", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("quality_rating", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("attitude_rating", sa.Integer(), nullable=True))
    op.drop_table("survey")
    op.drop_table("complaint")
