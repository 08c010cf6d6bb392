"""The per-command context: database, language, acting user, clock, time zone.

Built once from the global options; command handlers receive it instead of reading globals,
so they can also run in-process (a future ``shouhou shell``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
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
    zone: tzinfo
    now: datetime
    env: dict[str, str] = field(default_factory=dict)

    @property
    def t(self) -> Translator:
        return Translator(self.lang)

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

        return format_local(moment, self.zone)

    def stamp(self, at: datetime | None = None) -> Stamp:
        from shouhou.services.audit import Stamp

        return Stamp(actor=self.actor, at=at or self.now)

    @contextmanager
    def session(self, *, write: bool = False, create: bool | None = None) -> Iterator[Session]:
        from shouhou import db

        with db.session(self.db_url, write=write, create=create) as s:
            if FREEZE_ON_SESSION:
                _freeze_startup_objects()
            yield s


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
    from shouhou.timeutil import current_time, local_zone

    env = dict(os.environ)
    zone = local_zone(env)
    return AppContext(
        db_url=dbmod.resolve_url(db, env),
        lang=choose_lang(lang, env),
        actor=actor or env.get("SHOUHOU_USER") or _login(),
        debug=debug,
        zone=zone,
        now=current_time(env, zone),
        env=env,
    )


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
