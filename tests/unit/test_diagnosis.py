"""Bias / variance / data-mismatch diagnosis (METHOD §4) and rate parsing."""

from __future__ import annotations

import json

import pytest

from erroranalysis.core.diagnosis import ADVICE, diagnose
from erroranalysis.core.errors import UserError
from erroranalysis.core.rates import format_percent, parse_rate


def pct(value: float | None) -> float | None:
    return None if value is None else value / 100


# The six course cases of METHOD §4, errors in %: (human, train, train-dev, dev, test),
# then the expected gaps in %, the primary problem and the problems.
COURSE_CASES = [
    (
        (1, 8, None, 10, None),
        {"avoidable_bias": 7, "variance": 2, "data_mismatch": None},
        "avoidable_bias",
        ["avoidable_bias"],
    ),
    (
        (7.5, 8, None, 10, None),
        {"avoidable_bias": 0.5, "variance": 2, "data_mismatch": None},
        "variance",
        ["variance"],
    ),
    (
        (0, 1, 9, 10, None),
        {"avoidable_bias": 1, "variance": 8, "data_mismatch": 1},
        "variance",
        ["variance"],
    ),
    (
        (0, 1, 1.5, 10, None),
        {"avoidable_bias": 1, "variance": 0.5, "data_mismatch": 8.5},
        "data_mismatch",
        ["data_mismatch"],
    ),
    (
        (0, 10, 11, 12, None),
        {"avoidable_bias": 10, "variance": 1, "data_mismatch": 1},
        "avoidable_bias",
        ["avoidable_bias"],
    ),
    (
        (0, 10, 11, 20, None),
        {"avoidable_bias": 10, "variance": 1, "data_mismatch": 9},
        "avoidable_bias",
        ["avoidable_bias", "data_mismatch"],
    ),
]


@pytest.mark.parametrize(("rates", "gaps", "primary", "problems"), COURSE_CASES)
def test_course_cases(rates, gaps, primary, problems) -> None:
    result = diagnose(*(pct(r) for r in rates))
    for name, expected in gaps.items():
        assert getattr(result, name) == pct(expected)
    assert result.dev_overfitting is None
    assert result.primary == primary
    assert list(result.problems) == problems
    assert list(result.advice) == [ADVICE[p] for p in problems]


def test_gaps_print_without_binary_noise() -> None:
    result = diagnose(0.01, 0.08, None, 0.1, None)
    data = result.to_json_dict()
    assert data["avoidable_bias"] == 0.07
    assert data["variance"] == 0.02
    assert json.dumps(data["avoidable_bias"]) == "0.07"


def test_json_has_exactly_the_documented_keys() -> None:
    data = diagnose(0, 0.1, 0.11, 0.2, None).to_json_dict()
    assert set(data) == {
        "human", "train", "train_dev", "dev", "test",
        "avoidable_bias", "variance", "data_mismatch", "dev_overfitting",
        "primary", "problems", "advice",
    }
    assert data["problems"] == ["avoidable_bias", "data_mismatch"]
    assert data["test"] is None and data["dev_overfitting"] is None
    json.dumps(data)  # serialisable as is


def test_variance_uses_train_dev_when_given() -> None:
    assert diagnose(None, 0.01, 0.05, 0.2, None).variance == 0.04
    assert diagnose(None, 0.01, None, 0.2, None).variance == 0.19


def test_dev_overfitting_needs_a_test_error() -> None:
    result = diagnose(0.01, 0.02, None, 0.03, 0.09)
    assert result.dev_overfitting == 0.06
    assert result.primary == "dev_overfitting"
    assert "bigger dev set" in result.advice[0]


def test_no_rates_no_problem() -> None:
    result = diagnose(None, None, None, None, None)
    assert result.primary is None
    assert result.problems == () and result.advice == ()


def test_only_negative_or_zero_gaps_is_no_problem() -> None:
    # A model better than the human proxy and no worse on dev: nothing to reduce.
    result = diagnose(0.05, 0.03, None, 0.03, None)
    assert result.avoidable_bias == -0.02
    assert result.variance == 0.0
    assert result.primary is None and result.problems == ()


def test_negative_gap_is_never_a_problem() -> None:
    result = diagnose(0.05, 0.03, None, 0.04, None)
    assert result.problems == ("variance",)


def test_a_gap_of_exactly_half_the_largest_is_named() -> None:
    result = diagnose(0.0, 0.1, None, 0.15, None)
    assert result.problems == ("avoidable_bias", "variance")


def test_equal_gaps_keep_ladder_order() -> None:
    result = diagnose(0.0, 0.05, None, 0.1, None)
    assert result.problems == ("avoidable_bias", "variance")
    assert result.primary == "avoidable_bias"


def test_rate_outside_zero_one_is_a_user_error() -> None:
    with pytest.raises(UserError, match="train error"):
        diagnose(None, 8, None, 0.1, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0.08", 0.08), ("8%", 0.08), (" 8 % ", 0.08), ("0", 0.0), ("1", 1.0), ("100%", 1.0),
     ("0.5%", 0.005), ("7.5%", 0.075)],
)
def test_parse_rate(text: str, expected: float) -> None:
    assert parse_rate(text) == expected


def test_bare_number_above_one_is_refused() -> None:
    with pytest.raises(UserError) as info:
        parse_rate("8")
    assert str(info.value) == "rate '8' must be a fraction like 0.08 or a percentage like 8%"


def test_parse_rate_names_the_flag() -> None:
    with pytest.raises(UserError, match=r"^--train: rate '8'"):
        parse_rate("8", "--train")


@pytest.mark.parametrize("text", ["-0.1", "-5%", "101%", "abc", "", "nan", "inf", "8%%"])
def test_parse_rate_rejects(text: str) -> None:
    with pytest.raises(UserError):
        parse_rate(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.006, "0.60%"), (0.094, "9.40%"), (0.1, "10.00%"), (0.0215, "2.15%"), (0, "0.00%"),
     (-0.000059, "-0.01%"), (None, "–")],
)
def test_format_percent(value: float | None, text: str) -> None:
    assert format_percent(value) == text
