"""Whole-column text work gives the cell-by-cell answer, however pandas stores the text.

pandas 2 keeps text as Python objects (``object``), pandas 3 in Arrow (``str``);
the column functions work on both through Arrow, and must agree with the
per-cell definitions (:func:`unescape_cell`, ``str.strip``) on any text.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erroranalysis.core.csvio import (
    arrow_strings,
    escape_cell,
    stripped_text,
    unescape_cell,
    unescape_column,
)
from erroranalysis.core.optional_arrow import HAS_ARROW

DTYPES = [
    "object",
    pytest.param("string[pyarrow]", marks=pytest.mark.skipif(
        not HAS_ARROW, reason="pyarrow is not installed (the executable's environment)")),
] + (["str"] if int(pd.__version__.split(".", 1)[0]) >= 3 else [])
#: Escapes, separators, formula starts and whitespace of every kind str.strip knows.
_PIECES = st.sampled_from(
    [
        "'",
        "=",
        "+",
        "-",
        "@",
        ",",
        ";",
        "|",
        "\t",
        "\n",
        "\r",
        " ",
        "\u00a0",
        "\u3000",
        "\x1c",
        "\u2028",
        "\x85",
        "a",
        "1",
        "é",
        "中",
    ]
)
_TEXT = st.lists(_PIECES, max_size=8).map("".join)


@pytest.mark.parametrize("dtype", DTYPES)
@settings(max_examples=150, deadline=None)
@given(cells=st.lists(st.one_of(_TEXT, _TEXT.map(escape_cell)), min_size=1, max_size=12))
def test_unescape_column_is_unescape_cell_on_every_cell(dtype: str, cells: list[str]) -> None:
    values = pd.Series(cells, dtype=dtype, index=range(5, 5 + len(cells)))
    out = unescape_column(values)
    assert out.tolist() == [unescape_cell(c) for c in cells]
    assert list(out.index) == list(values.index)


@pytest.mark.parametrize("dtype", DTYPES)
@settings(max_examples=150, deadline=None)
@given(cells=st.lists(_TEXT, min_size=1, max_size=12))
def test_stripped_text_is_str_strip_on_every_cell(dtype: str, cells: list[str]) -> None:
    values = pd.Series(cells, dtype=dtype)
    assert stripped_text(values).tolist() == [c.strip() for c in cells]


def test_missing_cells_and_numbers() -> None:
    # A missing cell: as astype(str) writes it ("None" in pandas 2, NaN in pandas 3), and
    # left alone by unescaping.
    values = pd.Series(["'=1", None, " x "], dtype=object)
    expected = values.astype(str).str.strip().tolist()
    assert stripped_text(values).tolist() == expected and expected[::2] == ["'=1", "x"]
    assert unescape_column(values).tolist() == ["=1", None, " x "]
    assert unescape_column(values).dtype == object
    # Not text: no Arrow strings for it, and the column functions still answer.
    assert arrow_strings(pd.Series([1, 2])) is None
    assert arrow_strings(pd.Series([1, "a"], dtype=object)) is None
    assert stripped_text(pd.Series([1, "a "], dtype=object)).tolist() == ["1", "a"]
