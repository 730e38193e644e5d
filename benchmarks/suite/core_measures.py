"""Measurements without a window: import, export, new, the tally, one tick, the executable.

Each ``measure_*`` function is one worker (its own process, see ``run.py``): it
times the operation and its baseline in the same process and run, and writes
:class:`Row` objects. Session files are always private copies.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import numpy as np
import pandas as pd

from suite.common import (
    REPO,
    Row,
    child_env,
    cli_command,
    copy_session,
    run_child,
    sample,
    summary,
)

# -- baselines run as children (same interpreter, same start-up cost as the CLI) --------

READ_CSV = "import sys, pandas as pd; pd.read_csv(sys.argv[1])"
READ_CSV_TEXT = "import sys, pandas as pd; pd.read_csv(sys.argv[1], dtype=str)"
READ_TO_SQL_ERRORS = """
import sys, sqlite3, pandas as pd
frame = pd.read_csv(sys.argv[1])
errors = frame[(frame["split"] == "dev") & (frame["label"] != frame["prediction"])]
db = sqlite3.connect(sys.argv[2])
errors.to_sql("items", db, index=False)
db.commit()
db.close()
"""
READ_TO_SQL_SAME_ROWS = """
import sys, sqlite3, pandas as pd
frame = pd.read_csv(sys.argv[1])
errors = frame[(frame["split"] == "dev") & (frame["label"] != frame["prediction"])]
db = sqlite3.connect(sys.argv[2])
frame.to_sql("predictions", db, index=False)
errors.to_sql("items", db, index=False)
db.commit()
db.close()
"""


def _parquet(script: str) -> str:
    """A baseline script reading the Parquet file instead (``pd.read_parquet``)."""
    return script.replace("pd.read_csv(sys.argv[1])", "pd.read_parquet(sys.argv[1])")

def measure_import(ctx) -> None:  # type: ignore[no-untyped-def]
    """``import`` of the exported CSV, nothing changed, in-process; vs ``read_csv(dtype=str)``."""
    from erroranalysis.core.session import ReviewSession
    from erroranalysis.core.spreadsheet import import_spreadsheet

    data = ctx.data
    name = f"import of the exported {data.layout.errors:,}-row CSV, nothing changed (in-process)"
    try:
        csv = data.review_csv
        baseline = sample(lambda: pd.read_csv(csv, dtype=str), budget_s=5, max_n=7, min_n=3)
        copy = copy_session(data.session, ctx.scratch / "import.easession")
        reports = []
        with ReviewSession.open(copy) as session, ctx.profiler.part("import_inproc"):
            samples = sample(
                lambda: reports.append(import_spreadsheet(session, csv)),
                budget_s=ctx.budget(20),
                max_n=5,
            )
        report = reports[-1]
        note = f"{report.matched:,} rows matched, {report.changed:,} changed"
        if report.unmatched_rows or report.unknown_columns:
            note += (
                f", {len(report.unmatched_rows)} unmatched, unknown columns "
                f"{report.unknown_columns}"
            )
        if reports[0].changed:
            note += f"; the first import changed {reports[0].changed:,} rows (expected none)"
        ctx.write(
            Row(
                "import_inproc",
                name,
                "s",
                samples,
                "pandas.read_csv(dtype=str)",
                baseline,
                note=note,
            )
        )
    except Exception as error:
        ctx.writer.failed([("import_inproc", name, "s")], error)


def measure_import_cli(ctx) -> None:  # type: ignore[no-untyped-def]
    """``erroranalysis import`` as a command against a child reading the same sheet with
    ``pd.read_csv(dtype=str)`` (each pays Python's start-up and ``import pandas``, as
    ``new``'s baselines do); the in-process ``read_csv`` ratio goes in the note. And the
    CLI's start-up."""
    data = ctx.data
    name = f"import of the exported {data.layout.errors:,}-row CSV, nothing changed (CLI)"
    env = child_env(ctx.scratch / "user-data")
    try:
        csv = data.review_csv
        in_process = summary(
            sample(lambda: pd.read_csv(csv, dtype=str), budget_s=5, max_n=7, min_n=3)
        )["median"]
        copy = copy_session(data.session, ctx.scratch / "import-cli.easession")
        samples: list[float] = []
        baseline: list[float] = []
        spent = 0.0
        last = None
        # Interleaved, so a neighbour process slowing the machine hits both sides.
        while len(samples) < ctx.repeats(3):
            reading = run_child(
                [sys.executable, "-c", READ_CSV_TEXT, str(csv)], timeout_s=120, env=env
            )
            if reading.returncode != 0:
                raise RuntimeError(f"read_csv child exited {reading.returncode}: "
                                   f"{reading.stderr.strip()[-300:]}")
            baseline.append(reading.seconds)
            command = [*cli_command(), "import", str(copy), str(csv)]
            if not samples:
                command = ctx.profiler.command("import_cli", command)
            run = run_child(command, timeout_s=ctx.timeout_left(), env=env)
            if run.timed_out:
                raise TimeoutError(f"erroranalysis import did not finish in {run.seconds:.0f} s")
            if run.returncode != 0:
                raise RuntimeError(
                    f"erroranalysis import exited {run.returncode}: {run.stderr.strip()[-300:]}"
                )
            samples.append(run.seconds)
            spent += run.seconds + reading.seconds
            last = run
            if spent + run.seconds + reading.seconds > ctx.budget(30):
                break
        said = (last.stdout.strip().splitlines() or [""])[0][:100] if last else ""
        median = summary(samples)["median"]
        note = (
            f"{said}; against read_csv in this process ({in_process:.2f} s, no start-up): "
            f"{median / in_process:.1f}x"
        )
        ctx.write(
            Row(
                "import_cli",
                name,
                "s",
                samples,
                "python -c 'pd.read_csv(dtype=str)' (a child, start-up included)",
                baseline,
                note=note,
            )
        )
    except Exception as error:
        ctx.writer.failed([("import_cli", name, "s")], error)

    name = "CLI fixed cost: python -c 'import erroranalysis.cli, ...core.spreadsheet'"
    try:
        imports = "import erroranalysis.cli, erroranalysis.core.spreadsheet"
        fixed = [
            run_child([sys.executable, "-c", imports], timeout_s=60, env=env).seconds
            for _ in range(ctx.repeats(3))
        ]
        floor = [
            run_child([sys.executable, "-c", "import pandas"], timeout_s=60, env=env).seconds
            for _ in range(ctx.repeats(3))
        ]
        ctx.write(
            Row(
                "cli_startup",
                name,
                "s",
                fixed,
                "python -c 'import pandas'",
                floor,
                note="what every CLI command pays before its work (informational)",
            )
        )
    except Exception as error:
        ctx.writer.failed([("cli_startup", name, "s")], error)


def measure_export(ctx) -> None:  # type: ignore[no-untyped-def]
    """``export`` of every item vs ``DataFrame.to_csv`` of the very same frame."""
    from erroranalysis.core.session import ReviewSession
    from erroranalysis.core.spreadsheet import export_session

    data = ctx.data
    name = f"export {data.layout.errors:,} rows"
    try:
        copy = copy_session(data.session, ctx.scratch / "export.easession")
        out = ctx.scratch / "export.csv"
        with ReviewSession.open(copy) as session, ctx.profiler.part("export"):
            samples = sample(lambda: export_session(session, out), budget_s=ctx.budget(15), max_n=5)
        frame = pd.read_csv(out, dtype=str, keep_default_na=False)
        again = ctx.scratch / "to_csv.csv"
        baseline = sample(lambda: frame.to_csv(again, index=False), budget_s=8, max_n=5, min_n=3)
        same = out.read_bytes() == data.review_csv.read_bytes()
        note = f"{len(frame):,} rows x {frame.shape[1]} columns" + (
            "" if same else "; differs from the export made with the data set"
        )
        ctx.write(
            Row(
                "export",
                name,
                "s",
                samples,
                "DataFrame.to_csv of the same frame",
                baseline,
                note=note,
            )
        )
    except Exception as error:
        ctx.writer.failed([("export", name, "s")], error)


def measure_new(ctx) -> None:  # type: ignore[no-untyped-def]
    """``erroranalysis new`` on the predictions CSV in a child: wall time and peak RSS,
    against children that do pandas' share of the same work."""
    _measure_new(ctx, parquet=False)


def measure_new_parquet(ctx) -> None:  # type: ignore[no-untyped-def]
    """``erroranalysis new`` on the same predictions written as Parquet (made here, not
    timed), against the same children reading it with ``pd.read_parquet``."""
    _measure_new(ctx, parquet=True)


def _measure_new(ctx, *, parquet: bool) -> None:  # type: ignore[no-untyped-def]
    data = ctx.data
    rows = data.manifest["rows"]
    row_key = "new_parquet" if parquet else "new"
    name = f"new on {rows:,} rows" + (" (Parquet)" if parquet else "")
    rss_name = f"{name}: peak RSS"
    env = child_env(ctx.scratch / "user-data")
    scripts = {
        "same": READ_TO_SQL_SAME_ROWS, "errors": READ_TO_SQL_ERRORS, "read": READ_CSV
    }
    if parquet:
        scripts = {which: _parquet(script) for which, script in scripts.items()}
    try:
        csv = str(data.predictions)
        if parquet:
            source = ctx.scratch / "predictions.parquet"
            pd.read_csv(csv, dtype=str, keep_default_na=False).astype(
                {"score": float}
            ).to_parquet(source)
            csv = str(source)
        output = ctx.scratch / "new.easession"
        baseline_db = ctx.scratch / "baseline.sqlite"

        def app() -> object:
            output.unlink(missing_ok=True)
            command = [
                *cli_command(),
                "new",
                csv,
                "-o",
                str(output),
                "--force",
                "--categories",
                str(data.categories_file),
            ]
            if parquet:  # made elsewhere: its image paths are relative to the CSV's folder
                command += ["--images-root", str(data.predictions.parent)]
            if not runs["new"]:
                command = ctx.profiler.command(row_key, command)
            return run_child(command, timeout_s=ctx.timeout_left(), env=env)

        def child(script: str) -> object:
            baseline_db.unlink(missing_ok=True)
            return run_child(
                [sys.executable, "-c", script, csv, str(baseline_db)], timeout_s=300, env=env
            )

        runs: dict[str, list] = {"new": [], "read": [], "errors": [], "same": []}
        spent = 0.0
        # Interleaved, so a neighbour process slowing the machine hits both sides.
        while True:
            for key, make in (
                ("same", lambda: child(scripts["same"])),
                ("new", app),
                ("errors", lambda: child(scripts["errors"])),
                ("read", lambda: child(scripts["read"])),
            ):
                run = make()
                if run.timed_out:
                    raise TimeoutError(f"{key}: did not finish in {run.seconds:.0f} s")
                if run.returncode != 0:
                    raise RuntimeError(
                        f"{key}: exited {run.returncode}: {run.stderr.strip()[-300:]}"
                    )
                runs[key].append(run)
                spent += run.seconds
            last = runs["new"][-1].seconds + runs["same"][-1].seconds
            if len(runs["new"]) >= ctx.repeats(3) or spent + last > ctx.budget(60):
                break
        seconds = {k: [r.seconds for r in v] for k, v in runs.items()}
        peak = {k: [r.peak_rss_mb for r in v] for k, v in runs.items()}
        med = {k: summary(v)["median"] for k, v in seconds.items()}
        reader = "read_parquet" if parquet else "read_csv"
        note = (
            f"baselines (median s): {reader} {med['read']:.2f}; read + to_sql of the "
            f"errors only {med['errors']:.2f}; read + to_sql of the same rows as new "
            f"(all rows + the errors) {med['same']:.2f}"
        )
        ctx.write(
            Row(
                f"{row_key}_time",
                name,
                "s",
                seconds["new"],
                f"{reader} + to_sql of the same rows (child)",
                seconds["same"],
                note=note,
                extra={"baselines_s": seconds},
            )
        )
        rss_note = (
            "peak RSS (MB, median): {} {:.0f}; read + to_sql of the errors {:.0f}".format(
                reader, summary(peak["read"])["median"], summary(peak["errors"])["median"]
            )
        )
        ctx.write(
            Row(
                f"{row_key}_rss",
                rss_name,
                "MB",
                peak["new"],
                f"{reader} + to_sql of the same rows (child)",
                peak["same"],
                note=rss_note,
                extra={"baselines_mb": peak},
            )
        )
    except Exception as error:
        ctx.writer.failed(
            [(f"{row_key}_time", name, "s"), (f"{row_key}_rss", rss_name, "MB")], error
        )
    finally:
        for path in (
            ctx.scratch / "new.easession",
            ctx.scratch / "baseline.sqlite",
            ctx.scratch / "predictions.parquet",
        ):
            path.unlink(missing_ok=True)


TALLY_SQL = "SELECT category_id, COUNT(*) FROM ticks GROUP BY category_id"
CHECK_SQL = (
    "SELECT t.category_id, COUNT(*) FROM ticks t JOIN items i ON i.id = t.item_id"
    " WHERE i.reviewed = 1 AND i.origin = 'error' GROUP BY t.category_id"
)


def measure_tally(ctx) -> None:  # type: ignore[no-untyped-def]
    """``session.tally()`` vs one SQL GROUP BY over the same ticks (and a numpy sum)."""
    from erroranalysis.core.session import ReviewSession

    name = "session.tally()"
    try:
        copy = copy_session(ctx.data.session, ctx.scratch / "tally.easession")
        with ReviewSession.open(copy) as session:
            db = sqlite3.connect(str(copy))
            try:
                baseline = sample(
                    lambda: db.execute(TALLY_SQL).fetchall(),
                    budget_s=5,
                    max_n=15,
                    min_n=5,
                    scale=1000,
                )
                tallies = []
                with ctx.profiler.part("tally"):
                    samples = sample(
                        lambda: tallies.append(session.tally()),
                        budget_s=ctx.budget(8),
                        max_n=15,
                        min_n=3,
                        scale=1000,
                    )
                expected = dict(db.execute(CHECK_SQL).fetchall())
            finally:
                db.close()
            matrix = session.ticks_frame().to_numpy()
            reviewed = session.item_columns(["reviewed"])["reviewed"]
            numpy_sum = sample(
                lambda: matrix[reviewed].sum(axis=0), budget_s=3, max_n=15, min_n=5, scale=1000
            )
        tally = tallies[-1]
        # Category order (Tally.table's contract), whatever the store does inside.
        shown = dict(
            zip(
                [c.id for c in tally.categories],
                tally.table["count"].astype(int).tolist(),
                strict=True,
            )
        )
        wrong = {c: (shown.get(c, 0), n) for c, n in expected.items() if shown.get(c, 0) != n}
        note = (
            f"{sum(expected.values()):,} ticks of reviewed items; numpy sum of the tick "
            f"matrix {summary(numpy_sum)['median']:.1f} ms"
        )
        if wrong:
            note += f"; COUNTS DIFFER from an independent SQL count: {wrong}"
        ctx.write(
            Row(
                "tally",
                name,
                "ms",
                samples,
                "one SQL GROUP BY over the ticks",
                baseline,
                note=note,
                extra={"numpy_sum_ms": numpy_sum},
            )
        )
    except Exception as error:
        ctx.writer.failed([("tally", name, "ms")], error)


def measure_tick(ctx) -> None:  # type: ignore[no-untyped-def]
    """One ``set_tick`` call, committed: its distribution and checkpoint stalls, with the
    window's setting (SQLite auto-checkpoint off) and SQLite's default (on)."""
    from erroranalysis.core.session import ReviewSession

    count = 1000 if ctx.data.scale.name == "full" else 300
    rows = (
        (
            "tick_p99",
            "tick: one set_tick() call, committed (auto-checkpoint off, as in the window)",
            False,
        ),
        (
            "tick_autocheckpoint",
            "tick: one set_tick() call, SQLite auto-checkpoint on (the CLI's and the default)",
            True,
        ),
    )
    for key, name, auto in rows:
        try:
            copy = copy_session(ctx.data.session, ctx.scratch / f"{key}.easession")
            with ReviewSession.open(copy) as session:
                session.set_interactive(not auto)
                ids = np.asarray(session.item_ids())[: ctx.data.layout.reviewed_upto]
                ticks = session.ticks_frame()
                categories = list(ticks.columns)
                rng = np.random.default_rng(7)
                chosen = rng.integers(0, len(ids), count)
                columns = rng.integers(0, len(categories), count)
                state = ticks.to_numpy().copy()
                samples: list[float] = []
                import time

                with ctx.profiler.part(key):
                    for row, column in zip(chosen.tolist(), columns.tolist(), strict=True):
                        ticked = not state[row, column]
                        start = time.perf_counter()
                        session.set_tick(int(ids[row]), int(categories[column]), ticked)
                        samples.append((time.perf_counter() - start) * 1000)
                        state[row, column] = ticked
            stats = summary(samples)
            stalls = [s for s in samples if s > 50]
            note = f"{count} calls; p99 {stats['p99']:.2f} ms; {len(stalls)} over 50 ms" + (
                f" (max {max(stalls):.0f} ms: checkpoint stalls)" if stalls else ""
            )
            ctx.write(Row(key, name, "ms", samples, note=note))
        except Exception as error:
            ctx.writer.failed([(key, name, "ms")], error)


def measure_executable(ctx) -> None:  # type: ignore[no-untyped-def]
    """The one-folder executable's size, when it was built."""
    name = "one-folder executable (du -sb dist/erroranalysis)"
    folder = REPO / "dist" / "erroranalysis"
    try:
        if not folder.is_dir():
            ctx.write(
                Row(
                    "exe_size",
                    name,
                    "MB",
                    note="not built: python packaging/build.py "
                    "(needs pip install -e '.[build]'), then run again",
                )
            )
            return
        if shutil.which("du"):
            output = subprocess.run(
                ["du", "-sb", str(folder)], capture_output=True, text=True, check=True
            ).stdout
            size = int(output.split()[0])
        else:
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        parts = (
            sorted(
                (
                    (
                        sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
                        if p.is_dir()
                        else p.stat().st_size
                    ),
                    p.name,
                )
                for p in (folder / "_internal").glob("*")
            )
            if (folder / "_internal").is_dir()
            else []
        )
        largest = ", ".join(f"{n} {s / 1e6:.0f} MB" for s, n in parts[::-1][:4])
        ctx.write(
            Row(
                "exe_size",
                name,
                "MB",
                [size / 1e6],
                note=f"largest parts: {largest}" if largest else "",
            )
        )
    except Exception as error:
        ctx.writer.failed([("exe_size", name, "MB")], error)
