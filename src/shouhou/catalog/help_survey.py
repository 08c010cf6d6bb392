"""Chinese help of the ``survey`` commands (and the scores ``ticket close`` takes); the format is
described in ``shouhou.catalog.help``."""

HELP: dict[str, str] = {
    "Satisfaction surveys 满意度调查: scores, pending, figures, campaigns.": (
        "满意度调查：评分、待调查、统计、调查活动。"
    ),
    "Satisfaction surveys 满意度调查: scores, low-score callbacks, figures.": (
        "满意度调查：评分、低分跟进回访、统计。"
    ),
    # survey record
    "Record a customer's survey of a ticket, a visit or the customer.": (
        "登记客户对工单、上门或整体服务的满意度调查。"
    ),
    (
        "The customer and device are the ticket's or visit's. A service survey takes the four "
        "scores, a product survey the five; on a terminal the missing ones are asked for "
        "(Enter: not rated), otherwise they are required unless --partial. A service score of "
        "2 or less creates a follow-up callback (setting survey.low_score_callback, default "
        "24h)."
    ): (
        "客户和设备取自工单或上门记录。服务满意度调查含四项评分，产品使用意见含五项；在终端上"
        "会逐项询问未给出的评分（直接回车表示未评），否则须全部给出，除非加 --partial。服务评分"
        "有一项不高于 2 分时自动生成跟进回访（设置项 survey.low_score_callback，默认 24h）。"
    ),
    "The ticket surveyed (resolved or closed): number or id.": (
        "被调查的工单（已解决或已结案）：工单号或编号。"
    ),
    "The visit surveyed (done): number or id.": "被调查的上门（已完成）：上门单号或编号。",
    "A survey of the customer: id, phone or a unique part of the name.": (
        "对客户的调查：客户编号、电话或能唯一确定客户的名称片段。"
    ),
    "With --customer: the device surveyed (serial or id).": (
        "与 --customer 同用：被调查的设备（出厂编号或编号）。"
    ),
    "service 服务满意度 (the four scores) | product 产品使用意见 (the five).": (
        "调查表：service 服务满意度（四项评分）| product 产品使用意见（五项评分）。"
    ),
    "Service attitude 服务态度, 1 (poor) to 5 (excellent).": "服务态度，1（差）到 5（很好）。",
    "Service quality 服务质量, 1-5.": "服务质量，1-5。",
    "Fault-resolution level 故障解决水平, 1-5.": "故障解决水平，1-5。",
    "Timeliness 及时性, 1-5.": "服务及时性，1-5。",
    "Product: structure and performance 结构性能, 1-5.": "产品：结构性能，1-5。",
    "Product: appearance 外观, 1-5.": "产品：外观，1-5。",
    "Product: delivery date 交货期, 1-5.": "产品：交货期，1-5。",
    "Product: price 价格, 1-5.": "产品：价格，1-5。",
    "Product: after-sales service 售后服务, 1-5.": "产品：售后服务，1-5。",
    "The customer's comments or suggestions.": "客户的意见或建议。",
    "When the customer answered (default now), e.g. a paper form.": (
        "客户作答的时间（默认现在），如纸质调查表上的日期。"
    ),
    "How it was taken (default phone).": "调查方式（默认电话）。",
    "Record only the scores given: the customer would not rate the rest.": (
        "只登记已给出的评分：其余各项客户不愿评。"
    ),
    # survey list
    "List surveys, newest first, with their scores, mean and follow-up callback.": (
        "列出满意度调查（最新的在前），含各项评分、平均分和跟进回访。"
    ),
    "Taken on or after this local day.": "调查日期不早于此日（本地日期）。",
    "Taken on or before this local day.": "调查日期不晚于此日（本地日期）。",
    "Only surveys of this kind.": "只列此类调查。",
    "Only surveys with a score of 2 or less.": "只列有一项评分不高于 2 分的调查。",
    # survey show
    "Show a survey: every score, the mean, the comment, its follow-up callback.": (
        "显示一份调查：各项评分、平均分、意见及跟进回访。"
    ),
    "Also what it is about and its audit trail.": "另列调查对象及操作记录。",
    "Survey id (survey list).": "调查编号（见 survey list）。",
    # survey pending
    "Jobs nobody has asked the customer about yet, longest waiting first.": (
        "尚未征询客户意见的服务，等待最久的在前。"
    ),
    (
        "Resolved or closed tickets and done visits (not of a ticket, not callbacks) with "
        "neither a survey nor a callback done since."
    ): (
        "已解决或已结案的工单，以及已完成的上门（不属于工单、本身不是回访），"
        "此后既无调查也无已完成的回访。"
    ),
    "Only jobs finished on or after this day.": "只列此日及以后完成的服务。",
    # survey stats
    "Satisfaction rate against the target, the mean of each score and the count.": (
        "满意率与目标对比，以及各项平均分和调查数。"
    ),
    (
        "The rate is the share of surveys whose mean score is 4 or more (a survey with only some "
        "scores counts the mean of those given); the target is the setting survey.target (98%). "
        "By engineer (the ticket's assignee, else the visit's engineer), product line or month."
    ): (
        "满意率为平均分不低于 4 分的调查所占比例（只有部分评分的调查按已给评分的平均分计）；"
        "目标为设置项 survey.target（98%）。可按工程师（工单负责人，否则为上门工程师）、"
        "产品线或月份分组。"
    ),
    "First local day (default: 1 January of this year).": "起始日期（本地，默认今年 1 月 1 日）。",
    "Last local day (default: today).": "截止日期（本地，默认今天）。",
    "Group by engineer, product (line) or month (local).": (
        "分组：engineer 工程师、product 产品线或 month 月份（本地）。"
    ),
    "Which surveys: service (default) or product.": (
        "统计哪类调查：service 服务满意度（默认）或 product 产品使用意见。"
    ),
    # survey campaign
    "The survey campaign: a due survey callback for every key customer.": (
        "满意度调查活动：为每个重点客户生成一项待安排的调查回访。"
    ),
    (
        "DOMAIN §6: key customers are surveyed in July–August. The callbacks are due by the end "
        "of --to; running it again creates none, and a key customer already surveyed in the "
        "window needs none."
    ): (
        "DOMAIN §6：每年 7–8 月调查重点客户。回访须在 --to 当天结束前完成；重复运行不会重复生成，"
        "活动期内已调查过的重点客户不再生成。"
    ),
    "Survey every key customer 重点客户.": "调查所有重点客户。",
    "First day of the campaign.": "活动第一天。",
    "Last day: the callbacks are due by its end.": "活动最后一天：回访须在当天结束前完成。",
    # ticket close
    (
        "Scores the customer gives become a service survey of the ticket (`shouhou survey "
        "show`); a score of 2 or less creates a follow-up callback."
    ): (
        "客户给出的评分登记为该工单的服务满意度调查（`shouhou survey show`）；"
        "有一项不高于 2 分时自动生成跟进回访。"
    ),
    "Customer's rating of the fault resolution 1-5.": "客户对故障解决水平的评分 1-5。",
    "Customer's rating of timeliness 1-5.": "客户对服务及时性的评分 1-5。",
}
