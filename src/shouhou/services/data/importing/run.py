"""The entry point: read, plan the columns, check every row, then write one kind — all or
nothing."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from shouhou.errors import UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.data.importing.columns import KINDS, plan_columns
from shouhou.services.data.importing.converters import Converters
from shouhou.services.data.importing.customers import import_customers
from shouhou.services.data.importing.devices import import_devices
from shouhou.services.data.importing.parts import import_parts
from shouhou.services.data.importing.readers import read_source
from shouhou.services.data.importing.rows import ImportReport, Progress, parse_rows
from shouhou.services.data.importing.tickets import import_tickets
from shouhou.services.data.importing.writing import table_named

if TYPE_CHECKING:
    from sqlmodel import Session


def import_file(
    session: Session,
    stamp: Stamp,
    kind: str,
    path: Path,
    *,
    zone: tzinfo,
    mapping: Mapping[str, str] | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import ``path`` as ``kind``; all or nothing. A report with problems means nothing was
    written (the caller turns it into exit 1). ``dry_run`` checks everything, writes nothing."""
    if kind not in KINDS:
        raise UsageError("err.bad_choice", field="kind", value=kind, accepted="|".join(KINDS))
    with _gc_paused():
        return _import(session, stamp, kind, path, zone, mapping, sheet, dry_run, progress)


def _import(
    session: Session,
    stamp: Stamp,
    kind: str,
    path: Path,
    zone: tzinfo,
    mapping: Mapping[str, str] | None,
    sheet: str | None,
    dry_run: bool,
    progress: Progress | None,
) -> ImportReport:
    source = read_source(path, sheet=sheet)
    plan = plan_columns(kind, source.headers, mapping or {})
    report = ImportReport(
        kind=kind,
        file=path.name,
        rows=len(source.rows),
        dry_run=dry_run,
        ignored_columns=plan.ignored,
    )
    if progress is not None:
        progress("read", len(source.rows), len(source.rows))
    conv = Converters(zone=zone, now=stamp.at)
    rows = parse_rows(kind, source, plan, conv, report, progress)
    if kind == "customers":
        import_customers(session, stamp, rows, plan, report, progress)
    elif kind == "devices":
        import_devices(session, stamp, rows, plan, report, progress, zone)
    elif kind == "parts":
        import_parts(session, stamp, rows, plan, report, progress)
    else:
        import_tickets(session, stamp, rows, plan, report, progress, zone)
    positions = {header: index for index, header in reversed(list(enumerate(source.headers)))}
    report.problems.sort(key=lambda p: (p.row, positions.get(p.column, len(positions))))
    if report.problems:
        report.created = report.updated = report.skipped = report.customers_created = 0
        return report
    if not dry_run:
        _record_import(session, stamp, report)
    return report


@contextmanager
def _gc_paused() -> Iterator[None]:
    """An import of 100,000 rows makes millions of objects, none of them cyclic; the cycle
    collector's repeated passes over them cost seconds."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _record_import(session: Session, stamp: Stamp, report: ImportReport) -> None:
    from sqlalchemy import func, select

    table = table_named("audit_entry")
    conn = session.connection()
    previous = conn.execute(
        select(func.count()).select_from(table).where(table.c.entity == "import")
    ).scalar_one()
    changes = {"file": report.file, **report.counts()}
    if report.kind != "devices":
        del changes["customers_created"]
    if report.kind == "parts":
        changes.update(
            suppliers_created=report.suppliers_created, stock_adjusted=report.stock_adjusted
        )
    audit.record(
        session,
        stamp,
        entity="import",
        entity_id=int(previous) + 1,
        action=report.kind,
        changes=changes,
    )
    session.flush()
