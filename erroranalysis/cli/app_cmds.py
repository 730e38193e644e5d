"""The commands that open the desktop app: the start screen, `review`, `demo`, `--smoke-test`."""

from __future__ import annotations

import argparse
from pathlib import Path

from erroranalysis.cli.session_cmds import add_source_flags, is_session_file, source_options
from erroranalysis.core.errors import UserError
from erroranalysis.i18n import translate


def add_global_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help=translate(
            "cli",
            "open the main window on the demo, tick one category, check the tally, exit 0 "
            "(1 with the reason otherwise)",
        ),
    )
    # Taken out of the arguments before parsing (it may stand anywhere); listed here for --help.
    parser.add_argument(
        "--lang",
        metavar="LANG",
        choices=("zh_CN", "en"),
        help=translate(
            "cli",
            "language of the app and of these messages: zh_CN or en (default: the Settings "
            "entry, then LC_ALL / LC_MESSAGES / LANG)",
        ),
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    review = subparsers.add_parser(
        "review",
        help=translate("cli", "open the review window on a predictions file, folder or session"),
        description=translate(
            "cli",
            "A predictions file or folder gets a session beside it (or at --session); "
            "an existing session is resumed where the reviewer stopped.",
        ),
    )
    review.add_argument(
        "path", metavar="PATH",
        help=translate("cli", "predictions file, image folder, session file or server session "
        "(postgresql://user@host/db?session=NAME)")
    )
    review.add_argument(
        "--session", metavar="FILE", help=translate("cli", "session file to create or resume")
    )
    add_source_flags(review)
    review.set_defaults(handler=run_review)

    demo = subparsers.add_parser(
        "demo",
        help=translate("cli", "open the review window on the bundled demo (real digit errors)"),
        description=translate(
            "cli", "The demo session is kept in your user data folder, so it resumes too."
        ),
    )
    demo.add_argument(
        "--reset", action="store_true", help=translate("cli", "start the demo review over")
    )
    demo.set_defaults(handler=run_demo)


def run_default(args: argparse.Namespace) -> int:
    from erroranalysis.gui.app import LaunchRequest, launch, smoke_test

    if args.smoke_test:
        return smoke_test()
    return launch(LaunchRequest(kind="start"))


def run_review(args: argparse.Namespace) -> int:
    from erroranalysis.cli.common import is_server
    from erroranalysis.gui.app import LaunchRequest, launch

    if is_server(args.path):  # a session on a server: the team's review
        return launch(LaunchRequest(kind="session", path=args.path))
    path = Path(args.path)
    if not path.exists():
        raise UserError(
            translate(
                "cli.errors",
                "{path}: no such file or folder",
            ).format(path=path)
        )
    if path.is_file() and is_session_file(path):
        return launch(LaunchRequest(kind="session", path=path))
    options = source_options(args)
    return launch(
        LaunchRequest(
            kind="source",
            path=path,
            session_path=Path(args.session) if args.session else None,
            options=options,
            # No --categories: a new session asks for them (the course's defaults
            # pre-filled) instead of silently using dog / great cat / blurry.
            ask_categories=not args.categories,
        )
    )


def run_demo(args: argparse.Namespace) -> int:
    from erroranalysis.core.demo import demo_session_path
    from erroranalysis.gui.app import LaunchRequest, launch

    print(translate("cli.output", "demo session: {path}").format(path=demo_session_path()),
          flush=True)
    return launch(LaunchRequest(kind="demo", reset=args.reset))
