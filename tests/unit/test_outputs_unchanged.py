"""Speed work must not change a byte: ``new``, ``export``, ``import`` and
``predictions_frame`` on a fixture full of awkward cells, against golden files
written by the code before it was made faster.

The fixture has formula starts, quotes, delimiters, line breaks, non-ASCII text,
control characters, empty cells, scores that are blank, negative zero, tiny, huge
or long, ids with leading zeros, metadata columns that look like ticks or share a
category's name, a category named like a sheet column, a category added
mid-review (``n/a`` cells), skipped items and comments. Regenerate the golden
files only for an intended change of format:
``ERRORANALYSIS_WRITE_GOLDEN=1 pytest tests/unit/test_outputs_unchanged.py``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erroranalysis.core import csvio
from erroranalysis.core.categories import Category
from erroranalysis.core.csvio import STRING_DTYPE
from erroranalysis.core.optional_arrow import HAS_ARROW
from erroranalysis.core.predictions import _to_numbers
from erroranalysis.core.session import (
    SKIPPED,
    ReviewSession,
    _metadata_json,
    _plain_csv,
    _quoted_csv,
)
from erroranalysis.core.sources import SourceOptions, create_session, image_check
from erroranalysis.core.spreadsheet import export_session, import_spreadsheet
from tests.arrow_paths import PATHS, take

GOLDEN = Path(__file__).parent / "data" / "golden"
WRITE = os.environ.get("ERRORANALYSIS_WRITE_GOLDEN") == "1"
#: Fixed, so the ``as_exported`` stamps (which hash it) are the same every run.
SESSION_ID = "0123456789abcdef0123456789abcdef"

AWKWARD = [
    "=1+1",
    "-x",
    "+3",
    "@sum",
    "'quoted",
    "a,b",
    "a;b",
    'say "hi"',
    "two\nlines",
    "cr\rhere",
    "tab\there",
    "x;=1+1",
    "é中文🙂",
    "",
    "  padded  ",
    "\x01ctrl",
    "back\\slash",
    "-0.5",
    "1e5",
    "0",
    "1",
    "n/a",
    "skipped",
]
SCORES = [
    "",
    "0.5",
    "-0.0",
    "1e-07",
    "123456789012345678",
    "0.1",
    "3",
    "1.0000000000000002",
    "0.30000000000000004",
    "5e-324",
    "1e+300",
    "0.0001",
]


def _predictions(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "preds.csv"
    header = [
        "id",
        "image",
        "label",
        "prediction",
        "score",
        "split",
        "note",
        "flag",
        "blurry",
        "camera",
    ]
    splits = ["dev", "dev", "train", "dev", "test", "train_dev", "val"]
    classes = ["cat", "dog", "lion", "=cmd", "a,b"]
    rows = []
    for i in range(70):
        split = splits[i % len(splits)]
        label = classes[i % len(classes)]
        wrong = i % 3 != 0
        prediction = classes[(i + 1) % len(classes)] if wrong else label
        rows.append(
            [
                f"{i:04d}",
                f"img/{i:03d} {AWKWARD[i % len(AWKWARD)][:3].strip() or 'e'}.png".replace("\n", "_")
                .replace("\r", "_")
                .replace("\t", "_")
                .replace("\\", "_")
                .replace("\x01", "_"),
                label,
                prediction,
                SCORES[i % len(SCORES)],
                split,
                AWKWARD[(i * 7) % len(AWKWARD)],
                str(i % 2),
                "yes" if i % 4 == 0 else "no",
                AWKWARD[(i * 5 + 3) % len(AWKWARD)],
            ]
        )
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _dump_session(path: Path) -> str:
    """Every table of a session file as text; what changes run to run (times, the
    temporary folder) masked."""
    db = sqlite3.connect(path)
    out = []
    tables = [
        r[0]
        for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    for table in tables:
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
        out.append(f"## {table} ({', '.join(columns)})")
        for row in db.execute(f"SELECT * FROM {table} ORDER BY {', '.join(columns)}"):
            cells = dict(zip(columns, row, strict=True))
            if table == "meta" and cells["key"] in ("created_at", "source", "base_dir"):
                cells["value"] = "<masked>"
            for name in ("reviewed_at", "decided_at", "claimed_at"):
                if cells.get(name) is not None:
                    cells[name] = "<time>"
            if table == "blobs":
                cells["data"] = zlib.decompress(cells["data"]).decode("utf-8")
            out.append(repr([cells[c] for c in columns]))
    indexes = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    ).fetchall()
    out.append("## indexes")
    out += [repr(i) for i in indexes]
    db.close()
    return "\n".join(out) + "\n"


def _check(name: str, data: bytes) -> None:
    golden = GOLDEN / name
    if WRITE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
        return
    assert golden.exists(), f"{golden}: missing (write it with ERRORANALYSIS_WRITE_GOLDEN=1)"
    expected = golden.read_bytes()
    if data != expected:
        mine = data.decode("utf-8", "replace").splitlines()
        theirs = expected.decode("utf-8", "replace").splitlines()
        first = next(
            (i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b),
            min(len(mine), len(theirs)),
        )
        pytest.fail(
            f"{name} differs from the golden file at line {first + 1}:\n"
            f"  now:    {mine[first] if first < len(mine) else '<end>'!r}\n"
            f"  golden: {theirs[first] if first < len(theirs) else '<end>'!r}"
        )


@pytest.fixture(params=PATHS)
def made(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The session, made, exported and imported on Arrow's paths and on the ones taken
    without pyarrow (the executable): the golden files hold for both."""
    take(request.param, monkeypatch)
    source = _predictions(tmp_path / "data")
    categories = (
        Category("dog"),
        Category("Subset"),
        Category("blurry"),
        Category("a, b"),
        Category("=formula"),
        Category("incorrect label", kind="label_error"),
    )
    target = tmp_path / "s.easession"
    session = create_session(source, target, SourceOptions(categories=categories, reviewer="ann"))
    session.close()
    db = sqlite3.connect(target)
    db.execute("UPDATE meta SET value = ? WHERE key = 'session_id'", (SESSION_ID,))
    db.commit()
    db.close()
    return target


