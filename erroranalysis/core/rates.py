"""Error rates as the user types them (``0.08``, ``8%``) and as the app prints them."""

from __future__ import annotations

import math

from erroranalysis.core.errors import UserError

__all__ = ["ROUND_DIGITS", "clean", "format_percent", "parse_rate"]

#: Digits kept when rounding computed rates: enough for any real data set,
#: few enough to drop binary noise (0.08 - 0.01 prints 0.07, not 0.06999...).
ROUND_DIGITS = 12


def parse_rate(text: str, name: str | None = None) -> float:
    """Parse an error rate given as a fraction (``0.08``) or a percentage (``8%``).

    Spaces are ignored (``" 8 % "`` is 8%). A bare number above 1 is refused
    rather than guessed at: ``8`` could mean 8% or be a typo of ``0.8``.
    ``name`` (for example ``"--train"``) prefixes the error message so the
    user knows which flag to fix.

    Returns the rate as a fraction in [0, 1]; raises :class:`UserError` for
    anything else.
    """
    where = f"{name}: " if name else ""
    raw = str(text)
    compact = "".join(raw.split())
    percent = compact.endswith("%")
    number_text = compact[:-1] if percent else compact
    try:
        value = float(number_text)
    except ValueError:
        raise UserError(
            f"{where}rate '{raw.strip()}' is not a number; "
            "write a fraction like 0.08 or a percentage like 8%"
        ) from None
    if not math.isfinite(value):
        raise UserError(
            f"{where}rate '{raw.strip()}' is not a finite number; "
            "write a fraction like 0.08 or a percentage like 8%"
        )
    if value < 0:
        raise UserError(f"{where}rate '{raw.strip()}' is negative; error rates are 0 or more")
    if percent:
        if value > 100:
            raise UserError(f"{where}rate '{raw.strip()}' is above 100%; error rates are 0%-100%")
        return clean(value / 100)
    if value > 1:
        raise UserError(
            f"{where}rate '{raw.strip()}' must be a fraction like 0.08 or a percentage like 8%"
        )
    return clean(value)


def clean(value: float) -> float:
    """Round away binary noise from a computed rate (``0.1 - 0.03`` -> ``0.07``)."""
    rounded = round(value, ROUND_DIGITS)
    # -0.0 would print as "-0%"; a zero gap is just zero.
    return 0.0 if rounded == 0 else rounded


def format_percent(value: float | None, signed: bool = False) -> str:
    """Print a fraction as a short percentage: 0.006 -> ``0.6%``, 0.1 -> ``10%``.

    Three significant digits (at least two decimals below 1%) are enough to
    read a ladder of error rates; ``None`` prints as an en dash.
    """
    if value is None:
        return "–"
    percent = round(value * 100, 10)
    if percent == 0:
        text = "0"
    else:
        text = f"{abs(percent):.3g}" if abs(percent) >= 1 else f"{abs(percent):.2g}"
        if "e" in text:
            text = f"{abs(percent):.6f}".rstrip("0").rstrip(".")
        if percent < 0:
            text = "-" + text
        elif signed:
            text = "+" + text
    return f"{text}%"
