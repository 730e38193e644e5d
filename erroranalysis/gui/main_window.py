"""The main window: the review and spreadsheet views, the tally dock, the menus.

The window owns the three things every widget shares for one open session:
the :class:`SessionSignals`, the one :class:`QUndoStack` and the
:class:`ImageLoader`. There is no "unsaved" state: each change is already a
committed transaction in the session file when the widget shows it.
"""

from __future__ import annotations

import contextlib
import gc
import html
from pathlib import Path

from PySide6.QtCore import QByteArray, QRunnable, QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from erroranalysis.core.errors import UserError
from erroranalysis.core.paths import user_data_dir
from erroranalysis.core.session import SESSION_SUFFIX, ReviewSession, checkpoint_file
from erroranalysis.core.session_lock import default_reviewer
from erroranalysis.core.sources import IMAGE_CHECK_SAMPLE, image_check
from erroranalysis.core.spreadsheet import export_session, export_tally
from erroranalysis.core.team_report import write_report
from erroranalysis.gui import i18n
from erroranalysis.gui.analysis.analysis_panel import AnalysisPanel
from erroranalysis.gui.analysis.tally_panel import TallyPanel
from erroranalysis.gui.category_editor import CategoryEditor
from erroranalysis.gui.commands import (
    LocateImagesCommand,
    SetCommentCommand,
    SetDevSizeCommand,
    SetMetaCommand,
    SetReviewedCommand,
    SetTicksCommand,
    push_command,
    redo_step,
    undo_step,
)
from erroranalysis.gui.grid.grid_view import GridView
from erroranalysis.gui.i18n import translate
from erroranalysis.gui.image_loader import ImageLoader
from erroranalysis.gui.properties_dialog import PropertiesDialog
from erroranalysis.gui.review.review_view import META_ZOOM, ReviewView
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.gui.spreadsheet.spreadsheet_view import SpreadsheetView
from erroranalysis.gui.start_screen import (
    ask_folder,
    ask_predictions_file,
    ask_session_file,
    recent_sessions,
)
from erroranalysis.gui.suggestion_menu import SuggestionMenu
from erroranalysis.gui.suggestions import SuggestionState
from erroranalysis.gui.thumbnail_memory import background_thumbnail_loader
from erroranalysis.gui.widgets import single_shot_timer
from erroranalysis.gui.write_errors import describe_write_error
from erroranalysis.i18n import LANGUAGE_NAMES, LANGUAGES

APP_NAME = "erroranalysis"
#: A window's objects are set aside from the garbage collector this long after it
#: is first shown (see :func:`settle_garbage`).
GC_SETTLE_MS = 1500
#: A pause this long in editing copies the write-ahead log into the session file.
CHECKPOINT_IDLE_MS = 1500
#: Below this window height the review uses compact rows (a 1280x720 laptop).
COMPACT_BELOW_HEIGHT = 820
META_VIEW = "gui.view"
VIEWS = ("review", "spreadsheet", "grid")
TALLY_DEFAULT_WIDTH = 440  # at 1400 px wide; see default_dock_width


def app_settings() -> QSettings:
    """Window geometry and dock layout, kept in the user data folder (not the session:
    a session file may travel to a colleague with another screen)."""
    return QSettings(str(user_data_dir() / "window.ini"), QSettings.Format.IniFormat)


class ShortcutsDialog(QDialog):
    """Every key the window answers to, read from the live actions, in two columns."""

    LEFT_GROUPS = ("Tick categories", "Move through the review", "Comment box")

    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(900, 560)
        groups: dict[str, list[tuple[str, str]]] = {}
        for group, what, keys in rows:
            if keys:
                groups.setdefault(group, []).append((what, keys))
        # The review view names its groups in the reader's language.
        left_names = {translate("ReviewView", g) for g in self.LEFT_GROUPS}
        left = [g for g in groups if g in left_names]
        right = [g for g in groups if g not in left_names]
        page = (
            "<style>"
            "h3 { margin: 12px 0 4px 0; color: #1f2937; }"
            "td { padding: 2px 12px 2px 0; }"
            "td.k { font-family: 'DejaVu Sans Mono', monospace; font-weight: 600;"
            " color: #1e3a8a; white-space: nowrap; }"
            "</style>"
            "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td width='50%' valign='top'>{self._column(groups, left)}</td>"
            f"<td width='50%' valign='top'>{self._column(groups, right)}</td>"
            "</tr></table>"
        )
        self.text = QTextBrowser()
        self.text.setObjectName("ShortcutsText")
        self.text.setHtml(page)
        self.text.setOpenLinks(False)
        self.text.setFrameShape(QTextBrowser.Shape.NoFrame)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.rows = rows

    @staticmethod
    def _column(groups: dict[str, list[tuple[str, str]]], names: list[str]) -> str:
        parts = []
        for group in names:
            parts.append(
                f"<h3>{html.escape(group)}</h3><table width='100%' cellspacing='0'>"
            )
            for what, keys in groups[group]:
                parts.append(
                    f"<tr><td class='k' width='42%'>{html.escape(keys)}</td>"
                    f"<td>{html.escape(what)}</td></tr>"
                )
            parts.append("</table>")
        return "".join(parts)


#: Below this the metrics tables would be clipped; the dock scrolls instead.
ANALYSIS_MIN_WIDTH = 360
#: The docks' narrowest: the tally's widest line that cannot wrap (a weighted
#: session's "Weighted (as the users count errors)" box, 268 px with the margins)
#: and its scroll bar fit, so nothing is clipped at the right edge.
DOCK_MIN_WIDTH = 300



def settle_garbage() -> None:
    """Set the objects alive now aside from the garbage collector (``gc.freeze``).

    An open session holds some 90,000 Python objects for its whole life. A full
    collection walks all of them: ~120 ms on the GUI thread, at a moment the
    collector picks (in the middle of a key). Frozen, they are never walked
    again, and collections between keys take microseconds. Freezing is a list
    splice, no pause; a closed window gives its objects back (:func:`gc.unfreeze`).
    """
    gc.freeze()


