"""`push` and `pull`: a session file onto a team's PostgreSQL server, and back."""

from __future__ import annotations

import argparse
from pathlib import Path

from erroranalysis.core.errors import UserError
from erroranalysis.i18n import translate


def register(subparsers: argparse._SubParsersAction) -> None:
    push = subparsers.add_parser(
        "push",
        help=translate(
            "cli", "upload a session file to a PostgreSQL server, for a team to review at once"
        ),
        description=translate(
            "cli",
            "Creates the session on the server (a schema of the database) with "
            "everything in the file: items, categories, ticks, comments, predictions. Each "
            "reviewer then opens the URL (erroranalysis review URL). The password comes from "
            "~/.pgpass (or PGPASSFILE), else it is asked for; it is never stored.",
        ),
    )
    push.add_argument(
        "file", metavar="SESSION.easession", help=translate("cli", "the session file to upload")
    )
    push.add_argument("url", metavar="URL", nargs="?",
                      help=translate("cli", "postgresql://user@host[:port]/database[?session=NAME&sslmode=...]"))
    push.add_argument(
        "--server", metavar="URL", help=translate("cli", "the server's URL (instead of URL)")
    )
    push.add_argument(
        "--session",
        metavar="NAME",
        help=translate(
            "cli",
            "the session's name on the server (default: the URL's ?session=, else the file's name)",
        ),
    )
    push.add_argument("--force", action="store_true",
                      help=translate("cli", "replace a session of that name on the server"))
    push.set_defaults(handler=run_push)

    pull = subparsers.add_parser(
        "pull",
        help=translate("cli", "copy a session from a PostgreSQL server into a session file"),
        description=translate(
            "cli",
            "A consistent copy of the server session as it is now (one snapshot), "
            "which opens like any session file.",
        ),
    )
    pull.add_argument("url", metavar="URL", help=translate("cli", "postgresql://user@host/database?session=NAME"))
    pull.add_argument(
        "output", metavar="OUT.easession", help=translate("cli", "the session file to write")
    )
    pull.add_argument(
        "--force", action="store_true", help=translate("cli", "replace an existing file")
    )
    pull.set_defaults(handler=run_pull)


def run_push(args: argparse.Namespace) -> int:
    from erroranalysis.core.store import parse_location
    from erroranalysis.core.store.transfer import push

    url = args.server or args.url
    if args.server and args.url:
        raise UserError(
            translate(
                "cli.errors",
                "give the server once: URL or --server URL, not both",
            )
        )
    if not url:
        raise UserError(
            translate(
                "cli.errors",
                "say which server: erroranalysis push FILE postgresql://user@host/db",
            )
        )
    local = Path(args.file)
    if not local.is_file():
        raise UserError(
            translate(
                "cli.errors",
                "{local}: no such session file",
            ).format(local=local)
        )
    name = args.session
    if not name and "session=" not in url:
        name = local.stem
    location = parse_location(url, name)
    items = push(local, location, overwrite=args.force)
    print(translate("cli.output", "{location}: {items:,} items, uploaded from {local}").format(
        location=location, items=items, local=local))
    print(translate(
        "cli.output", "each reviewer opens it with: erroranalysis review '{location}'"
    ).format(location=location))
    return 0


def run_pull(args: argparse.Namespace) -> int:
    from erroranalysis.core.store import parse_location
    from erroranalysis.core.store.transfer import pull

    location = parse_location(args.url)
    items = pull(location, Path(args.output), overwrite=args.force)
    print(translate("cli.output", "{path}: {items:,} items, a copy of {location}").format(
        path=args.output, items=items, location=location))
    return 0
