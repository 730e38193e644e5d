"""Agreement between reviewers on the categories (several people tick the same items).

Two people tick "blurry" differently; before trusting a tally made by a team,
measure how far its reviewers agree on each category. The data model is
:class:`Ratings`: per reviewer, per item, per category one value, ticked
(``1``), assessed and not ticked (``0``) or not assessed (``-1``: the reviewer
did not review the item, skipped it, or the category did not exist in their
session).

Per category, :func:`compute_agreement` reports, over the items that EVERY
reviewer assessed for it:

- raw agreement: the share of those items on which all reviewers agree;
- a kappa: Cohen's for two reviewers, Fleiss' for three or more, with a
  standard error and a 95% interval;
- Gwet's AC1, because kappa misleads for rare categories (two reviewers who
  agree on 98 of 100 items that are almost never ticked can get kappa near 0;
  AC1 stays near the raw agreement).

Every statistic is a function of a few counts per category (how many items
got 0, 1, ..., m ticks from the m reviewers; for Cohen the 2x2 table), so the
work over items is a handful of vectorised passes over the ``values`` array
followed by arithmetic on per-category counts. Undefined values are ``None``,
never NaN.

:func:`ratings_from_sessions` builds :class:`Ratings` from one session file
per reviewer; :func:`disagreement_mask` / :func:`disagreements` feed the
disagreement queue; :func:`majority` gives the answer to tally on.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from erroranalysis.core.errors import UserError
from erroranalysis.core.kappa_interval import kappa_interval, pair_counts
from erroranalysis.i18n import translate

if TYPE_CHECKING:
    from erroranalysis.core.session import ReviewSession

#: ``Ratings.values`` codes.
TICKED = 1
NOT_TICKED = 0
NOT_ASSESSED = -1
#: :func:`majority` of a cell whose assessors split evenly.
TIE = -2

#: A category whose kappa (AC1 when kappa is undefined) is below this needs a
#: sharper description (Landis and Koch call 0.61-0.80 "substantial").
SHARPEN_BELOW = 0.6

Z_95 = 1.959963984540054

COHEN = "cohen"
FLEISS = "fleiss"
KAPPA_TITLES = {COHEN: "Cohen's kappa", FLEISS: "Fleiss' kappa"}


# --------------------------------------------------------------------- data


@dataclass(frozen=True, eq=False)
class Ratings:
    """What every reviewer answered for every item and category.

    ``values`` is an ``int8`` array of shape ``(reviewers, items, categories)``
    holding :data:`TICKED` (1), :data:`NOT_TICKED` (0) or :data:`NOT_ASSESSED`
    (-1). ``item_keys`` names the items (the example id, or the image path
    when the items were matched by path); ``categories`` are display names.
    """

    reviewers: list[str]
    categories: list[str]
    item_keys: np.ndarray
    values: np.ndarray

    def __post_init__(self) -> None:
        values = self.values
        if values.ndim != 3:
            raise ValueError(f"values must be reviewers x items x categories, not {values.shape}")
        if values.dtype != np.int8:
            raise ValueError(f"values must be int8, not {values.dtype}")
        shape = (len(self.reviewers), len(self.item_keys), len(self.categories))
        if values.shape != shape:
            raise ValueError(
                f"values has shape {values.shape}; reviewers x items x categories is {shape}"
            )
        if len(set(self.reviewers)) != len(self.reviewers):
            raise ValueError(f"reviewer names must be unique: {self.reviewers}")
        if values.size and (values.min() < NOT_ASSESSED or values.max() > TICKED):
            raise ValueError("values must be 1 (ticked), 0 (not ticked) or -1 (not assessed)")

    @property
    def assessed(self) -> np.ndarray:
        """``(reviewers, items, categories)`` bool: which cells each reviewer assessed."""
        return self.values >= 0


@dataclass(frozen=True)
class CategoryAgreement:
    """Agreement of the reviewers on one category.

    ``items``: items every reviewer assessed for it; ``agreement``: the share
    of them on which all reviewers gave the same answer; ``kappa``: Cohen's
    (two reviewers) or Fleiss' (three or more, ``method`` says which) with its
    standard error and 95% interval, clipped to [-1, 1]; ``ac1``: Gwet's AC1
    with its own. ``None`` wherever a value is undefined (no common items;
    kappa when chance agreement is 1; an interval from fewer than 2 items).
    """

    name: str
    items: int
    agreement: float | None
    method: str
    kappa: float | None
    kappa_se: float | None
    kappa_low: float | None
    kappa_high: float | None
    ac1: float | None
    ac1_se: float | None
    ac1_low: float | None
    ac1_high: float | None

    @property
    def judged_by(self) -> float | None:
        """The number the flag looks at: kappa, or AC1 when kappa is undefined."""
        return self.kappa if self.kappa is not None else self.ac1

    @property
    def needs_sharpening(self) -> bool:
        """Below :data:`SHARPEN_BELOW`: reviewers read the category differently.

        Judged on kappa, or on AC1 when kappa is undefined (every assessed
        answer the same, e.g. nobody ever ticked it: then AC1 is 1 and the
        category is not flagged). A category with no common items is not
        flagged: there is nothing to judge.
        """
        value = self.judged_by
        return value is not None and value < SHARPEN_BELOW

    def to_json_dict(self) -> dict[str, Any]:
        """One entry of the ``agreement --format json`` contract."""
        return {
            "name": self.name,
            "items": int(self.items),
            "agreement": self.agreement,
            "kappa": self.kappa,
            "kappa_low": self.kappa_low,
            "kappa_high": self.kappa_high,
            "ac1": self.ac1,
        }


@dataclass(frozen=True)
class AgreementReport:
    """Per-category agreement of a set of reviewers, in the categories' order."""

    reviewers: list[str]
    categories: list[CategoryAgreement]

    @property
    def method(self) -> str:
        """:data:`COHEN` for two reviewers, :data:`FLEISS` for three or more."""
        return COHEN if len(self.reviewers) == 2 else FLEISS

    @property
    def common_items(self) -> int:
        """The largest number of items all reviewers assessed for one category."""
        return max((c.items for c in self.categories), default=0)

    def to_json_dict(self) -> dict[str, Any]:
        """The ``agreement --format json`` contract, exactly."""
        return {
            "reviewers": list(self.reviewers),
            "categories": [c.to_json_dict() for c in self.categories],
        }


