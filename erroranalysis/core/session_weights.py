"""Weights in a review session (METHOD.md §6): where they come from, and the weighted tally.

A session made from a predictions file keeps each row's weight from the
file's weight column (1 without one) in ``predictions.weight``. Weight
*rules* (``label=porn:10``) are kept apart, as text in the session's
``weight_rules`` meta key, so they can be edited (the app's Edit ▸ Weights…,
``erroranalysis weights SESSION --rule ...``) without losing the column's
weights: the weights in force are the column's with the rules applied on top
(:func:`erroranalysis.core.weighted.apply_weight_rules`, later rules win).

A session is *weighted* when its file had a weight column or it has rules.
Then every number made from the dev error uses the weighted one:
:func:`weighted_tally` is the tally with weighted shares, ceilings, gains and
label split (the stratified exact intervals of :func:`weighted_shares`), and
:func:`weighted_split_rates` the error rates of each split for the diagnosis.

Cost: the weights are computed once per (rules, items) version and kept with
the session (reading a million predictions rows takes a second, a tick must
not). The tally's intervals cost ~100 ms at 100,000 reviewed errors x 20
categories, so :func:`weighted_tally_inputs` (cheap, reads the session) and
:func:`compute_weighted_tally` (pure numpy, no session: safe on a worker
thread) are separate.
"""

from __future__ import annotations

import json
import math
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from erroranalysis.core.categories import LABEL_ERROR, Category
from erroranalysis.core.errors import UserError
from erroranalysis.core.session import ERROR, REVIEWED, SKIPPED, ReviewSession
from erroranalysis.core.tally import LabelErrorSplit, Tally
from erroranalysis.core.weighted import (
    WeightRule,
    apply_weight_rules,
    parse_weight_rule,
    weighted_shares,
)
from erroranalysis.i18n import translate

__all__ = [
    "WEIGHT_RULES_KEY",
    "SessionWeights",
    "WeightedTally",
    "WeightedTallyInputs",
    "check_weight_rules",
    "compute_weighted_tally",
    "interval_method_text",
    "rules_on_frame",
    "session_weight_rules",
    "session_weights",
    "weight_rule_texts",
    "weighted_split_rates",
    "weighted_tally",
    "weighted_tally_inputs",
    "weights_if_readable",
]


def _rule_word() -> str:
    """What a stored rule's message calls it (``--weight`` on the command line)."""
    return translate("core.errors", "weight rule")


#: The session meta key holding the weight rules (a JSON list of ``COLUMN=VALUE:WEIGHT``).
WEIGHT_RULES_KEY = "weight_rules"

SPLITS = ("train", "train_dev", "dev", "test")


# --- the rules ---------------------------------------------------------------------------


def weight_rule_texts(session: ReviewSession) -> list[str]:
    """The session's weight rules as written (``[]`` when none)."""
    text = session.meta(WEIGHT_RULES_KEY)
    if not text:
        return []
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UserError(
            translate(
                "core.errors",
                "{where}: the stored weight rules are not readable ({text!r}); set them again "
                "(Edit ▸ Weights… or erroranalysis weights SESSION --clear)",
            ).format(where=session.where, text=text[:60])
        )
    return value


def session_weight_rules(session: ReviewSession) -> list[WeightRule]:
    """The session's weight rules, parsed."""
    return [parse_weight_rule(t, _rule_word()) for t in weight_rule_texts(session)]


def rules_on_frame(
    frame: pd.DataFrame,
    mapping: dict[str, str],
    rules: Sequence[WeightRule],
    source: str,
) -> np.ndarray:
    """The weights of ``frame``'s rows (canonical predictions columns and metadata) after
    ``rules``, starting from its ``weight`` column. Raises :class:`UserError` for a rule
    naming no column or matching no row."""
    from erroranalysis.core.predictions import _rule_columns  # the loader's own reading

    base = frame["weight"].to_numpy(dtype=float) if "weight" in frame else np.ones(len(frame))
    if not rules:
        return base
    return apply_weight_rules(base, rules, _rule_columns(frame, mapping), source)


def _mapping(session: ReviewSession) -> dict[str, str]:
    try:
        mapping = json.loads(session.meta("columns") or "{}")
    except ValueError:
        mapping = {}
    return mapping if isinstance(mapping, dict) else {}


