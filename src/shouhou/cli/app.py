"""The ``shouhou`` command: global options, sub-command wiring and the single error handler."""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Annotated, Any

import typer
from typer import _click
from typer.core import TyperGroup

from shouhou.enums import Lang
from shouhou.errors import ShouhouError


def _flag_value(args: list[str], name: str) -> str | None:
    for index, arg in enumerate(args):
        if arg == name and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


# Sub-commands load on first use: ``shouhou customer list`` imports and builds only the
# customer group, and ``shouhou --help`` imports none (startup time is a product feature).
LAZY_COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": (
        "shouhou.cli.admin",
        "init_app",
        "Create or upgrade the database; --demo loads example data.",
    ),
    "info": ("shouhou.cli.admin", "info_app", "Which database, schema, language and calendar."),
    "config": ("shouhou.cli.admin", "config_app", "Settings: deadlines, rates, company header."),
    "db": ("shouhou.cli.admin", "db_app", "Database: upgrade, copy to another one."),
    "calendar": ("shouhou.cli.calendar", "app", "Working calendar: holidays, make-up days."),
    "user": ("shouhou.cli.user", "app", "Users and roles: who acts (--as) and who approves."),
    "customer": ("shouhou.cli.customer", "app", "Customer files 客户档案."),
    "device": ("shouhou.cli.device", "app", "Devices, warranty, service contracts."),
    "ticket": ("shouhou.cli.ticket", "app", "Tickets 工单: intake to close, deadlines, sheets."),
    "visit": ("shouhou.cli.visit", "app", "Site visits 上门服务: bookings, arrival, work done."),
    "today": (
        "shouhou.cli.today",
        "app",
        "The morning agenda: late and due tickets, visits, callbacks, spare units.",
    ),
    "part": ("shouhou.cli.part", "app", "Spare parts 配件: stock, reorder, stocktake, old parts."),
    "complaint": (
        "shouhou.cli.complaint",
        "app",
        "Complaints 投诉: deadlines, answer, corrective action, confirmation, form.",
    ),
    "survey": (
        "shouhou.cli.survey",
        "app",
        "Satisfaction surveys 满意度调查: scores, pending, figures, campaigns.",
    ),
    "report": (
        "shouhou.cli.report",
        "app",
        "Reports 报表: weekly call record, monthly trends, KPIs, quality, the year.",
    ),
    "import": ("shouhou.cli.data", "register", "Import customers, devices, tickets, parts."),
    "export": ("shouhou.cli.data", "register", "Export any table as csv, json or xlsx."),
    "backup": ("shouhou.cli.data", "register", "Copy the database safely while in use."),
    "restore": ("shouhou.cli.data", "register", "Replace the database from a backup."),
}


class UnknownCommand(_click.exceptions.UsageError):
    """``shouhou tiket``: the name given and the closest command names, for "did you mean"."""

    def __init__(self, name: str, suggestions: list[str], ctx: Any) -> None:
        super().__init__(f"No such command {name!r}.", ctx)
        self.name = name
        self.suggestions = suggestions


def _resolve_command(group: TyperGroup, ctx: Any, args: list[str]) -> Any:
    """Typer's resolution, but an unknown name raises :class:`UnknownCommand` with suggestions
    from every command of the group (typer only knows the ones already loaded)."""
    name = args[0]
    if not ctx.resilient_parsing and not name.startswith("-"):
        names = group.list_commands(ctx)
        if name not in names:
            from difflib import get_close_matches

            raise UnknownCommand(name, get_close_matches(name, names, n=1), ctx)
    return TyperGroup.resolve_command(group, ctx, args)


def _suggesting(group: TyperGroup) -> None:
    """Give ``group`` and the groups under it :func:`_resolve_command`."""
    group.resolve_command = functools.partial(_resolve_command, group)  # type: ignore[method-assign]
    for command in group.commands.values():
        if isinstance(command, TyperGroup):
            _suggesting(command)


def load_command(name: str) -> Any:
    """Import a sub-command's module and build its click command."""
    import importlib

    module_name, attribute, _ = LAZY_COMMANDS[name]
    module = importlib.import_module(module_name)
    if attribute == "register":  # a module that attaches several root commands
        holder = typer.Typer()
        module.register(holder)
        return typer.main.get_command(holder).get_command(None, name)  # type: ignore[attr-defined]
    sub_app: typer.Typer = getattr(module, attribute)
    single = len(sub_app.registered_commands) == 1 and not sub_app.registered_callback
    command = typer.main.get_command(sub_app) if single else _lazy_group(sub_app)
    command.name = name
    return command


