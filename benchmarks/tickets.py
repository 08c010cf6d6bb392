"""Ticket commands at scale (issues: tickets, 9): ``ticket new`` with all flags, ``ticket list``
and ``ticket list --overdue`` on a database of many tickets, wall time vs ``import typer,
sqlmodel``. Stdout is a pipe here, so a list prints every matching row (only a terminal gets a
page of 100): ``ticket list`` is every open ticket; ``--limit 100`` is shown for information.

Each command is timed against the floor interleaved, pair by pair (ours, floor, then floor,
ours, …, after one warm-up of each); every ratio printed is the median of the per-pair ratios,
with their interquartile range, not a ratio of two separately timed medians. The seconds shown
are the medians of each side over the same pairs.

The generated office has 2,000 customers, 5,000 devices and ``--tickets`` tickets (default
100,000) received over five years, of which ``--open`` are still open (the rest closed), as in
a firm that closes its work: the open ones are among the most recent ``max(3000, 3 × open)``.
Every row carries the SLA state the services store (issue 9), computed by the same code
(``services/tickets/sla``); the rows go in through SQLAlchemy Core, in one transaction, in
chunks. Issue 9's figure is ``--tickets 1000000 --open 5000`` (target ≤ 1.3× for
``ticket list`` and ``--overdue``); building that database takes a few minutes, so
``--db PATH`` keeps it (under /tmp) and reuses it on the next run.

Run: .venv/bin/python benchmarks/tickets.py [--tickets N] [--open N] [--db PATH] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _timing import STACK, STACK_TUNED, paired, report_paired, report_tuned, shouhou  # noqa: E402

TICKETS = 100_000
CUSTOMERS = 2_000
DEVICES = 5_000
NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
SPAN = timedelta(days=5 * 365)  # the tickets arrive evenly over five years up to NOW
CHUNK = 20_000


class Row:
    """The columns of a generated ticket the SLA rules read (``sla.SlaFacts``)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.status: str = values["status"]
        self.severity: str = values["severity"]
        self.zone: str = values["zone"]
        self.mode: str | None = values["mode"]
        self.received_at: datetime = values["received_at"]
        self.replied_at: datetime | None = values["replied_at"]
        self.arrived_at: datetime | None = values["arrived_at"]
        self.resolved_at: datetime | None = values["resolved_at"]
        self.updated_at: datetime = values["updated_at"]


def _rules() -> Any:
    """The default ticket rules (DOMAIN §2), as a fresh database has them."""
    from zoneinfo import ZoneInfo

    from shouhou.services.calendar.working import WorkingCalendar
    from shouhou.services.config import Settings
    from shouhou.services.tickets.deadlines import default_policies, zone_onsite_from_settings
    from shouhou.services.tickets.sla import Rules

    zone = ZoneInfo("Asia/Shanghai")
    return Rules(
        settings=Settings({}),
        calendar=WorkingCalendar(zone=zone),
        policies=default_policies(),
        zone_onsite=zone_onsite_from_settings({}),
        zone=zone,
    )


