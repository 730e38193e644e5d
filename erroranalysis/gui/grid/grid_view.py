"""The grid view: thumbnails of the current filter, many at once, ticked in bulk.

A ``QListView`` in icon mode over the spreadsheet's own filter proxy (so the
grid shows exactly the items and order the spreadsheet's filter and sort
give), painted by :class:`GridDelegate`: no widget per item, only the
visible cells are painted. Select with the arrows, Shift, Ctrl+A or a rubber
band; a category's key ticks it on every selected item in one undo step (or
unticks it when all have it); Shift+key rejects the category's suggestion on
them. Enter or a double-click opens the item in the review view.

Thumbnails come from the grid's own :class:`ImageLoader` (decoded off the GUI
thread at thumbnail size, in a memory cache of their own) backed by a
:class:`ThumbnailStore` on disk beside the session.
"""

from __future__ import annotations

import contextlib
import operator
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QStandardItemModel,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from erroranalysis.core.categories import Category
from erroranalysis.core.session import ReviewSession
from erroranalysis.gui.commands import SetTicksCommand, push_command
from erroranalysis.gui.grid.grid_delegate import GridDelegate
from erroranalysis.gui.image_loader import ImageLoader
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.gui.suggestions import DecideSuggestionsCommand, SuggestionState
from erroranalysis.gui.thumbnail_memory import ThumbnailMemory, background_thumbnail_loader
from erroranalysis.gui.widgets import LongScrollWatch, single_shot_timer
from erroranalysis.gui.write_errors import WRITE_ERRORS, describe_write_error

#: Thumbnail sides (logical pixels) the size slider offers: on a 1400x900
#: window, about 300 cells at the smallest and 20 at the largest.
MIN_SIDE = 40
MAX_SIDE = 200
DEFAULT_SIDE = 112
SIDE_STEP = 16
#: Thumbnails are decoded at one of these sides (device pixels) and scaled when
#: painted, so dragging the slider does not decode everything again at each step.
DECODE_SIDES = (64, 128, 256, 400)
#: The grid's own memory cache of thumbnails (a screen of 200 cells at 128 px is 13 MB).
GRID_THUMBNAIL_CACHE_BYTES = 96 * 1024 * 1024
#: Decoder threads of the grid's own loader. One: the decoders' Python (Pillow's header
#: parsing, the disk cache) competes with the GUI thread for the GIL, and on two cores
#: benchmarks/bench_grid.py measured the longest scrolling stall at 117 ms with one
#: thread against 278 ms with two (a busy machine; the review's loader keeps its own).
GRID_DECODER_THREADS = 1
#: Thumbnails that arrive within this many milliseconds are repainted together.
ARRIVAL_BATCH_MS = 25
#: Thumbnails asked of the loader per event-loop turn (see GridView._request_waiting).
REQUESTS_PER_TURN = 6
META_GRID_SIDE = "gui.grid_side"
META_GRID_SORT = "gui.grid_sort"

#: Shift+digit gives these characters on most layouts; the grid reads them as the digit.
_SHIFTED_DIGITS = dict(zip("!@#$%^&*()", "1234567890", strict=True))


def decode_side(side_px: int) -> int:
    """The decode size for a painted side: the smallest step at least as large."""
    for step in DECODE_SIDES:
        if side_px <= step:
            return step
    return DECODE_SIDES[-1]


