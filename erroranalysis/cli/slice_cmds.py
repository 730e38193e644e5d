"""``erroranalysis slices``: where the dev errors gather, before anyone ticks.

Reads a predictions file or a session, breaks its dev set down by confusion
pair, true class and metadata column (``erroranalysis.core.slices``) and
prints the slices as a table or JSON; with a session, ``--category`` crosses
a reviewed category with the same slices.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from erroranalysis.cli.analysis_cmds import _grid
from erroranalysis.cli.common import (
    add_column_flags,
    column_names_from_args,
    is_server,
    non_negative_int,
    note_unweighted,
    session_location,
)
from erroranalysis.core.errors import UserError
from erroranalysis.core.rates import format_percent
from erroranalysis.i18n import core_sentences, translate

# pandas and the core are imported in the handler, so that `--help` starts at once.
if TYPE_CHECKING:
    import pandas as pd

    from erroranalysis.core.session import ReviewSession
    from erroranalysis.core.slices import BreakdownResult, Crossing, Slice, SliceReport



def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``slices`` command."""
    parser = subparsers.add_parser(
        "slices",
        help=translate(
            "cli", "where dev errors gather: confusion pairs, classes, metadata columns"
        ),
        description=(
            translate(
                "cli",
                "Break the dev set down by confusion pair (true -> predicted), true class and "
                "every metadata column (numeric ones in quartiles). For each slice: its dev "
                "errors, their share of all dev errors, its error rate against the rate in the "
                "rest of the dev set (exact 95% intervals) and the ratio of the two (lift). "
                "Slices with fewer than --min-errors errors or --min-examples examples are "
                "hidden; a lift is significant (*) when the two intervals do not overlap. "
                "With a session, --category crosses a reviewed category with the slices.",
            )
        ),
    )
    parser.add_argument(
        "source",
        metavar="SOURCE",
        help=translate("cli", "predictions file (CSV, TSV, Parquet) or session file"),
    )
    parser.add_argument(
        "--by",
        metavar="COLUMN",
        nargs="+",
        action="extend",
        help=translate(
            "cli",
            "breakdowns: confusion, label (true class), prediction, score, or a metadata "
            "column (default: confusion, label and every metadata column)",
        ),
    )
    parser.add_argument(
        "--category",
        metavar="NAME",
        action="append",
        help=translate("cli", "with a session: cross this category with the slices (repeatable)"),
    )
    parser.add_argument(
        "--min-errors",
        type=non_negative_int,
        default=None,
        metavar="N",
        help=translate("cli", "hide slices with fewer dev errors (default 5)"),
    )
    parser.add_argument(
        "--min-examples",
        type=non_negative_int,
        default=None,
        metavar="N",
        help=translate("cli", "hide slices with fewer dev examples (default 20)"),
    )
    parser.add_argument(
        "--bins",
        type=non_negative_int,
        default=None,
        metavar="N",
        help=translate("cli", "quantile bins for numeric columns (default 4: quartiles)"),
    )
    parser.add_argument(
        "--top",
        type=non_negative_int,
        default=10,
        metavar="N",
        help=translate(
            "cli", "rows per breakdown in the table (default 10, 0 for all; json has all)"
        ),
    )
    parser.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help=translate("cli", "output format (default: table)"),
    )
    add_column_flags(parser)
    parser.set_defaults(handler=run_slices)


def run_slices(args: argparse.Namespace) -> int:
    """Handler of ``erroranalysis slices``."""
    from erroranalysis.cli.session_cmds import is_session_file
    from erroranalysis.core import slices as core

    source = session_location(args.source)
    if not is_server(source) and not source.exists():
        raise UserError(
            translate(
                "cli.errors",
                "{source}: no such predictions or session file",
            ).format(source=source)
        )
    options = {
        "min_errors": core.MIN_ERRORS if args.min_errors is None else args.min_errors,
        "min_examples": core.MIN_EXAMPLES if args.min_examples is None else args.min_examples,
        "bins": core.DEFAULT_BINS if args.bins is None else args.bins,
    }
    crossings: list[Crossing] = []
    if is_server(source) or is_session_file(source):
        from erroranalysis.core.session import ReviewSession, metadata_of

        with ReviewSession.open(source) as session:
            frame = session.predictions_frame()
            if frame.empty:
                raise UserError(
                    translate(
                        "cli.errors",
                        "{source}: the session has no predictions rows (it was made from a "
                        "folder of images); slice the predictions file instead",
                    ).format(source=source)
                )
            metadata = metadata_of(frame)
            report = core.compute_slices(frame, args.by, metadata, **options)
            note_unweighted(session, translate("cli.output", "the slices"))
            if args.category:
                crossings = _session_crossings(
                    session, frame, report, args.category, options["min_errors"]
                )
        kind = "session"
    else:
        if args.category:
            raise UserError(
                translate(
                    "cli.errors",
                    "--category needs a session file (the ticks live there); {source} is a "
                    "predictions file",
                ).format(source=source)
            )
        from erroranalysis.core.predictions import load_predictions

        predictions = load_predictions(source, column_names_from_args(args))
        report = core.compute_slices(
            predictions.frame, args.by, predictions.metadata_columns, **options
        )
        kind = "predictions"
    if args.format == "json":
        print(json.dumps(_json(report, crossings, source, kind), indent=2, ensure_ascii=False))
    else:
        print(_table(report, crossings, source, args.top, args.category or []))
    return 0


