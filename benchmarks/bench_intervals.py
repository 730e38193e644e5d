"""What the exact intervals and the ranking verdict cost, against Wilson-FPC in the same run.

Run: ``python benchmarks/bench_intervals.py`` (numbers go to stdout; nothing is asserted).

The case of the performance issue: N = 100,000 dev errors, 50,000 of them
reviewed, 20 categories. Printed, each as the median of several runs:

- one interval update for a single category (what a tick needs), exact vs
  Wilson-FPC;
- the intervals of all 20 categories;
- the whole tally from the tick matrix (intervals + ranking verdict), exact vs
  Wilson-FPC, with a clear leader and with a close race (the ranking then
  simulates the unreviewed remainder);
- a session's ``tally()`` (SQL counts + intervals + ranking) at that size.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from erroranalysis.core.categories import Category
from erroranalysis.core.intervals import share_interval, share_intervals
from erroranalysis.core.ranking import rank_categories
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.tally import tally_from_ticks

N_ERRORS, N_REVIEWED, N_CATEGORIES = 100_000, 50_000, 20


def timed(function, repeat: int = 7) -> float:
    """Median wall time in milliseconds (one warm-up call first)."""
    function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return 1000 * statistics.median(samples)


def line(what: str, exact: float, wilson: float) -> None:
    print(
        f"{what:<52} exact {exact:8.2f} ms   wilson-fpc {wilson:7.2f} ms   x{exact / wilson:5.1f}"
    )


def main() -> None:
    rng = np.random.default_rng(0)
    shares = np.linspace(0.02, 0.40, N_CATEGORIES)
    ticks = rng.random((N_ERRORS, N_CATEGORIES)) < shares
    reviewed = np.zeros(N_ERRORS, dtype=bool)
    reviewed[rng.choice(N_ERRORS, N_REVIEWED, replace=False)] = True
    counts = ticks[reviewed].sum(axis=0)
    categories = [Category(f"category {i}") for i in range(N_CATEGORIES)]
    print(f"N = {N_ERRORS:,} dev errors, n = {N_REVIEWED:,} reviewed, {N_CATEGORIES} categories")
    print()

    k = int(counts[-1])
    line(
        "one category's interval (a tick)",
        timed(lambda: share_interval(k, N_REVIEWED, N_ERRORS, "exact"), 50),
        timed(lambda: share_interval(k, N_REVIEWED, N_ERRORS, "wilson-fpc"), 50),
    )
    line(
        "one category, N unknown (Clopper-Pearson)",
        timed(lambda: share_interval(k, N_REVIEWED, None, "exact"), 20),
        timed(lambda: share_interval(k, N_REVIEWED, None, "wilson-fpc"), 20),
    )
    line(
        f"all {N_CATEGORIES} categories' intervals",
        timed(lambda: share_intervals(counts, N_REVIEWED, N_ERRORS, "exact")),
        timed(lambda: share_intervals(counts, N_REVIEWED, N_ERRORS, "wilson-fpc")),
    )
    names = [c.name for c in categories]
    rows = ticks[reviewed]
    print(
        f"{'ranking verdict alone (clear leader)':<52} "
        f"{timed(lambda: rank_categories(rows, names, N_ERRORS)):8.2f} ms"
    )

    def tally(method: str, matrix: np.ndarray) -> None:
        tally_from_ticks(categories, matrix, reviewed, N_ERRORS, 1_000_000, method=method)

    line(
        "tally from the tick matrix (clear leader)",
        timed(lambda: tally("exact", ticks)),
        timed(lambda: tally("wilson-fpc", ticks)),
    )
    close = ticks.copy()
    # The two largest categories nearly level (1,200 discordant errors, about even): the
    # ranking is not settled and the unreviewed half is simulated.
    top = ticks[:, -1]
    flip = rng.random(N_ERRORS) < np.where(top, 0.030, 0.0202)
    close[:, -2] = top ^ flip
    verdict = tally_from_ticks(categories, close, reviewed, N_ERRORS, 1_000_000).ranking
    line(
        "tally from the tick matrix (close race)",
        timed(lambda: tally("exact", close)),
        timed(lambda: tally("wilson-fpc", close)),
    )
    print(f"  {verdict.verdict()}")

    with tempfile.TemporaryDirectory() as folder:
        items = pd.DataFrame(
            {
                "key": [f"item-{i}" for i in range(N_ERRORS)],
                "image": [f"images/{i:06d}.jpg" for i in range(N_ERRORS)],
                "label": "cat",
                "prediction": "dog",
                "score": 0.5,
                "split": "dev",
            }
        )
        session = ReviewSession.create(
            Path(folder) / "bench.easession",
            items,
            categories,
            dev_size=1_000_000,
            dev_errors=N_ERRORS,
        )
        ids = np.array(session.item_ids())
        for column, category in enumerate(session.categories()):
            chosen = ids[reviewed & ticks[:, column]]
            session.set_ticks([int(i) for i in chosen], category.id, True, mark_reviewed=False)
        session.set_reviewed([int(i) for i in ids[reviewed]], True)
        exact = timed(session.tally, 5)
        session.set_meta("interval_method", "wilson-fpc")
        wilson = timed(session.tally, 5)
        line("session.tally() (SQL counts + intervals + ranking)", exact, wilson)
        cats = session.categories()
        tick_counts = session.tally().table["count"].to_numpy()
        ranking = timed(lambda: session._ranking(cats, tick_counts, N_REVIEWED), 5)
        print(f"{'  of which the ranking (one GROUP BY + the verdict)':<52} {ranking:8.2f} ms")
        session.close()


if __name__ == "__main__":
    main()
