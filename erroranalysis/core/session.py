"""The review session: the single truth of a review, in an SQLite file or on a server.

Every change is one committed transaction (in WAL mode for a file), so
whatever the session acknowledged survives the program being killed. The GUI
never keeps a second copy: it reads from here and listens to
:meth:`ReviewSession.subscribe`.

Two backends behind one interface, chosen by the location: a path is an
SQLite file (the default); ``postgresql://user@host/db?session=NAME`` is a
session on a PostgreSQL server that a team reviews at once
(:mod:`erroranalysis.core.store`). The store's SQL is SQLite's; the server's
connection translates it. On a server, each committed change is announced to
the other reviewers' programs, whose sessions re-read what changed and emit
the same :class:`SessionEvent` a local edit would.
"""

from __future__ import annotations

import io
import json
import math
import os
import sqlite3
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any
from urllib.parse import quote

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
from erroranalysis.core.csvio import arrow_strings
from erroranalysis.core.errors import UserError
from erroranalysis.core.intervals import INTERVAL_METHODS
from erroranalysis.core.numbers import to_floats
from erroranalysis.core.optional_arrow import pa, pc
from erroranalysis.core.ranking import Ranking, leader_index, rank_from_pairs
from erroranalysis.core.review_counts import ReviewCounts
from erroranalysis.core.session_errors import SessionWriteError, describe_sqlite_error
from erroranalysis.core.session_lock import (
    LockOwner,
    SessionLock,
    SessionLocked,
    live_owner,
    read_owner,
)
from erroranalysis.core.store import (
    ServerLocation,
    is_server_location,
    parse_location,
    remember_password,
)
from erroranalysis.core.store.postgres import ServerError
from erroranalysis.core.tally import Tally, compute_tally, tally_population
from erroranalysis.i18n import translate

SCHEMA_VERSION = 4
SESSION_SUFFIX = ".easession"
#: A claim on an item ("next unreviewed" on a server) older than this is free again:
#: its reviewer crashed or walked away.
CLAIM_MINUTES = 15

ERROR = "error"
CORRECT = "correct"

#: Review states, stored in ``items.reviewed``. Only ``REVIEWED`` items enter
#: a denominator; ``SKIPPED`` ("can't judge": unreadable, ambiguous) is kept
#: apart and reported, never counted as "reviewed, nothing applies".
UNREVIEWED = 0
REVIEWED = 1
SKIPPED = 2
REVIEW_STATES = (UNREVIEWED, REVIEWED, SKIPPED)
STATE_NAMES = {UNREVIEWED: "unreviewed", REVIEWED: "reviewed", SKIPPED: "skipped"}

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

#: Version 2: review states (``reviewed`` = 0 unreviewed, 1 reviewed, 2
#: skipped) and per-category assessment. ``unassessed`` holds the (item,
#: category) pairs of reviewed items that were never looked at for that
#: category: a category added mid-review was not there when the earlier items
#: were reviewed, and "not ticked" would be a guess. Rows exist only for
#: exceptions, so a session without mid-review categories stores none.
_SCHEMA_V2 = """
CREATE TABLE unassessed (
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    PRIMARY KEY (category_id, item_id)
) WITHOUT ROWID;
CREATE INDEX unassessed_item ON unassessed (item_id);
CREATE INDEX items_reviewed ON items (origin, reviewed);
INSERT OR IGNORE INTO meta VALUES ('session_id', lower(hex(randomblob(16))))
"""

#: The columns :meth:`ReviewSession.predictions_frame` gives every predictions row
#: (``row`` only in some callers' frames); every other column is the file's metadata.
PREDICTION_COLUMNS = ("key", "image", "label", "prediction", "split", "score", "weight", "row")


def metadata_of(frame: pd.DataFrame) -> list[str]:
    """The metadata columns of a predictions frame: all but :data:`PREDICTION_COLUMNS`."""
    return [str(c) for c in frame.columns if c not in PREDICTION_COLUMNS]


#: Image paths remembered by :meth:`ReviewSession.resolve_image` before it starts over.
_MAX_RESOLVED = 200_000

#: Version 3: who did what, weights, suggestion scores, several reviewers.
#: - ``ticks.reviewer`` and ``items.commented_by``: every tick, comment and review
#:   state records its reviewer (``items.reviewer`` already did for the state);
#:   existing rows get the session's reviewer name;
#: - ``items.weight`` and ``predictions.weight`` (METHOD §6, 1 when unweighted) and
#:   ``blobs`` (the predictions file's other columns, for slices);
#: - ``item_features`` (suggestion scores: sharpness, label quality) and
#:   ``suggestions`` (a reviewer's accept/reject of a suggested tick);
#: - ``reviewers``, ``reviewer_reviews``, ``reviewer_ticks``, ``reviewer_unassessed``:
#:   each reviewer's own answers in a merged session, beside the agreed ones
#:   (``items``/``ticks``/``unassessed``);
_SCHEMA_V3 = """
ALTER TABLE ticks ADD COLUMN reviewer TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN commented_by TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN weight REAL NOT NULL DEFAULT 1;
ALTER TABLE predictions ADD COLUMN weight REAL NOT NULL DEFAULT 1;
UPDATE ticks SET reviewer = COALESCE((SELECT value FROM meta WHERE key = 'reviewer'), '');
UPDATE items SET commented_by = reviewer WHERE comment != '';
CREATE TABLE item_features (
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value REAL,
    PRIMARY KEY (name, item_id)
) WITHOUT ROWID;
CREATE TABLE suggestions (
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    accepted INTEGER NOT NULL,
    reviewer TEXT NOT NULL DEFAULT '',
    decided_at REAL,
    PRIMARY KEY (category_id, item_id)
) WITHOUT ROWID;
CREATE TABLE reviewers (name TEXT PRIMARY KEY, source TEXT NOT NULL DEFAULT '');
CREATE TABLE reviewer_reviews (
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    state INTEGER NOT NULL DEFAULT 0,
    comment TEXT NOT NULL DEFAULT '',
    reviewed_at REAL,
    PRIMARY KEY (item_id, reviewer)
) WITHOUT ROWID;
CREATE TABLE reviewer_ticks (
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    PRIMARY KEY (item_id, category_id, reviewer)
) WITHOUT ROWID;
CREATE TABLE reviewer_unassessed (
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    PRIMARY KEY (item_id, category_id, reviewer)
) WITHOUT ROWID;
CREATE TABLE blobs (name TEXT PRIMARY KEY, data BLOB NOT NULL)
"""

#: Version 4: ``items.claimed_by`` / ``claimed_at``: who took the item with "next
#: unreviewed" and when (several reviewers on one server session are handed
#: different items). Its own version: files made as version 3 lack them.
_SCHEMA_V4 = """
ALTER TABLE items ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN claimed_at REAL;
CREATE INDEX IF NOT EXISTS items_claimed ON items (claimed_by) WHERE claimed_by != ''
"""

#: The whole schema of a new session (version :data:`SCHEMA_VERSION`).
ALL_SCHEMA = ";\n".join((_SCHEMA_V1, _SCHEMA_V2, _SCHEMA_V3, _SCHEMA_V4))

#: ``blobs`` entry: the predictions file's metadata columns for every row (in
#: ``predictions.row`` order), as zlib-compressed CSV: one value per cell, read
#: back whole for slices; a JSON text per row would cost seconds at 1M rows.
PREDICTION_METADATA_BLOB = "prediction_metadata.csv.z"

#: Meta keys of data derived from the (immutable) predictions table, see
#: :meth:`ReviewSession.split_error_counts` and :meth:`ReviewSession.confusion_counts`.
CACHE_SPLIT_COUNTS = "cache.split_counts"
CACHE_CONFUSION = "cache.confusion"

#: What a read-only connection does instead of a migration it cannot write:
#: the same tables, empty, in the connection's own temporary schema.
READ_ONLY_STAND_INS: dict[int, str] = {
    1: """
CREATE TEMP TABLE unassessed (
    item_id INTEGER NOT NULL,
    category_id INTEGER NOT NULL,
    PRIMARY KEY (category_id, item_id)
) WITHOUT ROWID
""",
    # Version 2 read-only: the new tables, empty; the new columns cannot be added
    # to a read-only file, so reads of them fall back (see _has_v3_columns).
    2: "\n".join(
        statement.replace("CREATE TABLE", "CREATE TEMP TABLE", 1) + ";"
        for statement in _SCHEMA_V3.split(";")
        if statement.strip().startswith("CREATE TABLE")
    ),
    # Version 3 read-only: the claim columns are only written (a claim is an edit).
    3: "",
}

#: Migrations from version N to N+1, applied in order on open (each in one
#: transaction). Sessions made before review states keep their flags: 0 and 1
#: mean what they meant.
MIGRATIONS: dict[int, str] = {1: _SCHEMA_V2, 2: _SCHEMA_V3, 3: _SCHEMA_V4}


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
    state: int
    reviewer: str

    @property
    def reviewed(self) -> bool:
        """Reviewed (ticked, or "done: nothing applies"); skipped items are not."""
        return self.state == REVIEWED

    @property
    def skipped(self) -> bool:
        return self.state == SKIPPED


@dataclass(frozen=True)
class SessionEvent:
    """Something in the session changed. ``kind`` is one of:

    ``ticks`` (item_ids, category_id), ``comment`` (item_ids), ``reviewed``
    (item_ids: their review state or assessment changed), ``categories`` (the
    category list changed), ``items`` (items were added or bulk-replaced),
    ``meta`` (key), ``position``. ``remote``: another reviewer's program made the
    change (a session on a server).
    """

    kind: str
    item_ids: tuple[int, ...] = ()
    category_id: int | None = None
    key: str | None = None
    remote: bool = False


@dataclass(frozen=True)
class RemovedCategory:
    """What :meth:`ReviewSession.remove_category` took away, to put it back on undo."""

    category: Category
    position: int
    item_ids: tuple[int, ...] = field(default_factory=tuple)
    unassessed_ids: tuple[int, ...] = field(default_factory=tuple)
    tick_reviewers: tuple[str, ...] = field(default_factory=tuple)  # who ticked each item


@dataclass(frozen=True)
class ReviewChange:
    """Exactly what one review edit changed, so :meth:`ReviewSession.revert` can put it back.

    ``ticks``: (item, category, was ticked) for each pair whose tick changed;
    ``states``: (item, state, reviewer, reviewed_at) as they were, for each item
    whose review state changed; ``assessed``: (item, category) pairs that were
    "not assessed" before the edit and are assessed now.
    """

    ticks: tuple[tuple[int, int, bool], ...] = ()
    states: tuple[tuple[int, int, str, float | None], ...] = ()
    assessed: tuple[tuple[int, int], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.ticks or self.states or self.assessed)

    def item_ids(self) -> tuple[int, ...]:
        """The items the change touched, in a stable order."""
        ids = [t[0] for t in self.ticks] + [s[0] for s in self.states]
        ids += [a[0] for a in self.assessed]
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class ImageRebase:
    """What :meth:`ReviewSession.rebase_images` changed: the old images root and paths."""

    base_dir: str
    images: tuple[tuple[int, str], ...]
    found: int
    total: int


def default_session_path(source: Path) -> Path:
    """Beside the source: ``preds.csv`` gives ``preds.easession``, a folder ``photos/``
    gives ``photos.easession``."""
    source = Path(source).resolve()
    if source.is_dir():
        return source.parent / f"{source.name}{SESSION_SUFFIX}"
    return source.with_suffix(SESSION_SUFFIX)


