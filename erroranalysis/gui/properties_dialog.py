"""File ▸ Properties: where a session, its source and its images are, and what it holds."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from erroranalysis.core.session import CORRECT, ERROR, REVIEWED, SKIPPED, ReviewSession


def session_facts(session: ReviewSession) -> list[tuple[str, str]]:
    """(what, value) rows describing a session, as the dialog shows them."""
    from erroranalysis.core.demo import demo_session_path

    if session.location is not None:  # a team's session on a PostgreSQL server
        facts = [("Server session", session.where),
                 ("", "Shared live: every reviewer's ticks reach the others' windows within "
                      "a second")]
    else:
        facts = [("Session file", str(session.path))]
    if session.location is None and session.path.resolve() == demo_session_path().resolve():
        facts.append(("", "The demo session, kept in your user data folder (demo --reset "
                          "starts it over)"))
    kind = session.meta("source_kind") or "predictions"
    what = "image folder" if kind == "folder" else "predictions file"
    facts.append(("Made from", f"{session.source or '–'} ({what})"))
    facts.append(("Images under", str(session.base_dir)))
    facts.append(("Created", session.meta("created_at") or "–"))
    facts.append(("Reviewer", session.reviewer or "– (Edit ▸ Set reviewer name…)"))
    size, errors = session.dev_size, session.dev_errors
    facts.append(("Dev set", f"{errors:,} errors of {size:,} examples ({errors / size:.2%})"
                  if size else f"{errors:,} errors (dev set size unknown)"))
    items = session.item_count(ERROR)
    sample = f" (a sample of the {errors:,})" if items < errors else ""
    facts.append(("Errors to review", f"{items:,}{sample}"))
    reviewed = session.state_count(REVIEWED, ERROR)
    skipped = session.state_count(SKIPPED, ERROR)
    facts.append(("Reviewed", f"{reviewed:,} reviewed, {skipped:,} skipped"))
    correct = session.item_count(CORRECT)
    if correct:
        facts.append(("Correct examples", f"{correct:,} sampled for the label check"))
    facts.append(("Categories", f"{len(session.categories())}"))
    facts.append(("Weights", _weights_fact(session)))
    return facts


def _weights_fact(session: ReviewSession) -> str:
    """Where the example weights come from and the weighted dev error (METHOD.md §6)."""
    from erroranalysis.core.errors import UserError
    from erroranalysis.core.session_weights import session_weights

    try:
        weights = session_weights(session)
    except UserError as error:
        return error.message
    if weights is None:
        return "none: every error counts once (Edit ▸ Weights…)"
    return (f"{weights.describe()} · weighted dev error {weights.dev_error:.2%} "
            f"(unweighted {weights.unweighted_dev_error:.2%})")


class PropertiesDialog(QDialog):
    """The facts of :func:`session_facts`, selectable, with a button copying them."""

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Session properties")
        self.setMinimumWidth(620)
        self.facts = session_facts(session)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(6)
        for what, value in self.facts:
            label = QLabel(html.escape(value))
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption = QLabel(what)
            caption.setProperty("caption", True)
            form.addRow(caption, label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Copy", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def copy(self) -> None:
        text = "\n".join(f"{what}: {value}" if what else value for what, value in self.facts)
        QGuiApplication.clipboard().setText(text)
