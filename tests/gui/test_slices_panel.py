"""The Slices tab of the Analysis dock (issue 14): its numbers against pandas group-bys."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from erroranalysis.core.categories import Category
from erroranalysis.core.rates import format_percent
from erroranalysis.core.sources import SourceOptions, create_session
from erroranalysis.gui.analysis.slices_panel import SlicesPanel

ROWS = 600


def predictions(seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    camera = rng.choice(["A", "B", "C"], size=ROWS, p=[0.5, 0.3, 0.2])
    label = rng.choice(["1", "7", "8"], size=ROWS)
    # Camera B is worse: 30% errors against 8% elsewhere.
    wrong = rng.random(ROWS) < np.where(camera == "B", 0.30, 0.08)
    prediction = np.where(wrong, np.where(label == "8", "1", "8"), label)
    return pd.DataFrame(
        {
            "key": [f"k{i}" for i in range(ROWS)],
            "image": [f"{i}.png" for i in range(ROWS)],
            "label": label,
            "prediction": prediction,
            "split": "dev",
            "camera": camera,
        }
    )


@pytest.fixture
def session(tmp_path):
    path = tmp_path / "p.csv"
    predictions().to_csv(path, index=False)
    options = SourceOptions(categories=(Category("blurry", shortcut="1"),))
    s = create_session(path, tmp_path / "s.easession", options)
    yield s
    s.close()


@pytest.fixture
def panel(qtbot, parts):
    session, signals, _undo = parts
    widget = SlicesPanel(session, signals)
    qtbot.addWidget(widget)
    widget.resize(700, 900)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.results is not None and not widget.computing(), timeout=20000)
    yield widget
    widget.shutdown()


def table_rows(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_camera_slices_equal_a_pandas_group_by(qtbot, panel):
    frame = predictions()
    frame["error"] = frame["label"] != frame["prediction"]
    total_errors = int(frame["error"].sum())
    groups = frame.groupby("camera")["error"].agg(["sum", "count"])
    panel.breakdown_combo.setCurrentIndex(panel.breakdown_combo.findData("camera"))
    rows = {row[0].rstrip(" *"): row for row in table_rows(panel.table)}
    assert set(rows) == {"camera=A", "camera=B", "camera=C"}
    for camera, (errors, count) in groups.iterrows():
        row = rows[f"camera={camera}"]
        assert row[1] == f"{errors:,}"
        assert row[2] == f"{count:,}"
        assert row[3] == format_percent(errors / total_errors)
        assert row[4].startswith(format_percent(errors / count) + " [")
        elsewhere = (total_errors - errors) / (ROWS - count)
        assert row[5].startswith(format_percent(elsewhere) + " [")
        lift = (errors / count) / elsewhere
        assert row[6] == (f"{lift:.2g}×" if lift < 10 else f"{lift:.0f}×")
    assert rows["camera=B"][0].endswith("*")  # 30% vs 8%: significant
    assert "camera=B has" in panel.highlights.text()


def test_confusion_pairs_equal_a_pandas_group_by(qtbot, panel):
    frame = predictions()
    errors = frame[frame["label"] != frame["prediction"]]
    pairs = errors.groupby(["label", "prediction"]).size().sort_values(ascending=False)
    panel.breakdown_combo.setCurrentIndex(panel.breakdown_combo.findData("confusion"))
    rows = table_rows(panel.table)
    shown = {row[0]: int(row[1].replace(",", "")) for row in rows}
    expected = {f"{t} → {p}": int(n) for (t, p), n in pairs.items() if n >= 5}
    assert {k.replace("->", "→"): v for k, v in shown.items()} == expected
    for row in rows:
        assert row[2] == format_percent(int(row[1]) / len(errors))


def test_minimum_support_hides_small_slices(qtbot, panel):
    panel.min_errors.setValue(10_000)
    qtbot.waitUntil(
        lambda: panel.results.report.min_errors == 10_000 and not panel.computing(),
        timeout=20000,
    )
    panel.breakdown_combo.setCurrentIndex(panel.breakdown_combo.findData("camera"))
    assert panel.table.rowCount() == 0
    assert "hidden" in panel.table_note.text()


def test_a_ticked_category_crossed_with_the_slices(qtbot, panel, parts):
    from erroranalysis.gui.commands import SetTicksCommand, push_command

    session, _signals, undo = parts
    items = session.item_columns(["id", "label", "prediction"])
    blurry = session.categories()[0].id
    # Tick "blurry" on every 8 -> 1 error and on nothing else; review everything.
    ids = items["id"].tolist()
    is_pair = (items["label"] == "8") & (items["prediction"] == "1")
    push_command(
        undo,
        SetTicksCommand(session, [i for i, p in zip(ids, is_pair, strict=True) if p], blurry, True),
    )
    from erroranalysis.core.session import REVIEWED

    session.set_review_state(ids, REVIEWED)
    qtbot.waitUntil(lambda: bool(panel.results.crossings) and not panel.computing(), timeout=20000)
    rows = {row[0].rstrip(" *"): row for row in table_rows(panel.cross_table)}
    pair = next(k for k in rows if k.replace("->", "→") == "8 → 1")
    assert rows[pair][1] == f"{int(is_pair.sum()):,}"
    assert rows[pair][2] == f"{int(is_pair.sum()):,}"
    # Every reviewed 8 -> 1 error is ticked: 100%, and the exact (Clopper-Pearson) lower
    # bound of k = n is (alpha / 2) ** (1 / n).
    n = int(is_pair.sum())
    low = 100 * 0.025 ** (1 / n)
    assert rows[pair][3] == f"100.0% [{low:.1f}–100.0]"
    assert "blurry" in panel.cross_note.text()
