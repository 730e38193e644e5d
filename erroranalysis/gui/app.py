"""Starting the desktop app: the QApplication, the look, what to open, the smoke test.

:class:`AppController` is the one place that turns "the user picked this"
(from the start screen, the File menu, the command line) into an open
session: a session file is opened, a predictions file or folder resumes the
session beside it or creates one (off the GUI thread, behind a progress
dialog), the demo is opened from the user data folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QStyleFactory,
    QWidget,
)

from erroranalysis import i18n as cli_i18n
from erroranalysis.core.errors import UserError
from erroranalysis.core.session import ReviewSession, default_session_path
from erroranalysis.core.session_lock import SessionLocked
from erroranalysis.core.sources import SourceOptions, create_session
from erroranalysis.core.store import is_server_location, parse_location, remember_password
from erroranalysis.gui import i18n
from erroranalysis.gui.i18n import translate
from erroranalysis.resources import resources_dir

APP_NAME = "erroranalysis"


@dataclass(frozen=True)
class LaunchRequest:
    """What the command line asked the window to open."""

    kind: str  # 'start' | 'session' | 'source' | 'demo'
    path: Path | str | None = None  # a file, or a server session's URL
    session_path: Path | None = None
    options: SourceOptions | None = None
    reset: bool = False
    ask_categories: bool = False  # a new session asks for its categories first


# ------------------------------------------------------------------- the look
STYLE_SHEET = """
QLabel[hint="true"] { color: #6b7280; font-size: 9pt; }
QLabel[caption="true"] { color: #6b7280; font-size: 9pt; }
QLabel[heading="true"] { font-weight: 600; font-size: 10.5pt; color: #1f2937; }
QLabel#LabelValue, QLabel#PredictionValue { font-size: 17pt; font-weight: 600; }
QLabel#LabelValue { color: #15803d; }
QLabel#PredictionValue[wrong="true"] { color: #b91c1c; }
QLabel#PositionLabel { font-size: 13pt; font-weight: 600; color: #111827; }
QLabel#ItemKey { color: #4b5563; }
QLabel#ReviewedBadge { border-radius: 9px; padding: 2px 9px; font-size: 9pt; }
QLabel#ReviewedBadge[state="reviewed"] { background: #dcfce7; color: #166534; }
QLabel#ReviewedBadge[state="open"] { background: #e5e7eb; color: #374151; }
QLabel#ReviewedBadge[state="skipped"] { background: #fef3c7; color: #92400e; }
QFrame#RevisitBar { background: #fffbeb; border-bottom: 1px solid #fcd34d; }
QLabel#RevisitText { color: #78350f; }
QLabel#NotAssessed { color: #92400e; font-size: 8pt; font-style: italic; }
QToolButton#StateButton {
    padding: 4px 10px; border: 1px solid #cbd2db; border-radius: 6px; background: #f8fafc;
}
QToolButton#StateButton:hover { background: #eef4fc; border-color: #9fbde6; }
QLabel#SavedLabel[state="failed"] { color: #b91c1c; font-weight: 600; }
QFrame#NoticeBar { background: #fef2f2; border-bottom: 1px solid #fca5a5; }
QLabel#NoticeText { color: #7f1d1d; }
QLabel#rankingLabel { padding: 4px 6px; border-radius: 4px; background: #fef3c7; color: #78350f; }
QLabel#rankingLabel[settled="true"] { background: #dcfce7; color: #14532d; }
QLabel#Keycap {
    border: 1px solid #b8bec9; border-bottom-width: 2px; border-radius: 4px;
    background: #f8f9fb; color: #374151; padding: 0px 6px; min-width: 10px;
    font-family: "DejaVu Sans Mono", monospace; font-weight: 600;
}
QLabel#CategoryName { font-size: 10pt; }
QLabel#ZoomLabel { color: #4b5563; }
QFrame#ReviewHeader { background: #ffffff; border-bottom: 1px solid #e2e5ea; }
QFrame#NavBar { background: #f3f4f6; border-top: 1px solid #e2e5ea; }
QFrame#SidePanel, QWidget#SidePanelBody, QWidget#CommentArea { background: #ffffff; }
QWidget#CommentArea { border-top: 1px solid #e2e5ea; }
QToolButton#FilterChip {
    background: #dbeafe; color: #1e3a8a; border: 1px solid #93c5fd; border-radius: 10px;
    padding: 2px 10px;
}
QToolButton#AddCategoryButton { color: #1d4ed8; padding: 4px 6px; }
QToolButton#NavButton { padding: 4px 10px; }
QProgressBar#ReviewProgress {
    border: none; border-radius: 4px; background: #e5e7eb; min-height: 8px; max-height: 8px;
}
QProgressBar#ReviewProgress::chunk { background: #3a7cc4; border-radius: 4px; }
QLabel#ProgressText { color: #4b5563; }
QWidget#StartScreen { background: #eef1f5; }
QFrame#StartCard { background: #ffffff; border: 1px solid #dde2e8; border-radius: 14px; }
QPushButton#StartButton {
    border: 1px solid #d5dbe3; border-radius: 8px; background: #f8fafc;
}
QLabel#StartButtonTitle { font-weight: 600; font-size: 10.5pt; color: #1f2937; }
QPushButton#StartButton:hover { background: #eef4fc; border-color: #9fbde6; }
QPushButton#StartButton:focus { border-color: #3a7cc4; }
QListWidget#RecentList { border: 1px solid #dde2e8; border-radius: 8px; padding: 4px; }
QListWidget#RecentList::item { border-radius: 6px; }
QListWidget#RecentList::item:selected { background: #e3edfa; }
QListWidget#RecentList::item:hover:!selected { background: #f3f6fa; }
QLabel#RecentTitle { font-weight: 600; }
QLabel#SavedLabel { color: #15803d; padding: 0 8px; }
QLabel#ProgressLabel { padding: 0 8px; }
QTabWidget#ViewTabs::pane { border: none; }
QTabWidget#ViewTabs > QTabBar { background: #f3f4f6; }
QTabWidget#ViewTabs > QTabBar::tab {
    padding: 7px 20px; border: none; border-bottom: 2px solid transparent;
    background: transparent; color: #6b7280;
}
QTabWidget#ViewTabs > QTabBar::tab:selected {
    color: #111827; border-bottom: 2px solid #3a7cc4; font-weight: 600;
}
QTabWidget#ViewTabs > QTabBar::tab:hover:!selected { color: #1f2937; }
"""


def make_palette() -> QPalette:
    """A calm light palette on Fusion: soft greys, one blue for selection and focus."""
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#f3f4f6",
        QPalette.ColorRole.WindowText: "#1f2937",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f7f8fa",
        QPalette.ColorRole.Text: "#1f2937",
        QPalette.ColorRole.Button: "#f7f8fa",
        QPalette.ColorRole.ButtonText: "#1f2937",
        QPalette.ColorRole.Highlight: "#3a7cc4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#fffbe6",
        QPalette.ColorRole.ToolTipText: "#1f2937",
        QPalette.ColorRole.PlaceholderText: "#9ca3af",
        QPalette.ColorRole.Link: "#1d4ed8",
        QPalette.ColorRole.Mid: "#d1d5db",
        QPalette.ColorRole.Midlight: "#e5e7eb",
        QPalette.ColorRole.Dark: "#9ca3af",
        QPalette.ColorRole.Shadow: "#6b7280",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9ca3af"))
    return palette


def app_icon() -> QIcon:
    try:
        path = resources_dir() / "icons" / "erroranalysis.svg"
    except FileNotFoundError:
        return QIcon()
    return QIcon(str(path)) if path.is_file() else QIcon()


def make_application(argv: list[str] | None = None, language: str | None = None) -> QApplication:
    """The QApplication (made once), named, styled and speaking ``language`` (default:
    --lang, the Settings entry or the system's, see :func:`i18n.choose_language`)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    style = QStyleFactory.create("Fusion")
    if style is not None:
        app.setStyle(style)
    app.setPalette(make_palette())
    app.setStyleSheet(STYLE_SHEET)
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    i18n.install(i18n.choose_language(language))
    return app


# ------------------------------------------------------------ background work
class _Carrier(QObject):
    done = Signal(object, object)  # result, exception


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], carrier: _Carrier) -> None:
        super().__init__()
        self._work = work
        self._carrier = carrier

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # handed to the GUI thread, raised there
            self._carrier.done.emit(None, error)
            return
        self._carrier.done.emit(result, None)


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[], Any]) -> Any:
    """Run ``work`` on a worker thread behind a busy dialog; return its result or raise.

    The GUI thread keeps its event loop turning meanwhile, so the window
    repaints and the dialog animates; the dialog only appears if the work
    takes longer than a moment.
    """
    carrier = _Carrier()
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def finished(result: Any, error: BaseException | None) -> None:
        outcome["result"], outcome["error"] = result, error
        loop.quit()

    carrier.done.connect(finished, Qt.ConnectionType.QueuedConnection)
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setWindowTitle(APP_NAME)
    dialog.setCancelButton(None)  # type: ignore[arg-type]
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.reset()
    show_timer = QTimer()
    show_timer.setSingleShot(True)
    show_timer.timeout.connect(dialog.show)
    show_timer.start(300)
    QThreadPool.globalInstance().start(_Job(work, carrier))
    if "error" not in outcome:
        loop.exec()
    show_timer.stop()
    dialog.close()
    dialog.deleteLater()
    if outcome.get("error") is not None:
        raise outcome["error"]
    return outcome.get("result")


