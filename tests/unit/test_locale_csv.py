"""Issue 16: spreadsheets from every locale.

European Excel writes semicolon-separated CSVs with decimal commas
(``0,8122``); Excel in a Chinese locale writes "CSV" in GBK (GB18030 is its
superset); "Unicode Text" is UTF-16 with a BOM. They load as predictions and
import as reviews; a Latin-1 file is refused with the fix named.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from erroranalysis.cli import main
from erroranalysis.core.categories import Category
from erroranalysis.core.csvio import decode_text, read_text_table
from erroranalysis.core.errors import UserError
from erroranalysis.core.predictions import load_predictions, parse_numbers
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.sources import SourceOptions, create_session
from erroranalysis.core.spreadsheet import export_session, import_spreadsheet

EUROPEAN = (
    "image;label;prediction;score;split\r\n"
    "a.png;cat;dog;0,8122;dev\r\n"
    "b.png;cat;cat;0,9;dev\r\n"
    "c.png;dog;cat;1;dev\r\n"
    "d.png;dog;dog;;dev\r\n"
)


def test_semicolons_and_decimal_commas_load_scores_as_numbers(tmp_path):
    path = tmp_path / "preds.csv"
    path.write_bytes(EUROPEAN.encode("cp1252"))  # all ASCII: also valid UTF-8
    frame = load_predictions(path).frame
    assert frame["label"].tolist() == ["cat", "cat", "dog", "dog"]
    np.testing.assert_allclose(frame["score"].to_numpy()[:3], [0.8122, 0.9, 1.0])
    assert np.isnan(frame["score"].iloc[3])


def test_a_mix_of_decimal_points_and_commas_is_an_error_not_a_guess(tmp_path):
    path = tmp_path / "preds.csv"
    path.write_text("image;label;prediction;score\na.png;x;y;0,5\nb.png;x;x;0.25\n")
    with pytest.raises(UserError, match=r"score '0,5' .* is not a number"):
        load_predictions(path)


def test_parse_numbers_is_vectorised_and_strict():
    text = pd.Series(["0,5", "-1,25", "3", None, "2,5e-1"], dtype="string")
    np.testing.assert_allclose(
        parse_numbers(text).to_numpy(dtype=float), [0.5, -1.25, 3.0, np.nan, 0.25]
    )
    mixed = pd.Series(["0,5", "x"], dtype="string")
    assert parse_numbers(mixed).isna().all()
    plain = pd.Series(["0.5", "1e3"], dtype="string")
    assert parse_numbers(plain).tolist() == [0.5, 1000.0]


def test_gbk_csv_from_chinese_excel_is_read(tmp_path):
    path = tmp_path / "preds.csv"
    text = (
        "image,label,prediction,score,备注\r\n"
        "a.png,猫,狗,0.9,模糊的\r\n"
        "b.png,狗,猫,0.7,大型猫科动物\r\n"
    )
    path.write_bytes(text.encode("gbk"))
    assert decode_text(path) == text
    frame = load_predictions(path).frame
    assert frame["label"].tolist() == ["猫", "狗"]
    assert frame["prediction"].tolist() == ["狗", "猫"]
    # GB18030 beyond GBK (a four-byte character) too.
    path.write_bytes("image,label,prediction\na.png,𠀀,猫\n".encode("gb18030"))
    assert load_predictions(path).frame["label"].tolist() == ["𠀀"]


def test_utf16_unicode_text_is_read(tmp_path):
    path = tmp_path / "preds.txt"
    path.write_bytes("image\tlabel\tprediction\r\na.png\t猫\t狗\r\n".encode("utf-16"))
    frame, delimiter = read_text_table(path)
    assert delimiter == "\t" and frame["label"].tolist() == ["猫"]


def test_latin1_csv_is_refused_with_the_fix(tmp_path):
    path = tmp_path / "preds.csv"
    path.write_bytes("image;label;prediction\na.png;Müller;café\n".encode("latin-1"))
    with pytest.raises(UserError) as error:
        load_predictions(path)
    message = str(error.value)
    assert "not UTF-8 text (byte 0xfc on line 2), nor GBK/GB18030" in message
    assert "'CSV UTF-8'" in message and "\n" not in message


def test_review_sheet_resaved_by_chinese_excel_imports(tmp_path, capsys):
    """Export with ';', a reviewer ticks in Excel (Chinese locale: GBK, Chinese names),
    the import reads it back."""
    source = tmp_path / "preds.csv"
    source.write_text(
        "image,label,prediction,score\na.png,猫,狗,0.9\nb.png,狗,猫,0.7\nc.png,猫,狗,0.6\n",
        encoding="utf-8",
    )
    target = tmp_path / "review.easession"
    create_session(
        source, target, SourceOptions(categories=(Category("狗"), Category("模糊")))
    ).close()
    session = ReviewSession.open(target)
    sheet = tmp_path / "review.csv"
    export_session(session, sheet, delimiter=";")
    text = sheet.read_text(encoding="utf-8-sig")
    rows = [line.split(";") for line in text.splitlines()]
    dog = rows[0].index("狗")
    reviewed = rows[0].index("reviewed")
    score = rows[0].index("score")
    rows[1][dog], rows[1][reviewed] = "1", "1"
    rows[1][score] = rows[1][score].replace(".", ",")  # Excel's decimal comma
    sheet.write_bytes("\r\n".join(";".join(r) for r in rows).encode("gbk"))
    result = import_spreadsheet(session, sheet)
    assert result.changed == 1
    first = session.item_ids()[0]
    assert session.is_ticked(first, session.category_by_name("狗").id)
    session.close()
    assert main(["tally", str(sheet), "--format", "json"]) == 0
    counts = {c["name"]: c["count"] for c in json.loads(capsys.readouterr().out)["categories"]}
    assert counts["狗"] == 1
