"""The text of a typed table's cells (a Parquet file's columns), as one column at a time.

A predictions file in Parquet carries typed columns; the review works on text,
exactly as a CSV file would have written it. :func:`cell_text` is the rule for
one cell; :func:`column_text` applies it to a whole column with numpy and
Arrow (a million scores in a fraction of a second, where calling the rule per
cell took seconds), falling back to the rule per cell only for types it does
not know (dates, decimals, nested values).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from erroranalysis.core.optional_arrow import pa

#: Floats whose integer value fits an int64 are written through numpy; larger ones
#: (rare) through Python's int, which is exact at any size.
_INT64_LIMIT = 2.0**63


def cell_text(value: object) -> str:
    """One cell as text: missing is empty, a whole float is an integer (``3.0`` is
    ``3``, as a label column with a gap comes out of pandas), any other float its
    shortest round-trip form (``repr``), bytes as UTF-8."""
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float):
        if np.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, np.floating):
        return cell_text(float(value))
    if isinstance(value, np.integer):
        return str(int(value))
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def column_text(column: pd.Series) -> np.ndarray:
    """Every cell of ``column`` as :func:`cell_text` writes it: an object array of ``str``."""
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        categories = column_text(pd.Series(dtype.categories))
        codes = column.cat.codes.to_numpy()
        out = np.empty(len(codes), dtype=object)
        present = codes >= 0
        out[present] = categories[codes[present]]
        out[~present] = ""
        return out
    if pd.api.types.is_bool_dtype(dtype):
        missing = column.isna().to_numpy()
        values = column.to_numpy(dtype=bool, na_value=False)
        out = np.where(values, "True", "False").astype(object)
        out[missing] = ""
        return out
    if pd.api.types.is_integer_dtype(dtype):
        missing = column.isna().to_numpy()
        if pd.api.types.is_unsigned_integer_dtype(dtype):
            values = column.to_numpy(dtype=np.uint64, na_value=0)
        else:
            values = column.to_numpy(dtype=np.int64, na_value=0)
        out = values.astype(str).astype(object)
        out[missing] = ""
        return out
    if pd.api.types.is_float_dtype(dtype):
        return _float_text(column.to_numpy(dtype=np.float64, na_value=np.nan))
    if is_text(column):
        return column.fillna("").to_numpy(dtype=object)
    return np.array([cell_text(value) for value in column.to_numpy(dtype=object)],
                    dtype=object)


def is_text(column: pd.Series) -> bool:
    """Only strings (and missing cells): pandas' string dtypes, or Python objects that
    all are ``str`` (pandas 2 reads Parquet text so); checked in C, not per cell here."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype):
        return True
    if pa is not None and isinstance(dtype, pd.ArrowDtype):
        return pa.types.is_string(dtype.pyarrow_dtype) or pa.types.is_large_string(
            dtype.pyarrow_dtype
        )
    return dtype == np.dtype(object) and pd.api.types.infer_dtype(column, skipna=True) in (
        "string",
        "empty",
    )


def _float_text(values: np.ndarray) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    missing = np.isnan(values)
    finite = np.isfinite(values)
    whole = finite & (values == np.floor(np.where(finite, values, 0.0)))
    small = whole & (np.abs(values) < _INT64_LIMIT)
    out[small] = values[small].astype(np.int64).astype(str)
    large = whole & ~small
    if large.any():
        out[large] = [str(int(value)) for value in values[large].tolist()]
    rest = ~whole & ~missing  # fractions and infinities
    out[rest] = [repr(value) for value in values[rest].tolist()]
    out[missing] = ""
    return out
