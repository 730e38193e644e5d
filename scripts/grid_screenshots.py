"""Write the grid and slices screenshots (issue 14) into docs/screenshots/.

    python scripts/grid_screenshots.py [--out docs/screenshots] [--size 1400x900]

On the bundled demo in a temporary user data folder, part-way through the
review that ``scripts/screenshots.py`` makes; "faint or broken strokes" is
linked to sharpness (scored in the background, then the blurriest 15% are
suggested): ``grid.png`` is the whole window with the grid in front and a few
thumbnails selected, ``slices.png`` the Analysis dock's Slices tab.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "screenshots")
    )
    parser.add_argument("--size", default="1400x900", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--suffix", default="", help="added to every file name")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ERRORANALYSIS_DATA_DIR"] = tempfile.mkdtemp(prefix="erroranalysis-shots-")

    from PySide6.QtCore import QEventLoop, QItemSelectionModel, Qt, QTimer
    from PySide6.QtWidgets import QWidget
    from screenshots import REVIEW

    from erroranalysis.core.demo import open_demo_session
    from erroranalysis.gui.app import make_application
    from erroranalysis.gui.main_window import MainWindow

    app = make_application()

    def settle(ms: int = 250) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        app.processEvents()

    def save(widget: QWidget, name: str) -> None:
        stem, dot, ext = name.rpartition(".")
        path = out / f"{stem}{args.suffix}{dot}{ext}"
        if not widget.grab().save(str(path), "PNG"):
            raise SystemExit(f"could not write {path}")
        print(f"{path}  ({path.stat().st_size // 1024} KB)")

    session = open_demo_session(reset=True)
    session.set_reviewer("Ana")
    window = MainWindow(session)
    window.resize(width, height)
    window.show()
    settle()
    view = window.review_view
    keys = {c.shortcut: c.id for c in session.categories()}
    for position, ticks, _comment in REVIEW:
        view.go_to(position)
        for key in ticks:
            if key == "S":
                view.skip()
            elif key == "D":
                view.done()
            else:
                view.toggle_category(keys[key])
    faint = next(c.id for c in session.categories() if c.name.startswith("faint"))
    menu = window.suggestion_menu
    menu.link_sharpness(faint, 85.0)
    for _ in range(200):
        if not menu.scorer.running:
            break
        settle(50)

    window.set_view("grid")
    grid = window.grid_view
    grid.set_side(104)
    settle(1500)
    selection = grid.list.selectionModel()
    for row in (25, 26, 27, 34, 35):
        selection.select(grid.index_of_row(row), QItemSelectionModel.SelectionFlag.Select)
    selection.setCurrentIndex(grid.index_of_row(35), QItemSelectionModel.SelectionFlag.NoUpdate)
    grid.list.scrollToTop()
    settle(800)
    save(window, "grid.png")

    window.analysis_dock.show()
    window.analysis_dock.raise_()
    window.resizeDocks([window.analysis_dock], [560], Qt.Orientation.Horizontal)
    window.analysis_panel.show_tab("Slices")
    slices = window.analysis_panel.slices
    for _ in range(200):
        if slices.results is not None and not slices.computing():
            break
        settle(50)
    slices.breakdown_combo.setCurrentIndex(max(0, slices.breakdown_combo.findData("confusion")))
    settle(500)
    save(window.analysis_dock, "slices.png")
    window.close()
    settle()
    return 0


if __name__ == "__main__":
    sys.exit(main())
