"""Messages of the KPI report and the yearly report (shouhou report kpi, report yearly; DOMAIN
§7, issue 14 items 3 and 4)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "err.kpi_period": (
        "error: the period {since} – {until} is empty — give --to on or after --from",
        "错误：统计期 {since} 至 {until} 为空 — 请使 --to 不早于 --from",
    ),
    "err.report_year": (
        "error: '{value}' is not a year — give it as YYYY, e.g. 2026",
        "错误：“{value}”不是年份 — 请按 YYYY 格式填写，例如 2026",
    ),
    # -- kpi: title and groups -------------------------------------------------------------------
    "report.kpi.title": ("Service KPIs {from} – {to}", "售后服务关键指标 {from} 至 {to}"),
    "report.kpi.empty": (
        "Nothing to measure from {from} to {to}: no request received, no visit arrived, no "
        "survey taken, no complaint received.",
        "{from} 至 {to} 无可统计数据：没有受理报修、上门到达、满意度调查或投诉。",
    ),
    "report.kpi.all": ("All", "全部"),
    "report.kpi.unassigned": ("(unassigned)", "（未派工）"),
    "report.kpi.no_ticket": ("(no ticket)", "（无工单）"),
    "report.kpi.no_product_line": ("(no product line)", "（无产品线）"),
    # -- kpi: sections ---------------------------------------------------------------------------
    "report.kpi.resolution": ("Resolution", "问题解决"),
    "report.kpi.timeliness": ("Timeliness", "及时性"),
    "report.kpi.satisfaction": ("Satisfaction", "客户满意度"),
    "report.kpi.complaints": ("Complaints", "投诉处理"),
    "report.kpi.cost": ("Labour and cost", "工时与费用"),
    # -- kpi: columns (also the summary's labels) ------------------------------------------------
    "report.kpi.col.period": ("Period", "统计范围"),
    "report.kpi.col.received": ("Requests received", "受理报修"),
    "report.kpi.col.cancelled": ("Cancelled", "已取消"),
    "report.kpi.col.resolved": ("Resolved", "已解决"),
    "report.kpi.col.resolution_rate": ("Resolution rate", "问题解决率"),
    "report.kpi.col.first_time_fix_rate": ("First-time fix", "一次修复率"),
    "report.kpi.col.repeat_rate": ("Repeat repairs", "重复维修率"),
    "report.kpi.col.callback_rate": ("Callback rate", "回访率"),
    "report.kpi.col.reply_on_time": ("Reply on time", "响应及时率"),
    "report.kpi.col.onsite_on_time": ("On site on time", "到场及时率"),
    "report.kpi.col.resolve_on_time": ("Resolved on time", "维修及时率"),
    "report.kpi.col.visit_on_time": ("Visits on time", "准时到达率"),
    "report.kpi.col.reply_mean": ("Mean reply", "平均响应时间"),
    "report.kpi.col.reply_median": ("Median reply", "响应时间中位数"),
    "report.kpi.col.resolve_mean": ("Mean resolve", "平均解决时间"),
    "report.kpi.col.resolve_median": ("Median resolve", "解决时间中位数"),
    "report.kpi.col.surveys": ("Surveys", "调查份数"),
    "report.kpi.col.satisfaction_rate": ("Satisfaction rate", "满意率"),
    "report.kpi.col.attitude": ("Attitude", "服务态度"),
    "report.kpi.col.quality": ("Quality", "服务质量"),
    "report.kpi.col.resolution": ("Resolution level", "故障解决水平"),
    "report.kpi.col.timeliness": ("Timeliness score", "及时性评分"),
    "report.kpi.col.complaints": ("Complaints", "投诉"),
    "report.kpi.col.answer_on_time": ("Answered in 24 h", "24小时内答复率"),
    "report.kpi.col.opinion_on_time": ("Opinion in 2 working days", "2个工作日内处理意见率"),
    "report.kpi.col.labor_hours": ("Labour hours", "工时"),
    "report.kpi.col.travel_cost": ("Travel", "差旅费"),
    "report.kpi.col.parts_cost": ("Parts at cost", "配件成本"),
    # -- kpi: how each is defined (the notes under the sections) ---------------------------------
    "report.kpi.note.cohort": (
        "Counted: the requests received in the period, as they stand now. Cancelled requests "
        "(misreports) are received but in no rate.",
        "统计对象：统计期内受理的报修，按当前状态计。已取消（误报）的报修计入受理数，不计入任何比率。",
    ),
    "report.kpi.note.resolution": (
        "Resolution rate: resolved or closed ÷ not cancelled. First-time fix: resolved, not a "
        "repeat repair, never reopened, at most one repair visit ÷ resolved. Repeat repairs: "
        "repeats of an earlier repair ÷ not cancelled. Callback rate: resolved with a callback "
        "done ÷ resolved (target 100%).",
        "问题解决率：已解决或已关闭 ÷ 未取消。一次修复率：已解决、非重复维修、"
        "未重开且上门维修不超过一次 ÷ 已解决。重复维修率：重复维修 ÷ 未取消。"
        "回访率：已完成回访的已解决报修 ÷ 已解决（目标 100%）。",
    ),
    "report.kpi.note.on_time": (
        "On time: the deadline was met with 0 minutes late ÷ deadlines met or missed. A deadline "
        "missed once stays missed (also after a reopen); one still open and already past counts "
        "as missed; one still open and not yet due is not counted. Visits: arrivals in the "
        "period on time ÷ arrivals.",
        "及时率：按时完成（迟到 0 分钟）÷ 已完成或已超时。超时一次即记为超时（重开后亦然）；"
        "尚未完成但已过期限的计为超时；尚未到期的不计。"
        "准时到达率：统计期内准时到达的上门 ÷ 到达的上门。",
    ),
    "report.kpi.note.times": (
        "Reply and resolve times: clock time from receipt to the reply or the fix; the median "
        "is the middle value.",
        "响应时间与解决时间：自受理至答复或修复的实际时长；中位数为居中的数值。",
    ),
    "report.kpi.note.satisfaction": (
        "Service surveys taken in the period. Satisfied: the mean of the scores given is at "
        "least {mean} of 5. Scores: the mean of each question over the surveys that answered it.",
        "统计期内的服务满意度调查。满意：所给评分的平均分不低于 {mean} 分（满分 5 分）。"
        "各项评分为回答了该项的调查的平均分。",
    ),
    "report.kpi.note.complaints": (
        "Complaints received in the period: answered within 24 h and handling opinion given "
        "within 2 working days, each ÷ the complaints met or past that deadline.",
        "统计期内收到的投诉：24 小时内答复、2 个工作日内给出处理意见的比率，"
        "分母为已答复或已过期限的投诉。",
    ),
    "report.kpi.note.cost": (
        "Labour hours and travel entered on the requests received, cancelled ones included; "
        "parts issued to them less parts returned, at cost.",
        "统计期内受理的报修（含已取消）登记的工时与差旅费；配件成本为领用减退回的配件按成本价计。",
    ),
    # -- yearly ----------------------------------------------------------------------------------
    "report.yearly.title": ("Service distribution {year}", "{year} 年度服务分布"),
    "report.yearly.empty": (
        "Nothing in {year}: no request received, no visit done, no survey or complaint.",
        "{year} 年没有受理报修、完成上门、满意度调查或投诉。",
    ),
    "report.yearly.by_month": ("Requests by month", "各月报修受理"),
    "report.yearly.by_product_line": ("Requests by product line and month", "各产品线各月报修"),
    "report.yearly.visits_by_month": ("Visits done by month", "各月完成上门"),
    "report.yearly.col.month": ("Month", "月份"),
    "report.yearly.col.received": ("Requests", "报修数"),
    "report.yearly.col.total": ("Total", "合计"),
    "report.yearly.note.received": (
        "Every request received in the month, cancelled ones included, by severity.",
        "当月受理的全部报修（含已取消），按故障等级统计。",
    ),
    "report.yearly.note.visits": (
        "Visits done in the month (by their finish), by kind; callbacks by phone included.",
        "当月完成的上门（按完成时间），按类型统计；含电话回访。",
    ),
    "report.yearly.received": ("Requests received", "全年受理报修"),
    "report.yearly.visits_done": ("Visits done", "全年完成上门"),
    "report.yearly.peak_month": ("Busiest month", "报修最多月份"),
    "report.yearly.q1_share": ("Share in Q1 (Jan–Mar)", "一季度占比"),
    "report.yearly.m1": ("Jan", "1月"),
    "report.yearly.m2": ("Feb", "2月"),
    "report.yearly.m3": ("Mar", "3月"),
    "report.yearly.m4": ("Apr", "4月"),
    "report.yearly.m5": ("May", "5月"),
    "report.yearly.m6": ("Jun", "6月"),
    "report.yearly.m7": ("Jul", "7月"),
    "report.yearly.m8": ("Aug", "8月"),
    "report.yearly.m9": ("Sep", "9月"),
    "report.yearly.m10": ("Oct", "10月"),
    "report.yearly.m11": ("Nov", "11月"),
    "report.yearly.m12": ("Dec", "12月"),
}
