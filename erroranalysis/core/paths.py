"""Per-user folders (no Qt: the CLI and the core use them too)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


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
