"""Inspection plans 巡检计划 (DOMAIN §3 "per plan — monthly or quarterly … or as the contract
says"; issue 11): a customer, or one of its devices, inspected (or trained) every 1, 3, 6 or 12
calendar months from a start date — and the due visits the plan calls for. Its dates — calendar
months counted from the start each time, and the extra inspection in the last month of a
service contract (seed 000) — are worked out in ``plan_dates``.

:func:`materialize_due` makes every occurrence up to today + setting ``visit.plan_ahead``
(default 14 days) a due visit (``due.create_due``, dedupe key ``plan:{id}:{date}``), past ones
not yet made included: idempotent, and a handful of queries when nothing is new, whatever the
number of plans (it runs on every ``shouhou today``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.visits.plan_dates import (
    Occurrence,
    PlanDates,
    add_months,
    contract_occurrence,
    dedupe_key,
    due_at_of,
    ends_on,
    key_date,
    latest_regular,
    next_after,
    occurrences,
)

if TYPE_CHECKING:
    from datetime import tzinfo

    from sqlmodel import Session

    from shouhou.models import Device, InspectionPlan, Visit

__all__ = [
    "Occurrence",
    "PlanDates",
    "add_plan",
    "end_plan",
    "get_plan",
    "iter_plan_views",
    "materialize_due",
    "occurrences",
    "plan_detail",
    "plan_view",
]

EVERY_MONTHS = (1, 3, 6, 12)
# How far back a plan may start: its occurrences since then show as overdue inspections.
MAX_BACK_MONTHS = 12
PLAN_KINDS = ("inspection", "training")
AHEAD_KEY = "visit.plan_ahead"
ORIGIN = "plan"
# The states of a plan's visit still to be done (its date counts as the plan's next one).
OPEN_STATES = ("due", "scheduled", "in_progress", "missed")
# How many occurrences not yet due ``plan show`` lists after those already made.
UPCOMING_SHOWN = 3
_CHUNK = 500


@dataclass(frozen=True)
class PlanRow:
    """An active plan as :func:`materialize_due` reads it (plain columns, no ORM object)."""

    id: int
    kind: str
    customer_id: int
    device_id: int | None
    every_months: int
    start_on: date
    until_on: date | None
    engineer: str | None
    contract_until: date | None


def horizon(session: Session, today: date) -> date:
    """The last day whose occurrences show as due visits: today + ``visit.plan_ahead``."""
    from shouhou.durations import parse_duration
    from shouhou.services import config

    minutes = parse_duration(config.load(session)[AHEAD_KEY]).minutes
    return today + timedelta(days=minutes // (24 * 60))


# -- due visits -----------------------------------------------------------------------------------


def _plan_rows(session: Session, plan_ids: Iterable[int] | None = None) -> list[PlanRow]:
    """Active plans with their device's contract end, as plain rows."""
    from sqlalchemy import select
    from sqlmodel import col

    from shouhou.models import Device, InspectionPlan

    P = InspectionPlan
    query = (
        select(
            col(P.id),
            col(P.kind),
            col(P.customer_id),
            col(P.device_id),
            col(P.every_months),
            col(P.start_on),
            col(P.until_on),
            col(P.engineer),
            col(Device.contract_until),
        )
        .outerjoin(Device, col(Device.id) == col(P.device_id))
        .where(col(P.active).is_(True))
    )
    if plan_ids is not None:
        query = query.where(col(P.id).in_(list(plan_ids)))
    return [PlanRow(*row) for row in session.execute(query.order_by(col(P.id)))]


def _existing_keys(session: Session, keys: list[str]) -> set[str]:
    from sqlmodel import col, select

    from shouhou.models import Visit

    found: set[str] = set()
    for index in range(0, len(keys), _CHUNK):
        chunk = keys[index : index + _CHUNK]
        query = select(Visit.dedupe_key).where(col(Visit.dedupe_key).in_(chunk))
        found.update(key for key in session.exec(query) if key is not None)
    return found


