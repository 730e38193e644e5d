"""The command line: every headless job of the app, and the app's entry point.

Each command group lives in its own module with a ``register(subparsers)``
function; this module builds the parser and maps :class:`UserError` to one
line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence

from erroranalysis import __version__
from erroranalysis.core.errors import UserError

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line, not the usage block plus a line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> ArgumentParser:
    from erroranalysis.cli import (
        agreement_cmds,
        analysis_cmds,
        app_cmds,
        choose_cmds,
        label_cmds,
        merge_cmds,
        report_cmds,
        session_cmds,
        slice_cmds,
        suggest_cmds,
    )

    parser = ArgumentParser(
        prog="erroranalysis",
        description=(
            "Review a classifier's dev errors, tick the categories that explain them "
            "and see the most that fixing each category can gain. Without a command, "
            "opens the start screen."
        ),
    )
    parser.add_argument("--version", action="version", version=f"erroranalysis {__version__}")
    app_cmds.add_global_flags(parser)
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=ArgumentParser
    )
    session_cmds.register(subparsers)
    app_cmds.register(subparsers)
    analysis_cmds.register(subparsers)
    label_cmds.register(subparsers)
    agreement_cmds.register(subparsers)
    merge_cmds.register(subparsers)
    slice_cmds.register(subparsers)
    suggest_cmds.register(subparsers)
    choose_cmds.register(subparsers)
    report_cmds.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        handler = getattr(args, "handler", None)
        if handler is None:
            from erroranalysis.cli import app_cmds

            return app_cmds.run_default(args)
        return int(handler(args) or EXIT_OK)
    except UserError as error:
        print(f"erroranalysis: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.Error as error:
        # A session damaged or cut short under a command that was reading it.
        from erroranalysis.core.session_errors import describe_sqlite_error

        print(f"erroranalysis: error: {describe_sqlite_error(error)}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"erroranalysis: error: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("erroranalysis: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
