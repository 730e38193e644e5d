"""Whole-column text work gives the cell-by-cell answer, however pandas stores the text.

pandas 2 keeps text as Python objects (``object``), pandas 3 in Arrow (``str``);
the column functions work on both through Arrow, and must agree with the
per-cell definitions (:func:`unescape_cell`, ``str.strip``) on any text.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erroranalysis.core import csvio
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


_FLAG_PATTERNS = [
    (csvio._MAY_NEED_WORK, ()),
    (csvio._MAY_NEED_WORK, csvio._MAY_NEED_WORK_TEXTS),
    (re.compile(r"(?:^|\x1f)(?:v1-[0-9a-f]{2})(?=\x1f|$)"), ()),
]


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(
        st.one_of(
            st.sampled_from(["", "=", "\x00", "\x1f", "\x1f=", "a\x1f", " ", "v1-0a", "x,y", "'"]),
            st.text(st.sampled_from("ab =\x00\x1f\t,v1-0a'\n"), max_size=6),
        ),
        max_size=8,
    ),
    which=st.sampled_from(range(len(_FLAG_PATTERNS))),
)
def test_flagged_cells_never_miss_a_cell(cells, which) -> None:
    """One scan of the joined cells finds every cell a search of that cell alone finds
    (with the joined pattern's start and end marks read as the cell's own)."""
    pattern, needs = _FLAG_PATTERNS[which]
    alone = re.compile(pattern.pattern.replace("(?:^|\\x1f)", "^").replace("(?=\\x1f|$)", r"\Z")
                       .replace("(?:\\x1f|$)", r"\Z"))
    found = set(csvio.flagged_cells(cells, pattern, needs).tolist())
    assert {i for i, c in enumerate(cells) if alone.search(c)} <= found
    assert found <= set(range(len(cells)))


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(st.text(st.sampled_from("ab \x1f\t\n\u3000\x1c"), max_size=4), max_size=6))
def test_a_column_needs_no_strip_only_when_no_cell_has_a_space_at_an_end(cells) -> None:
    joined = csvio.joined_text(pd.Series(cells, dtype=object))
    assert csvio._may_need_strip(joined, len(cells)) or all(c == c.strip() for c in cells)
    if not any(c != c.strip() or "\x1f" in c for c in cells):
        assert not csvio._may_need_strip(joined, len(cells))
