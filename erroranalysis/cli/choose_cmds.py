"""``choose``: one optimizing metric, N satisficing ones (METHOD.md §7, course 1.3-1.4)."""

from __future__ import annotations

import argparse
import json
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from erroranalysis.cli.common import (
    add_column_flags,
    add_weight_flags,
    column_names_from_args,
    weight_rules_from_args,
)
from erroranalysis.core.errors import UserError
from erroranalysis.i18n import translate

if TYPE_CHECKING:
    import pandas as pd

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
        metric_direction,
        metric_name,
        parse_constraint,
        read_candidates,
        text_metric_problem,
    )

    # Flags first: a typo should not wait for big files to load.
    constraints = [parse_constraint(text) for text in args.satisfice]
    metric = metric_name(args.optimize)
    direction = metric_direction(metric, args.maximize, args.minimize)
    if args.dev_size is not None and args.dev_size <= 0:
        raise UserError(f"--dev-size must be a positive number of examples, not {args.dev_size}")
    models = [_parse_model(text) for text in args.model]
    if not args.table and not models:
        raise UserError("choose needs a table of candidates (RUNS) or --model NAME=FILE")

    notes: list[str] = []
    table: pd.DataFrame | None = None
    raw = None
    source = "table"
    if args.table:
        from erroranalysis.core.predictions import read_table

        raw, _ = read_table(Path(args.table))
        if len(raw) == 0:
            raise UserError(f"{args.table}: the table has a header but no rows")
        table, notes = read_candidates(raw, str(args.table), args.name_col)
    paired = None
    dev_size = args.dev_size
    if models:
        computed, paired, dev_size, weighted_note = _from_predictions(models, args)
        notes += weighted_note
        source = "predictions" if table is None else "predictions+table"
        if table is not None:
            missing = [name for name in computed.index if name not in table.index]
            if missing:
                raise UserError(
                    f"{args.table}: no row for model '{missing[0]}' (given by --model); "
                    f"the table's models are: {', '.join(map(str, table.index))}"
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
    for name in [metric, *(c.metric for c in constraints)]:
        if name not in table.columns and raw is not None:
            problem = text_metric_problem(raw, name, str(args.table))
            if problem:
                raise UserError(problem)
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
        raise UserError(f"--model '{text}': write NAME=FILE, e.g. --model B=b_predictions.csv")
    return name.strip(), Path(path.strip())


def _from_predictions(
    models: list[tuple[str, Path]], args: argparse.Namespace
) -> tuple[pd.DataFrame, dict[tuple[str, str], tuple[int, int, int]], int, list[str]]:
    """Metrics per model from its dev predictions, and the discordant counts of every pair."""
    import numpy as np
    import pandas as pd

    from erroranalysis.core.choose import discordant_counts, prediction_metrics
    from erroranalysis.core.model_pairing import aligned_positions, pair_dev_errors
    from erroranalysis.core.predictions import load_predictions
    from erroranalysis.core.weighted import weighted_error

    names = [name for name, _ in models]
    if len(set(names)) != len(names):
        duplicate = next(n for n in names if names.count(n) > 1)
        raise UserError(f"--model: the name '{duplicate}' is given twice")
    rules = weight_rules_from_args(args)
    loaded = [load_predictions(path, column_names_from_args(args), rules) for _, path in models]
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


def render_choice(choice: Choice) -> str:
    """The readable table: ranked models, then dropped ones, then the verdict."""
    from erroranalysis.core.choose import RATE_METRICS

    better = "higher" if choice.direction == "max" else "lower"
    goal = f"Optimizing {choice.metric} ({better} is better)"
    if choice.constraints:
        goal += " subject to " + ", ".join(c.text for c in choice.constraints)
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

    header = ["rank", "model", *columns, ""]
    body = []
    for c in choice.candidates:
        mark = "<- winner" if c.name == choice.winner else ""
        if c.missed:
            mark = "misses " + "; ".join(c.missed)
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
    lines += textwrap.wrap(choice.verdict, _WIDTH, break_on_hyphens=False)
    for note in choice.notes:
        lines += textwrap.wrap(note, _WIDTH, initial_indent="Note: ", subsequent_indent="      ")
    return "\n".join(lines)
