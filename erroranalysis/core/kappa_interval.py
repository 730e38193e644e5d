"""The 95% interval of kappa for a yes/no category: likelihood ratio, not kappa ± 1.96 se.

The large-sample interval ``kappa ± 1.96 se`` is symmetric, while kappa's
sampling distribution is not when a category is rare: with few ticked items
it covered the true kappa about half the time (0-4 ticked items; 80% with
5-9), in simulations of reviewers who tick with a given sensitivity and
specificity (``benchmarks/agreement_coverage.py``).

This interval uses the common-correlation model of Donner and Eliasziw
(1992, "A goodness-of-fit approach to inference procedures for the kappa
statistic"): a pair of reviewers ticks an item both with probability
``pi^2 + kappa pi (1 - pi)``, one of them with ``2 pi (1 - pi) (1 - kappa)``,
neither with ``(1 - pi)^2 + kappa pi (1 - pi)``. Three cells and two
parameters: with two reviewers the model holds whatever the reviewers do
(it is saturated), so the interval is the set of kappas whose profile
likelihood ratio is within chi-square(1)'s 95% point (3.84) of the best.
Its maximum-likelihood kappa is Scott's pi, Fleiss' kappa for two reviewers;
Cohen's kappa differs from it only as much as the reviewers' tick rates do.

With m >= 3 reviewers an item gives ``m (m - 1) / 2`` pairs; they are pooled
(which makes the model's kappa exactly Fleiss' kappa) and weighted down to one
pair per item. Pairs of one item are not independent, so this uses less
information than there is: the interval is wider than it need be, and covers
at least 95% in the simulations (95-99%).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

#: chi-square with 1 degree of freedom, 95th percentile (1.959963984540054 ** 2).
CHI2_95 = 3.841458820694124
_GOLDEN = 0.6180339887498949
_SEARCH_STEPS = 36  # golden-section steps for the nuisance pi: 0.618**36 ~ 3e-8
_TINY = 1e-300
_GRID = np.linspace(-1.0, 1.0, 201)
_REFINE_POINTS = 41
_REFINE_PASSES = 2  # each divides the bracket by 40, then a linear interpolation


def pair_counts(histogram: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(both ticked, one ticked, neither) pair counts per category, one pair per item.

    ``histogram`` is ``(categories, m + 1)``: how many items got ``j`` ticks
    of the m reviewers. With two reviewers these are the counts of items.
    """
    histogram = np.asarray(histogram, dtype=float)
    m = histogram.shape[1] - 1
    j = np.arange(m + 1, dtype=float)
    pairs = m * (m - 1) / 2
    both = histogram @ (j * (j - 1) / 2) / pairs
    one = histogram @ (j * (m - j)) / pairs
    neither = histogram @ ((m - j) * (m - j - 1) / 2) / pairs
    return both, one, neither


