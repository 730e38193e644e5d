"""Paints one grid cell: the thumbnail, category chips, the review state, a caption.

Everything a cell shows is read in one call (:meth:`ItemTableModel.row_data`,
cached per row by the model) and drawn with plain ``QPainter`` calls: no
style sheet and no widget per item, so a screen of 200 cells paints in a few
milliseconds. A ticked category is a filled chip in its colour; a category
suggested on the item and not decided yet is a dashed, hollow chip (it is
not a tick, and the tally does not count it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
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

    def set_categories(self, categories: list[Category]) -> None:
        self.categories = categories
        self._colors = {c.id: QColor(c.color or "#888888") for c in categories}

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
        rect = option.rect
        row = self._row_of(index)
        selected = bool(option.state & _SELECTED)
        palette = option.palette
        painter.save()
        if selected:
            painter.fillRect(rect, palette.highlight().color().lighter(160))
        box = QRect(rect.left() + PADDING, rect.top() + PADDING, self.side, self.side)
        image = self._thumbnail(index, row.path)
        if image is not None and not image.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            size = image.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(box.center())
            painter.drawImage(target, image)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_LOADING)
            painter.drawRect(box)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_state(painter, box, row.state)
        self._paint_chips(painter, box, row.ticks, self._pending(self._item_id_of(index)))
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
            pen = QPen(palette.highlight().color(), 3)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5))
        elif option.state & _FOCUS:
            painter.setPen(QPen(palette.highlight().color(), 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.restore()

    def _badge_side(self) -> int:
        return max(10, min(20, self.side // 6))

    def _paint_state(self, painter: QPainter, box: QRect, state: int) -> None:
        """Reviewed: a green tick badge; skipped: a grey "?" badge; not reviewed: nothing."""
        if state not in (REVIEWED, SKIPPED):
            return
        side = self._badge_side()
        badge = QRectF(box.right() - side - 1, box.top() + 2, side, side)
        painter.setPen(QPen(QColor("white"), 1.2))
        painter.setBrush(_REVIEWED_COLOR if state == REVIEWED else _SKIPPED_COLOR)
        painter.drawEllipse(badge)
        pen = QPen(QColor("white"), max(1.5, side / 8))
        painter.setPen(pen)
        if state == REVIEWED:
            x, y, s = badge.left(), badge.top(), side
            painter.drawPolyline(
                [
                    QRectF(x, y, s, s).center() + _offset(-0.25 * s, 0.02 * s),
                    QRectF(x, y, s, s).center() + _offset(-0.07 * s, 0.2 * s),
                    QRectF(x, y, s, s).center() + _offset(0.26 * s, -0.18 * s),
                ]
            )
        else:
            font = QFont(self._font)
            font.setBold(True)
            font.setPixelSize(max(7, int(side * 0.7)))
            painter.setFont(font)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "?")

    def _paint_chips(
        self, painter: QPainter, box: QRect, ticks: frozenset[int], pending: tuple[int, ...]
    ) -> None:
        """Ticked categories as filled chips, suggested ones as dashed hollow chips, in the
        category order, along the bottom of the thumbnail."""
        chips = [(c, c.id in ticks) for c in self.categories if c.id in ticks or c.id in pending]
        if not chips:
            return
        side = self._badge_side()
        x = box.left() + 2
        y = box.bottom() - side - 1
        limit = box.right() - 2
        for category, ticked in chips:
            if x + side > limit:
                break
            chip = QRectF(x, y, side, side)
            color = self._colors.get(category.id, QColor("#888888"))
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
            x += side + CHIP_GAP


def _offset(dx: float, dy: float) -> QPointF:
    return QPointF(dx, dy)
