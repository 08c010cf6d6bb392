"""Startup cost: ``shouhou --help`` vs ``import typer``; ``customer list`` on 10,000 customers vs
``import typer, sqlmodel`` (issue: foundation).

Each command is timed against its floor interleaved, pair by pair (ours, floor, then floor,
ours, …, after one warm-up of each); every ratio printed is the median of the per-pair ratios,
with their interquartile range, not a ratio of two separately timed medians. The seconds shown
are the medians of each side over the same pairs.

Run: .venv/bin/python benchmarks/startup.py
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import (  # noqa: E402
    PYTHON,
    STACK,
    STACK_TUNED,
    paired,
    report_paired,
    report_tuned,
    shouhou,
)


def build_customers(url: str, count: int) -> None:
    from sqlalchemy import insert

    from shouhou import db
    from shouhou.models import Customer

    db.ensure_schema(url, create=True)
    now = datetime.now(UTC)
    rows = [
        {
            "name": f"客户{i:05d} 有限公司",
            "contact": "王工",
            "phone": f"022-{i:08d}",
            "region": "天津",
            "zone": "local",
            "key_customer": i % 10 == 0,
            "created_at": now,
            "updated_at": now,
        }
        for i in range(count)
    ]
    with db.engine_for(url).begin() as conn:
        conn.execute(insert(Customer), rows)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        build_customers("sqlite:///" + str(path), 10_000)
        list_cmd = shouhou("--db", str(path), "customer", "list")
        page_cmd = [*list_cmd, "--limit", "50"]
        help_ = paired(shouhou("--help"), [PYTHON, "-c", "import typer"])
        listing = paired(list_cmd, STACK)
        json_ = paired([*list_cmd, "--format", "json"], STACK)
        page = paired(page_cmd, STACK)
        listing_tuned = paired(list_cmd, STACK_TUNED)
        page_tuned = paired(page_cmd, STACK_TUNED)
    ok = report_paired("shouhou --help", help_, 1.3)
    ok &= report_paired("customer list (10,000 rows, plain text)", listing, 1.3)
    report_paired("customer list --format json (10,000 rows)", json_, 1.3)
    report_paired("customer list --limit 50 (fixed cost only)", page, 1.3)
    report_tuned("customer list (10,000 rows)", listing_tuned)
    report_tuned("customer list --limit 50", page_tuned)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
