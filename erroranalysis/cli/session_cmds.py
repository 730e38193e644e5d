"""`new`, `tally`, `export`, `import`: the headless review jobs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from erroranalysis import i18n
from erroranalysis.cli.common import (
    add_column_flags,
    add_weight_flags,
    column_names_from_args,
    is_server,
    session_location,
    status_stream,
)
from erroranalysis.core.errors import UserError
from erroranalysis.core.paths import is_session_file
from erroranalysis.i18n import translate

# The core (pandas, SQLite) is imported inside the handlers, so that `--help`
# and `--version` start at once.
if TYPE_CHECKING:
    from erroranalysis.core.sources import SourceOptions
    from erroranalysis.core.tally import Tally

TALLY_FORMATS = ("csv", "json", "markdown", "table")
#: The tally's interval methods (core/intervals.py; kept literal so --help starts at once).
INTERVAL_METHODS = ("exact", "wilson-fpc")


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("cli.errors", "'{text}' is not a whole number").format(text=text)
        ) from None
    if value <= 0:
        raise argparse.ArgumentTypeError(
            translate("cli.errors", "'{text}' must be positive").format(text=text)
        )
    return value


def rate(text: str) -> float:
    from erroranalysis.core.rates import parse_rate

    try:
        return parse_rate(text)
    except UserError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_source_flags(parser: argparse.ArgumentParser) -> None:
    """Flags shared by ``new`` and ``review``: sampling, categories, dev size."""
    parser.add_argument(
        "--sample",
        type=positive_int,
        metavar="N",
        help=translate(
            "cli", "review a seeded random sample of N dev errors (the course suggests ~100)"
        ),
    )
    parser.add_argument(
        "--seed", type=int, default=0, help=translate("cli", "seed of the sample (default 0)")
    )
    parser.add_argument(
        "--categories",
        metavar="LIST|FILE",
        help=translate("cli", "categories as 'dog,great cat,blurry' or a file with one per line "
        "(default: dog, great cat, blurry, incorrect label)"),
    )
    parser.add_argument(
        "--dev-size",
        type=positive_int,
        metavar="N",
        help=translate("cli", "number of dev examples (needed for a folder of images)"),
    )
    parser.add_argument(
        "--dev-error",
        type=rate,
        metavar="E",
        help=translate("cli", "dev error rate, for a folder of images (0.1 or 10%%)"),
    )
    parser.add_argument(
        "--reviewer",
        default="",
        help=translate("cli", "the reviewer's name, stored with each review"),
    )
    parser.add_argument(
        "--images-root",
        metavar="DIR",
        help=translate(
            "cli", "folder the image paths are relative to (default: the predictions file's folder)"
        ),
    )
    add_column_flags(parser)


def source_options(args: argparse.Namespace) -> SourceOptions:
    from erroranalysis.core.categories import categories_from_option
    from erroranalysis.core.sources import SourceOptions

    return SourceOptions(
        columns=column_names_from_args(args),
        sample=args.sample,
        seed=args.seed,
        categories=tuple(categories_from_option(args.categories)) if args.categories
        # Without --categories: the course's, named in the user's language (data from now on).
        else None if i18n.cli_language() == "en" else tuple(i18n.default_categories_here()),
        dev_size=args.dev_size,
        dev_error=args.dev_error,
        reviewer=args.reviewer,
        images_root=_images_root(args),
        weight_rules=tuple(getattr(args, "weight", None) or ()),
    )


def _images_root(args: argparse.Namespace) -> Path | None:
    root = getattr(args, "images_root", None)
    if root is None:
        return None
    path = Path(root)
    if not path.is_dir():
        raise UserError(
            translate(
                "cli.errors",
                "--images-root {root}: no such folder",
            ).format(root=root)
        )
    return path.resolve()


def register(subparsers: argparse._SubParsersAction) -> None:
    new = subparsers.add_parser(
        "new",
        help=translate("cli", "create a review session from a predictions file or an image folder"),
        description=translate(
            "cli", "Create a review session (an SQLite file) without opening a window."
        ),
    )
    new.add_argument("source", metavar="PREDICTIONS|FOLDER")
    new.add_argument(
        "-o",
        "--output",
        metavar="SESSION",
        help=translate(
            "cli",
            "session file to write (default: beside the source, .easession), or a server "
            "session to create: postgresql://user@host/db?session=NAME",
        ),
    )
    new.add_argument(
        "--force", action="store_true", help=translate("cli", "replace an existing session file")
    )
    new.add_argument(
        "--allow-missing-images",
        action="store_true",
        help=translate(
            "cli", "make the session even if none of its images is found (locate them later)"
        ),
    )
    add_source_flags(new)
    add_weight_flags(new)
    new.set_defaults(handler=run_new)

    tally = subparsers.add_parser(
        "tally",
        help=translate("cli", "print the tally of a session or a review spreadsheet"),
        description=translate(
            "cli",
            "Per category: count, share of reviewed dev errors with its 95% interval, "
            "max gain and ceiling error (METHOD.md), and whether the ranking of the leading "
            "categories is settled or how many more errors to review. For a spreadsheet, the "
            "intervals need the number of dev errors the reviewed rows were drawn from: give "
            "--predictions, --dev-errors N, or --dev-error RATE with --dev-size. Without them that "
            "number is unknown and the interval is Clopper-Pearson on the reviewed rows alone.",
        ),
    )
    tally.add_argument(
        "source",
        metavar="SOURCE",
        help=translate(
            "cli", "a session (file or postgresql://...?session=NAME) or a review spreadsheet (CSV)"
        ),
    )
    tally.add_argument(
        "--predictions",
        metavar="FILE",
        help=translate(
            "cli", "predictions file giving dev_size and dev_errors (for a spreadsheet)"
        ),
    )
    tally.add_argument(
        "--dev-size",
        type=positive_int,
        metavar="N",
        help=translate(
            "cli",
            "number of dev examples. Alone with a spreadsheet it assumes the sheet has a row for "
            "every dev error (reviewed or not): dev error = error rows / N. If the sheet holds a "
            "sample, add --dev-errors or --dev-error",
        ),
    )
    tally.add_argument(
        "--dev-errors",
        type=positive_int,
        metavar="N",
        help=translate(
            "cli",
            "number of dev errors the spreadsheet's reviewed rows were drawn from (assumes the "
            "reviewed rows are a random sample of them); with --dev-size it gives the dev error",
        ),
    )
    tally.add_argument(
        "--dev-error",
        type=rate,
        metavar="RATE",
        help=translate(
            "cli",
            "dev error rate (0.1 or 10%%), with --dev-size: the dev errors are RATE x dev size, "
            "rounded (assumes the reviewed rows are a random sample of them)",
        ),
    )
    tally.add_argument(
        "--interval",
        choices=INTERVAL_METHODS,
        help=translate(
            "cli",
            "interval method: exact (hypergeometric; Clopper-Pearson when the number of dev "
            "errors is unknown) or wilson-fpc (the first version's, to reproduce old reports). "
            "Default: exact, or the session's setting",
        ),
    )
    tally.add_argument("--format", choices=TALLY_FORMATS, default="table")
    tally.add_argument(
        "--unweighted",
        action="store_true",
        help=translate(
            "cli", "a weighted session (a weight column or weight rules): count every error once"
        ),
    )
    tally.add_argument(
        "--answers",
        metavar="WHO",
        default="agreed",
        help=translate(
            "cli",
            "a merged session's answers to tally: agreed (default), majority, or one "
            "reviewer's name",
        ),
    )
    tally.add_argument(
        "--categories",
        metavar="LIST",
        help=translate(
            "cli", "the spreadsheet's tick columns, comma-separated (found when omitted)"
        ),
    )
    tally.add_argument(
        "--label-error-column",
        metavar="NAME",
        help=translate("cli", "the tick column that marks incorrect labels"),
    )
    add_column_flags(tally)
    tally.set_defaults(handler=run_tally)

    export = subparsers.add_parser(
        "export",
        help=translate("cli", "write the review spreadsheet (CSV) of a session"),
        description=translate(
            "cli", "One row per item; opens in Excel and LibreOffice; round-trips with import."
        ),
    )
    export.add_argument("session", metavar="SESSION")
    export.add_argument(
        "-o", "--output", metavar="CSV", help=translate("cli", "spreadsheet to write")
    )
    export.add_argument(
        "--tally", metavar="CSV", help=translate("cli", "also write the per-category tally table")
    )
    export.add_argument(
        "--unweighted",
        action="store_true",
        help=translate(
            "cli",
            "a weighted session: the tally table counts every error once (default: shares "
            "of the weighted dev error, as tally and the app show them)",
        ),
    )
    export.add_argument(
        "--delimiter",
        choices=(",", ";"),
        default=",",
        help=translate(
            "cli",
            "what separates cells (default ','; ';' for Excel in locales with a decimal "
            "comma); import reads either",
        ),
    )
    export.set_defaults(handler=run_export)

    importer = subparsers.add_parser(
        "import",
        help=translate(
            "cli", "bring ticks and comments edited in a spreadsheet back into a session"
        ),
        description=translate(
            "cli", "Rows are matched by id, else by image path; unmatched rows are reported."
        ),
    )
    importer.add_argument("session", metavar="SESSION")
    importer.add_argument("spreadsheet", metavar="CSV")
    importer.add_argument(
        "--dry-run",
        action="store_true",
        help=translate("cli", "report what would change, change nothing"),
    )
    importer.add_argument(
        "--overwrite-newer",
        action="store_true",
        help=translate(
            "cli",
            "apply the sheet even to items changed in the session after it was exported "
            "(without it, such rows are listed and nothing is imported)",
        ),
    )
    importer.add_argument(
        "--reviewer",
        metavar="NAME",
        help=translate("cli", "who reviewed the imported rows (default: the session's reviewer)"),
    )
    importer.add_argument(
        "--force",
        action="store_true",
        help=translate("cli", "write even if the session is open in another program"),
    )
    importer.set_defaults(handler=run_import)

    backup = subparsers.add_parser(
        "backup",
        help=translate("cli", "write a consistent copy of a session (safe while it is open)"),
        description=translate(
            "cli",
            "Copies the session with SQLite's backup API: the copy holds every "
            "acknowledged change, even those still in the write-ahead log.",
        ),
    )
    backup.add_argument("session", metavar="SESSION")
    backup.add_argument(
        "-o", "--output", metavar="COPY", required=True, help=translate("cli", "file to write")
    )
    backup.set_defaults(handler=run_backup)


def run_new(args: argparse.Namespace) -> int:
    from erroranalysis.core.sources import check_images_found, create_session, image_check

    options = source_options(args)
    session = create_session(args.source, args.output, options, overwrite=args.force)
    try:
        if args.allow_missing_images:
            check = image_check(session)
        else:
            try:
                check = check_images_found(session, options.images_root)
            except UserError:
                # Nothing to review without the images: leave no session behind.
                path, location = session.path, session.location
                session.close()
                if location is not None:
                    from erroranalysis.core.store.transfer import drop_server_session

                    drop_server_session(location)
                else:
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{path}{suffix}").unlink(missing_ok=True)
                raise
        missing = check.missing
        for note in session.notes:
            print(translate("cli.output", "note: {note}").format(note=note), file=sys.stderr)
        print(
            translate("cli.output", "{where}: {count} items to review").format(
                where=session.where, count=session.item_count()
            )
            + (
                translate("cli.output", " (a sample of {dev_errors} dev errors)").format(
                    dev_errors=session.dev_errors
                )
                if session.item_count() < session.dev_errors
                else ""
            )
            + (
                translate("cli.output", ", dev error {dev_errors}/{dev_size}").format(
                    dev_errors=session.dev_errors, dev_size=session.dev_size
                )
                if session.dev_size
                else ""
            )
        )
        names = ", ".join(i18n.category_display_name(c) for c in session.categories())
        if args.categories:
            print(translate("cli", "categories: {names}").format(names=names))
        else:
            print(translate(
                "cli", "categories: {names} (the course's defaults; name yours with --categories)"
            ).format(names=names))
        if missing:
            print(
                translate(
                    "cli.output",
                    "warning: {missing} of {count} images not found (looked under {base_dir}, "
                    "e.g. {example}); --images-root DIR names their folder",
                ).format(
                    missing=missing,
                    count=session.item_count(),
                    base_dir=session.base_dir,
                    example=check.example,
                ),
                file=sys.stderr,
            )
    finally:
        session.close()
    return 0


def run_tally(args: argparse.Namespace) -> int:
    from erroranalysis.core.report import RENDERERS
    from erroranalysis.core.session import SESSION_SUFFIX, ReviewSession

    source = session_location(args.source)
    if not is_server(source) and not source.exists():
        raise UserError(
            translate(
                "cli.errors",
                "{source}: no such session or spreadsheet",
            ).format(source=source)
        )
    if is_server(source) or is_session_file(source) or source.suffix.lower() == SESSION_SUFFIX:
        for flag, value in (("--dev-errors", args.dev_errors), ("--dev-error", args.dev_error)):
            if value is not None:
                raise UserError(
                    translate(
                        "cli.errors",
                        "{flag}: {source} is a session, which knows its dev errors; the flag is "
                        "for a spreadsheet",
                    ).format(flag=flag, source=source)
                )
        # A .easession that is empty or not SQLite is a broken session, not a sheet.
        with ReviewSession.open(source, read_only=True) as session:
            session.verify()
            if args.answers != "agreed":
                from erroranalysis.core.merge import tally_by

                tally = tally_by(session, args.answers)
            else:
                tally = session.tally()
                if not args.unweighted:
                    tally = _weighted(session, args) or tally
        if getattr(tally, "weights", None) is None and (
                args.dev_size or (args.interval and args.interval != tally.method)):
            tally = _recomputed(tally, args.dev_size, args.interval)
    else:
        tally = _spreadsheet_tally(args, source)
    sys.stdout.write(RENDERERS[args.format](tally))
    return 0


def _weighted(session: object, args: argparse.Namespace) -> Tally | None:
    """The weighted tally when the session has weights (METHOD.md §6), else None."""
    from erroranalysis.core.session_weights import weighted_tally

    weighted = weighted_tally(session)  # type: ignore[arg-type]
    if weighted is None:
        return None
    for flag, given in (("--dev-size", args.dev_size), ("--interval", args.interval)):
        if given:
            raise UserError(
                translate(
                    "cli.errors",
                    "{flag}: the session is weighted ({weights}), and its tally uses the "
                    "weighted dev error and the stratified exact intervals; add --unweighted to "
                    "use {flag}",
                ).format(flag=flag, weights='; '.join(weighted.weights))
            )
    return weighted


def _recomputed(tally: Tally, dev_size: int | None, method: str | None) -> Tally:
    """The same counts with another dev size or interval method (the ranking is unchanged)."""
    import dataclasses

    from erroranalysis.core.tally import compute_tally

    if dev_size and dev_size < tally.dev_errors:
        raise UserError(
            translate(
                "cli.errors",
                "--dev-size {dev_size} is smaller than the {dev_errors} dev errors",
            ).format(dev_size=dev_size, dev_errors=tally.dev_errors)
        )
    split = tally.label_split
    recomputed = compute_tally(
        tally.categories,
        tally.table["count"].to_numpy(),
        tally.reviewed,
        tally.dev_errors,
        dev_size or tally.dev_size,
        None if split is None else split.count,
        assessed=tally.table["assessed"].to_numpy(),
        skipped=tally.skipped,
        method=method or tally.method,
        errors_known=tally.population is not None,
        label_error_assessed=None if split is None else split.assessed,
    )
    return dataclasses.replace(recomputed, ranking=tally.ranking)


def _spreadsheet_tally(args: argparse.Namespace, source: Path) -> Tally:
    from erroranalysis.core.predictions import load_predictions
    from erroranalysis.core.spreadsheet import tally_spreadsheet, understand_spreadsheet

    if args.dev_errors is not None and args.dev_error is not None:
        raise UserError(
            translate(
                "cli.errors",
                "give one of --dev-errors N and --dev-error RATE, not both",
            )
        )
    if args.dev_error is not None and not args.dev_size:
        raise UserError(
            translate(
                "cli.errors",
                "--dev-error needs --dev-size: the number of dev errors is the rate times the "
                "dev size",
            )
        )
    if args.predictions and (args.dev_errors is not None or args.dev_error is not None):
        flag = "--dev-errors" if args.dev_errors is not None else "--dev-error"
        raise UserError(
            translate(
                "cli.errors",
                "{flag}: --predictions already gives the dev errors; drop one of them",
            ).format(flag=flag)
        )
    predictions = None
    dev_errors = dev_size = None
    given = "--predictions"
    if args.predictions:
        predictions = load_predictions(args.predictions, column_names_from_args(args))
        dev_errors, dev_size = predictions.dev_errors, predictions.dev_size
    if args.dev_size:
        dev_size = args.dev_size
    if args.dev_errors is not None:
        dev_errors, given = args.dev_errors, f"--dev-errors {args.dev_errors}"
    elif args.dev_error is not None:
        dev_errors = round(args.dev_error * args.dev_size)
        given = f"--dev-error x --dev-size ({dev_errors})"
    named = (
        [c.strip() for c in args.categories.split(",") if c.strip()] if args.categories else None
    )
    review = understand_spreadsheet(
        source,
        category_columns=named,
        label_error_column=args.label_error_column,
        predictions=predictions,
    )
    for note in review.notes:
        print(translate("cli.output", "note: {note}").format(note=note), file=sys.stderr)
    rows = int(review.is_error.sum())
    if dev_errors is not None and rows > dev_errors:
        raise UserError(
            (
                translate(
                    "cli.errors",
                    "{source}: {rows} error rows, but {given} means only {dev_errors} dev "
                    "errors; is it the right predictions file?",
                )
                if args.predictions
                else translate(
                    "cli.errors",
                    "{source}: {rows} error rows, but {given} means only {dev_errors} dev "
                    "errors; check the number",
                )
            ).format(source=source, rows=rows, given=given, dev_errors=dev_errors)
        )
    if dev_errors is None and dev_size is not None:
        # --dev-size alone: the sheet is taken to list every dev error (see --help).
        print(
            translate(
                "cli.output",
                "note: --dev-size alone assumes {name} has a row for every dev error ({rows}); "
                "if it holds a sample, give --dev-errors N or --dev-error RATE",
            ).format(name=source.name, rows=rows),
            file=sys.stderr,
        )
        dev_errors = rows
    if dev_size is not None and dev_size < (dev_errors or rows):
        raise UserError(
            translate(
                "cli.errors",
                "--dev-size {dev_size} is smaller than the number of dev errors",
            ).format(dev_size=dev_size)
        )
    return tally_spreadsheet(
        review,
        dev_errors=dev_errors,
        dev_size=dev_size,
        method=args.interval or "exact",
    )


def run_export(args: argparse.Namespace) -> int:
    from erroranalysis.core.session import ReviewSession
    from erroranalysis.core.spreadsheet import export_session, export_tally

    if not args.output and not args.tally:
        raise UserError(
            translate(
                "cli.errors",
                "say where to write: -o review.csv (and/or --tally tally.csv)",
            )
        )
    # Writing to /dev/stdout or a pipe: what was written goes to stderr, not into the CSV.
    status = status_stream(args.output, args.tally)
    with ReviewSession.open(args.session, read_only=True) as session:
        session.verify()
        if args.output:
            rows = export_session(session, args.output, delimiter=args.delimiter)
            print(translate("cli.output", "{path}: {rows} rows").format(
                path=args.output, rows=rows), file=status)
        if args.tally:
            tally = session.tally()
            if not args.unweighted:
                from erroranalysis.core.session_weights import weighted_tally

                tally = weighted_tally(session) or tally
            export_tally(tally, args.tally, delimiter=args.delimiter)
            weights = getattr(tally, "weights", None)
            if weights is None:
                done = translate("cli.output", "{path}: {count} categories")
            else:
                done = translate(
                    "cli.output", "{path}: {count} categories, weighted ({weights})"
                )
            print(done.format(path=args.tally, count=len(session.categories()),
                              weights="; ".join(weights or [])), file=status)
    return 0


def run_backup(args: argparse.Namespace) -> int:
    from erroranalysis.core.session import ReviewSession

    with ReviewSession.open(args.session, read_only=True) as session:
        copy = session.backup(args.output)
        print(translate("cli.output", "{copy}: a copy of {session} ({count:,} items)").format(
            copy=copy, session=args.session, count=session.item_count()))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from erroranalysis.core.session import ReviewSession
    from erroranalysis.core.spreadsheet import import_spreadsheet

    with ReviewSession.open(args.session, read_only=args.dry_run) as session:
        if not args.dry_run:
            session.acquire_lock(force=args.force)
            if args.reviewer:
                session.set_reviewer(args.reviewer)
        report = import_spreadsheet(
            session, args.spreadsheet, dry_run=args.dry_run, overwrite_newer=args.overwrite_newer
        )
    print(
        (
            translate("cli.output", "{path}: {matched} rows matched, {changed} items would change")
            if args.dry_run
            else translate("cli.output", "{path}: {matched} rows matched, {changed} items changed")
        ).format(path=args.spreadsheet, matched=report.matched, changed=report.changed)
    )
    if report.overwrote_newer:
        print(
            (
                translate(
                    "cli.output",
                    "warning: {count} of them had changed in the session after the sheet was "
                    "exported; the sheet's values would replace those changes (--overwrite-newer)",
                )
                if args.dry_run
                else translate(
                    "cli.output",
                    "warning: {count} of them had changed in the session after the sheet was "
                    "exported; the sheet's values replaced those changes (--overwrite-newer)",
                )
            ).format(count=report.overwrote_newer),
            file=sys.stderr,
        )
    if report.unchecked:
        print(
            translate(
                "cli.output",
                "note: {count} of them already had review work in the session, and their rows "
                "carry no as_exported stamp of this session (the sheet was not exported from "
                "it, or the column was cleared), so whether the sheet is older than that work "
                "could not be checked",
            ).format(count=report.unchecked),
            file=sys.stderr,
        )
    if report.unknown_columns:
        print(
            translate(
                "cli.output",
                "warning: columns that are not categories of the session were ignored: "
                "{columns} (add them as categories first to import them)",
            ).format(columns=", ".join(report.unknown_columns)),
            file=sys.stderr,
        )
    if report.unmatched_rows:
        shown = ", ".join(str(r) for r in report.unmatched_rows[:20])
        more = (
            ""
            if len(report.unmatched_rows) <= 20
            else translate("cli.output", " and {count} more").format(
                count=len(report.unmatched_rows) - 20
            )
        )
        print(
            translate(
                "cli.output",
                "warning: {count} rows match no item (lines {shown}{more}); they were not "
                "imported",
            ).format(count=len(report.unmatched_rows), shown=shown, more=more),
            file=sys.stderr,
        )
        return 1
    return 0
