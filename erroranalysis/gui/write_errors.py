"""What a failed write looks like to the reviewer: one line naming the cause.

An edit can fail because the disk is full, the session file or its folder is
read-only, or another program holds the file's lock. The window never shows
such an edit as saved, and says which of these it was.
"""

from __future__ import annotations

import sqlite3

from erroranalysis.core.errors import UserError
from erroranalysis.core.session_errors import SessionWriteError, describe_sqlite_error
from erroranalysis.gui.i18n import translate

#: The exceptions a session write can raise that the window reports instead of crashing.
WRITE_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error, UserError, OSError)


def describe_write_error(error: BaseException) -> str:
    """``Not saved: the disk is full …`` — one line for the status bar and the banner."""
    if isinstance(error, SessionWriteError):
        return translate("write_errors", "Not saved: {cause}").format(cause=error.cause)
    if isinstance(error, UserError):
        return translate("write_errors", "Not saved: {error}").format(error=error)
    if isinstance(error, sqlite3.Error):
        return translate("write_errors", "Not saved: {0}").format(describe_sqlite_error(error))
    if isinstance(error, OSError):
        return translate("write_errors", "Not saved: {0}").format(error.strerror or error)
    return translate("write_errors", "Not saved: {error}").format(error=error)
