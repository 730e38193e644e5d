"""Undo commands: one small ``QUndoCommand`` per edit, whose redo/undo only call the session.

Every edit the GUI makes goes through one of these, pushed on the window's
single ``QUndoStack`` (Ctrl+Z / Ctrl+Shift+Z) with :func:`push_command`. The
session is the truth; a command only remembers what it needs to put things
back.

Why not ``stack.push(command)`` directly: ``push`` runs ``redo()`` inside Qt,
and a command whose ``redo()`` raised stays on the stack (PySide6 then
crashes on a later push). :func:`push_command` makes the edit first, in
Python, and pushes only a command whose edit was saved. An undo or redo that
fails (disk full, file locked) is put back the same way by
:func:`undo_step`/:func:`redo_step`, so the stack never claims a state the
file does not have.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QUndoCommand, QUndoStack

from erroranalysis.core.categories import Category
from erroranalysis.core.session import (
    REVIEWED,
    SKIPPED,
    UNREVIEWED,
    ImageRebase,
    RemovedCategory,
    ReviewChange,
    ReviewSession,
)
from erroranalysis.gui.i18n import translate

# Comment edits typed within this many ms of each other merge into one undo step.
COMMENT_MERGE_ID = 1001


class SessionCommand(QUndoCommand):
    """An edit of the session: :meth:`apply` makes it, :meth:`unapply` takes it back.

    ``redo``/``undo`` call them, except once after :func:`push_command` (the
    edit is already made) or after a failed step was put back.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._skip_redo = False
        self._skip_undo = False
        self.error: BaseException | None = None

    def apply(self) -> None:  # pragma: no cover - every command overrides it
        raise NotImplementedError

    def unapply(self) -> None:  # pragma: no cover - every command overrides it
        raise NotImplementedError

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        try:
            self.apply()
        except Exception as error:
            self.error = error

    def undo(self) -> None:
        if self._skip_undo:
            self._skip_undo = False
            return
        try:
            self.unapply()
        except Exception as error:
            self.error = error


def push_command(stack: QUndoStack, command: QUndoCommand) -> None:
    """Make the edit, then push it; an edit that fails raises and is never pushed."""
    if isinstance(command, SessionCommand):
        command.apply()  # raises: nothing pushed, nothing changed
        command._skip_redo = True
    stack.push(command)


def undo_step(stack: QUndoStack) -> BaseException | None:
    """Undo one step; if the session refused, step forward again without redoing it."""
    command = stack.command(stack.index() - 1)
    stack.undo()
    if isinstance(command, SessionCommand) and command.error is not None:
        error, command.error = command.error, None
        command._skip_redo = True
        stack.redo()
        return error
    return None


def redo_step(stack: QUndoStack) -> BaseException | None:
    """Redo one step; if the session refused, step back again without undoing it."""
    command = stack.command(stack.index())
    stack.redo()
    if isinstance(command, SessionCommand) and command.error is not None:
        error, command.error = command.error, None
        command._skip_undo = True
        stack.undo()
        return error
    return None


class ReviewCommand(SessionCommand):
    """A review edit whose session call returns a :class:`ReviewChange` to revert."""

    def __init__(self, text: str, session: ReviewSession, item_ids: Sequence[int]) -> None:
        super().__init__(text)
        self.session = session
        self.item_ids = list(item_ids)
        self.change: ReviewChange | None = None

    def unapply(self) -> None:
        if self.change is not None:
            self.session.revert(self.change)


