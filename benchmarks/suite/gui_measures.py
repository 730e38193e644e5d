"""Measurements on the real window, offscreen, through QTest key events.

What a reviewer waits for is measured from outside the app:

- *key -> painted*: the time from just before ``QTest.keyClick`` (which runs
  the key's handler synchronously) until the event loop has delivered the
  first ``QEvent.Paint`` of the watched widget at which the screen state is
  the expected one (the new item's key and a picture in the canvas; the new
  count in the tally table), and that paint has finished (the nested event
  loop is quit from an event filter and returns after the paint completes);
- *stalls*: a 5 ms ``QTimer`` (``PreciseTimer``) probe on the GUI thread; the
  longest gap between two of its ticks is the longest time the window could
  not answer. Every wait runs the event loop (never ``time.sleep``), so the
  probe runs whenever the app lets it.

Baselines (``measure_bare``) use the same machinery on bare widgets: a
``QMainWindow`` shown; keys on a widget that does one committed SQLite UPDATE
on a copy of the session (WAL, ``synchronous=FULL`` like the app) and sets a
label or a ready pixmap; PageDown on a ``QTableView`` over a trivial
100,000-row model.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from suite.common import Row, copy_session, peak_rss_mb, rss_mb

#: The window size of the GUI tests and the screenshots.
WINDOW_SIZE = (1400, 900)
#: A reviewer's pause between keys once the screen has answered.
DWELL_MS = 80
#: The longest a single key may take before it counts as "never painted".
KEY_TIMEOUT_S = 10.0
#: Unmeasured keys before a bare baseline: its first paint of new text fills Qt's glyph
#: caches, which the real window already did while opening.
WARM_UP = 3


def setup_qt(user_data: Path):  # type: ignore[no-untyped-def]
    """A QApplication as the app makes it, with settings kept in ``user_data``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ERRORANALYSIS_DATA_DIR"] = str(user_data)
    user_data.mkdir(parents=True, exist_ok=True)
    from PySide6 import QtCore

    if sys.version_info < (3, 12) and QtCore.__version__ == "6.12.0":
        # PySide6 6.12.0 drops references to None on Python < 3.12 and the
        # interpreter aborts after a few thousand calls; the app refuses that
        # version, a benchmark run with it anyway must not die of it.
        import ctypes

        for singleton in (None, True, False):
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(user_data / "qsettings"))
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(user_data / "qsettings"))
    if QApplication.instance() is None:
        QApplication([sys.argv[0]])
    # Styled as the app styles itself (Fusion, its palette and style sheet): a style
    # sheet makes every widget's paint slower, and the reviewer sees the styled one.
    from erroranalysis.gui.app import make_application

    return make_application()


# -- instruments -----------------------------------------------------------------------


def _qt():  # type: ignore[no-untyped-def]
    from PySide6 import QtCore

    return QtCore


class StallProbe:
    """A 5 ms timer on the GUI thread; :meth:`mark` gives the longest gap since the last
    mark (including the gap in progress), in ms."""

    def __init__(self, interval_ms: int = 5) -> None:
        QtCore = _qt()
        self._timer = QtCore.QTimer()
        self._timer.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = time.perf_counter()
        self._max = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self._max = 0.0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = now - self._last
        self._last = now
        if gap > self._max:
            self._max = gap

    def mark(self) -> float:
        now = time.perf_counter()
        value = max(self._max, now - self._last)
        self._max = 0.0
        return value * 1000


def _make_paint_watch():  # type: ignore[no-untyped-def]
    QtCore = _qt()

    class PaintWatch(QtCore.QObject):
        """Waits for a paint of some widgets at which ``condition()`` holds."""

        def __init__(self, widgets: Sequence[object]) -> None:
            super().__init__()
            self._widgets = list(widgets)
            for widget in self._widgets:
                widget.installEventFilter(self)
            self._condition: Callable[[], bool] | None = None
            self._loop: object | None = None
            self.done = False
            self.paints = 0

        def arm(self, condition: Callable[[], bool]) -> None:
            self._condition = condition
            self.done = False
            self.paints = 0

        def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]
            if (
                event.type() == QtCore.QEvent.Type.Paint
                and self._condition is not None
                and not self.done
            ):
                self.paints += 1
                if self._condition():
                    self.done = True
                    if self._loop is not None:
                        self._loop.quit()
            return False

        def wait(self, timeout_s: float = KEY_TIMEOUT_S) -> bool:
            """Run the event loop until the armed paint has happened (and finished)."""
            if not self.done:
                loop = QtCore.QEventLoop()
                self._loop = loop
                QtCore.QTimer.singleShot(int(timeout_s * 1000), loop.quit)
                loop.exec()
                self._loop = None
            self._condition = None
            return self.done

        def remove(self) -> None:
            for widget in self._widgets:
                widget.removeEventFilter(self)

    return PaintWatch


