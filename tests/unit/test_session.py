"""The session store: creation, edits, categories, reopen, and survival of a killed process."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from backends import sqlite_only

from erroranalysis.core.categories import Category
from erroranalysis.core.errors import UserError
from erroranalysis.core.session import SCHEMA_VERSION, ReviewSession
from erroranalysis.core.sources import SourceOptions, add_correct_sample, create_session


@pytest.fixture
def session(preds_csv: Path, location_for):
    """A session from the predictions file, on each backend (a file, a server)."""
    s = create_session(preds_csv, location_for("s"), SourceOptions())
    yield s
    s.close()


def test_create_from_predictions(session: ReviewSession) -> None:
    assert session.item_count() == 10
    assert session.dev_size == 20 and session.dev_errors == 10
    assert [c.name for c in session.categories()] == [
        "dog",
        "great cat",
        "blurry",
        "incorrect label",
    ]
    assert [c.shortcut for c in session.categories()] == ["1", "2", "3", "4"]
    assert session.categories()[3].kind == "label_error"
    item = session.item_at(0)
    assert (item.key, item.label, item.prediction, item.score) == ("d0", "cat", "dog", 0.5)
    assert session.resolve_image(item.image).exists()
    assert len(session.predictions_frame()) == 35
    if session.backend == "sqlite":
        version = sqlite3.connect(session.path).execute("PRAGMA user_version").fetchone()[0]
    else:
        version = int(session._db.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])
    assert version == SCHEMA_VERSION


def test_sample_is_seeded(preds_csv: Path, tmp_path: Path) -> None:
    a = create_session(preds_csv, tmp_path / "a.easession", SourceOptions(sample=4, seed=7))
    b = create_session(preds_csv, tmp_path / "b.easession", SourceOptions(sample=4, seed=7))
    c = create_session(preds_csv, tmp_path / "c.easession", SourceOptions(sample=4, seed=8))
    keys = [list(s.items_frame()["key"]) for s in (a, b, c)]
    assert keys[0] == keys[1] and len(keys[0]) == 4 and keys[0] != keys[2]
    assert a.dev_errors == 10  # the population the sample was drawn from
    tally = a.tally()
    assert tally.dev_errors == 10
    for s in (a, b, c):
        s.close()


def test_folder_source(tmp_path: Path) -> None:
    from PIL import Image

    folder = tmp_path / "errors"
    (folder / "sub").mkdir(parents=True)
    for name in ("a.jpg", "sub/b.PNG", "notes.txt"):
        path = folder / name
        if name.endswith("txt"):
            path.write_text("x")
        else:
            Image.new("RGB", (4, 4)).save(
                path, format="PNG" if name.lower().endswith("png") else "JPEG"
            )
    with create_session(folder, None, SourceOptions(dev_error=0.1)) as s:
        assert s.path == tmp_path / "errors.easession"
        assert list(s.items_frame()["image"]) == ["a.jpg", "sub/b.PNG"]
        assert s.dev_errors == 2 and s.dev_size == 20
    with create_session(folder, tmp_path / "x.easession", SourceOptions()) as s:
        assert s.dev_size is None and s.tally().dev_error is None
    with pytest.raises(UserError, match="smaller than the 2 images"):
        create_session(folder, tmp_path / "y.easession", SourceOptions(dev_size=1))
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserError, match="no images found"):
        create_session(tmp_path / "empty", None, SourceOptions())


def test_ticks_comments_reviewed_and_reopen(session: ReviewSession) -> None:
    ids = session.item_ids()
    dog = session.category_by_name("dog")
    assert dog is not None
    session.set_reviewer("Ana")
    session.set_tick(ids[0], dog.id, True)
    assert session.item(ids[0]).reviewed and session.item(ids[0]).reviewer == "Ana"
    change = session.set_ticks(ids[:3], dog.id, True)
    # Only what changed is remembered: ids[0] was ticked and reviewed already.
    assert {(i, was) for i, _c, was in change.ticks} == {(ids[1], False), (ids[2], False)}
    assert {s[0] for s in change.states} == {ids[1], ids[2]}
    session.revert(change)
    assert session.items_with(dog.id) == [ids[0]]
    assert not session.item(ids[2]).reviewed  # undo puts the review state back too
    session.set_ticks(ids[:3], dog.id, True)
    session.set_ticks(ids[1:3], dog.id, False)  # unticking keeps the items reviewed
    session.set_comment(ids[1], "lion, rainy day at zoo")
    session.set_reviewed([ids[1]], True)
    session.set_position(5)
    path = session.where
    session.close()
    with ReviewSession.open(path) as again:
        if again.backend == "sqlite":
            assert again.position == 5
            assert again.reviewer == "Ana"
        else:  # a team's session: the name and the place are each program's own
            assert (again.position, again.reviewer) == (0, "")
            assert again.item(ids[1]).reviewer == "Ana"
        assert again.item(ids[1]).comment == "lion, rainy day at zoo"
        assert again.reviewed_count() == 3
        tally = again.tally()
        assert tally.reviewed == 3
        assert tally.table.set_index("name").loc["dog", "count"] == 1


def test_categories_add_rename_reorder_remove_restore(session: ReviewSession) -> None:
    ids = session.item_ids()
    new = session.add_category("Instagram filter")
    assert new.shortcut == "5" and new.color
    chinese = session.add_category("模糊 图像", kind="label_error")
    assert session.category_by_name("模糊 图像").kind == "label_error"
    session.update_category(chinese.id, name="滤镜", shortcut="f")
    assert session.category(chinese.id).name == "滤镜"
    with pytest.raises(UserError, match="already exists"):
        session.add_category("DOG")
    with pytest.raises(UserError, match="already ticks"):
        session.update_category(new.id, shortcut="1")
    with pytest.raises(UserError, match="cannot be a category name"):
        session.add_category("comments")
    session.move_category(new.id, 0)
    assert session.categories()[0].id == new.id
    session.set_ticks(ids[:4], new.id, True)
    removed = session.remove_category(new.id)
    assert new.id not in {c.id for c in session.categories()}
    assert session.ticks_frame().shape == (10, 5)
    session.restore_category(removed)
    assert session.categories()[0].id == new.id
    assert session.items_with(new.id) == ids[:4]


def test_events_are_emitted(session: ReviewSession) -> None:
    seen = []
    unsubscribe = session.subscribe(seen.append)
    item = session.item_ids()[0]
    dog = session.categories()[0].id
    session.set_tick(item, dog, True)
    session.add_category("new one")
    unsubscribe()
    session.set_tick(item, dog, False)
    assert [e.kind for e in seen] == ["ticks", "categories"]
    assert seen[0].item_ids == (item,) and seen[0].category_id == dog


def test_correct_examples_are_kept_apart(session: ReviewSession) -> None:
    added = add_correct_sample(session, 3, seed=1)
    assert len(added) == 3
    assert session.item_count("correct") == 3
    session.set_tick(added[0], session.categories()[3].id, True)
    assert session.tally().reviewed == 0  # the error tally ignores correct examples
    correct = session.tally(origin="correct")
    assert correct.reviewed == 1 and correct.dev_errors == 10  # 10 correct dev examples


def test_existing_session_is_not_overwritten(preds_csv: Path, session: ReviewSession) -> None:
    with pytest.raises(UserError, match="already exists"):
        create_session(preds_csv, session.where, SourceOptions())


def test_bad_session_files(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such session"):
        ReviewSession.open(tmp_path / "nope.easession")
    text = tmp_path / "text.easession"
    text.write_text("hello")
    with pytest.raises(UserError, match="not an SQLite file"):
        ReviewSession.open(text)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.commit()
    with pytest.raises(UserError, match="not an erroranalysis session"):
        ReviewSession.open(other)
    newer = tmp_path / "newer.easession"
    db = sqlite3.connect(newer)
    db.executescript("CREATE TABLE items (a); CREATE TABLE meta (a); PRAGMA user_version = 99;")
    db.close()
    with pytest.raises(UserError, match="newer erroranalysis"):
        ReviewSession.open(newer)


@sqlite_only
def test_nothing_acknowledged_is_lost_when_the_process_is_killed(session: ReviewSession) -> None:
    """A writer is SIGKILLed mid-stream; every tick it reported as done is in the file."""
    path = session.path
    session.close()
    script = textwrap.dedent(
        f"""
        import sys
        from erroranalysis.core.session import ReviewSession
        s = ReviewSession.open({str(path)!r})
        ids = s.item_ids(); cats = [c.id for c in s.categories()]
        n = 0
        while True:
            item, cat = ids[n % len(ids)], cats[(n // len(ids)) % len(cats)]
            s.set_comment(item, f"comment {{n}}")
            s.set_tick(item, cat, True)
            print(n, item, cat, flush=True)
            n += 1
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    acknowledged = []
    deadline = time.monotonic() + 30
    while len(acknowledged) < 25 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if line:
            acknowledged.append(tuple(int(x) for x in line.split()))
    process.kill()
    process.wait()
    assert len(acknowledged) >= 25
    with ReviewSession.open(path) as reopened:
        assert reopened._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for _, item, cat in acknowledged:
            assert reopened.is_ticked(item, cat)
        last_n, last_item, _ = acknowledged[-1]
        assert reopened.item(last_item).comment in (
            f"comment {last_n}",
            f"comment {last_n + 1}",
            f"comment {last_n + len(reopened.item_ids())}",
        )


def test_creation_is_atomic(
    preds_csv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "atomic.easession"

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("erroranalysis.core.session.assign_colors", boom)
    with pytest.raises(RuntimeError):
        create_session(preds_csv, target, SourceOptions())
    assert not target.exists()
    assert not list(tmp_path.glob("atomic*"))


def test_categories_from_options(preds_csv: Path, tmp_path: Path) -> None:
    options = SourceOptions(
        categories=(Category("rain"), Category("mislabeled", kind="label_error"))
    )
    with create_session(preds_csv, tmp_path / "c.easession", options) as s:
        assert [(c.name, c.kind) for c in s.categories()] == [
            ("rain", "normal"),
            ("mislabeled", "label_error"),
        ]
