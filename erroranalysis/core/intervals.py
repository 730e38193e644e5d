"""95% intervals of a share of reviewed dev errors (METHOD.md §2), in numpy alone.

``n`` of the ``N`` dev errors were reviewed and ``k`` of them are ticked with
a category; ``k/n`` estimates the share ``K/N`` among all ``N`` errors.

- :func:`hypergeometric_bounds` / the ``"exact"`` method with ``N`` known:
  the exact hypergeometric interval, the finite-population analogue of
  Clopper-Pearson. ``K_low = min{K : P_K(X >= k) > 0.025}`` and
  ``K_high = max{K : P_K(X <= k) > 0.025}``; the interval is
  ``[K_low / N, K_high / N]``. It covers the true ``K/N`` at least 95% of
  the time for every ``K`` (by construction: each tail errs at most 2.5%).
- :func:`clopper_pearson_intervals` / ``"exact"`` with ``N`` unknown: the
  binomial analogue, ``B(0.025; k, n-k+1)`` and ``B(0.975; k+1, n-k)``.
- :func:`wilson_intervals` / ``"wilson-fpc"``: the first version's Wilson
  score interval with the finite-population correction, kept to reproduce
  earlier reports (its coverage falls to 90.8% at N=100, n=50, K=10).

Tail probabilities are computed in log space from Loader's saddle-point
form of the binomial density (the one R's ``dbinom``/``dhyper`` use): no
large ``log(n!)`` terms cancel, so densities keep ~1e-13 relative accuracy
at N = 1,000,000. A tail is the sum of the terms on the side of the mode
where they decrease, truncated ten standard deviations out (the rest is
below 1e-20 of it: the distributions are log-concave). Each bound is a
bisection over ``K`` (both tails are monotone in ``K``), vectorised over all
the categories at once, so a bound at N = 100,000, n = 50,000 costs tens of
microseconds per bisection step.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "INTERVAL_METHODS",
    "Z_95",
    "binomial_tail_ge",
    "binomial_tail_le",
    "clopper_pearson_intervals",
    "hypergeometric_bounds",
    "hypergeometric_tail_ge",
    "hypergeometric_tail_le",
    "share_interval",
    "share_intervals",
    "wilson_interval",
    "wilson_intervals",
]

#: The interval methods a tally can use: ``"exact"`` (hypergeometric with a
#: known number of dev errors, Clopper-Pearson without) and ``"wilson-fpc"``.
INTERVAL_METHODS = ("exact", "wilson-fpc")

Z_95 = 1.959963984540054
#: Each tail of a 95% interval.
TAIL = 0.025
# A tail "exceeds 2.5%" only beyond rounding: small cases have tails of exactly 0.025
# (N = 16, n = 2, K = 3: 6/240), which METHOD's strict ">" leaves out of the interval.
_EXCEEDS = TAIL * (1 + 1e-10)

_LOG_2PI = math.log(2 * math.pi)
_LOG_SQRT_2PI = 0.5 * _LOG_2PI
# stirlerr(n) = log(n!) - (n + 1/2) log(n) + n - log(sqrt(2 pi)) for n = 0..15, exactly
# enough from math.lgamma (values below 30 have ulp ~4e-15); 0 at n = 0 is a placeholder,
# never used (x = 0 and x = n are handled apart).
_STIRLERR_SMALL = np.array(
    [0.0] + [math.lgamma(n + 1) - (n + 0.5) * math.log(n) + n - _LOG_SQRT_2PI for n in range(1, 16)]
)


def _between(values: np.ndarray, low: np.ndarray | float, high: np.ndarray | float) -> np.ndarray:
    # np.clip costs ~10 us per call on small arrays (numpy 2); this is what a bisection
    # step calls many times.
    return np.minimum(np.maximum(values, low), high)


def _stirlerr(n: np.ndarray) -> np.ndarray:
    """The error of Stirling's formula for ``log(n!)`` (whole numbers n >= 1)."""
    big = np.maximum(n, 16.0)
    nn = big * big
    # The asymptotic series to n^-9: below 1e-17 absolute for n > 15.
    series = (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / (1188 * nn)) / nn) / nn) / nn) / big
    return np.where(n <= 15, _STIRLERR_SMALL[np.minimum(n, 15.0).astype(np.int64)], series)


