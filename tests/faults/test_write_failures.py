"""Issue 9, items 1-3: writes that fail (locked, full, read-only) in the window and the CLI.

Each failure must leave the app running, the change shown as not made, typed
text in its box, and one line naming the real cause; nothing acknowledged lost.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import inject_failures, make_session, run_cli
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from erroranalysis.core.session import ReviewSession
from erroranalysis.core.session_errors import SessionWriteError
from erroranalysis.gui.main_window import MainWindow

FULL = sqlite3.OperationalError("database or disk is full")
LOCKED = sqlite3.OperationalError("database is locked")


@pytest.fixture
def window(qtbot, session_path: Path):
    session = ReviewSession.open(session_path)
    session.acquire_lock()
    win = MainWindow(session)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.review_view.setFocus()
    yield win
    win.close()


def test_failed_ticks_are_never_pushed_and_the_window_keeps_working(qtbot, window):
    """Two failed pushes crashed the window (SIGSEGV) and the box said "saved"."""
    session = window.session
    view = window.review_view
    failing = inject_failures(session)
    failing.fail_with = FULL
    item = view.current_item()
    for _ in range(5):  # the crash came on the third push
        QTest.keyClick(view, Qt.Key.Key_1)
    assert window.undo_stack.count() == 0
    assert not view._rows[session.categories()[0].id].is_ticked()  # shown as not made
    assert window.saved_label.text() == "⚠ Not saved"
    assert "disk is full" in window.saved_label.toolTip()
    assert session.item_ticks(item.id) == set()
    # The cause goes away: the next key works, and "saved" comes back.
    failing.fail_with = None
    QTest.keyClick(view, Qt.Key.Key_1)
    assert session.item_ticks(item.id) == {session.categories()[0].id}
    assert window.undo_stack.count() == 1
    assert window.saved_label.text() == "✓ All changes saved"


def test_a_comment_that_cannot_be_saved_stays_in_its_box(qtbot, window):
    session = window.session
    view = window.review_view
    failing = inject_failures(session)
    failing.fail_with = LOCKED
    item = view.current_item()
    QTest.keyClick(view, Qt.Key.Key_C)
    QTest.keyClicks(view.comment_box, "lion at the zoo")
    QTest.keyClick(view.comment_box, Qt.Key.Key_Return)
    assert view.comment_box.toPlainText() == "lion at the zoo"  # nothing typed is lost
    assert session.item(item.id).comment == ""
    assert "locked" in window.saved_label.toolTip()
    failing.fail_with = None
    QTest.keyClick(view.comment_box, Qt.Key.Key_Return)  # try again
    assert session.item(item.id).comment == "lion at the zoo"


def test_a_failed_undo_is_put_back_not_lost(qtbot, window):
    session = window.session
    view = window.review_view
    QTest.keyClick(view, Qt.Key.Key_2)
    item = view.current_item()
    failing = inject_failures(session)
    failing.fail_with = FULL
    window.undo()
    assert session.item_ticks(item.id) == {session.categories()[1].id}
    assert window.undo_stack.index() == 1  # the step is still there to undo
    failing.fail_with = None
    window.undo()
    assert session.item_ticks(item.id) == set()
    window.redo()
    assert session.item_ticks(item.id) == {session.categories()[1].id}


def test_a_real_lock_held_by_another_connection(qtbot, window):
    """Another program in the middle of a write: a bounded wait, then one line."""
    session = window.session
    session._db.execute("PRAGMA busy_timeout = 200")
    other = sqlite3.connect(session.path, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")
    try:
        view = window.review_view
        QTest.keyClick(view, Qt.Key.Key_1)
        assert window.saved_label.text() == "⚠ Not saved"
        assert "locked" in window.saved_label.toolTip()
        assert window.undo_stack.count() == 0
    finally:
        other.rollback()
        other.close()
    QTest.keyClick(window.review_view, Qt.Key.Key_1)
    assert window.undo_stack.count() == 1


def test_disk_full_for_real(tmp_path: Path):
    """SQLite's own "full" (the file may not grow) names the cause, and loses nothing."""
    session = make_session(tmp_path / "full.easession", items=300)
    ids = session.item_ids()
    dog = session.categories()[0].id
    session.set_tick(ids[0], dog, True)
    pages = session._db.execute("PRAGMA page_count").fetchone()[0]
    session._db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(SessionWriteError, match="the disk is full"):
        for start in range(0, 300, 10):
            session.set_comment(ids[start], "x" * 3000)
    assert session.is_ticked(ids[0], dog)  # what was acknowledged is there
    session.close()
    with ReviewSession.open(tmp_path / "full.easession") as again:
        assert again.is_ticked(ids[0], dog)


