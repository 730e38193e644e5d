"""Issue 10 in the window: the ranking verdict, the interval setting, the corrected dev
error's bound, undefined metrics; issue 8's one number format."""

from __future__ import annotations

import pandas as pd
import pytest
from gui_helpers import open_window
from PySide6.QtCore import QModelIndex

from erroranalysis.core.demo import open_demo_session
from erroranalysis.core.intervals import share_intervals
from erroranalysis.core.rates import format_percent, format_share
from erroranalysis.core.session import REVIEWED
from erroranalysis.core.sources import SourceOptions, create_session


@pytest.fixture
def demo_window(qtbot):
    window = open_window(qtbot, open_demo_session(reset=True))
    yield window
    window.close()


def _review(session, ticks: dict[int, list[int]]) -> None:
    ids = session.item_ids()
    cats = [c.id for c in session.categories()]
    for position, chosen in ticks.items():
        for index in chosen:
            session.set_tick(ids[position], cats[index], True)
        session.set_review_state([ids[position]], REVIEWED)


def test_the_tally_says_whether_the_ranking_is_settled(qtbot, demo_window):
    session = demo_window.session
    _review(session, {i: [0] if i % 5 else [0, 1] for i in range(30)})
    panel = demo_window.tally_panel
    panel.refresh()
    label = panel.ranking_label
    assert label.isVisible()
    ranking = session.tally().ranking
    assert ranking is not None and ranking.settled
    assert label.text().startswith("✓ ") and session.categories()[0].name in label.text()


def test_interval_method_menu_recomputes_and_undo_restores(qtbot, demo_window):
    session = demo_window.session
    _review(session, {i: [0] for i in range(0, 20, 3)} | {i: [] for i in range(1, 20, 3)})
    panel = demo_window.tally_panel
    panel.refresh()
    exact = session.tally().table.iloc[0]
    demo_window.interval_actions["wilson-fpc"].trigger()
    panel.refresh()
    wilson = session.tally()
    assert wilson.method == "wilson-fpc"
    assert wilson.table.iloc[0]["share_low"] != exact["share_low"]
    assert demo_window.interval_actions["wilson-fpc"].isChecked()
    assert "Wilson" in panel.method_note.text()
    demo_window.undo()
    assert session.tally().method == "exact"
    assert demo_window.interval_actions["exact"].isChecked()
    low, _high = share_intervals([int(exact["count"])], [int(exact["assessed"])],
                                session.dev_errors)
    assert exact["share_low"] == pytest.approx(low[0], abs=1e-12)


def test_corrected_dev_error_without_correct_examples_is_a_lower_bound(qtbot, demo_window):
    session = demo_window.session
    label_category = next(c for c in session.categories() if c.is_label_error)
    _review(session, {0: [], 1: [], 2: []})
    session.set_tick(session.item_ids()[0], label_category.id, True)
    panel = demo_window.analysis_panel.labels
    panel.refresh()
    assert "at least" in panel.corrected_label.text()
    assert "no upper bound yet" in panel.corrected_label.text()


def test_undefined_precision_shows_a_dash_and_the_weighted_average(qtbot, tmp_path):
    frame = pd.DataFrame({
        "image": [f"{i}.png" for i in range(6)],
        "label": ["cat", "cat", "dog", "dog", "bird", "bird"],
        "prediction": ["cat", "dog", "dog", "cat", "cat", "dog"],  # bird never predicted
    })
    frame.to_csv(tmp_path / "p.csv", index=False)
    session = create_session(tmp_path / "p.csv", None, SourceOptions())
    window = open_window(qtbot, session)
    panel = window.analysis_panel.metrics
    panel.refresh()
    model = panel.table_model
    rows = {model.data(model.index(r, 0)): r for r in range(model.rowCount(QModelIndex()))}
    assert model.data(model.index(rows["bird"], 1)) == "–"  # precision of a class never predicted
    assert "weighted avg" in rows and "macro avg" in rows and "micro avg" in rows
    window.close()


def test_one_number_format():
    assert format_percent(0.1033) == "10.33%"
    assert format_percent(0.01, signed=True) == "+1.00%"
    assert format_percent(-0.000059, signed=True) == "-0.01%"
    assert format_share(0.43) == "43.0%"
