"""Issue 16: the app's language, Qt's own strings, core's texts and CJK glyphs."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QTextLayout
from PySide6.QtWidgets import QDialogButtonBox

from erroranalysis import i18n as shared
from erroranalysis.core.agreement import KAPPA_TITLES
from erroranalysis.core.categories import LABEL_ERROR, LABEL_ERROR_TAG
from erroranalysis.core.diagnosis import ADVICE, GAP_TITLES, LEVEL_TITLES
from erroranalysis.core.label_noise import compare_models, label_split
from erroranalysis.core.ranking import Ranking
from erroranalysis.gui import core_texts, i18n


@pytest.fixture
def chinese(qapp):
    assert i18n.install("zh_CN") == "zh_CN"
    yield
    i18n.install("en")


def test_language_precedence(qapp, monkeypatch, isolated_user_data):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setattr(shared, "requested", None)
    assert i18n.choose_language() == "zh_CN"  # the system's
    i18n.save_language("en")
    assert i18n.choose_language() == "en"  # the Settings entry beats the system
    monkeypatch.setattr(shared, "requested", "zh_CN")
    assert i18n.choose_language() == "zh_CN"  # --lang beats the Settings entry
    assert i18n.choose_language("en") == "en"  # an explicit flag beats all
    i18n.save_language(None)
    monkeypatch.setattr(shared, "requested", None)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert i18n.choose_language() == "en"


def test_qt_standard_buttons_speak_chinese(chinese):
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Close
    )
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert any("取消" in t for t in texts) and any("关闭" in t for t in texts)


def test_default_categories_are_named_in_the_language_of_creation(qapp):
    assert [c.name for c in i18n.default_categories_here()] == [
        "dog",
        "great cat",
        "blurry",
        "incorrect label",
    ]
    i18n.install("zh_CN")
    try:
        here = i18n.default_categories_here()
    finally:
        i18n.install("en")
    assert [c.name for c in here] == ["狗", "大型猫科动物", "模糊", "标注错误"]
    assert here[3].kind == LABEL_ERROR and here[3].description == "真实标签本身有误"


def test_new_session_dialog_in_chinese_makes_chinese_categories(chinese, qtbot, tmp_path):
    from erroranalysis.gui.start_screen import NewSessionDialog

    dialog = NewSessionDialog(tmp_path / "p.csv", tmp_path / "p.easession")
    qtbot.addWidget(dialog)
    assert dialog.categories.text() == "狗, 大型猫科动物, 模糊"
    options = dialog.build_options()
    assert [c.name for c in options.categories] == ["狗", "大型猫科动物", "模糊", "标注错误"]
    assert options.categories[-1].kind == LABEL_ERROR


def test_every_core_word_is_in_the_catalogue():
    """core/ keeps its words in English; gui/core_texts lists each for lupdate. A word
    added to core without a line there would show in English."""
    listed = set(core_texts._WORDS)
    for table in (LEVEL_TITLES, GAP_TITLES, ADVICE, KAPPA_TITLES):
        assert set(table.values()) <= listed
    assert LABEL_ERROR_TAG in listed


def _verdicts() -> list[str]:
    out = []
    for settled, more, p, level in [
        (True, 0, 0.97, False),
        (True, 0, 0.999, False),
        (False, 12, 0.8, False),
        (False, 1, 0.8, False),
        (False, None, 0.6, False),
        (False, None, 0.5, True),
    ]:
        out.append(Ranking(settled, "狗", "模糊", p, more, level=level).verdict())
    for share, gain in [(0.3, None), (0.05, None), (0.3, 0.02), (0.05, 0.05)]:
        out.append(label_split(0.1, share, gain).verdict)
    out.append(label_split(0.0, 0.0, None).verdict)
    for a, b, noise in [
        (0.1, 0.1, 0.0),
        (0.1, 0.1, 0.01),
        (0.1, 0.08, 0.0),
        (0.1, 0.08, 0.005),
        (0.1, 0.09, 0.05),
    ]:
        out.append(compare_models(a, b, noise).verdict)
    return out


def test_core_sentences_are_shown_in_chinese(chinese):
    for english in _verdicts():
        shown = core_texts.sentences(english)
        # Only the values are left in Latin letters: model names A/B, "probability"-free.
        assert not re.search(r"[a-z]{3,}", shown), (english, shown)
        numbers = re.findall(r"\d+(?:\.\d+)?%", english)
        assert all(n in shown for n in numbers), (english, shown)


def test_core_sentences_stay_english_in_english(qapp):
    for english in _verdicts():
        assert core_texts.sentences(english) == english


def _cjk_font_available() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


@pytest.mark.parametrize("bold", [False, True])
def test_chinese_text_renders_without_tofu(qapp, bold):
    """Every glyph of a Chinese line in the app's font (and the charts', which paint with
    it) comes from a real font: glyph 0 is the "missing" box."""
    from erroranalysis.gui.app import make_application

    if not _cjk_font_available():  # needs the QApplication: not at collection
        pytest.skip("no CJK font installed (Debian: fonts-noto-cjk; .ci/run installs it)")
    app = make_application(language="zh_CN")
    try:
        font = QFont(app.font())
        font.setBold(bold)
        layout = QTextLayout(
            "误差分析：可避免偏差、方差、数据不匹配、标注错误；验证集误差 10.33%", font
        )
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        glyphs = [g for run in layout.glyphRuns() for g in run.glyphIndexes()]
        assert glyphs and 0 not in glyphs
    finally:
        i18n.install("en")


def test_view_language_menu_keeps_the_choice_for_the_next_start(qtbot, tmp_path, monkeypatch):
    from gui_helpers import open_window

    from erroranalysis.core.demo import open_demo_session

    monkeypatch.setattr(shared, "requested", None)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    window = open_window(qtbot, open_demo_session(reset=True))
    assert set(window.language_actions) == {"", "en", "zh_CN"}
    assert window.language_actions[""].isChecked()  # follows the system until chosen
    window.language_actions["zh_CN"].trigger()
    assert i18n.saved_language() == "zh_CN"
    assert i18n.choose_language() == "zh_CN"
    assert "简体中文" in window.statusBar().currentMessage()
    window.language_actions[""].trigger()
    assert i18n.saved_language() is None and i18n.choose_language() == "en"
    window.close()