# --------------------------------------------------------------- statistics


def compute_agreement(ratings: Ratings) -> AgreementReport:
    """Per category: common items, raw agreement, kappa with its interval, Gwet's AC1.

    Only items that every reviewer assessed for a category count for that
    category (an item one reviewer skipped says nothing about agreement).

    **Two reviewers: Cohen's kappa** on the 2x2 table of their answers, with
    the large-sample (non-null) variance of Fleiss, Cohen and Everitt (1969),
    the one ``statsmodels.stats.inter_rater.cohens_kappa`` returns as
    ``var_kappa`` (its standard error is ``kappa_se``).

    **Three or more: Fleiss' kappa** (Fleiss 1971), with Gwet's (2008)
    linearised variance, which does not assume the reviewers independent
    (the Fleiss-Nee-Landis variance does, so it only tests kappa = 0 and is
    no interval for kappa)::

        kappa_i  = (pa_i - pe) / (1 - pe)          pa_i: agreeing pairs of item i
        pe_i     = sum_k (r_ik / m) pi_k           r_ik: reviewers answering k on item i
        kappa*_i = kappa_i - 2 (1 - kappa) (pe_i - pe) / (1 - pe)
        var      = sum_i (kappa*_i - kappa)^2 / (n (n - 1))

    as in Gwet's irrCAC (``fleiss.kappa.raw``).

    **kappa's 95% interval** is not ``kappa ± 1.96 se``, which covered the true
    kappa about half the time for a category ticked on a few items, but the
    likelihood-ratio interval of :func:`erroranalysis.core.kappa_interval.kappa_interval`
    (Donner and Eliasziw's common-correlation model; with three or more
    reviewers their pairs pooled, one pair's weight per item), widened if need
    be to hold the kappa shown. ``kappa_se`` stays the large-sample one above.

    **Gwet's AC1** (Gwet 2008): ``(pa - pe) / (1 - pe)`` with chance agreement
    ``pe = 2 pi (1 - pi)`` for a yes/no category (``pi``: the share of ticks),
    for any number of reviewers; its variance is the linearised one above with
    ``pe_i = sum_k (r_ik / m) (1 - pi_k)``.

    AC1's interval is ``AC1 ± 1.96 se`` with the normal quantile (irrCAC uses
    Student's t with n - 1 degrees of freedom; from 100 items on the normal
    interval is at most about 1% narrower). Intervals are clipped to [-1, 1].
    With fewer than two common items there is no interval; when every answer
    is the same AC1's variance is 0 and its interval a point (a limit of the
    large-sample formula), while kappa's reaches down to what the items allow.
    """
    values = ratings.values
    reviewers = len(ratings.reviewers)
    if reviewers < 2:
        raise ValueError("agreement needs at least two reviewers")
    n_categories = len(ratings.categories)
    # Element-wise passes per reviewer, then counts along contiguous rows
    # (categories x items): reductions over the items axis of an items x
    # categories array are several times slower.
    complete, ticks = _complete_and_ticks(values)
    complete_t = np.ascontiguousarray(complete.T)
    ticks_t = np.ascontiguousarray(ticks.T)
    # How many common items got j ticks, j = 0..m, per category: every statistic
    # below is a function of these counts (and, for Cohen, of who ticked).
    histogram = np.stack(
        [np.count_nonzero((ticks_t == j) & complete_t, axis=1) for j in range(reviewers + 1)],
        axis=1,
    )
    items = histogram.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        agreement = (histogram[:, 0] + histogram[:, reviewers]) / items

    compositions = np.stack(
        [reviewers - np.arange(reviewers + 1), np.arange(reviewers + 1)], axis=1
    )
    ac1 = chance_corrected(compositions, histogram, "gwet")
    if reviewers == 2:
        both = histogram[:, 2]
        first = np.count_nonzero((values[0].T == TICKED) & complete_t, axis=1) - both
        second = np.count_nonzero((values[1].T == TICKED) & complete_t, axis=1) - both
        # Rows: the first reviewer ticked / did not; columns: the second one.
        tables = np.empty((n_categories, 2, 2), dtype=np.int64)
        tables[:, 0, 0], tables[:, 0, 1] = both, first
        tables[:, 1, 0], tables[:, 1, 1] = second, histogram[:, 0]
        kappa = cohen_kappa(tables)
        method = COHEN
    else:
        kappa = chance_corrected(compositions, histogram, "fleiss")
        method = FLEISS

    # kappa's interval: the likelihood ratio's of kappa_interval.py (kappa ± 1.96 se
    # covered about half the time for a category ticked on a few items).
    _model_kappa, lr_low, lr_high = kappa_interval(*pair_counts(histogram))
    rows = []
    for c, name in enumerate(ratings.categories):
        k_low, k_high = _held_interval(kappa.coefficient[c], lr_low[c], lr_high[c], items[c])
        a_low, a_high = _interval(ac1.coefficient[c], ac1.se[c])
        rows.append(
            CategoryAgreement(
                name=name,
                items=int(items[c]),
                agreement=_number(agreement[c]),
                method=method,
                kappa=_number(kappa.coefficient[c]),
                kappa_se=_number(kappa.se[c]),
                kappa_low=k_low,
                kappa_high=k_high,
                ac1=_number(ac1.coefficient[c]),
                ac1_se=_number(ac1.se[c]),
                ac1_low=a_low,
                ac1_high=a_high,
            )
        )
    return AgreementReport(list(ratings.reviewers), rows)


