"""How fast the spreadsheet's item model is on 100,000 items with 20 categories.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_table.py [--items N]``.
Creates a synthetic session in a temporary folder and prints, in ms: building
the model (and its sort/filter proxy), fetching every role of one screen of
rows (~40 rows x all columns, cold and warm), sorting by a few columns,
filtering, a bulk tick of 10,000 rows through the undo stack (tick, the
model's refresh, undo), and what a click on a category in the tally costs
the spreadsheet (``set_category_filter`` on a category ticked on every 7th
item, then back to all items). Repeated measurements print the median and
the first (cold) run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from erroranalysis.core.categories import Category
from erroranalysis.core.session import ReviewSession
from erroranalysis.gui.session_signals import SessionSignals
from erroranalysis.gui.spreadsheet.item_filter import IMMUTABLE_COLUMNS, ItemFilter
from erroranalysis.gui.spreadsheet.item_table_model import FIRST_CATEGORY_COLUMN
from erroranalysis.gui.spreadsheet.spreadsheet_view import ROW_HEIGHT, SpreadsheetView

ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.TextAlignmentRole,
)


def synthetic_session(folder: Path, items: int, categories: int) -> ReviewSession:
    rng = np.random.default_rng(0)
    classes = [f"class {i:02d}" for i in range(50)]
    frame = pd.DataFrame(
        {
            "key": [f"item-{i:06d}" for i in range(items)],
            "image": [f"images/{i // 1000:03d}/{i:06d}.jpg" for i in range(items)],
            "label": rng.choice(classes, items),
            "prediction": rng.choice(classes, items),
            "score": rng.random(items).round(4),
            "split": "dev",
        }
    )
    return ReviewSession.create(
        folder / "bench.easession",
        frame,
        [Category(f"category {i + 1}") for i in range(categories)],
        dev_size=items * 10,
        dev_errors=items,
    )


def timed(
    label: str,
    action: Callable[[], object],
    repeat: int = 1,
    setup: Callable[[], object] | None = None,
) -> float:
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()  # not timed
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    value = statistics.median(times)
    suffix = f" (median of {repeat}; first {times[0]:.1f})" if repeat > 1 else ""
    print(f"{label:<52} {value:9.1f} ms{suffix}")
    return value


def guard_pyside_none_leak() -> None:
    """Work around PySide6 6.12.0 on Python < 3.12 (for this measurement only).

    That release returns ``None`` from every void method without taking a
    reference; after a few thousand calls (any painting loop) CPython frees
    ``None`` and aborts ("deallocating None"). Python 3.12+ makes ``None``
    immortal, so there it is harmless. The benchmark measures our code, not
    that bug, so it gives ``None`` enough references to outlive the run.
    """
    from PySide6 import QtCore

    if sys.version_info < (3, 12) and QtCore.__version__ == "6.12.0":
        import ctypes

        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
        print("(PySide6 6.12.0 on Python < 3.12: guarding None against its refcount leak)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--categories", type=int, default=20)
    args = parser.parse_args()
    guard_pyside_none_leak()
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        session = synthetic_session(Path(tmp), args.items, args.categories)
        print(
            f"{args.items:,} items, {args.categories} categories "
            f"(session created in {time.perf_counter() - start:.1f} s)"
        )
        signals = SessionSignals(session)
        undo = QUndoStack()
        holder: dict[str, object] = {}

        def build() -> None:
            holder["view"] = SpreadsheetView(session, signals, undo, None)

        timed("build model + proxy + spreadsheet view", build)
        view: SpreadsheetView = holder["view"]  # type: ignore[assignment]
        model, proxy, table = view.model, view.proxy, view.table
        columns = model.columnCount()
        # A window that shows one screen of 40 rows and every column.
        width = sum(table.columnWidth(c) for c in range(columns))
        view.resize(width + 60, 40 * ROW_HEIGHT + 140)
        view.show()
        app.processEvents()
        shown = table.rowAt(table.viewport().height() - 1) - table.rowAt(0) + 1
        viewport = table.viewport()
        print(f"  (viewport {viewport.width()} x {viewport.height()} px, {shown} rows)")
        table.verticalScrollBar().setValue((args.items // 2) * ROW_HEIGHT)
        app.processEvents()

        def paint() -> None:
            table.viewport().repaint()

        model._rows.clear()
        timed("paint one screen (40 rows x all columns), cold", paint)
        timed("paint the same screen again, warm", paint, repeat=5)

        def scroll_steps() -> None:
            # Mouse-wheel-like: 50 steps of half a row, each painted.
            bar = table.verticalScrollBar()
            for _ in range(50):
                bar.setValue(bar.value() + ROW_HEIGHT // 2)
                app.processEvents()
                table.viewport().repaint()

        per_step = timed("scroll 50 steps of half a row, each repainted", scroll_steps) / 50
        print(f"  ({per_step:.1f} ms per step, full repaint of the 40-row viewport)")

        def fetch() -> None:
            # What the paint asks of the model, without the painting: every
            # role a delegate reads, straight from the Python model.
            for row in range(args.items // 2, args.items // 2 + 40):
                for column in range(columns):
                    index = model.index(row, column)
                    for role in ROLES:
                        model.data(index, role)

        model._rows.clear()
        timed("data(): 40 rows x all columns x 4 roles, cold", fetch)
        timed("data(): the same, warm", fetch, repeat=5)
        columns = model.columns

        def read_columns() -> None:
            columns.forget()
            for name in IMMUTABLE_COLUMNS:
                columns.column(name)

        timed("read the immutable columns (once per model)", read_columns)
        columns.forget()  # the sorts below start cold, as after opening a session
        timed("sort by score", lambda: proxy.sort(4), repeat=3)
        timed("sort by label", lambda: proxy.sort(2), repeat=3)
        timed("sort by score descending", lambda: proxy.sort(4, Qt.SortOrder.DescendingOrder), 3)
        timed("sort by a category column", lambda: proxy.sort(FIRST_CATEGORY_COLUMN), repeat=3)
        timed("sort back to review order", lambda: proxy.sort(-1))

        first = model.categories[0].id
        timed(
            "filter: label == 'class 07'", lambda: proxy.set_filter(ItemFilter(label="class 07")), 3
        )
        timed("filter: free text '0042'", lambda: proxy.set_filter(ItemFilter(text="0042")), 3)
        timed(
            "filter: category 1 not ticked",
            lambda: proxy.set_filter(ItemFilter(category_id=first, category_ticked=False)),
            3,
        )
        timed("filter: none", lambda: proxy.set_filter(ItemFilter()), 3)

        ids = model.item_ids()[:: max(1, args.items // 10_000)][:10_000]
        from erroranalysis.gui.commands import SetTicksCommand

        def tick() -> None:
            undo.push(SetTicksCommand(session, ids, first, True))
            app.processEvents()

        timed(f"bulk tick of {len(ids):,} rows (one undo step)", tick)
        timed("paint one screen after the bulk tick", paint)
        timed("undo the bulk tick", lambda: (undo.undo(), app.processEvents()))
        timed(
            "filter: reviewed (re-reads edited columns)",
            lambda: proxy.set_filter(ItemFilter(reviewed=True)),
        )
        timed("tally after the bulk tick", session.tally, repeat=3)

        # A click on a category in the tally: the spreadsheet shows its items.
        scattered = model.categories[1].id
        undo.push(SetTicksCommand(session, model.item_ids()[::7], scattered, True))
        app.processEvents()

        def category_click() -> None:
            view.set_category_filter(scattered)
            app.processEvents()

        def show_all() -> None:
            view.set_category_filter(None)
            app.processEvents()

        timed("category filter click (every 7th item ticked)", category_click, 3, setup=show_all)
        print(f"  ({proxy.rowCount():,} rows shown)")
        timed(
            "  the same without the repaint (filter + relayout)",
            lambda: view.set_category_filter(scattered),
            3,
            setup=show_all,
        )
        timed("category filter back to all items", show_all, repeat=3, setup=category_click)
        signals.detach()
        session.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
