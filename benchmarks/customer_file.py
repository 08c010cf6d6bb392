"""The customer file at size (issue 11 §7): ``shouhou customer file … --format html`` of a
customer with 10 devices (3 component terms each), 200 tickets (each with a diagnosis, work
done and 3 charge lines, every tenth with a loan, every twentieth with a return) and 100 visits
(every third with a helper, every tenth done in part with the rest due), among 50 other
customers with their own tickets and visits, so the queries have to pick. Done when: under 1 s.

The rows go in through SQLAlchemy Core in one transaction. The command is timed against the
floor ``python -c "import typer, sqlmodel"`` interleaved, pair by pair (``_timing.paired``);
the absolute seconds are the medians.

Run: .venv/bin/python benchmarks/customer_file.py [--runs N] [--tickets N] [--devices N]
[--visits N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _timing import STACK, paired, shouhou  # noqa: E402

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
OTHERS = 50
TARGET_SECONDS = 1.0


def build(url: str, *, devices: int, tickets: int, visits: int = 100) -> None:
    """Customer 1 with ``devices`` devices, ``tickets`` tickets and ``visits`` visits; 50 others
    with 20 tickets and 5 visits each."""
    from sqlalchemy import insert

    from shouhou import db
    from shouhou.models import (
        ChargeLine,
        Customer,
        Device,
        DeviceComponent,
        Loan,
        ReturnRecord,
        Ticket,
        Visit,
        VisitMember,
    )

    db.ensure_schema(url, create=True)
    rng = random.Random(7)
    customers: list[dict[str, Any]] = [
        {
            "id": i,
            "name": f"客户{i:03d} 机电设备有限公司",
            "contact": "王工",
            "phone": f"022-{i:08d}",
            "address": f"天津市开发区{i}号",
            "zone": "local",
            "key_customer": i == 1,
            "created_at": NOW,
            "updated_at": NOW,
        }
        for i in range(1, OTHERS + 2)
    ]
    device_rows: list[dict[str, Any]] = []
    for customer in customers:
        count = devices if customer["id"] == 1 else 2
        for _ in range(count):
            n = len(device_rows) + 1
            device_rows.append(
                {
                    "id": n,
                    "customer_id": customer["id"],
                    "serial": f"SN{n:07d}",
                    "brand": "阿特拉斯",
                    "model": "GA37 螺杆空压机",
                    "warranty_months": 24,
                    "serial_tampered": False,
                    "accepted_on": date(2022, 1, 1) + timedelta(days=rng.randint(0, 1200)),
                    "created_at": NOW,
                    "updated_at": NOW,
                }
            )
    components = [
        {"device_id": d["id"], "name": name, "months": months}
        for d in device_rows
        for name, months in (("主机", 36), ("电机", 120), ("管路及电气", 12))
    ]
    ticket_rows: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    loans: list[dict[str, Any]] = []
    returns: list[dict[str, Any]] = []
    owned: dict[int, list[int]] = {}
    for d in device_rows:
        owned.setdefault(d["customer_id"], []).append(d["id"])
    for customer in customers:
        count = tickets if customer["id"] == 1 else 20
        for k in range(count):
            n = len(ticket_rows) + 1
            received = NOW - timedelta(days=rng.randint(0, 1500), minutes=rng.randint(0, 600))
            is_open = k < 3
            ticket_rows.append(
                {
                    "id": n,
                    "number": f"SH{n:07d}",
                    "status": "in_progress" if is_open else "closed",
                    "severity": rng.choice("123"),
                    "channel": "phone",
                    "customer_id": customer["id"],
                    "device_id": rng.choice(owned[customer["id"]]),
                    "symptom": "排气温度过高，自动停机；客户反映近一周多次发生。",
                    "category": "overheat",
                    "cause": "quality",
                    "finding": "冷却器堵塞，温控阀失效，风扇电机轴承磨损。",
                    "action": "清洗冷却器，更换温控阀和轴承，试机两小时运行正常。",
                    "zone": "local",
                    "received_at": received,
                    "received_by": "小刘",
                    "assignee": "李工",
                    "in_warranty": False,
                    "chargeable": True,
                    "resolve_due_at": received + timedelta(days=3),
                    "next_due_at": received + timedelta(days=3) if is_open else None,
                    "closed_at": None if is_open else received + timedelta(days=2),
                    "missed": "",
                    "escalation_level": 0,
                    "repair_count": 1,
                    "created_at": received,
                    "updated_at": received,
                }
            )
            for kind, description, cents in (
                ("part", "温控阀 (P-1001)", 32000),
                ("labor", "人工", 45000),
                ("travel", "差旅", 10000),
            ):
                lines.append(
                    {
                        "ticket_id": n,
                        "kind": kind,
                        "description": description,
                        "quantity": "1",
                        "unit_price_cents": cents,
                        "amount_cents": cents,
                    }
                )
            if k % 10 == 5:
                loans.append(
                    {
                        "ticket_id": n,
                        "unit_serial": f"SPARE-{n}",
                        "lent_at": received,
                        "returned_at": received + timedelta(days=1),
                    }
                )
            if k % 20 == 7:
                returns.append(
                    {
                        "ticket_id": n,
                        "kind": "exchange",
                        "reason": "三包期内同一故障修理两次仍不能使用",
                        "condition": "外观完好",
                        "opinion": "同意换货",
                        "faulty_serial": "SN-OLD",
                        "replacement_serial": f"SN-NEW-{n}",
                        "created_at": received + timedelta(days=1),
                        "created_by": "李经理",
                    }
                )
    visit_rows, members = _visits(rng, customers, owned, visits=visits)
    with db.engine_for(url).begin() as conn:
        conn.execute(insert(Customer), customers)
        conn.execute(insert(Device), device_rows)
        conn.execute(insert(DeviceComponent), components)
        conn.execute(insert(Ticket), ticket_rows)
        conn.execute(insert(ChargeLine), lines)
        conn.execute(insert(Loan), loans)
        conn.execute(insert(ReturnRecord), returns)
        conn.execute(insert(Visit), visit_rows)
        conn.execute(insert(VisitMember), members)
    db.dispose_all()


def _visits(
    rng: random.Random, customers: list[dict[str, Any]], owned: dict[int, list[int]], *, visits: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Done visits over the last four years; every third with a helper, every tenth done in
    part with the rest due (``follows_id``), the last few still booked."""
    rows: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []
    for customer in customers:
        count = visits if customer["id"] == 1 else 5
        for k in range(count):
            n = len(rows) + 1
            at = NOW - timedelta(days=rng.randint(0, 1500), minutes=rng.randint(0, 600))
            booked = k < 2
            row: dict[str, Any] = {
                "id": n,
                "number": f"VS{n:07d}",
                "kind": rng.choice(("repair", "inspection", "callback", "install")),
                "status": "scheduled" if booked else "done",
                "customer_id": customer["id"],
                "device_id": rng.choice(owned[customer["id"]]),
                "engineer": "李工",
                "appointment_at": at,
                "expected_minutes": 120,
                "arrived_at": None if booked else at + timedelta(minutes=rng.randint(0, 40)),
                "finished_at": None if booked else at + timedelta(hours=2),
                "on_time": None if booked else rng.random() < 0.8,
                "late_minutes": None if booked else 0,
                "work_done": None if booked else "按巡检表逐项检查，清洗冷却器，紧固接线端子。",
                "partial": k % 10 == 9,
                "left_over": "更换温控阀（配件在途）" if k % 10 == 9 else None,
                "reschedule_count": 0,
                "due_at": None,
                "origin": None,
                "follows_id": None,
                "created_at": at,
                "updated_at": at,
            }
            rows.append(row)
            if k % 3 == 0:
                members.append({"visit_id": n, "engineer": "赵工"})
            if k % 10 == 9:
                rows.append(
                    dict(
                        row,
                        id=n + 1,
                        number=f"VS{n + 1:07d}",
                        status="due",
                        appointment_at=None,
                        arrived_at=None,
                        finished_at=None,
                        on_time=None,
                        late_minutes=None,
                        work_done=None,
                        partial=False,
                        due_at=at + timedelta(days=1),
                        origin="partial",
                        follows_id=n,
                    )
                )
    return rows, members


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--devices", type=int, default=10)
    parser.add_argument("--tickets", type=int, default=200)
    parser.add_argument("--visits", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shouhou-bench-") as tmp:
        path = Path(tmp) / "file.db"
        build(f"sqlite:///{path}", devices=args.devices, tickets=args.tickets, visits=args.visits)
        env = {"SHOUHOU_DB": str(path), "SHOUHOU_NOW": "2026-11-23 10:00", "SHOUHOU_LANG": "zh"}
        cmd = shouhou("customer", "file", "1", "--format", "html")
        result = paired(cmd, STACK, env, runs=args.runs)
    lo, hi = result.iqr
    ok = result.ours < TARGET_SECONDS
    print(
        f"customer file ({args.devices} devices, {args.tickets} tickets, {args.visits} visits, "
        "html): "
        f"{result.ours:.3f} s vs floor {result.floor:.3f} s, ratio {result.ratio:.2f} "
        f"(median of {result.runs} pair ratios, IQR {lo:.2f}–{hi:.2f})"
    )
    print(
        f"customer file absolute: {result.ours:.3f} s median (min {min(result.ours_times):.3f} s, "
        f"max {max(result.ours_times):.3f} s) — target < {TARGET_SECONDS} s: "
        f"{'OK' if ok else 'OVER'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