def check_weight_rules(session: ReviewSession, texts: Sequence[str]) -> list[WeightRule]:
    """Parse ``texts`` and try them on the session's predictions; the rules, or a
    :class:`UserError` naming the rule that is wrong (a typo must not weigh nothing)."""
    rules = [parse_weight_rule(t, _rule_word()) for t in texts if str(t).strip()]
    if not rules:
        return []
    if (session.meta("source_kind") or "predictions") == "folder":
        raise UserError(
            translate(
                "core.errors",
                "a session made from a folder of images has no predictions to weigh; make it "
                "from a predictions file (with a weight column, or rules on its columns)",
            )
        )
    frame = session.predictions_frame(metadata=True)
    rules_on_frame(frame, _mapping(session), rules, session.source or session.where)
    return rules


def set_weight_rules(session: ReviewSession, texts: Sequence[str]) -> list[WeightRule]:
    """Check and store the session's weight rules (``[]`` clears them)."""
    rules = check_weight_rules(session, texts)
    session.set_meta(WEIGHT_RULES_KEY, json.dumps([r.text for r in rules]) if rules else "")
    return rules


# --- the weights in force ----------------------------------------------------------------


@dataclass(frozen=True)
class SessionWeights:
    """The weights in force in a session, and what they make of the dev error.

    - ``rules``: the rules applied; ``column``: the file's weight column (or ``None``).
    - ``dev_weight``: total weight of the dev rows; ``dev_error``: the weighted dev
      error ``sum(w * error) / sum(w)``; ``unweighted_dev_error``: errors / rows.
    - ``error_weights``: the weights of every dev error (reviewed or not).
    - ``item_ids``/``item_weights``: the error items' weights (by item id).
    - ``split_rates``: the weighted error rate of each split present.
    - ``version``: changes whenever the weights may have (rules, items).
    """

    rules: tuple[WeightRule, ...]
    column: str | None
    dev_weight: float
    dev_error: float
    unweighted_dev_error: float
    error_weights: np.ndarray
    item_ids: np.ndarray
    item_weights: np.ndarray
    split_rates: dict[str, float]
    version: str

    @property
    def sources(self) -> list[str]:
        """Where the weights come from, as a person reads it."""
        out = [f"column '{self.column}'"] if self.column else []
        return out + [r.text for r in self.rules]

    def describe(self) -> str:
        return "; ".join(self.sources)


def weights_if_readable(session: ReviewSession) -> SessionWeights | None:
    """:func:`session_weights`, or ``None`` also when the rules cannot be read: for the
    notes that only say whether numbers are weighted (the Weights dialog and ``weights``
    say what is wrong with a rule)."""
    try:
        return session_weights(session)
    except (UserError, ValueError):
        return None


_CACHE: weakref.WeakKeyDictionary[ReviewSession, tuple[str, SessionWeights | None]] = (
    weakref.WeakKeyDictionary()
)


def session_weights(session: ReviewSession) -> SessionWeights | None:
    """The session's weights, or ``None`` when it is unweighted (no weight column, no
    rules, or made from a folder). Kept with the session per version (rules, items)."""
    texts = weight_rule_texts(session)
    column = _mapping(session).get("weight")
    if (session.meta("source_kind") or "predictions") == "folder" or not (texts or column):
        return None
    version = json.dumps([texts, column, session.item_count()])
    cached = _CACHE.get(session)
    if cached is not None and cached[0] == version:
        return cached[1]
    result = _compute_weights(session, texts, column, version)
    _CACHE[session] = (version, result)
    return result


def _compute_weights(
    session: ReviewSession, texts: list[str], column: str | None, version: str
) -> SessionWeights | None:
    rules = [parse_weight_rule(t, _rule_word()) for t in texts]
    frame = session.predictions_frame(metadata=bool(rules))
    if not len(frame):
        return None
    weights = rules_on_frame(frame, _mapping(session), rules, session.source or session.where)
    split = frame["split"].astype(str).to_numpy(dtype=object)
    wrong = (frame["label"].astype(str) != frame["prediction"].astype(str)).to_numpy()
    split_rates: dict[str, float] = {}
    for name in SPLITS:
        rows = split == name
        total = float(weights[rows].sum())
        if total > 0:
            split_rates[name] = float(weights[rows & wrong].sum()) / total
    dev = split == "dev"
    dev_weight = float(weights[dev].sum())
    if dev_weight <= 0:
        return None
    dev_errors = dev & wrong
    # The error items' weights: an item is a predictions row, found by its key.
    items = session.item_columns(["id", "key", "origin"])
    is_error = items["origin"] == ERROR
    keys = pd.Index(frame["key"].astype(str).to_numpy(dtype=object))
    positions = keys.get_indexer(items["key"][is_error])
    if (positions < 0).any():
        missing = items["key"][is_error][positions < 0][0]
        raise UserError(
            translate(
                "core.errors",
                "{where}: item '{missing}' is not among the session's predictions rows; its "
                "weight is unknown",
            ).format(where=session.where, missing=missing)
        )
    return SessionWeights(
        rules=tuple(rules),
        column=column,
        dev_weight=dev_weight,
        dev_error=float(weights[dev_errors].sum()) / dev_weight,
        unweighted_dev_error=float(dev_errors.sum()) / float(dev.sum()),
        error_weights=weights[dev_errors],
        item_ids=items["id"][is_error],
        item_weights=weights[positions],
        split_rates=split_rates,
        version=version,
    )


