"""A team server that goes away: a dropped connection, a server down, a restart, logins.

Nothing acknowledged is lost; a failed edit is one clear line and is not half
written; the next edit reconnects by itself. Passwords come from libpq's own
sources or the caller, and are never written anywhere.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import psycopg
import pytest
from server_helpers import make_session, wait_until

from erroranalysis.cli import main
from erroranalysis.core.errors import UserError
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.session_errors import SessionWriteError
from erroranalysis.core.store import forget_passwords, parse_location
from erroranalysis.core.store.postgres import PasswordNeeded


def _kill_before(session: ReviewSession, pg_url: str, statement: str) -> list[bool]:
    """Terminate the session's connection just before it sends ``statement`` (once)."""
    db = session._db
    armed = [True]
    real = db.executemany

    def executemany(sql, rows):  # type: ignore[no-untyped-def]
        if armed[0] and sql.startswith(statement):
            armed[0] = False
            with psycopg.connect(pg_url, autocommit=True) as killer:
                killer.execute("SELECT pg_terminate_backend(%s)", (db.backend_pid,))
        return real(sql, rows)

    db.executemany = executemany  # type: ignore[method-assign]
    return armed


def test_a_connection_killed_mid_change_writes_nothing_and_the_next_edit_reconnects(
        server_url, pg_url) -> None:
    url = server_url()
    with make_session(url) as session:
        ids = session.item_ids()
        dog = session.category_by_name("dog").id
        session.set_tick(ids[0], dog, True)
        before = session.tally().to_json_dict()
        armed = _kill_before(session, pg_url, "UPDATE items SET reviewed")
        # The tick row is inserted, then the connection dies before the item is marked
        # reviewed: the server rolls the whole change back.
        with pytest.raises(SessionWriteError, match="not saved: the session server cannot "
                           "be reached") as failed:
            session.set_tick(ids[1], dog, True)
        assert not armed[0]
        assert "\n" not in str(failed.value) and "password" not in str(failed.value)
        with ReviewSession.open(url, read_only=True) as other:
            assert other.item_ticks(ids[1]) == set()  # nothing half-written
            assert not other.item(ids[1]).reviewed
            assert other.tally().to_json_dict() == before
        assert session.tally().to_json_dict() == before  # not counted as saved
        session.set_tick(ids[1], dog, True)  # the next edit reconnects
        assert session.item_ticks(ids[1]) == {dog} and session.item(ids[1]).reviewed


def test_a_server_that_is_down_fails_the_edit_clearly_then_comes_back(own_cluster) -> None:
    url = f"{own_cluster.url}?session=down"
    with make_session(url) as session:
        ids = session.item_ids()
        dog = session.category_by_name("dog").id
        session.set_tick(ids[0], dog, True)
        own_cluster.stop()
        try:
            with pytest.raises(SessionWriteError,
                               match=r"not saved: the session server cannot be reached \("):
                session.set_tick(ids[1], dog, True)
            with pytest.raises(SessionWriteError, match="cannot be reached"):
                session.set_comment(ids[2], "while down")
        finally:
            own_cluster.start()
        session.set_tick(ids[1], dog, True)  # reconnects by itself
        assert session.items_with(dog) == ids[:2]
        assert session.item(ids[2]).comment == ""


def test_a_server_restart_mid_review_loses_nothing_acknowledged(own_cluster) -> None:
    url = f"{own_cluster.url}?session=restart"
    with make_session(url) as ana, ReviewSession.open(url) as ben:
        ana.tally()
        seen = []
        ana.subscribe(seen.append)
        assert ana.wait_listening()
        ids = ana.item_ids()
        dog, blurry = (c.id for c in ana.categories()[:2])
        acknowledged = []
        for item in ids[:5]:
            ana.set_tick(item, dog, True)
            acknowledged.append((item, dog))
        ana.set_comment(ids[0], "before the restart")
        own_cluster.restart()
        ana.set_tick(ids[5], dog, True)  # the first edit after the restart succeeds
        acknowledged.append((ids[5], dog))
        ben.set_tick(ids[6], blurry, True)  # and another program's, heard by Ana again
        with ReviewSession.open(url, read_only=True) as check:
            for item, category in acknowledged:
                assert check.is_ticked(item, category)
            assert check.item(ids[0]).comment == "before the restart"
            fresh = check.tally().to_json_dict()
        assert wait_until(lambda: ana.tally().to_json_dict() == fresh, timeout=15)


# ------------------------------------------------------------------ passwords
@pytest.fixture
def password_cluster():
    from pg_cluster import Cluster

    from erroranalysis.core.store import forget_passwords

    cluster = Cluster(password="tr0mb0ne-Secret")
    forget_passwords()
    yield cluster
    forget_passwords()
    cluster.close()


def test_the_password_comes_from_pgpass_or_the_caller_and_is_never_stored(
        password_cluster, own_cluster, tmp_path: Path, monkeypatch, capsys) -> None:
    del own_cluster  # (skips with the same reason when the server binaries are missing)
    secret = "tr0mb0ne-Secret"
    url = f"{password_cluster.url}?session=locked"
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    with pytest.raises(PasswordNeeded, match="asks for a password"):
        ReviewSession.open(url)
    with pytest.raises(PasswordNeeded, match="refused the password"):
        ReviewSession.open(url, password="wrong")
    forget_passwords()
    session = make_session(url, password=secret)
    session.set_reviewer("Ana")
    session.set_comment(session.item_ids()[0], "checked")
    session.close()
    forget_passwords()
    # ~/.pgpass (here PGPASSFILE): libpq reads it, nothing is asked.
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{password_cluster.port}:*:postgres:{secret}\n")
    pgpass.chmod(stat.S_IRUSR | stat.S_IWUSR)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    assert main(["tally", url, "--format", "json"]) == 0
    assert main(["export", "--server", password_cluster.url, "--session", "locked",
                 "-o", str(tmp_path / "sheet.csv")]) == 0
    capsys.readouterr()
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    # No terminal to ask at: one line saying where to put it.
    assert main(["tally", url]) == 2
    assert "~/.pgpass" in capsys.readouterr().err
    # The password is in no table of the session.
    with psycopg.connect(password_cluster.url, password=secret, autocommit=True) as raw:
        schema = parse_location(url).schema
        tables = [r[0] for r in raw.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            (schema,))]
        assert "meta" in tables
        for table in tables:
            text = raw.execute(f'SELECT string_agg(t::text, \'|\') FROM "{schema}"."{table}" t'
                               ).fetchone()[0] or ""
            assert secret not in text, table
    for folder in (tmp_path, Path(os.environ["ERRORANALYSIS_DATA_DIR"])):
        for path in folder.rglob("*") if folder.exists() else ():
            if path.is_file() and path.name not in ("pgpass", "pw"):
                assert secret.encode() not in path.read_bytes(), path


def test_an_unreachable_server_is_one_line(tmp_path: Path) -> None:
    from pg_cluster import free_port

    url = f"postgresql://postgres@127.0.0.1:{free_port()}/postgres?session=x"
    with pytest.raises(UserError, match="cannot be reached") as failed:
        ReviewSession.open(url)
    assert "\n" not in str(failed.value)
