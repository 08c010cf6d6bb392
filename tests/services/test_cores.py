"""services/parts/cores: old parts 旧件 owed back to the factory (DOMAIN §4, issue 12 item 6).

Issuing a ``core_return`` part opens a pending return of the same quantity; the part going back
to stock cancels pending ones first (newest first); ``core-returned`` closes one (or part of
one); a warranty repair with a pending one has its claim blocked. Ages are calendar days in
the firm's zone (Asia/Shanghai), worked out by hand in the docstrings.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.parts import cores, issuing
from shouhou.services.tickets import charges
from shouhou.services.tickets.documents import slip_context as ticket_slip_context
from shouhou.services.tickets.returns import record_return
from tests.services.test_parts_issuing import (
    TicketFn,
    by,
    english,
    job,
    make_part,
    refused,
    rules,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import CoreReturn, Ticket
    from shouhou.services.tickets.sla import Rules

__all__ = ["job", "rules"]  # fixtures shared with test_parts_issuing

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SH)


def returns_of(session: Session, ticket: Ticket) -> list[CoreReturn]:
    from sqlmodel import col, select

    from shouhou.models import CoreReturn

    return list(
        session.exec(
            select(CoreReturn).where(CoreReturn.ticket_id == ticket.id).order_by(col(CoreReturn.id))
        )
    )


def pending(session: Session, ticket: Ticket) -> list[int]:
    return [r.quantity for r in returns_of(session, ticket) if r.returned_at is None]


def charge_at(
    session: Session, rules: Rules, ticket: Ticket, at: datetime, *parts: str
) -> issuing.Charged:
    return issuing.charge_ticket(
        session,
        by("王工", at),
        ticket.number,
        rules=rules,
        parts=[charges.parse_part(p) for p in parts],
    )


def test_issuing_a_core_part_opens_a_pending_return(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    from sqlmodel import select

    from shouhou.models import StockMove

    make_part(session, "KS-V100", name="排气阀", cost=30000, price=50000, core=True, stock=3)
    make_part(session, "KS-F020", price=12000, stock=3)  # no core flag: nothing owed
    ticket = job("in")
    done = charge_at(session, rules, ticket, NOW, "KS-V100:2", "KS-F020:1")
    assert [(m.number, m.cores_opened) for m in done.moves] == [("KS-V100", 2), ("KS-F020", 0)]
    [row] = returns_of(session, ticket)
    issue = session.exec(select(StockMove).where(StockMove.part_id == row.part_id)).all()[-1]
    assert (row.quantity, row.issued_at, row.move_id, row.returned_at) == (2, NOW, issue.id, None)


def test_returning_the_part_cancels_pending_returns_newest_first(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """Issued 1 (row A) then 2 more (row B): pending [1, 2]. Back to 1 on the bill: 2 return,
    B (newest) goes whole → [1]. Back to 0: A goes → []."""
    make_part(session, "KS-V100", cost=30000, price=50000, core=True, stock=5)
    ticket = job("in")
    charge_at(session, rules, ticket, NOW, "KS-V100:1")
    charge_at(session, rules, ticket, NOW, "KS-V100:3")
    assert pending(session, ticket) == [1, 2]
    done = charge_at(session, rules, ticket, NOW, "KS-V100:1")
    assert [(m.quantity, m.cores_cancelled) for m in done.moves] == [(2, 2)]
    assert pending(session, ticket) == [1]
    charge_at(session, rules, ticket, NOW, "阀片:1:10")
    assert pending(session, ticket) == []


def test_a_partial_return_shrinks_the_newest_pending_one(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """Pending [1, 2]; 1 back to stock: B 2 → 1, A untouched: [1, 1]."""
    make_part(session, "KS-V100", cost=30000, price=50000, core=True, stock=5)
    ticket = job("in")
    charge_at(session, rules, ticket, NOW, "KS-V100:1")
    charge_at(session, rules, ticket, NOW, "KS-V100:3")
    charge_at(session, rules, ticket, NOW, "KS-V100:2")
    assert pending(session, ticket) == [1, 1]


def test_a_returned_core_stays_when_the_part_comes_back(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """2 issued, the old one of 1 sent back (split: 1 returned, 1 pending); both parts back to
    stock: the pending 1 is cancelled, the returned one is history and stays."""
    make_part(session, "KS-V100", cost=30000, price=50000, core=True, stock=5)
    ticket = job("in")
    charge_at(session, rules, ticket, NOW, "KS-V100:2")
    [row] = returns_of(session, ticket)
    cores.mark_returned(session, by("小刘"), row.id or 0, quantity=1)
    done = charge_at(session, rules, ticket, NOW, "阀片:1:10")
    assert done.moves[0].cores_cancelled == 1
    assert [(r.quantity, r.returned_by) for r in returns_of(session, ticket)] == [(1, "小刘")]


def test_cancelling_the_ticket_cancels_its_pending_returns(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    make_part(session, "KS-V100", cost=30000, price=50000, core=True, stock=2)
    ticket = job("in")
    charge_at(session, rules, ticket, NOW, "KS-V100:2")
    _, moves = issuing.cancel_ticket(session, by("小刘"), ticket.number, reason="误报", rules=rules)
    assert [(m.quantity, m.cores_cancelled) for m in moves] == [(2, 2)]
    assert returns_of(session, ticket) == []


# -- marking returned ------------------------------------------------------------------------


def test_mark_returned_records_who_when_and_the_note(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    make_part(session, "KS-V100", cost=30000, price=50000, core=True, stock=2)
    ticket = job("in")
    charge_at(session, rules, ticket, NOW, "KS-V100:1")
    [row] = returns_of(session, ticket)
    later = NOW + timedelta(days=2)
    done, part, owner = cores.mark_returned(
        session, by("小刘", later), row.id or 0, note=" 顺丰 SF123 "
    )
    assert (done.returned_at, done.returned_by, done.note) == (later, "小刘", "顺丰 SF123")
    assert (part.number, owner.number) == ("KS-V100", ticket.number)
    [entry] = [
        e for e in audit.trail(session, entity="ticket", entity_id=ticket.id or 0)
        if e.action == "core_returned"
    ]  # fmt: skip
    assert audit.changes_of(entry) == {
        "part": "KS-V100",
        "quantity": 1,
        "returns": f"#{row.id}",
        "note": "顺丰 SF123",
    }
    again = refused(
        session, DomainError, lambda: cores.mark_returned(session, by("小刘"), row.id or 0)
    )
    assert english(again) == (
        f"error: old-part return #{row.id} (KS-V100, ticket {ticket.number}) was already "
        f"marked returned by 小刘 — nothing to do (`shouhou part cores --ticket {ticket.number}`)"
    )


def test_mark_part_of_a_return(session: Session, rules: Rules, job: TicketFn) -> None:
    """3 owed, 2 came back: a returned row of 2 splits off, 1 stays pending."""
    make_part(session, "KS-V100", cost=30000, price=50000, core=True, stock=3)
    ticket = job("in")
    charge_at(session, rules, ticket, NOW, "KS-V100:3")
    [row] = returns_of(session, ticket)
    done, _, _ = cores.mark_returned(session, by("小刘"), row.id or 0, quantity=2)
    assert done.id != row.id and done.move_id == row.move_id
    assert [(r.quantity, r.returned_at is None) for r in returns_of(session, ticket)] == [
        (1, True),
        (2, False),
    ]
    too_many = refused(
        session,
        UsageError,
        lambda: cores.mark_returned(session, by("小刘"), row.id or 0, quantity=2),
    )
    assert too_many.key == "err.core_quantity"
    missing = refused(session, NotFound, lambda: cores.mark_returned(session, by("小刘"), 999))
    assert english(missing) == (
        "error: no old-part return #999 — see `shouhou part cores --pending`"
    )


def test_mark_returned_by_part_and_ticket(session: Session, rules: Rules, job: TicketFn) -> None:
    make_part(session, "KS-V100", cost=30000, price=50000, core=True, stock=5)
    ticket = job("in")
    charge_at(session, rules, ticket, NOW, "KS-V100:1")
    charge_at(session, rules, ticket, NOW, "KS-V100:3")
    rows, _, _ = cores.mark_returned_for(session, by("小刘"), "ks-v100", ticket.number)
    assert sorted(r.quantity for r in rows) == [1, 2]
    assert pending(session, ticket) == []
    none = refused(
        session,
        NotFound,
        lambda: cores.mark_returned_for(session, by("小刘"), "KS-V100", ticket.number),
    )
    assert english(none) == (
        f"error: ticket {ticket.number} owes no old KS-V100 — see `shouhou part cores --pending`"
    )


def test_a_long_note_is_refused(session: Session, rules: Rules, job: TicketFn) -> None:
    make_part(session, "KS-V100", cost=30000, price=50000, core=True, stock=1)
    ticket = job("in")
    charge_at(session, rules, ticket, NOW, "KS-V100:1")
    [row] = returns_of(session, ticket)
    error = refused(
        session,
        UsageError,
        lambda: cores.mark_returned(session, by("小刘"), row.id or 0, note="x" * 501),
    )
    assert error.key == "err.core_note_long"


# -- lists and ages --------------------------------------------------------------------------


def test_list_is_oldest_first_with_ages_in_local_days(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """Now Mon 2026-11-23 10:00 Shanghai. Issued Fri 11-20 23:30 Shanghai (15:30 UTC): 3 days.
    Issued 2026-11-20 16:30 UTC = Sat 11-21 00:30 Shanghai: 2 days (the UTC date would say 3).
    The first one returned Sun 11-22 08:00: 2 days out, and not pending."""
    make_part(session, "KS-V100", name="排气阀", cost=30000, price=50000, core=True, stock=5)
    first, second = job("in"), job("out")
    charge_at(session, rules, second, datetime(2026, 11, 20, 16, 30, tzinfo=ZoneInfo("UTC")),
              "KS-V100:1")  # fmt: skip
    charge_at(session, rules, first, datetime(2026, 11, 20, 23, 30, tzinfo=SH), "KS-V100:2")
    views = list(cores.iter_core_views(session, now=NOW, zone=SH))
    assert [(v["ticket"], v["quantity"], v["age_days"], v["pending"]) for v in views] == [
        (first.number, 2, 3, True),
        (second.number, 1, 2, True),
    ]
    assert views[0]["issued_at"] == "2026-11-20T15:30:00+00:00"  # JSON: ISO-8601 UTC
    assert (views[0]["customer"], views[0]["name"], views[0]["warranty_claim"]) == (
        "天津天控",
        "排气阀",
        True,
    )
    assert views[1]["warranty_claim"] is False  # out of warranty: paid, no claim
    [row] = returns_of(session, first)
    cores.mark_returned(session, by("小刘", datetime(2026, 11, 22, 8, tzinfo=SH)), row.id or 0)
    every = list(cores.iter_core_views(session, now=NOW, zone=SH))
    assert [(v["age_days"], v["pending"]) for v in every] == [(2, False), (2, True)]
    owed = list(cores.iter_core_views(session, now=NOW, zone=SH, pending_only=True))
    assert [v["ticket"] for v in owed] == [second.number]
    only = list(cores.iter_core_views(session, now=NOW, zone=SH, ticket_ref=first.number))
    assert [v["ticket"] for v in only] == [first.number]
    assert len(list(cores.iter_core_views(session, now=NOW, zone=SH, limit=1))) == 1


# -- the warranty claim and the return slip --------------------------------------------------


def test_a_warranty_repair_with_a_pending_core_is_blocked(
    session: Session, rules: Rules, job: TicketFn
) -> None:
    """In warranty, cause quality → free: a warranty claim; blocked while KS-V100 ×1 is owed,
    free once it is back. Out of warranty the same core is listed but blocks no claim."""
    make_part(session, "KS-V100", cost=30000, price=50000, core=True, stock=2)
    inside, outside = job("in"), job("out")
    charge_at(session, rules, inside, NOW, "KS-V100:1")
    charge_at(session, rules, outside, NOW, "KS-V100:1")
    seen = cores.ticket_cores(session, inside.id or 0, now=NOW, zone=SH)
    assert (seen["old_parts_pending"], seen["claim_blocked"]) == (["KS-V100 ×1"], True)
    paid = cores.ticket_cores(session, outside.id or 0, now=NOW, zone=SH)
    assert (paid["old_parts_pending"], paid["claim_blocked"]) == (["KS-V100 ×1"], False)
    cores.mark_returned_for(session, by("小刘"), "KS-V100", inside.number)
    seen = cores.ticket_cores(session, inside.id or 0, now=NOW, zone=SH)
    assert (seen["old_parts_pending"], seen["claim_blocked"]) == ([], False)
    assert [v["pending"] for v in seen["old_parts"]] == [False]


def test_a_ticket_without_cores(session: Session, job: TicketFn) -> None:
    ticket = job("in")
    assert cores.ticket_cores(session, ticket.id or 0, now=NOW, zone=SH) == {
        "old_parts": [],
        "old_parts_pending": [],
        "claim_blocked": False,
    }


def test_the_return_slip_lists_the_old_parts(session: Session, rules: Rules, job: TicketFn) -> None:
    """The slip is the ticket's (same fields) plus its old parts, times local."""
    make_part(session, "KS-V100", name="排气阀", cost=30000, price=50000, core=True, stock=2)
    ticket = job("in")
    charge_at(session, rules, ticket, NOW, "KS-V100:2")
    record_return(session, by("小刘"), ticket.number, kind="return", reason="r", condition="c",
                  opinion="o")  # fmt: skip
    [row] = returns_of(session, ticket)
    cores.mark_returned(session, by("小刘", NOW + timedelta(hours=1)), row.id or 0, quantity=1)
    slip = cores.slip_context(session, ticket.number, lang="zh", zone=SH, now=NOW)
    base = ticket_slip_context(session, ticket.number, lang="zh", zone=SH, now=NOW)
    assert {k: v for k, v in slip.items() if k != "old_parts"} == base
    assert slip["old_parts"] == [
        {
            "number": "KS-V100",
            "name": "排气阀",
            "quantity": 1,
            "unit": "件",
            "issued_at": "2026-11-23 10:00",
            "returned_at": None,
            "returned_by": None,
            "note": None,
        },
        {
            "number": "KS-V100",
            "name": "排气阀",
            "quantity": 1,
            "unit": "件",
            "issued_at": "2026-11-23 10:00",
            "returned_at": "2026-11-23 11:00",
            "returned_by": "小刘",
            "note": None,
        },
    ]


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_printed_slip_shows_returned_and_owed(
    session: Session, rules: Rules, job: TicketFn, fmt: str, lang: str
) -> None:
    from shouhou import render

    make_part(session, "KS-V100", name="排气阀", cost=30000, price=50000, core=True, stock=1)
    ticket = job("in")
    charge_at(session, rules, ticket, NOW, "KS-V100:1")
    record_return(session, by("小刘"), ticket.number, kind="return", reason="r", condition="c",
                  opinion="o")  # fmt: skip
    context = cores.slip_context(session, ticket.number, lang=lang, zone=SH, now=NOW)
    text = render.render_document("return_slip", fmt, lang, context)
    owed = {"zh": "未返还", "en": "NOT RETURNED"}[lang]
    title = {"zh": "旧件返还", "en": "Old parts returned to the factory"}[lang]
    assert "KS-V100" in text and "排气阀" in text and owed in text and title in text
    [row] = returns_of(session, ticket)
    cores.mark_returned(session, by("小刘"), row.id or 0)
    context = cores.slip_context(session, ticket.number, lang=lang, zone=SH, now=NOW)
    text = render.render_document("return_slip", fmt, lang, context)
    assert owed not in text and "小刘" in text
    context["old_parts"] = []
    assert title not in render.render_document("return_slip", fmt, lang, context)
