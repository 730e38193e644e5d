"""How many ticks a second does a team's server session sustain? A runnable benchmark.

    python benchmarks/bench_server.py [--url postgresql://user@host/db] [--reviewers 10]
                                      [--seconds 20] [--items 20000] [--json FILE]

Each simulated reviewer is a process of its own with its own session (its own
connection and listener), working like a person without the pauses: ``N``
(claim the next unreviewed item nobody else is on), tick one or two categories
(each tick one committed transaction, announced to the others), ``Enter``
(reviewed, every category assessed), and on to the next claim. Every tick's
latency (the ``set_tick`` call, commit and announcement included) is recorded.

The baseline is the same loop by one reviewer on an SQLite session file, tuned
as the window tunes it (``set_interactive``); SQLite has one writer at a time,
so one reviewer is its whole team.

Without ``--url`` (or ``ERRORANALYSIS_TEST_PG``) a throwaway PostgreSQL cluster
is started for the run (tests/pg_cluster.py: Debian's server binaries). The
numbers are wall clock on this machine, server and reviewers sharing its cores.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from erroranalysis.core.categories import Category  # noqa: E402
from erroranalysis.core.session import REVIEWED, ReviewSession  # noqa: E402


def make_items(count: int) -> pd.DataFrame:
    return pd.DataFrame({
        "key": [f"e{i:06}" for i in range(count)],
        "image": [f"img/e{i:06}.png" for i in range(count)],
        "label": "cat", "prediction": "dog", "score": 0.5, "split": "dev",
    })


CATEGORIES = [Category(n) for n in ("dog", "great cat", "blurry", "filter", "night",
                                    "occluded")] + [Category("wrong label", kind="label_error")]


def reviewer(location: str, name: str, start: float, seconds: float, seed: int,
             results: multiprocessing.Queue) -> None:
    """One simulated reviewer: claim, tick, done, again, until the time is up."""
    rng = np.random.default_rng(seed)
    with ReviewSession.open(location) as session:
        session.set_reviewer(name)
        session.set_interactive(True)
        categories = [c.id for c in session.categories()]
        session.tally()  # the in-memory counts, kept up to date as in the window
        while time.time() < start:
            time.sleep(0.001)
        ticks: list[float] = []
        claims: list[float] = []
        dones: list[float] = []
        deadline = start + seconds
        position = -1
        items = 0
        while time.time() < deadline:
            began = time.perf_counter()
            item = session.claim_next_unreviewed(position)
            claims.append(time.perf_counter() - began)
            if item is None:
                break
            position = item.position
            session.set_position(position)
            for category in rng.choice(categories, size=int(rng.integers(1, 3)), replace=False):
                began = time.perf_counter()
                session.set_tick(item.id, int(category), True)
                ticks.append(time.perf_counter() - began)
            began = time.perf_counter()
            session.set_review_state([item.id], REVIEWED, assess_all=True)
            dones.append(time.perf_counter() - began)
            items += 1
        ended = time.time()
    results.put({"name": name, "ticks": ticks, "claims": claims, "dones": dones,
                 "items": items, "began": start, "ended": ended})


def run_team(location: str, reviewers: int, seconds: float) -> dict:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    start = time.time() + 3.0 + 0.3 * reviewers  # every process open and waiting
    processes = [context.Process(target=reviewer,
                                 args=(location, f"R{k}", start, seconds, k, results))
                 for k in range(reviewers)]
    for process in processes:
        process.start()
    found = [results.get(timeout=seconds + 120) for _ in processes]
    for process in processes:
        process.join()
    return summarise(found)


def summarise(found: list[dict]) -> dict:
    ticks = np.array([t for f in found for t in f["ticks"]]) * 1000
    claims = np.array([t for f in found for t in f["claims"]]) * 1000
    dones = np.array([t for f in found for t in f["dones"]]) * 1000
    span = max(f["ended"] for f in found) - min(f["began"] for f in found)

    def pct(values: np.ndarray, q: float) -> float:
        return round(float(np.percentile(values, q)), 2) if len(values) else float("nan")

    return {
        "reviewers": len(found),
        "seconds": round(span, 2),
        "ticks": len(ticks),
        "items_reviewed": int(sum(f["items"] for f in found)),
        "ticks_per_second": round(len(ticks) / span, 1),
        "tick_ms": {"p50": pct(ticks, 50), "p95": pct(ticks, 95), "p99": pct(ticks, 99)},
        "claim_ms": {"p50": pct(claims, 50), "p95": pct(claims, 95), "p99": pct(claims, 99)},
        "done_ms": {"p50": pct(dones, 50), "p95": pct(dones, 95), "p99": pct(dones, 99)},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("ERRORANALYSIS_TEST_PG", ""),
                        help="a PostgreSQL server to make the session on (no ?session=); "
                        "default: $ERRORANALYSIS_TEST_PG, else a throwaway cluster")
    parser.add_argument("--reviewers", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--json", metavar="FILE", help="also write the results here")
    args = parser.parse_args()

    cluster = None
    url = args.url
    if not url:
        from pg_cluster import Cluster

        cluster = Cluster(durable=True)  # fsync on, as a real server runs
        url = cluster.url
    name = f"bench{os.getpid()}"
    location = f"{url}{'&' if '?' in url else '?'}session={name}"
    results: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                 "platform": platform.platform()},
                     "items": args.items}
    try:
        items = make_items(args.items)
        ReviewSession.create(location, items, CATEGORIES, dev_size=args.items * 10,
                             dev_errors=args.items, overwrite=True).close()
        with ReviewSession.open(location, read_only=True) as session:
            version = session._db.execute("SELECT version()").fetchone()[0]
        results["server"] = version.split(" on ")[0]
        print(f"{args.reviewers} reviewers on {location.split('@')[-1]} ({results['server']}), "
              f"{args.seconds:g} s ...", flush=True)
        results["postgres"] = run_team(location, args.reviewers, args.seconds)
        with tempfile.TemporaryDirectory() as folder:
            path = str(Path(folder) / "bench.easession")
            ReviewSession.create(path, items, CATEGORIES, dev_size=args.items * 10,
                                 dev_errors=args.items).close()
            print(f"1 reviewer on an SQLite file, {args.seconds:g} s ...", flush=True)
            results["sqlite"] = run_team(path, 1, args.seconds)
    finally:
        from erroranalysis.core.store import parse_location
        from erroranalysis.core.store.transfer import drop_server_session

        try:
            drop_server_session(parse_location(location))
        finally:
            if cluster is not None:
                cluster.close()

    pg, lite = results["postgres"], results["sqlite"]
    print()
    print(f"{'':34}{'ticks/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'ticks':>9}")
    for label, row in ((f"PostgreSQL, {pg['reviewers']} reviewers at once", pg),
                       ("SQLite file, 1 reviewer (baseline)", lite)):
        t = row["tick_ms"]
        print(f"{label:34}{row['ticks_per_second']:>9.1f}{t['p50']:>9.2f}{t['p95']:>9.2f}"
              f"{t['p99']:>9.2f}{row['ticks']:>9}")
    print(f"\nserver / SQLite sustained ticks per second: "
          f"{pg['ticks_per_second'] / lite['ticks_per_second']:.2f}x; "
          f"claim (N) p95 {pg['claim_ms']['p95']} ms, done (Enter) p95 {pg['done_ms']['p95']} ms "
          f"on the server")
    print(f"machine: {results['machine']['cpus']} CPUs, server and reviewers sharing them")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
