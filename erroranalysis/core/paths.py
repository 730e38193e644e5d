"""Per-user folders (no Qt: the CLI and the core use them too)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path


def is_session_file(path: str | Path) -> bool:
    """A session file (or another SQLite database), by its first bytes; False when
    it cannot be read (whoever opens it says why)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def user_data_dir() -> Path:
    """Where the app keeps its own files (the demo session, recent sessions).

    ``ERRORANALYSIS_DATA_DIR`` overrides it (tests, portable installs).
    """
    override = os.environ.get("ERRORANALYSIS_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "erroranalysis"


def replace_target(path: str | Path) -> Path | None:
    """Where a write by "temporary file beside it, then rename" must rename to.

    A symbolic link to a file stays a link: its target is replaced. A path that
    is not a regular file (``/dev/stdout``, a named pipe, a terminal) returns
    None: it must be written in place, since a rename would put a plain file
    where the device or the link was (as root, ``-o /dev/stdout`` replaced
    ``/dev/stdout`` itself).
    """
    try:
        mode = os.stat(path).st_mode  # follows links: what a write would reach
    except OSError:
        return Path(path)  # nothing there yet (or unreadable: the write will say)
    if not stat.S_ISREG(mode):
        return None
    return Path(os.path.realpath(path))
