"""Tools ▸ Choose a model…: one optimizing metric, N satisficing ones (METHOD.md §7).

The candidates come from a table of runs (one row per model: a name and metric
columns such as accuracy, latency_ms, size_mb) and/or predictions files on one
dev set (accuracy, error, precision, recall and F1 computed; the paired test
on the discordant examples then says whether the lead is real). Everything is
computed by :func:`erroranalysis.core.choose.load_candidates` and
:func:`~erroranalysis.core.choose.choose_model`, as ``erroranalysis choose``
does; the dialog only shows it: the winner marked, the dropped models greyed
with the constraint each misses, and the verdict on the lead.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from erroranalysis.choice_texts import choice_text, missed_text, verdict_text
from erroranalysis.core.choose import (
    RATE_METRICS,
    Choice,
    choose_model,
    load_candidates,
    metric_direction,
    metric_name,
    parse_constraint,
)
from erroranalysis.core.errors import UserError
from erroranalysis.core.rates import format_percent
from erroranalysis.core.weighted import parse_weight_rule
from erroranalysis.gui.widgets import error_label, heading, muted

_PERCENT = (*RATE_METRICS, "f1", "precision", "recall", "weighted_error")
_TABLE_FILTER = "Tables (*.csv *.tsv *.txt *.parquet);;All files (*)"


def metric_text(metric: str, value: float) -> str:
    """A metric's cell: rates as percentages, the rest as numbers; '–' when missing."""
    if value is None or math.isnan(value):
        return "–"
    return format_percent(value) if metric in _PERCENT else f"{value:g}"


