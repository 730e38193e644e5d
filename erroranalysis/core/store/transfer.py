"""Moving a session between a file and a server: ``push`` and ``pull``.

Both copy every table row for row (PostgreSQL's ``COPY``: a 100,000-item
session with a million predictions rows moves in seconds), so what arrives is
the same review: categories, items, ticks, states, comments, per-reviewer
answers, predictions and their metadata.
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

#: Tables in an order that satisfies their foreign keys.
TABLES = (
    "meta", "categories", "items", "ticks", "unassessed", "predictions", "item_features",
    "suggestions", "reviewers", "reviewer_reviews", "reviewer_ticks", "reviewer_unassessed",
    "blobs",
)
#: Tables whose id the server generates afterwards (kept ahead of the copied ids).
_IDENTITIES = {"categories": "id", "items": "id", "predictions": "row"}


def server_session_exists(connection: PgConnection) -> bool:
    row = connection.execute(
        "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?",
        (connection.location.schema,)).fetchone()
    return row is not None


def create_server_schema(connection: PgConnection, script: str, version: int) -> None:
    """An empty session schema on the server (the store's tables, PostgreSQL's types)."""
    schema = connection.location.schema
    connection.execute("BEGIN")
    try:
        connection.execute(f'CREATE SCHEMA "{schema}"')
        connection.execute(f'SET LOCAL search_path TO "{schema}", public')
        for statement in pg_schema_statements(script):
            connection.execute(statement)
        connection.execute("DELETE FROM meta")  # rows come from the copied session
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute(f'SET search_path TO "{schema}", public')
    del version


def push(local: Path, location: ServerLocation, *, overwrite: bool = False,
         password: str | None = None) -> int:
    """Upload a session file to the server; returns the number of items."""
    from erroranalysis.core.session import ALL_SCHEMA, SCHEMA_VERSION, ReviewSession

    require_psycopg()
    with ReviewSession.open(local, read_only=True) as session:
        session.verify()
    source = sqlite3.connect(f"file:{local.resolve()}?mode=ro", uri=True)
    version = source.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        source.close()
        raise UserError(f"{local}: open it once with this version (it migrates to schema "
                        f"{SCHEMA_VERSION}) before pushing it")
    connection = PgConnection(location, password)
    try:
        if server_session_exists(connection):
            if not overwrite:
                raise UserError(f"{location}: the server has a session of that name already; "
                                "choose another name, or --force to replace it")
            connection.execute(f'DROP SCHEMA "{location.schema}" CASCADE')
        create_server_schema(connection, ALL_SCHEMA, version)
        raw = connection.raw
        with raw.transaction():
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
                        " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", (str(version),))
        count = connection.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    except ServerError as error:
        raise UserError(f"{location}: {error}") from None
    finally:
        source.close()
        connection.close()
    return int(count)


def pull(location: ServerLocation, local: Path, *, overwrite: bool = False,
         password: str | None = None) -> int:
    """Copy a session from the server into a new session file; returns the items."""
    from erroranalysis.core.session import ALL_SCHEMA, SCHEMA_VERSION, _statements

    local = Path(local)
    if local.exists() and not overwrite:
        raise UserError(f"{local}: exists already; choose another name, or --force")
    connection = PgConnection(location, password)
    temporary = local.with_name(local.name + ".pulling")
    temporary.unlink(missing_ok=True)
    try:
        if not server_session_exists(connection):
            raise UserError(f"{location}: no such session on the server")
        target = sqlite3.connect(temporary, isolation_level=None)
        target.execute("BEGIN")
        for statement in _statements(ALL_SCHEMA):
            target.execute(statement)
        target.execute("DELETE FROM meta")
        raw = connection.raw
        for table in TABLES:
            columns = [r[1] for r in target.execute(f"PRAGMA table_info({table})")]
            names = ", ".join(columns)
            marks = ", ".join("?" * len(columns))
            with raw.cursor().copy(f"COPY {table} ({names}) TO STDOUT") as copy:
                rows = list(copy.rows())
            if table == "blobs":
                rows = [tuple(bytes.fromhex(c[2:]) if isinstance(c, str) and c.startswith("\\x")
                              else c for c in row) for row in rows]
            target.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        target.execute("DELETE FROM meta WHERE key = 'schema_version'")
        target.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        target.execute("COMMIT")
        target.execute("PRAGMA journal_mode = WAL")
        count = target.execute("SELECT COUNT(*) FROM items").fetchone()[0]
        target.close()
        temporary.replace(local)
    except ServerError as error:
        temporary.unlink(missing_ok=True)
        raise UserError(f"{location}: {error}") from None
    finally:
        connection.close()
    return int(count)
