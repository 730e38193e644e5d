"""Decoding images at display size: what the reviewer sees for good and bad files."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import ExifTags, Image, ImageOps

from erroranalysis.core.imaging import IMAGE_EXTENSIONS, DecodedImage, decode_image, fit_within


def _gradient(width: int, height: int) -> Image.Image:
    """A smooth RGB picture; JPEG-friendly, unlike noise."""
    y, x = np.mgrid[0:height, 0:width]
    pixels = np.stack(
        [x * 255 // max(1, width - 1), y * 255 // max(1, height - 1), (x + y) % 256], axis=-1
    )
    return Image.fromarray(pixels.astype(np.uint8))


def _save_jpeg(path: Path, image: Image.Image, orientation: int | None = None) -> Path:
    exif = Image.Exif()
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    image.save(path, "JPEG", quality=90, exif=exif.tobytes())
    return path


def test_large_jpeg_is_decoded_at_display_size(tmp_path: Path) -> None:
    path = _save_jpeg(tmp_path / "big.jpg", _gradient(1600, 1200))

    result = decode_image(path, (400, 300))

    assert result.ok and result.problem is None
    assert result.image is not None
    assert result.image.size == (400, 300)
    assert result.image.mode == "RGB"
    assert result.original_size == (1600, 1200)
    assert not result.is_full_size


def test_draft_lets_libjpeg_shrink_before_decoding(tmp_path: Path) -> None:
    # Both paths end at the same size; with draft the decoder itself worked
    # at a fraction of the pixels. Observable through Pillow: after draft the
    # JPEG reports the reduced decode size before load().
    path = _save_jpeg(tmp_path / "big.jpg", _gradient(1600, 1200))
    with Image.open(path) as probe:
        probe.draft(probe.mode, fit_within(probe.size, (400, 300)))
        assert probe.size == (400, 300)  # 1/4 scale done by libjpeg

    drafted = decode_image(path, (400, 300))
    undrafted = decode_image(path, (400, 300), use_draft=False)

    assert drafted.image is not None and undrafted.image is not None
    assert drafted.image.size == undrafted.image.size == (400, 300)
    # Same picture either way (a smooth gradient differs only by resampling).
    difference = np.abs(
        np.asarray(drafted.image, dtype=np.int16) - np.asarray(undrafted.image, dtype=np.int16)
    )
    assert difference.mean() < 3


def test_box_of_other_shape_keeps_aspect_ratio(tmp_path: Path) -> None:
    path = _save_jpeg(tmp_path / "wide.jpg", _gradient(1600, 800))

    result = decode_image(path, (500, 500))

    assert result.image is not None
    assert result.image.size == (500, 250)


@pytest.mark.parametrize(
    ("orientation", "upright_top_left"),
    [
        (3, (0, 255, 0)),  # turned 180: the stored bottom-right (green)
        (6, (0, 0, 255)),  # turn 90 clockwise to view: the stored bottom-left (blue)
        (8, (255, 255, 0)),  # turn 90 anticlockwise: the stored top-right (yellow)
    ],
)
def test_exif_orientation_is_applied(
    tmp_path: Path, orientation: int, upright_top_left: tuple[int, int, int]
) -> None:
    stored = Image.new("RGB", (400, 200), "white")
    stored.paste((255, 0, 0), (0, 0, 100, 50))
    stored.paste((255, 255, 0), (300, 0, 400, 50))
    stored.paste((0, 0, 255), (0, 150, 100, 200))
    stored.paste((0, 255, 0), (300, 150, 400, 200))
    path = _save_jpeg(tmp_path / f"rot{orientation}.jpg", stored, orientation)

    result = decode_image(path, (1000, 1000))

    assert result.image is not None
    expected_size = (400, 200) if orientation == 3 else (200, 400)
    assert result.image.size == expected_size
    assert result.original_size == expected_size
    top_left = np.asarray(result.image)[10, 10].astype(int)
    assert np.abs(top_left - upright_top_left).max() < 40
    # Same picture as Pillow's own EXIF transpose of the full image.
    with Image.open(path) as original:
        reference = ImageOps.exif_transpose(original)
    difference = np.abs(np.asarray(reference, int) - np.asarray(result.image, int))
    assert difference.mean() < 2


def test_rotated_jpeg_is_fitted_in_upright_axes(tmp_path: Path) -> None:
    # A sideways-stored portrait photo must fill a portrait box, not be
    # shrunk as if it were landscape.
    path = _save_jpeg(tmp_path / "portrait.jpg", _gradient(1600, 1200), orientation=6)

    result = decode_image(path, (300, 400))

    assert result.image is not None
    assert result.image.size == (300, 400)
    assert result.original_size == (1200, 1600)


def test_png_with_alpha_stays_rgba(tmp_path: Path) -> None:
    image = Image.new("RGBA", (300, 200), (10, 200, 30, 0))
    image.paste((10, 200, 30, 255), (0, 0, 150, 200))
    path = tmp_path / "alpha.png"
    image.save(path)

    result = decode_image(path, (150, 100))

    assert result.image is not None
    assert result.image.mode == "RGBA"
    assert result.image.size == (150, 100)
    alpha = np.asarray(result.image)[:, :, 3]
    assert alpha[50, 10] == 255 and alpha[50, 140] == 0


def test_palette_png_with_transparency_becomes_rgba(tmp_path: Path) -> None:
    image = Image.new("P", (40, 40), 0)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    image.paste(1, (0, 0, 20, 40))
    path = tmp_path / "palette.png"
    image.save(path, transparency=0)

    result = decode_image(path, None)

    assert result.image is not None
    assert result.image.mode == "RGBA"
    assert tuple(np.asarray(result.image)[5, 5]) == (255, 0, 0, 255)
    assert np.asarray(result.image)[5, 35][3] == 0


def test_grayscale_comes_out_rgb(tmp_path: Path) -> None:
    path = tmp_path / "grey.png"
    Image.new("L", (64, 32), 128).save(path)

    result = decode_image(path, (640, 320))

    assert result.image is not None
    assert result.image.mode == "RGB"
    assert result.image.size == (64, 32)
    assert tuple(np.asarray(result.image)[0, 0]) == (128, 128, 128)


def test_sixteen_bit_grayscale_is_stretched_not_clipped(tmp_path: Path) -> None:
    # 12-bit data in a 16-bit PNG, as scanners write it: Pillow's plain
    # convert would clip everything above 255 to white.
    values = np.zeros((20, 40), dtype=np.uint16)
    values[:, 20:] = 4095
    values[:, 10:20] = 2048
    path = tmp_path / "deep.png"
    Image.fromarray(values).save(path)

    result = decode_image(path, None)

    assert result.image is not None
    assert result.image.mode == "RGB"
    pixels = np.asarray(result.image)
    assert tuple(pixels[0, 0]) == (0, 0, 0)
    assert 120 < pixels[0, 15, 0] < 135
    assert tuple(pixels[0, 30]) == (255, 255, 255)


def test_cmyk_jpeg_becomes_rgb(tmp_path: Path) -> None:
    path = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (50, 50), (0, 255, 255, 0)).save(path)

    result = decode_image(path, (25, 25))

    assert result.image is not None
    assert result.image.mode == "RGB"
    assert result.image.size == (25, 25)
    red, green, blue = (int(v) for v in np.asarray(result.image)[12, 12])
    assert red > 200 and green < 60 and blue < 60


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    result = decode_image(tmp_path / "images" / "0042.png", (100, 100))

    assert not result.ok
    assert result.image is None and result.original_size is None
    assert result.problem is not None
    assert result.problem.startswith("Image not found: ")
    assert result.problem.endswith(str(Path("images") / "0042.png"))


def test_truncated_jpeg_is_a_problem(tmp_path: Path) -> None:
    whole = _save_jpeg(tmp_path / "whole.jpg", _gradient(640, 480))
    data = whole.read_bytes()
    path = tmp_path / "cut.jpg"
    path.write_bytes(data[: len(data) // 2])

    result = decode_image(path, (320, 240))

    assert result.problem == "Corrupt or truncated image: cut.jpg"


def test_truncated_jpeg_at_full_size_is_a_problem_too(tmp_path: Path) -> None:
    whole = _save_jpeg(tmp_path / "whole.jpg", _gradient(640, 480))
    path = tmp_path / "cut.jpg"
    path.write_bytes(whole.read_bytes()[:3000])

    assert decode_image(path, None).problem == "Corrupt or truncated image: cut.jpg"


def test_random_bytes_are_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "noise.png"
    path.write_bytes(np.random.default_rng(7).bytes(4096))

    result = decode_image(path, (100, 100))

    assert result.problem is not None
    assert "noise.png" in result.problem
    assert result.problem.startswith("Not a readable image")


def test_text_file_with_image_extension_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "notes.jpg"
    path.write_text("these are not pixels\n")

    result = decode_image(path, (100, 100))

    assert result.problem is not None and result.problem.startswith("Not a readable image")


def test_other_format_behind_an_accepted_extension_is_a_problem(tmp_path: Path) -> None:
    # Content decides the decoder, but only among the accepted formats: a PCX
    # (or an EPS, which would start Ghostscript) named .png is refused.
    path = tmp_path / "disguised.png"
    _gradient(20, 10).save(path, format="PCX")

    result = decode_image(path, None)

    assert result.problem is not None and result.problem.startswith("Not a readable image")


def test_mislabelled_but_accepted_format_still_decodes(tmp_path: Path) -> None:
    path = tmp_path / "really_a_png.jpg"
    _gradient(20, 10).save(path, format="PNG")

    assert decode_image(path, None).ok


def test_unsupported_extension_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "notes.xyz"
    path.write_text("hello")

    assert decode_image(path, (100, 100)).problem == "Unsupported image format (.xyz): notes.xyz"


def test_folder_is_a_problem(tmp_path: Path) -> None:
    folder = tmp_path / "looks_like.png"
    folder.mkdir()

    result = decode_image(folder, (100, 100))

    assert result.problem is not None and "looks_like.png" in result.problem


def test_unreadable_file_says_the_system_failed_not_the_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "on_share.png"
    Image.new("RGB", (4, 4)).save(path)

    def dropped_share(*_args: object, **_kwargs: object) -> Image.Image:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(Image, "open", dropped_share)

    result = decode_image(path, None)

    assert result.problem == f"Could not read image file (Input/output error): {path}"


def test_decompression_bomb_between_one_and_two_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bomb.png"
    Image.new("L", (300, 300)).save(path)
    # 90 000 pixels: above the limit but below twice it, where Pillow only
    # warns; the warning must not slip through as a decoded image.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 60_000)

    result = decode_image(path, (100, 100))

    assert result.problem == "Image too large to open safely (decompression bomb: 300x300)"


def test_decompression_bomb_above_two_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bomb.png"
    Image.new("L", (300, 300)).save(path)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)

    result = decode_image(path, None)

    assert result.problem == ("Image too large to open safely (decompression bomb: 90,000 pixels)")


def test_tiny_image_is_not_upscaled(tmp_path: Path) -> None:
    path = tmp_path / "tiny.png"
    Image.new("RGB", (12, 9), (1, 2, 3)).save(path)

    result = decode_image(path, (1280, 960))

    assert result.image is not None
    assert result.image.size == (12, 9)
    assert result.is_full_size


def test_full_size_when_no_box(tmp_path: Path) -> None:
    path = _save_jpeg(tmp_path / "big.jpg", _gradient(800, 600))

    result = decode_image(path, None)

    assert result.image is not None
    assert result.image.size == (800, 600)
    assert result.is_full_size


def test_first_frame_of_animated_gif(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (30, 20), colour) for colour in ("red", "blue")]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100)

    result = decode_image(path, None)

    assert result.image is not None
    assert result.image.size == (30, 20)
    assert tuple(np.asarray(result.image.convert("RGB"))[5, 5]) == (255, 0, 0)


@pytest.mark.parametrize("extension", sorted(IMAGE_EXTENSIONS))
def test_every_accepted_extension_decodes(tmp_path: Path, extension: str) -> None:
    path = tmp_path / f"sample{extension}"
    _gradient(64, 48).save(path)

    result = decode_image(path, (32, 32))

    assert result.problem is None, result.problem
    assert result.image is not None and result.image.size == (32, 24)


def test_extensions_are_lower_case_with_dot() -> None:
    assert {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp"} == IMAGE_EXTENSIONS
    assert all(ext.startswith(".") and ext == ext.lower() for ext in IMAGE_EXTENSIONS)


def test_upper_case_extension_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "SHOUT.JPG"
    _save_jpeg(path, _gradient(40, 30))

    assert decode_image(path, None).ok


def test_decoded_image_is_one_shape_or_the_other() -> None:
    with pytest.raises(ValueError):
        DecodedImage()
    with pytest.raises(ValueError):
        DecodedImage(image=Image.new("RGB", (1, 1)), original_size=(1, 1), problem="both")


@pytest.mark.parametrize(
    ("size", "box", "expected"),
    [
        ((4000, 3000), (1280, 960), (1280, 960)),
        ((3000, 4000), (1280, 960), (720, 960)),
        ((100, 50), (1280, 960), (100, 50)),
        ((10_000, 10), (100, 100), (100, 1)),
        ((640, 480), None, (640, 480)),
    ],
)
def test_fit_within(
    size: tuple[int, int], box: tuple[int, int] | None, expected: tuple[int, int]
) -> None:
    assert fit_within(size, box) == expected


def test_core_imaging_does_not_import_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, erroranalysis.core.imaging; "
        "sys.exit(any(m.startswith(('PySide6', 'PyQt', 'shiboken')) for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ}, check=False)
    assert done.returncode == 0
