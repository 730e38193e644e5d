"""`tally` on the command line: how many dev errors, the interval method, the ranking line."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pytest

from erroranalysis.cli import build_parser, main
from erroranalysis.cli.session_cmds import INTERVAL_METHODS as CLI_METHODS
from erroranalysis.core import intervals
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.sources import SourceOptions, create_session


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse's own usage errors
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sample_sheet(tmp_path: Path) -> Path:
    """100 reviewed rows: a sample of the 500 dev errors of a 5,000-example dev set."""
    rng = np.random.default_rng(3)
    lines = ["id,blurry,great cat,reviewed"]
    blurry = rng.random(100) < 0.6
    cat = rng.random(100) < 0.4
    lines += [f"e{i},{int(b)},{int(c)},1" for i, (b, c) in enumerate(zip(blurry, cat, strict=True))]
    path = tmp_path / "review.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_no_help_prints_a_doubled_percent_sign() -> None:
    parser = build_parser()
    texts = [parser.format_help()]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            texts += [sub.format_help() for sub in action.choices.values()]
    assert len(texts) > 10
    for text in texts:
        assert "%%" not in text
    tally_help = next(t for t in texts if "usage: erroranalysis tally" in t)
    assert "95% interval" in tally_help and "--dev-errors" in tally_help


def test_cli_lists_the_core_interval_methods() -> None:
    assert CLI_METHODS == intervals.INTERVAL_METHODS


def test_a_sampled_sheet_with_the_number_of_dev_errors(sample_sheet: Path, capsys) -> None:
    """The issue: 100 reviewed rows of 500 errors, dev size 5,000 -> E = 10%, real intervals."""
    code, out, _ = run(
        capsys,
        "tally",
        str(sample_sheet),
        "--dev-errors",
        "500",
        "--dev-size",
        "5000",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["dev_error"] == 0.1 and data["dev_errors"] == 500 and data["reviewed"] == 100
    blurry = data["categories"][0]
    k = blurry["count"]
    low, high = intervals.share_interval(k, 100, 500)
    assert (blurry["share_low"], blurry["share_high"]) == (low, high)
    assert high - low > 0.1
    assert blurry["assessed"] == 100 and data["skipped"] == 0
    assert data["ranking"]["leader"] == "blurry"
    # The same with the rate: 10% of 5,000.
    code, same, _ = run(
        capsys,
        "tally",
        str(sample_sheet),
        "--dev-error",
        "10%",
        "--dev-size",
        "5000",
        "--format",
        "json",
    )
    assert code == 0 and json.loads(same) == data
    # --dev-errors alone: the intervals, no rates.
    data = json.loads(
        run(capsys, "tally", str(sample_sheet), "--dev-errors", "500", "--format", "json")[1]
    )
    assert data["dev_error"] is None and data["categories"][0]["share_low"] == low


def test_a_sheet_alone_has_clopper_pearson_intervals(sample_sheet: Path, capsys) -> None:
    _, out, _ = run(capsys, "tally", str(sample_sheet), "--format", "json")
    blurry = json.loads(out)["categories"][0]
    low, high = intervals.clopper_pearson_intervals(blurry["count"], 100)
    assert (blurry["share_low"], blurry["share_high"]) == pytest.approx((low[0], high[0]))
    _, out, _ = run(capsys, "tally", str(sample_sheet))
    assert "the number of dev errors is unknown" in out and "Clopper-Pearson" in out
    assert "Ranking: blurry leads great cat" in out


def test_dev_size_alone_says_what_it_assumes(sample_sheet: Path, capsys) -> None:
    code, out, err = run(capsys, "tally", str(sample_sheet), "--dev-size", "5000")
    assert code == 0 and "Dev error 2.00% (100 / 5000)" in out
    assert "assumes review.csv has a row for every dev error" in err


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--dev-error", "10%"], "--dev-error needs --dev-size"),
        (["--dev-errors", "500", "--dev-error", "0.1", "--dev-size", "9"], "not both"),
        (["--dev-errors", "50"], "100 error rows, but --dev-errors 50 means only 50"),
        (["--dev-errors", "500", "--dev-size", "400"], "--dev-size 400 is smaller"),
        (["--interval", "wald"], "invalid choice"),
    ],
)
def test_refused_combinations(sample_sheet: Path, capsys, flags: list[str], message: str) -> None:
    code, out, err = run(capsys, "tally", str(sample_sheet), *flags)
    assert code == 2 and out == "" and message in err and "Traceback" not in err


def test_predictions_and_dev_errors_are_refused(
    sample_sheet: Path, preds_csv: Path, capsys
) -> None:
    code, _, err = run(
        capsys, "tally", str(sample_sheet), "--predictions", str(preds_csv), "--dev-errors", "9"
    )
    assert code == 2 and "--predictions already gives the dev errors" in err


def test_wilson_fpc_on_request(sample_sheet: Path, capsys) -> None:
    data = json.loads(
        run(
            capsys,
            "tally",
            str(sample_sheet),
            "--dev-errors",
            "500",
            "--interval",
            "wilson-fpc",
            "--format",
            "json",
        )[1]
    )
    blurry = data["categories"][0]
    assert (blurry["share_low"], blurry["share_high"]) == pytest.approx(
        intervals.wilson_interval(blurry["count"], 100, 500), abs=1e-12
    )
    out = run(
        capsys, "tally", str(sample_sheet), "--dev-errors", "500", "--interval", "wilson-fpc"
    )[1]
    assert "Wilson with the finite-population correction" in out


def test_session_interval_setting_and_override(preds_csv: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "s.easession"
    with create_session(preds_csv, path, SourceOptions()) as session:
        ids = session.item_ids()
        blurry = session.categories()[2].id
        session.set_ticks(ids[:5], blurry, True)
        session.set_reviewed(ids[:8], True)
        session.set_meta("interval_method", "wilson-fpc")
    data = json.loads(run(capsys, "tally", str(path), "--format", "json")[1])
    row = next(c for c in data["categories"] if c["name"] == "blurry")
    assert (row["share_low"], row["share_high"]) == pytest.approx(
        intervals.wilson_interval(5, 8, 10), abs=1e-12
    )
    data = json.loads(run(capsys, "tally", str(path), "--interval", "exact", "--format", "json")[1])
    row = next(c for c in data["categories"] if c["name"] == "blurry")
    assert (row["share_low"], row["share_high"]) == intervals.share_interval(5, 8, 10)
    assert data["ranking"]["leader"] == "blurry"
    code, _, err = run(capsys, "tally", str(path), "--dev-errors", "10")
    assert code == 2 and "knows its dev errors" in err
    with ReviewSession.open(path) as session:
        assert session.meta("interval_method") == "wilson-fpc"  # the override is not stored
