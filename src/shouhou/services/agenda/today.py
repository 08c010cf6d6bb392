"""The morning agenda 今日待办 (issue 11 item 5): one screen of the day's work, all domains.

Each section is one builder function of a :class:`Scope` returning a :class:`Section`, listed
in :data:`SECTIONS`; a later domain (complaints, low stock, surveys) adds its rows with one
function and one line there:

- ``tickets``       late now — a deadline not met has passed, as ``ticket overdue`` finds them —
  or due later today (the next deadline before the end of the local day), with the milestone
  that is due, how late or how long left (DOMAIN §2)
- ``visits_due``    callbacks, inspections and rests of partial visits due by the end of today
  (late once past ``due_at``), and booked visits whose appointment + grace passed without an
  arrival (late; DOMAIN §3 "if the engineer will be late, call ahead and re-book")
- ``visits_today``  today's bookings in appointment order, grouped per engineer (the lead and
  each helper of a team)
- ``low_stock``     parts below their safety stock, with the suggested order (DOMAIN §4)
- ``stocktake``     the stocktake under way, with how many parts are counted (DOMAIN §4)
- ``surveys``       low survey scores whose follow-up callback is still to be made (issue 13)
- ``complaints``    complaints overdue (answer or handling opinion past due: late) and every
  serious or major one not closed (DOMAIN §5: reported up the same day, followed to the end)
- ``loans``         spare units 备用机 out longer than the setting ``loan.max_days`` (DOMAIN §2
  "tracked until it comes back"; DOMAIN gives no figure: default 7 days, a week covering the
  longest job deadline, return to factory in 5 working days)

:func:`agenda` first materialises the time-driven due visits (``visits.upkeep.refresh``: plan
inspections, key customers' callbacks; idempotent, so a second run creates nothing), then
:func:`build` reads every section in the same session. Rows are plain JSON-shaped dicts
(ISO-8601 UTC times), never ORM objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from shouhou.errors import UsageError
from shouhou.services.audit import Stamp
from shouhou.timeutil import iso_utc

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.services.tickets.sla import Rules

LOAN_LIMIT_KEY = "loan.max_days"


@dataclass(frozen=True)
class Scope:
    """What every section builder reads: the session, the moment, the firm's day and rules,
    and the one person the agenda is limited to (their name as users spell it), if any."""

    session: Session
    now: datetime
    today: date
    zone: tzinfo
    rules: Rules
    engineer: str | None = None

    @property
    def day_start(self) -> datetime:
        """Local midnight starting ``today`` in the firm's zone (DOMAIN §2)."""
        return datetime.combine(self.today, time.min, tzinfo=self.zone)

    @property
    def day_end(self) -> datetime:
        """Local midnight ending ``today`` (a DST day is 23 or 25 hours long)."""
        return datetime.combine(self.today + timedelta(days=1), time.min, tzinfo=self.zone)


@dataclass
class Section:
    """Rows of one section, how many of them are late, and extras the section explains itself
    with (``groups``: engineer → visit numbers; ``info``: e.g. the loan limit in days)."""

    rows: list[dict[str, Any]]
    late: int = 0
    groups: dict[str, list[str]] | None = None
    info: dict[str, Any] = field(default_factory=dict)

    def view(self) -> dict[str, Any]:
        view: dict[str, Any] = {"count": len(self.rows), "late": self.late, "rows": self.rows}
        if self.groups is not None:
            view["groups"] = self.groups
        view.update(self.info)
        return view


