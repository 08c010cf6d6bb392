"""Messages of the satisfaction surveys 满意度调查 (DOMAIN §6, issue 13): recording, the
low-score callback, the list and show views, pending surveys, the figures and the campaign."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- recording -------------------------------------------------------------------------------
    "err.survey_target": (
        "error: a survey is of one ticket, one visit or one customer — give one of --ticket ID, "
        "--visit ID or --customer REF [--device SERIAL]",
        "错误：调查对象须为一个工单、一次上门或一个客户 — 请只给出 --ticket 工单号、"
        "--visit 上门单号 或 --customer 客户 [--device 设备编号] 之一",
    ),
    "err.survey_ticket_open": (
        "error: ticket {number} is {status:@status}: its job is not done yet — survey it once "
        "it is resolved",
        "错误：工单 {number} 当前为{status:@status}，服务尚未完成 — 请在工单解决后再做调查",
    ),
    "err.survey_visit_open": (
        "error: visit {number} is {status:@visit_status}, not done — survey it once it is done "
        "(`shouhou visit done`)",
        "错误：上门 {number} 当前为{status:@visit_status}，尚未完成 — 请在完成后再做调查"
        "（`shouhou visit done`）",
    ),
    "err.survey_device_customer": (
        "error: device {serial} does not belong to {customer} — give one of the customer's "
        "devices (`shouhou device list --customer …`)",
        "错误：设备 {serial} 不属于 {customer} — 请给出该客户的设备"
        "（`shouhou device list --customer …`）",
    ),
    "err.survey_before_job": (
        "error: the survey of {number} is dated before the job was done — give a later --at",
        "错误：{number} 的调查时间早于服务完成时间 — 请给出更晚的 --at",
    ),
    "err.survey_score_kind": (
        "error: --{field} is not a score of a {kind:@survey_kind} survey — give {accepted}, "
        "or --kind for the other form",
        "错误：--{field} 不是{kind:@survey_kind}调查的评分项 — 请用 {accepted}，"
        "或用 --kind 选择另一种调查表",
    ),
    "err.survey_no_score": (
        "error: a {kind:@survey_kind} survey needs at least one score — give {accepted} (1-5)",
        "错误：{kind:@survey_kind}调查至少需要一项评分 — 请提供 {accepted}（1-5）",
    ),
    "err.survey_scores_missing": (
        "error: the customer's scores {missing} are missing — give them (1-5), or --partial "
        "when the customer would not rate them",
        "错误：缺少客户评分 {missing} — 请提供（1-5）；客户不愿评的项可加 --partial 不填",
    ),
    "err.survey_not_found": (
        "error: no survey '{ref}' — give a survey id (`shouhou survey list`)",
        "错误：找不到调查 '{ref}' — 请给出调查编号（`shouhou survey list`）",
    ),
    "prompt.survey_score": (
        "{score} (1-5, Enter: not rated)",
        "{score}（1-5，直接回车表示未评）",
    ),
    "msg.survey_recorded_of": (
        "Survey {id} of {about} recorded: mean {overall}, {verdict}",
        "已登记 {about} 的满意度调查 {id}：平均 {overall} 分，{verdict}",
    ),
    "msg.survey_recorded": (
        "Survey {id} recorded: mean {overall}, {verdict}",
        "已登记满意度调查 {id}：平均 {overall} 分，{verdict}",
    ),
    "msg.survey_low": (
        "Low score: follow-up callback {number} due by {due}",
        "评分偏低：已生成跟进回访 {number}，应于 {due} 前完成",
    ),
    "survey.follow_up": (
        "{number} ({state}, due by {due})",
        "{number}（{state}，应于 {due} 前完成）",
    ),
    "survey.satisfied": ("satisfied", "满意"),
    "survey.not_satisfied": ("not satisfied", "不满意"),
    "action.survey_record": ("survey recorded", "登记满意度调查"),
    "visit_origin.survey-campaign": ("survey campaign", "满意度调查活动"),
    # -- kinds and scores ------------------------------------------------------------------------
    "survey_kind.service": ("service", "服务满意度"),
    "survey_kind.product": ("product", "产品使用意见"),
    "survey_score.attitude": ("Attitude 服务态度", "服务态度"),
    "survey_score.quality": ("Quality 服务质量", "服务质量"),
    "survey_score.resolution": ("Resolution 故障解决水平", "故障解决水平"),
    "survey_score.timeliness": ("Timeliness 及时性", "服务及时性"),
    "survey_score.structure": ("Structure/performance 结构性能", "结构性能"),
    "survey_score.appearance": ("Appearance 外观", "外观"),
    "survey_score.delivery": ("Delivery date 交货期", "交货期"),
    "survey_score.price": ("Price 价格", "价格"),
    "survey_score.service": ("After-sales service 售后服务", "售后服务"),
    "survey_short.attitude": ("Att.", "态度"),
    "survey_short.quality": ("Qual.", "质量"),
    "survey_short.resolution": ("Res.", "解决"),
    "survey_short.timeliness": ("Time.", "及时"),
    "survey_short.structure": ("Struct.", "结构"),
    "survey_short.appearance": ("Look", "外观"),
    "survey_short.delivery": ("Deliv.", "交期"),
    "survey_short.price": ("Price", "价格"),
    "survey_short.service": ("Serv.", "服务"),
    # -- list and show ---------------------------------------------------------------------------
    "col.survey_id": ("Survey", "调查编号"),
    "col.survey_taken_at": ("Taken", "调查时间"),
    "col.survey_taken_by": ("Taken by", "调查人"),
    "col.survey_kind": ("Kind", "调查类型"),
    "col.survey_job": ("Job", "服务单"),
    "col.survey_scores": ("Scores", "评分"),
    "col.survey_mean": ("Mean", "平均分"),
    "col.survey_low": ("Low", "低分"),
    "col.survey_comment": ("Comment", "意见建议"),
    "col.survey_channel": ("Channel", "调查方式"),
    "col.survey_follow_up": ("Callback", "跟进回访"),
    "section.survey": ("Survey", "满意度调查"),
    # -- pending ---------------------------------------------------------------------------------
    "col.survey_source": ("What", "类别"),
    "col.survey_waiting_days": ("Days", "已等天数"),
    "survey_source.ticket": ("ticket", "工单"),
    "survey_source.visit": ("visit", "上门"),
    "msg.survey_none_pending": (
        "Nothing to survey: every finished job has a survey or a callback.",
        "无待调查事项：所有已完成的服务均已调查或回访。",
    ),
    # -- stats -----------------------------------------------------------------------------------
    "err.survey_stats_span": (
        "error: --to {last} is before --from {first} — give a span that ends after it starts",
        "错误：--to {last} 早于 --from {first} — 请给出先后正确的时间段",
    ),
    "col.survey_group": ("Group", "分组"),
    "col.survey_count": ("Surveys", "调查数"),
    "col.survey_satisfied": ("Satisfied", "满意数"),
    "col.survey_rate": ("Rate", "满意率"),
    "survey.all": ("All", "合计"),
    "survey.no_engineer": ("(no engineer)", "（无工程师）"),
    "survey.no_group": ("(none)", "（未注明）"),
    "msg.survey_stats_met": (
        "Satisfaction {rate}% of {count} surveys — target {target}% met",
        "满意率 {rate}%（共 {count} 份调查）— 已达到 {target}% 的目标",
    ),
    "msg.survey_stats_below": (
        "Satisfaction {rate}% of {count} surveys — below the target of {target}%",
        "满意率 {rate}%（共 {count} 份调查）— 低于 {target}% 的目标",
    ),
    "msg.survey_stats_none": (
        "No surveys taken from {first} to {last}.",
        "{first} 至 {last} 期间没有调查。",
    ),
    # -- campaign --------------------------------------------------------------------------------
    "err.survey_campaign_whom": (
        "error: a campaign needs to know whom to survey — give --key-customers",
        "错误：调查活动需指明调查对象 — 请提供 --key-customers",
    ),
    "err.survey_campaign_span": (
        "error: --to {last} is before --from {first} — give a campaign that ends after it starts",
        "错误：--to {last} 早于 --from {first} — 请给出先后正确的活动时间段",
    ),
    "err.survey_campaign_past": (
        "error: a campaign ending on {last} is over — give a --to of today or later",
        "错误：截至 {last} 的调查活动已结束 — 请给出今天或以后的 --to",
    ),
    "msg.survey_campaign": (
        "Survey campaign {first}…{last}: {created} callbacks created for {customers} key "
        "customers ({existing} there already, {surveyed} surveyed already)",
        "满意度调查活动 {first}…{last}：为 {customers} 个重点客户新建回访 {created} 项"
        "（已有 {existing} 项，已调查 {surveyed} 个）",
    ),
    # -- shouhou today ---------------------------------------------------------------------------
    "section.today_surveys": (
        "Low scores awaiting their callback",
        "低分待跟进回访",
    ),
    "today.col.low": ("Low scores", "低分项"),
}
