"""The working calendar (DOMAIN §2): opening hours, statutory holidays with their make-up
working days, local overrides, and counting business time across them.

``working`` is the pure arithmetic (clocks); ``holidays`` loads the statutory package and the
days stored in the database into a calendar.
"""
