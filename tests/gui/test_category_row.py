"""A category row's painted frame (pytest-qt, offscreen)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from erroranalysis.core.categories import Category
from erroranalysis.gui.review import category_row
from erroranalysis.gui.review.category_row import CategoryRow


def _row(qtbot, color: str = "#e11d48") -> CategoryRow:
    row = CategoryRow(Category("dog", "1", color, id=1))
    qtbot.addWidget(row)
    row.resize(300, 40)
    row.show()
    qtbot.waitExposed(row)
    return row


def _edge(row: CategoryRow) -> QColor:
    """The colour just inside the frame's top edge, in the middle."""
    return row.grab().toImage().pixelColor(row.width() // 2, 1)


def test_each_state_paints_its_frame_and_frames_are_drawn_once_per_look(qtbot) -> None:
    category_row._FRAMES.clear()
    row = _row(qtbot)
    plain = _edge(row)
    row.set_state(True)
    ticked = _edge(row)
    assert ticked != plain and ticked.red() > ticked.blue()  # the category's red, tinted
    row.set_state(False, assessed=False)
    dashed = row.grab().toImage()
    greys = {dashed.pixelColor(x, 0).name() for x in range(20, 280)}
    assert len(greys) > 1  # dashes: the line breaks along the edge
    row.set_state(False)
    assert _edge(row) == plain  # no frame left behind
    # A second row of the same size and colour reuses the pictures already drawn.
    drawn = len(category_row._FRAMES)
    other = _row(qtbot)
    other.set_state(True)
    other.grab()
    assert len(category_row._FRAMES) == drawn
    # Another size is another picture (a frame is never stretched).
    other.resize(360, 40)
    other.grab()
    assert len(category_row._FRAMES) == drawn + 1
