"""`weights`: a session's example weights (METHOD.md §6): show them, set or clear the rules."""

from __future__ import annotations

import argparse
import json
import sys

from erroranalysis.cli.common import session_location
from erroranalysis.i18n import translate

# The session store is imported in the handler, so that `--help` starts at once.


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``weights`` command."""
    parser = subparsers.add_parser(
        "weights",
        help=translate("cli", "show a session's example weights, or set its weight rules"),
        description=(
            translate(
                "cli",
                "When an error on some examples costs more (course 1.7: a pornographic image let "
                "through costs 10 times a cat missed), weigh them: the weighted dev error is "
                "sum(w * error) / sum(w), and the tally's shares, gains and ceilings, the label "
                "split and the diagnosis use it. Weights come from the predictions file's weight "
                "column (--weight-col when the session was made) and from rules "
                "COLUMN=VALUE:WEIGHT kept in the session (later rules win). Without --rule or "
                "--clear, prints what is in force.",
            )
        ),
    )
    parser.add_argument("session", metavar="SESSION")
    parser.add_argument(
        "--rule", metavar="COLUMN=VALUE:WEIGHT", action="append", default=[],
        help=translate(
            "cli", "replace the session's rules by these, e.g. 'label=porn:10'; repeatable"
        ),
    )  # fmt: skip
    parser.add_argument(
        "--clear", action="store_true", help=translate("cli", "remove every weight rule")
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(handler=run_weights)


def run_weights(args: argparse.Namespace) -> int:
    """Handler of ``erroranalysis weights``."""
    from erroranalysis.core.errors import UserError
    from erroranalysis.core.session import ReviewSession
    from erroranalysis.core.session_weights import session_weights, set_weight_rules

    if args.clear and args.rule:
        raise UserError(
            translate(
                "cli.errors",
                "give --rule or --clear, not both",
            )
        )
    editing = args.clear or bool(args.rule)
    with ReviewSession.open(session_location(args.session), read_only=not editing) as session:
        session.verify()
        if editing:
            set_weight_rules(session, [] if args.clear else args.rule)
        weights = session_weights(session)
        if args.format == "json":
            print(json.dumps(_json(weights), indent=2, ensure_ascii=False))
            return 0
        if weights is None:
            print(
                translate(
                    "cli.output",
                    "{where}: no weights (every example counts once); set rules with --rule "
                    "'label=porn:10'",
                ).format(where=session.where)
            )
            return 0
        out = sys.stdout
        out.write(translate("cli.output", "Weights: {weights}").format(
            weights=weights.describe()) + "\n")
        out.write(
            translate(
                "cli.output",
                "Weighted dev error {rate:.2%} (unweighted {unweighted:.2%}; dev weight "
                "{weight:g})",
            ).format(
                rate=weights.dev_error,
                unweighted=weights.unweighted_dev_error,
                weight=weights.dev_weight,
            )
            + "\n"
        )
        for split, rate in weights.split_rates.items():
            out.write(translate("cli.output", "  {split} weighted error {rate:.2%}").format(
                split=f"{split:<9}", rate=rate) + "\n")
    return 0


def _json(weights: object) -> dict:
    """The ``weights --format json`` shape."""
    if weights is None:
        return {
            "weighted": False,
            "weights": [],
            "rules": [],
            "column": None,
            "dev_error": None,
            "unweighted_dev_error": None,
            "dev_weight": None,
            "split_rates": {},
        }
    return {
        "weighted": True,
        "weights": weights.sources,  # type: ignore[attr-defined]
        "rules": [r.text for r in weights.rules],  # type: ignore[attr-defined]
        "column": weights.column,  # type: ignore[attr-defined]
        "dev_error": round(weights.dev_error, 12),  # type: ignore[attr-defined]
        "unweighted_dev_error": round(weights.unweighted_dev_error, 12),  # type: ignore[attr-defined]
        "dev_weight": weights.dev_weight,  # type: ignore[attr-defined]
        "split_rates": {k: round(v, 12) for k, v in weights.split_rates.items()},  # type: ignore[attr-defined]
    }
