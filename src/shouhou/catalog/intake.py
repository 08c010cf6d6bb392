"""Messages for the clerk's phone call (``ticket new`` on a terminal) and ``ticket edit``."""

MESSAGES: dict[str, tuple[str, str]] = {
    # asking on a terminal (cli/prompts.py)
    "prompt.yes_no.yes": ("[Y/n]", "[是/否，回车=是]"),
    "prompt.yes_no.no": ("[y/N]", "[是/否，回车=否]"),
    "prompt.yes_no.words": ("y or n (是 or 否)", "是 或 否（y 或 n）"),
    "prompt.not_accepted": (
        "'{value}' is not accepted — answer {accepted}",
        "“{value}”无效 — 请回答 {accepted}",
    ),
    # the call (cli/ticket/call.py)
    "prompt.customer_found": ("Customer: {name} ({detail})", "客户：{name} ({detail})"),
    "prompt.devices_of": ("Devices of {name}:", "{name} 的设备："),
    "prompt.more_devices": (
        "  … {count} more — type the serial",
        "  …… 另有 {count} 台 — 请输入出厂编号",
    ),
    "prompt.pick_device": (
        "Device (number or serial, Enter to skip)",
        "设备（序号或出厂编号，回车跳过）",
    ),
    "prompt.register_device": (
        "No device '{serial}'. Register it under the caller's customer?",
        "没有设备“{serial}”。是否登记到来电客户名下？",
    ),
    "prompt.customer_for_device": (
        "Customer of device {serial} (id, name or phone)",
        "设备 {serial} 所属客户（编号、名称或电话）",
    ),
    "prompt.model": ("Model", "型号"),
    "prompt.accepted": (
        "Acceptance date (YYYY-MM-DD, Enter if unknown)",
        "验收日期（YYYY-MM-DD，不知道请回车）",
    ),
    "prompt.purchase": (
        "Purchase date (YYYY-MM-DD, Enter if unknown)",
        "购买日期（YYYY-MM-DD，不知道请回车）",
    ),
    "prompt.components": (
        "Components with their own term, NAME:MONTHS, comma-separated (Enter for none)",
        "单独保修的部件，名称:月数，多个用逗号分隔（没有请回车）",
    ),
    "prompt.contact": ("Contact person (Enter to skip)", "联系人（回车跳过）"),
    "prompt.zone": ("Zone {choices}", "区域 {choices}"),
    # ticket edit
    "err.edit_nothing": (
        "error: nothing to change — give at least one of {accepted}",
        "错误：没有要修改的内容 — 请至少提供 {accepted} 之一",
    ),
    "err.edit_finished": (
        "error: ticket {number} is {status:@status} — a closed or cancelled ticket is not "
        "edited (reopen a closed one first)",
        "错误：工单 {number} 已是{status:@status}状态 — 已关闭或已取消的工单不能修改"
        "（已关闭的请先重新打开）",
    ),
    "msg.ticket_edited": ("{number}: changed — {changes}", "{number}：已修改 — {changes}"),
    "msg.ticket_unchanged": ("{number}: nothing changed", "{number}：没有变化"),
    "action.edit": ("edited", "修改"),
}
