"""The whole app in Chinese: no visible English that is not data.

Opens the window on the demo with the zh_CN catalogue installed, shows each
view, dock, analysis tab, menu and dialog, and reads every text a user can
see (labels, buttons, tooltips, placeholders, tab and header texts, menu
entries, combo items, the charts' painted text). What is left after taking
out the data (category names, labels, image names, the reviewer) and a few
universal tokens (F1, CSV, Ctrl) must hold no English word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import open_window
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from erroranalysis.gui import i18n

#: Not English words to translate: units, file types, keys, names of methods and
#: people, the app's name. Compared case-insensitively, as whole words.
UNIVERSAL = {
    "f1",
    "ac1",
    "csv",
    "tsv",
    "png",
    "html",
    "md",
    "json",
    "parquet",
    "markdown",
    "ctrl",
    "shift",
    "alt",
    "esc",
    "enter",
    "return",
    "space",
    "del",
    "tab",
    "home",
    "end",
    "pgup",
    "pgdown",
    "up",
    "down",
    "left",
    "right",
    "backspace",
    "meta",
    "cmd",
    "erroranalysis",
    "postgresql",
    "sslmode",
    "pgpass",
    "host",
    "port",
    "database",
    "session",
    "user",
    "url",
    "wilson",
    "fpc",
    "clopper",
    "pearson",
    "cohen",
    "fleiss",
    "gwet",
    "kappa",
    "bayes",
    "adam",
    "rmsprop",
    "mnist",
    "qt",
    "pyside",
    "english",
    "eareview",
    "easession",
    "jpg",
    "jpeg",
    "ui",
    "id",
    "ok",
    "pp",
    "l2",
    "dropout",
    "instagram",
}
#: English kept on purpose: the predictions file's column names, a command, a formula.
PHRASES = (
    "image、label、prediction",
    "label 和 prediction",
    "label、prediction、split",
    "demo --reset",
    "2PR / (P + R)",
    "Σ w·error / Σ w",
    "weight 列",
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
FALLBACK_FONTS_OK = ("Noto Sans CJK", "WenQuanYi", "Source Han", "Droid Sans Fallback")


def plain(text: str) -> str:
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for what ``widget`` itself shows."""
    name = f"{type(widget).__name__}({widget.objectName()})"
    if widget.toolTip():
        yield name + ".toolTip", widget.toolTip()
    if widget.isWindow() and widget.windowTitle():
        yield name + ".windowTitle", widget.windowTitle()
    if isinstance(widget, QLabel):
        yield name + ".text", widget.text()
    if isinstance(widget, QAbstractButton):
        yield name + ".text", widget.text()
    if isinstance(widget, QGroupBox):
        yield name + ".title", widget.title()
    if isinstance(widget, QDockWidget):
        yield name + ".windowTitle", widget.windowTitle()
    if isinstance(widget, QLineEdit):
        yield name + ".placeholder", widget.placeholderText()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        yield name + ".placeholder", widget.placeholderText()
        if widget.isReadOnly():
            yield name + ".text", widget.toPlainText()
    if isinstance(widget, QAbstractSpinBox):
        yield name + ".special", widget.specialValueText()
        yield name + ".suffix", getattr(widget, "suffix", lambda: "")()
        yield name + ".prefix", getattr(widget, "prefix", lambda: "")()
    if isinstance(widget, QComboBox) and not widget.isEditable():
        # (An editable combo holds what the user types: a column name, a value.)
        for i in range(widget.count()):
            yield f"{name}.item[{i}]", widget.itemText(i)
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield f"{name}.tab[{i}]", widget.tabText(i)
            yield f"{name}.tabToolTip[{i}]", widget.tabToolTip(i)
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # a list widget's model keeps it private: one column
            columns = 1
        for section in range(columns):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.headerData(section, Qt.Orientation.Horizontal, role)
                if isinstance(value, str):
                    yield f"{name}.header[{section}]", value
        for row in range(min(model.rowCount(QModelIndex()), 8)):
            for column in range(columns):
                index = model.index(row, column)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        yield f"{name}.cell[{row},{column}]", value
    for action in widget.actions():
        yield from action_texts(action, name)


