"""Spreadsheet import: customers, devices, tickets and parts from .csv or .xlsx (moving to shouhou).

Rules this module owns:

- Files: CSV in UTF-8, UTF-8 with BOM or GB18030 (detected: BOM → utf-8-sig, else strict
  UTF-8, else GB18030); .xlsx read with openpyxl in read-only mode. Row numbers in reports are
  the spreadsheet's own (the header is row 1 when it is the first row).
- Headers: English or Chinese names (客户名称, 出厂编号, …), matched after normalising width,
  case, spaces and ``(…)`` notes; ``--map COLUMN=FIELD`` overrides, ``COLUMN=-`` ignores a column.
- Natural keys make re-runs idempotent: customer = name + phone, device = serial, ticket =
  external number, part = part number. A matching record whose fields differ is *updated*; an
  identical one is *skipped*. An empty cell never erases what shouhou already holds.
- All or nothing: every row is checked first; one bad row means nothing is written and the
  report names each problem (row, column, value, why). Customers, devices and parts are
  written with SQLAlchemy Core ``executemany`` in the command's single transaction; tickets go
  through the tickets service one row at a time (deadlines, numbering, warranty verdict).
- One audit entry per import (entity ``import``) carries the counts, not one per row.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from shouhou.errors import ShouhouError, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp

if TYPE_CHECKING:
    from sqlalchemy import Connection, Table
    from sqlmodel import Session

KINDS = ("customers", "devices", "tickets", "parts")
IGNORE = "-"
CHUNK = 500
FORMULA_PREFIXES = ("=", "+", "-", "@")

Progress = Callable[[str, int, int], None]


# --- field specifications --------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """A field an import understands: its canonical name, header aliases and value kind."""

    name: str
    aliases: tuple[str, ...]
    # text | date | time | months | count | money | bool | zone | severity | channel | id
    kind: str = "text"
    max_length: int | None = None


def _f(name: str, kind: str, length: int | None, *aliases: str) -> FieldSpec:
    return FieldSpec(name, (name, *aliases), kind, length)


CUSTOMER_FIELDS = (
    _f(
        "name", "text", 200, "客户名称", "单位名称", "客户", "用户名称", "customer", "customer name"
    ),
    _f("contact", "text", 100, "联系人", "contact person"),
    _f("phone", "text", 50, "联系电话", "电话", "手机", "tel", "telephone"),
    _f("address", "text", 300, "地址", "单位地址"),
    _f("region", "text", 100, "地区", "省份", "城市"),
    _f("zone", "zone", None, "区域", "距离"),
    _f("key_customer", "bool", None, "重点客户", "key", "key customer"),
    _f("notes", "text", None, "备注", "note"),
)

DEVICE_FIELDS = (
    _f("serial", "text", 100, "出厂编号", "编号", "序列号", "设备编号", "serial number", "sn"),
    _f("model", "text", 100, "型号", "规格型号"),
    _f("brand", "text", 100, "品牌"),
    _f("product_line", "text", 50, "产品线", "product line"),
    _f("configuration", "text", 300, "配置"),
    _f("factory_date", "date", None, "出厂日期", "factory date"),
    _f("purchase_date", "date", None, "购买日期", "购机日期", "purchase date"),
    _f("accepted_on", "date", None, "验收日期", "安装日期", "accepted", "acceptance date"),
    _f("warranty_months", "months", None, "保修月数", "保修期", "warranty months", "warranty"),
    _f("contract_until", "date", None, "维保合同至", "合同到期", "contract until"),
    _f("notes", "text", None, "备注", "note"),
    _f("customer_id", "id", None, "客户编号", "customer id"),
    _f("customer_name", "text", 200, "客户名称", "单位名称", "客户", "customer", "customer name"),
    _f("customer_phone", "text", 50, "联系电话", "电话", "手机", "phone", "customer phone"),
    _f("customer_contact", "text", 100, "联系人", "contact"),
    _f("customer_address", "text", 300, "地址", "单位地址", "address"),
    _f("customer_region", "text", 100, "地区", "region"),
    _f("customer_zone", "zone", None, "区域", "zone"),
    _f("customer_key", "bool", None, "重点客户", "key", "key_customer"),
)

TICKET_FIELDS = (
    _f("external_number", "text", 50, "外部单号", "原单号", "报修单号", "external number"),
    _f("customer_id", "id", None, "客户编号", "customer id"),
    _f("customer_name", "text", 200, "客户名称", "单位名称", "客户", "customer", "customer name"),
    _f("serial", "text", 100, "出厂编号", "设备编号", "序列号", "device", "device serial"),
    _f("severity", "severity", None, "故障等级", "等级", "level"),
    _f("symptom", "text", None, "故障现象", "故障描述"),
    _f("received_at", "time", None, "受理时间", "报修时间", "received", "received at"),
    _f("channel", "channel", None, "渠道", "报修方式", "报修渠道"),
    _f("received_by", "text", 100, "受理人", "received by"),
    _f("contact", "text", 100, "联系人", "报修人"),
    _f("phone", "text", 50, "联系电话", "电话", "手机"),
    _f("request", "text", None, "客户要求", "要求"),
    _f("category", "text", 50, "故障类别", "故障分类"),
)

PART_FIELDS = (
    _f(
        "number",
        "text",
        50,
        "配件编号",
        "件号",
        "零件号",
        "物料编码",
        "物料编号",
        "编码",
        "part number",
        "part no",
        "pn",
    ),
    _f("name", "text", 200, "配件名称", "名称", "零件名称", "物料名称", "part name"),
    _f("spec", "text", 200, "规格", "规格型号", "型号", "specification", "model"),
    _f("unit", "text", 20, "单位", "计量单位"),
    _f("cost", "money", None, "成本", "成本价", "单位成本", "进价", "unit cost"),
    _f("price", "money", None, "单价", "售价", "销售价", "价格", "unit price"),
    _f("supplier", "text", 200, "供应商", "供方", "生产厂家"),
    # What ``shouhou export part`` writes, so an exported sheet imports back unchanged.
    _f("cost_cents", "count", None),
    _f("price_cents", "count", None),
    _f("safety_stock", "count", None, "安全库存", "safety", "safety stock"),
    _f("min_stock", "count", None, "最低库存", "最小库存", "库存下限", "min", "minimum"),
    _f("max_stock", "count", None, "最高库存", "最大库存", "库存上限", "max", "maximum"),
    _f("key_part", "bool", None, "关键件", "重要件", "贵重件", "key", "key part"),
    _f("notes", "text", None, "备注", "note"),
)

SPECS: dict[str, tuple[FieldSpec, ...]] = {
    "customers": CUSTOMER_FIELDS,
    "devices": DEVICE_FIELDS,
    "tickets": TICKET_FIELDS,
    "parts": PART_FIELDS,
}
# Each tuple: at least one of these fields must have a column.
REQUIRED_COLUMNS: dict[str, tuple[tuple[str, ...], ...]] = {
    "customers": (("name",),),
    "devices": (("serial",), ("model",), ("customer_name", "customer_id")),
    "tickets": (
        ("external_number",),
        ("severity",),
        ("symptom",),
        ("received_at",),
        ("customer_name", "customer_id", "serial"),
    ),
    "parts": (("number",), ("name",), ("unit",)),
}
# Cells that must not be empty when their column is there.
REQUIRED_CELLS: dict[str, tuple[str, ...]] = {
    "customers": ("name",),
    "devices": ("serial", "model"),
    "tickets": ("external_number", "severity", "symptom", "received_at"),
    "parts": ("number", "name", "unit"),
}

ZONES = {
    "local": "local",
    "本地": "local",
    "市内": "local",
    "nearby": "nearby",
    "周边": "nearby",
    "省内": "nearby",
    "remote": "remote",
    "外省": "remote",
    "省外": "remote",
}
SEVERITIES = {
    "1": "1",
    "2": "2",
    "3": "3",
    "critical": "1",
    "major": "2",
    "minor": "3",
    "重大": "1",
    "主要": "2",
    "次要": "3",
    "一级": "1",
    "二级": "2",
    "三级": "3",
}
CHANNELS = {
    "phone": "phone",
    "email": "email",
    "web": "web",
    "fax": "fax",
    "walk-in": "walk-in",
    "onsite": "onsite",
    "remote": "remote",
    "电话": "phone",
    "邮件": "email",
    "电子邮件": "email",
    "网站": "web",
    "网页": "web",
    "传真": "fax",
    "来访": "walk-in",
    "现场": "onsite",
    "远程": "remote",
}
TRUE_WORDS = {"1", "y", "yes", "true", "t", "是", "√", "✓", "重点", "x"}
FALSE_WORDS = {"0", "n", "no", "false", "f", "否", "×", "非重点", "不是", "-"}


def normalise_header(text: str) -> str:
    """Compare headers loosely: full/half width, case, spaces, ``_``/``-``, ``*`` and ``(…)``."""
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    folded = re.sub(r"\(.*?\)", "", folded)
    return re.sub(r"[\s_\-*:]", "", folded)


def field_names(kind: str) -> list[str]:
    return [spec.name for spec in SPECS[kind]]


def _alias_table(kind: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for spec in SPECS[kind]:
        for alias in spec.aliases:
            table.setdefault(normalise_header(alias), spec.name)
    return table


def accepted_headers(kind: str, field_name: str) -> str:
    """The header names that mean ``field_name`` (for "missing column" messages)."""
    for spec in SPECS[kind]:
        if spec.name == field_name:
            return ", ".join(spec.aliases)
    return field_name


# --- reading files ---------------------------------------------------------------------------


@dataclass
class SourceTable:
    """A sheet as read: header cells, and data rows with their spreadsheet row numbers."""

    path: Path
    header_row: int
    headers: list[str]
    rows: list[tuple[int, Sequence[Any]]]


def detect_encoding(data: bytes) -> str:
    """BOM → utf-8-sig; else strict UTF-8; else GB18030 (what Excel/WPS save on Chinese Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def read_source(path: Path, *, sheet: str | None = None) -> SourceTable:
    """Read a .csv or .xlsx file into memory (an import checks every row before writing)."""
    if not path.is_file():
        raise UsageError("err.import_no_file", path=str(path))
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        records: Iterable[Sequence[Any]] = _csv_records(path)
    elif suffix in (".xlsx", ".xlsm"):
        records = _xlsx_records(path, sheet)
    else:
        raise UsageError("err.import_format", path=str(path), suffix=suffix or "(none)")
    header_row = 0
    headers: list[str] = []
    rows: list[tuple[int, Sequence[Any]]] = []
    for number, record in enumerate(records, start=1):
        if not headers:
            cells = [_header_text(value) for value in record]
            if any(cells):
                header_row, headers = number, cells
            continue
        if any(value not in (None, "") for value in record):
            rows.append((number, record))
    if not headers:
        raise UsageError("err.import_empty", path=str(path))
    return SourceTable(path=path, header_row=header_row, headers=headers, rows=rows)


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    return text.lstrip("\ufeff")


def _csv_records(path: Path) -> Iterator[list[str]]:
    data = path.read_bytes()
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise UsageError("err.import_encoding", path=str(path)) from None
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as exc:
        raise UsageError("err.import_csv", path=str(path), detail=str(exc)) from None


def _xlsx_records(path: Path, sheet: str | None) -> Iterator[Sequence[Any]]:
    """The rows of one worksheet as value tuples, row 1 first (empty tuples for gaps)."""
    import zipfile
    from xml.etree.ElementTree import ParseError

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UsageError("err.import_xlsx", path=str(path), detail=type(exc).__name__) from None
    with archive:
        try:
            book = _XlsxBook(archive)
            yield from book.rows(book.sheet_part(sheet, path))
        except (KeyError, ParseError, ValueError, IndexError) as exc:
            raise UsageError("err.import_xlsx", path=str(path), detail=type(exc).__name__) from None


# East Asian built-in number formats (ECMA-376 §18.8.30: 27–36 and 50–58 are dates and times
# such as 2026年11月23日), which openpyxl's table of built-ins leaves out.
_EAST_ASIAN_DATE_FORMATS = frozenset([*range(27, 37), *range(50, 59)])


class _XlsxBook:
    """A lean streaming .xlsx reader: zipfile + ElementTree ``iterparse``.

    openpyxl's read-only mode took 58 s for 100,000 rows × 12 columns here (it builds an object
    per shared string and parses every cell generically); this reads the same sheet in a few
    seconds. It returns the values openpyxl's ``iter_rows(values_only=True)`` would (text,
    int/float, bool, datetime for date-formatted numbers, cached formula results), using
    openpyxl's own number-format and Excel-date helpers.
    """

    def __init__(self, archive: Any) -> None:
        from xml.etree.ElementTree import fromstring

        self.archive = archive
        root = fromstring(archive.read("xl/workbook.xml"))
        self.ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
        ns = self.ns
        properties = root.find(f"{ns}workbookPr")
        self.date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        relations = self._relations("xl/_rels/workbook.xml.rels")
        self._parts = relations
        self.sheets: list[tuple[str, str]] = []
        for element in root.iter(f"{ns}sheet"):
            rel_id = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
            target = relations.get(rel_id or "")
            if target is not None:
                self.sheets.append((element.get("name", ""), target))
        self.shared = self._shared_strings(relations)
        self.date_styles = self._date_styles()

    def _relations(self, part: str) -> dict[str, str]:
        from xml.etree.ElementTree import fromstring

        found: dict[str, str] = {}
        for element in fromstring(self.archive.read(part)):
            target = element.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else "xl/" + target
            found[element.get("Id", "")] = target
            if element.get("Type", "").endswith("/sharedStrings"):
                found["#sharedStrings"] = target
            if element.get("Type", "").endswith("/styles"):
                found["#styles"] = target
        return found

    def sheet_part(self, name: str | None, path: Path) -> str:
        if name is None:
            return self.sheets[0][1]
        for sheet_name, part in self.sheets:
            if sheet_name == name:
                return part
        names = ", ".join(n for n, _ in self.sheets)
        raise UsageError("err.import_sheet", sheet=name, path=str(path), sheets=names)

    def _text_of(self, element: Any) -> str:
        """The text of a string item: plain ``t``, or rich-text runs, without phonetic hints."""
        ns = self.ns
        plain = element.find(f"{ns}t")
        if plain is not None:
            return str(plain.text or "")
        return "".join(t.text or "" for run in element.iter(f"{ns}r") for t in run.iter(f"{ns}t"))

    def _shared_strings(self, relations: dict[str, str]) -> list[str]:
        from xml.etree.ElementTree import iterparse

        part = relations.get("#sharedStrings", "xl/sharedStrings.xml")
        if part not in self.archive.namelist():
            return []
        item = f"{self.ns}si"
        strings: list[str] = []
        with self.archive.open(part) as stream:
            for _, element in iterparse(stream):
                if element.tag == item:
                    strings.append(self._text_of(element))
                    element.clear()
        return strings

    def _date_styles(self) -> frozenset[int]:
        from xml.etree.ElementTree import fromstring

        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

        part = self._parts.get("#styles", "xl/styles.xml")
        if part not in self.archive.namelist():
            return frozenset()
        ns = self.ns
        root = fromstring(self.archive.read(part))
        custom = {
            int(fmt.get("numFmtId", "0")): fmt.get("formatCode", "")
            for fmt in root.iter(f"{ns}numFmt")
        }
        cell_xfs = root.find(f"{ns}cellXfs")
        dates: set[int] = set()
        for index, xf in enumerate(cell_xfs if cell_xfs is not None else []):
            number_format = int(xf.get("numFmtId", "0"))
            code = custom.get(number_format, BUILTIN_FORMATS.get(number_format))
            if number_format in _EAST_ASIAN_DATE_FORMATS or (code and is_date_format(code)):
                dates.add(index)
        return frozenset(dates)

    def rows(self, part: str) -> Iterator[tuple[Any, ...]]:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        ns = self.ns
        value_tag, inline_tag, text_tag = f"{ns}v", f"{ns}is", f"{ns}t"
        shared, date_styles = self.shared, self.date_styles
        epoch = CALENDAR_MAC_1904 if self.date1904 else CALENDAR_WINDOWS_1900
        columns: dict[str, int] = {}
        expected = 1
        with self.archive.open(part) as stream:
            for element in _row_elements(stream):
                number = int(element.get("r") or expected)
                while expected < number:
                    yield ()
                    expected += 1
                values: list[Any] = []
                for cell in element:
                    reference = cell.get("r")
                    if reference:
                        letters = reference.rstrip("0123456789")
                        position = columns.get(letters)
                        if position is None:
                            position = columns[letters] = _column_index(letters)
                        if position > len(values):
                            values.extend([None] * (position - len(values)))
                    kind = cell.get("t")
                    if kind == "inlineStr":
                        inline = cell.find(inline_tag)
                        plain = inline.find(text_tag) if inline is not None else None
                        if plain is not None:
                            value: Any = plain.text or ""
                        else:
                            value = self._text_of(inline) if inline is not None else None
                    else:
                        raw = cell.find(value_tag)
                        text = raw.text if raw is not None else None
                        if text is None:
                            value = None
                        elif kind == "s":
                            value = shared[int(text)]
                        elif kind in ("str", "e"):
                            value = text
                        elif kind == "b":
                            value = text == "1"
                        elif kind == "d":
                            value = datetime.fromisoformat(text)
                        else:
                            try:
                                value = int(text)
                            except ValueError:
                                value = float(text)
                            style = cell.get("s")
                            if style is not None and int(style) in date_styles:
                                value = from_excel(value, epoch)
                    values.append(value)
                yield tuple(values)
                expected = number + 1


_SHEET_DATA = re.compile(rb"<([A-Za-z_][\w.-]*:)?sheetData\b[^>]*?(/?)>")
_WORKSHEET = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet\b[^>]*>")
_BATCH_BYTES = 1 << 20


def _row_elements(stream: IO[bytes]) -> Iterator[Any]:
    """``<row>`` elements of a worksheet part, parsed a megabyte of rows at a time.

    ElementTree's C parser builds each batch in one call; driving ``iterparse`` instead costs
    a Python step per element (7 million for 100,000 rows × 12 cells). Each batch is wrapped in
    the sheet's own root start tag, so every namespace prefix resolves as in the whole file.
    """
    from xml.etree.ElementTree import fromstring

    buffer = b""
    match = None
    while match is None:
        chunk = stream.read(_BATCH_BYTES)
        if not chunk:
            return
        buffer += chunk
        match = _SHEET_DATA.search(buffer)
    root = _WORKSHEET.search(buffer, 0, match.start())
    if match.group(2) or root is None:
        return
    prefix = match.group(1) or b""
    opening = root.group(0) + b"<" + prefix + b"sheetData>"
    closing = b"</" + prefix + b"sheetData></" + (root.group(1) or b"") + b"worksheet>"
    row_end = b"</" + prefix + b"row>"
    data_end = b"</" + prefix + b"sheetData>"
    buffer = buffer[match.end() :]
    finished = False
    while True:
        end = buffer.find(data_end)
        if end >= 0:
            complete, buffer, finished = buffer[:end], b"", True
        else:
            cut = buffer.rfind(row_end)
            cut = cut + len(row_end) if cut >= 0 else 0
            complete, buffer = buffer[:cut], buffer[cut:]
        if complete.strip():
            yield from fromstring(opening + complete + closing)[0]
        if finished:
            return
        chunk = stream.read(_BATCH_BYTES)
        if not chunk:
            return
        buffer += chunk


def _column_index(letters: str) -> int:
    """``A`` → 0, ``Z`` → 25, ``AA`` → 26."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


# --- column plan -----------------------------------------------------------------------------


@dataclass
class ColumnPlan:
    """Which column feeds which field; the rest of the header is ignored (and reported)."""

    index: dict[str, int]
    header: dict[str, str]
    ignored: list[str]

    def has(self, name: str) -> bool:
        return name in self.index


def parse_map(items: Sequence[str]) -> dict[str, str]:
    """``--map COLUMN=FIELD`` options into ``{normalised column: field}``."""
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, target = item.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise UsageError("err.import_bad_map", value=item)
        mapping[normalise_header(column)] = target.strip()
    return mapping


def plan_columns(kind: str, headers: Sequence[str], mapping: Mapping[str, str]) -> ColumnPlan:
    """Match the header to fields: explicit ``--map`` first, then the known aliases."""
    aliases = _alias_table(kind)
    known = field_names(kind)
    index: dict[str, int] = {}
    header: dict[str, str] = {}
    ignored: list[str] = []
    normalised = [normalise_header(h) for h in headers]
    for column, target in mapping.items():
        if column not in normalised:
            raise UsageError(
                "err.import_map_column",
                column=column,
                columns=", ".join(h for h in headers if h),
            )
        resolved = target if target == IGNORE else aliases.get(normalise_header(target))
        if resolved is None:
            raise UsageError(
                "err.import_map_field",
                field=target,
                kind=kind,
                accepted="|".join(known),
            )
        if resolved != IGNORE:
            position = normalised.index(column)
            if resolved in index and index[resolved] != position:
                raise UsageError(
                    "err.import_duplicate_column",
                    first=header[resolved],
                    second=headers[position],
                    field=resolved,
                )
            index[resolved] = position
            header[resolved] = headers[position]
    for position, (text, norm) in enumerate(zip(headers, normalised, strict=True)):
        if not text or position in index.values():
            continue
        if norm in mapping:
            ignored.append(text)
            continue
        name = aliases.get(norm)
        if name is None:
            ignored.append(text)
            continue
        if name in index:
            if name in {aliases.get(normalise_header(t)) for t in mapping.values()}:
                ignored.append(text)
                continue
            raise UsageError(
                "err.import_duplicate_column", first=header[name], second=text, field=name
            )
        index[name] = position
        header[name] = text
    for group in REQUIRED_COLUMNS[kind]:
        if not any(name in index for name in group):
            raise UsageError(
                "err.import_missing_column",
                field="|".join(group),
                aliases=accepted_headers(kind, group[0]),
            )
    return ColumnPlan(index=index, header=header, ignored=ignored)


# --- cell values -----------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, key: str, **fields: Any) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields


def cell_text(raw: Any) -> str | None:
    """A cell as trimmed text (None when empty); undoes the ``'`` that export puts before =+-@."""
    if raw is None:
        return None
    if isinstance(raw, str):
        text = raw.strip()
        if not text:
            return None
        if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
            return text[1:]
        return text
    if isinstance(raw, bool):
        return "1" if raw else "0"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.isoformat(sep=" ")
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw)


