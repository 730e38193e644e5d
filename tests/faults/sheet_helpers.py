"""Helpers of the spreadsheet fault tests: predictions files, sessions made from them,
and reading a sheet's cells the way a spreadsheet app would."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from erroranalysis.core.categories import Category
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.sources import SourceOptions, create_session


def write_lines(path: Path, lines: Sequence[str], *, bom: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig" if bom else "utf-8")
    return path


def write_rows(
    path: Path, header: Sequence[str], rows: Sequence[Sequence[str]], delimiter: str = ","
) -> Path:
    """A CSV as a careful program writes it (Python's csv module, minimal quoting)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def predictions_session(
    folder: Path,
    categories: Sequence[str] = ("dog", "blurry"),
    *,
    errors: int = 10,
    correct: int = 10,
    metadata: dict[str, Sequence[str]] | None = None,
) -> ReviewSession:
    """A session made (as ``erroranalysis new``) from a predictions file of ``errors``
    dev errors ``e00..`` and ``correct`` correct rows, with optional metadata columns."""
    metadata = metadata or {}
    n = errors + correct
    header = ["id", "image", "label", "prediction", "score", *metadata]
    rows = []
    for i in range(n):
        key = f"e{i:02}" if i < errors else f"c{i:02}"
        rows.append(
            [
                key,
                f"img/{key}.png",
                "cat",
                "dog" if i < errors else "cat",
                f"0.{50 + i}",
                *(values[i] for values in metadata.values()),
            ]
        )
    source = write_rows(folder / "preds.csv", header, rows)
    options = SourceOptions(categories=tuple(Category(c) for c in categories))
    return create_session(source, folder / "s.easession", options)


def cells(text: str, delimiter: str) -> list[list[str]]:
    """A CSV's records as Python's csv module reads them."""
    return [r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if r]
