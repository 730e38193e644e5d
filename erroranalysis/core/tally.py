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
    INTERVAL_METHODS,
    Z_95,
    share_interval,
    share_intervals,
    wilson_interval,
    wilson_intervals,
)
from erroranalysis.core.ranking import Ranking, rank_categories


@dataclass(frozen=True)
class LabelErrorSplit:
    """METHOD.md §3: how much of the dev error comes from wrong labels.

    ``count`` is the number of reviewed errors with a label-error tick, out
    of ``assessed`` (``share = count / assessed``).
    """

    count: int
    share: float
    share_low: float
    share_high: float
    due_to_labels: float | None
    other_causes: float | None
    assessed: int | None = None


class _LazyTable:
    """``Tally.table``: built from the tally's column arrays the first time it is read.

    The live panels read the columns on every tick and never the frame; building
    a 13-column DataFrame (Arrow strings included) was a third of a tally's cost.
    A dataclass field whose default is a descriptor: ``Tally(..., table=None,
    columns=...)`` defers it, ``Tally(..., table=frame)`` (or ``replace``) sets it.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = f"_{name}_frame"

    def __get__(self, obj: Any, objtype: type | None = None) -> pd.DataFrame:
        if obj is None:
            raise AttributeError("table")  # no class-level default: the field is required
        table = obj.__dict__.get(self._slot)
        if table is None:
            columns = obj.columns or {}
            table = pd.DataFrame({k: v for k, v in columns.items() if k != "__table__"})
            obj.__dict__[self._slot] = table
            if obj.columns is not None:
                obj.columns["__table__"] = table
        return table

    def __set__(self, obj: Any, value: pd.DataFrame | None) -> None:
        obj.__dict__[self._slot] = value


@dataclass
class Tally:
    """The tally of a review.

    ``table`` has one row per category, in category order, with columns
    ``name, kind, count, assessed, share, share_low, share_high, max_gain,
    max_gain_low, max_gain_high, ceiling_error, ceiling_error_low,
    ceiling_error_high`` (gains and ceilings are NaN without a dev size).
    ``assessed`` is the category's own n: the reviewed errors assessed for
    it (``reviewed`` unless it was added mid-review); ``share = count /
    assessed``.

    ``reviewed`` counts the reviewed errors that were judged; ``skipped``
    the ones marked "skipped / can't judge" (in no denominator).
    ``population`` is the number of dev errors ``N`` the intervals use
    (``dev_errors - skipped``), ``None`` when unknown (then Clopper-Pearson).
    ``method`` is the interval method (:data:`INTERVAL_METHODS`);
    ``ranking`` the verdict on the leading category, when a tick matrix was
    given.
    """

    dev_size: int | None
    dev_errors: int
    reviewed: int
    table: pd.DataFrame = _LazyTable()  # type: ignore[assignment]
    label_split: LabelErrorSplit | None = None
    categories: list[Category] = field(default_factory=list)
    skipped: int = 0
    method: str = "exact"
    ranking: Ranking | None = None
    population: int | None = None
    #: ``table``'s columns as numpy arrays/lists, as :func:`compute_tally` built it
    #: (the live panels read them on every tick without going through pandas;
    #: ``table`` itself is built from them when first read). Read them with
    #: :meth:`column` / :meth:`column_lists`, which ignore them once ``table`` was
    #: replaced (``dataclasses.replace``).
    columns: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def dev_error(self) -> float | None:
        if not self.dev_size:
            return None
        return self.dev_errors / self.dev_size

    def _own_columns(self) -> dict[str, Any] | None:
        """``columns`` when they still describe ``table`` (built from them, or not yet)."""
        columns = self.columns
        if columns is None:
            return None
        table = self.__dict__.get("_table_frame")
        return columns if table is None or columns.get("__table__") is table else None

    def column(self, name: str) -> np.ndarray:
        """One of ``table``'s columns as a numpy array, without building the frame."""
        columns = self._own_columns()
        if columns is not None:
            return np.asarray(columns[name])
        return self.table[name].to_numpy()

    def column_lists(self) -> dict[str, list]:
        """``table``'s columns as Python lists (cheap when the tally was just computed)."""
        columns = self._own_columns()
        if columns is not None:
            return {name: (values.tolist() if isinstance(values, np.ndarray) else list(values))
                    for name, values in columns.items() if name != "__table__"}
        return {name: self.table[name].tolist() for name in self.table.columns}

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
            "ranking": None if self.ranking is None else self.ranking.to_json_dict(),
        }


def _number(value: float | None) -> float | None:
    if value is None:
        return None
    value = float(value)
    if math.isnan(value):
        return None
    # Round off binary noise (0.1 * 0.05 = 0.005000000000000001) for stable output.
    return round(value, 12)


