"""A review spreadsheet saved by LibreOffice Calc imports back exactly.

``data/libreoffice_roundtrip.csv`` is real LibreOffice 7.4 output (a few rows
kept): ``erroranalysis export`` wrote the demo session's sheet with formula-like
comments, LibreOffice opened it (``--infilter=CSV:44,34,76,1``, UTF-8) and saved
it as CSV again (``44,34,76,1,,0,false,true,true,false``). LibreOffice keeps
the leading apostrophe of escaped cells as text (so no formula runs and
importing strips exactly one), but drops the BOM and writes LF line endings;
the import must not care.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from erroranalysis.cli import main
from erroranalysis.core.session import ReviewSession
from erroranalysis.resources import demo_dir

FIXTURE = Path(__file__).parent / "data" / "libreoffice_roundtrip.csv"

# id -> (comment, ticked categories, reviewed, reviewer)
EXPECTED = {
    "digit-0089": ("=1+1", {"dog", "模糊"}, True, "Zoë 审阅"),
    "digit-0129": ('=HYPERLINK("http://example.invalid","click")', {"great cat"}, True, "Zoë 审阅"),
    "digit-0158": ("+SUM(1,2)", {"blurry"}, True, "Zoë 审阅"),
    "digit-0248": ("-2+3", {"incorrect label"}, True, "Zoë 审阅"),
    "digit-0421": ("@SUM(1)", {"模糊"}, True, "Zoë 审阅"),
    "digit-0446": ("'quoted", {"dog"}, True, "Zoë 审阅"),
    "digit-0449": (
        '中文 comment, with "quotes" and a newline\nsecond line',
        {"great cat", "模糊"},
        True,
        "Zoë 审阅",
    ),
    "digit-0502": ("-5", {"blurry"}, True, "Zoë 审阅"),
    "digit-0508": ("", set(), False, ""),
    "digit-0569": ("\ttab-led", set(), False, ""),
}


def test_fixture_is_libreoffice_output() -> None:
    data = FIXTURE.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")  # LibreOffice dropped the BOM
    assert b"\r" not in data  # and wrote LF line endings
    assert b",'=1+1," in data  # the escaping apostrophe survived as text


def test_libreoffice_saved_csv_imports_comments_and_ticks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session_path = tmp_path / "demo.easession"
    assert main(["new", str(demo_dir() / "predictions.csv"), "-o", str(session_path)]) == 0
    with ReviewSession.open(session_path) as session:
        session.add_category("模糊")
    capsys.readouterr()

    assert main(["import", str(session_path), str(FIXTURE)]) == 0
    out, err = capsys.readouterr()
    assert "10 rows matched, 9 items changed" in out
    assert err == ""

    with ReviewSession.open(session_path) as session:
        names = {c.id: c.name for c in session.categories()}
        by_key = {session.item(i).key: session.item(i) for i in session.item_ids()}
        for key, (comment, ticked, reviewed, reviewer) in EXPECTED.items():
            item = by_key[key]
            assert item.comment == comment, key
            assert {names[c] for c in session.item_ticks(item.id)} == ticked, key
            assert item.reviewed is reviewed, key
            assert item.reviewer == reviewer, key
        untouched = [i for k, i in by_key.items() if k not in EXPECTED]
        assert not any(i.comment or i.reviewed or session.item_ticks(i.id) for i in untouched)
        counts = {row.name: int(row.count) for row in session.tally().table.itertuples()}
        assert counts["dog"] == 2 and counts["模糊"] == 3 and counts["incorrect label"] == 1
