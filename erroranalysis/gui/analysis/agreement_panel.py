"""The Agreement tab of a merged session: do the reviewers tick the categories alike?"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from erroranalysis.core.agreement import compute_agreement
from erroranalysis.core.merge import merged_ratings
from erroranalysis.core.session import ReviewSession
from erroranalysis.gui.core_texts import kappa_title
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.gui.widgets import ScrollingPanel, heading, muted

COLUMNS = (
    QT_TRANSLATE_NOOP("AgreementPanel", "Category"),
    QT_TRANSLATE_NOOP("AgreementPanel", "Items"),
    QT_TRANSLATE_NOOP("AgreementPanel", "Agree"),
    QT_TRANSLATE_NOOP("AgreementPanel", "Kappa (95%)"),
    "AC1",
)


def _fixed(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


class AgreementPanel(ScrollingPanel):
    """Per category: items every reviewer assessed, raw agreement, kappa, AC1; a category
    below 0.6 is flagged (its description needs sharpening).

    Recomputed shortly after a change while on screen; hidden (another tab, the dock
    closed) it only notes it, so a tick does not pay for a table nobody sees (reading
    every reviewer's answers and the intervals: ~30 ms at 100,000 items)."""

    def __init__(self, session: ReviewSession, signals: SessionSignals,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        content = self.content
        self.title = heading(self.tr("Agreement between reviewers"), content)
        self.note = muted("", content)
        self.table = QTableWidget(0, len(COLUMNS), content)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.horizontalHeaderItem(COLUMNS.index("Kappa (95%)")).setToolTip(self.tr(
            "The 95% interval is a likelihood-ratio one (Donner and Eliasziw's model), which "
            "stays honest for a category ticked on a few items: wide when they are few. With "
            "three or more reviewers it is on the safe side (wider than it need be)."))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        layout = self.content_layout
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        signals.changed.connect(self.schedule_refresh)
        self.report = None
        self.refresh()

    def refresh(self) -> None:
        report = compute_agreement(merged_ratings(self._session))
        self.report = report
        kappa = kappa_title(report.method)
        self.note.setText(
            self.tr(
                "{0}: {kappa} per category over the items every "
                "reviewer assessed, and Gwet's AC1 (meaningful for rare categories too). Below 0.6 "
                "a category's description needs sharpening."
            ).format(", ".join(report.reviewers), kappa=kappa)
        )
        self.table.setRowCount(len(report.categories))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, c in enumerate(report.categories):
            interval = ("" if c.kappa_low is None
                        else f" [{_fixed(c.kappa_low)}, {_fixed(c.kappa_high)}]")
            cells = [c.name, f"{c.items:,}",
                     "–" if c.agreement is None else f"{100 * c.agreement:.1f}%",
                     _fixed(c.kappa) + interval, _fixed(c.ac1)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(right)
                if c.needs_sharpening:
                    item.setBackground(QColor(254, 226, 226))
                    item.setToolTip(self.tr("Below 0.6: reviewers read this category differently; "
                                    "sharpen its description"))
                self.table.setItem(row, column, item)
