"""Human-friendly, sortable ticket numbers: ``SH`` + YYMM + ``-`` + sequence (``SH2611-0042``).

The sequence restarts each month. The counter row is bumped with a single conditional UPDATE
inside the command's write transaction, so two clerks never get the same number.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session

PREFIX = "SH"


def month_prefix(received_at: datetime, zone: tzinfo) -> str:
    return PREFIX + received_at.astimezone(zone).strftime("%y%m")


def reserve(session: Session, prefix: str, count: int = 1) -> list[str]:
    """Reserve ``count`` consecutive numbers under ``prefix``."""
    from sqlalchemy import update
    from sqlmodel import col

    from shouhou.models import Counter

    bumped = session.execute(
        update(Counter)
        .where(Counter.prefix == prefix)  # type: ignore[arg-type]
        .values(last=Counter.last + count)
        .returning(col(Counter.last))
    ).first()
    if bumped is None:
        session.add(Counter(prefix=prefix, last=count))
        session.flush()
        last = count
    else:
        last = bumped[0]
    return [f"{prefix}-{n:04d}" for n in range(last - count + 1, last + 1)]


def next_number(session: Session, received_at: datetime, zone: tzinfo) -> str:
    return reserve(session, month_prefix(received_at, zone))[0]
