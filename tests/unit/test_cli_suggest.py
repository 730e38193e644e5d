"""``erroranalysis label-issues`` and ``erroranalysis sharpness`` through the entry point."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image, ImageFilter

from erroranalysis.cli import main
from erroranalysis.core.label_issues import find_label_issues
from erroranalysis.core.predictions import load_predictions
from erroranalysis.core.sharpness import image_sharpness

CLASSES = ["cat", "dog", "fox"]


def striped(seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    pixels = (rng.uniform(size=(60, 80)) > 0.5).astype(np.uint8) * 200 + 20
    return Image.fromarray(pixels).resize((160, 120), Image.Resampling.NEAREST)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """40 dev rows, 20 errors; errors 0, 10 and 19 blurred; row 3 a planted label error."""
    (tmp_path / "img").mkdir()
    rng = np.random.default_rng(0)
    rows = []
    for i in range(40):
        image = striped(i)
        if i in (0, 10, 19):
            image = image.filter(ImageFilter.GaussianBlur(5))
        image.save(tmp_path / "img" / f"{i}.png")
        label = CLASSES[i % 3]
        wrong = i < 20
        prediction = CLASSES[(i + 1) % 3] if wrong else label
        probs = np.full(3, 0.1) + rng.uniform(0, 0.05, 3)
        probs[CLASSES.index(prediction)] = 1 - (probs.sum() - probs[CLASSES.index(prediction)])
        if i == 3:
            probs = np.array([0.01, 0.01, 0.01])
            probs[CLASSES.index(prediction)] = 0.98
        rows.append(
            {
                "id": f"e{i}",
                "image": f"img/{i}.png",
                "label": label,
                "prediction": prediction,
                "score": probs.max(),
                **{f"p_{c}": probs[j] for j, c in enumerate(CLASSES)},
            }
        )
    pd.DataFrame(rows).to_csv(tmp_path / "preds.csv", index=False)
    return tmp_path


def test_label_issues_json_matches_the_core(folder: Path, capsys) -> None:
    path = folder / "preds.csv"
    assert main(["label-issues", str(path), "--format", "json", "--top", "0"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {
        "source", "available", "method", "rank_by", "reason", "dev_size", "issues",
        "thresholds", "rows",
    }  # fmt: skip
    loaded = load_predictions(path)
    result = find_label_issues(loaded.frame, loaded.metadata_columns)
    assert data["method"] == "confident_learning" and data["available"]
    assert data["issues"] == result.issue_count and data["dev_size"] == 40
    assert [r["key"] for r in data["rows"]] == result.ranked()["key"].tolist()
    assert data["rows"][0]["key"] == "e3" and data["rows"][0]["suggested_label"] == "dog"
    assert set(data["rows"][0]) == {
        "key", "label", "prediction", "label_quality", "is_issue", "suggested_label", "rank",
    }  # fmt: skip


def test_label_issues_table_errors_only_and_unavailable(folder: Path, capsys) -> None:
    path = folder / "preds.csv"
    assert main(["label-issues", str(path), "--errors-only", "--top", "5"]) == 0
    out = capsys.readouterr().out
    assert "confident learning on per-class probabilities" in out
    assert "e3" in out.splitlines()[4]  # first row of the table
    bare = folder / "bare.csv"
    pd.read_csv(path)[["id", "image", "label", "prediction"]].to_csv(bare, index=False)
    assert main(["label-issues", str(bare)]) == 0
    assert "Label issues unavailable: the predictions have neither" in capsys.readouterr().out
    assert main(["label-issues", str(bare), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["available"] is False and data["rows"] == [] and data["reason"]


def test_sharpness_suggests_the_blurred_errors(folder: Path, capsys) -> None:
    path = folder / "preds.csv"
    args = ["sharpness", str(path), "--percentile", "85", "--format", "json", "--top", "0"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["scored"] == 20 and data["unreadable"] == 0  # the errors only
    blurriest = [r["key"] for r in data["images"][:3]]
    assert set(blurriest) == {"e0", "e10", "e19"}
    assert [r["key"] for r in data["images"] if r["suggested"]] == blurriest
    expected = image_sharpness(folder / "img" / "0.png").value
    assert next(r for r in data["images"] if r["key"] == "e0")["sharpness"] == pytest.approx(
        expected
    )
    assert main(["sharpness", str(path), "--all-dev", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["scored"] == 40


def test_sharpness_of_a_session_and_missing_images(folder: Path, capsys) -> None:
    (folder / "img" / "5.png").unlink()
    session = folder / "review.easession"
    assert main(["new", str(folder / "preds.csv"), "-o", str(session)]) == 0
    capsys.readouterr()
    assert main(["sharpness", str(session)]) == 0
    out = capsys.readouterr().out
    assert "19 dev errors' images scored, 1 unreadable" in out
    assert "Image not found" in out or "e5" in out
    assert main(["sharpness", str(session), "--format", "json", "--top", "0"]) == 0
    images = json.loads(capsys.readouterr().out)["images"]
    assert images[-1]["key"] == "e5" and images[-1]["sharpness"] is None
    assert "not found" in images[-1]["problem"]
    assert main(["label-issues", str(session), "--format", "json"]) == 0
    # The session keeps the per-class probability columns: confident learning.
    assert json.loads(capsys.readouterr().out)["method"] == "confident_learning"
