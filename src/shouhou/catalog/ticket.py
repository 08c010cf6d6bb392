"""Messages for ticket commands and the ticket vocabulary."""

MESSAGES: dict[str, tuple[str, str]] = {
    # errors
    "err.ticket_not_found": (
        "error: no ticket '{ref}' — give a number like SH2611-0042 or an id",
        "错误：找不到工单 '{ref}' — 请给出工单号（如 SH2611-0042）或编号",
    ),
    "err.device_other_customer": (
        "error: device {serial} belongs to another customer than "
        "{customer} — check --device / --customer",
        "错误：设备 {serial} 不属于客户 {customer} — 请核对 --device / --customer",
    ),
    "err.duplicate_external": (
        "error: paper form {number} is already entered — see `shouhou ticket show {number}`",
        "错误：纸质单号 {number} 已录入 — 请查看 `shouhou ticket show {number}`",
    ),
    "err.transition": (
        "error: ticket {number} is {current:@status} and cannot become {wanted:@status}"
        " — allowed next: {allowed:@status}",
        "错误：工单 {number} 当前为{current:@status}，不能变为{wanted:@status}"
        " — 可转为：{allowed:@status}",
    ),
    "err.ticket_closed": (
        "error: ticket {number} is {status:@status} — reopen it first (`shouhou ticket reopen`)",
        "错误：工单 {number} 已是{status:@status}状态 — 请先重新打开（`shouhou ticket reopen`）",
    ),
    "err.event_out_of_order": (
        "error: {action} of ticket {number} at {at} would come before its previous event "
        "({previous}) — events happen in order: give --at {previous} or later",
        "错误：工单 {number} 的 {action} 时间 {at} 早于上一事件（{previous}）— "
        "事件须按顺序记录：请给出不早于 {previous} 的 --at",
    ),
    "err.already": (
        "error: ticket {number}: '{what}' is already recorded — see `shouhou ticket show {number}`",
        "错误：工单 {number} 已记录过“{what}” — 请查看 `shouhou ticket show {number}`",
    ),
    "err.before_intake": (
        "error: {field} is before ticket {number} was received — give a later --{field}",
        "错误：{field} 早于工单 {number} 的受理时间 — 请给出更晚的 --{field}",
    ),
    "err.before_wait": (
        "error: {field} is before ticket {number} started waiting — give a later --{field}",
        "错误：{field} 早于工单 {number} 开始等待的时间 — 请给出更晚的 --{field}",
    ),
    "err.future_time": (
        "error: {field} '{value}' is in the future — intake time must be now or earlier",
        "错误：{field} '{value}' 是将来的时间 — 受理时间只能是现在或更早",
    ),
    "err.future_event": (
        "error: {field} '{value}' is in the future — record it once it has happened",
        "错误：{field} '{value}' 是将来的时间 — 请在发生后再登记",
    ),
    "err.approval_missing": (
        "error: ticket {number} needs approval first ({reason}) — a manager "
        "runs `shouhou --as NAME ticket approve {number}`",
        "错误：工单 {number} 需先审批（{reason:zh}）— 请经理执行 "
        "`shouhou --as 姓名 ticket approve {number}`",
    ),
    "err.approval_not_needed": (
        "error: ticket {number} needs no approval — the amount is under "
        "the threshold (config approval.threshold)",
        "错误：工单 {number} 无需审批 — 金额未超过审批额度（config approval.threshold）",
    ),
    "err.self_approval": (
        "error: {actor} is the engineer on ticket {number} and cannot approve it "
        "— another person must approve (--as NAME)",
        "错误：{actor} 是工单 {number} 的维修工程师，不能自己审批 — 请由他人审批（--as 姓名）",
    ),
    "err.not_waiting": (
        "error: ticket {number} is not waiting — nothing to resume",
        "错误：工单 {number} 未处于等待状态 — 无需恢复",
    ),
    "err.max_escalation": (
        "error: ticket {number} is already escalated to the manager — the highest level",
        "错误：工单 {number} 已升级到经理 — 已是最高级别",
    ),
    "err.bad_part_line": (
        "error: part '{value}' is not PART_NUMBER:QTY or NAME:QTY:UNIT_PRICE "
        "— e.g. KS-F020:2 or 阀片:2:120.00",
        "错误：配件 '{value}' 格式应为 配件编号:数量 或 名称:数量:单价 "
        "— 例如 KS-F020:2 或 阀片:2:120.00",
    ),
    "err.part_not_in_catalogue": (
        "error: part '{value}' is not in the parts catalogue — give a part number "
        "(`shouhou export part`) as PART_NUMBER:QTY, or NAME:QTY:UNIT_PRICE",
        "错误：配件目录中没有配件 '{value}' — 请给出配件编号（`shouhou export part`），"
        "格式 配件编号:数量，或 名称:数量:单价",
    ),
    "err.part_without_price": (
        "error: part {number} has no price in the parts catalogue — give it as "
        "{number}:QTY:UNIT_PRICE",
        "错误：配件目录中配件 {number} 没有单价 — 请写成 {number}:数量:单价",
    ),
    "err.bad_hours": (
        "error: labor-hours '{value}' is not a number of hours — e.g. 2.5",
        "错误：工时 '{value}' 不是有效小时数 — 例如 2.5",
    ),
    "err.unit_on_loan": (
        "error: spare unit {serial} is already out on loan — return it first",
        "错误：备用机 {serial} 已借出 — 请先归还",
    ),
    "err.no_open_loan": (
        "error: ticket {number} has no spare unit out — nothing to return",
        "错误：工单 {number} 没有借出的备用机 — 无需归还",
    ),
    "err.return_human_damage": (
        "error: ticket {number} was caused by misuse — human damage is "
        "excluded from returns and exchanges",
        "错误：工单 {number} 故障原因为使用不当 — 人为损坏不予退换",
    ),
    "err.return_no_device": (
        "error: ticket {number} has no device — a return needs the product",
        "错误：工单 {number} 未关联设备 — 退换货需要对应产品",
    ),
    "err.no_return": (
        "error: ticket {number} has no return or exchange — record one with "
        "`shouhou ticket return`",
        "错误：工单 {number} 没有退换货记录 — 请先用 `shouhou ticket return` 登记",
    ),
    "err.output_required": (
        "error: --format {format} writes a binary file — give --output FILE",
        "错误：--format {format} 生成二进制文件 — 请提供 --output 文件名",
    ),
    # messages
    "msg.ticket_created": (
        "Ticket {number} received — {severity}, by {channel}",
        "已受理工单 {number} — {severity}，来源：{channel}",
    ),
    "msg.no_device_warranty": (
        "Warranty: no device given — check it when the serial is known",
        "保修：未指定设备 — 获知出厂编号后再核对",
    ),
    "msg.assigned": (
        "{number} assigned to {engineer} ({status})",
        "{number} 已派给 {engineer}（{status}）",
    ),
    "msg.responded": ("{number}: reply recorded ({status})", "{number}：已记录答复（{status}）"),
    "msg.mode_set": ("{number}: support mode {mode}", "{number}：服务方式为{mode}"),
    "msg.arrived": ("{number}: arrived on site at {at}", "{number}：{at} 到达现场"),
    "msg.diagnosed": (
        "{number}: cause {cause} — {verdict}",
        "{number}：故障原因 {cause} — {verdict}",
    ),
    "msg.charged": (
        "{number}: parts {parts} + labour {labor} + travel {travel} = {total} {currency}"
        "; customer pays {payable}",
        "{number}：配件 {parts} + 工时 {labor} + 差旅 {travel} = {total} {currency}；"
        "客户应付 {payable}",
    ),
    "msg.approved": (
        "{number}: approved by {actor} ({reason})",
        "{number}：已由 {actor} 审批（{reason:zh}）",
    ),
    "msg.resolved": ("{number}: resolved", "{number}：已解决"),
    "msg.closed": ("{number}: closed", "{number}：已关闭"),
    "msg.reopened": ("{number}: reopened ({status})", "{number}：已重新打开（{status}）"),
    "msg.cancelled": (
        "{number}: cancelled — remember the guidance call and the callback",
        "{number}：已取消 — 请记得电话指导并回访",
    ),
    "msg.escalated": (
        "{number}: escalated to {to} ({level})",
        "{number}：已升级给 {to}（{level}）",
    ),
    "msg.waiting": (
        "{number}: waiting ({reason}) — deadlines paused",
        "{number}：等待中（{reason}）— 时限暂停",
    ),
    "msg.resumed": (
        "{number}: resumed — deadlines running again",
        "{number}：已恢复 — 时限继续计算",
    ),
    "msg.loaned": ("{number}: spare unit {unit} lent", "{number}：已借出备用机 {unit}"),
    "msg.loan_returned": (
        "{number}: spare unit(s) back: {units}",
        "{number}：备用机已归还：{units}",
    ),
    "msg.returned": (
        "{number}: {kind} recorded — faulty {faulty}, replacement {replacement}",
        "{number}：已登记{kind} — 故障机 {faulty}，替换机 {replacement}",
    ),
    "msg.written": ("Written: {path}", "已生成：{path}"),
    "warn.approval_needed": (
        "note: {number} needs approval before it can be resolved ({reason})",
        "提示：{number} 需审批后才能办结（{reason:zh}）",
    ),
    # prompts
    "prompt.device": ("Device serial (Enter to skip)", "设备出厂编号（回车跳过）"),
    "prompt.customer": ("Customer (id, name or phone)", "客户（编号、名称或电话）"),
    "prompt.create_customer": (
        "No customer '{name}'. Open a new customer file?",
        "没有客户“{name}”。是否新建客户档案？",
    ),
    "prompt.customer_name": ("Customer name", "客户名称"),
    "prompt.phone": ("Phone (Enter to skip)", "电话（回车跳过）"),
    "prompt.severity": (
        "Severity 1 critical / 2 major / 3 minor",
        "故障等级 1 重大 / 2 主要 / 3 次要",
    ),
    "prompt.symptom": ("Fault symptom", "故障现象"),
    # columns and sections
    "col.assignee": ("Engineer", "工程师"),
    "col.lent_at": ("Lent", "借出时间"),
    "col.returned_at": ("Returned", "归还时间"),
    "col.severity": ("Sev.", "等级"),
    "col.device": ("Device", "设备"),
    "col.due": ("Due", "时限"),
    "col.late": ("Late by", "超时"),
    "col.escalation": ("Escalation", "升级"),
    "col.charge_kind": ("Kind", "类别"),
    "col.description": ("Item", "项目"),
    "col.quantity": ("Qty", "数量"),
    "col.unit_price": ("Unit price", "单价"),
    "col.amount": ("Amount", "金额"),
    "col.milestone": ("Deadline", "时限"),
    "col.due_at": ("Due", "截止时间"),
    "col.met_at": ("Done", "完成时间"),
    "col.missed": ("Missed", "超时"),
    "col.factor": ("Factor", "因素"),
    "col.points": ("Points", "分值"),
    "col.detail": ("Detail", "说明"),
    "col.channel": ("Channel", "来源"),
    "col.mode": ("Support mode", "服务方式"),
    "col.request": ("Request", "客户要求"),
    "col.category": ("Fault category", "故障类别"),
    "col.cause": ("Cause", "故障原因"),
    "col.finding": ("Finding", "检测结果"),
    "col.work_done": ("Work done", "处理措施"),
    "col.chargeable": ("Chargeable", "收费"),
    "col.total": ("Total", "合计"),
    "col.payable": ("payable", "应付"),
    "col.approved_by": ("Approved by", "审批人"),
    "col.repair_count": ("Repairs of this fault", "同类故障维修次数"),
    "col.urgency": ("Urgency score", "紧急度"),
    "section.ticket": ("Ticket", "工单"),
    "section.deadlines": ("Deadlines", "时限"),
    "section.urgency": ("Urgency", "紧急度构成"),
    "section.charges": ("Charges", "费用"),
    # vocabulary
    "status.new": ("new", "新建"),
    "status.assigned": ("assigned", "已派工"),
    "status.responded": ("responded", "已答复"),
    "status.in_progress": ("in progress", "处理中"),
    "status.resolved": ("resolved", "已解决"),
    "status.closed": ("closed", "已关闭"),
    "status.cancelled": ("cancelled", "已取消"),
    "status.reopened": ("reopened", "重新打开"),
    "severity.1": ("1 critical", "1 重大"),
    "severity.2": ("2 major", "2 主要"),
    "severity.3": ("3 minor", "3 次要"),
    "channel.phone": ("phone", "电话"),
    "channel.email": ("email", "邮件"),
    "channel.web": ("web", "网站"),
    "channel.fax": ("fax", "传真"),
    "channel.walk-in": ("walk-in", "来访"),
    "channel.onsite": ("on site", "现场"),
    "channel.remote": ("remote", "远程"),
    "mode.phone": ("by phone", "电话支持"),
    "mode.remote": ("remote", "远程支持"),
    "mode.onsite": ("on site", "上门服务"),
    "mode.depot": ("return to factory", "返厂维修"),
    "cause.design": ("design", "设计"),
    "cause.quality": ("manufacturing/quality", "制造质量"),
    "cause.transport": ("transport", "运输"),
    "cause.installation": ("installation", "安装"),
    "cause.misuse": ("misuse", "使用不当"),
    "cause.wear": ("wear", "正常磨损"),
    "cause.force-majeure": ("force majeure", "不可抗力"),
    "cause.supplier-part": ("supplier part", "外购件"),
    "cause.unauthorised-repair": ("unauthorised repair or disassembly", "私自拆修"),
    "cause.site-not-to-spec": ("site environment not to spec", "现场环境不符合要求"),
    "cause.unknown": ("unknown", "未明"),
    "milestone.reply": ("reply", "响应"),
    "milestone.onsite": ("on site", "到场"),
    "milestone.resolve": ("resolve", "解决"),
    "escalation.0": ("-", "-"),
    "escalation.1": ("supervisor", "主管"),
    "escalation.2": ("manager", "经理"),
    "charge.part": ("part", "配件"),
    "charge.labor": ("labour", "工时费"),
    "charge.travel": ("travel", "差旅费"),
    "charge.other": ("other", "其他"),
    "charge.chargeable": ("chargeable repair", "收费维修"),
    "charge.free": ("free of charge", "免费维修"),
    "return.return": ("return", "退货"),
    "return.exchange": ("exchange", "换货"),
    "urgency.severity": ("severity", "故障等级"),
    "urgency.deadline": ("time to next deadline", "距下一时限"),
    "urgency.escalation": ("escalation", "升级"),
    "urgency.age": ("age", "工单时长"),
    "due.reply": ("Reply due", "响应时限"),
    "due.onsite": ("On-site due (if a visit is needed)", "到场时限（如需上门）"),
    "due.resolve": ("Resolve due", "解决时限"),
    "due.paused": ("paused", "暂停"),
    "due.late": ("{milestone} LATE {span}", "{milestone}已超时 {span}"),
    "due.left": ("{milestone} in {span}", "{milestone}剩 {span}"),
    "due.overdue_done": ("missed", "曾超时"),
    "span.dh": ("{d}d {h}h", "{d}天{h}小时"),
    "span.hm": ("{h}h {m}m", "{h}小时{m}分"),
    "span.m": ("{m}m", "{m}分钟"),
    "action.assign": ("assigned", "派工"),
    "action.respond": ("replied", "答复"),
    "action.mode": ("support mode", "服务方式"),
    "action.arrive": ("arrived", "到场"),
    "action.diagnose": ("diagnosed", "诊断"),
    "action.charge": ("charges", "费用"),
    "action.approve": ("approved", "审批"),
    "action.resolve": ("resolved", "解决"),
    "action.close": ("closed", "关闭"),
    "action.reopen": ("reopened", "重新打开"),
    "action.cancel": ("cancelled", "取消"),
    "action.escalate": ("escalated", "升级"),
    "action.wait": ("waiting", "等待"),
    "action.resume": ("resumed", "恢复"),
    "action.loan": ("spare unit lent", "借出备用机"),
    "action.loan-return": ("spare unit back", "归还备用机"),
    "action.return": ("return", "退货"),
    "action.exchange": ("exchange", "换货"),
    "action.holiday": ("holiday", "假期"),
    "action.workday": ("make-up working day", "调休上班"),
    "action.import": ("import", "导入"),
}
