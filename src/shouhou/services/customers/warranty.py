"""The warranty verdict (DOMAIN §1 保修/三包).

Whole-unit and per-component terms run from the acceptance date (fallback: purchase date).
After warranty, a service contract (维保合同) may cover the device until its end date. A
tampered serial voids the warranty.

A fault is judged per component (:meth:`Verdict.judge`): the term of the component the fault
is attributed to decides, at the fault date — a motor under its 120-month term is covered after
the unit's 24 months, piping past its 12 months is not covered inside the unit's term.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from shouhou.errors import UsageError

WHOLE_UNIT = "unit"


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later; when that month lacks the day, the 1st of the next month.

    This is the first day NOT covered by a term of ``months`` starting on ``start``: a term
    from 2024-01-31 of 1 month covers up to and including 2024-02-29.
    """
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    try:
        return date(year, month, start.day)
    except ValueError:
        return date(year + month // 12, month % 12 + 1, 1)


def last_covered_day(start: date, months: int) -> date:
    """Inclusive end of a term: the day before :func:`add_months`."""
    return add_months(start, months) - timedelta(days=1)


@dataclass(frozen=True)
class WarrantyLine:
    component: str
    months: int
    until: date | None  # last covered day; None when the start date is unknown
    in_warranty: bool


@dataclass(frozen=True)
class Verdict:
    """Coverage of a device on a given day."""

    on: date
    start: date | None
    lines: tuple[WarrantyLine, ...]
    contract_until: date | None
    void: bool

    @property
    def unit(self) -> WarrantyLine:
        return self.lines[0]

    def line(self, component: str | None) -> WarrantyLine:
        """The term of ``component`` (None or "unit": the whole unit); unknown → UsageError."""
        name = component or WHOLE_UNIT
        for line in self.lines:
            if line.component == name:
                return line
        accepted = "|".join(line.component for line in self.lines)
        raise UsageError("err.bad_choice", field="component", value=name, accepted=accepted)

    def judge(self, component: str | None = None) -> FaultVerdict:
        """DOMAIN §1: the attributed component's term decides, on the fault date ``on``.

        Void (tampered serial) beats everything; then the component's own term; then a service
        contract running on that day; without a start date the verdict is unknown (not covered).
        """
        line = self.line(component)
        if self.void:
            state = "void"
        elif self.start is not None and self.on < self.start:
            state = "not_started"
        elif line.in_warranty:
            state = "in_warranty"
        elif self.contract_until is not None and self.on <= self.contract_until:
            state = "under_contract"
        elif line.until is None:
            state = "unknown"
        else:
            state = "expired"
        return FaultVerdict(
            component=line.component,
            months=line.months,
            until=line.until,
            on=self.on,
            state=state,
            contract_until=self.contract_until,
            unit_until=self.unit.until,
            start=self.start,
        )

    @property
    def in_warranty(self) -> bool:
        """The whole unit is in warranty (free repair for manufacturing faults)."""
        return self.unit.in_warranty

    @property
    def under_contract(self) -> bool:
        return (
            not self.in_warranty
            and self.contract_until is not None
            and self.on <= self.contract_until
        )

    @property
    def covered(self) -> bool:
        return self.in_warranty or self.under_contract

    @property
    def state(self) -> str:
        """``in_warranty`` | ``under_contract`` | ``expired`` | ``void`` | ``unknown`` |
        ``not_started`` (the day is before the warranty's start)."""
        if self.void:
            return "void"
        if self.start is None:
            return "unknown"
        if self.on < self.start:
            return "not_started"
        if self.in_warranty:
            return "in_warranty"
        if self.under_contract:
            return "under_contract"
        return "expired"


@dataclass(frozen=True)
class FaultVerdict:
    """Free or chargeable for one fault: its component's term on its fault date (DOMAIN §1).

    ``state``: ``in_warranty`` | ``under_contract`` | ``expired`` | ``void`` | ``unknown`` |
    ``not_started``;
    :attr:`reason` is the message key that says why (``verdict.<state>``).
    """

    component: str
    months: int
    until: date | None  # last covered day of the component's term
    on: date  # the fault date
    state: str
    contract_until: date | None
    unit_until: date | None
    start: date | None = None  # the warranty's start (acceptance, else purchase)

    @property
    def covered(self) -> bool:
        """Repaired free for a manufacturing fault (excluded causes are still charged)."""
        return self.state in ("in_warranty", "under_contract")

    @property
    def reason(self) -> str:
        return f"verdict.{self.state}"


def warranty_start(accepted_on: date | None, purchase_date: date | None) -> date | None:
    """DOMAIN §1: warranty normally starts at acceptance 验收, else at purchase."""
    return accepted_on or purchase_date


def verdict(
    *,
    on: date,
    accepted_on: date | None,
    purchase_date: date | None,
    unit_months: int,
    components: Sequence[tuple[str, int]] = (),
    contract_until: date | None = None,
    serial_tampered: bool = False,
) -> Verdict:
    """Coverage on day ``on``: the whole unit first, then each component's own term."""
    start = warranty_start(accepted_on, purchase_date)
    lines = []
    for name, months in ((WHOLE_UNIT, unit_months), *components):
        until = last_covered_day(start, months) if start else None
        # Before the warranty starts (a fault before acceptance) nothing is covered yet: the
        # verdict says so ("not started"), and the firm may waive the charge (issue 15.5).
        covered = start is not None and not serial_tampered and start <= on <= (until or on)
        lines.append(WarrantyLine(component=name, months=months, until=until, in_warranty=covered))
    return Verdict(
        on=on,
        start=start,
        lines=tuple(lines),
        contract_until=contract_until,
        void=serial_tampered,
    )
