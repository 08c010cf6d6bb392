"""Complaints 投诉 (DOMAIN §5, issue 13 item 1): receipt by anyone, the two deadlines, the state
machine and its steps — answer, handling opinion with corrective and preventive action (CAPA),
close with the customer's confirmation or an explicit reason, reopen.

- Receipt 首问责任制: whoever takes the complaint records it (``received_by`` is the acting
  user) verbatim, about quality / attitude / timeliness / charges / other, graded general /
  serious / major, linked to a ticket, a device and the staff member it is about.
- Deadlines (DOMAIN §5: "answer within 24 h; give the handling opinion within 2 working
  days"): ``answer_due_at`` = received + ``complaint.answer`` (24h) on the 24×7 clock — clock
  hours, nights and holidays included; ``opinion_due_at`` = received + ``complaint.opinion``
  (2wd) on the firm's working calendar, in its time zone — the same arithmetic as a ticket's
  working-time deadline (``tickets.deadlines``: the budget made time by
  ``Duration.to_timedelta(clock.day_length)``, then ``Clock.add_business_time``; "2wd" is
  2 × 9 working hours with the default 08:30–17:30). Each deadline, once met, stores its minutes
  late (rounded up, 0 on time) like a ticket's milestones.
- A serious or major complaint names the manager it is reported to
  (``complaint_intake.manager_for``): "investigation of a serious/major case is reported up
  the same day".
- A complaint about staff attitude that names the staff member goes to staff review
  (:func:`staff_review`): derived from the row, not stored.
- States: open → answered (``respond``) → resolved (``resolve``: the handling opinion) →
  closed (``close``); ``reopen`` takes a resolved or closed complaint back to answered with a
  new opinion deadline counted from the reopening. A refused step names the steps possible.

Receipt is ``complaint_intake``; recurrence ``complaint_recurrence``; views, lists and the
agenda rows ``complaint_views``; the printed handling form ``complaint_documents``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from shouhou.errors import InvalidTransition, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Complaint
    from shouhou.services.feedback.complaint_recurrence import Recurrence
    from shouhou.services.tickets.sla import Rules

ABOUT = ("quality", "attitude", "timeliness", "charges", "other")
GRADES = ("general", "serious", "major")
# Graded above general: named to the manager, on the morning agenda until closed.
SERIOUS = ("serious", "major")
STATUSES = ("open", "answered", "resolved", "closed")
# step → (states it may start from, state it leads to)
STEPS: dict[str, tuple[tuple[str, ...], str]] = {
    "respond": (("open",), "answered"),
    "resolve": (("answered",), "resolved"),
    "close": (("resolved",), "closed"),
    "reopen": (("resolved", "closed"), "answered"),
}
NUMBER_PREFIX = "CP"
ANSWER_KEY = "complaint.answer"
OPINION_KEY = "complaint.opinion"
TEXT_LIMIT = 4000


def choice(value: str, allowed: tuple[str, ...], field: str) -> str:
    if value not in allowed:
        raise UsageError("err.bad_choice", field=field, value=value, accepted="|".join(allowed))
    return value


def required(value: str | None, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise UsageError("err.required", field=field)
    if len(text) > TEXT_LIMIT:
        raise UsageError("err.complaint_text_long", field=field, limit=TEXT_LIMIT)
    return text


def get_complaint(session: Session, ref: str | int) -> Complaint:
    """By number (CP2609-0001) or id."""
    from sqlmodel import select

    from shouhou.models import Complaint

    text = str(ref).strip()
    found = session.exec(select(Complaint).where(Complaint.number == text.upper())).first()
    if found is None and text.isdigit():
        found = session.get(Complaint, int(text))
    if found is None:
        raise NotFound("err.complaint_not_found", ref=text)
    return found


def steps_from(status: str) -> list[str]:
    """The steps possible from ``status``, in the order of the flow."""
    return [step for step, (starts, _) in STEPS.items() if status in starts]


def _require_step(complaint: Complaint, step: str) -> str:
    """The state ``step`` leads to, or the refusal naming the steps possible now."""
    starts, to = STEPS[step]
    if complaint.status not in starts:
        raise InvalidTransition(
            "err.complaint_step",
            number=complaint.number,
            current=complaint.status,
            wanted=step,
            allowed=", ".join(steps_from(complaint.status)) or "-",
        )
    return to


def _not_before(complaint: Complaint, at: datetime, previous: datetime | None) -> None:
    """Steps happen in order: never before receipt, nor before the step they follow."""
    limit = max(m for m in (complaint.received_at, previous) if m is not None)
    if at < limit:
        raise UsageError("err.complaint_out_of_order", field="at", number=complaint.number)


def _log(
    session: Session,
    stamp: Stamp,
    complaint: Complaint,
    *,
    action: str,
    changes: dict[str, Any] | None = None,
) -> None:
    """Write the row and its audit entry (DOMAIN §8: every change shows who and when)."""
    complaint.updated_at = stamp.at
    session.add(complaint)
    session.flush()
    assert complaint.id is not None
    audit.record(
        session, stamp, entity="complaint", entity_id=complaint.id, action=action, changes=changes
    )


# -- deadlines ------------------------------------------------------------------------------


def answer_due(received_at: datetime, rules: Rules) -> datetime:
    """DOMAIN §5 "answer within 24 h": received + ``complaint.answer`` on the 24×7 clock, as a
    critical ticket's budgets are counted (clock hours; a working day there is 24 h): a
    complaint received Wednesday 16:00 before a holiday is answered by Thursday 16:00, holiday
    or not."""
    from shouhou.durations import parse_duration
    from shouhou.services.calendar.working import ContinuousClock

    clock = ContinuousClock()
    budget = parse_duration(rules.settings[ANSWER_KEY])
    return clock.add_business_time(received_at, budget.to_timedelta(clock.day_length))


def opinion_due(start: datetime, rules: Rules) -> datetime:
    """DOMAIN §5 "give the handling opinion within 2 working days": ``start`` +
    ``complaint.opinion`` counted on the working calendar in the firm's zone, as a ticket's
    "3wd" resolve budget is (``tickets.deadlines``): the budget in working hours (a working day
    = the opening hours, 9 h for 08:30–17:30), added from ``start`` — or the next opening —
    skipping nights, weekends and holidays, counting make-up working days. Wed 2026-09-30 16:00
    → 1 h 30 that day, National Day 10-01…10-07 skipped, Thu 10-08 9 h, Fri 10-09 the last
    7 h 30 → Fri 2026-10-09 16:00."""
    from shouhou.durations import parse_duration

    calendar = rules.calendar
    budget = parse_duration(rules.settings[OPINION_KEY])
    return calendar.add_business_time(start, budget.to_timedelta(calendar.day_length))


def _late_minutes(met_at: datetime, due_at: datetime) -> int:
    from shouhou.services.tickets.sla import minutes_late

    return minutes_late(met_at - due_at)


def staff_review(complaint: Complaint) -> bool:
    """DOMAIN §5 "complaints about staff attitude go to staff review": about attitude and a
    staff member named."""
    return complaint.about == "attitude" and bool(complaint.staff)


# -- the steps --------------------------------------------------------------------------------


def respond(session: Session, stamp: Stamp, ref: str, *, note: str) -> Complaint:
    """The first answer to the customer (DOMAIN §5 "answer within 24 h"): what was said,
    when (``stamp.at``), and the minutes it was late against ``answer_due_at``."""
    complaint = get_complaint(session, ref)
    to = _require_step(complaint, "respond")
    answer = required(note, "note")
    _not_before(complaint, stamp.at, None)
    complaint.status = to
    complaint.answered_at = stamp.at
    complaint.answer = answer
    complaint.answer_late_min = _late_minutes(stamp.at, complaint.answer_due_at)
    _log(
        session,
        stamp,
        complaint,
        action="complaint_respond",
        changes={
            "status": ["open", to],
            "answer": answer,
            "answer_late_min": complaint.answer_late_min,
        },
    )
    return complaint


@dataclass(frozen=True)
class Resolution:
    """``complaint resolve``: the row, and the recurrence links the cause made."""

    complaint: Complaint
    recurrence: Recurrence | None
    # Later complaints now linked to this one as repeats of the same cause: their numbers.
    linked_later: list[str]


def resolve(
    session: Session,
    stamp: Stamp,
    ref: str,
    *,
    cause: str,
    action: str,
    prevention: str | None = None,
    rules: Rules,
) -> Resolution:
    """The handling opinion (DOMAIN §5: investigate → cause → solution → corrective and
    preventive action 纠正预防措施) given at ``stamp.at``, with its minutes late against
    ``opinion_due_at``. The cause is now known: complaints with the same cause are linked as
    recurrences (``complaint_recurrence.link_by_cause``)."""
    from shouhou.services.feedback.complaint_recurrence import link_by_cause

    complaint = get_complaint(session, ref)
    to = _require_step(complaint, "resolve")
    why = required(cause, "cause")
    done = required(action, "action")
    prevent = prevention.strip() if prevention and prevention.strip() else None
    _not_before(complaint, stamp.at, complaint.answered_at)
    complaint.status = to
    complaint.resolved_at = stamp.at
    complaint.cause = why
    complaint.action = done
    complaint.prevention = prevent
    complaint.opinion_late_min = _late_minutes(stamp.at, complaint.opinion_due_at)
    _log(
        session,
        stamp,
        complaint,
        action="complaint_resolve",
        changes={
            "status": ["answered", to],
            "cause": why,
            "action": done,
            "prevention": prevent,
            "opinion_late_min": complaint.opinion_late_min,
        },
    )
    recurrence, later = link_by_cause(session, stamp, complaint, rules=rules)
    return Resolution(complaint=complaint, recurrence=recurrence, linked_later=later)


def close(
    session: Session,
    stamp: Stamp,
    ref: str,
    *,
    confirmed: bool,
    by: str | None = None,
    reason: str | None = None,
) -> Complaint:
    """Close a resolved complaint (DOMAIN §5 "customer confirms → close"): with the
    customer's confirmation recorded (``confirmed``, and who confirmed — ``by`` — kept in
    ``close_note``), or explicitly without it (``confirmed`` False, ``reason`` required and
    kept in ``close_note``)."""
    complaint = get_complaint(session, ref)
    if confirmed and reason:
        raise UsageError("err.complaint_close_how")
    note = (by or "").strip() or None
    if not confirmed:
        note = required(reason, "reason")
    to = _require_step(complaint, "close")
    _not_before(complaint, stamp.at, complaint.resolved_at)
    complaint.status = to
    complaint.closed_at = stamp.at
    complaint.confirmed = confirmed
    complaint.close_note = note
    _log(
        session,
        stamp,
        complaint,
        action="complaint_close",
        changes={"status": ["resolved", to], "confirmed": confirmed, "note": note},
    )
    return complaint


def reopen(session: Session, stamp: Stamp, ref: str, *, reason: str, rules: Rules) -> Complaint:
    """The customer is not satisfied after all: a resolved or closed complaint goes back to
    answered (the first answer stands). A new handling opinion is owed within the opinion
    budget counted from the reopening (``opinion_due_at`` moves there); the previous opinion,
    its lateness and the closing stay in the audit trail, and the cause, action and prevention
    stay on the row until the new opinion replaces them."""
    complaint = get_complaint(session, ref)
    why = required(reason, "reason")
    to = _require_step(complaint, "reopen")
    _not_before(complaint, stamp.at, complaint.closed_at or complaint.resolved_at)
    before = complaint.status
    old_due = complaint.opinion_due_at
    complaint.status = to
    complaint.opinion_due_at = opinion_due(stamp.at, rules)
    complaint.resolved_at = None
    complaint.opinion_late_min = None
    complaint.closed_at = None
    complaint.confirmed = None
    complaint.close_note = None
    _log(
        session,
        stamp,
        complaint,
        action="complaint_reopen",
        changes={
            "status": [before, to],
            "reason": why,
            "opinion_due_at": [old_due, complaint.opinion_due_at],
        },
    )
    return complaint
