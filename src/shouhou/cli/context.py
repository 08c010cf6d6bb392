"""The per-command context: database, language, acting user, clock, time zone.

Built once from the global options; command handlers receive it instead of reading globals,
so they can also run in-process (a future ``shouhou shell``).

Time zones (DOMAIN §2, CLI.md "Times"): ``zone`` is the firm's, the ``time_zone`` setting
(default Asia/Shanghai) — working hours, local dates, and times typed without an offset
(``--at``, a naive ``SHOUHOU_NOW``) are in it, whatever the machine's zone (``TZ`` is ignored).
``SHOUHOU_TZ`` changes only ``display_zone``, the zone times are shown in. The setting is read
with the command's first session (one primary-key lookup), or with a short read of its own when
a time is needed before that; commands that never open the database never read it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING

import typer

from shouhou.i18n import Translator

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.services.audit import Stamp


@dataclass
class AppContext:
    db_url: str
    lang: str
    actor: str
    debug: bool
    env: dict[str, str] = field(default_factory=dict)
    # Where ``actor`` came from: "--as", "SHOUHOU_USER" or "login" (named when it is refused).
    actor_source: str = "--as"
    actor_resolved: bool = False
    firm_zone: tzinfo | None = None  # the ``time_zone`` setting, once read
    pinned_now: datetime | None = None  # "now", once computed

    @property
    def t(self) -> Translator:
        return Translator(self.lang)

    @property
    def zone(self) -> tzinfo:
        """The firm's time zone (setting ``time_zone``): rules, local dates, typed times."""
        if self.firm_zone is None:
            self.firm_zone = self._read_zone()
        return self.firm_zone

    @property
    def display_zone(self) -> tzinfo:
        """The zone times are shown in: ``SHOUHOU_TZ`` if it names a zone, else the firm's."""
        return display_override(self.env) or self.zone

    @property
    def now(self) -> datetime:
        """Aware "now" (``SHOUHOU_NOW`` pins it; a naive pin is in the firm's zone)."""
        if self.pinned_now is None:
            from shouhou.timeutil import current_time

            pinned = self.env.get("SHOUHOU_NOW")
            self.pinned_now = current_time(self.env, self.zone if pinned else UTC)
        return self.pinned_now

    def _read_zone(self) -> tzinfo:
        from shouhou import db
        from shouhou.services import config

        try:
            if db.database_exists(self.db_url):
                with db.session(self.db_url) as s:
                    return config.firm_zone(s)
        except Exception:  # noqa: BLE001 - unreadable (``restore`` replaces it): the default
            pass
        from zoneinfo import ZoneInfo

        return ZoneInfo(config.DEFAULT_TIME_ZONE)  # a database created later starts with it

    @property
    def today(self) -> date:
        return self.now.astimezone(self.zone).date()

    def parse_time(self, text: str | None, field: str) -> datetime:
        """A user time (``--at``); ``None`` means now."""
        from shouhou.timeutil import parse_time

        if text is None:
            return self.now
        return parse_time(text, now=self.now, zone=self.zone, field=field)

    def local(self, moment: datetime | None) -> str:
        from shouhou.timeutil import format_local

        return format_local(moment, self.display_zone)

    def stamp(self, at: datetime | None = None) -> Stamp:
        from shouhou.services.audit import Stamp

        return Stamp(actor=self.actor, at=at or self.now)

    def system_stamp(self) -> Stamp:
        """The stamp of what the rules do by themselves (``audit.SYSTEM_ACTOR``): a read
        command that materialises due visits needs no acting user, so cron runs it as is."""
        from shouhou.services.audit import SYSTEM_ACTOR, Stamp

        return Stamp(actor=SYSTEM_ACTOR, at=self.now)

    @contextmanager
    def session(
        self, *, write: bool = False, create: bool | None = None, check_actor: bool = True
    ) -> Iterator[Session]:
        """One session for the command. A write session first settles who acts
        (``resolve_actor``) unless ``check_actor`` is off (``init``: the bootstrap command)."""
        from shouhou import db

        with db.session(self.db_url, write=write, create=create) as s:
            if FREEZE_ON_SESSION:
                _freeze_startup_objects()
            if self.firm_zone is None:
                from shouhou.services import config

                self.firm_zone = config.firm_zone(s)
            if write and check_actor:
                self.resolve_actor(s)
            yield s

    def resolve_actor(self, session: Session) -> str:
        """The acting name as a user of this database (``services.users.acting_name``): the
        user's own spelling; refused (exit 2) when users exist and the name is none of them;
        any name while the database has no users. Once per command."""
        if not self.actor_resolved:
            from shouhou.services.users import acting_name

            self.actor = acting_name(session, self.actor, source=self.actor_source)
            self.actor_resolved = True
        return self.actor


# Set by the ``shouhou`` entry point only: a test process running many commands in-process
# must not pile up frozen objects.
FREEZE_ON_SESSION = False


def _freeze_startup_objects() -> None:
    """Move everything imported so far (SQLAlchemy, pydantic, our modules: ~10^5 objects)
    out of the cycle collector's reach. A command that builds 10,000 rows otherwise triggers
    full collections that rescan all of them — 60 ms of a 0.5 s ``customer list``. They live
    until the process ends anyway; only objects made by the command itself are collected."""
    import gc

    gc.freeze()


def build_context(
    *, db: str | None, lang: str | None, actor: str | None, debug: bool
) -> AppContext:
    from shouhou import db as dbmod
    from shouhou.i18n import choose_lang

    env = dict(os.environ)
    if actor:
        source = "--as"
    elif env.get("SHOUHOU_USER"):
        actor, source = env["SHOUHOU_USER"], "SHOUHOU_USER"
    else:
        actor, source = _login(), "login"
    return AppContext(
        db_url=dbmod.resolve_url(db, env),
        lang=choose_lang(lang, env),
        actor=actor,
        debug=debug,
        env=env,
        actor_source=source,
    )


def display_override(env: dict[str, str]) -> tzinfo | None:
    """The zone named by ``SHOUHOU_TZ`` (display only, CLI.md), or None when unset or bad."""
    name = env.get("SHOUHOU_TZ")
    if not name:
        return None
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # a bad name shows the firm's zone
        return None


def _login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no passwd entry in some containers
        return "unknown"


def ctx_of(typer_ctx: typer.Context) -> AppContext:
    obj: object = typer_ctx.find_root().obj
    if isinstance(obj, AppContext):
        return obj
    built = build_context(db=None, lang=None, actor=None, debug=False)
    typer_ctx.find_root().obj = built
    return built