def run_events(ms: float) -> None:
    """Let the event loop run for ``ms`` (the probe ticks, decodes land, timers fire)."""
    QtCore = _qt()
    loop = QtCore.QEventLoop()
    QtCore.QTimer.singleShot(max(0, int(ms)), loop.quit)
    loop.exec()


def wait_for(condition: Callable[[], bool], timeout_s: float, step_ms: int = 5) -> bool:
    """Run the event loop until ``condition()`` holds (checked every ``step_ms``)."""
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            return False
        run_events(step_ms)
    return True


def press(widget, key, modifier=None) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    if modifier is None:
        modifier = Qt.KeyboardModifier.NoModifier
    QTest.keyClick(widget, key, modifier)


# -- the real window --------------------------------------------------------------------


class ReviewHarness:
    """The real :class:`MainWindow` on a copy of the session, and what is on its screen."""

    def __init__(self, ctx, session_path: Path) -> None:  # type: ignore[no-untyped-def]
        from erroranalysis.core.session import ReviewSession

        self.ctx = ctx
        self.session_path = session_path
        self._session_type = ReviewSession
        self.window = None
        PaintWatch = _make_paint_watch()
        self._paint_watch_type = PaintWatch

    # ------------------------------------------------------------- opening
    def open(self) -> dict[str, float]:
        """Open the session and the window; times (s) to first paint and to the image."""
        from erroranalysis.gui.main_window import MainWindow

        start = time.perf_counter()
        session = self._session_type.open(self.session_path)
        window = MainWindow(session)
        self.window = window
        view = window.review_view
        watched = [view, view.canvas.viewport()]
        watch = self._paint_watch_type(watched)
        watch.arm(lambda: True)
        # The window sizes itself (1400x900, or its saved layout) as in the app; like a
        # window manager, keep it within the screen (offscreen Qt does not).
        available = window.screen().availableGeometry()
        if window.width() > available.width() or window.height() > available.height():
            window.resize(
                min(window.width(), available.width()), min(window.height(), available.height())
            )
        window.show()
        painted = watch.wait(120)
        shown = time.perf_counter() - start
        watch.arm(lambda: view.canvas.showing_image)
        watch.wait(60)
        with_image = time.perf_counter() - start
        watch.remove()
        if not painted:
            raise TimeoutError("the review view was not painted within 120 s")
        self.activate()
        return {"shown": shown, "image": with_image}

    def activate(self) -> None:
        from PySide6.QtWidgets import QApplication

        window = self.window
        window.activateWindow()
        wait_for(lambda: QApplication.activeWindow() is window, 5)
        view = window.review_view
        view.setFocus()
        wait_for(view.hasFocus, 5)

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            run_events(50)
            self.window = None

    # ------------------------------------------------------------ reading
    @property
    def view(self):  # type: ignore[no-untyped-def]
        return self.window.review_view

    @property
    def session(self):  # type: ignore[no-untyped-def]
        return self.window.session

    def display_box(self):  # type: ignore[no-untyped-def]
        """The box the review view asks the loader for (its own, if it still says)."""
        from PySide6.QtCore import QSize

        own = getattr(self.view, "_display_box", None)
        if own is not None:
            return own()
        size = self.view.canvas.viewport().size()
        ratio = self.view.devicePixelRatioF()
        side = max(size.width(), size.height(), 256) * ratio
        side = int(-(-side // 256) * 256)
        return QSize(side, side)

    def loader(self):  # type: ignore[no-untyped-def]
        return self.window.image_loader

    def shows_item(self, key: str) -> bool:
        view = self.view
        return view.key_label.text() == key and view.canvas.showing_image

    def cached(self, path: str) -> bool:
        return self.loader().cached_image(path) is not None


class ItemPaths:
    """Keys and resolved image paths of every item by position (read once, untimed)."""

    def __init__(self, session) -> None:  # type: ignore[no-untyped-def]
        columns = session.item_columns(["key", "image"])
        self.keys = [str(k) for k in columns["key"]]
        self._images = [str(i) for i in columns["image"]]
        self._session = session

    def path(self, position: int) -> str:
        return str(self._session.resolve_image(self._images[position]))

    def __len__(self) -> int:
        return len(self.keys)


def _category_keys(session) -> list[tuple[str, int, str]]:  # type: ignore[no-untyped-def]
    """(key, category id, name as the tally shows it) of the categories on keys 1-9."""
    from erroranalysis.core.categories import display_name

    return [
        (c.shortcut, c.id, display_name(c))
        for c in session.categories()
        if c.shortcut in tuple("123456789")
    ]


def panel_count(panel, name: str) -> int | None:  # type: ignore[no-untyped-def]
    """The count the tally panel shows for category ``name`` (read from its cells)."""
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QAbstractItemView

    for view in panel.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or model.columnCount(QModelIndex()) < 2:
            continue
        for row in range(model.rowCount(QModelIndex())):
            shown_name = str(model.data(model.index(row, 0)) or "")
            if shown_name == name or shown_name.startswith(name + " ("):
                text = str(model.data(model.index(row, 1)) or "").split("/")[0]
                text = text.strip().replace(",", "")
                return int(text) if text.isdigit() else None
    return None


def _tally_views(panel) -> list:  # type: ignore[no-untyped-def]
    """The widgets whose paint shows the tally's numbers (the table's viewport)."""
    from PySide6.QtWidgets import QAbstractItemView

    views = [v.viewport() for v in panel.findChildren(QAbstractItemView)]
    return views or [panel]


# -- phases -----------------------------------------------------------------------------


def phase_ticks(
    ctx, harness: ReviewHarness, paths: ItemPaths, probe: StallProbe, count: int, deadline: float
) -> None:  # type: ignore[no-untyped-def]
    """Tick keys on the first unreviewed item: key -> tally panel shows the new count."""
    window = harness.window
    view = harness.view
    session = harness.session
    panel = window.tally_panel
    position = ctx.data.layout.tick_position
    if session.position != position:
        view.go_to(position)
    wait_for(lambda: harness.shows_item(paths.keys[position]), 10)
    keys = _category_keys(session)
    item_id = view.current_item().id
    watch = harness._paint_watch_type(_tally_views(panel))
    latencies: list[float] = []
    stalls: list[float] = []
    misses = 0
    run_events(300)
    probe.start()
    probe.mark()
    with ctx.profiler.part("gui_ticks"):
        for index in range(count):
            if time.perf_counter() > deadline:
                break
            key, category_id, name = keys[(index // 2) % len(keys)]
            before = panel_count(panel, name)
            ticked = session.is_ticked(item_id, category_id)
            expected = None if before is None else before + (-1 if ticked else 1)
            watch.arm(lambda n=name, e=expected: panel_count(panel, n) == e)
            start = time.perf_counter()
            press(view, key)
            ok = watch.wait()
            latencies.append((time.perf_counter() - start) * 1000 if ok else float("nan"))
            misses += not ok
            run_events(DWELL_MS)
            stalls.append(probe.mark())
    probe.stop()
    watch.remove()
    done = len(stalls)
    note = f"{done} ticks (tick/untick keys 1-9 in turn) on one item"
    if done < count:
        note += f", stopped at the time budget (asked {count})"
    if misses:
        note += f"; {misses} never showed the expected count within {KEY_TIMEOUT_S:.0f} s"
    ctx.write(
        Row(
            "tick_tally",
            "tick key -> tally panel shows the new count",
            "ms",
            [x for x in latencies if x == x],
            "bare widget: key -> one UPDATE -> label painted",
            baseline_key="bare_tick",
            note=note,
        )
    )
    ctx.write(
        Row(
            "stall_tick",
            "longest GUI-thread stall while ticking (per key)",
            "ms",
            stalls,
            "bare widget, same keys + one SQLite UPDATE",
            baseline_key="bare_tick_stall",
            note=_stall_note(stalls),
        )
    )


def _stall_note(stalls: list[float]) -> str:
    if not stalls:
        return ""
    over = sum(s > 100 for s in stalls)
    return (
        f"{over} of {len(stalls)} keys stalled the window over 100 ms; "
        f"{sum(s > 50 for s in stalls)} over 50 ms"
    )


def _press_next_and_wait(
    harness: ReviewHarness, paths: ItemPaths, target: int, watch
) -> float | None:  # type: ignore[no-untyped-def]
    """Press Right; ms until the item at ``target`` is painted with a picture."""
    from PySide6.QtCore import Qt

    key = paths.keys[target]
    watch.arm(lambda: harness.shows_item(key))
    start = time.perf_counter()
    press(harness.view, Qt.Key.Key_Right)
    ok = watch.wait()
    return (time.perf_counter() - start) * 1000 if ok else None


def _wait_prefetched(harness: ReviewHarness, paths: Sequence[str], timeout_s: float) -> bool:
    return wait_for(lambda: all(harness.cached(p) for p in paths), timeout_s)


def phase_moves(
    ctx,
    harness: ReviewHarness,
    paths: ItemPaths,
    probe: StallProbe,
    *,
    key: str,
    name: str,
    start: int,
    count: int,
    deadline: float,
) -> list[float]:  # type: ignore[no-untyped-def]
    """Right keys from ``start``, each pressed once the next image is prefetched."""
    view = harness.view
    view.go_to(start)
    wait_for(lambda: harness.shows_item(paths.keys[start]), 15)
    watch = harness._paint_watch_type([view.canvas.viewport(), view])
    latencies: list[float] = []
    stalls: list[float] = []
    not_prefetched = misses = 0
    probe.start()
    with ctx.profiler.part(f"gui_{key}"):
        for step in range(count):
            if time.perf_counter() > deadline:
                break
            here = start + step
            # A reviewer looks at the picture for a while: the next one is decoded meanwhile.
            if not _wait_prefetched(harness, [paths.path(here + 1)], 5):
                not_prefetched += 1
            run_events(DWELL_MS)
            probe.mark()
            took = _press_next_and_wait(harness, paths, here + 1, watch)
            if took is None:
                misses += 1
            else:
                latencies.append(took)
            run_events(DWELL_MS)
            stalls.append(probe.mark())
    probe.stop()
    watch.remove()
    note = f"{len(stalls)} keys"
    if len(stalls) < count:
        note += f", stopped at the time budget (asked {count})"
    if not_prefetched:
        note += f"; {not_prefetched} next images were not prefetched within 5 s"
    if misses:
        note += f"; {misses} never painted within {KEY_TIMEOUT_S:.0f} s"
    ctx.write(
        Row(
            key,
            name,
            "ms",
            latencies,
            "bare widget: key -> one UPDATE -> ready pixmap painted",
            baseline_key="bare_move",
            note=note,
        )
    )
    return stalls


def _pillow_floor(path: str, box) -> float:  # type: ignore[no-untyped-def]
    """ms to open + draft + convert + resize ``path`` to fit ``box`` with Pillow alone."""
    from PIL import Image

    from erroranalysis.core.imaging import fit_within

    start = time.perf_counter()
    with Image.open(path) as image:
        target = fit_within(image.size, (box.width(), box.height()))
        image.draft("RGB", target)
        image = image.convert("RGB")
        if image.size != target:
            image = image.resize(target, Image.Resampling.BICUBIC)
    return (time.perf_counter() - start) * 1000


def phase_cold(
    ctx,
    harness: ReviewHarness,
    paths: ItemPaths,
    *,
    key: str,
    name: str,
    positions: Sequence[int],
    deadline: float,
) -> None:  # type: ignore[no-untyped-def]
    """Jumps (``ReviewView.go_to``, what a click in the spreadsheet does) to items whose
    image was never requested, to painted; then the Pillow floor on the same file."""
    view = harness.view
    watch = harness._paint_watch_type([view.canvas.viewport(), view])
    jumps: list[float] = []
    floors: list[float] = []
    misses = 0
    sizes = set()
    with ctx.profiler.part(f"gui_{key}"):
        for target in positions:
            if time.perf_counter() > deadline:
                break
            here = view.session.position
            neighbours = [
                paths.path(p)
                for p in range(max(0, here - 2), here + 4)
                if p < len(paths) and p != here
            ]
            # The reviewer was looking at the previous item: its prefetches are done.
            _wait_prefetched(harness, neighbours, 5)
            run_events(DWELL_MS)
            path = paths.path(target)
            assert not harness.cached(path), "a cold jump target was already decoded"
            item_key = paths.keys[target]
            watch.arm(lambda k=item_key: harness.shows_item(k))
            start = time.perf_counter()
            view.go_to(target)
            ok = watch.wait()
            if not ok:
                misses += 1
                continue
            jumps.append((time.perf_counter() - start) * 1000)
            # The floor, with the loader idle again (its prefetches would compete).
            after = [
                paths.path(p)
                for p in range(max(0, target - 2), target + 4)
                if p < len(paths) and p != target
            ]
            _wait_prefetched(harness, after, 5)
            box = harness.display_box()
            sizes.add(f"{box.width()}x{box.height()}")
            floors.append(min(_pillow_floor(path, box) for _ in range(3)))
    watch.remove()
    note = f"{len(jumps)} jumps; display box {', '.join(sorted(sizes))}; floor: best of 3"
    if misses:
        note += f"; {misses} never painted within {KEY_TIMEOUT_S:.0f} s"
    ctx.write(
        Row(
            key,
            name,
            "ms",
            jumps,
            "Pillow open + draft + convert + resize to the box",
            floors,
            note=note,
        )
    )


def phase_scroll(
    ctx, harness: ReviewHarness, probe: StallProbe, count: int, deadline: float
) -> None:  # type: ignore[no-untyped-def]
    """The spreadsheet view: PageDown keys and scroll-bar jumps, each to painted."""
    from PySide6.QtCore import Qt

    window = harness.window
    sheet = window.spreadsheet_view
    table = sheet.table
    watch = harness._paint_watch_type([table.viewport()])
    watch.arm(lambda: True)
    start = time.perf_counter()
    press(harness.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    ok = watch.wait(60)
    switch = (time.perf_counter() - start) * 1000
    ctx.write(
        Row(
            "sheet_switch",
            "Ctrl+2: switch to the spreadsheet view -> painted",
            "ms",
            [switch] if ok else [],
            note="" if ok else "never painted within 60 s",
        )
    )
    table.setFocus()
    wait_for(table.hasFocus, 5)
    run_events(300)
    latencies: list[float] = []
    stalls: list[float] = []
    bar = table.verticalScrollBar()
    jumps = max(5, count // 4)
    probe.start()
    probe.mark()
    import random

    rng = random.Random(5)
    with ctx.profiler.part("gui_scroll"):
        for step in range(count + jumps):
            if time.perf_counter() > deadline:
                break
            watch.arm(lambda: True)
            begin = time.perf_counter()
            if step < count:
                press(table, Qt.Key.Key_PageDown)
            else:  # dragging the scroll bar's thumb somewhere else
                bar.setValue(rng.randint(bar.minimum(), bar.maximum()))
            if watch.wait():
                latencies.append((time.perf_counter() - begin) * 1000)
            run_events(DWELL_MS)
            stalls.append(probe.mark())
    probe.stop()
    watch.remove()
    note = (
        f"{min(count, len(stalls))} PageDown keys, {max(0, len(stalls) - count)} scroll-bar jumps"
    )
    ctx.write(
        Row(
            "sheet_scroll",
            "spreadsheet: PageDown / scroll-bar jump -> painted",
            "ms",
            latencies,
            "bare QTableView, trivial 100,000-row model",
            baseline_key="bare_scroll",
            note=note,
        )
    )
    ctx.write(
        Row(
            "stall_scroll",
            "longest GUI-thread stall scrolling the spreadsheet (per step)",
            "ms",
            stalls,
            "bare QTableView, same steps",
            baseline_key="bare_scroll_stall",
            note=_stall_note(stalls),
        )
    )
    press(table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    wait_for(lambda: window.current_view() == "review", 10)
    harness.activate()
    run_events(200)


def phase_flip(ctx, harness: ReviewHarness, paths: ItemPaths, count: int, deadline: float) -> None:  # type: ignore[no-untyped-def]
    """RSS growth after flipping through ``count`` 12-MP images (each painted)."""
    view = harness.view
    start = ctx.data.layout.flip_start
    view.go_to(start)
    wait_for(lambda: harness.shows_item(paths.keys[start]), 15)
    gc.collect()
    run_events(1000)
    before = rss_mb()
    watch = harness._paint_watch_type([view.canvas.viewport(), view])
    steps: list[float] = []
    misses = 0
    began = time.perf_counter()
    with ctx.profiler.part("gui_flip"):
        for step in range(count):
            if time.perf_counter() > deadline:
                break
            took = _press_next_and_wait(harness, paths, start + step + 1, watch)
            if took is None:
                misses += 1
            else:
                steps.append(took)
    watch.remove()
    flipped = len(steps) + misses
    run_events(1500)  # prefetches still running land in the cache too
    gc.collect()
    after = rss_mb()
    cache = getattr(harness.loader(), "cache_bytes_used", None)
    note = (
        f"{flipped} distinct 4000x3000 paths flipped in {time.perf_counter() - began:.0f} s "
        f"(each painted before the next key); RSS {before:.0f} -> {after:.0f} MB"
    )
    if cache is not None:
        note += f"; image cache holds {cache / 1e6:.0f} MB"
    if flipped < count:
        note += f"; stopped at the time budget (asked {count})"
    if misses:
        note += f"; {misses} never painted"
    ctx.write(
        Row(
            "rss_flip",
            f"RSS growth after flipping {flipped:,} 12-MP images",
            "MB",
            [after - before],
            note=note,
            extra={"before_mb": before, "after_mb": after},
        )
    )
    ctx.write(
        Row(
            "flip_step",
            "-> key to painted while flipping without a pause",
            "ms",
            steps,
            note="no dwell: mostly not prefetched; informational",
        )
    )


def measure_review(ctx, phases: Sequence[str]) -> None:  # type: ignore[no-untyped-def]
    """Open the real window on a copy of the session, then run the asked phases in turn."""
    data = ctx.data
    scale = data.scale
    layout = data.layout
    copy = copy_session(data.session, ctx.scratch / "review.easession")
    before_import = time.perf_counter()
    app = setup_qt(ctx.scratch / "user-data")
    import erroranalysis.gui.main_window  # noqa: F401  (timed apart from opening)

    imported = time.perf_counter() - before_import
    del app
    harness = ReviewHarness(ctx, copy)
    open_rows = [
        ("window_shown", "window shown on the session (open -> first paint)", "s"),
        ("rss_open", "RSS with the session open (window shown, 1.5 s idle)", "MB"),
    ]
    try:
        with ctx.profiler.part("gui_open"):
            times = harness.open()
        run_events(1500)
        rss, peak = rss_mb(), peak_rss_mb()
        ctx.write(
            Row(
                "window_shown",
                open_rows[0][1],
                "s",
                [times["shown"]],
                "bare QMainWindow shown",
                baseline_key="bare_window",
                note=f"image painted at {times['image']:.2f} s; importing the GUI "
                f"modules took {imported:.2f} s before (not counted)",
            )
        )
        ctx.write(
            Row(
                "rss_open",
                open_rows[1][1],
                "MB",
                [rss],
                "bare QMainWindow process",
                baseline_key="bare_window_rss",
                note=f"peak RSS while opening {peak:.0f} MB",
                extra={"peak_mb": peak},
            )
        )
    except Exception as error:
        ctx.writer.failed(open_rows, error)
        return
    paths = ItemPaths(harness.session)
    probe = StallProbe()
    budget = ctx.budget
    plans: list[tuple[str, Callable[[float], object], list[tuple[str, str, str]]]] = []
    move_stalls: list[float] = []

    def unreviewed(deadline: float) -> None:
        move_stalls.extend(
            phase_moves(
                ctx,
                harness,
                paths,
                probe,
                key="move_unreviewed",
                name="-> key leaving an unreviewed item -> new item painted (next prefetched)",
                start=layout.unreviewed_start,
                count=scale.moves,
                deadline=deadline,
            )
        )

    def prefetched(deadline: float) -> None:
        move_stalls.extend(
            phase_moves(
                ctx,
                harness,
                paths,
                probe,
                key="move_prefetched",
                name="-> key -> new item painted, prefetched (reviewed items)",
                start=layout.prefetched_start,
                count=scale.moves,
                deadline=deadline,
            )
        )

    plans = [
        (
            "flip",
            lambda d: phase_flip(ctx, harness, paths, scale.flip, d),
            [("rss_flip", "RSS growth after flipping 12-MP images", "MB")],
        ),
        (
            "ticks",
            lambda d: phase_ticks(ctx, harness, paths, probe, scale.ticks, d),
            [
                ("tick_tally", "tick key -> tally panel shows the new count", "ms"),
                ("stall_tick", "longest GUI-thread stall while ticking", "ms"),
            ],
        ),
        (
            "unreviewed",
            unreviewed,
            [("move_unreviewed", "-> key leaving an unreviewed item", "ms")],
        ),
        ("prefetched", prefetched, [("move_prefetched", "-> key, prefetched", "ms")]),
        (
            "cold",
            lambda d: (
                phase_cold(
                    ctx,
                    harness,
                    paths,
                    key="cold_large",
                    name="cold jump to a 4000x3000 JPEG not prefetched -> painted",
                    positions=layout.cold_large,
                    deadline=d,
                ),
                phase_cold(
                    ctx,
                    harness,
                    paths,
                    key="cold_small",
                    name="cold jump to a 1024x768 JPEG not prefetched -> painted",
                    positions=layout.cold_small,
                    deadline=time.perf_counter() + budget(45),
                ),
            ),
            [
                ("cold_large", "cold jump to a 4000x3000 JPEG", "ms"),
                ("cold_small", "cold jump to a 1024x768 JPEG", "ms"),
            ],
        ),
        (
            "scroll",
            lambda d: phase_scroll(ctx, harness, probe, 40 if scale.name == "full" else 20, d),
            [("stall_scroll", "longest GUI-thread stall scrolling the spreadsheet", "ms")],
        ),
    ]
    plans.sort(key=lambda plan: list(phases).index(plan[0]) if plan[0] in phases else 99)
    seconds = {
        "ticks": 60,
        "unreviewed": 60,
        "prefetched": 60,
        "cold": 90,
        "scroll": 60,
        "flip": 240,
    }
    for name, run, rows in plans:
        if name not in phases:
            continue
        try:
            run(time.perf_counter() + budget(seconds[name]))
        except Exception as error:
            ctx.writer.failed(rows, error)
        last_move = name == "prefetched" or (name == "unreviewed" and "prefetched" not in phases)
        if last_move and move_stalls:
            ctx.write(
                Row(
                    "stall_move",
                    "longest GUI-thread stall while moving (-> keys)",
                    "ms",
                    list(move_stalls),
                    "bare widget, same keys + one SQLite UPDATE",
                    baseline_key="bare_move_stall",
                    note=_stall_note(move_stalls),
                )
            )
    try:
        harness.close()
    except Exception as error:  # closing is not measured; say so and go on
        print(f"closing the window failed: {error!r}", file=sys.stderr)


def measure_window(ctx, variant: str) -> None:  # type: ignore[no-untyped-def]
    """Only open the window, in a fresh process: ``fresh`` (no saved layout), ``saved``
    (the layout the previous run saved on closing), ``laptop`` (a 1280x720 screen, where
    the window uses its compact layout)."""
    copy = copy_session(ctx.data.session, ctx.scratch / "window.easession")
    user_data = ctx.scratch / "user-data"
    saved = (user_data / "window.ini").exists()
    setup_qt(user_data)
    from PySide6.QtWidgets import QApplication

    import erroranalysis.gui.main_window  # noqa: F401

    screen = QApplication.primaryScreen().geometry()
    key, name = {
        "fresh": ("window_shown", "window shown on the session (open -> first paint)"),
        "saved": ("window_shown_saved", "window shown again, with the layout it saved"),
        "laptop": ("window_shown_laptop", "window shown on a 1280x720 screen (compact)"),
    }[variant]
    harness = ReviewHarness(ctx, copy)
    try:
        if variant == "saved" and not saved:
            raise RuntimeError("no saved layout to open with (run 'fresh' first)")
        times = harness.open()
        run_events(1500)
        size = harness.window.size()
        note = (
            f"screen {screen.width()}x{screen.height()}, window {size.width()}x"
            f"{size.height()}, compact {harness.window.compact_action.isChecked()}"
        )
        ctx.write(
            Row(
                key,
                name,
                "s",
                [times["shown"]],
                "bare QMainWindow shown",
                baseline_key="bare_window",
                note=note,
            )
        )
        if variant == "fresh":
            ctx.write(
                Row(
                    "rss_open",
                    "RSS with the session open (window shown, 1.5 s idle)",
                    "MB",
                    [rss_mb()],
                    "bare QMainWindow process",
                    baseline_key="bare_window_rss",
                    extra={"peak_mb": peak_rss_mb()},
                )
            )
        harness.close()  # saves the layout, as quitting the app does
    except Exception as error:
        ctx.writer.failed([(key, name, "s")], error)


# -- baselines on bare widgets -------------------------------------------------------------


def measure_bare_window(ctx) -> None:  # type: ignore[no-untyped-def]
    """A bare QMainWindow, the first window of a fresh process: shown -> first paint; RSS."""
    from PySide6.QtWidgets import QLabel, QMainWindow

    setup_qt(ctx.scratch / "user-data")
    PaintWatch = _make_paint_watch()
    start = time.perf_counter()
    window = QMainWindow()
    label = QLabel("bare")
    window.setCentralWidget(label)
    watch = PaintWatch([label, window])
    watch.arm(lambda: True)
    window.resize(*WINDOW_SIZE)
    window.show()
    watch.wait(30)
    shown = time.perf_counter() - start
    run_events(1500)
    ctx.write(Row("bare_window", "bare QMainWindow shown", "s", [shown]))
    ctx.write(Row("bare_window_rss", "bare QMainWindow process RSS", "MB", [rss_mb()]))
    window.close()


def measure_bare_keys(ctx) -> None:  # type: ignore[no-untyped-def]
    """The same keys on bare widgets: one committed SQLite UPDATE and a label or a ready
    pixmap per key; PageDown on a QTableView over a trivial model."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtGui import QColor, QPixmap
    from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

    setup_qt(ctx.scratch / "user-data")
    PaintWatch = _make_paint_watch()
    copy = copy_session(ctx.data.session, ctx.scratch / "bare.easession")
    db = sqlite3.connect(str(copy), isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    ids = [r[0] for r in db.execute("SELECT id FROM items ORDER BY position LIMIT 2000")]

    class Bare(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.count = QLabel("0")
            self.picture = QLabel()
            self.pixmaps = []
            for colour in ("#335577", "#775533"):
                pixmap = QPixmap(1120, 840)
                pixmap.fill(QColor(colour))
                self.pixmaps.append(pixmap)
            self.picture.setPixmap(self.pixmaps[0])
            layout = QVBoxLayout(self)
            layout.addWidget(self.count)
            layout.addWidget(self.picture)
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.n = 0

        def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
            self.n += 1
            db.execute("BEGIN IMMEDIATE")
            if event.key() == Qt.Key.Key_Right:
                db.execute("UPDATE meta SET value = ? WHERE key = 'position'", (str(self.n),))
                self.picture.setPixmap(self.pixmaps[self.n % 2])
            else:
                db.execute(
                    "UPDATE items SET reviewed = 1, reviewed_at = ? WHERE id = ?",
                    (time.time(), ids[self.n % len(ids)]),
                )
            db.execute("COMMIT")
            self.count.setText(str(self.n))

    widget = Bare()
    widget.resize(*WINDOW_SIZE)
    widget.show()
    widget.activateWindow()
    widget.setFocus()
    run_events(300)
    probe = StallProbe()
    count = ctx.data.scale.ticks
    for key, qt_key, watched in (
        ("bare_tick", Qt.Key.Key_1, widget.count),
        ("bare_move", Qt.Key.Key_Right, widget.picture),
    ):
        watch = PaintWatch([watched])
        for _ in range(WARM_UP):
            press(widget, qt_key)
            run_events(DWELL_MS)
        latencies, stalls = [], []
        probe.start()
        probe.mark()
        for _ in range(count):
            watch.arm(lambda: True)
            start = time.perf_counter()
            press(widget, qt_key)
            if watch.wait():
                latencies.append((time.perf_counter() - start) * 1000)
            run_events(DWELL_MS)
            stalls.append(probe.mark())
        probe.stop()
        watch.remove()
        ctx.write(Row(key, f"bare widget: {key} -> painted", "ms", latencies))
        ctx.write(Row(f"{key}_stall", f"bare widget: {key} stall", "ms", stalls))
    widget.close()

    class Trivial(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else 100_000

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else 28

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{index.row()}:{index.column()}"
            return None

    model = Trivial()
    table = QTableView()
    table.setModel(model)
    table.resize(*WINDOW_SIZE)
    table.show()
    table.activateWindow()
    table.setFocus()
    run_events(300)
    watch = PaintWatch([table.viewport()])
    latencies, stalls = [], []
    steps = 40 if ctx.data.scale.name == "full" else 20
    jumps = max(5, steps // 4)
    bar = table.verticalScrollBar()
    import random

    rng = random.Random(5)
    for _ in range(WARM_UP):
        press(table, Qt.Key.Key_PageDown)
        run_events(DWELL_MS)
    probe.start()
    probe.mark()
    for step in range(steps + jumps):
        watch.arm(lambda: True)
        start = time.perf_counter()
        if step < steps:
            press(table, Qt.Key.Key_PageDown)
        else:
            bar.setValue(rng.randint(bar.minimum(), bar.maximum()))
        if watch.wait():
            latencies.append((time.perf_counter() - start) * 1000)
        run_events(DWELL_MS)
        stalls.append(probe.mark())
    probe.stop()
    watch.remove()
    ctx.write(Row("bare_scroll", "bare QTableView scroll -> painted", "ms", latencies))
    ctx.write(Row("bare_scroll_stall", "bare QTableView scroll stall", "ms", stalls))
    db.close()
