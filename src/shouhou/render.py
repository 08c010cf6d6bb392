"""Documents: the Jinja environment, format dispatch and PDF through headless Chromium.

Templates live in ``templates/`` at the repository root and are packaged into the wheel as
``shouhou/templates`` (STYLE "Packaging templates"). A document ``<name>`` exists per language and
format as ``<name>.<lang>.<fmt>.j2`` (``ticket_sheet.zh.html.j2``); HTML is autoescaped, txt and md
are not (md has its own ``md`` filter). Templates receive plain dicts, never a session.

jinja2 is imported inside functions only: ``shouhou --help`` must not pay for it.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError, UsageError

if TYPE_CHECKING:
    from jinja2 import Environment

FORMATS = ("html", "txt", "md", "json")
LANGS = ("zh", "en")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PDF_TIMEOUT_SECONDS = 60

_PAGE_RE = re.compile(rb"/Type\s*/Page(?!s)\b")


def templates_dir() -> Path:
    """The templates folder: the packaged copy in an installed wheel, else the checkout's."""
    packaged = Path(__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parents[2] / "templates"


# ---------------------------------------------------------------------------------------------
# filters


def money(value: Decimal | str | int | None) -> str:
    """``Decimal("1234.5")`` or ``"1234.5"`` → ``"1,234.50"``; None or blank → ``""``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        return str(value)
    return f"{amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"


def dt(value: str | datetime | date | None) -> str:
    """An ISO time (string or datetime) → local ``YYYY-MM-DD HH:MM``; a date stays a date.

    Contexts already carry local display strings, which pass through unchanged; an aware ISO
    string is shown in the machine's local time.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        return value.isoformat()
    else:
        text = str(value).strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return text
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return text
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def char_width(char: str) -> int:
    """Terminal columns of one character: CJK wide/full-width = 2, combining marks = 0."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(char) for char in text)


def pad(value: Any, width: int, align: str = "left") -> str:
    """Pad (or truncate, ending in ``…``) to exactly ``width`` display columns.

    ``align`` is ``left``, ``right`` (numbers) or ``center``. None renders as blanks.
    """
    text = "" if value is None else str(value)
    text = text.replace("\n", " ")
    if display_width(text) > width:
        kept: list[str] = []
        used = 0
        for char in text:
            if used + char_width(char) > width - 1:
                break
            kept.append(char)
            used += char_width(char)
        text = "".join(kept) + "…"
    room = width - display_width(text)
    if align == "right":
        return " " * room + text
    if align == "center":
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room


_WIDE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_WRAP_TOKEN = re.compile(rf"\s+|[{_WIDE}]|[^\s{_WIDE}]+")


def wrap(value: Any, width: int = 72, indent: str = "") -> str:
    """Wrap text to ``width`` display columns (CJK counts 2), keeping the author's line breaks.

    Latin words break at spaces; CJK text breaks between any two characters; a word longer than a
    line is cut. Every line after the first starts with ``indent``.
    """
    text = "" if value is None else str(value)
    out: list[str] = []
    room = max(width - display_width(indent), 8)
    for paragraph in text.splitlines() or [""]:
        line = ""
        for token in _WRAP_TOKEN.findall(paragraph):
            if display_width(line) + display_width(token) <= room:
                line += token
                continue
            if token.isspace():
                out.append(line.rstrip())
                line = ""
                continue
            if line.strip():
                out.append(line.rstrip())
            line = ""
            while display_width(token) > room:
                cut = ""
                for char in token:
                    if display_width(cut) + char_width(char) > room:
                        break
                    cut += char
                out.append(cut)
                token = token[len(cut) :]
            line = token
        out.append(line.rstrip())
    return ("\n" + indent).join(out)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~])")
# At the start of a line: headings, list items, ordered items, setext underlines.
_MD_LINE_START = re.compile(r"^(\s*)(#|[-+](?=\s|$)|\d{1,9}[.)](?=\s|$)|=+\s*$|-+\s*$)", re.M)


def _md_line_start(match: re.Match[str]) -> str:
    lead, mark = match.group(1), match.group(2)
    if mark[0].isdigit():  # "1." → "1\." (a backslash before a digit is no escape)
        return lead + mark[:-1] + "\\" + mark[-1]
    return lead + "\\" + mark


def md(value: Any, cell: bool = False) -> str:
    """Escape text for Markdown so customer input cannot become markup (or raw HTML).

    ``cell=True`` also folds line breaks into ``<br>`` for a table cell.
    """
    if value is None:
        return ""
    text = _MD_SPECIAL.sub(r"\\\1", str(value))
    text = _MD_LINE_START.sub(_md_line_start, text)
    lines = text.splitlines() or [""]
    if cell:
        return "<br>".join(line.strip() for line in lines)
    return "  \n".join(lines)


def _rstrip(value: Any) -> str:
    return str(value).rstrip()


# ---------------------------------------------------------------------------------------------
# environment and documents


@functools.lru_cache(maxsize=4)
def _environment(root: str) -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(root),
        autoescape=select_autoescape(["html", "html.j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        money=money, dt=dt, pad=pad, wrap=wrap, md=md, width=display_width, rstrip=_rstrip
    )
    return env


def environment() -> Environment:
    """The shared Jinja environment over :func:`templates_dir` (cached)."""
    return _environment(str(templates_dir()))


def template_name(name: str, fmt: str, lang: str) -> str:
    return f"{name}.{lang}.{fmt}.j2"


def render_document(name: str, fmt: str, lang: str, context: Mapping[str, Any]) -> str:
    """Render document ``name`` (``ticket_sheet``, ``return_slip``) as html, txt, md or json.

    ``json`` is the context itself, which is the document's stable data shape.
    """
    if fmt not in FORMATS:
        raise UsageError("err.bad_choice", field="format", value=fmt, accepted=", ".join(FORMATS))
    if lang not in LANGS:
        raise UsageError("err.bad_choice", field="lang", value=lang, accepted=", ".join(LANGS))
    if fmt == "json":
        return json.dumps(context, ensure_ascii=False, indent=2, default=str) + "\n"
    template = environment().get_template(template_name(name, fmt, lang))
    return template.render(**context)


# ---------------------------------------------------------------------------------------------
# PDF


def find_chromium() -> str | None:
    """The first Chromium (or Chrome) binary on PATH, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html: str, output: Path) -> None:
    """Print ``html`` to ``output`` as a PDF with headless Chromium (A4 comes from the CSS).

    Raises ``DomainError("err.pdf_unavailable")`` when no Chromium is installed and
    ``DomainError("err.pdf_failed")`` when it runs but produces no PDF.
    """
    binary = find_chromium()
    if binary is None:
        raise DomainError("err.pdf_unavailable")
    output = Path(output).resolve()
    with tempfile.TemporaryDirectory(prefix="shouhou-pdf-") as tmp:
        tmpdir = Path(tmp)
        page = tmpdir / "document.html"
        page.write_text(html, encoding="utf-8")
        produced = tmpdir / "document.pdf"
        command = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmpdir / 'profile'}",
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
            f"--print-to-pdf={produced}",
            page.as_uri(),
        ]
        try:
            result = subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=PDF_TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise DomainError("err.pdf_failed", detail="timeout") from exc
        if not produced.is_file() or produced.stat().st_size == 0:
            detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise DomainError(
                "err.pdf_failed", detail=detail[-1] if detail else f"exit {result.returncode}"
            )
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(produced), output)


def pdf_page_count(path: Path) -> int:
    """Pages in a PDF: the ``/Type /Page`` objects (not ``/Pages``)."""
    return len(_PAGE_RE.findall(Path(path).read_bytes()))
