"""Decode image files at about the size they are shown, without Qt.

The review screen shows one dev image at a time and the next one has to be
there as soon as the key is pressed, so decoding does as little work as the
screen needs: JPEGs are scaled down inside libjpeg (``Image.draft``) before
their pixels are decoded, everything is then reduced to fit the display box,
and EXIF orientation is applied to the small result.

A file that is missing, corrupt, truncated, of an unknown format or too large
to open safely never raises: :func:`decode_image` returns a
:class:`DecodedImage` whose ``problem`` is a short message to show in place
of the picture.
"""

from __future__ import annotations

import os
import stat
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import ExifTags, Image, UnidentifiedImageError

__all__ = [
    "IMAGE_EXTENSIONS",
    "DecodedImage",
    "decode_image",
    "fit_within",
]

IMAGE_EXTENSIONS: frozenset[str] = frozenset(
    {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp"}
)
"""File extensions (lower case, with the dot) that the app accepts as images."""

# EXIF orientation -> the transpose that makes the picture upright (the same
# table as ImageOps.exif_transpose, which needs the EXIF block to survive
# every conversion; we read the tag once and apply it to the small result).
_ORIENTATION_TRANSPOSE: dict[int, Image.Transpose] = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# Orientations 5-8 are stored sideways: width and height swap on display.
_SIDEWAYS = frozenset({5, 6, 7, 8})

# warnings.catch_warnings() swaps process-wide state and is not thread-safe
# before Python 3.14; two decoder threads interleaving it can leave a filter
# installed for good. Only Image.open() runs under it (header parsing, well
# under a millisecond), so the lock costs decoding threads nothing real.
_OPEN_LOCK = threading.Lock()

# The Pillow plugins behind IMAGE_EXTENSIONS (MPO opens through JPEG, DIB is
# BMP's headerless cousin). Identifying by content keeps mislabelled files
# working, but only among these: a ".png" that is really an EPS must not
# start Ghostscript, and exotic plugins are not worth their attack surface.
_PILLOW_FORMATS = ("JPEG", "PNG", "BMP", "DIB", "GIF", "TIFF", "WEBP")

# Modes that carry an alpha channel (straight or premultiplied).
_ALPHA_MODES = frozenset({"RGBA", "LA", "La", "PA", "RGBa"})
# 16-bit and 32-bit single-channel modes; Pillow's own convert("RGB") clips
# them at 255, which turns most 16-bit scans white.
_WIDE_GREY_MODES = frozenset({"I", "I;16", "I;16L", "I;16B", "I;16N", "F"})


@dataclass(frozen=True, eq=False)
class DecodedImage:
    """The outcome of decoding one image file.

    Exactly one of two shapes:

    * success: ``image`` is a loaded PIL image in mode ``RGB`` or ``RGBA``,
      already upright (EXIF orientation applied) and no larger than the
      requested box; ``original_size`` is the upright size of the file's
      full-resolution picture, ``(width, height)``.
    * failure: ``problem`` is a short, human message for a placeholder, e.g.
      ``"Corrupt or truncated image: 0042.jpg"``; ``image`` and
      ``original_size`` are ``None``.
    """

    image: Image.Image | None = None
    original_size: tuple[int, int] | None = None
    problem: str | None = None

    def __post_init__(self) -> None:
        has_image = self.image is not None and self.original_size is not None
        if has_image == (self.problem is not None):
            raise ValueError("DecodedImage needs an image and its size, or a problem")

    @property
    def ok(self) -> bool:
        """True when the file decoded and ``image`` holds the picture."""
        return self.problem is None

    @property
    def is_full_size(self) -> bool:
        """True when ``image`` holds every pixel of the file (no downscaling)."""
        return self.image is not None and self.image.size == self.original_size


def fit_within(size: tuple[int, int], box: tuple[int, int] | None) -> tuple[int, int]:
    """Return ``size`` scaled down to fit inside ``box``, keeping the aspect ratio.

    Never scales up: a size that already fits, or a ``None`` box, is returned
    unchanged. Each side is at least one pixel.
    """
    width, height = size
    if box is None:
        return width, height
    box_w, box_h = box
    scale = min(box_w / width, box_h / height)
    if scale >= 1.0:
        return width, height
    return max(1, min(box_w, round(width * scale))), max(1, min(box_h, round(height * scale)))


def decode_image(
    path: str | Path,
    max_size: tuple[int, int] | None,
    *,
    use_draft: bool = True,
) -> DecodedImage:
    """Decode the image at ``path`` into at most ``max_size`` pixels, never raising.

    ``max_size`` is the display box ``(width, height)`` in device pixels; the
    result fits inside it with its aspect ratio kept and is never scaled up.
    ``None`` decodes at full resolution. ``use_draft=False`` turns off
    libjpeg's scaled decoding; it exists only so benchmarks can show the gain.

    Pillow's decompression-bomb limit (``Image.MAX_IMAGE_PIXELS``) stays in
    force: an image above it becomes a problem instead of eating the memory.
    ``ImageFile.LOAD_TRUNCATED_IMAGES`` is left alone (False by default), so a
    truncated file becomes a problem too rather than a half-grey picture.

    Safe to call from several threads at once.
    """
    if max_size is not None and (max_size[0] < 1 or max_size[1] < 1):
        raise ValueError(f"max_size must be positive, got {max_size!r}")
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in IMAGE_EXTENSIONS:
        shown = suffix or "no extension"
        return DecodedImage(problem=f"Unsupported image format ({shown}): {path.name}")
    try:
        # A pipe or a device would block open() forever (and, with it, the
        # lock every decode shares): only regular files are read.
        if not stat.S_ISREG(os.stat(path).st_mode):
            return DecodedImage(problem=f"Not an image file (a pipe, socket or device): {path}")
        return _decode(path, max_size, use_draft=use_draft)
    except FileNotFoundError:
        # The path as given (often relative to the data folder) tells the
        # reviewer where the app looked, which is what they need to fix it.
        return DecodedImage(problem=f"Image not found: {path}")
    except IsADirectoryError:
        return DecodedImage(problem=f"Not an image file (a folder): {path}")
    except PermissionError:
        return DecodedImage(problem=f"No permission to read image: {path}")
    except UnidentifiedImageError:
        return DecodedImage(problem=f"Not a readable image (unknown or corrupt data): {path.name}")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return DecodedImage(problem=_bomb_message(exc))
    except MemoryError:
        return DecodedImage(problem=f"Not enough memory to open image: {path.name}")
    except OSError as exc:
        if exc.errno is not None:
            # The system could not read the file (a dropped network share, a
            # bad disk): not the image's fault, and worth saying so.
            return DecodedImage(problem=f"Could not read image file ({exc.strerror}): {path}")
        # Pillow's own OSErrors carry no errno: "image file is truncated"...
        return DecodedImage(problem=f"Corrupt or truncated image: {path.name}")
    except Exception:
        # Pillow's decoders signal broken data with OSError, SyntaxError,
        # ValueError, EOFError, struct.error, zlib.error... depending on the
        # format; to the reviewer all of them mean the same thing.
        return DecodedImage(problem=f"Corrupt or truncated image: {path.name}")


class _TooManyPixels(Image.DecompressionBombError):
    """A bomb found by our own size check, which knows the dimensions."""

    def __init__(self, size: tuple[int, int]) -> None:
        super().__init__(f"{size[0]}x{size[1]}")
        self.size = size


def _bomb_message(exc: Exception) -> str:
    if isinstance(exc, _TooManyPixels):
        detail = f"{exc.size[0]}x{exc.size[1]}"
    else:
        # Pillow raises DecompressionBombError itself above twice the limit,
        # before the image object exists, so only its pixel count is known.
        words = str(exc).split("(", 1)[-1].split(" ", 1)[0]
        detail = f"{int(words):,} pixels" if words.isdigit() else "too many pixels"
    return f"Image too large to open safely (decompression bomb: {detail})"


def _decode(path: Path, max_size: tuple[int, int] | None, *, use_draft: bool) -> DecodedImage:
    with _OPEN_LOCK, warnings.catch_warnings():
        # Pillow only warns between 1x and 2x MAX_IMAGE_PIXELS; silence that
        # and check below, where the image's dimensions can go into the
        # message. Above 2x it raises before returning, which is caught too.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        source = Image.open(path, formats=_PILLOW_FORMATS)
    with source:
        limit = Image.MAX_IMAGE_PIXELS
        if limit is not None and source.width * source.height > limit:
            raise _TooManyPixels(source.size)

        drafted = False
        full_stored = source.size
        if use_draft and max_size is not None and source.format in ("JPEG", "MPO"):
            # JPEG's EXIF block is read with the header, so the orientation is
            # known before decoding and the box can be turned to match the
            # stored (sideways) pixels.
            box = _stored_box(max_size, _orientation(source))
            # Ask for the size we will finally show, not the box: libjpeg then
            # picks the largest 1/2, 1/4 or 1/8 scale that stays at or above
            # it, and the high-quality resize below does the rest.
            drafted = source.draft(source.mode, fit_within(source.size, box)) is not None

        # Errors in the data (truncation, bad chunks) surface here.
        source.load()
        if not drafted:
            # Some formats settle their size while loading (a GIF whose first
            # frame reaches past the logical screen grows to fit it).
            full_stored = source.size

        orientation = _orientation(source)
        stored_w, stored_h = full_stored
        upright_full = (stored_h, stored_w) if orientation in _SIDEWAYS else (stored_w, stored_h)

        image = _to_rgb_or_rgba(source)
        box = _stored_box(max_size, orientation) if max_size is not None else None
        target = fit_within((stored_w, stored_h), box)
        if image.size != target:
            # Bicubic (antialiased when shrinking, as all Pillow filters are):
            # after a JPEG draft the step left is under 2x, where it looks the
            # same as Lanczos at well under half the cost (about 40 vs 100 ms
            # for 2000x1500 -> 1280x960 here). reducing_gap lets PNGs and
            # undrafted JPEGs box-reduce by an integer factor first.
            image = image.resize(target, Image.Resampling.BICUBIC, reducing_gap=2.0)
        elif image is source:
            # Detach from the file object, which the with-block closes.
            image = image.copy()

        transpose = _ORIENTATION_TRANSPOSE.get(orientation)
        if transpose is not None:
            image = image.transpose(transpose)
        return DecodedImage(image=image, original_size=upright_full)


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(ExifTags.Base.Orientation, 1)
    except Exception:
        # A mangled EXIF block should not cost the reviewer the picture.
        return 1
    return value if isinstance(value, int) and value in _ORIENTATION_TRANSPOSE else 1


def _stored_box(box: tuple[int, int], orientation: int) -> tuple[int, int]:
    """The display box expressed in the file's stored (pre-rotation) axes."""
    return (box[1], box[0]) if orientation in _SIDEWAYS else box


def _to_rgb_or_rgba(image: Image.Image) -> Image.Image:
    """Convert any decoded mode to RGB, or RGBA when it carries transparency."""
    mode = image.mode
    if mode in ("RGB", "RGBA"):
        return image
    if mode in _WIDE_GREY_MODES:
        return _stretch_to_8bit(image).convert("RGB")
    if mode in _ALPHA_MODES:
        if mode == "La":
            # Pillow has no direct La -> RGBA converter.
            image = image.convert("LA")
        return image.convert("RGBA")
    if "transparency" in image.info and mode in ("P", "L", "RGB", "1"):
        return image.convert("RGBA")
    # P, L, 1, CMYK, YCbCr, LAB, HSV, RGBX: Pillow's converters handle these
    # (including Adobe's inverted CMYK JPEGs, flagged by the JPEG plugin).
    return image.convert("RGB")


def _stretch_to_8bit(image: Image.Image) -> Image.Image:
    """Map 16/32-bit grey onto 0-255 by its own range from 0 to its maximum.

    16-bit files often hold 10- or 12-bit data (medical scans, depth maps),
    so a fixed /257 would show them nearly black; stretching to the image's
    maximum is what image viewers do and keeps black at black.
    """
    values = np.asarray(image, dtype=np.float32)
    values = np.nan_to_num(values, nan=0.0, posinf=0.0, neginf=0.0)
    top = float(values.max()) if values.size else 0.0
    # An all-black (or all-negative) image stays black rather than dividing by 0.
    scaled = np.clip(values * (255.0 / top), 0.0, 255.0) if top > 0 else np.zeros_like(values)
    return Image.fromarray(scaled.astype(np.uint8))
