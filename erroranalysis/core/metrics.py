"""Precision, recall, F1 and the confusion matrix of a single-label classifier (METHOD §5).

Everything is computed from one confusion matrix built with a single
``np.bincount`` over integer codes, so a million rows cost a few
hundred milliseconds and no Python loop ever runs per example.

Undefined values stay undefined (NaN here, ``null`` in JSON, "–" in
tables), not 0: the precision of a class that is never predicted, the recall
of a class that never occurs in the labels (it only appears as a
prediction). F1 is ``2 tp / (2 tp + fp + fn)``, defined for every class seen
(0 when the class is never predicted right). Averages leave undefined values
out: macro is the mean of the defined values, weighted the support-weighted
mean of the defined values (undefined when no value is). This is
scikit-learn's ``zero_division=np.nan`` (``classification_report``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from erroranalysis.core.errors import UserError
from erroranalysis.core.rates import clean
from erroranalysis.i18n import translate

__all__ = ["Average", "ClassificationMetrics", "compute_metrics", "natural_order"]

_DIGITS = re.compile(r"(\d+)")


def _defined(value: float) -> float | None:
    """A metric for JSON: ``None`` when undefined (NaN), else rounded."""
    value = float(value)
    return None if np.isnan(value) else clean(value)


@dataclass(frozen=True)
class Average:
    """Averaged precision, recall and F1 (NaN when no class has the value defined)."""

    precision: float
    recall: float
    f1: float

    def to_json_dict(self) -> dict[str, float | None]:
        return {
            "precision": _defined(self.precision),
            "recall": _defined(self.recall),
            "f1": _defined(self.f1),
        }


@dataclass(frozen=True)
class ClassificationMetrics:
    """Per-class and averaged metrics of one set of predictions.

    - ``classes``: every class seen in the labels or the predictions, in
      natural order (see :func:`natural_order`).
    - ``per_class``: DataFrame indexed by class (index name ``"class"``) with
      columns ``precision``, ``recall``, ``f1`` (floats, NaN when undefined)
      and ``support`` (int: examples whose label is the class).
    - ``macro``: unweighted mean over ``classes`` of each defined per-class
      value (macro F1 is the mean of per-class F1, not the F1 of macro P and R).
    - ``micro``: pooled over all examples; for single-label data
      micro precision = recall = F1 = ``accuracy``.
    - ``weighted``: the mean of the defined per-class values weighted by
      support (scikit-learn's "weighted avg").
    - ``confusion``: DataFrame of counts, rows the true class (index name
      ``"true"``), columns the predicted class (columns name ``"predicted"``).
    - ``size``: number of examples.
    """

    classes: tuple[str, ...]
    per_class: pd.DataFrame
    macro: Average
    micro: Average
    weighted: Average
    accuracy: float
    confusion: pd.DataFrame
    size: int

    def averages(self) -> list[tuple[str, Average]]:
        """The averages in report order: ``macro``, ``micro``, ``weighted``."""
        return [("macro", self.macro), ("micro", self.micro), ("weighted", self.weighted)]

    def table(self) -> pd.DataFrame:
        """Per-class rows followed by ``macro avg``, ``micro avg`` and ``weighted avg`` rows
        (support = size). A class may itself be named "macro avg": tell the rows apart by
        position (the first ``len(classes)`` are classes) or use :meth:`averages`."""
        rows = self.averages()
        averages = pd.DataFrame(
            {
                "precision": [a.precision for _, a in rows],
                "recall": [a.recall for _, a in rows],
                "f1": [a.f1 for _, a in rows],
                "support": [self.size] * len(rows),
            },
            index=pd.Index([f"{name} avg" for name, _ in rows], name="class"),
        )
        return pd.concat([self.per_class, averages])

    def to_json_dict(self) -> dict[str, object]:
        """Metrics as JSON-ready values (fractions, plain ints and lists)."""
        per_class = [
            {
                "class": name,
                "precision": _defined(row.precision),
                "recall": _defined(row.recall),
                "f1": _defined(row.f1),
                "support": int(row.support),
            }
            for name, row in zip(self.classes, self.per_class.itertuples(index=False), strict=True)
        ]
        return {
            "size": self.size,
            "accuracy": clean(self.accuracy),
            "classes": list(self.classes),
            "per_class": per_class,
            "macro": self.macro.to_json_dict(),
            "micro": self.micro.to_json_dict(),
            "weighted": self.weighted.to_json_dict(),
            "confusion": {
                "rows": "true",
                "columns": "predicted",
                "matrix": self.confusion.to_numpy().tolist(),
            },
        }


def _natural_key(text: str) -> tuple[tuple[tuple[int, object], ...], str]:
    # Digit runs compare as numbers so "class2" sorts before "class10"; the
    # text itself breaks ties between e.g. "a01" and "a1". The parts are one
    # tuple and the text comes after it, so "cat" vs "cat2" compares a shorter
    # tuple with a longer one, never a str with a tuple. The split's odd
    # positions are the regex's digit runs (decimal digits int() reads);
    # "²" is not one (isdigit() would say it is, and int() would fail).
    parts = _DIGITS.split(text.casefold())
    return (
        tuple(
            (0, int(part)) if index % 2 else (1, part)
            for index, part in enumerate(parts)
            if part != ""
        ),
        text,
    )


def natural_order(classes: Iterable[str]) -> list[str]:
    """Sort class names the way a person would.

    When every name is a number (``"2"``, ``"10"``, ``"-1"``, ``"0.5"``) they
    sort by value; otherwise digit runs inside names compare as numbers
    (``cat2`` < ``cat10``) and letters ignore case.
    """
    names = list(classes)
    values = pd.to_numeric(pd.Series(names, dtype=object), errors="coerce")
    if len(names) and values.notna().all():
        return [n for _, n in sorted(zip(values.tolist(), names, strict=True))]
    return sorted(names, key=_natural_key)


def _as_text(values: Sequence[str] | np.ndarray | pd.Series, what: str) -> np.ndarray:
    array = np.asarray(values, dtype=object)
    if array.ndim != 1:
        raise UserError(
            translate(
                "core.errors",
                "{what} must be one value per example (got an array of shape {shape})",
            ).format(what=what, shape=array.shape)
        )
    return array


def compute_metrics(
    labels: Sequence[str] | np.ndarray | pd.Series,
    predictions: Sequence[str] | np.ndarray | pd.Series,
) -> ClassificationMetrics:
    """Per-class precision, recall, F1 and support, their macro and micro averages,
    accuracy and the confusion matrix.

    ``labels`` and ``predictions`` are equal-length sequences of class names
    (compared as strings, exactly). Classes are the union of both. See the
    module docstring for the zero-division rule.

    Raises :class:`UserError` when the lengths differ or there are no examples.
    """
    truth = _as_text(labels, translate("core.errors", "labels"))
    guess = _as_text(predictions, translate("core.errors", "predictions"))
    if len(truth) != len(guess):
        raise UserError(
            translate(
                "core.errors",
                "labels and predictions differ in length ({n_truth} vs {n_guess}); give one "
                "prediction per label",
            ).format(n_truth=len(truth), n_guess=len(guess))
        )
    size = len(truth)
    if size == 0:
        raise UserError(
            translate(
                "core.errors",
                "no examples to compute metrics on; the selected rows are empty",
            )
        )

    # One factorize over both columns gives shared integer codes; the classes
    # are few, so ordering them afterwards is cheap.
    both = pd.Series(np.concatenate([truth, guess])).astype(str)
    codes, uniques = pd.factorize(both, sort=False)
    found = [str(u) for u in uniques]
    order = natural_order(found)
    position = {name: i for i, name in enumerate(order)}
    remap = np.array([position[name] for name in found], dtype=np.int64)
    codes = remap[codes]
    k = len(order)
    true_codes, pred_codes = codes[:size], codes[size:]

    counts = np.bincount(true_codes * k + pred_codes, minlength=k * k).reshape(k, k)
    hits = np.diag(counts).astype(float)
    support = counts.sum(axis=1)
    predicted = counts.sum(axis=0)

    def ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
        # The module docstring's rule: x / 0 is undefined (NaN), not 0.
        out = np.full(numerator.shape, np.nan)
        np.divide(numerator, denominator, out=out, where=denominator != 0)
        return out

    precision = ratio(hits, predicted.astype(float))
    recall = ratio(hits, support.astype(float))
    # 2 tp / (2 tp + fp + fn) = 2 tp / (support + predicted): every class seen has one.
    f1 = ratio(2 * hits, (support + predicted).astype(float))

    index = pd.Index(order, name="class", dtype=object)
    per_class = pd.DataFrame(
        {"precision": precision, "recall": recall, "f1": f1, "support": support.astype(np.int64)},
        index=index,
    )
    confusion = pd.DataFrame(
        counts.astype(np.int64),
        index=pd.Index(order, name="true", dtype=object),
        columns=pd.Index(order, name="predicted", dtype=object),
    )
    accuracy = float(hits.sum() / size)
    return ClassificationMetrics(
        classes=tuple(order),
        per_class=per_class,
        macro=Average(_mean(precision), _mean(recall), _mean(f1)),
        micro=Average(accuracy, accuracy, accuracy),
        weighted=Average(_mean(precision, support), _mean(recall, support), _mean(f1, support)),
        accuracy=accuracy,
        confusion=confusion,
        size=size,
    )


def _mean(values: np.ndarray, weights: np.ndarray | None = None) -> float:
    """The (weighted) mean of the defined values; NaN when none is (or all weights are 0)."""
    defined = ~np.isnan(values)
    w = np.ones(len(values)) if weights is None else np.asarray(weights, dtype=float)
    total = float(w[defined].sum())
    if total == 0:
        return float("nan")
    return float((values[defined] * w[defined]).sum() / total)
