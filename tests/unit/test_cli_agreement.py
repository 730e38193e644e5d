"""Ratings read from reviewers' session files, and ``erroranalysis agreement`` end to end."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from erroranalysis.cli import main
from erroranalysis.core.agreement import NOT_ASSESSED, ratings_from_sessions
from erroranalysis.core.categories import Category
from erroranalysis.core.errors import UserError
from erroranalysis.core.kappa_interval import kappa_interval
from erroranalysis.core.session import ReviewSession


def items_frame(n: int, ids: bool = True, start: int = 0) -> pd.DataFrame:
    images = [f"img/e{i}.png" for i in range(start, start + n)]
    return pd.DataFrame(
        {
            "key": [f"e{i}" for i in range(start, start + n)] if ids else images,
            "image": images,
            "label": "cat",
            "prediction": "dog",
            "score": 0.5,
            "split": "dev",
        }
    )


def make_session(
    path: Path,
    ticks: dict[str, Sequence[int]],
    reviewed: Sequence[int],
    *,
    items: pd.DataFrame | None = None,
    categories: Sequence[str] | None = None,
    reviewer: str = "",
) -> Path:
    """A session whose reviewer ticked ``ticks[category]`` (item positions) and
    reviewed the items at ``reviewed``."""
    items = items_frame(8) if items is None else items
    names = list(categories or ticks)
    with ReviewSession.create(
        path, items, [Category(n) for n in names], dev_size=100, dev_errors=len(items)
    ) as session:
        if reviewer:
            session.set_reviewer(reviewer)
        ids = session.item_ids()
        session.set_reviewed([ids[i] for i in reviewed], True)
        for name, positions in ticks.items():
            category = session.category_by_name(name)
            assert category is not None
            session.set_ticks([ids[i] for i in positions], category.id, True)
    return path


# The three reviewers of test_agreement.THREE: ticks per item 3, 2, 1, 0, 0, 0, 3, 1.
BLURRY = {"alice": [0, 1, 2, 6], "bob": [0, 1, 6, 7], "carol": [0, 6]}
DOG = {"alice": [3], "bob": [3], "carol": [3]}


@pytest.fixture
def three(tmp_path: Path) -> list[Path]:
    return [
        make_session(
            tmp_path / f"{name}.easession",
            {"blurry": BLURRY[name], "dog": DOG[name]},
            range(8),
            reviewer=name,
        )
        for name in ("alice", "bob", "carol")
    ]


def test_three_sessions_json_by_hand(three: list[Path], capsys: pytest.CaptureFixture) -> None:
    assert main(["agreement", *map(str, three), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    data = json.loads(captured.out)
    assert list(data) == ["reviewers", "categories"]
    assert data["reviewers"] == ["alice", "bob", "carol"]
    blurry, dog = data["categories"]
    assert list(blurry) == [
        "name", "items", "agreement", "kappa", "kappa_low", "kappa_high", "ac1"
    ]  # fmt: skip
    # By hand (test_agreement.test_three_reviewers_by_hand): Fleiss 17/35, AC1 19/37.
    assert blurry["name"] == "blurry" and blurry["items"] == 8
    assert blurry["agreement"] == pytest.approx(5 / 8)
    assert blurry["kappa"] == pytest.approx(17 / 35)
    # The interval: the likelihood ratio's, of the pooled pairs (7/3, 2, 11/3).
    _kappa, low, high = kappa_interval(7 / 3, 2, 11 / 3)
    assert (blurry["kappa_low"], blurry["kappa_high"]) == pytest.approx((low[0], high[0]))
    assert blurry["ac1"] == pytest.approx(19 / 37)
    # dog: all three tick item 3 only: perfect agreement, kappa 1. One ticked item of 8
    # cannot show much more than that kappa is above chance: the interval is not the
    # point [1, 1] (the large-sample variance is 0 there) but reaches down to 0.19.
    _kappa, low, _high = kappa_interval(1, 0, 7)
    assert dog == {
        "name": "dog",
        "items": 8,
        "agreement": 1.0,
        "kappa": 1.0,
        "kappa_low": pytest.approx(low[0]),
        "kappa_high": 1.0,
        "ac1": 1.0,
    }
    assert round(dog["kappa_low"], 2) == 0.19


def test_table_flags_the_category_to_sharpen(
    three: list[Path], capsys: pytest.CaptureFixture
) -> None:
    assert main(["agreement", *map(str, three)]) == 0
    out = capsys.readouterr().out
    assert "3 reviewers (alice, bob, carol)" in out and "Fleiss' kappa" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line[:4] in ("blur", "dog ")}
    assert "0.486" in lines["blurry"] and "62.5%" in lines["blurry"]
    assert "sharpen" in lines["blurry"]
    assert "sharpen" not in lines["dog"]


def test_two_sessions_use_cohen(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    # Wongpakaran et al. (2013) Schizoid table on 19 items: kappa 74/131, AC1 347/461.
    items = items_frame(19)
    first = make_session(
        tmp_path / "a.easession", {"schizoid": [15, 16, 17, 18]}, range(19), items=items
    )
    second = make_session(
        tmp_path / "b.easession", {"schizoid": [13, 14, 16, 17, 18]}, range(19), items=items
    )
    assert main(["agreement", str(first), str(second), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reviewers"] == ["a", "b"]  # no reviewer stored: the file names
    row = data["categories"][0]
    assert row["kappa"] == pytest.approx(74 / 131)
    assert row["ac1"] == pytest.approx(347 / 461)
    assert row["agreement"] == pytest.approx(16 / 19)


def test_csv_escapes_formulas(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    paths = [
        make_session(tmp_path / f"{n}.easession", {"=HYPERLINK(1)": t}, range(8))
        for n, t in (("a", [0, 1]), ("b", [0]))
    ]
    assert main(["agreement", *map(str, paths), "--format", "csv"]) == 0
    rows = list(csv.reader(capsys.readouterr().out.splitlines()))
    assert rows[0] == [
        "category", "items", "agreement", "kappa", "kappa_low", "kappa_high", "ac1",
        "needs_sharpening",
    ]  # fmt: skip
    assert rows[1][0] == "'=HYPERLINK(1)"
    assert rows[1][1] == "8" and float(rows[1][2]) == pytest.approx(7 / 8)
    # kappa: table [[1, 1], [0, 6]], chance (2*1 + 6*7)/64 = 44/64: (56/64 - 44/64)/(20/64)
    assert float(rows[1][3]) == pytest.approx(12 / 20)
    assert rows[1][7] == "no"


def test_partial_items_and_categories_are_kept_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    first = make_session(
        tmp_path / "a.easession",
        {"Blurry": [0, 1], "Instagram filter": [2]},
        range(9),
        items=items_frame(9),
        reviewer="ann",
    )
    second = make_session(tmp_path / "b.easession", {"blurry": [0]}, range(8), reviewer="ben")
    assert main(["agreement", str(first), str(second), "--format", "json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    names = [c["name"] for c in data["categories"]]
    assert names == ["Blurry", "Instagram filter"]  # matched ignoring case, not dropped
    assert data["categories"][0]["items"] == 8  # e8 only in ann's session
    assert data["categories"][1]["items"] == 0 and data["categories"][1]["kappa"] is None
    assert "1 of 9 items is not in every session (ben lacks 1)" in captured.err
    assert "1 category is not in every session (ben lacks Instagram filter)" in captured.err

    with ReviewSession.open(first) as a, ReviewSession.open(second) as b:
        ratings, match = ratings_from_sessions([a, b])
    assert match.matched_by == "key" and not match.complete
    assert match.missing_items == {"ann": 0, "ben": 1}
    assert match.missing_categories == {"ann": [], "ben": ["Instagram filter"]}
    assert list(ratings.item_keys) == [f"e{i}" for i in range(9)]
    assert (ratings.values[1, 8, :] == NOT_ASSESSED).all()
    assert (ratings.values[1, :, 1] == NOT_ASSESSED).all()
    assert ratings.values[0, :3, 0].tolist() == [1, 1, 0]


def test_unreviewed_items_are_not_assessed(tmp_path: Path) -> None:
    first = make_session(tmp_path / "a.easession", {"dog": [0]}, [0, 1, 2])
    second = make_session(tmp_path / "b.easession", {"dog": [0, 5]}, [0, 1, 2, 3])
    with ReviewSession.open(first) as a, ReviewSession.open(second) as b:
        ratings, match = ratings_from_sessions([a, b], names=["x", "y"])
    assert match.complete and ratings.reviewers == ["x", "y"]
    # Ticking item 5 marked it reviewed in b; a never reviewed items 3-7.
    assert ratings.values[:, :, 0].tolist() == [
        [1, 0, 0, -1, -1, -1, -1, -1],
        [1, 0, 0, 0, -1, 1, -1, -1],
    ]


def test_items_matched_by_image_path_without_ids(tmp_path: Path) -> None:
    with_ids = items_frame(4)
    shuffled = items_frame(4, ids=False).iloc[[2, 0, 3, 1]].reset_index(drop=True)
    first = make_session(tmp_path / "a.easession", {"dog": [0]}, range(4), items=with_ids)
    # In b's review order, position 1 is img/e0.png: the same item a ticked.
    second = make_session(tmp_path / "b.easession", {"dog": [1]}, range(4), items=shuffled)
    with ReviewSession.open(first) as a, ReviewSession.open(second) as b:
        ratings, match = ratings_from_sessions([a, b])
    assert match.matched_by == "image" and match.complete
    assert list(ratings.item_keys) == [f"img/e{i}.png" for i in range(4)]
    assert ratings.values[:, :, 0].tolist() == [[1, 0, 0, 0], [1, 0, 0, 0]]


def test_image_paths_must_be_unique_to_match_by_them(tmp_path: Path) -> None:
    twice = items_frame(3)
    twice.loc[2, "image"] = twice.loc[1, "image"]
    first = make_session(tmp_path / "a.easession", {"dog": []}, range(3), items=twice)
    second = make_session(
        tmp_path / "b.easession", {"dog": []}, range(3), items=items_frame(3, ids=False)
    )
    with (
        ReviewSession.open(first) as a,
        ReviewSession.open(second) as b,
        pytest.raises(UserError, match=r"a\.easession: image path 'img/e1\.png'"),
    ):
        ratings_from_sessions([a, b])


def test_same_reviewer_name_twice_gets_the_file_name(tmp_path: Path) -> None:
    paths = [
        make_session(tmp_path / f"{n}.easession", {"dog": []}, range(8), reviewer="sam")
        for n in ("one", "two")
    ]
    with ReviewSession.open(paths[0]) as a, ReviewSession.open(paths[1]) as b:
        ratings, _ = ratings_from_sessions([a, b])
    assert ratings.reviewers == ["sam (one.easession)", "sam (two.easession)"]


def _one_line_error(capsys: pytest.CaptureFixture, code: int, *fragments: str) -> None:
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    for fragment in fragments:
        assert fragment in err


def test_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    a = make_session(tmp_path / "a.easession", {"dog": []}, range(8))
    _one_line_error(capsys, main(["agreement", str(a)]), "at least two session files")
    _one_line_error(capsys, main(["agreement", str(a), str(a)]), "given twice")
    other = make_session(
        tmp_path / "o.easession", {"dog": []}, range(4), items=items_frame(4, start=50)
    )
    _one_line_error(capsys, main(["agreement", str(a), str(other)]), "no item is in every")
    unreviewed = make_session(tmp_path / "u.easession", {"dog": []}, [])
    _one_line_error(
        capsys, main(["agreement", str(a), str(unreviewed)]), "no item was reviewed by all 2"
    )
    bare = [make_session(tmp_path / f"bare{i}.easession", {}, range(8)) for i in (1, 2)]
    _one_line_error(capsys, main(["agreement", *map(str, bare)]), "no categories")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    _one_line_error(capsys, main(["agreement", str(a), str(text)]), "notes.txt")
    _one_line_error(
        capsys, main(["agreement", str(a), str(tmp_path / "gone.easession")]), "gone.easession"
    )


def test_large_session_round_trip_matches_in_memory_ratings(tmp_path: Path) -> None:
    """Ticks written through the session come back cell for cell."""
    rng = np.random.default_rng(3)
    n = 300
    expected = []
    paths = []
    for name in ("a", "b", "c"):
        reviewed = np.flatnonzero(rng.random(n) < 0.9)
        ticked = {c: [int(i) for i in reviewed if rng.random() < 0.2] for c in ("x", "y")}
        path = tmp_path / f"{name}.easession"
        paths.append(make_session(path, ticked, reviewed, items=items_frame(n)))
        values = np.full((n, 2), NOT_ASSESSED, dtype=np.int8)
        values[reviewed] = 0
        for j, c in enumerate(("x", "y")):
            values[ticked[c], j] = 1
        expected.append(values)
    sessions = [ReviewSession.open(p) for p in paths]
    try:
        ratings, _ = ratings_from_sessions(sessions)
    finally:
        for s in sessions:
            s.close()
    assert np.array_equal(ratings.values, np.stack(expected))
