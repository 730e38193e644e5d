"""What every measurement shares: statistics, memory, child processes, result rows.

A measurement *worker* runs in its own process (``run.py --worker NAME``) and
appends one JSON object per finished row to a JSON-lines file, so a worker that
crashes or hits its timeout still leaves the rows it finished.
"""

from __future__ import annotations

import contextlib
import cProfile
import io
import json
import math
import os
import pstats
import shutil
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[2]
MB = 1e6


# -- statistics ----------------------------------------------------------------------


def summary(samples: Sequence[float]) -> dict[str, float | int | None]:
    """median, p95, p99, max, min and n of ``samples`` (None when empty)."""
    values = np.asarray([s for s in samples if s is not None and math.isfinite(s)], dtype=float)
    if not len(values):
        return {"n": 0, "median": None, "p95": None, "p99": None, "max": None, "min": None}
    return {
        "n": len(values),
        "median": float(np.median(values)),
        "p95": float(np.percentile(values, 95)),
        "p99": float(np.percentile(values, 99)),
        "max": float(values.max()),
        "min": float(values.min()),
    }


def sample(
    function: Callable[[], object],
    *,
    budget_s: float,
    max_n: int,
    min_n: int = 1,
    scale: float = 1.0,
    before: Callable[[], object] | None = None,
) -> list[float]:
    """Time ``function`` (``before`` runs untimed first) at least ``min_n`` times, then
    again while another run still fits in ``budget_s`` and fewer than ``max_n`` were made.

    Returns durations in seconds times ``scale`` (1000 for ms). A slow operation
    gets one sample; a fast one gets ``max_n``: the suite stays within its time
    whatever the code's speed.
    """
    samples: list[float] = []
    spent = 0.0
    while len(samples) < max_n:
        if before is not None:
            before()
        start = time.perf_counter()
        function()
        took = time.perf_counter() - start
        samples.append(took * scale)
        spent += took
        if len(samples) >= min_n and spent + took > budget_s:
            break
    return samples


# -- memory ----------------------------------------------------------------------------


