"""Messages for ticket commands."""

MESSAGES: dict[str, tuple[str, str]] = {}
