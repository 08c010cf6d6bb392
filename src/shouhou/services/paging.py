"""Keyset paging: stream a big table in id order without loading it whole (STYLE: big tables)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import Session


def keyset(
    session: Session,
    query: Any,
    id_column: Any,
    *,
    limit: int | None = None,
    batch: int = 2000,
    core: bool = False,
) -> Iterator[Any]:
    """Rows of ``query`` ordered by ``id_column``, fetched ``batch`` at a time.

    ``core=True`` for a query of plain columns: it runs on the session's connection and skips
    the ORM's result processing (a third of the time of a 10,000-row list).
    """
    execute = session.connection().execute if core else session.exec
    last_id = 0
    remaining = limit
    while remaining is None or remaining > 0:
        size = batch if remaining is None else min(batch, remaining)
        page = list(execute(query.where(id_column > last_id).order_by(id_column).limit(size)))
        if not page:
            return
        yield from page
        last_id = page[-1].id
        if remaining is not None:
            remaining -= len(page)
        if len(page) < size:
            return
