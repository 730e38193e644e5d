"""Edit ▸ Weights…: the session's example weights (METHOD.md §6), one rule per line.

When an error on some examples costs more than on others (course 1.7: a
pornographic image let through costs 10 times a cat missed), the rules
``COLUMN=VALUE:WEIGHT`` weigh them; the predictions file's weight column, if
it had one, stays underneath (rules override it on the rows they match). Each
change is one :class:`SetWeightRulesCommand` on the window's undo stack; the
rules are checked against the session's predictions before the command is
made, so a command whose edit would fail is never pushed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from erroranalysis.core.errors import UserError
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.session_weights import (
    check_weight_rules,
    session_weights,
    set_weight_rules,
    weight_rule_texts,
)
from erroranalysis.gui.commands import SessionCommand, push_command
from erroranalysis.gui.widgets import error_label, muted


class SetWeightRulesCommand(SessionCommand):
    """Replace the session's weight rules; undo puts the previous ones back.

    The constructor checks the new rules (raising :class:`UserError` for a
    wrong one), so :func:`push_command` only ever applies rules that hold.
    """

    def __init__(self, session: ReviewSession, rules: Sequence[str]) -> None:
        checked = [rule.text for rule in check_weight_rules(session, rules)]
        translate = QCoreApplication.translate
        super().__init__(
            translate("SetWeightRulesCommand", "Set weight rules")
            if checked
            else translate("SetWeightRulesCommand", "Clear weight rules")
        )
        self.session = session
        self.new = checked
        self.old = weight_rule_texts(session)

    def apply(self) -> None:
        set_weight_rules(self.session, self.new)

    def unapply(self) -> None:
        set_weight_rules(self.session, self.old)


class WeightsDialog(QDialog):
    """The rules in a text box, what the file's weight column gives, and the result."""

    def __init__(
        self, session: ReviewSession, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("weightsDialog")
        self.setWindowTitle(self.tr("Example weights"))
        self.setMinimumWidth(560)
        self._session = session
        self._stack = undo_stack
        intro = QLabel(
            self.tr(
                "When some errors cost more than others (a pornographic image let through "
                "costs 10 times a cat missed), weigh them. The dev error becomes "
                "Σ w·error / Σ w, and the tally, the max-gain chart, the label split and the "
                "diagnosis use it, labelled “weighted”."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.column_label = muted("", self)
        self.column_label.setObjectName("weightColumnLabel")
        self.rules_edit = QPlainTextEdit(self)
        self.rules_edit.setObjectName("weightRulesEdit")
        self.rules_edit.setPlaceholderText(self.tr("label=porn:10"))
        self.rules_edit.setPlainText("\n".join(weight_rule_texts(session)))
        self.rules_edit.setFixedHeight(110)
        hint = muted(
            self.tr(
                "One rule per line: COLUMN=VALUE:WEIGHT. COLUMN is label, prediction, split or "
                "a column of the predictions file; later rules win where several match. "
                "Empty: no rules (a weight column still counts)."
            ),
            self,
        )
        self.error = error_label(self)
        self.error.setObjectName("weightsError")
        self.error.hide()
        self.result_label = QLabel(self)
        self.result_label.setObjectName("weightsResult")
        self.result_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.column_label)
        layout.addWidget(self.rules_edit)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)
        self._show_state()

    def rules(self) -> list[str]:
        """The rules as typed, one per non-empty line."""
        return [line.strip() for line in self.rules_edit.toPlainText().splitlines() if line.strip()]

    def _show_state(self) -> None:
        import json

        try:
            column = json.loads(self._session.meta("columns") or "{}").get("weight")
        except (ValueError, AttributeError):
            column = None
        self.column_label.setText(
            self.tr("Weight column of the predictions file: {0}").format(column)
            if column
            else self.tr("The predictions file has no weight column: every example weighs 1.")
        )
        try:
            weights = session_weights(self._session)
        except UserError as error:
            self.result_label.setText(str(error))
            return
        if weights is None:
            self.result_label.setText(self.tr("No weights: every error counts once."))
        else:
            self.result_label.setText(
                self.tr("Weighted dev error {0} (unweighted {1}).").format(
                    f"{weights.dev_error:.2%}", f"{weights.unweighted_dev_error:.2%}"
                )
            )

    def apply(self) -> bool:
        """Store the typed rules (one undoable step); a wrong rule is said, the dialog stays."""
        rules = self.rules()
        if rules == weight_rule_texts(self._session):
            self.accept()
            return True
        try:
            push_command(self._stack, SetWeightRulesCommand(self._session, rules))
        except UserError as error:
            self.error.setText(error.message)
            self.error.show()
            return False
        self.accept()
        return True
