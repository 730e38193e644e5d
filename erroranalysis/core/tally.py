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
from erroranalysis.core.intervals import (  # noqa: F401 (Wilson-FPC lived here: re-exported)
    Z_95,
    share_interval,
    share_intervals,
    wilson_interval,
    wilson_intervals,
)


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
    ``name, kind, count, share, share_low, share_high, max_gain,
    max_gain_low, max_gain_high, ceiling_error, ceiling_error_low,
    ceiling_error_high`` (gains and ceilings are NaN without a dev size).
    """

    dev_size: int | None
    dev_errors: int
    reviewed: int
    table: pd.DataFrame
    label_split: LabelErrorSplit | None = None
    categories: list[Category] = field(default_factory=list)

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
            "categories": [
                {
                    "name": row.name_,
                    "kind": row.kind,
                    "count": int(row.count),
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
) -> Tally:
    """The tally from per-category tick counts among the ``reviewed`` dev errors.

    ``label_error_count`` is the number of reviewed errors with *any*
    label-error tick (a union when there are several such categories);
    without it, the count of the single label-error category is used.
    """
    counts = np.asarray(counts, dtype=np.int64)
    if len(counts) != len(categories):
        raise ValueError("one count per category")
    population = dev_errors if dev_errors > 0 else None
    if population is not None and reviewed > population:
        # More reviewed than errors (a spreadsheet with more rows than the
        # predictions' errors): treat as a full review of what was reviewed.
        population = reviewed
    share = counts / reviewed if reviewed else np.zeros(len(counts))
    low, high = wilson_intervals(counts, reviewed, population)
    dev_error = dev_errors / dev_size if dev_size else math.nan
    table = pd.DataFrame(
        {
            "name": [c.name for c in categories],
            "kind": [c.kind for c in categories],
            "count": counts,
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
        p = label_error_count / reviewed if reviewed else 0.0
        p_low, p_high = wilson_interval(label_error_count, reviewed, population)
        e = None if math.isnan(dev_error) else dev_error
        split = LabelErrorSplit(
            count=int(label_error_count),
            share=p,
            share_low=p_low,
            share_high=p_high,
            due_to_labels=None if e is None else e * p,
            other_causes=None if e is None else e * (1 - p),
        )
    return Tally(dev_size, dev_errors, reviewed, table, split, list(categories))


def tally_from_ticks(
    categories: list[Category],
    ticks: pd.DataFrame | np.ndarray,
    reviewed_mask: np.ndarray | None,
    dev_errors: int | None,
    dev_size: int | None,
) -> Tally:
    """The tally from a boolean items x categories tick matrix (vectorised)."""
    matrix = np.asarray(ticks, dtype=bool)
    if reviewed_mask is None:
        reviewed_mask = np.ones(matrix.shape[0], dtype=bool)
    reviewed_rows = matrix[np.asarray(reviewed_mask, dtype=bool)]
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
    )
