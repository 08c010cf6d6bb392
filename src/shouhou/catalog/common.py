"""Messages shared by every command: errors, headers, enum values."""

MESSAGES: dict[str, tuple[str, str]] = {
    # errors — "error: <what> — <how to fix>"
    "err.usage": (
        "error: {detail} — see `{command} --help`",
        "错误：{detail} — 请查看 `{command} --help`",
    ),
    "err.aborted": ("error: aborted — nothing was changed", "错误：已中止 — 未做任何更改"),
    "err.unexpected": (
        "error: unexpected {kind} — run with --debug for details",
        "错误：意外的 {kind} — 加 --debug 查看详情",
    ),
    "err.no_database": (
        "error: no database at {where} — run `shouhou init`",
        "错误：{where} 处没有数据库 — 请先运行 `shouhou init`",
    ),
    "err.required": (
        "error: {field} is required — give --{field}",
        "错误：缺少 {field} — 请提供 --{field}",
    ),
    "err.bad_choice": (
        "error: {field} '{value}' is not allowed — accepted: {accepted}",
        "错误：{field} 的值 '{value}' 无效 — 可选：{accepted}",
    ),
    "err.bad_time": (
        "error: {field} '{value}' is not a time — use e.g. 2026-11-23 14:30, now, "
        "+2h, tomorrow 9:00",
        "错误：{field} '{value}' 不是有效时间 — 例如 2026-11-23 14:30、now、+2h、tomorrow 9:00",
    ),
    "err.bad_date": (
        "error: {field} '{value}' is not a date — use YYYY-MM-DD",
        "错误：{field} '{value}' 不是有效日期 — 请用 YYYY-MM-DD",
    ),
    "err.bad_money": (
        "error: {field} '{value}' is not an amount — use a number with at most "
        "2 decimals, e.g. 120.50",
        "错误：{field} '{value}' 不是有效金额 — 请用最多两位小数的数字，如 120.50",
    ),
    "err.bad_number": (
        "error: {field} '{value}' is not a valid number — use a whole number ≥ 0",
        "错误：{field} '{value}' 不是有效数字 — 请用不小于 0 的整数",
    ),
    "err.config_key": (
        "error: unknown setting '{key}' — accepted: {accepted}",
        "错误：没有设置项 '{key}' — 可选：{accepted}",
    ),
    "err.config_value": (
        "error: setting {key} cannot be '{value}' — expected a {kind} value",
        "错误：设置项 {key} 不能为 '{value}' — 需要 {kind} 类型的值",
    ),
    "err.not_tty": (
        "error: {field} is required — give --{field} (no terminal to ask)",
        "错误：缺少 {field} — 请提供 --{field}（非交互终端无法询问）",
    ),
    "err.no_command": (
        "error: no such command '{name}' — did you mean '{suggestion}'?",
        "错误：没有命令 '{name}' — 是否要输入 '{suggestion}'？",
    ),
    # parser errors: the {detail} of err.usage. The English path prints click's own message;
    # these English texts say what the Chinese stands for.
    "usage.no_command": ("No such command '{name}'.", "没有命令 '{name}'"),
    "usage.missing_command": ("Missing command.", "缺少命令"),
    "usage.no_option": ("No such option: {option}", "没有选项 {option}"),
    "usage.possible_options": ("(Possible options: {options})", "（可能是：{options}）"),
    "usage.option_needs_value": (
        "Option '{option}' requires an argument.",
        "选项 {option} 后面需要一个值",
    ),
    "usage.option_needs_values": (
        "Option '{option}' requires {count} arguments.",
        "选项 {option} 后面需要 {count} 个值",
    ),
    "usage.option_takes_no_value": (
        "Option '{option}' does not take a value.",
        "选项 {option} 是开关，不带值",
    ),
    "usage.argument_values": (
        "Argument {name} takes {count} values.",
        "参数 {name} 需要 {count} 个值",
    ),
    "usage.missing_argument": ("Missing argument {name}.", "缺少参数 {name}"),
    "usage.missing_option": ("Missing option {name}.", "缺少选项 {name}"),
    "usage.choose_from": (" Choose from: {choices}", "（可选：{choices}）"),
    "usage.extra_arguments": (
        "Got unexpected extra argument(s) ({args})",
        "多余的参数：{args}",
    ),
    "usage.invalid_value": ("Invalid value for {name}: {reason}", "{name} 的值无效：{reason}"),
    "usage.not_integer": ("'{value}' is not a valid integer", "'{value}' 不是整数"),
    "usage.not_number": ("'{value}' is not a valid number", "'{value}' 不是数字"),
    "usage.not_bool": (
        "'{value}' is not a valid boolean",
        "'{value}' 不是有效的是/否值（可用 yes/no、true/false、1/0）",
    ),
    "usage.not_time": ("'{value}' is not a valid date or time", "'{value}' 不是有效的日期或时间"),
    "usage.too_small": (
        "'{value}' is less than the minimum {limit}",
        "'{value}' 小于最小值 {limit}",
    ),
    "usage.too_large": (
        "'{value}' is greater than the maximum {limit}",
        "'{value}' 大于最大值 {limit}",
    ),
    "usage.not_above": ("'{value}' must be greater than {limit}", "'{value}' 须大于 {limit}"),
    "usage.not_below": ("'{value}' must be less than {limit}", "'{value}' 须小于 {limit}"),
    "usage.not_choice": (
        "'{value}' is not one of {choices}",
        "'{value}' 不在可选值中（可选：{choices}）",
    ),
    "usage.bad_value": ("'{value}' is not accepted", "'{value}' 不是有效的值"),
    "usage.bad_value_plain": ("the value is not accepted", "值不符合要求"),
    "usage.file_error": ("Could not open file {name}: {reason}", "无法打开文件 {name}：{reason}"),
    # generic words
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "none": ("(none)", "（无）"),
    # column headers
    "col.id": ("ID", "编号"),
    "col.customer": ("Customer", "客户"),
    "col.customer_id": ("Customer", "客户编号"),
    "col.contact": ("Contact", "联系人"),
    "col.phone": ("Phone", "电话"),
    "col.address": ("Address", "地址"),
    "col.region": ("Region", "地区"),
    "col.zone": ("Zone", "区域"),
    "col.key": ("Key", "重点客户"),
    "col.notes": ("Notes", "备注"),
    "col.created": ("Created", "建档时间"),
    "col.serial": ("Serial", "出厂编号"),
    "col.brand": ("Brand", "品牌"),
    "col.model": ("Model", "型号"),
    "col.product_line": ("Product line", "产品线"),
    "col.configuration": ("Configuration", "配置"),
    "col.factory_date": ("Factory date", "出厂日期"),
    "col.purchase_date": ("Purchase date", "购买日期"),
    "col.accepted_on": ("Accepted", "验收日期"),
    "col.contract_until": ("Contract until", "维保合同至"),
    "col.warranty": ("Warranty", "保修"),
    "col.at": ("Time", "时间"),
    "col.actor": ("By", "操作人"),
    "col.action": ("Action", "操作"),
    "col.changes": ("Changes", "变更内容"),
    "col.number": ("Ticket", "工单号"),
    "col.received_at": ("Received", "受理时间"),
    "col.status": ("Status", "状态"),
    "col.symptom": ("Symptom", "故障现象"),
    "col.key_name": ("Setting", "设置项"),
    "col.value": ("Value", "值"),
    "col.default": ("Default", "默认值"),
    # sections
    "section.customer": ("Customer file", "客户档案"),
    "section.devices": ("Devices", "设备"),
    "section.device": ("Device", "设备档案"),
    "section.warranty": ("Warranty", "保修状态"),
    "section.tickets": ("Tickets", "工单记录"),
    "section.open_tickets": ("Open tickets", "未结工单"),
    "section.loans": ("Spare units out", "借出的备用机"),
    "section.timeline": ("Audit trail", "操作记录"),
    "section.info": ("shouhou", "售后系统信息"),
    # enum values
    "zone.local": ("local", "本地"),
    "zone.nearby": ("nearby", "周边"),
    "zone.remote": ("remote", "外省"),
    "warranty.in_warranty": ("in warranty", "保修期内"),
    "warranty.under_contract": ("under contract", "维保合同内"),
    "warranty.expired": ("expired", "已过保"),
    "warranty.void": ("void", "保修失效"),
    "warranty.unknown": ("unknown", "未知"),
    "warranty.not_started": ("not started", "未起保"),
    "component.unit": ("whole unit", "整机"),
    "action.create": ("created", "创建"),
    "action.update": ("updated", "修改"),
    "action.contract": ("contract", "维保合同"),
    "action.config": ("setting", "设置"),
    "table.customer": ("customers", "客户"),
    "table.device": ("devices", "设备"),
    "table.ticket": ("tickets", "工单"),
    "err.already_closed": (
        "error: ticket {number} is already closed — to work on it again: "
        "`shouhou ticket reopen {number} --reason TEXT`",
        "错误：工单 {number} 已经关闭 — 如需继续处理，请先重新打开："
        "`shouhou ticket reopen {number} --reason 原因`",
    ),
    # what a labour or travel line of a printed bill says beside its kind (issue 10.7)
    "charge.item.labor": ("repair labour", "维修工时"),
    "charge.item.travel": ("travel to site", "上门差旅"),
    # issue 10: values of closed sets typed in either language (``shouhou.vocabulary``)
    "err.bad_word": (
        "error: {field} '{value}' is not allowed — accepted: {accepted}",
        "错误：{field:zh} 的值 '{value}' 无效 — 可选：{accepted:zh}",
    ),
}