def _session_crossings(
    session: ReviewSession,
    frame: pd.DataFrame,
    report: SliceReport,
    wanted: list[str],
    min_reviewed: int,
) -> list[Crossing]:
    """The categories named by --category crossed with the report's slices."""
    import numpy as np

    from erroranalysis.core.slices import cross_category

    categories = session.categories()
    by_name = {c.name.casefold(): c for c in categories}
    chosen = []
    for name in dict.fromkeys(wanted):
        category = by_name.get(name.strip().casefold())
        if category is None:
            names = ", ".join(c.name for c in categories) or "none"
            raise UserError(
                translate(
                    "cli.errors",
                    "no category '{name}' in {path}; the categories are: {names}",
                ).format(name=name, path=session.path, names=names)
            )
        chosen.append(category)
    items = session.item_columns(["id", "key", "label", "prediction", "origin", "reviewed"])
    reviewed = items["reviewed"] & (items["origin"] == "error")
    ids = items["id"][reviewed]
    ticks = session.ticks_frame().loc[ids, [c.id for c in chosen]]
    ticks.columns = [c.name for c in chosen]
    import pandas as pd

    errors = pd.DataFrame(
        {
            "key": items["key"][reviewed],
            "label": items["label"][reviewed],
            "prediction": items["prediction"][reviewed],
        }
    )
    # Metadata (and score) come from the session's predictions rows, joined by
    # key: the slices were cut from those same values.
    extra = [c for c in frame.columns if c not in ("key", "image", "label", "prediction", "split")]
    if extra:
        rows = frame.drop_duplicates("key").set_index("key")[extra]
        joined = rows.reindex(errors["key"].to_numpy())
        for column in extra:
            errors[column] = joined[column].to_numpy()
    return cross_category(
        report,
        errors.reset_index(drop=True),
        ticks.reset_index(drop=True).astype(np.bool_),
        min_reviewed=min_reviewed,
    )


def _json(
    report: SliceReport, crossings: list[Crossing], source: Path, kind: str
) -> dict[str, Any]:
    return {
        "source": str(source),
        "source_kind": kind,
        **report.to_json_dict(),
        "highlights": [s.summary for s in report.highlights()],
        "crossings": [c.to_json_dict() for c in crossings],
    }


def _interval(rate: float | None, low: float | None, high: float | None) -> str:
    if rate is None:
        return "–"
    return f"{format_percent(rate)} [{format_percent(low)}, {format_percent(high)}]"


def _lift(value: float | None) -> str:
    if value is None:
        return "–"
    if value == float("inf"):
        return "inf"
    return f"{value:.2g}x" if value < 10 else f"{value:.0f}x"


