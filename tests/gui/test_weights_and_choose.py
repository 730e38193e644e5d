"""Weights in the app (Edit ▸ Weights…, the weighted tally) and Tools ▸ Choose a model…"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPalette, QUndoStack

from erroranalysis.core.categories import categories_from_option
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.session_weights import weight_rule_texts, weighted_tally
from erroranalysis.core.sources import SourceOptions, create_session
from erroranalysis.gui.analysis import weighted_view
from erroranalysis.gui.analysis.tally_panel import TallyPanel
from erroranalysis.gui.choose_dialog import ChooseDialog
from erroranalysis.gui.commands import redo_step, undo_step
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.gui.weights_dialog import WeightsDialog


def write_course(folder: Path) -> Path:
    """METHOD.md §6: 100 dev examples, 10 pornographic; the model lets 2 through and makes
    3 other errors: 5% unweighted, 23/190 = 12.11% with label=porn:10."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["id,image,label,prediction"]
    for i in range(100):
        label = "porn" if i < 10 else ("cat" if i % 2 else "dog")
        prediction = "cat" if i in (0, 1, 50, 60, 70) else label
        lines.append(f"e{i},img/e{i}.png,{label},{prediction}")
    path = folder / "preds.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def session(tmp_path: Path):
    csv = write_course(tmp_path / "data")
    categories = tuple(categories_from_option("porn let through,blurry,incorrect label"))
    s = create_session(csv, tmp_path / "s.easession", SourceOptions(categories=categories))
    porn, blurry, label = (c.id for c in s.categories())
    for item_id in s.item_ids():
        item = s.item(item_id)
        if item.label == "porn":
            s.set_tick(item_id, porn, True)
        if item.key == "e70":
            s.set_tick(item_id, blurry, True)
        if item.key == "e50":
            s.set_tick(item_id, label, True)
        s.set_reviewed([item_id], True)
    yield s
    s.close()


def test_weights_dialog_refuses_a_wrong_rule_and_undoes(qtbot, session: ReviewSession) -> None:
    stack = QUndoStack()
    dialog = WeightsDialog(session, stack)
    qtbot.addWidget(dialog)
    assert "no weight column" in dialog.column_label.text()
    dialog.rules_edit.setPlainText("label=prn:10")
    assert dialog.apply() is False
    assert not dialog.error.isHidden() and "prn" in dialog.error.text()
    assert stack.count() == 0 and weight_rule_texts(session) == []
    dialog.rules_edit.setPlainText("label=porn:10\n\n")
    assert dialog.apply() is True
    assert stack.count() == 1 and weight_rule_texts(session) == ["label=porn:10"]
    assert stack.undoText() == "Set weight rules"
    assert undo_step(stack) is None and weight_rule_texts(session) == []
    assert redo_step(stack) is None and weight_rule_texts(session) == ["label=porn:10"]
    # Clearing is one more step.
    dialog = WeightsDialog(session, stack)
    qtbot.addWidget(dialog)
    assert "12.11%" in dialog.result_label.text()
    dialog.rules_edit.setPlainText("")
    assert dialog.apply() is True
    assert stack.count() == 2 and weight_rule_texts(session) == []


