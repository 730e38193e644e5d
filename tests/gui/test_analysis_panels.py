"""The analysis panels (issue 5): diagnosis, incorrect labels, per-class metrics.

They must show the numbers the CLI prints (``diagnose``, ``labels``,
``metrics``), keep every typed rate undoable, and explain themselves for a
session made from a folder of images.
"""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QUndoStack

from erroranalysis.core.categories import Category
from erroranalysis.core.demo import open_demo_session
from erroranalysis.core.diagnosis import diagnose
from erroranalysis.core.label_noise import compare_models
from erroranalysis.core.rates import format_percent
from erroranalysis.core.session import CORRECT
from erroranalysis.core.session_analysis import (
    HUMAN_ERROR_KEY,
    RATE_OVERRIDE_KEYS,
    items_in_cell,
    label_report,
    session_diagnosis,
    session_metrics,
)
from erroranalysis.core.sources import SourceOptions, create_session
from erroranalysis.gui.analysis.analysis_panel import AnalysisPanel
from erroranalysis.gui.analysis.diagnosis_panel import DiagnosisPanel
from erroranalysis.gui.analysis.labels_panel import LabelsPanel
from erroranalysis.gui.analysis.metrics_panel import MetricsPanel, cell_description
from erroranalysis.gui.charts.ladder_chart import MINOR, PRIMARY, PROBLEM, ladder_rows
from erroranalysis.gui.commands import SetMetaCommand
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.resources import demo_dir


@pytest.fixture
def demo(qtbot, isolated_user_data):
    session = open_demo_session(reset=True)
    yield session
    _settle(qtbot)
    session.close()


def _settle(qtbot) -> None:
    """Let delayed refreshes run while the session is still open."""
    qtbot.wait(60)


@pytest.fixture
def signals(demo):
    return SessionSignals(demo)


@pytest.fixture
def stack():
    return QUndoStack()


def _review(session, label_errors: int = 6) -> None:
    """Review every demo error: the first few have wrong labels, the rest other causes."""
    ids = session.item_ids()
    categories = session.categories()
    label = next(c for c in categories if c.kind == "label_error")
    others = [c for c in categories if c.kind != "label_error"]
    session.set_ticks(ids[:label_errors], label.id, True)
    session.set_ticks(ids[label_errors:30], others[0].id, True)
    session.set_ticks(ids[30:], others[1].id, True)


def _folder_session(tmp_path):
    folder = tmp_path / "errors"
    folder.mkdir()
    for index in range(4):
        image = QImage(8, 8, QImage.Format.Format_RGB32)
        image.fill(QColor("#808080"))
        assert image.save(str(folder / f"{index}.png"))
    return create_session(folder, tmp_path / "folder.easession", SourceOptions(dev_size=40))


# --------------------------------------------------------------------------- commands


def test_set_meta_command_undo_restores_previous_value(demo, stack):
    stack.push(SetMetaCommand(demo, "rate_train", "0.1"))
    assert demo.meta("rate_train") == "0.1"
    stack.push(SetMetaCommand(demo, "rate_train", "0.2"))
    stack.undo()
    assert demo.meta("rate_train") == "0.1"
    stack.undo()
    assert demo.meta("rate_train") == ""
    stack.redo()
    stack.redo()
    assert demo.meta("rate_train") == "0.2"


# --------------------------------------------------------------------------- diagnosis


def test_diagnosis_shows_variance_as_primary_problem_on_the_demo(qtbot, demo, signals, stack):
    panel = DiagnosisPanel(demo, signals, stack)
    qtbot.addWidget(panel)
    expected, _sources = session_diagnosis(demo)
    assert expected.primary == "variance"
    assert panel.diagnosis == expected
    assert panel.chart.primary == "variance"
    assert f"variance {format_percent(expected.variance, signed=True)} · primary problem" in (
        panel.chart.gap_labels()
    )
    assert panel.primary_label.text().startswith("Primary problem: variance")
    assert "Reduce variance" in panel.advice_label.text()
    # The computed rates are the placeholders; the typed human error is the text.
    assert panel.edits["train_dev"].placeholderText() == format_percent(expected.train_dev)
    assert panel.edits["human"].text() == "0.5%"


