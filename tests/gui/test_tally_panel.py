"""The live tally panel and its gain chart (pytest-qt, offscreen)."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QImage, QUndoStack

from erroranalysis.core.categories import Category
from erroranalysis.core.demo import open_demo_session
from erroranalysis.core.report import interval, percent
from erroranalysis.core.session import ReviewSession
from erroranalysis.gui.analysis.tally_panel import TallyPanel
from erroranalysis.gui.charts.gain_chart import ROW_HEIGHT, GainChart, axis_scale, nice_step
from erroranalysis.gui.commands import AddCategoryCommand, SetReviewedCommand, SetTicksCommand
from erroranalysis.gui.session_signals import SessionSignals


@pytest.fixture
def demo():
    session = open_demo_session(reset=True)  # in the test's own ERRORANALYSIS_DATA_DIR
    signals = SessionSignals(session)
    yield session, signals, QUndoStack()
    signals.detach()
    session.close()


@pytest.fixture
def panel(qtbot, demo):
    session, signals, _undo = demo
    widget = TallyPanel(session, signals)
    qtbot.addWidget(widget)
    widget.resize(420, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tick_some(session: ReviewSession, undo: QUndoStack) -> None:
    """Tick the demo's categories on different numbers of items, so the gains differ."""
    ids = session.item_ids()
    categories = session.categories()
    for category, count in zip(categories, (3, 9, 1, 5, 2), strict=False):
        undo.push(SetTicksCommand(session, ids[:count], category.id, True))
    undo.push(SetTicksCommand(session, ids[20:24], categories[0].id, True))


def table_rows(panel: TallyPanel) -> list[list[str]]:
    table = panel.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_shows_the_same_numbers_as_the_session_tally(qtbot, panel, demo):
    session, _signals, undo = demo
    tick_some(session, undo)
    expected = session.tally()
    qtbot.waitUntil(lambda: panel.tally is not None and panel.tally.reviewed == expected.reviewed)
    assert panel.dev_error_label.text() == (
        f"Dev error {percent(expected.dev_error, 2)} ({expected.dev_errors} / {expected.dev_size})"
    )
    assert panel.dev_error_label.text() == "Dev error 10.33% (62 / 600)"
    assert panel.reviewed_label.text() == f"{expected.reviewed} of 62 reviewed"
    ordered = expected.by_gain()
    rows = table_rows(panel)
    assert len(rows) == len(ordered)
    for row, record in zip(rows, ordered.itertuples(index=False), strict=True):
        assert row[0].startswith(record.name)
        assert row[1] == str(record.count)
        assert row[2].split("\n") == [
            percent(record.share),
            interval(record.share_low, record.share_high),
        ]
        assert row[3] == percent(record.ceiling_error, 2)
        assert row[4] == percent(record.max_gain, 2)


def test_rows_and_bars_are_ordered_by_gain(qtbot, panel, demo):
    session, _signals, undo = demo
    tick_some(session, undo)
    qtbot.waitUntil(lambda: panel.tally.reviewed == session.tally().reviewed)
    names = {c.id: c.name for c in session.categories()}
    ordered_names = list(session.tally().by_gain()["name"])
    assert [names[i] for i in panel.row_category_ids()] == ordered_names
    gains = [row.value for row in panel.chart.rows]
    assert gains == sorted(gains, reverse=True)
    assert [row.category_id for row in panel.chart.rows] == panel.row_category_ids()
    # Not the category order: the second category (9 ticks) leads the first (3 + 4).
    assert ordered_names[0] == session.categories()[1].name
    counts = [int(r[1]) for r in table_rows(panel)]
    assert counts == sorted(counts, reverse=True)


def test_bursts_of_changes_recompute_once(qtbot, panel, demo, monkeypatch):
    session, _signals, undo = demo
    calls = []
    original = session.tally
    monkeypatch.setattr(session, "tally", lambda *a, **k: calls.append(1) or original(*a, **k))
    category = session.categories()[0]
    for item in session.item_ids()[:20]:
        undo.push(SetTicksCommand(session, [item], category.id, True))
    qtbot.waitUntil(lambda: len(calls) >= 1)
    qtbot.wait(100)
    assert len(calls) == 1
    assert panel.tally.table["count"].iloc[0] == 20


