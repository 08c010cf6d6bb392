"""Chinese help of ``shouhou today``; the format is described in ``shouhou.catalog.help``."""

HELP: dict[str, str] = {
    "The morning agenda: late and due tickets, visits, callbacks, spare units.": (
        "今日待办：超时及到期的工单、上门、回访、备用机。"
    ),
    (
        "The morning agenda on one screen: tickets late or due today, callbacks and inspections "
        "due, booked visits nobody arrived at, today's visits per engineer, spare units out too "
        "long."
    ): (
        "一屏看清今日待办：超时或今日到期的工单、应办的回访和巡检、预约后无人到场的上门、"
        "按工程师排列的今日上门、借出过久的备用机。"
    ),
    (
        "Due visits the rules call for (inspection plans, key customers' callbacks) are created "
        "first, each once: running it again changes nothing. With --check it exits 3 when "
        "anything is late (for cron), after printing."
    ): (
        "先按规则生成应办的上门（巡检计划、重点客户回访），每项只生成一次：再次运行不会有任何改动。"
        "加 --check 时，如有超时事项，输出之后以退出码 3 结束（供 cron 使用）。"
    ),
    "Exit 3 when anything is late (for cron).": "有超时事项时以退出码 3 结束（供 cron 使用）。",
    (
        "Only this person: tickets assigned to them, their visits (lead or helper), loans of "
        "their tickets."
    ): "只看此人：分派给他的工单、他负责或协助的上门、他的工单借出的备用机。",
    "Output format: table or json.": "输出格式：table（表格）或 json。",
}