def _plan_keys(session: Session, plan_ids: list[int]) -> set[str]:
    from sqlmodel import col, select

    from shouhou.models import Visit

    found: set[str] = set()
    for index in range(0, len(plan_ids), _CHUNK):
        chunk = plan_ids[index : index + _CHUNK]
        query = select(Visit.dedupe_key).where(
            col(Visit.plan_id).in_(chunk), Visit.origin == ORIGIN
        )
        found.update(key for key in session.exec(query) if key is not None)
    return found


def _materialize(
    session: Session, stamp: Stamp, plans: list[PlanRow], *, until: date, zone: tzinfo
) -> int:
    """Create the missing due visits of ``plans`` up to ``until``.

    Each plan's occurrences are made in date order, all at once, so a plan whose latest
    occurrence (and contract one) exists has all of them: one probe per plan, one query for
    all probes; only the plans with something missing have their visits read."""
    from shouhou.services.visits.due import create_due

    probes: dict[str, int] = {}
    for index, plan in enumerate(plans):
        latest = latest_regular(plan, until, plan.contract_until)
        if latest is not None:
            probes[dedupe_key(plan.id, latest)] = index
        extra = contract_occurrence(plan, plan.contract_until)
        if extra is not None and extra.opens_on <= until:
            probes[dedupe_key(plan.id, extra.on)] = index
    if not probes:
        return 0
    present = _existing_keys(session, list(probes))
    needy = sorted({index for key, index in probes.items() if key not in present})
    if not needy:
        return 0
    have = _plan_keys(session, [plans[index].id for index in needy])
    created = 0
    for index in needy:
        plan = plans[index]
        for occurrence in occurrences(plan, until=until, contract_until=plan.contract_until):
            key = dedupe_key(plan.id, occurrence.on)
            if key in have:
                continue
            visit = create_due(
                session,
                stamp,
                kind=plan.kind,
                customer_id=plan.customer_id,
                device_id=plan.device_id,
                due_at=due_at_of(occurrence.on, zone),
                origin=ORIGIN,
                zone=zone,
                dedupe_key=key,
                plan_id=plan.id,
                engineer=plan.engineer,
            )
            created += visit is not None
    return created


def materialize_due(session: Session, stamp: Stamp, *, today: date, zone: tzinfo) -> int:
    """Make every active plan's occurrences up to today + ``visit.plan_ahead`` due visits
    (origin ``plan``), past ones not yet made included (they show overdue); returns how many
    were created — 0 when run again (issue 11: idempotent however often it runs)."""
    plans = _plan_rows(session)
    if not plans:
        return 0
    return _materialize(session, stamp, plans, until=horizon(session, today), zone=zone)


# -- the plan record ------------------------------------------------------------------------------


def get_plan(session: Session, ref: str | int) -> InspectionPlan:
    """By id."""
    from shouhou.models import InspectionPlan

    text = str(ref).strip().lstrip("#")
    plan = session.get(InspectionPlan, int(text)) if text.isdigit() and len(text) < 10 else None
    if plan is None:
        raise NotFound("err.plan_not_found", ref=str(ref))
    return plan


def _target(
    session: Session, customer_ref: str | None, device_ref: str | None
) -> tuple[int, Device | None]:
    """(customer id, device) of a plan: the customer named, or the device's owner; both
    given, the device must be the customer's."""
    from shouhou.services.customers.customers import resolve_customer
    from shouhou.services.customers.devices import get_device

    if customer_ref is None and device_ref is None:
        raise UsageError("err.plan_target")
    device = get_device(session, device_ref) if device_ref is not None else None
    if customer_ref is not None:
        customer = resolve_customer(session, customer_ref)
        if device is not None and device.customer_id != customer.id:
            raise DomainError(
                "err.visit_device_customer", serial=device.serial, customer=customer.name
            )
        assert customer.id is not None
        customer_id = customer.id
    else:
        assert device is not None
        customer_id = device.customer_id
    return customer_id, device


