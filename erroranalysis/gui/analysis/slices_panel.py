"""The Slices panel: where the dev errors gather, before anyone ticks (issue 14).

The numbers of ``erroranalysis slices SESSION`` (:mod:`erroranalysis.core.slices`):
the dev set broken down by confusion pair, true class and every metadata
column; per slice its dev errors, their share of all dev errors, its error
rate against the rate elsewhere (exact 95% intervals) and the lift. Slices
below the minimum support are hidden, not ranked on noise. Below, a reviewed
category crossed with the same slices ("blurry among 8 → 1 errors").

Work split between threads: the predictions rows, items and ticks are read
on the GUI thread (the session's connection lives there; the panel is lazy,
so this happens after the paint that shows it), the statistics are computed
on a worker thread, and the tables are filled when they arrive.
"""

from __future__ import annotations

import contextlib
import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from erroranalysis.core.rates import format_percent, format_share
from erroranalysis.core.session import ReviewSession, metadata_of
from erroranalysis.core.slices import (
    MIN_ERRORS,
    MIN_EXAMPLES,
    Crossing,
    Slice,
    SliceReport,
    compute_slices,
    cross_category,
)
from erroranalysis.gui.analysis.weighted_view import counts_note
from erroranalysis.gui.core_texts import sentences
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.gui.widgets import ScrollingPanel, heading, muted, wrapped

#: Rows per breakdown in the table (the CLI's json has them all).
TOP_ROWS = 10


@dataclass
class SliceInputs:
    """What the worker needs, read from the session on the GUI thread."""

    frame: pd.DataFrame
    metadata: list[str]
    errors: pd.DataFrame  # reviewed dev errors: label, prediction, metadata
    ticks: pd.DataFrame  # one bool column per category name, a row per error
    min_errors: int
    min_examples: int


@dataclass
class SliceResults:
    report: SliceReport | None
    crossings: list[Crossing] = field(default_factory=list)
    problem: str = ""


def read_inputs(
    session: ReviewSession, frame: pd.DataFrame, min_errors: int, min_examples: int
) -> SliceInputs:
    """The reviewed dev errors with their metadata and ticks (as ``slices --category``)."""
    metadata = metadata_of(frame)
    categories = session.categories()
    items = session.item_columns(["id", "key", "label", "prediction", "origin", "reviewed"])
    reviewed = items["reviewed"] & (items["origin"] == "error")
    ids = items["id"][reviewed]
    ticks = session.ticks_frame().reindex(index=ids, columns=[c.id for c in categories])
    ticks = ticks.fillna(False).astype(bool)
    ticks.columns = [c.name for c in categories]
    errors = pd.DataFrame(
        {
            "key": items["key"][reviewed],
            "label": items["label"][reviewed],
            "prediction": items["prediction"][reviewed],
        }
    )
    extra = [c for c in frame.columns if c not in ("key", "image", "label", "prediction", "split")]
    if extra and len(errors):
        rows = frame.drop_duplicates("key").set_index("key")[extra]
        joined = rows.reindex(errors["key"].to_numpy())
        for column in extra:
            errors[column] = joined[column].to_numpy()
    return SliceInputs(
        frame,
        metadata,
        errors.reset_index(drop=True),
        ticks.reset_index(drop=True),
        min_errors,
        min_examples,
    )


def compute(inputs: SliceInputs) -> SliceResults:
    """The slices and the crossings (Qt-free; runs on a worker thread)."""
    report = compute_slices(
        inputs.frame,
        None,
        inputs.metadata,
        min_errors=inputs.min_errors,
        min_examples=inputs.min_examples,
    )
    crossings: list[Crossing] = []
    if len(inputs.errors) and len(inputs.ticks.columns):
        crossings = cross_category(
            report, inputs.errors, inputs.ticks, min_reviewed=inputs.min_errors
        )
    return SliceResults(report, crossings)


class _Carrier(QObject):
    done = Signal(int, object)  # generation, SliceResults


class _SliceJob(QRunnable):
    def __init__(self, generation: int, inputs: SliceInputs, carrier: _Carrier) -> None:
        super().__init__()
        self._generation = generation
        self._inputs = inputs
        self._carrier = carrier

    def run(self) -> None:
        try:
            results = compute(self._inputs)
        except Exception as error:  # shown in the panel, never a traceback
            results = SliceResults(None, problem=str(error))
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self._carrier.done.emit(self._generation, results)


def _interval(
    rate: float | None,
    low: float | None,
    high: float | None,
    fmt: Callable[[float | None], str] = format_percent,
) -> str:
    """``12.50% [7.35–27.42]``: the value and its interval, compact for a narrow dock."""
    if rate is None or (isinstance(rate, float) and math.isnan(rate)):
        return "–"
    return f"{fmt(rate)} [{fmt(low).rstrip('%')}–{fmt(high).rstrip('%')}]"


