"""Issue 9, item 9: wide files. 10,000 columns hung (metadata added one column at a
time) and a 1M-column header ran 10 minutes at 2.9 GB: now 2,000 columns are read
in one piece and a wider header is refused, before any parser runs, with one line."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from sheet_helpers import write_lines

from erroranalysis.core import csvio
from erroranalysis.core.csvio import MAX_COLUMNS
from erroranalysis.core.errors import UserError
from erroranalysis.core.predictions import load_predictions
from erroranalysis.core.spreadsheet import read_spreadsheet


@pytest.fixture
def no_parsing(monkeypatch):
    """Fail the test if a CSV parser is asked to read the table."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the table was parsed before its header was refused")

    monkeypatch.setattr(csvio, "_read_arrow", refuse)
    monkeypatch.setattr(csvio, "_read_pandas", refuse)


def _wide(path, columns: int, rows: int = 3):
    header = ["image", "label", "prediction", *(f"m{i}" for i in range(columns - 3))]
    lines = [",".join(header)]
    lines += [",".join([f"{r}.png", "cat", "dog", *(["0.5"] * (columns - 3))]) for r in range(rows)]
    return write_lines(path, lines)


def test_more_than_the_cap_is_refused_before_parsing(tmp_path, no_parsing):
    path = _wide(tmp_path / "wide.csv", MAX_COLUMNS + 1)
    with pytest.raises(UserError, match=r"wide.csv: 2,001 columns; at most 2,000 are read"):
        load_predictions(path)


def test_a_million_column_header_is_refused_at_once(tmp_path, no_parsing):
    path = write_lines(tmp_path / "huge.csv", [",".join(f"c{i}" for i in range(1_000_000))])
    with pytest.raises(UserError, match=r"huge.csv: more than [\d,]+ columns; at most 2,000"):
        load_predictions(path)
    with pytest.raises(UserError, match=r"more than [\d,]+ columns"):
        read_spreadsheet(path)


def test_the_widest_table_read_keeps_every_column_in_one_piece(tmp_path):
    path = _wide(tmp_path / "widest.csv", MAX_COLUMNS, rows=5)
    with warnings.catch_warnings():
        # Inserting columns one by one fragments the frame (pandas warns): quadratic.
        warnings.simplefilter("error", pd.errors.PerformanceWarning)
        predictions = load_predictions(path)
    assert predictions.metadata_columns == [f"m{i}" for i in range(MAX_COLUMNS - 3)]
    assert predictions.frame["m1996"].tolist() == ["0.5"] * 5


def test_a_wide_review_sheet_is_refused(tmp_path):
    header = ["id", "image", *(f"cat{i}" for i in range(MAX_COLUMNS))]
    path = write_lines(
        tmp_path / "sheet.csv", [",".join(header), ",".join(["a", "a.png"] + ["0"] * MAX_COLUMNS)]
    )
    with pytest.raises(UserError, match=r"2,002 columns; at most 2,000"):
        read_spreadsheet(path)


def test_a_wide_parquet_file_is_refused(tmp_path):
    frame = pd.DataFrame({f"c{i}": ["x"] for i in range(MAX_COLUMNS + 1)})
    path = tmp_path / "wide.parquet"
    frame.to_parquet(path)
    with pytest.raises(UserError, match=r"2,001 columns; at most 2,000"):
        load_predictions(path)
