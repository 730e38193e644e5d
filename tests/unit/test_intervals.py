"""The share intervals of METHOD.md §2 against scipy, and their exact coverage."""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from scipy import stats  # a test reference only (the test extra)

from erroranalysis.core.intervals import (
    INTERVAL_METHODS,
    Z_95,
    binomial_tail_ge,
    binomial_tail_le,
    clopper_pearson_intervals,
    hypergeometric_bounds,
    hypergeometric_tail_ge,
    hypergeometric_tail_le,
    share_interval,
    share_intervals,
    wilson_interval,
)


def reference_bounds(k: int, n: int, N: int) -> tuple[int, int]:
    """METHOD §2 by brute force over every K with scipy's tails."""
    counts = np.arange(N + 1)
    low = 0 if k == 0 else int(counts[stats.hypergeom.sf(k - 1, N, counts, n) > 0.025].min())
    high = N if k == n else int(counts[stats.hypergeom.cdf(k, N, counts, n) > 0.025].max())
    return low, high


def test_hypergeometric_tails_match_scipy() -> None:
    rng = np.random.default_rng(7)
    for N in (1, 2, 3, 7, 50, 100, 500, 5000, 100_000, 1_000_000):
        n = rng.integers(0, N + 1, 300)
        K = rng.integers(0, N + 1, 300)
        k = (rng.random(300) * (n + 1)).astype(np.int64)
        ge = hypergeometric_tail_ge(k, n, K, N)
        le = hypergeometric_tail_le(k, n, K, N)
        ref_ge = stats.hypergeom.sf(k - 1, N, K, n)
        ref_le = stats.hypergeom.cdf(k, N, K, n)
        # Relative agreement wherever a tail is not vanishingly small, absolute elsewhere.
        np.testing.assert_allclose(ge, ref_ge, rtol=1e-9, atol=1e-300)
        np.testing.assert_allclose(le, ref_le, rtol=1e-9, atol=1e-300)


def test_binomial_tails_match_scipy() -> None:
    rng = np.random.default_rng(8)
    for n in (1, 2, 10, 100, 5000, 200_000):
        k = rng.integers(0, n + 1, 200)
        p = rng.random(200)
        np.testing.assert_allclose(
            binomial_tail_ge(k, n, p), stats.binom.sf(k - 1, n, p), rtol=1e-9, atol=1e-300
        )
        np.testing.assert_allclose(
            binomial_tail_le(k, n, p), stats.binom.cdf(k, n, p), rtol=1e-9, atol=1e-300
        )
    assert binomial_tail_ge(3, 5, 0.0)[0] == 0.0 and binomial_tail_ge(3, 5, 1.0)[0] == 1.0


def integer_bounds(k: int, n: int, N: int) -> tuple[int, int]:
    """METHOD §2 in exact integer arithmetic: a tail > 1/40 iff 40 * (its ways) > C(N, n)."""
    total = math.comb(N, n)

    def ways(K: int, xs: range) -> int:
        return sum(math.comb(K, x) * math.comb(N - K, n - x) for x in xs)

    low = min(K for K in range(N + 1) if 40 * ways(K, range(k, n + 1)) > total) if k else 0
    high = max(K for K in range(N + 1) if 40 * ways(K, range(0, k + 1)) > total) if k < n else N
    return low, high


def test_exact_bounds_equal_exact_arithmetic_on_every_small_case() -> None:
    # Exact fractions, not floats: small cases have tails of exactly 1/40 (N = 16, n = 13,
    # K = 14), which the strict ">" of METHOD §2 leaves out and float noise would not.
    for N in range(1, 25):
        for n in range(0, N + 1):
            k = np.arange(n + 1)
            low, high = hypergeometric_bounds(k, n, N)
            expected = np.array([integer_bounds(int(x), n, N) for x in k])
            assert (low == expected[:, 0]).all(), (N, n)
            assert (high == expected[:, 1]).all(), (N, n)


