"""Customer feedback (DOMAIN §5–§6, issue 13).

- ``complaints``  complaints 投诉: the deadlines (24 h clock, 2 working days), the state
  machine — answer, handling opinion with CAPA, closing with the customer's confirmation,
  reopening; ``complaint_intake`` the receipt (number, manager, links);
  ``complaint_recurrence`` repeats of the same issue or cause; ``complaint_views`` lists,
  show, the agenda rows; ``complaint_documents`` the handling form 投诉处理单
- ``surveys``     satisfaction and product surveys, pending surveys, statistics, campaigns,
  the follow-up callback a low score calls for

Feedback may use visits, tickets, customers and calendar; none of those imports feedback.
"""
