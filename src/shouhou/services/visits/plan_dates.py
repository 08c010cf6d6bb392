"""The dates of an inspection plan (issue 11), pure calendar arithmetic — no database.

Occurrences are the start date plus k·N calendar months, each counted from the start date, not
from the previous occurrence (31 Jan monthly → 28 Feb, 31 Mar, 30 Apr: a short month takes its
last day and the next month is back on the 31st), up to the plan's end: ``until_on``, else — for
a device with a service contract — the contract's last day.

Seed 000 (售后服务的内容, item 10): "合同期内最后一个月进行一次维修检查，对维修保养范围内的系统
进行全面的检查和调整" — one inspection within the contract's last month. When no regular
occurrence falls in that month (the day after the contract's end minus one calendar month, to
its last day), an inspection plan of the device that runs to the contract's end gets one more
occurrence, due by the contract's last day and shown from the first day of that month.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import tzinfo

# A due visit of an occurrence is due by the end of its day in the firm's zone.
END_OF_DAY = time(23, 59)


class PlanDates(Protocol):
    """What the occurrences of a plan depend on (an ``InspectionPlan`` or a plain row)."""

    @property
    def id(self) -> int | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def device_id(self) -> int | None: ...
    @property
    def every_months(self) -> int: ...
    @property
    def start_on(self) -> date: ...
    @property
    def until_on(self) -> date | None: ...


@dataclass(frozen=True)
class Occurrence:
    """One date of a plan. ``on``: the day the visit is due by; ``opens_on``: the day it may
    show (its own day; the first day of the contract's last month for ``contract_end``)."""

    on: date
    opens_on: date
    contract_end: bool = False


# -- calendar months ------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """``day`` + ``months`` calendar months, a day past the month's end taking its last day
    (31 Jan + 1 = 28 Feb 2027) — dateutil's ``relativedelta(months=…)`` rule, done by month
    arithmetic because it runs for every plan on every ``shouhou today`` (5× cheaper; the tests
    compare the two)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def nth(start: date, k: int, every: int) -> date:
    """The k-th occurrence: ``start`` + k·``every`` calendar months, counted from ``start``
    each time (31 Jan monthly → 28 Feb, 31 Mar), never from the previous occurrence."""
    return add_months(start, k * every)


def _month_number(day: date) -> int:
    return day.year * 12 + day.month - 1


def _index_from(plan: PlanDates, day: date) -> int:
    """The smallest k ≥ 0 whose occurrence is on or after ``day`` — by month arithmetic (this
    runs for every plan on every ``shouhou today``): occurrence k falls in month start + k·N,
    on the start's day or, in a shorter month, its last day."""
    start, every = plan.start_on, plan.every_months
    if day <= start:
        return 0
    months = _month_number(day) - _month_number(start)
    k = months // every
    if k * every < months:  # occurrence k is in an earlier month, k + 1 in a later one
        return k + 1
    last = calendar.monthrange(day.year, day.month)[1]
    return k if min(start.day, last) >= day.day else k + 1


def ends_on(plan: PlanDates, contract_until: date | None) -> date | None:
    """The plan's last possible day: ``until_on``, else (a device's plan) the end of the
    device's service contract, else open-ended."""
    if plan.until_on is not None:
        return plan.until_on
    return contract_until if plan.device_id is not None else None


def contract_last_month(contract_until: date) -> date:
    """The first day of a contract's last month: the day after its end, less one calendar
    month (a contract to 30 Jun 2027 → 1 Jun; to 14 Jun → 15 May)."""
    return add_months(contract_until + timedelta(days=1), -1)


def contract_occurrence(plan: PlanDates, contract_until: date | None) -> Occurrence | None:
    """Seed 000 item 10 "合同期内最后一个月进行一次维修检查": the extra inspection of the
    contract's last month, or None — not an inspection plan of a device under contract, a
    plan that stops before the contract does or starts after it, or a regular occurrence
    already in that month. Due by the contract's last day, shown from the month's first."""
    if plan.kind != "inspection" or plan.device_id is None or contract_until is None:
        return None
    if contract_until < plan.start_on:
        return None
    if plan.until_on is not None and plan.until_on < contract_until:
        return None
    first = contract_last_month(contract_until)
    if nth(plan.start_on, _index_from(plan, first), plan.every_months) <= contract_until:
        return None
    return Occurrence(on=contract_until, opens_on=first, contract_end=True)


def occurrences(
    plan: PlanDates,
    *,
    until: date,
    contract_until: date | None,
    after: date | None = None,
) -> list[Occurrence]:
    """The plan's occurrences that show by ``until`` (regular ones on or before it and the
    plan's end; the contract's last-month one once its month opens), in date order; with
    ``after``, only those dated after that day."""
    end = ends_on(plan, contract_until)
    last = until if end is None else min(until, end)
    found: list[Occurrence] = []
    k = 0 if after is None else _index_from(plan, after + timedelta(days=1))
    while (on := nth(plan.start_on, k, plan.every_months)) <= last:
        found.append(Occurrence(on=on, opens_on=on))
        k += 1
    extra = contract_occurrence(plan, contract_until)
    if extra is not None and extra.opens_on <= until and (after is None or extra.on > after):
        found.append(extra)
        found.sort(key=lambda occurrence: occurrence.on)
    return found


def latest_regular(plan: PlanDates, until: date, contract_until: date | None) -> date | None:
    """The last regular occurrence on or before ``until`` (and the plan's end), if any."""
    end = ends_on(plan, contract_until)
    last = until if end is None else min(until, end)
    if last < plan.start_on:
        return None
    return nth(plan.start_on, _index_from(plan, last + timedelta(days=1)) - 1, plan.every_months)


def next_after(plan: PlanDates, day: date | None, contract_until: date | None) -> date | None:
    """The plan's first occurrence after ``day`` (from its start when None), None past its
    end."""
    k = 0 if day is None else _index_from(plan, day + timedelta(days=1))
    regular: date | None = nth(plan.start_on, k, plan.every_months)
    end = ends_on(plan, contract_until)
    if regular is not None and end is not None and regular > end:
        regular = None
    extra = contract_occurrence(plan, contract_until)
    if extra is not None and (day is None or extra.on > day):
        return extra.on if regular is None else min(regular, extra.on)
    return regular


def dedupe_key(plan_id: int, on: date) -> str:
    return f"plan:{plan_id}:{on.isoformat()}"


def key_date(key: str) -> date:
    return date.fromisoformat(key.rsplit(":", 1)[1])


def due_at_of(on: date, zone: tzinfo) -> datetime:
    """The end of the occurrence's day in the firm's zone (stored in UTC)."""
    return datetime.combine(on, END_OF_DAY, tzinfo=zone).astimezone(UTC)
