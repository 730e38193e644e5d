"""Issue 8: bugs that lost keystrokes or trapped focus, defaults, locating images.

Each test drives the real window through key and mouse events, offscreen, and
failed before the fix it names.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from gui_helpers import (
    open_and_close_the_categories_dialog,
    open_window,
    press,
    reactivate,
    when_dialog,
)
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from erroranalysis.core.demo import open_demo_session
from erroranalysis.core.sources import SourceOptions
from erroranalysis.gui.app import AppController, LaunchRequest
from erroranalysis.gui.category_editor import CategoryEditor
from erroranalysis.gui.spreadsheet.item_table_model import COL_IMAGE
from erroranalysis.gui.start_screen import NewSessionDialog, StartScreen


@pytest.fixture
def demo_window(qtbot):
    window = open_window(qtbot, open_demo_session(reset=True))
    yield window
    window.close()


def test_ticks_work_after_the_categories_dialog_closed(qtbot, demo_window):
    """Bug 1: a lambda connected to the window's signals outlived the dialog, and every
    later tick raised "Internal C++ object already deleted" (pytest-qt fails on it)."""
    window = demo_window
    view = window.review_view
    open_and_close_the_categories_dialog(qtbot, window)
    press(view, Qt.Key.Key_1, Qt.Key.Key_Right, Qt.Key.Key_2)
    session = window.session
    assert session.tally().reviewed == 2
    assert session.is_ticked(session.item_at(1).id, session.categories()[1].id)


def test_review_keys_work_after_the_weights_and_choose_dialogs_closed(qtbot, demo_window):
    """The dialogs added with weights and model choice must hand the keys back."""
    from erroranalysis.gui.choose_dialog import ChooseDialog
    from erroranalysis.gui.weights_dialog import WeightsDialog

    window = demo_window
    view = window.review_view
    for kind, action in ((WeightsDialog, window.weights_action),
                         (ChooseDialog, window.choose_action)):
        seen: list[str] = []
        when_dialog(kind, lambda dialog, seen=seen: seen.append(dialog.windowTitle()))
        action.trigger()
        assert seen  # it opened, and was closed by the helper
        reactivate(qtbot, window)
        position = window.session.position
        press(view, Qt.Key.Key_Right)
        assert window.session.position == position + 1
    press(view, Qt.Key.Key_1)
    session = window.session
    assert session.is_ticked(view.current_item().id, session.categories()[0].id)


def test_review_keys_work_after_a_click_in_the_tally(qtbot, demo_window):
    """Bug 2: a click on a tally row left the focus where no review key worked."""
    window = demo_window
    view = window.review_view
    press(view, Qt.Key.Key_1)
    table = window.tally_panel.table
    qtbot.waitUntil(lambda: table.rowCount() > 0)
    rect = table.visualRect(table.model().index(0, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    chart = window.tally_panel.chart
    QTest.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.waitUntil(lambda: view.hasFocus())
    before = window.session.position
    press(view, Qt.Key.Key_Escape, Qt.Key.Key_Right)
    assert window.session.position != before or view.category_filter is None
    press(view, Qt.Key.Key_2)
    assert window.session.is_ticked(view.current_item().id, window.session.categories()[1].id)


def test_ctrl_shift_a_raises_the_analysis_panel(qtbot, demo_window):
    """Bug 3: the first press hid the tab behind the tally, the second put it back behind."""
    window = demo_window
    window.tally_dock.raise_()
    QApplication.processEvents()
    assert window.analysis_dock.visibleRegion().isEmpty()
    press(window.review_view, (Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                               | Qt.KeyboardModifier.ShiftModifier))
    QApplication.processEvents()
    assert window.analysis_dock.isVisible()
    assert not window.analysis_dock.visibleRegion().isEmpty()
    # Ctrl+T brings the tally back in front.
    press(window.review_view, (Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier))
    QApplication.processEvents()
    assert not window.tally_dock.visibleRegion().isEmpty()


def test_a_row_chosen_in_the_spreadsheet_is_the_item_the_review_shows(qtbot, demo_window):
    """Bug 4: selecting a row did not move the review to it."""
    window = demo_window
    window.set_view("spreadsheet")
    sheet = window.spreadsheet_view
    target = window.session.item_at(7).id
    assert sheet.select_item(target)
    press(sheet.table, Qt.Key.Key_Down)
    chosen = sheet.current_item_id()
    press(sheet.table, (Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier))
    assert window.current_view() == "review"
    assert window.review_view.current_item().id == chosen


def test_esc_and_ctrl_q_close_the_start_screen(qtbot):
    """Bug 5: Ctrl+Q and Esc did nothing on the start screen."""
    for key in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)):
        screen = StartScreen()
        qtbot.addWidget(screen)
        screen.show()
        qtbot.waitExposed(screen)
        screen.activateWindow()
        qtbot.waitUntil(lambda s=screen: QApplication.activeWindow() is s)
        QTest.keyClick(screen, key[0], key[1])
        qtbot.waitUntil(lambda s=screen: not s.isVisible())


def test_ctrl_z_in_a_category_field_undoes_typing_then_the_edit(qtbot, demo_window):
    """Bug 6: Ctrl+Z in a text field undid the typing, never the category edit."""
    window = demo_window
    session = window.session
    dog = session.categories()[0]
    editor = CategoryEditor(session, window.signals, window.undo_stack, window)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    editor.select(dog.id)
    field = editor.name
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, "hound")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert session.category(dog.id).name == "hound"
    # Typing in progress: Ctrl+Z undoes the typing, the category keeps its name.
    QTest.keyClicks(field, "x")
    QTest.keySequence(field, QKeySequence.StandardKey.Undo)
    assert field.text() == "hound" and session.category(dog.id).name == "hound"
    # Nothing typed: Ctrl+Z undoes the rename.
    QTest.keySequence(field, QKeySequence.StandardKey.Undo)
    qtbot.waitUntil(lambda: session.category(dog.id).name == dog.name)
    editor.close()


def test_a_new_session_asks_for_categories_and_keeps_incorrect_label(qtbot, tmp_path):
    frame = pd.DataFrame({"image": ["a.png", "b.png"], "label": ["cat", "cat"],
                          "prediction": ["dog", "cat"]})
    csv = tmp_path / "preds.csv"
    frame.to_csv(csv, index=False)

    def choose(dialog: NewSessionDialog) -> None:
        assert "dog" in dialog.categories.text()
        assert dialog.keep_label_error.isChecked()
        dialog.categories.setText("occluded, night shot")
        dialog._accept()

    controller = AppController(QApplication.instance())
    when_dialog(NewSessionDialog, choose)
    # `erroranalysis review preds.csv` without --categories asks.
    assert controller.handle(LaunchRequest(kind="source", path=csv, options=SourceOptions(),
                                           ask_categories=True))
    session = controller.window.session
    names = [(c.name, c.kind) for c in session.categories()]
    assert names == [("occluded", "normal"), ("night shot", "normal"),
                     ("incorrect label", "label_error")]
    controller.window.close()


def test_locate_images_rebases_the_paths_and_undo_puts_them_back(qtbot, tmp_path):
    demo = open_demo_session()
    images = tmp_path / "photos" / "set1"
    images.mkdir(parents=True)
    for name in ("0003.png", "0005.png"):
        (images / name).write_bytes(demo.resolve_image(f"images/{name}").read_bytes())
    demo.close()
    elsewhere = tmp_path / "copied"
    elsewhere.mkdir()
    frame = pd.DataFrame({"image": ["/old/machine/data/set1/0003.png",
                                    "/old/machine/data/set1/0005.png"],
                          "label": ["3", "5"], "prediction": ["8", "6"]})
    frame.to_csv(elsewhere / "preds.csv", index=False)
    controller = AppController(QApplication.instance())
    assert controller.open_source(elsewhere / "preds.csv", options=SourceOptions(), ask=False)
    window = controller.window
    assert window.notice_bar.isVisibleTo(window)
    assert "None of the 2 images" in window.notice_text.text()
    window.locate_images(tmp_path / "photos")
    session = window.session
    assert all(session.resolve_image(session.item(i).image).exists()
               for i in session.item_ids())
    assert session.item_at(0).image == "set1/0003.png"
    assert not window.notice_bar.isVisibleTo(window)
    qtbot.waitUntil(lambda: window.review_view.canvas.showing_image)
    window.undo()
    assert session.item_at(0).image == "/old/machine/data/set1/0003.png"
    window.close()


def test_properties_name_the_demo_session(qtbot, demo_window):
    dialog = demo_window.show_properties()
    facts = dict(dialog.facts)
    assert facts["Session file"] == str(demo_window.session.path)
    assert any("demo session" in value for what, value in dialog.facts if not what)
    assert facts["Errors to review"] == "62"
    dialog.close()


def test_shortcut_key_event_filter_ignores_plain_keys(qtbot, demo_window):
    """The undo filter only takes Ctrl+Z/Ctrl+Shift+Z, never typed letters."""
    editor = CategoryEditor(demo_window.session, demo_window.signals,
                            demo_window.undo_stack, demo_window)
    qtbot.addWidget(editor)
    event = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_Z, Qt.KeyboardModifier.NoModifier,
                      "z")
    assert not editor.eventFilter(editor.name, event)


def test_demo_command_prints_the_session_path(capsys, monkeypatch):
    from erroranalysis.cli import main
    from erroranalysis.core.demo import demo_session_path

    monkeypatch.setattr("erroranalysis.gui.app.launch", lambda request: 0)
    assert main(["demo"]) == 0
    assert capsys.readouterr().out.strip() == f"demo session: {demo_session_path()}"


def test_review_without_categories_asks(monkeypatch, tmp_path):
    from erroranalysis.cli import main

    seen: list[LaunchRequest] = []
    monkeypatch.setattr("erroranalysis.gui.app.launch", lambda request: seen.append(request) or 0)
    csv = tmp_path / "p.csv"
    csv.write_text("image,label,prediction\na.png,cat,dog\n")
    assert main(["review", str(csv)]) == 0
    assert main(["review", str(csv), "--categories", "x,y"]) == 0
    assert [r.ask_categories for r in seen] == [True, False]



def test_rows_walked_in_the_spreadsheet_decode_no_full_image_until_the_review_shows(
    qtbot, demo_window, monkeypatch
):
    """Issue 11: each PageDown made the hidden review decode its new item's full image
    and prefetch four neighbours, on the cores the spreadsheet's paint needed."""
    window = demo_window
    loader = window.review_view.loader
    asked: list[str] = []
    for name in ("request", "prefetch"):
        original = getattr(loader, name)

        def spy(paths, size, original=original, name=name):
            asked.extend([paths] if name == "request" else list(paths))
            return original(paths, size)

        monkeypatch.setattr(loader, name, spy)
    window.set_view("spreadsheet")
    sheet = window.spreadsheet_view
    sheet.table.setFocus()
    qtbot.waitUntil(sheet.table.hasFocus)
    press(sheet.table, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Down)
    qtbot.wait(50)  # the prefetch timer's delay, and then some
    chosen = sheet.current_item_id()
    assert window.review_view.current_item().id == chosen
    assert asked == []
    press(sheet.table, (Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier))
    assert window.current_view() == "review"
    path = str(window.session.resolve_image(window.session.item(chosen).image))
    assert asked and asked[0] == path
    qtbot.waitUntil(lambda: window.review_view.canvas.showing_image, timeout=5000)
    qtbot.waitUntil(lambda: len(asked) > 1, timeout=2000)  # then the neighbours


