"""A session on a PostgreSQL server: the store's SQL on psycopg 3.

:class:`PgConnection` offers what the session store uses of an ``sqlite3``
connection (``execute``, ``executemany``, cursors of tuples, ``lastrowid``)
and translates the few SQLite-isms of its SQL (``?`` parameters, ``INSERT OR
IGNORE/REPLACE``, ``BEGIN IMMEDIATE``). Errors surface as
:class:`ServerError`, an ``sqlite3.OperationalError``, so the store's one
error path (one line naming the cause, never a traceback) covers both
backends. A lost connection is re-opened on the next statement outside a
transaction; a transaction it broke fails as a whole (nothing half-written)
and the window retries the edit.

Each session is a schema (``ea_NAME``) of the database; every committed
change is announced with ``NOTIFY`` on the session's channel, so the other
reviewers' windows update within a second (:class:`Listener`).
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from typing import Any

import numpy as np

from erroranalysis import i18n
from erroranalysis.core.errors import UserError
from erroranalysis.core.store import ServerLocation, remembered_password

#: Tables ``INSERT OR REPLACE`` writes: (conflict key, columns the new row replaces).
_UPSERTS = {
    "meta": (("key",), ("value",)),
    "item_features": (("name", "item_id"), ("value",)),
    "suggestions": (("category_id", "item_id"), ("accepted", "reviewer", "decided_at")),
}
_INSERT_OR = re.compile(r"^\s*INSERT OR (IGNORE|REPLACE) INTO (\w+)", re.IGNORECASE)

#: How long a connection attempt waits for the server, in seconds.
CONNECT_TIMEOUT = 5
#: How long a write waits for a row another reviewer's transaction holds.
LOCK_TIMEOUT = "10s"
#: How long the listener gathers a burst of announcements before handing them over.
BATCH_SECONDS = 0.05


class ServerError(sqlite3.OperationalError):
    """The server refused or could not be reached (the message says which, in one line)."""

    def __init__(self, message: str, *, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable


class PasswordNeeded(UserError):
    """The server asks for a password that libpq found nowhere (URL, ``PGPASSWORD``,
    ``~/.pgpass``) or refused the one given: the caller may ask the user and retry."""

    def __init__(self, location: ServerLocation, refused: bool) -> None:
        self.location = location
        self.refused = refused
        what = "refused the password" if refused else "asks for a password"
        super().__init__(f"{location.display_url}: the server {what}; put it in ~/.pgpass "
                         "(or PGPASSFILE), or type it when asked")


def require_psycopg():  # type: ignore[no-untyped-def]
    """psycopg 3, or a :class:`UserError` saying how to install it."""
    try:
        import psycopg
    except ImportError:
        raise UserError(
            i18n.translate(
                "core.errors",
                "sessions on a PostgreSQL server need psycopg: pip install "
                "'erroranalysis[server]'",
            )
        ) from None
    return psycopg


@functools.lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """The store's SQL (SQLite's dialect) in PostgreSQL's."""
    text = sql.strip()
    if text.upper().startswith("BEGIN"):
        return "BEGIN"
    suffix = ""
    match = _INSERT_OR.match(text)
    if match:
        how, table = match.group(1).upper(), match.group(2)
        text = "INSERT INTO " + text[match.end() - len(table):]
        if how == "IGNORE":
            suffix = " ON CONFLICT DO NOTHING"
        else:
            keys, values = _UPSERTS[table]
            sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in values)
            suffix = f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {sets}"
    text = text.replace("%", "%%").replace("?", "%s") + suffix
    if re.match(r"INSERT INTO categories \(name", text):
        text += " RETURNING id"
    return text


_PLAIN = (int, str, float, bytes, type(None))


def _adapt(params: Sequence[Any]) -> tuple:
    """Parameters psycopg can send: numpy numbers as Python's, booleans as 0/1 (the
    schema's flags are integers, as in SQLite, and PostgreSQL compares no bool with one)."""
    out = tuple(params)
    if all(type(p) in _PLAIN for p in out):
        return out
    return tuple(_adapt_one(p) for p in out)


def _adapt_one(value: Any) -> Any:
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def _register_loaders(connection: Any) -> None:
    """SUM() and AVG() give ``numeric``: load it as int or float (SQLite's types), not
    Decimal, which numpy and the tally's arithmetic do not mix with."""
    from psycopg.adapt import Loader

    class NumberLoader(Loader):
        def load(self, data: Any) -> int | float:
            text = bytes(data)
            if b"." in text or b"e" in text or b"E" in text or b"N" in text:
                return float(text)
            return int(text)

    connection.adapters.register_loader("numeric", NumberLoader)


class PgCursor:
    """The part of an ``sqlite3.Cursor`` the store uses."""

    def __init__(self, rows: list[tuple] | None, description: Any,
                 lastrowid: int | None = None) -> None:
        self._rows = rows or []
        self._index = 0
        self.lastrowid = lastrowid
        self.description = description

    def fetchone(self) -> tuple | None:
        if self._index >= len(self._rows):
            return None
        self._index += 1
        return self._rows[self._index - 1]

    def fetchall(self) -> list[tuple]:
        rows = self._rows[self._index:]
        self._index = len(self._rows)
        return rows

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.fetchall())