def _review(session: ReviewSession) -> None:
    ids = session.item_ids()
    categories = session.categories()
    for n, item_id in enumerate(ids[:20]):
        for j, category in enumerate(categories):
            if (n + j) % 3 == 0:
                session.set_tick(item_id, category.id, True)
    session.set_review_state(ids[20:22], SKIPPED)
    for n, item_id in enumerate(ids[:12]):
        session.set_comment(item_id, AWKWARD[(n * 3) % len(AWKWARD)])
    session.add_category("late; one", shortcut="F1")
    late = session.categories()[-1]
    session.set_ticks(ids[5:9], late.id, True, mark_reviewed=False)
    session.set_reviewer('bob, "the" =reviewer')
    session.set_tick(ids[23], categories[0].id, True)


def test_new_writes_the_same_session(made: Path) -> None:
    _check("session_new.txt", _dump_session(made).encode("utf-8"))


def _dtype_name(dtype: object) -> str:
    """The dtype's name, pandas 2's text columns (object) under pandas 3's name."""
    if str(dtype) == "object" and int(pd.__version__.split(".", 1)[0]) < 3:
        return "str"
    return str(dtype)


def test_predictions_frame_is_unchanged(made: Path) -> None:
    with ReviewSession.open(made) as session:
        frame = session.predictions_frame()
        text = f"{list(frame.columns)}\n{[_dtype_name(t) for t in frame.dtypes]}\n"
        text += frame.to_csv(index=False, lineterminator="\n")
        bare = session.predictions_frame(metadata=False)
        text += f"{list(bare.columns)}\n" + bare.to_csv(index=False, lineterminator="\n")
    _check("predictions_frame.txt", text.encode("utf-8"))


