"""Issue 9, item 6: the delimiter is found on several lines, and every export re-imports
exactly, whatever the category, metadata and comment texts (a hypothesis round trip)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheet_helpers import cells, predictions_session, write_lines

from erroranalysis.cli import main
from erroranalysis.core.categories import LABEL_ERROR, NORMAL, Category, is_label_error_name
from erroranalysis.core.csvio import sniff_delimiter
from erroranalysis.core.errors import UserError
from erroranalysis.core.predictions import load_predictions
from erroranalysis.core.session import REVIEWED, SKIPPED, ReviewSession
from erroranalysis.core.spreadsheet import (
    export_session,
    import_spreadsheet,
    tally_spreadsheet,
    understand_spreadsheet,
)


def test_semicolon_sheet_with_a_comma_in_a_category_name(tmp_path, capsys):
    sheet = write_lines(
        tmp_path / "review.csv",
        [
            "id;image;dog, big;blurry;reviewed",
            "a;a.png;1;0;1",
            "b;b.png;0;1;1",
            "c;c.png;1;0;1",
            "d;d.png;0;0;0",
        ],
    )
    assert main(["tally", str(sheet), "--format", "json"]) == 0
    tally = json.loads(capsys.readouterr().out)
    counts = {c["name"]: c["count"] for c in tally["categories"]}
    assert counts == {"dog, big": 2, "blurry": 1} and tally["reviewed"] == 3


def test_sniffing_reads_past_the_header(tmp_path):
    # The header alone has as many commas as semicolons; the rows settle it.
    text = "id;image;a,b;c,d\n1;x.png;1;0\n2;y.png;0;1\n"
    assert sniff_delimiter(text) == ";"
    assert sniff_delimiter("a,b;c\n1,2;3\n4,5;6\n") == ","  # more fields, all rows agree
    assert sniff_delimiter("image\nx.png\n") == ","


def test_semicolon_predictions_with_commas_in_names(tmp_path):
    path = write_lines(
        tmp_path / "preds.csv",
        [
            "image;label;prediction;notes, extra",
            "a.png;dog, big;cat;x",
            "b.png;cat;cat;y",
        ],
    )
    predictions = load_predictions(path)
    assert predictions.frame["label"].tolist() == ["dog, big", "cat"]
    assert predictions.metadata_columns == ["notes, extra"]


def test_names_that_broke_the_apps_own_export(tmp_path):
    session = predictions_session(tmp_path / "data", ["a;'b';c", "X", "X.1", "dog, big"])
    ids = session.item_ids()
    by_name = {c.name: c.id for c in session.categories()}
    session.set_tick(ids[0], by_name["a;'b';c"], True)
    session.set_tick(ids[1], by_name["X.1"], True)
    session.set_tick(ids[2], by_name["X"], True)
    sheet = tmp_path / "review.csv"
    export_session(session, sheet)
    assert import_spreadsheet(session, sheet).changed == 0
    review = understand_spreadsheet(sheet)
    assert [c.name for c in review.categories] == ["a;'b';c", "X", "X.1", "dog, big"]
    from_sheet = tally_spreadsheet(
        review, dev_errors=session.dev_errors, dev_size=session.dev_size
    ).to_json_dict()
    assert from_sheet["categories"] == session.tally().to_json_dict()["categories"]
    session.close()


def test_export_with_semicolons_for_european_excel(tmp_path, capsys):
    session = predictions_session(tmp_path / "data", ["dog", "great cat"])
    ids = session.item_ids()
    session.set_tick(ids[0], session.category_by_name("great cat").id, True)
    session.set_comment(ids[0], "big, striped; maybe a tiger")
    path = session.path
    session.close()
    sheet, table = tmp_path / "review.csv", tmp_path / "tally.csv"
    assert (
        main(["export", str(path), "-o", str(sheet), "--tally", str(table), "--delimiter", ";"])
        == 0
    )
    text = sheet.read_text(encoding="utf-8-sig")
    rows = cells(text, ";")
    assert rows[0][:7] == ["id", "image", "label", "prediction", "score", "dog", "great cat"]
    assert rows[1][rows[0].index("comments")] == "big, striped; maybe a tiger"
    assert all(len(r) == len(rows[0]) for r in rows)
    assert cells(table.read_text(encoding="utf-8-sig"), ";")[0][:3] == ["name", "kind", "count"]
    capsys.readouterr()
    assert main(["import", str(path), str(sheet)]) == 0
    assert "0 items changed" in capsys.readouterr().out
    again = tmp_path / "again.csv"
    assert main(["export", str(path), "-o", str(again), "--delimiter", ";"]) == 0
    assert again.read_bytes() == sheet.read_bytes()
    with pytest.raises(SystemExit) as usage:
        main(["export", str(path), "-o", str(again), "--delimiter", "|"])
    assert usage.value.code == 2


# ----------------------------------------------------------- the round trip

SPECIAL_NAMES = [
    "a;'b';c",
    "X",
    "X.1",
    "X.2",
    "dog, big",
    "label",
    "notes",
    "path",
    "score",
    "key",
    "true",
    "target",
    "conf",
    "prob",
    "name",
    "file",
    "set",
    "ink",
    "as_exported",
    "meta:ink",
    "category:dog",
    "Unnamed: 3",
    "=1+1",
    "+SUM(1)",
    "-2",
    "@cmd",
    "'quoted",
    '"quoted"',
    "tab\there",
    "模糊",
    "Zoë",
    "x;=1+1",
    "a,'=b",
    "comments x",
    "n/a",
]
NAMES = st.one_of(
    st.sampled_from(SPECIAL_NAMES),
    st.text(alphabet=st.sampled_from(list("aX1.;,'\"=+-@\t |éß模 :")), min_size=1, max_size=10),
)
TEXT = st.one_of(
    st.sampled_from(["", "=1+1", "x;=1+1", "\r\n=cmd", "'", "a,'=b", "1,-5", " lead", "n/a"]),
    st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=12),
)


def _valid_names(names: list[str]) -> list[str]:
    from erroranalysis.core.categories import clean_name

    out, seen = [], set()
    for name in names:
        try:
            name = clean_name(name)
        except UserError:
            continue
        if name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def _session(path: Path, names: list[str], metadata: dict[str, list[str]]) -> ReviewSession:
    n = len(next(iter(metadata.values()))) if metadata else 6
    frame = pd.DataFrame(
        {
            "key": [f"k{i}" for i in range(n)],
            "image": [f"img/{i}.png" for i in range(n)],
            "label": "cat",
            "prediction": "dog",
            "score": 0.5,
            "split": "dev",
            **metadata,
        }
    )
    categories = [
        Category(name, kind=LABEL_ERROR if is_label_error_name(name) else NORMAL) for name in names
    ]
    return ReviewSession.create(
        path,
        frame,
        categories,
        dev_size=10 * n,
        dev_errors=n,
        metadata_columns=list(metadata),
        overwrite=True,
    )


@settings(
    max_examples=int(os.environ.get("ROUNDTRIP_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    names=st.lists(NAMES, min_size=1, max_size=5),
    meta_names=st.lists(NAMES, max_size=3, unique=True),
    meta_ticklike=st.booleans(),
    comments=st.lists(TEXT, min_size=6, max_size=6),
    ticks=st.lists(st.booleans(), min_size=30, max_size=30),
    delimiter=st.sampled_from([",", ";"]),
)
def test_every_export_reimports_exactly(
    tmp_path_factory, names, meta_names, meta_ticklike, comments, ticks, delimiter
):
    names = _valid_names(names)
    if not names:
        return
    folder = tmp_path_factory.mktemp("roundtrip")
    # As load_predictions names them: a column called like a canonical one is meta:NAME.
    canonical = {"key", "image", "label", "prediction", "score", "split", "row", "origin"}
    meta_names = list(dict.fromkeys(f"meta:{m}" if m in canonical else m for m in meta_names))
    metadata = {
        m: (["0", "1", "", "1", "0", "x"] if meta_ticklike else [f"{m} {i}" for i in range(6)])
        for m in meta_names
    }
    source = _session(folder / "a.easession", names, metadata)
    ids = source.item_ids()
    categories = source.categories()
    for i, item in enumerate(ids):
        for j, category in enumerate(categories):
            if ticks[(i * len(categories) + j) % len(ticks)]:
                source.set_tick(item, category.id, True)
        source.set_comment(item, comments[i])
    source.set_review_state([ids[5]], SKIPPED)
    source.set_review_state([ids[4]], REVIEWED)
    sheet, again = folder / "review.csv", folder / "again.csv"
    export_session(source, sheet, delimiter=delimiter)

    # The same session: nothing to change, and the next export is the same bytes.
    assert import_spreadsheet(source, sheet).changed == 0
    export_session(source, again, delimiter=delimiter)
    assert again.read_bytes() == sheet.read_bytes()

    # A fresh session of the same items gets every tick, comment and state back.
    target = _session(folder / "b.easession", names, metadata)
    import_spreadsheet(target, sheet)
    assert np.array_equal(target.ticks_frame().to_numpy(), source.ticks_frame().to_numpy())
    assert target.comments() == source.comments()
    assert target.review_states(ids) == source.review_states(ids)

    # The sheet alone gives the session's categories and tally.
    review = understand_spreadsheet(sheet)
    assert [c.name for c in review.categories] == [c.name for c in categories]
    from_sheet = tally_spreadsheet(
        review, dev_errors=source.dev_errors, dev_size=source.dev_size
    ).to_json_dict()
    assert from_sheet["categories"] == source.tally().to_json_dict()["categories"]
    source.close()
    target.close()


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_duplicate_looking_headers_are_not_duplicates(tmp_path, delimiter):
    """pandas renames a second ``X`` to ``X.1``: a real ``X.1`` is not a duplicate."""
    d = delimiter
    sheet = write_lines(tmp_path / "r.csv", [f"id{d}X{d}X.1", f"a{d}1{d}0", f"b{d}0{d}0"])
    review = understand_spreadsheet(sheet)
    assert [c.name for c in review.categories] == ["X", "X.1"]
    twice = write_lines(tmp_path / "twice.csv", [f"id{d}X{d}X", f"a{d}1{d}0"])
    with pytest.raises(UserError, match=r"column 'X' appears twice \(columns 2 and 3\)"):
        understand_spreadsheet(twice)
