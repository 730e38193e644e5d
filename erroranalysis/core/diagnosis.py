"""Bias, variance and data mismatch: which gap in the error ladder to work on (METHOD §4).

The ladder is human-level -> training -> training-dev -> dev -> test error.
Each step between two rungs is a gap with its own remedies; the largest gap
is the primary problem and every gap at least half as large is named too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from erroranalysis.core.errors import UserError
from erroranalysis.core.rates import clean
from erroranalysis.i18n import translate

__all__ = [
    "ADVICE",
    "GAPS",
    "GAP_TITLES",
    "LEVELS",
    "LEVEL_TITLES",
    "Diagnosis",
    "diagnose",
]

#: The rungs of the ladder, lowest error first.
LEVELS: tuple[str, ...] = ("human", "train", "train_dev", "dev", "test")

LEVEL_TITLES: dict[str, str] = {
    "human": "human-level",
    "train": "train",
    "train_dev": "train-dev",
    "dev": "dev",
    "test": "test",
}

#: The gaps, in ladder order; this order also breaks ties between equal gaps.
GAPS: tuple[str, ...] = ("avoidable_bias", "variance", "data_mismatch", "dev_overfitting")

GAP_TITLES: dict[str, str] = {
    "avoidable_bias": "avoidable bias",
    "variance": "variance",
    "data_mismatch": "data mismatch",
    "dev_overfitting": "overfitting to the dev set",
}

#: The course's remedies for each gap (METHOD §4), one sentence each.
ADVICE: dict[str, str] = {
    "avoidable_bias": (
        "Reduce avoidable bias: train a bigger model, train longer or with a better "
        "optimiser (momentum, RMSprop, Adam), or try another architecture or a "
        "hyper-parameter search."
    ),
    "variance": (
        "Reduce variance: get more training data, add regularisation (L2, dropout, "
        "data augmentation), or try another architecture or a hyper-parameter search."
    ),
    "data_mismatch": (
        "Reduce data mismatch: do error analysis to see how the training data differs "
        "from dev/test, then make the training data more like dev/test (for example by "
        "artificial data synthesis) or collect more data like dev/test."
    ),
    "dev_overfitting": (
        "Reduce overfitting to the dev set: get a bigger dev set."
    ),
}


@dataclass(frozen=True)
class Diagnosis:
    """The error ladder, its gaps and what to work on.

    Rates and gaps are fractions (0.08 for 8%); a rate is ``None`` when it
    was not given and a gap is ``None`` when a rate it needs is missing.
    ``problems`` lists every positive gap at least half the largest, largest
    first; ``primary`` is the first of them (``None`` when there is none);
    ``advice`` has one sentence of remedies per problem, in the same order.
    """

    human: float | None
    train: float | None
    train_dev: float | None
    dev: float | None
    test: float | None
    avoidable_bias: float | None
    variance: float | None
    data_mismatch: float | None
    dev_overfitting: float | None
    primary: str | None
    problems: tuple[str, ...]
    advice: tuple[str, ...]

    def rate(self, level: str) -> float | None:
        """The error rate of one rung of :data:`LEVELS`."""
        return getattr(self, level)

    def gap(self, name: str) -> float | None:
        """The size of one gap of :data:`GAPS`."""
        return getattr(self, name)

    def to_json_dict(self) -> dict[str, object]:
        """The diagnosis as JSON-ready values: fractions, gap names, advice strings."""
        out: dict[str, object] = {}
        for name in (*LEVELS, *GAPS):
            value = getattr(self, name)
            out[name] = None if value is None else clean(value)
        out["primary"] = self.primary
        out["problems"] = list(self.problems)
        out["advice"] = list(self.advice)
        return out


def _check_rate(name: str, value: float | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise UserError(
            translate(
                "core.errors",
                "{level} error '{value}' is not a number; give a fraction like 0.08",
            ).format(level=translate("core", LEVEL_TITLES[name]), value=value)
        ) from None
    if not math.isfinite(number) or not 0.0 <= number <= 1.0:
        raise UserError(
            translate(
                "core.errors",
                "{level} error {value} is not a fraction between 0 and 1; give it like "
                "0.08 or 8%",
            ).format(level=translate("core", LEVEL_TITLES[name]), value=value)
        )
    return number


def _difference(high: float | None, low: float | None) -> float | None:
    if high is None or low is None:
        return None
    return clean(high - low)


def diagnose(
    human: float | None,
    train: float | None,
    train_dev: float | None,
    dev: float | None,
    test: float | None,
) -> Diagnosis:
    """Compute the gaps of the error ladder and name the problems worth working on.

    All rates are fractions in [0, 1] or ``None`` when unknown. Gaps (METHOD §4):

    - avoidable bias = train - human
    - variance = train_dev - train, or dev - train when there is no train-dev rate
    - data mismatch = dev - train_dev (only with a train-dev rate)
    - dev overfitting = test - dev (only with a test rate)

    A gap of zero or less is never a problem (a negative gap, such as a model
    beating human level, means there is nothing to reduce there).

    Raises :class:`UserError` when a rate is not a fraction in [0, 1].
    """
    human = _check_rate("human", human)
    train = _check_rate("train", train)
    train_dev = _check_rate("train_dev", train_dev)
    dev = _check_rate("dev", dev)
    test = _check_rate("test", test)

    gaps: dict[str, float | None] = {
        "avoidable_bias": _difference(train, human),
        # Without a train-dev slice, dev - train mixes variance with any data
        # mismatch; the course still reads it as variance.
        "variance": _difference(train_dev, train) if train_dev is not None
        else _difference(dev, train),
        "data_mismatch": _difference(dev, train_dev),
        "dev_overfitting": _difference(test, dev),
    }

    known = [(name, value) for name, value in gaps.items() if value is not None]
    problems: tuple[str, ...] = ()
    if known:
        largest = max(value for _, value in known)
        if largest > 0:
            # Gaps are already rounded, so "at least half" is not upset by
            # binary noise (0.5 * 0.1 vs 0.05).
            named = [(n, v) for n, v in known if v > 0 and v >= clean(largest / 2)]
            # sorted() is stable, so equal gaps keep ladder order.
            named.sort(key=lambda item: -item[1])
            problems = tuple(name for name, _ in named)

    return Diagnosis(
        human=human,
        train=train,
        train_dev=train_dev,
        dev=dev,
        test=test,
        avoidable_bias=gaps["avoidable_bias"],
        variance=gaps["variance"],
        data_mismatch=gaps["data_mismatch"],
        dev_overfitting=gaps["dev_overfitting"],
        primary=problems[0] if problems else None,
        problems=problems,
        advice=tuple(ADVICE[name] for name in problems),
    )
