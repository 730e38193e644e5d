"""Write docs/screenshots/report.png: the team report of the demo, as Chromium shows it.

    python scripts/report_screenshot.py [--out docs/screenshots] [--size 1200x1600] [--keep DIR]

Reviews the demo in a temporary user data folder (your own demo review is never
touched) the way ``scripts/screenshots.py`` does, writes ``erroranalysis report``'s
HTML and has Debian's Chromium (``apt-get install chromium``) take the picture
headless, with nothing that reaches the network. ``--keep DIR`` also leaves the
HTML, the Markdown and a PDF print there.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from screenshots import REVIEW, SHOWN_COMMENT, SHOWN_POSITION, SHOWN_TICKS

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def review_demo(session) -> None:  # type: ignore[no-untyped-def]
    """The review scripts/screenshots.py makes with keys, made here with the core."""
    from erroranalysis.core.session import REVIEWED, SKIPPED

    session.set_reviewer("Ana")
    keys = {c.shortcut: c.id for c in session.categories()}
    for position, ticks, comment in [*REVIEW, (SHOWN_POSITION, SHOWN_TICKS, SHOWN_COMMENT)]:
        item = session.item_at(position)
        if comment:
            session.set_comment(item.id, comment)
        for key in ticks:
            if key == "S":
                session.set_review_state([item.id], SKIPPED)
            elif key == "D":
                session.set_review_state([item.id], REVIEWED, assess_all=True)
            else:
                session.set_ticks([item.id], keys[key], True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "screenshots")
    )
    parser.add_argument("--size", default="1200x1600", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--keep", metavar="DIR", help="also keep the HTML, Markdown and PDF here")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("chromium is not on PATH (Debian: apt-get install chromium)")
    os.environ["ERRORANALYSIS_DATA_DIR"] = tempfile.mkdtemp(prefix="erroranalysis-report-")

    from erroranalysis.core.demo import open_demo_session
    from erroranalysis.core.team_report import write_report

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="report-shot-"))
    work.mkdir(parents=True, exist_ok=True)
    with open_demo_session(reset=True) as session:
        review_demo(session)
        page = write_report(session, work / "report.html")
        write_report(session, work / "report.md", format="markdown")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    shot = out / "report.png"
    width, height = (int(v) for v in args.size.lower().split("x"))
    runs = [[f"--screenshot={shot}", f"--window-size={width},{height}"]]
    if args.keep:
        runs.append([f"--print-to-pdf={work / 'report.pdf'}", "--no-pdf-header-footer"])
    for flags in runs:
        with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
            subprocess.run(
                [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *flags, page.as_uri()],
                check=True,
                capture_output=True,
                timeout=180,
            )
    print(f"{shot}  ({shot.stat().st_size // 1024} KB)")
    if args.keep:
        print(f"{work}: report.html, report.md, report.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
