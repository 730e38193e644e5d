"""The analysis commands: ``diagnose``, ``metrics`` and ``compare``.

They read a predictions file with the shared loader and print what the core
computes, as a readable table or as JSON/CSV for scripts. Every user mistake
is a :class:`UserError`; ``erroranalysis.cli.main`` prints it as one line.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from erroranalysis.cli.common import (
    add_column_flags,
    add_weight_flags,
    column_names_from_args,
    is_server,
    ljust,
    note_unweighted,
    session_location,
    weight_rules_from_args,
)
from erroranalysis.core.diagnosis import GAP_TITLES, LEVEL_TITLES, LEVELS, Diagnosis, diagnose
from erroranalysis.core.errors import UserError
from erroranalysis.core.rates import clean, format_percent, parse_rate, parse_rates
from erroranalysis.i18n import core_sentences, translate

# pandas and the modules that need it are imported where they are used, so
# that `--help` and `--version` start at once.
if TYPE_CHECKING:
    import pandas as pd

    from erroranalysis.core.label_noise import Comparison
    from erroranalysis.core.metrics import ClassificationMetrics
    from erroranalysis.core.predictions import Predictions

#: The flag that gives each rung of the ladder.
_RATE_FLAGS = {
    "human": "--human",
    "train": "--train",
    "train_dev": "--train-dev",
    "dev": "--dev",
    "test": "--test",
}

#: The gap that sits between two neighbouring rungs of the ladder; variance
#: spans train -> dev when there is no train-dev rung in between.
_GAP_BETWEEN = {
    ("human", "train"): "avoidable_bias",
    ("train", "train_dev"): "variance",
    ("train", "dev"): "variance",
    ("train_dev", "dev"): "data_mismatch",
    ("dev", "test"): "dev_overfitting",
}

_SPLIT_CHOICES = ("train", "train_dev", "train-dev", "dev", "test")
_WIDTH = 88


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``diagnose``, ``metrics`` and ``compare`` commands."""
    _register_diagnose(subparsers)
    _register_metrics(subparsers)
    _register_compare(subparsers)


# --- diagnose ---------------------------------------------------------------


def _register_diagnose(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diagnose",
        help=translate("cli", "bias, variance or data mismatch: which gap to work on"),
        description=(
            translate(
                "cli",
                "Read the error ladder human-level -> train -> train-dev -> dev -> test and "
                "name the largest gap (avoidable bias, variance, data mismatch, overfitting "
                "to the dev set) with the remedies for it. Rates come from the predictions "
                "file's split column; flags give or override them. Rates are fractions "
                "(0.08) or percentages (8%), all written the same way: a bare number beside a "
                "percentage (--human 1 --train 8%) is refused, and so is a bare 1.",
            )
        ),
    )
    parser.add_argument(
        "predictions",
        nargs="?",
        metavar="PREDICTIONS",
        help=translate(
            "cli",
            "predictions file (CSV, TSV or Parquet) with a split column, or a session "
            "file (its predictions and the rates typed into it); optional",
        ),
    )
    parser.add_argument(
        "--save",
        action="store_true",
        help=translate(
            "cli", "with a session: store the given rates (e.g. --human) in it for next time"
        ),
    )
    parser.add_argument(
        "--human", metavar="E", help=translate("cli", "human-level error (a proxy for Bayes error)")
    )
    parser.add_argument("--train", metavar="E", help=translate("cli", "training error"))
    parser.add_argument(
        "--train-dev", metavar="E",
        help=translate("cli", "training-dev error (same distribution as training, not trained on)"),
    )
    parser.add_argument("--dev", metavar="E", help=translate("cli", "dev error"))
    parser.add_argument("--test", metavar="E", help=translate("cli", "test error"))
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help=translate("cli", "output format (default: table)"))
    parser.add_argument(
        "--unweighted",
        action="store_true",
        help=translate(
            "cli",
            "with weights (a weight column, --weight rules or a weighted session): count "
            "every error once; by default the rates are weighted (METHOD.md §6)",
        ),
    )
    add_weight_flags(parser)
    add_column_flags(parser)
    parser.set_defaults(handler=run_diagnose)


