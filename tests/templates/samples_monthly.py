"""A fixed synthetic office for the monthly issue-trend summary and the quality report (issue
14), reported for October 2026 in Asia/Shanghai. Tickets are stored rows with the repeat and
three-strike fields as the ticket services would have set them (``tests/services/
test_report_monthly.py`` also runs the real flow once); every figure the reports print is worked
out by hand in :data:`EXPECTED` and in the tests' docstrings.

Devices: GA-001 and GA-002 (model GA37, product line 空压机), KS-001 (KS-200, 控制系统), LD-01
(LED-9, no product line). Tickets (local time; ``rc`` repair_count, ``rep`` repeat_of):

====  ================  ======  ========  =============  ===========================
name  received          device  category  cause          notes
====  ================  ======  ========  =============  ===========================
y24   2024-10-15 10:00  GA-001  过热      quality        two years before
gap   2025-05-20 10:00  GA-001  过热      quality        not counted (between the windows)
y25   2025-10-08 09:00  GA-002  过热      quality        same month a year before
ks25  2025-10-20 10:00  KS-001  显示故障  installation
ksjl  2026-07-24 10:00  KS-001  显示故障  design         resolved 07-25
sga   2026-09-12 09:00  GA-001  过热      supplier-part  resolved 09-13
sks   2026-09-25 15:00  KS-001  噪音      wear
t5    2026-10-01 00:30  LD-01   闪烁      —              UTC 09-30 16:30: October here
t1    2026-10-03 09:00  GA-001  过热      quality        rc 3, rep sga
t6    2026-10-10 11:00  GA-001  过热      —              cancelled: not a fault
t7    2026-10-12 16:00  —       —         —              北方机械, no device
t2    2026-10-15 14:00  GA-002  过热      quality        rc 2 (y25 over 90 days ago)
t3    2026-10-20 10:00  KS-001  显示故障  design         rc 3, rep ksjl (87 days)
t8    2026-10-28 08:00  GA-001  过热      —              rc 4, rep t1: replacement due
t4    2026-10-31 23:30  KS-001  显示故障  misuse         rc 4, rep t3: not the firm's
t9    2026-11-01 07:00  GA-002  泄漏      quality        UTC 10-31 23:00: November here
====  ================  ======  ========  =============  ===========================

Bills (part lines): t1 压缩机头 P-100 ×1 (catalogue) and 密封圈 ×2 (typed) and labour; t2
P-100 ×1; t3 显示板 ×1 (typed); t4 P-100 ×1. Old parts (P-100 and P-200 are returned to the
factory): P-100 ×1 issued to t1 on 10-05, pending; P-100 ×2 issued to sga on 09-13, returned
11-05; P-200 ×1 to ksjl on 07-25, returned 10-20; P-100 ×1 to t9 on 11-01 07:00.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from sqlmodel import Session

SH = ZoneInfo("Asia/Shanghai")
MONTH = date(2026, 10, 1)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SH)  # tests.conftest.NOW

DEVICES = {
    "GA-001": ("天津控制设备厂", "GA37", "空压机"),
    "GA-002": ("北方机械", "GA37", "空压机"),
    "KS-001": ("天津控制设备厂", "KS-200", "控制系统"),
    "LD-01": ("北方机械", "LED-9", None),
}

# name: (received, serial, category, cause, extra fields)
TICKETS: dict[str, tuple[str, str | None, str | None, str | None, dict[str, Any]]] = {
    "y24": ("2024-10-15 10:00", "GA-001", "过热", "quality", {}),
    "gap": ("2025-05-20 10:00", "GA-001", "过热", "quality", {}),
    "y25": ("2025-10-08 09:00", "GA-002", "过热", "quality", {}),
    "ks25": ("2025-10-20 10:00", "KS-001", "显示故障", "installation", {}),
    "ksjl": (
        "2026-07-24 10:00", "KS-001", "显示故障", "design", {"resolved": "2026-07-25 16:00"},
    ),
    "sga": (
        "2026-09-12 09:00", "GA-001", "过热", "supplier-part", {"resolved": "2026-09-13 11:00"},
    ),
    "sks": ("2026-09-25 15:00", "KS-001", "噪音", "wear", {}),
    "t5": ("2026-10-01 00:30", "LD-01", "闪烁", None, {"status": "new"}),
    "t1": (
        "2026-10-03 09:00", "GA-001", "过热", "quality",
        {"repeat_of": "sga", "repair_count": 3, "finding": "排气温度传感器漂移"},
    ),
    "t6": ("2026-10-10 11:00", "GA-001", "过热", None, {"status": "cancelled"}),
    "t7": ("2026-10-12 16:00", None, None, None, {"customer": "北方机械"}),
    "t2": (
        "2026-10-15 14:00", "GA-002", "过热", "quality",
        {"repair_count": 2, "finding": "冷却风扇轴承卡滞"},
    ),
    "t3": (
        "2026-10-20 10:00", "KS-001", "显示故障", "design",
        {"repeat_of": "ksjl", "repair_count": 3, "finding": "显示板供电设计余量不足"},
    ),
    "t8": (
        "2026-10-28 08:00", "GA-001", "过热", None,
        {"repeat_of": "t1", "repair_count": 4, "status": "in_progress"},
    ),
    "t4": (
        "2026-10-31 23:30", "KS-001", "显示故障", "misuse",
        {"repeat_of": "t3", "repair_count": 4},
    ),
    "t9": ("2026-11-01 07:00", "GA-002", "泄漏", "quality", {}),
}  # fmt: skip

# ticket: [(part number or None, description, quantity)]
PART_LINES: dict[str, list[tuple[str | None, str, str]]] = {
    "t1": [("P-100", "压缩机头 (P-100)", "1"), (None, "密封圈", "2")],
    "t2": [("P-100", "压缩机头 (P-100)", "1")],
    "t3": [(None, "显示板", "1")],
    "t4": [("P-100", "压缩机头 (P-100)", "1")],
}
# (part, ticket, quantity, issued, returned)
CORES = (
    ("P-100", "t1", 1, "2026-10-05 10:00", None),
    ("P-100", "sga", 2, "2026-09-13 10:00", "2026-11-05 09:00"),
    ("P-200", "ksjl", 1, "2026-07-25 15:00", "2026-10-20 09:00"),
    ("P-100", "t9", 1, "2026-11-01 07:00", None),
)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def number(name: str) -> str:
    """The ticket's number: SH + year-month received + its row in :data:`TICKETS`."""
    received = at(TICKETS[name][0])
    return f"SH{received:%y%m}-{list(TICKETS).index(name) + 1:04d}"