def test_the_spreadsheet_thumbnails_come_from_a_loader_of_their_own(
    qtbot, demo_window, monkeypatch
):
    """Issue 11: the sheet's thumbnails were decoded by the review's loader, at the
    review's priority, beside the image the reviewer asked for; now a low-priority
    loader of their own decodes them and keeps them on disk for next time."""
    window = demo_window
    review_loader = window.review_view.loader
    asked: list[str] = []
    original = review_loader.thumbnail
    monkeypatch.setattr(
        review_loader, "thumbnail", lambda path, size: asked.append(path) or original(path, size)
    )
    assert window.thumbnail_loader is not review_loader
    folder = window.thumbnail_loader.thumbnail_store.folder
    shutil.rmtree(folder, ignore_errors=True)  # an earlier run's demo made some
    window.set_view("spreadsheet")
    model = window.spreadsheet_view.model
    qtbot.waitUntil(lambda: model.cached_thumbnail(model._row(0)) is not None, timeout=10000)
    assert asked == []
    store = window.thumbnail_loader.thumbnail_store
    size = model.thumbnail_size
    image = window.session.resolve_image(model._row(0).image)
    kept = store._file(str(image), (size.width(), size.height()))
    assert kept is not None and kept.is_relative_to(folder)
    qtbot.waitUntil(kept.exists, timeout=5000)  # kept on disk for next time


