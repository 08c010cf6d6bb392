"""Messages for customer commands."""

MESSAGES: dict[str, tuple[str, str]] = {
    "err.customer_not_found": (
        "error: no customer '{ref}' — check `shouhou customer list`",
        "错误：找不到客户 '{ref}' — 请查看 `shouhou customer list`",
    ),
    "err.customer_ambiguous": (
        "error: '{ref}' matches several customers ({candidates}) — give the id or the phone",
        "错误：'{ref}' 匹配到多个客户（{candidates}）— 请给出客户编号或电话",
    ),
    "err.customer_duplicate": (
        "error: customer {existing} already exists — see `shouhou customer show {id}`, "
        "or add --force to open a second file",
        "错误：客户 {existing} 已存在 — 请查看 `shouhou customer show {id}`，"
        "确需再建一份档案请加 --force",
    ),
    "warn.customer_same_name": (
        "warning: a customer with this name already exists: {existing}",
        "提示：已有同名客户：{existing}",
    ),
    "warn.customer_same_phone": (
        "warning: a customer with this phone already exists: {existing}",
        "提示：已有相同电话的客户：{existing}",
    ),
    "prompt.customer_add_anyway": (
        "Open another customer file for {name}?",
        "仍要为 {name} 新建一份客户档案吗？",
    ),
    "err.export_no_customer": (
        "error: table {table} has no customer column — --customer works with: {accepted}",
        "错误：表 {table} 没有客户字段 — --customer 只能用于：{accepted}",
    ),
    "msg.customer_created": ("Created customer {id}: {name}", "已建立客户档案 {id}：{name}"),
    "msg.customer_updated": ("Updated customer {id}: {name}", "已更新客户档案 {id}：{name}"),
}