def run_diagnose(args: argparse.Namespace) -> int:
    """Handler of ``erroranalysis diagnose``."""
    rates: dict[str, float | None] = dict.fromkeys(LEVELS)
    sources: dict[str, str] = {}
    # Parse the flags first: a typo in a flag should not wait for a big file to load.
    typed = {
        flag: text
        for level, flag in _RATE_FLAGS.items()
        if (text := getattr(args, level)) is not None
    }
    parsed = parse_rates(typed)
    given = {level: parsed[flag] for level, flag in _RATE_FLAGS.items() if flag in parsed}
    # Bare numbers were read as fractions: say so, so that 0.5 meaning 0.5% is caught.
    as_fractions = [
        translate("cli.output", "{flag} {text} is {percent}").format(
            flag=flag, text=text.strip(), percent=format_percent(parsed[flag])
        )
        for flag, text in typed.items()
        if "%" not in text and parsed[flag] != 0
    ]
    if args.predictions and _is_session(args.predictions):
        if args.weight:
            raise UserError(
                translate(
                    "cli.errors",
                    "--weight: a session keeps its own weight rules; set them with erroranalysis "
                    "weights SESSION --rule ...",
                )
            )
        rates, sources = _session_rates(
            session_location(args.predictions), given, args.save, not args.unweighted
        )
    elif args.predictions:
        preds = _load(args.predictions, args, weight_rules_from_args(args))
        weighted = preds.weighted and not args.unweighted
        for level in ("train", "train_dev", "dev", "test"):
            rate = preds.error_rate(level)
            if rate is not None:
                rows = preds.split_frame(level)
                wrong = (rows["label"] != rows["prediction"]).to_numpy()
                errors = int(wrong.sum())
                rates[level] = rate
                sources[level] = translate("cli.output", "{errors} of {rows} {split} rows").format(
                    errors=errors, rows=len(rows), split=level.replace("_", "-")
                )
                if weighted:
                    from erroranalysis.core.weighted import weighted_error

                    rates[level] = weighted_error(wrong, rows["weight"].to_numpy())
                    sources[level] += translate("cli.output", ", weighted")
    elif not given:
        raise UserError(
            translate(
                "cli.errors",
                "diagnose needs a predictions file or at least one rate (--human, --train, "
                "--train-dev, --dev, --test), e.g. --human 1% --train 8% --dev 10%",
            )
        )
    for level, rate in given.items():
        rates[level] = rate
        sources[level] = _RATE_FLAGS[level]

    result = diagnose(**rates)
    if args.format == "json":
        _print_json(result.to_json_dict())
    else:
        print(_diagnosis_table(result, sources, as_fractions))
    return 0


def _is_session(text: str) -> bool:
    from erroranalysis.cli.session_cmds import is_session_file

    if is_server(text):
        return True
    path = Path(text)
    return path.is_file() and is_session_file(path)


def _session_rates(
    path: Path, given: dict[str, float], save: bool, weighted: bool = True
) -> tuple[dict[str, float | None], dict[str, str]]:
    """Rates from a session: its predictions, then what the user typed (stored in it)."""
    from erroranalysis.core.session import ReviewSession
    from erroranalysis.core.session_analysis import (
        HUMAN_ERROR_KEY,
        RATE_OVERRIDE_KEYS,
        session_diagnosis,
    )

    with ReviewSession.open(path, read_only=not save) as session:
        if save:
            session.acquire_lock()
            keys = {"human": HUMAN_ERROR_KEY, **RATE_OVERRIDE_KEYS}
            for level, rate in given.items():
                session.set_meta(keys[level], repr(rate))
        stored, origins = session_diagnosis(session, weighted)
        weights = None
        if weighted:
            from erroranalysis.core.session_weights import session_weights

            weights = session_weights(session)
    rates: dict[str, float | None] = {level: stored.rate(level) for level in LEVELS}
    words = {
        "predictions": translate("cli.output", "from the session's predictions"),
        "typed": translate("cli.output", "typed, in the session"),
    }
    if weights is not None:
        words["predictions"] += translate("cli.output", ", weighted ({weights})").format(
            weights=weights.describe()
        )
    sources = {level: words[origin] for level, origin in origins.items()}
    return rates, sources