def tally_population(
    dev_errors: int, reviewed: int, skipped: int = 0, errors_known: bool = True
) -> int | None:
    """The number of dev errors ``N`` the reviewed ones were drawn from, for the intervals.

    ``None`` when unknown (``errors_known`` False, or no dev errors given).
    More reviewed than errors (a spreadsheet with more rows than the
    predictions' errors) is treated as a full review of what was reviewed.
    Skipped errors are in no denominator: they leave the population too, so
    a review of every error that can be judged is a full review.
    """
    if not errors_known or dev_errors <= 0:
        return None
    return max(dev_errors, reviewed + skipped) - skipped


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
    method: str = "exact",
    errors_known: bool = True,
    label_error_assessed: int | None = None,
    review_ticks: np.ndarray | None = None,
    review_assessed: np.ndarray | None = None,
    ranking: Ranking | None = None,
) -> Tally:
    """The tally from per-category tick counts among the ``reviewed`` dev errors.

    - ``assessed``: each category's n, the reviewed errors assessed for it
      (default: every category's n is ``reviewed``); its share is
      ``count / assessed`` and its interval uses that n.
    - ``skipped``: errors marked "skipped / can't judge"; reported, in no
      denominator (``reviewed`` does not include them).
    - ``method``: ``"exact"`` (hypergeometric, Clopper-Pearson when the
      number of dev errors is unknown) or ``"wilson-fpc"``, see
      :func:`erroranalysis.core.intervals.share_intervals`.
    - ``errors_known``: False when ``dev_errors`` is only the number of rows
      at hand, not the number of dev errors the review was drawn from.
    - ``label_error_count``: the number of reviewed errors with *any*
      label-error tick (a union when there are several such categories),
      among ``label_error_assessed`` errors; without it, the count of the
      label-error category with the most ticks, with its own n.
    - ``review_ticks`` (and ``review_assessed``): the boolean reviewed errors
      x categories matrix, for the ranking verdict (:mod:`.ranking`); or
      ``ranking``, the verdict computed by the caller (with the population of
      :func:`tally_population`).
    """
    counts = np.asarray(counts, dtype=np.int64)
    if len(counts) != len(categories):
        raise ValueError("one count per category")
    sizes = (
        np.full(len(counts), reviewed, dtype=np.int64)
        if assessed is None
        else np.asarray(assessed, dtype=np.int64)
    )
    if len(sizes) != len(counts) or (sizes > reviewed).any() or (counts > sizes).any():
        raise ValueError("one assessed n per category, between its count and reviewed")
    population = tally_population(dev_errors, reviewed, skipped, errors_known)
    share = np.where(sizes > 0, counts / np.maximum(sizes, 1), 0.0)
    low, high = share_intervals(counts, sizes, population, method)
    dev_error = dev_errors / dev_size if dev_size else math.nan
    columns: dict[str, Any] = {
        "name": [c.name for c in categories],
        "kind": [c.kind for c in categories],
        "count": counts,
        "assessed": sizes,
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
    split = None
    kinds = np.array([c.kind for c in categories])
    labels = kinds == LABEL_ERROR
    if labels.any():
        if label_error_count is None:
            chosen = np.flatnonzero(labels)[np.argmax(counts[labels])]
            label_error_count, label_error_assessed = int(counts[chosen]), int(sizes[chosen])
        elif label_error_assessed is None:
            label_error_assessed = int(sizes[labels].max())
        n = label_error_assessed
        p = label_error_count / n if n else 0.0
        p_low, p_high = share_interval(label_error_count, n, population, method)
        e = None if math.isnan(dev_error) else dev_error
        split = LabelErrorSplit(
            count=int(label_error_count),
            share=p,
            share_low=p_low,
            share_high=p_high,
            due_to_labels=None if e is None else e * p,
            other_causes=None if e is None else e * (1 - p),
            assessed=int(n),
        )
    if review_ticks is not None:
        ranking = rank_categories(
            review_ticks, [c.name for c in categories], population, review_assessed
        )
    return Tally(
        dev_size,
        dev_errors,
        reviewed,
        None,  # the table: built from ``columns`` when first read
        split,
        list(categories),
        skipped=int(skipped),
        method=method,
        ranking=ranking,
        population=population,
        columns=columns,
    )


def tally_from_ticks(
    categories: list[Category],
    ticks: pd.DataFrame | np.ndarray,
    reviewed_mask: np.ndarray | None,
    dev_errors: int | None,
    dev_size: int | None,
    *,
    assessed: np.ndarray | None = None,
    skipped: int = 0,
    method: str = "exact",
    errors_known: bool = True,
) -> Tally:
    """The tally, with its ranking verdict, from a boolean items x categories tick matrix.

    Rows in ``reviewed_mask`` are the reviewed (judged) errors; ``assessed``
    (same shape as ``ticks``) marks which were assessed for each category
    (default all); ``skipped`` counts errors marked "skipped / can't judge",
    which must not be in ``reviewed_mask``. ``dev_errors`` defaults to the
    number of rows. Vectorised: column sums, no loop over items.
    """
    matrix = np.asarray(ticks, dtype=bool)
    if reviewed_mask is None:
        reviewed_mask = np.ones(matrix.shape[0], dtype=bool)
    reviewed_mask = np.asarray(reviewed_mask, dtype=bool)
    every_row = bool(reviewed_mask.all())
    rows = matrix if every_row else matrix[reviewed_mask]
    judged = None
    if assessed is not None:
        judged = np.asarray(assessed, dtype=bool)
        judged = judged if every_row else judged[reviewed_mask]
        if judged.all():
            judged = None  # every reviewed error assessed for every category
    marks = rows if judged is None else rows & judged
    counts = np.count_nonzero(marks, axis=0)
    sizes = None if judged is None else np.count_nonzero(judged, axis=0)
    kinds = np.array([c.kind for c in categories])
    label_columns = kinds == LABEL_ERROR
    label_count = label_n = None
    if label_columns.any():
        label_count = int(np.count_nonzero(marks[:, label_columns].any(axis=1)))
        label_n = (
            rows.shape[0] if judged is None
            else int(np.count_nonzero(judged[:, label_columns].any(axis=1)))
        )
    return compute_tally(
        categories,
        counts,
        int(rows.shape[0]),
        dev_errors if dev_errors is not None else matrix.shape[0],
        dev_size,
        label_count,
        assessed=sizes,
        skipped=skipped,
        method=method,
        errors_known=errors_known,
        label_error_assessed=label_n,
        review_ticks=rows,
        review_assessed=judged,
    )
