"""Plain contexts for the printed visit documents (DOMAIN §3, issue 11): the visit record
上门服务记录 — for an inspection the inspection record 巡检记录 — that the customer signs on site
(``visit sheet``), and a day's route sheet 派工单 per engineer (``visit route``). Templates
receive these dicts, never a session; the company, customer and device blocks are the ones of
the service report sheet (``tickets.documents``), so every printed form looks alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from shouhou.i18n import Translator
from shouhou.timeutil import format_local, to_utc

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import ChecklistItem, Customer, Device, Ticket, Visit, VisitCheck

# The visits a route sheet lists: booked, under way or done that day — not the cancelled or
# missed ones, and a due visit has no appointment to put on a route yet.
ROUTE_STATUSES = ("scheduled", "in_progress", "done")


def _label(t: Translator, prefix: str, value: str | None) -> str | None:
    """``t("prefix.value")``; a value the catalogue does not know shows as it is (an origin
    is an open list)."""
    if value is None:
        return None
    key = f"{prefix}.{value}"
    text = t(key)
    return value if text == key else text


def team_of(session: Session, visit_ids: Collection[int]) -> dict[int, list[str]]:
    """The helpers of each visit's team (table ``visit_member``; the lead is
    ``visit.engineer``), in the order they were added. One query."""
    from sqlmodel import col, select

    from shouhou.models import VisitMember

    team: dict[int, list[str]] = defaultdict(list)
    if not visit_ids:
        return team
    for member in session.exec(
        select(VisitMember)
        .where(col(VisitMember.visit_id).in_(list(visit_ids)))
        .order_by(col(VisitMember.id))
    ):
        team[member.visit_id].append(member.engineer)
    return team


def _arrival_label(t: Translator, visit: Visit) -> str | None:
    """ "on time" / "late by 12 min" once the arrival is recorded (DOMAIN §3 KPI)."""
    if visit.on_time is None:
        return None
    if visit.on_time:
        return t("visit.on_time")
    return t("visit.late", minutes=visit.late_minutes or 0)


Local = Callable[[datetime | None], str | None]


def _what(t: Translator, visit: Visit) -> dict[str, Any]:
    """Number, kind and state of a visit, with their words."""
    return {
        "number": visit.number,
        "kind": visit.kind,
        "kind_label": t(f"visit_kind.{visit.kind}"),
        "status": visit.status,
        "status_label": t(f"visit_status.{visit.status}"),
    }


def visit_record(
    t: Translator, visit: Visit, local: Local, *, helpers: list[str]
) -> dict[str, Any]:
    """What a printed document says of a visit (the visit record, the customer file): kind,
    state and why, the engineer and team, appointment or due date, arrival and whether on
    time, finish, work done, what was left, a callback's outcome, the rating. Times local."""
    return {
        **_what(t, visit),
        "origin": visit.origin,
        "origin_label": _label(t, "visit_origin", visit.origin),
        "engineer": visit.engineer,
        "helpers": helpers,
        "appointment_at": local(visit.appointment_at),
        "due_at": local(visit.due_at),
        "arrived_at": local(visit.arrived_at),
        "on_time": visit.on_time,
        "late_minutes": visit.late_minutes,
        "arrival_label": _arrival_label(t, visit),
        "finished_at": local(visit.finished_at),
        "work_done": visit.work_done,
        "partial": visit.partial,
        "left_over": visit.left_over,
        "outcome": visit.outcome,
        "outcome_label": _label(t, "visit_outcome", visit.outcome),
        "rating": visit.rating,
    }


def _check_entry(
    t: Translator, check: VisitCheck | ChecklistItem, ticket: str | None = None
) -> dict[str, Any]:
    """A checklist line as printed; an item not filled yet (a ``ChecklistItem``) is blank."""
    from shouhou.models import VisitCheck

    result = value = note = None
    if isinstance(check, VisitCheck):
        result, value, note = check.result, check.value, check.note
    return {
        "position": check.position,
        "label": check.label,
        "unit": check.unit,
        "measured": check.unit is not None,
        "blank": result is None,
        "result": result,
        "result_label": _label(t, "visit_check", result),
        "value": value,
        "note": note,
        "ticket": ticket,
    }