@dataclass(frozen=True)
class Coefficient:
    """A chance-corrected coefficient per category (NaN where undefined)."""

    coefficient: np.ndarray
    se: np.ndarray
    observed: np.ndarray
    chance: np.ndarray


def chance_corrected(counts: np.ndarray, weights: np.ndarray, kind: str) -> Coefficient:
    """Fleiss' kappa (``kind="fleiss"``) or Gwet's AC1 (``"gwet"``) with Gwet's variance.

    ``counts`` is ``(t, q)``: row ``i`` is an item type, ``counts[i, k]`` the
    number of the m raters who put it in category ``k`` (every row sums to
    m >= 2). ``weights`` is ``(groups, t)``: how many items of each type each
    group (category of :func:`compute_agreement`) has. For raw data pass one
    row per item and weights of ones. The formulas are those of
    :func:`compute_agreement`'s docstring (Gwet 2008; irrCAC's ``*.raw``
    functions with complete data).
    """
    counts = np.asarray(counts, dtype=float)
    weights = np.atleast_2d(np.asarray(weights, dtype=float))
    raters = counts.sum(axis=1)
    if not np.all(raters == raters[0]) or raters[0] < 2:
        raise ValueError("every item needs the same number (>= 2) of raters")
    m, q = float(raters[0]), counts.shape[1]
    n = weights.sum(axis=1)
    share = counts / m  # (t, q)
    pa_item = (counts * (counts - 1)).sum(axis=1) / (m * (m - 1))  # (t,)
    with np.errstate(divide="ignore", invalid="ignore"):
        pa = weights @ pa_item / n
        pi = weights @ share / n[:, None]  # (groups, q)
        if kind == "fleiss":
            pe = (pi * pi).sum(axis=1)
            pe_item = share @ pi.T  # (t, groups)
        elif kind == "gwet":
            pe = (pi * (1 - pi)).sum(axis=1) / (q - 1)
            pe_item = share @ (1 - pi).T / (q - 1)
        else:
            raise ValueError(f"unknown coefficient {kind!r}")
        defined = (n > 0) & (pe < 1 - 1e-12)
        coefficient = np.where(defined, (pa - pe) / (1 - pe), np.nan)
        kappa_item = (pa_item[None, :] - pe[:, None]) / (1 - pe[:, None])
        linearised = kappa_item - 2 * (1 - coefficient[:, None]) * (pe_item.T - pe[:, None]) / (
            1 - pe[:, None]
        )
        spread = (weights * (linearised - coefficient[:, None]) ** 2).sum(axis=1)
        variance = np.where(defined & (n >= 2), spread / (n * (n - 1)), np.nan)
    return Coefficient(coefficient, np.sqrt(np.maximum(variance, 0.0)), pa, pe)


