"""Messages of parts issued to tickets, their approval and old-part returns (``part issue``,
``part restock``, ``part cores``, ``part core-returned``, ``ticket charge --part``; DOMAIN §4,
issue 12 items 3 and 6)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- issuing to tickets ------------------------------------------------------------------
    "err.issue_whole_quantity": (
        "error: {quantity} {unit} of {number} is not a whole number — stock is counted in whole "
        "units: give a whole quantity (e.g. {number}:2)",
        "错误：{number} 的数量 {quantity} {unit} 不是整数 — 库存按整数计，请给出整数数量"
        "（如 {number}:2）",
    ),
    "err.issue_approval_missing": (
        "error: issuing {quantity} {unit} of {number} to ticket {ticket} needs an approver "
        "(value {value}, {why}) — add --approved-by NAME: a supervisor, manager or general "
        "manager who has no hand in the job",
        "错误：向工单 {ticket} 领用 {number} {quantity} {unit} 需要审批人（金额 {value}，{why:zh}）"
        "— 请加 --approved-by 姓名：主管、经理或总经理，且未参与该工单",
    ),
    "err.issue_approver_unknown": (
        "error: {name} is not a user and cannot approve parts for ticket {ticket} — name a "
        "user with the role supervisor or above (`shouhou user list`)",
        "错误：{name} 不是用户，不能审批工单 {ticket} 的领用 — 请指定角色为主管及以上的用户"
        "（`shouhou user list`）",
    ),
    "err.issue_approver_role": (
        "error: {name} ({role:@role}) cannot approve parts for ticket {ticket} — it needs a "
        "supervisor, manager or general manager (`shouhou user list`)",
        "错误：{name}（{role:@role}）不能审批工单 {ticket} 的领用 — 须由主管、经理或总经理审批"
        "（`shouhou user list`）",
    ),
    "err.issue_self_approval": (
        "error: {name} is issuing the parts for ticket {ticket} and cannot approve them too "
        "— another person approves (--approved-by NAME)",
        "错误：{name} 是工单 {ticket} 的领用人，不能自己审批 — 请由他人审批（--approved-by 姓名）",
    ),
    "err.issue_approver_on_job": (
        "error: {name} worked on ticket {ticket} ({did:@hand}) and cannot approve its parts "
        "— name someone who had no hand in the job (--approved-by NAME)",
        "错误：{name} 参与了工单 {ticket}（{did:@hand}），不能审批其领用 — "
        "请指定未参与该工单的人（--approved-by 姓名）",
    ),
    "err.restock_more_than_billed": (
        "error: ticket {ticket} has {billed} {unit} of {number} on its bill, {wanted} cannot "
        "go back — return at most {billed} (`shouhou ticket show {ticket}`)",
        "错误：工单 {ticket} 的费用中只有 {number} {billed} {unit}，不能退回 {wanted} — "
        "最多退回 {billed}（`shouhou ticket show {ticket}`）",
    ),
    "msg.issue_issued": (
        "Issued {quantity} {unit} of {number} to {ticket}; {left} left in stock",
        "已向工单 {ticket} 发出 {number} {quantity} {unit}，库存余 {left}",
    ),
    "msg.issue_returned": (
        "Returned {quantity} {unit} of {number} from {ticket} to stock; {left} in stock",
        "工单 {ticket} 退回 {number} {quantity} {unit} 入库，库存 {left}",
    ),
    "msg.issue_approved": (
        "  approved by {name}",
        "  审批人：{name}",
    ),
    "warn.core_owed": (
        "note: the old {number} ({quantity} {unit}) must go back to the factory — "
        "`shouhou part core-returned {number} --ticket {ticket}` when it is sent",
        "提示：换下的旧 {number}（{quantity} {unit}）须返还厂家 — 寄回后执行 "
        "`shouhou part core-returned {number} --ticket {ticket}`",
    ),
    "warn.core_cancelled": (
        "note: {quantity} {unit} of old {number} no longer owed back (the part came back unused)",
        "提示：{number} 旧件 {quantity} {unit} 无需返还（配件未使用已退库）",
    ),
    "action.ticket_parts": ("parts held (issued/returned)", "领用配件（领用/退库）"),
    # -- old parts 旧件 ----------------------------------------------------------------------
    "err.core_not_found": (
        "error: no old-part return #{ref} — see `shouhou part cores --pending`",
        "错误：没有旧件返还记录 #{ref} — 请查看 `shouhou part cores --pending`",
    ),
    "err.core_already_returned": (
        "error: old-part return #{id} ({number}, ticket {ticket}) was already marked returned "
        "by {by} — nothing to do (`shouhou part cores --ticket {ticket}`)",
        "错误：旧件返还记录 #{id}（{number}，工单 {ticket}）已由 {by} 登记返还 — 无需重复登记"
        "（`shouhou part cores --ticket {ticket}`）",
    ),
    "err.core_quantity": (
        "error: {value} cannot be marked returned on #{id}: {pending} {unit} pending — give "
        "--quantity from 1 to {pending}",
        "错误：记录 #{id} 不能登记返还 {value}：待返还 {pending} {unit} — --quantity 请给出 "
        "1 到 {pending}",
    ),
    "err.core_none_pending": (
        "error: ticket {ticket} owes no old {number} — see `shouhou part cores --pending`",
        "错误：工单 {ticket} 没有待返还的旧 {number} — 请查看 `shouhou part cores --pending`",
    ),
    "err.core_note_long": (
        "error: the note is too long — keep it within {limit} characters",
        "错误：备注过长 — 请控制在 {limit} 个字符以内",
    ),
    "err.core_ref": (
        "error: {ref} is not an old-part return id — give the id from `shouhou part cores`, "
        "or PART_NUMBER --ticket ID",
        "错误：{ref} 不是旧件返还记录编号 — 请给出 `shouhou part cores` 中的编号，"
        "或 配件编号 --ticket 工单号",
    ),
    "err.core_quantity_with_ticket": (
        "error: --quantity goes with one return's id, not with --ticket — take the id from "
        "`shouhou part cores --ticket {ticket}`",
        "错误：--quantity 须配合单条返还记录编号使用，不能与 --ticket 同用 — 编号见 "
        "`shouhou part cores --ticket {ticket}`",
    ),
    "msg.core_returned": (
        "Old {number} ({quantity} {unit}) of ticket {ticket} returned to the factory (#{ids})",
        "工单 {ticket} 的旧 {number}（{quantity} {unit}）已返还厂家（#{ids}）",
    ),
    "msg.cores_none": ("No old parts owed back.", "没有待返还的旧件。"),
    "action.core_returned": ("old part returned", "旧件返还"),
    "section.old_parts": ("Old parts owed back", "旧件返还"),
    "col.old_parts": ("Old parts", "旧件"),
    "core.not_returned": ("old part not returned: {parts}", "旧件未返还：{parts}"),
    "core.claim_blocked": (
        "warranty claim blocked: old part {parts} not returned",
        "保修索赔受阻：旧件 {parts} 未返还",
    ),
    "col.core_id": ("ID", "编号"),
    "col.core_part": ("Part", "配件编号"),
    "col.core_name": ("Name", "名称"),
    "col.core_unit": ("Unit", "单位"),
    "col.core_issued_at": ("Issued", "领用时间"),
    "col.core_age": ("Days", "天数"),
    "col.core_pending": ("Pending", "待返还"),
    "col.core_returned_at": ("Returned", "返还时间"),
    "col.core_returned_by": ("By", "经办人"),
    "col.core_note": ("Note", "备注"),
}
