"""Customer feedback (DOMAIN §5–§6, issue 13).

- ``complaints``  complaints 投诉: receipt, deadlines in working time, answer, CAPA, closing
  with the customer's confirmation, recurrence
- ``surveys``     satisfaction and product surveys, pending surveys, statistics, campaigns,
  the follow-up callback a low score calls for

Feedback may use visits, tickets, customers and calendar; none of those imports feedback.
"""
