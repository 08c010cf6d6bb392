"""Site visits 上门服务 / 回访 / 巡检 (DOMAIN §3, issue 11).

- ``records``   the visit row: kinds, states and the state machine, lookup by number, the audit
  entry every change writes, the JSON view, the list query
- ``schedule``  booking and re-booking an engineer (customer/device/ticket, the clash check)
- ``lifecycle`` arrival (one event with the ticket's on-site arrival) and the arrival KPI,
  done, missed, cancelled

Visits may use tickets, customers and calendar; none of those imports visits.
"""
