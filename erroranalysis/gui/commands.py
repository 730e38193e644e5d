"""Undo commands: one small ``QUndoCommand`` per edit, whose redo/undo only call the session.

Every edit the GUI makes goes through one of these, pushed on the window's
single ``QUndoStack`` (Ctrl+Z / Ctrl+Shift+Z). The session is the truth; a
command only remembers what it needs to put things back.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from erroranalysis.core.categories import Category
from erroranalysis.core.session import RemovedCategory, ReviewSession

# Comment edits typed within this many ms of each other merge into one undo step.
COMMENT_MERGE_ID = 1001


class SetTicksCommand(QUndoCommand):
    """Tick or untick one category on one or many items (a bulk tick is one step)."""

    def __init__(
        self, session: ReviewSession, item_ids: Sequence[int], category_id: int, ticked: bool,
        *, mark_reviewed: bool = True,
    ) -> None:
        name = session.category(category_id).name
        verb = "Tick" if ticked else "Untick"
        count = len(item_ids)
        super().__init__(f"{verb} '{name}'" + (f" on {count} items" if count > 1 else ""))
        self.session = session
        self.item_ids = list(item_ids)
        self.category_id = category_id
        self.ticked = ticked
        self.mark_reviewed = mark_reviewed
        self._previous: dict[int, bool] | None = None
        self._previous_reviewed: dict[int, bool] | None = None

    def redo(self) -> None:
        self._previous_reviewed = self.session.reviewed_states(self.item_ids)
        self._previous = self.session.set_ticks(
            self.item_ids, self.category_id, self.ticked, mark_reviewed=self.mark_reviewed
        )

    def undo(self) -> None:
        if self._previous is not None:
            self.session.restore_ticks(self.category_id, self._previous)
        if self._previous_reviewed is not None:
            now = self.session.reviewed_states(list(self._previous_reviewed))
            changed = {i: s for i, s in self._previous_reviewed.items() if s != now[i]}
            if changed:
                self.session.restore_reviewed(changed)


class ToggleTickCommand(SetTicksCommand):
    """Flip one category on one item (what a number key does)."""

    def __init__(self, session: ReviewSession, item_id: int, category_id: int) -> None:
        ticked = session.is_ticked(item_id, category_id)
        super().__init__(session, [item_id], category_id, not ticked)


class SetCommentCommand(QUndoCommand):
    """Change an item's comment; consecutive edits of one item merge into one step."""

    def __init__(self, session: ReviewSession, item_id: int, comment: str) -> None:
        super().__init__("Edit comment")
        self.session = session
        self.item_id = item_id
        self.new = comment
        self.old = session.item(item_id).comment

    def id(self) -> int:
        return COMMENT_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetCommentCommand) or other.item_id != self.item_id:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        if self.session.item(self.item_id).comment != self.new:
            self.session.set_comment(self.item_id, self.new)

    def undo(self) -> None:
        self.session.set_comment(self.item_id, self.old)


class SetReviewedCommand(QUndoCommand):
    """Mark items reviewed or not reviewed."""

    def __init__(self, session: ReviewSession, item_ids: Sequence[int], reviewed: bool) -> None:
        count = len(item_ids)
        text = "Mark reviewed" if reviewed else "Mark not reviewed"
        super().__init__(text + (f" ({count} items)" if count > 1 else ""))
        self.session = session
        self.item_ids = list(item_ids)
        self.reviewed = reviewed
        self._previous: dict[int, bool] = {}

    def redo(self) -> None:
        self._previous = self.session.set_reviewed(self.item_ids, self.reviewed)

    def undo(self) -> None:
        self.session.restore_reviewed(self._previous)


class AddCategoryCommand(QUndoCommand):
    def __init__(self, session: ReviewSession, category: Category) -> None:
        super().__init__(f"Add category '{category.name}'")
        self.session = session
        self.category = category
        self._removed: RemovedCategory | None = None
        self.category_id = 0

    def redo(self) -> None:
        if self._removed is not None:
            self.session.restore_category(self._removed)
            return
        c = self.category
        created = self.session.add_category(
            c.name, shortcut=c.shortcut or None, color=c.color, kind=c.kind,
            description=c.description,
        )
        self.category_id = created.id

    def undo(self) -> None:
        self._removed = self.session.remove_category(self.category_id)


class RemoveCategoryCommand(QUndoCommand):
    """Delete a category and its ticks; undo brings both back."""

    def __init__(self, session: ReviewSession, category_id: int) -> None:
        super().__init__(f"Delete category '{session.category(category_id).name}'")
        self.session = session
        self.category_id = category_id
        self._removed: RemovedCategory | None = None

    def redo(self) -> None:
        self._removed = self.session.remove_category(self.category_id)

    def undo(self) -> None:
        if self._removed is not None:
            self.session.restore_category(self._removed)


class EditCategoryCommand(QUndoCommand):
    """Rename, recolour, re-key, change the kind or the description of a category."""

    def __init__(self, session: ReviewSession, category_id: int, **changes: str) -> None:
        current = session.category(category_id)
        super().__init__(f"Edit category '{current.name}'")
        self.session = session
        self.category_id = category_id
        self.changes = changes
        self.before = {key: getattr(current, key) for key in changes}

    def redo(self) -> None:
        self.session.update_category(self.category_id, **self.changes)

    def undo(self) -> None:
        self.session.update_category(self.category_id, **self.before)


class ReorderCategoriesCommand(QUndoCommand):
    def __init__(self, session: ReviewSession, order: Sequence[int]) -> None:
        super().__init__("Reorder categories")
        self.session = session
        self.order = list(order)
        self.before = [c.id for c in session.categories()]

    def redo(self) -> None:
        self.session.set_category_order(self.order)

    def undo(self) -> None:
        self.session.set_category_order(self.before)


class SetDevSizeCommand(QUndoCommand):
    """Give (or change) the dev set size, e.g. for a folder of images; rates follow."""

    def __init__(self, session: ReviewSession, dev_size: int | None) -> None:
        super().__init__("Set dev set size" if dev_size else "Forget dev set size")
        self.session = session
        self.new = dev_size
        self.old = session.dev_size

    def redo(self) -> None:
        self.session.set_dev_size(self.new)

    def undo(self) -> None:
        self.session.set_dev_size(self.old)
