"""Incorrect labels (METHOD §3): the split of the dev error, the corrected error, rankings."""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest
from scipy import stats  # a test reference only (the test extra)

from erroranalysis.core.errors import UserError
from erroranalysis.core.intervals import share_intervals
from erroranalysis.core.label_noise import (
    compare_models,
    corrected_dev_error,
    label_split,
    wilson_interval,
)


def test_course_labels_not_worth_fixing_yet() -> None:
    split = label_split(0.10, 0.06)
    assert split.due_to_labels == 0.006
    assert split.other_causes == 0.094
    assert split.label_share == 0.06
    assert not split.worth_fixing
    assert "0.60%" in split.verdict and "9.40%" in split.verdict
    assert "other causes first" in split.verdict


def test_course_labels_worth_fixing_after_improving_the_model() -> None:
    # E = 2% with the same 0.6% from labels: labels are 30% of the error.
    split = label_split(0.02, 0.006 / 0.02)
    assert split.due_to_labels == 0.006
    assert split.other_causes == 0.014
    assert split.label_share == pytest.approx(0.30)
    assert split.worth_fixing
    assert "30.0%" in split.verdict and "worth" in split.verdict


def test_compared_with_the_largest_other_category() -> None:
    # Great cats gain 4.3% in the course spreadsheet: far more than 0.6% from labels.
    assert not label_split(0.10, 0.06, largest_other_gain=0.043).worth_fixing
    assert label_split(0.10, 0.06, largest_other_gain=0.012).worth_fixing


def test_label_split_rejects_bad_fractions() -> None:
    with pytest.raises(UserError):
        label_split(10, 0.06)
    with pytest.raises(UserError):
        label_split(0.1, -0.1)


def test_wilson_reference_interval() -> None:
    low, high = wilson_interval(5, 100, None)
    assert low == pytest.approx(0.0215, abs=5e-5)
    assert high == pytest.approx(0.1118, abs=5e-5)


def test_wilson_edges() -> None:
    assert wilson_interval(5, 100, 100) == (0.05, 0.05)
    assert wilson_interval(0, 0, 50) == (0.0, 1.0)
    narrow = wilson_interval(5, 100, 150)
    wide = wilson_interval(5, 100, None)
    assert wide[0] < narrow[0] < 0.05 < narrow[1] < wide[1]


def test_corrected_dev_error_everything_reviewed() -> None:
    # 1000 dev examples, 100 errors all reviewed (6 wrong labels), 900 correct all
    # reviewed (9 wrong labels): (100 - 6 + 9) / 1000.
    estimate = corrected_dev_error(1000, 100, 100, 6, 900, 900, 9)
    assert (estimate.value, estimate.low, estimate.high) == (0.103, 0.103, 0.103)


def exact_reference(k: int, n: int, N: int) -> tuple[float, float]:
    """METHOD §2's exact interval by brute force over every K with scipy."""
    counts = np.arange(N + 1)
    low = 0 if k == 0 else counts[stats.hypergeom.sf(k - 1, N, counts, n) > 0.025].min()
    high = N if k == n else counts[stats.hypergeom.cdf(k, N, counts, n) > 0.025].max()
    return low / N, high / N


def test_corrected_dev_error_extrapolates_samples() -> None:
    # Half the errors reviewed, 3 wrong labels -> 6 of 100; 100 of 900 correct
    # reviewed, 1 wrong label -> 9 of 900: (100 - 6 + 9) / 1000.
    estimate = corrected_dev_error(1000, 100, 50, 3, 900, 100, 1)
    assert estimate.value == pytest.approx(0.103)
    # MOVER on the two parts' exact intervals (Zou & Donner), computed by hand.
    e_low, e_high = exact_reference(3, 50, 100)
    c_low, c_high = exact_reference(1, 100, 900)
    kept, hidden = 0.1 * (1 - 0.06), 0.9 * 0.01
    low = kept + hidden - math.hypot(kept - 0.1 * (1 - e_high), hidden - 0.9 * c_low)
    high = kept + hidden + math.hypot(0.1 * (1 - e_low) - kept, 0.9 * c_high - hidden)
    assert (estimate.low, estimate.high) == pytest.approx((low, high), abs=1e-12)
    assert estimate.low < estimate.value < estimate.high
    # Narrower than adding the opposite ends, which covers 99-99.9%.
    assert estimate.low > (100 * (1 - e_high) + 900 * c_low) / 1000
    assert estimate.high < (100 * (1 - e_low) + 900 * c_high) / 1000


def test_corrected_dev_error_without_reviewed_correct_examples() -> None:
    # Nothing reviewed among correct examples: the hidden wrong labels are ignored, and
    # they can only raise the error: a lower bound from the errors' side, no upper one.
    estimate = corrected_dev_error(1000, 100, 100, 6, 900, 0, 0)
    assert (estimate.value, estimate.low, estimate.high) == (0.094, 0.094, None)
    estimate = corrected_dev_error(1000, 100, 50, 3, 900, 0, 0)
    _, e_high = exact_reference(3, 50, 100)
    assert estimate.low == pytest.approx(0.1 * (1 - e_high), abs=1e-12)
    assert estimate.high is None
    assert estimate.to_json_dict() == {"value": 0.094, "low": estimate.low, "high": None}


@functools.cache
def every_interval(n: int, N: int) -> tuple[np.ndarray, np.ndarray]:
    """The exact interval for every k = 0..n (shared by the cells of the grid)."""
    return share_intervals(np.arange(n + 1), n, N)


