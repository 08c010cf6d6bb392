"""Backup and restore of a SQLite database (PostgreSQL sites use pg_dump / pg_restore).

Rules this module owns:

- A backup is taken with SQLite's online backup API: a consistent snapshot, safe while other
  clerks keep working (WAL lets it read past an open write transaction). The file is written
  under a temporary name with mode 0600, checked, switched to a single-file journal mode and
  only then renamed into place; an existing file is replaced only when asked (``force``).
- A restore accepts only a file that passes ``PRAGMA integrity_check`` and carries a schema
  version this build knows (never a newer one). The database it replaces is first kept as
  ``<name>.bak-YYYYMMDD-HHMM`` (mode 0600, taken with the backup API too); the new content is
  copied in through the backup API, so other processes see a clean switch, and then migrated
  to the latest schema.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from shouhou import db
from shouhou.errors import DomainError, UsageError

BUSY_TIMEOUT_S = db.BUSY_TIMEOUT_MS / 1000


@dataclass(frozen=True)
class BackupResult:
    source: Path
    target: Path
    size: int
    revision: str | None


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    live: Path
    kept: Path | None
    revision_before: str | None
    revision_restored: str
    revision_after: str | None


def live_path(url: str, *, action: str) -> Path:
    """The SQLite file behind ``url``; PostgreSQL is pointed to its own tools."""
    path = db.sqlite_path(url)
    if path is None:
        if db.is_sqlite(url):
            raise DomainError("err.backup_memory")
        raise DomainError("err.backup_postgres" if action == "backup" else "err.restore_postgres")
    return path


def _create_private(path: Path) -> None:
    """An empty file only the owner may read (backups hold customers' data)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout={db.BUSY_TIMEOUT_MS}")
    return conn


def _revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def _copy(source: sqlite3.Connection, target_path: Path) -> None:
    """Online backup of ``source`` into a new private file, left in a single-file journal."""
    _create_private(target_path)
    target = sqlite3.connect(str(target_path), isolation_level=None)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
        check = target.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise DomainError("err.backup_check", path=str(target_path), detail=str(check))
    finally:
        target.close()


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            Path(str(path) + suffix).unlink()
        except FileNotFoundError:
            pass


def backup_database(url: str, target: Path, *, force: bool = False) -> BackupResult:
    """Copy the live database to ``target`` with the online backup API (DOMAIN §1: records are
    kept at least 5 years — backups are how a small office keeps them)."""
    source_path = live_path(url, action="backup")
    if not source_path.exists() or source_path.stat().st_size == 0:
        raise DomainError("err.no_database", where=str(source_path))
    target = target.expanduser()
    if _same_file(source_path, target):
        raise UsageError("err.backup_same_file", path=str(target))
    if target.is_dir():
        raise UsageError("err.backup_is_dir", path=str(target))
    if not target.parent.is_dir():
        raise UsageError("err.backup_no_folder", folder=str(target.parent))
    if target.exists() and not force:
        raise DomainError("err.backup_exists", path=str(target))
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    _remove(temporary)
    source = _connect(source_path)
    try:
        revision = _revision(source)
        _copy(source, temporary)
        os.replace(temporary, target)
    except BaseException:
        _remove(temporary)
        raise
    finally:
        source.close()
    return BackupResult(source_path, target, target.stat().st_size, revision)


def known_revisions() -> list[str]:
    """Every schema revision this build can upgrade from, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(Path(db.__file__).parent / "migrations"))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def check_backup(path: Path) -> str:
    """The schema revision of a backup file that is whole and not newer than this build."""
    if not path.is_file():
        raise UsageError("err.restore_no_file", path=str(path))
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.DatabaseError as exc:
        raise DomainError("err.restore_not_db", path=str(path), detail=str(exc)) from None
    try:
        try:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            raise DomainError("err.restore_not_db", path=str(path), detail=str(exc)) from None
        if result != ["ok"]:
            detail = "; ".join(str(r) for r in result[:3])
            raise DomainError("err.restore_corrupt", path=str(path), detail=detail)
        revision = _revision(conn)
    finally:
        conn.close()
    if revision is None:
        raise DomainError("err.restore_no_schema", path=str(path))
    known = known_revisions()
    if revision not in known:
        raise DomainError(
            "err.restore_newer", path=str(path), revision=revision, head=known[-1] if known else "-"
        )
    return revision


def kept_name(live: Path, now: datetime) -> Path:
    """``shouhou.db.bak-20261123-1430`` next to the live file (a suffix if that is taken)."""
    base = live.with_name(f"{live.name}.bak-{now.strftime('%Y%m%d-%H%M')}")
    candidate, counter = base, 1
    while candidate.exists():
        counter += 1
        candidate = base.with_name(f"{base.name}-{counter}")
    return candidate


def restore_database(url: str, source: Path, *, now: datetime) -> RestoreResult:
    """Replace the live database with ``source`` (checked first), keeping the old one.

    ``now`` is local time; it names the kept copy.
    """
    live = live_path(url, action="restore")
    source = source.expanduser()
    if _same_file(source, live):
        raise UsageError("err.restore_same_file", path=str(source))
    restored_revision = check_backup(source)
    db.dispose_all()
    live.parent.mkdir(parents=True, exist_ok=True)
    kept: Path | None = None
    before: str | None = None
    if live.exists() and live.stat().st_size > 0:
        current = _connect(live)
        try:
            before = _revision(current)
            kept = kept_name(live, now)
            _copy(current, kept)
        finally:
            current.close()
    else:
        # A -wal/-shm without its database is left over from a deleted file: applying it to the
        # restored one would corrupt it.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(str(live) + suffix).unlink(missing_ok=True)
        if not live.exists():
            _create_private(live)
    incoming = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    target = _connect(live)
    try:
        incoming.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.DatabaseError as exc:
        # The copy runs in one transaction on the live file: on failure it is unchanged.
        kept_text = str(kept) if kept is not None else "-"
        raise DomainError("err.restore_failed", detail=str(exc), kept=kept_text) from None
    finally:
        target.close()
        incoming.close()
    db.ensure_schema(url, create=True)
    after = db.head_of(url)
    db.dispose_all()
    return RestoreResult(source, live, kept, before, restored_revision, after)
