"""Weighted errors (METHOD.md §6): weights in predictions files, the weighted tally and
the coverage of its interval, measured by simulation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from erroranalysis.core.errors import UserError
from erroranalysis.core.predictions import ColumnNames, load_predictions
from erroranalysis.core.weighted import (
    _review_strata,
    _share_bounds,
    exact_count_interval,
    parse_weight_rule,
    weighted_error,
    weighted_shares,
)

stats = pytest.importorskip("scipy.stats")


def _write(tmp_path: Path, text: str, name: str = "p.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- weights in predictions files ------------------------------------------------------


def test_no_weights_means_one_everywhere(tmp_path: Path) -> None:
    p = load_predictions(_write(tmp_path, "image,label,prediction\na,cat,dog\nb,cat,cat\n"))
    assert not p.weighted
    assert p.frame["weight"].tolist() == [1.0, 1.0]


@pytest.mark.parametrize("header", ["weight", "w", "sample_weight", "Weight"])
def test_weight_column_found_by_name(tmp_path: Path, header: str) -> None:
    p = load_predictions(
        _write(tmp_path, f"image,label,prediction,{header}\na,cat,dog,10\nb,cat,cat,0.5\n")
    )
    assert p.weighted
    assert p.frame["weight"].tolist() == [10.0, 0.5]
    assert p.metadata_columns == []  # the weight column is not metadata


def test_weight_col_flag(tmp_path: Path) -> None:
    path = _write(tmp_path, "image,label,prediction,cost\na,cat,dog,3\nb,cat,cat,1\n")
    p = load_predictions(path, ColumnNames(weight="cost"))
    assert p.frame["weight"].tolist() == [3.0, 1.0]
    with pytest.raises(UserError, match="no column 'price' \\(given by --weight-col\\)"):
        load_predictions(path, ColumnNames(weight="price"))


@pytest.mark.parametrize("bad", ["0", "-1", "abc", "", "inf", "nan"])
def test_bad_weight_names_the_line(tmp_path: Path, bad: str) -> None:
    path = _write(tmp_path, f"image,label,prediction,weight\na,x,y,1\nb,x,x,{bad}\n")
    with pytest.raises(UserError, match=r"p\.csv, line 3: weight '.*' in column 'weight'"):
        load_predictions(path)


def test_rules_later_override_earlier_and_the_column(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "image,y_true,prediction,weight,source\n"
        "a,porn,cat,2,web\nb,cat,porn,2,phone\nc,cat,cat,3,web\nd,dog,cat,4,web\n",
    )
    rules = [parse_weight_rule("label=porn:10"), parse_weight_rule("source=web:5")]
    p = load_predictions(path, weight_rules=rules)
    # a: porn (10) then web (5) -> 5; b: phone, not porn -> column 2; c, d: web -> 5
    assert p.frame["weight"].tolist() == [5.0, 2.0, 5.0, 5.0]
    # The file's own name of the label column works too; rules without a column start at 1.
    path2 = _write(tmp_path, "image,y_true,prediction\na,porn,cat\nb,cat,cat\n", "q.csv")
    p2 = load_predictions(path2, weight_rules=[parse_weight_rule("y_true=porn:10")])
    assert p2.weighted and p2.frame["weight"].tolist() == [10.0, 1.0]


def test_rule_on_split_reads_synonyms(tmp_path: Path) -> None:
    path = _write(tmp_path, "image,label,prediction,split\na,x,y,val\nb,x,y,train\n")
    p = load_predictions(path, weight_rules=[parse_weight_rule("split=validation:3")])
    assert p.frame["weight"].tolist() == [3.0, 1.0]


def test_rule_errors(tmp_path: Path) -> None:
    path = _write(tmp_path, "image,label,prediction\na,porn,cat\n")
    with pytest.raises(UserError, match="no column 'colour'; a rule can name: label"):
        load_predictions(path, weight_rules=[parse_weight_rule("colour=red:2")])
    with pytest.raises(UserError, match=r"no row of .* has label = 'pron'.*'porn'"):
        load_predictions(path, weight_rules=[parse_weight_rule("label=pron:10")])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("label porn 10", "write COLUMN=VALUE:WEIGHT"),
        ("label=porn", "write COLUMN=VALUE:WEIGHT"),
        ("=porn:10", "write COLUMN=VALUE:WEIGHT"),
        ("label=porn:ten", "'ten' is not a number"),
        ("label=porn:0", "above 0"),
        ("label=porn:-2", "above 0"),
        ("label=porn:inf", "above 0"),
    ],
)
def test_parse_rule_errors(text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_weight_rule(text)


def test_parse_rule_value_may_hold_colons() -> None:
    rule = parse_weight_rule(" source = http://x:8080 : 2.5 ")
    assert (rule.column, rule.value, rule.weight) == ("source", "http://x:8080", 2.5)


# --- the weighted error and shares ------------------------------------------------------


def test_weighted_error_course_example() -> None:
    # 100 dev examples, 10 of them pornographic (weight 10). Model A lets 2 of
    # those through and makes 3 other errors: 5% unweighted, (2*10 + 3) / (90 + 100).
    errors = np.zeros(100, dtype=bool)
    errors[[0, 1, 50, 60, 70]] = True
    weights = np.ones(100)
    weights[:10] = 10
    assert weighted_error(errors, np.ones(100)) == pytest.approx(0.05)
    assert weighted_error(errors, weights) == pytest.approx(23 / 190)


def _reference_count_interval(k: int, n: int, big_n: int, alpha: float = 0.05):
    ks = np.arange(big_n + 1)
    up = stats.hypergeom.sf(k - 1, big_n, ks, n)
    down = stats.hypergeom.cdf(k, big_n, ks, n)
    low = 0 if k == 0 else int(ks[up > alpha / 2].min())
    high = big_n if k == n else int(ks[down > alpha / 2].max())
    return low, high


def test_exact_count_interval_matches_scipy() -> None:
    rng = np.random.default_rng(5)
    cases = [(5, 100, 1000), (0, 50, 100), (50, 50, 100), (10, 50, 100), (3, 3, 3), (0, 0, 9)]
    for _ in range(150):
        big_n = int(rng.integers(1, 2500))
        n = int(rng.integers(0, big_n + 1))
        cases.append((int(rng.integers(0, n + 1)), n, big_n))
    k, n, big_n = (np.array(c) for c in zip(*cases, strict=True))
    low, high = exact_count_interval(k, n, big_n)
    for i, case in enumerate(cases):
        assert (low[i], high[i]) == _reference_count_interval(*case), case
    # Another level (the union bound uses 0.05 / m).
    low, high = exact_count_interval(7, 60, 400, 0.025)
    assert (low[0], high[0]) == _reference_count_interval(7, 60, 400, 0.025)


def test_equal_weights_give_the_unweighted_exact_interval() -> None:
    rng = np.random.default_rng(0)
    ticks = rng.random((100, 4)) < [0.05, 0.2, 0.5, 0.0]
    for weight in (1.0, 3.0):  # any common weight is the unweighted tally
        result = weighted_shares(
            ticks, np.full(100, weight), np.full(1000, weight), 10_000.0 * weight
        )
        counts = ticks.sum(axis=0)
        np.testing.assert_allclose(result.share, counts / 100)
        for c, k in enumerate(counts):
            low, high = _reference_count_interval(int(k), 100, 1000)
            assert result.share_low[c] == pytest.approx(low / 1000)
            assert result.share_high[c] == pytest.approx(high / 1000)
    assert result.dev_error == pytest.approx(0.1)
    np.testing.assert_allclose(result.max_gain, 0.1 * counts / 100)
    np.testing.assert_allclose(result.ceiling_error_low, 0.1 * (1 - result.share_high))


def test_worked_weighted_share() -> None:
    # Four reviewed errors of weights 10, 1, 1, 1; "porn" ticked on the first,
    # "blurry" on the first and last: shares 10/13 and 11/13. Every error was
    # reviewed, so the intervals are the points; dev weight 130 -> E = 13/130.
    ticks = np.array([[1, 1], [0, 0], [0, 0], [0, 1]], dtype=bool)
    weights = np.array([10.0, 1, 1, 1])
    result = weighted_shares(ticks, weights, weights, 130.0)
    np.testing.assert_allclose(result.share, [10 / 13, 11 / 13])
    np.testing.assert_allclose(result.share_low, result.share)
    np.testing.assert_allclose(result.share_high, result.share)
    np.testing.assert_allclose(result.max_gain, [0.1 * 10 / 13, 0.1 * 11 / 13])
    assert result.to_json_dict(["porn", "blurry"])["categories"][1]["weight"] == 11.0


def test_unreviewed_heavy_errors_widen_the_interval() -> None:
    # 90 errors of weight 1 all reviewed, none ticked; 10 of weight 10 not
    # reviewed: they could all be in the category (100 of the 190 weight).
    ticks = np.zeros((90, 1), dtype=bool)
    error_weights = np.concatenate([np.ones(90), np.full(10, 10.0)])
    result = weighted_shares(ticks, np.ones(90), error_weights, None)
    assert result.share[0] == 0.0
    assert result.share_low[0] == 0.0
    assert result.share_high[0] == pytest.approx(100 / 190)
    assert np.isnan(result.max_gain[0])


def test_categories_assessed_on_part_of_the_review() -> None:
    rng = np.random.default_rng(1)
    ticks = rng.random((60, 2)) < 0.3
    assessed = np.ones_like(ticks)
    assessed[:30, 1] = False  # added after 30 errors were reviewed
    weights = np.where(rng.random(60) < 0.2, 5.0, 1.0)
    error_weights = np.concatenate([weights, np.where(rng.random(240) < 0.2, 5.0, 1.0)])
    result = weighted_shares(ticks, weights, error_weights, None, assessed)
    expected = (weights[30:] * ticks[30:, 1]).sum() / weights[30:].sum()
    assert result.share[1] == pytest.approx(expected)
    assert result.count[1] == ticks[30:, 1].sum()
    assert result.share_low[1] <= expected <= result.share_high[1]


def test_mismatched_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="not among the dev errors' weights"):
        weighted_shares(np.ones((2, 1), bool), np.array([1.0, 7.0]), np.ones(5), None)


def test_large_review_is_vectorised() -> None:
    rng = np.random.default_rng(2)
    ticks = rng.random((100_000, 20)) < rng.random(20)
    weights = np.exp(rng.normal(size=100_000))
    error_weights = np.concatenate([weights, np.exp(rng.normal(size=400_000))])
    result = weighted_shares(ticks, weights, error_weights, 1e7)
    assert result.strata == "bins"
    assert np.all(result.share_low <= result.share) and np.all(result.share <= result.share_high)
    assert np.all(result.share_high - result.share_low < 0.05)


# --- coverage, by simulation ------------------------------------------------------------


def _population(big_n: int, scheme: str, rng: np.random.Generator):
    """Weights of the errors and six categories (fixed memberships) with unequal weights."""
    if scheme == "rule":  # --weight 'label=porn:10' on 10% of the errors
        weights = np.where(rng.random(big_n) < 0.1, 10.0, 1.0)
    elif scheme == "levels":  # a weight column with three costs
        weights = rng.choice([1.0, 3.0, 10.0], big_n, p=[0.6, 0.3, 0.1])
    else:  # a continuous, skewed weight column
        weights = np.exp(rng.normal(0.0, 1.0, big_n))
    columns = []
    for share in (0.02, 0.1, 0.3, 0.5):
        members = np.zeros(big_n, dtype=bool)
        members[rng.choice(big_n, max(1, round(share * big_n)), replace=False)] = True
        columns.append(members)
    # A category made of the heavy errors (the pornographic images) and one of light ones.
    for tilt in (weights, 1 / weights):
        members = np.zeros(big_n, dtype=bool)
        chosen = rng.choice(big_n, round(0.1 * big_n), replace=False, p=tilt / tilt.sum())
        members[chosen] = True
        columns.append(members)
    return weights, np.column_stack(columns)


def test_interval_covers_95_percent_with_unequal_weights() -> None:
    """Coverage of the true weighted share over a grid of populations and review sizes.

    The method guarantees at least 95% (exact intervals per stratum, union
    bound): a cell whose true coverage is 95% falls below 93% in 1,500
    simulated reviews with probability P(Z < -0.02/0.0056) = 2e-4, so over
    the 108 cells a false alarm has about a 2% chance; the seed is fixed, so
    the run is reproducible. The test checks the bounds before they are
    widened to contain the point estimate (a stricter check).
    """
    rng = np.random.default_rng(20260115)
    reps = 1500
    coverages = []
    for big_n, sizes in ((200, (30, 100)), (2000, (30, 100))):
        for scheme in ("rule", "levels", "continuous"):
            weights, members = _population(big_n, scheme, rng)
            total = weights.sum()
            truth = (weights @ members) / total
            for n in sizes:
                reviews = []
                for _ in range(reps):
                    index = rng.choice(big_n, n, replace=False)
                    rows = members[index]
                    reviews.append(
                        _review_strata(rows, weights[index], weights, np.ones_like(rows))
                    )
                low, high = _share_bounds(reviews)
                covered = (low / total <= truth + 1e-12) & (truth - 1e-12 <= high / total)
                coverages.extend(covered.mean(axis=0).tolist())
    assert len(coverages) == 2 * 2 * 3 * 6
    assert min(coverages) >= 0.93, sorted(coverages)[:5]


def test_all_equal_weights_coverage_is_the_exact_one() -> None:
    """With weights 1 the interval is the exact hypergeometric one: its coverage, computed
    exactly (weighting each k by its probability), is at least 95% for every K."""
    big_n, n = 100, 30
    k = np.arange(n + 1)
    for big_k in (0, 2, 10, 30, 50):
        pmf = stats.hypergeom.pmf(k, big_n, big_k, n)
        low, high = exact_count_interval(k, np.full(n + 1, n), np.full(n + 1, big_n))
        assert pmf[(low <= big_k) & (big_k <= high)].sum() >= 0.95


def test_stratum_sums_equal_the_one_hot_matrix_product() -> None:
    """The per-stratum counts and weights the bounds start from: one bincount, the same
    numbers as the one-hot product it replaced (which needed a BLAS to be fast), with
    empty strata and categories nobody ticked."""
    from erroranalysis.core.weighted import _StratumSums

    rng = np.random.default_rng(7)
    errors, strata, categories = 5_000, 6, 9
    stratum = rng.choice([0, 2, 3, 5], size=errors)  # strata 1 and 4 are empty
    assessed = rng.random((errors, categories)) < 0.8
    ticked = (rng.random((errors, categories)) < 0.3) & assessed
    ticked[:, 4] = False
    weights = rng.choice([1.0, 3.0, 10.0], size=errors)
    one_hot = np.zeros((errors, strata))
    one_hot[np.arange(errors), stratum] = 1.0

    sums = _StratumSums(stratum, strata, categories)
    assert sums.count(assessed).dtype == np.int64
    assert np.array_equal(sums.count(assessed), one_hot.T @ assessed.astype(float))
    assert np.array_equal(sums.count(ticked), one_hot.T @ ticked.astype(float))
    assert not sums.count(ticked)[[1, 4]].any() and not sums.count(ticked)[:, 4].any()
    np.testing.assert_allclose(sums.total(ticked * weights[:, None]),
                               (one_hot * weights[:, None]).T @ ticked.astype(float), rtol=1e-12)
