"""The spreadsheet's paint (issue 11): the one-call paint against QTableView's own.

Run: ``python benchmarks/bench_sheet_paint.py --data DIR [--steps 80] [--json FILE]``
where ``DIR`` is a data set of ``benchmarks/run.py`` (its ``session.easession`` is
copied; the original is not touched). Offscreen, styled as the app, the real window
at 1400x900. Numbers go to stdout; nothing is asserted.

PageDown steps on the spreadsheet, the two paints taking turns step by step (so a
busy machine slows both alike). Per step: the key's handler (``QTest.keyClick``,
which runs it), then a synchronous ``repaint()`` of the table's viewport (wall time
and the GUI thread's CPU time, ``time.thread_time``: the CPU time does not count the
waits for other processes or for the GIL), then a reviewer's dwell of 80 ms; the
stall is the longest gap of a 5 ms timer probe over the step (as ``run.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

from suite.common import copy_session  # noqa: E402
from suite.gui_measures import DWELL_MS, StallProbe, run_events, setup_qt  # noqa: E402

PAINTS = ("one-call paint", "QTableView's paint")


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
        "max": ordered[-1],
    }


def measure(session_path: Path, steps: int) -> dict[str, dict[str, dict[str, float]]]:
    scratch = Path(tempfile.mkdtemp(prefix="sheet-paint-"))
    copy = copy_session(session_path, scratch / "session.easession")
    setup_qt(scratch / "user-data")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from erroranalysis.core.session import ReviewSession
    from erroranalysis.gui.main_window import MainWindow

    session = ReviewSession.open(copy)
    window = MainWindow(session)
    window.resize(1400, 900)
    window.show()
    run_events(1500)
    QTest.keyClick(window.review_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    run_events(500)
    table = window.spreadsheet_view.table
    viewport = table.viewport()
    table.setFocus()
    run_events(300)
    samples: dict[str, dict[str, list[float]]] = {
        paint: {"key": [], "paint": [], "paint_cpu": [], "stall": []} for paint in PAINTS
    }
    probe = StallProbe()
    probe.start()
    for step in range(steps):
        paint = PAINTS[step % 2]
        table.one_call_paint = paint == PAINTS[0]
        probe.mark()
        start = time.perf_counter()
        QTest.keyClick(table, Qt.Key.Key_PageDown)
        keyed = time.perf_counter()
        cpu = time.thread_time()
        viewport.repaint()
        painted = time.perf_counter()
        cpu = time.thread_time() - cpu
        run_events(DWELL_MS)
        taken = samples[paint]
        taken["key"].append((keyed - start) * 1000)
        taken["paint"].append((painted - keyed) * 1000)
        taken["paint_cpu"].append(cpu * 1000)
        taken["stall"].append(probe.mark())
    probe.stop()
    window.close()
    session.close()
    return {paint: {k: summary(v) for k, v in taken.items()} for paint, taken in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="a data set folder of benchmarks/run.py")
    parser.add_argument("--steps", type=int, default=80)
    parser.add_argument("--json", help="also write the numbers here")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    results = measure(Path(args.data) / "session.easession", args.steps)
    fast, slow = (results[p] for p in PAINTS)
    print(f"{'ms per PageDown step':34s} {'median':>8s} {'p95':>8s} {'max':>8s}")
    for what in ("key", "paint", "paint_cpu", "stall"):
        for paint in PAINTS:
            row = results[paint][what]
            label = f"{what}, {paint}"
            print(f"{label:34s} {row['median']:8.1f} {row['p95']:8.1f} {row['max']:8.1f}")
        ratio = fast[what]["median"] / slow[what]["median"] if slow[what]["median"] else 0.0
        print(f"{'  ratio of medians':34s} {ratio:8.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
