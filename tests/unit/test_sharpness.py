"""The sharpness score: blur lowers it, it ranks like scikit-image's blur_effect."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from erroranalysis.core.sharpness import (
    THUMBNAIL_SIZE,
    blur_threshold,
    blurriness_percentile,
    grey_thumbnail,
    image_sharpness,
    laplacian_variance,
    sharpness_scores,
    suggested_blurry,
)

RADII = (0.0, 0.7, 1.5, 3.0, 6.0)


def structured_image(seed: int, size: tuple[int, int] = (640, 480)) -> Image.Image:
    """Shapes, lines and text over a gradient: edges at many scales, like a photo."""
    rng = np.random.default_rng(seed)
    width, height = size
    gradient = np.linspace(40, 200, width)[None, :].repeat(height, 0)
    base = np.stack([gradient, gradient[::-1] * 0.8, np.full_like(gradient, 90)], -1)
    image = Image.fromarray(base.astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x0, y0 = rng.integers(0, width - 20), rng.integers(0, height - 20)
        x1, y1 = x0 + rng.integers(10, 200), y0 + rng.integers(10, 150)
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        shape = rng.integers(0, 3)
        if shape == 0:
            draw.rectangle((x0, y0, x1, y1), fill=colour)
        elif shape == 1:
            draw.ellipse((x0, y0, x1, y1), outline=colour, width=int(rng.integers(1, 6)))
        else:
            draw.line((x0, y0, x1, y1), fill=colour, width=int(rng.integers(1, 4)))
    for row in range(0, height, 60):
        draw.text((10, row), f"erroranalysis {seed} {row}", fill=(0, 0, 0))
    return image


def save(image: Image.Image, path: Path) -> Path:
    image.save(path, quality=92) if path.suffix == ".jpg" else image.save(path)
    return path


@pytest.mark.parametrize("suffix", [".png", ".jpg"])
def test_blurrier_copies_score_lower_at_every_radius(tmp_path: Path, suffix: str) -> None:
    for seed in range(3):
        original = structured_image(seed)
        scores = [
            image_sharpness(
                save(original.filter(ImageFilter.GaussianBlur(r)), tmp_path / f"{seed}-{r}{suffix}")
            ).value
            for r in RADII
        ]
        assert (np.diff(scores) < 0).all(), scores
        assert scores[-1] < scores[0] / 10


def test_ranks_like_scikit_image_blur_effect(tmp_path: Path) -> None:
    measure = pytest.importorskip("skimage.measure", reason="scikit-image is the reference")
    stats = pytest.importorskip("scipy.stats")
    ours, theirs = [], []
    for seed in range(4):
        original = structured_image(seed + 10)
        per_image_ours, per_image_theirs = [], []
        for r in RADII:
            path = save(original.filter(ImageFilter.GaussianBlur(r)), tmp_path / f"{seed}-{r}.png")
            grey = grey_thumbnail(path)
            per_image_ours.append(-laplacian_variance(grey))  # higher = blurrier, as theirs
            per_image_theirs.append(measure.blur_effect(grey))
        # Within one picture both order the blur radii the same way.
        assert np.argsort(per_image_ours).tolist() == np.argsort(per_image_theirs).tolist()
        ours += per_image_ours
        theirs += per_image_theirs
    # Across pictures and radii the two rankings agree closely.
    rho = stats.spearmanr(ours, theirs).statistic
    assert rho > 0.85, rho


def test_laplacian_variance_is_the_interior_laplacian(tmp_path: Path) -> None:
    ndimage = pytest.importorskip("scipy.ndimage")
    rng = np.random.default_rng(0)
    grey = rng.integers(0, 256, (50, 70)).astype(np.uint8)
    expected = ndimage.laplace(grey.astype(float))[1:-1, 1:-1].var()
    assert laplacian_variance(grey) == pytest.approx(expected, rel=1e-12)
    assert laplacian_variance(np.full((10, 10), 7)) == 0.0
    # One bright pixel in a 5x5 field: the 3x3 interior holds -4*255 once and
    # 255 four times, zeros elsewhere.
    impulse = np.zeros((5, 5))
    impulse[2, 2] = 255
    values = np.array([-4 * 255] + [255] * 4 + [0] * 4, dtype=float)
    assert laplacian_variance(impulse) == pytest.approx(values.var())
    assert math.isnan(laplacian_variance(np.zeros((2, 9))))
    with pytest.raises(ValueError):
        laplacian_variance(np.zeros((4, 4, 3)))


def test_thumbnail_size_orientation_and_transparency(tmp_path: Path) -> None:
    big = structured_image(1, (2048, 1536))
    path = save(big, tmp_path / "big.jpg")
    assert grey_thumbnail(path).shape == (192, THUMBNAIL_SIZE)
    # EXIF orientation 6 (stored sideways): the thumbnail comes out upright.
    exif = Image.Exif()
    exif[0x0112] = 6
    big.save(tmp_path / "turned.jpg", exif=exif.tobytes())
    assert grey_thumbnail(tmp_path / "turned.jpg").shape == (THUMBNAIL_SIZE, 192)
    # Small images are not scaled up.
    small = save(structured_image(2, (100, 60)), tmp_path / "small.png")
    assert grey_thumbnail(small).shape == (60, 100)
    # Transparent pixels read as white, not black.
    clear = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    clear.save(tmp_path / "clear.png")
    assert (grey_thumbnail(tmp_path / "clear.png") == 255).all()


def test_unreadable_images_give_a_reason_not_an_exception(tmp_path: Path) -> None:
    missing = image_sharpness(tmp_path / "nope.jpg")
    assert math.isnan(missing.value) and not missing.ok and "not found" in missing.problem
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    broken = image_sharpness(tmp_path / "broken.jpg")
    assert math.isnan(broken.value) and broken.problem
    good = save(structured_image(3, (200, 150)), tmp_path / "good.png")
    scores, problems = sharpness_scores([good, tmp_path / "nope.jpg", good], workers=2)
    assert scores[0] == scores[2] == image_sharpness(good).value
    assert math.isnan(scores[1]) and problems[0] is None and problems[1]
    serial, _ = sharpness_scores([good, tmp_path / "nope.jpg", good])
    np.testing.assert_array_equal(serial, scores)


def test_percentile_helpers() -> None:
    rng = np.random.default_rng(0)
    reference = rng.lognormal(5, 1, 1000)
    reference[:10] = np.nan
    threshold = blur_threshold(reference, 90)
    assert threshold == pytest.approx(np.nanpercentile(reference, 10))
    flags = suggested_blurry(reference, 90)
    assert flags.sum() == pytest.approx(0.1 * 990, abs=1)
    assert not flags[:10].any()  # unreadable images are never suggested
    assert (reference[flags] <= threshold).all()
    # Items scored against the dev set's reference.
    items = np.array([threshold / 2, threshold * 1000, np.nan])
    assert suggested_blurry(items, 90, reference).tolist() == [True, False, False]
    percent = blurriness_percentile(items, reference)
    finite = reference[np.isfinite(reference)]
    assert percent[0] == pytest.approx(100 * (finite > items[0]).mean())
    assert percent[1] == 0.0 and math.isnan(percent[2])
    assert math.isnan(blur_threshold(np.array([np.nan])))
    with pytest.raises(ValueError):
        blur_threshold(reference, 120)