def test_clicking_a_row_or_a_bar_emits_category_clicked(qtbot, panel, demo):
    session, _signals, undo = demo
    tick_some(session, undo)
    qtbot.waitUntil(lambda: panel.tally.reviewed == session.tally().reviewed)
    wanted = panel.row_category_ids()[1]
    rect = panel.table.visualRect(panel.table.model().index(1, 0))
    with qtbot.waitSignal(panel.category_clicked) as blocker:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [wanted]
    chart = panel.chart
    bar = chart.row_rect(2)
    with qtbot.waitSignal(panel.category_clicked) as blocker:
        qtbot.mouseClick(
            chart, Qt.MouseButton.LeftButton, pos=QPoint(chart.width() // 2, bar.center().y())
        )
    assert blocker.args == [panel.row_category_ids()[2]]


def test_label_split(qtbot, panel, demo):
    session, _signals, undo = demo
    tick_some(session, undo)
    qtbot.waitUntil(lambda: panel.tally.reviewed == session.tally().reviewed)
    split = session.tally().label_split
    assert split is not None
    assert panel.label_split_label.text() == (
        f"Errors due to incorrect labels: {percent(split.due_to_labels, 2)} · "
        f"other causes: {percent(split.other_causes, 2)}"
    )
    assert panel.split_bar.isVisibleTo(panel)


def test_chart_png_is_written(tmp_path, qtbot, panel, demo):
    session, _signals, undo = demo
    tick_some(session, undo)
    path = tmp_path / "chart.png"
    assert panel.save_chart_png(path)
    assert path.stat().st_size > 1000
    image = QImage(str(path))
    assert not image.isNull() and image.width() >= 900
    small = tmp_path / "small.png"
    assert panel.save_chart_png(small, QSize(500, 300))
    assert QImage(str(small)).width() == 1000  # 2x pixels for a sharp picture


def test_unknown_dev_size_shows_shares_and_says_why(qtbot, tmp_path):
    frame = pd.DataFrame(
        {
            "key": ["a", "b", "c"],
            "image": ["a.png", "b.png", "c.png"],
            "label": ["x"] * 3,
            "prediction": ["y"] * 3,
            "score": [0.5] * 3,
            "split": "dev",
        }
    )
    session = ReviewSession.create(
        tmp_path / "n.easession",
        frame,
        [Category("dog"), Category("blurry")],
        dev_size=None,
        dev_errors=3,
    )
    signals = SessionSignals(session)
    try:
        undo = QUndoStack()
        undo.push(
            SetTicksCommand(session, session.item_ids()[:2], session.categories()[1].id, True)
        )
        undo.push(SetReviewedCommand(session, session.item_ids(), True))
        widget = TallyPanel(session, signals)
        qtbot.addWidget(widget)
        widget.show()
        assert "unknown" in widget.dev_error_note.text()
        assert widget.dev_error_note.isVisibleTo(widget)
        headers = [
            widget.table.horizontalHeaderItem(c).text() for c in range(widget.table.columnCount())
        ]
        assert "Max gain" not in headers and "Ceiling" not in headers
        assert table_rows(widget)[0][:3] == ["blurry", "2", percent(2 / 3)]
        assert not widget.chart.shows_gains
        assert "Share of reviewed errors" in widget.chart.axis_caption()
        assert widget.save_chart_png(tmp_path / "shares.png")
    finally:
        signals.detach()
        session.close()


def test_new_and_non_ascii_categories_appear_live(qtbot, panel, demo):
    session, _signals, undo = demo
    undo.push(
        AddCategoryCommand(session, Category("模糊的图像 with a rather long name for a category"))
    )
    new = session.category_by_name("模糊的图像 with a rather long name for a category")
    undo.push(SetTicksCommand(session, session.item_ids()[:30], new.id, True))
    qtbot.waitUntil(lambda: new.id in panel.row_category_ids())
    assert panel.row_category_ids()[0] == new.id
    assert panel.table.item(0, 0).text().startswith("模糊的图像")
    assert panel.chart.rows[0].name.startswith("模糊的图像")


def test_empty_review_draws_a_hint_not_bars(qtbot, panel):
    assert panel.tally.reviewed == 0
    assert panel.reviewed_label.text() == "0 of 62 reviewed"
    panel.chart.grab()  # paints the "no reviewed errors yet" message without error


def test_axis_is_round_and_tight():
    assert nice_step(7.3, 4) == 2
    assert nice_step(0.9, 4) == 0.25
    assert axis_scale(10.33) == (12, 2)  # not 0-15: the bars use the width
    assert axis_scale(100) == (100, 20)
    assert axis_scale(0) == (1.0, 0.25)
    chart = GainChart()
    assert chart.minimumSizeHint().height() >= ROW_HEIGHT


def test_rows_remembered_between_ticks_show_what_a_fresh_panel_shows(qtbot, panel, demo):
    """The panel reuses the cells of rows whose numbers did not change; after ticks,
    unticks, an undo and a review that changes every row's n, it must show exactly
    what a panel made from scratch shows."""
    session, signals, undo = demo
    ids = session.item_ids()
    categories = session.categories()
    tick_some(session, undo)
    panel.refresh()
    undo.push(SetTicksCommand(session, ids[30:32], categories[1].id, True))
    panel.refresh()
    undo.push(SetTicksCommand(session, ids[:2], categories[1].id, False))
    panel.refresh()
    undo.undo()
    panel.refresh()
    undo.push(SetReviewedCommand(session, ids[40:43], True))  # every row's n moves
    panel.refresh()
    fresh = TallyPanel(session, signals)
    qtbot.addWidget(fresh)
    fresh.resize(420, 800)
    fresh.show()
    fresh.refresh()
    assert table_rows(panel) == table_rows(fresh)
    tips = [[panel.table.item(r, c).toolTip() for c in range(panel.table.columnCount())]
            for r in range(panel.table.rowCount())]
    fresh_tips = [[fresh.table.item(r, c).toolTip() for c in range(fresh.table.columnCount())]
                  for r in range(fresh.table.rowCount())]
    assert tips == fresh_tips
    # The memory stays bounded: rows of old tallies are dropped.
    for i in range(40):
        undo.push(SetTicksCommand(session, [ids[i % len(ids)]], categories[i % 3].id, i % 2 == 0))
        panel.refresh()
    assert len(panel._row_memo) <= 4 * panel.table.rowCount() + 64 + panel.table.rowCount()


def _number_cells_fit(panel: TallyPanel) -> bool:
    """Every visible number cell is as wide as its text needs (nothing elided)."""
    table = panel.table
    model = table.model()
    return all(
        table.sizeHintForIndex(model.index(r, c)).width() <= table.columnWidth(c) + 1
        for r in range(table.rowCount())
        for c in range(1, table.columnCount())
        if not table.isColumnHidden(c)
    )


def test_a_tick_does_not_narrow_the_numbers_or_rewrap_the_names(qtbot, tmp_path):
    """Numbers wider than their column's header (a count of 100,000 ticks) widen it;
    the untick that shortens them again must leave the column as wide, the rows as
    tall and the names unwrapped: before, the columns fitted their contents on every
    tick, so the names moved between one and two lines and the dock laid out again."""
    import numpy as np

    count = 100_000
    frame = pd.DataFrame({
        "key": np.arange(count).astype(str),
        "image": [f"{i}.png" for i in range(count)],
        "label": "cat",
        "prediction": "dog",
        "split": "dev",
    })
    session = ReviewSession.create(
        tmp_path / "s.easession", frame,
        [Category("dog"), Category("incorrect label on a night photograph (label error)")],
        dev_size=10 * count, dev_errors=count, base_dir=tmp_path,
    )
    signals = SessionSignals(session)
    undo = QUndoStack()
    try:
        panel = TallyPanel(session, signals)
        qtbot.addWidget(panel)
        panel.resize(420, 800)
        panel.show()
        qtbot.waitExposed(panel)
        panel.refresh()
        table = panel.table
        ids = session.item_ids()
        dog = session.categories()[0]

        def widths() -> list[int]:
            return [table.columnWidth(c) for c in range(1, table.columnCount())]

        def heights() -> list[int]:
            return [table.rowHeight(r) for r in range(table.rowCount())]

        undo.push(SetReviewedCommand(session, ids, True))
        panel.refresh()
        narrow = widths()
        assert _number_cells_fit(panel)
        undo.push(SetTicksCommand(session, ids, dog.id, True))  # "100,000" and "100.0%"
        panel.refresh()
        assert _number_cells_fit(panel)
        wide, rows = widths(), heights()
        assert wide[0] > narrow[0]  # the count outgrew its header
        undo.push(SetTicksCommand(session, ids, dog.id, False))  # "0" again
        panel.refresh()
        assert widths() == wide
        assert sorted(heights()) == sorted(rows)  # the names kept their lines
        undo.push(SetTicksCommand(session, ids[:5], dog.id, True))
        panel.refresh()
        assert widths() == wide and _number_cells_fit(panel)
        assert sorted(heights()) == sorted(rows)
    finally:
        signals.detach()
        session.close()


def test_rows_are_measured_again_when_the_names_get_less_room(qtbot, panel, demo):
    """A narrower panel wraps a long name onto more lines: its row grows with no tick
    (before, the rows were measured only when a tick reordered them)."""
    session, _signals, undo = demo
    long_name = "incorrect label on a night photograph (label error)"
    undo.push(AddCategoryCommand(session, Category(long_name)))
    panel.refresh()
    table = panel.table

    def long_row_height() -> int:
        names = [table.item(r, 0).text() for r in range(table.rowCount())]
        return table.rowHeight(next(r for r, n in enumerate(names) if "night photograph" in n))

    wide = long_row_height()
    panel.resize(300, 800)
    qtbot.waitUntil(lambda: long_row_height() > wide, timeout=2000)
    narrow = long_row_height()
    panel.resize(700, 800)
    qtbot.waitUntil(lambda: long_row_height() < narrow, timeout=2000)
    assert _number_cells_fit(panel)
