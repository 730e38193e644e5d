"""The analysis panels of issue 5 in one widget: Diagnosis, Labels, Metrics tabs.

The main window hosts one :class:`AnalysisPanel` per open session (a dock or
a tab) and connects ``show_items`` to its item filter and ``status_message``
to its status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QTabWidget, QWidget

from erroranalysis.core.session import ReviewSession
from erroranalysis.gui.analysis.diagnosis_panel import DiagnosisPanel
from erroranalysis.gui.analysis.labels_panel import LabelsPanel
from erroranalysis.gui.analysis.metrics_panel import MetricsPanel
from erroranalysis.gui.analysis.slices_panel import SlicesPanel
from erroranalysis.gui.session_signals import SessionSignals

TAB_NAMES = ("Diagnosis", "Labels", "Metrics")


class AnalysisPanel(QTabWidget):
    """Tabs "Diagnosis", "Labels" and "Metrics" over one session."""

    show_items = Signal(list, str)
    """Show these item ids in the review views; the text says which
    ("true 3 → predicted 8", "correct examples sampled for label review")."""

    status_message = Signal(str)
    """A short message for the window's status bar."""

    def __init__(self, session: ReviewSession, signals: SessionSignals, undo_stack: QUndoStack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diagnosis = DiagnosisPanel(session, signals, undo_stack, self, lazy=True)
        self.labels = LabelsPanel(session, signals, undo_stack, self, lazy=True)
        self.metrics = MetricsPanel(session, signals, self, lazy=True)
        for panel, name in zip((self.diagnosis, self.labels, self.metrics), TAB_NAMES, strict=True):
            self.addTab(panel, name)
        self.setTabToolTip(0, "Bias, variance or data mismatch: which gap to work on")
        self.setTabToolTip(1, "How much of the dev error wrong labels cause")
        self.setTabToolTip(2, "Precision, recall, F1 per class and the confusion matrix")
        for source in (self.labels, self.metrics):
            source.show_items.connect(self.show_items)
            source.status_message.connect(self.status_message)
        self.slices = SlicesPanel(session, signals, self, lazy=True)
        self.addTab(self.slices, self.tr("Slices"))
        self.setTabToolTip(
            self.count() - 1, self.tr("Where the dev errors gather: confusion pairs, classes, "
                                      "metadata columns"))
        self.agreement = None
        if session.reviewers:  # a merged session: several reviewers' answers
            from erroranalysis.gui.analysis.agreement_panel import AgreementPanel

            self.agreement = AgreementPanel(session, signals, self)
            self.addTab(self.agreement, "Agreement")
            self.setTabToolTip(self.count() - 1, "Do the reviewers tick the categories alike?")

    def show_tab(self, name: str) -> None:
        """Bring a tab to the front by its name ("Diagnosis", "Labels", "Metrics")."""
        for index in range(self.count()):
            if self.tabText(index) == name:
                self.setCurrentIndex(index)
                return
        raise ValueError(f"no tab {name!r}")

    def sizeHint(self) -> QSize:
        return QSize(480, 800)
