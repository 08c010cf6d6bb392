"""Chinese help of ``visit plan`` and ``visit checklist``; the format is described in
``shouhou.catalog.help``."""

HELP: dict[str, str] = {
    "Inspection plans 巡检计划: periodic visits per customer or device.": (
        "巡检计划：按客户或设备定期安排上门。"
    ),
    "Checklists 巡检项目 per device model, filled when an inspection is done.": (
        "按设备型号设置的巡检项目，巡检完成时填写。"
    ),
    "Plan id (see visit plan list).": "计划编号（见 visit plan list）。",
    "Device model 型号, e.g. KS-200.": "设备型号，如 KS-200。",
    # visit plan add
    (
        "Add a plan: a visit every N calendar months from the start date (31 Jan monthly → "
        "28 Feb, 31 Mar); a device under contract also gets one in the contract's last month. "
        "The visits due up to the look-ahead (setting visit.plan_ahead) are created at once."
    ): (
        "新建计划：自开始日期起每 N 个自然月上门一次（1 月 31 日按月 → 2 月 28 日、3 月 31 日）；"
        "有维保合同的设备在合同最后一个月另安排一次巡检。提前期（设置项 visit.plan_ahead）内"
        "到期的上门立即生成。"
    ),
    "How often, in calendar months: 1m monthly, 3m quarterly, 6m, 12m yearly.": (
        "周期（按自然月）：1m 每月、3m 每季度、6m 每半年、12m 每年。"
    ),
    "For this customer: id, phone or a unique part of the name.": (
        "针对此客户：编号、电话或名称中唯一的一部分。"
    ),
    "For this device (serial or id) only.": "仅针对此设备（出厂编号或编号）。",
    "inspection 巡检 (default) or training 培训.": (
        "计划类型：inspection 巡检（默认）或 training 培训。"
    ),
    "First date of the plan (default today).": "计划的第一个日期（默认今天）。",
    "Last date (default: the device's contract end, else open-ended).": (
        "截止日期（默认：设备维保合同到期日，无合同则不限）。"
    ),
    "Engineer the visits are meant for.": "负责这些上门的工程师。",
    "What the visits are for.": "上门内容说明。",
    # visit plan list
    "List plans with their next due date.": "列出计划及其下次到期日期。",
    "Include plans that have ended.": "包括已终止的计划。",
    # visit plan show
    "Show a plan: its dates, the visit of each and its state, the next ones, audit trail.": (
        "查看计划：各计划日期及对应上门和状态、接下来的日期、操作记录。"
    ),
    # visit plan end
    "End a plan: it makes no more visits; its due visits nobody booked are cancelled.": (
        "终止计划：不再生成上门；尚未预约的待安排上门一并取消。"
    ),
    "Why the plan ends.": "终止原因。",
    # visit checklist add
    (
        "Add an item at the end of a model's checklist: checked ok / not ok, or measured when "
        "it has a unit."
    ): "在型号检查表末尾添加项目：检查正常/异常；带单位的为测量项目。",
    "What is checked, e.g. 接线端子紧固.": "检查内容，如 接线端子紧固。",
    "Unit of a measured item (a number is asked for), e.g. MPa.": (
        "测量项目的单位（填写时须给数值），如 MPa。"
    ),
    # visit checklist list
    "List checklist items by model and number.": "按型号和序号列出检查项目。",
    "Only this model's checklist.": "仅此型号的检查表。",
    # visit checklist remove
    "Take an item off a model's checklist (visits already filled keep it).": (
        "从型号检查表中删除项目（已填写的上门记录保留该项）。"
    ),
    "The item: its text or its number.": "检查项目：名称或序号。",
}
