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
    "visit_status.due": ("due", "待安排"),
    "visit_status.overdue": ("overdue", "已逾期"),
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
    "action.visit_due": ("visit due", "待安排上门"),
    "action.visit_book": ("due visit booked", "安排待办上门"),
    "visit_origin.plan": ("inspection plan", "巡检计划"),
    "visit_origin.partial": ("rest of a partial visit", "未完成部分"),
    "visit_origin.phone-advice": ("after phone advice", "电话指导后回访"),
    "visit_origin.uncertain-fix": ("after an uncertain fix", "维修效果不确定回访"),
    "visit_origin.major-repair": ("after a major repair", "重大维修后回访"),
    "visit_origin.new-device": ("new device accepted", "新设备验收后回访"),
    "visit_origin.key-customer": ("key customer", "重点客户定期回访"),
    "visit_origin.low-score": ("low score", "低分回访"),
    "visit_outcome.ok": ("ok", "正常"),
    "visit_outcome.problem": ("problem back", "问题复现"),
    "col.helpers": ("Team", "协助人员"),
    "col.visit_due_at": ("Due by", "应完成"),
    "col.origin": ("Why", "来源"),
    "col.overdue": ("Overdue", "逾期"),
    "col.left_over": ("Left to do", "遗留工作"),
    "col.follow_up": ("Follow-up visit", "后续上门"),
    "col.follows": ("Continues", "接续上门"),
    "col.outcome": ("Result", "回访结果"),
    "col.customer_name": ("Customer", "客户"),
    "err.visit_helper_is_lead": (
        "error: {name} leads the visit and cannot also be a helper — name other people with "
        "--helper",
        "错误：{name} 是本次上门的负责工程师，不能同时作为协助人员 — --helper 请填写其他人",
    ),
    "err.visit_book_first": (
        "error: visit {number} is due but not booked yet — book it with `shouhou visit book "
        "{number} --at TIME --engineer NAME`",
        "错误：上门 {number} 尚未预约 — 请用 `shouhou visit book {number} --at 时间 "
        "--engineer 工程师` 预约",
    ),
    "err.visit_not_due": (
        "error: visit {number} is {current:@visit_status}, not due — re-book it with `shouhou "
        "visit reschedule {number} --at TIME --reason TEXT`",
        "错误：上门 {number} 当前为{current:@visit_status}，不是待安排 — 请用 `shouhou visit "
        "reschedule {number} --at 时间 --reason 原因` 改约",
    ),
    "err.visit_partial_left": (
        "error: a visit done in part needs what is left — give --left TEXT",
        "错误：部分完成的上门须说明遗留工作 — 请提供 --left 内容",
    ),
    "err.visit_left_without_partial": (
        "error: --left goes with --partial — add --partial, or drop --left",
        "错误：--left 须与 --partial 一起使用 — 请加上 --partial，或去掉 --left",
    ),
    "err.visit_result_kind": (
        "error: --result is for callbacks; visit {number} is {kind:@visit_kind} — drop --result",
        "错误：--result 仅用于回访；上门 {number} 为{kind:@visit_kind} — 请去掉 --result",
    ),
    "err.visit_due_later": (
        "error: --due {value} is not after the visit's end — give a later time",
        "错误：--due {value} 不晚于本次上门结束时间 — 请给出更晚的时间",
    ),
    "msg.visit_booked": (
        "Visit {number} booked: {kind}, {engineer} at {at}",
        "已安排上门 {number}：{kind}，{engineer}，{at}",
    ),
    "msg.visit_partial": (
        "Visit {number} done in part; the rest is due as visit {follow_up} by {due}",
        "上门 {number} 部分完成；遗留工作已生成待安排上门 {follow_up}，应于 {due} 前完成",
    ),
    "msg.visit_reopened": (
        "Callback found the problem back: ticket {ticket} reopened",
        "回访发现问题复现：工单 {ticket} 已重新打开",
    ),
    "msg.visit_problem_no_ticket": (
        "Callback found a problem — open a ticket: shouhou ticket new --customer {customer}",
        "回访发现问题 — 请开工单：shouhou ticket new --customer {customer}",
    ),
    "msg.visit_nothing_due": ("Nothing due.", "没有待办上门。"),
    "prompt.check_item": (
        "{label} {unit} — ok / not ok[:note] / value",
        "{label} {unit} — 正常 / 异常[:说明] / 测量值",
    ),
    "prompt.check_ticket": (
        "'{item}' is not ok — open a ticket for it?",
        "“{item}”异常 — 是否为此开工单？",
    ),
    "msg.check_ticket_opened": (
        "Ticket {ticket} opened for '{item}'",
        "已为“{item}”开工单 {ticket}",
    ),
    "msg.check_ticket_hint": (
        "'{item}' is not ok — no ticket opened; open one with `shouhou ticket new`, or run "
        "`shouhou visit sheet {visit}` to see the record",
        "“{item}”异常 — 未开工单；可用 `shouhou ticket new` 开单，"
        "或用 `shouhou visit sheet {visit}` 查看记录",
    ),
}
