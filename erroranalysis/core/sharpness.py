"""How sharp an image is: the variance of the Laplacian on a grey thumbnail.

A suggestion for the "blurry" category, never a tick. The Laplacian
(``[[0, 1, 0], [1, -4, 1], [0, 1, 0]]``) responds to edges and fine texture;
blur removes both, so the variance of its response falls as an image gets
blurrier (Pech-Pacheco et al., 2000; the same measure as OpenCV's
``cv2.Laplacian(grey, CV_64F).var()``). Lower = blurrier.

The score is computed on a grey thumbnail whose longest side is
:data:`THUMBNAIL_SIZE` pixels (never upscaled), with pixel values 0-255:
decoding at thumbnail size lets libjpeg skip most of the work (JPEG draft
mode), and a fixed size makes photos of different resolutions comparable.
Blur is judged at the scale the thumbnail shows: a 4000x3000 photo that is
soft at full size but crisp at 256 pixels scores as sharp.

Whether an image is "suggested blurry" is relative to the dev set: it is
among the blurriest ``100 - percentile`` percent (:func:`suggested_blurry`).
Numpy only (no OpenCV or scikit-image, which would weigh on the executable).
"""

from __future__ import annotations

import math
import threading
import warnings
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

__all__ = [
    "THUMBNAIL_SIZE",
    "Sharpness",
    "blur_threshold",
    "blurriness_percentile",
    "grey_thumbnail",
    "image_sharpness",
    "laplacian_variance",
    "sharpness_scores",
    "suggested_blurry",
]

#: The longest side of the grey thumbnail the score is measured on.
THUMBNAIL_SIZE = 256

#: By default the blurriest 10% of the dev set are suggested.
DEFAULT_PERCENTILE = 90.0

# The formats the app opens (see core/imaging.py): identifying by content
# only among these keeps exotic plugins (EPS -> Ghostscript) out.
_FORMATS = ("JPEG", "PNG", "BMP", "DIB", "GIF", "TIFF", "WEBP")
# warnings.catch_warnings() is not thread-safe before Python 3.14; see imaging.py.
_OPEN_LOCK = threading.Lock()


@dataclass(frozen=True)
class Sharpness:
    """The sharpness of one image, or why there is none (``value`` is NaN then)."""

    value: float
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def laplacian_variance(grey: np.ndarray) -> float:
    """The variance of the 4-neighbour Laplacian over the interior of a 2-D array.

    Pixels on the border (which lack a neighbour) are left out rather than
    padded, so a frame around the picture adds no false edge. An image
    smaller than 3x3 has no interior: NaN.
    """
    g = np.asarray(grey, dtype=np.float64)
    if g.ndim != 2:
        raise ValueError("laplacian_variance needs a 2-D (grey) array")
    if g.shape[0] < 3 or g.shape[1] < 3:
        return math.nan
    lap = g[:-2, 1:-1] + g[2:, 1:-1] + g[1:-1, :-2] + g[1:-1, 2:] - 4.0 * g[1:-1, 1:-1]
    return float(lap.var())


def grey_thumbnail(path: str | Path, size: int = THUMBNAIL_SIZE) -> np.ndarray:
    """Decode an image as an upright grey ``uint8`` array, longest side at most ``size``.

    JPEGs are decoded in grey at the smallest libjpeg scale (1/2, 1/4, 1/8)
    that stays at or above the thumbnail size (``Image.draft``), then reduced
    with a box filter (each thumbnail pixel the mean of the pixels it
    covers); EXIF orientation is applied. Transparent pixels are composited
    on white. Raises ``OSError``/``ValueError`` subclasses for a file that
    cannot be read (see :func:`image_sharpness` for the never-raising form).
    """
    if size < 3:
        raise ValueError("size must be at least 3 pixels")
    with _OPEN_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        source = Image.open(path, formats=_FORMATS)
    with source:
        limit = Image.MAX_IMAGE_PIXELS
        if limit is not None and source.width * source.height > limit:
            raise Image.DecompressionBombError(f"{source.width}x{source.height}")
        if source.format in ("JPEG", "MPO"):
            source.draft("L", (size, size))
        image = ImageOps.exif_transpose(source)
        image = _to_grey(image)
        if max(image.size) > size:
            scale = size / max(image.size)
            target = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            image = image.resize(target, Image.Resampling.BOX)
        return np.asarray(image, dtype=np.uint8)


