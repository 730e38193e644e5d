"""The review spreadsheet: export a session as CSV, import it back, tally a CSV.

The CSV is UTF-8 with a BOM (Excel and LibreOffice open it correctly), one
row per item, one 0/1 column per category. Text that a spreadsheet would run
as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR) is written
with a leading apostrophe, and so is text that already starts with one, so
that reading strips exactly one apostrophe and gives back what was typed.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from erroranalysis.core.categories import LABEL_ERROR, NORMAL, Category, is_label_error_name
from erroranalysis.core.errors import UserError
from erroranalysis.core.predictions import COLUMN_ALIASES, decode_text
from erroranalysis.core.session import CORRECT, ERROR, ReviewSession
from erroranalysis.core.tally import Tally, tally_from_ticks

FIXED_FRONT = ("id", "image", "label", "prediction", "score")
FIXED_BACK = ("comments", "reviewed", "reviewer")
ORIGIN_COLUMN = "origin"

_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")

TRUE_VALUES = frozenset({"1", "x", "✓", "✔", "yes", "y", "true", "t", "1.0"})
FALSE_VALUES = frozenset({"0", "", "no", "n", "false", "f", "0.0", "-"})


def escape_cell(text: str) -> str:
    """Make text safe to open in a spreadsheet (no formula runs), reversibly."""
    if text.startswith(_FORMULA_TRIGGERS) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell`."""
    return text[1:] if text.startswith("'") else text


def _number_text(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return repr(float(value))


def _metadata_headers(metadata_columns: Sequence[str], taken: set[str]) -> list[str]:
    headers = []
    for column in metadata_columns:
        header = column
        if header.lower() in taken:
            header = f"meta:{column}"
        headers.append(header)
    return headers


def export_rows(session: ReviewSession) -> tuple[list[str], list[list[str]]]:
    """The spreadsheet's header and rows for a session, in review order."""
    categories = session.categories()
    items = session.items_frame()
    ticks = session.ticks_frame()
    metadata_columns = session.metadata_columns
    include_origin = bool((items["origin"] != ERROR).any())
    category_names = [c.name for c in categories]
    taken = {h.lower() for h in (*FIXED_FRONT, *FIXED_BACK, ORIGIN_COLUMN, *category_names)}
    header = [
        *FIXED_FRONT,
        *_metadata_headers(metadata_columns, taken),
        *category_names,
        *FIXED_BACK,
    ]
    if include_origin:
        header.append(ORIGIN_COLUMN)
    # Category and column names are user text too: "=1+1" must not run as a header.
    header = [escape_cell(h) for h in header]
    tick_matrix = ticks.to_numpy()
    metadata = items["metadata"].map(_json_loads)
    rows = []
    for index, item in enumerate(items.itertuples(index=False)):
        meta = metadata.iloc[index]
        row = [
            escape_cell(str(item.key)),
            escape_cell(str(item.image)),
            escape_cell(str(item.label)),
            escape_cell(str(item.prediction)),
            _number_text(item.score),
            *(escape_cell(str(meta.get(c, ""))) for c in metadata_columns),
            *("1" if t else "0" for t in tick_matrix[index]),
            escape_cell(str(item.comment)),
            "1" if item.reviewed else "0",
            escape_cell(str(item.reviewer)),
        ]
        if include_origin:
            row.append(str(item.origin))
        rows.append(row)
    return header, rows


def _json_loads(text: str) -> dict[str, str]:
    return json.loads(text) if text else {}


def write_csv(path: str | Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Write a UTF-8-with-BOM CSV atomically (a temp file renamed over the target)."""
    path = Path(path)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_bytes(buffer.getvalue().encode("utf-8-sig"))
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UserError(f"{path}: cannot write ({error.strerror})") from None


def export_session(session: ReviewSession, path: str | Path) -> int:
    """Write the review spreadsheet; returns the number of rows."""
    header, rows = export_rows(session)
    write_csv(path, header, rows)
    return len(rows)


def tally_rows(tally: Tally) -> tuple[list[str], list[list[str]]]:
    """The per-category table as CSV cells (fractions)."""
    columns = [
        "name",
        "kind",
        "count",
        "share",
        "share_low",
        "share_high",
        "max_gain",
        "max_gain_low",
        "max_gain_high",
        "ceiling_error",
        "ceiling_error_low",
        "ceiling_error_high",
    ]
    rows = []
    for record in tally.table[columns].itertuples(index=False):
        cells = [escape_cell(record[0]), record[1], str(int(record[2]))]
        cells += [_fraction_text(v) for v in record[3:]]
        rows.append(cells)
    return columns, rows


def _fraction_text(value: float) -> str:
    if value is None or math.isnan(value):
        return ""
    return repr(round(float(value), 12))


def export_tally(tally: Tally, path: str | Path) -> None:
    header, rows = tally_rows(tally)
    write_csv(path, header, rows)


# ---------------------------------------------------------------- reading


def read_spreadsheet(path: str | Path) -> pd.DataFrame:
    """Read a review spreadsheet as text cells, exactly as written (escapes undone)."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}: no such spreadsheet")
    text = decode_text(path)
    if not text.strip():
        raise UserError(f"{path}: the spreadsheet is empty")
    first_line = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False, na_filter=False
        )
    except pd.errors.ParserError as error:
        raise UserError(
            f"{path}: not a well-formed CSV ({str(error).strip().splitlines()[0]})"
        ) from None
    frame.columns = [unescape_cell(str(c).strip()) for c in frame.columns]
    duplicated = [
        c for c in frame.columns if re.search(r"\.\d+$", c) and c.rsplit(".", 1)[0] in frame.columns
    ]
    if duplicated:
        raise UserError(f"{path}: column '{duplicated[0].rsplit('.', 1)[0]}' appears twice")
    return frame.astype(object).map(lambda v: unescape_cell(str(v)))


