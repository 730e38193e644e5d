"""The review session: one SQLite file that is the single truth of a review.

Every change is one committed transaction in WAL mode, so whatever the
session acknowledged survives the program being killed. The GUI never keeps
a second copy: it reads from here and listens to :meth:`ReviewSession.subscribe`.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from erroranalysis.core.categories import (
    LABEL_ERROR,
    Category,
    assign_colors,
    assign_shortcuts,
    clean_kind,
    clean_name,
)
from erroranalysis.core.errors import UserError
from erroranalysis.core.intervals import INTERVAL_METHODS
from erroranalysis.core.ranking import Ranking, leader_index, rank_from_pairs
from erroranalysis.core.tally import Tally, compute_tally, tally_population

SCHEMA_VERSION = 1
SESSION_SUFFIX = ".easession"

ERROR = "error"
CORRECT = "correct"

_SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    shortcut TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    color TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'normal' CHECK (kind IN ('normal', 'label_error')),
    description TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX categories_name ON categories (name COLLATE NOCASE);
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    key TEXT NOT NULL,
    image TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    prediction TEXT NOT NULL DEFAULT '',
    score REAL,
    split TEXT NOT NULL DEFAULT 'dev',
    origin TEXT NOT NULL DEFAULT 'error' CHECK (origin IN ('error', 'correct')),
    metadata TEXT NOT NULL DEFAULT '{}',
    comment TEXT NOT NULL DEFAULT '',
    reviewed INTEGER NOT NULL DEFAULT 0,
    reviewer TEXT NOT NULL DEFAULT '',
    reviewed_at REAL
);
CREATE UNIQUE INDEX items_key ON items (key);
CREATE INDEX items_position ON items (position);
CREATE TABLE ticks (
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, category_id)
) WITHOUT ROWID;
CREATE INDEX ticks_category ON ticks (category_id);
CREATE TABLE predictions (
    row INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    image TEXT NOT NULL,
    label TEXT NOT NULL,
    prediction TEXT NOT NULL,
    split TEXT NOT NULL,
    score REAL
);
"""

#: Migrations from version N to N+1, applied in order on open. Version 1 is
#: the first schema; later versions append a script here.
MIGRATIONS: dict[int, str] = {}


@dataclass(frozen=True)
class Item:
    """One reviewable example (a dev error, or a correct example reviewed for label noise)."""

    id: int
    position: int
    key: str
    image: str
    label: str
    prediction: str
    score: float | None
    split: str
    origin: str
    metadata: dict[str, str]
    comment: str
    reviewed: bool
    reviewer: str


@dataclass(frozen=True)
class SessionEvent:
    """Something in the session changed. ``kind`` is one of:

    ``ticks`` (item_ids, category_id), ``comment`` (item_ids), ``reviewed``
    (item_ids), ``categories`` (the category list changed), ``items`` (items
    were added or bulk-replaced), ``meta`` (key), ``position``.
    """

    kind: str
    item_ids: tuple[int, ...] = ()
    category_id: int | None = None
    key: str | None = None


@dataclass(frozen=True)
class RemovedCategory:
    """What :meth:`ReviewSession.remove_category` took away, to put it back on undo."""

    category: Category
    position: int
    item_ids: tuple[int, ...] = field(default_factory=tuple)


def default_session_path(source: Path) -> Path:
    """Beside the source: ``preds.csv`` gives ``preds.easession``, a folder ``photos/``
    gives ``photos.easession``."""
    source = Path(source).resolve()
    if source.is_dir():
        return source.parent / f"{source.name}{SESSION_SUFFIX}"
    return source.with_suffix(SESSION_SUFFIX)


