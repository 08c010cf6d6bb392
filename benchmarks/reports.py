"""``report monthly`` at a million tickets (issue 14: "≤ 2 s and ≤ 1.5× the equivalent raw-SQL
aggregation timed in the same run").

The generated office has 2,000 customers and 5,000 devices of 40 models in 4 product lines;
``--tickets`` tickets (default 1,000,000) arrive evenly over the five years up to
2026-11-23, in 12 fault categories with every cause (one in ten undiagnosed), 2 % cancelled,
some repeat repairs and three-strike cases, and 2,000 old parts owed back (half returned) —
uniformly random, so the aggregation has about as many groups as it can (~27,000; a real
office's faults cluster on far fewer). The report is for 2026-10 (the
last full month on that date): it counts October 2024 and October 2025 … October 2026, 14
months, ~230,000 tickets. The rows go in through SQLAlchemy Core in one transaction (a few
minutes for a million); ``--db PATH`` keeps the database and reuses it.

Figures, each from interleaved pairs (A,B then B,A, …, after a warm-up of each): the medians of
each side and the median of the per-pair ratios with their interquartile range (``_timing``).
The raw SQL is every query of the report written by hand for SQLite — the aggregation as the
report runs it (per month a GROUP BY model × category × firm's cause or not, × product line ×
cause in the three months shown in detail, the 14 months joined by UNION ALL) and its three
short lists (repeat repairs, three-strike cases, old parts owed) — fetched with ``sqlite3``:

1. ``shouhou report monthly --month 2026-10`` to a pipe (txt), as cron runs it — its wall time is
   the ≤ 2 s figure — against the raw SQL as a bare process (``python -c "import sqlite3; …"``);
2. the same command against the raw SQL run by a process on our stack (``import typer,
   sqlmodel`` first): the ≤ 1.5× figure as read here — what the report costs over the same
   aggregation done from Python with the libraries any such tool loads;
3. ``import typer, sqlmodel`` against the bare raw SQL, for scale (start-up alone);
4. ``monthly_report()`` (the queries, the rules, the whole ``Report``) against the raw SQL
   through ``sqlite3``, both in one process: the report's work over the bare SQL, start-up
   excluded (≤ 1.5×);
5. for information, the obvious single GROUP BY of all the months (the month as
   ``strftime(…, '+8 hours')``; Asia/Shanghai has no DST) against the per-month aggregation
   alone: why the report counts month by month.

Each side's CPU seconds are shown too: on a busy machine (other jobs running) wall time
stretches with the load, CPU time much less; ``os.getloadavg()`` is printed with the figures.

Run: .venv/bin/python benchmarks/reports.py [--tickets N] [--db PATH] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).parent))

from _timing import PYTHON, STACK, Paired, shouhou  # noqa: E402

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
SHANGHAI = ZoneInfo("Asia/Shanghai")
TARGET_SECONDS = 2.0
TARGET_RATIO = 1.5

# The raw-SQL floor: the report's aggregation written by hand for SQLite, as the report runs it
# — one GROUP BY per month, joined by UNION ALL; by product line and cause in the months shown in
# detail (October 2025, September and October 2026), else by model, category and whether the
# cause is the firm's — over October 2024 and October 2025 … October 2026, each month from
# midnight in Shanghai, the bounds as SQLAlchemy stores UTC in SQLite.
MONTH_STARTS = [
    datetime(2024, 10, 1, tzinfo=SHANGHAI),
    datetime(2024, 11, 1, tzinfo=SHANGHAI),
    *(datetime(2025 + (9 + i) // 12, (9 + i) % 12 + 1, 1, tzinfo=SHANGHAI) for i in range(14)),
]
FIRM = "t.cause IN ('design', 'quality', 'installation', 'supplier-part')"
RAW_DETAILED = f"""
SELECT {{month}} AS month, d.product_line, d.model, t.category, t.cause,
       CASE WHEN {FIRM} THEN 1 ELSE 0 END AS firm, count(*) AS faults
FROM ticket AS t LEFT JOIN device AS d ON d.id = t.device_id
WHERE t.received_at >= ? AND t.received_at < ? AND t.status != 'cancelled'
GROUP BY d.product_line, d.model, t.category, t.cause, 6
"""
RAW_COARSE = f"""
SELECT {{month}} AS month, NULL, d.model, t.category, NULL,
       CASE WHEN {FIRM} THEN 1 ELSE 0 END AS firm, count(*) AS faults
