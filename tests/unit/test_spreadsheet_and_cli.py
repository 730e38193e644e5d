"""The review spreadsheet and the CLI contract of new / tally / export / import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from erroranalysis.cli import main
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.spreadsheet import escape_cell, unescape_cell


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def reviewed_session(preds_csv: Path, tmp_path: Path, capsys) -> Path:
    path = tmp_path / "s.easession"
    assert run(capsys, "new", str(preds_csv), "-o", str(path))[0] == 0
    with ReviewSession.open(path) as s:
        ids = s.item_ids()
        dog, _great_cat, blurry, label = (c.id for c in s.categories())
        s.set_reviewer("Zoë")
        s.set_ticks(ids[:3], dog, True)
        s.set_ticks(ids[2:5], blurry, True)
        s.set_tick(ids[5], label, True)
        s.set_reviewed(ids[:8], True)
        s.set_comment(ids[0], '=HYPERLINK("http://x")')
        s.set_comment(ids[1], 'lion, "rainy"\nday at zoo')
        s.set_comment(ids[2], "'quoted")
        s.set_comment(ids[3], "-5")
    return path


@pytest.mark.parametrize(
    "text", ["=1+1", "+x", "-x", "@x", "'a", "''b", "\tx", "plain", "-5", "", "中文"]
)
def test_escape_round_trips(text: str) -> None:
    escaped = escape_cell(text)
    assert unescape_cell(escaped) == text
    assert not escaped.startswith(("=", "+", "@", "\t")) or escaped == text == ""
    if text.startswith(("=", "+", "@")) or text in ("-x",):
        assert escaped.startswith("'")


def test_export_import_export_is_byte_identical(
    reviewed_session: Path, tmp_path: Path, capsys
) -> None:
    first, second = tmp_path / "r1.csv", tmp_path / "r2.csv"
    assert run(capsys, "export", str(reviewed_session), "-o", str(first))[0] == 0
    data = first.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == (
        "id,image,label,prediction,score,dog,great cat,blurry,incorrect label,"
        "comments,reviewed,reviewer,as_exported"
    )
    assert "'=HYPERLINK" in text and ",-5," in text and "''quoted" in text
    code, out, err = run(capsys, "import", str(reviewed_session), str(first))
    assert code == 0 and "10 rows matched, 0 items changed" in out and err == ""
    run(capsys, "export", str(reviewed_session), "-o", str(second))
    assert second.read_bytes() == data
    with ReviewSession.open(reviewed_session) as s:
        assert s.item(s.item_ids()[0]).comment == '=HYPERLINK("http://x")'
        assert s.item(s.item_ids()[1]).comment == 'lion, "rainy"\nday at zoo'


def test_tally_of_export_equals_tally_of_session(
    reviewed_session: Path, preds_csv: Path, tmp_path: Path, capsys
) -> None:
    sheet = tmp_path / "r.csv"
    run(capsys, "export", str(reviewed_session), "-o", str(sheet))
    _, session_json, _ = run(capsys, "tally", str(reviewed_session), "--format", "json")
    _, sheet_json, _ = run(
        capsys, "tally", str(sheet), "--predictions", str(preds_csv), "--format", "json"
    )
    assert json.loads(session_json) == json.loads(sheet_json)
    data = json.loads(session_json)
    assert data["dev_size"] == 20 and data["dev_errors"] == 10 and data["dev_error"] == 0.5
    assert data["reviewed"] == 8
    by_name = {c["name"]: c for c in data["categories"]}
    assert by_name["dog"]["count"] == 3 and by_name["dog"]["share"] == 3 / 8
    assert by_name["incorrect label"]["kind"] == "label_error"
    assert by_name["dog"]["max_gain"] == pytest.approx(0.5 * 3 / 8)


def test_spreadsheet_without_predictions(tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "mine.csv"
    sheet.write_text(
        "Image,Dog,Great cat,Blurry,Mislabeled,Comments\n"
        "1.jpg,x,,,,lion\n2.jpg,✓,,yes,,\n3.jpg,,TRUE,no,1,rainy\n4.jpg,,,x,,\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "tally", str(sheet), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["dev_size"] is None and data["dev_error"] is None and data["dev_errors"] == 4
    counts = {c["name"]: (c["count"], c["kind"], c["max_gain"]) for c in data["categories"]}
    assert counts == {
        "Dog": (2, "normal", None),
        "Great cat": (1, "normal", None),
        "Blurry": (2, "normal", None),
        "Mislabeled": (1, "label_error", None),
    }
    code, out, _ = run(
        capsys,
        "tally",
        str(sheet),
        "--dev-size",
        "40",
        "--format",
        "json",
        "--label-error-column",
        "Blurry",
    )
    data = json.loads(out)
    assert data["dev_error"] == 0.1
    assert [c["kind"] for c in data["categories"]] == ["normal", "normal", "label_error", "normal"]
    code, out, _ = run(capsys, "tally", str(sheet), "--categories", "Dog,Blurry", "--format", "csv")
    assert out.splitlines()[0].startswith("name,kind,count,share,share_low")
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["Dog", "Blurry"]
    for fmt in ("table", "markdown"):
        code, out, _ = run(capsys, "tally", str(sheet), "--format", fmt)
        assert code == 0 and "Dog" in out


def test_reviewed_column_limits_the_count(tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "r.csv"
    sheet.write_text("id,blurry,reviewed\na,1,1\nb,1,0\nc,0,1\n", encoding="utf-8")
    data = json.loads(run(capsys, "tally", str(sheet), "--format", "json")[1])
    assert data["reviewed"] == 2 and data["categories"][0]["count"] == 1


def test_import_reports_unmatched_rows_and_applies_edits(
    reviewed_session: Path, tmp_path: Path, capsys
) -> None:
    sheet = tmp_path / "r.csv"
    run(capsys, "export", str(reviewed_session), "-o", str(sheet))
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    row = lines[-1].split(",")  # d9: not reviewed yet
    row[header.index("great cat")] = "1"
    row[header.index("comments")] = "'=cmd|' /C calc'!A0"
    row[header.index("reviewed")] = "1"
    lines[-1] = ",".join(row)
    lines.append("nobody,img/zz.png,cat,dog,,0,0,0,0,,0,")
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(reviewed_session), str(sheet))
    assert code == 1
    assert "10 rows matched, 1 items changed" in out
    assert "1 rows match no item (lines 12)" in err
    with ReviewSession.open(reviewed_session) as s:
        last = s.item(s.item_ids()[-1])
        assert last.comment == "=cmd|' /C calc'!A0"
        assert last.reviewed
        assert s.is_ticked(last.id, s.category_by_name("great cat").id)


def test_import_matches_by_image_when_there_is_no_id(
    reviewed_session: Path, tmp_path: Path, capsys
) -> None:
    sheet = tmp_path / "by_image.csv"
    sheet.write_text("image,blurry\nimg/d9.png,1\n", encoding="utf-8")
    assert run(capsys, "import", str(reviewed_session), str(sheet))[0] == 0
    with ReviewSession.open(reviewed_session) as s:
        last = s.item(s.item_ids()[-1])
        assert s.is_ticked(last.id, s.category_by_name("blurry").id)


def test_export_tally_table(reviewed_session: Path, tmp_path: Path, capsys) -> None:
    table = tmp_path / "t.csv"
    assert run(capsys, "export", str(reviewed_session), "--tally", str(table))[0] == 0
    lines = table.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("name,kind,count,share")
    assert lines[1].startswith("dog,normal,3,0.375,")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["tally", "missing.easession"], "no such session or spreadsheet"),
        (["new", "missing.csv"], "no such file or folder"),
        (["tally", "{bad}"], "no tick columns found"),
        (["tally", "{bad}", "--categories", "blurry"], "'maybe' in column 'blurry' is not a tick"),
        (["new", "{preds}", "--sample", "0"], "must be positive"),
        (["tally", "--format", "yaml", "x"], "invalid choice"),
        (["export", "{session}"], "say where to write"),
        (["import", "{session}", "missing.csv"], "no such spreadsheet"),
        (["new", "{latin}"], "not UTF-8 text"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    argv, message, preds_csv: Path, reviewed_session: Path, tmp_path: Path, capsys
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,blurry\na,maybe\n", encoding="utf-8")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("image,label,prediction\n\xe9.png,a,b\n".encode("latin-1"))
    argv = [a.format(bad=bad, preds=preds_csv, session=reviewed_session, latin=latin) for a in argv]
    try:
        code = main(argv)
    except SystemExit as exit_info:  # argparse usage errors
        code = exit_info.code
    _, err = capsys.readouterr()
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_new_warns_about_missing_images(preds_csv: Path, tmp_path: Path, capsys) -> None:
    (preds_csv.parent / "img" / "d0.png").unlink()
    code, out, err = run(
        capsys,
        "new",
        str(preds_csv),
        "-o",
        str(tmp_path / "w.easession"),
        "--sample",
        "10",
        "--categories",
        "rain,fog,wrong label",
    )
    assert code == 0 and "10 items to review" in out
    assert "1 of 10 images not found" in err
    with ReviewSession.open(tmp_path / "w.easession") as s:
        assert [(c.name, c.kind) for c in s.categories()][-1] == ("wrong label", "label_error")


def test_help_for_every_command(capsys) -> None:
    for command in (
        "new",
        "tally",
        "export",
        "import",
        "review",
        "demo",
        "diagnose",
        "metrics",
        "compare",
    ):
        with pytest.raises(SystemExit) as exit_info:
            main([command, "--help"])
        assert exit_info.value.code == 0
        assert "usage: erroranalysis " + command in capsys.readouterr().out


def test_formula_like_category_names_are_escaped_in_the_header(
    reviewed_session: Path, preds_csv: Path, tmp_path: Path, capsys
) -> None:
    with ReviewSession.open(reviewed_session) as s:
        evil = s.add_category("=1+1")
        s.set_tick(s.item_ids()[0], evil.id, True)
    sheet = tmp_path / "r.csv"
    run(capsys, "export", str(reviewed_session), "-o", str(sheet))
    header = sheet.read_text(encoding="utf-8-sig").splitlines()[0]
    assert ",'=1+1," in header
    _, from_session, _ = run(capsys, "tally", str(reviewed_session), "--format", "json")
    _, from_sheet, _ = run(
        capsys, "tally", str(sheet), "--predictions", str(preds_csv), "--format", "json"
    )
    assert json.loads(from_session) == json.loads(from_sheet)
    assert "=1+1" in [c["name"] for c in json.loads(from_sheet)["categories"]]
    code, out, err = run(capsys, "import", str(reviewed_session), str(sheet))
    assert code == 0 and "0 items changed" in out and err == ""


def test_ids_rewritten_by_a_spreadsheet_app_fall_back_to_the_image(
    tmp_path: Path, make_predictions, capsys
) -> None:
    rows = [(f"00{i}", f"img/{i}.png", "a", "b") for i in range(3)]
    preds = make_predictions(tmp_path / "d", rows, header="id,image,label,prediction")
    session = tmp_path / "s.easession"
    run(capsys, "new", str(preds), "-o", str(session))
    sheet = tmp_path / "edited.csv"
    # What Excel or LibreOffice write back: "001" became 1.
    sheet.write_text("id,image,blurry\n1,img/1.png,1\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", str(session), str(sheet))
    assert code == 0 and "1 rows matched" in out
    with ReviewSession.open(session) as s:
        assert s.items_with(s.category_by_name("blurry").id) == [s.item_ids()[1]]



def test_the_image_fallback_never_guesses_between_items_sharing_an_image(
    tmp_path: Path, make_predictions, capsys
) -> None:
    rows = [
        ("001", "img/same.png", "a", "b"),
        ("002", "img/same.png", "a", "b"),
        ("003", "img/3.png", "a", "b"),
    ]
    preds = make_predictions(tmp_path / "d", rows, header="id,image,label,prediction")
    session = tmp_path / "s.easession"
    run(capsys, "new", str(preds), "-o", str(session))
    sheet = tmp_path / "edited.csv"
    # Line 2: an id with spaces around it still names its row. Line 3: a rewritten
    # id whose image two items share matches nothing. Line 4: a unique image does.
    sheet.write_text(
        "id,image,blurry\n  002 ,img/same.png,1\n1,img/same.png,1\n3,img/3.png,1\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import", str(session), str(sheet))
    assert code == 1 and "2 rows matched" in out and "(lines 3)" in err
    with ReviewSession.open(session) as s:
        ids = s.item_ids()
        assert s.items_with(s.category_by_name("blurry").id) == [ids[1], ids[2]]
    # Without an id column the image names the row: the first item holding it.
    only_images = tmp_path / "images.csv"
    only_images.write_text("image,dog\nimg/same.png,1\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", str(session), str(only_images))
    assert code == 0 and "1 rows matched" in out
    with ReviewSession.open(session) as s:
        assert s.items_with(s.category_by_name("dog").id) == [s.item_ids()[0]]

def test_a_workbook_is_named_as_such(tmp_path: Path, capsys) -> None:
    workbook = tmp_path / "review.xlsx"
    workbook.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    code, _, err = run(capsys, "tally", str(workbook))
    assert code == 2 and "a spreadsheet workbook" in err and "CSV UTF-8" in err
