"""Chinese help (zh only; ``shouhou.cli.localize`` loads it, the English path never does).

``TYPER``: typer's and click's own words on a help page. ``HELP``: the help of the commands and
their options, one entry per paragraph, keyed on the English with runs of whitespace folded to
one space (``localize.paragraph_key``). Keyed on the English so that a changed or new help text
without Chinese shows up: ``tests/cli/test_help_zh.py`` lists the paragraphs that lack one.
"Example:" paragraphs need no entry (the label is translated, the command kept as written)
unless they carry a ``# comment``. The ticket commands are in ``help_ticket``.
"""

TYPER: dict[str, str] = {
    "Example:": "示例：",
    "Usage: ": "用法：",
    "[OPTIONS]": "[选项]",
    "COMMAND [ARGS]...": "命令 [参数]...",
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    # typer.rich_utils constants
    "(deprecated) ": "（已弃用）",
    "[default: {}]": "[默认：{}]",
    "[env var: {}]": "[环境变量：{}]",
    "[required]": "[必填]",
}


HELP: dict[str, str] = {
    # root command list (LAZY_COMMANDS) and the root itself
    "Create or upgrade the database; --demo loads example data.": (
        "创建或升级数据库；加 --demo 载入示例数据。"
    ),
    "Which database, schema, language and calendar.": "查看当前数据库、结构版本、语言和工作日历。",
    "Settings: deadlines, rates, company header.": "系统设置：服务时限、收费标准、单据抬头。",
    "Database: upgrade, copy to another one.": "数据库维护：升级、迁移到另一个数据库。",
    "Working calendar: holidays, make-up days.": "工作日历：节假日、调休上班日。",
    "Users and roles: who acts (--as) and who approves.": (
        "用户与角色：谁来操作（--as）、谁来审批。"
    ),
    "Customer files 客户档案.": "客户档案。",
    "Devices, warranty, service contracts.": "设备档案、保修、维保合同。",
    "Tickets 工单: intake to close, deadlines, sheets.": "工单：从受理到结案、服务时限、报告单。",
    "Import customers, devices, tickets, parts.": "导入客户、设备、工单、配件。",
    "Export any table as csv, json or xlsx.": "将任意数据表导出为 csv、json 或 xlsx。",
    "Copy the database safely while in use.": "在使用中安全备份数据库。",
    "Replace the database from a backup.": "用备份恢复数据库。",
    "售后 shouhou — after-sales service on the command line.": (
        "售后 shouhou — 命令行售后服务管理系统。"
    ),
    "Database path or SQLAlchemy URL.": "数据库文件路径或 SQLAlchemy URL。",
    "Language: zh or en.": "界面语言：zh（中文）或 en（英文）。",
    "Acting user for the audit trail (once there are users: one of them).": (
        "操作人，记入操作记录（已建用户后须为其中之一）。"
    ),
    "Show tracebacks.": "出错时显示完整的调用栈（traceback）。",
    # options typer adds itself
    "Show this message and exit.": "显示本帮助并退出。",
    "Install completion for the current shell.": "为当前 shell 安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "显示当前 shell 的命令补全脚本，便于复制或自行安装。"
    ),
    "Output format: table, json or csv.": "输出格式：table（表格）、json 或 csv。",
    "Show at most N rows.": "最多显示 N 行。",
    # admin: init, info, config, db
    "Create or upgrade the database; --demo loads the example data.": (
        "创建或升级数据库；加 --demo 载入示例数据。"
    ),
    "Company name for sheet headers.": "公司名称，用于单据抬头。",
    "Load the demo data set.": "载入演示数据。",
    "Show which database, schema version, language, user and calendar are in use.": (
        "显示当前使用的数据库、结构版本、语言、操作人和工作日历。"
    ),
    "Settings stored in the database.": "系统设置（保存在数据库中）。",
    "Show every setting with its current value.": "列出全部设置项及其当前值。",
    "Change a setting (deadlines, rates, thresholds, hours, time zone, company header).": (
        "修改设置项（服务时限、收费标准、审批额度、工作时间、时区、单据抬头）。"
    ),
    (
        "Every value is checked (type, range, working hours ending after they start); a refused "
        "one exits 2 naming what the setting accepts, and nothing is stored."
    ): (
        "每个值都会校验（类型、范围、下班时间须晚于上班时间）；不合格的值以退出码 2 "
        "退出并说明该设置项接受哪些值，不保存任何内容。"
    ),
    "Setting name, see `config show`.": "设置项名称，见 `config show`。",
    "New value.": "新值。",
    "Database maintenance: upgrade, copy.": "数据库维护：升级、复制。",
    "Apply pending schema migrations (also done automatically on open).": (
        "执行尚未应用的数据库结构迁移（打开数据库时也会自动执行）。"
    ),
    "Copy the whole database, ids and history included, into a new empty one.": (
        "将整个数据库（含编号和历史记录）复制到一个新的空数据库。"
    ),
    "For moving from the SQLite file to PostgreSQL when several clerks need one database.": (
        "用于多名客服需要共用一个数据库时，从 SQLite 文件迁移到 PostgreSQL。"
    ),
    "Empty database to copy into: a path or a SQLAlchemy URL.": (
        "目标空数据库：文件路径或 SQLAlchemy URL。"
    ),
    # calendar
    "Working calendar 工作日历: holidays and make-up working days.": (
        "工作日历：节假日和调休上班日。"
    ),
    "List the holidays and make-up working days of a year.": "列出某一年的节假日和调休上班日。",
    "Year, default this year.": "年份，默认今年。",
    "Import a year's official holiday schedule (holidays and make-up working days 调休).": (
        "导入某年官方公布的放假安排（节假日和调休上班日）。"
    ),
    (
        "CSV columns: date, kind (holiday|workday, or 假日/休息/放假, 上班/补班), name, optional "
        "to (or 日期, 类型, 名称, 结束日期). iCalendar: all-day VEVENTs, DTSTART..DTEND, SUMMARY; "
        "a summary saying 补班/上班/调休 marks working days. Stored days win over the statutory "
        "calendar; importing the same file again changes nothing."
    ): (
        "CSV 列：date、kind（holiday|workday，或 假日/休息/放假、上班/补班）、name，可选 "
        "to（也可用 日期、类型、名称、结束日期）。iCalendar：全天的 VEVENT，取 DTSTART..DTEND 和 "
        "SUMMARY；SUMMARY 含 补班/上班/调休 的为上班日。导入的日期优先于法定节假日；"
        "重复导入同一文件不会有任何变化。"
    ),
    "The schedule: .csv or .ics.": "放假安排文件：.csv 或 .ics。",
    "Only this year of the file (repeatable).": "只导入文件中的这一年（可多次指定）。",
    "Also remove stored days of those years not in the file.": (
        "同时删除这些年份中已保存但文件里没有的日期。"
    ),
    "Check and count, store nothing.": "只校验和计数，不保存。",
    "Holidays.": "节假日。",
    "Add a holiday (or a range) that overrides the statutory package.": (
        "添加节假日（或一段日期），优先于内置的法定节假日。"
    ),
    "First day, YYYY-MM-DD.": "起始日期，YYYY-MM-DD。",
    "Last day (inclusive).": "结束日期（含当天）。",
    "Name, e.g. 春节.": "名称，如 春节。",
    "Make-up working days 调休上班.": "调休上班日。",
    "Add a make-up working day 调休上班 (a weekend day that is worked).": (
        "添加调休上班日（照常上班的周末）。"
    ),
    "The make-up working day, YYYY-MM-DD.": "调休上班的日期，YYYY-MM-DD。",
    "Why, e.g. 春节调休.": "原因，如 春节调休。",
    # user
    "Users and roles: clerk, engineer, supervisor, manager, general manager.": (
        "用户与角色：客服专员、售后工程师、主管、经理、总经理。"
    ),
    "Add a person with a role; `--as NAME` then names them.": (
        "添加用户并指定角色；之后用 `--as 姓名` 以其身份操作。"
    ),
    "The person's name, as --as gives it (王工).": "姓名，与 --as 所用的一致（如 王工）。",
    (
        "Role: clerk|engineer|supervisor|manager|general-manager (or 客服专员, 工程师, 主管, 经理, "
        "总经理)."
    ): (
        "角色：clerk|engineer|supervisor|manager|general-manager（或 客服专员、工程师、主管、经理、"
        "总经理）。"
    ),
    "List users with their roles (deactivated ones too, unless --active).": (
        "列出用户及其角色（含已停用的；加 --active 则不含）。"
    ),
    "Only users who may still act.": "只列出仍可操作的用户。",
    "Change a user's role.": "修改用户的角色。",
    (
        "New role: clerk|engineer|supervisor|manager|general-manager (or 客服专员, 工程师, 主管, "
        "经理, 总经理)."
    ): (
        "新角色：clerk|engineer|supervisor|manager|general-manager（或 客服专员、工程师、主管、"
        "经理、总经理）。"
    ),
    "Someone left: they can no longer act or approve; their name stays in the trail.": (
        "停用离职人员：不能再操作或审批，操作记录中的姓名保留。"
    ),
    "Let a deactivated user act again.": "重新启用已停用的用户。",
    # customer
    "Customer files 客户档案: add, list, show, edit, file.": (
        "客户档案：新建、列表、查看、修改、打印档案。"
    ),
    (
        "Print the engineer's customer file: contacts, devices with warranty, open tickets, the "
        "ticket history per device with parts and charges, loans, returns and visits (A4, a "
        "device a page)."
    ): (
        "打印工程师用的客户档案：联系方式、设备及各部件保修期、未结工单、每台设备的维修履历"
        "（含配件与费用）、备用机借用、退换货和上门记录（A4，每台设备一页）。"
    ),
    "The customer file under the name CLI.md gives it (same as `customer file`).": (
        "客户档案（CLI.md 中的名称，与 `customer file` 相同）。"
    ),
    "html|pdf|md|json|txt": "文档格式：html|pdf|md|json|txt",
    "Write to this file (needed for pdf).": "写入该文件（pdf 格式必须指定）。",
    "Only the history from this date on (open tickets and visits always show).": (
        "只列出该日期以来的履历（未结工单和未完成的上门始终列出）。"
    ),
    (
        "Open a customer file. The same name and phone as an existing customer is refused; the "
        "same name or the same phone alone is warned about (and asked on a terminal)."
    ): (
        "新建客户档案。名称和电话都与已有客户相同的不予建档；"
        "仅名称或仅电话相同的给出提示（在终端上会询问是否继续）。"
    ),
    "Unit name 客户名称.": "客户名称（单位名称）。",
    "Contact person 联系人.": "联系人。",
    "Phone 电话.": "联系电话。",
    "Address 地址.": "地址。",
    "Region 地区.": "所在地区。",
    "Distance class for on-site deadlines: local 本地, nearby 周边, remote 外省.": (
        "距离类别，决定上门时限：local 本地、nearby 周边、remote 外省。"
    ),
    "Key customer 重点客户.": "重点客户。",
    "Notes 备注.": "备注。",
    "Open the file even if a customer with this name or phone exists.": (
        "即使已有同名或同电话的客户，也照样建档。"
    ),
    "List customers.": "列出客户。",
    "Part of name, phone or contact.": "按名称、电话或联系人的一部分查找。",
    "Show a customer file: details, devices, open tickets, loans and the audit trail.": (
        "查看客户档案：基本信息、设备、未结工单、借出的备用机和操作记录。"
    ),
    "Customer: id, phone or a unique part of the name.": (
        "客户：编号、电话，或能唯一确定客户的名称片段。"
    ),
    "Change fields of a customer file (recorded in the audit trail).": (
        "修改客户档案字段（记入操作记录）。"
    ),
    "New unit name.": "新的客户名称。",
    "Contact person.": "联系人。",
    "Phone.": "联系电话。",
    "Address.": "地址。",
    "Region.": "所在地区。",
    "Distance class: local 本地, nearby 周边, remote 外省.": (
        "距离类别：local 本地、nearby 周边、remote 外省。"
    ),
    "Key customer.": "重点客户。",
    "Notes.": "备注。",
    # device
    "Devices 设备: add, list, show, edit, service contracts.": (
        "设备档案：登记、列表、查看、修改、维保合同。"
    ),
    "Register a device sold to a customer.": "登记售给客户的设备。",
    "Model 型号.": "型号。",
    "Serial number 出厂编号 (unique).": "出厂编号（不可重复）。",
    "Brand 品牌.": "品牌。",
    "Product line, e.g. compressor.": "产品线，如 compressor。",
    "Configuration 配置.": "配置。",
    "Date, e.g. 2026-03-01.": "日期，如 2026-03-01。",
    "Acceptance date 验收日期.": "验收日期。",
    "Whole-unit warranty in months.": "整机保修期（月）。",
    "Component term NAME:MONTHS, repeatable.": (
        "部件保修期 NAME:MONTHS（部件名:月数），可多次指定。"
    ),
    "List devices with their warranty state today.": "列出设备及其今天的保修状态。",
    "Only this customer: id, phone or a unique part of the name.": (
        "只列该客户的设备：编号、电话，或能唯一确定客户的名称片段。"
    ),
    "Show a device: details, warranty per component, tickets and the audit trail.": (
        "查看设备档案：基本信息、各部件保修状态、工单记录和操作记录。"
    ),
    "Device id or serial number.": "设备编号或出厂编号。",
    (
        "Change fields of a device file (recorded in the audit trail); a tampered or removed "
        "serial number voids the warranty (DOMAIN §1)."
    ): ("修改设备档案字段（记入操作记录）；出厂编号被涂改或去除的，保修失效（DOMAIN §1）。"),
    "Serial number tampered with or removed (yes 是 / no 否): voids warranty.": (
        "出厂编号是否被涂改或去除（yes 是 / no 否）：是则保修失效。"
    ),
    "Record a service contract 维保合同 that covers the device after its warranty.": (
        "登记维保合同：保修期满后由合同继续保障该设备。"
    ),
    "Last day covered by the contract.": "合同到期日（含当天）。",
    # data: import, export, backup, restore
    "Import customers, devices, tickets or parts from a spreadsheet — all rows or none.": (
        "从表格导入客户、设备、工单或配件 — 要么全部导入，要么一行都不导入。"
    ),
    (
        "Headers may be English or Chinese: customers 客户名称 联系人 联系电话 地址 地区 区域 "
        "重点客户; devices 出厂编号 型号 品牌 产品线 出厂日期 购买日期 验收日期 保修月数 plus the "
        "customer (客户名称 + 联系电话, or customer_id; missing customers are created); tickets "
        "外部单号 客户名称 出厂编号 故障等级 故障现象 受理时间 渠道 受理人; parts 配件编号 "
        "配件名称 规格型号 单位 成本价 单价 供应商 安全库存 最低库存 最高库存 关键件 旧件返还 "
        "期初库存 (a counted stock, booked as adjustments; new suppliers are put on the qualified "
        "list). Re-running a file is safe: customers match on name + phone, devices on serial, "
        "tickets on the external number, parts on the part number. Problems are listed by "
        "spreadsheet row and column, and nothing is written."
    ): (
        "表头可用英文或中文：客户 客户名称 联系人 联系电话 地址 地区 区域 重点客户；设备 出厂编号 "
        "型号 品牌 产品线 出厂日期 购买日期 验收日期 保修月数，另加所属客户（客户名称 + 联系电话，"
        "或 customer_id；不存在的客户自动建档）；工单 外部单号 客户名称 出厂编号 故障等级 故障现象 "
        "受理时间 渠道 受理人；配件 配件编号 配件名称 规格型号 单位 成本价 单价 供应商 安全库存 "
        "最低库存 最高库存 关键件 旧件返还 期初库存（盘点数，按盘点调整登记；"
        "新供应商列入合格供方名录）。"
        "同一文件可重复导入：客户按名称 + 电话匹配，设备按出厂编号，"
        "工单按外部单号，配件按配件编号。有问题的按表格行号和列名列出，且不写入任何数据。"
    ),
    "What the file holds.": "文件内容的类别。",
    "A .csv (UTF-8 or GB18030) or .xlsx file.": ".csv 文件（UTF-8 或 GB18030 编码）或 .xlsx 文件。",
    "Check every row and report; write nothing.": "逐行校验并报告，不写入。",
    "COLUMN=FIELD for a header shouhou does not know (COLUMN=- ignores it); repeatable.": (
        "无法识别的表头用 COLUMN=FIELD 指定对应字段（COLUMN=- 忽略该列）；可多次指定。"
    ),
    "Worksheet of an .xlsx file (default: first).": ".xlsx 文件中的工作表（默认第一个）。",
    (
        "Export a whole table (customer, device, ticket, audit_entry, …), streamed row by row; "
        "--customer keeps one customer's rows (customer, device, ticket)."
    ): (
        "导出整张数据表（customer、device、ticket、audit_entry 等），逐行流式输出；加 --customer "
        "只导出该客户的数据（customer、device、ticket）。"
    ),
    "Only this customer's rows: id, phone or a unique part of the name.": (
        "只导出该客户的数据：编号、电话，或能唯一确定客户的名称片段。"
    ),
    "Times are ISO-8601 UTC; CSV cells that look like formulas get a leading ' .": (
        "时间为 ISO-8601 格式（UTC）；CSV 中形似公式的单元格前加 ' 。"
    ),
    "Table name as in the database, e.g. customer.": "数据库中的表名，如 customer。",
    "csv, json or xlsx.": "导出格式：csv、json 或 xlsx。",
    "File to write (required for xlsx).": "输出文件（xlsx 格式必填）。",
    "CSV with a BOM so Excel reads Chinese correctly.": "CSV 加 BOM，使 Excel 正确显示中文。",
    "Back up the SQLite database while others keep working (online backup API, mode 0600).": (
        "在他人继续使用时备份 SQLite 数据库（在线备份接口，文件权限 0600）。"
    ),
    "PostgreSQL databases are backed up with pg_dump instead.": (
        "PostgreSQL 数据库请改用 pg_dump 备份。"
    ),
    "Backup file to write.": "备份文件路径。",
    "Replace FILE if it exists.": "备份文件已存在时覆盖。",
    "Replace the database with a backup; the current one is kept as <name>.bak-YYYYMMDD-HHMM.": (
        "用备份替换当前数据库；当前数据库另存为 <name>.bak-YYYYMMDD-HHMM。"
    ),
    (
        "The file must pass an integrity check and not be newer than this shouhou; it is migrated "
        "to the latest schema afterwards. PostgreSQL databases are restored with pg_restore."
    ): (
        "备份文件须通过完整性检查，且不能比当前 shouhou 版本新；恢复后自动迁移到最新的数据库结构。"
        "PostgreSQL 数据库请用 pg_restore 恢复。"
    ),
    "Backup file made by `shouhou backup`.": "由 `shouhou backup` 生成的备份文件。",
    "Do not ask for confirmation.": "不再询问确认。",
}
