"""Messages for users and roles (shouhou user …) and approvals."""

MESSAGES: dict[str, tuple[str, str]] = {
    # users
    "err.user_not_found": (
        "error: no user '{name}' — see `shouhou user list`, or add it: "
        "shouhou user add {name} --role ROLE",
        "错误：没有用户“{name}” — 请查看 `shouhou user list`，或添加："
        "shouhou user add {name} --role 角色",
    ),
    "err.user_exists": (
        "error: '{name}' is already the user {existing} ({role:@role}) — change the role with "
        "`shouhou user role {existing} ROLE`",
        "错误：“{name}”已是用户 {existing}（{role:@role}）— 修改角色请用 "
        "`shouhou user role {existing} 角色`",
    ),
    "err.user_name_long": (
        "error: name '{value}' is too long — at most {limit} characters",
        "错误：姓名“{value}”过长 — 最多 {limit} 个字符",
    ),
    "err.unknown_actor": (
        "error: '{name}' ({source:@source}) is not a user of this database — act as one from "
        "`shouhou user list` (--as NAME), or have one of them add you: "
        "shouhou --as NAME user add {name} --role ROLE",
        "错误：“{name}”（{source:@source}）不是本数据库的用户 — "
        "请以 `shouhou user list` 中的用户操作（--as 姓名），"
        "或请其中一位添加你：shouhou --as 姓名 user add {name} --role 角色",
    ),
    "err.user_inactive": (
        "error: {name} is deactivated — reactivate with `shouhou user activate {name}`",
        "错误：{name} 已停用 — 如需恢复请执行 `shouhou user activate {name}`",
    ),
    "msg.user_added": ("User {name} added — {role:@role}", "已添加用户 {name} — {role:@role}"),
    "warn.not_a_user_yet": (
        "note: now that there are users, every change is made as one of them — you "
        "({actor}) are not: add yourself, or use --as NAME",
        "提示：已有用户后，每项更改都须以用户身份进行 — 你（{actor}）还不是用户："
        "请添加自己，或使用 --as 姓名",
    ),
    "msg.user_role": (
        "{name}: {before:@role} → {role:@role}",
        "{name}：{before:@role} → {role:@role}",
    ),
    "msg.user_role_same": ("{name} is already {role:@role}", "{name} 已是{role:@role}"),
    "msg.user_deactivated": (
        "{name} deactivated — kept in the trail, can no longer act or approve",
        "{name} 已停用 — 记录保留，不能再操作或审批",
    ),
    "msg.user_activated": ("{name} active again", "{name} 已恢复启用"),
    "role.clerk": ("clerk", "客服专员"),
    "role.engineer": ("engineer", "售后工程师"),
    "role.supervisor": ("supervisor", "主管"),
    "role.manager": ("manager", "经理"),
    "role.general-manager": ("general manager", "总经理"),
    "source.--as": ("--as", "--as"),
    "source.SHOUHOU_USER": ("SHOUHOU_USER", "SHOUHOU_USER"),
    "source.login": ("the login name", "登录名"),
    "col.user": ("User", "用户"),
    "col.role": ("Role", "角色"),
    "col.active": ("Active", "启用"),
    "col.user_since": ("Added", "添加时间"),
    "table.app_user": ("users", "用户"),
    # approvals
    "err.approval_missing_gm": (
        "error: ticket {number} needs approval first ({reason}) — the general manager "
        "runs `shouhou --as NAME ticket approve {number}`",
        "错误：工单 {number} 需先审批（{reason:zh}）— 请总经理执行 "
        "`shouhou --as 姓名 ticket approve {number}`",
    ),
    "err.approval_stale": (
        "error: ticket {number} needs a new approval ({reason}) — the approval by {approver} "
        "no longer holds (the bill changed, or the approver has since worked on the job); "
        "run `shouhou --as NAME ticket approve {number}`",
        "错误：工单 {number} 需重新审批（{reason:zh}）— {approver} 的审批已失效（费用有变，"
        "或审批人后来参与了该工单）；请执行 `shouhou --as 姓名 ticket approve {number}`",
    ),
    "err.hand_in_job": (
        "error: {actor} worked on ticket {number} ({did:@hand}) and cannot approve it "
        "— someone who had no hand in the job must approve (--as NAME)",
        "错误：{actor} 参与了工单 {number}（{did:@hand}），不能审批 — "
        "请由未参与该工单的人审批（--as 姓名）",
    ),
    "err.approver_no_users": (
        "error: {actor} cannot approve ticket {number} ({reason}) — approvals need a user with "
        "the role {needed:@role}: shouhou user add NAME --role {needed}",
        "错误：{actor} 不能审批工单 {number}（{reason:zh}）— 审批须由角色为{needed:@role}的"
        "用户进行：shouhou user add 姓名 --role {needed}",
    ),
    "err.approver_not_user": (
        "error: {actor} is not a user and cannot approve ticket {number} ({reason}) — it needs "
        "a user with the role {needed:@role} (`shouhou user list`)",
        "错误：{actor} 不是用户，不能审批工单 {number}（{reason:zh}）— 须由角色为{needed:@role}的"
        "用户审批（`shouhou user list`）",
    ),
    "err.approver_role": (
        "error: {actor} ({role:@role}) cannot approve ticket {number} ({reason}) — it "
        "needs {needed:@approver} (`shouhou user list`)",
        "错误：{actor}（{role:@role}）不能审批工单 {number}（{reason:zh}）— 须由{needed:@approver}"
        "审批（`shouhou user list`）",
    ),
    "approver.manager": ("a manager or the general manager", "经理或总经理"),
    "approver.general-manager": ("the general manager", "总经理"),
    "hand.assigned": ("assigned to it", "被指派"),
    "hand.arrived": ("went on site", "上门"),
    "hand.diagnosed": ("diagnosed it", "诊断"),
    "hand.charged": ("entered its charges", "录入费用"),
    "hand.resolved": ("resolved it", "办结"),
}
