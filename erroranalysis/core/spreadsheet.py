"""The review spreadsheet: export a session as CSV, import it back, tally a CSV.

The CSV is UTF-8 with a BOM (Excel and LibreOffice open it correctly), one
row per item, one 0/1 column per category (``n/a`` where the category was not
assessed on the item: it was added after the item was reviewed), and a
``reviewed`` column of ``1``, ``0`` or ``skipped``. Cells are written by
:mod:`erroranalysis.core.csvio`: nothing a spreadsheet would run as a formula,
and reading gives back exactly what was written.

Headers say what a column is, whatever the names: a category whose name is
one of the sheet's own columns (or starts with ``meta:``/``category:``) is
written ``category:NAME``; a metadata column whose name is taken, or whose
cells are all tick-like (so it could pass for a category), is written
``meta:NAME``. The last column, ``as_exported``, holds a fingerprint of each
item as it was exported (ticks, comment, review state, reviewer): import
compares it with the session to find items changed in the app after the
export, which a stale sheet would otherwise silently revert.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from erroranalysis.core.categories import LABEL_ERROR, NORMAL, Category, is_label_error_name
from erroranalysis.core.csvio import (
    arrow_strings,
    check_header,
    flagged_cells,
    joined_text,
    python_text,
    read_text_table,
    stripped_text,
    unescape_cell,
    unescape_column,
    write_csv,
)
from erroranalysis.core.csvio import escape_cell as escape_cell  # re-exported
from erroranalysis.core.errors import UserError
from erroranalysis.core.optional_arrow import pa, pa_json, pc
from erroranalysis.core.predictions import (
    COLUMN_ALIASES,
    ColumnNames,
    Predictions,
    resolve_columns,
)
from erroranalysis.core.session import (
    CORRECT,
    ERROR,
    REVIEWED,
    SKIPPED,
    UNREVIEWED,
    ReviewSession,
)
from erroranalysis.core.tally import Tally, tally_from_ticks
from erroranalysis.i18n import translate

FIXED_FRONT = ("id", "image", "label", "prediction", "score")
FIXED_BACK = ("comments", "reviewed", "reviewer")
ORIGIN_COLUMN = "origin"
#: The last column: each row's fingerprint as exported (see :func:`item_fingerprints`).
AS_EXPORTED = "as_exported"
CATEGORY_PREFIX = "category:"
META_PREFIX = "meta:"
#: A merged session's sheet also shows each reviewer's own answer per category,
#: as ``reviewer:NAME:CATEGORY`` (read-only: import reads the agreed columns).
REVIEWER_PREFIX = "reviewer:"
#: The delimiters ``export`` writes (``;`` for Excel in locales with a decimal comma).
EXPORT_DELIMITERS = (",", ";")

TRUE_VALUES = frozenset({"1", "x", "✓", "✔", "yes", "y", "true", "t", "1.0"})
FALSE_VALUES = frozenset({"0", "", "no", "n", "false", "f", "0.0", "-"})
#: A category cell that says "this category was not looked at on this row".
NOT_ASSESSED = "n/a"
NOT_ASSESSED_VALUES = frozenset({"n/a", "na", "not assessed"})
#: The ``reviewed`` column's third value: "skipped / can't judge".
SKIPPED_TEXT = "skipped"
SKIPPED_VALUES = frozenset({"skipped", "skip", "s"})
_TICK_WORDS = TRUE_VALUES | FALSE_VALUES | NOT_ASSESSED_VALUES

#: Columns a reader of the sheet takes for something other than a category:
#: the sheet's own columns, and any name of a predictions role the sheet does
#: not write (``split``, ``set``, ...: a reader would take it for that role).
#: A category named like one of these is written ``category:NAME``.
_SHEET_COLUMNS = ("comments", "comment", "reviewed", "reviewer", ORIGIN_COLUMN, AS_EXPORTED)
_ROLE_NAMES = frozenset(
    {
        *FIXED_FRONT,
        *_SHEET_COLUMNS,
        *(a for role, names in COLUMN_ALIASES.items() if role not in FIXED_FRONT for a in names),
    }
)


def _is_role_name(name: str) -> bool:
    # Matched as resolve_columns matches: any case, spaces and dashes as "_".
    return name.lower() in _ROLE_NAMES or re.sub(r"[\s\-]+", "_", name.strip().lower()) in (
        _ROLE_NAMES
    )
#: Names that look like data, not categories: a tick column so named is still
#: counted (a tick column is a category whatever its name), with a note.
_DATA_LIKE_NAMES = frozenset(
    {a for aliases in COLUMN_ALIASES.values() for a in aliases} | {"notes", "note", "row"}
)


def category_header(name: str) -> str:
    """The column header of a category: its name, or ``category:NAME`` when the name
    would be read as another column."""
    lower = name.lower()
    if _is_role_name(name) or lower.startswith((CATEGORY_PREFIX, META_PREFIX, REVIEWER_PREFIX)):
        return CATEGORY_PREFIX + name
    return name


def category_of_header(header: str) -> str:
    """The category a header names (undoes :func:`category_header`)."""
    if header.lower().startswith(CATEGORY_PREFIX):
        return header[len(CATEGORY_PREFIX):]
    return header


def _number_text(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return repr(float(value))


def _number_texts(values: np.ndarray) -> np.ndarray:
    """:func:`_number_text` of every value, formatted once per distinct value (by bit
    pattern: ``-0.0`` is not ``0.0``); scores repeat."""
    numbers = np.ascontiguousarray(values, dtype=np.float64)
    if len(numbers) == 0:
        return np.array([], dtype=object)
    distinct, where = np.unique(numbers.view(np.int64), return_inverse=True)
    texts = np.array([_number_text(v) for v in distinct.view(np.float64).tolist()],
                     dtype=object)
    return texts[where.reshape(-1)]


def _is_tick_like(values: pd.Series | np.ndarray) -> bool:
    text = pd.Series(values, dtype=object).astype(str) if not isinstance(
        values, pd.Series) else values.astype(str)
    # Each distinct text once, the first few first: most columns fail early.
    distinct = pd.Series(text.unique())
    for part in (distinct[:64], distinct[64:]):
        if not part.str.strip().str.lower().isin(_TICK_WORDS).all():
            return False
    return True


def _metadata_headers(
    metadata_columns: Sequence[str], values: dict[str, np.ndarray], taken: set[str]
) -> list[str]:
    """Headers of the metadata columns: unique (any case) and never mistaken for a
    category (``meta:`` when the name is taken or every cell is tick-like)."""
    used = set(taken)
    headers = []
    for column in metadata_columns:
        header = column
        lower = column.lower()
        if (
            lower in used
            or _is_role_name(column)
            or lower.startswith(CATEGORY_PREFIX)
            or (not lower.startswith(META_PREFIX) and _is_tick_like(values[column]))
        ):
            header = META_PREFIX + column
        while header.lower() in used:
            header = META_PREFIX + header
        used.add(header.lower())
        headers.append(header)
    return headers


def _category_salt(category_id: int) -> np.uint64:
    digest = hashlib.blake2b(f"category {category_id}".encode(), digest_size=8).digest()
    return np.frombuffer(digest, dtype="<u8")[0]


#: ``as_exported`` cells: ``h``, the session's tag, the item's fingerprint (19
#: characters no spreadsheet turns into a number or a date).
_STAMP_START = "h"
_TAG_DIGITS = 6


def session_tag(session: ReviewSession) -> str:
    """Six hex digits of the session's id: a sheet of another session is not compared."""
    digest = hashlib.blake2b(session.session_id.encode(), digest_size=_TAG_DIGITS // 2)
    return digest.hexdigest()


def item_fingerprints(
    keys: np.ndarray,
    ticks: np.ndarray,
    category_ids: Sequence[int],
    comments: np.ndarray,
    states: np.ndarray,
    reviewers: np.ndarray,
) -> np.ndarray:
    """Per item, a short fingerprint (12 hex digits) of what an import can change: the
    ticked categories (by id, so adding, renaming or reordering categories changes
    nothing), the comment, the review state and the reviewer. Equal fingerprints
    mean the item is as it was when exported."""
    n = len(keys)
    if n == 0:
        return np.array([], dtype=object)
    # The ticked set as one number: XOR of a 64-bit salt per ticked category id
    # (order-free, and a category ticked nowhere adds nothing).
    salts = np.array([_category_salt(int(c)) for c in category_ids], dtype=np.uint64)
    tick_code = np.bitwise_xor.reduce(
        np.where(np.asarray(ticks, dtype=bool), salts, np.uint64(0)), axis=1,
        initial=np.uint64(0),
    ) if len(salts) else np.zeros(n, dtype=np.uint64)
    if pa is None:
        return _python_fingerprints(keys, comments, reviewers, states, tick_code)
    parts = []
    for values in (keys, comments, reviewers):
        text = pa.array(values, type=pa.large_string(), from_pandas=True)
        length = pc.cast(pc.utf8_length(text), pa.large_string())
        parts += [length, text]  # length-prefixed: unambiguous
    state_text = pa.array(np.asarray(states, dtype=np.int64)).cast(pa.large_string())
    code_text = pa.array(tick_code).cast(pa.large_string())
    separator = pa.scalar("\x1f", type=pa.large_string())
    joined = pc.binary_join_element_wise(*parts, state_text, code_text, separator)
    blake = hashlib.blake2b
    # The joined texts' UTF-8 bytes as they are (a cast, no copy), hashed as slices of
    # one buffer: no encode per row, and no bytes object per row (to_pylist made
    # 100,000 of them, more than half the hashing's time).
    data = joined.cast(pa.large_binary())
    if data.null_count:  # a session's texts are never missing: a caller's mistake
        raise TypeError("item_fingerprints: a key, comment or reviewer is missing")
    offsets = np.frombuffer(data.buffers()[1], dtype=np.int64)[data.offset:data.offset + n + 1]
    buffer = data.buffers()[2]
    view = memoryview(buffer if buffer is not None else b"")
    return np.array(
        [
            blake(view[start:end], digest_size=6).hexdigest()
            for start, end in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)
        ],
        dtype=object,
    )


