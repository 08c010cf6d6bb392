"""Site visits 上门服务 / 回访 / 巡检 (DOMAIN §3, issue 11).

- ``records``   the visit row: kinds, states and the state machine, lookup by number, the audit
  entry every change writes, the JSON view, the list query
- ``schedule``  booking and re-booking an engineer (customer/device/ticket, the clash check)
- ``lifecycle`` arrival (one event with the ticket's on-site arrival) and the arrival KPI,
  done, missed, cancelled
- ``documents`` the printed visit record 上门服务记录 / 巡检记录 and the day's route sheet 派工单
- ``customer_file`` the engineer's customer file 客户档案: tickets, loans, returns and visits

Visits may use tickets, customers and calendar; none of those imports visits.
"""
