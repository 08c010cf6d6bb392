"""Messages of stocktakes 盘点 (``shouhou part stocktake …``, ``part count``, the stocktake line of
``today``; DOMAIN §4, issue 12 item 5)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- errors ------------------------------------------------------------------------------
    "err.stocktake_none_open": (
        "error: no stocktake is open — start one (`shouhou part stocktake start`)",
        "错误：当前没有进行中的盘点 — 请先开始盘点（`shouhou part stocktake start`）",
    ),
    "err.stocktake_not_found": (
        "error: no stocktake {ref} — give its number (ST2612-01) or id "
        "(`shouhou part stocktake list`)",
        "错误：没有盘点单 {ref} — 请给出盘点单号（如 ST2612-01）或编号"
        "（`shouhou part stocktake list`）",
    ),
    "err.stocktake_open": (
        "error: stocktake {number} is still open — finish it (`shouhou part stocktake finish`) "
        "or cancel it (`shouhou part stocktake cancel --reason TEXT`) first",
        "错误：盘点 {number} 尚未结束 — 请先完成（`shouhou part stocktake finish`）"
        "或取消（`shouhou part stocktake cancel --reason 原因`）",
    ),
    "err.stocktake_counted": (
        "error: counted quantity {value} is not allowed — give a whole number from 0 to {high}",
        "错误：实盘数量 {value} 无效 — 请给出 0 到 {high} 的整数",
    ),
    "err.stocktake_short": (
        "error: {number} was counted at {counted} {unit} against {booked} on the books, but only "
        "{left} {unit} are left since — count {number} again "
        "(`shouhou part stocktake count {number} QTY`), then finish",
        "错误：{number} 实盘 {counted} {unit}、账面 {booked} {unit}，但盘点后库存仅剩 {left} {unit}"
        " — 请重新盘点 {number}（`shouhou part stocktake count {number} 数量`）后再完成",
    ),
    "err.stocktake_sheet_both": (
        "error: --counted and --uncounted exclude each other — give one of them, or neither "
        "for every part",
        "错误：--counted 与 --uncounted 不能同时使用 — 只给其中一个，或都不给（列出全部配件）",
    ),
    # -- messages ----------------------------------------------------------------------------
    "msg.stocktake_started": (
        "Stocktake {number} started: {parts} parts to count — print the count sheet with "
        "`shouhou part stocktake sheet`",
        "盘点 {number} 已开始：共 {parts} 种配件待盘 — 打印盘点表：`shouhou part stocktake sheet`",
    ),
    "msg.stocktake_counted": (
        "{stocktake}: {number} counted {counted} {unit}, booked {booked} (difference {difference})",
        "{stocktake}：{number} 实盘 {counted} {unit}，账面 {booked}（差异 {difference}）",
    ),
    "msg.stocktake_recounted": (
        "{stocktake}: {number} counted {counted} {unit} (was {previous}), booked {booked} "
        "(difference {difference})",
        "{stocktake}：{number} 重新盘点为 {counted} {unit}（原 {previous}），账面 {booked}"
        "（差异 {difference}）",
    ),
    "msg.stocktake_finished": (
        "Stocktake {number} finished: {counted} parts counted, {differences} differences booked "
        "(gain +{gain}, loss {loss}); {not_counted} parts not counted, unchanged",
        "盘点 {number} 已完成：盘点 {counted} 种配件，{differences} 项差异已入账"
        "（盘盈 +{gain}，盘亏 {loss}）；{not_counted} 种配件未盘，库存不变",
    ),
    "msg.stocktake_cancelled": (
        "Stocktake {number} cancelled: nothing booked",
        "盘点 {number} 已取消：未做任何调整",
    ),
    "msg.stocktake_none": ("No stocktakes yet", "暂无盘点记录"),
    "msg.stocktake_open_note": (
        "Stocktake {number} open since {at}: {counted} of {parts} parts counted",
        "盘点 {number} 进行中（{at} 开始）：已盘 {counted}/{parts} 种配件",
    ),
    "stocktake.progress": ("{counted} of {parts}", "{counted}/{parts}"),
    # -- states, trail, headings ---------------------------------------------------------------
    "stocktake_status.open": ("open", "进行中"),
    "stocktake_status.finished": ("finished", "已完成"),
    "stocktake_status.cancelled": ("cancelled", "已取消"),
    "action.stocktake_start": ("stocktake started", "开始盘点"),
    "action.stocktake_count": ("counted", "盘点录入"),
    "action.stocktake_finish": ("stocktake finished", "完成盘点"),
    "action.stocktake_cancel": ("stocktake cancelled", "取消盘点"),
    "section.stocktake": ("Stocktake", "盘点"),
    "section.stocktake_counts": ("Counted", "已盘配件"),
    "section.stocktake_uncounted": ("Not counted yet", "未盘配件"),
    "section.today_stocktake": ("Stocktake under way", "进行中的盘点"),
    "col.stocktake_number": ("Stocktake", "盘点单号"),
    "col.stocktake_started_at": ("Started", "开始时间"),
    "col.stocktake_started_by": ("Started by", "发起人"),
    "col.stocktake_finished_at": ("Ended", "结束时间"),
    "col.stocktake_finished_by": ("Ended by", "结束人"),
    "col.stocktake_note": ("Note", "说明"),
    "col.stocktake_counted_parts": ("Counted", "已盘"),
    "col.stocktake_differences": ("Differences", "差异项"),
    "col.stocktake_gain_loss": ("Gain / loss", "盘盈 / 盘亏"),
    "col.stocktake_value": ("Value at cost", "差异金额（成本）"),
    "col.stocktake_part": ("Part", "配件编号"),
    "col.stocktake_part_name": ("Name", "配件名称"),
    "col.stocktake_unit": ("Unit", "单位"),
    "col.stocktake_booked": ("Booked", "账面数"),
    "col.stocktake_counted": ("Counted", "实盘数"),
    "col.stocktake_difference": ("Diff.", "差异"),
    "col.stocktake_on_hand": ("On hand", "库存"),
    "col.stocktake_counted_by": ("Counted by", "盘点人"),
    "col.stocktake_counted_at": ("Counted at", "盘点时间"),
}
