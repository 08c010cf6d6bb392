"""Reading the surveys (DOMAIN §6, issue 13): their views and lists, the low scores awaiting
their callback, the jobs nobody has asked about yet, and the figures.

- :func:`survey_view`, :func:`iter_survey_views`, :func:`survey_detail` — ``survey list`` and
  ``survey show`` (CLI.md "survey" shape);
- :func:`awaiting_follow_up` — low scores whose callback is still to be made (``shouhou
  today``);
- :func:`pending` — finished jobs nobody has asked the customer about yet: resolved or closed
  tickets and done visits with neither a survey nor a callback since;
- :func:`satisfaction` — the satisfaction rate 满意率 (share of surveys whose mean score is
  ≥ 4; DOMAIN §6 target ≥ 98 %, setting ``survey.target``) and the mean of each score, over a
  span of local days, overall or by engineer, product line or month.

Surveys are recorded (and the callbacks they call for created) in ``surveys``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from shouhou.errors import NotFound, UsageError
from shouhou.services import audit
from shouhou.services.feedback.surveys import (
    ALL_SCORES,
    CALLBACK,
    KINDS,
    LOW_SCORE,
    SATISFIED_MEAN,
    SCORES,
    TICKET_DONE,
    is_low,
    is_satisfied,
    low_score_key,
    mean,
    scores_of,
)
from shouhou.timeutil import iso_utc, to_utc

if TYPE_CHECKING:
    from datetime import tzinfo

    from sqlalchemy import Table
    from sqlmodel import Session

    from shouhou.models import Survey, Visit

_CHUNK = 500
BY = ("engineer", "product", "month")
TARGET_SETTING = "survey.target"

# -- views ------------------------------------------------------------------------------------


def survey_view(
    survey: Survey,
    *,
    ticket: str | None = None,
    visit: str | None = None,
    customer_name: str | None = None,
    follow_up: str | None = None,
) -> dict[str, Any]:
    """The JSON shape of a survey (CLI.md: ``id, ticket_id, visit_id, customer_id, attitude,
    quality, resolution, timeliness, overall`` and more): ``overall`` is the mean of the scores
    given (a string, 2 decimals), ``satisfied`` whether it is ≥ 4, ``low`` whether a score is
    ≤ 2, ``follow_up`` the number of the callback a low score created."""
    values = list(scores_of(survey).values())
    overall = mean(values)
    return {
        "id": survey.id,
        "kind": survey.kind,
        "ticket_id": survey.ticket_id,
        "ticket": ticket,
        "visit_id": survey.visit_id,
        "visit": visit,
        "customer_id": survey.customer_id,
        "customer_name": customer_name,
        "device_id": survey.device_id,
        **{name: getattr(survey, name) for name in ALL_SCORES},
        "overall": None if overall is None else str(overall),
        "satisfied": is_satisfied(values),
        "low": is_low(values),
        "comment": survey.comment,
        "channel": survey.channel,
        "taken_at": iso_utc(survey.taken_at),
        "taken_by": survey.taken_by,
        "created_at": iso_utc(survey.created_at),
        "follow_up": follow_up,
    }


def low_condition() -> Any:
    """SQL: any score of the survey is ≤ 2."""
    from sqlmodel import col, or_

    from shouhou.models import Survey

    return or_(*(col(getattr(Survey, name)) <= LOW_SCORE for name in ALL_SCORES))


def iter_survey_views(
    session: Session,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    customer_id: int | None = None,
    kind: str | None = None,
    low: bool = False,
    limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Surveys taken in [since, until), newest first, optionally of one customer, of one kind,
    or only those with a score ≤ 2 (``low``). Streams: rows are read and their follow-up
    callbacks looked up 500 at a time."""
    from sqlmodel import col, select

    from shouhou.models import Customer, Survey, Ticket, Visit

    query = (
        select(Survey, Ticket.number, Visit.number, Customer.name)
        .join(Customer, col(Customer.id) == col(Survey.customer_id))
        .outerjoin(Ticket, col(Ticket.id) == col(Survey.ticket_id))
        .outerjoin(Visit, col(Visit.id) == col(Survey.visit_id))
    )
    if since is not None:
        query = query.where(col(Survey.taken_at) >= since)
    if until is not None:
        query = query.where(col(Survey.taken_at) < until)
    if customer_id is not None:
        query = query.where(Survey.customer_id == customer_id)
    if kind is not None:
        if kind not in KINDS:
            raise UsageError("err.bad_choice", field="kind", value=kind, accepted="|".join(KINDS))
        query = query.where(Survey.kind == kind)
    if low:
        query = query.where(low_condition())
    query = query.order_by(col(Survey.taken_at).desc(), col(Survey.id).desc())
    if limit is not None:
        query = query.limit(limit)
    chunk: list[tuple[Survey, str | None, str | None, str]] = []
    for row in session.exec(query.execution_options(yield_per=_CHUNK)):
        chunk.append(row)
        if len(chunk) == _CHUNK:
            yield from _views(session, chunk)
            chunk = []
    yield from _views(session, chunk)


