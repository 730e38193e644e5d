"""The tally: per category, the share of reviewed dev errors and the ceiling.

Everything here follows ``METHOD.md`` §1-§3 and is vectorised over the
categories; counting ticks over items happens in SQL (session) or with a
column sum (spreadsheet), never in a Python loop per item.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from erroranalysis.core.categories import LABEL_ERROR, Category

Z_95 = 1.959963984540054


def wilson_interval(
    k: int, n: int, population: int | None = None, z: float = Z_95
) -> tuple[float, float]:
    """95% Wilson score interval of ``k/n`` with the finite-population correction.

    With ``population`` = N (the number of dev errors the ``n`` reviewed ones
    were drawn from), ``n`` is replaced by ``n_eff = n (N - 1) / (N - n)``;
    when every error was reviewed the interval is the point ``k/n``. With
    ``n == 0`` nothing is known: ``(0, 1)``.
    """
    low, high = wilson_intervals(np.array([k]), n, population, z)
    return float(low[0]), float(high[0])


def wilson_intervals(
    k: np.ndarray, n: int, population: int | None = None, z: float = Z_95
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`wilson_interval` for an array of counts sharing ``n`` and ``population``."""
    k = np.asarray(k, dtype=float)
    if n <= 0:
        return np.zeros_like(k), np.ones_like(k)
    p = k / n
    if population is not None and n >= population:
        return p.copy(), p.copy()
    m = float(n) if population is None else n * (population - 1) / (population - n)
    z2 = z * z
    denominator = 1 + z2 / m
    center = (p + z2 / (2 * m)) / denominator
    half = z * np.sqrt(p * (1 - p) / m + z2 / (4 * m * m)) / denominator
    return np.clip(center - half, 0.0, 1.0), np.clip(center + half, 0.0, 1.0)


@dataclass(frozen=True)
class LabelErrorSplit:
    """METHOD.md §3: how much of the dev error comes from wrong labels.

    ``count`` is the number of reviewed errors with a label-error tick.
    """

    count: int
    share: float
    share_low: float
    share_high: float
    due_to_labels: float | None
    other_causes: float | None


@dataclass
class Tally:
    """The tally of a review.

    ``table`` has one row per category, in category order, with columns
    ``name, kind, count, assessed, share, share_low, share_high, max_gain,
    max_gain_low, max_gain_high, ceiling_error, ceiling_error_low,
    ceiling_error_high`` (gains and ceilings are NaN without a dev size).
    """

    dev_size: int | None
    dev_errors: int
    reviewed: int
    table: pd.DataFrame
    label_split: LabelErrorSplit | None = None
    categories: list[Category] = field(default_factory=list)
    skipped: int = 0

    @property
    def dev_error(self) -> float | None:
        if not self.dev_size:
            return None
        return self.dev_errors / self.dev_size

    def by_gain(self) -> pd.DataFrame:
        """The table ordered by the largest possible gain first (then by count)."""
        key = self.table["max_gain"].fillna(self.table["share"])
        order = np.lexsort((np.arange(len(key)), -self.table["count"].to_numpy(), -key.to_numpy()))
        return self.table.iloc[order].reset_index(drop=True)

    def to_json_dict(self) -> dict[str, Any]:
        """The ``tally --format json`` contract (fractions, not percents)."""
        return {
            "dev_size": self.dev_size,
            "dev_errors": int(self.dev_errors),
            "dev_error": _number(self.dev_error),
            "reviewed": int(self.reviewed),
            "skipped": int(self.skipped),
            "categories": [
                {
                    "name": row.name_,
                    "kind": row.kind,
                    "count": int(row.count),
                    "assessed": int(row.assessed),
                    "share": _number(row.share),
                    "share_low": _number(row.share_low),
                    "share_high": _number(row.share_high),
                    "max_gain": _number(row.max_gain),
                    "ceiling_error": _number(row.ceiling_error),
                }
                for row in self.table.rename(columns={"name": "name_"}).itertuples(index=False)
            ],
        }


def _number(value: float | None) -> float | None:
    if value is None:
        return None
    value = float(value)
    if math.isnan(value):
        return None
    # Round off binary noise (0.1 * 0.05 = 0.005000000000000001) for stable output.
    return round(value, 12)


