"""Slices the reviewer did not tick: where in the dev set the errors gather.

The predictions file already knows a lot about every dev example: its true
class, what the model predicted, and any metadata column (camera, site,
brightness, ...). Breaking the dev errors down by these, before anyone ticks a
category, points at patterns worth a category:

* a **confusion pair** (true class -> predicted class): its errors and their
  share of all dev errors ("errors of class 8 predicted as 1 are 14% of dev
  error"), and the share of the true class that goes that way;
* the **true class** and every **metadata column** (categorical, or numeric
  binned into quantiles): the slice's error *rate* against the rate in the
  rest of the dev set, each with an exact (Clopper-Pearson) 95% interval, and
  their ratio, the **lift** ("camera=B has 3.1x the error rate").

Small slices say nothing: a slice with fewer than ``min_errors`` dev errors
or ``min_examples`` dev examples is hidden (counted, not ranked). A lift is
called significant only when the slice's interval and the interval of the
rest of the dev set do not overlap; both rates are estimates, and a rule that
compares one interval with the other's point calls about one slice in six
"different" when two halves of a dev set have the same true rate.

A reviewed category can be crossed with the slices ("blurry among 8 -> 1
errors"): the share of the category among the reviewed errors in the slice
against the share among the reviewed errors elsewhere (:func:`cross_category`).

Everything is counted with factorised codes and ``np.bincount`` over the
rows, never a Python loop per row: a dev set of 1,000,000 rows with 100,000
errors slices in about a second.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from erroranalysis.core.errors import UserError
from erroranalysis.core.numbers import to_floats
from erroranalysis.core.optional_arrow import pa, pc
from erroranalysis.core.rates import format_percent, format_share
from erroranalysis.i18n import translate

__all__ = [
    "CONFUSION",
    "DEFAULT_BINS",
    "LABEL",
    "MIN_ERRORS",
    "MIN_EXAMPLES",
    "MISSING",
    "NUMERIC_MIN_DISTINCT",
    "PREDICTION",
    "Breakdown",
    "BreakdownResult",
    "Crossing",
    "Slice",
    "SliceReport",
    "available_breakdowns",
    "clopper_pearson",
    "compute_slices",
    "confusion_pairs",
    "cross_category",
    "default_breakdowns",
    "dev_rows",
    "make_breakdown",
    "parse_numbers",
    "quantile_edges",
]

#: A slice needs at least this many dev errors to be shown ...
MIN_ERRORS = 5
#: ... and at least this many dev examples.
MIN_EXAMPLES = 20
#: Numeric metadata is cut at these quantiles (4: quartiles).
DEFAULT_BINS = 4
#: A numeric column with at most this many distinct values is sliced by
#: value, like a categorical one (a 0/1 flag or camera 1-5 read better so).
NUMERIC_MIN_DISTINCT = 11
#: The slice name of a missing or empty metadata value.
MISSING = "(missing)"

#: Breakdown names that are not metadata columns.
CONFUSION = "confusion"
LABEL = "label"
PREDICTION = "prediction"
SCORE = "score"

#: Columns of the canonical predictions frame that are never metadata.
_NOT_METADATA = frozenset(
    {"key", "image", "label", "prediction", "split", "score", "weight", "row"}
)

_CONFIDENCE = 0.95


# --------------------------------------------------------------------------
# The exact binomial (Clopper-Pearson) interval, without scipy.
#
# The bounds are beta quantiles: low = B^-1(a/2; k, n-k+1), high =
# B^-1(1-a/2; k+1, n-k). The regularised incomplete beta function is the
# classic continued fraction (modified Lentz), the quantile a Newton
# iteration kept inside a shrinking bracket. All of it is vectorised over
# slices; only the number of iterations is a Python loop.
# --------------------------------------------------------------------------

_HALF_LOG_2PI = 0.5 * math.log(2.0 * math.pi)
_TINY = 1e-300
_STIRLING_FROM = 10.0


def _stirling_tail(x: np.ndarray) -> np.ndarray:
    """``lgamma(x) - ((x - 1/2) ln x - x + ln(2 pi)/2)`` for ``x >= 10`` (error < 2e-14)."""
    inv = 1.0 / x
    inv2 = inv * inv
    return inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188))))


def _log_gamma(x: np.ndarray) -> np.ndarray:
    """``ln Gamma(x)`` for ``x > 0``, vectorised (Stirling after shifting x up by 10)."""
    x = np.asarray(x, dtype=float)
    shift = np.zeros_like(x)
    for i in range(int(_STIRLING_FROM)):
        shift += np.log(x + i)
    y = x + _STIRLING_FROM
    return (y - 0.5) * np.log(y) - y + _HALF_LOG_2PI + _stirling_tail(y) - shift


def _log_front(a: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``ln(x^a (1-x)^b / B(a, b))``, the factor before the continued fraction.

    For large ``a`` and ``b`` the three log-gammas are huge and nearly cancel
    against ``a ln x + b ln(1-x)``; written around the mode ``a/(a+b)``
    instead, the terms stay small and the result keeps its digits.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        direct = (
            a * np.log(x) + b * np.log1p(-x) - (_log_gamma(a) + _log_gamma(b) - _log_gamma(a + b))
        )
        s = a + b
        p0 = a / s
        q0 = b / s
        near_mode = (
            a * np.log1p((x - p0) / p0)
            + b * np.log1p((p0 - x) / q0)
            + 0.5 * np.log(a * b / (s * 2.0 * math.pi))
            + _stirling_tail(s)
            - _stirling_tail(a)
            - _stirling_tail(b)
        )
    large = (a >= _STIRLING_FROM) & (b >= _STIRLING_FROM)
    return np.where(large, near_mode, direct)


def _continued_fraction(a: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The continued fraction of ``I_x(a, b)`` (converges fast for x < (a+1)/(a+b+2))."""
    out = np.empty_like(x)
    index = np.arange(len(x))
    c = np.ones_like(x)
    d = 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / np.where(np.abs(d) < _TINY, _TINY, d)
    h = d.copy()
    # Near the mode of a beta with a + b = 10^6 it takes about 300 steps; the
    # cap only guards against a non-finite input looping for ever. Converged
    # entries are set aside every 8 steps (more steps leave them unchanged),
    # so that each step is plain arithmetic on contiguous arrays.
    for m in range(1, 100_000):
        m2 = 2.0 * m
        step = c
        for numerator in (
            m * (b - m) * x / ((a - 1.0 + m2) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1.0 + m2)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / np.where(np.abs(d) < _TINY, _TINY, d)
            c = 1.0 + numerator / c
            c = np.where(np.abs(c) < _TINY, _TINY, c)
            step = d * c
            h = h * step
        if m % 8 == 0 or m == 99_999:
            done = (np.abs(step - 1.0) <= 1e-15) | ~np.isfinite(step)
            out[index[done]] = h[done]
            keep = ~done
            if not keep.any():
                break
            index, a, b, x, c, d, h = (v[keep] for v in (index, a, b, x, c, d, h))
    else:
        out[index] = h
    return out


#: From this size of both beta parameters on, I_x(a, b) is a quadrature: the
#: continued fraction needs about sqrt(a + b) steps there (300 at a + b = 10^6).
_QUADRATURE_FROM = 3000.0
_QUADRATURE_POINTS = 32
_GAUSS_LEGENDRE: tuple[np.ndarray, np.ndarray] | None = None


def _gauss_legendre() -> tuple[np.ndarray, np.ndarray]:
    global _GAUSS_LEGENDRE
    if _GAUSS_LEGENDRE is None:
        _GAUSS_LEGENDRE = np.polynomial.legendre.leggauss(_QUADRATURE_POINTS)
    return _GAUSS_LEGENDRE


def _tail_quadrature(a: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``I_x(a, b)`` for large ``a`` and ``b`` by Gauss-Legendre quadrature of the density.

    The beta is then nearly normal: the density is integrated over the tail
    on ``x``'s side, from ``x`` to 10 standard deviations beyond the mean
    (at least 5 beyond ``x``), where the rest is below 1e-20. Checked against
    scipy to 1e-11 relative to the smaller tail for a, b from 3,000 to 2e6.
    """
    nodes, weights = _gauss_legendre()
    mean = a / (a + b)
    sd = np.sqrt(a * b / ((a + b) ** 2 * (a + b + 1.0)))
    upper = x > mean
    far = np.where(
        upper,
        np.minimum(1.0, np.maximum(mean + 10.0 * sd, x + 5.0 * sd)),
        np.maximum(0.0, np.minimum(mean - 10.0 * sd, x - 5.0 * sd)),
    )
    half = (far - x) / 2.0
    t = ((far + x) / 2.0)[:, None] + half[:, None] * nodes[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        log_pdf = _log_front(a[:, None], b[:, None], t) - np.log(t) - np.log1p(-t)
    tail = np.abs(half) * (np.exp(log_pdf) @ weights)
    return np.where(upper, 1.0 - tail, tail)


def _regularized_beta(a: np.ndarray, b: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``I_x(a, b)`` (the beta CDF) and its log density at ``x``, for 0 < x < 1."""
    log_front = _log_front(a, b, x)
    with np.errstate(divide="ignore"):
        log_pdf = log_front - np.log(x) - np.log1p(-x)
    cdf = np.empty_like(x)
    large = (a >= _QUADRATURE_FROM) & (b >= _QUADRATURE_FROM)
    if large.any():
        cdf[large] = _tail_quadrature(a[large], b[large], x[large])
    small = ~large
    if small.any():
        a, b, x, log_front = a[small], b[small], x[small], log_front[small]
        # The fraction converges fast below the mean; above it, I_x(a, b) =
        # 1 - I_{1-x}(b, a) (the front factor is symmetric).
        flip = x > (a + 1.0) / (a + b + 2.0)
        fa = np.where(flip, b, a)
        tail = (
            np.exp(log_front)
            * _continued_fraction(fa, np.where(flip, a, b), np.where(flip, 1.0 - x, x))
            / fa
        )
        cdf[small] = np.where(flip, 1.0 - tail, tail)
    return np.clip(cdf, 0.0, 1.0), log_pdf


def _normal_quantile(q: float) -> float:
    """The standard normal quantile by bisection on ``erfc`` (a scalar, once per call)."""
    low, high = -40.0, 40.0
    for _ in range(200):
        mid = 0.5 * (low + high)
        if 0.5 * math.erfc(-mid / math.sqrt(2.0)) < q:
            low = mid
        else:
            high = mid
    return 0.5 * (low + high)


def _beta_quantile(q: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The ``q`` quantile of Beta(a, b) for every triple (a, b > 0), vectorised."""
    q = np.asarray(q, dtype=float)
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    low = np.zeros_like(a)
    high = np.ones_like(a)
    mean = a / (a + b)
    sd = np.sqrt(a * b / ((a + b) ** 2 * (a + b + 1.0)))
    # Start from the normal approximation (only a few distinct q: two per call).
    z = np.zeros_like(q)
    for value in np.unique(q):
        z[q == value] = _normal_quantile(float(value))
    x = np.clip(mean + z * sd, 1e-12 * mean, 1.0 - 1e-12 * (1.0 - mean))
    x = np.where((x > 0.0) & (x < 1.0), x, mean)
    active = np.arange(len(a))
    for _ in range(300):
        if active.size == 0:
            break
        xa, aa, ba = x[active], a[active], b[active]
        cdf, log_pdf = _regularized_beta(aa, ba, xa)
        error = cdf - q[active]
        lo = np.where(error < 0.0, xa, low[active])
        hi = np.where(error > 0.0, xa, high[active])
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            step = error / np.exp(log_pdf)
        new = xa - step
        # Converged when Newton's step is below 1e-12 of x (it converges
        # quadratically, and the CDF itself is good to about 1e-13), or the
        # bracket has closed.
        done = (error == 0.0) | (np.abs(step) <= 1e-12 * xa) | (hi - lo <= 1e-15 * hi)
        # Newton, unless it leaves the bracket: then halve the bracket.
        outside = ~done & (~np.isfinite(new) | (new <= lo) | (new >= hi))
        new = np.where(outside, 0.5 * (lo + hi), np.where(done & ~np.isfinite(new), xa, new))
        low[active], high[active], x[active] = lo, hi, new
        active = active[~done]
    return x


def clopper_pearson(
    k: np.ndarray | Sequence[int] | int,
    n: np.ndarray | Sequence[int] | int,
    confidence: float = _CONFIDENCE,
) -> tuple[np.ndarray, np.ndarray]:
    """The exact (Clopper-Pearson) interval of the binomial proportion ``k/n``.

    ``low`` is the ``(1 - confidence)/2`` quantile of Beta(k, n-k+1) and
    ``high`` the ``(1 + confidence)/2`` quantile of Beta(k+1, n-k): the
    proportions at which seeing ``k`` or more (at most ``k``) successes in
    ``n`` would have a probability of ``(1 - confidence)/2``. ``k = 0`` gives
    ``low = 0``, ``k = n`` gives ``high = 1``, and ``n = 0`` (nothing known)
    gives ``(0, 1)``. Vectorised over arrays of ``k`` and ``n``; agrees with
    ``scipy.stats.beta.ppf`` to about 1e-12 relative.
    """
    k_arr, n_arr = np.broadcast_arrays(np.asarray(k, dtype=float), np.asarray(n, dtype=float))
    shape = k_arr.shape
    k_arr = k_arr.ravel()
    n_arr = n_arr.ravel()
    if np.any(k_arr < 0) or np.any(k_arr > n_arr):
        raise ValueError("clopper_pearson needs 0 <= k <= n")
    if not 0.0 < confidence < 1.0:
        raise ValueError("confidence must be between 0 and 1")
    tail = (1.0 - confidence) / 2.0
    low = np.zeros_like(k_arr)
    high = np.ones_like(k_arr)
    has_low = np.flatnonzero(k_arr > 0)
    has_high = np.flatnonzero(k_arr < n_arr)
    # Both bounds of every interval in one vectorised solve.
    k_low, n_low = k_arr[has_low], n_arr[has_low]
    k_high, n_high = k_arr[has_high], n_arr[has_high]
    bounds = _beta_quantile(
        np.concatenate([np.full(len(has_low), tail), np.full(len(has_high), 1.0 - tail)]),
        np.concatenate([k_low, k_high + 1.0]),
        np.concatenate([n_low - k_low + 1.0, n_high - k_high]),
    )
    low[has_low] = bounds[: len(has_low)]
    high[has_high] = bounds[len(has_low) :]
    return low.reshape(shape), high.reshape(shape)


# --------------------------------------------------------------------------
# Breakdowns: how one column cuts the rows into slices.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Breakdown:
    """One way of cutting the dev set into slices.

    ``kind`` is ``confusion`` (true -> predicted, errors only), ``class`` (the
    ``label`` or ``prediction`` column), ``categorical`` (one slice per
    value) or ``numeric`` (bins between ``edges``: ``x < e0``,
    ``e0 <= x < e1``, ..., ``x >= e_last``, plus a slice for missing values).
    """

    name: str
    kind: str
    edges: tuple[float, ...] = ()

    def assign(self, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """The slice code of every row of ``frame`` and the slices' values.

        Codes index into the values (an object array of ``str``); ``-1``
        means the row is in no slice (a correct prediction, for confusion
        pairs). Vectorised: factorised codes, no loop over rows.
        """
        if self.kind == "confusion":
            return _confusion_codes(frame)
        if self.kind == "numeric":
            return _numeric_codes(_numbers_or_nan(frame[self.name]), self.edges, self.name)
        return _categorical_codes(frame[self.name])

    def bin_bounds(self, code: int) -> tuple[float | None, float | None]:
        """For a numeric bin: its lower bound (inclusive) and upper (exclusive)."""
        if self.kind != "numeric" or code > len(self.edges):
            return None, None
        low = self.edges[code - 1] if code > 0 else None
        high = self.edges[code] if code < len(self.edges) else None
        return low, high


def confusion_pairs(
    frame: pd.DataFrame, is_error: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The confusion pair of every row: codes (``-1`` for a correct prediction) and
    the true and predicted class of each pair (object arrays of ``str``)."""
    wrong = _is_error(frame) if is_error is None else is_error
    codes = np.full(len(frame), -1, dtype=np.int64)
    if not wrong.any():
        empty = np.array([], dtype=object)
        return codes, empty, empty
    # Only the errors' labels become Python strings (Arrow -> object is the
    # slow step); one code per (label, prediction) pair through the codes of
    # both columns in one shared vocabulary.
    label = frame["label"][wrong].to_numpy(dtype=object)
    prediction = frame["prediction"][wrong].to_numpy(dtype=object)
    vocabulary, both = np.unique(
        np.concatenate([label, prediction]).astype(str), return_inverse=True
    )
    n_wrong = int(wrong.sum())
    pair = both[:n_wrong].astype(np.int64) * len(vocabulary) + both[n_wrong:]
    pairs, inverse = np.unique(pair, return_inverse=True)
    codes[wrong] = inverse
    vocabulary = vocabulary.astype(object)
    return codes, vocabulary[pairs // len(vocabulary)], vocabulary[pairs % len(vocabulary)]


def _confusion_codes(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    codes, labels, predictions = confusion_pairs(frame)
    return codes, _pair_names(labels, predictions)


def _pair_names(labels: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    return np.array(
        [f"{t} -> {p}" for t, p in zip(labels.tolist(), predictions.tolist(), strict=True)],
        dtype=object,
    )


def _categorical_codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    values = column
    if values.hasnans:
        values = values.astype(object).where(values.notna(), "")
    codes, uniques = pd.factorize(values, sort=False)
    names = np.array([str(u).strip() for u in np.asarray(uniques, dtype=object)], dtype=object)
    empty = names == ""
    if empty.any():
        names[empty] = MISSING
        # Merge "" and "  " into one missing slice: recode through the names.
        if int(empty.sum()) > 1:
            merged, first = np.unique(names, return_inverse=True)
            codes = first[codes]
            names = merged.astype(object)
    return codes.astype(np.int64), names


def _is_error(frame: pd.DataFrame) -> np.ndarray:
    """label != prediction for every row, as a numpy bool array."""
    return (frame["label"] != frame["prediction"]).to_numpy(dtype=bool)


def parse_numbers(column: pd.Series) -> np.ndarray | None:
    """A column as floats (NaN where missing or blank), or ``None`` when a value is not a number.

    Text is parsed by Arrow, about ten times faster than ``pd.to_numeric``
    on a million strings; a column of mixed Python objects takes the slow way.
    """
    if pd.api.types.is_bool_dtype(column.dtype) or pd.api.types.is_numeric_dtype(column.dtype):
        return column.to_numpy(dtype=float, na_value=np.nan)
    if pa is None:
        return _numbers_of_objects(column)
    try:
        text = pa.array(column, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return _numbers_of_objects(column)

    def parse(strings: pa.Array) -> pa.Array | None:
        trimmed = pc.utf8_trim_whitespace(strings)
        blank = pc.equal(trimmed, "")
        try:
            return pc.cast(pc.if_else(blank, pa.scalar(None, pa.string()), trimmed), pa.float64())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return None

    # A failed cast of a million strings costs seconds in Arrow: try the head first.
    if len(text) > 1000 and parse(text.slice(0, 1000)) is None:
        return None
    numbers = parse(text)
    return None if numbers is None else numbers.to_numpy(zero_copy_only=False)


def _numbers_of_objects(column: pd.Series) -> np.ndarray | None:
    """:func:`parse_numbers` of a column of mixed Python objects, or without pyarrow."""
    numbers = to_floats(column)
    blank = column.isna() | (column.astype(str).str.strip() == "")
    if (numbers.isna() & ~blank).any():
        return None
    return numbers.to_numpy(dtype=float, na_value=np.nan)


def _numbers_or_nan(column: pd.Series) -> np.ndarray:
    numbers = parse_numbers(column)
    if numbers is None:
        return pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return numbers


def _format_number(value: float) -> str:
    return np.format_float_positional(value, trim="-")


def _bin_names(name: str, edges: tuple[float, ...]) -> list[str]:
    if not edges:
        return [f"{name} (all)"]
    text = [_format_number(e) for e in edges]
    names = [f"{name} < {text[0]}"]
    names += [f"{text[i - 1]} <= {name} < {text[i]}" for i in range(1, len(edges))]
    names.append(f"{name} >= {text[-1]}")
    return names


def _numeric_codes(
    numbers: np.ndarray, edges: tuple[float, ...], name: str
) -> tuple[np.ndarray, np.ndarray]:
    codes = np.searchsorted(np.asarray(edges, dtype=float), numbers, side="right").astype(np.int64)
    names = [*_bin_names(name, edges), MISSING]
    codes[np.isnan(numbers)] = len(edges) + 1
    return codes, np.array(names, dtype=object)


def _round_significant(values: np.ndarray, digits: int) -> np.ndarray:
    out = np.zeros_like(values)
    nonzero = values != 0
    magnitude = np.floor(np.log10(np.abs(values[nonzero])))
    scale = 10.0 ** (digits - 1 - magnitude)
    out[nonzero] = np.round(values[nonzero] * scale) / scale
    return out


def quantile_edges(numbers: np.ndarray, bins: int = DEFAULT_BINS) -> tuple[float, ...]:
    """Readable inner edges cutting ``numbers`` into about ``bins`` equal parts.

    The quantiles at 1/bins, 2/bins, ... are rounded to the fewest
    significant digits (at least 2) that keep them distinct and every bin
    non-empty; ties in the data can leave fewer bins (a column that is 60%
    zeros has no edge inside the zeros).
    """
    valid = np.unique(numbers[np.isfinite(numbers)])
    if bins < 2 or len(valid) < 2:
        return ()
    finite = numbers[np.isfinite(numbers)]
    raw = np.unique(np.quantile(finite, np.arange(1, bins) / bins))
    # An edge at the minimum would leave its lower bin empty. When the minimum
    # itself fills a bin or more (a column that is 60% zeros), it gets a bin
    # of its own: the edge is the next value up.
    if raw[0] <= valid[0]:
        raw = np.unique(np.append(raw, valid[1]))
    raw = raw[(raw > valid[0]) & (raw <= valid[-1])]
    if len(raw) == 0:
        return ()
    for digits in range(2, 16):
        rounded = np.unique(_round_significant(raw, digits))
        rounded = rounded[(rounded > valid[0]) & (rounded <= valid[-1])]
        # Each bin [e_{i-1}, e_i) must hold at least one distinct value.
        filled = np.unique(np.searchsorted(rounded, valid, side="right"))
        if len(rounded) == len(raw) and len(filled) == len(rounded) + 1:
            return tuple(float(e) for e in rounded)
    return tuple(float(e) for e in raw)


def make_breakdown(frame: pd.DataFrame, name: str, bins: int = DEFAULT_BINS) -> Breakdown:
    """The breakdown called ``name``: ``confusion``, ``label``, ``prediction``, or a column.

    A column whose non-missing values are all numbers, with at least
    :data:`NUMERIC_MIN_DISTINCT` distinct values, is binned at its quantiles
    (:func:`quantile_edges`, computed on ``frame``); any other is categorical.
    """
    return _make_breakdown(frame, name, bins)[0]


def _make_breakdown(
    frame: pd.DataFrame, name: str, bins: int
) -> tuple[Breakdown, np.ndarray | None]:
    """The breakdown and, for a numeric one, the parsed column (parsed once)."""
    if name == CONFUSION:
        return Breakdown(CONFUSION, "confusion"), None
    if name in (LABEL, PREDICTION):
        return Breakdown(name, "class"), None
    numbers = parse_numbers(frame[name])
    if numbers is None:
        return Breakdown(name, "categorical"), None
    finite = numbers[np.isfinite(numbers)]
    if pd.Series(finite).nunique() < NUMERIC_MIN_DISTINCT:
        return Breakdown(name, "categorical"), None
    return Breakdown(name, "numeric", quantile_edges(numbers, bins)), numbers


def _metadata(frame: pd.DataFrame, metadata_columns: Sequence[str] | None) -> list[str]:
    if metadata_columns is None:
        return [str(c) for c in frame.columns if c not in _NOT_METADATA]
    return [c for c in metadata_columns if c in frame.columns]


def available_breakdowns(
    frame: pd.DataFrame, metadata_columns: Sequence[str] | None = None
) -> list[str]:
    """Every name :func:`compute_slices` accepts in ``by`` for this frame."""
    names = [CONFUSION, LABEL, PREDICTION]
    if SCORE in frame.columns and frame[SCORE].notna().any():
        names.append(SCORE)
    return names + [c for c in _metadata(frame, metadata_columns) if c not in names]


def default_breakdowns(
    frame: pd.DataFrame, metadata_columns: Sequence[str] | None = None
) -> list[str]:
    """Confusion pairs, the true class and every metadata column.

    Per-class probability columns (see
    :func:`erroranalysis.core.label_issues.probability_columns`) are left
    out: they describe the model, not the data, and their quartiles only
    restate that unconfident predictions are wrong more often.
    """
    from erroranalysis.core.label_issues import probability_columns

    metadata = _metadata(frame, metadata_columns)
    probabilities = set(probability_columns(frame, metadata).values())
    return [CONFUSION, LABEL, *(c for c in metadata if c not in probabilities)]


# --------------------------------------------------------------------------
# The statistics of every slice.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Slice:
    """One slice of the dev set and how its errors compare.

    ``errors`` dev errors among ``examples`` dev examples: ``error_share`` =
    errors / all dev errors, ``rate`` = errors / examples with its exact
    interval, ``rate_elsewhere`` the same for the rest of the dev set, and
    ``lift`` = rate / rate_elsewhere (``inf`` when the rest has no error).

    For a confusion pair ``examples`` is the size of its true class and
    ``rate`` the share of that class predicted as the other; it has no
    elsewhere, lift or significance (``None``).
    """

    breakdown: str
    kind: str
    value: str
    errors: int
    examples: int
    error_share: float
    rate: float
    rate_low: float
    rate_high: float
    rate_elsewhere: float | None = None
    elsewhere_low: float | None = None
    elsewhere_high: float | None = None
    lift: float | None = None
    significant: bool | None = None
    label: str | None = None
    prediction: str | None = None
    low: float | None = None
    high: float | None = None

    @property
    def summary(self) -> str:
        """One readable line: "camera=B has 3.1x the error rate (12% vs 3.9% elsewhere)"."""
        share = format_share(self.error_share)
        if self.kind == "confusion":
            return (
                f"errors of class {self.label} predicted as {self.prediction} are {share} "
                f"of dev error ({self.errors} error{'' if self.errors == 1 else 's'}, "
                f"{format_percent(self.rate)} of class "
                f"{self.label})"
            )
        if self.rate_elsewhere is None:
            rates = f"{format_percent(self.rate)}; the whole dev set"
        else:
            rates = (
                f"{format_percent(self.rate)} vs {format_percent(self.rate_elsewhere)} elsewhere"
                f"{'' if self.significant else '; within noise'}"
            )
        if self.breakdown == LABEL:
            subject = f"errors of class {self.value} are {share} of dev error"
            return f"{subject} (error rate {rates})"
        if self.breakdown == PREDICTION:
            subject = f"errors predicted as {self.value} are {share} of dev error"
            return f"{subject} (error rate {rates})"
        name = self.value if self.kind == "numeric" else f"{self.breakdown}={self.value}"
        if self.lift is None:
            return f"{name} has an error rate of {format_percent(self.rate)} ({share} of dev error)"
        if math.isinf(self.lift):
            return f"{name} has every dev error ({format_percent(self.rate)} error rate)"
        return f"{name} has {_format_lift(self.lift)} the error rate ({rates})"

    def to_json_dict(self) -> dict[str, Any]:
        """The slice in ``slices --format json`` (fractions; ``null`` when not defined)."""
        lift = self.lift
        return {
            "value": self.value,
            "errors": int(self.errors),
            "examples": int(self.examples),
            "error_share": _number(self.error_share),
            "rate": _number(self.rate),
            "rate_low": _number(self.rate_low),
            "rate_high": _number(self.rate_high),
            "rate_elsewhere": _number(self.rate_elsewhere),
            "elsewhere_low": _number(self.elsewhere_low),
            "elsewhere_high": _number(self.elsewhere_high),
            "lift": None if lift is None or math.isinf(lift) else _number(lift),
            "significant": self.significant,
            "label": self.label,
            "prediction": self.prediction,
            "bin_low": _number(self.low),
            "bin_high": _number(self.high),
            "summary": self.summary,
        }


def _format_lift(lift: float) -> str:
    text = f"{lift:.2g}" if lift < 10 else f"{lift:.0f}"
    return f"{text}x"


def _number(value: float | None) -> float | None:
    if value is None:
        return None
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        return None
    return round(value, 12)


@dataclass
class BreakdownResult:
    """The shown slices of one breakdown, best first, and how many were hidden."""

    breakdown: Breakdown
    slices: list[Slice]
    hidden: int
    hidden_errors: int

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "name": self.breakdown.name,
            "kind": self.breakdown.kind,
            "edges": [_number(e) for e in self.breakdown.edges]
            if self.breakdown.kind == "numeric"
            else None,
            "hidden": int(self.hidden),
            "hidden_errors": int(self.hidden_errors),
            "slices": [s.to_json_dict() for s in self.slices],
        }


@dataclass
class SliceReport:
    """Every breakdown of the dev set, with the rules that hid the small slices."""

    dev_size: int
    dev_errors: int
    min_errors: int
    min_examples: int
    confidence: float
    breakdowns: list[BreakdownResult] = field(default_factory=list)

    @property
    def dev_error(self) -> float | None:
        return self.dev_errors / self.dev_size if self.dev_size else None

    def result(self, name: str) -> BreakdownResult:
        for result in self.breakdowns:
            if result.breakdown.name == name:
                return result
        raise KeyError(name)

    def frame(self) -> pd.DataFrame:
        """Every shown slice as one table (the fields of :class:`Slice`, plus ``summary``)."""
        rows = [
            {**{f: getattr(s, f) for f in Slice.__dataclass_fields__}, "summary": s.summary}
            for result in self.breakdowns
            for s in result.slices
        ]
        columns = [*Slice.__dataclass_fields__, "summary"]
        return pd.DataFrame(rows, columns=columns)

    def highlights(self, limit: int = 5) -> list[Slice]:
        """The slices most worth a look, for a short list in the Analysis dock.

        The largest confusion pair and the class with the largest share of dev
        error, then metadata slices whose error rate is significantly higher
        than elsewhere, by lift.
        """
        picked: list[Slice] = []
        for result in self.breakdowns:
            if result.breakdown.kind in ("confusion", "class") and result.slices:
                picked.append(result.slices[0])
        raised = [
            s
            for result in self.breakdowns
            if result.breakdown.kind in ("categorical", "numeric")
            for s in result.slices
            if s.significant and s.lift is not None and s.lift > 1
        ]
        raised.sort(key=lambda s: (-s.lift, -s.errors, s.breakdown, s.value))  # type: ignore[operator]
        return (picked + raised)[:limit]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "dev_size": int(self.dev_size),
            "dev_errors": int(self.dev_errors),
            "dev_error": _number(self.dev_error),
            "min_errors": int(self.min_errors),
            "min_examples": int(self.min_examples),
            "confidence": self.confidence,
            "breakdowns": [b.to_json_dict() for b in self.breakdowns],
        }


def dev_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of the dev split (every row when there is no split column)."""
    if "split" not in frame.columns:
        return frame
    dev = (frame["split"] == "dev").to_numpy()
    return frame if dev.all() else frame[dev]


def compute_slices(
    frame: pd.DataFrame,
    by: Sequence[str] | None = None,
    metadata_columns: Sequence[str] | None = None,
    *,
    min_errors: int = MIN_ERRORS,
    min_examples: int = MIN_EXAMPLES,
    bins: int = DEFAULT_BINS,
    confidence: float = _CONFIDENCE,
) -> SliceReport:
    """Break the dev set of a predictions frame down into slices.

    ``frame`` has the canonical columns (``label``, ``prediction``,
    optionally ``split``, ``score``) and metadata columns
    (``metadata_columns``; ``None`` means every non-canonical column). Only
    the dev rows count. ``by`` names the breakdowns (``confusion``,
    ``label``, ``prediction``, ``score`` or a metadata column); ``None``
    means :func:`default_breakdowns`. A name that is none of these raises a
    :class:`UserError` that lists the available ones.

    A slice is shown when it has at least ``min_errors`` dev errors and
    ``min_examples`` dev examples (a confusion pair: its true class). Confusion
    pairs and classes are ranked by their share of dev error; metadata
    slices with a significant lift by lift, then the others unranked (bins
    in their order, values by their errors), so noise is not ranked.
    """
    dev = _text_labels(dev_rows(frame))
    available = available_breakdowns(dev, metadata_columns)
    names = default_breakdowns(dev, metadata_columns) if by is None else list(dict.fromkeys(by))
    unknown = [n for n in names if n not in available]
    if unknown:
        raise UserError(
            translate(
                "core.errors",
                "no column '{unknown}' to slice by; available: {available}",
            ).format(unknown=unknown[0], available=', '.join(available))
        )
    if min_errors < 0 or min_examples < 0:
        raise ValueError("minimum support cannot be negative")
    is_error = _is_error(dev)
    report = SliceReport(
        dev_size=len(dev),
        dev_errors=int(is_error.sum()),
        min_errors=min_errors,
        min_examples=min_examples,
        confidence=confidence,
    )
    for name in names:
        breakdown, numbers = _make_breakdown(dev, name, bins)
        pairs = None
        if numbers is not None:
            codes, values = _numeric_codes(numbers, breakdown.edges, breakdown.name)
        elif breakdown.kind == "confusion":
            codes, *pairs = confusion_pairs(dev, is_error)
            values = _pair_names(*pairs)
        else:
            codes, values = breakdown.assign(dev)
        report.breakdowns.append(
            _breakdown_result(
                dev,
                is_error,
                breakdown,
                codes,
                values,
                pairs,
                min_errors,
                min_examples,
                confidence,
            )
        )
    return report


def _text_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """Labels and predictions as text (they are, from a predictions file or a session)."""
    if all(
        pd.api.types.is_string_dtype(frame[c].dtype) or frame[c].dtype == object
        for c in ("label", "prediction")
    ):
        return frame
    return frame.assign(
        label=frame["label"].astype(str), prediction=frame["prediction"].astype(str)
    )


def _breakdown_result(
    dev: pd.DataFrame,
    is_error: np.ndarray,
    breakdown: Breakdown,
    codes: np.ndarray,
    values: np.ndarray,
    pairs: list[np.ndarray] | None,
    min_errors: int,
    min_examples: int,
    confidence: float,
) -> BreakdownResult:
    size = len(values)
    total_errors = int(is_error.sum())
    total = len(dev)
    inside = codes >= 0
    errors = np.bincount(codes[inside], weights=is_error[inside], minlength=size).astype(np.int64)
    if pairs is not None:
        pair_labels, pair_predictions = pairs
        class_sizes = dev["label"].value_counts()
        class_sizes.index = class_sizes.index.astype(str)
        examples = class_sizes.reindex(pair_labels).fillna(0).to_numpy(dtype=np.int64)
    else:
        examples = np.bincount(codes[inside], minlength=size).astype(np.int64)
    shown = (errors >= min_errors) & (examples >= min_examples) & (examples > 0)
    index = np.flatnonzero(shown)
    hidden = int(((examples > 0) & ~shown).sum())
    hidden_errors = int(errors[~shown].sum())
    e, n = errors[index], examples[index]
    e_out = total_errors - e
    n_out = total - n
    if pairs is None:
        # The slices' and the elsewheres' intervals in one solve.
        low, high = clopper_pearson(
            np.concatenate([e, e_out]), np.concatenate([n, n_out]), confidence
        )
        low, out_low = low[: len(e)], low[len(e) :]
        high, out_high = high[: len(e)], high[len(e) :]
    else:
        low, high = clopper_pearson(e, n, confidence)
    rate = e / np.maximum(n, 1)
    share = e / total_errors if total_errors else np.zeros(len(index))
    slices: list[Slice] = []
    if pairs is not None:
        for j, i in enumerate(index.tolist()):
            label, prediction = str(pair_labels[i]), str(pair_predictions[i])
            slices.append(
                Slice(
                    breakdown.name,
                    "confusion",
                    str(values[i]),
                    int(e[j]),
                    int(n[j]),
                    float(share[j]),
                    float(rate[j]),
                    float(low[j]),
                    float(high[j]),
                    label=label,
                    prediction=prediction,
                )
            )
        slices.sort(key=lambda s: (-s.error_share, -s.errors, s.value))
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            rate_out = np.where(n_out > 0, e_out / np.maximum(n_out, 1), np.nan)
            lift = np.where(n_out > 0, rate / rate_out, np.nan)
        separate = (n_out > 0) & ((low > out_high) | (high < out_low))
        for j, i in enumerate(index.tolist()):
            bin_low, bin_high = breakdown.bin_bounds(i)
            has_out = bool(n_out[j] > 0)
            slices.append(
                Slice(
                    breakdown.name,
                    breakdown.kind,
                    str(values[i]),
                    int(e[j]),
                    int(n[j]),
                    float(share[j]),
                    float(rate[j]),
                    float(low[j]),
                    float(high[j]),
                    rate_elsewhere=float(rate_out[j]) if has_out else None,
                    elsewhere_low=float(out_low[j]) if has_out else None,
                    elsewhere_high=float(out_high[j]) if has_out else None,
                    lift=float(lift[j]) if has_out and not np.isnan(lift[j]) else None,
                    significant=bool(separate[j]),
                    low=bin_low,
                    high=bin_high,
                )
            )
        if breakdown.kind == "class":
            slices.sort(key=lambda s: (-s.error_share, -s.errors, s.value))
        else:
            # Significant slices by lift, highest first; the rest are not ranked
            # on noise: bins in their order, values by their errors.
            slices.sort(key=lambda s: _metadata_order(s, breakdown.kind, values))
    return BreakdownResult(breakdown, slices, hidden, hidden_errors)


def _metadata_order(s: Slice, kind: str, values: np.ndarray) -> tuple[Any, ...]:
    if s.significant:
        return (0, -(s.lift if s.lift is not None else 0.0), -s.errors, s.value, 0)
    if kind == "numeric":
        code = int(np.flatnonzero(values == s.value)[0])
        return (1, 0.0, 0, "", code)
    return (1, 0.0, -s.errors, s.value, 0)


# --------------------------------------------------------------------------
# A reviewed category crossed with the slices.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Crossing:
    """A category's share among the reviewed errors of one slice, against the rest.

    ``ticked`` of the ``reviewed`` errors in the slice carry the category
    (``share``, exact interval ``share_low``-``share_high``); the same for
    the reviewed errors outside the slice (``*_elsewhere``). ``lift`` =
    share / share_elsewhere (``inf`` when no error outside is ticked).
    """

    category: str
    breakdown: str
    kind: str
    value: str
    reviewed: int
    ticked: int
    share: float
    share_low: float
    share_high: float
    reviewed_elsewhere: int
    ticked_elsewhere: int
    share_elsewhere: float | None
    elsewhere_low: float | None
    elsewhere_high: float | None
    lift: float | None
    significant: bool

    @property
    def summary(self) -> str:
        """ "blurry: 70% of the reviewed errors in 8 -> 1 (7 of 10) vs 20% elsewhere (16 of 80)"."""
        if self.kind in ("confusion", "numeric"):
            where = self.value
        elif self.breakdown == LABEL:
            where = f"class {self.value}"
        elif self.breakdown == PREDICTION:
            where = f"predicted as {self.value}"
        else:
            where = f"{self.breakdown}={self.value}"
        text = (
            f"{self.category}: {format_share(self.share)} of the reviewed errors in {where} "
            f"({self.ticked} of {self.reviewed})"
        )
        if self.share_elsewhere is None:
            return text
        return (
            f"{text} vs {format_share(self.share_elsewhere)} elsewhere "
            f"({self.ticked_elsewhere} of {self.reviewed_elsewhere})"
            f"{'' if self.significant else '; within noise'}"
        )

    def to_json_dict(self) -> dict[str, Any]:
        lift = self.lift
        return {
            "category": self.category,
            "breakdown": self.breakdown,
            "kind": self.kind,
            "value": self.value,
            "reviewed": int(self.reviewed),
            "ticked": int(self.ticked),
            "share": _number(self.share),
            "share_low": _number(self.share_low),
            "share_high": _number(self.share_high),
            "reviewed_elsewhere": int(self.reviewed_elsewhere),
            "ticked_elsewhere": int(self.ticked_elsewhere),
            "share_elsewhere": _number(self.share_elsewhere),
            "elsewhere_low": _number(self.elsewhere_low),
            "elsewhere_high": _number(self.elsewhere_high),
            "lift": None if lift is None or math.isinf(lift) else _number(lift),
            "significant": self.significant,
            "summary": self.summary,
        }


def cross_category(
    report: SliceReport,
    errors: pd.DataFrame,
    ticks: pd.DataFrame,
    *,
    min_reviewed: int = MIN_ERRORS,
    confidence: float = _CONFIDENCE,
) -> list[Crossing]:
    """Each category's share inside each slice against outside it, on reviewed errors.

    ``errors`` holds the reviewed dev errors, one row each, with ``label``,
    ``prediction`` and the metadata columns of the report's breakdowns;
    ``ticks`` is a boolean frame with one row per row of ``errors`` (same
    order) and one column per category name. Slices come from ``report``
    (numeric bins keep the dev set's edges); a slice needs ``min_reviewed``
    reviewed errors. Shares are of the reviewed errors, so their exact
    intervals are Clopper-Pearson on the reviewed counts. Per category, the
    significant crossings come first, by lift.
    """
    if len(errors) != len(ticks):
        raise ValueError("one row of ticks per reviewed error")
    errors = _text_labels(errors)
    matrix = np.asarray(ticks, dtype=bool)
    names = [str(c) for c in ticks.columns]
    total_reviewed = len(errors)
    total_ticked = matrix.sum(axis=0).astype(np.int64)
    crossings: list[Crossing] = []
    for result in report.breakdowns:
        breakdown = result.breakdown
        if breakdown.kind not in ("confusion", "class") and breakdown.name not in errors.columns:
            continue
        codes, values = breakdown.assign(errors)
        size = len(values)
        inside = codes >= 0
        reviewed = np.bincount(codes[inside], minlength=size).astype(np.int64)
        # Ticked counts per (slice, category): one scatter-add over the rows.
        ticked = np.zeros((size, len(names)), dtype=np.int64)
        for c in range(len(names)):
            ticked[:, c] = np.bincount(codes[inside], weights=matrix[inside, c], minlength=size)
        keep = np.flatnonzero(reviewed >= max(min_reviewed, 1))
        if len(keep) == 0 or not names:
            continue
        n_in = np.repeat(reviewed[keep], len(names))
        k_in = ticked[keep].ravel()
        n_out = total_reviewed - n_in
        k_out = np.tile(total_ticked, len(keep)) - k_in
        both_low, both_high = clopper_pearson(
            np.concatenate([k_in, k_out]), np.concatenate([n_in, n_out]), confidence
        )
        low, out_low = both_low[: len(k_in)], both_low[len(k_in) :]
        high, out_high = both_high[: len(k_in)], both_high[len(k_in) :]
        with np.errstate(divide="ignore", invalid="ignore"):
            share = k_in / n_in
            share_out = np.where(n_out > 0, k_out / np.maximum(n_out, 1), np.nan)
            lift = np.where(share_out > 0, share / share_out, np.where(share > 0, np.inf, np.nan))
        separate = (n_out > 0) & ((low > out_high) | (high < out_low))
        for j in range(len(n_in)):
            slice_index = int(keep[j // len(names)])
            category = names[j % len(names)]
            if k_in[j] + k_out[j] == 0:
                continue  # a category never ticked says nothing anywhere
            has_out = bool(n_out[j] > 0)
            crossings.append(
                Crossing(
                    category=category,
                    breakdown=breakdown.name,
                    kind=breakdown.kind,
                    value=str(values[slice_index]),
                    reviewed=int(n_in[j]),
                    ticked=int(k_in[j]),
                    share=float(share[j]),
                    share_low=float(low[j]),
                    share_high=float(high[j]),
                    reviewed_elsewhere=int(n_out[j]),
                    ticked_elsewhere=int(k_out[j]),
                    share_elsewhere=float(share_out[j]) if has_out else None,
                    elsewhere_low=float(out_low[j]) if has_out else None,
                    elsewhere_high=float(out_high[j]) if has_out else None,
                    lift=None if np.isnan(lift[j]) or not has_out else float(lift[j]),
                    significant=bool(separate[j]),
                )
            )
    order = {name: i for i, name in enumerate(names)}
    crossings.sort(
        key=lambda c: (
            order[c.category],
            not c.significant,
            -(c.lift if c.lift is not None else -1.0),
            -c.ticked,
            c.breakdown,
            c.value,
        )
    )
    return crossings
