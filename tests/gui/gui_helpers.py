"""Shared helpers of the window tests: open a window, press keys, answer a dialog."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from erroranalysis.core.session import ReviewSession
from erroranalysis.gui.category_editor import CategoryEditor
from erroranalysis.gui.main_window import MainWindow


def open_window(qtbot, session: ReviewSession) -> MainWindow:
    window = MainWindow(session)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    reactivate(qtbot, window)
    return window


def reactivate(qtbot, window: MainWindow) -> None:
    """Make the window active with the keys in the review view (offscreen, a closed
    dialog does not hand activation back by itself the way a window manager does)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    if window.current_view() == "review" and not window.review_view.comment_box.hasFocus():
        window.review_view.setFocus()
        qtbot.waitUntil(lambda: window.review_view.hasFocus())


def press(widget, *keys) -> None:
    for key in keys:
        if isinstance(key, tuple):
            QTest.keyClick(widget, key[0], key[1])
        else:
            QTest.keyClick(widget, key)


def when_dialog(kind, act, tries: int = 250) -> None:
    """Run ``act(dialog)`` once a modal ``kind`` dialog is up (it runs its own event
    loop); reject any dialog left open so a failing test cannot hang."""

    def attempt(left: int) -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, kind) and w.isVisible()]
        if dialogs and QApplication.activeWindow() is not dialogs[0] and left:
            # Keys must go where a user's would: into the active dialog.
            dialogs[0].activateWindow()
            QTimer.singleShot(20, lambda: attempt(left - 1))
            return
        if dialogs:
            try:
                act(dialogs[0])
            finally:
                if dialogs[0].isVisible():
                    dialogs[0].reject()
        elif left:
            QTimer.singleShot(20, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(tries))


def open_and_close_the_categories_dialog(qtbot, window) -> None:
    """Open the categories dialog, close it (deleted, as Qt deletes it), and give the
    window back its activation, as a window manager would."""
    editor = CategoryEditor(window.session, window.signals, window.undo_stack, window)
    editor.show()
    editor.accept()
    editor.deleteLater()
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    reactivate(qtbot, window)
