"""Due visits: visits the rules call for before anyone books them (DOMAIN §3).

An inspection of a plan, a callback after an event (phone advice, an uncertain fix, a major
repair, a new device, a key customer's half-year), the rest of a visit done in part: each is a
visit in state ``due`` with ``due_at`` (by when), ``origin`` (why) and no engineer or
appointment until ``visit book`` gives them. Every automatic creation carries a
``dedupe_key`` naming its cause (``plan:3:2027-01-31``, ``ticket:42:phone-advice``): creating it
again finds the first one, so the rules are idempotent however often they run.

``visits.upkeep.refresh`` materialises the time-driven ones (plan occurrences coming up, key
customers' half-year callbacks); the event-driven ones are created by the event itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from shouhou.services import numbering
from shouhou.services.audit import Stamp
from shouhou.services.visits.records import KINDS, NUMBER_PREFIX, choice, log

if TYPE_CHECKING:
    from datetime import tzinfo

    from sqlmodel import Session

    from shouhou.models import Visit


def by_key(session: Session, dedupe_key: str) -> Visit | None:
    from sqlmodel import select

    from shouhou.models import Visit

    return session.exec(select(Visit).where(Visit.dedupe_key == dedupe_key)).first()


def create_due(
    session: Session,
    stamp: Stamp,
    *,
    kind: str,
    customer_id: int,
    due_at: datetime,
    origin: str,
    zone: tzinfo,
    dedupe_key: str | None = None,
    ticket_id: int | None = None,
    device_id: int | None = None,
    plan_id: int | None = None,
    follows_id: int | None = None,
    engineer: str | None = None,
    work: str | None = None,
) -> Visit | None:
    """Create a due visit, or nothing (``None``) when ``dedupe_key`` already names one.

    ``engineer`` is who it is meant for (a plan's engineer, the ticket's), not a booking: the
    visit stays ``due`` until ``visit book`` gives a time. ``work`` is what is to be done
    (the rest left by a partial visit), kept in ``left_over``.
    """
    from shouhou.models import Visit

    choice(kind, KINDS, "type")
    if dedupe_key is not None and by_key(session, dedupe_key) is not None:
        return None
    prefix = NUMBER_PREFIX + stamp.at.astimezone(zone).strftime("%y%m")
    visit = Visit(
        number=numbering.reserve(session, prefix)[0],
        kind=kind,
        status="due",
        ticket_id=ticket_id,
        customer_id=customer_id,
        device_id=device_id,
        engineer=engineer,
        due_at=due_at,
        origin=origin,
        dedupe_key=dedupe_key,
        plan_id=plan_id,
        follows_id=follows_id,
        left_over=work,
        created_at=stamp.at,
        updated_at=stamp.at,
    )
    log(
        session,
        stamp,
        visit,
        action="visit_due",
        changes={
            "number": visit.number,
            "kind": kind,
            "due_at": due_at,
            "origin": origin,
            "ticket_id": ticket_id,
            "customer_id": customer_id,
            "device_id": device_id,
            "follows": follows_id,
        },
    )
    return visit


def due_views(
    session: Session,
    *,
    now: datetime,
    until: datetime,
    grace: timedelta,
    engineer: str | None = None,
    limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """``visit due``: due visits falling due before ``until`` and booked visits overdue at
    ``now`` (appointment + grace passed, nobody arrived), soonest first, each with ``overdue``."""
    from sqlalchemy import func
    from sqlmodel import col, or_, select

    from shouhou.models import Ticket, Visit
    from shouhou.services import users
    from shouhou.services.visits.records import involving, members_of, visit_view

    query = (
        select(Visit, Ticket.number)
        .outerjoin(Ticket, col(Ticket.id) == col(Visit.ticket_id))
        .where(
            or_(
                (col(Visit.status) == "due") & (col(Visit.due_at) < until),
                (col(Visit.status) == "scheduled") & (col(Visit.appointment_at) < now - grace),
            )
        )
        .order_by(func.coalesce(col(Visit.due_at), col(Visit.appointment_at)), col(Visit.id))
    )
    if engineer:
        query = query.where(involving(users.canonical_name(session, engineer)))
    if limit is not None:
        query = query.limit(limit)
    rows = list(session.exec(query))
    teams = members_of(session, [v.id for v, _ in rows if v.id is not None])
    for visit, number in rows:
        assert visit.id is not None
        yield visit_view(visit, number, helpers=teams.get(visit.id), now=now, grace=grace)