class SetTicksCommand(ReviewCommand):
    """Set one category's tick on one or many items (a bulk tick is one step).

    A value, never a toggle: the caller passes what the user asked for given
    what the screen showed, so a change made elsewhere is never flipped unseen.
    """

    def __init__(
        self, session: ReviewSession, item_ids: Sequence[int], category_id: int, ticked: bool,
        *, mark_reviewed: bool = True,
    ) -> None:
        name = session.category(category_id).name
        verb = (
            translate("SetTicksCommand", "Tick")
            if ticked
            else translate("SetTicksCommand", "Untick")
        )
        count = len(item_ids)
        super().__init__(
            f"{verb} '{name}'"
            + (
                translate("SetTicksCommand", " on {count} items").format(count=count)
                if count > 1
                else ""
            ),
            session,
            item_ids,
        )
        self.category_id = category_id
        self.ticked = ticked
        self.mark_reviewed = mark_reviewed

    def apply(self) -> None:
        self.change = self.session.set_ticks(
            self.item_ids, self.category_id, self.ticked, mark_reviewed=self.mark_reviewed
        )


STATE_VERBS = {
    REVIEWED: QT_TRANSLATE_NOOP("SetReviewStateCommand", "Mark reviewed"),
    UNREVIEWED: QT_TRANSLATE_NOOP("SetReviewStateCommand", "Mark unreviewed"),
    SKIPPED: QT_TRANSLATE_NOOP("SetReviewStateCommand", "Skip (can't judge)"),
}


class SetReviewStateCommand(ReviewCommand):
    """Mark items reviewed, unreviewed or skipped; ``assess_all`` is "done" (Enter)."""

    def __init__(
        self, session: ReviewSession, item_ids: Sequence[int], state: int,
        *, assess_all: bool = False,
    ) -> None:
        count = len(item_ids)
        text = (
            translate("SetReviewStateCommand", "Done: nothing else applies")
            if assess_all
            else translate("SetReviewStateCommand", STATE_VERBS[state])
        )
        super().__init__(
            text
            + (
                translate("SetReviewStateCommand", " ({count} items)").format(count=count)
                if count > 1
                else ""
            ),
            session,
            item_ids,
        )
        self.state = state
        self.assess_all = assess_all

    def apply(self) -> None:
        self.change = self.session.set_review_state(
            self.item_ids, self.state, assess_all=self.assess_all
        )


class SetReviewedCommand(SetReviewStateCommand):
    """Mark items reviewed or not (the spreadsheet's Reviewed column)."""

    def __init__(self, session: ReviewSession, item_ids: Sequence[int], reviewed: bool) -> None:
        super().__init__(session, item_ids, REVIEWED if reviewed else UNREVIEWED)
        self.reviewed = reviewed


class SetAssessedCommand(ReviewCommand):
    """"Looked at, does not apply" for one category (the revisit pass's "no")."""

    def __init__(self, session: ReviewSession, item_ids: Sequence[int], category_id: int) -> None:
        name = session.category(category_id).name
        super().__init__(
            translate("SetAssessedCommand", "'{name}' does not apply").format(name=name),
            session,
            item_ids,
        )
        self.category_id = category_id

    def apply(self) -> None:
        self.change = self.session.set_assessed(self.item_ids, self.category_id)


class SetCommentCommand(SessionCommand):
    """Change an item's comment; consecutive edits of one item merge into one step.

    The write is conditional on the comment the window showed (``shown``), so a
    comment written meanwhile by another program is not overwritten unseen.
    """

    def __init__(
        self, session: ReviewSession, item_id: int, comment: str, *, shown: str | None = None
    ) -> None:
        super().__init__(translate("SetCommentCommand", "Edit comment"))
        self.session = session
        self.item_id = item_id
        self.new = comment
        self.old = session.item(item_id).comment if shown is None else shown

    def id(self) -> int:
        return COMMENT_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetCommentCommand) or other.item_id != self.item_id:
            return False
        self.new = other.new
        return True

    def apply(self) -> None:
        self.session.set_comment(self.item_id, self.new, expected=self.old)

    def unapply(self) -> None:
        self.session.set_comment(self.item_id, self.old, expected=self.new)


class AddCategoryCommand(SessionCommand):
    def __init__(self, session: ReviewSession, category: Category) -> None:
        super().__init__(
            translate("AddCategoryCommand", "Add category '{name}'").format(name=category.name)
        )
        self.session = session
        self.category = category
        self._removed: RemovedCategory | None = None
        self.category_id = 0

    def apply(self) -> None:
        if self._removed is not None:
            self.session.restore_category(self._removed)
            return
        c = self.category
        created = self.session.add_category(
            c.name, shortcut=c.shortcut or None, color=c.color, kind=c.kind,
            description=c.description,
        )
        self.category_id = created.id

    def unapply(self) -> None:
        self._removed = self.session.remove_category(self.category_id)


