"""Diagnosis, label report and metrics read from a session, and their commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from erroranalysis.cli import main
from erroranalysis.core.errors import UserError
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.session_analysis import (
    items_in_cell,
    label_report,
    session_diagnosis,
    session_metrics,
)
from erroranalysis.core.sources import SourceOptions, add_correct_sample, create_session


@pytest.fixture
def session(preds_csv: Path, location_for):
    s = create_session(preds_csv, location_for("s"), SourceOptions())
    yield s
    s.close()


def test_diagnosis_from_session_and_typed_rates(session: ReviewSession) -> None:
    result, sources = session_diagnosis(session)
    assert (result.train, result.dev, result.test) == (0.2, 0.5, 0.2)
    assert result.human is None and "human" not in sources
    session.set_meta("human_error", "0.15")
    session.set_meta("rate_train", "0.3")
    result, sources = session_diagnosis(session)
    assert result.avoidable_bias == pytest.approx(0.15)
    assert result.variance == pytest.approx(0.2)
    assert sources["train"] == "typed" and sources["dev"] == "predictions"


def test_label_report_course_split_and_corrected_error(session: ReviewSession) -> None:
    ids = session.item_ids()
    label = session.category_by_name("incorrect label")
    blurry = session.category_by_name("blurry")
    session.set_reviewed(ids, True)  # all 10 errors reviewed
    session.set_ticks(ids[:2], label.id, True)
    session.set_ticks(ids[2:8], blurry.id, True)
    report = label_report(session)
    assert report.split is not None
    assert report.split.due_to_labels == pytest.approx(0.5 * 0.2)
    assert report.split.other_causes == pytest.approx(0.5 * 0.8)
    # Full review of errors, no correct example reviewed: the hidden wrong labels among the
    # correct ones are ignored and can only raise it: a lower bound, no interval, a caveat.
    assert report.corrected.value == pytest.approx((10 - 2) / 20)
    assert report.corrected.low == pytest.approx(0.4) and report.corrected.high is None
    assert "ignores the wrong labels hidden among the 10 correct ones" in report.caveat
    data = report.to_json_dict()
    assert data["correct_reviewed"] == 0 and data["caveat"] == report.caveat
    assert data["corrected_dev_error"]["high"] is None
    assert list(data)[-2:] == ["correct_reviewed", "caveat"]
    added = add_correct_sample(session, 10)  # all 10 correct dev examples
    session.set_reviewed(added, True)
    session.set_ticks(added[:1], label.id, True)
    report = label_report(session)
    assert (report.reviewed_correct, report.label_errors_among_correct) == (10, 1)
    assert report.corrected.value == pytest.approx((10 - 2 + 1) / 20)
    assert report.corrected.low == pytest.approx(0.45) and report.corrected.high == pytest.approx(
        0.45
    )
    assert report.caveat is None and report.to_json_dict()["correct_reviewed"] == 10


def test_label_report_needs_a_label_category(preds_csv: Path, tmp_path: Path) -> None:
    from erroranalysis.core.categories import Category

    options = SourceOptions(categories=(Category("rain"),))
    with (
        create_session(preds_csv, tmp_path / "n.easession", options) as s,
        pytest.raises(UserError, match="no category of kind label_error"),
    ):
        label_report(s)


def test_metrics_and_confusion_cells(session: ReviewSession) -> None:
    metrics = session_metrics(session)
    assert metrics.accuracy == pytest.approx(0.5)
    assert int(metrics.confusion.loc["cat", "dog"]) == 10
    assert items_in_cell(session, "cat", "dog") == session.item_ids()
    assert items_in_cell(session, "dog", "cat") == []


def test_commands(session: ReviewSession, capsys) -> None:
    path = session.where
    session.close()
    assert main(["diagnose", path, "--human", "1%", "--save", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["human"] == 0.01 and data["train"] == 0.2 and data["primary"] == "variance"
    assert main(["diagnose", path, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["human"] == 0.01  # saved in the session
    assert main(["sample-correct", path, "4", "--seed", "3"]) == 0
    assert "4 correctly classified dev examples added" in capsys.readouterr().out
    assert main(["labels", path, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["correct_total"] == 10 and data["reviewed_correct"] == 0
    assert data["correct_reviewed"] == 0 and "hidden among the 10 correct ones" in data["caveat"]
    assert main(["labels", path]) == 0
    assert "Reviewed correct examples: 0 of 10" in capsys.readouterr().out


def test_labels_text_says_what_the_corrected_error_ignores(session: ReviewSession, capsys) -> None:
    ids = session.item_ids()
    label = session.category_by_name("incorrect label")
    session.set_reviewed(ids[:5], True)
    session.set_ticks(ids[:1], label.id, True)
    path = session.where
    session.close()
    assert main(["labels", path]) == 0
    out = " ".join(capsys.readouterr().out.split())  # unwrapped
    assert "Dev error with labels corrected: 40.00% (at least " in out
    assert "no upper bound yet" in out and "ignores the wrong labels hidden" in out
    assert main(["sample-correct", path, "4", "--seed", "3"]) == 0
    with ReviewSession.open(path) as s:
        correct = [i for i in s.item_ids() if i not in ids]
        s.set_reviewed(correct, True)
    capsys.readouterr()
    assert main(["labels", path]) == 0
    out = capsys.readouterr().out
    assert "(95% interval " in out and "ignores" not in out
    assert main(["sample-correct", path, "0"]) == 2
    assert "positive" in capsys.readouterr().err


def test_split_and_confusion_counts_equal_the_rows_and_survive_a_missing_cache(
    tmp_path: Path,
) -> None:
    """The diagnosis and metrics read aggregates kept in the session (computed from the
    rows when it is made, or from the table when a session predates them): all three
    ways must give what the rows give."""
    import numpy as np
    import pandas as pd

    from erroranalysis.core.metrics import compute_metrics
    from erroranalysis.core.session_analysis import split_rates

    rng = np.random.default_rng(5)
    n = 3000
    classes = np.array(["cat", "dog", "10", "1.0", "ünïcode"], dtype=object)
    frame = pd.DataFrame({
        "id": [f"x{i}" for i in range(n)],
        "image": [f"img/{i}.png" for i in range(n)],
        "label": classes[rng.integers(0, 5, n)],
        "prediction": classes[rng.integers(0, 5, n)],
        "split": np.array(["train", "train_dev", "dev", "test"], dtype=object)[
            rng.integers(0, 4, n)],
    })
    csv = tmp_path / "preds.csv"
    frame.to_csv(csv, index=False)
    session = create_session(csv, tmp_path / "s.easession", SourceOptions())
    rows = session.predictions_frame()
    expected = {}
    for split in ("train", "train_dev", "dev", "test"):
        part = rows[rows["split"] == split]
        expected[split] = float((part["label"] != part["prediction"]).mean())
    dev = rows[rows["split"] == "dev"]
    expected_metrics = compute_metrics(dev["label"].tolist(), dev["prediction"].tolist())

    def check() -> None:
        assert split_rates(session) == pytest.approx(expected)
        metrics = session_metrics(session)
        assert metrics.accuracy == pytest.approx(expected_metrics.accuracy)
        assert metrics.confusion.equals(expected_metrics.confusion)

    check()  # from the counts made with the session
    session._db.execute("DELETE FROM meta WHERE key LIKE 'cache.%'")
    session.close()
    again = ReviewSession.open(tmp_path / "s.easession")
    session = again
    check()  # counted from the table, and kept
    assert again.meta("cache.split_counts")
    again.close()
    read_only = ReviewSession.open(tmp_path / "s.easession", read_only=True)
    session = read_only
    check()
    read_only.close()


def test_metadata_with_a_carriage_return_survives_in_the_predictions(tmp_path: Path) -> None:
    """A metadata cell holding a bare CR split its row in the stored table, and every
    metadata column vanished from predictions_frame (slices lost them silently)."""
    import csv

    import pandas as pd

    path = tmp_path / "preds.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["image", "label", "prediction", "camera", "note"])
        for i in range(6):
            note = "line one\rline two" if i == 2 else f"n{i}"
            writer.writerow([f"img/{i}.png", "cat", "dog" if i % 2 else "cat", "AB"[i % 2], note])
    session = create_session(path, tmp_path / "s.easession",
                             SourceOptions())
    frame = session.predictions_frame()
    expected = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert frame["note"].tolist() == expected["note"].tolist()
    assert frame["camera"].tolist() == list("ABABAB")
    session.close()
