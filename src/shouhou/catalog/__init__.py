"""Message catalogues, one module per noun: ``MESSAGES = {key: (english, chinese)}``."""
