"""Text to numbers: each text read to the nearest double, under pandas 2 and 3 alike."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erroranalysis.core.numbers import to_floats
from erroranalysis.core.optional_arrow import HAS_ARROW

#: Texts and what they are (Python's float() is the reference for a number).
TEXTS = {
    "0.30000000000000004": 0.30000000000000004,  # pandas 2's to_numeric reads 0.3
    "1.0000000000000002": 1.0000000000000002,
    "5e-324": 5e-324,
    "2.2250738585072014e-308": 2.2250738585072014e-308,
    "123456789012345678": 1.2345678901234568e17,
    " 2 ": 2.0,
    "\t-0.5\n": -0.5,
    "+1": 1.0,
    ".25": 0.25,
    "5.": 5.0,
    "1E5": 1e5,
    "1e400": float("inf"),  # pandas 2 refuses it; pandas 3 reads inf
    "-1e400": float("-inf"),
    "inf": float("inf"),
    "-Inf": float("-inf"),
    "1e-400": 0.0,
    "00012": 12.0,
}
NOT_NUMBERS = ["", "   ", "x", "0x10", "1,5", "1_000", "1 2", "\u00a01", "--1", "1e", "e5"]


def _bits(values: np.ndarray) -> np.ndarray:
    return values.astype(np.float64).view(np.int64)


@pytest.mark.parametrize("dtype", [
    object,
    pytest.param("string[pyarrow]", marks=pytest.mark.skipif(
        not HAS_ARROW, reason="pyarrow is not installed (the executable's environment)")),
    "string[python]",
    "str",
])
def test_every_text_is_read_to_the_nearest_double(dtype: object) -> None:
    if dtype == "str" and int(pd.__version__.split(".", 1)[0]) < 3:
        pytest.skip("pandas 2 has no 'str' dtype")
    texts = [*TEXTS, *NOT_NUMBERS, None, "nan"]
    values = pd.Series(texts, dtype=dtype, index=range(100, 100 + len(texts)))
    numbers = to_floats(values)
    assert numbers.dtype == np.float64
    assert list(numbers.index) == list(values.index)
    expected = [*TEXTS.values(), *[np.nan] * (len(NOT_NUMBERS) + 2)]
    got = numbers.to_numpy()
    assert np.array_equal(np.isnan(got), np.isnan(expected))
    finite = ~np.isnan(got)
    assert np.array_equal(_bits(got[finite]), _bits(np.array(expected)[finite]))


def test_a_column_of_numbers_only_and_one_with_a_bad_cell_agree() -> None:
    """The fast path (every cell a number) and the slow one (one is not) give the same."""
    numbers = [repr(v) for v in (np.random.default_rng(7).normal(size=3000) / 7).tolist()]
    clean = to_floats(pd.Series(numbers, dtype=object)).to_numpy()
    dirty = to_floats(pd.Series([*numbers, "n/a"], dtype=object)).to_numpy()
    assert np.array_equal(_bits(clean), _bits(np.array([float(t) for t in numbers])))
    assert np.array_equal(_bits(dirty[:-1]), _bits(clean)) and np.isnan(dirty[-1])
    # The bad cell past the head that is tried first.
    late = to_floats(pd.Series([*numbers[:2000], "?", *numbers[2000:]], dtype=object))
    assert np.isnan(late.iloc[2000]) and late.drop(2000).notna().all()


def test_numbers_and_mixed_objects() -> None:
    assert to_floats(pd.Series([1, 2, 3])).tolist() == [1.0, 2.0, 3.0]
    assert to_floats(pd.Series([True, False])).tolist() == [1.0, 0.0]
    mixed = to_floats(pd.Series([1, "2.5", None, "x"], dtype=object)).tolist()
    assert mixed[:2] == [1.0, 2.5] and np.isnan(mixed[2]) and np.isnan(mixed[3])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(allow_nan=False), min_size=1, max_size=30))
def test_any_float_written_by_repr_reads_back_exactly(values: list[float]) -> None:
    numbers = to_floats(pd.Series([repr(v) for v in values], dtype=object)).to_numpy()
    assert np.array_equal(_bits(numbers), _bits(np.array(values)))
