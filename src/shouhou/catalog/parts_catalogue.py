"""Messages of the parts catalogue, suppliers, receipts and scrap, the ledger, low stock and
the purchase plan (``shouhou part add|edit|show|list|receive|scrap|ledger|reorder|supplier``,
DOMAIN §4)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # errors: parts
    "err.part_not_found": (
        "error: no part '{ref}' — give a part number (see `shouhou part list --search`) or #id",
        "错误：找不到配件 '{ref}' — 请给出配件编号（见 `shouhou part list --search`）或 #编号",
    ),
    "err.part_ambiguous": (
        "error: '{ref}' matches {candidates} — type the part number exactly as written",
        "错误：'{ref}' 对应多个配件：{candidates} — 请按原样输入配件编号（区分大小写）",
    ),
    "err.part_exists": (
        "error: part {number} is already in the catalogue — change it with "
        "`shouhou part edit {number}`",
        "错误：配件 {number} 已在目录中 — 修改请用 `shouhou part edit {number}`",
    ),
    "err.part_number": (
        "error: part number '{value}' starts with # or has characters that cannot be typed "
        "— use letters, digits and signs such as - / .",
        "错误：配件编号 '{value}' 以 # 开头或含有无法输入的字符 — 请使用字母、数字及 - / . 等符号",
    ),
    "err.part_field_long": (
        "error: {field} is longer than {max} characters — shorten it",
        "错误：{field} 超过 {max} 个字 — 请缩短",
    ),
    "err.part_limit_range": (
        "error: --{field} {value} is not allowed — give a whole number from 0 to {high}",
        "错误：--{field} {value} 无效 — 请给出 0 到 {high} 的整数",
    ),
    "err.part_limits": (
        "error: maximum stock {max} is below the minimum ({min}) or the safety stock "
        "({safety}) — raise --max or lower --min/--safety",
        "错误：最高库存 {max} 低于最低库存（{min}）或安全库存（{safety}）— "
        "请提高 --max 或降低 --min/--safety",
    ),
    "err.part_edit_nothing": (
        "error: nothing to change — give at least one field, e.g. --price 1750",
        "错误：没有要修改的内容 — 请至少给出一项，如 --price 1750",
    ),
    "err.part_supplier_removed": (
        "error: {number}'s supplier {name} was removed from the qualified list — give "
        "--supplier, or change the part's with `shouhou part edit {number} --supplier NAME`",
        "错误：{number} 的供应商 {name} 已取消合格供方资格 — 请用 --supplier 指定，"
        "或用 `shouhou part edit {number} --supplier 名称` 更换",
    ),
    "err.part_ledger_range": (
        "error: --to is before --from — give --to on or after --from",
        "错误：--to 早于 --from — 截止日期须不早于开始日期",
    ),
    # errors: suppliers
    "err.supplier_not_found": (
        "error: no supplier '{name}' — see `shouhou part supplier list --all`, or add it with "
        "`shouhou part supplier add NAME`",
        "错误：找不到供应商 '{name}' — 见 `shouhou part supplier list --all`，"
        "或用 `shouhou part supplier add 名称` 添加",
    ),
    "err.supplier_exists": (
        "error: supplier {name} is already on the list — see `shouhou part supplier show {name}`",
        "错误：供应商 {name} 已在名录中 — 见 `shouhou part supplier show {name}`",
    ),
    "err.supplier_removed": (
        "error: supplier {name} was removed from the qualified list — choose a qualified "
        "supplier (`shouhou part supplier list`)",
        "错误：供应商 {name} 已取消合格供方资格 — 请选择合格供方（`shouhou part supplier list`）",
    ),
    "err.supplier_already_removed": (
        "error: supplier {name} is already removed — nothing to change",
        "错误：供应商 {name} 已取消资格 — 无需再操作",
    ),
    "err.supplier_rating": (
        "error: --{field} {value} is not a rating — give {low} (poor) to {high} (best)",
        "错误：--{field} {value} 不是有效评分 — 请给 {low}（差）到 {high}（好）",
    ),
    "err.supplier_rate_nothing": (
        "error: no rating given — give --quality, --price and/or --delivery (1–5)",
        "错误：未给出评分 — 请给出 --quality、--price 和/或 --delivery（1–5）",
    ),
    # import
    "problem.supplier_removed": (
        "supplier removed from the qualified list — name a qualified supplier or leave it empty",
        "该供应商已取消合格供方资格 — 请填写合格供方或留空",
    ),
    "problem.count_too_large": (
        "more than {high} — check the count",
        "超过 {high} — 请核对盘点数",
    ),
    "msg.import_suppliers_created": (
        "Also put {count} supplier(s) named in the sheet on the qualified list",
        "另将表中的 {count} 个供应商列入合格供方名录",
    ),
    "msg.import_would_suppliers": (
        "{count} supplier(s) named in the sheet would be put on the qualified list",
        "将把表中的 {count} 个供应商列入合格供方名录",
    ),
    "msg.import_stock_booked": (
        "Booked the counted stock of {count} part(s) as adjustments",
        "已按盘点数为 {count} 种配件登记盘点调整",
    ),
    "msg.import_would_book_stock": (
        "The counted stock of {count} part(s) would be booked as adjustments",
        "将按盘点数为 {count} 种配件登记盘点调整",
    ),
    # messages
    "msg.part_added": ("Added part {number} {name}.", "已添加配件 {number} {name}。"),
    "msg.part_updated": ("Updated part {number}: {fields}.", "已修改配件 {number}：{fields}。"),
    "msg.part_unchanged": (
        "Part {number}: nothing changed.",
        "配件 {number}：没有变化。",
    ),
    "msg.part_none_low": ("No part is below its safety stock.", "没有低于安全库存的配件。"),
    "msg.part_received": (
        "Received {quantity} {unit} of {number} {name}; on hand {on_hand}.",
        "已入库 {number} {name} {quantity} {unit}；现有库存 {on_hand}。",
    ),
    "msg.part_received_from": (
        "Received {quantity} {unit} of {number} {name} from {supplier}; on hand {on_hand}.",
        "已入库 {number} {name} {quantity} {unit}（供应商 {supplier}）；现有库存 {on_hand}。",
    ),
    "msg.part_scrapped": (
        "Scrapped {quantity} {unit} of {number} {name}; on hand {on_hand}.",
        "已报废 {number} {name} {quantity} {unit}；现有库存 {on_hand}。",
    ),
    "warn.supplier_warned": (
        "note: supplier {name} has been warned — see `shouhou part supplier show {name}`",
        "提示：供应商 {name} 已被警告 — 见 `shouhou part supplier show {name}`",
    ),
    "msg.supplier_added": (
        "Added supplier {name} to the qualified list.",
        "已将供应商 {name} 列入合格供方名录。",
    ),
    "msg.supplier_rated": (
        "Rated {name}: quality {quality}, price {price}, delivery {delivery} (score {score}).",
        "已评价 {name}：质量 {quality}、价格 {price}、交付 {delivery}（综合 {score}）。",
    ),
    "msg.supplier_warned": ("Warned supplier {name}.", "已警告供应商 {name}。"),
    "msg.supplier_removed": (
        "Removed supplier {name} from the qualified list.",
        "已取消供应商 {name} 的合格供方资格。",
    ),
    "msg.reorder_nothing": (
        "No part is below its safety stock — nothing to order.",
        "没有低于安全库存的配件 — 无需采购。",
    ),
    "reorder.no_supplier": ("No usable supplier", "无可用供应商"),
    "reorder.removed": (
        "Supplier removed from the list: {names} — choose another.",
        "已取消资格的供应商：{names} — 请另选供应商。",
    ),
    "reorder.subtotal": ("Subtotal: {amount}", "小计：{amount}"),
    "reorder.total": ("Total: {amount} for {parts} parts", "合计：{amount}（{parts} 种配件）"),
    "reorder.unpriced": ("({count} without a unit cost)", "（{count} 种无单位成本）"),
    "part.low": ("below safety stock", "低于安全库存"),
    # sections
    "section.part": ("Part", "配件"),
    "section.part_moves": ("Latest movements", "最近出入库"),
    "section.supplier": ("Supplier", "供应商"),
    "section.supplier_parts": ("Parts", "供应配件"),
    "section.today_low_stock": ("Parts below safety stock", "低于安全库存的配件"),
    # column headers
    "col.part_number": ("Part no.", "配件编号"),
    "col.part_name": ("Name", "名称"),
    "col.part_spec": ("Spec", "规格型号"),
    "col.part_unit": ("Unit", "单位"),
    "col.on_hand": ("On hand", "库存"),
    "col.safety_stock": ("Safety", "安全库存"),
    "col.max_stock": ("Max", "最高库存"),
    "col.stock_limits": ("Safety / min / max", "安全 / 最低 / 最高库存"),
    "col.part_cost": ("Unit cost", "单位成本"),
    "col.part_price": ("Price", "售价"),
    "col.supplier": ("Supplier", "供应商"),
    "col.key_part": ("Key part", "关键件"),
    "col.core_return": ("Old part returned", "旧件返还"),
    "col.issued_this_year": ("Issued this year", "本年领用"),
    "col.cores_pending": ("Old parts owed", "待返还旧件"),
    "col.move_kind": ("Movement", "类别"),
    "col.balance": ("Balance", "结存"),
    "col.unit_cost": ("Unit cost", "单位成本"),
    "col.move_source": ("From / to", "来源/去向"),
    "col.move_note": ("Reason / ref", "原因/单据"),
    "col.order_quantity": ("Order", "建议采购"),
    "col.consumption_90d": ("Used 90 d", "近90天用量"),
    "col.line_cost": ("Cost", "金额"),
    "col.rating_quality": ("Quality", "质量"),
    "col.rating_price": ("Price", "价格"),
    "col.rating_delivery": ("Delivery", "交付"),
    "col.rating_score": ("Score", "综合"),
    "col.supplier_parts": ("Parts", "配件数"),
    # values
    "move_kind.receive": ("receive", "入库"),
    "move_kind.issue": ("issue", "领用"),
    "move_kind.return": ("return", "退库"),
    "move_kind.scrap": ("scrap", "报废"),
    "move_kind.adjust": ("adjust", "盘点调整"),
    "move_kind.opening": ("opening balance", "期初结存"),
    "supplier_status.qualified": ("qualified", "合格"),
    "supplier_status.warned": ("warned", "警告"),
    "supplier_status.removed": ("removed", "已取消"),
    # audit trail actions
    "action.part_add": ("part added", "添加配件"),
    "action.supplier_add": ("supplier added", "添加供应商"),
    "action.supplier_rate": ("rated", "评价"),
    "action.supplier_warn": ("warned", "警告"),
    "action.supplier_remove": ("removed", "取消资格"),
}