def _python_fingerprints(
    keys: np.ndarray,
    comments: np.ndarray,
    reviewers: np.ndarray,
    states: np.ndarray,
    tick_code: np.ndarray,
) -> np.ndarray:
    """:func:`item_fingerprints` without pyarrow: the same texts hashed, joined in Python."""
    texts = [python_text(values) for values in (keys, comments, reviewers)]
    blake = hashlib.blake2b
    out = [
        blake(
            f"{len(k)}\x1f{k}\x1f{len(c)}\x1f{c}\x1f{len(r)}\x1f{r}\x1f{s}\x1f{t}".encode(),
            digest_size=6,
        ).hexdigest()
        for k, c, r, s, t in zip(
            *texts,
            np.asarray(states, dtype=np.int64).tolist(),
            np.asarray(tick_code, dtype=np.uint64).tolist(),
            strict=True,
        )
    ]
    return np.array(out, dtype=object)


def _metadata_values(texts: np.ndarray, columns: Sequence[str]) -> dict[str, np.ndarray]:
    """The items' metadata (one JSON object of strings per item) as text columns."""
    if not columns:
        return {}
    if pa is not None:
        values = _arrow_metadata_values(texts, columns)
        if values is not None:
            return values
    # One JSON array parsed in C, not one json.loads per item.
    records = json.loads("[" + ",".join(t if t else "{}" for t in texts.tolist()) + "]")
    return {c: np.array([str(r.get(c, "")) for r in records], dtype=object) for c in columns}


