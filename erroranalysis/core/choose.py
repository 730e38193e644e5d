"""Choosing a model: one optimizing metric, N satisficing ones (METHOD.md §5 and §7).

Drop every candidate that misses a constraint (``latency_ms<=100``), rank the
rest by the optimizing metric, and say whether the winner's lead over the
runner-up is larger than the dev set can resolve:

- both models' predictions on the same dev set: the paired exact test on the
  discordant examples (McNemar's, exact: a sign test), with the exact
  (Clopper-Pearson, conditional on the number of discordant examples)
  interval of the accuracy difference;
- only the two accuracies and the dev set size: Newcombe's hybrid score
  interval of the difference of two independent proportions (Wilson
  intervals combined by MOVER);
- no dev set size: it cannot tell.

The resolution is about accuracy and error, proportions of the dev set;
F1, precision, recall, latency and size have no such interval here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from erroranalysis.core.errors import UserError
from erroranalysis.core.numbers import to_floats
from erroranalysis.core.rates import clean, format_percent
from erroranalysis.i18n import translate

__all__ = [
    "Candidate",
    "CandidateInputs",
    "Choice",
    "Constraint",
    "Resolution",
    "choose_model",
    "load_candidates",
    "metric_direction",
    "metric_name",
    "newcombe_difference_interval",
    "paired_resolution",
    "parse_constraint",
    "unpaired_resolution",
]

Z_95 = 1.959963984540054

#: Metrics that are proportions of the dev set: the resolution applies to them.
RATE_METRICS = {"accuracy": "max", "error": "min"}

_HIGHER = ("accuracy", "acc", "f1", "precision", "recall", "auc", "map", "score", "iou")
_LOWER = ("error", "err", "loss", "latency", "time", "ms", "size", "mb", "memory", "cost")
_OPERATORS = ("<=", ">=", "==", "<", ">", "=")
_CONSTRAINT = re.compile(r"^\s*(?P<metric>[^<>=]+?)\s*(?P<op><=|>=|==|<|>|=)\s*(?P<value>.+?)\s*$")


# --- constraints and directions ---------------------------------------------------------


@dataclass(frozen=True)
class Constraint:
    """``metric op threshold``, e.g. ``latency_ms <= 100``; a percentage threshold is a fraction."""

    metric: str
    op: str
    threshold: float
    text: str

    def holds(self, values: np.ndarray) -> np.ndarray:
        values = np.asarray(values, dtype=float)
        t = self.threshold
        result = {
            "<=": values <= t,
            ">=": values >= t,
            "<": values < t,
            ">": values > t,
            "==": values == t,
        }[self.op]
        return result & ~np.isnan(values)


def parse_constraint(text: str) -> Constraint:
    """Parse ``METRIC<=VALUE`` (or ``<``, ``>=``, ``>``, ``==``); ``VALUE`` may end in ``%``."""
    match = _CONSTRAINT.match(str(text))
    if not match:
        raise UserError(
            translate(
                "core.errors",
                "--satisfice '{text}': write METRIC<=VALUE (or <, >=, >, ==), e.g. --satisfice "
                "'latency_ms<=100'",
            ).format(text=text)
        )
    value_text = match["value"].replace(" ", "")
    percent = value_text.endswith("%")
    try:
        value = float(value_text[:-1] if percent else value_text)
    except ValueError:
        raise UserError(
            translate(
                "core.errors",
                "--satisfice '{text}': '{value}' is not a number; e.g. --satisfice "
                "'latency_ms<=100'",
            ).format(text=text, value=match['value'])
        ) from None
    if not math.isfinite(value):
        raise UserError(
            translate(
                "core.errors",
                "--satisfice '{text}': the threshold must be a finite number",
            ).format(text=text)
        )
    op = "==" if match["op"] == "=" else match["op"]
    return Constraint(
        metric_name(match["metric"]), op, value / 100 if percent else value, text.strip()
    )


def metric_direction(metric: str, maximize: bool = False, minimize: bool = False) -> str:
    """``"max"`` or ``"min"``: higher is better for accuracy/F1/precision/recall, lower for
    error/loss/latency/size; ``maximize``/``minimize`` override the name."""
    if maximize and minimize:
        raise UserError(
            translate(
                "core.errors",
                "give --maximize or --minimize, not both",
            )
        )
    if maximize:
        return "max"
    if minimize:
        return "min"
    words = [w for w in re.split(r"[^a-z0-9]+", metric.lower()) if w]
    if any(w in _LOWER for w in words):
        return "min"
    if any(w in _HIGHER for w in words):
        return "max"
    raise UserError(
        translate(
            "core.errors",
            "--optimize {metric}: cannot tell whether higher or lower is better; add --maximize "
            "or --minimize",
        ).format(metric=metric)
    )


# --- resolution -------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    """Is the winner's lead larger than the dev set's noise?

    ``method``: ``"paired_exact"``, ``"unpaired_newcombe"`` or ``None`` (cannot
    tell); ``low``/``high``: the 95% interval of the winner's lead (in the
    optimizing metric's units, a fraction of the dev set); ``resolved``: the
    interval excludes 0 (``None`` when it cannot tell). Paired: ``winner_only``
    and ``runner_up_only`` count the discordant examples (right by one model
    only) and ``p_value`` is the exact two-sided McNemar (sign test) p-value.
    """

    method: str | None
    dev_size: int | None
    lead: float
    low: float | None
    high: float | None
    resolved: bool | None
    verdict: str
    p_value: float | None = None
    winner_only: int | None = None
    runner_up_only: int | None = None

    def to_json_dict(self) -> dict[str, Any]:
        def number(value: float | None) -> float | None:
            return None if value is None else clean(float(value))

        return {
            "method": self.method,
            "dev_size": self.dev_size,
            "lead": number(self.lead),
            "low": number(self.low),
            "high": number(self.high),
            "resolved": None if self.resolved is None else bool(self.resolved),
            "p_value": None if self.p_value is None else float(self.p_value),
            "winner_only": self.winner_only,
            "runner_up_only": self.runner_up_only,
            "verdict": self.verdict,
        }


def _wilson(successes: float, n: int) -> tuple[float, float]:
    p = successes / n
    z2 = Z_95 * Z_95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z_95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe_difference_interval(
    successes_1: float, n_1: int, successes_2: float, n_2: int
) -> tuple[float, float]:
    """95% interval of ``p1 - p2`` for two independent proportions (Newcombe 1998, method 10)."""
    p1, p2 = successes_1 / n_1, successes_2 / n_2
    l1, u1 = _wilson(successes_1, n_1)
    l2, u2 = _wilson(successes_2, n_2)
    d = p1 - p2
    return (
        d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
        d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
    )


def _binomial_log_pmf(x: np.ndarray, m: int, p: float) -> np.ndarray:
    from erroranalysis.core.weighted import _log_factorial

    log_choose = _log_factorial(np.array([m]))[0] - _log_factorial(x) - _log_factorial(m - x)
    with np.errstate(divide="ignore"):
        return log_choose + x * np.log(p) + (m - x) * np.log1p(-p)


def _binomial_tail_ge(x: int, m: int, p: float) -> float:
    if x <= 0:
        return 1.0
    if p <= 0:
        return 0.0
    if p >= 1:
        return 1.0
    # Beyond 40 standard deviations (+10) of the mean the mass is below 1e-300.
    mean, sd = m * p, math.sqrt(m * p * (1 - p))
    first = max(x, math.floor(mean - 40 * sd - 10))
    last = min(m, math.ceil(mean + 40 * sd + 10))
    if first > last:
        return 0.0 if x > mean else 1.0
    values = np.arange(first, last + 1)
    return float(np.exp(_binomial_log_pmf(values, m, p)).sum())


def _clopper_pearson(x: int, m: int) -> tuple[float, float]:
    """Exact 95% interval of a binomial proportion by bisection on the tails."""

    def solve(target: Any, increasing: bool) -> float:
        low, high = 0.0, 1.0
        for _ in range(60):
            mid = (low + high) / 2
            if target(mid) == increasing:
                high = mid
            else:
                low = mid
        return (low + high) / 2

    lower = 0.0 if x == 0 else solve(lambda p: _binomial_tail_ge(x, m, p) > 0.025, True)
    upper = 1.0 if x == m else solve(lambda p: 1 - _binomial_tail_ge(x + 1, m, p) < 0.025, True)
    return lower, upper


def paired_resolution(winner_only: int, runner_up_only: int, dev_size: int) -> Resolution:
    """The lead in accuracy of the winner on one dev set, from the discordant examples.

    ``winner_only``: examples the winner gets right and the runner-up wrong;
    ``runner_up_only`` the reverse. The lead is their difference over the dev
    size; its interval is the Clopper-Pearson interval of the winner's share
    of the discordant examples mapped onto the difference; the p-value is the
    exact two-sided McNemar (sign) test.
    """
    m = winner_only + runner_up_only
    lead = (winner_only - runner_up_only) / dev_size
    if m == 0:
        return Resolution(
            "paired_exact", dev_size, 0.0, 0.0, 0.0, False,
            "Both models are right and wrong on exactly the same dev examples: the dev set "
            "cannot tell them apart.",
            1.0, 0, 0,
        )  # fmt: skip
    smaller = min(winner_only, runner_up_only)
    p_value = min(1.0, 2 * (1 - _binomial_tail_ge(smaller + 1, m, 0.5)))
    share_low, share_high = _clopper_pearson(winner_only, m)
    low = (2 * share_low - 1) * m / dev_size
    high = (2 * share_high - 1) * m / dev_size
    resolved = bool(low > 0)
    counts = (
        f"{winner_only} dev examples right only by the winner, {runner_up_only} only by the "
        f"runner-up"
    )
    verdict = (
        f"{counts}: the lead of {format_percent(lead)} has the paired 95% interval "
        f"{format_percent(low)} to {format_percent(high)} (exact McNemar p = {p_value:.2g}): "
        + (
            "larger than the dev set's noise."
            if resolved
            else "within the dev set's noise; the two cannot be told apart on this dev set."
        )
    )
    return Resolution(
        "paired_exact", dev_size, lead, low, high, resolved, verdict, p_value,
        winner_only, runner_up_only,
    )  # fmt: skip


def unpaired_resolution(rate_winner: float, rate_runner: float, dev_size: int) -> Resolution:
    """The lead between two accuracies (or errors) on a dev set of ``dev_size``, unpaired."""
    k_winner = rate_winner * dev_size
    k_runner = rate_runner * dev_size
    low, high = newcombe_difference_interval(k_winner, dev_size, k_runner, dev_size)
    lead = rate_winner - rate_runner
    if lead < 0:  # an error rate: the winner's lead is the runner-up's excess
        low, high = -high, -low
        lead = -lead
    resolved = bool(low > 0)
    verdict = (
        f"The lead of {format_percent(lead)} ({round(lead * dev_size)} of {dev_size} dev "
        f"examples) has the 95% interval {format_percent(low)} to {format_percent(high)} "
        "(two independent proportions, Newcombe): "
        + (
            "larger than the dev set's noise."
            if resolved
            else "within the dev set's noise; the two cannot be told apart on this dev set "
            "(a paired test on both models' predictions may still tell: give --model NAME=FILE)."
        )
    )
    return Resolution("unpaired_newcombe", dev_size, lead, low, high, resolved, verdict)


# --- choosing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """One candidate model: its metrics, whether it meets every constraint, what it missed."""

    name: str
    metrics: dict[str, float]
    missed: list[str]
    rank: int | None

    @property
    def meets_constraints(self) -> bool:
        return not self.missed


@dataclass
class Choice:
    """The outcome of :func:`choose_model`.

    ``candidates``: the ranked models that meet every constraint first
    (``rank`` 1, 2, ...), then the others, fewest missed constraints first
    (the nearest misses). ``winner``/``runner_up`` are names or ``None``.
    """

    metric: str
    direction: str
    constraints: list[Constraint]
    candidates: list[Candidate]
    winner: str | None
    runner_up: str | None
    lead: float | None
    resolution: Resolution | None
    source: str
    verdict: str
    notes: list[str] = field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        """The ``choose --format json`` contract."""

        def number(value: float) -> float | None:
            return None if value is None or math.isnan(value) else clean(float(value))

        return {
            "source": self.source,
            "optimize": {"metric": self.metric, "direction": self.direction},
            "constraints": [c.text for c in self.constraints],
            "models": [
                {
                    "name": c.name,
                    "rank": c.rank,
                    "meets_constraints": c.meets_constraints,
                    "missed": c.missed,
                    "metrics": {k: number(v) for k, v in c.metrics.items()},
                }
                for c in self.candidates
            ],
            "winner": self.winner,
            "runner_up": self.runner_up,
            "lead": None if self.lead is None else clean(self.lead),
            "resolution": None if self.resolution is None else self.resolution.to_json_dict(),
            "notes": self.notes,
            "verdict": self.verdict,
        }


def _describe(metric: str, value: float) -> str:
    if math.isnan(value):
        return "–"
    if metric in RATE_METRICS or metric in ("f1", "precision", "recall"):
        return format_percent(value)
    return f"{value:g}"


def choose_model(
    table: pd.DataFrame,
    metric: str,
    constraints: Sequence[Constraint],
    direction: str,
    *,
    source: str = "table",
    dev_size: int | None = None,
    paired: dict[tuple[str, str], tuple[int, int, int]] | None = None,
    notes: Sequence[str] = (),
) -> Choice:
    """Rank the candidates in ``table`` (index: model names, float metric columns).

    ``paired[(a, b)] = (a_only, b_only, dev_size)`` gives the discordant counts
    of two models' predictions on one dev set (for the paired resolution);
    ``dev_size`` the size for the unpaired one. Raises :class:`UserError` for a
    metric or constraint naming no column.
    """
    columns = list(table.columns)
    for name in [metric, *(c.metric for c in constraints)]:
        if name not in columns:
            raise UserError(
                translate(
                    "core.errors",
                    "no metric column '{name}'; the metrics are: {metrics}",
                ).format(name=name, metrics=', '.join(columns) or translate("core.errors", "none"))
            )
    values = table[metric].to_numpy(dtype=float)
    missed: list[list[str]] = [[] for _ in range(len(table))]
    shortfall = np.zeros(len(table))  # how far off, relative to each threshold
    for constraint in constraints:
        column = table[constraint.metric].to_numpy(dtype=float)
        holds = constraint.holds(column)
        scale = max(abs(constraint.threshold), 1e-12)
        shortfall += np.where(
            holds, 0.0, np.nan_to_num(np.abs(column - constraint.threshold) / scale, nan=np.inf)
        )
        for i in np.flatnonzero(~holds):
            actual = _describe(constraint.metric, float(table[constraint.metric].iloc[i]))
            missed[i].append(f"{constraint.text} (is {actual})")
    meets = np.array([not m for m in missed]) & ~np.isnan(values)
    for i in np.flatnonzero(np.isnan(values)):
        missed[i].append(f"no {metric} value")
    sign = -1.0 if direction == "max" else 1.0
    order_ok = [i for i in np.argsort(sign * values, kind="stable") if meets[i]]
    # Nearest misses: fewest missed constraints, then the smallest relative
    # shortfall (95 ms against <= 50 is nearer than 1,500 ms), then the best value.
    rest = sorted(
        (i for i in range(len(table)) if not meets[i]),
        key=lambda i: (
            len(missed[i]),
            shortfall[i],
            sign * np.nan_to_num(values[i], nan=np.inf),
        ),
    )
    names = [str(n) for n in table.index]
    metrics = [{c: float(table[c].iloc[i]) for c in columns} for i in range(len(table))]
    candidates = [
        Candidate(names[i], metrics[i], missed[i], rank) for rank, i in enumerate(order_ok, start=1)
    ] + [Candidate(names[i], metrics[i], missed[i], None) for i in rest]

    winner = names[order_ok[0]] if order_ok else None
    runner_up = names[order_ok[1]] if len(order_ok) > 1 else None
    lead = None
    resolution = None
    better = "higher" if direction == "max" else "lower"
    if winner is None:
        verdict = "No model meets every constraint."
        if rest:
            nearest = candidates[0]
            verdict += f" Nearest: {nearest.name}, which misses {'; '.join(nearest.missed)}."
    elif runner_up is None:
        verdict = f"{winner} wins: the only model that meets every constraint."
    else:
        lead = abs(values[order_ok[0]] - values[order_ok[1]])
        tie = lead == 0
        verdict = (
            f"{winner} and {runner_up} tie on {metric}."
            if tie
            else f"{winner} wins: {_lead_text(metric, lead)} {better} {metric} than {runner_up}."
        )
        resolution = _resolution(
            metric, winner, runner_up, values[order_ok[0]], values[order_ok[1]],
            dev_size, paired,
        )  # fmt: skip
        if resolution.method is not None or metric in RATE_METRICS:
            verdict += " " + resolution.verdict
    dropped = [c for c in candidates if c.rank is None and c.missed]
    if dropped and winner is not None:
        verdict += (
            " Dropped: "
            + "; ".join(f"{c.name} misses {', '.join(c.missed)}" for c in dropped)
            + "."
        )
    return Choice(
        metric, direction, list(constraints), candidates, winner, runner_up,
        None if lead is None else float(lead), resolution, source, verdict, list(notes),
    )  # fmt: skip


def _lead_text(metric: str, lead: float) -> str:
    if metric in RATE_METRICS or metric in ("f1", "precision", "recall"):
        points = round(lead * 100, 10)
        return f"{points:.3g} point{'s' if points != 1 else ''}"
    return f"{lead:g}"


def _resolution(
    metric: str,
    winner: str,
    runner_up: str,
    value_winner: float,
    value_runner: float,
    dev_size: int | None,
    paired: dict[tuple[str, str], tuple[int, int, int]] | None,
) -> Resolution:
    lead = abs(value_winner - value_runner)
    if metric not in RATE_METRICS:
        return Resolution(
            None, dev_size, lead, None, None, None,
            f"The dev set's resolution is computed for accuracy and error only, not {metric}.",
        )  # fmt: skip
    if paired is not None and (winner, runner_up) in paired:
        winner_only, runner_only, size = paired[(winner, runner_up)]
        return paired_resolution(winner_only, runner_only, size)
    if dev_size:
        return unpaired_resolution(value_winner, value_runner, dev_size)
    return Resolution(
        None, None, lead, None, None, None,
        "Without the dev set size (--dev-size N) or both models' predictions (--model), it "
        "cannot tell whether the lead is larger than the dev set's noise.",
    )  # fmt: skip


# --- inputs: a table of runs, or predictions files ------------------------------------------

_NAME_COLUMNS = ("name", "model", "run", "candidate", "classifier", "id")
_PERCENT_METRICS = ("accuracy", "error", "precision", "recall", "f1")


def metric_name(column: str) -> str:
    """How a metric is named: lower case, every run of other characters one ``_``
    (``Running time (ms)`` -> ``running_time_ms``)."""
    return re.sub(r"[^0-9a-z]+", "_", str(column).strip().lower()).strip("_")


def read_candidates(
    raw: pd.DataFrame, source: str, name_column: str | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """A table of candidate models (text cells) as floats indexed by model name.

    The name column is ``name_column`` or the first of name/model/run/...;
    metric columns are named by :func:`metric_name`. A column is
    a metric when every cell is a number (``92%`` is 0.92; empty is missing);
    accuracy, error, precision, recall and F1 written as 0-100 are read as
    percentages. With precision and recall and no F1, F1 = 2PR/(P+R) is
    added. Returns the table and notes on what was read how.
    """
    notes: list[str] = []
    columns = list(raw.columns)
    by_metric = {metric_name(c): c for c in columns}
    if name_column is not None:
        if name_column not in columns and metric_name(name_column) not in by_metric:
            raise UserError(
                translate(
                    "core.errors",
                    "{source}: no column '{name_column}' (given by --name-col); the columns are: "
                    "{columns}",
                ).format(source=source, name_column=name_column, columns=', '.join(columns))
            )
        name_source = name_column if name_column in columns else by_metric[metric_name(name_column)]
    else:
        name_source = next((by_metric[n] for n in _NAME_COLUMNS if n in by_metric), columns[0])
    names = raw[name_source].astype(str).str.strip()
    if (names == "").any():
        row = int(np.argmax((names == "").to_numpy())) + 2
        raise UserError(
            translate(
                "core.errors",
                "{source}, line {row}: empty model name in column '{name_source}'",
            ).format(source=source, row=row, name_source=name_source)
        )
    if names.duplicated().any():
        raise UserError(
            translate(
                "core.errors",
                "{source}: model '{model}' appears twice in column '{name_source}'; give each "
                "candidate one row",
            ).format(
                source=source,
                model=names[names.duplicated()].iloc[0],
                name_source=name_source,
            )
        )
    table = pd.DataFrame(index=pd.Index(names.to_numpy(), name="name"))
    for column in columns:
        if column == name_source:
            continue
        text = raw[column].astype(str).str.strip()
        percent = text.str.endswith("%")
        numbers = to_floats(text.str.rstrip("%").str.strip())
        numbers = numbers.where(~percent, numbers / 100)
        if (numbers.isna() & (text != "")).any() or numbers.isna().all():
            continue  # not a metric (a comment, a path): left out
        metric = metric_name(column)
        values = numbers.to_numpy(dtype=float)
        if metric in _PERCENT_METRICS and np.nanmax(values) > 1 and np.nanmax(values) <= 100:
            values = values / 100
            notes.append(f"{metric} read as percentages (values above 1)")
        table[metric] = values
    if "f1" not in table and {"precision", "recall"} <= set(table.columns):
        p, r = table["precision"].to_numpy(), table["recall"].to_numpy()
        with np.errstate(invalid="ignore", divide="ignore"):
            table["f1"] = np.where(p + r > 0, 2 * p * r / (p + r), 0.0)
        notes.append("f1 = 2PR/(P+R) from the precision and recall columns")
    return table, notes


def text_metric_problem(raw: pd.DataFrame, metric: str, source: str) -> str | None:
    """Why ``metric`` is not a metric column of ``raw`` (a non-number cell), or None."""
    for column in raw.columns:
        if metric_name(column) != metric:
            continue
        text = raw[column].astype(str).str.strip()
        numbers = to_floats(text.str.rstrip("%").str.strip())
        bad = numbers.isna() & (text != "")
        if bad.any():
            row = int(np.argmax(bad.to_numpy())) + 2
            return translate(
                "core.errors",
                "{source}, line {row}: '{value}' in column '{column}' is not a number",
            ).format(source=source, row=row, value=text[bad].iloc[0], column=column)
    return None


def prediction_metrics(labels: np.ndarray, predictions: np.ndarray) -> dict[str, float]:
    """accuracy, error and macro precision/recall/F1 of one model's dev predictions."""
    from erroranalysis.core.metrics import compute_metrics

    result = compute_metrics(labels, predictions)
    return {
        "accuracy": result.accuracy,
        "error": 1.0 - result.accuracy,
        "precision": result.macro.precision,
        "recall": result.macro.recall,
        "f1": result.macro.f1,
    }


