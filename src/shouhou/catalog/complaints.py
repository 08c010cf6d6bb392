"""Messages of complaints 投诉 (shouhou complaint …, DOMAIN §5, issue 13)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- errors ---------------------------------------------------------------------------------
    "err.complaint_not_found": (
        "error: no complaint '{ref}' — see `shouhou complaint list`",
        "错误：没有投诉“{ref}” — 请查看 `shouhou complaint list`",
    ),
    "err.complaint_step": (
        "error: complaint {number} is {current:@complaint_status}, `{wanted:@complaint_step}` "
        "is not possible now — possible: {allowed:@complaint_step}",
        "错误：投诉 {number} 当前为{current:@complaint_status}，现在不能{wanted:@complaint_step}"
        " — 当前可执行：{allowed:@complaint_step}",
    ),
    "err.complaint_out_of_order": (
        "error: {field} is before complaint {number} was received or its previous step — "
        "give a later --{field}",
        "错误：{field} 早于投诉 {number} 的受理时间或上一步骤 — 请给出更晚的 --{field}",
    ),
    "err.complaint_text_long": (
        "error: {field} is longer than {limit} characters — shorten it",
        "错误：{field} 超过 {limit} 个字符 — 请缩短",
    ),
    "err.complaint_ticket_customer": (
        "error: ticket {ticket} is not {customer}'s — give that customer's ticket, or leave "
        "out --customer to take the ticket's",
        "错误：工单 {ticket} 不属于 {customer} — 请给出该客户的工单，"
        "或不填 --customer 以工单客户为准",
    ),
    "err.complaint_close_how": (
        "error: say how the customer took the handling — give --confirmed [--by NAME], or "
        "--unconfirmed --reason TEXT",
        "错误：请说明客户是否确认处理结果 — 请用 --confirmed [--by 确认人]，"
        "或 --unconfirmed --reason 原因",
    ),
    # -- prompts (complaint new on a terminal) ---------------------------------------------------
    "prompt.complaint_customer": ("Customer (name, phone or id)", "客户（名称、电话或编号）"),
    "prompt.complaint_about": ("About ({choices})", "投诉类别（{choices}）"),
    "prompt.complaint_grade": ("Grade ({choices})", "投诉等级（{choices}）"),
    "prompt.complaint_text": (
        "The complaint, in the customer's words",
        "投诉内容（客户原话）",
    ),
    # -- what the commands say ---------------------------------------------------------------------
    "msg.complaint_customer": ("Customer: {name} (#{id})", "客户：{name}（#{id}）"),
    "msg.complaint_received": (
        "Complaint {number} received by {by}: {grade}, about {about} — thank the customer",
        "投诉 {number} 已受理（受理人 {by}）：{grade}，{about} — 请向客户致谢",
    ),
    "complaint.answer_due": ("First answer due", "答复时限"),
    "complaint.opinion_due": ("Handling opinion due", "处理意见时限"),
    "msg.complaint_reported_serious": (
        "Serious complaint: reported to the manager {manager} — report the investigation up today",
        "严重投诉：已上报经理 {manager} — 调查情况须当日上报",
    ),
    "msg.complaint_reported_major": (
        "Major complaint: reported to the manager {manager} — report the investigation up today",
        "重大投诉：已上报经理 {manager} — 调查情况须当日上报",
    ),
    "msg.complaint_staff_review": (
        "About the attitude of {staff}: goes to staff review",
        "涉及 {staff} 的服务态度：转员工考核",
    ),
    "warn.complaint_recurrence_device": (
        "note: a repeat of complaint {previous} (received {received}) — same customer and "
        "device, open or within {days} days: analyse them together",
        "注意：与投诉 {previous}（{received} 受理）重复 — 同一客户同一设备，"
        "未结案或在 {days} 天内：请一并分析",
    ),
    "warn.complaint_recurrence_about": (
        "note: a repeat of complaint {previous} (received {received}) — same customer and "
        "subject, open or within {days} days: analyse them together",
        "注意：与投诉 {previous}（{received} 受理）重复 — 同一客户同类问题，"
        "未结案或在 {days} 天内：请一并分析",
    ),
    "warn.complaint_same_cause": (
        "note: the same cause as complaint {previous} — linked as a recurrence",
        "注意：与投诉 {previous} 原因相同 — 已记为重复投诉",
    ),
    "warn.complaint_cause_later": (
        "note: later complaints with the same cause linked as its recurrences: {numbers}",
        "注意：原因相同的后续投诉已记为重复投诉：{numbers}",
    ),
    "msg.complaint_answered": ("{number}: answered, {verdict}", "{number}：已答复，{verdict}"),
    "msg.complaint_resolved": (
        "{number}: handling opinion given, {verdict}",
        "{number}：已出具处理意见，{verdict}",
    ),
    "complaint.on_time": ("on time", "按时"),
    "complaint.late": ("{span} late", "超时 {span}"),
    "msg.complaint_closed": (
        "{number}: closed, confirmed by the customer",
        "{number}：已结案，客户已确认",
    ),
    "msg.complaint_closed_by": (
        "{number}: closed, confirmed by {by}",
        "{number}：已结案，客户确认人 {by}",
    ),
    "msg.complaint_closed_unconfirmed": (
        "{number}: closed without the customer's confirmation",
        "{number}：已结案，客户未确认",
    ),
    "msg.complaint_reopened": (
        "{number}: reopened — new handling opinion due {due}",
        "{number}：已重新打开 — 新的处理意见时限 {due}",
    ),
    "msg.complaint_none": ("No complaints.", "没有投诉。"),
    # -- deadlines in lists, show and the agenda ------------------------------------------
    "complaint.overdue.answer": ("answer overdue", "答复已超时"),
    "complaint.overdue.opinion": ("opinion overdue", "处理意见已超时"),
    "complaint.due.answer": ("answer by {at}", "{at} 前答复"),
    "complaint.due.opinion": ("opinion by {at}", "{at} 前出处理意见"),
    "complaint.deadline.answer": ("answer", "答复"),
    "complaint.deadline.opinion": ("opinion", "处理意见"),
    "complaint.staff_review": ("to staff review", "转员工考核"),
    "complaint.confirmed": ("confirmed by {by}", "客户已确认（{by}）"),
    "complaint.unconfirmed": ("not confirmed: {reason}", "客户未确认：{reason}"),
    # -- the printed form: each deadline in words -----------------------------------------
    "complaint.met_on_time": ("met on time", "按时完成"),
    "complaint.met_late": ("met {span} late", "超时 {span} 完成"),
    "complaint.overdue_by": ("overdue by {span}", "已超时 {span}"),
    "complaint.not_yet": ("not yet due", "未到期"),
    # -- columns and sections ----------------------------------------------------------------------
    "col.complaint_number": ("Complaint", "投诉编号"),
    "col.complaint_grade": ("Grade", "等级"),
    "col.complaint_about": ("About", "类别"),
    "col.complaint_received_by": ("Received by", "受理人"),
    "col.complaint_due": ("Deadline", "时限"),
    "col.complaint_recurrence_of": ("Repeats", "重复投诉"),
    "col.complaint_repeated_by": ("Repeated by", "被重复"),
    "col.complaint_staff": ("Staff named", "被投诉人员"),
    "col.complaint_text": ("Text (verbatim)", "投诉内容（原话）"),
    "col.complaint_manager": ("Manager", "上报经理"),
    "col.complaint_answer_due": ("Answer due", "答复时限"),
    "col.complaint_answered": ("Answered", "答复时间"),
    "col.complaint_answer": ("Answer", "答复内容"),
    "col.complaint_opinion_due": ("Opinion due", "处理意见时限"),
    "col.complaint_resolved": ("Opinion given", "处理意见时间"),
    "col.complaint_cause": ("Cause", "原因分析"),
    "col.complaint_action": ("Action", "处理措施"),
    "col.complaint_prevention": ("Prevention", "预防措施"),
    "col.complaint_closed": ("Closed", "结案时间"),
    "col.complaint_confirmation": ("Confirmation", "客户确认"),
    "col.complaint_steps": ("Next steps", "可执行"),
    "section.complaint": ("Complaint", "投诉"),
    "section.today_complaints": (
        "Complaints overdue, serious or major",
        "超时及严重、重大投诉",
    ),
    # -- values ------------------------------------------------------------------------------------
    "complaint_status.open": ("open", "待答复"),
    "complaint_status.answered": ("answered", "已答复"),
    "complaint_status.resolved": ("opinion given", "已出处理意见"),
    "complaint_status.closed": ("closed", "已结案"),
    "complaint_grade.general": ("general", "一般"),
    "complaint_grade.serious": ("serious", "严重"),
    "complaint_grade.major": ("major", "重大"),
    "complaint_about.quality": ("product quality", "产品质量"),
    "complaint_about.attitude": ("service attitude", "服务态度"),
    "complaint_about.timeliness": ("timeliness", "服务及时性"),
    "complaint_about.charges": ("charges", "收费"),
    "complaint_about.other": ("other", "其他"),
    "complaint_recurrence.device": ("same customer and device", "同一客户同一设备"),
    "complaint_recurrence.about": ("same customer and subject", "同一客户同类问题"),
    "complaint_recurrence.cause": ("same cause", "原因相同"),
    "complaint_step.respond": ("respond", "答复"),
    "complaint_step.resolve": ("resolve", "出具处理意见"),
    "complaint_step.close": ("close", "结案"),
    "complaint_step.reopen": ("reopen", "重新打开"),
    "action.complaint_respond": ("answered", "答复"),
    "action.complaint_resolve": ("handling opinion", "处理意见"),
    "action.complaint_close": ("closed", "结案"),
    "action.complaint_reopen": ("reopened", "重新打开"),
    "action.complaint_recurrence": ("linked as a recurrence", "记为重复投诉"),
}
