"""The Metrics panel: precision, recall, F1 per class and the confusion matrix (METHOD §5).

The numbers of ``erroranalysis metrics PREDICTIONS`` for the dev split of
the session's predictions: a table with one row per class and the macro and
micro averages, and the confusion matrix as a heat map (rows: true class,
columns: predicted class; the diagonal in blue, the errors in orange, each
scaled to its own largest count so small confusions still show). Clicking a
cell emits ``show_items`` with the session's items in it: the reviewed dev
errors and the correct examples sampled for label review, not every dev
example. A session made from a folder of images has no predictions; the
panel then explains why there is nothing to show.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHeaderView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from erroranalysis.core.errors import UserError
from erroranalysis.core.metrics import ClassificationMetrics
from erroranalysis.core.rates import format_percent
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.session_analysis import items_in_cell, session_metrics
from erroranalysis.gui.analysis.weighted_view import counts_note
from erroranalysis.gui.core_texts import word
from erroranalysis.gui.i18n import translate
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.gui.widgets import ScrollingPanel, big_label, heading, muted, wrapped

#: Side by side (metrics | confusion matrix) from this panel width on; stacked below it.
SIDE_BY_SIDE_WIDTH = 860
#: Tables taller than this many rows scroll inside themselves.
MAX_VISIBLE_ROWS = 24

CORRECT_COLOR = QColor("#0072B2")
ERROR_COLOR = QColor("#D55E00")

_Index = QModelIndex | QPersistentModelIndex

METRIC_COLUMNS = (
    QT_TRANSLATE_NOOP("MetricsTableModel", "Class"),
    QT_TRANSLATE_NOOP("MetricsTableModel", "Precision"),
    QT_TRANSLATE_NOOP("MetricsTableModel", "Recall"),
    "F1",
    QT_TRANSLATE_NOOP("MetricsTableModel", "Support"),
)
METRIC_TIPS = (
    "",
    QT_TRANSLATE_NOOP(
        "MetricsTableModel", "Of the examples predicted as this class, the share that are it"
    ),
    QT_TRANSLATE_NOOP(
        "MetricsTableModel", "Of the examples of this class, the share predicted as it"
    ),
    QT_TRANSLATE_NOOP(
        "MetricsTableModel", "The harmonic mean of precision and recall: 2PR / (P + R)"
    ),
    QT_TRANSLATE_NOOP("MetricsTableModel", "Dev examples whose true label is this class"),
)


def cell_description(label: str, prediction: str) -> str:
    """How a confusion-matrix cell is named to the user: ``true 3 → predicted 8``."""
    return translate("metrics_panel", "true {label} → predicted {prediction}").format(
        label=label, prediction=prediction
    )


class MetricsTableModel(QAbstractTableModel):
    """Per-class precision, recall, F1 and support, then the macro, micro and weighted
    averages. An undefined value (no prediction of a class, no example of it) shows "–"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._metrics: ClassificationMetrics | None = None

    def set_metrics(self, metrics: ClassificationMetrics | None) -> None:
        self.beginResetModel()
        self._metrics = metrics
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._metrics is None:
            return 0
        return len(self._metrics.classes) + len(self._metrics.averages())

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(METRIC_COLUMNS)

    def is_average(self, row: int) -> bool:
        return self._metrics is not None and row >= len(self._metrics.classes)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        metrics = self._metrics
        if metrics is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        classes = len(metrics.classes)
        average = row >= classes
        if role == Qt.ItemDataRole.DisplayRole:
            if average:
                kind, values = metrics.averages()[row - classes]
                cells = [
                    self.tr("{kind} avg").format(kind=word(kind)),
                    values.precision,
                    values.recall,
                    values.f1,
                    metrics.size,
                ]
            else:
                record = metrics.per_class.iloc[row]
                cells = [metrics.classes[row], record["precision"], record["recall"],
                         record["f1"], record["support"]]
            value = cells[column]
            if column == 0:
                return str(value)
            if column == 4:
                return f"{int(value):,}"
            if value is None or math.isnan(float(value)):
                return "–"  # undefined, not zero: no prediction (or no example) of the class
            return f"{float(value):.3f}"  # the CLI's three decimals
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == 0:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and average:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and average:
            # The averages must not read as two more classes.
            return QColor(127, 127, 127, 36)
        if role == Qt.ItemDataRole.ToolTipRole:
            if average:
                kind = metrics.averages()[row - classes][0]
                if kind == "macro":
                    return self.tr(
                        "Macro average: the plain mean over classes (F1 = mean of per-class F1)"
                    )
                if kind == "weighted":
                    return self.tr(
                        "Weighted average: the mean over classes weighted by their support"
                    )
                return self.tr(
                    "Micro average: pooled over all examples; for one label per example "
                    "it equals accuracy ({0})"
                ).format(format_percent(metrics.accuracy))
            return self.tr(METRIC_TIPS[column]) if METRIC_TIPS[column] else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(METRIC_COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr(METRIC_TIPS[section]) if METRIC_TIPS[section] else None
        if role == Qt.ItemDataRole.TextAlignmentRole and section > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _mix(color: QColor, strength: float, base: QColor) -> QColor:
    """``base`` tinted towards ``color`` by ``strength`` (0..1)."""
    s = max(0.0, min(1.0, strength))
    return QColor(
        round(base.red() + (color.red() - base.red()) * s),
        round(base.green() + (color.green() - base.green()) * s),
        round(base.blue() + (color.blue() - base.blue()) * s),
    )


class ConfusionModel(QAbstractTableModel):
    """The confusion matrix as a heat map: rows true class, columns predicted class.

    ``UserRole`` of a cell is how many of the session's items are in it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._metrics: ClassificationMetrics | None = None
        self._counts: list[list[int]] = []
        self._in_session: dict[tuple[str, str], int] = {}
        self._max_correct = 1
        self._max_error = 1
        self._base = QColor("#ffffff")

    def set_metrics(self, metrics: ClassificationMetrics | None,
                    in_session: dict[tuple[str, str], int], base: QColor) -> None:
        self.beginResetModel()
        self._metrics = metrics
        self._in_session = in_session
        self._base = base
        matrix = (
            np.zeros((0, 0), dtype=np.int64) if metrics is None else metrics.confusion.to_numpy()
        )
        self._counts = matrix.tolist()
        diagonal = np.diag(matrix)
        off_diagonal = matrix - np.diag(diagonal)
        self._max_correct = int(diagonal.max(initial=0)) or 1
        self._max_error = int(off_diagonal.max(initial=0)) or 1
        self.endResetModel()

    @property
    def classes(self) -> tuple[str, ...]:
        return () if self._metrics is None else self._metrics.classes

    @property
    def counts(self) -> list[list[int]]:
        """The matrix as rows of counts (true class) by column (predicted class)."""
        return self._counts

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._counts)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._counts)

    def cell(self, index: _Index) -> tuple[str, str]:
        """(true class, predicted class) of a cell."""
        return self.classes[index.row()], self.classes[index.column()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not self._counts:
            return None
        row, column = index.row(), index.column()
        count = self._counts[row][column]
        correct = row == column
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{count:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            strength = self._strength(count, correct)
            if role == Qt.ItemDataRole.BackgroundRole:
                if count == 0:
                    return None
                return _mix(CORRECT_COLOR if correct else ERROR_COLOR, strength, self._base)
            if count == 0:
                faint = QColor(self._text_color())
                faint.setAlpha(90)
                return faint
            return QColor("#ffffff") if strength > 0.55 else None
        if role == Qt.ItemDataRole.UserRole:
            return self._in_session.get(self.cell(index), 0)
        if role == Qt.ItemDataRole.ToolTipRole:
            label, prediction = self.cell(index)
            here = self._in_session.get((label, prediction), 0)
            what = self.tr("correctly classified") if correct else self.tr("misclassified")
            text = self.tr("{0}: {count:,} dev example{1} ({what})").format(
                cell_description(label, prediction),
                "s" if count != 1 else "",
                count=count,
                what=what,
            )
            if here:
                text += self.tr("\n{here:,} in this session: click to show them").format(here=here)
            elif count:
                text += self.tr("\nNone in this session") + (
                    self.tr(" (sample correct examples in the Labels tab to review some)")
                    if correct
                    else ""
                )
            return text
        return None

    def _strength(self, count: int, correct: bool) -> float:
        if count == 0:
            return 0.0
        largest = self._max_correct if correct else self._max_error
        # Never fully faint: a single confusion must still stand out from a zero.
        return 0.15 + 0.85 * count / largest

    def _text_color(self) -> QColor:
        return QColor("#202124")

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        classes = self.classes
        if not 0 <= section < len(classes):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return classes[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            side = (
                self.tr("true class")
                if orientation == Qt.Orientation.Vertical
                else self.tr("predicted class")
            )
            return f"{side} {classes[section]}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class HeatCellDelegate(QStyledItemDelegate):
    """Paints a heat-map cell: its colour, its count, and a frame (not a fill) when selected.

    The style's selection fill would hide the very colour the cell is about.
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        rect = option.rect
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if isinstance(background, QColor):
            painter.fillRect(rect, background)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.setPen(
            foreground if isinstance(foreground, QColor)
            else option.palette.color(QPalette.ColorRole.Text)
        )
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), str(index.data() or ""))
        if option.state & QStyle.StateFlag.State_Selected:
            pen = QPen(option.palette.color(QPalette.ColorRole.Text), 2)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()


