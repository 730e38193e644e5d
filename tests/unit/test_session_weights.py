"""Weights in a session (METHOD.md §6): rules kept in the session, the weighted tally, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from erroranalysis.cli import main
from erroranalysis.core.errors import UserError
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.session_weights import (
    WeightedTally,
    session_weights,
    set_weight_rules,
    weight_rule_texts,
    weighted_split_rates,
    weighted_tally,
)
from erroranalysis.core.sources import SourceOptions, create_session
from tests.unit.conftest import write_predictions


def _course_rows() -> list[tuple]:
    """METHOD.md §6's example: 100 dev examples, 10 pornographic; the model lets 2 of them
    through and makes 3 other errors (5% unweighted, (2*10 + 3) / (90 + 10*10) weighted)."""
    rows = []
    for i in range(100):
        label = "porn" if i < 10 else ("cat" if i % 2 else "dog")
        prediction = label
        if i in (0, 1):
            prediction = "cat"
        if i in (50, 60, 70):
            prediction = "dog" if label == "cat" else "cat"
        rows.append((f"e{i}", f"img/e{i}.png", label, prediction, "0.9", "dev"))
    for i in range(10):  # a training split: 1 error on a porn row, 1 on a cat
        label = "porn" if i < 2 else "cat"
        rows.append((f"t{i}", f"img/t{i}.png", label, "dog" if i in (0, 5) else label, "", "train"))
    return rows


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return write_predictions(tmp_path / "data", _course_rows())


def _session(csv: Path, tmp_path: Path, **options) -> ReviewSession:
    from erroranalysis.core.categories import categories_from_option

    categories = tuple(categories_from_option("porn let through,blurry,incorrect label"))
    return create_session(
        csv, tmp_path / "s.easession", SourceOptions(categories=categories, **options)
    )


def _review_all(session: ReviewSession) -> None:
    porn, blurry, label = (c.id for c in session.categories())
    for item_id in session.item_ids():
        item = session.item(item_id)
        if item.label == "porn":
            session.set_tick(item_id, porn, True)
        if item.key == "e70":
            session.set_tick(item_id, blurry, True)
        if item.key == "e50":
            session.set_tick(item_id, label, True)
        session.set_reviewed([item_id], True)


def test_course_example_weighted_tally(course: Path, tmp_path: Path) -> None:
    session = _session(course, tmp_path, weight_rules=("label=porn:10",))
    assert weight_rule_texts(session) == ["label=porn:10"]
    weights = session_weights(session)
    assert weights is not None
    assert weights.dev_error == pytest.approx(23 / 190)
    assert weights.unweighted_dev_error == pytest.approx(0.05)
    # Training: rows of weight 10, 10, 1 x 8; errors on a porn row and a cat row.
    assert weighted_split_rates(session) == {
        "train": pytest.approx(11 / 28),
        "dev": pytest.approx(23 / 190),
    }
    _review_all(session)
    tally = weighted_tally(session)
    assert isinstance(tally, WeightedTally)
    assert tally.dev_error == pytest.approx(23 / 190)
    rows = tally.table.set_index("name")
    # Every error reviewed: the intervals are the points.
    assert rows.loc["porn let through", "share"] == pytest.approx(20 / 23)
    assert rows.loc["porn let through", "share_low"] == pytest.approx(20 / 23)
    assert rows.loc["porn let through", "share_high"] == pytest.approx(20 / 23)
    assert rows.loc["porn let through", "max_gain"] == pytest.approx(20 / 190)
    assert rows.loc["porn let through", "ceiling_error"] == pytest.approx(3 / 190)
    assert rows.loc["blurry", "share"] == pytest.approx(1 / 23)
    assert rows.loc["blurry", "count"] == 1 and rows.loc["blurry", "weight"] == 1.0
    split = tally.label_split
    assert split is not None and split.count == 1
    assert split.due_to_labels == pytest.approx(1 / 190)
    assert split.other_causes == pytest.approx(22 / 190)
    assert tally.ranking is None  # the ranking verdict is about counts
    data = tally.to_json_dict()
    assert data["weighted"] is True and data["weights"] == ["label=porn:10"]
    assert data["dev_error"] == pytest.approx(23 / 190)
    assert data["unweighted_dev_error"] == pytest.approx(0.05)
    assert "stratified exact" in data["interval_method"]
    # The unweighted tally is still there: 2 of 5.
    assert session.tally().table.set_index("name").loc["porn let through", "share"] == 0.4
    session.close()


def test_a_common_weight_is_the_unweighted_tally(tmp_path: Path) -> None:
    # A weight column of 3 everywhere: the same shares and exact intervals as unweighted.
    rows = [
        (f"d{i}", f"img/d{i}.png", "cat", "dog" if i < 40 else "cat", "3", "dev")
        for i in range(200)
    ]
    csv = write_predictions(tmp_path / "data", rows, header="id,image,label,prediction,w,split")
    session = create_session(csv, tmp_path / "w.easession", SourceOptions(sample=25))
    dog, _cat, blurry = (c.id for c in session.categories()[:3])
    ids = session.item_ids()
    for i, item_id in enumerate(ids):
        if i % 3 == 0:
            session.set_tick(item_id, blurry, True)
        if i % 5 == 0:
            session.set_tick(item_id, dog, True)
        session.set_reviewed([item_id], True)
    session.set_reviewed([ids[-1]], False)  # 24 of 40 reviewed
    weighted = weighted_tally(session)
    plain = session.tally()
    assert weighted is not None and weighted.weights == ["column 'w'"]
    for column in ("count", "share", "share_low", "share_high", "max_gain", "ceiling_error"):
        np.testing.assert_allclose(
            weighted.table[column].to_numpy(dtype=float),
            plain.table[column].to_numpy(dtype=float),
            err_msg=column,
        )
    assert weighted.dev_error == pytest.approx(plain.dev_error)
    session.close()


def test_skipped_errors_are_in_no_denominator(course: Path, tmp_path: Path) -> None:
    from erroranalysis.core.session import SKIPPED

    session = _session(course, tmp_path, weight_rules=("label=porn:10",))
    _review_all(session)
    skipped = next(i for i in session.item_ids() if session.item(i).key == "e0")
    session.set_review_state([skipped], SKIPPED)
    tally = weighted_tally(session)
    assert tally is not None and tally.reviewed == 4 and tally.skipped == 1
    porn = tally.table.set_index("name").loc["porn let through"]
    # 10 of the 13 reviewed weight; everything that can be judged was judged: a point.
    assert porn.share == pytest.approx(10 / 13)
    assert (porn.share_low, porn.share_high) == (pytest.approx(10 / 13), pytest.approx(10 / 13))
    assert tally.dev_error == pytest.approx(23 / 190)  # the dev error keeps every error
    session.close()


def test_rules_are_checked_edited_and_cleared(course: Path, tmp_path: Path) -> None:
    session = _session(course, tmp_path)
    assert session_weights(session) is None and weighted_tally(session) is None
    with pytest.raises(UserError, match=r"no row .* has label = 'prn'"):
        set_weight_rules(session, ["label=prn:10"])
    with pytest.raises(UserError, match="no column 'colour'"):
        set_weight_rules(session, ["colour=red:2"])
    with pytest.raises(UserError, match="COLUMN=VALUE:WEIGHT"):
        set_weight_rules(session, ["porn"])
    assert weight_rule_texts(session) == []  # nothing stored by a refused edit
    set_weight_rules(session, ["label=porn:10"])
    assert session_weights(session).dev_error == pytest.approx(23 / 190)
    set_weight_rules(session, ["label=porn:10", "prediction=cat:2"])  # later rules win
    # Predicted cat: the 45 cat rows and the 5 errors (e0, e1 porn -> cat; e50, e60, e70
    # dog -> cat), weight 2 each; the other 8 porn rows 10; the 42 right dog rows 1.
    weights = session_weights(session)
    expected = (5 * 2) / (50 * 2 + 8 * 10 + 42)
    assert weights.dev_error == pytest.approx(expected)
    set_weight_rules(session, [])
    assert session_weights(session) is None
    session.close()


def test_folder_session_has_nothing_to_weigh(tmp_path: Path) -> None:
    folder = tmp_path / "imgs"
    folder.mkdir()
    from PIL import Image

    Image.new("RGB", (4, 4)).save(folder / "a.png")
    with pytest.raises(UserError, match="folder of images"):
        create_session(folder, tmp_path / "f.easession", SourceOptions(weight_rules=("a=b:2",)))


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_new_weight_tally_and_weights(
    course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "c.easession"
    code, _out, err = _cli(
        capsys, "new", str(course), "-o", str(out_path), "--weight", "label=prn:10"
    )
    assert code == 2 and "no row" in err and not out_path.exists()
    code, _out, _err = _cli(
        capsys,
        "new",
        str(course),
        "-o",
        str(out_path),
        "--weight",
        "label=porn:10",
        "--categories",
        "porn let through,blurry",
    )
    assert code == 0
    code, out, _err = _cli(capsys, "weights", str(out_path))
    assert code == 0 and "label=porn:10" in out and "12.11%" in out and "5.00%" in out
    code, out, _err = _cli(capsys, "tally", str(out_path))
    assert code == 0 and out.startswith("Weighted dev error 12.11% (unweighted 5.00%")
    assert "weighted share" in out and "stratified exact" in out
    code, out, _err = _cli(capsys, "tally", str(out_path), "--unweighted")
    assert out.startswith("Dev error 5.00%")
    code, _out, err = _cli(capsys, "tally", str(out_path), "--interval", "wilson-fpc")
    assert code == 2 and "--unweighted" in err
    code, out, _err = _cli(capsys, "weights", str(out_path), "--clear", "--format", "json")
    assert code == 0 and json.loads(out)["weighted"] is False
    code, out, _err = _cli(
        capsys, "weights", str(out_path), "--rule", "label=porn:5", "--format", "json"
    )
    data = json.loads(out)
    assert data["rules"] == ["label=porn:5"]
    assert data["dev_error"] == pytest.approx((5 * 2 + 3) / (50 + 90))
    code, _out, err = _cli(capsys, "weights", str(out_path), "--rule", "split=val:x")
    assert code == 2 and "not a number" in err


def test_cli_tally_tables_of_a_weighted_session_are_weighted(
    course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``export --tally`` writes what ``tally`` and the app show: shares of the weighted
    dev error, with a ``weight`` column saying so; ``--unweighted`` the counts."""
    import pandas as pd

    session = _session(course, tmp_path, weight_rules=("label=porn:10",))
    _review_all(session)
    path = session.path
    session.close()
    code, _out, err = _cli(capsys, "export", str(path), "--tally", str(tmp_path / "w.csv"))
    assert code == 0 and "weighted (label=porn:10)" in err + _out
    weighted = pd.read_csv(tmp_path / "w.csv")
    assert list(weighted.columns[:5]) == ["name", "kind", "count", "weight", "share"]
    porn = weighted.set_index("name").loc["porn let through"]
    assert (porn["count"], porn["weight"]) == (2, 20)
    assert porn["share"] == pytest.approx(20 / 23)
    assert porn["max_gain"] == pytest.approx(20 / 190)
    assert porn["ceiling_error"] == pytest.approx(3 / 190)
    code, out, _err = _cli(capsys, "tally", str(path), "--format", "csv")
    assert code == 0
    assert out.replace("\r\n", "\n") == (tmp_path / "w.csv").read_text("utf-8-sig").replace(
        "\r\n", "\n"
    )
    code, _out, _err = _cli(
        capsys, "export", str(path), "--tally", str(tmp_path / "u.csv"), "--unweighted"
    )
    assert code == 0
    plain = pd.read_csv(tmp_path / "u.csv")
    assert "weight" not in plain.columns
    assert plain.set_index("name").loc["porn let through", "share"] == pytest.approx(0.4)


