"""Messages for device commands and warranty."""

MESSAGES: dict[str, tuple[str, str]] = {
    "err.contract_before_start": (
        "error: a service contract until {until} ends before the warranty starts ({start}, "
        "acceptance or purchase) — give a later --until, or correct the dates",
        "错误：维保合同截止 {until} 早于保修起始日（{start}，验收或购买日）— "
        "请给出更晚的截止日期，或更正日期",
    ),
    "err.device_not_found": (
        "error: no device '{ref}' — give a device id or serial number",
        "错误：找不到设备 '{ref}' — 请给出设备编号或出厂编号",
    ),
    "err.duplicate_serial": (
        "error: serial {serial} already exists — serial numbers are unique; "
        "see `shouhou device show {serial}`",
        "错误：出厂编号 {serial} 已存在 — 编号必须唯一；请查看 `shouhou device show {serial}`",
    ),
    "err.bad_component": (
        "error: component '{value}' is not NAME:MONTHS — e.g. motor:120",
        "错误：部件 '{value}' 格式应为 名称:月数 — 例如 电机:120",
    ),
    "err.duplicate_component": (
        "error: component names repeat ({value}) — give each once",
        "错误：部件名称重复（{value}）— 每个部件只能写一次",
    ),
    "msg.device_created": (
        "Registered device {id}: serial {serial}",
        "已登记设备 {id}：出厂编号 {serial}",
    ),
    "msg.contract_set": (
        "Service contract for {serial} runs until {date}",
        "设备 {serial} 的维保合同至 {date}",
    ),
    "warranty.component": ("{name} ({months} months)", "{name}（{months} 个月）"),
    "warranty.until": ("in warranty until {date}", "保修期至 {date}"),
    "warranty.expired_on": ("expired on {date}", "已于 {date} 过保"),
    "warranty.expired_contract": (
        "expired on {date}; under contract until {contract}",
        "已于 {date} 过保；维保合同至 {contract}",
    ),
    "warranty.void_text": ("void: serial number tampered", "保修失效：编号被涂改"),
    "warranty.unknown_text": (
        "unknown: no acceptance or purchase date",
        "未知：没有验收或购买日期",
    ),
}
