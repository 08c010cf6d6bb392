"""Chinese help of the ``complaint`` commands; the format is described in
``shouhou.catalog.help``."""

HELP: dict[str, str] = {
    "Complaints 投诉: deadlines, answer, corrective action, confirmation, form.": (
        "投诉：处理时限、答复、纠正预防措施、客户确认、投诉处理单。"
    ),
    "Complaints 投诉: receipt, deadlines, answer, corrective action, confirmation.": (
        "投诉：受理、处理时限、答复、纠正预防措施、客户确认。"
    ),
    "Complaint number (CP2609-0001) or id.": "投诉编号（CP2609-0001）或序号。",
    "When it was done (default now; a paper form later).": (
        "办理时间（默认现在；补录纸质单据时填写）。"
    ),
    # complaint new
    (
        "Receive a complaint: whoever takes it is its receiver (--as). Prints the number, the "
        "answer deadline (24 h) and the handling-opinion deadline (2 working days); a serious or "
        "major one names the manager it is reported to; an attitude complaint naming staff goes "
        "to staff review; a repeat of an earlier complaint is flagged."
    ): (
        "受理投诉：谁接到谁就是受理人（--as，首问责任制）。显示投诉编号、答复时限（24 小时）和"
        "处理意见时限（2 个工作日）；严重、重大投诉注明上报的经理；点名员工的服务态度投诉转员工"
        "考核；与以前投诉重复时给出提示。"
    ),
    "Prompts for missing fields on a terminal; without one, a missing field is exit 2.": (
        "在终端上会询问缺少的内容；非交互终端缺少必填项时退出码为 2。"
    ),
    "quality 产品质量 | attitude 服务态度 | timeliness 及时性 | charges 收费 | other 其他.": (
        "投诉类别：quality 产品质量 | attitude 服务态度 | timeliness 及时性 | charges 收费 | "
        "other 其他。"
    ),
    "general 一般 | serious 严重 | major 重大 (safety, large loss).": (
        "投诉等级：general 一般 | serious 严重 | major 重大（涉及安全、重大损失）。"
    ),
    "The complaint in the customer's own words.": "投诉内容，按客户原话记录。",
    "The ticket it is about (gives customer and device).": "相关工单（据此确定客户和设备）。",
    "The device it is about: serial or id.": "相关设备：出厂编号或序号。",
    "The staff member it is about (attitude: staff review).": (
        "被投诉的员工（服务态度投诉转员工考核）。"
    ),
    "How the complaint came in.": "投诉方式（渠道）。",
    "When it was received (default now); deadlines count from it.": (
        "受理时间（默认现在）；时限从此时起算。"
    ),
    "Print only the complaint number.": "只显示投诉编号。",
    # complaint respond
    (
        "Record the first answer to the customer (due within 24 h of receipt): says whether it "
        "was on time."
    ): "记录首次答复客户（受理后 24 小时内）：并说明是否按时。",
    "What the customer was told.": "答复客户的内容。",
    # complaint resolve
    (
        "Give the handling opinion (due within 2 working days of receipt): cause, corrective and "
        "preventive action (CAPA). Complaints with the same cause are linked as recurrences."
    ): (
        "出具处理意见（受理后 2 个工作日内）：原因、纠正措施和预防措施。原因相同的投诉记为重复"
        "投诉。"
    ),
    "The cause found by the investigation.": "调查查明的原因。",
    "The corrective action agreed with the customer.": "与客户商定的纠正（处理）措施。",
    "The preventive action, so it does not recur.": "预防措施，防止再次发生。",
    # complaint close
    (
        "Close a resolved complaint: with the customer's confirmation recorded (--confirmed "
        "[--by NAME]), or explicitly without it (--unconfirmed --reason TEXT). One of the two is "
        "required."
    ): (
        "结案：记录客户确认（--confirmed [--by 确认人]），或明确注明客户未确认"
        "（--unconfirmed --reason 原因）。两者必选其一。"
    ),
    "The customer confirmed the handling.": "客户已确认处理结果。",
    "Who confirmed for the customer (with --confirmed).": "客户方确认人（与 --confirmed 同用）。",
    "Close without the customer's confirmation (--reason).": "客户未确认即结案（须填 --reason）。",
    "Why it is closed without confirmation (--unconfirmed).": (
        "未经客户确认结案的原因（与 --unconfirmed 同用）。"
    ),
    # complaint reopen
    (
        "Reopen a resolved or closed complaint: a new handling opinion is due within 2 working "
        "days of now."
    ): "重新打开已出处理意见或已结案的投诉：须在 2 个工作日内出具新的处理意见。",
    "Why: what the customer is still not satisfied with.": "原因：客户仍不满意的地方。",
    # complaint list / show / form
    "List complaints by receipt time, with the deadline due next or what is overdue.": (
        "按受理时间列出投诉，显示下一个时限或已超时的事项。"
    ),
    "Only complaints not closed.": "只看未结案的投诉。",
    "Only complaints whose answer or opinion is overdue.": "只看答复或处理意见已超时的投诉。",
    "Only repeated complaints, each followed by its repeats.": (
        "只看重复投诉：每条被重复的投诉后列出重复它的投诉。"
    ),
    "Only this grade.": "只看该等级。",
    "Only this state.": "只看该状态。",
    "Only this subject.": "只看该类别。",
    (
        "Show a complaint: as received, its deadlines met or not, answer, handling opinion, "
        "confirmation, recurrence and audit trail."
    ): "查看投诉：受理内容、各时限是否按时、答复、处理意见、客户确认、重复投诉及操作记录。",
    (
        "Print the complaint handling form 投诉处理单: customer, the complaint verbatim, receiver, "
        "deadlines met or not, answer, cause / action / prevention, confirmation and signature "
        "lines (A4)."
    ): (
        "打印投诉处理单：客户、投诉原话、受理人、各时限是否按时、答复、原因/处理措施/预防措施、"
        "客户确认及签字栏（A4）。"
    ),
}