def discordant_counts(correct_a: np.ndarray, correct_b: np.ndarray) -> tuple[int, int]:
    """Examples right only by A, and right only by B (both arrays aligned on one dev set)."""
    a = np.asarray(correct_a, dtype=bool)
    b = np.asarray(correct_b, dtype=bool)
    return int((a & ~b).sum()), int((b & ~a).sum())


@dataclass
class CandidateInputs:
    """Candidate models read from a table and/or predictions files (see :func:`load_candidates`).

    ``table``: metrics indexed by model name; ``paired``: discordant counts of every pair
    of predictions files; ``dev_size``: the dev set size behind the rates (``None`` when
    unknown); ``source``: ``"table"``, ``"predictions"`` or ``"predictions+table"``;
    ``raw``: the table's text cells (to name a cell that is not a number).
    """

    table: pd.DataFrame
    paired: dict[tuple[str, str], tuple[int, int, int]] | None
    dev_size: int | None
    notes: list[str]
    source: str
    raw: pd.DataFrame | None = None
    table_path: str = ""

    def check_metrics(self, names: Sequence[str]) -> None:
        """A metric of ``names`` missing because a table cell is not a number: say which."""
        if self.raw is None:
            return
        for name in names:
            if name not in self.table.columns:
                problem = text_metric_problem(self.raw, name, self.table_path)
                if problem:
                    raise UserError(problem)


