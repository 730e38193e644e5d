"""How fast the session store and the tally are at 100,000 items and 20 categories.

Run: ``python benchmarks/bench_session.py`` (numbers go to stdout; nothing is asserted).
What matters to a reviewer: a key press (one tick = one committed transaction)
must feel instant, and the live tally must keep up with it.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from erroranalysis.core.categories import Category
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.tally import tally_from_ticks


def timed(function, repeat: int = 5) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), max(samples)


def main() -> None:
    n_items, n_categories = 100_000, 20
    rng = np.random.default_rng(0)
    items = pd.DataFrame(
        {
            "key": [f"item-{i}" for i in range(n_items)],
            "image": [f"images/{i:06d}.jpg" for i in range(n_items)],
            "label": rng.integers(0, 10, n_items).astype(str),
            "prediction": rng.integers(0, 10, n_items).astype(str),
            "score": rng.random(n_items),
            "split": "dev",
        }
    )
    categories = [Category(f"category {i}") for i in range(n_categories)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.easession"
        start = time.perf_counter()
        session = ReviewSession.create(
            path, items, categories, dev_size=1_000_000, dev_errors=n_items
        )
        create = time.perf_counter() - start
        ids = session.item_ids()
        cats = [c.id for c in session.categories()]
        start = time.perf_counter()
        for c in cats:
            chosen = [ids[i] for i in np.flatnonzero(rng.random(n_items) < 0.1)]
            session.set_ticks(chosen, c, True)
        bulk = time.perf_counter() - start
        ticks = []
        for i in range(200):
            t0 = time.perf_counter()
            session.set_tick(ids[i], cats[i % n_categories], i % 2 == 0)
            ticks.append(time.perf_counter() - t0)
        tally_median, tally_max = timed(session.tally)
        frame_median, _ = timed(session.ticks_frame, 3)
        matrix = rng.random((n_items, n_categories)) < 0.1
        pure_median, _ = timed(lambda: tally_from_ticks(categories, matrix, None, n_items, 10**6))
        items_median, _ = timed(session.items_frame, 3)
        session.close()
        size = path.stat().st_size / 1e6
    print(f"{n_items:,} items x {n_categories} categories, session file {size:.1f} MB")
    print(f"  create session                  {create * 1000:9.1f} ms")
    print(f"  bulk tick 10% of items x 20     {bulk * 1000:9.1f} ms (20 transactions)")
    print(f"  one tick (key press), median    {statistics.median(ticks) * 1000:9.2f} ms")
    print(f"  one tick, 95th percentile       {np.percentile(ticks, 95) * 1000:9.2f} ms")
    worst = f"(max {tally_max * 1000:.1f})"
    print(f"  session.tally() (SQL count)     {tally_median * 1000:9.1f} ms {worst}")
    print(f"  tally of a tick matrix (numpy)  {pure_median * 1000:9.1f} ms")
    print(f"  ticks_frame()                   {frame_median * 1000:9.1f} ms")
    print(f"  items_frame()                   {items_median * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
