"""The suite's seeded data set: a predictions file, its images and a half-reviewed session.

Everything is generated from fixed seeds into one folder, described by
``manifest.json`` so a later run (``run.py --data DIR``) can reuse it:

- ``predictions.csv``: ``rows`` examples (1,000,000; 100,000 with ``--quick``),
  columns ``id, image, label, prediction, score, split, camera, captured_at``.
  Splits train 15% / train_dev 10% / dev 55% / test 20% with error rates 4% /
  7% / 18.2% / 19%, so about 10% of all rows are dev errors (~100,000).
- ``images/``: one JPEG per dev error, at the path the CSV names. Distinct
  4000x3000 pictures cost ~0.5 s and 3 MB each, so ``large_unique`` of them are
  drawn (gradients, shapes, text, texture and sensor noise; quality 90) and every
  dev error's path is a hard link to one of them. The image loader caches by
  path, so every path is a fresh decode; the OS page cache is shared by the
  links, so file reads come from memory. A block of dev errors links to
  1024x768 JPEGs instead (the small-image cold jumps).
- ``session.easession``: made with the public core API (``create_session``,
  ``add_category``, ``set_ticks``, ``set_review_state``, ``set_comment``): 20
  categories (keys 1-9, 0 and F1-F10, one of kind ``label_error``), the first
  half of the dev errors reviewed in order (1% of them skipped) with ~2 ticks
  per item at Zipf-like prevalences, 200 comments, the reviewer stopped at the
  first unreviewed item.
- ``review.csv``: that session exported (what ``import`` reads back unchanged).
- ``categories.txt``: the 20 category names (``new --categories``).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image, ImageDraw, ImageFont

#: Bump when the generated data changes, so ``--data`` regenerates instead of reusing.
DATA_VERSION = 3
SEED = 11
CLASSES = ("cat", "dog", "lion", "tiger", "leopard", "cheetah", "fox", "wolf", "bear", "lynx")
SPLITS = ("train", "train_dev", "dev", "test")
SPLIT_SHARES = (0.15, 0.10, 0.55, 0.20)
ERROR_RATES = (0.04, 0.07, 0.182, 0.19)
CAMERAS = ("phone-a", "phone-b", "dslr", "webcam", "trailcam")
CATEGORY_NAMES = (
    "dog",
    "great cat",
    "blurry",
    "incorrect label",
    "Instagram filter",
    "low light",
    "occluded",
    "cropped",
    "multiple animals",
    "cartoon",
    "toy",
    "statue",
    "night",
    "motion blur",
    "watermark",
    "grayscale",
    "close-up",
    "far away",
    "mirror",
    "painting",
)
LARGE = (4000, 3000)
SMALL = (1024, 768)
JPEG_QUALITY = 90


@dataclass(frozen=True)
class Scale:
    """How big a run is: ``full`` is issue 11's data set, ``quick`` a tenth of it."""

    name: str
    rows: int
    large_unique: int
    small_unique: int
    flip: int  # 12-MP images flipped through for the memory row
    cold_large: int  # cold jumps to a 4000x3000 JPEG
    cold_small: int  # cold jumps to a 1024x768 JPEG
    ticks: int  # tick keys timed
    moves: int  # -> keys timed (each of: leaving an unreviewed item, prefetched)


FULL = Scale("full", 1_000_000, 100, 40, 2000, 20, 20, 50, 50)
QUICK = Scale("quick", 100_000, 10, 10, 200, 8, 8, 25, 25)


@dataclass(frozen=True)
class Layout:
    """Where in the review order (0-based positions) each GUI measurement happens."""

    errors: int
    reviewed_upto: int  # positions [0, reviewed_upto) are reviewed (1% skipped)
    tick_position: int  # the first unreviewed item, where the window opens
    unreviewed_start: int  # -> keys over unreviewed items start here
    prefetched_start: int  # -> keys over reviewed items start here
    cold_large: list[int]
    cold_small: list[int]
    small_block: tuple[int, int]  # [start, end): these items have 1024x768 images
    flip_start: int


