"""Shared fixtures: a fresh database per test (SQLite, or PostgreSQL via ``SHOUHOU_TEST_DB``),
a write session on it, a fixed audit stamp, and a CLI runner with a pinned clock and language.

``SHOUHOU_TEST_DB=postgresql+psycopg://user:pw@127.0.0.1:5432/any`` runs every database test on
that server: each test gets its own database (``CREATE DATABASE … TEMPLATE`` of one migrated once
per session), dropped afterwards.
"""

from __future__ import annotations

import functools
import os
import shutil
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    import click
    from sqlalchemy.engine import Engine
    from sqlmodel import Session
    from typer.testing import Result

    from shouhou.services.audit import Stamp

settings.register_profile(
    "shouhou",
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "shouhou"))

TEST_DB_ENV = "SHOUHOU_TEST_DB"
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW_TEXT = "2026-11-23 10:00"
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)

# Variables that would leak the developer's setup into a CLI test; removed for every invocation.
_SCRUBBED = ("SHOUHOU_DB", "SHOUHOU_TEST_DB", "LC_ALL", "LC_MESSAGES", "LANG", "TZ")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes more than 10 s (still part of the suite)")


def pytest_report_header(config: pytest.Config) -> str:
    server = os.environ.get(TEST_DB_ENV)
    if not server:
        return "shouhou test database: SQLite (temporary files)"
    from sqlalchemy.engine import make_url

    return "shouhou test database: " + make_url(server).render_as_string(hide_password=True)


def backend() -> str:
    """``sqlite`` or ``postgresql``: the backend the suite runs against."""
    return "postgresql" if os.environ.get(TEST_DB_ENV, "").startswith("postgresql") else "sqlite"


# -- PostgreSQL server ---------------------------------------------------------------------------


class PgServer:
    """A PostgreSQL server on which tests create and drop their own databases.

    Copying the migrated template takes ~0.2 s, so the next test's database is created in the
    background while the current test runs, and dropping happens in the background too.
    """

    def __init__(self, base_url: str) -> None:
        from concurrent.futures import ThreadPoolExecutor

        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url
        from sqlalchemy.pool import NullPool

        self.base_url = base_url
        admin_url = make_url(base_url).set(database="postgres")
        self.admin: Engine = create_engine(
            admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool
        )
        self.template: str | None = None
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pgtest")
        self._next: Future[str] | None = None
        self._drops: list[Future[None]] = []

    def url(self, name: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.base_url).set(database=name).render_as_string(hide_password=False)

    def create(self, name: str, *, template: str | None = None) -> str:
        from sqlalchemy import text

        clause = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        return name

    def _drop_now(self, name: str) -> None:
        """Drop, retrying briefly: an autovacuum worker that just started on the database can
        only be terminated by a superuser or a member of pg_signal_backend."""
        import time

        from sqlalchemy import text
        from sqlalchemy.exc import DBAPIError

        for attempt in range(50):
            try:
                with self.admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                return
            except DBAPIError:
                if attempt == 49:
                    raise
                time.sleep(0.2)

    def drop(self, name: str) -> None:
        """Close our connections now; the database itself goes in the background."""
        from shouhou import db

        db.dispose_all()
        self._drops.append(self._pool.submit(self._drop_now, name))

    def _copy(self) -> Future[str]:
        return self._pool.submit(self.create, _unique_name("shouhou_t"), template=self.template)

    def fresh(self) -> str:
        """The name of a new database at the head schema (made ahead of time)."""
        current = self._next or self._copy()
        name = current.result()
        self._next = self._copy()
        return name

    def close(self) -> None:
        if self._next is not None:
            try:
                self._drop_now(self._next.result())
            except Exception:  # noqa: BLE001 - the creation itself failed; nothing to drop
                pass
        for pending in self._drops:
            pending.result()
        self._pool.shutdown(wait=True)
        if self.template is not None:
            self._drop_now(self.template)
        self.admin.dispose()


def _unique_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:16]}"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer | None]:
    raw = os.environ.get(TEST_DB_ENV)
    if not raw:
        yield None
        return
    if not raw.startswith("postgresql"):
        raise pytest.UsageError(f"{TEST_DB_ENV} must be a postgresql+psycopg:// URL, got {raw!r}")
    from shouhou import db

    server = PgServer(raw)
    template = server.create(_unique_name("shouhou_tpl"))
    server.template = template
    try:
        db.upgrade(server.url(template))
        db.dispose_all()  # nobody may be connected to a template while it is copied
        yield server
    finally:
        db.dispose_all()
        server.close()


