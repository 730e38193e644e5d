"""`report`: the review as one file a team lead reads (HTML, or Markdown for an issue tracker)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from erroranalysis.cli.common import non_negative_int, status_stream
from erroranalysis.core.errors import UserError
from erroranalysis.i18n import translate

# The session store and the report builder are imported in the handler, so that
# `--help` starts at once.

FORMATS = ("html", "markdown")
_MARKDOWN_SUFFIXES = (".md", ".markdown")



def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``report`` command."""
    parser = subparsers.add_parser(
        "report",
        help=translate(
            "cli", "the review as one self-contained HTML file (or Markdown) for the team"
        ),
        description=(
            translate(
                "cli",
                "Write what a team lead needs to decide what to work on next: the dev error and "
                "what the review is made of, the tally with 95% intervals and the max-gain chart, "
                "the ranking verdict, the incorrect-label split and the corrected dev error, the "
                "bias / variance / data-mismatch ladder, the slices of the dev set where errors "
                "gather, reviewer agreement (a merged session, or --reviewer-session), a few "
                "examples per category and every comment. The HTML has no external asset (it "
                "opens offline and prints to PDF); --format markdown is for pasting into an issue "
                "tracker. The session is only read.",
            )
        ),
    )
    parser.add_argument(
        "session", metavar="SESSION", help=translate("cli", "the session file (.easession)")
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        required=True,
        help=translate("cli", "where to write the report ('-' for standard output)"),
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help=translate("cli", "html or markdown (default: markdown for a .md file, else html)"),
    )
    parser.add_argument(
        "--thumbnails",
        type=non_negative_int,
        default=None,
        metavar="N",
        help=translate(
            "cli", "examples shown per category (default 6, 0 for none; only these images are read)"
        ),
    )
    parser.add_argument(
        "--reviewer-session",
        metavar="FILE",
        action="append",
        default=[],
        help=translate(
            "cli",
            "another reviewer's session of the same items, for the agreement section (repeatable)",
        ),
    )
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    """Handler of ``erroranalysis report``."""
    from erroranalysis.cli.common import session_identity, session_location
    from erroranalysis.core.session import ReviewSession
    from erroranalysis.core.team_report import (
        DEFAULT_THUMBNAILS,
        collect_report,
        render_html,
        render_markdown,
        write_report_text,
    )

    source = session_location(args.session)
    output = args.output
    fmt = args.format
    if fmt is None:
        fmt = "markdown" if Path(output).suffix.lower() in _MARKDOWN_SUFFIXES else "html"
    others = [session_location(p) for p in args.reviewer_session]
    seen = {session_identity(source)}
    for path in others:
        if session_identity(path) in seen:
            raise UserError(
                translate(
                    "cli.errors",
                    "{path}: given twice; give each reviewer's session once",
                ).format(path=path)
            )
        seen.add(session_identity(path))
    thumbnails = DEFAULT_THUMBNAILS if args.thumbnails is None else args.thumbnails
    opened: list[ReviewSession] = []
    try:
        session = ReviewSession.open(source, read_only=True)
        opened.append(session)
        session.verify()
        for path in others:
            opened.append(ReviewSession.open(path, read_only=True))
        data = collect_report(session, thumbnails=thumbnails, reviewer_sessions=opened[1:])
    finally:
        for each in opened:
            each.close()
    text = render_html(data) if fmt == "html" else render_markdown(data)
    if output == "-":
        sys.stdout.write(text)
        return 0
    status = status_stream(output)
    path = write_report_text(text, output)
    print(
        (
            translate("cli.output", "{path}: the HTML report of {source}")
            if fmt == "html"
            else translate("cli.output", "{path}: the Markdown report of {source}")
        ).format(path=path, source=source),
        file=status,
    )
    return 0
