"""Complaints as the commands show them: the JSON view (CLI.md "complaint" shape and more), the
list query with its filters (open, overdue, recurring, customer, grade, status, subject), one
complaint with its trail, and the rows of the morning agenda.

Overdue (DOMAIN §5 deadlines): a complaint not closed whose answer is not given and
``answer_due_at`` has passed, or whose handling opinion is not given and ``opinion_due_at`` has
passed. A deadline met late is not overdue: its minutes late are in ``*_late_min``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from shouhou.services import audit
from shouhou.services.feedback.complaints import SERIOUS, get_complaint, staff_review, steps_from
from shouhou.timeutil import iso_utc

if TYPE_CHECKING:
    from sqlalchemy.sql.elements import ColumnElement
    from sqlmodel import Session

    from shouhou.models import Complaint

# Rows fetched at a time: lists stream.
_CHUNK = 500
DEADLINES = ("answer", "opinion")


def overdue_of(complaint: Complaint, now: datetime) -> list[str]:
    """The deadlines pending and past at ``now`` (``answer``, ``opinion``); none once closed."""
    if complaint.status == "closed":
        return []
    late = []
    if complaint.answered_at is None and complaint.answer_due_at < now:
        late.append("answer")
    if complaint.resolved_at is None and complaint.opinion_due_at < now:
        late.append("opinion")
    return late


def next_due(complaint: Complaint) -> tuple[str | None, datetime | None]:
    """The first deadline still pending (answer, then opinion), and when it falls due."""
    if complaint.status == "closed":
        return None, None
    if complaint.answered_at is None:
        return "answer", complaint.answer_due_at
    if complaint.resolved_at is None:
        return "opinion", complaint.opinion_due_at
    return None, None


def overdue_clause(now: datetime) -> ColumnElement[bool]:
    """SQL: the complaint is overdue at ``now`` (see :func:`overdue_of`)."""
    from sqlalchemy import and_, or_
    from sqlmodel import col

    from shouhou.models import Complaint

    return and_(
        col(Complaint.status) != "closed",
        or_(
            and_(col(Complaint.answered_at).is_(None), col(Complaint.answer_due_at) < now),
            and_(col(Complaint.resolved_at).is_(None), col(Complaint.opinion_due_at) < now),
        ),
    )


def complaint_view(
    complaint: Complaint,
    *,
    customer_name: str | None = None,
    ticket_number: str | None = None,
    device_serial: str | None = None,
    recurrence_of: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The JSON shape of a complaint (CLI.md: ``id, customer_id, ticket_id, about, grade,
    status, received_at, answer_due_at, opinion_due_at, answered_at, closed_at``, and more).
    ``overdue`` lists the deadlines past at ``now`` (empty when ``now`` is not given)."""
    due, due_at = next_due(complaint)
    return {
        "id": complaint.id,
        "number": complaint.number,
        "status": complaint.status,
        "customer_id": complaint.customer_id,
        "customer_name": customer_name,
        "ticket_id": complaint.ticket_id,
        "ticket": ticket_number,
        "device_id": complaint.device_id,
        "device": device_serial,
        "about": complaint.about,
        "grade": complaint.grade,
        "staff": complaint.staff,
        "staff_review": staff_review(complaint),
        "text": complaint.text,
        "channel": complaint.channel,
        "received_at": iso_utc(complaint.received_at),
        "received_by": complaint.received_by,
        "manager": complaint.manager,
        "answer_due_at": iso_utc(complaint.answer_due_at),
        "opinion_due_at": iso_utc(complaint.opinion_due_at),
        "answered_at": iso_utc(complaint.answered_at),
        "answer": complaint.answer,
        "answer_late_min": complaint.answer_late_min,
        "resolved_at": iso_utc(complaint.resolved_at),
        "cause": complaint.cause,
        "action": complaint.action,
        "prevention": complaint.prevention,
        "opinion_late_min": complaint.opinion_late_min,
        "closed_at": iso_utc(complaint.closed_at),
        "confirmed": complaint.confirmed,
        "confirmed_by": complaint.close_note if complaint.confirmed else None,
        "unconfirmed_reason": complaint.close_note if complaint.confirmed is False else None,
        "recurrence_of_id": complaint.recurrence_of_id,
        "recurrence_of": recurrence_of,
        "next_due": due,
        "next_due_at": iso_utc(due_at),
        "overdue": overdue_of(complaint, now) if now is not None else [],
        "created_at": iso_utc(complaint.created_at),
    }


