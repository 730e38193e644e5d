"""Issue 9, item 7: `tally review.csv` never drops a category silently.

A tick column (every cell a tick value) is a category whatever its name; a
column that may be data (a role of the sheet found under another name, or a
predictions column with the same values) is left out with a note naming it
and saying how to count it (--categories).
"""

from __future__ import annotations

import json

from sheet_helpers import predictions_session, write_lines

from erroranalysis.cli import main
from erroranalysis.core.spreadsheet import export_session

NAMED_LIKE_COLUMNS = [
    "notes",
    "path",
    "file",
    "name",
    "key",
    "true",
    "target",
    "conf",
    "prob",
    "set",
    "ink",
    "gt",
    "filename",
    "note",
    "row",
]


def _tally(capsys, *argv: str) -> tuple[dict, str]:
    code = main(["tally", *argv, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out), err


def test_categories_named_like_columns_are_counted(tmp_path, capsys):
    ink = [f"0.{i:02}" for i in range(20)]  # the demo's ink: a float metadata column
    session = predictions_session(tmp_path / "data", NAMED_LIKE_COLUMNS, metadata={"ink": ink})
    ids = session.item_ids()
    for n, category in enumerate(session.categories()):
        session.set_ticks(ids[: n % 4 + 1], category.id, True)
    expected = session.tally().to_json_dict()
    sheet = tmp_path / "review.csv"
    export_session(session, sheet)
    predictions = str(session.source)
    session.close()
    for extra in ([], ["--predictions", predictions]):
        tally, err = _tally(capsys, str(sheet), *extra)
        assert [c["name"] for c in tally["categories"]] == [
            c["name"] for c in expected["categories"]
        ]
        assert tally["categories"] == expected["categories"] or extra == []
        assert "counted as categories" in err and "'notes'" in err and "'conf'" in err


def test_sheet_roles_under_other_names_are_reported(tmp_path, capsys):
    sheet = write_lines(
        tmp_path / "binary.csv",
        [
            "image,y_true,y_pred,conf,dog,reviewed",
            "a.png,1,0,1,1,1",
            "b.png,0,1,0,0,1",
            "c.png,1,0,1,1,1",
        ],
    )
    tally, err = _tally(capsys, str(sheet))
    assert [c["name"] for c in tally["categories"]] == ["dog"]
    assert "'y_true' as the label" in err and "'y_pred' as the prediction" in err
    assert "'conf' as the score" in err and "--categories" in err
    tally, _err = _tally(capsys, str(sheet), "--categories", "dog,conf")
    assert {c["name"]: c["count"] for c in tally["categories"]} == {"dog": 2, "conf": 2}


def test_tick_like_metadata_is_written_so_it_is_not_taken_for_a_category(tmp_path, capsys):
    night = ["1" if i % 3 == 0 else "0" for i in range(20)]
    session = predictions_session(tmp_path / "data", ["dog"], metadata={"night": night})
    session.set_tick(session.item_ids()[0], session.category_by_name("dog").id, True)
    sheet = tmp_path / "review.csv"
    export_session(session, sheet)
    predictions = str(session.source)
    session.close()
    header = sheet.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert "meta:night" in header and "night" not in header
    tally, _err = _tally(capsys, str(sheet))
    assert [c["name"] for c in tally["categories"]] == ["dog"]

    # A hand-made sheet carrying the same column plainly: ambiguous, so reported.
    rows = sheet.read_text(encoding="utf-8-sig").splitlines()
    plain = tmp_path / "plain.csv"
    plain.write_text("\n".join([rows[0].replace("meta:night", "night"), *rows[1:]]) + "\n")
    tally, err = _tally(capsys, str(plain), "--predictions", predictions)
    assert [c["name"] for c in tally["categories"]] == ["dog"]
    assert "'night'" in err and "same values" in err and "--categories" in err
    tally, _err = _tally(
        capsys, str(plain), "--predictions", predictions, "--categories", "dog,night"
    )
    assert sorted(c["name"] for c in tally["categories"]) == ["dog", "night"]


def test_a_predictions_column_with_other_values_is_a_category(tmp_path, capsys):
    night = ["1" if i % 3 == 0 else "0" for i in range(20)]
    session = predictions_session(tmp_path / "data", ["dog"], metadata={"night": night})
    predictions = str(session.source)
    session.close()
    lines = ["id,image,night,dog,reviewed"] + [
        f"e{i:02},img/e{i:02}.png,{int(i < 2)},{int(i == 5)},1" for i in range(10)
    ]
    sheet = write_lines(tmp_path / "mine.csv", lines)
    tally, err = _tally(capsys, str(sheet), "--predictions", predictions)
    assert {c["name"]: c["count"] for c in tally["categories"]} == {"night": 2, "dog": 1}
    assert "not counted" not in err


def test_a_category_sharing_a_metadata_name_is_counted(tmp_path, capsys):
    ink = ["1"] * 20  # tick-like metadata, and a category of the same name
    session = predictions_session(tmp_path / "data", ["ink", "dog"], metadata={"ink": ink})
    session.set_tick(session.item_ids()[3], session.category_by_name("ink").id, True)
    sheet = tmp_path / "review.csv"
    export_session(session, sheet)
    predictions = str(session.source)
    session.close()
    tally, _err = _tally(capsys, str(sheet), "--predictions", predictions)
    assert {c["name"]: c["count"] for c in tally["categories"]} == {"ink": 1, "dog": 0}