def _arrow_metadata_values(
    texts: np.ndarray, columns: Sequence[str]
) -> dict[str, np.ndarray] | None:
    """:func:`_metadata_values` in Arrow, which parses newline-delimited JSON in C++
    (json.dumps never writes a raw newline); None when a value is not a string."""
    lines = "\n".join(t if t else "{}" for t in texts.tolist())
    try:
        table = pa_json.read_json(
            io.BytesIO(lines.encode("utf-8")),
            read_options=pa_json.ReadOptions(block_size=1 << 26),
            parse_options=pa_json.ParseOptions(
                explicit_schema=pa.schema([(c, pa.large_string()) for c in columns]),
                unexpected_field_behavior="ignore",
            ),
        )
    except (pa.ArrowException, ValueError):
        return None
    if table.num_rows != len(texts):
        return None
    return {
        c: np.asarray(
            pc.fill_null(table.column(c), "").to_numpy(zero_copy_only=False), dtype=object
        )
        for c in columns
    }


@dataclass(frozen=True)
class SheetColumns:
    """A session's review spreadsheet, column by column (cells as they read back)."""

    header: list[str]
    columns: list[np.ndarray | pa.Array]

    def rows(self) -> list[list[str]]:
        cells = [
            c.to_pylist() if pa is not None and isinstance(c, pa.Array) else list(c)
            for c in self.columns
        ]
        return [list(r) for r in zip(*cells, strict=True)] if cells else []


_TICK_TEXTS = np.array(["0", "1", NOT_ASSESSED], dtype=object)
_TICK_CELLS = None if pa is None else pa.array(_TICK_TEXTS.tolist(), type=pa.large_string())
_ZERO_ONE = None if pa is None else pa.array(["0", "1"], type=pa.large_string())


def _tick_cells(codes: np.ndarray) -> np.ndarray | pa.Array:
    """A tick column's cells from its codes (0, 1, 2: not assessed): one Arrow "take" from
    the three possible cells, no string made per cell (numpy's take without pyarrow)."""
    if pa is None:
        return _TICK_TEXTS[codes]
    return _TICK_CELLS.take(pa.array(codes))
_ITEM_FIELDS = ["id", "key", "image", "label", "prediction", "score", "origin", "metadata",
                "comment", "state", "reviewer"]


def export_columns(session: ReviewSession) -> SheetColumns:
    """The spreadsheet's header and columns for a session, in review order (vectorised)."""
    categories = session.categories()
    items = session.item_columns(_ITEM_FIELDS)
    n = len(items["id"])
    ticks = session.ticks_frame(ids=items["id"]).to_numpy()
    assessed = session.assessed_frame(ids=items["id"]).to_numpy()
    metadata_columns = session.metadata_columns
    include_origin = bool((items["origin"] != ERROR).any())
    category_headers = [category_header(c.name) for c in categories]
    metadata = _metadata_values(items["metadata"], metadata_columns)
    taken = {h.lower() for h in (*FIXED_FRONT, *FIXED_BACK, ORIGIN_COLUMN, AS_EXPORTED)}
    taken |= {h.lower() for h in category_headers}
    header = [
        *FIXED_FRONT,
        *_metadata_headers(metadata_columns, metadata, taken),
        *category_headers,
        *FIXED_BACK,
    ]
    score_text = _number_texts(items["score"])
    columns: list[np.ndarray | pa.Array] = [
        items["key"], items["image"], items["label"], items["prediction"], score_text,
        *(metadata[c] for c in metadata_columns),
    ]
    codes = np.where(assessed, ticks.astype(np.int8), np.int8(2))
    for j in range(len(categories)):
        columns.append(_tick_cells(codes[:, j]))
    states = items["state"].astype(np.int64)
    state_text = np.select(
        [states == REVIEWED, states == SKIPPED], ["1", SKIPPED_TEXT], "0"
    ).astype(object)
    columns += [items["comment"], state_text, items["reviewer"]]
    if include_origin:
        header.append(ORIGIN_COLUMN)
        columns.append(items["origin"])
    reviewers, _ids, answers, _notes = (
        session.reviewer_answers() if session.reviewers else ([], None, None, None)
    )
    for r, name in enumerate(reviewers):
        cells = np.where(answers[r] < 0, np.int8(2), answers[r]).astype(np.int8)
        for j, category in enumerate(categories):
            header.append(f"{REVIEWER_PREFIX}{name}:{category.name}")
            columns.append(_tick_cells(cells[:, j]))
    header.append(AS_EXPORTED)
    fingerprints = item_fingerprints(
        items["key"], ticks, [c.id for c in categories], items["comment"], states,
        items["reviewer"],
    )
    columns.append(_STAMP_START + session_tag(session) + fingerprints)
    assert len(columns) == len(header) and all(len(c) == n for c in columns)
    return SheetColumns(header, columns)


def export_rows(session: ReviewSession) -> tuple[list[str], list[list[str]]]:
    """The spreadsheet's header and rows for a session, in review order, as the cells
    read back (unescaped); :func:`write_csv` escapes them."""
    sheet = export_columns(session)
    return sheet.header, sheet.rows()


