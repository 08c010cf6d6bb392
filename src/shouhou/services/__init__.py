"""The business rules, one package per domain noun (docs/architecture.md).

- ``calendar/``  working hours, statutory holidays and make-up days, business-time arithmetic
- ``customers/`` customers, devices and their components, the warranty verdict, the files that
  ``customer show`` / ``device show`` print
- ``tickets/``   intake, the state machine, deadlines (SLA), repeats and three strikes, queries,
  charges and approvals, loans and returns, printed sheets
- ``visits/``    site visits (issue 11): booking engineers without clashes, arrival shared with
  the ticket's on-site clock, the on-time arrival KPI, done / missed / cancelled
- ``data/``      moving data in and out: spreadsheet import, export, backup/restore, database
  copy, the demo data set
- shared plumbing, usable by every domain: ``audit`` (the trail), ``config`` (settings),
  ``numbering`` (ticket numbers), ``paging`` (keyset pages), ``users`` (people, roles, who
  acts), ``info`` (``shouhou info``)

Rooms kept for the capabilities to come (ROADMAP): inspection plans and callbacks in
``visits/``, ``parts/`` (stock ledger, issues to tickets, reorder, stocktake, cores),
``feedback/`` (complaints and satisfaction surveys) and ``reports/`` (weekly, monthly, KPIs).

A package imports only those below it — calendar < customers < tickets < visits, parts,
feedback < reports; ``data`` may read all — never in a circle (``tests/test_architecture.py``).
Services take a session first, never commit, never print, never read the environment.
"""
