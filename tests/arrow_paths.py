"""Run a test on the core's Arrow paths and on the paths it takes without pyarrow.

The standalone executable has no pyarrow (``erroranalysis/core/optional_arrow.py``);
every module that uses it checks ``pa is None`` at call time, so setting those
names to None in-process takes the Python paths while the rest of the test stays as
it is. CI also runs the core's tests in an environment without pyarrow at all.
"""

from __future__ import annotations

import importlib

import pytest

from erroranalysis.core.optional_arrow import HAS_ARROW

#: Every module that imports from optional_arrow (test_without_arrow.py checks the list).
MODULES = (
    "optional_arrow", "csvio", "numbers", "cell_text", "session", "spreadsheet", "slices",
)
_NAMES = ("pa", "pc", "pa_csv", "pa_json")
NO_ARROW_REASON = "pyarrow is not installed (the executable's environment)"


def take_the_python_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the core behave as it does without pyarrow, until the test ends."""
    for name in MODULES:
        module = importlib.import_module(f"erroranalysis.core.{name}")
        for attribute in _NAMES:
            if hasattr(module, attribute):
                monkeypatch.setattr(module, attribute, None)
    monkeypatch.setattr("erroranalysis.core.optional_arrow.HAS_ARROW", False)
    # The dtype text is read into without pyarrow: Python objects.
    monkeypatch.setattr("erroranalysis.core.csvio._STRING_DTYPE", None)
    monkeypatch.setattr("erroranalysis.core.csvio.STRING_DTYPE", None)
    monkeypatch.setattr("erroranalysis.core.predictions.STRING_DTYPE", None)


#: Parameters of a fixture that runs a test both ways (the Arrow one only where it exists).
PATHS = [
    pytest.param("arrow", marks=pytest.mark.skipif(not HAS_ARROW, reason=NO_ARROW_REASON)),
    "python",
]


def take(paths: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Take the paths a ``PATHS`` parameter names."""
    if paths == "python":
        take_the_python_paths(monkeypatch)
