"""`agreement`: how far several reviewers agree on each category.

Each reviewer works in their own session file made from the same predictions
file (or the same seeded sample); this command lines the sessions up and
prints, per category, the items all of them assessed, the raw agreement,
Cohen's (two reviewers) or Fleiss' (three or more) kappa with its 95%
interval, and Gwet's AC1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from erroranalysis.core.errors import UserError
from erroranalysis.i18n import translate

# numpy, pandas and the session store are imported in the handler, so that
# `--help` starts at once.
if TYPE_CHECKING:
    from erroranalysis.core.agreement import AgreementReport

FORMATS = ("table", "json", "csv")
_WIDTH = 88
CSV_HEADER = [
    "category", "items", "agreement", "kappa", "kappa_low", "kappa_high", "ac1",
    "needs_sharpening",
]  # fmt: skip


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``agreement`` command."""
    parser = subparsers.add_parser(
        "agreement",
        help=translate(
            "cli", "agreement of several reviewers on each category (kappa, Gwet's AC1)"
        ),
        description=(
            translate(
                "cli",
                "Line up one session file per reviewer (made from the same predictions file "
                "or the same seeded sample; items matched by id, else by image path; "
                "categories by name) and print, per category: the items every reviewer "
                "assessed, the share of them on which all agree, Cohen's kappa (two "
                "reviewers) or Fleiss' kappa (three or more) with its 95% interval, and "
                "Gwet's AC1, which stays meaningful for rare categories. A category below "
                "0.6 (kappa; AC1 when kappa is undefined) needs a sharper description.",
            )
        ),
    )
    parser.add_argument(
        "sessions",
        nargs="+",
        metavar="SESSION",
        help=translate(
            "cli", "two or more session files, one per reviewer, or one merged session (merge)"
        ),
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help=translate("cli", "output format (default: table)"),
    )
    parser.set_defaults(handler=run_agreement)


def run_agreement(args: argparse.Namespace) -> int:
    """Handler of ``erroranalysis agreement``."""
    from erroranalysis.cli.common import session_identity, session_location
    from erroranalysis.core.agreement import SessionMatch, ratings_from_sessions
    from erroranalysis.core.session import ReviewSession

    paths = [session_location(p) for p in args.sessions]
    if len(paths) == 1:
        from erroranalysis.core.merge import merged_ratings

        with ReviewSession.open(paths[0], read_only=True) as merged:
            if not merged.reviewers:
                raise UserError(
                    translate(
                        "cli.errors",
                        "agreement needs at least two session files, one per reviewer, or one "
                        "merged session (got {paths}, which holds one reviewer's answers)",
                    ).format(paths=paths[0])
                )
            ratings = merged_ratings(merged)
        match = SessionMatch("key", len(ratings.item_keys), 0, {}, [], {})
        return _print(args, [paths[0]], ratings, match)
    seen: dict[str, object] = {}
    for path in paths:
        resolved = session_identity(path)
        if resolved in seen:
            raise UserError(
                translate(
                    "cli.errors",
                    "{path}: given twice; give each reviewer's session once",
                ).format(path=path)
            )
        seen[resolved] = path
    sessions: list[ReviewSession] = []
    try:
        for path in paths:
            sessions.append(ReviewSession.open(path, read_only=True))
        ratings, match = ratings_from_sessions(sessions)
    finally:
        for session in sessions:
            session.close()
    return _print(args, paths, ratings, match)