def _lift(value: float | None) -> str:
    if value is None:
        return "–"
    if math.isinf(value):
        return "∞"
    return f"{value:.2g}×" if value < 10 else f"{value:.0f}×"


def _slice_name(s: Slice | Crossing) -> str:
    if s.kind in ("confusion", "numeric"):
        return s.value.replace("->", "→")
    if s.breakdown == "label":
        return f"class {s.value}"
    if s.breakdown == "prediction":
        return f"predicted {s.value}"
    return f"{s.breakdown}={s.value}"


class _Table(QTableWidget):
    """A read-only table as tall as its rows (the panel scrolls, not the table)."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.horizontalHeader()
        # Numbers take what they need; the slice's name takes the rest (elided when
        # the dock is narrow) so no number hides behind a scroll bar.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

    def fill(self, rows: list[list[str]]) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = QTableWidgetItem(text)
                if c == 0:
                    cell.setToolTip(text)  # elided in a narrow dock
                else:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(r, c, cell)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._fit_height()

    def _fit_height(self) -> None:
        height = self.horizontalHeader().height() + 4
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        if self.horizontalScrollBar().maximum() > 0:  # a narrow dock: room for the bar
            height += self.horizontalScrollBar().sizeHint().height()
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_height)  # once the scroll bar knows its range


class SlicesPanel(ScrollingPanel):
    """The top slices of the dev set, and a category crossed with them."""

    status_message = Signal(str)

    def __init__(
        self,
        session: ReviewSession,
        signals: SessionSignals,
        parent: QWidget | None = None,
        *,
        lazy: bool = False,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._frame: pd.DataFrame | None = None
        self._results: SliceResults | None = None
        self._generation = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._carrier = _Carrier(self)
        self._carrier.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._build()
        signals.items_changed.connect(self._on_items_changed)
        signals.ticks_changed.connect(lambda *_a: self.schedule_refresh())
        signals.reviewed_changed.connect(lambda *_a: self.schedule_refresh())
        signals.categories_changed.connect(self.schedule_refresh)
        if lazy:
            self._stale = True
        else:
            self.refresh()

    # -------------------------------------------------------------- building
    def _build(self) -> None:
        layout = self.content_layout
        content = self.content
        self.summary = wrapped("", content)
        self.summary.setObjectName("slicesSummary")
        layout.addWidget(self.summary)

        controls = QHBoxLayout()
        controls.setSpacing(6)
        self.breakdown_combo = QComboBox(content)
        self.breakdown_combo.setToolTip(self.tr("Which breakdown of the dev set to list"))
        self.breakdown_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.breakdown_combo.setMinimumContentsLength(10)
        self.breakdown_combo.currentIndexChanged.connect(self._show_breakdown)
        self.min_errors = QSpinBox(content)
        self.min_errors.setRange(0, 10_000)
        self.min_errors.setValue(MIN_ERRORS)
        self.min_errors.setToolTip(self.tr("Hide slices with fewer dev errors than this"))
        self.min_examples = QSpinBox(content)
        self.min_examples.setRange(0, 1_000_000)
        self.min_examples.setValue(MIN_EXAMPLES)
        self.min_examples.setToolTip(self.tr("Hide slices with fewer dev examples than this"))
        for box in (self.min_errors, self.min_examples):
            box.setMaximumWidth(80)
            box.setMinimumWidth(60)
            box.setKeyboardTracking(False)
            box.valueChanged.connect(lambda _v: self.schedule_refresh())
        controls.addWidget(QLabel(self.tr("By:"), content))
        controls.addWidget(self.breakdown_combo, 1)
        layout.addLayout(controls)
        # The minimum support on a row of its own: the dock may be 360 px wide.
        support = QHBoxLayout()
        support.setSpacing(6)
        support.addWidget(QLabel(self.tr("Min errors:"), content))
        support.addWidget(self.min_errors)
        support.addSpacing(6)
        support.addWidget(QLabel(self.tr("Min examples:"), content))
        support.addWidget(self.min_examples)
        support.addStretch(1)
        layout.addLayout(support)

        self.table = _Table([], content)
        self.table.setObjectName("slicesTable")
        layout.addWidget(self.table)
        self.table_note = muted("", content)
        layout.addWidget(self.table_note)

        layout.addWidget(heading(self.tr("Worth a look"), content))
        self.highlights = wrapped("", content)
        self.highlights.setObjectName("slicesHighlights")
        self.highlights.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.highlights)

        layout.addWidget(heading(self.tr("A category among the slices"), content))
        cross_row = QHBoxLayout()
        self.category_combo = QComboBox(content)
        self.category_combo.setToolTip(
            self.tr("Its share of the reviewed errors inside each slice, against outside it")
        )
        self.category_combo.currentIndexChanged.connect(self._show_crossings)
        cross_row.addWidget(QLabel(self.tr("Category:"), content))
        cross_row.addWidget(self.category_combo, 1)
        layout.addLayout(cross_row)
        self.cross_table = _Table(
            [
                self.tr("Slice"),
                self.tr("Errors"),
                self.tr("Ticked"),
                self.tr("Share [95%]"),
                self.tr("Elsewhere"),
                self.tr("Lift"),
            ],
            content,
        )
        self.cross_table.setObjectName("crossTable")
        layout.addWidget(self.cross_table)
        self.cross_note = muted("", content)
        self.cross_note.setObjectName("crossNote")
        layout.addWidget(self.cross_note)

        self.suggestions_heading = heading(
            self.tr("Suggested ticks: how often you agreed"), content
        )
        layout.addWidget(self.suggestions_heading)
        self.suggestions_table = _Table(
            [
                self.tr("Category"),
                self.tr("From"),
                self.tr("Suggested"),
                self.tr("Decided"),
                self.tr("Accepted"),
                self.tr("Precision"),
            ],
            content,
        )
        self.suggestions_table.setObjectName("suggestionsTable")
        layout.addWidget(self.suggestions_table)
        self.suggestions_note = muted(
            self.tr(
                "Precision: accepted / decided. Suggestions are never ticks: the tally counts "
                "only the ones you confirmed. Review ▸ Suggested ticks links a category."
            ),
            content,
        )
        layout.addWidget(self.suggestions_note)
        self._suggestions = None
        for widget in (self.suggestions_heading, self.suggestions_table, self.suggestions_note):
            widget.hide()
        layout.addStretch(1)

    def set_suggestions(self, suggestions) -> None:  # type: ignore[no-untyped-def]
        """Show each linked category's suggestion precision (a ``SuggestionState``)."""
        self._suggestions = suggestions
        suggestions.changed.connect(self.show_suggestions)
        self.show_suggestions()

    def show_suggestions(self) -> None:
        state = self._suggestions
        links = state.links() if state is not None else {}
        for widget in (self.suggestions_heading, self.suggestions_table, self.suggestions_note):
            widget.setVisible(bool(links))
        if not links:
            return
        names = {c.id: c.name for c in self._session.categories()}
        sources = {"sharpness": self.tr("sharpness"), "label_issue": self.tr("label issues")}
        rows = []
        for category_id, source in links.items():
            p = state.precision(category_id)
            rows.append(
                [
                    names.get(category_id, "?"),
                    sources.get(source, source),
                    f"{p.suggested:,}",
                    f"{p.decided:,}",
                    f"{p.accepted:,}",
                    "–" if p.value is None else format_share(p.value),
                ]
            )
        self.suggestions_table.fill(rows)

    # -------------------------------------------------------------- updating
    @property
    def results(self) -> SliceResults | None:
        return self._results

    def computing(self) -> bool:
        return self._pool.activeThreadCount() > 0 or self._generation != getattr(
            self, "_shown_generation", -1
        )

    def _on_items_changed(self, _ids: list) -> None:
        self._frame = None  # re-read (items added: sampled correct examples)
        self.schedule_refresh()

    def refresh(self) -> None:
        """Read the session now, compute on the worker, fill the tables when done."""
        self._timer.stop()
        self._stale = False
        if self._frame is None:
            self._frame = self._session.predictions_frame()
        if self._frame.empty:
            self._generation += 1
            self._shown_generation = self._generation
            self.summary.setText(
                self.tr(
                    "No slices for this session: it was made from a folder of images, so "
                    "it has no predictions file to break down. Make a session from a "
                    "predictions file (with metadata columns) to see where errors gather."
                )
            )
            return
        inputs = read_inputs(
            self._session, self._frame, self.min_errors.value(), self.min_examples.value()
        )
        self._generation += 1
        if self._results is None:
            self.summary.setText(self.tr("Computing the slices…"))
        self._pool.start(_SliceJob(self._generation, inputs, self._carrier))

    def _on_done(self, generation: int, results: SliceResults) -> None:
        if generation != self._generation:
            return  # a newer computation is on its way
        self._shown_generation = generation
        self._results = results
        if results.report is None:
            self.summary.setText(
                self.tr("The slices could not be computed: %1").replace("%1", results.problem)
            )
            return
        report = results.report
        self.summary.setText(
            self.tr(
                "%1 dev examples, %2 errors (%3 dev error). Slices need at least %4 errors "
                "and %5 examples; rates with exact 95% intervals."
            )
            .replace("%1", f"{report.dev_size:,}")
            .replace("%2", f"{report.dev_errors:,}")
            .replace("%3", format_percent(report.dev_error))
            .replace("%4", str(report.min_errors))
            .replace("%5", str(report.min_examples))
        )
        current = self.breakdown_combo.currentData()
        self.breakdown_combo.blockSignals(True)
        self.breakdown_combo.clear()
        for result in report.breakdowns:
            name = result.breakdown.name
            text = {
                "confusion": self.tr("Confusion pairs"),
                "label": self.tr("True class"),
                "prediction": self.tr("Predicted class"),
            }.get(name, name)
            self.breakdown_combo.addItem(text, name)
        index = self.breakdown_combo.findData(current)
        self.breakdown_combo.setCurrentIndex(max(0, index))
        self.breakdown_combo.blockSignals(False)
        self._show_breakdown()
        lines = [sentences(s.summary) for s in report.highlights()]
        self.highlights.setText(
            "<ul style='margin-left: -20px'>"
            + "".join(f"<li>{_html(line)}</li>" for line in lines)
            + "</ul>"
            if lines
            else self.tr("No slice stands out yet.")
        )
        current_category = self.category_combo.currentText()
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        for category in self._session.categories():
            self.category_combo.addItem(category.name)
        found = self.category_combo.findText(current_category)
        self.category_combo.setCurrentIndex(max(0, found))
        self.category_combo.blockSignals(False)
        self._show_crossings()

    def _show_breakdown(self, *_args: object) -> None:
        results = self._results
        if results is None or results.report is None or self.breakdown_combo.count() == 0:
            return
        name = self.breakdown_combo.currentData()
        result = results.report.result(name)
        shown = result.slices[:TOP_ROWS]
        if result.breakdown.kind == "confusion":
            headers = [
                self.tr("Pair"),
                self.tr("Errors"),
                self.tr("Of dev error"),
                self.tr("Of its class [95%]"),
            ]
            rows = [
                [
                    _slice_name(s),
                    f"{s.errors:,}",
                    format_percent(s.error_share),
                    _interval(s.rate, s.rate_low, s.rate_high),
                ]
                for s in shown
            ]
        else:
            headers = [
                self.tr("Slice"),
                self.tr("Errors"),
                self.tr("Examples"),
                self.tr("Of dev error"),
                self.tr("Error rate [95%]"),
                self.tr("Elsewhere [95%]"),
                self.tr("Lift"),
            ]
            rows = [
                [
                    _slice_name(s) + (" *" if s.significant else ""),
                    f"{s.errors:,}",
                    f"{s.examples:,}",
                    format_percent(s.error_share),
                    _interval(s.rate, s.rate_low, s.rate_high),
                    _interval(s.rate_elsewhere, s.elsewhere_low, s.elsewhere_high),
                    _lift(s.lift),
                ]
                for s in shown
            ]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.fill(rows)
        notes = []
        if len(result.slices) > len(shown):
            notes.append(
                self.tr("%1 more: erroranalysis slices SESSION --top 0").replace(
                    "%1", str(len(result.slices) - len(shown))
                )
            )
        if result.hidden:
            notes.append(
                self.tr("%1 slices too small to judge are hidden (%2 errors)")
                .replace("%1", str(result.hidden))
                .replace("%2", str(result.hidden_errors))
            )
        if result.breakdown.kind != "confusion":
            notes.append(self.tr("* the two intervals do not overlap"))
        text = "; ".join(notes)
        if not rows:  # a sentence of its own before the notes (not "examples.; 2 slices")
            no_slice = self.tr("No slice has enough errors and examples.")
            text = f"{no_slice} {text}" if text else no_slice
        unweighted = counts_note(self._session)
        if unweighted:
            text = f"{text}. {unweighted}" if text else unweighted
        self.table_note.setText(text)

    def _show_crossings(self, *_args: object) -> None:
        results = self._results
        if results is None:
            return
        name = self.category_combo.currentText()
        rows_of = [c for c in results.crossings if c.category == name][:TOP_ROWS]
        self.cross_table.fill(
            [
                [
                    _slice_name(c) + (" *" if c.significant else ""),
                    f"{c.reviewed:,}",
                    f"{c.ticked:,}",
                    _interval(c.share, c.share_low, c.share_high, format_share),
                    _interval(c.share_elsewhere, c.elsewhere_low, c.elsewhere_high, format_share),
                    _lift(c.lift),
                ]
                for c in rows_of
            ]
        )
        if rows_of:
            self.cross_note.setText(rows_of[0].summary.replace("->", "→"))
        elif name:
            self.cross_note.setText(
                self.tr("No slice has %1 reviewed errors yet, or “%2” is not ticked anywhere.")
                .replace("%1", str(self.min_errors.value()))
                .replace("%2", name)
            )
        else:
            self.cross_note.setText("")

    def shutdown(self) -> None:
        self._generation += 1  # a result still on its way is dropped
        self._pool.waitForDone(5000)


def _html(text: str) -> str:
    return html.escape(text)
