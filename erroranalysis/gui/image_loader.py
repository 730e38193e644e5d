"""Off-thread image decoding with a memory-bounded cache, for the review screen.

The reviewer presses one key per image and the next picture must already be
there. :class:`ImageLoader` decodes on its own small thread pool at display
size (see :func:`erroranalysis.core.imaging.decode_image`), keeps the results
in an LRU cache bounded in bytes, and prefetches the neighbours so that the
common case, pressing "next", is a cache hit that returns synchronously.

Threading: workers only call the Qt-free decoder and build a QImage (QImage is
reentrant, unlike QPixmap and widgets), then emit on a signal carrier that
lives in the GUI thread, so every public signal is emitted on the GUI thread.
"""

from __future__ import annotations

import contextlib
import enum
import os
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

import shiboken6
from PIL import Image
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QPointF,
    QRectF,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen, QTextOption

from erroranalysis.core.imaging import decode_image, fit_within
from erroranalysis.gui.i18n import translate

__all__ = ["ImageLoader", "pil_to_qimage", "placeholder_image"]

_MB = 1024 * 1024
# Images are decoded at display size (about 5 MB each in a 1400x900 window), so
# 96 MB holds the prefetched neighbours and the last dozen seen; a 4K screen's
# larger decodes raise the budget to MIN_CACHED_IMAGES of them (see _fit_budget).
DEFAULT_CACHE_BYTES = 96 * _MB
MIN_CACHED_IMAGES = 8
DEFAULT_THUMBNAIL_CACHE_BYTES = 32 * _MB
# Failures are short strings; the bound only stops a folder of ten thousand
# missing files from growing the dict forever.
_MAX_REMEMBERED_FAILURES = 10_000
# Original sizes outlive cache entries (a full-resolution decode larger than
# the whole budget is never cached, yet the viewer still needs its size).
_MAX_REMEMBERED_SIZES = 100_000

# QThreadPool runs higher priorities first. Each call takes a fresh sequence
# number inside its band, so the newest request beats older ones still queued
# (holding the arrow key must not decode every image passed on the way) and
# a prefetch never runs before a request or a thumbnail.
_SEQ_LIMIT = 1 << 28
_PREFETCH_BAND = 0
_THUMBNAIL_BAND = 1 << 28
_REQUEST_BAND = 1 << 29
#: Seconds before a read that has not returned is reported as failed.
READ_TIMEOUT_S = 15.0
#: How long closing the window waits for decodes in progress.
SHUTDOWN_WAIT_MS = 2000
#: Set when a window closed with a read still stuck: the process must then exit
#: without waiting for that thread (see ``erroranalysis.gui.app.launch``).
STUCK_READS_AT_EXIT = False
_ABANDONED_POOLS: list[QObject] = []


class _Kind(enum.Enum):
    IMAGE = "image"
    THUMBNAIL = "thumbnail"


@dataclass(frozen=True)
class _Entry:
    image: QImage
    original_size: tuple[int, int]

    @property
    def is_full_size(self) -> bool:
        return (self.image.width(), self.image.height()) == self.original_size

    def satisfies(self, box: tuple[int, int] | None) -> bool:
        """Whether this decode is good enough for a request with ``box``."""
        if self.is_full_size:
            return True
        if box is None:
            return False
        want_w, want_h = fit_within(self.original_size, box)
        # One pixel of slack: two boxes of nearly the same shape can round
        # the fitted size differently, and that is no reason to decode again.
        return self.image.width() >= want_w - 1 and self.image.height() >= want_h - 1


