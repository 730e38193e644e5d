"""The report for the team lead (issue 15): every section, the tally's numbers, escaping.

The demo is reviewed by hand below, so the shares and gains the report must
print are known without the app: 12 reviewed errors of the demo's 62 (dev
error 62 / 600), "looks like the prediction" on 6 of them (50.0%, max gain
62/600 * 6/12 = 5.17%), "faint or broken stroke" on 4 (33.3%, 3.44%),
"unusual writing style" on 3 (25.0%, 2.58%), "incorrect label" on 1 (8.3%,
0.86%), "cut off or off-centre" on none; one error skipped, 49 not reviewed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from erroranalysis.cli import main
from erroranalysis.core import team_report
from erroranalysis.core.categories import Category
from erroranalysis.core.demo import open_demo_session
from erroranalysis.core.rates import format_percent, format_share
from erroranalysis.core.session import REVIEWED, SKIPPED, ReviewSession
from erroranalysis.core.session_analysis import label_report
from erroranalysis.core.team_report import (
    collect_report,
    escape_markdown,
    render_html,
    render_markdown,
)

LOOKS, FAINT, UNUSUAL, CUT, LABEL = (
    "looks like the prediction",
    "faint or broken stroke",
    "unusual writing style",
    "cut off or off-centre",
    "incorrect label",
)
# position in review order -> categories ticked
TICKS = {
    0: [LOOKS], 1: [LOOKS], 2: [LOOKS], 3: [LOOKS, FAINT], 4: [LOOKS, FAINT], 5: [LOOKS, FAINT],
    6: [FAINT], 10: [UNUSUAL], 11: [UNUSUAL], 12: [UNUSUAL], 13: [LABEL],
}  # fmt: skip
COMMENTS = {0: "flat bottom stroke", 3: "thin ink, like a 1", 14: "smudged", 15: "nothing odd"}
SECTIONS = ["summary", "tally", "ranking", "gain-chart", "labels", "diagnosis", "slices",
            "examples", "comments"]  # fmt: skip
VOID = {"meta", "br", "img", "hr", "input", "link", "col", "area", "base", "wbr", "source"}


def review_demo(session: ReviewSession) -> None:
    """The review the module docstring describes."""
    session.set_reviewer("Ana")
    ids = [session.item_at(p).id for p in range(20)]
    by_name = {c.name: c.id for c in session.categories()}
    for name in (LOOKS, FAINT, UNUSUAL, CUT, LABEL):
        chosen = [ids[p] for p, names in TICKS.items() if name in names]
        if chosen:
            session.set_ticks(chosen, by_name[name], True)
    session.set_review_state([ids[14]], SKIPPED)
    session.set_review_state([ids[15]], REVIEWED, assess_all=True)
    for position, comment in COMMENTS.items():
        session.set_comment(ids[position], comment)


@pytest.fixture
def demo() -> ReviewSession:
    session = open_demo_session(reset=True)
    review_demo(session)
    yield session
    session.close()


class Page(HTMLParser):
    """What a browser would build: every element (nesting checked), the text, and the
    cells of each table by the section it is in."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.section: list[str] = []
        self.tables: dict[str, list[list[list[str]]]] = {}
        self.text: list[str] = []
        self._cell: list[str] | None = None
        self.feed(text)
        self.close()
        assert self.stack == [], f"unclosed elements: {self.stack}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "section":
            self.section.append(str(attributes.get("id")))
        elif tag == "table":
            self.tables.setdefault(self.section[-1], []).append([])
        elif tag == "tr":
            self.tables[self.section[-1]][-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if tag == "section":
            self.section.pop()
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[self.section[-1]][-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    @property
    def all_text(self) -> str:
        return "".join(self.text)


def test_every_section_of_a_reviewed_session(demo: ReviewSession) -> None:
    page = Page(render_html(collect_report(demo, generated_at="2026-01-02 03:04")))
    assert set(SECTIONS) <= page.ids
    assert "agreement" not in page.ids  # one reviewer: the section is left out, silently
    assert "Reviewer agreement" not in page.all_text
    text = page.all_text
    assert "Dev error 10.33%: 62 of 600 dev examples" in text
    assert "all 62 dev errors (a full review)" in text
    assert "12 reviewed, 1 skipped (can't judge: in no share), 49 not yet" in text
    assert "Ana" in text
    assert demo.tally().ranking.verdict().removeprefix("Ranking: ") in text
    # The chart, the ladder: inline SVG, a hatched bar for the label-error category.
    svgs = [attrs for tag, attrs in page.elements if tag == "svg"]
    assert len(svgs) == 2
    assert sum(1 for tag, _ in page.elements if tag == "pattern") == 1
    # Diagnosis: the primary problem and its remedies, as session_diagnosis says.
    assert "Primary problem: variance (+8.53%)" in text
    assert "Reduce variance" in text
    # Footer: when, which version, which file, which intervals.
    assert "2026-01-02 03:04 by erroranalysis" in text
    assert str(demo.path) in text
    assert "exact hypergeometric intervals (95%): the 12 reviewed errors are a sample" in text


def test_tally_table_equals_the_session_tally(demo: ReviewSession) -> None:
    page = Page(render_html(collect_report(demo)))
    header, *rows = page.tables["tally"][0]
    assert header == ["Category", "Ticked", "Share", "95% interval", "Max gain",
                      "95% interval", "Ceiling"]  # fmt: skip
    dev_error = 62 / 600
    # The counts ticked above, by hand, and the course's formulas (METHOD §1).
    by_hand = {LOOKS: 6, FAINT: 4, UNUSUAL: 3, LABEL: 1, CUT: 0}
    assert [r[0].removesuffix("label error") for r in rows] == [LOOKS, FAINT, UNUSUAL, LABEL, CUT]
    for row in rows:
        name = row[0].removesuffix("label error")
        k = by_hand[name]
        assert row[1] == str(k)
        assert row[2] == format_share(k / 12)
        assert row[4] == format_percent(dev_error * k / 12)
        assert row[6] == format_percent(dev_error * (1 - k / 12))
    assert [r[4] for r in rows] == ["5.17%", "3.44%", "2.58%", "0.86%", "0.00%"]
    # ... and the intervals are the session's own tally, printed as the app prints them.
    for row, record in zip(rows, demo.tally().by_gain().itertuples(), strict=True):
        low, high = format_share(record.share_low), format_share(record.share_high)
        assert row[3] == f"{low[:-1]}–{high}"
        low, high = format_percent(record.max_gain_low), format_percent(record.max_gain_high)
        assert row[5] == f"{low[:-1]}–{high}"


def test_a_category_added_mid_review_shows_its_own_n(demo: ReviewSession) -> None:
    night = demo.add_category("night shot")  # the 12 reviewed errors were not assessed for it
    ids = [demo.item_at(p).id for p in (16, 17, 18)]
    demo.set_ticks(ids[:1], night.id, True)  # reviewed now, with every category
    demo.set_review_state(ids[1:], REVIEWED, assess_all=True)
    page = Page(render_html(collect_report(demo)))
    row = next(r for r in page.tables["tally"][0] if r[0] == "night shot")
    assert row[1:3] == ["1 / 3", format_share(1 / 3)]  # k / n, n = the 3 assessed, not 15
    assert "k / n: ticked on k of the n reviewed errors assessed" in page.all_text
    markdown = render_markdown(collect_report(demo))
    assert "| night shot | 1 / 3 | 33.3% |" in markdown


def test_label_split_and_corrected_error_equal_the_label_report(demo: ReviewSession) -> None:
    page = Page(render_html(collect_report(demo)))
    report = label_report(demo)
    labels = page.tables["labels"][0]
    assert labels[1][:2] == ["Due to incorrect labels", format_percent(62 / 600 / 12)]
    assert labels[1][3] == format_share(1 / 12) == "8.3%"
    assert labels[2][1] == format_percent(62 / 600 * 11 / 12)
    text = page.all_text
    assert report.split.verdict in text
    assert f"Dev error with labels corrected: {format_percent(report.corrected.value)}" in text
    assert report.caveat in text  # no correct example reviewed: no upper bound


def test_diagnosis_from_the_frame_equals_session_diagnosis(demo: ReviewSession) -> None:
    from erroranalysis.core.session_analysis import session_diagnosis

    frame = demo.predictions_frame()
    assert team_report.diagnosis_of(demo, frame) == session_diagnosis(demo)
    demo.set_meta("rate_train", "0.02")
    demo.set_meta("human_error", "")
    assert team_report.diagnosis_of(demo, frame) == session_diagnosis(demo)
    assert session_diagnosis(demo)[1]["train"] == "typed"


def test_examples_and_comments(demo: ReviewSession) -> None:
    data = collect_report(demo, thumbnails=2)
    assert {name: len(examples) for name, examples in data.examples.items()} == {
        LOOKS: 2, FAINT: 2, UNUSUAL: 2, LABEL: 1, CUT: 0,
    }  # fmt: skip
    # Commented items come first: both LOOKS examples with a comment are shown.
    assert [e.comment for e in data.examples[LOOKS]] == ["flat bottom stroke", "thin ink, like a 1"]
    assert all(e.data_uri.startswith("data:image/jpeg;base64,") for e in data.examples[LOOKS])
    assert data.example_totals[LOOKS] == 6
    page = Page(render_html(data))
    images = [a for tag, a in page.elements if tag == "img"]
    assert len(images) == 7
    comments = page.tables["comments"]
    keys = {demo.item_at(p).key: p for p in COMMENTS}
    groups = [[keys[row[0]] for row in table[1:]] for table in comments]
    # Grouped by category (gain order), then the skipped one, then reviewed with none.
    assert groups == [[0, 3], [3], [15], [14]]
    assert "Skipped (can't judge)" in page.all_text


def test_only_the_sampled_images_are_read(demo: ReviewSession, monkeypatch) -> None:
    read = []
    real = team_report.decode_image

    def counting(path, box, **kwargs):  # type: ignore[no-untyped-def]
        read.append(Path(path).name)
        return real(path, box, **kwargs)

    monkeypatch.setattr(team_report, "decode_image", counting)
    collect_report(demo, thumbnails=0)
    assert read == []
    collect_report(demo, thumbnails=1)
    # One per category with a tick (an item shown under two categories is read once).
    assert len(read) == len(set(read)) <= 4


HOSTILE = "<script>alert(1)</script>"


def hostile_session(tmp_path: Path, make_predictions) -> ReviewSession:  # type: ignore[no-untyped-def]
    from erroranalysis.core.sources import SourceOptions, create_session

    rows = [
        # (the label is CSV-quoted: it holds a double quote)
        ("<i>k0</i>", "img/a0.png", '"""><svg onload=alert(2)>"', "dog", "0.9", "dev", "<b>x</b>"),
        ("k1&amp;", "img/a1.png", "cat", "dog", "0.9", "dev", "y"),
        ("k2", "img/a2.png", "cat", "cat", "0.9", "dev", "y"),
    ]
    rows += [(f"k{i}", f"img/a{i}.png", "cat", "cat", "0.8", "dev", "z") for i in range(3, 30)]
    csv = make_predictions(tmp_path / "data", rows, header="id,image,label,prediction,score,"
                           "split,<em>meta</em>")  # fmt: skip
    session = create_session(csv, tmp_path / "h.easession", SourceOptions(
        categories=(Category('<img src=x onerror="alert(3)">'), Category("a|b*c_d`e"),
                    Category("wrong <label>", kind="label_error"))))  # fmt: skip
    session.set_reviewer("<b onmouseover=alert(4)>Eve</b>")
    session.set_meta("title", "</title><script>alert(5)</script>")
    ids = session.item_ids()
    for category in session.categories():
        session.set_ticks(ids, category.id, True)
    session.set_comment(ids[0], HOSTILE)
    session.set_comment(ids[1], "pipes | and *stars* and _under_ and `ticks` and <tags>\nline 2")
    return session


def test_hostile_strings_show_as_text(tmp_path: Path, make_predictions) -> None:  # type: ignore[no-untyped-def]
    session = hostile_session(tmp_path, make_predictions)
    text = render_html(collect_report(session))
    page = Page(text)
    tags = {tag for tag, _ in page.elements}
    assert "script" not in tags and "em" not in tags and "i" not in tags
    for tag, attrs in page.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "img":
            assert str(attrs["src"]).startswith("data:image/jpeg;base64,")
    shown = page.all_text
    for typed in (HOSTILE, '<img src=x onerror="alert(3)">', "<i>k0</i>", "k1&amp;",
                  '"><svg onload=alert(2)>', "<b onmouseover=alert(4)>Eve</b>",
                  "wrong <label>", "</title><script>alert(5)</script>"):  # fmt: skip
        assert typed in shown, typed
    assert sum(1 for tag, _ in page.elements if tag == "svg") == 2  # the chart and the ladder


def test_no_external_resource(demo: ReviewSession) -> None:
    text = render_html(collect_report(demo))
    assert not re.search(r"https?:", text)
    assert "href=" not in text and "@import" not in text
    assert re.findall(r'\bsrc="([^"]*)"', text)
    assert all(src.startswith("data:") for src in re.findall(r'\bsrc="([^"]*)"', text))
    # url() only for the SVG's own hatch pattern.
    assert set(re.findall(r"url\(([^)]*)\)", text)) <= {f"#hatch{i}" for i in range(10)}
    assert "Content-Security-Policy" in text and "default-src 'none'" in text


def test_escape_markdown() -> None:
    assert escape_markdown("a|b*c_d`e<f>g") == r"a\|b\*c\_d\`e\<f\>g"
    assert escape_markdown("[x](y) ~z~ & #1 \\") == r"\[x\](y) \~z\~ \& \#1 \\"
    assert escape_markdown("two\nlines\r\n") == "two lines "


def _cells(line: str) -> list[str]:
    """A Markdown table row's cells, split on the pipes that are not escaped."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def test_markdown_escapes_user_strings(tmp_path: Path, make_predictions) -> None:  # type: ignore[no-untyped-def]
    session = hostile_session(tmp_path, make_predictions)
    text = render_markdown(collect_report(session))
    assert not re.search(r"(?<!\\)<", text)  # every < escaped
    assert r"\<script\>alert(1)\</script\>" in text
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    # Every row of a table has as many cells as its header: no user pipe splits a row.
    tables: list[list[str]] = []
    previous = ""
    for line in text.splitlines():
        if line.startswith("|") and not previous.startswith("|"):
            tables.append([])
        if line.startswith("|"):
            tables[-1].append(line)
        previous = line
    for table in tables:
        widths = {len(_cells(line)) for line in table}
        assert len(widths) == 1, table
    row = next(r for r in rows if "pipes" in r)
    assert r"pipes \| and \*stars\* and \_under\_ and \`ticks\` and \<tags\> line 2" in row
    assert r"a\|b\*c\_d\`e" in text


def test_markdown_has_the_same_sections(demo: ReviewSession) -> None:
    text = render_markdown(collect_report(demo))
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Summary", "## The tally", "## Incorrect labels",
                        "## Bias, variance and data mismatch", "## Slices of the dev set",
                        "## Examples by category", "## Comments"]  # fmt: skip
    assert "| looks like the prediction | 6 | 50.0% |" in text
    assert "**5.17%**" in text
    assert "data:image" not in text
    image = demo.item_at(0).image
    assert escape_markdown(image) in text  # examples named by their image path


def test_agreement_of_two_reviewers_equals_cohens_kappa(tmp_path: Path) -> None:
    import pandas as pd
    from sklearn.metrics import cohen_kappa_score

    keys = [f"e{i}" for i in range(10)]
    ana = [1, 1, 1, 0, 0, 0, 1, 0, 1, 0]
    ben = [1, 1, 0, 0, 0, 1, 1, 0, 1, 0]
    sessions = []
    for name, ticks in (("Ana", ana), ("Ben", ben)):
        items = pd.DataFrame({"key": keys, "image": [f"{k}.png" for k in keys], "label": "cat",
                              "prediction": "dog", "score": 0.9, "split": "dev"})  # fmt: skip
        s = ReviewSession.create(tmp_path / f"{name}.easession", items,
                                 [Category("blurry"), Category("dog")], dev_size=100,
                                 dev_errors=10)  # fmt: skip
        s.set_reviewer(name)
        ids = s.item_ids()
        s.set_review_state(ids, REVIEWED, assess_all=True)
        s.set_ticks([i for i, t in zip(ids, ticks, strict=True) if t],
                    s.category_by_name("blurry").id, True)  # fmt: skip
        sessions.append(s)
    data = collect_report(sessions[0], reviewer_sessions=sessions[1:])
    page = Page(render_html(data))
    assert "agreement" in page.ids
    rows = {r[0]: r for r in page.tables["agreement"][0][1:]}
    assert rows["blurry"][1] == "10"
    assert rows["blurry"][2] == format_share(0.8)
    assert rows["blurry"][3] == f"{cohen_kappa_score(ana, ben):.2f}"
    assert "Ana, Ben" in page.all_text
    assert "## Reviewer agreement" in render_markdown(data)
    # The same two reviewers merged into one session: the same agreement, from the session.
    from erroranalysis.core.merge import merge_sessions

    merged, _ = merge_sessions(sessions, tmp_path / "team.easession")
    for s in sessions:
        s.close()
    with merged:
        page = Page(render_html(collect_report(merged)))
    assert {r[0]: r for r in page.tables["agreement"][0][1:]}["blurry"] == rows["blurry"]
    assert "Ana, Ben (merged: the tally counts the answers they agree on)" in page.all_text


def test_a_session_with_nothing_reviewed(tmp_path: Path) -> None:
    session = open_demo_session(reset=True)
    page = Page(render_html(collect_report(session)))
    assert "No dev error has been reviewed yet." in page.all_text
    assert "0 reviewed" in page.all_text
    assert "No comment was written." in page.all_text
    render_markdown(collect_report(session))
    session.close()


def test_a_folder_session_without_dev_size(tmp_path: Path) -> None:
    from PIL import Image

    from erroranalysis.core.sources import SourceOptions, create_session

    folder = tmp_path / "errors"
    folder.mkdir()
    for i in range(3):
        Image.new("RGB", (40, 30), (200, 30 * i, 10)).save(folder / f"e{i}.jpg")
    with create_session(folder, None, SourceOptions(categories=(Category("blurry"),))) as s:
        s.set_ticks(s.item_ids()[:2], s.categories()[0].id, True)
        s.set_review_state(s.item_ids()[2:], REVIEWED, assess_all=True)
        data = collect_report(s)
        page = Page(render_html(data))
        markdown = render_markdown(data)
    assert data.slices is None and "no predictions rows to slice" in page.all_text
    assert "Share of reviewed errors by category" in page.all_text
    assert page.tables["tally"][0][0] == ["Category", "Ticked", "Share", "95% interval"]
    assert page.tables["tally"][0][1][:3] == ["blurry", "2", "66.7%"]  # 2 of 3 reviewed
    assert "| blurry | 2 | 66.7% |" in markdown
    assert "true" not in markdown.split("## Examples")[1]  # a folder has no labels to show


def test_cli_writes_html_and_markdown(demo: ReviewSession, tmp_path: Path, capsys) -> None:
    path = demo.path
    demo.checkpoint()
    before = path.read_bytes()
    out = tmp_path / "report.html"
    assert main(["report", str(path), "-o", str(out), "--thumbnails", "1"]) == 0
    page = Page(out.read_text(encoding="utf-8"))
    assert set(SECTIONS) <= page.ids
    assert len([t for t, _ in page.elements if t == "img"]) == 4
    assert main(["report", str(path), "-o", str(tmp_path / "r.md")]) == 0
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Error analysis")
    capsys.readouterr()
    assert main(["report", str(path), "-o", "-", "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("# Error analysis")
    assert path.read_bytes() == before  # opened read-only: nothing written


def test_cli_user_errors(demo: ReviewSession, tmp_path: Path, capsys) -> None:
    assert main(["report", str(tmp_path / "none.easession"), "-o", "x.html"]) == 2
    assert "no such session file" in capsys.readouterr().err
    missing = tmp_path / "no" / "r.html"
    assert main(["report", str(demo.path), "-o", str(missing)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["report", str(demo.path), "-o", str(tmp_path)]) == 2
    assert "a folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["report", str(demo.path), "-o", "x.html", "--thumbnails", "-1"])
    assert exit_.value.code == 2
    assert main(["report", str(demo.path), "-o", "x.html",
                 "--reviewer-session", str(demo.path)]) == 2  # fmt: skip
    assert "given twice" in capsys.readouterr().err


CHROMIUM = shutil.which("chromium")


def run_chromium(page: Path, *flags: str, profile: Path) -> None:
    """Debian's Chromium, headless, with nothing that reaches the network."""
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", *flags, page.as_uri()],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not on PATH (apt-get install chromium)")
def test_a_real_browser_renders_and_prints_the_report(demo: ReviewSession, tmp_path: Path) -> None:
    from PIL import Image

    html_path = team_report.write_report(demo, tmp_path / "report.html")
    shot, pdf = tmp_path / "report.png", tmp_path / "report.pdf"
    run_chromium(html_path, f"--screenshot={shot}", "--window-size=1200,1600",
                 profile=tmp_path / "profile-1")  # fmt: skip
    with Image.open(shot) as image:
        assert image.size == (1200, 1600)
        pixels = image.convert("RGB")
        colours = pixels.getcolors(maxcolors=1_000_000)
        assert colours is not None and len(colours) > 200  # text, bars, the chart's colours
        # Not one flat background: at least 5% of the pixels differ from the commonest one.
        commonest = max(colours)[0]
        assert commonest < 0.95 * 1200 * 1600
        # The chart's category colours are on screen (the demo's Okabe-Ito palette).
        present = {rgb for _count, rgb in colours}
        assert (0, 114, 178) in present  # looks like the prediction: #0072B2
    run_chromium(html_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                 profile=tmp_path / "profile-2")  # fmt: skip
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    # Page breaks between chapters: summary and tally, analysis, examples, comments.
    assert pages >= 4
