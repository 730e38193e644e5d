"""The tally against the worked numbers of METHOD.md."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from scipy import stats  # a test reference only (the test extra)

from erroranalysis.core.categories import LABEL_ERROR, Category
from erroranalysis.core.ranking import probability_larger
from erroranalysis.core.tally import (
    Z_95,
    compute_tally,
    tally_from_ticks,
    tally_population,
    wilson_interval,
)

COURSE = [Category("dog"), Category("great cat"), Category("blurry"), Category("Instagram filter")]


def test_wilson_course_example() -> None:
    low, high = wilson_interval(5, 100)
    assert low == pytest.approx(0.0215, abs=5e-5)
    assert high == pytest.approx(0.1118, abs=5e-5)


def test_wilson_matches_formula_by_hand() -> None:
    k, n, N = 12, 40, 90
    p, m = k / n, n * (N - 1) / (N - n)
    z2 = Z_95**2
    center = (p + z2 / (2 * m)) / (1 + z2 / m)
    half = Z_95 * math.sqrt(p * (1 - p) / m + z2 / (4 * m * m)) / (1 + z2 / m)
    assert wilson_interval(k, n, N) == pytest.approx((center - half, center + half), abs=1e-15)
    # The correction narrows the interval compared with plain Wilson.
    plain = wilson_interval(k, n)
    assert plain[1] - plain[0] > (center + half) - (center - half)


def test_full_review_is_a_point_and_empty_is_everything() -> None:
    assert wilson_interval(7, 50, 50) == (0.14, 0.14)
    assert wilson_interval(0, 0, 50) == (0.0, 1.0)


def test_course_ceiling_dogs() -> None:
    """E = 10%, 100 errors reviewed, 5 dogs: ceiling 9.5%; 50 dogs: 5%."""
    tally = compute_tally([Category("dog")], [5], reviewed=100, dev_errors=100, dev_size=1000)
    row = tally.table.iloc[0]
    assert tally.dev_error == pytest.approx(0.10)
    assert row.share == pytest.approx(0.05)
    assert row.ceiling_error == pytest.approx(0.095)
    assert row.max_gain == pytest.approx(0.005)
    assert row.share_low == row.share_high == pytest.approx(0.05)  # all errors reviewed
    tally = compute_tally([Category("dog")], [50], reviewed=100, dev_errors=100, dev_size=1000)
    assert tally.table.iloc[0].ceiling_error == pytest.approx(0.05)


def test_course_spreadsheet_totals_and_order() -> None:
    tally = compute_tally(COURSE, [8, 43, 61, 12], reviewed=100, dev_errors=1000, dev_size=10000)
    shares = dict(zip(tally.table["name"], tally.table["share"], strict=True))
    assert shares == pytest.approx(
        {"dog": 0.08, "great cat": 0.43, "blurry": 0.61, "Instagram filter": 0.12}
    )
    assert sum(shares.values()) > 1  # ticks overlap
    assert list(tally.by_gain()["name"]) == ["blurry", "great cat", "Instagram filter", "dog"]
    blurry = tally.table.set_index("name").loc["blurry"]
    assert blurry.max_gain == pytest.approx(0.061)
    # The exact interval of 61 of 100 reviewed out of N = 1000, computed independently.
    low, high = exact_reference(61, 100, 1000)
    assert (blurry.share_low, blurry.share_high) == (low, high)
    assert blurry.max_gain_low == pytest.approx(0.1 * low)
    assert blurry.ceiling_error_low == pytest.approx(0.1 * (1 - high))
    assert blurry.ceiling_error_high == pytest.approx(0.1 * (1 - low))


def exact_reference(k: int, n: int, N: int) -> tuple[float, float]:
    """METHOD §2 by brute force over every K with scipy's hypergeometric tails."""
    counts = np.arange(N + 1)
    low = 0 if k == 0 else counts[stats.hypergeom.sf(k - 1, N, counts, n) > 0.025].min()
    high = N if k == n else counts[stats.hypergeom.cdf(k, N, counts, n) > 0.025].max()
    return low / N, high / N