class ReviewSession:
    """A review stored in an SQLite file or in a schema of a PostgreSQL server.

    Create one with :meth:`create`, reopen it with :meth:`open` (a path, or a
    ``postgresql://`` URL / :class:`ServerLocation`). All reads go to the
    database; all writes are single transactions followed by a
    :class:`SessionEvent` to subscribers.

    :attr:`backend` is ``"sqlite"`` or ``"postgres"``; :attr:`where` names the
    file or the server session (never with a password) for messages. A server
    session's :attr:`path` is a file name in the user's documents folder, named
    after the session, used only to suggest names for exports.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection,
                 location: ServerLocation | None = None) -> None:
        self.path = path
        #: The server session (None for a file).
        self.location = location
        #: ``"sqlite"`` or ``"postgres"``.
        self.backend = "sqlite" if location is None else "postgres"
        self._db = connection
        self._listeners: list[Callable[[SessionEvent], None]] = []
        self._categories_cache: list[Category] | None = None
        #: Notes from making or opening the session (numeric labels merged, ...).
        self.notes: list[str] = []
        #: Why edits cannot be saved ('' when they can): see :meth:`open`.
        self.read_only_reason = ""
        self._lock = SessionLock(path)
        self._view_state: dict[str, str] = {}  # position; a read-only session's view state
        self._counts: ReviewCounts | None = None  # built by the first tally
        self._dirty_view_state = False
        self._meta_cache: dict[str, str | None] = {}  # meta values read (None: absent)
        self._resolved: dict[tuple[str, str], Path] = {}  # (images root, image) -> found
        # The server backend: who sends changes (to ignore one's own announcements),
        # the listener thread, how its events reach the program's thread, the claim.
        self._sender = uuid.uuid4().hex[:16]
        self._listener: Any = None
        self._dispatch: Callable[[Callable[[], None]], None] | None = None
        self._claimed = ""  # the name this program's claim was taken under ('' for none)
        self._closed = False
        self._for_update = "" if location is None else " FOR UPDATE"
        self._remote_lock = threading.Lock()
        if location is not None:
            # Every committed change is announced to the other reviewers' programs.
            self._emit = self._emit_and_announce  # type: ignore[method-assign]

    @property
    def where(self) -> str:
        """The session file, or the server session as a URL without its password."""
        return str(self.path) if self.location is None else self.location.public_url

    @property
    def display_name(self) -> str:
        """A short name: the file's, or ``NAME on HOST`` for a server session."""
        if self.location is None:
            return self.path.name
        from urllib.parse import urlsplit

        host = urlsplit(self.location.url).hostname or "the local server"
        return f"{self.location.session} on {host}"

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
        password: str | None = None,
    ) -> ReviewSession:
        """Write a new session file, or a new session on a server (``path`` a
        ``postgresql://...?session=NAME`` URL or a :class:`ServerLocation`: made as a
        file first, then uploaded whole by :func:`~erroranalysis.core.store.transfer.push`).

        ``items`` has the canonical columns of :class:`Predictions.frame`
        (``key, image, label, prediction, score, split``) and the metadata
        columns named in ``metadata_columns``; an ``origin`` column is
        optional (default ``error``). ``predictions`` (all rows of the
        predictions file, canonical columns) is kept for the diagnosis and
        metrics.
        """
        if is_server_location(path):
            import tempfile

            from erroranalysis.core.store.transfer import push

            location = parse_location(path)  # type: ignore[arg-type]
            if password is not None:
                remember_password(location, password)
            with tempfile.TemporaryDirectory(prefix="erroranalysis-") as folder:
                made = cls.create(
                    Path(folder) / f"{_safe_file_name(location.session)}{SESSION_SUFFIX}",
                    items, categories, dev_size=dev_size, dev_errors=dev_errors,
                    source=source, source_kind=source_kind, base_dir=base_dir,
                    predictions=predictions, metadata_columns=metadata_columns,
                    extra_meta=extra_meta)
                local = made.path
                made.close()
                push(local, location, overwrite=overwrite)
            return cls.open(location)
        path = Path(path)
        if path.exists():
            if not overwrite:
                raise UserError(
                    translate(
                        "core.errors",
                        "{path}: a session already exists there; open it or pass --force",
                    ).format(path=path)
                )
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(path.name + ".creating")
            temporary.unlink(missing_ok=True)
        except OSError as error:
            raise _cannot_create(path, error) from None
        # Build the whole file under a temporary name, then rename: a session
        # file either exists complete or not at all.
        try:
            connection = cls._connect(temporary)
        except sqlite3.Error as error:
            raise UserError(
                translate(
                    "core.errors",
                    "{path}: cannot create the session ({error})",
                ).format(path=path, error=describe_sqlite_error(error))
            ) from None
        try:
            # A brand-new file under a temporary name: no rollback journal and no
            # syncs while it is filled (a failure deletes it, a crash leaves only
            # the temporary file); it is synced once, whole, before the rename.
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.executescript(ALL_SCHEMA)
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
                " metadata, weight) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _item_rows(items, metadata_columns, start=0),
            )
            if predictions is not None:
                weights = (predictions["weight"].to_numpy(dtype=float).tolist()
                           if "weight" in predictions else [1.0] * len(predictions))
                # Whole columns as lists (C loops): iterating an Arrow-backed
                # Series yields one cell per Python call.
                texts = {
                    name: predictions[name].astype(str)
                    for name in ("key", "image", "label", "prediction", "split")
                }
                connection.executemany(
                    "INSERT INTO predictions (key, image, label, prediction, split, score, weight)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    zip(
                        texts["key"].tolist(),
                        texts["image"].tolist(),
                        _few_texts(texts["label"]),
                        _few_texts(texts["prediction"]),
                        _few_texts(texts["split"]),
                        _floats_or_none(predictions["score"]),
                        weights,
                        strict=True,
                    ),
                )
                # The aggregates the diagnosis and metrics read (see split_error_counts),
                # from the rows at hand rather than a scan of the table later.
                split = texts["split"].array
                label = texts["label"].array
                guess = texts["prediction"].array
                wrong = np.asarray(label != guess, dtype=bool)
                counts = pd.DataFrame({"split": split, "wrong": wrong}).groupby(
                    "split", sort=True)["wrong"].agg(["size", "sum"])
                split_counts = {str(k): (int(n), int(e))
                                for k, n, e in zip(counts.index, counts["size"], counts["sum"],
                                                   strict=True)}
                dev = split == "dev"
                pairs = pd.DataFrame({"label": label[dev], "prediction": guess[dev]}).groupby(
                    ["label", "prediction"], sort=True).size()
                confusion = [(str(a), str(b), int(n)) for (a, b), n in pairs.items()]
                connection.executemany("INSERT INTO meta VALUES (?, ?)", [
                    (CACHE_SPLIT_COUNTS, json.dumps(split_counts)),
                    (f"{CACHE_CONFUSION}.dev", json.dumps(confusion)),
                ])
                present = [c for c in metadata_columns if c in predictions]
                if present:
                    text = _plain_csv(predictions[present])  # not a spreadsheet
                    connection.execute(
                        "INSERT INTO blobs VALUES (?, ?)",
                        (PREDICTION_METADATA_BLOB, zlib.compress(text.encode("utf-8"), 1)),
                    )
            connection.execute("COMMIT")
            connection.execute("PRAGMA journal_mode = WAL")
        except sqlite3.IntegrityError as error:
            connection.close()
            temporary.unlink(missing_ok=True)
            raise UserError(
                translate(
                    "core.errors",
                    "{path}: could not create the session ({error})",
                ).format(path=path, error=error)
            ) from None
        except sqlite3.Error as error:
            connection.close()
            temporary.unlink(missing_ok=True)
            raise UserError(
                translate(
                    "core.errors",
                    "{path}: cannot create the session ({error})",
                ).format(path=path, error=describe_sqlite_error(error))
            ) from None
        except BaseException:
            connection.close()
            temporary.unlink(missing_ok=True)
            raise
        connection.close()
        try:
            _sync_file(temporary)
            temporary.replace(path)
            _sync_folder(path.parent)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise _cannot_create(path, error) from None
        return cls.open(path)

    @classmethod
    def open(cls, path: str | Path | ServerLocation, *, read_only: bool = False,
             password: str | None = None) -> ReviewSession:
        """Open an existing session, migrating an older schema.

        A session whose file or folder cannot be written (a shared drive) is
        opened read-only rather than refused: reading works, and
        :attr:`read_only_reason` says why edits cannot be saved. Pass
        ``read_only=True`` to open it so deliberately (another program has it).

        ``path`` may be a server session (``postgresql://user@host/db?session=NAME``
        or a :class:`ServerLocation`); ``password`` is used when libpq finds none
        (``~/.pgpass``) and kept in memory only. A server that asks for a password
        raises :class:`~erroranalysis.core.store.postgres.PasswordNeeded`.
        """
        if is_server_location(path):
            return cls._open_on_server(parse_location(path),  # type: ignore[arg-type]
                                       read_only=read_only, password=password)
        path = Path(path)
        if not path.is_file():
            raise UserError(
                translate(
                    "core.errors",
                    "{path}: no such session file",
                ).format(path=path)
            )
        try:
            with open(path, "rb") as handle:
                header = handle.read(16)
        except OSError as error:
            raise UserError(
                translate(
                    "core.errors",
                    "{path}: cannot read the session file ({strerror})",
                ).format(path=path, strerror=error.strerror)
            ) from None
        if not header:
            raise UserError(
                translate(
                    "core.errors",
                    "{path}: an empty file, not an erroranalysis session",
                ).format(path=path)
            )
        if header != b"SQLite format 3\x00":
            raise UserError(
                translate(
                    "core.errors",
                    "{path}: not an erroranalysis session (not an SQLite file)",
                ).format(path=path)
            )
        reason = "opened read-only" if read_only else _unwritable_reason(path)
        notes: list[str] = []
        if not reason:
            note = _set_aside_orphaned_wal(path)
            if note:
                notes.append(note)
        try:
            connection = cls._connect(path) if not reason else _connect_read_only(path)
        except sqlite3.Error as error:
            raise UserError(
                translate(
                    "core.errors",
                    "{path}: cannot open the session ({error})",
                ).format(path=path, error=describe_sqlite_error(error))
            ) from None
        try:
            if not reason:
                connection.execute("PRAGMA journal_mode = WAL")
                connection.execute("PRAGMA synchronous = FULL")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
            if "items" not in tables or "meta" not in tables:
                raise UserError(
                    translate(
                        "core.errors",
                        "{path}: an SQLite file, but not an erroranalysis session",
                    ).format(path=path)
                )
            if version > SCHEMA_VERSION:
                raise UserError(
                    translate(
                        "core.errors",
                        "{path}: made by a newer erroranalysis (schema {version}); update the app",
                    ).format(path=path, version=version)
                )
            while version < SCHEMA_VERSION:
                if reason:
                    for statement in _statements(READ_ONLY_STAND_INS[version]):
                        connection.execute(statement)
                    version += 1
                    continue
                connection.execute("BEGIN IMMEDIATE")
                try:
                    for statement in _statements(MIGRATIONS[version]):
                        if _adds_existing_column(connection, statement):
                            continue  # a development build's file that had it already
                        connection.execute(statement)
                    version += 1
                    connection.execute(f"PRAGMA user_version = {version}")
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            connection.close()
            raise UserError(
                translate(
                    "core.errors",
                    "{path}: cannot read the session ({error})",
                ).format(path=path, error=describe_sqlite_error(error))
            ) from None
        except BaseException:
            connection.close()
            raise
        session = cls(path, connection)
        session.read_only_reason = reason
        session.notes.extend(notes)
        return session

    @classmethod
    def _open_on_server(cls, location: ServerLocation, *, read_only: bool,
                        password: str | None) -> ReviewSession:
        from erroranalysis.core.store.postgres import PgConnection
        from erroranalysis.core.store.transfer import (
            migrate_server,
            server_session_exists,
            server_version,
        )

        if password is not None:
            remember_password(location, password)
        try:
            connection = PgConnection(location)
        except ServerError as error:
            raise UserError(
                translate(
                    "core.errors",
                    "{location}: cannot open the session ({error})",
                ).format(location=location, error=error)
            ) from None
        try:
            if not server_session_exists(connection):
                raise UserError(
                    translate(
                        "core.errors",
                        "{location}: no such session on the server (erroranalysis push "
                        "SESSION.easession URL puts one there)",
                    ).format(location=location)
                )
            version = server_version(connection)
            if version > SCHEMA_VERSION:
                raise UserError(
                    translate(
                        "core.errors",
                        "{location}: made by a newer erroranalysis (schema {version}); update "
                        "the app",
                    ).format(location=location, version=version)
                )
            if version < SCHEMA_VERSION:
                # The team's one copy: whoever opens it first with this version migrates
                # it (a read-only open too: the others' programs need the new tables).
                migrate_server(connection, MIGRATIONS, SCHEMA_VERSION)
        except ServerError as error:
            connection.close()
            raise UserError(
                translate(
                    "core.errors",
                    "{location}: cannot open the session ({error})",
                ).format(location=location, error=error)
            ) from None
        except BaseException:
            connection.close()
            raise
        session = cls(_server_local_path(location), connection,  # type: ignore[arg-type]
                      location)
        # The reviewer's name and view state (position, zoom) are this program's, not
        # the team's: kept in memory, never written over another reviewer's.
        session._view_state["reviewer"] = ""
        if read_only:
            session.read_only_reason = "opened read-only"
        else:
            session._start_listener()
        return session

    def verify(self) -> None:
        """SQLite's ``quick_check`` over the whole file; :class:`UserError` if damaged.

        The commands that read a session to report on it run it first: a page
        damaged where their query does not look would otherwise go unnoticed
        while the numbers are printed as if whole. On a server (which guards its
        own pages), a cheap check that the session's tables are there and readable.
        """
        if self.location is not None:
            try:
                self._db.execute("SELECT COUNT(*) FROM categories").fetchone()
                self._db.execute("SELECT id FROM items LIMIT 1").fetchone()
            except sqlite3.Error as error:
                raise UserError(
                    translate(
                        "core.errors",
                        "{where}: the session cannot be read ({error})",
                    ).format(where=self.where, error=error)
                ) from None
            return
        try:
            problems = [r[0] for r in self._db.execute("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                # SQLite 3.40's quick_check reports "NULL value in unassessed.item_id"
                # for sound WITHOUT ROWID tables whose key is not in column order;
                # the full integrity_check is the judge.
                problems = [r[0] for r in self._db.execute("PRAGMA integrity_check(5)")]
        except sqlite3.DatabaseError as error:
            raise UserError(
                translate(
                    "core.errors",
                    "{path}: the session file is damaged ({error})",
                ).format(path=self.path, error=describe_sqlite_error(error))
            ) from None
        if problems != ["ok"]:
            raise UserError(
                translate(
                    "core.errors",
                    "{path}: the session file is damaged ({problems}); restore a copy "
                    "(erroranalysis backup makes one)",
                ).format(path=self.path, problems=problems[0])
            )

    @property
    def read_only(self) -> bool:
        """Edits cannot be saved (see :attr:`read_only_reason`)."""
        return bool(self.read_only_reason)

    @property
    def session_id(self) -> str:
        """A random id given at creation: tells two session files apart."""
        return self.meta("session_id")

    def acquire_lock(self, *, force: bool = False) -> None:
        """Take the session for writing, so another program opening it is told.

        Raises :class:`SessionLocked` when another live program has it, unless
        ``force``. A lock file that cannot be made (a read-only folder) makes
        the session read-only instead. A server session takes no lock: several
        reviewers at once is what it is for (each change is its own transaction).
        """
        if self.read_only or self._lock.held or self.location is not None:
            return
        try:
            self._lock.acquire(LockOwner.me(self.reviewer, self.session_id))
        except SessionLocked:
            if not force:
                raise
        except OSError as error:
            self.read_only_reason = (
                f"the lock file beside it cannot be written ({error.strerror})"
            )

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the session file (cheap when there is little).

        Called when the window is idle and on close, so that the ``.easession``
        file alone is complete whenever the app is not writing: a copy of
        just that file loses nothing acknowledged. (Nothing to do on a server.)
        """
        if self.read_only or self.location is not None:
            return
        with suppress(sqlite3.Error):
            self._db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def set_interactive(self, on: bool = True) -> None:
        """Tune the connection for a person at the keyboard.

        Interactive: no automatic checkpoint (it stalls a tick every ~1,000
        pages) and ``synchronous = NORMAL``: each commit is written to the
        write-ahead log without its own fsync, so a tick costs ~0.1 ms, not
        ~2-7 ms. A killed program still loses nothing it acknowledged (the log
        is in the operating system's hands); a power cut could lose the last
        moments, which the caller bounds by checkpointing (with fsync) whenever
        the reviewer pauses (:func:`checkpoint_file`). Off: SQLite's defaults
        for batch work (checkpoint every ~1,000 pages, fsync on every commit).
        (Nothing to do on a server: it syncs each commit itself.)
        """
        if self.read_only or self.location is not None:
            return
        self._db.execute(f"PRAGMA wal_autocheckpoint = {0 if on else 1000}")
        self._db.execute(f"PRAGMA synchronous = {'NORMAL' if on else 'FULL'}")

    def backup(self, destination: str | Path) -> Path:
        """A consistent copy of the session (SQLite's backup API; from a server, a
        :func:`~erroranalysis.core.store.transfer.pull`), safe while it is in use."""
        destination = Path(destination)
        if self.location is not None:
            from erroranalysis.core.store.transfer import pull

            pull(self.location, destination, overwrite=True)
            return destination
        if destination.resolve() == self.path.resolve():
            raise UserError(
                translate(
                    "core.errors",
                    "{destination}: that is the session itself; choose another name",
                ).format(destination=destination)
            )
        temporary = destination.with_name(destination.name + ".copying")
        try:
            target = sqlite3.connect(str(temporary))
            try:
                self._db.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
            temporary.replace(destination)
        except sqlite3.Error as error:
            temporary.unlink(missing_ok=True)
            raise UserError(
                translate(
                    "core.errors",
                    "{destination}: cannot write the copy ({error})",
                ).format(destination=destination, error=describe_sqlite_error(error))
            ) from None
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise UserError(
                translate(
                    "core.errors",
                    "{destination}: cannot write the copy ({strerror})",
                ).format(destination=destination, strerror=error.strerror)
            ) from None
        return destination

    def close(self) -> None:
        """Close the file (checkpointing the WAL so the session is one file again); on a
        server, stop listening, give back a claimed item and disconnect."""
        if self.location is not None:
            self._closed = True
            if self._listener is not None:
                self._listener.stop()
            if self._claimed and not self.read_only:
                with suppress(UserError, sqlite3.Error):
                    self.release_claim()
            self._db.close()
            return
        with suppress(UserError):
            self.save_view_state()
        if not self.read_only:
            with suppress(sqlite3.Error):
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.close()
        self._lock.release()

    def __enter__(self) -> ReviewSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self):  # type: ignore[no-untyped-def]
        """One write: committed whole, or (on any error) not at all.

        SQLite errors become :class:`SessionWriteError`, one line naming the
        real cause (read-only, locked, disk full), never "damaged" by guess.
        """
        if self.read_only:
            raise SessionWriteError(self.where, f"the session is {self.read_only_reason}"
                                    if self.read_only_reason == "opened read-only"
                                    else self.read_only_reason)
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise SessionWriteError(self.where, describe_sqlite_error(error)) from None
        try:
            yield self._db
            if self._dirty_view_state:
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('position', ?)",
                                 (self._view_state["position"],))
            self._db.execute("COMMIT")
            self._dirty_view_state = False
        except BaseException as error:
            with suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise SessionWriteError(self.where, describe_sqlite_error(error)) from None
            raise

    # ----------------------------------------------------------------- events
    def subscribe(self, listener: Callable[[SessionEvent], None]) -> Callable[[], None]:
        """Call ``listener`` after every committed change; returns an unsubscribe function.

        On a server session this includes the other reviewers' changes (``remote``
        events), which arrive on the listener's thread unless a dispatcher is set
        (:meth:`set_event_dispatcher`).
        """
        self._listeners.append(listener)
        if self.location is not None and self._listener is None and not self._closed:
            self._start_listener()
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def set_event_dispatcher(self, dispatch: Callable[[Callable[[], None]], None] | None) -> None:
        """How the other reviewers' changes reach this program (a server session).

        The session hears of them on a thread of its own; ``dispatch(task)`` must
        run ``task()`` soon on the thread that uses the session (a GUI posts it to
        its event loop: no widget may be touched from another thread). ``task``
        reads what changed, brings the in-memory tally counts up to date and
        emits the :class:`SessionEvent` (``remote=True``). Without a dispatcher
        tasks run on the listener's thread.
        """
        self._dispatch = dispatch

    def _emit(self, event: SessionEvent) -> None:
        if event.kind == "categories":
            self._categories_cache = None
        for listener in list(self._listeners):
            listener(event)

    # --------------------------------------------------- the server backend
    def _emit_and_announce(self, event: SessionEvent) -> None:
        """A server session's :meth:`_emit`: tell the others' programs, then our own."""
        if not self.read_only and event.kind != "position" and not (
                event.kind == "meta" and _is_personal(event.key or "")):
            payload: dict[str, Any] = {"s": self._sender, "k": event.kind,
                                       "i": list(event.item_ids) or None}
            if event.category_id is not None:
                payload["c"] = event.category_id
            if event.key is not None:
                payload["key"] = event.key
            self._db.notify(payload)  # type: ignore[attr-defined]
        ReviewSession._emit(self, event)

    def _start_listener(self) -> None:
        from erroranalysis.core.store.postgres import Listener

        self._listener = Listener(self.location, self._on_remote)  # type: ignore[arg-type]

    def wait_listening(self, timeout: float = 5.0) -> bool:
        """Whether the session hears the others' changes (waits up to ``timeout``
        seconds for its listener to connect); always True for a file."""
        if self.location is None:
            return True
        if self._listener is None:
            self._start_listener()
        return bool(self._listener.listening.wait(timeout))

    def _on_remote(self, payloads: list[dict]) -> None:
        """Changes announced on the session's channel (the listener's thread)."""
        others = [p for p in payloads if p.get("s") != self._sender]
        if not others or self._closed:
            return
        dispatch = self._dispatch
        if dispatch is None:
            with self._remote_lock:
                self._apply_remote(others)
        else:
            dispatch(lambda: self._apply_remote(others))

    def _apply_remote(self, payloads: list[dict]) -> None:
        """Bring this program up to others' changes (a burst of them): re-read the items
        they touched into the tally counts, once, and emit the events local edits would
        have (one per kind and category, their items merged)."""
        if self._closed:
            return
        events: dict[tuple[str, int | None, str | None], dict[int, None]] = {}
        touched: dict[int, None] = {}
        everything = False
        for payload in payloads:
            kind = str(payload.get("k", ""))
            ids = payload.get("i")
            category = payload.get("c")
            if kind in ("ticks", "reviewed", "comment", "items") and ids:
                item_ids = [int(i) for i in ids]
                key = (kind, None if category is None or kind != "ticks" else int(category),
                       None)
                events.setdefault(key, {}).update(dict.fromkeys(item_ids))
                if kind != "comment":
                    touched.update(dict.fromkeys(item_ids))
            elif kind == "categories":
                events.setdefault(("categories", None, None), {})
            elif kind == "meta":
                meta_key = str(payload.get("key") or "")
                self._meta_cache.pop(meta_key, None)  # another program set it
                events.setdefault(("meta", None, meta_key), {})
            else:  # "resync", or too many items to name: read everything again
                everything = True
        if everything:
            self._counts = None
            self._categories_cache = None
            self._meta_cache.clear()
            ReviewSession._emit(self, SessionEvent("categories", remote=True))
            ReviewSession._emit(self, SessionEvent("items", remote=True))
            return
        if ("categories", None, None) in events:
            self._counts = None
            self._categories_cache = None
        try:
            if touched:
                self._refresh_counts(list(touched))
        except sqlite3.Error:
            # The server went away between the announcement and the read: read all
            # again when it is back (the listener announces a resync then).
            self._counts = None
            return
        for (kind, category, key), ids in events.items():
            ReviewSession._emit(self, SessionEvent(kind, tuple(ids), category, key, remote=True))

    def _refresh_counts(self, item_ids: Sequence[int]) -> None:
        """Read the review state, ticks and assessment of some items into the counts (one
        query per 900 items: a state and two lists of category ids per item)."""
        counts = self._counts
        if counts is None:
            return
        rows = counts.rows(item_ids)
        if (rows < 0).any():  # items added meanwhile: build again when next needed
            self._counts = None
            return
        found: dict[int, tuple[int, str, str]] = {}
        for chunk in _chunks(list(item_ids)):
            marks = ",".join("?" * len(chunk))
            for item, state, ticked, unassessed in self._db.execute(
                "SELECT i.id, i.reviewed,"
                " (SELECT string_agg(t.category_id::text, ',') FROM ticks t"
                "  WHERE t.item_id = i.id),"
                " (SELECT string_agg(u.category_id::text, ',') FROM unassessed u"
                "  WHERE u.item_id = i.id)"
                f" FROM items i WHERE i.id IN ({marks})", chunk):
                found[int(item)] = (int(state), ticked or "", unassessed or "")
        if len(found) != len(rows):  # items deleted meanwhile
            self._counts = None
            return
        updates = []
        for row, item in zip(rows, item_ids, strict=True):
            state, ticked, unassessed = found[int(item)]
            columns = [[counts.columns.get(int(c), -1) for c in text.split(",") if c]
                       for text in (ticked, unassessed)]
            if any(c < 0 for cols in columns for c in cols):
                self._counts = None  # a category this program has not seen yet
                self._categories_cache = None
                return
            updates.append((row, state, columns[0], columns[1]))
        for row, state, ticked_columns, unassessed_columns in updates:
            counts.state[row] = state
            counts.ticks[row, :] = False
            counts.unassessed[row, :] = False
            counts.ticks[row, ticked_columns] = True
            counts.unassessed[row, unassessed_columns] = True

    # ------------------------------------------------------------------ claims
    def _claimant(self) -> str:
        return f"{self.reviewer or 'someone'}#{self._sender}"

    def claim_next_unreviewed(self, after_position: int = -1) -> Item | None:
        """Take the next unreviewed item after ``after_position`` (wrapping round) that
        no other live reviewer has taken, and give back the one taken before.

        For several reviewers on one server session: each is handed a different
        item (``SELECT ... FOR UPDATE SKIP LOCKED``, then ``items.claimed_by``); a
        claim older than :data:`CLAIM_MINUTES` is free again. On a file (one writer)
        it is simply the next unreviewed item. None when every item is reviewed,
        skipped or taken.
        """
        me = self._claimant()
        now = time.time()
        free = ("reviewed = 0 AND (claimed_by = '' OR claimed_by = ? OR claimed_at IS NULL"
                " OR claimed_at < ?)")
        lock = "" if self.location is None else " FOR UPDATE SKIP LOCKED"
        with self._transaction() as db:
            row = None
            for where in ("position > ?", "position <= ?"):
                row = db.execute(
                    f"SELECT id FROM items WHERE {free} AND {where}"
                    f" ORDER BY position, id LIMIT 1{lock}",
                    (me, now - CLAIM_MINUTES * 60, after_position)).fetchone()
                if row is not None:
                    break
            if self._claimed:  # (under the name it was taken with)
                db.execute("UPDATE items SET claimed_by = '', claimed_at = NULL"
                           " WHERE claimed_by = ?", (self._claimed,))
            if row is not None:
                db.execute("UPDATE items SET claimed_by = ?, claimed_at = ? WHERE id = ?",
                           (me, now, row[0]))
        self._claimed = me if row is not None else ""
        return None if row is None else self.item(int(row[0]))

    def release_claim(self) -> None:
        """Give back the item this program took with :meth:`claim_next_unreviewed`."""
        if not self._claimed:
            return
        with self._transaction() as db:
            db.execute("UPDATE items SET claimed_by = '', claimed_at = NULL"
                       " WHERE claimed_by = ?", (self._claimed,))
        self._claimed = ""

    def claims(self) -> dict[int, str]:
        """Items taken by a live reviewer (a claim younger than :data:`CLAIM_MINUTES`):
        item id -> the reviewer's name."""
        if not self._has_column("items", "claimed_by"):
            return {}
        rows = self._db.execute(
            "SELECT id, claimed_by FROM items WHERE claimed_by != '' AND claimed_at >= ?",
            (time.time() - CLAIM_MINUTES * 60,)).fetchall()
        return {int(i): who.rsplit("#", 1)[0] for i, who in rows}

    # ------------------------------------------------------------------- meta
    def meta(self, key: str, default: str = "") -> str:
        if key in self._view_state:
            return self._view_state[key]
        # Read a dozen times per tick (dev size, errors, interval method, reviewer):
        # kept in memory, as every write of meta goes through this session.
        if key not in self._meta_cache:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            self._meta_cache[key] = None if row is None else row[0]
        value = self._meta_cache[key]
        return default if value is None else value

    def set_meta(self, key: str, value: str) -> None:
        """Store a setting in the session (the view, the human-level error, ...).

        In a read-only session, view state (``position`` and ``gui.*`` keys:
        where the reviewer is, the zoom) is kept in memory so looking around
        works; any other setting raises like an edit. On a server, view state
        and the reviewer's name are each program's own: kept in memory.
        """
        if (self.read_only and _is_view_state(key)) or (
                self.location is not None and _is_personal(key)):
            self._view_state[key] = value
            self._emit(SessionEvent("position" if key == "position" else "meta", key=key))
            return
        self._meta_cache.pop(key, None)
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        self._meta_cache.pop(key, None)
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
            raise UserError(
                translate(
                    "core.errors",
                    "dev size {dev_size} is smaller than the {dev_errors} dev errors",
                ).format(dev_size=dev_size, dev_errors=self.dev_errors)
            )
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
        """Where the reviewer is. View state: kept in memory at once, written with the
        next edit's transaction or by :meth:`save_view_state` (on idle and on close),
        so moving through items never waits for the disk."""
        self._view_state["position"] = str(int(position))
        self._dirty_view_state = not self.read_only and self.location is None
        self._emit(SessionEvent("position"))

    def save_view_state(self) -> None:
        """Write the position if it moved since it was last written."""
        if not self._dirty_view_state or self.read_only:
            return
        with self._transaction():
            pass  # the transaction writes the position on its way out

    def rebase_images(self, root: str | Path) -> ImageRebase:
        """Point the session at its images in ``root`` (they moved, or the predictions file
        was copied away from them): paths are stored relative to ``root``.

        The first image that cannot be found is looked for under ``root`` by
        ever longer tails of its path (``x.png``, ``img/x.png``, ...); the tail
        that finds it says how many leading folders to drop from every path.
        Raises :class:`UserError` when ``root`` holds none of them. Returns what
        :meth:`restore_images` needs to undo it.
        """
        root = Path(root).resolve()
        if not root.is_dir():
            raise UserError(
                translate(
                    "core.errors",
                    "{root}: not a folder",
                ).format(root=root)
            )
        rows = self._db.execute("SELECT id, image FROM items ORDER BY position").fetchall()
        if not rows:
            raise UserError(
                translate(
                    "core.errors",
                    "this session has no items",
                )
            )
        probe = next((image for _i, image in rows if not self.resolve_image(image).exists()),
                     rows[0][1])
        parts = Path(probe.replace("\\", "/")).parts
        found_at = _locate_in(root, parts)
        if found_at is None:
            raise UserError(
                translate(
                    "core.errors",
                    "{root}: {name} is not in this folder or below it; choose the folder that "
                    "holds the images (or one of their parent folders)",
                ).format(root=root, name=Path(probe).name)
            )
        prefix, drop = found_at

        def rebased(image: str) -> str:
            tail = Path(image.replace("\\", "/")).parts[drop:]
            return Path(*prefix, *tail).as_posix() if tail else image

        new_images = [(rebased(image), item_id) for item_id, image in rows]
        found = sum(1 for image, _i in new_images if (root / image).exists())
        old_base = self.meta("base_dir")
        with self._transaction() as db:
            db.executemany("UPDATE items SET image = ? WHERE id = ?", new_images)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('base_dir', ?)", (str(root),))
        self._meta_cache.pop("base_dir", None)
        self._emit(SessionEvent("items", tuple(i for _n, i in new_images)))
        return ImageRebase(old_base, tuple((i, old) for i, old in rows), found, len(rows))

    def restore_images(self, rebase: ImageRebase) -> None:
        """Undo :meth:`rebase_images`."""
        with self._transaction() as db:
            db.executemany("UPDATE items SET image = ? WHERE id = ?",
                           [(image, i) for i, image in rebase.images])
            db.execute("INSERT OR REPLACE INTO meta VALUES ('base_dir', ?)", (rebase.base_dir,))
        self._meta_cache.pop("base_dir", None)
        self._emit(SessionEvent("items", tuple(i for i, _image in rebase.images)))

    def resolve_image(self, image: str) -> Path:
        """Where an item's image is on this machine (relative paths: to the source's folder)."""
        candidate = Path(image)
        if candidate.is_absolute():
            return candidate
        base = self.base_dir
        key = (str(base), image)
        found = self._resolved.get(key)
        if found is not None:
            return found
        first = base / candidate
        if first.exists():
            found = first
        else:
            beside = self.path.parent / candidate
            if not beside.exists():
                return first  # not remembered: the file may appear later
            found = beside
        # Remembered per images root (a move of the root makes new keys), so moving
        # through a review does not stat the same files again and again.
        if len(self._resolved) >= _MAX_RESOLVED:
            self._resolved.clear()
        self._resolved[key] = found
        return found

    def image_files(self, image: str) -> tuple[Path, ...]:
        """Where an item's image may be, best first, found without touching the disk.

        The first of these that exists is :meth:`resolve_image`'s answer (the first
        if none does). For views that must not wait on the file system (a grid
        of thumbnails on a network drive): a decoder thread checks them in turn.
        """
        candidate = Path(image)
        if candidate.is_absolute():
            return (candidate,)
        base = self.base_dir
        found = self._resolved.get((str(base), image))
        if found is not None:
            return (found,)
        first, beside = base / candidate, self.path.parent / candidate
        return (first,) if beside == first else (first, beside)

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
            raise UserError(
                translate(
                    "core.errors",
                    "a category named '{name}' already exists",
                ).format(name=other.name)
            )
        return name

    def check_shortcut(self, shortcut: str, except_id: int = 0) -> str:
        """A key a category may take: one key or F1-F12, not another category's; else UserError."""
        shortcut = shortcut.strip()
        if not shortcut:
            return ""
        function_key = (shortcut.upper().startswith("F") and shortcut[1:].isascii()
                        and shortcut[1:].isdigit() and 1 <= int(shortcut[1:]) <= 12
                        and not shortcut[1:].startswith("0"))
        if len(shortcut) > 1 and not function_key:
            raise UserError(
                translate(
                    "core.errors",
                    "shortcut '{shortcut}' must be a single key (or F1-F12)",
                ).format(shortcut=shortcut)
            )
        for other in self.categories():
            if other.shortcut.lower() == shortcut.lower() and other.id != except_id:
                raise UserError(
                    translate(
                        "core.errors",
                        "key '{shortcut}' already ticks '{name}'",
                    ).format(shortcut=shortcut, name=other.name)
                )
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
        assessed: bool = False,
    ) -> Category:
        """Add a category (mid-review too). A free key 1-9/0 is assigned unless given.

        Items already reviewed were never looked at for the new category: they
        are "not assessed" for it (its share counts only the items assessed),
        unless ``assessed`` says they were (e.g. an import that fills the column).
        """
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
            if not assessed:
                db.execute(
                    "INSERT INTO unassessed (item_id, category_id)"
                    " SELECT id, ? FROM items WHERE reviewed = 1",
                    (new_id,),
                )
        if self._counts is not None:
            self._counts.add_column(new_id, (), None if not assessed else ())
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
        with self._transaction() as db:
            ticked = db.execute(
                "SELECT item_id, reviewer FROM ticks WHERE category_id = ? ORDER BY item_id",
                (category_id,),
            ).fetchall()
            item_ids = tuple(r[0] for r in ticked)
            tick_reviewers = tuple(r[1] for r in ticked)
            unassessed = tuple(
                r[0]
                for r in db.execute(
                    "SELECT item_id FROM unassessed WHERE category_id = ? ORDER BY item_id",
                    (category_id,),
                )
            )
            db.execute("DELETE FROM categories WHERE id = ?", (category_id,))
            self._renumber(db)
        if self._counts is not None:
            self._counts.drop_column(category_id)
        self._emit(SessionEvent("categories", category_id=category_id))
        return RemovedCategory(category, position, item_ids, unassessed, tick_reviewers)

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
            reviewers = removed.tick_reviewers or ("",) * len(removed.item_ids)
            db.executemany(
                "INSERT INTO ticks (item_id, category_id, reviewer) VALUES (?, ?, ?)",
                [(i, c.id, r) for i, r in zip(removed.item_ids, reviewers, strict=True)],
            )
            db.executemany(
                "INSERT INTO unassessed (item_id, category_id) VALUES (?, ?)",
                [(i, c.id) for i in removed.unassessed_ids],
            )
            self._renumber(db)
        if self._counts is not None:
            self._counts.add_column(c.id, removed.item_ids, removed.unassessed_ids)
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

    def item_id_array(self) -> np.ndarray:
        """Item ids in review order as a read-only int64 array (kept in memory with the
        review counts: the window's views share one read instead of one each)."""
        ids = self._review_counts().ids.view()
        ids.flags.writeable = False
        return ids

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

    def items_with_marks(
        self, item_ids: Sequence[int]
    ) -> dict[int, tuple[Item, set[int], set[int]]]:
        """Several items at once, each with its ticked and its unassessed categories
        (as :meth:`item`, :meth:`item_ticks` and :meth:`unassessed_categories` give
        them): three queries per 900 items instead of three per item, for views that
        show a screenful of rows. Unknown ids are left out."""
        found: dict[int, tuple[Item, set[int], set[int]]] = {}
        for chunk in _chunks([int(i) for i in item_ids]):
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                    f"SELECT {self._ITEM_COLUMNS} FROM items WHERE id IN ({marks})", chunk):
                item = _item_from_row(row)
                found[item.id] = (item, set(), set())
            for item_id, category_id in self._db.execute(
                    f"SELECT item_id, category_id FROM ticks WHERE item_id IN ({marks})", chunk):
                if item_id in found:
                    found[item_id][1].add(category_id)
            for item_id, category_id in self._db.execute(
                    "SELECT u.item_id, u.category_id FROM unassessed u"
                    " JOIN items i ON i.id = u.item_id"
                    f" WHERE u.item_id IN ({marks}) AND i.reviewed = 1", chunk):
                if item_id in found:
                    found[item_id][2].add(category_id)
        return found

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
        frame = self._frame(f"SELECT {self._ITEM_COLUMNS} FROM items ORDER BY position, id")
        frame["state"] = frame["reviewed"].astype(np.int8)
        frame["reviewed"] = frame["state"] == REVIEWED
        return frame

    def item_columns(
        self, names: Sequence[str], *, limit: int | None = None
    ) -> dict[str, np.ndarray]:
        """Just the named columns of every item, in review order (one query).

        For whole-column work (sorting, filtering) that must not pay for
        :meth:`items_frame` reading and framing every column. Allowed names:
        ``id, key, image, label, prediction, score, split, origin, metadata``
        (its JSON text), ``comment, reviewed, state, reviewer``; anything else
        raises ``ValueError`` (names go into the SQL). Arrays: ``id`` int64,
        ``score`` float64 (NaN when missing), ``reviewed`` bool (reviewed, not
        skipped), ``state`` int8 (the review state), the rest object arrays of
        ``str``. ``limit``: only the first items in review order.
        """
        wanted = list(dict.fromkeys(names))
        unknown = [name for name in wanted if name not in _COLUMN_TYPES]
        if unknown:
            raise ValueError(f"Not an item column: {', '.join(map(repr, unknown))}")
        if not wanted:
            return {}
        sql = {"reviewed": "reviewed = 1", "state": "reviewed"}
        columns = ", ".join(sql.get(n, n) for n in wanted)
        query = f"SELECT {columns} FROM items ORDER BY position, id"
        if limit is not None:
            query += f" LIMIT {max(0, int(limit))}"
        rows = self._db.execute(query).fetchall()
        # One pass in C per column (np.fromiter): cheaper than a comprehension or
        # zip(*rows) over 100,000 tuples. Scores go through a list: NULL is NaN.
        columns = {}
        for i, name in enumerate(wanted):
            cells = map(itemgetter(i), rows)
            if _COLUMN_TYPES[name] is np.float64:
                columns[name] = np.array(list(cells), dtype=np.float64)
            else:
                columns[name] = np.fromiter(cells, dtype=_COLUMN_TYPES[name], count=len(rows))
        return columns

    def reviewed_ids(self) -> set[int]:
        """The ids of the reviewed items (a scan, cheaper than reading a column in order)."""
        return {r[0] for r in self._db.execute("SELECT id FROM items WHERE reviewed = 1")}

    def comments(self) -> dict[int, str]:
        """The non-empty comments by item id (most items have none)."""
        return dict(self._db.execute("SELECT id, comment FROM items WHERE comment != ''"))

    def ticks_frame(self, *, ids: np.ndarray | None = None) -> pd.DataFrame:
        """A boolean items x categories DataFrame.

        Index: item ids in review order; columns: category ids in display order.
        ``ids``: the item ids in review order, when the caller has just read them
        (saves reading them again).
        """
        ids = np.array(self.item_ids() if ids is None else ids, dtype=np.int64)
        categories = self.categories()
        matrix = np.zeros((len(ids), len(categories)), dtype=bool)
        if len(ids) and categories:
            pairs = self._pairs("ticks")
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
    ) -> ReviewChange:
        """Tick or untick one category on one item; ticking marks the item reviewed."""
        return self.set_ticks([item_id], category_id, ticked, mark_reviewed=mark_reviewed)

    def set_ticks(
        self,
        item_ids: Iterable[int],
        category_id: int,
        ticked: bool,
        *,
        mark_reviewed: bool = True,
    ) -> ReviewChange:
        """Set a category's tick on many items in one transaction (a value, never a toggle).

        Setting a tick either way *assesses* the category on those items.
        Ticking marks unreviewed or skipped items reviewed (and, as the reviewer
        now sees the item with every category, assesses all of them). Returns
        the :class:`ReviewChange` that :meth:`revert` undoes.
        """
        ids = list(dict.fromkeys(int(i) for i in item_ids))
        with self._transaction() as db:
            before = self._ticked_among(ids, category_id)
            flips = [i for i in ids if (i in before) != ticked]
            if ticked:
                db.executemany(
                    "INSERT OR IGNORE INTO ticks (item_id, category_id, reviewer) VALUES (?, ?, ?)",
                    [(i, category_id, self.reviewer) for i in flips],
                )
            else:
                db.executemany("DELETE FROM ticks WHERE item_id = ? AND category_id = ?",
                               [(i, category_id) for i in flips])
            assessed = self._assess(db, ids, [category_id])
            states: list[tuple[int, int, str, float | None]] = []
            if ticked and mark_reviewed:
                states, more = self._set_state(db, ids, REVIEWED)
                assessed += more
        change = ReviewChange(
            tuple((i, category_id, not ticked) for i in flips), tuple(states), tuple(assessed)
        )
        self._counts_forward(change, REVIEWED)
        if not change.empty:
            self._emit(SessionEvent("ticks", tuple(ids), category_id))
        return change

    def set_review_state(
        self, item_ids: Iterable[int], state: int, *, assess_all: bool = False
    ) -> ReviewChange:
        """Mark items unreviewed, reviewed or skipped, in one transaction.

        An item that becomes reviewed was seen with every category, so it is
        assessed for all of them. ``assess_all`` also assesses every category on
        items that were already reviewed: what "done" (Enter) says. Ticks are
        kept whatever the state (a skipped item's ticks just do not count).
        """
        if state not in REVIEW_STATES:
            raise ValueError(f"unknown review state {state!r}")
        ids = list(dict.fromkeys(int(i) for i in item_ids))
        with self._transaction() as db:
            states, assessed = self._set_state(db, ids, state)
            if assess_all and state == REVIEWED:
                assessed += self._assess(db, ids, None)
        change = ReviewChange((), tuple(states), tuple(assessed))
        self._counts_forward(change, state)
        if not change.empty:
            self._emit(SessionEvent("reviewed", change.item_ids()))
        return change

    def set_reviewed(self, item_ids: Iterable[int], reviewed: bool) -> ReviewChange:
        """Mark items reviewed (``True``) or unreviewed (``False``)."""
        return self.set_review_state(item_ids, REVIEWED if reviewed else UNREVIEWED)

    def set_assessed(self, item_ids: Iterable[int], category_id: int) -> ReviewChange:
        """Record that a category was looked at on items and does not apply (no tick).

        The "no" answer of the revisit pass for a category added mid-review.
        """
        ids = list(dict.fromkeys(int(i) for i in item_ids))
        with self._transaction() as db:
            assessed = self._assess(db, ids, [category_id])
        change = ReviewChange(assessed=tuple(assessed))
        self._counts_forward(change, None)
        if not change.empty:
            self._emit(SessionEvent("reviewed", change.item_ids()))
        return change

    def revert(self, change: ReviewChange) -> None:
        """Put back what a :class:`ReviewChange` changed (undo), in one transaction."""
        if change.empty:
            return
        with self._transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO ticks (item_id, category_id, reviewer) VALUES (?, ?, ?)",
                [(i, c, self.reviewer) for i, c, was in change.ticks if was],
            )
            db.executemany(
                "DELETE FROM ticks WHERE item_id = ? AND category_id = ?",
                [(i, c) for i, c, was in change.ticks if not was],
            )
            db.executemany(
                "UPDATE items SET reviewed = ?, reviewer = ?, reviewed_at = ? WHERE id = ?",
                [(state, reviewer, at, i) for i, state, reviewer, at in change.states],
            )
            db.executemany(
                "INSERT OR IGNORE INTO unassessed (item_id, category_id) VALUES (?, ?)",
                change.assessed,
            )
        self._counts_back(change)
        categories = {c for _i, c, _w in change.ticks}
        if len(categories) == 1:
            self._emit(SessionEvent("ticks", change.item_ids(), categories.pop()))
        else:
            self._emit(SessionEvent("reviewed", change.item_ids()))

    def _ticked_among(self, ids: list[int], category_id: int) -> set[int]:
        found: set[int] = set()
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in self._db.execute(
                    f"SELECT item_id FROM ticks WHERE category_id = ? AND item_id IN ({marks})",
                    (category_id, *chunk),
                )
            )
        return found

    def _set_state(
        self, db: sqlite3.Connection, ids: list[int], state: int
    ) -> tuple[list[tuple[int, int, str, float | None]], list[tuple[int, int]]]:
        """Set the state of the items not already in it; returns their old rows and the
        pairs assessed because they became reviewed."""
        old: list[tuple[int, int, str, float | None]] = []
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            old.extend(
                db.execute(
                    f"SELECT id, reviewed, reviewer, reviewed_at FROM items"
                    f" WHERE id IN ({marks}) AND reviewed != ?",
                    (*chunk, state),
                )
            )
        if not old:
            return [], []
        changed = [row[0] for row in old]
        if state == UNREVIEWED:
            db.executemany(
                "UPDATE items SET reviewed = 0, reviewer = '', reviewed_at = NULL WHERE id = ?",
                [(i,) for i in changed],
            )
        else:
            reviewer, now = self.reviewer, time.time()
            db.executemany(
                "UPDATE items SET reviewed = ?, reviewer = ?, reviewed_at = ? WHERE id = ?",
                [(state, reviewer, now, i) for i in changed],
            )
        assessed = self._assess(db, changed, None) if state == REVIEWED else []
        return old, assessed

    def _assess(
        self, db: sqlite3.Connection, ids: list[int], category_ids: list[int] | None
    ) -> list[tuple[int, int]]:
        """Delete "not assessed" marks of items (for some categories, or all); returns them."""
        removed: list[tuple[int, int]] = []
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            where = f"item_id IN ({marks})"
            params: tuple[int, ...] = tuple(chunk)
            if category_ids is not None:
                where += f" AND category_id IN ({','.join('?' * len(category_ids))})"
                params += tuple(category_ids)
            found = db.execute(
                f"SELECT item_id, category_id FROM unassessed WHERE {where}", params
            ).fetchall()
            if found:
                db.execute(f"DELETE FROM unassessed WHERE {where}", params)
                removed.extend(found)
        return removed

    def set_comment(self, item_id: int, comment: str, *, expected: str | None = None) -> str:
        """Set an item's comment; returns the previous one (for undo).

        With ``expected``, the write happens only if the stored comment is still
        that text (what the window showed), so a comment written meanwhile by
        another program is never overwritten unseen: :class:`UserError` instead.
        """
        with self._transaction() as db:
            # FOR UPDATE on a server: a comment written at the same moment by another
            # reviewer waits, then is seen (and not overwritten unseen).
            row = db.execute(f"SELECT comment FROM items WHERE id = ?{self._for_update}",
                             (item_id,)).fetchone()
            if row is None:
                raise KeyError(item_id)
            previous = row[0]
            if expected is not None and previous != expected:
                raise UserError(
                    translate(
                        "core.errors",
                        "the comment was changed elsewhere since it was shown; it was not "
                        "overwritten",
                    )
                )
            db.execute("UPDATE items SET comment = ?, commented_by = ? WHERE id = ?",
                       (comment, self.reviewer if comment else "", item_id))
        self._emit(SessionEvent("comment", (item_id,)))
        return previous

    def reviewed_states(self, item_ids: Sequence[int]) -> dict[int, bool]:
        """Whether each item is reviewed (skipped and unreviewed are not)."""
        return {i: s == REVIEWED for i, s in self.review_states(item_ids).items()}

    def review_states(self, item_ids: Sequence[int]) -> dict[int, int]:
        """Each item's review state (:data:`UNREVIEWED`, :data:`REVIEWED`, :data:`SKIPPED`)."""
        states = {int(i): UNREVIEWED for i in item_ids}
        for chunk in _chunks(list(states)):
            marks = ",".join("?" * len(chunk))
            for item_id, state in self._db.execute(
                f"SELECT id, reviewed FROM items WHERE id IN ({marks})", chunk
            ):
                states[item_id] = int(state)
        return states

    # ------------------------------------------------------------- assessment
    def unassessed_categories(self, item_id: int) -> set[int]:
        """The categories not assessed on a reviewed item (added after it was reviewed)."""
        return {
            r[0]
            for r in self._db.execute(
                "SELECT u.category_id FROM unassessed u JOIN items i ON i.id = u.item_id"
                " WHERE u.item_id = ? AND i.reviewed = 1",
                (item_id,),
            )
        }

    def unassessed_items(self, category_id: int) -> list[int]:
        """Reviewed items not assessed for a category, in review order (the revisit pass)."""
        return [
            r[0]
            for r in self._db.execute(
                "SELECT i.id FROM unassessed u JOIN items i ON i.id = u.item_id"
                " WHERE u.category_id = ? AND i.reviewed = 1 ORDER BY i.position, i.id",
                (category_id,),
            )
        ]

    def unassessed_counts(self, origin: str = ERROR) -> dict[int, int]:
        """Per category, how many reviewed items of ``origin`` were not assessed for it."""
        return dict(
            self._db.execute(
                "SELECT u.category_id, COUNT(*) FROM unassessed u JOIN items i ON i.id = u.item_id"
                " WHERE i.reviewed = 1 AND i.origin = ? GROUP BY u.category_id",
                (origin,),
            ).fetchall()
        )

    def assessed_frame(self, *, ids: np.ndarray | None = None) -> pd.DataFrame:
        """A boolean items x categories DataFrame like :meth:`ticks_frame`: False where the
        category was not assessed on the item (whatever the item's review state);
        ``ids`` as there."""
        ids = np.array(self.item_ids() if ids is None else ids, dtype=np.int64)
        categories = self.categories()
        matrix = np.ones((len(ids), len(categories)), dtype=bool)
        pairs = self._pairs("unassessed")
        if len(ids) and categories and len(pairs):
            row_of = pd.Index(ids).get_indexer(pairs[:, 0])
            column_of = pd.Index([c.id for c in categories]).get_indexer(pairs[:, 1])
            keep = (row_of >= 0) & (column_of >= 0)
            matrix[row_of[keep], column_of[keep]] = False
        return pd.DataFrame(matrix, index=ids, columns=[c.id for c in categories])

    def _pairs(self, table: str) -> np.ndarray:
        """The (item_id, category_id) rows of ``ticks`` or ``unassessed``, any order, as
        an n x 2 int64 array; from a file as one text of numbers (no tuple per row)."""
        if self.location is None:
            text = self._db.execute(
                f"SELECT group_concat(item_id || ',' || category_id) FROM {table}"
            ).fetchone()[0]
            if not text:
                return np.zeros((0, 2), dtype=np.int64)
            return np.array(text.split(","), dtype=np.int64).reshape(-1, 2)
        return np.array(
            self._db.execute(f"SELECT item_id, category_id FROM {table}").fetchall(),
            dtype=np.int64,
        ).reshape(-1, 2)

    def apply_review(
        self,
        rows: Sequence[tuple[int, set[int], str, int, str]],
        *,
        assessed: Sequence[tuple[int, set[int]]] = (),
    ) -> None:
        """Bulk-replace ticks, comment, review state and reviewer of items (spreadsheet import).

        Each row is ``(item_id, ticked_category_ids, comment, state, reviewer)``
        (``state`` one of the review states; ``True``/``False`` read as
        reviewed/unreviewed). ``assessed`` gives, per item, the categories the
        sheet gives a value for: those become assessed; a category the sheet
        marks "not assessed" is left as it is. One transaction: an import either
        lands whole or not at all.
        """
        now = time.time()
        with self._transaction() as db:
            for item_id, ticked, comment, state, reviewer in rows:
                state = int(state)
                db.execute("DELETE FROM ticks WHERE item_id = ?", (item_id,))
                db.executemany(
                    "INSERT INTO ticks (item_id, category_id, reviewer) VALUES (?, ?, ?)",
                    [(item_id, c, reviewer) for c in sorted(ticked)],
                )
                db.execute(
                    "UPDATE items SET comment = ?, reviewed = ?, reviewer = ?,"
                    " commented_by = CASE WHEN comment = ? THEN commented_by ELSE ? END,"
                    " reviewed_at = CASE WHEN ? = 1 THEN COALESCE(reviewed_at, ?) ELSE NULL END"
                    " WHERE id = ?",
                    (
                        comment,
                        state,
                        reviewer if state != UNREVIEWED else "",
                        comment,
                        reviewer if comment else "",
                        int(state != UNREVIEWED),
                        now,
                        item_id,
                    ),
                )
            for item_id, category_ids in assessed:
                if category_ids:
                    self._assess(db, [item_id], sorted(category_ids))
        self._counts = None  # a bulk replace: read again when next needed
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
                " metadata, weight) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _item_rows(frame, metadata_columns, start=start),
            )
        ids = [
            r[0]
            for r in self._db.execute(
                "SELECT id FROM items WHERE position >= ? ORDER BY position", (start,)
            )
        ]
        self._counts = None
        self._emit(SessionEvent("items", tuple(ids)))
        return ids

    def predictions_frame(
        self, *, metadata: bool = True, columns: Sequence[str] | None = None
    ) -> pd.DataFrame:
        """Every row of the predictions file the session was made from (empty for a folder):
        ``key, image, label, prediction, split, score, weight`` and, with
        ``metadata``, the file's other columns (for slices).

        ``columns``: only these (canonical names or the file's other columns), in
        this order; reading fewer of a million rows' columns is faster. A name
        that is neither raises ``ValueError``.
        """
        canonical = list(PREDICTION_COLUMNS[:-1])  # "row" is not stored
        wanted = canonical if columns is None else list(dict.fromkeys(columns))
        has_weight = self._has_column("predictions", "weight")
        read = [c for c in canonical if c in wanted and (c != "weight" or has_weight)]
        frame = self._prediction_columns(read)
        if "weight" in wanted and not has_weight:
            frame["weight"] = 1.0
        others = [c for c in wanted if c not in canonical]
        if (others or (metadata and columns is None)) and len(frame):
            extra = self._prediction_metadata()
            if extra is not None and len(extra) == len(frame):
                for column in extra.columns if columns is None else others:
                    if column in extra.columns and column not in frame:
                        frame[column] = extra[column].array
            missing = [c for c in others if c not in frame]
            if missing:
                raise ValueError(f"Not a predictions column: {', '.join(map(repr, missing))}")
        elif others and not len(frame) and columns is not None:
            for column in others:
                frame[column] = pd.Series([], dtype=object)
        return frame if columns is None else frame[wanted]

    def _prediction_columns(self, names: list[str]) -> pd.DataFrame:
        """Canonical columns of the predictions table, in row order (only those asked for:
        SQLite's reading of a million cells is most of the cost)."""
        if not names:
            return pd.DataFrame(index=pd.RangeIndex(self._predictions_count()))
        return self._frame(f"SELECT {', '.join(names)} FROM predictions ORDER BY row")

    def _predictions_count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM predictions").fetchone()[0])

    def split_error_counts(self) -> dict[str, tuple[int, int]]:
        """Per split of the predictions file: (examples, errors), errors being rows whose
        label and prediction differ (as text, like :meth:`predictions_frame`'s columns).

        The predictions never change after the session is made, so the counts are
        computed once (one aggregate over the table, not the rows read into
        memory: the diagnosis at 1,000,000 rows takes milliseconds, not seconds)
        and kept in the session (meta ``cache.split_counts``).
        """
        cached = self._cached_json(CACHE_SPLIT_COUNTS)
        if cached is not None:
            return {split: (int(n), int(e)) for split, (n, e) in cached.items()}
        rows = self._db.execute(
            "SELECT split, COUNT(*), SUM(CASE WHEN label != prediction THEN 1 ELSE 0 END)"
            " FROM predictions GROUP BY split").fetchall()
        counts = {str(split): (int(n), int(e or 0)) for split, n, e in rows}
        self._store_cache(CACHE_SPLIT_COUNTS, counts)
        return counts

    def confusion_counts(self, split: str = "dev") -> list[tuple[str, str, int]]:
        """(label, prediction, examples) of one split's predictions rows, every pair that
        occurs (the confusion matrix, cached like :meth:`split_error_counts`)."""
        key = f"{CACHE_CONFUSION}.{split}"
        cached = self._cached_json(key)
        if cached is not None:
            return [(str(a), str(b), int(n)) for a, b, n in cached]
        rows = self._db.execute(
            "SELECT label, prediction, COUNT(*) FROM predictions WHERE split = ?"
            " GROUP BY label, prediction ORDER BY label, prediction", (split,)).fetchall()
        counts = [(str(a), str(b), int(n)) for a, b, n in rows]
        self._store_cache(key, counts)
        return counts

    def _cached_json(self, key: str) -> Any:
        text = self.meta(key)
        if not text:
            return None
        try:
            return json.loads(text)
        except ValueError:
            return None

    def _store_cache(self, key: str, value: Any) -> None:
        """Keep derived data of the immutable predictions in the session (quietly: it is
        no edit, emits no event and is kept in memory only where nothing can be written)."""
        text = json.dumps(value)
        self._meta_cache[key] = text
        if self.read_only:
            return
        with suppress(SessionWriteError), self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, text))

    def _prediction_metadata(self) -> pd.DataFrame | None:
        if not self._has_table("blobs"):
            return None
        row = self._db.execute("SELECT data FROM blobs WHERE name = ?",
                               (PREDICTION_METADATA_BLOB,)).fetchone()
        if row is None:
            return None
        text = zlib.decompress(row[0]).decode("utf-8")
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                           na_filter=False)

    def _frame(self, sql: str) -> pd.DataFrame:
        """A query's rows as a DataFrame (pandas reads an SQLite connection itself; a
        server's rows are framed the same way: ``from_records`` with float coercion)."""
        if self.location is None:
            return pd.read_sql_query(sql, self._db)
        cursor = self._db.execute(sql)
        names = [column[0] for column in cursor.description]
        return pd.DataFrame.from_records(cursor.fetchall(), columns=names, coerce_float=True)

    def _has_table(self, name: str) -> bool:
        if self.location is not None:
            return self._db.execute(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = ?"
                " AND table_name = ?", (self.location.schema, name)).fetchone() is not None
        return self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = ? UNION ALL"
            " SELECT 1 FROM sqlite_temp_master WHERE name = ?", (name, name)
        ).fetchone() is not None

    def _has_column(self, table: str, column: str) -> bool:
        if self.location is not None:
            return self._db.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_schema = ?"
                " AND table_name = ? AND column_name = ?",
                (self.location.schema, table, column)).fetchone() is not None
        return any(r[1] == column for r in self._db.execute(f"PRAGMA table_info({table})"))

    # ------------------------------------------------------- suggestions
    def set_item_features(self, name: str, values: dict[int, float]) -> None:
        """Store a score per item (``sharpness``, ``label_quality``): a suggestion's basis."""
        with self._transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO item_features VALUES (?, ?, ?)",
                [(int(i), name, None if v is None or v != v else float(v))
                 for i, v in values.items()],
            )
        self._emit(SessionEvent("meta", key=f"feature:{name}"))

    def item_features(self, name: str) -> dict[int, float]:
        """The stored scores of one feature, by item id (NaN where unreadable)."""
        return {
            item: (math.nan if value is None else value)
            for item, value in self._db.execute(
                "SELECT item_id, value FROM item_features WHERE name = ?", (name,))
        }

    def set_suggestion_decision(
        self, item_id: int, category_id: int, accepted: bool | None
    ) -> bool | None:
        """Record that a reviewer accepted (ticked) or rejected a suggested tick, or forget
        it (``None``); returns the previous decision (for undo)."""
        with self._transaction() as db:
            row = db.execute("SELECT accepted FROM suggestions WHERE item_id = ? AND"
                             " category_id = ?", (item_id, category_id)).fetchone()
            if accepted is None:
                db.execute("DELETE FROM suggestions WHERE item_id = ? AND category_id = ?",
                           (item_id, category_id))
            else:
                db.execute("INSERT OR REPLACE INTO suggestions VALUES (?, ?, ?, ?, ?)",
                           (item_id, category_id, int(accepted), self.reviewer, time.time()))
        self._emit(SessionEvent("reviewed", (item_id,)))
        return None if row is None else bool(row[0])

    def suggestion_decisions(self, category_id: int) -> dict[int, bool]:
        """Decided suggestions of a category: item id -> accepted."""
        return {i: bool(a) for i, a in self._db.execute(
            "SELECT item_id, accepted FROM suggestions WHERE category_id = ?", (category_id,))}

    # ------------------------------------------------------- several reviewers
    @property
    def reviewers(self) -> list[str]:
        """The reviewers whose own answers this session holds (a merged session), in order."""
        if not self._has_table("reviewers"):
            return []
        return [r[0] for r in self._db.execute("SELECT name FROM reviewers ORDER BY rowid")]

    def store_reviewer_answers(
        self,
        reviewers: Sequence[tuple[str, str]],
        reviews: Iterable[tuple[int, str, int, str]],
        ticks: Iterable[tuple[int, int, str]],
        unassessed: Iterable[tuple[int, int, str]],
    ) -> None:
        """Keep each reviewer's own answers beside the agreed ones (``merge``): reviewers
        as (name, source), reviews as (item, reviewer, state, comment), ticks and
        not-assessed cells as (item, category, reviewer). One transaction."""
        with self._transaction() as db:
            db.executemany("INSERT INTO reviewers VALUES (?, ?)", reviewers)
            db.executemany(
                "INSERT INTO reviewer_reviews (item_id, reviewer, state, comment)"
                " VALUES (?, ?, ?, ?)", reviews)
            db.executemany("INSERT INTO reviewer_ticks VALUES (?, ?, ?)", ticks)
            db.executemany("INSERT INTO reviewer_unassessed VALUES (?, ?, ?)", unassessed)
        self._emit(SessionEvent("items"))

    def mark_unassessed(self, item_ids: Sequence[int], category_ids: Sequence[int]) -> None:
        """Mark categories "not assessed" on items in bulk (a merge's disputed cells start so)."""
        with self._transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO unassessed (item_id, category_id) VALUES (?, ?)",
                [(int(i), int(c)) for i in item_ids for c in category_ids],
            )
        self._counts = None
        self._emit(SessionEvent("items", tuple(int(i) for i in item_ids)))

    def reviewer_item_answers(self, item_id: int) -> list[tuple[str, int, list[int], str]]:
        """Each reviewer's answer on one item: (name, state, ticked category ids, comment)."""
        out = []
        for name in self.reviewers:
            row = self._db.execute(
                "SELECT state, comment FROM reviewer_reviews WHERE item_id = ? AND reviewer = ?",
                (item_id, name)).fetchone()
            state, comment = (int(row[0]), row[1]) if row else (UNREVIEWED, "")
            ticked = [r[0] for r in self._db.execute(
                "SELECT category_id FROM reviewer_ticks WHERE item_id = ? AND reviewer = ?",
                (item_id, name))]
            out.append((name, state, ticked, comment))
        return out

    def reviewer_answers(self) -> tuple[list[str], np.ndarray, np.ndarray, dict[int, dict]]:
        """Each reviewer's answers: (reviewers, item ids in review order, values of shape
        reviewers x items x categories (display order) with 1 ticked, 0 assessed and not
        ticked, -1 not assessed), and per item {reviewer: (state, comment)}."""
        reviewers = self.reviewers
        ids = np.array(self.item_ids(), dtype=np.int64)
        categories = [c.id for c in self.categories()]
        values = np.full((len(reviewers), len(ids), len(categories)), -1, dtype=np.int8)
        if not reviewers or not len(ids):
            return reviewers, ids, values, {}
        row_of = pd.Index(ids)
        col_of = {c: j for j, c in enumerate(categories)}
        who = {name: r for r, name in enumerate(reviewers)}
        notes: dict[int, dict] = {}
        for item, reviewer, state, comment in self._db.execute(
                "SELECT item_id, reviewer, state, comment FROM reviewer_reviews"):
            notes.setdefault(item, {})[reviewer] = (int(state), comment)
            if state == REVIEWED:
                values[who[reviewer], row_of.get_loc(item), :] = 0
        for table, value in (("reviewer_unassessed", -1), ("reviewer_ticks", 1)):
            for item, category, reviewer in self._db.execute(
                    f"SELECT item_id, category_id, reviewer FROM {table}"):
                if category in col_of and notes.get(item, {}).get(reviewer, (0,))[0] == REVIEWED:
                    values[who[reviewer], row_of.get_loc(item), col_of[category]] = value
        return reviewers, ids, values, notes

    # ------------------------------------------------------------------ tally
    def reviewed_count(self, origin: str = ERROR) -> int:
        """Items of ``origin`` reviewed (skipped ones are not)."""
        return self.state_count(REVIEWED, origin)

    def skipped_count(self, origin: str = ERROR) -> int:
        """Items of ``origin`` marked "skipped / can't judge"."""
        return self.state_count(SKIPPED, origin)

    def state_count(self, state: int, origin: str | None = ERROR) -> int:
        """How many items (of ``origin``, or any with None) are in a review state."""
        if self._counts is not None:
            counts = self._counts
            mask = counts.state == state
            if origin is not None:
                mask &= counts.is_error if origin == ERROR else ~counts.is_error
            return int(mask.sum())
        if origin is None:
            query, params = "SELECT COUNT(*) FROM items WHERE reviewed = ?", (state,)
        else:
            query = "SELECT COUNT(*) FROM items WHERE origin = ? AND reviewed = ?"
            params = (origin, state)  # type: ignore[assignment]
        return int(self._db.execute(query, params).fetchone()[0])

    def tally(self, origin: str = ERROR) -> Tally:
        """The tally of the reviewed dev errors (METHOD.md §1-§3), with the ranking verdict.

        Counted from :class:`ReviewCounts` (arrays the session keeps in step
        with its edits, one contiguous column per category): about a
        millisecond of counting at 100,000 items, where queries over the ticks
        and items tables took a quarter of a second.
        """
        categories = self.categories()
        counts = self._review_counts()
        of_origin = counts.is_error if origin == ERROR else ~counts.is_error
        reviewed_mask = of_origin & (counts.state == REVIEWED)
        reviewed = int(np.count_nonzero(reviewed_mask))
        skipped = int(np.count_nonzero(of_origin & (counts.state == SKIPPED)))
        ids = [c.id for c in categories]
        ticked, unassessed = counts.column_counts(ids, reviewed_mask)
        assessed = reviewed - unassessed
        label_count = label_assessed = None
        label_ids = [c.id for c in categories if c.kind == LABEL_ERROR]
        if label_ids:
            any_tick = np.zeros(len(reviewed_mask), dtype=bool)
            any_assessed = np.zeros(len(reviewed_mask), dtype=bool)
            for category_id in label_ids:
                column, not_assessed = counts.column(category_id)
                any_tick |= column
                any_assessed |= ~not_assessed
            label_count = int(np.count_nonzero(any_tick & reviewed_mask))
            label_assessed = int(np.count_nonzero(any_assessed & reviewed_mask))
        if origin == ERROR:
            population, dev_size = self.dev_errors, self.dev_size
        else:
            size = self.dev_size
            population, dev_size = ((size - self.dev_errors) if size else 0), size
        ranking = None
        if origin == ERROR:
            ranking = self._ranking(categories, counts, reviewed_mask, ticked, assessed,
                                    tally_population(population, reviewed, skipped), unassessed)
        return compute_tally(
            categories,
            ticked,
            reviewed,
            population,
            dev_size,
            label_count,
            assessed=assessed,
            skipped=skipped,
            method=self._interval_method(),
            label_error_assessed=label_assessed,
            ranking=ranking,
        )

    @staticmethod
    def _ranking(
        categories: list[Category], counts: ReviewCounts, reviewed_mask: np.ndarray,
        ticked: np.ndarray, assessed: np.ndarray, population: int | None,
        unassessed: np.ndarray | None = None,
    ) -> Ranking | None:
        """Is the ranking settled (core/ranking.py)? The leader against every other
        category, over the reviewed errors assessed for both.

        ``unassessed``: per category, its "not assessed" marks among the reviewed
        errors. A pair of categories both assessed on every reviewed error (the
        usual case) needs one count: the errors ticked with both; the general
        pair is counted over the errors assessed for both.
        """
        if len(categories) < 2 or not reviewed_mask.any():
            return None
        leader = leader_index(ticked, assessed)
        if leader is None:
            return None
        if unassessed is None:
            unassessed = np.full(len(categories), -1, dtype=np.int64)  # unknown: count
        lead_ticks, lead_unassessed = counts.column(categories[leader].id)
        lead = lead_ticks & reviewed_mask
        lead_assessed = reviewed_mask & ~lead_unassessed
        lead_whole = unassessed[leader] == 0  # then lead_assessed is reviewed_mask
        reviewed = int(np.count_nonzero(reviewed_mask))
        lead_count = int(np.count_nonzero(lead))
        a_only, b_only, pairs = (np.zeros(len(categories), dtype=np.int64) for _ in range(3))
        for j, category in enumerate(categories):
            other, other_unassessed = counts.column(category.id)
            if lead_whole and unassessed[j] == 0:
                both_ticked = int(np.count_nonzero(lead & other))
                pairs[j] = reviewed
                a_only[j] = lead_count - both_ticked
                b_only[j] = int(ticked[j]) - both_ticked
                continue
            both = lead_assessed & ~other_unassessed
            pairs[j] = np.count_nonzero(both)
            a_only[j] = np.count_nonzero(lead & ~other & both)
            b_only[j] = np.count_nonzero(other & ~lead & both)
        shares = np.where(assessed > 0, ticked / np.maximum(assessed, 1), -1.0)
        # A category assessed on no error the leader was assessed on says nothing
        # yet (just added): it is left out rather than called "level".
        keep = (pairs > 0) | (np.arange(len(categories)) == leader)
        if keep.sum() < 2:
            return None
        names = [c.name for c, k in zip(categories, keep, strict=True) if k]
        return rank_from_pairs(names, shares[keep], int(np.count_nonzero(keep[:leader])),
                               a_only[keep], b_only[keep], pairs[keep], population)

    def _review_counts(self) -> ReviewCounts:
        """The in-memory review state, read from the file on first use."""
        if self._counts is None:
            # Whole numbers only: converted to arrays in C, not value by value.
            items = np.array(
                self._db.execute(
                    "SELECT id, CASE WHEN origin = 'error' THEN 1 ELSE 0 END, reviewed"
                    " FROM items ORDER BY position, id").fetchall(),
                dtype=np.int64,
            ).reshape(-1, 3)
            self._counts = ReviewCounts.build(
                items[:, 0],
                items[:, 1] == 1,
                items[:, 2],
                [c.id for c in self.categories()],
                np.array(self._db.execute("SELECT item_id, category_id FROM ticks").fetchall(),
                         dtype=np.int64),
                np.array(
                    self._db.execute("SELECT item_id, category_id FROM unassessed").fetchall(),
                    dtype=np.int64,
                ),
            )
        return self._counts

    def _counts_forward(self, change: ReviewChange, new_state: int | None) -> None:
        """Bring the in-memory counts to what an edit just committed."""
        counts = self._counts
        if counts is None or change.empty:
            return
        counts.set_ticks_each((i, c, not was) for i, c, was in change.ticks)
        if new_state is not None and change.states:
            counts.set_states([row[0] for row in change.states], [new_state] * len(change.states))
        counts.set_unassessed(change.assessed, False)

    def _counts_back(self, change: ReviewChange) -> None:
        counts = self._counts
        if counts is None:
            return
        counts.set_ticks_each(change.ticks)
        counts.set_states([row[0] for row in change.states], [row[1] for row in change.states])
        counts.set_unassessed(change.assessed, True)

    def _interval_method(self) -> str:
        """The tally's interval method: the ``interval_method`` meta key, ``exact`` by default."""
        method = self.meta("interval_method", "exact") or "exact"
        if method not in INTERVAL_METHODS:
            raise UserError(
                translate(
                    "core.errors",
                    "{where}: interval_method '{method}' is not one of {methods}; set "
                    "it again in the app's settings",
                ).format(
                    where=self.where,
                    method=method,
                    methods=', '.join(INTERVAL_METHODS),
                )
            )
        return method


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
    "state": np.int8,
    "reviewer": object,
}


