"""Words of the weekly call-record report 电话服务记录 (``shouhou report weekly``; DOMAIN §7)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "report.weekly.title": (
        "Weekly call record {week} ({from} – {to})",
        "电话服务记录周报 {week}（{from} 至 {to}）",
    ),
    "report.weekly.section.requests": ("Every request of the week", "本周全部报修"),
    # summary
    "report.weekly.sum.requests": ("Requests received", "收到报修"),
    "report.weekly.sum.by_phone": ("Solved by phone or remotely", "电话或远程解决"),
    "report.weekly.sum.on_site": ("Solved by a site visit", "上门解决"),
    "report.weekly.sum.depot": ("Returned to factory", "返厂维修"),
    "report.weekly.sum.open": ("Still open", "尚未完成"),
    "report.weekly.sum.cancelled": ("Cancelled", "已取消"),
    "report.weekly.sum.missed": ("Requests with a deadline missed", "有超时的报修"),
    # the request list
    "report.weekly.col.number": ("Ticket", "工单号"),
    "report.weekly.col.received_at": ("Received", "受理时间"),
    "report.weekly.col.customer": ("Customer", "客户"),
    "report.weekly.col.device": ("Device", "设备"),
    "report.weekly.col.symptom": ("Symptom", "故障现象"),
    "report.weekly.col.received_by": ("Taken by", "受理人"),
    "report.weekly.col.reply": ("Reply", "答复"),
    "report.weekly.col.onsite": ("On site", "到场"),
    "report.weekly.col.resolve": ("Resolve", "解决"),
    # errors
    "err.report_bad_week": (
        "error: --week '{value}' is not an ISO week — write it as YYYY-Www, e.g. 2026-W47",
        "错误：--week '{value}' 不是 ISO 周 — 请写成 YYYY-Www，例如 2026-W47",
    ),
}
