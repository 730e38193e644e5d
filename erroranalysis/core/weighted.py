"""Weighted errors (METHOD.md §6, course 1.7): where weights come from and what they change.

When an error on some examples costs more than on others (a pornographic
image let through costs 10 times a cat missed), each dev example carries a
weight ``w_i`` and

    weighted dev error = sum(w_i * [label_i != prediction_i]) / sum(w_i)

A category's weighted share of the error is the ratio estimate
``sum of w over reviewed errors in c / sum of w over reviewed errors``.

**Its 95% interval** (:func:`weighted_shares`) uses what is known about the
unreviewed errors: their weights (from the predictions file), not their
categories. The dev errors are split into strata of equal weight (one per
distinct weight when there are at most :data:`MAX_WEIGHT_LEVELS`, as with
``--weight`` rules; else :data:`WEIGHT_BINS` strata by weight quantile). In
each stratum the number ``K_h`` of errors in the category has the exact
hypergeometric interval of METHOD.md §2 from the ``k_h`` ticked among the
``n_h`` reviewed of its ``N_h`` errors; the category's unknown weight there
lies between the reviewed ticked weight plus the lightest and the heaviest
``K_h - k_h`` unreviewed weights of the stratum (the same number times the
weight when the stratum has one weight). The strata's bounds are added up,
each stratum's interval taken at level ``1 - 0.05 / m`` where ``m`` is the
number of strata still uncertain (some but not all errors reviewed): by the
union bound the sum covers the true weighted share at least 95% of the time
whatever the weights, with no normal approximation. With equal weights it is
exactly the unweighted exact interval; when every error was reviewed it is
the point. ``tests/unit/test_weighted.py`` measures the coverage by
simulation over populations with unequal weights.

Weights come from a weight column or from rules such as ``label=porn:10``
(:func:`parse_weight_rule`, :func:`apply_weight_rules`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from erroranalysis.core.errors import UserError
from erroranalysis.i18n import translate

__all__ = [
    "MAX_WEIGHT_LEVELS",
    "WEIGHT_BINS",
    "RuleColumn",
    "WeightRule",
    "WeightedShares",
    "apply_weight_rules",
    "exact_count_interval",
    "parse_weight_rule",
    "weighted_error",
    "weighted_shares",
]

#: Up to this many distinct weights among the dev errors, each weight is a stratum.
MAX_WEIGHT_LEVELS = 8
#: With more distinct weights (a continuous weight column), strata by weight quantile.
WEIGHT_BINS = 4

_ALPHA = 0.05


# --- where weights come from ----------------------------------------------------------


@dataclass(frozen=True)
class WeightRule:
    """``COLUMN=VALUE:WEIGHT``: rows whose ``COLUMN`` is ``VALUE`` weigh ``WEIGHT``."""

    column: str
    value: str
    weight: float
    text: str


@dataclass(frozen=True)
class RuleColumn:
    """A column a rule may name: its values (trimmed text), and how to read a rule's value.

    ``canonical`` maps the value written in a rule onto the column's values
    (the split column: ``val`` -> ``dev``); ``None`` compares as written.
    """

    values: np.ndarray
    canonical: Callable[[str], str] | None = None


def parse_weight_rule(text: str, flag: str = "--weight") -> WeightRule:
    """Parse ``COLUMN=VALUE:WEIGHT`` (e.g. ``label=porn:10``).

    The column ends at the first ``=``, the weight starts after the last
    ``:`` (so a value may contain ``:``). The weight must be a finite number
    above 0. Raises :class:`UserError` naming ``flag`` otherwise.
    """
    raw = str(text).strip()
    column, equals, rest = raw.partition("=")
    value, colon, weight_text = rest.rpartition(":")
    if not equals or not colon or not column.strip() or not value.strip():
        raise UserError(
            translate(
                "core.errors",
                "{flag} '{raw}': write COLUMN=VALUE:WEIGHT, e.g. {flag} 'label=porn:10'",
            ).format(flag=flag, raw=raw)
        )
    try:
        weight = float(weight_text.strip())
    except ValueError:
        raise UserError(
            translate(
                "core.errors",
                "{flag} '{raw}': weight '{weight_text}' is not a number; write "
                "COLUMN=VALUE:WEIGHT, e.g. {flag} 'label=porn:10'",
            ).format(flag=flag, raw=raw, weight_text=weight_text.strip())
        ) from None
    if not math.isfinite(weight) or weight <= 0:
        raise UserError(
            translate(
                "core.errors",
                "{flag} '{raw}': the weight must be a number above 0 (1 = an ordinary example)",
            ).format(flag=flag, raw=raw)
        )
    return WeightRule(column.strip(), value.strip(), weight, raw)


def apply_weight_rules(
    base: np.ndarray,
    rules: Sequence[WeightRule],
    columns: Mapping[str, RuleColumn],
    source: str,
) -> np.ndarray:
    """Weights after the rules: each rule sets the weight of the rows it matches.

    Rules apply in order, so a later rule overrides an earlier one on the
    rows both match; rows no rule matches keep ``base`` (the weight column,
    or 1). A rule naming a column not in ``columns`` or matching no row is a
    :class:`UserError` (a typo would otherwise weigh nothing, silently).
    """
    weights = np.array(base, dtype=float, copy=True)
    for rule in rules:
        column = columns.get(rule.column)
        if column is None:
            names = ", ".join(columns)
            raise UserError(
                translate(
                    "core.errors",
                    "--weight '{text}': {source} has no column '{column}'; a rule can name: "
                    "{names}",
                ).format(text=rule.text, source=source, column=rule.column, names=names)
            )
        wanted = column.canonical(rule.value) if column.canonical else rule.value
        matched = column.values == wanted
        if not matched.any():
            seen = list(dict.fromkeys(column.values[:10_000].tolist()))
            shown = ", ".join(f"'{v}'" for v in seen[:5]) + (", ..." if len(seen) > 5 else "")
            raise UserError(
                translate(
                    "core.errors",
                    "--weight '{text}': no row of {source} has {column} = '{value}' (values "
                    "include {shown})",
                ).format(
                    text=rule.text,
                    source=source,
                    column=rule.column,
                    value=rule.value,
                    shown=shown,
                )
            )
        weights[matched] = rule.weight
    return weights


def weighted_error(is_error: np.ndarray, weights: np.ndarray) -> float:
    """``sum(w * error) / sum(w)`` over the rows given (METHOD.md §6)."""
    errors = np.asarray(is_error, dtype=bool)
    w = np.asarray(weights, dtype=float)
    total = float(w.sum())
    if len(w) == 0 or total <= 0:
        raise ValueError("weighted error of no rows")
    return float(w[errors].sum()) / total


# --- the exact interval of a count (METHOD.md §2), vectorised ------------------------------

_SMALL = np.array([math.lgamma(i + 1.0) for i in range(32)])
_HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def _log_factorial(x: np.ndarray) -> np.ndarray:
    """``log(x!)`` for integer arrays: a table below 32, Stirling's series above (< 1e-15)."""
    x = np.asarray(x, dtype=np.int64)
    out = np.empty(x.shape, dtype=float)
    small = x < len(_SMALL)
    out[small] = _SMALL[x[small]]
    y = x[~small].astype(float) + 1.0
    inverse = 1.0 / y
    inverse2 = inverse * inverse
    series = inverse * (1 / 12 - inverse2 * (1 / 360 - inverse2 * (1 / 1260 - inverse2 / 1680)))
    out[~small] = (y - 0.5) * np.log(y) - y + _HALF_LOG_2PI + series
    return out


