"""Administration: ``init``, ``info``, ``config show|set``, ``db upgrade|copy``."""

from __future__ import annotations

from typing import Annotated

import typer

from shouhou.cli.common import FormatOption
from shouhou.cli.context import ctx_of
from shouhou.cli.output import Column, Section, emit_list, emit_record, message
from shouhou.enums import ListFormat

config_app = typer.Typer(help="Settings stored in the database.", no_args_is_help=True)
db_app = typer.Typer(help="Database maintenance: upgrade, copy.", no_args_is_help=True)
init_app = typer.Typer()
info_app = typer.Typer()


@init_app.command("init")
def init(
    ctx: typer.Context,
    company: Annotated[str | None, typer.Option(help="Company name for sheet headers.")] = None,
    demo: Annotated[bool, typer.Option("--demo", help="Load the demo data set.")] = False,
) -> None:
    """Create or upgrade the database; --demo loads the example data.

    Example: shouhou init --company "天津天控科技有限公司" --demo
    """
    from shouhou import db
    from shouhou.services import config

    app_ctx = ctx_of(ctx)
    counts = None
    # The bootstrap command: whoever installs or upgrades shouhou need not be a user yet.
    with app_ctx.session(write=True, check_actor=False) as s:
        if company is not None:
            config.set_value(s, app_ctx.stamp(), "company.name", company)
        if demo:
            from shouhou.services.data.demo import load_demo

            counts = load_demo(s, app_ctx.stamp(), zone=app_ctx.zone)
    message(app_ctx.t("msg.initialised", where=db.describe(app_ctx.db_url)))
    if demo:
        if counts is None:
            message(app_ctx.t("msg.demo_present"))
        else:
            message(app_ctx.t("msg.demo_loaded", **counts))


@info_app.command("info")
def info(ctx: typer.Context, fmt: FormatOption = ListFormat.table) -> None:
    """Show which database, schema version, language, user and calendar are in use.

    Example: shouhou info --format json
    """
    from shouhou.services.info import database_info

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        record = database_info(s, app_ctx.db_url, year=app_ctx.now.astimezone(app_ctx.zone).year)
    record.update(
        language=app_ctx.lang,
        user=app_ctx.actor,
        timezone=str(app_ctx.zone),
        display_timezone=str(app_ctx.display_zone),
    )
    t = app_ctx.t
    zone_text = record["timezone"]
    if record["display_timezone"] != zone_text:
        zone_text = t("info.display_zone", zone=zone_text, display=record["display_timezone"])
    pairs = [
        ("info.database", record["database"]),
        ("info.backend", record["backend"]),
        ("info.schema", f"{record['schema']} ({t('info.head')}: {record['head']})"),
        ("info.language", record["language"]),
        ("info.user", record["user"]),
        ("info.timezone", zone_text),
        ("info.counts", ", ".join(f"{t('table.' + k)} {v}" for k, v in record["counts"].items())),
    ]
    for year in record["calendar"]:
        key = "info.calendar_package" if year["package"] else f"info.calendar_{year['schedule']}"
        pairs.append(("info.calendar", t(key, year=year["year"], holidays=year["overrides"])))
    emit_record(app_ctx, record, [Section("section.info", pairs=pairs)], fmt.value)


@config_app.command("show")
def config_show(ctx: typer.Context, fmt: FormatOption = ListFormat.table) -> None:
    """Show every setting with its current value.

    Example: shouhou config show --format json
    """
    from shouhou.services import config

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        settings = config.load(s)
    rows = [  # unchecked: a bad stored value must be visible to be fixed
        {"key": k, "value": v, "default": config.OPTIONS[k].default}
        for k, v in settings.effective(checked=False).items()
    ]
    columns = (
        Column("key", "col.key_name"),
        Column("value", "col.value"),
        Column("default", "col.default"),
    )
    emit_list(app_ctx, columns, rows, fmt.value)


@config_app.command("set")
def config_set(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Setting name, see `config show`.")],
    value: Annotated[str, typer.Argument(help="New value.")],
) -> None:
    """Change a setting (deadlines, rates, thresholds, hours, time zone, company header).

    Every value is checked (type, range, working hours ending after they start); a refused
    one exits 2 naming what the setting accepts, and nothing is stored.

    Example: shouhou config set approval.threshold 1500
    """
    from shouhou.services import config
    from shouhou.services.tickets.records import rules_changed

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        stored = config.set_value(s, app_ctx.stamp(), key, value)
        rules_changed(s, now=app_ctx.now, key=key)  # stored deadlines follow (issue 9)
    message(app_ctx.t("msg.config_set", key=key, value=stored))


@db_app.callback()
def db_group() -> None:
    """Database maintenance (a group even with one sub-command, so `db upgrade` parses)."""


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Apply pending schema migrations (also done automatically on open).

    Example: shouhou db upgrade
    """
    from shouhou import db

    app_ctx = ctx_of(ctx)
    before = db.head_of(app_ctx.db_url) if db.database_exists(app_ctx.db_url) else None
    db.ensure_schema(app_ctx.db_url, create=True)
    message(app_ctx.t("msg.upgraded", before=before or "-", after=db.head_of(app_ctx.db_url)))


@db_app.command("copy")
def db_copy(
    ctx: typer.Context,
    target: Annotated[
        str, typer.Argument(help="Empty database to copy into: a path or a SQLAlchemy URL.")
    ],
) -> None:
    """Copy the whole database, ids and history included, into a new empty one.

    For moving from the SQLite file to PostgreSQL when several clerks need one database.

    Example: shouhou --db shouhou.db db copy postgresql+psycopg://shouhou:PW@192.168.1.10/shouhou
    """
    from shouhou import db
    from shouhou.services.data.transfer import copy_database

    app_ctx = ctx_of(ctx)
    target_url = db.resolve_url(target)
    counts = copy_database(app_ctx.db_url, target_url)
    where = db.describe(target_url)
    message(app_ctx.t("msg.copied", rows=sum(counts.values()), tables=len(counts), where=where))