class ReviewSession:
    """A review stored in an SQLite file.

    Create one with :meth:`create`, reopen it with :meth:`open`. All reads go
    to the database; all writes are single transactions followed by a
    :class:`SessionEvent` to subscribers.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection
        self._listeners: list[Callable[[SessionEvent], None]] = []
        self._categories_cache: list[Category] | None = None

    # ------------------------------------------------------------------ files
    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        connection = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA busy_timeout = 5000")
        return connection

    @classmethod
    def create(
        cls,
        path: str | Path,
        items: pd.DataFrame,
        categories: Sequence[Category],
        *,
        dev_size: int | None,
        dev_errors: int,
        source: str | Path | None = None,
        source_kind: str = "predictions",
        base_dir: str | Path | None = None,
        predictions: pd.DataFrame | None = None,
        metadata_columns: Sequence[str] = (),
        extra_meta: dict[str, Any] | None = None,
        overwrite: bool = False,
    ) -> ReviewSession:
        """Write a new session file.

        ``items`` has the canonical columns of :class:`Predictions.frame`
        (``key, image, label, prediction, score, split``) and the metadata
        columns named in ``metadata_columns``; an ``origin`` column is
        optional (default ``error``). ``predictions`` (all rows of the
        predictions file, canonical columns) is kept for the diagnosis and
        metrics.
        """
        path = Path(path)
        if path.exists():
            if not overwrite:
                raise UserError(f"{path}: a session already exists there; open it or pass --force")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".creating")
        temporary.unlink(missing_ok=True)
        # Build the whole file under a temporary name, then rename: a session
        # file either exists complete or not at all.
        connection = cls._connect(temporary)
        try:
            connection.executescript(_SCHEMA_V1)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute("BEGIN")
            meta = {
                "created_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                "source": str(source) if source is not None else "",
                "source_kind": source_kind,
                "base_dir": str(Path(base_dir).resolve()) if base_dir is not None else "",
                "dev_size": "" if dev_size is None else str(int(dev_size)),
                "dev_errors": str(int(dev_errors)),
                "metadata_columns": json.dumps(list(metadata_columns)),
                "reviewer": "",
                "position": "0",
            }
            for key, value in (extra_meta or {}).items():
                meta[key] = value if isinstance(value, str) else json.dumps(value)
            connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            prepared = assign_colors(assign_shortcuts(list(categories)))
            connection.executemany(
                "INSERT INTO categories (name, shortcut, position, color, kind, description) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (clean_name(c.name), c.shortcut, i, c.color, clean_kind(c.kind), c.description)
                    for i, c in enumerate(prepared)
                ],
            )
            connection.executemany(
                "INSERT INTO items (position, key, image, label, prediction, score, split, origin,"
                " metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _item_rows(items, metadata_columns, start=0),
            )
            if predictions is not None:
                connection.executemany(
                    "INSERT INTO predictions (key, image, label, prediction, split, score)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    zip(
                        predictions["key"].astype(str),
                        predictions["image"].astype(str),
                        predictions["label"].astype(str),
                        predictions["prediction"].astype(str),
                        predictions["split"].astype(str),
                        _floats_or_none(predictions["score"]),
                        strict=True,
                    ),
                )
            connection.execute("COMMIT")
            connection.execute("PRAGMA journal_mode = WAL")
        except sqlite3.IntegrityError as error:
            connection.close()
            temporary.unlink(missing_ok=True)
            raise UserError(f"{path}: could not create the session ({error})") from None
        except BaseException:
            connection.close()
            temporary.unlink(missing_ok=True)
            raise
        connection.close()
        temporary.replace(path)
        return cls.open(path)

    @classmethod
    def open(cls, path: str | Path) -> ReviewSession:
        """Open an existing session file, migrating an older schema."""
        path = Path(path)
        if not path.is_file():
            raise UserError(f"{path}: no such session file")
        try:
            with open(path, "rb") as handle:
                header = handle.read(16)
        except OSError as error:
            raise UserError(f"{path}: cannot read the session file ({error.strerror})") from None
        if header != b"SQLite format 3\x00":
            raise UserError(f"{path}: not an erroranalysis session (not an SQLite file)")
        connection = cls._connect(path)
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
            if "items" not in tables or "meta" not in tables:
                raise UserError(f"{path}: an SQLite file, but not an erroranalysis session")
            if version > SCHEMA_VERSION:
                raise UserError(
                    f"{path}: made by a newer erroranalysis (schema {version}); update the app"
                )
            while version < SCHEMA_VERSION:
                connection.execute("BEGIN")
                connection.executescript(MIGRATIONS[version])
                version += 1
                connection.execute(f"PRAGMA user_version = {version}")
                connection.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            connection.close()
            raise UserError(f"{path}: the session file is damaged ({error})") from None
        except BaseException:
            connection.close()
            raise
        return cls(path, connection)

    def close(self) -> None:
        """Close the file (checkpointing the WAL so the session is one file again)."""
        with suppress(sqlite3.Error):
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.close()

    def __enter__(self) -> ReviewSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self):  # type: ignore[no-untyped-def]
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # ----------------------------------------------------------------- events
    def subscribe(self, listener: Callable[[SessionEvent], None]) -> Callable[[], None]:
        """Call ``listener`` after every committed change; returns an unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _emit(self, event: SessionEvent) -> None:
        if event.kind == "categories":
            self._categories_cache = None
        for listener in list(self._listeners):
            listener(event)

    # ------------------------------------------------------------------- meta
    def meta(self, key: str, default: str = "") -> str:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        """Store a setting in the session (the view, the human-level error, ...)."""
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        self._emit(SessionEvent("meta", key=key))

    @property
    def dev_size(self) -> int | None:
        value = self.meta("dev_size")
        return int(value) if value else None

    @property
    def dev_errors(self) -> int:
        return int(self.meta("dev_errors", "0"))

    @property
    def dev_error(self) -> float | None:
        size = self.dev_size
        return self.dev_errors / size if size else None

    def set_dev_size(self, dev_size: int | None) -> None:
        if dev_size is not None and dev_size < self.dev_errors:
            raise UserError(f"dev size {dev_size} is smaller than the {self.dev_errors} dev errors")
        self.set_meta("dev_size", "" if dev_size is None else str(int(dev_size)))

    @property
    def source(self) -> str:
        return self.meta("source")

    @property
    def base_dir(self) -> Path:
        value = self.meta("base_dir")
        return Path(value) if value else self.path.parent

    @property
    def metadata_columns(self) -> list[str]:
        return json.loads(self.meta("metadata_columns", "[]"))

    @property
    def reviewer(self) -> str:
        return self.meta("reviewer")

    def set_reviewer(self, name: str) -> None:
        self.set_meta("reviewer", " ".join(name.split()))

    @property
    def position(self) -> int:
        """The item position where the reviewer stopped (0-based)."""
        # Read on every key press: the largest position comes from the index,
        # where COUNT(*) would scan every item.
        last = self._db.execute("SELECT MAX(position) FROM items").fetchone()[0]
        value = int(self.meta("position", "0") or 0)
        return max(0, min(value, last)) if last is not None else 0

    def set_position(self, position: int) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('position', ?)", (str(int(position)),))
        self._emit(SessionEvent("position"))

    def resolve_image(self, image: str) -> Path:
        """Where an item's image is on this machine (relative paths: to the source's folder)."""
        candidate = Path(image)
        if candidate.is_absolute():
            return candidate
        first = self.base_dir / candidate
        if first.exists():
            return first
        beside = self.path.parent / candidate
        return beside if beside.exists() else first

    # ------------------------------------------------------------- categories
    def categories(self) -> list[Category]:
        """The categories in display order."""
        if self._categories_cache is None:
            rows = self._db.execute(
                "SELECT id, name, shortcut, color, kind, description FROM categories"
                " ORDER BY position, id"
            ).fetchall()
            self._categories_cache = [
                Category(name, shortcut, color, kind, description, id=cid)
                for cid, name, shortcut, color, kind, description in rows
            ]
        return list(self._categories_cache)

    def category(self, category_id: int) -> Category:
        for category in self.categories():
            if category.id == category_id:
                return category
        raise KeyError(category_id)

    def category_by_name(self, name: str) -> Category | None:
        wanted = name.strip().casefold()
        return next((c for c in self.categories() if c.name.casefold() == wanted), None)

    def check_name(self, name: str, except_id: int = 0) -> str:
        """A valid category name not used by another category (trimmed), else :class:`UserError`."""
        name = clean_name(name)
        other = self.category_by_name(name)
        if other is not None and other.id != except_id:
            raise UserError(f"a category named '{other.name}' already exists")
        return name

    def check_shortcut(self, shortcut: str, except_id: int = 0) -> str:
        """A key a category may take: one key or F1-F12, not another category's; else UserError."""
        shortcut = shortcut.strip()
        if not shortcut:
            return ""
        function_key = shortcut.upper().startswith("F") and shortcut[1:].isdigit()
        if len(shortcut) > 1 and not function_key:
            raise UserError(f"shortcut '{shortcut}' must be a single key (or F1-F12)")
        for other in self.categories():
            if other.shortcut.lower() == shortcut.lower() and other.id != except_id:
                raise UserError(f"key '{shortcut}' already ticks '{other.name}'")
        return shortcut

    def add_category(
        self,
        name: str,
        *,
        shortcut: str | None = None,
        color: str = "",
        kind: str = "normal",
        description: str = "",
        position: int | None = None,
    ) -> Category:
        """Add a category (mid-review too). A free key 1-9/0 is assigned unless given."""
        name = self.check_name(name)
        kind = clean_kind(kind)
        existing = self.categories()
        if shortcut is None:
            shortcut = assign_shortcuts([*existing, Category(name)])[-1].shortcut
        shortcut = self.check_shortcut(shortcut)
        if not color:
            color = assign_colors([Category(name)], {c.color for c in existing})[0].color
        position = len(existing) if position is None else max(0, min(position, len(existing)))
        with self._transaction() as db:
            db.execute(
                "UPDATE categories SET position = position + 1 WHERE position >= ?", (position,)
            )
            cursor = db.execute(
                "INSERT INTO categories (name, shortcut, position, color, kind, description)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (name, shortcut, position, color, kind, description),
            )
            new_id = int(cursor.lastrowid or 0)
            self._renumber(db)
        self._emit(SessionEvent("categories", category_id=new_id))
        return self.category(new_id)

    def update_category(self, category_id: int, **changes: str) -> Category:
        """Rename, recolour, re-key, change kind or description of a category."""
        current = self.category(category_id)
        allowed = {"name", "shortcut", "color", "kind", "description"}
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"cannot change {', '.join(sorted(unknown))}")
        if "name" in changes:
            changes["name"] = self.check_name(changes["name"], category_id)
        if "kind" in changes:
            changes["kind"] = clean_kind(changes["kind"])
        if "shortcut" in changes:
            changes["shortcut"] = self.check_shortcut(changes["shortcut"], category_id)
        if not changes:
            return current
        columns = ", ".join(f"{column} = ?" for column in changes)
        with self._transaction() as db:
            db.execute(
                f"UPDATE categories SET {columns} WHERE id = ?", (*changes.values(), category_id)
            )
        self._emit(SessionEvent("categories", category_id=category_id))
        return self.category(category_id)

    def move_category(self, category_id: int, new_index: int) -> None:
        """Put a category at ``new_index`` in the display order."""
        order = [c.id for c in self.categories()]
        order.remove(category_id)
        new_index = max(0, min(new_index, len(order)))
        order.insert(new_index, category_id)
        self.set_category_order(order)

    def set_category_order(self, order: Sequence[int]) -> None:
        if sorted(order) != sorted(c.id for c in self.categories()):
            raise ValueError("the order must name every category once")
        with self._transaction() as db:
            db.executemany(
                "UPDATE categories SET position = ? WHERE id = ?",
                [(i, cid) for i, cid in enumerate(order)],
            )
        self._emit(SessionEvent("categories"))

    def remove_category(self, category_id: int) -> RemovedCategory:
        """Delete a category and its ticks; the return value restores both."""
        category = self.category(category_id)
        position = [c.id for c in self.categories()].index(category_id)
        item_ids = tuple(
            r[0]
            for r in self._db.execute(
                "SELECT item_id FROM ticks WHERE category_id = ? ORDER BY item_id", (category_id,)
            )
        )
        with self._transaction() as db:
            db.execute("DELETE FROM categories WHERE id = ?", (category_id,))
            self._renumber(db)
        self._emit(SessionEvent("categories", category_id=category_id))
        return RemovedCategory(category, position, item_ids)

    def restore_category(self, removed: RemovedCategory) -> Category:
        """Undo :meth:`remove_category`: the same id, place and ticks."""
        c = removed.category
        with self._transaction() as db:
            db.execute(
                "UPDATE categories SET position = position + 1 WHERE position >= ?",
                (removed.position,),
            )
            db.execute(
                "INSERT INTO categories (id, name, shortcut, position, color, kind, description)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (c.id, c.name, c.shortcut, removed.position, c.color, c.kind, c.description),
            )
            db.executemany("INSERT INTO ticks VALUES (?, ?)", [(i, c.id) for i in removed.item_ids])
            self._renumber(db)
        self._emit(SessionEvent("categories", category_id=c.id))
        return self.category(c.id)

    @staticmethod
    def _renumber(db: sqlite3.Connection) -> None:
        ids = [r[0] for r in db.execute("SELECT id FROM categories ORDER BY position, id")]
        db.executemany(
            "UPDATE categories SET position = ? WHERE id = ?",
            [(i, cid) for i, cid in enumerate(ids)],
        )

    # ------------------------------------------------------------------ items
    def item_count(self, origin: str | None = None) -> int:
        if origin is None:
            return int(self._db.execute("SELECT COUNT(*) FROM items").fetchone()[0])
        return int(
            self._db.execute("SELECT COUNT(*) FROM items WHERE origin = ?", (origin,)).fetchone()[0]
        )

    def item_ids(self) -> list[int]:
        """Item ids in review order."""
        return [r[0] for r in self._db.execute("SELECT id FROM items ORDER BY position, id")]

    _ITEM_COLUMNS = (
        "id, position, key, image, label, prediction, score, split, origin, metadata, comment,"
        " reviewed, reviewer"
    )

    def item(self, item_id: int) -> Item:
        row = self._db.execute(
            f"SELECT {self._ITEM_COLUMNS} FROM items WHERE id = ?", (item_id,)
        ).fetchone()
        if row is None:
            raise KeyError(item_id)
        return _item_from_row(row)

    def item_at(self, position: int) -> Item:
        """The item at a 0-based position in review order."""
        row = self._db.execute(
            f"SELECT {self._ITEM_COLUMNS} FROM items WHERE position = ?",
            (position,),
        ).fetchone()
        if row is None:
            raise IndexError(position)
        return _item_from_row(row)

    def items_frame(self) -> pd.DataFrame:
        """All items in review order as a DataFrame (one query; for tables and export)."""
        frame = pd.read_sql_query(
            f"SELECT {self._ITEM_COLUMNS} FROM items ORDER BY position, id", self._db
        )
        frame["reviewed"] = frame["reviewed"].astype(bool)
        return frame

    def item_columns(self, names: Sequence[str]) -> dict[str, np.ndarray]:
        """Just the named columns of every item, in review order (one query).

        For whole-column work (sorting, filtering) that must not pay for
        :meth:`items_frame` reading and framing every column. Allowed names:
        ``id, key, image, label, prediction, score, split, origin, metadata``
        (its JSON text), ``comment, reviewed, reviewer``; anything else raises
        ``ValueError`` (names go into the SQL). Arrays: ``id`` int64,
        ``score`` float64 (NaN when missing), ``reviewed`` bool, the rest
        object arrays of ``str``.
        """
        wanted = list(dict.fromkeys(names))
        unknown = [name for name in wanted if name not in _COLUMN_TYPES]
        if unknown:
            raise ValueError(f"Not an item column: {', '.join(map(repr, unknown))}")
        if not wanted:
            return {}
        rows = self._db.execute(
            f"SELECT {', '.join(wanted)} FROM items ORDER BY position, id"
        ).fetchall()
        # One comprehension per column: cheaper than zip(*rows) over 100,000 tuples.
        return {
            name: np.array([row[i] for row in rows], dtype=_COLUMN_TYPES[name])
            for i, name in enumerate(wanted)
        }

    def reviewed_ids(self) -> set[int]:
        """The ids of the reviewed items (a scan, cheaper than reading a column in order)."""
        return {r[0] for r in self._db.execute("SELECT id FROM items WHERE reviewed = 1")}

    def comments(self) -> dict[int, str]:
        """The non-empty comments by item id (most items have none)."""
        return dict(self._db.execute("SELECT id, comment FROM items WHERE comment != ''"))

    def ticks_frame(self) -> pd.DataFrame:
        """A boolean items x categories DataFrame.

        Index: item ids in review order; columns: category ids in display order.
        """
        ids = np.array(self.item_ids(), dtype=np.int64)
        categories = self.categories()
        matrix = np.zeros((len(ids), len(categories)), dtype=bool)
        if len(ids) and categories:
            pairs = np.array(
                self._db.execute("SELECT item_id, category_id FROM ticks").fetchall(),
                dtype=np.int64,
            ).reshape(-1, 2)
            if len(pairs):
                row_of = pd.Index(ids).get_indexer(pairs[:, 0])
                column_of = pd.Index([c.id for c in categories]).get_indexer(pairs[:, 1])
                keep = (row_of >= 0) & (column_of >= 0)
                matrix[row_of[keep], column_of[keep]] = True
        return pd.DataFrame(matrix, index=ids, columns=[c.id for c in categories])

    def item_ticks(self, item_id: int) -> set[int]:
        """The ids of the categories ticked on an item."""
        return {
            r[0]
            for r in self._db.execute("SELECT category_id FROM ticks WHERE item_id = ?", (item_id,))
        }

    def is_ticked(self, item_id: int, category_id: int) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM ticks WHERE item_id = ? AND category_id = ?", (item_id, category_id)
        ).fetchone()
        return row is not None

    def items_with(self, category_id: int) -> list[int]:
        return [
            r[0]
            for r in self._db.execute(
                "SELECT item_id FROM ticks WHERE category_id = ? ORDER BY item_id", (category_id,)
            )
        ]

    # ------------------------------------------------------------------ edits
    def set_tick(
        self, item_id: int, category_id: int, ticked: bool, *, mark_reviewed: bool = True
    ) -> None:
        """Tick or untick one category on one item; ticking marks the item reviewed."""
        self.set_ticks([item_id], category_id, ticked, mark_reviewed=mark_reviewed)

    def set_ticks(
        self,
        item_ids: Iterable[int],
        category_id: int,
        ticked: bool,
        *,
        mark_reviewed: bool = True,
    ) -> dict[int, bool]:
        """Tick or untick a category on many items in one transaction.

        Returns each item's previous state so the caller (undo) can restore
        exactly what was there. Ticking marks the items reviewed.
        """
        ids = list(dict.fromkeys(int(i) for i in item_ids))
        before = self._ticked_among(ids, category_id)
        previous = {i: i in before for i in ids}
        with self._transaction() as db:
            if ticked:
                db.executemany(
                    "INSERT OR IGNORE INTO ticks VALUES (?, ?)", [(i, category_id) for i in ids]
                )
                if mark_reviewed:
                    self._mark_reviewed(db, ids)
            else:
                db.executemany(
                    "DELETE FROM ticks WHERE item_id = ? AND category_id = ?",
                    [(i, category_id) for i in ids],
                )
        self._emit(SessionEvent("ticks", tuple(ids), category_id))
        return previous

    def restore_ticks(self, category_id: int, states: dict[int, bool]) -> None:
        """Put back the states :meth:`set_ticks` returned (for undo)."""
        on = [i for i, s in states.items() if s]
        off = [i for i, s in states.items() if not s]
        with self._transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO ticks VALUES (?, ?)", [(i, category_id) for i in on]
            )
            db.executemany(
                "DELETE FROM ticks WHERE item_id = ? AND category_id = ?",
                [(i, category_id) for i in off],
            )
        self._emit(SessionEvent("ticks", tuple(states), category_id))

    def _ticked_among(self, ids: list[int], category_id: int) -> set[int]:
        found: set[int] = set()
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in self._db.execute(
                    f"SELECT item_id FROM ticks WHERE category_id = ? AND item_id IN ({marks})",
                    (category_id, *chunk),
                )
            )
        return found

    def _mark_reviewed(self, db: sqlite3.Connection, ids: list[int]) -> None:
        reviewer, now = self.reviewer, time.time()
        db.executemany(
            "UPDATE items SET reviewed = 1, reviewer = ?, reviewed_at = ?"
            " WHERE id = ? AND reviewed = 0",
            [(reviewer, now, i) for i in ids],
        )

    def set_comment(self, item_id: int, comment: str) -> str:
        """Set an item's comment; returns the previous one (for undo)."""
        previous = self.item(item_id).comment
        with self._transaction() as db:
            db.execute("UPDATE items SET comment = ? WHERE id = ?", (comment, item_id))
        self._emit(SessionEvent("comment", (item_id,)))
        return previous

    def set_reviewed(self, item_ids: Iterable[int], reviewed: bool) -> dict[int, bool]:
        """Mark items reviewed or not; returns the previous states (for undo)."""
        ids = list(dict.fromkeys(int(i) for i in item_ids))
        previous = self.reviewed_states(ids)
        with self._transaction() as db:
            if reviewed:
                self._mark_reviewed(db, ids)
            else:
                db.executemany(
                    "UPDATE items SET reviewed = 0, reviewer = '', reviewed_at = NULL WHERE id = ?",
                    [(i,) for i in ids],
                )
        self._emit(SessionEvent("reviewed", tuple(ids)))
        return previous

    def restore_reviewed(self, states: dict[int, bool]) -> None:
        on = [i for i, s in states.items() if s]
        off = [i for i, s in states.items() if not s]
        with self._transaction() as db:
            self._mark_reviewed(db, on)
            db.executemany(
                "UPDATE items SET reviewed = 0, reviewer = '', reviewed_at = NULL WHERE id = ?",
                [(i,) for i in off],
            )
        self._emit(SessionEvent("reviewed", tuple(states)))

    def reviewed_states(self, item_ids: Sequence[int]) -> dict[int, bool]:
        states = {int(i): False for i in item_ids}
        ids = list(states)
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for item_id, reviewed in self._db.execute(
                f"SELECT id, reviewed FROM items WHERE id IN ({marks})", chunk
            ):
                states[item_id] = bool(reviewed)
        return states

    def apply_review(
        self,
        rows: Sequence[tuple[int, set[int], str, bool, str]],
    ) -> None:
        """Bulk-replace ticks, comment, reviewed flag and reviewer of items (spreadsheet import).

        Each row is ``(item_id, ticked_category_ids, comment, reviewed, reviewer)``.
        One transaction: an import either lands whole or not at all.
        """
        now = time.time()
        with self._transaction() as db:
            for item_id, ticked, comment, reviewed, reviewer in rows:
                db.execute("DELETE FROM ticks WHERE item_id = ?", (item_id,))
                db.executemany(
                    "INSERT INTO ticks VALUES (?, ?)", [(item_id, c) for c in sorted(ticked)]
                )
                db.execute(
                    "UPDATE items SET comment = ?, reviewed = ?, reviewer = ?,"
                    " reviewed_at = CASE WHEN ? THEN COALESCE(reviewed_at, ?) ELSE NULL END"
                    " WHERE id = ?",
                    (
                        comment,
                        int(reviewed),
                        reviewer if reviewed else "",
                        int(reviewed),
                        now,
                        item_id,
                    ),
                )
        self._emit(SessionEvent("items", tuple(r[0] for r in rows)))

    def add_items(
        self, items: pd.DataFrame, *, origin: str, metadata_columns: Sequence[str] = ()
    ) -> list[int]:
        """Append items (e.g. correctly classified examples sampled for label review)."""
        frame = items.copy()
        frame["origin"] = origin
        existing = set(self.item_columns(["key"])["key"])
        frame = frame[~frame["key"].astype(str).isin(existing)]
        start = int(
            self._db.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM items").fetchone()[0]
        )
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO items (position, key, image, label, prediction, score, split, origin,"
                " metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _item_rows(frame, metadata_columns, start=start),
            )
        ids = [
            r[0]
            for r in self._db.execute(
                "SELECT id FROM items WHERE position >= ? ORDER BY position", (start,)
            )
        ]
        self._emit(SessionEvent("items", tuple(ids)))
        return ids

    def predictions_frame(self) -> pd.DataFrame:
        """Every row of the predictions file the session was made from (empty for a folder)."""
        return pd.read_sql_query(
            "SELECT key, image, label, prediction, split, score FROM predictions ORDER BY row",
            self._db,
        )

    # ------------------------------------------------------------------ tally
    def reviewed_count(self, origin: str = ERROR) -> int:
        return int(
            self._db.execute(
                "SELECT COUNT(*) FROM items WHERE reviewed = 1 AND origin = ?", (origin,)
            ).fetchone()[0]
        )

    def tally(self, origin: str = ERROR) -> Tally:
        """The tally of the reviewed dev errors (METHOD.md §1-§3), counted in SQL."""
        categories = self.categories()
        counts = dict(
            self._db.execute(
                "SELECT t.category_id, COUNT(*) FROM ticks t JOIN items i ON i.id = t.item_id"
                " WHERE i.reviewed = 1 AND i.origin = ? GROUP BY t.category_id",
                (origin,),
            ).fetchall()
        )
        label_ids = [c.id for c in categories if c.kind == LABEL_ERROR]
        label_count = None
        if label_ids:
            marks = ",".join("?" * len(label_ids))
            label_count = int(
                self._db.execute(
                    "SELECT COUNT(DISTINCT t.item_id) FROM ticks t JOIN items i ON i.id = t.item_id"
                    f" WHERE i.reviewed = 1 AND i.origin = ? AND t.category_id IN ({marks})",
                    (origin, *label_ids),
                ).fetchone()[0]
            )
        if origin == ERROR:
            population, dev_size = self.dev_errors, self.dev_size
        else:
            size = self.dev_size
            population, dev_size = ((size - self.dev_errors) if size else 0), size
        tick_counts = np.array([counts.get(c.id, 0) for c in categories], dtype=np.int64)
        reviewed = self.reviewed_count(origin)
        return compute_tally(
            categories,
            tick_counts,
            reviewed,
            population,
            dev_size,
            label_count,
            method=self._interval_method(),
            # The ranking verdict is about the categories of errors, not of correct examples.
            ranking=self._ranking(categories, tick_counts, reviewed) if origin == ERROR else None,
        )

    def _interval_method(self) -> str:
        """The tally's interval method: the ``interval_method`` meta key, ``exact`` by default."""
        method = self.meta("interval_method", "exact") or "exact"
        if method not in INTERVAL_METHODS:
            raise UserError(
                f"{self.path}: interval_method '{method}' is not one of "
                f"{', '.join(INTERVAL_METHODS)}; set it again in the app's settings"
            )
        return method

    def _ranking(
        self, categories: list[Category], counts: np.ndarray, reviewed: int
    ) -> Ranking | None:
        """Is the ranking of the reviewed errors' categories settled (core/ranking.py)?

        Only the leader's co-ticks are needed (one GROUP BY over the leader's
        ticks), not the items x categories matrix.
        """
        if len(categories) < 2 or reviewed == 0:
            return None
        assessed = np.full(len(categories), reviewed)
        leader = leader_index(counts, assessed)
        together = dict(
            self._db.execute(
                "SELECT category_id, COUNT(*) FROM ticks WHERE item_id IN ("
                " SELECT t.item_id FROM ticks t JOIN items i ON i.id = t.item_id"
                " WHERE t.category_id = ? AND i.reviewed = 1 AND i.origin = ?)"
                " GROUP BY category_id",
                (categories[leader].id, ERROR),
            ).fetchall()
        )
        both = np.array([together.get(c.id, 0) for c in categories], dtype=np.int64)
        return rank_from_pairs(
            [c.name for c in categories],
            counts / reviewed,
            leader,
            counts[leader] - both,
            counts - both,
            assessed,
            tally_population(self.dev_errors, reviewed),
        )


