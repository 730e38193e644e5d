"""Flags and helpers shared by several commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from erroranalysis.i18n import translate

if TYPE_CHECKING:
    from erroranalysis.core.predictions import ColumnNames
    from erroranalysis.core.weighted import WeightRule


def add_column_flags(parser: argparse.ArgumentParser) -> None:
    """The flags that name a predictions file's columns when the defaults don't match."""
    group = parser.add_argument_group(
        translate("cli", "predictions columns (found automatically when omitted)"))
    group.add_argument(
        "--image-col",
        metavar="NAME",
        help=translate("cli", "image path column (image, path, filepath, ...)"),
    )
    group.add_argument(
        "--label-col",
        metavar="NAME",
        help=translate("cli", "true label column (label, y_true, ...)"),
    )
    group.add_argument(
        "--pred-col",
        metavar="NAME",
        help=translate("cli", "prediction column (prediction, pred, y_pred, ...)"),
    )
    group.add_argument(
        "--id-col", metavar="NAME", help=translate("cli", "example id column (id, example_id, ...)")
    )
    group.add_argument(
        "--score-col", metavar="NAME", help=translate("cli", "score/confidence column")
    )
    group.add_argument(
        "--split-col",
        metavar="NAME",
        help=translate("cli", "split column (train, train_dev, dev, test)"),
    )
    group.add_argument(
        "--weight-col",
        metavar="NAME",
        help=translate("cli", "example weight column (weight, w, sample_weight)"),
    )


def add_weight_flags(parser: argparse.ArgumentParser) -> None:
    """``--weight COLUMN=VALUE:WEIGHT`` rules (METHOD.md §6), repeatable."""
    parser.add_argument(
        "--weight",
        metavar="COLUMN=VALUE:WEIGHT",
        action="append",
        default=[],
        help=translate(
            "cli",
            "weigh the examples whose COLUMN (label, prediction, split or a metadata "
            "column) is VALUE, e.g. 'label=porn:10'; repeat for several rules, later rules win; "
            "they override a weight column on the rows they match, other rows keep it (or 1)",
        ),
    )


def weight_rules_from_args(args: argparse.Namespace) -> list[WeightRule]:
    from erroranalysis.core.weighted import parse_weight_rule

    return [parse_weight_rule(text) for text in getattr(args, "weight", None) or []]


def column_names_from_args(args: argparse.Namespace) -> ColumnNames:
    from erroranalysis.core.predictions import ColumnNames

    return ColumnNames(
        image=getattr(args, "image_col", None),
        label=getattr(args, "label_col", None),
        prediction=getattr(args, "pred_col", None),
        id=getattr(args, "id_col", None),
        score=getattr(args, "score_col", None),
        split=getattr(args, "split_col", None),
        weight=getattr(args, "weight_col", None),
    )


class ServerSource(str):
    """A server session's URL (without password) where a command names a file: ``str()``
    is the URL, ``.name`` the session's name (as ``Path.name`` is a file's)."""

    @property
    def name(self) -> str:  # type: ignore[override]
        from erroranalysis.core.store import parse_location

        return parse_location(str(self)).session


def non_negative_int(text: str) -> int:
    """An argparse type: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("cli.errors", "'{text}' is not a whole number").format(text=text)
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError(
            translate("cli.errors", "'{text}' cannot be negative").format(text=text)
        )
    return value


def is_server(text: object) -> bool:
    """Whether a SESSION argument names a server session (``postgresql://...``)."""
    from erroranalysis.core.store import is_server_location

    return is_server_location(str(text))


def session_location(text: str | Path) -> Path | ServerSource:
    """A SESSION argument: a server session's URL (as :class:`ServerSource`, the password
    left out of what is printed is libpq's business), else a path."""
    if is_server(text):
        return ServerSource(str(text))
    return Path(text)


def session_identity(location: Path | str) -> str:
    """What tells two SESSION arguments apart (a resolved path, a server session)."""
    if is_server(location):
        from erroranalysis.core.store import parse_location

        found = parse_location(str(location))
        return f"{found.server_key}#{found.schema}"
    return str(Path(location).resolve())


def ljust(text: str, width: int) -> str:
    """``str.ljust`` by terminal columns: a Chinese category name takes two per character."""
    from erroranalysis.core.report import display_width

    return text + " " * max(0, width - display_width(text))


def rjust(text: str, width: int) -> str:
    from erroranalysis.core.report import display_width

    return " " * max(0, width - display_width(text)) + text


def wrap(
    text: str, width: int, first: str = "", rest: str = "", break_on_hyphens: bool = False
) -> list[str]:
    """``textwrap.wrap`` by terminal columns (hyphenated words whole unless
    ``break_on_hyphens``); Chinese text (no spaces between words) breaks between its
    characters, and a line never starts with closing punctuation."""
    import textwrap

    from erroranalysis.core.report import display_width

    if display_width(text) == len(text):  # no wide characters: as textwrap always did
        return textwrap.wrap(
            text,
            width,
            initial_indent=first,
            subsequent_indent=rest,
            break_on_hyphens=break_on_hyphens,
        )
    import re

    # Pieces: an ASCII word with its trailing spaces, or one wide character; opening
    # punctuation stays with what follows it.
    pieces = re.findall(
        r"[（“「『]*(?:[\x21-\x7e]+\s*|[^\x21-\x7e\s]\s*)|\s+", text.strip()
    )
    lines: list[str] = []
    line = first
    limit = width
    for piece in pieces:
        fits = display_width(line.rstrip()) + display_width(piece.rstrip()) <= limit
        starts_badly = piece[:1] in "，。；：、）」』”！？"
        if fits or starts_badly or line.strip() == "":
            line += piece
            continue
        lines.append(line.rstrip())
        line = rest + piece.lstrip()
    if line.strip():
        lines.append(line.rstrip())
    return lines


def column_width(texts: list[str]) -> int:
    """The terminal columns the widest of ``texts`` takes."""
    from erroranalysis.core.report import display_width

    return max(display_width(t) for t in texts)


def status_stream(*outputs: str | None) -> TextIO:
    """Where a command says what it wrote: stdout, unless one of ``outputs`` is not a
    regular file (``-o /dev/stdout``, a pipe), whose reader must get the data alone."""
    from erroranalysis.core.paths import replace_target

    if any(output and output != "-" and replace_target(output) is None for output in outputs):
        return sys.stderr
    return sys.stdout


def note_unweighted(session: object, what: str) -> None:
    """On stderr, in a weighted session: ``what`` (metrics, slices) counts every example
    once; only the tally, the diagnosis and the report use the weights (METHOD.md §6)."""
    from erroranalysis.core.session_weights import weights_if_readable

    weights = weights_if_readable(session)  # type: ignore[arg-type]
    if weights is None:
        return
    print(
        translate(
            "cli.output",
            "note: the session is weighted ({weights}); {what} count every example once "
            "(tally and diagnose use the weights)",
        ).format(weights=weights.describe(), what=what),
        file=sys.stderr,
    )