def weighted_split_rates(session: ReviewSession) -> dict[str, float] | None:
    """The weighted error rate of each split in the predictions (``None`` unweighted)."""
    weights = session_weights(session)
    return None if weights is None else dict(weights.split_rates)


# --- the weighted tally ------------------------------------------------------------------


def interval_method_text(strata: str, count: int) -> str:
    """How the weighted intervals are made, in a sentence (for a tooltip or a footnote)."""
    how = (
        f"one stratum per distinct weight: {count}"
        if strata == "levels"
        else f"{count} strata by weight quantile, the weights being too many to take one by one"
    )
    return (
        f"95% intervals: stratified exact. The dev errors are split by weight ({how}); each "
        "stratum's exact hypergeometric count interval (METHOD.md §2) bounds the category's "
        "unreviewed weight, and the strata are summed at level 1 − 0.05/m (a union bound over "
        "the m strata not fully reviewed), so they cover at least 95% whatever the weights."
    )


@dataclass
class WeightedTally(Tally):
    """A :class:`Tally` whose shares, ceilings, gains and label split are weighted.

    ``dev_error`` is the weighted dev error; ``unweighted_dev_error`` the plain
    one; ``weights`` where the weights come from; ``interval_method`` how the
    intervals were made (:func:`interval_method_text`). The table's ``count``
    and ``assessed`` stay counts of reviewed errors; ``weight`` (an extra
    column) is the total weight of each category's ticked errors. No ranking
    verdict: it is about counts, not weights.
    """

    weighted_dev_error: float | None = None
    unweighted_dev_error: float | None = None
    weights: list[str] = field(default_factory=list)
    interval_method: str = ""

    @property
    def dev_error(self) -> float | None:  # type: ignore[override]
        return self.weighted_dev_error

    def to_json_dict(self) -> dict[str, Any]:
        """The unweighted tally's keys with weighted numbers, and what makes them weighted."""
        out = super().to_json_dict()
        weights = self.table["weight"].tolist()
        for row, weight in zip(out["categories"], weights, strict=True):
            row["weight"] = _number(weight)
        return {
            "weighted": True,
            "weights": list(self.weights),
            "unweighted_dev_error": _number(self.unweighted_dev_error),
            "interval_method": self.interval_method,
            **out,
        }


def _number(value: float | None) -> float | None:
    if value is None or math.isnan(float(value)):
        return None
    return round(float(value), 12)


@dataclass(frozen=True)
class WeightedTallyInputs:
    """What :func:`compute_weighted_tally` needs: copies of the session's review arrays
    (taken on the thread that owns the session; nothing here is shared with it)."""

    categories: list[Category]
    ticks: np.ndarray  # bool, every item x the review's columns (a copy)
    unassessed: np.ndarray  # bool, same shape
    columns: list[int]  # each category's column in ``ticks``
    state: np.ndarray  # the error items' review states, aligned with ``rows``
    rows: np.ndarray  # the error items' rows in ``ticks``
    session_weights: SessionWeights
    dev_errors: int
    dev_size: int | None


_ROWS: weakref.WeakKeyDictionary[ReviewSession, tuple[tuple, np.ndarray]] = (
    weakref.WeakKeyDictionary()
)


def weighted_tally_inputs(session: ReviewSession) -> WeightedTallyInputs | None:
    """Read what the weighted tally needs: a few ms at 100,000 errors (two matrix copies),
    so it can run after every tick; the computing is :func:`compute_weighted_tally`'s."""
    weights = session_weights(session)
    if weights is None:
        return None
    counts = session._review_counts()
    key = (weights.version, id(counts), len(counts.ids))
    cached = _ROWS.get(session)
    if cached is not None and cached[0] == key:
        rows = cached[1]
    else:
        rows = counts.rows(weights.item_ids)
        _ROWS[session] = (key, rows)
    categories = session.categories()
    return WeightedTallyInputs(
        categories=categories,
        ticks=counts.ticks.copy(order="F"),
        unassessed=counts.unassessed.copy(order="F"),
        columns=[counts.columns[c.id] for c in categories],
        state=counts.state[rows],
        rows=rows,
        session_weights=weights,
        dev_errors=session.dev_errors,
        dev_size=session.dev_size,
    )


