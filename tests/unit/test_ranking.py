"""Is the ranking settled? (METHOD.md §2) against independent computations and by simulation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats  # a test reference only (the test extra)

from erroranalysis.core.ranking import (
    SETTLED_AT,
    Ranking,
    more_to_review,
    probability_larger,
    rank_categories,
)


def dirichlet_multinomial_reference(b: int, c: int, o: int, remainder: int) -> float:
    """P(b + B > c + C), (B, C, O) ~ DM(remainder; b+1, c+1, o+1), in plain Python."""
    alpha = (b + 1, c + 1, o + 1)
    total = sum(alpha)
    norm = math.lgamma(remainder + 1) + math.lgamma(total) - math.lgamma(remainder + total)
    win = 0.0
    for x in range(remainder + 1):
        for y in range(remainder + 1 - x):
            z = remainder - x - y
            log_p = norm
            for count, a in zip((x, y, z), alpha, strict=True):
                log_p += math.lgamma(count + a) - math.lgamma(a) - math.lgamma(count + 1)
            if b + x > c + y:
                win += math.exp(log_p)
    return win


@pytest.mark.parametrize(
    ("b", "c", "m", "N"),
    [
        (3, 0, 13, 33),
        (5, 2, 47, 97),
        (1, 0, 1, 2),
        (10, 4, 100, 200),
        (20, 12, 100, 130),
        (2, 1, 8, 48),
        (7, 7, 30, 60),
        (0, 3, 10, 40),
    ],
)
def test_finite_population_probability_is_the_exact_posterior(b, c, m, N) -> None:
    expected = dirichlet_multinomial_reference(b, c, m - b - c, N - m)
    assert probability_larger(b, c, m, N) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(("b", "c", "m", "N"), [(10, 4, 100, 550), (30, 20, 200, 650)])
def test_simulated_probability_agrees_with_the_exact_one(b, c, m, N) -> None:
    expected = dirichlet_multinomial_reference(b, c, m - b - c, N - m)
    value = probability_larger(b, c, m, N)
    assert value == pytest.approx(expected, abs=0.01)  # 4 standard errors of 10,000 draws
    assert probability_larger(b, c, m, N) == value  # seeded: the same data, the same answer


def test_unknown_population_is_the_beta_posterior() -> None:
    for b, c in [(0, 0), (3, 0), (10, 4), (40, 25), (4, 10)]:
        expected = stats.beta.sf(0.5, b + 1, c + 1)
        assert probability_larger(b, c, 100, None) == pytest.approx(expected, abs=1e-12)


def test_everything_reviewed_is_certain() -> None:
    assert probability_larger(5, 3, 50, 50) == 1.0
    assert probability_larger(3, 3, 50, 50) == 0.0  # equal counts: not larger


def test_finite_is_at_least_infinite_where_the_shortcut_is_taken() -> None:
    for b in range(1, 40, 3):
        for c in range(b):
            infinite = probability_larger(b, c, b + c + 10, None)
            if infinite < 0.999:
                continue
            for remainder in (1, 10, 60, 150):
                m = b + c + 10
                assert probability_larger(b, c, m, m + remainder) >= infinite - 1e-12


def test_more_to_review_reaches_the_threshold_at_the_current_shares() -> None:
    b, c, m = 10, 5, 100  # 10% vs 5% discordant: 89% sure
    assert probability_larger(b, c, m, None) < SETTLED_AT
    more = more_to_review(b, c, m, None)
    assert more is not None and more > 0
    size = m + more
    scaled = probability_larger(round(b * size / m), round(c * size / m), size, None)
    assert scaled >= SETTLED_AT
    half = m + more // 2
    assert probability_larger(round(b * half / m), round(c * half / m), half, None) < SETTLED_AT
    # A finite population needs fewer, never more than what is left.
    finite = more_to_review(b, c, m, 300)
    assert finite is not None and 0 < finite < more and finite <= 200
    # ... and about enough: at that size the finite-population probability is ~95%.
    size = m + finite
    scaled = probability_larger(round(b * size / m), round(c * size / m), size, 300)
    assert scaled >= 0.93
    assert more_to_review(b, c, m, 110) <= 10
    # Equal or reversed shares never settle.
    assert more_to_review(5, 5, 100, 1000) is None
    assert more_to_review(4, 5, 100, None) is None


def test_rank_categories_course_shares() -> None:
    # 100 reviewed errors: blurry 61, great cat 43 with 30 on both -> b = 31, c = 13.
    ticks = np.zeros((100, 3), dtype=bool)
    ticks[:61, 0] = True  # blurry
    ticks[31:74, 1] = True  # great cat: 30 overlap blurry (31..60), 13 alone
    ticks[:8, 2] = True  # dog
    ranking = rank_categories(ticks, ["blurry", "great cat", "dog"], 1000)
    assert ranking is not None
    assert ranking.leader == "blurry" and ranking.runner_up == "great cat"
    assert ranking.p_leader_larger == pytest.approx(
        probability_larger(31, 13, 100, 1000), abs=1e-12
    )
    assert ranking.settled is (ranking.p_leader_larger >= 0.95)
    assert ranking.probabilities["dog"] > ranking.p_leader_larger
    data = ranking.to_json_dict()
    assert list(data) == ["settled", "leader", "runner_up", "p_leader_larger", "more_to_review"]


def test_rank_categories_edges() -> None:
    assert rank_categories(np.zeros((5, 1), dtype=bool), ["a"], 10) is None
    assert rank_categories(np.zeros((0, 2), dtype=bool), ["a", "b"], 10) is None
    equal = np.array([[1, 1], [0, 0], [1, 1]], dtype=bool)
    ranking = rank_categories(equal, ["a", "b"], 50)
    assert ranking.leader == "a" and not ranking.settled and ranking.more_to_review is None
    assert ranking.level and ranking.verdict() == "Ranking: a and b are level so far: not settled."
    # Everything reviewed: the counts are known.
    full = np.array([[1, 0], [1, 0], [0, 1]], dtype=bool)
    ranking = rank_categories(full, ["a", "b"], 3)
    assert ranking.settled and ranking.p_leader_larger == 1.0 and ranking.more_to_review == 0


def test_per_category_n_uses_the_errors_assessed_for_both() -> None:
    # 'new' was added after 60 of 100 errors: assessed on the last 40 only, ticked on 30 of
    # them (75%); 'old' is ticked on 40 of 100 (40%) and on 10 of the last 40.
    ticks = np.zeros((100, 2), dtype=bool)
    ticks[:30, 0] = True
    ticks[60:70, 0] = True
    ticks[70:100, 1] = True
    assessed = np.ones_like(ticks)
    assessed[:60, 1] = False
    ranking = rank_categories(ticks, ["old", "new"], 500, assessed)
    assert ranking.leader == "new"
    # Only the 40 errors assessed for both count: new-only 30, old-only 10.
    assert ranking.p_leader_larger == pytest.approx(probability_larger(30, 10, 40, 500))
    # Without the assessed matrix 'new' would read as 30%, behind 'old'.
    assert rank_categories(ticks, ["old", "new"], 500).leader == "old"


def test_verdict_lines() -> None:
    settled = Ranking(True, "blurry", "great cat", 0.9712, 0)
    assert settled.verdict() == "Ranking: blurry leads great cat with 97% probability: settled."
    open_ = Ranking(False, "blurry", "great cat", 0.9496, 60)
    assert open_.verdict() == (
        "Ranking: blurry leads great cat with 94% probability: not settled: "
        "review about 60 more errors."
    )
    assert "over 99%" in Ranking(True, "a", "b", 0.9999, 0).verdict()
    assert "would not settle" in Ranking(False, "a", "b", 0.5, None).verdict()


def simulated_reviews(
    N: int, n: int, reps: int, seed: int, big: float = 0.30, small: float = 0.20
) -> tuple[float, float]:
    """Review n of N errors (without replacement) many times: wrong-and-settled and settled rates.

    The truly smaller category comes first, so a tie in the sample names it leader.
    """
    rng = np.random.default_rng(seed)
    wrong = settled = 0
    for _ in range(reps):
        population = np.zeros((N, 2), dtype=bool)
        population[rng.choice(N, round(small * N), replace=False), 0] = True
        population[rng.choice(N, round(big * N), replace=False), 1] = True
        ranking = rank_categories(population[rng.choice(N, n, replace=False)], ["s", "b"], N)
        if ranking.settled:
            settled += 1
            wrong += ranking.leader == "s"
    return wrong / reps, settled / reps


@pytest.mark.parametrize(
    ("N", "n"),
    [(200, 30), (200, 60), (200, 120), (1000, 100), (1000, 300)],
)
def test_settled_names_the_wrong_leader_at_most_5_percent_of_the_time(N: int, n: int) -> None:
    """Two categories 10 points apart (30% vs 20%): 'settled' is wrong in <= 5% of reviews."""
    wrong, settled = simulated_reviews(N, n, reps=200, seed=N + n)
    assert wrong <= 0.05
    if n >= 120:
        assert settled >= 0.5  # and it does settle once enough is reviewed


def test_stopping_at_the_first_settled_verdict_is_still_right() -> None:
    """A reviewer who stops at the first 'settled' (checked every 20 errors) is rarely wrong."""
    rng = np.random.default_rng(11)
    N, reps, wrong = 200, 100, 0
    for _ in range(reps):
        population = np.zeros((N, 2), dtype=bool)
        population[rng.choice(N, 40, replace=False), 0] = True  # 20%, listed first
        population[rng.choice(N, 60, replace=False), 1] = True  # 30%
        order = rng.permutation(N)
        for n in range(20, N + 1, 20):
            ranking = rank_categories(population[order[:n]], ["s", "b"], N)
            if ranking.settled:
                wrong += ranking.leader == "s"
                break
    assert wrong / reps <= 0.05