class _FittedTable(QTableView):
    """A table as big as its content up to a limit (the panel scrolls, not each table)."""

    def __init__(self, parent: QWidget | None = None, fit_width: bool = False) -> None:
        super().__init__(parent)
        self._fit_width = fit_width

    def sizeHint(self) -> QSize:
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        shown = min(rows, MAX_VISIBLE_ROWS)
        header = self.horizontalHeader().height() if not self.horizontalHeader().isHidden() else 0
        height = header + 2 * self.frameWidth() + sum(self.rowHeight(r) for r in range(shown))
        if rows > shown:
            height += self.horizontalScrollBar().sizeHint().height()
        width = super().sizeHint().width()
        if self._fit_width and model is not None:
            columns = min(model.columnCount(), MAX_VISIBLE_ROWS)
            vertical = self.verticalHeader().width() if not self.verticalHeader().isHidden() else 0
            width = vertical + 2 * self.frameWidth() + sum(
                self.columnWidth(c) for c in range(columns))
            if model.columnCount() > columns:
                width += self.verticalScrollBar().sizeHint().width()
        return QSize(width, height + 2)

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(min(hint.width(), 200) if not self._fit_width else hint.width(), hint.height())


class MetricsPanel(ScrollingPanel):
    """Per-class metrics and the clickable confusion matrix of the dev split."""

    show_items = Signal(list, str)
    """Show these item ids in the review views; the text says which (``true 3 → predicted 8``)."""

    status_message = Signal(str)
    """A short message for the window's status bar."""

    def __init__(self, session: ReviewSession, signals: SessionSignals,
                 parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(parent)
        self._session = session
        self._signals = signals
        self._metrics: ClassificationMetrics | None = None
        self._build()
        # The predictions never change; only which items are in the session
        # (correct examples sampled for label review) moves the cell counts.
        signals.items_changed.connect(self.schedule_refresh)
        if lazy:
            # Computed when first shown: a hidden panel must not read a million
            # predictions rows while the window opens.
            self._stale = True
        else:
            self.refresh()

    # -------------------------------------------------------------- building
    def _build(self) -> None:
        layout = self.content_layout
        content = self.content
        self.summary = big_label(content, 1.15)
        self.summary.setObjectName("metricsSummary")
        layout.addWidget(self.summary)
        self.explanation = wrapped("", content)
        self.explanation.setObjectName("metricsExplanation")
        self.explanation.hide()
        layout.addWidget(self.explanation)

        self.body = QWidget(content)
        self.body_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.setSpacing(16)

        table_box = QWidget(self.body)
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(heading(self.tr("Per class"), table_box))
        self.table_model = MetricsTableModel(self)
        self.table = _FittedTable(table_box)
        self.table.setModel(self.table_model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setAlternatingRowColors(False)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        bold = QFont(self.font())
        bold.setBold(True)
        widest = self.table.fontMetrics().horizontalAdvance
        for column in range(1, len(METRIC_COLUMNS)):
            # Fixed, roomy number columns; the class names take what is left.
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            text = max(translate("MetricsTableModel", METRIC_COLUMNS[column]), "00,000", key=widest)
            header.resizeSection(column, QFontMetrics(bold).horizontalAdvance(text) + 22)
        self.table.setMaximumWidth(520)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        table_layout.addWidget(self.table)
        self.table_note = muted(
            self.tr(
                "Macro: the mean over classes. Micro: pooled over all examples (equals accuracy)."
            ),
            table_box,
        )
        table_layout.addWidget(self.table_note)
        table_layout.addStretch(1)

        matrix_box = QWidget(self.body)
        matrix_layout = QVBoxLayout(matrix_box)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_layout.addWidget(heading(self.tr("Confusion matrix"), matrix_box))
        matrix_layout.addWidget(
            muted(self.tr("Rows: true class · columns: predicted class"), matrix_box)
        )
        self.confusion_model = ConfusionModel(self)
        self.matrix = _FittedTable(matrix_box, fit_width=True)
        self.matrix.setObjectName("confusionMatrix")
        self.matrix.setModel(self.confusion_model)
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matrix.setShowGrid(True)
        self.matrix.setMouseTracking(True)
        self.matrix.setCursor(Qt.CursorShape.PointingHandCursor)
        self.matrix.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.matrix.setItemDelegate(HeatCellDelegate(self.matrix))
        self.matrix.clicked.connect(self._on_cell_clicked)
        matrix_layout.addWidget(self.matrix)
        self.status = wrapped(self.tr("Click a cell to see its examples that are in this session."),
                              matrix_box)
        self.status.setObjectName("metricsStatus")
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        matrix_layout.addWidget(self.status)
        matrix_layout.addStretch(1)

        self.body_layout.addWidget(table_box, 1)
        self.body_layout.addWidget(matrix_box, 0)
        layout.addWidget(self.body)
        layout.addStretch(1)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        direction = (
            QBoxLayout.Direction.LeftToRight if self.width() >= SIDE_BY_SIDE_WIDTH
            else QBoxLayout.Direction.TopToBottom
        )
        if self.body_layout.direction() != direction:
            self.body_layout.setDirection(direction)

    def sizeHint(self) -> QSize:
        return QSize(900, 700)

    # -------------------------------------------------------------- updating
    @property
    def metrics(self) -> ClassificationMetrics | None:
        """The metrics on screen (None for a session without predictions)."""
        return self._metrics

    def refresh(self) -> None:
        """Recompute the dev metrics and the cells' item counts from the session."""
        self._timer.stop()
        self._stale = False
        if self._session.meta("source_kind") == "folder":
            self._show_explanation(
                self.tr("No per-class metrics for this session"),
                self.tr(
                    "It was made from a folder of images, so it only holds the errors: precision, "
                    "recall, F1 and the confusion matrix need every dev example's true label and "
                    "prediction, right and wrong. Make a session from a predictions file (a CSV "
                    "with "
                    "label and prediction columns for the whole dev set) to see them."
                ),
            )
            return
        try:
            metrics = session_metrics(self._session, "dev")
        except UserError as error:
            self._show_explanation(self.tr("No per-class metrics for this session"), f"{error}.")
            return
        self._metrics = metrics
        self.explanation.hide()
        self.body.show()
        self.summary.setText(
            self.tr("Dev split: {size:,} examples, accuracy {0}").format(
                format_percent(metrics.accuracy), size=metrics.size
            )
        )
        macro_micro = self.tr(
            "Macro: the mean over classes. Micro: pooled over all examples (equals accuracy)."
        )
        unweighted = counts_note(self._session)
        self.table_note.setText(f"{macro_micro} {unweighted}" if unweighted else macro_micro)
        self.table_model.set_metrics(metrics)
        self.confusion_model.set_metrics(
            metrics, self._in_session_counts(), self.palette().color(QPalette.ColorRole.Base)
        )
        self._size_matrix()
        self._size_table(metrics)

    def _show_explanation(self, title: str, text: str) -> None:
        self._metrics = None
        self.summary.setText(title)
        self.explanation.setText(text)
        self.explanation.show()
        self.body.hide()
        self.table_model.set_metrics(None)
        self.confusion_model.set_metrics(None, {}, QColor("#ffffff"))

    def _in_session_counts(self) -> dict[tuple[str, str], int]:
        items = self._session.item_columns(["label", "prediction"])
        return dict(Counter(zip(items["label"], items["prediction"], strict=True)))

    def _size_table(self, metrics: ClassificationMetrics) -> None:
        header = self.table.horizontalHeader()
        bold = QFont(self.font())
        bold.setBold(True)
        names = [*metrics.classes, self.tr("weighted avg"), self.tr("micro avg"),
                 translate("MetricsTableModel", METRIC_COLUMNS[0])]
        # Never narrower than the numbers plus the class names (up to a point:
        # very long names elide and keep their full text in the tooltip).
        name_width = min(max(QFontMetrics(bold).horizontalAdvance(n) for n in names) + 16, 220)
        numbers = sum(header.sectionSize(c) for c in range(1, len(METRIC_COLUMNS)))
        self.table.setMinimumWidth(name_width + numbers + 2 * self.table.frameWidth() + 2)
        self.table.updateGeometry()

    def _size_matrix(self) -> None:
        metrics = self.fontMetrics()
        counts = self.confusion_model.counts
        widest = len(f"{max((max(row) for row in counts), default=0):,}")
        names = max((metrics.horizontalAdvance(c) for c in self.confusion_model.classes), default=0)
        # Square cells wide enough for the largest count and the column names.
        side = max(
            metrics.horizontalAdvance("0" * widest) + 14, names + 12, metrics.height() + 12, 30
        )
        side = min(side, 120)
        horizontal = self.matrix.horizontalHeader()
        horizontal.setMinimumSectionSize(10)
        horizontal.setDefaultSectionSize(side)
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical = self.matrix.verticalHeader()
        vertical.setMinimumSectionSize(10)
        vertical.setDefaultSectionSize(side)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.matrix.updateGeometry()

    # ----------------------------------------------------------- interaction
    def _cell_count(self, label: str, prediction: str) -> int:
        metrics = self._metrics
        if metrics is None or label not in metrics.classes or prediction not in metrics.classes:
            return 0
        return int(metrics.confusion.loc[label, prediction])

    def _on_cell_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            label, prediction = self.confusion_model.cell(index)
            self.show_cell(label, prediction)

    def show_cell(self, label: str, prediction: str) -> list[int]:
        """Emit ``show_items`` with the session's items in a cell; their ids."""
        ids = items_in_cell(self._session, label, prediction)
        description = cell_description(label, prediction)
        if ids:
            message = self.tr("Showing {n_ids:,} item{0}: {description}").format(
                "s" if len(ids) != 1 else "", n_ids=len(ids), description=description
            )
            self.show_items.emit(ids, description)
        elif self._cell_count(label, prediction) == 0:
            message = self.tr("No dev example is {description}.").format(description=description)
        elif label == prediction:
            message = (
                self.tr("None of the {description} examples is in this session: it holds the dev "
                "errors, and correct examples only once you sample some for label review "
                "(Labels tab).").format(description=description)
            )
        else:
            message = self.tr(
                "None of the {description} examples is in this session: it holds a sample of "
                "the dev errors."
            ).format(description=description)
        self.status.setText(message)
        self.status_message.emit(message)
        return ids