def action_texts(action: QAction, where: str) -> Iterator[tuple[str, str]]:
    if action.isSeparator():
        return
    yield f"{where}>{action.text()!r}", action.text()
    if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
        yield f"{where}>{action.text()!r}.toolTip", action.toolTip()
    if action.statusTip():
        yield f"{where}>{action.text()!r}.statusTip", action.statusTip()
    menu = action.menu()
    if isinstance(menu, QMenu):
        for sub in menu.actions():
            yield from action_texts(sub, f"{where}>{menu.title()}")


def visible_texts(top: QWidget) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if widget is not top and not widget.isVisibleTo(top):
            continue
        found += [(w, plain(t)) for w, t in widget_texts(widget) if t]
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            found += [(w, plain(t)) for w, t in action_texts(action, "menu") if t]
    return found


def painted_texts(widget: QWidget, monkeypatch) -> list[tuple[str, str]]:
    """The text a custom-painted widget (a chart) draws."""
    drawn: list[str] = []
    original = QPainter.drawText

    def recording(self, *args):  # type: ignore[no-untyped-def]
        drawn.extend(a for a in args if isinstance(a, str))
        return original(self, *args)

    monkeypatch.setattr(QPainter, "drawText", recording)
    widget.grab()
    monkeypatch.setattr(QPainter, "drawText", original)
    return [(f"{type(widget).__name__}.painted", t) for t in drawn]


def english_words(text: str, data: set[str]) -> list[str]:
    text = " ".join(text.split())  # names wrap over lines in headers
    for phrase in PHRASES:
        text = text.replace(phrase, " ")
    # Paths (also elided ones), addresses and file names are data too.
    text = re.sub(r"\S*/\S*…\S*", " ", text)
    text = re.sub(
        r"\w+://\S+|(?:[A-Za-z]:)?[/\\]?(?:[\w.\-]+[/\\])+[\w.\-]*|[\w\-]+\.\w{2,9}\b", " ", text
    )
    for value in sorted(data, key=len, reverse=True):
        if not re.fullmatch(r"[A-Za-z]", value):  # a one-letter value would hide English
            text = text.replace(value, " ")
    text = re.sub(r"\{[^}]*\}", " ", text)
    # Syntax the user types: rules and thresholds (label=porn:10, latency_ms<=100), column
    # names (weighted_error) and placeholders in capitals (COLUMN=VALUE:WEIGHT).
    text = re.sub(r"\S*[=<>]\S*|\w+_\w+|\b[A-Z]{2,}\b", " ", text)
    return [
        w
        for w in WORD.findall(text)
        if w.lower().strip("'’-") not in UNIVERSAL and not re.fullmatch(r"[A-Z]", w)
    ]  # a key letter: J, K, N, S…


def data_of(session) -> set[str]:  # type: ignore[no-untyped-def]
    items = session.items_frame()
    values = {c.name for c in session.categories()}
    values |= {c.description for c in session.categories() if c.description}
    for column in ("image", "label", "prediction", "key", "split", "id"):
        if column in items.columns:
            values |= {str(v) for v in items[column].astype(str).unique()}
            values |= {Path(str(v)).name for v in items[column].astype(str).unique()}
    if "metadata" in items.columns:  # the predictions file's extra columns (ink…)
        for text in items["metadata"].dropna().astype(str).head(50):
            values |= set(json.loads(text)) if text.startswith("{") else set()
    values |= {session.reviewer or "", session.display_name, session.meta("title") or ""}
    return {" ".join(v.split()) for v in values if v and v.strip()}


@pytest.fixture
def chinese(qapp):
    language = i18n.install("zh_CN")
    assert language == "zh_CN"
    yield
    i18n.install("en")


@pytest.fixture
def demo_session(isolated_user_data, chinese):
    from erroranalysis.core.demo import open_demo_session

    session = open_demo_session(reset=True)
    yield session  # the window closes it


