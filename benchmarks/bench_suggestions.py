"""How fast are the slices and the suggestion scores? A runnable benchmark, not a test.

    python benchmarks/bench_suggestions.py [--rows 1000000] [--images 20] [--repeat 3]

1. ``compute_slices`` on a synthetic dev set of ``--rows`` rows (about 11%
   errors: 110,000 at a million) with the columns a predictions file gives
   (text labels, a categorical and a numeric metadata column, as text), once
   with object strings (``load_predictions``) and once with pandas' Arrow
   strings (a session's ``predictions_frame``); a plain pandas group-by of
   the same breakdowns is the baseline.
2. ``find_label_issues`` on the same rows with 10 per-class probability
   columns (confident learning), and with the score only.
3. ``image_sharpness`` per 4000x3000 photo-like JPEG against Pillow's
   open + draft + convert("L") of the same file alone (the decode the score
   cannot avoid), alternating the two image by image.

CPU time of this process (``time.process_time``) is reported beside wall
clock: on a machine shared with other jobs it moves much less.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image

# Runnable from a checkout without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from erroranalysis.core.label_issues import find_label_issues
from erroranalysis.core.sharpness import THUMBNAIL_SIZE, image_sharpness
from erroranalysis.core.slices import compute_slices


def dev_set(rows: int, classes: int = 10, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    label = rng.integers(0, classes, rows)
    camera = rng.choice(["A", "B", "C", "D", "E"], rows)
    brightness = rng.uniform(0, 255, rows).round(1)
    p_error = 0.08 + 0.1 * (camera == "B") + 0.05 * (brightness < 50)
    wrong = rng.uniform(size=rows) < p_error
    prediction = np.where(wrong, (label + rng.integers(1, classes, rows)) % classes, label)
    logits = rng.normal(0, 1, (rows, classes))
    logits[np.arange(rows), prediction] += 3
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    frame = pd.DataFrame(
        {
            "key": np.char.add("k", np.arange(rows).astype(str)).astype(object),
            "image": "img.jpg",
            "label": label.astype(str).astype(object),
            "prediction": prediction.astype(str).astype(object),
            "score": probs.max(axis=1),
            "split": "dev",
            "camera": camera.astype(object),
            "brightness": brightness.astype(str).astype(object),
        }
    )
    for c in range(classes):
        frame[f"p_{c}"] = probs[:, c]
    return frame


def timed(function: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds over ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def pandas_baseline(frame: pd.DataFrame) -> None:
    """The same counts with plain group-bys (no intervals, no binning rules)."""
    wrong = frame["label"] != frame["prediction"]
    errors = frame[wrong]
    errors.groupby(["label", "prediction"]).size()
    for column in ("label", "camera"):
        wrong.groupby(frame[column]).agg(["sum", "size"])
    numbers = pd.to_numeric(frame["brightness"])
    wrong.groupby(pd.qcut(numbers, 4)).agg(["sum", "size"])


def photo_like(width: int, height: int, seed: int) -> Image.Image:
    """Smooth shapes, stripes and sensor noise (as bench_images.py): compresses like a photo."""
    rng = np.random.default_rng(seed)
    coarse = rng.random((max(2, height // 64), max(2, width // 64), 3)) * 255
    base = np.asarray(
        Image.fromarray(coarse.astype(np.uint8)).resize((width, height), Image.Resampling.BICUBIC),
        dtype=np.float32,
    )
    rows = np.cos(np.arange(height, dtype=np.float32) / (11 + seed % 7))
    columns = np.sin(np.arange(width, dtype=np.float32) / (7 + seed % 5))
    noise = rng.normal(0, 6, (height, width, 1)).astype(np.float32)
    pixels = np.clip(base + 18 * np.outer(rows, columns)[..., None] + noise, 0, 255)
    return Image.fromarray(pixels.astype(np.uint8))


def pillow_baseline(path: Path) -> None:
    with Image.open(path) as image:
        image.draft("L", (THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        image.convert("L")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--images", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{platform.platform()}, Python {platform.python_version()}, pandas {pd.__version__}")

    frame = dev_set(args.rows)
    errors = int((frame["label"] != frame["prediction"]).sum())
    print(f"\nSlices: {args.rows:,} dev rows, {errors:,} errors (median of {args.repeat})")
    print(f"  {'':<52} {'wall s':>7} {'cpu s':>7}")
    by = ["confusion", "label", "camera", "brightness"]
    arrow = frame.astype({c: "str" for c in ("key", "label", "prediction", "camera", "brightness")})
    for name, function in (
        ("pandas group-bys of the same breakdowns (baseline)", lambda: pandas_baseline(frame)),
        ("compute_slices, object strings (a predictions file)", lambda: compute_slices(frame, by)),
        ("compute_slices, Arrow strings (a session)", lambda: compute_slices(arrow, by)),
        ("compute_slices, default (all metadata columns)", lambda: compute_slices(frame)),
        ("find_label_issues, 10 probability columns", lambda: find_label_issues(frame)),
        (
            "find_label_issues, score only",
            lambda: find_label_issues(frame[[c for c in frame if not c.startswith("p_")]]),
        ),
    ):
        wall, cpu = timed(function, args.repeat)
        print(f"  {name:<52} {wall:>7.2f} {cpu:>7.2f}")

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i in range(args.images):
            path = Path(folder) / f"photo_{i:03d}.jpg"
            photo_like(4000, 3000, i).save(path, "JPEG", quality=90)
            paths.append(path)
        ours, base = [], []
        for path in paths:  # alternate, so a busy neighbour hits both alike
            base.append(timed(lambda p=path: pillow_baseline(p), 1))
            ours.append(timed(lambda p=path: image_sharpness(p), 1))
        wall_ours = statistics.median(w for w, _ in ours)
        wall_base = statistics.median(w for w, _ in base)
        cpu_ours = statistics.median(c for _, c in ours)
        cpu_base = statistics.median(c for _, c in base)
        print(f"\nSharpness of a 4000x3000 JPEG (median of {args.images} files)")
        print(f"  {'':<52} {'wall ms':>7} {'cpu ms':>7}")
        print(
            f"  {'Pillow open + draft + convert(L) (baseline)':<52} "
            f"{wall_base * 1e3:>7.1f} {cpu_base * 1e3:>7.1f}"
        )
        print(
            f"  {'image_sharpness (the same + thumbnail + Laplacian)':<52} "
            f"{wall_ours * 1e3:>7.1f} {cpu_ours * 1e3:>7.1f}"
        )
        print(f"  ratio (wall / cpu): {wall_ours / wall_base:.2f} / {cpu_ours / cpu_base:.2f}")


if __name__ == "__main__":
    main()