def _hypergeom_mass(
    n: np.ndarray, N: np.ndarray, K: np.ndarray, start: np.ndarray, stop: np.ndarray
) -> np.ndarray:
    """``P(start <= X <= stop)`` for X hypergeometric (n drawn of N, K marked), elementwise.

    Only the window mean +- (8 sd + 10) is summed: the mass outside it is
    below 1e-12 (the hypergeometric tails are lighter than the binomial's;
    the 10 covers small, skewed means), far under the 0.025 the interval
    compares against, and the window keeps the work small for 100,000
    reviewed errors.
    """
    low_support = np.maximum(0, n - (N - K))
    high_support = np.minimum(n, K)
    p = K / np.maximum(N, 1)
    mean = n * p
    sd = np.sqrt(n * p * (1 - p) * (N - n) / np.maximum(N - 1, 1))
    first = np.maximum(np.maximum(low_support, start), np.floor(mean - 8 * sd - 10))
    last = np.minimum(np.minimum(high_support, stop), np.ceil(mean + 8 * sd + 10))
    last = last.astype(np.int64)
    # An empty range sums to 0; start it at a valid x so the log-factorials stay defined.
    empty = first > last
    first = np.where(empty, low_support, first).astype(np.int64)
    last = np.where(empty, first - 1, last)
    width = int(max(2, (last - first + 1).max(initial=2)))
    steps = np.arange(width - 1)[None, :]
    x = first[:, None] + steps  # x -> x + 1 for each step of the window
    n2, N2, K2 = n[:, None].astype(float), N[:, None].astype(float), K[:, None].astype(float)
    # The first term from log-factorials, the others by the ratio of neighbours
    # pmf(x + 1) / pmf(x) = (K - x)(n - x) / ((x + 1)(N - K - n + x + 1)): one log per
    # term instead of six log-factorials.
    log_first = (
        _log_factorial(K) - _log_factorial(first) - _log_factorial(K - first)
        + _log_factorial(N - K) - _log_factorial(n - first) - _log_factorial(N - K - n + first)
        - (_log_factorial(N) - _log_factorial(n) - _log_factorial(N - n))
    )  # fmt: skip
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (K2 - x) * (n2 - x) / ((x + 1) * (N2 - K2 - n2 + x + 1))
        log_steps = np.log(np.where(steps < (last - first)[:, None], ratio, 1.0))
    log_pmf = log_first[:, None] + np.concatenate(
        [np.zeros((len(first), 1)), np.cumsum(log_steps, axis=1)], axis=1
    )
    inside = np.arange(width)[None, :] <= (last - first)[:, None]
    return np.where(inside, np.exp(log_pmf), 0.0).sum(axis=1)


