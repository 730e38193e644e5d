"""The review state of every item as numpy arrays, for a tally in milliseconds.

:class:`ReviewSession` owns one (built on the first tally, ~0.1-0.3 s at
100,000 items) and updates it in the same methods that write the edits, after
each commit: a tick changes one cell, not a query over the whole table. It is
derived data of the session, never a second truth: anything it does not
follow incrementally (an import, added items) drops it, and the next tally
rebuilds it from the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

#: Matches ``erroranalysis.core.session`` (kept here to avoid an import cycle).
REVIEWED = 1


@dataclass
class ReviewCounts:
    """Per item (rows, in review order): origin, review state, ticks and "not assessed"."""

    ids: np.ndarray  # int64, item ids in review order
    is_error: np.ndarray  # bool, origin == error
    state: np.ndarray  # int8 review states
    # Column-major (Fortran order): a category's column is contiguous, and
    # counting one takes ~4 us where a row-major column sum took ~60.
    ticks: np.ndarray  # bool rows x columns
    unassessed: np.ndarray  # bool rows x columns
    columns: dict[int, int]  # category id -> column

    def __post_init__(self) -> None:
        # Item ids sorted, to find rows by binary search (ids are not positions).
        self._order = np.argsort(self.ids, kind="stable")
        self._sorted = self.ids[self._order]

    @classmethod
    def build(
        cls,
        ids: np.ndarray,
        is_error: np.ndarray,
        state: np.ndarray,
        category_ids: Sequence[int],
        tick_pairs: np.ndarray,
        unassessed_pairs: np.ndarray,
    ) -> ReviewCounts:
        """From the item columns and the (item, category) pairs of the two tables."""
        columns = {int(c): j for j, c in enumerate(category_ids)}
        counts = cls(
            np.asarray(ids, dtype=np.int64),
            np.asarray(is_error, dtype=bool),
            np.asarray(state, dtype=np.int8).copy(),
            np.zeros((len(ids), len(columns)), dtype=bool, order="F"),
            np.zeros((len(ids), len(columns)), dtype=bool, order="F"),
            columns,
        )
        known = np.array(list(columns), dtype=np.int64)
        order = np.argsort(known, kind="stable")
        for matrix, pairs in ((counts.ticks, tick_pairs), (counts.unassessed, unassessed_pairs)):
            pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
            if len(pairs) and len(known):
                rows = counts.rows(pairs[:, 0])
                # Category ids to columns, vectorised (100,000 ticks: no Python loop).
                place = np.minimum(np.searchsorted(known[order], pairs[:, 1]), len(known) - 1)
                found = known[order][place] == pairs[:, 1]
                cols = np.where(found, order[place], -1)
                keep = (rows >= 0) & (cols >= 0)
                matrix[rows[keep], cols[keep]] = True
        return counts

    # ------------------------------------------------------------- lookups
    def rows(self, item_ids: Iterable[int]) -> np.ndarray:
        """Rows of item ids (-1 for an id not here)."""
        if isinstance(item_ids, np.ndarray):
            wanted = item_ids.astype(np.int64, copy=False).ravel()
        else:
            wanted = np.fromiter((int(i) for i in item_ids), dtype=np.int64)
        if not len(self._sorted) or not len(wanted):
            return np.full(len(wanted), -1, dtype=np.int64)
        place = np.minimum(np.searchsorted(self._sorted, wanted), len(self._sorted) - 1)
        return np.where(self._sorted[place] == wanted, self._order[place], -1)

    def column_counts(
        self, category_ids: Sequence[int], mask: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per category, its ticks and its "not assessed" marks among the rows in ``mask``."""
        ticked = np.array([np.count_nonzero(self.ticks[:, self.columns[int(c)]] & mask)
                           for c in category_ids], dtype=np.int64)
        unassessed = np.array(
            [np.count_nonzero(self.unassessed[:, self.columns[int(c)]] & mask)
             for c in category_ids], dtype=np.int64)
        return ticked, unassessed

    def column(self, category_id: int) -> tuple[np.ndarray, np.ndarray]:
        """A category's (ticks, unassessed) columns (views, not copies)."""
        j = self.columns[int(category_id)]
        return self.ticks[:, j], self.unassessed[:, j]

    def matrix_for(
        self, category_ids: Sequence[int], rows: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(ticks, unassessed) of ``rows`` (all by default), columns in the order of
        ``category_ids``."""
        cols = [self.columns[int(c)] for c in category_ids]
        in_order = cols == list(range(self.ticks.shape[1]))
        picked = []
        for matrix in (self.ticks, self.unassessed):
            part = matrix if rows is None else matrix[rows]
            picked.append(part if in_order else part[:, cols])
        return picked[0], picked[1]

    # ------------------------------------------------------------- updates
    def set_ticks(self, item_ids: Sequence[int], category_id: int, ticked: bool) -> None:
        rows = self._existing(item_ids)
        col = self.columns[int(category_id)]
        self.ticks[rows, col] = ticked
        self.unassessed[rows, col] = False

    def set_ticks_each(self, pairs: Iterable[tuple[int, int, bool]]) -> None:
        """Set ticks one (item, category, ticked) at a time (an undo)."""
        for item, category, ticked in pairs:
            row = self._existing([item])
            col = self.columns.get(int(category))
            if col is not None and len(row):
                self.ticks[row[0], col] = ticked

    def set_states(self, item_ids: Sequence[int], states: Sequence[int]) -> None:
        rows = self._existing(item_ids)
        self.state[rows] = np.asarray(states, dtype=np.int8)[: len(rows)]

    def set_unassessed(self, pairs: Iterable[tuple[int, int]], value: bool) -> None:
        for item, category in pairs:
            row = self._existing([item])
            col = self.columns.get(int(category))
            if col is not None and len(row):
                self.unassessed[row[0], col] = value

    def add_column(self, category_id: int, ticked_ids: Iterable[int] = (),
                   unassessed_ids: Iterable[int] | None = None) -> None:
        """A new category; by default unassessed on the items reviewed so far."""
        j = self.ticks.shape[1]
        self.columns[int(category_id)] = j
        self.ticks = np.asfortranarray(
            np.concatenate([self.ticks, np.zeros((len(self.ids), 1), bool)], axis=1))
        if unassessed_ids is None:
            column = (self.state == REVIEWED)[:, None]
        else:
            column = np.zeros((len(self.ids), 1), bool)
            column[self._existing(list(unassessed_ids)), 0] = True
        self.unassessed = np.asfortranarray(np.concatenate([self.unassessed, column], axis=1))
        self.ticks[self._existing(list(ticked_ids)), j] = True

    def drop_column(self, category_id: int) -> None:
        j = self.columns.pop(int(category_id))
        self.ticks = np.asfortranarray(np.delete(self.ticks, j, axis=1))
        self.unassessed = np.asfortranarray(np.delete(self.unassessed, j, axis=1))
        self.columns = {c: (k - 1 if k > j else k) for c, k in self.columns.items()}

    def _existing(self, item_ids: Sequence[int]) -> np.ndarray:
        rows = self.rows(item_ids)
        return rows[rows >= 0]
