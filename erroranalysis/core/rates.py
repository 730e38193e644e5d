"""Error rates as the user types them (``0.08``, ``8%``) and as the app prints them."""

from __future__ import annotations

import math

from erroranalysis.core.errors import UserError
from erroranalysis.i18n import translate

__all__ = ["ROUND_DIGITS", "clean", "format_percent", "parse_rate", "parse_rates"]

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
            translate(
                "core.errors",
                "{where}rate '{raw}' is not a number; write a fraction like 0.08 or a percentage "
                "like 8%",
            ).format(where=where, raw=raw.strip())
        ) from None
    if not math.isfinite(value):
        raise UserError(
            translate(
                "core.errors",
                "{where}rate '{raw}' is not a finite number; write a fraction like 0.08 or a "
                "percentage like 8%",
            ).format(where=where, raw=raw.strip())
        )
    if value < 0:
        raise UserError(
            translate(
                "core.errors",
                "{where}rate '{raw}' is negative; error rates are 0 or more",
            ).format(where=where, raw=raw.strip())
        )
    if percent:
        if value > 100:
            raise UserError(
                translate(
                    "core.errors",
                    "{where}rate '{raw}' is above 100%; error rates are 0%-100%",
                ).format(where=where, raw=raw.strip())
            )
        return clean(value / 100)
    if value > 1:
        raise UserError(
            translate(
                "core.errors",
                "{where}rate '{raw}' must be a fraction like 0.08 or a percentage like 8%",
            ).format(where=where, raw=raw.strip())
        )
    return clean(value)


def _has_percent(text: str) -> bool:
    return "".join(str(text).split()).endswith("%")


def parse_rates(texts: dict[str, str]) -> dict[str, float]:
    """Parse several rates given together (one command's flags), refusing mixed units.

    ``texts`` maps a name (the flag, e.g. ``"--train"``) to what the user
    typed. Each is read by :func:`parse_rate`, and then:

    - a number without a % sign beside one with it is refused (``--human 1
      --train 8%``: is the 1 a fraction, 100%, or a percentage missing its
      sign?), unless it is 0, which is the same in both units;
    - a bare 1 is refused wherever it appears: as a fraction it means every
      example is wrong, far more often it is 1% missing its sign.

    So every rate is written the same way: all as percentages (``1% 8%
    10%``) or all as fractions (``0.01 0.08 0.1``); the caller should say
    that bare numbers were read as fractions. Raises :class:`UserError`
    naming the flags.
    """
    rates = {name: parse_rate(text, name) for name, text in texts.items()}
    with_sign = [name for name, text in texts.items() if _has_percent(text)]
    bare = [
        name for name, text in texts.items() if not _has_percent(text) and rates[name] != 0
    ]
    if with_sign and bare:
        first_bare, first_sign = bare[0], with_sign[0]
        raise UserError(
            translate(
                "core.errors",
                "{first_bare} {bare_text} has no % sign but {first_sign} {sign_text} has one: "
                "write "
                "every rate the same way, as percentages (1%, 8%, 10%) or as fractions (0.01, "
                "0.08, 0.1)",
            ).format(
                first_bare=first_bare,
                bare_text=str(texts[first_bare]).strip(),
                first_sign=first_sign,
                sign_text=str(texts[first_sign]).strip(),
            )
        )
    for name, text in texts.items():
        if not _has_percent(text) and rates[name] == 1:
            raise UserError(
                translate(
                    "core.errors",
                    "{name}: '{text}' is ambiguous: write 1% for one percent, or 100% for every "
                    "example wrong",
                ).format(name=name, text=str(text).strip())
            )
    return rates


def clean(value: float) -> float:
    """Round away binary noise from a computed rate (``0.1 - 0.03`` -> ``0.07``)."""
    rounded = round(value, ROUND_DIGITS)
    # -0.0 would print as "-0%"; a zero gap is just zero.
    return 0.0 if rounded == 0 else rounded


def format_percent(value: float | None, signed: bool = False) -> str:
    """A rate of the dev set as the whole app prints one: two decimals, always.

    ``0.1033 -> 10.33%``, ``0.01 -> 1.00%``, signed gaps ``+8.53%`` /
    ``-0.01%``. Shares of the reviewed errors use :func:`format_share` (one
    decimal). ``None`` prints as an en dash. (One format everywhere: the tally,
    the analysis panels and the CLI said 10.33%, 10.3% and 10% of one number.)
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    percent = round(value * 100, 2)
    if percent == 0:
        percent = 0.0  # no "-0.00%"
    text = f"{abs(percent):.2f}"
    if percent < 0:
        text = "-" + text
    elif signed:
        text = "+" + text
    return f"{text}%"


def format_share(value: float | None) -> str:
    """A share of the reviewed errors: one decimal (``0.43 -> 43.0%``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value * 100:.1f}%"
