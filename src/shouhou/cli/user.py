"""``shouhou user``: the people who act in shouhou and their roles (approvals, DOMAIN §1, §8)."""

from __future__ import annotations

from typing import Annotated

import typer

from shouhou.cli.common import FormatOption
from shouhou.cli.context import ctx_of
from shouhou.cli.output import Column, emit_list, emit_record, message, warn
from shouhou.enums import ListFormat

app = typer.Typer(
    help="Users and roles: clerk, engineer, supervisor, manager, general manager.",
    no_args_is_help=True,
)

COLUMNS = (
    Column("id", "col.id"),
    Column("name", "col.user"),
    Column("role", "col.role", "enum", "role."),
    Column("active", "col.active", "bool"),
    Column("created_at", "col.user_since", "time"),
)

NameArg = Annotated[str, typer.Argument(help="The person's name, as --as gives it (王工).")]
RoleText = (
    "clerk|engineer|supervisor|manager|general-manager (or 客服专员, 工程师, 主管, 经理, 总经理)."
)


@app.command("add")
def add(
    ctx: typer.Context,
    name: NameArg,
    role: Annotated[str, typer.Option("--role", help="Role: " + RoleText)],
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Add a person with a role; `--as NAME` then names them.

    Example: shouhou user add 李经理 --role manager
    """
    from shouhou.services.users import add_user, find_user, parse_role, user_view

    the_role = parse_role(role)
    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        view = user_view(add_user(s, app_ctx.stamp(), name=name, role=the_role))
        outsider = find_user(s, app_ctx.actor) is None
    if fmt is ListFormat.table:
        message(app_ctx.t("msg.user_added", name=view["name"], role=view["role"]))
    else:
        emit_record(app_ctx, view, [], fmt.value)
    if outsider:  # the first user: from now on, every change is made as one of them
        warn(app_ctx.t("warn.not_a_user_yet", actor=app_ctx.actor))


@app.command("list")
def list_(
    ctx: typer.Context,
    active: Annotated[bool, typer.Option("--active", help="Only users who may still act.")] = False,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List users with their roles (deactivated ones too, unless --active).

    Example: shouhou user list --format json
    """
    from shouhou.services.users import list_users, user_view

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        records = [user_view(u) for u in list_users(s, active_only=active)]
    emit_list(app_ctx, COLUMNS, records, fmt.value)


@app.command("role")
def role(
    ctx: typer.Context,
    name: NameArg,
    new_role: Annotated[str, typer.Argument(metavar="ROLE", help="New role: " + RoleText)],
) -> None:
    """Change a user's role.

    Example: shouhou user role 张工 supervisor
    """
    from shouhou.services.users import parse_role, set_role

    the_role = parse_role(new_role)
    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        user, before = set_role(s, app_ctx.stamp(), name, the_role)
        shown, now = user.name, user.role
    if before == now:
        message(app_ctx.t("msg.user_role_same", name=shown, role=now))
    else:
        message(app_ctx.t("msg.user_role", name=shown, before=before, role=now))


@app.command("deactivate")
def deactivate(ctx: typer.Context, name: NameArg) -> None:
    """Someone left: they can no longer act or approve; their name stays in the trail.

    Example: shouhou user deactivate 小赵
    """
    _set_active(ctx, name, active=False)


@app.command("activate")
def activate(ctx: typer.Context, name: NameArg) -> None:
    """Let a deactivated user act again.

    Example: shouhou user activate 小赵
    """
    _set_active(ctx, name, active=True)


def _set_active(ctx: typer.Context, name: str, *, active: bool) -> None:
    from shouhou.services.users import set_active

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        shown = set_active(s, app_ctx.stamp(), name, active=active).name
    message(app_ctx.t("msg.user_activated" if active else "msg.user_deactivated", name=shown))
