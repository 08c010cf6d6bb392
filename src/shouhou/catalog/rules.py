"""Messages for ticket rules: per-component warranty, repeats and three strikes, on-site and
depot deadlines, tampered serials."""

MESSAGES: dict[str, tuple[str, str]] = {
    # errors
    "err.fault_after_intake": (
        "error: {field} {value} is after the request came in ({received}) — give the day the "
        "fault occurred, at the latest the intake day",
        "错误：{field} {value} 晚于受理日期（{received}）— 请填故障发生日期，最晚为受理当天",
    ),
    "err.component_needs_device": (
        "error: {field} '{value}' needs a device — give --device SERIAL too",
        "错误：{field} '{value}' 需要指定设备 — 请同时提供 --device 出厂编号",
    ),
    # the verdict of one fault: its component's term at its fault date (DOMAIN §1)
    "verdict.line": (
        "Warranty verdict — {component} ({months} months), fault date {on}: {reason}",
        "保修判定 — {component}（{months} 个月），故障日期 {on}：{reason}",
    ),
    "verdict.in_warranty": (
        "in warranty until {until} — free for a manufacturing fault",
        "保修期至 {until} — 制造质量故障免费维修",
    ),
    "verdict.under_contract": (
        "warranty ended {until}; service contract until {contract} — covered",
        "已于 {until} 过保；维保合同至 {contract} — 合同内服务",
    ),
    "verdict.expired": (
        "warranty ended {until} — chargeable",
        "已于 {until} 过保 — 收费维修",
    ),
    "verdict.void": (
        "warranty void — the serial number was tampered with or removed; chargeable",
        "保修失效 — 出厂编号被涂改或去除；收费维修",
    ),
    "verdict.not_started": (
        "before the warranty starts ({start}, acceptance or purchase) — not covered yet; "
        "chargeable unless waived",
        "早于保修起始日（{start}，验收或购买日）— 尚未进入保修；除非减免，按收费处理",
    ),
    "verdict.unknown": (
        "no acceptance or purchase date — warranty unknown, chargeable until a date is recorded",
        "没有验收或购买日期 — 保修状态未知，登记日期前按收费处理",
    ),
    "verdict.diagnosis": ("  Warranty ({component}): {text}", "  保修（{component}）：{text}"),
    "verdict.cause_excluded": (
        "; cause {cause} is excluded from free repair",
        "；故障原因为{cause}，不在免费保修范围",
    ),
    # three strikes 三包 (DOMAIN §1)
    "warn.next_failure_replacement": (
        "warning: {nth} repair of this fault on this device — next failure: replacement (三包)",
        "警告：本设备同一故障{nth}维修 — 再次故障即予更换（三包）",
    ),
    "warn.replacement_due": (
        "warning: {nth} report of this fault after 3 repairs — replacement due with the same "
        "brand/model (三包)",
        "警告：同一故障修理 3 次后{nth}报修 — 应予更换同品牌同型号产品（三包）",
    ),
    "warn.repeat_days": (
        "warning: repeat repair — same fault as {previous}, resolved {resolved} "
        "(day {days} of the {window}-day window)",
        "警告：重复维修 — 与 {previous} 故障相同，该单于 {resolved} 解决"
        "（相隔 {days} 天，期限 {window} 天）",
    ),
    # deadlines
    "msg.depot_due": (
        "Return to factory: repair due {due} ({budget} from intake)",
        "返厂维修：须于 {due} 前修复（自受理起 {budget}）",
    ),
    "budget.working_days": ("{n} working days", "{n} 个工作日"),
    # device edit
    "msg.device_updated": ("Device {serial} updated", "设备 {serial} 已更新"),
    "msg.serial_tampered": (
        "Device {serial}: serial number recorded as tampered/removed — warranty void",
        "设备 {serial}：已登记编号被涂改/去除 — 保修失效",
    ),
    # ticket show
    "col.component": ("Faulty component", "故障部件"),
    "col.fault_date": ("Fault date", "故障日期"),
}
