"""Helpers for tests that run on both session backends (see tests/conftest.py)."""

from __future__ import annotations

import pytest

#: A test of SQLite's file behaviour (WAL, locks, PRAGMAs): runs on the file backend only.
sqlite_only = pytest.mark.parametrize("backend", ["sqlite"])
