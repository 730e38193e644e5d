"""Text renderings of a tally: a terminal table, Markdown, CSV and JSON."""

from __future__ import annotations

import json
import math
import unicodedata

from erroranalysis.core.categories import LABEL_ERROR, LABEL_ERROR_TAG
from erroranalysis.core.spreadsheet import tally_rows
from erroranalysis.core.tally import Tally


def percent(value: float | None, digits: int = 1) -> str:
    """``0.095`` -> ``9.5%``; empty for unknown."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{100 * value:.{digits}f}%"


def interval(low: float | None, high: float | None, digits: int = 1) -> str:
    if low is None or high is None or math.isnan(low) or math.isnan(high):
        return "–"
    return f"{100 * low:.{digits}f}–{100 * high:.{digits}f}%"


def _header_line(tally: Tally) -> str:
    skipped = f", {tally.skipped} skipped" if tally.skipped else ""
    if tally.population is None and not tally.dev_size:
        return (
            f"{tally.reviewed} reviewed errors{skipped} (the number of dev errors is unknown: "
            "give --predictions or --dev-errors for rates and finite-population intervals)"
        )
    reviewed = f"{tally.reviewed} of {tally.dev_errors} dev errors reviewed{skipped}"
    weights = getattr(tally, "weights", None)  # a WeightedTally (core/session_weights.py)
    if weights is not None and tally.dev_error is not None:
        plain = percent(getattr(tally, "unweighted_dev_error", None), 2)
        return (
            f"Weighted dev error {percent(tally.dev_error, 2)} (unweighted {plain}, "
            f"{tally.dev_errors} / {tally.dev_size}; weights: {'; '.join(weights)}); {reviewed}"
        )
    if tally.dev_size:
        rate = percent(tally.dev_error, 2)
        return f"Dev error {rate} ({tally.dev_errors} / {tally.dev_size}); {reviewed}"
    return f"{reviewed} (dev size unknown: give --dev-size or --predictions for rates)"


def _note_lines(tally: Tally) -> list[str]:
    """The ranking verdict, and the interval method when it is not the default exact one."""
    lines = [] if tally.ranking is None else [tally.ranking.verdict()]
    if getattr(tally, "weights", None) is not None:
        lines.append(
            "Shares, gains and ceilings are weighted: a category's share is the weight of its "
            "reviewed errors over the weight of all reviewed errors (METHOD.md §6). "
            + getattr(tally, "interval_method", "")
        )
    elif tally.method == "wilson-fpc":
        lines.append("Intervals: Wilson with the finite-population correction (--interval).")
    elif tally.population is None and tally.reviewed:
        lines.append("Intervals: Clopper-Pearson (the number of dev errors is unknown).")
    return lines


def _rows(tally: Tally) -> list[list[str]]:
    rows = []
    for r in tally.by_gain().itertuples(index=False):
        name = r.name + (f" ({LABEL_ERROR_TAG})" if r.kind == LABEL_ERROR else "")
        rows.append(
            [
                name,
                # k/n when the category was assessed on fewer errors than reviewed.
                str(int(r.count)) if int(r.assessed) >= tally.reviewed
                else f"{int(r.count)}/{int(r.assessed)}",
                percent(r.share),
                interval(r.share_low, r.share_high),
                percent(r.max_gain, 2),
                percent(r.ceiling_error, 2),
                interval(r.ceiling_error_low, r.ceiling_error_high, 2),
            ]
        )
    return rows


HEADERS = ["category", "count", "share", "95% interval", "max gain", "ceiling", "ceiling 95%"]
WEIGHTED_HEADERS = ["category", "count", "weighted share", "95% interval", "max gain",
                    "ceiling", "ceiling 95%"]


def _headers(tally: Tally) -> list[str]:
    return WEIGHTED_HEADERS if getattr(tally, "weights", None) is not None else HEADERS


def _label_lines(tally: Tally) -> list[str]:
    split = tally.label_split
    if split is None:
        return []
    if split.due_to_labels is None:
        return [f"Incorrect labels: {percent(split.share)} of reviewed errors"]
    return [
        f"Errors due to incorrect labels: {percent(split.due_to_labels, 2)} of the dev set; "
        f"due to other causes: {percent(split.other_causes, 2)}"
    ]


def display_width(text: str) -> int:
    """Terminal columns a text takes: East Asian wide and full-width characters take two,
    combining marks none (so 模糊 lines up with blurry)."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _rjust(text: str, width: int) -> str:
    return " " * max(0, width - display_width(text)) + text


def render_table(tally: Tally) -> str:
    """A fixed-width table, largest possible gain first (padded by display width)."""
    rows = _rows(tally)
    headers = _headers(tally)
    widths = [
        max(display_width(h), *(display_width(r[i]) for r in rows)) if rows
        else display_width(h)
        for i, h in enumerate(headers)
    ]

    def line(cells: list[str]) -> str:
        first = _ljust(cells[0], widths[0])
        rest = [_rjust(c, w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest])

    out = [_header_line(tally), "", line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    notes = _note_lines(tally)
    out += ["", *notes] if notes else []
    out += ["", *_label_lines(tally)] if tally.label_split else []
    if (tally.table["assessed"] < tally.reviewed).any():
        out.append("k/n: ticked on k of the n reviewed errors assessed for the category "
                   "(added mid-review).")
    out.append("Ordered by max gain: the most that fixing the category can cut the dev error.")
    return "\n".join(out) + "\n"


def render_markdown(tally: Tally) -> str:
    rows = _rows(tally)
    headers = _headers(tally)
    out = [f"**{_header_line(tally)}**", "", "| " + " | ".join(headers) + " |"]
    out.append("|" + "|".join(["---", *["---:"] * (len(headers) - 1)]) + "|")
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    notes = _note_lines(tally)
    if notes:
        out += ["", *notes]
    label = _label_lines(tally)
    if label:
        out += ["", *label]
    return "\n".join(out) + "\n"


def render_csv(tally: Tally) -> str:
    from erroranalysis.core import csvio

    header, rows = tally_rows(tally)
    return csvio.render_csv(header, rows)


def render_json(tally: Tally) -> str:
    return json.dumps(tally.to_json_dict(), indent=2, ensure_ascii=False) + "\n"


RENDERERS = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}
