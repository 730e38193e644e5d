"""The spreadsheet's paint: every visible cell in one Python call.

``QTableView`` paints cell by cell, and each cell is several trips from C++
into Python: the proxy's ``index()`` and ``flags()``, then the delegate,
whose ``initStyleOption`` asks the model for ten roles. On a 100,000-row
session a page of about 200 cells took 40-60 ms, most of it in those trips
(``perf``: two thirds of the paint's samples had Python under them), and
every scroll step repaints a page.

:class:`SheetPainter` does what ``QTableView::paintEvent`` does, in the same
order and through the same style calls, but reads each visible row once
(:meth:`ItemTableModel.row_data`, one block read per 64 rows) and hands the
values straight to the drawing:

* a text cell is drawn by the style's ``CE_ItemViewItem`` with the option
  ``QStyledItemDelegate.initStyleOption`` would make (text, alignment,
  elision: ``_ElideStartDelegate`` keeps its left elision);
* a tick cell shows nothing of its item but its state and tint, so it is
  drawn once per look (size, state, tint, selection, focus, alternate row)
  into a picture, through the delegate's own ``draw``, and blitted from then
  on; a cell that says "n/a" and screens with a fractional scale are drawn
  live, the same way;
* a thumbnail cell is drawn by its delegate from the model's memory of
  thumbnails; the ones missing are listed (:attr:`SheetPainter.missing`) and
  asked of the loader after the paint, never from inside it;
* selection and the focus cell come from the selection model, per paint;
  grid lines and alternating rows as ``QTableView`` draws them.

It declines (:meth:`SheetPainter.paint` returns ``False``, and the view
runs ``QTableView``'s own paint) when something it does not reproduce is
on: an open editor, right-to-left layout, hidden rows, a model or a
delegate it does not know. Spans are never set on this table; the hover
state is not passed (the app's style, Fusion under its style sheet, draws
hover nothing in item views). ``tests/gui/test_sheet_paint.py`` compares its
pixels with ``QTableView``'s own paint.
"""

from __future__ import annotations

import enum
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QLineF, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)


class SheetKind(enum.Enum):
    """How :class:`SheetPainter` draws a column (a delegate's ``sheet_kind``)."""

    TEXT = "text"
    CHECK = "check"
    THUMBNAIL = "thumbnail"


#: Tick-cell pictures kept (one per look: a handful of states times the column sizes).
CHECK_PICTURES = 512

_ROW_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewRow
_ITEM = QStyle.ControlElement.CE_ItemViewItem
_SELECTED = QStyle.StateFlag.State_Selected
_FOCUS = QStyle.StateFlag.State_HasFocus
_ENABLED = QStyle.StateFlag.State_Enabled
_ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate
_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_NORMAL = QStyleOptionViewItem.ViewItemFeature.None_
_ITEM_ENABLED = Qt.ItemFlag.ItemIsEnabled
_EDITING = QAbstractItemView.State.EditingState
_GRID_COLOR = QStyle.StyleHint.SH_Table_GridLineColor
_LEFT_TOP_LINES = QStyle.StyleHint.SH_Table_AlwaysDrawLeftTopGridLines
_SOLID = Qt.BrushStyle.SolidPattern


