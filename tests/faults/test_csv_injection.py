"""Issue 9, item 12: no CSV the program writes starts a formula, however it is read.

Every CSV goes through :mod:`erroranalysis.core.csvio`. Checked against ASVS
5.0 1.2.10's list (``=`` ``+`` ``-`` ``@`` tab CR NUL), for every output
(review sheet, tally file, ``tally``/``metrics``/``agreement --format csv``),
read with each of the four delimiters and split at every line break, as a
spreadsheet app guessing wrong would; and :func:`unescape_cell` gives back
exactly what was written.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sheet_helpers import write_rows

from erroranalysis.cli import main
from erroranalysis.core.categories import Category
from erroranalysis.core.csvio import (
    escape_cell,
    read_text_table,
    render_csv,
    unescape_cell,
    unescape_column,
    write_csv,
)
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.spreadsheet import export_session, export_tally

#: ASVS 5.0 1.2.10 lists these starts; the apostrophe is the escape itself.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
PAYLOADS = [
    '=HYPERLINK("http://example.invalid","x")',
    "@SUM(1+1)",
    "+1+1",
    "-1+1",
    "\t=1+1",
    "\r=1+1",
    "\0=1+1",
    "x;=1+1",
    "x,=1+1",
    "x|=1+1",
    "x\t=1+1",
    "a\n=1+1",
    "a\r\n@x",
    "'=1+1",
    "x,'=1",
    "-",
    "=",
    "1,-5",
]
# A plain number, then the end, a quote, or a delimiter of another reading (what
# follows a delimiter is escaped on its own: an apostrophe before a formula start).
_PLAIN = re.compile(r'[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?("|[,;|\t]|$)')


def assert_no_formula(text: str, where: str) -> None:
    """No cell starts a formula in any reading: split at every line break and, for
    each delimiter, at every delimiter (quotes ignored, the worst a reader can do,
    but for one quote opening a segment, taken for a quoted cell's: a cell whose
    text is a quote and "=" is written as three quotes and "=", which no reading
    starts with "=")."""
    for line in re.split(r"\r\n|\r|\n", text):
        for delimiter in (",", ";", "\t", "|"):
            for segment in line.split(delimiter):
                cell = segment[1:] if segment.startswith('"') else segment
                if cell[:1] in FORMULA_STARTS and cell[:1] != "\t":
                    assert _PLAIN.match(cell), f"{where}: {cell!r} starts a formula"
    for line in re.split(r"\r\n|\r|\n", text):
        # A tab starts a cell only for readers that split on tabs.
        for segment in re.split(r"[,;|]", line):
            cell = segment.lstrip('"')
            assert cell[:1] != "\t", f"{where}: {cell!r} starts with a tab"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escape_cell_is_exactly_undone(payload):
    assert unescape_cell(escape_cell(payload)) == payload
    assert unescape_column(pd.Series([escape_cell(payload)])).tolist() == [payload]


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=8)), min_size=3, max_size=3),
        min_size=1,
        max_size=6,
    ),
    delimiter=st.sampled_from([",", ";"]),
)
def test_any_cells_render_safe_and_read_back(rows, delimiter):
    header = ["a", "b", "c"]
    text = render_csv(header, rows, delimiter=delimiter)
    assert_no_formula(text, "render_csv")
    parsed = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert [[unescape_cell(c) for c in r] for r in parsed[1:]] == rows


def test_written_files_read_back_through_the_reader(tmp_path):
    rows = [[p, p[::-1], str(i)] for i, p in enumerate(PAYLOADS) if "\0" not in p]
    for delimiter in (",", ";"):
        path = tmp_path / f"t{delimiter}.csv"
        write_csv(path, ["a", "b", "n"], rows, delimiter=delimiter)
        frame, found = read_text_table(path)
        assert found == delimiter
        back = [[unescape_cell(c) for c in r] for r in frame.astype(str).values.tolist()]
        assert back == rows


def _session(path: Path, names: list[str], comments: list[str]) -> ReviewSession:
    n = len(comments)
    items = pd.DataFrame(
        {
            "key": [f"k{i}" for i in range(n)],
            "image": PAYLOADS[:n],
            "label": "cat",
            "prediction": "dog",
            "score": 0.5,
            "split": "dev",
            "note": PAYLOADS[-n:],
        }
    )
    session = ReviewSession.create(
        path,
        items,
        [Category(c) for c in names],
        dev_size=100,
        dev_errors=n,
        metadata_columns=["note"],
    )
    ids = session.item_ids()
    for i, (item, comment) in enumerate(zip(ids, comments, strict=True)):
        session.set_comment(item, comment)
        session.set_tick(item, session.categories()[i % len(names)].id, True)
    return session


def test_review_sheet_and_tally_file(tmp_path):
    names = ["=cmd|' /C calc'!A0", "@SUM(1)", "+x", "x;=1+1", "a,-b"]
    session = _session(tmp_path / "s.easession", names, PAYLOADS)
    for delimiter in (",", ";"):
        sheet, table = tmp_path / "review.csv", tmp_path / "tally.csv"
        export_session(session, sheet, delimiter=delimiter)
        export_tally(session.tally(), table, delimiter=delimiter)
        assert_no_formula(sheet.read_text(encoding="utf-8-sig"), "review sheet")
        assert_no_formula(table.read_text(encoding="utf-8-sig"), "tally file")
    session.close()


def test_command_line_csv_outputs(tmp_path, capsys):
    names = ["=HYPERLINK(1)", "@cmd", "-2+3", "x;=1+1"]
    comments = ["", "", "", ""]
    first = _session(tmp_path / "a.easession", names, comments)
    second = _session(tmp_path / "b.easession", names, comments)
    paths = [first.path, second.path]
    first.close()
    second.close()
    assert main(["tally", str(paths[0]), "--format", "csv"]) == 0
    assert_no_formula(capsys.readouterr().out, "tally --format csv")
    assert main(["agreement", *map(str, paths), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert_no_formula(out, "agreement --format csv")
    assert "'=HYPERLINK(1)" in out

    labels = ['=HYPERLINK("http://x")', "@SUM(1)", "+1+1", "-1+1", "x;=1+1", "cat"]
    rows = [[f"{i}.png", labels[i % 6], labels[(i + 1) % 6]] for i in range(12)]
    predictions = write_rows(tmp_path / "preds.csv", ["image", "label", "prediction"], rows)
    assert main(["metrics", str(predictions), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert_no_formula(out, "metrics --format csv")
    classes = [r[1] for r in csv.reader(io.StringIO(out)) if r[0] == "class"]
    assert sorted(unescape_cell(c) for c in classes[:6]) == sorted(labels)


def test_every_csv_writer_is_the_one_in_csvio():
    """No module writes CSV but csvio (a second writer would forget the escaping)."""
    package = Path(__file__).parents[2] / "erroranalysis"
    writers = []
    for source in package.rglob("*.py"):
        if source.name == "csvio.py":
            continue
        # Storage the program writes for itself and reads back whole is not a
        # spreadsheet; such a line says so.
        text = "\n".join(line for line in source.read_text(encoding="utf-8").splitlines()
                         if "not a spreadsheet" not in line)
        if re.search(r"csv\.writer|\.to_csv\(|csv\.DictWriter", text):
            writers.append(source.relative_to(package).as_posix())
    assert writers == []
