"""Errors a user can cause, carried as one clear line."""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input: a bad file, column, row or flag.

    The message is one line that names the file, row or column and says what
    to do; the CLI prints it as is and exits with status 2, the GUI shows it in
    a message box. It never carries a traceback to the user.
    """

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        return str(self)
