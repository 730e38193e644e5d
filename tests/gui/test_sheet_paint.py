"""The spreadsheet's one-call paint (sheet_paint) against QTableView's own, pixel for pixel."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPainter, QRegion
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyleFactory

from erroranalysis.core.categories import Category
from erroranalysis.core.session import SKIPPED, ReviewSession
from erroranalysis.gui.spreadsheet.item_filter import ItemFilter
from erroranalysis.gui.spreadsheet.item_table_model import (
    COL_IMAGE,
    COL_LABEL,
    COL_SCORE,
)
from erroranalysis.gui.spreadsheet.spreadsheet_view import SpreadsheetView
from erroranalysis.gui.thumbnail_memory import ThumbnailMemory

COUNT = 60


def make_session(folder: Path) -> ReviewSession:
    images = folder / "images"
    images.mkdir()
    for i in range(0, COUNT, 3):  # every third image exists: the others get a placeholder
        colour = (40 * (i % 6), 255 - 4 * i, 120)
        Image.new("RGB", (48 + i, 36), colour).save(images / f"picture_{i:04d}.png")
    frame = pd.DataFrame(
        {
            "key": [f"k{i}" for i in range(COUNT)],
            "image": [
                f"images/picture_{i:04d}.png"
                if i % 7
                else f"images/a_very_long_folder_name_{i}/and_a_long_file_name_{i:04d}.png"
                for i in range(COUNT)
            ],
            "label": [
                ["cat", "dog", "bird", "a long label\nwith a newline"][i % 4] for i in range(COUNT)
            ],
            "prediction": [["dog", "cat", "cat", "bird"][i % 4] for i in range(COUNT)],
            "score": [None if i % 9 == 0 else round(1 - i / COUNT, 3) for i in range(COUNT)],
            "split": "dev",
        }
    )
    categories = [
        Category("blurry", color="#e11d48"),
        Category("great cat", color="#2563eb"),
        Category("no colour"),
        Category("incorrect label", kind="label_error", color="#16a34a"),
    ]
    session = ReviewSession.create(
        folder / "s.easession", frame, categories, dev_size=600, dev_errors=COUNT, base_dir=folder
    )
    ids = session.item_ids()
    blurry, great, plain, _label = (c.id for c in session.categories())
    session.set_ticks(ids[0:40:2], blurry, True)
    session.set_ticks(ids[1:30:3], great, True)
    session.set_ticks(ids[5:20:4], plain, True)
    session.set_review_state(ids[41:45], SKIPPED)
    # Added after those reviews: "n/a" on the items already reviewed.
    session.add_category("late", color="#f59e0b")
    session.set_ticks(ids[50:52], session.categories()[-1].id, True)
    for i in range(0, COUNT, 5):
        session.set_comment(ids[i], f"comment {i} " + "long words " * (i % 4))
    return session


@pytest.fixture
def session(tmp_path):
    s = make_session(tmp_path)
    yield s
    s.close()


def app_look(widget) -> None:  # type: ignore[no-untyped-def]
    """The app's look on one widget (Fusion, its palette, its style sheet), without
    changing the application the other tests share."""
    from erroranalysis.gui.app import STYLE_SHEET, make_palette

    widget.setStyle(QStyleFactory.create("Fusion"))
    widget.setPalette(make_palette())
    widget.setStyleSheet(STYLE_SHEET)


@pytest.fixture(params=["default look", "app look"])
def view(request, qtbot, parts):  # type: ignore[no-untyped-def]
    from erroranalysis.gui.image_loader import ImageLoader

    session, signals, undo = parts
    loader = ImageLoader()
    widget = SpreadsheetView(session, signals, undo, loader)
    qtbot.addWidget(widget)
    if request.param == "app look":
        app_look(widget)
    widget.resize(1000, 560)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    loader.shutdown()


def grabs(view: SpreadsheetView, region: QRegion | None = None) -> tuple[QImage, QImage]:
    """The viewport painted by the one-call paint, then by QTableView's own."""
    table = view.table
    viewport = table.viewport()

    def grab() -> QImage:
        if region is None:
            return viewport.grab().toImage()
        image = QImage(viewport.size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("#123456"))
        painter = QPainter(image)
        viewport.render(painter, QPoint(), region)
        painter.end()
        return image

    painted = table.sheet_painter.composed
    table.one_call_paint = True
    fast = grab()
    assert table.sheet_painter.composed >= painted  # ran (pictures made or reused)
    table.one_call_paint = False
    slow = grab()
    table.one_call_paint = True
    return fast, slow


