"""``compare`` with weights: the unweighted and the weighted ranking, and when they disagree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from erroranalysis.cli import main
from tests.unit.test_cli_analysis import assert_one_line_error, write_csv


def _model(path: Path, wrong: set[int], weight_column: bool = False) -> Path:
    """100 dev examples, the first 10 pornographic; the model is wrong on ``wrong``."""
    rows = []
    for i in range(100):
        label = "porn" if i < 10 else "cat"
        prediction = ("cat" if label == "porn" else "dog") if i in wrong else label
        row = [f"ex{i}", f"img/{i}.png", label, prediction]
        if weight_column:
            row.append("10" if i < 10 else "1")
        rows.append(row)
    header = ["id", "image", "label", "prediction"] + (["weight"] if weight_column else [])
    return write_csv(path, header, rows)


@pytest.fixture
def course_models(tmp_path: Path) -> tuple[Path, Path]:
    # A: 4% error but lets 2 pornographic images through; B: 6%, none through.
    a = _model(tmp_path / "a.csv", {0, 1, 50, 60})
    b = _model(tmp_path / "b.csv", {20, 30, 40, 50, 60, 70})
    return a, b


def test_rankings_disagree(course_models, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = course_models
    assert main(["compare", str(a), str(b), "--weight", "label=porn:10", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["dev_error_a"], data["dev_error_b"], data["better"]) == (0.04, 0.06, "a")
    weighted = data["weighted"]
    # Total weight 10*10 + 90 = 190; A: 2*10 + 2 = 22; B: 6.
    assert weighted["dev_weight"] == 190
    assert weighted["dev_error_a"] == pytest.approx(22 / 190)
    assert weighted["dev_error_b"] == pytest.approx(6 / 190)
    assert weighted["better"] == "b" and weighted["unweighted_better"] == "a"
    assert weighted["agrees"] is False
    assert weighted["weights"] == ["--weight 'label=porn:10'"]

    assert main(["compare", str(a), str(b), "--weight", "label=porn:10"]) == 0
    out = capsys.readouterr().out
    assert "11.58% weighted dev error" in out and "3.16% weighted dev error" in out
    assert "The rankings disagree" in out and "prefers model A" in out


def test_weight_column_and_agreement(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _model(tmp_path / "a.csv", {50, 60}, weight_column=True)
    b = _model(tmp_path / "b.csv", {0, 50, 60})  # no weight column: A's weights hold for both
    assert main(["compare", str(a), str(b), "--format", "json"]) == 0
    weighted = json.loads(capsys.readouterr().out)["weighted"]
    assert weighted["weights"] == ["column 'weight'"]
    assert weighted["dev_error_b"] == pytest.approx(12 / 190)
    assert weighted["better"] == "a" and weighted["agrees"] is True


def test_no_weights_no_weighted_part(course_models, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = course_models
    assert main(["compare", str(a), str(b), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["weighted"] is None
    assert main(["compare", str(a), str(b)]) == 0
    assert "eighted" not in capsys.readouterr().out


def test_weights_by_prediction_differ_between_models(
    course_models, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = course_models
    code = main(["compare", str(a), str(b), "--weight", "prediction=dog:3"])
    assert_one_line_error(capsys, code, "different weights", "not by prediction")


def test_bad_rule_is_one_line(course_models, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = course_models
    code = main(["compare", str(a), str(b), "--weight", "label=porn"])
    assert_one_line_error(capsys, code, "--weight 'label=porn'", "COLUMN=VALUE:WEIGHT")
