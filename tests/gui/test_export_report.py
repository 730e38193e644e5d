"""File ▸ Export report… writes the team report (issue 15) through the core function."""

from __future__ import annotations

from gui_helpers import open_window, press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from erroranalysis.core.demo import open_demo_session


def test_export_report_from_the_file_menu(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, open_demo_session(reset=True))
    try:
        press(window.review_view, Qt.Key.Key_1, Qt.Key.Key_Right, Qt.Key.Key_2)
        window.review_view.comment_box.setPlainText("<b>not bold</b>")  # not yet committed
        file_menu = window.menuBar().actions()[0].menu()
        assert window.export_report_action in file_menu.actions()
        target = tmp_path / "team-report.html"
        asked = []

        def save_dialog(parent, title, default, filters):  # type: ignore[no-untyped-def]
            asked.append((title, default, filters))
            return str(target), filters.split(";;")[0]

        monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
        window.export_report_action.trigger()
        assert asked and asked[0][1].endswith("demo-report.html")
        text = target.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>")
        # The comment being typed was saved first, and shows as text.
        assert "&lt;b&gt;not bold&lt;/b&gt;" in text
        assert "Wrote the report" in window.statusBar().currentMessage()
        window.export_report(tmp_path / "team-report.md")
        assert (
            (tmp_path / "team-report.md").read_text(encoding="utf-8").startswith("# Error analysis")
        )
    finally:
        window.close()