def test_the_grid_and_the_spreadsheet_share_one_thumbnail_folder_budget(demo_window):
    """Two stores on one folder each counted only their own writes: together they could
    fill twice the folder's budget, and evict at once."""
    grid_store = demo_window.grid_view.loader.thumbnail_store
    assert demo_window.thumbnail_loader.thumbnail_store is grid_store
    assert demo_window.thumbnail_loader is not demo_window.grid_view.loader


def test_sheet_keys_after_a_dialog_and_a_click_on_the_chart_still_defer_the_image(
    qtbot, demo_window
):
    """The spreadsheet's keys after the weights dialog closed and after a click on the
    tally's chart: the row moves, the review follows, and its image waits until it is shown."""
    from erroranalysis.gui.weights_dialog import WeightsDialog

    window = demo_window
    window.set_view("spreadsheet")
    sheet = window.spreadsheet_view
    when_dialog(WeightsDialog, lambda dialog: None)
    window.weights_action.trigger()
    reactivate(qtbot, window)
    QTest.mouseClick(window.tally_panel.chart, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.waitUntil(sheet.table.hasFocus)  # the click handed the keys back to the sheet
    assert sheet.select_item(window.session.item_at(3).id)
    before = sheet.current_item_id()
    press(sheet.table, Qt.Key.Key_Down, Qt.Key.Key_Down)
    chosen = sheet.current_item_id()
    assert chosen != before
    assert window.review_view.current_item().id == chosen
    assert window.review_view._image_deferred
    press(sheet.table, (Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier))
    qtbot.waitUntil(lambda: window.review_view.canvas.showing_image, timeout=5000)
    assert not window.review_view._image_deferred


def test_a_tally_click_in_the_spreadsheet_keeps_the_reviews_item_current(qtbot, demo_window):
    """Clicking a tally row filters both views: the sheet's current row is the item the
    review moved to (before, the filter hid the current row and Down started over at the
    top), Down walks the category, and Esc in the review shows every row again."""
    window = demo_window
    view = window.review_view
    session = window.session
    dog = session.categories()[0]
    for position in (1, 4, 6):
        session.set_tick(session.item_at(position).id, dog.id, True)
    view.go_to(2)  # not ticked "dog": the filter hides this row
    window.set_view("spreadsheet")
    sheet = window.spreadsheet_view
    sheet.table.sortByColumn(COL_IMAGE, Qt.SortOrder.DescendingOrder)  # last item on top
    assert sheet.select_item(session.item_at(2).id)
    table = window.tally_panel.table
    qtbot.waitUntil(lambda: dog.id in window.tally_panel.row_category_ids())
    row = window.tally_panel.row_category_ids().index(dog.id)
    rect = table.visualRect(table.model().index(row, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(sheet.table.hasFocus)
    assert sheet.proxy.rowCount() == 3
    first = view.current_item().id
    assert first == session.item_at(1).id
    assert sheet.current_item_id() == first  # the bottom row, not the top one
    press(sheet.table, Qt.Key.Key_Up)
    assert sheet.current_item_id() == session.item_at(4).id
    assert view.current_item().id == session.item_at(4).id
    window.set_view("review")
    press(view, Qt.Key.Key_Escape)
    assert view.category_filter is None
    assert sheet.proxy.rowCount() == sheet.model.rowCount()
    assert sheet.current_item_id() == session.item_at(4).id
    window.set_view("spreadsheet")
    press(sheet.table, Qt.Key.Key_Up)
    assert view.current_item().id == session.item_at(5).id
    # From the grid (which shows the spreadsheet's rows): its current item is the review's,
    # not the row the filter left current (the last one, in this order).
    sheet.table.sortByColumn(COL_IMAGE, Qt.SortOrder.AscendingOrder)
    window.set_view("grid")
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(window.grid_view.list.hasFocus)
    assert window.grid_view.proxy.rowCount() == 3
    assert window.grid_view.current_item_id() == view.current_item().id == first


def test_tick_keys_update_the_tally_table_after_a_dialog_and_a_click(qtbot, demo_window):
    """The tally's table follows the keys (its number columns keep their width), after
    the categories dialog closed and after a click on a tally row."""
    window = demo_window
    view = window.review_view
    table = window.tally_panel.table
    session = window.session
    first = session.categories()[0]

    def ticked_cell(category_name: str) -> str:
        for row in range(table.rowCount()):
            if table.item(row, 0).text() == category_name:
                return table.item(row, 1).text()
        return ""

    def widths() -> list[int]:
        return [table.columnWidth(c) for c in range(1, table.columnCount())]

    qtbot.waitUntil(lambda: table.rowCount() > 0)
    before = int(ticked_cell(first.name) or 0)
    open_and_close_the_categories_dialog(qtbot, window)
    press(view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: ticked_cell(first.name) == str(before + 1))
    shown = widths()
    rect = table.visualRect(table.model().index(0, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    reactivate(qtbot, window)
    press(view, Qt.Key.Key_Escape, Qt.Key.Key_1)  # untick
    qtbot.waitUntil(lambda: ticked_cell(first.name) == str(before))
    assert widths() == shown
