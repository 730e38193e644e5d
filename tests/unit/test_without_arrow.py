"""The core without pyarrow (the standalone executable) gives what it gives with it.

Each Arrow fast path against the Python path taken without pyarrow, on the same
awkward input, in one process (``tests/arrow_paths.py``); the golden files of
``test_outputs_unchanged.py`` hold for both as well, and CI runs the core's tests
again in an environment that has no pyarrow at all.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erroranalysis.core import csvio, numbers, spreadsheet
from erroranalysis.core.optional_arrow import HAS_ARROW
from tests.arrow_paths import MODULES, NO_ARROW_REASON, take_the_python_paths

pytestmark = pytest.mark.skipif(not HAS_ARROW, reason=NO_ARROW_REASON)

_CELLS = st.one_of(
    st.sampled_from(["", "0", "1", "n/a", "=1+1", "-0.5", "'x", 'a"b', "x;=1", "a\nb", "é中",
                     "\t=x", "a|@b", " 1 ", "1e5", "-x"]),
    st.text(st.characters(min_codepoint=1, max_codepoint=0x2FFF, blacklist_categories=("Cs",)),
            max_size=8),
)


def _both(monkeypatch: pytest.MonkeyPatch, work):
    """``work()`` on the Arrow paths, then on the Python ones."""
    fast = work()
    with monkeypatch.context() as patch:
        take_the_python_paths(patch)
        slow = work()
    return fast, slow


def test_every_user_of_pyarrow_is_switched_by_the_tests() -> None:
    """A module that starts using pyarrow must be in MODULES, or its Python path is
    never tested in-process."""
    root = Path(csvio.__file__).parent
    users = {
        path.stem
        for path in root.rglob("*.py")
        if re.search(r"from erroranalysis\.core\.optional_arrow import|^import pyarrow",
                     path.read_text(encoding="utf-8"), re.MULTILINE)
    }
    assert users <= set(MODULES), users - set(MODULES)
    assert not any(
        re.search(r"^\s*(import pyarrow|from pyarrow)", path.read_text(encoding="utf-8"),
                  re.MULTILINE)
        for path in root.parent.rglob("*.py") if path.name != "optional_arrow.py"
    ), "import pyarrow through erroranalysis.core.optional_arrow"


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(st.lists(_CELLS, min_size=3, max_size=3), min_size=0, max_size=8),
    header=st.lists(_CELLS, min_size=1, max_size=3),
    delimiter=st.sampled_from(csvio.DELIMITERS),
    missing=st.booleans(),
)
def test_the_csv_bytes_are_the_same(rows, header, delimiter, missing) -> None:
    width = len(header)
    columns = [[r[i % 3] for r in rows] for i in range(width)]
    if missing and rows:
        columns[0][0] = None  # a missing cell is written empty either way
    fast = b"".join(bytes(p) for p in csvio._render_bytes(header, columns, delimiter, "\r\n"))
    slow = b"".join(csvio._render_python(header, columns, delimiter, "\r\n"))
    assert fast == slow
    assert csvio.escape_column(columns[0] if columns else []).tolist() == [
        csvio.escape_cell(t) for t in csvio.python_text(columns[0] if columns else [])
    ]


def test_a_column_of_numbers_is_written_as_str_writes_them(monkeypatch) -> None:
    columns = [np.array([1.5, np.nan, 3.0]), ["a", None, "=b"]]
    fast, slow = _both(monkeypatch, lambda: csvio.render_columns(["x", "y"], columns))
    assert fast == slow == "x,y\n1.5,a\nnan,\n3.0,'=b\n"


@settings(max_examples=100, deadline=None)
@given(
    keys=st.lists(_CELLS, min_size=1, max_size=6),
    states=st.lists(st.sampled_from([0, 1, 2]), min_size=6, max_size=6),
    ticks=st.lists(st.booleans(), min_size=18, max_size=18),
)
def test_the_fingerprints_are_the_same(keys, states, ticks) -> None:
    n = len(keys)
    keys = np.array(keys, dtype=object)
    comments = keys[::-1].copy()
    reviewers = np.array(["ann", "", "bob, =x"] * 2, dtype=object)[:n]
    tick_matrix = np.array(ticks[: 3 * n], dtype=bool).reshape(n, 3)
    state = np.array(states[:n])
    fast = spreadsheet.item_fingerprints(keys, tick_matrix, [1, 5, 9], comments, state, reviewers)
    codes = np.bitwise_xor.reduce(
        np.where(tick_matrix, np.array([spreadsheet._category_salt(c) for c in (1, 5, 9)],
                                       dtype=np.uint64), np.uint64(0)),
        axis=1, initial=np.uint64(0))
    slow = spreadsheet._python_fingerprints(keys, comments, reviewers, state, codes)
    assert fast.tolist() == slow.tolist()


@pytest.mark.parametrize("unique_only", [False, True])
def test_sheet_rows_are_found_the_same(monkeypatch, unique_only) -> None:
    values = np.array(["a", "b", "a", " c", "中", "", "7"], dtype=object)
    cells = pd.Series([" a", "b ", "c", "中", None, "", "x", "7", 7], dtype=object)

    def work():
        return spreadsheet._rows_of(cells, values, unique_only=unique_only)

    fast, slow = _both(monkeypatch, work)
    np.testing.assert_array_equal(fast, slow)
    assert np.isnan(fast).sum() >= 2  # "c" and "x" are in no row


def test_stamps_are_matched_the_same(monkeypatch) -> None:
    stamps = pd.Series(["v1-ab0123456789ab", "v1-ab0123456789a", "v1-ab0123456789ab\n", None, ""],
                       dtype=object)
    fast, slow = _both(monkeypatch,
                       lambda: spreadsheet._full_matches(stamps, "v1-ab[0-9a-f]{12}"))
    assert fast.tolist() == slow.tolist() == [True, False, False, False, False]


@pytest.mark.parametrize("dtype", [object, "str"])
def test_numbers_are_read_the_same(monkeypatch, dtype) -> None:
    texts = ["0.30000000000000004", " 2 ", "\t-1e-3", "", None, "x", "inf", "-inf", "nan",
             "1e400", "0x10", "1_000", "+.5", "5.", "１"]
    values = pd.Series(texts, dtype=dtype)
    fast, slow = _both(monkeypatch, lambda: numbers.to_floats(values))
    np.testing.assert_array_equal(fast.to_numpy(), slow.to_numpy())
    assert slow[0] == float("0.30000000000000004")


def test_metadata_columns_are_read_the_same(monkeypatch) -> None:
    texts = np.array(['{"a": "x, y", "b": "=1"}', "", '{"b": "中"}', '{"a": "\\n"}'],
                     dtype=object)
    fast, slow = _both(monkeypatch, lambda: spreadsheet._metadata_values(texts, ["a", "b"]))
    assert {k: v.tolist() for k, v in fast.items()} == {k: v.tolist() for k, v in slow.items()}


@pytest.mark.parametrize("cells", [
    ["0", "1", "1"], ["", "01"], ["", "11"], ["1"], ["01"], ["0", "\x1f"], ["x", "1"],
    ["1", "n/a", "0"], [" 1", "yes", "0"],
])
def test_tick_cells_are_read_the_same(monkeypatch, cells) -> None:
    values = pd.Series(cells, dtype=object)

    def work():
        try:
            ticked, assessed = spreadsheet.parse_tick_cells(values, "dog", Path("s.csv"))
        except Exception as error:  # the same refusal either way
            return str(error)
        return ticked.tolist(), assessed.tolist()

    fast, slow = _both(monkeypatch, work)
    assert fast == slow


def test_no_row_is_found_among_no_values(monkeypatch) -> None:
    cells = pd.Series(["a", None], dtype=object)
    fast, slow = _both(monkeypatch, lambda: spreadsheet._rows_of(
        cells, np.array([], dtype=object), unique_only=False))
    assert np.isnan(fast).all() and np.isnan(slow).all() and len(slow) == 2


def test_a_missing_text_is_refused_not_hashed() -> None:
    keys = np.array(["a", None], dtype=object)
    blank = np.array(["", ""], dtype=object)
    with pytest.raises(TypeError, match="missing"):
        spreadsheet.item_fingerprints(
            keys, np.zeros((2, 1), dtype=bool), [1], blank, np.array([0, 0]), blank
        )
