"""Shared fixtures for the core tests: small predictions files and sessions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ERRORANALYSIS_DATA_DIR", str(tmp_path / "userdata"))


def write_predictions(
    folder: Path,
    rows: list[tuple],
    header: str = "id,image,label,prediction,score,split",
    images: bool = True,
    name: str = "preds.csv",
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [header] + [",".join(str(c) for c in row) for row in rows]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if images:
        (folder / "img").mkdir(exist_ok=True)
        for row in rows:
            image = folder / str(row[1])
            if not image.exists():
                image.parent.mkdir(parents=True, exist_ok=True)
                Image.new("RGB", (8, 8), "white").save(image)
    return path


@pytest.fixture
def make_predictions():
    """``make_predictions(folder, rows, header=..., images=True, name=...)`` writes a CSV."""
    return write_predictions


@pytest.fixture
def preds_csv(tmp_path: Path) -> Path:
    """20 dev rows (10 errors), 10 train rows (2 errors), 5 test rows (1 error)."""
    rows = []
    for i in range(20):
        rows.append(
            (f"d{i}", f"img/d{i}.png", "cat", "dog" if i < 10 else "cat", f"0.{50 + i}", "dev")
        )
    for i in range(10):
        rows.append((f"t{i}", f"img/t{i}.png", "cat", "dog" if i < 2 else "cat", "0.9", "train"))
    for i in range(5):
        rows.append((f"s{i}", f"img/s{i}.png", "dog", "cat" if i < 1 else "dog", "0.8", "test"))
    return write_predictions(tmp_path / "data", rows)
