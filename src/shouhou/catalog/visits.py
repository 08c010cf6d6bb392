"""Messages of site visits (shouhou visit …, DOMAIN §3)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "err.visit_not_found": (
        "error: no visit '{ref}' — see `shouhou visit list`",
        "错误：没有上门记录“{ref}” — 请查看 `shouhou visit list`",
    ),
    "err.visit_transition": (
        "error: visit {number} is {current:@visit_status}, cannot become {wanted:@visit_status} "
        "— possible from here: {allowed:@visit_status}",
        "错误：上门 {number} 当前为{current:@visit_status}，不能变为{wanted:@visit_status} "
        "— 当前可执行：{allowed:@visit_status}",
    ),
    "err.visit_clash": (
        "error: {engineer} is already booked for visit {other} at {start}–{end} — choose another "
        "time or engineer, or book anyway with --force",
        "错误：{engineer} 已预约上门 {other}（{start}–{end}）— 请换时间或工程师，"
        "或用 --force 强制预约",
    ),
    "err.visit_target": (
        "error: a visit is for a ticket or for a customer, not both ({field}) — give --ticket ID, "
        "or --customer REF [--device SERIAL]",
        "错误：上门对象须为工单或客户之一（{field}）— 请提供 --ticket 工单号，"
        "或 --customer 客户 [--device 出厂编号]",
    ),
    "err.visit_device_customer": (
        "error: device {serial} does not belong to {customer} — give one of the customer's "
        "devices (`shouhou device list --customer …`)",
        "错误：设备 {serial} 不属于 {customer} — 请给出该客户的设备"
        "（`shouhou device list --customer …`）",
    ),
    "err.visit_minutes": (
        "error: expected duration {value} min is not allowed — give 1 to {high} minutes",
        "错误：预计时长 {value} 分钟无效 — 请给出 1 到 {high} 分钟",
    ),
    "err.visit_rating": (
        "error: rating {value} is not allowed — give 1 (poor) to 5 (excellent)",
        "错误：评分 {value} 无效 — 请给出 1（差）到 5（很好）",
    ),
    "err.visit_done_before_arrival": (
        "error: visit {number} cannot finish before the arrival — give a later --at",
        "错误：上门 {number} 的完成时间不能早于到达时间 — 请给出更晚的 --at",
    ),
    "msg.visit_scheduled": (
        "Visit {number} booked: {kind}, {engineer} at {at}",
        "已预约上门 {number}：{kind}，{engineer}，{at}",
    ),
    "msg.visit_rescheduled": (
        "Visit {number} re-booked: {engineer} at {at}",
        "上门 {number} 已改约：{engineer}，{at}",
    ),
    "msg.visit_started": (
        "Visit {number} started: arrived {arrived}, {verdict}",
        "上门 {number} 已开始：到达 {arrived}，{verdict}",
    ),
    "msg.visit_done": ("Visit {number} done", "上门 {number} 已完成"),
    "msg.visit_missed": ("Visit {number} marked missed", "上门 {number} 已记为未成行"),
    "msg.visit_cancelled": ("Visit {number} cancelled", "上门 {number} 已取消"),
    "warn.visit_forced": (
        "note: booked over visit {other} — {engineer} is now double-booked",
        "提示：已覆盖上门 {other} 强制预约 — {engineer} 现有重叠预约",
    ),
    "visit.on_time": ("on time", "准时"),
    "visit.late": ("late by {minutes} min", "迟到 {minutes} 分钟"),
    "section.visit": ("Visit", "上门服务"),
    "col.visit_number": ("Visit", "上门单号"),
    "col.visit_kind": ("Type", "类型"),
    "col.appointment": ("Appointment", "预约时间"),
    "col.engineer": ("Engineer", "工程师"),
    "col.ticket": ("Ticket", "工单"),
    "col.arrived_at": ("Arrived", "到达时间"),
    "col.on_time": ("On time", "准时"),
    "col.finished_at": ("Finished", "完成时间"),
    "col.signed_by": ("Signed by", "客户签字"),
    "col.rating": ("Rating", "评分"),
    "col.reschedules": ("Re-bookings", "改约次数"),
    "col.reason": ("Reason", "原因"),
    "visit_kind.repair": ("repair", "上门维修"),
    "visit_kind.install": ("install", "安装调试"),
    "visit_kind.inspection": ("inspection", "巡检"),
    "visit_kind.callback": ("callback", "回访"),
    "visit_kind.training": ("training", "培训"),
    "visit_status.scheduled": ("scheduled", "已预约"),
    "visit_status.in_progress": ("in progress", "进行中"),
    "visit_status.done": ("done", "已完成"),
    "visit_status.missed": ("missed", "未成行"),
    "visit_status.cancelled": ("cancelled", "已取消"),
    "action.visit_schedule": ("visit booked", "预约上门"),
    "action.visit_reschedule": ("visit re-booked", "改约上门"),
    "action.visit_start": ("visit started", "上门到达"),
    "action.visit_done": ("visit done", "上门完成"),
    "action.visit_missed": ("visit missed", "上门未成行"),
    "action.visit_cancelled": ("visit cancelled", "取消上门"),
}
