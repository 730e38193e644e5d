"""The Diagnosis panel: bias, variance, data mismatch or dev overfitting (METHOD §4).

Top to bottom: the rates of the error ladder as inputs (the human-level error
the user knows, and optional typed overrides of the train / train-dev / dev /
test errors computed from the session's predictions); the ladder as a
picture (:class:`LadderChart`); the primary problem in words; the remedies.

The rates live in the session (``erroranalysis.core.session_analysis``
keys, ``repr(float)`` strings, ``''`` when not typed), each edit one
:class:`SetMetaCommand` on the window's undo stack. The numbers are the
ones ``erroranalysis diagnose SESSION`` prints.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from erroranalysis.core.diagnosis import GAP_TITLES, LEVEL_TITLES, LEVELS, Diagnosis
from erroranalysis.core.errors import UserError
from erroranalysis.core.rates import clean, format_percent, parse_rate
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.session_analysis import (
    HUMAN_ERROR_KEY,
    RATE_OVERRIDE_KEYS,
    session_diagnosis,
    split_rates,
)
from erroranalysis.gui.analysis.weighted_view import weights_note
from erroranalysis.gui.charts.ladder_chart import LadderChart
from erroranalysis.gui.commands import SetMetaCommand, push_command
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.gui.widgets import (
    ScrollingPanel,
    big_label,
    error_label,
    heading,
    muted,
    wrapped,
)

#: The session meta key of each rung's typed rate.
RATE_KEYS: dict[str, str] = {"human": HUMAN_ERROR_KEY, **RATE_OVERRIDE_KEYS}

#: Meta keys whose change can move the diagnosis.
WATCHED_KEYS = frozenset({*RATE_KEYS.values(), "dev_size", "dev_errors", "weight_rules"})

FIELD_TITLES: dict[str, str] = {
    "human": "Human-level error",
    "train": "Train error",
    "train_dev": "Train-dev error",
    "dev": "Dev error",
    "test": "Test error",
}

FIELD_TIPS: dict[str, str] = {
    "human": "The error of an expert human (or a team of them): a proxy for the lowest error "
    "possible (Bayes error). Only you know it; it is stored in the session.",
    "train": "Error on the training data the model learnt from.",
    "train_dev": "Error on a slice of training-distribution data the model never trained on; "
    "tells variance apart from data mismatch.",
    "dev": "Error on the dev set, the data you tune on.",
    "test": "Error on the test set, held out until the end.",
}


INTRO = (
    "Type what you know as a fraction (0.08) or a percentage (8%). An empty field uses the "
    "rate computed from the session's predictions, shown in grey."
)
FOLDER_INTRO = (
    "Type the error rates you know as a fraction (0.08) or a percentage (8%): this session "
    "was made from a folder of images, so it has no predictions to compute them from."
)


def typed_text(rate: float) -> str:
    """How a stored rate reads in its field: as a percentage, without rounding it away."""
    return f"{clean(rate * 100):.10g}%"


class DiagnosisPanel(ScrollingPanel):
    """The error ladder's inputs, picture, primary problem and remedies."""

    def __init__(self, session: ReviewSession, signals: SessionSignals, undo_stack: QUndoStack,
                 parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(parent)
        self._session = session
        self._signals = signals
        self._undo_stack = undo_stack
        self._diagnosis: Diagnosis | None = None
        self._build()
        # Only the typed rates and the dev size move the diagnosis (the
        # predictions never change), so ticks do not recompute it.
        signals.meta_changed.connect(self._on_meta_changed)
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
        layout.addWidget(heading("Error rates", content))
        self.intro = muted(INTRO, content)
        layout.addWidget(self.intro)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(2, 1)
        self.edits: dict[str, QLineEdit] = {}
        self.notes: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        for index, level in enumerate(LEVELS):
            title = QLabel(FIELD_TITLES[level], content)
            title.setToolTip(FIELD_TIPS[level])
            edit = QLineEdit(content)
            edit.setObjectName(f"rate_{level}")
            edit.setClearButtonEnabled(True)
            edit.setMinimumWidth(96)
            edit.setMaximumWidth(150)
            edit.setToolTip(FIELD_TIPS[level])
            edit.setAccessibleName(FIELD_TITLES[level])
            title.setBuddy(edit)
            edit.editingFinished.connect(lambda level=level: self._commit(level))
            edit.textEdited.connect(lambda _text, level=level: self._on_text_edited(level))
            note = muted("", content)
            error = error_label(content)
            row = 2 * index
            grid.addWidget(title, row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(note, row, 2)
            grid.addWidget(error, row + 1, 1, 1, 2)
            self.edits[level], self.notes[level], self.errors[level] = edit, note, error
        layout.addLayout(grid)
        self.status = error_label(content)
        layout.addWidget(self.status)

        layout.addSpacing(6)
        layout.addWidget(heading("Error ladder", content))
        self.chart = LadderChart(content)
        layout.addWidget(self.chart)

        layout.addSpacing(6)
        self.primary_label = big_label(content)
        self.primary_label.setObjectName("primaryProblemLabel")
        layout.addWidget(self.primary_label)
        self.problems_label = wrapped("", content)
        layout.addWidget(self.problems_label)

        self.advice_heading = heading("What to do", content)
        layout.addWidget(self.advice_heading)
        self.advice_label = wrapped("", content)
        self.advice_label.setObjectName("adviceLabel")
        layout.addWidget(self.advice_label)

        self.notes_label = muted("", content)
        layout.addSpacing(4)
        layout.addWidget(self.notes_label)
        layout.addStretch(1)

    # -------------------------------------------------------------- updating
    @property
    def diagnosis(self) -> Diagnosis | None:
        """The diagnosis on screen (recomputed from the session on each refresh)."""
        return self._diagnosis

    def _on_meta_changed(self, key: str) -> None:
        if key in WATCHED_KEYS:
            self.schedule_refresh()

    def refresh(self) -> None:
        """Recompute the diagnosis from the session now and show it."""
        self._timer.stop()
        self._stale = False
        try:
            # With weights (METHOD.md §6) the computed rates are the weighted ones.
            computed = split_rates(self._session, weighted=True)
            diagnosis, sources = session_diagnosis(self._session, weighted=True)
        except (UserError, ValueError) as error:
            # A hand-edited session file with a rate that is not a fraction:
            # say so and let the user retype it, rather than show nothing.
            self._diagnosis = None
            self.status.setText(f"A rate stored in the session is not valid: {error}")
            self.status.show()
            self._show_fields({})
            return
        self.status.hide()
        self.intro.setText(FOLDER_INTRO if self._is_folder() else INTRO)
        weights = weights_note(self._session)
        if weights:
            self.intro.setText(self.intro.text() + " " + weights)
        self._diagnosis = diagnosis
        self._show_fields(computed)
        self.chart.set_diagnosis(diagnosis, sources)
        self._show_verdict(diagnosis)

    def _show_fields(self, computed: dict[str, float | None]) -> None:
        for level in LEVELS:
            edit = self.edits[level]
            stored = self._session.meta(RATE_KEYS[level])
            rate = computed.get(level)
            if level == "human":
                edit.setPlaceholderText("e.g. 1% or 0.01")
            elif rate is not None:
                edit.setPlaceholderText(format_percent(rate))
            else:
                edit.setPlaceholderText("not known")
            # A field the user is editing (or left with a mistake in it)
            # keeps their text; everything else shows what the session holds.
            if not edit.isModified():
                try:
                    edit.setText(typed_text(float(stored)) if stored else "")
                except ValueError:
                    edit.setText(stored)
            self.notes[level].setText(self._note_for(level, stored, rate))

    def _note_for(self, level: str, stored: str, computed: float | None) -> str:
        if level == "human":
            return "typed by you" if stored else "a proxy for Bayes error"
        if computed is None:
            if stored:
                return "typed by you"
            return "not known" if self._is_folder() else "no such rows in the predictions"
        where = "computed" if self._has_split(level) else "from the dev size"
        if stored:
            return f"typed; {where}: {format_percent(computed)}"
        return where

    def _has_split(self, level: str) -> bool:
        # A folder session has no predictions: its dev error comes from the
        # dev size given when the session was made.
        return not (level == "dev" and self._is_folder())

    def _is_folder(self) -> bool:
        return self._session.meta("source_kind") == "folder"

    def _show_verdict(self, diagnosis: Diagnosis) -> None:
        primary = diagnosis.primary
        if primary is None:
            self.primary_label.setText("No primary problem")
            known_gap = any(diagnosis.gap(name) is not None for name in GAP_TITLES)
            self.problems_label.setText(
                "No gap in this ladder is above zero: nothing here to reduce."
                if known_gap
                else "No gap can be computed yet: give two neighbouring rates (for example the "
                "human-level and train errors, or the train and dev errors)."
            )
            self.advice_heading.hide()
            self.advice_label.hide()
        else:
            self.primary_label.setText(
                f"Primary problem: {GAP_TITLES[primary]} "
                f"({format_percent(diagnosis.gap(primary), signed=True)})"
            )
            others = [name for name in diagnosis.problems if name != primary]
            if others:
                named = ", ".join(
                    f"{GAP_TITLES[n]} ({format_percent(diagnosis.gap(n), signed=True)})"
                    for n in others
                )
                self.problems_label.setText(
                    f"Also worth working on (at least half the largest gap): {named}."
                )
            else:
                self.problems_label.setText(
                    "It is the only gap at least half the size of the largest: work on it first."
                )
            items = "".join(
                f"<li style='margin-bottom:6px'>{text}</li>" for text in diagnosis.advice
            )
            self.advice_label.setText(
                f"<ol style='margin-left:0px; -qt-list-indent:1'>{items}</ol>"
            )
            self.advice_heading.show()
            self.advice_label.show()
        self.notes_label.setText(" ".join(self._notes(diagnosis)))
        self.notes_label.setVisible(bool(self.notes_label.text()))

    def _notes(self, diagnosis: Diagnosis) -> list[str]:
        notes = []
        if diagnosis.human is None:
            notes.append("No human-level error yet: avoidable bias is unknown until you type it.")
        no_train_dev = diagnosis.train_dev is None
        if no_train_dev and diagnosis.train is not None and diagnosis.dev is not None:
            notes.append(
                "No train-dev error: variance is dev − train and includes any data mismatch "
                "between training and dev data."
            )
        if self._is_folder():
            notes.append(
                "This session was made from a folder of images, so only the rates you type "
                "(and the dev error, from the dev size) are known."
            )
        return notes

    # ----------------------------------------------------------- interaction
    def _on_text_edited(self, level: str) -> None:
        # Say nothing while the user types ("8" on the way to "8%"), but take
        # a stale complaint away as soon as the text is fine.
        error = self.errors[level]
        if error.isVisible():
            try:
                text = self.edits[level].text().strip()
                if text:
                    parse_rate(text)
            except UserError:
                return
            error.hide()

    def _commit(self, level: str) -> None:
        edit = self.edits[level]
        if not edit.isModified():
            return  # focus left an untouched field
        text = edit.text().strip()
        title = LEVEL_TITLES[level]
        error = self.errors[level]
        if text:
            try:
                rate = parse_rate(text)
            except UserError as problem:
                error.setText(str(problem))
                error.show()
                return
            value = repr(rate)
            command_text = f"Set {title} error to {format_percent(rate)}"
        else:
            value = ""
            command_text = f"Clear the typed {title} error"
        error.hide()
        edit.setModified(False)
        key = RATE_KEYS[level]
        if value == self._session.meta(key):
            self.refresh()  # same value: just show it the session's way
            return
        push_command(self._undo_stack, SetMetaCommand(self._session, key, value, command_text))
        self.refresh()

    def set_rate_text(self, level: str, text: str) -> None:
        """Type ``text`` into a rung's field and commit it, as a user would (tests, scripts)."""
        edit = self.edits[level]
        edit.setText(text)
        edit.setModified(True)
        self._commit(level)
