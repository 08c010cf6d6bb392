"""Messages for data commands: import, export, backup, restore."""

MESSAGES: dict[str, tuple[str, str]] = {
    # import — file and header errors (exit 2)
    "err.import_no_file": (
        "error: no file {path} — check the path and name",
        "错误：找不到文件 {path} — 请检查路径和文件名",
    ),
    "err.import_format": (
        "error: {path} is a {suffix} file — save it from Excel/WPS as .xlsx or as CSV",
        "错误：{path} 是 {suffix} 文件 — 请在 Excel/WPS 中另存为 .xlsx 或 CSV",
    ),
    "err.import_encoding": (
        "error: {path} is neither UTF-8 nor GB18030 text — save it as 'CSV UTF-8' or .xlsx",
        "错误：{path} 既不是 UTF-8 也不是 GB18030 编码 — 请另存为“CSV UTF-8”或 .xlsx",
    ),
    "err.import_csv": (
        "error: {path} is not valid CSV ({detail}) — save it again from the spreadsheet",
        "错误：{path} 不是有效的 CSV（{detail}）— 请从表格软件重新保存",
    ),
    "err.import_xlsx": (
        "error: {path} cannot be opened as an .xlsx workbook ({detail}) — save it again as .xlsx",
        "错误：{path} 无法作为 .xlsx 工作簿打开（{detail}）— 请重新另存为 .xlsx",
    ),
    "err.import_sheet": (
        "error: no sheet '{sheet}' in {path} — sheets: {sheets}",
        "错误：{path} 中没有工作表“{sheet}” — 现有工作表：{sheets}",
    ),
    "err.import_empty": (
        "error: {path} has no header row — the first row must name the columns",
        "错误：{path} 没有表头 — 第一行须写明各列名称",
    ),
    "err.import_missing_column": (
        "error: no column for {field} — name a column {aliases}, or pass --map COLUMN={field}",
        "错误：缺少 {field} 列 — 请使用列名 {aliases}，或用 --map 列名={field} 指定",
    ),
    "err.import_duplicate_column": (
        "error: columns '{first}' and '{second}' both mean {field} — "
        "ignore one with --map '{second}=-'",
        "错误：“{first}”和“{second}”两列都表示 {field} — 请用 --map '{second}=-' 忽略其中一列",
    ),
    "err.import_bad_map": (
        "error: --map '{value}' is not COLUMN=FIELD — e.g. --map 单位=name",
        "错误：--map '{value}' 格式应为 列名=字段 — 例如 --map 单位=name",
    ),
    "err.import_map_field": (
        "error: --map field '{field}' is unknown for {kind} — accepted: {accepted}, or - to ignore",
        "错误：{kind} 导入没有字段 '{field}' — 可选：{accepted}，或用 - 表示忽略",
    ),
    "err.import_map_column": (
        "error: --map column '{column}' is not in the file — columns: {columns}",
        "错误：文件中没有 --map 指定的列 '{column}' — 现有列：{columns}",
    ),
    # import — row problems (exit 1)
    "err.import_rejected": (
        "error: {count} problem(s) in {rows} row(s) — nothing was imported; "
        "fix the rows listed above and run again",
        "错误：{rows} 行共 {count} 处问题 — 未导入任何数据；请修改上面列出的行后重新导入",
    ),
    "err.import_dry_run_problems": (
        "error: {count} problem(s) in {rows} row(s) — fix the rows listed above before importing",
        "错误：{rows} 行共 {count} 处问题 — 请先修改上面列出的行再导入",
    ),
    "problem.required": ("empty — this column must be filled in", "为空 — 此列必须填写"),
    "problem.bad_date": (
        "not a date — use YYYY-MM-DD, e.g. 2026-11-23",
        "不是有效日期 — 请用 YYYY-MM-DD，例如 2026-11-23",
    ),
    "problem.bad_time": (
        "not a time — use e.g. 2026-11-23 14:30",
        "不是有效时间 — 例如 2026-11-23 14:30",
    ),
    "problem.bad_int": ("not a whole number ≥ 0 — e.g. 24", "不是不小于 0 的整数 — 例如 24"),
    "problem.bad_money": (
        "not an amount — use yuan with at most 2 decimals, e.g. 1280.50",
        "不是金额 — 以元为单位，最多两位小数，例如 1280.50",
    ),
    "problem.max_below_min": (
        "maximum stock is below the minimum or safety stock — raise it or clear it",
        "最高库存低于最低库存或安全库存 — 请调高或留空",
    ),
    "problem.bad_bool": (
        "not yes/no — use 是/否, yes/no or 1/0",
        "不是是/否 — 请填 是/否、yes/no 或 1/0",
    ),
    "problem.bad_choice": ("not allowed — accepted: {accepted}", "无效 — 可选：{accepted}"),
    "problem.too_long": ("longer than {max} characters — shorten it", "超过 {max} 个字 — 请缩短"),
    "problem.nul": (
        "holds a NUL byte (\\x00), which no text may — remove it from the cell",
        "含有 NUL 字符（\\x00），文本中不允许 — 请从单元格中删除",
    ),
    "problem.repeated": (
        "same key as row {row_first} but a different {field} — keep one of the two",
        "与第 {row_first} 行是同一条记录，但 {field} 不同 — 请只保留一行",
    ),
    "problem.existing_ambiguous": (
        "several customers already have this name and phone (ids {ids}) — "
        "merge them or use a customer_id column",
        "已有多个同名同电话的客户（编号 {ids}）— 请先合并，或改用 customer_id 列",
    ),
    "problem.customer_ambiguous": (
        "several customers have this name (ids {ids}) — add the phone or a customer_id column",
        "有多个同名客户（编号 {ids}）— 请补充联系电话或改用 customer_id 列",
    ),
    "problem.customer_missing": (
        "no such customer — import customers first or correct the name/phone",
        "没有这个客户 — 请先导入客户，或更正名称/电话",
    ),
    "problem.customer_id_missing": (
        "no customer with this id — check `shouhou customer list`",
        "没有此编号的客户 — 请查看 `shouhou customer list`",
    ),
    "problem.no_customer": (
        "no customer given — fill in the customer name or customer_id",
        "没有填写客户 — 请填写客户名称或 customer_id",
    ),
    "problem.device_missing": (
        "no device with this serial — import devices first or correct the serial",
        "没有此出厂编号的设备 — 请先导入设备，或更正编号",
    ),
    "problem.device_other_customer": (
        "this device belongs to another customer — correct the serial or the customer",
        "该设备属于其他客户 — 请更正出厂编号或客户",
    ),
    "msg.import_done": (
        "Imported {kind} from {file}: {created} created, {updated} updated, "
        "{skipped} unchanged ({rows} rows)",
        "已从 {file} 导入{kind}：新建 {created}，更新 {updated}，未变 {skipped}（共 {rows} 行）",
    ),
    "msg.import_dry_run": (
        "Dry run, nothing written — {kind} in {file}: {created} would be created, "
        "{updated} updated, {skipped} unchanged ({rows} rows); no problems found",
        "试运行，未写入 — {file} 中的{kind}：将新建 {created}，更新 {updated}，"
        "未变 {skipped}（共 {rows} 行）；未发现问题",
    ),
    "msg.import_customers_created": (
        "Also opened {count} customer file(s) named in the device rows",
        "另按设备行中的客户信息新建客户档案 {count} 个",
    ),
    "msg.import_would_create_customers": (
        "{count} customer file(s) named in the device rows would be opened",
        "将按设备行中的客户信息新建客户档案 {count} 个",
    ),
    "msg.import_ignored": (
        "note: ignored columns: {columns} (use --map COLUMN=FIELD to import one)",
        "提示：已忽略的列：{columns}（如需导入请用 --map 列名=字段）",
    ),
    "kind.customers": ("customers", "客户"),
    "kind.devices": ("devices", "设备"),
    "kind.tickets": ("tickets", "工单"),
    "kind.parts": ("parts", "配件"),
    "progress.read": ("Reading", "读取"),
    "progress.check": ("Checking", "检查"),
    "progress.write": ("Writing", "写入"),
    "col.row": ("Row", "行"),
    "col.column": ("Column", "列"),
    "col.cell": ("Value", "内容"),
    "col.problem": ("Problem", "问题"),
    # export
    "err.unknown_table": (
        "error: no table '{table}' — accepted: {accepted}",
        "错误：没有数据表 '{table}' — 可选：{accepted}",
    ),
    "err.export_needs_output": (
        "error: --format {format} writes a binary file — give --output FILE.{format}",
        "错误：--format {format} 生成二进制文件 — 请用 --output 文件名.{format} 指定输出文件",
    ),
    "err.export_excel_csv": (
        "error: --excel applies to --format csv only — drop --excel for {format}",
        "错误：--excel 仅用于 --format csv — {format} 格式请去掉 --excel",
    ),
    "msg.exported": (
        "Exported {count} row(s) of {table} to {path}",
        "已导出 {table} 表 {count} 行到 {path}",
    ),
    # backup / restore
    "err.backup_postgres": (
        "error: shouhou backs up SQLite files only — for PostgreSQL use pg_dump, "
        "e.g. pg_dump -Fc -f shouhou.dump DBNAME",
        "错误：shouhou 只备份 SQLite 数据库文件 — PostgreSQL 请用 pg_dump，"
        "例如 pg_dump -Fc -f shouhou.dump 数据库名",
    ),
    "err.restore_postgres": (
        "error: shouhou restores SQLite files only — for PostgreSQL use pg_restore, "
        "e.g. pg_restore --clean -d DBNAME shouhou.dump",
        "错误：shouhou 只恢复 SQLite 数据库文件 — PostgreSQL 请用 pg_restore，"
        "例如 pg_restore --clean -d 数据库名 shouhou.dump",
    ),
    "err.backup_memory": (
        "error: an in-memory database cannot be backed up or restored — use a database file",
        "错误：内存数据库无法备份或恢复 — 请使用数据库文件",
    ),
    "err.backup_exists": (
        "error: {path} already exists — pass --force to replace it, or choose another name",
        "错误：{path} 已存在 — 如需覆盖请加 --force，或换一个文件名",
    ),
    "err.backup_same_file": (
        "error: {path} is the database itself — choose another file",
        "错误：{path} 就是当前数据库本身 — 请换一个文件",
    ),
    "err.backup_is_dir": (
        "error: {path} is a folder — give a file name, e.g. {path}/shouhou-backup.db",
        "错误：{path} 是文件夹 — 请给出文件名，例如 {path}/shouhou-backup.db",
    ),
    "err.backup_no_folder": (
        "error: folder {folder} does not exist — create it or choose another path",
        "错误：文件夹 {folder} 不存在 — 请先创建或换一个路径",
    ),
    "err.backup_check": (
        "error: the copy {path} failed its check ({detail}) — nothing was replaced; "
        "run `shouhou backup` again",
        "错误：副本 {path} 校验未通过（{detail}）— 未覆盖任何文件；请重新运行 `shouhou backup`",
    ),
    "err.restore_no_file": (
        "error: no file {path} — give the backup file to restore",
        "错误：找不到文件 {path} — 请给出要恢复的备份文件",
    ),
    "err.restore_same_file": (
        "error: {path} is the live database itself — give a backup file",
        "错误：{path} 就是当前数据库本身 — 请给出备份文件",
    ),
    "err.restore_not_db": (
        "error: {path} is not a readable SQLite database ({detail}) — "
        "choose a file made by `shouhou backup`",
        "错误：{path} 不是可读取的 SQLite 数据库（{detail}）— 请选择 `shouhou backup` 生成的文件",
    ),
    "err.restore_corrupt": (
        "error: {path} failed the integrity check ({detail}) — it is damaged; use another backup",
        "错误：{path} 完整性检查未通过（{detail}）— 文件已损坏；请换用其他备份",
    ),
    "err.restore_no_schema": (
        "error: {path} has no shouhou schema version — choose a file made by `shouhou backup`",
        "错误：{path} 没有 shouhou 结构版本 — 请选择 `shouhou backup` 生成的文件",
    ),
    "err.restore_newer": (
        "error: {path} has schema {revision}, newer than this shouhou knows (latest {head}) — "
        "upgrade shouhou first",
        "错误：{path} 的结构版本 {revision} 比当前 shouhou 更新（最新为 {head}）— 请先升级 shouhou",
    ),
    "err.restore_needs_yes": (
        "error: restore replaces the database {where} — pass --yes to confirm (no terminal to ask)",
        "错误：恢复将替换数据库 {where} — 请加 --yes 确认（非交互终端无法询问）",
    ),
    "err.restore_failed": (
        "error: the restore could not write the database ({detail}) — it is unchanged; close "
        "other shouhou windows and try again (a copy was kept as {kept})",
        "错误：恢复时无法写入数据库（{detail}）— 数据库未改变；请关闭其他 shouhou 窗口后重试"
        "（已保留副本 {kept}）",
    ),
    "prompt.restore": (
        "Replace the database {where} with {path}? The current one is kept as a .bak copy.",
        "用 {path} 替换数据库 {where}？当前数据库会保留一份 .bak 副本。",
    ),
    "msg.backup_done": (
        "Backed up {source} to {path} ({size}, schema {revision})",
        "已将 {source} 备份到 {path}（{size}，结构版本 {revision}）",
    ),
    "msg.restore_done": (
        "Restored {path} into {where} (schema {restored} → {after})",
        "已将 {path} 恢复到 {where}（结构版本 {restored} → {after}）",
    ),
    "msg.restore_kept": (
        "The replaced database was kept as {kept}",
        "被替换的数据库已保留为 {kept}",
    ),
}
