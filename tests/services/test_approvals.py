"""Approvals with roles (DOMAIN §1 《售后服务费用预算审批单》): what needs approval (an estimate
above the threshold, a free repair out of warranty, a 三包 repair costing the firm more than
the threshold), who may give it (an entitled role, nobody who had a hand in the job at any
time, names compared as people) and when it no longer holds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from shouhou.enums import Role
from shouhou.errors import DomainError, ShouhouError
from shouhou.models import Part
from shouhou.services import audit, config, users
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.tickets import approvals, charges, intake
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.charges import PartLine, Requirement
from shouhou.services.tickets.sla import Rules, load_rules

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Ticket

SH = ZoneInfo("Asia/Shanghai")
WHEN = datetime(2026, 11, 23, 9, 0, tzinfo=SH)
THRESHOLD = Decimal("1000.00")


def by(actor: str, minutes: int = 0) -> Stamp:
    return Stamp(actor, WHEN + timedelta(minutes=minutes))


@pytest.fixture
def _ap_rules(session: Session) -> Rules:
    return load_rules(session, zone=SH)


@pytest.fixture
def _ap_staff(session: Session) -> None:
    """The department: two engineers, a supervisor, a manager, the general manager."""
    for name, role in (
        ("小刘", "clerk"),
        ("王工", "engineer"),
        ("李工", "engineer"),
        ("周主管", "supervisor"),
        ("李经理", "manager"),
        ("Zhao Min", "manager"),
        ("赵总", "general-manager"),
    ):
        users.add_user(session, by("admin"), name=name, role=role)


TicketFn = Callable[..., "Ticket"]


@pytest.fixture
def _ap_ticket(session: Session, _ap_rules: Rules) -> TicketFn:
    """A ticket on a device in warranty ("in"), out of it ("out"), or with none ("none"),
    taken by 小刘; assigned to 王工 and diagnosed by him unless ``cause`` is None."""
    clerk = by("小刘")
    customer = add_customer(session, clerk, name="ACME")
    assert customer.id is not None
    devices = {
        warranty: add_device(
            session, clerk, customer_id=customer.id, model="M", serial=serial, accepted_on=day
        )
        for warranty, serial, day in (
            ("in", "S-IN", date(2026, 1, 1)),
            ("out", "S-OUT", date(2020, 1, 1)),
        )
    }

    def make(
        warranty: str = "out", cause: str | None = "quality", engineer: str = "王工"
    ) -> Ticket:
        device = devices.get(warranty)
        result = intake.open_ticket(
            session,
            clerk,
            customer_id=customer.id or 0,
            severity="3",
            symptom="坏了",
            received_at=WHEN,
            rules=_ap_rules,
            device_id=device.id if device else None,
        )
        number = result.ticket.number
        tickets.assign(session, clerk, number, engineer, _ap_rules)
        if cause is not None:
            tickets.diagnose(
                session, by(engineer), number, cause=cause, finding="f", rules=_ap_rules
            )
        return result.ticket

    return make


def refused(session: Session, call: Callable[[], object]) -> ShouhouError:
    with pytest.raises(ShouhouError) as info, session.begin_nested():
        call()
    return info.value


def bill(session: Session, rules: Rules, ticket: Ticket, actor: str = "王工", **kw: object) -> None:
    charges.set_charges(session, by(actor), ticket.number, rules=rules, **kw)  # type: ignore[arg-type]


# --- what needs approval ------------------------------------------------------------------------


def test_estimate_above_threshold_needs_a_manager(
    session: Session, _ap_ticket: TicketFn, _ap_rules: Rules
) -> None:
    ticket = _ap_ticket("out")
    bill(session, _ap_rules, ticket, parts=[PartLine("压缩机", Decimal(1), Decimal("1200"))])
    assert charges.approval_requirement(session, ticket, _ap_rules) == Requirement(
        "estimate", Decimal("1200.00"), THRESHOLD, Role.manager
    )
    bill(session, _ap_rules, ticket, parts=[PartLine("压缩机", Decimal(1), Decimal("1000"))])
    assert charges.approval_requirement(session, ticket, _ap_rules) is None  # not above


def test_free_out_of_warranty_needs_the_general_manager(
    session: Session, _ap_ticket: TicketFn, _ap_rules: Rules
) -> None:
    waived = _ap_ticket("out")
    bill(session, _ap_rules, waived, travel=Decimal("300"), waive=True)
    assert charges.approval_requirement(session, waived, _ap_rules) == Requirement(
        "free", Decimal("300.00"), THRESHOLD, Role.general_manager
    )
    # resolved with no charge at all: the same free repair (diagnosed or not)
    for cause in ("quality", None):
        nothing = _ap_ticket("out", cause)
        needed = charges.approval_requirement(session, nothing, _ap_rules)
        assert needed == Requirement("free", Decimal("0.00"), THRESHOLD, Role.general_manager)
        assert needed.reason == "free repair out of warranty"
    # no device on file: no warranty to stand on, so the same rule as a waiver
    unknown = _ap_ticket("none")
    assert charges.approval_needed(session, unknown, _ap_rules) == "free repair out of warranty"
    # a paid bill under the threshold needs nobody
    paid = _ap_ticket("out")
    bill(session, _ap_rules, paid, travel=Decimal("100"))
    assert charges.approval_requirement(session, paid, _ap_rules) is None


def test_in_warranty_cost_to_the_firm(
    session: Session, _ap_ticket: TicketFn, _ap_rules: Rules
) -> None:
    """Seed 003: a 三包 repair whose cost to the firm exceeds the threshold is approved too.
    Parts count at catalogue cost when the line names a catalogued part with a cost."""
    session.add_all(
        [
            Part(
                number="KS-V100",
                name="进气阀",
                unit="个",
                cost_cents=60000,
                price_cents=150000,
                created_at=WHEN,
                updated_at=WHEN,
            ),  # fmt: skip
            Part(
                number="KS-M1",
                name="电机",
                unit="台",
                cost_cents=None,
                price_cents=90000,
                created_at=WHEN,
                updated_at=WHEN,
            ),  # fmt: skip
        ]
    )
    ticket = _ap_ticket("in")
    assert ticket.chargeable is False
    assert charges.approval_requirement(session, ticket, _ap_rules) is None  # nothing spent
    # 1 × 600.00 (cost, not the 1500.00 price) + 2 h × 150.00 + 100.00 travel = 1000.00
    bill(
        session,
        _ap_rules,
        ticket,
        parts=[PartLine("KS-V100", Decimal(1), Decimal("1500"))],
        labor_hours=Decimal(2),
        travel=Decimal("100"),
    )
    assert (
        charges.payable(ticket, charges.totals_of(charges.lines_of(session, ticket.id or 0))) == 0
    )
    assert charges.cost_to_firm(session, charges.lines_of(session, ticket.id or 0)) == THRESHOLD
    assert charges.approval_requirement(session, ticket, _ap_rules) is None
    # a second valve: 2 × 600.00 + 300.00 + 100.00 = 1600.00
    bill(session, _ap_rules, ticket, parts=[PartLine("KS-V100", Decimal(2), Decimal("1500"))])
    assert charges.approval_requirement(session, ticket, _ap_rules) == Requirement(
        "warranty-cost", Decimal("1600.00"), THRESHOLD, Role.manager
    )
    assert charges.approval_needed(session, ticket, _ap_rules) == (
        "cost to the firm 1600.00 > 1000.00"
    )
    # a catalogued part without a cost, or a name not in the catalogue: the line's price
    bill(
        session,
        _ap_rules,
        ticket,
        parts=[
            PartLine("KS-M1", Decimal(1), Decimal("500.50")),
            PartLine("密封圈", Decimal(4), Decimal("25")),
        ],
    )
    # 500.50 + 100.00 + 300.00 + 100.00 = 1000.50
    assert charges.approval_needed(session, ticket, _ap_rules) == (
        "cost to the firm 1000.50 > 1000.00"
    )


def test_in_warranty_paid_repair_is_judged_on_the_bill(
    session: Session, _ap_ticket: TicketFn, _ap_rules: Rules
) -> None:
    ticket = _ap_ticket("in", "misuse")
    assert ticket.chargeable is True
    bill(session, _ap_rules, ticket, travel=Decimal("999.99"))
    assert charges.approval_requirement(session, ticket, _ap_rules) is None
    bill(session, _ap_rules, ticket, travel=Decimal("1000.01"))
    assert charges.approval_needed(session, ticket, _ap_rules) == "total 1000.01 > 1000.00"


# --- who had a hand in the job ------------------------------------------------------------------


def test_hands_come_from_the_whole_trail(
    session: Session, _ap_ticket: TicketFn, _ap_rules: Rules
) -> None:
    ticket = _ap_ticket("out", cause=None)
    n = ticket.number
    tickets.arrive(session, by("王工 ", 5), n, _ap_rules)
    tickets.assign(session, by("小刘", 6), n, "李工", _ap_rules)  # re-assigned
    tickets.diagnose(session, by("李工", 7), n, cause="quality", finding="f", rules=_ap_rules)
    charges.set_charges(session, by("ｚｈａｏ　ｍｉｎ", 8), n, rules=_ap_rules, travel=Decimal(9))
    hands = approvals.hands_in(session, ticket)
    assert {k: h.did for k, h in hands.items()} == {
        "王工": ("assigned", "arrived"),
        "李工": ("assigned", "diagnosed"),
        "zhaomin": ("charged",),
    }
    assert hands["zhaomin"].name == "zhao min"
    assert "小刘" not in hands  # assigning someone else is not a hand in the job


# --- who may approve ----------------------------------------------------------------------------


@pytest.mark.usefixtures("_ap_staff")
def test_nobody_with_a_hand_approves_at_any_time(
    session: Session, _ap_ticket: TicketFn, _ap_rules: Rules
) -> None:
    ticket = _ap_ticket("out")
    n = ticket.number
    bill(session, _ap_rules, ticket, actor="Ｚｈａｏ　Ｍｉｎ", travel=Decimal("1500"))
    # the current assignee
    error = refused(session, lambda: charges.approve(session, by("王工"), n, _ap_rules))
    assert str(error) == (
        "error: 王工 is the engineer on ticket SH2611-0001 and cannot approve it "
        "— another person must approve (--as NAME)"
    )
    # a manager who entered the charges under another spelling
    error = refused(session, lambda: charges.approve(session, by("zhao min"), n, _ap_rules))
    assert str(error) == (
        "error: zhao min worked on ticket SH2611-0001 (entered its charges) and cannot approve "
        "it — someone who had no hand in the job must approve (--as NAME)"
    )
    # 李经理 once had the job and handed it on: still a hand
    tickets.assign(session, by("小刘"), n, " 李经理\u3000", _ap_rules)
    tickets.assign(session, by("小刘"), n, "李工", _ap_rules)
    assert ticket.assignee == "李工"
    error = refused(session, lambda: charges.approve(session, by("李经理"), n, _ap_rules))
    assert error.key == "err.hand_in_job"
    assert error.fields["did"] == "assigned"
    ticket, reason = charges.approve(session, by("赵总"), n, _ap_rules)
    assert (ticket.approved_by, reason) == ("赵总", "total 1500.00 > 1000.00")


@pytest.mark.usefixtures("_ap_staff")
def test_the_role_decides(session: Session, _ap_ticket: TicketFn, _ap_rules: Rules) -> None:
    estimate = _ap_ticket("out")
    bill(session, _ap_rules, estimate, travel=Decimal("1200"))
    for who, role in (("周主管", "supervisor"), ("李工", "engineer"), ("小刘", "clerk")):
        error = refused(
            session, lambda who=who: charges.approve(session, by(who), estimate.number, _ap_rules)
        )
        assert str(error) == (
            f"error: {who} ({role}) cannot approve ticket SH2611-0001 (total 1200.00 > 1000.00) "
            "— it needs a manager or the general manager (`shouhou user list`)"
        )
    charges.approve(session, by("李经理"), estimate.number, _ap_rules)
    assert estimate.approved_by == "李经理"

    free = _ap_ticket("out")
    bill(session, _ap_rules, free, travel=Decimal("300"), waive=True)
    error = refused(session, lambda: charges.approve(session, by("李经理"), free.number, _ap_rules))
    assert str(error) == (
        "error: 李经理 (manager) cannot approve ticket SH2611-0002 (free repair out of warranty) "
        "— it needs the general manager (`shouhou user list`)"
    )
    charges.approve(session, by("赵总"), free.number, _ap_rules)
    assert free.approved_by == "赵总"


def test_approvals_need_users(session: Session, _ap_ticket: TicketFn, _ap_rules: Rules) -> None:
    ticket = _ap_ticket("out")
    bill(session, _ap_rules, ticket, travel=Decimal("1200"))
    error = refused(
        session, lambda: charges.approve(session, by("李经理"), ticket.number, _ap_rules)
    )
    assert str(error) == (
        "error: 李经理 cannot approve ticket SH2611-0001 (total 1200.00 > 1000.00) — approvals "
        "need a user with the role manager: shouhou user add NAME --role manager"
    )
    users.add_user(session, by("admin"), name="赵总", role="general-manager")
    error = refused(
        session, lambda: charges.approve(session, by("李经理"), ticket.number, _ap_rules)
    )
    assert str(error) == (
        "error: 李经理 is not a user and cannot approve ticket SH2611-0001 (total 1200.00 > "
        "1000.00) — it needs a user with the role manager (`shouhou user list`)"
    )
    users.set_active(session, by("admin"), "赵总", active=False)
    error = refused(session, lambda: charges.approve(session, by("赵总"), ticket.number, _ap_rules))
    assert error.key == "err.user_inactive"
    users.set_active(session, by("admin"), "赵总", active=True)
    charges.approve(session, by("赵总 "), ticket.number, _ap_rules)
    assert ticket.approved_by == "赵总"  # the user's own spelling


@pytest.mark.usefixtures("_ap_staff")
def test_approval_records_its_basis(
    session: Session, _ap_ticket: TicketFn, _ap_rules: Rules
) -> None:
    ticket = _ap_ticket("out")
    bill(session, _ap_rules, ticket, travel=Decimal("1200"))
    charges.approve(session, by("李经理", 30), ticket.number, _ap_rules)
    assert ticket.approved_at == WHEN + timedelta(minutes=30)
    last = audit.trail(session, entity="ticket", entity_id=ticket.id or 0)[-1]
    assert (last.actor, last.action) == ("李经理", "approve")
    assert audit.changes_of(last) == {
        "reason": "total 1200.00 > 1000.00",
        "kind": "estimate",
        "amount": "1200.00",
        "role": "manager",
    }


# --- when an approval holds ---------------------------------------------------------------------


@pytest.mark.usefixtures("_ap_staff")
def test_resolve_and_close_need_a_holding_approval(
    session: Session, _ap_ticket: TicketFn, _ap_rules: Rules
) -> None:
    ticket = _ap_ticket("out")
    n = ticket.number
    bill(session, _ap_rules, ticket, travel=Decimal("1200"))
    error = refused(
        session, lambda: tickets.resolve(session, by("王工", 60), n, action="a", rules=_ap_rules)
    )
    assert str(error) == (
        "error: ticket SH2611-0001 needs approval first (total 1200.00 > 1000.00) — a manager "
        "runs `shouhou --as NAME ticket approve SH2611-0001`"
    )
    charges.approve(session, by("李经理", 30), n, _ap_rules)
    # approved at 09:30: a fix recorded as done at 09:10 came before the approval
    error = refused(
        session, lambda: tickets.resolve(session, by("王工", 10), n, action="a", rules=_ap_rules)
    )
    assert error.key == "err.approval_stale"
    # the approver takes the job over afterwards: the approval no longer holds
    tickets.assign(session, by("小刘", 40), n, "李经理", _ap_rules)
    error = refused(
        session, lambda: tickets.resolve(session, by("王工", 60), n, action="a", rules=_ap_rules)
    )
    assert str(error) == (
        "error: ticket SH2611-0001 needs a new approval (total 1200.00 > 1000.00) — the approval "
        "by 李经理 no longer holds (the bill changed, or the approver has since worked on the "
        "job); run `shouhou --as NAME ticket approve SH2611-0001`"
    )
    charges.approve(session, by("Zhao Min", 45), n, _ap_rules)
    tickets.resolve(session, by("李经理", 60), n, action="a", rules=_ap_rules)
    tickets.close(session, by("小刘", 90), n, _ap_rules)
    assert ticket.status == "closed"


@pytest.mark.usefixtures("_ap_staff")
def test_a_changed_cost_needs_a_new_approval(
    session: Session, _ap_ticket: TicketFn, _ap_rules: Rules
) -> None:
    """The approval is for an amount: a new catalogue cost changes the 三包 cost to the firm
    even when no charge line changed."""
    part = Part(
        number="KS-V100",
        name="进气阀",
        unit="个",
        cost_cents=120000,
        price_cents=150000,
        created_at=WHEN,
        updated_at=WHEN,
    )
    session.add(part)
    ticket = _ap_ticket("in")
    bill(session, _ap_rules, ticket, parts=[PartLine("KS-V100", Decimal(1), Decimal("1500"))])
    assert charges.approval_needed(session, ticket, _ap_rules) == (
        "cost to the firm 1200.00 > 1000.00"
    )
    charges.approve(session, by("李经理"), ticket.number, _ap_rules)
    part.cost_cents = 130000
    session.add(part)
    session.flush()
    error = refused(
        session,
        lambda: tickets.resolve(session, by("王工", 5), ticket.number, action="a", rules=_ap_rules),
    )
    assert error.key == "err.approval_stale"
    assert error.fields["reason"] == "cost to the firm 1300.00 > 1000.00"
    charges.approve(session, by("李经理", 1), ticket.number, _ap_rules)
    tickets.resolve(session, by("王工", 5), ticket.number, action="a", rules=_ap_rules)


@pytest.mark.usefixtures("_ap_staff")
def test_close_refuses_a_job_resolved_without_its_approval(
    session: Session, _ap_ticket: TicketFn, _ap_rules: Rules
) -> None:
    """A ticket resolved before the rule (or by an older version): closing it waits for the
    approval it should have had."""
    ticket = _ap_ticket("out")
    ticket.status = "resolved"
    ticket.resolved_at = WHEN
    session.add(ticket)
    session.flush()
    error = refused(
        session, lambda: tickets.close(session, by("小刘", 5), ticket.number, _ap_rules)
    )
    assert str(error) == (
        "error: ticket SH2611-0001 needs approval first (free repair out of warranty) — the "
        "general manager runs `shouhou --as NAME ticket approve SH2611-0001`"
    )
    charges.approve(session, by("赵总", 10), ticket.number, _ap_rules)
    tickets.close(session, by("小刘", 20), ticket.number, _ap_rules)
    assert ticket.status == "closed"


@pytest.mark.usefixtures("_ap_staff")
def test_approval_given_before_its_basis_was_recorded(
    session: Session, _ap_ticket: TicketFn, _ap_rules: Rules
) -> None:
    """Approvals from before this version recorded only their reason: they hold while the
    reason reads the same."""
    ticket = _ap_ticket("out")
    bill(session, _ap_rules, ticket, travel=Decimal("1200"))
    ticket.approved_by, ticket.approved_at = "李经理", WHEN
    audit.record(
        session,
        by("李经理"),
        entity="ticket",
        entity_id=ticket.id or 0,
        action="approve",
        changes={"reason": "total 1200.00 > 1000.00"},
    )
    charges.require_approval(session, ticket, _ap_rules, at=WHEN)
    config.set_value(session, by("admin"), "approval.threshold", "1100")
    with pytest.raises(DomainError) as info:
        charges.require_approval(session, ticket, load_rules(session, zone=SH))
    assert info.value.key == "err.approval_stale"