def test_typing_the_human_error_stores_it_and_undo_restores_it(qtbot, demo, signals, stack):
    panel = DiagnosisPanel(demo, signals, stack)
    qtbot.addWidget(panel)
    before = demo.meta(HUMAN_ERROR_KEY)

    panel.set_rate_text("human", "8%")
    assert demo.meta(HUMAN_ERROR_KEY) == repr(0.08)
    assert stack.count() == 1
    assert stack.undoText() == "Set human-level error to 8.00%"
    assert panel.diagnosis.human == 0.08
    assert panel.edits["human"].text() == "8%"

    stack.undo()
    assert demo.meta(HUMAN_ERROR_KEY) == before
    panel.refresh()  # what the debounced meta_changed refresh does a moment later
    assert panel.edits["human"].text() == "0.5%"
    assert panel.diagnosis.human == 0.005

    stack.redo()
    assert demo.meta(HUMAN_ERROR_KEY) == repr(0.08)


def test_a_fraction_overrides_a_computed_rate_and_an_empty_field_clears_it(qtbot, demo, signals,
                                                                        stack):
    panel = DiagnosisPanel(demo, signals, stack)
    qtbot.addWidget(panel)
    panel.set_rate_text("train", "0.09")
    assert demo.meta(RATE_OVERRIDE_KEYS["train"]) == repr(0.09)
    assert panel.diagnosis == session_diagnosis(demo)[0]
    assert panel.diagnosis.primary == "avoidable_bias"
    assert panel.chart.primary == "avoidable_bias"
    assert "typed" in panel.notes["train"].text()

    panel.set_rate_text("train", "")
    assert demo.meta(RATE_OVERRIDE_KEYS["train"]) == ""
    assert panel.diagnosis.primary == "variance"
    assert stack.count() == 2


def test_invalid_rate_shows_a_message_and_changes_nothing(qtbot, demo, signals, stack):
    panel = DiagnosisPanel(demo, signals, stack)
    qtbot.addWidget(panel)
    panel.set_rate_text("test", "12")
    assert panel.errors["test"].isVisibleTo(panel)
    assert "fraction like 0.08" in panel.errors["test"].text()
    assert demo.meta(RATE_OVERRIDE_KEYS["test"]) == ""
    assert stack.count() == 0

    panel.set_rate_text("test", "12%")
    assert not panel.errors["test"].isVisibleTo(panel)
    assert demo.meta(RATE_OVERRIDE_KEYS["test"]) == repr(0.12)


def test_diagnosis_refreshes_when_the_rate_changes_elsewhere(qtbot, demo, signals, stack):
    panel = DiagnosisPanel(demo, signals, stack)
    qtbot.addWidget(panel)
    panel.show()
    demo.set_meta(HUMAN_ERROR_KEY, "0.09")  # e.g. `erroranalysis diagnose --human 9% --save`
    qtbot.waitUntil(lambda: panel.diagnosis.human == 0.09)
    assert panel.edits["human"].text() == "9%"
    assert panel.chart.primary == panel.diagnosis.primary


