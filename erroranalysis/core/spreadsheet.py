"""The review spreadsheet: export a session as CSV, import it back, tally a CSV.

The CSV is UTF-8 with a BOM (Excel and LibreOffice open it correctly), one
row per item, one 0/1 column per category (``n/a`` where the category was not
assessed on the item: it was added after the item was reviewed), and a
``reviewed`` column of ``1``, ``0`` or ``skipped``. Text that a spreadsheet would run
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
from erroranalysis.core.session import (
    CORRECT,
    ERROR,
    REVIEWED,
    SKIPPED,
    UNREVIEWED,
    ReviewSession,
)
from erroranalysis.core.tally import Tally, tally_from_ticks

FIXED_FRONT = ("id", "image", "label", "prediction", "score")
FIXED_BACK = ("comments", "reviewed", "reviewer")
ORIGIN_COLUMN = "origin"

_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")

TRUE_VALUES = frozenset({"1", "x", "✓", "✔", "yes", "y", "true", "t", "1.0"})
FALSE_VALUES = frozenset({"0", "", "no", "n", "false", "f", "0.0", "-"})
#: A category cell that says "this category was not looked at on this row".
NOT_ASSESSED = "n/a"
NOT_ASSESSED_VALUES = frozenset({"n/a", "na", "not assessed"})
#: The ``reviewed`` column's third value: "skipped / can't judge".
SKIPPED_TEXT = "skipped"
SKIPPED_VALUES = frozenset({"skipped", "skip", "s"})


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
    assessed = session.assessed_frame().to_numpy()
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
            *(
                ("1" if t else "0") if a else NOT_ASSESSED
                for t, a in zip(tick_matrix[index], assessed[index], strict=True)
            ),
            escape_cell(str(item.comment)),
            _STATE_TEXT[int(item.state)],
            escape_cell(str(item.reviewer)),
        ]
        if include_origin:
            row.append(str(item.origin))
        rows.append(row)
    return header, rows


_STATE_TEXT = {UNREVIEWED: "0", REVIEWED: "1", SKIPPED: SKIPPED_TEXT}


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
    ticked, _assessed = parse_tick_cells(values, column, path, allow_not_assessed=False)
    return ticked


def parse_tick_cells(
    values: pd.Series, column: str, path: Path, *, allow_not_assessed: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """A category column as (ticked, assessed) booleans: ``n/a`` is "not assessed"."""
    lowered = values.astype(str).str.strip().str.lower()
    ticked = lowered.isin(TRUE_VALUES)
    not_assessed = (
        lowered.isin(NOT_ASSESSED_VALUES) if allow_not_assessed else np.zeros(len(values), bool)
    )
    bad = ~ticked & ~lowered.isin(FALSE_VALUES) & ~not_assessed
    if bad.any():
        line = int(np.argmax(bad.to_numpy())) + 2
        also = ", n/a for not assessed" if allow_not_assessed else ""
        raise UserError(
            f"{path}, line {line}: '{values[bad].iloc[0]}' in column '{column}' is not a tick "
            f"(use 1/0, x or blank, yes/no, true/false{also})"
        )
    return ticked.to_numpy(), ~np.asarray(not_assessed)


def parse_review_states(values: pd.Series, column: str, path: Path) -> np.ndarray:
    """The ``reviewed`` column as review states: 1/0 (or any tick value) and ``skipped``."""
    lowered = values.astype(str).str.strip().str.lower()
    skipped = lowered.isin(SKIPPED_VALUES).to_numpy()
    reviewed = lowered.isin(TRUE_VALUES).to_numpy()
    bad = ~skipped & ~reviewed & ~lowered.isin(FALSE_VALUES).to_numpy()
    if bad.any():
        line = int(np.argmax(bad)) + 2
        raise UserError(
            f"{path}, line {line}: '{values.iloc[int(np.argmax(bad))]}' in column '{column}' "
            "is not a review state (use 1 for reviewed, 0 for not yet, skipped for can't judge)"
        )
    return np.where(skipped, SKIPPED, np.where(reviewed, REVIEWED, UNREVIEWED)).astype(np.int8)


def _is_tick_column(values: pd.Series) -> bool:
    lowered = values.astype(str).str.strip().str.lower()
    return bool(lowered.isin(TRUE_VALUES | FALSE_VALUES | NOT_ASSESSED_VALUES).all())


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
    assessed: np.ndarray | None = None
    skipped: np.ndarray | None = None


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
            if _looks_like_predictions(columns):
                raise UserError(
                    f"{path}: this is a predictions file, not a review spreadsheet; review its "
                    f"errors first (erroranalysis review {path.name}, or new), then tally the "
                    "session or its exported spreadsheet"
                )
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
    cells = [parse_tick_cells(frame[c], c, path) for c in tick_columns]
    shape = (len(frame), len(tick_columns))
    ticks = np.column_stack([t for t, _a in cells]) if len(frame) else np.zeros(shape, bool)
    assessed = np.column_stack([a for _t, a in cells]) if len(frame) else np.ones(shape, bool)
    if "reviewed" in lower:
        states = parse_review_states(frame[lower["reviewed"]], lower["reviewed"], path)
    else:
        states = np.full(len(frame), REVIEWED, dtype=np.int8)
    reviewed, skipped = states == REVIEWED, states == SKIPPED
    if ORIGIN_COLUMN in lower:
        is_error = (frame[lower[ORIGIN_COLUMN]].str.strip().str.lower() != CORRECT).to_numpy()
    else:
        is_error = np.ones(len(frame), dtype=bool)
    comment_column = lower.get("comments", lower.get("comment"))
    comments = frame[comment_column].tolist() if comment_column else [""] * len(frame)
    return SpreadsheetReview(
        path, frame, categories, tick_columns, ticks, reviewed, is_error, comments,
        assessed, skipped,
    )


def _looks_like_predictions(columns: Sequence[str]) -> bool:
    """Columns for an image, a label and a prediction, and nothing else to tally."""
    from erroranalysis.core.predictions import ColumnNames, resolve_columns

    try:
        resolve_columns(list(columns), ColumnNames(), Path("."), ("image", "label", "prediction"))
    except UserError:
        return False
    return True


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
        assessed=None if review.assessed is None else review.assessed[errors],
        skipped=0 if review.skipped is None else int(review.skipped[errors].sum()),
        method=method,
        errors_known=dev_errors is not None,
    )


@dataclass(frozen=True)
class ImportReport:
    """What :func:`import_spreadsheet` did.

    ``marked_reviewed`` counts rows whose ticks were edited in the sheet while
    the row said "not reviewed": a tick means the row was reviewed, so they
    were marked reviewed.
    """

    matched: int
    unmatched_rows: list[int]
    unknown_columns: list[str]
    changed: int
    marked_reviewed: int = 0


def import_spreadsheet(
    session: ReviewSession, path: str | Path, *, dry_run: bool = False
) -> ImportReport:
    """Bring ticks, comments, review states and reviewers edited in a spreadsheet back.

    Rows are matched to items by ``id``, else by ``image`` as written in the
    predictions file. Tick columns are the session's category names; a cell
    with a value assesses its category on that row, ``n/a`` leaves it as it
    is. Rows that match nothing are reported (line numbers), never silently
    dropped; two rows for one item are refused. Only rows that differ from the
    session are written, in one transaction: an import lands whole or not at all.
    """
    path = Path(path)
    frame = read_spreadsheet(path)
    columns = {c.lower(): c for c in frame.columns}
    items = session.item_columns(["id", "key", "image", "comment", "state", "reviewer"])
    if "id" in columns:
        key_column, item_keys = columns["id"], items["key"]
    elif "image" in columns:
        key_column, item_keys = columns["image"], items["image"]
    else:
        raise UserError(f"{path}: needs an 'id' or 'image' column to match rows to the session")
    row_of_key = pd.Series(np.arange(len(item_keys)), index=item_keys.astype(str))
    row_of_key = row_of_key[~row_of_key.index.duplicated()]
    keys = frame[key_column].astype(str).str.strip()
    rows = row_of_key.reindex(keys.to_numpy()).to_numpy(dtype=float)
    if key_column != columns.get("image") and "image" in columns:
        # A spreadsheet app may have rewritten ids ("0027" -> 27); the image
        # path as written still names the row.
        by_image = pd.Series(np.arange(len(items["image"])), index=items["image"].astype(str))
        by_image = by_image[~by_image.index.duplicated(keep=False)]
        fallback = by_image.reindex(
            frame[columns["image"]].astype(str).str.strip().to_numpy()
        ).to_numpy(dtype=float)
        rows = np.where(np.isnan(rows), fallback, rows)
    matched_mask = ~np.isnan(rows)
    unmatched_rows = [int(i) + 2 for i in np.flatnonzero(~matched_mask)]
    matched_lines = np.flatnonzero(matched_mask)
    rows = rows[matched_mask].astype(np.int64)
    duplicated = pd.Series(rows).duplicated(keep=False).to_numpy()
    if duplicated.any():
        first = rows[duplicated][0]
        lines = [str(int(line) + 2) for line in matched_lines[rows == first]]
        raise UserError(
            f"{path}: lines {' and '.join(lines)} are the same item "
            f"('{items['key'][first]}'); keep one row per item and import again"
        )
    categories = session.categories()
    category_columns = {c.name.lower(): c for c in categories}
    present = [
        (columns[name], index)
        for index, (name, _category) in enumerate(category_columns.items())
        if name in columns
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
    sheet = frame.iloc[matched_lines]
    old_ticks = session.ticks_frame().to_numpy()[rows]
    old_assessed = session.assessed_frame().to_numpy()[rows]
    new_ticks = old_ticks.copy()
    newly_assessed = np.zeros_like(old_assessed)
    for column, index in present:
        ticked, assessed = parse_tick_cells(sheet[column], column, path)
        new_ticks[:, index] = np.where(assessed, ticked, old_ticks[:, index])
        newly_assessed[:, index] = assessed & ~old_assessed[:, index]
    old_state = items["state"][rows]
    ticks_edited = (new_ticks != old_ticks).any(axis=1)
    if "reviewed" in columns:
        state = parse_review_states(sheet[columns["reviewed"]], columns["reviewed"], path)
        # A tick typed into a row that still says "not reviewed" means it was.
        promote = (state == UNREVIEWED) & ticks_edited & new_ticks.any(axis=1)
    else:
        state = old_state.copy()
        promote = (state == UNREVIEWED) & new_ticks.any(axis=1)
    state = np.where(promote, REVIEWED, state).astype(np.int8)
    old_comment = items["comment"][rows]
    comment = (
        sheet[columns["comments"]].to_numpy(dtype=object)
        if "comments" in columns
        else old_comment
    )
    old_reviewer = items["reviewer"][rows]
    reviewer = (
        sheet[columns["reviewer"]].to_numpy(dtype=object)
        if "reviewer" in columns
        else old_reviewer
    )
    changed = (
        ticks_edited
        | (comment != old_comment)
        | (state != old_state)
        | ((state != UNREVIEWED) & (reviewer != old_reviewer))
        | newly_assessed.any(axis=1)
    )
    ids = items["id"][rows]
    category_ids = np.array([c.id for c in categories], dtype=np.int64)
    result = [
        (
            int(ids[r]),
            set(category_ids[new_ticks[r]].tolist()),
            str(comment[r]),
            int(state[r]),
            str(reviewer[r]),
        )
        for r in np.flatnonzero(changed)
    ]
    assessed_rows = [
        (int(ids[r]), set(category_ids[newly_assessed[r]].tolist()))
        for r in np.flatnonzero(changed & newly_assessed.any(axis=1))
    ]
    if not dry_run and result:
        session.apply_review(result, assessed=assessed_rows)
    return ImportReport(
        int(matched_mask.sum()),
        unmatched_rows,
        unknown_columns,
        int(changed.sum()),
        int(promote.sum()),
    )