class _GridList(QListView):
    """The list: category keys (and Shift+key) act on the selection, Enter opens."""

    category_key = Signal(int, bool)  # category id, shift (reject the suggestion)
    open_requested = Signal(QModelIndex)
    zoom_requested = Signal(int)  # +1 larger, -1 smaller

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories: list[Category] = []

    def category_for_key(self, event: QKeyEvent) -> tuple[Category | None, bool]:
        blocked = (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )
        if event.modifiers() & blocked:
            return None, False
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        text = event.text().strip().casefold()
        text = _SHIFTED_DIGITS.get(text, text)
        name = QKeySequence(event.key()).toString().casefold()
        name = _SHIFTED_DIGITS.get(name, name)
        for category in self.categories:
            key = category.shortcut.strip().casefold()
            if key and key in (text, name):
                return category, shift
        return None, False

    def _zoom_step(self, event: QKeyEvent) -> int:
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return 0
        if event.key() in (Qt.Key.Key_Equal, Qt.Key.Key_Plus):
            return 1
        if event.key() in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            return -1
        return 0

    def event(self, event: QEvent) -> bool:
        # Window-wide shortcuts ("1" in the review view) must not steal the keys the grid uses.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                self.category_for_key(event)[0] is not None
                or self._zoom_step(event)
                or event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            )
        ):
            event.accept()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        # QListView calls the delegate once per visible cell, each call a trip from
        # C++ into Python that must take the GIL, and each trip lets the thumbnail
        # decoder in between two cells: under load a page of 50 cells took 30-90 ms.
        # Here one Python call paints them all (GridDelegate.paint_cell). A rubber
        # band being dragged is QListView's to draw: then its own paint runs.
        paint_cell = getattr(self.itemDelegate(), "paint_cell", None)
        model = self.model()
        count = model.rowCount() if model is not None else 0
        if (
            paint_cell is None
            or count == 0
            or self.state() == QAbstractItemView.State.DragSelectingState
        ):
            super().paintEvent(event)
            return
        area = event.rect()
        rows = self.rows_in(area, count)
        if rows is None:
            super().paintEvent(event)
            return
        current = self.currentIndex()
        focus_row = (
            current.row()
            if current.isValid() and (self.hasFocus() or self.viewport().hasFocus())
            else -1
        )
        selection = self.selectionModel()
        palette = self.palette()
        painter = QPainter(self.viewport())
        try:
            for row in rows:
                index = model.index(row, 0)
                rect = self.visualRect(index)
                if rect.intersects(area):
                    paint_cell(
                        painter, rect, index, selection.isSelected(index), row == focus_row, palette
                    )
        finally:
            painter.end()

    def rows_in(self, area: QRect, count: int) -> range | None:
        """The rows whose cells may meet ``area`` (viewport coordinates), from the grid's
        geometry; ``None`` when it is not a regular grid (then QListView paints)."""
        model = self.model()
        first = self.visualRect(model.index(0, 0))
        if not first.isValid():
            return None
        top = first.top()
        # How many cells a line holds: the first row whose cell starts lower.
        low, high = 1, 1
        while high < count and self.visualRect(model.index(high, 0)).top() == top:
            low, high = high, min(count, high * 2)
        while low < high:  # the first row of the second line is in (low, high]
            middle = (low + high) // 2
            if self.visualRect(model.index(middle, 0)).top() == top:
                low = middle + 1
            else:
                high = middle
        across = low
        if across >= count:
            return range(count)
        pitch = self.visualRect(model.index(across, 0)).top() - top
        if pitch <= 0:
            return None
        first_line = max(0, (area.top() - top - first.height()) // pitch)
        last_line = (area.bottom() - top) // pitch + 1
        return range(min(count, first_line * across), min(count, (last_line + 1) * across))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        category, shift = self.category_for_key(event)
        if category is not None:
            self.category_key.emit(category.id, shift)
            event.accept()
            return
        step = self._zoom_step(event)
        if step:
            self.zoom_requested.emit(step)
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class GridView(QWidget):
    """Thumbnails of the spreadsheet's filtered, sorted items, with bulk ticking."""

    open_item = Signal(int)
    """Enter or a double-click on an item: show it in the review view."""

    status_message = Signal(str)
    write_failed = Signal(str)
    current_item_changed = Signal(int)

    SORTS: tuple[tuple[str, str, bool], ...] = (
        (QT_TRANSLATE_NOOP("GridView", "Review order"), "position", False),
        (QT_TRANSLATE_NOOP("GridView", "Score, highest first"), "score", True),
        (QT_TRANSLATE_NOOP("GridView", "Score, lowest first"), "score", False),
        (QT_TRANSLATE_NOOP("GridView", "True label"), "label", False),
        (QT_TRANSLATE_NOOP("GridView", "Prediction"), "prediction", False),
        (QT_TRANSLATE_NOOP("GridView", "Confusion pair (true → predicted)"), "confusion", False),
        (QT_TRANSLATE_NOOP("GridView", "Blurriest first (sharpness)"), "feature:sharpness", False),
        (
            QT_TRANSLATE_NOOP("GridView", "Likely label errors first"),
            "feature:label_quality",
            False,
        ),
    )

    def __init__(
        self,
        session: ReviewSession,
        signals: SessionSignals,
        undo_stack: QUndoStack,
        proxy: Any,
        suggestions: SuggestionState,
        parent: QWidget | None = None,
        *,
        loader: ImageLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._undo = undo_stack
        self.proxy = proxy
        self.model = proxy.item_model
        self.suggestions = suggestions
        if loader is None:
            # The grid keeps the thumbnails itself (self.thumbnails); the loader only decodes.
            loader = background_thumbnail_loader(self, session, GRID_DECODER_THREADS)
        self.loader = loader
        #: Decoded thumbnails by path and decode step, for painting (the loader's
        #: arrivals land here); a sharper decode serves a smaller step.
        self.thumbnails = ThumbnailMemory(GRID_THUMBNAIL_CACHE_BYTES, serves=operator.ge)
        # path -> the items painted without it; _asked: path -> the decode side asked
        # of the loader; _to_request: where the images painted missing may be (their
        # path first), not asked yet (oldest first).
        self._waiting: dict[str, set[int]] = {}
        self._asked: dict[str, int] = {}
        self._to_request: list[tuple[str, ...]] = []

        self.delegate = GridDelegate(
            self._row_of, self._thumbnail, self._item_id_of, suggestions.pending, self
        )
        self.delegate.set_font(self.font())
        self.list = _GridList(self)
        self.list.setObjectName("GridList")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setWrapping(True)
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setSelectionRectVisible(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSpacing(2)
        self.list.setItemDelegate(self.delegate)
        # The list walks a C++ model of as many rows as the proxy shows: QListView asks
        # index() of a thousand items per page step in icon mode, and a Python model
        # would answer each through the interpreter. The delegate maps a row to the
        # proxy's item; the proxy (filter, sort) stays the one truth.
        self.rows = QStandardItemModel(0, 1, self)
        self.rows.setRowCount(proxy.rowCount())
        self.list.setModel(self.rows)
        self._saved_selection: tuple[list[int], int | None] | None = None
        proxy.layoutAboutToBeChanged.connect(self._save_selection)
        proxy.modelAboutToBeReset.connect(self._save_selection)
        for signal in (
            proxy.layoutChanged,
            proxy.modelReset,
            proxy.rowsInserted,
            proxy.rowsRemoved,
        ):
            signal.connect(self._follow_proxy)
        self.list.doubleClicked.connect(self._open)
        self.list.open_requested.connect(self._open)
        self.list.category_key.connect(self.category_key)
        self.list.zoom_requested.connect(lambda step: self.set_side(self.side + step * SIDE_STEP))
        self.list.selectionModel().selectionChanged.connect(self._update_selection_label)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)

        self._build_bar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(self._bar)
        layout.addWidget(self.list, 1)

        self._repaint_timer = single_shot_timer(self, 15, self.list.viewport().update)
        self._long_scroll = LongScrollWatch(self.list, self._scrolled_far)
        self._arrived: set[int] = set()
        self._request_timer = single_shot_timer(self, 0, self._request_waiting)
        self._arrival_timer = single_shot_timer(self, ARRIVAL_BATCH_MS, self._show_arrived)
        loader.thumbnail_ready.connect(self._on_thumbnail_ready)
        for signal in (signals.ticks_changed, signals.reviewed_changed, signals.items_changed):
            signal.connect(lambda *_a: self._repaint_timer.start())
        signals.categories_changed.connect(self._on_categories_changed)
        suggestions.changed.connect(self._repaint_timer.start)
        for signal in (
            proxy.layoutChanged,
            proxy.modelReset,
            proxy.rowsInserted,
            proxy.rowsRemoved,
        ):
            signal.connect(self._update_counts)
        self._on_categories_changed()
        side = session.meta(META_GRID_SIDE)
        self.set_side(int(side) if side.isdigit() else DEFAULT_SIDE)
        self._update_counts()
        self._update_selection_label()

    # ------------------------------------------------------------- building
    def _build_bar(self) -> None:
        self.sort_combo = QComboBox(self)
        for text, what, descending in self.SORTS:
            self.sort_combo.addItem(self.tr(text), (what, descending))
        self.sort_combo.setToolTip(self.tr("The order of the grid (and of the spreadsheet)"))
        self.sort_combo.activated.connect(self._on_sort_chosen)
        self.smaller_button = QToolButton(self)
        self.smaller_button.setText("−")
        self.smaller_button.setToolTip(self.tr("Smaller thumbnails (Ctrl+-)"))
        self.smaller_button.clicked.connect(lambda: self.set_side(self.side - SIDE_STEP))
        self.size_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.size_slider.setRange(MIN_SIDE, MAX_SIDE)
        self.size_slider.setSingleStep(8)
        self.size_slider.setPageStep(SIDE_STEP * 2)
        self.size_slider.setFixedWidth(140)
        self.size_slider.setToolTip(self.tr("Thumbnail size"))
        self.size_slider.valueChanged.connect(self.set_side)
        self.larger_button = QToolButton(self)
        self.larger_button.setText("+")
        self.larger_button.setToolTip(self.tr("Larger thumbnails (Ctrl+=)"))
        self.larger_button.clicked.connect(lambda: self.set_side(self.side + SIDE_STEP))
        for button in (self.smaller_button, self.larger_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.selection_label = QLabel(self)
        self.selection_label.setObjectName("gridSelectionLabel")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("gridCountLabel")
        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(QLabel(self.tr("Sort:"), self))
        bar.addWidget(self.sort_combo)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Size:"), self))
        bar.addWidget(self.smaller_button)
        bar.addWidget(self.size_slider)
        bar.addWidget(self.larger_button)
        bar.addSpacing(12)
        bar.addWidget(self.selection_label, 1)
        bar.addWidget(self.count_label)
        self._bar = bar

    # ----------------------------------------------------------------- size
    @property
    def side(self) -> int:
        return self.delegate.side

    def set_side(self, side: int) -> None:
        """The thumbnail side in logical pixels (clamped to the slider's range)."""
        side = max(MIN_SIDE, min(MAX_SIDE, int(side)))
        if self.size_slider.value() != side:
            self.size_slider.blockSignals(True)
            self.size_slider.setValue(side)
            self.size_slider.blockSignals(False)
        if side == self.delegate.side and self.list.gridSize().isValid():
            return
        self.delegate.side = side
        self.delegate.forget_pictures()
        cell = self.delegate.cell_size()
        self.list.setGridSize(QSize(cell.width() + 4, cell.height() + 4))
        self._forget_waiting()
        self.list.doItemsLayout()
        if self._session.meta(META_GRID_SIDE) != str(side) and not self._session.read_only:
            # The size is a convenience: not worth a failed-save banner.
            with contextlib.suppress(WRITE_ERRORS):
                self._session.set_meta(META_GRID_SIDE, str(side))

    def visible_cells(self) -> int:
        """How many cells fit in the viewport now (whole and partly shown)."""
        grid = self.list.gridSize()
        viewport = self.list.viewport().size()
        if not grid.isValid() or grid.width() <= 0:
            return 0
        across = max(1, viewport.width() // grid.width())
        down = -(-viewport.height() // grid.height())
        return across * down

    # ------------------------------------------------------------- painting
    def _row_of(self, index: QModelIndex) -> Any:
        return self.model.row_data(self.proxy.source_row(index.row()))

    def _item_id_of(self, index: QModelIndex) -> int:
        return self.model.item_id(self.proxy.source_row(index.row()))

    def _decode_step(self) -> int:
        return decode_side(int(self.delegate.side * max(1.0, self.devicePixelRatioF())))

    def _thumbnail(self, index: QModelIndex, files: tuple[str, ...]) -> QImage | None:
        # Called from paint for every visible cell: memory only, not even a file check
        # (``files``: where the image may be, its path first; the decoder thread finds
        # it). A missing thumbnail is asked for after the paint (_request_waiting).
        path = files[0]
        step = self._decode_step()
        image = self.thumbnails.get(path, step)
        if image is not None:
            return image
        waiting = self._waiting.get(path)
        if waiting is not None:
            waiting.add(self._item_id_of(index))
            return None
        self._waiting[path] = {self._item_id_of(index)}
        self._to_request.append(files)
        if not self._request_timer.isActive():
            self._request_timer.start()
        return None

    def _request_waiting(self) -> None:
        """Ask the loader for a few of the thumbnails painted as missing, newest first
        (the cells the reviewer just scrolled to), skipping cells scrolled past.

        Each request hands a job to the decoder thread, which briefly needs the GIL:
        a few per event-loop turn keep the GUI thread answering between them.
        """
        step = self._decode_step()
        viewport = self.list.viewport().rect()
        asked = 0
        while self._to_request and asked < REQUESTS_PER_TURN:
            path, *alternatives = self._to_request.pop()
            waiting = self._waiting.get(path)
            if waiting is None or path in self._asked:
                continue
            if not any(self._is_visible(item_id, viewport) for item_id in waiting):
                del self._waiting[path]  # scrolled past: asked again if painted again
                continue
            asked += 1
            self._asked[path] = step
            image = self.loader.thumbnail(path, QSize(step, step), alternatives)
            if image is not None:  # the loader had it (a known broken file's placeholder)
                self._on_thumbnail_ready(path, image)
        if self._to_request:
            self._request_timer.start()

    def _is_visible(self, item_id: int, viewport: Any) -> bool:
        row = self.proxy.proxy_row(self.model.row_of(item_id))
        return row >= 0 and self.list.visualRect(self.rows.index(row, 0)).intersects(viewport)

    def _forget_waiting(self) -> None:
        self._waiting.clear()
        self._asked.clear()
        self._to_request.clear()

    def _on_thumbnail_ready(self, path: str, image: QImage) -> None:
        step = self._asked.pop(path, None)
        if step is not None:
            self.thumbnails.put(path, step, image)
        waiting = self._waiting.pop(path, None)
        if not waiting:
            return
        # Repainted together on the next tick: a screen of thumbnails arriving one
        # by one is then a few paints, not one per thumbnail.
        self._arrived.update(waiting)
        if not self._arrival_timer.isActive():
            self._arrival_timer.start()

    def _show_arrived(self) -> None:
        arrived, self._arrived = self._arrived, set()
        for item_id in arrived:
            row = self.proxy.proxy_row(self.model.row_of(item_id))
            if row >= 0:
                self.list.update(self.rows.index(row, 0))

    def _scrolled_far(self) -> None:
        """After a long jump, drop thumbnails queued for cells scrolled past."""
        self.loader.cancel_pending(include_thumbnails=True)
        self._forget_waiting()
        self.list.viewport().update()

    # ------------------------------------------------------------- sorting
    def _on_sort_chosen(self, index: int) -> None:
        what, descending = self.sort_combo.itemData(index)
        self.sort_by(what, descending)

    def sort_by(self, what: str, descending: bool = False) -> None:
        """Sort the items (grid and spreadsheet) by a key of ``sort_positions``."""
        current = self.current_item_id()
        self.model.sort_by(what, None, descending)
        for i in range(self.sort_combo.count()):
            if self.sort_combo.itemData(i) == (what, descending):
                self.sort_combo.setCurrentIndex(i)
        row = -1 if current is None else self.proxy.proxy_row(self.model.row_of(current))
        if row >= 0:  # the selection follows its items (_follow_proxy); keep the place too
            self.list.scrollTo(
                self.rows.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter
            )
        else:
            self.list.scrollToTop()

    # ------------------------------------------------------------ selection
    def _selected_rows(self) -> list[int]:
        # From the selection's ranges, not selectedIndexes(): Ctrl+A selects every
        # column of 100,000 rows, and a million indexes would take seconds.
        rows: set[int] = set()
        for selected in self.list.selectionModel().selection():
            rows.update(range(selected.top(), selected.bottom() + 1))
        return sorted(rows)

    def selected_item_ids(self) -> list[int]:
        """The selected items, in grid order."""
        return [self.model.item_id(self.proxy.source_row(r)) for r in self._selected_rows()]

    def current_item_id(self) -> int | None:
        index = self.list.currentIndex()
        return self._item_id_of(index) if index.isValid() else None

    def select_item(self, item_id: int) -> bool:
        """Make an item current and selected, scrolled into view; False if filtered out."""
        row = self.proxy.proxy_row(self.model.row_of(item_id))
        if row < 0:
            return False
        index = self.rows.index(row, 0)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def index_of_row(self, row: int) -> QModelIndex:
        """The list's index of a row of the proxy (the spreadsheet's filtered order)."""
        return self.rows.index(row, 0)

    def _save_selection(self, *_args: object) -> None:
        if self._saved_selection is None:
            self._saved_selection = (self.selected_item_ids(), self.current_item_id())

    def _follow_proxy(self, *_args: object) -> None:
        """The proxy's rows changed (filter, sort, items): as many rows, the same items
        selected where they are now."""
        saved, self._saved_selection = self._saved_selection, None
        if self.rows.rowCount() != self.proxy.rowCount():
            self.rows.setRowCount(self.proxy.rowCount())
        self._forget_waiting()
        self.list.viewport().update()
        if saved is None:
            return
        ids, current = saved
        rows = np.array([self.proxy.proxy_row(self.model.row_of(i)) for i in ids], dtype=np.int64)
        rows = np.sort(rows[rows >= 0])
        selection = QItemSelection()
        if len(rows):
            # Contiguous runs as ranges: a Ctrl+A of 100,000 items is one range.
            breaks = np.flatnonzero(np.diff(rows) != 1)
            starts = np.concatenate([[rows[0]], rows[breaks + 1]])
            ends = np.concatenate([rows[breaks], [rows[-1]]])
            for first, last in zip(starts.tolist(), ends.tolist(), strict=True):
                selection.select(self.rows.index(first, 0), self.rows.index(last, 0))
        model = self.list.selectionModel()
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if current is not None:
            row = self.proxy.proxy_row(self.model.row_of(current))
            if row >= 0:
                model.setCurrentIndex(
                    self.rows.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
                )

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid() and previous.isValid():
            self.current_item_changed.emit(self._item_id_of(current))

    def _update_selection_label(self, *_args: object) -> None:
        count = len(self._selected_rows())
        self.selection_label.setText(
            self.tr("%n selected", "", count) if count else self.tr("Select, then press a key")
        )
        self.selection_label.setToolTip(
            self.tr(
                "Select thumbnails (click, Shift, Ctrl+A or drag a rectangle), then press a "
                "category's key to tick it on all of them; Shift+key rejects its suggestion"
            )
        )

    def _update_counts(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count_label.setText(self.tr("%n items", "", total))
        else:
            self.count_label.setText(
                self.tr("Showing %1 of %2 items (the spreadsheet's filter)")
                .replace("%1", f"{shown:,}")
                .replace("%2", f"{total:,}")
            )

    def _on_categories_changed(self) -> None:
        categories = self._session.categories()
        self.list.categories = categories
        self.delegate.set_categories(categories)
        self.list.viewport().update()

    # ---------------------------------------------------------------- edits
    def category_key(self, category_id: int, reject: bool = False) -> None:
        """A category's key on the selection: tick it on all of them (confirming its
        suggestion where it had one), or untick it when all have it; with Shift, reject
        its suggestion on the selected items that have one. One undo step either way."""
        ids = self.selected_item_ids()
        if not ids:
            self.status_message.emit(self.tr("Select thumbnails first"))
            return
        name = self._session.category(category_id).name
        suggested = [i for i in ids if self.suggestions.is_suggested(i, category_id)]
        if reject:
            if not suggested:
                self.status_message.emit(
                    self.tr("No selected item has a suggested “%1” to reject").replace("%1", name)
                )
                return
            command: QUndoCommand = DecideSuggestionsCommand(
                self._session, ids, category_id, suggested, accept=False
            )
            if self._push(command):
                self.status_message.emit(
                    self.tr("Rejected the suggested “%1” on %n items", "", len(suggested)).replace(
                        "%1", name
                    )
                )
            return
        ticked = set(self._session.items_with(category_id))
        tick = not all(i in ticked for i in ids)
        if tick and suggested:
            command = DecideSuggestionsCommand(
                self._session, ids, category_id, suggested, accept=True
            )
        else:
            command = SetTicksCommand(self._session, ids, category_id, tick)
        if not self._push(command):
            return
        text = (
            self.tr("Ticked “%1” on %n items", "", len(ids))
            if tick
            else self.tr("Unticked “%1” on %n items", "", len(ids))
        )
        self.status_message.emit(text.replace("%1", name))

    def _push(self, command: QUndoCommand) -> bool:
        try:
            push_command(self._undo, command)
        except WRITE_ERRORS as error:
            self.write_failed.emit(describe_write_error(error))
            return False
        return True

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_item.emit(self._item_id_of(index))

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(group, what, keys) for the keyboard-shortcuts dialog."""
        group = self.tr("Grid view")
        return [
            (group, self.tr("Tick (or untick) a category on the selection"), self.tr("its key")),
            (group, self.tr("Reject its suggestion on the selection"), self.tr("Shift+its key")),
            (group, self.tr("Select all / extend the selection"), self.tr("Ctrl+A, Shift+arrows")),
            (group, self.tr("Larger / smaller thumbnails"), self.tr("Ctrl+=, Ctrl+-")),
            (group, self.tr("Open in the review view"), self.tr("Enter, double-click")),
        ]

    # ------------------------------------------------------------ life cycle
    def shutdown(self) -> None:
        self._repaint_timer.stop()
        self._arrival_timer.stop()
        self._request_timer.stop()
        self._long_scroll.stop()
        self.loader.shutdown()
