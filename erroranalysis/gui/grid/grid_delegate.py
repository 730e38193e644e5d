"""Paints one grid cell: the thumbnail, category chips, the review state, a caption.

Everything a cell shows is read in one call (:meth:`ItemTableModel.row_data`,
cached per row by the model) and drawn with plain ``QPainter`` calls: no
style sheet and no widget per item, so a screen of 200 cells paints in a few
milliseconds. A ticked category is a filled chip in its colour; a category
suggested on the item and not decided yet is a dashed, hollow chip (it is
not a tick, and the tally does not count it).
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
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
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
#: Thumbnails scaled to the cell size, kept for repaints (a screen of 200 cells at
#: 200 px is 32 MB; scrolling back finds them here).
FITTED_CACHE_BYTES = 64 * 1024 * 1024
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
        self._fitted_cache: OrderedDict[tuple[str, int, int], QImage] = OrderedDict()
        self._fitted_bytes = 0
        self._sprites: dict[tuple, QImage] = {}  # type: ignore[type-arg]

    def set_categories(self, categories: list[Category]) -> None:
        self.categories = categories
        self._colors = {c.id: QColor(c.color or "#888888") for c in categories}
        self._sprites.clear()

    def set_font(self, font: QFont) -> None:
        self._font = QFont(font)
        self._font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        self._metrics = QFontMetrics(self._font)

    @property
    def caption_height(self) -> int:
        return self._metrics.height() + 2 if self.side >= CAPTION_FROM_SIDE else 0

    def cell_size(self) -> QSize:
        return QSize(self.side + 2 * PADDING, self.side + 2 * PADDING + self.caption_height)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return self.cell_size()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        # The hot path of scrolling: everything but the caption is a blit of a
        # picture made once (the scaled thumbnail, the badges, the chips).
        rect = option.rect
        row = self._row_of(index)
        selected = bool(option.state & _SELECTED)
        palette = option.palette
        ratio = painter.device().devicePixelRatioF()
        if selected:
            painter.fillRect(rect, palette.highlight().color().lighter(160))
        box = QRect(rect.left() + PADDING, rect.top() + PADDING, self.side, self.side)
        image = self._thumbnail(index, row.path)
        if image is not None and not image.isNull():
            fitted = self._fitted(row.path, image, ratio)
            width = round(fitted.width() / ratio)
            height = round(fitted.height() / ratio)
            painter.drawImage(
                QPoint(
                    box.left() + (self.side - width) // 2, box.top() + (self.side - height) // 2
                ),
                fitted,
            )
        else:
            painter.fillRect(box, _LOADING)
        self._paint_state(painter, box, row.state, ratio)
        self._paint_chips(painter, box, row.ticks, self._pending(self._item_id_of(index)), ratio)
        if self.caption_height:
            caption = QRect(rect.left() + PADDING, box.bottom() + 1, self.side, self.caption_height)
            painter.setFont(self._font)
            painter.setPen(palette.text().color())
            text = row.label if row.label == row.prediction else f"{row.label} → {row.prediction}"
            painter.drawText(
                caption,
                Qt.AlignmentFlag.AlignCenter,
                self._metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, self.side),
            )
        if selected:
            painter.save()
            painter.setPen(QPen(palette.highlight().color(), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5))
            painter.restore()
        elif option.state & _FOCUS:
            painter.save()
            painter.setPen(QPen(palette.highlight().color(), 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5))
            painter.restore()

    # ------------------------------------------------------- cached pictures
    def forget_pictures(self) -> None:
        """Sizes or colours changed: make the scaled thumbnails and chips again."""
        self._fitted_cache.clear()
        self._fitted_bytes = 0
        self._sprites.clear()

    def _fitted(self, path: str, image: QImage, ratio: float) -> QImage:
        """The thumbnail scaled (smoothly, once) to fit the cell, in device pixels."""
        side = round(self.side * ratio)
        key = (path, image.cacheKey(), side)
        cached = self._fitted_cache.get(key)
        if cached is not None:
            self._fitted_cache.move_to_end(key)
            return cached
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
        self._fitted_cache[key] = fitted
        self._fitted_bytes += fitted.sizeInBytes()
        while self._fitted_bytes > FITTED_CACHE_BYTES and len(self._fitted_cache) > 1:
            _key, old = self._fitted_cache.popitem(last=False)
            self._fitted_bytes -= old.sizeInBytes()
        return fitted

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
