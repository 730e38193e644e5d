"""A team on one live review: sessions on a PostgreSQL server.

Several programs on one server session at once (threads and processes, each
with its own connection), the announcements between them, claims, schema
migrations on the server, and push/pull.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import psycopg
import pytest
from server_helpers import make_session, wait_until

from erroranalysis.core.errors import UserError
from erroranalysis.core.session import (
    _SCHEMA_V1,
    _SCHEMA_V2,
    CLAIM_MINUTES,
    REVIEWED,
    SCHEMA_VERSION,
    ReviewSession,
)
from erroranalysis.core.store import parse_location
from erroranalysis.core.store.postgres import pg_schema_statements, translate
from erroranalysis.core.store.transfer import TABLES, pull, push


def fresh_counts(session: ReviewSession) -> dict:
    """The tally read afresh from the server (not from the session's in-memory counts)."""
    with ReviewSession.open(session.where, read_only=True) as other:
        return other.tally().to_json_dict()


# ------------------------------------------------------------------- locations
def test_locations_keep_options_and_never_print_the_password() -> None:
    location = parse_location(
        "postgresql://ana:s%40cret@db.lab:5433/reviews?sslmode=require&session=Team A")
    assert location.session == "Team A" and location.schema == "ea_team_a"
    assert "sslmode=require" in location.url and "session" not in location.url
    assert location.display_url == "postgresql://ana@db.lab:5433/reviews"
    assert "s%40cret" not in location.public_url and "cret" not in str(location)
    assert parse_location(location.public_url).session == "Team A"
    assert location.has_password and not parse_location(location.public_url).has_password
    with pytest.raises(UserError, match=r"\?session=NAME"):
        parse_location("postgresql://db.lab/reviews")
    assert parse_location("postgresql://db.lab/reviews", "b").session == "b"


def test_translation_of_the_stores_sql() -> None:
    assert translate("BEGIN IMMEDIATE") == "BEGIN"
    assert translate("INSERT OR IGNORE INTO ticks (item_id, category_id) VALUES (?, ?)") == (
        "INSERT INTO ticks (item_id, category_id) VALUES (%s, %s) ON CONFLICT DO NOTHING")
    assert translate("INSERT OR REPLACE INTO meta VALUES (?, ?)") == (
        "INSERT INTO meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")
    assert translate("SELECT 1 WHERE comment LIKE '%x'") == "SELECT 1 WHERE comment LIKE '%%x'"
    assert translate("INSERT INTO categories (name, kind) VALUES (?, ?)").endswith("RETURNING id")


def test_sslmode_in_the_url_is_passed_to_the_server(server_url) -> None:
    url = server_url().replace("?session=", "?sslmode=disable&session=")
    assert "sslmode=disable&session=" in url
    with make_session(url) as session:
        assert session.backend == "postgres" and session.item_count() == 12
        assert "sslmode=disable" in session.where
    with ReviewSession.open(url) as again:
        assert again.item_count() == 12


def test_a_missing_server_session_is_one_clear_line(server_url) -> None:
    with pytest.raises(UserError, match="no such session on the server"):
        ReviewSession.open(server_url())


# ------------------------------------------------------------------ migrations
def test_a_version_2_server_session_is_migrated_once_on_open(server_url, pg_url) -> None:
    url = server_url()
    location = parse_location(url)
    with psycopg.connect(pg_url, autocommit=True) as raw:
        raw.execute(f'CREATE SCHEMA "{location.schema}"')
        raw.execute(f'SET search_path TO "{location.schema}"')
        for statement in pg_schema_statements(_SCHEMA_V1 + ";" + _SCHEMA_V2):
            raw.execute(statement)
        raw.execute("INSERT INTO meta VALUES ('schema_version', '2'), ('reviewer', 'Ana'),"
                    " ('dev_size', '40'), ('dev_errors', '4'), ('position', '0'),"
                    " ('metadata_columns', '[]')")
        raw.execute("INSERT INTO categories (name, position) VALUES ('dog', 0), ('rain', 1)")
        for i in range(4):
            raw.execute("INSERT INTO items (position, key, image, reviewed) VALUES"
                        " (%s, %s, %s, %s)", (i, f"e{i}", f"e{i}.png", int(i < 2)))
        raw.execute("INSERT INTO ticks VALUES (1, 1)")
        raw.execute("INSERT INTO unassessed VALUES (2, 2)")
    opened: list[ReviewSession] = []
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            opened.append(ReviewSession.open(url))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(3)]  # at once: migrated once
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(opened) == 3
    session = opened[0]
    assert session._db.execute(
        "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    assert session._has_column("items", "claimed_by") and session._has_table("reviewers")
    # Version 3's data migration: existing ticks get the session's reviewer.
    assert session._db.execute("SELECT reviewer FROM ticks").fetchall() == [("Ana",)]
    tally = session.tally()
    assert tally.reviewed == 2
    rows = tally.table.set_index("name")
    assert (rows.loc["dog", "count"], rows.loc["rain", "assessed"]) == (1, 1)
    assert session.claim_next_unreviewed() is not None  # the new columns work
    for each in opened:
        each.close()


# ------------------------------------------------------------------- push/pull
def _table_rows(path: Path) -> dict[str, list[tuple]]:
    db = sqlite3.connect(path)
    try:
        return {table: sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
                for table in TABLES}
    finally:
        db.close()


def test_push_then_pull_gives_identical_tables(tmp_path: Path, server_url) -> None:
    local = tmp_path / "mine.easession"
    with make_session(local) as session:
        ids = session.item_ids()
        dog, blurry = (c.id for c in session.categories()[:2])
        session.set_reviewer("Ana")
        session.set_ticks(ids[:4], dog, True)
        session.set_comment(ids[1], "a fox, I think ✓")
        session.set_review_state([ids[5]], 2)
        rain = session.add_category("rain").id  # mid-review: unassessed rows
        session.set_tick(ids[6], rain, True)
        session.set_item_features("sharpness", {ids[0]: 0.5, ids[1]: float("nan")})
        session.set_suggestion_decision(ids[2], blurry, True)
        session.store_reviewer_answers([("Zed", "z.easession"), ("Ana", "a.easession")],
                                       [(ids[0], "Zed", REVIEWED, "hm")],
                                       [(ids[0], dog, "Zed")], [(ids[1], rain, "Ana")])
        reviewers = session.reviewers
    url = server_url()
    assert push(local, parse_location(url)) == 12
    with pytest.raises(UserError, match="already exists on the server"):
        push(local, parse_location(url))
    with ReviewSession.open(url) as remote:
        assert remote.reviewers == reviewers  # the order of the merged reviewers is kept
        assert remote.item(ids[1]).comment == "a fox, I think ✓"
        with ReviewSession.open(local) as original:
            assert remote.tally().to_json_dict() == original.tally().to_json_dict()
            assert remote.predictions_frame().equals(original.predictions_frame())
            assert remote.items_frame().equals(original.items_frame())
    back = tmp_path / "back.easession"
    assert pull(parse_location(url), back) == 12
    assert _table_rows(back) == _table_rows(local)
    with ReviewSession.open(back) as copy:
        copy.verify()
        assert copy.add_category("after pull").id > rain  # ids go on from the copied ones
    with pytest.raises(UserError, match="exists already"):
        pull(parse_location(url), back)


# -------------------------------------------------------- several reviewers
def test_another_programs_tick_reaches_the_tally_and_the_subscribers(server_url) -> None:
    url = server_url()
    with make_session(url) as ana, ReviewSession.open(url) as ben:
        ana.tally()  # the in-memory counts exist and must follow Ben's edits
        seen = []
        ana.subscribe(seen.append)
        assert ana.wait_listening()
        ids = ben.item_ids()
        dog = ben.category_by_name("dog").id
        ben.set_reviewer("Ben")
        ben.set_ticks(ids[:3], dog, True)
        assert wait_until(lambda: any(e.kind == "ticks" for e in seen))
        event = next(e for e in seen if e.kind == "ticks")
        assert event.remote and event.item_ids == tuple(ids[:3]) and event.category_id == dog
        assert ana.tally().to_json_dict() == fresh_counts(ana)
        assert ana.tally().reviewed == 3
        ben.set_comment(ids[4], "blurry at night")
        ben.add_category("night")
        assert wait_until(lambda: {"comment", "categories"} <= {e.kind for e in seen})
        assert ana.category_by_name("night") is not None
        assert ana.tally().to_json_dict() == fresh_counts(ana)
        # Ana's own changes are not announced back to her as someone else's.
        before = len(seen)
        ana.set_tick(ids[5], dog, True)
        assert not any(e.remote for e in seen[before:])


def test_two_reviewers_on_one_item_keep_both_ticks_and_comments_are_not_overwritten(
        server_url) -> None:
    url = server_url()
    with make_session(url) as ana, ReviewSession.open(url) as ben:
        item = ana.item_ids()[0]
        dog, blurry = (c.id for c in ana.categories()[:2])
        ana.set_tick(item, dog, True)
        ben.set_tick(item, blurry, True)  # the same item, another category
        assert ana.item_ticks(item) == {dog, blurry} == ben.item_ticks(item)
        ana.set_comment(item, "Ana's", expected="")
        with pytest.raises(UserError, match="changed elsewhere"):
            ben.set_comment(item, "Ben's", expected="")  # Ben's window still showed ''
        assert ben.item(item).comment == "Ana's"


WORKER = textwrap.dedent("""
    import sys
    from erroranalysis.core.session import ReviewSession
    url, who, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
    import time
    while time.time() < start:
        time.sleep(0.001)
    with ReviewSession.open(url) as s:
        s.set_reviewer(who)
        ids = s.item_ids()
        cats = [c.id for c in s.categories()]
        mine = cats[0] if who == "A" else cats[1]
        for n, item in enumerate(ids):
            s.set_tick(item, mine, True)  # every item, my own category
            if n % 2 == (0 if who == "A" else 1):  # and half of them, a shared one
                s.set_tick(item, cats[2], True)
            if n % 3 == 0:
                s.set_review_state([item], 1, assess_all=True)
        print("done", flush=True)
""")


def test_two_processes_ticking_at_once_lose_nothing(server_url) -> None:
    url = server_url()
    with make_session(url, items=60) as watcher:
        watcher.tally()
        assert watcher.wait_listening()
        start = time.time() + 1.5
        workers = [subprocess.Popen([sys.executable, "-c", WORKER, url, who, str(start)],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for who in ("A", "B")]
        outputs = [w.communicate(timeout=120) for w in workers]
        assert [w.returncode for w in workers] == [0, 0], [o[1][-2000:] for o in outputs]
        ids = watcher.item_ids()
        cats = [c.id for c in watcher.categories()]
        ticks = set(watcher._db.execute("SELECT item_id, category_id FROM ticks").fetchall())
        # Both wrote the same items at the same time, each its own categories (values,
        # never toggles): every tick of both is there, each with its reviewer.
        assert ticks == {(i, c) for i in ids for c in cats}
        reviewers = dict(((i, c), who) for i, c, who in watcher._db.execute(
            "SELECT item_id, category_id, reviewer FROM ticks").fetchall())
        assert {reviewers[i, cats[0]] for i in ids} == {"A"}
        assert {reviewers[i, cats[1]] for i in ids} == {"B"}
        assert [reviewers[i, cats[2]] for i in ids[:4]] == ["A", "B", "A", "B"]
        # The watcher heard every change: its in-memory tally equals a fresh one.
        assert wait_until(lambda: watcher.tally().to_json_dict() == fresh_counts(watcher))
        assert watcher.tally().reviewed == 60


def test_claims_hand_two_reviewers_different_items(server_url) -> None:
    url = server_url()
    with make_session(url, items=8) as ana, ReviewSession.open(url) as ben:
        ana.set_reviewer("Ana")
        ben.set_reviewer("Ben")
        first = ana.claim_next_unreviewed(-1)
        second = ben.claim_next_unreviewed(-1)
        assert first is not None and second is not None and first.id != second.id
        assert ana.claims() == {first.id: "Ana", second.id: "Ben"}
        # Ana moves on: her first item is given back, the next free one taken.
        third = ana.claim_next_unreviewed(first.position)
        assert third is not None and third.id not in (first.id, second.id)
        assert set(ana.claims()) == {second.id, third.id}
        # A claim older than CLAIM_MINUTES is free again (its reviewer crashed).
        ana._db.execute("UPDATE items SET claimed_at = ? WHERE id = ?",
                        (time.time() - CLAIM_MINUTES * 60 - 1, second.id))
        again = ana.claim_next_unreviewed(-1)
        assert again is not None and again.id == first.id  # the lowest free one
        ben.close()  # closing gives Ben's claim back
        assert ana.claims() == {first.id: "Ana"}
        # Reviewed items are never handed out.
        ana.set_review_state(ana.item_ids(), REVIEWED)
        assert ana.claim_next_unreviewed(-1) is None


def test_claims_taken_at_the_same_moment_are_all_different(server_url) -> None:
    url = server_url()
    with make_session(url, items=40):
        pass
    sessions = [ReviewSession.open(url) for _ in range(4)]
    taken: list[list[int]] = [[] for _ in sessions]
    barrier = threading.Barrier(len(sessions))

    def claim(k: int) -> None:
        sessions[k].set_reviewer(f"R{k}")
        barrier.wait()
        position = -1
        for _ in range(10):
            item = sessions[k].claim_next_unreviewed(position)
            assert item is not None
            taken[k].append(item.id)
            sessions[k].set_review_state([item.id], REVIEWED)  # done: then the next one
            position = item.position

    threads = [threading.Thread(target=claim, args=(k,)) for k in range(len(sessions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [i for ids in taken for i in ids]
    assert len(every) == 40 and len(set(every)) == 40
    for session in sessions:
        session.close()


def test_claims_work_on_a_file_too(tmp_path: Path) -> None:
    with make_session(tmp_path / "s.easession", items=3) as session:
        first = session.claim_next_unreviewed(-1)
        assert first is not None and first.position == 0
        assert session.claim_next_unreviewed(first.position).position == 1
        session.release_claim()
        assert session.claims() == {}
