"""Fixtures of the team-server tests (the server fixtures are in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ERRORANALYSIS_DATA_DIR", str(tmp_path / "userdata"))

