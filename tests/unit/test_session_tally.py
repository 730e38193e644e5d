"""A session's tally: exact intervals, the stored interval method, the ranking verdict."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from erroranalysis.core.errors import UserError
from erroranalysis.core.intervals import share_interval, wilson_interval
from erroranalysis.core.session import CORRECT, ReviewSession
from erroranalysis.core.sources import SourceOptions, add_correct_sample, create_session
from erroranalysis.core.tally import tally_from_ticks


@pytest.fixture
def session(preds_csv: Path, location_for):
    s = create_session(preds_csv, location_for("s"), SourceOptions())
    ids = s.item_ids()
    dog, cat, blurry = (c.id for c in s.categories()[:3])
    for item in ids[:6]:
        s.set_tick(item, blurry, True)
    for item in ids[4:7]:
        s.set_tick(item, dog, True)
    s.set_tick(ids[7], cat, True)
    yield s
    s.close()


def test_session_tally_uses_exact_intervals_and_has_the_ranking(session: ReviewSession) -> None:
    tally = session.tally()
    assert tally.method == "exact" and tally.reviewed == 8 and tally.population == 10
    blurry = tally.table.set_index("name").loc["blurry"]
    assert (blurry.share_low, blurry.share_high) == share_interval(6, 8, 10)
    # The same verdict as the spreadsheet path's, from the reviewed rows of ticks_frame().
    frame = session.ticks_frame()
    reviewed = np.isin(frame.index, list(session.reviewed_ids()))
    expected = tally_from_ticks(
        session.categories(), frame.to_numpy(), reviewed, session.dev_errors, session.dev_size
    )
    assert tally.ranking == expected.ranking
    assert tally.ranking.leader == "blurry" and tally.ranking.runner_up == "dog"
    assert tally.to_json_dict() == expected.to_json_dict()


def test_session_honours_the_stored_interval_method(session: ReviewSession) -> None:
    session.set_meta("interval_method", "wilson-fpc")
    blurry = session.tally().table.set_index("name").loc["blurry"]
    assert (blurry.share_low, blurry.share_high) == wilson_interval(6, 8, 10)
    session.set_meta("interval_method", "bootstrap")
    with pytest.raises(UserError, match="interval_method 'bootstrap'"):
        session.tally()


def test_correct_examples_tally_has_no_ranking(session: ReviewSession) -> None:
    add_correct_sample(session, 3, 0)
    correct = [i for i in session.item_ids() if session.item(i).origin == CORRECT]
    label = session.categories()[3].id
    session.set_tick(correct[0], label, True)
    assert session.tally(origin=CORRECT).ranking is None
    assert session.tally().ranking is not None
