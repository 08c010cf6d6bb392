"""Messages of the printed visit documents: the visit record, the route sheet and the visits
in the customer file (``shouhou visit sheet|route``, ``customer file``; DOMAIN §3)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # a checklist item as filled on an inspection (table visit_check)
    "visit_check.ok": ("OK", "正常"),
    "visit_check.not_ok": ("not OK", "异常"),
    "visit_check.value": ("measured", "实测"),
}