#: How many entries :func:`_locate_in` looks at below a chosen folder before giving up.
LOCATE_WALK_LIMIT = 200_000


def _locate_in(root: Path, parts: tuple[str, ...]) -> tuple[tuple[str, ...], int] | None:
    """Where an image whose path has ``parts`` is under ``root``: (folders to put in front,
    leading parts to drop), the longest matching tail of the path winning."""
    for drop in range(len(parts)):
        if root.joinpath(*parts[drop:]).is_file():
            return (), drop
    name, best = parts[-1], None
    seen = 0
    for folder, _dirs, files in os.walk(root):
        seen += len(files) + 1
        if name in files:
            relative = Path(folder, name).relative_to(root).parts
            tail = 1
            while tail < min(len(relative), len(parts)) and \
                    relative[-tail - 1] == parts[-tail - 1]:
                tail += 1
            if best is None or tail > best[0]:
                best = (tail, relative[:-tail], len(parts) - tail)
        if seen > LOCATE_WALK_LIMIT:
            break
    return None if best is None else (best[1], best[2])


def _is_view_state(key: str) -> bool:
    return key == "position" or key.startswith("gui.")


def _is_personal(key: str) -> bool:
    """Meta keys that are each reviewer's own on a server: view state and the name."""
    return key == "reviewer" or _is_view_state(key)