class _ImageCache:
    """LRU of decoded images, bounded by the bytes their pixels take."""

    def __init__(self, budget_bytes: int) -> None:
        self.budget_bytes = budget_bytes
        self.used_bytes = 0
        self._entries: OrderedDict[str, _Entry] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, path: str) -> _Entry | None:
        entry = self._entries.get(path)
        if entry is not None:
            self._entries.move_to_end(path)
        return entry

    def peek(self, path: str) -> _Entry | None:
        return self._entries.get(path)

    def put(self, path: str, entry: _Entry) -> None:
        self.discard(path)
        size = entry.image.sizeInBytes()
        if size > self.budget_bytes:
            # Holding it would mean evicting everything else for one picture;
            # the caller still gets it through the signal.
            return
        self._entries[path] = entry
        self.used_bytes += size
        while self.used_bytes > self.budget_bytes:
            _, evicted = self._entries.popitem(last=False)
            self.used_bytes -= evicted.image.sizeInBytes()

    def discard(self, path: str) -> None:
        old = self._entries.pop(path, None)
        if old is not None:
            self.used_bytes -= old.image.sizeInBytes()

    def clear(self) -> None:
        self._entries.clear()
        self.used_bytes = 0


class _Job:
    """One scheduled decode; shared by the GUI thread and one worker."""

    def __init__(
        self,
        kind: _Kind,
        path: str,
        box: tuple[int, int] | None,
        priority: int,
        prefetch: bool,
        alternatives: tuple[str, ...] = (),
    ) -> None:
        self.kind = kind
        self.path = path
        # Where else the file may be, checked by the worker when ``path`` is missing
        # (the GUI thread never waits on the file system for a thumbnail).
        self.alternatives = alternatives
        self.box = box
        self.priority = priority
        self.prefetch = prefetch
        # Set by the worker as it starts; a plain attribute is enough under
        # the GIL. Once set, the runnable may already be deleted by the pool
        # (autoDelete), so the GUI thread must not hand it to tryTake().
        self.started = False
        self.started_at = 0.0
        self.abandoned = False  # timed out: its late outcome is ignored
        self.runnable: _DecodeRunnable | None = None

    def covers(self, box: tuple[int, int] | None) -> bool:
        if self.box is None:
            return True
        if box is None:
            return False
        return self.box[0] >= box[0] and self.box[1] >= box[1]


@dataclass(frozen=True)
class _Outcome:
    job: _Job
    image: QImage | None
    original_size: tuple[int, int] | None
    problem: str | None


class _ResultCarrier(QObject):
    """Lives in the GUI thread; workers emit on it, Qt queues the call over."""

    finished = Signal(object)


class _DecodeRunnable(QRunnable):
    def __init__(self, job: _Job, carrier: _ResultCarrier, store: Any = None) -> None:
        super().__init__()
        self._job = job
        self._carrier = carrier
        # A ThumbnailStore (gui/thumbnail_cache.py): thumbnails read from disk when cached.
        self._store = store if job.kind is _Kind.THUMBNAIL and job.box is not None else None

    def run(self) -> None:
        job = self._job
        job.started_at = time.monotonic()
        job.started = True
        try:
            path = _first_existing(job.path, job.alternatives)
            if self._store is not None:
                decoded = self._store.decode(path, job.box)
            else:
                decoded = decode_image(path, job.box)
            if decoded.image is not None and decoded.original_size is not None:
                image = pil_to_qimage(decoded.image)
                if image.isNull():
                    outcome = _Outcome(
                        job,
                        None,
                        None,
                        translate("_DecodeRunnable", "Not enough memory to show image"),
                    )
                else:
                    outcome = _Outcome(job, image, decoded.original_size, None)
            else:
                outcome = _Outcome(job, None, None, decoded.problem)
        except Exception as exc:
            # decode_image does not raise for bad files; this is a bug or an
            # exhausted machine. Report it like a bad file so the path never
            # stays "pending" forever and the reviewer sees a message.
            outcome = _Outcome(
                job,
                None,
                None,
                translate("_DecodeRunnable", "Could not load image: {exc}").format(exc=exc),
            )
        # RuntimeError: the loader (and its carrier) is gone; nobody is waiting.
        with contextlib.suppress(RuntimeError):
            self._carrier.finished.emit(outcome)


def _first_existing(path: str, alternatives: tuple[str, ...]) -> str:
    """``path``, or the first of ``alternatives`` that exists when it does not (still
    ``path`` if none does: its decode then reports the missing file)."""
    if not alternatives or os.path.exists(path):
        return path
    return next((other for other in alternatives if os.path.exists(other)), path)


