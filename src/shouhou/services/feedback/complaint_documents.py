"""The plain context of the printed complaint handling form 投诉处理单 (DOMAIN §5): the same
company header, customer and device blocks as the service report sheet
(``tickets.documents``), the complaint as received (verbatim), whether each deadline was met,
the answer, the handling opinion with its corrective and preventive action, the customer's
confirmation and the signature lines. Templates receive this dict, never a session."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from shouhou.i18n import Translator
from shouhou.timeutil import format_local

if TYPE_CHECKING:
    from sqlmodel import Session


def span_text(t: Translator, minutes: int) -> str:
    """``2d 3h`` / ``1h 20m`` / ``45m`` (``2天3小时`` …): a lateness as people say it."""
    days, rest = divmod(max(0, minutes), 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return t("span.dh", d=days, h=hours)
    if hours:
        return t("span.hm", h=hours, m=mins)
    return t("span.m", m=mins)


def verdict(
    t: Translator,
    *,
    due_at: datetime,
    met_at: datetime | None,
    late_min: int | None,
    now: datetime,
    closed: bool = False,
) -> str:
    """One deadline in words: met on time, met late by …, overdue by … (pending and past at
    ``now``), or not yet due."""
    if met_at is not None:
        if late_min:
            return t("complaint.met_late", span=span_text(t, late_min))
        return t("complaint.met_on_time")
    if not closed and due_at < now:
        minutes = int((now - due_at).total_seconds() // 60)
        return t("complaint.overdue_by", span=span_text(t, minutes))
    return t("complaint.not_yet")


def form_context(
    session: Session, ref: str, *, lang: str, zone: tzinfo, now: datetime
) -> dict[str, Any]:
    """Everything on the complaint handling form 投诉处理单."""
    from shouhou.models import Complaint, Ticket
    from shouhou.services.config import load
    from shouhou.services.customers.customers import get_customer
    from shouhou.services.customers.devices import get_device
    from shouhou.services.feedback.complaint_views import recurrence_reason, repeats_of
    from shouhou.services.feedback.complaints import get_complaint, staff_review
    from shouhou.services.tickets.documents import company_header, customer_block, device_block

    t = Translator(lang)
    c = get_complaint(session, ref)
    assert c.id is not None
    customer = get_customer(session, c.customer_id)
    device = get_device(session, c.device_id) if c.device_id is not None else None
    ticket = session.get(Ticket, c.ticket_id) if c.ticket_id is not None else None
    previous = None
    reason = None
    if c.recurrence_of_id is not None:
        earlier = session.get(Complaint, c.recurrence_of_id)
        previous = earlier.number if earlier is not None else None
        reason = recurrence_reason(session, c)
    closed = c.status == "closed"

    def local(moment: datetime | None) -> str | None:
        return format_local(moment, zone) or None

    return {
        "lang": lang,
        "printed_at": format_local(now, zone),
        "company": company_header(load(session)),
        "customer": customer_block(customer),
        "device": device_block(device),
        "complaint": {
            "number": c.number,
            "status": c.status,
            "status_label": t(f"complaint_status.{c.status}"),
            "about": c.about,
            "about_label": t(f"complaint_about.{c.about}"),
            "grade": c.grade,
            "grade_label": t(f"complaint_grade.{c.grade}"),
            "channel_label": t(f"channel.{c.channel}"),
            "received_at": local(c.received_at),
            "received_by": c.received_by,
            "ticket": ticket.number if ticket else None,
            "staff": c.staff,
            "staff_review": staff_review(c),
            "manager": c.manager,
            "text": c.text,
            "answer_due_at": local(c.answer_due_at),
            "answered_at": local(c.answered_at),
            "answer_verdict": verdict(
                t,
                due_at=c.answer_due_at,
                met_at=c.answered_at,
                late_min=c.answer_late_min,
                now=now,
                closed=closed,
            ),
            "answer": c.answer,
            "opinion_due_at": local(c.opinion_due_at),
            "resolved_at": local(c.resolved_at),
            "opinion_verdict": verdict(
                t,
                due_at=c.opinion_due_at,
                met_at=c.resolved_at,
                late_min=c.opinion_late_min,
                now=now,
                closed=closed,
            ),
            "cause": c.cause,
            "action": c.action,
            "prevention": c.prevention,
            "closed_at": local(c.closed_at),
            "confirmed": c.confirmed,
            "confirmed_by": c.close_note if c.confirmed else None,
            "unconfirmed_reason": c.close_note if c.confirmed is False else None,
            "recurrence_of": previous,
            "recurrence_label": t(f"complaint_recurrence.{reason}") if reason else None,
            "repeated_by": repeats_of(session, c.id),
        },
    }