@pytest.mark.parametrize(
    ("k", "n", "N"),
    [
        (0, 20, 50),
        (20, 20, 50),
        (1, 1, 1),
        (0, 1, 1),
        (5, 100, 120),
        (0, 100, 120),
        (7, 50, 50),
        (3, 5, 100_000),
        (15_000, 50_000, 100_000),
        (1, 50_000, 100_000),
        (49_999, 50_000, 100_000),
        (25_000, 50_000, 100_000),
        (2, 99_999, 100_000),
        (33, 1000, 1_000_000),
        (600_000, 999_000, 1_000_000),
    ],
)
def test_exact_interval_matches_scipy_edges_and_large(k: int, n: int, N: int) -> None:
    low, high = share_interval(k, n, N)
    if N <= 5000:
        ref_low, ref_high = reference_bounds(k, n, N)
    else:
        # Too many K for brute force: check the defining inequalities around each end.
        ref_low = int(hypergeometric_bounds(k, n, N)[0][0])
        ref_high = int(hypergeometric_bounds(k, n, N)[1][0])
        if k > 0:
            assert stats.hypergeom.sf(k - 1, N, ref_low, n) > 0.025
            assert stats.hypergeom.sf(k - 1, N, ref_low - 1, n) <= 0.025
        else:
            assert ref_low == 0
        if k < n:
            assert stats.hypergeom.cdf(k, N, ref_high, n) > 0.025
            assert stats.hypergeom.cdf(k, N, ref_high + 1, n) <= 0.025
        else:
            assert ref_high == N
    assert low == pytest.approx(ref_low / N, abs=1e-12)
    assert high == pytest.approx(ref_high / N, abs=1e-12)
    # The bounds are whole counts out of N, the estimate k/n is not: they can differ by
    # less than one error (k = 2 of n = 99,999: K/N = 2/100,000 < 2/99,999).
    assert low - 1 / N <= k / n <= high + 1 / N


def test_full_review_is_the_point_and_empty_is_everything() -> None:
    assert share_interval(7, 50, 50) == (0.14, 0.14)
    assert share_interval(0, 0, 50) == (0.0, 1.0)
    assert share_interval(0, 0, None) == (0.0, 1.0)
    # N = 120, n = 100, k = 0: at most 20 unseen errors can be in the category, and the
    # bound is a whole number of them (Wilson-FPC said 0.6%, less than one error).
    low, high = share_interval(0, 100, 120)
    assert low == 0 and high * 120 == round(high * 120) and high * 120 >= 1
    assert wilson_interval(0, 100, 120)[1] * 120 < 1