def coverage(
    errors: int, correct: int, wrong_e: int, wrong_c: int, n_e: int, n_c: int, method: str
) -> float:
    """Exact coverage: every (k_e, k_c) weighted by its two hypergeometric probabilities."""

    dev_size = errors + correct
    k_e, k_c = np.arange(n_e + 1), np.arange(n_c + 1)
    e_low, e_high = every_interval(n_e, errors)
    c_low, c_high = every_interval(n_c, correct)
    w1, w2 = errors / dev_size, correct / dev_size
    kept, hidden = w1 * (1 - k_e / n_e), w2 * k_c / n_c
    kept_low, kept_high, hidden_low, hidden_high = (
        w1 * (1 - e_high),
        w1 * (1 - e_low),
        (w2 * c_low),
        w2 * c_high,
    )
    if method == "ends":  # the first version's combination
        low = kept_low[:, None] + hidden_low[None, :]
        high = kept_high[:, None] + hidden_high[None, :]
    else:
        point = kept[:, None] + hidden[None, :]
        low = point - np.hypot((kept - kept_low)[:, None], (hidden - hidden_low)[None, :])
        high = point + np.hypot((kept_high - kept)[:, None], (hidden_high - hidden)[None, :])
    truth = (errors - wrong_e + wrong_c) / dev_size
    covered = (low <= truth + 1e-12) & (high >= truth - 1e-12)
    weight = (
        stats.hypergeom.pmf(k_e, errors, wrong_e, n_e)[:, None]
        * stats.hypergeom.pmf(k_c, correct, wrong_c, n_c)[None, :]
    )
    return float(weight[covered].sum())


def test_mover_matches_the_function() -> None:
    """The coverage below is of what corrected_dev_error returns."""
    for k_e, k_c in [(0, 0), (3, 1), (10, 4), (30, 0)]:
        estimate = corrected_dev_error(1000, 100, 30, k_e, 900, 300, k_c)
        e_low, e_high = exact_reference(k_e, 30, 100)
        c_low, c_high = exact_reference(k_c, 300, 900)
        kept, hidden = 0.1 * (1 - k_e / 30), 0.9 * k_c / 300
        low = kept + hidden - math.hypot(kept - 0.1 * (1 - e_high), hidden - 0.9 * c_low)
        high = kept + hidden + math.hypot(0.1 * (1 - e_low) - kept, 0.9 * c_high - hidden)
        assert estimate.low == pytest.approx(max(low, 0.0), abs=1e-12)
        assert estimate.high == pytest.approx(min(high, 1.0), abs=1e-12)


GRID = [
    (errors, 9 * errors, round(fe * errors), round(fc * 9 * errors), n_e, n_c)
    for errors in (50, 100, 500)
    for fe in (0.05, 0.1, 0.3)
    for fc in (0.01, 0.02, 0.05)
    for n_e in (30, 50)
    for n_c in (100, 300)
    if n_e < errors
]


def test_corrected_dev_error_interval_keeps_about_95_percent() -> None:
    """MOVER: 95-99% (97.3% on average) where adding opposite ends covers 98.7-99.99%.

    MOVER recovers each side's variance from its interval, a normal-theory
    step; with a handful of wrong labels on both sides the discrete exact
    intervals make it dip: the worst cell of this grid (50 errors with 2 wrong
    labels, 30 reviewed; 450 correct with 4, 300 reviewed) covers 92.5%. Every
    other cell is at least 95%.
    """
    mover = [coverage(*cell, "mover") for cell in GRID]
    ends = [coverage(*cell, "ends") for cell in GRID]
    assert len(GRID) == 90
    assert min(mover) >= 0.92
    assert sum(value < 0.95 for value in mover) <= 1
    assert 0.95 <= np.mean(mover) <= 0.985
    assert np.mean(ends) > 0.99 and min(ends) > 0.98  # the old way: too wide
    assert np.mean(mover) < np.mean(ends) - 0.015


@pytest.mark.parametrize(
    "args",
    [
        (1000, 100, 120, 6, 900, 0, 0),  # more reviewed than errors
        (1000, 100, 50, 60, 900, 0, 0),  # more found than reviewed
        (1000, 100, 50, 3, 800, 0, 0),  # errors + correct != dev size
        (1000, -1, 0, 0, 1001, 0, 0),  # negative count
        (0, 0, 0, 0, 0, 0, 0),  # empty dev set
    ],
)
def test_corrected_dev_error_rejects_bad_counts(args) -> None:
    with pytest.raises(UserError):
        corrected_dev_error(*args)


def test_course_models_cannot_be_ranked() -> None:
    comparison = compare_models(0.021, 0.019, 0.006)
    assert comparison.difference == 0.002
    assert comparison.better == "b"
    assert comparison.explainable_share == 1.0
    assert comparison.trustworthy is False
    assert comparison.warning and "cannot be ranked" in comparison.warning


def test_models_far_apart_can_be_ranked() -> None:
    comparison = compare_models(0.05, 0.02, 0.006)
    assert comparison.difference == 0.03
    assert comparison.explainable_share == pytest.approx(0.2)
    assert comparison.trustworthy is True
    assert comparison.warning is None
    assert "B is better" in comparison.verdict


def test_noise_equal_to_the_difference_explains_all_of_it() -> None:
    comparison = compare_models(0.02, 0.026, 0.006)
    assert comparison.better == "a"
    assert comparison.explainable_share == 1.0
    assert not comparison.trustworthy


def test_tie() -> None:
    assert compare_models(0.02, 0.02, 0.0).trustworthy
    noisy = compare_models(0.02, 0.02, 0.006)
    assert noisy.better is None and not noisy.trustworthy and noisy.warning
