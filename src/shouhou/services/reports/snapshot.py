"""One snapshot for a whole report (issue 14 item 6): every query of a report sees the database
as it was at one moment, so a report running while tickets are written adds up — its totals
and its list of requests count the same tickets.

- SQLite (WAL): one transaction is a snapshot. ``db`` emits a plain ``BEGIN`` for every
  transaction; the snapshot is taken by the first read and holds until the transaction ends,
  whatever other processes commit meanwhile. All the report's reads run in that one
  transaction.
- PostgreSQL: ``REPEATABLE READ READ ONLY`` — the snapshot is taken by the first statement
  and the transaction refuses writes.

The session is read-only by intent: it is rolled back at the end, never committed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session


@contextmanager
def snapshot(url: str) -> Iterator[Session]:
    """A session on ``url`` whose reads all see one snapshot of the database.

    Like every read-only command, it refuses a database that does not exist yet
    (``err.no_database``, exit 1) and migrates an existing one to the head revision first.
    """
    from sqlmodel import Session

    from shouhou import db

    db.ensure_schema(url, create=False)
    engine = db.engine_for(url)
    with engine.connect() as conn:
        if not db.is_sqlite(url):
            conn = conn.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        with Session(bind=conn, expire_on_commit=False) as session:
            try:
                yield session
            finally:
                session.rollback()