def cohen_kappa(tables: np.ndarray) -> Coefficient:
    """Cohen's kappa of ``(groups, q, q)`` tables with its large-sample variance.

    The variance is Fleiss, Cohen and Everitt's (1969), as
    ``statsmodels.stats.inter_rater.cohens_kappa(...).var_kappa``; rows are
    the first rater, columns the second. Undefined (NaN) with no items or
    when chance agreement is 1 (both raters gave one same answer throughout).
    """
    tables = np.asarray(tables, dtype=float)
    n = tables.sum(axis=(1, 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        p = tables / n[:, None, None]
        rows = p.sum(axis=2)  # first rater's shares
        columns = p.sum(axis=1)  # second rater's shares
        observed = np.trace(p, axis1=1, axis2=2)
        chance = (rows * columns).sum(axis=1)
        defined = (n > 0) & (chance < 1 - 1e-12)
        kappa = np.where(defined, (observed - chance) / (1 - chance), np.nan)
        diagonal = np.diagonal(p, axis1=1, axis2=2)
        term_a = (diagonal * (1 - (rows + columns) * (1 - kappa[:, None])) ** 2).sum(axis=1)
        off = p * (columns[:, :, None] + rows[:, None, :]) ** 2
        off = off * (1 - np.eye(p.shape[1]))  # off the diagonal only
        term_b = (1 - kappa) ** 2 * off.sum(axis=(1, 2))
        term_c = (kappa - chance * (1 - kappa)) ** 2
        variance = (term_a + term_b - term_c) / (1 - chance) ** 2 / n
        variance = np.where(defined & (n >= 2), variance, np.nan)
    return Coefficient(kappa, np.sqrt(np.maximum(variance, 0.0)), observed, chance)


def _held_interval(
    value: float, low: float, high: float, items: int
) -> tuple[float | None, float | None]:
    """A likelihood-ratio interval widened, if need be, to hold the kappa shown (Cohen's
    kappa may sit a hair outside the interval of the model's, Scott's pi); none with
    fewer than two common items."""
    if items < 2 or not (math.isfinite(value) and math.isfinite(low) and math.isfinite(high)):
        return None, None
    return float(max(-1.0, min(low, value))), float(min(1.0, max(high, value)))


def _interval(value: float, se: float) -> tuple[float | None, float | None]:
    if not (math.isfinite(value) and math.isfinite(se)):
        return None, None
    return max(-1.0, value - Z_95 * se), min(1.0, value + Z_95 * se)


def _number(value: float) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


# ------------------------------------------------- disagreements, majority


def disagreement_mask(ratings: Ratings) -> np.ndarray:
    """``(items, categories)`` bool: the reviewers who assessed the cell answered differently.

    A cell assessed by only one reviewer, or by nobody, is no disagreement
    (there is nothing to compare); one where two reviewers assessed it and
    gave different answers is one, whatever the others did.
    """
    yes = np.zeros(ratings.values.shape[1:], dtype=bool)
    no = np.zeros(ratings.values.shape[1:], dtype=bool)
    for answers in ratings.values:
        yes |= answers == TICKED
        no |= answers == NOT_TICKED
    return yes & no


@dataclass(frozen=True, eq=False)
class ItemDisagreement:
    """One item of the disagreement queue.

    ``item`` indexes ``Ratings.item_keys`` (``key`` is that key);
    ``categories`` are the indices of the categories the reviewers answered
    differently; ``values[r, j]`` is reviewer ``r``'s answer on
    ``categories[j]`` (1, 0, or -1 for not assessed).
    """

    item: int
    key: str
    categories: tuple[int, ...]
    values: np.ndarray = field(repr=False)


class Disagreements(Sequence[ItemDisagreement]):
    """The items where reviewers differ, in item order: the disagreement queue.

    A lazy sequence: ``items`` (indices into ``Ratings.item_keys``) and
    ``mask`` (:func:`disagreement_mask`) are computed at once, each
    :class:`ItemDisagreement` only when asked for, so a queue over 100,000
    items opens at once.
    """

    def __init__(self, ratings: Ratings) -> None:
        self.ratings = ratings
        self.mask = disagreement_mask(ratings)
        self.items = np.flatnonzero(self.mask.any(axis=1))

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, index: int) -> ItemDisagreement: ...
    @overload
    def __getitem__(self, index: slice) -> list[ItemDisagreement]: ...
    def __getitem__(self, index: int | slice) -> ItemDisagreement | list[ItemDisagreement]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        item = int(self.items[index])
        categories = np.flatnonzero(self.mask[item])
        return ItemDisagreement(
            item=item,
            key=str(self.ratings.item_keys[item]),
            categories=tuple(int(c) for c in categories),
            values=self.ratings.values[:, item, categories],
        )


def disagreements(ratings: Ratings) -> Disagreements:
    """The items where reviewers differ (see :class:`Disagreements`, :func:`disagreement_mask`)."""
    return Disagreements(ratings)


def majority(ratings: Ratings, tie: int = TIE) -> np.ndarray:
    """``(items, categories)`` int8: the answer most of the cell's assessors gave.

    ``1`` when more assessors ticked than not, ``0`` when fewer,
    :data:`NOT_ASSESSED` (-1) when nobody assessed the cell, and ``tie`` when
    they split evenly (default :data:`TIE`, -2: no majority; with two
    reviewers every disagreement is a tie and waits for the disagreement
    queue). Reviewers who did not assess a cell do not vote. A tally on the
    majority counts 1 as ticked and leaves -1 and ties out of its
    denominator, like a skipped item. Pass ``tie=1`` or ``tie=0`` to settle
    ties one way instead.
    """
    if tie not in (TIE, TICKED, NOT_TICKED):
        raise ValueError("tie must be TIE (-2), 1 or 0")
    values = ratings.values
    yes = np.zeros(values.shape[1:], dtype=np.int16)
    no = np.zeros(values.shape[1:], dtype=np.int16)
    for answers in values:  # one element-wise pass per reviewer
        yes += answers == TICKED
        no += answers == NOT_TICKED
    # sign(yes - no) + 1 indexes (more no, even, more yes); nobody voting overrides.
    answer = np.array([NOT_TICKED, tie, TICKED], dtype=np.int8)[np.sign(yes - no) + 1]
    return np.where((yes | no) == 0, np.int8(NOT_ASSESSED), answer)


def _complete_and_ticks(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(items, categories)``: assessed by every reviewer; how many of them ticked."""
    complete = np.ones(values.shape[1:], dtype=bool)
    ticks = np.zeros(values.shape[1:], dtype=np.int16)
    for answers in values:
        complete &= answers >= 0
        ticks += answers == TICKED
    return complete, ticks


# ------------------------------------------------------------ from sessions


@dataclass(frozen=True)
class SessionMatch:
    """How the reviewers' sessions lined up (nothing is dropped; this says what is partial).

    ``matched_by`` is ``"key"`` (every session has example ids) or
    ``"image"`` (image paths). ``missing_items[reviewer]`` counts the items
    (of all sessions together) absent from that reviewer's session;
    ``missing_categories[reviewer]`` lists the categories absent from it
    (its cells are "not assessed" by that reviewer, not "not ticked").
    """

    matched_by: str
    items: int
    partial_items: int
    missing_items: dict[str, int]
    partial_categories: list[str]
    missing_categories: dict[str, list[str]]
    #: Per session, the merged item index of each of its items (in its review order).
    positions: list[np.ndarray] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Every session has every item and every category."""
        return not self.partial_items and not self.partial_categories

    def notes(self) -> list[str]:
        """One line per kind of partial match, with counts per reviewer."""
        lines = []
        lacks = translate("core.notes", "{name} lacks {missing}")
        if self.partial_items:
            per = ", ".join(
                lacks.format(name=name, missing=count)
                for name, count in self.missing_items.items()
                if count
            )
            lines.append(
                (
                    translate(
                        "core.notes",
                        "{partial} of {items} items is not in every session ({per}); they count "
                        "as not assessed by the reviewers who lack them",
                    )
                    if self.partial_items == 1
                    else translate(
                        "core.notes",
                        "{partial} of {items} items are not in every session ({per}); they count "
                        "as not assessed by the reviewers who lack them",
                    )
                ).format(partial=self.partial_items, items=self.items, per=per)
            )
        if self.partial_categories:
            count = len(self.partial_categories)
            per = "; ".join(
                lacks.format(name=name, missing=", ".join(missing))
                for name, missing in self.missing_categories.items()
                if missing
            )
            lines.append(
                (
                    translate(
                        "core.notes",
                        "1 category is not in every session ({per}); they count as not "
                        "assessed by the reviewers who lack them",
                    )
                    if count == 1
                    else translate(
                        "core.notes",
                        "{count} categories are not in every session ({per}); they count as not "
                        "assessed by the reviewers who lack them",
                    )
                ).format(count=count, per=per)
            )
        return lines


def assessed_cells(
    session: ReviewSession, item_ids: np.ndarray, category_ids: Sequence[int]
) -> np.ndarray:
    """Which (item, category) cells of one session its reviewer assessed.

    Rows follow ``item_ids`` (the session's ids in review order, as in
    :meth:`ReviewSession.ticks_frame`), columns follow ``category_ids``. A
    cell is assessed when its item is reviewed (not skipped, not left
    unreviewed) and the category was not added after the item was reviewed
    (:meth:`ReviewSession.assessed_frame`).
    """
    columns = session.item_columns(["id", "reviewed"])
    if not np.array_equal(columns["id"], item_ids):
        raise ValueError(f"{session.path}: items changed while reading")
    assessed = session.assessed_frame().reindex(columns=list(category_ids), fill_value=False)
    return columns["reviewed"][:, None] & assessed.to_numpy(dtype=bool)


def ratings_from_sessions(
    sessions: Sequence[ReviewSession], names: Sequence[str] | None = None
) -> tuple[Ratings, SessionMatch]:
    """The ratings of several reviewers, one session each, made from the same predictions.

    Items are matched by key (the example id) when every session has ids,
    else by image path (which must then be unique in each session);
    categories by name, ignoring case (the first session's spelling and order
    come first). Items and categories missing from some sessions are kept:
    their cells are "not assessed" by the reviewers who lack them, and the
    returned :class:`SessionMatch` counts them. Reviewer names are ``names``,
    else each session's reviewer, else its file name; repeated names get the
    file name added.
    """
    import pandas as pd

    if names is not None and len(names) != len(sessions):
        raise ValueError("give one name per session")
    reviewers = _reviewer_names(sessions, names)
    read = []
    for session in sessions:
        columns = session.item_columns(["id", "key", "image"])
        categories = session.categories()
        ticks = session.ticks_frame()
        item_ids = ticks.index.to_numpy()
        if not np.array_equal(columns["id"], item_ids):
            raise ValueError(f"{session.path}: items changed while reading")
        category_ids = [c.id for c in categories]
        assessed = assessed_cells(session, item_ids, category_ids)
        read.append((session, columns, categories, ticks.to_numpy(dtype=bool), assessed))

    by_key = all(np.any(columns["key"] != columns["image"]) for _, columns, *_ in read)
    matched_by = "key" if by_key else "image"
    keys = [columns[matched_by] for _, columns, *_ in read]
    if not by_key:  # keys are unique by the schema; image paths need not be
        for (session, *_), session_keys in zip(read, keys, strict=True):
            duplicated = pd.Index(session_keys, dtype=object).duplicated()
            if duplicated.any():
                raise UserError(
                    translate(
                        "core.errors",
                        "{path}: image path '{image}' belongs to several items; matching "
                        "needs example ids (create the sessions from a predictions file with an "
                        "id column)",
                    ).format(path=session.path, image=session_keys[duplicated][0])
                )
    if all(np.array_equal(k, keys[0]) for k in keys[1:]):
        # The usual case, sessions made from one file: nothing to look up.
        item_keys = keys[0]
        rows_of = [np.arange(len(item_keys))] * len(keys)
    else:
        item_keys = pd.Index(np.concatenate(keys), dtype=object).unique().to_numpy()
        item_index = pd.Index(item_keys, dtype=object)
        rows_of = [item_index.get_indexer(k) for k in keys]

    spelling: dict[str, str] = {}
    for _, _, categories, *_ in read:
        for category in categories:
            spelling.setdefault(_fold(category.name), category.name)
    folded = list(spelling)
    category_index = {name: i for i, name in enumerate(folded)}

    values = np.full((len(read), len(item_keys), len(folded)), NOT_ASSESSED, dtype=np.int8)
    missing_items: dict[str, int] = {}
    missing_categories: dict[str, list[str]] = {}
    for r, (_, _, categories, ticked, assessed) in enumerate(read):
        rows = rows_of[r]
        cols = np.array([category_index[_fold(c.name)] for c in categories], dtype=np.int64)
        answers = np.where(assessed, ticked.astype(np.int8), np.int8(NOT_ASSESSED))
        values[r][np.ix_(rows, cols)] = answers
        missing_items[reviewers[r]] = len(item_keys) - len(rows)
        present = set(cols.tolist())
        missing_categories[reviewers[r]] = [
            spelling[name] for i, name in enumerate(folded) if i not in present
        ]
    partial_categories = [
        spelling[name]
        for name in folded
        if any(spelling[name] in missing for missing in missing_categories.values())
    ]
    in_all = np.ones(len(item_keys), dtype=bool)
    for rows in rows_of:
        present = np.zeros(len(item_keys), dtype=bool)
        present[rows] = True
        in_all &= present
    ratings = Ratings(
        reviewers=reviewers,
        categories=[spelling[name] for name in folded],
        item_keys=np.asarray(item_keys, dtype=object),
        values=values,
    )
    match = SessionMatch(
        matched_by=matched_by,
        items=len(item_keys),
        partial_items=int((~in_all).sum()),
        missing_items=missing_items,
        partial_categories=partial_categories,
        missing_categories=missing_categories,
        positions=[np.asarray(rows, dtype=np.int64) for rows in rows_of],
    )
    return ratings, match


def _reviewer_names(sessions: Sequence[ReviewSession], names: Sequence[str] | None) -> list[str]:
    chosen = [
        (names[i] if names is not None else "") or session.reviewer or Path(session.path).stem
        for i, session in enumerate(sessions)
    ]
    counts = {name: chosen.count(name) for name in chosen}
    unique = [
        f"{name} ({Path(session.path).name})" if counts[name] > 1 else name
        for name, session in zip(chosen, sessions, strict=True)
    ]
    seen: dict[str, int] = {}
    result = []
    for name in unique:
        seen[name] = seen.get(name, 0) + 1
        result.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
    return result


def _fold(name: str) -> str:
    """Category names match ignoring case and runs of spaces."""
    return " ".join(name.split()).casefold()
