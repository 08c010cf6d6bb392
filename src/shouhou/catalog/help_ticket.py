"""Chinese help of the ``ticket`` commands; the format is described in ``shouhou.catalog.help``."""

HELP: dict[str, str] = {
    "Tickets 工单: intake, deadlines, repair, charges, sheets.": (
        "工单：受理、时限、维修、收费、报告单。"
    ),
    # ticket new
    "Receive a service request: prints the number, warranty verdict and deadlines.": (
        "受理报修：打印工单号、保修判定和各项时限。"
    ),
    (
        "Prompts for missing fields on a terminal — an unknown serial is registered, an unknown "
        "caller gets a customer file, a wrong answer is asked again; without one, a missing field "
        "is exit 2."
    ): (
        "在终端上会逐项询问缺少的字段 — 未登记的出厂编号当场登记，陌生来电当场建立客户档案，"
        "填错的会再问一次；没有终端时，缺少字段以退出码 2 退出。"
    ),
    "Customer id, name fragment or phone.": "客户编号、名称片段或电话。",
    "Device serial or id.": "设备出厂编号或设备编号。",
    "Caller's phone (also finds the customer).": "来电号码（也用于查找客户）。",
    "Caller's name.": "来电人姓名。",
    "How the request came in.": "报修渠道。",
    "1 critical 重大, 2 major 主要, 3 minor 次要.": "故障等级：1 重大、2 主要、3 次要。",
    "Fault symptom 故障现象.": "故障现象。",
    "What the customer asks for.": "客户诉求。",
    "Fault category, for repeat checks.": "故障类别，用于重复维修判定。",
    "Faulty component, e.g. motor (default the whole unit): its term decides.": (
        "故障部件，如 motor（默认整机）：按该部件的保修期判定。"
    ),
    "Day the fault occurred (default the intake day).": "故障发生日期（默认为受理当天）。",
    "Clerk who took the call.": "受理人（接听电话的客服）。",
    "Paper form number.": "纸质报修单编号。",
    "Open a customer file if none matches.": "找不到客户时新建客户档案。",
    "When it happened (default now).": "发生时间（默认当前时间）。",
    "Print only the ticket number (for scripts).": "只输出工单号（供脚本使用）。",
    # ticket list, show
    "List tickets, most urgent first (open tickets unless --status is given).": (
        "列出工单，最紧急的在前（未指定 --status 时只列未结工单）。"
    ),
    (
        "On a terminal a table shows the first 100 (and says on stderr how many more match); "
        "--limit N or --all for more. A pipe, JSON and CSV get every match unless --limit is "
        "given."
    ): (
        "在终端上表格只显示前 100 条（并在 stderr 上提示还有多少条匹配）；用 --limit N 或 --all "
        "显示更多。输出到管道以及 JSON、CSV 格式时列出全部匹配结果，除非指定了 --limit。"
    ),
    "Status filter, repeatable; 'all' for every status.": (
        "按状态筛选，可多次指定；'all' 表示全部状态。"
    ),
    "Only this severity.": "只列该故障等级的工单。",
    "Only this engineer.": "只列该工程师的工单。",
    "Past any deadline.": "已超过任一时限。",
    "A deadline falls today.": "有时限在今天到期。",
    "Warranty verdict at intake.": "按受理时的保修判定筛选。",
    "Paused, waiting.": "已暂停计时（等待中）。",
    "Repeat repairs / 三包.": "重复维修 / 三包。",
    "Received at or after.": "受理时间不早于。",
    "Received before.": "受理时间早于。",
    "urgency | number | received | newest": (
        "排序：urgency 紧急程度 | number 工单号 | received 受理时间 | newest 最新在前"
    ),
    "Every matching row (on a terminal a table shows 100 by default).": (
        "显示全部匹配行（在终端上表格默认只显示 100 行）。"
    ),
    "Show a ticket: details, deadlines, urgency score, charges, loans and timeline.": (
        "查看工单：详情、各项时限、紧急度评分、费用、备用机借用和处理记录。"
    ),
    "Ticket number (SH2611-0042) or id.": "工单号（如 SH2611-0042）或工单编号。",
    # ticket edit
    "Correct a ticket: device, customer, symptom, fault date, severity, contact, component.": (
        "更正工单：设备、客户、故障现象、故障日期、故障等级、联系人、故障部件。"
    ),
    (
        "The warranty verdict, the deadlines and the repeat check are judged again; the changes go "
        "into the timeline. A closed or cancelled ticket is not edited."
    ): (
        "保修判定、各项时限和重复维修判定将重新计算；修改内容记入处理记录。"
        "已关闭或已取消的工单不能修改。"
    ),
    "Device serial or id (must be the customer's).": "设备出厂编号或设备编号（须属于该客户）。",
    "Customer id, phone or name fragment; with --device to move both.": (
        "客户编号、电话或名称片段；与 --device 同时使用可一并更换客户和设备。"
    ),
    "Day the fault occurred.": "故障发生日期。",
    "1 critical 重大, 2 major 主要, 3 minor 次要; deadlines count from intake again.": (
        "故障等级：1 重大、2 主要、3 次要；各项时限从受理时间起重新计算。"
    ),
    "Caller's phone.": "来电号码。",
    "Faulty component, e.g. motor (unit: the whole unit).": "故障部件，如 motor（unit 表示整机）。",
    # overdue, assign, respond, mode, arrive
    "List open tickets past any deadline, with how late and the escalation level.": (
        "列出已超时的未结工单，显示超时多久和升级级别。"
    ),
    "Example: shouhou ticket overdue --check # exit 3 for a cron alert": (
        "示例：shouhou ticket overdue --check   # 有超时工单时退出码为 3，供 cron 告警"
    ),
    "Exit 3 when anything is overdue.": "有超时工单时以退出码 3 退出。",
    "Assign (or re-assign) the ticket to an engineer.": "派工：将工单指派（或改派）给工程师。",
    "Engineer's name.": "工程师姓名。",
    "Record the first reply to the customer (stops the reply clock).": (
        "记录对客户的首次响应（响应计时停止）。"
    ),
    "What was told.": "答复内容。",
    (
        "Confirm the support mode (on-site starts the on-site deadline; depot — return to factory "
        "— makes the repair due 5 working days after intake)."
    ): (
        "确定服务方式（onsite 上门服务开始计算到场时限；depot 返厂维修的完修时限为受理后 5 "
        "个工作日）。"
    ),
    "phone 电话 | remote 远程 | onsite 上门 | depot 返厂 (return to factory).": (
        "服务方式：phone 电话支持 | remote 远程支持 | onsite 上门服务 | depot 返厂维修。"
    ),
    "Record arrival on site (stops the on-site clock); a repair visit booked for the ticket "
    "starts with it.": "记录到达现场（到场计时停止）；为该工单预约的上门维修随之开始。",
    # diagnose, charge, approve, resolve, close
    (
        "Record diagnosis, cause and faulty component; the component's warranty term at the fault "
        "date and the cause decide free or chargeable."
    ): (
        "记录检测结果、故障原因和故障部件；按故障发生时该部件是否在保修期内以及故障原因，"
        "判定免费还是收费。"
    ),
    "Cause of the fault (decides who pays), English or Chinese.": (
        "故障原因（决定费用由谁承担），可用英文或中文。"
    ),
    "What was found 检测结果.": "检测结果。",
    "Fault category (repeat checks).": "故障类别（用于重复维修判定）。",
    "Faulty component, e.g. motor (default: as at intake, else whole unit).": (
        "故障部件，如 motor（默认沿用受理时所填，未填则为整机）。"
    ),
    (
        "Compute the repair bill: parts + labour hours × rate + travel. A part number from the "
        "parts catalogue (`shouhou import parts`) brings its name and price."
    ): (
        "计算维修费用：配件费 + 工时 × 工时单价 + 差旅费。填配件编号时，"
        "名称和单价取自配件目录（`shouhou import parts`）。"
    ),
    "Labour hours 工时.": "工时。",
    "Hourly rate (default: config labor.rate).": "工时单价（默认取设置项 labor.rate）。",
    "Travel cost 差旅费.": "差旅费。",
    (
        "Part line PART_NUMBER:QTY (name and price from the parts catalogue) or "
        "NAME:QTY:UNIT_PRICE (a typed price overrides the catalogue's); repeatable, replaces "
        "earlier part lines."
    ): (
        "配件明细 PART_NUMBER:QTY（配件编号:数量，名称和单价取自配件目录）或 "
        "NAME:QTY:UNIT_PRICE（名称:数量:单价，填写的单价优先于目录价）；可多次指定，"
        "替换之前的配件明细。"
    ),
    "Free of charge (needs approval out of warranty).": "免费维修（保修期外须审批）。",
    (
        "Approve the repair before the work: a manager for an estimate (or a 三包 repair's cost to "
        "the firm) above the threshold, the general manager for a free repair out of warranty — "
        "never someone who worked on the job (assigned, on site, diagnosed, charged)."
    ): (
        "维修前审批：报价（或三包维修由公司承担的费用）超过审批额度的由经理审批，"
        "保修期外免费维修的由总经理审批 — 审批人不能是经手该工单的人员（被派工、上门、检测、"
        "计费者）。"
    ),
    "Mark the fault fixed (refused while an approval is missing).": (
        "标记故障已修复（缺少审批时不允许）。"
    ),
    "Work done 处理措施.": "处理措施。",
    "Close after the callback confirmed the fix.": "回访确认修复后关闭工单。",
    "Customer's rating of quality 1-5.": "客户对维修质量的评分 1-5。",
    "Customer's rating of attitude 1-5.": "客户对服务态度的评分 1-5。",
    # reopen, cancel, escalate, wait, resume
    "Reopen a resolved or closed ticket; missed deadlines stay recorded as missed.": (
        "重新打开已解决或已关闭的工单；已超时的时限仍记为超时。"
    ),
    "Why (e.g. callback found it back).": "原因（如回访发现故障复现）。",
    "Cancel a ticket (customer misreport); the customer still gets a callback. Parts issued "
    "to it go back to stock.": ("取消工单（如客户误报）；仍需回访客户。已领用的配件退回库存。"),
    "Why (e.g. misreport 误报).": "原因（如误报）。",
    "Escalate 升级: first to the supervisor, then to the manager.": (
        "升级工单：先升级到主管，再升级到经理。"
    ),
    "Who takes it over.": "接手人。",
    "Pause the deadlines while waiting on the customer or on parts.": (
        "等待客户或配件期间暂停计时。"
    ),
    "Waiting on what (customer, parts).": "等待什么（客户、配件）。",
    "End the pause; deadlines move back by the paused working time.": (
        "结束暂停；各项时限按暂停的工作时间顺延。"
    ),
    # loans, returns, documents
    "Lend a spare unit while the job cannot be fixed in time.": "无法及时修复时借出备用机。",
    "Serial of the spare unit 备用机.": "备用机出厂编号。",
    "Record that the spare unit(s) came back.": "登记备用机已归还。",
    "Only this unit.": "只登记这一台。",
    "Record a return or exchange; an exchange registers the replacement unit.": (
        "登记退货或换货；换货时同时登记换上的新机。"
    ),
    "return 退货 | exchange 换货.": "类型：return 退货 | exchange 换货。",
    "Customer's reason.": "客户的退换理由。",
    "Product condition (complete, opened…).": "产品状况（完好、已拆封…）。",
    "Inspection opinion 检验意见.": "检验意见。",
    "Serial of the replacement unit (exchange).": "换上新机的出厂编号（换货时）。",
    "Print the service report sheet 售后服务报告单 (A4, with signature lines).": (
        "打印售后服务报告单（A4，带签字栏）。"
    ),
    "html|txt|md|json|pdf": "文档格式：html|txt|md|json|pdf",
    "Write to this file.": "写入该文件。",
    "Print the return slip 退货单 of a return or exchange.": "打印退货或换货的退货单。",
}
