"""Issue 12 in the window: resolving reviewers' disagreements through the keyboard."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from gui_helpers import open_window, press
from PySide6.QtCore import Qt

from erroranalysis.core.merge import disputed_items, merge_sessions
from erroranalysis.core.session import ReviewSession

sys.path.insert(0, str(Path(__file__).parents[1] / "unit"))
from test_merge import KEYS, _session


@pytest.fixture
def team(tmp_path):
    ana = _session(tmp_path / "ana.easession", "Ana", ["dog", "blurry"],
                   {"dog": ["e0", "e1", "e2"], "blurry": ["e0"]}, KEYS)
    ben = _session(tmp_path / "ben.easession", "Ben", ["dog", "blurry"],
                   {"dog": ["e0", "e1"], "blurry": ["e0", "e3"]}, KEYS[:5])
    sessions = [ReviewSession.open(p, read_only=True) for p in (ana, ben)]
    merged, _report = merge_sessions(sessions, tmp_path / "team.easession")
    for s in sessions:
        s.close()
    return merged


def test_resolving_disagreements_with_the_keys(qtbot, team):
    window = open_window(qtbot, team)
    view = window.review_view
    ids = dict(zip(KEYS, team.item_ids(), strict=True))
    assert disputed_items(team) == [ids["e2"], ids["e3"]]
    press(view, (Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier
                 | Qt.KeyboardModifier.ShiftModifier))
    assert view.in_queue and view.current_item().id == ids["e2"]
    panel = view.reviewers_panel.text()
    assert "Ana: dog" in panel and "Ben: nothing ticked" in panel
    press(view, Qt.Key.Key_1, Qt.Key.Key_Return)  # e2: dog applies
    assert team.is_ticked(ids["e2"], team.category_by_name("dog").id)
    assert view.current_item().id == ids["e3"]
    press(view, Qt.Key.Key_Return)  # e3: blurry does not apply
    assert disputed_items(team) == [] and not view.in_queue
    dog = team.tally().table.set_index("name").loc["dog"]
    assert (dog["count"], dog["assessed"]) == (3, 6)
    # Each resolution is an undo step.
    window.undo()
    assert disputed_items(team) == [ids["e3"]]
    window.close()


def test_tally_panel_shows_agreed_majority_or_one_reviewer(qtbot, team):
    window = open_window(qtbot, team)
    panel = window.tally_panel
    combo = panel.answers_combo
    assert combo.isVisibleTo(panel) and combo.count() == 4
    combo.setCurrentIndex(combo.findData("Ben"))
    assert panel.tally.reviewed == 5
    combo.setCurrentIndex(combo.findData("agreed"))
    assert panel.tally.reviewed == 6
    window.close()


def test_the_tally_export_writes_the_answers_on_screen(qtbot, team, tmp_path):
    import pandas as pd

    window = open_window(qtbot, team)
    combo = window.tally_panel.answers_combo
    combo.setCurrentIndex(combo.findData("Ben"))
    window.export_tally_table(tmp_path / "ben.csv")
    # Ben ticked blurry on e0 and e3; the agreed answers have blurry on e0 only.
    ben = pd.read_csv(tmp_path / "ben.csv").set_index("name")
    assert ben.loc["blurry", "count"] == 2 and ben.loc["dog", "count"] == 2
    combo.setCurrentIndex(combo.findData("agreed"))
    window.export_tally_table(tmp_path / "agreed.csv")
    agreed = pd.read_csv(tmp_path / "agreed.csv").set_index("name")
    expected = team.tally().table.set_index("name")
    assert agreed["count"].to_dict() == expected["count"].to_dict()
    assert agreed["count"].to_dict() != ben["count"].to_dict()
    window.close()


def test_agreement_tab_of_a_merged_session(qtbot, team):
    from erroranalysis.core.agreement import compute_agreement
    from erroranalysis.core.merge import merged_ratings

    window = open_window(qtbot, team)
    window.analysis_panel.show_tab("Agreement")
    panel = window.analysis_panel.agreement
    expected = compute_agreement(merged_ratings(team))
    assert panel.table.rowCount() == len(expected.categories)
    dog = next(c for c in expected.categories if c.name == "dog")
    row = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())].index("dog")
    assert panel.table.item(row, 1).text() == str(dog.items)
    window.close()


def test_a_hidden_agreement_tab_catches_up_when_shown(qtbot, team):
    """A tick does not recompute the Agreement table while another tab is shown; the
    table has the tick when its tab comes up."""
    from erroranalysis.core.agreement import compute_agreement
    from erroranalysis.core.merge import merged_ratings

    window = open_window(qtbot, team)
    panel = window.analysis_panel.agreement
    assert not panel.isVisible()
    before = panel.report
    dog = team.category_by_name("dog").id
    team.set_tick(team.item_ids()[3], dog, True)  # e3: now agreed dog
    qtbot.wait(100)
    assert panel.report is before  # not recomputed while hidden
    window.analysis_panel.show_tab("Agreement")
    qtbot.waitUntil(lambda: panel.report is not before)
    assert panel.report.to_json_dict() == compute_agreement(merged_ratings(team)).to_json_dict()
    window.close()
