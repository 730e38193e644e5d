"""How fast does the next dev image appear? A runnable benchmark, not a test.

    python benchmarks/bench_images.py [--large 50] [--small 50] [--keep DIR]

Writes synthetic photo-like JPEGs (4000x3000 and 1024x768) to a temporary
folder and measures, for a 1280x960 display box:

1. ``decode_image`` per image with and without libjpeg's draft mode;
2. ``ImageLoader.request()`` to ``image_ready`` with a cold cache;
3. ``request()`` for an image already prefetched (a cache hit);
4. a review session: step through the images with a fixed dwell per image,
   prefetching the next 3 and previous 2 like the review screen does, and
   count how often the image was there the moment the key was pressed.

Timings are wall clock on whatever else the machine is doing; the files are
in the OS cache (just written), so disk speed is not part of the numbers.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, features

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if sys.version_info < (3, 12):
    # PySide6 6.12 returns None/True/False from C++ calls without taking a
    # reference (harmless on 3.12+, where they are immortal). On 3.11 every
    # Signal.emit() drops one reference to True and every void call one to
    # None, and the interpreter aborts ("deallocating True") after a few
    # hundred emits. Give them references enough to outlive this run.
    import ctypes

    for _singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(_singleton)).value += 1 << 40

from PySide6.QtCore import QElapsedTimer, QEventLoop, QSize, QTimer
from PySide6.QtGui import QGuiApplication

# Runnable from a checkout without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from erroranalysis.core.imaging import decode_image
from erroranalysis.gui.image_loader import ImageLoader

DISPLAY = (1280, 960)


# -- synthetic data -------------------------------------------------------------


def _photo_like(width: int, height: int, seed: int) -> Image.Image:
    """Smooth shapes plus fine texture and sensor noise: compresses like a photo.

    Pure noise would decode far slower than real photos, flat colour far
    faster; this lands near a typical camera JPEG (about 2-3 bits per pixel).
    """
    rng = np.random.default_rng(seed)
    small_h, small_w = max(2, height // 64), max(2, width // 64)
    coarse = rng.random((small_h, small_w, 3)) * 255
    base = np.asarray(
        Image.fromarray(coarse.astype(np.uint8)).resize((width, height), Image.Resampling.BICUBIC),
        dtype=np.float32,
    )
    rows = np.cos(np.arange(height, dtype=np.float32) / (11 + seed % 7))
    columns = np.sin(np.arange(width, dtype=np.float32) / (7 + seed % 5))
    stripes = 18 * np.outer(rows, columns)
    noise = rng.normal(0, 6, (height, width, 1)).astype(np.float32)
    pixels = np.clip(base + stripes[..., None] + noise, 0, 255).astype(np.uint8)
    return Image.fromarray(pixels)


def make_images(folder: Path, count: int, size: tuple[int, int], prefix: str) -> list[str]:
    paths = []
    for i in range(count):
        path = folder / f"{prefix}_{i:03d}.jpg"
        _photo_like(*size, seed=i).save(path, "JPEG", quality=90)
        paths.append(str(path))
    return paths


# -- statistics -------------------------------------------------------------------


def _p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


def _row(label: str, values_ms: list[float], unit: str = "ms") -> str:
    scale = 1000.0 if unit == "µs" else 1.0
    median = statistics.median(values_ms) * scale
    p95 = _p95(values_ms) * scale
    worst = max(values_ms) * scale
    return f"  {label:<44} {median:>9.2f} {p95:>9.2f} {worst:>9.2f}  {unit}"


def _header(title: str) -> str:
    return f"\n{title}\n  {'':<44} {'median':>9} {'p95':>9} {'max':>9}"


# -- measurements ---------------------------------------------------------------


def time_decodes(paths: list[str]) -> tuple[list[float], list[float]]:
    """Per-image decode times (with draft, without), alternating the two.

    Alternating image by image keeps a busy neighbour process from landing
    on one variant only.
    """
    with_draft: list[float] = []
    without_draft: list[float] = []
    for index, path in enumerate(paths):
        order = [(True, with_draft), (False, without_draft)]
        for use_draft, times in order if index % 2 else order[::-1]:
            start = time.perf_counter()
            result = decode_image(path, DISPLAY, use_draft=use_draft)
            times.append((time.perf_counter() - start) * 1000)
            assert result.ok, result.problem
    return with_draft, without_draft


def _wait_for(loader: ImageLoader, path: str, timeout_ms: int = 30_000) -> None:
    loop = QEventLoop()

    def done(done_path: str, *_: object) -> None:
        if done_path == path:
            loop.quit()

    loader.image_ready.connect(done)
    loader.image_failed.connect(done)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    loader.image_ready.disconnect(done)
    loader.image_failed.disconnect(done)


def _process_for(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def time_cold_requests(paths: list[str]) -> list[float]:
    """request() -> image_ready, one at a time, nothing cached or prefetched."""
    loader = ImageLoader()
    size = QSize(*DISPLAY)
    times = []
    clock = QElapsedTimer()
    try:
        for path in paths:
            clock.start()
            assert loader.request(path, size) is None
            _wait_for(loader, path)
            times.append(clock.nsecsElapsed() / 1e6)
    finally:
        loader.shutdown()
    return times


def time_cache_hits(paths: list[str]) -> list[float]:
    """request() for an image that a prefetch already decoded."""
    loader = ImageLoader()
    size = QSize(*DISPLAY)
    times = []
    try:
        for start in range(0, len(paths), 5):
            batch = paths[start : start + 5]
            loader.prefetch(batch, size)
            while any(loader.cached_image(p, size) is None for p in batch):
                _process_for(5)
            for path in batch:
                begin = time.perf_counter()
                image = loader.request(path, size)
                times.append((time.perf_counter() - begin) * 1000)
                assert image is not None
    finally:
        loader.shutdown()
    return times


def simulate_review(paths: list[str], dwell_ms: int) -> tuple[float, list[float]]:
    """Step through ``paths``; return the share shown at once and every wait.

    Each step: request the current image (a hit shows it immediately, else
    wait for image_ready), prefetch the next 3 and previous 2, then look at
    it for ``dwell_ms`` before pressing the key again.
    """
    loader = ImageLoader()
    size = QSize(*DISPLAY)
    waits: list[float] = []
    hits = 0
    clock = QElapsedTimer()
    try:
        for index, path in enumerate(paths):
            clock.start()
            if loader.request(path, size) is not None:
                hits += 1
            else:
                _wait_for(loader, path)
            waits.append(clock.nsecsElapsed() / 1e6)
            following = paths[index + 1 : index + 4]
            before = paths[max(0, index - 2) : index][::-1]
            loader.prefetch([*following, *before], size)
            _process_for(dwell_ms)
    finally:
        loader.shutdown()
    return hits / len(paths), waits


# -- main -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=50, help="4000x3000 JPEGs (default 50)")
    parser.add_argument("--small", type=int, default=50, help="1024x768 JPEGs (default 50)")
    parser.add_argument("--keep", type=Path, help="write the images here and keep them")
    args = parser.parse_args(argv)

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="bench_images_") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        made = time.perf_counter()
        large = make_images(folder, args.large, (4000, 3000), "large")
        small = make_images(folder, args.small, (1024, 768), "small")
        made = time.perf_counter() - made
        mean_kb = np.mean([os.path.getsize(p) for p in large]) / 1024 if large else 0

        print("erroranalysis image pipeline benchmark")
        print(
            f"  {platform.python_implementation()} {platform.python_version()}, "
            f"Pillow {Image.__version__} (libjpeg-turbo "
            f"{features.version('jpg') if features.check_feature('libjpeg_turbo') else 'no'}), "
            f"{os.cpu_count()} CPUs, {platform.machine()}"
        )
        print(
            f"  {len(large)} x 4000x3000 (mean {mean_kb:.0f} KiB) and {len(small)} x 1024x768 "
            f"JPEGs written in {made:.1f} s; display box {DISPLAY[0]}x{DISPLAY[1]}"
        )

        print(_header("decode_image() per image, one thread"))
        for label, paths in (("4000x3000", large), ("1024x768", small)):
            drafted, undrafted = time_decodes(paths)
            print(_row(f"{label} with draft", drafted), flush=True)
            print(_row(f"{label} without draft", undrafted), flush=True)

        print(_header("ImageLoader (2 worker threads)"))
        rows: list[tuple[str, Callable[[], list[float]], str]] = [
            ("request() -> image_ready, cold, 4000x3000", lambda: time_cold_requests(large), "ms"),
            ("request() -> image_ready, cold, 1024x768", lambda: time_cold_requests(small), "ms"),
            ("request() of a prefetched image (cache hit)", lambda: time_cache_hits(large), "µs"),
        ]
        for label, measure, unit in rows:
            print(_row(label, measure(), unit), flush=True)

        print(_header("Review session, 4000x3000, prefetch next 3 / previous 2"))
        for dwell in (500, 250, 100):
            shown_at_once, waits = simulate_review(large, dwell)
            label = f"{dwell} ms per image: {shown_at_once:.0%} at once; wait"
            print(_row(label, waits, "ms"), flush=True)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
