"""Messages for init, info, config, db and calendar commands."""

MESSAGES: dict[str, tuple[str, str]] = {
    "msg.initialised": ("Database ready: {where}", "数据库已就绪：{where}"),
    "msg.demo_loaded": (
        "Demo data loaded: {customers} customers, {devices} devices, {tickets} tickets",
        "演示数据已载入：客户 {customers} 个，设备 {devices} 台，工单 {tickets} 张",
    ),
    "msg.config_set": ("{key} = {value}", "{key} = {value}"),
    "msg.upgraded": ("Schema {before} → {after}", "数据库结构 {before} → {after}"),
    "msg.copied": (
        "Copied {rows} rows in {tables} tables to {where}",
        "已复制 {tables} 张表共 {rows} 行到 {where}",
    ),
    "err.copy_same": (
        "error: the target is the database in use ({where}) — name another database",
        "错误：目标就是当前数据库（{where}） — 请指定另一个数据库",
    ),
    "err.copy_target_not_empty": (
        "error: {where} already holds data (table {table}) — copy into a new, empty database",
        "错误：{where} 中已有数据（表 {table}） — 请复制到新建的空数据库",
    ),
    "info.database": ("Database", "数据库"),
    "info.backend": ("Backend", "数据库类型"),
    "info.schema": ("Schema", "结构版本"),
    "info.head": ("latest", "最新"),
    "info.language": ("Language", "语言"),
    "info.user": ("User", "当前用户"),
    "info.timezone": ("Time zone", "时区"),
    "info.counts": ("Records", "记录数"),
    "info.calendar": ("Calendar", "工作日历"),
    "info.calendar_package": (
        "{year}: statutory calendar package + {holidays} local overrides",
        "{year} 年：法定节假日数据包 + {holidays} 条本地设置",
    ),
}

MESSAGES.update(
    {
        "err.bad_span": (
            "error: holiday range {start}..{end} is invalid — the end must not be before "
            "the start and the range at most {days} days",
            "错误：假期范围 {start}..{end} 无效 — 结束日不能早于开始日，且不超过 {days} 天",
        ),
        "msg.holidays_added": (
            "Added {count} holiday(s): {first} .. {last}",
            "已添加 {count} 天假期：{first} 至 {last}",
        ),
        "msg.workday_added": ("Added make-up working day {date}", "已添加调休上班日 {date}"),
        "col.date": ("Date", "日期"),
        "col.weekday": ("Weekday", "星期"),
        "col.day_kind": ("Kind", "类型"),
        "col.holiday_name": ("Name", "名称"),
        "col.source": ("Source", "来源"),
        "daykind.holiday": ("holiday", "休息"),
        "daykind.workday": ("working day", "上班"),
        "source.local": ("local", "本地设置"),
        "source.package": ("package", "法定数据包"),
        "weekday.1": ("Mon", "周一"),
        "weekday.2": ("Tue", "周二"),
        "weekday.3": ("Wed", "周三"),
        "weekday.4": ("Thu", "周四"),
        "weekday.5": ("Fri", "周五"),
        "weekday.6": ("Sat", "周六"),
        "weekday.7": ("Sun", "周日"),
    }
)

MESSAGES["err.demo_not_empty"] = (
    "error: the database already has customers — load the demo into a new database (--db demo.db)",
    "错误：数据库中已有客户 — 请把演示数据载入新数据库（--db demo.db）",
)
MESSAGES["msg.demo_present"] = (
    "Demo data already loaded — nothing to do",
    "演示数据已载入 — 无需重复",
)
