"""Messages for customer commands."""

MESSAGES: dict[str, tuple[str, str]] = {
    "err.customer_not_found": (
        "error: no customer '{ref}' — check `shouhou customer list`",
        "错误：找不到客户 '{ref}' — 请查看 `shouhou customer list`",
    ),
    "err.customer_ambiguous": (
        "error: '{ref}' matches several customers ({candidates}) — give the id",
        "错误：'{ref}' 匹配到多个客户（{candidates}）— 请给出客户编号",
    ),
    "msg.customer_created": ("Created customer {id}: {name}", "已建立客户档案 {id}：{name}"),
    "msg.customer_updated": ("Updated customer {id}: {name}", "已更新客户档案 {id}：{name}"),
}
