"""Chinese help of ``visit sheet`` and ``visit route`` (the printed visit documents); the format
is described in ``shouhou.catalog.help``."""

HELP: dict[str, str] = {
    # visit sheet
    (
        "Print the visit record 上门服务记录 — for an inspection the inspection record 巡检记录 — "
        "with team, arrival, work done, what is left, the checklist and signature lines (A4)."
    ): (
        "打印上门服务记录（巡检时为巡检记录）：服务人员、到达时间、工作内容、遗留工作、检查项目"
        "及签字栏（A4）。"
    ),
    # visit route
    (
        "Print the day's route sheet 派工单: per engineer, the visits they lead or help on in "
        "appointment order, with customer, address, contact, device, ticket and blank columns for "
        "arrival, departure and the customer's signature (A4 landscape, an engineer a page)."
    ): (
        "打印当日派工单：按工程师列出其负责或协助的上门，按预约时间排序，含客户、地址、联系人、"
        "设备、工单，并留有到达、离开时间和客户签字栏（A4 横向，每位工程师一页）。"
    ),
    "The day of the route (default today).": "派工日期（默认今天）。",
    "Only this engineer's visits (as lead or helper).": "只列该工程师的上门（负责或协助）。",
}
