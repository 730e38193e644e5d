"""Likely label errors: confident learning against cleanlab, the score-only fallback, reasons."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from erroranalysis.core.label_issues import (
    CONFIDENCE_ONLY,
    CONFIDENT_LEARNING,
    UNAVAILABLE,
    find_label_issues,
    probability_columns,
)
from erroranalysis.core.predictions import load_predictions

CLASSES = ["bird", "cat", "dog", "fox"]


def noisy_dev_set(n: int = 400, k: int = 4, flips: int = 0, seed: int = 0):
    """True classes, a model's probabilities (mostly right) and labels with some flipped."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, k, n)
    concentration = np.full((n, k), 0.6)
    concentration[np.arange(n), truth] = 6.0
    probs = np.array([rng.dirichlet(c) for c in concentration])
    labels = truth.copy()
    flipped = rng.choice(n, flips, replace=False) if flips else np.array([], dtype=int)
    labels[flipped] = (truth[flipped] + rng.integers(1, k, len(flipped))) % k
    return labels, probs, flipped


def frame_of(labels: np.ndarray, probs: np.ndarray, classes=CLASSES, prefix="p_", split=None):
    names = np.array(classes, dtype=object)
    frame = pd.DataFrame(
        {
            "key": [f"k{i}" for i in range(len(labels))],
            "image": [f"img/{i}.png" for i in range(len(labels))],
            "label": names[labels],
            "prediction": names[probs.argmax(axis=1)],
            "score": probs.max(axis=1),
            "split": split if split is not None else "dev",
        }
    )
    for j, c in enumerate(classes):
        # As a predictions file gives them: text.
        frame[f"{prefix}{c}"] = [repr(float(v)) for v in probs[:, j]]
    return frame


def test_a_flipped_label_ranks_at_the_top() -> None:
    labels, probs, _ = noisy_dev_set(seed=1)
    # Example 17 is clearly a dog to the model, but labelled bird.
    probs[17] = [0.01, 0.02, 0.95, 0.02]
    labels[17] = 0
    result = find_label_issues(frame_of(labels, probs))
    assert result.method == CONFIDENT_LEARNING and result.available
    row = result.table.iloc[17]
    assert row["is_issue"] and row["suggested_label"] == "dog"
    assert row["rank"] == 1
    assert result.ranked().iloc[0]["key"] == "k17"
    margin = find_label_issues(frame_of(labels, probs), rank_by="normalized_margin")
    assert margin.table.iloc[17]["rank"] <= 3


def test_flipped_labels_are_found_among_the_top_ranks() -> None:
    labels, probs, flipped = noisy_dev_set(n=1000, flips=20, seed=2)
    result = find_label_issues(frame_of(labels, probs))
    top = set(result.ranked().index[:40])
    # Most planted flips are in the top 40 of 1000.
    assert len(top & set(flipped)) >= 15


def test_matches_cleanlab() -> None:
    cleanlab = pytest.importorskip("cleanlab", reason="cleanlab is the reference (test extra)")
    from cleanlab.filter import find_label_issues as cl_find
    from cleanlab.rank import get_label_quality_scores

    for seed in range(4):
        labels, probs, _ = noisy_dev_set(n=600, flips=30, seed=seed)
        frame = frame_of(labels, probs)
        # Round-trip through text, as our frame holds it.
        probs = frame[[f"p_{c}" for c in CLASSES]].astype(float).to_numpy()
        for method in ("self_confidence", "normalized_margin"):
            ours = find_label_issues(frame, rank_by=method)
            expected = get_label_quality_scores(labels, probs, method=method)
            np.testing.assert_allclose(ours.table["label_quality"], expected, rtol=0, atol=1e-12)
        mask = cl_find(labels, probs, filter_by="confident_learning", n_jobs=1)
        np.testing.assert_array_equal(ours.table["is_issue"].to_numpy(), mask)
    assert cleanlab.__version__


def test_score_only_fallback_is_confident_learning_for_two_classes() -> None:
    pytest.importorskip("cleanlab", reason="cleanlab is the reference (test extra)")
    from cleanlab.filter import find_label_issues as cl_find
    from cleanlab.rank import get_label_quality_scores

    labels, probs, _ = noisy_dev_set(n=500, k=2, flips=25, seed=3)
    frame = frame_of(labels, probs, classes=["neg", "pos"]).drop(columns=["p_neg", "p_pos"])
    result = find_label_issues(frame)
    assert result.method == CONFIDENCE_ONLY
    assert "confidence" in result.reason and "exact for two classes" in result.reason
    expected = get_label_quality_scores(labels, probs, method="self_confidence")
    np.testing.assert_allclose(result.table["label_quality"], expected, atol=1e-12)
    mask = cl_find(labels, probs, filter_by="confident_learning", n_jobs=1)
    np.testing.assert_array_equal(result.table["is_issue"].to_numpy(), mask)