def load_candidates(
    table_path: str | Path | None,
    models: Sequence[tuple[str, str | Path]] = (),
    *,
    columns: Any = None,
    weight_rules: Sequence[Any] = (),
    name_column: str | None = None,
    dev_size: int | None = None,
) -> CandidateInputs:
    """The candidates of ``erroranalysis choose`` (and of the app's Choose a model dialog).

    ``table_path``: a table of runs (one row per model: a name column and metric
    columns, :func:`read_candidates`); ``models``: (name, predictions file) pairs
    whose dev rows give accuracy, error and macro P/R/F1 (and ``weighted_error``
    with weights), joined with the table by name. ``columns``: a
    :class:`~erroranalysis.core.predictions.ColumnNames`; ``weight_rules``:
    parsed :class:`~erroranalysis.core.weighted.WeightRule`.
    """
    from erroranalysis.core.predictions import read_table

    if not table_path and not models:
        raise UserError(
            translate(
                "core.errors",
                "choose needs a table of candidates (RUNS) or --model NAME=FILE",
            )
        )
    if dev_size is not None and dev_size <= 0:
        raise UserError(
            translate(
                "core.errors",
                "--dev-size must be a positive number of examples, not {dev_size}",
            ).format(dev_size=dev_size)
        )
    notes: list[str] = []
    table: pd.DataFrame | None = None
    raw = None
    source = "table"
    if table_path:
        raw, _ = read_table(Path(table_path))
        if len(raw) == 0:
            raise UserError(
                translate(
                    "core.errors",
                    "{table_path}: the table has a header but no rows",
                ).format(table_path=table_path)
            )
        table, notes = read_candidates(raw, str(table_path), name_column)
    paired = None
    if models:
        computed, paired, dev_size, weighted_note = _from_predictions(
            models, columns, weight_rules
        )
        notes += weighted_note
        source = "predictions" if table is None else "predictions+table"
        if table is not None:
            missing = [name for name in computed.index if name not in table.index]
            if missing:
                raise UserError(
                    translate(
                        "core.errors",
                        "{table_path}: no row for model '{missing}' (given by --model); the "
                        "table's models are: {models}",
                    ).format(
                        table_path=table_path,
                        missing=missing[0],
                        models=', '.join(map(str, table.index)),
                    )
                )
            overridden = [c for c in computed.columns if c in table.columns]
            if overridden:
                notes.append(
                    f"{', '.join(overridden)} computed from the predictions, not taken from the "
                    "table"
                )
            table = computed.join(table.drop(columns=overridden), how="left")
        else:
            table = computed
    assert table is not None
    return CandidateInputs(table, paired, dev_size, notes, source, raw, str(table_path or ""))


