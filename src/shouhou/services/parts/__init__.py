"""Spare parts 配件 (DOMAIN §4, issue 12).

- ``ledger``     the append-only stock ledger: on-hand as its sum, every movement through
  :func:`ledger.move`, never below zero (the part row is locked first)
- ``catalogue``  parts: lookups, add/edit, list and show views (on-hand in one query)
- ``suppliers``  the qualified list 合格供方: ratings, warnings, removal
- ``movements``  receipts, scrap, the ledger view with running balances
- ``issuing``    parts to tickets with the bill's part lines, approvals, returns on cancel
- ``cores``      old parts 旧件 owed back to the factory, the warranty claim they block
- ``reorder``    low stock and the purchase plan by supplier
- ``stocktake``  counts 盘点, the count sheet, differences booked as adjustments

Parts may use tickets, customers and calendar; none of those imports parts.
"""
