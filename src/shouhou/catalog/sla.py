"""Messages for the SLA state stored on tickets: spare-unit prompts, lists by urgency."""

MESSAGES: dict[str, tuple[str, str]] = {
    # DOMAIN §2: a critical ticket not resolved within its 4 h prompts a spare unit 备用机.
    "sla.spare_unit.mark": ("LEND SPARE UNIT", "需借备用机"),
    "sla.col.spare_unit": ("Spare unit", "备用机"),
    "sla.spare_unit.line": (
        "due — critical and not resolved in time: `shouhou ticket loan {number} --unit SERIAL`",
        "应借出——重大故障未按时解决：`shouhou ticket loan {number} --unit 序列号`",
    ),
    "sla.spare_unit.warning": (
        "warning: {number} is critical and not resolved in time — lend a spare unit: "
        "`shouhou ticket loan {number} --unit SERIAL`",
        "警告：{number} 为重大故障且未按时解决——请借出备用机："
        "`shouhou ticket loan {number} --unit 序列号`",
    ),
    "sla.more_rows": (
        "note: the first {shown} rows are shown and {more} more match — add --limit N or --all",
        "提示：仅显示前 {shown} 行，还有 {more} 行匹配——加 --limit N 或 --all 查看",
    ),
}
