"""Messages for settings validation, the firm's time zone, holiday years and calendar import."""

_CANNOT = "error: setting {key} cannot be '{value}' — "
_CANNOT_ZH = "错误：设置项 {key} 不能为 '{value}' — "

MESSAGES: dict[str, tuple[str, str]] = {
    # -- config set: what each kind of setting accepts -----------------------------------------
    "err.setting_text": (
        _CANNOT + "use one line of at most {high} characters",
        _CANNOT_ZH + "请填写一行文字，最多 {high} 个字符",
    ),
    "err.setting_name": (
        _CANNOT + "use a name: one line of {low} to {high} characters",
        _CANNOT_ZH + "请填写名字：一行，{low} 至 {high} 个字符",
    ),
    "err.setting_currency": (
        _CANNOT + "use a 3-letter currency code such as CNY or USD",
        _CANNOT_ZH + "请用 3 个字母的币种代码，如 CNY、USD",
    ),
    "err.setting_int": (
        _CANNOT + "use a whole number from {low} to {high}",
        _CANNOT_ZH + "请用 {low} 至 {high} 之间的整数",
    ),
    "err.setting_money": (
        _CANNOT + "use an amount of 0 or more with at most 2 decimals, e.g. 1500 or 120.50",
        _CANNOT_ZH + "请用不小于 0、最多两位小数的金额，如 1500 或 120.50",
    ),
    "err.setting_duration": (
        _CANNOT + "use a duration such as 0m, 30m, 4h, 1h30m, 2d or 3wd "
        "(m minutes, h hours, d days of 24 h, wd working days)",
        _CANNOT_ZH + "请用时长，如 0m、30m、4h、1h30m、2d、3wd"
        "（m 分钟，h 小时，d 24 小时的天，wd 工作日）",
    ),
    "err.setting_budget": (
        _CANNOT + "use a duration above zero such as 10m, 4h, 1h30m, 2d or 3wd "
        "(m minutes, h hours, d days of 24 h, wd working days)",
        _CANNOT_ZH + "请用大于零的时长，如 10m、4h、1h30m、2d、3wd"
        "（m 分钟，h 小时，d 24 小时的天，wd 工作日）",
    ),
    "err.setting_travel": (
        _CANNOT + "use a travel time in clock hours such as 2h, 12h, 48h or 2d "
        "(m, h, d; not working days)",
        _CANNOT_ZH + "请用按自然时间计的路程时长，如 2h、12h、48h、2d（m、h、d；不能用工作日 wd）",
    ),
    "err.setting_clock": (
        _CANNOT + "use a time of day HH:MM from 00:00 to 23:59",
        _CANNOT_ZH + "请用 00:00 至 23:59 之间的时刻 HH:MM",
    ),
    "err.setting_hours_start": (
        _CANNOT + "working hours must start before they end: use a time HH:MM earlier "
        "than hours.end ({other})",
        _CANNOT_ZH + "上班时间必须早于下班时间：请用早于 hours.end（{other}）的时刻 HH:MM",
    ),
    "err.setting_hours_end": (
        _CANNOT + "working hours must end after they start: use a time HH:MM later "
        "than hours.start ({other})",
        _CANNOT_ZH + "下班时间必须晚于上班时间：请用晚于 hours.start（{other}）的时刻 HH:MM",
    ),
    "err.setting_bool": (
        _CANNOT + "use true or false (also yes/no, on/off, 1/0)",
        _CANNOT_ZH + "请用 true 或 false（也可 yes/no、on/off、1/0）",
    ),
    "err.setting_zone": (
        _CANNOT + "use a time zone name such as Asia/Shanghai, Asia/Urumqi or UTC",
        _CANNOT_ZH + "请用时区名称，如 Asia/Shanghai、Asia/Urumqi、UTC",
    ),
    "err.setting_stored": (
        "error: the stored setting {key} = '{value}' is not valid — fix it with "
        "`shouhou config set {key} VALUE` (default {default})",
        "错误：数据库中的设置项 {key} = '{value}' 无效 — 请用 "
        "`shouhou config set {key} 值` 改正（默认 {default}）",
    ),
    # -- time zone --------------------------------------------------------------------------------
    "info.display_zone": (
        "{zone} (times shown in {display}, SHOUHOU_TZ)",
        "{zone}（显示时间用 {display}，SHOUHOU_TZ）",
    ),
    # -- years without an official schedule ------------------------------------------------------
    "source.rules": ("statutory rule", "法定规则推算"),
    "msg.calendar_rules": (
        "Note: {year} is not in the statutory calendar package: holidays are the statutory ones "
        "computed by rule (New Year, Spring Festival, Qingming, Labour Day, Dragon Boat, "
        "Mid-Autumn, National Day, and a weekday in lieu of one on a weekend), with no "
        "bridging days and no make-up working days; import the official schedule with "
        "`shouhou calendar import FILE` once published.",
        "注意：法定节假日数据包未覆盖 {year} 年：假日按法定规则推算（元旦、春节、清明、劳动节、"
        "端午、中秋、国庆，逢周末在工作日补假），没有连休安排，也没有调休上班日；"
        "国务院公布安排后请用 `shouhou calendar import 文件` 导入。",
    ),
    "msg.calendar_local": (
        "Note: {year} is not in the statutory calendar package: the days entered here "
        "(import or add) plus the statutory holidays computed by rule.",
        "注意：法定节假日数据包未覆盖 {year} 年：按此处导入或添加的日期，"
        "加上按法定规则推算的假日计算。",
    ),
    "info.calendar_local": (
        "{year}: NOT in the statutory package — {holidays} days entered locally "
        "(calendar import / add) on top of the statutory holidays computed by rule",
        "{year} 年：法定节假日数据包未覆盖 — 本地录入 {holidays} 天（calendar import / add），"
        "其余按法定规则推算",
    ),
    "info.calendar_rules": (
        "{year}: NOT in the statutory package — statutory holidays computed by rule, no "
        "make-up working days; run `shouhou calendar import FILE` once the schedule is published",
        "{year} 年：法定节假日数据包未覆盖 — 按法定规则推算假日，无调休上班日；"
        "国务院公布安排后请运行 `shouhou calendar import 文件`",
    ),
    "warn.rule_based_year": (
        "Note: deadlines fall in {years}, whose official holiday schedule is not known yet: "
        "counted on the statutory holidays computed by rule, without make-up working days "
        "(`shouhou calendar import FILE` once published).",
        "注意：截止时间落在 {years} 年，该年放假安排尚未公布：按法定规则推算的假日计算，"
        "未计调休上班日（公布后请用 `shouhou calendar import 文件` 导入）。",
    ),
    "col.calendar_notice": ("Calendar", "工作日历"),
    "calendar.rule_based": (
        "{years}: holidays computed by rule (official schedule not known yet)",
        "{years} 年：假日按法定规则推算（放假安排尚未公布）",
    ),
    # -- calendar import --------------------------------------------------------------------------
    "msg.calendar_imported": (
        "Imported {file}: {holidays} holiday(s), {workdays} make-up working day(s) in {years} "
        "({added} new, {changed} changed, {unchanged} unchanged, {removed} removed)",
        "已导入 {file}：{years} 年假日 {holidays} 天、调休上班日 {workdays} 天"
        "（新增 {added}，修改 {changed}，不变 {unchanged}，删除 {removed}）",
    ),
    "msg.calendar_import_dry": (
        "Dry run, nothing stored: {file} has {holidays} holiday(s), {workdays} make-up working "
        "day(s) in {years} ({added} new, {changed} changed, {unchanged} unchanged, "
        "{removed} removed)",
        "试运行，未保存：{file} 含 {years} 年假日 {holidays} 天、调休上班日 {workdays} 天"
        "（新增 {added}，修改 {changed}，不变 {unchanged}，删除 {removed}）",
    ),
    "err.calendar_file_kind": (
        "error: cannot read {file} as a holiday schedule — give a .csv or .ics file",
        "错误：无法把 {file} 读作放假安排 — 请给出 .csv 或 .ics 文件",
    ),
    "err.calendar_encoding": (
        "error: {file} is neither UTF-8 nor GB18030 text — save it as UTF-8 CSV",
        "错误：{file} 既不是 UTF-8 也不是 GB18030 文本 — 请另存为 UTF-8 CSV",
    ),
    "err.calendar_columns": (
        "error: {file} has no '{column}' column — use the columns date, kind, name "
        "(or 日期, 类型, 名称; optional to / 结束日期)",
        "错误：{file} 没有“{column}”列 — 请用 date、kind、name 列"
        "（或 日期、类型、名称；可选 to / 结束日期）",
    ),
    "err.calendar_kind": (
        "error: {file} line {line}: kind '{value}' is not known — use holiday or workday "
        "(假日/休息/放假, 上班/补班)",
        "错误：{file} 第 {line} 行：类型“{value}”无法识别 — 请用 holiday 或 workday"
        "（假日/休息/放假，上班/补班）",
    ),
    "err.calendar_date": (
        "error: {file} line {line}: '{value}' is not a date — use YYYY-MM-DD "
        "(.ics: DTSTART;VALUE=DATE:YYYYMMDD)",
        "错误：{file} 第 {line} 行：“{value}”不是日期 — 请用 YYYY-MM-DD"
        "（.ics：DTSTART;VALUE=DATE:YYYYMMDD）",
    ),
    "err.calendar_span": (
        "error: {file} line {line}: {start}..{end} is not a range of 1 to {days} days — "
        "check the start and end dates",
        "错误：{file} 第 {line} 行：{start}..{end} 不是 1 至 {days} 天的日期范围 — 请检查起止日期",
    ),
    "err.calendar_ics": (
        "error: {file} line {line}: {problem} — each VEVENT needs a DTSTART date "
        "(and DTEND or nothing); repeating events (RRULE) are not read",
        "错误：{file} 第 {line} 行：{problem} — 每个 VEVENT 需要 DTSTART 日期"
        "（可有 DTEND）；不读取重复事件（RRULE）",
    ),
    "err.calendar_clash": (
        "error: {file}: {date} is listed both as a holiday and as a working day — keep one",
        "错误：{file}：{date} 同时被列为假日和上班日 — 请只保留一个",
    ),
    "err.calendar_name": (
        "error: the name '{value}' is too long — use at most {high} characters",
        "错误：名称“{value}”太长 — 最多 {high} 个字符",
    ),
    "err.calendar_empty": (
        "error: {file} lists no holiday or working day (in the years asked) — check the file "
        "and --year",
        "错误：{file} 中没有（所选年份的）假日或上班日 — 请检查文件及 --year",
    ),
}
