"""Issue 9, "two programs, one session": the second is told who has it, a killed owner's
lock is taken over, read-only sessions open read-only, and nothing is overwritten unseen."""

from __future__ import annotations

import csv
import os
import shlex
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import hold_session, make_session, run_cli
from PySide6.QtWidgets import QApplication, QMessageBox

from erroranalysis.core.errors import UserError
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.session_errors import SessionWriteError
from erroranalysis.core.session_lock import SessionLocked, live_owner, lock_path

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


def test_a_second_program_is_told_who_has_the_session(session_path: Path, tmp_path: Path):
    holder = hold_session(session_path, reviewer="Bea")
    try:
        owner = live_owner(session_path)
        assert owner is not None and owner.reviewer == "Bea" and owner.pid == holder.pid
        session = ReviewSession.open(session_path)
        with pytest.raises(SessionLocked, match=r"open in another program \(Bea on "):
            session.acquire_lock()
        session.close()
        # The CLI's writers refuse with that line; --force writes anyway.
        sheet = tmp_path / "review.csv"
        assert run_cli("export", str(session_path), "-o", str(sheet)).returncode == 0
        refused = run_cli("import", str(session_path), str(sheet))
        assert refused.returncode == 2 and "Bea on" in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
        assert run_cli("import", str(session_path), str(sheet), "--force").returncode == 0
        # Reading needs no lock.
        assert run_cli("tally", str(session_path)).returncode == 0
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_programs_lock_is_taken_over(session_path: Path):
    holder = hold_session(session_path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert lock_path(session_path).exists()  # the killed program left its file
    assert live_owner(session_path) is None  # but nobody holds it
    with ReviewSession.open(session_path) as session:
        session.acquire_lock()
        assert session._lock.taken_over is not None
    assert not lock_path(session_path).exists()  # a clean close leaves nothing


def test_the_window_offers_read_only_when_another_program_has_it(qtbot, session_path, monkeypatch):
    from erroranalysis.gui.app import AppController

    holder = hold_session(session_path, reviewer="Bea")
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        read_only = next(b for b in box.buttons() if b.text() == "Open read-only")
        box.clickedButton = lambda: read_only  # type: ignore[method-assign]
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    try:
        controller = AppController(QApplication.instance())
        assert controller.open_session(session_path)
        window = controller.window
        assert "Bea on" in asked[0]
        assert window.session.read_only
        assert window.notice_bar.isVisibleTo(window) and "Read-only" in window.notice_text.text()
        window.review_view.toggle_category(window.session.categories()[0].id)
        assert window.saved_label.text() == "⚠ Not saved"
        assert window.undo_stack.count() == 0
        window.close()
    finally:
        holder.kill()
        holder.wait()


def _read_only_cli(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """The CLI in a private mount namespace where ``folder`` is a read-only file system
    (what a shared drive mounted read-only looks like; root bypasses chmod)."""
    command = " ".join(shlex.quote(a) for a in (sys.executable, "-m", "erroranalysis", *args))
    script = (f"mount --bind {shlex.quote(str(folder))} {shlex.quote(str(folder))} && "
              f"mount -o remount,bind,ro {shlex.quote(str(folder))} && exec {command}")
    return subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True,
                          timeout=120, check=False)


def _can_mount_read_only() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount --bind /tmp /tmp && "
                            "mount -o remount,bind,ro /tmp"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_read_only(),
                    reason="needs root and unshare to mount a read-only file system")
def test_a_session_on_a_read_only_drive_reads_and_refuses_writes(tmp_path: Path):
    """A read-only folder (a shared drive) got "the session file is damaged", even for tally."""
    shared = tmp_path / "shared"
    shared.mkdir()
    path = shared / "team.easession"
    session = make_session(path)
    session.set_tick(session.item_ids()[0], session.categories()[0].id, True)
    session.close()
    tally = _read_only_cli(shared, "tally", str(path), "--format", "json")
    assert tally.returncode == 0, tally.stderr
    assert '"reviewed": 1' in tally.stdout
    sheet = tmp_path / "sheet.csv"
    exported = _read_only_cli(shared, "export", str(path), "-o", str(sheet))
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.reader(sheet.read_text(encoding="utf-8-sig").splitlines()))
    rows[2][rows[0].index("blurry")] = "1"  # an edit to bring back
    sheet.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    refused = _read_only_cli(shared, "import", str(path), str(sheet))
    assert refused.returncode == 2
    assert "read-only" in refused.stderr and "damaged" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert not list(shared.glob("*-wal")) and not list(shared.glob("*.lock"))


def test_read_only_open_of_an_older_schema(session_path: Path, monkeypatch):
    db = sqlite3.connect(session_path)
    db.executescript(VERSION_1_SQL)
    db.close()
    before = session_path.read_bytes()
    with ReviewSession.open(session_path, read_only=True) as session:
        assert session.read_only
        assert session.tally().reviewed == 0  # the missing table reads as empty
        with pytest.raises(SessionWriteError, match="opened read-only"):
            session.set_tick(session.item_ids()[0], session.categories()[0].id, True)
    assert session_path.read_bytes() == before  # not migrated, not touched


def test_unwritable_file_opens_read_only(session_path: Path, monkeypatch):
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)
    with ReviewSession.open(session_path) as session:
        assert session.read_only and "not writable" in session.read_only_reason
        with pytest.raises(UserError, match="not writable"):
            session.set_comment(session.item_ids()[0], "x")


def test_conditional_comment_write_never_overwrites_unseen(session_path: Path):
    first = ReviewSession.open(session_path)
    second = ReviewSession.open(session_path)
    item = first.item_ids()[0]
    first.set_comment(item, "written by the first window")
    with pytest.raises(UserError, match="changed elsewhere"):
        second.set_comment(item, "the second window's text", expected="")
    assert first.item(item).comment == "written by the first window"
    first.close()
    second.close()


def test_lock_file_mode_is_not_world_writable(session_path: Path):
    with ReviewSession.open(session_path) as session:
        session.acquire_lock()
        mode = stat.S_IMODE(lock_path(session_path).stat().st_mode)
        assert not mode & stat.S_IWOTH
