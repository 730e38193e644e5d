"""Sessions on the server: making one, migrating one, and moving one to and from a file.

``push`` and ``pull`` copy every table row for row (PostgreSQL's ``COPY``: a
100,000-item session with a million predictions rows moves in seconds), so
what arrives is the same review: categories, items, ticks, states, comments,
per-reviewer answers, predictions and their metadata.

A server session stores its schema version in ``meta`` (``schema_version``);
:func:`migrate_server` brings an older one up to date in one transaction,
under an advisory lock, so two reviewers opening it at once migrate it once.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from erroranalysis.core.errors import UserError
from erroranalysis.core.store import ServerLocation
from erroranalysis.core.store.postgres import (
    PgConnection,
    ServerError,
    pg_schema_statements,
    require_psycopg,
)
from erroranalysis.i18n import translate

#: Tables in an order that satisfies their foreign keys.
TABLES = (
    "meta", "categories", "items", "ticks", "unassessed", "predictions", "item_features",
    "suggestions", "reviewers", "reviewer_reviews", "reviewer_ticks", "reviewer_unassessed",
    "blobs",
)
#: Tables whose id the server generates afterwards (kept ahead of the copied ids).
_IDENTITIES = {"categories": "id", "items": "id", "predictions": "row"}
#: Tables read back in a set order (SQLite keeps them in insertion order).
_ORDER = {"reviewers": " ORDER BY rowid"}


def server_session_exists(connection: PgConnection) -> bool:
    """Whether the location's session (its schema, with its tables) is on the server."""
    row = connection.execute(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = 'meta'",
        (connection.location.schema,)).fetchone()
    return row is not None


def server_version(connection: PgConnection) -> int:
    """The schema version a server session records (``meta.schema_version``)."""
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0]) if row else 1
    except ValueError:
        return 1


def create_server_schema(connection: PgConnection, script: str, version: int) -> None:
    """An empty session schema on the server (the store's tables, PostgreSQL's types),
    stamped with ``version``."""
    schema = connection.location.schema
    connection.execute("BEGIN")
    try:
        connection.execute(f'CREATE SCHEMA "{schema}"')
        connection.execute(f'SET LOCAL search_path TO "{schema}", public')
        for statement in pg_schema_statements(script):
            connection.execute(statement)
        connection.execute("DELETE FROM meta")  # rows come from the copied session
        connection.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(version),))
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute(f'SET search_path TO "{schema}", public')


def migrate_server(connection: PgConnection, migrations: dict[int, str], target: int) -> int:
    """Bring a server session to schema ``target``: every missing migration, in one
    transaction, under an advisory lock (a second reviewer opening it meanwhile waits,
    then finds it done). Returns the version found before."""
    found = server_version(connection)
    if found >= target:
        return found
    location = connection.location
    connection.execute("BEGIN")
    try:
        connection.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (location.schema,))
        version = server_version(connection)
        while version < target:
            for statement in pg_schema_statements(migrations[version]):
                connection.execute(statement)
            version += 1
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                           (str(version),))
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return found