def test_export_and_import_are_unchanged(made: Path, tmp_path: Path) -> None:
    with ReviewSession.open(made) as session:
        _review(session)
        sheet = tmp_path / "sheet.csv"
        semicolons = tmp_path / "sheet-semicolon.csv"
        assert export_session(session, sheet) == session.item_count()
        export_session(session, semicolons, delimiter=";")
        _check("export.csv", sheet.read_bytes())
        _check("export-semicolon.csv", semicolons.read_bytes())
        # Nothing changed: nothing written.
        report = import_spreadsheet(session, sheet)
        assert report.changed == 0 and report.matched == session.item_count()
        # A few edits typed into the sheet.
        header, *rows = csv.reader(io.StringIO(sheet.read_bytes().decode("utf-8-sig")))
        dog, reviewed = header.index("dog"), header.index("reviewed")
        comments = header.index("comments")
        rows[12][dog], rows[12][reviewed] = "x", "0"
        rows[13][comments] = 'new, "comment"\n=2'
        rows[2][dog] = "0" if rows[2][dog] == "1" else "1"
        rows[16][reviewed] = "skipped"
        edited = tmp_path / "edited.csv"
        with open(edited, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([header, *rows])
        report = import_spreadsheet(session, edited)
        assert report.changed == 4, report
        _check("import-report.txt", json.dumps(report.__dict__, sort_keys=True).encode())
    _check("session_imported.txt", _dump_session(made).encode("utf-8"))


# -- the fast paths against what they replace, on any text -------------------------------

_TEXT = st.text(
    st.characters(min_codepoint=1, max_codepoint=0x2FFF, blacklist_categories=("Cs",)), max_size=12
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=30),
    st.sampled_from([["a", "b"], ["note", 'q"uo\\te'], ["x"]]),
)
def test_metadata_json_is_json_dumps(rows, columns) -> None:
    values = [[row[i % 2] for row in rows] for i in range(len(columns))]
    fast = _metadata_json(columns, values)
    expected = [
        json.dumps(dict(zip(columns, cells, strict=True)), ensure_ascii=False)
        for cells in zip(*values, strict=True)
    ]
    if fast is None:  # it declines control characters, and needs pyarrow
        controls = any(ord(c) < 0x20 for cells in values for cell in cells for c in cell)
        assert controls or not HAS_ARROW
    else:
        assert fast == expected


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(_TEXT, _TEXT, _TEXT), min_size=1, max_size=30),
    st.sampled_from([["a", "b", "c"], ["x y", "meta:z", "é"], ["p", "q,r", "s"]]),
)
def test_plain_csv_is_to_csv(rows, columns) -> None:
    frame = pd.DataFrame([list(r) for r in rows], columns=columns, dtype=object)
    # pandas' own text, except that a cell with a bare CR is quoted (rows end in CRLF).
    assert _plain_csv(frame) == _quoted_csv(frame)
    assert _plain_csv(frame.iloc[:, :1]) == _quoted_csv(frame.iloc[:, :1])
    if "\r" not in frame.to_csv(index=False):
        assert _plain_csv(frame) == frame.to_csv(index=False)
    # Columns already in Arrow (the predictions' text) take the same road, the same bytes.
    if STRING_DTYPE is not None:
        arrow = frame.astype(STRING_DTYPE)
        assert _plain_csv(arrow) == _plain_csv(frame)
        arrow.iloc[0, 0] = None  # a missing cell: pandas writes it empty
        assert _plain_csv(arrow) == _quoted_csv(arrow)


def test_plain_csv_of_numbers_is_to_csv() -> None:
    frame = pd.DataFrame({"a": [1.5, float("nan"), -0.0], "b": ["x", "y", "z"]})
    assert _plain_csv(frame) == frame.to_csv(index=False)


def test_image_check_finds_what_resolve_image_finds(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "img").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "img").mkdir(parents=True)
    absolute = tmp_path / "abs.png"
    absolute.write_bytes(b"x")
    (data / "img" / "a.png").write_bytes(b"x")
    (data / "img" / "b c.png").write_bytes(b"x")
    (elsewhere / "img" / "beside.png").write_bytes(b"x")
    images = [
        "img/a.png",
        "img/./b c.png",
        "img/beside.png",
        str(absolute),
        "img/none.png",
        f"{tmp_path}/gone.png",
        "img//a.png",
    ]
    rows = [(f"k{i}", image, "cat", "dog", "0.5", "dev") for i, image in enumerate(images)]
    source = data / "p.csv"
    with open(source, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [["id", "image", "label", "prediction", "score", "split"], *rows]
        )
    session = create_session(source, elsewhere / "s.easession", SourceOptions())
    try:
        check = image_check(session)
        paths = [session.resolve_image(i) for i in session.item_columns(["image"])["image"]]
        missing = [str(p) for p in paths if not p.exists()]
        assert (check.checked, check.missing, check.example) == (7, len(missing), missing[0])
        assert check.missing == 2 and check.complete
    finally:
        session.close()



