"""The spreadsheet view and its item model, driven as a reviewer would (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage

from erroranalysis.core.categories import Category
from erroranalysis.core.session import ReviewSession
from erroranalysis.gui.commands import AddCategoryCommand, EditCategoryCommand, SetTicksCommand
from erroranalysis.gui.spreadsheet.item_table_model import (
    COL_IMAGE,
    COL_LABEL,
    COL_SCORE,
    COL_THUMBNAIL,
    ItemTableModel,
)
from erroranalysis.gui.spreadsheet.spreadsheet_view import SpreadsheetView

CHECKED = Qt.CheckState.Checked
UNCHECKED = Qt.CheckState.Unchecked
CHECK = Qt.ItemDataRole.CheckStateRole


def make_session(folder: Path) -> ReviewSession:
    frame = pd.DataFrame(
        {
            "key": [f"k{i}" for i in range(6)],
            "image": [f"images/{i:02d}.png" for i in range(6)],
            "label": ["cat", "dog", "cat", "10", "2", "cat"],
            "prediction": ["dog", "cat", "dog", "cat", "cat", "bird"],
            "score": [0.9, 0.2, None, 0.55, 0.7, 0.1],
            "split": "dev",
            "camera": ["phone", "dslr", "phone", "phone", "webcam", "dslr"],
        }
    )
    categories = [
        Category("blurry"),
        Category("great cat"),
        Category("incorrect label", kind="label_error"),
    ]
    return ReviewSession.create(
        folder / "s.easession",
        frame,
        categories,
        dev_size=60,
        dev_errors=6,
        metadata_columns=["camera"],
        base_dir=folder,
    )


@pytest.fixture
def session(tmp_path):
    s = make_session(tmp_path)
    yield s
    s.close()


@pytest.fixture
def view(qtbot, parts):
    session, signals, undo = parts
    widget = SpreadsheetView(session, signals, undo, None)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def source_index(model: ItemTableModel, item_id: int, column: int) -> QModelIndex:
    return model.index(model.row_of(item_id), column)


def shown_ids(view: SpreadsheetView) -> list[int]:
    proxy = view.proxy
    return [
        view.model.item_id(proxy.mapToSource(proxy.index(r, 0)).row())
        for r in range(proxy.rowCount())
    ]


def select_rows(view: SpreadsheetView, rows: list[int]) -> None:
    from PySide6.QtCore import QItemSelectionModel

    selection = view.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(view.proxy.index(row, 0), flags)
    selection.setCurrentIndex(
        view.proxy.index(rows[0], COL_IMAGE), QItemSelectionModel.SelectionFlag.NoUpdate
    )


# ----------------------------------------------------------------- the model
def test_model_shows_the_session_columns(parts):
    session, signals, undo = parts
    model = ItemTableModel(session, signals, undo)
    categories = session.categories()
    assert model.rowCount() == 6
    assert model.columnCount() == 5 + len(categories) + 2
    first = session.item_ids()[0]
    assert model.data(source_index(model, first, COL_IMAGE)) == "00.png"
    assert model.data(source_index(model, first, COL_LABEL)) == "cat"
    assert model.data(source_index(model, first, COL_SCORE)) == "0.900"
    assert "camera: phone" in model.data(
        source_index(model, first, COL_IMAGE), Qt.ItemDataRole.ToolTipRole
    )
    header = model.headerData(model.category_column(categories[1].id), Qt.Orientation.Horizontal)
    assert "great cat" in header.replace("\n", " ") and categories[1].shortcut in header


def test_session_change_updates_check_state_and_emits_data_changed(qtbot, parts):
    session, signals, undo = parts
    model = ItemTableModel(session, signals, undo)
    blurry = session.categories()[0]
    ids = session.item_ids()
    column = model.category_column(blurry.id)
    assert model.data(source_index(model, ids[2], column), CHECK) == UNCHECKED  # cached now
    with qtbot.waitSignal(model.dataChanged) as blocker:
        undo.push(SetTicksCommand(session, [ids[2], ids[4]], blurry.id, True))
    top, bottom = blocker.args[0], blocker.args[1]
    assert (top.row(), bottom.row()) == (model.row_of(ids[2]), model.row_of(ids[4]))
    assert top.column() <= column <= bottom.column()
    assert model.data(source_index(model, ids[2], column), CHECK) == CHECKED
    assert model.data(source_index(model, ids[3], column), CHECK) == UNCHECKED
    # Ticking marks the item reviewed: that column follows too.
    assert model.data(source_index(model, ids[2], model.reviewed_column), CHECK) == CHECKED


def test_set_data_goes_through_the_undo_stack(parts):
    session, signals, undo = parts
    model = ItemTableModel(session, signals, undo)
    cat = session.categories()[1]
    item = session.item_ids()[1]
    index = source_index(model, item, model.category_column(cat.id))
    assert model.setData(index, CHECKED, CHECK)
    assert session.is_ticked(item, cat.id)
    assert undo.count() == 1
    assert model.data(index, CHECK) == CHECKED
    undo.undo()
    assert not session.is_ticked(item, cat.id)
    assert not session.item(item).reviewed
    assert model.data(index, CHECK) == UNCHECKED
    undo.redo()
    assert session.is_ticked(item, cat.id)


def test_comment_and_reviewed_edits_are_undoable(parts):
    session, signals, undo = parts
    model = ItemTableModel(session, signals, undo)
    item = session.item_ids()[0]
    comment = source_index(model, item, model.comment_column)
    assert model.flags(comment) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(comment, "lion in the rain", Qt.ItemDataRole.EditRole)
    assert session.item(item).comment == "lion in the rain"
    assert model.data(comment) == "lion in the rain"
    reviewed = source_index(model, item, model.reviewed_column)
    assert model.setData(reviewed, 2, CHECK)  # the int a delegate may send
    assert session.item(item).reviewed
    undo.undo()
    assert not session.item(item).reviewed
    undo.undo()
    assert session.item(item).comment == ""
    assert model.data(comment) == ""


def test_categories_change_the_columns(parts):
    session, signals, undo = parts
    model = ItemTableModel(session, signals, undo)
    before = model.columnCount()
    undo.push(AddCategoryCommand(session, Category("模糊 Instagram filter")))
    assert model.columnCount() == before + 1
    new = session.category_by_name("模糊 Instagram filter")
    header = model.headerData(model.category_column(new.id), Qt.Orientation.Horizontal)
    assert "模糊" in header
    undo.push(EditCategoryCommand(session, new.id, name="filter"))
    assert "filter" in model.headerData(model.category_column(new.id), Qt.Orientation.Horizontal)
    undo.undo()
    undo.undo()
    assert model.columnCount() == before


def test_thumbnails_load_off_thread_and_repaint_their_row(qtbot, tmp_path, parts):
    from erroranalysis.gui.image_loader import ImageLoader

    session, signals, undo = parts
    (tmp_path / "images").mkdir()
    Image.new("RGB", (40, 30), "red").save(tmp_path / "images" / "01.png")
    loader = ImageLoader()
    try:
        model = ItemTableModel(session, signals, undo, loader)
        item = session.item_ids()[1]
        index = source_index(model, item, COL_THUMBNAIL)
        with qtbot.waitSignal(model.dataChanged, timeout=5000) as blocker:
            assert model.data(index, Qt.ItemDataRole.DecorationRole) is None  # queued
        assert blocker.args[0].row() == model.row_of(item)
        image = model.data(index, Qt.ItemDataRole.DecorationRole)
        assert isinstance(image, QImage) and not image.isNull()
        # A missing file gets the loader's placeholder, not an exception.
        missing = source_index(model, session.item_ids()[2], COL_THUMBNAIL)
        with qtbot.waitSignal(model.dataChanged, timeout=5000):
            model.data(missing, Qt.ItemDataRole.DecorationRole)
        assert isinstance(model.data(missing, Qt.ItemDataRole.DecorationRole), QImage)
    finally:
        loader.shutdown()


# ------------------------------------------------------------------ the view
def test_category_key_ticks_all_selected_rows_as_one_undo_step(qtbot, view, parts):
    session, _signals, undo = parts
    blurry = session.categories()[0]
    view.table.setFocus()
    select_rows(view, [0, 2, 3])
    ids = view.selected_item_ids()
    assert len(ids) == 3
    qtbot.keyClick(view.table, blurry.shortcut)
    assert set(session.items_with(blurry.id)) == set(ids)
    assert undo.count() == 1
    # All selected already ticked: the same key unticks them.
    qtbot.keyClick(view.table, blurry.shortcut)
    assert session.items_with(blurry.id) == []
    undo.undo()
    assert set(session.items_with(blurry.id)) == set(ids)
    undo.undo()
    assert session.items_with(blurry.id) == []
    assert not any(session.item(i).reviewed for i in ids)


def test_partly_ticked_selection_gets_ticked_everywhere(qtbot, view, parts):
    session, _signals, undo = parts
    cat = session.categories()[1]
    select_rows(view, [0, 1])
    ids = view.selected_item_ids()
    undo.push(SetTicksCommand(session, [ids[0]], cat.id, True))
    view.table.setFocus()
    qtbot.keyClick(view.table, cat.shortcut)
    assert set(session.items_with(cat.id)) == set(ids)


def test_tick_and_untick_menus(view, parts):
    session, _signals, undo = parts
    label = session.categories()[2]
    select_rows(view, [1, 4])
    ids = view.selected_item_ids()
    tick = next(a for a in view.tick_menu.actions() if a.text().startswith("incorrect label"))
    tick.trigger()
    assert set(session.items_with(label.id)) == set(ids)
    untick = next(a for a in view.untick_menu.actions() if a.text().startswith("incorrect label"))
    untick.trigger()
    assert session.items_with(label.id) == []
    assert undo.count() == 2


def test_filters(qtbot, view, parts):
    session, _signals, undo = parts
    ids = session.item_ids()
    blurry = session.categories()[0]
    undo.push(SetTicksCommand(session, [ids[0], ids[5]], blurry.id, True))

    view.set_category_filter(blurry.id)
    assert shown_ids(view) == [ids[0], ids[5]]
    assert "Showing 2 of 6" in view.count_label.text()
    view.ticked_combo.set_value(False)
    view.refresh_filter()
    assert shown_ids(view) == ids[1:5]
    view.set_category_filter(None)
    assert len(shown_ids(view)) == 6

    view.set_reviewed_filter(True)
    assert shown_ids(view) == [ids[0], ids[5]]
    view.set_reviewed_filter(False)
    assert shown_ids(view) == ids[1:5]
    view.set_reviewed_filter(None)

    view.set_label_filter("cat")
    assert shown_ids(view) == [ids[0], ids[2], ids[5]]
    view.set_prediction_filter("dog")
    assert shown_ids(view) == [ids[0], ids[2]]
    view.clear_filters()
    assert len(shown_ids(view)) == 6

    # Free text searches image, comments and metadata, case-insensitively.
    view.set_text_filter("WEBCAM")
    assert shown_ids(view) == [ids[4]]
    view.set_text_filter("03.png")
    assert shown_ids(view) == [ids[3]]
    view.model.setData(source_index(view.model, ids[1], view.model.comment_column), "a Lion")
    view.set_text_filter("lion")
    assert shown_ids(view) == [ids[1]]
    view.clear_filters()


def test_label_filter_combo_lists_values_in_natural_order(view):
    view.label_combo.load()
    texts = [view.label_combo.itemText(i) for i in range(view.label_combo.count())]
    assert texts == ["Any label", "2", "10", "cat", "dog"]


def test_edits_do_not_hide_rows_until_the_filter_is_refreshed(qtbot, view, parts):
    session, _signals, undo = parts
    ids = session.item_ids()
    view.set_reviewed_filter(False)
    assert len(shown_ids(view)) == 6
    undo.push(SetTicksCommand(session, [ids[2]], session.categories()[0].id, True))
    assert len(shown_ids(view)) == 6  # the ticked row stays under the reviewer's eyes
    assert view.refresh_button.isVisibleTo(view)
    view.refresh_button.click()
    assert ids[2] not in shown_ids(view)
    assert not view.refresh_button.isVisibleTo(view)


def test_item_filter_shows_a_clearable_chip(qtbot, view, parts):
    session, _signals, _undo = parts
    ids = session.item_ids()
    view.set_item_filter([ids[1], ids[3]], "true cat, predicted dog")
    assert shown_ids(view) == [ids[1], ids[3]]
    assert view.filter_chip.isVisibleTo(view)
    assert "true cat, predicted dog" in view.filter_chip.text()
    qtbot.mouseClick(view.filter_chip, Qt.MouseButton.LeftButton)
    assert len(shown_ids(view)) == 6
    assert not view.filter_chip.isVisibleTo(view)


def test_sort_by_columns(view, parts):
    session, _signals, undo = parts
    ids = session.item_ids()
    view.table.sortByColumn(COL_SCORE, Qt.SortOrder.DescendingOrder)
    # 0.9, 0.7, 0.55, 0.2, 0.1, then the item without a score.
    assert shown_ids(view) == [ids[0], ids[4], ids[3], ids[1], ids[5], ids[2]]
    view.table.sortByColumn(COL_SCORE, Qt.SortOrder.AscendingOrder)
    assert shown_ids(view) == [ids[5], ids[1], ids[3], ids[4], ids[0], ids[2]]
    view.table.sortByColumn(COL_LABEL, Qt.SortOrder.AscendingOrder)
    assert [session.item(i).label for i in shown_ids(view)] == [
        "2",
        "10",
        "cat",
        "cat",
        "cat",
        "dog",
    ]
    great_cat = session.categories()[1]
    undo.push(SetTicksCommand(session, [ids[4]], great_cat.id, True))
    view.table.sortByColumn(view.model.category_column(great_cat.id), Qt.SortOrder.AscendingOrder)
    assert shown_ids(view)[0] == ids[4]
    view.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    assert shown_ids(view) == ids


def test_selection_survives_sorting(view, parts):
    session, _signals, _undo = parts
    ids = session.item_ids()
    select_rows(view, [0])
    view.table.sortByColumn(COL_SCORE, Qt.SortOrder.AscendingOrder)
    assert view.selected_item_ids() == [ids[0]]


def test_double_click_and_enter_open_the_item(qtbot, view, parts):
    session, _signals, _undo = parts
    ids = session.item_ids()
    index = view.proxy.index(3, COL_IMAGE)
    rect = view.table.visualRect(index)
    with qtbot.waitSignal(view.open_item) as blocker:
        # A real double-click is a press and release, then the double-click event.
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [ids[3]]
    view.table.setFocus()
    assert view.select_item(ids[5])
    with qtbot.waitSignal(view.open_item) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == [ids[5]]


def test_clicking_a_checkbox_cell_ticks_it(qtbot, view, parts):
    session, _signals, undo = parts
    ids = session.item_ids()
    cat = session.categories()[1]
    index = view.proxy.index(2, view.model.category_column(cat.id))
    rect = view.table.visualRect(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert session.is_ticked(ids[2], cat.id)
    assert undo.count() == 1


def test_removing_a_filtered_category_clears_that_filter(view, parts):
    session, _signals, undo = parts
    from erroranalysis.gui.commands import RemoveCategoryCommand

    cat = session.categories()[0]
    view.set_category_filter(cat.id)
    undo.push(RemoveCategoryCommand(session, cat.id))
    assert view.current_filter().category_id is None
    assert len(shown_ids(view)) == 6
