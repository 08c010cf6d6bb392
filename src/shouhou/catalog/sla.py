"""Messages for the SLA state stored on tickets: spare-unit prompts, lists by urgency."""

MESSAGES: dict[str, tuple[str, str]] = {}
