"""``erroranalysis slices`` through the real entry point: files, sessions, JSON, errors."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from erroranalysis.cli import main
from erroranalysis.core.predictions import load_predictions
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.slices import compute_slices

REPORT_KEYS = {
    "source",
    "source_kind",
    "dev_size",
    "dev_errors",
    "dev_error",
    "min_errors",
    "min_examples",
    "confidence",
    "breakdowns",
    "highlights",
    "crossings",
}
BREAKDOWN_KEYS = {"name", "kind", "edges", "hidden", "hidden_errors", "slices"}
SLICE_KEYS = {
    "value",
    "errors",
    "examples",
    "error_share",
    "rate",
    "rate_low",
    "rate_high",
    "rate_elsewhere",
    "elsewhere_low",
    "elsewhere_high",
    "lift",
    "significant",
    "label",
    "prediction",
    "bin_low",
    "bin_high",
    "summary",
}
CROSSING_KEYS = {
    "category",
    "breakdown",
    "kind",
    "value",
    "reviewed",
    "ticked",
    "share",
    "share_low",
    "share_high",
    "reviewed_elsewhere",
    "ticked_elsewhere",
    "share_elsewhere",
    "elsewhere_low",
    "elsewhere_high",
    "lift",
    "significant",
    "summary",
}


@pytest.fixture
def predictions(tmp_path: Path) -> Path:
    """2,000 dev rows: camera B and class 8 (read as 1) carry the errors."""
    rng = np.random.default_rng(4)
    n = 2000
    label = rng.integers(0, 10, n)
    camera = rng.choice(["A", "B", "C"], n)
    wrong = rng.uniform(size=n) < 0.04 + 0.2 * (camera == "B") + 0.3 * (label == 8)
    prediction = np.where(wrong, np.where(label == 8, 1, (label + 1) % 10), label)
    frame = pd.DataFrame(
        {
            "id": [f"ex{i}" for i in range(n)],
            "image": [f"img/{i}.png" for i in range(n)],
            "label": label,
            "prediction": prediction,
            "score": rng.uniform(0.5, 1, n).round(3),
            "camera": camera,
            "exposure": rng.uniform(0, 10, n).round(2),
        }
    )
    path = tmp_path / "preds.csv"
    frame.to_csv(path, index=False)
    return path


def one_line_error(capsys: pytest.CaptureFixture[str], code: int) -> str:
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    return lines[0]


def test_table_names_the_patterns(predictions: Path, capsys) -> None:
    assert main(["slices", str(predictions)]) == 0
    out = capsys.readouterr().out
    assert "preds.csv: 2000 dev examples" in out
    assert "Confusion pairs (true -> predicted)" in out
    assert "True class, by share of dev error:" in out
    assert "camera (categorical)" in out and "exposure (numeric, quartiles)" in out
    assert "errors of class 8 predicted as 1 are" in out
    assert "camera=B has" in out and "the error rate" in out


def test_json_shape_and_numbers(predictions: Path, capsys) -> None:
    assert main(["slices", str(predictions), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == REPORT_KEYS
    assert data["source_kind"] == "predictions" and data["crossings"] == []
    assert [b["name"] for b in data["breakdowns"]] == ["confusion", "label", "camera", "exposure"]
    for breakdown in data["breakdowns"]:
        assert set(breakdown) == BREAKDOWN_KEYS
        for s in breakdown["slices"]:
            assert set(s) == SLICE_KEYS
    loaded = load_predictions(predictions)
    expected = compute_slices(loaded.frame, None, loaded.metadata_columns).to_json_dict()
    assert data["breakdowns"] == expected["breakdowns"]
    assert data["dev_errors"] == expected["dev_errors"]
    exposure = data["breakdowns"][3]
    assert exposure["kind"] == "numeric" and len(exposure["edges"]) == 3


def test_by_and_support_flags(predictions: Path, capsys) -> None:
    args = ["slices", str(predictions), "--by", "camera", "label", "--by", "score"]
    assert main([*args, "--format", "json", "--min-errors", "0", "--min-examples", "0"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [b["name"] for b in data["breakdowns"]] == ["camera", "label", "score"]
    assert all(b["hidden"] == 0 for b in data["breakdowns"])
    assert main(["slices", str(predictions), "--by", "confusion", "--min-errors", "1000"]) == 0
    assert "(no slice large enough)" in capsys.readouterr().out


def test_bad_column_is_one_line_listing_the_available(predictions: Path, capsys) -> None:
    line = one_line_error(capsys, main(["slices", str(predictions), "--by", "lens"]))
    assert "no column 'lens' to slice by" in line
    assert "available: confusion, label, prediction, score, camera, exposure" in line


def test_usage_errors(predictions: Path, tmp_path: Path, capsys) -> None:
    line = one_line_error(capsys, main(["slices", str(predictions), "--category", "blurry"]))
    assert "--category needs a session file" in line
    line = one_line_error(capsys, main(["slices", str(tmp_path / "none.csv")]))
    assert "no such predictions or session file" in line
    with pytest.raises(SystemExit) as exit_:
        main(["slices", str(predictions), "--min-errors", "-1"])
    assert exit_.value.code == 2
    assert "cannot be negative" in capsys.readouterr().err


def test_session_slices_and_category_crossing(predictions: Path, tmp_path: Path, capsys) -> None:
    session_path = tmp_path / "review.easession"
    assert main(["new", str(predictions), "-o", str(session_path),
                 "--allow-missing-images"]) == 0
    capsys.readouterr()
    with ReviewSession.open(session_path) as session:
        blurry = session.category_by_name("blurry")
        items = session.items_frame()
        ids = items["id"].to_numpy()
        # Review every error; "blurry" on most errors of class 8, few others.
        is_eight = (items["label"] == "8").to_numpy()
        rng = np.random.default_rng(0)
        ticked = np.where(
            is_eight, rng.uniform(size=len(ids)) < 0.8, rng.uniform(size=len(ids)) < 0.1
        )
        session.set_reviewed(ids.tolist(), True)
        session.set_ticks(ids[ticked].tolist(), blurry.id, True)
    assert main(["slices", str(session_path), "--category", "Blurry", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source_kind"] == "session"
    # The session keeps the predictions file's metadata columns for slices.
    names = [b["name"] for b in data["breakdowns"]]
    assert names[:2] == ["confusion", "label"] and "weight" not in names
    crossings = data["crossings"]
    assert crossings and all(set(c) == CROSSING_KEYS for c in crossings)
    top = crossings[0]
    assert top["category"] == "blurry" and top["significant"]
    assert top["value"] in ("8", "8 -> 1")
    assert top["share"] > 0.6 and top["share_elsewhere"] < 0.2
    assert main(["slices", str(session_path), "--category", "blurry"]) == 0
    out = capsys.readouterr().out
    assert "'blurry' among the reviewed errors of each slice" in out
    line = one_line_error(capsys, main(["slices", str(session_path), "--category", "rain"]))
    assert "no category 'rain'" in line and "blurry" in line


def test_runtime_needs_no_reference_library(predictions: Path, tmp_path: Path) -> None:
    """Slices, sharpness and label issues run with scipy, scikit-image and cleanlab absent."""
    from PIL import Image

    Image.new("RGB", (40, 30), "white").save(tmp_path / "white.png")
    script = textwrap.dedent(
        f"""
        import builtins
        real_import = builtins.__import__
        def guarded(name, *args, **kwargs):
            if name.split(".")[0] in ("scipy", "skimage", "sklearn", "cleanlab", "cv2"):
                raise ImportError("reference libraries are for tests only")
            return real_import(name, *args, **kwargs)
        builtins.__import__ = guarded
        from erroranalysis.cli import main
        from erroranalysis.core.label_issues import find_label_issues
        from erroranalysis.core.predictions import load_predictions
        from erroranalysis.core.sharpness import image_sharpness
        assert main(["slices", {str(predictions)!r}, "--format", "json"]) == 0
        assert find_label_issues(load_predictions({str(predictions)!r}).frame).available
        assert image_sharpness({str(tmp_path / "white.png")!r}).value == 0.0
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