def _tickets(
    total: int, open_tickets: int, devices: list[dict[str, Any]], rng: random.Random
) -> Iterator[list[dict[str, Any]]]:
    """Ticket rows with their stored SLA state, ``CHUNK`` at a time."""
    from shouhou.services.tickets.sla import sla_of, stored_sla

    rules = _rules()
    window = max(3000, 3 * open_tickets)
    open_ids = set(rng.sample(range(max(1, total - window), total + 1), open_tickets))
    step = SPAN / total
    chunk: list[dict[str, Any]] = []
    for i in range(1, total + 1):
        received = (NOW - step * (total - i) - timedelta(minutes=30)).replace(microsecond=0)
        device = devices[rng.randrange(len(devices))]
        is_open = i in open_ids
        status = rng.choice(["new", "assigned", "in_progress"]) if is_open else "closed"
        onsite = not is_open and rng.random() < 0.3
        values: dict[str, Any] = {
            "id": i,
            "number": f"SH{received:%y%m}-{i:07d}",
            "status": status,
            "severity": rng.choice("123"),
            "channel": "phone",
            "customer_id": device["customer_id"],
            "device_id": device["id"],
            "symptom": "不制冷",
            "category": rng.choice(["cooling", "noise", "leak"]),
            "mode": "onsite" if onsite else None,
            "zone": "local",
            "received_at": received,
            "received_by": "小刘",
            "assignee": None if status == "new" else rng.choice(["王工", "李工", "张工"]),
            "in_warranty": True,
            "missed": "",
            "escalation_level": 0,
            "repair_count": 1,
            "replied_at": None if is_open else received + timedelta(minutes=rng.randint(5, 90)),
            "arrived_at": received + timedelta(hours=rng.randint(1, 30)) if onsite else None,
            "resolved_at": None if is_open else received + timedelta(hours=rng.randint(2, 80)),
            "closed_at": None if is_open else received + timedelta(days=4),
            "created_at": received,
            "updated_at": received if is_open else received + timedelta(days=4),
        }
        row = Row(values)
        state = sla_of(row, [], rules, NOW)
        values.update(asdict(stored_sla(row, state, [])))
        values["missed"] = ",".join(state.overdue())  # as the last event recorded them
        chunk.append(values)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build(url: str, open_tickets: int, total: int = TICKETS) -> None:
    """A database of ``total`` tickets, ``open_tickets`` of them open, with one status event
    each, in one transaction through SQLAlchemy Core."""
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
    with db.engine_for(url).begin() as conn:
        conn.execute(insert(Customer), customers)
        conn.execute(insert(Device), devices)
        for chunk in _tickets(total, open_tickets, devices, rng):
            conn.execute(insert(Ticket), chunk)
            conn.execute(
                insert(TicketEvent),
                [
                    {
                        "ticket_id": t["id"],
                        "at": t["received_at"],
                        "kind": "status",
                        "status": "new",
                        "actor": "小刘",
                    }
                    for t in chunk
                ],
            )
        conn.execute(insert(Counter), [{"prefix": "SH2611", "last": 5000}])
    db.dispose_all()


def _count(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as conn:
        total = conn.execute("SELECT count(*) FROM ticket").fetchone()[0]
        opened = conn.execute(
            "SELECT count(*) FROM ticket WHERE status NOT IN ('closed', 'cancelled')"
        ).fetchone()[0]
    return int(total), int(opened)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=TICKETS, help="tickets in the database")
    parser.add_argument("--open", type=int, default=300, help="open tickets among them")
    parser.add_argument("--db", type=Path, help="build here (under /tmp), or reuse if present")
    parser.add_argument("--runs", type=int, default=11, help="timed pairs per command")
    args = parser.parse_args()
    env = {"SHOUHOU_NOW": NOW.isoformat(), "SHOUHOU_TZ": "Asia/Shanghai"}
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "tickets.db"
        if not path.exists():
            started = time.perf_counter()
            build("sqlite:///" + str(path), args.open, args.tickets)
            print(f"built {path} in {time.perf_counter() - started:.0f} s")
        total, opened = _count(path)
        list_cmd = shouhou("--db", str(path), "ticket", "list")
        listing = paired(list_cmd, STACK, env, runs=args.runs)
        overdue = paired([*list_cmd, "--overdue"], STACK, env, runs=args.runs)
        page = paired([*list_cmd, "--limit", "100"], STACK, env, runs=args.runs)
        listing_tuned = paired(list_cmd, STACK_TUNED, env, runs=args.runs)
        # Last: each run adds an open ticket (a kept database grows by runs + 1 per benchmark).
        new = paired(_new_cmd(path), STACK, env, runs=args.runs)
        new_tuned = paired(_new_cmd(path), STACK_TUNED, env, runs=args.runs)
    print(
        f"database: {total:,} tickets, {opened:,} open, {CUSTOMERS:,} customers, "
        f"{DEVICES:,} devices"
    )
    ok = report_paired(f"ticket list (all {opened:,} open rows, to a pipe)", listing, 1.3)
    ok &= report_paired("ticket list --overdue", overdue, 1.3)
    ok &= report_paired("ticket new (all flags)", new, 1.3)
    lo, hi = page.iqr
    print(
        f"  {'ticket list --limit 100':<42} {page.ours:7.3f} s  vs "
        f"{page.floor:7.3f} s  ratio {page.ratio:4.2f}  (IQR {lo:4.2f}–{hi:4.2f}; "
        "for information)"
    )
    report_tuned("ticket list", listing_tuned)
    report_tuned("ticket new", new_tuned)
    return 0 if ok else 1


def _new_cmd(path: Path) -> list[str]:
    return shouhou(
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


def _device_of(path: Path, customer_id: int) -> str:
    with sqlite3.connect(path) as conn:
        row = conn.execute(
            "SELECT serial FROM device WHERE customer_id = ? LIMIT 1", (customer_id,)
        ).fetchone()
    return str(row[0])


if __name__ == "__main__":
    raise SystemExit(main())
