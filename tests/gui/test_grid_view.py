"""The grid view (issue 14): bulk ticks in one undo step, suggestions, thumbnails on disk."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image
from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtTest import QTest

from erroranalysis.core.categories import Category
from erroranalysis.core.session import REVIEWED, ReviewSession
from erroranalysis.gui.grid.grid_view import GridView
from erroranalysis.gui.image_loader import ImageLoader
from erroranalysis.gui.spreadsheet.item_table_model import ItemTableModel
from erroranalysis.gui.spreadsheet.spreadsheet_view import ItemFilterProxy
from erroranalysis.gui.suggestions import LABEL_ISSUE, SHARPNESS, SuggestionState
from erroranalysis.gui.thumbnail_cache import ThumbnailStore, thumbnail_folder

COUNT = 12


def make_session(folder: Path) -> ReviewSession:
    images = folder / "images"
    images.mkdir()
    rng = np.random.default_rng(5)
    for i in range(COUNT):
        pixels = rng.integers(0, 255, (48, 64, 3), dtype=np.uint8)
        Image.fromarray(pixels).save(images / f"{i:02d}.png")
    frame = pd.DataFrame(
        {
            "key": [f"k{i}" for i in range(COUNT)],
            "image": [f"images/{i:02d}.png" for i in range(COUNT)],
            "label": [str(i % 3) for i in range(COUNT)],
            "prediction": [str((i + 1) % 3) for i in range(COUNT)],
            "score": np.linspace(0.5, 0.95, COUNT),
            "split": "dev",
        }
    )
    return ReviewSession.create(
        folder / "s.easession",
        frame,
        [Category("blurry", shortcut="1"), Category("dark", shortcut="2")],
        dev_size=100,
        dev_errors=COUNT,
        base_dir=folder,
    )


@pytest.fixture
def session(tmp_path):
    s = make_session(tmp_path)
    yield s
    s.close()


def new_grid(qtbot, session, signals, undo, *, show: bool = True) -> GridView:
    model = ItemTableModel(session, signals, undo)
    proxy = ItemFilterProxy(model)
    suggestions = SuggestionState(session, signals)
    view = GridView(session, signals, undo, proxy, suggestions)
    view._keep = (model, proxy, suggestions)  # owned by the test, like the window owns them
    qtbot.addWidget(view)
    view.resize(900, 600)
    if show:
        view.show()
        qtbot.waitExposed(view)
    return view


@pytest.fixture
def grid(qtbot, parts):
    view = new_grid(qtbot, *parts)
    yield view
    view.shutdown()


def select_rows(view: GridView, rows: list[int]) -> None:
    selection = view.list.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(view.index_of_row(row), QItemSelectionModel.SelectionFlag.Select)
    view.list.setFocus()


def blurry(session: ReviewSession) -> int:
    return next(c.id for c in session.categories() if c.name == "blurry")


def tally_ticked(session: ReviewSession, name: str) -> int:
    table = session.tally().table
    return int(table.loc[table["name"] == name, "count"].iloc[0])


def test_a_key_ticks_every_selected_item_in_one_undo_step(qtbot, grid, parts):
    session, _signals, undo = parts
    ids = grid.model.item_ids()
    select_rows(grid, [0, 2, 5, 7])
    QTest.keyClick(grid.list, Qt.Key.Key_1)
    chosen = {ids[0], ids[2], ids[5], ids[7]}
    assert set(session.items_with(blurry(session))) == chosen
    assert undo.count() == 1
    assert all(session.item(i).state == REVIEWED for i in chosen)
    undo.undo()
    assert session.items_with(blurry(session)) == []
    assert all(session.item(i).state != REVIEWED for i in chosen)
    undo.redo()
    assert set(session.items_with(blurry(session))) == chosen
    # The key again on a selection that has it everywhere unticks it, one more step.
    QTest.keyClick(grid.list, Qt.Key.Key_1)
    assert session.items_with(blurry(session)) == []
    assert undo.count() == 2


def test_ctrl_a_selects_everything_and_one_key_ticks_it(qtbot, grid, parts):
    session, _signals, undo = parts
    grid.list.setFocus()
    QTest.keyClick(grid.list, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(grid.selected_item_ids()) == COUNT
    assert grid.selection_label.text().startswith(f"{COUNT} selected")
    QTest.keyClick(grid.list, Qt.Key.Key_2)
    dark = next(c.id for c in session.categories() if c.name == "dark")
    assert len(session.items_with(dark)) == COUNT
    assert undo.count() == 1
    assert tally_ticked(session, "dark") == COUNT


def link_sharpness(session: ReviewSession, suggestions: SuggestionState) -> list[int]:
    """Scores that make the first three items (review order) the blurriest 25%."""
    ids = [int(i) for i in session.item_id_array()]
    session.set_item_features(SHARPNESS, {i: float(10 + n) for n, i in enumerate(ids)})
    suggestions.set_link(SHARPNESS, blurry(session), 75)
    return ids


def test_suggested_chip_is_not_a_tick_and_the_tally_ignores_it(qtbot, grid, parts):
    session, _signals, _undo = parts
    ids = link_sharpness(session, grid.suggestions)
    pending = [i for i in ids if grid.suggestions.is_suggested(i, blurry(session))]
    assert pending == ids[:3]
    assert grid.delegate._pending(ids[0]) == (blurry(session),)
    assert session.items_with(blurry(session)) == []
    assert tally_ticked(session, "blurry") == 0
    assert grid.suggestions.precision(blurry(session)).decided == 0
    grid.list.viewport().grab()  # paints the dashed chips without error


def test_key_confirms_and_shift_key_rejects_suggestions(qtbot, grid, parts):
    session, _signals, undo = parts
    ids = link_sharpness(session, grid.suggestions)
    category = blurry(session)
    # Confirm on item 0 (suggested): ticked and recorded as accepted, one step.
    select_rows(grid, [0])
    QTest.keyClick(grid.list, Qt.Key.Key_1)
    assert session.items_with(category) == [ids[0]]
    assert session.suggestion_decisions(category) == {ids[0]: True}
    assert undo.count() == 1
    # Reject on items 1 and 2 with Shift+1: recorded, never ticked, never counted.
    select_rows(grid, [1, 2])
    QTest.keyClick(grid.list, Qt.Key.Key_1, Qt.KeyboardModifier.ShiftModifier)
    assert session.suggestion_decisions(category) == {ids[0]: True, ids[1]: False, ids[2]: False}
    assert session.items_with(category) == [ids[0]]
    assert tally_ticked(session, "blurry") == 1
    assert undo.count() == 2
    precision = grid.suggestions.precision(category)
    assert (precision.accepted, precision.decided) == (1, 3)
    assert not grid.suggestions.is_suggested(ids[1], category)
    # Undo puts the rejections back to undecided, then the confirmation too.
    undo.undo()
    assert session.suggestion_decisions(category) == {ids[0]: True}
    assert grid.suggestions.is_suggested(ids[1], category)
    undo.undo()
    assert session.suggestion_decisions(category) == {}
    assert session.items_with(category) == []


def test_label_issue_link_suggests_flagged_items(qtbot, grid, parts):
    session, _signals, _undo = parts
    ids = [int(i) for i in session.item_id_array()]
    session.set_item_features(LABEL_ISSUE, {i: float(n == 4) for n, i in enumerate(ids)})
    grid.suggestions.set_link(LABEL_ISSUE, blurry(session))
    assert grid.suggestions.suggested_items(blurry(session)) == frozenset({ids[4]})


def test_sort_by_confusion_pair_and_by_suggestion_score(qtbot, grid, parts):
    session, _signals, _undo = parts
    ids = link_sharpness(session, grid.suggestions)
    grid.sort_by("feature:sharpness", True)
    assert grid.model.item_ids() == ids[::-1]
    grid.sort_by("confusion")
    pairs = [(session.item(i).label, session.item(i).prediction) for i in grid.model.item_ids()]
    assert pairs == sorted(pairs)
    grid.sort_by("position")
    assert grid.model.item_ids() == ids


def test_size_keys_and_visible_cells(qtbot, grid):
    start = grid.side
    grid.list.setFocus()
    QTest.keyClick(grid.list, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert grid.side > start
    QTest.keyClick(grid.list, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert grid.side == start
    grid.set_side(10)
    assert grid.side == 40
    grid.set_side(1000)
    assert grid.side == 200


def test_enter_opens_the_current_item(qtbot, grid):
    opened = []
    grid.open_item.connect(opened.append)
    assert grid.select_item(grid.model.item_ids()[3])
    QTest.keyClick(grid.list, Qt.Key.Key_Return)
    assert opened == [grid.model.item_ids()[3]]


def test_thumbnails_come_from_the_disk_cache_beside_the_session(qtbot, grid, parts):
    session, _signals, _undo = parts
    store = grid.loader.thumbnail_store
    assert store.folder == thumbnail_folder(session.path, session.session_id)
    assert store.folder.name == "s.easession.thumbs"
    grid.list.viewport().grab()
    qtbot.waitUntil(lambda: store.misses >= COUNT, timeout=10000)
    qtbot.waitUntil(lambda: not grid._waiting, timeout=10000)
    assert len(list(store.folder.glob("*/*.thumb"))) == COUNT


def test_the_grid_paints_without_checking_a_file_and_finds_images_beside_the_session(
    qtbot, tmp_path, monkeypatch
):
    """Painting a screen of cells touches no file (on a network drive each check can
    take milliseconds, on the GUI thread); the decoder thread finds each image, here
    beside the session file because the recorded images folder is gone."""
    from PySide6.QtGui import QUndoStack

    from erroranalysis.gui.session_signals import SessionSignals

    (tmp_path / "moved").mkdir()
    session = make_session(tmp_path / "moved")
    session.set_meta("base_dir", str(tmp_path / "gone"))
    signals, undo = SessionSignals(session), QUndoStack()
    view = new_grid(qtbot, session, signals, undo, show=False)
    model = view.model
    checks: list[str] = []  # file checks made on the GUI thread
    gui_thread = threading.get_ident()
    real_stat = os.stat

    def counted_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if threading.get_ident() == gui_thread:
            checks.append(str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", counted_stat)  # Path.exists and os.path.exists use it
    view.show()
    qtbot.waitExposed(view)
    view.list.viewport().grab()
    assert not checks  # the paint asked the disk nothing
    monkeypatch.undo()
    qtbot.waitUntil(lambda: not view._waiting, timeout=10000)
    assert len(view.thumbnails) == COUNT
    assert all(view.loader.failure(files[0]) is None for files in
               (model.row_data(row).thumbnail_files for row in range(COUNT)))
    view.shutdown()
    signals.detach()
    session.close()


def write_images(folder: Path, count: int) -> list[str]:
    folder.mkdir(exist_ok=True)
    rng = np.random.default_rng(1)
    paths = []
    for i in range(count):
        path = folder / f"{i:03d}.jpg"
        Image.fromarray(rng.integers(0, 255, (120, 160, 3), dtype=np.uint8)).save(path)
        paths.append(str(path))
    return paths


def test_thumbnail_store_rebuilds_when_deleted(tmp_path):
    paths = write_images(tmp_path / "img", 3)
    store = ThumbnailStore(tmp_path / "cache")
    first = store.decode(paths[0], (64, 64))
    assert first.image is not None and first.original_size == (160, 120)
    assert (store.hits, store.misses) == (0, 1)
    again = store.decode(paths[0], (64, 64))
    assert store.hits == 1
    assert again.original_size == (160, 120) and again.image.size == first.image.size
    import shutil

    shutil.rmtree(tmp_path / "cache")
    rebuilt = store.decode(paths[0], (64, 64))
    assert rebuilt.image is not None and store.misses == 2
    assert len(list((tmp_path / "cache").glob("*/*.thumb"))) == 1
    # A changed image file is a new key: never a stale thumbnail.
    Image.new("RGB", (30, 20), "red").save(paths[0])
    assert store.decode(paths[0], (64, 64)).original_size == (30, 20)


def test_thumbnail_store_is_bounded_least_recently_used_first(tmp_path):
    paths = write_images(tmp_path / "img", 12)
    probe = ThumbnailStore(tmp_path / "probe")
    probe.decode(paths[0], (64, 64))
    one = probe.used_bytes
    budget = one * 5
    store = ThumbnailStore(tmp_path / "cache", budget_bytes=budget)
    for n, path in enumerate(paths):
        store.decode(path, (64, 64))
        files = list((tmp_path / "cache").glob("*/*.thumb"))
        # Age the files in the order written, so "least recently used" is well defined.
        for file in files:
            os.utime(file, (file.stat().st_mtime - 1, file.stat().st_mtime - 1))
        assert store.used_bytes <= budget, n
    assert store.evicted > 0
    # Reading the oldest survivor makes it the most recently used: it outlives the next.
    survivors = sorted((tmp_path / "cache").glob("*/*.thumb"), key=lambda f: f.stat().st_mtime)
    kept = [p for p in paths if store._file(p, (64, 64)) in survivors]
    oldest = min(kept, key=lambda p: store._file(p, (64, 64)).stat().st_mtime)
    store.decode(oldest, (64, 64))
    hits = store.hits
    store.decode(paths[0], (64, 64))  # long evicted: decoded and written again
    assert store.hits == hits
    assert store._file(oldest, (64, 64)).exists()
    assert store.used_bytes <= budget


def test_loader_uses_the_store_off_the_gui_thread(qtbot, tmp_path):
    paths = write_images(tmp_path / "img", 2)
    loader = ImageLoader(thumbnail_cache_bytes=1)  # keeps nothing in memory
    loader.thumbnail_store = ThumbnailStore(tmp_path / "cache")
    try:
        with qtbot.waitSignal(loader.thumbnail_ready, timeout=10000):
            assert loader.thumbnail(paths[1], QSize(64, 64)) is None
        assert loader.thumbnail_store.misses == 1
        with qtbot.waitSignal(loader.thumbnail_ready, timeout=10000):
            assert loader.thumbnail(paths[1], QSize(64, 64)) is None
        assert loader.thumbnail_store.hits == 1
    finally:
        loader.shutdown()


# ------------------------------------------------------------ the whole window


@pytest.fixture
def window(qtbot, session):
    from tests.gui.gui_helpers import open_window

    win = open_window(qtbot, session)
    yield win
    win.close()


def test_ctrl_3_shows_the_grid_and_enter_opens_the_review(qtbot, window):
    from tests.gui.gui_helpers import press

    press(window.review_view, (Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier))
    assert window.current_view() == "grid"
    assert window.grid_view.list.hasFocus()
    target = window.grid_view.model.item_ids()[5]
    window.grid_view.select_item(target)
    press(window.grid_view.list, Qt.Key.Key_Return)
    assert window.current_view() == "review"
    assert window.review_view.current_item().id == target


def test_review_view_shows_confirms_and_rejects_suggestions(qtbot, window, session):
    from tests.gui.gui_helpers import press, reactivate

    ids = link_sharpness(session, window.suggestions)
    category = blurry(session)
    view = window.review_view
    view.go_to_item(ids[0])
    # The rows were made again (Shift+key is bound where a link is): shown on the next turn.
    qtbot.waitUntil(lambda: view._rows[category].suggested_label.isVisible())
    row = view._rows[category]
    assert not row.is_ticked()
    # Offscreen, making the category rows again (as adding a category does) leaves no
    # active window; a window manager would keep this one active.
    reactivate(qtbot, window)
    # Shift+1 rejects: recorded, not ticked, the chip goes, the tally does not move.
    press(view, (Qt.Key.Key_1, Qt.KeyboardModifier.ShiftModifier))
    assert session.suggestion_decisions(category) == {ids[0]: False}
    assert session.items_with(category) == []
    assert not view._rows[category].suggested_label.isVisibleTo(view)
    assert tally_ticked(session, "blurry") == 0
    # The key on the next suggested item confirms it.
    view.go_to_item(ids[1])
    press(view, Qt.Key.Key_1)
    assert session.suggestion_decisions(category) == {ids[0]: False, ids[1]: True}
    assert session.items_with(category) == [ids[1]]
    window.undo()
    assert session.suggestion_decisions(category) == {ids[0]: False}
    assert session.items_with(category) == []
    # The Analysis dock's precision: accepted / decided.
    window.redo()
    table = window.analysis_panel.slices.suggestions_table
    assert [table.item(0, c).text() for c in range(table.columnCount())][2:5] == ["3", "2", "1"]


def test_label_issues_unavailable_without_scores_says_why(qtbot, tmp_path):
    from erroranalysis.gui.session_signals import SessionSignals
    from erroranalysis.gui.suggestion_menu import SuggestionMenu
    from erroranalysis.gui.suggestions import SuggestionState, label_issue_features

    frame = pd.DataFrame(
        {
            "key": ["a", "b"],
            "image": ["a.png", "b.png"],
            "label": ["1", "2"],
            "prediction": ["2", "1"],
            "split": "dev",
            "score": [None, None],
        }
    )
    session = ReviewSession.create(
        tmp_path / "n.easession",
        frame,
        [Category("x")],
        dev_size=10,
        dev_errors=2,
        base_dir=tmp_path,
        predictions=frame,
    )
    try:
        reason = label_issue_features(session)
        assert reason and "\n" not in reason
        signals = SessionSignals(session)
        messages = []
        menu = SuggestionMenu(
            session, SuggestionState(session, signals), lambda text, _ms=0: messages.append(text)
        )
        assert menu.link_label_issues(session.categories()[0].id) == reason
        assert reason in messages[-1]
        signals.detach()
    finally:
        session.close()


def test_sharpness_is_scored_in_the_background_and_stored(qtbot, parts):
    from erroranalysis.core.sharpness import image_sharpness
    from erroranalysis.gui.suggestions import SharpnessScorer

    session, _signals, _undo = parts
    scorer = SharpnessScorer(session)
    try:
        with qtbot.waitSignal(scorer.finished, timeout=30000) as done:
            assert scorer.start() == COUNT
        assert done.args == [True]
        stored = session.item_features(SHARPNESS)
        assert len(stored) == COUNT
        first = int(session.item_id_array()[0])
        expected = image_sharpness(session.resolve_image(session.item(first).image)).value
        assert stored[first] == pytest.approx(expected)
        assert scorer.start() == 0  # everything is scored
    finally:
        scorer.shutdown()


def test_closing_stops_the_scorer(qtbot, parts):
    from erroranalysis.gui.suggestions import SharpnessScorer

    session, _signals, _undo = parts
    scorer = SharpnessScorer(session)
    scorer.start()
    scorer.shutdown()  # cancels and waits: nothing runs or is stored after this
    stored = len(session.item_features(SHARPNESS))
    qtbot.wait(100)
    assert len(session.item_features(SHARPNESS)) == stored  # nothing lands after the close
    assert not scorer._pool.activeThreadCount()


def test_selection_follows_its_items_through_a_sort_and_a_filter(qtbot, grid, parts):
    session, _signals, _undo = parts
    ids = grid.model.item_ids()
    select_rows(grid, [1, 4, 9])
    chosen = {ids[1], ids[4], ids[9]}
    grid.sort_by("score", True)
    assert set(grid.selected_item_ids()) == chosen
    assert grid.list.model().rowCount() == COUNT
    from erroranalysis.gui.spreadsheet.item_filter import ItemFilter

    grid.proxy.set_filter(ItemFilter(label="0"))
    shown = [i for i in ids if session.item(i).label == "0"]
    assert grid.list.model().rowCount() == len(shown) == grid.proxy.rowCount()
    assert set(grid.selected_item_ids()) == chosen & set(shown)
    assert grid.count_label.text().startswith(f"Showing {len(shown)} of {COUNT}")


def test_a_rubber_band_drag_selects_the_cells_it_covers(qtbot, grid):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    viewport = grid.list.viewport()
    first = grid.list.visualRect(grid.index_of_row(0)).center()
    third = grid.list.visualRect(grid.index_of_row(2)).center()
    assert third.x() > first.x() and third.y() == first.y()  # one row of cells
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, first)
    for step in range(1, 6):
        point = first + (third - first) * step / 5 + QPoint(0, 1)
        move = QMouseEvent(
            QMouseEvent.Type.MouseMove,
            point,
            viewport.mapToGlobal(point),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, move)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, third)
    ids = grid.model.item_ids()
    assert grid.selected_item_ids() == ids[:3]


def test_a_server_session_keeps_its_thumbnails_in_the_user_cache(isolated_user_data):
    folder = thumbnail_folder(None, "0123abcd")
    assert folder == isolated_user_data / "cache" / "thumbnails" / "0123abcd"
    assert thumbnail_folder(Path("/x/s.easession"), "id") == Path("/x/s.easession.thumbs")


def test_the_shortcuts_dialog_lists_the_grid_keys(qtbot, window):
    dialog = window.show_shortcuts()
    text = dialog.text.toPlainText()
    assert "Grid view" in text and "Ctrl+3" in text
    assert "Reject its suggestion on the selection" in text
    dialog.close()


# -- painting: composed cell pictures, the one-call paint, thumbnails asked after paints


def loaded_cell(qtbot, grid: GridView, row: int = 0):  # type: ignore[no-untyped-def]
    """Paint until the cell of ``row`` has its thumbnail and a composed picture."""
    item_id = grid.model.item_ids()[row]

    def ready() -> bool:
        grid.list.viewport().grab()
        return grid.delegate.cached_cell(item_id) is not None

    qtbot.waitUntil(ready, timeout=10000)
    return item_id, grid.delegate.cached_cell(item_id)


def chip_pixel(grid: GridView) -> tuple[int, int]:
    """Inside the first chip of a composed cell (its colour, away from the key's digit)."""
    from erroranalysis.gui.grid.grid_delegate import PADDING

    chip = grid.delegate._badge_side()
    return PADDING + 2 + 4, PADDING + grid.side - 1 - chip - 1 + 4


def test_a_tick_and_its_undo_redraw_the_cached_cell(qtbot, grid, parts):
    from PySide6.QtGui import QColor

    session, _signals, undo = parts
    item_id, before = loaded_cell(qtbot, grid)
    color = QColor(session.category(blurry(session)).color)
    x, y = chip_pixel(grid)
    assert QColor(before.pixel(x, y)) != color
    composed = grid.delegate.composed
    select_rows(grid, [0])
    QTest.keyClick(grid.list, Qt.Key.Key_1)
    grid.list.viewport().grab()
    ticked = grid.delegate.cached_cell(item_id)
    assert grid.delegate.composed > composed  # made again, not the stale picture
    assert QColor(ticked.pixel(x, y)) == color  # the filled chip
    assert ticked != before  # and the reviewed badge
    undo.undo()
    grid.list.viewport().grab()
    again = grid.delegate.cached_cell(item_id)
    assert QColor(again.pixel(x, y)) != color
    assert again == before  # pixel for pixel the cell it was


def test_an_unchanged_cell_is_not_composed_again(qtbot, grid):
    item_id, picture = loaded_cell(qtbot, grid)
    composed = grid.delegate.composed
    grid.list.viewport().grab()
    grid.list.viewport().grab()
    assert grid.delegate.composed == composed
    assert grid.delegate.cached_cell(item_id).cacheKey() == picture.cacheKey()


def test_a_suggestion_gives_the_cached_cell_a_dashed_chip(qtbot, grid, parts):
    session, _signals, _undo = parts
    ids = [int(i) for i in session.item_id_array()]
    row = grid.model.item_ids().index(ids[0])
    item_id, before = loaded_cell(qtbot, grid, row)
    link_sharpness(session, grid.suggestions)
    assert grid.suggestions.is_suggested(item_id, blurry(session))
    grid.list.viewport().grab()
    assert grid.delegate.cached_cell(item_id) != before


def test_a_new_size_refits_the_thumbnail_in_a_new_picture(qtbot, grid):
    item_id, small = loaded_cell(qtbot, grid)
    assert small.size() == grid.delegate.cell_size()
    grid.set_side(grid.side + 48)
    assert grid.delegate.cached_cell(item_id) is None  # forgotten with the old size
    _item, large = loaded_cell(qtbot, grid)
    assert large.size() == grid.delegate.cell_size()
    assert large.width() == small.width() + 48


def test_the_one_call_paint_matches_qlistviews_own(qtbot, grid, monkeypatch):
    from erroranalysis.gui.grid import grid_view

    loaded_cell(qtbot, grid, COUNT - 1)
    select_rows(grid, [1, 4])
    grid.list.selectionModel().setCurrentIndex(
        grid.index_of_row(4), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    grid.list.verticalScrollBar().setValue(7)
    fast = grid.list.viewport().grab().toImage()
    painted = []
    original = grid_view.GridDelegate.paint

    def counted(self, *args):  # type: ignore[no-untyped-def]
        painted.append(1)
        return original(self, *args)

    monkeypatch.setattr(grid_view.GridDelegate, "paint", counted)
    monkeypatch.setattr(grid_view._GridList, "rows_in", lambda self, area, count: None)
    slow = grid.list.viewport().grab().toImage()
    assert painted  # QListView's own loop ran
    assert fast == slow


def test_rows_in_covers_exactly_the_cells_an_area_meets(qtbot, grid):
    grid.set_side(40)
    grid.list.verticalScrollBar().setValue(5)
    area = grid.list.viewport().rect().adjusted(10, 20, -30, -40)
    rows = grid.list.rows_in(area, COUNT)
    meeting = {
        r for r in range(COUNT) if grid.list.visualRect(grid.index_of_row(r)).intersects(area)
    }
    assert meeting and meeting <= set(rows)


def test_thumbnails_of_cells_scrolled_past_are_not_asked_for(qtbot, tmp_path):
    from PySide6.QtGui import QUndoStack

    from erroranalysis.gui.session_signals import SessionSignals

    images = tmp_path / "many"
    paths = write_images(images, 60)
    frame = pd.DataFrame(
        {
            "key": [f"k{i}" for i in range(60)],
            "image": paths,
            "label": "a",
            "prediction": "b",
            "score": np.linspace(0, 1, 60),
            "split": "dev",
        }
    )
    session = ReviewSession.create(
        tmp_path / "many.easession",
        frame,
        [Category("blurry", shortcut="1")],
        dev_size=600,
        dev_errors=60,
        base_dir=tmp_path,
    )
    signals, undo = SessionSignals(session), QUndoStack()
    model = ItemTableModel(session, signals, undo)
    proxy = ItemFilterProxy(model)
    view = GridView(session, signals, undo, proxy, SuggestionState(session, signals))
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    try:
        view.list.viewport().grab()  # the top cells are painted missing...
        top = [view.model.row_data(view.proxy.source_row(r)).thumbnail_files[0]
               for r in range(3)]
        assert all(path in view._waiting for path in top)
        bar = view.list.verticalScrollBar()
        bar.setValue(bar.maximum())  # ...and scrolled past before they are asked for
        view._request_waiting()
        while view._to_request:
            view._request_waiting()
        assert not any(view.loader.is_pending(path) for path in top)
        assert not any(path in view._waiting for path in top)
        view.list.viewport().grab()
        qtbot.waitUntil(lambda: not view._waiting, timeout=10000)
        assert view.loader.thumbnail_store.misses < 60  # the bottom screen only
    finally:
        view.shutdown()
        signals.detach()
        session.close()


def test_thumbnail_memory_is_bounded_and_keeps_the_sharper_decode():
    import operator

    from PySide6.QtGui import QImage

    from erroranalysis.gui.thumbnail_memory import ThumbnailMemory

    def image(side: int) -> QImage:
        picture = QImage(side, side, QImage.Format.Format_RGB32)
        picture.fill(0)
        return picture

    memory = ThumbnailMemory(3 * 64 * 64 * 4, serves=operator.ge)  # the grid's
    memory.put("a", 64, image(64))
    assert memory.get("a", 64) is not None
    assert memory.get("a", 128) is None  # a larger cell needs a larger decode
    memory.put("a", 128, image(128))
    assert memory.get("a", 64).width() == 128  # serves smaller cells too
    memory.put("a", 64, image(64))  # a late smaller decode does not replace it
    assert memory.get("a", 128).width() == 128
    for name in "bcd":
        memory.put(name, 64, image(64))
    assert memory.used_bytes <= memory.budget_bytes
    assert memory.get("a", 64) is None  # least recently used went first
    assert memory.get("d", 64) is not None
