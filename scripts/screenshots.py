"""Write screenshots of the desktop app into docs/screenshots/ (for the README).

    python scripts/screenshots.py [--out docs/screenshots] [--size 1400x900]

Runs offscreen when there is no display, on the bundled demo in a temporary
user data folder (your own demo review is never touched): the start screen,
the review view part-way through a review (a few items ticked, a comment),
the spreadsheet view, the tally panel, the whole window (``review.png``, the
one the README shows), the category editor and the keyboard-shortcuts dialog;
then (in English) the grid and slices screenshots of ``scripts/grid_screenshots.py``,
so one command refreshes every screenshot.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# The review a screenshot shows: (position, category keys, comment). Chosen by
# looking at the demo's digits, so the ticks are ones a reviewer could make.
# "S" skips an item (can't judge), "D" marks it done with no category.
REVIEW = [
    (0, "1", "flat bottom stroke, like a 2"),
    (1, "12", "loops squeezed shut"),
    (2, "2", ""),
    (3, "1", ""),
    (4, "3", "very wide top bar"),
    (5, "1", ""),
    (6, "3", ""),
    (7, "3", "loop at the bottom"),
    (8, "2", ""),
    (9, "3", ""),
    (10, "3", "crossed 7"),
    (11, "S", "smudged: can't tell"),
    (12, "D", ""),
    (13, "25", "could be a 6: label doubtful"),
    (14, "3", ""),
    (15, "1", ""),
    (16, "14", ""),
    (17, "2", ""),
    (18, "2", ""),
    (19, "3", ""),
    (20, "3", "thick, filled-in 1"),
    (21, "1", ""),
]
#: Where the review view stops for its picture, with a comment written.
SHOWN_POSITION = 22
SHOWN_TICKS = "3"
SHOWN_COMMENT = "closed loop at the bottom reads as an 8"

#: The same review by a reviewer working in Chinese (--lang zh_CN): her own category
#: names and comments (data, in her language), the app in Chinese.
ZH_CATEGORIES = {
    "looks like the prediction": ("像预测的数字", "人也可能把它读成预测的数字"),
    "faint or broken stroke": ("笔画淡或断开", "墨迹细、浅或有缺口；少了一笔或笔画断开"),
    "unusual writing style": ("书写方式少见", "能认出来，但这个数字的写法不常见"),
    "cut off or off-centre": ("被裁切或偏离中心", "数字在框内被裁掉、偏移或缩放不当"),
    "incorrect label": ("标注错误", "真实标签本身有误"),
}
#: The pictures taken in Chinese (the main views, the start screen, two dialogs).
ZH_SHOTS = {
    "review.png", "spreadsheet-view.png", "window-diagnosis.png", "window-labels.png",
    "window-metrics.png", "start-screen.png", "category-editor.png", "keyboard-shortcuts.png",
    "grid-view.png",
}
ZH_COMMENTS = {
    "flat bottom stroke, like a 2": "底部一笔是平的，像 2",
    "loops squeezed shut": "圈被挤得闭合了",
    "very wide top bar": "顶部横线很宽",
    "loop at the bottom": "底部有个圈",
    "crossed 7": "带横杠的 7",
    "smudged: can't tell": "有污迹：无法判断",
    "could be a 6: label doubtful": "可能是 6：标签存疑",
    "thick, filled-in 1": "很粗、被填满的 1",
    SHOWN_COMMENT: "底部闭合的圈看起来像 8",
}


def confusion_cell_with_most_errors(session) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The (true, predicted) pair the demo's reviewed errors hit most often."""
    items = session.items_frame()
    return tuple(items.groupby(["label", "prediction"]).size().idxmax())  # type: ignore[return-value]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1]
                                             / "docs" / "screenshots"))
    parser.add_argument("--size", default="1400x900", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--suffix", default="", help="added to every file name (e.g. -1280x720)")
    parser.add_argument("--lang", default="en", choices=("en", "zh_CN"),
                        help="the app's language (zh_CN: written to <out>/zh_CN, the review's "
                        "categories and comments in Chinese too)")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    chinese = args.lang == "zh_CN"
    out = Path(args.out) / "zh_CN" if chinese else Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ERRORANALYSIS_DATA_DIR"] = tempfile.mkdtemp(prefix="erroranalysis-shots-")

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from erroranalysis.core.demo import open_demo_session
    from erroranalysis.core.sources import SourceOptions, create_session
    from erroranalysis.gui.app import make_application
    from erroranalysis.gui.category_editor import CategoryEditor
    from erroranalysis.gui.main_window import MainWindow
    from erroranalysis.gui.start_screen import StartScreen, remember_session
    from erroranalysis.resources import demo_dir

    app = make_application(language=args.lang)

    def said(comment: str) -> str:
        return ZH_COMMENTS.get(comment, comment) if chinese else comment

    def settle(ms: int = 250) -> None:
        """Let layouts, timers and the image loader's threads finish."""
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        app.processEvents()

    def save(widget: QWidget, name: str) -> None:
        if chinese and name not in ZH_SHOTS:
            return  # the main views are enough to show the Chinese UI
        stem, dot, ext = name.rpartition(".")
        path = out / f"{stem}{args.suffix}{dot}{ext}"
        if not widget.grab().save(str(path), "PNG"):
            raise SystemExit(f"could not write {path}")
        print(f"{path}  ({path.stat().st_size // 1024} KB)")

    # -- the review: ticks, comments, then the item being looked at
    session = open_demo_session(reset=True)
    session.set_reviewer("Ana")
    if chinese:
        for category in session.categories():
            name, description = ZH_CATEGORIES.get(category.name, (category.name, ""))
            session.update_category(category.id, name=name, description=description)
        session.set_meta("title", "手写数字（UCI / scikit-learn）")
        session.set_reviewer("李娜")
    remember_session(session.path, session.meta("title"))
    window = MainWindow(session)
    window.resize(width, height)
    window.show()
    settle()
    view = window.review_view
    keys = {c.shortcut: c.id for c in session.categories()}
    for position, ticks, comment in REVIEW:
        view.go_to(position)
        if comment:
            view.comment_box.setPlainText(said(comment))
            view.commit_comment()
        for key in ticks:
            if key == "S":
                view.skip()
            elif key == "D":
                view.done()
            else:
                view.toggle_category(keys[key])
    view.go_to(SHOWN_POSITION)
    for key in SHOWN_TICKS:
        view.toggle_category(keys[key])
    view.comment_box.setPlainText(said(SHOWN_COMMENT))
    view.commit_comment()
    view.setFocus()
    settle(600)
    save(window, "review.png")  # the whole window; the README shows it
    save(window.centralWidget(), "review-view.png")
    save(window.tally_dock, "tally-panel.png")

    # The whole window with each dock tab in front (issue 8: checked at 1280x720
    # and 1400x900, nothing cut off, no sideways scrolling).
    save(window, "window-tally.png")
    window.toggle_dock(window.analysis_dock)
    for tab in ("Diagnosis", "Labels", "Metrics"):
        window.analysis_panel.show_tab(tab)
        settle(500)
        save(window, f"window-{tab.lower()}.png")
    window.toggle_dock(window.tally_dock)
    settle()

    window.set_view("spreadsheet")
    settle(800)
    save(window, "spreadsheet-view.png")
    if chinese:
        window.set_view("grid")
        settle(1200)
        save(window, "grid-view.png")
    # -- the analysis panel (issue 5): diagnosis, labels, metrics
    window.set_view("review")
    window.analysis_dock.show()
    window.analysis_dock.raise_()
    window.resizeDocks([window.analysis_dock], [560], Qt.Orientation.Horizontal)
    for tab in ("Diagnosis", "Labels", "Metrics"):
        window.analysis_panel.show_tab(tab)
        settle(500)
        save(window.analysis_dock, f"analysis-{tab.lower()}.png")
    label, prediction = confusion_cell_with_most_errors(session)
    window.analysis_panel.metrics.show_cell(label, prediction)
    window.resize(width + 300, height)  # room for the table and the whole matrix
    settle()
    window.resizeDocks([window.analysis_dock], [560], Qt.Orientation.Horizontal)
    settle(800)
    save(window, "confusion-cell.png")
    window.resize(width, height)
    window.spreadsheet_view.set_item_filter(None, "")
    window.tally_dock.raise_()
    window.resizeDocks([window.tally_dock], [400], Qt.Orientation.Horizontal)
    window.set_view("review")
    settle()

    # A category added mid-review: the revisit bar offers the earlier items.
    from erroranalysis.core.categories import Category
    from erroranalysis.gui.commands import AddCategoryCommand, push_command

    smudged = Category("污迹", description="墨迹被抹开或洇开") if chinese else Category(
        "smudged", description="ink smeared or blotted")
    push_command(window.undo_stack, AddCategoryCommand(session, smudged))
    view._revisit_offer = session.category_by_name(smudged.name).id
    view._refresh_revisit_bar()
    settle(400)
    save(window, "review-revisit.png")
    window.undo()
    settle()

    editor = CategoryEditor(session, window.signals, window.undo_stack, window)
    editor.show()
    editor.select(session.categories()[1].id)
    settle()
    save(editor, "category-editor.png")
    editor.close()

    shortcuts = window.show_shortcuts()
    settle()
    save(shortcuts, "keyboard-shortcuts.png")
    shortcuts.close()
    window.close()
    settle()

    # A second recent session, so the list shows what it looks like in use.
    sample = create_session(demo_dir() / "predictions.csv",
                            Path(os.environ["ERRORANALYSIS_DATA_DIR"]) / "reviews"
                            / "digits-sample.easession",
                            SourceOptions(sample=40, seed=7))
    remember_session(sample.path, "手写数字，抽样 40 个错误" if chinese
                     else "Digits, a sample of 40 errors")
    sample.close()

    start = StartScreen()
    start.resize(width, height)
    start.show()
    settle()
    save(start, "start-screen.png")
    start.close()
    QApplication.processEvents()
    if not chinese:
        # In a process of its own: it makes its own application and demo review.
        subprocess.run([sys.executable, str(Path(__file__).with_name("grid_screenshots.py")),
                        "--out", str(args.out), "--size", args.size, f"--suffix={args.suffix}"],
                       check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
