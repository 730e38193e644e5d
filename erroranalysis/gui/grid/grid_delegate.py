"""Paints one grid cell: the thumbnail, category chips, the review state, a caption.

Everything a cell shows is read in one call (:meth:`ItemTableModel.row_data`,
cached per row by the model) and drawn with plain ``QPainter`` calls: no
style sheet and no widget per item. A ticked category is a filled chip in its
colour; a category suggested on the item and not decided yet is a dashed,
hollow chip (it is not a tick, and the tally does not count it).

Scrolling repaints every visible cell, so a repaint must cost next to nothing:
a cell whose thumbnail has arrived is composed once into a picture of its own
(the thumbnail scaled to fit, the badge, the chips, the caption) and later
paints blit that picture. The picture is keyed by everything it shows (the
decoded image, the size, the state, the ticks, the suggestions, the caption),
so a tick, an undo, a new thumbnail or a new size makes it again at the next
paint; there is nothing to invalidate by hand. Only the selection and the
focus frame are drawn live, around it. A cell still loading is drawn from
small pictures made once (the badge, the chips, the caption text).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from erroranalysis.core.categories import Category
from erroranalysis.core.session import REVIEWED, SKIPPED

ModelIndex = QModelIndex | QPersistentModelIndex

#: Cells narrower than this show no caption (the thumbnail is all there is room for).
CAPTION_FROM_SIDE = 64
PADDING = 4
CHIP_GAP = 2
_REVIEWED_COLOR = QColor("#16a34a")
_SKIPPED_COLOR = QColor("#6b7280")
_LOADING = QColor(128, 128, 128, 40)
#: Composed cell pictures kept for repaints, one per item (a screen of 300 cells at
#: 40 px is 4 MB, of 30 cells at 200 px 6 MB; scrolling back finds them here).
CELL_CACHE_BYTES = 64 * 1024 * 1024
#: Caption pictures kept (one per distinct "label → prediction" text and size).
CAPTION_CACHE_SIZE = 1024
_SELECTED = QStyle.StateFlag.State_Selected
_FOCUS = QStyle.StateFlag.State_HasFocus


class GridDelegate(QStyledItemDelegate):
    """Paints cells of side :attr:`side` from a row source and a thumbnail source.

    ``row_of(index)`` returns the model's row data (image path, ticks,
    state, label, prediction) and ``thumbnail(index, path)`` the decoded
    image or ``None`` while it loads; ``pending(item_id)`` the categories
    suggested on the item and not decided.
    """

    def __init__(
        self,
        row_of: Callable[[ModelIndex], Any],
        thumbnail: Callable[[ModelIndex, str], QImage | None],
        item_id_of: Callable[[ModelIndex], int],
        pending: Callable[[int], tuple[int, ...]],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._row_of = row_of
        self._thumbnail = thumbnail
        self._item_id_of = item_id_of
        self._pending = pending
        self.side = 120
        self.categories: list[Category] = []
        self._colors: dict[int, QColor] = {}
        self._font = QFont()
        self._metrics = QFontMetrics(self._font)
        # item id -> (what the picture shows, the picture)
        self._cells: OrderedDict[int, tuple[tuple, QImage]] = OrderedDict()  # type: ignore[type-arg]
        self._cell_bytes = 0
        self._captions: OrderedDict[tuple, QImage] = OrderedDict()  # type: ignore[type-arg]
        self._sprites: dict[tuple, QImage] = {}  # type: ignore[type-arg]
        #: Cell pictures composed since the delegate was made (tests and benchmarks read it).
        self.composed = 0

    def set_categories(self, categories: list[Category]) -> None:
        self.categories = categories
        self._colors = {c.id: QColor(c.color or "#888888") for c in categories}
        self.forget_pictures()

    def set_font(self, font: QFont) -> None:
        self._font = QFont(font)
        self._font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        self._metrics = QFontMetrics(self._font)
        self.forget_pictures()

    @property
    def caption_height(self) -> int:
        return self._metrics.height() + 2 if self.side >= CAPTION_FROM_SIDE else 0

    def cell_size(self) -> QSize:
        return QSize(self.side + 2 * PADDING, self.side + 2 * PADDING + self.caption_height)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return self.cell_size()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        state = option.state
        self.paint_cell(
            painter,
            option.rect,
            index,
            bool(state & _SELECTED),
            bool(state & _FOCUS),
            option.palette,
        )

    def paint_cell(
        self,
        painter: QPainter,
        rect: QRect,
        index: ModelIndex,
        selected: bool,
        focused: bool,
        palette: QPalette,
    ) -> None:
        """One cell in ``rect``: :meth:`paint` without the style option (the grid's
        list calls it for every visible cell from one paint event)."""
        # The hot path of scrolling: one blit of the cell's composed picture, or,
        # while its thumbnail loads, a grey box and a few small ready-made pictures.
        row = self._row_of(index)
        item_id = self._item_id_of(index)
        ratio = painter.device().devicePixelRatioF()
        if selected:
            painter.fillRect(rect, palette.highlight().color().lighter(160))
        pending = self._pending(item_id)
        text_color = palette.text().color()
        image = self._thumbnail(index, row.thumbnail_files)
        if image is not None and not image.isNull():
            picture = self.cell_picture(item_id, row, image, pending, text_color, ratio)
            painter.drawImage(rect.topLeft(), picture)
        else:
            left, top = rect.left(), rect.top()
            painter.fillRect(QRect(left + PADDING, top + PADDING, self.side, self.side), _LOADING)
            self._decorate(painter, left, top, row, pending, text_color, ratio)
        if selected:
            painter.save()
            painter.setPen(QPen(palette.highlight().color(), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5))
            painter.restore()
        elif focused:
            painter.save()
            painter.setPen(QPen(palette.highlight().color(), 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5))
            painter.restore()

    # ------------------------------------------------------- cached pictures
    def forget_pictures(self) -> None:
        """Sizes, fonts or colours changed: make the cell pictures, captions and chips again."""
        self._cells.clear()
        self._cell_bytes = 0
        self._captions.clear()
        self._sprites.clear()

    def cached_cell(self, item_id: int) -> QImage | None:
        """The composed picture of an item's cell kept for repaints, if any."""
        entry = self._cells.get(item_id)
        return entry[1] if entry is not None else None

    def cell_picture(
        self,
        item_id: int,
        row: Any,
        image: QImage,
        pending: tuple[int, ...],
        text_color: QColor,
        ratio: float,
    ) -> QImage:
        """The cell of ``item_id`` with its thumbnail ``image``, composed once per look.

        Kept while what it shows is unchanged; anything painted on it (the
        image, the size, the state, the ticks, the pending suggestions, the
        caption or its colour) makes a new one, replacing the old.
        """
        key = (
            image.cacheKey(),
            self.side,
            ratio,
            row.state,
            row.ticks,
            pending,
            row.label,
            row.prediction,
            text_color.rgba(),
        )
        cells = self._cells
        entry = cells.get(item_id)
        if entry is not None and entry[0] == key:
            cells.move_to_end(item_id)
            return entry[1]
        picture = self._compose(row, image, pending, text_color, ratio)
        self.composed += 1
        if entry is not None:
            self._cell_bytes -= entry[1].sizeInBytes()
        cells[item_id] = (key, picture)
        cells.move_to_end(item_id)
        self._cell_bytes += picture.sizeInBytes()
        while self._cell_bytes > CELL_CACHE_BYTES and len(cells) > 1:
            _id, (_key, old) = cells.popitem(last=False)
            self._cell_bytes -= old.sizeInBytes()
        return picture

    def _compose(
        self,
        row: Any,
        image: QImage,
        pending: tuple[int, ...],
        text_color: QColor,
        ratio: float,
    ) -> QImage:
        cell = self.cell_size()
        picture = QImage(
            round(cell.width() * ratio),
            round(cell.height() * ratio),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        picture.setDevicePixelRatio(ratio)
        picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(picture)
        try:
            fitted = self._fit(image, ratio)
            width = round(fitted.width() / ratio)
            height = round(fitted.height() / ratio)
            painter.drawImage(
                QPoint(PADDING + (self.side - width) // 2, PADDING + (self.side - height) // 2),
                fitted,
            )
            self._decorate(painter, 0, 0, row, pending, text_color, ratio)
        finally:
            painter.end()
        return picture

    def _fit(self, image: QImage, ratio: float) -> QImage:
        """The thumbnail scaled (smoothly) to fit the cell, in device pixels."""
        side = round(self.side * ratio)
        if max(image.width(), image.height()) == side:
            fitted = QImage(image)
        else:
            fitted = image.scaled(
                side,
                side,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        fitted.setDevicePixelRatio(ratio)
        return fitted

    def _decorate(
        self,
        painter: QPainter,
        left: int,
        top: int,
        row: Any,
        pending: tuple[int, ...],
        text_color: QColor,
        ratio: float,
    ) -> None:
        """The badge, the chips and the caption of a cell whose top left is (left, top)."""
        box = QRect(left + PADDING, top + PADDING, self.side, self.side)
        self._paint_state(painter, box, row.state, ratio)
        self._paint_chips(painter, box, row.ticks, pending, ratio)
        if self.caption_height:
            text = row.label if row.label == row.prediction else f"{row.label} → {row.prediction}"
            painter.drawImage(
                QPoint(box.left(), box.bottom() + 1), self._caption(text, text_color, ratio)
            )

    def _caption(self, text: str, color: QColor, ratio: float) -> QImage:
        """The caption line, elided to the cell, drawn once per text, size and colour."""
        key = (text, self.side, color.rgba(), ratio)
        caption = self._captions.get(key)
        if caption is not None:
            self._captions.move_to_end(key)
            return caption
        height = self.caption_height
        caption = QImage(
            round(self.side * ratio),
            round(height * ratio),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        caption.setDevicePixelRatio(ratio)
        caption.fill(Qt.GlobalColor.transparent)
        painter = QPainter(caption)
        try:
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.setFont(self._font)
            painter.setPen(color)
            painter.drawText(
                QRect(0, 0, self.side, height),
                Qt.AlignmentFlag.AlignCenter,
                self._metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, self.side),
            )
        finally:
            painter.end()
        self._captions[key] = caption
        while len(self._captions) > CAPTION_CACHE_SIZE:
            self._captions.popitem(last=False)
        return caption

    def _sprite(self, key: tuple, side: int, ratio: float, draw) -> QImage:  # type: ignore[no-untyped-def, type-arg]
        """A small picture (badge, chip) drawn once per size and colour, then blitted."""
        full = (*key, side, ratio)
        sprite = self._sprites.get(full)
        if sprite is None:
            sprite = QImage(
                round(side * ratio), round(side * ratio), QImage.Format.Format_ARGB32_Premultiplied
            )
            sprite.setDevicePixelRatio(ratio)
            sprite.fill(Qt.GlobalColor.transparent)
            painter = QPainter(sprite)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw(painter, QRectF(0, 0, side, side))
            painter.end()
            self._sprites[full] = sprite
        return sprite

    def _badge_side(self) -> int:
        return max(10, min(20, self.side // 6))

    def _paint_state(self, painter: QPainter, box: QRect, state: int, ratio: float) -> None:
        """Reviewed: a green tick badge; skipped: a grey "?" badge; not reviewed: nothing."""
        if state not in (REVIEWED, SKIPPED):
            return
        side = self._badge_side()
        sprite = self._sprite(("state", state), side, ratio, self._draw_badge(state))
        painter.drawImage(QPoint(box.right() - side - 1, box.top() + 2), sprite)

    def _draw_badge(self, state: int):  # type: ignore[no-untyped-def]
        def draw(painter: QPainter, badge: QRectF) -> None:
            side = badge.width()
            painter.setPen(QPen(QColor("white"), 1.2))
            painter.setBrush(_REVIEWED_COLOR if state == REVIEWED else _SKIPPED_COLOR)
            painter.drawEllipse(badge.adjusted(0.5, 0.5, -0.5, -0.5))
            painter.setPen(QPen(QColor("white"), max(1.5, side / 8)))
            if state == REVIEWED:
                center = badge.center()
                painter.drawPolyline(
                    [
                        center + _offset(-0.25 * side, 0.02 * side),
                        center + _offset(-0.07 * side, 0.2 * side),
                        center + _offset(0.26 * side, -0.18 * side),
                    ]
                )
            else:
                font = QFont(self._font)
                font.setBold(True)
                font.setPixelSize(max(7, int(side * 0.7)))
                painter.setFont(font)
                painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "?")

        return draw

    def _paint_chips(
        self,
        painter: QPainter,
        box: QRect,
        ticks: frozenset[int],
        pending: tuple[int, ...],
        ratio: float,
    ) -> None:
        """Ticked categories as filled chips, suggested ones as dashed hollow chips, in the
        category order, along the bottom of the thumbnail."""
        if not ticks and not pending:
            return
        side = self._badge_side()
        x = box.left() + 2
        y = box.bottom() - side - 1
        limit = box.right() - 2
        for category in self.categories:
            ticked = category.id in ticks
            if not ticked and category.id not in pending:
                continue
            if x + side > limit:
                break
            sprite = self._sprite(
                ("chip", category.id, ticked), side, ratio, self._draw_chip(category, ticked)
            )
            painter.drawImage(QPoint(x, y), sprite)
            x += side + CHIP_GAP

    def _draw_chip(self, category: Category, ticked: bool):  # type: ignore[no-untyped-def]
        color = self._colors.get(category.id, QColor("#888888"))

        def draw(painter: QPainter, chip: QRectF) -> None:
            side = chip.width()
            if ticked:
                painter.setPen(QPen(QColor("white"), 1))
                painter.setBrush(color)
            else:
                painter.setBrush(QColor(255, 255, 255, 200))
                pen = QPen(color, 2, Qt.PenStyle.CustomDashLine)
                pen.setDashPattern([2, 1.5])
                painter.setPen(pen)
            painter.drawRoundedRect(chip.adjusted(1, 1, -1, -1), 3, 3)
            if category.shortcut and side >= 14 and len(category.shortcut) == 1:
                font = QFont(self._font)
                font.setBold(True)
                font.setPixelSize(max(7, int(side * 0.6)))
                painter.setFont(font)
                painter.setPen(QColor("white") if ticked else color.darker(130))
                painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, category.shortcut)

        return draw


def _offset(dx: float, dy: float) -> QPointF:
    return QPointF(dx, dy)
