"""The working calendar (DOMAIN §2): opening hours, statutory holidays with their make-up
working days, local overrides, and counting business time across them.

``working`` is the pure arithmetic (clocks); ``statutory`` the official schedules (packaged up to
the last published year) and the statutory holidays computed by rule for later years;
``holidays`` the days stored in the database (added by hand or by ``calendar import``, read by
``schedule_file``) and the loading of a database's calendar.
"""
