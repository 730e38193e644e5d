"""Thumbnails for views that show hundreds at once (the grid, the spreadsheet).

Such a view paints from its own bounded memory (:class:`ThumbnailMemory`), asks
for what is missing after the paint, and has its decodes done by a loader of
its own (:func:`background_thumbnail_loader`) whose thread gives way to the GUI
thread and keeps what it made on disk beside the session: scrolling never
waits on a decode, and the review's loader stays free for the image the
reviewer asked for.
"""

from __future__ import annotations

import contextlib
import operator
import os
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread
from PySide6.QtGui import QImage

from erroranalysis.gui.image_loader import ImageLoader
from erroranalysis.gui.thumbnail_cache import ThumbnailStore, thumbnail_folder

#: How much the thumbnail decoder threads give way to the GUI thread (Linux nice value).
DECODER_NICENESS = 10


def lower_this_thread() -> None:
    """Make the calling thread yield the CPU to the others (the GUI thread above all).

    On a busy two-core laptop the decoder and the GUI thread compete for the
    CPU: while scrolling with first decodes, a page's paint took 14 ms of CPU
    over 40-50 ms of wall time (benchmarks/bench_grid.py). A decoder thread that
    gives way costs thumbnails a little latency, never the scrolling. Linux
    ignores QThread priorities for normal threads, so there the thread's nice
    value is raised instead (per thread on Linux; elsewhere the same call would
    renice a process, so Qt's priority is used).
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), DECODER_NICENESS)
        return
    thread = QThread.currentThread()
    if thread is not None:
        thread.setPriority(QThread.Priority.LowPriority)


class BackgroundThumbnailStore(ThumbnailStore):
    """The disk cache of thumbnails, run on a loader's decoder threads, lowering the
    priority of the one it runs on (a system call: the pool may replace its threads,
    and a thread id may be reused, so it is done for every thumbnail)."""

    def decode(self, path: str, box: tuple[int, int]) -> Any:
        lower_this_thread()
        return super().decode(path, box)


#: One store per folder: the store counts the folder's bytes against its budget and
#: evicts under its lock, so the grid's and the spreadsheet's loaders must share it
#: (two stores would each allow the whole budget).
_STORES: weakref.WeakValueDictionary[Path, BackgroundThumbnailStore] = (
    weakref.WeakValueDictionary()
)


def _store_for(folder: Path) -> BackgroundThumbnailStore:
    store = _STORES.get(folder)
    if store is None:
        store = _STORES[folder] = BackgroundThumbnailStore(folder)
    return store


def background_thumbnail_loader(parent: QObject, session: Any, threads: int = 1) -> ImageLoader:
    """A loader that only decodes thumbnails, at low priority, through the session's
    disk cache (one store per folder, shared); it keeps nothing in memory (the view's
    :class:`ThumbnailMemory` does)."""
    loader = ImageLoader(parent, thumbnail_cache_bytes=0, threads=threads)
    location = getattr(session, "location", None)
    path = None if location is not None else session.path
    loader.thumbnail_store = _store_for(thumbnail_folder(path, session.session_id))
    return loader


class ThumbnailMemory:
    """Decoded thumbnails by key, least recently painted evicted first (bounded in bytes).

    Each is kept with the size it was decoded for. ``serves(kept, wanted)`` says
    whether a kept decode serves a wanted size: equal sizes by default; the grid
    passes ``operator.ge`` on its decode steps, so a sharper decode serves smaller
    cells and is kept over a blurrier one.
    """

    def __init__(
        self, budget_bytes: int, *, serves: Callable[[Any, Any], bool] = operator.eq
    ) -> None:
        self.budget_bytes = budget_bytes
        self.used_bytes = 0
        self._serves = serves
        self._entries: OrderedDict[Hashable, tuple[Any, QImage]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable, size: Any) -> QImage | None:
        entry = self._entries.get(key)
        if entry is None or not self._serves(entry[0], size):
            return None
        self._entries.move_to_end(key)
        return entry[1]

    def put(self, key: Hashable, size: Any, image: QImage) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self.used_bytes -= old[1].sizeInBytes()
            if old[0] != size and self._serves(old[0], size):
                size, image = old  # keep the sharper one
        self._entries[key] = (size, image)
        self.used_bytes += image.sizeInBytes()
        while self.used_bytes > self.budget_bytes and len(self._entries) > 1:
            _key, (_size, evicted) = self._entries.popitem(last=False)
            self.used_bytes -= evicted.sizeInBytes()

    def clear(self) -> None:
        self._entries.clear()
        self.used_bytes = 0