def _safe_file_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name).strip(".") or "session"


def _server_local_path(location: ServerLocation) -> Path:
    """Where a server session's exports are suggested: the documents folder (else the
    home folder), named after the session. Nothing is written there by the session."""
    home = Path.home()
    folder = home / "Documents" if (home / "Documents").is_dir() else home
    return folder / f"{_safe_file_name(location.session)}{SESSION_SUFFIX}"


def checkpoint_file(path: str | Path) -> None:
    """A passive checkpoint of a session's write-ahead log from a connection of its own
    (safe from any thread; it never blocks the program writing the session)."""
    with suppress(sqlite3.Error):
        connection = sqlite3.connect(str(path), timeout=0.1)
        try:
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            connection.close()


def _unwritable_reason(path: Path) -> str:
    """Why a session file cannot be written here ('' if it can)."""
    if not os.access(path, os.W_OK):
        return "read-only (the file is not writable here)"
    if not os.access(path.parent, os.W_OK):
        return "read-only (its folder is not writable: SQLite writes beside the file)"
    return ""


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; ``immutable`` when even SQLite's side files cannot be made."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    for suffix in ("", "&immutable=1"):
        connection = sqlite3.connect(uri + suffix, uri=True, isolation_level=None,
                                     check_same_thread=False)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            connection.close()
            if suffix:
                raise
            continue
        return connection
    raise AssertionError("unreachable")


