"""Agreement statistics: checked against statsmodels, scikit-learn, Gwet's irrCAC and by hand."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa

from erroranalysis.core.agreement import (
    COHEN,
    FLEISS,
    NOT_ASSESSED,
    TIE,
    Ratings,
    chance_corrected,
    compute_agreement,
    disagreement_mask,
    disagreements,
    majority,
)
from erroranalysis.core.kappa_interval import kappa_interval, pair_counts


def ratings(values: np.ndarray, categories: list[str] | None = None) -> Ratings:
    values = np.asarray(values, dtype=np.int8)
    reviewers, items, n_categories = values.shape
    return Ratings(
        reviewers=[f"r{i}" for i in range(reviewers)],
        categories=categories or [f"c{i}" for i in range(n_categories)],
        item_keys=np.array([f"item{i}" for i in range(items)], dtype=object),
        values=values,
    )


def noisy(rng: np.random.Generator, reviewers: int, items: int, prevalence: list[float]):
    """Reviewers who see the truth 80% of the time and guess (30% ticks) otherwise."""
    truth = rng.random((items, len(prevalence))) < np.array(prevalence)
    guess = rng.random((reviewers, items, len(prevalence))) < 0.3
    return np.where(rng.random(guess.shape) < 0.8, truth, guess).astype(np.int8)


def table_2x2(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.array(
        [
            [np.sum((a == 1) & (b == 1)), np.sum((a == 1) & (b == 0))],
            [np.sum((a == 0) & (b == 1)), np.sum((a == 0) & (b == 0))],
        ]
    )


# ------------------------------------------------------------- two reviewers


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cohen_matches_statsmodels_and_sklearn(seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = noisy(rng, 2, 250, [0.03, 0.1, 0.3, 0.5, 0.8])
    # Some cells not assessed: those items leave the category's count.
    values[rng.random(values.shape) < 0.05] = NOT_ASSESSED
    report = compute_agreement(ratings(values))
    assert report.method == COHEN
    for c, row in enumerate(report.categories):
        common = (values[:, :, c] >= 0).all(axis=0)
        a, b = values[0, common, c], values[1, common, c]
        reference = cohens_kappa(table_2x2(a, b), return_results=True)
        assert row.items == int(common.sum())
        assert row.agreement == pytest.approx(np.mean(a == b), abs=1e-12)
        assert row.kappa == pytest.approx(reference.kappa, abs=1e-12)
        assert row.kappa == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)
        assert row.kappa_se == pytest.approx(reference.std_kappa, abs=1e-12)
        # The interval is the likelihood ratio's (below), not statsmodels' kappa ± 1.96 se.
        both = int(np.sum((a == 1) & (b == 1)))
        one = int(np.sum(a != b))
        _k, low, high = kappa_interval(both, one, len(a) - both - one)
        assert row.kappa_low == pytest.approx(min(low[0], row.kappa), abs=1e-12)
        assert row.kappa_high == pytest.approx(max(high[0], row.kappa), abs=1e-12)
        assert row.kappa_low <= row.kappa <= row.kappa_high


def test_wongpakaran_2013_schizoid_table() -> None:
    """Two raters, Schizoid PD (Wongpakaran et al. 2013, BMC Med Res Methodol 13:61):
    no-no 13, no-yes 2, yes-no 1, yes-yes 3. The paper reports kappa .565 and
    AC1 .752 (the lowest AC1 of its abstract's range .752-1.000). By hand:
    agreement 16/19; kappa: chance (4*5 + 15*14)/19^2 = 230/361, so
    (16/19 - 230/361) / (1 - 230/361) = 74/131; AC1: pi = 9/38, chance
    2 pi (1 - pi) = 261/722, so (16/19 - 261/722) / (1 - 261/722) = 347/461."""
    first = [0] * 13 + [0, 0] + [1] + [1] * 3
    second = [0] * 13 + [1, 1] + [0] + [1] * 3
    row = compute_agreement(ratings(np.array([first, second])[:, :, None])).categories[0]
    assert row.items == 19
    assert row.agreement == pytest.approx(16 / 19)
    assert row.kappa == pytest.approx(74 / 131)
    assert round(row.kappa, 3) == 0.565
    assert row.ac1 == pytest.approx(347 / 461)
    assert math.floor(row.ac1 * 1000) / 1000 == 0.752  # the paper truncates to .752


def test_rare_category_kappa_misleads_ac1_does_not() -> None:
    """98 of 100 items agree, but the category is rare: kappa is near 0, AC1 near 0.98."""
    first = np.zeros(100, dtype=np.int8)
    second = np.zeros(100, dtype=np.int8)
    first[0], second[1] = 1, 1
    row = compute_agreement(ratings(np.stack([first, second])[:, :, None])).categories[0]
    assert row.agreement == pytest.approx(0.98)
    # kappa: chance = 0.01^2 + 0.99^2 = 0.9802, (0.98 - 0.9802) / 0.0198
    assert row.kappa == pytest.approx((0.98 - 0.9802) / 0.0198)
    # AC1: pi = 0.01, chance = 2 * 0.01 * 0.99 = 0.0198
    assert row.ac1 == pytest.approx((0.98 - 0.0198) / (1 - 0.0198))
    assert row.needs_sharpening  # judged on kappa (defined here)


def test_never_ticked_category_has_no_kappa_but_ac1_one() -> None:
    values = np.zeros((2, 10, 1), dtype=np.int8)
    row = compute_agreement(ratings(values)).categories[0]
    assert row.items == 10 and row.agreement == 1.0
    assert row.kappa is None and row.kappa_low is None and row.kappa_high is None
    assert row.ac1 == 1.0
    assert not row.needs_sharpening  # AC1 judges when kappa is undefined
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn warns that kappa is undefined
        assert math.isnan(cohen_kappa_score(values[0, :, 0], values[1, :, 0]))


def test_no_common_items_gives_nulls_and_no_flag() -> None:
    values = np.zeros((2, 4, 2), dtype=np.int8)
    values[1, :, 1] = NOT_ASSESSED  # the second reviewer's session lacks category c1
    report = compute_agreement(ratings(values))
    row = report.categories[1]
    assert row.items == 0
    assert (row.agreement, row.kappa, row.kappa_low, row.kappa_high, row.ac1) == (None,) * 5
    assert not row.needs_sharpening
    assert report.to_json_dict()["categories"][1] == {
        "name": "c1",
        "items": 0,
        "agreement": None,
        "kappa": None,
        "kappa_low": None,
        "kappa_high": None,
        "ac1": None,
    }


# ------------------------------------------------------ three or more reviewers

# Three reviewers, eight items, one category ("blurry"): ticks per item.
THREE = np.array(
    [
        [1, 1, 1, 0, 0, 0, 1, 0],
        [1, 1, 0, 0, 0, 0, 1, 1],
        [1, 0, 0, 0, 0, 0, 1, 0],
    ],
    dtype=np.int8,
)[:, :, None]


def test_three_reviewers_by_hand() -> None:
    """Ticks per item: 3, 2, 1, 0, 0, 0, 3, 1, so 3 items with 0 ticks, 2 with 1,
    1 with 2, 2 with 3.

    agreement = (3 + 2) / 8 = 5/8. Agreeing pairs: 1 on unanimous items, 1/3 on
    split ones: pa = (5 + 3/3) / 8 = 3/4. Share of ticks pi = 10/24 = 5/12.
    Fleiss: chance (5/12)^2 + (7/12)^2 = 37/72; kappa = (54/72 - 37/72)/(35/72) = 17/35.
    AC1: chance 2 (5/12)(7/12) = 35/72; AC1 = (54/72 - 35/72)/(37/72) = 19/37.

    Gwet's variance of Fleiss' kappa: pe_i = (21 - 2 j)/36 for j ticks, kappa_i =
    1 (unanimous) or -13/35 (split); kappa*_i - kappa = 450, -1086, -942, 882
    (in 1225ths) for j = 0..3; var = (3*450^2 + 2*1086^2 + 942^2 + 2*882^2)
    / 1225^2 / (8 * 7) = 5409504 / (1225^2 * 56).
    """
    report = compute_agreement(ratings(THREE, ["blurry"]))
    assert report.method == FLEISS
    row = report.categories[0]
    assert row.items == 8
    assert row.agreement == pytest.approx(5 / 8)
    assert row.kappa == pytest.approx(17 / 35)
    assert row.ac1 == pytest.approx(19 / 37)
    se = math.sqrt(5409504 / (1225**2 * 56))
    assert row.kappa_se == pytest.approx(se)
    # The interval pools the 3 pairs of each item, one pair's weight per item:
    # both ticked (0 + 0 + 1 + 2 * 3) / 3 = 7/3, one of the two (2 * 2 + 1 * 2) / 3 = 2,
    # neither (3 * 3 + 2 * 1) / 3 = 11/3; the model's kappa on them is Fleiss' 17/35.
    histogram = np.array([[3, 2, 1, 2]])
    assert [float(x[0]) for x in pair_counts(histogram)] == pytest.approx([7 / 3, 2, 11 / 3])
    kappa, low, high = kappa_interval(7 / 3, 2, 11 / 3)
    assert kappa[0] == pytest.approx(17 / 35)
    assert (row.kappa_low, row.kappa_high) == pytest.approx((low[0], high[0]))
    assert (low[0], high[0]) == pytest.approx(_brute_force_interval(7 / 3, 2, 11 / 3), abs=2e-3)
    assert row.needs_sharpening  # 0.486 < 0.6
    table, _ = aggregate_raters(THREE[:, :, 0].T, n_cat=2)
    assert row.kappa == pytest.approx(fleiss_kappa(table))


def test_item_not_assessed_by_one_reviewer_leaves_the_count() -> None:
    values = THREE.copy()
    values[2, 7, 0] = NOT_ASSESSED  # the third reviewer skipped the last item
    row = compute_agreement(ratings(values)).categories[0]
    assert row.items == 7
    # Ticks now 3, 2, 1, 0, 0, 0, 3: agreement 5/7; pa = (5 + 2/3)/7 = 17/21;
    # pi = 9/21 = 3/7, chance 9/49 + 16/49 = 25/49; kappa = (17/21 - 25/49)/(24/49) = 11/18.
    assert row.agreement == pytest.approx(5 / 7)
    assert row.kappa == pytest.approx(11 / 18)
    table, _ = aggregate_raters(values[:, :7, 0].T, n_cat=2)
    assert row.kappa == pytest.approx(fleiss_kappa(table))


@pytest.mark.parametrize(("seed", "reviewers"), [(0, 3), (1, 4), (2, 6)])
def test_fleiss_matches_statsmodels(seed: int, reviewers: int) -> None:
    rng = np.random.default_rng(seed)
    values = noisy(rng, reviewers, 300, [0.02, 0.2, 0.5, 0.9])
    values[rng.random(values.shape) < 0.03] = NOT_ASSESSED
    for c, row in enumerate(compute_agreement(ratings(values)).categories):
        common = (values[:, :, c] >= 0).all(axis=0)
        table, _ = aggregate_raters(values[:, common, c].T, n_cat=2)
        assert row.items == int(common.sum())
        assert row.kappa == pytest.approx(fleiss_kappa(table), abs=1e-12)
        answers = values[:, common, c]
        assert row.agreement == pytest.approx(np.mean((answers == answers[0]).all(axis=0)))


def test_irrcac_raw_gender_reference() -> None:
    """Gwet's irrCAC dataset ``cac.raw.gender`` (4 raters, 15 subjects, categories
    a/b/c); irrCAC reports Fleiss' kappa 0.129 (pa 0.456, pe 0.375, se 0.141) and
    AC1 0.208 (pe 0.312, se 0.091). Checks the general-q formulas the per-category
    statistics use."""
    raters = [
        "a a a a a b b b c a a a a a b",
        "a a a a b a b c c a a a a b a",
        "a b b c a a b b c a b b c a a",
        "c c c c a a b b c c c c c a a",
    ]
    answers = np.array([r.split() for r in raters]).T
    counts = np.stack([(answers == k).sum(axis=1) for k in "abc"], axis=1)
    weights = np.ones((1, len(counts)))
    fleiss = chance_corrected(counts, weights, "fleiss")
    gwet = chance_corrected(counts, weights, "gwet")
    assert round(float(fleiss.observed[0]), 3) == 0.456
    assert round(float(fleiss.chance[0]), 3) == 0.375
    assert round(float(fleiss.coefficient[0]), 3) == 0.129
    assert round(float(fleiss.se[0]), 3) == 0.141
    assert round(float(gwet.chance[0]), 3) == 0.312
    assert round(float(gwet.coefficient[0]), 3) == 0.208
    assert round(float(gwet.se[0]), 3) == 0.091
    assert float(fleiss.coefficient[0]) == pytest.approx(fleiss_kappa(counts))


def _population(prevalence: float, sensitivity: float, specificity: float) -> float:
    """Fleiss' kappa of the population when each reviewer ticks a true member with
    probability ``sensitivity`` and a non-member with ``1 - specificity``."""
    observed = prevalence * (sensitivity**2 + (1 - sensitivity) ** 2) + (1 - prevalence) * (
        specificity**2 + (1 - specificity) ** 2
    )
    pi = prevalence * sensitivity + (1 - prevalence) * (1 - specificity)
    chance = pi**2 + (1 - pi) ** 2
    return (observed - chance) / (1 - chance)


def _coverage(reviewers: int, items: int, prevalence: float, sensitivity: float,
              specificity: float, seed: int = 7) -> float:
    """How often the 95% interval covers the population kappa in 2,000 simulated
    reviews (categories are replicates)."""
    rng = np.random.default_rng(seed)
    replicates = 2000
    truth = rng.random((items, replicates)) < prevalence
    tick = np.where(truth, sensitivity, 1 - specificity)
    values = (rng.random((reviewers, items, replicates)) < tick).astype(np.int8)
    # Cohen's kappa's population value is Fleiss' when reviewers are exchangeable.
    target = _population(prevalence, sensitivity, specificity)
    rows = [r for r in compute_agreement(ratings(values)).categories if r.kappa_low is not None]
    return float(np.mean([r.kappa_low <= target <= r.kappa_high for r in rows]))


@pytest.mark.parametrize("reviewers", [2, 3, 5])
def test_kappa_interval_covers_the_population_kappa(reviewers: int) -> None:
    """200 items, prevalence 30%: two reviewers' interval covers the population kappa
    about 95% of the time (the likelihood ratio's model holds for two); with more,
    pooling their pairs at one pair's weight per item makes it cover at least 95%."""
    covered = _coverage(reviewers, 200, 0.3, 0.85, 0.9)
    assert 0.935 <= covered <= (0.965 if reviewers == 2 else 1.0)


@pytest.mark.parametrize("reviewers", [2, 3, 5])
def test_kappa_interval_covers_a_rare_category_too(reviewers: int) -> None:
    """50 items, prevalence 5%: about 2.5 items of the category, a few ticks. The
    former kappa ± 1.96 se covered 77% (two reviewers), 78% (three), 83% (five)."""
    assert _coverage(reviewers, 50, 0.05, 0.9, 0.98) >= 0.93


def _brute_force_interval(both: float, one: float, neither: float) -> tuple[float, float]:
    """The likelihood-ratio interval by a dense grid over (pi, kappa): a reference
    that shares no code with kappa_interval.py."""
    kappas = np.linspace(-1, 1, 4001)[:, None]
    pis = np.linspace(0, 1, 4001)[None, :]
    spread = pis * (1 - pis)
    cells = (pis**2 + kappas * spread, 2 * spread * (1 - kappas), (1 - pis) ** 2 + kappas * spread)
    with np.errstate(divide="ignore", invalid="ignore"):
        loglik = sum(
            np.where(count > 0, count * np.log(np.where(p > 0, p, np.nan)), 0.0)
            for count, p in zip((both, one, neither), cells, strict=True)
        )
    # A model is one whose three cells are probabilities, observed or not.
    valid = (cells[0] >= 0) & (cells[1] >= 0) & (cells[2] >= 0) & ~np.isnan(loglik)
    profile = np.max(np.where(valid, loglik, -np.inf), axis=1)
    inside = kappas[:, 0][2 * (profile.max() - profile) <= 3.841458820694124]
    return float(inside.min()), float(inside.max())


@pytest.mark.parametrize(
    "counts",
    [
        (3, 3, 13),  # Wongpakaran's Schizoid table: yes-yes 3, one yes 2 + 1, no-no 13
        (0, 2, 98),  # a rare category: two items, each ticked by one reviewer
        (4, 0, 46),  # full agreement on 4 ticked items
        (30, 10, 60),
        (1, 9, 0),
    ],
)
def test_kappa_interval_is_the_likelihood_ratio_set(counts: tuple[int, int, int]) -> None:
    kappa, low, high = kappa_interval(*counts)
    assert (low[0], high[0]) == pytest.approx(_brute_force_interval(*counts), abs=2e-3)
    assert low[0] <= kappa[0] <= high[0]


def test_full_agreement_is_no_point_interval() -> None:
    """Both reviewers tick the same 4 of 50 items: kappa 1, and the interval is not the
    point [1, 1] the large-sample variance (0) gave: 4 items cannot show more than
    that kappa is above about 0.7."""
    values = np.zeros((2, 50, 1), dtype=np.int8)
    values[:, :4, 0] = 1
    row = compute_agreement(ratings(values)).categories[0]
    assert row.kappa == 1 and row.kappa_se == 0 and row.kappa_high == 1
    assert 0.6 < row.kappa_low < 0.85
    assert row.kappa_low == pytest.approx(_brute_force_interval(4, 0, 46)[0], abs=2e-3)


# ---------------------------------------------------- disagreements, majority


def test_disagreements_and_majority() -> None:
    values = np.array(
        [
            # item:  0   1   2   3   4
            [[1, 0], [1, 1], [0, 0], [-1, 1], [1, -1]],  # r0
            [[1, 0], [0, 1], [0, 1], [1, 1], [0, -1]],  # r1
            [[1, 0], [0, 1], [-1, 0], [0, -1], [-1, -1]],  # r2
        ],
        dtype=np.int8,
    )
    rated = ratings(values, ["dog", "blurry"])
    mask = disagreement_mask(rated)
    assert mask.tolist() == [
        [False, False],
        [True, False],
        [False, True],
        [True, False],
        [True, False],
    ]
    queue = disagreements(rated)
    assert len(queue) == 4
    assert [d.key for d in queue] == ["item1", "item2", "item3", "item4"]
    assert queue[1].categories == (1,)
    assert queue[1].values.tolist() == [[0], [1], [0]]
    assert queue[2].values.tolist() == [[-1], [1], [0]]
    assert [d.item for d in queue[1:3]] == [2, 3]

    decided = majority(rated)
    assert decided.tolist() == [
        [1, 0],
        [0, 1],
        [0, 0],  # 0/1/0 on blurry: 0
        [TIE, 1],  # dog: r0 did not assess, r1 ticked, r2 did not: a tie
        [TIE, NOT_ASSESSED],
    ]
    assert majority(rated, tie=1)[3, 0] == 1
    with pytest.raises(ValueError):
        majority(rated, tie=5)


def test_ratings_validates_shape_and_values() -> None:
    with pytest.raises(ValueError, match="int8"):
        Ratings(["a", "b"], ["c"], np.array(["x"], dtype=object), np.zeros((2, 1, 1)))
    with pytest.raises(ValueError, match="shape"):
        Ratings(["a"], ["c"], np.array(["x"], dtype=object), np.zeros((2, 1, 1), np.int8))
    with pytest.raises(ValueError, match="unique"):
        Ratings(["a", "a"], ["c"], np.array(["x"], dtype=object), np.zeros((2, 1, 1), np.int8))
    with pytest.raises(ValueError, match="ticked"):
        Ratings(["a", "b"], ["c"], np.array(["x"], dtype=object), np.full((2, 1, 1), 3, np.int8))
    with pytest.raises(ValueError, match="two reviewers"):
        compute_agreement(ratings(np.zeros((1, 3, 1), np.int8)))


def test_skipped_items_and_categories_added_mid_review_are_not_assessed(tmp_path):
    """Skipped items and items reviewed before a category existed are not assessed."""
    import pandas as pd

    from erroranalysis.core.agreement import ratings_from_sessions
    from erroranalysis.core.categories import Category
    from erroranalysis.core.session import REVIEWED, SKIPPED, ReviewSession

    items = pd.DataFrame({"key": [f"k{i}" for i in range(4)],
                          "image": [f"{i}.png" for i in range(4)], "label": "a",
                          "prediction": "b", "score": 0.5, "split": "dev"})
    sessions = []
    for name in ("ana", "ben"):
        s = ReviewSession.create(tmp_path / f"{name}.easession", items, [Category("dog")],
                                 dev_size=40, dev_errors=4)
        s.set_reviewer(name)
        ids = s.item_ids()
        s.set_review_state(ids[:2], REVIEWED)
        s.set_review_state([ids[2]], SKIPPED)
        rain = s.add_category("rain").id
        s.set_ticks([ids[3]], rain, True)
        sessions.append(s)
    ratings, _match = ratings_from_sessions(sessions)
    rain = ratings.categories.index("rain")
    dog = ratings.categories.index("dog")
    assert ratings.values[0, :, dog].tolist() == [0, 0, -1, 0]
    assert ratings.values[0, :, rain].tolist() == [-1, -1, -1, 1]
    for s in sessions:
        s.close()
