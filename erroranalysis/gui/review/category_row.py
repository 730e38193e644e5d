"""One category in the review's side panel: checkbox, colour, name, description, key."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from erroranalysis.core.categories import Category
from erroranalysis.gui.core_texts import category_name
from erroranalysis.gui.keys import key_text
from erroranalysis.gui.widgets import color_swatch

#: Row frames by (width, height, pixel ratio, look), shared by every row.
_FRAMES: dict[tuple, QPixmap] = {}


class CategoryRow(QFrame):
    """One category: a checkbox, its colour, its name and description, its key.

    Clicking anywhere on the row asks for a toggle; the row only *shows* the
    session's state (:meth:`set_state`), it never decides it. Its look is
    painted, not styled: a style sheet per key press costs ~1 ms a row.
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
        self.name_label = QLabel(category_name(category))
        self.name_label.setObjectName("CategoryName")
        self.name_label.setWordWrap(True)
        self.state_label = QLabel(self.tr("not assessed"))
        self.state_label.setObjectName("NotAssessed")
        self.state_label.setVisible(False)
        title = QHBoxLayout()
        title.setSpacing(6)
        title.setContentsMargins(0, 0, 0, 0)
        title.addWidget(self.name_label, 1)
        title.addWidget(self.state_label, 0, Qt.AlignmentFlag.AlignTop)
        # A suggestion (issue 14) is not a tick: a dashed chip until the key confirms it.
        self.suggested_label = QLabel(self.tr("suggested"))
        self.suggested_label.setObjectName("SuggestedChip")
        self.suggested_label.setStyleSheet(
            f"QLabel#SuggestedChip {{ border: 1px dashed {category.color or '#888888'};"
            " border-radius: 8px; padding: 0px 6px; }")
        self.suggested_label.setVisible(False)
        title.addWidget(self.suggested_label, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(0)
        text.setContentsMargins(0, 0, 0, 0)
        text.addLayout(title)
        self.description_label: QLabel | None = None
        if category.description:
            self.description_label = QLabel(category.description)
            self.description_label.setWordWrap(True)
            self.description_label.setProperty("hint", True)
            text.addWidget(self.description_label)
        self.key_label = QLabel(key_text(category.shortcut) if category.shortcut else "")
        self.key_label.setObjectName("Keycap")
        self.key_label.setVisible(bool(category.shortcut))
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tip = (
            self.tr("Press {0} to tick or untick").format(key_text(category.shortcut))
            if category.shortcut
            else (self.tr("No key: assign one in Edit ▸ Categories…"))
        )
        self.setToolTip(f"{category.name}\n{category.description}\n{tip}".replace("\n\n", "\n"))

        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 5, 8, 5)
        self._layout.setSpacing(8)
        self._layout.addWidget(self.check, 0, Qt.AlignmentFlag.AlignTop)
        self._layout.addWidget(swatch, 0, Qt.AlignmentFlag.AlignTop)
        self._layout.addLayout(text, 1)
        self._layout.addWidget(self.key_label, 0, Qt.AlignmentFlag.AlignTop)
        self._ticked = False
        self._assessed = True
        self._highlighted = False

    def set_compact(self, compact: bool) -> None:
        """Compact: one line per category (the description moves to the tooltip)."""
        if self.description_label is not None:
            self.description_label.setVisible(not compact)
        self._layout.setContentsMargins(8, 2 if compact else 5, 8, 2 if compact else 5)

    def set_state(self, ticked: bool, assessed: bool = True) -> None:
        """Show the session's state: ticked, and whether it was assessed on this item."""
        if (ticked, assessed) == (self._ticked, self._assessed):
            return
        self._ticked, self._assessed = ticked, assessed
        self.check.setChecked(ticked)
        self.state_label.setVisible(not assessed)
        self.update()

    def set_suggested(self, suggested: bool, reject_key: str = "") -> None:
        """Show (or hide) the dashed "suggested" chip: suggested, not ticked, not decided."""
        if suggested == self.suggested_label.isHidden():
            self.suggested_label.setVisible(suggested)
        if suggested:
            key = key_text(self.category.shortcut) if self.category.shortcut else ""
            self.suggested_label.setToolTip(
                self.tr("Suggested, not ticked: %1 confirms, %2 rejects")
                .replace("%1", key or self.tr("a click"))
                .replace("%2", reject_key or self.tr("Shift+key")))

    def set_ticked(self, ticked: bool) -> None:
        self.set_state(ticked, self._assessed)

    def set_highlighted(self, on: bool) -> None:
        """The category a revisit pass asks about."""
        if on != self._highlighted:
            self._highlighted = on
            self.update()

    def is_ticked(self) -> bool:
        return self._ticked

    def is_assessed(self) -> bool:
        return self._assessed

    def paintEvent(self, event: QPaintEvent) -> None:
        look = self._look()
        if look is not None:
            painter = QPainter(self)
            painter.drawPixmap(0, 0, self._frame_picture(look))
            painter.end()
        super().paintEvent(event)

    def _look(self) -> tuple | None:
        """What the frame shows: (kind, colour), None for no frame."""
        color = self.category.color or "#888888"
        if self._ticked:
            return ("ticked", color)
        if self._highlighted:
            return ("dashed", color)
        if not self._assessed:
            return ("dashed", "#9ca3af")
        return None

    def _frame_picture(self, look: tuple) -> QPixmap:
        """The row's rounded frame, drawn once per size and look: an antialiased
        rounded rectangle cost ~0.6 ms a paint, and a move repaints several rows."""
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, look)
        picture = _FRAMES.get(key)
        if picture is None:
            if len(_FRAMES) > 256:
                _FRAMES.clear()
            picture = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            painter = QPainter(picture)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            rect = QRectF(0, 0, self.width(), self.height()).adjusted(0.5, 0.5, -0.5, -0.5)
            kind, color_name = look
            color = QColor(color_name)
            if kind == "ticked":
                tint = QColor(color)
                tint.setAlpha(40)
                painter.setBrush(tint)
                painter.setPen(QPen(color, 1))
            else:
                pen = QPen(color, 1.5)
                pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 6, 6)
            painter.end()
            _FRAMES[key] = picture
        return picture

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.toggle_requested.emit(self.category.id)
            event.accept()
            return
        super().mousePressEvent(event)
