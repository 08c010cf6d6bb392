"""Issue 12, done when: two processes issuing the last unit at the same moment — exactly one
succeeds, the other exits 1 saying how many are left (0); on SQLite and on PostgreSQL
(``SHOUHOU_TEST_DB``). DOMAIN §4: stock never goes negative.

Real processes: the installed ``shouhou`` entry point, twice, on one database. To make them
meet inside their transactions, most rounds start both while this test holds the lock they
need (SQLite: the database's write lock, ``BEGIN IMMEDIATE``; PostgreSQL: the part's row,
``FOR UPDATE``), wait until both are waiting on it, and let go: they race for it. The other
rounds just start both at once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from shouhou import db
from tests.conftest import NOW_TEXT, CliRun

pytestmark = pytest.mark.slow


def entry_point() -> str | None:
    beside = Path(sys.executable).with_name("shouhou")
    if beside.exists():
        return str(beside)
    return shutil.which("shouhou")


SHOUHOU = entry_point()
T1, T2 = "SH2611-0001", "SH2611-0002"


def start(db_url: str, *args: str) -> subprocess.Popen[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SHOUHOU_", "LC_")) and key != "LANG"
    }
    env.update(SHOUHOU_NOW=NOW_TEXT, SHOUHOU_TZ="Asia/Shanghai", SHOUHOU_LANG="en",
               SHOUHOU_USER="王工", PYTHONIOENCODING="utf-8")  # fmt: skip
    argv = [SHOUHOU or "shouhou", "--db", db_url, *args]
    return subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def sqlite_file(db_url: str) -> Path | None:
    return db.sqlite_path(db_url) if db.is_sqlite(db_url) else None


def has_open(pid: int, path: Path) -> bool:
    """Whether process ``pid`` has the database file open (Linux ``/proc``)."""
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.path.realpath(fd) == str(path.resolve()) for fd in fds.iterdir())
    except OSError:  # the process ended, or no /proc
        return False


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@contextmanager
def holding_the_lock(db_url: str, number: str) -> Iterator[Callable[[list[int]], None]]:
    """Hold what an issue of part ``number`` must lock; yields a function that waits until
    the given processes are blocked on it. Leaving the block lets go."""
    path = sqlite_file(db_url)
    if path is not None:
        import sqlite3

        lite = sqlite3.connect(path, isolation_level=None, timeout=10)
        lite.execute("BEGIN IMMEDIATE")

        def blocked(pids: list[int]) -> None:
            # Each opens the file, then its first statement (BEGIN IMMEDIATE) waits for us.
            if Path("/proc").is_dir():
                assert wait_for(lambda: all(has_open(p, path) for p in pids), 20)
                time.sleep(0.5)
            else:
                time.sleep(3)

        try:
            yield blocked
        finally:
            lite.execute("ROLLBACK")
            lite.close()
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(db_url, poolclass=NullPool)
    with engine.connect() as conn:
        conn.execute(text("SELECT id FROM part WHERE number = :n FOR UPDATE"), {"n": number})
        name = conn.execute(text("SELECT current_database()")).scalar_one()

        def waiting() -> int:
            with engine.connect() as probe:
                return int(
                    probe.execute(
                        text(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = :d "
                            "AND wait_event_type = 'Lock'"
                        ),
                        {"d": name},
                    ).scalar_one()
                )

        def blocked(pids: list[int]) -> None:
            assert wait_for(lambda: waiting() == len(pids), 20), waiting()

        try:
            yield blocked
        finally:
            conn.rollback()
    engine.dispose()


@pytest.fixture
def office(cli: CliRun, db_url: str) -> CliRun:
    """Two tickets out of warranty; the parts come per round."""

    def ok(result: Any) -> None:
        assert result.exit_code == 0, result.stderr

    ok(cli("customer", "add", "甲"))
    ok(cli("device", "add", "--customer", "甲", "--model", "KS-200", "--serial", "S1",
           "--accepted", "2020-01-01"))  # fmt: skip
    for _ in (T1, T2):
        ok(cli("ticket", "new", "--device", "S1", "--severity", "3", "--symptom", "不制冷"))
    db.dispose_all()
    return cli


def last_unit(db_url: str, number: str) -> None:
    """A part with exactly one unit on the shelf."""
    from tests.services.test_parts_issuing import make_part

    with db.session(db_url, write=True) as s:
        make_part(s, number, name="压缩机阀", unit="个", cost=2000, price=5000, stock=1)
    db.dispose_all()


def outcome(db_url: str, number: str) -> tuple[int, list[int]]:
    from sqlmodel import select

    from shouhou.models import Part, StockMove
    from shouhou.services.parts import ledger

    with db.session(db_url) as s:
        part = s.exec(select(Part).where(Part.number == number)).one()
        assert part.id is not None
        issued = s.exec(
            select(StockMove.quantity).where(
                StockMove.part_id == part.id, StockMove.kind == "issue"
            )
        ).all()
        left = ledger.on_hand(s, part.id)
    db.dispose_all()
    return left, list(issued)


def command(kind: str, number: str, ticket: str) -> tuple[str, ...]:
    if kind == "issue":
        return ("part", "issue", number, "1", "--ticket", ticket)
    return ("ticket", "charge", ticket, "--part", f"{number}:1")


# (command, start them while the lock is held) — each round on a part of its own.
ROUNDS = [("issue", True), ("charge", True), ("issue", False)]


@pytest.mark.skipif(SHOUHOU is None, reason="the shouhou entry point is not installed")
def test_two_processes_take_the_last_unit(office: CliRun, db_url: str) -> None:
    for index, (kind, barrier) in enumerate(ROUNDS, start=1):
        number = f"KS-LAST-{index}"
        last_unit(db_url, number)
        if barrier:
            with holding_the_lock(db_url, number) as blocked:
                procs = [start(db_url, *command(kind, number, t)) for t in (T1, T2)]
                blocked([p.pid for p in procs])
        else:
            procs = [start(db_url, *command(kind, number, t)) for t in (T1, T2)]
        results = [(p.wait(timeout=60), *p.communicate()) for p in procs]
        codes = sorted(code for code, _, _ in results)
        assert codes == [0, 1], (number, results)
        [(_, won, _)] = [r for r in results if r[0] == 0]
        [(_, _, lost)] = [r for r in results if r[0] == 1]
        assert "0 left in stock" in won, won
        assert lost == (
            f"error: only 0 个 of {number} in stock, 1 wanted — receive stock first "
            f"(`shouhou part receive {number} QTY`) or issue fewer\n"
        ), (number, kind, barrier)
        assert outcome(db_url, number) == (0, [-1])
