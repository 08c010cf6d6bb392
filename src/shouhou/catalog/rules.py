"""Messages for ticket rules: per-component warranty, repeats and three strikes, on-site and depot deadlines, tampered serials."""

MESSAGES: dict[str, tuple[str, str]] = {}