FROM ticket AS t LEFT JOIN device AS d ON d.id = t.device_id
WHERE t.received_at >= ? AND t.received_at < ? AND t.status != 'cancelled'
GROUP BY d.model, t.category, 6
"""
RAW_MONTHS = [(0, 0, 1), *((12 + i, 2 + i, 3 + i) for i in range(13))]  # (index, start, end)
RAW_SQL = "UNION ALL".join(
    (RAW_DETAILED if index in (12, 23, 24) else RAW_COARSE).format(month=index)
    for index, _, _ in RAW_MONTHS
)
RAW_PARAMS = tuple(
    f"{MONTH_STARTS[i].astimezone(UTC):%Y-%m-%d %H:%M:%S.%f}"
    for _, start, end in RAW_MONTHS
    for i in (start, end)
)
# For information: the obvious single GROUP BY over the same two ranges, the month as a fixed
# +8 h shift (Asia/Shanghai has had no DST since 1991) — slower in SQLite, which groups by
# sorting all the rows at once.
NAIVE_SQL = """
SELECT strftime('%Y-%m', t.received_at, '+8 hours') AS month, d.product_line, d.model,
       t.category, t.cause, count(*) AS faults
FROM ticket AS t LEFT JOIN device AS d ON d.id = t.device_id
WHERE ((t.received_at >= ? AND t.received_at < ?) OR (t.received_at >= ? AND t.received_at < ?))
  AND t.status != 'cancelled'
GROUP BY 1, 2, 3, 4, 5
"""
NAIVE_PARAMS = (RAW_PARAMS[0], RAW_PARAMS[1], RAW_PARAMS[2], RAW_PARAMS[-1])
# The report's three short lists, by hand: the month's repeat repairs and three-strike cases,
# and the old parts owed when it ended.
RAW_TICKETS = """
SELECT t.number, t.received_at, c.name, d.serial, d.model, t.category, t.cause,
       t.repair_count, e.number
FROM ticket AS t JOIN customer AS c ON c.id = t.customer_id
LEFT JOIN device AS d ON d.id = t.device_id LEFT JOIN ticket AS e ON e.id = t.repeat_of_id
WHERE t.received_at >= ? AND t.received_at < ? AND t.status != 'cancelled' AND {condition}
ORDER BY t.received_at, t.id
"""
RAW_LISTS = (
    RAW_TICKETS.format(condition="t.repeat_of_id IS NOT NULL"),
    RAW_TICKETS.format(condition=f"t.repair_count >= 3 AND (t.cause IS NULL OR {FIRM})"),
    """
