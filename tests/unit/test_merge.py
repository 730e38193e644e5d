"""Issue 12: three reviewers' sessions merged; every number checked by hand.

Six dev errors e0..e5. Ana and Ben have categories dog and blurry; Cai has dog
and night (no blurry). Ana reviews all six; Ben reviews e0-e4 (e5 left);
Cai reviews all but skips e4.

    dog:     e0 A1 B1 C1   e1 A1 B1 C0   e2 A1 B0 C1   e3 all 0   e4 A0 B0 (C skipped)  e5 A0 C0
    blurry:  e0 A1 B1      e3 A0 B1      elsewhere 0 (Cai never assessed it)
    night:   e5 C1         e0-e3 C0      e4 nobody
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from erroranalysis.cli import main
from erroranalysis.core.agreement import compute_agreement
from erroranalysis.core.categories import Category
from erroranalysis.core.merge import (
    MAJORITY,
    disputed_items,
    merge_sessions,
    merged_ratings,
    tally_by,
)
from erroranalysis.core.session import REVIEWED, SKIPPED, ReviewSession
from erroranalysis.core.spreadsheet import export_session, import_spreadsheet

KEYS = [f"e{i}" for i in range(6)]


def _session(path: Path, reviewer: str, names: list[str], ticks: dict[str, list[str]],
             reviewed: list[str], skipped: list[str] = ()) -> Path:
    items = pd.DataFrame({"key": KEYS, "image": [f"img/{k}.png" for k in KEYS],
                          "label": "cat", "prediction": "dog", "score": 0.9, "split": "dev"})
    s = ReviewSession.create(path, items, [Category(n) for n in names], dev_size=60,
                             dev_errors=6)
    s.set_reviewer(reviewer)
    ids = dict(zip(KEYS, s.item_ids(), strict=True))
    s.set_review_state([ids[k] for k in reviewed], REVIEWED)
    s.set_review_state([ids[k] for k in skipped], SKIPPED)
    for name, keys in ticks.items():
        s.set_ticks([ids[k] for k in keys], s.category_by_name(name).id, True)
    if reviewer == "Ana":
        s.set_comment(ids["e1"], "looks like a fox")
    s.close()
    return path


@pytest.fixture
def merged(tmp_path: Path, location_for):
    """Three reviewers' files merged into a team session (a file, or on the server)."""
    ana = _session(tmp_path / "ana.easession", "Ana", ["dog", "blurry"],
                   {"dog": ["e0", "e1", "e2"], "blurry": ["e0"]}, KEYS)
    ben = _session(tmp_path / "ben.easession", "Ben", ["dog", "blurry"],
                   {"dog": ["e0", "e1"], "blurry": ["e0", "e3"]}, KEYS[:5])
    cai = _session(tmp_path / "cai.easession", "Cai", ["dog", "night"],
                   {"dog": ["e0", "e2"], "night": ["e5"]}, ["e0", "e1", "e2", "e3", "e5"],
                   ["e4"])
    sessions = [ReviewSession.open(p, read_only=True) for p in (ana, ben, cai)]
    session, report = merge_sessions(sessions, location_for("team"))
    for s in sessions:
        s.close()
    yield session, report
    session.close()


def _row(tally, name):
    return tally.table.set_index("name").loc[name]


def test_agreed_answers_disputes_and_report(merged):
    session, report = merged
    assert report.reviewers == ["Ana", "Ben", "Cai"]
    assert (report.items, report.categories) == (6, 3)
    assert (report.disputed_items, report.disputed_cells) == (3, 3)
    assert report.match.partial_categories == ["blurry", "night"]
    tally = session.tally()
    assert tally.reviewed == 6 and tally.skipped == 0
    assert (_row(tally, "dog")["count"], _row(tally, "dog")["assessed"]) == (1, 4)
    assert (_row(tally, "blurry")["count"], _row(tally, "blurry")["assessed"]) == (1, 5)
    assert (_row(tally, "night")["count"], _row(tally, "night")["assessed"]) == (1, 5)
    ids = dict(zip(KEYS, session.item_ids(), strict=True))
    assert disputed_items(session) == [ids["e1"], ids["e2"], ids["e3"]]
    assert session.item(ids["e1"]).comment == "looks like a fox"


