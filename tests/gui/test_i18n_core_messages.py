"""Issue 16: core's messages (a UserError) in the app's language, whatever LANG says."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from erroranalysis import i18n as shared
from erroranalysis.gui import i18n


def test_the_app_in_chinese_tells_a_core_error_in_chinese(qapp, monkeypatch, tmp_path):
    from erroranalysis.gui.app import AppController, make_application

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # the terminal is English; the app is not
    monkeypatch.setattr(shared, "requested", None)
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _parent, _title, text, *a: shown.append(text))
    )
    not_a_session = tmp_path / "notes.easession"
    not_a_session.write_text("just some notes\n")
    make_application(language="zh_CN")
    try:
        assert shared.cli_language() == "zh_CN"
        controller = AppController(QApplication.instance())
        assert controller.open_session(not_a_session) is False
        assert controller.open_session(tmp_path / "gone.easession") is False
    finally:
        i18n.install("en")
    assert shown == [
        f"{not_a_session}：不是 erroranalysis 会话（不是 SQLite 文件）",
        f"{tmp_path / 'gone.easession'}：没有这个会话文件",
    ]
    # Back in English, the same mistake is told in English.
    assert shared.cli_language() == "en"
    assert AppController(QApplication.instance()).open_session(not_a_session) is False
    assert shown[-1] == f"{not_a_session}: not an erroranalysis session (not an SQLite file)"
