"""Ticket commands at scale (issue: tickets): ``ticket new`` with all flags and ``ticket list``
on a database with 100,000 tickets, wall time vs ``import typer, sqlmodel``.

Each command is timed against the floor interleaved, pair by pair (ours, floor, then floor,
ours, …, after one warm-up of each); every ratio printed is the median of the per-pair ratios,
with their interquartile range, not a ratio of two separately timed medians. The seconds shown
are the medians of each side over the same pairs.

The generated office has 2,000 customers, 5,000 devices and 100,000 tickets over five years,
of which OPEN_TICKETS are still open (the rest closed), as in a firm that closes its work.

Run: .venv/bin/python benchmarks/tickets.py [--open N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import STACK, STACK_TUNED, paired, report_paired, report_tuned, shouhou  # noqa: E402

TICKETS = 100_000
CUSTOMERS = 2_000
DEVICES = 5_000
NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)


def build(url: str, open_tickets: int) -> None:
    from sqlalchemy import insert

    from shouhou import db
    from shouhou.models import Counter, Customer, Device, Ticket, TicketEvent

    db.ensure_schema(url, create=True)
    rng = random.Random(1)
    customers = [
        {
            "id": i,
            "name": f"客户{i:05d} 有限公司",
            "phone": f"022-{i:08d}",
            "zone": rng.choice(["local", "nearby", "remote"]),
            "key_customer": False,
            "created_at": NOW,
            "updated_at": NOW,
        }
        for i in range(1, CUSTOMERS + 1)
    ]
    devices = [
        {
            "id": i,
            "customer_id": rng.randint(1, CUSTOMERS),
            "serial": f"SN{i:07d}",
            "model": "KS-200",
            "warranty_months": 24,
            "serial_tampered": False,
            "accepted_on": date(2022, 1, 1) + timedelta(days=rng.randint(0, 1700)),
            "created_at": NOW,
            "updated_at": NOW,
        }
        for i in range(1, DEVICES + 1)
    ]
    tickets = []
    events = []
    open_ids = set(rng.sample(range(TICKETS - 3000, TICKETS + 1), open_tickets))
    for i in range(1, TICKETS + 1):
        received = NOW - timedelta(minutes=(TICKETS - i) * 26 + 30)
        device = devices[rng.randrange(DEVICES)]
        is_open = i in open_ids
        status = rng.choice(["new", "assigned", "in_progress"]) if is_open else "closed"
        tickets.append(
            {
                "id": i,
                "number": f"SH{received:%y%m}-{i:06d}",
                "status": status,
                "severity": rng.choice("123"),
                "channel": "phone",
                "customer_id": device["customer_id"],
                "device_id": device["id"],
                "symptom": "不制冷",
                "category": rng.choice(["cooling", "noise", "leak"]),
                "zone": "local",
                "received_at": received,
                "received_by": "小刘",
                "assignee": None if status == "new" else "王工",
                "in_warranty": True,
                "missed": "",
                "escalation_level": 0,
                "repair_count": 1,
                "reply_due_at": received + timedelta(hours=1),
                "resolve_due_at": received + timedelta(days=3),
                "replied_at": None if is_open else received + timedelta(minutes=20),
                "resolved_at": None if is_open else received + timedelta(days=1),
                "closed_at": None if is_open else received + timedelta(days=2),
                "created_at": received,
                "updated_at": received,
            }
        )
        events.append(
            {"ticket_id": i, "at": received, "kind": "status", "status": "new", "actor": "小刘"}
        )
    with db.engine_for(url).begin() as conn:
        conn.execute(insert(Customer), customers)
        conn.execute(insert(Device), devices)
        conn.execute(insert(Ticket), tickets)
        conn.execute(insert(TicketEvent), events)
        conn.execute(insert(Counter), [{"prefix": "SH2611", "last": 5000}])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=300, help="open tickets among the 100,000")
    args = parser.parse_args()
    env = {"SHOUHOU_NOW": NOW.isoformat(), "SHOUHOU_TZ": "Asia/Shanghai"}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tickets.db"
        build("sqlite:///" + str(path), args.open)
        new_cmd = shouhou(
            "--db",
            str(path),
            "ticket",
            "new",
            "--customer",
            "17",
            "--device",
            _device_of(path, 17),
            "--severity",
            "2",
            "--symptom",
            "排气温度高",
            "--category",
            "overheat",
            "--channel",
            "phone",
            "--received-by",
            "小刘",
            "--request",
            "尽快上门",
        )
        list_cmd = shouhou("--db", str(path), "ticket", "list")
        new = paired(new_cmd, STACK, env)
        listing = paired(list_cmd, STACK, env)
        overdue = paired([*list_cmd, "--overdue"], STACK, env)
        new_tuned = paired(new_cmd, STACK_TUNED, env)
        listing_tuned = paired(list_cmd, STACK_TUNED, env)
    print(
        f"database: {TICKETS:,} tickets, {args.open} open, {CUSTOMERS:,} customers, "
        f"{DEVICES:,} devices"
    )
    ok = report_paired("ticket new (all flags)", new, 1.3)
    ok &= report_paired(f"ticket list ({args.open} open of 100,000)", listing, 1.3)
    report_paired("ticket list --overdue", overdue, 1.3)
    report_tuned("ticket new", new_tuned)
    report_tuned("ticket list", listing_tuned)
    return 0 if ok else 1


def _device_of(path: Path, customer_id: int) -> str:
    import sqlite3

    with sqlite3.connect(path) as conn:
        row = conn.execute(
            "SELECT serial FROM device WHERE customer_id = ? LIMIT 1", (customer_id,)
        ).fetchone()
    return str(row[0])


if __name__ == "__main__":
    raise SystemExit(main())
