"""Shared setup for the pytest-qt tests: run Qt without a display."""

import os

# Before any QApplication exists (pytest-qt creates it on first use), so the
# tests run the same on CI, over SSH and on a desktop.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def isolated_user_data(tmp_path, monkeypatch):
    """Each test gets its own user data folder (demo session, recent list, window
    settings) and its own QSettings, so tests never see each other's or the
    developer's files."""
    from PySide6.QtCore import QSettings

    data = tmp_path / "user-data"
    data.mkdir()
    monkeypatch.setenv("ERRORANALYSIS_DATA_DIR", str(data))
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path / "qsettings"))
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(tmp_path / "qsettings"))
    return data


@pytest.fixture
def parts(session):
    """The session of the test module (its ``session`` fixture) with signals and an undo stack."""
    from PySide6.QtGui import QUndoStack

    from erroranalysis.gui.session_signals import SessionSignals

    signals = SessionSignals(session)
    undo = QUndoStack()
    yield session, signals, undo
    signals.detach()