def parse_ticks(values: pd.Series, column: str, path: Path) -> np.ndarray:
    """A tick column as booleans; anything but 0/1, x, ✓, yes/no, true/false is an error."""
    lowered = values.astype(str).str.strip().str.lower()
    ticked = lowered.isin(TRUE_VALUES)
    bad = ~ticked & ~lowered.isin(FALSE_VALUES)
    if bad.any():
        line = int(np.argmax(bad.to_numpy())) + 2
        raise UserError(
            f"{path}, line {line}: '{values[bad].iloc[0]}' in column '{column}' is not a tick "
            "(use 1/0, x or blank, yes/no, true/false)"
        )
    return ticked.to_numpy()


def _is_tick_column(values: pd.Series) -> bool:
    lowered = values.astype(str).str.strip().str.lower()
    return bool(lowered.isin(TRUE_VALUES | FALSE_VALUES).all())


_KNOWN_NON_TICK = {a for aliases in COLUMN_ALIASES.values() for a in aliases} | {
    "comments",
    "comment",
    "reviewed",
    "reviewer",
    ORIGIN_COLUMN,
    "notes",
    "note",
    "row",
}


@dataclass
class SpreadsheetReview:
    """A review spreadsheet understood: its categories and their tick matrix."""

    path: Path
    frame: pd.DataFrame
    categories: list[Category]
    tick_columns: list[str]
    ticks: np.ndarray
    reviewed: np.ndarray
    is_error: np.ndarray
    comments: list[str] = field(default_factory=list)


def understand_spreadsheet(
    path: str | Path,
    *,
    category_columns: Sequence[str] | None = None,
    label_error_column: str | None = None,
    exclude_columns: Sequence[str] = (),
) -> SpreadsheetReview:
    """Find a spreadsheet's tick columns (or take them as named) and parse them.

    A column is a tick column when every cell is a tick value and its name is
    not one of the spreadsheet's own columns (id, image, label, ...) nor in
    ``exclude_columns`` (the predictions file's columns, so 0/1 metadata is not
    taken for a category).
    """
    path = Path(path)
    frame = read_spreadsheet(path)
    columns = list(frame.columns)
    lower = {c.lower(): c for c in columns}
    if category_columns:
        missing = [c for c in category_columns if c not in columns and c.lower() not in lower]
        if missing:
            raise UserError(
                f"{path}: no column '{missing[0]}' (given by --categories); "
                f"the columns are: {', '.join(columns)}"
            )
        tick_columns = [c if c in columns else lower[c.lower()] for c in category_columns]
    else:
        excluded = {c.lower() for c in exclude_columns} | _KNOWN_NON_TICK
        tick_columns = [
            c
            for c in columns
            if c.lower() not in excluded
            and not c.lower().startswith("meta:")
            and _is_tick_column(frame[c])
        ]
        if not tick_columns:
            raise UserError(
                f"{path}: no tick columns found (a tick column holds only 1/0, x, ✓, yes/no, "
                "true/false or blanks); name them with --categories"
            )
    if label_error_column is not None:
        match = (
            label_error_column
            if label_error_column in tick_columns
            else next((c for c in tick_columns if c.lower() == label_error_column.lower()), None)
        )
        if match is None:
            raise UserError(
                f"{path}: --label-error-column '{label_error_column}' is not one of the tick "
                f"columns ({', '.join(tick_columns)})"
            )
        label_error_column = match
    categories = []
    for column in tick_columns:
        if label_error_column is not None:
            kind = LABEL_ERROR if column == label_error_column else NORMAL
        else:
            kind = LABEL_ERROR if is_label_error_name(column) else NORMAL
        categories.append(Category(column, kind=kind))
    ticks = (
        np.column_stack([parse_ticks(frame[c], c, path) for c in tick_columns])
        if len(frame)
        else np.zeros((0, len(tick_columns)), dtype=bool)
    )
    if "reviewed" in lower:
        reviewed = parse_ticks(frame[lower["reviewed"]], lower["reviewed"], path)
    else:
        reviewed = np.ones(len(frame), dtype=bool)
    if ORIGIN_COLUMN in lower:
        is_error = (frame[lower[ORIGIN_COLUMN]].str.strip().str.lower() != CORRECT).to_numpy()
    else:
        is_error = np.ones(len(frame), dtype=bool)
    comment_column = lower.get("comments", lower.get("comment"))
    comments = frame[comment_column].tolist() if comment_column else [""] * len(frame)
    return SpreadsheetReview(
        path, frame, categories, tick_columns, ticks, reviewed, is_error, comments
    )


