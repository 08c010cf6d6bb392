"""Every KPI on a small fixed dataset, each expected value worked out by hand (DOMAIN §7 KPIs;
the deadlines of §2, callbacks and arrival of §3, satisfaction of §6, complaints of §5).

The dataset (:func:`october`) is October 2026 in Asia/Shanghai, the report made on 23 Nov 2026
10:00. Tickets, as their rows store them (``tickets.sla.stored_sla``):

==  ===  ====  ========  ==========  ====================================  ===================
#   sev  who   device    received    milestones (late min; missed)         other
==  ===  ====  ========  ==========  ====================================  ===================
T1  1    王工  D1 comp.  10-05 09:00  reply 0 · onsite 0 · resolve 0        closed 12:00; 1
                                                                            repair visit;
                                                                            callback done;
                                                                            2.5 h, ¥50 travel,
                                                                            parts ¥15 (2 out,
                                                                            1 back at ¥15)
T2  2    王工  D1 comp.  10-10 08:00  reply 30 · onsite 780 · resolve 240;  resolved 10-11
                                      missed reply,onsite,resolve           12:00; repeat of
                                                                            T0; 2 repair
                                                                            visits; 3 h, ¥80,
                                                                            parts ¥200
T3  3    李工  D2 light  10-15 14:00  reply 0 · resolve 0 (no on-site)      reopened once,
                                                                            resolved again
                                                                            10-17 10:00;
                                                                            callback done
T4  3    李工  —         10-20 09:00  reply 0 · resolve due 10-23, pending  in progress
T5  2    —     D2 light  10-25 10:00  reply due 10:30 missed (recorded) ·   new
                                      resolve due 10-26, pending
T6  3    李工  D1 comp.  10-28 09:00  reply 0 · resolve due 11-20 pending,  in progress
                                      waiting since 10-28 09:10
T7  1    王工  D1 comp.  10-30 23:00  reply 0                              cancelled; 1 h,
                                                                            ¥30 travel
==  ===  ====  ========  ==========  ====================================  ===================

Outside the period: T0 (09-20, the repair T2 repeats), T8 received 11-01 07:00 Shanghai —
still 31 Oct in UTC, so it shows the period is in the firm's zone — and T9 09-30 23:59.

Visits that arrived in October: V1 T1 repair 王工 on time; V2 T2 repair 王工 late; V3 T2 repair
李工 on time; V4 install (no ticket, D2) 李工 late. Not judged: the callbacks V5 (T1) and V6 (T3)
done by phone (no arrival), V7 an inspection that arrived on 2 Nov.

Service surveys taken in October: S1 (T1) 5/5/4/5; S2 (T2) 3/4/3/–; S3 (V4) 4/4/4/4. Not
counted: a product survey, a service survey with no score, one taken on 5 Nov.

Complaints received in October: C1 (T2) answer late 0, opinion late 120; C2 (staff 李工, no
ticket) neither met, both deadlines passed; C3 (T4) answer late 0, opinion due 25 Nov.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from shouhou.models import (
    AuditEntry,
    Complaint,
    Customer,
    Device,
    Part,
    StockMove,
    Survey,
    Ticket,
    Visit,
)
from shouhou.services.feedback.surveys import SATISFIED_MEAN, is_satisfied
from shouhou.services.reports.kpi_queries import kpis

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SH)
OCTOBER = {"since": date(2026, 10, 1), "until": date(2026, 11, 1), "zone": SH, "now": NOW}


def at(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SH)


def _ticket(number: str, severity: str, received: datetime, **fields: Any) -> Ticket:
    values: dict[str, Any] = {
        "customer_id": 1,
        "symptom": "fault",
        "received_by": "张三",
        "created_at": received,
        "updated_at": received,
        "status": "in_progress",
    }
    values.update(fields)
    return Ticket(number=number, severity=severity, received_at=received, **values)


def _visit(number: str, kind: str, **fields: Any) -> Visit:
    values: dict[str, Any] = {"customer_id": 1, "status": "done", "created_at": at(10, 1)}
    values["updated_at"] = values["created_at"]
    values.update(fields)
    return Visit(number=number, kind=kind, **values)


def _survey(kind: str, taken: datetime, **scores: Any) -> Survey:
    return Survey(
        kind=kind, customer_id=1, taken_at=taken, taken_by="张三", created_at=taken, **scores
    )


def _complaint(number: str, received: datetime, **fields: Any) -> Complaint:
    values: dict[str, Any] = {
        "answer_due_at": received + timedelta(hours=24),
        "opinion_due_at": received + timedelta(days=2),
        **fields,
    }
    return Complaint(
        number=number,
        customer_id=1,
        about="timeliness",
        grade="general",
        text="慢",
        received_at=received,
        received_by="张三",
        created_at=received,
        updated_at=received,
        **values,
    )


def october(session: Any) -> None:
    """The dataset of the module docstring."""
    t0 = at(9, 1)
    session.add(Customer(id=1, name="华东机械厂", created_at=t0, updated_at=t0))
    session.add_all(
        [
            Device(id=1, customer_id=1, serial="D1", model="KS-200", product_line="compressor",
                   created_at=t0, updated_at=t0),
            Device(id=2, customer_id=1, serial="D2", model="LX-9", product_line="lighting",
                   created_at=t0, updated_at=t0),
        ]
    )  # fmt: skip
    session.flush()
    tickets = [
        _ticket("T0", "3", at(9, 20, 9), id=100, device_id=1, status="closed",
                resolved_at=at(9, 21, 9)),
        _ticket("T1", "1", at(10, 5, 9), id=1, assignee="王工", device_id=1, status="closed",
                mode="onsite", reply_due_at=at(10, 5, 9, 10), replied_at=at(10, 5, 9, 5),
                onsite_due_at=at(10, 5, 11), arrived_at=at(10, 5, 10, 30),
                resolve_due_at=at(10, 5, 13), resolved_at=at(10, 5, 12),
                closed_at=at(10, 6, 9), reply_late_min=0, onsite_late_min=0,
                resolve_late_min=0, labor_hours="2.5", travel_cents=5000),
        _ticket("T2", "2", at(10, 10, 8), id=2, assignee="王工", device_id=1,
                status="resolved", mode="onsite", repeat_of_id=100, repair_count=2,
                reply_due_at=at(10, 10, 8, 30), replied_at=at(10, 10, 9),
                onsite_due_at=at(10, 10, 20), arrived_at=at(10, 11, 9),
                resolve_due_at=at(10, 11, 8), resolved_at=at(10, 11, 12),
                reply_late_min=30, onsite_late_min=780, resolve_late_min=240,
                missed="reply,onsite,resolve", labor_hours="3", travel_cents=8000),
        _ticket("T3", "3", at(10, 15, 14), id=3, assignee="李工", device_id=2,
                status="resolved", mode="phone", reply_due_at=at(10, 15, 15),
                replied_at=at(10, 15, 14, 20), resolve_due_at=at(10, 20, 14),
                resolved_at=at(10, 17, 10), reply_late_min=0, resolve_late_min=0),
        _ticket("T4", "3", at(10, 20, 9), id=4, assignee="李工",
                reply_due_at=at(10, 20, 10), replied_at=at(10, 20, 9, 30), reply_late_min=0,
                resolve_due_at=at(10, 23, 9)),
        _ticket("T5", "2", at(10, 25, 10), id=5, device_id=2, status="new",
                reply_due_at=at(10, 25, 10, 30), missed="reply",
                resolve_due_at=at(10, 26, 10)),
        _ticket("T6", "3", at(10, 28, 9), id=6, assignee="李工", device_id=1,
                reply_due_at=at(10, 28, 10), replied_at=at(10, 28, 9, 5), reply_late_min=0,
                resolve_due_at=at(11, 20, 9), waiting_since=at(10, 28, 9, 10)),
        _ticket("T7", "1", at(10, 30, 23), id=7, assignee="王工", device_id=1,
                status="cancelled", reply_due_at=at(10, 30, 23, 10),
                replied_at=at(10, 30, 23, 5), reply_late_min=0, resolve_due_at=at(10, 31, 3),
                resolve_late_min=0, labor_hours="1", travel_cents=3000),
        _ticket("T8", "1", at(11, 1, 7), id=8, assignee="王工", device_id=1,
                reply_due_at=at(11, 1, 7, 10), travel_cents=99900, labor_hours="9"),
        _ticket("T9", "1", at(9, 30, 23, 59), id=9, assignee="王工", travel_cents=99900),
    ]  # fmt: skip
    session.add_all(tickets)
    session.flush()
    session.add_all(
        [
            AuditEntry(at=at(10, 16, 15), actor="张三", entity="ticket", entity_id=3,
                       action="reopen"),
            AuditEntry(at=at(10, 16, 15), actor="张三", entity="visit", entity_id=1,
                       action="reopen"),  # another entity's action: not T1's reopen
        ]
    )  # fmt: skip
    session.add_all(
        [
            _visit("V1", "repair", ticket_id=1, engineer="王工", arrived_at=at(10, 5, 10, 30),
                   finished_at=at(10, 5, 12), on_time=True, late_minutes=0),
            _visit("V2", "repair", ticket_id=2, engineer="王工", arrived_at=at(10, 11, 9),
                   finished_at=at(10, 11, 10), on_time=False, late_minutes=780),
            _visit("V3", "repair", ticket_id=2, engineer="李工", arrived_at=at(10, 11, 11),
                   finished_at=at(10, 11, 12), on_time=True, late_minutes=0),
            _visit("V4", "install", device_id=2, engineer="李工", arrived_at=at(10, 20, 9),
                   finished_at=at(10, 20, 17), on_time=False, late_minutes=15),
            _visit("V5", "callback", ticket_id=1, engineer="张三", finished_at=at(10, 7, 9)),
            _visit("V6", "callback", ticket_id=3, engineer="张三", finished_at=at(10, 16, 15)),
            _visit("V7", "inspection", device_id=1, engineer="王工", arrived_at=at(11, 2, 9),
                   finished_at=at(11, 2, 11), on_time=True, late_minutes=0),
            _visit("V8", "callback", ticket_id=2, status="due", due_at=at(10, 18)),
        ]
    )  # fmt: skip
    session.flush()
    session.add_all(
        [
            _survey("service", at(10, 7, 9), ticket_id=1, attitude=5, quality=5, resolution=4,
                    timeliness=5),
            _survey("service", at(10, 12, 9), ticket_id=2, attitude=3, quality=4,
                    resolution=3),
            _survey("service", at(10, 21, 9), visit_id=4, attitude=4, quality=4, resolution=4,
                    timeliness=4),
            _survey("product", at(10, 22, 9), structure=1, price=1, service=1),
            _survey("service", at(10, 23, 9), ticket_id=3),
            _survey("service", at(11, 5, 9), ticket_id=3, attitude=1, quality=1),
        ]
    )  # fmt: skip
    session.add_all(
        [
            _complaint("C1", at(10, 12, 9), ticket_id=2, answered_at=at(10, 12, 10),
                       answer_late_min=0, opinion_late_min=120),
            _complaint("C2", at(10, 20, 9), staff="李工"),
            _complaint("C3", at(10, 31, 9), ticket_id=4, answer_late_min=0,
                       opinion_due_at=at(11, 25, 9)),
        ]
    )  # fmt: skip
    session.add(Part(id=1, number="P-1", name="阀", unit="个", created_at=t0, updated_at=t0))
    session.flush()
    session.add_all(
        [
            StockMove(part_id=1, at=at(10, 1), kind="receive", quantity=50,
                      unit_cost_cents=1500, actor="仓库"),
            StockMove(part_id=1, at=at(10, 5, 10), kind="issue", quantity=-2, ticket_id=1,
                      unit_cost_cents=1500, actor="仓库"),
            StockMove(part_id=1, at=at(10, 5, 13), kind="return", quantity=1, ticket_id=1,
                      unit_cost_cents=1500, actor="仓库"),
            StockMove(part_id=1, at=at(10, 11, 9), kind="issue", quantity=-1, ticket_id=2,
                      unit_cost_cents=20000, actor="仓库"),
            StockMove(part_id=1, at=at(11, 1, 8), kind="issue", quantity=-3, ticket_id=8,
                      unit_cost_cents=1500, actor="仓库"),
        ]
    )  # fmt: skip
    session.flush()


@pytest.fixture
def data(session: Any) -> Any:
    october(session)
    return session


def test_ticket_kpis_of_the_period(data: Any) -> None:
    """Received 7 (T1–T7; T8 is 1 Nov in Shanghai though 31 Oct in UTC, T9 is September),
    cancelled 1 (T7), counted 6, resolved 3 (T1 closed, T2, T3) → resolution 3/6 = 0.5.

    Reply (DOMAIN §2): on time T1 T3 T4 T6; missed T2 (30 min late) and T5 (recorded, never
    replied) → 4/6 = 0.6667. On-site applies to T1 (0) and T2 (780) → 1/2. Resolve: on time T1,
    T3; missed T2 (240), T4 (due 23 Oct, pending at 23 Nov), T5 (due 26 Oct, pending); T6 is
    waiting since before its deadline (clocks stand still) → not judged → 2/5 = 0.4.

    First-time fix: of T1 T2 T3 only T1 (T2 repeats T0 and took 2 visits; T3 was reopened) →
    1/3 = 0.3333. Repeats: T2 of 6 counted → 0.1667. Callbacks done (DOMAIN §3): T1 and T3,
    not T2 (its callback still due) → 2/3 = 0.6667.
    """
    total = kpis(data, **OCTOBER)[-1]
    assert total["total"] is True and total["group"] is None
    picked = {k: total[k] for k in ("received", "cancelled", "counted", "resolved")}
    assert picked == {"received": 7, "cancelled": 1, "counted": 6, "resolved": 3}
    assert total["resolution_rate"] == 0.5
    assert (total["reply_on_time"], total["reply_judged"]) == (4, 6)
    assert total["reply_on_time_rate"] == 0.6667
    assert (total["onsite_on_time"], total["onsite_judged"]) == (1, 2)
    assert (total["resolve_on_time"], total["resolve_judged"]) == (2, 5)
    assert total["resolve_on_time_rate"] == 0.4
    assert (total["first_time_fix"], total["first_time_fix_rate"]) == (1, 0.3333)
    assert (total["repeats"], total["repeat_rate"]) == (1, 0.1667)
    assert (total["callbacks"], total["callback_rate"]) == (2, 0.6667)


def test_times_to_reply_and_resolve(data: Any) -> None:
    """Reply times of the counted tickets replied: T1 5, T2 60, T3 20, T4 30, T6 5 min (T7 is
    cancelled) → mean 120/5 = 24, median of 5,5,20,30,60 = 20. Resolve times: T1 180, T2 28 h
    = 1680, T3 44 h = 2640 → mean 4500/3 = 1500, median 1680."""
    total = kpis(data, **OCTOBER)[-1]
    assert (total["reply_mean_min"], total["reply_median_min"]) == (24, 20)
    assert (total["resolve_mean_min"], total["resolve_median_min"]) == (1500, 1680)


def test_visits_surveys_complaints_and_cost(data: Any) -> None:
    """On-time arrival: V1 V3 of V1–V4 → 2/4 = 0.5 (callbacks by phone never arrived; V7 is
    November).

    Satisfaction (DOMAIN §6): S1 19 ≥ 4×4 yes; S2 10 < 4×3 no; S3 16 ≥ 16 yes (a mean of
    exactly 4) → 2/3 = 0.6667. Means: attitude (5+3+4)/3 = 4.00, quality (5+4+4)/3 = 4.33,
    resolution (4+3+4)/3 = 3.67, timeliness (5+4)/2 = 4.50.

    Complaints (DOMAIN §5): 3. Answer on time C1, C3; C2 not answered and due 21 Oct → 2/3.
    Opinion: C1 120 min late, C2 due 22 Oct passed, C3 due 25 Nov not judged → 0/2 = 0.0.

    Cost: labour 2.5 + 3 + 1 (T7 cancelled still cost) = 6.50 h; travel ¥50 + ¥80 + ¥30 =
    ¥160.00; parts: T1 2 out 1 back at ¥15 = ¥15, T2 1 × ¥200 → ¥215.00 (T8's is November).
    """
    total = kpis(data, **OCTOBER)[-1]
    assert (total["visits_on_time"], total["visits_judged"]) == (2, 4)
    assert total["visit_on_time_rate"] == 0.5
    assert (total["satisfied"], total["surveys"], total["satisfaction_rate"]) == (2, 3, 0.6667)
    means = [total[f"{n}_mean"] for n in ("attitude", "quality", "resolution", "timeliness")]
    assert means == [Decimal("4.00"), Decimal("4.33"), Decimal("3.67"), Decimal("4.50")]
    assert total["complaints"] == 3
    assert (total["answer_on_time"], total["answer_judged"]) == (2, 3)
    assert (total["opinion_on_time"], total["opinion_judged"], total["opinion_on_time_rate"]) == (
        0,
        2,
        0.0,
    )
    assert total["labor_hours"] == Decimal("6.50")
    assert total["travel_cost"] == Decimal("160.00")
    assert total["parts_cost"] == Decimal("215.00")


def test_by_engineer(data: Any) -> None:
    """王工: T1 T2 T7 → counted 2, resolved 2 → 1.0; reply/onsite/resolve 1/2 each; FTF 1/2;
    callbacks 1/2; reply 5 and 60 → mean = median = 32.5 → 33 (half up); resolve 180 and 1680
    → 930; visits V1 V2 → 1/2; surveys S1 S2 (tickets' assignee) → 1/2; complaint C1; cost
    6.50 h, ¥160.00, ¥215.00.

    李工: T3 T4 T6 → resolved 1/3; reply 3/3; no on-site (None); resolve T3 on time, T4
    missed, T6 waiting → 1/2; FTF 0/1; reply 20, 30, 5 → mean 55/3 = 18.3 → 18, median 20;
    visits V3 V4 → 1/2; survey S3 (V4's engineer) 1/1; complaints C2 (staff) and C3 (T4) →
    answer 1/2, opinion 0/1.

    No one (T5): counted 1, resolved 0 → 0.0; reply 0/1, resolve 0/1; FTF and callbacks:
    nothing resolved → None. The total row is the whole period, as without --by."""
    rows = kpis(data, **OCTOBER, by="engineer")
    assert [(r["group"], r["total"]) for r in rows] == [
        ("李工", False),
        ("王工", False),
        (None, False),
        (None, True),
    ]
    li, wang, nobody, total = rows
    assert (wang["counted"], wang["resolved"], wang["resolution_rate"]) == (2, 2, 1.0)
    rates = ("reply_on_time_rate", "onsite_on_time_rate", "resolve_on_time_rate")
    assert [wang[k] for k in rates] == [0.5, 0.5, 0.5]
    assert (wang["first_time_fix_rate"], wang["callback_rate"]) == (0.5, 0.5)
    assert (wang["reply_mean_min"], wang["reply_median_min"]) == (33, 33)
    assert (wang["resolve_mean_min"], wang["resolve_median_min"]) == (930, 930)
    assert (wang["visit_on_time_rate"], wang["satisfaction_rate"]) == (0.5, 0.5)
    assert (wang["complaints"], wang["answer_on_time_rate"]) == (1, 1.0)
    assert (wang["labor_hours"], wang["travel_cost"], wang["parts_cost"]) == (
        Decimal("6.50"),
        Decimal("160.00"),
        Decimal("215.00"),
    )
    assert (li["counted"], li["resolution_rate"]) == (3, 0.3333)
    assert [li[k] for k in rates] == [1.0, None, 0.5]
    assert (li["first_time_fix_rate"], li["callback_rate"]) == (0.0, 1.0)
    assert (li["reply_mean_min"], li["reply_median_min"]) == (18, 20)
    assert (li["visit_on_time_rate"], li["satisfaction_rate"]) == (0.5, 1.0)
    assert (li["complaints"], li["answer_on_time_rate"], li["opinion_on_time_rate"]) == (
        2,
        0.5,
        0.0,
    )
    assert li["labor_hours"] == Decimal("0.00") and li["parts_cost"] == Decimal("0.00")
    assert (nobody["counted"], nobody["resolution_rate"]) == (1, 0.0)
    assert (nobody["reply_on_time_rate"], nobody["resolve_on_time_rate"]) == (0.0, 0.0)
    assert (nobody["first_time_fix_rate"], nobody["callback_rate"]) == (None, None)
    assert nobody["reply_mean_min"] is None and nobody["surveys"] == 0
    assert total == kpis(data, **OCTOBER)[-1]


def test_by_severity_and_product(data: Any) -> None:
    """Severity: 1 = T1 T7 (received 2, counted 1), 2 = T2 T5, 3 = T3 T4 T6; the install
    visit V4, survey S3 (via V4, no ticket) and complaint C2 have no ticket → group None.

    Product line: compressor = T1 T2 T6 T7 (D1) with visits V1–V3 (their tickets' device);
    lighting = T3 T5 (D2) with V4 (its own device D2) and S3 (V4's device); T4 has no device
    → None, and so has C2 (no ticket, no device)."""
    rows = {r["group"]: r for r in kpis(data, **OCTOBER, by="severity") if not r["total"]}
    assert list(rows) == ["1", "2", "3", None]
    assert [(rows[s]["received"], rows[s]["counted"]) for s in ("1", "2", "3")] == [
        (2, 1),
        (2, 2),
        (3, 3),
    ]
    assert (rows["2"]["reply_on_time_rate"], rows["3"]["reply_median_min"]) == (0.0, 20)
    none = rows[None]
    assert (none["received"], none["visits_judged"], none["surveys"], none["complaints"]) == (
        0,
        1,
        1,
        1,
    )
    lines = {r["group"]: r for r in kpis(data, **OCTOBER, by="product") if not r["total"]}
    assert list(lines) == ["compressor", "lighting", None]
    assert (lines["compressor"]["received"], lines["compressor"]["visits_judged"]) == (4, 3)
    assert (lines["lighting"]["received"], lines["lighting"]["visits_judged"]) == (2, 1)
    assert (lines["lighting"]["surveys"], lines[None]["surveys"]) == (1, 0)
    assert (lines[None]["received"], lines[None]["complaints"]) == (1, 2)
    assert lines["compressor"]["parts_cost"] == Decimal("215.00")


def test_a_survey_counts_for_who_did_the_job_not_who_phoned(data: Any) -> None:
    """Two more surveys, 24 Oct: one taken on the callback V6 of T3 (no ticket on the survey)
    → T3's assignee 李工 (now 2 surveys); one on a key customer's callback with no ticket,
    phoned by 张三 → nobody (a callback is not the job). 张三 gets no row."""
    callback = _visit("V9", "callback", engineer="张三", finished_at=at(10, 24, 9))
    data.add(callback)
    data.flush()
    data.add_all(
        [
            _survey("service", at(10, 24, 9), visit_id=6, attitude=5),
            _survey("service", at(10, 24, 10), visit_id=callback.id, attitude=2),
        ]
    )
    data.flush()
    rows = {r["group"]: r for r in kpis(data, **OCTOBER, by="engineer") if not r["total"]}
    assert "张三" not in rows
    assert (rows["李工"]["surveys"], rows["李工"]["satisfied"]) == (2, 2)
    assert (rows[None]["surveys"], rows[None]["satisfied"]) == (1, 0)


def test_without_now_only_recorded_misses_count(data: Any) -> None:
    """Without ``now`` a pending deadline is not judged: resolve keeps T1, T3 on time and T2
    missed (T4, T5 pending) → 2/3; reply still counts T5's recorded miss → 4/6. Complaints:
    only the stored minutes → answer C1, C3 2/2, opinion C1 0/1."""
    total = kpis(data, **{**OCTOBER, "now": None})[-1]
    assert (total["resolve_on_time"], total["resolve_judged"]) == (2, 3)
    assert (total["reply_on_time"], total["reply_judged"]) == (4, 6)
    assert (total["answer_judged"], total["opinion_judged"]) == (2, 1)


def test_an_empty_period_has_no_rates(data: Any) -> None:
    """December: nothing received → counts 0, every rate, mean and median None, cost 0."""
    row = kpis(data, since=date(2026, 12, 1), until=date(2027, 1, 1), zone=SH, now=NOW)[-1]
    assert row["received"] == 0 and row["resolution_rate"] is None
    assert row["reply_median_min"] is None and row["attitude_mean"] is None
    assert row["travel_cost"] == Decimal("0.00")


def test_a_period_must_not_be_empty_and_by_must_be_known(data: Any) -> None:
    from shouhou.errors import UsageError

    with pytest.raises(UsageError) as caught:
        kpis(data, since=date(2026, 11, 1), until=date(2026, 11, 1), zone=SH)
    assert caught.value.key == "err.kpi_period"
    with pytest.raises(UsageError) as bad:
        kpis(data, **OCTOBER, by="weather")
    assert bad.value.key == "err.bad_choice"


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([5, 5, 4, 5], True),
        ([4, 4, 4, 4], True),  # a mean of exactly SATISFIED_MEAN
        ([3, 4, 3, None], False),  # 10/3 = 3.33
        ([5, None, None, 3], True),  # 8/2 = 4
        ([None, None, None, None], None),
    ],
)
def test_is_satisfied_matches_the_sql(scores: list[int | None], expected: bool | None) -> None:
    """DOMAIN §6: satisfied when the mean of the scores given ≥ 4."""
    assert SATISFIED_MEAN == 4
    assert is_satisfied(scores) is expected