class PgConnection:
    """A PostgreSQL connection that the session store can use like SQLite's.

    Autocommit, as the store's SQLite connection (``isolation_level=None``): the
    store's own ``BEGIN``/``COMMIT`` make its transactions. Safe to share between
    threads (psycopg serialises the calls), like the store's SQLite connection.
    """

    def __init__(self, location: ServerLocation, password: str | None = None) -> None:
        self.location = location
        self._password = password
        self._in_transaction = False
        self._conn: Any = None
        self._connect()

    # ------------------------------------------------------------ connecting
    def _connect(self) -> None:
        self._conn = connect(self.location, self._password)
        with suppress(Exception):
            self._conn.execute(f'SET search_path TO "{self.location.schema}", public')
        self._in_transaction = False

    def _ensure(self) -> None:
        if self._conn is None or self._conn.closed or self._conn.broken:
            if self._in_transaction:
                self._in_transaction = False
                raise ServerError("the connection to the session server was lost mid-change; "
                                  "nothing of that change was saved", unreachable=True)
            self._connect()

    @property
    def in_transaction(self) -> bool:
        return self._in_transaction

    # -------------------------------------------------------------- the API
    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        """Run one statement; a read or a ``BEGIN`` that finds the connection lost
        (a server restart) is tried once more on a new connection."""
        psycopg = require_psycopg()
        statement = translate(sql)
        values = _adapt(params)
        head = statement.split(None, 1)[0].upper()
        was_in_transaction = self._in_transaction
        for attempt in (0, 1):
            self._ensure()
            try:
                cursor = self._conn.execute(statement, values)
                break
            except psycopg.OperationalError as error:
                lost = self._conn.broken or self._conn.closed
                if lost:
                    self._in_transaction = False
                if attempt == 0 and lost and not was_in_transaction and \
                        head in ("BEGIN", "SELECT", "SET"):
                    continue  # nothing was done: do it on a new connection
                if head in ("ROLLBACK", "COMMIT"):
                    self._in_transaction = False
                raise server_error(error, lost) from None
            except psycopg.Error as error:
                if head in ("ROLLBACK", "COMMIT"):
                    self._in_transaction = False
                raise server_error(error, False) from None
        if head == "BEGIN":
            self._in_transaction = True
        elif head in ("COMMIT", "ROLLBACK", "END"):
            self._in_transaction = False
        lastrowid = None
        rows = cursor.fetchall() if cursor.description else None
        if statement.endswith("RETURNING id") and rows:
            lastrowid = rows[0][0]
            rows = None
        elif statement.startswith("INSERT INTO categories (id"):
            # An explicit id (an undo bringing a category back): keep the identity ahead.
            self.execute("SELECT setval(pg_get_serial_sequence('categories', 'id'),"
                         " (SELECT max(id) FROM categories))")
        return PgCursor(rows, cursor.description, lastrowid)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        psycopg = require_psycopg()
        statement = translate(sql)
        values = [_adapt(r) for r in rows]
        if not values:
            return
        self._ensure()
        try:
            with self._conn.cursor() as cursor:
                cursor.executemany(statement, values)
        except psycopg.OperationalError as error:
            lost = self._conn.broken or self._conn.closed
            if lost:
                self._in_transaction = False
            raise server_error(error, lost) from None
        except psycopg.Error as error:
            raise server_error(error, False) from None

    def notify(self, payload: dict[str, Any]) -> None:
        """Tell the other reviewers' windows what changed (sent at once: autocommit)."""
        text = json.dumps(payload, separators=(",", ":"))
        if len(text) > 7900:  # NOTIFY's limit is 8000 bytes: "many items" instead
            text = json.dumps({**payload, "i": None}, separators=(",", ":"))
        # On failure the change is saved all the same; the others' listeners resync
        # whenever their own connection comes back.
        with suppress(ServerError):
            self.execute("SELECT pg_notify(?, ?)", (channel(self.location), text))

    def close(self) -> None:
        if self._conn is not None:
            with suppress(Exception):
                self._conn.close()

    @property
    def backend_pid(self) -> int:
        """The server process serving this connection (what ``pg_terminate_backend`` takes)."""
        self._ensure()
        return int(self._conn.info.backend_pid)

    @property
    def raw(self):  # type: ignore[no-untyped-def]
        """The psycopg connection (for ``COPY``)."""
        self._ensure()
        return self._conn


