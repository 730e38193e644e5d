"""How often the 95% intervals of kappa and AC1 cover the population value.

Run: ``python benchmarks/agreement_coverage.py [--by-ticked]`` (a table on
stdout; nothing is asserted, smaller versions are unit tests; ``--by-ticked``:
kappa's coverage by how many items anyone ticked). Kappa's interval is the likelihood
ratio's (``core/kappa_interval.py``); AC1's is AC1 ± 1.96 se (not shown in the
app). Each reviewer independently ticks an item of the category with
probability ``sensitivity`` and an item outside it with ``1 - specificity``;
2,000 simulated reviews per cell (one per "category" of one
:func:`compute_agreement` call). The population kappa is Fleiss' (equal to
Cohen's for exchangeable reviewers); AC1's uses ``pe = 2 pi (1 - pi)``.
"""

from __future__ import annotations

import sys

import numpy as np

from erroranalysis.core.agreement import Ratings, compute_agreement

REPLICATES = 2000
CASES = (  # prevalence, sensitivity, specificity
    (0.5, 0.9, 0.9),
    (0.2, 0.85, 0.95),
    (0.05, 0.9, 0.98),
    (0.3, 0.7, 0.8),
)


def population(prevalence: float, sensitivity: float, specificity: float) -> tuple[float, float]:
    """(kappa, AC1) of the population."""
    observed = prevalence * (sensitivity**2 + (1 - sensitivity) ** 2) + (1 - prevalence) * (
        specificity**2 + (1 - specificity) ** 2
    )
    pi = prevalence * sensitivity + (1 - prevalence) * (1 - specificity)
    fleiss = pi**2 + (1 - pi) ** 2
    gwet = 2 * pi * (1 - pi)
    return (observed - fleiss) / (1 - fleiss), (observed - gwet) / (1 - gwet)


def simulated(
    rng: np.random.Generator, reviewers: int, items: int, case: tuple[float, float, float]
) -> tuple[list, np.ndarray]:
    """:data:`REPLICATES` simulated reviews of one case, as the rows of one
    :func:`compute_agreement` call (a review per "category"), and the answers."""
    prevalence, sensitivity, specificity = case
    truth = rng.random((items, REPLICATES)) < prevalence
    tick = np.where(truth, sensitivity, 1 - specificity)
    values = (rng.random((reviewers, items, REPLICATES)) < tick).astype(np.int8)
    rows = compute_agreement(
        Ratings(
            reviewers=[f"r{i}" for i in range(reviewers)],
            categories=[str(i) for i in range(REPLICATES)],
            item_keys=np.arange(items).astype(str).astype(object),
            values=values,
        )
    ).categories
    return rows, values


def coverage(
    rng: np.random.Generator, reviewers: int, items: int, case: tuple[float, float, float]
) -> tuple[float, float]:
    kappa, ac1 = population(*case)
    rows, _values = simulated(rng, reviewers, items, case)
    kappa_in = [r.kappa_low <= kappa <= r.kappa_high for r in rows if r.kappa_low is not None]
    ac1_in = [r.ac1_low <= ac1 <= r.ac1_high for r in rows if r.ac1_low is not None]
    return float(np.mean(kappa_in)), float(np.mean(ac1_in))


def coverage_by_ticked_items(reviewers: int, seed: int = 1) -> dict[int, tuple[float, int]]:
    """Kappa's coverage by how many items anyone ticked (0-4, 5-9, ..., 60 and more),
    over prevalences 3-50%, three reviewer qualities and 30-400 items: where a
    symmetric interval fails, a category ticked on a few items."""
    rng = np.random.default_rng(seed)
    inside: dict[int, list[bool]] = {}
    qualities = ((0.9, 0.98), (0.85, 0.95), (0.7, 0.9))
    for items in (30, 50, 100, 200, 400):
        for prevalence in (0.03, 0.05, 0.1, 0.2, 0.5):
            for sensitivity, specificity in qualities:
                case = (prevalence, sensitivity, specificity)
                kappa, _ac1 = population(*case)
                rows, values = simulated(rng, reviewers, items, case)
                ticked = (values.sum(axis=0) > 0).sum(axis=0)
                for row, count in zip(rows, ticked, strict=True):
                    if row.kappa_low is not None:
                        bucket = min(int(count), 60) // 5 * 5
                        inside.setdefault(bucket, []).append(
                            row.kappa_low <= kappa <= row.kappa_high
                        )
    return {b: (float(np.mean(v)), len(v)) for b, v in sorted(inside.items())}


def main() -> None:
    if "--by-ticked" in sys.argv:
        print("reviewers  ticked items: kappa covered (reviews)")
        for reviewers in (2, 3, 5):
            table = coverage_by_ticked_items(reviewers)
            cells = [
                f"{b}{'+' if b == 60 else f'-{b + 4}'}: {c:.3f} ({n})"
                for b, (c, n) in table.items()
            ]
            print(f"{reviewers:9d}  " + "  ".join(cells))
        return
    rng = np.random.default_rng(0)
    print("reviewers  items  prevalence  sens  spec   kappa  covered     AC1  covered")
    for reviewers in (2, 3, 5):
        for items in (50, 100, 400):
            for case in CASES:
                kappa, ac1 = population(*case)
                k_cover, a_cover = coverage(rng, reviewers, items, case)
                print(
                    f"{reviewers:9d}  {items:5d}  {case[0]:10.2f}  {case[1]:4.2f}  {case[2]:4.2f}"
                    f"  {kappa:6.3f}  {k_cover:7.3f}  {ac1:6.3f}  {a_cover:7.3f}"
                )


if __name__ == "__main__":
    main()
