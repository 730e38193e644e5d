"""The Labels panel: how much of the dev error wrong labels cause (METHOD §3).

Three parts, the numbers of ``erroranalysis labels SESSION``:

- the split of the dev error into incorrect labels and other causes, with a
  stacked bar and the plain-words verdict (fix labels now, or later);
- the dev error once labels are corrected, with its 95% interval, and the
  button that samples correctly classified dev examples into the session
  (a wrong label can hide a model error), like ``sample-correct``;
- a comparison with a second model's predictions on the same dev set: can
  the two be ranked, given this much label noise (like ``compare``)?
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPalette,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from erroranalysis.core.categories import LABEL_ERROR, Category
from erroranalysis.core.errors import UserError
from erroranalysis.core.label_noise import Comparison, compare_models
from erroranalysis.core.model_pairing import pair_dev_errors
from erroranalysis.core.predictions import load_predictions
from erroranalysis.core.rates import format_percent, format_share
from erroranalysis.core.session import CORRECT, ReviewSession
from erroranalysis.core.session_analysis import LabelReport, label_report
from erroranalysis.core.sources import PREDICTION_SUFFIXES, add_correct_sample
from erroranalysis.gui.commands import AddCategoryCommand, push_command
from erroranalysis.gui.core_texts import sentences
from erroranalysis.gui.i18n import translate
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.gui.widgets import (
    ERROR_COLOR,
    ScrollingPanel,
    big_label,
    error_label,
    heading,
    muted,
    wrapped,
)

DEFAULT_SAMPLE = 50
LABEL_FALLBACK_COLOR = "#D55E00"
OTHER_COLOR = QColor("#8C9BAB")


# --------------------------------------------------------------------------
# The second model (no Qt): match its dev examples to the session's, like
# ``erroranalysis compare`` does between two files.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class OtherModel:
    """A second model's dev errors on the session's dev examples."""

    path: Path
    dev_size: int
    dev_errors_a: int  # the session's model
    dev_errors_b: int  # the other file's model

    @property
    def dev_error_a(self) -> float:
        return self.dev_errors_a / self.dev_size

    @property
    def dev_error_b(self) -> float:
        return self.dev_errors_b / self.dev_size


def load_other_model(session: ReviewSession, path: str | Path) -> OtherModel:
    """Read a second predictions file and count its errors on the session's dev examples.

    Examples are matched by id when both the session's file and this one have
    an id column, else by image path (as ``erroranalysis compare`` does).
    Raises :class:`UserError` when the session has no predictions, the dev
    examples differ, or the two files disagree on a dev label.
    """
    path = Path(path)
    ours = session.predictions_frame()
    if ours.empty:
        raise UserError(
            translate(
                "labels_panel",
                "this session was made from a folder of images: it has no predictions to compare",
            )
        )
    dev_a = ours[ours["split"] == "dev"]
    other = load_predictions(path)
    dev_b = other.dev
    try:
        columns_a = json.loads(session.meta("columns", "{}") or "{}")
    except ValueError:
        columns_a = {}
    by_id = "id" in columns_a and "id" in other.mapping
    paired = pair_dev_errors(
        dev_a, translate("labels_panel", "the session's predictions"), dev_b, path.name, by_id=by_id
    )
    return OtherModel(path, paired.dev_size, paired.errors_a, paired.errors_b)


# --------------------------------------------------------------------------
# Widgets
# --------------------------------------------------------------------------


class SplitBar(QWidget):
    """The dev error as one bar: the part due to wrong labels (hatched), then the rest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = 0.0
        self._color = QColor(LABEL_FALLBACK_COLOR)
        self.setFixedHeight(16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_split(self, label_fraction: float, color: str) -> None:
        """``label_fraction``: the share of the dev error due to wrong labels (0..1)."""
        self._labels = max(0.0, min(1.0, label_fraction))
        self._color = QColor(color) if color else QColor(LABEL_FALLBACK_COLOR)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(OTHER_COLOR)
        painter.drawRoundedRect(rect, 3, 3)
        if self._labels > 0:
            part = QRectF(rect.left(), rect.top(), max(3.0, rect.width() * self._labels),
                          rect.height())
            painter.setBrush(self._color)
            painter.drawRoundedRect(part, 3, 3)
            # Hatched like the label-error bar in the gain chart: about the labels, not the model.
            painter.setBrush(QBrush(QColor(255, 255, 255, 110), Qt.BrushStyle.BDiagPattern))
            painter.drawRoundedRect(part, 3, 3)
        painter.end()


def _swatch(color: QColor, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setFixedSize(12, 12)
    label.setStyleSheet(f"background: {color.name()}; border-radius: 3px;")
    return label


class SampleCorrectDialog(QDialog):
    """Ask how many correctly classified dev examples to add, and the random seed."""

    def __init__(self, available: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add correct examples to review"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "A wrong label can hide a model error. Add a random sample of the dev examples the "
                "model got right ({available:,} not in the session yet) to review their labels "
                "like the errors. They are marked “correct” and counted apart from the errors."
            ).format(available=available),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.count = QSpinBox(self)
        self.count.setRange(1, max(1, available))
        self.count.setValue(min(DEFAULT_SAMPLE, max(1, available)))
        self.count.setAccessibleName("Number of examples")
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setToolTip(self.tr("The same seed picks the same examples again."))
        self.seed.setAccessibleName("Random seed")
        form.addRow(self.tr("Examples to add:"), self.count)
        form.addRow(self.tr("Random seed:"), self.seed)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "Adding examples cannot be undone with Undo; examples you leave unreviewed do not "
                "count in any number."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())


class LabelsPanel(ScrollingPanel):
    """Incorrect labels: the split of the dev error, the corrected estimate, two models."""

    show_items = Signal(list, str)
    """Show these item ids in the review views, described by the text."""

    status_message = Signal(str)
    """A short message for the window's status bar."""

    def __init__(self, session: ReviewSession, signals: SessionSignals, undo_stack: QUndoStack,
                 parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(parent)
        self._session = session
        self._signals = signals
        self._undo_stack = undo_stack
        self._report: LabelReport | None = None
        self._other: OtherModel | None = None
        self._comparison: Comparison | None = None
        self._build()
        signals.changed.connect(self.schedule_refresh)
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

        # -- no label-error category yet
        self.missing_box = QWidget(content)
        missing = QVBoxLayout(self.missing_box)
        missing.setContentsMargins(0, 0, 0, 0)
        missing.addWidget(heading(self.tr("No category for incorrect labels"), self.missing_box))
        missing.addWidget(wrapped(
            self.tr("To see how much of the dev error comes from wrong labels rather than from the "
            "model, the session needs a category of kind “incorrect label”. Add one here, or "
            "in Categories ▸ Edit categories (set its kind to “incorrect label”), then tick it "
            "on the errors whose true label is wrong."),
            self.missing_box,
        ))
        self.add_category_button = QPushButton(
            self.tr("Add an “incorrect label” category"), self.missing_box
        )
        self.add_category_button.clicked.connect(self.add_label_category)
        row = QHBoxLayout()
        row.addWidget(self.add_category_button)
        row.addStretch(1)
        missing.addLayout(row)
        layout.addWidget(self.missing_box)

        # -- the split
        self.report_box = QWidget(content)
        box = QVBoxLayout(self.report_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8)
        box.addWidget(
            heading(self.tr("How much of the dev error wrong labels cause"), self.report_box)
        )
        self.split_grid_box = QWidget(self.report_box)
        grid = QGridLayout(self.split_grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        self.label_swatch = _swatch(QColor(LABEL_FALLBACK_COLOR), self.split_grid_box)
        self.due_value = QLabel(self.split_grid_box)
        self.due_value.setObjectName("dueToLabelsValue")
        self.other_value = QLabel(self.split_grid_box)
        self.other_value.setObjectName("otherCausesValue")
        self.dev_value = QLabel(self.split_grid_box)
        for label in (self.due_value, self.other_value, self.dev_value):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            # Room for the widest value ("99.9%") so the wrapping notes beside
            # them cannot squeeze the numbers away.
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance("100.0%") + 4)
        self.due_note = muted("", self.split_grid_box)
        self.other_note = muted("", self.split_grid_box)
        grid.addWidget(self.label_swatch, 0, 0)
        grid.addWidget(QLabel(self.tr("Due to incorrect labels"), self.split_grid_box), 0, 1)
        grid.addWidget(self.due_value, 0, 2)
        grid.addWidget(self.due_note, 0, 3)
        grid.addWidget(_swatch(OTHER_COLOR, self.split_grid_box), 1, 0)
        grid.addWidget(QLabel(self.tr("Other causes"), self.split_grid_box), 1, 1)
        grid.addWidget(self.other_value, 1, 2)
        grid.addWidget(self.other_note, 1, 3)
        grid.addWidget(QLabel(self.tr("Dev error"), self.split_grid_box), 2, 1)
        grid.addWidget(self.dev_value, 2, 2)
        grid.setColumnStretch(3, 1)
        box.addWidget(self.split_grid_box)
        self.split_bar = SplitBar(self.report_box)
        box.addWidget(self.split_bar)
        # The tinted box is a frame around the label: a QLabel with its own
        # stylesheet padding mis-measures its wrapped height and cuts lines off.
        self.verdict_box = QFrame(self.report_box)
        self.verdict_box.setObjectName("verdictBox")
        verdict_layout = QVBoxLayout(self.verdict_box)
        verdict_layout.setContentsMargins(8, 8, 8, 8)
        self.verdict_label = wrapped("", self.verdict_box)
        self.verdict_label.setObjectName("labelVerdict")
        verdict_layout.addWidget(self.verdict_label)
        box.addWidget(self.verdict_box)
        self.errors_count_label = muted("", self.report_box)
        box.addWidget(self.errors_count_label)

        # -- the corrected dev error
        box.addSpacing(6)
        box.addWidget(heading(self.tr("Dev error with labels corrected"), self.report_box))
        self.corrected_label = big_label(self.report_box, 1.2)
        self.corrected_label.setObjectName("correctedLabel")
        box.addWidget(self.corrected_label)
        self.corrected_note = muted("", self.report_box)
        box.addWidget(self.corrected_note)
        self.correct_count_label = muted("", self.report_box)
        box.addWidget(self.correct_count_label)
        buttons = QHBoxLayout()
        self.sample_button = QPushButton(
            self.tr("Add correct examples to review…"), self.report_box
        )
        self.sample_button.clicked.connect(self.ask_add_correct_examples)
        self.show_correct_button = QPushButton(self.tr("Show them"), self.report_box)
        self.show_correct_button.setToolTip(
            self.tr("Show the correct examples sampled for label review")
        )
        self.show_correct_button.clicked.connect(self.show_correct_examples)
        buttons.addWidget(self.sample_button)
        buttons.addWidget(self.show_correct_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.sample_unavailable = muted("", self.report_box)
        self.sample_unavailable.hide()
        box.addWidget(self.sample_unavailable)
        self.sample_message = wrapped("", self.report_box)
        self.sample_message.setObjectName("sampleMessage")
        self.sample_message.hide()
        box.addWidget(self.sample_message)
        self.sample_error = error_label(self.report_box)
        box.addWidget(self.sample_error)
        layout.addWidget(self.report_box)

        # -- two models
        layout.addSpacing(6)
        layout.addWidget(heading(self.tr("Compare with another model"), content))
        self.compare_intro = muted(
            self.tr(
                "Pick a second model's predictions on the same dev set: are the two dev errors far "
                "enough apart that wrong labels cannot explain the difference?"
            ),
            content,
        )
        layout.addWidget(self.compare_intro)
        row = QHBoxLayout()
        self.compare_button = QPushButton(self.tr("Compare with another model…"), content)
        self.compare_button.clicked.connect(self.ask_compare)
        row.addWidget(self.compare_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.compare_unavailable = muted(
            self.tr("This session was made from a folder of images: it has no dev predictions to "
            "compare. Make a session from a predictions file to compare two models."),
            content,
        )
        self.compare_unavailable.hide()
        layout.addWidget(self.compare_unavailable)
        self.compare_label = wrapped("", content)
        self.compare_label.setObjectName("compareLabel")
        self.compare_label.setTextFormat(Qt.TextFormat.RichText)
        self.compare_label.hide()
        layout.addWidget(self.compare_label)
        self.compare_error = error_label(content)
        layout.addWidget(self.compare_error)

        self.status = error_label(content)
        layout.addWidget(self.status)
        layout.addStretch(1)

    # -------------------------------------------------------------- updating
    @property
    def report(self) -> LabelReport | None:
        """The label report on screen (None without a label-error category)."""
        return self._report

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    def _has_predictions(self) -> bool:
        return self._session.meta("source_kind") != "folder"

    def _label_category(self) -> Category | None:
        return next((c for c in self._session.categories() if c.kind == LABEL_ERROR), None)

    def refresh(self) -> None:
        """Recompute the label report from the session now and show it."""
        self._timer.stop()
        self._stale = False
        category = self._label_category()
        self.missing_box.setVisible(category is None)
        self.report_box.setVisible(category is not None)
        self.status.hide()
        self._report = None
        if category is not None:
            try:
                self._report = label_report(self._session)
            except UserError as error:
                self.status.setText(str(error))
                self.status.show()
                self.report_box.hide()
            else:
                self._show_report(self._report, category)
        self._show_comparison()

    def _show_report(self, report: LabelReport, category: Category) -> None:
        split = report.split
        self.label_swatch.setStyleSheet(
            f"background: {category.color or LABEL_FALLBACK_COLOR}; border-radius: 3px;"
        )
        self.errors_count_label.setText(
            self.tr(
                "Reviewed dev errors: {reviewed_errors:,} of {dev_errors:,}, "
                "with an incorrect label: {label_errors_among_errors:,}"
            ).format(
                reviewed_errors=report.reviewed_errors,
                dev_errors=self._session.dev_errors,
                label_errors_among_errors=report.label_errors_among_errors,
            )
        )
        if split is None:
            self.split_grid_box.hide()
            self.split_bar.hide()
            if self._session.dev_error is None:
                why = self.tr(
                    "The split needs the dev error rate: this session does not know the dev "
                    "set size."
                )
            else:
                why = (self.tr("No split yet: review some dev errors and tick “{name}” on those "
                       "whose true label is wrong.").format(name=category.name))
            self.verdict_label.setText(why)
            self.verdict_box.setStyleSheet("")
        else:
            self.split_grid_box.show()
            self.split_bar.show()
            self.due_value.setText(format_percent(split.due_to_labels))
            self.other_value.setText(format_percent(split.other_causes))
            self.dev_value.setText(format_percent(split.dev_error))
            self.due_note.setText(
                self.tr("{0} of the dev error").format(format_share(split.label_share))
            )
            self.other_note.setText(
                self.tr("{0} of the dev error").format(format_share(1 - split.label_share))
            )
            self.split_bar.set_split(split.label_share, category.color)
            self.verdict_label.setText(sentences(split.verdict))
            tint = (
                "rgba(213, 94, 0, 0.12)"
                if split.worth_fixing
                else "rgba(0, 114, 178, 0.08)"
            )
            self.verdict_box.setStyleSheet(
                f"QFrame#verdictBox {{ background: {tint}; border-radius: 4px; }}"
            )

        corrected = report.corrected
        if corrected is None:
            self.corrected_label.setText(self.tr("Not known"))
            self.corrected_note.setText(
                self.tr(
                    "The corrected dev error needs the dev set size, which this session does "
                    "not know."
                )
            )
        else:
            if corrected.high is None:
                # No correct example reviewed: wrong labels hidden among them can
                # only raise it, so the errors' side gives a lower bound only.
                self.corrected_label.setText(
                    self.tr("{0}  (at least {1}; no upper bound yet)").format(
                        format_percent(corrected.value), format_percent(corrected.low)
                    )
                )
            else:
                self.corrected_label.setText(
                    self.tr("{0}  (95% interval {1} to {2})").format(
                        format_percent(corrected.value),
                        format_percent(corrected.low),
                        format_percent(corrected.high),
                    )
                )
            waiting = self._session.item_count(origin=CORRECT)
            if report.reviewed_correct == 0 and waiting:
                self.corrected_note.setText(
                    self.tr(
                        "This assumes the correctly classified examples have right labels: none of "
                        "the {waiting:,} in the session was reviewed yet. Review them to count the "
                        "wrong labels they hide."
                    ).format(waiting=waiting)
                )
            elif report.reviewed_correct == 0 and not self._has_predictions():
                self.corrected_note.setText(
                    self.tr(
                        "This assumes the correctly classified examples have right labels: a "
                        "session "
                        "made from a folder of images holds only the errors."
                    )
                )
            elif report.reviewed_correct == 0:
                self.corrected_note.setText(
                    self.tr(
                        "This assumes the correctly classified examples have right labels: none "
                        "was "
                        "reviewed yet. Add some below and review them to count the wrong labels "
                        "they hide."
                    )
                )
            else:
                self.corrected_note.setText(
                    self.tr(
                        "Errors whose label is wrong are taken out; wrong labels found among the "
                        "reviewed correct examples are model errors put back in."
                    )
                )
        self.correct_count_label.setText(
            self.tr(
                "Reviewed correct examples: {reviewed_correct:,} of {correct_total:,}, "
                "with an incorrect label: {label_errors_among_correct:,}"
            ).format(
                reviewed_correct=report.reviewed_correct,
                correct_total=report.correct_total,
                label_errors_among_correct=report.label_errors_among_correct,
            )
        )
        in_session = self._session.item_count(origin=CORRECT)
        self.show_correct_button.setVisible(in_session > 0)
        self.show_correct_button.setText(
            self.tr("Show the {in_session:,} in the session").format(in_session=in_session)
        )
        available = report.correct_total - in_session
        unavailable = ""
        if not self._has_predictions():
            unavailable = self.tr(
                "This session was made from a folder of images: it has no correctly classified "
                "examples to sample. Make a session from a predictions file to review them."
            )
        elif available <= 0:
            unavailable = self.tr(
                "Every correctly classified dev example is already in the session."
            )
        self.sample_unavailable.setText(unavailable)
        self.sample_unavailable.setVisible(bool(unavailable))
        self.sample_button.setEnabled(not unavailable)
        if unavailable:
            self.sample_button.setToolTip(unavailable)
        else:
            self.sample_button.setToolTip(
                self.tr(
                    "Sample some of the {available:,} correctly classified dev examples not in the "
                    "session yet, to review their labels."
                ).format(available=available)
            )

    def _show_comparison(self) -> None:
        self.compare_button.setEnabled(self._has_predictions())
        self.compare_unavailable.setVisible(not self._has_predictions())
        self.compare_button.setToolTip(
            ""
            if self._has_predictions()
            else self.tr(
                "This session was made from a folder of images: it has no dev predictions "
                "to compare."
            )
        )
        other = self._other
        if other is None:
            self._comparison = None
            self.compare_label.hide()
            return
        split = self._report.split if self._report is not None else None
        noise = split.due_to_labels if split is not None else 0.0
        result = compare_models(other.dev_error_a, other.dev_error_b, noise)
        self._comparison = result
        rows = [
            (
                self.tr("This session's model (A)"),
                self.tr("{0} dev error ({dev_errors_a:,} of {dev_size:,})").format(
                    format_percent(result.dev_error_a),
                    dev_errors_a=other.dev_errors_a,
                    dev_size=other.dev_size,
                ),
            ),
            (
                f"{other.path.name} (B)",
                self.tr("{0} dev error ({dev_errors_b:,} of {dev_size:,})").format(
                    format_percent(result.dev_error_b),
                    dev_errors_b=other.dev_errors_b,
                    dev_size=other.dev_size,
                ),
            ),
            (self.tr("Difference (A − B)"), format_percent(result.difference, signed=True)),
        ]
        if split is not None:
            rows.append(
                (
                    self.tr("Label noise"),
                    self.tr("{0} of the dev set could explain {1} of the difference").format(
                        format_percent(noise), format_percent(result.explainable_share)
                    ),
                )
            )
        else:
            rows.append((
                self.tr("Label noise"),
                self.tr("not known yet: review errors and tick the incorrect-label category"),
            ))
        cells = "".join(
            f"<tr><td style='padding-right:10px'>{_html(name)}</td>"
            f"<td><b>{_html(value)}</b></td></tr>"
            for name, value in rows
        )
        verdict = sentences(result.verdict)
        warning = ""
        if result.warning:
            verdict = verdict.replace(result.warning, "").strip()
            warning = f"<p style='color:{ERROR_COLOR}'><b>⚠ {_html(result.warning)}</b></p>"
        self.compare_label.setText(
            f"<table>{cells}</table><p>{_html(verdict)}</p>{warning}"
        )
        self.compare_label.show()

    # ----------------------------------------------------------- interaction
    def add_label_category(self) -> None:
        """Add an “incorrect label” category (one undo step)."""
        taken = {c.name.casefold() for c in self._session.categories()}
        name = self.tr("incorrect label")
        number = 2
        while name.casefold() in taken:
            name = self.tr("incorrect label {number}").format(number=number)
            number += 1
        category = Category(name, color=LABEL_FALLBACK_COLOR, kind=LABEL_ERROR,
                            description=self.tr("the true label itself is wrong"))
        # The name is free (checked above) and no shortcut is asked for, so the
        # store accepts it: nothing can fail inside the command's redo().
        push_command(self._undo_stack, AddCategoryCommand(self._session, category))
        self.status_message.emit(self.tr("Added the category “{name}”").format(name=name))
        self.refresh()

    def ask_add_correct_examples(self) -> None:
        """Ask how many correct examples to sample (default 50) and add them."""
        report = self._report
        if report is None:
            return
        available = report.correct_total - self._session.item_count(origin=CORRECT)
        dialog = SampleCorrectDialog(max(0, available), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_correct_examples(dialog.count.value(), dialog.seed.value())

    def add_correct_examples(self, count: int, seed: int = 0) -> list[int]:
        """Sample ``count`` correctly classified dev examples into the session; their ids."""
        self.sample_error.hide()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            added = add_correct_sample(self._session, count, seed)
        except UserError as error:
            self.sample_error.setText(str(error))
            self.sample_error.show()
            return []
        finally:
            QGuiApplication.restoreOverrideCursor()
        message = self.tr(
            "Added {n_added:,} correctly classified dev "
            "example{0} "
            "to the review, after the errors and marked “correct”. Review their labels like the "
            "errors. (Adding examples cannot be undone with Undo; unreviewed ones do not count.)"
        ).format("s" if len(added) != 1 else "", n_added=len(added))
        self.sample_message.setText(message)
        self.sample_message.show()
        self.status_message.emit(
            self.tr("Added {n_added:,} correct examples to review").format(n_added=len(added))
        )
        self.refresh()
        return added

    def show_correct_examples(self) -> None:
        items = self._session.item_columns(["id", "origin"])
        ids = [int(i) for i in items["id"][items["origin"] == CORRECT]]
        self.show_items.emit(ids, self.tr("correct examples sampled for label review"))

    def ask_compare(self) -> None:
        """Pick a second predictions file and compare the two models."""
        patterns = " ".join(f"*{suffix}" for suffix in PREDICTION_SUFFIXES)
        start = str(Path(self._session.source).parent) if self._session.source else ""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Another model's predictions on the same dev set"), start,
            self.tr("Predictions ({patterns});;All files (*)").format(patterns=patterns),
        )
        if path:
            self.compare_with(path)

    def compare_with(self, path: str | Path) -> Comparison | None:
        """Compare the session's model with the one in ``path``; the comparison, or None."""
        self.compare_error.hide()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._other = load_other_model(self._session, path)
        except UserError as error:
            self.compare_error.setText(str(error))
            self.compare_error.show()
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_comparison()
        return self._comparison

    def sizeHint(self) -> QSize:
        return QSize(460, 760)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
