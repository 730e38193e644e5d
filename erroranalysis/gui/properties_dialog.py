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
from erroranalysis.gui.i18n import translate


def session_facts(session: ReviewSession) -> list[tuple[str, str]]:
    """(what, value) rows describing a session, as the dialog shows them."""
    from erroranalysis.core.demo import demo_session_path

    if session.location is not None:  # a team's session on a PostgreSQL server
        facts = [
            (translate("properties_dialog", "Server session"), session.where),
            (
                "",
                translate(
                    "properties_dialog",
                    "Shared live: every reviewer's ticks reach the others' windows within a second",
                ),
            ),
        ]
    else:
        facts = [(translate("properties_dialog", "Session file"), str(session.path))]
    if session.location is None and session.path.resolve() == demo_session_path().resolve():
        facts.append(
            (
                "",
                translate(
                    "properties_dialog",
                    "The demo session, kept in your user data folder (demo --reset starts it over)",
                ),
            )
        )
    kind = session.meta("source_kind") or "predictions"
    what = (
        translate("properties_dialog", "image folder")
        if kind == "folder"
        else translate("properties_dialog", "predictions file")
    )
    facts.append((translate("properties_dialog", "Made from"), f"{session.source or '–'} ({what})"))
    facts.append((translate("properties_dialog", "Images under"), str(session.base_dir)))
    facts.append((translate("properties_dialog", "Created"), session.meta("created_at") or "–"))
    facts.append(
        (
            translate("properties_dialog", "Reviewer"),
            session.reviewer or translate("properties_dialog", "– (Edit ▸ Set reviewer name…)"),
        )
    )
    size, errors = session.dev_size, session.dev_errors
    facts.append(
        (
            translate("properties_dialog", "Dev set"),
            translate(
                "properties_dialog", "{errors:,} errors of {size:,} examples ({0:.2%})"
            ).format(errors / size, errors=errors, size=size)
            if size
            else translate("properties_dialog", "{errors:,} errors (dev set size unknown)").format(
                errors=errors
            ),
        )
    )
    items = session.item_count(ERROR)
    sample = (
        translate("properties_dialog", " (a sample of the {errors:,})").format(errors=errors)
        if items < errors
        else ""
    )
    facts.append((translate("properties_dialog", "Errors to review"), f"{items:,}{sample}"))
    reviewed = session.state_count(REVIEWED, ERROR)
    skipped = session.state_count(SKIPPED, ERROR)
    facts.append(
        (
            translate("properties_dialog", "Reviewed"),
            translate("properties_dialog", "{reviewed:,} reviewed, {skipped:,} skipped").format(
                reviewed=reviewed, skipped=skipped
            ),
        )
    )
    correct = session.item_count(CORRECT)
    if correct:
        facts.append(
            (
                translate("properties_dialog", "Correct examples"),
                translate("properties_dialog", "{correct:,} sampled for the label check").format(
                    correct=correct
                ),
            )
        )
    facts.append((translate("properties_dialog", "Categories"), f"{len(session.categories())}"))
    facts.append((translate("properties_dialog", "Weights"), _weights_fact(session)))
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
        return translate("properties_dialog", "none: every error counts once (Edit ▸ Weights…)")
    return translate(
        "properties_dialog", "{rules} · weighted dev error {weighted:.2%} (unweighted {plain:.2%})"
    ).format(rules=weights.describe(), weighted=weights.dev_error,
             plain=weights.unweighted_dev_error)


class PropertiesDialog(QDialog):
    """The facts of :func:`session_facts`, selectable, with a button copying them."""

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Session properties"))
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
        copy = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def copy(self) -> None:
        text = "\n".join(f"{what}: {value}" if what else value for what, value in self.facts)
        QGuiApplication.clipboard().setText(text)