def _tail(n: np.ndarray, N: np.ndarray, K: np.ndarray, k: np.ndarray, upper: bool) -> np.ndarray:
    """``P(X >= k)`` (``upper``) or ``P(X <= k)``, summing the side of ``k`` away from the mean
    (at most 8 sd + 10 terms) and taking the complement when that is the other side."""
    mean = n * K / np.maximum(N, 1)
    zero = np.zeros_like(k)
    if upper:
        direct = k > mean  # P(X >= k) directly, else 1 - P(X <= k - 1)
        start = np.where(direct, k, zero)
        stop = np.where(direct, n, k - 1)
    else:
        direct = k < mean  # P(X <= k) directly, else 1 - P(X >= k + 1)
        start = np.where(direct, zero, k + 1)
        stop = np.where(direct, k, n)
    mass = _hypergeom_mass(n, N, K, start, stop)
    return np.where(direct, mass, 1.0 - mass)


def exact_count_interval(
    k: np.ndarray, n: np.ndarray, N: np.ndarray, alpha: np.ndarray | float = _ALPHA
) -> tuple[np.ndarray, np.ndarray]:
    """The exact hypergeometric ``1 - alpha`` interval of ``K`` (METHOD.md §2), elementwise.

    ``k`` of ``n`` reviewed (drawn at random from ``N``) are in the category;
    returns ``K_low = min{K: P(X >= k) > alpha/2}`` and ``K_high = max{K:
    P(X <= k) > alpha/2}`` by bisection over ``K`` (both tails are monotone).
    ``n == 0`` gives ``[0, N]``, ``n == N`` the point ``k``.
    """
    k, n, N = (np.atleast_1d(np.asarray(a, dtype=np.int64)) for a in (k, n, N))
    k, n, N = np.broadcast_arrays(k, n, N)
    half = np.broadcast_to(np.asarray(alpha, dtype=float) / 2, k.shape)
    top = N - n + k  # the most K can be: every unreviewed error in the category

    def search(tail_up: bool) -> np.ndarray:
        low, high = k.copy(), top.copy()
        while True:
            active = np.flatnonzero(low < high)
            if len(active) == 0:
                return low
            a_low, a_high = low[active], high[active]
            a_k, a_n, a_N = k[active], n[active], N[active]
            if tail_up:  # the first K with P(X >= k) > alpha/2
                mid = (a_low + a_high) // 2
                passes = _tail(a_n, a_N, mid, a_k, upper=True) > half[active]
                high[active] = np.where(passes, mid, a_high)
                low[active] = np.where(passes, a_low, mid + 1)
            else:  # the last K with P(X <= k) > alpha/2
                mid = (a_low + a_high + 1) // 2
                passes = _tail(a_n, a_N, mid, a_k, upper=False) > half[active]
                low[active] = np.where(passes, mid, a_low)
                high[active] = np.where(passes, a_high, mid - 1)

    return search(True), search(False)


# --- weighted shares of the error -----------------------------------------------------


