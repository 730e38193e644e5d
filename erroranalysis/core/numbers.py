"""Text cells to numbers, read exactly and the same way under pandas 2 and 3.

``pd.to_numeric`` in pandas 2 parses with a fast routine (``xstrtod``) that is
one unit in the last place off on some texts: ``"0.30000000000000004"`` becomes
``0.3``, so a score changed on the way in and two classes that differ as
numbers became one. pandas 3 reads every text to the nearest double, as
Python's ``float()`` does. :func:`to_floats` gives pandas 3's answer under
both, through Arrow's parser (exact too, and about four times faster than
``pd.to_numeric`` on a million strings, whether pandas keeps them as Python
objects or in Arrow). Without pyarrow (the standalone executable) pandas 3
parses, and under pandas 2 Python's ``float`` re-reads each decimal.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from erroranalysis.core.optional_arrow import pa, pc

#: pandas 3's ``to_numeric`` reads every text exactly; pandas 2's does not.
_EXACT_TO_NUMERIC = int(pd.__version__.split(".", 1)[0]) >= 3
#: A failed parse of a long column costs more than a short one: try its head first.
_HEAD = 1000
#: A number written in decimal, with or without an exponent.
_DECIMAL = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"


def to_floats(values: pd.Series) -> pd.Series:
    """``pd.to_numeric(values, errors="coerce")`` as float64, each text read exactly.

    NaN where a cell is missing, blank or not a number; the same index as
    ``values``. Spaces and tabs around a number are allowed (as pandas allows
    them); ``inf``, ``-inf`` and ``nan`` are numbers, as in pandas.
    """
    if pd.api.types.is_bool_dtype(values.dtype) or pd.api.types.is_numeric_dtype(values.dtype):
        return pd.Series(values.to_numpy(dtype=float, na_value=np.nan), index=values.index)
    if pa is None:
        return pd.Series(_python_floats(values), index=values.index)
    try:
        text = pa.array(values, type=pa.large_string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # numbers and text mixed as Python objects
        return pd.to_numeric(values, errors="coerce").astype(float)
    # ASCII spaces only: pandas refuses a number with a no-break space beside it.
    trimmed = pc.ascii_trim_whitespace(text)
    trimmed = pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.large_string()), trimmed)
    if len(trimmed) <= _HEAD or _parsed(trimmed.slice(0, _HEAD)) is not None:
        numbers = _parsed(trimmed)
        if numbers is not None:
            return pd.Series(numbers, index=values.index)
    # Some cell is not a number: pandas says which; Arrow reads the others exactly.
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if not _EXACT_TO_NUMERIC:
        # pandas 2 also refuses a number too large for a double (1e400); pandas 3 reads inf.
        read = np.isfinite(numbers) | pc.fill_null(
            pc.match_substring_regex(trimmed, _DECIMAL), False
        ).to_numpy(zero_copy_only=False)
        exact = _parsed(trimmed.filter(pa.array(read)))
        if exact is not None:
            numbers[read] = exact
    return pd.Series(numbers, index=values.index)


def _python_floats(values: pd.Series) -> np.ndarray:
    """:func:`to_floats` without pyarrow: pandas parses; pandas 2's inexact routine is
    corrected by ``float`` on each cell written in decimal."""
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if not _EXACT_TO_NUMERIC:
        # As Arrow reads them: ASCII whitespace trimmed, ASCII digits (float() takes "１").
        text = values.astype(object).where(values.notna(), "").astype(str).str.strip(
            " \t\n\v\f\r")
        decimal = text.str.match(_DECIMAL, flags=re.ASCII).to_numpy(dtype=bool)
        numbers[decimal] = [float(t) for t in text[decimal].tolist()]
    return numbers


def _parsed(text: pa.Array) -> np.ndarray | None:
    """Every cell of ``text`` as a float (NaN where null), or None if one is not a number."""
    try:
        numbers = pc.cast(text, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return numbers.to_numpy(zero_copy_only=False)
