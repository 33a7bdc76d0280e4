"""The one exception type for problems a user can cause and fix.

Bad input files, bad configuration and unknown models all raise :class:`NotelintError`; the CLI
turns it into a one-line message and exit status 2. Anything else is a bug and is not caught.
"""

from __future__ import annotations


class NotelintError(Exception):
    """A user-fixable problem, with a message fit to print on one line."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        message = self.args[0]
        return f"{self.path}: {message}" if self.path else message
