"""The spreadsheet's filter proxy as a reviewer meets it: sorting, filtering, ticking, adding items.

Every test drives a real :class:`SpreadsheetView` over a session made from a
predictions CSV of a few hundred rows. The proxy is watched throughout by
Qt's ``QAbstractItemModelTester`` in fatal mode: a broken model invariant
(a bad index, a row count that disagrees with the mapping, a persistent
index left dangling by a layout change) aborts the run instead of slipping by.
Expected rows are worked out here from the session alone, never from the
proxy's own arrays, so a wrong mapping cannot agree with itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtTest import QAbstractItemModelTester

from erroranalysis.core.categories import Category
from erroranalysis.core.session import REVIEWED, ReviewSession
from erroranalysis.core.sources import SourceOptions, add_correct_sample, create_session
from erroranalysis.gui.commands import (
    AddCategoryCommand,
    RemoveCategoryCommand,
    SetCommentCommand,
    SetReviewedCommand,
)
from erroranalysis.gui.spreadsheet.item_table_model import (
    COL_IMAGE,
    COL_LABEL,
    COL_PREDICTION,
    COL_SCORE,
    COL_THUMBNAIL,
)
from erroranalysis.gui.spreadsheet.spreadsheet_view import SpreadsheetView

LABELS = ("2", "10", "cat", "dog", "bird")
#: Natural order of the labels above: numbers by value, before words.
NATURAL = {"2": 0, "10": 1, "bird": 2, "cat": 3, "dog": 4}
#: Dev errors in the file below: the rows of the session.
ERRORS = 120
SELECT_ROWS = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


def write_predictions(folder: Path) -> Path:
    """400 rows (300 dev, 60 train, 40 test); about 40% of the dev rows are errors.

    File names mix case and prefixes and are not in file order, scores tie
    often and some are missing, so every sort has something to get wrong.
    """
    lines = ["id,image,label,prediction,score,split,camera"]
    for i in range(400):
        split = "dev" if i < 300 else "train" if i < 360 else "test"
        label = LABELS[i % 5]
        wrong = (i * 13) % 10 < 4
        prediction = LABELS[(i + 1 + (i // 5) % 3) % 5] if wrong else label
        score = "" if i % 11 == 0 else f"{(i * 7919) % 50 / 50:.2f}"
        name = f"{('IMG', 'dsc', 'Cam')[i % 3]}_{(i * 37) % 400:03d}.png"
        camera = ("phone", "dslr", "webcam", "Phone-2")[i % 4]
        lines.append(f"r{i},img/{split}/{name},{label},{prediction},{score},{split},{camera}")
    path = folder / "preds.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def session(tmp_path):
    s = create_session(write_predictions(tmp_path), tmp_path / "s.easession", SourceOptions())
    # Some review already done (directly: it is the state the view opens on).
    ids = s.item_ids()
    dog, great_cat, blurry, _label = (c.id for c in s.categories())
    s.set_ticks(ids[0:60:4], dog, True)
    s.set_ticks(ids[1:90:7], great_cat, True)
    s.set_ticks(ids[2:30:3], blurry, True, mark_reviewed=False)
    s.set_reviewed(ids[100:110], True)
    for n, position in enumerate((5, 17, 18, 40, 77, 101)):
        s.set_comment(ids[position], ("Lion", "zebra", "lion cub", "apple", "Zebra", "rain")[n])
    yield s
    s.close()


@pytest.fixture
def view(qtbot, parts):
    session, signals, undo = parts
    widget = SpreadsheetView(session, signals, undo, None)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def tester(view):
    """Qt's model checker on the proxy for the whole test; any violation aborts."""
    checker = QAbstractItemModelTester(
        view.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    yield checker
    del checker


# ------------------------------------------------------------------ helpers
def shown_ids(view: SpreadsheetView) -> list[int]:
    """The item ids of the table's rows, top to bottom (no QModelIndex.data from Python)."""
    proxy = view.proxy
    return [view.model.item_id(proxy.source_row(r)) for r in range(proxy.rowCount())]


def row_of(view: SpreadsheetView, item_id: int) -> int:
    return shown_ids(view).index(item_id)


def select_ids(view: SpreadsheetView, ids: Iterable[int], current: int | None = None) -> None:
    selection = view.table.selectionModel()
    selection.clearSelection()
    shown = shown_ids(view)
    for item_id in ids:
        selection.select(view.proxy.index(shown.index(item_id), 0), SELECT_ROWS)
    if current is not None:
        selection.setCurrentIndex(
            view.proxy.index(shown.index(current), COL_IMAGE),
            QItemSelectionModel.SelectionFlag.NoUpdate,
        )


def click_row(qtbot, view: SpreadsheetView, row: int, modifier=Qt.KeyboardModifier.NoModifier):
    rect = view.table.visualRect(view.proxy.index(row, COL_IMAGE))
    assert rect.isValid() and view.table.viewport().rect().contains(rect.center())
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def click_header(qtbot, view: SpreadsheetView, column: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def ticked_on_row(view: SpreadsheetView, row: int, category_id: int) -> bool:
    """Whether the table's row shows the category's box checked (what the delegate paints)."""
    index = view.proxy.index(row, view.model.category_column(category_id))
    return view.model.tick_cell(view.proxy.mapToSource(index))[0] == Qt.CheckState.Checked


def file_name(image: str) -> str:
    return image.replace("\\", "/").rsplit("/", 1)[-1].casefold()


def expected_order(
    session: ReviewSession, column: int, descending: bool, view: SpreadsheetView
) -> list[int]:
    """Every item id in the order a click on ``column`` should show, from the session alone.

    Stable both ways (ties keep review order); missing scores and empty
    comments last both ways; ticked and reviewed first when ascending.
    """
    items = [session.item(i) for i in session.item_ids()]
    model = view.model
    category = model.column_category(column)
    if column < 0:
        return [item.id for item in (reversed(items) if descending else items)]
    if category is not None:
        ticked = set(session.items_with(category.id))
        keys = {item.id: (0 if item.id in ticked else 1) for item in items}
    elif column == model.reviewed_column:
        keys = {item.id: (0 if item.reviewed else 1) for item in items}
    elif column in (COL_THUMBNAIL, COL_IMAGE):
        keys = {item.id: file_name(item.image) for item in items}
    elif column == COL_LABEL:
        keys = {item.id: NATURAL[item.label] for item in items}
    elif column == COL_PREDICTION:
        keys = {item.id: NATURAL[item.prediction] for item in items}
    elif column == COL_SCORE:
        keys = {
            item.id: item.score
            for item in items
            if item.score is not None and not math.isnan(item.score)
        }
    elif column == model.comment_column:
        keys = {item.id: item.comment.casefold() for item in items if item.comment}
    else:
        raise AssertionError(f"no sort expected for column {column}")
    present = [item.id for item in items if item.id in keys]
    missing = [item.id for item in items if item.id not in keys]
    # sorted() is stable with reverse=True too: equal keys keep review order.
    return sorted(present, key=keys.__getitem__, reverse=descending) + missing


def assert_rows_follow_header(view: SpreadsheetView, session: ReviewSession, kept=None) -> None:
    """The rows are the filter's items, in the order the header's sort indicator names."""
    header = view.table.horizontalHeader()
    column = header.sortIndicatorSection()
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    order = expected_order(session, column, descending, view)
    if kept is not None:
        order = [i for i in order if i in set(kept)]
    assert shown_ids(view) == order


def frame_ids(session: ReviewSession, **equal: object) -> list[int]:
    """Ids, in review order, of the items whose fields equal the given values."""
    return [
        item.id
        for item in (session.item(i) for i in session.item_ids())
        if all(getattr(item, k) == v for k, v in equal.items())
    ]


def camera(session: ReviewSession, item_id: int) -> str:
    return session.item(item_id).metadata["camera"].casefold()


def ticked_state(session: ReviewSession) -> dict[int, list[int]]:
    return {c.id: session.items_with(c.id) for c in session.categories()}


# --------------------------------------------------- the model tester throughout
def test_the_session_is_what_the_tests_expect(session):
    assert session.item_count() == ERRORS and session.dev_size == 300
    assert {session.item(i).split for i in session.item_ids()} == {"dev"}
    assert [c.shortcut for c in session.categories()] == ["1", "2", "3", "4"]


def test_sort_by_every_kind_of_column_filtered_or_not(qtbot, view, parts, tester):
    session, _signals, _undo = parts
    model = view.model
    categories = session.categories()
    columns = [
        COL_THUMBNAIL,
        COL_IMAGE,
        COL_LABEL,
        COL_PREDICTION,
        COL_SCORE,
        model.category_column(categories[0].id),
        model.category_column(categories[2].id),
        model.comment_column,
        model.reviewed_column,
    ]
    for filtered in (False, True):
        if filtered:
            view.set_text_filter("phone")  # "phone" and "Phone-2" cameras
            kept = [i for i in session.item_ids() if "phone" in camera(session, i)]
            assert shown_ids(view) == kept and 0 < len(kept) < session.item_count()
        else:
            kept = session.item_ids()
        for column in columns:
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                view.table.sortByColumn(column, order)
                assert_rows_follow_header(view, session, kept)
        view.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        assert shown_ids(view) == kept
    # A second filter on a sorted table: the sort stays, the rows narrow.
    view.table.sortByColumn(COL_SCORE, Qt.SortOrder.DescendingOrder)
    view.set_label_filter("cat")
    kept = [i for i in kept if session.item(i).label == "cat"]
    assert_rows_follow_header(view, session, kept)


def test_every_filter_shows_what_the_session_says(qtbot, view, parts, tester):
    session, _signals, _undo = parts
    items = [session.item(i) for i in session.item_ids()]
    dog, great_cat, blurry, _label = session.categories()
    view.table.sortByColumn(COL_SCORE, Qt.SortOrder.AscendingOrder)

    def check(expected: list[int]) -> None:
        assert_rows_follow_header(view, session, expected)
        assert view.proxy.rowCount() == len(expected)
        assert f"Showing {len(expected):,} of {ERRORS} items" == view.count_label.text() or (
            len(expected) == ERRORS and view.count_label.text() == f"{ERRORS} items"
        )

    view.set_category_filter(blurry.id)
    check(session.items_with(blurry.id))
    view.ticked_combo.set_value(False)
    view.refresh_filter()
    check([i.id for i in items if i.id not in set(session.items_with(blurry.id))])
    view.set_category_filter(great_cat.id)
    check(session.items_with(great_cat.id))
    view.set_category_filter(None)
    check([i.id for i in items])
    view.set_reviewed_filter(True)
    check([i.id for i in items if i.reviewed])
    view.set_reviewed_filter(False)
    check([i.id for i in items if not i.reviewed])
    view.set_reviewed_filter(None)
    view.set_label_filter("10")
    check(frame_ids(session, label="10"))
    view.set_prediction_filter("bird")
    check(frame_ids(session, label="10", prediction="bird"))
    view.set_label_filter(None)
    check(frame_ids(session, prediction="bird"))
    view.clear_filters()
    check([i.id for i in items])
    # Free text: comments (any case), metadata, image paths; every word must match.
    view.set_text_filter("LION")
    check([i.id for i in items if "lion" in i.comment.casefold()])
    view.set_text_filter("zebra")
    check([i.id for i in items if "zebra" in i.comment.casefold()])
    view.set_text_filter("dsc_")
    check([i.id for i in items if "dsc_" in i.image.casefold()])
    view.set_text_filter("dsc_ webcam")
    check(
        [i.id for i in items if "dsc_" in i.image.casefold() and i.metadata["camera"] == "webcam"]
    )
    # Filters combine: a category, reviewed and a label at once.
    view.clear_filters()
    view.set_category_filter(dog.id)
    view.set_label_filter("cat")
    check([i for i in session.items_with(dog.id) if session.item(i).label == "cat"])
    view.clear_filters()
    check([i.id for i in items])


def test_categories_added_removed_and_undone_under_a_filter(qtbot, view, parts, tester):
    session, _signals, undo = parts
    dog, great_cat, _blurry, _label = session.categories()
    view.table.sortByColumn(COL_LABEL, Qt.SortOrder.DescendingOrder)
    view.set_category_filter(great_cat.id)
    kept = session.items_with(great_cat.id)
    assert_rows_follow_header(view, session, kept)

    undo.push(AddCategoryCommand(session, Category("Instagram filter", shortcut="5")))
    assert view.model.columnCount() == 5 + 5 + 2
    assert_rows_follow_header(view, session, kept)  # same filter, same sort, one more column
    new = session.category_by_name("Instagram filter")
    assert view.category_combo.value() == great_cat.id
    undo.push(RemoveCategoryCommand(session, dog.id))  # another category goes
    assert view.model.columnCount() == 5 + 4 + 2
    assert_rows_follow_header(view, session, kept)
    undo.undo()
    assert session.items_with(dog.id)
    assert_rows_follow_header(view, session, kept)
    undo.undo()  # the added category goes again
    assert session.category_by_name("Instagram filter") is None
    assert view.model.category_column(new.id) == -1
    assert_rows_follow_header(view, session, kept)

    # The filtered category itself goes: the filter falls back to every item.
    undo.push(RemoveCategoryCommand(session, great_cat.id))
    assert view.category_combo.value() is None
    assert_rows_follow_header(view, session)
    undo.undo()
    assert session.items_with(great_cat.id) == kept
    assert_rows_follow_header(view, session)
    undo.redo()
    assert_rows_follow_header(view, session)


def test_sort_arrow_names_the_sorted_column_after_categories_change(qtbot, view, parts, tester):
    session, _signals, undo = parts
    dog, _great_cat, blurry, _label = session.categories()
    header = view.table.horizontalHeader()
    view.table.sortByColumn(view.model.category_column(blurry.id), Qt.SortOrder.AscendingOrder)
    assert_rows_follow_header(view, session)
    # A column left of the sorted one goes: the arrow must follow "blurry" one column left.
    undo.push(RemoveCategoryCommand(session, dog.id))
    assert header.sortIndicatorSection() == view.model.category_column(blurry.id)
    assert_rows_follow_header(view, session)
    undo.undo()
    assert_rows_follow_header(view, session)
    # The sorted category itself goes: rows fall back to review order, so must the arrow.
    undo.push(RemoveCategoryCommand(session, blurry.id))
    assert_rows_follow_header(view, session)
    undo.undo()
    assert_rows_follow_header(view, session)


def test_ticks_and_bulk_ticks_on_a_filtered_sorted_table(qtbot, view, parts, tester):
    session, _signals, undo = parts
    _dog, great_cat, blurry, label_error = session.categories()
    view.set_label_filter("cat")
    view.table.sortByColumn(COL_SCORE, Qt.SortOrder.DescendingOrder)
    kept = frame_ids(session, label="cat")
    assert_rows_follow_header(view, session, kept)
    order = shown_ids(view)
    before = ticked_state(session)

    # A click on one checkbox cell ticks that row's item, and the cell shows it.
    target = order[3]
    column = view.model.category_column(label_error.id)
    index = view.proxy.index(3, column)
    qtbot.mouseClick(
        view.table.viewport(), Qt.MouseButton.LeftButton, pos=view.table.visualRect(index).center()
    )
    assert session.items_with(label_error.id) == sorted({*before[label_error.id], target})
    assert ticked_on_row(view, 3, label_error.id)
    # Bulk: the tick menu on three selected rows.
    select_ids(view, order[5:8], current=order[5])
    next(a for a in view.tick_menu.actions() if a.text().startswith("blurry")).trigger()
    assert set(session.items_with(blurry.id)) == {*before[blurry.id], *order[5:8]}
    assert all(ticked_on_row(view, row, blurry.id) for row in (5, 6, 7))
    assert shown_ids(view) == order  # an edit never moves or hides a row
    undo.undo()
    undo.undo()
    assert ticked_state(session) == before
    assert [ticked_on_row(view, row, blurry.id) for row in range(len(order))] == [
        i in set(before[blurry.id]) for i in order
    ]
    undo.redo()
    assert target in session.items_with(label_error.id)
    # Untick in bulk through the key, rows that all have the category.
    having = [i for i in order if i in set(session.items_with(great_cat.id))]
    assert having
    select_ids(view, having, current=having[0])
    view.table.setFocus()
    qtbot.keyClick(view.table, great_cat.shortcut)
    assert not set(having) & set(session.items_with(great_cat.id))
    undo.undo()
    assert session.items_with(great_cat.id) == before[great_cat.id]


def test_items_added_with_and_without_a_filter(qtbot, view, parts, tester):
    session, _signals, _undo = parts
    view.table.sortByColumn(COL_SCORE, Qt.SortOrder.AscendingOrder)
    errors = session.item_ids()
    added = add_correct_sample(session, 60, seed=1)
    assert len(added) == 60 and session.item_count() == ERRORS + 60
    assert view.proxy.rowCount() == ERRORS + 60
    assert_rows_follow_header(view, session)  # the new rows take their sorted places
    assert view.count_label.text() == f"{ERRORS + 60} items"
    view.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    assert shown_ids(view) == errors + added

    view.set_label_filter("dog")  # a label only correct examples have
    assert view.label_combo.value() == "dog"
    shown = shown_ids(view)
    more = add_correct_sample(session, 50, seed=2)
    assert any(session.item(i).label == "dog" for i in more)
    assert shown_ids(view) == shown
    view.refresh_filter()
    assert shown_ids(view) == frame_ids(session, label="dog")


# ----------------------------------------------------------- selection, current
def test_selection_and_current_item_survive_a_filter_change(qtbot, view, parts, tester):
    session, _signals, _undo = parts
    order = session.item_ids()
    chosen = order[2:12]
    current = next(i for i in chosen if session.item(i).label == "cat")
    select_ids(view, chosen, current=current)
    assert view.selected_item_ids() == chosen

    view.set_label_filter("cat")
    assert view.selected_item_ids() == [i for i in chosen if session.item(i).label == "cat"]
    assert view.current_item_id() == current
    # Sorting the filtered table: the same items stay selected, the current too.
    view.table.sortByColumn(COL_IMAGE, Qt.SortOrder.DescendingOrder)
    selected = [i for i in shown_ids(view) if i in chosen]
    assert view.selected_item_ids() == selected
    assert selected and set(selected) == {i for i in chosen if session.item(i).label == "cat"}
    assert view.current_item_id() == current
    # A wider filter keeps the selection and does not select what comes back.
    view.set_label_filter(None)
    assert view.selected_item_ids() == [i for i in shown_ids(view) if i in selected]
    assert view.current_item_id() == current
    # A filter that hides the current item leaves no hidden item current or selected.
    view.set_label_filter("bird")
    assert view.label_combo.value() == "bird"
    assert view.current_item_id() is None or view.current_item_id() in shown_ids(view)
    assert view.selected_item_ids() == []


def test_select_all_then_widen_the_filter_selects_only_what_was_shown(qtbot, view, parts, tester):
    session, _signals, _undo = parts
    # Over 1,000 cells selected as one range: Qt's "whole table selected" shortcut must not
    # carry over to the rows a wider filter brings back.
    first = session.item_ids()[:100]
    view.set_item_filter(first, "the first hundred")
    assert len(first) * view.model.columnCount() > 1000
    view.table.setFocus()
    view.table.selectAll()
    assert view.selected_item_ids() == first
    qtbot.mouseClick(view.filter_chip, Qt.MouseButton.LeftButton)
    assert view.proxy.rowCount() == ERRORS
    assert view.selected_item_ids() == first


def test_selection_count_follows_a_filter_change(qtbot, view, parts, tester):
    session, _signals, _undo = parts
    order = session.item_ids()
    chosen = order[0:6]
    select_ids(view, chosen, current=chosen[0])
    assert view.selection_label.text() == "6 selected"
    cats = [i for i in chosen if session.item(i).label == "cat"]
    assert len(cats) == 1
    view.set_label_filter("cat")
    assert view.selected_item_ids() == cats  # the selection itself is right...
    assert view.selection_label.text() == "1 selected"  # ...its count is not
    view.set_label_filter("bird")
    assert view.selected_item_ids() == []
    assert not view.tick_button.isEnabled()
    assert view.selection_label.text() == "Select rows, then press a category's key"


# ------------------------------------------------------------- empty, clear, sort
def test_an_empty_result_shows_the_headers_and_no_rows(qtbot, view, parts, tester):
    session, _signals, _undo = parts
    view.table.sortByColumn(COL_SCORE, Qt.SortOrder.DescendingOrder)
    view.set_text_filter("no item says this")
    assert view.proxy.rowCount() == 0
    assert view.count_label.text() == f"Showing 0 of {ERRORS} items"
    header = view.table.horizontalHeader()
    assert header.isVisible() and header.count() == view.model.columnCount()
    for column in range(view.model.columnCount()):
        assert view.proxy.headerData(column, Qt.Orientation.Horizontal) == view.model.headerData(
            column, Qt.Orientation.Horizontal
        )
    assert view.proxy.headerData(COL_IMAGE, Qt.Orientation.Horizontal) == "Image"
    assert not view.grab().isNull()  # paints without a row to map through
    # Sorting and ticking with nothing shown are harmless.
    click_header(qtbot, view, COL_LABEL)
    assert view.proxy.rowCount() == 0
    view.set_category_on_selection(session.categories()[0].id, True)
    assert view.selected_item_ids() == []
    view.clear_filters()
    assert_rows_follow_header(view, session)


def test_clearing_filters_returns_every_row_in_review_order(qtbot, view, parts, tester):
    session, _signals, _undo = parts
    view.set_category_filter(session.categories()[1].id)
    view.set_reviewed_filter(True)
    view.set_label_filter("2")
    view.set_text_filter("phone")
    assert view.label_combo.value() == "2" and view.reviewed_combo.value() == REVIEWED
    assert view.proxy.rowCount() < ERRORS
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert shown_ids(view) == session.item_ids()
    assert view.count_label.text() == f"{ERRORS} items"
    assert view.proxy.current_filter.is_empty
    # The same after a sort that was switched off while filtered.
    view.set_prediction_filter("cat")
    view.table.sortByColumn(COL_SCORE, Qt.SortOrder.AscendingOrder)
    view.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.clear_filters()
    assert shown_ids(view) == session.item_ids()


def test_header_clicks_sort_a_filtered_table_without_losing_the_filter(qtbot, view, parts, tester):
    session, _signals, _undo = parts
    view.set_prediction_filter("dog")
    kept = frame_ids(session, prediction="dog")
    header = view.table.horizontalHeader()
    for column in (COL_SCORE, COL_LABEL, view.model.comment_column):
        click_header(qtbot, view, column)
        assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        assert_rows_follow_header(view, session, kept)
        click_header(qtbot, view, column)
        assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        assert_rows_follow_header(view, session, kept)
        click_header(qtbot, view, column)  # a third click: back to review order
        assert header.sortIndicatorSection() == -1
        assert shown_ids(view) == kept
    assert view.prediction_combo.value() == "dog"
    assert view.count_label.text() == f"Showing {len(kept)} of {ERRORS} items"


# ---------------------------------------------------------------- snapshot
def test_items_added_under_a_filter_appear_only_on_refresh(qtbot, view, parts, tester):
    session, _signals, _undo = parts
    view.set_reviewed_filter(False)  # new items are not reviewed: they match
    view.table.sortByColumn(COL_LABEL, Qt.SortOrder.AscendingOrder)
    before = shown_ids(view)
    assert not view.refresh_button.isVisibleTo(view)
    added = add_correct_sample(session, 40, seed=3)
    assert shown_ids(view) == before
    assert view.count_label.text() == f"Showing {len(before)} of {ERRORS + 40} items"
    assert view.refresh_button.isVisibleTo(view)
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    unreviewed = [i for i in session.item_ids() if not session.item(i).reviewed]
    assert set(added) <= set(unreviewed)
    assert_rows_follow_header(view, session, unreviewed)
    assert not view.refresh_button.isVisibleTo(view)


def test_edits_under_a_filter_wait_for_refresh_too(qtbot, view, parts, tester):
    session, _signals, undo = parts
    view.set_text_filter("zebra")
    zebras = shown_ids(view)
    assert len(zebras) == 2
    undo.push(SetCommentCommand(session, zebras[0], "a horse"))
    undo.push(SetReviewedCommand(session, zebras, True))
    assert shown_ids(view) == zebras
    view.refresh_filter()
    assert shown_ids(view) == zebras[1:]
    undo.undo()
    undo.undo()
    view.refresh_filter()
    assert shown_ids(view) == zebras


# ---------------------------------------------------------- confusion-matrix cell
def test_a_confusion_cell_shows_exactly_its_items_and_the_chip_clears_it(
    qtbot, view, parts, tester
):
    session, _signals, _undo = parts
    view.table.sortByColumn(COL_SCORE, Qt.SortOrder.DescendingOrder)
    cell = frame_ids(session, label="cat", prediction="bird")
    assert 0 < len(cell) < ERRORS
    view.set_item_filter(cell, "true cat, predicted bird")
    assert sorted(shown_ids(view)) == sorted(cell)
    assert_rows_follow_header(view, session, cell)
    assert view.filter_chip.isVisibleTo(view)
    assert "true cat, predicted bird" in view.filter_chip.text()
    assert view.count_label.text() == f"Showing {len(cell)} of {ERRORS} items"
    # Ids that are not items are ignored; an empty cell shows nothing.
    view.set_item_filter([*cell, 10_000_000, -4], "with strangers")
    assert sorted(shown_ids(view)) == sorted(cell)
    view.set_item_filter([], "an empty cell")
    assert view.proxy.rowCount() == 0
    view.set_item_filter(cell, "true cat, predicted bird")
    qtbot.mouseClick(view.filter_chip, Qt.MouseButton.LeftButton)
    assert not view.filter_chip.isVisibleTo(view)
    assert view.proxy.current_filter.item_ids is None
    assert_rows_follow_header(view, session)  # every item, still sorted by score


# ------------------------------------------------------------------ bulk ticks
def test_bulk_tick_on_a_filtered_sorted_selection_ticks_exactly_it(qtbot, view, parts, tester):
    session, _signals, undo = parts
    _dog, great_cat, blurry, _label = session.categories()
    view.set_prediction_filter("cat")
    click_header(qtbot, view, COL_SCORE)
    click_header(qtbot, view, COL_SCORE)  # descending
    kept = frame_ids(session, prediction="cat")
    assert_rows_follow_header(view, session, kept)
    order = shown_ids(view)
    # Ctrl-click rows 0 and 2, then shift-ctrl-click row 5: rows 0, 2, 3, 4, 5.
    view.table.setFocus()
    click_row(qtbot, view, 0)
    click_row(qtbot, view, 2, Qt.KeyboardModifier.ControlModifier)
    click_row(
        qtbot, view, 5, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    selected = [order[r] for r in (0, 2, 3, 4, 5)]
    assert view.selected_item_ids() == selected
    ticks, reviewed = ticked_state(session), session.reviewed_ids()
    assert not set(selected) <= set(ticks[blurry.id])  # the key ticks, not unticks
    with qtbot.waitSignal(view.status_message) as message:
        qtbot.keyClick(view.table, blurry.shortcut)
    assert message.args == ["Ticked 'blurry' on 5 items"]
    assert set(session.items_with(blurry.id)) == set(ticks[blurry.id]) | set(selected)
    assert {k: v for k, v in ticked_state(session).items() if k != blurry.id} == {
        k: v for k, v in ticks.items() if k != blurry.id
    }
    assert session.reviewed_ids() == reviewed | set(selected)
    assert undo.count() == 1
    undo.undo()
    assert ticked_state(session) == ticks
    assert session.reviewed_ids() == reviewed
    undo.redo()
    assert set(session.items_with(blurry.id)) == set(ticks[blurry.id]) | set(selected)
    undo.undo()

    # Then the selection is sorted and narrowed: only what is still shown and selected counts.
    view.table.sortByColumn(COL_IMAGE, Qt.SortOrder.AscendingOrder)
    assert set(view.selected_item_ids()) == set(selected)
    view.set_label_filter(session.item(selected[0]).label)
    still = [i for i in shown_ids(view) if i in selected]
    assert still and len(still) < len(selected)
    assert view.selected_item_ids() == still
    view.set_category_on_selection(great_cat.id, True)
    assert set(session.items_with(great_cat.id)) == set(ticks[great_cat.id]) | set(still)
    undo.undo()
    assert ticked_state(session) == ticks
    assert session.reviewed_ids() == reviewed


def test_the_proxy_answers_every_role_and_flag_as_the_source_row_does(qtbot, view, parts, tester):
    """The proxy reads cells straight from the source by row (no mapToSource per role):
    filtered and sorted, each cell's answer is the mapped source cell's."""
    session, _signals, _undo = parts
    model, proxy = view.model, view.proxy
    blurry = next(c for c in session.categories() if c.name == "blurry")
    ids = session.item_ids()
    session.set_ticks(ids[3:40:3], blurry.id, True)
    view.set_label_filter("cat")
    view.table.sortByColumn(COL_SCORE, Qt.SortOrder.DescendingOrder)
    assert 0 < proxy.rowCount() < model.rowCount()
    roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
             Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.TextAlignmentRole,
             Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole]
    for row in range(proxy.rowCount()):
        source_row = proxy.source_row(row)
        for column in range(proxy.columnCount()):
            if column == COL_THUMBNAIL:
                continue  # a decode on a worker: compared by identity elsewhere
            ours = proxy.index(row, column)
            theirs = model.index(source_row, column)
            assert proxy.flags(ours) == model.flags(theirs)
            for role in roles:
                assert proxy.data(ours, role) == model.data(theirs, role), (row, column, role)
