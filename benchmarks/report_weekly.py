"""Measures ``shouhou report weekly`` against the floor ``python -c "import typer,
sqlmodel"`` (benchmarks/_timing.paired: interleaved pairs, venv interpreter, median of the
per-pair ratios). Builds the database with benchmarks/tickets.build (SQLAlchemy Core, stored SLA
state from the services' own code) when it does not exist.

Run: .venv/bin/python benchmarks/report_weekly.py DB_PATH [--tickets N] [--days SPAN] [--runs N]
     [--formats txt,csv,json,md,html]
"""

import argparse
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tickets  # noqa: E402
from _timing import STACK, paired, report_paired, shouhou  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("db")
parser.add_argument("--tickets", type=int, default=10_000)
parser.add_argument("--days", type=int, default=365, help="span the tickets arrive over")
parser.add_argument("--runs", type=int, default=15)
parser.add_argument("--formats", default="txt,csv,json,md,html")
args = parser.parse_args()
if not Path(args.db).exists():
    tickets.SPAN = timedelta(days=args.days)
    tickets.build(
        "sqlite:///" + args.db, open_tickets=max(100, args.tickets // 100), total=args.tickets
    )
env = {"SHOUHOU_NOW": "2026-11-23 14:00", "SHOUHOU_LANG": "en"}
for fmt in args.formats.split(","):
    p = paired(
        shouhou("--db", args.db, "report", "weekly", "--format", fmt),
        STACK,
        env=env,
        runs=args.runs,
    )
    report_paired(f"report weekly --format {fmt}", p, 1.3)
