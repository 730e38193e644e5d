"""Fixtures of the fault tests: sessions, a connection that fails on demand, other processes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from erroranalysis.core.categories import Category
from erroranalysis.core.session import ReviewSession


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ERRORANALYSIS_DATA_DIR", str(tmp_path / "userdata"))


def make_session(path: Path, items: int = 12) -> ReviewSession:
    """A small session: ``items`` dev errors of 10x as many examples, three categories."""
    import pandas as pd

    frame = pd.DataFrame({
        "key": [f"e{i:03}" for i in range(items)],
        "image": [f"img/e{i:03}.png" for i in range(items)],
        "label": "cat", "prediction": "dog", "score": 0.9, "split": "dev",
    })
    categories = [Category("dog"), Category("blurry"), Category("wrong label", kind="label_error")]
    return ReviewSession.create(path, frame, categories, dev_size=items * 10, dev_errors=items)


@pytest.fixture
def session_path(tmp_path: Path) -> Path:
    folder = tmp_path / "reviews"
    folder.mkdir()
    path = folder / "s.easession"
    make_session(path).close()
    return path


class FailingConnection:
    """Wraps a session's sqlite3 connection; ``fail_with`` makes every COMMIT raise it.

    The error is raised where SQLite would raise a real one (at commit, after
    the statements ran), so the session's own rollback path is exercised.
    """

    def __init__(self, real: sqlite3.Connection) -> None:
        self._real = real
        self.fail_with: BaseException | None = None

    def execute(self, sql: str, *args):  # type: ignore[no-untyped-def]
        if self.fail_with is not None and sql.strip().upper() == "COMMIT":
            raise self.fail_with
        return self._real.execute(sql, *args)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._real, name)


def inject_failures(session: ReviewSession) -> FailingConnection:
    wrapper = FailingConnection(session._db)
    session._db = wrapper  # type: ignore[assignment]
    return wrapper


def run_cli(*args: str, env: dict[str, str] | None = None,
            preexec=None) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    """The real command line in a fresh process (as a user would run it)."""
    return subprocess.run(
        [sys.executable, "-m", "erroranalysis", *args], capture_output=True, text=True,
        timeout=120, env={**os.environ, **(env or {})}, preexec_fn=preexec, check=False,
    )


def hold_session(path: Path, reviewer: str = "Bea") -> subprocess.Popen:
    """Another program with the session open for writing; it prints 'ready' once it has it."""
    code = textwrap.dedent(f"""
        import sys, time
        from erroranalysis.core.session import ReviewSession
        s = ReviewSession.open({str(path)!r})
        s.set_reviewer({reviewer!r})
        s.acquire_lock()
        print("ready", flush=True)
        time.sleep(600)
    """)
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process
