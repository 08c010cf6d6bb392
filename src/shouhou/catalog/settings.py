"""Messages for settings validation, the firm's time zone, holiday years and calendar import."""

MESSAGES: dict[str, tuple[str, str]] = {}
