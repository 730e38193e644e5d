"""How fast the weighted tally is: 100,000 reviewed errors x 20 categories.

Run: ``python benchmarks/bench_weighted.py [--reviewed N] [--errors N]``.
Prints the median and the first run, in ms, of ``weighted_shares`` for three
kinds of weights: all equal (the unweighted exact interval), a rule
(``label=porn:10`` on 10% of the errors: two strata) and a continuous,
skewed weight column (lognormal: four quantile strata); and, as the
baseline, the unweighted tally's interval (``compute_tally``) on the same
counts.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from erroranalysis.core.categories import Category
from erroranalysis.core.tally import compute_tally
from erroranalysis.core.weighted import weighted_shares


def _time(run, repeat: int = 7) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), times[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviewed", type=int, default=100_000)
    parser.add_argument("--errors", type=int, default=1_000_000)
    parser.add_argument("--categories", type=int, default=20)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    n, big_n, c = args.reviewed, args.errors, args.categories
    ticks = rng.random((n, c)) < rng.random(c)
    rest = big_n - n
    kinds = {
        "equal": (np.ones(n), np.ones(rest)),
        "rule 1/10": (
            np.where(rng.random(n) < 0.1, 10.0, 1.0),
            np.where(rng.random(rest) < 0.1, 10.0, 1.0),
        ),
        "lognormal": (np.exp(rng.normal(size=n)), np.exp(rng.normal(size=rest))),
    }
    print(f"{n} reviewed of {big_n} errors, {c} categories (ms: median, first)")
    categories = [Category(name=f"c{i}", id=i) for i in range(c)]
    counts = ticks.sum(axis=0)
    median, first = _time(lambda: compute_tally(categories, counts, n, big_n, big_n * 10))
    print(f"  unweighted tally (baseline)  {median:8.1f} {first:8.1f}")
    for name, (weights, others) in kinds.items():
        everything = np.concatenate([weights, others])
        median, first = _time(lambda w=weights, a=everything: weighted_shares(ticks, w, a, 1e7))
        print(f"  weighted, {name:<18} {median:8.1f} {first:8.1f}")


if __name__ == "__main__":
    main()
