"""The bundled demo: real handwritten digits a real classifier got wrong."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from erroranalysis.core.categories import Category, read_categories_file
from erroranalysis.core.paths import user_data_dir
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.sources import SourceOptions, create_session
from erroranalysis.i18n import QT_TRANSLATE_NOOP, translate
from erroranalysis.resources import demo_dir

#: The demo's categories as ``resources/demo/categories.txt`` has them (written by
#: scripts/make_demo.py), for the catalogue: the demo session is made in the user's
#: language, like a new session's default categories. Stored names are data: they are
#: translated when the session is made, never afterwards. (A test checks that every
#: name and description of categories.txt is listed here.)
DEMO_TEXTS = (
    QT_TRANSLATE_NOOP("demo", "looks like the prediction"),
    QT_TRANSLATE_NOOP("demo", "even a person could read it as the predicted digit"),
    QT_TRANSLATE_NOOP("demo", "faint or broken stroke"),
    QT_TRANSLATE_NOOP("demo", "thin, light or gappy ink; a stroke is missing or broken"),
    QT_TRANSLATE_NOOP("demo", "unusual writing style"),
    QT_TRANSLATE_NOOP("demo", "a legible but uncommon way of writing this digit"),
    QT_TRANSLATE_NOOP("demo", "cut off or off-centre"),
    QT_TRANSLATE_NOOP("demo", "the digit is cropped, shifted or badly scaled in its box"),
    QT_TRANSLATE_NOOP("demo", "incorrect label"),
    QT_TRANSLATE_NOOP("demo", "the true label itself is wrong"),
    QT_TRANSLATE_NOOP("demo", "Handwritten digits (UCI / scikit-learn)"),
)


def demo_categories() -> list[Category]:
    """The demo's categories in the language spoken now (see :data:`DEMO_TEXTS`)."""
    return [
        replace(
            c,
            name=translate("demo", c.name),
            description=translate("demo", c.description) if c.description else "",
        )
        for c in read_categories_file(demo_dir() / "categories.txt")
    ]


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
    options = SourceOptions(categories=tuple(demo_categories()))
    session = create_session(folder / "predictions.csv", path, options, overwrite=True)
    info = json.loads((folder / "demo.json").read_text(encoding="utf-8"))
    session.set_meta("human_error", str(info.get("human_error", "")))
    session.set_meta("title", translate("demo", str(info.get("title", "Demo"))))
    return session