class MainWindow(QMainWindow):
    """One open review session."""

    open_session_requested = Signal(object)  # Path of a session file
    open_source_requested = Signal(object)  # Path of a predictions file or image folder
    open_demo_requested = Signal()
    close_requested = Signal()  # File ▸ Close: back to the start screen
    closed = Signal()

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.session = session
        self.signals = SessionSignals(session, self)
        self.undo_stack = QUndoStack(self)
        self.image_loader = ImageLoader(self)
        self._shut_down = False
        self._unsaved = False
        self._notice = ""
        self._docks_sized = False
        self._ready = False
        self._linked_category: int | None = None  # the tally's filter, set on every view

        self.review_view = ReviewView(session, self.signals, self.undo_stack,
                                      self.image_loader, self)
        self.spreadsheet_view = self._make_spreadsheet()
        self.suggestions = SuggestionState(session, self.signals, self)
        self.review_view.set_suggestions(self.suggestions)
        self.grid_view = self._make_grid()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("ViewTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.review_view, self.tr("Review"))
        self.tabs.addTab(self.spreadsheet_view, self.tr("Spreadsheet"))
        self.tabs.addTab(self.grid_view, self.tr("Grid"))
        self.tabs.setTabToolTip(0, self.tr("One item at a time, large (Ctrl+1)"))
        self.tabs.setTabToolTip(
            1, self.tr("Every item in a table: sort, filter, tick many (Ctrl+2)")
        )
        self.tabs.setTabToolTip(
            2, self.tr("Thumbnails of many items: select, tick in bulk (Ctrl+3)"))
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # A notice above the views for what needs the reviewer's attention
        # (images not found), with the button that fixes it.
        self.notice_text = QLabel()
        self.notice_text.setObjectName("NoticeText")
        self.notice_text.setWordWrap(True)
        self.notice_button = QPushButton()
        self.notice_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        notice_close = QToolButton()
        notice_close.setText("✕")
        notice_close.setAutoRaise(True)
        notice_close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notice_bar = QFrame()
        self.notice_bar.setObjectName("NoticeBar")
        notice_layout = QHBoxLayout(self.notice_bar)
        notice_layout.setContentsMargins(12, 6, 8, 6)
        notice_layout.addWidget(self.notice_text, 1)
        notice_layout.addWidget(self.notice_button)
        notice_layout.addWidget(notice_close)
        notice_close.clicked.connect(self.notice_bar.hide)
        self.notice_button.clicked.connect(self._on_notice_button)
        self._notice_slot = None
        self.notice_bar.hide()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.notice_bar)
        central_layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.tally_panel = self._make_tally()
        self.tally_dock = QDockWidget(self.tr("Tally"), self)
        self.tally_dock.setObjectName("TallyDock")
        self.tally_dock.setWidget(self.tally_panel)
        self.tally_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.tally_dock.setMinimumWidth(DOCK_MIN_WIDTH)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.tally_dock)

        # Diagnosis, labels and metrics (issue 5): a tab beside the tally, so
        # the tally stays in front while reviewing.
        self.analysis_panel = AnalysisPanel(self.session, self.signals, self.undo_stack, self)
        self.analysis_panel.slices.set_suggestions(self.suggestions)
        self.analysis_panel.show_items.connect(self.show_items)
        self.analysis_panel.status_message.connect(self.show_message)
        self.analysis_dock = QDockWidget(self.tr("Analysis"), self)
        self.analysis_dock.setObjectName("AnalysisDock")
        # A scroll area, so a narrow dock scrolls the tables instead of clipping them.
        analysis_scroll = QScrollArea()
        analysis_scroll.setWidgetResizable(True)
        analysis_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.analysis_panel.setMinimumWidth(ANALYSIS_MIN_WIDTH)
        analysis_scroll.setWidget(self.analysis_panel)
        self.analysis_dock.setWidget(analysis_scroll)
        self.analysis_dock.setFeatures(self.tally_dock.features())
        self.analysis_dock.setMinimumWidth(DOCK_MIN_WIDTH)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.analysis_dock)
        self.tabifyDockWidget(self.tally_dock, self.analysis_dock)
        self.tally_dock.raise_()

        self._build_status_bar()
        self._build_menus()

        self.review_view.status_message.connect(self.show_message)
        self.review_view.write_failed.connect(self.show_write_failure)
        self.spreadsheet_view.write_failed.connect(self.show_write_failure)
        self.review_view.progress_changed.connect(self._show_progress)
        self.review_view.category_filter_changed.connect(self._on_review_filter_changed)
        self.signals.changed.connect(self._on_saved)
        self.signals.comment_changed.connect(self._on_saved)
        self.spreadsheet_view.current_item_changed.connect(self._on_spreadsheet_current)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self.signals.meta_changed.connect(self._on_meta_changed)
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self.resize(1400, 900)
        self._restore_layout()
        self._refresh_title()
        self._show_progress(*self.review_view.review_progress())
        self._fit_to_screen_size()
        self.check_images()
        if session.read_only:
            self._show_notice(
                "read-only",
                self.tr(
                    "Read-only: {read_only_reason}. You can look, filter and export; "
                    "ticks and comments cannot be saved. Save a copy to review it here."
                ).format(read_only_reason=session.read_only_reason),
                self.tr("Save a copy and review it…"),
                self.save_copy_and_review,
            )
        for note in session.notes:
            self.show_message(note, 15000)
        # Copy the write-ahead log into the session file whenever the reviewer
        # pauses, on a worker thread: the .easession alone is then complete, and
        # no tick ever waits for SQLite's automatic checkpoint.
        session.set_interactive(True)
        self._checkpoint_timer = single_shot_timer(self, CHECKPOINT_IDLE_MS, self._checkpoint)
        self._garbage_settled = False
        self.signals.changed.connect(self._checkpoint_timer.start)
        self.signals.comment_changed.connect(self._checkpoint_timer.start)
        self.signals.position_changed.connect(self._checkpoint_timer.start)
        view = session.meta(META_VIEW, "review")
        self.tabs.setCurrentIndex(VIEWS.index(view) if view in VIEWS else 0)
        self._zoom_to_restore = session.meta(META_ZOOM, "fit")
        if self.current_view() == "spreadsheet":
            item = self.review_view.current_item()
            if item is not None:
                self.spreadsheet_view.select_item(item.id)
        self._ready = True
        if not session.reviewer and not session.read_only:
            # Every tick records its reviewer: the name given before (any session), else
            # the computer's user name; Edit ▸ Set reviewer name… changes it.
            name = str(app_settings().value("reviewer/name", "") or "") or default_reviewer()
            if name:
                with contextlib.suppress(UserError):
                    session.set_reviewer(name)
                self.show_message(self.tr("Reviewing as {reviewer}: Edit ▸ Set reviewer name… "
                                  "changes it.").format(reviewer=session.reviewer), 8000)

    # ============================================================ building
    def _make_spreadsheet(self) -> SpreadsheetView:
        # The sheet's thumbnails have a loader of their own: a low-priority decoder
        # with a disk cache, so a page of new rows never takes the cores from the
        # sheet's paint, nor the review's loader from the image asked for.
        self.thumbnail_loader = background_thumbnail_loader(self, self.session)
        view = SpreadsheetView(
            self.session, self.signals, self.undo_stack, self.thumbnail_loader, self
        )
        view.open_item.connect(self.open_item)
        view.status_message.connect(self.show_message)
        return view

    def _make_grid(self) -> GridView:
        view = GridView(self.session, self.signals, self.undo_stack, self.spreadsheet_view.proxy,
                        self.suggestions, self)
        view.open_item.connect(self.open_item)
        view.status_message.connect(self.show_message)
        view.write_failed.connect(self.show_write_failure)
        return view

    def _make_tally(self) -> TallyPanel:
        panel = TallyPanel(self.session, self.signals, self)
        panel.category_clicked.connect(self.filter_by_category)
        return panel

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.saved_label = QLabel(self.tr("✓ All changes saved"))
        self.saved_label.setObjectName("SavedLabel")
        self.saved_label.setToolTip(
            self.tr("Every tick and comment is written to the session file the moment you make it.")
        )
        self.progress_label = QLabel()
        self.progress_label.setObjectName("ProgressLabel")
        bar.addPermanentWidget(self.progress_label)
        bar.addPermanentWidget(self.saved_label)

    def _window_action(self, text: str, slot, keys: list[str] | None = None,  # type: ignore[no-untyped-def]
                       *, tip: str = "") -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: self._guard(slot))
        if tip:
            action.setStatusTip(tip)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        rv = self.review_view

        # -- File
        file_menu = bar.addMenu(self.tr("&File"))
        self.open_predictions_action = self._window_action(
            self.tr("Open predictions file…"), self._ask_open_predictions, ["Ctrl+O"])
        self.open_folder_action = self._window_action(
            self.tr("Open image folder…"), self._ask_open_folder, ["Ctrl+Shift+O"])
        self.open_session_action = self._window_action(
            self.tr("Open session…"), self._ask_open_session, ["Ctrl+Alt+O"])
        self.open_demo_action = self._window_action(
            self.tr("Open the demo"), self.open_demo_requested.emit
        )
        for action in (self.open_predictions_action, self.open_folder_action,
                       self.open_session_action, self.open_demo_action):
            file_menu.addAction(action)
        self.recent_menu = QMenu(self.tr("Open recent"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        self.export_review_action = self._window_action(
            self.tr("Export review spreadsheet…"), self.export_review_spreadsheet, ["Ctrl+E"])
        self.export_tally_action = self._window_action(
            self.tr("Export tally table…"), self.export_tally_table, ["Ctrl+Shift+E"])
        self.export_chart_action = self._window_action(
            self.tr("Export chart as PNG…"), self.export_chart, ["Ctrl+Alt+E"])
        self.export_report_action = self._window_action(
            self.tr("Export report…"), self.export_report
        )
        for action in (self.export_review_action, self.export_tally_action,
                       self.export_chart_action, self.export_report_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.save_copy_action = self._window_action(
            self.tr("Save a copy…"), self.ask_save_copy,
            tip=self.tr("A complete, consistent copy of the session (safe while it is open)"))
        file_menu.addAction(self.save_copy_action)
        self.locate_images_action = self._window_action(
            self.tr("Locate images…"), self.ask_locate_images,
            tip=self.tr("The images moved, or the predictions file was copied away from them"))
        self.properties_action = self._window_action(
            self.tr("Properties…"),
            self.show_properties,
            tip=self.tr("Where the session, its source and images are"),
        )
        file_menu.addAction(self.locate_images_action)
        file_menu.addAction(self.properties_action)
        file_menu.addSeparator()
        self.close_action = self._window_action(
            self.tr("Close session"), self.close_session, ["Ctrl+W"]
        )
        file_menu.addAction(self.close_action)
        self.quit_action = self._window_action(self.tr("Quit"), self.close, ["Ctrl+Q"])
        file_menu.addAction(self.quit_action)

        # -- Edit
        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._window_action(self.tr("Undo"), self.undo, ["Ctrl+Z"])
        self.redo_action = self._window_action(
            self.tr("Redo"), self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"]
        )
        self.undo_stack.canUndoChanged.connect(self._refresh_undo_actions)
        self.undo_stack.canRedoChanged.connect(self._refresh_undo_actions)
        self.undo_stack.indexChanged.connect(lambda _i: self._refresh_undo_actions())
        self._refresh_undo_actions()
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.add_category_action = self._window_action(
            self.tr("Add category…"),
            self.add_category,
            ["Ctrl+N"],
            tip=self.tr(
                "A new category in the middle of the review (the “Instagram filter” moment)"
            ),
        )
        self.categories_action = self._window_action(
            self.tr("Categories…"), self.edit_categories, ["Ctrl+Shift+C"])
        self.reviewer_action = self._window_action(
            self.tr("Set reviewer name…"), self.ask_reviewer_name
        )
        self.dev_size_action = self._window_action(
            self.tr("Set dev set size…"), self.ask_dev_size,
            tip=self.tr("How many dev examples there are: turns shares into dev-error gains"))
        for action in (self.add_category_action, self.categories_action, self.reviewer_action,
                       self.dev_size_action):
            edit_menu.addAction(action)
        self.weights_action = self._window_action(
            self.tr("Weights…"), self.edit_weights,
            tip=self.tr("Weigh the errors that cost more (label=porn:10): weighted dev error"))
        edit_menu.addAction(self.weights_action)
        interval_menu = edit_menu.addMenu(self.tr("95% intervals"))
        self.interval_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for method, text in (
            ("exact", self.tr("Exact (hypergeometric; never below 95%)")),
            (
                "wilson-fpc",
                self.tr("Wilson with finite-population correction (the first version's)"),
            ),
        ):
            action = QAction(text, self, checkable=True)
            action.setData(method)
            action.triggered.connect(lambda _c=False, m=method: self._guard(
                lambda: self.set_interval_method(m)))
            group.addAction(action)
            interval_menu.addAction(action)
            self.interval_actions[method] = action
        self._sync_interval_actions()

        # -- Review (the review view's own keys, listed so they can be found)
        review_menu = bar.addMenu(self.tr("&Review"))
        for action in rv.state_actions:
            review_menu.addAction(action)
        review_menu.addAction(rv.revisit_action)
        review_menu.addAction(rv.queue_action)
        review_menu.addSeparator()
        for action in (rv.next_action, rv.previous_action, rv.next_unreviewed_action,
                       rv.first_action, rv.last_action):
            review_menu.addAction(action)
        review_menu.addSeparator()
        review_menu.addAction(rv.comment_action)
        review_menu.addAction(rv.auto_advance_action)
        review_menu.addSeparator()
        self.suggestion_menu = SuggestionMenu(self.session, self.suggestions, self.show_message,
                                              self)
        review_menu.addMenu(self.suggestion_menu)

        # -- View
        view_menu = bar.addMenu(self.tr("&View"))
        self.show_review_action = self._window_action(
            self.tr("Review"), lambda: self.set_view("review"), ["Ctrl+1"])
        self.show_spreadsheet_action = self._window_action(
            self.tr("Spreadsheet"), lambda: self.set_view("spreadsheet"), ["Ctrl+2"])
        self.show_grid_action = self._window_action(
            self.tr("Grid"), lambda: self.set_view("grid"), ["Ctrl+3"])
        view_menu.addAction(self.show_review_action)
        view_menu.addAction(self.show_spreadsheet_action)
        view_menu.addAction(self.show_grid_action)
        self.tally_toggle = self._window_action(
            self.tr("Tally panel"), lambda: self.toggle_dock(self.tally_dock), ["Ctrl+T"],
            tip=self.tr("Show the tally in front (again: hide it)"))
        self.analysis_toggle = self._window_action(
            self.tr("Analysis panel (diagnosis, labels, metrics)"),
            lambda: self.toggle_dock(self.analysis_dock), ["Ctrl+Shift+A"],
            tip=self.tr("Show the analysis in front (again: hide it)"))
        view_menu.addAction(self.tally_toggle)
        view_menu.addAction(self.analysis_toggle)
        self.compact_action = QAction(self.tr("Compact layout (small screens)"), self)
        self.compact_action.setCheckable(True)
        self.compact_action.toggled.connect(self.set_compact)
        view_menu.addAction(self.compact_action)
        view_menu.addSeparator()
        for action in rv.zoom_actions:
            view_menu.addAction(action)
        view_menu.addSeparator()
        self.clear_filter_action = self._window_action(
            self.tr("Show all items (clear category filter)"), lambda: self.filter_by_category(None)
        )
        view_menu.addAction(self.clear_filter_action)
        view_menu.addSeparator()
        view_menu.addMenu(self._language_menu())

        # -- Tools
        tools_menu = bar.addMenu(self.tr("&Tools"))
        self.choose_action = self._window_action(
            self.tr("Choose a model…"), self.choose_model,
            tip=self.tr("One optimizing metric, thresholds on the others: which model wins"))
        tools_menu.addAction(self.choose_action)

        # -- Help
        help_menu = bar.addMenu(self.tr("&Help"))
        # "?" is Shift+/ on most layouts; some platforms report the Shift, some do not.
        self.shortcuts_action = self._window_action(
            self.tr("Keyboard shortcuts"), self.show_shortcuts, ["?", "Shift+?", "F1"]
        )
        help_menu.addAction(self.shortcuts_action)
        self.about_action = self._window_action(self.tr("About erroranalysis"), self.show_about)
        help_menu.addAction(self.about_action)

    # =============================================================== views
    def current_view(self) -> str:
        return VIEWS[self.tabs.currentIndex()] if self.tabs.currentIndex() >= 0 else "review"

    def set_view(self, view: str) -> None:
        self.tabs.setCurrentIndex(VIEWS.index(view))

    def _on_tab_changed(self, index: int) -> None:
        view = VIEWS[index] if 0 <= index < len(VIEWS) else "review"
        if self.session.meta(META_VIEW) != view:
            self.session.set_meta(META_VIEW, view)
        if view == "review":
            self.review_view.setFocus()
        elif view == "grid":
            item = self.review_view.current_item()
            if item is not None:
                self.grid_view.select_item(item.id)
            self.grid_view.list.setFocus()
        else:
            item = self.review_view.current_item()
            if item is not None:
                self.spreadsheet_view.select_item(item.id)
            self.spreadsheet_view.table.setFocus()

    def _on_spreadsheet_current(self, item_id: int) -> None:
        """The row the reviewer is on in the spreadsheet is the item the review shows."""
        if not self._ready or self.current_view() != "spreadsheet":
            return  # the table's own start-up (row 0 made current) is not a choice
        current = self.review_view.current_item()
        if current is None or current.id != item_id:
            self.review_view.go_to_item(item_id)

    def toggle_dock(self, dock: QDockWidget) -> None:
        """Show a dock in front; if it already is in front, hide it."""
        in_front = dock.isVisible() and not dock.visibleRegion().isEmpty()
        if in_front:
            dock.hide()
            return
        dock.show()
        dock.raise_()

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A click in the tally, chart or analysis panel must not take the review's keys.

        Text fields (a rate being typed) keep the focus; anything else in a dock
        hands it back to the view the reviewer is working in.
        """
        if new is None or self._shut_down:
            return
        if not any(dock.isAncestorOf(new) for dock in (self.tally_dock, self.analysis_dock)):
            return
        if isinstance(new, QLineEdit | QAbstractSpinBox | QComboBox | QTextEdit
                      | QPlainTextEdit) and not getattr(new, "isReadOnly", lambda: False)():
            return
        QTimer.singleShot(0, self._focus_current_view)

    def _focus_current_view(self) -> None:
        if self._shut_down:
            return
        if self.current_view() == "review":
            self.review_view.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.current_view() == "grid":
            self.grid_view.list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.spreadsheet_view.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_compact(self, compact: bool) -> None:
        """One-line category rows, fewer hints: a laptop screen shows all a reviewer needs."""
        if self.compact_action.isChecked() != compact:
            self.compact_action.setChecked(compact)  # toggled calls back here
            return
        self.review_view.set_compact(compact)
        self.tally_panel.set_compact(compact)
        self.spreadsheet_view.set_compact_rows(compact)

    def _fit_to_screen_size(self) -> None:
        self.set_compact(self.height() < COMPACT_BELOW_HEIGHT)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        compact = self.height() < COMPACT_BELOW_HEIGHT
        if compact != self.compact_action.isChecked():
            self.set_compact(compact)

    def open_item(self, item_id: int) -> None:
        """Show one item in the review view (double-click in the spreadsheet)."""
        self.set_view("review")
        self.review_view.go_to_item(item_id)
        self.review_view.setFocus()

    def filter_by_category(self, category_id: int | None) -> None:
        """Clicking a category in the tally: every view shows only its items."""
        self.review_view.set_category_filter(category_id)  # the sheet follows (signal)
        if self.spreadsheet_view.category_combo.value() != category_id:
            # Clicked again after the sheet's own filter changed, or the menu's "Show all
            # items", which clears the sheet's category whoever chose it.
            self._filter_views_by(category_id)
        if category_id is None:
            self.show_message(self.tr("Showing all items."))
        else:
            name = self.session.category(category_id).name
            count = len(self.session.items_with(category_id))
            self.show_message(
                self.tr(
                    "Showing only the {count} items ticked “{name}”. "
                    "Esc (in the review) or View ▸ Show all items goes back."
                ).format(count=count, name=name)
            )

    def _on_review_filter_changed(self, category_id: int | None) -> None:
        """The spreadsheet and the grid follow the review's category filter, and keep its
        item current.

        Set from the tally, the filter applies to every view; cleared in the review (Esc,
        its chip, a revisit pass), the spreadsheet and grid show every item again, unless
        the reviewer has since chosen another category in the spreadsheet's own filter.
        The item made current is the review's (the filter may have hidden the one that
        was), so the arrow keys go on from the item on screen.
        """
        linked = self._linked_category
        if category_id is not None or (
            linked is not None and self.spreadsheet_view.category_combo.value() == linked
        ):
            self._filter_views_by(category_id)

    def _filter_views_by(self, category_id: int | None) -> None:
        # The grid shows the spreadsheet's rows (one filter for both).
        self._linked_category = category_id
        self.spreadsheet_view.set_category_filter(category_id)
        item = self.review_view.current_item()
        if item is not None:
            self.spreadsheet_view.select_item(item.id)
            self.grid_view.select_item(item.id)

    # ============================================================= status
    def show_items(self, item_ids: list, description: str) -> None:
        """Show just these items (a confusion-matrix cell, the sampled correct examples)."""
        self.set_view("spreadsheet")
        self.spreadsheet_view.set_item_filter(list(item_ids), description)
        self.show_message(
            self.tr("Showing {n_item_ids} items: {description}").format(
                n_item_ids=len(item_ids), description=description
            )
        )

    def show_message(self, text: str, timeout: int = 5000) -> None:
        self.statusBar().showMessage(text, timeout)

    def _show_progress(self, done: int, skipped: int, total: int) -> None:
        text = self.tr("{done:,} / {total:,} reviewed").format(done=done, total=total)
        self.progress_label.setText(
            text + (self.tr(" · {skipped:,} skipped").format(skipped=skipped) if skipped else "")
        )

    def show_write_failure(self, message: str) -> None:
        """An edit was not saved: say so where "All changes saved" was, until one is."""
        self._unsaved = True
        self.saved_label.setText(self.tr("⚠ Not saved"))
        self.saved_label.setProperty("state", "failed")
        self.saved_label.setToolTip(
            message
            + self.tr(
                "\nThe change is not shown as made. Try again "
                "once the cause is fixed: nothing saved before is lost."
            )
        )
        self.saved_label.style().unpolish(self.saved_label)
        self.saved_label.style().polish(self.saved_label)
        self.show_message(message + self.tr(" — try again"), 15000)
        retry = self.review_view.has_failed_edit()
        self._show_notice(
            "write",
            message
            + (
                self.tr(" The change is not shown as made.")
                if retry
                else self.tr(" Make the change again once it is fixed.")
            ),
            self.tr("Retry") if retry else self.tr("OK"),
            self._retry_failed_edit if retry else self.notice_bar.hide,
        )

    def _retry_failed_edit(self) -> None:
        """The banner's Retry: make the edit that failed again (the session reconnects to
        its server by itself); on success the banner goes."""
        if self.review_view.retry_failed_edit() and self._notice == "write":
            self.notice_bar.hide()

    def _on_saved(self, *_args: object) -> None:
        if not self._unsaved:
            return
        self._unsaved = False
        if self._notice == "write" and self.notice_bar.isVisible():
            self.notice_bar.hide()
        self.saved_label.setText(self.tr("✓ All changes saved"))
        self.saved_label.setProperty("state", "")
        self.saved_label.setToolTip(
            self.tr("Every tick and comment is written to the session file the moment you make it.")
        )
        self.saved_label.style().unpolish(self.saved_label)
        self.saved_label.style().polish(self.saved_label)

    def _refresh_title(self) -> None:
        reviewer = self.session.reviewer
        parts = [self.session.display_name]  # a file's name, or "NAME on HOST"
        if reviewer:
            parts.append(self.tr("reviewer: {reviewer}").format(reviewer=reviewer))
        parts.append(APP_NAME)
        self.setWindowTitle(" — ".join(parts))

    def _on_meta_changed(self, key: str) -> None:
        if key == "reviewer":
            self._refresh_title()
        elif key == "interval_method":
            self._sync_interval_actions()

    # =============================================================== undo
    def _refresh_undo_actions(self) -> None:
        stack = self.undo_stack
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        self.undo_action.setText(
            self.tr("Undo {0}").format(stack.undoText()) if stack.canUndo() else self.tr("Undo")
        )
        self.redo_action.setText(
            self.tr("Redo {0}").format(stack.redoText()) if stack.canRedo() else self.tr("Redo")
        )

    def undo(self) -> None:
        self._step(undo=True)

    def redo(self) -> None:
        self._step(undo=False)

    def _step(self, *, undo: bool) -> None:
        stack = self.undo_stack
        self.review_view.commit_comment()
        if not (stack.canUndo() if undo else stack.canRedo()):
            return
        index = stack.index() - 1 if undo else stack.index()
        text = stack.undoText() if undo else stack.redoText()
        items = _items_of(stack.command(index))
        error = undo_step(stack) if undo else redo_step(stack)
        if error is not None:
            self.show_write_failure(
                (self.tr("Undo of “{text}”: {error}") if undo
                 else self.tr("Redo of “{text}”: {error}")).format(
                    text=text, error=describe_write_error(error))
            )
            return
        self.show_message(
            (self.tr("Undid: {text}") if undo else self.tr("Redid: {text}")).format(text=text))
        # Bring the change into view: an undo of a tick two items back must
        # not look like nothing happened.
        if len(items) == 1 and self.current_view() == "review":
            current = self.review_view.current_item()
            if current is None or current.id != items[0]:
                self.review_view.go_to_item(items[0])

    # ============================================================ actions
    def _guard(self, slot) -> None:  # type: ignore[no-untyped-def]
        """Run a menu action; a problem the user can fix becomes a message, not a traceback."""
        try:
            slot()
        except UserError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
        except OSError as error:
            QMessageBox.warning(self, APP_NAME, f"{error.filename or ''}: {error.strerror}")

    def add_category(self) -> None:
        self.set_view("review")
        self.review_view.add_category()

    def edit_categories(self) -> None:
        self.review_view.commit_comment()
        editor = CategoryEditor(self.session, self.signals, self.undo_stack, self)
        editor.exec()
        editor.deleteLater()

    def set_interval_method(self, method: str) -> None:
        """The tally's interval method, stored in the session (undoable), so a report made
        with the first version's intervals can be reproduced."""
        if (self.session.meta("interval_method") or "exact") == method:
            return
        names = {"exact": self.tr("exact intervals"), "wilson-fpc": self.tr("Wilson-FPC intervals")}
        push_command(self.undo_stack, SetMetaCommand(
            self.session, "interval_method", method, self.tr("Use {0}").format(names[method])))
        self.show_message(self.tr("The tally now uses {0}.").format(names[method]))

    def _sync_interval_actions(self) -> None:
        method = self.session.meta("interval_method") or "exact"
        for name, action in self.interval_actions.items():
            action.setChecked(name == method)

    def edit_weights(self) -> None:
        """Edit ▸ Weights…: the session's weight rules (each change undoable)."""
        from erroranalysis.gui.weights_dialog import WeightsDialog

        dialog = WeightsDialog(self.session, self.undo_stack, self)
        dialog.exec()
        dialog.deleteLater()

    def choose_model(self) -> None:
        """Tools ▸ Choose a model…: candidates from a table or predictions files."""
        from erroranalysis.gui.choose_dialog import ChooseDialog

        dialog = ChooseDialog(self)
        dialog.exec()
        dialog.deleteLater()

    def ask_reviewer_name(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("Reviewer"), self.tr("Your name (kept with each item you review):"),
            text=self.session.reviewer,
        )
        if ok:
            self.session.set_reviewer(name)
            app_settings().setValue("reviewer/name", self.session.reviewer)
            self.show_message(self.tr("Reviewer: {0}").format(self.session.reviewer or '(none)'))

    def ask_dev_size(self) -> None:
        """Ask for the dev set size (a folder of images has none); undoable."""
        errors = self.session.dev_errors
        current = self.session.dev_size or max(errors, 1)
        size, ok = QInputDialog.getInt(
            self,
            self.tr("Dev set size"),
            self.tr(
                "Number of examples in the dev set (at least the {errors:,} dev errors):"
            ).format(errors=errors),
            current,
            max(errors, 1),
            2_000_000_000,
        )
        if ok:
            self.set_dev_size(size)

    def set_dev_size(self, size: int | None) -> None:
        try:
            if size is not None and size < self.session.dev_errors:
                raise UserError(
                    self.tr("the dev set cannot be smaller than its {dev_errors} errors").format(
                        dev_errors=self.session.dev_errors
                    )
                )
            push_command(self.undo_stack, SetDevSizeCommand(self.session, size))
        except UserError as error:
            QMessageBox.warning(self, self.tr("Dev set size"), str(error))
            return
        rate = self.session.dev_error
        self.show_message(
            self.tr("Dev set size {size:,}: dev error {rate:.2%}").format(size=size, rate=rate)
            if size and rate is not None
            else self.tr("Dev set size forgotten")
        )

    def _default_export(self, suffix: str) -> str:
        return str(self.session.path.with_name(self.session.path.stem + suffix))

    def export_review_spreadsheet(self, path: str | Path | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export review spreadsheet"), self._default_export("-review.csv"),
                self.tr("CSV (*.csv)"))
        if path:
            self.review_view.commit_comment()
            rows = export_session(self.session, path)
            self.show_message(self.tr("Wrote {rows} rows to {path}").format(rows=rows, path=path))

    def export_tally_table(self, path: str | Path | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export tally table"),
                self._default_export("-tally.csv"),
                self.tr("CSV (*.csv)"),
            )
        if path:
            # What the panel shows: a weighted session's shares of the weighted dev
            # error (unless Weighted is unticked), a merged session's chosen answers.
            tally = self.tally_panel.tally_for_export()
            export_tally(tally, path)
            if getattr(tally, "weights", None) is None:
                self.show_message(self.tr("Wrote the tally to {path}").format(path=path))
            else:
                self.show_message(
                    self.tr("Wrote the weighted tally to {path}").format(path=path))

    def export_chart(self, path: str | Path | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export chart"),
                self._default_export("-chart.png"),
                self.tr("PNG image (*.png)"),
            )
        if path:
            if not self.tally_panel.save_chart_png(str(path)):
                raise UserError(
                    self.tr("{path}: could not write the chart (is the folder writable?)").format(
                        path=path
                    )
                )
            self.show_message(self.tr("Saved the chart to {path}").format(path=path))

    def export_report(self, path: str | Path | None = None) -> None:
        """The report for the team (HTML, or Markdown for a .md name): core.team_report."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export report"), self._default_export("-report.html"),
                self.tr("HTML report (*.html);;Markdown (*.md)"))
        if path:
            self.review_view.commit_comment()
            markdown = Path(path).suffix.lower() in (".md", ".markdown")
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # seconds at 1M rows
            try:
                write_report(self.session, path, format="markdown" if markdown else "html")
            finally:
                QApplication.restoreOverrideCursor()
            self.show_message(self.tr("Wrote the report to {path}").format(path=path))

    def _ask_open_predictions(self) -> None:
        path = ask_predictions_file(self)
        if path is not None:
            self.open_source_requested.emit(path)

    def _ask_open_folder(self) -> None:
        path = ask_folder(self)
        if path is not None:
            self.open_source_requested.emit(path)

    def _ask_open_session(self) -> None:
        path = ask_session_file(self)
        if path is not None:
            self.open_session_requested.emit(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recents = [r for r in recent_sessions() if r.path.resolve() != self.session.path.resolve()]
        if not recents:
            empty = self.recent_menu.addAction(self.tr("No other recent sessions"))
            empty.setEnabled(False)
            return
        for recent in recents:
            action = self.recent_menu.addAction(f"{recent.title or recent.path.name}  —  "
                                                f"{recent.path.parent}")
            action.triggered.connect(
                lambda _c=False, p=recent.path: self.open_session_requested.emit(p))

    def close_session(self) -> None:
        self.close_requested.emit()
        self.close()

    def show_shortcuts(self) -> QDialog:
        dialog = ShortcutsDialog(self.shortcut_rows(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        rows = self.review_view.shortcut_rows()
        window = [
            self.undo_action, self.redo_action, self.add_category_action, self.categories_action,
            self.show_review_action, self.show_spreadsheet_action, self.show_grid_action,
            self.tally_toggle, self.analysis_toggle,
            self.open_predictions_action, self.open_folder_action, self.open_session_action,
            self.export_review_action, self.export_tally_action, self.export_chart_action,
            self.close_action, self.shortcuts_action,
        ]
        for action in window:
            keys = ", ".join(
                k for k in (s.toString(QKeySequence.SequenceFormat.NativeText)
                            for s in action.shortcuts())
                if k != "Shift+?"  # the same key as "?", bound twice for the platforms
            )
            what = action.text().replace("&", "")
            if action is self.undo_action:
                what = self.tr("Undo")
            elif action is self.redo_action:
                what = self.tr("Redo")
            # The view actions are named like the tabs; the sheet says which it means.
            what = {
                self.tr("Review"): self.tr("Review view"),
                self.tr("Spreadsheet"): self.tr("Spreadsheet view"),
                self.tr("Grid"): self.tr("Grid view"),
            }.get(what, what)
            rows.append((self.tr("Window and menus"), what, keys))
        return rows + self.grid_view.shortcut_rows()

    # ============================================================== images
    def check_images(self) -> None:
        """Say so when the images cannot be found, with the button that finds them."""
        check = image_check(self.session, sample=IMAGE_CHECK_SAMPLE)
        if not check.missing:
            if self.notice_bar.isVisible() and self._notice == "images":
                self.notice_bar.hide()
            return
        share = (
            self.tr("None of the {checked:,} images checked was found").format(
                checked=check.checked
            )
            if check.none_found
            else self.tr("{missing:,} of the {checked:,} images checked were not found").format(
                missing=check.missing, checked=check.checked
            )
        )
        self._show_notice(
            "images",
            self.tr(
                "{share} (looked under {base_dir}). If the predictions file was "
                "copied away from its images, show the folder they are in."
            ).format(share=share, base_dir=self.session.base_dir),
            self.tr("Locate images…"),
            self.ask_locate_images,
        )

    def _show_notice(self, kind: str, text: str, button: str, slot) -> None:  # type: ignore[no-untyped-def]
        self._notice = kind
        self.notice_text.setText(text)
        self.notice_button.setText(button)
        self._notice_slot = slot
        self.notice_bar.show()

    def _on_notice_button(self) -> None:
        if self._notice_slot is not None:
            self._guard(self._notice_slot)

    def ask_locate_images(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("The folder the images are in"), str(self.session.base_dir))
        if folder:
            self.locate_images(folder)

    def locate_images(self, folder: str | Path) -> None:
        """Re-base the image paths on ``folder`` (undoable); raises UserError if none is there."""
        command = LocateImagesCommand(self.session, str(folder))
        push_command(self.undo_stack, command)
        assert command.rebase is not None
        self.image_loader.invalidate()  # failures remembered for the old paths
        self.thumbnail_loader.invalidate()
        self.review_view.reload_image()
        self.show_message(
            self.tr("Found {found:,} of {total:,} images in {folder}.").format(
                found=command.rebase.found, total=command.rebase.total, folder=folder
            ),
            8000,
        )
        self.check_images()

    def ask_save_copy(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy of the session"), self._default_export("-copy.easession"),
            self.tr("Review sessions (*{SESSION_SUFFIX})").format(SESSION_SUFFIX=SESSION_SUFFIX))
        if path:
            self.save_copy(path)

    def save_copy(self, path: str | Path) -> Path:
        """A consistent copy of the session, with every acknowledged change."""
        self.review_view.commit_comment()
        copy = self.session.backup(path)
        self.show_message(self.tr("Saved a copy as {copy}").format(copy=copy), 8000)
        return copy

    def save_copy_and_review(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy to review"), self._default_export("-copy.easession"),
            self.tr("Review sessions (*{SESSION_SUFFIX})").format(SESSION_SUFFIX=SESSION_SUFFIX))
        if path:
            copy = self.save_copy(path)
            self.open_session_requested.emit(copy)

    def _checkpoint(self) -> None:
        if self._shut_down or self.session.read_only or self.session.location is not None:
            return  # (a server session has no file to checkpoint)
        with contextlib.suppress(UserError):
            self.session.save_view_state()
        path = str(self.session.path)
        QThreadPool.globalInstance().start(_CheckpointJob(path))

    def show_properties(self) -> QDialog:
        """File ▸ Properties: where everything is (the session, its source, the images)."""
        dialog = PropertiesDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _language_menu(self) -> QMenu:
        """View ▸ Language: the system's, or one chosen here (kept for the next start)."""
        menu = QMenu(self.tr("Language"), self)
        group = QActionGroup(menu)
        saved = i18n.saved_language() or ""
        choices = [("", self.tr("System default"))]
        choices += [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]
        self.language_actions: dict[str, QAction] = {}
        for code, name in choices:
            action = QAction(name, menu)
            action.setCheckable(True)
            action.setChecked(code == saved)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            group.addAction(action)
            menu.addAction(action)
            self.language_actions[code] = action
        return menu

    def set_language(self, language: str) -> None:
        """Remember the language; the window speaks it from the next start (every label
        is made once, in the language the app started in)."""
        i18n.save_language(language)
        chosen = i18n.choose_language()
        if chosen == i18n.current_language():
            self.show_message(self.tr("Language: {name}.").format(name=LANGUAGE_NAMES[chosen]))
        else:
            self.show_message(self.tr("The app speaks {name} from its next start.").format(
                name=LANGUAGE_NAMES[chosen]), 10000)

    def show_about(self) -> None:
        QMessageBox.about(
            self, self.tr("About erroranalysis"),
            self.tr("<h3>erroranalysis</h3>"
            "<p>Error analysis as taught in <i>Structuring Machine Learning Projects</i>: "
            "look at the dev examples your model gets wrong, tick why, and see how far "
            "fixing each cause could bring the dev error down.</p>"
            "<p>Session: {0}</p>").format(html.escape(self.session.where)),
        )

    # ======================================================= life cycle
    def _size_docks(self) -> None:
        if not self._shut_down:
            self.resizeDocks([self.tally_dock, self.analysis_dock],
                             [self.default_dock_width()] * 2, Qt.Orientation.Horizontal)

    def default_dock_width(self) -> int:
        """About a third of the window, so the tally's table and the analysis text fit
        without a horizontal scrollbar (1400 px: 476; 1280 px: 435)."""
        return max(380, min(540, round(self.width() * 0.34)))

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if not self._layout_restored and not self._docks_sized:
            # Only once shown: before, the main window ignores resizeDocks.
            self._docks_sized = True
            QTimer.singleShot(0, self._size_docks)
        if self._zoom_to_restore:
            zoom, self._zoom_to_restore = self._zoom_to_restore, ""
            # After the first layout, so "fit" fits the real viewport.
            QTimer.singleShot(0, lambda: self._restore_zoom(zoom))
        if self.current_view() == "review":
            self.review_view.setFocus()
        if not self._garbage_settled:
            self._garbage_settled = True
            QTimer.singleShot(GC_SETTLE_MS, settle_garbage)

    def _restore_zoom(self, zoom: str) -> None:
        if not self._shut_down:
            self.review_view.restore_view_state(zoom)

    def _restore_layout(self) -> None:
        settings = app_settings()
        geometry = settings.value("main/geometry")
        state = settings.value("main/state")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        self._layout_restored = isinstance(state, QByteArray) and not state.isEmpty()
        if self._layout_restored:
            self.restoreState(state)

    def save_view_state(self) -> None:
        """Remember the view and zoom in the session, the layout in the user's settings."""
        if self.session.meta(META_VIEW) != self.current_view():
            self.session.set_meta(META_VIEW, self.current_view())
        zoom = self.review_view.view_state()
        if self.session.meta(META_ZOOM, "fit") != zoom:
            self.session.set_meta(META_ZOOM, zoom)
        settings = app_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        settings.sync()

    def shutdown(self) -> None:
        """Save the view state and close the session (idempotent; the window's close does it)."""
        if self._shut_down:
            return
        self.review_view.commit_comment()
        self.save_view_state()
        self.review_view.shutdown()
        self.grid_view.shutdown()
        self.analysis_panel.slices.shutdown()
        self.suggestion_menu.shutdown()
        self._shut_down = True
        self.image_loader.shutdown()
        self.thumbnail_loader.shutdown()
        self.signals.detach()
        # Refreshes already scheduled (the tally waits a few ms to batch
        # changes) must not run against a closed session.
        for timer in self.findChildren(QTimer):
            timer.stop()
        self.undo_stack.clear()
        self.session.close()
        self.closed.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        # This window's objects go back to the collector (the next window freezes its own).
        gc.unfreeze()
        super().closeEvent(event)


class _CheckpointJob(QRunnable):
    """A passive checkpoint on its own connection: never blocks a writer, never the GUI."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self._path = path

    def run(self) -> None:
        checkpoint_file(self._path)


def _items_of(command) -> list[int]:  # type: ignore[no-untyped-def]
    """The items an undo step touched (for bringing them into view), if it says."""
    if command is None:
        return []
    if isinstance(command, SetTicksCommand | SetReviewedCommand):
        return list(command.item_ids)
    if isinstance(command, SetCommentCommand):
        return [command.item_id]
    found: list[int] = []
    for i in range(command.childCount()):
        found.extend(_items_of(command.child(i)))
    return list(dict.fromkeys(found))
