"""Words every report shares (DOMAIN §7, issue 14): the frame of a report (generated at,
summary, "nothing in this period"), how values read (deadline met or late, durations), the
common section and column names (by day, channel, severity, engineer, outcome), and the errors
of the shared options (``--section``, ``--output``). Each report's own words are in
``reports_<name>``."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the frame
    "report.generated": ("Generated {at}", "生成时间：{at}"),
    "report.summary": ("Summary", "概要"),
    "report.empty_week": (
        "No requests were received in week {week} ({from} – {to}).",
        "{week} 周（{from} 至 {to}）没有收到任何报修。",
    ),
    "report.chart": ("Chart: {title}", "图表：{title}"),
    # how values read
    "report.deadline.met": ("on time", "按时"),
    "report.deadline.late": ("late {span}", "超时 {span}"),
    "report.deadline.overdue": ("not met, {span} over", "未完成，已超 {span}"),
    "report.deadline.pending": ("pending", "未到期"),
    "report.span.min": ("{m} min", "{m} 分钟"),
    "report.span.hm": ("{h} h {m:02d} min", "{h} 小时 {m:02d} 分"),
    "report.span.dh": ("{d} d {h} h", "{d} 天 {h} 小时"),
    "report.milestone.reply": ("reply", "答复"),
    "report.milestone.onsite": ("on site", "到场"),
    "report.milestone.resolve": ("resolve", "解决"),
    # how a request was handled (ticket mode and status)
    "report.outcome.phone": ("by phone", "电话解决"),
    "report.outcome.remote": ("remote", "远程解决"),
    "report.outcome.visit": ("site visit", "上门解决"),
    "report.outcome.depot": ("return to factory", "返厂维修"),
    "report.outcome.unrecorded": ("finished, mode not recorded", "已完成（未记录方式）"),
    "report.outcome.open": ("still open", "未完成"),
    "report.outcome.cancelled": ("cancelled", "已取消"),
    # common sections
    "report.section.by_day": ("Requests by day", "每日报修"),
    "report.section.by_channel": ("By channel", "按渠道"),
    "report.section.by_severity": ("By severity", "按故障等级"),
    "report.section.by_engineer": ("By engineer", "按工程师"),
    "report.section.by_outcome": ("By how it was handled", "按处理方式"),
    "report.section.deadlines": ("Deadlines", "服务时限"),
    # common columns
    "report.col.day": ("Day", "日期"),
    "report.col.weekday": ("Weekday", "星期"),
    "report.col.channel": ("Channel", "渠道"),
    "report.col.severity": ("Severity", "等级"),
    "report.col.engineer": ("Engineer", "工程师"),
    "report.col.outcome": ("Handled", "处理方式"),
    "report.col.milestone": ("Deadline", "时限"),
    "report.col.requests": ("Requests", "报修数"),
    "report.col.open": ("Open", "未完成"),
    "report.col.missed": ("Deadline missed", "有超时"),
    "report.col.met": ("On time", "按时"),
    "report.col.late": ("Met late", "超时完成"),
    "report.col.overdue": ("Not met, overdue", "超时未完成"),
    "report.col.pending": ("Pending", "未到期"),
    # errors of the shared options
    "err.report_bad_section": (
        "error: this report has no section '{value}' — choose one of: {accepted}",
        "错误：本报表没有 '{value}' 这一部分 — 可选：{accepted}",
    ),
    "err.report_no_folder": (
        "error: cannot write {path}: the folder does not exist — create it or give another "
        "--output",
        "错误：无法写入 {path}：文件夹不存在 — 请先创建，或换一个 --output",
    ),
    "err.report_write_failed": (
        "error: cannot write {path} ({detail}) — check the folder's permissions or give another "
        "--output",
        "错误：无法写入 {path}（{detail}）— 请检查文件夹权限，或换一个 --output",
    ),
}
