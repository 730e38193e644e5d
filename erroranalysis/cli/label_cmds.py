"""`labels` and `sample-correct`: incorrectly labelled examples in a session (METHOD.md §3)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from erroranalysis.core.rates import format_percent
from erroranalysis.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from erroranalysis.core.session_analysis import LabelReport


def register(subparsers: argparse._SubParsersAction) -> None:
    labels = subparsers.add_parser(
        "labels",
        help=translate(
            "cli", "how much of the dev error wrong labels cause, and the corrected dev error"
        ),
        description=translate(
            "cli",
            "The split of the dev error into incorrect labels and other causes, a "
            "verdict on fixing labels now, and the dev error once labels are corrected "
            "(using the reviewed correct examples, see sample-correct).",
        ),
    )
    labels.add_argument("session", metavar="SESSION")
    labels.add_argument("--format", choices=("table", "json"), default="table")
    labels.set_defaults(handler=run_labels)

    sample = subparsers.add_parser(
        "sample-correct",
        help=translate("cli", "add N correctly classified dev examples to review their labels"),
        description=translate(
            "cli",
            "A wrong label can hide a model error: review some examples the model got "
            "right too. They are kept apart from the errors in the tally.",
        ),
    )
    sample.add_argument("session", metavar="SESSION")
    sample.add_argument("count", metavar="N", type=int)
    sample.add_argument("--seed", type=int, default=0)
    sample.add_argument(
        "--force",
        action="store_true",
        help=translate("cli", "write even if the session is open in another program"),
    )
    sample.set_defaults(handler=run_sample_correct)


def run_labels(args: argparse.Namespace) -> int:
    from erroranalysis.core.session import ReviewSession
    from erroranalysis.core.session_analysis import label_report

    with ReviewSession.open(args.session, read_only=True) as session:
        report = label_report(session)
    if args.format == "json":
        print(json.dumps(report.to_json_dict(), indent=2, ensure_ascii=False))
    else:
        print(render_label_report(report))
    return 0


#: core/session_analysis.py correct_side_caveat() (English: a JSON value), for the table.
_CAVEATS = (
    QT_TRANSLATE_NOOP(
        "cli.output",
        "No correctly classified example reviewed yet: the corrected dev error ignores the "
        "wrong labels hidden among the {count} correct ones, which can only raise it, so it has "
        "a lower bound but no upper one. Review some (sample-correct) for an interval.",
    ),
)


def render_label_report(report: LabelReport) -> str:
    from erroranalysis.cli.common import wrap
    from erroranalysis.i18n import core_sentences, translate_filled

    lines = [
        translate(
            "cli.output", "Reviewed dev errors: {reviewed}, with an incorrect label: {found}"
        ).format(reviewed=report.reviewed_errors, found=report.label_errors_among_errors),
        translate(
            "cli.output",
            "Reviewed correct examples: {reviewed} of {total}, with an incorrect label: {found}",
        ).format(
            reviewed=report.reviewed_correct,
            total=report.correct_total,
            found=report.label_errors_among_correct,
        ),
    ]
    if report.split is not None:
        lines += ["", *wrap(core_sentences(report.split.verdict), 88, break_on_hyphens=True)]
    else:
        lines += ["", translate(
            "cli.output", "No split yet: review some errors (and give the dev size for a folder)."
        )]
    if report.corrected is not None:
        c = report.corrected
        if c.high is None:
            figure = translate(
                "cli.output", "{value} (at least {low}; no upper bound yet)"
            ).format(value=format_percent(c.value), low=format_percent(c.low))
        else:
            figure = translate("cli.output", "{value} (95% interval {low} to {high})").format(
                value=format_percent(c.value),
                low=format_percent(c.low),
                high=format_percent(c.high),
            )
        lines += ["", translate("cli.output", "Dev error with labels corrected: {figure}").format(
            figure=figure
        )]
        if report.caveat:
            caveat = translate_filled("cli.output", _CAVEATS, report.caveat)
            lines += wrap(caveat, 88, "  ", "  ", break_on_hyphens=True)
    return "\n".join(lines)


def run_sample_correct(args: argparse.Namespace) -> int:
    from erroranalysis.core.errors import UserError
    from erroranalysis.core.session import ReviewSession
    from erroranalysis.core.sources import add_correct_sample

    if args.count <= 0:
        raise UserError(
            translate(
                "cli.errors",
                "N must be a positive number, not {count}",
            ).format(count=args.count)
        )
    with ReviewSession.open(args.session) as session:
        session.acquire_lock(force=args.force)
        added = add_correct_sample(session, args.count, args.seed)
        print(
            translate(
                "cli.output",
                "{session}: {count} correctly classified dev examples added for label review",
            ).format(session=args.session, count=len(added))
        )
    return 0
