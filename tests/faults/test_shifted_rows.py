"""Issue 9, item 8: a row with more fields than the header never shifts the columns.

pandas reads rows one field wider than the header by taking the first column
as the index, so image=`cat`, label=`dog`, prediction=`0.91`. Both readers
refuse such a file with the line and what to do.
"""

from __future__ import annotations

import pytest
from sheet_helpers import predictions_session, write_lines

from erroranalysis.cli import main
from erroranalysis.core.errors import UserError
from erroranalysis.core.predictions import load_predictions
from erroranalysis.core.spreadsheet import export_rows, import_spreadsheet, write_csv


def test_an_unnamed_score_column_is_refused_not_shifted(tmp_path, capsys):
    path = write_lines(
        tmp_path / "preds.csv",
        [
            "image,label,prediction",
            "a.png,cat,dog,0.91",
            "b.png,dog,dog,0.40",
        ],
    )
    with pytest.raises(UserError, match=r"line 2: 4 fields, but the header names 3 columns"):
        load_predictions(path)
    assert main(["new", str(path), "--allow-missing-images"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "name in the header" in err
    assert not (tmp_path / "preds.easession").exists()


def test_one_wide_row_further_down_is_named(tmp_path):
    path = write_lines(
        tmp_path / "preds.tsv",
        [
            "image\tlabel\tprediction",
            "a.png\tcat\tdog",
            "b.png\tdog\tdog",
            "c.png\tdog\tcat\textra",
        ],
    )
    with pytest.raises(UserError, match=r"line 4: 4 fields, but the header names 3 columns"):
        load_predictions(path)


def test_short_rows_read_as_blank_cells(tmp_path):
    """What spreadsheet apps do with trailing empty cells: kept as blanks, not shifted."""
    path = write_lines(
        tmp_path / "preds.csv",
        [
            "image,label,prediction,notes",
            "a.png,cat,dog",
            "b.png,dog,dog,fine",
        ],
    )
    predictions = load_predictions(path)
    assert predictions.frame["notes"].tolist() == ["", "fine"]
    assert predictions.frame["prediction"].tolist() == ["dog", "dog"]


def test_a_review_sheet_with_a_trailing_field_is_refused(tmp_path, capsys):
    session = predictions_session(tmp_path / "data")
    header, rows = export_rows(session)
    sheet = tmp_path / "review.csv"
    write_csv(sheet, header, rows)
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    wide = tmp_path / "wide.csv"
    wide.write_text("\n".join([lines[0], *(line + ",0.91" for line in lines[1:])]) + "\n")
    with pytest.raises(UserError, match=r"line 2: \d+ fields, but the header names \d+ columns"):
        import_spreadsheet(session, wide)
    assert main(["tally", str(wide)]) == 2
    assert "line 2" in capsys.readouterr().err
    session.close()
