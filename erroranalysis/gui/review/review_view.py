"""The review view: one dev error at a time, large, with its categories and comment.

Keyboard first: number keys (each category's shortcut) tick, Enter (or
Space) says "done: none of the other categories applies" and moves on, S
skips an item that cannot be judged, U makes it unreviewed again, →/← or J/K
only move, N jumps to the next unreviewed item, F fits the image, +/- zoom,
Ctrl+0 shows it 1:1. The comment box takes plain keys while it has focus;
Enter or Esc hands them back.

Review states are explicit (issue 8): moving never marks anything. A tick or
Enter makes an item reviewed, S skipped; every one of these is an undoable
command. A category added mid-review was not assessed on the items reviewed
before it: the *revisit pass* walks exactly those items for that category,
its key says "applies", Enter says "does not".

State: the session is the truth. The current item is ``session.position``;
ticks, comments and review states are read from the session whenever it
signals a change. The only things kept here are for rendering (the image
being shown, the zoom), the text the reviewer is typing right now, and which
category a revisit pass is about.
"""

from __future__ import annotations

import html
import itertools
import math
import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QImage,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from erroranalysis.core.session import (
    CORRECT,
    REVIEWED,
    SKIPPED,
    UNREVIEWED,
    Item,
    ReviewSession,
)
from erroranalysis.gui.commands import (
    SetAssessedCommand,
    SetCommentCommand,
    SetReviewStateCommand,
    SetTicksCommand,
    push_command,
)
from erroranalysis.gui.image_loader import ImageLoader
from erroranalysis.gui.keys import RESERVED_KEYS, key_text
from erroranalysis.gui.review.canvas import ImageCanvas
from erroranalysis.gui.review.category_row import CategoryRow
from erroranalysis.gui.review.comment_box import CommentBox
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.gui.suggestions import DecideSuggestionsCommand
from erroranalysis.gui.widgets import LayoutBoundary, single_shot_timer
from erroranalysis.gui.write_errors import WRITE_ERRORS, describe_write_error

#: Session meta keys for view state kept across runs.
META_AUTO_ADVANCE = "gui.auto_advance"
META_ZOOM = "gui.zoom"

#: Image boxes are rounded up to this, so resizing the window a little does
#: not ask the loader for a fresh decode at every pixel.
BOX_STEP = 256
#: Neighbours decoded ahead (the next ones are far likelier than the previous).
PREFETCH_AHEAD = 3
PREFETCH_BEHIND = 2
#: The neighbours are asked for this long after a move: after its paint (a zero
#: timer would run before it), and once per burst of held-down arrow keys.
PREFETCH_DELAY_MS = 2
#: How many items "next unreviewed" checks one by one before it reads them all.
NEAR_WALK = 200
#: A pause in typing this long saves the comment (Enter and Esc save at once).
COMMENT_SAVE_DELAY_MS = 700

