"""Copy a whole database to another one (SQLite → PostgreSQL when an office outgrows one PC).

Rules this module owns:

- The target is migrated to the current schema first and must hold no rows at all: a copy
  never merges into live data.
- Every table is copied with its ids, in foreign-key order and id order, so every reference
  (customer of a device, device a replacement replaces, ticket of an event) stays true.
- The copy is one transaction on the target: a failure leaves it empty. The source is only
  read, inside one read transaction, so clerks may keep working while it runs.
- PostgreSQL's id sequences are moved past the copied ids, or the next insert would collide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shouhou.errors import DomainError, UsageError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Table

BATCH = 1000


def _row_count(conn: Connection, table: Table) -> int:
    from sqlalchemy import func, select

    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _reset_sequences(conn: Connection, table: Table) -> None:
    from sqlalchemy import text

    if conn.dialect.name != "postgresql" or "id" not in table.c:
        return
    conn.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
            f" (SELECT max(id) FROM {table.name}))"
        )
    )


def copy_database(source_url: str, target_url: str) -> dict[str, int]:
    """Copy every row of ``source_url`` into the empty database at ``target_url``.

    Returns the number of rows copied per table.
    """
    from sqlalchemy import insert, select

    from shouhou import db
    from shouhou.models import schema

    if db.describe(source_url) == db.describe(target_url):
        raise UsageError("err.copy_same", where=db.describe(target_url))
    db.ensure_schema(source_url, create=False)
    db.ensure_schema(target_url, create=True)
    tables = schema().sorted_tables
    counts: dict[str, int] = {}
    with db.engine_for(source_url).connect() as source, source.begin():
        with db.engine_for(target_url).connect() as target:
            if db.is_sqlite(target_url):
                target = target.execution_options(sqlite_immediate=True)
            with target.begin():
                for table in tables:
                    if _row_count(target, table):
                        raise DomainError(
                            "err.copy_target_not_empty",
                            where=db.describe(target_url),
                            table=table.name,
                        )
                for table in tables:
                    query = select(table).order_by(*table.primary_key.columns)
                    rows = source.execution_options(yield_per=BATCH).execute(query)
                    copied = 0
                    for batch in rows.mappings().partitions(BATCH):
                        target.execute(insert(table), [dict(row) for row in batch])
                        copied += len(batch)
                    _reset_sequences(target, table)
                    counts[table.name] = copied
    return counts
