"""Choosing a model (METHOD.md §7): the course example, the resolution of a lead, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from erroranalysis.cli import main
from erroranalysis.core.choose import (
    _clopper_pearson,
    choose_model,
    metric_direction,
    newcombe_difference_interval,
    paired_resolution,
    parse_constraint,
    read_candidates,
    unpaired_resolution,
)
from erroranalysis.core.errors import UserError
from tests.unit.test_cli_analysis import assert_one_line_error, write_csv

stats = pytest.importorskip("scipy.stats")


@pytest.fixture
def course_runs(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "runs.csv",
        ["model", "accuracy", "running time (ms)", "notes"],
        [["A", "90%", "80", "baseline"], ["B", "92%", "95", "wider"], ["C", "95%", "1500", "x"]],
    )


# --- the course example -----------------------------------------------------------------


def test_course_example_b_wins(course_runs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["choose", str(course_runs), "--optimize", "accuracy"]
    assert main([*args, "--satisfice", "running_time_ms<=100", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["winner"] == "B" and data["runner_up"] == "A"
    assert data["lead"] == 0.02
    assert data["optimize"] == {"metric": "accuracy", "direction": "max"}
    models = {m["name"]: m for m in data["models"]}
    assert [m["name"] for m in data["models"]] == ["B", "A", "C"]
    assert models["C"]["rank"] is None and models["C"]["meets_constraints"] is False
    assert models["C"]["missed"] == ["running_time_ms<=100 (is 1500)"]
    assert models["A"]["metrics"] == {"accuracy": 0.9, "running_time_ms": 80.0}  # notes: text
    assert data["resolution"]["method"] is None  # no dev size: it cannot tell
    assert "cannot tell" in data["resolution"]["verdict"]
    assert set(data) == {
        "source", "optimize", "constraints", "models", "winner", "runner_up", "lead",
        "resolution", "notes", "verdict",
    }  # fmt: skip

    assert main([*args, "--satisfice", "running time (ms) <= 100"]) == 0
    out = capsys.readouterr().out
    assert "B wins: 2 points higher accuracy than A" in out
    assert "<- winner" in out and "C misses running time (ms) <= 100 (is 1500)" in out


def test_no_model_meets_the_constraints(
    course_runs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["choose", str(course_runs), "--optimize", "accuracy", "--satisfice",
                 "running_time_ms<=50", "--format", "json"])  # fmt: skip
    assert code == 1
    data = json.loads(capsys.readouterr().out)
    assert data["winner"] is None
    # Nearest miss first: A at 80 ms is closer to 50 ms than B at 95 and C at 1,500.
    assert [m["name"] for m in data["models"]] == ["A", "B", "C"]
    assert "No model meets every constraint. Nearest: A" in data["verdict"]


def test_minimize_and_direction_by_name(course_runs: Path, capsys) -> None:
    assert main(["choose", str(course_runs), "--optimize", "running_time_ms"]) == 0
    assert "A wins: 15 lower running_time_ms than B" in capsys.readouterr().out
    assert main(["choose", str(course_runs), "--optimize", "accuracy", "--minimize"]) == 0
    assert "A wins" in capsys.readouterr().out
    assert metric_direction("macro_f1") == "max" and metric_direction("size_mb") == "min"
    with pytest.raises(UserError, match="--maximize or --minimize"):
        metric_direction("throughput")


def test_f1_from_precision_and_recall(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "runs.csv",
        ["name", "Precision", "Recall"],
        [["A", "95", "90"], ["B", "98", "85"]],
    )
    from erroranalysis.core.predictions import read_table

    raw, _ = read_table(path)
    table, notes = read_candidates(raw, str(path))
    assert table["precision"].tolist() == [0.95, 0.98]  # 0-100 read as percentages
    assert table["f1"].to_numpy() == pytest.approx([2 * 0.95 * 0.9 / 1.85, 2 * 0.98 * 0.85 / 1.83])
    assert any("2PR/(P+R)" in n for n in notes)
    choice = choose_model(table, "f1", [], "max")
    assert choice.winner == "A"  # the course: A has the better F1 (92.4% vs 91.0%)


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["--satisfice", "latency_ms<<100"], ("--satisfice 'latency_ms<<100'",)),
        (["--satisfice", "latency_ms<=fast"], ("'fast' is not a number",)),
        (["--satisfice", "memory_gb<=2"], ("no metric column 'memory_gb'", "accuracy")),
        (["--optimize", "speed"], ("--optimize speed", "--maximize or --minimize")),
        (["--satisfice", "notes<=2"], ("line 2", "'baseline' in column 'notes'")),
        (["--dev-size", "0"], ("--dev-size",)),
        (["--model", "B"], ("--model 'B'", "NAME=FILE")),
    ],
)
def test_user_errors_are_one_line(course_runs: Path, capsys, args, needles) -> None:
    base = ["choose", str(course_runs), "--optimize", "accuracy"]
    if args[0] == "--optimize":
        base = base[:2]
    assert_one_line_error(capsys, main([*base, *args]), *needles)


def test_constraint_parsing() -> None:
    c = parse_constraint(" Size (MB) >= 5% ")
    assert (c.metric, c.op, c.threshold) == ("size_mb", ">=", 0.05)
    assert parse_constraint("fp_per_day=1").op == "=="
    assert list(parse_constraint("x<2").holds(np.array([1, 2, np.nan]))) == [True, False, False]


# --- the resolution of a lead -----------------------------------------------------------


def test_newcombe_reference_value() -> None:
    # Newcombe (1998), Statistics in Medicine 17:873, example (a): 56/70 - 48/80,
    # method 10 (hybrid score): 0.0524 to 0.3339.
    low, high = newcombe_difference_interval(56, 70, 48, 80)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)


def test_method_7_two_models_unpaired_cannot_be_told_apart() -> None:
    # 2.1% vs 1.9% error on 10,000 examples: 20 examples apart.
    resolution = unpaired_resolution(0.019, 0.021, 10_000)
    assert resolution.lead == pytest.approx(0.002)
    assert resolution.low < 0 < resolution.high
    assert resolution.resolved is False
    assert "cannot be told apart" in resolution.verdict
    assert "20 of 10000" in resolution.verdict


def test_method_7_paired_depends_on_the_discordance() -> None:
    # Same 2.1% vs 1.9%; when B is right on 20 examples A gets wrong and they
    # agree on everything else, the paired test resolves it...
    sharp = paired_resolution(20, 0, 10_000)
    assert sharp.resolved is True and sharp.low > 0
    assert sharp.p_value == pytest.approx(stats.binomtest(0, 20, 0.5).pvalue)
    # ... but with 100 vs 80 discordant examples (the same 20 net) it does not.
    loose = paired_resolution(100, 80, 10_000)
    assert loose.lead == pytest.approx(0.002)
    assert loose.resolved is False and loose.low < 0 < loose.high
    assert loose.p_value == pytest.approx(stats.binomtest(80, 180, 0.5).pvalue)
    low, high = stats.binomtest(100, 180).proportion_ci(method="exact")
    assert loose.low == pytest.approx((2 * low - 1) * 180 / 10_000, abs=1e-9)
    assert loose.high == pytest.approx((2 * high - 1) * 180 / 10_000, abs=1e-9)


@pytest.mark.parametrize(("x", "m"), [(0, 10), (10, 10), (3, 17), (100, 180), (1, 1000)])
def test_clopper_pearson_matches_scipy(x: int, m: int) -> None:
    expected = stats.binomtest(x, m).proportion_ci(method="exact")
    assert _clopper_pearson(x, m) == pytest.approx((expected.low, expected.high), abs=1e-9)


def test_table_with_dev_size_resolves_a_large_lead(course_runs: Path, capsys) -> None:
    args = ["choose", str(course_runs), "--optimize", "accuracy", "--format", "json"]
    assert main([*args, "--satisfice", "running_time_ms<=100", "--dev-size", "20000"]) == 0
    resolution = json.loads(capsys.readouterr().out)["resolution"]
    assert resolution["method"] == "unpaired_newcombe" and resolution["resolved"] is True
    low, high = newcombe_difference_interval(0.92 * 20000, 20000, 0.90 * 20000, 20000)
    assert (resolution["low"], resolution["high"]) == (pytest.approx(low), pytest.approx(high))


# --- predictions files ------------------------------------------------------------------


def _predictions(path: Path, wrong: set[int], size: int = 200) -> Path:
    rows = []
    for i in range(size):
        label = ["cat", "dog", "porn"][i % 3]
        prediction = ("dog" if label != "dog" else "cat") if i in wrong else label
        rows.append([f"ex{i}", f"img/{i}.png", label, prediction])
    return write_csv(path, ["id", "image", "label", "prediction"], rows)


def test_models_from_predictions_paired(tmp_path: Path, capsys) -> None:
    a = _predictions(tmp_path / "a.csv", set(range(0, 40)))  # 80% accuracy
    b = _predictions(tmp_path / "b.csv", set(range(30, 50)))  # 90%
    latency = write_csv(tmp_path / "lat.csv", ["name", "latency_ms"], [["A", "20"], ["B", "40"]])
    code = main(["choose", str(latency), "--model", f"A={a}", "--model", f"B={b}",
                 "--optimize", "accuracy", "--satisfice", "latency_ms<=50",
                 "--format", "json"])  # fmt: skip
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"] == "predictions+table" and data["winner"] == "B"
    metrics = {m["name"]: m["metrics"] for m in data["models"]}
    assert metrics["B"]["accuracy"] == 0.9 and metrics["B"]["error"] == pytest.approx(0.1)
    assert metrics["B"]["latency_ms"] == 40
    assert set(metrics["A"]) == {"accuracy", "error", "precision", "recall", "f1", "latency_ms"}
    resolution = data["resolution"]
    # B right and A wrong on ex0-ex29 (30), A right and B wrong on ex40-ex49 (10).
    assert (resolution["winner_only"], resolution["runner_up_only"]) == (30, 10)
    assert resolution["method"] == "paired_exact"
    assert resolution["p_value"] == pytest.approx(stats.binomtest(10, 40, 0.5).pvalue)
    assert resolution["resolved"] is True


def test_predictions_metrics_match_compute_metrics(tmp_path: Path, capsys) -> None:
    from erroranalysis.core.metrics import compute_metrics
    from erroranalysis.core.predictions import load_predictions

    a = _predictions(tmp_path / "a.csv", {1, 2, 5, 7, 11})
    assert main(["choose", "--model", f"A={a}", "--optimize", "f1", "--format", "json"]) == 0
    model = json.loads(capsys.readouterr().out)["models"][0]
    dev = load_predictions(a).dev
    expected = compute_metrics(dev["label"], dev["prediction"])
    assert model["metrics"]["f1"] == pytest.approx(expected.macro.f1)
    assert model["metrics"]["precision"] == pytest.approx(expected.macro.precision)


def test_weighted_error_with_weights(tmp_path: Path, capsys) -> None:
    a = _predictions(tmp_path / "a.csv", {2, 5})  # porn (i % 3 == 2) let through on ex2, ex5
    b = _predictions(tmp_path / "b.csv", {0, 1, 3, 4})  # four cheap errors
    code = main(["choose", "--model", f"A={a}", "--model", f"B={b}", "--weight",
                 "label=porn:10", "--optimize", "weighted_error", "--format", "json"])  # fmt: skip
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["winner"] == "B"  # fewer weighted errors though more errors
    metrics = {m["name"]: m["metrics"] for m in data["models"]}
    total = 134 * 1 + 66 * 10
    assert metrics["A"]["weighted_error"] == pytest.approx(20 / total)
    assert metrics["B"]["error"] > metrics["A"]["error"]


def test_models_on_different_dev_sets_are_refused(tmp_path: Path, capsys) -> None:
    a = _predictions(tmp_path / "a.csv", {1}, size=10)
    b = _predictions(tmp_path / "b.csv", {1}, size=9)
    code = main(["choose", "--model", f"A={a}", "--model", f"B={b}", "--optimize", "accuracy"])
    assert_one_line_error(capsys, code, "different dev examples")


def test_table_must_name_every_model(tmp_path: Path, capsys) -> None:
    a = _predictions(tmp_path / "a.csv", {1})
    table = write_csv(tmp_path / "t.csv", ["name", "size_mb"], [["Z", "3"]])
    code = main(["choose", str(table), "--model", f"A={a}", "--optimize", "accuracy"])
    assert_one_line_error(capsys, code, "no row for model 'A'")


def test_choose_model_core_api() -> None:
    table = pd.DataFrame(
        {"accuracy": [0.9, 0.92, 0.95], "latency_ms": [80, 95, 1500]}, index=["A", "B", "C"]
    )
    choice = choose_model(table, "accuracy", [parse_constraint("latency_ms<=100")], "max")
    assert (choice.winner, choice.runner_up, choice.lead) == ("B", "A", pytest.approx(0.02))
    assert [c.rank for c in choice.candidates] == [1, 2, None]
