"""services/returns: spare-unit loans 备用机 and returns/exchanges 退货/换货 (DOMAIN §1–§2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from shouhou.errors import DomainError, NotFound, ShouhouError, UsageError
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device, components_of, get_device, warranty_of
from shouhou.services.customers.files import customer_file
from shouhou.services.tickets import intake, records, returns
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.sla import Rules, load_rules

if TYPE_CHECKING:
    from sqlmodel import Session

SH = ZoneInfo("Asia/Shanghai")


def by(actor: str, text: str = "2026-11-23 10:00") -> Stamp:
    return Stamp(actor, datetime.fromisoformat(text).replace(tzinfo=SH))


@pytest.fixture
def _tk_rules(session: Session) -> Rules:
    return load_rules(session, zone=SH)


@pytest.fixture
def _tk_number(session: Session, _tk_rules: Rules) -> str:
    """Ticket SH2611-0001 on S1 (accepted 2025-06-01, 24 months, motor 120 months)."""
    stamp = by("clerk", "2026-11-23 09:00")
    customer = add_customer(session, stamp, name="ACME")
    assert customer.id is not None
    add_customer(session, stamp, name="Other")
    device = add_device(
        session,
        stamp,
        customer_id=customer.id,
        model="KS-200",
        serial="S1",
        brand="天控",
        purchase_date=date(2025, 5, 20),
        accepted_on=date(2025, 6, 1),
        warranty_months=24,
        components=[("motor", 120), ("piping", 12)],
    )
    result = intake.open_ticket(
        session,
        stamp,
        customer_id=customer.id,
        severity="1",
        symptom="停机",
        received_at=stamp.at,
        rules=_tk_rules,
        device_id=device.id,
    )
    return result.ticket.number


def refused(session: Session, error: type[ShouhouError], call: Callable[[], object]) -> str:
    with pytest.raises(error) as info, session.begin_nested():
        call()
    return str(info.value)


def test_loan_and_return(session: Session, _tk_number: str) -> None:
    ticket, loan = returns.lend(session, by("王工"), _tk_number, unit_serial=" SPARE-07 ")
    assert loan.unit_serial == "SPARE-07" and loan.returned_at is None
    assert ticket.id is not None
    assert [x.unit_serial for x in returns.open_loans(session, ticket.id)] == ["SPARE-07"]
    record = customer_file(session, ticket.customer_id, on=date(2026, 11, 23))
    assert [(x["ticket"], x["unit_serial"]) for x in record["loans_out"]] == [
        (_tk_number, "SPARE-07")
    ]
    assert (
        refused(
            session,
            DomainError,
            lambda: returns.lend(session, by("王工"), _tk_number, unit_serial="SPARE-07"),
        )
        == "error: spare unit SPARE-07 is already out on loan — return it first"
    )
    back = returns.take_back(session, by("王工", "2026-11-24 09:00"), _tk_number)
    assert [x.unit_serial for x in back] == ["SPARE-07"]
    assert back[0].returned_at == by("x", "2026-11-24 09:00").at
    assert returns.open_loans(session, ticket.id) == []
    assert customer_file(session, ticket.customer_id, on=date(2026, 11, 24))["loans_out"] == []
    assert (
        refused(session, NotFound, lambda: returns.take_back(session, by("王工"), _tk_number))
        == "error: ticket SH2611-0001 has no spare unit out — nothing to return"
    )
    # the unit may go out again, and the history keeps both loans
    returns.lend(session, by("王工", "2026-11-25 09:00"), _tk_number, unit_serial="SPARE-07")
    assert len(returns.loans_of(session, ticket.id)) == 2


def test_loan_return_one_unit(session: Session, _tk_number: str) -> None:
    returns.lend(session, by("王工"), _tk_number, unit_serial="A")
    returns.lend(session, by("王工"), _tk_number, unit_serial="B")
    back = returns.take_back(session, by("王工"), _tk_number, unit_serial="B")
    assert [x.unit_serial for x in back] == ["B"]
    ticket = records.get_ticket(session, _tk_number)
    assert ticket.id is not None
    assert [x.unit_serial for x in returns.open_loans(session, ticket.id)] == ["A"]


def test_loan_refusals(session: Session, _tk_number: str, _tk_rules: Rules) -> None:
    assert (
        refused(
            session,
            UsageError,
            lambda: returns.lend(session, by("王工"), _tk_number, unit_serial=" "),
        )
        == "error: unit is required — give --unit"
    )
    tickets.cancel(session, by("clerk"), _tk_number, reason="误报", rules=_tk_rules)
    assert (
        refused(
            session,
            DomainError,
            lambda: returns.lend(session, by("王工"), _tk_number, unit_serial="X"),
        )
        == "error: ticket SH2611-0001 is cancelled — reopen it first (`shouhou ticket reopen`)"
    )


def test_exchange_registers_replacement_with_remaining_warranty(
    session: Session, _tk_number: str, _tk_rules: Rules
) -> None:
    tickets.diagnose(
        session, by("王工"), _tk_number, cause="quality", finding="主机故障", rules=_tk_rules
    )
    ticket, record = returns.record_return(
        session,
        by("李经理"),
        _tk_number,
        kind="exchange",
        reason="三包",
        condition="完好",
        opinion="同意换货",
        replacement_serial="S1-R",
    )
    faulty = get_device(session, "S1")
    new = get_device(session, "S1-R")
    assert (record.kind, record.faulty_serial, record.replacement_serial) == (
        "exchange",
        "S1",
        "S1-R",
    )
    assert record.replacement_device_id == new.id
    assert (new.customer_id, new.model, new.brand) == (faulty.customer_id, "KS-200", "天控")
    assert new.accepted_on == date(2025, 6, 1)  # the original warranty is not extended
    assert new.purchase_date == date(2025, 5, 20)
    assert new.replaces_device_id == faulty.id
    assert new.id is not None
    assert components_of(session, new.id) == [("motor", 120), ("piping", 12)]
    verdict = warranty_of(session, new, date(2026, 11, 23))
    assert [(line.component, str(line.until)) for line in verdict.lines] == [
        ("unit", "2027-05-31"),
        ("motor", "2035-05-31"),
        ("piping", "2026-05-31"),
    ]
    assert ticket.id is not None
    assert [r.kind for r in returns.returns_of(session, ticket.id)] == ["exchange"]


def test_plain_return_needs_no_replacement(session: Session, _tk_number: str) -> None:
    _, record = returns.record_return(
        session,
        by("李经理"),
        _tk_number,
        kind="return",
        reason="r",
        condition="c",
        opinion="o",
        replacement_serial="IGNORED",
    )
    assert record.replacement_serial is None and record.replacement_device_id is None
    assert refused(session, NotFound, lambda: get_device(session, "IGNORED"))


def test_return_refusals(session: Session, _tk_number: str, _tk_rules: Rules) -> None:
    def call(**overrides: str | None) -> Callable[[], object]:
        fields: dict[str, str | None] = {
            "kind": "exchange",
            "reason": "r",
            "condition": "c",
            "opinion": "o",
            "replacement_serial": "S9",
        }
        fields.update(overrides)
        return lambda: returns.record_return(session, by("李经理"), _tk_number, **fields)  # type: ignore[arg-type]

    assert refused(session, UsageError, call(kind="refund")) == (
        "error: kind 'refund' is not allowed — accepted: return|exchange"
    )
    assert refused(session, UsageError, call(opinion=" ")) == (
        "error: opinion is required — give --opinion"
    )
    assert refused(session, UsageError, call(replacement_serial=None)) == (
        "error: replacement is required — give --replacement"
    )
    assert refused(session, DomainError, call(replacement_serial="S1")).startswith(
        "error: serial S1 already exists"
    )
    tickets.diagnose(
        session, by("王工"), _tk_number, cause="misuse", finding="进水", rules=_tk_rules
    )
    assert refused(session, DomainError, call()) == (
        "error: ticket SH2611-0001 was caused by misuse — human damage is "
        "excluded from returns and exchanges"
    )
    assert refused(session, NotFound, lambda: get_device(session, "S9"))  # nothing was created


def test_return_without_device_or_on_cancelled(
    session: Session, _tk_number: str, _tk_rules: Rules
) -> None:
    ticket = records.get_ticket(session, _tk_number)
    bare = intake.open_ticket(
        session,
        by("clerk"),
        customer_id=ticket.customer_id,
        severity="3",
        symptom="?",
        received_at=by("clerk").at,
        rules=_tk_rules,
    ).ticket

    def call(number: str) -> Callable[[], object]:
        return lambda: returns.record_return(
            session, by("李经理"), number, kind="return", reason="r", condition="c", opinion="o"
        )

    assert refused(session, DomainError, call(bare.number)) == (
        "error: ticket SH2611-0002 has no device — a return needs the product"
    )
    tickets.cancel(session, by("clerk"), _tk_number, reason="误报", rules=_tk_rules)
    assert refused(session, DomainError, call(_tk_number)) == (
        "error: ticket SH2611-0001 is cancelled — reopen it first (`shouhou ticket reopen`)"
    )