def _bd0(x: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Loader's deviance term ``x log(x / mean) + mean - x`` (x > 0, mean > 0).

    Written as ``x log1p(d / mean) - d`` with ``d = x - mean``: its absolute
    error is a few ulp of ``|d|``, which is what a log density needs.
    """
    d = x - mean
    return x * np.log1p(d / mean) - d


def _log_dbinom(x: np.ndarray, n: np.ndarray, p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """log P(Binomial(n, p) = x) for whole numbers 0 <= x <= n (float arrays), q = 1 - p exactly.

    Loader's form ``stirlerr(n) - stirlerr(x) - stirlerr(n-x) - bd0(x, np) - bd0(n-x, nq)``
    (R's ``dbinom_raw``): nothing large cancels.
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        inner = (x > 0) & (x < n) & (p > 0) & (q > 0)
        xs = np.where(inner, x, 1.0)
        ns = np.where(inner, n, 2.0)
        size = len(xs)
        # One call for the three Stirling errors: small arrays cost per call, not per value.
        errors = _stirlerr(np.concatenate([ns, xs, ns - xs]))
        deviance = _bd0(np.concatenate([xs, ns - xs]), np.concatenate([ns * p, ns * q]))
        lc = (
            errors[:size]
            - errors[size : 2 * size]
            - errors[2 * size :]
            - deviance[:size]
            - deviance[size:]
        )
        middle = lc - 0.5 * (_LOG_2PI + np.log(xs) + np.log1p(-xs / ns))
        # At x = 0 or x = n the density is q^n or p^n (n log q is 0 when n = 0, where
        # 0 * log 0 would be NaN); x strictly inside with p or q = 0 is impossible.
        edge = np.where(x == 0, np.where(n > 0, n * np.log(q), 0.0), n * np.log(p))
        edge = np.where((x > 0) & (x < n), -np.inf, edge)
        return np.where(inner, middle, edge)


def _log_dhyper(x: np.ndarray, n: np.ndarray, K: np.ndarray, N: np.ndarray) -> np.ndarray:
    """log P(X = x), X hypergeometric: ``n`` drawn from ``N`` of which ``K`` are marked.

    R's ``dhyper``: ``dbinom(x; K, p) dbinom(n - x; N - K, p) / dbinom(n; N, p)``
    with ``p = n / N`` (the binomial factors cancel exactly). ``x`` must lie in
    the support ``max(0, n - (N - K)) <= x <= min(n, K)``.
    """
    p = n / N
    q = (N - n) / N
    size = len(x)
    parts = _log_dbinom(
        np.concatenate([x, n - x, n]),
        np.concatenate([K, N - K, N]),
        np.concatenate([p, p, p]),
        np.concatenate([q, q, q]),
    )
    return parts[:size] + parts[size : 2 * size] - parts[2 * size :]


def _window(sd: np.ndarray, span: np.ndarray) -> int:
    """How many terms a decreasing tail needs: ten standard deviations and a margin."""
    if sd.size == 0:
        return 1
    return int(max(1, min(float(span.max()) + 1, math.ceil(10 * float(sd.max())) + 40)))


def _terms_sum(first: np.ndarray, ratio: np.ndarray) -> np.ndarray:
    """``first * (1 + r1 + r1 r2 + ...)``: a tail from its first term and the term ratios."""
    return first * (1.0 + np.cumprod(ratio, axis=1).sum(axis=1))


def _hyper_ge(k: np.ndarray, n: np.ndarray, K: np.ndarray, N: np.ndarray) -> np.ndarray:
    """P(X >= k) for 1-D float arrays of whole numbers (0 <= n, K <= N).

    Only the side of the mode where the terms decrease is summed: from ``k``
    up when k is above the mode, else ``1 - P(X <= k - 1)``, and that lower
    tail is the upper tail ``P(X' >= n - k + 1)`` of ``X' = n - X`` (``N - K``
    marked), so one formula serves every row. Each term is the previous one
    times ``(K - x)(n - x) / ((x + 1)(N - K - n + x + 1))``, which reaches 0
    exactly at the end of the support.
    """
    bottom = np.maximum(0.0, n - (N - K))
    top = np.minimum(n, K)
    trivial = (k <= bottom) | (k > top)
    up = k > np.floor((n + 1) * (K + 1) / (N + 2))
    marked = np.where(up, K, N - K)
    start = np.where(up, k, n - k + 1)
    start = np.where(trivial, np.minimum(n, marked), start)  # any point of the support
    rest = N - marked - n
    with np.errstate(divide="ignore", invalid="ignore"):
        share = K / N
        sd = np.sqrt(n * share * (1 - share) * np.where(N > 1, (N - n) / np.maximum(N - 1, 1), 0))
        width = _window(sd, np.where(trivial, 0.0, np.minimum(n, marked) - start))
        first = np.exp(_log_dhyper(start, n, marked, N))
        steps = np.arange(width - 1, dtype=float)
        x = start[:, None] + steps
        ratio = (
            ((marked - start)[:, None] - steps)
            * ((n - start)[:, None] - steps)
            / ((x + 1) * (rest[:, None] + x + 1))
        )
        side = _terms_sum(first, ratio)
    value = np.where(up, side, 1.0 - side)
    value = np.where(k <= bottom, 1.0, np.where(k > top, 0.0, value))
    return _between(value, 0.0, 1.0)


def _rows(*arrays: np.ndarray | float) -> list[np.ndarray]:
    """Broadcast to 1-D float arrays (whole numbers are exact in float up to 2^53)."""
    rows = np.broadcast_arrays(*(np.atleast_1d(np.asarray(a, dtype=float)) for a in arrays))
    return [np.array(r, dtype=float).ravel() for r in rows]


def hypergeometric_tail_ge(
    k: np.ndarray | int, n: np.ndarray | int, K: np.ndarray | int, N: np.ndarray | int
) -> np.ndarray:
    """P(X >= k) for X hypergeometric: ``n`` drawn without replacement from ``N``, ``K`` marked.

    Vectorised over broadcastable whole-number arrays (0 <= n <= N, 0 <= K <= N).
    """
    return _hyper_ge(*_rows(k, n, K, N))


def hypergeometric_tail_le(
    k: np.ndarray | int, n: np.ndarray | int, K: np.ndarray | int, N: np.ndarray | int
) -> np.ndarray:
    """P(X <= k) for X hypergeometric (see :func:`hypergeometric_tail_ge`).

    By symmetry ``P_K(X <= k) = P_{N-K}(n - X >= n - k)``.
    """
    k, n, K, N = _rows(k, n, K, N)
    return _hyper_ge(n - k, n, N - K, N)


def _wilson_cc_low(k: np.ndarray, n: np.ndarray, f: np.ndarray) -> np.ndarray:
    """A starting guess: the continuity-corrected Wilson lower end with FPC factor ``f``."""
    kc = k - 0.5
    z2f = Z_95 * Z_95 * f
    a = n * n + z2f * n
    b = 2 * n * kc + z2f * n
    c = kc * kc
    with np.errstate(divide="ignore", invalid="ignore"):
        p = (b - np.sqrt(np.maximum(b * b - 4 * a * c, 0.0))) / (2 * a)
    return _between(np.nan_to_num(p), 0.0, 1.0)


def _hyper_low_counts(k: np.ndarray, n: np.ndarray, N: np.ndarray) -> np.ndarray:
    """``K_low = min{K : P_K(X >= k) > 0.025}`` for every row at once (float arrays).

    P_K(X >= k) grows with K, is 0 at K = k - 1 and 1 at K = N - (n - k) (every
    draw that is not marked still leaves k marked ones), so the answer is kept
    in a bracket ``(lo, hi]``. The first call probes a guess (the
    continuity-corrected Wilson end) and a step either side; each further call
    probes the two whole numbers around the crossing that the log tails at the
    bracket's ends point to, or the middle when that did not halve the bracket.
    Two or three calls usually settle it.
    """
    result = np.zeros(len(k))
    search = k > 0  # K_low = 0 when k = 0
    ks, ns, Ns = k[search], n[search], N[search]
    lo, hi = ks - 1.0, Ns - (ns - ks)
    log_lo, log_hi = np.full(len(ks), -np.inf), np.zeros(len(ks))
    target = math.log(TAIL)

    def probe(rows: np.ndarray, points: np.ndarray) -> None:
        count = points.shape[1]
        tails = _hyper_ge(
            np.repeat(ks[rows], count),
            np.repeat(ns[rows], count),
            points.ravel(),
            np.repeat(Ns[rows], count),
        ).reshape(points.shape)
        with np.errstate(divide="ignore"):
            logs = np.log(tails)
        ok = tails > _EXCEEDS
        # Monotone in K: the smallest true probe is a new upper end, the largest false one a
        # new lower end.
        new_hi = np.where(ok, points, np.inf)
        at_hi = new_hi.argmin(axis=1)
        better = new_hi[np.arange(len(rows)), at_hi] < hi[rows]
        hi[rows] = np.where(better, points[np.arange(len(rows)), at_hi], hi[rows])
        log_hi[rows] = np.where(better, logs[np.arange(len(rows)), at_hi], log_hi[rows])
        new_lo = np.where(ok, -np.inf, points)
        at_lo = new_lo.argmax(axis=1)
        better = new_lo[np.arange(len(rows)), at_lo] > lo[rows]
        lo[rows] = np.where(better, points[np.arange(len(rows)), at_lo], lo[rows])
        log_lo[rows] = np.where(better, logs[np.arange(len(rows)), at_lo], log_lo[rows])

    def inside(points: np.ndarray, rows: np.ndarray) -> np.ndarray:
        return _between(
            points, lo[rows, None] + 1, np.maximum(hi[rows, None] - 1, lo[rows, None] + 1)
        )

    if len(ks):
        fpc = np.where(Ns > 1, (Ns - ns) / np.maximum(Ns - 1, 1), 0.0)
        share = _wilson_cc_low(ks, ns, fpc)
        sd = Ns * np.sqrt(np.maximum(share * (1 - share), 1e-12) * fpc / np.maximum(ns, 1))
        guess = np.round(share * Ns)
        step = np.ceil(0.15 * sd) + 6
        rows = np.flatnonzero(hi - lo > 1)
        if len(rows):
            points = np.stack([guess - step, guess, guess + step], axis=1)[rows]
            probe(rows, inside(points, rows))
    halved = np.ones(len(ks), dtype=bool)
    while True:
        rows = np.flatnonzero(hi - lo > 1)
        if not len(rows):
            break
        width = hi[rows] - lo[rows]
        middle = np.floor((lo[rows] + hi[rows]) / 2)
        with np.errstate(divide="ignore", invalid="ignore"):
            crossing = lo[rows] + width * (target - log_lo[rows]) / (log_hi[rows] - log_lo[rows])
        crossing = np.where(np.isfinite(crossing) & halved[rows], np.floor(crossing), middle)
        points = inside(np.stack([crossing, crossing + 1], axis=1), rows)
        probe(rows, points)
        halved[rows] = (hi[rows] - lo[rows]) * 2 <= width
    result[search] = hi
    return result


def hypergeometric_bounds(
    k: np.ndarray | int, n: np.ndarray | int, population: int
) -> tuple[np.ndarray, np.ndarray]:
    """The exact interval's bounds as counts ``(K_low, K_high)`` out of ``population`` (METHOD §2).

    ``K_high`` is found as ``N - K_low(n - k)``: ``P_K(X <= k) = P_{N-K}(X' >= n - k)``,
    so one search serves both ends. When ``n == N`` both are ``k``. Returns int arrays.
    """
    k, n, N = _rows(k, n, population)
    if ((k < 0) | (k > n) | (n > N)).any():
        raise ValueError("need 0 <= k <= n <= population")
    both = _hyper_low_counts(
        np.concatenate([k, n - k]), np.concatenate([n, n]), np.concatenate([N, N])
    )
    low, high = both[: len(k)], N - both[len(k) :]
    return low.astype(np.int64), high.astype(np.int64)


def _binom_ge(k: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """P(X >= k), X ~ Binomial(n, p), for 1-D float arrays.

    As :func:`_hyper_ge`: the decreasing side only, the lower tail being the
    upper tail of ``n - X ~ Binomial(n, 1 - p)``.
    """
    trivial = (k <= 0) | (k > n) | (p <= 0) | (p >= 1)
    up = k > np.floor((n + 1) * p)
    chance = np.where(up, p, 1.0 - p)
    start = np.where(trivial, n, np.where(up, k, n - k + 1))
    chance = np.where(trivial, 0.5, chance)
    other = 1.0 - chance
    with np.errstate(divide="ignore", invalid="ignore"):
        width = _window(np.sqrt(n * chance * other), n - start)
        first = np.exp(_log_dbinom(start, n, chance, other))
        steps = np.arange(width - 1, dtype=float)
        ratio = (
            ((n - start)[:, None] - steps)
            / (start[:, None] + steps + 1)
            * (chance / other)[:, None]
        )
        side = _terms_sum(first, ratio)
    value = np.where(up, side, 1.0 - side)
    value = np.where(
        k <= 0, 1.0, np.where(k > n, 0.0, np.where(p <= 0, 0.0, np.where(p >= 1, 1.0, value)))
    )
    return _between(value, 0.0, 1.0)


def binomial_tail_ge(k: np.ndarray | int, n: np.ndarray | int, p: np.ndarray | float) -> np.ndarray:
    """P(X >= k) for X ~ Binomial(n, p), vectorised over broadcastable arrays."""
    return _binom_ge(*_rows(k, n, p))


def binomial_tail_le(k: np.ndarray | int, n: np.ndarray | int, p: np.ndarray | float) -> np.ndarray:
    """P(X <= k) for X ~ Binomial(n, p): ``P(n - X >= n - k)`` with ``1 - p``."""
    k, n, p = _rows(k, n, p)
    return _binom_ge(n - k, n, 1.0 - p)


def _clopper_pearson_low(k: np.ndarray, n: np.ndarray) -> np.ndarray:
    """The p with ``P_p(X >= k) = 0.025`` (0 when k = 0), for float arrays.

    Newton's method on the exact tail, whose derivative in p is
    ``n * P(Binomial(n - 1, p) = k - 1)``, kept inside a shrinking bracket
    (a bisection step whenever Newton would leave it); it starts from the
    continuity-corrected Wilson end and converges in a handful of steps.
    """
    result = np.zeros(len(k))
    search = k > 0
    ks, ns = k[search], n[search]
    lo, hi = np.zeros(len(ks)), np.ones(len(ks))
    x = _between(_wilson_cc_low(ks, ns, np.ones(len(ks))), 1e-300, 1 - 1e-16)
    active = np.ones(len(ks), dtype=bool)
    for _ in range(200):
        if not active.any():
            break
        xa, ka, na = x[active], ks[active], ns[active]
        value = _binom_ge(ka, na, xa)
        above = value > TAIL
        hi[active] = np.where(above, xa, hi[active])
        lo[active] = np.where(above, lo[active], xa)
        slope = na * np.exp(_log_dbinom(ka - 1, na - 1, xa, 1.0 - xa))
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = xa - (value - TAIL) / slope
        la, ha = lo[active], hi[active]
        # Converged when Newton's own step is below the spacing of doubles near x (checked
        # before the bracket: a zero step sits on the bracket's end it just moved).
        converged = np.isfinite(newton) & (np.abs(newton - xa) <= 4e-16 * xa)
        inside = np.isfinite(newton) & (newton >= la) & (newton <= ha)
        following = np.where(inside | converged, newton, 0.5 * (la + ha))
        done = converged | (ha - la <= 1e-15 * ha)
        x[active] = following
        still = active.copy()
        still[active] = ~done
        active = still
    result[search] = x
    return result


def clopper_pearson_intervals(
    k: np.ndarray | int, n: np.ndarray | int
) -> tuple[np.ndarray, np.ndarray]:
    """Clopper-Pearson 95% intervals ``[B(0.025; k, n-k+1), B(0.975; k+1, n-k)]`` (n >= 1).

    The upper end is ``1 - low(n - k)`` (the binomial is symmetric in p <-> 1 - p).
    """
    k, n = _rows(k, n)
    if ((k < 0) | (k > n) | (n < 1)).any():
        raise ValueError("need 0 <= k <= n and n >= 1")
    both = _clopper_pearson_low(np.concatenate([k, n - k]), np.concatenate([n, n]))
    return both[: len(k)], 1.0 - both[len(k) :]


def wilson_intervals(
    k: np.ndarray, n: np.ndarray | int, population: int | None = None, z: float = Z_95
) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval of ``k/n`` with the finite-population correction.

    With ``population`` = N (the number of dev errors the ``n`` reviewed
    ones were drawn from), ``n`` is replaced by ``n_eff = n (N - 1) / (N - n)``;
    when every error was reviewed the interval is the point ``k/n``. With
    ``n == 0`` nothing is known: ``(0, 1)``. ``n`` may be one per count.
    """
    k = np.asarray(k, dtype=float)
    n = np.broadcast_to(np.asarray(n, dtype=float), k.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n > 0, k / np.where(n > 0, n, 1), 0.0)
        if population is None:
            m = n
        else:
            m = np.where(n < population, n * (population - 1) / (population - n), np.inf)
        z2 = z * z
        denominator = 1 + z2 / m
        center = (p + z2 / (2 * m)) / denominator
        half = z * np.sqrt(p * (1 - p) / m + z2 / (4 * m * m)) / denominator
        low = np.clip(center - half, 0.0, 1.0)
        high = np.clip(center + half, 0.0, 1.0)
    full = np.isinf(m)
    low = np.where(full, p, low)
    high = np.where(full, p, high)
    empty = n <= 0
    return np.where(empty, 0.0, low), np.where(empty, 1.0, high)


def wilson_interval(
    k: int, n: int, population: int | None = None, z: float = Z_95
) -> tuple[float, float]:
    """:func:`wilson_intervals` for one count."""
    low, high = wilson_intervals(np.array([k]), n, population, z)
    return float(low[0]), float(high[0])


def share_intervals(
    k: np.ndarray | list[int],
    n: np.ndarray | list[int] | int,
    population: int | None,
    method: str = "exact",
) -> tuple[np.ndarray, np.ndarray]:
    """95% intervals of the shares ``k / n`` of ``population`` dev errors (METHOD.md §2).

    ``k`` is an array of counts; ``n`` the number reviewed (assessed), one
    for all or one per count; ``population`` the number of dev errors ``N``
    (``None`` when unknown). ``method`` is one of :data:`INTERVAL_METHODS`:

    - ``"exact"``: ``[K_low/N, K_high/N]`` of :func:`hypergeometric_bounds`
      when ``N`` is known (the point ``k/N`` when ``n == N``), else
      Clopper-Pearson on ``n``;
    - ``"wilson-fpc"``: :func:`wilson_intervals` (the first version's).

    ``n == 0`` gives ``(0, 1)``. Returns two float arrays shaped like ``k``.
    """
    if method not in INTERVAL_METHODS:
        raise ValueError(f"unknown interval method {method!r}; one of {INTERVAL_METHODS}")
    counts = np.atleast_1d(np.asarray(k, dtype=np.int64))
    sizes = np.broadcast_to(np.asarray(n, dtype=np.int64), counts.shape).copy()
    if ((counts < 0) | (counts > sizes)).any():
        raise ValueError("every count must be between 0 and its n")
    if population is not None and (sizes > population).any():
        raise ValueError("n cannot exceed the population")
    if method == "wilson-fpc":
        return wilson_intervals(counts, sizes, population)
    if len(counts) <= _MEMO_BATCH:
        return _remembered_intervals(counts, sizes, population)
    return _exact_intervals(counts, sizes, population)


#: A tally asks for the same (k, n, N) again and again (a tick changes one
#: category): small batches are answered from a memo of exact bounds, so a
#: tick recomputes one interval, not twenty. Bounded; cleared when full.
_MEMO_BATCH = 256
_MEMO_SIZE = 50_000
_memo: dict[tuple[int, int, int | None], tuple[float, float]] = {}


def _remembered_intervals(
    counts: np.ndarray, sizes: np.ndarray, population: int | None
) -> tuple[np.ndarray, np.ndarray]:
    keys = [(int(k), int(n), population) for k, n in zip(counts, sizes, strict=True)]
    missing = [i for i, key in enumerate(keys) if key not in _memo]
    if missing:
        low, high = _exact_intervals(counts[missing], sizes[missing], population)
        if len(_memo) + len(missing) > _MEMO_SIZE:
            _memo.clear()
        for j, i in enumerate(missing):
            _memo[keys[i]] = (float(low[j]), float(high[j]))
    found = [_memo[key] for key in keys]
    return (np.array([f[0] for f in found], dtype=float).reshape(counts.shape),
            np.array([f[1] for f in found], dtype=float).reshape(counts.shape))


def _exact_intervals(
    counts: np.ndarray, sizes: np.ndarray, population: int | None
) -> tuple[np.ndarray, np.ndarray]:
    low, high = np.zeros(counts.shape), np.ones(counts.shape)
    known = sizes > 0
    if known.any():
        if population is None:
            low[known], high[known] = clopper_pearson_intervals(counts[known], sizes[known])
        else:
            k_low, k_high = hypergeometric_bounds(counts[known], sizes[known], population)
            low[known], high[known] = k_low / population, k_high / population
    return low, high


def share_interval(
    k: int, n: int, population: int | None, method: str = "exact"
) -> tuple[float, float]:
    """:func:`share_intervals` for one count (what one tick needs)."""
    low, high = share_intervals(np.array([k]), n, population, method)
    return float(low[0]), float(high[0])