def layout_for(errors: int, scale: Scale) -> Layout:
    half = errors // 2
    small_start = int(errors * 0.40)
    stride = 7  # more than the 3 ahead + 2 behind the review view prefetches
    return Layout(
        errors=errors,
        reviewed_upto=half,
        tick_position=half,
        unreviewed_start=half + 1,
        prefetched_start=int(errors * 0.45),
        cold_large=[int(errors * 0.30) + 41 * k for k in range(scale.cold_large)],
        cold_small=[small_start + stride * k for k in range(scale.cold_small)],
        small_block=(small_start, small_start + stride * scale.cold_small + stride),
        flip_start=max(250, errors // 50),
    )


@dataclass
class DataSet:
    folder: Path
    scale: Scale
    layout: Layout
    predictions: Path
    session: Path
    review_csv: Path
    categories_file: Path
    manifest: dict

    @property
    def images(self) -> Path:
        return self.folder / "images"


def image_path(row: int) -> str:
    """The image of predictions row ``row`` (0-based), relative to the CSV's folder."""
    return f"images/{row // 1000:04d}/{row:07d}.jpg"


# -- pictures ---------------------------------------------------------------------------

_TEXTURE: dict[tuple[int, int], np.ndarray] = {}


def _texture(width: int, height: int) -> np.ndarray:
    """Fine woven texture plus sensor noise, made once per size and shifted per picture."""
    key = (width, height)
    if key not in _TEXTURE:
        rng = np.random.default_rng(12345)
        yy = np.arange(height, dtype=np.float32)[:, None]
        xx = np.arange(width, dtype=np.float32)[None, :]
        texture = 9 * np.sin(xx / 4.3) * np.cos(yy / 6.1)
        texture = texture + rng.normal(0, 5, (height, width)).astype(np.float32)
        _TEXTURE[key] = np.clip(texture, -40, 40).astype(np.int16)
    return _TEXTURE[key]


def photo_like(width: int, height: int, seed: int) -> Image.Image:
    """A picture with real structure: colour gradients, overlapping shapes, text, texture
    and noise. It compresses like a camera photo (~2 bits per pixel at quality 90) and
    decodes at a photo's speed; flat noise or flat colour would not."""
    rng = np.random.default_rng(seed)
    w4, h4 = max(8, width // 4), max(8, height // 4)
    coarse = (rng.random((6, 8, 3)) * 255).astype(np.uint8)
    base = Image.fromarray(coarse).resize((w4, h4), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(base)
    for _ in range(60):
        x0, y0 = int(rng.integers(0, w4)), int(rng.integers(0, h4))
        size = int(rng.integers(max(2, w4 // 40), max(3, w4 // 6)))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        kind = int(rng.integers(0, 3))
        if kind == 0:
            draw.ellipse((x0, y0, x0 + size, y0 + int(size * rng.uniform(0.5, 1.5))), fill=colour)
        elif kind == 1:
            points = [
                (x0 + int(rng.integers(-size, size)), y0 + int(rng.integers(-size, size)))
                for _ in range(5)
            ]
            draw.polygon(points, fill=colour)
        else:
            end = (x0 + int(rng.integers(-size, size)), y0 + int(rng.integers(-size, size)))
            draw.line((x0, y0, *end), fill=colour, width=int(rng.integers(1, 10)))
    picture = base.resize((width, height), Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.load_default(size=max(14, height // 30))
    for _ in range(12):
        x = int(rng.integers(0, max(1, width - width // 6)))
        y = int(rng.integers(0, max(1, height - height // 30)))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        draw.text((x, y), f"sample {seed} #{int(rng.integers(1_000_000))}", fill=colour, font=font)
    pixels = np.asarray(picture, dtype=np.int16)
    pixels += np.roll(_texture(width, height), int(rng.integers(0, width)), axis=1)[..., None]
    np.clip(pixels, 0, 255, out=pixels)
    return Image.fromarray(pixels.astype(np.uint8))


def _write_picture(job: tuple[str, int, int, int]) -> str:
    path, width, height, seed = job
    photo_like(width, height, seed).save(path, "JPEG", quality=JPEG_QUALITY)
    return path


# -- the data set -----------------------------------------------------------------------


def load_or_make(folder: Path, scale: Scale, log=print) -> DataSet:  # type: ignore[no-untyped-def]
    """The data set in ``folder``: reused when its manifest matches, else made there."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("version") == DATA_VERSION and manifest.get("scale") == scale.name:
            log(f"reusing the {scale.name} data set in {folder}")
            return _dataset(folder, scale, manifest)
        log(f"{folder}: data of another version or size; making it again")
    manifest = make(folder, scale, log)
    manifest_path.write_text(json.dumps(manifest, indent=1))
    return _dataset(folder, scale, manifest)


def _dataset(folder: Path, scale: Scale, manifest: dict) -> DataSet:
    layout = Layout(
        **{k: (tuple(v) if k == "small_block" else v) for k, v in manifest["layout"].items()}
    )
    return DataSet(
        folder=folder,
        scale=scale,
        layout=layout,
        predictions=folder / "predictions.csv",
        session=folder / "session.easession",
        review_csv=folder / "review.csv",
        categories_file=folder / "categories.txt",
        manifest=manifest,
    )


def make(folder: Path, scale: Scale, log=print) -> dict:  # type: ignore[no-untyped-def]
    """Write the whole data set into ``folder``; returns its manifest."""
    for name in ("images", "sources"):
        shutil.rmtree(folder / name, ignore_errors=True)
    for name in (
        "session.easession",
        "session.easession-wal",
        "session.easession-shm",
        "session.easession.lock",
        "manifest.json",
    ):
        (folder / name).unlink(missing_ok=True)
    timings: dict[str, float] = {}

    start = time.perf_counter()
    frame, error_rows = predictions_frame(scale.rows)
    frame.to_csv(folder / "predictions.csv", index=False)
    timings["predictions.csv"] = time.perf_counter() - start
    errors = len(error_rows)
    layout = layout_for(errors, scale)
    log(
        f"  predictions.csv: {scale.rows:,} rows, {errors:,} dev errors "
        f"({timings['predictions.csv']:.1f} s)"
    )

    start = time.perf_counter()
    large, small = make_sources(folder / "sources", scale)
    timings["pictures"] = time.perf_counter() - start
    link_images(folder, error_rows, layout, large, small)
    timings["pictures+links"] = time.perf_counter() - start
    sizes = [os.path.getsize(p) for p in large]
    log(
        f"  images: {len(large)} distinct {LARGE[0]}x{LARGE[1]} JPEGs (mean "
        f"{np.mean(sizes) / 1e6:.1f} MB) and {len(small)} {SMALL[0]}x{SMALL[1]}, hard-linked "
        f"to {errors:,} distinct paths ({timings['pictures+links']:.1f} s)"
    )

    (folder / "categories.txt").write_text("\n".join(CATEGORY_NAMES) + "\n")
    start = time.perf_counter()
    ticks = make_session(folder, layout)
    timings["session"] = time.perf_counter() - start
    log(
        f"  session.easession: {errors:,} items, {len(CATEGORY_NAMES)} categories, "
        f"{ticks:,} ticks ({timings['session']:.1f} s, "
        f"{(folder / 'session.easession').stat().st_size / 1e6:.0f} MB)"
    )

    start = time.perf_counter()
    from erroranalysis.core.session import ReviewSession
    from erroranalysis.core.spreadsheet import export_session

    with ReviewSession.open(folder / "session.easession") as session:
        export_session(session, folder / "review.csv")
    timings["review.csv"] = time.perf_counter() - start
    return {
        "version": DATA_VERSION,
        "scale": scale.name,
        "seed": SEED,
        "rows": scale.rows,
        "errors": errors,
        "ticks": ticks,
        "large_unique": len(large),
        "large_mean_bytes": float(np.mean(sizes)),
        "small_unique": len(small),
        "layout": asdict(layout),
        "timings_s": timings,
        "made_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }


def predictions_frame(rows: int) -> tuple[pd.DataFrame, np.ndarray]:
    """The predictions file as a frame, and the 0-based rows of its dev errors in order."""
    rng = np.random.default_rng(SEED)
    split = rng.choice(len(SPLITS), size=rows, p=SPLIT_SHARES)
    wrong = rng.random(rows) < np.asarray(ERROR_RATES)[split]
    label = rng.integers(0, len(CLASSES), rows)
    prediction = np.where(
        wrong, (label + rng.integers(1, len(CLASSES), rows)) % len(CLASSES), label
    )
    score = np.where(wrong, rng.beta(2, 3, rows), rng.beta(6, 2, rows)).round(4)
    classes = np.asarray(CLASSES, dtype=object)
    row = np.arange(rows)
    frame = pd.DataFrame(
        {
            "id": [f"ex{i:07d}" for i in range(rows)],
            "image": [image_path(i) for i in range(rows)],
            "label": classes[label],
            "prediction": classes[prediction],
            "score": score,
            "split": np.asarray(SPLITS, dtype=object)[split],
            "camera": np.asarray(CAMERAS, dtype=object)[rng.integers(0, len(CAMERAS), rows)],
            "captured_at": (
                pd.Timestamp("2024-01-01")
                + pd.to_timedelta(rng.integers(0, 365 * 86400, rows), unit="s")
            ).strftime("%Y-%m-%d %H:%M:%S"),
        }
    )
    error_rows = row[(split == SPLITS.index("dev")) & wrong]
    return frame, error_rows


def make_sources(folder: Path, scale: Scale) -> tuple[list[str], list[str]]:
    """The distinct pictures, written by two processes (one per core)."""
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [
        (str(folder / f"large_{i:03d}.jpg"), *LARGE, 1000 + i) for i in range(scale.large_unique)
    ]
    jobs += [
        (str(folder / f"small_{i:03d}.jpg"), *SMALL, 5000 + i) for i in range(scale.small_unique)
    ]
    context = multiprocessing.get_context("fork")
    with context.Pool(min(2, os.cpu_count() or 1)) as pool:
        done = pool.map(_write_picture, jobs, chunksize=1)
    return done[: scale.large_unique], done[scale.large_unique :]


def link_images(
    folder: Path, error_rows: np.ndarray, layout: Layout, large: list[str], small: list[str]
) -> None:
    """Give every dev error's image path a hard link to one of the distinct pictures."""
    images = folder / "images"
    for shard in np.unique(error_rows // 1000):
        (images / f"{shard:04d}").mkdir(parents=True, exist_ok=True)
    start, end = layout.small_block
    for position, row in enumerate(error_rows.tolist()):
        if start <= position < end:
            source = small[(position - start) % len(small)]
        else:
            source = large[position % len(large)]
        target = folder / image_path(row)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)  # a file system without hard links


def make_session(folder: Path, layout: Layout) -> int:
    """The half-reviewed session, through the public core API; returns the number of ticks."""
    from erroranalysis.core.categories import Category, default_categories
    from erroranalysis.core.session import REVIEWED, SKIPPED
    from erroranalysis.core.sources import SourceOptions, create_session

    course = {c.name: c for c in default_categories()}
    first = tuple(course.get(name, Category(name)) for name in CATEGORY_NAMES[:10])
    session = create_session(
        folder / "predictions.csv",
        folder / "session.easession",
        SourceOptions(categories=first, reviewer="bench"),
        overwrite=True,
    )
    try:
        for index, name in enumerate(CATEGORY_NAMES[10:]):
            session.add_category(name, shortcut=f"F{index + 1}")
        rng = np.random.default_rng(SEED + 1)
        ids = np.asarray(session.item_ids(), dtype=np.int64)
        reviewed = ids[: layout.reviewed_upto]
        skipped_mask = rng.random(len(reviewed)) < 0.01
        judged = reviewed[~skipped_mask]
        prevalence = 0.35 * 0.85 ** np.arange(len(CATEGORY_NAMES))
        prevalence[CATEGORY_NAMES.index("incorrect label")] = 0.06
        ticks = 0
        for category, share in zip(session.categories(), prevalence, strict=True):
            chosen = judged[rng.random(len(judged)) < share]
            session.set_ticks(chosen.tolist(), category.id, True, mark_reviewed=False)
            ticks += len(chosen)
        session.set_review_state(judged.tolist(), REVIEWED)
        session.set_review_state(reviewed[skipped_mask].tolist(), SKIPPED)
        for item_id in rng.choice(judged, size=min(200, len(judged)), replace=False).tolist():
            session.set_comment(int(item_id), "looks like " + str(rng.choice(CLASSES)))
        session.set_position(layout.tick_position)
    finally:
        session.close()
    return ticks
