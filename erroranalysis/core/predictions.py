"""Loading a model's predictions: CSV/TSV or Parquet, one row per example.

The loader maps whatever the user's columns are called onto canonical names
(``key``, ``image``, ``label``, ``prediction``, ``score``, ``split``) and keeps
every other column as metadata. Bad input becomes a :class:`UserError` naming
the file, the row or the column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from erroranalysis.core.cell_text import column_text, is_text
from erroranalysis.core.csvio import STRING_DTYPE, check_header, read_text_table, stripped_text
from erroranalysis.core.errors import UserError
from erroranalysis.core.numbers import to_floats
from erroranalysis.core.paths import is_session_file
from erroranalysis.core.weighted import RuleColumn, WeightRule, apply_weight_rules
from erroranalysis.i18n import translate

SPLITS = ("train", "train_dev", "dev", "test")

#: Column names recognised without a flag, in order of preference (case and
#: spaces/dashes are ignored when matching).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "image": ("image", "path", "filepath", "file_path", "image_path", "img", "file", "filename"),
    "label": ("label", "y_true", "true_label", "target", "ground_truth", "gt", "truth", "true"),
    "prediction": (
        "prediction",
        "pred",
        "y_pred",
        "predicted",
        "predicted_label",
        "prediction_label",
    ),
    "id": ("id", "example_id", "item_id", "uid", "key", "name"),
    "score": ("score", "confidence", "conf", "probability", "prob", "proba"),
    "split": ("split", "subset", "partition", "set"),
    "weight": ("weight", "w", "sample_weight"),
}

_SPLIT_SYNONYMS = {
    "train": "train",
    "training": "train",
    "train_dev": "train_dev",
    "traindev": "train_dev",
    "train-dev": "train_dev",
    "train dev": "train_dev",
    "dev": "dev",
    "val": "dev",
    "valid": "dev",
    "validation": "dev",
    "development": "dev",
    "test": "test",
    "testing": "test",
}

_FLAG_OF_ROLE = {
    "image": "--image-col",
    "label": "--label-col",
    "prediction": "--pred-col",
    "id": "--id-col",
    "score": "--score-col",
    "split": "--split-col",
    "weight": "--weight-col",
}


@dataclass(frozen=True)
class ColumnNames:
    """The user's names for the canonical columns; ``None`` means auto-detect."""

    image: str | None = None
    label: str | None = None
    prediction: str | None = None
    id: str | None = None
    score: str | None = None
    split: str | None = None
    weight: str | None = None


@dataclass
class Predictions:
    """A loaded predictions file.

    ``frame`` has the canonical columns ``key`` (the id, or the image path as
    written when there is no id column), ``image`` (as written in the file),
    ``label``, ``prediction`` (strings), ``score`` (float, NaN when absent),
    ``split`` (one of :data:`SPLITS`), ``weight`` (float > 0, 1.0 for every
    row when ``weighted`` is false; METHOD.md §6), ``row`` (the 1-based line
    number in a CSV, the 1-based row in Parquet) and the metadata columns
    listed in ``metadata_columns``.
    """

    path: Path
    frame: pd.DataFrame
    metadata_columns: list[str]
    source_columns: list[str]
    mapping: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    """What the loader decided that the user should hear once (numeric labels, ...)."""
    #: True when weights came from a weight column or ``--weight`` rules.
    weighted: bool = False

    @property
    def base_dir(self) -> Path:
        """Relative image paths are relative to the file's folder."""
        return self.path.parent

    def split_frame(self, split: str) -> pd.DataFrame:
        return self.frame[self.frame["split"] == split]

    @property
    def dev(self) -> pd.DataFrame:
        return self.split_frame("dev")

    @property
    def dev_size(self) -> int:
        return int((self.frame["split"] == "dev").sum())

    @property
    def dev_errors(self) -> int:
        dev = self.dev
        return int((dev["label"] != dev["prediction"]).sum())

    def error_rate(self, split: str) -> float | None:
        """The share of the split's rows with label != prediction; None when empty."""
        rows = self.split_frame(split)
        if len(rows) == 0:
            return None
        return float((rows["label"] != rows["prediction"]).mean())

    def errors(self, split: str = "dev") -> pd.DataFrame:
        rows = self.split_frame(split)
        return rows[rows["label"] != rows["prediction"]]

    def correct(self, split: str = "dev") -> pd.DataFrame:
        rows = self.split_frame(split)
        return rows[rows["label"] == rows["prediction"]]


