"""The image of the item under review: fit to the window, or zoomed and panned."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from erroranalysis.gui.image_loader import placeholder_image

ZOOM_STEP = 1.25
MIN_ZOOM = 0.02
MAX_ZOOM = 64.0
CANVAS_BACKGROUND = QColor("#3b3f45")


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
        self._message.setText(self.tr("Loading…"))
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
