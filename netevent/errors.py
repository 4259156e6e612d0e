"""One family for problems a person can fix: the CLI prints them on one line (exit 2), the app shows them in place."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can act on. `message` says what is wrong and what to do; `field` names where, if known."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.message = message
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)