def test_ladder_rows_for_the_course_case_with_bias_and_mismatch():
    # METHOD §4: human 0, train 10, train-dev 11, dev 20: bias 10 and mismatch 9, both named.
    rows = ladder_rows(diagnose(0.0, 0.10, 0.11, 0.20, None))
    assert [(r.kind, r.name) for r in rows] == [
        ("rung", "human"), ("gap", "avoidable_bias"), ("rung", "train"), ("gap", "variance"),
        ("rung", "train_dev"), ("gap", "data_mismatch"), ("rung", "dev"),
    ]
    gaps = {r.name: r for r in rows if r.kind == "gap"}
    assert gaps["avoidable_bias"].role == PRIMARY
    assert gaps["avoidable_bias"].text == "avoidable bias +10.00% · primary problem"
    assert gaps["data_mismatch"].role == PROBLEM
    assert gaps["variance"].role == MINOR
    assert gaps["variance"].text == "variance +1.00%"
    # Without a train-dev rung, variance spans train -> dev (the CLI's reading).
    rows = ladder_rows(diagnose(0.01, 0.08, None, 0.10, None))
    assert [r.name for r in rows if r.kind == "gap"] == ["avoidable_bias", "variance"]
    assert rows[1].role == PRIMARY


# --------------------------------------------------------------------------- labels


def test_labels_panel_shows_the_numbers_of_label_report(qtbot, demo, signals, stack):
    _review(demo)
    panel = LabelsPanel(demo, signals, stack)
    qtbot.addWidget(panel)
    report = label_report(demo)
    split = report.split
    assert panel.report == report
    assert panel.due_value.text() == format_percent(split.due_to_labels)
    assert panel.other_value.text() == format_percent(split.other_causes)
    assert panel.dev_value.text() == format_percent(split.dev_error)
    assert panel.verdict_label.text() == split.verdict
    corrected = report.corrected
    # No correct example reviewed: a lower bound only (issue 10).
    assert corrected.high is None
    assert panel.corrected_label.text() == (
        f"{format_percent(corrected.value)}  (at least {format_percent(corrected.low)}; "
        "no upper bound yet)"
    )
    assert "none was reviewed yet" in panel.corrected_note.text()
    assert f"with an incorrect label: {report.label_errors_among_errors}" in (
        panel.errors_count_label.text()
    )


def test_labels_panel_follows_ticks(qtbot, demo, signals, stack):
    panel = LabelsPanel(demo, signals, stack)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.report.split is None
    assert "No split yet" in panel.verdict_label.text()
    _review(demo, label_errors=20)
    qtbot.waitUntil(lambda: panel.report is not None and panel.report.split is not None)
    assert panel.report == label_report(demo)
    assert panel.verdict_label.text() == label_report(demo).split.verdict


def test_adding_correct_examples_puts_them_in_the_session(qtbot, demo, signals, stack):
    panel = LabelsPanel(demo, signals, stack)
    qtbot.addWidget(panel)
    assert not panel.show_correct_button.isVisibleTo(panel)
    added = panel.add_correct_examples(10, seed=3)
    assert len(added) == 10
    assert demo.item_count(origin=CORRECT) == 10
    assert "cannot be undone" in panel.sample_message.text()
    assert panel.show_correct_button.isVisibleTo(panel)
    with qtbot.waitSignal(panel.show_items) as blocker:
        panel.show_correct_button.click()
    assert sorted(blocker.args[0]) == sorted(added)


def test_without_a_label_category_the_panel_explains_and_can_add_one(qtbot, demo, signals, stack):
    label = next(c for c in demo.categories() if c.kind == "label_error")
    demo.remove_category(label.id)
    panel = LabelsPanel(demo, signals, stack)
    qtbot.addWidget(panel)
    assert panel.report is None
    assert panel.missing_box.isVisibleTo(panel)
    assert not panel.report_box.isVisibleTo(panel)

    panel.add_category_button.click()
    assert any(c.kind == "label_error" for c in demo.categories())
    assert panel.report_box.isVisibleTo(panel)
    stack.undo()
    assert not any(c.kind == "label_error" for c in demo.categories())
    panel.refresh()
    assert panel.missing_box.isVisibleTo(panel)


