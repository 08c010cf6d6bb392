"""The agenda 今日待办 (issue 11): what the clerk, the engineers and the manager have to do
today, read across the domains — level with the reports, above tickets, visits, parts and
feedback, which never import it.

- ``today``  ``shouhou today``: tickets late or due today, due and missed visits, today's
  bookings per engineer, spare units out too long; one builder function per section
"""