def build(session: Session) -> dict[str, int]:
    """The office, in ``session`` (flushed, not committed); ticket ids by name."""
    from shouhou.models import ChargeLine, CoreReturn, Customer, Device, Part, StockMove, Ticket

    made = at("2024-01-02 09:00")
    customers: dict[str, int] = {}
    for name in ("天津控制设备厂", "北方机械"):
        row = Customer(name=name, created_at=made, updated_at=made)
        session.add(row)
        session.flush()
        customers[name] = row.id or 0
    devices: dict[str, int] = {}
    for serial, (owner, model, line) in DEVICES.items():
        device = Device(
            customer_id=customers[owner],
            serial=serial,
            model=model,
            product_line=line,
            created_at=made,
            updated_at=made,
        )
        session.add(device)
        session.flush()
        devices[serial] = device.id or 0
    owners = {serial: customers[owner] for serial, (owner, _, _) in DEVICES.items()}
    ids: dict[str, int] = {}
    for name, (received, serial, category, cause, extra) in TICKETS.items():
        when = at(received)
        status = extra.get("status", "closed")
        resolved = at(extra["resolved"]) if "resolved" in extra else None
        if resolved is None and status == "closed":
            resolved = at(received).replace(hour=18, minute=0)
        ticket = Ticket(
            number=number(name),
            status=status,
            severity="2",
            customer_id=owners[serial] if serial else customers[extra["customer"]],
            device_id=devices[serial] if serial else None,
            symptom="故障",
            category=category,
            cause=cause,
            finding=extra.get("finding"),
            received_at=when,
            received_by="小刘",
            resolved_at=resolved,
            repeat_of_id=ids[extra["repeat_of"]] if "repeat_of" in extra else None,
            repair_count=extra.get("repair_count", 1),
            created_at=when,
            updated_at=when,
        )
        session.add(ticket)
        session.flush()
        ids[name] = ticket.id or 0
    parts: dict[str, int] = {}
    for part_number, part_name in (("P-100", "压缩机头"), ("P-200", "控制板")):
        part = Part(
            number=part_number,
            name=part_name,
            unit="件",
            core_return=True,
            created_at=made,
            updated_at=made,
        )
        session.add(part)
        session.flush()
        parts[part_number] = part.id or 0
    for name, lines in PART_LINES.items():
        for part_number, description, quantity in lines:
            session.add(
                ChargeLine(
                    ticket_id=ids[name],
                    kind="part",
                    description=description,
                    part_id=parts[part_number] if part_number else None,
                    quantity=quantity,
                    unit_price_cents=10000,
                    amount_cents=10000 * int(quantity),
                )
            )
    session.add(
        ChargeLine(
            ticket_id=ids["t1"],
            kind="labor",
            description="工时",
            quantity="2",
            unit_price_cents=8000,
            amount_cents=16000,
        )
    )
    for part_number, name, quantity, issued, returned in CORES:
        move = StockMove(
            part_id=parts[part_number],
            at=at(issued),
            kind="issue",
            quantity=-quantity,
            ticket_id=ids[name],
            actor="王工",
        )
        session.add(move)
        session.flush()
        session.add(
            CoreReturn(
                part_id=parts[part_number],
                ticket_id=ids[name],
                move_id=move.id or 0,
                quantity=quantity,
                issued_at=at(issued),
                returned_at=at(returned) if returned else None,
                returned_by="王工" if returned else None,
            )
        )
    session.flush()
    return ids