@dataclass(frozen=True)
class Converters:
    """Turns cells into field values; needs the local zone and "now" for relative times."""

    zone: tzinfo
    now: datetime

    def convert(self, spec: FieldSpec, raw: Any) -> Any:
        return self.for_spec(spec)(raw)

    def for_spec(self, spec: FieldSpec) -> Callable[[Any], Any]:
        """A converter for one column. Text is checked cell by cell; every other kind repeats
        few distinct values (dates, zones, yes/no), so results are remembered per cell text."""
        if spec.kind == "text":
            return _text_converter(spec.max_length)
        if spec.kind == "date":
            return _memoised(self.to_date, _native_date)
        if spec.kind == "time":
            return _memoised(self.to_time, _native_time(self.zone))
        if spec.kind in ("months", "count", "id"):
            return _memoised(_to_int, None)
        if spec.kind == "money":
            return _memoised(_to_cents, _native_cents)
        if spec.kind == "bool":
            return _memoised(_to_bool, None)
        table = {"zone": ZONES, "severity": SEVERITIES, "channel": CHANNELS}[spec.kind]
        return _memoised(_choice(table), None)

    def to_date(self, text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        from shouhou.timeutil import parse_date

        head = text.split(" ", 1)[0] if len(text) > 10 and " " in text else text
        try:
            return parse_date(head)
        except UsageError:
            raise _Bad("problem.bad_date") from None

    def to_time(self, text: str) -> datetime:
        from shouhou.timeutil import parse_time

        try:
            return parse_time(text.replace("/", "-"), now=self.now, zone=self.zone)
        except UsageError:
            raise _Bad("problem.bad_time") from None


def _text_converter(max_length: int | None) -> Callable[[Any], Any]:
    def convert(raw: Any) -> str | None:
        if raw.__class__ is str:
            text = raw.strip()
            if not text:
                return None
            if text[0] == "'" and len(text) > 1 and text[1] in "=+-@":
                text = text[1:]
        else:
            text = cell_text(raw)
            if text is None:
                return None
        if max_length is not None and len(text) > max_length:
            raise _Bad("problem.too_long", max=max_length)
        return text

    return convert


def _memoised(
    parse: Callable[[str], Any], native: Callable[[Any], Any] | None
) -> Callable[[Any], Any]:
    """``parse`` applied to the cell's text, remembered per distinct text (errors too)."""
    cache: dict[str, Any] = {}

    def convert(raw: Any) -> Any:
        if raw is None:
            return None
        if native is not None and raw.__class__ is not str:
            value = native(raw)
            if value is not _NOT_NATIVE:
                return value
        key = raw if raw.__class__ is str else cell_text(raw)
        if key is None:
            return None
        try:
            found = cache[key]
        except KeyError:
            text = cell_text(key)
            if text is None:
                found = None
            else:
                try:
                    found = parse(text)
                except _Bad as bad:
                    found = bad
            cache[key] = found
        if isinstance(found, _Bad):
            raise _Bad(found.key, **found.fields)
        return found

    return convert


_NOT_NATIVE = object()


def _native_date(raw: Any) -> Any:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    return _NOT_NATIVE


def _native_time(zone: tzinfo) -> Callable[[Any], Any]:
    def convert(raw: Any) -> Any:
        if isinstance(raw, datetime):
            return raw if raw.tzinfo else raw.replace(tzinfo=zone)
        if isinstance(raw, date):
            return datetime(raw.year, raw.month, raw.day, tzinfo=zone)
        return _NOT_NATIVE

    return convert


def _to_int(text: str) -> int:
    digits = text.removesuffix("个月").removesuffix("月").strip()
    if not digits.isdigit():
        raise _Bad("problem.bad_int")
    return int(digits)


_CURRENCY_MARKS = str.maketrans("", "", "¥￥元,， ")


def _to_cents(text: str) -> int:
    """¥1,234.50 / 1234.5元 / 12 → cents; at most two decimals, never negative."""
    from decimal import Decimal, InvalidOperation

    cleaned = text.removeprefix("RMB").removeprefix("CNY").translate(_CURRENCY_MARKS)
    try:
        cents = Decimal(cleaned) * 100
    except InvalidOperation:
        raise _Bad("problem.bad_money") from None
    if not cents.is_finite() or cents < 0 or cents != cents.to_integral_value():
        raise _Bad("problem.bad_money")
    return int(cents)


def _native_cents(raw: Any) -> Any:
    """A number cell: a price typed as 12.3 is stored by Excel as the nearest binary float."""
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return _NOT_NATIVE
    cents = round(raw * 100)
    if raw < 0 or abs(raw * 100 - cents) > 1e-6:
        raise _Bad("problem.bad_money")
    return cents


def _to_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise _Bad("problem.bad_bool")


def _choice(table: Mapping[str, str]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = table.get(text.lower())
        if value is None:
            raise _Bad("problem.bad_choice", accepted="|".join(table))
        return value

    return parse


# --- the report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One reason a row cannot be imported; ``key``/``fields`` name a catalogue message."""

    row: int
    column: str
    value: str
    key: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportReport:
    kind: str
    file: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    customers_created: int = 0
    dry_run: bool = False
    ignored_columns: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})

    def counts(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "customers_created": self.customers_created,
        }


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    raw: Sequence[Any]


