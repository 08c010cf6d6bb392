"""Data in and out: ``import``, ``export``, ``backup``, ``restore``."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.common import FormatOption
from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import Column, emit_list, message, warn
from shouhou.enums import ListFormat

if TYPE_CHECKING:
    from shouhou.services.data.importing.rows import ImportReport


class ImportKind(StrEnum):
    customers = "customers"
    devices = "devices"
    tickets = "tickets"
    parts = "parts"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


REPORT_COLUMNS = (
    Column("row", "col.row"),
    Column("column", "col.column"),
    Column("value", "col.cell"),
    Column("problem", "col.problem"),
)


class _ProgressBar:
    """A rich progress bar on stderr, started on the first report from the service."""

    def __init__(self, app_ctx: AppContext) -> None:
        self.t = app_ctx.t
        self._progress: Any = None
        self._tasks: dict[str, Any] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        if self._progress is None:
            from rich.console import Console
            from rich.progress import Progress

            self._progress = Progress(console=Console(stderr=True), transient=True)
            self._progress.start()
        task = self._tasks.get(phase)
        if task is None:
            task = self._progress.add_task(self.t(f"progress.{phase}"), total=total)
            self._tasks[phase] = task
        self._progress.update(task, completed=done, total=total)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def _problem_text(app_ctx: AppContext, key: str, fields: dict[str, Any]) -> str:
    text = app_ctx.t(key, **fields)
    for prefix in ("error: ", "错误："):
        text = text.removeprefix(prefix)
    return text


def _emit_report(app_ctx: AppContext, report: ImportReport, fmt: str) -> None:
    records = [
        {
            "row": p.row,
            "column": p.column,
            "value": p.value,
            "problem": _problem_text(app_ctx, p.key, p.fields),
            "key": p.key,
        }
        for p in report.problems
    ]
    emit_list(app_ctx, REPORT_COLUMNS, records, fmt)


def import_(
    ctx: typer.Context,
    kind: Annotated[ImportKind, typer.Argument(help="What the file holds.")],
    file: Annotated[Path, typer.Argument(help="A .csv (UTF-8 or GB18030) or .xlsx file.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every row and report; write nothing.")
    ] = False,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="COLUMN=FIELD for a header shouhou does not know (COLUMN=- ignores it); "
            "repeatable.",
        ),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="Worksheet of an .xlsx file (default: first).")
    ] = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Import customers, devices, tickets or parts from a spreadsheet — all rows or none.

    Headers may be English or Chinese: customers 客户名称 联系人 联系电话 地址 地区 区域 重点客户;
    devices 出厂编号 型号 品牌 产品线 出厂日期 购买日期 验收日期 保修月数 plus the customer
    (客户名称 + 联系电话, or customer_id; missing customers are created); tickets 外部单号
    客户名称 出厂编号 故障等级 故障现象 受理时间 渠道 受理人; parts 配件编号 配件名称 规格型号 单位
    成本价 单价 供应商 安全库存 最低库存 最高库存 关键件 旧件返还 期初库存 (a counted stock,
    booked as adjustments; new suppliers are put on the qualified list). Re-running a file is
    safe: customers match on name + phone, devices on serial, tickets on the external number,
    parts on the part number.
    Problems are listed by spreadsheet row and column, and nothing is written.

    Example: shouhou import devices 设备台账.xlsx --dry-run --map 机号=serial
    """
    from shouhou.errors import DomainError
    from shouhou.services.data.importing.columns import parse_map
    from shouhou.services.data.importing.run import import_file

    app_ctx = ctx_of(ctx)
    mapping = parse_map(map_ or [])
    writes = not dry_run or kind is ImportKind.tickets
    bar = _ProgressBar(app_ctx) if sys.stderr.isatty() else None
    try:
        with app_ctx.session(write=writes, create=True) as s:
            report = import_file(
                s,
                app_ctx.stamp(),
                kind.value,
                file,
                zone=app_ctx.zone,
                mapping=mapping,
                sheet=sheet,
                dry_run=dry_run,
                progress=bar,
            )
            if bar is not None:
                bar.close()
                bar = None
            if report.ignored_columns:
                columns = ", ".join(report.ignored_columns)
                warn(app_ctx.t("msg.import_ignored", columns=columns))
            if not report.ok:
                _emit_report(app_ctx, report, fmt.value)
                key = "err.import_dry_run_problems" if dry_run else "err.import_rejected"
                raise DomainError(key, count=len(report.problems), rows=report.bad_rows)
    finally:
        if bar is not None:
            bar.close()
    t = app_ctx.t
    what = t(f"kind.{kind.value}")
    counts = report.counts()
    key = "msg.import_dry_run" if dry_run else "msg.import_done"
    message(t(key, kind=what, file=report.file, **counts))
    if report.customers_created:
        key = "msg.import_would_create_customers" if dry_run else "msg.import_customers_created"
        message(t(key, count=report.customers_created))
    for count, done, would in (
        (report.suppliers_created, "msg.import_suppliers_created", "msg.import_would_suppliers"),
        (report.stock_adjusted, "msg.import_stock_booked", "msg.import_would_book_stock"),
    ):
        if count:
            message(t(would if dry_run else done, count=count))


