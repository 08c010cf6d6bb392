"""Chinese help of ``report kpi`` and ``report yearly``; the format is described in
``shouhou.catalog.help``."""

HELP: dict[str, str] = {
    # report kpi
    (
        "Service KPIs: resolution rate, reply / on-site / resolve on time, on-time arrival, "
        "first-time fix, repeat repairs, callback rate, satisfaction, complaints handled on "
        "time, mean and median times, labour hours and cost. Every request received in the "
        "period counts; cancelled ones in no rate."
    ): (
        "售后服务关键指标：问题解决率、响应/到场/维修及时率、准时到达率、一次修复率、重复维修率、"
        "回访率、满意度、投诉及时处理率、平均及中位响应与解决时间、工时与费用。统计期内受理的报修"
        "均计入；已取消的不计入任何比率。"
    ),
    "First day of the period, e.g. 2026-11-01 (default: last month).": (
        "统计期第一天，如 2026-11-01（默认：上个月）。"
    ),
    (
        "Last day of the period, included (default: the end of --from's month, or of last month)."
    ): "统计期最后一天（含当天；默认：--from 所在月的月末，或上个月月末）。",
    "One row per engineer, severity or product line.": "按工程师、故障等级或产品线分行统计。",
    # report yearly
    (
        "The year: requests received each month by severity (with a bar chart) and by product "
        "line, visits done each month by kind, and the year's KPIs."
    ): (
        "年度报表：各月受理报修（按故障等级，附柱状图；按产品线）、各月完成上门（按类型）"
        "以及全年关键指标。"
    ),
    "The year, e.g. 2026 (default: last year in January, else this year).": (
        "年份，如 2026（默认：一月份时为上一年，否则为本年）。"
    ),
}
