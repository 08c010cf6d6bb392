"""``report monthly`` at a million tickets (issue 14: "≤ 2 s and ≤ 1.5× the equivalent raw-SQL
aggregation timed in the same run").

The generated office has 2,000 customers and 5,000 devices of 40 models in 4 product lines;
``--tickets`` tickets (default 1,000,000) arrive evenly over the five years up to
2026-11-23, in 12 fault categories with every cause (one in ten undiagnosed), 2 % cancelled,
some repeat repairs and three-strike cases, and 2,000 old parts owed back (half returned).
The report is for 2026-10 (the last full month at that date), so its aggregation reads the 25
months 2024-10 … 2026-10 — about 42 % of the tickets. The rows go in through SQLAlchemy Core in
one transaction (~1 min for a million); ``--db PATH`` keeps the database and reuses it.

Figures, each as interleaved pairs (A,B then B,A, …; median of the per-pair ratios,
``_timing``):

1. **the command** — ``shouhou report monthly --month 2026-10 --format txt`` as a process (its
   wall time is the ≤ 2 s figure) against the same aggregation in raw SQL as a process
   (``python -c "import sqlite3; …"``: the GROUP BY month × product line × model × category
   × cause with the firm-zone month as ``strftime(…, '+8 hours')``, Asia/Shanghai having no
   DST) — this ratio includes our interpreter start-up and imports (``import typer,
   sqlmodel`` alone is shown too);
2. **the work, in-process** — ``monthly_report()`` (every query of the report, the rules, the
   whole ``Report``) against that raw SQL run through ``sqlite3`` in the same process: the cost
   of the report over the bare aggregation, start-up excluded.

Run: .venv/bin/python benchmarks/reports.py [--tickets N] [--db PATH] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _timing import PYTHON, STACK, Paired, paired, report_paired, shouhou  # noqa: E402

TICKETS = 1_000_000
CUSTOMERS = 2_000
DEVICES = 5_000
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
MONTH = date(2026, 10, 1)
SPAN = timedelta(days=5 * 365)
CHUNK = 20_000
LINES = ("compressor", "controller", "lighting", "solar")
CATEGORIES = (
    "overheat",
    "noise",
    "leak",
    "no-start",
    "display",
    "sensor",
    "wiring",
    "software",
    "vibration",
    "pressure",
    "valve",
    "power",
)
CAUSES = (
    "design",
    "quality",
    "transport",
    "installation",
    "misuse",
    "wear",
    "force-majeure",
    "supplier-part",
    "unauthorised-repair",
    "site-not-to-spec",
    "unknown",
)
PARTS = 20
CORES = 2_000
TARGET_SECONDS = 2.0
TARGET_RATIO = 1.5

# The raw-SQL floor: the report's aggregation written by hand for SQLite, the firm's month as a
# fixed +8 h shift (Asia/Shanghai has had no DST since 1991).
RAW_SQL = """
SELECT strftime('%Y-%m', t.received_at, '+8 hours') AS month, d.product_line, d.model,
       t.category, t.cause, count(*) AS faults
