"""The tally panel: the review's numbers, live as the reviewer ticks.

Top to bottom: the dev error and how much of it was reviewed; per category
the count, the share of reviewed errors with its 95% interval, the ceiling
error and the max gain, ordered by gain (the CLI's ``tally`` table, with the
same formatting from :mod:`erroranalysis.core.report`); the bar chart of the
gains (:class:`GainChart`); the split of the dev error into wrong labels and
other causes. Clicking a category (row or bar) emits ``category_clicked``.

The tally is recomputed from the session (in-memory counts) on the next turn of
the event loop after a change, so a bulk tick of 10,000 rows recomputes once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from erroranalysis.core.categories import Category
from erroranalysis.core.report import interval, percent
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.session_weights import weighted_tally
from erroranalysis.core.tally import Tally
from erroranalysis.gui.analysis.weighted_view import WEIGHTED_COLUMNS, WeightedTallySource
from erroranalysis.gui.analysis.weighted_view import tr as weighted_tr
from erroranalysis.gui.charts.gain_chart import GainChart, gain_records
from erroranalysis.gui.core_texts import category_name, sentences
from erroranalysis.gui.i18n import translate
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.gui.widgets import (
    color_swatch,
    heading,
    muted,
    single_shot_timer,
)

COLUMNS = (
    QT_TRANSLATE_NOOP("TallyPanel", "Category"),
    QT_TRANSLATE_NOOP("TallyPanel", "Ticked"),
    QT_TRANSLATE_NOOP("TallyPanel", "Share (95%)"),
    QT_TRANSLATE_NOOP("TallyPanel", "Ceiling"),
    QT_TRANSLATE_NOOP("TallyPanel", "Max gain"),
)
SHARE_ONLY_COLUMNS = (
    QT_TRANSLATE_NOOP("TallyPanel", "Category"),
    QT_TRANSLATE_NOOP("TallyPanel", "Ticked"),
    QT_TRANSLATE_NOOP("TallyPanel", "Share"),
    QT_TRANSLATE_NOOP("TallyPanel", "95% interval"),
)
#: The category column never gets narrower than this (names wrap inside it).
MIN_NAME_WIDTH = 110


@dataclass(frozen=True)
class _Cell:
    """What one table cell shows; equal cells are not set again."""

    text: str
    tooltip: str = ""
    foreground: str = ""
    swatch: str = ""


class _SplitBar(QWidget):
    """A thin stacked bar: the part of the dev error due to labels, then the rest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = 0.0
        self._color = QColor("#D55E00")
        self.setFixedHeight(12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_split(self, label_fraction: float, color: str) -> None:
        """``label_fraction``: the share of the dev error due to wrong labels (0..1)."""
        self._labels = max(0.0, min(1.0, label_fraction))
        self._color = QColor(color) if color else QColor("#D55E00")
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        other = self.palette().color(QPalette.ColorRole.Mid)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(other)
        painter.drawRoundedRect(rect, 3, 3)
        if self._labels > 0:
            width = max(3.0, rect.width() * self._labels)
            painter.setBrush(self._color)
            painter.drawRoundedRect(QRectF(rect.left(), rect.top(), width, rect.height()), 3, 3)
        painter.end()


class _CategoryTable(QTableWidget):
    """The per-category table; exactly as tall as its rows (the panel scrolls, not the table)."""

    def sizeHint(self) -> QSize:
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        return QSize(super().sizeHint().width(), height + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())


class TallyPanel(QWidget):
    """Live tally of a review session: numbers, table ordered by gain, chart, label split."""

    category_clicked = Signal(int)
    """A category's row or bar was clicked: filter the views to its items."""

    def __init__(
        self, session: ReviewSession, signals: SessionSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._signals = signals
        self._tally: Tally | None = None
        self._row_ids: list[int] = []

        self._timer = single_shot_timer(self, 0, self.refresh)
        self._stale = False
        self._shape: tuple = ()  # (headers, rows) of the table as built
        self._cells: list[tuple[_Cell, ...]] = []  # what each cell shows now
        self._number_widths: dict[int, int] = {}  # column -> width (it only grows)
        self._row_memo: dict[tuple, tuple[_Cell, ...]] = {}  # a row's values -> its cells
        signals.changed.connect(self.schedule_refresh)
        # Weighted numbers (METHOD.md §6), computed off the GUI thread when large.
        self._weighted = WeightedTallySource(session, self)
        self._weighted.ready.connect(self._on_weighted_ready)

        self._build()
        self.refresh()

    # -------------------------------------------------------------- building
    def _build(self) -> None:
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)

        self.dev_error_label = QLabel(content)
        self.dev_error_label.setObjectName("devErrorLabel")
        self.dev_error_label.setWordWrap(True)
        font = self.dev_error_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.dev_error_label.setFont(font)
        self.dev_error_note = muted("", content)
        self.weighted_box = QCheckBox(
            translate("WeightedView", "Weighted (as the users count errors)"), content
        )
        self.weighted_box.setObjectName("weightedBox")
        self.weighted_box.setChecked(True)
        self.weighted_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.weighted_box.setToolTip(translate("WeightedView",
            "The session has example weights (Edit ▸ Weights…): shares, gains, ceilings and "
            "the label split use the weighted dev error. Untick to count every error once."))
        self.weighted_box.toggled.connect(lambda _on: self.refresh())
        self.weights_note = muted("", content)
        self.weights_note.setObjectName("weightsNote")
        self.reviewed_label = QLabel(content)
        self.reviewed_label.setObjectName("reviewedLabel")
        self.reviewed_bar = QProgressBar(content)
        self.reviewed_bar.setTextVisible(False)
        self.reviewed_bar.setFixedHeight(8)

        self.table = _CategoryTable(content)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setMouseTracking(True)
        self.table.verticalHeader().hide()
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.table.cellClicked.connect(self._on_cell_clicked)
        # The names wrap to the name column's width: measure the rows again when it
        # changes (the dock settling as the window opens, or resized), not at the
        # first tick that happens to reorder them.
        self._measure_timer = single_shot_timer(self, 0, self._measure_rows)
        self.table.horizontalHeader().sectionResized.connect(self._on_section_resized)
        self.table.setCursor(Qt.CursorShape.PointingHandCursor)

        self.chart = GainChart(content)
        self.chart.category_clicked.connect(self.category_clicked)

        self.label_heading = heading(self.tr("Incorrect labels"), content)
        self.label_split_label = QLabel(content)
        self.label_split_label.setObjectName("labelSplitLabel")
        self.label_split_label.setWordWrap(True)
        self.split_bar = _SplitBar(content)
        self.label_note = muted("", content)

        self.footnote = muted(
            self.tr(
                "Max gain: the most that fixing every error of a category can cut the dev error. "
                "Ceiling: the dev error left if it were fixed. Click a category to see its items."
            ),
            content,
        )

        # A merged session: whose answers the tally counts.
        self.answers_combo = QComboBox(content)
        self.answers_combo.setObjectName("answersCombo")
        self.answers_combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        reviewers = self._session.reviewers
        self.answers_combo.addItem(self.tr("Agreed answers"), "agreed")
        self.answers_combo.addItem(self.tr("Majority of reviewers"), "majority")
        for name in reviewers:
            self.answers_combo.addItem(self.tr("{name}'s answers").format(name=name), name)
        self.answers_combo.setToolTip(
            self.tr(
                "Agreed: where every reviewer who looked agrees (disagreements out of the n until "
                "resolved). Majority: most reviewers' answer (ties out). Or one reviewer's own."
            )
        )
        self.answers_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.answers_combo.setVisible(bool(reviewers))
        layout.addWidget(self.answers_combo)
        layout.addWidget(self.dev_error_label)
        layout.addWidget(self.dev_error_note)
        layout.addWidget(self.weighted_box)
        layout.addWidget(self.weights_note)
        layout.addWidget(self.reviewed_label)
        layout.addWidget(self.reviewed_bar)
        layout.addSpacing(4)
        self.table_heading = heading(self.tr("Where to work next"), content)
        layout.addWidget(self.table_heading)
        layout.addWidget(self.table)
        # "When to stop reviewing": is the leader's lead real among all the errors?
        self.ranking_label = QLabel(content)
        self.ranking_label.setObjectName("rankingLabel")
        self.ranking_label.setWordWrap(True)
        layout.addWidget(self.ranking_label)
        self.method_note = muted("", content)
        layout.addWidget(self.method_note)
        layout.addSpacing(4)
        self.chart_heading = heading(self.tr("Max gain by category"), content)
        layout.addWidget(self.chart_heading)
        layout.addWidget(self.chart)
        layout.addSpacing(4)
        layout.addWidget(self.label_heading)
        layout.addWidget(self.label_split_label)
        layout.addWidget(self.split_bar)
        layout.addWidget(self.label_note)
        layout.addSpacing(4)
        layout.addWidget(self.footnote)
        layout.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._scroll = scroll

    def sizeHint(self) -> QSize:
        return QSize(420, 800)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """A narrow dock drops the Ceiling column (its tooltip stays on Max gain), then
        the Ticked one, rather than squeezing the category names to nothing."""
        table = self.table
        if table.columnCount() != len(COLUMNS):
            return
        # The widths the number columns keep (a hidden section's size reads as 0).
        widths = self._number_widths
        room = self._scroll.viewport().width() - 24 - sum(
            widths.get(c, 0) for c in range(1, len(COLUMNS))
        )
        # Dropped in this order while the names lack room: the ceiling (its
        # tooltip stays on Max gain), then the count (the share says as much).
        for name in ("Ceiling", "Ticked"):
            column = COLUMNS.index(name)
            hide = room < MIN_NAME_WIDTH
            if hide:
                room += widths.get(column, 0)
            if table.isColumnHidden(column) != hide:  # showing a shown one re-lays it out
                table.setColumnHidden(column, hide)

    def set_compact(self, compact: bool) -> None:
        """Compact: no footnote, tighter spacing (a laptop screen)."""
        self.footnote.setVisible(not compact)
        self.chart.setVisible(not compact)
        self.chart_heading.setVisible(not compact)

    # -------------------------------------------------------------- updating
    @property
    def tally(self) -> Tally | None:
        """The tally on screen (recomputed from the session on each refresh)."""
        return self._tally

    def schedule_refresh(self) -> None:
        """Recompute on the next turn of the event loop: the changes of one key (or one
        bulk edit) make one recomputation, painted in the same frame as the key's
        other effects. Hidden (the dock closed), it only notes it is out of date."""
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Recompute the tally from the session now and show it."""
        self._timer.stop()
        self._stale = False
        weighted = self._weighted.active() and self._agreed_answers()
        self.weighted_box.setVisible(weighted)
        tally = self._weighted.latest() if weighted and self.weighted_box.isChecked() else None
        # The counts only when no weighted tally is there to show (the first one of a
        # large review is still being computed).
        self._show_tally(tally or self._answers_tally())

    def _on_weighted_ready(self, tally: Tally) -> None:
        """A weighted tally computed on the worker thread: shown if weights are still on."""
        if self.weighted_box.isChecked() and self._agreed_answers():
            self._show_tally(tally)

    def _show_tally(self, tally: Tally) -> None:
        categories = self._session.categories()
        self._tally = tally
        records = gain_records(tally)
        self._show_header(tally)
        resized = self._show_table(tally, categories, records)
        self._show_ranking(tally)
        self.chart.set_tally(tally, categories, records)
        gains = tally.dev_error is not None
        self.chart_heading.setText(
            self.tr("Max gain by category") if gains else self.tr("Share of reviewed errors")
        )
        if _weights(tally) is not None:
            self.chart_heading.setText(translate("WeightedView", "Max gain by category (weighted)"))
        self._show_weights(tally)
        self._show_label_split(tally, categories)
        if resized:
            # Lay out now, not on a later event-loop turn: a grab or an export
            # right after a refresh must not see the old table height.
            content_layout = self._scroll.widget().layout()
            content_layout.invalidate()
            content_layout.activate()

    def _show_weights(self, tally: Tally) -> None:
        """Say the numbers are weighted, by what, and how the intervals are made."""
        weights = _weights(tally)
        if weights is None:
            error = self._weighted.error
            self.weights_note.setText(
                translate("WeightedView", "Weights not applied: {0}").format(error) if error else ""
            )
            self.weights_note.setToolTip("")
        else:
            text = translate(
                "WeightedView", "Shares of the weighted dev error · weights: {0}"
            ).format("; ".join(weights))
            if self._weighted.pending:
                text += translate("WeightedView", " · updating…")
            self.weights_note.setText(text)
            self.weights_note.setToolTip(getattr(tally, "interval_method", ""))
        self.weights_note.setVisible(bool(self.weights_note.text()))

    def _show_header(self, tally: Tally) -> None:
        if _weights(tally) is not None and tally.dev_error is not None:
            self.dev_error_label.setText(
                translate("WeightedView", "Weighted dev error {0}").format(
                    percent(tally.dev_error, 2)
                )
            )
            self.dev_error_note.setText(
                translate("WeightedView", "Unweighted: {0} ({1} / {2})").format(
                    percent(getattr(tally, "unweighted_dev_error", None), 2),
                    f"{tally.dev_errors:,}",
                    f"{tally.dev_size:,}",
                )
            )
            self.dev_error_note.show()
        elif tally.dev_size:
            rate = percent(tally.dev_error, 2)
            self.dev_error_label.setText(
                self.tr("Dev error {rate} ({dev_errors:,} / {dev_size:,})").format(
                    rate=rate, dev_errors=tally.dev_errors, dev_size=tally.dev_size
                )
            )
            self.dev_error_note.hide()
        else:
            self.dev_error_label.setText(
                self.tr("{dev_errors:,} dev errors").format(dev_errors=tally.dev_errors)
            )
            self.dev_error_note.setText(
                self.tr(
                    "Dev set size unknown, so only shares of the reviewed errors are shown: a gain "
                    "or a ceiling needs the dev error rate. Make the session from the predictions "
                    "file (every example, right and wrong), or give the dev set size."
                )
            )
            self.dev_error_note.show()
        total = max(tally.dev_errors, tally.reviewed + tally.skipped)
        text = self.tr("{reviewed:,} of {total:,} reviewed").format(
            reviewed=tally.reviewed, total=total
        )
        if tally.skipped:
            text += self.tr(" · {skipped:,} skipped (can't judge: in no share)").format(
                skipped=tally.skipped
            )
        self.reviewed_label.setText(text)
        self.reviewed_bar.setMaximum(max(1, total))
        self.reviewed_bar.setValue(tally.reviewed + tally.skipped)

    def _table_cells(
        self, tally: Tally, categories: list, records: list[dict]
    ) -> list[tuple[_Cell, ...]]:
        """What each cell shows: (text, tooltip, foreground, swatch colour), row by row."""
        gains = tally.dev_error is not None
        by_id = {c.id: c for c in categories}
        rows = []
        memo = self._row_memo
        if len(memo) > 4 * len(records) + 64:
            memo.clear()  # rows of earlier tallies: a tick revisits only the last few
        for record in records:
            category = by_id.get(int(record["category_id"]))
            # A tick changes one or two rows' numbers: the others' texts (twenty
            # formatted percentages and tooltips a row) are the ones made last time.
            key = (gains, tally.reviewed, category, tuple(record.values()))
            cells = memo.get(key)
            if cells is None:
                cells = memo[key] = self._row_cells(tally, category, record, gains)
            rows.append(cells)
        return rows

    def _row_cells(
        self, tally: Tally, category: Category | None, record: dict, gains: bool
    ) -> tuple[_Cell, ...]:
        """One row's cells (see :meth:`_table_cells`)."""
        name = category_name(category) if category is not None else str(record["name"])
        tip = [str(record["name"])]
        if category is not None and category.description:
            tip.append(category.description)
        if record["kind"] == "label_error":
            tip.append(self.tr("Kind: incorrect label (the true label is wrong)"))
        tip.append(self.tr("Click to see its items"))
        first = _Cell(name, "\n".join(tip), "", category.color if category else "")
        count, assessed = int(record["count"]), int(record["assessed"])
        if assessed < tally.reviewed:
            # Added mid-review: its share is of the errors assessed for it only.
            count_cell = _Cell(
                f"{count:,} / {assessed:,}",
                self.tr(
                    "Ticked on {count:,} of the {assessed:,} reviewed errors assessed for it; "
                    "the {0:,} reviewed before it existed were not. "
                    "Review ▸ Revisit (Ctrl+R) asks about those."
                ).format(tally.reviewed - assessed, count=count, assessed=assessed),
                "#b45309",
            )
        else:
            count_cell = _Cell(
                str(count),
                self.tr("Ticked on {count:,} of {reviewed:,} reviewed errors").format(
                    count=count, reviewed=tally.reviewed
                ),
            )
        share_interval = interval(record["share_low"], record["share_high"])
        if gains:
            # Two lines (share, then its interval) keep the column narrow
            # and leave the width to the category names.
            cells = (
                first,
                count_cell,
                _Cell(
                    f"{percent(record['share'])}\n{share_interval}",
                    self.tr("{0} of reviewed errors; 95% interval {share_interval}").format(
                        percent(record["share"]), share_interval=share_interval
                    ),
                ),
                _Cell(
                    percent(record["ceiling_error"], 2),
                    self.tr(
                        "Dev error if every error of this category were fixed; 95% interval "
                    )
                    + interval(record["ceiling_error_low"], record["ceiling_error_high"], 2),
                ),
                _Cell(
                    percent(record["max_gain"], 2),
                    self.tr(
                        "The most that fixing this category can cut the dev error; 95% "
                        "interval "
                    )
                    + interval(record["max_gain_low"], record["max_gain_high"], 2),
                ),
            )
        else:
            cells = (first, count_cell, _Cell(percent(record["share"])),
                     _Cell(share_interval))
        return cells

    def _show_table(self, tally: Tally, categories: list, records: list[dict]) -> bool:
        """Show the table; True when its rows changed height (the dock must lay out).

        A tick changes a few numbers: only the cells whose text changed are
        set, and the rows are measured again only when a name moved (the order
        by gain changed) or the table's shape did, so a tick costs well under
        a millisecond here instead of rebuilding a hundred items.
        """
        gains = tally.dev_error is not None
        headers = COLUMNS if gains else SHARE_ONLY_COLUMNS
        if gains and _weights(tally) is not None:
            headers = tuple(weighted_tr(h) for h in WEIGHTED_COLUMNS)
            # "Weighted share" over "(95%)": one line made the column twice as wide
            # as its numbers, and a narrow dock squeezed the names to nothing.
            headers = (*headers[:2], headers[2].replace(" (", "\n(", 1), *headers[3:])
        rows = self._table_cells(tally, categories, records)
        self._row_ids = [int(r["category_id"]) for r in records]
        table = self.table
        shape = (headers, len(rows))
        rebuilt = shape != self._shape
        if rebuilt:
            self._shape = shape
            self._cells = []
            table.clear()
            table.setColumnCount(len(headers))
            table.setHorizontalHeaderLabels([self.tr(h) for h in headers])
            table.setRowCount(len(rows))
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            for row in range(len(rows)):
                for column in range(len(headers)):
                    item = QTableWidgetItem()
                    if column > 0:
                        item.setTextAlignment(right)
                    table.setItem(row, column, item)
            if _weights(tally) is not None:
                table.horizontalHeaderItem(2).setToolTip(getattr(tally, "interval_method", ""))
            header = table.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self._number_widths = {}
            for column in range(1, len(headers)):
                # A number column fits its header and every number it has shown, and
                # never narrows: a tick that turns "9.8%" into "10.2%" and back must not
                # re-wrap the names and lay the whole dock out again (ResizeToContents
                # did, several times a minute while reviewing).
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                self._number_widths[column] = header.sectionSizeHint(column)
                header.resizeSection(column, self._number_widths[column])
        names_changed = rebuilt
        default = table.palette().color(QPalette.ColorRole.Text)
        model = table.model()
        # Each item's own change signal would make the header measure every row
        # again (its columns fit their contents): set the cells quietly, then
        # announce the changed block once.
        changed: list[tuple[int, int]] = []
        model.blockSignals(True)
        try:
            for row, cells in enumerate(rows):
                before = self._cells[row] if row < len(self._cells) else None
                for column, cell in enumerate(cells):
                    if before is not None and before[column] == cell:
                        continue
                    item = table.item(row, column)
                    item.setText(cell.text)
                    item.setToolTip(cell.tooltip)
                    item.setForeground(QColor(cell.foreground) if cell.foreground else default)
                    if column == 0:
                        item.setIcon(QIcon(color_swatch(cell.swatch, 12)))
                        names_changed = True
                    changed.append((row, column))
        finally:
            model.blockSignals(False)
        if changed:
            rows_changed = [r for r, _c in changed]
            columns_changed = [c for _r, c in changed]
            model.dataChanged.emit(model.index(min(rows_changed), min(columns_changed)),
                                   model.index(max(rows_changed), max(columns_changed)))
        self._cells = rows
        if self._widen_number_columns(changed):
            names_changed = True  # the names have less room: they may wrap differently
        if names_changed:
            self._fit_columns()
            self._measure_rows()
        return names_changed

    def _measure_rows(self) -> None:
        """Fit each row's height to its cells (names wrap), plus breathing room."""
        self._measure_timer.stop()
        table = self.table
        before = [table.rowHeight(row) for row in range(table.rowCount())]
        table.resizeRowsToContents()
        for row in range(table.rowCount()):
            # Breathing room around the two-line cells.
            table.setRowHeight(row, table.rowHeight(row) + 6)
        if [table.rowHeight(row) for row in range(table.rowCount())] != before:
            table.updateGeometry()

    def _on_section_resized(self, column: int, old: int, new: int) -> None:
        if column == 0 and old != new and self.table.rowCount():
            self._measure_timer.start()

    def _widen_number_columns(self, cells: list[tuple[int, int]]) -> bool:
        """Widen the number columns whose changed ``cells`` no longer fit; True if any."""
        table = self.table
        header = table.horizontalHeader()
        model = table.model()
        grid = 1 if table.showGrid() else 0
        widened = False
        for row, column in cells:
            if column == 0:
                continue
            needed = table.sizeHintForIndex(model.index(row, column)).width() + grid
            if needed > self._number_widths.get(column, 0):
                self._number_widths[column] = needed
                header.resizeSection(column, needed)
                widened = True
        return widened

    def tally_for_export(self) -> Tally:
        """The tally as the panel shows it (whose answers; weighted or not), computed now.

        An export must not write a weighted tally one tick old, nor the counts while
        a large review's weighted tally is still being computed on the worker."""
        if self._agreed_answers() and self._weighted.active() and self.weighted_box.isChecked():
            weighted = weighted_tally(self._session)
            if weighted is not None:
                return weighted
        return self._answers_tally()

    def _agreed_answers(self) -> bool:
        """Whether the panel shows the agreed answers (the only ones weights apply to)."""
        return self.answers_combo.currentData() in (None, "agreed")

    def _answers_tally(self) -> Tally:
        who = self.answers_combo.currentData() or "agreed"
        if who == "agreed":
            return self._session.tally()
        from erroranalysis.core.merge import tally_by

        return tally_by(self._session, who)

    def _show_ranking(self, tally: Tally) -> None:
        if _weights(tally) is not None:
            self.ranking_label.setVisible(False)
            self.method_note.setText(translate("WeightedView",
                "Weighted: a category's share is the weight of its reviewed errors over the "
                "weight of all reviewed errors (METHOD.md §6). The ranking verdict counts "
                "errors: untick Weighted to see it. Hover for the interval method."))
            self.method_note.setToolTip(getattr(tally, "interval_method", ""))
            self.method_note.setVisible(True)
            return
        self.method_note.setToolTip("")
        ranking = tally.ranking
        if ranking is None:
            self.ranking_label.setVisible(False)
        else:
            text = sentences(ranking.verdict()).removeprefix(self.tr("Ranking: "))
            self.ranking_label.setText(("✓ " if ranking.settled else "… ") + text)
            if self.ranking_label.property("settled") != ranking.settled:
                self.ranking_label.setProperty("settled", ranking.settled)
                # Re-polishing restyles the label: only when its style changes.
                self.ranking_label.style().unpolish(self.ranking_label)
                self.ranking_label.style().polish(self.ranking_label)
            self.ranking_label.setToolTip(
                self.tr(
                    "The probability that the leading category has more errors than the runner-up "
                    "among all the dev errors, not only the reviewed ones (settled at 95%); "
                    "otherwise about how many more errors to review at the current shares."
                )
            )
            self.ranking_label.setVisible(True)
        if tally.method != "exact":
            self.method_note.setText(
                self.tr(
                    "Intervals: Wilson with the finite-population correction "
                    "(the first version's; can cover less than 95%)."
                )
            )
        elif tally.population is None:
            self.method_note.setText(
                self.tr("Intervals: Clopper–Pearson (the number of dev errors is unknown).")
            )
        else:
            self.method_note.setText("")
        self.method_note.setVisible(bool(self.method_note.text()))

    def _show_label_split(self, tally: Tally, categories: list) -> None:
        split = tally.label_split
        label_categories = [c for c in categories if c.is_label_error]
        if split is None:
            self.label_split_label.setText(self.tr("No category of kind “incorrect label”."))
            self.label_note.setText(
                self.tr(
                    "Add one (Categories > kind: incorrect label) to see how much of the dev error "
                    "comes from wrong labels rather than from the model."
                )
            )
            self.split_bar.hide()
            self.label_note.show()
            return
        color = label_categories[0].color if label_categories else ""
        if tally.reviewed == 0:
            self.label_split_label.setText(self.tr("No errors reviewed yet."))
            self.label_note.setText(
                self.tr("Once errors are reviewed, this splits the dev error into the part due to "
                "wrong labels and the part due to the model.")
            )
            self.label_note.show()
            self.split_bar.hide()
            return
        if split.due_to_labels is None or split.other_causes is None:
            self.label_split_label.setText(
                self.tr("Incorrect labels: {0} of reviewed errors (95%: {1})").format(
                    percent(split.share), interval(split.share_low, split.share_high)
                )
            )
            self.label_note.setText(self.tr("The split of the dev error needs the dev set size."))
            self.label_note.show()
            self.split_bar.set_split(split.share, color)
            self.split_bar.show()
            return
        self.label_split_label.setText(
            self.tr("Errors due to incorrect labels: {0} · other causes: {1}").format(
                percent(split.due_to_labels, 2), percent(split.other_causes, 2)
            )
        )
        if _weights(tally) is not None:
            self.label_split_label.setText(translate("WeightedView",
                "Weighted errors due to incorrect labels: {0} · other causes: {1}").format(
                percent(split.due_to_labels, 2), percent(split.other_causes, 2)))
        self.split_bar.set_split(split.share, color)
        self.split_bar.show()
        self.label_note.setText(
            self.tr(
                "{0} of the reviewed errors have a wrong label "
                "(95%: {1}). "
                "Fix the larger part first; fix labels in dev and test alike."
            ).format(percent(split.share), interval(split.share_low, split.share_high))
        )
        if _weights(tally) is not None:
            self.label_note.setText(translate("WeightedView",
                "{0} of the reviewed errors' weight has a wrong label (95%: {1}). Fix the "
                "larger part first; fix labels in dev and test alike.").format(
                percent(split.share), interval(split.share_low, split.share_high)))
        self.label_note.show()

    # ----------------------------------------------------------- interaction
    def _on_cell_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self._row_ids):
            self.category_clicked.emit(self._row_ids[row])

    def row_category_ids(self) -> list[int]:
        """The category ids in the table's (and the chart's) order: largest gain first."""
        return list(self._row_ids)

    def chart_title(self) -> str:
        tally = self._tally
        if tally is None:
            return ""
        reviewed = self.tr("{reviewed} of {dev_errors} dev errors reviewed").format(
            reviewed=tally.reviewed, dev_errors=tally.dev_errors
        )
        if tally.dev_size:
            return self.tr("Max gain by category · dev error {0} · {reviewed}").format(
                percent(tally.dev_error, 2), reviewed=reviewed
            )
        return self.tr("Share of reviewed errors by category · {reviewed}").format(
            reviewed=reviewed
        )

    def save_chart_png(self, path: str | Path, size: QSize | None = None) -> bool:
        """Write the chart as a PNG (File > Export chart); True on success."""
        if self._timer.isActive():
            self.refresh()
        return self.chart.render_png(path, size, title=self.chart_title())


def _weights(tally: Tally) -> list[str] | None:
    """Where a weighted tally's weights come from; ``None`` for an unweighted tally."""
    return getattr(tally, "weights", None)
