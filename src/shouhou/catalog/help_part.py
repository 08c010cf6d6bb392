"""Chinese help of ``part add|edit|show|list|receive|scrap|ledger|reorder`` and ``part
supplier …``; the format is described in ``shouhou.catalog.help``."""

HELP: dict[str, str] = {
    # the group (cli/part/__init__.py, the root's command list in cli/app.py)
    "Spare parts 配件: catalogue, stock ledger, parts to tickets, reorder, stocktake.": (
        "配件：配件目录、出入库台账、工单领用、采购建议、盘点。"
    ),
    "Spare parts 配件: stock, reorder, stocktake, old parts.": "配件：库存、采购建议、盘点、旧件。",
    # shared
    "Part number (any case) or #id, e.g. KS-V100.": (
        "配件编号（不区分大小写）或 #编号，如 KS-V100。"
    ),
    "How many units, e.g. 5.": "数量（单位数），如 5。",
    "Part name 配件名称.": "配件名称。",
    "Unit of count 单位, e.g. 个, 套, m.": "计量单位，如 个、套、m。",
    "Unit of count 单位.": "计量单位。",
    "Model or specification 规格型号.": "规格型号。",
    "Unit cost to the firm, e.g. 1200.50.": "单位成本（公司进价），如 1200.50。",
    "Unit price charged to customers, e.g. 1680.": "向客户收取的单价，如 1680。",
    "Safety stock 安全库存: below it the part is low and reordered.": (
        "安全库存：库存低于此数即为库存不足，列入采购建议。"
    ),
    "Minimum stock 最低库存.": "最低库存。",
    "Maximum stock 最高库存: what a purchase plan orders up to.": (
        "最高库存：采购建议补货至此数。"
    ),
    "Supplier on the qualified list (see part supplier list).": (
        "合格供方名录中的供应商（见 part supplier list）。"
    ),
    # part add
    "Add a part to the catalogue. Its stock starts at 0: receive it with part receive.": (
        "在配件目录中添加配件。库存从 0 开始：用 part receive 入库。"
    ),
    "Key or valuable part 关键件: issuing it needs approval.": ("关键件/贵重件：领用须经审批。"),
    "Old part 旧件 must be returned to the factory when replaced.": ("更换下的旧件须返还厂家。"),
    # part edit
    (
        "Change catalogue fields of a part (recorded in the audit trail); what is not given "
        "stays as it is."
    ): "修改配件目录信息（记入操作记录）；未给出的项目保持不变。",
    "Key or valuable part 关键件.": "关键件/贵重件。",
    "Old part must be returned to the factory.": "旧件须返还厂家。",
    # part show
    (
        "Show a part: catalogue fields, supplier, on hand, issued this year, old parts still "
        "owed, the last 10 movements and the audit trail."
    ): "查看配件：目录信息、供应商、现有库存、本年领用、待返还旧件、最近 10 笔出入库及操作记录。",
    # part list
    "List parts by number with their stock on hand.": "按配件编号列出配件及现有库存。",
    "A piece of the number, name or spec.": "配件编号、名称或规格中的一段文字。",
    "Only parts of this supplier.": "仅列出此供应商的配件。",
    "Only parts below safety stock: on hand < safety stock (0: never low).": (
        "仅列出低于安全库存的配件：库存 < 安全库存（安全库存为 0 的配件不算）。"
    ),
    "Exit 3 when any part is listed (implies --low; for cron).": (
        "列出任何配件时以退出码 3 结束（隐含 --low；供定时任务使用）。"
    ),
    # part receive
    "Receive parts into stock 入库: a ledger row with supplier and unit cost.": (
        "配件入库：登记一笔含供应商和单位成本的入库记录。"
    ),
    "Delivered by this supplier (default the part's).": "送货供应商（默认为配件的供应商）。",
    "Unit cost paid (default the catalogue cost).": "实际单位成本（默认为目录成本）。",
    "Delivery note or purchase order number.": "送货单号或采购订单号。",
    "When it arrived (default now), e.g. -2d.": "到货时间（默认现在），如 -2d。",
    # part scrap
    "Scrap parts from stock 报废, with the reason; never more than are on hand.": (
        "配件报废并注明原因；报废数量不能超过现有库存。"
    ),
    "Why the parts are scrapped.": "报废原因。",
    # part ledger
    "A part's ledger 出入库台账: every movement, oldest first, with the balance after it.": (
        "配件出入库台账：按时间先后列出每笔出入库及其后的结存。"
    ),
    "From this day on (e.g. 2026-11-01, -30d); earlier ones open the list.": (
        "自此日起（如 2026-11-01、-30d）；此前的出入库合计为首行期初结存。"
    ),
    "Up to this day, included.": "截至此日（含当日）。",
    # part reorder
    (
        "The suggested purchase plan 采购建议: every part below its safety stock, ordered up "
        "to its maximum stock (no maximum: twice the safety stock), with the last 90 days' "
        "consumption (issued to tickets less returned; scrap not counted) and the cost at the "
        "catalogue's unit cost, grouped by supplier with subtotals; parts without a usable "
        "supplier last."
    ): (
        "采购建议：所有低于安全库存的配件，补货至最高库存（未设最高库存的补至安全库存的两倍），"
        "列出近 90 天用量（工单领用减退库，不含报废）及按目录单位成本计算的金额，"
        "按供应商分组并给出小计；无可用供应商的配件列在最后。"
    ),
    # part supplier
    "Suppliers 合格供方: the qualified list, rated on quality, price and delivery.": (
        "合格供方名录：按质量、价格、交付评价。"
    ),
    "Put a supplier on the qualified list (status qualified, not rated yet).": (
        "将供应商列入合格供方名录（状态为合格，尚未评价）。"
    ),
    "Supplier name, e.g. 上海阀门厂.": "供应商名称，如 上海阀门厂。",
    "Supplier name (any case and width) or #id.": "供应商名称（不区分大小写和全半角）或 #编号。",
    "List suppliers by name with their ratings, standing and how many parts name them.": (
        "按名称列出供应商及其评分、资格状态和供应配件数。"
    ),
    "Include suppliers removed from the list.": "包括已取消资格的供应商。",
    (
        "Show a supplier: ratings, standing, the parts naming it, the audit trail (warnings "
        "and removal with their reasons)."
    ): "查看供应商：评分、资格状态、供应的配件及操作记录（警告、取消资格及原因）。",
    "Rate a supplier 1–5 on quality, price and delivery; a rating not given stays.": (
        "按质量、价格、交付为供应商评分（1–5）；未给出的项目保持不变。"
    ),
    "Quality 质量, 1 (poor) to 5 (best).": "质量评分，1（差）到 5（好）。",
    "Price 价格, 1 (poor) to 5 (best).": "价格评分，1（差）到 5（好）。",
    "Delivery 交付, 1 (poor) to 5 (best).": "交付评分，1（差）到 5（好）。",
    (
        "Warn a supplier 警告: it stays on the list, shown as warned; the reason is kept."
    ): "警告供应商：仍在名录中，标记为警告，并记录原因。",
    "Why, for the record.": "原因（记入记录）。",
    (
        "Remove a supplier from the qualified list: it can no longer be chosen for a part or a "
        "receipt (parts naming it keep it until edited; the purchase plan lists them without "
        "a supplier)."
    ): (
        "取消供应商的合格供方资格：此后不能再为配件或入库选用该供应商（已登记该供应商的配件"
        "保留至修改为止；采购建议中将其列为无供应商）。"
    ),
}