def _without(pool: np.ndarray, taken: np.ndarray) -> np.ndarray:
    from erroranalysis.core.weighted import _without as without_sorted

    return without_sorted(np.sort(pool), np.sort(taken))


def compute_weighted_tally(inputs: WeightedTallyInputs) -> WeightedTally:
    """The weighted tally (pure numpy: safe on a worker thread).

    Shares are ``sum of w over reviewed errors in c / sum of w over reviewed
    errors`` (METHOD.md §6); gains and ceilings scale them by the weighted dev
    error; the label split is the weighted share of the reviewed errors with
    any label-error tick. Intervals: :func:`weighted_shares`.
    """
    categories = inputs.categories
    weights = inputs.session_weights
    reviewed_rows = inputs.state == REVIEWED
    skipped_rows = inputs.state == SKIPPED
    picked = inputs.rows[reviewed_rows]
    ticks = inputs.ticks[picked][:, inputs.columns]
    assessed = ~inputs.unassessed[picked][:, inputs.columns]
    reviewed_weights = weights.item_weights[reviewed_rows]
    error_weights = weights.error_weights
    if skipped_rows.any():  # in no denominator: out of the population too
        error_weights = _without(error_weights, weights.item_weights[skipped_rows])
    labels = np.array([c.kind == LABEL_ERROR for c in categories], dtype=bool)
    if labels.any():  # the union of the label-error categories, as one more column
        ticks = np.column_stack([ticks, (ticks & assessed)[:, labels].any(axis=1)])
        assessed = np.column_stack([assessed, assessed[:, labels].any(axis=1)])
    reviewed = len(reviewed_weights)
    e = weights.dev_error
    if reviewed:
        shares = weighted_shares(ticks, reviewed_weights, error_weights, None, assessed)
        share, low, high = shares.share, shares.share_low, shares.share_high
        count, weight = shares.count, shares.weight
        method = interval_method_text(shares.strata, shares.strata_count)
        n = assessed.sum(axis=0).astype(np.int64)
    else:
        width = ticks.shape[1]
        share, low, high = np.zeros(width), np.zeros(width), np.ones(width)
        count, weight = np.zeros(width, dtype=np.int64), np.zeros(width)
        method = interval_method_text("levels", 1)
        n = np.zeros(width, dtype=np.int64)
    # No assessed error yet: share 0 with the whole range, as the unweighted tally.
    share = np.nan_to_num(share, nan=0.0)
    m = len(categories)
    columns: dict[str, Any] = {
        "name": [c.name for c in categories],
        "kind": [c.kind for c in categories],
        "count": count[:m],
        "assessed": n[:m],
        "share": share[:m],
        "share_low": low[:m],
        "share_high": high[:m],
        "max_gain": e * share[:m],
        "max_gain_low": e * low[:m],
        "max_gain_high": e * high[:m],
        "ceiling_error": e * (1 - share[:m]),
        "ceiling_error_low": e * (1 - high[:m]),
        "ceiling_error_high": e * (1 - low[:m]),
        "weight": weight[:m],
    }
    table = pd.DataFrame(columns)
    columns["__table__"] = table
    split = None
    if labels.any():
        p = float(share[m])
        split = LabelErrorSplit(
            count=int(count[m]),
            share=p,
            share_low=float(low[m]),
            share_high=float(high[m]),
            due_to_labels=e * p,
            other_causes=e * (1 - p),
            assessed=int(n[m]),
        )
    return WeightedTally(
        inputs.dev_size,
        inputs.dev_errors,
        reviewed,
        table,
        split,
        list(categories),
        skipped=int(skipped_rows.sum()),
        method="weighted",
        ranking=None,
        population=len(error_weights),
        columns=columns,
        weighted_dev_error=e,
        unweighted_dev_error=weights.unweighted_dev_error,
        weights=weights.sources,
        interval_method=method,
    )


def weighted_tally(session: ReviewSession) -> WeightedTally | None:
    """The session's weighted tally, or ``None`` when it has no weights."""
    inputs = weighted_tally_inputs(session)
    return None if inputs is None else compute_weighted_tally(inputs)