def collect_window(qtbot, monkeypatch, session) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Everything the window shows in its views, docks, analysis tabs and dialogs."""
    from erroranalysis.gui.category_editor import AddCategoryDialog, CategoryEditor
    from erroranalysis.gui.properties_dialog import PropertiesDialog
    from erroranalysis.gui.start_screen import NewSessionDialog, StartScreen, remember_session

    remember_session(session.path, session.meta("title"))  # the start screen lists it
    window = open_window(qtbot, session)
    texts: list[tuple[str, str]] = []
    # A few reviewed items, so the tally, its chart and the analysis have numbers.
    view = window.review_view
    first = session.categories()[0]
    for _ in range(3):
        action = next(a for a in view.category_actions if a.data() == first.id)
        action.trigger()
        view.done()
    qtbot.wait(50)
    for name in ("review", "spreadsheet", "grid"):
        window.set_view(name)
        window.tally_dock.raise_()
        qtbot.wait(80)
        texts += visible_texts(window)
    for chart in window.tally_panel.findChildren(QWidget):
        if type(chart).__name__.endswith("Chart") and chart.isVisibleTo(window):
            texts += painted_texts(chart, monkeypatch)
    window.analysis_dock.show()
    window.analysis_dock.raise_()
    panel = window.analysis_panel
    for index in range(panel.count()):
        panel.setCurrentIndex(index)
        qtbot.wait(150)
        QApplication.processEvents()
        texts += visible_texts(window)
        for chart in panel.currentWidget().findChildren(QWidget):
            if type(chart).__name__.endswith("Chart") and chart.isVisibleTo(window):
                texts += painted_texts(chart, monkeypatch)
    # A category added mid-review: the revisit bar offers the earlier items.
    from erroranalysis.core.categories import Category
    from erroranalysis.gui.analysis.labels_panel import SampleCorrectDialog
    from erroranalysis.gui.commands import AddCategoryCommand, push_command

    window.set_view("review")
    push_command(window.undo_stack, AddCategoryCommand(session, Category("污迹")))
    view._revisit_offer = session.category_by_name("污迹").id
    view._refresh_revisit_bar()
    qtbot.wait(100)
    texts += visible_texts(window)
    view.start_revisit(session.category_by_name("污迹").id)  # the revisit pass's bar
    qtbot.wait(100)
    texts += visible_texts(window)
    from erroranalysis.gui.choose_dialog import ChooseDialog
    from erroranalysis.gui.suggestion_menu import SHARPNESS, LinkDialog
    from erroranalysis.gui.weights_dialog import WeightsDialog

    dialogs: list[QWidget] = [
        SampleCorrectDialog(40, window),
        ChooseDialog(window),
        WeightsDialog(session, window.undo_stack, window),
        LinkDialog(session, SHARPNESS, None, 90.0, window),
        window.show_shortcuts(),
        window.show_properties(),
        CategoryEditor(session, window.signals, window.undo_stack, window),
        AddCategoryDialog(session, window),
        PropertiesDialog(session, window),
        NewSessionDialog(
            Path(session.meta("source") or "predictions.csv"), Path("predictions.eareview"), window
        ),
        StartScreen(),
    ]
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        texts += visible_texts(dialog)
        dialog.close()
    window.close()
    return texts


def test_the_whole_window_in_chinese_has_no_english_but_data(qtbot, monkeypatch, demo_session):
    data = data_of(demo_session)
    texts = collect_window(qtbot, monkeypatch, demo_session)
    assert len(texts) > 300  # the walk saw the window (menus, views, docks, dialogs)
    english = sorted(
        {
            f"{where}: {text!r} -> {words}"
            for where, text in texts
            if (words := english_words(text, data))
        }
    )
    assert not english, f"{len(english)} English texts in the Chinese window:\n" + "\n".join(
        english
    )


def test_the_choose_dialog_gives_its_verdict_in_chinese(qtbot, chinese):
    """The dialog showed core's English verdict and misses as they were ("B wins: …",
    "A misses latency_ms<=100 (is 120)") in the Chinese window."""
    import pandas as pd

    from erroranalysis.core.choose import choose_model, parse_constraint
    from erroranalysis.gui.choose_dialog import ChooseDialog

    table = pd.DataFrame(
        {"accuracy": [0.91, 0.89, 0.85], "latency_ms": [120.0, 80.0, 300.0]},
        index=["A", "B", "C"],
    )
    choice = choose_model(table, "accuracy", [parse_constraint("latency_ms<=100")], "max")
    assert "Dropped: A misses latency_ms<=100 (is 120)" in choice.verdict  # JSON: English
    dialog = ChooseDialog()
    qtbot.addWidget(dialog)
    dialog._show_choice(choice)
    verdict = dialog.verdict.text()
    assert re.search("[\u4e00-\u9fff]", verdict), verdict
    assert "wins" not in verdict and "misses" not in verdict, verdict
    assert "latency_ms<=100（实际为 120）" in verdict
    last = dialog.results.columnCount() - 1
    missed = [dialog.results.item(row, last).text() for row in range(dialog.results.rowCount())]
    assert "latency_ms<=100（实际为 300）" in missed and not any("(is " in m for m in missed)
