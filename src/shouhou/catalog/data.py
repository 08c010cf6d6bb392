"""Messages for data commands."""

MESSAGES: dict[str, tuple[str, str]] = {}
