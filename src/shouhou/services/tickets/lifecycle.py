"""The ticket state machine after intake: assign, reply, arrive, diagnose, resolve, close,
reopen, cancel, wait/resume and escalate (DOMAIN §2).

Every change appends to the status log (``TicketEvent``) and the audit trail through
``records``; SLA state is derived from the log (``sla``). Intake is ``intake``, charges
``charges``, loans and returns ``returns``, printed sheets ``documents``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shouhou.enums import Cause, SupportMode
from shouhou.errors import InvalidTransition, UsageError
from shouhou.services import users
from shouhou.services.audit import Stamp
from shouhou.services.tickets.records import (
    TRANSITIONS,
    choice,
    get_ticket,
    log_event,
    not_before_intake,
    refresh,
    require_open,
    require_transition,
    require_workable,
)
from shouhou.services.tickets.repeats import RepeatInfo, judge_repeat
from shouhou.services.tickets.sla import Rules

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Ticket

# Causes excluded from free warranty repair (DOMAIN §1: misuse, force majeure, buyer's transport,
# unauthorised repair or disassembly 私自拆修, site environment not to spec; and wear).
CHARGEABLE_CAUSES = (
    "misuse",
    "force-majeure",
    "transport",
    "wear",
    "unauthorised-repair",
    "site-not-to-spec",
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
    log_event(
        session, stamp, ticket, kind="status", action=action, changes=delta, note=note, status=to
    )
    refresh(session, ticket, rules, stamp.at)


def assign(session: Session, stamp: Stamp, ref: str, engineer: str, rules: Rules) -> Ticket:
    ticket = get_ticket(session, ref)
    require_open(ticket)
    if not engineer.strip():
        raise UsageError("err.required", field="engineer")
    old = ticket.assignee
    ticket.assignee = users.canonical_name(session, engineer)  # one person, one spelling
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
    require_open(ticket)
    if ticket.replied_at is not None:
        raise InvalidTransition("err.already", number=ticket.number, what="respond")
    not_before_intake(ticket, stamp)
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
    """Support mode: phone, remote, on-site or depot (return to factory 返厂).

    DOMAIN §2: on-site starts the on-site deadline; depot makes the resolve deadline the
    return-to-factory budget (``sla.depot.resolve``, 5 working days) counted from intake —
    see ``deadlines.compute_sla``. The cached deadlines are recomputed here.
    """
    choice(mode, [m.value for m in SupportMode], "mode")
    ticket = get_ticket(session, ref)
    require_open(ticket)
    old = ticket.mode
    ticket.mode = mode
    _move(
        session, stamp, ticket, ticket.status, rules, action="mode", changes={"mode": [old, mode]}
    )
    return ticket


def arrive(session: Session, stamp: Stamp, ref: str, rules: Rules) -> Ticket:
    """Arrival on site stops the on-site clock; a first arrival also counts as the reply."""
    ticket = get_ticket(session, ref)
    require_workable(ticket)
    if ticket.arrived_at is not None:
        raise InvalidTransition("err.already", number=ticket.number, what="arrive")
    not_before_intake(ticket, stamp)
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
    component: str | None = None,
) -> tuple[Ticket, RepeatInfo | None]:
    """Record the cause and the faulty component; they decide free or chargeable (DOMAIN §1).

    The warranty verdict is judged again: the term of ``component`` (default: the one recorded
    at intake, else the whole unit) at the ticket's fault date, with the device as it is now
    (a serial found tampered voids it). Covered and the cause is the firm's → free; an excluded
    cause (misuse, force majeure, transport, wear, unauthorised repair, site not to spec) or no
    cover → chargeable. Repeats and three strikes are checked with this cause.
    """
    from shouhou.services.customers.devices import fault_verdict, get_device
    from shouhou.services.tickets.intake import fault_day

    choice(cause, [c.value for c in Cause], "cause")
    if not finding.strip():
        raise UsageError("err.required", field="finding")
    ticket = get_ticket(session, ref)
    require_workable(ticket)
    if component is not None and ticket.device_id is None:
        raise UsageError("err.component_needs_device", field="component", value=component)
    changes: dict[str, Any] = {"cause": [ticket.cause, cause], "finding": finding}
    ticket.cause = cause
    ticket.finding = finding.strip()
    if category and category != ticket.category:
        changes["category"] = [ticket.category, category]
        ticket.category = category
    fault_on = fault_day(ticket, rules.zone)
    if ticket.device_id is not None:
        judged = fault_verdict(
            session,
            get_device(session, ticket.device_id),
            on=fault_on,
            component=component.strip() if component else ticket.component,
        )
        for name, value in (
            ("component", judged.component),
            ("in_warranty", judged.covered),
            ("warranty_note", judged.state),
        ):
            if getattr(ticket, name) != value:
                changes[name] = [getattr(ticket, name), value]
                setattr(ticket, name, value)
    ticket.chargeable = chargeable(ticket.in_warranty, cause)
    changes["chargeable"] = ticket.chargeable
    repeat = judge_repeat(session, ticket, rules, fault_on)
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
    from shouhou.services.tickets.charges import require_approval

    if not action.strip():
        raise UsageError("err.required", field="action")
    ticket = get_ticket(session, ref)
    require_open(ticket)
    require_transition(ticket, "resolved")
    not_before_intake(ticket, stamp)
    require_approval(session, ticket, rules, at=stamp.at)
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


def close(session: Session, stamp: Stamp, ref: str, rules: Rules) -> Ticket:
    """After the callback confirms the fix (DOMAIN §2 flow: callback → close); a job resolved
    without the approval it needed is not closed until it has it (DOMAIN §1). The customer's
    scores given at closing become a survey: ``feedback.surveys.close_ticket`` wraps this."""
    from shouhou.services.tickets.charges import require_approval

    ticket = get_ticket(session, ref)
    if ticket.status == "closed":  # issue 10.7: say so plainly, and what can be done
        raise InvalidTransition("err.already_closed", number=ticket.number)
    require_transition(ticket, "closed")
    require_approval(session, ticket, rules)
    ticket.closed_at = stamp.at
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
    require_transition(ticket, "cancelled")
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
    require_open(ticket)
    if ticket.status == "resolved":
        raise InvalidTransition("err.ticket_closed", number=ticket.number, status=ticket.status)
    if ticket.waiting_since is not None:
        raise InvalidTransition("err.already", number=ticket.number, what="wait")
    not_before_intake(ticket, stamp)
    ticket.waiting_since = stamp.at
    ticket.wait_reason = reason.strip()
    log_event(
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
    log_event(
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
    require_open(ticket)
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
    log_event(session, stamp, ticket, kind="escalate", action="escalate", changes=changes)
    return ticket
