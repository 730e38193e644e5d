"""Issue 11's measurement suite: every row of its tables, each beside its baseline.

Usage::

    python benchmarks/run.py [--quick] [--only NAME ...] [--keep DIR] [--data DIR]
                             [--results FILE] [--profile DIR]

``--quick``    a tenth of the data (100,000 rows, ~10,000 errors, 200 images
               flipped); about 2 minutes. Without it: 1,000,000 rows, ~100,000
               dev errors, 2,000 12-MP images flipped; up to 15 minutes on 2 cores.
``--only``     run only these measurements (names below); ``review:PHASE,...``
               runs only some phases of the window (the window is always opened).
``--data DIR`` reuse the data set in DIR (made there first when missing or stale).
``--keep DIR`` make the data (and keep the scratch files) in DIR, not a temporary folder.
``--results``  where to write the JSON (default ``benchmarks/results.json``).
``--profile DIR`` also write a cProfile of each measured part to DIR (``*.prof`` and
               the top functions as ``*.txt``); profiled timings are slower, so the
               JSON says ``"profiled": true``.

Measurements (each in a fresh process with its own timeout; a failure or a
timeout becomes an ERROR row, the run goes on):

``bare``       baselines on bare widgets: a QMainWindow shown, keys doing one
               SQLite UPDATE, PageDown on a trivial QTableView
``review``     the real MainWindow on a copy of the session, offscreen, through
               QTest key events (phases: ticks, unreviewed, prefetched, cold,
               scroll, flip): window shown and RSS, tick -> tally painted,
               -> key -> item painted, cold jumps vs the Pillow floor, stalls (5 ms
               timer probe) while ticking, moving and scrolling the spreadsheet,
               RSS growth after flipping 12-MP images
``window``     the window opened again in fresh processes: with no saved layout,
               with the layout the previous run saved, and on a 1280x720 screen
               (compact layout); more samples while the time budget lasts
``tally``      ``session.tally()`` vs one SQL GROUP BY
``tick``       one ``set_tick()`` call, committed (p99, checkpoint stalls)
``export``     ``export_session`` vs ``DataFrame.to_csv`` of the same frame
``import``     ``import_spreadsheet`` of the exported CSV (nothing changed) vs
               ``pandas.read_csv(dtype=str)``
``import-cli`` ``erroranalysis import`` as a command vs a child doing the same
               ``read_csv(dtype=str)`` (both start Python); CLI start-up
``new``        ``erroranalysis new`` on the predictions file (time, peak RSS) vs
               children doing pandas read + ``to_sql`` of the same rows
``new-parquet`` the same on the predictions written as Parquet (``read_parquet``)
``exe``        the one-folder executable's size (``python packaging/build.py``)
``grid``       the grid view (issue 14): the longest GUI-thread stall per step
               scrolling 2,000 thumbnails (first decodes, then from the disk
               cache) vs a bare QListView in icon mode over the same steps
               (``bench_grid.py``; its own 2,000 1600x1200 JPEG paths)

The data set (``suite/data.py``) is seeded: a predictions CSV, one JPEG per dev
error (a few distinct 4000x3000 pictures hard-linked to every path: the
loader caches by path, so each path is a fresh decode, while the files come
from the OS page cache), a half-reviewed session with 20 categories made
with the public core API, and its exported review spreadsheet.

GUI measurements run offscreen on a 1920x1080 screen (``QT_QPA_PLATFORM=offscreen``
with a screen config; Qt's default 800x800 would push the window into its compact
layout). Each measurement also records the share of the CPUs other processes used
while it ran; above 10% the table says the machine was busy.

Output: the table on stdout (median, p95, max, the baseline timed in the same
run, the ratio, issue 11's target and PASS/FAIL) and ``results.json`` (machine,
versions, every row with its samples). Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))  # runnable from a checkout without installing

from suite import data as datasets  # noqa: E402
from suite.common import DESKTOP_SCREEN, Profiler, RowWriter, child_env  # noqa: E402
from suite.report import finish_rows, machine, markdown_table, table_text, write_json  # noqa: E402

#: In this order: flipping first measures what images add to a freshly opened window.
REVIEW_PHASES = ("flip", "ticks", "unreviewed", "prefetched", "cold", "scroll")

#: name -> (rows it must produce, timeout in s for the full run)
MEASUREMENTS: dict[str, tuple[tuple[str, ...], float]] = {
    "bare": (
        (
            "bare_window",
            "bare_window_rss",
            "bare_tick",
            "bare_tick_stall",
            "bare_move",
            "bare_move_stall",
            "bare_scroll",
            "bare_scroll_stall",
        ),
        180,
    ),
    "review": ((), 900),
    "window": (("window_shown", "rss_open"), 180),
    "tally": (("tally",), 180),
    "tick": (("tick_p99", "tick_autocheckpoint"), 180),
    "export": (("export",), 240),
    "import": (("import_inproc",), 400),
    "import-cli": (("import_cli", "cli_startup"), 450),
    "new": (("new_time", "new_rss"), 420),
    "new-parquet": (("new_parquet_time", "new_parquet_rss"), 420),
    "exe": (("exe_size",), 120),
    "grid": (("grid_stall_cold", "grid_stall_warm"), 300),
}
REVIEW_ROWS = {
    "open": ("window_shown", "rss_open"),
    "ticks": ("tick_tally", "stall_tick"),
    "unreviewed": ("move_unreviewed", "stall_move"),
    "prefetched": ("move_prefetched", "stall_move"),
    "cold": ("cold_large", "cold_small"),
    "scroll": ("sheet_switch", "sheet_scroll", "stall_scroll"),
    "flip": ("rss_flip", "flip_step"),
}


def log(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


# -- the worker side ----------------------------------------------------------------------


class Context:
    """What a measurement worker gets: the data, a scratch folder, where rows go."""

    def __init__(self, args: argparse.Namespace) -> None:
        scale = datasets.QUICK if args.scale == "quick" else datasets.FULL
        self.data = datasets.load_or_make(Path(args.data), scale, lambda *_: None)
        self.scratch = Path(args.scratch)
        self.scratch.mkdir(parents=True, exist_ok=True)
        self.writer = RowWriter(Path(args.rows))
        self.profiler = Profiler(Path(args.profile) if args.profile else None)
        self.deadline = time.perf_counter() + args.timeout - 5

    def write(self, row) -> None:  # type: ignore[no-untyped-def]
        self.writer.write(row)

    def budget(self, seconds: float) -> float:
        """A time budget in s for the full run; a third of it with --quick."""
        return seconds if self.data.scale.name == "full" else seconds / 3

    def repeats(self, full: int) -> int:
        """How many times to repeat a slow step: ``full``, or 1 with --quick (whose time
        limit is 2 minutes)."""
        return full if self.data.scale.name == "full" else 1

    def timeout_left(self) -> float:
        return max(10.0, self.deadline - time.perf_counter())


def worker(args: argparse.Namespace) -> int:
    ctx = Context(args)
    name = args.worker
    if name == "grid":
        import bench_grid

        bench_grid.measure(ctx)
        return 0
    if name in ("review", "window", "bare-window", "bare-keys"):
        from suite import gui_measures as gui

        if name in ("review", "bare-keys"):
            # Keys are sent through QTest: import it now, not inside the first timed key.
            from PySide6 import QtTest  # noqa: F401

        if name == "review":
            gui.measure_review(ctx, args.phases.split(",") if args.phases else REVIEW_PHASES)
        elif name == "window":
            gui.measure_window(ctx, args.phases or "fresh")
        elif name == "bare-window":
            gui.measure_bare_window(ctx)
        else:
            gui.measure_bare_keys(ctx)
        return 0
    from suite import core_measures as core

    {
        "tally": core.measure_tally,
        "tick": core.measure_tick,
        "export": core.measure_export,
        "import": core.measure_import,
        "import-cli": core.measure_import_cli,
        "new": core.measure_new,
        "new-parquet": core.measure_new_parquet,
        "exe": core.measure_executable,
    }[name](ctx)
    return 0


# -- the orchestrating side -----------------------------------------------------------------


class Runner:
    def __init__(self, args: argparse.Namespace, data: Path, scratch: Path) -> None:
        self.args = args
        self.data = data
        self.scratch = scratch
        self.rows_file = scratch / "rows.jsonl"
        self.rows_file.unlink(missing_ok=True)
        self.quick = args.quick
        #: Per worker, the share of the machine's CPU time that other processes used
        #: while it ran: they slow every number (the ratios to baselines timed alongside
        #: suffer less).
        self.others: dict[str, float] = {}

    def timeout(self, name: str) -> float:
        full = MEASUREMENTS[name.split(":")[0]][1] if name in MEASUREMENTS else 180
        return full if not self.quick else full / 3 + 60

    def run(
        self,
        worker: str,
        expected: tuple[str, ...],
        timeout: float,
        phases: str = "",
        *,
        tag: str = "",
        screen: tuple[int, int] = DESKTOP_SCREEN,
    ) -> float:
        """One worker process; rows it should have made and did not become ERROR rows."""
        before = len(self.rows())
        cpu_before = _cpu_seconds()
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--worker",
            worker,
            "--data",
            str(self.data),
            "--scratch",
            str(self.scratch / (tag or worker)),
            "--rows",
            str(self.rows_file),
            "--timeout",
            str(timeout),
            "--scale",
            "quick" if self.quick else "full",
        ]
        if phases:
            command += ["--phases", phases]
        if self.args.profile:
            command += ["--profile", str(Path(self.args.profile).resolve())]
        env = child_env(self.scratch / (tag or worker) / "user-data", screen)
        log(f"[{tag or worker}] (timeout {timeout:.0f} s)")
        start = time.perf_counter()
        stderr = self.scratch / f"{tag or worker}.stderr"
        with open(stderr, "w") as errors:
            process = subprocess.Popen(
                command,
                env=env,
                stderr=subprocess.PIPE,
                text=True,
                errors="replace",
                start_new_session=True,
            )

            def pump() -> None:
                # The worker's progress, shown live and kept for an ERROR row.
                assert process.stderr is not None
                for line in process.stderr:
                    errors.write(line)
                    if "propagateSizeHints" not in line:  # offscreen Qt's harmless chatter
                        sys.stderr.write(line)

            reader = threading.Thread(target=pump, daemon=True)
            reader.start()
            problem = ""
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                problem = f"timed out after {timeout:.0f} s (killed)"
            finally:
                if process.poll() is None:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            reader.join(5)
        if not problem and process.returncode:
            problem = f"the worker exited with status {process.returncode}"
        made = {row["key"] for row in self.rows()[before:]}
        missing = [key for key in expected if key not in made]
        if problem or missing:
            tail = stderr.read_text(errors="replace").strip().splitlines()[-3:]
            text = problem or "the worker did not report it"
            if tail and not problem.startswith("timed out"):
                text += ": " + " | ".join(tail)[-400:]
            writer = RowWriter(self.rows_file)
            from suite.common import Row

            for key in missing:
                writer.write(Row(key, key, "", error=text))
        took = time.perf_counter() - start
        cpu_after = _cpu_seconds()
        if cpu_before and cpu_after:
            busy = cpu_after[0] - cpu_before[0]
            ours = cpu_after[1] - cpu_before[1]
            share = max(0.0, busy - ours) / (took * (os.cpu_count() or 1))
            self.others[tag or worker] = round(share, 3)
        log(f"[{tag or worker}] {took:.0f} s")
        return took

    def rows(self) -> list[dict]:
        if not self.rows_file.exists():
            return []
        return [
            json.loads(line) for line in self.rows_file.read_text().splitlines() if line.strip()
        ]


def _cpu_seconds() -> tuple[float, float] | None:
    """(CPU seconds the whole machine has been busy, CPU seconds of this process and its
    waited-for children), to tell how much other processes took during a measurement."""
    try:
        with open("/proc/stat") as handle:
            fields = [int(v) for v in handle.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    # user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
    busy = sum(fields[:3]) + sum(fields[5:8])
    ticks = os.sysconf("SC_CLK_TCK")
    me, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    ours = me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime
    return busy / ticks, ours


def selection(only: list[str] | None) -> tuple[list[str], list[str]]:
    """(measurements, review phases) asked for by ``--only``."""
    if not only:
        return list(MEASUREMENTS), list(REVIEW_PHASES)
    chosen: list[str] = []
    phases: list[str] = []
    for item in only:
        for name in item.split(","):
            name, _, asked = name.partition(":")
            if name not in MEASUREMENTS:
                raise SystemExit(
                    f"--only {name}: not a measurement (one of {', '.join(MEASUREMENTS)})"
                )
            if name == "review":
                wanted = asked.split("+") if asked else list(REVIEW_PHASES)
                bad = [p for p in wanted if p not in REVIEW_PHASES]
                if bad:
                    raise SystemExit(
                        f"--only review:{asked}: phases are "
                        f"{', '.join(REVIEW_PHASES)} (joined with +)"
                    )
                phases += [p for p in wanted if p not in phases]
            if name not in chosen:
                chosen.append(name)
    phases = [p for p in REVIEW_PHASES if p in phases]
    if ("review" in chosen or "window" in chosen) and "bare" not in chosen:
        chosen.insert(0, "bare")  # their baselines
    return [m for m in MEASUREMENTS if m in chosen], phases


def _compile_package() -> None:
    """Write the package's bytecode before measuring, as an installed package has it.

    pip compiles what it installs, and an editable checkout writes its bytecode at
    its first run, unless ``PYTHONDONTWRITEBYTECODE`` is set (as on CI machines and
    here): then every measured command compiled ~100 modules first, 0.14 s of a
    CLI command's time that no user's second run pays.
    """
    import compileall

    import erroranalysis

    compileall.compile_dir(Path(erroranalysis.__file__).parent, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="See the module docstring for the measurements.",
    )
    parser.add_argument("--quick", action="store_true", help="a 10x smaller run (~2 minutes)")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help="measurements to run: "
        + ", ".join(MEASUREMENTS)
        + " (review:ticks+cold runs some phases)",
    )
    parser.add_argument("--keep", metavar="DIR", help="make and keep the data in DIR")
    parser.add_argument("--data", metavar="DIR", help="reuse (or make) the data set in DIR")
    parser.add_argument("--results", metavar="FILE", default=str(HERE / "results.json"))
    parser.add_argument("--profile", metavar="DIR", help="cProfile every measured part into DIR")
    # The worker side (run.py starts itself once per measurement).
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--scratch", help=argparse.SUPPRESS)
    parser.add_argument("--rows", help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, default=600, help=argparse.SUPPRESS)
    parser.add_argument("--scale", default="full", help=argparse.SUPPRESS)
    parser.add_argument("--phases", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args)

    measurements, phases = selection(args.only)
    scale = datasets.QUICK if args.quick else datasets.FULL
    started = time.perf_counter()
    temporary = None
    if args.data or args.keep:
        data_dir = Path(args.data or args.keep).resolve()
        data_dir.mkdir(parents=True, exist_ok=True)  # --keep DIR: a new folder is fine
    else:
        temporary = Path(tempfile.mkdtemp(prefix="ea-bench-"))
        data_dir = temporary / "data"
    scratch = (
        Path(tempfile.mkdtemp(prefix="scratch-", dir=args.keep))
        if args.keep
        else (Path(tempfile.mkdtemp(prefix="ea-bench-scratch-")))
    )
    _compile_package()
    info = machine()
    log(
        f"erroranalysis benchmarks ({scale.name}): {info.get('cpu', '')}, {info['cpus']} CPUs; "
        f"Python {info['python']}, pandas {info['pandas']}, numpy {info['numpy']}, "
        f"PySide6 {info.get('pyside6')}, SQLite {info['sqlite']}"
    )
    try:
        log(f"data set: {data_dir}")
        made = time.perf_counter()
        dataset = datasets.load_or_make(data_dir, scale, log)
        made = time.perf_counter() - made
        runner = Runner(args, data_dir, scratch)
        walls: dict[str, float] = {}
        for name in measurements:
            if name == "bare":
                walls[name] = sum(
                    runner.run(
                        "bare-window", ("bare_window", "bare_window_rss"), runner.timeout(name)
                    )
                    for _ in range(1 if args.quick else 3)
                )
                walls[name] += runner.run(
                    "bare-keys", MEASUREMENTS[name][0][2:], runner.timeout(name)
                )
            elif name == "review":
                expected = tuple(
                    dict.fromkeys(key for phase in ("open", *phases) for key in REVIEW_ROWS[phase])
                )
                walls[name] = runner.run("review", expected, runner.timeout(name), ",".join(phases))
            elif name == "window":
                # Fresh (no saved layout), then again with the layout it saved on closing,
                # then on a laptop screen; again while the time budget lasts.
                budget = 45 if not args.quick else 15
                walls[name] = 0.0
                for round_ in range(1 if args.quick else 3):
                    tag = f"window-{round_}"
                    for variant, key, screen in (
                        ("fresh", "window_shown", DESKTOP_SCREEN),
                        ("saved", "window_shown_saved", DESKTOP_SCREEN),
                        ("laptop", "window_shown_laptop", (1280, 720)),
                    ):
                        walls[name] += runner.run(
                            "window",
                            (key,),
                            runner.timeout(name),
                            variant,
                            tag=tag if variant != "laptop" else f"{tag}-laptop",
                            screen=screen,
                        )
                    if walls[name] > budget:
                        break
            else:
                walls[name] = runner.run(name, MEASUREMENTS[name][0], runner.timeout(name))
        table, baselines = finish_rows(runner.rows())
        info["load_average_end"] = os.getloadavg()
        payload = {
            "suite": "benchmarks/run.py (issue 11)",
            "scale": scale.name,
            "profiled": bool(args.profile),
            "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "seconds": round(time.perf_counter() - started, 1),
            "data_seconds": round(made, 1),
            "measurement_seconds": {k: round(v, 1) for k, v in walls.items()},
            "other_processes_cpu_share": runner.others,
            "machine": info,
            "data": {k: v for k, v in dataset.manifest.items() if k != "layout"},
            "layout": dataset.manifest["layout"],
            "rows": table,
            "baselines": baselines,
            "markdown": markdown_table(table),
        }
        write_json(Path(args.results), payload)
        print(
            f"\nerroranalysis benchmarks, {scale.name} run: "
            f"{dataset.manifest['rows']:,} prediction rows, {dataset.layout.errors:,} dev "
            f"errors, {dataset.manifest['ticks']:,} ticks; {info.get('cpu', '')} "
            f"({info['cpus']} CPUs); {time.perf_counter() - started:.0f} s in all"
        )
        print(
            f"images: {dataset.manifest['large_unique']} distinct 4000x3000 JPEGs "
            f"(quality 90, {dataset.manifest['large_mean_bytes'] / 1e6:.1f} MB each) "
            f"hard-linked to {dataset.layout.errors:,} distinct paths: every path is a "
            "fresh decode (the loader caches by path), every read comes from the page cache"
        )
        busy = {k: v for k, v in runner.others.items() if v > 0.1}
        if busy:
            print(
                "the machine was busy: other processes used "
                + ", ".join(f"{v:.0%} of the CPUs during {k}" for k, v in busy.items())
                + "; their times are slower (ratios to baselines timed alongside suffer less)"
            )
        if args.profile:
            print(f"PROFILED RUN: timings include cProfile's overhead; profiles in {args.profile}")
        print()
        print(table_text(table))
        failed = [r for r in table if r.get("pass") is False]
        errors = [r for r in table if r.get("error")]
        print(
            f"\n{sum(r.get('pass') is True for r in table)} pass, {len(failed)} fail, "
            f"{len(errors)} errors; results in {args.results}"
        )
        if failed:
            worst = sorted(failed, key=lambda r: -(r["distance"] or 0))[:5]
            print(
                "furthest from target: "
                + "; ".join(f"{r['key']} {r['distance']:.1f}x its target" for r in worst)
            )
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
