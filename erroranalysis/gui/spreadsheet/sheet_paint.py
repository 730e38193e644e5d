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


#: Bytes of cell pictures kept (a tick cell is ~16 kB, a text cell up to ~60 kB).
PICTURE_BYTES = 24 * 1024 * 1024
#: A text column's cells are drawn from pictures while at least this share of its
#: lookups find one (labels, predictions, empty comments), else live (file names, ...).
TEXT_HIT_SHARE = 1 / 3
#: Lookups a text column gets before its share of hits is judged, and how many live
#: cells it paints before it is tried again.
TEXT_TRIAL = 16
TEXT_RETRY = 1024

#: Thumbnails listed as missing at most (a few screens; the view takes the list each turn).
MISSING_LIMIT = 512

_ROW_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewRow
_ITEM = QStyle.ControlElement.CE_ItemViewItem
_SELECTED = QStyle.StateFlag.State_Selected
_FOCUS = QStyle.StateFlag.State_HasFocus
_ENABLED = QStyle.StateFlag.State_Enabled
_ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate
_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_ITEM_ENABLED = Qt.ItemFlag.ItemIsEnabled
_EDITING = QAbstractItemView.State.EditingState
_GRID_COLOR = QStyle.StyleHint.SH_Table_GridLineColor
_LEFT_TOP_LINES = QStyle.StyleHint.SH_Table_AlwaysDrawLeftTopGridLines
_SOLID = Qt.BrushStyle.SolidPattern
# Column kinds as plain ints in the loop (an Enum member lookup is a Python call).
_TEXT, _CHECK, _THUMBNAIL, _OTHER = 0, 1, 2, 3
_KIND_CODES = {SheetKind.TEXT: _TEXT, SheetKind.CHECK: _CHECK, SheetKind.THUMBNAIL: _THUMBNAIL}


