"""Customers and their devices (DOMAIN §1): the customer file, devices with components and
service contracts, and the warranty verdict (whole unit and per component, at a given date).

``customers`` and ``devices`` own the records; ``warranty`` is the pure rule; ``files`` builds
what ``customer show`` and ``device show`` print.
"""
