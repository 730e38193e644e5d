"""Issue 9, item 2: `new` onto a full disk, into a read-only folder, on odd file names."""

from __future__ import annotations

import os
import resource
import signal
from pathlib import Path

import pytest
from conftest import run_cli
from PIL import Image
from test_two_programs import _can_mount_read_only, _read_only_cli


def _predictions(folder: Path, rows: int = 400) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["image,label,prediction"] + [f"img/{i}.png,cat,{'dog' if i % 2 else 'cat'}"
                                           for i in range(rows)]
    path = folder / "preds.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def _small_disk() -> None:
    # The file-size limit makes writes fail the way a full disk does.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (30_000, 30_000))


def test_new_onto_a_full_disk_is_one_line_and_leaves_nothing(tmp_path: Path):
    preds = _predictions(tmp_path / "data")
    result = run_cli("new", str(preds), "--allow-missing-images", preexec=_small_disk)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot create the session" in lines[0]
    assert sorted(p.name for p in preds.parent.iterdir()) == ["preds.csv"]


@pytest.mark.skipif(not _can_mount_read_only(),
                    reason="needs root and unshare to mount a read-only file system")
def test_new_into_a_read_only_folder_is_one_line(tmp_path: Path):
    preds = _predictions(tmp_path / "shared")
    result = _read_only_cli(preds.parent, "new", str(preds), "--allow-missing-images")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Read-only file system" in lines[0]


@pytest.mark.skipif(os.name == "nt", reason="POSIX file names")
def test_new_on_a_folder_with_a_non_utf8_name(tmp_path: Path):
    folder = tmp_path / "errors"
    folder.mkdir()
    Image.new("RGB", (4, 4)).save(folder / "ok.png")
    Image.new("RGB", (4, 4)).save(os.fsencode(folder) + b"/caf\xe9.png", format="PNG")
    result = run_cli("new", str(folder))
    assert result.returncode == 0, result.stderr
    assert "1 image(s) skipped because their names are not valid UTF-8" in result.stderr
    assert "1 items to review" in result.stdout