SELECT p.number, p.name, t.number, c.name, r.quantity, r.issued_at, r.returned_at
FROM core_return AS r JOIN part AS p ON p.id = r.part_id
JOIN ticket AS t ON t.id = r.ticket_id JOIN customer AS c ON c.id = t.customer_id
WHERE r.issued_at < ? AND (r.returned_at IS NULL OR r.returned_at >= ?)
ORDER BY r.issued_at, r.id
""",
)
OCTOBER = RAW_PARAMS[-2:]
RAW_LIST_PARAMS = (OCTOBER, OCTOBER, (OCTOBER[1], OCTOBER[1]))


def raw_report(conn: sqlite3.Connection) -> list[Any]:
    """Every query of the report, by hand: the aggregation and the three lists."""
    found = conn.execute(RAW_SQL, RAW_PARAMS).fetchall()
    for sql, params in zip(RAW_LISTS, RAW_LIST_PARAMS, strict=True):
        found += conn.execute(sql, params).fetchall()
    return found


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


# -- timing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timed:
    """Interleaved pairs of two sides: wall and CPU seconds of each run."""

    label: str
    ours: tuple[float, ...]
    floor: tuple[float, ...]
    ours_cpu: tuple[float, ...]
    floor_cpu: tuple[float, ...]

    def line(self, target: float | None) -> str:
        paired = Paired(self.ours, self.floor)
        lo, hi = paired.iqr
        ok = "" if target is None else ("  OK" if paired.ratio <= target else "  OVER")
        goal = "" if target is None else f"  (target ≤ {target})"
        cpu = statistics.median(o / f for o, f in zip(self.ours_cpu, self.floor_cpu, strict=True))
        return (
            f"{self.label:<52} {paired.ours:6.3f} s vs {paired.floor:6.3f} s  "
            f"ratio {paired.ratio:4.2f} (IQR {lo:4.2f}–{hi:4.2f}){goal}{ok}\n"
            f"{'':<52} cpu {statistics.median(self.ours_cpu):6.3f} s vs "
            f"{statistics.median(self.floor_cpu):6.3f} s  ratio "
            f"{cpu:4.2f}"
        )


def _process(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system of the child) seconds of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _in_process(work: Callable[[], object]) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - start, time.process_time() - cpu


def interleave(
    label: str,
    ours: Callable[[], tuple[float, float]],
    floor: Callable[[], tuple[float, float]],
    runs: int,
) -> Timed:
    """One warm-up of each, then ``runs`` pairs, alternating which side goes first."""
    ours(), floor()
    sides: dict[str, list[tuple[float, float]]] = {"ours": [], "floor": []}
    for i in range(runs):
        order = (
            (("ours", ours), ("floor", floor)) if i % 2 == 0 else (("floor", floor), ("ours", ours))
        )
        for name, run in order:
            sides[name].append(run())
    return Timed(
        label,
        tuple(w for w, _ in sides["ours"]),
        tuple(w for w, _ in sides["floor"]),
        tuple(c for _, c in sides["ours"]),
        tuple(c for _, c in sides["floor"]),
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=TICKETS, help="tickets in the database")
    parser.add_argument("--db", type=Path, help="build here (under /tmp), or reuse if present")
    parser.add_argument("--runs", type=int, default=11, help="timed pairs per figure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "reports.db"
        if not path.exists():
            started = time.perf_counter()
            build("sqlite:///" + str(path), args.tickets)
            print(f"built {path} in {time.perf_counter() - started:.0f} s")
        return _measure(path, args.runs)


def _measure(path: Path, runs: int) -> int:
    from shouhou import db
    from shouhou.i18n import Translator
    from shouhou.services.reports.monthly import monthly_report

    with sqlite3.connect(path) as conn:
        total = conn.execute("SELECT count(*) FROM ticket").fetchone()[0]
        rows = conn.execute(RAW_SQL, RAW_PARAMS).fetchall()
        naive = conn.execute(NAIVE_SQL, NAIVE_PARAMS).fetchall()
        listed = len(raw_report(conn)) - len(rows)
    groups = len(rows)
    assert sum(r[-1] for r in rows) == sum(r[-1] for r in naive)  # the same tickets counted
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
        "SHOUHOU_NOW": "2026-11-23 10:00",
        "SHOUHOU_TZ": "Asia/Shanghai",
        "SHOUHOU_LANG": "en",
    }
    command = shouhou("--db", str(path), "report", "monthly", "--month", "2026-10")
    raw = [PYTHON, "-c", _RAW_SCRIPT, str(path)]
    stack_raw = [PYTHON, "-c", "import typer, sqlmodel\n" + _RAW_SCRIPT, str(path)]
    figures = [
        interleave(
            "report monthly vs raw SQL",
            lambda: _process(command, env),
            lambda: _process(raw, env),
            runs,
        ),
        interleave(
            "report monthly vs import typer, sqlmodel + raw SQL",
            lambda: _process(command, env),
            lambda: _process(stack_raw, env),
            runs,
        ),
        interleave(
            "import typer, sqlmodel vs raw SQL",
            lambda: _process(STACK, env),
            lambda: _process(raw, env),
            runs,
        ),
    ]
    url = "sqlite:///" + str(path)

    def report() -> None:
        with db.session(url) as s:
            monthly_report(s, month=MONTH, zone=SHANGHAI, now=NOW, t=Translator("en"))

    def bare() -> None:
        with sqlite3.connect(path) as conn:
            raw_report(conn)

    def single() -> None:
        with sqlite3.connect(path) as conn:
            conn.execute(NAIVE_SQL, NAIVE_PARAMS).fetchall()

    def per_month() -> None:
        with sqlite3.connect(path) as conn:
            conn.execute(RAW_SQL, RAW_PARAMS).fetchall()

    figures.append(
        interleave(
            "monthly_report() vs raw SQL, in-process",
            lambda: _in_process(report),
            lambda: _in_process(bare),
            runs,
        )
    )
    figures.append(
        interleave(
            "one GROUP BY of all months vs per month, in-process",
            lambda: _in_process(single),
            lambda: _in_process(per_month),
            runs,
        )
    )
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"database: {total:,} tickets; the aggregation: {groups:,} groups; lists: {listed:,} rows"
    )
    print(f"load average after the runs: {load} on {os.cpu_count()} CPUs")
    wall = statistics.median(figures[0].ours)
    cpu = statistics.median(figures[0].ours_cpu)
    verdict = "OK" if wall <= TARGET_SECONDS else "OVER"
    print(
        f"{'report monthly (process)':<52} {wall:6.3f} s, cpu {cpu:6.3f} s  "
        f"(target ≤ {TARGET_SECONDS} s)  {verdict}"
    )
    targets = (None, TARGET_RATIO, None, TARGET_RATIO, None)
    for figure, target in zip(figures, targets, strict=True):
        print(figure.line(target))
    ratio = Paired(figures[1].ours, figures[1].floor).ratio
    inside = Paired(figures[3].ours, figures[3].floor).ratio
    return 0 if wall <= TARGET_SECONDS and max(ratio, inside) <= TARGET_RATIO else 1


_RAW_SCRIPT = f"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute({RAW_SQL!r}, {RAW_PARAMS!r}).fetchall()
for sql, params in zip({RAW_LISTS!r}, {RAW_LIST_PARAMS!r}):
    conn.execute(sql, params).fetchall()
"""


if __name__ == "__main__":
    raise SystemExit(main())