class ChooseDialog(QDialog):
    """Pick the inputs, see the ranked table and the verdict."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chooseDialog")
        self.setWindowTitle(self.tr("Choose a model"))
        self.resize(900, 640)
        self.choice: Choice | None = None
        self._models: list[tuple[str, str]] = []

        intro = QLabel(
            self.tr(
                "Optimize one metric; hold the others to thresholds (satisficing). Models "
                "that miss a threshold are dropped; the rest are ranked, and the verdict says "
                "whether the winner's lead is larger than the dev set can resolve."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.table_edit = QLineEdit(self)
        self.table_edit.setObjectName("candidatesTable")
        self.table_edit.setPlaceholderText(self.tr("runs.csv: a name column and metric columns"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse_table)
        table_row = QHBoxLayout()
        table_row.addWidget(self.table_edit, 1)
        table_row.addWidget(browse)

        self.models_list = QListWidget(self)
        self.models_list.setObjectName("predictionsFiles")
        self.models_list.setFixedHeight(64)
        add = QPushButton(self.tr("Add…"), self)
        add.clicked.connect(self._browse_model)
        remove = QPushButton(self.tr("Remove"), self)
        remove.clicked.connect(self._remove_model)
        model_buttons = QVBoxLayout()
        model_buttons.addWidget(add)
        model_buttons.addWidget(remove)
        model_buttons.addStretch(1)
        models_row = QHBoxLayout()
        models_row.addWidget(self.models_list, 1)
        models_row.addLayout(model_buttons)

        self.metric_combo = QComboBox(self)
        self.metric_combo.setObjectName("optimizeMetric")
        self.metric_combo.setEditable(True)
        self.metric_combo.addItems(["accuracy", "f1", "error"])
        self.direction_combo = QComboBox(self)
        self.direction_combo.addItem(self.tr("by its name"), "")
        self.direction_combo.addItem(self.tr("higher is better"), "max")
        self.direction_combo.addItem(self.tr("lower is better"), "min")
        metric_row = QHBoxLayout()
        metric_row.addWidget(self.metric_combo, 1)
        metric_row.addWidget(self.direction_combo)

        self.constraints_edit = QPlainTextEdit(self)
        self.constraints_edit.setObjectName("constraints")
        self.constraints_edit.setPlaceholderText(self.tr("latency_ms<=100\nsize_mb<=50"))
        self.constraints_edit.setFixedHeight(64)
        self.dev_size_spin = QSpinBox(self)
        self.dev_size_spin.setRange(0, 2_000_000_000)
        self.dev_size_spin.setSpecialValueText(self.tr("unknown"))
        self.dev_size_spin.setToolTip(
            self.tr(
                "How many dev examples a table's accuracies were measured on: the resolution "
                "of the lead needs it (predictions files give it themselves)."
            )
        )

        self.weights_edit = QLineEdit(self)
        self.weights_edit.setObjectName("chooseWeights")
        self.weights_edit.setPlaceholderText(self.tr("label=porn:10; split=dev:1"))
        self.weights_edit.setToolTip(
            self.tr(
                "Weight rules for the predictions files, separated by ';' (METHOD.md §6): "
                "adds weighted_error, the dev error as the users count it."
            )
        )

        form = QFormLayout()
        form.addRow(self.tr("Candidates table"), table_row)
        form.addRow(self.tr("Predictions files"), models_row)
        form.addRow(self.tr("Weights (optional)"), self.weights_edit)
        form.addRow(self.tr("Optimize"), metric_row)
        form.addRow(self.tr("Satisficing (one per line)"), self.constraints_edit)
        form.addRow(self.tr("Dev set size"), self.dev_size_spin)

        self.choose_button = QPushButton(self.tr("Choose"), self)
        self.choose_button.setObjectName("chooseButton")
        self.choose_button.setDefault(True)
        self.choose_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.choose_button.clicked.connect(self.run)
        self.error = error_label(self)
        self.error.setObjectName("chooseError")
        self.error.hide()

        self.results = QTableWidget(self)
        self.results.setObjectName("chooseResults")
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.results.verticalHeader().hide()
        self.results.setWordWrap(True)
        self.verdict_heading = heading(self.tr("Verdict"), self)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("chooseVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = muted("", self)
        self.notes.setObjectName("chooseNotes")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        run_row = QHBoxLayout()
        run_row.addWidget(self.error, 10)
        run_row.addStretch(1)  # the button stays right when there is no error to say
        run_row.addWidget(self.choose_button)
        layout.addLayout(run_row)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.verdict_heading)
        layout.addWidget(self.verdict)
        layout.addWidget(self.notes)
        layout.addWidget(buttons)
        self._show_choice(None)

    # ------------------------------------------------------------------ inputs
    def set_inputs(
        self,
        table: str | Path | None = None,
        models: list[tuple[str, str | Path]] | None = None,
        optimize: str = "accuracy",
        constraints: list[str] | None = None,
        dev_size: int = 0,
        weights: str = "",
    ) -> None:
        """Fill the form (what a user types; the tests use it)."""
        self.table_edit.setText(str(table or ""))
        self._models = []
        self.models_list.clear()
        for name, path in models or []:
            self._add_model(name, str(path))
        self.metric_combo.setCurrentText(optimize)
        self.constraints_edit.setPlainText("\n".join(constraints or []))
        self.dev_size_spin.setValue(dev_size)
        self.weights_edit.setText(weights)

    def _browse_table(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Candidates table"), "", self.tr(_TABLE_FILTER)
        )
        if path:
            self.table_edit.setText(path)

    def _browse_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("A model's predictions file"), "", self.tr(_TABLE_FILTER)
        )
        if not path:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Model name"), self.tr("Name of this model:"), text=Path(path).stem
        )
        if ok and name.strip():
            self._add_model(name.strip(), path)

    def _add_model(self, name: str, path: str) -> None:
        self._models.append((name, path))
        self.models_list.addItem(f"{name} = {path}")

    def _remove_model(self) -> None:
        row = self.models_list.currentRow()
        if 0 <= row < len(self._models):
            del self._models[row]
            self.models_list.takeItem(row)

    # ------------------------------------------------------------------ running
    def run(self) -> Choice | None:
        """Choose from the form's inputs; a mistake is said under the form, not raised."""
        try:
            choice = self._choose()
        except (UserError, OSError) as error:
            message = error.message if isinstance(error, UserError) else str(error)
            self.error.setText(message)
            self.error.show()
            return None
        self.error.hide()
        self._show_choice(choice)
        return choice

    def _choose(self) -> Choice:
        metric = metric_name(self.metric_combo.currentText())
        if not metric:
            raise UserError(self.tr("name the metric to optimize, e.g. accuracy"))
        lines = self.constraints_edit.toPlainText().splitlines()
        constraints = [parse_constraint(line) for line in lines if line.strip()]
        forced = self.direction_combo.currentData() or ""
        direction = metric_direction(metric, forced == "max", forced == "min")
        table = self.table_edit.text().strip() or None
        rules = [
            parse_weight_rule(text.strip(), "weight rule")
            for text in self.weights_edit.text().split(";")
            if text.strip()
        ]
        if rules and not self._models:
            raise UserError(self.tr("weight rules apply to predictions files: add one per model"))
        candidates = load_candidates(
            table, self._models, weight_rules=rules, dev_size=self.dev_size_spin.value() or None
        )
        candidates.check_metrics([metric, *(c.metric for c in constraints)])
        known = [self.metric_combo.itemText(i) for i in range(self.metric_combo.count())]
        for column in candidates.table.columns:
            if column not in known:
                self.metric_combo.addItem(column)
        return choose_model(
            candidates.table,
            metric,
            constraints,
            direction,
            source=candidates.source,
            dev_size=candidates.dev_size,
            paired=candidates.paired,
            notes=candidates.notes,
        )

    # ------------------------------------------------------------------ showing
    def _show_choice(self, choice: Choice | None) -> None:
        self.choice = choice
        table = self.results
        table.clear()
        if choice is None:
            table.setRowCount(0)
            table.setColumnCount(0)
            self.verdict.setText(self.tr("Pick a table or predictions files, then Choose."))
            self.notes.hide()
            return
        metrics = [choice.metric] + [
            m for m in (choice.candidates[0].metrics if choice.candidates else {})
            if m != choice.metric
        ]  # fmt: skip
        headers = [self.tr("Rank"), self.tr("Model"), *metrics, self.tr("Constraint missed")]
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        better = (
            self.tr("higher is better") if choice.direction == "max" else self.tr("lower is better")
        )
        table.horizontalHeaderItem(2).setToolTip(
            self.tr("The optimizing metric ({0})").format(better)
        )
        table.setRowCount(len(choice.candidates))
        grey = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        winner_brush = QBrush(QColor(46, 160, 67, 48))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, candidate in enumerate(choice.candidates):
            won = candidate.name == choice.winner
            rank = str(candidate.rank) if candidate.rank is not None else "–"
            cells = [
                ("★ " + rank) if won else rank,
                candidate.name + (self.tr("  (winner)") if won else ""),
                *(metric_text(m, candidate.metrics.get(m, math.nan)) for m in metrics),
                missed_text(candidate.missed),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 2 <= column < len(cells) - 1 or column == 0:
                    item.setTextAlignment(right)
                if won:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                    item.setBackground(winner_brush)
                if candidate.missed:
                    item.setForeground(grey)
                    item.setToolTip(
                        self.tr("Dropped: misses {0}").format(missed_text(candidate.missed))
                    )
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        for column in range(len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        self.verdict.setText(verdict_text(choice))
        self.notes.setText("\n".join(choice_text(note) for note in choice.notes))
        self.notes.setVisible(bool(choice.notes))
