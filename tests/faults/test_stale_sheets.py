"""Issue 9, item 5: a sheet exported before changes made in the app must not revert them.

Each row of the export carries ``as_exported``, a fingerprint of the item as
exported. Import refuses (one line: lines, keys, what to do) rows whose item
changed in the session since and whose sheet values differ from it, unless
``--overwrite-newer``; edits to items untouched since the export go in.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sheet_helpers import predictions_session

from erroranalysis.cli import main
from erroranalysis.core.errors import UserError
from erroranalysis.core.session import REVIEWED, ReviewSession
from erroranalysis.core.spreadsheet import (
    AS_EXPORTED,
    export_rows,
    export_session,
    import_spreadsheet,
    write_csv,
)


@pytest.fixture
def session(tmp_path: Path):
    s = predictions_session(tmp_path / "data")
    yield s
    s.close()


def _edit(sheet: Path, key: str, column: str, value: str) -> None:
    """Change one cell as a spreadsheet app would (the file re-saved whole)."""
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    at = rows[0].index(column)
    for row in rows[1:]:
        if row[0] == key:
            row[at] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    sheet.write_text(buffer.getvalue(), encoding="utf-8-sig")


def test_a_stale_sheet_is_refused_and_lists_what_it_would_revert(session, tmp_path):
    ids = session.item_ids()
    dog = session.category_by_name("dog").id
    sheet = tmp_path / "review.csv"
    export_session(session, sheet)
    _edit(sheet, "e05", "comments", "typed in the sheet")
    # Meanwhile, in the app: a tick, a comment and a review state.
    session.set_tick(ids[0], dog, True)
    session.set_comment(ids[2], "typed in the app")
    session.set_review_state([ids[3]], REVIEWED)
    with pytest.raises(UserError) as refused:
        import_spreadsheet(session, sheet)
    message = str(refused.value)
    assert "3 rows would undo changes made in the session after this sheet was exported" in message
    assert "lines 2, 4, 5: e00, e02, e03" in message and "--overwrite-newer" in message
    # Nothing was imported: an import lands whole or not at all.
    assert session.is_ticked(ids[0], dog)
    assert session.item(ids[2]).comment == "typed in the app"
    assert session.item(ids[5]).comment == ""

    report = import_spreadsheet(session, sheet, overwrite_newer=True)
    assert (report.changed, report.overwrote_newer) == (4, 3)
    assert not session.is_ticked(ids[0], dog)
    assert session.item(ids[2]).comment == ""
    assert session.item(ids[5]).comment == "typed in the sheet"


def test_cli_import_refuses_a_stale_sheet_in_one_line(session, tmp_path, capsys):
    ids = session.item_ids()
    sheet = tmp_path / "review.csv"
    export_session(session, sheet)
    session.set_comment(ids[1], "newer")
    path = session.path
    session.close()
    assert main(["import", str(path), str(sheet)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1
    assert "line 3: e01" in err and "--overwrite-newer" in err
    assert main(["import", str(path), str(sheet), "--dry-run"]) == 2
    capsys.readouterr()
    assert main(["import", str(path), str(sheet), "--overwrite-newer"]) == 0
    out, err = capsys.readouterr()
    assert "1 items changed" in out and "1 of them had changed in the session" in err
    with ReviewSession.open(path) as again:
        assert again.item(ids[1]).comment == ""


def test_sheet_edits_go_in_when_the_session_changed_elsewhere(session, tmp_path):
    """Only rows that would revert something are refused: other rows, category edits
    in the app (add, rename, reorder) and a sheet re-sorted by the user are fine."""
    ids = session.item_ids()
    dog = session.category_by_name("dog").id
    header, rows = export_rows(session)
    session.set_comment(ids[9], "app only")  # its row is not edited in the sheet...
    session.set_tick(ids[4], dog, True)  # ...and this one is edited the same way
    session.add_category("night")
    session.update_category(dog, name="big dog")
    session.move_category(dog, 1)
    rows[4][header.index("dog")] = "1"
    rows[4][header.index("reviewed")] = "1"
    rows[6][header.index("comments")] = "from the sheet"
    rows[9][header.index("comments")] = "app only"
    sheet = tmp_path / "sorted.csv"
    write_csv(sheet, header, rows[::-1])  # sorted the other way in the spreadsheet app
    report = import_spreadsheet(session, sheet)
    assert (report.changed, report.overwrote_newer) == (1, 0)
    assert session.item(ids[6]).comment == "from the sheet"
    assert session.item(ids[9]).comment == "app only"


def test_export_import_export_is_byte_identical_with_the_fingerprints(session, tmp_path):
    ids = session.item_ids()
    session.set_tick(ids[0], session.category_by_name("dog").id, True)
    session.set_comment(ids[1], "=cmd|' /C calc'!A0")
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    export_session(session, first)
    assert import_spreadsheet(session, first).changed == 0
    export_session(session, second)
    assert first.read_bytes() == second.read_bytes()
    header = first.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header[-1] == AS_EXPORTED


def test_fingerprints_survive_a_spreadsheet_app(session, tmp_path):
    """``h`` + 18 hex digits: no spreadsheet reads it as a number or a date."""
    header, rows = export_rows(session)
    stamps = [r[header.index(AS_EXPORTED)] for r in rows]
    assert len(set(stamps)) == len(stamps)
    for stamp in stamps:
        assert stamp[0] == "h" and len(stamp) == 19 and int(stamp[1:], 16) >= 0
    assert len({s[:7] for s in stamps}) == 1  # the session's tag


def test_another_sessions_sheet_is_not_taken_for_a_stale_one(session, tmp_path, capsys):
    """A colleague's sheet of the same items fills a fresh session; over work already
    done it goes in too, with a note that it could not be checked."""
    ids = session.item_ids()
    session.set_tick(ids[0], session.category_by_name("dog").id, True)
    session.set_comment(ids[1], "from the colleague")
    sheet = tmp_path / "colleague.csv"
    export_session(session, sheet)
    mine = predictions_session(tmp_path / "mine")
    assert import_spreadsheet(mine, sheet).changed == 2
    assert mine.item(mine.item_ids()[1]).comment == "from the colleague"
    mine.set_comment(mine.item_ids()[1], "my own words")
    report = import_spreadsheet(mine, sheet)
    assert (report.changed, report.unchecked, report.overwrote_newer) == (1, 1, 0)
    mine.close()


def test_a_sheet_without_fingerprints_says_it_could_not_check(session, tmp_path, capsys):
    ids = session.item_ids()
    session.set_comment(ids[0], "work in the app")
    header, rows = export_rows(session)
    at = header.index(AS_EXPORTED)
    header = header[:at]
    rows = [r[:at] for r in rows]
    rows[0][header.index("comments")] = "older text"
    sheet = tmp_path / "hand.csv"
    write_csv(sheet, header, rows)
    path = session.path
    session.close()
    assert main(["import", str(path), str(sheet)]) == 0
    _out, err = capsys.readouterr()
    assert "1 of them already had review work" in err and "could not be checked" in err
