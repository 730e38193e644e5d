"""Session events as Qt signals: the one bridge from the domain to the widgets.

The session (``erroranalysis.core.session.ReviewSession``) stays the single
owner of the review's state; widgets and item models read from it and
refresh when these signals fire. Nothing here caches review data.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from erroranalysis.core.session import ReviewSession, SessionEvent


class SessionSignals(QObject):
    """Re-emits :class:`SessionEvent` as typed Qt signals (always on the GUI thread)."""

    ticks_changed = Signal(list, int)  # item ids, category id
    comment_changed = Signal(list)  # item ids
    reviewed_changed = Signal(list)  # item ids
    items_changed = Signal(list)  # item ids (bulk import, items added)
    categories_changed = Signal()
    meta_changed = Signal(str)  # key
    position_changed = Signal()
    changed = Signal()  # any change that can move the tally
    _remote_task = Signal(object)  # another reviewer's change, to apply on the GUI thread

    def __init__(self, session: ReviewSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        # A session on a server hears the other reviewers' changes on a thread of its
        # own; the queued signal runs their update (and its events) on this object's
        # thread, the GUI's: no widget is touched from another thread.
        self._remote_task.connect(self._run_remote_task, Qt.ConnectionType.QueuedConnection)
        session.set_event_dispatcher(self._remote_task.emit)
        self._unsubscribe = session.subscribe(self._on_event)

    def detach(self) -> None:
        self.session.set_event_dispatcher(None)
        self._unsubscribe()

    def _run_remote_task(self, task: object) -> None:
        task()  # type: ignore[operator]

    def _on_event(self, event: SessionEvent) -> None:
        ids = list(event.item_ids)
        if event.kind == "ticks":
            self.ticks_changed.emit(ids, int(event.category_id or 0))
        elif event.kind == "comment":
            self.comment_changed.emit(ids)
        elif event.kind == "reviewed":
            self.reviewed_changed.emit(ids)
        elif event.kind == "items":
            self.items_changed.emit(ids)
        elif event.kind == "categories":
            self.categories_changed.emit()
        elif event.kind == "meta":
            self.meta_changed.emit(event.key or "")
        elif event.kind == "position":
            self.position_changed.emit()
            return
        if event.kind != "comment":
            self.changed.emit()