def _same_plan(
    session: Session, *, kind: str, customer_id: int, device_id: int | None
) -> InspectionPlan | None:
    from sqlmodel import col, select

    from shouhou.models import InspectionPlan

    P = InspectionPlan
    device = col(P.device_id).is_(None) if device_id is None else P.device_id == device_id
    return session.exec(
        select(P).where(
            col(P.active).is_(True), P.kind == kind, P.customer_id == customer_id, device
        )
    ).first()


def add_plan(
    session: Session,
    stamp: Stamp,
    *,
    customer_ref: str | None,
    device_ref: str | None,
    kind: str = "inspection",
    every_months: int,
    start_on: date,
    until_on: date | None = None,
    engineer: str | None = None,
    note: str | None = None,
    zone: tzinfo,
) -> InspectionPlan:
    """A plan for a customer (``customer_ref``: id, phone or name fragment) or one device
    (``device_ref``: serial or id): ``kind`` inspection or training every 1, 3, 6 or 12
    calendar months from ``start_on`` until ``until_on`` (default: the device's contract end,
    else open-ended). One active plan of a kind per customer or device. Its occurrences up to
    today + ``visit.plan_ahead`` become due visits at once."""
    from shouhou.models import InspectionPlan
    from shouhou.services import users

    if kind not in PLAN_KINDS:
        raise UsageError("err.bad_choice", field="type", value=kind, accepted="|".join(PLAN_KINDS))
    if every_months not in EVERY_MONTHS:
        raise UsageError(
            "err.plan_every",
            value=f"{every_months}m",
            accepted="|".join(f"{n}m" for n in EVERY_MONTHS),
        )
    if until_on is not None and until_on < start_on:
        raise UsageError("err.plan_until", until=until_on.isoformat(), start=start_on.isoformat())
    earliest = add_months(stamp.at.astimezone(zone).date(), -MAX_BACK_MONTHS)
    if start_on < earliest:
        # Past occurrences become overdue visits: a plan started years back would bury the
        # agenda under inspections nobody can still do.
        raise UsageError(
            "err.plan_start_past", start=start_on.isoformat(), earliest=earliest.isoformat()
        )
    customer_id, device = _target(session, customer_ref, device_ref)
    device_id = device.id if device is not None else None
    contract_until = device.contract_until if device is not None else None
    if until_on is None and contract_until is not None and contract_until < start_on:
        assert device is not None
        raise DomainError(
            "err.plan_after_contract",
            serial=device.serial,
            contract=contract_until.isoformat(),
            start=start_on.isoformat(),
        )
    existing = _same_plan(session, kind=kind, customer_id=customer_id, device_id=device_id)
    if existing is not None:
        raise DomainError("err.plan_exists", id=existing.id, kind=kind)
    plan = InspectionPlan(
        kind=kind,
        customer_id=customer_id,
        device_id=device_id,
        every_months=every_months,
        start_on=start_on,
        until_on=until_on,
        engineer=users.canonical_name(session, engineer) if engineer and engineer.strip() else None,
        note=note.strip() if note and note.strip() else None,
        active=True,
        created_at=stamp.at,
        updated_at=stamp.at,
    )
    session.add(plan)
    session.flush()
    assert plan.id is not None
    fields = {
        "kind": kind,
        "customer_id": customer_id,
        "device_id": device_id,
        "every": f"{every_months}m",
        "start_on": start_on,
        "until_on": until_on,
        "engineer": plan.engineer,
        "note": plan.note,
    }
    audit.record(
        session,
        stamp,
        entity="inspection_plan",
        entity_id=plan.id,
        action="plan_add",
        changes={key: value for key, value in fields.items() if value is not None},
    )
    today = stamp.at.astimezone(zone).date()
    _materialize(
        session, stamp, _plan_rows(session, [plan.id]), until=horizon(session, today), zone=zone
    )
    return plan


