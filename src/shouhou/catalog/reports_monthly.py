"""Messages of the monthly issue-trend summary and the quality report (shouhou report monthly,
report quality; DOMAIN §7, issue 14 items 2 and 4)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "err.report_month": (
        "error: '{value}' is not a month — give it as YYYY-MM, e.g. 2026-11",
        "错误：“{value}”不是月份 — 请按 YYYY-MM 格式填写，例如 2026-11",
    ),
    # -- monthly: titles ------------------------------------------------------------------------
    "report.monthly.title": ("Issue-trend summary {month}", "问题趋势月报 {month}"),
    "report.monthly.by_product_line": ("Faults by product line", "按产品线统计故障"),
    "report.monthly.by_model": ("Faults by model", "按型号统计故障"),
    "report.monthly.by_category": ("Faults by fault category", "按故障类别统计故障"),
    "report.monthly.by_cause": ("Faults by cause", "按故障原因统计故障"),
    "report.monthly.trend": ("Faults over 12 months", "近12个月故障趋势"),
    "report.monthly.warnings": (
        "Recurrence warnings (consecutive months, quarters, years)",
        "连续出现的问题预警（连续月份、季度、年份）",
    ),
    "report.monthly.warnings_note": (
        "A model with the same fault category in the month and in the period just before it "
        "(the month before, the quarter before, the same month a year before); the history "
        "looks back to {first}, and to {first_year} for the same month.",
        "同一型号、同一故障类别在本月及紧邻的前一期（上月、上季度、去年同月）均出现；"
        "出现记录追溯至 {first}，同月对比追溯至 {first_year}。",
    ),
    "report.monthly.repeats": ("Repeat repairs of the month", "本月重复维修"),
    "report.monthly.three_strikes": (
        "Three strikes: repaired 3 times or more (三包)",
        "三包：同一问题维修三次及以上",
    ),
    "report.monthly.cores": (
        "Old parts not returned to the factory at the month's end",
        "月末未返厂旧件",
    ),
    "report.monthly.empty": (
        "No faults, warnings, repeat repairs or old parts owed in {month}.",
        "{month} 没有故障、预警、重复维修或未返还的旧件。",
    ),
    # -- monthly: summary -----------------------------------------------------------------------
    "report.monthly.faults": ("Faults in the month", "本月故障"),
    "report.monthly.faults_previous": ("Faults the month before", "上月故障"),
    "report.monthly.faults_year_ago": ("Faults the same month last year", "去年同月故障"),
    "report.monthly.warning_count": ("Recurrence warnings", "连续问题预警"),
    "report.monthly.repeat_count": ("Repeat repairs", "重复维修"),
    "report.monthly.three_strike_count": ("Three-strike cases", "三包多次维修"),
    "report.monthly.core_count": ("Old parts owed back", "未返厂旧件"),
    # -- monthly: columns and values ------------------------------------------------------------
    "report.monthly.col.faults": ("Faults", "故障数"),
    "report.monthly.col.previous": ("Month before", "上月"),
    "report.monthly.col.change_previous": ("± month", "环比增减"),
    "report.monthly.col.year_ago": ("Year before", "去年同月"),
    "report.monthly.col.change_year": ("± year", "同比增减"),
    "report.monthly.col.month": ("Month", "月份"),
    "report.monthly.col.firm_faults": ("Firm's causes", "本方原因"),
    "report.monthly.col.rule": ("Warning", "预警类型"),
    "report.monthly.col.periods": ("Periods", "连续期数"),
    "report.monthly.col.history": ("History", "出现记录"),
    "report.monthly.col.received_on": ("Received", "受理日期"),
    "report.monthly.col.repeats": ("Repeats ticket", "前次工单"),
    "report.monthly.col.verdict": ("Verdict", "处理意见"),
    "report.monthly.col.issued_on": ("Issued", "发出日期"),
    "report.monthly.col.days": ("Days out", "未还天数"),
    "report.monthly.col.returned_on": ("Returned since", "之后返还日期"),
    "report.monthly.cause_note": (
        "—: no cause recorded yet (not diagnosed).",
        "—：尚未记录故障原因（未诊断）。",
    ),
    "report.monthly.rule.months": ("consecutive months", "连续月份"),
    "report.monthly.rule.quarters": ("consecutive quarters", "连续季度"),
    "report.monthly.rule.years": ("same month, consecutive years", "连续年份同月"),
    "report.monthly.verdict.replace_next": (
        "3rd repair — next failure: replacement",
        "第3次维修 — 再次故障即予更换",
    ),
    "report.monthly.verdict.replace": (
        "replacement due (same brand and model)",
        "应予更换（同品牌同型号）",
    ),
    # -- quality ----------------------------------------------------------------------------------
    "report.quality.title": ("Quality problems {month}", "质量问题报表 {month}"),
    "report.quality.by_model": ("Quality problems by model", "按型号统计质量问题"),
    "report.quality.by_part": ("Parts replaced on quality problems", "质量问题更换配件"),
    "report.quality.tickets": ("The quality-problem tickets", "质量问题工单明细"),
    "report.quality.causes_note": (
        "Quality problems: tickets received in the month (not cancelled) whose cause is design, "
        "manufacturing/quality or a supplier part — the product's own faults.",
        "质量问题：本月受理（未取消）、故障原因为设计、制造质量或外购件的工单 — 即产品本身的问题。",
    ),
    "report.quality.empty": (
        "No quality problems in {month}.",
        "{month} 没有质量问题。",
    ),
    "report.quality.tickets_count": ("Quality-problem tickets", "质量问题工单"),
    "report.quality.share": ("Share of the month's faults", "占本月故障比例"),
    "report.quality.models_count": ("Models affected", "涉及型号"),
    "report.quality.devices_count": ("Units affected", "涉及设备"),
    "report.quality.col.tickets": ("Tickets", "工单数"),
    "report.quality.col.design": ("Design", "设计"),
    "report.quality.col.quality": ("Manufacturing/quality", "制造质量"),
    "report.quality.col.supplier_part": ("Supplier part", "外购件"),
    "report.quality.col.devices": ("Units", "设备数"),
    "report.quality.col.models": ("Models", "型号"),
    "report.quality.col.parts": ("Parts replaced", "更换配件"),
    "report.quality.col.finding": ("Finding", "检测结果"),
}
