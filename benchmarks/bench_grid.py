"""The grid view (issue 14): scrolling 2,000 thumbnails, the longest GUI-thread stall.

Run: ``python benchmarks/bench_grid.py [--items 2000] [--side 1600] [--json FILE]``
(numbers go to stdout; nothing is asserted). Offscreen, styled as the app.

The data: a session of ``--items`` dev errors, each with its own JPEG path
(a few distinct ``--side``-pixel pictures hard-linked to every path: the
loader and the disk cache key by path, so each path is a fresh decode).

Measured the way ``suite/gui_measures.py`` measures the spreadsheet: a 5 ms
``QTimer`` probe on the GUI thread; after each step (PageDown on the grid, or a
scroll-bar jump) the event loop runs for a reviewer's dwell (80 ms) and the
longest gap between two probe ticks is that step's stall. Steps go over every
item. Three runs:

Also one measurement of ``benchmarks/run.py`` (``--only grid``): :func:`measure`.

1. **cold**: the real window, Ctrl+3, thumbnails decoded from the JPEGs (and
   written to the disk cache beside the session) while scrolling;
2. **warm disk**: a new window (empty memory cache), thumbnails read back
   from the disk cache;
3. **baseline**: a bare ``QListView`` in icon mode over a trivial Python model
   of the same count, same cell size, no thumbnails, same steps.

Issue 14's target: the grid's longest stall at most 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

from suite.gui_measures import DWELL_MS, StallProbe, press, run_events, setup_qt, wait_for  # noqa: E402

DISTINCT = 6


def make_data(folder: Path, items: int, side: int) -> Path:
    import numpy as np
    import pandas as pd
    from PIL import Image

    from erroranalysis.core.categories import Category
    from erroranalysis.core.session import ReviewSession

    rng = np.random.default_rng(0)
    images = folder / "images"
    images.mkdir(parents=True)
    sources = []
    for i in range(DISTINCT):
        # Smooth gradients plus noise: a photo-like JPEG (pure noise compresses badly).
        y, x = np.mgrid[0 : side * 3 // 4, 0:side]
        base = np.stack([(x * (i + 1)) % 256, (y * 2) % 256, ((x + y) // 3) % 256], axis=-1)
        noise = rng.integers(0, 40, base.shape)
        path = folder / f"source{i}.jpg"
        Image.fromarray((base + noise).clip(0, 255).astype("uint8")).save(path, quality=90)
        sources.append(path)
    for i in range(items):
        os.link(sources[i % DISTINCT], images / f"{i:06d}.jpg")
    frame = pd.DataFrame(
        {
            "key": [f"item-{i}" for i in range(items)],
            "image": [f"images/{i:06d}.jpg" for i in range(items)],
            "label": rng.integers(0, 10, items).astype(str),
            "prediction": rng.integers(0, 10, items).astype(str),
            "score": rng.random(items),
            "split": "dev",
        }
    )
    categories = [Category(f"category {i}", shortcut=str(i + 1)) for i in range(5)]
    session = ReviewSession.create(
        folder / "grid.easession",
        frame,
        categories,
        dev_size=items * 10,
        dev_errors=items,
        base_dir=folder,
    )
    ids = session.item_ids()
    session.set_ticks(ids[::3], session.categories()[0].id, True)
    session.set_ticks(ids[::7], session.categories()[1].id, True)
    session.close()
    return folder / "grid.easession"


def scroll(view, scroll_bar, probe: StallProbe, jumps: int, deadline: float) -> dict:  # type: ignore[no-untyped-def]
    """PageDown until the end, then scroll-bar jumps; the stall of each step."""
    from PySide6.QtCore import Qt

    rng = random.Random(5)
    stalls: list[float] = []
    pages = 0
    probe.start()
    probe.mark()
    if not view.currentIndex().isValid():
        view.setCurrentIndex(view.model().index(0, view.modelColumn()))
    while scroll_bar.value() < scroll_bar.maximum() and time.perf_counter() < deadline:
        before = scroll_bar.value()
        press(view, Qt.Key.Key_PageDown)
        if scroll_bar.value() == before:  # the key did not scroll: page the bar instead
            scroll_bar.setValue(before + scroll_bar.pageStep())
        run_events(DWELL_MS)
        stalls.append(probe.mark())
        pages += 1
    for _ in range(jumps):
        scroll_bar.setValue(rng.randint(scroll_bar.minimum(), scroll_bar.maximum()))
        run_events(DWELL_MS)
        stalls.append(probe.mark())
    probe.stop()
    ordered = sorted(stalls)
    return {
        "steps": len(stalls),
        "pages": pages,
        "jumps": jumps,
        "max_ms": round(max(stalls), 1) if stalls else None,
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1) if stalls else None,
        "median_ms": round(statistics.median(stalls), 1) if stalls else None,
        "stalls_ms": [round(stall, 2) for stall in stalls],
    }


def grid_run(session_path: Path, label: str, jumps: int) -> dict:
    from PySide6.QtCore import Qt

    from erroranalysis.core.session import ReviewSession
    from erroranalysis.gui.main_window import MainWindow

    session = ReviewSession.open(session_path)
    window = MainWindow(session)
    window.resize(1400, 900)
    window.show()
    run_events(300)
    begin = time.perf_counter()
    press(window.review_view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    grid = window.grid_view
    run_events(1)
    switch_ms = (time.perf_counter() - begin) * 1000
    grid.list.setFocus()
    # The first screen: every visible cell has its thumbnail.
    begin = time.perf_counter()
    wait_for(lambda: grid.list.viewport().grab() is not None and not grid._waiting, 60)
    first_screen_ms = (time.perf_counter() - begin) * 1000
    probe = StallProbe()
    result = scroll(
        grid.list, grid.list.verticalScrollBar(), probe, jumps, time.perf_counter() + 600
    )
    store = grid.loader.thumbnail_store
    result.update(
        run=label,
        items=grid.proxy.rowCount(),
        visible_cells=grid.visible_cells(),
        switch_ms=round(switch_ms, 1),
        first_screen_ms=round(first_screen_ms, 1),
        disk_hits=store.hits,
        disk_misses=store.misses,
        disk_bytes=store.used_bytes,
    )
    window.close()
    run_events(100)
    return result


def baseline_run(items: int, cell: tuple[int, int], jumps: int) -> dict:
    from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt
    from PySide6.QtWidgets import QAbstractItemView, QListView

    class Trivial(QAbstractListModel):
        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else items

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"item {index.row()}"
            return None

    view = QListView()
    model = Trivial(view)
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setMovement(QListView.Movement.Static)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setUniformItemSizes(True)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setGridSize(QSize(*cell))
    view.setModel(model)
    view.resize(1000, 800)
    view.show()
    run_events(300)
    view.setFocus()
    probe = StallProbe()
    result = scroll(view, view.verticalScrollBar(), probe, jumps, time.perf_counter() + 600)
    result.update(run="baseline: bare QListView, trivial model", items=items)
    view.close()
    return result


def baseline_cell() -> tuple[int, int]:
    """The grid's cell at its default size, for the bare QListView."""
    from erroranalysis.gui.grid.grid_delegate import PADDING
    from erroranalysis.gui.grid.grid_view import DEFAULT_SIDE

    return DEFAULT_SIDE + 2 * PADDING + 4, DEFAULT_SIDE + 2 * PADDING + 24


