"""Which dev labels are likely wrong: confident learning on the model's probabilities.

A suggestion for the "incorrect label" category, never a tick. Three cases,
by what the predictions file holds:

1. **Per-class probabilities** (one column per class, see
   :func:`probability_columns`): confident learning (Northcutt et al., 2021),
   as cleanlab computes it. The per-class threshold ``t_j`` is the mean
   predicted probability of class ``j`` over the dev examples labelled ``j``;
   an example is *confidently* of class ``j`` when ``p_j >= t_j`` (the most
   probable such class when several are). An example labelled ``i`` but
   confidently of ``j != i`` is a likely label issue (the off-diagonal of the
   confident joint: ``cleanlab.filter.find_label_issues(...,
   filter_by="confident_learning")``), unless the model's own top class is
   the label. Every example gets a label-quality score, lower = more likely
   wrong: the **self-confidence** ``p_label`` (default) or the **normalised
   margin** ``(p_label - max_{k != label} p_k + 1) / 2``, exactly
   ``cleanlab.rank.get_label_quality_scores``.
2. **Only the model's confidence in its prediction** (``score``): for a
   correct prediction ``p_label = score``; for a wrong one the label's
   probability is at most ``1 - score`` (the prediction took ``score``). The
   label quality is that bound, so a confident wrong prediction ranks as a
   likely label error. The thresholds use the same bound, and a wrong
   prediction is an issue when ``score >= t_prediction``. With two classes
   the bound is the probability itself and this is confident learning
   exactly; with more it flags a subset of what the full probabilities would.
3. **Neither**: unavailable, with the reason.

Vectorised over the dev rows (numpy on an n x K matrix).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from erroranalysis.core.numbers import to_floats

__all__ = [
    "PROBABILITY_PREFIXES",
    "LabelIssues",
    "find_label_issues",
    "probability_columns",
]

#: Column-name families recognised as per-class probabilities, tried in this
#: order: ``p_<class>``, ``prob_<class>``, ``proba_<class>``,
#: ``probability_<class>``, ``score_<class>``, then columns named exactly
#: like the classes. Names match ignoring case, with spaces and dashes as
#: underscores. A family counts only when it has a column for every class
#: (every true label and every prediction of the dev set).
PROBABILITY_PREFIXES = ("p_", "prob_", "proba_", "probability_", "score_", "")

#: Methods of :attr:`LabelIssues.method`.
CONFIDENT_LEARNING = "confident_learning"
CONFIDENCE_ONLY = "confidence_only"
UNAVAILABLE = "unavailable"

#: How the label quality is scored (:attr:`LabelIssues.rank_by`).
SELF_CONFIDENCE = "self_confidence"
NORMALIZED_MARGIN = "normalized_margin"
CONFIDENCE_BOUND = "confidence_bound"

# cleanlab's constants: the tolerance of "p_j >= t_j", the floor of a
# threshold, and the threshold of a class nobody is labelled with (nothing
# reaches it).
_FLOAT_TOLERANCE = 1e-6
_THRESHOLD_FLOOR = 2 * _FLOAT_TOLERANCE
_UNREACHABLE = 2.0

_CANONICAL = frozenset({"key", "image", "label", "prediction", "split", "score", "row"})


@dataclass
class LabelIssues:
    """The likely label errors of a dev set, or why they cannot be found.

    ``table`` has one row per dev row, in dev order, with ``key``, ``label``,
    ``prediction``, ``label_quality`` (0-1, lower = the label is more likely
    wrong; NaN when the row has no score), ``is_issue`` (flagged by the
    confident-learning rule), ``suggested_label`` (the class the model is
    confident of for an issue, else ``""``) and ``rank`` (1 = most likely
    wrong, by label quality; 0 when unscored). Empty when unavailable.
    """

    method: str
    rank_by: str
    reason: str
    table: pd.DataFrame
    classes: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        return self.method != UNAVAILABLE

    @property
    def issue_count(self) -> int:
        return int(self.table["is_issue"].sum()) if self.available else 0

    def ranked(self) -> pd.DataFrame:
        """The scored rows, most likely label error first."""
        scored = self.table[self.table["rank"] > 0]
        return scored.sort_values("rank", kind="stable")


def _normalise(name: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def _dev_rows(frame: pd.DataFrame) -> pd.DataFrame:
    if "split" not in frame.columns:
        return frame
    return frame[(frame["split"] == "dev").to_numpy()]


def _classes(frame: pd.DataFrame) -> list[str]:
    values = set()
    for column in ("label", "prediction"):
        values.update(str(v) for v in pd.unique(frame[column]).tolist())
    return sorted(values)


def _class_index(column: pd.Series, classes: list[str]) -> np.ndarray:
    """The index in ``classes`` of every row's value (factorised: no string per row)."""
    codes, uniques = pd.factorize(column)
    return pd.Index(classes).get_indexer([str(u) for u in uniques.tolist()])[codes]


