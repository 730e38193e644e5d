"""packaging/lean_numpy.py: build.py --numpy-without-blas, which rebuilds numpy without
OpenBLAS for a 28 MB smaller executable (the rebuild itself runs in CI's bundle step)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("lean_numpy", ROOT / "packaging" / "lean_numpy.py")
lean_numpy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lean_numpy)


def test_installed_numpy_names_this_interpreters_numpy() -> None:
    found = lean_numpy.installed_numpy()
    assert found["version"] == np.__version__
    assert found["blas"]  # "scipy-openblas" from a wheel, "none" from a lean build


def test_the_rebuild_pins_the_same_version_from_source_without_blas() -> None:
    command = lean_numpy.rebuild_command("2.4.6", "/venv/bin/python")
    assert command[:4] == ["/venv/bin/python", "-m", "pip", "install"]
    assert "numpy==2.4.6" in command and "--force-reinstall" in command
    assert command[command.index("--no-binary") + 1] == "numpy"
    assert "--no-deps" in command  # pandas and pyarrow stay as they are
    assert "-Csetup-args=-Dblas=none" in command and "-Csetup-args=-Dlapack=none" in command


def _fake_numpy(monkeypatch, states: list[dict[str, str]], pip_returncode: int) -> list[list]:
    """installed_numpy answers ``states`` in turn; pip calls are recorded, not run."""
    answers = iter(states)
    monkeypatch.setattr(lean_numpy, "installed_numpy", lambda python=None: next(answers))
    monkeypatch.setattr(lean_numpy.sys, "platform", "linux")
    calls: list[list] = []

    def run(command, **_kwargs):
        calls.append(command)
        return subprocess.CompletedProcess(command, pip_returncode, "", "error: no compiler\n")

    monkeypatch.setattr(lean_numpy.subprocess, "run", run)
    return calls


def test_a_numpy_without_blas_is_left_alone(monkeypatch, capsys) -> None:
    calls = _fake_numpy(monkeypatch, [{"version": "2.4.6", "blas": "none"}], 0)
    assert lean_numpy.ensure_without_blas() is True
    assert calls == []
    assert "has no BLAS already" in capsys.readouterr().out


def test_a_wheel_numpy_is_rebuilt_and_checked(monkeypatch, capsys) -> None:
    calls = _fake_numpy(monkeypatch, [{"version": "2.4.6", "blas": "scipy-openblas"},
                                      {"version": "2.4.6", "blas": "none"}], 0)
    assert lean_numpy.ensure_without_blas(sys.executable) is True
    assert calls == [lean_numpy.rebuild_command("2.4.6", sys.executable)]
    assert "rebuilt without BLAS" in capsys.readouterr().out


def test_a_failed_rebuild_says_why_and_keeps_the_wheel(monkeypatch, capsys) -> None:
    _fake_numpy(monkeypatch, [{"version": "2.4.6", "blas": "scipy-openblas"}], 1)
    assert lean_numpy.ensure_without_blas() is False
    out = capsys.readouterr().out
    assert "WARNING: the rebuild failed" in out and "no compiler" in out


def test_a_rebuild_that_still_has_blas_is_not_taken_for_success(monkeypatch, capsys) -> None:
    _fake_numpy(monkeypatch, [{"version": "2.4.6", "blas": "scipy-openblas"},
                              {"version": "2.4.6", "blas": "openblas"}], 0)
    assert lean_numpy.ensure_without_blas() is False
    assert "WARNING: numpy is now 2.4.6 with openblas" in capsys.readouterr().out
