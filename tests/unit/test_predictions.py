"""Loading predictions: every accepted form and each kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from erroranalysis.core.errors import UserError
from erroranalysis.core.predictions import ColumnNames, load_predictions


def test_csv_with_splits(preds_csv: Path) -> None:
    p = load_predictions(preds_csv)
    assert p.dev_size == 20
    assert p.dev_errors == 10
    assert p.error_rate("train") == pytest.approx(0.2)
    assert p.error_rate("test") == pytest.approx(0.2)
    assert p.error_rate("train_dev") is None
    assert list(p.errors()["key"]) == [f"d{i}" for i in range(10)]
    assert p.frame["score"].iloc[0] == pytest.approx(0.5)


def test_no_split_column_means_all_dev(tmp_path: Path, make_predictions) -> None:
    path = make_predictions(
        tmp_path,
        [("a.png", "1", "2"), ("b.png", "1", "1")],
        header="path,y_true,y_pred",
        images=False,
    )
    p = load_predictions(path)
    assert p.dev_size == 2 and p.dev_errors == 1
    assert list(p.frame["key"]) == ["a.png", "b.png"]  # no id: the image path is the key
    assert p.frame["score"].isna().all()


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "p.txt"
    path.write_text(
        delimiter.join(["image", "label", "pred"])
        + "\n"
        + delimiter.join(["x.png", "a", "b"])
        + "\n",
        encoding="utf-8",
    )
    assert load_predictions(path).dev_errors == 1


def test_utf8_bom_and_non_ascii(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes("filepath,label,prediction,备注\n图/猫.png,猫,狗,雨天\n".encode("utf-8-sig"))
    p = load_predictions(path)
    assert p.frame["image"][0] == "图/猫.png"
    assert p.metadata_columns == ["备注"]
    assert p.frame["备注"][0] == "雨天"


def test_other_encoding_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("image,label,prediction\ncaf\xe9.png,a,b\n".encode("latin-1"))
    with pytest.raises(UserError, match=r"latin\.csv: not UTF-8 text .* line 2"):
        load_predictions(path)


def test_parquet(tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    pd.DataFrame(
        {
            "image": ["a.png", "b.png"],
            "label": [1, 2],
            "prediction": [1, 3],
            "confidence": [0.9, 0.4],
            "extra": [1.5, None],
        }
    ).to_parquet(path)
    p = load_predictions(path)
    assert p.dev_errors == 1
    assert list(p.frame["label"]) == ["1", "2"]
    assert p.frame["score"].tolist() == [0.9, 0.4]
    assert p.frame["extra"].tolist() == ["1.5", ""]


def test_column_flags(tmp_path: Path, make_predictions) -> None:
    path = make_predictions(
        tmp_path, [("x.png", "a", "b", "7")], header="pic,truth_col,guess,n", images=False
    )
    with pytest.raises(UserError, match=r"no image column .*--image-col"):
        load_predictions(path)
    p = load_predictions(path, ColumnNames(image="pic", label="truth_col", prediction="guess"))
    assert p.dev_errors == 1 and p.metadata_columns == ["n"]
    with pytest.raises(UserError, match="no column 'nope' \\(given by --label-col\\)"):
        load_predictions(path, ColumnNames(image="pic", label="nope", prediction="guess"))


def test_split_synonyms(tmp_path: Path, make_predictions) -> None:
    rows = [(f"{i}.png", "a", "b", s) for i, s in enumerate(["Train", "train-dev", "val", "TEST"])]
    p = load_predictions(
        make_predictions(tmp_path, rows, header="image,label,pred,subset", images=False)
    )
    assert list(p.frame["split"]) == ["train", "train_dev", "dev", "test"]


@pytest.mark.parametrize(
    ("rows", "header", "message"),
    [
        ([("a.png", "", "b")], "image,label,prediction", r"line 2: empty label"),
        ([("a.png", "x", "b", "high")], "image,label,prediction,score", r"line 2: score 'high'"),
        (
            [("a.png", "x", "b", "holdout")],
            "image,label,prediction,split",
            r"unknown split 'holdout'",
        ),
        (
            [("a.png", "x", "b"), ("a.png", "y", "y")],
            "image,label,prediction",
            r"line 3: 'a.png' appears twice",
        ),
        ([("a.png", "x", "b", "train")], "image,label,prediction,split", r"no dev rows"),
        ([], "image,label,prediction", r"header but no rows"),
    ],
)
def test_bad_rows(tmp_path: Path, make_predictions, rows, header, message) -> None:
    with pytest.raises(UserError, match=message):
        load_predictions(make_predictions(tmp_path, rows, header=header, images=False))


def test_bad_files(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        load_predictions(tmp_path / "missing.csv")
    with pytest.raises(UserError, match="is a folder"):
        load_predictions(tmp_path)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(UserError, match="empty"):
        load_predictions(empty)
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"not parquet at all")
    with pytest.raises(UserError, match="not a readable Parquet"):
        load_predictions(junk)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(UserError, match=r"wrong\.csv: no image column .* the columns are: a, b, c"):
        load_predictions(wrong)
