"""Tickets 工单: intake, the state machine, waiting, escalation, diagnosis (DOMAIN §2).

Every change appends to the status log (``TicketEvent``) and the audit trail; SLA state is
derived from the log on read (``ticket_sla``). Charges live in ``charges``, loans and returns
in ``returns``, printed sheets in ``ticket_docs``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from shouhou.enums import Cause, Channel, Severity, SupportMode
from shouhou.errors import DomainError, InvalidTransition, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.tickets.sla import CLOSED_STATES, Rules, pauses_from, sla_of

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Customer, Device, Ticket, TicketEvent
    from shouhou.services.customers.warranty import Verdict
    from shouhou.services.tickets.deadlines import SlaState

# DOMAIN §2 flow: new → assigned → responded → in progress → resolved → closed.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("assigned", "responded", "in_progress", "cancelled"),
    "assigned": ("assigned", "responded", "in_progress", "cancelled"),
    "responded": ("assigned", "in_progress", "resolved", "cancelled"),
    "in_progress": ("assigned", "resolved", "cancelled"),
    "resolved": ("closed", "in_progress"),
    "closed": ("in_progress",),
    "cancelled": (),
}
# Causes excluded from free warranty repair (DOMAIN §1: misuse, force majeure, buyer's transport).
CHARGEABLE_CAUSES = ("misuse", "force-majeure", "transport", "wear")


def _choice(value: str, allowed: Sequence[str], field: str) -> str:
    if value not in allowed:
        raise UsageError("err.bad_choice", field=field, value=value, accepted="|".join(allowed))
    return value


@dataclass(frozen=True)
class RepeatInfo:
    """A repeat repair (same device, same fault category) and the three-strikes count."""

    previous_number: str
    previous_id: int
    repair_count: int
    within_window: bool

    @property
    def replacement_due(self) -> bool:
        """DOMAIN §1 三包: the third repair of the same problem means replacement."""
        return self.repair_count >= 3


@dataclass(frozen=True)
class IntakeResult:
    ticket: Ticket
    customer: Customer
    device: Device | None
    verdict: Verdict | None
    reply_due: datetime
    onsite_due: datetime | None
    resolve_due: datetime
    repeat: RepeatInfo | None


def get_ticket(session: Session, ref: str | int) -> Ticket:
    """By number (SH2611-0042), external number, or id."""
    from sqlmodel import or_, select

    from shouhou.models import Ticket

    text = str(ref).strip()
    found = session.exec(
        select(Ticket).where(or_(Ticket.number == text.upper(), Ticket.external_number == text))
    ).first()
    if found is None and text.isdigit():
        found = session.get(Ticket, int(text))
    if found is None:
        raise NotFound("err.ticket_not_found", ref=text)
    return found


def events_of(session: Session, ticket_id: int) -> list[TicketEvent]:
    from sqlmodel import col, select

    from shouhou.models import TicketEvent

    return list(
        session.exec(
            select(TicketEvent)
            .where(TicketEvent.ticket_id == ticket_id)
            .order_by(col(TicketEvent.at), col(TicketEvent.id))
        )
    )


def state_of(session: Session, ticket: Ticket, rules: Rules, now: datetime) -> SlaState:
    assert ticket.id is not None
    return sla_of(ticket, pauses_from(events_of(session, ticket.id)), rules, now)


def find_repeat(
    session: Session,
    *,
    device_id: int,
    category: str,
    before: datetime,
    window_days: int,
    exclude_id: int | None = None,
) -> RepeatInfo | None:
    """DOMAIN §1: the same problem must not be repaired twice — earlier same-category tickets."""
    from sqlmodel import col, select

    from shouhou.models import Ticket

    query = (
        select(Ticket)
        .where(
            Ticket.device_id == device_id,
            Ticket.category == category,
            Ticket.status != "cancelled",
            col(Ticket.received_at) <= before,
        )
        .order_by(col(Ticket.received_at).desc())
    )
    if exclude_id is not None:
        query = query.where(Ticket.id != exclude_id)
    earlier = list(session.exec(query))
    if not earlier:
        return None
    latest = earlier[0]
    assert latest.id is not None
    return RepeatInfo(
        previous_number=latest.number,
        previous_id=latest.id,
        repair_count=len(earlier) + 1,
        within_window=before - latest.received_at <= timedelta(days=window_days),
    )


def open_ticket(
    session: Session,
    stamp: Stamp,
    *,
    customer_id: int,
    severity: str,
    symptom: str,
    received_at: datetime,
    rules: Rules,
    device_id: int | None = None,
    channel: str = "phone",
    contact: str | None = None,
    phone: str | None = None,
    request: str | None = None,
    category: str | None = None,
    received_by: str | None = None,
    external_number: str | None = None,
) -> IntakeResult:
    """Receive a service request (DOMAIN §2 intake, 首问责任制: the clerk owns it).

    The warranty verdict is decided as of the fault date (``received_at``), not today.
    """
    from sqlmodel import select

    from shouhou.models import Ticket, TicketEvent
    from shouhou.services import numbering
    from shouhou.services.customers.customers import get_customer
    from shouhou.services.customers.devices import get_device, warranty_of
    from shouhou.services.tickets.deadlines import deadlines_at_intake

    _choice(severity, [s.value for s in Severity], "severity")
    _choice(channel, [c.value for c in Channel], "channel")
    if not symptom.strip():
        raise UsageError("err.required", field="symptom")
    customer = get_customer(session, customer_id)
    device = None
    verdict = None
    if device_id is not None:
        device = get_device(session, device_id)
        if device.customer_id != customer_id:
            raise DomainError(
                "err.device_other_customer", serial=device.serial, customer=customer.name
            )
        verdict = warranty_of(session, device, received_at.astimezone(rules.zone).date())
    if external_number:
        taken = session.exec(select(Ticket.id).where(Ticket.external_number == external_number))
        if taken.first() is not None:
            raise DomainError("err.duplicate_external", number=external_number)
    repeat = None
    if device is not None and category:
        assert device.id is not None
        repeat = find_repeat(
            session,
            device_id=device.id,
            category=category,
            before=received_at,
            window_days=rules.settings.int("repeat.window_days"),
        )
    reply_due, onsite_due, resolve_due = deadlines_at_intake(
        received_at=received_at,
        severity=severity,
        zone=customer.zone,
        policies=rules.policies,
        zone_onsite=rules.zone_onsite,
        calendar=rules.calendar,
        needs_onsite=True,
    )
    ticket = Ticket(
        number=numbering.next_number(session, received_at, rules.zone),
        external_number=external_number or None,
        status="new",
        severity=severity,
        channel=channel,
        customer_id=customer_id,
        device_id=device.id if device else None,
        contact=contact or customer.contact,
        phone=phone or customer.phone,
        symptom=symptom.strip(),
        request=request,
        category=category,
        zone=customer.zone,
        received_at=received_at,
        received_by=received_by or stamp.actor,
        in_warranty=verdict.covered if verdict else None,
        warranty_note=verdict.state if verdict else None,
        reply_due_at=reply_due,
        onsite_due_at=None,
        resolve_due_at=resolve_due,
        repeat_of_id=repeat.previous_id if repeat and repeat.within_window else None,
        repair_count=repeat.repair_count if repeat else 1,
        created_at=stamp.at,
        updated_at=stamp.at,
    )
    session.add(ticket)
    session.flush()
    assert ticket.id is not None
    session.add(
        TicketEvent(
            ticket_id=ticket.id,
            at=received_at,
            kind="status",
            status="new",
            actor=stamp.actor,
            note=None,
        )
    )
    audit.record(
        session,
        Stamp(stamp.actor, received_at),
        entity="ticket",
        entity_id=ticket.id,
        action="create",
        changes={
            "number": ticket.number,
            "severity": severity,
            "channel": channel,
            "customer_id": customer_id,
            "device": device.serial if device else None,
            "symptom": ticket.symptom,
            "in_warranty": ticket.in_warranty,
        },
    )
    return IntakeResult(
        ticket=ticket,
        customer=customer,
        device=device,
        verdict=verdict,
        reply_due=reply_due,
        onsite_due=onsite_due,
        resolve_due=resolve_due,
        repeat=repeat,
    )


def _log(
    session: Session,
    stamp: Stamp,
    ticket: Ticket,
    *,
    kind: str,
    action: str,
    changes: dict[str, Any] | None = None,
    note: str | None = None,
    status: str | None = None,
) -> None:
    from shouhou.models import TicketEvent

    assert ticket.id is not None
    session.add(
        TicketEvent(
            ticket_id=ticket.id, at=stamp.at, kind=kind, status=status, actor=stamp.actor, note=note
        )
    )
    audit.record(
        session, stamp, entity="ticket", entity_id=ticket.id, action=action, changes=changes
    )


def _move(
    session: Session,
    stamp: Stamp,
    ticket: Ticket,
    to: str,
    rules: Rules,
    *,
    action: str,
    changes: dict[str, Any] | None = None,
    note: str | None = None,
) -> None:
    """Change status if the state machine allows it; record it; refresh cached deadlines."""
    allowed = TRANSITIONS.get(ticket.status, ())
    if to != ticket.status and to not in allowed:
        raise InvalidTransition(
            "err.transition",
            number=ticket.number,
            current=ticket.status,
            wanted=to,
            allowed=", ".join(allowed) or "-",
        )
    before = ticket.status
    if to in ("resolved", "cancelled") and ticket.waiting_since is not None:
        _end_wait(session, stamp, ticket)  # a finished ticket no longer waits
    ticket.status = to
    ticket.updated_at = stamp.at
    delta = dict(changes or {})
    if before != to:
        delta["status"] = [before, to]
    _log(session, stamp, ticket, kind="status", action=action, changes=delta, note=note, status=to)
    refresh(session, ticket, rules, stamp.at)


def refresh(session: Session, ticket: Ticket, rules: Rules, now: datetime) -> SlaState:
    """Recompute SLA from the log; cache current deadlines and remember misses for good."""
    session.add(ticket)
    session.flush()
    state = state_of(session, ticket, rules, now)
    ms = state.milestones
    ticket.reply_due_at = ms["reply"].due_at
    ticket.onsite_due_at = ms["onsite"].due_at
    ticket.resolve_due_at = ms["resolve"].due_at
    recorded = {m for m in ticket.missed.split(",") if m}
    recorded.update(state.overdue())
    ticket.missed = ",".join(m for m in ("reply", "onsite", "resolve") if m in recorded)
    session.add(ticket)
    return state


def _require_open(ticket: Ticket) -> None:
    if ticket.status in CLOSED_STATES:
        raise InvalidTransition("err.ticket_closed", number=ticket.number, status=ticket.status)


def _require_workable(ticket: Ticket) -> None:
    """Work (arrival, diagnosis) happens on an open ticket that is not yet resolved."""
    _require_open(ticket)
    if ticket.status == "resolved":
        raise InvalidTransition(
            "err.transition",
            number=ticket.number,
            current=ticket.status,
            wanted="in_progress",
            allowed=", ".join(TRANSITIONS["resolved"]),
        )


def _require_transition(ticket: Ticket, to: str) -> None:
    """Refuse before changing anything: ``to`` must be a next state (closing twice is not)."""
    allowed = TRANSITIONS.get(ticket.status, ())
    if to not in allowed:
        raise InvalidTransition(
            "err.transition",
            number=ticket.number,
            current=ticket.status,
            wanted=to,
            allowed=", ".join(allowed) or "-",
        )


def _not_before_intake(ticket: Ticket, stamp: Stamp) -> None:
    """A reply, visit, pause or fix cannot happen before the request came in."""
    if stamp.at < ticket.received_at:
        raise UsageError("err.before_intake", field="at", number=ticket.number)


def assign(session: Session, stamp: Stamp, ref: str, engineer: str, rules: Rules) -> Ticket:
    ticket = get_ticket(session, ref)
    _require_open(ticket)
    if not engineer.strip():
        raise UsageError("err.required", field="engineer")
    old = ticket.assignee
    ticket.assignee = engineer.strip()
    to = "assigned" if ticket.status == "new" else ticket.status
    _move(
        session,
        stamp,
        ticket,
        to,
        rules,
        action="assign",
        changes={"assignee": [old, ticket.assignee]},
    )
    return ticket


def respond(session: Session, stamp: Stamp, ref: str, rules: Rules, note: str | None) -> Ticket:
    """The first reply to the customer stops the reply clock (DOMAIN §2 "answer within 1 h")."""
    ticket = get_ticket(session, ref)
    _require_open(ticket)
    if ticket.replied_at is not None:
        raise InvalidTransition("err.already", number=ticket.number, what="respond")
    _not_before_intake(ticket, stamp)
    ticket.replied_at = stamp.at
    # A reply recorded after work started stops the clock without moving the status back.
    to = "responded" if ticket.status in ("new", "assigned") else ticket.status
    _move(
        session,
        stamp,
        ticket,
        to,
        rules,
        action="respond",
        changes={"replied_at": stamp.at},
        note=note,
    )
    return ticket


def set_mode(session: Session, stamp: Stamp, ref: str, mode: str, rules: Rules) -> Ticket:
    """Support mode: phone, remote, on-site or depot (return to factory 返厂)."""
    _choice(mode, [m.value for m in SupportMode], "mode")
    ticket = get_ticket(session, ref)
    _require_open(ticket)
    old = ticket.mode
    ticket.mode = mode
    _move(
        session, stamp, ticket, ticket.status, rules, action="mode", changes={"mode": [old, mode]}
    )
    return ticket


def arrive(session: Session, stamp: Stamp, ref: str, rules: Rules) -> Ticket:
    """Arrival on site stops the on-site clock; a first arrival also counts as the reply."""
    ticket = get_ticket(session, ref)
    _require_workable(ticket)
    if ticket.arrived_at is not None:
        raise InvalidTransition("err.already", number=ticket.number, what="arrive")
    _not_before_intake(ticket, stamp)
    changes: dict[str, Any] = {"arrived_at": stamp.at}
    ticket.arrived_at = stamp.at
    if ticket.mode != "onsite":
        changes["mode"] = [ticket.mode, "onsite"]
        ticket.mode = "onsite"
    if ticket.replied_at is None:
        ticket.replied_at = stamp.at
        changes["replied_at"] = stamp.at
    _move(session, stamp, ticket, "in_progress", rules, action="arrive", changes=changes)
    return ticket


def diagnose(
    session: Session,
    stamp: Stamp,
    ref: str,
    *,
    cause: str,
    finding: str,
    rules: Rules,
    category: str | None = None,
) -> tuple[Ticket, RepeatInfo | None]:
    """Record the cause; with the warranty verdict it decides free or chargeable (DOMAIN §1)."""
    _choice(cause, [c.value for c in Cause], "cause")
    if not finding.strip():
        raise UsageError("err.required", field="finding")
    ticket = get_ticket(session, ref)
    _require_workable(ticket)
    changes: dict[str, Any] = {"cause": [ticket.cause, cause], "finding": finding}
    ticket.cause = cause
    ticket.finding = finding.strip()
    if category and category != ticket.category:
        changes["category"] = [ticket.category, category]
        ticket.category = category
    ticket.chargeable = chargeable(ticket.in_warranty, cause)
    changes["chargeable"] = ticket.chargeable
    repeat = None
    if ticket.device_id is not None and ticket.category:
        repeat = find_repeat(
            session,
            device_id=ticket.device_id,
            category=ticket.category,
            before=ticket.received_at,
            window_days=rules.settings.int("repeat.window_days"),
            exclude_id=ticket.id,
        )
        ticket.repeat_of_id = repeat.previous_id if repeat and repeat.within_window else None
        ticket.repair_count = repeat.repair_count if repeat else 1
    to = "in_progress" if ticket.status in ("new", "assigned", "responded") else ticket.status
    _move(session, stamp, ticket, to, rules, action="diagnose", changes=changes)
    return ticket, repeat


def chargeable(in_warranty: bool | None, cause: str) -> bool:
    """DOMAIN §1: free within warranty unless the cause is excluded; out of warranty, paid."""
    if not in_warranty:
        return True
    return cause in CHARGEABLE_CAUSES


def resolve(session: Session, stamp: Stamp, ref: str, *, action: str, rules: Rules) -> Ticket:
    """Fixed and confirmed: refused while an approval is missing (DOMAIN §1 approval rule)."""
    from shouhou.services.tickets.charges import approval_needed

    if not action.strip():
        raise UsageError("err.required", field="action")
    ticket = get_ticket(session, ref)
    _require_open(ticket)
    _require_transition(ticket, "resolved")
    _not_before_intake(ticket, stamp)
    reason = approval_needed(session, ticket, rules)
    if reason and not ticket.approved_by:
        raise DomainError("err.approval_missing", number=ticket.number, reason=reason)
    ticket.action = action.strip()
    ticket.resolved_at = stamp.at
    if ticket.replied_at is None:
        ticket.replied_at = stamp.at
    _move(
        session,
        stamp,
        ticket,
        "resolved",
        rules,
        action="resolve",
        changes={"action": ticket.action, "resolved_at": stamp.at},
    )
    return ticket


def close(
    session: Session,
    stamp: Stamp,
    ref: str,
    rules: Rules,
    *,
    quality: int | None = None,
    attitude: int | None = None,
) -> Ticket:
    """After the callback confirms the fix (DOMAIN §2 flow: callback → close)."""
    ticket = get_ticket(session, ref)
    for name, value in (("quality", quality), ("attitude", attitude)):
        if value is not None and not 1 <= value <= 5:
            raise UsageError("err.bad_choice", field=name, value=value, accepted="1-5")
    _require_transition(ticket, "closed")
    ticket.closed_at = stamp.at
    ticket.quality_rating = quality if quality is not None else ticket.quality_rating
    ticket.attitude_rating = attitude if attitude is not None else ticket.attitude_rating
    _move(session, stamp, ticket, "closed", rules, action="close", changes={"closed_at": stamp.at})
    return ticket


def reopen(session: Session, stamp: Stamp, ref: str, *, reason: str, rules: Rules) -> Ticket:
    """The callback finds the problem back: work again; a missed deadline stays missed."""
    if not reason.strip():
        raise UsageError("err.required", field="reason")
    ticket = get_ticket(session, ref)
    if ticket.status not in ("resolved", "closed"):
        raise InvalidTransition(
            "err.transition",
            number=ticket.number,
            current=ticket.status,
            wanted="reopened",
            allowed=", ".join(TRANSITIONS.get(ticket.status, ())) or "-",
        )
    # Freeze misses computed so far before the milestone is cleared.
    refresh(session, ticket, rules, stamp.at)
    changes = {"resolved_at": [ticket.resolved_at, None], "reason": reason}
    ticket.resolved_at = None
    ticket.closed_at = None
    _move(
        session, stamp, ticket, "in_progress", rules, action="reopen", changes=changes, note=reason
    )
    return ticket


def cancel(session: Session, stamp: Stamp, ref: str, *, reason: str, rules: Rules) -> Ticket:
    """Customer misreport 误报: cancelled, but still gets guidance and a callback."""
    if not reason.strip():
        raise UsageError("err.required", field="reason")
    ticket = get_ticket(session, ref)
    _require_transition(ticket, "cancelled")
    ticket.cancel_reason = reason.strip()
    _move(
        session,
        stamp,
        ticket,
        "cancelled",
        rules,
        action="cancel",
        changes={"reason": reason},
        note=reason,
    )
    return ticket


def wait(session: Session, stamp: Stamp, ref: str, *, reason: str, rules: Rules) -> Ticket:
    """Stop the clocks while waiting on the customer or on parts."""
    if not reason.strip():
        raise UsageError("err.required", field="reason")
    ticket = get_ticket(session, ref)
    _require_open(ticket)
    if ticket.status == "resolved":
        raise InvalidTransition("err.ticket_closed", number=ticket.number, status=ticket.status)
    if ticket.waiting_since is not None:
        raise InvalidTransition("err.already", number=ticket.number, what="wait")
    _not_before_intake(ticket, stamp)
    ticket.waiting_since = stamp.at
    ticket.wait_reason = reason.strip()
    _log(
        session, stamp, ticket, kind="wait", action="wait", changes={"reason": reason}, note=reason
    )
    refresh(session, ticket, rules, stamp.at)
    return ticket


def resume(session: Session, stamp: Stamp, ref: str, rules: Rules) -> Ticket:
    ticket = get_ticket(session, ref)
    if ticket.waiting_since is None:
        raise InvalidTransition("err.not_waiting", number=ticket.number)
    if stamp.at < ticket.waiting_since:
        # The log is read in time order: a resume before its wait would leave the clocks
        # stopped for good.
        raise UsageError("err.before_wait", field="at", number=ticket.number)
    _end_wait(session, stamp, ticket)
    refresh(session, ticket, rules, stamp.at)
    return ticket


def _end_wait(session: Session, stamp: Stamp, ticket: Ticket) -> None:
    assert ticket.waiting_since is not None
    paused_for = stamp.at - ticket.waiting_since
    ticket.waiting_since = None
    ticket.wait_reason = None
    _log(
        session,
        stamp,
        ticket,
        kind="resume",
        action="resume",
        changes={"paused_minutes": int(paused_for.total_seconds() // 60)},
    )


def escalate(session: Session, stamp: Stamp, ref: str, *, to: str | None, rules: Rules) -> Ticket:
    """升级: supervisor first, then manager (DOMAIN §2)."""
    ticket = get_ticket(session, ref)
    _require_open(ticket)
    if ticket.escalation_level >= 2:
        raise InvalidTransition("err.max_escalation", number=ticket.number)
    level = ticket.escalation_level + 1
    target = to or rules.settings["escalate.supervisor" if level == 1 else "escalate.manager"]
    changes = {
        "escalation_level": [ticket.escalation_level, level],
        "escalated_to": [ticket.escalated_to, target],
    }
    ticket.escalation_level = level
    ticket.escalated_to = target
    ticket.updated_at = stamp.at
    _log(session, stamp, ticket, kind="escalate", action="escalate", changes=changes)
    return ticket


def iter_tickets(
    session: Session,
    *,
    statuses: Sequence[str] | None = None,
    severity: str | None = None,
    assignee: str | None = None,
    customer_id: int | None = None,
    device_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    in_warranty: bool | None = None,
    waiting: bool = False,
    repeat: bool = False,
    overdue_before: datetime | None = None,
    due_between: tuple[datetime, datetime] | None = None,
) -> Iterator[Ticket]:
    """Tickets matching the filters, streamed (the caller sorts and limits)."""
    from sqlmodel import col, or_, select

    from shouhou.models import Ticket

    query = select(Ticket)
    if statuses:
        query = query.where(col(Ticket.status).in_(statuses))
    if severity:
        query = query.where(Ticket.severity == severity)
    if assignee:
        query = query.where(Ticket.assignee == assignee)
    if customer_id is not None:
        query = query.where(Ticket.customer_id == customer_id)
    if device_id is not None:
        query = query.where(Ticket.device_id == device_id)
    if since is not None:
        query = query.where(col(Ticket.received_at) >= since)
    if until is not None:
        query = query.where(col(Ticket.received_at) < until)
    if in_warranty is not None:
        query = query.where(Ticket.in_warranty == in_warranty)
    if waiting:
        query = query.where(col(Ticket.waiting_since).is_not(None))
    if repeat:
        query = query.where(or_(col(Ticket.repeat_of_id).is_not(None), Ticket.repair_count >= 3))
    if overdue_before is not None:
        # Pre-filter on cached deadlines; the caller confirms on the computed SLA state.
        query = query.where(
            or_(
                Ticket.missed != "",
                (col(Ticket.replied_at).is_(None)) & (col(Ticket.reply_due_at) < overdue_before),
                (col(Ticket.resolved_at).is_(None)) & (col(Ticket.resolve_due_at) < overdue_before),
                (col(Ticket.arrived_at).is_(None)) & (col(Ticket.onsite_due_at) < overdue_before),
                col(Ticket.waiting_since).is_not(None),
            )
        )
    if due_between is not None:
        start, end = due_between
        query = query.where(
            or_(
                col(Ticket.reply_due_at).between(start, end) & col(Ticket.replied_at).is_(None),
                col(Ticket.onsite_due_at).between(start, end) & col(Ticket.arrived_at).is_(None),
                col(Ticket.resolve_due_at).between(start, end) & col(Ticket.resolved_at).is_(None),
                col(Ticket.waiting_since).is_not(None),
            )
        )
    yield from session.exec(query.order_by(col(Ticket.id)).execution_options(yield_per=1000))


def pauses_for(session: Session, ticket_ids: Sequence[int]) -> dict[int, list[Any]]:
    """Pauses of many tickets in one query (wait/resume events only)."""
    from sqlmodel import col, select

    from shouhou.models import TicketEvent

    by_ticket: dict[int, list[TicketEvent]] = {}
    for start in range(0, len(ticket_ids), 900):
        chunk = ticket_ids[start : start + 900]
        rows = session.exec(
            select(TicketEvent).where(
                col(TicketEvent.ticket_id).in_(chunk), col(TicketEvent.kind).in_(("wait", "resume"))
            )
        )
        for event in rows:
            by_ticket.setdefault(event.ticket_id, []).append(event)
    return {tid: pauses_from(events) for tid, events in by_ticket.items()}