def _to_grey(image: Image.Image) -> Image.Image:
    if image.mode == "L":
        return image
    if image.mode in ("I", "I;16", "I;16L", "I;16B", "I;16N", "F"):
        # Wide grey: stretch to 0-255 by the image's own maximum, as imaging.py.
        values = np.nan_to_num(np.asarray(image, dtype=np.float32))
        top = float(values.max()) if values.size else 0.0
        scaled = np.clip(values * (255.0 / top), 0, 255) if top > 0 else np.zeros_like(values)
        return Image.fromarray(scaled.astype(np.uint8))
    if image.mode in ("RGBA", "LA", "La", "PA", "RGBa") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    return image.convert("L")


def image_sharpness(path: str | Path, size: int = THUMBNAIL_SIZE) -> Sharpness:
    """The sharpness score of one image file; never raises for the file's sake."""
    path = Path(path)
    try:
        return Sharpness(laplacian_variance(grey_thumbnail(path, size)))
    except FileNotFoundError:
        return Sharpness(math.nan, f"Image not found: {path}")
    except IsADirectoryError:
        return Sharpness(math.nan, f"Not an image file (a folder): {path}")
    except PermissionError:
        return Sharpness(math.nan, f"No permission to read image: {path}")
    except UnidentifiedImageError:
        return Sharpness(math.nan, f"Not a readable image: {path.name}")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return Sharpness(math.nan, f"Image too large to open safely: {path.name}")
    except MemoryError:
        return Sharpness(math.nan, f"Not enough memory to open image: {path.name}")
    except Exception:
        # Pillow signals broken data with many exception types; all mean the same.
        return Sharpness(math.nan, f"Corrupt or truncated image: {path.name}")


def sharpness_scores(
    paths: Iterable[str | Path], size: int = THUMBNAIL_SIZE, workers: int = 1
) -> tuple[np.ndarray, list[str | None]]:
    """The sharpness of many images: scores (NaN where unreadable) and problems.

    ``workers > 1`` decodes in threads (Pillow releases the GIL while
    decoding); results keep the order of ``paths``.
    """
    paths = list(paths)
    if workers > 1 and len(paths) > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(lambda p: image_sharpness(p, size), paths))
    else:
        results = [image_sharpness(p, size) for p in paths]
    return np.array([r.value for r in results], dtype=float), [r.problem for r in results]


def blur_threshold(reference: np.ndarray, percentile: float = DEFAULT_PERCENTILE) -> float:
    """The sharpness at or below which an image is among the blurriest ``100 - percentile``%.

    ``reference`` holds the sharpness of the dev set's images (NaNs, the
    unreadable ones, are ignored); NaN when it has no score.
    """
    if not 0.0 <= percentile <= 100.0:
        raise ValueError("percentile must be between 0 and 100")
    values = np.asarray(reference, dtype=float)
    values = values[np.isfinite(values)]
    if len(values) == 0:
        return math.nan
    # Sharpness runs the other way from blurriness: the 90th percentile of
    # blurriness is the 10th of sharpness.
    return float(np.percentile(values, 100.0 - percentile))


def blurriness_percentile(sharpness: np.ndarray, reference: np.ndarray | None = None) -> np.ndarray:
    """For each score, the percentage of ``reference`` images that are sharper (0-100).

    95 means "blurrier than 95% of the dev set": a sort key for the grid. NaN
    for an unreadable image. ``reference`` defaults to ``sharpness`` itself.
    """
    values = np.asarray(sharpness, dtype=float)
    ref = values if reference is None else np.asarray(reference, dtype=float)
    ref = np.sort(ref[np.isfinite(ref)])
    out = np.full(values.shape, np.nan)
    if len(ref) == 0:
        return out
    known = np.isfinite(values)
    sharper = len(ref) - np.searchsorted(ref, values[known], side="right")
    out[known] = 100.0 * sharper / len(ref)
    return out


def suggested_blurry(
    sharpness: np.ndarray,
    percentile: float = DEFAULT_PERCENTILE,
    reference: np.ndarray | None = None,
) -> np.ndarray:
    """Which images to suggest as blurry: sharpness at or below :func:`blur_threshold`.

    ``reference`` (default: ``sharpness`` itself) is the set the percentile
    is taken over, normally the whole dev set's scores; unreadable images
    are never suggested.
    """
    values = np.asarray(sharpness, dtype=float)
    threshold = blur_threshold(values if reference is None else reference, percentile)
    if math.isnan(threshold):
        return np.zeros(values.shape, dtype=bool)
    return np.isfinite(values) & (values <= threshold)
