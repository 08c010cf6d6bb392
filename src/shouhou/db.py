"""Database access: URL resolution, engines, SQLite pragmas, session scope, migrate-on-open.

Heavy imports (SQLAlchemy, alembic) happen inside functions so that ``shouhou --help`` stays
fast; alembic is imported only when the database's revision differs from the head revision.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError
from shouhou.migrations.head import HEAD_REVISION

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

BUSY_TIMEOUT_MS = 10_000
_engines: dict[str, Engine] = {}
_current: set[str] = set()  # URLs already checked to be at the head revision in this process


def default_db_path() -> Path:
    import typer

    return Path(typer.get_app_dir("shouhou")) / "shouhou.db"


def resolve_url(flag: str | None, env: dict[str, str] | None = None) -> str:
    """``--db``, else ``SHOUHOU_DB``, else ``shouhou.db`` in the user data dir.

    A plain path means SQLite; anything with ``://`` is used as a SQLAlchemy URL.
    """
    env = dict(os.environ) if env is None else env
    value = flag or env.get("SHOUHOU_DB") or str(default_db_path())
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other backends and in-memory databases."""
    if not url.startswith("sqlite"):
        return None
    _, _, rest = url.partition(":///")
    if not rest or rest == ":memory:":
        return None
    return Path(rest.split("?", 1)[0])


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def database_exists(url: str) -> bool:
    path = sqlite_path(url)
    if path is not None:
        return path.exists() and path.stat().st_size > 0
    return head_of(url) is not None


def engine_for(url: str) -> Engine:
    """One engine per URL, created on first use (never at import time)."""
    engine = _engines.get(url)
    if engine is None:
        engine = _make_engine(url)
        _engines[url] = engine
    return engine


def dispose_all() -> None:
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()
    _current.clear()


def _make_engine(url: str) -> Engine:
    from sqlalchemy import create_engine, event

    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)

    path = sqlite_path(url)
    if path is not None and not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _begin)
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if path is not None:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # Writers take the lock up front so read-then-update (numbering, stock) cannot race.
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def head_of(url: str) -> str | None:
    """The revision the database is at, or None when it has no schema yet."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError, ProgrammingError

    engine = engine_for(url)
    try:
        with engine.connect() as conn:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    except (OperationalError, ProgrammingError):
        return None
    return row[0] if row else None


def upgrade(url: str, revision: str = "head") -> None:
    """Apply alembic migrations up to ``revision`` (imports alembic: off the hot path)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    engine = engine_for(url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def ensure_schema(url: str, *, create: bool) -> None:
    """Migrate on open. ``create=False`` (read-only commands) refuses a missing database."""
    if url in _current:
        return
    if not create and not database_exists(url):
        raise DomainError("err.no_database", where=describe(url))
    if head_of(url) != HEAD_REVISION:
        upgrade(url)
    _current.add(url)


def describe(url: str) -> str:
    """The URL without a password, for messages and ``shouhou info``."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@contextmanager
def session(url: str, *, write: bool = False, create: bool | None = None) -> Iterator[Session]:
    """One session per command: committed once at the end, rolled back on any exception."""
    from sqlmodel import Session

    ensure_schema(url, create=write if create is None else create)
    engine = engine_for(url)
    with engine.connect() as conn:
        if write and is_sqlite(url):
            conn = conn.execution_options(sqlite_immediate=True)
        with Session(bind=conn, expire_on_commit=False) as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise
