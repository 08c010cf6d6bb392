"""Spreadsheet import: customers, devices, tickets and parts from .csv or .xlsx (moving to shouhou).

Rules the import owns (one module per step: ``readers`` → ``columns`` → ``converters`` → ``rows``,
then one writer per kind over ``writing``; ``run`` ties them together):

- Files: CSV in UTF-8, UTF-8 with BOM or GB18030 (detected: BOM → utf-8-sig, else strict
  UTF-8, else GB18030); .xlsx read with python-calamine. Row numbers in reports are
  the spreadsheet's own (the header is row 1 when it is the first row).
- Headers: English or Chinese names (客户名称, 出厂编号, …), matched after normalising width,
  case, spaces and ``(…)`` notes; ``--map COLUMN=FIELD`` overrides, ``COLUMN=-`` ignores a column.
- Natural keys make re-runs idempotent: customer = name + phone, device = serial, ticket =
  external number, part = part number. A matching record whose fields differ is *updated*; an
  identical one is *skipped*. An empty cell never erases what shouhou already holds.
- All or nothing: every row is checked first; one bad row means nothing is written and the
  report names each problem (row, column, value, why). Customers, devices and parts are
  written with SQLAlchemy Core ``executemany`` in the command's single transaction; tickets go
  through the tickets service one row at a time (deadlines, numbering, warranty verdict).
- One audit entry per import (entity ``import``) carries the counts, not one per row.
"""
