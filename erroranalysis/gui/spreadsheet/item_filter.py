"""Which items a spreadsheet filter keeps, and the order a column sorts them in (no Qt).

Both work on whole columns at once (numpy/pandas), never on one item at a
time, so filtering or sorting 100,000 items costs a few vectorised passes.
The columns come from :class:`ItemColumns`, which reads only what a filter
or sort needs (:meth:`ReviewSession.item_columns`) and never keeps review
state: ticks, reviewed flags and comments are asked of the session on every
call, so they cannot drift from it. Only what an item *is* (id, image,
label, prediction, score, metadata) is kept, until the items change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from erroranalysis.core.session import REVIEWED, UNREVIEWED, ReviewSession

#: Item columns that only change with the items themselves (never with a review edit).
IMMUTABLE_COLUMNS = ("image", "label", "prediction", "score", "metadata")


@dataclass(frozen=True)
class ItemFilter:
    """What the spreadsheet's filter bar asks for; an empty filter keeps everything.

    ``category_id`` with ``category_ticked`` keeps items that have (or have
    not) that category ticked; ``item_ids`` keeps only the listed items
    (a confusion-matrix cell, say), described to the user by ``item_description``.
    ``reviewed`` is a review state (``UNREVIEWED``, ``REVIEWED``, ``SKIPPED``);
    ``True``/``False`` read as reviewed / not reviewed.
    """

    category_id: int | None = None
    category_ticked: bool = True
    reviewed: int | bool | None = None
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


class ItemColumns:
    """Whole columns of a session's items, in review order, for sorting and filtering.

    Arrays are indexed by *review position* (0 = the first item in review
    order). Immutable columns and what is derived from them (sort ranks, the
    text searched) are read once and kept until :meth:`forget`, which the
    owner calls when the session says its items changed. Review state is
    never kept: :meth:`ticked`, :meth:`reviewed` and :meth:`comments` read
    the session each time (a cheap indexed query or a scan, not a column read).
    """

    def __init__(self, session: ReviewSession) -> None:
        self._session = session
        self._ids: np.ndarray | None = None
        self._slot: np.ndarray | None = None  # by item id: its review position, or -1
        self._columns: dict[str, np.ndarray] = {}
        self._ranks: dict[str, np.ndarray] = {}
        self._search: pd.Series | None = None

    @property
    def session(self) -> ReviewSession:
        return self._session

    def forget(self) -> None:
        """The items changed: read everything again when next asked."""
        self._ids = self._slot = self._search = None
        self._columns.clear()
        self._ranks.clear()

    # ------------------------------------------------------------- positions
    @property
    def ids(self) -> np.ndarray:
        """Every item id (int64) in review order."""
        if self._ids is None:
            self._ids = self._session.item_id_array()
        return self._ids

    def __len__(self) -> int:
        return len(self.ids)

    def _slots(self) -> np.ndarray:
        if self._slot is None:
            ids = self.ids
            # Item ids are SQLite rowids: dense enough for a lookup table.
            slot = np.full(int(ids.max()) + 1 if len(ids) else 0, -1, dtype=np.int64)
            slot[ids] = np.arange(len(ids))
            self._slot = slot
        return self._slot

    def positions(self, item_ids: Iterable[int]) -> np.ndarray:
        """The review positions of those of ``item_ids`` that are items (-1 for the others)."""
        slot = self._slots()
        if isinstance(item_ids, np.ndarray):
            values = item_ids.astype(np.int64, copy=False)
        else:
            values = np.fromiter(item_ids, dtype=np.int64)
        inside = (values >= 0) & (values < len(slot))
        found = np.full(len(values), -1, dtype=np.int64)
        found[inside] = slot[values[inside]]
        return found

    def mask(self, item_ids: Iterable[int]) -> np.ndarray:
        """A boolean array over review positions, true for the items among ``item_ids``."""
        keep = np.zeros(len(self.ids), dtype=bool)
        found = self.positions(item_ids)
        keep[found[found >= 0]] = True
        return keep

    def knows(self, item_ids: Iterable[int]) -> bool:
        """Whether every id is among the items read so far (False when none are read yet)."""
        if self._ids is None:
            return False
        return bool((self.positions(item_ids) >= 0).all())

    # -------------------------------------------------------- immutable data
    def column(self, name: str) -> np.ndarray:
        """An immutable column (:data:`IMMUTABLE_COLUMNS`), read once."""
        if name not in IMMUTABLE_COLUMNS:
            raise ValueError(f"{name!r} changes with review edits: ask the session")
        cached = self._columns.get(name)
        if cached is None:
            read = self._session.item_columns(["id", name] if self._ids is None else [name])
            if "id" in read:
                self._ids = read["id"]
            cached = self._columns[name] = read[name]
            if len(cached) != len(self.ids):  # only if items changed unannounced
                self.forget()
                return self.column(name)
        return cached

    def sort_keys(self, what: str) -> np.ndarray:
        """Float keys (NaN = missing, sorted last) that order items by an immutable column.

        Image sorts by file name, casefolded; label and prediction in
        natural order (``"2" < "10"``, numbers before words); score by value.
        Equal values get equal keys, so a stable sort keeps review order.
        """
        cached = self._ranks.get(what)
        if cached is not None:
            return cached
        if what == "score":
            keys = self.column("score")
        elif what == "image":
            names = [
                path.replace("\\", "/").rsplit("/", 1)[-1].casefold()
                for path in self.column("image")
            ]
            keys = _dense_ranks(pd.Series(names, dtype=object))
        elif what in ("label", "prediction"):
            codes, uniques = pd.factorize(self.column(what))
            # Natural keys for the few distinct values, then spread to every item.
            unique_keys = _dense_ranks(natural_values(pd.Series(uniques, dtype=object)))
            keys = np.where(codes >= 0, unique_keys[np.maximum(codes, 0)], np.nan)
        else:
            raise ValueError(f"not an immutable sort key: {what!r}")
        self._ranks[what] = keys
        return keys

    def search_text(self) -> pd.Series:
        """Per item, the casefolded image path and metadata (JSON text) the search looks in."""
        if self._search is None:
            text = [
                f"{image}\n{metadata}".casefold()
                for image, metadata in zip(
                    self.column("image"), self.column("metadata"), strict=True
                )
            ]
            self._search = pd.Series(text, dtype="str")
        return self._search

    def distinct(self, name: str) -> list[str]:
        """The distinct values of an immutable text column, in natural order."""
        values = pd.Series(pd.unique(self.column(name)), dtype=object).astype(str)
        order = sort_order(natural_values(values), descending=False)
        return values.iloc[order].tolist()

    # ---------------------------------------------- review state (never kept)
    def ticked(self, category_id: int) -> np.ndarray:
        """Per review position: is the category ticked (read from the session now)."""
        return self.mask(self._session.items_with(category_id))

    def reviewed(self) -> np.ndarray:
        """Per review position: is the item reviewed (read from the session now)."""
        return self.states() == REVIEWED

    def states(self) -> np.ndarray:
        """Per review position: the item's review state (read from the session now)."""
        return self._session.item_columns(["state"])["state"]

    def feature(self, name: str) -> np.ndarray:
        """Per review position: a stored suggestion score (``sharpness``...), NaN where none."""
        values = self._session.item_features(name)
        out = np.full(len(self.ids), np.nan)
        if values:
            positions = self.positions(np.fromiter(values, dtype=np.int64, count=len(values)))
            scores = np.fromiter(values.values(), dtype=float, count=len(values))
            known = positions >= 0
            out[positions[known]] = scores[known]
        return out

    def comments(self) -> tuple[np.ndarray, list[str]]:
        """Review positions of the items with a comment, and those comments (read now)."""
        comments = self._session.comments()
        positions = self.positions(comments)
        texts = list(comments.values())
        known = positions >= 0
        return positions[known], [t for t, k in zip(texts, known, strict=True) if k]


