"""Fixtures every test folder can use: the PostgreSQL server for server sessions.

``ERRORANALYSIS_TEST_PG`` names a server the tests may create and drop schemas
on (``postgresql://postgres@127.0.0.1:PORT/postgres``); ``.ci/run`` starts a
throwaway one and sets it. Without it (or when it cannot be reached) the
server tests are skipped with the reason, except under CI (``CI=true``), where
a missing server fails them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PG_ENV = "ERRORANALYSIS_TEST_PG"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must have a PostgreSQL server: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_url() -> str:
    """The test server's URL (no session in it); skips (fails under CI) without one."""
    url = os.environ.get(PG_ENV, "")
    if not url:
        _unavailable(f"{PG_ENV} is not set (.ci/run starts a PostgreSQL server and sets it)")
    try:
        import psycopg
    except ImportError:
        _unavailable("psycopg is not installed (pip install -e '.[test]')")
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as error:
        _unavailable(f"the PostgreSQL server in {PG_ENV} cannot be reached: "
                     f"{str(error).splitlines()[0]}")
    return url


def drop_schemas(url: str, names: list[str]) -> None:
    import psycopg

    from erroranalysis.core.store import parse_location

    with psycopg.connect(url, autocommit=True) as connection:
        for name in names:
            schema = parse_location(url, name).schema
            connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def server_url(pg_url: str) -> Iterator[Callable[..., str]]:
    """``server_url(name=None)``: the URL of a fresh session on the test server (a new
    schema each call; every one is dropped after the test)."""
    made: list[str] = []

    def make(name: str | None = None) -> str:
        name = name or f"t{uuid.uuid4().hex[:12]}"
        made.append(name)
        return f"{pg_url}{'&' if '?' in pg_url else '?'}session={name}"

    yield make
    from erroranalysis.core.store import forget_passwords

    forget_passwords()
    drop_schemas(pg_url, made)


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    """The session store's backend a test runs on (each test runs on both)."""
    return request.param


@pytest.fixture
def location_for(backend: str, tmp_path: Path,
                 request: pytest.FixtureRequest) -> Callable[[str], str | Path]:
    """``location_for(name)``: where a test's session goes on the backend under test:
    ``tmp_path/NAME.easession``, or a fresh session on the test server."""
    if backend == "sqlite":
        return lambda name: tmp_path / f"{name}.easession"
    make = request.getfixturevalue("server_url")
    return lambda name: make()


@pytest.fixture(scope="session")
def own_cluster() -> Iterator[object]:
    """A PostgreSQL cluster of the tests' own (restarted by them): skips without the
    server's binaries (fails under CI, which installs them)."""
    from pg_cluster import Cluster, server_binaries

    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install -e '.[test]')")
    if server_binaries() is None:
        _unavailable("PostgreSQL's server binaries (initdb, pg_ctl) are not installed")
    cluster = Cluster()
    yield cluster
    cluster.close()


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests read the app's and the command line's English; a developer whose
    terminal speaks Chinese would otherwise get Chinese windows and help (issue 16).
    Tests of the translations set the language themselves."""
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