def test_score_only_fallback_with_more_classes_is_a_cautious_subset() -> None:
    labels, probs, flipped = noisy_dev_set(n=800, flips=40, seed=4)
    full = find_label_issues(frame_of(labels, probs))
    only_score = find_label_issues(
        frame_of(labels, probs).drop(columns=[f"p_{c}" for c in CLASSES])
    )
    assert only_score.method == CONFIDENCE_ONLY and "upper bound" in only_score.reason
    subset = only_score.table["is_issue"].to_numpy()
    assert subset.any()
    assert not (subset & ~full.table["is_issue"].to_numpy()).any()
    # The bound is never below the label's true probability.
    true_quality = full.table["label_quality"].to_numpy()
    assert (only_score.table["label_quality"].to_numpy() >= true_quality - 1e-12).all()
    # A confident wrong prediction still ranks near the top.
    assert len(set(only_score.ranked().index[:80]) & set(flipped)) >= 20


def test_probability_column_families() -> None:
    frame = pd.DataFrame({"label": ["cat", "dog"], "prediction": ["dog", "dog"]})
    for names in (
        ["p_cat", "p_dog"],
        ["prob_cat", "prob_dog"],
        ["Proba Cat", "proba-dog"],
        ["probability_cat", "probability_dog"],
        ["score_cat", "score_dog"],
        ["cat", "dog"],
    ):
        with_columns = frame.assign(**{n: [0.5, 0.5] for n in names})
        assert probability_columns(with_columns) == dict(zip(["cat", "dog"], names, strict=True))
    # A family must cover every class.
    assert probability_columns(frame.assign(p_cat=0.5)) == {}
    # One class: nothing to rank.
    assert (
        probability_columns(pd.DataFrame({"label": ["a"], "prediction": ["a"], "p_a": [1]})) == {}
    )


def test_reasons_when_unavailable() -> None:
    labels, probs, _ = noisy_dev_set(n=50)
    bare = frame_of(labels, probs).drop(columns=[f"p_{c}" for c in CLASSES])
    result = find_label_issues(bare.assign(score=np.nan))
    assert result.method == UNAVAILABLE and not result.available
    assert "neither per-class probability columns" in result.reason
    assert result.table.empty and result.issue_count == 0

    low = find_label_issues(bare.assign(score=0.1))
    assert low.method == UNAVAILABLE and "below 1/4" in low.reason

    logits = frame_of(labels, probs * 10)
    result = find_label_issues(logits.assign(score=np.nan))
    assert result.method == UNAVAILABLE
    assert "outside 0-1" in result.reason and "'p_bird'" in result.reason
    # With a usable score it falls back, and says why the columns were not used.
    fallback = find_label_issues(logits.assign(score=probs.max(axis=1)))
    assert fallback.method == CONFIDENCE_ONLY and "not used" in fallback.reason


def test_only_dev_rows_are_ranked(tmp_path: Path) -> None:
    labels, probs, _ = noisy_dev_set(n=200, seed=6)
    split = np.where(np.arange(200) < 150, "dev", "train")
    frame = frame_of(labels, probs, split=split)
    result = find_label_issues(frame)
    assert len(result.table) == 150
    only_dev = find_label_issues(frame.iloc[:150])
    # The thresholds are the dev set's: the same as ranking the dev rows alone.
    assert result.thresholds == only_dev.thresholds
    # Through the loader, probabilities arrive as metadata text.
    path = tmp_path / "preds.csv"
    frame.drop(columns=["score"]).to_csv(path, index=False)
    loaded = load_predictions(path)
    again = find_label_issues(loaded.frame, loaded.metadata_columns)
    assert again.method == CONFIDENT_LEARNING
    np.testing.assert_allclose(again.table["label_quality"], result.table["label_quality"])


def test_arrow_strings_give_the_same_ranking() -> None:
    labels, probs, _ = noisy_dev_set(n=300, flips=10, seed=7)
    frame = frame_of(labels, probs)
    arrow = frame.astype({c: "string[pyarrow]" for c in frame.columns if frame[c].dtype == object})
    a, b = find_label_issues(frame), find_label_issues(arrow)
    np.testing.assert_array_equal(a.table["rank"], b.table["rank"])
    np.testing.assert_array_equal(a.table["is_issue"], b.table["is_issue"])