def test_compare_with_another_model(qtbot, demo, signals, stack, tmp_path):
    _review(demo)
    rows = pd.read_csv(demo_dir() / "predictions.csv", dtype=str)
    dev = rows["split"] == "dev"
    wrong = dev & (rows["label"] != rows["prediction"])
    # Model B fixes three of model A's dev errors.
    fixed = rows.index[wrong][:3]
    rows.loc[fixed, "prediction"] = rows.loc[fixed, "label"]
    other = tmp_path / "model_b.csv"
    rows.to_csv(other, index=False)

    panel = LabelsPanel(demo, signals, stack)
    qtbot.addWidget(panel)
    result = panel.compare_with(other)
    size = int(dev.sum())
    errors_a = int(wrong.sum())
    expected = compare_models(errors_a / size, (errors_a - 3) / size,
                              label_report(demo).split.due_to_labels)
    assert result == expected
    text = panel.compare_label.text()
    assert format_percent(expected.dev_error_b) in text
    assert format_percent(expected.explainable_share) in text
    assert expected.warning is not None  # 0.5 points apart, 1% label noise: cannot rank
    assert "cannot be ranked" in text


def test_compare_with_a_different_dev_set_says_why(qtbot, demo, signals, stack, tmp_path):
    rows = pd.read_csv(demo_dir() / "predictions.csv", dtype=str)
    rows = rows.drop(rows.index[rows["split"] == "dev"][:2])
    other = tmp_path / "smaller.csv"
    rows.to_csv(other, index=False)
    panel = LabelsPanel(demo, signals, stack)
    qtbot.addWidget(panel)
    assert panel.compare_with(other) is None
    assert panel.compare_error.isVisibleTo(panel)
    assert "different dev examples" in panel.compare_error.text()


# --------------------------------------------------------------------------- metrics


def test_metrics_table_matches_the_core(qtbot, demo, signals):
    panel = MetricsPanel(demo, signals)
    qtbot.addWidget(panel)
    metrics = session_metrics(demo, "dev")
    model = panel.table_model
    assert model.rowCount() == len(metrics.classes) + 3  # macro, micro, weighted
    first = metrics.per_class.iloc[0]
    assert model.index(0, 1).data() == f"{first['precision']:.3f}"
    macro = len(metrics.classes)
    assert model.index(macro, 0).data() == "macro avg"
    assert model.index(macro, 3).data() == f"{metrics.macro.f1:.3f}"
    assert model.index(macro + 1, 0).data() == "micro avg"
    assert model.index(macro + 1, 1).data() == f"{metrics.accuracy:.3f}"
    assert model.index(macro + 2, 0).data() == "weighted avg"
    assert model.index(macro + 2, 3).data() == f"{metrics.weighted.f1:.3f}"
    confusion = panel.confusion_model
    assert confusion.rowCount() == len(metrics.classes)
    assert confusion.index(8, 1).data() == str(metrics.confusion.loc["8", "1"])