def _lazy_group(app: typer.Typer) -> Any:
    """The click group of a Typer sub-app whose commands are built on first use.

    Typer converts every command of a group up front (signatures, annotations, help); the
    ticket group alone costs ~25 ms that way, on every ``shouhou ticket …`` call.
    """
    import copy

    from typer.main import get_command_from_info, get_command_name, get_group

    infos = {
        info.name or get_command_name(info.callback.__name__): info  # type: ignore[union-attr]
        for info in app.registered_commands
    }
    shell = copy.copy(app)
    shell.registered_commands = []
    group = get_group(shell)

    def get_command(ctx: Any, cmd_name: str) -> Any:
        if cmd_name in infos and cmd_name not in group.commands:
            group.commands[cmd_name] = get_command_from_info(
                infos[cmd_name],
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
        return TyperGroup.get_command(group, ctx, cmd_name)

    def list_commands(ctx: Any) -> list[str]:
        return [*infos, *(n for n in TyperGroup.list_commands(group, ctx) if n not in infos)]

    group.get_command = get_command  # type: ignore[method-assign]
    group.list_commands = list_commands  # type: ignore[method-assign]
    _suggesting(group)
    return group


class ShouhouGroup(TyperGroup):
    """Root group: lazy sub-commands, and ``main`` turns every failure into one line + exit code."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *LAZY_COMMANDS]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in LAZY_COMMANDS:
            return load_command(cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        return _resolve_command(self, ctx, args)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = [(name, short) for name, (_, _, short) in LAZY_COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Always run click in non-standalone mode: the conversion below is ours."""
        from shouhou.i18n import choose_lang

        argv = list(sys.argv[1:] if args is None else args)
        try:
            with _help_language(choose_lang(_flag_value(argv, "--lang"))):
                result = super().main(
                    args=argv,
                    prog_name=prog_name or "shouhou",
                    complete_var=complete_var,
                    standalone_mode=False,
                    windows_expand_args=windows_expand_args,
                    **extra,
                )
        except BaseException as exc:  # noqa: BLE001 - this is the one conversion point
            try:
                code = _exit_code_for(exc, argv)
            except Exception:  # noqa: BLE001 - the handler itself must never show a traceback
                sys.stderr.write(f"error: {type(exc).__name__}\n")
                code = 1
            sys.exit(code)
        sys.exit(result if isinstance(result, int) else 0)


def _help_language(lang: str) -> AbstractContextManager[None]:
    """Help pages in ``lang``: English is typer's own; Chinese loads ``localize`` (zh only)."""
    if lang != "zh":
        return contextlib.nullcontext()
    from shouhou.cli import localize

    return localize.chinese()


def _exit_code_for(exc: BaseException, argv: list[str]) -> int:
    from typer import _click as click
    from typer import exceptions as typer_exceptions

    from shouhou.i18n import choose_lang, translate

    lang = choose_lang(_flag_value(argv, "--lang"))
    debug = "--debug" in argv
    if isinstance(exc, SystemExit):
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    if isinstance(exc, typer_exceptions.Exit):
        return exc.exit_code
    if isinstance(exc, click.exceptions.NoArgsIsHelpError):
        sys.stdout.write(exc.format_message() + "\n")
        return 0
    if isinstance(exc, ShouhouError):
        _error(translate(lang, exc.key, **exc.fields))
        if debug:
            _traceback(exc)
        return exc.exit_code
    if isinstance(exc, UnknownCommand) and exc.suggestions:
        _error(translate(lang, "err.no_command", name=exc.name, suggestion=exc.suggestions[0]))
        return 2
    if isinstance(exc, click.exceptions.ClickException):
        command = getattr(exc, "ctx", None)
        _error(
            translate(
                lang,
                "err.usage",
                detail=_usage_detail(exc, lang),
                command=command.command_path if command is not None else "shouhou",
            )
        )
        return 2 if isinstance(exc, click.exceptions.UsageError) else 1
    if isinstance(exc, typer_exceptions.Abort | KeyboardInterrupt | EOFError):
        _error(translate(lang, "err.aborted"))
        return 1
    if isinstance(exc, BrokenPipeError):
        return 0
    _error(translate(lang, "err.unexpected", kind=type(exc).__name__))
    if debug:
        _traceback(exc)
    return 1


def _usage_detail(exc: Any, lang: str) -> str:
    """What the parser refused: click's English, or Chinese made from the error's attributes."""
    from shouhou.i18n import translate

    if isinstance(exc, UnknownCommand):
        return translate(lang, "usage.no_command", name=exc.name)
    if lang == "zh":
        from shouhou.cli.localize import usage_detail

        return usage_detail(exc)
    return str(exc.format_message()).replace("\n", " ").strip()


def _error(text: str) -> None:
    from shouhou.inert import inert

    sys.stderr.write(inert(text) + "\n")


def _traceback(exc: BaseException) -> None:
    import traceback

    traceback.print_exception(exc, file=sys.stderr)


app = typer.Typer(
    cls=ShouhouGroup,
    name="shouhou",
    help="售后 shouhou — after-sales service on the command line.\n\n"
    "Example: shouhou --db office.db ticket list --overdue",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option("--db", help="Database path or SQLAlchemy URL.")] = None,
    lang: Annotated[Lang | None, typer.Option("--lang", help="Language: zh or en.")] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--as", help="Acting user for the audit trail (once there are users: one of them)."
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """售后 shouhou — after-sales service on the command line.

    Example: shouhou --db office.db ticket list --overdue
    """
    from shouhou.cli.context import build_context

    ctx.obj = build_context(db=db, lang=lang.value if lang else None, actor=actor, debug=debug)


def main() -> None:
    _tune_cycle_collector()
    app()


def _tune_cycle_collector() -> None:
    """A command runs for a fraction of a second and makes few reference cycles, but imports
    ~10^5 long-lived objects (SQLAlchemy, pydantic) and may build 10^5 more for a list; with
    the default thresholds the collector rescans them all again and again (~15% of a
    10,000-row ``customer list``). Collect less often; ``AppContext.session`` also freezes what
    the imports left behind."""
    import gc

    from shouhou.cli import context

    gc.set_threshold(20_000, 20, 20)
    context.FREEZE_ON_SESSION = True