def filter_mask(columns: ItemColumns, spec: ItemFilter) -> np.ndarray | None:
    """Per review position, whether ``spec`` keeps the item (``None``: it keeps every item)."""
    if spec.is_empty:
        return None
    keep = np.ones(len(columns), dtype=bool)
    if spec.item_ids is not None:
        keep &= columns.mask(spec.item_ids)
    if spec.category_id is not None:
        ticked = columns.ticked(spec.category_id)
        keep &= ticked if spec.category_ticked else ~ticked
    if spec.reviewed is not None:
        wanted = {True: REVIEWED, False: UNREVIEWED}.get(spec.reviewed, spec.reviewed)
        keep &= columns.states() == wanted
    if spec.label is not None:
        keep &= columns.column("label") == spec.label
    if spec.prediction is not None:
        keep &= columns.column("prediction") == spec.prediction
    words = spec.text.casefold().split()
    if words:
        # What a reviewer would search by: the image path, the metadata (JSON
        # text, values readable as typed, non-ASCII kept) and the comment.
        # Words hold no whitespace, so searching the fields one by one finds
        # what searching them joined by newlines would.
        haystack = columns.search_text()
        commented, comments = columns.comments()
        comments = [c.casefold() for c in comments]
        for word in words:
            hit = haystack.str.contains(word, regex=False).to_numpy(dtype=bool, copy=True)
            hit[commented[[word in c for c in comments]]] = True
            keep &= hit
    return keep


def sort_positions(
    columns: ItemColumns, what: str, category_id: int | None, descending: bool
) -> np.ndarray:
    """Review positions in the order one column sorts them (stable: ties keep review order).

    ``what`` is ``position`` (review order), ``image``, ``label``,
    ``prediction``, ``score``, ``comment``, ``reviewed``, ``category``
    (with ``category_id``), ``confusion`` (true class, then prediction) or
    ``feature:NAME`` (a stored suggestion score, missing ones last).
    Ascending puts ticked (and reviewed) items first, so the first click on
    a column shows what was ticked; empty comments come last in both
    directions: they are not interesting.
    """
    count = len(columns)
    if what == "position":
        positions = np.arange(count)
        return positions[::-1].copy() if descending else positions
    if what == "category":
        keys: np.ndarray = (~columns.ticked(int(category_id or 0))).astype(np.int8)
    elif what == "reviewed":
        # Reviewed first, then skipped, then not reviewed.
        keys = np.array([2, 0, 1], dtype=np.int8)[columns.states()]
    elif what == "confusion":
        # By true class, then prediction within it (both in natural order).
        label, prediction = columns.sort_keys("label"), columns.sort_keys("prediction")
        width = np.nanmax(prediction) + 2 if np.isfinite(prediction).any() else 1.0
        keys = label * width + prediction
    elif what.startswith("feature:"):
        keys = columns.feature(what.removeprefix("feature:"))
    elif what == "comment":
        commented, comments = columns.comments()
        keys = np.full(count, np.nan)
        keys[commented] = _dense_ranks(pd.Series([c.casefold() for c in comments], dtype=object))
    else:
        keys = columns.sort_keys(what)
    return sort_order(pd.Series(keys), descending)


def _dense_ranks(keys: pd.Series) -> np.ndarray:
    """Float ranks of sort keys: equal keys share a rank, missing keys are NaN."""
    codes, _uniques = pd.factorize(keys, sort=True)
    return np.where(codes >= 0, codes, np.nan)


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
