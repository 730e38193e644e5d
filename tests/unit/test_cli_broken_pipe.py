"""``erroranalysis ... | head``: a reader that stops early is not an error."""

from __future__ import annotations

import io
import sys

from erroranalysis.cli import main


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        raise io.UnsupportedOperation("fileno")


def test_a_closed_pipe_exits_quietly_with_success(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["demo"]) == 0
    assert capsys.readouterr().err == ""