@dataclass(frozen=True)
class WeightedShares:
    """Per category (arrays in category order): the weighted tally of METHOD.md §6.

    - ``count``: reviewed errors ticked (assessed for the category);
      ``weight``: their total weight; ``reviewed_weight``: the total weight of
      the reviewed errors assessed for the category.
    - ``share = weight / reviewed_weight`` with the 95% interval
      ``share_low``-``share_high`` (see the module docstring).
    - ``max_gain = dev_error * share`` and ``ceiling_error = dev_error *
      (1 - share)`` with intervals scaled from the share's, NaN without a
      dev weight. ``dev_error`` is the weighted dev error (NaN without).
    - ``strata``: how the errors were stratified (``"levels"`` or ``"bins"``)
      and ``strata_count`` how many.
    """

    dev_error: float
    error_weight: float
    count: np.ndarray
    weight: np.ndarray
    reviewed_weight: np.ndarray
    share: np.ndarray
    share_low: np.ndarray
    share_high: np.ndarray
    max_gain: np.ndarray
    max_gain_low: np.ndarray
    max_gain_high: np.ndarray
    ceiling_error: np.ndarray
    ceiling_error_low: np.ndarray
    ceiling_error_high: np.ndarray
    strata: str
    strata_count: int

    def to_json_dict(self, names: Sequence[str]) -> dict[str, Any]:
        """Fractions per named category, ``None`` for what is unknown."""

        def number(value: float) -> float | None:
            return None if math.isnan(value) else round(float(value), 12)

        return {
            "weighted": True,
            "dev_error": number(self.dev_error),
            "error_weight": number(self.error_weight),
            "interval_method": f"stratified exact ({self.strata}, {self.strata_count})",
            "categories": [
                {
                    "name": name,
                    "count": int(self.count[i]),
                    "weight": number(self.weight[i]),
                    "share": number(self.share[i]),
                    "share_low": number(self.share_low[i]),
                    "share_high": number(self.share_high[i]),
                    "max_gain": number(self.max_gain[i]),
                    "max_gain_low": number(self.max_gain_low[i]),
                    "max_gain_high": number(self.max_gain_high[i]),
                    "ceiling_error": number(self.ceiling_error[i]),
                    "ceiling_error_low": number(self.ceiling_error_low[i]),
                    "ceiling_error_high": number(self.ceiling_error_high[i]),
                }
                for i, name in enumerate(names)
            ],
        }


def _strata(sorted_weights: np.ndarray) -> tuple[np.ndarray, str]:
    """Stratum edges over sorted weights: one per distinct weight, or quantile bins."""
    starts = np.flatnonzero(np.diff(sorted_weights)) + 1
    if len(starts) + 1 <= MAX_WEIGHT_LEVELS:
        return sorted_weights[np.concatenate([[0], starts])], "levels"
    cut = np.linspace(0, len(sorted_weights) - 1, WEIGHT_BINS + 1)[1:-1].astype(np.int64)
    return np.unique(sorted_weights[cut]), "bins"


def _stratum_ends(sorted_weights: np.ndarray, edges: np.ndarray, kind: str) -> np.ndarray:
    """Where each stratum but the last ends in the sorted weights."""
    if kind == "levels":
        return np.searchsorted(sorted_weights, edges[1:], side="left")
    return np.searchsorted(sorted_weights, edges, side="right")


class _StratumSums:
    """Column sums of a (reviewed errors x categories) matrix within each stratum.

    One ``bincount`` over (stratum, category) cells, not a one-hot matrix
    product: exact for counts, and as fast with or without a BLAS. (numpy's
    product without one, as in the lean executable, took 0.6 s at 100,000
    errors x 20 categories and held the GIL throughout.)
    """

    def __init__(self, stratum: np.ndarray, strata: int, categories: int) -> None:
        self._cells = (stratum[:, None] * categories + np.arange(categories)).ravel()
        self._shape = (strata, categories)

    def count(self, mask: np.ndarray) -> np.ndarray:
        """How many True cells each stratum has per category (int64)."""
        cells = self._cells[np.asarray(mask, dtype=bool).ravel()]
        return np.bincount(cells, minlength=self._shape[0] * self._shape[1]).reshape(self._shape)

    def total(self, values: np.ndarray) -> np.ndarray:
        """Each stratum's sum of ``values`` per category (float)."""
        sums = np.bincount(self._cells, weights=np.asarray(values, dtype=float).ravel(),
                           minlength=self._shape[0] * self._shape[1])
        return sums.reshape(self._shape)


