"""services/parts/issuing: the stock follows the bill (issue 12 item 3, DOMAIN §4 领用/退库).

For each catalogue part on a ticket: wanted = Σ quantity of its part lines, held = − Σ the
ticket's issue/return movements; wanted > held issues the difference (never below zero: the
whole command fails), wanted < held returns it. Key parts and issues worth more than
``parts.approval_threshold`` (default 1000.00) need an approver: a supervisor or above, not the
one issuing, no hand in the job. Expected figures are worked out by hand in each docstring.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from shouhou.errors import DomainError, InvalidTransition, NotFound, ShouhouError, UsageError
from shouhou.i18n import translate
from shouhou.services import audit, config, users
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.parts import issuing, ledger
from shouhou.services.tickets import charges, intake
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.sla import Rules, load_rules

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Part, StockMove, Ticket

SH = ZoneInfo("Asia/Shanghai")
WHEN = datetime(2026, 11, 23, 9, 0, tzinfo=SH)


def by(actor: str, at: datetime = WHEN) -> Stamp:
    return Stamp(actor, at)


def make_part(
    session: Session,
    number: str,
    *,
    name: str = "配件",
    unit: str = "件",
    cost: int | None = None,
    price: int | None = None,
    key: bool = False,
    core: bool = False,
    stock: int = 0,
) -> Part:
    """A catalogue part (``cost``/``price`` in cents) with ``stock`` received."""
    from shouhou.models import Part

    part = Part(
        number=number,
        name=name,
        unit=unit,
        cost_cents=cost,
        price_cents=price,
        key_part=key,
        core_return=core,
        created_at=WHEN,
        updated_at=WHEN,
    )
    session.add(part)
    session.flush()
    if stock:
        ledger.move(session, by("库管", datetime(2026, 11, 1, 9, tzinfo=SH)), part, kind="receive",
                    quantity=stock)  # fmt: skip
    return part


def ticket_moves(session: Session, ticket: Ticket) -> list[tuple[str, int, str | None]]:
    from sqlmodel import col, select

    from shouhou.models import StockMove

    rows: list[StockMove] = list(
        session.exec(
            select(StockMove).where(StockMove.ticket_id == ticket.id).order_by(col(StockMove.id))
        )
    )
    return [(m.kind, m.quantity, m.approved_by) for m in rows]


def refused(
    session: Session, error: type[ShouhouError], call: Callable[[], object]
) -> ShouhouError:
    """The refusal, inside a savepoint rolled back with it (what the CLI's transaction does)."""
    with pytest.raises(error) as info, session.begin_nested():
        call()
    return info.value


def english(error: ShouhouError) -> str:
    return translate("en", error.key, **error.fields)


TicketFn = Callable[..., "Ticket"]


@pytest.fixture
def rules(session: Session) -> Rules:
    return load_rules(session, zone=SH)


@pytest.fixture
def job(session: Session, rules: Rules) -> TicketFn:
    """A ticket assigned to 王工 and diagnosed (cause quality) on a device in warranty (S-IN,
    accepted 2026-01-01) or out of it (S-OUT, accepted 2020-01-01)."""
    stamp = by("小刘")
    customer = add_customer(session, stamp, name="天津天控")
    assert customer.id is not None
    devices = {
        "in": add_device(
            session,
            stamp,
            customer_id=customer.id,
            model="KS-200",
            serial="S-IN",
            accepted_on=date(2026, 1, 1),
        ),  # fmt: skip
        "out": add_device(
            session,
            stamp,
            customer_id=customer.id,
            model="KS-200",
            serial="S-OUT",
            accepted_on=date(2020, 1, 1),
        ),  # fmt: skip
    }

    def make(warranty: str = "out") -> Ticket:
        result = intake.open_ticket(
            session,
            stamp,
            customer_id=customer.id or 0,
            severity="3",
            symptom="排气温度高",
            received_at=WHEN,
            rules=rules,
            device_id=devices[warranty].id,
        )
        number = result.ticket.number
        tickets.assign(session, stamp, number, "王工", rules)
        tickets.diagnose(
            session, by("王工"), number, cause="quality", finding="阀片断", rules=rules
        )
        return result.ticket

    return make


def charge(
    session: Session, rules: Rules, ticket: Ticket, *parts: str, actor: str = "王工", **kw: object
) -> issuing.Charged:
    return issuing.charge_ticket(
        session,
        by(actor),
        ticket.number,
        rules=rules,
        parts=[charges.parse_part(p) for p in parts],
        **kw,  # type: ignore[arg-type]
    )


# -- the stock follows the bill --------------------------------------------------------------


def test_charging_a_catalogue_part_issues_it(session: Session, rules: Rules, job: TicketFn) -> None:
    """5 in stock, the bill says 2: one issue of −2, 3 left; the line names the part."""
    part = make_part(session, "KS-F020", name="排气阀片", cost=6000, price=12000, stock=5)
    ticket = job()
    done = charge(session, rules, ticket, "KS-F020:2")
    assert [(m.number, m.quantity, m.left) for m in done.moves] == [("KS-F020", -2, 3)]
    assert ledger.on_hand(session, part.id or 0) == 3
    assert ticket_moves(session, ticket) == [("issue", -2, None)]
    lines = charges.lines_of(session, ticket.id or 0)
    assert [(line.part_id, line.quantity) for line in lines] == [(part.id, "2")]
    assert issuing.held_by_ticket(session, ticket.id or 0) == {part.id: 2}


def test_the_issue_records_cost_ticket_and_actor(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    from sqlmodel import select

    from shouhou.models import StockMove

    make_part(session, "KS-F020", cost=6000, price=12000, stock=5)
    ticket = job()
    charge(session, rules, ticket, "KS-F020:1")
    move = session.exec(select(StockMove).where(StockMove.kind == "issue")).one()
    assert (move.unit_cost_cents, move.ticket_id, move.actor, move.reference, move.at) == (
        6000, ticket.id, "王工", ticket.number, WHEN
    )  # fmt: skip


def test_correcting_the_charge_returns_the_difference(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """Held 3 (left 7 of 10); the bill corrected to 1: return +2 → left 9; the part dropped
    from the bill (another part instead): return +1 → left 10, held 0."""
    part = make_part(session, "KS-F020", price=12000, stock=10)
    make_part(session, "KS-G001", price=500, stock=4)
    ticket = job()
    charge(session, rules, ticket, "KS-F020:3")
    assert ledger.on_hand(session, part.id or 0) == 7
    done = charge(session, rules, ticket, "KS-F020:1")
    assert [(m.quantity, m.left) for m in done.moves] == [(2, 9)]
    done = charge(session, rules, ticket, "KS-G001:1")
    assert [(m.number, m.quantity, m.left) for m in done.moves] == [
        ("KS-F020", 1, 10),
        ("KS-G001", -1, 3),
    ]
    assert ticket_moves(session, ticket) == [
        ("issue", -3, None),
        ("return", 2, None),
        ("return", 1, None),
        ("issue", -1, None),
    ]


def test_same_part_on_two_lines_is_summed(session: Session, rules: Rules, job: TicketFn) -> None:
    """KS-F020:1 at the catalogue price and KS-F020:2 at a typed 100.00: wanted 1 + 2 = 3."""
    make_part(session, "KS-F020", price=12000, stock=3)
    ticket = job()
    done = charge(session, rules, ticket, "KS-F020:1", "KS-F020:2:100")
    assert [(m.quantity, m.left) for m in done.moves] == [(-3, 0)]
    assert done.totals.parts == Decimal("320.00")  # 1 × 120.00 + 2 × 100.00


def test_labour_only_charge_moves_nothing(session: Session, rules: Rules, job: TicketFn) -> None:
    make_part(session, "KS-F020", price=12000, stock=3)
    ticket = job()
    charge(session, rules, ticket, "KS-F020:2")
    done = issuing.charge_ticket(
        session, by("王工"), ticket.number, rules=rules, labor_hours=Decimal("2")
    )
    assert done.moves == ()
    assert ticket_moves(session, ticket) == [("issue", -2, None)]


def test_a_part_not_in_the_catalogue_moves_no_stock(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    ticket = job()
    done = charge(session, rules, ticket, "密封圈:1.5:3")
    assert done.moves == ()
    assert charges.lines_of(session, ticket.id or 0)[0].part_id is None


def test_short_stock_refuses_the_whole_charge(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """1 on the shelf, 2 wanted: err.stock_short saying 1 is left; the bill keeps its line."""
    make_part(session, "KS-F020", price=12000, stock=3)
    part = make_part(session, "KS-V100", price=15000, stock=1)
    ticket = job()
    charge(session, rules, ticket, "KS-F020:1")
    error = refused(
        session, DomainError, lambda: charge(session, rules, ticket, "KS-F020:1", "KS-V100:2")
    )
    assert error.key == "err.stock_short"
    assert english(error).startswith("error: only 1 件 of KS-V100 in stock, 2 wanted — ")
    assert ledger.on_hand(session, part.id or 0) == 1
    assert [line.description for line in charges.lines_of(session, ticket.id or 0)] == [
        "配件 (KS-F020)"
    ]


def test_a_fractional_quantity_of_a_stocked_part_is_a_usage_error(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    make_part(session, "KS-F020", name="排气阀片", price=12000, stock=3)
    ticket = job()
    error = refused(session, UsageError, lambda: charge(session, rules, ticket, "KS-F020:1.5"))
    assert english(error) == (
        "error: 1.5 件 of KS-F020 is not a whole number — stock is counted in whole units: "
        "give a whole quantity (e.g. KS-F020:2)"
    )
    assert ticket_moves(session, ticket) == []
    # 0.5 + 1.5 = 2.0 is whole: issued as 2
    done = charge(session, rules, ticket, "KS-F020:0.5", "KS-F020:1.5")
    assert [m.quantity for m in done.moves] == [-2]


def test_price_is_the_bills_and_warranty_decides_who_pays(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """DOMAIN §1: the line is priced from the catalogue (2 × 120.00 = 240.00) either way; in
    warranty (cause quality) the customer pays 0.00, out of it 240.00."""
    make_part(session, "KS-F020", cost=6000, price=12000, stock=4)
    inside, outside = job("in"), job("out")
    paid_in = charge(session, rules, inside, "KS-F020:2")
    paid_out = charge(session, rules, outside, "KS-F020:2")
    assert paid_in.totals.parts == paid_out.totals.parts == Decimal("240.00")
    assert charges.payable(paid_in.ticket, paid_in.totals) == Decimal("0.00")
    assert charges.payable(paid_out.ticket, paid_out.totals) == Decimal("240.00")


def test_the_ticket_timeline_shows_what_it_holds(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    make_part(session, "KS-F020", price=12000, stock=4)
    ticket = job()
    charge(session, rules, ticket, "KS-F020:3")
    charge(session, rules, ticket, "KS-F020:1")
    entries = [
        audit.changes_of(e)
        for e in audit.trail(session, entity="ticket", entity_id=ticket.id or 0)
        if e.action == "ticket_parts"
    ]
    assert entries == [{"KS-F020": [0, 3]}, {"KS-F020": [3, 1]}]


# -- cancel ----------------------------------------------------------------------------------


def test_cancel_returns_everything_the_ticket_holds(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """Held 2 of KS-F020 (left 1 of 3) and 1 of KS-G001 (left 0): both back, 3 and 1."""
    f020 = make_part(session, "KS-F020", price=12000, stock=3)
    g001 = make_part(session, "KS-G001", price=500, stock=1)
    ticket = job()
    charge(session, rules, ticket, "KS-F020:2", "KS-G001:1")
    cancelled, moves = issuing.cancel_ticket(
        session, by("小刘"), ticket.number, reason="误报", rules=rules
    )
    assert cancelled.status == "cancelled"
    assert [(m.number, m.quantity, m.left) for m in moves] == [
        ("KS-F020", 2, 3),
        ("KS-G001", 1, 1),
    ]
    assert (ledger.on_hand(session, f020.id or 0), ledger.on_hand(session, g001.id or 0)) == (3, 1)
    assert issuing.held_by_ticket(session, ticket.id or 0) == {}


def test_cancel_without_parts_moves_nothing(session: Session, rules: Rules, job: TicketFn) -> None:
    ticket = job()
    _, moves = issuing.cancel_ticket(session, by("小刘"), ticket.number, reason="误报", rules=rules)
    assert moves == ()


def test_a_cancelled_ticket_takes_no_parts(session: Session, rules: Rules, job: TicketFn) -> None:
    make_part(session, "KS-F020", price=12000, stock=3)
    ticket = job()
    issuing.cancel_ticket(session, by("小刘"), ticket.number, reason="误报", rules=rules)
    error = refused(session, InvalidTransition, lambda: charge(session, rules, ticket, "KS-F020:1"))
    assert error.key == "err.ticket_closed"


# -- approval --------------------------------------------------------------------------------


@pytest.fixture
def staff(session: Session) -> None:
    for name, role in (
        ("王工", "engineer"),
        ("周主管", "supervisor"),
        ("李经理", "manager"),
        ("赵总", "general-manager"),
        ("小刘", "clerk"),
    ):
        users.add_user(session, by("admin"), name=name, role=role)


@pytest.mark.usefixtures("staff")
def test_a_key_part_needs_an_approver(session: Session, rules: Rules, job: TicketFn) -> None:
    """A key part needs one whatever its value (1 × 50.00)."""
    make_part(session, "KS-C001", cost=5000, price=8000, key=True, stock=2)
    ticket = job()
    error = refused(session, DomainError, lambda: charge(session, rules, ticket, "KS-C001:1"))
    assert english(error) == (
        f"error: issuing 1 件 of KS-C001 to ticket {ticket.number} needs an approver (value "
        "50.00, key part) — add --approved-by NAME: a supervisor, manager or general manager "
        "who has no hand in the job"
    )
    assert translate("zh", error.key, **error.fields).startswith(
        f"错误：向工单 {ticket.number} 领用 KS-C001 1 件 需要审批人（金额 50.00，关键件）"
    )
    done = charge(session, rules, ticket, "KS-C001:1", approved_by="周主管")
    assert [m.approved_by for m in done.moves] == ["周主管"]
    assert ticket_moves(session, ticket) == [("issue", -1, "周主管")]


@pytest.mark.usefixtures("staff")
def test_value_above_the_threshold_needs_an_approver(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """KS-V100 costs 600.00. 1 → 600.00 ≤ 1000.00: no approver. 2 → 1200.00 > 1000.00:
    needed — also when the ticket already holds 1 and only 1 more is issued (the value is
    what the ticket will hold: 2 × 600.00)."""
    make_part(session, "KS-V100", cost=60000, price=150000, stock=5)
    ticket = job()
    assert [m.quantity for m in charge(session, rules, ticket, "KS-V100:1").moves] == [-1]
    error = refused(session, DomainError, lambda: charge(session, rules, ticket, "KS-V100:2"))
    assert error.key == "err.issue_approval_missing"
    assert (error.fields["quantity"], str(error.fields["value"])) == (1, "1200.00")
    assert "above 1000.00" in english(error)
    done = charge(session, rules, ticket, "KS-V100:2", approved_by="李经理")
    assert [(m.quantity, m.approved_by) for m in done.moves] == [(-1, "李经理")]


@pytest.mark.usefixtures("staff")
def test_value_exactly_at_the_threshold_needs_none(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """2 × 500.00 = 1000.00: not above 1000.00."""
    make_part(session, "KS-V200", cost=50000, price=90000, stock=2)
    ticket = job()
    assert [m.approved_by for m in charge(session, rules, ticket, "KS-V200:2").moves] == [None]


@pytest.mark.usefixtures("staff")
def test_no_cost_values_the_part_at_its_price(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """No cost, price 600.00: 2 × 600.00 = 1200.00 > 1000.00. Neither: the bill's typed
    price, 2 × 501.00 = 1002.00 > 1000.00."""
    make_part(session, "KS-P", price=60000, stock=2)
    make_part(session, "KS-N", stock=2)
    ticket = job()
    error = refused(session, DomainError, lambda: charge(session, rules, ticket, "KS-P:2"))
    assert str(error.fields["value"]) == "1200.00"
    error = refused(session, DomainError, lambda: charge(session, rules, ticket, "KS-N:2:501"))
    assert str(error.fields["value"]) == "1002.00"


@pytest.mark.usefixtures("staff")
def test_the_threshold_is_a_setting(session: Session, rules: Rules, job: TicketFn) -> None:
    """parts.approval_threshold 500.00: 1 × 600.00 now needs an approver."""
    make_part(session, "KS-V100", cost=60000, price=150000, stock=2)
    config.set_value(session, by("admin"), "parts.approval_threshold", "500")
    strict = load_rules(session, zone=SH)
    ticket = job()
    error = refused(session, DomainError, lambda: charge(session, strict, ticket, "KS-V100:1"))
    assert "above 500.00" in english(error)


@pytest.mark.usefixtures("staff")
def test_returns_need_no_approver(session: Session, rules: Rules, job: TicketFn) -> None:
    make_part(session, "KS-C001", cost=5000, key=True, price=8000, stock=2)
    ticket = job()
    charge(session, rules, ticket, "KS-C001:2", approved_by="周主管")
    assert [m.quantity for m in charge(session, rules, ticket, "KS-C001:1").moves] == [1]


@pytest.mark.usefixtures("staff")
@pytest.mark.parametrize(
    ("approver", "actor", "key", "text"),
    [
        (
            "小刘",
            "王工",
            "err.issue_approver_role",
            "error: 小刘 (clerk) cannot approve parts for ticket {n} — it needs a supervisor, "
            "manager or general manager (`shouhou user list`)",
        ),
        (
            "周主管",
            "周主管",
            "err.issue_self_approval",
            "error: 周主管 is issuing the parts for ticket {n} and cannot approve them too — "
            "another person approves (--approved-by NAME)",
        ),
        (
            "钱主管",
            "王工",
            "err.issue_approver_unknown",
            "error: 钱主管 is not a user and cannot approve parts for ticket {n} — name a user "
            "with the role supervisor or above (`shouhou user list`)",
        ),
    ],
)
def test_who_may_not_approve(
    session: Session,
    rules: Rules,
    job: TicketFn,
    approver: str,
    actor: str,
    key: str,
    text: str,
) -> None:
    """DOMAIN §1 / issue 12: a supervisor or above, not the one issuing, no hand in the job."""
    make_part(session, "KS-C001", cost=5000, price=8000, key=True, stock=2)
    ticket = job()
    error = refused(
        session,
        DomainError,
        lambda: charge(session, rules, ticket, "KS-C001:1", actor=actor, approved_by=approver),
    )
    assert (error.key, english(error)) == (key, text.format(n=ticket.number))
    assert ticket_moves(session, ticket) == []


@pytest.mark.usefixtures("staff")
def test_an_approver_who_entered_charges_is_on_the_job(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """周主管 charged travel on the ticket: a hand in it (``tickets.approvals``)."""
    make_part(session, "KS-C001", cost=5000, price=8000, key=True, stock=2)
    ticket = job()
    charges.set_charges(session, by("周主管"), ticket.number, rules=rules, travel=Decimal("50"))
    error = refused(
        session,
        DomainError,
        lambda: charge(session, rules, ticket, "KS-C001:1", approved_by="周主管"),
    )
    assert english(error) == (
        f"error: 周主管 worked on ticket {ticket.number} (entered its charges) and cannot "
        "approve its parts — name someone who had no hand in the job (--approved-by NAME)"
    )
    assert charge(session, rules, ticket, "KS-C001:1", approved_by="赵总").moves[0].quantity == -1


@pytest.mark.usefixtures("staff")
def test_an_inactive_approver_is_refused(session: Session, rules: Rules, job: TicketFn) -> None:
    make_part(session, "KS-C001", cost=5000, price=8000, key=True, stock=2)
    users.set_active(session, by("admin"), "周主管", active=False)
    ticket = job()
    error = refused(
        session,
        DomainError,
        lambda: charge(session, rules, ticket, "KS-C001:1", approved_by="周主管"),
    )
    assert error.key == "err.user_inactive"


@pytest.mark.usefixtures("staff")
def test_the_approver_is_matched_as_a_person(session: Session, rules: Rules, job: TicketFn) -> None:
    """ " 周主管　" (spaces, an ideographic one) is 周主管: stored in the user's spelling."""
    make_part(session, "KS-C001", cost=5000, price=8000, key=True, stock=2)
    ticket = job()
    done = charge(session, rules, ticket, "KS-C001:1", approved_by=" 周主管　")
    assert done.moves[0].approved_by == "周主管"


# -- part issue / part restock ---------------------------------------------------------------


def test_issue_adds_to_the_bill_and_issues(session: Session, rules: Rules, job: TicketFn) -> None:
    """Bill: travel 50.00 and KS-F020 × 1 at 120.00. part issue KS-F020 2 → the line becomes
    3 × 120.00 = 360.00 (travel kept), 2 more issued: 5 − 1 − 2 = 2 left."""
    part = make_part(session, "KS-F020", name="排气阀片", price=12000, stock=5)
    ticket = job()
    issuing.charge_ticket(
        session, by("王工"), ticket.number, rules=rules, travel=Decimal("50"),
        parts=[charges.parse_part("KS-F020:1")],
    )  # fmt: skip
    done = issuing.issue_to_ticket(session, by("王工"), ticket.number, "ks-f020", 2, rules=rules)
    assert [(m.quantity, m.left) for m in done.moves] == [(-2, 2)]
    lines = charges.lines_of(session, ticket.id or 0)
    assert [(x.kind, x.description, x.quantity, x.amount_cents) for x in lines] == [
        ("travel", "travel", "1", 5000),
        ("part", "排气阀片 (KS-F020)", "3", 36000),
    ]
    assert ledger.on_hand(session, part.id or 0) == 2


def test_issue_keeps_a_typed_price_on_its_own_line(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """The bill has KS-F020 × 1 at a typed 100.00; issuing 1 more adds a line at the catalogue
    price 120.00 — the typed line keeps its price. Other lines stay (阀片 30.00)."""
    make_part(session, "KS-F020", name="排气阀片", price=12000, stock=5)
    ticket = job()
    charge(session, rules, ticket, "KS-F020:1:100", "阀片:1:30")
    issuing.issue_to_ticket(session, by("王工"), ticket.number, "KS-F020", 1, rules=rules)
    lines = charges.lines_of(session, ticket.id or 0)
    assert [(x.description, x.quantity, x.unit_price_cents) for x in lines] == [
        ("排气阀片 (KS-F020)", "1", 10000),
        ("阀片", "1", 3000),
        ("排气阀片 (KS-F020)", "1", 12000),
    ]
    assert ticket_moves(session, ticket) == [("issue", -1, None), ("issue", -1, None)]


def test_issue_refuses_what_the_shelf_lacks_naming_what_is_left(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    make_part(session, "KS-F020", price=12000, stock=1)
    ticket = job()
    error = refused(
        session,
        DomainError,
        lambda: issuing.issue_to_ticket(
            session, by("王工"), ticket.number, "KS-F020", 2, rules=rules
        ),
    )
    assert (error.key, error.fields["left"], error.fields["wanted"]) == ("err.stock_short", 1, 2)
    assert charges.lines_of(session, ticket.id or 0) == []


def test_issue_checks_part_quantity_and_ticket(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    make_part(session, "KS-F020", price=12000, stock=1)
    ticket = job()
    unknown = refused(
        session,
        NotFound,
        lambda: issuing.issue_to_ticket(
            session, by("王工"), ticket.number, "KS-XX", 1, rules=rules
        ),
    )
    assert unknown.key == "err.part_not_found"
    zero = refused(
        session,
        UsageError,
        lambda: issuing.issue_to_ticket(
            session, by("王工"), ticket.number, "KS-F020", 0, rules=rules
        ),
    )
    assert zero.key == "err.stock_quantity"
    charge(session, rules, ticket, "KS-F020:1")  # 120.00 paid: resolvable without approval
    tickets.resolve(session, by("王工"), ticket.number, action="换阀片", rules=rules)
    resolved = refused(
        session,
        InvalidTransition,
        lambda: issuing.issue_to_ticket(
            session, by("王工"), ticket.number, "KS-F020", 1, rules=rules
        ),
    )
    assert resolved.key == "err.transition"


def test_restock_takes_from_the_last_lines_first(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """Lines KS-F020 × 2 at 120.00 then × 1 at 100.00; restock 2: the 100.00 line goes (1),
    then 1 off the first → one line 1 × 120.00; 2 back: 5 − 3 + 2 = 4 on hand."""
    part = make_part(session, "KS-F020", name="排气阀片", price=12000, stock=5)
    ticket = job()
    charge(session, rules, ticket, "KS-F020:2", "KS-F020:1:100")
    done = issuing.restock_from_ticket(
        session, by("王工"), ticket.number, "KS-F020", 2, rules=rules
    )
    assert [(m.quantity, m.left) for m in done.moves] == [(2, 4)]
    lines = charges.lines_of(session, ticket.id or 0)
    assert [(x.quantity, x.unit_price_cents) for x in lines] == [("1", 12000)]
    assert ledger.on_hand(session, part.id or 0) == 4


def test_restock_more_than_billed_is_refused(session: Session, rules: Rules, job: TicketFn) -> None:
    make_part(session, "KS-F020", price=12000, stock=5)
    ticket = job()
    charge(session, rules, ticket, "KS-F020:1")
    error = refused(
        session,
        DomainError,
        lambda: issuing.restock_from_ticket(
            session, by("王工"), ticket.number, "KS-F020", 2, rules=rules
        ),
    )
    assert english(error) == (
        f"error: ticket {ticket.number} has 1 件 of KS-F020 on its bill, 2 cannot go back — "
        f"return at most 1 (`shouhou ticket show {ticket.number}`)"
    )


def test_restock_of_everything_empties_the_part_lines(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    make_part(session, "KS-F020", price=12000, stock=5)
    ticket = job()
    charge(session, rules, ticket, "KS-F020:2")
    done = issuing.restock_from_ticket(
        session, by("王工"), ticket.number, "KS-F020", 2, rules=rules
    )
    assert done.totals.parts == Decimal("0.00")
    assert issuing.held_by_ticket(session, ticket.id or 0) == {}


@pytest.mark.usefixtures("staff")
def test_issue_to_ticket_takes_the_approver(session: Session, rules: Rules, job: TicketFn) -> None:
    make_part(session, "KS-C001", cost=5000, price=8000, key=True, stock=2)
    ticket = job()
    done = issuing.issue_to_ticket(
        session, by("王工"), ticket.number, "KS-C001", 1, rules=rules, approved_by="周主管"
    )
    assert done.moves[0].approved_by == "周主管"


@pytest.mark.usefixtures("staff")
def test_the_shelf_is_checked_before_the_approval(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """A key part none of which is on the shelf: refused for the stock (0 left) — an approver
    would not help."""
    make_part(session, "KS-C001", cost=5000, price=8000, key=True)
    ticket = job()
    error = refused(session, DomainError, lambda: charge(session, rules, ticket, "KS-C001:1"))
    assert (error.key, error.fields["left"]) == ("err.stock_short", 0)