def _normalise(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def read_table(path: Path, *, objects: bool = True) -> tuple[pd.DataFrame, bool]:
    """Read a CSV/TSV/Parquet file as strings, exactly as written.

    Returns the frame and whether it came from a text file (where row numbers
    are line numbers). Raises :class:`UserError` for a missing file, another
    encoding, or something that is not a table. ``objects=False`` leaves the
    cells in pandas' string dtype (Arrow), not Python ``str`` objects.
    """
    path = Path(path)
    if not path.exists():
        raise UserError(
            translate(
                "core.errors",
                "{path}: no such file",
            ).format(path=path)
        )
    if path.is_dir():
        raise UserError(
            translate(
                "core.errors",
                "{path}: is a folder; give a predictions file (.csv, .tsv, .parquet)",
            ).format(path=path)
        )
    if is_session_file(path):
        raise UserError(
            translate(
                "core.errors",
                "{path}: a review session, not a predictions file; give the predictions file "
                "(.csv, .tsv, .parquet) it was made from",
            ).format(path=path)
        )
    if path.suffix.lower() in (".parquet", ".pq"):
        return _read_parquet(path, objects), False
    return _read_text_table(path, objects), True


def _read_parquet(path: Path, objects: bool = True) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(path)
    except ImportError as error:  # pragma: no cover - pyarrow is a dependency
        # pandas reads Parquet with pyarrow (a pip install) or fastparquet (the executable).
        raise UserError(
            translate(
                "core.errors",
                "{path}: reading Parquet needs pyarrow or fastparquet ({error}); pip install "
                "pyarrow, or save the predictions as CSV",
            ).format(path=path, error=error)
        ) from None
    except Exception as error:
        raise UserError(
            translate(
                "core.errors",
                "{path}: not a readable Parquet file ({name})",
            ).format(path=path, name=type(error).__name__)
        ) from None
    names = [str(column) for column in frame.columns]
    check_header(names, path)
    # Whole columns through numpy and Arrow (cell_text's rule, per cell only for
    # types it does not know); one frame from a dict of columns (adding them one by
    # one is quadratic).
    arrow = not objects and STRING_DTYPE is not None
    texts = {}
    for i, name in enumerate(names):
        column = frame.iloc[:, i]
        if arrow and is_text(column):  # text stays in Arrow: no Python str per cell
            texts[name] = column.fillna("").astype(STRING_DTYPE).array
        else:
            texts[name] = column_text(column)
            if arrow:
                texts[name] = pd.array(texts[name], dtype=STRING_DTYPE)
    out = pd.DataFrame(texts, index=pd.RangeIndex(len(frame)), dtype=None if arrow else object)
    for name in names:
        nul = out[name].str.contains("\x00", regex=False).to_numpy(dtype=bool)
        if nul.any():
            raise UserError(
                translate(
                    "core.errors",
                    "{path}, row {row}: a NUL character in column '{name}'; cells cannot hold "
                    "NUL",
                ).format(path=path, row=int(np.argmax(nul)) + 1, name=name)
            )
    return out


def _read_text_table(path: Path, objects: bool = True) -> pd.DataFrame:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else None
    frame, _delimiter = read_text_table(
        path, delimiter=delimiter, what=translate("core.errors", "example")
    )
    return frame.astype(object) if objects else frame


def resolve_columns(
    columns: list[str], names: ColumnNames, path: Path, required: tuple[str, ...]
) -> dict[str, str]:
    """Map each canonical role to one of ``columns`` (user flag first, then aliases)."""
    by_normal: dict[str, str] = {}
    for column in columns:
        by_normal.setdefault(_normalise(column), column)
    mapping: dict[str, str] = {}
    for role, aliases in COLUMN_ALIASES.items():
        wanted = getattr(names, role)
        if wanted:
            match = wanted if wanted in columns else by_normal.get(_normalise(wanted))
            if match is None:
                raise UserError(
                    translate(
                        "core.errors",
                        "{path}: no column '{wanted}' (given by {flag}); the columns "
                        "are: {columns}",
                    ).format(
                        path=path,
                        wanted=wanted,
                        flag=_FLAG_OF_ROLE[role],
                        columns=', '.join(columns),
                    )
                )
            mapping[role] = match
            continue
        for alias in aliases:
            if alias in by_normal and by_normal[alias] not in mapping.values():
                mapping[role] = by_normal[alias]
                break
    for role in required:
        if role not in mapping:
            raise UserError(
                translate(
                    "core.errors",
                    "{path}: no {role} column (looked for {aliases}); the columns are: "
                    "{columns}; name it with {flag}",
                ).format(
                    path=path,
                    role=role,
                    aliases=', '.join(COLUMN_ALIASES[role][:4]),
                    columns=', '.join(columns),
                    flag=_FLAG_OF_ROLE[role],
                )
            )
    return mapping


def load_predictions(
    path: str | Path,
    columns: ColumnNames | None = None,
    weight_rules: Sequence[WeightRule] = (),
) -> Predictions:
    """Load a predictions file (CSV, TSV or Parquet) into canonical columns.

    Rows without a split column are all dev. Labels and predictions are
    compared as the text written in the file (trimmed), except when every
    label and prediction is a number: then ``1`` and ``1.0`` are one class (a
    float column written by pandas), and a note says so. Weights come from the
    weight column (every value a number > 0), then ``weight_rules`` override
    them for the rows they match (see
    :func:`erroranalysis.core.weighted.apply_weight_rules`).
    """
    path = Path(path)
    # Cells stay Arrow strings (vectorised strip, compare, hash) until the metadata.
    raw, is_text = read_table(path, objects=False)
    source_columns = list(raw.columns)
    if len(raw) == 0:
        raise UserError(
            translate(
                "core.errors",
                "{path}: the file has a header but no rows",
            ).format(path=path)
        )
    mapping = resolve_columns(
        source_columns, columns or ColumnNames(), path, ("image", "label", "prediction")
    )
    row_numbers = np.arange(len(raw)) + (2 if is_text else 1)
    what = translate("core.errors", "line") if is_text else translate("core.errors", "row")

    def text_column(role: str) -> pd.Series:
        return stripped_text(raw[mapping[role]])

    frame = pd.DataFrame(index=raw.index)
    image = text_column("image")
    label = text_column("label")
    prediction = text_column("prediction")
    for role, values in (("image", image), ("label", label), ("prediction", prediction)):
        empty = values == ""
        if empty.any():
            first = int(row_numbers[int(np.argmax(empty.to_numpy()))])
            raise UserError(
                translate(
                    "core.errors",
                    "{path}, {what} {first}: empty {role} in column '{column}' ({count} rows in "
                    "all); every row needs one",
                ).format(
                    path=path,
                    what=what,
                    first=first,
                    role=role,
                    column=mapping[role],
                    count=int(empty.sum()),
                )
            )
    if "id" in mapping:
        key = text_column("id")
        empty = key == ""
        if empty.any():
            first = int(row_numbers[int(np.argmax(empty.to_numpy()))])
            raise UserError(
                translate(
                    "core.errors",
                    "{path}, {what} {first}: empty id in column '{column}'",
                ).format(path=path, what=what, first=first, column=mapping['id'])
            )
    else:
        key = image
    duplicated = (
        key.duplicated() if not key.is_unique  # one hash pass; nunique copies the uniques
        else pd.Series(False, index=key.index)
    )
    if duplicated.any():
        first = int(row_numbers[int(np.argmax(duplicated.to_numpy()))])
        source = mapping.get("id", mapping["image"])
        raise UserError(
            (
                translate(
                    "core.errors",
                    "{path}, {what} {first}: '{key}' appears twice in column '{source}'; ids "
                    "must be unique",
                )
                if "id" in mapping
                else translate(
                    "core.errors",
                    "{path}, {what} {first}: '{key}' appears twice in column '{source}'; ids "
                    "must be unique (add an id column or name one with --id-col)",
                )
            ).format(path=path, what=what, first=first, key=key[duplicated].iloc[0], source=source)
        )
    notes: list[str] = []
    label, prediction, merged = _numeric_classes(label, prediction)
    if merged:
        notes.append(
            translate(
                "core.notes",
                "{path}: every label and prediction is a number, so they are compared as "
                "numbers (1 and 1.0 are one class); {merged:,} rows that differ as text match "
                "as numbers",
            ).format(path=path, merged=merged)
        )
    frame["key"] = key
    frame["image"] = image
    frame["label"] = label
    frame["prediction"] = prediction
    if "score" in mapping:
        score_text = text_column("score")
        score = parse_numbers(score_text.where(score_text != "", None))
        bad = score.isna() & (score_text != "")
        if bad.any():
            first = int(row_numbers[int(np.argmax(bad.to_numpy()))])
            raise UserError(
                translate(
                    "core.errors",
                    "{path}, {what} {first}: score '{value}' in column '{column}' is not a number",
                ).format(
                    path=path,
                    what=what,
                    first=first,
                    value=score_text[bad].iloc[0],
                    column=mapping['score'],
                )
            )
        frame["score"] = score.astype(float)
    else:
        frame["score"] = np.nan
    if "split" in mapping:
        split_text = text_column("split").str.lower()
        split = split_text.map(_SPLIT_SYNONYMS)
        bad = split.isna()
        if bad.any():
            first = int(row_numbers[int(np.argmax(bad.to_numpy()))])
            raise UserError(
                translate(
                    "core.errors",
                    "{path}, {what} {first}: unknown split '{value}' in column '{column}'; use "
                    "train, train_dev, dev or test",
                ).format(
                    path=path,
                    what=what,
                    first=first,
                    value=raw[mapping['split']][bad].iloc[0],
                    column=mapping['split'],
                )
            )
        frame["split"] = split.astype(object)
    else:
        frame["split"] = "dev"
    frame["weight"] = _weight_column(raw, mapping, path, what, row_numbers)
    frame["row"] = row_numbers
    used = set(mapping.values())
    metadata_columns = [c for c in source_columns if c not in used]
    renamed = [f"meta:{c}" if c in _CANONICAL else c for c in metadata_columns]
    if metadata_columns:
        # All at once: inserting thousands of columns one by one is quadratic.
        metadata = raw[metadata_columns].astype(object)
        metadata.columns = renamed
        frame = pd.concat([frame, metadata], axis=1)
    metadata_columns = renamed
    frame = frame.reset_index(drop=True)
    if "split" in mapping and not (frame["split"] == "dev").any():
        raise UserError(
            translate(
                "core.errors",
                "{path}: no dev rows in column '{column}' (values must include dev, val or "
                "validation)",
            ).format(path=path, column=mapping['split'])
        )
    if weight_rules:
        frame["weight"] = apply_weight_rules(
            frame["weight"].to_numpy(), weight_rules, _rule_columns(frame, mapping), str(path)
        )
    weighted = "weight" in mapping or bool(weight_rules)
    return Predictions(path, frame, metadata_columns, source_columns, mapping,
                       notes=notes, weighted=weighted)


def _to_numbers(values: pd.Series) -> pd.Series:
    """``pd.to_numeric(values, errors="coerce")`` as floats, parsed once per distinct text
    when texts repeat (scores rounded to a few digits: 10,000 texts over a million rows)."""
    head = values.iloc[:10_000]
    if len(values) < 20_000 or head.nunique() > len(head) // 2:
        return to_floats(values)
    codes, distinct = pd.factorize(values)  # missing -> -1
    numbers = to_floats(pd.Series(distinct, dtype=object)).to_numpy()
    return pd.Series(np.where(codes >= 0, numbers[codes], np.nan), index=values.index)


def _numeric_classes(label: pd.Series, prediction: pd.Series) -> tuple[pd.Series, pd.Series, int]:
    """When every label and prediction is a number, write each the same way (``1.0`` ->
    ``1``) so equal numbers are one class; returns them and how many rows that changes."""
    # A handful of classes over a million rows: look at each distinct text once.
    for values in (label, prediction):
        if to_floats(values.drop_duplicates()).isna().any():
            return label, prediction, 0
    numbers = [pd.to_numeric(values, errors="coerce") for values in (label, prediction)]
    # Integers compare exactly as such; other numbers as pandas 3 reads them.
    numbers = [n if n.dtype.kind in "iu" else to_floats(values)
               for n, values in zip(numbers, (label, prediction), strict=True)]
    if any(n.isna().any() for n in numbers):
        return label, prediction, 0
    same_text = (label.to_numpy() == prediction.to_numpy())
    same_number = numbers[0].to_numpy() == numbers[1].to_numpy()
    merged = int((same_number & ~same_text).sum())
    if not merged:
        return label, prediction, 0
    canonical = [_number_text(n) for n in numbers]
    return canonical[0], canonical[1], merged


def _number_text(numbers: pd.Series) -> pd.Series:
    """Numbers as text, integers without a decimal point (vectorised)."""
    values = numbers.to_numpy(dtype=float)
    integral = np.isfinite(values) & (values == np.round(values)) & (np.abs(values) < 2**53)
    as_int = np.where(integral, values, 0).astype(np.int64).astype(str)
    as_float = values.astype(str)
    return pd.Series(np.where(integral, as_int, as_float), index=numbers.index, dtype=object)


_CANONICAL = {"key", "image", "label", "prediction", "score", "split", "weight", "row"}


#: A number written with a decimal comma, as Excel writes it in most of Europe ("0,8122").
_DECIMAL_COMMA = r"^\s*[+-]?\d*,\d+(?:[eE][+-]?\d+)?\s*$"


def parse_numbers(text: pd.Series) -> pd.Series:
    """Numbers from a column of text (NaN where a cell is not one), vectorised.

    A column whose numbers are all written with a decimal comma (``0,8122``: a
    semicolon-separated CSV from Excel in a European locale) is read as such.
    Only when no cell holds a decimal point and every cell the plain reading
    refuses has the decimal-comma form: ``1,5`` next to ``2.5`` stays an error,
    never a silent guess.
    """
    numbers = _to_numbers(text)
    refused = numbers.isna() & text.notna()
    if not refused.any():
        return numbers
    as_text = text.astype("string")
    comma = as_text.str.match(_DECIMAL_COMMA).fillna(False).astype(bool)
    if not comma[refused].all() or as_text.str.contains(".", regex=False).fillna(False).any():
        return numbers
    return _to_numbers(as_text.str.replace(",", ".", regex=False))


def _weight_column(
    raw: pd.DataFrame, mapping: dict[str, str], path: Path, what: str, row_numbers: np.ndarray
) -> np.ndarray:
    """The weight column as floats, or 1.0 everywhere; a bad weight names its row."""
    if "weight" not in mapping:
        return np.ones(len(raw))
    column = mapping["weight"]
    text = raw[column].astype(str).str.strip()
    values = parse_numbers(text).to_numpy(dtype=float)
    bad = ~(np.isfinite(values) & (values > 0))
    if bad.any():
        first = int(np.argmax(bad))
        raise UserError(
            translate(
                "core.errors",
                "{path}, {what} {first}: weight '{value}' in column '{column}' is not a "
                "number above 0 ({count} such rows); every row needs a positive weight (1 = an "
                "ordinary example)",
            ).format(
                path=path,
                what=what,
                first=int(row_numbers[first]),
                value=text.iloc[first],
                column=column,
                count=int(bad.sum()),
            )
        )
    return values


def _rule_columns(frame: pd.DataFrame, mapping: dict[str, str]) -> dict[str, RuleColumn]:
    """The columns a ``--weight`` rule may name: canonical or as written in the file."""
    columns: dict[str, RuleColumn] = {}
    for role in ("label", "prediction", "split"):
        values = frame[role].to_numpy(dtype=object)
        # A rule on the split may say "val" for dev, like the split column itself.
        canonical = (lambda v: _SPLIT_SYNONYMS.get(v.lower(), v)) if role == "split" else None
        columns[role] = RuleColumn(values, canonical)
        if role in mapping:
            columns.setdefault(mapping[role], columns[role])
    for column in frame.columns:
        if column in _CANONICAL:
            continue
        values = frame[column].astype(str).str.strip().to_numpy(dtype=object)
        columns.setdefault(column, RuleColumn(values))
        if column.startswith("meta:"):
            columns.setdefault(column[len("meta:") :], RuleColumn(values))
    return columns