def _parse_rows(
    kind: str,
    source: SourceTable,
    plan: ColumnPlan,
    conv: Converters,
    report: ImportReport,
    progress: Progress | None,
) -> list[_Row]:
    specs = [
        (spec.name, plan.index[spec.name], conv.for_spec(spec))
        for spec in SPECS[kind]
        if plan.has(spec.name)
    ]
    required = [name for name in REQUIRED_CELLS[kind] if plan.has(name)]
    parsed: list[_Row] = []
    total = len(source.rows)
    for done, (number, raw) in enumerate(source.rows, start=1):
        values: dict[str, Any] = {}
        width = len(raw)
        ok = True
        for name, position, convert in specs:
            cell = raw[position] if position < width else None
            try:
                values[name] = convert(cell)
            except _Bad as bad:
                ok = False
                _problem(report, number, plan.header[name], cell, bad.key, **bad.fields)
        for name in required:
            if values.get(name) is None and _cell_is_blank(raw, plan.index[name]):
                ok = False
                _problem(report, number, plan.header[name], None, "problem.required")
        if ok:
            parsed.append(_Row(number, values, raw))
        if progress is not None and (done % 2000 == 0 or done == total):
            progress("check", done, total)
    return parsed


def _cell_is_blank(raw: Sequence[Any], position: int) -> bool:
    return position >= len(raw) or cell_text(raw[position]) is None