def test_each_reviewer_and_the_majority(merged):
    session, _report = merged
    ben = tally_by(session, "Ben")
    assert ben.reviewed == 5
    assert (_row(ben, "dog")["count"], _row(ben, "blurry")["count"]) == (2, 2)
    assert _row(ben, "night")["assessed"] == 0  # not in Ben's session: not assessed
    cai = tally_by(session, "Cai")
    assert (cai.reviewed, cai.skipped) == (5, 1)
    majority = tally_by(session, MAJORITY)
    assert (_row(majority, "dog")["count"], _row(majority, "dog")["assessed"]) == (3, 6)
    # blurry on e3 is a tie (Ana no, Ben yes): out of the n.
    assert (_row(majority, "blurry")["count"], _row(majority, "blurry")["assessed"]) == (1, 5)
    with pytest.raises(Exception, match="no reviewer 'Dan'"):
        tally_by(session, "Dan")


def test_agreement_of_the_merged_session_equals_the_separate_files(merged, tmp_path, capsys):
    session, _report = merged
    together = compute_agreement(merged_ratings(session)).to_json_dict()
    paths = [str(tmp_path / f"{n}.easession") for n in ("ana", "ben", "cai")]
    assert main(["agreement", *paths, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == together
    # dog: e0-e3 and e5 assessed by... every reviewer only on e0-e3: 4 items, 2 agree.
    dog = next(c for c in together["categories"] if c["name"] == "dog")
    assert (dog["items"], dog["agreement"]) == (4, 0.5)


def test_resolving_a_dispute_takes_it_out_of_the_queue(merged):
    session, _report = merged
    ids = dict(zip(KEYS, session.item_ids(), strict=True))
    dog = session.category_by_name("dog").id
    session.set_ticks([ids["e1"]], dog, True)  # resolved: yes
    session.set_assessed([ids["e2"]], dog)  # resolved: no
    assert disputed_items(session) == [ids["e3"]]
    row = _row(session.tally(), "dog")
    assert (row["count"], row["assessed"]) == (2, 6)


def test_merged_sheet_has_each_reviewers_columns_and_round_trips(merged, tmp_path):
    session, _report = merged
    sheet = tmp_path / "team.csv"
    export_session(session, sheet)
    first = sheet.read_bytes()
    header = first.decode("utf-8-sig").splitlines()[0].split(",")
    assert "reviewer:Ana:dog" in header and "reviewer:Cai:night" in header
    report = import_spreadsheet(session, sheet)
    assert report.changed == 0 and report.unknown_columns == []
    export_session(session, sheet)
    assert sheet.read_bytes() == first
    assert main(["tally", str(sheet), "--format", "json"]) == 0


def test_merge_cli(tmp_path, capsys, merged):
    paths = [str(tmp_path / f"{n}.easession") for n in ("ana", "ben", "cai")]
    assert main(["merge", *paths, "-o", str(tmp_path / "again.easession")]) == 0
    out = capsys.readouterr()
    assert "3 items (3 item-category cells) disagree" in out.out
    assert "blurry" in out.err  # partial categories are reported, never dropped
    assert main(["merge", paths[0], "-o", str(tmp_path / "x.easession")]) == 2
    assert main(["agreement", str(tmp_path / "again.easession"), "--format", "json"]) == 0


def test_tally_answers_flag(merged, capsys):
    session, _report = merged
    path = session.where
    assert main(["tally", path, "--answers", "Ben", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reviewed"] == 5
    assert main(["tally", path, "--answers", "majority", "--format", "json"]) == 0
    assert main(["tally", path, "--answers", "Dan"]) == 2