def test_cli_diagnose_uses_weighted_rates(
    course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session_path = tmp_path / "d.easession"
    _cli(capsys, "new", str(course), "-o", str(session_path), "--weight", "label=porn:10")
    code, out, _err = _cli(capsys, "diagnose", str(session_path), "--human", "0%")
    assert code == 0
    # Train 11/28 = 39.29% and dev 23/190 = 12.11%, both weighted.
    assert "39.29%" in out and "12.11%" in out and "weighted (label=porn:10)" in out
    code, out, _err = _cli(
        capsys, "diagnose", str(session_path), "--unweighted", "--format", "json"
    )
    assert json.loads(out)["dev"] == pytest.approx(0.05)
    code, out, _err = _cli(capsys, "diagnose", str(course), "--weight", "label=porn:10")
    assert code == 0 and "12.11%   (5 of 100 dev rows, weighted)" in out
    code, _out, err = _cli(capsys, "diagnose", str(session_path), "--weight", "label=porn:2")
    assert code == 2 and "weights SESSION --rule" in err


def test_report_of_a_weighted_session_is_weighted(course: Path, tmp_path: Path) -> None:
    from erroranalysis.core.team_report import collect_report, render_html, render_markdown

    session = _session(course, tmp_path, weight_rules=("label=porn:10",))
    _review_all(session)
    data = collect_report(session, thumbnails=0, generated_at="2026-01-01 00:00")
    text = render_markdown(data)
    assert "**Weighted dev error 12.11%: 5 of 100 dev examples misclassified**" in text
    assert "| Category | Ticked | Weighted share | 95% interval |" in text
    assert "| porn let through | 2 | 87.0% | 87.0–87.0% | **10.53%** |" in text
    assert "Weighted (label=porn:10)" in text and "unweighted dev error 5.00%" in text
    assert "the tally is weighted; the ranking verdict counts errors" in text
    assert data.diagnosis.dev == pytest.approx(23 / 190)
    page = render_html(data)
    assert 'Weighted dev error <span class="rate">12.11%</span>' in page
    assert "Max gain by category (weighted)" in page
    # Without the rules: the plain report, as before.
    set_weight_rules(session, [])
    plain = render_markdown(collect_report(session, thumbnails=0))
    assert "**Dev error 5.00%: 5 of 100 dev examples**" in plain and "Weighted" not in plain
    session.close()


def test_cli_metrics_and_slices_say_they_are_unweighted(
    course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Their numbers count examples: in a weighted session a note on stderr says so (and
    nothing in an unweighted one), so stdout's table or JSON stays as it is."""
    session = _session(course, tmp_path, weight_rules=("label=porn:10",))
    path = session.path
    session.close()
    for command in (["metrics", str(path)], ["slices", str(path)],
                    ["metrics", str(path), "--format", "json"]):
        code, out, err = _cli(capsys, *command)
        assert code == 0 and out
        assert "note: the session is weighted (label=porn:10)" in err, command
        assert "count every example once" in err
    code, out, _err = _cli(capsys, "metrics", str(path), "--format", "json")
    assert json.loads(out)["accuracy"] == pytest.approx(0.95)
    code, _out, _err = _cli(capsys, "weights", str(path), "--clear")
    code, _out, err = _cli(capsys, "metrics", str(path))
    assert code == 0 and "weighted" not in err
