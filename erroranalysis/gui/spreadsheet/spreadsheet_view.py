"""The spreadsheet view: every item in one table, to sort, filter and tick in bulk.

A filter bar (category ticked or not, reviewed or not, label, prediction,
free text) over a ``QTableView`` of :class:`ItemTableModel` through
:class:`ItemFilterProxy`. Select rows, then press a category's key (or use
"Tick category" / "Untick category") to tick it on all of them as one undo
step. Double-click or Enter opens the item in the review view.

Filters are a snapshot: they are computed when the filter changes, and an
edit does not make a row vanish under the reviewer's cursor (ticking an item
in a "not reviewed" list would otherwise hide it). When an edit may have
changed which rows match, a "Refresh" button offers to apply the filter again.
Sorting and filtering work on whole columns (:mod:`item_filter`); no Python
runs once per row, so both take a fraction of a second on 100,000 items.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractProxyModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from erroranalysis.core.categories import Category
from erroranalysis.core.session import REVIEWED, SKIPPED, UNREVIEWED, ReviewSession
from erroranalysis.gui.commands import SetReviewedCommand, SetTicksCommand, push_command
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.gui.spreadsheet.item_filter import ItemFilter, filter_mask
from erroranalysis.gui.spreadsheet.item_table_model import (
    COL_IMAGE,
    COL_LABEL,
    COL_PREDICTION,
    COL_SCORE,
    COL_THUMBNAIL,
    FIRST_CATEGORY_COLUMN,
    ItemTableModel,
    header_text,
)
from erroranalysis.gui.spreadsheet.sheet_paint import SheetKind, SheetPainter
from erroranalysis.gui.widgets import (
    LongScrollWatch,
    RowScroller,
    color_swatch,
    single_shot_timer,
)
from erroranalysis.gui.write_errors import WRITE_ERRORS, describe_write_error

ModelIndex = QModelIndex | QPersistentModelIndex

ROW_HEIGHT = 64
THUMBNAIL_SIDE = 60
#: Compact rows (View ▸ Compact layout, or the "Compact rows" button): three
#: times as many rows on a laptop screen, thumbnails still recognisable.
COMPACT_ROW_HEIGHT = 30
COMPACT_THUMBNAIL_SIDE = 26
#: Columns where a double-click opens the item (elsewhere it edits or ticks).
_OPEN_COLUMNS = (COL_THUMBNAIL, COL_IMAGE, COL_LABEL, COL_PREDICTION, COL_SCORE)
_SEARCH_DELAY_MS = 250


class ItemFilterProxy(QAbstractProxyModel):
    """Shows the rows an :class:`ItemFilter` matches; sorting is delegated to the source.

    The mapping is two arrays (proxy row to source row and back) rebuilt
    from whole columns when the filter or the source's order changes. A
    ``QSortFilterProxyModel`` would instead call a Python
    ``filterAcceptsRow`` once per row (100,000 calls, after every sort
    too) and, on a filter change, emit one rows-removed or rows-inserted
    signal per contiguous run of rows: a scattered category is thousands of
    runs, each relaying out the view (most of a second per tally click).
    Here a filter change is one layout change, like
    ``QSortFilterProxyModel.invalidate``: selected rows that stay shown stay
    selected. The filter is a snapshot of the item ids it matched, so an
    edit never hides a row until the filter is applied again.
    """

    def __init__(self, model: ItemTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._filter = ItemFilter()
        self._accepted: np.ndarray | None = None  # the item ids matched; None: every item
        self._source_rows: list[int] | None = None  # per proxy row; None: all rows, same order
        self._proxy_rows = np.empty(0, dtype=np.int64)  # per source row, -1 if filtered out
        self._saved: list[tuple[int, int]] = []  # persistent (item id, column) across a layout
        self.setSourceModel(model)
        model.dataChanged.connect(self._on_data_changed)
        model.headerDataChanged.connect(self.headerDataChanged)
        model.layoutAboutToBeChanged.connect(self._before_layout)
        model.layoutChanged.connect(self._after_layout)
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._after_reset)

    @property
    def item_model(self) -> ItemTableModel:
        return self._model

    @property
    def current_filter(self) -> ItemFilter:
        return self._filter

    def set_filter(self, spec: ItemFilter) -> None:
        """Show only the items ``spec`` matches (computed now, from the session)."""
        columns = self._model.columns
        keep = filter_mask(columns, spec)
        self._before_layout()
        self._filter = spec
        self._accepted = None if keep is None else columns.ids[keep]
        self._after_layout()

    def refresh(self) -> None:
        """Apply the current filter again (after edits changed what matches)."""
        self.set_filter(self._filter)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._model.sort(column, order)

    # ---------------------------------------------------------------- mapping
    def _map(self) -> None:
        """Rebuild the row mapping from the source's order and the filter snapshot."""
        if self._accepted is None:
            self._source_rows = None
            return
        count = self._model.rowCount()
        # By item id, so items added since the filter ran stay hidden like any edit.
        accepted = self._model.columns.mask(self._accepted)
        rows = np.flatnonzero(accepted[self._model.row_positions()])
        self._source_rows = rows.tolist()
        self._proxy_rows = np.full(count, -1, dtype=np.int64)
        self._proxy_rows[rows] = np.arange(len(rows))

    def source_row(self, proxy_row: int) -> int:
        return proxy_row if self._source_rows is None else self._source_rows[proxy_row]

    def proxy_row(self, source_row: int) -> int:
        """The row showing a source row, or -1 if the filter hides it."""
        if self._source_rows is None:
            return source_row
        return int(self._proxy_rows[source_row]) if 0 <= source_row < len(self._proxy_rows) else -1

    def mapToSource(self, proxy_index: ModelIndex) -> QModelIndex:
        if not proxy_index.isValid():
            return QModelIndex()
        return self._model.index(self.source_row(proxy_index.row()), proxy_index.column())

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Every painted cell asks ~ten roles: straight to the source's cell, where
        # Qt's proxy would call mapToSource and the source's index() (Python) first.
        if not index.isValid():
            return None
        return self._model.cell_data(self.source_row(index.row()), index.column(), role)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self._model.column_flags(index.column())

    def mapFromSource(self, source_index: ModelIndex) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = self.proxy_row(source_index.row())
        return self.createIndex(row, source_index.column()) if row >= 0 else QModelIndex()

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Asked for every painted cell: no detour through rowCount().
        rows = self._source_rows
        count = self._model.rowCount() if rows is None else len(rows)
        if 0 <= row < count and 0 <= column < self._model.columnCount() and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def parent(self, *index: ModelIndex) -> Any:  # type: ignore[override]
        # A flat table: no index has a parent. Without an argument this is
        # QObject.parent(), which the override must not hide.
        return QModelIndex() if index else super().parent()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        rows = self._source_rows
        return self._model.rowCount() if rows is None else len(rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._model.columnCount()

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.rowCount() > 0

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        # The base class maps through row 0, which does not exist when nothing matches.
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        return self._model.headerData(section, orientation, role)

    # ---------------------------------------------------------- source signals
    def _on_data_changed(
        self, top: QModelIndex, bottom: QModelIndex, roles: list[int] | None = None
    ) -> None:
        if self._source_rows is None:
            first, last = top.row(), bottom.row()
        else:
            shown = self._proxy_rows[top.row() : bottom.row() + 1]
            shown = shown[shown >= 0]
            if not len(shown):
                return
            first, last = int(shown.min()), int(shown.max())
        self.dataChanged.emit(
            self.index(first, top.column()), self.index(last, bottom.column()), roles or []
        )

    def _before_layout(self, *_args: object) -> None:
        self.layoutAboutToBeChanged.emit()
        model = self._model
        self._saved = [
            (model.item_id(self.source_row(p.row())), p.column()) if p.isValid() else (-1, -1)
            for p in self.persistentIndexList()
        ]

    def _after_layout(self, *_args: object) -> None:
        self._map()
        persistent = self.persistentIndexList()
        if persistent and len(persistent) == len(self._saved):
            moved = []
            for item_id, column in self._saved:
                row = self.proxy_row(self._model.row_of(item_id)) if item_id >= 0 else -1
                moved.append(self.createIndex(row, column) if row >= 0 else QModelIndex())
            self.changePersistentIndexList(persistent, moved)
        self._saved = []
        self.layoutChanged.emit()

    def _after_reset(self) -> None:
        self._map()
        self.endResetModel()


_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_CHECK_INDICATOR = QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck
_STATE_ON = QStyle.StateFlag.State_On
_STATE_OFF = QStyle.StateFlag.State_Off
_NOT_ON_OFF = ~(
    QStyle.StateFlag.State_On | QStyle.StateFlag.State_Off | QStyle.StateFlag.State_NoChange
)
_CHECK_STYLE = {
    Qt.CheckState.Checked: _STATE_ON,
    Qt.CheckState.Unchecked: _STATE_OFF,
    Qt.CheckState.PartiallyChecked: QStyle.StateFlag.State_NoChange,
}


class _ModelDelegate(QStyledItemDelegate):
    """A delegate that reads cells from the Python model directly.

    ``QModelIndex.data()`` called from Python returns an unset value as a
    ``None`` whose reference count PySide6 6.12 fails to increment; on
    Python < 3.12 enough of those calls abort the interpreter
    ("deallocating None"). Calling the Python model's ``data`` method avoids
    the conversion altogether (and is faster).
    """

    def __init__(self, proxy: ItemFilterProxy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._proxy = proxy

    def cell(self, index: ModelIndex, role: int) -> Any:
        proxy = self._proxy
        return proxy.item_model.cell_data(proxy.source_row(index.row()), index.column(), role)


class _ThumbnailDelegate(_ModelDelegate):
    """Paints the thumbnail centred and uncropped, or a quiet grey tile while it loads."""

    #: How the table's one-call paint (:mod:`sheet_paint`) draws this column: with :meth:`draw`.
    sheet_kind = SheetKind.THUMBNAIL

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        self.draw(painter, option, self.cell(index, Qt.ItemDataRole.DecorationRole))

    def draw(self, painter: QPainter, option: QStyleOptionViewItem, image: Any) -> None:
        """The cell with ``image`` (or the loading tile): :meth:`paint` once the image is known."""
        widget = option.widget
        if widget is not None:
            widget.style().drawPrimitive(_PANEL, option, painter, widget)
        side = min(THUMBNAIL_SIDE, option.rect.height() - 4)
        box = QRect(0, 0, side, side)
        box.moveCenter(option.rect.center())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if isinstance(image, QImage) and not image.isNull():
            size = image.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(box.center())
            painter.drawImage(target, image)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(128, 128, 128, 40))
            painter.drawRoundedRect(QRectF(box).adjusted(4, 4, -4, -4), 4, 4)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return QSize(THUMBNAIL_SIDE + 8, ROW_HEIGHT)


class _CheckDelegate(_ModelDelegate):
    """A centred checkbox; a ticked category cell is tinted in the category's colour.

    The tint lets a reviewer scan a column for ticks from across the room.
    A click anywhere near the box toggles it (a 24 px target, not 13).
    """

    HIT = 24
    #: How the table's one-call paint draws this column: with :meth:`draw`, from a
    #: picture per look (the cell shows nothing that is the item's own).
    sheet_kind = SheetKind.CHECK

    def __init__(self, proxy: ItemFilterProxy, parent: QObject | None = None) -> None:
        super().__init__(proxy, parent)
        self._indicator_size: QSize | None = None

    def _indicator_rect(self, option: QStyleOptionViewItem) -> QRect:
        if self._indicator_size is None:
            widget = option.widget
            style = widget.style() if widget is not None else None
            self._indicator_size = (
                style.subElementRect(
                    QStyle.SubElement.SE_CheckBoxIndicator, QStyleOptionButton(), widget
                ).size()
                if style is not None
                else QSize(16, 16)
            )
        rect = QRect(QPoint(0, 0), self._indicator_size)
        rect.moveCenter(option.rect.center())
        return rect

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        # No initStyleOption (ten data() calls per cell): the view's option
        # already carries selection, hover and the alternate-row flag, and the
        # model answers the two things drawn here in one call.
        if option.widget is None:
            return
        proxy = self._proxy
        state, tint = proxy.item_model.tick_cell_at(proxy.source_row(index.row()), index.column())
        self.draw(painter, option, state, tint)

    def draw(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        state: Qt.CheckState | None,
        tint: QColor | None,
    ) -> None:
        """The cell for a check state and tint (:meth:`ItemTableModel.tick_cell_at`)."""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return
        style.drawPrimitive(_PANEL, option, painter, widget)
        if state is None:
            # Not assessed: the category came after the item was reviewed.
            painter.save()
            painter.setPen(QColor("#9ca3af"))
            painter.drawText(option.rect, Qt.AlignmentFlag.AlignCenter, "n/a")
            painter.restore()
            return
        if tint is not None:
            painter.fillRect(option.rect.adjusted(1, 1, -1, -1), tint)
        box = QStyleOptionViewItem(option)
        box.rect = self._indicator_rect(option)
        box.state = (option.state & _NOT_ON_OFF) | _CHECK_STYLE[state]
        style.drawPrimitive(_CHECK_INDICATOR, box, painter, widget)

    def editorEvent(
        self, event: QEvent, model: Any, option: QStyleOptionViewItem, index: ModelIndex
    ) -> bool:
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            # Swallow them on the box so a double-click does not toggle twice or open the item.
            assert isinstance(event, QMouseEvent)
            return self._hit(option).contains(event.position().toPoint())
        if kind == QEvent.Type.MouseButtonRelease:
            assert isinstance(event, QMouseEvent)
            if event.button() != Qt.MouseButton.LeftButton:
                return False
            if not self._hit(option).contains(event.position().toPoint()):
                return False
            checked = self.cell(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
            return bool(model.setData(index, new, Qt.ItemDataRole.CheckStateRole))
        return False

    def _hit(self, option: QStyleOptionViewItem) -> QRect:
        rect = QRect(0, 0, self.HIT, self.HIT)
        rect.moveCenter(option.rect.center())
        return rect


class _ElideStartDelegate(QStyledItemDelegate):
    """For file names: "…shape_0457.png" keeps the end, the part that tells files apart
    (a numbered series shares its start: "shape…7.png" hid the number)."""

    #: The table's one-call paint draws it as text elided at this end, like initStyleOption.
    sheet_kind = SheetKind.TEXT
    sheet_elide = Qt.TextElideMode.ElideLeft

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = self.sheet_elide


class _ItemTable(QTableView):
    """The table: category keys tick the selection, Enter opens, F2 edits the comment."""

    category_key = Signal(int)  # category id
    open_requested = Signal(QModelIndex)
    comment_requested = Signal()

    #: Thumbnails were painted missing: ask for them (after the paint).
    thumbnails_missing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories: list[Category] = []
        self.sheet_painter = SheetPainter(self)
        #: False: QTableView's own paint, cell by cell (the tests compare the two).
        self.one_call_paint = True

    def paintEvent(self, event: QPaintEvent) -> None:
        # One Python call paints every visible cell (sheet_paint); QTableView's
        # own paint runs when the painter declines (an open editor, ...).
        if not (self.one_call_paint and self.sheet_painter.paint(event)):
            super().paintEvent(event)
        if self.sheet_painter.missing:
            self.thumbnails_missing.emit()

    def category_for_key(self, event: QKeyEvent) -> Category | None:
        """The category whose shortcut the key is (no Ctrl/Alt/Meta: those are menu keys)."""
        blocked = (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )
        if event.modifiers() & blocked:
            return None
        text = event.text().strip().casefold()
        name = QKeySequence(event.key()).toString().casefold()
        for category in self.categories:
            key = category.shortcut.strip().casefold()
            if key and (key == text or (len(key) > 1 and key == name)):
                return category
        return None

    def event(self, event: QEvent) -> bool:
        # A window-wide QShortcut on "1" (the review view's) would otherwise
        # steal the key from the table; accepting the override keeps it here.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and self.state() != QAbstractItemView.State.EditingState
            and isinstance(event, QKeyEvent)
            and (
                self.category_for_key(event) is not None
                or event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            )
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            category = self.category_for_key(event)
            if category is not None:
                self.category_key.emit(category.id)
                event.accept()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_requested.emit(self.currentIndex())
                event.accept()
                return
            if event.key() == Qt.Key.Key_F2:
                self.comment_requested.emit()
                event.accept()
                return
        super().keyPressEvent(event)


class _ChoiceCombo(QComboBox):
    """A combo whose choices are Python values kept here, not in Qt item data.

    ``currentData()`` of an item without data hands Python a ``None`` with a
    missing reference on PySide6 6.12 (see :class:`_ModelDelegate`), so the
    values live in a list beside the items.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices: list[Any] = []

    def add_choice(self, text: str, value: Any, icon: QIcon | None = None) -> None:
        if icon is None:
            self.addItem(text)
        else:
            self.addItem(icon, text)
        self._choices.append(value)

    def clear_choices(self) -> None:
        self.clear()
        self._choices.clear()

    def value(self) -> Any:
        index = self.currentIndex()
        return self._choices[index] if 0 <= index < len(self._choices) else None

    def find_value(self, value: Any) -> int:
        return next(
            (i for i, v in enumerate(self._choices) if v == value and type(v) is type(value)), -1
        )

    def set_value(self, value: Any) -> bool:
        """Select ``value`` without emitting signals; False (and the first choice) if absent."""
        index = self.find_value(value)
        self.blockSignals(True)
        self.setCurrentIndex(max(0, index))
        self.blockSignals(False)
        return index >= 0


class _ValueCombo(_ChoiceCombo):
    """A filter combo whose values (labels, predictions) are read when it opens.

    Reading the distinct labels of 100,000 items costs a column read; most
    sessions never open this combo, so it is not done up front.
    """

    def __init__(self, any_text: str, values: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._any_text = any_text
        self._values = values
        self._loaded = False
        self.add_choice(any_text, None)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(8)

    def load(self) -> None:
        if self._loaded:
            return
        current = self.value()
        self.blockSignals(True)
        self.clear_choices()
        self.add_choice(self._any_text, None)
        for value in self._values():
            self.add_choice(value if value else self.tr("(empty)"), value)
        self._loaded = True
        self.setCurrentIndex(max(0, self.find_value(current)))
        self.blockSignals(False)

    def reset_values(self) -> None:
        """The items changed: read the values again on next use."""
        self._loaded = False

    def set_value(self, value: Any) -> bool:
        if value is not None:
            self.load()
        return super().set_value(value)

    def showPopup(self) -> None:
        self.load()
        super().showPopup()


class SpreadsheetView(QWidget):
    """Every item of the session in a sortable, filterable table with bulk ticking."""

    open_item = Signal(int)
    """An item was double-clicked or Enter was pressed on it: show it in the review view."""

    status_message = Signal(str)

    write_failed = Signal(str)
    """An edit could not be saved: why, in one line."""

    current_item_changed = Signal(int)
    """The reviewer moved to another row (its item id): the review shows that item."""
    """A short note for the window's status bar ("Ticked 'blurry' on 12 items")."""

    def __init__(
        self,
        session: ReviewSession,
        signals: SessionSignals,
        undo_stack: QUndoStack,
        image_loader: Any | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._signals = signals
        self._undo = undo_stack
        self._loader = image_loader
        self.model = ItemTableModel(session, signals, undo_stack, image_loader, self)
        self.proxy = ItemFilterProxy(self.model, self)
        self._item_filter: tuple[frozenset[int], str] | None = None

        self._build_actions()
        self._build_filter_bar()
        self._build_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        for row in (self._action_row, self._filter_row):
            row.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(RowScroller(row, self))
        layout.addWidget(self.table, 1)

        self._search_timer = single_shot_timer(self, _SEARCH_DELAY_MS, self._apply_filter)
        self._long_scroll = LongScrollWatch(self.table, self._scrolled_far)
        # Thumbnails painted missing are asked for on the next turn of the event loop,
        # after the paint (a decode queued mid-paint competes with it for the GIL).
        self._thumbnail_timer = single_shot_timer(self, 0, self._request_thumbnails)
        self.table.thumbnails_missing.connect(self._thumbnail_timer.start)

        signals.categories_changed.connect(self._on_categories_changed)
        signals.items_changed.connect(self._on_items_changed)
        # Item edits may change which rows a filter matches (meta changes do not).
        signals.ticks_changed.connect(self._on_edit)
        signals.reviewed_changed.connect(self._on_edit)
        signals.comment_changed.connect(self._on_edit)
        signals.items_changed.connect(self._on_edit)
        self.proxy.modelReset.connect(self._update_counts)
        self.proxy.rowsInserted.connect(self._update_counts)
        self.proxy.rowsRemoved.connect(self._update_counts)
        self.proxy.layoutChanged.connect(self._update_counts)
        # A filter change is a layout change, which QItemSelectionModel does not
        # report as a selection change: recount what is selected ourselves.
        self.proxy.layoutChanged.connect(self._update_selection_actions)
        self.proxy.modelReset.connect(self._update_selection_actions)
        self.proxy.modelReset.connect(self._sync_sort_indicator)
        self._on_categories_changed()
        self._update_counts()

    # ------------------------------------------------------------- building
    def _build_actions(self) -> None:
        self.tick_menu = QMenu(self.tr("Tick category"), self)
        self.untick_menu = QMenu(self.tr("Untick category"), self)
        self.tick_button = QToolButton(self)
        self.tick_button.setText(self.tr("Tick category ▾"))
        self.tick_button.setToolTip(
            self.tr("Tick a category on every selected row (or press its key)")
        )
        self.tick_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.tick_button.setMenu(self.tick_menu)
        self.untick_button = QToolButton(self)
        self.untick_button.setText(self.tr("Untick category ▾"))
        self.untick_button.setToolTip(self.tr("Untick a category on every selected row"))
        self.untick_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.untick_button.setMenu(self.untick_menu)
        for button in (self.tick_button, self.untick_button):
            # The ▾ in the text says "menu"; the style's own arrow would overlap it.
            button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")

        self.mark_reviewed_action = QAction(self.tr("Mark reviewed"), self)
        self.mark_reviewed_action.triggered.connect(lambda: self._mark_reviewed(True))
        self.mark_unreviewed_action = QAction(self.tr("Mark not reviewed"), self)
        self.mark_unreviewed_action.triggered.connect(lambda: self._mark_reviewed(False))
        self.open_action = QAction(self.tr("Open in review view"), self)
        self.open_action.setShortcut(QKeySequence(Qt.Key.Key_Return))
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_action.triggered.connect(lambda: self._open(self.table.currentIndex()))
        self.edit_comment_action = QAction(self.tr("Edit comment"), self)
        self.edit_comment_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.edit_comment_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit_comment_action.triggered.connect(self._edit_comment)

        self.reviewed_button = QToolButton(self)
        self.reviewed_button.setDefaultAction(self.mark_reviewed_action)
        self.unreviewed_button = QToolButton(self)
        self.unreviewed_button.setDefaultAction(self.mark_unreviewed_action)

        self.selection_label = QLabel(self)
        self.selection_label.setObjectName("selectionLabel")
        self.filter_chip = QToolButton(self)
        self.filter_chip.setObjectName("filterChip")
        self.filter_chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.filter_chip.setToolTip(self.tr("Show all items again"))
        self.filter_chip.setStyleSheet(
            "QToolButton#filterChip { border: 1px solid palette(highlight); border-radius: 10px;"
            " padding: 2px 10px; background: palette(alternate-base); }"
        )
        self.filter_chip.clicked.connect(lambda: self.set_item_filter(None, ""))
        self.filter_chip.hide()
        self.refresh_button = QToolButton(self)
        self.refresh_button.setText(self.tr("↻ Refresh filter"))
        self.refresh_button.setToolTip(
            self.tr("Edits since the filter was applied may have changed which items match")
        )
        self.refresh_button.clicked.connect(self.refresh_filter)
        self.refresh_button.hide()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.compact_rows_button = QToolButton(self)
        self.compact_rows_button.setText(self.tr("Compact rows"))
        self.compact_rows_button.setCheckable(True)
        self.compact_rows_button.setToolTip(self.tr("Short rows: many more items on the screen"))
        self.compact_rows_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.compact_rows_button.toggled.connect(self.set_compact_rows)

        row = QHBoxLayout()
        row.setSpacing(6)
        for widget in (
            self.tick_button,
            self.untick_button,
            self.reviewed_button,
            self.unreviewed_button,
        ):
            row.addWidget(widget)
        row.addSpacing(8)
        row.addWidget(self.selection_label)
        row.addStretch(1)
        row.addWidget(self.filter_chip)
        row.addWidget(self.refresh_button)
        row.addWidget(self.count_label)
        row.addWidget(self.compact_rows_button)
        self._action_row = row

    def _build_filter_bar(self) -> None:
        self.category_combo = _ChoiceCombo(self)
        self.category_combo.setToolTip(self.tr("Show items with (or without) this category ticked"))
        # A fixed, modest width: a long category name must not push the other filters off.
        self.category_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.category_combo.setMinimumContentsLength(16)
        self.category_combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.ticked_combo = _ChoiceCombo(self)
        self.ticked_combo.add_choice(self.tr("ticked"), True)
        self.ticked_combo.add_choice(self.tr("not ticked"), False)
        self.reviewed_combo = _ChoiceCombo(self)
        self.reviewed_combo.add_choice(self.tr("Reviewed or not"), None)
        self.reviewed_combo.add_choice(self.tr("Reviewed"), REVIEWED)
        self.reviewed_combo.add_choice(self.tr("Not reviewed"), UNREVIEWED)
        self.reviewed_combo.add_choice(self.tr("Skipped (can't judge)"), SKIPPED)
        self.label_combo = _ValueCombo(
            self.tr("Any label"), lambda: self.model.distinct_values("label"), self
        )
        self.label_combo.setToolTip(self.tr("Show items with this true label"))
        self.prediction_combo = _ValueCombo(
            self.tr("Any prediction"), lambda: self.model.distinct_values("prediction"), self
        )
        self.prediction_combo.setToolTip(self.tr("Show items with this prediction"))
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Search image, comments, metadata…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(180)
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)

        for combo in (
            self.category_combo,
            self.ticked_combo,
            self.reviewed_combo,
            self.label_combo,
            self.prediction_combo,
        ):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._apply_filter)

        row = QHBoxLayout()
        row.setSpacing(6)
        caption = QLabel(self.tr("Show:"), self)
        row.addWidget(caption)
        row.addWidget(self.category_combo)
        row.addWidget(self.ticked_combo)
        row.addSpacing(6)
        row.addWidget(self.reviewed_combo)
        row.addWidget(self.label_combo)
        row.addWidget(self.prediction_combo)
        row.addWidget(self.search_edit, 1)
        row.addWidget(self.clear_button)
        self._filter_row = row

    def _build_table(self) -> None:
        table = _ItemTable(self)
        self.table = table
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        vertical = table.verticalHeader()
        # Fixed heights: the view never measures 100,000 rows to lay them out.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.setMinimumSectionSize(ROW_HEIGHT)
        vertical.hide()
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSectionsMovable(False)
        header.setSortIndicatorClearable(True)
        # Start in review order: no column sorted (a clicked-off indicator returns here).
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        self._thumbnail_delegate = _ThumbnailDelegate(self.proxy, table)
        self._check_delegate = _CheckDelegate(self.proxy, table)
        self._image_name_delegate = _ElideStartDelegate(table)
        table.setItemDelegateForColumn(COL_THUMBNAIL, self._thumbnail_delegate)
        ratio = max(1.0, self.devicePixelRatioF())
        self.model.thumbnail_size = QSize(int(THUMBNAIL_SIDE * ratio), int(THUMBNAIL_SIDE * ratio))

        table.doubleClicked.connect(self._on_double_click)
        table.open_requested.connect(self._open)
        table.category_key.connect(self.toggle_category_on_selection)
        table.comment_requested.connect(self._edit_comment)
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.model.write_failed.connect(self.write_failed)
        table.viewport().installEventFilter(self)

    # -------------------------------------------------------------- columns
    def _setup_columns(self) -> None:
        """Delegates and widths for the current categories (they change the column count)."""
        table = self.table
        header = table.horizontalHeader()
        model = self.model
        for column in range(model.columnCount()):
            table.setItemDelegateForColumn(column, None)  # type: ignore[arg-type]
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setItemDelegateForColumn(COL_THUMBNAIL, self._thumbnail_delegate)
        table.setItemDelegateForColumn(COL_IMAGE, self._image_name_delegate)
        for category in model.categories:
            table.setItemDelegateForColumn(model.category_column(category.id), self._check_delegate)
        table.setItemDelegateForColumn(model.reviewed_column, self._check_delegate)
        metrics = self.fontMetrics()
        header.setSectionResizeMode(COL_THUMBNAIL, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_THUMBNAIL, THUMBNAIL_SIDE + 12)
        header.resizeSection(COL_IMAGE, metrics.horizontalAdvance("0000000.png") + 20)
        header.resizeSection(COL_LABEL, metrics.horizontalAdvance(self.tr("Label")) + 36)
        header.resizeSection(COL_PREDICTION, metrics.horizontalAdvance(self.tr("Prediction")) + 24)
        header.resizeSection(COL_SCORE, metrics.horizontalAdvance(self.tr("Score")) + 36)
        for category in model.categories:
            lines = header_text(category).splitlines()
            widest = max(metrics.horizontalAdvance(line) for line in lines) + 20
            header.resizeSection(model.category_column(category.id), max(64, widest))
        header.resizeSection(
            model.reviewed_column, metrics.horizontalAdvance(self.tr("Reviewed")) + 24
        )
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        self._fit_comment_column()

    def _fit_comment_column(self) -> None:
        """Comments take the width left over, between about eleven and thirty letters.

        Reviewed and Comments are shown right after the score (the model keeps
        them after the categories): with twenty categories they would be far
        off to the right, out of a reviewer's reach.
        """
        header = self.table.horizontalHeader()
        model = self.model
        for visual, logical in enumerate((model.reviewed_column, model.comment_column),
                                         start=FIRST_CATEGORY_COLUMN):
            if header.visualIndex(logical) != visual:
                header.moveSection(header.visualIndex(logical), visual)
        comment = model.comment_column
        others = sum(header.sectionSize(c) for c in range(model.columnCount()) if c != comment)
        spare = self.table.viewport().width() - others
        letter = self.fontMetrics().horizontalAdvance("M")
        header.resizeSection(comment, max(11 * letter, min(30 * letter, spare)))

    @property
    def compact_rows(self) -> bool:
        return self.table.verticalHeader().defaultSectionSize() == COMPACT_ROW_HEIGHT

    def set_compact_rows(self, compact: bool) -> None:
        """Short rows with small thumbnails, or the tall default."""
        height, side = ((COMPACT_ROW_HEIGHT, COMPACT_THUMBNAIL_SIDE) if compact
                        else (ROW_HEIGHT, THUMBNAIL_SIDE))
        vertical = self.table.verticalHeader()
        if height < vertical.minimumSectionSize():
            vertical.setMinimumSectionSize(height)  # (a default below the minimum is not taken)
            vertical.setDefaultSectionSize(height)
        else:
            # The default first: it resizes every row in one pass, where a minimum above
            # the rows' height grows them one by one, each recomputing every row's
            # position (six seconds on 100,000 rows).
            vertical.setDefaultSectionSize(height)
            vertical.setMinimumSectionSize(height)
        self.table.horizontalHeader().resizeSection(COL_THUMBNAIL, side + 12)
        if self.compact_rows_button.isChecked() != compact:
            self.compact_rows_button.setChecked(compact)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            # After the view has settled its scroll bars (which resize the viewport again).
            QTimer.singleShot(0, self, self._fit_comment_column)
        return super().eventFilter(watched, event)

    def _on_categories_changed(self) -> None:
        categories = self._session.categories()
        self.table.categories = categories
        self._setup_columns()
        # The filter combo and the tick menus list the categories.
        current = self.category_combo.value()
        self.category_combo.blockSignals(True)
        self.category_combo.clear_choices()
        self.category_combo.add_choice(self.tr("Any category"), None)
        for category in categories:
            key = f"{category.shortcut} · " if category.shortcut else ""
            self.category_combo.add_choice(
                key + category.name, category.id, QIcon(color_swatch(category.color, 12))
            )
        self.category_combo.blockSignals(False)
        found = self.category_combo.set_value(current)
        self.ticked_combo.setEnabled(self.category_combo.value() is not None)
        for menu, ticked in ((self.tick_menu, True), (self.untick_menu, False)):
            menu.clear()
            for category in categories:
                text = category.name + (f"\t{category.shortcut}" if category.shortcut else "")
                action = menu.addAction(QIcon(color_swatch(category.color, 12)), text)
                action.triggered.connect(
                    lambda _checked=False, c=category.id, t=ticked: self.set_category_on_selection(
                        c, t
                    )
                )
        if current is not None and not found:
            self._apply_filter()  # the filtered category is gone
        self._update_selection_actions()

    def _on_items_changed(self, _ids: list[int]) -> None:
        self.label_combo.reset_values()
        self.prediction_combo.reset_values()

    # ------------------------------------------------------------- filtering
    def current_filter(self) -> ItemFilter:
        """The filter the bar describes (what :meth:`refresh_filter` applies)."""
        ids, description = self._item_filter if self._item_filter else (None, "")
        return ItemFilter(
            category_id=self.category_combo.value(),
            category_ticked=bool(self.ticked_combo.value()),
            reviewed=self.reviewed_combo.value(),
            label=self.label_combo.value(),
            prediction=self.prediction_combo.value(),
            text=self.search_edit.text(),
            item_ids=ids,
            item_description=description,
        )

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        self.ticked_combo.setEnabled(self.category_combo.value() is not None)
        self.proxy.set_filter(self.current_filter())
        self.refresh_button.hide()
        self._update_counts()

    def refresh_filter(self) -> None:
        """Apply the filter again, e.g. after edits changed which items match."""
        self._apply_filter()

    def set_category_filter(self, category_id: int | None) -> None:
        """Show only the items with ``category_id`` ticked (``None``: any category)."""
        self.category_combo.set_value(category_id)
        self.ticked_combo.set_value(True)
        self._apply_filter()

    def set_reviewed_filter(self, reviewed: int | bool | None) -> None:
        """Show one review state (``True``/``False``: reviewed / not reviewed), or all."""
        if isinstance(reviewed, bool):
            reviewed = REVIEWED if reviewed else UNREVIEWED
        self.reviewed_combo.set_value(reviewed)
        self._apply_filter()

    def set_label_filter(self, label: str | None) -> None:
        self.label_combo.set_value(label)
        self._apply_filter()

    def set_prediction_filter(self, prediction: str | None) -> None:
        self.prediction_combo.set_value(prediction)
        self._apply_filter()

    def set_text_filter(self, text: str) -> None:
        self.search_edit.blockSignals(True)
        self.search_edit.setText(text)
        self.search_edit.blockSignals(False)
        self._apply_filter()

    def set_item_filter(self, item_ids: Iterable[int] | None, description: str) -> None:
        """Show only ``item_ids`` (e.g. one confusion-matrix cell) under a clearable chip."""
        if item_ids is None:
            self._item_filter = None
            self.filter_chip.hide()
        else:
            ids = frozenset(int(i) for i in item_ids)
            self._item_filter = (ids, description)
            text = description or self.tr("Selected items")
            self.filter_chip.setText(f"{text}  ✕")
            self.filter_chip.setToolTip(
                self.tr("Showing only: {text}. Click to show all items again.").format(text=text)
            )
            self.filter_chip.show()
        self._apply_filter()

    def clear_filters(self) -> None:
        """Show every item."""
        for combo in (
            self.category_combo,
            self.reviewed_combo,
            self.label_combo,
            self.prediction_combo,
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.ticked_combo.set_value(True)
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self._item_filter = None
        self.filter_chip.hide()
        self._apply_filter()

    def _on_edit(self, *_args: object) -> None:
        if not self.proxy.current_filter.is_empty:
            self.refresh_button.show()

    def _update_counts(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count_label.setText(self.tr("{total:,} items").format(total=total))
        else:
            self.count_label.setText(
                self.tr("Showing {shown:,} of {total:,} items").format(shown=shown, total=total)
            )

    # ------------------------------------------------------------- selection
    def selected_item_ids(self) -> list[int]:
        """The ids of the selected rows, in table order."""
        selection = self.table.selectionModel().selection()
        rows: set[int] = set()
        for selected_range in selection:
            rows.update(range(selected_range.top(), selected_range.bottom() + 1))
        return [self._item_at(row) for row in sorted(rows)]

    def _item_at(self, proxy_row: int) -> int:
        return self.model.item_id(self.proxy.source_row(proxy_row))

    def current_item_id(self) -> int | None:
        index = self.table.currentIndex()
        return None if not index.isValid() else self._item_at(index.row())

    def select_item(self, item_id: int) -> bool:
        """Make an item current and selected, scrolled into view; False if it is filtered out."""
        source_row = self.model.row_of(item_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, COL_IMAGE))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_selection_actions()

    def _sync_sort_indicator(self) -> None:
        """Put the header's sort arrow on the column the rows are really sorted by."""
        column, order = self.model.sorted_by()
        header = self.table.horizontalHeader()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (column, order):
            header.blockSignals(True)  # the rows are already in this order
            header.setSortIndicator(column, order)
            header.blockSignals(False)
            header.viewport().update()

    def _update_selection_actions(self) -> None:
        selection = self.table.selectionModel().selection()
        count = sum(r.height() for r in selection)
        self.selection_label.setText(
            self.tr("{count:,} selected").format(count=count)
            if count
            else self.tr("Select rows, then press a category's key")
        )
        enabled = count > 0
        for widget in (self.tick_button, self.untick_button):
            widget.setEnabled(enabled)
        for action in (self.mark_reviewed_action, self.mark_unreviewed_action):
            action.setEnabled(enabled)

    # ----------------------------------------------------------------- edits
    def set_category_on_selection(self, category_id: int, ticked: bool) -> None:
        """Tick or untick a category on every selected row: one undo step."""
        ids = self.selected_item_ids()
        if not ids:
            self.status_message.emit(self.tr("Select rows first"))
            return
        if not self._push(SetTicksCommand(self._session, ids, category_id, ticked)):
            return
        name = self._session.category(category_id).name
        verb = self.tr("Ticked") if ticked else self.tr("Unticked")
        self.status_message.emit(
            self.tr("{verb} '{name}' on {n_ids:,} item{0}").format(
                "s" * (len(ids) != 1), verb=verb, name=name, n_ids=len(ids)
            )
        )

    def toggle_category_on_selection(self, category_id: int) -> None:
        """What a category's key does: tick it on the selection, or untick if all have it."""
        ids = self.selected_item_ids()
        if not ids:
            return
        ticked = set(self._session.items_with(category_id))
        all_ticked = all(i in ticked for i in ids)
        self.set_category_on_selection(category_id, not all_ticked)

    def _mark_reviewed(self, reviewed: bool) -> None:
        ids = self.selected_item_ids()
        if ids:
            self._push(SetReviewedCommand(self._session, ids, reviewed))

    def _push(self, command: QUndoCommand) -> bool:
        """Push an edit; one the session refused is reported (write_failed), not pushed."""
        try:
            push_command(self._undo, command)
        except WRITE_ERRORS as error:
            self.write_failed.emit(describe_write_error(error))
            return False
        return True

    def _on_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        # From no row to a row is the table's own start-up (focus puts the
        # cursor on row 0), not the reviewer choosing an item.
        if current.isValid() and previous.isValid():
            self.current_item_changed.emit(self._item_at(current.row()))

    def _edit_comment(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        target = index.sibling(index.row(), self.model.comment_column)
        self.table.setCurrentIndex(target)
        self.table.edit(target)

    # ------------------------------------------------------------ open, menu
    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() in _OPEN_COLUMNS:
            self._open(index)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_item.emit(self._item_at(index.row()))

    def _context_menu(self, position: Any) -> None:
        index = self.table.indexAt(position)
        menu = QMenu(self)
        if index.isValid():
            open_action = menu.addAction(self.tr("Open in review view"))
            open_action.triggered.connect(lambda: self._open(index))
            menu.addSeparator()
        count = sum(r.height() for r in self.table.selectionModel().selection())
        menu.addMenu(self.tick_menu)
        menu.addMenu(self.untick_menu)
        menu.addSeparator()
        menu.addAction(self.mark_reviewed_action)
        menu.addAction(self.mark_unreviewed_action)
        if index.isValid():
            menu.addSeparator()
            menu.addAction(self.edit_comment_action)
        for sub in (self.tick_menu, self.untick_menu):
            sub.setEnabled(count > 0)
        menu.exec(self.table.viewport().mapToGlobal(position))

    # -------------------------------------------------------------- thumbnails
    def _request_thumbnails(self) -> None:
        """Ask the loader for the thumbnails the last paints drew missing, of the rows
        still in view (a row scrolled past asks again if it is painted again)."""
        painter = self.table.sheet_painter
        missing, painter.missing = painter.missing, []
        table = self.table
        first = table.rowAt(0)
        if first < 0:
            return
        last = table.rowAt(table.viewport().height() - 1)
        if last < 0:
            last = self.proxy.rowCount() - 1
        count = self.model.rowCount()
        for source_row in dict.fromkeys(missing):
            if source_row < count and first <= self.proxy.proxy_row(source_row) <= last:
                self.model.request_thumbnail(source_row)

    def _scrolled_far(self) -> None:
        """After a long jump, drop thumbnails queued for rows scrolled past."""
        if self._loader is None:
            return
        self._loader.cancel_pending(include_thumbnails=True)
        self.model.forget_waiting_thumbnails()
        self.table.viewport().update()
