"""Backup and restore of the SQLite file: online backup API, 0600 files, checks before restore.

These tests always use SQLite files of their own (backup/restore is SQLite-only; PostgreSQL
sites are sent to pg_dump / pg_restore, tested at the end).
"""

from __future__ import annotations

import sqlite3
import stat
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from shouhou import db
from shouhou.errors import DomainError, UsageError
from shouhou.migrations.head import HEAD_REVISION
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.data.backup import (
    backup_database,
    check_backup,
    kept_name,
    known_revisions,
    restore_database,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
LOCAL_NOW = datetime(2026, 11, 23, 14, 30, tzinfo=SHANGHAI)
STAMP = Stamp("tester", LOCAL_NOW)


def url_of(path: Path) -> str:
    return "sqlite:///" + str(path)


def make_db(path: Path, *names: str) -> str:
    """A database at head holding customers ``names``."""
    url = url_of(path)
    with db.session(url, write=True) as s:
        for name in names:
            add_customer(s, STAMP, name=name)
    return url


def names_in(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM customer ORDER BY id")]
    finally:
        conn.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _data_close_engines() -> object:
    yield None
    db.dispose_all()


# -- backup -----------------------------------------------------------------------------------


def test_backup_is_a_private_checked_single_file(tmp_path: Path) -> None:
    url = make_db(tmp_path / "live.db", "甲公司", "乙公司")
    target = tmp_path / "backup.db"
    result = backup_database(url, target)
    assert result.target == target
    assert result.revision == HEAD_REVISION
    assert result.size == target.stat().st_size > 0
    assert mode(target) == 0o600
    assert names_in(target) == ["甲公司", "乙公司"]
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert not list(tmp_path.glob(".backup.db*"))  # no temporary left behind


def test_backup_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    url = make_db(tmp_path / "live.db", "甲公司")
    target = tmp_path / "backup.db"
    target.write_text("precious")
    with pytest.raises(DomainError) as exc:
        backup_database(url, target)
    assert exc.value.key == "err.backup_exists"
    assert target.read_text() == "precious"
    backup_database(url, target, force=True)
    assert names_in(target) == ["甲公司"]
    assert mode(target) == 0o600


def test_backup_while_another_connection_holds_a_write_transaction(tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    url = make_db(live, "已提交")
    writer = sqlite3.connect(live, isolation_level=None, timeout=0.1)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "INSERT INTO customer (name, zone, key_customer, created_at, updated_at) "
            "VALUES ('未提交', 'local', 0, '2026-11-23 06:30:00', '2026-11-23 06:30:00')"
        )
        result = backup_database(url, tmp_path / "backup.db")
        writer.execute("COMMIT")
    finally:
        writer.close()
    assert names_in(result.target) == ["已提交"]  # a consistent snapshot, not a torn write
    assert names_in(live) == ["已提交", "未提交"]  # the writer was not disturbed


def test_backup_needs_an_existing_database(tmp_path: Path) -> None:
    with pytest.raises(DomainError) as exc:
        backup_database(url_of(tmp_path / "none.db"), tmp_path / "b.db")
    assert exc.value.key == "err.no_database"


def test_backup_target_checks(tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    url = make_db(live, "甲")
    with pytest.raises(UsageError) as same:
        backup_database(url, live, force=True)
    assert same.value.key == "err.backup_same_file"
    with pytest.raises(UsageError) as folder:
        backup_database(url, tmp_path / "missing" / "b.db")
    assert folder.value.key == "err.backup_no_folder"
    with pytest.raises(UsageError) as is_dir:
        backup_database(url, tmp_path)
    assert is_dir.value.key == "err.backup_is_dir"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("postgresql+psycopg://u:p@localhost/shouhou", "err.backup_postgres"),
        ("sqlite:///:memory:", "err.backup_memory"),
    ],
)
def test_backup_of_other_backends_points_elsewhere(tmp_path: Path, url: str, key: str) -> None:
    with pytest.raises(DomainError) as exc:
        backup_database(url, tmp_path / "b.db")
    assert exc.value.key == key


def test_restore_of_postgresql_points_to_pg_restore(tmp_path: Path) -> None:
    with pytest.raises(DomainError) as exc:
        restore_database("postgresql+psycopg://u@h/db", tmp_path / "b.db", now=LOCAL_NOW)
    assert exc.value.key == "err.restore_postgres"


# -- restore ----------------------------------------------------------------------------------


def test_restore_round_trip_keeps_the_replaced_database(tmp_path: Path) -> None:
    live = tmp_path / "shouhou.db"
    url = make_db(live, "备份时的客户")
    backup = backup_database(url, tmp_path / "b.db").target
    with db.session(url, write=True) as s:
        add_customer(s, STAMP, name="备份后新增")
    db.dispose_all()

    result = restore_database(url, backup, now=LOCAL_NOW)

    assert result.kept == tmp_path / "shouhou.db.bak-20261123-1430"
    assert mode(result.kept) == 0o600
    assert names_in(result.kept) == ["备份时的客户", "备份后新增"]
    assert names_in(live) == ["备份时的客户"]
    assert (result.revision_before, result.revision_after) == (HEAD_REVISION, HEAD_REVISION)
    with db.session(url) as s:  # the engine works on the restored file
        from sqlmodel import select

        from shouhou.models import Customer

        assert [c.name for c in s.exec(select(Customer))] == ["备份时的客户"]


def test_restore_twice_in_a_minute_keeps_both_copies(tmp_path: Path) -> None:
    live = tmp_path / "shouhou.db"
    url = make_db(live, "甲")
    backup = backup_database(url, tmp_path / "b.db").target
    first = restore_database(url, backup, now=LOCAL_NOW).kept
    second = restore_database(url, backup, now=LOCAL_NOW).kept
    assert first is not None and second is not None
    assert first != second and first.exists() and second.exists()
    assert second.name == "shouhou.db.bak-20261123-1430-2"


def test_kept_name_format(tmp_path: Path) -> None:
    assert kept_name(tmp_path / "x.db", LOCAL_NOW).name == "x.db.bak-20261123-1430"


def test_restore_into_a_missing_database_removes_stale_wal(tmp_path: Path) -> None:
    source = tmp_path / "source.db"
    url = make_db(source, "甲")
    backup = backup_database(url, tmp_path / "b.db").target
    live = tmp_path / "fresh" / "shouhou.db"
    live.parent.mkdir()
    for suffix in ("-wal", "-shm"):
        Path(str(live) + suffix).write_bytes(b"stale garbage")
    result = restore_database(url_of(live), backup, now=LOCAL_NOW)
    assert result.kept is None
    assert names_in(live) == ["甲"]
    assert mode(live) == 0o600
    wal = Path(str(live) + "-wal")
    assert not wal.exists() or wal.read_bytes() != b"stale garbage"


def test_restore_migrates_an_older_schema(tmp_path: Path) -> None:
    revisions = known_revisions()
    assert revisions[-1] == HEAD_REVISION
    old = tmp_path / "old.db"
    db.upgrade(url_of(old), revisions[0])
    db.dispose_all()
    conn = sqlite3.connect(old)
    conn.execute(
        "INSERT INTO customer (name, zone, key_customer, created_at, updated_at) "
        "VALUES ('老客户', 'local', 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
    )
    conn.commit()
    conn.close()
    live = tmp_path / "shouhou.db"
    url = make_db(live)
    result = restore_database(url, old, now=LOCAL_NOW)
    assert result.revision_restored == revisions[0]
    assert result.revision_after == HEAD_REVISION
    assert names_in(live) == ["老客户"]


def test_restore_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    live = tmp_path / "shouhou.db"
    url = make_db(live, "甲")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DomainError) as exc:
        restore_database(url, junk, now=LOCAL_NOW)
    assert exc.value.key == "err.restore_not_db"
    assert names_in(live) == ["甲"]
    assert not list(tmp_path.glob("shouhou.db.bak-*"))


