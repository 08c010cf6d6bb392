"""Chinese help of the ``visit`` commands; the format is described in ``shouhou.catalog.help``."""

HELP: dict[str, str] = {
    "Site visits 上门服务: bookings, arrival, work done.": "上门服务：预约、到达、完工。",
    "Site visits 上门服务: book engineers, arrival on time, work done.": (
        "上门服务：预约工程师、准时到达、完工记录。"
    ),
    "Visit number (VS2612-0001) or id.": "上门单号（VS2612-0001）或编号。",
    "When it happened (default now).": "发生时间（默认现在）。",
    "Why, as told to the customer.": "原因（与告知客户的一致）。",
    "Expected duration in minutes.": "预计时长（分钟）。",
    "Book even if the engineer has an overlapping visit.": "即使工程师有时间重叠的上门也强制预约。",
    # visit schedule
    "repair 上门维修 | install 安装调试 | inspection 巡检 | callback 回访 | training 培训.": (
        "上门类型：repair 上门维修 | install 安装调试 | inspection 巡检 | callback 回访 | "
        "training 培训。"
    ),
    "Appointment time agreed with the customer.": "与客户约定的上门时间。",
    "Engineer booked.": "预约的工程师。",
    "For this ticket (its customer and device).": "针对此工单（取其客户和设备）。",
    "Device serial or id (the customer's).": "设备出厂编号或编号（须为该客户的设备）。",
    # visit start
    (
        "Record the engineer's arrival; on a ticket's repair visit it is the ticket's arrival too "
        "(one on-site clock). Stores whether the arrival was on time."
    ): "记录工程师到达；工单的上门维修到达即工单到场（同一到场计时）。同时记录是否准时到达。",
    # visit done
    "Work done 工作内容.": "工作内容。",
    "Who signed for the customer.": "客户签字人。",
    "Customer's rating, 1 (poor) to 5 (excellent).": "客户评分，1（差）到 5（很好）。",
    # visit reschedule
    "New appointment time.": "新的预约时间。",
    "Another engineer.": "改派的工程师。",
    # visit missed / cancel
    "Record that a booked visit did not take place (re-book it with reschedule).": (
        "记录预约的上门未能成行（可用 reschedule 改约）。"
    ),
    "Cancel a visit that has not started.": "取消尚未开始的上门。",
    # visit list / show
    "List visits by appointment time.": "按预约时间列出上门记录。",
    "Only appointments on this day, e.g. today.": "只看这一天的预约，如 today。",
    "Only this engineer.": "只看该工程师。",
    "Only visits in this state.": "只看该状态的上门。",
    "Show a visit: booking, arrival and whether on time, work done, audit trail.": (
        "查看上门记录：预约、到达及是否准时、完成的工作、操作记录。"
    ),
    # teams, due visits, partial visits (issue 11)
    (
        "Book an engineer (and team) for a visit to a ticket's site or to a customer; an "
        "overlapping visit of any team member is refused unless --force."
    ): (
        "为工单现场或客户预约上门工程师（及协助人员）；任一"
        "成员时间重叠的预约会被拒绝，除非加 --force。"
    ),
    "A helper in the engineer's team (repeat for more); checked for clashes.": (
        "协助工程师（可重复填写多人）；同样检查时间冲突。"
    ),
    "Who arrived, for a due visit never booked.": "到达人员（用于未预约的待办上门）。",
    (
        "Re-book a scheduled or missed visit at a new time (the clash check runs again); "
        "--helper replaces the team."
    ): "将已预约或未成行的上门改约到新时间（重新检查冲突）；--helper 会替换协助人员。",
    (
        "Book a due visit (a plan's inspection, a callback, the rest of a partial visit): time, "
        "engineer and team."
    ): "安排待办上门（计划巡检、回访、部分完成后的遗留工作）：时间、工程师和协助人员。",
    "Engineer booked (default: the one it is meant for).": "预约的工程师（默认为指定的工程师）。",
    (
        "What is due: callbacks, inspections and the rest of partial visits due by the end of "
        "today (or --days later), and booked visits whose time passed without an arrival."
    ): (
        "待办上门：今天（或 --days 天内）到期的回访"
        "、巡检和遗留工作，以及已过预约时间仍未到达的上门。"
    ),
    "Also what falls due in the next N days.": "同时列出未来 N 天内到期的。",
    "Only visits of this engineer.": "只看该工程师的上门。",
    "Exit 3 when anything is listed (for cron).": (
        "有任何列出项时以退出码 3 结束（供定时任务使用）。"
    ),
    (
        "Record the work done, the customer's signature and rating; an inspection's checklist "
        "(asked item by item on a terminal); a callback's result. Done in part (--partial "
        "--left), the rest becomes a new due visit."
    ): (
        "记录完成的工作、客户签字和评分；巡检的检查项（在终端上逐项询问）；回访结果。"
        "部分完成（--partial --left）时，遗留工作生成新的待办上门。"
    ),
    "Only part of the work was done (give --left).": "只完成了部分工作（请用 --left 说明）。",
    "What is left: carried forward as a new due visit.": "遗留工作：转为新的待办上门。",
    "When the rest is due (default one day later).": "遗留工作的完成期限（默认一天后）。",
    (
        "A checklist item: ITEM=ok, ITEM=not-ok[:note] or ITEM=VALUE (repeat; ITEM may be its "
        "number)."
    ): "检查项：项目=ok、项目=not-ok[:说明] 或 项目=测量值（可重复；项目可用序号）。",
    "Open a ticket for every item not ok, without asking.": "为每个异常项直接开工单，不再询问。",
    "A callback's result: ok | problem (reopens).": (
        "回访结果：ok 正常 | problem 问题复现（重新打开工单）。"
    ),
    "What the customer said (needed for a problem).": "客户的反馈（问题复现时必填）。",
    "Who did it, for a due visit never booked.": "完成人员（用于未预约的待办上门）。",
}