def _checks(
    session: Session, t: Translator, visit: Visit, device: Device | None
) -> list[dict[str, Any]]:
    """The checklist as filled on the visit; for an inspection not filled yet, the device
    model's checklist with blank results — the form the engineer fills on site (DOMAIN §3
    "an inspection record is filled on site")."""
    from sqlmodel import col, select

    from shouhou.models import ChecklistItem, Ticket, VisitCheck

    filled = [
        _check_entry(t, check, number)
        for check, number in session.exec(
            select(VisitCheck, Ticket.number)
            .outerjoin(Ticket, col(Ticket.id) == col(VisitCheck.ticket_id))
            .where(VisitCheck.visit_id == visit.id)
            .order_by(col(VisitCheck.position), col(VisitCheck.id))
        )
    ]
    if filled or visit.kind != "inspection" or device is None:
        return filled
    if visit.status in ("done", "cancelled", "missed"):
        return filled
    items = session.exec(
        select(ChecklistItem)
        .where(ChecklistItem.model == device.model)
        .order_by(col(ChecklistItem.position), col(ChecklistItem.id))
    )
    return [_check_entry(t, item) for item in items]


def _warranty(session: Session, t: Translator, device: Device, on: date) -> dict[str, Any]:
    from shouhou.services.customers.devices import warranty_of

    verdict = warranty_of(session, device, on)
    unit = verdict.unit
    return {
        "state": verdict.state,
        "label": t(f"warranty.{verdict.state}"),
        "until": unit.until.isoformat() if unit.until else None,
        "contract_until": verdict.contract_until.isoformat() if verdict.contract_until else None,
        "on": on.isoformat(),
    }


def sheet_context(
    session: Session, ref: str, *, lang: str, zone: tzinfo, now: datetime
) -> dict[str, Any]:
    """Everything on the visit record (DOMAIN §3): the visit and why it exists, the customer
    and device (warranty on the visit's day), the ticket, the engineer and team, appointment,
    arrival (on time or minutes late), finish, work done, what was left over and the visit
    that carries it on (``follows_id`` points from the new visit to the old), a callback's
    outcome, the checklist, the customer's rating — and the signature lines."""
    from sqlmodel import col, select

    from shouhou.models import Device, Ticket, Visit
    from shouhou.services.config import load
    from shouhou.services.customers.customers import get_customer
    from shouhou.services.tickets.documents import company_header, customer_block, device_block
    from shouhou.services.visits.records import get_visit

    t = Translator(lang)
    visit = get_visit(session, ref)
    assert visit.id is not None
    customer = get_customer(session, visit.customer_id)
    device = session.get(Device, visit.device_id) if visit.device_id is not None else None
    ticket = session.get(Ticket, visit.ticket_id) if visit.ticket_id is not None else None
    follow_up = session.exec(
        select(Visit).where(Visit.follows_id == visit.id).order_by(col(Visit.id))
    ).first()
    follows = session.get(Visit, visit.follows_id) if visit.follows_id is not None else None

    def local(moment: datetime | None) -> str | None:
        return format_local(moment, zone) or None

    day = to_utc(visit.arrived_at or visit.appointment_at or now).astimezone(zone).date()
    device_record = device_block(device)
    if device is not None and device_record is not None:
        device_record["warranty"] = _warranty(session, t, device, day)
    return {
        "lang": lang,
        "printed_at": format_local(now, zone),
        "company": company_header(load(session)),
        "visit": {
            **visit_record(t, visit, local, helpers=team_of(session, [visit.id])[visit.id]),
            "expected_minutes": visit.expected_minutes,
            "follow_up": _brief(t, follow_up, local),
            "follows": _brief(t, follows, local),
            "signed_by": visit.signed_by,
            "end_reason": visit.end_reason,
        },
        "customer": customer_block(customer),
        "device": device_record,
        "ticket": {"number": ticket.number, "symptom": ticket.symptom} if ticket else None,
        "checks": _checks(session, t, visit, device),
    }


def _brief(t: Translator, visit: Visit | None, local: Local) -> dict[str, Any] | None:
    """Another visit as a line on this one: number, state, when."""
    if visit is None:
        return None
    return {
        **_what(t, visit),
        "appointment_at": local(visit.appointment_at),
        "due_at": local(visit.due_at),
    }


