"""Messages of spare parts (shouhou part …, DOMAIN §4): the stock ledger."""

MESSAGES: dict[str, tuple[str, str]] = {
    "err.stock_short": (
        "error: only {left} {unit} of {number} in stock, {wanted} wanted — receive stock first "
        "(`shouhou part receive {number} QTY`) or issue fewer",
        "错误：{number} 库存仅 {left} {unit}，需要 {wanted} — 请先入库"
        "（`shouhou part receive {number} 数量`）或减少数量",
    ),
    "err.stock_quantity": (
        "error: {field} {value} is not allowed — give a whole number from 1 to {high}",
        "错误：{field} {value} 无效 — 请给出 1 到 {high} 的整数",
    ),
}