def tally_spreadsheet(
    review: SpreadsheetReview,
    *,
    dev_errors: int | None,
    dev_size: int | None,
    method: str = "exact",
) -> Tally:
    """The tally of a spreadsheet's reviewed error rows, with its ranking verdict.

    ``dev_errors`` is the number of dev errors the reviewed rows were drawn
    from; ``None`` when unknown (the intervals are then Clopper-Pearson and
    the tally's ``dev_errors`` is the number of error rows).
    """
    errors = review.is_error
    return tally_from_ticks(
        review.categories,
        review.ticks[errors],
        review.reviewed[errors],
        dev_errors if dev_errors is not None else int(errors.sum()),
        dev_size,
        method=method,
        errors_known=dev_errors is not None,
    )


@dataclass(frozen=True)
class ImportReport:
    """What :func:`import_spreadsheet` did."""

    matched: int
    unmatched_rows: list[int]
    unknown_columns: list[str]
    changed: int


def import_spreadsheet(
    session: ReviewSession, path: str | Path, *, dry_run: bool = False
) -> ImportReport:
    """Bring ticks, comments, reviewed flags and reviewers edited in a spreadsheet back.

    Rows are matched to items by ``id``, else by ``image`` as written in the
    predictions file. Tick columns are the session's category names; rows
    that match nothing are reported (line numbers), never silently dropped.
    The whole import is one transaction.
    """
    path = Path(path)
    frame = read_spreadsheet(path)
    columns = {c.lower(): c for c in frame.columns}
    items = session.items_frame()
    if "id" in columns:
        key_column, item_keys = columns["id"], items["key"]
    elif "image" in columns:
        key_column, item_keys = columns["image"], items["image"]
    else:
        raise UserError(f"{path}: needs an 'id' or 'image' column to match rows to the session")
    index_of = pd.Series(items["id"].to_numpy(), index=item_keys.astype(str).to_numpy())
    index_of = index_of[~index_of.index.duplicated()]
    keys = frame[key_column].astype(str).str.strip()
    item_ids = index_of.reindex(keys.to_numpy())
    if key_column != columns.get("image") and "image" in columns:
        # A spreadsheet app may have rewritten ids ("0027" -> 27); the image
        # path as written still names the row.
        by_image = pd.Series(items["id"].to_numpy(), index=items["image"].astype(str).to_numpy())
        by_image = by_image[~by_image.index.duplicated(keep=False)]
        fallback = by_image.reindex(frame[columns["image"]].astype(str).str.strip().to_numpy())
        missing = item_ids.isna().to_numpy()
        item_ids = pd.Series(
            np.where(missing, fallback.to_numpy(), item_ids.to_numpy()), index=item_ids.index
        )
    matched_mask = item_ids.notna().to_numpy()
    unmatched_rows = [int(i) + 2 for i in np.flatnonzero(~matched_mask)]
    categories = session.categories()
    category_columns = {c.name.lower(): c for c in categories}
    present = [
        (columns[name], category) for name, category in category_columns.items() if name in columns
    ]
    known = {
        *FIXED_FRONT,
        *FIXED_BACK,
        ORIGIN_COLUMN,
        *(m.lower() for m in session.metadata_columns),
    }
    known |= {f"meta:{m}".lower() for m in session.metadata_columns}
    unknown_columns = [
        c for c in frame.columns if c.lower() not in known and c.lower() not in category_columns
    ]
    tick_values = {
        category.id: parse_ticks(frame[column], column, path) for column, category in present
    }
    reviewed_values = (
        parse_ticks(frame[columns["reviewed"]], columns["reviewed"], path)
        if "reviewed" in columns
        else None
    )
    current_ticks = session.ticks_frame()
    by_id = items.set_index("id")
    result = []
    changed = 0
    for position in np.flatnonzero(matched_mask):
        item_id = int(item_ids.iloc[position])
        record = by_id.loc[item_id]
        old_ticked = {c.id for c in categories if bool(current_ticks.at[item_id, c.id])}
        ticked = set(old_ticked)
        for category_id, values in tick_values.items():
            if values[position]:
                ticked.add(category_id)
            else:
                ticked.discard(category_id)
        comment = (
            frame[columns["comments"]].iloc[position]
            if "comments" in columns
            else record["comment"]
        )
        reviewed = (
            bool(reviewed_values[position])
            if reviewed_values is not None
            else (bool(record["reviewed"]) or bool(ticked))
        )
        reviewer = (
            frame[columns["reviewer"]].iloc[position]
            if "reviewer" in columns
            else record["reviewer"]
        )
        if (
            ticked != old_ticked
            or comment != record["comment"]
            or reviewed != bool(record["reviewed"])
            or (reviewed and reviewer != record["reviewer"])
        ):
            changed += 1
        result.append((item_id, ticked, str(comment), reviewed, str(reviewer)))
    if not dry_run and result:
        session.apply_review(result)
    return ImportReport(int(matched_mask.sum()), unmatched_rows, unknown_columns, changed)
