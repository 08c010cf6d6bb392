"""Visit records: kinds, states and the state machine, lookup by number or id, the audit entry
every change writes, the JSON view (CLI.md "visit" shape) and the list query."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from shouhou.errors import InvalidTransition, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Visit

# DOMAIN §3: repair on site, installation and commissioning 安装调试, periodic inspection 巡检,
# follow-up callback 回访, training 培训.
KINDS = ("repair", "install", "inspection", "callback", "training")
STATUSES = ("due", "scheduled", "in_progress", "done", "missed", "cancelled")
# Due (a rule calls for it, nobody booked yet) → booked → arrived → done; a booking may be
# missed or cancelled; a missed one is re-booked. A due callback may be done at once (by phone).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "due": ("scheduled", "in_progress", "done", "cancelled"),
    "scheduled": ("scheduled", "in_progress", "missed", "cancelled"),
    "in_progress": ("done",),
    "missed": ("scheduled", "cancelled"),
    "done": (),
    "cancelled": (),
}
# The states in which a visit holds the engineer's time (the clash check).
BOOKED = ("scheduled", "in_progress")
# The longest visit: a clash search never looks further back than this.
MAX_EXPECTED_MINUTES = 24 * 60
NUMBER_PREFIX = "VS"


def choice(value: str, allowed: tuple[str, ...], field: str) -> str:
    if value not in allowed:
        raise UsageError("err.bad_choice", field=field, value=value, accepted="|".join(allowed))
    return value


def get_visit(session: Session, ref: str | int) -> Visit:
    """By number (VS2612-0001) or id."""
    from sqlmodel import select

    from shouhou.models import Visit

    text = str(ref).strip()
    found = session.exec(select(Visit).where(Visit.number == text.upper())).first()
    if found is None and text.isdigit():
        found = session.get(Visit, int(text))
    if found is None:
        raise NotFound("err.visit_not_found", ref=text)
    return found


def require_transition(visit: Visit, to: str) -> None:
    allowed = TRANSITIONS.get(visit.status, ())
    if to not in allowed:
        raise InvalidTransition(
            "err.visit_transition",
            number=visit.number,
            current=visit.status,
            wanted=to,
            allowed=", ".join(allowed) or "-",
        )


def log(
    session: Session,
    stamp: Stamp,
    visit: Visit,
    *,
    action: str,
    changes: dict[str, Any] | None = None,
) -> None:
    """Write the row and its audit entry (DOMAIN §8: every change shows who and when)."""
    visit.updated_at = stamp.at
    session.add(visit)
    session.flush()
    assert visit.id is not None
    audit.record(session, stamp, entity="visit", entity_id=visit.id, action=action, changes=changes)


def _iso(moment: datetime | None) -> str | None:
    from shouhou.timeutil import iso_utc

    return iso_utc(moment)


# A booked visit whose appointment passed by more than this without an arrival is overdue
# (the setting visit.grace; callers with the rules at hand pass it).
DEFAULT_GRACE_MINUTES = 15


def is_overdue(visit: Visit, now: datetime, grace: timedelta) -> bool:
    """Overdue (issue 11): a due visit past its ``due_at``, or a booked one whose appointment
    + grace passed without an arrival."""
    if visit.status == "due":
        return visit.due_at is not None and visit.due_at < now
    if visit.status == "scheduled":
        return visit.appointment_at is not None and visit.appointment_at + grace < now
    return False


def visit_view(
    visit: Visit,
    ticket_number: str | None = None,
    *,
    helpers: list[str] | None = None,
    now: datetime | None = None,
    grace: timedelta = timedelta(minutes=DEFAULT_GRACE_MINUTES),
) -> dict[str, Any]:
    """The JSON shape of a visit (CLI.md: ``id, ticket_id, customer_id, device_id, kind,
    engineer, scheduled_at, arrived_at, done_at, on_time, status`` and more). ``overdue`` is
    judged at ``now`` (None when not given)."""
    return {
        "id": visit.id,
        "number": visit.number,
        "kind": visit.kind,
        "status": visit.status,
        "overdue": None if now is None else is_overdue(visit, now, grace),
        "ticket_id": visit.ticket_id,
        "ticket": ticket_number,
        "customer_id": visit.customer_id,
        "device_id": visit.device_id,
        "engineer": visit.engineer,
        "helpers": helpers or [],
        "scheduled_at": _iso(visit.appointment_at),
        "expected_minutes": visit.expected_minutes,
        "due_at": _iso(visit.due_at),
        "origin": visit.origin,
        "plan_id": visit.plan_id,
        "follows_id": visit.follows_id,
        "arrived_at": _iso(visit.arrived_at),
        "done_at": _iso(visit.finished_at),
        "on_time": visit.on_time,
        "late_minutes": visit.late_minutes,
        "work_done": visit.work_done,
        "partial": visit.partial,
        "left_over": visit.left_over,
        "outcome": visit.outcome,
        "signed_by": visit.signed_by,
        "rating": visit.rating,
        "reschedule_count": visit.reschedule_count,
        "reschedule_reason": visit.reschedule_reason,
        "end_reason": visit.end_reason,
        "created_at": _iso(visit.created_at),
    }


def ticket_number_of(session: Session, visit: Visit) -> str | None:
    from shouhou.models import Ticket

    if visit.ticket_id is None:
        return None
    ticket = session.get(Ticket, visit.ticket_id)
    return ticket.number if ticket is not None else None


def members_of(session: Session, visit_ids: list[int]) -> dict[int, list[str]]:
    """The helpers of each visit (by id), in the order they were named."""
    from sqlmodel import col, select

    from shouhou.models import VisitMember

    found: dict[int, list[str]] = {}
    if visit_ids:
        rows = session.exec(
            select(VisitMember)
            .where(col(VisitMember.visit_id).in_(visit_ids))
            .order_by(col(VisitMember.id))
        )
        for member in rows:
            found.setdefault(member.visit_id, []).append(member.engineer)
    return found


def involving(name: str) -> Any:
    """SQL condition: ``name`` leads the visit or helps on it."""
    from sqlmodel import col, or_, select

    from shouhou.models import Visit, VisitMember

    helping = select(VisitMember.visit_id).where(VisitMember.engineer == name)
    return or_(Visit.engineer == name, col(Visit.id).in_(helping))


# Rows fetched (and their teams looked up) at a time: lists stream.
_CHUNK = 500


def iter_visit_views(
    session: Session,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    engineer: str | None = None,
    status: str | None = None,
    limit: int | None = None,
    now: datetime | None = None,
    grace: timedelta = timedelta(minutes=DEFAULT_GRACE_MINUTES),
    customer_id: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Visits by appointment time (a due one by its due time), optionally in [since, until),
    of one engineer as lead or helper (compared as people: ``users.canonical_name``), of one
    customer, or in one state — ``overdue`` selects due and booked visits overdue at ``now``."""
    from sqlalchemy import func
    from sqlmodel import col, or_, select

    from shouhou.models import Ticket, Visit
    from shouhou.services import users

    when = func.coalesce(col(Visit.appointment_at), col(Visit.due_at))
    query = select(Visit, Ticket.number).outerjoin(Ticket, col(Ticket.id) == col(Visit.ticket_id))
    if since is not None:
        query = query.where(when >= since)
    if until is not None:
        query = query.where(when < until)
    if engineer:
        query = query.where(involving(users.canonical_name(session, engineer)))
    if customer_id is not None:
        query = query.where(Visit.customer_id == customer_id)
    if status == "overdue":
        moment = now if now is not None else datetime.now(UTC)
        query = query.where(
            or_(
                (col(Visit.status) == "due") & (col(Visit.due_at) < moment),
                (col(Visit.status) == "scheduled") & (col(Visit.appointment_at) < moment - grace),
            )
        )
    elif status:
        query = query.where(Visit.status == choice(status, STATUSES, "status"))
    query = query.order_by(when, col(Visit.id))
    if limit is not None:
        query = query.limit(limit)
    rows = session.exec(query.execution_options(yield_per=_CHUNK))
    chunk: list[tuple[Visit, str | None]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == _CHUNK:
            yield from _views(session, chunk, now, grace)
            chunk = []
    yield from _views(session, chunk, now, grace)


def _views(
    session: Session,
    chunk: list[tuple[Visit, str | None]],
    now: datetime | None,
    grace: timedelta,
) -> Iterator[dict[str, Any]]:
    teams = members_of(session, [v.id for v, _ in chunk if v.id is not None])
    for visit, number in chunk:
        assert visit.id is not None
        yield visit_view(visit, number, helpers=teams.get(visit.id), now=now, grace=grace)


def visit_detail(
    session: Session,
    ref: str,
    *,
    now: datetime | None = None,
    grace: timedelta = timedelta(minutes=DEFAULT_GRACE_MINUTES),
) -> dict[str, Any]:
    """``visit show``: the visit's view, its customer's name, device serial and audit trail."""
    from shouhou.models import Customer, Device
    from shouhou.views import audit_view

    visit = get_visit(session, ref)
    assert visit.id is not None
    view = visit_view(
        visit,
        ticket_number_of(session, visit),
        helpers=members_of(session, [visit.id]).get(visit.id),
        now=now,
        grace=grace,
    )
    customer = session.get(Customer, visit.customer_id)
    device = session.get(Device, visit.device_id) if visit.device_id is not None else None
    view["customer_name"] = customer.name if customer is not None else None
    view["device_serial"] = device.serial if device is not None else None
    view["follows"] = _number_where(session, id=visit.follows_id) if visit.follows_id else None
    view["follow_up"] = _number_where(session, follows_id=visit.id)
    view["timeline"] = [
        audit_view(e) for e in audit.trail(session, entity="visit", entity_id=visit.id)
    ]
    return view


def _number_where(session: Session, **match: Any) -> str | None:
    """The number of the first visit matching ``match`` (``id=`` or ``follows_id=``)."""
    from sqlmodel import col, select

    from shouhou.models import Visit

    query = select(Visit.number).filter_by(**match).order_by(col(Visit.id))
    return session.exec(query).first()