def _from_predictions(
    models: Sequence[tuple[str, str | Path]], columns: Any, weight_rules: Sequence[Any]
) -> tuple[pd.DataFrame, dict[tuple[str, str], tuple[int, int, int]], int, list[str]]:
    """Metrics per model from its dev predictions, and the discordant counts of every pair."""
    from erroranalysis.core.model_pairing import aligned_positions, pair_dev_errors
    from erroranalysis.core.predictions import load_predictions
    from erroranalysis.core.weighted import weighted_error

    names = [name for name, _ in models]
    if len(set(names)) != len(names):
        duplicate = next(n for n in names if names.count(n) > 1)
        raise UserError(
            translate(
                "core.errors",
                "--model: the name '{duplicate}' is given twice",
            ).format(duplicate=duplicate)
        )
    loaded = [load_predictions(path, columns, weight_rules) for _, path in models]
    rows = []
    for preds in loaded:
        dev = preds.dev
        metrics = prediction_metrics(dev["label"].to_numpy(), dev["prediction"].to_numpy())
        if preds.weighted:
            is_error = (dev["label"] != dev["prediction"]).to_numpy()
            metrics["weighted_error"] = weighted_error(is_error, dev["weight"].to_numpy())
        rows.append(metrics)
    table = pd.DataFrame(rows, index=pd.Index(names, name="name"))
    notes = []
    if "weighted_error" in table.columns:
        notes.append("weighted_error: the dev error weighted by the files' weights (METHOD.md §6)")
    by_id = all("id" in p.mapping for p in loaded)
    first = loaded[0]
    correct = {}
    for name, preds in zip(names, loaded, strict=True):
        if preds is not first:
            pair_dev_errors(first.dev, str(first.path), preds.dev, str(preds.path), by_id=by_id)
        positions = aligned_positions(first.dev, preds.dev, by_id=by_id)
        dev = preds.dev
        right = (dev["label"] == dev["prediction"]).to_numpy()
        correct[name] = np.asarray(right)[positions]
    paired = {}
    for a in names:
        for b in names:
            if a != b:
                a_only, b_only = discordant_counts(correct[a], correct[b])
                paired[(a, b)] = (a_only, b_only, first.dev_size)
    return table, paired, first.dev_size, notes