def _main_file_session_id(path: Path) -> str:
    """The session id in the main file alone, not counting its write-ahead log."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            row = connection.execute("SELECT value FROM meta WHERE key = 'session_id'").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return ""
    return row[0] if row else ""


def _set_aside_orphaned_wal(path: Path) -> str:
    """A crash can leave a write-ahead log beside a session file that was then replaced
    by another one; SQLite would merge the stale log into the wrong file. The lock
    file names the session the log belongs to: a mismatch moves the log aside."""
    wal = Path(f"{path}-wal")
    try:
        if wal.stat().st_size == 0:
            return ""
    except OSError:
        return ""
    if live_owner(path) is not None:
        return ""
    stale = read_owner(path)
    if stale is None or not stale.session_id:
        return ""
    found = _main_file_session_id(path)
    if not found or found == stale.session_id:
        return ""
    target = wal.with_name(f"{wal.name}.orphaned-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        wal.replace(target)
        Path(f"{path}-shm").unlink(missing_ok=True)
    except OSError:
        return ""
    return translate(
        "core.notes",
        "{name}: a write-ahead log left by a crash belonged to another session file; it was "
        "set aside as {target}, not merged into this one",
    ).format(name=path.name, target=target.name)


def _chunks(ids: list[int], size: int = 900) -> Iterable[list[int]]:
    """Slices of at most ``size`` ids (SQLite caps the number of bound parameters)."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _adds_existing_column(connection: sqlite3.Connection, statement: str) -> bool:
    """Whether ``statement`` is ``ALTER TABLE t ADD COLUMN c ...`` for a column ``t``
    has already (SQLite has no ``ADD COLUMN IF NOT EXISTS``)."""
    words = statement.split()
    if len(words) < 6 or [w.upper() for w in (words[0], words[1], words[3], words[4])] != [
            "ALTER", "TABLE", "ADD", "COLUMN"]:
        return False
    columns = {row[1] for row in connection.execute(f"PRAGMA table_info({words[2]})")}
    return words[5] in columns


