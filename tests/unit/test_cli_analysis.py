"""The diagnose, metrics and compare commands, run through the real entry point."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from erroranalysis.cli import main

DIAGNOSIS_KEYS = {
    "human", "train", "train_dev", "dev", "test",
    "avoidable_bias", "variance", "data_mismatch", "dev_overfitting",
    "primary", "problems", "advice",
}


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def split_file(path: Path, errors_and_sizes: dict[str, tuple[int, int]]) -> Path:
    """A predictions file with `errors` wrong rows out of `size` in each split."""
    rows = []
    for split, (errors, size) in errors_and_sizes.items():
        for i in range(size):
            prediction = "dog" if i < errors else "cat"
            rows.append([f"{split}-{i}", f"img/{split}-{i}.png", "cat", prediction, split])
    return write_csv(path, ["id", "image", "label", "prediction", "split"], rows)


def dev_file(
    path: Path, errors: int, size: int, with_id: bool = True, reverse: bool = False
) -> Path:
    rows = []
    for i in range(size):
        prediction = "dog" if i < errors else "cat"
        row = [f"img/{i}.png", "cat", prediction]
        rows.append([f"ex{i}", *row] if with_id else row)
    if reverse:
        rows.reverse()
    header = ["image", "label", "prediction"]
    return write_csv(path, ["id", *header] if with_id else header, rows)


def assert_one_line_error(capsys: pytest.CaptureFixture[str], code: int, *needles: str) -> str:
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


# --- diagnose ---------------------------------------------------------------


COURSE_CASE_6 = ["--human", "0", "--train", "10%", "--train-dev", "11%", "--dev", "20%"]


def test_diagnose_course_case_6_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diagnose", *COURSE_CASE_6, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == DIAGNOSIS_KEYS
    assert (data["human"], data["train"], data["train_dev"], data["dev"]) == (0, 0.1, 0.11, 0.2)
    assert data["test"] is None and data["dev_overfitting"] is None
    assert (data["avoidable_bias"], data["variance"], data["data_mismatch"]) == (0.1, 0.01, 0.09)
    assert data["primary"] == "avoidable_bias"
    assert data["problems"] == ["avoidable_bias", "data_mismatch"]
    assert len(data["advice"]) == 2
    assert "bigger model" in data["advice"][0]
    assert "more like dev/test" in data["advice"][1]


def test_diagnose_course_case_6_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diagnose", *COURSE_CASE_6]) == 0
    out = capsys.readouterr().out
    ladder = [line for line in out.splitlines() if line.strip()]
    rungs = [line.split()[0] for line in ladder if line.startswith("  ") and "%" in line
             and "|" not in line]
    assert rungs == ["human-level", "train", "train-dev", "dev"]
    assert "Primary problem: avoidable bias." in out
    flowing = " ".join(out.split())  # long sentences are wrapped
    assert "avoidable bias (10.00%), data mismatch (9.00%)" in flowing
    assert "primary problem" in next(line for line in ladder if "avoidable bias" in line)
    assert "also a problem" in next(line for line in ladder if "| data mismatch" in line)
    assert "bigger model" in flowing and "artificial data synthesis" in flowing


def test_diagnose_reads_rates_from_the_split_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = split_file(
        tmp_path / "preds.csv",
        {"train": (8, 100), "train_dev": (9, 100), "dev": (10, 100), "test": (14, 100)},
    )
    assert main(["diagnose", str(path), "--human", "1%", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["train"], data["train_dev"], data["dev"], data["test"]) == (0.08, 0.09, 0.1, 0.14)
    assert data["avoidable_bias"] == 0.07
    assert data["dev_overfitting"] == 0.04
    assert data["primary"] == "avoidable_bias"


def test_diagnose_flags_override_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = split_file(tmp_path / "preds.csv", {"train": (1, 100), "dev": (10, 100)})
    assert main(["diagnose", str(path), "--dev", "0.02", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dev"] == 0.02 and data["train"] == 0.01 and data["variance"] == 0.01


def test_diagnose_table_names_sources_and_missing_rungs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = split_file(tmp_path / "preds.csv", {"train": (1, 100), "dev": (10, 100)})
    assert main(["diagnose", str(path)]) == 0
    out = capsys.readouterr().out
    assert "10 of 100 dev rows" in out
    assert "Primary problem: variance." in out
    assert "--human" in out and "--train-dev" in out


def test_diagnose_bare_rate_above_one_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["diagnose", "--train", "8", "--dev", "10%"])
    line = assert_one_line_error(capsys, code, "--train", "'8'", "0.08", "8%")
    assert line.startswith("erroranalysis: error: ")


@pytest.mark.parametrize(
    ("argv", "needles"),
    [
        (["--human", "1", "--train", "8%", "--dev", "10%"], ["--human 1 has no % sign", "8%"]),
        (["--human", "0.5%", "--train", "0.3", "--dev", "0.4"], ["--train 0.3 has no % sign"]),
        (["--human", "1", "--train", "0.08", "--dev", "0.1"], ["--human: '1' is ambiguous"]),
    ],
)
def test_diagnose_refuses_mixed_or_ambiguous_units(
    capsys: pytest.CaptureFixture[str], argv: list[str], needles: list[str]
) -> None:
    """--human 1 --train 8% once read the 1 as 100% and answered "variance" with exit 0."""
    assert_one_line_error(capsys, main(["diagnose", *argv]), *needles)


def test_diagnose_bare_fractions_are_read_as_fractions_and_said_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["diagnose", "--human", "0.5", "--train", "0.3", "--dev", "0.4"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert ("read as fractions: --human 0.5 is 50.00%, --train 0.3 is 30.00%, "
            "--dev 0.4 is 40.00%") in out
    # Zero is the same in both units: the course's case 6 mixes it with percentages.
    assert main(["diagnose", "--human", "0", "--train", "10%", "--dev", "12%"]) == 0
    assert "read as fractions" not in capsys.readouterr().out


def test_diagnose_needs_something(capsys: pytest.CaptureFixture[str]) -> None:
    assert_one_line_error(capsys, main(["diagnose"]), "predictions file", "--train")


def test_diagnose_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.csv"
    assert_one_line_error(capsys, main(["diagnose", str(missing)]), "nope.csv")


# --- metrics ----------------------------------------------------------------


@pytest.fixture
def animals(tmp_path: Path) -> Path:
    # 3 cats, 2 dogs, 1 bird on dev; one train row that must not count.
    rows = [
        ["1", "a.png", "cat", "cat", "dev"],
        ["2", "b.png", "cat", "cat", "dev"],
        ["3", "c.png", "cat", "dog", "dev"],
        ["4", "d.png", "dog", "dog", "dev"],
        ["5", "e.png", "dog", "cat", "dev"],
        ["6", "f.png", "bird", "cat", "dev"],
        ["7", "g.png", "bird", "bird", "train"],
    ]
    header = ["id", "image", "label", "prediction", "split"]
    return write_csv(tmp_path / "animals.csv", header, rows)


def test_metrics_json_by_hand(animals: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["metrics", str(animals), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["split"] == "dev" and data["size"] == 6
    assert data["classes"] == ["bird", "cat", "dog"]
    cat = data["per_class"][1]
    assert cat["precision"] == 0.5 and cat["recall"] == pytest.approx(2 / 3)
    assert cat["f1"] == pytest.approx(4 / 7) and cat["support"] == 3
    assert data["per_class"][0]["precision"] is None  # bird is never predicted: undefined
    assert data["micro"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert data["macro"]["precision"] == pytest.approx(1 / 2)  # cat and dog's
    assert data["weighted"]["recall"] == pytest.approx((0 + 2 + 1) / 6)
    assert data["confusion"]["matrix"] == [[0, 1, 0], [0, 2, 1], [0, 1, 1]]


def test_metrics_table_prints_metrics_and_confusion(
    animals: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["metrics", str(animals)]) == 0
    out = capsys.readouterr().out
    assert "6 examples" in out and "accuracy 50.00%" in out
    cat_row = next(line for line in out.splitlines() if line.startswith("cat "))
    assert cat_row.split() == ["cat", "0.500", "0.667", "0.571", "3"]
    assert any(line.startswith("macro avg") for line in out.splitlines())
    assert any(line.split() == ["micro", "avg", "0.500", "0.500", "0.500", "6"]
               for line in out.splitlines())
    assert any(line.startswith("weighted avg") for line in out.splitlines())
    bird_row = next(line for line in out.splitlines() if line.startswith("bird "))
    assert bird_row.split() == ["bird", "–", "0.000", "0.000", "1"]
    assert "Confusion matrix" in out
    matrix = [line for line in out.split("Confusion matrix")[1].splitlines()[1:] if line]
    assert matrix[0].split() == ["true", "\\", "predicted", "bird", "cat", "dog"]
    assert matrix[2].split() == ["cat", "0", "2", "1"]


def test_metrics_csv(animals: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["metrics", str(animals), "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [(r["kind"], r["name"]) for r in rows] == [
        ("class", "bird"), ("class", "cat"), ("class", "dog"),
        ("average", "macro"), ("average", "micro"), ("average", "weighted"),
    ]
    assert float(rows[2]["recall"]) == 0.5 and rows[4]["support"] == "6"
    assert rows[0]["precision"] == ""  # bird is never predicted: undefined, not 0


def test_metrics_csv_tells_a_class_named_macro_avg_from_the_average(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [[str(i), f"{i}.png", label, pred, "dev"] for i, (label, pred) in enumerate(
        [("macro avg", "macro avg"), ("macro avg", "cat"), ("cat", "cat")]
    )]
    path = write_csv(tmp_path / "p.csv", ["id", "image", "label", "prediction", "split"], rows)
    assert main(["metrics", str(path), "--format", "csv"]) == 0
    parsed = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    classes = [r for r in parsed if r["kind"] == "class"]
    averages = [r for r in parsed if r["kind"] == "average"]
    assert [r["name"] for r in classes] == ["cat", "macro avg"]
    assert [r["name"] for r in averages] == ["macro", "micro", "weighted"]
    assert float(classes[1]["recall"]) == 0.5 and float(averages[0]["recall"]) == 0.75


@pytest.mark.parametrize("names", [("cat", "cat2"), ("10", "10²"), ("a1", "a", "a01")])
def test_metrics_on_names_that_once_crashed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], names: tuple[str, ...]
) -> None:
    rows = [[str(i), f"{i}.png", name, names[0], "dev"] for i, name in enumerate(names)]
    path = write_csv(tmp_path / "p.csv", ["id", "image", "label", "prediction", "split"], rows)
    for fmt in ("table", "json", "csv"):
        assert main(["metrics", str(path), "--format", fmt]) == 0
        out, err = capsys.readouterr()
        assert err == "" and all(name in out for name in names)


def test_metrics_other_split(animals: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["metrics", str(animals), "--split", "train", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["accuracy"] == 1.0


def test_metrics_empty_split_is_a_user_error(
    animals: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["metrics", str(animals), "--split", "test"])
    assert_one_line_error(capsys, code, "animals.csv", "'test'", "--split")


def test_metrics_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_one_line_error(capsys, main(["metrics", str(tmp_path / "gone.csv")]), "gone.csv")


def test_metrics_of_a_session_are_those_of_its_predictions(
    animals: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A session keeps the predictions it was made from: ``metrics SESSION`` (what the
    Analysis panel shows) equals ``metrics`` of the file, for every split and format."""
    session = tmp_path / "animals.easession"
    assert main(["new", str(animals), "-o", str(session), "--allow-missing-images"]) == 0
    capsys.readouterr()
    for split in ("dev", "train"):
        for fmt in ("json", "csv", "table"):
            outputs = []
            for source in (animals, session):
                assert main(["metrics", str(source), "--split", split, "--format", fmt]) == 0
                out = capsys.readouterr().out
                outputs.append(out.replace(source.name, "NAME").replace(str(source), "NAME"))
            assert outputs[0] == outputs[1], (split, fmt)
    code = main(["metrics", str(session), "--label-col", "truth"])
    assert_one_line_error(capsys, code, "a session knows its columns", "--label-col")
    code = main(["metrics", str(session), "--split", "test"])
    assert_one_line_error(capsys, code, "no test predictions")