def pil_to_qimage(image: Image.Image) -> QImage:
    """Convert a PIL image to a QImage that owns its pixels; safe in any thread.

    The result is in one of the raster engine's native formats (``RGB32`` or
    ``ARGB32_Premultiplied``), so painting it never converts per frame.
    Goes through bytes rather than ``PIL.ImageQt``, whose QImage would point
    into a Python buffer that can be freed under it.
    """
    width, height = image.size
    if image.mode == "RGBA":
        data = image.tobytes()
        view = QImage(data, width, height, 4 * width, QImage.Format.Format_RGBA8888)
        # convertToFormat always copies into a buffer of its own, and it is
        # about 5x faster than packing BGRA in Pillow (measured).
        return view.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    data = rgb.tobytes()
    view = QImage(data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return view.convertToFormat(QImage.Format.Format_RGB32)


class ImageLoader(QObject):
    """Decodes images off the GUI thread at display size, with an LRU cache.

    Contract of :meth:`request` and :meth:`thumbnail`: they return the image
    at once when the cache can serve it; otherwise they return ``None`` and
    one signal follows later on the GUI thread, never from inside the call.
    Requests for a path already being decoded are merged into that decode.

    Call :meth:`shutdown` before the loader goes away (on window close): it
    waits for the decoders, which otherwise could outlive the object.
    """

    image_ready = Signal(str, QImage)
    """(path, image): a decode for :meth:`request` or :meth:`prefetch` finished."""

    image_failed = Signal(str, str)
    """(path, message): the file could not be shown; the message names why."""

    thumbnail_ready = Signal(str, QImage)
    """(path, image): a thumbnail finished; a broken file gets a placeholder."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        cache_bytes: int = DEFAULT_CACHE_BYTES,
        thumbnail_cache_bytes: int = DEFAULT_THUMBNAIL_CACHE_BYTES,
        threads: int = 2,
    ) -> None:
        super().__init__(parent)
        # Its own pool, not globalInstance(): other work there (exports,
        # metrics) must not delay the image the reviewer is waiting for, and
        # shutdown() can wait for exactly our jobs. Two threads keep one core
        # free for the GUI on a laptop while the next image decodes.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, threads))
        self._carrier = _ResultCarrier(self)
        self._carrier.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._caches = {
            _Kind.IMAGE: _ImageCache(cache_bytes),
            _Kind.THUMBNAIL: _ImageCache(thumbnail_cache_bytes),
        }
        self._failures: OrderedDict[str, str] = OrderedDict()
        self._original_sizes: OrderedDict[str, tuple[int, int]] = OrderedDict()
        self._failure_thumbnails: dict[tuple[int, int], QImage] = {}
        self._pending: dict[tuple[_Kind, str], _Job] = {}
        self._seq = 0
        self._closed = False
        #: A read taking longer than this is reported as failed (a hung network
        #: drive): the item stops saying "Loading…", the window stays usable.
        self.read_timeout_s = READ_TIMEOUT_S
        self.stuck_reads = 0
        #: Optional on-disk cache of thumbnails (a ``ThumbnailStore``); ``None``: none.
        self.thumbnail_store: Any = None
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(500)
        self._watchdog.timeout.connect(self._check_stuck)
        app = QCoreApplication.instance()
        if app is not None:
            # A loader nobody shut down must not leave workers running into
            # interpreter teardown.
            app.aboutToQuit.connect(self.shutdown)

    # -- public API -------------------------------------------------------

    def request(self, path: str, size: QSize) -> QImage | None:
        """Return ``path`` decoded to fit ``size`` if cached, else schedule it.

        ``size`` is the display box in device pixels (multiply by the
        widget's devicePixelRatio). An invalid or empty ``size`` asks for the
        full resolution. A cached image at least as large as needed, or at the
        file's full size, is returned as is; scale it down when painting.

        On ``None``, ``image_ready`` or ``image_failed`` follows for ``path``.
        A file already known to be broken is not decoded again: its
        ``image_failed`` is re-sent on the next event-loop turn, and
        :meth:`failure` answers at once.
        """
        box = _box(size)
        self._fit_budget(box)
        image = self._serve(_Kind.IMAGE, path, box)
        if image is not None:
            return image
        message = self._failures.get(path)
        if message is not None:
            QTimer.singleShot(0, self, partial(self._announce_failure, path, message))
            return None
        self._schedule(_Kind.IMAGE, path, box, _REQUEST_BAND + self._next_seq(), False)
        return None

    def prefetch(self, paths: Iterable[str], size: QSize) -> None:
        """Decode ``paths`` into the cache ahead of need, at lower priority.

        Give the most likely next image first (e.g. the next three, then the
        previous two): earlier paths are decoded first. Each finished decode
        emits ``image_ready``/``image_failed`` like a request does. Calling
        again with a new neighbourhood moves its paths ahead of older queued
        prefetches; :meth:`cancel_pending` drops the old ones outright.
        """
        box = _box(size)
        ordered = list(paths)
        # The newest sequence number runs first, so hand them out back to
        # front and the first path ends up with the highest priority.
        for path in reversed(ordered):
            if self._serve(_Kind.IMAGE, path, box, touch=False) is not None:
                continue
            if path in self._failures:
                continue
            self._schedule(_Kind.IMAGE, path, box, _PREFETCH_BAND + self._next_seq(), True)

    def thumbnail(
        self, path: str, size: QSize, alternatives: Iterable[str] = ()
    ) -> QImage | None:
        """Return a small image of ``path`` fitting ``size`` if cached, else schedule it.

        Meant for the spreadsheet view (e.g. 64x64). Uses its own, smaller
        cache so scrolling a long table cannot evict the review images. On
        ``None``, ``thumbnail_ready`` follows. A broken file's thumbnail is a
        glyph-only placeholder, returned or emitted like any other, so a
        delegate can paint whatever it gets; :meth:`failure` gives the reason.

        ``alternatives``: where else the file may be (``ReviewSession.image_files``),
        tried by the decoder thread when ``path`` does not exist; the thumbnail is
        still cached, announced and failed under ``path``.
        """
        box = _box(size)
        if box is None:
            raise ValueError(
                self.tr("thumbnail size must be positive, got {size!r}").format(size=size)
            )
        image = self._serve(_Kind.THUMBNAIL, path, box)
        if image is not None:
            return image
        if path in self._failures:
            return self._failure_thumbnail(box)
        self._schedule(
            _Kind.THUMBNAIL, path, box, _THUMBNAIL_BAND + self._next_seq(), False,
            tuple(alternatives),
        )
        return None

    def cached_image(self, path: str, size: QSize | None = None) -> QImage | None:
        """Return the cached review image of ``path`` without scheduling anything.

        With ``size``, only an image good enough for that box counts; without
        it, any cached decode does (useful as a stand-in while a sharper one
        loads after the window grew).
        """
        entry = self._caches[_Kind.IMAGE].peek(path)
        if entry is None:
            return None
        if size is not None and not entry.satisfies(_box(size)):
            return None
        return entry.image

    def original_size(self, path: str) -> QSize | None:
        """The upright full-resolution size of ``path``, known once it decoded once."""
        size = self._original_sizes.get(path)
        return QSize(*size) if size is not None else None

    def failure(self, path: str) -> str | None:
        """The message of a known failure to decode ``path``, or ``None``."""
        return self._failures.get(path)

    def is_pending(self, path: str) -> bool:
        """True while a decode of ``path`` (review image or thumbnail) is queued or running."""
        return any(key[1] == path for key in self._pending)

    @property
    def cache_bytes_used(self) -> int:
        """Bytes of pixels held by the review-image cache (not thumbnails)."""
        return self._caches[_Kind.IMAGE].used_bytes

    def invalidate(self, path: str | None = None) -> None:
        """Forget cached images and failures for ``path``, or for every path.

        For when files change on disk, e.g. the reviewer fixed the image
        folder: the next request decodes again.
        """
        if path is None:
            for cache in self._caches.values():
                cache.clear()
            self._failures.clear()
            self._original_sizes.clear()
            return
        for cache in self._caches.values():
            cache.discard(path)
        self._failures.pop(path, None)
        self._original_sizes.pop(path, None)

    def cancel_pending(self, *, include_thumbnails: bool = False) -> int:
        """Drop queued prefetches (and optionally thumbnails) that have not started.

        Call when the reviewer jumps far away, so the workers go straight to
        the new neighbourhood. Requests made with :meth:`request` are kept:
        someone is waiting for their signal. Decodes already running finish
        and still land in the cache. Returns how many were dropped.
        """
        dropped = 0
        for key, job in list(self._pending.items()):
            cancellable = job.prefetch or (include_thumbnails and job.kind is _Kind.THUMBNAIL)
            if cancellable and self._take(job):
                del self._pending[key]
                _delete_runnable(job)
                dropped += 1
        return dropped

    def shutdown(self) -> None:
        """Drop all queued work and wait for running decodes; idempotent.

        Call from the window's close event. Afterwards the loader serves
        from its cache but schedules nothing and emits nothing.
        """
        if self._closed:
            return
        self._closed = True
        for job in list(self._pending.values()):
            if self._take(job):
                _delete_runnable(job)
        self._pending.clear()
        self._watchdog.stop()
        # Releases the GIL while waiting (the binding is allow-thread), so the
        # workers can finish their Python part. A read stuck on a hung drive
        # never finishes: the window must still close, so the pool (and the
        # blocked thread in it) is let go instead of waited for.
        if not self._pool.waitForDone(SHUTDOWN_WAIT_MS):
            global STUCK_READS_AT_EXIT
            STUCK_READS_AT_EXIT = True
            self._pool.setParent(None)
            _ABANDONED_POOLS.append(self._pool)
            # The stuck worker emits on the carrier when its read returns, maybe
            # long after this loader is deleted: the carrier must outlive it (a
            # signal emitted on a deleted QObject crashes the process).
            self._carrier.finished.disconnect(self._on_finished)
            self._carrier.setParent(None)
            _ABANDONED_POOLS.append(self._carrier)

    # -- internals --------------------------------------------------------

    def _fit_budget(self, box: tuple[int, int] | None) -> None:
        """Grow the review-image budget so the prefetched neighbours of a large
        display box still fit (never shrinks: a budget given by the caller stays)."""
        if box is None:
            return
        cache = self._caches[_Kind.IMAGE]
        needed = MIN_CACHED_IMAGES * box[0] * box[1] * 4
        if cache.budget_bytes < needed and cache.budget_bytes >= DEFAULT_CACHE_BYTES:
            cache.budget_bytes = needed

    def _next_seq(self) -> int:
        self._seq = (self._seq + 1) % _SEQ_LIMIT
        return self._seq

    def _serve(
        self, kind: _Kind, path: str, box: tuple[int, int] | None, *, touch: bool = True
    ) -> QImage | None:
        cache = self._caches[kind]
        entry = cache.get(path) if touch else cache.peek(path)
        if entry is not None and entry.satisfies(box):
            return entry.image
        return None

    def _schedule(
        self,
        kind: _Kind,
        path: str,
        box: tuple[int, int] | None,
        priority: int,
        prefetch: bool,
        alternatives: tuple[str, ...] = (),
    ) -> None:
        if self._closed:
            return
        key = (kind, path)
        job = self._pending.get(key)
        if job is not None and job.covers(box):
            if not prefetch:
                # Someone now waits on it: cancel_pending must leave it alone.
                job.prefetch = False
            if priority > job.priority and self._take(job):
                # E.g. a queued prefetch the reviewer has just reached: move
                # it to the front instead of decoding the same file twice.
                job.priority = priority
                assert job.runnable is not None
                self._pool.start(job.runnable, priority)
            return
        if job is not None and self._take(job):
            # A queued decode for a smaller box (the window grew): replace it.
            _delete_runnable(job)
        new_job = _Job(kind, path, box, priority, prefetch, alternatives)
        new_job.runnable = _DecodeRunnable(new_job, self._carrier, self.thumbnail_store)
        self._pending[key] = new_job
        self._pool.start(new_job.runnable, priority)
        if not self._watchdog.isActive():
            self._watchdog.start()

    def _check_stuck(self) -> None:
        """Give up on reads that hang (a FIFO slipped through, an unreachable mount)."""
        now = time.monotonic()
        for key, job in list(self._pending.items()):
            if job.started and not job.abandoned and now - job.started_at > self.read_timeout_s:
                job.abandoned = True
                self.stuck_reads += 1
                del self._pending[key]
                message = self.tr(
                    "The image did not load within {read_timeout_s:g} s "
                    "(a slow or unreachable network drive?)"
                ).format(read_timeout_s=self.read_timeout_s)
                self._remember_failure(job.path, message)
                if job.kind is _Kind.IMAGE:
                    self.image_failed.emit(job.path, message)
                elif job.box is not None:
                    self.thumbnail_ready.emit(job.path, self._failure_thumbnail(job.box))
        if not self._pending:
            self._watchdog.stop()

    def _take(self, job: _Job) -> bool:
        """Remove a job from the pool's queue if no worker has picked it up."""
        if job.started or job.runnable is None:
            return False
        try:
            return bool(self._pool.tryTake(job.runnable))
        except RuntimeError:
            # The runnable finished and was auto-deleted between the check
            # above and the call.
            return False

    def _on_finished(self, outcome: _Outcome) -> None:
        job = outcome.job
        # The pool has deleted the runnable's C++ side; drop the cycle too.
        job.runnable = None
        if job.abandoned:
            return  # reported as timed out already
        key = (job.kind, job.path)
        if self._pending.get(key) is job:
            del self._pending[key]
        if self._closed:
            return
        if outcome.problem is not None or outcome.image is None or outcome.original_size is None:
            message = outcome.problem or self.tr("Could not load image")
            self._remember_failure(job.path, message)
            if job.kind is _Kind.IMAGE:
                self.image_failed.emit(job.path, message)
            else:
                assert job.box is not None
                self.thumbnail_ready.emit(job.path, self._failure_thumbnail(job.box))
            return
        self._original_sizes[job.path] = outcome.original_size
        self._original_sizes.move_to_end(job.path)
        while len(self._original_sizes) > _MAX_REMEMBERED_SIZES:
            self._original_sizes.popitem(last=False)
        cache = self._caches[job.kind]
        entry = _Entry(outcome.image, outcome.original_size)
        existing = cache.peek(job.path)
        if existing is not None and existing.image.width() >= entry.image.width():
            # A larger decode of the same file landed first (the window grew
            # while this one ran) and was announced already; do not replace a
            # sharp image with a softer one.
            return
        cache.put(job.path, entry)
        signal = self.image_ready if job.kind is _Kind.IMAGE else self.thumbnail_ready
        signal.emit(job.path, entry.image)

    def _announce_failure(self, path: str, message: str) -> None:
        if not self._closed:
            self.image_failed.emit(path, message)

    def _remember_failure(self, path: str, message: str) -> None:
        self._failures[path] = message
        self._failures.move_to_end(path)
        while len(self._failures) > _MAX_REMEMBERED_FAILURES:
            self._failures.popitem(last=False)

    def _failure_thumbnail(self, box: tuple[int, int]) -> QImage:
        image = self._failure_thumbnails.get(box)
        if image is None:
            # Too small for words; one per size, shared by every broken file.
            image = placeholder_image(QSize(*box), "")
            self._failure_thumbnails[box] = image
        return image


def _box(size: QSize) -> tuple[int, int] | None:
    if not size.isValid() or size.isEmpty():
        return None
    return size.width(), size.height()


def _delete_runnable(job: _Job) -> None:
    # A runnable taken back from the pool is ours again: the pool will not
    # auto-delete it, and PySide's pool keeps a Python reference to it, so
    # free the C++ side explicitly or every cancelled prefetch leaks one.
    if job.runnable is not None and shiboken6.isValid(job.runnable):
        shiboken6.delete(job.runnable)
    job.runnable = None


# -- placeholder ------------------------------------------------------------

_PLACEHOLDER_BACKGROUND = QColor(0x4A, 0x4A, 0x4A)
_PLACEHOLDER_GLYPH = QColor(0x8C, 0x8C, 0x8C)
_PLACEHOLDER_TEXT = QColor(0xE0, 0xE0, 0xE0)
# Below this, words would be unreadable: draw the glyph alone, larger.
_MIN_SIDE_FOR_TEXT = 96


def placeholder_image(size: QSize, message: str) -> QImage:
    """A neutral grey panel with a "broken picture" glyph and ``message`` below it.

    Shown in place of a missing or unreadable image; the message is word
    wrapped and centred. Small sizes (thumbnails) get the glyph only. Needs a
    QGuiApplication (for fonts); call it on the GUI thread.
    """
    width, height = max(1, size.width()), max(1, size.height())
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(_PLACEHOLDER_BACKGROUND)
    show_text = bool(message.strip()) and min(width, height) >= _MIN_SIDE_FOR_TEXT
    side = min(width, height) * (0.28 if show_text else 0.6)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        if show_text:
            font = QFont(painter.font())
            font.setPixelSize(int(max(11, min(22, min(width, height) / 22))))
            painter.setFont(font)
            # Prefer word boundaries but break anywhere if a token (a long
            # path without spaces) is wider than the panel.
            option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            text_width = width * 0.8
            gap = side * 0.25
            text_height = painter.boundingRect(
                QRectF(0, 0, text_width, height), message, option
            ).height()
            # Whatever does not fit below the glyph is clipped, not drawn over it.
            text_height = min(text_height, height - side - gap)
            top = max(0.0, (height - side - gap - text_height) / 2)
            _draw_broken_picture(painter, QRectF((width - side) / 2, top, side, side))
            painter.setPen(_PLACEHOLDER_TEXT)
            text_rect = QRectF((width - text_width) / 2, top + side + gap, text_width, text_height)
            painter.save()
            painter.setClipRect(text_rect)
            painter.drawText(text_rect, message, option)
            painter.restore()
        else:
            _draw_broken_picture(
                painter, QRectF((width - side) / 2, (height - side) / 2, side, side)
            )
    finally:
        painter.end()
    return image


def _draw_broken_picture(painter: QPainter, rect: QRectF) -> None:
    """A framed landscape (sun, hills) with a slash through it."""
    pen = QPen(_PLACEHOLDER_GLYPH, max(1.0, rect.width() / 18))
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    frame = rect.adjusted(
        rect.width() * 0.04, rect.height() * 0.14, -rect.width() * 0.04, -rect.height() * 0.14
    )
    painter.drawRoundedRect(frame, frame.width() * 0.08, frame.width() * 0.08)

    painter.setBrush(_PLACEHOLDER_GLYPH)
    sun_r = frame.width() * 0.09
    painter.drawEllipse(
        QPointF(frame.left() + frame.width() * 0.3, frame.top() + frame.height() * 0.32),
        sun_r,
        sun_r,
    )
    hills = QPainterPath()
    base = frame.bottom() - frame.height() * 0.12
    hills.moveTo(frame.left() + frame.width() * 0.1, base)
    hills.lineTo(frame.left() + frame.width() * 0.42, frame.top() + frame.height() * 0.45)
    hills.lineTo(frame.left() + frame.width() * 0.6, frame.top() + frame.height() * 0.65)
    hills.lineTo(frame.left() + frame.width() * 0.72, frame.top() + frame.height() * 0.52)
    hills.lineTo(frame.right() - frame.width() * 0.1, base)
    hills.closeSubpath()
    painter.drawPath(hills)

    # The slash, drawn in the background colour under a glyph-coloured line,
    # reads as "broken" even at 32 px.
    painter.setBrush(Qt.BrushStyle.NoBrush)
    gap_pen = QPen(_PLACEHOLDER_BACKGROUND, pen.widthF() * 3)
    gap_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    start = QPointF(rect.left() + rect.width() * 0.12, rect.top() + rect.height() * 0.08)
    end = QPointF(rect.right() - rect.width() * 0.12, rect.bottom() - rect.height() * 0.08)
    painter.setPen(gap_pen)
    painter.drawLine(start, end)
    painter.setPen(pen)
    painter.drawLine(start, end)