def _corrupt_copy(tmp_path: Path) -> Path:
    """A database whose index no longer matches its table: integrity_check reports it."""
    path = tmp_path / "corrupt.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES (?)", (HEAD_REVISION,))
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, w TEXT)")
    conn.execute("CREATE INDEX ix_t_v ON t (v)")
    rows = [(f"value {n:05d}", f"w{n}") for n in range(2000)]
    conn.executemany("INSERT INTO t (v, w) VALUES (?, ?)", rows)
    conn.commit()
    conn.execute("PRAGMA writable_schema=ON")
    # The index now claims to cover another column than the one its pages hold.
    conn.execute("UPDATE sqlite_master SET sql='CREATE INDEX ix_t_v ON t (w)' WHERE name='ix_t_v'")
    conn.commit()
    conn.close()
    return path


def _truncated_copy(tmp_path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path = tmp_path / "truncated.db"
    path.write_bytes(data[: len(data) // 2])
    return path


def test_restore_refuses_a_corrupt_database(tmp_path: Path) -> None:
    live = tmp_path / "shouhou.db"
    url = make_db(live, "甲")
    corrupt = _corrupt_copy(tmp_path)
    with pytest.raises(DomainError) as exc:
        restore_database(url, corrupt, now=LOCAL_NOW)
    assert exc.value.key == "err.restore_corrupt"
    assert "missing from index" in exc.value.fields["detail"]
    backup = backup_database(url, tmp_path / "b.db").target
    with pytest.raises(DomainError) as cut:
        check_backup(_truncated_copy(tmp_path, backup))
    assert cut.value.key in ("err.restore_corrupt", "err.restore_not_db")
    assert names_in(live) == ["甲"]
    assert not list(tmp_path.glob("shouhou.db.bak-*"))


def test_restore_refuses_a_newer_schema(tmp_path: Path) -> None:
    live = tmp_path / "shouhou.db"
    url = make_db(live, "甲")
    newer = backup_database(url, tmp_path / "newer.db").target
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num='0099_from_the_future'")
    conn.commit()
    conn.close()
    with pytest.raises(DomainError) as exc:
        restore_database(url, newer, now=LOCAL_NOW)
    assert exc.value.key == "err.restore_newer"
    assert exc.value.fields["revision"] == "0099_from_the_future"
    assert exc.value.fields["head"] == HEAD_REVISION
    assert not list(tmp_path.glob("shouhou.db.bak-*"))


def test_restore_refuses_a_database_without_schema_version(tmp_path: Path) -> None:
    live = tmp_path / "shouhou.db"
    url = make_db(live, "甲")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(DomainError) as exc:
        restore_database(url, other, now=LOCAL_NOW)
    assert exc.value.key == "err.restore_no_schema"


def test_restore_refuses_missing_file_and_the_live_file(tmp_path: Path) -> None:
    live = tmp_path / "shouhou.db"
    url = make_db(live, "甲")
    with pytest.raises(UsageError) as missing:
        restore_database(url, tmp_path / "none.db", now=LOCAL_NOW)
    assert missing.value.key == "err.restore_no_file"
    with pytest.raises(UsageError) as same:
        restore_database(url, live, now=LOCAL_NOW)
    assert same.value.key == "err.restore_same_file"


def test_restore_while_another_process_has_the_database_open(tmp_path: Path) -> None:
    """A reader connected before the restore sees the restored content afterwards."""
    live = tmp_path / "shouhou.db"
    url = make_db(live, "旧")
    source = tmp_path / "src.db"
    make_db(source, "新")
    db.dispose_all()
    reader = sqlite3.connect(live)
    try:
        assert [r[0] for r in reader.execute("SELECT name FROM customer")] == ["旧"]
        restore_database(url, source, now=LOCAL_NOW)
        assert [r[0] for r in reader.execute("SELECT name FROM customer")] == ["新"]
    finally:
        reader.close()
