"""parts: suppliers as records, the stock ledger, old-part returns, stocktakes

Revision ID: 0008_parts_stock
Revises: 0007_visit_plans
Create Date: 2026-12-02 18:00:00

Issue 12 (DOMAIN §4):

- ``supplier``: the qualified list 合格供方 with ratings and a status. The free-text
  ``part.supplier`` becomes ``part.supplier_id``: each distinct name is made a supplier row
  (qualified, unrated) and the parts point at it — no name is lost.
- ``part.core_return``: the replaced part must go back to the factory.
- ``stock_move``: the append-only ledger; on-hand is its sum per part.
- ``core_return``: an old part owed back, from its issue until returned.
- ``stocktake`` / ``stocktake_count``: counts, booked as adjustments when finished.
- ``charge_line.part_id``: a bill's part line linked to the catalogue part issued from stock.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0008_parts_stock"
down_revision = "0007_visit_plans"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_TIME = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "supplier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", _TEXT(length=200), nullable=False),
        sa.Column("contact", _TEXT(length=100), nullable=True),
        sa.Column("phone", _TEXT(length=50), nullable=True),
        sa.Column("quality", sa.Integer(), nullable=True),
        sa.Column("price", sa.Integer(), nullable=True),
        sa.Column("delivery", sa.Integer(), nullable=True),
        sa.Column("status", _TEXT(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", _TIME(), nullable=False),
        sa.Column("updated_at", _TIME(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    with op.batch_alter_table("part", schema=None) as batch_op:
        batch_op.add_column(sa.Column("supplier_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("core_return", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_foreign_key("fk_part_supplier", "supplier", ["supplier_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_part_supplier_id"), ["supplier_id"], unique=False)
    _suppliers_from_text()
    with op.batch_alter_table("part", schema=None) as batch_op:
        batch_op.drop_column("supplier")
    op.create_table(
        "stocktake",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", _TEXT(length=20), nullable=False),
        sa.Column("status", _TEXT(length=10), nullable=False),
        sa.Column("started_at", _TIME(), nullable=False),
        sa.Column("started_by", _TEXT(length=100), nullable=False),
        sa.Column("finished_at", _TIME(), nullable=True),
        sa.Column("finished_by", _TEXT(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    op.create_table(
        "stock_move",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("part_id", sa.Integer(), nullable=False),
        sa.Column("at", _TIME(), nullable=False),
        sa.Column("kind", _TEXT(length=10), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_cost_cents", sa.Integer(), nullable=True),
        sa.Column("supplier_id", sa.Integer(), nullable=True),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("stocktake_id", sa.Integer(), nullable=True),
        sa.Column("booked", sa.Integer(), nullable=True),
        sa.Column("counted", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("reference", _TEXT(length=100), nullable=True),
        sa.Column("approved_by", _TEXT(length=100), nullable=True),
        sa.Column("actor", _TEXT(length=100), nullable=False),
        sa.ForeignKeyConstraint(["part_id"], ["part.id"]),
        sa.ForeignKeyConstraint(["supplier_id"], ["supplier.id"]),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"]),
        sa.ForeignKeyConstraint(["stocktake_id"], ["stocktake.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("stock_move", schema=None) as batch_op:
        batch_op.create_index("ix_stock_move_part_at", ["part_id", "at"], unique=False)
        batch_op.create_index("ix_stock_move_kind_at", ["kind", "at"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_move_ticket_id"), ["ticket_id"], unique=False)
    op.create_table(
        "core_return",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("part_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("move_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("issued_at", _TIME(), nullable=False),
        sa.Column("returned_at", _TIME(), nullable=True),
        sa.Column("returned_by", _TEXT(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["part_id"], ["part.id"]),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"]),
        sa.ForeignKeyConstraint(["move_id"], ["stock_move.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("core_return", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_core_return_ticket_id"), ["ticket_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_core_return_returned_at"), ["returned_at"], unique=False
        )
    op.create_table(
        "stocktake_count",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stocktake_id", sa.Integer(), nullable=False),
        sa.Column("part_id", sa.Integer(), nullable=False),
        sa.Column("booked", sa.Integer(), nullable=False),
        sa.Column("counted", sa.Integer(), nullable=False),
        sa.Column("counted_at", _TIME(), nullable=False),
        sa.Column("counted_by", _TEXT(length=100), nullable=False),
        sa.ForeignKeyConstraint(["stocktake_id"], ["stocktake.id"]),
        sa.ForeignKeyConstraint(["part_id"], ["part.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("stocktake_id", "part_id"),
    )
    with op.batch_alter_table("charge_line", schema=None) as batch_op:
        batch_op.add_column(sa.Column("part_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_charge_line_part", "part", ["part_id"], ["id"])


def _suppliers_from_text() -> None:
    """Each distinct ``part.supplier`` text becomes a qualified supplier; parts point at it."""
    bind = op.get_bind()
    part = sa.table(
        "part",
        sa.column("id", sa.Integer()),
        sa.column("supplier", sa.String()),
        sa.column("supplier_id", sa.Integer()),
    )
    names = sorted(
        {
            name.strip()
            for (name,) in bind.execute(sa.select(part.c.supplier)).all()
            if name and name.strip()
        }
    )
    if not names:
        return
    table = sa.table(
        "supplier",
        sa.column("id", sa.Integer()),
        sa.column("name", sa.String()),
        sa.column("status", sa.String()),
        sa.column("created_at", _TIME()),
        sa.column("updated_at", _TIME()),
    )
    now = datetime.now(UTC)
    bind.execute(
        sa.insert(table),
        [{"name": n, "status": "qualified", "created_at": now, "updated_at": now} for n in names],
    )
    ids = dict(bind.execute(sa.select(table.c.name, table.c.id)).all())
    for name, supplier_id in ids.items():
        bind.execute(
            sa.update(part)
            .where(sa.func.trim(part.c.supplier) == name)
            .values(supplier_id=supplier_id)
        )


def downgrade() -> None:
    with op.batch_alter_table("charge_line", schema=None) as batch_op:
        batch_op.drop_constraint("fk_charge_line_part", type_="foreignkey")
        batch_op.drop_column("part_id")
    op.drop_table("stocktake_count")
    op.drop_table("core_return")
    op.drop_table("stock_move")
    op.drop_table("stocktake")
    with op.batch_alter_table("part", schema=None) as batch_op:
        batch_op.add_column(sa.Column("supplier", _TEXT(length=200), nullable=True))
    bind = op.get_bind()
    bind.exec_driver_sql(
        "UPDATE part SET supplier = "
        "(SELECT name FROM supplier WHERE supplier.id = part.supplier_id)"
    )
    with op.batch_alter_table("part", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_part_supplier_id"))
        batch_op.drop_constraint("fk_part_supplier", type_="foreignkey")
        batch_op.drop_column("core_return")
        batch_op.drop_column("supplier_id")
    op.drop_table("supplier")
