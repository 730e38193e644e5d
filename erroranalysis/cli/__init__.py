"""The command line: every headless job of the app, and the app's entry point.

Each command group lives in its own module with a ``register(subparsers)``
function; this module builds the parser and maps :class:`UserError` to one
line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import sys
from collections.abc import Sequence

from erroranalysis import __version__
from erroranalysis.core.errors import UserError
from erroranalysis.i18n import translate

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line, not the usage block plus a line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, translate("cli", "{prog}: error: {message} (see {prog} --help)")
                  .format(prog=self.prog, message=message) + "\n")


def build_parser() -> ArgumentParser:
    from erroranalysis.cli import (
        agreement_cmds,
        analysis_cmds,
        app_cmds,
        choose_cmds,
        label_cmds,
        merge_cmds,
        report_cmds,
        server_cmds,
        session_cmds,
        slice_cmds,
        suggest_cmds,
        weights_cmds,
    )

    parser = ArgumentParser(
        prog="erroranalysis",
        description=(
            translate(
                "cli",
                "Review a classifier's dev errors, tick the categories that explain them "
                "and see the most that fixing each category can gain. Without a command, "
                "opens the start screen.",
            )
        ),
        epilog=translate(
            "cli",
            "Any SESSION may be a session on a PostgreSQL server (a team's): "
            "postgresql://user@host[:port]/database?session=NAME, or --server URL --session NAME.",
        ),
    )
    parser.add_argument("--version", action="version", version=f"erroranalysis {__version__}",
                        help=translate("cli.argparse", "show program's version number and exit"))
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
    server_cmds.register(subparsers)
    weights_cmds.register(subparsers)
    return parser


#: Commands whose own flags include --server/--session (not rewritten into a URL).
_OWN_SERVER_FLAGS = ("push",)


def server_flags_as_url(argv: Sequence[str], commands: Sequence[str]) -> list[str]:
    """``--server URL --session NAME`` becomes the session URL, put where a command's
    first SESSION argument goes (right after the command's name): every command that
    takes a session takes it first."""
    args = list(argv)
    if "--server" not in args and not any(a.startswith("--server=") for a in args):
        return args
    at = next((i for i, a in enumerate(args) if a in commands), None)
    if at is None or args[at] in _OWN_SERVER_FLAGS:
        return args
    found: dict[str, str] = {}
    rest: list[str] = []
    i = 0
    while i < len(args):
        flag, _, inline = args[i].partition("=")
        if i > at and flag in ("--server", "--session"):
            if inline:
                found[flag], i = inline, i + 1
                continue
            if i + 1 >= len(args):
                raise UserError(
                    translate(
                        "cli.errors",
                        "{flag} needs a value",
                    ).format(flag=flag)
                )
            found[flag], i = args[i + 1], i + 2
            continue
        rest.append(args[i])
        i += 1
    if "--server" not in found:
        return args
    from urllib.parse import quote

    from erroranalysis.core.store import parse_location

    location = parse_location(found["--server"], found.get("--session"))
    joined = (f"{location.url}{'&' if '?' in location.url else '?'}"
              f"session={quote(location.session)}")
    return [*rest[: at + 1], joined, *rest[at + 1:]]


def main(argv: Sequence[str] | None = None) -> int:
    from erroranalysis import i18n

    # --lang is taken first, anywhere on the line: the help is built in its language.
    arguments, lang = i18n.take_lang_flag(list(sys.argv[1:] if argv is None else argv))
    if lang is not None and i18n.normalize(lang) is None:
        print(f"erroranalysis: error: --lang {lang}: not a language this program speaks "
              f"(use {' or '.join(i18n.LANGUAGES)})", file=sys.stderr)
        return EXIT_USAGE
    i18n.requested = lang
    i18n.use_language(lang or i18n.environment_language())
    parser = build_parser()
    try:
        commands = tuple(next(a for a in parser._actions
                              if isinstance(a, argparse._SubParsersAction)).choices)
        arguments = server_flags_as_url(arguments, commands)
    except UserError as error:
        print(translate("cli", "erroranalysis: error: {error}").format(error=error),
              file=sys.stderr)
        return EXIT_USAGE
    args = parser.parse_args(arguments)
    try:
        return _run(args)
    except UserError as error:
        print(translate("cli", "erroranalysis: error: {error}").format(error=error),
              file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.Error as error:
        # A session damaged or cut short under a command that was reading it.
        from erroranalysis.core.session_errors import describe_sqlite_error

        print(translate("cli", "erroranalysis: error: {error}").format(
            error=describe_sqlite_error(error)), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (``... | head``): what it did not want is not an error.
        # Before OSError, which it is; stdout goes to devnull so the exit's flush is quiet.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(translate("cli", "erroranalysis: error: {error}").format(
            error=f"{where}{error.strerror or error}"), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(translate("cli", "erroranalysis: interrupted"), file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    """Run the command; a server that asks for a password gets one typed at the terminal
    (kept in memory only), then the command runs again."""
    from erroranalysis.core.store.postgres import PasswordNeeded

    for attempt in range(4):
        try:
            handler = getattr(args, "handler", None)
            if handler is None:
                from erroranalysis.cli import app_cmds

                return app_cmds.run_default(args)
            return int(handler(args) or EXIT_OK)
        except PasswordNeeded as needed:
            if attempt == 3 or not sys.stdin.isatty():
                raise
            import getpass

            from erroranalysis.core.store import remember_password

            if needed.refused:
                print(translate("cli.output", "erroranalysis: the server refused that password"),
                      file=sys.stderr)
            password = getpass.getpass(translate("cli.output", "Password for {url}: ").format(
                url=needed.location.display_url))
            remember_password(needed.location, password)
    raise AssertionError("unreachable")
