"""Tickets 工单 (DOMAIN §1–§2), from the phone call to the close.

- ``intake``     a request becomes a ticket: number, warranty verdict, deadlines, repeat check
- ``lifecycle``  the state machine: assign, reply, arrive, diagnose, resolve, close, reopen,
  cancel, wait/resume, escalate
- ``records``    lookup, the status log and audit entries each change writes, guards, the SLA
  state stored on the row after every event, list filters
- ``deadlines``  budgets per severity and zone, pauses, milestone states (pure)
- ``sla``        the ticket's SLA state from its log (and what the row stores of it): lateness,
  urgency, auto-escalation, the spare-unit prompt
- ``ranking``    the same urgency and lateness in SQL over the stored state, for lists
- ``repeats``    the same fault again on the same device; three strikes 三包
- ``charges``    parts, labour and travel; what needs approval, and when it holds
- ``approvals``  who may approve: an entitled role, no hand in the job at any time
- ``returns``    spare-unit loans, returns and exchanges
- ``queries``    the views ``ticket list / show / overdue`` print
- ``documents``  data for the service report sheet and the return slip
"""