def test_clopper_pearson_matches_scipy_beta() -> None:
    cases = [
        (k, n)
        for n in (1, 2, 3, 10, 100, 1000, 50_000)
        for k in sorted({0, 1, 2, n // 3, n // 2, n - 1, n})
        if 0 <= k <= n
    ]
    k = np.array([c[0] for c in cases])
    n = np.array([c[1] for c in cases])
    low, high = clopper_pearson_intervals(k, n)
    with np.errstate(invalid="ignore"):
        ref_low = np.where(k > 0, stats.beta.ppf(0.025, k, n - k + 1), 0.0)
        ref_high = np.where(k < n, stats.beta.ppf(0.975, k + 1, n - k), 1.0)
    np.testing.assert_allclose(low, ref_low, rtol=0, atol=1e-9)
    np.testing.assert_allclose(high, ref_high, rtol=0, atol=1e-9)


def test_method_example_clopper_pearson() -> None:
    """METHOD §2: n = 100, k = 5, N unknown -> [0.01643, 0.11284]."""
    low, high = share_interval(5, 100, None)
    # The upper end is 0.1128349 (scipy's beta.ppf too): METHOD's 0.11284 rounded it up.
    assert (low, high) == pytest.approx((0.01643, 0.11284), abs=1e-5)
    assert (low, high) == pytest.approx((0.0164318792, 0.1128349111), abs=1e-10)
    # Wilson (the first version) gave [0.0215, 0.1118].
    assert share_interval(5, 100, None, "wilson-fpc") == pytest.approx((0.0215, 0.1118), abs=5e-5)


def test_wilson_fpc_kept_for_old_reports() -> None:
    k, n, N = 12, 40, 90
    p, m = k / n, n * (N - 1) / (N - n)
    z2 = Z_95**2
    center = (p + z2 / (2 * m)) / (1 + z2 / m)
    half = Z_95 * math.sqrt(p * (1 - p) / m + z2 / (4 * m * m)) / (1 + z2 / m)
    assert share_interval(k, n, N, "wilson-fpc") == pytest.approx(
        (center - half, center + half), abs=1e-15
    )
    assert share_interval(7, 50, 50, "wilson-fpc") == (0.14, 0.14)


def test_one_n_per_category() -> None:
    k = np.array([3, 3, 0])
    n = np.array([10, 30, 0])
    low, high = share_intervals(k, n, 100)
    for i in range(2):
        assert (low[i], high[i]) == share_interval(int(k[i]), int(n[i]), 100)
    assert (low[2], high[2]) == (0.0, 1.0)
    assert high[1] - low[1] < high[0] - low[0]  # more assessed, narrower
    for method in INTERVAL_METHODS:
        assert share_intervals(k, n, None, method)[0].shape == (3,)


def test_bad_arguments_are_programming_errors() -> None:
    with pytest.raises(ValueError):
        share_intervals([5], 4, 10)
    with pytest.raises(ValueError):
        share_intervals([1], 20, 10)
    with pytest.raises(ValueError):
        share_intervals([1], 2, 10, method="wald")


GRID_N = (50, 100, 500, 5000)
GRID_SHARE = (0.02, 0.1, 0.3, 0.5)


def coverage_grid(method: str) -> dict[tuple[int, float, int], float]:
    """Exact coverage of each cell: every possible k weighted by its hypergeometric probability."""
    cells = {}
    for N in GRID_N:
        for share in GRID_SHARE:
            K = round(share * N)
            for n in sorted({20, 50, 100, N // 2}):
                if n > N:
                    continue
                k = np.arange(n + 1)
                low, high = share_intervals(k, n, N, method)
                covered = (low <= K / N) & (high >= K / N)
                cells[(N, share, n)] = float(stats.hypergeom.pmf(k, N, K, n)[covered].sum())
    return cells


def test_exact_interval_covers_at_least_95_percent_in_every_cell() -> None:
    cells = coverage_grid("exact")
    assert len(cells) == 56
    low_cell = min(cells, key=cells.get)
    assert all(value >= 0.95 for value in cells.values()), (low_cell, cells[low_cell])


def test_wilson_fpc_falls_below_95_percent() -> None:
    """The reason for the change: 90.8% at N = 100, n = 50, 10% (METHOD §2)."""
    cells = coverage_grid("wilson-fpc")
    assert cells[(100, 0.1, 50)] == pytest.approx(0.908, abs=5e-4)
    assert sum(value < 0.95 for value in cells.values()) >= 20


def test_core_runs_without_scipy() -> None:
    """scipy and scikit-learn are test references only: the core must not import them."""
    script = textwrap.dedent(
        """
        import builtins
        real_import = builtins.__import__
        def guarded(name, *args, **kwargs):
            if name.split(".")[0] in ("scipy", "sklearn", "statsmodels"):
                raise ImportError("test-only dependency imported at runtime")
            return real_import(name, *args, **kwargs)
        builtins.__import__ = guarded
        import numpy as np
        from erroranalysis.core.intervals import share_intervals
        from erroranalysis.core.ranking import rank_categories
        from erroranalysis.core.label_noise import corrected_dev_error
        print(share_intervals([5], 100, None)[0][0] > 0.0164)
        ticks = np.array([[1, 0], [1, 0], [0, 1]], dtype=bool)
        print(rank_categories(ticks, ["a", "b"], 10).leader)
        print(corrected_dev_error(1000, 100, 50, 3, 900, 100, 1).value > 0)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "a", "True"]
