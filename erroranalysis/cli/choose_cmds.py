"""``choose``: one optimizing metric, N satisficing ones (METHOD.md §7, course 1.3-1.4)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from erroranalysis.choice_texts import choice_text, missed_text, verdict_text
from erroranalysis.cli.common import (
    add_column_flags,
    add_weight_flags,
    column_names_from_args,
    weight_rules_from_args,
)
from erroranalysis.core.errors import UserError
from erroranalysis.i18n import translate

if TYPE_CHECKING:

    from erroranalysis.core.choose import Choice

#: Exit status when the command ran but no model meets every constraint.
EXIT_NO_MODEL = 1
_WIDTH = 88


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "choose",
        help=translate(
            "cli", "pick a model: maximise one metric subject to thresholds on the others"
        ),
        description=(
            translate(
                "cli",
                "Drop the candidate models that miss a constraint (--satisfice), rank the rest by "
                "one metric (--optimize) and say whether the winner's lead is larger than the dev "
                "set's noise. Candidates come from a table (one row per model: a name column and "
                "metric columns; F1 is added from precision and recall) and/or from predictions "
                "files (--model NAME=FILE: accuracy, error and macro precision, recall and F1 on "
                "the dev rows; a table then adds columns such as latency, joined by name). Exit "
                "status 1 when no model meets every constraint (the nearest misses are listed).",
            )
        ),
    )
    parser.add_argument(
        "table", nargs="?", metavar="RUNS",
        help=translate("cli", "table of candidates (CSV, TSV or Parquet); optional with --model"),
    )  # fmt: skip
    parser.add_argument(
        "--model", metavar="NAME=FILE", action="append", default=[],
        help=translate(
            "cli", "a candidate's predictions file; repeat for each model (same dev set)"
        ),
    )  # fmt: skip
    parser.add_argument(
        "--optimize", metavar="METRIC", required=True,
        help=translate("cli", "the one metric to optimise, e.g. accuracy, f1, error"),
    )  # fmt: skip
    parser.add_argument(
        "--satisfice", metavar="CONSTRAINT", action="append", default=[],
        help=translate(
            "cli", "a threshold every model must meet, e.g. 'latency_ms<=100'; repeatable"
        ),
    )  # fmt: skip
    direction = parser.add_mutually_exclusive_group()
    direction.add_argument(
        "--maximize", action="store_true", help=translate("cli", "higher is better")
    )
    direction.add_argument(
        "--minimize", action="store_true", help=translate("cli", "lower is better")
    )
    parser.add_argument(
        "--dev-size", metavar="N", type=int,
        help=translate(
            "cli", "dev set size behind a table's accuracies (for the resolution of the lead)"
        ),
    )  # fmt: skip
    parser.add_argument(
        "--name-col", metavar="NAME", help=translate("cli", "the table's model name column")
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    add_weight_flags(parser)
    add_column_flags(parser)
    parser.set_defaults(handler=run_choose)


def run_choose(args: argparse.Namespace) -> int:
    """Handler of ``erroranalysis choose``."""
    from erroranalysis.core.choose import (
        choose_model,
        load_candidates,
        metric_direction,
        metric_name,
        parse_constraint,
    )

    # Flags first: a typo should not wait for big files to load.
    constraints = [parse_constraint(text) for text in args.satisfice]
    metric = metric_name(args.optimize)
    direction = metric_direction(metric, args.maximize, args.minimize)
    if args.dev_size is not None and args.dev_size <= 0:
        raise UserError(
            translate(
                "cli.errors",
                "--dev-size must be a positive number of examples, not {dev_size}",
            ).format(dev_size=args.dev_size)
        )
    models = [_parse_model(text) for text in args.model]
    candidates = load_candidates(
        args.table, models,
        columns=column_names_from_args(args), weight_rules=weight_rules_from_args(args),
        name_column=args.name_col, dev_size=args.dev_size,
    )  # fmt: skip
    candidates.check_metrics([metric, *(c.metric for c in constraints)])
    table, source, dev_size = candidates.table, candidates.source, candidates.dev_size
    paired, notes = candidates.paired, candidates.notes
    choice = choose_model(
        table, metric, constraints, direction,
        source=source, dev_size=dev_size, paired=paired, notes=notes,
    )  # fmt: skip
    if args.format == "json":
        print(json.dumps(choice.to_json_dict(), indent=2, ensure_ascii=False))
    else:
        print(render_choice(choice))
    return 0 if choice.winner is not None else EXIT_NO_MODEL


def _parse_model(text: str) -> tuple[str, Path]:
    name, equals, path = text.partition("=")
    if not equals or not name.strip() or not path.strip():
        raise UserError(
            translate(
                "cli.errors",
                "--model '{text}': write NAME=FILE, e.g. --model B=b_predictions.csv",
            ).format(text=text)
        )
    return name.strip(), Path(path.strip())


def render_choice(choice: Choice) -> str:
    """The readable table: ranked models, then dropped ones, then the verdict."""
    from erroranalysis.core.choose import RATE_METRICS

    goal = (
        translate("cli.output", "Optimizing {metric} (higher is better)")
        if choice.direction == "max"
        else translate("cli.output", "Optimizing {metric} (lower is better)")
    ).format(metric=choice.metric)
    if choice.constraints:
        goal += translate("cli.output", " subject to {constraints}").format(
            constraints=", ".join(c.text for c in choice.constraints)
        )
    columns = [choice.metric] + [
        c for c in (choice.candidates[0].metrics if choice.candidates else {})
        if c != choice.metric
    ]  # fmt: skip

    def cell(metric: str, value: float) -> str:
        import math

        from erroranalysis.core.rates import format_percent

        if math.isnan(value):
            return "–"
        if metric in RATE_METRICS or metric in ("f1", "precision", "recall", "weighted_error"):
            return format_percent(value)
        return f"{value:g}"

    header = [translate("cli.output", "rank"), translate("cli.output", "model"), *columns, ""]
    body = []
    for c in choice.candidates:
        mark = translate("cli.output", "<- winner") if c.name == choice.winner else ""
        if c.missed:
            mark = translate("cli.output", "misses {constraints}").format(
                constraints=missed_text(c.missed)
            )
        rank = str(c.rank) if c.rank is not None else "-"
        body.append(
            [rank, c.name, *(cell(m, c.metrics.get(m, float("nan"))) for m in columns), mark]
        )
    from erroranalysis.cli.common import column_width, ljust, rjust

    widths = [column_width([row[i] for row in [header, *body]]) for i in range(len(header))]
    lines = [goal, ""]
    for row in [header, *body]:
        cells = [ljust(row[0], widths[0]), ljust(row[1], widths[1])]
        cells += [rjust(value, widths[i + 2]) for i, value in enumerate(row[2:-1])]
        lines.append(("  ".join(cells) + "  " + row[-1]).rstrip())
    lines.append("")
    from erroranalysis.cli.common import wrap
    from erroranalysis.core.report import display_width

    lines += wrap(verdict_text(choice), _WIDTH)
    note_label = translate("cli.output", "Note: ")
    for note in choice.notes:
        lines += wrap(
            choice_text(note),
            _WIDTH,
            note_label,
            " " * display_width(note_label),
            break_on_hyphens=True,
        )
    return "\n".join(lines)