def probability_columns(
    frame: pd.DataFrame,
    metadata_columns: Sequence[str] | None = None,
    classes: Sequence[str] | None = None,
) -> dict[str, str]:
    """The per-class probability columns of a predictions frame: ``{class: column}``.

    Looks among ``metadata_columns`` (default: every non-canonical column)
    for the first family of :data:`PROBABILITY_PREFIXES` that names a column
    for each of ``classes`` (default: every label and prediction of the dev
    rows); ``{}`` when none does or there are fewer than two classes. Only
    names are matched here; :func:`find_label_issues` checks the values.
    """
    if classes is None:
        classes = _classes(_dev_rows(frame))
    if len(classes) < 2:
        return {}
    candidates = (
        [str(c) for c in frame.columns if c not in _CANONICAL]
        if metadata_columns is None
        else [str(c) for c in metadata_columns if c in frame.columns and c not in _CANONICAL]
    )
    by_normal: dict[str, str] = {}
    for column in candidates:
        by_normal.setdefault(_normalise(column), column)
    for prefix in PROBABILITY_PREFIXES:
        wanted = {c: by_normal.get(prefix + _normalise(c)) for c in classes}
        if all(wanted.values()) and len(set(wanted.values())) == len(classes):
            return {c: str(v) for c, v in wanted.items()}
    return {}


def _empty_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": pd.Series(dtype=object),
            "label": pd.Series(dtype=object),
            "prediction": pd.Series(dtype=object),
            "label_quality": pd.Series(dtype=float),
            "is_issue": pd.Series(dtype=bool),
            "suggested_label": pd.Series(dtype=object),
            "rank": pd.Series(dtype=np.int64),
        }
    )


