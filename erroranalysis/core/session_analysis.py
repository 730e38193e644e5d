"""The analyses of METHOD.md §3-§5 read from a review session.

The session keeps every row of the predictions file, the human-level error
the user entered and the reviewed correct examples, so the diagnosis, the
label-noise report and the per-class metrics need nothing else.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from erroranalysis.core.categories import LABEL_ERROR
from erroranalysis.core.diagnosis import Diagnosis, diagnose
from erroranalysis.core.errors import UserError
from erroranalysis.core.label_noise import Estimate, LabelSplit, corrected_dev_error, label_split
from erroranalysis.core.metrics import ClassificationMetrics, compute_metrics
from erroranalysis.core.session import CORRECT, ReviewSession
from erroranalysis.i18n import translate

HUMAN_ERROR_KEY = "human_error"
RATE_OVERRIDE_KEYS = {level: f"rate_{level}" for level in ("train", "train_dev", "dev", "test")}


def split_rates(session: ReviewSession, weighted: bool = False) -> dict[str, float | None]:
    """Error rates of train, train_dev, dev and test from the session's predictions;
    ``weighted``: the weighted rates when the session has weights (METHOD.md §6)."""
    if weighted:
        from erroranalysis.core.session_weights import weighted_split_rates

        rates_w = weighted_split_rates(session)
        if rates_w is not None:
            return {split: rates_w.get(split) for split in ("train", "train_dev", "dev", "test")}
    counts = session.split_error_counts()
    rates: dict[str, float | None] = {}
    for split in ("train", "train_dev", "dev", "test"):
        size, errors = counts.get(split, (0, 0))
        rates[split] = errors / size if size else None
    if rates["dev"] is None and session.dev_error is not None:
        rates["dev"] = session.dev_error  # a folder session: the dev error the user gave
    return rates


def _stored_rate(session: ReviewSession, key: str) -> float | None:
    value = session.meta(key)
    return float(value) if value else None


def session_diagnosis(
    session: ReviewSession, weighted: bool = False
) -> tuple[Diagnosis, dict[str, str]]:
    """The bias/variance/mismatch diagnosis with where each rate came from.

    Rates typed by the user (stored in the session) override computed ones;
    ``weighted``: computed rates are the weighted ones when the session has weights.
    """
    rates = split_rates(session, weighted)
    sources = {level: "predictions" for level, rate in rates.items() if rate is not None}
    for level, key in RATE_OVERRIDE_KEYS.items():
        typed = _stored_rate(session, key)
        if typed is not None:
            rates[level], sources[level] = typed, "typed"
    human = _stored_rate(session, HUMAN_ERROR_KEY)
    if human is not None:
        sources["human"] = "typed"
    return diagnose(human=human, **rates), sources


@dataclass(frozen=True)
class LabelReport:
    """Incorrect labels in a session: the split of the dev error and the corrected estimate.

    ``caveat`` says what the corrected estimate leaves out (``None`` when
    nothing): with no correctly classified example reviewed, the wrong labels
    hidden among them; ``corrected.high`` is then ``None`` (a lower bound only).
    """

    reviewed_errors: int
    label_errors_among_errors: int
    reviewed_correct: int
    label_errors_among_correct: int
    correct_total: int
    split: LabelSplit | None
    corrected: Estimate | None
    caveat: str | None = None

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "reviewed_errors": self.reviewed_errors,
            "label_errors_among_errors": self.label_errors_among_errors,
            "reviewed_correct": self.reviewed_correct,
            "label_errors_among_correct": self.label_errors_among_correct,
            "correct_total": self.correct_total,
            "split": None if self.split is None else self.split.to_json_dict(),
            "corrected_dev_error": None
            if self.corrected is None
            else self.corrected.to_json_dict(),
            "correct_reviewed": self.reviewed_correct,
            "caveat": self.caveat,
        }


def correct_side_caveat(correct_total: int) -> str:
    """What a corrected dev error leaves out before any correct example is reviewed."""
    return (
        "No correctly classified example reviewed yet: the corrected dev error ignores the "
        f"wrong labels hidden among the {correct_total:,} correct ones, which can only raise "
        "it, so it has a lower bound but no upper one. Review some (sample-correct) for an "
        "interval."
    )


def label_report(session: ReviewSession) -> LabelReport:
    """METHOD.md §3 for a session: needs a category of kind ``label_error``."""
    if not any(c.kind == LABEL_ERROR for c in session.categories()):
        raise UserError(
            translate(
                "core.errors",
                "the session has no category of kind label_error (such as 'incorrect label'); "
                "add one to review labels",
            )
        )
    errors = session.tally()
    correct = session.tally(origin=CORRECT)
    found_errors = 0 if errors.label_split is None else errors.label_split.count
    found_correct = 0 if correct.label_split is None else correct.label_split.count
    split = None
    corrected = None
    dev_error = session.dev_error
    label_split_ = errors.label_split
    # The label category's own n: the reviewed errors assessed for it.
    assessed = errors.reviewed if label_split_ is None else label_split_.assessed
    if dev_error is not None and errors.reviewed:
        others = errors.table[errors.table["kind"] != LABEL_ERROR]["max_gain"]
        best = float(others.max()) if len(others) else math.nan
        # No other category has a gain yet: judge labels by their share alone.
        largest = best if best > 0 else None
        split = label_split(dev_error, found_errors / assessed if assessed else 0.0, largest)
    dev_size = session.dev_size
    correct_total = (dev_size - session.dev_errors) if dev_size else 0
    caveat = None
    if dev_size:
        corrected = corrected_dev_error(
            dev_size,
            session.dev_errors,
            assessed or 0,
            found_errors,
            correct_total,
            correct.reviewed,
            found_correct,
        )
        if corrected.high is None:
            caveat = correct_side_caveat(correct_total)
    return LabelReport(
        errors.reviewed,
        found_errors,
        correct.reviewed,
        found_correct,
        correct_total,
        split,
        corrected,
        caveat,
    )


def session_metrics(session: ReviewSession, split: str = "dev") -> ClassificationMetrics:
    """Per-class precision/recall/F1 and the confusion matrix of a split."""
    pairs = session.confusion_counts(split)
    if not pairs:
        raise UserError(
            translate(
                "core.errors",
                "the session has no {split} predictions (made from a folder of images?)",
            ).format(split=split)
        )
    # One row per example, rebuilt from the pair counts (cheap beside reading the rows).
    times = np.array([n for _a, _b, n in pairs], dtype=np.int64)
    labels = np.repeat(np.array([a for a, _b, _n in pairs], dtype=object), times)
    predictions = np.repeat(np.array([b for _a, b, _n in pairs], dtype=object), times)
    return compute_metrics(labels, predictions)


def items_in_cell(session: ReviewSession, label: str, prediction: str) -> list[int]:
    """The session's items with this true label and prediction (a confusion-matrix cell)."""
    items = session.item_columns(["id", "label", "prediction"])
    chosen = (items["label"] == label) & (items["prediction"] == prediction)
    return [int(i) for i in items["id"][chosen]]
