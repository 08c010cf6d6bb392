"""Reports 报表 (DOMAIN §7, issue 14): read-only, each in one snapshot transaction.

- ``model``    the plain shape every report is built as (sections of columns and rows, an
  optional chart) and every format renders from
- ``kpi``      every KPI defined once, aggregated in SQL
- ``weekly``, ``monthly``, ``quality``, ``yearly``: the reports
- ``render``   txt / md / html (inline SVG charts) / pdf / csv / json from a ``Report``

Reports may read every domain below them; nothing imports reports but the CLI.
"""