def export_session(session: ReviewSession, path: str | Path, *, delimiter: str = ",") -> int:
    """Write the review spreadsheet (``,`` or ``;`` between cells); returns the number of rows."""
    if delimiter not in EXPORT_DELIMITERS:
        raise UserError(
            translate(
                "core.errors",
                "--delimiter '{delimiter}': use ',' or ';'",
            ).format(delimiter=delimiter)
        )
    sheet = export_columns(session)
    write_csv(path, sheet.header, columns=sheet.columns, delimiter=delimiter)
    return len(sheet.columns[0]) if sheet.columns else 0


def tally_rows(tally: Tally) -> tuple[list[str], list[list[str]]]:
    """The per-category table as text cells (fractions), unescaped.

    A weighted tally (METHOD.md §6) has one more column after ``count``:
    ``weight``, the total weight of the category's ticked errors. Its presence
    says that ``share`` and what follows are of the weighted dev error, as the
    JSON rendering's ``weight`` key and ``"weighted": true`` do.
    """
    weighted = getattr(tally, "weights", None) is not None  # a WeightedTally
    columns = [
        "name",
        "kind",
        "count",
        *(["weight"] if weighted else []),
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
        cells = [str(record[0]), str(record[1]), str(int(record[2]))]
        cells += [_fraction_text(v) for v in record[3:]]
        rows.append(cells)
    return columns, rows


def _fraction_text(value: float) -> str:
    if value is None or math.isnan(value):
        return ""
    return repr(round(float(value), 12))


def export_tally(tally: Tally, path: str | Path, *, delimiter: str = ",") -> None:
    header, rows = tally_rows(tally)
    write_csv(path, header, rows, delimiter=delimiter)


# ---------------------------------------------------------------- reading


def read_spreadsheet(path: str | Path) -> pd.DataFrame:
    """Read a review spreadsheet as text cells, exactly as written (escapes undone).

    The delimiter is found on several rows; a row with more fields than the
    header, a column named twice, NUL bytes or more than 2,000 columns are
    refused (:func:`erroranalysis.core.csvio.read_text_table`).
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(
            translate(
                "core.errors",
                "{path}: no such spreadsheet",
            ).format(path=path)
        )
    delimiter = "\t" if path.suffix.lower() == ".tsv" else None
    frame, _delimiter = read_text_table(
        path, delimiter=delimiter, what=translate("core.errors", "item")
    )
    names = [unescape_cell(str(c)) for c in frame.columns]
    check_header(names, path)
    return pd.DataFrame(
        {name: unescape_column(frame.iloc[:, i]) for i, name in enumerate(names)},
        index=frame.index,
    )


def parse_ticks(values: pd.Series, column: str, path: Path) -> np.ndarray:
    """A tick column as booleans; anything but 0/1, x, ✓, yes/no, true/false is an error."""
    ticked, _assessed = parse_tick_cells(values, column, path, allow_not_assessed=False)
    return ticked


def _python_zero_one(values: pd.Series) -> np.ndarray | None:
    """A column whose every cell is ``0`` or ``1`` (what export writes) as booleans,
    from one string of its cells, or None: without pyarrow, two comparisons per cell
    were a fifth of an unchanged import."""
    n = len(values)
    joined = joined_text(values)
    # One character per cell, and every cell's is 0 or 1 (a missing one is "": refused).
    cells = joined[::2]
    if (len(joined) != 2 * n - 1 or joined[1::2] != "\x1f" * (n - 1)
            or cells.count("0") + cells.count("1") != n):
        return None
    return np.frombuffer(cells.encode("ascii"), dtype=np.uint8) == ord("1")


def parse_tick_cells(
    values: pd.Series, column: str, path: Path, *, allow_not_assessed: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """A category column as (ticked, assessed) booleans: ``n/a`` is "not assessed"."""
    arrow = arrow_strings(values)
    zero_one = arrow is not None and len(values) and pc.all(
        pc.is_in(arrow, _ZERO_ONE.cast(arrow.type))).as_py()
    if zero_one:
        ones = pc.equal(arrow, "1")  # no nulls: is_in said every cell is 0 or 1
        return np.asarray(ones.to_numpy(zero_copy_only=False), dtype=bool), np.ones(
            len(values), dtype=bool)
    if pa is None and len(values):
        zero_one = _python_zero_one(values)
        if zero_one is not None:
            return zero_one, np.ones(len(values), dtype=bool)
    ones = (values == "1").to_numpy(dtype=bool, na_value=False)
    if (ones | (values == "0").to_numpy(dtype=bool, na_value=False)).all():
        return ones, np.ones(len(values), dtype=bool)  # what export writes: no text work
    lowered = values.astype(str).str.strip().str.lower()
    ticked = lowered.isin(TRUE_VALUES)
    not_assessed = (
        lowered.isin(NOT_ASSESSED_VALUES) if allow_not_assessed else np.zeros(len(values), bool)
    )
    bad = ~ticked & ~lowered.isin(FALSE_VALUES) & ~not_assessed
    if bad.any():
        line = int(np.argmax(bad.to_numpy())) + 2
        also = translate("core.errors", ", n/a for not assessed") if allow_not_assessed else ""
        raise UserError(
            translate(
                "core.errors",
                "{path}, line {line}: '{value}' in column '{column}' is not a tick (use 1/0, x or "
                "blank, yes/no, true/false{also})",
            ).format(path=path, line=line, value=values[bad].iloc[0], column=column, also=also)
        )
    return ticked.to_numpy(), ~np.asarray(not_assessed)


def parse_review_states(values: pd.Series, column: str, path: Path) -> np.ndarray:
    """The ``reviewed`` column as review states: 1/0 (or any tick value) and ``skipped``."""
    lowered = stripped_text(values).str.lower()
    skipped = lowered.isin(SKIPPED_VALUES).to_numpy()
    reviewed = lowered.isin(TRUE_VALUES).to_numpy()
    bad = ~skipped & ~reviewed & ~lowered.isin(FALSE_VALUES).to_numpy()
    if bad.any():
        line = int(np.argmax(bad)) + 2
        raise UserError(
            translate(
                "core.errors",
                "{path}, line {line}: '{value}' in column '{column}' is not a review state (use 1 "
                "for reviewed, 0 for not yet, skipped for can't judge)",
            ).format(path=path, line=line, value=values.iloc[int(np.argmax(bad))], column=column)
        )
    return np.where(skipped, SKIPPED, np.where(reviewed, REVIEWED, UNREVIEWED)).astype(np.int8)


def _is_tick_column(values: pd.Series) -> bool:
    return _is_tick_like(values)


def sheet_roles(columns: Sequence[str]) -> dict[str, str]:
    """The columns of a sheet that are not categories, by role: ``id``, ``image``,
    ``label``, ``prediction``, ``score``, ``split`` (found as in a predictions file),
    ``comments``, ``reviewed``, ``reviewer``, ``origin`` and ``as_exported``."""
    roles = resolve_columns(list(columns), ColumnNames(), Path("."), ())
    lower: dict[str, str] = {}
    for column in columns:
        lower.setdefault(column.lower(), column)
    comment = lower.get("comments", lower.get("comment"))
    if comment is not None:
        roles["comments"] = comment
    for name in ("reviewed", "reviewer", ORIGIN_COLUMN, AS_EXPORTED):
        if name in lower:
            roles[name] = lower[name]
    return roles


@dataclass
class SpreadsheetReview:
    """A review spreadsheet understood: its categories and their tick matrix.

    ``notes`` are what the reader decided that the user should hear: tick
    columns left out because they are also columns of the predictions file,
    tick columns counted although their names look like data.
    """

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
    notes: list[str] = field(default_factory=list)


def understand_spreadsheet(
    path: str | Path,
    *,
    category_columns: Sequence[str] | None = None,
    label_error_column: str | None = None,
    exclude_columns: Sequence[str] = (),
    predictions: Predictions | None = None,
) -> SpreadsheetReview:
    """Find a spreadsheet's tick columns (or take them as named) and parse them.

    Without ``category_columns``, a column is a category when every cell is a
    tick value, whatever its name, unless it is one of the sheet's own
    columns (:func:`sheet_roles`: the id, image, label, ..., comments,
    reviewed), a ``meta:`` column, or a column of the predictions file
    (``predictions``, or a name in ``exclude_columns``) that holds the same
    values there: such a column is ambiguous, left out and named in
    ``notes``, never dropped silently. ``category:NAME`` is the category NAME.
    """
    path = Path(path)
    frame = read_spreadsheet(path)
    columns = list(frame.columns)
    lower = {c.lower(): c for c in columns}
    roles = sheet_roles(columns)
    notes: list[str] = []
    if category_columns:
        tick_columns = []
        for wanted in category_columns:
            match = _find_column(columns, wanted)
            if match is None:
                match = _find_column(columns, CATEGORY_PREFIX + wanted)
            if match is None:
                raise UserError(
                    translate(
                        "core.errors",
                        "{path}: no column '{wanted}' (given by --categories); the columns are: "
                        "{columns}",
                    ).format(path=path, wanted=wanted, columns=', '.join(columns))
                )
            tick_columns.append(match)
    else:
        tick_columns, notes = _find_tick_columns(path, frame, roles, exclude_columns, predictions)
        if not tick_columns:
            if _looks_like_predictions(columns):
                raise UserError(
                    translate(
                        "core.errors",
                        "{path}: this is a predictions file, not a review spreadsheet; review "
                        "its errors first (erroranalysis review {name}, or new), then tally the "
                        "session or its exported spreadsheet",
                    ).format(path=path, name=path.name)
                )
            raise UserError(
                translate(
                    "core.errors",
                    "{path}: no tick columns found (a tick column holds only 1/0, x, ✓, yes/no, "
                    "true/false or blanks); name them with --categories",
                ).format(path=path)
            )
    names = [category_of_header(c) for c in tick_columns]
    if label_error_column is not None:
        index = next(
            (i for i, n in enumerate(names) if label_error_column in (n, tick_columns[i])),
            None,
        )
        if index is None:
            index = next(
                (i for i, n in enumerate(names) if n.lower() == label_error_column.lower()), None
            )
        if index is None:
            raise UserError(
                translate(
                    "core.errors",
                    "{path}: --label-error-column '{label_error_column}' is not one of the tick "
                    "columns ({names})",
                ).format(path=path, label_error_column=label_error_column, names=', '.join(names))
            )
        label_error_column = names[index]
    categories = []
    for name in names:
        if label_error_column is not None:
            kind = LABEL_ERROR if name == label_error_column else NORMAL
        else:
            kind = LABEL_ERROR if is_label_error_name(name) else NORMAL
        categories.append(Category(name, kind=kind))
    cells = [parse_tick_cells(frame[c], c, path) for c in tick_columns]
    shape = (len(frame), len(tick_columns))
    ticks = np.column_stack([t for t, _a in cells]) if len(frame) else np.zeros(shape, bool)
    assessed = np.column_stack([a for _t, a in cells]) if len(frame) else np.ones(shape, bool)
    if "reviewed" in roles:
        states = parse_review_states(frame[roles["reviewed"]], roles["reviewed"], path)
    else:
        states = np.full(len(frame), REVIEWED, dtype=np.int8)
    reviewed, skipped = states == REVIEWED, states == SKIPPED
    if ORIGIN_COLUMN in lower:
        is_error = (frame[lower[ORIGIN_COLUMN]].str.strip().str.lower() != CORRECT).to_numpy()
    else:
        is_error = np.ones(len(frame), dtype=bool)
    comment_column = roles.get("comments")
    comments = frame[comment_column].tolist() if comment_column else [""] * len(frame)
    return SpreadsheetReview(
        path, frame, categories, tick_columns, ticks, reviewed, is_error, comments,
        assessed, skipped, notes,
    )


def _find_column(columns: Sequence[str], name: str) -> str | None:
    """``name`` among ``columns``: exactly, else the one column equal to it in any case."""
    if name in columns:
        return name
    matches = [c for c in columns if c.lower() == name.lower()]
    return matches[0] if len(matches) == 1 else None


def _find_tick_columns(
    path: Path,
    frame: pd.DataFrame,
    roles: dict[str, str],
    exclude_columns: Sequence[str],
    predictions: Predictions | None,
) -> tuple[list[str], list[str]]:
    """The category columns of a sheet, and notes on the columns that were in doubt."""
    columns = list(frame.columns)
    lower_columns = {c.lower() for c in columns}
    role_columns = set(roles.values())
    other = {c.lower() for c in exclude_columns}
    if predictions is not None:
        other |= {c.lower() for c in predictions.source_columns}
    source = predictions.path.name if predictions is not None else "the predictions file"
    tick_columns: list[str] = []
    same: list[str] = []
    uncertain: list[str] = []
    data_like: list[str] = []
    as_role: list[str] = []
    canonical = {*FIXED_FRONT, *_SHEET_COLUMNS}
    for column in columns:
        lower = column.lower()
        if lower.startswith((META_PREFIX, REVIEWER_PREFIX)) or not _is_tick_column(
                frame[column]):
            continue
        if column in role_columns:
            if lower not in canonical:
                as_role.append(column)
            continue
        if lower.startswith(CATEGORY_PREFIX):
            tick_columns.append(column)
            continue
        # The app writes metadata that shares a category's name as meta:NAME, so
        # NAME beside meta:NAME is the category.
        if lower in other and META_PREFIX + lower not in lower_columns:
            verdict = _same_as_predictions(frame, roles, column, predictions)
            if verdict is not False:
                (same if verdict else uncertain).append(column)
                continue
        tick_columns.append(column)
        if lower in _DATA_LIKE_NAMES:
            data_like.append(column)
    notes = []
    if same:
        notes.append(
            (
                translate(
                    "core.notes",
                    "{name}: column {columns} (only tick values) also in {source} with the same "
                    "values: taken for data, not counted; to count it, name the categories to "
                    "count with --categories",
                )
                if len(same) == 1
                else translate(
                    "core.notes",
                    "{name}: columns {columns} (only tick values) also in {source} with the "
                    "same values: taken for data, not counted; to count them, name the "
                    "categories to count with --categories",
                )
            ).format(name=path.name, columns=_quoted(same), source=source)
        )
    if uncertain:
        notes.append(
            (
                translate(
                    "core.notes",
                    "{name}: column {columns} (only tick values) also named in {source}: taken "
                    "for data, not counted; to count it, name the categories to count with "
                    "--categories",
                )
                if len(uncertain) == 1
                else translate(
                    "core.notes",
                    "{name}: columns {columns} (only tick values) also named in {source}: "
                    "taken for data, not counted; to count them, name the categories to count "
                    "with --categories",
                )
            ).format(name=path.name, columns=_quoted(uncertain), source=source)
        )
    if as_role:
        taken = ", ".join(
            translate("core.notes", "'{column}' as the {role}").format(
                column=c, role=next(r for r, v in roles.items() if v == c)
            )
            for c in as_role
        )
        notes.append(
            (
                translate(
                    "core.notes",
                    "{name}: tick values taken for the sheet's own columns, not categories: "
                    "{taken}; to count it, name the categories to count with --categories",
                )
                if len(as_role) == 1
                else translate(
                    "core.notes",
                    "{name}: tick values taken for the sheet's own columns, not categories: "
                    "{taken}; to count them, name the categories to count with --categories",
                )
            ).format(name=path.name, taken=taken)
        )
    if data_like:
        notes.append(
            (
                translate(
                    "core.notes",
                    "{name}: column {columns} counted as category (every cell is a tick value) "
                    "although named like data; if not, name the categories to count with "
                    "--categories",
                )
                if len(data_like) == 1
                else translate(
                    "core.notes",
                    "{name}: columns {columns} counted as categories (every cell is a tick "
                    "value) although named like data; if not, name the categories to count "
                    "with --categories",
                )
            ).format(name=path.name, columns=_quoted(data_like))
        )
    return tick_columns, notes


def _quoted(columns: Sequence[str]) -> str:
    return ", ".join(f"'{c}'" for c in columns)


def _same_as_predictions(
    frame: pd.DataFrame,
    roles: dict[str, str],
    column: str,
    predictions: Predictions | None,
) -> bool | None:
    """Whether a sheet column holds the same ticks as the predictions file's column of
    that name, row by row (``None`` when it cannot be told)."""
    if predictions is None:
        return None
    table = predictions.frame
    source = next((c for c in predictions.source_columns if c.lower() == column.lower()), None)
    if source is None:
        return None
    role = next((r for r, c in predictions.mapping.items() if c == source), None)
    target = {"id": "key"}.get(role, role) if role else (
        source if source in table.columns else META_PREFIX + source
    )
    if target not in table.columns:
        return None
    if "id" in roles:
        keys, by = frame[roles["id"]].astype(str).str.strip(), table["key"]
    elif "image" in roles:
        keys, by = frame[roles["image"]].astype(str).str.strip(), table["image"]
    else:
        return None
    theirs = pd.Series(table[target].astype(str).to_numpy(), index=by.astype(str).to_numpy())
    theirs = theirs[~theirs.index.duplicated()].reindex(keys.to_numpy())
    if theirs.isna().any():
        return None
    words = theirs.astype(str).str.strip().str.lower()
    if not words.isin(_TICK_WORDS).all():
        return False
    mine = frame[column].astype(str).str.strip().str.lower()
    return bool(
        np.array_equal(words.isin(TRUE_VALUES).to_numpy(), mine.isin(TRUE_VALUES).to_numpy())
    )


def _looks_like_predictions(columns: Sequence[str]) -> bool:
    """Columns for an image, a label and a prediction, and nothing else to tally."""
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
    were marked reviewed. ``overwrote_newer`` counts items changed in the
    session after the sheet was exported that the sheet's values replaced
    (only with ``overwrite_newer``). ``unchecked`` counts changed items that
    already had review work in the session (a state, a tick or a comment) but
    whose row has no ``as_exported`` stamp of this session (a sheet not exported
    by this program, or from another session), so that a stale row could not be
    told from a fresh one.
    """

    matched: int
    unmatched_rows: list[int]
    unknown_columns: list[str]
    changed: int
    marked_reviewed: int = 0
    overwrote_newer: int = 0
    unchecked: int = 0


def _rows_of(cells: pd.Series, values: np.ndarray, *, unique_only: bool) -> np.ndarray:
    """Each sheet cell's row in the session's ``values`` (stripped of spaces, as text):
    a float array, NaN where no row holds it. The first row holding it, or with
    ``unique_only`` only a value no other row holds."""
    text = stripped_text(cells)
    rows = _python_rows_of(text, values) if pa is None else _arrow_rows_of(text, values)
    if unique_only:
        shared = pd.Series(values, dtype=object).duplicated(keep=False).to_numpy()
        hit = ~np.isnan(rows)
        rows[np.flatnonzero(hit)[shared[rows[hit].astype(np.int64)]]] = np.nan
    return rows


def _arrow_rows_of(text: pd.Series, values: np.ndarray) -> np.ndarray:
    """One hash lookup in Arrow: a pandas index over 100,000 keys (each key copied
    into Arrow and back) was a fifth of an unchanged import."""
    wanted = arrow_strings(text)
    if wanted is None:  # not text at all (a column of numbers, say)
        wanted = pa.array(text.astype(str).to_numpy(dtype=object), type=pa.large_string())
    value_set = pa.array(values, type=pa.large_string())
    found = pc.index_in(wanted.cast(pa.large_string()), value_set=value_set)
    return np.asarray(found.to_numpy(zero_copy_only=False), dtype=float)


def _python_rows_of(text: pd.Series, values: np.ndarray) -> np.ndarray:
    """:func:`_arrow_rows_of` without pyarrow: pandas' hash index over each value's
    first row."""
    index = pd.Index(python_text(values), dtype=object)
    first = np.flatnonzero(~index.duplicated(keep="first"))
    cells = text.astype(object).where(text.notna(), None).map(str, na_action="ignore")
    found = index[first].get_indexer(cells)
    if not len(first):  # a session without items: nothing is found
        return np.full(len(found), np.nan)
    return np.where(found >= 0, first[found], np.nan)


def _full_matches(text: pd.Series, pattern: str) -> np.ndarray:
    """Which cells ``re.fullmatch`` the pattern (False where missing): in Arrow, where
    RE2's "$" is the end of the text only; in Python without pyarrow."""
    if pa is None:
        cells = python_text(text)
        joined = "\x1f".join(cells)
        if joined.count("\x1f") == len(cells) - 1 and re.fullmatch(
                f"(?:{pattern})(?:\x1f(?:{pattern}))*", joined):
            return np.ones(len(cells), dtype=bool)  # an unedited sheet: one scan
        match = re.compile(pattern).fullmatch
        candidates = flagged_cells(cells, re.compile(f"(?:^|\\x1f)(?:{pattern})(?=\\x1f|$)"))
        found = np.zeros(len(cells), dtype=bool)
        found[candidates] = [bool(match(cells[i])) for i in candidates.tolist()]
        return found
    return pc.fill_null(pc.match_substring_regex(
        pa.array(text.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True),
        f"^{pattern}$",
    ), False).to_numpy(zero_copy_only=False).astype(bool)


def _review_state(
    session: ReviewSession,
) -> tuple[dict[str, np.ndarray], list[Category], np.ndarray, np.ndarray]:
    """What an import compares a sheet with: the items, categories, ticks and assessments."""
    items = session.item_columns(["id", "key", "comment", "state", "reviewer"])
    categories = session.categories()
    ticks = session.ticks_frame(ids=items["id"]).to_numpy()
    assessed = session.assessed_frame(ids=items["id"]).to_numpy()
    return items, categories, ticks, assessed


def import_spreadsheet(
    session: ReviewSession,
    path: str | Path,
    *,
    dry_run: bool = False,
    overwrite_newer: bool = False,
) -> ImportReport:
    """Bring ticks, comments, review states and reviewers edited in a spreadsheet back.

    Rows are matched to items by ``id``, else by ``image`` as written in the
    predictions file. Tick columns are the session's categories (by name, or
    ``category:NAME``); a cell with a value assesses its category on that row,
    ``n/a`` leaves it as it is. Rows that match nothing are reported (line
    numbers), never silently dropped; two rows for one item are refused.

    A stale sheet is refused: when an item changed in the session after the
    sheet was exported (its ``as_exported`` fingerprint no longer matches) and
    the sheet's row differs from the session, importing would revert that
    change, so :class:`UserError` lists those rows unless ``overwrite_newer``.
    Only rows that differ from the session are written, in one transaction: an
    import lands whole or not at all.
    """
    path = Path(path)
    # The sheet is parsed on a second thread while this one reads the session
    # (the session's connection stays on this thread): Arrow's CSV parser
    # releases the GIL, so the two overlap, about a quarter off an unchanged
    # import of 100,000 rows. A bad sheet still raises its own UserError here.
    # Without pyarrow, pandas' parser holds the GIL to make a Python string per
    # cell: the two would only contend (1.9 against 1.5 s), so one after the other.
    if pa is None:
        frame = read_spreadsheet(path)
        items, categories, all_ticks, all_assessed = _review_state(session)
    else:
        with ThreadPoolExecutor(1, thread_name_prefix="read-spreadsheet") as pool:
            reading = pool.submit(read_spreadsheet, path)
            items, categories, all_ticks, all_assessed = _review_state(session)
            frame = reading.result()
    header = list(frame.columns)
    columns: dict[str, str] = {}
    for column in header:
        columns.setdefault(column.lower(), column)
    if "id" in columns:
        key_column, item_keys = columns["id"], items["key"]
    elif "image" in columns:
        key_column, item_keys = columns["image"], session.item_columns(["image"])["image"]
    else:
        raise UserError(
            translate(
                "core.errors",
                "{path}: needs an 'id' or 'image' column to match rows to the session",
            ).format(path=path)
        )
    rows = _rows_of(frame[key_column], item_keys, unique_only=False)
    if key_column != columns.get("image") and "image" in columns and np.isnan(rows).any():
        # A spreadsheet app may have rewritten ids ("0027" -> 27); the image
        # path as written still names the row (read only when some id matched
        # nothing: it is a second pass over the items table).
        images = session.item_columns(["image"])["image"]
        fallback = _rows_of(frame[columns["image"]], images, unique_only=True)
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
            translate(
                "core.errors",
                "{path}: lines {lines} are the same item ('{key}'); keep one row per item and "
                "import again",
            ).format(
                path=path,
                lines=translate("core.errors", " and ").join(lines),
                key=items['key'][first],
            )
        )
    present = []
    category_headers = set()
    for index, category in enumerate(categories):
        column = _find_column(header, category_header(category.name))
        if column is None:
            column = _find_column(header, category.name)
        if column is not None:
            present.append((column, index))
            category_headers.add(column)
    known = {*FIXED_FRONT, *FIXED_BACK, ORIGIN_COLUMN, AS_EXPORTED}
    known |= {m.lower() for m in session.metadata_columns}
    unknown_columns = [
        c
        for c in header
        if c.lower() not in known
        and c not in category_headers
        and not c.lower().startswith((META_PREFIX, REVIEWER_PREFIX))
    ]
    sheet = frame.iloc[matched_lines]
    old_ticks = all_ticks[rows]
    old_assessed = all_assessed[rows]
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
    newer = np.zeros(len(rows), dtype=bool)
    stamps = (
        stripped_text(sheet[columns[AS_EXPORTED]]).str.lower()
        if AS_EXPORTED in columns
        else pd.Series([""] * len(rows), dtype=object)
    )
    # Only a stamp of this session can tell: a row typed into the sheet (blank),
    # or a sheet of another session (another reviewer's), is not compared.
    ours = _full_matches(stamps, f"{_STAMP_START}{session_tag(session)}[0-9a-f]{{12}}")
    had_work = (old_state != UNREVIEWED) | old_ticks.any(axis=1) | (old_comment != "")
    unchecked = changed & had_work & ~ours
    if ours.any() and changed.any():
        now = item_fingerprints(
            items["key"][rows], old_ticks, [c.id for c in categories], old_comment, old_state,
            old_reviewer,
        )
        exported = stamps.str.slice(len(_STAMP_START) + _TAG_DIGITS).to_numpy(dtype=object)
        newer = changed & ours & (exported != now)
        if newer.any() and not overwrite_newer:
            _refuse_newer(path, newer, matched_lines, items["key"][rows])
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
        int(newer.sum()),
        int(unchecked.sum()),
    )


def _refuse_newer(
    path: Path, newer: np.ndarray, matched_lines: np.ndarray, keys: np.ndarray
) -> None:
    where = np.flatnonzero(newer)
    shown = where[:5]
    lines = ", ".join(str(int(matched_lines[i]) + 2) for i in shown)
    names = ", ".join(str(keys[i]) for i in shown)
    more = (
        translate("core.errors", " and {count} more").format(count=len(where) - len(shown))
        if len(where) > len(shown)
        else ""
    )
    rows = (
        translate("core.errors", "1 row")
        if len(where) == 1
        else translate("core.errors", "{count} rows").format(count=len(where))
    )
    which = (
        translate("core.errors", "line") if len(where) == 1 else translate("core.errors", "lines")
    )
    raise UserError(
        translate(
            "core.errors",
            "{path}: {rows} would undo changes made in the session after this sheet was exported "
            "({which} {lines}{more}: {names}); export a fresh sheet and edit that, or import "
            "with --overwrite-newer to replace those changes with the sheet's values",
        ).format(path=path, rows=rows, which=which, lines=lines, more=more, names=names)
    )
