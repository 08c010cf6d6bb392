"""Startup cost: ``shouhou --help`` vs ``import typer``; ``customer list`` on 10,000 customers vs
``import typer, sqlmodel`` (issue: foundation). Prints medians and ratios from one run.

Run: .venv/bin/python benchmarks/startup.py
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import PYTHON, STACK, STACK_TUNED, report, report_tuned, shouhou, wall  # noqa: E402


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
        base_typer = wall([PYTHON, "-c", "import typer"])
        base_stack = wall(STACK)
        base_tuned = wall(STACK_TUNED)
        help_time = wall(shouhou("--help"))
        list_time = wall(shouhou("--db", str(path), "customer", "list"))
        json_time = wall(shouhou("--db", str(path), "customer", "list", "--format", "json"))
        page_time = wall(shouhou("--db", str(path), "customer", "list", "--limit", "50"))
    ok = report("shouhou --help", help_time, base_typer, 1.3)
    ok &= report("customer list (10,000 rows, plain text)", list_time, base_stack, 1.3)
    report("customer list --format json (10,000 rows)", json_time, base_stack, 1.3)
    report("customer list --limit 50 (fixed cost only)", page_time, base_stack, 1.3)
    report_tuned("customer list (10,000 rows)", list_time, base_tuned)
    report_tuned("customer list --limit 50", page_time, base_tuned)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
