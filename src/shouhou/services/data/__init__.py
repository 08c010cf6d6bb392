"""Moving data in and out: ``importing/`` (spreadsheets), ``exporting`` (csv/json/xlsx),
``backup`` (online copy and restore), ``transfer`` (``db copy`` to another database, e.g.
PostgreSQL) and ``demo`` (the example data set of ``init --demo``)."""