FROM ticket AS t LEFT JOIN device AS d ON d.id = t.device_id
WHERE t.received_at >= ? AND t.received_at < ? AND t.status != 'cancelled'
GROUP BY 1, 2, 3, 4, 5
"""
# 2024-10-01 00:00 and 2026-11-01 00:00 in Shanghai, as SQLAlchemy stores UTC in SQLite.
RAW_PARAMS = ("2024-09-30 16:00:00.000000", "2026-10-31 16:00:00.000000")


def _tickets(total: int, devices: list[dict[str, Any]], rng: random.Random) -> Iterator[list]:
    """Ticket rows, ``CHUNK`` at a time: received evenly over five years up to NOW."""
    step = SPAN / total
    chunk: list[dict[str, Any]] = []
    for i in range(1, total + 1):
        received = (NOW - step * (total - i) - timedelta(minutes=30)).replace(microsecond=0)
        device = devices[rng.randrange(len(devices))]
        cancelled = rng.random() < 0.02
        roll = rng.random()
        repair_count = 1 if roll < 0.9 else 2 if roll < 0.97 else 3 if roll < 0.99 else 4
        repeat_of = i - rng.randint(1, 500) if i > 500 and rng.random() < 0.03 else None
        chunk.append(
            {
                "id": i,
                "number": f"SH{received:%y%m}-{i:07d}",
                "status": "cancelled" if cancelled else "closed",
                "severity": rng.choice("123"),
                "channel": "phone",
                "customer_id": device["customer_id"],
                "device_id": device["id"],
                "symptom": "排气温度高",
                "category": rng.choice(CATEGORIES),
                "cause": None if rng.random() < 0.1 else rng.choice(CAUSES),
                "zone": "local",
                "received_at": received,
                "received_by": "小刘",
                "assignee": rng.choice(["王工", "李工", "张工"]),
                "in_warranty": True,
                "missed": "",
                "escalation_level": 0,
                "repeat_of_id": repeat_of,
                "repair_count": repair_count,
                "replied_at": received + timedelta(minutes=20),
                "resolved_at": received + timedelta(hours=30),
                "closed_at": received + timedelta(days=4),
                "reply_late_min": 0,
                "resolve_late_min": 0,
                "created_at": received,
                "updated_at": received + timedelta(days=4),
            }
        )
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build(url: str, total: int = TICKETS) -> None:
    """The office described in the module docstring, in one transaction through Core."""
    from sqlalchemy import insert

    from shouhou import db
    from shouhou.models import CoreReturn, Customer, Device, Part, StockMove, Ticket

    db.ensure_schema(url, create=True)
    rng = random.Random(14)
    customers = [
        {
            "id": i,
            "name": f"客户{i:05d} 有限公司",
            "phone": f"022-{i:08d}",
            "zone": "local",
            "key_customer": False,
            "created_at": NOW,
            "updated_at": NOW,
        }
        for i in range(1, CUSTOMERS + 1)
    ]
    devices = []
    for i in range(1, DEVICES + 1):
        line = rng.randrange(len(LINES))
        devices.append(
            {
                "id": i,
                "customer_id": rng.randint(1, CUSTOMERS),
                "serial": f"SN{i:07d}",
                "model": f"{LINES[line][:2].upper()}-{line * 10 + rng.randrange(10):02d}",
                "product_line": LINES[line],
                "warranty_months": 24,
                "serial_tampered": False,
                "created_at": NOW,
                "updated_at": NOW,
            }
        )
    parts = [
        {
            "id": i,
            "number": f"P-{i:03d}",
            "name": f"压缩机头 {i}",
            "unit": "件",
            "safety_stock": 0,
            "min_stock": 0,
            "key_part": True,
            "core_return": True,
            "created_at": NOW,
            "updated_at": NOW,
        }
        for i in range(1, PARTS + 1)
    ]
    with db.engine_for(url).begin() as conn:
        conn.execute(insert(Customer), customers)
        conn.execute(insert(Device), devices)
        conn.execute(insert(Part), parts)
        for chunk in _tickets(total, devices, rng):
            conn.execute(insert(Ticket), chunk)
        moves, cores = [], []
        for i in range(1, CORES + 1):
            ticket_id = total - rng.randrange(min(total, 60_000))
            issued = NOW - timedelta(days=rng.randint(1, 700))
            part_id = rng.randint(1, PARTS)
            moves.append(
                {
                    "id": i,
                    "part_id": part_id,
                    "at": issued,
                    "kind": "issue",
                    "quantity": -1,
                    "ticket_id": ticket_id,
                    "actor": "王工",
                }
            )
            cores.append(
                {
                    "part_id": part_id,
                    "ticket_id": ticket_id,
                    "move_id": i,
                    "quantity": 1,
                    "issued_at": issued,
                    "returned_at": issued + timedelta(days=20) if i % 2 else None,
                    "returned_by": "王工" if i % 2 else None,
                }
            )
        conn.execute(insert(StockMove), moves)
        conn.execute(insert(CoreReturn), cores)
    db.dispose_all()