class RemoveCategoryCommand(SessionCommand):
    """Delete a category and its ticks; undo brings both back."""

    def __init__(self, session: ReviewSession, category_id: int) -> None:
        super().__init__(
            translate("RemoveCategoryCommand", "Delete category '{name}'").format(
                name=session.category(category_id).name
            )
        )
        self.session = session
        self.category_id = category_id
        self._removed: RemovedCategory | None = None

    def apply(self) -> None:
        self._removed = self.session.remove_category(self.category_id)

    def unapply(self) -> None:
        if self._removed is not None:
            self.session.restore_category(self._removed)


class EditCategoryCommand(SessionCommand):
    """Rename, recolour, re-key, change the kind or the description of a category."""

    def __init__(self, session: ReviewSession, category_id: int, **changes: str) -> None:
        current = session.category(category_id)
        super().__init__(
            translate("EditCategoryCommand", "Edit category '{name}'").format(name=current.name)
        )
        self.session = session
        self.category_id = category_id
        self.changes = changes
        self.before = {key: getattr(current, key) for key in changes}

    def apply(self) -> None:
        self.session.update_category(self.category_id, **self.changes)

    def unapply(self) -> None:
        self.session.update_category(self.category_id, **self.before)


class ReorderCategoriesCommand(SessionCommand):
    def __init__(self, session: ReviewSession, order: Sequence[int]) -> None:
        super().__init__(translate("ReorderCategoriesCommand", "Reorder categories"))
        self.session = session
        self.order = list(order)
        self.before = [c.id for c in session.categories()]

    def apply(self) -> None:
        self.session.set_category_order(self.order)

    def unapply(self) -> None:
        self.session.set_category_order(self.before)


class SetDevSizeCommand(SessionCommand):
    """Give (or change) the dev set size, e.g. for a folder of images; rates follow."""

    def __init__(self, session: ReviewSession, dev_size: int | None) -> None:
        super().__init__(
            translate("SetDevSizeCommand", "Set dev set size")
            if dev_size
            else translate("SetDevSizeCommand", "Forget dev set size")
        )
        self.session = session
        self.new = dev_size
        self.old = session.dev_size

    def apply(self) -> None:
        self.session.set_dev_size(self.new)

    def unapply(self) -> None:
        self.session.set_dev_size(self.old)


class SetMetaCommand(SessionCommand):
    """Store one meta value in the session; undo puts the previous value back.

    ``''`` is the session's "not set" (``ReviewSession.meta`` returns it for a
    missing key), so undoing the first edit of a key clears it again.
    """

    def __init__(
        self, session: ReviewSession, key: str, value: str, text: str | None = None
    ) -> None:
        super().__init__(
            text or translate("SetMetaCommand", "Set {0}").format(key.replace("_", " "))
        )
        self.session = session
        self.key = key
        self.value = value
        # Read now, not in apply(): the value before *this* edit, whatever
        # redo/undo cycles come later.
        self.previous = session.meta(key)

    def apply(self) -> None:
        self.session.set_meta(self.key, self.value)

    def unapply(self) -> None:
        self.session.set_meta(self.key, self.previous)


class LocateImagesCommand(SessionCommand):
    """Point the session at the folder its images are in now (File ▸ Locate images…)."""

    def __init__(self, session: ReviewSession, root: str) -> None:
        super().__init__(translate("LocateImagesCommand", "Locate images"))
        self.session = session
        self.root = root
        self.rebase: ImageRebase | None = None

    def apply(self) -> None:
        self.rebase = self.session.rebase_images(self.root)

    def unapply(self) -> None:
        if self.rebase is not None:
            self.session.restore_images(self.rebase)