def end_plan(
    session: Session, stamp: Stamp, ref: str | int, *, reason: str
) -> tuple[InspectionPlan, int]:
    """Stop a plan (contract ended, device scrapped …): it makes no more due visits, and those
    it made that nobody booked yet are cancelled with the same reason (booked ones stay: the
    customer was told). Returns the plan and how many were cancelled."""
    from sqlmodel import col, select

    from shouhou.models import Visit
    from shouhou.services.visits.records import log, require_transition

    if not reason.strip():
        raise UsageError("err.required", field="reason")
    plan = get_plan(session, ref)
    if not plan.active:
        raise DomainError("err.plan_ended", id=plan.id)
    assert plan.id is not None
    plan.active = False
    plan.updated_at = stamp.at
    session.add(plan)
    audit.record(
        session,
        stamp,
        entity="inspection_plan",
        entity_id=plan.id,
        action="plan_end",
        changes={"active": [True, False], "reason": reason.strip()},
    )
    unbooked = session.exec(
        select(Visit)
        .where(Visit.plan_id == plan.id, Visit.status == "due")
        .order_by(col(Visit.due_at), col(Visit.id))
    ).all()
    for visit in unbooked:
        require_transition(visit, "cancelled")
        visit.status = "cancelled"
        visit.end_reason = reason.strip()
        changes = {"status": ["due", "cancelled"], "reason": reason.strip(), "plan": plan.id}
        log(session, stamp, visit, action="visit_cancelled", changes=changes)
    return plan, len(unbooked)


# -- views ----------------------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _next_due(
    plan: PlanDates, contract_until: date | None, last_key: str | None, open_key: str | None
) -> date | None:
    """The plan's next date: its earliest visit still to be done, else its first occurrence
    not made yet."""
    made = key_date(last_key) if last_key else None
    coming = next_after(plan, made, contract_until)
    pending = key_date(open_key) if open_key else None
    candidates = [day for day in (pending, coming) if day is not None]
    return min(candidates) if candidates else None


def _view(
    plan: InspectionPlan,
    *,
    customer: str | None,
    serial: str | None,
    contract_until: date | None,
    next_due: date | None,
    today: date,
) -> dict[str, Any]:
    from shouhou.timeutil import iso_utc

    return {
        "id": plan.id,
        "kind": plan.kind,
        "customer_id": plan.customer_id,
        "customer": customer,
        "device_id": plan.device_id,
        "device": serial,
        "every": f"{plan.every_months}m",
        "every_months": plan.every_months,
        "start_on": _iso(plan.start_on),
        "until_on": _iso(plan.until_on),
        "contract_until": _iso(contract_until),
        "ends_on": _iso(ends_on(plan, contract_until)),
        "engineer": plan.engineer,
        "note": plan.note,
        "active": plan.active,
        "next_due": _iso(next_due) if plan.active else None,
        "overdue": bool(plan.active and next_due is not None and next_due < today),
        "created_at": iso_utc(plan.created_at),
    }


def _plan_marks(session: Session, plan_ids: list[int]) -> tuple[dict[int, str], dict[int, str]]:
    """Per plan: the key of its latest occurrence made, and of its earliest still open."""
    from sqlalchemy import func, select
    from sqlmodel import col

    from shouhou.models import Visit

    latest: dict[int, str] = {}
    earliest_open: dict[int, str] = {}
    plan, key = col(Visit.plan_id), col(Visit.dedupe_key)
    for index in range(0, len(plan_ids), _CHUNK):
        base = (plan.in_(plan_ids[index : index + _CHUNK]), col(Visit.origin) == ORIGIN)
        query = select(plan, func.max(key)).where(*base).group_by(plan)
        latest.update((p, k) for p, k in session.execute(query) if p is not None and k)
        opened = col(Visit.status).in_(OPEN_STATES)
        query = select(plan, func.min(key)).where(*base, opened).group_by(plan)
        earliest_open.update((p, k) for p, k in session.execute(query) if p is not None and k)
    return latest, earliest_open


