"""Messages for users and roles (shouhou user …) and approvals."""

MESSAGES: dict[str, tuple[str, str]] = {}
