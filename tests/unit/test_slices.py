"""Slices of the dev set: every statistic against plain pandas group-bys and scipy."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from erroranalysis.core.errors import UserError
from erroranalysis.core.slices import (
    MISSING,
    _log_gamma,
    clopper_pearson,
    compute_slices,
    cross_category,
    make_breakdown,
    parse_numbers,
    quantile_edges,
)

stats = pytest.importorskip("scipy.stats")


# --- the exact interval ------------------------------------------------------


def scipy_clopper_pearson(k: np.ndarray, n: np.ndarray, confidence: float = 0.95):
    tail = (1 - confidence) / 2
    with np.errstate(invalid="ignore"):
        low = np.where(k > 0, stats.beta.ppf(tail, k, n - k + 1), 0.0)
        high = np.where(k < n, stats.beta.ppf(1 - tail, k + 1, n - k), 1.0)
    return low, high


def test_log_gamma_matches_the_standard_library() -> None:
    x = np.concatenate([np.linspace(0.5, 30, 60), [1, 2, 3, 100, 1e4, 1e6 + 1]])
    expected = np.array([math.lgamma(v) for v in x])
    np.testing.assert_allclose(_log_gamma(x), expected, rtol=1e-13, atol=1e-13)


def test_clopper_pearson_matches_scipy_on_a_grid() -> None:
    pairs = [(k, n) for n in (1, 2, 5, 20, 100, 1000) for k in range(0, n + 1, max(1, n // 10))]
    rng = np.random.default_rng(0)
    big_n = rng.integers(1_000, 2_000_000, 200)
    big_k = (rng.uniform(0, 1, 200) ** 2 * big_n).astype(int)
    k = np.array([p[0] for p in pairs] + big_k.tolist() + [0, 1, 3000, 100_000, 999_999])
    n = np.array([p[1] for p in pairs] + big_n.tolist() + [10**6, 10**6, 6000, 10**6, 10**6])
    low, high = clopper_pearson(k, n)
    ref_low, ref_high = scipy_clopper_pearson(k, n)
    np.testing.assert_allclose(low, ref_low, rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(high, ref_high, rtol=1e-9)


def test_clopper_pearson_other_confidence_and_edges() -> None:
    k = np.array([0, 3, 10, 10])
    n = np.array([10, 10, 10, 0 + 10])
    low, high = clopper_pearson(k, n, confidence=0.9)
    ref_low, ref_high = scipy_clopper_pearson(k, n, 0.9)
    np.testing.assert_allclose(low, ref_low, rtol=1e-10)
    np.testing.assert_allclose(high, ref_high, rtol=1e-10)
    assert low[0] == 0.0 and high[-1] == 1.0
    # Nothing observed: nothing known.
    assert clopper_pearson(0, 0) == (0.0, 1.0)
    # METHOD.md §2: n = 100, k = 5 gives [0.01643, 0.11284].
    low5, high5 = clopper_pearson(5, 100)
    assert float(low5) == pytest.approx(0.01643, abs=1e-5)
    assert float(high5) == pytest.approx(0.11284, abs=1e-5)
    with pytest.raises(ValueError):
        clopper_pearson(5, 3)


# --- a dev set with known structure ------------------------------------------


def make_frame(n: int = 6000, seed: int = 0) -> pd.DataFrame:
    """Dev rows (and train rows that must be ignored) with metadata as text."""
    rng = np.random.default_rng(seed)
    label = rng.integers(0, 6, n)
    camera = rng.choice(["A", "B", "C", "D"], n, p=[0.4, 0.3, 0.29, 0.01])
    brightness = rng.uniform(0, 200, n).round(2)
    p_error = 0.05 + 0.15 * (camera == "B") + 0.1 * (label == 5) + 0.05 * (brightness < 40)
    wrong = rng.uniform(size=n) < p_error
    confused = np.where(label == 5, 1, (label + rng.integers(1, 6, n)) % 6)
    prediction = np.where(wrong, confused, label)
    split = np.where(rng.uniform(size=n) < 0.8, "dev", "train")
    bright_text = brightness.astype(str).astype(object)
    bright_text[rng.uniform(size=n) < 0.02] = ""  # some missing values
    return pd.DataFrame(
        {
            "key": [f"k{i}" for i in range(n)],
            "image": [f"img/{i}.png" for i in range(n)],
            "label": label.astype(str).astype(object),
            "prediction": prediction.astype(str).astype(object),
            "score": rng.uniform(0.5, 1, n),
            "split": split.astype(object),
            "row": np.arange(n) + 2,
            "camera": camera.astype(object),
            "brightness": bright_text,
        }
    )


def expected_rates(dev: pd.DataFrame, group: pd.Series) -> pd.DataFrame:
    """Errors, examples, shares and rates per group, computed with pandas alone."""
    is_error = dev["label"] != dev["prediction"]
    table = is_error.groupby(group).agg(errors="sum", examples="size")
    total_errors, total = int(is_error.sum()), len(dev)
    table["share"] = table["errors"] / total_errors
    table["rate"] = table["errors"] / table["examples"]
    table["rate_elsewhere"] = (total_errors - table["errors"]) / (total - table["examples"])
    table["lift"] = table["rate"] / table["rate_elsewhere"]
    return table


def by_value(report, name):
    return {s.value: s for s in report.result(name).slices}


def test_counts_shares_rates_and_lift_match_pandas_groupbys() -> None:
    frame = make_frame()
    dev = frame[frame["split"] == "dev"]
    report = compute_slices(frame, min_errors=0, min_examples=1)
    is_error = dev["label"] != dev["prediction"]
    assert report.dev_size == len(dev)
    assert report.dev_errors == int(is_error.sum())

    for name, group in (("label", dev["label"]), ("camera", dev["camera"])):
        expected = expected_rates(dev, group)
        got = by_value(report, name)
        assert set(got) == set(expected.index)
        for value, row in expected.iterrows():
            s = got[value]
            assert (s.errors, s.examples) == (row["errors"], row["examples"])
            assert s.error_share == pytest.approx(row["share"], rel=1e-12)
            assert s.rate == pytest.approx(row["rate"], rel=1e-12)
            assert s.rate_elsewhere == pytest.approx(row["rate_elsewhere"], rel=1e-12)
            assert s.lift == pytest.approx(row["lift"], rel=1e-12)
            low, high = scipy_clopper_pearson(np.array(row["errors"]), np.array(row["examples"]))
            assert s.rate_low == pytest.approx(float(low), rel=1e-9, abs=1e-300)
            assert s.rate_high == pytest.approx(float(high), rel=1e-9)
            e_out = report.dev_errors - row["errors"]
            n_out = report.dev_size - row["examples"]
            out_low, out_high = scipy_clopper_pearson(np.array(e_out), np.array(n_out))
            assert s.elsewhere_low == pytest.approx(float(out_low), rel=1e-9)
            assert s.elsewhere_high == pytest.approx(float(out_high), rel=1e-9)
            assert s.significant == bool(low > out_high or high < out_low)


def test_confusion_pairs_match_pandas() -> None:
    frame = make_frame()
    dev = frame[frame["split"] == "dev"]
    errors = dev[dev["label"] != dev["prediction"]]
    counts = errors.groupby(["label", "prediction"]).size()
    class_sizes = dev.groupby("label").size()
    report = compute_slices(frame, by=["confusion"], min_errors=0, min_examples=0)
    got = by_value(report, "confusion")
    assert len(got) == len(counts)
    for (label, prediction), count in counts.items():
        s = got[f"{label} -> {prediction}"]
        assert (s.label, s.prediction, s.errors) == (label, prediction, count)
        assert s.examples == class_sizes[label]
        assert s.error_share == pytest.approx(count / len(errors), rel=1e-12)
        assert s.rate == pytest.approx(count / class_sizes[label], rel=1e-12)
        assert s.lift is None and s.rate_elsewhere is None and s.significant is None
    shares = [s.error_share for s in report.result("confusion").slices]
    assert shares == sorted(shares, reverse=True)
    # The planted pattern (class 5 read as 1) leads.
    assert report.result("confusion").slices[0].value == "5 -> 1"


def test_numeric_column_in_quantile_bins_matches_pd_cut() -> None:
    frame = make_frame()
    dev = frame[frame["split"] == "dev"]
    report = compute_slices(frame, by=["brightness"], min_errors=0, min_examples=1)
    result = report.result("brightness")
    assert result.breakdown.kind == "numeric"
    edges = result.breakdown.edges
    assert len(edges) == 3
    numbers = pd.to_numeric(dev["brightness"].replace("", np.nan))
    # Quartiles of uniform 0-200: about 50, 100, 150, rounded readably.
    np.testing.assert_allclose(edges, np.quantile(numbers.dropna(), [0.25, 0.5, 0.75]), rtol=0.05)
    assert all(len(f"{e:g}") <= 4 for e in edges)
    bins = pd.cut(numbers, [-np.inf, *edges, np.inf], right=False, labels=False)
    bins = bins.astype("Int64").astype(object).where(numbers.notna(), "missing")
    expected = expected_rates(dev, bins)

    def bin_of(s):
        if s.value == MISSING:
            return "missing"
        return 0 if s.low is None else int(np.searchsorted(edges, s.low, side="right"))

    got = {bin_of(s): s for s in result.slices}
    assert set(got) == set(expected.index)
    for key, row in expected.iterrows():
        assert (got[key].errors, got[key].examples) == (row["errors"], row["examples"])
        assert got[key].lift == pytest.approx(row["lift"], rel=1e-12)
    names = {s.value for s in result.slices}
    e = [f"{x:g}" for x in edges]
    assert {
        f"brightness < {e[0]}",
        f"{e[0]} <= brightness < {e[1]}",
        f"{e[1]} <= brightness < {e[2]}",
        f"brightness >= {e[2]}",
        MISSING,
    } == names
    low_bin = next(s for s in result.slices if s.value == f"brightness < {e[0]}")
    assert (low_bin.low, low_bin.high) == (None, edges[0])


def test_small_slices_are_hidden_and_counted() -> None:
    frame = make_frame()
    dev = frame[frame["split"] == "dev"]
    report = compute_slices(frame, by=["camera", "confusion"], min_errors=5, min_examples=20)
    expected = expected_rates(dev, dev["camera"])
    shown = expected[(expected["errors"] >= 5) & (expected["examples"] >= 20)]
    result = report.result("camera")
    assert {s.value for s in result.slices} == set(shown.index)
    assert "D" not in {s.value for s in result.slices}  # 1% of the rows
    assert result.hidden == len(expected) - len(shown)
    assert result.hidden_errors == int(expected["errors"].sum() - shown["errors"].sum())
    pairs = report.result("confusion")
    assert all(s.errors >= 5 for s in pairs.slices)
    errors = dev[dev["label"] != dev["prediction"]]
    counts = errors.groupby(["label", "prediction"]).size()
    assert pairs.hidden == int((counts < 5).sum())
    assert pairs.hidden_errors == int(counts[counts < 5].sum())


def test_metadata_ranked_by_lift_significant_first() -> None:
    report = compute_slices(make_frame(20000), by=["camera"])
    slices = report.result("camera").slices
    assert slices[0].value == "B" and slices[0].significant and slices[0].lift > 2
    significant = [s.lift for s in slices if s.significant]
    assert significant == sorted(significant, reverse=True)
    flags = [s.significant for s in slices]
    assert flags == sorted(flags, reverse=True)


def test_equal_rates_are_not_significant() -> None:
    # Two halves with exactly the same rate: never significant.
    n = 4000
    frame = pd.DataFrame(
        {
            "label": ["a"] * n,
            "prediction": (["b"] * 100 + ["a"] * 900) * 4,
            "half": ["x"] * (n // 2) + ["y"] * (n // 2),
        }
    )
    slices = compute_slices(frame, by=["half"]).result("half").slices
    assert [s.lift for s in slices] == [1.0, 1.0]
    assert not any(s.significant for s in slices)


def test_summaries_read_as_the_issue_says() -> None:
    # 100 dev errors, 14 of them class 8 read as 1.
    label = ["8"] * 14 + ["3"] * 86 + ["8"] * 400 + ["3"] * 500
    prediction = ["1"] * 14 + ["5"] * 86 + ["8"] * 400 + ["3"] * 500
    frame = pd.DataFrame({"label": label, "prediction": prediction})
    report = compute_slices(frame, by=["confusion"])
    assert (
        report.result("confusion")
        .slices[1]
        .summary.startswith("errors of class 8 predicted as 1 are 14.0% of dev error")
    )
    # camera=B: 31 errors in 100 (31%); elsewhere 100 in 1000 (10%): 3.1x.
    camera = ["B"] * 100 + ["A"] * 1000
    wrong = [True] * 31 + [False] * 69 + [True] * 100 + [False] * 900
    frame = pd.DataFrame(
        {
            "label": ["x"] * 1100,
            "prediction": ["y" if w else "x" for w in wrong],
            "camera": camera,
        }
    )
    top = compute_slices(frame, by=["camera"]).result("camera").slices[0]
    assert top.summary == "camera=B has 3.1x the error rate (31.00% vs 10.00% elsewhere)"
    assert (
        compute_slices(frame, by=["label"])
        .result("label")
        .slices[0]
        .summary.startswith("errors of class x are 100.0% of dev error")
    )


def test_bad_column_names_the_available_ones() -> None:
    with pytest.raises(UserError) as error:
        compute_slices(make_frame(200), by=["camera", "lens"])
    message = str(error.value)
    assert "'lens'" in message
    assert "confusion, label, prediction, score, camera, brightness" in message


def test_default_breakdowns_skip_probability_columns() -> None:
    frame = make_frame(500)
    frame["p_0"] = 0.1
    for c in range(1, 6):
        frame[f"p_{c}"] = 0.18
    report = compute_slices(frame)
    assert [r.breakdown.name for r in report.breakdowns] == [
        "confusion",
        "label",
        "camera",
        "brightness",
    ]
    assert "p_3" in [r.breakdown.name for r in compute_slices(frame, by=["p_3"]).breakdowns]


def test_arrow_strings_and_non_text_labels_give_the_same_slices() -> None:
    frame = make_frame(3000)
    as_object = compute_slices(frame).to_json_dict()
    pytest.importorskip("pyarrow", reason="pyarrow is not installed (the executable's environment)")
    arrow = frame.astype({c: "string[pyarrow]" for c in ("label", "prediction", "camera")})
    assert compute_slices(arrow).to_json_dict() == as_object
    ints = frame.astype({"label": int, "prediction": int})
    assert compute_slices(ints).to_json_dict() == as_object


def test_no_split_column_means_every_row_is_dev() -> None:
    frame = make_frame(1000).drop(columns=["split"])
    assert compute_slices(frame).dev_size == 1000


# --- numeric detection and bins ---------------------------------------------


def test_quantile_edges_are_readable_and_keep_every_bin() -> None:
    assert quantile_edges(np.arange(0, 101, dtype=float)) == (25.0, 50.0, 75.0)
    rng = np.random.default_rng(3)
    edges = quantile_edges(rng.uniform(0, 1, 5000))
    assert all(len(f"{e:g}") <= 4 for e in edges) and len(edges) == 3
    # Values close together need more digits to stay apart.
    stamps = np.arange(1_000_001, 1_001_000, dtype=float)
    edges = quantile_edges(stamps)
    assert len(edges) == 3 and edges[0] > stamps[0] and edges == tuple(sorted(edges))
    # 60% zeros: no edge inside the zeros.
    tied = np.concatenate([np.zeros(600), np.arange(1, 401, dtype=float)])
    edges = quantile_edges(tied)
    assert edges == (1.0, 150.0)  # the zeros get a bin of their own
    assert quantile_edges(np.array([5.0, 5.0, 5.0])) == ()


def test_numeric_detection() -> None:
    frame = pd.DataFrame(
        {
            "flag": ["0", "1"] * 50,
            "size": [str(i) for i in range(100)],
            "site": ["s1", "s2"] * 50,
            "mixed": [str(i) for i in range(99)] + ["n/a"],
            "floats": np.linspace(0, 1, 100),
        }
    )
    kinds = {c: make_breakdown(frame, c).kind for c in frame.columns}
    assert kinds == {
        "flag": "categorical",  # two values read better as categories
        "size": "numeric",
        "site": "categorical",
        "mixed": "categorical",
        "floats": "numeric",
    }
    np.testing.assert_array_equal(
        parse_numbers(pd.Series([" 1.5", "", None, "2e3"], dtype=object)),
        [1.5, np.nan, np.nan, 2000.0],
    )
    assert parse_numbers(pd.Series(["1", "x"] * 2000, dtype=object)) is None
    assert parse_numbers(pd.Series([1, "x"], dtype=object)) is None


def test_missing_categorical_values_are_one_slice() -> None:
    frame = pd.DataFrame(
        {
            "label": ["a"] * 60,
            "prediction": ["b"] * 30 + ["a"] * 30,
            "site": ["", " ", None] * 10 + ["s"] * 30,
        }
    )
    slices = by_value(compute_slices(frame, by=["site"], min_errors=0, min_examples=1), "site")
    assert set(slices) == {MISSING, "s"}
    assert slices[MISSING].examples == 30 and slices[MISSING].errors == 30


# --- a reviewed category crossed with the slices ----------------------------


def test_crossing_matches_pandas_groupby() -> None:
    frame = make_frame(8000, seed=5)
    report = compute_slices(frame, min_errors=1, min_examples=1)
    dev = frame[frame["split"] == "dev"]
    errors = dev[dev["label"] != dev["prediction"]].reset_index(drop=True)
    rng = np.random.default_rng(9)
    reviewed = errors.sample(300, random_state=1).reset_index(drop=True)
    blurry = rng.uniform(size=300) < np.where(reviewed["camera"] == "B", 0.7, 0.2)
    ticks = pd.DataFrame({"blurry": blurry, "dog": rng.uniform(size=300) < 0.1})
    crossings = cross_category(report, reviewed, ticks, min_reviewed=5)
    got = {(c.category, c.breakdown, c.value): c for c in crossings}
    for category in ("blurry", "dog"):
        ticked = ticks[category]
        for column in ("camera", "label"):
            table = ticked.groupby(reviewed[column]).agg(ticked="sum", reviewed="size")
            for value, row in table[table["reviewed"] >= 5].iterrows():
                c = got[(category, column, value)]
                assert (c.ticked, c.reviewed) == (row["ticked"], row["reviewed"])
                k_out = int(ticked.sum()) - row["ticked"]
                n_out = 300 - row["reviewed"]
                assert (c.ticked_elsewhere, c.reviewed_elsewhere) == (k_out, n_out)
                assert c.share == pytest.approx(row["ticked"] / row["reviewed"])
                assert c.share_elsewhere == pytest.approx(k_out / n_out)
                low, high = scipy_clopper_pearson(
                    np.array(row["ticked"]), np.array(row["reviewed"])
                )
                assert c.share_low == pytest.approx(float(low), rel=1e-9, abs=1e-300)
                assert c.share_high == pytest.approx(float(high), rel=1e-9)
    pairs = (
        pd.Series(blurry).groupby([reviewed["label"], reviewed["prediction"]]).agg(["sum", "size"])
    )
    for (label, prediction), row in pairs[pairs["size"] >= 5].iterrows():
        c = got[("blurry", "confusion", f"{label} -> {prediction}")]
        assert (c.ticked, c.reviewed) == (row["sum"], row["size"])
    top = next(c for c in crossings if c.category == "blurry")
    assert top.value == "B" and top.significant
    assert top.summary.startswith(
        f"blurry: {top.share * 100:.3g}% of the reviewed errors in camera=B"
    )


def test_crossing_summary_and_numeric_bins_keep_dev_edges() -> None:
    report = compute_slices(make_frame(), by=["confusion", "brightness"], min_errors=1)
    edges = report.result("brightness").breakdown.edges
    errors = pd.DataFrame(
        {
            "label": ["8"] * 10 + ["3"] * 40,
            "prediction": ["1"] * 10 + ["5"] * 40,
            "brightness": [str(edges[0] - 1)] * 25 + [str(edges[-1] + 1)] * 25,
        }
    )
    ticks = pd.DataFrame({"blurry": [True] * 7 + [False] * 3 + [True] * 8 + [False] * 32})
    crossings = {c.value: c for c in cross_category(report, errors, ticks)}
    assert crossings["8 -> 1"].summary == (
        "blurry: 70.0% of the reviewed errors in 8 -> 1 (7 of 10) vs 20.0% elsewhere (8 of 40); "
        "within noise"
    )
    low_bin = f"brightness < {edges[0]:g}"
    assert (crossings[low_bin].reviewed, crossings[low_bin].ticked) == (25, 15)


def test_significance_rarely_fires_when_rates_are_equal() -> None:
    """Two halves with the same true error rate: 'significant' in well under 5% of dev sets.

    (Comparing the slice's interval with the point rate elsewhere would fire in
    about 15% of them, since that rate is an estimate too.)
    """
    rng = np.random.default_rng(11)
    fired = 0
    trials = 200
    for _ in range(trials):
        wrong = rng.uniform(size=400) < 0.15
        frame = pd.DataFrame(
            {
                "label": ["a"] * 400,
                "prediction": np.where(wrong, "b", "a"),
                "half": ["x"] * 200 + ["y"] * 200,
            }
        )
        fired += any(
            s.significant for s in compute_slices(frame, by=["half"]).result("half").slices
        )
    assert fired <= 0.05 * trials