# -- SQLite template -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated to head; copied for each test (migrating costs ~0.1 s)."""
    from shouhou import db

    path = tmp_path_factory.mktemp("template") / "template.db"
    url = "sqlite:///" + str(path)
    db.upgrade(url)
    db.dispose_all()  # closes the last connection: WAL checkpointed into the main file
    return path


# -- per-test databases --------------------------------------------------------------------------


@pytest.fixture
def blank_db_url(tmp_path: Path, pg_server: PgServer | None) -> Iterator[str]:
    """A fresh database with no schema at all (SQLite: the file does not exist yet)."""
    from shouhou import db

    if pg_server is None:
        yield "sqlite:///" + str(tmp_path / "blank.db")
        db.dispose_all()
        return
    name = pg_server.create(_unique_name("shouhou_t"))
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop(name)


@pytest.fixture
def db_url(
    tmp_path: Path, pg_server: PgServer | None, request: pytest.FixtureRequest
) -> Iterator[str]:
    """A fresh database at the head schema, private to this test."""
    from shouhou import db

    if pg_server is None:
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "shouhou.db"
        shutil.copy2(template, path)
        yield "sqlite:///" + str(path)
        db.dispose_all()
        return
    name = pg_server.fresh()
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop(name)


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    """A write session on the test database, committed when the test ends."""
    from shouhou import db

    with db.session(db_url, write=True) as s:
        yield s


@pytest.fixture
def stamp() -> Stamp:
    from shouhou.services.audit import Stamp

    return Stamp("tester", NOW)


# -- CLI -----------------------------------------------------------------------------------------


def cli_env(**overrides: str | None) -> dict[str, str | None]:
    """The environment of a CLI test: pinned clock, Shanghai time, English, user ``tester``."""
    env: dict[str, str | None] = dict.fromkeys(_SCRUBBED)
    env.update(
        SHOUHOU_NOW=NOW_TEXT,
        SHOUHOU_TZ="Asia/Shanghai",
        SHOUHOU_LANG="en",
        SHOUHOU_USER="tester",
    )
    env.update(overrides)
    return env


CliRun = Callable[..., "Result"]


@functools.cache
def root_command() -> click.Command:
    """The click command tree, built once: Typer rebuilds it on every ``invoke`` (~0.1 s)."""
    import typer.main

    from shouhou.cli.app import app

    command = typer.main.get_command(app)
    load = command.get_command  # type: ignore[attr-defined]
    loaded: dict[str, click.Command | None] = {}

    def get_command(ctx: click.Context, name: str) -> click.Command | None:
        # Sub-commands load lazily on every call; build each once for the whole test run.
        if name not in loaded:
            loaded[name] = load(ctx, name)
        return loaded[name]

    command.get_command = get_command  # type: ignore[attr-defined]
    return command


def invoke(
    args: Sequence[str], *, env: Mapping[str, str | None] | None = None, input: str | None = None
) -> Result:
    """``shouhou *args`` in-process with the test environment; see :func:`cli_env`."""
    from unittest import mock

    import typer.testing

    from shouhou.cli.app import app

    command = root_command()
    with mock.patch.object(typer.testing, "_get_command", lambda _app: command):
        return typer.testing.CliRunner().invoke(
            app, list(args), env=cli_env(**(env or {})), input=input
        )


def make_cli(db: str | None) -> CliRun:
    def run(
        *args: str,
        env: Mapping[str, str | None] | None = None,
        input: str | None = None,
        db: str | None = db,
    ) -> Result:
        return invoke(["--db", db, *args] if db is not None else list(args), env=env, input=input)

    return run


@pytest.fixture
def cli(db_url: str) -> CliRun:
    """``cli("customer", "list", "--format", "json")`` → a Result with ``stdout``/``stderr``.

    Runs ``shouhou --db <db_url> …`` in-process. ``env=`` adds or removes (None) variables;
    ``db=`` points at another database (``db=None`` leaves out ``--db``).
    """
    return make_cli(db_url)


@pytest.fixture
def blank_cli(blank_db_url: str) -> CliRun:
    """Like ``cli`` but on a database that has no schema yet."""
    return make_cli(blank_db_url)
