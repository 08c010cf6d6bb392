"""Chinese help of the ``report`` group, its shared options (``cli/report/common.py``) and
``report weekly``; the format is described in ``shouhou.catalog.help``. The other reports' help
is in their own modules."""

HELP: dict[str, str] = {
    # the root command list and the group
    "Reports 报表: weekly call record, monthly trends, KPIs, quality, the year.": (
        "报表：电话服务记录周报、月度问题趋势、关键指标、质量、年度。"
    ),
    "Reports 报表: the weekly call record, monthly trends, KPIs, quality, the year.": (
        "报表：电话服务记录周报、月度问题趋势、关键指标、质量报表、年度报表。"
    ),
    # the options every report shares
    "Output format: txt, md, html, pdf, csv or json.": (
        "输出格式：txt、md、html、pdf、csv 或 json。"
    ),
    "Write to this file (atomically, readable by you only) instead of stdout.": (
        "写入此文件（整体替换，仅本人可读），不输出到屏幕。"
    ),
    "Only this section (its name in the JSON, e.g. by_channel, summary).": (
        "只输出这一部分（即 JSON 中的名称，如 by_channel、summary）。"
    ),
    # report weekly
    "The week's call record 电话服务记录, for the desk and for cron.": (
        "本周的电话服务记录，供客服查看，也可由 cron 定时生成。"
    ),
    (
        "Every request received in the week — when, channel, customer, device, symptom, "
        "severity, who took it, how it was handled, each deadline met or not — with totals by "
        "day, channel, severity, engineer and outcome. An empty week exits 0 too (the report "
        "says so)."
    ): (
        "列出一周内收到的每一条报修——受理时间、渠道、客户、设备、故障现象、故障等级、受理人、"
        "处理方式、各项时限是否达成——并按日期、渠道、等级、工程师和处理方式汇总。"
        "没有报修的一周同样以 0 退出（报表中会注明）。"
    ),
    "ISO week YYYY-Www (default: the last full week, Monday to Sunday).": (
        "ISO 周，格式 YYYY-Www（默认：最近一个完整的周，周一至周日）。"
    ),
}
