"""Review ▸ Suggested ticks: link a category to sharpness or to likely label errors.

The menu makes the link (stored in the session), starts the sharpness scorer
in the background (it stores the scores as they come, and stops when the
window closes) and ranks label issues when the predictions have scores; when
they do not, it says why in one line. See :mod:`erroranalysis.gui.suggestions`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QWidget,
)

from erroranalysis.core.categories import LABEL_ERROR
from erroranalysis.core.session import ReviewSession
from erroranalysis.gui.suggestions import (
    LABEL_ISSUE,
    SHARPNESS,
    SharpnessScorer,
    SuggestionState,
    label_issue_features,
)


class LinkDialog(QDialog):
    """Choose the category a score suggests (and, for sharpness, the percentile)."""

    def __init__(
        self,
        session: ReviewSession,
        source: str,
        current: int | None,
        percentile: float,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        sharpness = source == SHARPNESS
        self.setWindowTitle(
            self.tr("Suggest from sharpness") if sharpness else self.tr("Suggest label errors")
        )
        self.category_combo = QComboBox(self)
        preferred = current
        for category in session.categories():
            self.category_combo.addItem(category.name, category.id)
            if preferred is None and (
                (sharpness and "blur" in category.name.casefold())
                or (not sharpness and category.kind == LABEL_ERROR)
            ):
                preferred = category.id
        if preferred is not None:
            self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(preferred)))
        form = QFormLayout(self)
        explanation = QLabel(
            self.tr(
                "Items among the blurriest of the session (variance of the Laplacian on a grey "
                "thumbnail) show a dashed “suggested” chip for this category. A suggestion is "
                "never a tick: its key confirms it, Shift+key rejects it."
            )
            if sharpness
            else self.tr(
                "Items whose label the model's scores contradict (confident learning) show a "
                "dashed “suggested” chip for this category. A suggestion is never a tick: its "
                "key confirms it, Shift+key rejects it."
            ),
            self,
        )
        explanation.setWordWrap(True)
        explanation.setMinimumWidth(380)
        form.addRow(explanation)
        form.addRow(self.tr("Category:"), self.category_combo)
        self.percentile = QDoubleSpinBox(self)
        self.percentile.setRange(1.0, 99.9)
        self.percentile.setDecimals(1)
        self.percentile.setValue(percentile)
        self.percentile.setSuffix(" %")
        self.percentile.setToolTip(
            self.tr("Suggest items blurrier than this share of the scored images")
        )
        if sharpness:
            form.addRow(self.tr("Blurrier than:"), self.percentile)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def category_id(self) -> int | None:
        return self.category_combo.currentData()


class SuggestionMenu(QMenu):
    """The menu, the scorer and their messages (to the window's status bar)."""

    def __init__(
        self,
        session: ReviewSession,
        suggestions: SuggestionState,
        show_message,  # type: ignore[no-untyped-def]
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Suggested ticks"))
        self._session = session
        self._suggestions = suggestions
        self._show_message = show_message
        self.scorer = SharpnessScorer(session, self)
        self.scorer.progress.connect(self._on_progress)
        self.scorer.finished.connect(self._on_finished)
        self.sharpness_action = QAction(self.tr("Suggest from sharpness…"), self)
        self.sharpness_action.triggered.connect(lambda: self.link_sharpness())
        self.label_action = QAction(self.tr("Suggest likely label errors…"), self)
        self.label_action.triggered.connect(lambda: self.link_label_issues())
        self.stop_action = QAction(self.tr("Stop suggesting"), self)
        self.stop_action.triggered.connect(self.unlink_all)
        for action in (self.sharpness_action, self.label_action):
            self.addAction(action)
        self.addSeparator()
        self.addAction(self.stop_action)
        read_only = session.read_only
        for action in self.actions():
            action.setEnabled(not read_only)

    def link_sharpness(
        self, category_id: int | None = None, percentile: float | None = None
    ) -> int:
        """Link a category to sharpness (asks when not given); scores what is not scored
        yet in the background. Returns how many images are being scored."""
        if category_id is None:
            dialog = LinkDialog(
                self._session,
                SHARPNESS,
                self._suggestions.link(SHARPNESS),
                self._suggestions.percentile(),
                self.parentWidget(),
            )
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.category_id() is None:
                return 0
            category_id, percentile = dialog.category_id(), dialog.percentile.value()
        self._suggestions.set_link(SHARPNESS, category_id, percentile)
        started = self.scorer.start()
        if started:
            self._show_message(
                self.tr("Scoring the sharpness of %1 images in the background…").replace(
                    "%1", f"{started:,}"
                ),
                8000,
            )
        return started

    def link_label_issues(self, category_id: int | None = None) -> str | None:
        """Rank likely label errors and link a category to them; returns why they are
        unavailable (one line), or ``None`` when linked."""
        asked = category_id is None
        if category_id is None:
            dialog = LinkDialog(
                self._session,
                LABEL_ISSUE,
                self._suggestions.link(LABEL_ISSUE),
                90.0,
                self.parentWidget(),
            )
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.category_id() is None:
                return ""
            category_id = dialog.category_id()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            reason = label_issue_features(self._session)
        finally:
            QApplication.restoreOverrideCursor()
        if reason is not None:
            text = self.tr("Label-error suggestions are unavailable: %1.").replace("%1", reason)
            self._show_message(text, 15000)
            if asked:
                QMessageBox.information(self.parentWidget(), self.tr("Suggested ticks"), text)
            return reason
        self._suggestions.set_link(LABEL_ISSUE, category_id)
        count = len(self._suggestions.suggested_items(category_id))
        self._show_message(
            self.tr("%1 items suggested as likely label errors").replace("%1", f"{count:,}"),
            8000,
        )
        return None

    def unlink_all(self) -> None:
        self.scorer.cancel()
        for source in (SHARPNESS, LABEL_ISSUE):
            if self._suggestions.link(source) is not None:
                self._suggestions.set_link(source, None)
        self._show_message(self.tr("No category is suggested any more"), 5000)

    def _on_progress(self, done: int, total: int) -> None:
        self._show_message(
            self.tr("Sharpness: %1 of %2 images scored")
            .replace("%1", f"{done:,}")
            .replace("%2", f"{total:,}"),
            3000,
        )

    def _on_finished(self, completed: bool) -> None:
        if completed:
            self._show_message(self.tr("Sharpness scored: suggestions are up to date"), 5000)

    def shutdown(self) -> None:
        self.scorer.shutdown()