def _problem(
    report: ImportReport, row: int, column: str, value: Any, key: str, **fields: Any
) -> None:
    shown = "" if value is None else (cell_text(value) or "")
    report.problems.append(Problem(row, column, shown, key, dict(fields)))


def _chunks(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _table(name: str) -> Table:
    from shouhou.models import schema

    return schema().tables[name]


# --- customers -------------------------------------------------------------------------------

CUSTOMER_COLUMNS = ("contact", "address", "region", "zone", "key_customer", "notes")


def _fetch(
    conn: Connection, table_name: str, key: str, values: Iterable[Any], columns: Sequence[str]
) -> Iterator[dict[str, Any]]:
    """Rows whose ``key`` is among ``values``, in chunks, as plain dicts of ``columns`` only
    (no audit times: converting 100,000 of them costs seconds)."""
    from sqlalchemy import select

    table = _table(table_name)
    selected = [table.c[name] for name in columns]
    for batch in _chunks(sorted(set(values))):
        query = select(*selected).where(table.c[key].in_(batch)).order_by(table.c.id)
        for row in conn.execute(query):
            yield dict(zip(columns, row, strict=True))


def _customers_by_name(conn: Connection, names: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    columns = ("id", "name", "phone", *CUSTOMER_COLUMNS)
    for row in _fetch(conn, "customer", "name", names, columns):
        found.setdefault(row["name"], []).append(row)
    return found


def _bulk_insert(conn: Connection, table: Table, records: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``records`` (same keys each) with one DBAPI ``executemany``.

    The statement is compiled by SQLAlchemy for the connection's dialect and every value goes
    through its column type's bind processor, as Core would do, but column by column and
    without Core's per-row bookkeeping (several times faster on 100,000 rows). Repeated
    values (the import's timestamp, common dates) are converted once.
    """
    from sqlalchemy import insert

    if not records:
        return
    names = list(records[0])
    dialect = conn.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    columns: dict[str, list[Any]] = {}
    for name in names:
        raw = [record[name] for record in records]
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            converted: dict[Any, Any] = {None: None}
            raw = [
                converted[v] if v in converted else converted.setdefault(v, process(v)) for v in raw
            ]
        columns[name] = raw
    if compiled.positional:
        order = list(compiled.positiontup or [])
        params: list[Any] = list(zip(*(columns[name] for name in order), strict=True))
    else:
        params = [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]
    conn.exec_driver_sql(compiled.string, params)


def _bulk_update(
    conn: Connection, table: Table, columns: Sequence[str], params: list[dict[str, Any]]
) -> None:
    """One ``executemany`` UPDATE by id; each params dict holds ``b_id`` and ``b_<column>``."""
    from sqlalchemy import bindparam, update

    if not params:
        return
    values = {column: bindparam(f"b_{column}") for column in columns}
    statement = update(table).where(table.c.id == bindparam("b_id")).values(values)
    conn.execute(statement, params)


def _update_params(
    current: Mapping[str, Any], new: Mapping[str, Any], mapped: Sequence[str], at: datetime
) -> dict[str, Any]:
    """Bind parameters for :func:`_bulk_update`: the row's new values, keeping what is held
    where the sheet's cell is empty."""
    params = {f"b_{col}": new[col] if new[col] is not None else current[col] for col in mapped}
    params.update(b_id=current["id"], b_updated_at=at)
    return params


def _write_keyed(
    conn: Connection,
    table: Table,
    inserts: list[dict[str, Any]],
    updates: list[dict[str, Any]],
    mapped: Sequence[str],
    report: ImportReport,
    progress: Progress | None,
) -> None:
    """Count, then (unless checking only or anything is wrong) insert and update in bulk."""
    report.created = len(inserts)
    report.updated = len(updates)
    if report.problems or report.dry_run:
        return
    _bulk_insert(conn, table, inserts)
    _bulk_update(conn, table, [*mapped, "updated_at"], updates)
    if progress is not None:
        total = len(inserts) + len(updates)
        progress("write", total, total)


def _customer_ids(conn: Connection, ids: Iterable[int]) -> set[int]:
    from sqlalchemy import select

    table = _table("customer")
    found: set[int] = set()
    for batch in _chunks(sorted(set(ids))):
        found.update(conn.execute(select(table.c.id).where(table.c.id.in_(batch))).scalars())
    return found


def _match_exact(candidates: list[dict[str, Any]], phone: str | None) -> list[dict[str, Any]]:
    wanted = phone or ""
    return [c for c in candidates if (c["phone"] or "") == wanted]


def _differs(existing: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    return [name for name, value in new.items() if value is not None and existing[name] != value]


def _repeat_conflict(first: Mapping[str, Any], again: Mapping[str, Any]) -> str | None:
    for name, value in again.items():
        if first.get(name) != value:
            return name
    return None


def _first_sighting(
    seen: dict[Any, _Row], key: Any, row: _Row, plan: ColumnPlan, report: ImportReport
) -> bool:
    """True the first time a natural key appears in the file. A later row with the same key is
    skipped when identical and a problem when it says something else."""
    earlier = seen.get(key)
    if earlier is None:
        seen[key] = row
        return True
    conflict = _repeat_conflict(earlier.values, row.values)
    if conflict is None:
        report.skipped += 1
    else:
        _problem(
            report,
            row.number,
            plan.header.get(conflict, conflict),
            row.values.get(conflict),
            "problem.repeated",
            row_first=earlier.number,
            field=conflict,
        )
    return False


def _import_customers(
    session: Session,
    stamp: Stamp,
    rows: list[_Row],
    plan: ColumnPlan,
    report: ImportReport,
    progress: Progress | None,
) -> None:
    conn = session.connection()
    table = _table("customer")
    existing = _customers_by_name(conn, (r.values["name"] for r in rows))
    mapped = [name for name in CUSTOMER_COLUMNS if plan.has(name)]
    seen: dict[tuple[str, str], _Row] = {}
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for row in rows:
        name, phone = row.values["name"], row.values.get("phone")
        key = (name, phone or "")
        if not _first_sighting(seen, key, row, plan, report):
            continue
        candidates = existing.get(name, [])
        matches = _match_exact(candidates, phone)
        if not matches and phone is None and candidates:
            # No phone in the row: the name alone decides when it is unique (as for devices).
            if len(candidates) > 1:
                ids = ", ".join(str(c["id"]) for c in candidates[:5])
                header = plan.header["name"]
                _problem(report, row.number, header, name, "problem.customer_ambiguous", ids=ids)
                continue
            matches = candidates
        if len(matches) > 1:
            _problem(
                report,
                row.number,
                plan.header["name"],
                name,
                "problem.existing_ambiguous",
                ids=", ".join(str(m["id"]) for m in matches),
            )
            continue
        new = {col: row.values.get(col) for col in mapped}
        if not matches:
            record = dict.fromkeys(CUSTOMER_COLUMNS)
            record.update(zone="local", key_customer=False)
            record.update({k: v for k, v in new.items() if v is not None})
            record.update(name=name, phone=phone, created_at=stamp.at, updated_at=stamp.at)
            inserts.append(record)
            continue
        current = matches[0]
        if _differs(current, new):
            updates.append(_update_params(current, new, mapped, stamp.at))
        else:
            report.skipped += 1
    _write_keyed(conn, table, inserts, updates, mapped, report, progress)


# --- devices ---------------------------------------------------------------------------------

DEVICE_COLUMNS = (
    "brand",
    "model",
    "product_line",
    "configuration",
    "factory_date",
    "purchase_date",
    "accepted_on",
    "warranty_months",
    "contract_until",
    "notes",
)
NEW_CUSTOMER_FIELDS = {
    "customer_contact": "contact",
    "customer_address": "address",
    "customer_region": "region",
    "customer_zone": "zone",
    "customer_key": "key_customer",
}


@dataclass
class _CustomerRef:
    """How a row names its customer: an existing id, or the natural key of one to create."""

    id: int | None = None
    new_key: tuple[str, str] | None = None


@dataclass
class _CustomerResolver:
    """Customer id → that customer; name (+ phone) → the customer with that natural key.

    Without a phone a unique name is enough. Device rows may name a customer shouhou does not
    have yet (``may_create``); ticket rows may not. Outcomes are remembered per key: a
    device sheet repeats each customer on many rows.
    """

    plan: ColumnPlan
    by_name: Mapping[str, list[dict[str, Any]]]
    known_ids: set[int]
    phone_field: str | None
    may_create: bool
    _seen: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    def __call__(self, row: _Row, report: ImportReport) -> _CustomerRef | None:
        values = row.values
        customer_id = values.get("customer_id")
        name = values.get("customer_name")
        phone = values.get(self.phone_field) if self.phone_field else None
        key = (customer_id, name, phone)
        outcome = self._seen.get(key)
        if outcome is None:
            outcome = self._seen[key] = self._decide(customer_id, name, phone)
        if isinstance(outcome, _CustomerRef):
            return outcome
        header, value, problem, fields = outcome
        _problem(report, row.number, header, value, problem, **fields)
        return None

    def _decide(self, customer_id: int | None, name: str | None, phone: str | None) -> Any:
        if customer_id is not None:
            if customer_id not in self.known_ids:
                header = self.plan.header["customer_id"]
                return (header, customer_id, "problem.customer_id_missing", {})
            return _CustomerRef(id=customer_id)
        if name is None:
            return _CustomerRef()
        header = self.plan.header["customer_name"]
        candidates = self.by_name.get(name, [])
        exact = _match_exact(candidates, phone)
        if len(exact) == 1:
            return _CustomerRef(id=exact[0]["id"])
        if len(exact) > 1:
            ids = ", ".join(str(c["id"]) for c in exact)
            return (header, name, "problem.existing_ambiguous", {"ids": ids})
        if phone is None or not self.may_create:
            if len(candidates) == 1:
                return _CustomerRef(id=candidates[0]["id"])
            if len(candidates) > 1:
                ids = ", ".join(str(c["id"]) for c in candidates[:5])
                return (header, name, "problem.customer_ambiguous", {"ids": ids})
        if self.may_create:
            return _CustomerRef(new_key=(name, phone or ""))
        return (header, name, "problem.customer_missing", {})


def _devices_by_serial(conn: Connection, serials: Iterable[str]) -> dict[str, dict[str, Any]]:
    columns = ("id", "serial", "customer_id", *DEVICE_COLUMNS)
    return {row["serial"]: row for row in _fetch(conn, "device", "serial", serials, columns)}


def _import_devices(
    session: Session,
    stamp: Stamp,
    rows: list[_Row],
    plan: ColumnPlan,
    report: ImportReport,
    progress: Progress | None,
) -> None:
    conn = session.connection()
    customer_table = _table("customer")
    device_table = _table("device")
    by_name = _customers_by_name(
        conn, (r.values["customer_name"] for r in rows if r.values.get("customer_name"))
    )
    known_ids = _customer_ids(
        conn, (r.values["customer_id"] for r in rows if r.values.get("customer_id"))
    )
    existing = _devices_by_serial(conn, (r.values["serial"] for r in rows))
    resolve = _CustomerResolver(plan, by_name, known_ids, "customer_phone", may_create=True)
    mapped = [name for name in DEVICE_COLUMNS if plan.has(name)]
    names_customer = plan.has("customer_id") or plan.has("customer_name")
    new_customers: dict[tuple[str, str], dict[str, Any]] = {}
    seen: dict[str, _Row] = {}
    planned: list[tuple[_Row, _CustomerRef, dict[str, Any] | None]] = []
    for row in rows:
        serial = row.values["serial"]
        ref = resolve(row, report)
        if ref is None:
            continue
        if not _first_sighting(seen, serial, row, plan, report):
            continue
        current = existing.get(serial)
        if ref.id is None and ref.new_key is None and current is None:
            header = plan.header.get("customer_name") or plan.header.get("customer_id", "")
            _problem(report, row.number, header, None, "problem.no_customer")
            continue
        if ref.new_key is not None and ref.new_key not in new_customers:
            name, phone = ref.new_key
            record: dict[str, Any] = dict.fromkeys(CUSTOMER_COLUMNS)
            record.update(zone="local", key_customer=False)
            for source, target in NEW_CUSTOMER_FIELDS.items():
                if row.values.get(source) is not None:
                    record[target] = row.values[source]
            record.update(name=name, phone=phone or None, created_at=stamp.at, updated_at=stamp.at)
            new_customers[ref.new_key] = record
        planned.append((row, ref, current))

    inserts: list[tuple[_Row, _CustomerRef]] = []
    changed: list[tuple[_Row, _CustomerRef, dict[str, Any]]] = []
    for row, ref, current in planned:
        if current is None:
            inserts.append((row, ref))
            continue
        new = {col: row.values.get(col) for col in mapped}
        moved = names_customer and (
            ref.new_key is not None or ref.id not in (None, current["customer_id"])
        )
        if moved or _differs(current, new):
            changed.append((row, ref, current))
        else:
            report.skipped += 1
    report.created = len(inserts)
    report.updated = len(changed)
    report.customers_created = len(new_customers)
    if report.problems or report.dry_run:
        return

    new_ids: dict[tuple[str, str], int] = {}
    if new_customers:
        # No customer had these name+phone keys before: after the insert each key has exactly
        # one match (fetching the ids back is faster than RETURNING row by row on SQLite).
        _bulk_insert(conn, customer_table, list(new_customers.values()))
        names = {name for name, _ in new_customers}
        for row in _fetch(conn, "customer", "name", names, ("id", "name", "phone")):
            key = (row["name"], row["phone"] or "")
            if key in new_customers:
                new_ids[key] = max(row["id"], new_ids.get(key, 0))

    def customer_of(ref: _CustomerRef, fallback: int | None) -> int | None:
        if ref.new_key is not None:
            return new_ids[ref.new_key]
        return ref.id if ref.id is not None else fallback

    if inserts:
        records = []
        for row, ref in inserts:
            record = dict.fromkeys(DEVICE_COLUMNS)
            record.update(warranty_months=24)
            record.update(
                {col: row.values[col] for col in mapped if row.values.get(col) is not None}
            )
            record.update(
                serial=row.values["serial"],
                customer_id=customer_of(ref, None),
                serial_tampered=False,
                replaces_device_id=None,
                created_at=stamp.at,
                updated_at=stamp.at,
            )
            records.append(record)
        _bulk_insert(conn, device_table, records)
    if changed:
        params = []
        for row, ref, current in changed:
            merged = {
                f"b_{col}": row.values[col] if row.values.get(col) is not None else current[col]
                for col in mapped
            }
            merged.update(
                b_id=current["id"],
                b_customer_id=customer_of(ref, current["customer_id"]),
                b_updated_at=stamp.at,
            )
            params.append(merged)
        _bulk_update(conn, device_table, [*mapped, "customer_id", "updated_at"], params)
    if progress is not None:
        progress("write", len(rows), len(rows))


# --- parts -----------------------------------------------------------------------------------

PART_COLUMNS = (
    "name",
    "spec",
    "unit",
    "cost_cents",
    "price_cents",
    "supplier",
    "safety_stock",
    "min_stock",
    "max_stock",
    "key_part",
    "notes",
)
PART_DEFAULTS = {"safety_stock": 0, "min_stock": 0, "key_part": False}


def _part_values(row: _Row) -> dict[str, Any]:
    """A row's values under the part table's column names (money in cents)."""
    values = dict(row.values)
    for money in ("cost", "price"):
        yuan = values.pop(money, None)
        if yuan is not None:
            values[f"{money}_cents"] = yuan
    return {column: values.get(column) for column in PART_COLUMNS}


def _stock_limits_conflict(values: Mapping[str, Any], current: Mapping[str, Any] | None) -> bool:
    """Maximum stock below the minimum or the safety stock (after merging with what is held)."""

    def pick(name: str) -> Any:
        if values.get(name) is not None:
            return values[name]
        return current[name] if current is not None else PART_DEFAULTS.get(name)

    most = pick("max_stock")
    return most is not None and most < max(pick("min_stock"), pick("safety_stock"))


def _import_parts(
    session: Session,
    stamp: Stamp,
    rows: list[_Row],
    plan: ColumnPlan,
    report: ImportReport,
    progress: Progress | None,
) -> None:
    conn = session.connection()
    table = _table("part")
    mapped = [
        column
        for column in PART_COLUMNS
        if plan.has(column) or plan.has(column.removesuffix("_cents"))
    ]
    existing = {
        part["number"]: part
        for part in _fetch(
            conn,
            "part",
            "number",
            (r.values["number"] for r in rows),
            ("id", "number", *PART_COLUMNS),
        )
    }
    seen: dict[str, _Row] = {}
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for row in rows:
        number = row.values["number"]
        if not _first_sighting(seen, number, row, plan, report):
            continue
        current = existing.get(number)
        new = _part_values(row)
        if _stock_limits_conflict(new, current):
            header = plan.header.get("max_stock", "max_stock")
            _problem(report, row.number, header, new["max_stock"], "problem.max_below_min")
            continue
        if current is None:
            record = {**PART_DEFAULTS, **{k: v for k, v in new.items() if v is not None}}
            record = {column: record.get(column) for column in PART_COLUMNS}
            record.update(number=number, created_at=stamp.at, updated_at=stamp.at)
            inserts.append(record)
        elif _differs(current, {column: new[column] for column in mapped}):
            updates.append(_update_params(current, new, mapped, stamp.at))
        else:
            report.skipped += 1
    _write_keyed(conn, table, inserts, updates, mapped, report, progress)


# --- tickets ---------------------------------------------------------------------------------


def _tickets_by_external(conn: Connection, numbers: Iterable[str]) -> set[str]:
    from sqlalchemy import select

    table = _table("ticket")
    found: set[str] = set()
    for batch in _chunks(sorted(set(numbers))):
        query = select(table.c.external_number).where(table.c.external_number.in_(batch))
        found.update(conn.execute(query).scalars())
    return found


def _import_tickets(
    session: Session,
    stamp: Stamp,
    rows: list[_Row],
    plan: ColumnPlan,
    report: ImportReport,
    progress: Progress | None,
    zone: tzinfo,
) -> None:
    """Each new ticket goes through the tickets service (numbering, deadlines, warranty)."""
    from shouhou.services.tickets.intake import open_ticket
    from shouhou.services.tickets.sla import load_rules

    conn = session.connection()
    by_name = _customers_by_name(
        conn, (r.values["customer_name"] for r in rows if r.values.get("customer_name"))
    )
    known_ids = _customer_ids(
        conn, (r.values["customer_id"] for r in rows if r.values.get("customer_id"))
    )
    devices = _devices_by_serial(conn, (r.values["serial"] for r in rows if r.values.get("serial")))
    existing = _tickets_by_external(conn, (r.values["external_number"] for r in rows))
    resolve = _CustomerResolver(plan, by_name, known_ids, "phone", may_create=False)
    seen: dict[str, _Row] = {}
    todo: list[tuple[_Row, int, int | None]] = []
    for row in rows:
        number = row.values["external_number"]
        if not _first_sighting(seen, number, row, plan, report):
            continue
        if number in existing:
            report.skipped += 1
            continue
        device = None
        serial = row.values.get("serial")
        if serial is not None:
            device = devices.get(serial)
            if device is None:
                _problem(
                    report, row.number, plan.header["serial"], serial, "problem.device_missing"
                )
                continue
        ref = resolve(row, report)
        if ref is None:
            continue
        customer_id = ref.id
        if customer_id is None and device is not None:
            customer_id = device["customer_id"]
        if customer_id is None:
            header = plan.header.get("customer_name") or plan.header.get("customer_id", "")
            _problem(report, row.number, header, None, "problem.no_customer")
            continue
        if device is not None and device["customer_id"] != customer_id:
            header = plan.header["serial"]
            _problem(report, row.number, header, serial, "problem.device_other_customer")
            continue
        todo.append((row, customer_id, device["id"] if device else None))
    if report.problems:
        return
    rules = load_rules(session, zone=zone)
    outer = session.begin_nested()
    total = len(todo)
    for done, (row, customer_id, device_id) in enumerate(todo, start=1):
        values = row.values
        try:
            with session.begin_nested():
                open_ticket(
                    session,
                    stamp,
                    customer_id=customer_id,
                    device_id=device_id,
                    severity=values["severity"],
                    symptom=values["symptom"],
                    received_at=values["received_at"],
                    channel=values.get("channel") or "phone",
                    contact=values.get("contact"),
                    phone=values.get("phone"),
                    request=values.get("request"),
                    category=values.get("category"),
                    received_by=values.get("received_by"),
                    external_number=values["external_number"],
                    rules=rules,
                )
        except ShouhouError as exc:
            header = plan.header["external_number"]
            report.problems.append(
                Problem(row.number, header, values["external_number"], exc.key, dict(exc.fields))
            )
            continue
        report.created += 1
        if progress is not None and (done % 100 == 0 or done == total):
            progress("write", done, total)
    if report.problems or report.dry_run:
        outer.rollback()
        if report.problems:
            report.created = 0
    else:
        outer.commit()


# --- entry point -----------------------------------------------------------------------------


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
    rows = _parse_rows(kind, source, plan, conv, report, progress)
    if kind == "customers":
        _import_customers(session, stamp, rows, plan, report, progress)
    elif kind == "devices":
        _import_devices(session, stamp, rows, plan, report, progress)
    elif kind == "parts":
        _import_parts(session, stamp, rows, plan, report, progress)
    else:
        _import_tickets(session, stamp, rows, plan, report, progress, zone)
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

    table = _table("audit_entry")
    conn = session.connection()
    previous = conn.execute(
        select(func.count()).select_from(table).where(table.c.entity == "import")
    ).scalar_one()
    changes = {"file": report.file, **report.counts()}
    if report.kind != "devices":
        del changes["customers_created"]
    audit.record(
        session,
        stamp,
        entity="import",
        entity_id=int(previous) + 1,
        action=report.kind,
        changes=changes,
    )
    session.flush()
