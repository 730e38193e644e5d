"""Editing the review categories: add (mid-review too), rename, recolour, reorder,
delete, assign the key, set the kind and the description.

Every change is an undo command on the window's one stack and lands in the
session at once; the dialog only shows the session's categories and refreshes
when they change (Undo inside the dialog included). Commands are checked
*before* they are pushed: a command whose redo fails would stay on the stack.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from erroranalysis.core.categories import LABEL_ERROR, NORMAL, Category, clean_kind
from erroranalysis.core.errors import UserError
from erroranalysis.core.session import ReviewSession
from erroranalysis.gui.commands import (
    AddCategoryCommand,
    EditCategoryCommand,
    RemoveCategoryCommand,
    ReorderCategoriesCommand,
    SetTicksCommand,
    push_command,
)
from erroranalysis.gui.i18n import translate
from erroranalysis.gui.keys import RESERVED_KEYS, key_text
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.gui.widgets import color_swatch

KIND_LABELS = {
    NORMAL: QT_TRANSLATE_NOOP("CategoryEditor", "Normal cause of error"),
    LABEL_ERROR: QT_TRANSLATE_NOOP("CategoryEditor", "Incorrect label (label error)"),
}


# ------------------------------------------------------------------ checking
def check_shortcut(session: ReviewSession, shortcut: str, except_id: int = 0) -> str:
    """A key a category may take (empty: none); raises :class:`UserError` otherwise.

    The session's rule (one key or F1-F12, not another category's) plus the
    review view's own keys (J, K, N, U, C, F, +, -), which a category would shadow.
    """
    shortcut = shortcut.strip()
    if shortcut.upper() in RESERVED_KEYS:
        raise UserError(
            translate(
                "category_editor",
                "key '{shortcut}' already moves through the review; choose another "
                "(digits and most letters are free)",
            ).format(shortcut=shortcut)
        )
    return session.check_shortcut(shortcut, except_id)


def check_name(session: ReviewSession, name: str, except_id: int = 0) -> str:
    """A valid, unused category name (trimmed); raises :class:`UserError` otherwise."""
    return session.check_name(name, except_id)


def unused_name(session: ReviewSession, base: str = "New category") -> str:
    names = {c.name.casefold() for c in session.categories()}
    if base.casefold() not in names:
        return base
    number = 2
    while f"{base} {number}".casefold() in names:
        number += 1
    return f"{base} {number}"


def free_number_key(session: ReviewSession) -> str:
    """The key a new category gets: the first free one of 1-9, 0 (empty when all are taken)."""
    taken = {c.shortcut for c in session.categories()}
    return next((k for k in "1234567890" if k not in taken), "")


# ------------------------------------------------------------- quick adding
class AddCategoryDialog(QDialog):
    """A new category, quickly, in the middle of a review."""

    def __init__(self, session: ReviewSession, parent: QWidget | None = None,
                 *, can_tick: bool = True) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Add a category"))
        self.setMinimumWidth(440)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Instagram filter"))
        self.key = QLineEdit()
        self.key.setMaxLength(3)
        free = free_number_key(session)
        self.key.setPlaceholderText(free or self.tr("none"))
        self.key.setToolTip(
            self.tr("The key that ticks it; left empty it gets the next free digit.")
        )
        self.key.setFixedWidth(80)
        self.label_error = QCheckBox(self.tr("It means the true label is wrong (label error)"))
        self.description = QLineEdit()
        self.description.setPlaceholderText(self.tr("optional: when to tick it"))
        self.tick_now = QCheckBox(self.tr("Tick it on the current item"))
        self.tick_now.setChecked(can_tick)
        self.tick_now.setVisible(can_tick)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Key"), self.key)
        form.addRow(self.tr("Description"), self.description)
        form.addRow("", self.label_error)
        form.addRow("", self.tick_now)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.category: Category | None = None

    def _accept(self) -> None:
        try:
            name = check_name(self.session, self.name.text())
            key = check_shortcut(self.session, self.key.text())
        except UserError as error:
            QMessageBox.warning(self, self.tr("Add a category"), error.message)
            return
        self.category = Category(
            name, shortcut=key, kind=LABEL_ERROR if self.label_error.isChecked() else NORMAL,
            description=self.description.text().strip(),
        )
        self.accept()


def add_category(undo_stack: QUndoStack, session: ReviewSession, category: Category,
                 tick_item: int | None = None) -> int:
    """Add a (checked) category, and tick it on ``tick_item``, as one undo step.

    Returns the new category's id.
    """
    undo_stack.beginMacro(
        translate("category_editor", "Add category '{name}'").format(name=category.name)
    )
    try:
        command = AddCategoryCommand(session, category)
        push_command(undo_stack, command)
        if tick_item is not None:
            push_command(
                undo_stack, SetTicksCommand(session, [tick_item], command.category_id, True)
            )
    finally:
        undo_stack.endMacro()
    return command.category_id


def quick_add_category(parent: QWidget, session: ReviewSession, undo_stack: QUndoStack,
                       item_id: int | None) -> int | None:
    """Ask for a new category and add it (ticking it on ``item_id`` if the user agrees)."""
    dialog = AddCategoryDialog(session, parent, can_tick=item_id is not None)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.category is None:
        return None
    tick = item_id if dialog.tick_now.isChecked() else None
    return add_category(undo_stack, session, dialog.category, tick)


# ------------------------------------------------------------- full editor
class CategoryEditor(QDialog):
    """All the categories, each change applied (and undoable) at once."""

    def __init__(self, session: ReviewSession, signals: SessionSignals, undo_stack: QUndoStack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.signals = signals
        self.undo_stack = undo_stack
        self.setWindowTitle(self.tr("Categories"))
        self.resize(720, 440)
        self._loading = False

        self.list = QListWidget()
        self.list.setObjectName("CategoryList")
        self.list.currentRowChanged.connect(self._show_selected)
        self.add_button = QPushButton(self.tr("Add"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.up_button = QToolButton()
        self.up_button.setText("▲")
        self.up_button.setToolTip(self.tr("Move up (Alt+Up)"))
        self.down_button = QToolButton()
        self.down_button.setText("▼")
        self.down_button.setToolTip(self.tr("Move down (Alt+Down)"))
        self.add_button.clicked.connect(self.add_new)
        self.delete_button.clicked.connect(self.delete_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        list_buttons = QHBoxLayout()
        for button in (self.add_button, self.delete_button):
            list_buttons.addWidget(button)
        list_buttons.addStretch(1)
        list_buttons.addWidget(self.up_button)
        list_buttons.addWidget(self.down_button)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(list_buttons)

        self.name = QLineEdit()
        self.name.editingFinished.connect(lambda: self._apply("name", self.name.text()))
        self.key = QLineEdit()
        self.key.setMaxLength(3)
        self.key.setFixedWidth(80)
        self.key.setPlaceholderText(self.tr("none"))
        self.key.setToolTip(
            self.tr(
                "One key (digit or letter) or F1-F12; J K N U C F S + - Space and Enter are taken"
            )
        )
        self.key.editingFinished.connect(lambda: self._apply("shortcut", self.key.text()))
        self.color_button = QPushButton(self.tr("Choose…"))
        self.color_button.clicked.connect(self.choose_color)
        self.kind = QComboBox()
        for kind, text in KIND_LABELS.items():
            self.kind.addItem(self.tr(text), kind)
        self.kind.currentIndexChanged.connect(
            lambda _i: self._apply("kind", str(self.kind.currentData()))
        )
        self.description = QLineEdit()
        self.description.setPlaceholderText(self.tr("when to tick it (shown under the name)"))
        self.description.editingFinished.connect(
            lambda: self._apply("description", self.description.text().strip())
        )
        self.usage = QLabel()
        self.usage.setProperty("hint", True)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Key"), self.key)
        form.addRow(self.tr("Colour"), self.color_button)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Description"), self.description)
        form.addRow("", self.usage)
        self.form_widget = QWidget()
        self.form_widget.setLayout(form)

        note = QLabel(
            self.tr(
                "Changes are saved at once; Undo takes any of them back, deleted ticks "
                "included. In a field, Ctrl+Z undoes your typing until you press Enter; "
                "after that it undoes the category change named on the Undo button."
            )
        )
        note.setProperty("hint", True)
        note.setWordWrap(True)

        top = QHBoxLayout()
        top.addLayout(left, 2)
        top.addWidget(self.form_widget, 3)

        undo_action = undo_stack.createUndoAction(self, self.tr("Undo"))
        undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        redo_action = undo_stack.createRedoAction(self, self.tr("Redo"))
        redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(undo_action)
        self.addAction(redo_action)
        undo_button = QToolButton()
        undo_button.setDefaultAction(undo_action)
        redo_button = QToolButton()
        redo_button.setDefaultAction(redo_action)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.accept)
        close.accepted.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(undo_button)
        bottom.addWidget(redo_button)
        bottom.addWidget(note, 1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(bottom)

        QShortcut(QKeySequence("Alt+Up"), self, activated=lambda: self.move_selected(-1))
        QShortcut(QKeySequence("Alt+Down"), self, activated=lambda: self.move_selected(1))
        QShortcut(QKeySequence("F2"), self, activated=self._focus_name)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

        # Enter in a field applies the field; it must not also press "Add" (a
        # dialog's push buttons are default buttons unless told otherwise).
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        # Bound methods, disconnected when the dialog finishes: the window's
        # signals outlive it, and a lambda connected to them would call into a
        # deleted dialog on every later tick (issue 8, bug 1).
        signals.categories_changed.connect(self.refresh)
        signals.ticks_changed.connect(self._on_ticks_changed)
        self.finished.connect(self._disconnect)
        for field in (self.name, self.key, self.description):
            field.installEventFilter(self)
        self.refresh()
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.setFocus()

    def _on_ticks_changed(self, _ids: list, _category_id: int) -> None:
        self._show_usage()

    def _disconnect(self) -> None:
        for signal, slot in ((self.signals.categories_changed, self.refresh),
                             (self.signals.ticks_changed, self._on_ticks_changed)):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Z in a field: the typing while there is typing to undo, else the last edit."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and isinstance(watched, QLineEdit) \
                and (event.matches(QKeySequence.StandardKey.Undo)
                     or event.matches(QKeySequence.StandardKey.Redo)) \
                and watched.text().strip() == self._stored_text(watched):
            # Nothing typed since the field showed the stored value: let the
            # dialog's Undo/Redo (the category edits) have the key.
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def _stored_text(self, field: QLineEdit) -> str:
        category = self.selected()
        if category is None:
            return field.text().strip()
        if field is self.name:
            return category.name
        if field is self.key:
            return category.shortcut
        return category.description

    # -- reading
    def selected(self) -> Category | None:
        item = self.list.currentItem()
        if item is None:
            return None
        try:
            return self.session.category(int(item.data(Qt.ItemDataRole.UserRole)))
        except KeyError:
            return None

    def select(self, category_id: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == category_id:
                self.list.setCurrentRow(row)
                return

    def refresh(self) -> None:
        """Re-read the categories from the session, keeping the selection."""
        current = self.selected()
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for category in self.session.categories():
            text = category.name
            if category.shortcut:
                text += f"    [{key_text(category.shortcut)}]"
            if category.kind == LABEL_ERROR:
                text += self.tr("    · label error")
            item = QListWidgetItem(QIcon(color_swatch(category.color, 16)), text)
            item.setData(Qt.ItemDataRole.UserRole, category.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if current is not None and any(c.id == current.id for c in self.session.categories()):
            self.select(current.id)
        elif self.list.count():
            self.list.setCurrentRow(max(0, min(row, self.list.count() - 1)))
        self._show_selected()

    def _show_selected(self, _row: int = -1) -> None:
        category = self.selected()
        self.form_widget.setEnabled(category is not None)
        self.delete_button.setEnabled(category is not None)
        row = self.list.currentRow()
        self.up_button.setEnabled(category is not None and row > 0)
        self.down_button.setEnabled(category is not None and row < self.list.count() - 1)
        self._loading = True
        try:
            self.name.setText(category.name if category else "")
            self.key.setText(category.shortcut if category else "")
            self.description.setText(category.description if category else "")
            index = self.kind.findData(category.kind if category else NORMAL)
            self.kind.setCurrentIndex(max(0, index))
            color = category.color if category else "#888888"
            self.color_button.setIcon(QIcon(color_swatch(color, 16)))
            self.color_button.setText(color if category else self.tr("Choose…"))
        finally:
            self._loading = False
        self._show_usage()

    def _show_usage(self) -> None:
        category = self.selected()
        if category is None:
            self.usage.setText("")
            return
        count = len(self.session.items_with(category.id))
        self.usage.setText(
            self.tr("Ticked on {count} item{0}.").format("s" if count != 1 else "", count=count)
        )

    def _focus_name(self) -> None:
        self.name.setFocus()
        self.name.selectAll()

    # -- changing
    def _apply(self, field: str, value: str) -> bool:
        """Push one change of the selected category; False (and a message) if it is refused."""
        if self._loading:
            return False
        category = self.selected()
        if category is None or getattr(category, field) == value:
            return False
        try:
            if field == "name":
                value = check_name(self.session, value, category.id)
                if value == category.name:
                    self._show_selected()
                    return False
            elif field == "shortcut":
                value = check_shortcut(self.session, value, category.id)
            elif field == "kind":
                value = clean_kind(value)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Categories"), error.message)
            self._show_selected()
            return False
        push_command(
            self.undo_stack, EditCategoryCommand(self.session, category.id, **{field: value})
        )
        return True

    def rename(self, name: str) -> bool:
        return self._apply("name", name)

    def set_shortcut(self, key: str) -> bool:
        return self._apply("shortcut", key)

    def set_kind(self, kind: str) -> bool:
        return self._apply("kind", kind)

    def set_color(self, color: str) -> bool:
        return self._apply("color", color)

    def choose_color(self) -> None:
        category = self.selected()
        if category is None:
            return
        chosen = QColorDialog.getColor(QColor(category.color or "#888888"), self,
                                       self.tr("Colour of “{name}”").format(name=category.name))
        if chosen.isValid():
            self.set_color(chosen.name().upper())

    def add_new(self, name: str | None = None) -> int:
        """Add a category (named, or "New category") at the end and select it for editing."""
        name = name or unused_name(self.session)
        try:
            name = check_name(self.session, name)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Categories"), error.message)
            return 0
        new_id = add_category(self.undo_stack, self.session, Category(name))
        self.select(new_id)
        self._focus_name()
        return new_id

    def delete_selected(self, *, confirm: bool = True) -> bool:
        category = self.selected()
        if category is None:
            return False
        count = len(self.session.items_with(category.id))
        if confirm:
            ticks = (
                self.tr("Its ticks on {count} item{0} go with it.").format(
                    "s" if count != 1 else "", count=count
                )
                if count
                else self.tr("No item is ticked with it.")
            )
            answer = QMessageBox.warning(
                self,
                self.tr("Delete category"),
                self.tr(
                    "Delete the category “{name}”?\n\n{ticks}\n\n"
                    "Edit ▸ Undo (Ctrl+Z) brings the category and its ticks back."
                ).format(name=category.name, ticks=ticks),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        push_command(self.undo_stack, RemoveCategoryCommand(self.session, category.id))
        return True

    def move_selected(self, step: int) -> None:
        category = self.selected()
        if category is None:
            return
        order = [c.id for c in self.session.categories()]
        index = order.index(category.id)
        target = index + step
        if not 0 <= target < len(order):
            return
        order.insert(target, order.pop(index))
        push_command(self.undo_stack, ReorderCategoriesCommand(self.session, order))
        self.select(category.id)
