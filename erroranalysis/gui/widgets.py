"""Small building blocks shared by the panels and views: labels, swatches, timers."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QObject, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QLabel,
    QLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

#: Changes closer together than this make one recomputation.
REFRESH_DELAY_MS = 30

#: The colour of a short inline message about something the user typed.
ERROR_COLOR = "#C62828"


def color_swatch(color: str, size: int = 14) -> QPixmap:
    """A category's colour as a small rounded square (grey when it has none)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color or "#888888"))
    painter.setPen(QColor(color or "#888888").darker(130))
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 3, 3)
    painter.end()
    return pixmap


def single_shot_timer(parent: QObject, interval_ms: int, slot: Callable[[], object]) -> QTimer:
    """A restartable one-shot timer: ``start()`` again within the interval postpones ``slot``."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer


def heading(text: str, parent: QWidget) -> QLabel:
    """A bold section title."""
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def big_label(parent: QWidget, scale: float = 1.25) -> QLabel:
    """A larger bold label for the one line a panel is about (the primary problem...)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def muted(text: str, parent: QWidget) -> QLabel:
    """Secondary text: explanations, notes, sources of numbers."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def wrapped(text: str, parent: QWidget) -> QLabel:
    """Body text that wraps and can be selected (to copy a number or a verdict)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def error_label(parent: QWidget) -> QLabel:
    """A short red line under an input; hidden until there is something to say."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    label.hide()
    return label


class ScrollingPanel(QWidget):
    """A panel whose content scrolls vertically and recomputes shortly after changes.

    Subclasses fill ``self.content_layout`` and implement :meth:`refresh`;
    :meth:`schedule_refresh` coalesces a burst of session signals (a bulk
    tick of 10,000 items) into one recomputation.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = QWidget(self)
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(12, 12, 12, 12)
        self.content_layout.setSpacing(8)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.content)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

        self._timer = single_shot_timer(self, REFRESH_DELAY_MS, self._refresh_later)
        self._stale = False

    def sizeHint(self) -> QSize:
        return QSize(460, 760)

    def schedule_refresh(self) -> None:
        """Recompute soon; a burst of changes makes one recomputation.

        A hidden panel (a tab in the back, a closed dock) only notes that it
        is out of date and recomputes when it is shown, so reviewing with the
        analysis out of sight costs nothing per tick.
        """
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            # After the paint that shows it (and only if it is still in front then:
            # a window opening shows every dock for a moment before tabbing them).
            self._timer.start()

    @property
    def is_stale(self) -> bool:
        """True when the session changed while the panel was hidden."""
        return self._stale

    def _refresh_later(self) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        try:
            self.refresh()
        except sqlite3.ProgrammingError:
            # The window closed the session between a change and this delayed
            # refresh; the panel is about to go away with it.
            return

    def refresh_pending(self) -> bool:
        return self._timer.isActive()

    def refresh(self) -> None:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError


class RowScroller(QScrollArea):
    """A row of controls that scrolls sideways when the window is narrower than the row,
    instead of forcing its width on the whole window (the tabs of a QTabWidget are as
    wide as their widest page, so one long filter bar squeezed the tally dock)."""

    def __init__(self, layout: QLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        inner = QWidget()
        inner.setLayout(layout)
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit_height()

    def _fit_height(self) -> None:
        inner = self.widget()
        height = inner.sizeHint().height()
        if inner.minimumSizeHint().width() > self.viewport().width():
            height += self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(height)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._fit_height()


class LayoutBoundary(QWidget):
    """Holds one widget at a fixed size that follows this one's, so that a change
    inside it (a label's new text on every arrow key) is laid out inside it only.

    Qt lays a widget's parents out again whenever a child's size hint may have
    changed, up to the window, and repaints what that touches: one new item
    number in the review header repainted the whole review view (scroll bars
    included, ~10 ms a key). A widget of fixed size stops that walk. This
    tells its own parent only when the inner widget's minimum or height
    really changed.
    """

    def __init__(self, inner: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._inner = inner
        inner.setParent(self)
        inner.installEventFilter(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._minimum = QSize()
        self._fit()

    @property
    def inner(self) -> QWidget:
        return self._inner

    def _measure(self) -> tuple[QSize, int]:
        layout = self._inner.layout()
        if layout is None:
            return self._inner.minimumSizeHint(), self._inner.sizeHint().height()
        if layout.hasHeightForWidth() and self.width() > 0:
            # Wrapped text: as tall as it needs at this width.
            return layout.totalMinimumSize(), layout.totalHeightForWidth(self.width())
        return layout.totalMinimumSize(), layout.totalSizeHint().height()

    def _fit(self) -> None:
        minimum, height = self._measure()
        height = max(height, minimum.height())
        if minimum != self._minimum or height != self.height():
            self._minimum = minimum
            self.setFixedHeight(height)
            self.updateGeometry()
            self._inner.setFixedSize(self.width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._minimum.width(), self.height())

    def sizeHint(self) -> QSize:
        return QSize(max(self._minimum.width(), self._inner.sizeHint().width()), self.height())

    def eventFilter(self, watched: QObject, event) -> bool:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent

        if watched is self._inner and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return False

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._inner.setFixedSize(self.size())
        if event.oldSize().width() != self.width():
            self._fit()  # wrapped text may need another height at the new width


class LongScrollWatch(QObject):
    """Calls ``on_long_jump`` when a scroll of ``view`` settles (``settle_ms`` without
    moving) more than three viewports from where it began: thumbnails queued for
    what was scrolled past are no longer wanted. The grid and the spreadsheet use it."""

    def __init__(
        self, view: QAbstractScrollArea, on_long_jump: Callable[[], object], settle_ms: int = 150
    ) -> None:
        super().__init__(view)
        self._view = view
        self._on_long_jump = on_long_jump
        self._anchor = 0
        self._timer = single_shot_timer(self, settle_ms, self._settled)
        view.verticalScrollBar().valueChanged.connect(self._on_scroll)

    def stop(self) -> None:
        self._timer.stop()

    def _on_scroll(self, value: int) -> None:
        if not self._timer.isActive():
            self._anchor = value
        self._timer.start()

    def _settled(self) -> None:
        moved = abs(self._view.verticalScrollBar().value() - self._anchor)
        if moved >= 3 * self._view.viewport().height():
            self._on_long_jump()