def proc_status_mb(field_name: str, pid: int | str = "self") -> float | None:
    """A memory line of /proc/PID/status (``VmRSS``, ``VmHWM``) in MB; None off Linux."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1]) * 1024 / MB
    except OSError:
        return None
    return None


def rss_mb() -> float | None:
    """The resident set size of this process now, MB."""
    return proc_status_mb("VmRSS")


def peak_rss_mb() -> float | None:
    """The largest resident set size of this process so far, MB."""
    return proc_status_mb("VmHWM")


# -- child processes ---------------------------------------------------------------------


@dataclass
class ChildRun:
    """One finished child process: wall time, peak RSS, exit status and output."""

    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False


def run_child(
    command: Sequence[str],
    *,
    timeout_s: float,
    env: dict[str, str] | None = None,
    cwd: str | Path | None = None,
) -> ChildRun:
    """Run ``command``; its wall time and its own peak RSS (``wait4``'s ``ru_maxrss``).

    ``wait4`` gives the rusage of exactly this child (``RUSAGE_CHILDREN`` would
    be the largest of every child so far). On timeout the child is killed and
    ``timed_out`` is set. The child stays in this process's group, so a worker
    killed at its own timeout takes its children with it.
    """
    with contextlib.ExitStack() as stack:
        stdout_file = stack.enter_context(_temporary_file())
        stderr_file = stack.enter_context(_temporary_file())
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            stdout=stdout_file,
            stderr=stderr_file,
            env=env,
            cwd=cwd,
        )
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                process.kill()

        timer = threading.Timer(timeout_s, kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout_file.seek(0)
        stderr_file.seek(0)
        return ChildRun(
            seconds=seconds,
            # Linux reports ru_maxrss in KiB.
            peak_rss_mb=usage.ru_maxrss * 1024 / MB,
            returncode=process.returncode,
            stdout=stdout_file.read().decode("utf-8", "replace"),
            stderr=stderr_file.read().decode("utf-8", "replace"),
            timed_out=timed_out.is_set(),
        )


@contextlib.contextmanager
def _temporary_file() -> Iterator[Any]:
    import tempfile

    with tempfile.TemporaryFile() as handle:
        yield handle


def cli_command() -> list[str]:
    """The ``erroranalysis`` command of this Python (the console script when installed)."""
    script = Path(sys.executable).with_name("erroranalysis")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "erroranalysis"]


#: The offscreen screen of the GUI measurements: a common desktop. Qt's default offscreen
#: screen is 800x800, where the window restores a saved layout clamped to the screen
#: and drops into its compact mode (a laptop's layout), which is not what is measured.
DESKTOP_SCREEN = (1920, 1080)


def child_env(user_data: Path, screen: tuple[int, int] = DESKTOP_SCREEN) -> dict[str, str]:
    """The environment of measured children: offscreen Qt on a ``screen``-sized screen, the
    checkout importable, and a user data folder of their own (no recent list or window
    layout of the developer's)."""
    user_data.mkdir(parents=True, exist_ok=True)
    config = user_data / f"offscreen-{screen[0]}x{screen[1]}.json"
    config.write_text(
        json.dumps(
            {
                "synchronousWindowSystemEvents": False,
                "screens": [
                    {
                        "name": "bench",
                        "x": 0,
                        "y": 0,
                        "width": screen[0],
                        "height": screen[1],
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ],
            }
        )
    )
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["ERRORANALYSIS_DATA_DIR"] = str(user_data)
    env["XDG_CONFIG_HOME"] = str(user_data / "config")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


def copy_session(source: Path, destination: Path) -> Path:
    """A private copy of a closed session file (measurements never touch the original)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm", ".lock"):
        Path(f"{destination}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, destination)
    return destination


# -- result rows ---------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the results table, as a worker reports it.

    ``samples`` are in ``unit``; ``baseline`` (same unit) is the floor timed in
    the same run. Targets, ratios and pass/fail are added by :mod:`report`.
    """

    key: str
    name: str
    unit: str
    samples: list[float] = field(default_factory=list)
    baseline_name: str = ""
    baseline_samples: list[float] = field(default_factory=list)
    note: str = ""
    error: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    #: The baseline is another row (timed by another worker in the same run): its key.
    baseline_key: str = ""

    def to_json(self) -> dict[str, Any]:
        stats = summary(self.samples)
        baseline = None
        if self.baseline_name:
            baseline = {
                "name": self.baseline_name,
                **summary(self.baseline_samples),
                "samples": [round(s, 4) for s in self.baseline_samples],
            }
        return {
            "key": self.key,
            "name": self.name,
            "unit": self.unit,
            **stats,
            "samples": [round(s, 4) for s in self.samples],
            "baseline": baseline,
            "note": self.note,
            "error": self.error,
            "extra": self.extra,
            "baseline_key": self.baseline_key,
        }


class RowWriter:
    """Appends rows to a JSON-lines file as they finish (flushed: a killed worker keeps them)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def write(self, row: Row) -> None:
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(row.to_json()) + "\n")
            handle.flush()
        stats = summary(row.samples)
        shown = (
            "error: " + row.error.splitlines()[-1]
            if row.error
            else (f"median {_fmt(stats['median'])} {row.unit}, n={stats['n']}")
        )
        print(f"    {row.name}: {shown}", file=sys.stderr, flush=True)

    def failed(self, keys_names: Sequence[tuple[str, str, str]], error: BaseException) -> None:
        """Record the rows a measurement could not make, with the error (never abort)."""
        text = "".join(traceback.format_exception_only(type(error), error)).strip()
        detail = traceback.format_exc(limit=-3)
        for key, name, unit in keys_names:
            self.write(Row(key, name, unit, error=text, extra={"traceback": detail}))


def _fmt(value: float | int | None) -> str:
    if value is None:
        return "–"
    return f"{value:.4g}"


class Profiler:
    """cProfile around parts of a worker, when ``--profile DIR`` asks for it.

    Each part writes ``DIR/NAME.prof`` (for snakeviz or pstats) and
    ``DIR/NAME.txt`` (the 45 slowest functions by cumulative time).
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @contextlib.contextmanager
    def part(self, name: str) -> Iterator[None]:
        if self.folder is None:
            yield
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        profile = cProfile.Profile()
        profile.enable()
        try:
            yield
        finally:
            profile.disable()
            profile.dump_stats(self.folder / f"{name}.prof")
            text = io.StringIO()
            stats = pstats.Stats(profile, stream=text)
            stats.sort_stats("cumulative").print_stats(45)
            (self.folder / f"{name}.txt").write_text(text.getvalue())

    def command(self, name: str, command: list[str]) -> list[str]:
        """``command`` (a Python console script or ``python -m``) run under cProfile."""
        if self.folder is None:
            return command
        self.folder.mkdir(parents=True, exist_ok=True)
        output = str(self.folder / f"{name}.prof")
        if command[:2] == [sys.executable, "-m"]:
            return [sys.executable, "-m", "cProfile", "-o", output, "-m", *command[2:]]
        if command and command[0].endswith("erroranalysis"):
            return [
                sys.executable,
                "-m",
                "cProfile",
                "-o",
                output,
                "-m",
                "erroranalysis",
                *command[1:],
            ]
        return [sys.executable, "-m", "cProfile", "-o", output, *command]
