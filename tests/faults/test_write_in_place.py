"""``-o /dev/stdout``, a named pipe, a symbolic link: what an atomic write must not break.

A write through a temporary file and a rename put a plain file where the target
was: run as root, ``erroranalysis export S -o /dev/stdout`` replaced the system's
``/dev/stdout`` link with a file. Such targets are written in place; a link to a
file stays a link.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from erroranalysis.core.csvio import write_csv
from erroranalysis.core.paths import replace_target
from erroranalysis.core.team_report import write_report_text


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_a_named_pipe_is_written_in_place_and_stays_a_pipe(tmp_path) -> None:
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    assert replace_target(fifo) is None
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    write_csv(fifo, ["a", "b"], [["1", "x,y"]])
    reader.join(10)
    assert got == ["\ufeffa,b\r\n1,\"x,y\"\r\n".encode()]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary left

    got.clear()
    reader = _read_fifo(fifo, got)
    write_report_text("# report\n", fifo)
    reader.join(10)
    assert got == [b"# report\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_link_to_a_file_stays_a_link_and_its_file_is_replaced(tmp_path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert replace_target(link) == real
    write_csv(link, ["a"], [["1"]])
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == "\ufeffa\r\n1\r\n".encode()
    report = tmp_path / "report.md"
    report_link = tmp_path / "report-link.md"
    report.write_text("old")
    report_link.symlink_to(report)
    write_report_text("new\n", report_link)
    assert report_link.is_symlink() and report.read_text() == "new\n"


def test_a_new_file_is_made_through_a_temporary(tmp_path) -> None:
    target = tmp_path / "new.csv"
    assert replace_target(target) == target
    write_csv(target, ["a"], [["1"]])
    assert target.read_bytes() == "\ufeffa\r\n1\r\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.csv"]


def test_export_into_a_pipe_gives_the_reader_the_csv_alone(tmp_path) -> None:
    """``erroranalysis export S -o /dev/stdout | ...``: the CSV on stdout, the summary on
    stderr, and /dev/stdout still the link it was."""
    import subprocess
    import sys

    from erroranalysis.core.demo import open_demo_session

    demo = open_demo_session()
    demo.close()
    before = os.readlink("/dev/stdout") if os.path.islink("/dev/stdout") else None
    result = subprocess.run(
        [sys.executable, "-m", "erroranalysis", "export", str(demo.path), "-o", "/dev/stdout"],
        capture_output=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("id,image,label,prediction")
    assert all("rows" not in line for line in lines[-1:])
    assert b"/dev/stdout:" in result.stderr and b"rows" in result.stderr
    if before is not None:
        assert os.path.islink("/dev/stdout") and os.readlink("/dev/stdout") == before
