"""Sample contexts of the stocktake count sheet 盘点表 (issue 12 item 5), shaped as
``services/parts/stocktake.sheet_context`` builds them: an open stocktake with two parts counted
(one gain, one loss of a key part), one counted without a difference and three still to count
(one of them a key part with a long name that the text layout cuts off), and the same
stocktake's counted parts only once finished. Each function returns a fresh dict."""

from __future__ import annotations

from typing import Any

from tests.templates.samples import COMPANY_EN, COMPANY_ZH

STATUS = {
    "zh": {"open": "进行中", "finished": "已完成"},
    "en": {"open": "open", "finished": "finished"},
}


def _counted(
    index: int, number: str, name: str, spec: str | None, unit: str, booked: int, counted: int,
    *, key: bool = False, cost: str = "10.00", value: str | None = None, by: str = "王工",
) -> dict[str, Any]:  # fmt: skip
    return {
        "index": index,
        "number": number,
        "name": name,
        "spec": spec,
        "unit": unit,
        "key_part": key,
        "booked": booked,
        "counted": counted,
        "difference": counted - booked,
        "cost": cost,
        "value": value,
        "counted_at": "2026-11-23 09:40",
        "counted_by": by,
        "blank": False,
    }


def _blank(
    index: int, number: str, name: str, spec: str | None, unit: str, booked: int, *,
    key: bool = False,
) -> dict[str, Any]:  # fmt: skip
    return {
        "index": index,
        "number": number,
        "name": name,
        "spec": spec,
        "unit": unit,
        "key_part": key,
        "booked": booked,
        "counted": None,
        "difference": None,
        "cost": None,
        "value": None,
        "counted_at": None,
        "counted_by": None,
        "blank": True,
    }


def count_sheet(lang: str) -> dict[str, Any]:
    """ST2611-01, open: KS-F020 +2 (gain), KS-V100 −1 (key part, loss), LF-20 counted even;
    CT-PLC, LT-D60 and SH-T58 not counted yet. Differences: 2, gain +2, loss −1, value at
    cost 2 × 60.00 − 1 × 600.00 = −480.00."""
    lines = [
        _blank(1, "CT-PLC", "PLC 主控模块 (CPU 1214C)", "6ES7 214-1AG40", "块", 3, key=True),
        _counted(2, "KS-F020", "排气阀片", "KS-200 用", "件", 10, 12, cost="60.00",
                 value="120.00"),
        _counted(3, "KS-V100", "排气阀总成", None, "个", 4, 3, key=True, cost="600.00",
                 value="-600.00", by="Chen Wei"),
        _counted(4, "LF-20", "空气滤芯", "LF-20 / 纸质", "只", 25, 25, cost="35.00",
                 value="0.00"),
        _blank(5, "LT-D60", "LED 驱动电源 60W 恒流 宽电压输入 防水 IP67 户外路灯专用", None,
               "个", 0),
        _blank(6, "SH-T58", "全玻璃真空集热管 58×1800", "58×1800", "支", 40),
    ]  # fmt: skip
    return {
        "lang": lang,
        "printed_at": "2026-11-23 10:00",
        "company": dict(COMPANY_ZH if lang == "zh" else COMPANY_EN),
        "stocktake": {
            "number": "ST2611-01",
            "status": "open",
            "status_label": STATUS[lang]["open"],
            "started_at": "2026-11-23 08:30",
            "started_by": "周主管",
            "finished_at": None,
            "finished_by": None,
            "note": "11 月月度盘点 <script>alert(1)</script>",
        },
        "parts": "all",
        "lines": lines,
        "totals": {
            "lines": 6,
            "counted": 3,
            "differences": 2,
            "gain": 2,
            "loss": -1,
            "value": "-480.00",
        },
    }


def count_sheet_finished(lang: str) -> dict[str, Any]:
    """The same stocktake finished by 周主管: only the counted parts, no blank column."""
    context = count_sheet(lang)
    context["stocktake"].update(
        status="finished",
        status_label=STATUS[lang]["finished"],
        finished_at="2026-11-23 17:05",
        finished_by="周主管",
        note=None,
    )
    context["parts"] = "counted"
    kept = [line for line in context["lines"] if not line["blank"]]
    for index, line in enumerate(kept, 1):
        line["index"] = index
    context["lines"] = kept
    context["totals"]["lines"] = 3
    return context
