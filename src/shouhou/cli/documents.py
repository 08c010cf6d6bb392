"""Writing rendered documents: stdout or ``--output`` file; PDF through headless Chromium.
The ``--format`` and ``--output`` options every printed document takes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from shouhou.cli.context import AppContext
from shouhou.cli.output import message
from shouhou.enums import DocFormat
from shouhou.errors import UsageError

DocFormatOption = Annotated[DocFormat, typer.Option("--format", "-f", help="html|txt|md|json|pdf")]
OutputOption = Annotated[str | None, typer.Option("--output", "-o", help="Write to this file.")]


def print_document(
    app_ctx: AppContext,
    name: str,
    fmt: DocFormat,
    output: str | None,
    build: Callable[..., dict[str, Any]],
    *args: Any,
    **fields: Any,
) -> None:
    """Build document ``name``'s context in one read session — ``build(session, *args,
    lang=…, zone=…, now=…, **fields)`` — and write it in ``fmt`` (see :func:`write_document`)."""
    with app_ctx.session() as s:
        context = build(s, *args, lang=app_ctx.lang, zone=app_ctx.zone, now=app_ctx.now, **fields)
    write_document(app_ctx, name, fmt.value, context, output)


def write_document(
    app_ctx: AppContext, name: str, fmt: str, context: dict[str, Any], output: str | None
) -> None:
    """Render ``name`` in the user's language; PDF needs ``--output`` (binary)."""
    from shouhou import render

    if fmt == "pdf":
        if not output:
            raise UsageError("err.output_required", format=fmt)
        html = render.render_document(name, "html", app_ctx.lang, context)
        render.html_to_pdf(html, Path(output))
        message(app_ctx.t("msg.written", path=output))
        return
    text = render.render_document(name, fmt, app_ctx.lang, context)
    if output is None:  # on a terminal or a pipe: inert (a file keeps the text as stored)
        from shouhou.inert import inert

        sys.stdout.write(inert(text if text.endswith("\n") else text + "\n"))
        return
    path = Path(output)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # atomic: a cron reader never sees half a file
    message(app_ctx.t("msg.written", path=output))