#: The columns :meth:`ReviewSession.item_columns` may read, with their array types.
_COLUMN_TYPES: dict[str, type] = {
    "id": np.int64,
    "key": object,
    "image": object,
    "label": object,
    "prediction": object,
    "score": np.float64,
    "split": object,
    "origin": object,
    "metadata": object,
    "comment": object,
    "reviewed": np.bool_,
    "reviewer": object,
}


def _floats_or_none(values: pd.Series) -> list[float | None]:
    numbers = pd.to_numeric(values, errors="coerce")
    return [None if np.isnan(v) else float(v) for v in numbers.to_numpy(dtype=float)]


def _item_rows(
    items: pd.DataFrame, metadata_columns: Sequence[str], start: int
) -> Iterable[tuple[Any, ...]]:
    n = len(items)
    columns = list(metadata_columns)
    meta_values = [items[c].astype(str).tolist() for c in columns] if columns else []
    metadata = (
        [
            json.dumps(dict(zip(columns, values, strict=True)), ensure_ascii=False)
            for values in zip(*meta_values, strict=True)
        ]
        if columns
        else ["{}"] * n
    )
    origin = items["origin"].astype(str).tolist() if "origin" in items else [ERROR] * n
    split = items["split"].astype(str).tolist() if "split" in items else ["dev"] * n
    score = _floats_or_none(items["score"]) if "score" in items else [None] * n
    label = items["label"].astype(str).tolist() if "label" in items else [""] * n
    prediction = items["prediction"].astype(str).tolist() if "prediction" in items else [""] * n
    return zip(
        range(start, start + n),
        items["key"].astype(str).tolist(),
        items["image"].astype(str).tolist(),
        label,
        prediction,
        score,
        split,
        origin,
        metadata,
        strict=True,
    )


def _item_from_row(row: Sequence[Any]) -> Item:
    (
        item_id,
        position,
        key,
        image,
        label,
        prediction,
        score,
        split,
        origin,
        metadata,
        comment,
        reviewed,
        reviewer,
    ) = row
    return Item(
        id=item_id,
        position=position,
        key=key,
        image=image,
        label=label,
        prediction=prediction,
        score=score,
        split=split,
        origin=origin,
        metadata=json.loads(metadata),
        comment=comment,
        reviewed=bool(reviewed),
        reviewer=reviewer,
    )