def _print(args: argparse.Namespace, paths: list[Path], ratings, match) -> int:  # type: ignore[no-untyped-def]
    from erroranalysis.core.agreement import compute_agreement

    report = compute_agreement(ratings)
    if match.items == match.partial_items:
        raise UserError(
            translate(
                "cli.errors",
                "{paths}: no item is in every session (matched by {matched_by}); were they made "
                "from the "
                "same predictions file or seeded sample?",
            ).format(
                paths=', '.join(map(str, paths)),
                matched_by=(
                    translate("cli.errors", "id")
                    if match.matched_by == "key"
                    else translate("cli.errors", "image path")
                ),
            )
        )
    if not report.categories:
        raise UserError(
            translate(
                "cli.errors",
                "{paths}: the sessions have no categories",
            ).format(paths=', '.join(map(str, paths)))
        )
    if report.common_items == 0:
        raise UserError(
            translate(
                "cli.errors",
                "{paths}: no item was reviewed by all {n_paths} reviewers; review the same items "
                "in every session first",
            ).format(paths=', '.join(map(str, paths)), n_paths=len(paths))
        )
    for note in match.notes():
        print(translate("cli.output", "note: {note}").format(note=note), file=sys.stderr)
    if args.format == "json":
        print(json.dumps(report.to_json_dict(), indent=2, ensure_ascii=False))
    elif args.format == "csv":
        sys.stdout.write(render_csv(report))
    else:
        sys.stdout.write(render_table(report))
    return 0


def _number(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def render_csv(report: AgreementReport) -> str:
    """The JSON's numbers per category plus the flag; text cells are formula-safe."""
    from erroranalysis.core import csvio

    rows = [
        [
            c.name,
            str(c.items),
            _number(c.agreement),
            _number(c.kappa),
            _number(c.kappa_low),
            _number(c.kappa_high),
            _number(c.ac1),
            "yes" if c.needs_sharpening else "no",
        ]
        for c in report.categories
    ]
    return csvio.render_csv(CSV_HEADER, rows)


def _fixed(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def render_table(report: AgreementReport) -> str:
    """A fixed-width table in the categories' order, flagged ones marked."""
    from erroranalysis.core.agreement import KAPPA_TITLES, SHARPEN_BELOW

    kappa_title = translate("core", KAPPA_TITLES[report.method])
    headers = [
        translate("cli.output", "category"),
        translate("cli.output", "items"),
        translate("cli.output", "agreement"),
        translate("cli.output", "kappa"),
        translate("cli.output", "kappa 95%"),
        "AC1",
        "",
    ]
    sharpen = translate("cli.output", "<- sharpen its description")
    rows = []
    for c in report.categories:
        interval = (
            "–" if c.kappa_low is None else f"[{_fixed(c.kappa_low)}, {_fixed(c.kappa_high)}]"
        )
        rows.append(
            [
                c.name,
                str(c.items),
                "–" if c.agreement is None else f"{100 * c.agreement:.1f}%",
                _fixed(c.kappa),
                interval,
                _fixed(c.ac1),
                sharpen if c.needs_sharpening else "",
            ]
        )
    from erroranalysis.cli.common import column_width, ljust, rjust

    widths = [column_width([h, *(r[i] for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        first = ljust(cells[0], widths[0])
        middle = [rjust(c, w) for c, w in zip(cells[1:-1], widths[1:-1], strict=True)]
        return "  ".join([first, *middle, cells[-1]]).rstrip()

    from erroranalysis.cli.common import wrap

    names = ", ".join(report.reviewers)
    out = [
        translate(
            "cli.output", "Agreement of {count} reviewers ({names}); kappa is {kappa}."
        ).format(count=len(report.reviewers), names=names, kappa=kappa_title),
        "",
        line(headers),
        line(["-" * w for w in widths]),
        *(line(r) for r in rows),
        "",
        *wrap(
            translate(
                "cli.output",
                "items: assessed by every reviewer; agreement: the share of them on which all "
                "answers agree. Flagged below {below:g} (kappa; AC1 when kappa is undefined): "
                "the reviewers read the category differently, so its description needs "
                "sharpening. Gwet's AC1 stays near the agreement for rare categories, where "
                "kappa can be low despite high agreement.",
            ).format(below=SHARPEN_BELOW),
            _WIDTH,
        ),
    ]
    return "\n".join(out) + "\n"
