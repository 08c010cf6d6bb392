"""ticket rules: users with roles (approvals), a fault's component and its fault date

Revision ID: 0004_users_component
Revises: 0003_parts_catalogue
Create Date: 2026-12-02 13:20:00

DOMAIN §1: approvals come from someone entitled (manager, general manager) who had no hand in
the job — people are user records, not strings; the warranty verdict is per component and
judged at the fault date. Existing tickets keep their verdict: their component is the whole
unit and their fault date is left empty (read as the intake date).
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0004_users_component"
down_revision = "0003_parts_catalogue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("component", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True)
        )
        batch_op.add_column(sa.Column("fault_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_column("fault_date")
        batch_op.drop_column("component")
    op.drop_table("app_user")
