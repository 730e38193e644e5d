"""Generate the bundled demo sample in ``resources/demo/``.

Provenance
----------
The images are the 1797 handwritten digits of the UCI Machine Learning
Repository data set "Optical Recognition of Handwritten Digits" (Alpaydin and
Kaynak, 1998; CC BY 4.0), as shipped inside the scikit-learn wheel and read
with :func:`sklearn.datasets.load_digits`. Nothing is downloaded. Each digit is
an 8x8 block of ink counts 0..16; this script draws it as dark ink on white
and upscales it with NEAREST to 96x96 so it stays crisp when shown large.

The predictions are real: a deliberately modest classifier (a small
scikit-learn MLP that only sees a 4x4 average-pooled copy of each digit) is
trained on the ``train`` split only and then predicts every row. Its errors on
the ``dev`` split are the demo's dev errors.

Everything is seeded, so running the script twice writes byte-identical files
(on the same platform and library versions).

Run from the repository root (scikit-learn is a dev dependency only; the app
never imports it)::

    python scripts/make_demo.py
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import PIL
import sklearn
from PIL import Image
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "resources" / "demo"

SPLIT_SEED = 2
MODEL_SEED = 0
SPLIT_SIZES = (("train", 500), ("train_dev", 300), ("dev", 600))  # the rest is "test"
HIDDEN_UNITS = 32
POOL = 2  # average-pool 2x2 blocks: the model sees 4x4 = 16 features
IMAGE_SIZE = 96
HUMAN_ERROR = 0.005
TITLE = "Handwritten digits (UCI / scikit-learn)"

CATEGORIES = """\
# Review categories for the handwritten-digit demo: name | kind | description
# Kind is normal or label_error. Categories are not exclusive: tick all that apply.
looks like the prediction | normal | even a person could read it as the predicted digit
faint or broken stroke | normal | thin, light or gappy ink; a stroke is missing or broken
unusual writing style | normal | a legible but uncommon way of writing this digit
cut off or off-centre | normal | the digit is cropped, shifted or badly scaled in its box
incorrect label | label_error | the true label itself is wrong
"""


@dataclass(frozen=True)
class Result:
    """Error rates per split and the number of dev errors."""

    error_rates: dict[str, float]
    counts: dict[str, int]
    errors: dict[str, int]


def split_names(n: int, seed: int = SPLIT_SEED) -> np.ndarray:
    """Assign each of ``n`` rows to a split with a seeded permutation."""
    order = np.random.default_rng(seed).permutation(n)
    names = np.full(n, "test", dtype=object)
    start = 0
    for name, size in SPLIT_SIZES:
        names[order[start : start + size]] = name
        start += size
    return names


def pooled_features(images: np.ndarray) -> np.ndarray:
    """The model's input: 8x8 ink counts averaged over 2x2 blocks, scaled to 0..1."""
    n, h, w = images.shape
    blocks = images.reshape(n, h // POOL, POOL, w // POOL, POOL).mean(axis=(2, 4))
    return (blocks / 16.0).reshape(n, -1)


def to_png_pixels(image: np.ndarray) -> Image.Image:
    """Dark ink on white: 0 -> 255 (white), 16 -> 0 (black), NEAREST-upscaled."""
    counts = image.astype(np.int64)
    gray = 255 - (counts * 255 + 8) // 16
    small = Image.fromarray(gray.astype(np.uint8), mode="L")
    return small.resize((IMAGE_SIZE, IMAGE_SIZE), Image.Resampling.NEAREST)


def train_model(features: np.ndarray, labels: np.ndarray) -> MLPClassifier:
    """A small MLP on the pooled features, without much regularisation."""
    model = MLPClassifier(
        hidden_layer_sizes=(HIDDEN_UNITS,),
        alpha=1e-4,
        max_iter=3000,
        random_state=MODEL_SEED,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        model.fit(features, labels)
    return model


def write_readme(out: Path, result: Result) -> None:
    rates = result.error_rates
    rows = "\n".join(
        f"| {name} | {result.counts[name]} | {result.errors[name]} | {100 * rates[name]:.2f}% |"
        for name in ("train", "train_dev", "dev", "test")
    )
    variance = rates["train_dev"] - rates["train"]
    bias = rates["train"] - HUMAN_ERROR
    mismatch = rates["dev"] - rates["train_dev"]
    text = f"""# Demo sample: handwritten digits

Real images that a real classifier got wrong, small enough to ship with the app.

## Provenance

The 1797 images are the UCI Machine Learning Repository data set
"Optical Recognition of Handwritten Digits" (E. Alpaydin and C. Kaynak, 1998),
licensed under [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/), as
bundled with scikit-learn (`sklearn.datasets.load_digits`; nothing is
downloaded). Each digit is an 8x8 grid of ink counts 0..16, drawn here as dark
ink on white (`images/NNNN.png`, 0000-1796 in the data set's order),
upscaled with NEAREST to {IMAGE_SIZE}x{IMAGE_SIZE} pixels.

## Files

- `predictions.csv`: `id,image,label,prediction,score,split,ink`, one row per
  image. `score` is the model's probability for its predicted class; `ink` is
  the mean ink fraction of the 8x8 digit (0 = blank, 1 = solid), kept as a
  metadata column.
- `categories.txt`: the review categories for the demo.
- `demo.json`: title and suggested human-level error.

## The model

The rows are split with a seeded permutation (seed {SPLIT_SEED}) into train 500,
train_dev 300, dev 600 and test 397. A deliberately modest classifier is
trained on the **train** split only: scikit-learn's `MLPClassifier` with one
hidden layer of {HIDDEN_UNITS} units (alpha 1e-4, Adam, seed {MODEL_SEED}) that
only sees a 4x4 average-pooled copy of each digit (16 features, scaled to
0..1). It then predicts every row, train rows included.

| split | rows | errors | error rate |
|---|---|---|---|
{rows}

The dev set has **{result.errors["dev"]} dev errors** to review.

## Suggested diagnosis inputs

Human-level error: **{100 * HUMAN_ERROR:.1f}%**. This is an assumption, not a
measurement: people read these digits almost perfectly, and a few of the
8x8 digits are ambiguous. With it, avoidable bias is {100 * bias:.2f} points,
variance (train_dev - train) {100 * variance:.2f} points and data mismatch
(dev - train_dev) {100 * mismatch:.2f} points: the model has a variance
problem (train, train_dev and dev come from one distribution here, so
mismatch is only noise).

## Regenerate

    pip install scikit-learn
    python scripts/make_demo.py

The script is seeded and writes byte-identical files on the same platform and
library versions. This sample was generated with Python {platform.python_version()},
scikit-learn {sklearn.__version__}, numpy {np.__version__} and Pillow {PIL.__version__};
other versions may change a few predictions and scores.
"""
    (out / "README.md").write_text(text, encoding="utf-8", newline="\n")


def make_demo(out: Path) -> Result:
    """Write the demo sample to ``out`` and return its error rates."""
    digits = load_digits()
    images: np.ndarray = digits.images.astype(np.int64)
    labels: np.ndarray = digits.target.astype(np.int64)
    n = len(labels)
    splits = split_names(n)

    features = pooled_features(images)
    train = splits == "train"
    model = train_model(features[train], labels[train])
    probabilities = model.predict_proba(features)
    classes = model.classes_
    best = probabilities.argmax(axis=1)
    predictions = classes[best]
    scores = probabilities[np.arange(n), best]

    # Only the images folder is replaced (stale files from an older run go);
    # other files in ``out`` are overwritten by name.
    if (out / "images").exists():
        shutil.rmtree(out / "images")
    (out / "images").mkdir(parents=True)

    with (out / "predictions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "image", "label", "prediction", "score", "split", "ink"])
        for index in range(n):
            name = f"{index:04d}"
            image_path = f"images/{name}.png"
            to_png_pixels(images[index]).save(out / image_path, optimize=True)
            ink = images[index].mean() / 16.0
            writer.writerow(
                [
                    f"digit-{name}",
                    image_path,
                    int(labels[index]),
                    int(predictions[index]),
                    f"{scores[index]:.4f}",
                    splits[index],
                    f"{ink:.3f}",
                ]
            )

    (out / "categories.txt").write_text(CATEGORIES, encoding="utf-8", newline="\n")
    demo = {"human_error": HUMAN_ERROR, "title": TITLE}
    (out / "demo.json").write_text(json.dumps(demo, indent=2) + "\n", encoding="utf-8")

    wrong = predictions != labels
    names = ("train", "train_dev", "dev", "test")
    counts = {s: int((splits == s).sum()) for s in names}
    errors = {s: int(wrong[splits == s].sum()) for s in names}
    rates = {s: errors[s] / counts[s] for s in names}
    result = Result(error_rates=rates, counts=counts, errors=errors)
    write_readme(out, result)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output folder (default: resources/demo)"
    )
    args = parser.parse_args()
    result = make_demo(args.out)
    for name, rate in result.error_rates.items():
        print(f"{name:>9}: {result.errors[name]:3d} / {result.counts[name]:3d} = {100 * rate:.2f}%")
    print(f"dev errors: {result.errors['dev']}")


if __name__ == "__main__":
    main()