def iter_complaint_views(
    session: Session,
    *,
    now: datetime,
    open_only: bool = False,
    overdue: bool = False,
    recurring: bool = False,
    customer_id: int | None = None,
    grade: str | None = None,
    status: str | None = None,
    about: str | None = None,
    limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Complaints by receipt time (``complaint list``), streamed. ``open_only``: not closed;
    ``overdue``: a deadline pending and past at ``now``; ``recurring``: complaints that repeat
    an earlier one and the ones repeated, each repeated complaint followed by its repeats (to
    be analysed together, DOMAIN §5)."""
    from sqlalchemy import func, or_, select
    from sqlalchemy.orm import aliased
    from sqlmodel import col

    from shouhou.models import Complaint, Customer, Device, Ticket

    previous = aliased(Complaint)
    repeated = aliased(Complaint)
    query = (
        select(
            Complaint,
            col(Customer.name),
            col(Ticket.number),
            col(Device.serial),
            col(previous.number),
        )
        .join(Customer, col(Customer.id) == col(Complaint.customer_id))
        .outerjoin(Ticket, col(Ticket.id) == col(Complaint.ticket_id))
        .outerjoin(Device, col(Device.id) == col(Complaint.device_id))
        .outerjoin(previous, col(previous.id) == col(Complaint.recurrence_of_id))
    )
    if open_only:
        query = query.where(col(Complaint.status) != "closed")
    if overdue:
        query = query.where(overdue_clause(now))
    if customer_id is not None:
        query = query.where(col(Complaint.customer_id) == customer_id)
    if grade:
        query = query.where(col(Complaint.grade) == grade)
    if status:
        query = query.where(col(Complaint.status) == status)
    if about:
        query = query.where(col(Complaint.about) == about)
    order: list[Any] = [col(Complaint.received_at), col(Complaint.id)]
    if recurring:
        repeats = select(col(repeated.recurrence_of_id)).where(
            col(repeated.recurrence_of_id).is_not(None)
        )
        query = query.where(
            or_(col(Complaint.recurrence_of_id).is_not(None), col(Complaint.id).in_(repeats))
        )
        order.insert(0, func.coalesce(col(Complaint.recurrence_of_id), col(Complaint.id)))
    query = query.order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    rows = session.execute(query.execution_options(yield_per=_CHUNK))
    for complaint, customer, ticket, device, before in rows:
        yield complaint_view(
            complaint,
            customer_name=customer,
            ticket_number=ticket,
            device_serial=device,
            recurrence_of=before,
            now=now,
        )


def _number(session: Session, complaint_id: int | None) -> str | None:
    from shouhou.models import Complaint

    if complaint_id is None:
        return None
    found = session.get(Complaint, complaint_id)
    return found.number if found is not None else None


def recurrence_reason(session: Session, complaint: Complaint) -> str | None:
    """Why ``complaint`` was linked to the one it repeats, as its trail recorded it."""
    assert complaint.id is not None
    for entry in reversed(audit.trail(session, entity="complaint", entity_id=complaint.id)):
        if entry.action == "complaint_recurrence":
            reason = audit.changes_of(entry).get("reason")
            return str(reason) if reason else None
    return None


def repeats_of(session: Session, complaint_id: int) -> list[str]:
    """The numbers of the complaints linked as repeats of this one, in receipt order."""
    from sqlmodel import col, select

    from shouhou.models import Complaint

    query = (
        select(Complaint.number)
        .where(Complaint.recurrence_of_id == complaint_id)
        .order_by(col(Complaint.received_at), col(Complaint.id))
    )
    return list(session.exec(query))


def complaint_detail(session: Session, ref: str, *, now: datetime) -> dict[str, Any]:
    """``complaint show``: the view, the steps possible now, why it repeats an earlier one,
    the complaints that repeat it, and the audit trail."""
    from shouhou.models import Customer, Device, Ticket
    from shouhou.views import audit_view

    complaint = get_complaint(session, ref)
    assert complaint.id is not None
    customer = session.get(Customer, complaint.customer_id)
    ticket = session.get(Ticket, complaint.ticket_id) if complaint.ticket_id else None
    device = session.get(Device, complaint.device_id) if complaint.device_id else None
    view = complaint_view(
        complaint,
        customer_name=customer.name if customer else None,
        ticket_number=ticket.number if ticket else None,
        device_serial=device.serial if device else None,
        recurrence_of=_number(session, complaint.recurrence_of_id),
        now=now,
    )
    view["steps"] = steps_from(complaint.status)
    view["recurrence_reason"] = (
        recurrence_reason(session, complaint) if complaint.recurrence_of_id else None
    )
    view["repeated_by"] = repeats_of(session, complaint.id)
    view["timeline"] = [
        audit_view(e) for e in audit.trail(session, entity="complaint", entity_id=complaint.id)
    ]
    return view


def agenda_rows(
    session: Session, *, now: datetime, person: str | None = None
) -> tuple[list[dict[str, Any]], int]:
    """The complaints of ``shouhou today``: every overdue one (late), and every serious or
    major one not closed (DOMAIN §5: reported up the same day, followed until closed). For one
    person (``today --engineer``): those they received or are the manager of. Late ones first,
    most late first; then by the next deadline. Returns the rows and how many are late.

    Row: ``number, grade, about, status, customer_name, received_by, manager, text, late,
    deadline`` (the one most late, else the next), ``due_at``, ``late_minutes`` /
    ``minutes_left`` (whole minutes past it / ahead of it)."""
    from sqlalchemy import or_, select
    from sqlmodel import col

    from shouhou.models import Complaint, Customer

    query = (
        select(Complaint, col(Customer.name))
        .join(Customer, col(Customer.id) == col(Complaint.customer_id))
        .where(
            col(Complaint.status) != "closed",
            or_(col(Complaint.grade).in_(SERIOUS), overdue_clause(now)),
        )
        .order_by(col(Complaint.received_at), col(Complaint.id))
    )
    if person is not None:
        query = query.where(
            or_(col(Complaint.received_by) == person, col(Complaint.manager) == person)
        )
    late_rows: list[dict[str, Any]] = []
    other_rows: list[dict[str, Any]] = []
    for complaint, customer in session.execute(query):
        late = overdue_of(complaint, now)
        deadline: str | None
        if late:
            deadline = late[0]
            due_at = complaint.answer_due_at if deadline == "answer" else complaint.opinion_due_at
        else:
            deadline, pending = next_due(complaint)
            due_at = pending if pending is not None else complaint.opinion_due_at
        row = {
            "number": complaint.number,
            "grade": complaint.grade,
            "about": complaint.about,
            "status": complaint.status,
            "customer_name": customer,
            "received_by": complaint.received_by,
            "manager": complaint.manager,
            "text": complaint.text,
            "late": bool(late),
            "deadline": deadline,
            "due_at": iso_utc(due_at),
            "late_minutes": int((now - due_at).total_seconds() // 60) if late else None,
            "minutes_left": None if late else int((due_at - now).total_seconds() // 60),
        }
        (late_rows if late else other_rows).append(row)
    late_rows.sort(key=lambda row: (row["due_at"], row["number"]))
    other_rows.sort(key=lambda row: (row["due_at"], row["number"]))
    return late_rows + other_rows, len(late_rows)
