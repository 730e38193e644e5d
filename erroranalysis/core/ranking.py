"""Is the ranking settled? When to stop reviewing (METHOD.md §2).

The course says to review about 100 errors; this says whether the reviewed
ones are enough for *this* data: whether the category with the largest
share really has more errors than each other one among all ``N`` dev errors,
and about how many more reviews would settle it.

The question for the leader A and another category B, both assessed on the
same ``m`` reviewed errors: is ``K_A > K_B`` among all ``N`` errors? Only the
*discordant* errors tell them apart: ``b`` ticked A but not B, ``c`` ticked B
but not A (``o = m - b - c`` the others). With a uniform prior over how the
``N`` errors split into those three kinds (a Dirichlet(1, 1, 1) over their
proportions), the ``R = N - m`` unassessed errors split as a
Dirichlet-multinomial ``DM(R; b + 1, c + 1, o + 1)``, and

    P(leader larger) = P(b + B_R > c + C_R)

where ``B_R``, ``C_R`` are the A-only and B-only errors among the ``R``. It
is computed

- exactly, by summing the Dirichlet-multinomial over every split of the
  remainder, when ``R <= 400`` (a few milliseconds);
- by a seeded simulation of 10,000 draws of the remainder otherwise (the
  seed is made from the counts, so the same data always gives the same
  answer; its standard error is at most 0.005, 0.0022 near 0.95);
- exactly, ``P(Binomial(b + c + 1, 1/2) <= b)``, when ``N`` is unknown (an
  infinite population: the posterior probability that the A-only share
  exceeds the B-only share, the sign test on the discordant errors).

Knowing part of a finite population only removes uncertainty: once the
infinite-population value is above 0.999 the finite one is at least as large
(checked exactly over b < 40, R <= 150 in the tests; below that a tie
``K_A = K_B``, which is not "larger", can make it smaller). So when the
infinite-population value is already above 0.9999 it is reported as is and
no simulation runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from erroranalysis.core.intervals import binomial_tail_le

__all__ = [
    "SETTLED_AT",
    "Ranking",
    "leader_index",
    "more_to_review",
    "probability_larger",
    "rank_categories",
    "rank_from_pairs",
]

#: The ranking is settled when the leader is larger with at least this probability.
SETTLED_AT = 0.95

#: Up to this many unassessed errors the remainder is summed exactly (a (R+1)^2 grid).
_EXACT_UP_TO = 400
_DRAWS = 10_000
#: Above this infinite-population probability the finite one is not simulated.
_CLEAR = 0.9999
_Z_ONE_SIDED = 1.6448536269514722  # the 95% one-sided normal quantile


@dataclass(frozen=True)
class Ranking:
    """The verdict on the ranking of the top categories.

    ``leader`` has the largest share; ``runner_up`` is the other category
    the leader is least sure to beat, with ``p_leader_larger`` the
    probability that the leader's count among all dev errors is really the
    larger; ``settled`` when that is at least :data:`SETTLED_AT`.
    ``more_to_review`` is about how many more errors must be reviewed to
    settle it at the current shares (0 when settled, ``None`` when the
    current shares would never settle it, e.g. equal shares).
    ``probabilities`` has the probability against every other category;
    ``level`` is True when the leader and the runner-up have the same count
    on the errors assessed for both (the leader is then only first in order).
    """

    settled: bool
    leader: str
    runner_up: str
    p_leader_larger: float
    more_to_review: int | None
    probabilities: dict[str, float] = field(default_factory=dict, compare=False)
    level: bool = False

    def to_json_dict(self) -> dict[str, object]:
        """The ``ranking`` object of ``tally --format json``."""
        return {
            "settled": self.settled,
            "leader": self.leader,
            "runner_up": self.runner_up,
            "p_leader_larger": round(float(self.p_leader_larger), 4),
            "more_to_review": self.more_to_review,
        }

    def verdict(self) -> str:
        """One line: 'Ranking: blurry leads great cat with 97% probability: settled.'"""
        if self.level and not self.settled:
            return f"Ranking: {self.leader} and {self.runner_up} are level so far: not settled."
        head = (
            f"Ranking: {self.leader} leads {self.runner_up} with "
            f"{_probability_text(self.p_leader_larger)} probability"
        )
        if self.settled:
            return f"{head}: settled."
        if self.more_to_review is None:
            return (
                f"{head}: not settled, and more reviews at the current shares would not settle it."
            )
        more = self.more_to_review
        return f"{head}: not settled: review about {more} more error{'s' if more != 1 else ''}."


def _probability_text(p: float) -> str:
    # Whole percents rounded down, so "95%" never shows for an unsettled 0.9496.
    if p >= 0.995:
        return "over 99%"
    return f"{math.floor(p * 100 + 1e-9)}%"


def _log_rising(alpha: int, size: int) -> np.ndarray:
    """``log C(x + alpha - 1, x)`` for x = 0..size (the Dirichlet-multinomial weights)."""
    x = np.arange(1, size + 1, dtype=float)
    return np.concatenate([[0.0], np.cumsum(np.log((x + alpha - 1) / x))])


def _finite_exact(b: int, c: int, o: int, remainder: int) -> float:
    """P(b + B > c + C) with (B, C, O) ~ DM(remainder; b + 1, c + 1, o + 1), summed exactly."""
    a_only = _log_rising(b + 1, remainder)
    b_only = _log_rising(c + 1, remainder)
    rest = _log_rising(o + 1, remainder)
    x = np.arange(remainder + 1)
    z = remainder - x[:, None] - x[None, :]
    logs = np.where(
        z >= 0,
        a_only[:, None] + b_only[None, :] + rest[np.maximum(z, 0)],
        -np.inf,
    )
    weights = np.exp(logs - logs.max())
    wins = (b + x[:, None]) > (c + x[None, :])
    return float(weights[wins].sum() / weights.sum())


def _finite_simulated(b: int, c: int, o: int, remainder: int) -> float:
    """P(b + B > c + C) by a seeded simulation of the remainder (see the module docstring).

    The Dirichlet(b+1, c+1, o+1) proportions are drawn as the discordant share
    ``Beta(b + c + 2, o + 1)`` times the A-only part of it ``Beta(b + 1, c + 1)``
    (independent), then the remainder's discordant errors and their A-only part.
    """
    rng = np.random.default_rng([b, c, o, remainder, 20_240_610])
    discordant = rng.beta(b + c + 2, o + 1, _DRAWS)
    a_part = rng.beta(b + 1, c + 1, _DRAWS)
    total = rng.binomial(remainder, discordant)
    a_only = rng.binomial(total, a_part)
    return float(np.mean(b + a_only > c + (total - a_only)))


def _infinite(b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """P(A-only share > B-only share) for an unknown (infinite) population, exactly."""
    b = np.asarray(b, dtype=np.int64)
    c = np.asarray(c, dtype=np.int64)
    return binomial_tail_le(b, b + c + 1, 0.5)


def _probabilities(
    b: np.ndarray, c: np.ndarray, m: np.ndarray, population: int | None
) -> np.ndarray:
    """:func:`probability_larger` for arrays of pairs (the closed form vectorised)."""
    b, c, m = (np.asarray(a, dtype=np.int64) for a in (b, c, m))
    if ((b < 0) | (c < 0) | (b + c > m)).any():
        raise ValueError("need 0 <= b, c and b + c <= m")
    infinite = _infinite(b, c)
    if population is None:
        return infinite
    out = infinite.copy()
    for i in range(len(b)):
        remainder = int(population) - int(m[i])
        bi, ci, oi = int(b[i]), int(c[i]), int(m[i] - b[i] - c[i])
        if remainder < 0:
            raise ValueError("more assessed than the population")
        if remainder == 0:
            out[i] = 1.0 if bi > ci else 0.0
        elif infinite[i] >= _CLEAR:
            continue  # the finite value is at least as large: nothing to compute
        elif remainder <= _EXACT_UP_TO:
            out[i] = _finite_exact(bi, ci, oi, remainder)
        else:
            out[i] = _finite_simulated(bi, ci, oi, remainder)
    return out


def probability_larger(b: int, c: int, m: int, population: int | None) -> float:
    """The probability that the leader A's count among all dev errors exceeds B's.

    ``b`` reviewed errors were ticked A but not B, ``c`` B but not A, out of
    ``m`` assessed for both; ``population`` is the number of dev errors N
    (``None`` when unknown). See the module docstring for the method.
    """
    return float(_probabilities(np.array([b]), np.array([c]), np.array([m]), population)[0])


def more_to_review(b: int, c: int, m: int, population: int | None) -> int | None:
    """About how many more errors must be reviewed to settle ``A > B`` at the current shares.

    Approximate by design. With the discordant rates ``b/m`` and ``c/m`` kept
    as they are, ``n0`` is the smallest number of reviewed errors whose
    projected counts give an infinite-population probability of at least
    0.95 (the exact sign-test form, so small counts are not under-estimated
    the way a normal formula would); then the finite-population correction
    ``n0 / (1 + (n0 - 1) / N)``. Returns that minus ``m``, at least 1 and at
    most the ``N - m`` errors left; ``None`` when the current shares can never
    settle it (``b <= c``). Callers give 0 themselves once it is settled.
    """
    if m <= 0 or b <= c:
        return None
    rate_b, rate_c = b / m, c / m
    gap = rate_b - rate_c

    def probability(size: int) -> float:
        bb, cc = round(rate_b * size), round(rate_c * size)
        return float(_infinite(np.array([bb]), np.array([cc]))[0])

    variance = rate_b + rate_c - gap * gap
    normal = _Z_ONE_SIDED**2 * variance / (gap * gap)
    if normal > 1e6:
        needed = math.ceil(normal)  # the normal formula is accurate at this size
    else:
        lo, hi = 0, max(8, math.ceil(4 * normal) + 64)
        while probability(hi) < SETTLED_AT:
            lo, hi = hi, hi * 2
        while hi - lo > 1:
            middle = (lo + hi) // 2
            if probability(middle) >= SETTLED_AT:
                hi = middle
            else:
                lo = middle
        needed = hi
    if population is not None:
        needed = math.ceil(needed / (1 + (needed - 1) / population))
    more = max(needed - m, 1)
    if population is not None:
        more = min(more, max(population - m, 0))
    return int(more)


def leader_index(counts: np.ndarray, assessed: np.ndarray) -> int | None:
    """The category with the largest share ``count / assessed`` (the first of equal ones,
    in category order); ``None`` when no category was assessed."""
    counts = np.asarray(counts, dtype=float)
    assessed = np.asarray(assessed, dtype=float)
    if not (assessed > 0).any():
        return None
    shares = np.where(assessed > 0, counts / np.maximum(assessed, 1), -1.0)
    return int(np.argmax(shares))


def rank_from_pairs(
    names: list[str],
    shares: np.ndarray,
    leader: int,
    a_only: np.ndarray,
    b_only: np.ndarray,
    pairs: np.ndarray,
    population: int | None,
) -> Ranking:
    """The verdict from the leader's discordant counts against every category.

    For each category ``i`` (the leader's own entry is ignored):
    ``a_only[i]`` reviewed errors were ticked with the leader but not ``i``,
    ``b_only[i]`` with ``i`` but not the leader, out of ``pairs[i]`` assessed
    for both. ``shares`` breaks ties between equally sure runners-up. This is
    what a store can count in SQL without building the tick matrix.
    """
    a_only, b_only, pairs = (np.asarray(a, dtype=np.int64) for a in (a_only, b_only, pairs))
    others = [i for i in range(len(names)) if i != leader]
    values = _probabilities(a_only[others], b_only[others], pairs[others], population)
    probabilities = {names[i]: float(v) for i, v in zip(others, values, strict=True)}
    # The least sure win; among equally sure ones the largest share, then category order.
    runner = min(others, key=lambda i: (probabilities[names[i]], -float(shares[i]), i))
    p = probabilities[names[runner]]
    settled = p >= SETTLED_AT
    more = (
        0
        if settled
        else more_to_review(
            int(a_only[runner]), int(b_only[runner]), int(pairs[runner]), population
        )
    )
    return Ranking(
        settled=settled,
        leader=names[leader],
        runner_up=names[runner],
        p_leader_larger=p,
        more_to_review=more,
        probabilities=probabilities,
        level=bool(a_only[runner] == b_only[runner]),
    )


def rank_categories(
    ticks: np.ndarray,
    names: list[str],
    population: int | None,
    assessed: np.ndarray | None = None,
) -> Ranking | None:
    """The ranking verdict from a boolean reviewed-errors x categories tick matrix.

    ``assessed`` (same shape) says which reviewed errors were assessed for
    each category (``None``: all of them); a category's share is its ticks
    among its assessed errors. ``population`` is the number of dev errors N
    the reviewed ones were drawn from (``None`` when unknown). Returns
    ``None`` with fewer than two categories or nothing reviewed.
    """
    ticks = np.asarray(ticks, dtype=bool)
    if ticks.ndim != 2 or ticks.shape[1] != len(names):
        raise ValueError("one tick column per category name")
    if len(names) < 2 or ticks.shape[0] == 0:
        return None
    if assessed is not None:
        assessed = np.asarray(assessed, dtype=bool)
        if assessed.shape != ticks.shape:
            raise ValueError("the assessed matrix must have the tick matrix's shape")
        if assessed.all():
            assessed = None  # the common case, and the fast path below
    # count_nonzero: several times faster than sum() over booleans.
    if assessed is None:
        marks = ticks
        sizes = np.full(len(names), ticks.shape[0])
    else:
        marks = ticks & assessed
        sizes = np.count_nonzero(assessed, axis=0)
    counts = np.count_nonzero(marks, axis=0)
    leader = leader_index(counts, sizes)
    if leader is None:
        return None
    if assessed is None:
        # Ticked with both = the columns summed over the leader's rows: no items x
        # categories temporaries.
        together = np.count_nonzero(marks[marks[:, leader]], axis=0)
        a_only = counts[leader] - together
        b_only = counts - together
        pairs = np.full(len(names), ticks.shape[0])
    else:
        lead = marks[:, [leader]]
        both = assessed[:, [leader]] & assessed
        a_only = np.count_nonzero(lead & ~marks & both, axis=0)
        b_only = np.count_nonzero(marks & ~lead & both, axis=0)
        pairs = np.count_nonzero(both, axis=0)
    shares = np.where(sizes > 0, counts / np.maximum(sizes, 1), -1.0)
    # A category assessed on none of the errors the leader was assessed on
    # (just added mid-review) says nothing yet: left out, not called "level".
    keep = (np.asarray(pairs) > 0) | (np.arange(len(names)) == leader)
    if keep.sum() < 2:
        return None
    kept = [n for n, k in zip(names, keep, strict=True) if k]
    return rank_from_pairs(kept, shares[keep], int(np.count_nonzero(keep[:leader])),
                           np.asarray(a_only)[keep], np.asarray(b_only)[keep],
                           np.asarray(pairs)[keep], population)
