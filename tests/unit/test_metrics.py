"""Precision, recall, F1 and the confusion matrix (METHOD §5), against hand-computed numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import classification_report  # a test reference only

from erroranalysis.core.errors import UserError
from erroranalysis.core.metrics import compute_metrics, natural_order

# 3 cats, 2 dogs, 1 bird.
LABELS = ["cat", "cat", "cat", "dog", "dog", "bird"]
PREDICTIONS = ["cat", "cat", "dog", "dog", "cat", "cat"]


def test_per_class_by_hand() -> None:
    m = compute_metrics(LABELS, PREDICTIONS)
    assert m.classes == ("bird", "cat", "dog")
    # cat: predicted 4 times, 2 right -> P 1/2; 3 cats, 2 found -> R 2/3; F1 = 2PR/(P+R) = 4/7.
    cat = m.per_class.loc["cat"]
    assert cat["precision"] == pytest.approx(0.5)
    assert cat["recall"] == pytest.approx(2 / 3)
    assert cat["f1"] == pytest.approx(4 / 7)
    assert cat["support"] == 3
    # dog: predicted twice, 1 right -> 1/2; 2 dogs, 1 found -> 1/2; F1 1/2.
    dog = m.per_class.loc["dog"]
    assert (dog["precision"], dog["recall"], dog["f1"], dog["support"]) == (0.5, 0.5, 0.5, 2)
    # bird: never predicted -> precision undefined (not 0); recall 0/1; F1 2*0/(1+0) = 0.
    bird = m.per_class.loc["bird"]
    assert np.isnan(bird["precision"])
    assert (bird["recall"], bird["f1"], bird["support"]) == (0, 0, 1)


def test_averages_by_hand() -> None:
    m = compute_metrics(LABELS, PREDICTIONS)
    assert m.accuracy == pytest.approx(3 / 6)
    assert (m.micro.precision, m.micro.recall, m.micro.f1) == (0.5, 0.5, 0.5)
    # The undefined precision of bird is left out of the mean.
    assert m.macro.precision == pytest.approx((0.5 + 0.5) / 2)
    assert m.macro.recall == pytest.approx((0 + 2 / 3 + 0.5) / 3)
    # Weighted by support (1 bird, 3 cats, 2 dogs), undefined values left out.
    assert m.weighted.precision == pytest.approx((3 * 0.5 + 2 * 0.5) / 5)
    assert m.weighted.recall == pytest.approx((0 + 3 * 2 / 3 + 2 * 0.5) / 6)
    # Macro F1 is the mean of per-class F1, not F1 of the macro P and R.
    assert m.macro.f1 == pytest.approx((0 + 4 / 7 + 0.5) / 3)
    assert m.size == 6


def test_confusion_matrix_rows_true_columns_predicted() -> None:
    m = compute_metrics(LABELS, PREDICTIONS)
    expected = pd.DataFrame(
        [[0, 1, 0], [0, 2, 1], [0, 1, 1]],
        index=pd.Index(["bird", "cat", "dog"], name="true"),
        columns=pd.Index(["bird", "cat", "dog"], name="predicted"),
    )
    pd.testing.assert_frame_equal(m.confusion, expected, check_dtype=False, check_index_type=False,
                                  check_column_type=False)
    assert int(m.confusion.to_numpy().sum()) == 6


def test_class_only_in_predictions_counts_with_zero_recall() -> None:
    m = compute_metrics(["a", "a"], ["a", "z"])
    assert m.classes == ("a", "z")
    z = m.per_class.loc["z"]
    assert np.isnan(z["recall"])  # no example of z: recall undefined
    assert (z["precision"], z["f1"], z["support"]) == (0, 0, 0)
    assert m.per_class.loc["a", "precision"] == 1.0
    assert m.per_class.loc["a", "recall"] == 0.5
    assert m.macro.precision == 0.5 and m.macro.recall == 0.5


def test_numeric_labels_sort_by_value() -> None:
    m = compute_metrics(["10", "2", "1", "-1"], ["10", "2", "1", "-1"])
    assert m.classes == ("-1", "1", "2", "10")
    assert list(m.confusion.index) == ["-1", "1", "2", "10"]
    assert m.accuracy == 1.0 and m.macro.f1 == 1.0


def test_natural_order_of_names() -> None:
    assert natural_order(["cat10", "Cat2", "bird"]) == ["bird", "Cat2", "cat10"]
    assert natural_order(["0.5", "2", "10"]) == ["0.5", "2", "10"]


def test_natural_order_of_a_name_and_the_same_name_with_digits() -> None:
    # "cat" and "cat2" once compared a str with a tuple (TypeError), "10²" an int('²').
    assert natural_order(["cat2", "cat", "cat10", "Cat1"]) == ["cat", "Cat1", "cat2", "cat10"]
    assert natural_order(["10²", "10", "10³", "2²"]) == ["2²", "10", "10²", "10³"]
    assert natural_order(["x٣", "x2"]) == ["x2", "x٣"]  # other decimal digits read as numbers
    m = compute_metrics(["cat", "cat2", "10²"], ["cat2", "cat2", "10²"])
    assert m.classes == ("10²", "cat", "cat2")


def test_against_scikit_learn_classification_report() -> None:
    rng = np.random.default_rng(4)
    # (No class named "macro avg" here: sklearn's dict would overwrite it with the average,
    # the ambiguity the CSV's kind column removes.)
    names = np.array(["a", "b", "c", "d", "e"])
    truth = names[rng.integers(0, 4, 500)]  # "e" never in the labels
    guess = np.where(rng.random(500) < 0.6, truth, names[rng.integers(1, 5, 500)])
    guess[guess == "a"] = "b"  # "a" never predicted
    m = compute_metrics(truth, guess)
    report = classification_report(
        truth, guess, labels=list(m.classes), output_dict=True, zero_division=np.nan
    )
    for name in m.classes:
        row = m.per_class.loc[name]
        for ours, theirs in (("precision", "precision"), ("recall", "recall"), ("f1", "f1-score")):
            np.testing.assert_allclose(row[ours], report[name][theirs], rtol=0, atol=1e-12)
    assert np.isnan(m.per_class.loc["a", "precision"]) and np.isnan(m.per_class.loc["e", "recall"])
    for average, key in ((m.macro, "macro avg"), (m.weighted, "weighted avg")):
        assert average.precision == pytest.approx(report[key]["precision"], abs=1e-12)
        assert average.recall == pytest.approx(report[key]["recall"], abs=1e-12)
        assert average.f1 == pytest.approx(report[key]["f1-score"], abs=1e-12)
    assert m.micro.f1 == pytest.approx(report["accuracy"], abs=1e-12)


def test_table_adds_the_average_rows() -> None:
    table = compute_metrics(LABELS, PREDICTIONS).table()
    assert list(table.index) == ["bird", "cat", "dog", "macro avg", "micro avg", "weighted avg"]
    assert table.loc["micro avg", "support"] == 6


def test_json_dict() -> None:
    data = compute_metrics(LABELS, PREDICTIONS).to_json_dict()
    assert data["classes"] == ["bird", "cat", "dog"]
    assert data["per_class"][1] == {
        "class": "cat", "precision": 0.5, "recall": 0.666666666667, "f1": 0.571428571429,
        "support": 3,
    }
    assert data["micro"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert data["per_class"][0]["precision"] is None  # bird: never predicted, undefined
    assert list(data)[list(data).index("micro") + 1] == "weighted"
    assert data["confusion"]["matrix"] == [[0, 1, 0], [0, 2, 1], [0, 1, 1]]


def test_large_input_matches_a_direct_count() -> None:
    rng = np.random.default_rng(0)
    truth = rng.integers(0, 5, 200_000).astype(str)
    guess = np.where(rng.random(200_000) < 0.7, truth, rng.integers(0, 5, 200_000).astype(str))
    m = compute_metrics(pd.Series(truth), pd.Series(guess))
    assert m.accuracy == pytest.approx(float((truth == guess).mean()))
    hits = int(((truth == "3") & (guess == "3")).sum())
    assert m.per_class.loc["3", "precision"] == pytest.approx(hits / int((guess == "3").sum()))
    assert m.per_class.loc["3", "recall"] == pytest.approx(hits / int((truth == "3").sum()))
    assert int(m.confusion.to_numpy().sum()) == 200_000


def test_length_mismatch_and_empty_are_user_errors() -> None:
    with pytest.raises(UserError, match="differ in length"):
        compute_metrics(["a"], ["a", "b"])
    with pytest.raises(UserError, match="no examples"):
        compute_metrics([], [])
