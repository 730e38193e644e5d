"""How long the team report takes: the demo, and 100,000 dev errors of a 1,000,000-row dev set.

Run: ``python benchmarks/bench_report.py [--items 100000] [--rows 1000000] [--profile]``
(numbers go to stdout; nothing is asserted). The large session is made as in
``bench_session.py`` (100,000 dev errors x 20 categories, 10% of the items
ticked per category) plus every dev row (for the slices, with a metadata
column), 1% of the items commented, and images that exist: the items cycle
over 200 real 1024x768 JPEGs, so each thumbnail costs a real decode. The
report must read only the sampled thumbnails (6 per category), never every
image: the number of images decoded is printed.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image

os.environ.setdefault("ERRORANALYSIS_DATA_DIR", tempfile.mkdtemp(prefix="bench-report-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from erroranalysis.core import team_report
from erroranalysis.core.categories import Category
from erroranalysis.core.session import ReviewSession


def timed(function, repeat: int = 3) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    samples, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


class CountingDecoder:
    """Wraps the report's image decoder to count the files it reads."""

    def __init__(self) -> None:
        self.calls = 0
        self._real = team_report.decode_image

    def __call__(self, path, box, **kwargs):  # type: ignore[no-untyped-def]
        self.calls += 1
        return self._real(path, box, **kwargs)


def measure(name: str, session: ReviewSession, profile: bool) -> None:
    counter = CountingDecoder()
    team_report.decode_image = counter  # type: ignore[assignment]
    try:
        collect, data = timed(lambda: team_report.collect_report(session))
        per_run = counter.calls // 3
        html_time, text = timed(lambda: team_report.render_html(data))
        md_time, markdown = timed(lambda: team_report.render_markdown(data))
        off, _ = timed(lambda: team_report.collect_report(session, thumbnails=0))
    finally:
        team_report.decode_image = counter._real  # type: ignore[assignment]
    size = len(text.encode("utf-8")) / 1e6
    print(f"{name}")
    print(f"  collect_report (6 thumbnails per category) {collect * 1000:9.0f} ms")
    print(f"  collect_report, no thumbnails              {off * 1000:9.0f} ms")
    print(
        f"  render_html                                {html_time * 1000:9.0f} ms ({size:.2f} MB)"
    )
    print(
        f"  render_markdown                            {md_time * 1000:9.0f} ms "
        f"({len(markdown) / 1e6:.2f} MB)"
    )
    print(
        f"  images decoded per report                  {per_run:9d} of "
        f"{session.item_count():,} items"
    )
    print(f"  total (collect + HTML)                     {(collect + html_time) * 1000:9.0f} ms")
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(lambda: team_report.render_html(team_report.collect_report(session)))
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def demo(profile: bool) -> None:
    from report_screenshot import review_demo

    from erroranalysis.core.demo import open_demo_session

    with open_demo_session(reset=True) as session:
        review_demo(session)
        measure("demo (62 errors, 23 reviewed, 5 categories)", session, profile)


def large(items: int, rows: int, profile: bool, keep: Path | None) -> None:
    if keep is not None and (keep / "bench.easession").exists():
        with ReviewSession.open(keep / "bench.easession", read_only=True) as opened:
            measure(f"{items:,} items x 20 categories, {rows:,} dev rows", opened, profile)
        return
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as folder:
        root = keep or Path(folder)
        root.mkdir(parents=True, exist_ok=True)
        (root / "images").mkdir()
        for i in range(200):
            pixels = rng.integers(0, 255, (768, 1024, 3), dtype=np.uint8)
            Image.fromarray(pixels).save(root / "images" / f"{i:03d}.jpg", quality=85)
        labels = rng.integers(0, 10, rows).astype(str)
        predictions = labels.copy()
        wrong = np.zeros(rows, dtype=bool)
        wrong[rng.choice(rows, items, replace=False)] = True
        predictions[wrong] = (
            (labels[wrong].astype(int) + 1 + rng.integers(0, 9, items)) % 10
        ).astype(str)
        frame = pd.DataFrame({
            "key": [f"row-{i}" for i in range(rows)],
            "image": [f"images/{i % 200:03d}.jpg" for i in range(rows)],
            "label": labels, "prediction": predictions, "score": rng.random(rows),
            "split": "dev", "camera": rng.choice(["A", "B", "C", "D"], rows),
        })  # fmt: skip
        errors = frame[wrong].reset_index(drop=True)
        categories = [Category(f"category {i}") for i in range(20)]
        path = root / "bench.easession"
        start = time.perf_counter()
        session = ReviewSession.create(path, errors, categories, dev_size=rows,
                                       dev_errors=items, predictions=frame, base_dir=root,
                                       metadata_columns=["camera"])  # fmt: skip
        ids = session.item_ids()
        for category in session.categories():
            chosen = [ids[i] for i in np.flatnonzero(rng.random(items) < 0.1)]
            session.set_ticks(chosen, category.id, True)
        for i in rng.choice(items, items // 100, replace=False):
            session.set_comment(ids[int(i)], f"comment on {i}: <odd> | looking")
        session.close()
        made = time.perf_counter() - start
        print(f"(made the {items:,}-item session in {made:.0f} s)")
        with ReviewSession.open(path, read_only=True) as opened:
            measure(f"{items:,} items x 20 categories, {rows:,} dev rows", opened, profile)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--profile", action="store_true", help="print where the time goes")
    parser.add_argument(
        "--keep",
        metavar="DIR",
        type=Path,
        help="make the large session in DIR once and reuse it on later runs",
    )
    args = parser.parse_args()
    demo(args.profile)
    large(args.items, args.rows, args.profile, args.keep)


if __name__ == "__main__":
    main()
