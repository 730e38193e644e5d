"""Issue 9, items 10-11: after a crash (SIGKILL), copying a session, a write-ahead log
that belongs to another file, and image paths that block (a FIFO, a hung drive)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import make_session, run_cli
from PySide6.QtCore import QSize, Qt, QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from erroranalysis.core.imaging import decode_image
from erroranalysis.core.session import ReviewSession
from erroranalysis.gui import image_loader as loader_module
from erroranalysis.gui.image_loader import ImageLoader

TICKER = textwrap.dedent("""
    import sys
    from erroranalysis.core.session import ReviewSession
    s = ReviewSession.open(sys.argv[1])
    s.acquire_lock()
    dog = s.categories()[0].id
    for item in s.item_ids():
        s.set_tick(item, dog, True)
        print(item, flush=True)   # acknowledged: committed before this line
    import time; time.sleep(600)
""")


def _tick_then_kill(path: Path, after: int) -> list[int]:
    """Start a ticking program, SIGKILL it after ``after`` acknowledged ticks."""
    process = subprocess.Popen([sys.executable, "-c", TICKER, str(path)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    acknowledged = [int(process.stdout.readline()) for _ in range(after)]
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return acknowledged


def test_sigkill_trials_lose_no_acknowledged_tick(tmp_path: Path):
    """A ticking program killed at random moments: every tick it acknowledged is there,
    the file passes integrity_check, and the next program takes the lock over."""
    trials = int(os.environ.get("ERRORANALYSIS_KILL_TRIALS", "12"))
    for trial in range(trials):
        path = tmp_path / f"t{trial}.easession"
        make_session(path, items=40).close()
        acknowledged = _tick_then_kill(path, after=1 + (trial * 7) % 39)
        with ReviewSession.open(path) as session:
            session.acquire_lock()  # the killed program's lock is stale
            assert session._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            ticked = set(session.items_with(session.categories()[0].id))
            assert set(acknowledged) <= ticked


def test_a_copy_of_the_session_file_alone_is_complete_after_backup(tmp_path: Path):
    path = tmp_path / "s.easession"
    make_session(path, items=40).close()
    acknowledged = _tick_then_kill(path, after=25)
    # After a crash the work may live in the -wal file: `backup` makes one
    # complete file of it (the README says to copy sessions this way).
    copy = tmp_path / "copy.easession"
    result = run_cli("backup", str(path), "-o", str(copy))
    assert result.returncode == 0, result.stderr
    assert not Path(f"{copy}-wal").exists()
    with ReviewSession.open(copy) as session:
        assert set(acknowledged) <= set(session.items_with(session.categories()[0].id))


def test_idle_checkpoint_makes_the_main_file_complete(qtbot, tmp_path: Path, monkeypatch):
    """Copying just the .easession after a crash gave 0 of 40 ticks."""
    from erroranalysis.gui import main_window

    monkeypatch.setattr(main_window, "CHECKPOINT_IDLE_MS", 50)
    path = tmp_path / "s.easession"
    make_session(path, items=10).close()
    session = ReviewSession.open(path)
    session.acquire_lock()
    window = main_window.MainWindow(session)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.review_view.setFocus()
    for _ in range(6):
        QTest.keyClick(window.review_view, Qt.Key.Key_1)
        QTest.keyClick(window.review_view, Qt.Key.Key_Return)
    # Only the main file, as a naive copy would take it, while the window is open.
    qtbot.waitUntil(lambda: _ticks_in_main_file(path) == 6, timeout=5000)
    window.close()


def _ticks_in_main_file(path: Path) -> int:
    copy = path.with_name("naive-copy.easession")
    shutil.copyfile(path, copy)
    for suffix in ("-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    with ReviewSession.open(copy, read_only=True) as session:
        return len(session.items_with(session.categories()[0].id))


def test_a_stale_wal_of_another_session_is_set_aside_not_merged(tmp_path: Path):
    """Replacing a crashed session file by another one merged the stale log into it."""
    crashed = tmp_path / "review.easession"
    make_session(crashed, items=40).close()
    other = tmp_path / "other.easession"
    make_session(other, items=5).close()
    _tick_then_kill(crashed, after=30)
    assert Path(f"{crashed}-wal").stat().st_size > 0
    shutil.copyfile(other, crashed)  # the user puts another session in its place
    with ReviewSession.open(crashed) as session:
        assert session.item_count() == 5  # the other session, intact
        assert session.items_with(session.categories()[0].id) == []
        assert any("set aside" in note for note in session.notes)
        assert session._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert list(tmp_path.glob("review.easession-wal.orphaned-*"))


def test_the_same_sessions_wal_is_replayed(tmp_path: Path):
    path = tmp_path / "review.easession"
    make_session(path, items=40).close()
    acknowledged = _tick_then_kill(path, after=30)
    with ReviewSession.open(path) as session:
        assert set(acknowledged) <= set(session.items_with(session.categories()[0].id))
        assert not session.notes


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_at_once(tmp_path: Path):
    fifo = tmp_path / "blocking.png"
    os.mkfifo(fifo)
    started = time.monotonic()
    decoded = decode_image(fifo, (256, 256))
    assert decoded.image is None and "pipe" in (decoded.problem or "")
    assert time.monotonic() - started < 5


def test_a_hung_read_times_out_and_the_window_still_closes(qtbot, tmp_path, monkeypatch):
    """A path that blocks on open froze its item on "Loading…" and hung the close."""
    import threading

    release = threading.Event()
    real = loader_module.decode_image

    def hanging(path, box, **kwargs):  # type: ignore[no-untyped-def]
        if "hung" in str(path):
            release.wait(60)
        return real(path, box, **kwargs)

    monkeypatch.setattr(loader_module, "decode_image", hanging)
    monkeypatch.setattr(loader_module, "SHUTDOWN_WAIT_MS", 300)
    loader = ImageLoader()
    loader.read_timeout_s = 0.3
    failures: list[tuple[str, str]] = []
    loader.image_failed.connect(lambda p, m: failures.append((p, m)))
    assert loader.request(str(tmp_path / "hung.png"), QSize(64, 64)) is None
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert "did not load within" in failures[0][1]
    started = time.monotonic()
    loader.shutdown()
    assert time.monotonic() - started < 3
    assert loader_module.STUCK_READS_AT_EXIT
    pool = next(p for p in reversed(loader_module._ABANDONED_POOLS) if isinstance(p, QThreadPool))
    # The loader goes away first (the window closed); the stuck read then returns
    # and its worker reports on the carrier, which must still exist (it crashed).
    loader.deleteLater()
    del loader
    qtbot.wait(50)
    release.set()  # let the stuck thread finish so the test process can exit
    assert pool.waitForDone(10_000)
    qtbot.wait(50)
    monkeypatch.setattr(loader_module, "STUCK_READS_AT_EXIT", False)