def _views(
    session: Session, chunk: list[tuple[Survey, str | None, str | None, str]]
) -> Iterator[dict[str, Any]]:
    follow = follow_ups(session, [s.id for s, *_ in chunk if s.id is not None])
    for survey, ticket, visit, name in chunk:
        callback = follow.get(survey.id or 0)
        yield survey_view(
            survey,
            ticket=ticket,
            visit=visit,
            customer_name=name,
            follow_up=callback.number if callback is not None else None,
        )


def follow_ups(session: Session, survey_ids: list[int]) -> dict[int, Visit]:
    """The low-score callback of each survey (by id) that has one, in one query."""
    from sqlmodel import col, select

    from shouhou.models import Visit

    if not survey_ids:
        return {}
    keys = {low_score_key(i): i for i in survey_ids}
    rows = session.exec(select(Visit).where(col(Visit.dedupe_key).in_(list(keys))))
    return {keys[v.dedupe_key]: v for v in rows if v.dedupe_key is not None}


def get_survey(session: Session, ref: str | int) -> Survey:
    from shouhou.models import Survey

    text = str(ref).strip().lstrip("#")
    found = session.get(Survey, int(text)) if text.isdigit() else None
    if found is None:
        raise NotFound("err.survey_not_found", ref=str(ref).strip())
    return found


def survey_detail(session: Session, ref: str | int) -> dict[str, Any]:
    """``survey show``: the survey's view with its device's serial and product line, its
    follow-up callback (number, state, due) and its audit trail."""
    from shouhou.models import Customer, Device, Ticket
    from shouhou.models import Visit as VisitRow
    from shouhou.views import audit_view

    survey = get_survey(session, ref)
    assert survey.id is not None
    ticket = session.get(Ticket, survey.ticket_id) if survey.ticket_id is not None else None
    visit = session.get(VisitRow, survey.visit_id) if survey.visit_id is not None else None
    customer = session.get(Customer, survey.customer_id)
    device = session.get(Device, survey.device_id) if survey.device_id is not None else None
    callback = follow_ups(session, [survey.id]).get(survey.id)
    view = survey_view(
        survey,
        ticket=ticket.number if ticket is not None else None,
        visit=visit.number if visit is not None else None,
        customer_name=customer.name if customer is not None else None,
        follow_up=callback.number if callback is not None else None,
    )
    view["device_serial"] = device.serial if device is not None else None
    view["product_line"] = device.product_line if device is not None else None
    view["follow_up_status"] = callback.status if callback is not None else None
    view["follow_up_due_at"] = iso_utc(callback.due_at) if callback is not None else None
    view["timeline"] = [
        audit_view(e) for e in audit.trail(session, entity="survey", entity_id=survey.id)
    ]
    return view


# -- pending ----------------------------------------------------------------------------------


