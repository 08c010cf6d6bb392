"""services/charges: parts + labour × rate + travel in Decimal, who pays, and approval
(DOMAIN §1: in warranty free unless excluded; above 1000 or free out of warranty → approval)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shouhou.errors import DomainError, ShouhouError, UsageError
from shouhou.services import users
from shouhou.services.audit import Stamp, trail
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.tickets import charges, intake
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.sla import Rules, load_rules

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Ticket

SH = ZoneInfo("Asia/Shanghai")
WHEN = datetime(2026, 11, 23, 9, 0, tzinfo=SH)


def by(actor: str) -> Stamp:
    return Stamp(actor, WHEN)


@pytest.fixture
def _tk_rules(session: Session) -> Rules:
    return load_rules(session, zone=SH)


TicketFn = Callable[..., "Ticket"]


@pytest.fixture
def _tk_ticket(session: Session, _tk_rules: Rules) -> TicketFn:
    """A diagnosed ticket on a device in warranty (S-IN) or out of it (S-OUT), assigned to 王工."""
    stamp = by("clerk")
    customer = add_customer(session, stamp, name="ACME")
    assert customer.id is not None
    devices = {
        "in": add_device(
            session,
            stamp,
            customer_id=customer.id,
            model="M",
            serial="S-IN",
            accepted_on=date(2026, 1, 1),
        ),
        "out": add_device(
            session,
            stamp,
            customer_id=customer.id,
            model="M",
            serial="S-OUT",
            accepted_on=date(2020, 1, 1),
        ),
    }

    def make(warranty: str = "in", cause: str | None = "quality") -> Ticket:
        result = intake.open_ticket(
            session,
            stamp,
            customer_id=customer.id or 0,
            severity="3",
            symptom="坏了",
            received_at=WHEN,
            rules=_tk_rules,
            device_id=devices[warranty].id,
        )
        number = result.ticket.number
        tickets.assign(session, stamp, number, "王工", _tk_rules)
        if cause is not None:
            tickets.diagnose(session, by("王工"), number, cause=cause, finding="f", rules=_tk_rules)
        return result.ticket

    return make


def staff(session: Session) -> None:
    """The approvers: an approval needs a user whose role entitles them (DOMAIN §1)."""
    users.add_user(session, by("admin"), name="李经理", role="manager")
    users.add_user(session, by("admin"), name="总经理", role="general-manager")


def refused(session: Session, error: type[ShouhouError], call: Callable[[], object]) -> str:
    with pytest.raises(error) as info, session.begin_nested():
        call()
    return str(info.value)


def test_bill_sums_in_decimal(session: Session, _tk_ticket: TicketFn, _tk_rules: Rules) -> None:
    ticket = _tk_ticket("out")
    _, totals = charges.set_charges(
        session,
        by("王工"),
        ticket.number,
        rules=_tk_rules,
        labor_hours=Decimal("2.5"),
        travel=Decimal("200.10"),
        parts=[
            charges.parse_part("阀片:2:120.35"),
            charges.parse_part("密封圈:3:0.10"),
        ],
    )
    assert totals == charges.Totals(
        parts=Decimal("241.00"),
        labor=Decimal("375.00"),  # 2.5 h × default rate 150.00
        travel=Decimal("200.10"),
        other=Decimal("0.00"),
    )
    assert totals.total == Decimal("816.10")
    assert charges.payable(ticket, totals) == Decimal("816.10")
    assert ticket.chargeable is True
    assert (ticket.labor_hours, ticket.labor_rate_cents, ticket.travel_cents) == (
        "2.5",
        15000,
        20010,
    )
    assert ticket.id is not None
    lines = [
        (ln.kind, ln.description, ln.quantity, ln.amount_cents)
        for ln in charges.lines_of(session, ticket.id)
    ]
    assert lines == [
        ("part", "阀片", "2", 24070),
        ("part", "密封圈", "3", 30),
        ("labor", "labor", "2.5", 37500),
        ("travel", "travel", "1", 20010),
    ]
    # under the 1000.00 threshold: no approval needed
    assert charges.approval_needed(session, ticket, _tk_rules) is None


def test_recharge_replaces_only_given_kinds(
    session: Session, _tk_ticket: TicketFn, _tk_rules: Rules
) -> None:
    ticket = _tk_ticket("out")
    n = ticket.number
    charges.set_charges(
        session,
        by("王工"),
        n,
        rules=_tk_rules,
        labor_hours=Decimal(1),
        rate=Decimal("80"),
        parts=[charges.PartLine("a", Decimal(1), Decimal("10.00"))],
    )
    _, totals = charges.set_charges(session, by("王工"), n, rules=_tk_rules, travel=Decimal("50"))
    assert (totals.parts, totals.labor, totals.travel) == (
        Decimal("10.00"),
        Decimal("80.00"),
        Decimal("50.00"),
    )
    _, totals = charges.set_charges(session, by("王工"), n, rules=_tk_rules, parts=[])
    assert totals.parts == Decimal("0.00") and totals.total == Decimal("130.00")
    _, totals = charges.set_charges(
        session, by("王工"), n, rules=_tk_rules, labor_hours=Decimal(0), travel=Decimal(0)
    )
    assert totals.total == Decimal("0.00")
    assert ticket.id is not None
    assert charges.lines_of(session, ticket.id) == []


def test_who_pays(session: Session, _tk_ticket: TicketFn, _tk_rules: Rules) -> None:
    """In warranty + quality → free; in warranty + misuse → paid; out of warranty → paid."""
    bill = {"labor_hours": Decimal(2), "travel": Decimal("100")}
    cases = [
        ("in", "quality", Decimal("0.00")),
        ("in", "misuse", Decimal("400.00")),
        ("out", "quality", Decimal("400.00")),
        ("in", "wear", Decimal("400.00")),
    ]
    for warranty, cause, pays in cases:
        ticket = _tk_ticket(warranty, cause)
        _, totals = charges.set_charges(session, by("王工"), ticket.number, rules=_tk_rules, **bill)
        assert totals.total == Decimal("400.00")
        assert charges.payable(ticket, totals) == pays, (warranty, cause)


def test_charged_before_diagnosis_follows_warranty(
    session: Session, _tk_ticket: TicketFn, _tk_rules: Rules
) -> None:
    free = _tk_ticket("in", cause=None)
    paid = _tk_ticket("out", cause=None)
    for ticket in (free, paid):
        charges.set_charges(session, by("王工"), ticket.number, rules=_tk_rules, travel=Decimal(10))
    assert (free.chargeable, paid.chargeable) == (False, True)


def test_approval_above_threshold(session: Session, _tk_ticket: TicketFn, _tk_rules: Rules) -> None:
    staff(session)
    ticket = _tk_ticket("out")
    n = ticket.number
    charges.set_charges(
        session,
        by("王工"),
        n,
        rules=_tk_rules,
        parts=[charges.PartLine("压缩机", Decimal(1), Decimal("1000.01"))],
    )
    assert charges.approval_needed(session, ticket, _tk_rules) == "total 1000.01 > 1000.00"
    text = refused(
        session,
        DomainError,
        lambda: tickets.resolve(session, by("王工"), n, action="fixed", rules=_tk_rules),
    )
    assert text == (
        "error: ticket SH2611-0001 needs approval first (total 1000.01 > 1000.00) — a manager "
        "runs `shouhou --as NAME ticket approve SH2611-0001`"
    )
    text = refused(session, DomainError, lambda: charges.approve(session, by("王工"), n, _tk_rules))
    assert text == (
        "error: 王工 is the engineer on ticket SH2611-0001 and cannot approve it "
        "— another person must approve (--as NAME)"
    )
    _, reason = charges.approve(session, by("李经理"), n, _tk_rules)
    assert reason == "total 1000.01 > 1000.00"
    assert (ticket.approved_by, ticket.approved_at) == ("李经理", WHEN)
    tickets.resolve(session, by("王工"), n, action="fixed", rules=_tk_rules)
    assert ticket.status == "resolved"
    assert ticket.id is not None
    actions = [e.action for e in trail(session, entity="ticket", entity_id=ticket.id)]
    assert actions == ["create", "assign", "diagnose", "charge", "approve", "resolve"]


def test_exactly_threshold_needs_no_approval(
    session: Session, _tk_ticket: TicketFn, _tk_rules: Rules
) -> None:
    ticket = _tk_ticket("out")
    charges.set_charges(
        session, by("王工"), ticket.number, rules=_tk_rules, travel=Decimal("1000.00")
    )
    assert charges.approval_needed(session, ticket, _tk_rules) is None
    text = refused(
        session,
        DomainError,
        lambda: charges.approve(session, by("李经理"), ticket.number, _tk_rules),
    )
    assert text == (
        "error: ticket SH2611-0001 needs no approval — the amount is under "
        "the threshold (config approval.threshold)"
    )


def test_free_in_warranty_above_threshold_needs_approval_of_its_cost(
    session: Session, _tk_ticket: TicketFn, _tk_rules: Rules
) -> None:
    """Free for the customer, but a 三包 repair costing the firm more than the threshold is
    approved all the same (DOMAIN §1, seed 003); under it, nobody needs to."""
    ticket = _tk_ticket("in", "quality")
    _, totals = charges.set_charges(
        session, by("王工"), ticket.number, rules=_tk_rules, travel=Decimal("5000")
    )
    assert charges.payable(ticket, totals) == Decimal("0.00")
    assert charges.approval_needed(session, ticket, _tk_rules) == (
        "cost to the firm 5000.00 > 1000.00"
    )
    charges.set_charges(session, by("王工"), ticket.number, rules=_tk_rules, travel=Decimal("1000"))
    assert charges.approval_needed(session, ticket, _tk_rules) is None


def test_waive_out_of_warranty_needs_approval(
    session: Session, _tk_ticket: TicketFn, _tk_rules: Rules
) -> None:
    staff(session)
    ticket = _tk_ticket("out")
    n = ticket.number
    _, totals = charges.set_charges(
        session, by("王工"), n, rules=_tk_rules, travel=Decimal("300"), waive=True
    )
    assert ticket.chargeable is False
    assert charges.payable(ticket, totals) == Decimal("0.00")
    assert charges.approval_needed(session, ticket, _tk_rules) == "free repair out of warranty"
    assert "needs approval first (free repair out of warranty)" in refused(
        session,
        DomainError,
        lambda: tickets.resolve(session, by("王工"), n, action="a", rules=_tk_rules),
    )
    charges.approve(session, by("总经理"), n, _tk_rules)
    tickets.resolve(session, by("王工"), n, action="a", rules=_tk_rules)
    # in warranty a waiver needs nobody
    other = _tk_ticket("in", "misuse")
    charges.set_charges(session, by("王工"), other.number, rules=_tk_rules, waive=True)
    assert charges.approval_needed(session, other, _tk_rules) is None


def test_recharge_after_approval_clears_it(
    session: Session, _tk_ticket: TicketFn, _tk_rules: Rules
) -> None:
    staff(session)
    ticket = _tk_ticket("out")
    n = ticket.number
    charges.set_charges(session, by("王工"), n, rules=_tk_rules, travel=Decimal("1500"))
    charges.approve(session, by("李经理"), n, _tk_rules)
    charges.set_charges(session, by("王工"), n, rules=_tk_rules, travel=Decimal("1800"))
    assert ticket.approved_by is None and ticket.approved_at is None
    assert "needs approval first (total 1800.00 > 1000.00)" in refused(
        session,
        DomainError,
        lambda: tickets.resolve(session, by("王工"), n, action="a", rules=_tk_rules),
    )
    assert ticket.id is not None
    last = trail(session, entity="ticket", entity_id=ticket.id)[-1]
    assert last.action == "charge"
    assert '"approval_cleared": "李经理"' in (last.changes or "")
    # approved again, then waived: the approver must see that too
    charges.approve(session, by("李经理"), n, _tk_rules)
    charges.set_charges(session, by("王工"), n, rules=_tk_rules, waive=True)
    assert ticket.approved_by is None


def test_charge_refused_on_resolved_and_closed(
    session: Session, _tk_ticket: TicketFn, _tk_rules: Rules
) -> None:
    ticket = _tk_ticket("in")
    n = ticket.number
    tickets.resolve(session, by("王工"), n, action="a", rules=_tk_rules)
    call = lambda: charges.set_charges(session, by("王工"), n, rules=_tk_rules, travel=Decimal(1))  # noqa: E731
    assert refused(session, DomainError, call) == (
        "error: ticket SH2611-0001 is resolved — reopen it first (`shouhou ticket reopen`)"
    )
    tickets.close(session, by("clerk"), n, _tk_rules)
    assert "is closed — reopen it first" in refused(session, DomainError, call)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("阀片:2:120", charges.PartLine("阀片", Decimal(2), Decimal("120.00"))),
        ("O-ring 3:1.5:0.99", charges.PartLine("O-ring 3", Decimal("1.5"), Decimal("0.99"))),
        ("a:b:c:1:2", charges.PartLine("a:b:c", Decimal(1), Decimal("2.00"))),
    ],
)
def test_parse_part(text: str, expected: charges.PartLine) -> None:
    assert charges.parse_part(text) == expected


@pytest.mark.parametrize(
    "text",
    ["阀片", ":2", ":2:3", "x:0:1", "x:-1:1", "x:nan:1", "x:2:1.001", "x:2:-5", "x:two:1"],
)
def test_parse_part_refuses(text: str) -> None:
    with pytest.raises(UsageError) as info:
        charges.parse_part(text)
    assert info.value.key in ("err.bad_part_line", "err.bad_money")


@pytest.mark.parametrize("text", ["-1", "abc", "1001", "inf", "NaN"])
def test_parse_hours_refuses(text: str) -> None:
    with pytest.raises(UsageError) as info:
        charges.parse_hours(text)
    assert str(info.value) == f"error: labor-hours '{text}' is not a number of hours — e.g. 2.5"


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=50),
            st.decimals(min_value=0, max_value=10000, places=2, allow_nan=False),
        ),
        max_size=6,
    ),
    st.decimals(min_value=0, max_value=100, places=1, allow_nan=False),
)
def test_totals_are_exact_sums(parts: list[tuple[int, Decimal]], hours: Decimal) -> None:
    """Money is Decimal: the total is exactly parts + hours × rate, no float drift."""
    from shouhou.models import ChargeLine
    from shouhou.timeutil import cents

    lines = [
        ChargeLine(
            ticket_id=1,
            kind="part",
            description="p",
            quantity=str(q),
            unit_price_cents=cents(p),
            amount_cents=cents(q * p),
        )
        for q, p in parts
    ]
    labor = (hours * Decimal("150.00")).quantize(Decimal("0.01"))
    lines.append(
        ChargeLine(
            ticket_id=1,
            kind="labor",
            description="labor",
            quantity=str(hours),
            unit_price_cents=15000,
            amount_cents=cents(labor),
        )
    )
    totals = charges.totals_of(lines)
    assert totals.parts == sum((q * p for q, p in parts), Decimal("0.00"))
    assert totals.total == totals.parts + labor
    assert totals.total.as_tuple().exponent == -2


def test_amounts_round_half_up(session: Session, _tk_ticket: TicketFn, _tk_rules: Rules) -> None:
    """Bug: 1.5 h × 99.99 = 149.985 was billed 149.98 (banker's rounding, half to even);
    invoices round half up (四舍五入) → 149.99, as the printed documents do."""
    ticket = _tk_ticket("out")
    _, totals = charges.set_charges(
        session,
        by("王工"),
        ticket.number,
        rules=_tk_rules,
        labor_hours=Decimal("1.5"),
        rate=Decimal("99.99"),
        parts=[charges.PartLine("垫片", Decimal("0.5"), Decimal("0.01"))],
    )
    assert (totals.labor, totals.parts) == (Decimal("149.99"), Decimal("0.01"))
    assert totals.total == Decimal("150.00")