def find_label_issues(
    frame: pd.DataFrame,
    metadata_columns: Sequence[str] | None = None,
    *,
    rank_by: str = SELF_CONFIDENCE,
) -> LabelIssues:
    """Rank the dev rows of a predictions frame by how likely their label is wrong.

    ``frame`` has the canonical columns (``key``, ``label``, ``prediction``,
    optionally ``split`` and ``score``) and metadata columns, among which
    per-class probabilities are looked for (:func:`probability_columns`).
    ``rank_by`` is ``self_confidence`` or ``normalized_margin`` (with
    per-class probabilities; the confidence-only fallback always ranks by
    its bound). Never raises for the data's sake: an unusable input gives
    ``method == "unavailable"`` and the reason.
    """
    if rank_by not in (SELF_CONFIDENCE, NORMALIZED_MARGIN):
        raise ValueError(f"rank_by must be {SELF_CONFIDENCE} or {NORMALIZED_MARGIN}")
    dev = _dev_rows(frame)
    if len(dev) == 0:
        return LabelIssues(UNAVAILABLE, "", "no dev rows", _empty_table())
    classes = _classes(dev)
    if len(classes) < 2:
        return LabelIssues(
            UNAVAILABLE, "", f"one class only ({classes[0]}): nothing to confuse", _empty_table()
        )
    labels = _class_index(dev["label"], classes)
    predictions = _class_index(dev["prediction"], classes)
    columns = probability_columns(dev, metadata_columns, classes)
    problem = ""
    if columns:
        matrix, problem = _probability_matrix(dev, [columns[c] for c in classes])
        if matrix is not None:
            return _confident_learning(dev, classes, columns, labels, matrix, rank_by)
    if "score" in dev.columns and dev["score"].notna().any():
        result = _confidence_only(dev, classes, labels, predictions)
        if problem and result.available:
            result.reason = f"{result.reason} (per-class columns not used: {problem})"
        return result
    if problem:
        reason = f"per-class probability columns found but unusable: {problem}"
    else:
        reason = (
            "the predictions have neither per-class probability columns (p_<class>, "
            "prob_<class>, proba_<class>, probability_<class>, score_<class> or one named "
            "like each class) nor a score column with the model's confidence"
        )
    return LabelIssues(UNAVAILABLE, "", reason, _empty_table(), classes)


def _probability_matrix(dev: pd.DataFrame, names: list[str]) -> tuple[np.ndarray | None, str]:
    """The n x K probabilities, or ``None`` and what is wrong with them."""
    matrix = np.empty((len(dev), len(names)), dtype=float)
    for j, name in enumerate(names):
        column = dev[name]
        values = (
            column.to_numpy(dtype=float, na_value=np.nan)
            if pd.api.types.is_numeric_dtype(column.dtype)
            else to_floats(column).to_numpy()
        )
        bad = ~np.isfinite(values)
        if bad.any():
            return None, (
                f"column '{name}' has {int(bad.sum())} dev rows that are not numbers "
                f"(first: row {int(np.argmax(bad)) + 1} of the dev rows)"
            )
        outside = (values < -1e-9) | (values > 1 + 1e-9)
        if outside.any():
            return None, (
                f"column '{name}' has values outside 0-1 (e.g. {values[outside][0]:g}); "
                "give probabilities, not logits"
            )
        matrix[:, j] = np.clip(values, 0.0, 1.0)
    return matrix, ""


