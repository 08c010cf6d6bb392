"""What each kind's columns are called (English and Chinese headers, aliases) and which are
required; the accepted words for zones, severities, channels and yes/no; ``--map``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from shouhou.errors import UsageError
from shouhou.vocabulary import CHANNEL, SEVERITY, ZONE, table_of
from shouhou.vocabulary import FALSE_WORDS as FALSE_WORDS
from shouhou.vocabulary import TRUE_WORDS as TRUE_WORDS

KINDS = ("customers", "devices", "tickets", "parts")


IGNORE = "-"


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
    _f("core_return", "bool", None, "旧件返还", "返还旧件", "旧件回收", "core", "core return"),
    _f("notes", "text", None, "备注", "note"),
    # An opening stock or a count (issue 12 item 8): booked as adjustments, not a part column.
    _f(
        "counted",
        "count",
        None,
        "期初库存",
        "盘点数量",
        "实盘数",
        "实盘数量",
        "库存数量",
        "现有库存",
        "库存",
        "数量",
        "opening stock",
        "counted stock",
        "on hand",
        "stock",
        "quantity",
        "qty",
    ),
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


# The words a cell may say for a zone, a severity, a channel or yes/no: the same vocabulary
# the command-line options take (``shouhou.vocabulary``), keyed by the folded word.
ZONES = table_of(ZONE)
SEVERITIES = table_of(SEVERITY)
CHANNELS = table_of(CHANNEL)


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
