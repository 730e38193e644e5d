"""The review window driven from the keyboard, on the real demo, offscreen.

Every test runs in its own ERRORANALYSIS_DATA_DIR (see conftest.py), so the
demo session is fresh and the recent list empty.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from gui_helpers import open_window, press, reactivate, when_dialog
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from erroranalysis.core.demo import open_demo_session
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.sources import SourceOptions
from erroranalysis.gui.app import AppController, _panel_shows, smoke_test
from erroranalysis.gui.category_editor import AddCategoryDialog, CategoryEditor
from erroranalysis.gui.start_screen import recent_sessions


@pytest.fixture
def demo_window(qtbot):
    window = open_window(qtbot, open_demo_session(reset=True))
    yield window
    window.close()


def counts(session: ReviewSession) -> dict[str, int]:
    table = session.tally().table
    return dict(zip(table["name"], table["count"].astype(int), strict=True))


def test_keyboard_only_review_of_the_demo(qtbot, demo_window):
    window = demo_window
    session = window.session
    view = window.review_view
    cats = session.categories()
    first, second = session.item_at(0), session.item_at(1)

    # 1 ticks the first category on the first item; the tick marks it reviewed.
    press(view, Qt.Key.Key_1)
    assert session.item_ticks(first.id) == {cats[0].id}
    assert session.item(first.id).reviewed
    assert counts(session)[cats[0].name] == 1
    assert session.tally().reviewed == 1

    # → moves on; 2 and 3 tick two categories on the second item.
    press(view, Qt.Key.Key_Right, Qt.Key.Key_2, Qt.Key.Key_3)
    assert session.position == 1
    assert session.item_ticks(second.id) == {cats[1].id, cats[2].id}
    # ← and J/K move back and forth without touching the ticks.
    press(view, Qt.Key.Key_Left)
    assert session.position == 0
    press(view, Qt.Key.Key_J)
    assert session.position == 1
    press(view, Qt.Key.Key_K, Qt.Key.Key_J)
    assert session.position == 1

    # C opens the comment box; digits and letters type; Enter saves and gives the keys back.
    press(view, Qt.Key.Key_C)
    assert view.comment_box.hasFocus()
    QTest.keyClicks(view.comment_box, "rainy day 2 jk")
    press(view.comment_box, Qt.Key.Key_Return)
    assert session.item(second.id).comment == "rainy day 2 jk"
    assert session.position == 1
    assert session.item_ticks(second.id) == {cats[1].id, cats[2].id}
    assert view.hasFocus()

    # Undo takes back the comment, then the last tick; redo puts the tick back.
    press(view, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert session.item(second.id).comment == ""
    press(view, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert session.item_ticks(second.id) == {cats[1].id}
    assert counts(session)[cats[2].name] == 0
    press(view, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                 | Qt.KeyboardModifier.ShiftModifier))
    assert session.item_ticks(second.id) == {cats[1].id, cats[2].id}
    assert counts(session)[cats[2].name] == 1
    press(view, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    press(view, (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier))
    assert counts(session)[cats[2].name] == 1

    # The "Instagram filter" moment: Ctrl+N, type a name, Enter; it is ticked here.
    def fill_dialog(dialog: AddCategoryDialog) -> None:
        QTest.keyClicks(dialog.name, "Instagram filter")
        QTest.keyClick(dialog.name, Qt.Key.Key_Return)

    when_dialog(AddCategoryDialog, fill_dialog)
    press(view, (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier))
    reactivate(qtbot, window)
    instagram = session.category_by_name("Instagram filter")
    assert instagram is not None and instagram.shortcut == "6"
    assert session.is_ticked(second.id, instagram.id)
    assert counts(session)["Instagram filter"] == 1
    # Its new key works on the next item at once.
    press(view, Qt.Key.Key_Right, Qt.Key.Key_6)
    third = session.item_at(2)
    assert session.is_ticked(third.id, instagram.id)
    assert counts(session)["Instagram filter"] == 2
    # Adding and ticking was one undo step.
    undo_count = window.undo_stack.count()
    assert "Instagram filter" in window.undo_stack.text(undo_count - 2)

    # The tally panel shows the counts the session has.
    tally = session.tally()
    assert tally.reviewed == 3
    for name, count in counts(session).items():
        qtbot.waitUntil(lambda n=name, c=count: _panel_shows(window.tally_panel, n, c))

    # The status bar keeps score; the title names the session.
    assert window.progress_label.text() == "3 / 62 reviewed"
    assert "demo.easession" in window.windowTitle()


def test_reopening_lands_on_the_same_item_and_view(qtbot):
    session = open_demo_session(reset=True)
    path = session.path
    window = open_window(qtbot, session)
    view = window.review_view
    press(view, Qt.Key.Key_End, Qt.Key.Key_Left, Qt.Key.Key_Left)
    assert session.position == 59
    press(view, Qt.Key.Key_F, Qt.Key.Key_Plus)
    window.close()

    again = ReviewSession.open(path)
    window = open_window(qtbot, again)
    assert window.review_view.current_item().position == 59
    assert window.current_view() == "review"
    press(window.review_view, (Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier))
    assert window.current_view() == "spreadsheet"
    window.close()

    third = ReviewSession.open(path)
    window = open_window(qtbot, third)
    assert window.current_view() == "spreadsheet"
    assert window.review_view.current_item().position == 59
    window.close()


def test_moving_never_reviews_enter_s_and_u_set_the_state(qtbot, demo_window):
    """→ only looks; Enter says "done, nothing (more) applies"; S skips; U unreviews."""
    session = demo_window.session
    view = demo_window.review_view
    first, second, third = (session.item_at(i) for i in range(3))
    press(view, Qt.Key.Key_Right, Qt.Key.Key_J, Qt.Key.Key_Right, Qt.Key.Key_Left)
    assert session.position == 2
    assert session.tally().reviewed == 0  # looking ahead reviews nothing
    assert demo_window.undo_stack.count() == 0
    press(view, Qt.Key.Key_Home, Qt.Key.Key_Return)
    assert session.item(first.id).reviewed and session.item_ticks(first.id) == set()
    assert session.position == 1  # Enter moves on
    press(view, Qt.Key.Key_Space)
    assert session.item(second.id).reviewed and session.position == 2
    press(view, Qt.Key.Key_S)
    assert session.item(third.id).skipped and session.position == 3
    tally = session.tally()
    assert (tally.reviewed, tally.skipped) == (2, 1)
    assert all(row.share == 0 for row in tally.table.itertuples())
    qtbot.waitUntil(lambda: "1 skipped" in demo_window.tally_panel.reviewed_label.text())
    assert demo_window.progress_label.text() == "2 / 62 reviewed · 1 skipped"
    # U returns the skipped item to unreviewed; every state change is undoable.
    press(view, Qt.Key.Key_Left, Qt.Key.Key_U)
    assert session.item(third.id).state == 0
    press(view, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert session.item(third.id).skipped
    press(view, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert session.item(third.id).state == 0
    # A tick on a skipped item reviews it after all.
    press(view, Qt.Key.Key_S, Qt.Key.Key_Left, Qt.Key.Key_1)
    assert session.item(third.id).reviewed


def test_next_unreviewed_skips_reviewed_and_skipped_items(qtbot, demo_window):
    session = demo_window.session
    view = demo_window.review_view
    press(view, Qt.Key.Key_Return, Qt.Key.Key_S, Qt.Key.Key_1)  # 0 done, 1 skipped, 2 ticked
    assert session.position == 2
    press(view, Qt.Key.Key_End)
    assert session.position == 61
    press(view, Qt.Key.Key_N)  # wraps round past 0, 1 and 2
    assert session.position == 3
    press(view, Qt.Key.Key_Home, Qt.Key.Key_U, Qt.Key.Key_End, Qt.Key.Key_N)
    assert session.position == 0  # unreviewed again, so N finds it


def test_category_added_mid_review_and_its_revisit_pass(qtbot, demo_window):
    """A category added at item 11 is not assessed on items 1-10; the revisit pass asks."""
    window = demo_window
    session = window.session
    view = window.review_view
    for _ in range(10):
        press(view, Qt.Key.Key_Return)
    assert session.position == 10 and session.tally().reviewed == 10

    def fill_dialog(dialog: AddCategoryDialog) -> None:
        QTest.keyClicks(dialog.name, "Instagram filter")
        QTest.keyClick(dialog.name, Qt.Key.Key_Return)

    when_dialog(AddCategoryDialog, fill_dialog)
    press(view, (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier))
    reactivate(qtbot, window)
    insta = session.category_by_name("Instagram filter")
    row = session.tally().table.set_index("name").loc["Instagram filter"]
    # Ticked on item 11 on creation: 1 of 1 assessed, not 1 of 11.
    assert (row["count"], row["assessed"]) == (1, 1)
    qtbot.waitUntil(lambda: _panel_shows(window.tally_panel, "Instagram filter", 1))
    assert view.revisit_bar.isVisible() and "10 items" in view.revisit_text.text()

    # The pass: only items 1-10; its key says yes, Enter says no.
    press(view, (Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier))
    assert view.revisit_category == insta.id and session.position == 0
    press(view, Qt.Key.Key_6)  # yes on item 1
    assert session.is_ticked(session.item_at(0).id, insta.id) and session.position == 1
    press(view, Qt.Key.Key_Return)  # no on item 2
    assert not session.is_ticked(session.item_at(1).id, insta.id) and session.position == 2
    row = session.tally().table.set_index("name").loc["Instagram filter"]
    assert (row["count"], row["assessed"]) == (2, 3)
    for _ in range(8):
        press(view, Qt.Key.Key_Return)
    assert view.revisit_category is None and not view.revisit_bar.isVisible()
    row = session.tally().table.set_index("name").loc["Instagram filter"]
    assert (row["count"], row["assessed"]) == (2, 11)  # its n is the others' now
    assert session.tally().table["assessed"].eq(11).all()
    # Each answer is one undo step.
    press(view, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert session.unassessed_items(insta.id) == [session.item_at(9).id]


def test_comment_box_keeps_its_keys_and_esc_leaves(qtbot, demo_window):
    session = demo_window.session
    view = demo_window.review_view
    item = view.current_item()
    press(view, Qt.Key.Key_C)
    assert view.comment_box.hasFocus()
    QTest.keyClicks(view.comment_box, "1 n u")
    press(view.comment_box, Qt.Key.Key_Left, Qt.Key.Key_Home, Qt.Key.Key_End)
    assert session.item_ticks(item.id) == set()
    assert session.position == 0
    press(view.comment_box, Qt.Key.Key_Escape)
    assert view.hasFocus()
    assert session.item(item.id).comment == "1 n u"
    # Shift+Enter makes a new line, Enter saves.
    press(view, Qt.Key.Key_C)
    QTest.keyClick(view.comment_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClicks(view.comment_box, "lion")
    press(view.comment_box, Qt.Key.Key_Return)
    assert session.item(item.id).comment == "1 n u\nlion"
    # Typing then moving away (a click elsewhere) saves to the item typed on.
    press(view, Qt.Key.Key_C)
    view.comment_box.setPlainText("zoo")
    view.next()
    assert session.item(item.id).comment == "zoo"
    assert session.position == 1
    assert view.comment_box.toPlainText() == ""


def test_auto_advance_is_stored_in_the_session(qtbot, demo_window):
    session = demo_window.session
    view = demo_window.review_view
    view.auto_advance_action.setChecked(True)
    assert session.meta("gui.auto_advance") == "1"
    press(view, Qt.Key.Key_2)
    assert session.position == 1
    assert session.is_ticked(session.item_at(0).id, session.categories()[1].id)
    press(view, Qt.Key.Key_2)
    press(view, Qt.Key.Key_Left, Qt.Key.Key_2)  # unticking does not move
    assert session.position == 1


def test_zoom_keys_do_not_clash_with_categories(qtbot, demo_window):
    view = demo_window.review_view
    canvas = view.canvas
    qtbot.waitUntil(lambda: canvas.showing_image)
    assert canvas.is_fit
    fit_zoom = canvas.zoom()
    press(view, Qt.Key.Key_Plus)
    assert not canvas.is_fit and canvas.zoom() == pytest.approx(fit_zoom * 1.25)
    press(view, Qt.Key.Key_Minus, Qt.Key.Key_Minus)
    assert canvas.zoom() == pytest.approx(fit_zoom / 1.25)
    press(view, (Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier))
    assert canvas.zoom() == pytest.approx(1.0 / canvas.devicePixelRatioF())
    press(view, Qt.Key.Key_F)
    assert canvas.is_fit
    assert demo_window.session.item_ticks(view.current_item().id) == set()


def test_category_editor_edits_through_undo(qtbot, demo_window, monkeypatch):
    warnings: list[str] = []

    def fake_warning(parent, title, text, *args, **kwargs):
        warnings.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", fake_warning)
    window = demo_window
    session = window.session
    view = window.review_view
    press(view, Qt.Key.Key_3, Qt.Key.Key_Right, Qt.Key.Key_3)
    blurry = session.categories()[2]
    editor = CategoryEditor(session, window.signals, window.undo_stack, window)
    qtbot.addWidget(editor)
    editor.select(blurry.id)
    assert editor.rename("模糊 (blurry)")
    assert session.category(blurry.id).name == "模糊 (blurry)"
    assert view._rows[blurry.id].name_label.text() == "模糊 (blurry)"
    assert editor.set_color("#123456")
    assert session.category(blurry.id).color == "#123456"
    assert editor.set_kind("label_error")
    assert session.category(blurry.id).kind == "label_error"
    # A key the review uses, or one another category has, is refused with a message.
    assert not editor.set_shortcut("j")
    assert not editor.set_shortcut("1")
    assert len(warnings) == 2 and "already" in warnings[1]
    assert editor.set_shortcut("b")
    press(view, Qt.Key.Key_B)  # the new key unticks it on this item
    assert not session.is_ticked(view.current_item().id, blurry.id)
    press(view, Qt.Key.Key_B)
    # Reorder: up moves it above the second category.
    editor.move_selected(-1)
    assert [c.id for c in session.categories()].index(blurry.id) == 1
    # Delete takes the ticks; one undo brings both back.
    assert len(session.items_with(blurry.id)) == 2
    assert editor.delete_selected(confirm=False)
    assert session.category_by_name("模糊 (blurry)") is None
    assert "模糊 (blurry)" not in counts(session)
    window.undo()
    assert session.category(blurry.id).name == "模糊 (blurry)"
    assert len(session.items_with(blurry.id)) == 2
    assert counts(session)["模糊 (blurry)"] == 2
    # Every edit above was one undo step; undoing them all restores the start.
    while window.undo_stack.canUndo():
        window.undo()
    assert session.category(blurry.id) == blurry
    assert session.items_with(blurry.id) == []
    editor.close()


def test_delete_warning_says_how_many_ticks_go_and_that_undo_helps(qtbot, demo_window,
                                                                   monkeypatch):
    shown: list[str] = []

    def fake_warning(parent, title, text, *args, **kwargs):
        shown.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", fake_warning)
    window = demo_window
    press(window.review_view, Qt.Key.Key_1, Qt.Key.Key_Right, Qt.Key.Key_1)
    editor = CategoryEditor(window.session, window.signals, window.undo_stack, window)
    qtbot.addWidget(editor)
    editor.select(window.session.categories()[0].id)
    assert not editor.delete_selected()
    assert "2 items" in shown[0] and "Undo" in shown[0]
    assert len(window.session.categories()) == 5


def test_tally_click_filters_the_review(qtbot, demo_window):
    window = demo_window
    session = window.session
    view = window.review_view
    press(view, Qt.Key.Key_Right, Qt.Key.Key_4, Qt.Key.Key_Right, Qt.Key.Key_Right,
          Qt.Key.Key_4)
    cut_off = session.categories()[3]
    press(view, Qt.Key.Key_Home)
    window.filter_by_category(cut_off.id)
    assert session.position == 1
    press(view, Qt.Key.Key_Right)
    assert session.position == 3
    press(view, Qt.Key.Key_Right)  # the last of the category: stays
    assert session.position == 3
    press(view, Qt.Key.Key_Escape)
    assert view.category_filter is None
    press(view, Qt.Key.Key_Right)
    assert session.position == 4


def test_missing_image_shows_the_reason_and_the_review_goes_on(qtbot, tmp_path):
    images = tmp_path / "images"
    images.mkdir()
    demo_image = Path(open_demo_session().resolve_image("images/0000.png"))
    (images / "ok.png").write_bytes(demo_image.read_bytes())
    (images / "broken.png").write_bytes(b"not a png at all")
    frame = pd.DataFrame({
        "image": ["images/missing.png", "images/broken.png", "images/ok.png", "images/ok.png"],
        "label": ["cat", "cat", "dog", "dog"],
        "prediction": ["dog", "dog", "cat", "dog"],
    })
    frame["id"] = ["a", "b", "c", "d"]
    csv = tmp_path / "preds.csv"
    frame.to_csv(csv, index=False)
    controller = AppController(QApplication.instance())
    assert controller.open_source(csv, options=SourceOptions(), ask=False)
    window = controller.window
    qtbot.waitExposed(window)
    view = window.review_view
    messages: list[str] = []
    view.status_message.connect(messages.append)
    qtbot.waitUntil(lambda: view.canvas._is_placeholder and view.canvas._decoded_width > 0)
    assert not view.canvas.showing_image
    view.next()
    qtbot.waitUntil(lambda: any("Cannot show" in m for m in messages))
    view.next()
    qtbot.waitUntil(lambda: view.canvas.showing_image)
    window.activateWindow()
    view.setFocus()
    press(view, Qt.Key.Key_1)
    assert window.session.tally().table["count"].iloc[0] == 1
    window.close()


def test_opening_a_predictions_file_twice_resumes(qtbot, tmp_path):
    frame = pd.DataFrame({"image": ["a.png", "b.png", "c.png"], "label": ["1", "2", "3"],
                          "prediction": ["7", "2", "8"]})
    csv = tmp_path / "preds.csv"
    frame.to_csv(csv, index=False)
    controller = AppController(QApplication.instance())
    assert controller.open_source(csv, options=SourceOptions(), ask=False)
    first = controller.window
    assert first.session.item_count() == 2
    first.review_view.next()
    path = first.session.path
    assert path == tmp_path / "preds.easession"
    first.close()
    assert controller.open_source(csv, ask=False)
    assert controller.window.session.position == 1
    assert [r.path for r in recent_sessions()] == [path.resolve()]
    controller.window.close()


def test_shortcuts_dialog_lists_every_key(qtbot, demo_window):
    window = demo_window
    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    for category in window.session.categories():
        assert category.name in text
    for key in ("Right", "Left", "J", "K", "N", "U", "Home", "End", "F", "Ctrl+0",
                "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+N", "Ctrl+1", "Ctrl+2", "Esc", "Shift+Enter"):
        assert key in text, key
    dialog.close()


def test_smoke_test_returns_zero(capsys):
    assert smoke_test() == 0
    assert "smoke test passed" in capsys.readouterr().out


def test_review_keys_stay_out_of_the_spreadsheet(qtbot, demo_window):
    window = demo_window
    session = window.session
    press(window.review_view, (Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier))
    assert window.current_view() == "spreadsheet"
    table = window.spreadsheet_view.table
    qtbot.waitUntil(table.hasFocus)
    press(table, Qt.Key.Key_Right, Qt.Key.Key_End, Qt.Key.Key_N, Qt.Key.Key_U)
    assert session.position == 0
    assert session.tally().reviewed == 0
    press(table, (Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier))
    assert window.current_view() == "review"
    qtbot.waitUntil(window.review_view.hasFocus)
    press(window.review_view, Qt.Key.Key_Right)
    assert session.position == 1


def test_question_mark_opens_the_shortcuts(qtbot, demo_window):
    from erroranalysis.gui.main_window import ShortcutsDialog

    QTest.keyClick(demo_window.review_view, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: any(isinstance(w, ShortcutsDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ShortcutsDialog):
            widget.close()


def test_undo_brings_the_changed_item_back_into_view(qtbot, demo_window):
    session = demo_window.session
    view = demo_window.review_view
    press(view, Qt.Key.Key_4, Qt.Key.Key_Right, Qt.Key.Key_Right)
    assert session.position == 2
    press(view, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert session.position == 0
    assert session.item_ticks(session.item_at(0).id) == set()
    assert "Undid" in demo_window.statusBar().currentMessage()


def test_opening_a_folder_asks_for_the_dev_size_then_reviews_it(qtbot, tmp_path):
    from erroranalysis.gui.start_screen import NewSessionDialog

    folder = tmp_path / "errors"
    folder.mkdir()
    demo = open_demo_session()
    for name in ("0003.png", "0005.png", "0007.png"):
        (folder / name).write_bytes(demo.resolve_image(f"images/{name}").read_bytes())
    demo.close()

    def choose(dialog: NewSessionDialog) -> None:
        dialog.categories.setText("blurry, 中文 类别, incorrect label")
        dialog.dev_error_choice.setChecked(True)
        dialog.dev_error.setValue(5.0)
        dialog._accept()

    controller = AppController(QApplication.instance())
    controller.show_start()
    when_dialog(NewSessionDialog, choose)
    assert controller.open_source(folder)
    session = controller.window.session
    assert session.path == tmp_path / "errors.easession"
    assert session.item_count() == 3
    assert session.dev_size == 60  # 3 errors at a 5% error rate
    assert [c.name for c in session.categories()] == ["blurry", "中文 类别", "incorrect label"]
    assert session.categories()[2].kind == "label_error"
    assert not controller.start.isVisible()
    # File ▸ Close goes back to the start screen, which now lists the session.
    controller.window.close_session()
    assert controller.start.isVisible()
    assert controller.start.recent_list.count() == 1
    controller.start.close()


def test_double_click_in_the_spreadsheet_opens_the_item_here(qtbot, demo_window):
    window = demo_window
    window.set_view("spreadsheet")
    item = window.session.item_at(17)
    window.spreadsheet_view.open_item.emit(item.id)
    assert window.current_view() == "review"
    assert window.review_view.current_item().id == item.id
    assert window.review_view.key_label.text() == item.key


def test_exports_from_the_file_menu(qtbot, demo_window, tmp_path):
    window = demo_window
    press(window.review_view, Qt.Key.Key_1, Qt.Key.Key_Right, Qt.Key.Key_2)
    window.export_review_spreadsheet(tmp_path / "review.csv")
    window.export_tally_table(tmp_path / "tally.csv")
    window.export_chart(tmp_path / "chart.png")
    review = pd.read_csv(tmp_path / "review.csv")
    assert len(review) == 62
    tally = pd.read_csv(tmp_path / "tally.csv")
    assert window.session.categories()[0].name in set(tally.iloc[:, 0])
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Saved the chart" in window.statusBar().currentMessage()


def test_title_names_the_session_and_reviewer(qtbot, demo_window):
    window = demo_window
    assert window.windowTitle() == "demo.easession — erroranalysis"
    window.session.set_reviewer("Ana")
    assert window.windowTitle() == "demo.easession — reviewer: Ana — erroranalysis"


def test_facts_of_any_length_show_whole_as_the_reviewer_moves(qtbot, tmp_path):
    """The header and the facts are laid out inside their own boundaries (so an arrow key
    repaints only them); a long label must still wrap to its full height, a short one
    give the room back, and the detail rows follow each item's metadata."""
    long_label = "a very long true label " * 40
    frame = pd.DataFrame({
        "id": ["short", "long", "other"],
        "image": ["a.png", "b.png", "c.png"],
        "label": ["cat", long_label.strip(), "dog"],
        "prediction": ["dog", "cat", "cat"],
        "camera": ["phone", "dslr", "phone"],
    })
    csv = tmp_path / "preds.csv"
    frame.to_csv(csv, index=False)
    controller = AppController(QApplication.instance())
    assert controller.open_source(csv, options=SourceOptions(), ask=False)
    window = controller.window
    qtbot.waitExposed(window)
    view = window.review_view
    reactivate(qtbot, window)

    def label_fits() -> bool:
        value = view.label_value
        return value.height() >= value.heightForWidth(value.width()) > 0

    qtbot.waitUntil(label_fits)
    short_height = view.label_value.height()
    press(view, Qt.Key.Key_Right)
    assert view.key_label.text() == "long"
    qtbot.waitUntil(lambda: view.label_value.height() > 2 * short_height)
    qtbot.waitUntil(label_fits)
    assert view.position_label.text() == "2 / 3"
    fields = {name: field.text() for name, field in view._detail_fields}
    assert fields["camera"] == "dslr"
    press(view, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: view.label_value.height() == short_height)
    assert dict((n, f.text()) for n, f in view._detail_fields)["camera"] == "phone"
    window.close()


