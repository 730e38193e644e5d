"""The error ladder as a picture: human -> train -> train-dev -> dev -> test (METHOD §4).

Drawn with QPainter (PySide6-Essentials has no QtCharts). Each known rung
is a horizontal bar on a shared percentage axis, lowest error on top; between
two neighbouring rungs a bracket spans the gap from one bar's end to the
next, labelled with its name and size ("variance +8.53%"). The primary
problem's gap is drawn in a strong colour on a tinted band, other gaps worth
working on in a softer one, the rest muted. Rungs that are not known are left
out (the panel around the chart says which and how to give them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from erroranalysis.core.diagnosis import LEVELS, Diagnosis
from erroranalysis.core.rates import format_percent
from erroranalysis.gui.charts.gain_chart import nice_step
from erroranalysis.gui.core_texts import advice, gap_title, level_title
from erroranalysis.gui.i18n import translate

PADDING = 10
GAP = 8
RUNG_HEIGHT = 30
GAP_ROW_HEIGHT = 26
BAR_FRACTION = 0.6

#: Okabe-Ito colours (colour-blind safe, as the default categories use).
HUMAN_COLOR = QColor("#009E73")
RUNG_COLOR = QColor("#56B4E9")
PRIMARY_COLOR = QColor("#D55E00")
PROBLEM_COLOR = QColor("#E69F00")

#: The gap between two neighbouring known rungs; variance spans train -> dev
#: when there is no train-dev rung in between (the same pairs the CLI prints).
GAP_BETWEEN: dict[tuple[str, str], str] = {
    ("human", "train"): "avoidable_bias",
    ("train", "train_dev"): "variance",
    ("train", "dev"): "variance",
    ("train_dev", "dev"): "data_mismatch",
    ("dev", "test"): "dev_overfitting",
}

PRIMARY = "primary"
PROBLEM = "problem"
MINOR = "minor"


@dataclass(frozen=True)
class LadderRow:
    """One row of the picture: a rung (``kind='rung'``) or the gap below the next rung.

    For a rung, ``name`` is a level of :data:`LEVELS` and ``low == high ==
    value`` is its error rate. For a gap, ``name`` is a gap of
    :data:`erroranalysis.core.diagnosis.GAPS`, ``value`` its size (may be
    negative), ``low``/``high`` the two rungs' rates it spans, and ``role``
    whether it is the primary problem, another problem or neither.
    """

    kind: str
    name: str
    title: str
    value: float
    low: float
    high: float
    text: str
    role: str = MINOR
    tooltip: str = ""
    short_text: str = ""


def ladder_rows(diagnosis: Diagnosis, sources: dict[str, str] | None = None) -> list[LadderRow]:
    """The rows to draw, top to bottom: each known rung, with its gap to the next known one."""
    sources = sources or {}
    words = {
        "predictions": translate("ladder_chart", "computed from the session's predictions"),
        "typed": translate("ladder_chart", "typed by you"),
    }
    known = [level for level in LEVELS if diagnosis.rate(level) is not None]
    rows: list[LadderRow] = []
    for index, level in enumerate(known):
        rate = float(diagnosis.rate(level))  # type: ignore[arg-type]
        origin = words.get(sources.get(level, ""), "")
        tip = translate("ladder_chart", "{0} error {1}").format(
            level_title(level), format_percent(rate)
        )
        rows.append(
            LadderRow(
                "rung", level, level_title(level), rate, rate, rate, format_percent(rate),
                tooltip=tip + (f" ({origin})" if origin else ""),
            )
        )
        if index + 1 == len(known):
            break
        upper = known[index + 1]
        gap_name = GAP_BETWEEN.get((level, upper))
        gap = diagnosis.gap(gap_name) if gap_name else None
        if gap_name is None or gap is None:
            continue
        role = (
            PRIMARY if gap_name == diagnosis.primary
            else PROBLEM if gap_name in diagnosis.problems
            else MINOR
        )
        short = text = f"{gap_title(gap_name)} {format_percent(gap, signed=True)}"
        if role == PRIMARY:
            text += translate("ladder_chart", " · primary problem")
        elif role == PROBLEM:
            text += translate("ladder_chart", " · also a problem")
        tip = (
            f"{gap_title(gap_name)}: {level_title(upper)} {format_percent(diagnosis.rate(upper))}"
            f" − {level_title(level)} {format_percent(rate)} = {format_percent(gap, signed=True)}"
        )
        if role != MINOR:
            tip += "\n" + advice(gap_name)
        elif gap <= 0:
            tip += translate("ladder_chart", "\nNothing to reduce here.")
        rows.append(
            LadderRow(
                "gap", gap_name, gap_title(gap_name), float(gap), rate,
                float(diagnosis.rate(upper)),  # type: ignore[arg-type]
                text, role, tip, short,
            )
        )
    return rows


def _row_height(row: LadderRow) -> int:
    return RUNG_HEIGHT if row.kind == "rung" else GAP_ROW_HEIGHT


def _tick_label(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


class LadderChart(QWidget):
    """The error ladder: rungs as bars on a % axis, gaps as labelled brackets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LadderRow] = []
        self._primary: str | None = None
        self.setMinimumWidth(260)
        self.setMinimumHeight(self._height_for([]))

    # ------------------------------------------------------------------ data
    def set_diagnosis(self, diagnosis: Diagnosis, sources: dict[str, str] | None = None) -> None:
        """Show ``diagnosis``; ``sources`` says where each rate came from (for tooltips)."""
        self._rows = ladder_rows(diagnosis, sources)
        self._primary = diagnosis.primary
        self.setMinimumHeight(self._height_for(self._rows))
        self.setAccessibleDescription(self.summary())
        self.updateGeometry()
        self.update()

    @property
    def rows(self) -> list[LadderRow]:
        return list(self._rows)

    @property
    def primary(self) -> str | None:
        """The gap drawn as the primary problem (a name of ``GAPS``), or None."""
        return self._primary

    def gap_labels(self) -> list[str]:
        """The gap labels as drawn, top to bottom ("avoidable bias +0.3%", ...)."""
        return [row.text for row in self._rows if row.kind == "gap"]

    def summary(self) -> str:
        """The picture in words (accessibility, tests)."""
        return "; ".join(f"{row.title} {row.text}" if row.kind == "rung" else row.text
                         for row in self._rows)

    # ---------------------------------------------------------------- layout
    def _height_for(self, rows: list[LadderRow]) -> int:
        metrics = self.fontMetrics()
        body = sum(_row_height(r) for r in rows) if rows else RUNG_HEIGHT * 2
        axis = metrics.height() * 2 + GAP + 8
        return PADDING + body + axis + PADDING

    def sizeHint(self) -> QSize:
        return QSize(440, self._height_for(self._rows))

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self._height_for(self._rows))

    def _geometry(self, width: int, metrics: QFontMetrics) -> tuple[float, float, float]:
        """(plot left, plot right, axis maximum in %) for a widget ``width`` wide."""
        names = [r.title for r in self._rows if r.kind == "rung"]
        label_width = max((metrics.horizontalAdvance(n) for n in names), default=0) + GAP
        value_width = max(
            (metrics.horizontalAdvance(r.text) for r in self._rows if r.kind == "rung"), default=0
        ) + GAP
        left = PADDING + label_width
        right = max(left + 60, width - PADDING - value_width)
        largest = 100 * max((r.value for r in self._rows if r.kind == "rung"), default=0.0)
        step = nice_step(largest if largest > 0 else 1.0, 5)
        axis_max = step * math.ceil(largest / step - 1e-9) if largest > 0 else step * 4
        return left, right, max(axis_max, step)

    # --------------------------------------------------------------- drawing
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        palette = self.palette()
        text_color = palette.color(QPalette.ColorRole.WindowText)
        muted = QColor(text_color)
        muted.setAlpha(165)
        grid = QColor(text_color)
        grid.setAlpha(38)
        metrics = painter.fontMetrics()
        rect = QRectF(self.rect())
        if not self._rows:
            painter.setPen(muted)
            painter.drawText(
                rect.adjusted(PADDING, PADDING, -PADDING, -PADDING),
                int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
                self.tr("No error rates yet: type the ones you know above to see the ladder."),
            )
            return

        left, right, axis_max = self._geometry(self.width(), metrics)

        def x_of(fraction: float) -> float:
            return left + (right - left) * max(0.0, min(1.0, 100 * fraction / axis_max))

        top = PADDING
        body = sum(_row_height(r) for r in self._rows)
        axis_y = top + body + 4

        # Grid and axis first, so bars and brackets sit on top of them.
        step = nice_step(axis_max, 5)
        for i in range(round(axis_max / step) + 1):
            tick = step * i
            x = left + (right - left) * tick / axis_max
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, top), QPointF(x, axis_y))
            painter.setPen(muted)
            label = _tick_label(tick)
            half = metrics.horizontalAdvance(label) / 2 + 2
            painter.drawText(
                QRectF(x - half, axis_y + 2, 2 * half, metrics.height()),
                int(Qt.AlignmentFlag.AlignCenter), label,
            )
        painter.setPen(QPen(muted, 1))
        painter.drawLine(QPointF(left, axis_y), QPointF(right, axis_y))
        painter.drawText(
            QRectF(PADDING, axis_y + metrics.height() + GAP / 2, rect.width() - 2 * PADDING,
                   metrics.height() + 2),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
            self.tr("Error rate (lower is better)"),
        )

        y = float(top)
        for row in self._rows:
            height = _row_height(row)
            if row.kind == "rung":
                self._paint_rung(painter, row, y, height, left, x_of, text_color, metrics)
            else:
                self._paint_gap(painter, row, y, height, rect, x_of, muted, metrics)
            y += height

    def _paint_rung(self, painter: QPainter, row: LadderRow, y: float, height: float,
                    left: float, x_of, text_color: QColor, metrics: QFontMetrics) -> None:  # type: ignore[no-untyped-def]
        middle = y + height / 2
        painter.setPen(text_color)
        painter.drawText(
            QRectF(PADDING, y, left - PADDING - GAP, height),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), row.title,
        )
        bar_height = height * BAR_FRACTION
        end = x_of(row.value)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(HUMAN_COLOR if row.name == "human" else RUNG_COLOR)
        if end - left > 0.5:
            bar = QRectF(left, middle - bar_height / 2, end - left, bar_height)
            painter.drawRoundedRect(bar, 2, 2)
        else:
            # A zero rate still gets a sliver, so the rung is visibly there.
            painter.drawRect(QRectF(left, middle - bar_height / 2, 2, bar_height))
        painter.setPen(text_color)
        painter.drawText(
            QRectF(max(end, left + 2) + 5, y, metrics.horizontalAdvance(row.text) + 4, height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), row.text,
        )

    def _paint_gap(self, painter: QPainter, row: LadderRow, y: float, height: float,
                   rect: QRectF, x_of, muted: QColor, metrics: QFontMetrics) -> None:  # type: ignore[no-untyped-def]
        color = {PRIMARY: PRIMARY_COLOR, PROBLEM: PROBLEM_COLOR}.get(row.role, muted)
        if row.role == PRIMARY:
            band = QColor(PRIMARY_COLOR)
            band.setAlpha(30)
            painter.fillRect(QRectF(2, y + 1, rect.width() - 4, height - 2), band)
        middle = y + height / 2
        start, end = sorted((x_of(row.low), x_of(row.high)))
        pen = QPen(color, 2.2 if row.role != MINOR else 1.3)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if row.value <= 0:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        cap = height * 0.28
        if end - start >= 1:
            painter.drawLine(QPointF(start, middle), QPointF(end, middle))
        painter.drawLine(QPointF(start, middle - cap), QPointF(start, middle + cap))
        painter.drawLine(QPointF(end, middle - cap), QPointF(end, middle + cap))

        font = QFont(painter.font())
        if row.role == PRIMARY:
            font.setBold(True)
        painter.save()
        painter.setFont(font)
        fm = QFontMetrics(font)
        room_right = rect.width() - PADDING - (end + 6)
        room_left = start - 6 - PADDING
        box: QRectF | None = None
        # The full label beside the bracket if it fits, else without the
        # "· primary problem" suffix (the band and the colour still say it).
        for text in dict.fromkeys((row.text, row.short_text)):
            width = fm.horizontalAdvance(text) + 2
            if width <= room_right:
                box = QRectF(end + 6, y, width, height)
                break
            if width <= room_left:
                box = QRectF(start - 6 - width, y, width, height)
                break
        if box is None:
            # Too wide on either side: centre it on the bracket, over a knocked-out
            # background so the line does not cross the words.
            available = rect.width() - 2 * PADDING
            text = fm.elidedText(row.short_text, Qt.TextElideMode.ElideRight, int(available))
            width = min(fm.horizontalAdvance(text) + 8, available)
            centre = max(
                PADDING + width / 2, min((start + end) / 2, rect.width() - PADDING - width / 2)
            )
            box = QRectF(centre - width / 2, y + 2, width, height - 4)
            background = self.palette().color(QPalette.ColorRole.Window)
            painter.fillRect(box, background)
            if row.role == PRIMARY:
                tint = QColor(PRIMARY_COLOR)
                tint.setAlpha(30)
                painter.fillRect(box, tint)
        text_pen = QColor(color)
        if row.role == PROBLEM:
            # The amber line colour is too light to read as text on white.
            text_pen = QColor("#A86A00")
        painter.setPen(text_pen)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()

    # ----------------------------------------------------------- interaction
    def row_at(self, y: float) -> int:
        """The row under a y coordinate, or -1."""
        top = float(PADDING)
        for index, row in enumerate(self._rows):
            height = _row_height(row)
            if top <= y < top + height:
                return index
            top += height
        return -1

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.row_at(event.pos().y())
            if index >= 0 and self._rows[index].tooltip:
                QToolTip.showText(event.globalPos(), self._rows[index].tooltip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