@dataclass
class Agenda:
    """The day's agenda: its sections in :data:`SECTIONS` order, and how many due visits this
    run materialised (0 on a second run)."""

    generated_at: datetime
    today: date
    engineer: str | None
    sections: dict[str, Section]
    created: int = 0

    @property
    def late(self) -> int:
        """Late items over all sections (``today --check`` exits 3 when above 0)."""
        return sum(section.late for section in self.sections.values())

    @property
    def empty(self) -> bool:
        return not any(section.rows for section in self.sections.values())

    def view(self) -> dict[str, Any]:
        """The stable JSON shape: ``generated_at, today, engineer, late, created, sections:
        {name: {count, late, rows, …}}``."""
        return {
            "generated_at": iso_utc(self.generated_at),
            "today": self.today.isoformat(),
            "engineer": self.engineer,
            "late": self.late,
            "created": self.created,
            "sections": {name: section.view() for name, section in self.sections.items()},
        }


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _minutes(delta: timedelta) -> int:
    """Whole minutes, as ``ticket overdue`` counts them."""
    return int(delta.total_seconds() // 60)


def _customers(session: Session, ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
    """Name and address of each customer, in one query."""
    from sqlmodel import col, select

    from shouhou.models import Customer

    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.exec(
        select(Customer.id, Customer.name, Customer.address).where(col(Customer.id).in_(wanted))
    )
    return {cid: (name, address) for cid, name, address in rows if cid is not None}


# -- tickets ---------------------------------------------------------------------------------


def _ticket_row(view: dict[str, Any], **more: Any) -> dict[str, Any]:
    row = {
        key: view.get(key)
        for key in (
            "number",
            "severity",
            "status",
            "customer_name",
            "assignee",
            "symptom",
            "escalation_level",
            "spare_unit_due",
            "waiting",
        )
    }
    row.update(more)
    return row


def tickets(scope: Scope) -> Section:
    """Tickets late now (``queries.overdue_views``: a deadline not met has passed; most late
    first) and tickets whose next deadline falls later today (``list_views`` with
    ``due_today``; soonest first). A waiting ticket's clocks stand still: it is late only if a
    deadline had passed before the wait, and never "due later today". ``milestone`` is the
    deadline that is due (for a late ticket the one most late), ``due_at`` its time,
    ``late_minutes`` / ``minutes_left`` how far past or ahead of it."""
    from shouhou.services.tickets.queries import OPEN_STATES, list_views, overdue_views

    session, rules, now = scope.session, scope.rules, scope.now
    rows: list[dict[str, Any]] = []
    for view in overdue_views(session, rules, now):
        if scope.engineer is not None and view["assignee"] != scope.engineer:
            continue
        milestone = min(view["late_milestones"], key=lambda m: _moment(view[f"{m}_due_at"]) or now)
        rows.append(
            _ticket_row(
                view,
                late=True,
                milestone=milestone,
                due_at=view[f"{milestone}_due_at"],
                late_minutes=view["late_minutes"],
                minutes_left=None,
            )
        )
    late = len(rows)
    later = list_views(
        session,
        rules,
        now,
        statuses=OPEN_STATES[:-1],  # resolved: its clocks have stopped
        due_today=True,
        sort="number",
        brief=True,
        assignee=scope.engineer,
    )
    coming = []
    for view in later:
        due = _moment(view["next_due_at"])
        if view["waiting"] or due is None or not now <= due < scope.day_end:
            continue
        coming.append(
            _ticket_row(
                view,
                late=False,
                milestone=view["next_due"],
                due_at=view["next_due_at"],
                late_minutes=None,
                minutes_left=_minutes(due - now),
            )
        )
    coming.sort(key=lambda row: (row["due_at"], row["number"]))
    return Section(rows=rows + coming, late=late)


# -- visits ----------------------------------------------------------------------------------


def _grace(scope: Scope) -> timedelta:
    from shouhou.services.visits.lifecycle import grace_of

    return grace_of(scope.rules)


def _visit_row(
    view: dict[str, Any], customers: dict[int, tuple[str, str | None]], **more: Any
) -> dict[str, Any]:
    name, address = customers.get(view["customer_id"], (None, None))
    row = {
        key: view.get(key)
        for key in (
            "number",
            "kind",
            "status",
            "origin",
            "engineer",
            "helpers",
            "ticket",
            "customer_id",
        )
    }
    row.update(
        customer_name=name,
        customer_address=address,
        due_at=view.get("due_at"),
        scheduled_at=view.get("scheduled_at"),
        expected_minutes=view.get("expected_minutes"),
    )
    row.update(more)
    return row


def visits_due(scope: Scope) -> Section:
    """Due visits — callbacks, inspections, the rest of a partial visit (status ``due``) —
    with ``due_at`` before the end of today, late once past it; and booked visits whose
    appointment + grace (setting ``visit.grace``) passed without an arrival, late
    (``records.is_overdue``). ``reason``: ``due`` or ``no_arrival``; ``late_minutes``: whole
    minutes past ``due_at`` or past appointment + grace. Oldest first."""
    from shouhou.services.visits.records import iter_visit_views

    grace = _grace(scope)
    common: dict[str, Any] = {"engineer": scope.engineer, "now": scope.now, "grace": grace}
    due = list(iter_visit_views(scope.session, status="due", until=scope.day_end, **common))
    missed = [
        view
        for view in iter_visit_views(scope.session, status="overdue", **common)
        if view["status"] == "scheduled"
    ]
    customers = _customers(scope.session, (v["customer_id"] for v in (*due, *missed)))
    rows = []
    for view in due:
        when = _moment(view["due_at"])
        late = bool(view["overdue"]) and when is not None
        rows.append(
            _visit_row(
                view,
                customers,
                reason="due",
                when=view["due_at"],
                late=late,
                late_minutes=_minutes(scope.now - when) if late and when else None,
            )
        )
    for view in missed:
        booked = _moment(view["scheduled_at"])
        assert booked is not None
        rows.append(
            _visit_row(
                view,
                customers,
                reason="no_arrival",
                when=view["scheduled_at"],
                late=True,
                late_minutes=_minutes(scope.now - booked - grace),
            )
        )
    rows.sort(key=lambda row: (_moment(row["when"]) or scope.now, row["number"]))
    return Section(rows=rows, late=sum(1 for row in rows if row["late"]))


def visits_today(scope: Scope) -> Section:
    """Visits booked for today (scheduled, under way, done or missed; not due, not
    cancelled), in appointment order, and ``groups``: each engineer — the lead and every
    helper of a team — with the numbers of their visits, engineers in order of their first
    visit. Nothing here counts as late: a booking past its time without an arrival is in
    ``visits_due``."""
    from shouhou.services.visits.records import iter_visit_views

    views = [
        view
        for view in iter_visit_views(
            scope.session,
            since=scope.day_start,
            until=scope.day_end,
            engineer=scope.engineer,
            now=scope.now,
            grace=_grace(scope),
        )
        if view["status"] not in ("due", "cancelled")
    ]
    customers = _customers(scope.session, (v["customer_id"] for v in views))
    groups: dict[str, list[str]] = {}
    rows = []
    for view in views:
        rows.append(_visit_row(view, customers))
        for name in (view["engineer"], *view["helpers"]):
            if name and (scope.engineer is None or name == scope.engineer):
                groups.setdefault(name, []).append(view["number"])
    return Section(rows=rows, groups=groups)


# -- spare units -----------------------------------------------------------------------------


def loans(scope: Scope) -> Section:
    """Spare units 备用机 lent and not returned for more than ``loan.max_days`` days (lent
    before now − that many days), longest out first; ``--engineer``: loans of the tickets
    assigned to them. ``days_out``: whole days since lent."""
    from sqlalchemy import select
    from sqlmodel import col

    from shouhou.models import Customer, Loan, Ticket

    limit_days = scope.rules.settings.int(LOAN_LIMIT_KEY)
    query = (
        select(
            Loan, col(Ticket.number), col(Ticket.status), col(Ticket.assignee), col(Customer.name)
        )
        .join(Ticket, col(Ticket.id) == col(Loan.ticket_id))
        .join(Customer, col(Customer.id) == col(Ticket.customer_id))
        .where(
            col(Loan.returned_at).is_(None),
            col(Loan.lent_at) < scope.now - timedelta(days=limit_days),
        )
        .order_by(col(Loan.lent_at), col(Loan.id))
    )
    if scope.engineer is not None:
        query = query.where(col(Ticket.assignee) == scope.engineer)
    rows = [
        {
            "ticket": number,
            "ticket_status": status,
            "unit_serial": loan.unit_serial,
            "lent_at": iso_utc(loan.lent_at),
            "days_out": (scope.now - loan.lent_at).days,
            "customer_name": customer,
            "assignee": assignee,
            "late": True,
        }
        for loan, number, status, assignee, customer in scope.session.execute(query)
    ]
    return Section(rows=rows, late=len(rows), info={"max_days": limit_days})


# -- stock ---------------------------------------------------------------------------------


def low_stock(scope: Scope) -> Section:
    """Parts below their safety stock (DOMAIN §4; ``on_hand < safety_stock``), furthest below
    first (on-hand ÷ safety stock; out of stock first), each with the suggested order
    (``parts.reorder``). Stock is the department's: shown with ``--engineer`` too. Nothing here
    is late — ``part list --low --check`` is the cron alert for stock."""
    from shouhou.services.parts.reorder import low_stock_rows

    rows, _ = low_stock_rows(scope.session, limit=None)
    return Section(rows=rows)


def stocktake(scope: Scope) -> Section:
    """The stocktake under way 盘点 (DOMAIN §4; issue 12: "an unfinished stocktake blocks
    nothing but is shown"): one row — number, started when and by whom, parts counted of the
    catalogue (``parts.stocktake.open_summary``). Nothing here is late."""
    from shouhou.services.parts.stocktake import open_summary

    summary = open_summary(scope.session)
    return Section(rows=[summary] if summary is not None else [])


# -- surveys ---------------------------------------------------------------------------------


def surveys(scope: Scope) -> Section:
    """Low scores awaiting their callback (issue 13 item 5): service surveys with a score of 2
    or less whose follow-up callback is still to be made — due, booked, under way or missed —
    whenever it falls due (``feedback.surveys.awaiting_follow_up``); ``--engineer``: callbacks
    meant for them. Nothing here counts as late: a late callback is counted in ``visits_due``."""
    from shouhou.services.feedback.surveys import awaiting_follow_up

    return Section(rows=awaiting_follow_up(scope.session, now=scope.now, engineer=scope.engineer))


# -- complaints ------------------------------------------------------------------------------


def complaints(scope: Scope) -> Section:
    """Complaints overdue — the answer or the handling opinion past due (late) — and every
    serious or major complaint not closed (DOMAIN §5), late ones first
    (``feedback.complaint_views.agenda_rows``); ``--engineer``: those the person received or
    is the manager of."""
    from shouhou.services.feedback.complaint_views import agenda_rows

    rows, late = agenda_rows(scope.session, now=scope.now, person=scope.engineer)
    return Section(rows=rows, late=late)


# -- the whole -------------------------------------------------------------------------------

Builder = Callable[[Scope], Section]

# The sections in the order they are shown. A new one: a builder above and a line here.
SECTIONS: dict[str, Builder] = {
    "tickets": tickets,
    "visits_due": visits_due,
    "visits_today": visits_today,
    "loans": loans,
    "low_stock": low_stock,
    "stocktake": stocktake,
    "surveys": surveys,
    "complaints": complaints,
}


def engineer_named(session: Session, name: str | None) -> str | None:
    """The person ``--engineer`` names, spelt as users spell it (``users.canonical_name``).
    Once the database has users the name must be one of them, or at least appear as a
    ticket's assignee or a visit's engineer: a misspelt name would otherwise show an empty
    morning (and ``--check`` exit 0) — it is refused (exit 2)."""
    from sqlmodel import select

    from shouhou.models import Ticket, Visit, VisitMember
    from shouhou.services import users

    if name is None:
        return None
    if not users.key(name):
        raise UsageError("err.required", field="engineer")
    known = users.find_user(session, name)
    if known is not None:
        return known.name
    shown = users.display_name(name)
    if users.has_users(session):
        seen = (
            session.exec(select(Ticket.id).where(Ticket.assignee == shown).limit(1)).first()
            or session.exec(select(Visit.id).where(Visit.engineer == shown).limit(1)).first()
            or session.exec(
                select(VisitMember.id).where(VisitMember.engineer == shown).limit(1)
            ).first()
        )
        if seen is None:
            raise UsageError("err.today_engineer", name=shown)
    return shown


def build(
    session: Session,
    *,
    now: datetime,
    today: date,
    zone: tzinfo,
    rules: Rules,
    engineer: str | None = None,
) -> Agenda:
    """Read the agenda as of ``now`` (local day ``today`` in the firm's ``zone``), every
    section in :data:`SECTIONS` order, limited to ``engineer`` if given. Reads only."""
    person = engineer_named(session, engineer)
    scope = Scope(session=session, now=now, today=today, zone=zone, rules=rules, engineer=person)
    return Agenda(
        generated_at=now,
        today=today,
        engineer=person,
        sections={name: builder(scope) for name, builder in SECTIONS.items()},
    )


def agenda(
    session: Session,
    stamp: Stamp,
    *,
    now: datetime,
    today: date,
    zone: tzinfo,
    rules: Rules,
    engineer: str | None = None,
) -> Agenda:
    """``shouhou today``: materialise the due visits the rules call for by now
    (``visits.upkeep.refresh``: plan inspections, key customers' half-year callbacks — each once,
    by its ``dedupe_key``, so running this twice changes nothing the second time), then
    :func:`build` the agenda in the same session."""
    from shouhou.services.visits import upkeep

    person = engineer_named(session, engineer)  # a refused name changes nothing
    created = upkeep.refresh(session, stamp, today=today, zone=zone)
    result = build(session, now=now, today=today, zone=zone, rules=rules, engineer=person)
    result.created = created
    return result