def push(local: Path, location: ServerLocation, *, overwrite: bool = False,
         password: str | None = None) -> int:
    """Upload a session file to the server as a new session; returns its number of items."""
    from erroranalysis.core.session import ALL_SCHEMA, SCHEMA_VERSION, ReviewSession

    require_psycopg()
    local = Path(local)
    with ReviewSession.open(local, read_only=True) as session:
        session.verify()
    source = sqlite3.connect(f"file:{local.resolve()}?mode=ro", uri=True)
    try:
        version = source.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise UserError(
                translate(
                    "core.errors",
                    "{local}: open it once with this version (it migrates to schema "
                    "{version}) before pushing it",
                ).format(local=local, version=SCHEMA_VERSION)
            )
        connection = PgConnection(location, password)
    except BaseException:
        source.close()
        raise
    try:
        if server_session_exists(connection) and not overwrite:
            raise UserError(
                translate(
                    "core.errors",
                    "{location}: a session of that name already exists on the server; choose "
                    "another name, or --force to replace it",
                ).format(location=location)
            )
        raw = connection.raw
        with raw.transaction():
            # Dropped and made again in one transaction: readers see the old session or
            # the new one, never half of it.
            raw.execute(f'DROP SCHEMA IF EXISTS "{location.schema}" CASCADE')
            raw.execute(f'CREATE SCHEMA "{location.schema}"')
            raw.execute(f'SET LOCAL search_path TO "{location.schema}", public')
            for statement in pg_schema_statements(ALL_SCHEMA):
                raw.execute(statement)
            raw.execute("DELETE FROM meta")
            for table in TABLES:
                columns = [r[1] for r in source.execute(f"PRAGMA table_info({table})")]
                names = ", ".join(columns)
                with raw.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in source.execute(f"SELECT {names} FROM {table}"):
                        copy.write_row(row)
            for table, column in _IDENTITIES.items():
                raw.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
                            f" GREATEST(1, (SELECT COALESCE(max({column}), 0) FROM {table})))")
            raw.execute("INSERT INTO meta VALUES ('schema_version', %s)"
                        " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                        (str(version),))
            count = raw.execute("SELECT COUNT(*) FROM items").fetchone()[0]
        # Anyone who had the old session open reads everything again.
        connection.notify({"k": "items", "i": None, "s": "push"})
    except ServerError as error:
        raise UserError(
            translate(
                "core.errors",
                "{location}: {error}",
            ).format(location=location, error=error)
        ) from None
    except require_psycopg().Error as error:
        raise UserError(
            translate(
                "core.errors",
                "{location}: the server refused the upload ({error})",
            ).format(location=location, error=error)
        ) from None
    finally:
        source.close()
        connection.close()
    return int(count)


def pull(location: ServerLocation, local: Path, *, overwrite: bool = False,
         password: str | None = None) -> int:
    """Copy a session from the server into a session file; returns its number of items.

    The file appears whole or not at all (written under a temporary name, then renamed).
    """
    from erroranalysis.core.session import ALL_SCHEMA, MIGRATIONS, SCHEMA_VERSION, _statements

    local = Path(local)
    if local.exists() and not overwrite:
        raise UserError(
            translate(
                "core.errors",
                "{local}: exists already; choose another name, or --force",
            ).format(local=local)
        )
    connection = PgConnection(location, password)
    temporary = local.with_name(local.name + ".pulling")
    try:
        if not server_session_exists(connection):
            raise UserError(
                translate(
                    "core.errors",
                    "{location}: no such session on the server",
                ).format(location=location)
            )
        migrate_server(connection, MIGRATIONS, SCHEMA_VERSION)
        temporary.unlink(missing_ok=True)
        target = sqlite3.connect(temporary, isolation_level=None)
        try:
            target.execute("BEGIN")
            for statement in _statements(ALL_SCHEMA):
                target.execute(statement)
            target.execute("DELETE FROM meta")
            raw = connection.raw
            with raw.transaction():  # one snapshot of every table
                raw.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                for table in TABLES:
                    columns = [r[1] for r in target.execute(f"PRAGMA table_info({table})")]
                    names = ", ".join(columns)
                    types = dict(raw.execute(
                        "SELECT column_name, udt_name FROM information_schema.columns"
                        " WHERE table_schema = %s AND table_name = %s",
                        (location.schema, table)).fetchall())
                    marks = ", ".join("?" * len(columns))
                    query = f"COPY (SELECT {names} FROM {table}{_ORDER.get(table, '')}) TO STDOUT"
                    with raw.cursor().copy(query) as copy:
                        copy.set_types([types[c] for c in columns])
                        target.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                                           copy.rows())
            target.execute("DELETE FROM meta WHERE key = 'schema_version'")
            target.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            target.execute("COMMIT")
            target.execute("PRAGMA journal_mode = WAL")
            count = target.execute("SELECT COUNT(*) FROM items").fetchone()[0]
        finally:
            target.close()
        temporary.replace(local)
    except ServerError as error:
        temporary.unlink(missing_ok=True)
        raise UserError(
            translate(
                "core.errors",
                "{location}: {error}",
            ).format(location=location, error=error)
        ) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        connection.close()
    return int(count)


def drop_server_session(location: ServerLocation, password: str | None = None) -> None:
    """Delete a session from the server (its schema and every table in it)."""
    connection = PgConnection(location, password)
    try:
        connection.execute(f'DROP SCHEMA IF EXISTS "{location.schema}" CASCADE')
    finally:
        connection.close()
