"""The review view: one dev error at a time, large, with its categories and comment.

Keyboard first: number keys (each category's shortcut) tick, →/← or J/K
move, N jumps to the next unreviewed item, U marks the item unreviewed
again, F fits the image, +/- zoom, Ctrl+0 shows it 1:1. The comment box
takes plain keys while it has focus; Enter or Esc hands them back.

State: the session is the truth. The current item is ``session.position``;
ticks, comments and the reviewed flag are read from the session whenever it
signals a change. The only things kept here are for rendering (the image
being shown, the zoom) and the text the reviewer is typing right now.

Reviewed-on-move: moving *forward* past an item marks it reviewed with a
direct session call, not an undo command. Navigation is not an edit, and an
undo step that silently flips a flag on an item that is no longer on screen
would make Ctrl+Z look broken; ticking (undoable) and U (undoable) are the
explicit ways to change the flag.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
    QUndoStack,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from erroranalysis.core.categories import LABEL_ERROR, Category
from erroranalysis.core.session import CORRECT, Item, ReviewSession
from erroranalysis.gui.commands import SetCommentCommand, SetReviewedCommand, ToggleTickCommand
from erroranalysis.gui.image_loader import ImageLoader, placeholder_image
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.gui.widgets import color_swatch, single_shot_timer

#: Keys the review view uses itself; a category cannot take them as its shortcut.
RESERVED_KEYS = frozenset({"J", "K", "N", "U", "C", "F", "+", "-", "=", "?"})

#: Session meta keys for view state kept across runs.
META_AUTO_ADVANCE = "gui.auto_advance"
META_ZOOM = "gui.zoom"

ZOOM_STEP = 1.25
MIN_ZOOM = 0.02
MAX_ZOOM = 64.0
#: Image boxes are rounded up to this, so resizing the window a little does
#: not ask the loader for a fresh decode at every pixel.
BOX_STEP = 256
#: Neighbours decoded ahead (the next ones are far likelier than the previous).
PREFETCH_AHEAD = 3
PREFETCH_BEHIND = 2
#: How many items "next unreviewed" checks one by one before it reads them all.
NEAR_WALK = 200
#: A pause in typing this long saves the comment (Enter and Esc save at once).
COMMENT_SAVE_DELAY_MS = 700

CANVAS_BACKGROUND = QColor("#3b3f45")


def key_text(sequence: QKeySequence | str) -> str:
    """A key as the user sees it on the keyboard (native text)."""
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)


# ------------------------------------------------------------------ the image
class ImageCanvas(QGraphicsView):
    """The image, fit to the window or zoomed and panned.

    Scene coordinates are the pixels of the *original* image, whatever size
    the loader decoded: the pixmap item is scaled up to them. So a sharper
    decode arriving after a zoom replaces the picture without moving it.
    """

    zoom_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImageCanvas")
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self._pixmap = QGraphicsPixmapItem()
        self._pixmap.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._scene.addItem(self._pixmap)
        self._message = QGraphicsSimpleTextItem()
        self._message.setBrush(QColor("#d8dadd"))
        self._scene.addItem(self._message)
        self.setBackgroundBrush(CANVAS_BACKGROUND)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # The reviewer's keys belong to the review view, not to scrolling.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setMinimumSize(240, 200)
        self._fit = True
        self._decoded_width = 0
        self._original = QSize()
        self._is_placeholder = False

    # -- content
    def set_image(self, image: QImage, original: QSize | None = None) -> None:
        """Show a decode of the current image; ``original`` is its full size."""
        original = original if original is not None and original.isValid() else image.size()
        same_picture = (not self._is_placeholder and original == self._original
                        and not self._pixmap.pixmap().isNull())
        self._message.setText("")
        self._is_placeholder = False
        self._original = QSize(original)
        self._decoded_width = image.width()
        self._pixmap.setPixmap(QPixmap.fromImage(image))
        self._pixmap.setScale(original.width() / max(1, image.width()))
        self._scene.setSceneRect(QRectF(0, 0, original.width(), original.height()))
        if self._fit:
            self.fit()
        else:
            # Zoomed in: a sharper decode of the same picture keeps the view
            # where it is; the next picture keeps the zoom, centred.
            if not same_picture:
                self.centerOn(self._scene.sceneRect().center())
            self._update_smoothing()

    def set_placeholder(self, message: str) -> None:
        """A "broken picture" panel naming the problem, sized to the view."""
        size = self.viewport().size()
        image = placeholder_image(QSize(max(200, size.width()), max(150, size.height())), message)
        self._is_placeholder = True
        self._message.setText("")
        self._original = image.size()
        self._decoded_width = image.width()
        self._pixmap.setPixmap(QPixmap.fromImage(image))
        self._pixmap.setScale(1.0)
        self._scene.setSceneRect(QRectF(0, 0, image.width(), image.height()))
        self.resetTransform()
        self.fitInView(self._scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.zoom_changed.emit()

    def show_loading(self) -> None:
        self._pixmap.setPixmap(QPixmap())
        self._is_placeholder = True
        self._message.setText("Loading…")
        rect = self._message.boundingRect()
        self._scene.setSceneRect(QRectF(0, 0, rect.width(), rect.height()))
        self.resetTransform()
        self.centerOn(self._message)

    @property
    def original_size(self) -> QSize:
        return QSize(self._original)

    @property
    def decoded_width(self) -> int:
        return self._decoded_width

    @property
    def showing_image(self) -> bool:
        return not self._is_placeholder and not self._pixmap.pixmap().isNull()

    # -- zoom
    @property
    def is_fit(self) -> bool:
        return self._fit

    def zoom(self) -> float:
        """Screen pixels per original image pixel."""
        return self.transform().m11()

    def fit(self) -> None:
        self._fit = True
        rect = self._scene.sceneRect()
        if rect.isEmpty():
            return
        self.resetTransform()
        # A small margin: an image touching the window edge looks cropped.
        view = self.viewport().rect().adjusted(12, 12, -12, -12)
        scale = min(view.width() / rect.width(), view.height() / rect.height())
        scale = max(MIN_ZOOM, min(MAX_ZOOM, scale))
        self.scale(scale, scale)
        self.centerOn(rect.center())
        self._update_smoothing()
        self.zoom_changed.emit()

    def set_zoom(self, factor: float, *, anchor_on_mouse: bool = False) -> None:
        if not self.showing_image:
            return
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        self._fit = False
        anchor = (QGraphicsView.ViewportAnchor.AnchorUnderMouse if anchor_on_mouse
                  else QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setTransformationAnchor(anchor)
        current = self.zoom()
        self.scale(factor / current, factor / current)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._update_smoothing()
        self.zoom_changed.emit()

    def zoom_by(self, steps: float, *, anchor_on_mouse: bool = False) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP ** steps, anchor_on_mouse=anchor_on_mouse)

    def actual_size(self) -> None:
        """One image pixel per device pixel."""
        self.set_zoom(1.0 / self.devicePixelRatioF())

    def _update_smoothing(self) -> None:
        # Blown up two times or more, show the pixels as they are: a reviewer
        # judging "blurry" must not be fooled by the viewer's own smoothing.
        per_decoded_pixel = self.zoom() * self._pixmap.scale()
        smooth = per_decoded_pixel < 2.0
        mode = (Qt.TransformationMode.SmoothTransformation if smooth
                else Qt.TransformationMode.FastTransformation)
        self._pixmap.setTransformationMode(mode)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)

    # -- events
    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(steps, anchor_on_mouse=True)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._fit:
            self.actual_size()
        else:
            self.fit()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Arrow keys would scroll a zoomed image; in a review they move to the
        # next item, so hand every key to the review view.
        event.ignore()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit and self.showing_image:
            self.fit()
        elif self._is_placeholder and not self._pixmap.pixmap().isNull():
            self.fitInView(self._scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)


# -------------------------------------------------------------- categories
class CategoryRow(QFrame):
    """One category: a checkbox, its colour, its name and description, its key.

    Clicking anywhere on the row asks for a toggle; the row only *shows* the
    session's state (:meth:`set_ticked`), it never decides it.
    """

    toggle_requested = Signal(int)  # category id

    def __init__(self, category: Category, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = category
        self.setObjectName("CategoryRow")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.check = QCheckBox()
        self.check.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.check.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        swatch = QLabel()
        swatch.setPixmap(color_swatch(category.color))
        swatch.setFixedSize(16, 16)
        name = category.name + ("  · label error" if category.kind == LABEL_ERROR else "")
        self.name_label = QLabel(name)
        self.name_label.setObjectName("CategoryName")
        self.name_label.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(0)
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.name_label)
        if category.description:
            description = QLabel(category.description)
            description.setWordWrap(True)
            description.setProperty("hint", True)
            text.addWidget(description)
        self.key_label = QLabel(key_text(category.shortcut) if category.shortcut else "")
        self.key_label.setObjectName("Keycap")
        self.key_label.setVisible(bool(category.shortcut))
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tip = f"Press {key_text(category.shortcut)} to tick or untick" if category.shortcut else (
            "No key: assign one in Edit ▸ Categories…")
        self.setToolTip(f"{category.name}\n{category.description}\n{tip}".replace("\n\n", "\n"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(8)
        layout.addWidget(self.check, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(swatch, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        layout.addWidget(self.key_label, 0, Qt.AlignmentFlag.AlignTop)
        self.set_ticked(False)

    def set_ticked(self, ticked: bool) -> None:
        self.check.setChecked(ticked)
        color = QColor(self.category.color or "#888888")
        if ticked:
            tint = QColor(color)
            tint.setAlpha(40)
            rgba = f"rgba({tint.red()},{tint.green()},{tint.blue()},{tint.alpha()})"
            self.setStyleSheet(
                f"#CategoryRow {{ background: {rgba}; border: 1px solid {color.name()};"
                " border-radius: 6px; }"
            )
        else:
            self.setStyleSheet(
                "#CategoryRow { background: transparent; border: 1px solid transparent;"
                " border-radius: 6px; }"
            )

    def is_ticked(self) -> bool:
        return self.check.isChecked()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.toggle_requested.emit(self.category.id)
            event.accept()
            return
        super().mousePressEvent(event)


# ------------------------------------------------------------------- comment
class CommentBox(QPlainTextEdit):
    """The comment: Enter or Ctrl+Enter saves and hands the keys back,
    Shift+Enter starts a new line, Esc saves and leaves."""

    commit_requested = Signal()
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CommentBox")
        self.setTabChangesFocus(True)
        self.setPlaceholderText("What do you see? e.g. “lion”, “rainy day at the zoo”")
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


# ---------------------------------------------------------------- the view
class ReviewView(QWidget):
    """One item at a time: the image, what is known about it, its ticks and comment."""

    status_message = Signal(str)
    """Something worth a line in the status bar (what a key just did)."""

    progress_changed = Signal(int, int)
    """(reviewed, total) items, whenever the count may have moved."""

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
        # Items the reviewer explicitly marked unreviewed (U): moving past them
        # must not quietly mark them reviewed again.
        self._kept_unreviewed: set[int] = set()
        self._rows: dict[int, CategoryRow] = {}
        self._category_actions: list[QAction] = []
        self._closed = False
        self._progress: tuple[int, int] | None = None
        self._has_correct: bool | None = None  # items only arrive with items_changed

        self._build_ui()
        self._build_actions()
        self._rebuild_categories()

        self._comment_timer = single_shot_timer(self, COMMENT_SAVE_DELAY_MS, self.commit_comment)
        self._resize_timer = single_shot_timer(self, 150, self._sharpen_if_needed)

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

        # -- the image and its controls
        self.canvas = ImageCanvas()
        self.canvas.zoom_changed.connect(self._on_zoom_changed)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("ZoomLabel")
        self.zoom_label.setMinimumWidth(90)
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
        facts_top.addLayout(self._fact_block("True label", self.label_value), 1)
        facts_top.addLayout(self._fact_block("Prediction", self.prediction_value), 1)
        self.details = QFormLayout()
        self.details.setContentsMargins(0, 4, 0, 0)
        self.details.setHorizontalSpacing(12)
        self.details.setVerticalSpacing(3)
        self.details.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.details.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        categories_title = QLabel("Categories")
        categories_title.setProperty("heading", True)
        categories_hint = QLabel("Tick every one that applies: press its key.")
        categories_hint.setProperty("hint", True)
        self.category_box = QVBoxLayout()
        self.category_box.setSpacing(2)
        self.add_category_button = QToolButton()
        self.add_category_button.setObjectName("AddCategoryButton")
        self.add_category_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_category_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_category_button.setText("+  Add category…   Ctrl+N")
        self.add_category_button.setAutoRaise(True)
        self.add_category_button.clicked.connect(self.add_category)

        scroll_body = QWidget()
        scroll_body.setObjectName("SidePanelBody")
        body = QVBoxLayout(scroll_body)
        body.setContentsMargins(14, 12, 14, 8)
        body.setSpacing(6)
        body.addLayout(facts_top)
        body.addLayout(self.details)
        body.addSpacing(10)
        body.addWidget(categories_title)
        body.addWidget(categories_hint)
        body.addLayout(self.category_box)
        body.addWidget(self.add_category_button, 0, Qt.AlignmentFlag.AlignLeft)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("SidePanelScroll")
        scroll.setWidget(scroll_body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        comment_title = QLabel("Comment")
        comment_title.setProperty("heading", True)
        self.comment_box = CommentBox()
        self.comment_box.textChanged.connect(self._on_comment_typed)
        self.comment_box.commit_requested.connect(self.commit_comment)
        self.comment_box.leave_requested.connect(self.leave_comment)
        comment_hint = QLabel("C to write · Enter saves and goes back · Shift+Enter new line")
        comment_hint.setProperty("hint", True)
        comment_hint.setWordWrap(True)
        self.auto_advance_box = QCheckBox("Go to the next item after a tick")
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
        layout.addWidget(header_frame)
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
        action.triggered.connect(lambda _checked=False: slot())
        shown = " or ".join(key_text(k) for k in keys)
        action.setToolTip(f"{tip or text} ({shown})" if keys else (tip or text))
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.next_action = self._action("Next item", ["Right", "J"], self.next)
        self.previous_action = self._action("Previous item", ["Left", "K"], self.previous)
        self.first_action = self._action("First item", ["Home"], self.first)
        self.last_action = self._action("Last item", ["End"], self.last)
        self.next_unreviewed_action = self._action(
            "Next unreviewed item", ["N"], self.next_unreviewed
        )
        self.toggle_reviewed_action = self._action(
            "Mark unreviewed", ["U"], self.toggle_reviewed,
            "Mark this item unreviewed (or reviewed again)",
        )
        self.comment_action = self._action("Write a comment", ["C", "Return"], self.focus_comment)
        self.zoom_in_action = self._action("Zoom in", ["+", "=", "Ctrl++"],
                                           lambda: self.canvas.zoom_by(1))
        self.zoom_out_action = self._action("Zoom out", ["-", "Ctrl+-"],
                                            lambda: self.canvas.zoom_by(-1))
        self.fit_action = self._action("Fit to window", ["F"], self.canvas.fit)
        self.actual_size_action = self._action("Actual size (1:1)", ["Ctrl+0"],
                                               self.canvas.actual_size)
        self.clear_filter_action = self._action(
            "Show all items", ["Esc"], lambda: self.set_category_filter(None),
            "Stop showing only one category's items",
        )
        self.clear_filter_action.setEnabled(False)
        self.auto_advance_action = QAction("Go to the next item after a tick", self)
        self.auto_advance_action.setCheckable(True)
        self.auto_advance_action.toggled.connect(self._on_auto_advance_toggled)
        self.auto_advance_box.toggled.connect(self.auto_advance_action.setChecked)

        for action, text in (
            (self.previous_action, "◀  Previous"),
            (self.next_action, "Next  ▶"),
            (self.next_unreviewed_action, "Next unreviewed"),
        ):
            self.nav_bar.addWidget(self._nav_button(action, text))
        self.nav_bar.addStretch(1)
        self.nav_bar.addWidget(self.zoom_label)
        for action, text in (
            (self.zoom_out_action, "−"),
            (self.fit_action, "Fit"),
            (self.actual_size_action, "1:1"),
            (self.zoom_in_action, "+"),
        ):
            self.nav_bar.addWidget(self._nav_button(action, text))

    @property
    def navigation_actions(self) -> list[QAction]:
        return [self.next_action, self.previous_action, self.next_unreviewed_action,
                self.first_action, self.last_action, self.toggle_reviewed_action,
                self.comment_action]

    @property
    def zoom_actions(self) -> list[QAction]:
        return [self.zoom_in_action, self.zoom_out_action, self.fit_action,
                self.actual_size_action]

    @property
    def category_actions(self) -> list[QAction]:
        """One action per category with a key (rebuilt when the categories change)."""
        return list(self._category_actions)

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
            row.toggle_requested.connect(self.toggle_category)
            self.category_box.addWidget(row)
            self._rows[category.id] = row
            if category.shortcut:
                action = self._action(
                    f"Tick “{category.name}”", [category.shortcut],
                    lambda cid=category.id: self.toggle_category(cid),
                )
                action.setData(category.id)
                self._category_actions.append(action)

    def _on_categories_changed(self) -> None:
        ids = {c.id for c in self.session.categories()}
        if self._filter_category is not None and self._filter_category not in ids:
            self.set_category_filter(None)
        self._rebuild_categories()
        self._refresh_ticks()

    def _refresh_ticks(self) -> None:
        item_id = self._shown_item_id
        ticked = self.session.item_ticks(item_id) if item_id is not None else set()
        for category_id, row in self._rows.items():
            row.set_ticked(category_id in ticked)

    def _on_ticks_changed(self, item_ids: list[int], _category_id: int) -> None:
        if self._shown_item_id in item_ids:
            self._refresh_ticks()
            # A tick marks the item reviewed in the same transaction.
            item = self.current_item()
            if item is not None:
                self._refresh_badge(item)
        self._refresh_progress()

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
        self._refresh_header(item)
        self._refresh_facts(item)
        self._refresh_ticks()
        self._refresh_comment(item, force=True)
        self._load_image(item)

    def _refresh_header(self, item: Item | None) -> None:
        count = self.session.item_count()
        if item is None:
            self.position_label.setText("0 / 0")
            self.key_label.setText("This session has no items")
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
        if item.reviewed:
            by = f" by {item.reviewer}" if item.reviewer else ""
            self.reviewed_badge.setText("✓ Reviewed")
            self.reviewed_badge.setToolTip(f"Reviewed{by}. U marks it unreviewed.")
            self.reviewed_badge.setProperty("state", "reviewed")
            self.toggle_reviewed_action.setText("Mark unreviewed")
        else:
            self.reviewed_badge.setText("Not reviewed")
            self.reviewed_badge.setToolTip(
                "Counts as reviewed once you tick a category or move on to the next item.")
            self.reviewed_badge.setProperty("state", "open")
            self.toggle_reviewed_action.setText("Mark reviewed")
        # A dynamic property only restyles after a re-polish.
        self.reviewed_badge.style().unpolish(self.reviewed_badge)
        self.reviewed_badge.style().polish(self.reviewed_badge)

    def _refresh_progress(self, *, recount: bool = True) -> None:
        """Show how far the review has got (and tell the window, for its status bar).

        Counting is a scan of the items table (~10 ms per 100,000 items), so
        it runs only when something that can change it happened, not on a
        plain move to the next item.
        """
        if not recount and self._progress is not None:
            return
        total = self.session.item_count()
        done = self.reviewed_total()
        self._progress = (done, total)
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress_text.setText(f"{done} of {total} reviewed")
        self.progress_changed.emit(done, total)

    def review_progress(self) -> tuple[int, int]:
        """(reviewed, total) items as last counted."""
        if self._progress is None:
            self._refresh_progress()
        assert self._progress is not None
        return self._progress

    def reviewed_total(self) -> int:
        """Reviewed items of any origin (dev errors and correct examples under review)."""
        if self._has_correct is None:
            self._has_correct = self.session.item_count(CORRECT) > 0
        done = self.session.reviewed_count()
        # Most sessions hold only errors: skip a second scan of the items.
        return done + self.session.reviewed_count(CORRECT) if self._has_correct else done

    def _refresh_facts(self, item: Item | None) -> None:
        while self.details.rowCount():
            self.details.removeRow(0)
        if item is None:
            self.label_value.setText("–")
            self.prediction_value.setText("–")
            return
        self.label_value.setText(item.label or "–")
        self.prediction_value.setText(item.prediction or "–")
        is_error = item.label != item.prediction
        self.prediction_value.setProperty("wrong", is_error)
        self.prediction_value.style().unpolish(self.prediction_value)
        self.prediction_value.style().polish(self.prediction_value)
        rows: list[tuple[str, str]] = []
        if item.score is not None and not math.isnan(item.score):
            rows.append(("Score", f"{item.score:.4g}"))
        if item.origin == CORRECT:
            rows.append(("Kind", "correctly classified (label check)"))
        if item.split and item.split != "dev":
            rows.append(("Split", item.split))
        rows.extend((str(k), str(v)) for k, v in item.metadata.items())
        rows.append(("Image", item.image))
        for name, value in rows:
            caption = QLabel(name)
            caption.setProperty("caption", True)
            field = QLabel(value)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if name == "Image":
                field.setToolTip(str(self.session.resolve_image(item.image)))
            self.details.addRow(caption, field)

    def _on_items_changed(self, _item_ids: list[int]) -> None:
        self._has_correct = None
        self._refresh_progress()
        self._show_current()

    def _on_reviewed_changed(self, item_ids: list[int]) -> None:
        if self._shown_item_id in item_ids:
            item = self.current_item()
            if item is not None:
                self._refresh_badge(item)
        self._refresh_progress()

    # ============================================================ navigation
    def _positions(self) -> list[int] | None:
        """Positions the reviewer moves through: all (None), or the filtered category's."""
        if self._filter_category is None:
            return None
        wanted = set(self.session.items_with(self._filter_category))
        return [p for p, item_id in enumerate(self.session.item_ids()) if item_id in wanted]

    def go_to(self, position: int, *, moving_on: bool = False) -> None:
        """Show the item at ``position``; ``moving_on`` marks the current one reviewed."""
        self.commit_comment()
        count = self.session.item_count()
        if count == 0:
            return
        position = max(0, min(position, count - 1))
        if moving_on:
            self._mark_moved_past()
        if position != self.session.position:
            self.session.set_position(position)
        elif self._shown_item_id is None:
            self._show_current()

    def go_to_item(self, item_id: int) -> None:
        """Show one item (a double-click in the spreadsheet)."""
        try:
            position = self.session.item(item_id).position
        except KeyError:
            return
        self.go_to(position)

    def _mark_moved_past(self) -> None:
        item = self.current_item()
        if item is None or item.reviewed or item.id in self._kept_unreviewed:
            return
        self.session.set_reviewed([item.id], True)

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
            self._mark_moved_past()
            self.status_message.emit("That was the last item. N goes to the next unreviewed one.")
            return
        self.go_to(target, moving_on=True)

    def previous(self) -> None:
        current = self.session.position
        positions = self._positions()
        if positions is None:
            target = current - 1
        else:
            earlier = [p for p in positions if p < current]
            target = earlier[-1] if earlier else -1
        if target < 0:
            self.status_message.emit("This is the first item.")
            return
        self.go_to(target)

    def first(self) -> None:
        positions = self._positions()
        self.go_to(positions[0] if positions else 0)

    def last(self) -> None:
        positions = self._positions()
        target = positions[-1] if positions else self.session.item_count() - 1
        self.go_to(target, moving_on=target > self.session.position)

    def next_unreviewed(self) -> None:
        """The first unreviewed item after this one (wrapping round to the start)."""
        count = self.session.item_count()
        if not count:
            return
        current = self.session.position
        allowed = (set(self.session.items_with(self._filter_category))
                   if self._filter_category is not None else None)
        order = itertools.chain(range(current + 1, count), range(0, current))
        # Usually the next unreviewed item is a few steps on: look item by item
        # (one indexed query each) before reading the whole review order.
        for position in itertools.islice(order, NEAR_WALK):
            item = self.session.item_at(position)
            if (allowed is None or item.id in allowed) and not item.reviewed:
                self.go_to(position, moving_on=True)
                return
        ids = self.session.item_ids()
        rest = list(order)
        for start in range(0, len(rest), 1000):
            positions = [p for p in rest[start:start + 1000]
                         if allowed is None or ids[p] in allowed]
            states = self.session.reviewed_states([ids[p] for p in positions])
            for position in positions:
                if not states[ids[position]]:
                    self.go_to(position, moving_on=True)
                    return
        self._mark_moved_past()
        self.status_message.emit("Every item is reviewed. 🎉" if allowed is None
                                 else "Every item of this category is reviewed.")

    def toggle_reviewed(self) -> None:
        item = self.current_item()
        if item is None:
            return
        if item.reviewed:
            self._kept_unreviewed.add(item.id)
            self.undo_stack.push(SetReviewedCommand(self.session, [item.id], False))
            self.status_message.emit(f"{item.key} marked unreviewed; N will bring you back to it.")
        else:
            self._kept_unreviewed.discard(item.id)
            self.undo_stack.push(SetReviewedCommand(self.session, [item.id], True))
            self.status_message.emit(f"{item.key} marked reviewed.")

    # ================================================================= ticks
    def toggle_category(self, category_id: int) -> None:
        """What a category's key does: tick or untick it on the current item (undoable)."""
        item = self.current_item()
        if item is None:
            return
        command = ToggleTickCommand(self.session, item.id, category_id)
        self.undo_stack.push(command)
        self._kept_unreviewed.discard(item.id)
        name = self.session.category(category_id).name
        self.status_message.emit(
            f"{'Ticked' if command.ticked else 'Unticked'} “{name}” on {item.key}"
        )
        if command.ticked and self.auto_advance_action.isChecked():
            self.next()

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
        quick_add_category(self, self.session, self.undo_stack,
                           item.id if item is not None else None)
        self.setFocus()

    # =============================================================== filter
    @property
    def category_filter(self) -> int | None:
        return self._filter_category

    def set_category_filter(self, category_id: int | None) -> None:
        """Move only through the items ticked with one category (None: all items)."""
        self._filter_category = category_id
        self.clear_filter_action.setEnabled(category_id is not None)
        positions = self._positions()
        if positions and self.session.position not in positions:
            self.go_to(positions[0])
        self._refresh_filter_chip()

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
        where = f"{here} of {len(positions)}" if here else f"{len(positions)} items"
        self.filter_chip.setText(f"Only “{name}”: {where}   ✕")
        self.filter_chip.setToolTip("Click or press Esc to move through all items again")
        self.filter_chip.setVisible(True)

    # ============================================================== comment
    def focus_comment(self) -> None:
        self.comment_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        cursor = self.comment_box.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.comment_box.setTextCursor(cursor)

    def leave_comment(self) -> None:
        self.commit_comment()
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.status_message.emit("Comment saved.")

    def _on_comment_typed(self) -> None:
        if self._comment_item_id is not None and self.comment_box.hasFocus():
            self._comment_timer.start()

    def commit_comment(self) -> None:
        """Save what is in the comment box to the item it was typed on (undoable)."""
        self._comment_timer.stop()
        item_id = self._comment_item_id
        if item_id is None or self._closed:
            return
        text = self.comment_box.toPlainText().strip()
        try:
            stored = self.session.item(item_id).comment
        except KeyError:
            return
        if text != stored:
            self.undo_stack.push(SetCommentCommand(self.session, item_id, text))

    def _refresh_comment(self, item: Item | None, *, force: bool = False) -> None:
        text = item.comment if item is not None else ""
        self._comment_item_id = item.id if item is not None else None
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

    # ================================================================ image
    def _display_box(self) -> QSize:
        ratio = self.devicePixelRatioF()
        size = self.canvas.viewport().size()
        side = max(size.width(), size.height(), 256) * ratio
        side = int(math.ceil(side / BOX_STEP) * BOX_STEP)
        return QSize(side, side)

    def _path_of(self, item: Item) -> str:
        return str(self.session.resolve_image(item.image))

    def _load_image(self, item: Item | None) -> None:
        if item is None:
            self._image_path = ""
            self.canvas.set_placeholder("No items to review")
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
        if self.canvas.showing_image and image.width() <= self.canvas.decoded_width:
            return
        self.canvas.set_image(image, self.loader.original_size(path))

    def _on_image_failed(self, path: str, message: str) -> None:
        if path == self._image_path:
            self.canvas.set_placeholder(message)
            self.status_message.emit(f"Cannot show this image: {message}")

    def _on_zoom_changed(self) -> None:
        if self.canvas.is_fit:
            self.zoom_label.setText(f"Fit · {self.canvas.zoom() * 100:.0f}%")
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
            rows.append(("Tick categories", action.text(), _keys_of(action)))
        for action in self.navigation_actions:
            what = action.text()
            if action is self.toggle_reviewed_action:
                what = "Mark unreviewed (or reviewed again)"
            rows.append(("Move through the review", what, _keys_of(action)))
        rows.append(("Move through the review", "Show all items again (after a category filter)",
                     _keys_of(self.clear_filter_action)))
        for action in self.zoom_actions:
            rows.append(("Image", action.text(), _keys_of(action)))
        rows.append(("Image", "Zoom at the mouse", "Mouse wheel"))
        rows.append(("Image", "Pan", "Drag"))
        rows.append(("Image", "Fit ↔ 1:1", "Double-click"))
        rows.append(("Comment box", "Save and give the keys back", "Enter, Ctrl+Enter or Esc"))
        rows.append(("Comment box", "New line", "Shift+Enter"))
        return rows


def _keys_of(action: QAction) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())


__all__ = ["RESERVED_KEYS", "ImageCanvas", "ReviewView", "key_text"]
