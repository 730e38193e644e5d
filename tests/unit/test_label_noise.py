"""Incorrect labels (METHOD §3): the split of the dev error, the corrected error, rankings."""

from __future__ import annotations

import pytest

from erroranalysis.core.errors import UserError
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
    assert "0.6%" in split.verdict and "9.4%" in split.verdict
    assert "other causes first" in split.verdict


def test_course_labels_worth_fixing_after_improving_the_model() -> None:
    # E = 2% with the same 0.6% from labels: labels are 30% of the error.
    split = label_split(0.02, 0.006 / 0.02)
    assert split.due_to_labels == 0.006
    assert split.other_causes == 0.014
    assert split.label_share == pytest.approx(0.30)
    assert split.worth_fixing
    assert "30%" in split.verdict and "worth" in split.verdict


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


def test_corrected_dev_error_extrapolates_samples() -> None:
    # Half the errors reviewed, 3 wrong labels -> 6 of 100; 100 of 900 correct
    # reviewed, 1 wrong label -> 9 of 900: (100 - 6 + 9) / 1000.
    estimate = corrected_dev_error(1000, 100, 50, 3, 900, 100, 1)
    assert estimate.value == pytest.approx(0.103)
    e_low, e_high = wilson_interval(3, 50, 100)
    c_low, c_high = wilson_interval(1, 100, 900)
    assert estimate.low == pytest.approx((100 * (1 - e_high) + 900 * c_low) / 1000)
    assert estimate.high == pytest.approx((100 * (1 - e_low) + 900 * c_high) / 1000)
    assert estimate.low < estimate.value < estimate.high


def test_corrected_dev_error_without_reviewed_correct_examples() -> None:
    # Nothing reviewed among correct examples: no correction assumed, but any is possible.
    estimate = corrected_dev_error(1000, 100, 100, 6, 900, 0, 0)
    assert estimate.value == 0.094
    assert estimate.low == 0.094
    assert estimate.high == 0.994


@pytest.mark.parametrize(
    "args",
    [
        (1000, 100, 120, 6, 900, 0, 0),   # more reviewed than errors
        (1000, 100, 50, 60, 900, 0, 0),   # more found than reviewed
        (1000, 100, 50, 3, 800, 0, 0),    # errors + correct != dev size
        (1000, -1, 0, 0, 1001, 0, 0),     # negative count
        (0, 0, 0, 0, 0, 0, 0),            # empty dev set
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
