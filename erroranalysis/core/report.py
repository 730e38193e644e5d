"""Text renderings of a tally: a terminal table, Markdown, CSV and JSON.

The table and the Markdown are for people: they speak the command line's language
(:mod:`erroranalysis.i18n`); CSV and JSON are contracts and stay English.
"""

from __future__ import annotations

import json
import math
import unicodedata

from erroranalysis.core.categories import LABEL_ERROR, LABEL_ERROR_TAG
from erroranalysis.core.spreadsheet import tally_rows
from erroranalysis.core.tally import Tally
from erroranalysis.i18n import QT_TRANSLATE_NOOP, core_sentences, translate, translate_filled


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
    skipped = (
        translate("core.report", ", {skipped} skipped").format(skipped=tally.skipped)
        if tally.skipped
        else ""
    )
    if tally.population is None and not tally.dev_size:
        return translate(
            "core.report",
            "{reviewed} reviewed errors{skipped} (the number of dev errors is unknown: give "
            "--predictions or --dev-errors for rates and finite-population intervals)",
        ).format(reviewed=tally.reviewed, skipped=skipped)
    reviewed = translate(
        "core.report", "{reviewed} of {dev_errors} dev errors reviewed{skipped}"
    ).format(reviewed=tally.reviewed, dev_errors=tally.dev_errors, skipped=skipped)
    weights = getattr(tally, "weights", None)  # a WeightedTally (core/session_weights.py)
    if weights is not None and tally.dev_error is not None:
        plain = percent(getattr(tally, "unweighted_dev_error", None), 2)
        return translate(
            "core.report",
            "Weighted dev error {rate} (unweighted {plain}, {dev_errors} / {dev_size}; "
            "weights: {weights}); {reviewed}",
        ).format(
            rate=percent(tally.dev_error, 2),
            plain=plain,
            dev_errors=tally.dev_errors,
            dev_size=tally.dev_size,
            weights="; ".join(weights),
            reviewed=reviewed,
        )
    if tally.dev_size:
        rate = percent(tally.dev_error, 2)
        return translate(
            "core.report", "Dev error {rate} ({dev_errors} / {dev_size}); {reviewed}"
        ).format(rate=rate, dev_errors=tally.dev_errors, dev_size=tally.dev_size,
                 reviewed=reviewed)
    return translate(
        "core.report", "{reviewed} (dev size unknown: give --dev-size or --predictions for rates)"
    ).format(reviewed=reviewed)


#: core/session_weights.py interval_method_text(), filled in (English: a JSON value too).
_INTERVAL_METHODS = (
    QT_TRANSLATE_NOOP(
        "core.report",
        "95% intervals: stratified exact. The dev errors are split by weight (one stratum per "
        "distinct weight: {count}); each stratum's exact hypergeometric count interval "
        "(METHOD.md §2) bounds the category's unreviewed weight, and the strata are summed at "
        "level 1 − 0.05/m (a union bound over the m strata not fully reviewed), so they cover "
        "at least 95% whatever the weights.",
    ),
    QT_TRANSLATE_NOOP(
        "core.report",
        "95% intervals: stratified exact. The dev errors are split by weight ({count} strata by "
        "weight quantile, the weights being too many to take one by one); each stratum's exact "
        "hypergeometric count interval (METHOD.md §2) bounds the category's unreviewed weight, "
        "and the strata are summed at level 1 − 0.05/m (a union bound over the m strata not "
        "fully reviewed), so they cover at least 95% whatever the weights.",
    ),
)


def _note_lines(tally: Tally) -> list[str]:
    """The ranking verdict, and the interval method when it is not the default exact one."""
    lines = [] if tally.ranking is None else [core_sentences(tally.ranking.verdict())]
    if getattr(tally, "weights", None) is not None:
        method = getattr(tally, "interval_method", "")
        lines.append(
            translate(
                "core.report",
                "Shares, gains and ceilings are weighted: a category's share is the weight of "
                "its reviewed errors over the weight of all reviewed errors (METHOD.md §6). ",
            )
            + translate_filled("core.report", _INTERVAL_METHODS, method)
        )
    elif tally.method == "wilson-fpc":
        lines.append(translate(
            "core.report", "Intervals: Wilson with the finite-population correction (--interval)."
        ))
    elif tally.population is None and tally.reviewed:
        lines.append(translate(
            "core.report", "Intervals: Clopper-Pearson (the number of dev errors is unknown)."
        ))
    return lines


def _rows(tally: Tally) -> list[list[str]]:
    rows = []
    for r in tally.by_gain().itertuples(index=False):
        tag = translate("categories", LABEL_ERROR_TAG)
        # Translated, the tag is the default category's own name (标注错误): not said twice.
        tagged = r.kind == LABEL_ERROR and (tag == LABEL_ERROR_TAG or tag not in r.name)
        name = r.name + (f" ({tag})" if tagged else "")
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


HEADERS = [
    QT_TRANSLATE_NOOP("core.report", "category"),
    QT_TRANSLATE_NOOP("core.report", "count"),
    QT_TRANSLATE_NOOP("core.report", "share"),
    QT_TRANSLATE_NOOP("core.report", "95% interval"),
    QT_TRANSLATE_NOOP("core.report", "max gain"),
    QT_TRANSLATE_NOOP("core.report", "ceiling"),
    QT_TRANSLATE_NOOP("core.report", "ceiling 95%"),
]
WEIGHTED_HEADERS = [*HEADERS[:2], QT_TRANSLATE_NOOP("core.report", "weighted share"), *HEADERS[3:]]


def _headers(tally: Tally) -> list[str]:
    headers = WEIGHTED_HEADERS if getattr(tally, "weights", None) is not None else HEADERS
    return [translate("core.report", h) for h in headers]


def _label_lines(tally: Tally) -> list[str]:
    split = tally.label_split
    if split is None:
        return []
    if split.due_to_labels is None:
        return [translate("core.report", "Incorrect labels: {share} of reviewed errors").format(
            share=percent(split.share)
        )]
    return [
        translate(
            "core.report",
            "Errors due to incorrect labels: {due} of the dev set; due to other causes: {other}",
        ).format(due=percent(split.due_to_labels, 2), other=percent(split.other_causes, 2))
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
        out.append(translate(
            "core.report",
            "k/n: ticked on k of the n reviewed errors assessed for the category "
            "(added mid-review).",
        ))
    out.append(translate(
        "core.report",
        "Ordered by max gain: the most that fixing the category can cut the dev error.",
    ))
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