def compute_tally(
    categories: list[Category],
    counts: np.ndarray | list[int],
    reviewed: int,
    dev_errors: int,
    dev_size: int | None,
    label_error_count: int | None = None,
    *,
    assessed: np.ndarray | list[int] | None = None,
    skipped: int = 0,
) -> Tally:
    """The tally from per-category tick counts among the ``reviewed`` dev errors.

    ``assessed`` is each category's own n: the reviewed errors assessed for it
    (a category added mid-review was not assessed on the errors reviewed
    before it); by default every category's n is ``reviewed``. ``skipped``
    errors ("can't judge") are in no denominator; they are only reported.
    ``label_error_count`` is the number of reviewed errors with *any*
    label-error tick (a union when there are several such categories);
    without it, the count of the single label-error category is used.
    """
    counts = np.asarray(counts, dtype=np.int64)
    if len(counts) != len(categories):
        raise ValueError("one count per category")
    n = (
        np.full(len(counts), reviewed, dtype=np.int64)
        if assessed is None
        else np.asarray(assessed, dtype=np.int64)
    )
    if len(n) != len(counts) or (n > reviewed).any() or (counts > n).any():
        raise ValueError("each category's n is at most the reviewed count and its count")
    population = dev_errors if dev_errors > 0 else None
    if population is not None and reviewed > population:
        # More reviewed than errors (a spreadsheet with more rows than the
        # predictions' errors): treat as a full review of what was reviewed.
        population = reviewed
    share = np.divide(counts, n, out=np.zeros(len(counts)), where=n > 0)
    low, high = np.zeros(len(counts)), np.ones(len(counts))
    for size in np.unique(n):
        which = n == size
        low[which], high[which] = wilson_intervals(counts[which], int(size), population)
    dev_error = dev_errors / dev_size if dev_size else math.nan
    table = pd.DataFrame(
        {
            "name": [c.name for c in categories],
            "kind": [c.kind for c in categories],
            "count": counts,
            "assessed": n,
            "share": share,
            "share_low": low,
            "share_high": high,
            "max_gain": dev_error * share,
            "max_gain_low": dev_error * low,
            "max_gain_high": dev_error * high,
            "ceiling_error": dev_error * (1 - share),
            "ceiling_error_low": dev_error * (1 - high),
            "ceiling_error_high": dev_error * (1 - low),
        }
    )
    split = None
    kinds = np.array([c.kind for c in categories])
    if (kinds == LABEL_ERROR).any():
        if label_error_count is None:
            label_error_count = int(counts[kinds == LABEL_ERROR].max())
        # The label split's n: the errors assessed for wrong labels (with several
        # label-error categories, the smallest of their n, a conservative choice).
        label_n = int(n[kinds == LABEL_ERROR].min())
        label_error_count = min(label_error_count, label_n)
        p = label_error_count / label_n if label_n else 0.0
        p_low, p_high = wilson_interval(label_error_count, label_n, population)
        e = None if math.isnan(dev_error) else dev_error
        split = LabelErrorSplit(
            count=int(label_error_count),
            share=p,
            share_low=p_low,
            share_high=p_high,
            due_to_labels=None if e is None else e * p,
            other_causes=None if e is None else e * (1 - p),
        )
    return Tally(dev_size, dev_errors, reviewed, table, split, list(categories), int(skipped))


def tally_from_ticks(
    categories: list[Category],
    ticks: pd.DataFrame | np.ndarray,
    reviewed_mask: np.ndarray | None,
    dev_errors: int | None,
    dev_size: int | None,
    *,
    assessed: np.ndarray | None = None,
    skipped: int = 0,
) -> Tally:
    """The tally from a boolean items x categories tick matrix (vectorised).

    ``assessed`` (same shape, optional) is False where a category was not
    assessed on an item; those cells are in neither the count nor the n.
    """
    matrix = np.asarray(ticks, dtype=bool)
    if reviewed_mask is None:
        reviewed_mask = np.ones(matrix.shape[0], dtype=bool)
    reviewed_mask = np.asarray(reviewed_mask, dtype=bool)
    if assessed is None:
        assessed = np.ones(matrix.shape, dtype=bool)
    assessed_rows = np.asarray(assessed, dtype=bool)[reviewed_mask]
    reviewed_rows = matrix[reviewed_mask] & assessed_rows
    counts = reviewed_rows.sum(axis=0)
    kinds = np.array([c.kind for c in categories])
    label_columns = kinds == LABEL_ERROR
    label_count = (
        int(reviewed_rows[:, label_columns].any(axis=1).sum()) if label_columns.any() else None
    )
    return compute_tally(
        categories,
        counts,
        int(reviewed_rows.shape[0]),
        dev_errors if dev_errors is not None else matrix.shape[0],
        dev_size,
        label_count,
        assessed=assessed_rows.sum(axis=0),
        skipped=skipped,
    )