def test_image_check_by_folder_listing_says_what_exists_says(tmp_path: Path, monkeypatch) -> None:
    """A busy folder is listed once; only a yes is taken from the listing, so a
    dangling link, a folder named like an image, another spelling of a name and a
    file beside the session all come out as ``exists`` says."""
    from erroranalysis.core import sources

    monkeypatch.setattr(sources, "LIST_FOLDER_AT", 2)
    data = tmp_path / "data"
    (data / "img").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "img").mkdir(parents=True)
    for name in ("a.png", "b c.png", "é中.png"):
        (data / "img" / name).write_bytes(b"x")
    (data / "img" / "dir.png").mkdir()
    (data / "img" / "dangling.png").symlink_to(data / "img" / "nowhere.png")
    (data / "img" / "link.png").symlink_to(data / "img" / "a.png")
    (data / "top.png").write_bytes(b"x")
    (elsewhere / "img" / "beside.png").write_bytes(b"x")
    images = [
        "img/a.png", "img/b c.png", "img/é中.png", "img/dir.png", "img/dangling.png",
        "img/link.png", "img/A.png", "img/beside.png", "img/none.png", "top.png",
        "img/../top.png", "img/./a.png", "unlisted/x.png", "unlisted/y.png",
    ]
    rows = [(f"k{i}", image, "cat", "dog", "0.5", "dev") for i, image in enumerate(images)]
    source = data / "p.csv"
    with open(source, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [["id", "image", "label", "prediction", "score", "split"], *rows]
        )
    session = create_session(source, elsewhere / "s.easession", SourceOptions())
    try:
        check = image_check(session)
        stored = [str(i) for i in session.item_columns(["image"])["image"]]
        missing = [str(session.resolve_image(i)) for i in stored
                   if not os.path.exists(session.resolve_image(i))]
        assert (check.checked, check.missing, check.example) == (
            len(images), len(missing), missing[0])
        # dir.png is a folder, dangling.png a dangling link: exists() says the first is
        # there and the second is not; img/A.png is another file on a case-sensitive disk.
        assert check.missing == len(missing) >= 4
    finally:
        session.close()

@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["0", "1", "n/a", "", "x,y", "'=1"]), min_size=6, max_size=6),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from([",", ";", "\t", "|"]),
)
def test_tick_runs_render_as_cell_by_cell(rows, delimiter) -> None:
    header = [f"c{i}" for i in range(6)]
    columns = [[row[i] for row in rows] for i in range(6)]
    fast = csvio.render_columns(header, columns, delimiter=delimiter)
    original = csvio._join_one_byte_runs
    try:
        csvio._join_one_byte_runs = lambda fields, _delimiter: fields
        slow = csvio.render_columns(header, columns, delimiter=delimiter)
    finally:
        csvio._join_one_byte_runs = original
    assert fast == slow


def test_predictions_frame_columns_are_the_full_frames(made: Path) -> None:
    with ReviewSession.open(made) as session:
        full = session.predictions_frame()
        bare = session.predictions_frame(metadata=False)
        for wanted in (["split", "label", "prediction"], ["score", "key"], ["weight"]):
            part = session.predictions_frame(columns=wanted)
            assert list(part.columns) == wanted
            pd.testing.assert_frame_equal(part, bare[wanted])
            pd.testing.assert_frame_equal(part, full[wanted])
        with pytest.raises(ValueError, match="nonsense"):
            session.predictions_frame(columns=["key", "nonsense"])


def test_predictions_frame_columns_read_metadata_by_name(tmp_path: Path) -> None:
    source = tmp_path / "p.csv"
    source.write_text(
        "id,image,label,prediction,split,camera\n"
        + "".join(
            f"k{i},i{i}.png,cat,{'dog' if i % 2 else 'cat'},dev,c{i % 3}\n" for i in range(8)
        ),
        encoding="utf-8",
    )
    session = create_session(source, tmp_path / "s.easession", SourceOptions())
    try:
        full = session.predictions_frame()
        part = session.predictions_frame(columns=["camera", "label"])
        pd.testing.assert_frame_equal(part, full[["camera", "label"]])
        assert part["camera"].tolist() == [f"c{i % 3}" for i in range(8)]
    finally:
        session.close()


def _python_float(text: object) -> float:
    try:
        return float(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("nan")


def test_scores_parsed_once_per_text_are_to_numeric() -> None:
    texts = [
        "0.5",
        "1e-07",
        "",
        "x",
        "123456789012345678",
        "-0.0",
        "1.0000000000000002",
        "inf",
        "1e500",
        "3",
        "0x1",
        "nan",
        "5.",
        ".25",
        "0.30000000000000004",
    ]
    values = pd.Series([texts[(i * 7) % len(texts)] for i in range(50_000)], dtype="str")
    values = values.where(values != "", None)
    # Python's float() reads each text to the nearest double, as pandas 3's to_numeric does
    # (pandas 2's is an ulp off on some: 0.30000000000000004 -> 0.3).
    expected = np.array([_python_float(t) for t in values.tolist()])
    mine = _to_numbers(values).to_numpy()
    assert mine.dtype == np.float64
    assert np.array_equal(np.isnan(mine), np.isnan(expected))
    assert np.array_equal(
        mine[~np.isnan(mine)].view(np.int64), expected[~np.isnan(expected)].view(np.int64)
    )