def _diagnosis_table(
    result: Diagnosis, sources: dict[str, str], as_fractions: list[str] | None = None
) -> str:
    present = [level for level in LEVELS if result.rate(level) is not None]
    lines = [translate("cli.output", "Error ladder (error rates, lowest rung first):"), ""]
    for index, level in enumerate(present):
        rate = format_percent(result.rate(level))
        title = ljust(translate("core", LEVEL_TITLES[level]), 12)
        lines.append(f"  {title}{rate:>7}   ({sources.get(level, '')})")
        if index + 1 < len(present):
            gap_name = _GAP_BETWEEN.get((level, present[index + 1]))
            gap = result.gap(gap_name) if gap_name else None
            if gap_name and gap is not None:
                mark = ""
                if gap_name == result.primary:
                    mark = translate("cli.output", "   <- primary problem")
                elif gap_name in result.problems:
                    mark = translate("cli.output", "   <- also a problem")
                title = ljust(translate("core", GAP_TITLES[gap_name]), 28)
                lines.append(f"      | {title}{format_percent(gap, signed=True):>7}{mark}")
    lines.append("")
    if result.primary is None:
        if any(result.gap(name) is not None for name in _GAP_BETWEEN.values()):
            lines.append(
                translate("cli.output", "No gap above zero: nothing in this ladder to reduce.")
            )
        else:
            lines.extend(_wrap(translate(
                "cli.output",
                "No gap can be computed: give two neighbouring rates (for example --human and "
                "--train, or --train and --dev).",
            )))
    else:
        named = translate("cli.output", ", ").join(
            translate("cli.output", "{gap} ({size})").format(
                gap=translate("core", GAP_TITLES[name]), size=format_percent(result.gap(name))
            )
            for name in result.problems
        )
        lines.append(translate("cli.output", "Primary problem: {gap}.").format(
            gap=translate("core", GAP_TITLES[result.primary])
        ))
        lines.extend(_wrap(translate(
            "cli.output", "Problems worth working on (at least half the largest gap): {named}."
        ).format(named=named)))
        lines.append("")
        lines.append(translate("cli.output", "What to do:"))
        for number, advice in enumerate(result.advice, start=1):
            lines.extend(_wrap(translate("core", advice), f"  {number}. ", "     "))
    notes = []
    if result.human is None:
        notes.append(translate(
            "cli.output", "No human-level error (--human): avoidable bias is unknown."
        ))
    if result.train_dev is None and result.train is not None and result.dev is not None:
        notes.append(translate(
            "cli.output",
            "No train-dev error (--train-dev): variance is dev - train and includes any data "
            "mismatch between training and dev.",
        ))
    if as_fractions:
        notes.append(translate(
            "cli.output",
            "Rates without a % sign were read as fractions: {rates} (write 0.5% for half a "
            "percent).",
        ).format(rates=", ".join(as_fractions)))
    if notes:
        lines.append("")
        from erroranalysis.core.report import display_width

        note_label = translate("cli.output", "Note: ")
        indent = " " * display_width(note_label)
        for note in notes:
            lines.extend(_wrap(note, note_label, indent))
    return "\n".join(lines)


# --- metrics ----------------------------------------------------------------


