"""Took Home: a private, encrypted, offline end-of-shift check-in."""

__version__ = "0.1.0"
APP_NAME = "Took Home"
