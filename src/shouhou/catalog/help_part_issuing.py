"""Chinese help of ``part issue|restock|cores|core-returned`` and of what issue 12 added to
``ticket charge``; the format is described in ``shouhou.catalog.help``."""

HELP: dict[str, str] = {
    "The catalogue part number 配件编号, e.g. KS-V100.": "配件目录中的配件编号，如 KS-V100。",
    "How many, in whole units of the part.": "数量，按配件的计量单位取整数。",
    "The ticket the part goes to or comes back from (number or id).": (
        "领用或退库所属的工单（工单号或编号）。"
    ),
    # part issue
    (
        "Issue a part to a ticket 领用: QTY more on the ticket's bill (at the catalogue price) "
        "and out of stock in one step. Refused when the shelf has fewer (it says how many are "
        "left)."
    ): (
        "向工单领用配件：一步完成——工单费用中增加该配件 QTY 个（按目录单价），同时出库。"
        "库存不足时拒绝（并说明还剩多少）。"
    ),
    (
        "Approver (supervisor or above, not on the job): needed for a key part or a value "
        "above the setting parts.approval_threshold."
    ): (
        "审批人（主管及以上，且未参与该工单）：领用关键件或金额超过设置项 "
        "parts.approval_threshold 时必填。"
    ),
    # part restock
    (
        "Return a part from a ticket to stock 退库: QTY off the ticket's bill and back on the "
        "shelf (an old part owed for it is owed no more)."
    ): ("工单配件退库：从工单费用中减去 QTY 个并退回库存（对应的待返还旧件随之取消）。"),
    # part cores
    (
        "List old parts 旧件 owed back to the factory, oldest first, with their age in days "
        "(since the issue; for a returned one, until it went back)."
    ): ("列出须返还厂家的旧件，最早的在前，附天数（自领用起算；已返还的算到返还之日）。"),
    "Only old parts not yet returned.": "仅列出尚未返还的旧件。",
    "Only the old parts of this ticket.": "仅列出此工单的旧件。",
    # part core-returned
    "Mark an old part 旧件 as returned to the factory; a warranty claim it blocked is free.": (
        "登记旧件已返还厂家；因其受阻的保修索赔随之解除。"
    ),
    "Old-part return id (from part cores), or a part number with --ticket.": (
        "旧件返还记录编号（见 part cores），或配件编号加 --ticket。"
    ),
    "With a part number: every pending one of that ticket.": (
        "与配件编号同用：该工单此配件所有待返还的旧件。"
    ),
    "Only this many of it came back (default all).": "只返还了这么多（默认全部）。",
    "Waybill, factory receipt, remarks.": "运单号、厂家回执、备注。",
    # ticket charge (issue 12: parts issued from stock with the bill)
    (
        "A catalogue part is issued from stock in the same step (refused when the shelf has "
        "too few); fewer parts than before go back to stock."
    ): ("目录中的配件同时从库存领用（库存不足则拒绝）；配件比之前少时，多出的退回库存。"),
    (
        "Approver of the parts issued (supervisor or above, not on the job): needed for a key "
        "part or a value above the setting parts.approval_threshold."
    ): (
        "领用配件的审批人（主管及以上，且未参与该工单）：领用关键件或金额超过设置项 "
        "parts.approval_threshold 时必填。"
    ),
}
