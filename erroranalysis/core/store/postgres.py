"""A session on a PostgreSQL server: the store's SQL on psycopg 3, and moving sessions over.

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

import json
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from typing import Any

from erroranalysis.core.errors import UserError
from erroranalysis.core.store import ServerLocation

#: Tables ``INSERT OR REPLACE`` writes: (conflict key, columns the new row replaces).
_UPSERTS = {
    "meta": (("key",), ("value",)),
    "item_features": (("name", "item_id"), ("value",)),
    "suggestions": (("category_id", "item_id"), ("accepted", "reviewer", "decided_at")),
}
_INSERT_OR = re.compile(r"^\s*INSERT OR (IGNORE|REPLACE) INTO (\w+)", re.IGNORECASE)


class ServerError(sqlite3.OperationalError):
    """The server refused or could not be reached (message says which)."""


def require_psycopg():  # type: ignore[no-untyped-def]
    try:
        import psycopg
    except ImportError:
        raise UserError(
            "sessions on a PostgreSQL server need psycopg: pip install 'erroranalysis[server]'"
        ) from None
    return psycopg


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


class PgCursor:
    """The part of an ``sqlite3.Cursor`` the store uses."""

    def __init__(self, cursor: Any, lastrowid: int | None = None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid
        self.description = cursor.description

    def fetchone(self) -> tuple | None:
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list[tuple]:
        return self._cursor.fetchall() if self._cursor.description else []

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.fetchall())


class PgConnection:
    """A PostgreSQL connection that the session store can use like SQLite's."""

    def __init__(self, location: ServerLocation, password: str | None = None) -> None:
        self.location = location
        self._password = password
        self._in_transaction = False
        self._conn = None
        self._connect()

    # ------------------------------------------------------------ connecting
    def _connect(self) -> None:
        psycopg = require_psycopg()
        try:
            self._conn = psycopg.connect(self.location.url, autocommit=True,
                                         password=self._password, connect_timeout=5)
            self._conn.execute(f'SET search_path TO "{self.location.schema}", public')
        except psycopg.OperationalError as error:
            raise ServerError(_first_line(error)) from None

    def _ensure(self) -> None:
        if self._conn is None or self._conn.closed or self._conn.broken:
            if self._in_transaction:
                raise ServerError("the connection to the session server was lost mid-change; "
                                  "nothing of that change was saved")
            self._connect()

    # -------------------------------------------------------------- the API
    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        psycopg = require_psycopg()
        statement = translate(sql)
        self._ensure()
        try:
            cursor = self._conn.execute(statement, tuple(params))
        except psycopg.OperationalError as error:
            self._in_transaction = False
            raise ServerError(_first_line(error)) from None
        except psycopg.Error as error:
            raise ServerError(_first_line(error)) from None
        head = statement.split(None, 1)[0].upper()
        if head == "BEGIN":
            self._in_transaction = True
        elif head in ("COMMIT", "ROLLBACK"):
            self._in_transaction = False
        lastrowid = None
        if statement.endswith("RETURNING id"):
            lastrowid = cursor.fetchone()[0]
        elif statement.startswith("INSERT INTO categories (id"):
            # An explicit id (an undo bringing a category back): keep the identity ahead.
            self._conn.execute("SELECT setval(pg_get_serial_sequence('categories', 'id'),"
                               " (SELECT max(id) FROM categories))")
        return PgCursor(cursor, lastrowid)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        psycopg = require_psycopg()
        statement = translate(sql)
        rows = [tuple(r) for r in rows]
        if not rows:
            return
        self._ensure()
        try:
            with self._conn.cursor() as cursor:
                cursor.executemany(statement, rows)
        except psycopg.OperationalError as error:
            self._in_transaction = False
            raise ServerError(_first_line(error)) from None
        except psycopg.Error as error:
            raise ServerError(_first_line(error)) from None

    def notify(self, payload: dict[str, Any]) -> None:
        """Tell the other reviewers' windows what changed (sent at once: autocommit)."""
        text = json.dumps(payload)[:7900]
        # On failure the change is saved all the same; the others see it on their next read.
        with suppress(ServerError):
            self.execute("SELECT pg_notify(?, ?)", (channel(self.location), text))

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()

    @property
    def raw(self):  # type: ignore[no-untyped-def]
        self._ensure()
        return self._conn


def channel(location: ServerLocation) -> str:
    return f"{location.schema}_changes"


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    message = text[0] if text else type(error).__name__
    if "password" in message.lower() or "authentication" in message.lower():
        return f"the server refused the login ({message}); put the password in ~/.pgpass"
    if "connection" in message.lower() or "timeout" in message.lower():
        return f"the session server cannot be reached ({message})"
    return message


class Listener:
    """Calls ``on_change(payload)`` (on its own thread) for each change another program
    announces on the session's channel; ``stop()`` ends it."""

    def __init__(self, location: ServerLocation, on_change: Callable[[dict], None],
                 password: str | None = None) -> None:
        self._location = location
        self._on_change = on_change
        self._password = password
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="session-listener", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        psycopg = require_psycopg()
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._location.url, autocommit=True,
                                     password=self._password, connect_timeout=5) as conn:
                    conn.execute(f'LISTEN "{channel(self._location)}"')
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5, stop_after=50):
                            with suppress(Exception):  # a listener must not die
                                self._on_change(json.loads(note.payload))
            except psycopg.Error:
                self._stop.wait(1.0)  # the server is down: try again shortly

    def stop(self) -> None:
        self._stop.set()


def sender_id() -> str:
    """Who sent a notification (to ignore one's own)."""
    return f"{os.getpid()}-{threading.get_ident()}"


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
        out.append(s)
    return out
