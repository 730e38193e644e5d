"""Issue 9, item 13: a column named twice and NUL characters are refused, naming where.

(An empty or random-bytes ``.easession`` given to ``tally``:
``test_write_failures.py``.)
"""

from __future__ import annotations

import pandas as pd
import pytest
from sheet_helpers import write_lines

from erroranalysis.cli import main
from erroranalysis.core.errors import UserError
from erroranalysis.core.predictions import load_predictions
from erroranalysis.core.spreadsheet import read_spreadsheet


def test_a_predictions_header_with_label_twice_is_refused(tmp_path, capsys):
    path = write_lines(
        tmp_path / "preds.csv",
        [
            "image,label,prediction,label",
            "a.png,cat,dog,dog",
        ],
    )
    with pytest.raises(UserError, match=r"column 'label' appears twice \(columns 2 and 4\)"):
        load_predictions(path)
    assert main(["metrics", str(path)]) == 2
    assert "'label' appears twice" in capsys.readouterr().err


def test_a_review_header_with_a_column_twice_is_refused(tmp_path):
    path = write_lines(tmp_path / "review.csv", ["id;dog;reviewed;dog", "a;1;1;0"])
    with pytest.raises(UserError, match=r"column 'dog' appears twice \(columns 2 and 4\)"):
        read_spreadsheet(path)


@pytest.mark.parametrize("row", ["a\0.png,cat,dog", "a.png,c\0at,dog", "a.png,cat,\0dog"])
def test_nul_in_paths_and_labels_is_refused_with_the_line(tmp_path, row):
    path = tmp_path / "preds.csv"
    path.write_text("image,label,prediction\nb.png,cat,cat\n" + row + "\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"preds.csv, line 3: a NUL byte"):
        load_predictions(path)


def test_utf16_without_a_bom_is_named(tmp_path):
    path = tmp_path / "preds.csv"
    path.write_bytes("image,label,prediction\na.png,cat,dog\n".encode("utf-16-le"))
    with pytest.raises(UserError, match=r"line 1: a NUL byte \(is the file UTF-16"):
        load_predictions(path)


def test_nul_in_a_parquet_label_is_refused_with_the_row(tmp_path):
    path = tmp_path / "preds.parquet"
    pd.DataFrame(
        {"image": ["a.png", "b.png"], "label": ["cat", "d\0og"], "prediction": ["cat", "dog"]}
    ).to_parquet(path)
    with pytest.raises(UserError, match=r"row 2: a NUL character in column 'label'"):
        load_predictions(path)
