"""Export and import of the review spreadsheet of a 100,000-item session, against pandas.

Run: ``python benchmarks/bench_spreadsheet.py`` (numbers go to stdout; nothing is asserted).
The baselines are pandas doing the bare job on the same data in the same run:
``DataFrame.to_csv`` of the sheet's cells (export) and ``pandas.read_csv(dtype=str)``
of the written sheet (import). Issue 11's targets: export <= 2x, import <= 3x.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from erroranalysis.core.categories import Category
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.spreadsheet import export_rows, export_session, import_spreadsheet


def interleaved(ours, baseline, repeat: int = 7) -> tuple[float, float]:
    """Median times of two jobs run alternately (a busy machine slows both alike)."""
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for job, out in ((ours, samples[0]), (baseline, samples[1])):
            start = time.perf_counter()
            job()
            out.append(time.perf_counter() - start)
    return statistics.median(samples[0]), statistics.median(samples[1])


def make_session(path: Path, n_items: int, n_categories: int) -> ReviewSession:
    rng = np.random.default_rng(0)
    items = pd.DataFrame(
        {
            "key": [f"item-{i}" for i in range(n_items)],
            "image": [f"images/{i:06d}.jpg" for i in range(n_items)],
            "label": rng.integers(0, 10, n_items).astype(str),
            "prediction": rng.integers(0, 10, n_items).astype(str),
            "score": rng.random(n_items),
            "split": "dev",
            "camera": rng.choice(["phone", "dslr", "webcam"], n_items),
            "night": rng.integers(0, 2, n_items).astype(str),
        }
    )
    categories = [Category(f"category {i}") for i in range(n_categories)]
    session = ReviewSession.create(
        path,
        items,
        categories,
        dev_size=10 * n_items,
        dev_errors=n_items,
        metadata_columns=["camera", "night"],
    )
    ids = session.item_ids()
    for category in session.categories():
        chosen = [ids[i] for i in np.flatnonzero(rng.random(n_items) < 0.1)]
        session.set_ticks(chosen, category.id, True)
    for i in range(0, n_items, 10):
        session.set_comment(ids[i], f"looked at {i}, =odd" if i % 20 else "blurry; dark")
    return session


def main() -> None:
    n_items = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_categories = 20
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.easession"
        session = make_session(path, n_items, n_categories)
        sheet = Path(folder) / "review.csv"
        export_session(session, sheet)
        header, rows = export_rows(session)
        frame = pd.DataFrame(rows, columns=header)
        bare = Path(folder) / "bare.csv"
        export, to_csv = interleaved(
            lambda: export_session(session, sheet),
            lambda: frame.to_csv(bare, index=False, encoding="utf-8-sig"),
        )
        size = sheet.stat().st_size / 1e6
        imported, read_csv = interleaved(
            lambda: import_spreadsheet(session, sheet),
            lambda: pd.read_csv(sheet, dtype=str, keep_default_na=False, encoding="utf-8-sig"),
        )
        session.close()
    print(f"{n_items:,} items x {n_categories} categories, sheet {size:.1f} MB")
    print(
        f"  export_session      {export * 1000:8.0f} ms   "
        f"DataFrame.to_csv {to_csv * 1000:6.0f} ms   ratio {export / to_csv:4.2f}"
    )
    print(
        f"  import_spreadsheet  {imported * 1000:8.0f} ms   "
        f"read_csv(dtype=str) {read_csv * 1000:3.0f} ms   ratio {imported / read_csv:4.2f}"
    )


if __name__ == "__main__":
    main()
