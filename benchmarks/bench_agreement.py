"""How fast agreement is for 3 reviewers x 100,000 items x 20 categories.

Run: ``python benchmarks/bench_agreement.py`` (numbers go to stdout; nothing is
asserted). Baseline, in the same run and on the same arrays: plain numpy
``(a == b).mean(axis=0)``, the raw agreement of two reviewers per category,
the least any agreement computation must do. Then the read from three session
files, against the bare ``ticks_frame()`` reads it is built on.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from erroranalysis.core.agreement import (
    NOT_ASSESSED,
    Ratings,
    compute_agreement,
    disagreement_mask,
    disagreements,
    majority,
    ratings_from_sessions,
)
from erroranalysis.core.categories import Category
from erroranalysis.core.session import ReviewSession

REVIEWERS, ITEMS, CATEGORIES = 3, 100_000, 20


def timed(function: Callable[[], object], repeat: int = 7) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def synthetic(rng: np.random.Generator) -> Ratings:
    """Reviewers who agree with a shared truth 90% of the time, 5% of cells not assessed."""
    prevalence = rng.uniform(0.01, 0.5, CATEGORIES)
    truth = rng.random((ITEMS, CATEGORIES)) < prevalence
    flip = rng.random((REVIEWERS, ITEMS, CATEGORIES)) < 0.1
    values = (truth ^ flip).astype(np.int8)
    values[rng.random(values.shape) < 0.05] = NOT_ASSESSED
    return Ratings(
        reviewers=[f"r{i}" for i in range(REVIEWERS)],
        categories=[f"category {i}" for i in range(CATEGORIES)],
        item_keys=np.array([f"item-{i}" for i in range(ITEMS)], dtype=object),
        values=values,
    )


def bench_statistics(ratings: Ratings) -> None:
    values = ratings.values
    a, b = values[0], values[1]
    base = timed(lambda: (a == b).mean(axis=0))
    print(f"baseline (a == b).mean(axis=0), 2 reviewers   {1000 * base:8.1f} ms")
    for name, function in (
        ("compute_agreement (all statistics)", lambda: compute_agreement(ratings)),
        ("disagreement_mask", lambda: disagreement_mask(ratings)),
        ("disagreements (queue, lazy)", lambda: disagreements(ratings)),
        ("majority", lambda: majority(ratings)),
    ):
        seconds = timed(function)
        print(f"{name:<46}{1000 * seconds:8.1f} ms  {seconds / base:6.1f} x baseline")
    queue = disagreements(ratings)
    seconds = timed(lambda: [queue[i] for i in range(1000)], repeat=3)
    print(f"{'1,000 queue entries built':<46}{1000 * seconds:8.1f} ms  ({len(queue)} in queue)")


def bench_sessions(ratings: Ratings) -> None:
    items = pd.DataFrame(
        {
            "key": ratings.item_keys,
            "image": [f"images/{i:06d}.jpg" for i in range(ITEMS)],
            "label": "a",
            "prediction": "b",
            "score": 0.5,
            "split": "dev",
        }
    )
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for r, name in enumerate(ratings.reviewers):
            path = Path(folder) / f"{name}.easession"
            with ReviewSession.create(
                path,
                items,
                [Category(c) for c in ratings.categories],
                dev_size=1_000_000,
                dev_errors=ITEMS,
            ) as session:
                ids = np.array(session.item_ids())
                reviewed = (ratings.values[r] >= 0).any(axis=1)
                session.set_reviewed(ids[reviewed].tolist(), True)
                for c, category in enumerate(session.categories()):
                    ticked = ids[ratings.values[r, :, c] == 1].tolist()
                    session.set_ticks(ticked, category.id, True, mark_reviewed=False)
            paths.append(path)
        sessions = [ReviewSession.open(p) for p in paths]
        try:
            base = timed(lambda: [s.ticks_frame() for s in sessions], repeat=3)
            read = timed(lambda: ratings_from_sessions(sessions), repeat=3)
            whole = timed(lambda: compute_agreement(ratings_from_sessions(sessions)[0]), repeat=3)
        finally:
            for s in sessions:
                s.close()
    print(f"baseline ticks_frame() of 3 sessions            {1000 * base:8.1f} ms")
    print(f"{'ratings_from_sessions (3 sessions)':<46}{1000 * read:8.1f} ms  {read / base:6.1f} x")
    print(f"{'read + compute_agreement':<46}{1000 * whole:8.1f} ms  {whole / base:6.1f} x")


def main() -> None:
    rng = np.random.default_rng(0)
    ratings = synthetic(rng)
    print(f"{REVIEWERS} reviewers x {ITEMS:,} items x {CATEGORIES} categories")
    bench_statistics(ratings)
    bench_sessions(ratings)


if __name__ == "__main__":
    main()