# ------------------------------------------------------------- the controller
class AppController(QObject):
    """Shows the start screen or one main window, and opens what the user picks."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.window: Any = None  # MainWindow
        self.start: Any = None  # StartScreen

    # -- screens
    def show_start(self) -> None:
        from erroranalysis.gui.start_screen import StartScreen

        if self.start is None:
            self.start = StartScreen()
            self.start.resize(1100, 720)
            self.start.predictions_chosen.connect(self.open_source)
            self.start.folder_chosen.connect(self.open_source)
            self.start.session_chosen.connect(self.open_session)
            self.start.demo_chosen.connect(self.open_demo)
        self.start.refresh_recent()
        self.start.show()
        self.start.raise_()
        self.start.activateWindow()

    def _dialog_parent(self) -> QWidget | None:
        if self.window is not None and self.window.isVisible():
            return self.window
        return self.start

    def show_session(self, session: ReviewSession) -> Any:
        """Open a main window on ``session`` (closing the one open before: all is saved)."""
        from erroranalysis.gui.main_window import MainWindow
        from erroranalysis.gui.start_screen import remember_session

        # A server session is remembered by its URL without the password.
        remember_session(session.path if session.location is None else session.where,
                         session.meta("title"))
        old = self.window
        window = MainWindow(session)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.open_session_requested.connect(self.open_session)
        window.open_source_requested.connect(self.open_source)
        window.open_demo_requested.connect(self.open_demo)
        window.close_requested.connect(self.show_start)
        self.window = window
        window.closed.connect(lambda w=window: self._forget(w))
        window.show()
        window.raise_()
        window.activateWindow()
        if old is not None:
            old.close()
        if self.start is not None:
            self.start.hide()
        return window

    def _forget(self, window: Any) -> None:
        if self.window is window:
            self.window = None

    def _error(self, message: str) -> None:
        QMessageBox.warning(self._dialog_parent(), APP_NAME, message)

    # -- opening
    def open_session(self, path: Path | str) -> bool:
        if is_server_location(str(path)):
            return self.open_server_session(str(path))
        path = Path(path)
        if self.window is not None and self.window.session.path.resolve() == path.resolve():
            self.window.raise_()
            return True
        session = self._open_for_review(path)
        if session is None:
            return False
        self.show_session(session)
        return True

    def open_server_session(self, url: str) -> bool:
        """A session on a PostgreSQL server (a team's): connect, asking for the password
        when libpq finds none (~/.pgpass); the password stays in this program's memory."""
        from erroranalysis.core.store.postgres import PasswordNeeded

        try:
            location = parse_location(url)
        except UserError as error:
            self._error(error.message)
            return False
        if self.window is not None and self.window.session.location == location:
            self.window.raise_()
            return True
        while True:
            try:
                session = run_with_progress(
                    self._dialog_parent(),
                    self.tr("Connecting to {display_url}…").format(
                        display_url=location.display_url
                    ),
                    lambda: ReviewSession.open(location),
                )
                break
            except PasswordNeeded as needed:
                refused = self.tr(" (the server refused the last one)") if needed.refused else ""
                password, ok = QInputDialog.getText(
                    self._dialog_parent(),
                    APP_NAME,
                    self.tr(
                        "Password for {display_url}{refused}:\n(kept in memory only; "
                        "~/.pgpass spares you this)"
                    ).format(display_url=location.display_url, refused=refused),
                    QLineEdit.EchoMode.Password,
                )
                if not ok:
                    return False
                remember_password(location, password)
            except UserError as error:
                self._error(error.message)
                return False
        self.show_session(session)
        return True

    def _open_for_review(self, path: Path) -> ReviewSession | None:
        """Open a session and take it for writing; if another program has it, say who and
        offer it read-only. None when the user declines or it cannot be opened."""
        try:
            session = ReviewSession.open(path)
        except UserError as error:
            self._error(error.message)
            return None
        try:
            session.acquire_lock()
        except SessionLocked as locked:
            session.close()
            who = (
                locked.owner.describe() if locked.owner is not None else self.tr("another program")
            )
            box = QMessageBox(
                QMessageBox.Icon.Question,
                APP_NAME,
                self.tr("{name} is open in another program: {who}.").format(
                    name=path.name, who=who
                ),
                parent=self._dialog_parent(),
            )
            box.setInformativeText(
                self.tr("Two programs writing one review would overwrite each other's ticks and "
                "comments. Open it read-only to look and export; close it there to review here."))
            read_only = box.addButton(self.tr("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is not read_only:
                return None
            try:
                session = ReviewSession.open(path, read_only=True)
            except UserError as error:
                self._error(error.message)
                return None
        return session

    def open_source(self, source: Path, session_path: Path | None = None,
                    options: SourceOptions | None = None, *, ask: bool = True,
                    ask_categories: bool = False) -> bool:
        """A predictions file or folder: resume its session, or make one (asking how)."""
        source = Path(source)
        target = Path(session_path) if session_path is not None else default_session_path(source)
        if target.exists():
            if self.open_session(target):
                if self.window is not None:
                    self.window.show_message(
                        self.tr("Resumed the review in {name}.").format(name=target.name), 8000
                    )
                return True
            return False
        if not source.exists():
            self._error(self.tr("{source}: no such file or folder").format(source=source))
            return False
        if (options is None and ask) or ask_categories:
            from erroranalysis.gui.start_screen import NewSessionDialog

            dialog = NewSessionDialog(source, target, self._dialog_parent(), options=options)
            if dialog.exec() != NewSessionDialog.DialogCode.Accepted or dialog.options is None:
                return False
            options = dialog.options
        options = options or SourceOptions()
        notes: list[str] = []

        def create() -> Path:
            # The session is made and closed on the worker; the GUI thread
            # reopens it, so its connection lives on the thread that uses it.
            made = create_session(source, target, options)
            notes.extend(made.notes)
            made.close()
            return target

        try:
            made_path = run_with_progress(
                self._dialog_parent(),
                self.tr("Reading {name} and making the review session…").format(name=source.name),
                create,
            )
        except UserError as error:
            self._error(error.message)
            return False
        except OSError as error:
            self._error(f"{error.filename or source}: {error.strerror}")
            return False
        opened = self.open_session(made_path)
        if opened and self.window is not None and notes:
            self.window.show_message(" ".join(notes), 15000)
        return opened

    def open_demo(self, reset: bool = False) -> bool:
        from erroranalysis.core.demo import open_demo_session

        if self.window is not None and not reset:
            from erroranalysis.core.demo import demo_session_path

            if self.window.session.path.resolve() == demo_session_path().resolve():
                self.window.raise_()
                return True
        try:
            path = run_with_progress(
                self._dialog_parent(), self.tr("Preparing the demo…"),
                lambda: _opened_then_closed(lambda: open_demo_session(reset)))
        except UserError as error:
            self._error(error.message)
            return False
        session = self._open_for_review(path)
        if session is None:
            return False
        self.show_session(session)
        return True

    def handle(self, request: LaunchRequest) -> bool:
        """Open what the command line asked for; False when nothing could be opened."""
        if request.kind == "session" and request.path is not None:
            return self.open_session(request.path)
        if request.kind == "source" and request.path is not None:
            return self.open_source(request.path, request.session_path, request.options,
                                    ask=False, ask_categories=request.ask_categories)
        if request.kind == "demo":
            return self.open_demo(request.reset)
        self.show_start()
        return True


def _opened_then_closed(make: Callable[[], ReviewSession]) -> Path:
    session = make()
    path = session.path
    session.close()
    return path


def _excepthook(kind: type[BaseException], error: BaseException, tb: Any) -> None:
    """Last resort for errors escaping a Qt slot: a message box, never a bare traceback."""
    if isinstance(error, UserError):
        QMessageBox.warning(QApplication.activeWindow(), APP_NAME, error.message)
        return
    if getattr(error, "unreachable", False):  # a session server gone away, mid-read
        QMessageBox.warning(
            QApplication.activeWindow(),
            APP_NAME,
            translate(
                "app",
                "{error}\n\nNothing saved before is lost; the app reconnects "
                "by itself when the server is back.",
            ).format(error=error),
        )
        return
    traceback.print_exception(kind, error, tb)
    QMessageBox.critical(
        QApplication.activeWindow(),
        APP_NAME,
        translate(
            "app",
            "Something went wrong: {error}\n\nYour review is safe: every change was already "
            "saved. Details were printed to the terminal.",
        ).format(error=error),
    )


def require_display() -> None:
    """Fail with one clear line where Qt would abort: Linux with no screen to draw on."""
    if not sys.platform.startswith("linux") or QApplication.instance() is not None:
        return
    if os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get(
        "WAYLAND_DISPLAY"
    ):
        return
    # Said before any QApplication (no Qt translator yet): the command line's catalogue.
    raise UserError(
        cli_i18n.translate(
            "cli.errors",
            "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset); run it on a "
            "desktop, or use the headless commands (new, tally, export, import, diagnose)",
        )
    )


def launch(request: LaunchRequest) -> int:
    """Run the desktop app for one request; returns the exit code."""
    require_display()
    app = make_application()
    controller = AppController(app)
    sys.excepthook = _excepthook
    if not controller.handle(request):
        if request.kind == "start":
            return 1
        # The command line named something that could not be opened (the
        # message was shown); offer the start screen rather than vanish.
        controller.show_start()
    code = int(app.exec())
    from erroranalysis.gui import image_loader

    if image_loader.STUCK_READS_AT_EXIT:
        # Every session is closed (all saved); only a thread blocked on a hung
        # drive is left, and waiting for it would hang the exit.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


# ------------------------------------------------------------------ smoke test
SMOKE_TIMEOUT_MS = 20_000


def smoke_test() -> int:
    """Open the real main window on the demo, tick one category by its key, check the tally.

    Runs in a temporary data folder, so a user's own demo review is never
    touched. Returns 0, or prints the reason and returns 1. A watchdog timer
    ends it if anything hangs.
    """
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
            or os.environ.get("QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    previous_data_dir = os.environ.get("ERRORANALYSIS_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="erroranalysis-smoke-") as folder:
        os.environ["ERRORANALYSIS_DATA_DIR"] = folder
        try:
            return _smoke_test_in(folder)
        finally:
            if previous_data_dir is None:
                os.environ.pop("ERRORANALYSIS_DATA_DIR", None)
            else:
                os.environ["ERRORANALYSIS_DATA_DIR"] = previous_data_dir


def _smoke_test_in(folder: str) -> int:
    from PySide6.QtTest import QTest

    from erroranalysis.core.demo import open_demo_session
    from erroranalysis.gui.main_window import MainWindow

    app = make_application()
    result: dict[str, Any] = {"code": 1, "reason": "the check never ran"}
    loop = QEventLoop()
    window: Any = None

    def finish(code: int, reason: str = "") -> None:
        if "done" in result:
            return
        result.update(code=code, reason=reason, done=True)
        loop.quit()

    def check() -> None:
        try:
            session = window.session
            view = window.review_view
            category = session.categories()[0]
            if not category.shortcut:
                finish(1, f"the first category '{category.name}' has no key")
                return
            before = _count(session, category.id)
            item = view.current_item()
            if item is None:
                finish(1, "the demo has no items")
                return
            if session.is_ticked(item.id, category.id):
                finish(1, "the first demo item is already ticked")
                return
            # Exactly what a reviewer's key press does: the key goes to the
            # review view and its shortcut toggles the category.
            window.activateWindow()
            view.setFocus()
            app.processEvents()
            QTest.keyClick(view, category.shortcut)
            app.processEvents()
            result["path"] = "a key press"
            if not session.is_ticked(item.id, category.id):
                # No active window (some headless setups): trigger the very
                # action the key is bound to.
                action = next(a for a in view.category_actions if a.data() == category.id)
                action.trigger()
                app.processEvents()
                result["path"] = "the action its key triggers (no active window here)"
            after = _count(session, category.id)
            if after != before + 1:
                finish(1, f"the tally count of '{category.name}' went {before} -> {after}, "
                          "expected one more")
                return
            # The panel batches changes for a few ms before it recounts.
            deadline = QTimer()
            deadline.setSingleShot(True)
            deadline.start(3000)
            while not _panel_shows(window.tally_panel, category.name, after) \
                    and deadline.isActive():
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if not _panel_shows(window.tally_panel, category.name, after):
                finish(1, f"the tally panel does not show '{category.name}' with {after}")
                return
            if window.undo_stack.count() != 1:
                finish(1, "the tick did not go through the undo stack")
                return
            finish(0)
        except Exception as error:  # the smoke test reports, never raises
            finish(1, f"{type(error).__name__}: {error}")

    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: finish(1, f"timed out after {SMOKE_TIMEOUT_MS} ms"))
    watchdog.start(SMOKE_TIMEOUT_MS)
    try:
        session = open_demo_session(reset=True)
        window = MainWindow(session)
        window.show()
        QTimer.singleShot(200, check)
        if "done" not in result:
            loop.exec()
    except Exception as error:
        result.update(code=1, reason=f"{type(error).__name__}: {error}")
    finally:
        watchdog.stop()
        if window is not None:
            window.close()
            window.deleteLater()
        app.processEvents()
    if result["code"] == 0:
        print(f"smoke test passed: main window opened on the demo in {folder}; "
              f"{result.get('path', 'a key press')} ticked a category and the tally followed")
        return 0
    print(f"smoke test failed: {result['reason']}")
    return 1


def _count(session: ReviewSession, category_id: int) -> int:
    table = session.tally().table
    index = [c.id for c in session.categories()].index(category_id)
    return int(table["count"].iloc[index])


def _panel_shows(panel: QWidget, name: str, count: int) -> bool:
    """Whether the tally panel's table has a row naming ``name`` with the count ``count``.

    Reads what is on screen (the cells), not the panel's tally object: the
    point is that the reviewer sees the change.
    """
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QAbstractItemView

    for view in panel.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or model.columnCount(QModelIndex()) < 2:
            continue
        for row in range(model.rowCount(QModelIndex())):
            shown_name = str(model.data(model.index(row, 0)) or "")
            # "3", or "3 / 11" for a category assessed on fewer items than reviewed.
            shown = str(model.data(model.index(row, 1)) or "").split("/")[0]
            shown_count = shown.strip().replace(",", "")
            if (shown_name == name or shown_name.startswith(name + " (")) \
                    and shown_count == str(count):
                return True
    return False