def _register_metrics(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "metrics",
        help=translate("cli", "precision, recall, F1 per class and the confusion matrix"),
        description=(
            translate(
                "cli",
                "Per-class precision, recall, F1 and support, their macro, micro and weighted "
                "averages (micro = accuracy for single-label data; weighted by support, as "
                "scikit-learn's report) and the confusion matrix (rows: true class, columns: "
                "predicted class) of one split. The precision of a class never predicted and the "
                "recall of a class that only appears as a prediction are undefined ('–' in the "
                "table, empty in CSV, null in JSON) and left out of the averages. The CSV's first "
                "column, kind, says whether a row is a class or an average.",
            )
        ),
    )
    parser.add_argument("predictions", metavar="PREDICTIONS|SESSION",
                        help=translate("cli", "predictions file (CSV, TSV or Parquet), or a "
                                       "session (the predictions it was made from)"))
    parser.add_argument("--split", choices=_SPLIT_CHOICES, default="dev",
                        help=translate("cli", "which split to score (default: dev)"))
    parser.add_argument(
        "--format", choices=("table", "json", "csv"), default="table",
        help=translate("cli", "table (metrics and confusion matrix), json (everything) or csv "
             "(the metrics table only; default: table)"),
    )
    add_column_flags(parser)
    parser.set_defaults(handler=run_metrics)


def run_metrics(args: argparse.Namespace) -> int:
    """Handler of ``erroranalysis metrics``."""
    split = args.split.replace("-", "_")
    if _is_session(args.predictions):
        # The session keeps the predictions it was made from: the Analysis panel's numbers.
        _refuse_column_flags(args, "metrics")
        from erroranalysis.core.session import ReviewSession
        from erroranalysis.core.session_analysis import session_metrics

        location = session_location(args.predictions)
        with ReviewSession.open(location, read_only=True) as session:
            result = session_metrics(session, split)
            note_unweighted(session, translate("cli.output", "the metrics"))
        name = location if is_server(args.predictions) else Path(args.predictions)
    else:
        preds = _load(args.predictions, args)
        rows = _split_rows(preds, split)
        from erroranalysis.core.metrics import compute_metrics

        result = compute_metrics(rows["label"].to_numpy(), rows["prediction"].to_numpy())
        name = preds.path
    if args.format == "json":
        _print_json({"file": str(name), "split": split, **result.to_json_dict()})
    elif args.format == "csv":
        sys.stdout.write(_metrics_csv(result))
    else:
        print(_metrics_table(getattr(name, "name", str(name)), split, result))
    return 0


def _refuse_column_flags(args: argparse.Namespace, command: str) -> None:
    """A session knows its columns: a column flag with one is a mistake to say, not ignore."""
    given = [flag for flag, value in vars(column_names_from_args(args)).items() if value]
    if given:
        raise UserError(
            translate(
                "cli.errors",
                "{command}: a session knows its columns; --{flag}-col is for a predictions "
                "file",
            ).format(command=command, flag="pred" if given[0] == "prediction" else given[0])
        )


def _metrics_csv(result: ClassificationMetrics) -> str:
    """kind,name,precision,recall,f1,support: ``kind`` is ``class`` or ``average`` (macro,
    micro, weighted), so a class named "macro avg" cannot pass for an average."""
    from erroranalysis.core.csvio import render_csv

    def cell(value: float) -> str:
        return "" if math.isnan(value) else repr(clean(float(value)))

    rows = [
        ["class", str(name), cell(row.precision), cell(row.recall), cell(row.f1),
         str(int(row.support))]
        for name, row in zip(result.classes, result.per_class.itertuples(index=False),
                             strict=True)
    ]
    rows += [
        ["average", name, cell(average.precision), cell(average.recall), cell(average.f1),
         str(result.size)]
        for name, average in result.averages()
    ]
    # Class names are user text: escaped like every other CSV cell (=HYPERLINK, @SUM).
    return render_csv(["kind", "name", "precision", "recall", "f1", "support"], rows)


def _metric_text(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.3f}"