def _stratum_of(weights: np.ndarray, edges: np.ndarray, kind: str) -> np.ndarray:
    if kind == "levels":
        return np.searchsorted(edges, weights)
    return np.searchsorted(edges, weights, side="right")


def weighted_shares(
    ticks: np.ndarray,
    weights: np.ndarray,
    error_weights: np.ndarray,
    dev_weight: float | None,
    assessed: np.ndarray | None = None,
) -> WeightedShares:
    """The weighted tally from the reviewed errors' ticks (vectorised over categories).

    - ``ticks``: bool, reviewed errors x categories (skipped errors left out).
    - ``weights``: the reviewed errors' weights (> 0), one per row of ``ticks``.
    - ``error_weights``: the weights of *all* dev errors, reviewed or not (the
      reviewed ones among them); their sum is the total weight of the errors.
    - ``dev_weight``: the total weight of the dev set (for the weighted dev
      error, gains and ceilings); ``None`` leaves those NaN.
    - ``assessed``: bool like ``ticks``, False where a category did not exist
      yet when the error was reviewed; ``None`` means every cell was assessed.

    Raises ``ValueError`` when the reviewed weights are not among the error
    weights (the caller passed mismatched arrays).
    """
    ticks = np.asarray(ticks, dtype=bool)
    if ticks.ndim != 2:
        raise ValueError("ticks must be reviewed errors x categories")
    weights = np.asarray(weights, dtype=float)
    error_weights = np.asarray(error_weights, dtype=float)
    if len(weights) != ticks.shape[0]:
        raise ValueError("one weight per reviewed error")
    if not (np.all(weights > 0) and np.all(error_weights > 0)):
        raise ValueError("weights must be above 0")
    assessed = np.ones_like(ticks) if assessed is None else np.asarray(assessed, dtype=bool)
    ticked = ticks & assessed
    error_weight = float(error_weights.sum())

    strata = _review_strata(ticked, weights, error_weights, assessed)
    low, high = _share_bounds([strata])
    share_low = np.clip(low[0] / error_weight, 0.0, 1.0)
    share_high = np.clip(high[0] / error_weight, 0.0, 1.0)
    reviewed_weight = weights @ assessed.astype(float)
    weight = weights @ ticked.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(reviewed_weight > 0, weight / reviewed_weight, np.nan)
    known = ~np.isnan(share)
    share_low = np.where(known, np.minimum(share_low, share), 0.0)
    share_high = np.where(known, np.maximum(share_high, share), 1.0)
    dev_error = error_weight / dev_weight if dev_weight else math.nan
    return WeightedShares(
        dev_error=dev_error,
        error_weight=error_weight,
        count=ticked.sum(axis=0).astype(np.int64),
        weight=weight,
        reviewed_weight=reviewed_weight,
        share=share,
        share_low=share_low,
        share_high=share_high,
        max_gain=dev_error * share,
        max_gain_low=dev_error * share_low,
        max_gain_high=dev_error * share_high,
        ceiling_error=dev_error * (1 - share),
        ceiling_error_low=dev_error * (1 - share_high),
        ceiling_error_high=dev_error * (1 - share_low),
        strata=strata.kind,
        strata_count=len(strata.size),
    )


@dataclass(frozen=True)
class _ReviewStrata:
    """One review cut into weight strata (strata x categories arrays).

    ``count`` k_h and ``reviewed`` n_h per category, ``size`` N_h, ``ticked_weight``
    the reviewed ticked weight A_h; ``light[h]``/``heavy[h]``: running sums of
    the stratum's unreviewed weights, lightest / heaviest first.
    """

    kind: str
    size: np.ndarray
    reviewed: np.ndarray
    count: np.ndarray
    ticked_weight: np.ndarray
    light: list[np.ndarray]
    heavy: list[np.ndarray]


