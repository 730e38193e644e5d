"""The comment box of the review: Enter saves and hands the keys back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class CommentBox(QPlainTextEdit):
    """The comment: Enter or Ctrl+Enter saves and hands the keys back,
    Shift+Enter starts a new line, Esc saves and leaves."""

    commit_requested = Signal()
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CommentBox")
        self.setTabChangesFocus(True)
        self.setPlaceholderText(self.tr("What do you see? e.g. “lion”, “rainy day at the zoo”"))
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setFixedHeight(72)

    def event(self, event: QEvent) -> bool:
        # Enter and Esc belong to the box while it has focus, even when the
        # review view has a shortcut on them (Enter: write a comment, Esc:
        # clear the filter).
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.leave_requested.emit()
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.leave_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.commit_requested.emit()
        super().focusOutEvent(event)
