"""Which items a spreadsheet filter keeps, and the order a column sorts them in (no Qt).

Both work on whole columns at once (pandas/numpy), never on one item at a
time, so filtering or sorting 100,000 items costs a few vectorised passes.
The columns come from the session (:meth:`ReviewSession.items_frame`);
nothing here keeps state between calls.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class ItemFilter:
    """What the spreadsheet's filter bar asks for; an empty filter keeps everything.

    ``category_id`` with ``category_ticked`` keeps items that have (or have
    not) that category ticked; ``item_ids`` keeps only the listed items
    (a confusion-matrix cell, say), described to the user by ``item_description``.
    """

    category_id: int | None = None
    category_ticked: bool = True
    reviewed: bool | None = None
    label: str | None = None
    prediction: str | None = None
    text: str = ""
    item_ids: frozenset[int] | None = None
    item_description: str = ""

    @property
    def is_empty(self) -> bool:
        return (
            self.category_id is None
            and self.reviewed is None
            and self.label is None
            and self.prediction is None
            and not self.text.strip()
            and self.item_ids is None
        )

    @property
    def needs_dynamic_columns(self) -> bool:
        """Whether the filter reads columns that edits change (reviewed, comment)."""
        return self.reviewed is not None or bool(self.text.strip())


def matching_ids(
    frame: pd.DataFrame,
    spec: ItemFilter,
    items_with: Callable[[int], Collection[int]],
) -> set[int] | None:
    """The ids of the items ``spec`` keeps, or ``None`` when it keeps every item.

    ``frame`` is indexed by item id with the columns of ``items_frame``
    (``image, label, prediction, comment, reviewed, metadata``);
    ``items_with(category_id)`` gives the items ticked with a category.
    """
    if spec.is_empty:
        return None
    index = frame.index
    keep = np.ones(len(frame), dtype=bool)
    if spec.item_ids is not None:
        keep &= index.isin(list(spec.item_ids))
    if spec.category_id is not None:
        ticked = index.isin(list(items_with(spec.category_id)))
        keep &= ticked if spec.category_ticked else ~ticked
    if spec.reviewed is not None:
        keep &= frame["reviewed"].to_numpy(dtype=bool) == spec.reviewed
    if spec.label is not None:
        keep &= (frame["label"].astype(str) == spec.label).to_numpy()
    if spec.prediction is not None:
        keep &= (frame["prediction"].astype(str) == spec.prediction).to_numpy()
    words = spec.text.casefold().split()
    if words:
        # One haystack per item: what a reviewer would search by, the image
        # path, the comment and the metadata (stored as JSON text, values
        # readable as typed, non-ASCII kept).
        haystack = (
            frame["image"].astype(str)
            + "\n"
            + frame["comment"].astype(str)
            + "\n"
            + frame["metadata"].astype(str)
        ).str.casefold()
        for word in words:
            keep &= haystack.str.contains(word, regex=False).to_numpy(dtype=bool)
    return set(index[keep].tolist())


def natural_values(values: pd.Series) -> pd.Series:
    """Sort keys for a text column: numbers by value ("2" < "10"), before text (casefolded)."""
    text = values.astype(str)
    numbers = pd.to_numeric(text, errors="coerce")
    if len(text) and not numbers.isna().any():
        return numbers
    numeric = numbers.notna() & (numbers >= 0)
    if not numeric.any():
        return text.str.casefold()
    # Mixed: zero-padded numbers sort by value as text, and before the words.
    padded = numbers[numeric].map(lambda x: f"0{x:032.10f}")
    return ("1" + text.str.casefold()).where(~numeric, padded)


def sort_order(keys: pd.Series, descending: bool) -> np.ndarray:
    """Positions that sort ``keys``: ties keep their review order, missing values go last."""
    ordered = keys.reset_index(drop=True).sort_values(
        ascending=not descending, kind="stable", na_position="last"
    )
    return ordered.index.to_numpy()