def test_a_session_given_for_a_predictions_file_is_named_so(
    animals: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before, a session here read as "not UTF-8 text (byte 0xfb on line 1)"."""
    session = tmp_path / "animals.easession"
    assert main(["new", str(animals), "-o", str(session), "--allow-missing-images"]) == 0
    capsys.readouterr()
    code = main(["compare", str(session), str(animals)])
    assert_one_line_error(capsys, code, "animals.easession", "a review session, not a "
                          "predictions file")


# --- compare ----------------------------------------------------------------


def test_compare_course_models_cannot_be_ranked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = dev_file(tmp_path / "a.csv", errors=21, size=1000)
    b = dev_file(tmp_path / "b.csv", errors=19, size=1000)
    assert main(["compare", str(a), str(b), "--label-noise", "0.6%", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["dev_error_a"], data["dev_error_b"]) == (0.021, 0.019)
    assert data["difference"] == 0.002
    assert data["explainable_share"] == 1.0
    assert data["trustworthy"] is False
    assert "cannot be ranked" in data["warning"]

    assert main(["compare", str(a), str(b), "--label-noise", "0.6%"]) == 0
    out = capsys.readouterr().out
    assert "2.10%" in out and "1.90%" in out and "cannot be ranked" in out


def test_compare_clear_winner(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = dev_file(tmp_path / "a.csv", errors=50, size=1000)
    b = dev_file(tmp_path / "b.csv", errors=20, size=1000)
    assert main(["compare", str(a), str(b), "--label-noise", "0.006", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["trustworthy"] is True and data["better"] == "b"
    assert data["explainable_share"] == pytest.approx(0.2)
    assert data["warning"] is None


def test_compare_matches_by_image_path_without_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = dev_file(tmp_path / "a.csv", errors=3, size=10, with_id=False)
    b = dev_file(tmp_path / "b.csv", errors=1, size=10, with_id=False, reverse=True)
    assert main(["compare", str(a), str(b), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dev_size"] == 10 and data["difference"] == 0.2


def test_compare_different_dev_sets_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = dev_file(tmp_path / "a.csv", errors=3, size=10)
    b = dev_file(tmp_path / "b.csv", errors=3, size=9)
    code = main(["compare", str(a), str(b)])
    assert_one_line_error(capsys, code, "different dev examples", "ex9")


def test_compare_different_labels_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = dev_file(tmp_path / "a.csv", errors=3, size=10)
    b = write_csv(
        tmp_path / "b.csv",
        ["id", "image", "label", "prediction"],
        [[f"ex{i}", f"img/{i}.png", "dog" if i == 4 else "cat", "cat"] for i in range(10)],
    )
    assert_one_line_error(capsys, main(["compare", str(a), str(b)]), "disagree", "ex4")


def test_compare_bad_label_noise(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = dev_file(tmp_path / "a.csv", errors=3, size=10)
    code = main(["compare", str(a), str(a), "--label-noise", "8"])
    assert_one_line_error(capsys, code, "--label-noise", "'8'")
