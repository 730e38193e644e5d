"""The grid's and the spreadsheet's "scrolled far" signal (pytest-qt, offscreen)."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QListView

from erroranalysis.gui.widgets import LongScrollWatch


def test_only_a_jump_of_more_than_three_screens_counts_once_it_settles(qtbot) -> None:
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(QStringListModel([f"row {i}" for i in range(5000)]))
    view.resize(200, 200)
    view.show()
    qtbot.waitExposed(view)
    calls: list[int] = []
    watch = LongScrollWatch(view, lambda: calls.append(1), settle_ms=30)
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + view.viewport().height())  # one screen: not far
    qtbot.wait(120)
    assert calls == []
    for step in range(1, 6):  # several steps of a drag, then a pause
        bar.setValue(step * view.viewport().height())
    qtbot.waitUntil(lambda: calls == [1], timeout=2000)
    qtbot.wait(120)
    assert calls == [1]  # once per settled scroll
    bar.setValue(bar.value() + 10 * view.viewport().height())
    watch.stop()  # stopped: the pending check never runs
    qtbot.wait(120)
    assert calls == [1]
