"""The bundled demo: real handwritten digits a real classifier got wrong."""

from __future__ import annotations

import json
from pathlib import Path

from erroranalysis.core.categories import read_categories_file
from erroranalysis.core.paths import user_data_dir
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.sources import SourceOptions, create_session
from erroranalysis.resources import demo_dir


def demo_session_path() -> Path:
    return user_data_dir() / "demo.easession"


def open_demo_session(reset: bool = False) -> ReviewSession:
    """Open the demo session in the user data folder, creating it on first use.

    The images stay in the installed package (read-only is fine); only the
    session file is written, and never inside the package.
    """
    path = demo_session_path()
    folder = demo_dir()
    if path.exists() and not reset:
        session = ReviewSession.open(path)
        # The package may have moved (reinstall, a one-file bundle unpacks to a
        # new temp folder each run): point the images at where they are now.
        if session.meta("base_dir") != str(folder.resolve()):
            session.set_meta("base_dir", str(folder.resolve()))
        return session
    options = SourceOptions(categories=tuple(read_categories_file(folder / "categories.txt")))
    session = create_session(folder / "predictions.csv", path, options, overwrite=True)
    info = json.loads((folder / "demo.json").read_text(encoding="utf-8"))
    session.set_meta("human_error", str(info.get("human_error", "")))
    session.set_meta("title", str(info.get("title", "Demo")))
    return session
