"""Chinese help of ``part stocktake start|count|sheet|show|list|finish|cancel`` and ``part
count``; the format is described in ``shouhou.catalog.help``."""

HELP: dict[str, str] = {
    "Stocktake 盘点: count sheet, counts, differences booked as adjustments.": (
        "盘点：盘点表、录入实盘数、差异作为盘盈/盘亏入账。"
    ),
    "Stocktake number (ST2612-01) or id; default the open one, else the last.": (
        "盘点单号（ST2612-01）或编号；默认进行中的盘点，没有则为最近一次。"
    ),
    "The part counted: its number 配件编号, e.g. KS-V100.": "所盘配件的配件编号，如 KS-V100。",
    "How many are on the shelf (0 or more).": "货架上的实际数量（0 或以上）。",
    # part stocktake start
    "Start a stocktake 盘点 (one at a time); receipts and issues go on meanwhile.": (
        "开始盘点（同一时间只能有一次盘点）；盘点期间照常入库、领用。"
    ),
    "What is counted, e.g. the year-end full count.": "盘点说明，如年终全面盘点。",
    # part stocktake count / part count
    (
        "Enter a part's counted quantity in the open stocktake, against on-hand now (booked); "
        "counting it again replaces the count. Nothing is booked until the finish."
    ): (
        "在进行中的盘点中录入配件的实盘数量，与当前账面库存对比；再次录入则替换原数。"
        "完成盘点前不做任何库存调整。"
    ),
    (
        "Enter a part's counted quantity in the open stocktake (the same as `part stocktake "
        "count`)."
    ): "在进行中的盘点中录入配件的实盘数量（同 `part stocktake count`）。",
    # part stocktake sheet
    (
        "Print the count sheet 盘点表: every part (or those counted, or not yet counted) with "
        "its booked quantity, a blank column to write the count, differences and signature lines."
    ): (
        "打印盘点表：列出全部配件（或已盘、未盘的配件）及账面数量，留空栏填写实盘数，"
        "并列出差异和签字栏。"
    ),
    "Only the parts counted already.": "只列已盘配件。",
    "Only the parts not counted yet.": "只列未盘配件。",
    # part stocktake show
    (
        "Show a stocktake's progress: parts counted and still to count, the differences, the "
        "audit trail."
    ): "查看盘点进度：已盘和未盘的配件、盘点差异及操作记录。",
    # part stocktake list
    "List the stocktakes, newest first, with parts counted and differences.": (
        "列出历次盘点（最新在前），含已盘配件数和差异项数。"
    ),
    # part stocktake finish
    (
        "Finish the open stocktake: book counted − booked of every counted part as an "
        "adjustment 盘盈/盘亏 (who and when recorded); parts not counted stay as they are. "
        "Prints the differences."
    ): (
        "完成盘点：每种已盘配件按“实盘数 − 账面数”记一笔盘盈/盘亏调整（记录操作人和时间）；"
        "未盘配件库存不变。完成后列出差异。"
    ),
    # part stocktake cancel
    "Cancel the open stocktake: nothing is booked; its counts stay on record.": (
        "取消进行中的盘点：不做任何库存调整；已录入的盘点数保留备查。"
    ),
    "Why the count is dropped.": "取消盘点的原因。",
}