def _metrics_table(name: str, split: str, result: ClassificationMetrics) -> str:
    table = result.table()
    # The average rows follow the classes (a class may itself be named "macro avg").
    averages = {
        "macro avg": translate("cli.output", "macro avg"),
        "micro avg": translate("cli.output", "micro avg"),
        "weighted avg": translate("cli.output", "weighted avg"),
    }
    names = [
        str(name) if i < len(result.classes) else averages.get(str(name), str(name))
        for i, name in enumerate(table.index)
    ]
    metric_rows = [
        [name, _metric_text(row.precision), _metric_text(row.recall), _metric_text(row.f1),
         str(int(row.support))]
        for name, row in zip(names, table.itertuples(index=False), strict=True)
    ]
    metrics_text = _grid(
        [
            translate("cli.output", "class"),
            translate("cli.output", "precision"),
            translate("cli.output", "recall"),
            translate("cli.output", "f1"),
            translate("cli.output", "support"),
        ],
        metric_rows,
    )
    # A rule above the averages keeps them from reading as one more class.
    rule_at = 1 + len(result.classes)
    metrics_lines = metrics_text.split("\n")
    from erroranalysis.core.report import display_width

    metrics_lines.insert(rule_at, "-" * display_width(metrics_lines[0]))

    counts = result.confusion.to_numpy()
    confusion_rows = [
        [name, *(str(int(v)) for v in counts[i])] for i, name in enumerate(result.classes)
    ]
    confusion_text = _grid(
        [translate("cli.output", "true \\ predicted"), *result.classes], confusion_rows
    )
    lines = [
        translate(
            "cli.output", "{name}, {split} split: {size} examples, accuracy {accuracy}"
        ).format(
            name=name,
            split=split.replace("_", "-"),
            size=result.size,
            accuracy=format_percent(result.accuracy),
        ),
        "",
        *metrics_lines,
        "",
        translate("cli.output", "Confusion matrix (rows: true class, columns: predicted class):"),
        "",
        confusion_text,
    ]
    return "\n".join(lines)


