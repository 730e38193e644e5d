"""Reading a few item columns at once: ``item_columns``, ``reviewed_ids``, ``comments``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from erroranalysis.core.categories import Category
from erroranalysis.core.session import ReviewSession


@pytest.fixture
def session(location_for):
    frame = pd.DataFrame(
        {
            "key": ["a", "b", "c", "d"],
            "image": ["x/a.png", "b.png", "c.png", "中文.png"],
            "label": ["cat", "dog", "10", "2"],
            "prediction": ["dog", "cat", "2", "10"],
            "score": [0.5, None, 0.25, 1.0],
            "split": "dev",
            "camera": ["phone", "dslr", "phone", "相机"],
        }
    )
    s = ReviewSession.create(
        location_for("s"),
        frame,
        [Category("blurry")],
        dev_size=40,
        dev_errors=4,
        metadata_columns=["camera"],
    )
    yield s
    s.close()


def test_columns_match_items_frame_in_review_order(session: ReviewSession) -> None:
    frame = session.items_frame()
    names = ["id", "key", "image", "label", "prediction", "split", "origin", "metadata"]
    columns = session.item_columns(names)
    assert list(columns) == names
    for name in names:
        assert columns[name].tolist() == frame[name].tolist(), name
    assert columns["id"].dtype == np.int64
    assert columns["metadata"][3] == '{"camera": "相机"}'  # the JSON text, non-ASCII kept


def test_column_types(session: ReviewSession) -> None:
    ids = session.item_ids()
    session.set_reviewed([ids[1]], True)
    session.set_comment(ids[2], "lion")
    columns = session.item_columns(["score", "reviewed", "comment", "reviewer"])
    assert columns["score"].dtype == np.float64
    assert np.isnan(columns["score"][1])
    assert columns["score"][[0, 2, 3]].tolist() == [0.5, 0.25, 1.0]
    assert columns["reviewed"].dtype == np.bool_
    assert columns["reviewed"].tolist() == [False, True, False, False]
    assert columns["comment"].tolist() == ["", "", "lion", ""]
    assert all(isinstance(v, str) for v in columns["reviewer"])


def test_only_known_columns_and_no_sql(session: ReviewSession) -> None:
    for names in (["tally"], ["id", "position"], ["id FROM items; DROP TABLE items --"]):
        with pytest.raises(ValueError, match="Not an item column"):
            session.item_columns(names)
    assert session.item_count() == 4
    assert session.item_columns([]) == {}
    # A name asked twice is read once.
    assert list(session.item_columns(["label", "label"])) == ["label"]


def test_columns_follow_the_review_order_and_new_items(session: ReviewSession) -> None:
    more = pd.DataFrame({"key": ["e"], "image": ["e.png"], "label": ["cat"], "prediction": ["cat"]})
    new = session.add_items(more, origin="correct")
    columns = session.item_columns(["id", "origin", "score"])
    assert columns["id"].tolist() == session.item_ids()
    assert columns["id"][-1] == new[0]
    assert columns["origin"][-1] == "correct"
    assert np.isnan(columns["score"][-1])


def test_empty_session_gives_empty_arrays(tmp_path: Path) -> None:
    empty = pd.DataFrame(columns=["key", "image", "label", "prediction"])
    with ReviewSession.create(
        tmp_path / "e.easession", empty, [], dev_size=None, dev_errors=0
    ) as s:
        columns = s.item_columns(["id", "score", "label"])
        assert [len(v) for v in columns.values()] == [0, 0, 0]
        assert columns["id"].dtype == np.int64
        assert s.reviewed_ids() == set() and s.comments() == {}


def test_reviewed_ids_and_comments_follow_edits(session: ReviewSession) -> None:
    ids = session.item_ids()
    blurry = session.categories()[0]
    assert session.reviewed_ids() == set()
    session.set_ticks([ids[0], ids[3]], blurry.id, True)  # ticking marks reviewed
    session.set_reviewed([ids[1]], True)
    assert session.reviewed_ids() == {ids[0], ids[1], ids[3]}
    session.set_reviewed([ids[0]], False)
    assert session.reviewed_ids() == {ids[1], ids[3]}

    assert session.comments() == {}
    session.set_comment(ids[2], "rainy day at zoo")
    session.set_comment(ids[0], "lion")
    assert session.comments() == {ids[0]: "lion", ids[2]: "rainy day at zoo"}
    session.set_comment(ids[0], "")
    assert session.comments() == {ids[2]: "rainy day at zoo"}
