"""Where the bundled resources (demo sample, icons) live: installed, frozen or checkout."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The folder holding the bundled resources.

    A wheel and the PyInstaller bundle copy ``resources/`` into the package as
    ``erroranalysis/resources``; a source checkout (editable install) has it at
    the repository's top level.
    """
    here = Path(__file__).resolve().parent
    candidates = [here / "resources_data", here.parent / "resources"]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "erroranalysis" / "resources_data")
    for candidate in candidates:
        if (candidate / "demo").is_dir():
            return candidate
    raise FileNotFoundError(
        "erroranalysis resources are missing: reinstall the package (looked in "
        + ", ".join(str(c) for c in candidates)
        + ")"
    )


def demo_dir() -> Path:
    """The bundled demo sample: predictions.csv, images/ and categories.txt."""
    return resources_dir() / "demo"