def _thresholds(quality_of_label: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Mean self-confidence per class (cleanlab's ``get_confident_thresholds``)."""
    counts = np.bincount(labels, minlength=k)
    sums = np.bincount(labels, weights=quality_of_label, minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        thresholds = np.where(counts > 0, sums / np.maximum(counts, 1), _UNREACHABLE)
    return np.maximum(thresholds, _THRESHOLD_FLOOR)


def _ranks(quality: np.ndarray) -> np.ndarray:
    """1 for the lowest quality, ties in dev order; 0 for NaN."""
    ranks = np.zeros(len(quality), dtype=np.int64)
    scored = np.flatnonzero(~np.isnan(quality))
    order = scored[np.argsort(quality[scored], kind="stable")]
    ranks[order] = np.arange(1, len(order) + 1)
    return ranks


def _table(
    dev: pd.DataFrame, quality: np.ndarray, is_issue: np.ndarray, suggested: np.ndarray
) -> pd.DataFrame:
    table = dev[[c for c in ("key", "label", "prediction") if c in dev.columns]].copy()
    if "key" not in table.columns:
        table.insert(0, "key", np.arange(len(dev)).astype(str))
    table["label_quality"] = quality
    table["is_issue"] = is_issue
    table["suggested_label"] = suggested
    table["rank"] = _ranks(quality)
    return table


def _confident_learning(
    dev: pd.DataFrame,
    classes: list[str],
    columns: dict[str, str],
    labels: np.ndarray,
    probs: np.ndarray,
    rank_by: str,
) -> LabelIssues:
    n, k = probs.shape
    rows = np.arange(n)
    self_confidence = probs[rows, labels]
    thresholds = _thresholds(self_confidence, labels, k)
    confident = probs >= thresholds - _FLOAT_TOLERANCE
    confident_count = confident.sum(axis=1)
    # One confident class: that one; several: the most probable of all.
    guess = np.where(confident_count > 1, probs.argmax(axis=1), confident.argmax(axis=1))
    is_issue = (confident_count > 0) & (guess != labels)
    # cleanlab drops an issue when the label is (nearly) the model's top class.
    nudged = probs.copy()
    nudged[rows, labels] += _FLOAT_TOLERANCE
    is_issue &= nudged.argmax(axis=1) != labels
    if rank_by == SELF_CONFIDENCE:
        quality = self_confidence
    else:
        others = probs.copy()
        others[rows, labels] = -np.inf
        quality = (self_confidence - others.max(axis=1) + 1.0) / 2.0
    class_names = np.array(classes, dtype=object)
    suggested = np.where(is_issue, class_names[guess], "").astype(object)
    shown = ", ".join(columns[c] for c in classes[:3]) + (", ..." if k > 3 else "")
    reason = (
        f"confident learning on per-class probabilities ({shown}), ranked by "
        f"{rank_by.replace('_', ' ')}"
    )
    return LabelIssues(
        CONFIDENT_LEARNING,
        rank_by,
        reason,
        _table(dev, quality, is_issue, suggested),
        classes,
        dict(columns),
        {c: float(t) for c, t in zip(classes, thresholds, strict=True)},
    )


def _confidence_only(
    dev: pd.DataFrame, classes: list[str], labels: np.ndarray, predictions: np.ndarray
) -> LabelIssues:
    k = len(classes)
    score = dev["score"].to_numpy(dtype=float, na_value=np.nan)
    known = ~np.isnan(score)
    outside = known & ((score < -1e-9) | (score > 1 + 1e-9))
    if outside.any():
        return LabelIssues(
            UNAVAILABLE,
            "",
            f"the score column is not a probability ({int(outside.sum())} dev rows outside "
            f"0-1, e.g. {score[outside][0]:g})",
            _empty_table(),
            classes,
        )
    # The predicted class is the model's most probable one, so its probability
    # is at least 1/K; a lower score is not the confidence in the prediction.
    below = known & (score < 1.0 / k - 1e-9)
    if below.any():
        return LabelIssues(
            UNAVAILABLE,
            "",
            f"the score column is not the model's confidence in its prediction "
            f"({int(below.sum())} dev rows below 1/{k}, the least the top class of {k} can "
            "have); give per-class probability columns (p_<class>)",
            _empty_table(),
            classes,
        )
    wrong = labels != predictions
    # The label's probability: the score when right, at most 1 - score when wrong.
    bound = np.where(wrong, 1.0 - score, score)
    thresholds = _thresholds(bound[known], labels[known], k)
    # Confident of the predicted class (its probability is the score) and the
    # label surely not the top class (as cleanlab's nudge of the label's
    # probability by the tolerance).
    is_issue = (
        known
        & wrong
        & (score >= thresholds[predictions] - _FLOAT_TOLERANCE)
        & (bound + _FLOAT_TOLERANCE < score)
    )
    class_names = np.array(classes, dtype=object)
    suggested = np.where(is_issue, class_names[predictions], "").astype(object)
    exact = " (exact for two classes)" if k == 2 else " (an upper bound with more classes)"
    reason = (
        "only the model's confidence in its prediction (score): a confident wrong "
        f"prediction ranks as a likely label error; label quality = 1 - score{exact}"
    )
    return LabelIssues(
        CONFIDENCE_ONLY,
        CONFIDENCE_BOUND,
        reason,
        _table(dev, np.where(known, bound, np.nan), is_issue, suggested),
        classes,
        {},
        {c: float(t) for c, t in zip(classes, thresholds, strict=True)},
    )
