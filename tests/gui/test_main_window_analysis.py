"""The analysis panel (diagnosis, labels, metrics) inside the main window."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QLabel

from erroranalysis.core.demo import open_demo_session
from erroranalysis.gui.main_window import MainWindow


def test_confusion_cell_shows_its_errors_in_the_spreadsheet(qtbot) -> None:
    session = open_demo_session(reset=True)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.analysis_dock.widget().widget() is window.analysis_panel
    frame = session.items_frame()
    label, prediction = frame.groupby(["label", "prediction"]).size().idxmax()
    expected = sorted(frame[(frame["label"] == label) & (frame["prediction"] == prediction)]["id"])
    window.analysis_dock.raise_()
    window.analysis_panel.show_tab("Metrics")
    window.analysis_panel.metrics.show_cell(label, prediction)
    assert window.current_view() == "spreadsheet"
    view = window.spreadsheet_view
    shown = sorted(
        view.model.item_id(view.proxy.mapToSource(view.proxy.index(row, 0)).row())
        for row in range(view.proxy.rowCount(QModelIndex()))
    )
    assert shown == expected
    window.close()


def test_diagnosis_reads_the_demo_as_variance(qtbot) -> None:
    session = open_demo_session(reset=True)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.analysis_panel.show_tab("Diagnosis")
    window.show()
    qtbot.waitExposed(window)

    def text() -> str:
        labels = window.analysis_panel.diagnosis.findChildren(QLabel)
        return " ".join(label.text() for label in labels)

    qtbot.waitUntil(lambda: "Primary problem: variance" in text())
    window.close()


def test_dev_size_for_a_folder_session_is_undoable(qtbot, tmp_path) -> None:
    from PIL import Image

    from erroranalysis.core.sources import SourceOptions, create_session

    folder = tmp_path / "errors"
    folder.mkdir()
    for i in range(4):
        Image.new("RGB", (10, 10), "white").save(folder / f"{i}.png")
    session = create_session(folder, None, SourceOptions())
    window = MainWindow(session)
    qtbot.addWidget(window)
    assert session.tally().dev_error is None
    window.set_dev_size(40)
    assert session.tally().dev_error == 0.1
    assert session.tally().table["max_gain"].notna().all()
    window.undo_stack.undo()
    assert session.dev_size is None
    window.undo_stack.redo()
    assert session.dev_size == 40
    window.close()
