"""The ticket state machine under random command sequences (hypothesis).

Each command runs in its own write session, as a CLI command does, and a refused command is
rolled back. Whatever the sequence: the status stays inside ``TRANSITIONS``' graph and every
change follows one of its edges; closed and cancelled tickets refuse work; the status log is
append-only and agrees with the ticket (status, waiting).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from shouhou import db
from shouhou.errors import ShouhouError
from shouhou.models import Device
from shouhou.services.audit import Stamp
from shouhou.services.tickets import charges, intake, records, returns
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.sla import CLOSED_STATES, load_rules, pauses_from

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 11, 23, 9, 0, tzinfo=SH)

# Commands that do work on a ticket: a closed or cancelled ticket must refuse every one.
WORK = (
    "assign",
    "respond",
    "mode",
    "arrive",
    "diagnose",
    "charge",
    "waive",
    "approve",
    "resolve",
    "wait",
    "escalate",
    "loan",
)
OTHER = ("close", "reopen", "cancel", "resume", "loan_return")
TARGETS = {"resolve": "resolved", "close": "closed", "cancel": "cancelled", "reopen": "in_progress"}

Run = Callable[[Any, Stamp, str, Any, Any], object]


def _run(command: str, choice: int) -> Run:
    engineers = ("王工", "李工")
    causes = ("quality", "misuse", "wear", "design")
    modes = ("phone", "remote", "onsite", "depot")

    def run(s: Any, stamp: Stamp, n: str, rules: Any, _: Any) -> object:
        if command == "assign":
            return tickets.assign(s, stamp, n, engineers[choice % 2], rules)
        if command == "respond":
            return tickets.respond(s, stamp, n, rules, None)
        if command == "mode":
            return tickets.set_mode(s, stamp, n, modes[choice % 4], rules)
        if command == "arrive":
            return tickets.arrive(s, stamp, n, rules)
        if command == "diagnose":
            return tickets.diagnose(s, stamp, n, cause=causes[choice % 4], finding="f", rules=rules)
        if command == "charge":
            amount = Decimal(choice * 7 % 2000)
            return charges.set_charges(s, stamp, n, rules=rules, travel=amount)
        if command == "waive":
            return charges.set_charges(s, stamp, n, rules=rules, waive=True)
        if command == "approve":
            return charges.approve(
                s, Stamp(engineers[choice % 2] if choice % 3 else "李经理", stamp.at), n, rules
            )
        if command == "resolve":
            return tickets.resolve(s, stamp, n, action="fixed", rules=rules)
        if command == "wait":
            return tickets.wait(s, stamp, n, reason="parts", rules=rules)
        if command == "escalate":
            return tickets.escalate(s, stamp, n, to=None, rules=rules)
        if command == "loan":
            return returns.lend(s, stamp, n, unit_serial=f"SPARE-{n}-{choice % 3}")
        if command == "close":
            return tickets.close(s, stamp, n, rules)
        if command == "reopen":
            return tickets.reopen(s, stamp, n, reason="again", rules=rules)
        if command == "cancel":
            return tickets.cancel(s, stamp, n, reason="误报", rules=rules)
        if command == "resume":
            return tickets.resume(s, stamp, n, rules)
        if command == "loan_return":
            return returns.take_back(s, stamp, n)
        raise AssertionError(command)

    return run


@pytest.fixture
def _tk_device(db_url: str) -> int:
    """One customer with one in-warranty device, shared by every example of a test."""
    from shouhou.services.customers.customers import add_customer
    from shouhou.services.customers.devices import add_device

    stamp = Stamp("clerk", START)
    with db.session(db_url, write=True) as s:
        customer = add_customer(s, stamp, name="ACME")
        assert customer.id is not None
        device = add_device(
            s, stamp, customer_id=customer.id, model="M", serial="S1", accepted_on=date(2026, 1, 1)
        )
        assert device.id is not None
        return device.id


def _snapshot(s: Any, ticket_id: int) -> tuple[Any, list[tuple[Any, ...]], int]:
    from sqlalchemy import func
    from sqlmodel import select

    from shouhou.models import Ticket, TicketEvent

    ticket = s.get(Ticket, ticket_id)
    log = [(e.id, e.at, e.kind, e.status, e.actor) for e in records.events_of(s, ticket_id)]
    total = s.exec(select(func.count()).select_from(TicketEvent)).one()
    return ticket, log, total


steps_strategy = st.lists(
    st.tuples(
        st.sampled_from(WORK + OTHER),
        st.integers(min_value=0, max_value=10_000),  # choice of engineer, cause, amount…
        st.integers(min_value=1, max_value=60 * 30),  # minutes until this command
    ),
    min_size=1,
    max_size=18,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(steps=steps_strategy)
# Found by this test: cancelled while waiting, the ticket stayed waiting and took a resume.
@example(steps=[("wait", 0, 1), ("cancel", 0, 1), ("resume", 0, 1)])
@example(steps=[("diagnose", 0, 1), ("wait", 0, 1), ("resolve", 0, 1), ("resume", 0, 1)])
# Found while writing tests: a second close or cancel overwrote the first one's times.
@example(
    steps=[
        ("resolve", 0, 1),
        ("diagnose", 0, 1),
        ("resolve", 0, 1),
        ("close", 0, 1),
        ("close", 0, 1),
        ("reopen", 0, 1),
        ("cancel", 0, 1),
        ("cancel", 0, 1),
    ]
)
def test_random_command_sequences(db_url: str, _tk_device: int, steps: list[Any]) -> None:
    with db.session(db_url, write=True) as s:
        rules = load_rules(s, zone=SH)
        device = s.get(Device, _tk_device)
        assert device is not None
        customer_id = device.customer_id
        result = intake.open_ticket(
            s,
            Stamp("clerk", START),
            customer_id=customer_id,
            severity="2",
            symptom="x",
            received_at=START,
            rules=rules,
            device_id=_tk_device,
        )
        ticket_id = result.ticket.id
        number = result.ticket.number
    assert ticket_id is not None
    at = START
    with db.session(db_url) as s:
        ticket, log, total = _snapshot(s, ticket_id)
        before_status = ticket.status
    for command, choice, minutes in steps:
        at += timedelta(minutes=minutes)
        refused: ShouhouError | None = None
        try:
            with db.session(db_url, write=True) as s:
                rules = load_rules(s, zone=SH)
                _run(command, choice)(s, Stamp("王工", at), number, rules, None)
        except ShouhouError as exc:  # anything else fails the test
            refused = exc
        with db.session(db_url) as s:
            ticket, new_log, new_total = _snapshot(s, ticket_id)
            status = ticket.status
            waiting = ticket.waiting_since is not None
            pauses = pauses_from(records.events_of(s, ticket_id))
        where = f"{command} on {before_status} → {status} ({refused})"
        # the graph
        assert status in records.TRANSITIONS, where
        if status != before_status:
            assert refused is None, where
            assert status in records.TRANSITIONS[before_status], where
        # finished tickets refuse work
        if before_status in CLOSED_STATES and command in WORK:
            assert refused is not None, where
        # a command that names a state moves there, from another state (not twice)
        if command in TARGETS and refused is None:
            assert status == TARGETS[command] != before_status, where
        if before_status == "cancelled":
            assert refused is not None or command in ("loan_return",), where
        # append-only log, consistent with the ticket
        assert new_total >= total, where
        assert new_log[: len(log)] == log, where
        if refused is not None:
            assert new_log == log, where
        status_events = [entry for entry in new_log if entry[2] == "status"]
        assert status_events[-1][3] == status, where
        assert waiting == bool(pauses and pauses[-1].end is None), where
        log, total, before_status = new_log, new_total, status