def test_a_move_asks_for_the_neighbours_just_after_it_is_shown(qtbot, demo_window):
    """The neighbours are queued after the move (not inside the key's handler, where
    waking a decoder costs the key its GIL), and still fetched by the next key."""
    from erroranalysis.gui.review.review_view import PREFETCH_DELAY_MS

    view = demo_window.review_view
    loader = demo_window.image_loader
    qtbot.waitUntil(lambda: view.canvas.showing_image)
    asked: list[list[str]] = []
    original = loader.prefetch
    loader.prefetch = lambda paths, box: (asked.append(list(paths)), original(paths, box))[1]
    press(view, Qt.Key.Key_Right)
    assert asked == []  # not in the handler
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=2000)
    session = demo_window.session
    here = session.position
    expected = [str(session.resolve_image(session.item_at(p).image))
                for p in (here + 1, here + 2, here + 3, here - 1)]
    assert asked[0][:4] == expected
    # A burst of keys (a held arrow) asks after it, for where it stopped.
    asked.clear()
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert asked == []
    qtbot.waitUntil(lambda: len(asked) >= 1, timeout=2000)
    qtbot.wait(PREFETCH_DELAY_MS * 20 + 50)
    assert asked[-1][0] == str(session.resolve_image(session.item_at(session.position + 1).image))


def test_the_window_sets_its_objects_aside_from_the_collector_and_gives_them_back(qtbot):
    import gc

    from erroranalysis.gui.main_window import GC_SETTLE_MS

    gc.unfreeze()
    window = open_window(qtbot, open_demo_session(reset=True))
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=GC_SETTLE_MS + 3000)
    window.close()
    assert gc.get_freeze_count() == 0