def measure(ctx, items: int = 2000, side: int = 1600) -> None:  # type: ignore[no-untyped-def]
    """The rows of ``benchmarks/run.py``'s table: the grid's per-step stalls scrolling
    ``items`` thumbnails (first decodes, then from the disk cache), each beside a bare
    QListView's stalls over the same steps in the same process."""
    from suite.common import Row

    setup_qt(ctx.scratch / "user-data")
    session_path = make_data(ctx.scratch / "grid-data", items, side)
    jumps = 20 if ctx.data.scale.name == "full" else 10
    cold = grid_run(session_path, "cold", jumps)
    warm = grid_run(session_path, "warm", jumps)
    base = baseline_run(items, baseline_cell(), jumps)
    for key, name, run in (
        ("grid_stall_cold", "grid: scrolling 2,000 thumbnails, first decodes", cold),
        ("grid_stall_warm", "grid: scrolling 2,000 thumbnails, from the disk cache", warm),
    ):
        ctx.write(
            Row(
                key,
                name.replace("2,000", f"{items:,}") + " (longest GUI-thread stall per step)",
                "ms",
                run["stalls_ms"],
                "bare QListView in icon mode, trivial model, same steps",
                base["stalls_ms"],
                note=(
                    f"{run['pages']} pages, {run['jumps']} scroll-bar jumps; "
                    f"{run['visible_cells']} cells visible; disk cache {run['disk_hits']} "
                    f"hits, {run['disk_misses']} misses; "
                    f"{sum(s > 50 for s in run['stalls_ms'])} steps over 50 ms"
                ),
            )
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--side", type=int, default=1600, help="width of the source JPEGs")
    parser.add_argument("--jumps", type=int, default=20)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--switch-interval",
        type=float,
        default=None,
        metavar="S",
        help="sys.setswitchinterval for the run (Python's default 0.005 s): how long a "
        "decoder thread may hold the GIL while the GUI thread waits",
    )
    parser.add_argument("--threads", type=int, default=None, help="the grid's decoder threads")
    args = parser.parse_args(argv)
    if args.threads:
        from erroranalysis.gui.grid import grid_view

        grid_view.GRID_DECODER_THREADS = args.threads
    if args.switch_interval:
        sys.setswitchinterval(args.switch_interval)
    scratch = Path(tempfile.mkdtemp(prefix="bench-grid-"))
    try:
        setup_qt(scratch / "user")
        session_path = make_data(scratch / "data", args.items, args.side)
        runs = [grid_run(session_path, "cold (decoding JPEGs)", args.jumps)]
        runs.append(grid_run(session_path, "warm (disk cache)", args.jumps))
        runs.append(baseline_run(args.items, baseline_cell(), args.jumps))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"Grid scrolling over {args.items:,} items ({os.cpu_count()} CPUs):")
    print(f"{'run':42} {'steps':>5} {'median':>7} {'p95':>7} {'max':>7}  notes")
    for run in runs:
        notes = ""
        if "disk_hits" in run:
            notes = (
                f"{run['visible_cells']} cells visible; first screen "
                f"{run['first_screen_ms']:.0f} ms; disk cache {run['disk_hits']} hits, "
                f"{run['disk_misses']} misses, {run['disk_bytes'] / 1e6:.1f} MB"
            )
        print(
            f"{run['run']:42} {run['steps']:>5} {run['median_ms']:>6}ms {run['p95_ms']:>6}ms "
            f"{run['max_ms']:>6}ms  {notes}"
        )
    base = runs[-1]["max_ms"] or 1.0
    for run in runs[:2]:
        verdict = "PASS" if run["max_ms"] <= 50 else "FAIL"
        print(
            f"{run['run']}: longest stall {run['max_ms']} ms = {run['max_ms'] / base:.1f}x the "
            f"bare QListView's {base} ms (target <= 50 ms: {verdict})"
        )
    if args.json:
        args.json.write_text(json.dumps(runs, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
