"""The spreadsheet's item model: a thin Qt adapter over the review session.

One row per item, columns: thumbnail, image, label, prediction, score, one
checkbox per category, comments, reviewed. The session stays the truth:

* the model keeps only a light row index (item ids in display order and
  the row of each id), a small, bounded cache of the rows that were
  painted, dropped as soon as the session says those items changed, and
  (through :class:`ItemColumns`) the columns that never change with a
  review edit, read once and dropped when the items change;
* edits never write the session: ``setData`` pushes an undo command
  (:class:`SetTicksCommand`, :class:`SetCommentCommand`,
  :class:`SetReviewedCommand`) on the window's one undo stack, and the
  session's signal then refreshes the cells;
* sorting reorders the row index from whole columns at once
  (:func:`erroranalysis.gui.spreadsheet.item_filter.sort_positions`), never through a
  per-comparison ``lessThan``; every item stays a row (the view's proxy
  filters, from the same columns);
* thumbnails are asked of the :class:`ImageLoader` only when a row is
  painted; they are decoded off the GUI thread and the row repaints when
  ``thumbnail_ready`` arrives.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QUndoCommand, QUndoStack

from erroranalysis.core.categories import Category
from erroranalysis.core.session import REVIEWED, SKIPPED, UNREVIEWED, ReviewSession
from erroranalysis.gui.commands import (
    SetCommentCommand,
    SetReviewedCommand,
    SetTicksCommand,
    push_command,
)
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.gui.spreadsheet.item_filter import ItemColumns, sort_positions
from erroranalysis.gui.thumbnail_memory import ThumbnailMemory
from erroranalysis.gui.write_errors import WRITE_ERRORS, describe_write_error

ModelIndex = QModelIndex | QPersistentModelIndex

COL_THUMBNAIL = 0
COL_IMAGE = 1
COL_LABEL = 2
COL_PREDICTION = 3
COL_SCORE = 4
FIRST_CATEGORY_COLUMN = 5

#: The item id of a row (any column).
ItemIdRole = Qt.ItemDataRole.UserRole + 1
#: The category colour of a category column's cell or header (a ``QColor``).
CategoryColorRole = Qt.ItemDataRole.UserRole + 2

DISPLAY = int(Qt.ItemDataRole.DisplayRole)
EDIT = int(Qt.ItemDataRole.EditRole)
DECORATION = int(Qt.ItemDataRole.DecorationRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
CHECK = int(Qt.ItemDataRole.CheckStateRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
ITEM_ID = int(ItemIdRole)
CATEGORY_COLOR = int(CategoryColorRole)
_ANSWERED_ROLES = frozenset(
    {DISPLAY, EDIT, DECORATION, TOOLTIP, CHECK, ALIGNMENT, ITEM_ID, CATEGORY_COLOR}
)
_CHECKED = Qt.CheckState.Checked
_UNCHECKED = Qt.CheckState.Unchecked
#: The Reviewed column's box per review state (skipped: the "partial" box).
_STATE_CHECK = {
    UNREVIEWED: _UNCHECKED,
    REVIEWED: _CHECKED,
    SKIPPED: Qt.CheckState.PartiallyChecked,
}
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGNMENTS = {
    COL_SCORE: int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
    COL_LABEL: int(Qt.AlignmentFlag.AlignCenter),
    COL_PREDICTION: int(Qt.AlignmentFlag.AlignCenter),
}

# Flags are asked for every painted cell: combine them once.
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_PLAIN_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_CHECKABLE_FLAGS = _PLAIN_FLAGS | Qt.ItemFlag.ItemIsUserCheckable
_EDITABLE_FLAGS = _PLAIN_FLAGS | Qt.ItemFlag.ItemIsEditable

#: Rows whose cell data is kept; a screen shows ~15, so this covers a lot of scrolling.
ROW_CACHE_SIZE = 4096
#: Rows read together when one is missing (about two screens of the grid or table).
ROW_BLOCK = 64
#: Thumbnails the model keeps for painting (60x60 at 4 bytes a pixel: about 1,100 of them;
#: the loader's own cache holds the same images, so most of this is shared).
THUMBNAIL_MEMORY_BYTES = 16 * 1024 * 1024

_FIXED_HEADERS = {
    COL_THUMBNAIL: "",
    COL_IMAGE: QT_TRANSLATE_NOOP("ItemTableModel", "Image"),
    COL_LABEL: QT_TRANSLATE_NOOP("ItemTableModel", "Label"),
    COL_PREDICTION: QT_TRANSLATE_NOOP("ItemTableModel", "Prediction"),
    COL_SCORE: QT_TRANSLATE_NOOP("ItemTableModel", "Score"),
}


@dataclass(frozen=True)
class _Row:
    """What one painted row shows; dropped from the cache when the item changes."""

    image_name: str
    image: str
    label: str
    prediction: str
    score: float | None
    comment: str
    state: int
    reviewer: str
    metadata: dict[str, str]
    ticks: frozenset[int]
    unassessed: frozenset[int]
    #: Where the image may be on this machine, found without a file check
    #: (``ReviewSession.image_files``).
    files: Callable[[str], Any] = field(compare=False, repr=False, default=lambda i: (i,))

    @functools.cached_property
    def thumbnail_files(self) -> tuple[str, ...]:
        """Where the image may be, best first, without touching the disk: the first
        is the thumbnail's key, the rest are for the decoder thread to try (a grid
        or sheet on a network drive must not wait for file checks on the GUI thread)."""
        return tuple(str(file) for file in self.files(self.image))

    @property
    def reviewed(self) -> bool:
        return self.state == REVIEWED


def header_text(category: Category) -> str:
    """A category column's header: its key, then the name on at most three short lines.

    Category columns stay narrow (there may be twenty of them); wrapping
    keeps long names (and 中文 ones) readable instead of cut off.
    """
    lines = textwrap.wrap(category.name, 11, break_long_words=True) or [category.name]
    if len(lines) > 3:
        lines = [*lines[:2], lines[2][:10] + "…"]
    key = f"[{category.shortcut}] " if category.shortcut else ""
    return key + "\n".join(lines)


def _checked(value: Any) -> bool:
    """A CheckStateRole value from a delegate (an int or a ``Qt.CheckState``) as a bool."""
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value


def _state(flag: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if flag else Qt.CheckState.Unchecked


class ItemTableModel(QAbstractTableModel):
    """Items of a :class:`ReviewSession` as table rows; edits go through ``undo_stack``."""

    write_failed = Signal(str)
    """An edit could not be saved: why, in one line (the cell keeps showing what is stored)."""

    def __init__(
        self,
        session: ReviewSession,
        signals: SessionSignals,
        undo_stack: QUndoStack,
        image_loader: Any | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._signals = signals
        self._undo = undo_stack
        self._loader = image_loader
        #: The size thumbnails are decoded at (the view scales it by the screen's pixel ratio).
        self.thumbnail_size = QSize(60, 60)
        self._categories: list[Category] = []
        self._column_category: list[Category | None] = []
        self._set_categories(session.categories())
        self._columns = ItemColumns(session)
        self._sort: tuple[str, int | None, bool] | None = None  # (what, category id, descending)
        self._order: np.ndarray | None = None  # review positions in sort order; None: review order
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._rebuild_rows()
        self._rows: dict[int, _Row] = {}
        # path -> (the image name it was asked for, the items painted without it)
        self._waiting_thumbnails: dict[str, tuple[str, set[int]]] = {}
        #: Thumbnails by image name (as stored, so painting needs no file check to find
        #: them); the loader decodes, this keeps.
        self._thumbnails = ThumbnailMemory(THUMBNAIL_MEMORY_BYTES)

        signals.ticks_changed.connect(self._on_ticks_changed)
        signals.comment_changed.connect(self._on_comment_changed)
        signals.reviewed_changed.connect(self._on_reviewed_changed)
        signals.items_changed.connect(self._on_items_changed)
        signals.categories_changed.connect(self._on_categories_changed)
        signals.meta_changed.connect(self._on_meta_changed)
        if image_loader is not None:
            image_loader.thumbnail_ready.connect(self._on_thumbnail_ready)

    def _set_categories(self, categories: list[Category]) -> None:
        self._categories = categories
        # The translucent fill of a ticked cell, one per category (made once, painted often).
        self._tints: dict[int, QColor] = {}
        for category in categories:
            if category.color and QColor(category.color).isValid():
                tint = QColor(category.color)
                tint.setAlpha(70)
                self._tints[category.id] = tint
        self._column_category = [None] * FIRST_CATEGORY_COLUMN + list(categories) + [None, None]

    # ---------------------------------------------------------------- layout
    @property
    def session(self) -> ReviewSession:
        return self._session

    @property
    def categories(self) -> list[Category]:
        return list(self._categories)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIRST_CATEGORY_COLUMN + len(self._categories) + 2

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Overridden only for speed: the proxy maps every data() call through
        # index(), and Qt's default asks rowCount and columnCount (two more
        # calls into Python) each time.
        if (
            0 <= row < len(self._ids)
            and 0 <= column < len(self._column_category)
            and not parent.isValid()
        ):
            return self.createIndex(row, column)
        return QModelIndex()

    @property
    def comment_column(self) -> int:
        return FIRST_CATEGORY_COLUMN + len(self._categories)

    @property
    def reviewed_column(self) -> int:
        return FIRST_CATEGORY_COLUMN + len(self._categories) + 1

    def category_column(self, category_id: int) -> int:
        """The column of a category (-1 if there is no such category)."""
        for offset, category in enumerate(self._categories):
            if category.id == category_id:
                return FIRST_CATEGORY_COLUMN + offset
        return -1

    def column_category(self, column: int) -> Category | None:
        """The category a column shows, or ``None`` for the other columns."""
        offset = column - FIRST_CATEGORY_COLUMN
        return self._categories[offset] if 0 <= offset < len(self._categories) else None

    def item_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, item_id: int) -> int:
        """The row of an item (-1 if it is not in the session)."""
        return self._row_of.get(item_id, -1)

    def item_ids(self) -> list[int]:
        """Item ids in the current row order."""
        return list(self._ids)

    def row_positions(self) -> np.ndarray:
        """Per row, the item's review position (an index into :attr:`columns` arrays)."""
        return np.arange(len(self._ids)) if self._order is None else self._order

    @property
    def columns(self) -> ItemColumns:
        """The whole columns sorting and filtering read (immutable ones cached)."""
        return self._columns

    # ------------------------------------------------------------------ cells
    def _row(self, row: int) -> _Row:
        item_id = self._ids[row]
        cached = self._rows.get(item_id)
        if cached is not None:
            return cached
        # A row not read yet is usually the first of a screenful scrolled into view:
        # read it and the rows around it in one go (a few queries, not three per row).
        first = max(0, row - ROW_BLOCK // 4)
        wanted = [i for i in self._ids[first : first + ROW_BLOCK] if i not in self._rows]
        if item_id not in wanted:
            wanted.append(item_id)
        for loaded_id, (item, ticks, unassessed) in self._session.items_with_marks(
                wanted).items():
            self._rows[loaded_id] = _Row(
                image_name=PurePath(item.image.replace("\\", "/")).name or item.image,
                image=item.image,
                label=item.label,
                prediction=item.prediction,
                score=item.score,
                comment=item.comment,
                state=item.state,
                reviewer=item.reviewer,
                metadata=item.metadata,
                ticks=frozenset(ticks),
                unassessed=frozenset(unassessed),
                files=self._session.image_files,
            )
        while len(self._rows) > ROW_CACHE_SIZE:
            # Oldest loaded first (FIFO): cheaper per paint than a true LRU, as good here.
            del self._rows[next(iter(self._rows))]
        loaded = self._rows.get(item_id)
        if loaded is None:
            raise KeyError(item_id)
        return loaded

    def row_data(self, row: int) -> _Row:
        """What a row shows, in one call (the grid's delegate paints from it)."""
        return self._row(row)

    def data(self, index: ModelIndex, role: int = DISPLAY) -> Any:
        # The hot path of painting (about ten roles per visible cell): plain
        # int comparisons, and roles nobody answers return before any lookup.
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        return self.cell_data(index.row(), index.column(), role)

    def cell_data(self, row_number: int, column: int, role: int) -> Any:
        """:meth:`data` of a cell by row and column (the filter proxy calls it directly:
        going through ``mapToSource`` and ``index`` cost two more Python calls a role)."""
        if role not in _ANSWERED_ROLES:
            return None
        if role == ITEM_ID:
            return self._ids[row_number]
        if role == ALIGNMENT:
            return self.column_alignment(column)
        row = self._row(row_number)
        category = self._column_category[column] if column < len(self._column_category) else None
        if category is not None:
            if role == CHECK:
                return _CHECKED if category.id in row.ticks else _UNCHECKED
            if role == CATEGORY_COLOR:
                return QColor(category.color) if category.color else None
            if role == TOOLTIP:
                if category.id in row.unassessed:
                    verb = (self.tr("not assessed: the category was added after this item was "
                            "reviewed; a click ticks it, a second click says it does not apply"))
                else:
                    verb = self.tr("ticked") if category.id in row.ticks else self.tr("not ticked")
                return f"{category.name}: {verb}" + (
                    f"\n{category.description}" if category.description else ""
                )
            return None
        if column == self.reviewed_column:
            if role == CHECK:
                return _STATE_CHECK[row.state]
            if role == TOOLTIP:
                by = self.tr(" by {reviewer}").format(reviewer=row.reviewer) if row.reviewer else ""
                if row.state == SKIPPED:
                    return self.tr("Skipped{by}: can't judge (in no share's denominator)").format(
                        by=by
                    )
                if not row.reviewed:
                    return self.tr("Not reviewed yet")
                return self.tr("Reviewed{by}").format(by=by)
            return None
        if role in (DISPLAY, EDIT):
            return self._display(row, column, role)
        if role == DECORATION:
            return self._thumbnail(row_number, row) if column == COL_THUMBNAIL else None
        if role == TOOLTIP:
            return self._tooltip(row, column)
        return None

    def tick_cell(self, index: ModelIndex) -> tuple[Qt.CheckState | None, QColor | None]:
        """For painting a checkbox cell in one call: (state, tint of a ticked category cell).

        The state is None for a category not assessed on the item, and
        PartiallyChecked for a skipped item's Reviewed cell.
        """
        return self.tick_cell_at(index.row(), index.column())

    def tick_cell_at(
        self, row_number: int, column: int
    ) -> tuple[Qt.CheckState | None, QColor | None]:
        """:meth:`tick_cell` by row and column."""
        return self.tick_of(self._row(row_number), column)

    def tick_of(self, row: _Row, column: int) -> tuple[Qt.CheckState | None, QColor | None]:
        """:meth:`tick_cell` of a row already read (:meth:`row_data`)."""
        category = self._column_category[column] if column < len(self._column_category) else None
        if category is not None:
            if category.id in row.unassessed:
                return None, None
            checked = category.id in row.ticks
            return (_CHECKED if checked else _UNCHECKED), (
                self._tints.get(category.id) if checked else None)
        return (_STATE_CHECK[row.state] if column == self.reviewed_column else _UNCHECKED), None

    def display_text(self, row: _Row, column: int) -> str | None:
        """A cell's DisplayRole text from a row already read (:meth:`row_data`)."""
        return self._display(row, column, DISPLAY)

    def column_alignment(self, column: int) -> int | None:
        """A column's TextAlignmentRole (the same for every row)."""
        return _ALIGNMENTS.get(column, _ALIGN_LEFT) if column < FIRST_CATEGORY_COLUMN else None

    def _display(self, row: _Row, column: int, role: int) -> Any:
        if column == COL_IMAGE:
            return row.image_name
        if column == COL_LABEL:
            return row.label
        if column == COL_PREDICTION:
            return row.prediction
        if column == COL_SCORE:
            return "" if row.score is None else f"{row.score:.3f}"
        if column == self.comment_column:
            if role == Qt.ItemDataRole.DisplayRole:
                # One line in the cell; the whole text is in the tooltip and the editor.
                return " ".join(row.comment.split())
            return row.comment
        return None

    def _tooltip(self, row: _Row, column: int) -> str | None:
        if column in (COL_THUMBNAIL, COL_IMAGE):
            lines = [row.image]
            lines += [f"{key}: {value}" for key, value in row.metadata.items()]
            return "\n".join(lines)
        if column == self.comment_column:
            return row.comment or self.tr("Double-click to write a comment")
        if column == COL_SCORE and row.score is not None:
            return self.tr("score {score:.6g}").format(score=row.score)
        return None

    def _thumbnail(self, row_number: int, row: _Row) -> QImage | None:
        if self._loader is None:
            return None
        path, *alternatives = row.thumbnail_files
        image = self._loader.thumbnail(path, self.thumbnail_size, alternatives)
        if image is None:
            # Decoding was queued off the GUI thread; remember who is waiting.
            self._waiting_thumbnails.setdefault(path, (row.image, set()))[1].add(
                self._ids[row_number])
        else:
            self._thumbnails.put(row.image, self._thumbnail_box(), image)
        return image

    def cached_thumbnail(self, row: _Row) -> QImage | None:
        """The row's thumbnail if it is in memory; never asks the loader (the table's
        paint calls it, then :meth:`request_thumbnail` after the paint for the missing)."""
        return self._thumbnails.get(row.image, self._thumbnail_box())

    def request_thumbnail(self, row_number: int) -> None:
        """Ask the loader for a row's thumbnail (found and decoded off the GUI thread);
        the row repaints when it arrives, or now if the loader had it."""
        if self._loader is None:
            return
        row = self._row(row_number)
        if self._thumbnails.get(row.image, self._thumbnail_box()) is not None:
            return
        waiting = self._waiting_thumbnails.get(row.thumbnail_files[0])
        if waiting is not None:  # asked already: its arrival repaints this row too
            waiting[1].add(self._ids[row_number])
            return
        if self._thumbnail(row_number, row) is not None:
            self._emit_rows_changed(
                [row_number], COL_THUMBNAIL, COL_THUMBNAIL, [Qt.ItemDataRole.DecorationRole]
            )

    def _thumbnail_box(self) -> tuple[int, int]:
        size = self.thumbnail_size
        return size.width(), size.height()

    def _on_thumbnail_ready(self, path: str, image: QImage) -> None:
        waiting = self._waiting_thumbnails.pop(path, None)
        if not waiting:
            return
        key, item_ids = waiting
        self._thumbnails.put(key, self._thumbnail_box(), image)
        rows = [self._row_of[i] for i in item_ids if i in self._row_of]
        self._emit_rows_changed(
            rows, COL_THUMBNAIL, COL_THUMBNAIL, [Qt.ItemDataRole.DecorationRole]
        )

    def forget_waiting_thumbnails(self) -> None:
        """The loader dropped queued thumbnails: rows ask again when next painted."""
        self._waiting_thumbnails.clear()

    def _on_meta_changed(self, key: str) -> None:
        if key == "base_dir":  # the same image names may now be other files
            self._thumbnails.clear()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            return None
        category = self.column_category(section)
        if category is not None:
            if role == Qt.ItemDataRole.DisplayRole:
                return header_text(category)
            if role == Qt.ItemDataRole.ToolTipRole:
                key = (
                    self.tr("\nKey {shortcut} ticks it on the selected rows").format(
                        shortcut=category.shortcut
                    )
                    if category.shortcut
                    else ""
                )
                kind = self.tr("\nKind: incorrect label") if category.is_label_error else ""
                return f"{category.name}{kind}\n{category.description}".rstrip() + key
            if role == CategoryColorRole:
                return QColor(category.color) if category.color else None
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == self.comment_column:
                return self.tr("Comments")
            if section == self.reviewed_column:
                return self.tr("Reviewed")
            return self.tr(_FIXED_HEADERS[section]) if _FIXED_HEADERS.get(section) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == COL_THUMBNAIL:
                return self.tr("Thumbnail (sorts by image name)")
            if section == self.reviewed_column:
                return self.tr("Whether a reviewer has looked at the item")
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        return self.column_flags(index.column())

    def column_flags(self, column: int) -> Qt.ItemFlag:
        """A cell's flags (they depend on its column only)."""
        if column < FIRST_CATEGORY_COLUMN:
            return _PLAIN_FLAGS
        if column == self.comment_column:
            return _EDITABLE_FLAGS
        return _CHECKABLE_FLAGS

    # ------------------------------------------------------------------ edits
    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Turn a cell edit into an undo command; the session's signal repaints the cell."""
        if not index.isValid():
            return False
        item_id = self._ids[index.row()]
        column = index.column()
        category = self.column_category(column)
        if role == Qt.ItemDataRole.CheckStateRole and category is not None:
            return self._push(
                SetTicksCommand(self._session, [item_id], category.id, _checked(value))
            )
        if role == Qt.ItemDataRole.CheckStateRole and column == self.reviewed_column:
            return self._push(SetReviewedCommand(self._session, [item_id], _checked(value)))
        if role == Qt.ItemDataRole.EditRole and column == self.comment_column:
            text = str(value)
            shown = self._row(index.row()).comment
            if text == shown:
                return False
            return self._push(SetCommentCommand(self._session, item_id, text, shown=shown))
        return False

    def _push(self, command: QUndoCommand) -> bool:
        try:
            push_command(self._undo, command)
        except WRITE_ERRORS as error:
            self.write_failed.emit(describe_write_error(error))
            return False
        return True

    # --------------------------------------------------------- session events
    def _forget(self, item_ids: list[int]) -> list[int]:
        """Drop cached rows of changed items; returns their rows."""
        rows = []
        for item_id in item_ids:
            self._rows.pop(item_id, None)
            row = self._row_of.get(item_id)
            if row is not None:
                rows.append(row)
        return rows

    def _emit_rows_changed(
        self, rows: list[int], first_column: int, last_column: int, roles: list[int] | None = None
    ) -> None:
        """One ``dataChanged`` over the rows' span (bulk edits of 10,000 rows stay one signal)."""
        if not rows:
            return
        top = self.index(min(rows), first_column)
        bottom = self.index(max(rows), last_column)
        self.dataChanged.emit(top, bottom, roles or [])

    def _on_ticks_changed(self, item_ids: list[int], category_id: int) -> None:
        rows = self._forget(item_ids)
        # Ticking marks items reviewed, so the reviewed column may change too.
        column = self.category_column(category_id)
        if column < 0:
            return
        self._emit_rows_changed(rows, column, self.reviewed_column)

    def _on_comment_changed(self, item_ids: list[int]) -> None:
        rows = self._forget(item_ids)
        self._emit_rows_changed(rows, self.comment_column, self.comment_column)

    def _on_reviewed_changed(self, item_ids: list[int]) -> None:
        rows = self._forget(item_ids)
        self._emit_rows_changed(rows, self.reviewed_column, self.reviewed_column)

    def _on_items_changed(self, item_ids: list[int]) -> None:
        known = self._columns.knows(item_ids)
        self._columns.forget()
        self._thumbnails.clear()  # an image name may now name another file (rebased)
        if known:
            # Edited in bulk (an import), none added: repaint the rows shown.
            rows = self._forget(item_ids)
            self._emit_rows_changed(rows, 0, self.columnCount() - 1)
            return
        self._reload(items_changed=True)

    def _on_categories_changed(self) -> None:
        categories = self._session.categories()
        if [c.id for c in categories] == [c.id for c in self._categories]:
            # A rename, recolour or new key: same columns, new headers.
            self._set_categories(categories)
            self.headerDataChanged.emit(
                Qt.Orientation.Horizontal, FIRST_CATEGORY_COLUMN, self.comment_column - 1
            )
            if self.rowCount():
                self._emit_rows_changed(
                    [0, self.rowCount() - 1], FIRST_CATEGORY_COLUMN, self.comment_column - 1
                )
            return
        self._reload(items_changed=False)

    def _reload(self, items_changed: bool) -> None:
        """Columns or rows changed shape: start over from the session (the sort is kept)."""
        self.beginResetModel()
        self._set_categories(self._session.categories())
        self._rows.clear()
        self._waiting_thumbnails.clear()
        if self._sort is not None:
            what, category_id, descending = self._sort
            if what == "category" and category_id not in {c.id for c in self._categories}:
                self._sort, self._order = None, None
            elif items_changed:
                self._order = sort_positions(self._columns, what, category_id, descending)
        self._rebuild_rows()
        self.endResetModel()

    def _rebuild_rows(self) -> None:
        """The row index from the sort order."""
        ids = self._columns.ids
        self._ids = (ids if self._order is None else ids[self._order]).tolist()
        self._row_of = dict(zip(self._ids, range(len(self._ids)), strict=True))

    # ---------------------------------------------------- whole-column access
    def distinct_values(self, column: str) -> list[str]:
        """The distinct labels or predictions, in natural order (for the filter bar)."""
        return self._columns.distinct(column)

    # ---------------------------------------------------------------- sorting
    def sorted_by(self) -> tuple[int, Qt.SortOrder]:
        """The column the rows are sorted by now and its direction; (-1, ascending) for none.

        Columns move when categories are added or removed; the view asks this
        after a reset so its sort arrow names the right column.
        """
        if self._sort is None:
            return -1, Qt.SortOrder.AscendingOrder
        what, category_id, descending = self._sort
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        fixed = {
            "image": COL_IMAGE, "label": COL_LABEL, "prediction": COL_PREDICTION,
            "score": COL_SCORE, "comment": self.comment_column, "reviewed": self.reviewed_column,
        }
        if what == "category" and category_id is not None:
            return self.category_column(category_id), order
        return fixed.get(what, -1), order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by a column (stable: ties keep the review order)."""
        # Column -1 (no sort indicator) is the review order, whatever the direction.
        descending = order == Qt.SortOrder.DescendingOrder and column >= 0
        category = self.column_category(column)
        if column < 0:
            what, category_id = "position", None
        elif category is not None:
            what, category_id = "category", category.id
        elif column in (COL_THUMBNAIL, COL_IMAGE):
            what, category_id = "image", None
        elif column == COL_LABEL:
            what, category_id = "label", None
        elif column == COL_PREDICTION:
            what, category_id = "prediction", None
        elif column == COL_SCORE:
            what, category_id = "score", None
        elif column == self.comment_column:
            what, category_id = "comment", None
        elif column == self.reviewed_column:
            what, category_id = "reviewed", None
        else:
            return
        self.sort_by(what, category_id, descending)

    def sort_by(self, what: str, category_id: int | None = None, descending: bool = False) -> None:
        """Reorder the rows by a key of :func:`sort_positions` (the grid's sorts that have
        no column: confusion pair, a suggestion score)."""
        if what == "position" and not descending and self._sort is None:
            return  # already in review order (the view asks for it when sorting is enabled)
        review_order = what == "position" and not descending
        order = (
            None if review_order else sort_positions(self._columns, what, category_id, descending)
        )
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids
        self._order = order
        self._sort = None if review_order else (what, category_id, descending)
        self._rebuild_rows()
        persistent = self.persistentIndexList()
        if persistent:
            moved = [
                self.index(self._row_of[old_ids[p.row()]], p.column()) if p.isValid() else p
                for p in persistent
            ]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
