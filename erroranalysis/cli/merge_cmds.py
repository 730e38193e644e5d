"""`merge`: several reviewers' sessions into one, with each reviewer's answers and the agreed."""

from __future__ import annotations

import argparse
import sys

from erroranalysis.core.errors import UserError
from erroranalysis.i18n import translate


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "merge",
        help=translate(
            "cli", "merge reviewers' sessions into one (their answers, the agreed ones, disputes)"
        ),
        description=(
            translate(
                "cli",
                "One session per reviewer, made from the same predictions file or seeded sample, "
                "become one session: every item and category of any of them (items matched by "
                "id, else image path; categories by name; what only some have is reported), each "
                "reviewer's ticks, states and comments, and the agreed answers: a category is "
                "ticked where every reviewer who assessed it ticked it, and left not assessed "
                "where they disagree, until resolved in the app's disagreement queue.",
            )
        ),
    )
    parser.add_argument(
        "sessions", nargs="+", metavar="SESSION", help=translate("cli", "two or more sessions")
    )
    parser.add_argument("-o", "--output", metavar="MERGED", required=True,
                        help=translate("cli", "the merged session to write"))
    parser.add_argument(
        "--names",
        metavar="LIST",
        help=translate(
            "cli",
            "reviewer names, comma-separated, one per session (default: each "
            "session's reviewer, else its file name)",
        ),
    )
    parser.add_argument(
        "--force", action="store_true", help=translate("cli", "replace an existing file")
    )
    parser.set_defaults(handler=run_merge)


def run_merge(args: argparse.Namespace) -> int:
    from erroranalysis.cli.common import session_identity, session_location
    from erroranalysis.core.merge import merge_sessions
    from erroranalysis.core.session import ReviewSession

    paths = [session_location(p) for p in args.sessions]
    if len({session_identity(p) for p in paths}) != len(paths):
        raise UserError(
            translate(
                "cli.errors",
                "a session is given twice; give each reviewer's session once",
            )
        )
    names = [n.strip() for n in args.names.split(",")] if args.names else None
    if names is not None and len(names) != len(paths):
        raise UserError(
            translate(
                "cli.errors",
                "--names gives {n_names} names for {n_paths} sessions",
            ).format(n_names=len(names), n_paths=len(paths))
        )
    sessions = []
    try:
        for path in paths:
            sessions.append(ReviewSession.open(path, read_only=True))
        merged, report = merge_sessions(sessions, args.output, names=names,
                                        overwrite=args.force)
        merged.close()
    finally:
        for session in sessions:
            session.close()
    lines = report.lines()
    print(lines[0])
    print(lines[1])
    for note in lines[2:]:
        print(translate("cli.output", "note: {note}").format(note=note), file=sys.stderr)
    return 0