def test_interval_without_population() -> None:
    """N unknown: Clopper-Pearson, METHOD's n = 100, k = 5 -> [0.01643, 0.11284]."""
    tally = compute_tally([Category("dog")], [5], reviewed=100, dev_errors=0, dev_size=None)
    row = tally.table.iloc[0]
    assert tally.population is None
    assert (row.share_low, row.share_high) == pytest.approx((0.01643, 0.11284), abs=1e-5)
    assert math.isnan(row.max_gain) and tally.dev_error is None
    assert tally.to_json_dict()["categories"][0]["max_gain"] is None


def test_label_error_split_course_numbers() -> None:
    cats = [Category("blurry"), Category("incorrect label", kind=LABEL_ERROR)]
    tally = compute_tally(cats, [30, 6], reviewed=100, dev_errors=100, dev_size=1000)
    assert tally.label_split is not None
    assert tally.label_split.due_to_labels == pytest.approx(0.006)
    assert tally.label_split.other_causes == pytest.approx(0.094)
    # After the model improves: E = 2% with 0.6% from labels -> 30% of errors.
    tally = compute_tally(cats, [10, 30], reviewed=100, dev_errors=20, dev_size=1000)
    assert tally.label_split.due_to_labels == pytest.approx(0.006)
    assert tally.label_split.share == pytest.approx(0.30)


def test_ticks_matrix_counts_only_reviewed_and_unions_label_kinds() -> None:
    cats = [
        Category("a"),
        Category("wrong label", kind=LABEL_ERROR),
        Category("x", kind=LABEL_ERROR),
    ]
    ticks = np.array([[1, 1, 1], [1, 0, 1], [0, 1, 0], [1, 1, 1]], dtype=bool)
    reviewed = np.array([True, True, True, False])
    tally = tally_from_ticks(cats, ticks, reviewed, dev_errors=10, dev_size=100)
    assert list(tally.table["count"]) == [2, 2, 2]
    assert tally.reviewed == 3
    assert tally.label_split.share == pytest.approx(1.0)  # every reviewed row has some label tick


def test_json_shape_is_exact() -> None:
    data = compute_tally(
        COURSE, [8, 43, 61, 12], reviewed=100, dev_errors=1000, dev_size=10000
    ).to_json_dict()
    assert list(data) == [
        "dev_size",
        "dev_errors",
        "dev_error",
        "reviewed",
        "skipped",
        "categories",
        "ranking",
    ]
    assert data["skipped"] == 0 and data["ranking"] is None  # no tick matrix: no ranking
    assert list(data["categories"][0]) == [
        "name",
        "kind",
        "count",
        "assessed",
        "share",
        "share_low",
        "share_high",
        "max_gain",
        "ceiling_error",
    ]
    assert data["categories"][0]["max_gain"] == 0.008  # no binary noise


def test_vectorised_tally_of_100k_items_20_categories() -> None:
    rng = np.random.default_rng(0)
    ticks = rng.random((100_000, 20)) < 0.1
    cats = [Category(f"c{i}") for i in range(20)]
    tally = tally_from_ticks(cats, ticks, None, dev_errors=100_000, dev_size=1_000_000)
    assert list(tally.table["count"]) == list(ticks.sum(axis=0))
    assert tally.table["share_low"].eq(tally.table["share"]).all()  # full review


def test_wilson_fpc_method_reproduces_the_first_version() -> None:
    tally = compute_tally(
        COURSE, [8, 43, 61, 12], reviewed=100, dev_errors=1000, dev_size=10000, method="wilson-fpc"
    )
    blurry = tally.table.set_index("name").loc["blurry"]
    assert (blurry.share_low, blurry.share_high) == wilson_interval(61, 100, 1000)
    assert tally.method == "wilson-fpc"


def test_per_category_n_and_skipped() -> None:
    # 'filter' was added after 60 of the 100 judged errors; 5 more were skipped.
    cats = [Category("blurry"), Category("filter")]
    tally = compute_tally(
        cats, [61, 10], reviewed=100, dev_errors=500, dev_size=5000, assessed=[100, 40], skipped=5
    )
    rows = tally.table.set_index("name")
    assert rows.loc["filter", "share"] == 0.25 and rows.loc["filter", "assessed"] == 40
    assert rows.loc["blurry", "share"] == 0.61
    assert tally.population == 495  # skipped errors are in no denominator
    assert (rows.loc["filter", "share_low"], rows.loc["filter", "share_high"]) == (
        exact_reference(10, 40, 495)
    )
    assert rows.loc["filter", "max_gain"] == pytest.approx(0.1 * 0.25)
    data = tally.to_json_dict()
    assert data["skipped"] == 5 and data["reviewed"] == 100
    assert [c["assessed"] for c in data["categories"]] == [100, 40]
    with pytest.raises(ValueError):
        compute_tally(
            cats, [61, 50], reviewed=100, dev_errors=500, dev_size=None, assessed=[100, 40]
        )