def pending(
    session: Session,
    *,
    now: datetime,
    since: datetime | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Finished jobs whose customer has not been asked how it went (issue 13 item 3), the
    longest waiting first:

    - tickets resolved or closed (since ``since``) with no service survey of the ticket and no
      callback of the ticket done, since it was last resolved (a reopened ticket is asked again
      about its new fix);
    - visits done (since ``since``) that are not callbacks themselves and belong to no ticket
      (a ticket's visits are asked about through the ticket), with no service survey of the
      visit and no callback of the customer (not of a ticket) done since — on the same device,
      or on none.

    ``source`` (``ticket`` | ``visit``), ``number``, ``kind`` (a visit's), ``status``,
    ``customer_id``, ``customer_name``, ``device_id``, ``engineer`` (ticket assignee / visit
    engineer), ``finished_at``, ``days`` (whole days since). Two queries."""
    from sqlalchemy import exists, or_, select
    from sqlmodel import col

    from shouhou.models import Customer, Survey, Ticket, Visit

    surveyed = exists().where(
        col(Survey.ticket_id) == col(Ticket.id),
        col(Survey.kind) == "service",
        col(Survey.taken_at) >= col(Ticket.resolved_at),
    )
    called = exists().where(
        col(Visit.ticket_id) == col(Ticket.id),
        col(Visit.kind) == CALLBACK,
        col(Visit.status) == "done",
        col(Visit.finished_at) >= col(Ticket.resolved_at),
    )
    tickets = (
        select(
            col(Ticket.number),
            col(Ticket.status),
            col(Ticket.customer_id),
            col(Customer.name),
            col(Ticket.device_id),
            col(Ticket.assignee),
            col(Ticket.resolved_at),
        )
        .join(Customer, col(Customer.id) == col(Ticket.customer_id))
        .where(
            col(Ticket.status).in_(TICKET_DONE),
            col(Ticket.resolved_at).is_not(None),
            ~surveyed,
            ~called,
        )
        .order_by(col(Ticket.resolved_at), col(Ticket.id))
    )
    # The callback that followed a visit: another row of the visit table.
    table: Table = Visit.__table__  # type: ignore[attr-defined]
    other = table.alias("followed_by")
    visit_surveyed = exists().where(
        col(Survey.visit_id) == col(Visit.id), col(Survey.kind) == "service"
    )
    visit_called = exists().where(
        other.c.kind == CALLBACK,
        other.c.status == "done",
        other.c.ticket_id.is_(None),
        other.c.customer_id == col(Visit.customer_id),
        other.c.finished_at >= col(Visit.finished_at),
        or_(
            col(Visit.device_id).is_(None),
            other.c.device_id.is_(None),
            other.c.device_id == col(Visit.device_id),
        ),
    )
    visits = (
        select(
            col(Visit.number),
            col(Visit.kind),
            col(Visit.status),
            col(Visit.customer_id),
            col(Customer.name),
            col(Visit.device_id),
            col(Visit.engineer),
            col(Visit.finished_at),
        )
        .join(Customer, col(Customer.id) == col(Visit.customer_id))
        .where(
            col(Visit.status) == "done",
            col(Visit.kind) != CALLBACK,
            col(Visit.ticket_id).is_(None),
            col(Visit.finished_at).is_not(None),
            ~visit_surveyed,
            ~visit_called,
        )
        .order_by(col(Visit.finished_at), col(Visit.id))
    )
    if since is not None:
        tickets = tickets.where(col(Ticket.resolved_at) >= since)
        visits = visits.where(col(Visit.finished_at) >= since)
    if limit is not None:
        tickets = tickets.limit(limit)
        visits = visits.limit(limit)
    rows = [
        _pending_row("ticket", number, None, status, cid, name, did, who, at, now)
        for number, status, cid, name, did, who, at in session.execute(tickets)
    ]
    rows += [
        _pending_row("visit", number, kind, status, cid, name, did, who, at, now)
        for number, kind, status, cid, name, did, who, at in session.execute(visits)
    ]
    rows.sort(key=lambda row: (row["finished_at"], row["number"]))
    return rows[:limit] if limit is not None else rows


def _pending_row(
    source: str,
    number: str,
    kind: str | None,
    status: str,
    customer_id: int,
    customer_name: str,
    device_id: int | None,
    engineer: str | None,
    finished_at: datetime,
    now: datetime,
) -> dict[str, Any]:
    return {
        "source": source,
        "number": number,
        "kind": kind,
        "status": status,
        "customer_id": customer_id,
        "customer_name": customer_name,
        "device_id": device_id,
        "engineer": engineer,
        "finished_at": iso_utc(finished_at),
        "days": max(0, (now - to_utc(finished_at)).days),
    }


# -- satisfaction -----------------------------------------------------------------------------


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    exact = Decimal(part * 100) / Decimal(whole)
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _two(value: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class Figures:
    """The figures of one group (or of all surveys): how many surveys, how many satisfied, and
    per score the sum and count of the scores given."""

    key: str | None
    scores: tuple[str, ...]
    count: int = 0
    satisfied: int = 0
    overall: Fraction = field(default_factory=Fraction)
    sums: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, values: dict[str, int]) -> None:
        """One survey's scores (at least one given)."""
        given = list(values.values())
        self.count += 1
        self.satisfied += sum(given) >= SATISFIED_MEAN * len(given)
        self.overall += Fraction(sum(given), len(given))
        for name, value in values.items():
            self.sums[name] = self.sums.get(name, 0) + value
            self.counts[name] = self.counts.get(name, 0) + 1

    @property
    def rate(self) -> Decimal | None:
        """Satisfied ÷ surveys, in per cent to 1 decimal (half up)."""
        return _percent(self.satisfied, self.count)

    def mean_of(self, name: str) -> Decimal | None:
        count = self.counts.get(name, 0)
        return _two(Fraction(self.sums[name], count)) if count else None

    def view(self) -> dict[str, Any]:
        """``key, count, satisfied, rate`` (per cent) ``, mean_<score>…, mean`` (the mean of
        the surveys' means) — decimals as strings."""
        rate = self.rate
        overall = _two(self.overall / self.count) if self.count else None
        view: dict[str, Any] = {
            "key": self.key,
            "count": self.count,
            "satisfied": self.satisfied,
            "rate": None if rate is None else str(rate),
        }
        for name in self.scores:
            value = self.mean_of(name)
            view[f"mean_{name}"] = None if value is None else str(value)
        view["mean"] = None if overall is None else str(overall)
        return view


@dataclass
class Satisfaction:
    """``survey stats``: the span, what was counted and how it is grouped, the target (per
    cent), the figures of all surveys and of each group (in key order, none last)."""

    first: date
    last: date
    kind: str
    by: str | None
    target: int
    total: Figures
    groups: list[Figures]

    @property
    def met(self) -> bool | None:
        rate = self.total.rate
        return None if rate is None else rate >= self.target

    def view(self) -> dict[str, Any]:
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "kind": self.kind,
            "by": self.by,
            "target": self.target,
            "met": self.met,
            "total": self.total.view(),
            "groups": [group.view() for group in self.groups],
        }


def satisfaction(
    session: Session,
    *,
    first: date,
    last: date,
    zone: tzinfo,
    kind: str = "service",
    by: str | None = None,
    target: int | None = None,
) -> Satisfaction:
    """The satisfaction figures of the ``kind`` surveys taken on local days ``first``..``last``
    (issue 13 item 3, DOMAIN §6):

    - a survey is *satisfied* when the mean of its scores is ≥ 4; a survey with only some of
      the scores (the customer would not rate the rest; ``ticket close`` gives two) counts the
      mean of those given, compared exactly (sum ≥ 4 × how many);
    - the rate is satisfied ÷ surveys in per cent (1 decimal, half up), against ``target``
      (default: the setting ``survey.target``, 98);
    - the mean of each score is over the surveys that gave it; ``mean`` is the mean of the
      surveys' own means (2 decimals, half up);
    - ``by``: ``engineer`` — the ticket's assignee for a survey of a ticket (also when taken on
      one of its visits), else the engineer of the visit surveyed unless it was a callback
      (whoever phoned did not do the job), else none; ``product`` — the product line of the
      device surveyed; ``month`` — the local month the survey was taken in (``2026-11``).

    Reads the surveys of the span once (streamed), grouping as it goes: months are local
    months in the firm's zone whatever the database, and the figures are exact fractions
    until they are shown."""
    from sqlalchemy import case, select
    from sqlmodel import col

    from shouhou.models import Device, Survey, Ticket, Visit
    from shouhou.services import config
    from shouhou.timeutil import day_start

    if kind not in SCORES:
        raise UsageError("err.bad_choice", field="kind", value=kind, accepted="|".join(SCORES))
    if by is not None and by not in BY:
        raise UsageError("err.bad_choice", field="by", value=by, accepted="|".join(BY))
    if last < first:
        raise UsageError("err.survey_stats_span", first=first, last=last)
    names = SCORES[kind]
    if target is None:
        target = config.load(session).int(TARGET_SETTING)
    group: Any = None
    query = select(col(Survey.taken_at), *(col(getattr(Survey, name)) for name in names))
    if by == "engineer":
        group = case(
            (col(Survey.ticket_id).is_not(None), col(Ticket.assignee)),
            (col(Visit.kind) != CALLBACK, col(Visit.engineer)),
            else_=None,
        )
        query = (
            query.add_columns(group)
            .outerjoin(Ticket, col(Ticket.id) == col(Survey.ticket_id))
            .outerjoin(Visit, col(Visit.id) == col(Survey.visit_id))
        )
    elif by == "product":
        group = col(Device.product_line)
        query = query.add_columns(group).outerjoin(Device, col(Device.id) == col(Survey.device_id))
    query = query.where(
        col(Survey.kind) == kind,
        col(Survey.taken_at) >= day_start(first, zone),
        col(Survey.taken_at) < day_start(last + timedelta(days=1), zone),
    )
    total = Figures(None, names)
    groups: dict[str | None, Figures] = {}
    for row in session.execute(query.execution_options(yield_per=1000)):
        values = {
            n: v for n, v in zip(names, row[1 : 1 + len(names)], strict=True) if v is not None
        }
        if not values:
            continue  # none of this kind's scores: nothing to count
        total.add(values)
        if by is None:
            continue
        key = (
            to_utc(row[0]).astimezone(zone).strftime("%Y-%m")
            if by == "month"
            else row[1 + len(names)]
        )
        groups.setdefault(key, Figures(key, names)).add(values)
    return Satisfaction(
        first=first,
        last=last,
        kind=kind,
        by=by,
        target=target,
        total=total,
        groups=_in_order(groups.values()),
    )


def _in_order(groups: Iterable[Figures]) -> list[Figures]:
    """By key; the group without one (no engineer, no product line) last."""
    return sorted(groups, key=lambda g: (g.key is None, g.key or ""))