def connect(location: ServerLocation, password: str | None = None) -> Any:
    """A psycopg connection to the location's database (autocommit), or
    :class:`PasswordNeeded` / :class:`ServerError`."""
    psycopg = require_psycopg()
    given = password if password is not None else remembered_password(location)
    options: dict[str, Any] = {"autocommit": True, "application_name": "erroranalysis"}
    if "connect_timeout" not in location.url:
        options["connect_timeout"] = CONNECT_TIMEOUT
    if given is not None:
        options["password"] = given
    try:
        connection = psycopg.connect(location.url, **options)
    except psycopg.OperationalError as error:
        text = str(error).lower()
        if "no password supplied" in text:
            raise PasswordNeeded(location, refused=False) from None
        if "password authentication failed" in text:
            raise PasswordNeeded(location, refused=True) from None
        raise server_error(error, True) from None
    except psycopg.Error as error:
        raise server_error(error, True) from None
    _register_loaders(connection)
    with suppress(psycopg.Error):
        connection.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
    return connection


def channel(location: ServerLocation) -> str:
    """The NOTIFY channel of a session."""
    return f"{location.schema}_changes"


def server_error(error: BaseException, lost: bool) -> ServerError:
    """A psycopg error as one line for the reviewer."""
    lines = str(error).strip().splitlines()
    message = lines[0] if lines else type(error).__name__
    message = message.removeprefix("connection failed: ").strip()
    sqlstate = getattr(error, "sqlstate", None) or ""
    lowered = message.lower()
    if "password" in lowered or "authentication" in lowered:
        return ServerError(f"the server refused the login ({message}); put the password in "
                           "~/.pgpass", unreachable=False)
    if lost or sqlstate.startswith(("08", "57P")) or (not sqlstate and (
            "connection" in lowered or "timeout" in lowered or "server" in lowered)):
        return ServerError(f"the session server cannot be reached ({message})", unreachable=True)
    if sqlstate == "55P03":
        return ServerError("another reviewer's change holds these items; try again in a moment")
    if sqlstate.startswith("40"):
        return ServerError(f"another reviewer's change collided with this one ({message}); "
                           "try again")
    return ServerError(f"the session server refused the change ({message})")


class Listener:
    """Calls ``on_change(payloads)`` (on its own thread) with the changes announced on the
    session's channel, a burst at a time (those that arrive within :data:`BATCH_SECONDS`
    of the first: ten reviewers ticking make hundreds a second, and each program reads
    what changed once per burst, not once per tick); ``stop()`` ends it.

    When its connection comes back after being lost (the server restarted, the network
    dropped), it calls ``on_change([{"k": "resync"}])``: changes announced meanwhile
    were missed, so everything must be read again.
    """

    def __init__(self, location: ServerLocation, on_change: Callable[[dict], None],
                 password: str | None = None) -> None:
        self._location = location
        self._on_change = on_change
        self._password = password
        self._stop = threading.Event()
        self.listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="session-listener", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        psycopg = require_psycopg()
        connected_before = False
        while not self._stop.is_set():
            try:
                with connect(self._location, self._password) as conn:
                    conn.execute(f'LISTEN "{channel(self._location)}"')
                    self.listening.set()
                    if connected_before:
                        self._call([{"k": "resync"}])
                    connected_before = True
                    while not self._stop.is_set():
                        notes = list(conn.notifies(timeout=0.5, stop_after=1))
                        if not notes:
                            continue
                        notes += conn.notifies(timeout=BATCH_SECONDS, stop_after=1000)
                        payloads = []
                        for note in notes:
                            with suppress(ValueError):
                                payloads.append(json.loads(note.payload))
                        self._call(payloads)
            except (psycopg.Error, UserError):
                self.listening.clear()
                self._stop.wait(1.0)  # the server is down: try again shortly

    def _call(self, payloads: list[dict]) -> None:
        with suppress(Exception):  # a listener must not die of one bad change
            self._on_change(payloads)

    def stop(self, wait: float = 1.0) -> None:
        self._stop.set()
        self._thread.join(wait)


def pg_schema_statements(sqlite_script: str) -> list[str]:
    """The session schema (written for SQLite) as PostgreSQL statements."""
    out = []
    for statement in (s.strip() for s in sqlite_script.split(";")):
        if not statement:
            continue
        s = statement
        s = re.sub(r"\b(\w+) INTEGER PRIMARY KEY\b",
                   r"\1 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", s)
        s = s.replace(") WITHOUT ROWID", ")")
        s = re.sub(r"\bINTEGER\b", "BIGINT", s)
        s = re.sub(r"\bREAL\b", "DOUBLE PRECISION", s)
        s = re.sub(r"\bBLOB\b", "BYTEA", s)
        s = s.replace("(name COLLATE NOCASE)", "(lower(name))")
        s = s.replace("lower(hex(randomblob(16)))",
                      "md5(random()::text || clock_timestamp()::text)")
        if s.upper().startswith("INSERT OR IGNORE INTO"):
            s = "INSERT INTO" + s[len("INSERT OR IGNORE INTO"):] + " ON CONFLICT DO NOTHING"
        if re.match(r"CREATE TABLE reviewers\b", s) and s.endswith(")"):
            # SQLite keeps the reviewers in insertion order (rowid); so does this column.
            s = s[:-1] + ", rowid BIGINT GENERATED BY DEFAULT AS IDENTITY)"
        out.append(s)
    return out
