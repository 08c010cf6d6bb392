"""Spare parts 配件 (DOMAIN §4, issue 12).

- ``ledger``     the append-only stock ledger: on-hand as its sum, every movement through
  :func:`ledger.move`, never below zero (the part row is locked first)
- ``catalogue``  parts and suppliers (the qualified list), lookups, views
- ``issuing``    parts to tickets (with the bill's part lines), approvals, old-part returns
- ``reorder``    low stock and the purchase plan
- ``stocktake``  counts and their adjustments, the opening stock

Parts may use tickets, customers and calendar; none of those imports parts.
"""
