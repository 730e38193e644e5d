"""Review states (unreviewed / reviewed / skipped) and per-category assessment (issue 8).

A category added mid-review was never assessed on the items reviewed before
it: its share must use its own n, and the spreadsheet must carry that
difference through export and import.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from backends import sqlite_only

from erroranalysis.cli import main
from erroranalysis.core.errors import UserError
from erroranalysis.core.session import (
    REVIEWED,
    SCHEMA_VERSION,
    SKIPPED,
    UNREVIEWED,
    ReviewSession,
)
from erroranalysis.core.sources import SourceOptions, create_session
from erroranalysis.core.spreadsheet import (
    export_rows,
    export_session,
    import_spreadsheet,
    tally_spreadsheet,
    understand_spreadsheet,
)


@pytest.fixture
def session(make_predictions, tmp_path: Path, location_for):
    """40 dev errors out of 400 dev examples."""
    rows = [(f"e{i:02}", f"img/e{i:02}.png", "cat", "dog", "0.9", "dev") for i in range(40)]
    rows += [(f"c{i:03}", f"img/c{i:03}.png", "cat", "cat", "0.9", "dev") for i in range(360)]
    preds = make_predictions(tmp_path / "data", rows, images=False)
    s = create_session(preds, location_for("s"), SourceOptions())
    yield s
    s.close()

#: Turns a current session file into one made by version 1 (before review states).
VERSION_1_SQL = """
DROP TABLE unassessed; DROP INDEX items_reviewed; DROP TABLE item_features; DROP TABLE suggestions;
DROP TABLE reviewers; DROP TABLE reviewer_reviews; DROP TABLE reviewer_ticks;
DROP TABLE reviewer_unassessed; DROP TABLE blobs;
ALTER TABLE ticks DROP COLUMN reviewer; ALTER TABLE items DROP COLUMN commented_by;
ALTER TABLE items DROP COLUMN weight; ALTER TABLE predictions DROP COLUMN weight;
DROP INDEX items_claimed; ALTER TABLE items DROP COLUMN claimed_by;
ALTER TABLE items DROP COLUMN claimed_at;
DELETE FROM meta WHERE key = 'session_id'; PRAGMA user_version = 1;
"""


def _row(tally, name: str):
    return tally.table.set_index("name").loc[name]


def test_moving_is_not_reviewing_and_skipped_is_in_no_denominator(session: ReviewSession):
    ids = session.item_ids()
    dog = session.category_by_name("dog").id
    session.set_tick(ids[0], dog, True)  # a tick reviews
    session.set_review_state([ids[1]], REVIEWED)  # "done: nothing applies"
    session.set_review_state([ids[2]], SKIPPED)  # can't judge
    tally = session.tally()
    assert tally.reviewed == 2 and tally.skipped == 1
    assert _row(tally, "dog")["share"] == 0.5
    assert session.item(ids[2]).skipped and not session.item(ids[2]).reviewed
    # Ticking a skipped item means the reviewer could judge it after all.
    session.set_tick(ids[2], dog, True)
    assert session.item(ids[2]).reviewed and session.tally().skipped == 0
    session.set_review_state([ids[2]], UNREVIEWED)
    assert session.tally().reviewed == 2
    assert session.is_ticked(ids[2], dog)  # ticks stay; they just do not count


def test_category_added_mid_review_counts_on_its_own_n(session: ReviewSession):
    ids = session.item_ids()
    dog = session.category_by_name("dog").id
    for item_id in ids[:10]:
        session.set_review_state([item_id], REVIEWED)
    session.set_tick(ids[3], dog, True)
    instagram = session.add_category("Instagram filter").id
    # Item 11 is the first reviewed with the new category on screen.
    session.set_tick(ids[10], instagram, True)
    tally = session.tally()
    assert tally.reviewed == 11
    row = _row(tally, "Instagram filter")
    assert (row["count"], row["assessed"], row["share"]) == (1, 1, 1.0)
    assert (_row(tally, "dog")["count"], _row(tally, "dog")["assessed"]) == (1, 11)
    assert session.unassessed_items(instagram) == ids[:10]
    assert session.unassessed_categories(ids[0]) == {instagram}
    assert session.unassessed_categories(ids[10]) == set()

    # The revisit pass: yes on two, no on the rest.
    session.set_ticks(ids[:2], instagram, True)
    change = session.set_assessed(ids[2:10], instagram)
    row = _row(session.tally(), "Instagram filter")
    assert (row["count"], row["assessed"]) == (3, 11)
    assert session.unassessed_items(instagram) == []
    session.revert(change)  # undo of the "no" answers
    assert (_row(session.tally(), "Instagram filter")["assessed"]) == 3
    assert session.unassessed_items(instagram) == ids[2:10]


def test_done_assesses_every_category_and_undo_restores_it(session: ReviewSession):
    ids = session.item_ids()
    session.set_review_state(ids[:5], REVIEWED)
    blur = session.add_category("motion blur").id
    change = session.set_review_state([ids[0]], REVIEWED, assess_all=True)
    assert session.unassessed_categories(ids[0]) == set()
    assert _row(session.tally(), "motion blur")["assessed"] == 1
    session.revert(change)
    assert session.unassessed_categories(ids[0]) == {blur}
    # Unreviewed then reviewed again: seen with every category this time.
    session.set_review_state([ids[1]], UNREVIEWED)
    session.set_review_state([ids[1]], REVIEWED)
    assert session.unassessed_categories(ids[1]) == set()


def test_remove_and_restore_category_keeps_its_unassessed_items(session: ReviewSession):
    ids = session.item_ids()
    session.set_review_state(ids[:4], REVIEWED)
    rain = session.add_category("rain").id
    session.set_tick(ids[0], rain, True)
    removed = session.remove_category(rain)
    session.restore_category(removed)
    assert session.unassessed_items(rain) == ids[1:4]
    assert session.items_with(rain) == [ids[0]]


def test_tick_revert_restores_ticks_states_and_assessment(session: ReviewSession):
    ids = session.item_ids()
    session.set_review_state(ids[:3], REVIEWED)
    rain = session.add_category("rain").id
    before = session.assessed_frame().copy()
    change = session.set_ticks(ids[:5], rain, True)
    assert session.reviewed_count() == 5
    session.revert(change)
    assert session.reviewed_count() == 3
    assert session.items_with(rain) == []
    assert session.assessed_frame().equals(before)


def test_spreadsheet_round_trip_keeps_states_and_not_assessed(session: ReviewSession, tmp_path):
    ids = session.item_ids()
    dog = session.category_by_name("dog").id
    session.set_review_state(ids[:6], REVIEWED)
    session.set_tick(ids[0], dog, True)
    session.set_review_state([ids[6]], SKIPPED)
    session.add_category("Instagram filter")
    session.set_tick(ids[7], session.category_by_name("Instagram filter").id, True)
    header, rows = export_rows(session)
    column = header.index("Instagram filter")
    assert [r[column] for r in rows[:8]] == ["n/a"] * 6 + ["0", "1"]
    assert rows[6][header.index("reviewed")] == "skipped"

    sheet = tmp_path / "review.csv"
    export_session(session, sheet)
    first = sheet.read_bytes()
    before = session.tally().to_json_dict()
    report = import_spreadsheet(session, sheet)
    assert report.changed == 0
    export_session(session, sheet)
    assert sheet.read_bytes() == first
    assert session.tally().to_json_dict() == before

    # The sheet alone gives the same tally as the session (n per category).
    review = understand_spreadsheet(sheet)
    from_sheet = tally_spreadsheet(review, dev_errors=session.dev_errors,
                                   dev_size=session.dev_size).to_json_dict()
    assert from_sheet["categories"] == before["categories"]
    assert from_sheet["skipped"] == 1


def test_import_assesses_filled_cells_and_reviews_ticked_rows(session: ReviewSession, tmp_path):
    ids = session.item_ids()
    session.set_review_state(ids[:4], REVIEWED)
    insta = session.add_category("Instagram filter").id
    sheet = tmp_path / "review.csv"
    header, rows = export_rows(session)
    column = header.index("Instagram filter")
    reviewed = header.index("reviewed")
    rows[0][column] = "x"  # revisited in the sheet: yes
    rows[1][column] = "0"  # revisited: no
    rows[10][header.index("dog")] = "1"  # ticked on a row still saying "not reviewed"
    assert rows[10][reviewed] == "0"
    from erroranalysis.core.spreadsheet import write_csv

    write_csv(sheet, header, rows)
    report = import_spreadsheet(session, sheet)
    assert report.changed == 3 and report.marked_reviewed == 1
    assert session.item(ids[10]).reviewed
    assert session.unassessed_items(insta) == [ids[2], ids[3]]
    row = _row(session.tally(), "Instagram filter")
    assert (row["count"], row["assessed"]) == (1, 3)  # ids 0, 1 and 10 (reviewed with it)


def test_import_refuses_two_rows_for_one_item(session: ReviewSession, tmp_path):
    header, rows = export_rows(session)
    rows.append(list(rows[3]))
    from erroranalysis.core.spreadsheet import write_csv

    sheet = tmp_path / "dup.csv"
    write_csv(sheet, header, rows)
    with pytest.raises(UserError, match=r"lines 5 and 42 are the same item \('e03'\)"):
        import_spreadsheet(session, sheet)


def test_tally_json_has_assessed_and_skipped(session: ReviewSession, capsys):
    ids = session.item_ids()
    session.set_review_state(ids[:9], REVIEWED)
    session.set_review_state([ids[9]], SKIPPED)
    session.add_category("rain")
    session.set_tick(ids[10], session.category_by_name("rain").id, True)
    path = session.where
    session.close()
    assert main(["tally", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reviewed"] == 10 and data["skipped"] == 1
    rain = next(c for c in data["categories"] if c["name"] == "rain")
    assert (rain["count"], rain["assessed"], rain["share"]) == (1, 1, 1.0)
    dog = next(c for c in data["categories"] if c["name"] == "dog")
    assert (dog["count"], dog["assessed"]) == (0, 10)


@sqlite_only
def test_version_3_session_gets_the_claim_columns(session: ReviewSession):
    """Files made as version 3 (before claims) open, migrate, and hand out items."""
    ids = session.item_ids()
    session.set_review_state(ids[:2], REVIEWED)
    path = session.path
    session.close()
    db = sqlite3.connect(path)
    db.executescript("DROP INDEX items_claimed; ALTER TABLE items DROP COLUMN claimed_by;"
                     " ALTER TABLE items DROP COLUMN claimed_at; PRAGMA user_version = 3;")
    db.close()
    with ReviewSession.open(path) as again:
        claimed = again.claim_next_unreviewed()
        assert claimed is not None and claimed.id == ids[2]
        assert again.reviewed_count() == 2
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    assert "claimed_by" in {row[1] for row in db.execute("PRAGMA table_info(items)")}


@sqlite_only
def test_version_3_file_that_has_the_claim_columns_migrates(session: ReviewSession):
    """A file a development build made as version 3 with the claim columns opens."""
    path = session.path
    session.close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    with ReviewSession.open(path) as again:
        assert again.claim_next_unreviewed() is not None
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 4


@sqlite_only
def test_version_1_session_opens_with_its_flags(session: ReviewSession):
    """A session made before review states keeps its reviewed flags."""
    ids = session.item_ids()
    session.set_review_state(ids[:3], REVIEWED)
    path = session.path
    session.close()
    db = sqlite3.connect(path)
    session_reviewer = "Ana"
    db.executescript(VERSION_1_SQL)
    db.execute("INSERT OR REPLACE INTO meta VALUES ('reviewer', ?)", (session_reviewer,))
    db.execute("INSERT INTO ticks VALUES (?, ?)", (ids[0], 1))
    db.commit()
    db.close()
    with ReviewSession.open(path) as again:
        assert again.reviewed_count() == 3
        assert again.add_category("rain").id
        assert again.unassessed_items(again.category_by_name("rain").id) == ids[:3]
        assert again.session_id  # given by the migration
        # Version 3: existing ticks get the session's reviewer.
        who = again._db.execute("SELECT reviewer FROM ticks WHERE item_id = ?", (ids[0],))
        assert who.fetchone()[0] == session_reviewer
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_state_column_reads(session: ReviewSession):
    ids = session.item_ids()
    session.set_review_state([ids[0]], REVIEWED)
    session.set_review_state([ids[1]], SKIPPED)
    columns = session.item_columns(["state", "reviewed"])
    assert columns["state"][:3].tolist() == [REVIEWED, SKIPPED, UNREVIEWED]
    assert columns["reviewed"][:3].tolist() == [True, False, False]
    assert np.asarray(columns["state"]).dtype == np.int8


def test_session_ranking_equals_the_matrix_ranking_with_mid_review_categories(session):
    """The session counts the ranking in SQL; the spreadsheet path from the matrix.
    With categories added mid-review (not assessed on early items) they must agree."""
    from erroranalysis.core.tally import tally_from_ticks

    rng = np.random.default_rng(3)
    ids = session.item_ids()
    cats = [c.id for c in session.categories()]
    for item in ids[:15]:
        for c in cats:
            if rng.random() < 0.4:
                session.set_tick(item, c, True)
        session.set_review_state([item], REVIEWED)
    columns = session.item_columns(["reviewed"])
    every_category_assessed = tally_from_ticks(
        session.categories(), session.ticks_frame().to_numpy(), columns["reviewed"],
        session.dev_errors, session.dev_size)
    assert session.tally().to_json_dict() == every_category_assessed.to_json_dict()
    late = session.add_category("late").id
    for item in ids[15:30]:
        for c in [*cats, late]:
            if rng.random() < 0.5:
                session.set_tick(item, c, True)
        session.set_review_state([item], REVIEWED)
    session.set_review_state([ids[30]], SKIPPED)
    from_session = session.tally()
    columns = session.item_columns(["reviewed"])
    matrix = tally_from_ticks(
        session.categories(), session.ticks_frame().to_numpy(), columns["reviewed"],
        session.dev_errors, session.dev_size, assessed=session.assessed_frame().to_numpy(),
        skipped=1,
    )
    assert from_session.to_json_dict() == matrix.to_json_dict()
    assert from_session.ranking is not None


def test_the_in_memory_counts_follow_every_edit(session):
    """The tally counts from arrays the session updates edit by edit; after any sequence
    of edits (and undos) they must equal a tally read afresh from the file."""
    from erroranalysis.core.tally import tally_from_ticks

    def fresh():
        columns = session.item_columns(["state", "origin"])
        errors = columns["origin"] == "error"
        return tally_from_ticks(
            session.categories(), session.ticks_frame().to_numpy()[errors],
            columns["state"][errors] == REVIEWED, session.dev_errors, session.dev_size,
            assessed=session.assessed_frame().to_numpy()[errors],
            skipped=int((columns["state"][errors] == SKIPPED).sum()),
        ).to_json_dict()

    rng = np.random.default_rng(11)
    ids = session.item_ids()
    session.tally()  # build the counts, so every edit below updates them
    undo: list[tuple[str, object]] = []  # what the window's undo stack would hold
    for step in range(160):
        cats = [c.id for c in session.categories()]
        chosen = [int(i) for i in rng.choice(ids, size=int(rng.integers(1, 4)), replace=False)]
        action = rng.random()
        if action < 0.45:
            ticked = bool(rng.random() < 0.7)
            undo.append(("change", session.set_ticks(chosen, int(rng.choice(cats)), ticked)))
        elif action < 0.65:
            state = int(rng.choice([REVIEWED, SKIPPED, UNREVIEWED]))
            all_ = bool(rng.random() < 0.3)
            undo.append(("change", session.set_review_state(chosen, state, assess_all=all_)))
        elif action < 0.72:
            undo.append(("change", session.set_assessed(chosen, int(rng.choice(cats)))))
        elif action < 0.85 and undo:
            kind, what = undo.pop()
            if kind == "change":
                session.revert(what)
            elif kind == "removed":
                session.restore_category(what)
            else:
                session.remove_category(what)
        elif action < 0.93:
            undo.append(("added", session.add_category(f"new {step}").id))
        elif len(cats) > 2:
            undo.append(("removed", session.remove_category(int(rng.choice(cats)))))
        assert session.tally().to_json_dict() == fresh(), f"step {step}"


def test_items_with_marks_equals_the_one_item_reads(session: ReviewSession):
    ids = session.item_ids()
    rain = session.add_category("rain")
    first = session.categories()[0]
    session.set_tick(ids[0], first.id, True)
    session.set_review_state(ids[1:3], REVIEWED)
    session.add_category("fog")  # unassessed on the reviewed items
    session.set_tick(ids[2], rain.id, True)
    read = session.items_with_marks([*ids[:4], 10**9])
    assert sorted(read) == sorted(ids[:4])  # the unknown id left out
    for item_id in ids[:4]:
        item, ticks, unassessed = read[item_id]
        assert item == session.item(item_id)
        assert ticks == session.item_ticks(item_id)
        assert unassessed == session.unassessed_categories(item_id)
    assert read[ids[1]][2]  # fog was never assessed there