def _statements(script: str) -> list[str]:
    """The statements of a schema script (no semicolons inside them), to run in a
    transaction: ``executescript`` would commit first."""
    return [part.strip() for part in script.split(";") if part.strip()]


def _cannot_create(path: Path, error: OSError) -> UserError:
    return UserError(
        translate("core.errors", "{path}: cannot create the session ({strerror})").format(
            path=path, strerror=error.strerror)
    )


def _few_texts(column: pd.Series) -> list[str]:
    """A column of few distinct texts (classes, splits) as a list: one string object per
    distinct value, where ``tolist`` makes one per row (a third of the time at 1M rows)."""
    codes, uniques = pd.factorize(column)
    if len(uniques) * 4 > len(column) or (codes < 0).any():
        return column.tolist()
    return np.asarray(uniques, dtype=object)[codes].tolist()


def _floats_or_none(values: pd.Series) -> list[float | None]:
    numbers = to_floats(values).to_numpy()
    cells = numbers.astype(object)  # Python floats
    cells[np.isnan(numbers)] = None
    return cells.tolist()


def _sync_file(path: Path) -> None:
    """Flush a file to disk (a session made with ``synchronous = OFF``)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename into it), where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot sync a folder
    finally:
        os.close(descriptor)


#: A cell the plain CSV writer of :func:`_plain_csv` cannot write as it is.
_CSV_SPECIAL = '[",\r\n]'


def _quoted_csv(frame: pd.DataFrame) -> str:
    """``to_csv`` of the frame, with cells holding a carriage return quoted: pandas'
    writer quotes only its own line terminator, and a bare ``\\r`` split the row on
    reading (every metadata column was then dropped)."""
    text = frame.to_csv(index=False)  # not a spreadsheet
    if "\r" not in text:
        return text
    return frame.to_csv(index=False, lineterminator="\r\n")  # not a spreadsheet


def _plain_csv(frame: pd.DataFrame) -> str:
    """pandas' ``to_csv`` text of the frame (no index), the same bytes, joined in Arrow
    when no cell or name needs quoting (pandas' writer takes seconds over a million rows)."""
    names = [str(c) for c in frame.columns]
    if pa is None or len(names) < 2 or len(frame) == 0 or any(
            c in name for name in names for c in '",\r\n'):
        return _quoted_csv(frame)  # not a spreadsheet
    columns = []
    for name in frame.columns:
        # Arrow-backed text as it is; Python strings copied in C; missing cells as nulls.
        strings = arrow_strings(frame[name])
        if strings is None:
            return _quoted_csv(frame)  # not all text; not a spreadsheet
        array = strings.cast(pa.large_string())
        if isinstance(array, pa.ChunkedArray):
            array = array.combine_chunks()
        if array.null_count or pc.any(pc.match_substring_regex(array, _CSV_SPECIAL)).as_py():
            return _quoted_csv(frame)  # not a spreadsheet
        columns.append(array)
    end = os.linesep  # pandas' line terminator
    lines = pc.binary_join_element_wise(*columns, pa.scalar(",", type=pa.large_string()))
    lines = pc.binary_join_element_wise(lines, pa.scalar(end, type=pa.large_string()),
                                        pa.scalar("", type=pa.large_string()))
    # The rows' bytes back to back: the values buffer, between the first and last offset.
    _validity, offsets, data = lines.buffers()
    bounds = np.frombuffer(offsets, dtype=np.int64, count=len(lines) + 1, offset=lines.offset * 8)
    body = data.to_pybytes()[int(bounds[0]):int(bounds[-1])].decode("utf-8")
    return ",".join(names) + end + body


def _item_rows(
    items: pd.DataFrame, metadata_columns: Sequence[str], start: int
) -> Iterable[tuple[Any, ...]]:
    n = len(items)
    columns = list(metadata_columns)
    meta_values = [items[c].astype(str).tolist() for c in columns] if columns else []
    metadata = _metadata_json(columns, meta_values) if columns else ["{}"] * n
    if metadata is None:
        metadata = [
            json.dumps(dict(zip(columns, values, strict=True)), ensure_ascii=False)
            for values in zip(*meta_values, strict=True)
        ]
    origin = items["origin"].astype(str).tolist() if "origin" in items else [ERROR] * n
    weight = (items["weight"].to_numpy(dtype=float).tolist() if "weight" in items
              else [1.0] * n)
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
        weight,
        strict=True,
    )


