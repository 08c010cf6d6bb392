"""Import speed: 100,000 spreadsheet rows (customer + device on each row) into a fresh SQLite db.

Runs the real command line — ``shouhou import devices FILE`` — in a subprocess with the
venv's ``shouhou`` (so the figures include start-up, reading, checking and writing), on:

- a 100,000-row CSV (UTF-8) and the same rows as .xlsx: 25,000 customers with 4 devices
  each; the device rows carry the customer's name, phone, contact, address and region, so one
  file fills both tables (customers are opened by the device import);
- a re-run of the same file (everything unchanged) and a ``--dry-run``;
- a 10,000-row file with exactly 3 bad rows: the import must exit 1, write nothing and name
  exactly those 3 rows.

Usage:  .venv/bin/python benchmarks/import_speed.py [--rows 100000] [--repeat 3] [--keep DIR]
Target: ≤ 10 s for 100,000 rows.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HEADER = [
    "出厂编号",
    "型号",
    "品牌",
    "产品线",
    "出厂日期",
    "验收日期",
    "保修月数",
    "客户名称",
    "联系电话",
    "联系人",
    "地址",
    "地区",
]
MODELS = ["TK-200", "TK-300", "TK-500", "YS-10", "YS-20", "LD-1"]
REGIONS = ["天津", "北京", "河北", "山东", "广东", "江苏"]


def shouhou() -> str:
    exe = Path(sys.executable).with_name("shouhou")
    if not exe.exists():
        sys.exit(f"no shouhou next to {sys.executable}; run with the venv's python")
    return str(exe)


def rows(count: int, *, per_customer: int = 4) -> list[list[object]]:
    start = date(2024, 1, 1)
    out: list[list[object]] = []
    for n in range(count):
        c = n // per_customer
        made = start + timedelta(days=n % 700)
        out.append(
            [
                f"SN{n:08d}",
                MODELS[n % len(MODELS)],
                "天控",
                "控制系统",
                made.isoformat(),
                (made + timedelta(days=30)).isoformat(),
                24 if n % 3 else 36,
                f"客户{c:06d}有限公司",
                f"022-{c:08d}",
                f"联系人{c % 97}",
                f"{REGIONS[c % len(REGIONS)]}市某区某路{c % 500}号",
                REGIONS[c % len(REGIONS)],
            ]
        )
    return out


def write_csv(path: Path, data: list[list[object]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        writer.writerows(data)


def write_xlsx(path: Path, data: list[list[object]]) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("设备台账")
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    workbook.save(path)


def env() -> dict[str, str]:
    result = dict(os.environ)
    result.update(SHOUHOU_LANG="en", SHOUHOU_USER="bench", SHOUHOU_TZ="Asia/Shanghai")
    result.pop("SHOUHOU_DB", None)
    return result


def fresh_db(directory: Path, name: str) -> Path:
    path = directory / name
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    subprocess.run(
        [shouhou(), "--db", str(path), "init"], check=True, env=env(), capture_output=True
    )
    return path


CPU: list[float] = []  # CPU seconds (user + system) of the last timed command


def timed(args: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Wall seconds of a command; its CPU seconds go to ``CPU`` (on a shared machine the CPU
    figure shows the work done, the wall figure includes waiting for other processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, env=env())
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, done


def count(db_path: Path, table: str) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def bench_file(directory: Path, path: Path, repeat: int, expected: int) -> dict[str, float]:
    fresh_times, rerun_times, dry_times, fresh_cpu = [], [], [], []
    for attempt in range(repeat):
        db_path = fresh_db(directory, f"bench-{path.suffix[1:]}.db")
        base = [shouhou(), "--db", str(db_path), "import", "devices", str(path)]
        seconds, done = timed(base)
        if done.returncode != 0:
            sys.exit(f"import failed: {done.stderr.strip()}")
        assert count(db_path, "device") == expected, "not every device was imported"
        fresh_times.append(seconds)
        fresh_cpu.append(CPU[-1])
        seconds, done = timed(base)
        assert done.returncode == 0 and f"{expected} unchanged" in done.stdout, done.stdout
        rerun_times.append(seconds)
        seconds, done = timed([*base, "--dry-run"])
        assert done.returncode == 0, done.stderr
        dry_times.append(seconds)
        print(
            f"  run {attempt + 1}: import {fresh_times[-1]:.2f} s (CPU {fresh_cpu[-1]:.2f} s),"
            f" re-run {rerun_times[-1]:.2f} s, dry run {dry_times[-1]:.2f} s"
        )
    return {
        "import": statistics.median(fresh_times),
        "cpu": statistics.median(fresh_cpu),
        "rerun": statistics.median(rerun_times),
        "dry_run": statistics.median(dry_times),
    }


def three_bad_rows(directory: Path) -> None:
    data = rows(10_000)
    data[1233][5] = "2026-13-01"  # spreadsheet row 1235 (header is row 1)
    data[5677][1] = ""  # row 5679: model missing
    data[9998][6] = "两年"  # row 10000
    path = directory / "bad-3-of-10000.csv"
    write_csv(path, data)
    db_path = fresh_db(directory, "bad.db")
    _, done = timed(
        [shouhou(), "--db", str(db_path), "import", "devices", str(path), "--format", "json"]
    )
    report = json.loads(done.stdout)
    reported = sorted({p["row"] for p in report})
    ok = (
        done.returncode == 1
        and reported == [1235, 5679, 10000]
        and len(report) == 3
        and count(db_path, "device") == 0
        and count(db_path, "customer") == 0
    )
    print(
        f"10,000 rows with 3 bad: exit {done.returncode}, rows reported {reported}, "
        f"devices written {count(db_path, 'device')} → {'OK' if ok else 'FAILED'}"
    )
    print(f"  {done.stderr.strip()}")
    if not ok:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write files and databases here")
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="shouhou-bench-"))
    directory.mkdir(parents=True, exist_ok=True)

    data = rows(args.rows)
    csv_path, xlsx_path = directory / "devices.csv", directory / "devices.xlsx"
    write_csv(csv_path, data)
    write_xlsx(xlsx_path, data)
    customers = len({row[7] for row in data})
    print(f"{args.rows:,} rows ({customers:,} customers) in {directory}")
    print(
        f"csv  {csv_path.stat().st_size / 1e6:.1f} MB, xlsx {xlsx_path.stat().st_size / 1e6:.1f} MB"
    )

    print(f"CSV, {args.repeat} runs (subprocess: shouhou import devices FILE):")
    csv_figures = bench_file(directory, csv_path, args.repeat, args.rows)
    print(f"XLSX, {args.repeat} runs:")
    xlsx_figures = bench_file(directory, xlsx_path, args.repeat, args.rows)
    print()
    print(f"{'file':6} {'import':>8} {'(CPU)':>8} {'re-run':>8} {'dry run':>8}   (medians, s)")
    for name, figures in (("csv", csv_figures), ("xlsx", xlsx_figures)):
        print(
            f"{name:6} {figures['import']:8.2f} {figures['cpu']:8.2f} {figures['rerun']:8.2f}"
            f" {figures['dry_run']:8.2f}" + ("" if figures["import"] <= 10 else "   > 10 s target")
        )
    print()
    three_bad_rows(directory)


if __name__ == "__main__":
    main()
