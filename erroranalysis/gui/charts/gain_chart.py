"""The prioritisation picture: one bar per category, its max gain with a 95% whisker.

Drawn with QPainter (no QtCharts, which PySide6-Essentials lacks): horizontal
bars, largest gain on top, in each category's colour, the axis in percentage
points of dev error. Horizontal bars leave room for long category names
(and 中文 ones) on the left, elided only when the widget is very narrow.
Without a dev set size there are no gains; the chart then shows each
category's share of the reviewed errors and says so on the axis.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from erroranalysis.core.categories import Category
from erroranalysis.core.report import interval, percent
from erroranalysis.core.tally import Tally
from erroranalysis.gui.i18n import translate

ROW_HEIGHT = 30
BAR_FRACTION = 0.62
PADDING = 10
GAP = 8


@dataclass(frozen=True)
class ChartRow:
    """One bar: a category's value (gain or share) and its 95% interval, as fractions."""

    category_id: int
    name: str
    color: QColor
    is_label_error: bool
    count: int
    value: float
    low: float
    high: float
    text: str
    tooltip: str


@dataclass(frozen=True)
class _Colors:
    background: QColor
    text: QColor
    muted: QColor
    grid: QColor
    whisker: QColor
    hover: QColor


def _colors_from(palette: QPalette) -> _Colors:
    text = palette.color(QPalette.ColorRole.WindowText)
    base = palette.color(QPalette.ColorRole.Base)
    muted = QColor(text)
    muted.setAlpha(170)
    grid = QColor(text)
    grid.setAlpha(40)
    hover = palette.color(QPalette.ColorRole.Highlight)
    hover.setAlpha(45)
    return _Colors(base, text, muted, grid, QColor(text), hover)


#: Colours for an exported PNG: light and neutral whatever the desktop theme.
EXPORT_COLORS = _Colors(
    QColor("#ffffff"),
    QColor("#202124"),
    QColor("#5f6368"),
    QColor(0, 0, 0, 38),
    QColor("#202124"),
    QColor(0, 0, 0, 0),
)


def nice_step(span: float, target_ticks: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten), about ``target_ticks`` ticks."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / max(1, target_ticks)
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if multiple * power >= raw:
            return multiple * power
    return 10 * power


def axis_scale(largest: float, max_ticks: int = 6) -> tuple[float, float]:
    """(axis maximum, tick step) for data up to ``largest``: the tightest round axis.

    Tries 3 to ``max_ticks`` intervals and keeps the one that wastes the
    least room (10.3 gets 0-12 in steps of 2, not 0-15 in steps of 5).
    """
    if largest <= 0 or not math.isfinite(largest):
        return 1.0, 0.25
    best: tuple[float, float] | None = None
    for target in range(3, max(3, max_ticks) + 1):
        step = nice_step(largest, target)
        axis_max = step * math.ceil(largest / step - 1e-9)
        # Least wasted room first; on a tie, more ticks (a finer scale) win.
        if axis_max / step <= max_ticks and (best is None or (axis_max, step) < best):
            best = (axis_max, step)
    if best is None:
        step = nice_step(largest, max_ticks)
        best = (step * math.ceil(largest / step - 1e-9), step)
    return best