def test_population_rules() -> None:
    assert tally_population(500, 100) == 500
    assert tally_population(500, 100, skipped=5) == 495
    assert tally_population(80, 100) == 100  # more reviewed than errors: a full review
    assert tally_population(500, 495, skipped=5) == 495  # every judgeable error reviewed
    assert tally_population(0, 100) is None
    assert tally_population(500, 100, errors_known=False) is None
    full = compute_tally(
        [Category("a")], [7], reviewed=95, dev_errors=100, dev_size=None, skipped=5
    )
    assert full.table.iloc[0].share_low == full.table.iloc[0].share_high == 7 / 95


def test_tally_from_ticks_has_the_ranking_and_per_category_n() -> None:
    cats = [Category("blurry"), Category("great cat"), Category("wrong", kind=LABEL_ERROR)]
    ticks = np.zeros((120, 3), dtype=bool)
    ticks[:61, 0] = True
    ticks[31:74, 1] = True
    ticks[[0, 50, 90], 2] = True
    reviewed = np.arange(120) < 100
    assessed = np.ones_like(ticks)
    assessed[:50, 2] = False  # the label category was added at item 51
    tally = tally_from_ticks(
        cats, ticks, reviewed, dev_errors=1000, dev_size=10_000, assessed=assessed
    )
    assert list(tally.table["assessed"]) == [100, 100, 50]
    assert list(tally.table["count"]) == [61, 43, 2]  # the tick on item 0 was not assessed
    assert tally.label_split.count == 2 and tally.label_split.share == 2 / 50
    ranking = tally.ranking
    assert ranking.leader == "blurry"
    assert ranking.probabilities["great cat"] == pytest.approx(
        probability_larger(31, 13, 100, 1000)
    )
    # Against the label category only the 50 errors assessed for both count: blurry alone
    # on items 51..60, the label alone on item 90. Fewer assessed: less sure, the runner-up.
    assert ranking.runner_up == "wrong"
    assert ranking.p_leader_larger == pytest.approx(probability_larger(10, 1, 50, 1000))
    assert tally.to_json_dict()["ranking"] == ranking.to_json_dict()


def test_the_table_is_built_from_the_columns_only_when_read() -> None:
    cats = [Category(n, id=i + 1) for i, n in enumerate(["dog", "great cat", "blurry"])]
    tally = compute_tally(cats, [8, 43, 61], 100, 100, 1000)
    # The live panels read columns without building the frame...
    assert "_table_frame" not in tally.__dict__ or tally.__dict__["_table_frame"] is None
    assert tally.column("count").tolist() == [8, 43, 61]
    assert tally.column_lists()["name"] == ["dog", "great cat", "blurry"]
    assert tally.__dict__.get("_table_frame") is None
    # ...and the frame, once read, says the same and stays the same object.
    table = tally.table
    assert table is tally.table
    assert table["count"].tolist() == [8, 43, 61]
    assert table["share"].tolist() == pytest.approx([0.08, 0.43, 0.61])
    assert list(table.columns) == [
        "name", "kind", "count", "assessed", "share", "share_low", "share_high", "max_gain",
        "max_gain_low", "max_gain_high", "ceiling_error", "ceiling_error_low",
        "ceiling_error_high",
    ]


def test_a_replaced_table_wins_over_the_columns() -> None:
    cats = [Category("dog", id=1), Category("blurry", id=2)]
    tally = compute_tally(cats, [3, 5], 10, 10, 100)
    swapped = tally.table.iloc[::-1].reset_index(drop=True)
    other = replace(tally, table=swapped)
    assert other.column("name").tolist() == ["blurry", "dog"]
    assert other.column_lists()["count"] == [5, 3]
    # The original is untouched, and a replace of another field keeps its numbers.
    assert tally.column("name").tolist() == ["dog", "blurry"]
    kept = replace(tally, ranking=None)
    assert kept.column_lists()["count"] == [3, 5]
    assert kept.table["count"].tolist() == [3, 5]