def route_context(
    session: Session,
    *,
    day: date,
    lang: str,
    zone: tzinfo,
    now: datetime,
    engineer: str | None = None,
) -> dict[str, Any]:
    """The route sheet of local day ``day`` (DOMAIN §3 appointments): every engineer with a
    visit that day — as its lead or as a helper of the team — and their visits in appointment
    order with time, expected duration, kind, customer, address, contact and phone, device,
    ticket and symptom, and what is left to do. ``engineer`` keeps that one person, compared
    as a person (``users.key``: spelling, spaces and width do not matter). Four queries."""
    from sqlmodel import col, select

    from shouhou.models import Customer, Device, Ticket, Visit
    from shouhou.services import users
    from shouhou.services.config import load
    from shouhou.services.tickets.documents import company_header

    t = Translator(lang)
    start = to_utc(datetime.combine(day, time.min, tzinfo=zone))
    end = to_utc(datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone))
    rows = list(
        session.exec(
            select(Visit, Customer, Device, Ticket)
            .join(Customer, col(Customer.id) == col(Visit.customer_id))
            .outerjoin(Device, col(Device.id) == col(Visit.device_id))
            .outerjoin(Ticket, col(Ticket.id) == col(Visit.ticket_id))
            .where(
                col(Visit.appointment_at) >= start,
                col(Visit.appointment_at) < end,
                col(Visit.status).in_(ROUTE_STATUSES),
            )
            .order_by(col(Visit.appointment_at), col(Visit.id))
        )
    )
    team = team_of(session, [visit.id for visit, *_ in rows if visit.id is not None])
    wanted = users.key(engineer) if engineer else None
    sheets: dict[str, dict[str, Any]] = {}
    for visit, customer, device, ticket in rows:
        helpers = team.get(visit.id or 0, [])
        crew = [(visit.engineer, "lead")] if visit.engineer else []
        crew += [(name, "helper") for name in helpers]
        for person, role in crew:
            person_key = users.key(person)
            if wanted is not None and person_key != wanted:
                continue
            sheet = sheets.setdefault(person_key, {"engineer": person, "visits": []})
            others = [n for n in (visit.engineer, *helpers) if n and users.key(n) != person_key]
            sheet["visits"].append(
                _stop(t, visit, customer, device, ticket, role=role, others=others, zone=zone)
            )
    engineers = sorted(sheets.values(), key=lambda sheet: users.key(sheet["engineer"]))
    for sheet in engineers:
        sheet["count"] = len(sheet["visits"])
        for index, stop in enumerate(sheet["visits"], 1):
            stop["index"] = index
    return {
        "lang": lang,
        "printed_at": format_local(now, zone),
        "company": company_header(load(session)),
        "day": day.isoformat(),
        "weekday": day.isoweekday(),
        "engineer": users.display_name(engineer) if engineer else None,
        "engineers": engineers,
        "visits": len({stop["number"] for sheet in engineers for stop in sheet["visits"]}),
    }


def _stop(
    t: Translator,
    visit: Visit,
    customer: Customer,
    device: Device | None,
    ticket: Ticket | None,
    *,
    role: str,
    others: list[str],
    zone: tzinfo,
) -> dict[str, Any]:
    """One visit on an engineer's route."""
    assert visit.appointment_at is not None
    until = visit.appointment_at + timedelta(minutes=visit.expected_minutes)
    return {
        **_what(t, visit),
        "start": format_local(visit.appointment_at, zone, with_date=False),
        "end": format_local(until, zone, with_date=False),
        "expected_minutes": visit.expected_minutes,
        "role": role,
        "lead": visit.engineer,
        "with": others,
        "customer": {
            "name": customer.name,
            "contact": customer.contact,
            "phone": customer.phone,
            "address": customer.address,
        },
        "device": {"brand": device.brand, "model": device.model, "serial": device.serial}
        if device is not None
        else None,
        "ticket": {"number": ticket.number, "symptom": ticket.symptom} if ticket else None,
        "work": visit.left_over,
        "arrived_at": format_local(visit.arrived_at, zone, with_date=False) or None,
        "finished_at": format_local(visit.finished_at, zone, with_date=False) or None,
    }
