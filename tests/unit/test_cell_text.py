"""A Parquet file's typed cells as text: whole columns at once, exactly as the rule per cell."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from erroranalysis.core.cell_text import cell_text, column_text
from erroranalysis.core.csvio import STRING_DTYPE
from erroranalysis.core.predictions import read_table


def _floats() -> np.ndarray:
    rng = np.random.default_rng(3)
    special = [0.0, -0.0, 1.0, -1.0, 3.0, 0.1, 0.1 + 0.2, 1e-5, 1e-300, 5e-324, 1e15, 1e16,
               1e20, 2.0**53, 2.0**53 + 2, 2.0**63, -(2.0**63), 2.0**64, 1.7976931348623157e308,
               np.inf, -np.inf, np.nan, 123456789.125]
    random = np.concatenate([
        rng.random(500),
        rng.normal(0, 1e6, 500),
        np.round(rng.normal(0, 1e3, 500)),  # whole numbers
        rng.integers(-(2**62), 2**62, 200).astype(np.float64),
        np.exp(rng.uniform(-700, 700, 300)),
    ])
    return np.concatenate([np.array(special), random])


COLUMNS = {
    "float64": pd.Series(_floats()),
    "float32": pd.Series(_floats()[:18].astype(np.float32)),
    "int64": pd.Series(np.array([0, -1, 2**63 - 1, -(2**63), 42], dtype=np.int64)),
    "uint64": pd.Series(np.array([0, 2**64 - 1, 7], dtype=np.uint64)),
    "int8": pd.Series(np.array([-128, 127, 0], dtype=np.int8)),
    "nullable int": pd.Series([1, None, -3], dtype="Int64"),
    "bool": pd.Series([True, False, True]),
    "nullable bool": pd.Series([True, None, False], dtype="boolean"),
    "str": pd.Series(["a", None, "ü ", "", "3.0"], dtype="str"),
    "object text": pd.Series(["a", None, np.nan, "b"], dtype=object),
    "category": pd.Series(["cat", "dog", None, "cat"], dtype="category"),
    "int category": pd.Series([1.5, 2.0, None], dtype="category"),
    "mixed objects": pd.Series([1, 2.0, "x", None, b"\xc3\xa9", np.float32(0.5)], dtype=object),
    "datetime": pd.Series(pd.to_datetime(["2024-01-02 00:00:00", None, "2025-03-04 05:06:07"])),
}


@pytest.mark.parametrize("name", list(COLUMNS))
def test_a_whole_column_is_the_rule_applied_per_cell(name: str) -> None:
    column = COLUMNS[name]
    expected = [cell_text(value) for value in column.astype(object)]
    got = column_text(column)
    assert got.dtype == object
    assert list(got) == expected
    assert all(type(text) is str for text in got)


def test_the_rule_writes_whole_floats_as_integers_and_the_rest_round_trip() -> None:
    assert cell_text(3.0) == "3" and cell_text(-0.0) == "0" and cell_text(1e20) == (
        "100000000000000000000"
    )
    assert cell_text(0.1 + 0.2) == "0.30000000000000004" and cell_text(1e-5) == "1e-05"
    assert cell_text(float("nan")) == cell_text(None) == cell_text(pd.NA) == ""
    assert cell_text(float("inf")) == "inf"
    values = _floats()
    finite = values[np.isfinite(values) & (values != np.floor(values))]
    assert all(float(text) == value for text, value in zip(column_text(pd.Series(finite)),
                                                              finite, strict=True))


@pytest.mark.parametrize("objects", [True, False])
def test_a_parquet_file_reads_as_the_text_of_its_cells(tmp_path: Path, objects: bool) -> None:
    frame = pd.DataFrame({
        "image": [f"img/{i}.png" for i in range(24)],
        "label": pd.Series([float(i % 3) if i % 5 else None for i in range(24)]),
        "prediction": np.arange(24, dtype=np.int64) % 3,
        "score": _floats()[:24],
        "weight": np.concatenate([_floats()[:18], _floats()[30:36]]).astype(np.float32),
        "kind": pd.Series(["a", "b", None] * 8, dtype="category"),
        "ok": [True, False] * 12,
    })
    path = tmp_path / "p.parquet"
    frame.to_parquet(path)
    raw, is_text = read_table(path, objects=objects)
    assert not is_text
    assert list(raw.columns) == list(frame.columns)
    for name in frame.columns:
        expected = [cell_text(value) for value in pd.read_parquet(path)[name].astype(object)]
        assert raw[name].tolist() == expected, name
    if objects:
        assert all(pd.api.types.is_object_dtype(dtype) for dtype in raw.dtypes)
    elif STRING_DTYPE is not None:  # the cells stay in Arrow, as a CSV file's do
        assert all(dtype == STRING_DTYPE for dtype in raw.dtypes)