def kappa_interval(
    both: np.ndarray, one: np.ndarray, neither: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(kappa, low, high) per category from pair counts: the model's kappa (Scott's pi)
    and its 95% likelihood-ratio interval. NaN where kappa is undefined (no pairs, or
    every pair ticked alike: all ticked or none)."""
    a = np.atleast_1d(np.asarray(both, dtype=float))
    b = np.atleast_1d(np.asarray(one, dtype=float))
    c = np.atleast_1d(np.asarray(neither, dtype=float))
    n = a + b + c
    with np.errstate(divide="ignore", invalid="ignore"):
        pi = (2 * a + b) / (2 * n)
        spread = pi * (1 - pi)
        kappa = np.where((n > 0) & (spread > 0), 1 - b / (2 * n * spread), np.nan)
    defined = np.isfinite(kappa)
    low = np.full(a.shape, np.nan)
    high = np.full(a.shape, np.nan)
    if not defined.any():
        return kappa, low, high
    a, b, c, k_hat = a[defined], b[defined], c[defined], kappa[defined]
    best = _log_likelihood(a, b, c, pi[defined], k_hat)

    def outside(k: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """How far the likelihood ratio at kappa ``k`` is beyond the 95% point
        (``> 0``: outside the interval); ``rows`` pick the categories."""
        top = best[rows][..., None] if k.ndim > rows.ndim else best[rows]
        counts = [x[rows][..., None] if k.ndim > rows.ndim else x[rows] for x in (a, b, c)]
        return 2 * (top - _profile(*counts, k)) - CHI2_95

    rows = np.arange(len(a))
    grid = np.broadcast_to(_GRID, (len(a), _GRID.size))
    excess = outside(grid, rows)
    low[defined] = _end(excess, grid, k_hat, rows, outside, side=-1)
    high[defined] = _end(excess, grid, k_hat, rows, outside, side=1)
    # The interval holds the estimate shown beside it (Cohen's kappa may sit a
    # hair from Scott's pi; the caller widens to it).
    return kappa, low, high


def _end(
    excess: np.ndarray,
    grid: np.ndarray,
    k_hat: np.ndarray,
    rows: np.ndarray,
    outside: Callable[[np.ndarray, np.ndarray], np.ndarray],
    *,
    side: int,
) -> np.ndarray:
    """The interval's end on one side of the estimate: the crossing nearest to it."""
    out = np.full(len(rows), -1.0 if side < 0 else 1.0)
    beyond = (grid < k_hat[:, None]) if side < 0 else (grid > k_hat[:, None])
    hit = beyond & (excess > 0)
    has = hit.any(axis=1)
    if not has.any():
        return out
    index = np.arange(grid.shape[1])
    if side < 0:
        last = np.where(hit, index, -1).max(axis=1)  # the outside point nearest the estimate
        outer = grid[rows, np.maximum(last, 0)]
        inner = np.minimum(outer + (_GRID[1] - _GRID[0]), k_hat)
    else:
        first = np.where(hit, index, grid.shape[1]).min(axis=1)
        outer = grid[rows, np.minimum(first, grid.shape[1] - 1)]
        inner = np.maximum(outer - (_GRID[1] - _GRID[0]), k_hat)
    pick = rows[has]
    outer, inner = outer[has], inner[has]
    for _ in range(_REFINE_PASSES):
        # A finer grid between the last outside point and the inside one.
        steps = np.linspace(0.0, 1.0, _REFINE_POINTS)
        points = outer[:, None] + (inner - outer)[:, None] * steps
        fine = outside(points, pick)
        fine[:, -1] = np.minimum(fine[:, -1], 0.0)  # the inner end is inside
        is_out = fine > 0
        # Nearest-to-estimate outside point along the fine grid (index from the outer end).
        last_out = np.where(is_out, np.arange(_REFINE_POINTS), 0).max(axis=1)
        outer = points[np.arange(len(pick)), last_out]
        inner = points[np.arange(len(pick)), np.minimum(last_out + 1, _REFINE_POINTS - 1)]
        y_out = fine[np.arange(len(pick)), last_out]
        y_in = fine[np.arange(len(pick)), np.minimum(last_out + 1, _REFINE_POINTS - 1)]
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing = outer + (inner - outer) * y_out / (y_out - y_in)
    out[has] = np.where(np.isfinite(crossing), crossing, inner)
    return out


def _log_likelihood(
    a: np.ndarray, b: np.ndarray, c: np.ndarray, pi: np.ndarray, k: np.ndarray
) -> np.ndarray:
    """The pairs' log-likelihood at (pi, kappa); a cell with no pairs adds nothing, a
    cell with pairs but no probability makes it minus infinity."""
    spread = pi * (1 - pi)
    p_both = pi * pi + k * spread
    p_one = 2 * spread * (1 - k)
    p_neither = (1 - pi) ** 2 + k * spread
    value = (
        a * np.log(np.maximum(p_both, _TINY))
        + b * np.log(np.maximum(p_one, _TINY))
        + c * np.log(np.maximum(p_neither, _TINY))
    )
    impossible = ((a > 0) & (p_both <= 0)) | ((b > 0) & (p_one <= 0)) | (
        (c > 0) & (p_neither <= 0)
    )
    return np.where(impossible, -np.inf, value)


def _profile(a: np.ndarray, b: np.ndarray, c: np.ndarray, k: np.ndarray) -> np.ndarray:
    """The log-likelihood at kappa ``k``, maximised over pi (golden section).

    For a fixed kappa the log-likelihood is a sum of logs of functions linear
    in pi (``pi^2 + k pi (1 - pi) = pi (k + (1 - k) pi)``, and so on), so it is
    concave on the pis that make every cell a probability, and the section
    search finds its maximum."""
    k = np.asarray(k, dtype=float)
    slope = 1 - k
    with np.errstate(divide="ignore", invalid="ignore"):
        left = np.where(k < 0, -k / slope, 0.0)
        right = np.where(k < 0, 1 / slope, 1.0)
    x1 = right - _GOLDEN * (right - left)
    x2 = left + _GOLDEN * (right - left)
    f1 = _log_likelihood(a, b, c, x1, k)
    f2 = _log_likelihood(a, b, c, x2, k)
    for _ in range(_SEARCH_STEPS):
        rise = f1 < f2  # the maximum is right of x1
        left = np.where(rise, x1, left)
        right = np.where(rise, right, x2)
        new = np.where(rise, left + _GOLDEN * (right - left), right - _GOLDEN * (right - left))
        f_new = _log_likelihood(a, b, c, new, k)
        x1, x2 = np.where(rise, x2, new), np.where(rise, new, x1)
        f1, f2 = np.where(rise, f2, f_new), np.where(rise, f_new, f1)
    return np.maximum(f1, f2)