def _review_strata(
    ticked: np.ndarray, weights: np.ndarray, error_weights: np.ndarray, assessed: np.ndarray
) -> _ReviewStrata:
    # One sort of all the error weights: strata are weight ranges, so each
    # stratum's errors are a slice of it.
    sorted_all = np.sort(error_weights)
    edges, kind = _strata(sorted_all)
    strata = len(edges) if kind == "levels" else len(edges) + 1
    ends = np.concatenate([[0], _stratum_ends(sorted_all, edges, kind), [len(sorted_all)]])
    size = np.diff(ends).astype(np.int64)  # N_h
    stratum = _stratum_of(weights, edges, kind)
    if kind == "levels" and np.any(edges[np.minimum(stratum, strata - 1)] != weights):
        raise ValueError("a reviewed error's weight is not among the dev errors' weights")
    per_stratum = _StratumSums(stratum, strata, ticked.shape[1])
    reviewed = per_stratum.count(assessed)  # n_h per category
    if np.any(reviewed > size[:, None]):
        raise ValueError("more reviewed errors than errors in a weight stratum")
    # The category's unknown weight among M unreviewed errors of a stratum lies
    # between its M lightest and M heaviest unreviewed weights. The unreviewed
    # ones are known exactly when every category was assessed on every
    # reviewed error; otherwise all the stratum's errors stand in for them
    # (wider, still a bound).
    pool = _without(sorted_all, np.sort(weights)) if bool(assessed.all()) else sorted_all
    pool_ends = np.concatenate([[0], _stratum_ends(pool, edges, kind), [len(pool)]])
    light = []
    heavy = []
    for h in range(strata):
        part = pool[pool_ends[h] : pool_ends[h + 1]]
        if kind == "bins" and len(part):
            # Weights spread over a bin: bounding by the lightest and heaviest
            # makes the interval useless on a skewed weight column; count the
            # unknown members at the bin's mean unreviewed weight instead.
            part = np.full(len(part), part.mean())
        light.append(np.concatenate([[0.0], np.cumsum(part)]))
        heavy.append(np.concatenate([[0.0], np.cumsum(part[::-1])]))
    return _ReviewStrata(
        kind=kind,
        size=size,
        reviewed=reviewed,
        count=per_stratum.count(ticked),
        ticked_weight=per_stratum.total(ticked * weights[:, None]),
        light=light,
        heavy=heavy,
    )


def _share_bounds(reviews: Sequence[_ReviewStrata]) -> tuple[np.ndarray, np.ndarray]:
    """The 95% bounds of each category's total weight, for several reviews at once.

    Returns ``(low, high)``, reviews x categories, in weight units. Each
    stratum's exact count interval is taken at level ``1 - 0.05/m`` (``m``
    strata with some but not all errors reviewed, per category) and mapped to
    weights; the strata's bounds add up (the union bound, module docstring).
    Batched so that a simulation of many reviews costs one bisection.
    """
    ks, ns, sizes, alphas = [], [], [], []
    for review in reviews:
        size = np.broadcast_to(review.size[:, None], review.count.shape)
        uncertain = (review.reviewed > 0) & (review.reviewed < size)
        tests = np.maximum(uncertain.sum(axis=0), 1)
        ks.append(review.count.ravel())
        ns.append(review.reviewed.ravel())
        sizes.append(size.ravel())
        alphas.append(np.broadcast_to(_ALPHA / tests[None, :], review.count.shape).ravel())
    k_low_all, k_high_all = exact_count_interval(
        np.concatenate(ks), np.concatenate(ns), np.concatenate(sizes), np.concatenate(alphas)
    )
    lows, highs = [], []
    start = 0
    for review in reviews:
        shape = review.count.shape
        stop = start + review.count.size
        k_low = k_low_all[start:stop].reshape(shape)
        k_high = k_high_all[start:stop].reshape(shape)
        start = stop
        low = review.ticked_weight.copy()
        high = review.ticked_weight.copy()
        for h in range(shape[0]):
            # The stand-in pool (all errors) can be shorter than K - k: clip.
            last = len(review.light[h]) - 1
            low[h] += review.light[h][np.minimum(k_low[h] - review.count[h], last)]
            high[h] += review.heavy[h][np.minimum(k_high[h] - review.count[h], last)]
        lows.append(low.sum(axis=0))
        highs.append(high.sum(axis=0))
    return np.array(lows), np.array(highs)


def _without(pool: np.ndarray, taken: np.ndarray) -> np.ndarray:
    """The sorted multiset ``pool`` minus the sorted multiset ``taken``."""
    if len(taken) == 0:
        return pool
    # The i-th copy of a value v in ``taken`` removes the i-th copy of v in ``pool``.
    first_in_taken = np.searchsorted(taken, taken, side="left")
    position = np.searchsorted(pool, taken, side="left") + (np.arange(len(taken)) - first_in_taken)
    if np.any(position >= len(pool)) or np.any(pool[np.minimum(position, len(pool) - 1)] != taken):
        raise ValueError("a reviewed error's weight is not among the dev errors' weights")
    keep = np.ones(len(pool), dtype=bool)
    keep[position] = False
    return pool[keep]