def _tick_label(value: float) -> str:
    """``2.5`` -> ``2.5``, ``2.0`` -> ``2``: no trailing zeros on the axis."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def ordered_by_gain(tally: Tally) -> pd.DataFrame:
    """:meth:`Tally.by_gain` (the CLI's order) with a ``category_id`` column."""
    table = tally.table.assign(category_id=[c.id for c in tally.categories])
    return replace(tally, table=table).by_gain()


def gain_records(tally: Tally) -> list[dict[str, Any]]:
    """The rows of :func:`ordered_by_gain` as plain dicts, without building a frame.

    Computed on every tick (the tally panel and the chart share one list): a
    sort of 20 numbers must not cost the milliseconds of a DataFrame ``iloc``.
    """
    if not tally.categories:
        return []
    gain = tally.column("max_gain").astype(float)
    key = np.where(np.isnan(gain), tally.column("share").astype(float), gain)
    order = np.lexsort((np.arange(len(key)), -tally.column("count"), -key))
    # Column lists, then rows: a third of what ``to_dict("records")`` costs.
    columns = tally.column_lists()
    columns["category_id"] = [c.id for c in tally.categories]
    return [{name: values[i] for name, values in columns.items()} for i in order.tolist()]


def chart_rows(
    tally: Tally, categories: list[Category], records: list[dict[str, Any]] | None = None
) -> tuple[list[ChartRow], bool]:
    """The bars, largest first, and whether they are gains (else shares: no dev size)."""
    by_id = {c.id: c for c in categories}
    gains = tally.dev_error is not None
    rows = []
    for record in gain_records(tally) if records is None else records:
        category = by_id.get(int(record["category_id"]))
        color = QColor(category.color) if category and category.color else QColor("#7f7f7f")
        if gains:
            value, low, high = record["max_gain"], record["max_gain_low"], record["max_gain_high"]
            text = percent(value, 2).replace("%", " pp")
        else:
            value, low, high = record["share"], record["share_low"], record["share_high"]
            text = percent(value)
        share_interval = interval(record["share_low"], record["share_high"])
        tooltip = translate(
            "gain_chart", "{0}\n{1} of {reviewed} reviewed errors: {2} (95%: {share_interval})"
        ).format(
            record["name"],
            int(record["count"]),
            percent(record["share"]),
            reviewed=tally.reviewed,
            share_interval=share_interval,
        )
        if gains:
            gain_interval = interval(record["max_gain_low"], record["max_gain_high"], 2)
            tooltip += translate(
                "gain_chart",
                "\nMax gain {0} of the dev set "
                "(95%: {gain_interval})"
                "\nCeiling: dev error {1} at best",
            ).format(
                percent(record["max_gain"], 2),
                percent(record["ceiling_error"], 2),
                gain_interval=gain_interval,
            )
        tooltip += translate("gain_chart", "\nClick to see these items")
        rows.append(
            ChartRow(
                category_id=int(record["category_id"]),
                name=str(record["name"]),
                color=color,
                is_label_error=record["kind"] == "label_error",
                count=int(record["count"]),
                value=float(value),
                low=float(low),
                high=float(high),
                text=text,
                tooltip=tooltip,
            )
        )
    return rows, gains


class GainChart(QWidget):
    """Horizontal bars of each category's max gain (or share) with 95% whiskers."""

    category_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ChartRow] = []
        self._gains = True
        self._reviewed = 0
        self._hover = -1
        self._step = 1.0
        self.setMouseTracking(True)
        self.setMinimumHeight(self._height_for(0))
        self.setMinimumWidth(240)

    # ------------------------------------------------------------------ data
    def set_tally(
        self, tally: Tally, categories: list[Category],
        records: list[dict[str, Any]] | None = None,
    ) -> None:
        """Show ``tally`` (bars ordered by gain) with the colours of ``categories``;
        ``records``: :func:`gain_records` of it, when the caller has them already."""
        rows, self._gains = chart_rows(tally, categories, records)
        resized = len(rows) != len(self._rows)
        self._rows = rows
        self._reviewed = tally.reviewed
        self._hover = -1
        if resized:
            # Only a new number of bars changes the height: a tick must not make the
            # whole dock lay out again.
            self.setMinimumHeight(self._height_for(len(self._rows)))
            self.updateGeometry()
        self.update()

    @property
    def rows(self) -> list[ChartRow]:
        return list(self._rows)

    @property
    def shows_gains(self) -> bool:
        return self._gains

    def axis_caption(self) -> str:
        if self._gains:
            return self.tr("Max gain, percentage points of dev error (whiskers: 95% interval)")
        return self.tr("Share of reviewed errors, % (whiskers: 95% interval)")

    # --------------------------------------------------------------- layout
    def _height_for(self, rows: int) -> int:
        metrics = self.fontMetrics()
        # Tick labels, then the caption on up to two lines.
        axis = metrics.height() * 3 + 2 * GAP + 6
        return PADDING + max(1, rows) * ROW_HEIGHT + axis + PADDING

    def sizeHint(self) -> QSize:
        return QSize(420, self._height_for(len(self._rows)))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self._height_for(len(self._rows)))

    def _plot(self, rect: QRect, metrics: QFontMetrics) -> tuple[QRectF, float, float, float]:
        """(bar area, label column width, axis maximum, value-label width) for ``rect``."""
        width = rect.width() - 2 * PADDING
        widest_name = max((metrics.horizontalAdvance(r.name) for r in self._rows), default=0)
        # Names get up to 42% of the width; beyond that they are elided (full in the tooltip).
        label_width = min(widest_name, int(width * 0.42)) + GAP
        value_width = max((metrics.horizontalAdvance(r.text) for r in self._rows), default=0) + GAP
        top = rect.top() + PADDING
        bars_height = max(1, len(self._rows)) * ROW_HEIGHT
        left = rect.left() + PADDING + label_width
        plot = QRectF(left, top, max(40.0, width - label_width - value_width), bars_height)
        largest = max((max(r.high, r.value) for r in self._rows), default=0.0)
        # The finest round scale whose tick labels do not touch (at most six intervals).
        for max_ticks in range(6, 1, -1):
            axis_max, self._step = axis_scale(100 * largest, max_ticks)
            intervals = round(axis_max / self._step)
            widest = max(
                metrics.horizontalAdvance(_tick_label(self._step * i)) for i in range(intervals + 1)
            )
            if plot.width() / intervals >= widest + 6:
                break
        return plot, label_width, axis_max, value_width

    # -------------------------------------------------------------- drawing
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.paint(painter, self.rect(), _colors_from(self.palette()), hover=self._hover)
        finally:
            painter.end()

    def paint(self, painter: QPainter, rect: QRect, colors: _Colors, hover: int = -1) -> None:
        """Draw the chart into ``rect`` (the widget, or an exported image)."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(self.font())
        metrics = painter.fontMetrics()
        if not self._rows or self._reviewed == 0:
            painter.setPen(colors.muted)
            message = (
                self.tr("No categories yet: add one to start counting")
                if not self._rows
                else self.tr(
                    "No reviewed errors yet: tick categories while reviewing and the bars appear"
                )
            )
            painter.drawText(
                QRectF(rect).adjusted(PADDING, PADDING, -PADDING, -PADDING),
                int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
                message,
            )
            return
        plot, label_width, axis_max, _value_width = self._plot(rect, metrics)
        x_of = lambda fraction: plot.left() + plot.width() * min(1.0, 100 * fraction / axis_max)  # noqa: E731

        # Grid lines and the axis under the bars.
        step = self._step
        ticks = [step * i for i in range(round(axis_max / step) + 1)]
        axis_y = plot.bottom() + 4
        for tick in ticks:
            x = plot.left() + plot.width() * tick / axis_max
            painter.setPen(QPen(colors.grid, 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, axis_y))
            painter.setPen(colors.muted)
            label = _tick_label(tick)
            half = metrics.horizontalAdvance(label) / 2
            painter.drawText(
                QRectF(x - half - 2, axis_y + 2, 2 * half + 4, metrics.height()),
                int(Qt.AlignmentFlag.AlignCenter),
                label,
            )
        painter.setPen(QPen(colors.muted, 1))
        painter.drawLine(QPointF(plot.left(), axis_y), QPointF(plot.right(), axis_y))
        # Centred under the plot when it fits on one line, else wrapped across the chart.
        caption_width = metrics.horizontalAdvance(self.axis_caption()) + 2
        full = QRectF(rect.left() + PADDING, 0, rect.width() - 2 * PADDING, 0)
        left = min(
            max(full.left(), plot.center().x() - caption_width / 2), full.right() - caption_width
        )
        if caption_width > full.width():
            left, caption_width = full.left(), full.width()
        caption_rect = QRectF(
            left, axis_y + metrics.height() + GAP, caption_width, 2 * metrics.height() + 2
        )
        painter.drawText(
            caption_rect,
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            | int(Qt.TextFlag.TextWordWrap),
            self.axis_caption(),
        )

        for i, row in enumerate(self._rows):
            top = plot.top() + i * ROW_HEIGHT
            band = QRectF(rect.left() + 2, top, rect.width() - 4, ROW_HEIGHT)
            if i == hover:
                painter.fillRect(band, colors.hover)
            middle = top + ROW_HEIGHT / 2
            painter.setPen(colors.text)
            name = metrics.elidedText(row.name, Qt.TextElideMode.ElideRight, int(label_width - GAP))
            painter.drawText(
                QRectF(rect.left() + PADDING, top, label_width - GAP, ROW_HEIGHT),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                name,
            )
            bar_height = ROW_HEIGHT * BAR_FRACTION
            bar = QRectF(
                plot.left(), middle - bar_height / 2, x_of(row.value) - plot.left(), bar_height
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(row.color)
            if bar.width() > 0.5:
                painter.drawRoundedRect(bar, 2, 2)
            if row.is_label_error and bar.width() > 2:
                # Hatched: this bar is about the labels, not the model.
                hatch = QBrush(QColor(255, 255, 255, 110), Qt.BrushStyle.BDiagPattern)
                painter.setBrush(hatch)
                painter.drawRoundedRect(bar, 2, 2)
            # The 95% whisker, with caps.
            low_x, high_x = x_of(row.low), x_of(row.high)
            pen = QPen(colors.whisker, 1.4)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            cap = bar_height * 0.32
            painter.drawLine(QPointF(low_x, middle), QPointF(high_x, middle))
            painter.drawLine(QPointF(low_x, middle - cap), QPointF(low_x, middle + cap))
            painter.drawLine(QPointF(high_x, middle - cap), QPointF(high_x, middle + cap))
            painter.setPen(colors.text)
            text_left = max(bar.right(), high_x) + 5
            painter.drawText(
                QRectF(text_left, top, rect.right() - text_left, ROW_HEIGHT),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                row.text,
            )

    # ------------------------------------------------------------ interaction
    def row_at(self, y: float) -> int:
        """The bar under a y coordinate, or -1."""
        if not self._rows:
            return -1
        index = int((y - PADDING) // ROW_HEIGHT)
        return index if 0 <= index < len(self._rows) and y >= PADDING else -1

    def row_rect(self, index: int) -> QRect:
        return QRect(0, PADDING + index * ROW_HEIGHT, self.width(), ROW_HEIGHT)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.row_at(event.position().y())
        if index != self._hover:
            self._hover = index
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if index >= 0 else Qt.CursorShape.ArrowCursor
            )
            self.update()
        if index >= 0:
            QToolTip.showText(event.globalPosition().toPoint(), self._rows[index].tooltip, self)
        else:
            QToolTip.hideText()

    def leaveEvent(self, _event: object) -> None:
        self._hover = -1
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.row_at(event.position().y())
            if index >= 0:
                self.category_clicked.emit(self._rows[index].category_id)

    # --------------------------------------------------------------- export
    def render_png(self, path: str | Path, size: QSize | None = None, title: str = "") -> bool:
        """Write the chart as a PNG (light background, 2x pixels); True on success.

        ``size`` is in logical pixels (default: wide enough to read, tall
        enough for every bar); ``title`` is drawn above the bars.
        """
        width = size.width() if size is not None else 900
        font = QFont(self.font())
        metrics = QFontMetrics(font)
        title_height = metrics.height() * 2 if title else 0
        height = (
            size.height() if size is not None else self._height_for(len(self._rows)) + title_height
        )
        ratio = 2.0
        image = QImage(
            int(width * ratio), int(height * ratio), QImage.Format.Format_ARGB32_Premultiplied
        )
        image.setDevicePixelRatio(ratio)
        image.fill(EXPORT_COLORS.background)
        painter = QPainter(image)
        try:
            painter.setFont(font)
            if title:
                bold = QFont(font)
                bold.setBold(True)
                painter.setFont(bold)
                painter.setPen(EXPORT_COLORS.text)
                painter.drawText(
                    QRectF(PADDING, PADDING / 2, width - 2 * PADDING, title_height),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    QFontMetrics(bold).elidedText(
                        title, Qt.TextElideMode.ElideRight, width - 2 * PADDING
                    ),
                )
                painter.setFont(font)
            self.paint(painter, QRect(0, title_height, width, height - title_height), EXPORT_COLORS)
        finally:
            painter.end()
        return image.save(str(path), "PNG")