def _breakdown_table(result: BreakdownResult, top: int) -> list[str]:
    breakdown = result.breakdown
    shown: list[Slice] = result.slices[:top] if top else result.slices
    if breakdown.kind == "confusion":
        title = translate(
            "cli.output", "Confusion pairs (true -> predicted), by share of dev error:"
        )
        header = [
            translate("cli.output", "pair"),
            translate("cli.output", "errors"),
            translate("cli.output", "share"),
            translate("cli.output", "of the true class [95%]"),
        ]
        rows = [
            [
                s.value,
                str(s.errors),
                format_percent(s.error_share),
                _interval(s.rate, s.rate_low, s.rate_high),
            ]
            for s in shown
        ]
    else:
        if breakdown.kind == "class":
            title = (
                translate("cli.output", "True class, by share of dev error:")
                if breakdown.name == "label"
                else translate("cli.output", "Predicted class, by share of dev error:")
            )
        else:
            if breakdown.kind == "numeric":
                kind = (
                    translate("cli.output", "numeric, quartiles")
                    if len(breakdown.edges) == 3
                    else translate("cli.output", "numeric, quantile bins")
                )
            elif breakdown.kind == "categorical":
                kind = translate("cli.output", "categorical")
            else:
                kind = breakdown.kind
            title = translate(
                "cli.output", "{name} ({kind}): significant (*) by lift, then the rest:"
            ).format(name=breakdown.name, kind=kind)
        header = [
            translate("cli.output", "slice"),
            translate("cli.output", "errors"),
            translate("cli.output", "examples"),
            translate("cli.output", "share"),
            translate("cli.output", "error rate [95%]"),
            translate("cli.output", "elsewhere [95%]"),
            translate("cli.output", "lift"),
            "",
        ]
        rows = [
            [
                s.value,
                str(s.errors),
                str(s.examples),
                format_percent(s.error_share),
                _interval(s.rate, s.rate_low, s.rate_high),
                _interval(s.rate_elsewhere, s.elsewhere_low, s.elsewhere_high),
                _lift(s.lift),
                "*" if s.significant else "",
            ]
            for s in shown
        ]
    lines = [title]
    if rows:
        lines += ["  " + line for line in _grid(header, rows).split("\n")]
    else:
        lines.append(translate("cli.output", "  (no slice large enough)"))
    notes = []
    if len(result.slices) > len(shown):
        notes.append(translate("cli.output", "{count} more with --top 0 or --format json").format(
            count=len(result.slices) - len(shown)
        ))
    if result.hidden:
        notes.append(translate(
            "cli.output", "{count} too small to judge, hidden ({errors} errors)"
        ).format(count=result.hidden, errors=result.hidden_errors))
    if notes:
        lines.append(translate("cli.output", "  ({notes})").format(
            notes=translate("cli.output", "; ").join(notes)
        ))
    return lines


def _table(
    report: SliceReport, crossings: list[Crossing], source: Path, top: int, wanted: list[str]
) -> str:
    lines = [
        translate(
            "cli.output", "{name}: {dev_size} dev examples, {dev_errors} errors ({rate} dev error)"
        ).format(
            name=source.name,
            dev_size=report.dev_size,
            dev_errors=report.dev_errors,
            rate=format_percent(report.dev_error),
        ),
        translate(
            "cli.output",
            "Slices need at least {errors} errors and {examples} examples; rates with exact 95% "
            "intervals.",
        ).format(errors=report.min_errors, examples=report.min_examples),
    ]
    for result in report.breakdowns:
        lines.append("")
        lines.extend(_breakdown_table(result, top))
    highlights = report.highlights()
    if highlights:
        lines += ["", translate("cli.output", "Worth a look:")]
        lines += [f"  - {core_sentences(s.summary)}" for s in highlights]
    for name in wanted:
        rows_of = [c for c in crossings if c.category.casefold() == name.strip().casefold()]
        category = rows_of[0].category if rows_of else name
        lines += [
            "",
            translate(
                "cli.output",
                "'{category}' among the reviewed errors of each slice, by lift; * = significant:",
            ).format(category=category),
        ]
        if not rows_of:
            lines.append(translate(
                "cli.output",
                "  (no slice has enough reviewed errors, or the category has no tick)",
            ))
            continue
        rows = [
            [
                c.value if c.kind in ("confusion", "numeric") else f"{c.breakdown}={c.value}",
                str(c.reviewed),
                str(c.ticked),
                _interval(c.share, c.share_low, c.share_high),
                _interval(c.share_elsewhere, c.elsewhere_low, c.elsewhere_high),
                _lift(c.lift),
                "*" if c.significant else "",
            ]
            for c in rows_of[: top or None]
        ]
        header = [
            translate("cli.output", "slice"),
            translate("cli.output", "reviewed"),
            translate("cli.output", "ticked"),
            translate("cli.output", "share [95%]"),
            translate("cli.output", "elsewhere [95%]"),
            translate("cli.output", "lift"),
            "",
        ]
        lines += ["  " + line for line in _grid(header, rows).split("\n")]
    return "\n".join(lines)