def export(
    ctx: typer.Context,
    table: Annotated[str, typer.Argument(help="Table name as in the database, e.g. customer.")],
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="csv, json or xlsx.")
    ] = ExportFormat.csv,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (required for xlsx).")
    ] = None,
    excel: Annotated[
        bool, typer.Option("--excel", help="CSV with a BOM so Excel reads Chinese correctly.")
    ] = False,
    customer: Annotated[
        str | None,
        typer.Option(
            "--customer",
            help="Only this customer's rows: id, phone or a unique part of the name.",
        ),
    ] = None,
) -> None:
    """Export a whole table (customer, device, ticket, audit_entry, …), streamed row by row;
    --customer keeps one customer's rows (customer, device, ticket).

    Times are ISO-8601 UTC; CSV cells that look like formulas get a leading ' .

    Example: shouhou export device --customer 天控 --format csv --excel --output 设备.csv
    """
    from shouhou.errors import UsageError
    from shouhou.services.data.exporting import export_table, get_table

    app_ctx = ctx_of(ctx)
    get_table(table)
    if fmt is ExportFormat.xlsx and output is None:
        raise UsageError("err.export_needs_output", format=fmt.value)
    if excel and fmt is not ExportFormat.csv:
        raise UsageError("err.export_excel_csv", format=fmt.value)
    with app_ctx.session() as s:
        if output is None:
            export_table(s, table, fmt.value, stream=sys.stdout, excel=excel, customer=customer)
            return
        target = output.expanduser()
        if not target.parent.is_dir():
            raise UsageError("err.backup_no_folder", folder=str(target.parent))
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            if fmt is ExportFormat.xlsx:
                count = export_table(s, table, fmt.value, path=temporary, customer=customer)
            else:
                with open(temporary, "w", encoding="utf-8", newline="") as stream:
                    count = export_table(
                        s, table, fmt.value, stream=stream, excel=excel, customer=customer
                    )
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
    message(app_ctx.t("msg.exported", count=count, table=table, path=str(target)))


def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Backup file to write.")],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Back up the SQLite database while others keep working (online backup API, mode 0600).

    PostgreSQL databases are backed up with pg_dump instead.

    Example: shouhou backup /mnt/usb/shouhou-20261123.db
    """
    from shouhou.services.data.backup import backup_database

    app_ctx = ctx_of(ctx)
    result = backup_database(app_ctx.db_url, file, force=force)
    message(
        app_ctx.t(
            "msg.backup_done",
            source=str(result.source),
            path=str(result.target),
            size=_size(result.size),
            revision=result.revision or "-",
        )
    )


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Backup file made by `shouhou backup`.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace the database with a backup; the current one is kept as <name>.bak-YYYYMMDD-HHMM.

    The file must pass an integrity check and not be newer than this shouhou; it is migrated
    to the latest schema afterwards. PostgreSQL databases are restored with pg_restore.

    Example: shouhou restore /mnt/usb/shouhou-20261123.db --yes
    """
    from shouhou import db
    from shouhou.errors import UsageError
    from shouhou.services.data.backup import check_backup, live_path, restore_database

    app_ctx = ctx_of(ctx)
    live = live_path(app_ctx.db_url, action="restore")
    check_backup(file.expanduser())
    if not yes:
        where = db.describe(app_ctx.db_url)
        if not sys.stdin.isatty():
            raise UsageError("err.restore_needs_yes", where=where)
        from shouhou.cli.prompts import confirm

        if not confirm(app_ctx.t, "prompt.restore", default=False, where=where, path=str(file)):
            raise typer.Abort()
    result = restore_database(app_ctx.db_url, file, now=app_ctx.now.astimezone(app_ctx.zone))
    message(
        app_ctx.t(
            "msg.restore_done",
            path=str(result.source),
            where=str(live),
            restored=result.revision_restored,
            after=result.revision_after or "-",
        )
    )
    if result.kept is not None:
        message(app_ctx.t("msg.restore_kept", kept=str(result.kept)))


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def register(app: typer.Typer) -> None:
    """Attach the data commands to the root app."""
    app.command("import")(import_)
    app.command("export")(export)
    app.command("backup")(backup)
    app.command("restore")(restore)
