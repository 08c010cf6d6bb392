"""Messages and Chinese help of the callback rules 回访 (DOMAIN §3, issue 11): the ``callback.*``
settings, the callback a resolution or an acceptance creates, a callback's result."""

_CANNOT = "error: setting {key} cannot be '{value}' — "
_CANNOT_ZH = "错误：设置项 {key} 不能为 '{value}' — "

MESSAGES: dict[str, tuple[str, str]] = {
    # -- config set callback.* -------------------------------------------------------------------
    "err.setting_delay": (
        _CANNOT + "use a time in clock hours or days such as 2h, 3h, 7d or 10d (m, h, d; not "
        "working days), or 0 to turn this callback rule off",
        _CANNOT_ZH + "请用按自然时间计的时长，如 2h、3h、7d、10d（m、h、d；不能用工作日 wd），"
        "或填 0 关闭此回访规则",
    ),
    "err.setting_per_year": (
        _CANNOT + "use how many times a year, a whole number from {low} to {high} "
        "(0 turns these callbacks off)",
        _CANNOT_ZH + "请填每年次数，{low} 至 {high} 之间的整数（0 表示不做此类回访）",
    ),
    # -- callbacks created -----------------------------------------------------------------------
    "msg.callback_due": (
        "Callback {number} due by {due} ({origin:@visit_origin})",
        "已生成待安排回访 {number}，应于 {due} 前完成（{origin:@visit_origin}）",
    ),
    "action.callback_rules": ("callback rules that also applied", "同时适用的回访规则"),
    "action.callback_result": ("callback result", "回访结果"),
    # -- a callback's result ---------------------------------------------------------------------
    "err.callback_problem_note": (
        "error: callback {number} found the problem back but does not say what was found — "
        "give --note TEXT",
        "错误：回访 {number} 发现问题复现，但未说明发现了什么 — 请提供 --note 内容",
    ),
}

HELP: dict[str, str] = {
    # ticket resolve
    (
        "Creates the callback DOMAIN §3 calls for: 2 h after phone advice, 3 h after an "
        "uncertain fix, within 7 days after a major repair (severity 1-2, or a bill above the "
        "approval threshold); the earliest one when several apply (settings callback.*)."
    ): (
        "同时按 DOMAIN §3 生成回访：电话指导后 2 小时、维修效果不确定时 3 小时、重大维修"
        "（严重程度 1-2 级，或费用超过审批限额）后 7 天内；多条适用时取最早的一条"
        "（设置项 callback.*）。"
    ),
    "The engineer is not sure the fix holds: a callback 3 h later (callback.uncertain_fix).": (
        "工程师不确定维修效果能否保持：3 小时后回访（callback.uncertain_fix）。"
    ),
    # device add / edit
    (
        "A device accepted within the last 10 days gets a callback (setting callback.new_device)."
    ): "验收不满 10 天的设备会生成一次回访（设置项 callback.new_device）。",
}