# ---------------------------------------------------------------- the view
class ReviewView(QWidget):
    """One item at a time: the image, what is known about it, its ticks and comment."""

    status_message = Signal(str)
    """Something worth a line in the status bar (what a key just did)."""

    write_failed = Signal(str)
    """An edit could not be saved (disk full, read-only, locked): why, in one line."""

    progress_changed = Signal(int, int, int)
    """(reviewed, skipped, total) items, whenever the counts may have moved."""

    revisit_changed = Signal()
    """A revisit pass started, moved on or ended."""

    category_filter_changed = Signal(object)
    """The category the review moves through changed (``None``: all items again)."""

    def __init__(
        self,
        session: ReviewSession,
        signals: SessionSignals,
        undo_stack: QUndoStack,
        image_loader: ImageLoader,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ReviewView")
        self.session = session
        self.signals = signals
        self.undo_stack = undo_stack
        self.loader = image_loader
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self._filter_category: int | None = None
        self._shown_item_id: int | None = None
        self._comment_item_id: int | None = None
        self._image_path = ""
        self._comment_shown = ""  # the stored comment as this view last showed it
        self._rows: dict[int, CategoryRow] = {}
        self._category_actions: list[QAction] = []
        self._closed = False
        self._compact = False
        self._progress: tuple[int, int, int] | None = None
        # The revisit pass: a category added mid-review, and the reviewed
        # items not assessed for it (read from the session as the pass goes).
        self._revisit_category: int | None = None
        # The disagreement queue of a merged session: items reviewers disagree on.
        self._queue = False
        self._reviewers = session.reviewers
        self._has_correct: bool | None = None  # items only arrive with items_changed

        self._build_ui()
        self._build_actions()
        self._rebuild_categories()

        self._comment_timer = single_shot_timer(self, COMMENT_SAVE_DELAY_MS, self.commit_comment)
        self._resize_timer = single_shot_timer(self, 150, self._sharpen_if_needed)
        # The neighbours are queued just after the move is painted: starting a decode
        # wakes a worker that takes the GIL from the key's own work (a few ms a move).
        self._prefetch_timer = single_shot_timer(self, PREFETCH_DELAY_MS, self._prefetch_current)

        signals.position_changed.connect(self._show_current)
        signals.ticks_changed.connect(self._on_ticks_changed)
        signals.comment_changed.connect(self._on_comment_changed)
        signals.reviewed_changed.connect(self._on_reviewed_changed)
        signals.items_changed.connect(self._on_items_changed)
        signals.categories_changed.connect(self._on_categories_changed)
        image_loader.image_ready.connect(self._on_image_ready)
        image_loader.image_failed.connect(self._on_image_failed)

        self.auto_advance_action.setChecked(session.meta(META_AUTO_ADVANCE) == "1")
        self._show_current()

    # ================================================================ layout
    def _build_ui(self) -> None:
        # -- header: where we are, and how far the review has got
        self.position_label = QLabel()
        self.position_label.setObjectName("PositionLabel")
        self.key_label = QLabel()
        self.key_label.setObjectName("ItemKey")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.reviewed_badge = QLabel()
        self.reviewed_badge.setObjectName("ReviewedBadge")
        self.reviewed_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.filter_chip = QToolButton()
        self.filter_chip.setObjectName("FilterChip")
        self.filter_chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.filter_chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.filter_chip.clicked.connect(lambda: self.set_category_filter(None))
        self.filter_chip.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("ReviewProgress")
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(160)
        self.progress_text = QLabel()
        self.progress_text.setObjectName("ProgressText")
        header = QHBoxLayout()
        header.setContentsMargins(12, 8, 12, 8)
        header.setSpacing(10)
        header.addWidget(self.position_label)
        header.addWidget(self.reviewed_badge)
        header.addWidget(self.key_label, 1)
        header.addWidget(self.filter_chip)
        header.addWidget(self.progress_text)
        header.addWidget(self.progress)
        header_frame = QFrame()
        header_frame.setObjectName("ReviewHeader")
        header_frame.setLayout(header)

        # -- the revisit bar: a category added mid-review, and the earlier items
        self.revisit_text = QLabel()
        self.revisit_text.setObjectName("RevisitText")
        self.revisit_text.setWordWrap(True)
        self.revisit_button = QToolButton()
        self.revisit_button.setObjectName("RevisitButton")
        self.revisit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.revisit_button.clicked.connect(self._on_revisit_button)
        self.revisit_close = QToolButton()
        self.revisit_close.setText("✕")
        self.revisit_close.setAutoRaise(True)
        self.revisit_close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.revisit_close.setToolTip(self.tr("Stop the revisit pass (Esc); Ctrl+R resumes it"))
        self.revisit_close.clicked.connect(self.stop_revisit)
        revisit_layout = QHBoxLayout()
        revisit_layout.setContentsMargins(12, 6, 8, 6)
        revisit_layout.setSpacing(10)
        revisit_layout.addWidget(self.revisit_text, 1)
        revisit_layout.addWidget(self.revisit_button)
        revisit_layout.addWidget(self.revisit_close)
        self.revisit_bar = QFrame()
        self.revisit_bar.setObjectName("RevisitBar")
        self.revisit_bar.setLayout(revisit_layout)
        self.revisit_bar.setVisible(False)
        self._revisit_offer: int | None = None  # a category to offer a pass for

        # -- the image and its controls
        self.canvas = ImageCanvas()
        self.canvas.zoom_changed.connect(self._on_zoom_changed)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("ZoomLabel")
        self.zoom_label.setMinimumWidth(64)
        self.nav_bar = QHBoxLayout()
        self.nav_bar.setContentsMargins(8, 6, 8, 6)
        self.nav_bar.setSpacing(6)
        image_side = QWidget()
        image_side.setObjectName("ImageSide")
        image_layout = QVBoxLayout(image_side)
        image_layout.setContentsMargins(0, 0, 0, 0)
        image_layout.setSpacing(0)
        image_layout.addWidget(self.canvas, 1)
        nav_frame = QFrame()
        nav_frame.setObjectName("NavBar")
        nav_frame.setLayout(self.nav_bar)
        image_layout.addWidget(nav_frame)

        # -- the side panel: facts, categories, comment
        self.label_value = QLabel()
        self.label_value.setObjectName("LabelValue")
        self.prediction_value = QLabel()
        self.prediction_value.setObjectName("PredictionValue")
        for value in (self.label_value, self.prediction_value):
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts_top = QHBoxLayout()
        facts_top.setSpacing(12)
        facts_top.addLayout(self._fact_block(self.tr("True label"), self.label_value), 1)
        facts_top.addLayout(self._fact_block(self.tr("Prediction"), self.prediction_value), 1)
        self.details = QFormLayout()
        self._detail_fields: list[tuple[str, QLabel]] = []  # (caption, value label) rows
        self._prefetch_waiting = ""  # a jump's image: neighbours wait until it is shown
        self._image_deferred = False  # hidden behind another view: loaded when shown
        self._badge_style = ""  # the reviewed badge's state as last polished
        self.details.setContentsMargins(0, 4, 0, 0)
        self.details.setHorizontalSpacing(12)
        self.details.setVerticalSpacing(3)
        self.details.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.details.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        categories_title = QLabel(self.tr("Categories"))
        categories_title.setProperty("heading", True)
        self.categories_hint = categories_hint = QLabel(
            self.tr("Tick every one that applies: press its key. Enter: done (none, or no more, "
            "applies) · S: can't judge"))
        categories_hint.setWordWrap(True)
        categories_hint.setProperty("hint", True)
        self.category_box = QVBoxLayout()
        self.category_box.setSpacing(2)
        self.add_category_button = QToolButton()
        self.add_category_button.setObjectName("AddCategoryButton")
        self.add_category_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_category_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_category_button.setText(self.tr("+  Add category…   Ctrl+N"))
        self.add_category_button.setAutoRaise(True)
        self.add_category_button.clicked.connect(self.add_category)

        scroll_body = QWidget()
        scroll_body.setObjectName("SidePanelBody")
        body = QVBoxLayout(scroll_body)
        body.setContentsMargins(14, 12, 14, 8)
        body.setSpacing(6)
        # The facts change on every key: laid out inside their own boundary.
        facts = QWidget()
        facts.setObjectName("Facts")
        facts_layout = QVBoxLayout(facts)
        facts_layout.setContentsMargins(0, 0, 0, 0)
        facts_layout.setSpacing(6)
        facts_layout.addLayout(facts_top)
        facts_layout.addLayout(self.details)
        body.addWidget(LayoutBoundary(facts))
        body.addSpacing(10)
        # A merged session: what each reviewer answered on this item.
        self.reviewers_panel = QLabel()
        self.reviewers_panel.setObjectName("ReviewersPanel")
        self.reviewers_panel.setWordWrap(True)
        self.reviewers_panel.setTextFormat(Qt.TextFormat.RichText)
        self.reviewers_panel.setVisible(False)
        body.addWidget(self.reviewers_panel)
        body.addWidget(categories_title)
        body.addWidget(categories_hint)
        body.addLayout(self.category_box)
        body.addWidget(self.add_category_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.state_buttons = QHBoxLayout()
        self.state_buttons.setSpacing(6)
        body.addSpacing(4)
        body.addLayout(self.state_buttons)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("SidePanelScroll")
        scroll.setWidget(scroll_body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        comment_title = QLabel(self.tr("Comment"))
        comment_title.setProperty("heading", True)
        self.comment_box = CommentBox()
        self.comment_box.textChanged.connect(self._on_comment_typed)
        self.comment_box.commit_requested.connect(self.commit_comment)
        self.comment_box.leave_requested.connect(self.leave_comment)
        self.comment_hint = comment_hint = QLabel(
            self.tr("C to write · Enter saves and goes back · Shift+Enter new line"))
        comment_hint.setProperty("hint", True)
        comment_hint.setWordWrap(True)
        self.auto_advance_box = QCheckBox(self.tr("Go to the next item after a tick"))
        self.auto_advance_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bottom = QWidget()
        bottom.setObjectName("CommentArea")
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(14, 8, 14, 12)
        bottom_layout.setSpacing(4)
        bottom_layout.addWidget(comment_title)
        bottom_layout.addWidget(self.comment_box)
        bottom_layout.addWidget(comment_hint)
        bottom_layout.addSpacing(4)
        bottom_layout.addWidget(self.auto_advance_box)

        side = QFrame()
        side.setObjectName("SidePanel")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        side_layout.addWidget(scroll, 1)
        side_layout.addWidget(bottom)
        side.setMinimumWidth(280)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("ReviewSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(image_side)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([700, 340])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # Its labels change on every key: laid out inside it, not the whole window.
        layout.addWidget(LayoutBoundary(header_frame))
        layout.addWidget(self.revisit_bar)
        layout.addWidget(self.splitter, 1)

    @staticmethod
    def _fact_block(title: str, value: QLabel) -> QVBoxLayout:
        caption = QLabel(title)
        caption.setProperty("caption", True)
        block = QVBoxLayout()
        block.setSpacing(0)
        block.addWidget(caption)
        block.addWidget(value)
        return block

    def _nav_button(self, action: QAction, text: str) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRaise(True)
        button.setObjectName("NavButton")
        return button

    # =============================================================== actions
    def _action(self, text: str, keys: list[str], slot: Callable[[], object],
                tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        # Only while the keyboard is in the review view: in the spreadsheet
        # the arrows move the table's cursor, in text fields keys type.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: self._run_action(slot))
        shown = self.tr(" or ").join(key_text(k) for k in keys)
        action.setToolTip(f"{tip or text} ({shown})" if keys else (tip or text))
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.next_action = self._action(self.tr("Next item"), ["Right", "J"], self.next)
        self.previous_action = self._action(
            self.tr("Previous item"), ["Left", "K"], self.previous
        )
        self.first_action = self._action(self.tr("First item"), ["Home"], self.first)
        self.last_action = self._action(self.tr("Last item"), ["End"], self.last)
        self.next_unreviewed_action = self._action(
            self.tr("Next unreviewed item"), ["N"], self.next_unreviewed
        )
        self.done_action = self._action(
            self.tr("Done: reviewed, go to the next"),
            ["Return", "Enter", "Space"],
            self.done,
            self.tr(
                "Reviewed: the ticked categories are all that apply (none, if nothing is ticked)"
            ),
        )
        self.skip_action = self._action(
            self.tr("Skip: can't judge"), ["S"], self.skip,
            self.tr("Unreadable or ambiguous: kept apart, in no share's denominator"),
        )
        self.toggle_reviewed_action = self._action(
            self.tr("Mark unreviewed"), ["U"], self.mark_unreviewed,
            self.tr("Back to unreviewed (N will bring you here again)"),
        )
        self.comment_action = self._action(self.tr("Write a comment"), ["C"], self.focus_comment)
        self.queue_action = self._action(
            self.tr("Resolve disagreements…"),
            ["Ctrl+Shift+D"],
            self.start_queue,
            self.tr(
                "A merged session: the items reviewers disagree on, each reviewer's answers shown; "
                "tick what applies, Enter when done"
            ),
        )
        self.queue_action.setEnabled(bool(self._reviewers))
        self.revisit_action = self._action(
            self.tr("Revisit earlier items for a new category…"), ["Ctrl+R"], self.start_revisit,
            self.tr("Walk the items reviewed before a category existed, for that category only"),
        )
        self.zoom_in_action = self._action(self.tr("Zoom in"), ["+", "=", "Ctrl++"],
                                           lambda: self.canvas.zoom_by(1))
        self.zoom_out_action = self._action(self.tr("Zoom out"), ["-", "Ctrl+-"],
                                            lambda: self.canvas.zoom_by(-1))
        self.fit_action = self._action(self.tr("Fit to window"), ["F"], self.canvas.fit)
        self.actual_size_action = self._action(self.tr("Actual size (1:1)"), ["Ctrl+0"],
                                               self.canvas.actual_size)
        self.clear_filter_action = self._action(
            self.tr("Show all items"), ["Esc"], self._escape,
            self.tr("Stop a revisit pass, or stop showing only one category's items"),
        )
        self.clear_filter_action.setEnabled(False)
        self.auto_advance_action = QAction(self.tr("Go to the next item after a tick"), self)
        self.auto_advance_action.setCheckable(True)
        self.auto_advance_action.toggled.connect(self._on_auto_advance_toggled)
        self.auto_advance_box.toggled.connect(self.auto_advance_action.setChecked)

        # Short labels (the tooltips name the keys): the bar must not make the
        # image side so wide that the tally dock is squeezed on a laptop.
        for action, text in (
            (self.previous_action, "◀"),
            (self.next_action, "▶"),
            (self.next_unreviewed_action, self.tr("Next unreviewed")),
        ):
            self.nav_bar.addWidget(self._nav_button(action, text))
        # Done and Skip sit under the categories, where the eyes are when deciding.
        for action, text in ((self.done_action, self.tr("✓ Done   Enter")),
                             (self.skip_action, self.tr("Skip: can't judge   S"))):
            button = self._nav_button(action, text)
            button.setObjectName("StateButton")
            button.setAutoRaise(False)
            self.state_buttons.addWidget(button)
        self.state_buttons.addStretch(1)
        self.nav_bar.addStretch(1)
        self.nav_bar.addWidget(self.zoom_label)
        for action, text in (
            (self.zoom_out_action, "−"),
            (self.fit_action, self.tr("Fit")),
            (self.actual_size_action, "1:1"),
            (self.zoom_in_action, "+"),
        ):
            self.nav_bar.addWidget(self._nav_button(action, text))

    @property
    def navigation_actions(self) -> list[QAction]:
        return [self.next_action, self.previous_action, self.next_unreviewed_action,
                self.first_action, self.last_action]

    @property
    def state_actions(self) -> list[QAction]:
        """The actions that change the review state of the current item."""
        return [self.done_action, self.skip_action, self.toggle_reviewed_action]

    @property
    def zoom_actions(self) -> list[QAction]:
        return [self.zoom_in_action, self.zoom_out_action, self.fit_action,
                self.actual_size_action]

    @property
    def category_actions(self) -> list[QAction]:
        """One action per category with a key (rebuilt when the categories change)."""
        return list(self._category_actions)

    # ========================================================= writing edits
    def _push(self, command: QUndoCommand) -> bool:
        """Make an edit through the undo stack; a write the session refused is reported,
        not pushed, and returns False (the screen keeps showing what is stored)."""
        try:
            push_command(self.undo_stack, command)
        except WRITE_ERRORS as error:
            self._failed_edit = command  # the banner's Retry makes it again
            self.write_failed.emit(describe_write_error(error))
            return False
        self._failed_edit = None
        return True

    def _run_action(self, slot: Callable[[], object]) -> None:
        """A key's action. A session server that cannot be reached while the action reads
        (before any edit) is the same one-line "not saved" as a failed write, and the
        banner's Retry does the action again; nothing was changed."""
        try:
            slot()
        except sqlite3.Error as error:
            if not getattr(error, "unreachable", False):  # (server errors only)
                raise
            self._failed_edit = slot
            self.write_failed.emit(describe_write_error(error))

    def has_failed_edit(self) -> bool:
        """An edit failed to save and can be made again (the banner's Retry)."""
        return getattr(self, "_failed_edit", None) is not None

    def retry_failed_edit(self) -> bool:
        """Make the failed edit (or key action) again; True when it is saved now."""
        failed = getattr(self, "_failed_edit", None)
        if failed is None:
            return False
        if isinstance(failed, QUndoCommand):
            return self._push(failed)
        self._failed_edit = None
        self._run_action(failed)
        return not self.has_failed_edit()

    # ============================================================ categories
    def _rebuild_categories(self) -> None:
        for action in self._category_actions:
            self.removeAction(action)
            action.deleteLater()
        self._category_actions = []
        while self.category_box.count():
            item = self.category_box.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self._rows = {}
        for category in self.session.categories():
            row = CategoryRow(category)
            row.set_compact(self._compact)
            row.toggle_requested.connect(self.toggle_category)
            self.category_box.addWidget(row)
            self._rows[category.id] = row
            if category.shortcut:
                action = self._action(
                    self.tr("Tick “{name}”").format(name=category.name), [category.shortcut],
                    lambda cid=category.id: self.toggle_category(cid),
                )
                action.setData(category.id)
                self._category_actions.append(action)
                if category.id in self._suggestion_links:
                    self._category_actions.append(self._action(
                        self.tr("Reject suggested “%1”").replace("%1", category.name),
                        [f"Shift+{category.shortcut}"],
                        lambda cid=category.id: self.reject_suggestion(cid)))

    def set_compact(self, compact: bool) -> None:
        """Compact rows (one line per category, no hints): a small screen shows them all."""
        self._compact = compact
        for row in self._rows.values():
            row.set_compact(compact)
        self.categories_hint.setVisible(not compact)
        self.comment_hint.setVisible(not compact)
        self.comment_box.setFixedHeight(48 if compact else 72)

    def _on_categories_changed(self) -> None:
        ids = {c.id for c in self.session.categories()}
        if self._filter_category is not None and self._filter_category not in ids:
            self.set_category_filter(None)
        if self._revisit_category is not None and self._revisit_category not in ids:
            self.stop_revisit()
        self._rebuild_categories()
        self._refresh_ticks()
        self._refresh_revisit_bar()

    def _refresh_ticks(self) -> None:
        item_id = self._shown_item_id
        ticked = self.session.item_ticks(item_id) if item_id is not None else set()
        unassessed = (self.session.unassessed_categories(item_id)
                      if item_id is not None else set())
        for category_id, row in self._rows.items():
            row.set_state(category_id in ticked, category_id not in unassessed)
            row.set_highlighted(category_id == self._revisit_category)
            row.set_suggested(self._is_suggested(item_id, category_id)
                              and category_id not in ticked)

    def _on_ticks_changed(self, item_ids: list[int], _category_id: int) -> None:
        if self._shown_item_id in item_ids:
            self._refresh_ticks()
            # A tick marks the item reviewed in the same transaction.
            item = self.current_item()
            if item is not None:
                self._refresh_badge(item)
        self._refresh_progress()
        self._refresh_revisit_bar()

    # ================================================================== item
    def current_item(self) -> Item | None:
        if self.session.item_count() == 0:
            return None
        try:
            return self.session.item_at(self.session.position)
        except IndexError:
            return None

    def _show_current(self) -> None:
        # Whatever was typed belongs to the item it was typed on: save it
        # before the box shows another item (or this one afresh).
        self.commit_comment()
        item = self.current_item()
        self._shown_item_id = item.id if item is not None else None
        # The image first: its decode runs on a worker while the labels below are set.
        self._load_image(item)
        self._refresh_header(item)
        self._refresh_facts(item)
        self._refresh_ticks()
        self._refresh_comment(item, force=True)
        self._refresh_revisit_bar()
        self._refresh_reviewers_panel(item)

    def _refresh_header(self, item: Item | None) -> None:
        count = self.session.item_count()
        if item is None:
            self.position_label.setText("0 / 0")
            self.key_label.setText(self.tr("This session has no items"))
            self.reviewed_badge.setVisible(False)
        else:
            self.position_label.setText(f"{item.position + 1} / {count}")
            self.key_label.setText(item.key)
            self.key_label.setToolTip(str(self.session.resolve_image(item.image)))
            self._refresh_badge(item)
        self._refresh_filter_chip()
        self._refresh_progress(recount=False)

    def _refresh_badge(self, item: Item) -> None:
        self.reviewed_badge.setVisible(True)
        by = self.tr(" by {reviewer}").format(reviewer=item.reviewer) if item.reviewer else ""
        if item.state == REVIEWED:
            self.reviewed_badge.setText(self.tr("✓ Reviewed"))
            self.reviewed_badge.setToolTip(
                self.tr("Reviewed{by}. U marks it unreviewed.").format(by=by)
            )
            self.reviewed_badge.setProperty("state", "reviewed")
        elif item.state == SKIPPED:
            self.reviewed_badge.setText(self.tr("Skipped"))
            self.reviewed_badge.setToolTip(
                self.tr("Skipped{by}: can't judge. It is in no share's denominator. "
                "A tick or Enter reviews it after all; U makes it unreviewed.").format(by=by))
            self.reviewed_badge.setProperty("state", "skipped")
        else:
            self.reviewed_badge.setText(self.tr("Not reviewed"))
            self.reviewed_badge.setToolTip(
                self.tr("Tick what applies, or press Enter if none does: either makes it reviewed. "
                "S skips it (can't judge)."))
            self.reviewed_badge.setProperty("state", "open")
        state = self.reviewed_badge.property("state")
        if state != self._badge_style:
            # A dynamic property only restyles after a re-polish (not cheap: only
            # when it changes).
            self._badge_style = state
            self.reviewed_badge.style().unpolish(self.reviewed_badge)
            self.reviewed_badge.style().polish(self.reviewed_badge)

    def _refresh_progress(self, *, recount: bool = True) -> None:
        """Show how far the review has got (and tell the window, for its status bar).

        Counting is an indexed count, but it runs only when something that can
        change it happened, not on a plain move to the next item.
        """
        if not recount and self._progress is not None:
            return
        total = self.session.item_count()
        done = self.session.state_count(REVIEWED, None)
        skipped = self.session.state_count(SKIPPED, None)
        self._progress = (done, skipped, total)
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done + skipped)
        text = self.tr("{done:,} of {total:,} reviewed").format(done=done, total=total)
        self.progress_text.setText(
            text + (self.tr(" · {skipped:,} skipped").format(skipped=skipped) if skipped else "")
        )
        self.progress_changed.emit(done, skipped, total)

    def review_progress(self) -> tuple[int, int, int]:
        """(reviewed, skipped, total) items as last counted."""
        if self._progress is None:
            self._refresh_progress()
        assert self._progress is not None
        return self._progress

    def reviewed_total(self) -> int:
        """Reviewed items of any origin (dev errors and correct examples under review)."""
        return self.review_progress()[0]

    def _refresh_facts(self, item: Item | None) -> None:
        if item is None:
            self._set_detail_rows([])
            self.label_value.setText("–")
            self.prediction_value.setText("–")
            return
        self.label_value.setText(item.label or "–")
        self.prediction_value.setText(item.prediction or "–")
        is_error = item.label != item.prediction
        if self.prediction_value.property("wrong") != is_error:
            self.prediction_value.setProperty("wrong", is_error)
            self.prediction_value.style().unpolish(self.prediction_value)
            self.prediction_value.style().polish(self.prediction_value)
        rows: list[tuple[str, str]] = []
        if item.score is not None and not math.isnan(item.score):
            rows.append((self.tr("Score"), f"{item.score:.4g}"))
        if item.origin == CORRECT:
            rows.append((self.tr("Kind"), self.tr("correctly classified (label check)")))
        if item.split and item.split != "dev":
            rows.append((self.tr("Split"), item.split))
        rows.extend((str(k), str(v)) for k, v in item.metadata.items())
        rows.append((self.tr("Image"), item.image))
        self._set_detail_rows(rows)
        self._detail_fields[-1][1].setToolTip(str(self.session.resolve_image(item.image)))

    def _set_detail_rows(self, rows: list[tuple[str, str]]) -> None:
        """Show (caption, value) rows under the label and prediction.

        Items of one session have the same captions: the rows stay and only
        their values change, so moving to the next item re-lays out nothing
        (rebuilding them made every arrow key repaint the whole window).
        """
        names = [name for name, _value in rows]
        if names != [name for name, _field in self._detail_fields]:
            while self.details.rowCount():
                self.details.removeRow(0)
            self._detail_fields = []
            for name in names:
                caption = QLabel(name)
                caption.setProperty("caption", True)
                field = QLabel()
                field.setWordWrap(True)
                field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.details.addRow(caption, field)
                self._detail_fields.append((name, field))
        for (_name, value), (_same, field) in zip(rows, self._detail_fields, strict=True):
            field.setText(value)

    def _on_items_changed(self, _item_ids: list[int]) -> None:
        self._refresh_progress()
        self._show_current()

    def _on_reviewed_changed(self, item_ids: list[int]) -> None:
        if self._shown_item_id in item_ids:
            item = self.current_item()
            if item is not None:
                self._refresh_badge(item)
                self._refresh_ticks()
        self._refresh_progress()
        self._refresh_revisit_bar()

    # ============================================================ navigation
    def _positions(self) -> list[int] | None:
        """Positions the reviewer moves through: all (None), the revisit pass's items,
        or the filtered category's."""
        if self._revisit_category is not None:
            wanted = set(self.session.unassessed_items(self._revisit_category))
        elif self._queue:
            from erroranalysis.core.merge import disputed_items

            wanted = set(disputed_items(self.session))
        elif self._filter_category is not None:
            wanted = set(self.session.items_with(self._filter_category))
        else:
            return None
        return [p for p, item_id in enumerate(self.session.item_ids()) if item_id in wanted]

    def go_to(self, position: int) -> None:
        """Show the item at ``position`` (moving never changes a review state)."""
        self.commit_comment()
        count = self.session.item_count()
        if count == 0:
            return
        position = max(0, min(position, count - 1))
        if position != self.session.position:
            self.session.set_position(position)
        elif self._shown_item_id is None:
            self._show_current()

    def go_to_item(self, item_id: int) -> None:
        """Show one item (a click in the spreadsheet)."""
        try:
            position = self.session.item(item_id).position
        except KeyError:
            return
        self.go_to(position)

    def next(self) -> None:
        current = self.session.position
        positions = self._positions()
        if positions is None:
            target = current + 1
            at_end = target >= self.session.item_count()
        else:
            later = [p for p in positions if p > current]
            at_end = not later
            target = later[0] if later else current
        if at_end:
            self.status_message.emit(
                self.tr("That was the last item. N goes to the next unreviewed one.")
            )
            return
        self.go_to(target)

    def previous(self) -> None:
        current = self.session.position
        positions = self._positions()
        if positions is None:
            target = current - 1
        else:
            earlier = [p for p in positions if p < current]
            target = earlier[-1] if earlier else -1
        if target < 0:
            self.status_message.emit(self.tr("This is the first item."))
            return
        self.go_to(target)

    def first(self) -> None:
        positions = self._positions()
        self.go_to(positions[0] if positions else 0)

    def last(self) -> None:
        positions = self._positions()
        self.go_to(positions[-1] if positions else self.session.item_count() - 1)

    def next_unreviewed(self) -> None:
        """The first unreviewed item after this one (wrapping round to the start).

        On a server session shared by several reviewers, the first one nobody else is on:
        the session hands it to this reviewer (a claim) and gives back the one before.
        """
        count = self.session.item_count()
        if not count:
            return
        current = self.session.position
        if self.session.location is not None and self._filter_category is None:
            try:
                claimed = self.session.claim_next_unreviewed(current)
            except WRITE_ERRORS as error:
                self.write_failed.emit(describe_write_error(error))
                return
            if claimed is None:
                self.status_message.emit(
                    self.tr(
                        "Every item is reviewed, skipped or being reviewed by another reviewer."
                    )
                )
                return
            self.go_to(claimed.position)
            return
        allowed = (set(self.session.items_with(self._filter_category))
                   if self._filter_category is not None else None)
        order = itertools.chain(range(current + 1, count), range(0, current))
        # Usually the next unreviewed item is a few steps on: look item by item
        # (one indexed query each) before reading the whole review order.
        for position in itertools.islice(order, NEAR_WALK):
            item = self.session.item_at(position)
            if (allowed is None or item.id in allowed) and item.state == UNREVIEWED:
                self.go_to(position)
                return
        ids = self.session.item_ids()
        rest = list(order)
        for start in range(0, len(rest), 1000):
            positions = [p for p in rest[start:start + 1000]
                         if allowed is None or ids[p] in allowed]
            states = self.session.review_states([ids[p] for p in positions])
            for position in positions:
                if states[ids[position]] == UNREVIEWED:
                    self.go_to(position)
                    return
        self.status_message.emit(
            self.tr("Every item is reviewed or skipped. 🎉")
            if allowed is None
            else self.tr("Every item of this category is reviewed or skipped.")
        )

    # ========================================================== review state
    def done(self) -> None:
        """Enter: the item is reviewed and what is ticked is all that applies; move on.

        In a revisit pass it answers "does not apply" for the pass's category only.
        """
        item = self.current_item()
        if item is None:
            return
        if self._revisit_category is not None:
            self._answer_revisit(item, applies=False)
            return
        if self._queue:
            self._resolve(item)
            return
        if item.state == REVIEWED and not self.session.unassessed_categories(item.id):
            self.next()
            return
        if self._push(SetReviewStateCommand(self.session, [item.id], REVIEWED, assess_all=True)):
            ticked = len(self.session.item_ticks(item.id))
            self.status_message.emit(
                self.tr("{key}: reviewed, ").format(key=item.key)
                + (
                    self.tr("no category applies.")
                    if not ticked
                    else self.tr("{ticked} categor{0}.").format(
                        "y" if ticked == 1 else "ies", ticked=ticked
                    )
                )
            )
            self.next()

    def skip(self) -> None:
        """S: can't judge (unreadable, ambiguous): kept apart from every share; move on."""
        item = self.current_item()
        if item is None:
            return
        if item.state != SKIPPED:
            if not self._push(SetReviewStateCommand(self.session, [item.id], SKIPPED)):
                return
            self.status_message.emit(self.tr("{key} skipped: in no share's denominator. "
                                     "U makes it unreviewed again.").format(key=item.key))
        self.next()

    def mark_unreviewed(self) -> None:
        item = self.current_item()
        if item is None:
            return
        if item.state == UNREVIEWED:
            self.status_message.emit(self.tr("{key} is not reviewed yet.").format(key=item.key))
            return
        if self._push(SetReviewStateCommand(self.session, [item.id], UNREVIEWED)):
            self.status_message.emit(
                self.tr("{key} marked unreviewed; N will bring you back to it.").format(
                    key=item.key
                )
            )

    toggle_reviewed = mark_unreviewed  # the U key's old name

    # ================================================================= ticks
    def toggle_category(self, category_id: int) -> None:
        """What a category's key does: set the opposite of the tick *shown* (undoable)."""
        item = self.current_item()
        row = self._rows.get(category_id)
        if item is None or row is None:
            return
        if self._revisit_category == category_id:
            self._answer_revisit(item, applies=True)
            return
        ticked = not row.is_ticked()
        command: QUndoCommand = SetTicksCommand(self.session, [item.id], category_id, ticked)
        if ticked and self._is_suggested(item.id, category_id):
            # Confirming a suggestion: the tick and "accepted" are one undo step.
            command = DecideSuggestionsCommand(self.session, [item.id], category_id, [item.id],
                                               accept=True)
        if not self._push(command):
            return
        name = self.session.category(category_id).name
        self.status_message.emit(
            (self.tr("Ticked “{name}” on {key}") if ticked
             else self.tr("Unticked “{name}” on {key}")).format(name=name, key=item.key)
        )
        if ticked and self.auto_advance_action.isChecked():
            self.next()

    # =========================================================== suggestions
    _suggestions = None
    _suggestion_links: frozenset[int] = frozenset()

    def set_suggestions(self, suggestions) -> None:  # type: ignore[no-untyped-def]
        """Show the suggested (unconfirmed) categories of a ``SuggestionState`` (issue 14)."""
        self._suggestions = suggestions
        suggestions.changed.connect(self._on_suggestions_changed)
        self._on_suggestions_changed()

    def _is_suggested(self, item_id: int | None, category_id: int) -> bool:
        return (self._suggestions is not None and item_id is not None
                and self._suggestions.is_suggested(item_id, category_id))

    def _on_suggestions_changed(self) -> None:
        links = frozenset(self._suggestions.links()) if self._suggestions else frozenset()
        if links != self._suggestion_links:
            self._suggestion_links = links  # Shift+key rejects only where there is a link
            self._rebuild_categories()
        self._refresh_ticks()

    def reject_suggestion(self, category_id: int) -> None:
        """Shift+key: the suggested category does not apply here (recorded, nothing ticked)."""
        item = self.current_item()
        if item is None or not self._is_suggested(item.id, category_id):
            self.status_message.emit(self.tr("Nothing suggested to reject here"))
            return
        if self._push(DecideSuggestionsCommand(self.session, [item.id], category_id, [item.id],
                                               accept=False)):
            name = self.session.category(category_id).name
            self.status_message.emit(
                self.tr("Rejected the suggested “%1”").replace("%1", name))

    def _on_auto_advance_toggled(self, on: bool) -> None:
        self.auto_advance_box.blockSignals(True)
        self.auto_advance_box.setChecked(on)
        self.auto_advance_box.blockSignals(False)
        value = "1" if on else "0"
        if self.session.meta(META_AUTO_ADVANCE) != value:
            self.session.set_meta(META_AUTO_ADVANCE, value)

    def add_category(self) -> None:
        """The "Instagram filter" moment: a new category, ticked on this item at once."""
        from erroranalysis.gui.category_editor import quick_add_category

        item = self.current_item()
        before = {c.id for c in self.session.categories()}
        quick_add_category(self, self.session, self.undo_stack,
                           item.id if item is not None else None)
        added = [c.id for c in self.session.categories() if c.id not in before]
        if added and self.session.unassessed_items(added[0]):
            self._revisit_offer = added[0]
            self._refresh_revisit_bar()
        self.setFocus()

    # ==================================================== disagreement queue
    def start_queue(self) -> None:
        """Walk the items reviewers disagree on (a merged session)."""
        from erroranalysis.core.merge import disputed_items

        if not self._reviewers:
            self.status_message.emit(self.tr("Only a merged session has disagreements to resolve "
                                     "(erroranalysis merge)."))
            return
        disputed = disputed_items(self.session)
        if not disputed:
            self.status_message.emit(self.tr("No disagreement left: every reviewer agrees, or it "
                                     "was resolved."))
            return
        self.stop_revisit()
        self.set_category_filter(None)
        self._queue = True
        self.clear_filter_action.setEnabled(True)
        if self.current_item() is None or self.current_item().id not in disputed:
            self.go_to_item(disputed[0])
        self._refresh_revisit_bar()
        self.status_message.emit(
            self.tr(
                "{n_disputed:,} items to resolve: tick what applies "
                "(each reviewer's answers are shown), Enter when done."
            ).format(n_disputed=len(disputed))
        )

    def stop_queue(self) -> None:
        if self._queue:
            self._queue = False
            self.clear_filter_action.setEnabled(self._filter_category is not None)
            self._refresh_revisit_bar()

    @property
    def in_queue(self) -> bool:
        return self._queue

    def _resolve(self, item: Item) -> None:
        """Enter in the queue: what is ticked is the agreed answer, the rest does not apply."""
        from erroranalysis.core.merge import disputed_items

        if not self._push(SetReviewStateCommand(self.session, [item.id], REVIEWED,
                                                assess_all=True)):
            return
        remaining = disputed_items(self.session)
        if not remaining:
            self.stop_queue()
            self.status_message.emit(self.tr("Every disagreement is resolved."))
            return
        later = [i for i in remaining if self.session.item(i).position > item.position]
        self.go_to_item(later[0] if later else remaining[0])

    def _refresh_reviewers_panel(self, item: Item | None) -> None:
        if not self._reviewers or item is None:
            self.reviewers_panel.setVisible(False)
            return
        from erroranalysis.core.merge import reviewers_on

        rows = reviewers_on(self.session, item.id)
        lines = ["<b>Reviewers</b>"]
        for name, state, ticked, comment in rows:
            what = (", ".join(html.escape(t) for t in ticked) or self.tr("nothing ticked")
                    ) if state == REVIEWED else ("skipped" if state == SKIPPED
                                                 else self.tr("not reviewed"))
            note = f" — <i>{html.escape(comment)}</i>" if comment else ""
            lines.append(f"{html.escape(name)}: {what}{note}")
        self.reviewers_panel.setText("<br>".join(lines))
        self.reviewers_panel.setVisible(True)

    # ========================================================= revisit pass
    def revisit_candidates(self) -> list[int]:
        """Categories not assessed on some reviewed items, newest first."""
        counts = self.session.unassessed_counts()
        counts.update({k: counts.get(k, 0) + v
                       for k, v in self.session.unassessed_counts(CORRECT).items()})
        return [c.id for c in reversed(self.session.categories()) if counts.get(c.id)]

    def start_revisit(self, category_id: int | None = None) -> None:
        """Walk the reviewed items not assessed for a category (the newest such one)."""
        candidates = self.revisit_candidates()
        if category_id is None:
            category_id = (self._revisit_offer if self._revisit_offer in candidates
                           else candidates[0] if candidates else None)
        if category_id is None or category_id not in candidates:
            self.status_message.emit(self.tr("Every category is assessed on every reviewed item: "
                                     "nothing to revisit."))
            return
        self.set_category_filter(None)
        self._revisit_category = category_id
        self._revisit_offer = None
        self.clear_filter_action.setEnabled(True)
        positions = self._positions() or []
        if positions and self.session.position not in positions:
            self.go_to(positions[0])
        self._refresh_ticks()
        self._refresh_revisit_bar()
        self.revisit_changed.emit()

    def stop_revisit(self) -> None:
        if self._revisit_category is None and self._revisit_offer is None:
            return
        self._revisit_category = None
        self._revisit_offer = None
        self.clear_filter_action.setEnabled(self._filter_category is not None)
        self._refresh_ticks()
        self._refresh_revisit_bar()
        self.revisit_changed.emit()

    @property
    def revisit_category(self) -> int | None:
        return self._revisit_category

    def _answer_revisit(self, item: Item, *, applies: bool) -> None:
        category_id = self._revisit_category
        assert category_id is not None
        if category_id not in self.session.unassessed_categories(item.id):
            self.next()
            return
        command = (SetTicksCommand(self.session, [item.id], category_id, True) if applies
                   else SetAssessedCommand(self.session, [item.id], category_id))
        if not self._push(command):
            return
        remaining = self.session.unassessed_items(category_id)
        if not remaining:
            name = self.session.category(category_id).name
            self.stop_revisit()
            self.status_message.emit(
                self.tr("“{name}” is now assessed on every reviewed item.").format(name=name)
            )
            return
        later = [i for i in remaining if self.session.item(i).position > item.position]
        self.go_to_item(later[0] if later else remaining[0])

    def _on_revisit_button(self) -> None:
        if self._queue:
            self.stop_queue()
            self.setFocus()
            return
        if self._revisit_category is None:
            self.start_revisit(self._revisit_offer)
        else:
            self.stop_revisit()
        self.setFocus()

    def _refresh_revisit_bar(self) -> None:
        if self._queue:
            from erroranalysis.core.merge import disputed_items

            left = len(disputed_items(self.session))
            self.revisit_text.setText(
                self.tr(
                    "Resolving disagreements: {left:,} items left. Tick what applies (each "
                    "reviewer's answers are beside the categories), Enter when done, Esc to stop."
                ).format(left=left)
            )
            self.revisit_button.setText(self.tr("Stop"))
            self.revisit_bar.setVisible(True)
            return
        category_id = self._revisit_category or self._revisit_offer
        if category_id is None:
            self.revisit_bar.setVisible(False)
            return
        try:
            category = self.session.category(category_id)
        except KeyError:
            self.revisit_bar.setVisible(False)
            return
        left = len(self.session.unassessed_items(category_id))
        key = key_text(category.shortcut) if category.shortcut else None
        if self._revisit_category is None:
            if not left:
                self._revisit_offer = None
                self.revisit_bar.setVisible(False)
                return
            self.revisit_text.setText(
                self.tr("“{name}” is new: the {left:,} items reviewed before it were not "
                "checked for it, so its share counts only the items after. Revisit them for "
                "it alone?").format(name=category.name, left=left))
            self.revisit_button.setText(self.tr("Revisit  Ctrl+R"))
        else:
            applies = (
                self.tr("{key} if it applies").format(key=key)
                if key
                else self.tr("click the category if it applies")
            )
            self.revisit_text.setText(
                self.tr(
                    "Revisiting for “{name}”: {left:,} left. "
                    "Press {applies}, Enter if it does not, Esc to stop."
                ).format(name=category.name, left=left, applies=applies)
            )
            self.revisit_button.setText(self.tr("Stop"))
        self.revisit_bar.setVisible(True)

    def _escape(self) -> None:
        if self._queue:
            self.stop_queue()
        elif self._revisit_category is not None or self._revisit_offer is not None:
            self.stop_revisit()
        else:
            self.set_category_filter(None)

    # =============================================================== filter
    @property
    def category_filter(self) -> int | None:
        return self._filter_category

    def set_category_filter(self, category_id: int | None) -> None:
        """Move only through the items ticked with one category (None: all items)."""
        if category_id is not None and self._revisit_category is not None:
            self.stop_revisit()
        changed = category_id != self._filter_category
        self._filter_category = category_id
        self.clear_filter_action.setEnabled(
            category_id is not None or self._revisit_category is not None)
        positions = self._positions()
        if positions and self.session.position not in positions:
            self.go_to(positions[0])
        self._refresh_filter_chip()
        if changed:
            self.category_filter_changed.emit(category_id)

    def _refresh_filter_chip(self) -> None:
        if self._filter_category is None:
            self.filter_chip.setVisible(False)
            return
        try:
            name = self.session.category(self._filter_category).name
        except KeyError:
            self.filter_chip.setVisible(False)
            return
        positions = self._positions() or []
        here = (positions.index(self.session.position) + 1
                if self.session.position in positions else 0)
        where = (
            self.tr("{here} of {n_positions}").format(here=here, n_positions=len(positions))
            if here
            else self.tr("{n_positions} items").format(n_positions=len(positions))
        )
        self.filter_chip.setText(
            self.tr("Only “{name}”: {where}   ✕").format(name=name, where=where)
        )
        self.filter_chip.setToolTip(self.tr("Click or press Esc to move through all items again"))
        self.filter_chip.setVisible(True)

    # ============================================================== comment
    def focus_comment(self) -> None:
        self.comment_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        cursor = self.comment_box.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.comment_box.setTextCursor(cursor)

    def leave_comment(self) -> None:
        if self.commit_comment():
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.status_message.emit(self.tr("Comment saved."))

    def _on_comment_typed(self) -> None:
        if self._comment_item_id is not None and self.comment_box.hasFocus():
            self._comment_timer.start()

    def commit_comment(self) -> bool:
        """Save what is in the comment box to the item it was typed on (undoable).

        The write is conditional on the comment as shown; if it fails, the text
        stays in the box (nothing typed is lost) and False is returned.
        """
        self._comment_timer.stop()
        item_id = self._comment_item_id
        if item_id is None or self._closed:
            return True
        text = self.comment_box.toPlainText().strip()
        if text == self._comment_shown:
            return True
        command = SetCommentCommand(self.session, item_id, text, shown=self._comment_shown)
        if not self._push(command):
            self._comment_timer.start()  # try again after the next pause
            return False
        self._comment_shown = text
        return True

    def _refresh_comment(self, item: Item | None, *, force: bool = False) -> None:
        text = item.comment if item is not None else ""
        self._comment_item_id = item.id if item is not None else None
        self._comment_shown = text
        self.comment_box.setEnabled(item is not None)
        if force or self.comment_box.toPlainText().strip() != text:
            self.comment_box.blockSignals(True)
            self.comment_box.setPlainText(text)
            self.comment_box.blockSignals(False)

    def _on_comment_changed(self, item_ids: list[int]) -> None:
        if self._shown_item_id not in item_ids:
            return
        item = self.current_item()
        if item is None:
            return
        # Undo/redo or the spreadsheet changed it: show it, unless it is just
        # the echo of what the reviewer is typing.
        if self.comment_box.toPlainText().strip() != item.comment:
            self._refresh_comment(item)
        else:
            self._comment_shown = item.comment

    # ================================================================ image
    def _display_box(self) -> QSize:
        ratio = self.devicePixelRatioF()
        size = self.canvas.viewport().size()
        side = max(size.width(), size.height(), 256) * ratio
        side = int(math.ceil(side / BOX_STEP) * BOX_STEP)
        return QSize(side, side)

    def _path_of(self, item: Item) -> str:
        return str(self.session.resolve_image(item.image))

    def _hidden_behind_another_view(self) -> bool:
        """The window is up but the spreadsheet or the grid is in front of the review."""
        window = self.window()
        return window is not self and window.isVisible() and not self.isVisible()

    def _load_image(self, item: Item | None) -> None:
        if item is not None and self._hidden_behind_another_view():
            # The spreadsheet or grid in front moves the current item row by row:
            # decoding each row's full image (and its neighbours') for a canvas no
            # one sees took the cores from that view's paint. Shown, it loads.
            self._image_deferred = True
            self._image_path = ""
            self._prefetch_timer.stop()
            return
        self._image_deferred = False
        if item is None:
            self._image_path = ""
            self.canvas.set_placeholder(self.tr("No items to review"))
            return
        path = self._path_of(item)
        changed = path != self._image_path
        self._image_path = path
        image = self.loader.request(path, self._display_box())
        if image is not None:
            self.canvas.set_image(image, self.loader.original_size(path))
        elif changed:
            failure = self.loader.failure(path)
            stand_in = self.loader.cached_image(path)
            if failure is not None:
                self.canvas.set_placeholder(failure)
            elif stand_in is not None:
                self.canvas.set_image(stand_in, self.loader.original_size(path))
            else:
                self.canvas.show_loading()
        if image is None and self.loader.is_pending(path):
            # Not prefetched (a jump): the image asked for gets the decoders and the
            # cores to itself; the neighbours are fetched once it has arrived.
            self.loader.cancel_pending()
            self._prefetch_waiting = path
        else:
            self._prefetch_waiting = ""
            self._prefetch_timer.start()

    def _prefetch_current(self) -> None:
        item = self.current_item()
        if item is not None and not self._closed and not self._prefetch_waiting:
            self._prefetch(item)

    def _prefetch_now_shown(self, path: str) -> None:
        """The image a jump waited for arrived (or failed): fetch its neighbours now."""
        if path == self._prefetch_waiting and not self._closed:
            self._prefetch_waiting = ""
            item = self.current_item()
            if item is not None:
                self._prefetch(item)

    def _prefetch(self, item: Item) -> None:
        positions = self._positions()
        here = item.position
        if positions is None:
            count = self.session.item_count()
            ahead = [p for p in range(here + 1, here + 1 + PREFETCH_AHEAD) if p < count]
            behind = [p for p in range(here - 1, here - 1 - PREFETCH_BEHIND, -1) if p >= 0]
        else:
            ahead = [p for p in positions if p > here][:PREFETCH_AHEAD]
            behind = [p for p in reversed(positions) if p < here][:PREFETCH_BEHIND]
        paths = []
        for position in ahead + behind:
            try:
                paths.append(self._path_of(self.session.item_at(position)))
            except IndexError:
                continue
        if paths:
            self.loader.prefetch(paths, self._display_box())

    def _on_image_ready(self, path: str, image: QImage) -> None:
        if path != self._image_path:
            return
        if path == self._prefetch_waiting:
            # Shown first; the neighbours are queued once this paint is done.
            QTimer.singleShot(0, self, lambda p=path: self._prefetch_now_shown(p))
        if self.canvas.showing_image and image.width() <= self.canvas.decoded_width:
            return
        self.canvas.set_image(image, self.loader.original_size(path))

    def _on_image_failed(self, path: str, message: str) -> None:
        self._prefetch_now_shown(path)
        if path == self._image_path:
            self.canvas.set_placeholder(message)
            self.status_message.emit(
                self.tr("Cannot show this image: {message}").format(message=message)
            )

    def _on_zoom_changed(self) -> None:
        if self.canvas.is_fit:
            self.zoom_label.setText(self.tr("Fit · {0:.0f}%").format(self.canvas.zoom() * 100))
        else:
            self.zoom_label.setText(f"{self.canvas.zoom() * 100:.0f}%")
        self._resize_timer.start()

    def _sharpen_if_needed(self) -> None:
        """Zoomed in past what was decoded: ask for a larger decode (up to full size)."""
        if not self._image_path or not self.canvas.showing_image:
            return
        original = self.canvas.original_size
        needed = self.canvas.zoom() * self.devicePixelRatioF() * original.width()
        if self.canvas.decoded_width >= min(original.width(), needed * 0.95):
            return
        if needed >= original.width():
            box = QSize()  # the full resolution
        else:
            scale = needed / max(1, original.width())
            box = QSize(int(original.width() * scale) + 1, int(original.height() * scale) + 1)
        image = self.loader.request(self._image_path, box)
        if image is not None and image.width() > self.canvas.decoded_width:
            self.canvas.set_image(image, self.loader.original_size(self._image_path))

    def reload_image(self) -> None:
        """Show the current item afresh (its image moved: File ▸ Locate images…)."""
        self._image_path = ""
        self._show_current()

    # ============================================================ view state
    def view_state(self) -> str:
        """The zoom as stored in the session: ``fit`` or a factor."""
        return "fit" if self.canvas.is_fit else f"{self.canvas.zoom():.4f}"

    def restore_view_state(self, value: str) -> None:
        if not value or value == "fit":
            self.canvas.fit()
            return
        try:
            self.canvas.set_zoom(float(value))
        except ValueError:
            self.canvas.fit()

    def shutdown(self) -> None:
        """Save the comment being typed and stop touching the session (it is closing)."""
        self.commit_comment()
        self._closed = True
        self._comment_timer.stop()
        self._resize_timer.stop()

    # ================================================================ events
    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self._image_deferred and not self._closed:
            self._load_image(self.current_item())
        if not self.comment_box.hasFocus():
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resize_timer.start()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Clicking anywhere outside the comment gives the keys back to the review.
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(group, what, keys) for the keyboard-shortcuts dialog, from the live actions."""
        rows: list[tuple[str, str, str]] = []
        for action in self._category_actions:
            rows.append((self.tr("Tick categories"), action.text(), _keys_of(action)))
        for action in self.state_actions:
            rows.append((self.tr("Review state"), action.text(), _keys_of(action)))
        rows.append(
            (self.tr("Review state"), self.revisit_action.text(), _keys_of(self.revisit_action))
        )
        if self._reviewers:
            rows.append(
                (self.tr("Review state"), self.queue_action.text(), _keys_of(self.queue_action))
            )
        for action in self.navigation_actions:
            rows.append((self.tr("Move through the review"), action.text(), _keys_of(action)))
        rows.append(
            (
                self.tr("Move through the review"),
                self.tr("Write a comment"),
                _keys_of(self.comment_action),
            )
        )
        rows.append((self.tr("Move through the review"),
                     self.tr("Show all items again (after a category filter or a revisit)"),
                     _keys_of(self.clear_filter_action)))
        for action in self.zoom_actions:
            rows.append((self.tr("Image"), action.text(), _keys_of(action)))
        rows.append((self.tr("Image"), self.tr("Zoom at the mouse"), self.tr("Mouse wheel")))
        rows.append((self.tr("Image"), self.tr("Pan"), self.tr("Drag")))
        rows.append((self.tr("Image"), self.tr("Fit ↔ 1:1"), self.tr("Double-click")))
        rows.append(
            (
                self.tr("Comment box"),
                self.tr("Save and give the keys back"),
                self.tr("Enter, Ctrl+Enter or Esc"),
            )
        )
        rows.append((self.tr("Comment box"), self.tr("New line"), "Shift+Enter"))
        return rows


def _keys_of(action: QAction) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())


__all__ = ["RESERVED_KEYS", "ImageCanvas", "ReviewView", "key_text"]