class SheetPainter:
    """Paints a :class:`QTableView` over an ``ItemFilterProxy`` in one call per paint event."""

    def __init__(self, view: QTableView) -> None:
        self._view = view
        # look -> picture of a cell; dropped when the style, palette or font changes.
        self._pictures: OrderedDict[tuple, QPixmap] = OrderedDict()  # type: ignore[type-arg]
        self._picture_bytes = 0
        self._pictures_for: tuple = ()  # type: ignore[type-arg]
        # text column -> [pictures found, pictures made, live cells since judged]
        self._text_stats: dict[int, list[int]] = {}
        #: Source rows painted without their thumbnail since the list was last taken.
        self.missing: list[int] = []
        #: Cell pictures drawn since the painter was made (tests read it).
        self.composed = 0

    def forget_pictures(self) -> None:
        self._pictures.clear()
        self._picture_bytes = 0
        self._text_stats.clear()

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

        viewport = view.viewport()
        ratio = viewport.devicePixelRatioF()
        background = viewport.palette().brush(viewport.backgroundRole())
        # A picture blitted is the cell drawn on the viewport only if the viewport's
        # background is one flat colour and the pixels line up (a whole scale factor).
        cache = (
            ratio == int(ratio) and viewport.autoFillBackground() and background.style() == _SOLID
        )
        if cache:
            owner = (
                id(style),
                option.palette.cacheKey(),
                option.font.key(),
                background.color().rgba(),
                ratio,
                int(base_state.value),
                int(base_features.value),
                header.count(),
            )
            if owner != self._pictures_for:
                self.forget_pictures()
                self._pictures_for = owner
        pictures = self._pictures
        text_stats = self._text_stats

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

        region = list(event.region())
        # Cells met by two rectangles of the region are drawn once (QTableView's bits).
        drawn: set[tuple[int, int]] | None = set() if len(region) > 1 else None
        tick_of = model.tick_of
        display_text = model.display_text
        painter = QPainter(viewport)
        try:
            for dirty in region:
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
                    row_selected = selected.get(row_number)
                    focus_here = focus_column if row_number == focus_row else -1
                    for visual, column, x, width, kind, delegate, align, elide, key_end in shown:
                        if drawn is not None:
                            if (visual_row, visual) in drawn:
                                continue
                            drawn.add((visual_row, visual))
                        # The focus cell is drawn live: its frame's antialiased corners
                        # come out a shade different drawn on a picture.
                        look = 2 if column == focus_here else 0
                        use = cache and not look
                        if row_selected is not None:
                            for first, last in row_selected:
                                if first <= column <= last:
                                    look += 1
                                    break
                        if kind == _CHECK:
                            check, tint = tick_of(row, column)
                            if use and check is not None:
                                key = (
                                    width,
                                    height,
                                    look,
                                    alt,
                                    check,
                                    0 if tint is None else tint.rgba(),
                                )
                                picture = pictures.get(key)
                                if picture is None:
                                    picture = self._compose(
                                        key,
                                        option,
                                        states[look],
                                        features[alt],
                                        width,
                                        height,
                                        ratio,
                                        background,
                                        delegate,
                                        _CHECK,
                                        (check, tint),
                                    )
                                painter.drawPixmap(x, y, picture)
                                continue
                        elif kind == _TEXT:
                            text = display_text(row, column)
                            if text is not None:
                                # QStyledItemDelegate.displayText: a newline is a line separator.
                                text = text.replace("\n", "\u2028")
                            stats = text_stats.get(column) if use else None
                            if use and stats is None:
                                stats = text_stats[column] = [0, 0, 0]
                            if stats is not None and (
                                stats[1] < TEXT_TRIAL or stats[0] >= TEXT_HIT_SHARE * stats[1]
                            ):
                                key = (text, width, height, look, alt, *key_end)
                                picture = pictures.get(key)
                                if picture is None:
                                    stats[1] += 1
                                    picture = self._compose(
                                        key,
                                        text_option,
                                        states[look],
                                        text_features[alt] if text is not None else features[alt],
                                        width,
                                        height,
                                        ratio,
                                        background,
                                        option,
                                        _TEXT,
                                        (text, align, elide),
                                    )
                                else:
                                    stats[0] += 1
                                painter.drawPixmap(x, y, picture)
                                continue
                            if stats is not None:
                                stats[2] += 1
                                if stats[2] >= TEXT_RETRY:  # try pictures again, afresh
                                    stats[:] = [0, 0, 0]
                        elif kind == _THUMBNAIL:
                            image = model.cached_thumbnail(row)
                            if image is None and len(self.missing) < MISSING_LIMIT:
                                self.missing.append(source)
                            if use:
                                image_key = 0 if image is None else image.cacheKey()
                                key = (width, height, look, alt, image_key, *key_end)
                                picture = pictures.get(key)
                                if picture is None:
                                    picture = self._compose(
                                        key,
                                        option,
                                        states[look],
                                        features[alt],
                                        width,
                                        height,
                                        ratio,
                                        background,
                                        delegate,
                                        _THUMBNAIL,
                                        image,
                                    )
                                painter.drawPixmap(x, y, picture)
                                continue
                        rect = QRect(x, y, width, height)
                        option.rect = rect
                        option.state = states[look]
                        option.features = features[alt]
                        # What QTableViewPrivate::drawCell draws under every delegate.
                        style.drawPrimitive(_ROW_PANEL, option, painter, view)
                        if kind == _TEXT:
                            self._text(
                                text_option,
                                rect,
                                states[look],
                                text_features[alt] if text is not None else features[alt],
                                text,
                                align,
                                elide,
                                painter,
                            )
                        elif kind == _CHECK:
                            delegate.draw(painter, option, check, tint)
                        elif kind == _THUMBNAIL:
                            delegate.draw(painter, option, image)
                        else:  # a delegate this painter does not know: its own paint
                            delegate.paint(painter, option, proxy.index(row_number, column))
                if show_grid:
                    self._grid(painter, view, style, option, dirty, top, bottom, left, shown)
        finally:
            painter.end()
        return True

    def _text(
        self,
        text_option: QStyleOptionViewItem,
        rect: QRect,
        state: QStyle.StateFlag,
        features: QStyleOptionViewItem.ViewItemFeature,
        text: str | None,
        align: Qt.AlignmentFlag,
        elide: Qt.TextElideMode,
        painter: QPainter,
    ) -> None:
        """A text cell as QStyledItemDelegate.paint draws it (after the row panel)."""
        text_option.rect = rect
        text_option.state = state
        text_option.features = features
        text_option.text = "" if text is None else text
        text_option.displayAlignment = align
        text_option.textElideMode = elide
        self._view.style().drawControl(_ITEM, text_option, painter, self._view)

    def _compose(
        self,
        key: tuple,  # type: ignore[type-arg]
        option: QStyleOptionViewItem,
        state: QStyle.StateFlag,
        features: QStyleOptionViewItem.ViewItemFeature,
        width: int,
        height: int,
        ratio: float,
        background: QBrush,
        delegate: Any,
        kind: int,
        content: Any,
    ) -> QPixmap:
        """A cell drawn as on the viewport (its background first), kept to blit.

        For a text cell ``delegate`` is the plain option of the row panel and
        ``option`` the text option; ``content`` is what the cell shows.
        """
        picture = QPixmap(QSize(round(width * ratio), round(height * ratio)))
        picture.setDevicePixelRatio(ratio)
        picture.fill(background.color())
        painter = QPainter(picture)
        view = self._view
        try:
            rect = QRect(0, 0, width, height)
            if kind == _TEXT:
                panel = delegate
                panel.rect = rect
                panel.state = state
                panel.features = features & ~_HAS_DISPLAY
                view.style().drawPrimitive(_ROW_PANEL, panel, painter, view)
                text, align, elide = content
                self._text(option, rect, state, features, text, align, elide, painter)
            else:
                option.rect = rect
                option.state = state
                option.features = features
                view.style().drawPrimitive(_ROW_PANEL, option, painter, view)
                if kind == _CHECK:
                    delegate.draw(painter, option, *content)
                else:
                    delegate.draw(painter, option, content)
        finally:
            painter.end()
        self.composed += 1
        pictures = self._pictures
        pictures[key] = picture
        self._picture_bytes += picture.width() * picture.height() * 4
        while self._picture_bytes > PICTURE_BYTES and len(pictures) > 1:
            _key, old = pictures.popitem(last=False)
            self._picture_bytes -= old.width() * old.height() * 4
        return picture

    # --------------------------------------------------------------- helpers
    def _columns(self, view: QTableView, model: Any) -> list[tuple] | None:  # type: ignore[type-arg]
        """The visible columns in visual order: (visual index, logical index, x, width
        without the grid line, kind, delegate, alignment, elide mode, picture key end);
        ``None`` when a column's cells are not enabled."""
        header = view.horizontalHeader()
        grid = 1 if view.showGrid() else 0
        default = view.itemDelegate()
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        align_default, elide_default = option.displayAlignment, option.textElideMode
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
            kind = _KIND_CODES.get(getattr(delegate, "sheet_kind", None), _OTHER)
            if type(delegate) is QStyledItemDelegate:
                kind = _TEXT
            alignment = model.column_alignment(column)
            align = align_default if alignment is None else Qt.AlignmentFlag(alignment)
            elide = getattr(delegate, "sheet_elide", None)
            if elide is None:  # (ElideLeft is 0: not "or")
                elide = elide_default
            # What a text or thumbnail picture's key adds to the cell's look.
            key_end = (kind, int(align.value), int(elide.value))
            columns.append((visual, column, x, width - grid, kind, delegate, align, elide, key_end))
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