def _grid(header: list[str], rows: list[list[str]]) -> str:
    """Plain-text columns: the first left-aligned, the rest right-aligned."""
    from erroranalysis.cli.common import column_width, ljust, rjust

    widths = [column_width([r[i] for r in [header, *rows]]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = ljust(cells[0], widths[0])
        rest = (rjust(cell, width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    return "\n".join(line(r) for r in [header, *rows])


# --- compare ----------------------------------------------------------------


def _register_compare(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "compare",
        help=translate("cli", "compare two models' dev errors, allowing for wrong labels"),
        description=(
            translate(
                "cli",
                "Compare two models' dev errors on the same dev examples (matched by id, or by "
                "image path when a file has no id column) and say whether the share of the dev "
                "set with wrong labels (--label-noise) could explain the difference. With "
                "weights (a weight column or --weight rules) both the unweighted and the weighted "
                "ranking are shown, and whether they disagree.",
            )
        ),
    )
    parser.add_argument(
        "predictions_a", metavar="PREDICTIONS_A", help=translate("cli", "model A's predictions")
    )
    parser.add_argument(
        "predictions_b", metavar="PREDICTIONS_B", help=translate("cli", "model B's predictions")
    )
    parser.add_argument(
        "--label-noise",
        metavar="E",
        help=translate(
            "cli",
            "share of the dev set with wrong labels, e.g. 0.6%% (dev error x share of "
            "reviewed errors ticked 'incorrect label'); default 0",
        ),
    )
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help=translate("cli", "output format (default: table)"))
    add_weight_flags(parser)
    add_column_flags(parser)
    parser.set_defaults(handler=run_compare)


def run_compare(args: argparse.Namespace) -> int:
    """Handler of ``erroranalysis compare``."""
    noise_given = args.label_noise is not None
    noise = parse_rate(args.label_noise, "--label-noise") if noise_given else 0.0
    rules = weight_rules_from_args(args)
    preds_a = _load(args.predictions_a, args, rules)
    preds_b = _load(args.predictions_b, args, rules)
    by_id = "id" in preds_a.mapping and "id" in preds_b.mapping
    from erroranalysis.core.label_noise import compare_models
    from erroranalysis.core.model_pairing import pair_dev_errors

    paired = pair_dev_errors(
        preds_a.dev, str(preds_a.path), preds_b.dev, str(preds_b.path), by_id=by_id
    )
    errors_a, errors_b, size = paired.errors_a, paired.errors_b, paired.dev_size
    result = compare_models(errors_a / size, errors_b / size, noise)
    weighted = (
        _weighted_ranking(preds_a, preds_b, by_id, result.better, rules)
        if preds_a.weighted or preds_b.weighted
        else None
    )
    if args.format == "json":
        _print_json(
            {
                "file_a": str(preds_a.path),
                "file_b": str(preds_b.path),
                "dev_size": size,
                "dev_errors_a": errors_a,
                "dev_errors_b": errors_b,
                "label_noise_given": noise_given,
                **result.to_json_dict(),
                "weighted": weighted,
            }
        )
    else:
        print(_compare_table(preds_a, preds_b, size, errors_a, errors_b, result, noise_given))
        if weighted is not None:
            print()
            print(_weighted_table(weighted))
    return 0


def _weighted_ranking(
    preds_a: Predictions,
    preds_b: Predictions,
    by_id: bool,
    unweighted_better: str | None,
    rules: list,
) -> dict[str, Any]:
    """The ``weighted`` part of ``compare --format json``: both rankings and whether they agree."""
    from erroranalysis.core.model_pairing import shared_weights
    from erroranalysis.core.weighted import weighted_error

    dev_a, dev_b = preds_a.dev, preds_b.dev
    weights_a, weights_b = shared_weights(
        dev_a, str(preds_a.path), preds_a.weighted, dev_b, str(preds_b.path), preds_b.weighted,
        by_id=by_id,
    )
    error_a = weighted_error((dev_a["label"] != dev_a["prediction"]).to_numpy(), weights_a)
    error_b = weighted_error((dev_b["label"] != dev_b["prediction"]).to_numpy(), weights_b)
    difference = clean(error_a - error_b)
    better = None if difference == 0 else ("b" if difference > 0 else "a")
    agrees = better == unweighted_better
    sources = []
    for preds in (preds_a, preds_b):
        if "weight" in preds.mapping and f"column '{preds.mapping['weight']}'" not in sources:
            sources.append(f"column '{preds.mapping['weight']}'")
    sources += [f"--weight '{rule.text}'" for rule in rules]

    def name(side: str | None) -> str:
        return "neither (a tie)" if side is None else f"model {side.upper()}"

    # English: a JSON value (the table shows it translated, see _weighted_table).
    if agrees:
        verdict = _AGREES.format(better=name(better))
    else:
        verdict = _DISAGREE.format(unweighted=name(unweighted_better), better=name(better))
    return {
        "weights": sources,
        "dev_weight": clean(float(weights_a.sum())),
        "dev_error_a": clean(error_a),
        "dev_error_b": clean(error_b),
        "difference": difference,
        "better": better,
        "unweighted_better": unweighted_better,
        "agrees": agrees,
        "verdict": verdict,
    }


_AGREES = "The weighted dev error prefers {better}, as the unweighted one does."
_DISAGREE = (
    "The rankings disagree: the unweighted dev error prefers {unweighted}, the weighted one "
    "prefers {better}. The metric and dev set do not say what the users care about "
    "(METHOD.md §6): rank by the weighted error."
)


def _weighted_verdict(weighted: dict[str, Any]) -> str:
    """The ``verdict`` of ``_weighted_ranking`` in the command line's language."""

    def name(side: str | None) -> str:
        if side is None:
            return translate("cli.output", "neither (a tie)")
        return translate("cli.output", "model {side}").format(side=side.upper())

    if weighted["agrees"]:
        return translate(
            "cli.output", "The weighted dev error prefers {better}, as the unweighted one does."
        ).format(better=name(weighted["better"]))
    return translate(
        "cli.output",
        "The rankings disagree: the unweighted dev error prefers {unweighted}, the weighted one "
        "prefers {better}. The metric and dev set do not say what the users care about "
        "(METHOD.md §6): rank by the weighted error.",
    ).format(unweighted=name(weighted["unweighted_better"]), better=name(weighted["better"]))


def _weighted_table(weighted: dict[str, Any]) -> str:
    a = format_percent(weighted["dev_error_a"])
    b = format_percent(weighted["dev_error_b"])
    lines = [
        translate("cli.output", "Weighted ({weights}):").format(
            weights=", ".join(weighted["weights"])
        ),
        translate("cli.output", "Model A  {rate} weighted dev error").format(rate=f"{a:>7}"),
        translate("cli.output", "Model B  {rate} weighted dev error").format(rate=f"{b:>7}"),
        translate("cli.output", "Difference (A - B): {difference}").format(
            difference=format_percent(weighted["difference"], signed=True)
        ),
        "",
    ]
    lines.extend(_wrap(_weighted_verdict(weighted)))
    return "\n".join(lines)


def _compare_table(
    preds_a: Predictions,
    preds_b: Predictions,
    size: int,
    errors_a: int,
    errors_b: int,
    result: Comparison,
    noise_given: bool,
) -> str:
    a = format_percent(result.dev_error_a)
    b = format_percent(result.dev_error_b)
    lines = [
        translate("cli.output", "Model A  {rate} dev error ({errors} of {size})  {name}").format(
            rate=f"{a:>7}", errors=errors_a, size=size, name=preds_a.path.name
        ),
        translate("cli.output", "Model B  {rate} dev error ({errors} of {size})  {name}").format(
            rate=f"{b:>7}", errors=errors_b, size=size, name=preds_b.path.name
        ),
        translate("cli.output", "Difference (A - B): {difference}").format(
            difference=format_percent(result.difference, signed=True)
        ),
    ]
    if noise_given:
        lines.append(translate(
            "cli.output",
            "Label noise: {noise} of the dev set, could explain {share} of the difference",
        ).format(
            noise=format_percent(result.label_noise_rate),
            share=format_percent(result.explainable_share),
        ))
    else:
        lines.append(translate(
            "cli.output",
            "Label noise: not given (--label-noise E: the share of the dev set with wrong labels)",
        ))
    lines.append("")
    lines.extend(_wrap(core_sentences(result.verdict)))
    return "\n".join(lines)


# --- shared -----------------------------------------------------------------


def _load(path: str, args: argparse.Namespace, rules: list | None = None) -> Predictions:
    from erroranalysis.core.predictions import load_predictions

    return load_predictions(Path(path), column_names_from_args(args), rules or ())


def _split_rows(preds: Predictions, split: str) -> pd.DataFrame:
    rows = preds.split_frame(split)
    if len(rows) == 0:
        present = [s for s in LEVELS[1:] if (preds.frame["split"] == s).any()]
        hint = (
            translate("cli.errors", "the file has no split column, so every row is dev")
            if "split" not in preds.mapping
            else translate("cli.errors", "it has: {splits}").format(
                splits=", ".join(s.replace("_", "-") for s in present)
            )
        )
        raise UserError(
            translate(
                "cli.errors",
                "{path}: no rows in split '{split}' ({hint}); choose another with --split",
            ).format(path=preds.path, split=split.replace('_', '-'), hint=hint)
        )
    return rows


def _wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    # Hyphenated words such as "hyper-parameter" stay whole on one line.
    from erroranalysis.cli.common import wrap

    return wrap(text, _WIDTH, first, rest)


def _print_json(data: dict[str, Any]) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))
