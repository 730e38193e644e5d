"""Undo commands of the analysis panels: the rates a user types into a session.

The human-level error and the typed overrides of the train / train-dev /
dev / test error rates live in the session's meta table (see
:mod:`erroranalysis.core.session_analysis`); each edit is one step on the
window's single ``QUndoStack``, like a tick or a comment.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from erroranalysis.core.session import ReviewSession


class SetMetaCommand(QUndoCommand):
    """Store one meta value in the session; undo puts the previous value back.

    ``''`` is the session's "not set" (``ReviewSession.meta`` returns it for a
    missing key), so undoing the first edit of a key clears it again.
    """

    def __init__(
        self, session: ReviewSession, key: str, value: str, text: str | None = None
    ) -> None:
        super().__init__(text or f"Set {key.replace('_', ' ')}")
        self.session = session
        self.key = key
        self.value = value
        # Read now, not in redo(): the value before *this* edit, whatever
        # redo/undo cycles come later.
        self.previous = session.meta(key)

    def redo(self) -> None:
        self.session.set_meta(self.key, self.value)

    def undo(self) -> None:
        self.session.set_meta(self.key, self.previous)
