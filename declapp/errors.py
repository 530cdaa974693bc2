"""The one base of every error that carries a sentence for the clerk."""

from __future__ import annotations


class ClerkError(Exception):
    """An error whose ``message`` is a whole Chinese sentence the clerk can act on.

    Windows and the command line show ``message`` as it is; anything else that escapes
    is a bug and is reported as one.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
