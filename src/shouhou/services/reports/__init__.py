"""Reports 报表 (DOMAIN §7, issue 14): read-only, each in one snapshot transaction.

- ``model``     the plain shape every report is built as (sections of columns and rows, an
  optional chart) and every format renders from
- ``snapshot``  one read transaction per report (SQLite WAL snapshot; PostgreSQL repeatable
  read, read only)
- ``kpi``       every KPI defined once, as a named SQL expression; ``kpi_queries`` runs them
  grouped, ``kpi_report`` builds ``report kpi``
- ``weekly``, ``monthly`` (+ ``monthly_cases``, ``trends``: the recurrence warnings),
  ``quality``, ``yearly``: the reports
- ``render`` (+ ``charts``: inline SVG)  txt / md / html / pdf / csv / json from a ``Report``

Reports may read every domain below them; nothing imports reports but the CLI.
"""