class SheetPainter:
    """Paints a :class:`QTableView` over an ``ItemFilterProxy`` in one call per paint event."""

    def __init__(self, view: QTableView) -> None:
        self._view = view
        # (look) -> picture of a tick cell; dropped when the style or palette changes.
        self._checks: OrderedDict[tuple, QPixmap] = OrderedDict()  # type: ignore[type-arg]
        self._checks_for: tuple[int, int] = (0, 0)
        #: Source rows painted without their thumbnail since the list was last taken.
        self.missing: list[int] = []
        #: Tick-cell pictures drawn since the painter was made (tests read it).
        self.composed = 0

    def forget_pictures(self) -> None:
        self._checks.clear()

    # ----------------------------------------------------------------- paint
    def paint(self, event: QPaintEvent) -> bool:
        """Paint the viewport's dirty region; ``False`` when ``QTableView`` must do it."""
        view = self._view
        proxy = view.model()
        model = getattr(proxy, "item_model", None)
        source_row = getattr(proxy, "source_row", None)
        if model is None or source_row is None:
            return False
        header = view.horizontalHeader()
        vertical = view.verticalHeader()
        if (
            view.state() == _EDITING  # an open editor: QTableView paints under it
            or view.isRightToLeft()
            or vertical.sectionsHidden()
            or header.count() == 0
            or vertical.count() == 0
        ):
            return False
        columns = self._columns(view, model)
        if columns is None:
            return False

        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        style = view.style()
        show_grid = view.showGrid()
        grid = 1 if show_grid else 0
        base_state = option.state
        if base_state & _ENABLED:
            # As QTableViewPrivate::drawCell does for an enabled cell (all are here).
            palette = option.palette
            palette.setCurrentColorGroup(palette.ColorGroup.Normal)
            option.palette = palette
        base_features = option.features
        alternate = view.alternatingRowColors()
        # The state and features a cell can have, made once (enum arithmetic is slow).
        states = (
            base_state,
            base_state | _SELECTED,
            base_state | _FOCUS,
            base_state | _SELECTED | _FOCUS,
        )
        features = (base_features, base_features | _ALTERNATE)
        text_features = (base_features | _HAS_DISPLAY, base_features | _HAS_DISPLAY | _ALTERNATE)
        text_option = QStyleOptionViewItem(option)
        elide_default = option.textElideMode
        align_default = option.displayAlignment

        viewport = view.viewport()
        ratio = viewport.devicePixelRatioF()
        background = viewport.palette().brush(viewport.backgroundRole())
        cache_checks = (
            ratio == int(ratio) and viewport.autoFillBackground() and background.style() == _SOLID
        )
        if cache_checks:
            owner = (id(style), option.palette.cacheKey())
            if owner != self._checks_for:
                self._checks.clear()
                self._checks_for = owner

        current = view.currentIndex()
        focused = current.isValid() and (view.hasFocus() or viewport.hasFocus())
        focus_row = current.row() if focused else -1
        focus_column = current.column() if focused else -1

        last_x = header.length() - header.offset() - 1
        last_y = vertical.length() - vertical.offset() - 1
        # The cells QTableView would consider (its "drawn" bit array's bounds).
        first_visual_row = max(vertical.visualIndexAt(0), 0)
        last_visual_row = vertical.visualIndexAt(vertical.height())
        if last_visual_row == -1:
            last_visual_row = proxy.rowCount() - 1
        first_visual_column = header.visualIndexAt(0)
        last_visual_column = header.visualIndexAt(header.width())
        if first_visual_column == -1:
            first_visual_column = 0
        if last_visual_column == -1:
            last_visual_column = header.count() - 1
        selected = self._selected(view, first_visual_row, last_visual_row)

        drawn: set[tuple[int, int]] = set()
        painter = QPainter(viewport)
        try:
            for dirty in event.region():
                if dirty.bottom() > last_y:
                    dirty.setBottom(last_y)
                if dirty.right() > last_x:
                    dirty.setRight(last_x)
                if not dirty.isValid():
                    continue
                left = header.visualIndexAt(dirty.left())
                right = header.visualIndexAt(dirty.right())
                if left == -1:
                    left = 0
                if right == -1:
                    right = header.count() - 1
                bottom = vertical.visualIndexAt(dirty.bottom())
                if bottom == -1:
                    bottom = vertical.count() - 1
                top = vertical.visualIndexAt(dirty.top())
                if top == -1 or top > bottom:
                    continue
                shown = [
                    c
                    for c in columns
                    if left <= c[0] <= right and first_visual_column <= c[0] <= last_visual_column
                ]
                rows = range(max(top, first_visual_row), min(bottom, last_visual_row) + 1)
                for visual_row in rows:
                    # No hidden rows (checked above): the visual row is the proxy row.
                    row_number = vertical.logicalIndex(visual_row)
                    y = view.rowViewportPosition(row_number)
                    height = view.rowHeight(row_number) - grid
                    alt = 1 if alternate and visual_row & 1 else 0
                    source = source_row(row_number)
                    row = model.row_data(source)
                    row_selected = selected.get(row_number, ())
                    for visual, column, x, width, kind, delegate, align, elide in shown:
                        if (visual_row, visual) in drawn:
                            continue
                        drawn.add((visual_row, visual))
                        look = (1 if any(a <= column <= b for a, b in row_selected) else 0) + (
                            2 if row_number == focus_row and column == focus_column else 0
                        )
                        if kind is SheetKind.CHECK:
                            state, tint = model.tick_of(row, column)
                            if cache_checks and state is not None:
                                key = (
                                    width,
                                    height,
                                    look,
                                    alt,
                                    state,
                                    tint.rgba() if tint is not None else 0,
                                    ratio,
                                )
                                picture = self._checks.get(key)
                                if picture is None:
                                    picture = self._check_picture(
                                        option,
                                        states[look],
                                        features[alt],
                                        width,
                                        height,
                                        ratio,
                                        background,
                                        delegate,
                                        state,
                                        tint,
                                        style,
                                    )
                                    self._checks[key] = picture
                                    if len(self._checks) > CHECK_PICTURES:
                                        self._checks.popitem(last=False)
                                painter.drawPixmap(x, y, picture)
                                continue
                        rect = QRect(x, y, width, height)
                        option.rect = rect
                        option.state = states[look]
                        option.features = features[alt]
                        # What QTableViewPrivate::drawCell draws under every delegate.
                        style.drawPrimitive(_ROW_PANEL, option, painter, view)
                        if kind is SheetKind.TEXT:
                            text = model.display_text(row, column)
                            text_option.rect = rect
                            text_option.state = states[look]
                            if text is None:
                                text_option.features = features[alt]
                                text_option.text = ""
                            else:
                                text_option.features = text_features[alt]
                                # QStyledItemDelegate.displayText shows a newline as a
                                # line separator.
                                text_option.text = text.replace("\n", "\u2028")
                            text_option.displayAlignment = align_default if align is None else align
                            text_option.textElideMode = elide_default if elide is None else elide
                            style.drawControl(_ITEM, text_option, painter, view)
                        elif kind is SheetKind.CHECK:
                            delegate.draw(painter, option, state, tint)
                        elif kind is SheetKind.THUMBNAIL:
                            image = model.cached_thumbnail(row)
                            if image is None:
                                self.missing.append(source)
                            delegate.draw(painter, option, image)
                        else:  # a delegate this painter does not know: its own paint
                            delegate.paint(painter, option, proxy.index(row_number, column))
                if show_grid:
                    self._grid(painter, view, style, option, dirty, top, bottom, left, shown)
        finally:
            painter.end()
        return True

    # --------------------------------------------------------------- helpers
    def _columns(self, view: QTableView, model: Any) -> list[tuple] | None:  # type: ignore[type-arg]
        """The visible columns in visual order: (visual index, logical index, x, width
        without the grid line, kind, delegate, alignment, elide mode); ``None`` when a
        column's delegate is not one this painter knows how to draw."""
        header = view.horizontalHeader()
        grid = 1 if view.showGrid() else 0
        default = view.itemDelegate()
        columns = []
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            if header.isSectionHidden(column):
                continue
            x = view.columnViewportPosition(column)
            width = view.columnWidth(column)
            if x + width <= 0 or x >= view.viewport().width():
                continue
            if not model.column_flags(column) & _ITEM_ENABLED:
                return None  # a disabled cell's palette: QTableView's own paint
            delegate = view.itemDelegateForColumn(column) or default
            kind = getattr(delegate, "sheet_kind", None)
            if kind is None and type(delegate) is QStyledItemDelegate:
                kind = SheetKind.TEXT
            align = model.column_alignment(column)
            columns.append(
                (
                    visual,
                    column,
                    x,
                    width - grid,
                    kind,
                    delegate,
                    None if align is None else Qt.AlignmentFlag(align),
                    getattr(delegate, "sheet_elide", None),
                )
            )
        return columns

    @staticmethod
    def _selected(view: QTableView, first: int, last: int) -> dict[int, list[tuple[int, int]]]:
        """Per visible row, the column spans selected (from the selection's ranges:
        ``isSelected`` per cell would call the proxy's ``parent()`` in Python)."""
        selection = view.selectionModel()
        spans: dict[int, list[tuple[int, int]]] = {}
        if selection is None:
            return spans
        for selected in selection.selection():
            top, bottom = selected.top(), selected.bottom()
            if bottom < first or top > last:
                continue
            span = (selected.left(), selected.right())
            for row in range(max(top, first), min(bottom, last) + 1):
                spans.setdefault(row, []).append(span)
        return spans

    def _check_picture(
        self,
        option: QStyleOptionViewItem,
        state: QStyle.StateFlag,
        features: QStyleOptionViewItem.ViewItemFeature,
        width: int,
        height: int,
        ratio: float,
        background: QBrush,
        delegate: Any,
        check: Qt.CheckState,
        tint: QColor | None,
        style: QStyle,
    ) -> QPixmap:
        """A tick cell drawn as on the viewport (its background first), to blit."""
        picture = QPixmap(QSize(round(width * ratio), round(height * ratio)))
        picture.setDevicePixelRatio(ratio)
        picture.fill(background.color())
        painter = QPainter(picture)
        try:
            option.rect = QRect(0, 0, width, height)
            option.state = state
            option.features = features
            style.drawPrimitive(_ROW_PANEL, option, painter, self._view)
            delegate.draw(painter, option, check, tint)
        finally:
            painter.end()
        self.composed += 1
        return picture

    @staticmethod
    def _grid(
        painter: QPainter,
        view: QTableView,
        style: QStyle,
        option: QStyleOptionViewItem,
        dirty: QRect,
        top: int,
        bottom: int,
        left_visual: int,
        columns: list[tuple],  # type: ignore[type-arg]
    ) -> None:
        """The grid lines of one dirty rectangle, as QTableView::paintEvent draws them."""
        vertical = view.verticalHeader()
        header = view.horizontalHeader()
        color = QColor.fromRgba(style.styleHint(_GRID_COLOR, option, view) & 0xFFFFFFFF)
        painter.setPen(QPen(color, 1, view.gridStyle()))
        left, right = dirty.left() + 0.5, dirty.right() + 0.5
        for visual_row in range(top, bottom + 1):
            row = vertical.logicalIndex(visual_row)
            y = view.rowViewportPosition(row) + view.rowHeight(row) - 1 + 0.5
            painter.drawLine(QLineF(left, y, right, y))
        top_y, bottom_y = dirty.top() + 0.5, dirty.bottom() + 0.5
        for _visual, _column, x, width, *_rest in columns:
            line_x = x + width + 0.5  # width is already without the grid line
            painter.drawLine(QLineF(line_x, top_y, line_x, bottom_y))
        if style.styleHint(_LEFT_TOP_LINES, option, view):
            if header.isHidden():
                row = vertical.logicalIndex(top)
                row_y = view.rowViewportPosition(row)
                if row_y == dirty.top():
                    painter.drawLine(dirty.left(), row_y, dirty.right(), row_y)
            if vertical.isHidden():
                column = header.logicalIndex(left_visual)
                if not header.isSectionHidden(column):
                    column_x = view.columnViewportPosition(column)
                    if column_x == dirty.left():
                        painter.drawLine(column_x, dirty.top(), column_x, dirty.bottom())
