"""Chinese help of ``report monthly`` and ``report quality``; the format is described in
``shouhou.catalog.help``."""

HELP: dict[str, str] = {
    "The month, YYYY-MM (default: the last full month).": (
        "月份，格式 YYYY-MM（默认：上一个完整月份）。"
    ),
    # report monthly
    "The month's issue-trend summary 问题趋势月报 with recurrence warnings.": (
        "问题趋势月报，含连续出现的问题预警。"
    ),
    (
        "Faults received in the month (cancelled requests are no fault) by product line, model, "
        "fault category and cause, against the month before and the same month last year; the "
        "12-month trend; a model with the same fault category in consecutive months, quarters "
        "or the same month of consecutive years, with its history; the month's repeat repairs "
        "and three-strike cases; old parts not returned to the factory at the month's end."
    ): (
        "本月受理的故障（已取消的报修不计）按产品线、型号、故障类别和故障原因统计，并与上月及去年"
        "同月对比；近12个月趋势；同一型号、同一故障类别连续数月、连续数季度或连续多年同月出现的"
        "预警及其出现记录；本月的重复维修与三包多次维修；月末尚未返厂的旧件。"
    ),
    # report quality
    "The month's quality problems 质量问题报表, for the quality department.": (
        "本月质量问题报表，供质量部门使用。"
    ),
    (
        "Requests received in the month whose cause is design, manufacturing/quality or a "
        "supplier part: by model (with each cause and the units affected), by part replaced "
        "(from the bills), and each ticket with its finding and parts."
    ): (
        "本月受理、故障原因为设计、制造质量或外购件的报修：按型号统计（含各原因数量与涉及设备数）、"
        "按更换配件统计（取自收费明细），以及每张工单的检测结果与所换配件。"
    ),
}