def test_cli_import_into_a_full_session_is_one_line(tmp_path: Path):
    path = tmp_path / "s.easession"
    session = make_session(path, items=400)
    session.close()
    sheet = tmp_path / "review.csv"
    assert run_cli("export", str(path), "-o", str(sheet)).returncode == 0
    text = sheet.read_text(encoding="utf-8-sig").splitlines()
    header = text[0].split(",")
    comments = header.index("comments")
    rows = [line.split(",") for line in text[1:]]
    for row in rows:
        row[comments] = "y" * 2000
    sheet.write_text("\n".join([",".join(header)] + [",".join(r) for r in rows]) + "\n",
                     encoding="utf-8")
    db = sqlite3.connect(path)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.close()
    # max_page_count is per connection: a tiny wrapper applies it to the CLI's.
    code = (
        "import sqlite3, sys\n"
        "from erroranalysis.core import session as s\n"
        "connect = s.ReviewSession._connect\n"
        "def limited(path):\n"
        "    c = connect(path)\n"
        f"    c.execute('PRAGMA max_page_count = {pages}')\n"
        "    return c\n"
        "s.ReviewSession._connect = staticmethod(limited)\n"
        "from erroranalysis.cli import main\n"
        f"sys.exit(main(['import', {str(path)!r}, {str(sheet)!r}]))\n"
    )
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not saved: the disk is full" in lines[0]
    with ReviewSession.open(path) as session:
        assert all(not session.item(i).comment for i in session.item_ids())  # all or nothing


def test_cli_import_while_locked_waits_then_says_so(tmp_path: Path):
    path = tmp_path / "s.easession"
    make_session(path).close()
    sheet = tmp_path / "review.csv"
    assert run_cli("export", str(path), "-o", str(sheet)).returncode == 0
    content = sheet.read_text(encoding="utf-8-sig").replace(",0,0,0,", ",1,0,0,", 1)
    sheet.write_text(content, encoding="utf-8-sig")
    other = sqlite3.connect(path, timeout=0.1)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("BEGIN IMMEDIATE")
    try:
        result = run_cli("import", str(path), str(sheet))
    finally:
        other.rollback()
        other.close()
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"erroranalysis: error: {path}: not saved: another program is writing the session "
        "file (it is locked); try again in a moment"
    ]


def test_damaged_and_cut_sessions_are_one_line(tmp_path: Path):
    path = tmp_path / "s.easession"
    make_session(path, items=200).close()
    dropped = tmp_path / "dropped.easession"
    dropped.write_bytes(path.read_bytes())
    db = sqlite3.connect(dropped)
    db.execute("DROP TABLE ticks")
    db.commit()
    db.close()
    result = run_cli("tally", str(dropped))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "missing part of its data" in result.stderr or "damaged" in result.stderr

    corrupt = tmp_path / "corrupt.easession"
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 8192] = b"\x5a" * 8192
    corrupt.write_bytes(bytes(data))
    for command in (["tally", str(corrupt)], ["export", str(corrupt), "-o",
                                               str(tmp_path / "x.csv")]):
        result = run_cli(*command)
        assert result.returncode == 2, result.stdout
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr

    for name, content in (("empty.easession", b""), ("random.easession", bytes(range(256)))):
        bad = tmp_path / name
        bad.write_bytes(content)
        result = run_cli("tally", str(bad))
        assert result.returncode == 2
        assert "UTF-8" not in result.stderr and "session" in result.stderr
