"""SQLite's errors in the reviewer's words: the real cause, never "damaged" by guess.

A write can fail because the disk is full, the file or its folder is
read-only, or another program holds the lock; only SQLite's own "malformed"
(or a failed ``integrity_check``) means the file is damaged.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from erroranalysis.core.errors import UserError

#: (fragment of SQLite's message, what to tell the reviewer), first match wins.
_CAUSES = (
    ("database is locked", "another program is writing the session file (it is locked); "
     "try again in a moment"),
    ("database table is locked", "another program is writing the session file (it is "
     "locked); try again in a moment"),
    ("readonly database", "the session file is read-only here (a read-only file, folder or "
     "drive); open a copy you can write, or open it read-only"),
    ("read-only", "the session file is read-only here; open a copy you can write"),
    ("disk is full", "the disk is full; free some space and try again"),
    ("disk i/o error", "the disk reported an error while writing the session file"),
    ("unable to open database file", "the session file cannot be opened (is its folder "
     "still there and readable?)"),
    ("malformed", "the session file is damaged"),
    ("not a database", "the file is not a session (not an SQLite database)"),
    ("no such table", "the session file is missing part of its data (a table was dropped)"),
)


def describe_sqlite_error(error: sqlite3.Error) -> str:
    """One line naming the cause of an SQLite error, for a message or the status bar."""
    if getattr(error, "unreachable", None) is not None:
        return str(error)  # a session server's error (store/postgres.py): already one line
    text = str(error)
    lowered = text.lower()
    for fragment, cause in _CAUSES:
        if fragment in lowered:
            return cause
    return f"the session file could not be written ({text})"


class SessionWriteError(UserError):
    """An edit was not saved; ``cause`` says why in the reviewer's words."""

    def __init__(self, path: Path | str, cause: str) -> None:
        # A file, or a server session's URL (without password), which Path would mangle.
        self.where = str(path)
        self.path = Path(path)
        self.cause = cause
        super().__init__(f"{self.where}: not saved: {cause}")