def iter_plan_views(
    session: Session,
    *,
    today: date,
    customer_ref: str | None = None,
    include_ended: bool = False,
) -> Iterator[dict[str, Any]]:
    """Plans by id (active ones unless ``include_ended``), of one customer if given, each with
    its next date (``next_due``) and whether that is past (``overdue``)."""
    from sqlalchemy import select
    from sqlmodel import col

    from shouhou.models import Customer, Device, InspectionPlan
    from shouhou.services.customers.customers import customer_id_of

    P = InspectionPlan
    query = (
        select(P, col(Customer.name), col(Device.serial), col(Device.contract_until))
        .join(Customer, col(Customer.id) == col(P.customer_id))
        .outerjoin(Device, col(Device.id) == col(P.device_id))
    )
    if customer_ref is not None:
        query = query.where(col(P.customer_id) == customer_id_of(session, customer_ref))
    if not include_ended:
        query = query.where(col(P.active).is_(True))
    rows = session.execute(query.order_by(col(P.id))).all()
    latest, earliest_open = _plan_marks(session, [plan.id for plan, *_ in rows if plan.id])
    for plan, name, serial, contract_until in rows:
        assert plan.id is not None
        upcoming = _next_due(plan, contract_until, latest.get(plan.id), earliest_open.get(plan.id))
        yield _view(
            plan,
            customer=name,
            serial=serial,
            contract_until=contract_until,
            next_due=upcoming,
            today=today,
        )


def plan_view(session: Session, plan: InspectionPlan, *, today: date) -> dict[str, Any]:
    """The JSON shape of one plan (as ``visit plan list`` gives it)."""
    from shouhou.models import Customer, Device

    assert plan.id is not None
    customer = session.get(Customer, plan.customer_id)
    device = session.get(Device, plan.device_id) if plan.device_id is not None else None
    contract_until = device.contract_until if device is not None else None
    latest, earliest_open = _plan_marks(session, [plan.id])
    return _view(
        plan,
        customer=customer.name if customer is not None else None,
        serial=device.serial if device is not None else None,
        contract_until=contract_until,
        next_due=_next_due(plan, contract_until, latest.get(plan.id), earliest_open.get(plan.id)),
        today=today,
    )


def _occurrence_row(
    on: date, contract_end: bool, visit: Visit | None, today: date
) -> dict[str, Any]:
    from shouhou.timeutil import iso_utc

    state = visit.status if visit is not None else "upcoming"
    return {
        "on": on.isoformat(),
        "contract_end": contract_end,
        "visit": visit.number if visit is not None else None,
        "state": state,
        "overdue": state == "due" and on < today,
        "engineer": visit.engineer if visit is not None else None,
        "scheduled_at": iso_utc(visit.appointment_at) if visit is not None else None,
        "done_at": iso_utc(visit.finished_at) if visit is not None else None,
    }


def plan_detail(session: Session, ref: str | int, *, today: date) -> dict[str, Any]:
    """``visit plan show``: the plan's view, its occurrences — each made one with its visit
    and that visit's state, then the next few not made yet (``upcoming``) — and its audit
    trail."""
    from sqlmodel import col, select

    from shouhou.models import Device, Visit
    from shouhou.views import audit_view

    plan = get_plan(session, ref)
    assert plan.id is not None
    view = plan_view(session, plan, today=today)
    device = session.get(Device, plan.device_id) if plan.device_id is not None else None
    contract_until = device.contract_until if device is not None else None
    extra = contract_occurrence(plan, contract_until)
    visits = session.exec(
        select(Visit)
        .where(Visit.plan_id == plan.id, Visit.origin == ORIGIN)
        .order_by(col(Visit.dedupe_key))
    ).all()
    rows = []
    made: date | None = None
    for visit in visits:
        if visit.dedupe_key is None:
            continue
        on = key_date(visit.dedupe_key)
        made = on if made is None or on > made else made
        rows.append(_occurrence_row(on, extra is not None and on == extra.on, visit, today))
    if plan.active:
        for _ in range(UPCOMING_SHOWN):
            coming = next_after(plan, made, contract_until)
            if coming is None:
                break
            rows.append(
                _occurrence_row(coming, extra is not None and coming == extra.on, None, today)
            )
            made = coming
    view["occurrences"] = rows
    view["timeline"] = [
        audit_view(entry)
        for entry in audit.trail(session, entity="inspection_plan", entity_id=plan.id)
    ]
    return view
