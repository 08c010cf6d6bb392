"""Messages of the morning agenda (``shouhou today``, issue 11)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "err.today_engineer": (
        "error: nobody named '{name}' works here — give a user's name (`shouhou user list`)",
        "错误：没有名为“{name}”的人员 — 请给出用户名（`shouhou user list`）",
    ),
    "today.heading": (
        "Today {day}, {time}{who} — {late} late",
        "今日待办 {day} {time}{who} — {late} 项超时",
    ),
    "today.heading_ok": (
        "Today {day}, {time}{who} — nothing late",
        "今日待办 {day} {time}{who} — 无超时",
    ),
    "today.for": (" for {name}", "（{name}）"),
    "today.nothing": ("Nothing due today.", "今日无待办事项。"),
    "today.created": (
        "{count} due visits created by the rules (inspection plans, key customers' callbacks)",
        "已按规则新建待安排上门 {count} 项（巡检计划、重点客户回访）",
    ),
    "today.count": ("{count}, {late} late", "{count} 项，{late} 项超时"),
    "today.count_only": ("{count}", "{count} 项"),
    "section.today_tickets": ("Tickets late or due today", "超时及今日到期的工单"),
    "section.today_visits_due": (
        "Callbacks, inspections and visits due or missed",
        "待办回访、巡检及误约上门",
    ),
    "section.today_visits_today": ("Visits booked today", "今日预约上门"),
    "section.today_loans": (
        "Spare units out more than {max_days} days",
        "借出超过 {max_days} 天的备用机",
    ),
    "today.visit_due": ("due today", "今日应办"),
    "today.visit_late": ("overdue {span}", "已逾期 {span}"),
    "today.no_arrival": ("booked, no arrival for {span}", "已预约，超时未到 {span}"),
    "today.reason_no_arrival": ("appointment", "预约上门"),
    "today.days": ("{days} days", "{days} 天"),
    "today.col.when": ("When", "时间"),
    "today.col.state": ("State", "状况"),
    "today.col.out": ("Out for", "已借出"),
    "today.col.with": ("With", "同行人员"),
}