def _metadata_json(columns: list[str], values: list[list[Any]]) -> list[str] | None:
    """Per row, ``json.dumps({column: value, ...}, ensure_ascii=False)`` of text cells,
    built column-wise in Arrow; ``None`` when a cell is not text or holds a control
    character (then the caller asks ``json`` row by row), and always without pyarrow."""
    if pa is None or len(set(columns)) != len(columns):
        return None

    def text(value: str) -> pa.Scalar:
        return pa.scalar(value, type=pa.large_string())

    pieces: list[pa.Array | pa.Scalar] = []
    for index, (column, cells) in enumerate(zip(columns, values, strict=True)):
        try:
            array = pa.array(cells, type=pa.large_string())
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return None
        if array.null_count or pc.any(pc.match_substring_regex(array, "[\\x00-\\x1f]")).as_py():
            return None
        # json escapes only the backslash and the quote in other text.
        array = pc.replace_substring(array, "\\", "\\\\")
        array = pc.replace_substring(array, '"', '\\"')
        lead = ("{" if index == 0 else '", ') + json.dumps(column, ensure_ascii=False) + ': "'
        pieces += [text(lead), array]
    pieces.append(text('"}'))
    return pc.binary_join_element_wise(*pieces, text("")).to_pylist()


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
        state,
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
        state=int(state),
        reviewer=reviewer,
    )