def _panel(qtbot, session: ReviewSession) -> tuple[TallyPanel, SessionSignals]:
    signals = SessionSignals(session)
    panel = TallyPanel(session, signals)
    qtbot.addWidget(panel)
    panel.resize(460, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel, signals


def test_tally_panel_shows_weighted_numbers_labelled(qtbot, session: ReviewSession) -> None:
    panel, signals = _panel(qtbot, session)
    assert panel.weighted_box.isHidden()
    assert panel.dev_error_label.text().startswith("Dev error 5.00%")
    stack = QUndoStack()
    dialog = WeightsDialog(session, stack)
    qtbot.addWidget(dialog)
    dialog.rules_edit.setPlainText("label=porn:10")
    assert dialog.apply()
    qtbot.waitUntil(lambda: panel.dev_error_label.text().startswith("Weighted dev error"))
    assert panel.dev_error_label.text() == "Weighted dev error 12.11%"
    assert panel.dev_error_note.text() == "Unweighted: 5.00% (5 / 100)"
    assert panel.label_note.text().startswith("4.3% of the reviewed errors' weight")
    assert not panel.weighted_box.isHidden() and panel.weighted_box.isChecked()
    header = panel.table.horizontalHeaderItem(2)
    assert header.text() == "Weighted share\n(95%)"  # two lines: a narrow dock fits it
    assert "stratified exact" in header.toolTip()
    assert "label=porn:10" in panel.weights_note.text()
    assert "stratified exact" in panel.weights_note.toolTip()
    first = [panel.table.item(0, c).text() for c in range(panel.table.columnCount())]
    # porn let through: 20 of the 23 reviewed weight; gain 20/190, ceiling 3/190.
    assert first[0] == "porn let through" and first[2].startswith("87.0%")
    assert first[3] == "1.58%" and first[4] == "10.53%"
    assert panel.chart_heading.text() == "Max gain by category (weighted)"
    split = panel.label_split_label.text()
    assert split.startswith("Weighted errors due to incorrect labels: 0.53%")
    assert panel.ranking_label.isHidden()
    # Unticked: the counts again, with the ranking verdict.
    panel.weighted_box.setChecked(False)
    assert panel.dev_error_label.text().startswith("Dev error 5.00%")
    assert panel.dev_error_note.isHidden()
    assert panel.table.horizontalHeaderItem(2).text() == "Share (95%)"
    assert not panel.ranking_label.isHidden()
    # An undo of the rules takes the weights away.
    panel.weighted_box.setChecked(True)
    undo_step(stack)
    qtbot.waitUntil(lambda: panel.weighted_box.isHidden())
    assert panel.dev_error_label.text().startswith("Dev error 5.00%")
    signals.detach()


def test_the_tally_export_writes_the_numbers_on_screen(qtbot, session, tmp_path) -> None:
    """A weighted session exports shares of the weighted dev error, as the panel shows
    them (with the weight column saying so); unticked, the counts, as shown then."""
    import pandas as pd
    from gui_helpers import open_window

    from erroranalysis.core.session_weights import set_weight_rules

    set_weight_rules(session, ["label=porn:10"])
    window = open_window(qtbot, session)
    panel = window.tally_panel
    qtbot.waitUntil(lambda: panel.dev_error_label.text().startswith("Weighted dev error"))
    window.export_tally_table(tmp_path / "weighted.csv")
    assert "Wrote the weighted tally" in window.statusBar().currentMessage()
    weighted = pd.read_csv(tmp_path / "weighted.csv")
    assert list(weighted.columns[:5]) == ["name", "kind", "count", "weight", "share"]
    porn = weighted.set_index("name").loc["porn let through"]
    # 20 of the 23 reviewed weight; gain 20/190 (the 87.0% and 10.53% on screen).
    assert porn["share"] == pytest.approx(20 / 23) and porn["weight"] == 20
    assert porn["max_gain"] == pytest.approx(20 / 190)
    panel.weighted_box.setChecked(False)
    window.export_tally_table(tmp_path / "counts.csv")
    assert "Wrote the tally to" in window.statusBar().currentMessage()
    counts = pd.read_csv(tmp_path / "counts.csv")
    assert "weight" not in counts.columns
    assert counts.set_index("name").loc["porn let through", "share"] == pytest.approx(0.4)
    window.close()


def test_the_export_shortcut_after_a_dialog_and_a_click_writes_the_weighted_tally(
    qtbot, session, tmp_path, monkeypatch
) -> None:
    """As a reviewer would: close the categories dialog, click a tally row, press
    Ctrl+Shift+E, pick a file; the file has the weighted numbers shown."""
    import pandas as pd
    from gui_helpers import open_and_close_the_categories_dialog, open_window, press, reactivate
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QFileDialog

    from erroranalysis.core.session_weights import set_weight_rules

    set_weight_rules(session, ["label=porn:10"])
    window = open_window(qtbot, session)
    panel = window.tally_panel
    qtbot.waitUntil(lambda: panel.dev_error_label.text().startswith("Weighted dev error"))
    open_and_close_the_categories_dialog(qtbot, window)
    table = panel.table
    rect = table.visualRect(table.model().index(0, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    reactivate(qtbot, window)
    target = tmp_path / "keys.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    press(window.review_view, (Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
                               | Qt.KeyboardModifier.ShiftModifier))
    qtbot.waitUntil(target.exists)
    porn = pd.read_csv(target).set_index("name").loc["porn let through"]
    assert porn["weight"] == 20 and porn["share"] == pytest.approx(20 / 23)
    assert "Wrote the weighted tally" in window.statusBar().currentMessage()
    window.close()


@pytest.mark.parametrize("weighted", [False, True])
def test_metrics_and_slices_say_they_count_every_example_once(qtbot, session, weighted) -> None:
    """Per-class metrics and slices count examples, not weights: in a weighted session
    they say so, so an accuracy of 95% is not read beside a weighted dev error of 12%."""
    from gui_helpers import open_window

    from erroranalysis.core.session_weights import set_weight_rules

    if weighted:
        set_weight_rules(session, ["label=porn:10"])
    window = open_window(qtbot, session)
    window.analysis_dock.raise_()
    metrics, slices = window.analysis_panel.metrics, window.analysis_panel.slices
    window.analysis_panel.show_tab("Metrics")
    qtbot.waitUntil(lambda: metrics.summary.text().startswith("Dev split"))
    window.analysis_panel.show_tab("Slices")
    qtbot.waitUntil(lambda: slices.results is not None and not slices.computing(), timeout=20000)
    note = "Unweighted: every example counts once here"
    for panel in (metrics, slices):
        assert (note in panel.table_note.text()) == weighted, panel.table_note.text()
        if weighted:
            assert "label=porn:10" in panel.table_note.text()
    assert "Macro: the mean over classes." in metrics.table_note.text()
    # Here no slice is big enough: that sentence, then the notes (no "examples.; 2 ...").
    assert slices.table_note.text().startswith("No slice has enough errors and examples. ")
    assert ".;" not in slices.table_note.text()
    slices.shutdown()
    window.close()


@pytest.mark.parametrize("weighted", [False, True])
def test_the_narrowest_tally_dock_clips_nothing(qtbot, session, weighted) -> None:
    """Dragged to its narrowest, the tally dock still shows every line whole: its
    content is no wider than what the dock shows of it (a weighted session adds a tick
    box whose text cannot wrap)."""
    from gui_helpers import open_window
    from PySide6.QtCore import Qt

    from erroranalysis.core.session_weights import set_weight_rules

    if weighted:
        set_weight_rules(session, ["label=porn:10"])
    window = open_window(qtbot, session)
    panel = window.tally_panel
    window.resizeDocks([window.tally_dock], [1], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.tally_dock.width() == window.tally_dock.minimumWidth())
    assert panel.weighted_box.isVisibleTo(panel) == weighted
    content = panel._scroll.widget()
    qtbot.waitUntil(lambda: content.width() <= panel._scroll.viewport().width())
    assert content.minimumSizeHint().width() <= panel._scroll.viewport().width()
    # The table's columns fit it, and the names keep room to wrap in (the Ceiling
    # and Ticked columns give way first).
    table = panel.table
    shown = [c for c in range(table.columnCount()) if not table.isColumnHidden(c)]
    assert sum(table.columnWidth(c) for c in shown) <= table.viewport().width()
    assert table.columnWidth(0) >= 80, [table.columnWidth(c) for c in shown]
    window.close()


def test_large_reviews_are_weighed_on_a_worker_thread(
    qtbot, session: ReviewSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(weighted_view, "SYNC_CELLS", 0)  # every review counts as large
    from erroranalysis.core.session_weights import set_weight_rules

    set_weight_rules(session, ["label=porn:10"])
    panel, signals = _panel(qtbot, session)
    qtbot.waitUntil(lambda: panel.dev_error_label.text().startswith("Weighted dev error"))
    qtbot.waitUntil(lambda: "updating" not in panel.weights_note.text())
    expected = weighted_tally(session)
    assert panel.tally.to_json_dict() == expected.to_json_dict()
    # A tick: the old numbers stay until the new ones arrive, then they are the session's.
    blurry = session.categories()[1].id
    session.set_tick(session.item_ids()[0], blurry, True)
    qtbot.waitUntil(lambda: panel.tally.to_json_dict() == weighted_tally(session).to_json_dict())
    panel._weighted.shutdown()
    signals.detach()


# --- choosing a model ------------------------------------------------------------------


def test_choose_course_example_marks_the_winner_and_greys_the_dropped(
    qtbot, tmp_path: Path
) -> None:
    runs = tmp_path / "runs.csv"
    # METHOD.md §7: maximise accuracy subject to running time <= 100 ms: B wins.
    runs.write_text("model,accuracy,latency_ms\nA,90%,80\nB,92%,95\nC,95%,1500\n")
    dialog = ChooseDialog()
    qtbot.addWidget(dialog)
    dialog.set_inputs(runs, optimize="accuracy", constraints=["latency_ms<=100"], dev_size=10_000)
    choice = dialog.run()
    assert choice is not None and choice.winner == "B"
    table = dialog.results
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Rank", "Model", "accuracy", "latency_ms", "Constraint missed"]
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(3)]
    assert rows[0][:4] == ["★ 1", "B  (winner)", "92.00%", "95"]
    assert rows[1][:4] == ["2", "A", "90.00%", "80"]
    assert rows[2][0] == "–" and rows[2][1] == "C" and "latency_ms<=100" in rows[2][4]
    grey = dialog.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert table.item(2, 1).foreground().color() == grey
    assert table.item(0, 1).font().bold() and not table.item(1, 1).font().bold()
    assert dialog.verdict.text().startswith("B wins: 2 points higher accuracy than A.")
    assert "Newcombe" in dialog.verdict.text()  # the lead against the dev set's resolution
    assert "larger than the dev set's noise" in dialog.verdict.text()


def test_choose_from_predictions_files_uses_the_paired_test(qtbot, tmp_path: Path) -> None:
    lines_a, lines_b = ["id,image,label,prediction"], ["id,image,label,prediction"]
    for i in range(200):
        lines_a.append(f"x{i},x{i}.png,cat,{'dog' if i < 20 else 'cat'}")
        lines_b.append(f"x{i},x{i}.png,cat,{'dog' if 10 <= i < 25 else 'cat'}")
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("\n".join(lines_a) + "\n")
    b.write_text("\n".join(lines_b) + "\n")
    dialog = ChooseDialog()
    qtbot.addWidget(dialog)
    dialog.set_inputs(models=[("A", a), ("B", b)], optimize="accuracy")
    choice = dialog.run()
    assert choice is not None and choice.winner == "B"
    # 10 examples right only by B, 5 only by A: within the noise of 200 examples.
    assert "McNemar" in dialog.verdict.text() and "cannot be told apart" in dialog.verdict.text()
    assert dialog.metric_combo.findText("f1") >= 0


def test_choose_says_what_is_wrong_without_raising(qtbot, tmp_path: Path) -> None:
    runs = tmp_path / "runs.csv"
    runs.write_text("model,accuracy,latency_ms\nA,90%,80\n")
    dialog = ChooseDialog()
    qtbot.addWidget(dialog)
    dialog.set_inputs(runs, optimize="accuracy", constraints=["latency_ms<<100"])
    assert dialog.run() is None
    assert not dialog.error.isHidden() and "latency_ms<<100" in dialog.error.text()
    dialog.set_inputs(runs, optimize="accuracy", constraints=["memory_mb<=100"])
    assert dialog.run() is None and "no metric column 'memory_mb'" in dialog.error.text()
    dialog.set_inputs(None, optimize="accuracy")
    assert dialog.run() is None and "RUNS" in dialog.error.text()


def test_properties_say_where_the_weights_come_from(qtbot, session: ReviewSession) -> None:
    from erroranalysis.core.session_weights import set_weight_rules
    from erroranalysis.gui.properties_dialog import session_facts

    assert dict(session_facts(session))["Weights"].startswith("none")
    set_weight_rules(session, ["label=porn:10"])
    assert dict(session_facts(session))["Weights"] == (
        "label=porn:10 · weighted dev error 12.11% (unweighted 5.00%)"
    )


def test_window_menus_open_weights_and_choose(qtbot, session: ReviewSession) -> None:
    from tests.gui.gui_helpers import open_window, when_dialog

    window = open_window(qtbot, session)
    seen: list[str] = []

    def set_rules(dialog: WeightsDialog) -> None:
        dialog.rules_edit.setPlainText("label=porn:10")
        seen.append("weights")
        dialog.apply()

    when_dialog(WeightsDialog, set_rules)
    window.weights_action.trigger()
    assert seen == ["weights"] and weight_rule_texts(session) == ["label=porn:10"]
    qtbot.waitUntil(
        lambda: window.tally_panel.dev_error_label.text() == "Weighted dev error 12.11%"
    )
    window.undo()  # Edit ▸ Undo takes the rules back
    assert weight_rule_texts(session) == []
    when_dialog(ChooseDialog, lambda dialog: seen.append(dialog.windowTitle()))
    window.choose_action.trigger()
    assert seen[-1] == "Choose a model"
    window.close()


def test_choose_by_weighted_error_prefers_the_model_users_prefer(qtbot, tmp_path: Path) -> None:
    # METHOD.md §6: A makes fewer errors but lets pornographic images through; B makes
    # more errors, none on them. Accuracy prefers A, the weighted error B.
    header = "id,image,label,prediction"
    lines_a, lines_b = [header], [header]
    for i in range(100):
        label = "porn" if i < 10 else "cat"
        a = "cat" if i in (0, 1) else label  # 2 errors, both porn let through
        b = "dog" if i in (20, 21, 22) else label  # 3 errors on cats
        lines_a.append(f"x{i},x{i}.png,{label},{a}")
        lines_b.append(f"x{i},x{i}.png,{label},{b}")
    path_a, path_b = tmp_path / "a.csv", tmp_path / "b.csv"
    path_a.write_text("\n".join(lines_a) + "\n")
    path_b.write_text("\n".join(lines_b) + "\n")
    dialog = ChooseDialog()
    qtbot.addWidget(dialog)
    models = [("A", path_a), ("B", path_b)]
    dialog.set_inputs(models=models, optimize="accuracy", weights="label=porn:10")
    assert dialog.run().winner == "A"
    dialog.set_inputs(models=models, optimize="weighted_error", weights="label=porn:10")
    choice = dialog.run()
    assert choice.winner == "B"
    # A: 20 / 190; B: 3 / 190.
    assert choice.candidates[0].metrics["weighted_error"] == pytest.approx(3 / 190)
    assert choice.candidates[1].metrics["weighted_error"] == pytest.approx(20 / 190)
    assert "weighted_error" in dialog.notes.text()
    dialog.set_inputs(optimize="accuracy", weights="label=porn:10")
    assert dialog.run() is None and "predictions files" in dialog.error.text()
