"""Writing rendered documents: stdout or ``--output`` file; PDF through headless Chromium."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from shouhou.cli.context import AppContext
from shouhou.cli.output import message
from shouhou.errors import UsageError


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
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    path = Path(output)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # atomic: a cron reader never sees half a file
    message(app_ctx.t("msg.written", path=output))