def assert_same(fast: QImage, slow: QImage, tmp_path: Path, name: str) -> None:
    if fast != slow:
        fast.save(str(tmp_path / f"{name}-fast.png"))
        slow.save(str(tmp_path / f"{name}-slow.png"))
        differing = [
            (x, y)
            for y in range(fast.height())
            for x in range(fast.width())
            if fast.pixel(x, y) != slow.pixel(x, y)
        ]
        pytest.fail(f"{len(differing)} pixels differ, first {differing[:5]} ({tmp_path})")


def wait_thumbnails(qtbot, view: SpreadsheetView) -> None:  # type: ignore[no-untyped-def]
    """Paint until every visible row's thumbnail is in (or known missing)."""
    table = view.table

    def settled() -> bool:
        table.viewport().grab()
        return not table.sheet_painter.missing and not view.model._waiting_thumbnails

    qtbot.waitUntil(settled, timeout=10000)


def select(view: SpreadsheetView, rows: list[int], current: tuple[int, int]) -> None:
    selection = view.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(view.proxy.index(row, 0), flags)
    selection.setCurrentIndex(
        view.proxy.index(*current), QItemSelectionModel.SelectionFlag.NoUpdate
    )


def test_the_one_call_paint_matches_qtableviews_own(qtbot, view, tmp_path):
    table = view.table
    view.table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    wait_thumbnails(qtbot, view)
    select(view, [0, 2, 3], (2, COL_IMAGE))
    assert_same(*grabs(view), tmp_path, "top")
    # The focus frame on a cell of a row not selected.
    select(view, [0, 2, 3], (4, COL_IMAGE))
    fast, slow = grabs(view)
    assert_same(fast, slow, tmp_path, "focus")
    table.selectionModel().setCurrentIndex(
        QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    assert grabs(view)[1] != slow  # the frame shows (so the test above can fail)

    # Filtered and sorted, scrolled down and sideways, a column hidden and one moved,
    # the focus on a tick cell.
    view.proxy.set_filter(ItemFilter(text="picture"))
    view.model.sort(COL_SCORE, Qt.SortOrder.DescendingOrder)
    header = table.horizontalHeader()
    table.setColumnHidden(COL_LABEL, True)
    header.moveSection(
        header.visualIndex(view.model.category_column(view.model.categories[1].id)), 2
    )
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum() // 2 + 7)
    table.horizontalScrollBar().setValue(53)
    category = view.model.category_column(view.model.categories[0].id)
    first = table.rowAt(0)
    select(view, [first, first + 1, first + 3], (first + 1, category))
    wait_thumbnails(qtbot, view)
    assert_same(*grabs(view), tmp_path, "sorted")

    # Only part of the viewport repainted (two rectangles, as a scroll leaves them).
    width = table.viewport().width()
    region = QRegion(QRect(0, 0, width, 37)) + QRegion(QRect(120, 200, 300, 90))
    assert_same(*grabs(view, region), tmp_path, "region")

    # The mouse over a tick cell and over a text cell (this painter passes no hover
    # state: the app's style draws none in item views; this says so).
    for column in (category, COL_SCORE):
        rect = table.visualRect(view.proxy.index(first + 2, column))
        QTest.mouseMove(table.viewport(), rect.center())
        qtbot.wait(20)
        assert_same(*grabs(view), tmp_path, f"hover{column}")

    # Without the focus, the selection is drawn inactive.
    view.search_edit.setFocus()
    qtbot.waitUntil(lambda: not table.hasFocus())
    assert_same(*grabs(view), tmp_path, "unfocused")

    # Compact rows (other picture sizes) and the bottom of the table.
    view.set_compact_rows(True)
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
    wait_thumbnails(qtbot, view)
    assert_same(*grabs(view), tmp_path, "compact")


def test_an_open_editor_falls_back_to_qtableviews_paint(qtbot, view):
    table = view.table
    calls = []
    painter = table.sheet_painter
    original = painter.paint
    painter.paint = lambda event: calls.append(original(event)) or calls[-1]  # type: ignore[method-assign]
    table.setFocus()
    index = view.proxy.index(0, view.model.comment_column)
    table.setCurrentIndex(index)
    table.edit(index)
    qtbot.waitUntil(lambda: table.state() == table.State.EditingState)
    calls.clear()
    table.viewport().grab()
    assert calls == [False]  # asked, declined: QTableView's own paint ran


class _CountingLoader(QObject):
    """A loader that records what it is asked and decodes nothing until told to."""

    thumbnail_ready = Signal(str, QImage)

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []
        self.painting = False
        self.asked_while_painting = 0

    def thumbnail(self, path: str, size: QSize, alternatives: object = ()) -> QImage | None:
        self.asked.append(path)
        self.asked_while_painting += self.painting
        return None

    def cancel_pending(self, *, include_thumbnails: bool = False) -> int:
        return 0


def test_thumbnails_are_asked_for_after_the_paint_for_rows_in_view(qtbot, parts):
    session, signals, undo = parts
    loader = _CountingLoader()
    view = SpreadsheetView(session, signals, undo, loader)
    qtbot.addWidget(view)
    view.resize(1000, 400)
    view.show()
    qtbot.waitExposed(view)
    table = view.table
    original = table.paintEvent

    def paint(event):  # type: ignore[no-untyped-def]
        loader.painting = True
        try:
            original(event)
        finally:
            loader.painting = False

    table.paintEvent = paint  # type: ignore[method-assign]
    qtbot.wait(100)  # the layout settles; the first paints ask for their thumbnails
    view.model.forget_waiting_thumbnails()  # as after a long scroll: asked again when painted
    loader.asked.clear()
    table.viewport().grab()
    assert table.sheet_painter.missing  # painted as loading...
    assert not loader.asked  # ...and not asked for yet
    qtbot.waitUntil(lambda: bool(loader.asked))
    table.viewport().grab()  # painted again while waiting: not asked twice
    qtbot.wait(50)
    assert loader.asked_while_painting == 0
    shown = range(table.rowAt(0), table.rowAt(table.viewport().height() - 1) + 1)
    expected = [
        str(session.resolve_image(session.item(view.model.item_id(r)).image)) for r in shown
    ]
    assert sorted(loader.asked) == sorted(expected)  # the rows in view, each once

    # A thumbnail that arrives is kept and painted from memory: not asked again.
    item = session.item(view.model.item_id(0))
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    loader.thumbnail_ready.emit(str(session.resolve_image(item.image)), image)
    loader.asked.clear()
    table.viewport().grab()
    qtbot.wait(20)
    row = view.model.row_data(0)
    kept = view.model.cached_thumbnail(row)
    assert kept is not None and kept.cacheKey() == image.cacheKey()  # the same pixels, shared
    assert str(session.resolve_image(item.image)) not in loader.asked

    # Rows scrolled past before the request runs are not asked for.
    loader.asked.clear()
    table.viewport().grab()  # paints the top rows as missing again...
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
    table.sheet_painter.missing[:] = [1]  # ...the second row, now out of view
    view._request_thumbnails()
    assert loader.asked == []


def test_thumbnail_memory_is_bounded_least_recent_first():
    memory = ThumbnailMemory(3 * 100 * 100 * 4)
    images = [QImage(100, 100, QImage.Format.Format_ARGB32) for _ in range(4)]
    for i, image in enumerate(images[:3]):
        memory.put(f"i{i}", (60, 60), image)
    assert memory.get("i0", (60, 60)) is images[0]  # now the most recent
    memory.put("i3", (60, 60), images[3])
    assert len(memory) == 3 and memory.used_bytes == 3 * 40000
    assert memory.get("i1", (60, 60)) is None  # the least recent went
    assert memory.get("i0", (60, 60)) is images[0]
    assert memory.get("i0", (120, 120)) is None  # another size: not this one


def test_compact_rows_on_and_off_resize_every_row(qtbot, parts):
    session, signals, undo = parts
    view = SpreadsheetView(session, signals, undo, None)
    qtbot.addWidget(view)
    table = view.table
    for compact, height in ((True, 30), (False, 64), (True, 30), (False, 64)):
        view.set_compact_rows(compact)
        assert view.compact_rows is compact
        assert {table.rowHeight(r) for r in range(COUNT)} == {height}
        assert table.verticalHeader().minimumSectionSize() == height
