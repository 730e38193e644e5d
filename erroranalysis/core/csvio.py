"""The CSV files a user opens in a spreadsheet app: reading them and writing them safely.

Every CSV the program writes (the review spreadsheet, the tally table, the
``--format csv`` outputs of ``tally``, ``metrics`` and ``agreement``) goes
through :func:`render_csv` / :func:`write_csv`, so one rule keeps them safe:

- a cell that a spreadsheet would run as a formula (starting with ``=``,
  ``+``, ``-``, ``@``, tab, CR or NUL: OWASP ASVS 5.0 1.2.10) is written with
  a leading apostrophe, and so is a cell that already starts with one, so that
  :func:`unescape_cell` gives back exactly what was written; plain numbers
  such as ``-0.5`` are left alone;
- a cell holding ``,`` ``;`` tab ``|``, a quote or a line break is quoted,
  whatever the delimiter;
- inside a cell, a ``,`` ``;`` tab ``|`` or line break directly followed by a
  formula start gets an apostrophe after it (and so does one followed by an
  apostrophe that could be taken for that escape): a reader that
  splits on another delimiter than the one written (Excel in a European
  locale splits on ``;``) or on a line break in a quoted cell starts a cell
  there, and quotes only protect a cell whose quote opens it. So ``x;=1+1``
  is written ``"x;'=1+1"`` and reads back as ``x;=1+1``; no reading of the
  file, with any of the four delimiters, starts a cell with a formula.

Reading (:func:`read_text_table`) finds the delimiter on several lines, not
just the header, refuses what would silently shift or merge columns (a row
with more fields than the header, a column named twice), NUL bytes, and
headers wider than :data:`MAX_COLUMNS`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from erroranalysis.core.errors import UserError
from erroranalysis.core.optional_arrow import pa, pa_csv, pc
from erroranalysis.core.paths import replace_target
from erroranalysis.i18n import translate

#: Starts of a cell that a spreadsheet runs as a formula, plus the apostrophe
#: itself (escaped too, so that unescaping is exact).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0", "'")
_TRIGGER_START = re.compile(r"[=+\-@\t\r\x00']")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
#: A cell holding any of these is quoted, whatever the delimiter.
_NEEDS_QUOTES_CHARS = '",;\t|\r\n'
_NEEDS_QUOTES = re.compile(r"[\",;\t|\r\n]")

#: The delimiters a text table may use, in order of preference on a tie.
DELIMITERS = (",", ";", "\t", "|")
#: The widest table read: beyond this a header is refused (a 1M-column header
#: would otherwise take minutes and gigabytes before anyone is told).
MAX_COLUMNS = 2000
_STRING_DTYPE: pd.StringDtype | None = None  # without pyarrow: Python objects
if pa is not None:
    try:
        #: What ``pandas.read_csv(dtype=str)`` gives in pandas 3 (Arrow strings, NaN for missing).
        _STRING_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)
    except TypeError:  # pragma: no cover - pandas < 2.3
        try:  # the same strings under the name pandas 2.1 and 2.2 gave them
            _STRING_DTYPE = pd.StringDtype("pyarrow_numpy")
        except ValueError:  # pandas 2.0: Python objects (slower, the same cells)
            _STRING_DTYPE = None
#: The dtype of text cells read through Arrow (None: Python objects, pandas 2.0 or no pyarrow).
STRING_DTYPE = _STRING_DTYPE
#: The storages of pandas' Arrow-backed strings (``pyarrow_numpy``: pandas 2.1 and 2.2).
_ARROW_STORAGES = ("pyarrow", "pyarrow_numpy")
#: How much of a file the delimiter is guessed from.
_SNIFF_CHARS = 1 << 20
_SNIFF_RECORDS = 50


# ---------------------------------------------------------------- escaping


#: Inside a cell: where a reader splitting on another delimiter, or on a line
#: break, would start a cell.
_SEPARATORS = ",;\t|\r\n"
_FORMULA_CLASS = "[=+\\-@\\t\\r\\x00]"
_AFTER_CLASS = "[=+\\-@\\t\\r\\x00']"
# After a separator: a formula start, or an apostrophe that unescaping would
# otherwise take for an escape (one before a formula start or an apostrophe).
_INNER_ESCAPE = re.compile(
    f"(?<=[{_SEPARATORS}])(?={_FORMULA_CLASS}|'{_AFTER_CLASS})"
    f"(?!{_PLAIN_NUMBER.pattern}(?:[{_SEPARATORS}]|$))"
)
_INNER_UNESCAPE = re.compile(f"(?<=[{_SEPARATORS}])'(?={_AFTER_CLASS})")
# Arrow (RE2: no look-around) only finds the few cells the patterns above may touch.
_MAY_ESCAPE_INSIDE = f"[{_SEPARATORS}]({_FORMULA_CLASS}|'{_AFTER_CLASS})"
_MAY_UNESCAPE_INSIDE = f"[{_SEPARATORS}]'"


def escape_cell(text: str) -> str:
    """Make text safe to open in a spreadsheet (no formula runs), reversibly.

    A leading apostrophe when it starts like a formula (not a plain number),
    and one after every delimiter or line break inside it that a formula start
    follows (see the module's notes); :func:`unescape_cell` undoes both.
    """
    lead = "'" if text[:1] in FORMULA_TRIGGERS and not _PLAIN_NUMBER.fullmatch(text) else ""
    return lead + _INNER_ESCAPE.sub("'", text)


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell`."""
    text = text[1:] if text.startswith("'") else text
    return _INNER_UNESCAPE.sub("", text)


def _text(value: str) -> pa.Scalar:
    return pa.scalar(value, type=pa.large_string())


def _arrow_text(values: Sequence[str] | np.ndarray | pd.Series | pa.Array) -> pa.Array:
    """A column of text cells as an Arrow array (large strings: no 2 GB limit)."""
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        array = values
    else:
        try:
            array = pa.array(values, type=pa.large_string(), from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            # Not only text (pyarrow 14 refuses a float array with NotImplemented).
            array = pa.array([str(v) for v in values], type=pa.large_string())
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return pc.fill_null(array.cast(pa.large_string()), "")


_TRIGGER_SET = None if pa is None else pa.array(list(FORMULA_TRIGGERS), type=pa.large_string())


def _escaped(text: pa.Array, *, separators: bool = True) -> pa.Array:
    """:func:`escape_cell` in Arrow; ``separators=False`` says no cell holds one."""
    inside = pc.match_substring_regex(text, _MAY_ESCAPE_INSIDE) if separators else None
    if inside is not None and pc.any(inside).as_py():
        text = _per_cell(text, inside, lambda t: _INNER_ESCAPE.sub("'", t))
    risky = pc.is_in(pc.utf8_slice_codeunits(text, 0, 1), value_set=_TRIGGER_SET)
    if not pc.any(risky).as_py():
        return text
    number = pc.match_substring_regex(text, "^(" + _PLAIN_NUMBER.pattern + ")$")
    risky = pc.and_(risky, pc.invert(number))
    return pc.if_else(risky, pc.binary_join_element_wise(_text("'"), text, _text("")), text)


def _per_cell(text: pa.Array, where: pa.Array, change: Callable[[str], str]) -> pa.Array:
    """``change`` applied in Python to the (few) cells ``where`` is true."""
    rows = np.flatnonzero(where.to_numpy(zero_copy_only=False))
    cells = np.asarray(text.to_numpy(zero_copy_only=False), dtype=object)
    cells[rows] = [change(str(t)) for t in cells[rows]]
    return pa.array(cells, type=pa.large_string())


def escape_column(values: Sequence[str] | np.ndarray | pd.Series) -> np.ndarray:
    """:func:`escape_cell` of every cell of a column (vectorised)."""
    if pa is None:
        return np.array([escape_cell(t) for t in python_text(values)], dtype=object)
    return np.asarray(_escaped(_arrow_text(values)).to_numpy(zero_copy_only=False), dtype=object)


def arrow_strings(values: pd.Series) -> pa.Array | pa.ChunkedArray | None:
    """A column of text as an Arrow string array, else None: Arrow's kernels answer a
    whole-column question ten times faster than the ``.str`` accessor on a sheet's
    thousands of rows. pandas' Arrow-backed string dtype gives its array (no copy); a
    column of Python strings (pandas 2 keeps text as ``object``) is copied into one in
    C, which is still faster than one ``.str`` pass over it; numbers give None (and
    every column does without pyarrow)."""
    if pa is None:
        return None
    dtype = values.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage in _ARROW_STORAGES:
        array = pa.array(values.array)
    elif pd.api.types.is_object_dtype(dtype):
        try:
            array = pa.array(values.to_numpy(), type=pa.large_string(), from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return None  # not only text
    else:
        return None
    return array if pa.types.is_string(array.type) or pa.types.is_large_string(
        array.type) else None


def stripped_text(values: pd.Series) -> pd.Series:
    """``values.astype(str).str.strip()``, never Python code on every cell: Arrow-backed
    text is stripped as it is (pandas 2's ``astype(str)`` would make Python objects of
    it), a column of Python strings (pandas 2's ``object``) is trimmed in Arrow, which
    removes the same whitespace as ``str.strip``."""
    arrow = arrow_strings(values)
    if pa is None and not values.isna().any() and not _may_need_strip(
            joined_text(values), len(values)):
        return values.astype(str)  # without pyarrow: one scan found no space to strip
    if arrow is None or arrow.null_count:  # astype(str) writes a missing cell as text
        return values.astype(str).str.strip()
    if not pd.api.types.is_object_dtype(values.dtype):
        return values.str.strip()
    trimmed = pc.utf8_trim_whitespace(arrow).to_numpy(zero_copy_only=False)
    return pd.Series(trimmed, index=values.index, name=values.name, dtype=object)


def _may_need_strip(joined: str, count: int) -> bool:
    """False only when no cell has whitespace at either end: one scan of the ``count``
    cells joined by U+001F (itself whitespace: a cell holding one says True)."""
    if joined.count("\x1f") != max(count - 1, 0):
        return True
    return _SPACE_AT_AN_END.search(joined) is not None


def unescape_column(values: pd.Series) -> pd.Series:
    """:func:`unescape_cell` of every cell of a column (vectorised)."""
    text = values if pd.api.types.is_string_dtype(values.dtype) else values.astype(str)
    arrow = arrow_strings(text)
    if arrow is not None:
        if not pc.any(pc.match_substring(arrow, "'")).as_py():
            return text  # every escape is an apostrophe: most columns have none
        if pd.api.types.is_object_dtype(text.dtype):
            return _unescape_objects(text, arrow)
    elif "'" not in joined_text(text):
        return text
    escaped = text.str.startswith("'", na=False)
    if escaped.any():
        text = text.where(~escaped, text.str.slice(1))
    inside = text.str.contains(_MAY_UNESCAPE_INSIDE, regex=True, na=False)
    if inside.any():
        # Not ``text[inside] = [...]``: pandas 2.3's Arrow strings refuse a list there.
        cells = text[inside]
        fixed = [_INNER_UNESCAPE.sub("", t) for t in cells.tolist()]
        text = text.where(~inside, pd.Series(fixed, index=cells.index, dtype=text.dtype))
    return text


def _unescape_objects(text: pd.Series, arrow: pa.Array | pa.ChunkedArray) -> pd.Series:
    """:func:`unescape_column` of a column of Python strings (pandas 2), worked out in
    Arrow: the ``.str`` accessor would run Python code on every cell."""
    if isinstance(arrow, pa.ChunkedArray):
        arrow = arrow.combine_chunks()
    escaped = pc.fill_null(pc.starts_with(arrow, "'"), False)
    arrow = pc.if_else(escaped, pc.utf8_slice_codeunits(arrow, 1), arrow)
    inside = pc.fill_null(pc.match_substring_regex(arrow, _MAY_UNESCAPE_INSIDE), False)
    if pc.any(inside).as_py():
        arrow = _per_cell(arrow, inside, lambda t: _INNER_UNESCAPE.sub("", t))
    changed = np.asarray(pc.or_(escaped, inside).to_numpy(zero_copy_only=False), dtype=bool)
    cells = text.to_numpy(dtype=object, copy=True)
    cells[changed] = arrow.filter(pa.array(changed)).to_numpy(zero_copy_only=False)
    return pd.Series(cells, index=text.index, name=text.name, dtype=object)


#: Cells the sheet writes by the thousand that never need escaping or quotes.
_PLAIN = ("0", "1", "n/a", "skipped", "")
_PLAIN_CELLS = None if pa is None else pa.array(list(_PLAIN), type=pa.large_string())
_PLAIN_SET = frozenset(_PLAIN)
#: A cell that may need escaping or quotes: a separator, a quote, a line break, or a
#: formula start (escaping only adds apostrophes, after these).
_MAY_NEED_WORK = re.compile(f"{_NEEDS_QUOTES.pattern}|(?:^|\\x1f){_TRIGGER_START.pattern}")
#: What every match of :data:`_MAY_NEED_WORK` holds, one of these (U+001F: a cell's start).
_MAY_NEED_WORK_TEXTS = (*_NEEDS_QUOTES_CHARS, *(f"\x1f{t}" for t in FORMULA_TRIGGERS))
#: Whitespace at either end of a cell (what ``str.strip`` removes), the separator aside.
_SPACE_AT_AN_END = re.compile(r"(?:^|\x1f)[^\S\x1f]|[^\S\x1f](?=\x1f|$)")


def python_text(values: Sequence[object] | np.ndarray | pd.Series) -> list[str]:
    """A column's cells as Python strings, as :func:`_arrow_text` makes them: text with
    a missing cell (None, NaN, ``pd.NA``) as ""; a column holding anything else than
    text, every cell as ``str`` gives it. Checked in C, not per cell here."""
    if isinstance(values, pd.Series):
        cells = values.to_numpy(dtype=object)
    else:
        cells = np.empty(len(values), dtype=object)
        cells[:] = list(values)
    if pd.api.types.infer_dtype(cells, skipna=False) == "string":
        return cells.tolist()  # only text, nothing missing: the common case
    if pd.api.types.infer_dtype(cells, skipna=True) in ("string", "empty"):
        missing = pd.isna(cells)
        if missing.any():
            cells = cells.copy()
            cells[missing] = ""
        return cells.tolist()
    return [str(c) for c in cells.tolist()]


def joined_text(values: pd.Series) -> str:
    """A column's cells (as :func:`python_text` gives them) joined by U+001F: a column
    of Python strings is joined as it is, without a pass over it first."""
    try:
        return "\x1f".join(values.to_numpy(dtype=object))
    except TypeError:  # a missing cell or not text
        return "\x1f".join(python_text(values))


def flagged_cells(
    cells: list[str], pattern: re.Pattern[str], needs: Sequence[str] = ()
) -> np.ndarray:
    """The indices of the cells in which ``pattern`` matches (where a match's last
    character falls), found in one scan of the cells joined by the unit separator
    (U+001F), not one search per cell. A pattern marks a cell's start with
    ``(?:^|\\x1f)`` and its end with ``(?=\\x1f|$)``. A cell holding U+001F itself
    may be flagged wrongly, never missed: check the flagged cells one by one where
    that matters. ``needs``: texts one of which every match holds (with U+001F for a
    cell's start), looked for first: ``in`` scans a string many times faster than a
    pattern of alternatives does."""
    joined = "\x1f".join(cells)
    if needs and not any(n in joined for n in needs) and not any(
            joined.startswith(n[1:]) for n in needs if n.startswith("\x1f")):
        return np.empty(0, dtype=np.int64)
    ends = [m.end() - 1 for m in pattern.finditer(joined)]
    if not ends:
        return np.empty(0, dtype=np.int64)
    widths = np.fromiter(map(len, cells), dtype=np.int64, count=len(cells)) + 1
    starts = np.cumsum(widths) - widths
    return np.unique(np.searchsorted(starts, ends, side="right") - 1)


def _python_field(text: str, quote_empty: bool) -> str:
    """One cell as a CSV field (:func:`_csv_field`, cell by cell)."""
    quoted = _NEEDS_QUOTES.search(text) is not None or (quote_empty and not text)
    text = escape_cell(text)
    return '"' + text.replace('"', '""') + '"' if quoted else text


def _python_fields(values: Sequence[str] | np.ndarray | pd.Series, quote_empty: bool) -> list[str]:
    """:func:`_csv_field` without pyarrow: the same fields, worked out cell by cell
    only where a cell may need it."""
    cells = python_text(values)
    if quote_empty:  # a one-column table: every empty cell is quoted
        return [_python_field(c, True) for c in cells]
    if _PLAIN_SET.issuperset(cells):
        return cells  # a tick column: nothing to look for
    for row in flagged_cells(cells, _MAY_NEED_WORK, _MAY_NEED_WORK_TEXTS).tolist():
        cells[row] = _python_field(cells[row], False)
    return cells


def _csv_field(values: Sequence[str] | np.ndarray | pd.Series, quote_empty: bool) -> pa.Array:
    """A column's cells as CSV fields: escaped, and quoted where they need it."""
    text = _arrow_text(values)
    if not quote_empty and pc.all(pc.is_in(text, value_set=_PLAIN_CELLS)).as_py():
        return text  # a tick column: nothing to look for
    # Quotes are needed exactly where a separator, quote or line break is, and
    # escaping only adds apostrophes: one search serves both.
    quoted = pc.match_substring_regex(text, _NEEDS_QUOTES.pattern)
    text = _escaped(text, separators=pc.any(quoted).as_py())
    if quote_empty:
        # A row of one empty field would be a blank line, which readers skip.
        quoted = pc.or_(quoted, pc.equal(text, _text("")))
    if not pc.any(quoted).as_py():
        return text
    inner = pc.replace_substring(text, '"', '""')
    wrapped = pc.binary_join_element_wise(_text('"'), inner, _text('"'), _text(""))
    return pc.if_else(quoted, wrapped, text)


def _render_bytes(
    header: Sequence[str],
    columns: Sequence[Sequence[str] | np.ndarray | pd.Series],
    delimiter: str,
    lineterminator: str,
) -> list[bytes | pa.Buffer]:
    """The CSV as UTF-8 pieces (header line, then every row), joined in Arrow: no
    Python string is made per row."""
    if delimiter not in DELIMITERS:
        raise ValueError(f"unsupported delimiter {delimiter!r}")
    if len(columns) != len(header):
        raise ValueError(f"{len(header)} header cells but {len(columns)} columns")
    single = len(header) == 1
    if pa is None:
        return _render_python(header, columns, delimiter, lineterminator)
    head = delimiter.join(_csv_field(list(header), single).to_pylist()) + lineterminator
    if not columns or len(columns[0]) == 0:
        return [head.encode("utf-8")]
    fields = [_csv_field(c, single) for c in columns]
    if not single:
        fields = _join_one_byte_runs(fields, delimiter)
    lines = (
        fields[0] if len(fields) == 1
        else pc.binary_join_element_wise(*fields, _text(delimiter))
    )
    lines = pc.binary_join_element_wise(lines, _text(""), _text(lineterminator))
    return [head.encode("utf-8"), _data_buffer(lines)]


def _render_python(
    header: Sequence[str],
    columns: Sequence[Sequence[str] | np.ndarray | pd.Series],
    delimiter: str,
    lineterminator: str,
) -> list[bytes]:
    """:func:`_render_bytes` without pyarrow: the same bytes, joined in Python."""
    single = len(header) == 1
    head = delimiter.join(_python_fields(list(header), single)) + lineterminator
    if not columns or len(columns[0]) == 0:
        return [head.encode("utf-8")]
    fields = [_python_fields(c, single) for c in columns]
    body = lineterminator.join(map(delimiter.join, zip(*fields, strict=True)))
    return [head.encode("utf-8"), (body + lineterminator).encode("utf-8")]


def _one_byte_cells(field: pa.Array) -> np.ndarray | None:
    """A field column whose every cell is one byte (``0``/``1`` ticks) as those bytes."""
    if isinstance(field, pa.ChunkedArray):
        field = field.combine_chunks()
    if field.null_count or len(field) == 0:
        return None
    _validity, offsets_buffer, data = field.buffers()
    offsets = np.frombuffer(
        offsets_buffer, dtype=np.int64, count=len(field) + 1, offset=field.offset * 8
    )
    if data is None or offsets[-1] - offsets[0] != len(field) or (np.diff(offsets) != 1).any():
        return None
    return np.frombuffer(data, dtype=np.uint8, count=len(field), offset=int(offsets[0]))


def _join_one_byte_runs(fields: list[pa.Array], delimiter: str) -> list[pa.Array]:
    """Adjacent columns of one-byte cells (a sheet's tick columns) joined with the
    delimiter as fixed-width rows in numpy: the same bytes, one column where the
    row-wise join would take one per tick column."""
    cells = [_one_byte_cells(f) for f in fields]
    out: list[pa.Array] = []
    start = 0
    while start < len(fields):
        end = start
        while end < len(fields) and cells[end] is not None:
            end += 1
        if end - start < 2:
            out.append(fields[start])
            start += 1
            continue
        width = 2 * (end - start) - 1
        block = np.full((len(fields[start]), width), ord(delimiter), dtype=np.uint8)
        for k in range(start, end):
            block[:, 2 * (k - start)] = cells[k]
        offsets = np.arange(len(block) + 1, dtype=np.int64) * width
        out.append(pa.Array.from_buffers(
            pa.large_string(), len(block), [None, pa.py_buffer(offsets), pa.py_buffer(block)]
        ))
        start = end
    return out


def _data_buffer(strings: pa.Array) -> pa.Buffer:
    """The UTF-8 bytes of a string array's values, back to back (its data buffer)."""
    if isinstance(strings, pa.ChunkedArray):
        strings = strings.combine_chunks()
    _validity, offsets_buffer, data = strings.buffers()
    offsets = np.frombuffer(
        offsets_buffer, dtype=np.int64, count=len(strings) + 1, offset=strings.offset * 8
    )
    if data is None:
        return pa.py_buffer(b"")
    return data.slice(int(offsets[0]), int(offsets[-1] - offsets[0]))


def render_columns(
    header: Sequence[str],
    columns: Sequence[Sequence[str] | np.ndarray | pd.Series],
    *,
    delimiter: str = ",",
    lineterminator: str = "\n",
) -> str:
    """CSV text of a header and its columns of text cells (column-wise, vectorised).

    Every cell, header included, is escaped (:func:`escape_cell`) and quoted
    when it holds a delimiter of any kind, a quote or a line break. Pass the
    cells as they should read back, unescaped.
    """
    pieces = _render_bytes(header, columns, delimiter, lineterminator)
    return b"".join(bytes(p) for p in pieces).decode("utf-8")


def render_csv(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    delimiter: str = ",",
    lineterminator: str = "\n",
) -> str:
    """CSV text of a header and rows of text cells; see :func:`render_columns`."""
    columns = _columns_of(header, rows)
    return render_columns(header, columns, delimiter=delimiter, lineterminator=lineterminator)


def _columns_of(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[list[str]]:
    for number, row in enumerate(rows, start=1):
        if len(row) != len(header):
            raise ValueError(f"row {number} has {len(row)} cells, the header {len(header)}")
    return [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in header]


def _write_atomically(path: str | Path, pieces: Sequence[bytes | pa.Buffer]) -> None:
    path = Path(path)
    target = replace_target(path)
    # /dev/stdout or a pipe is written in place; a file through a temporary and a rename.
    temporary = None if target is None else target.with_name(target.name + ".tmp")
    try:
        with open(path if temporary is None else temporary, "wb") as handle:
            handle.write(b"\xef\xbb\xbf")
            for piece in pieces:
                handle.write(memoryview(piece))
        if temporary is not None and target is not None:
            temporary.replace(target)
    except OSError as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise UserError(
            translate(
                "core.errors",
                "{path}: cannot write ({strerror})",
            ).format(path=path, strerror=error.strerror)
        ) from None


def write_csv(
    path: str | Path,
    header: Sequence[str],
    rows: Sequence[Sequence[str]] | None = None,
    *,
    columns: Sequence[Sequence[str] | np.ndarray | pd.Series] | None = None,
    delimiter: str = ",",
) -> None:
    """Write a CSV file for spreadsheet apps (BOM, CRLF, escaped), from rows or columns;
    atomically (a temp file renamed over the target)."""
    if columns is None:
        columns = _columns_of(header, rows or [])
    _write_atomically(path, _render_bytes(header, columns, delimiter, "\r\n"))


# ---------------------------------------------------------------- reading


#: Byte-order marks of the UTF-16 text Excel writes as "Unicode Text".
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(path: Path) -> str:
    """Decode a text file, or fail with a clear line.

    UTF-8 (with or without BOM) first; then UTF-16 with a BOM (Excel's
    "Unicode Text"); then GB18030, a superset of the GBK that Excel in a
    Chinese locale writes as plain "CSV" — taken only when every byte
    decodes and some character is CJK, so that a Latin-1 file (whose bytes
    may happen to pair up) is refused with the fix rather than misread.
    """
    data = path.read_bytes()
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise UserError(
            translate(
                "core.errors",
                "{path}: a spreadsheet workbook (.xlsx/.xls/.ods), not a CSV; save it as CSV "
                "UTF-8 and use that file",
            ).format(path=path)
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        utf8_error = error
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if _CJK.search(text) and not _LATIN_IN_CJK.search(text):
        return text
    line = data[: utf8_error.start].count(b"\n") + 1
    raise UserError(
        translate(
            "core.errors",
            "{path}: not UTF-8 text (byte 0x{byte:02x} on line {line}), nor GBK/GB18030; save it "
            "as UTF-8 (in Excel: 'CSV UTF-8') and try again",
        ).format(path=path, byte=data[utf8_error.start], line=line)
    ) from None


#: Chinese characters (CJK ideographs, their punctuation, full-width forms).
_CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
#: A CJK character wedged inside a Latin word ("M黮ler"): Latin-1 bytes paired up.
_LATIN_IN_CJK = re.compile("[A-Za-z][\u4e00-\u9fff][a-z]")


def _records(text: str, delimiter: str) -> list[list[str]]:
    """The first records of a sample (blank lines skipped), or [] if it is not CSV."""
    out: list[list[str]] = []
    try:
        for record in csv.reader(io.StringIO(text), delimiter=delimiter):
            if record:
                out.append(record)
                if len(out) >= _SNIFF_RECORDS:
                    break
    except csv.Error:
        return out[:1]
    return out


def sniff_delimiter(text: str, candidates: Sequence[str] = DELIMITERS) -> str:
    """The delimiter that splits the first records into the same number of fields.

    The header alone cannot tell: in ``id;image;dog, big`` the comma of a
    category name looks like a delimiter. Each candidate splits up to 50
    records; the winner is the one under which most rows have as many fields
    as the header (more than one), then the one with more fields, then the
    first in ``candidates``. When none gives more than one field: ``,``.
    """
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n") + 1]  # never judge a cut-off last record
    best: tuple[float, int, int] | None = None
    chosen = ","
    for order, delimiter in enumerate(candidates):
        records = _records(sample, delimiter)
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        rows = records[1:]
        agreement = sum(len(r) == width for r in rows) / len(rows) if rows else 1.0
        score = (agreement, width, -order)
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen


def check_header(names: Sequence[str], path: Path, *, cut: bool = False) -> None:
    """Refuse a header that would be misread: too wide, or a name given twice.

    ``cut``: ``names`` is the start of a header too long to read whole."""
    if len(names) > MAX_COLUMNS:
        count = f"more than {len(names):,}" if cut else f"{len(names):,}"
        raise UserError(
            translate(
                "core.errors",
                "{path}: {count} columns; at most {most:,} are read (save a copy with "
                "only the columns you need)",
            ).format(path=path, count=count, most=MAX_COLUMNS)
        )
    seen: dict[str, int] = {}
    for number, name in enumerate(names, start=1):
        if name in seen:
            raise UserError(
                translate(
                    "core.errors",
                    "{path}: column '{name}' appears twice (columns {seen} and {number}); rename "
                    "one, every column needs its own name",
                ).format(path=path, name=name, seen=seen[name], number=number)
            )
        seen[name] = number


def read_text_table(
    path: Path, *, delimiter: str | None = None, what: str = "table"
) -> tuple[pd.DataFrame, str]:
    """Read a CSV/TSV file as text cells, exactly as written (nothing converted).

    Returns the frame (a ``RangeIndex``; data row ``i`` is on line ``i + 2``
    when no cell spans lines) and the delimiter. The header's names are kept
    as written except for surrounding spaces; an empty name becomes
    ``Unnamed: N`` (0-based position), as pandas names it. Raises
    :class:`UserError` for an empty file, another encoding, a NUL byte, a
    header wider than :data:`MAX_COLUMNS`, a name given twice, or a row with
    more fields than the header (reading it would shift every column).
    """
    text = decode_text(path)
    if not text.strip():
        raise UserError(
            translate(
                "core.errors",
                "{path}: the file is empty; it needs a header row and one row per {what}",
            ).format(path=path, what=what)
        )
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise UserError(
            translate(
                "core.errors",
                "{path}, line {line}: a NUL byte (is the file UTF-16? save it as UTF-8 text); "
                "cells cannot hold NUL",
            ).format(path=path, line=line)
        )
    if delimiter is None:
        delimiter = sniff_delimiter(text)
    sample = text[:_SNIFF_CHARS]
    first = _records(sample, delimiter)[:1]
    if first and len(first[0]) > MAX_COLUMNS:
        # Refuse before a parser spends minutes and gigabytes on it.
        check_header(first[0], path, cut=len(text) > _SNIFF_CHARS and "\n" not in sample)
    raw = _read_arrow(text, delimiter, len(first[0])) if first else None
    if raw is None:
        raw = _read_pandas(text, delimiter, path)
    header = [str(name).strip() or f"Unnamed: {i}" for i, name in enumerate(raw.iloc[0])]
    check_header(header, path)
    frame = raw.iloc[1:].reset_index(drop=True)
    frame.columns = header
    return frame, delimiter


def _read_arrow(text: str, delimiter: str, width: int) -> pd.DataFrame | None:
    """The table through Arrow's CSV reader (4-5x faster than pandas' parser), or None
    when the text has anything Arrow reads differently from pandas: rows of another
    width (short rows, extra fields), whitespace-only lines. Cells as text, header
    included (row 0)."""
    if pa is None:
        return None
    try:
        table = pa_csv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            read_options=pa_csv.ReadOptions(autogenerate_column_names=True, block_size=1 << 24),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types={f"f{i}": pa.large_string() for i in range(width)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, ValueError):
        return None
    if table.num_columns != width or not all(
        pa.types.is_large_string(t) for t in table.schema.types
    ):
        return None
    table = table.rename_columns([str(i) for i in range(width)])
    if _STRING_DTYPE is not None:
        frame = table.to_pandas(types_mapper={pa.large_string(): _STRING_DTYPE}.get)
    else:  # pragma: no cover - pandas 2.0 has no NaN-valued Arrow string dtype
        frame = table.to_pandas()
    frame.columns = range(width)
    return frame


def _read_pandas(text: str, delimiter: str, path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skipinitialspace=False,
            index_col=False,
        )
    except pd.errors.EmptyDataError:
        raise UserError(
            translate(
                "core.errors",
                "{path}: the file is empty; it needs a header row",
            ).format(path=path)
        ) from None
    except pd.errors.ParserError as error:
        raise UserError(_parser_message(path, str(error))) from None


def _parser_message(path: Path, message: str) -> str:
    match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if match:
        width, line, seen = (int(g) for g in match.groups())
        return translate(
            "core.errors",
            "{path}, line {line}: {seen} fields, but the header names {width} columns; give "
            "every column a name in the header (an unnamed score column?) or remove the extra "
            "fields, so that no column shifts",
        ).format(path=path, line=line, seen=seen, width=width)
    first = message.strip().splitlines()[0] if message.strip() else "unreadable"
    return translate("core.errors", "{path}: not a well-formed table ({first})").format(
        path=path, first=first
    )

