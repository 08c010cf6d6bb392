"""Messages of inspection plans and checklists (shouhou visit plan …, visit checklist …;
DOMAIN §3, issue 11)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- plans ------------------------------------------------------------------------------------
    "err.plan_not_found": (
        "error: no inspection plan '{ref}' — see `shouhou visit plan list --all`",
        "错误：没有巡检计划“{ref}” — 请查看 `shouhou visit plan list --all`",
    ),
    "err.plan_target": (
        "error: a plan is for a customer or a device — give --customer REF or --device SERIAL",
        "错误：计划须针对客户或设备 — 请提供 --customer 客户 或 --device 出厂编号",
    ),
    "err.plan_every": (
        "error: every {value} is not a plan period — give one of {accepted} (calendar months)",
        "错误：周期 {value} 无效 — 请从 {accepted} 中选择（按自然月计）",
    ),
    "err.plan_until": (
        "error: the plan cannot end ({until}) before it starts ({start}) — give a later --until "
        "or an earlier --from",
        "错误：计划结束日期（{until}）不能早于开始日期（{start}）— 请给出更晚的 --until "
        "或更早的 --from",
    ),
    "err.plan_start_past": (
        "error: --from {start} is more than a year ago — start the plan on {earliest} or later "
        "(its past inspections show as overdue; older ones are history, not work)",
        "错误：--from {start} 早于一年前 — 请从 {earliest} 或之后开始"
        "（过去的巡检会显示为逾期；更早的属于历史记录，不再是待办工作）",
    ),
    "err.plan_after_contract": (
        "error: the service contract of device {serial} ended on {contract}, before the plan "
        "starts ({start}) — give --until DATE, or extend the contract with `shouhou device "
        "contract {serial} --until DATE`",
        "错误：设备 {serial} 的维保合同已于 {contract} 到期，早于计划开始日期（{start}）— "
        "请提供 --until 日期，或用 `shouhou device contract {serial} --until 日期` 续签合同",
    ),
    "err.plan_exists": (
        "error: plan #{id} already brings {kind:@visit_kind} visits here — see `shouhou visit "
        "plan show {id}`; end it first with `shouhou visit plan end {id} --reason TEXT`",
        "错误：计划 #{id} 已在安排此处的{kind:@visit_kind} — 请查看 `shouhou visit plan show "
        "{id}`；如需替换，请先用 `shouhou visit plan end {id} --reason 原因` 终止",
    ),
    "err.plan_ended": (
        "error: plan #{id} has already ended — see `shouhou visit plan show {id}`",
        "错误：计划 #{id} 已终止 — 请查看 `shouhou visit plan show {id}`",
    ),
    "msg.plan_added": (
        "Plan #{id} added: {kind}, {every} from {start}; {created} due visit(s) created",
        "已新建计划 #{id}：{kind}，{every}，自 {start} 起；已生成 {created} 个待安排上门",
    ),
    "msg.plan_ended": (
        "Plan #{id} ended; {cancelled} due visit(s) not yet booked were cancelled",
        "计划 #{id} 已终止；{cancelled} 个尚未预约的待安排上门已取消",
    ),
    "section.plan": ("Inspection plan", "巡检计划"),
    "section.plan_occurrences": ("Dates", "计划日程"),
    "col.plan_id": ("Plan", "计划编号"),
    "col.plan_every": ("Every", "周期"),
    "col.plan_from": ("From", "开始日期"),
    "col.plan_until": ("Until", "截止日期"),
    "col.plan_next": ("Next due", "下次到期"),
    "col.plan_active": ("Active", "有效"),
    "col.plan_note": ("Note", "备注"),
    "col.plan_on": ("Date", "日期"),
    "col.plan_contract_end": ("Contract's last month", "合同末月"),
    "col.plan_state": ("State", "状态"),
    "plan_every.1m": ("monthly", "每月"),
    "plan_every.3m": ("every 3 months", "每季度"),
    "plan_every.6m": ("every 6 months", "每半年"),
    "plan_every.12m": ("yearly", "每年"),
    "plan_state.due": ("due", "待安排"),
    "plan_state.scheduled": ("scheduled", "已预约"),
    "plan_state.in_progress": ("in progress", "进行中"),
    "plan_state.done": ("done", "已完成"),
    "plan_state.missed": ("missed", "未成行"),
    "plan_state.cancelled": ("cancelled", "已取消"),
    "plan_state.upcoming": ("not yet due", "尚未到期"),
    "plan.overdue": ("overdue", "已逾期"),
    "action.plan_add": ("plan added", "新建计划"),
    "action.plan_end": ("plan ended", "终止计划"),
    # -- checklists -------------------------------------------------------------------------------
    "err.check_label": (
        "error: checklist item '{label}' cannot be used — give a text of at most {high} "
        "characters, not a bare number and without '='",
        "错误：检查项目“{label}”不可用 — 请填写不超过 {high} 个字符的文字，不能只是数字，"
        "也不能含“=”",
    ),
    "err.check_unit": (
        "error: unit '{unit}' cannot be used — give a unit of 1 to {high} characters, e.g. MPa",
        "错误：单位“{unit}”不可用 — 请填写 1 到 {high} 个字符的单位，如 MPa",
    ),
    "err.check_item_exists": (
        "error: the checklist of {model} already has '{label}' — see `shouhou visit checklist "
        "list --model {model}`",
        "错误：型号 {model} 的检查表已有“{label}” — 请查看 `shouhou visit checklist list "
        "--model {model}`",
    ),
    "err.checklist_none": (
        "error: model {model} has no checklist — add items with `shouhou visit checklist add "
        "--model {model} --item TEXT`",
        "错误：型号 {model} 没有检查表 — 请用 `shouhou visit checklist add --model {model} "
        "--item 项目` 添加",
    ),
    "err.check_unknown": (
        "error: no checklist item {names} — the items are: {items} (by name or number)",
        "错误：没有检查项目 {names} — 检查项目为：{items}（可用名称或序号）",
    ),
    "err.check_form": (
        "error: check '{entry}' is not ITEM=RESULT — give e.g. 1=ok, 2=not-ok:note or 3=12.5; "
        "the items are: {items}",
        "错误：检查“{entry}”格式不对，应为 项目=结果 — 例如 1=正常、2=异常:说明 或 3=12.5；"
        "检查项目为：{items}",
    ),
    "err.check_duplicate": (
        "error: checklist item '{label}' is given twice — give each item once",
        "错误：检查项目“{label}”填写了两次 — 每个项目只填一次",
    ),
    "err.check_value": (
        "error: '{value}' is not a result for '{label}' — give {accepted}",
        "错误：“{value}”不是“{label}”的有效结果 — 请填写 {accepted:zh}",
    ),
    "err.check_number": (
        "error: '{label}' is measured — give a number in {unit} (e.g. {label}=12.5), not '{value}'",
        "错误：“{label}”是测量项目 — 请填写以 {unit} 计的数值（例如 {label}=12.5），"
        "而不是“{value}”",
    ),
    "err.check_missing": (
        "error: visit {number} leaves checklist items of {model} unfilled: {items} — give "
        "--check ITEM=RESULT for each (ok|not-ok, a number for a measured item)",
        "错误：上门 {number} 未填写型号 {model} 的检查项目：{items} — 请为每项提供 --check "
        "项目=结果（正常|异常，测量项目填数值）",
    ),
    "err.check_no_device": (
        "error: visit {number} has no device, so no checklist — drop --check",
        "错误：上门 {number} 未关联设备，没有检查表 — 请去掉 --check",
    ),
    "err.check_no_checklist": (
        "error: model {model} of visit {number} has no checklist — drop --check, or add items "
        "with `shouhou visit checklist add --model {model} --item TEXT`",
        "错误：上门 {number} 的设备型号 {model} 没有检查表 — 请去掉 --check，或用 `shouhou "
        "visit checklist add --model {model} --item 项目` 添加",
    ),
    "err.check_recorded": (
        "error: the checklist of visit {number} is already filled — see `shouhou visit show "
        "{number}`",
        "错误：上门 {number} 的检查表已填写 — 请查看 `shouhou visit show {number}`",
    ),
    "err.check_other_visit": (
        "error: checklist item '{label}' was not filled on visit {number} — open the ticket "
        "from the visit that found it",
        "错误：检查项目“{label}”不是在上门 {number} 中填写的 — 请从发现问题的那次上门开单",
    ),
    "err.check_not_failed": (
        "error: checklist item '{label}' is not 'not ok' — a ticket is opened for a fault found",
        "错误：检查项目“{label}”并非异常 — 只有发现异常才开工单",
    ),
    "err.check_has_ticket": (
        "error: a ticket (#{ticket}) is already open for checklist item '{label}' — see "
        "`shouhou ticket show {ticket}`",
        "错误：检查项目“{label}”已开工单（#{ticket}）— 请查看 `shouhou ticket show {ticket}`",
    ),
    "msg.checklist_added": (
        "Checklist of {model}: item {position} '{label}' added",
        "型号 {model} 检查表：已添加第 {position} 项“{label}”",
    ),
    "msg.checklist_removed": (
        "Checklist of {model}: '{label}' removed",
        "型号 {model} 检查表：已删除“{label}”",
    ),
    "section.checklist": ("Checklist", "巡检项目"),
    "col.check_position": ("No.", "序号"),
    "col.check_item": ("Item", "检查项目"),
    "col.check_unit": ("Unit", "单位"),
    "col.check_result": ("Result", "检查结果"),
    "col.check_note": ("Note", "说明"),
    "check_result.ok": ("ok", "正常"),
    "check_result.not_ok": ("not ok", "异常"),
    "check_result.value": ("measured", "实测"),
    "action.checklist_add": ("checklist item added", "添加检查项目"),
    "action.checklist_remove": ("checklist item removed", "删除检查项目"),
    "action.visit_checks": ("checklist filled", "填写巡检项目"),
    "action.visit_check_ticket": ("ticket opened for a check", "巡检异常转工单"),
}
