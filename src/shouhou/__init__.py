"""shouhou — after-sales service department on the command line."""

__version__ = "0.1.0"