def test_clicking_a_confusion_cell_emits_its_items(qtbot, demo, signals):
    panel = MetricsPanel(demo, signals)
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    qtbot.waitExposed(panel)
    model = panel.confusion_model
    row, column = model.classes.index("8"), model.classes.index("1")
    index = model.index(row, column)
    panel.matrix.scrollTo(index)
    rect = panel.matrix.visualRect(index)
    expected = items_in_cell(demo, "8", "1")
    assert expected  # the demo has errors of true 8 predicted as 1
    with qtbot.waitSignal(panel.show_items) as blocker:
        qtbot.mouseClick(panel.matrix.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [expected, cell_description("8", "1")]
    assert blocker.args[1] == "true 8 → predicted 1"


def test_a_cell_with_no_items_in_the_session_says_so(qtbot, demo, signals):
    panel = MetricsPanel(demo, signals)
    qtbot.addWidget(panel)
    with qtbot.assertNotEmitted(panel.show_items):
        assert panel.show_cell("3", "3") == []
    assert "None of the true 3 → predicted 3 examples is in this session" in panel.status.text()
    # Once correct examples are sampled, the diagonal cells have items too.
    from erroranalysis.core.sources import add_correct_sample

    add_correct_sample(demo, 200, seed=0)
    with qtbot.waitSignal(panel.show_items) as blocker:
        ids = panel.show_cell("3", "3")
    assert ids and blocker.args[0] == items_in_cell(demo, "3", "3")


# --------------------------------------------------------------------------- folder sessions


def test_folder_session_panels_explain_what_is_missing(qtbot, tmp_path, stack):
    session = _folder_session(tmp_path)
    try:
        signals = SessionSignals(session)
        panel = AnalysisPanel(session, signals, stack)
        qtbot.addWidget(panel)
        panel.show()  # tabs compute when first shown
        for name in ("Labels", "Metrics", "Diagnosis"):
            panel.show_tab(name)
            tab = panel.currentWidget()
            # Computed right after the paint that shows it.
            qtbot.waitUntil(lambda tab=tab: not tab.is_stale and not tab.refresh_pending())
        metrics = panel.metrics
        assert metrics.metrics is None
        assert metrics.explanation.isVisibleTo(metrics)
        assert "folder of images" in metrics.explanation.text()
        assert not metrics.body.isVisibleTo(metrics)

        labels = panel.labels
        assert not labels.sample_button.isEnabled()
        assert "folder of images" in labels.sample_button.toolTip()
        assert not labels.compare_button.isEnabled()

        diagnosis = panel.diagnosis
        assert "folder of images" in diagnosis.notes_label.text()
        assert diagnosis.diagnosis.dev == pytest.approx(4 / 40)
        diagnosis.set_rate_text("train", "2%")
        assert diagnosis.diagnosis.primary == "variance"
    finally:
        _settle(qtbot)
        session.close()


# --------------------------------------------------------------------------- the tabs


def test_analysis_panel_has_three_tabs_and_forwards_show_items(qtbot, demo, signals, stack):
    panel = AnalysisPanel(demo, signals, stack)
    qtbot.addWidget(panel)
    assert [panel.tabText(i) for i in range(panel.count())] == [
        "Diagnosis", "Labels", "Metrics", "Slices"]
    expected = items_in_cell(demo, "8", "1")
    with qtbot.waitSignal(panel.show_items) as blocker:
        panel.metrics.show_cell("8", "1")
    assert blocker.args == [expected, "true 8 → predicted 1"]
    with qtbot.waitSignal(panel.status_message):
        panel.metrics.show_cell("8", "1")
    panel.show_tab("Metrics")
    assert panel.currentWidget() is panel.metrics


def test_label_category_kind_change_is_picked_up(qtbot, demo, signals, stack):
    panel = LabelsPanel(demo, signals, stack)
    qtbot.addWidget(panel)
    panel.show()
    demo.add_category("mislabelled too", kind="normal")
    label = next(c for c in demo.categories() if c.kind == "label_error")
    demo.remove_category(label.id)
    qtbot.waitUntil(lambda: panel.missing_box.isVisibleTo(panel))
    other = demo.category_by_name("mislabelled too")
    assert isinstance(other, Category)
    demo.update_category(other.id, kind="label_error")
    qtbot.waitUntil(lambda: panel.report_box.isVisibleTo(panel))


def test_a_tab_in_the_back_catches_up_when_shown(qtbot, demo, signals, stack):
    panel = AnalysisPanel(demo, signals, stack)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.currentWidget() is panel.diagnosis
    _review(demo)
    qtbot.wait(60)
    # Hidden behind the Diagnosis tab: not computed at all, nor on every tick...
    assert panel.labels.is_stale
    assert panel.labels.report is None
    # ...but up to date as soon as it is looked at (right after the paint that shows it).
    panel.show_tab("Labels")
    qtbot.waitUntil(lambda: not panel.labels.is_stale and not panel.labels.refresh_pending())
    assert panel.labels.report == label_report(demo)
