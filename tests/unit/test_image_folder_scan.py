"""A folder of images: which files become items (the listing that replaced ``Path.rglob``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from erroranalysis.core.imaging import IMAGE_EXTENSIONS
from erroranalysis.core.sources import scan_image_folder, storable_names


def _rglob_listing(folder: Path) -> tuple[list[str], list[str]]:
    """The listing as it was made before, with ``Path.rglob`` and ``is_file``."""
    return storable_names(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.suffix.lower() in IMAGE_EXTENSIONS and not p.name.startswith(".") and p.is_file()
    )


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and raw byte names")
def test_the_listing_is_what_rglob_gave(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    for folder in ("a/b", ".hidden", "x.jpg", "Mixed/Case"):
        (tree / folder).mkdir(parents=True)
    for file in ("a/1.jpg", "a/b/2.PNG", "a/b/6.jpeg", ".hidden/3.jpg", ".4.jpg", "5.txt",
                 "x.jpg/7.jpg", "Mixed/Case/B.webp", "Mixed/a.tif", "noext", "a/b/c.JPG"):
        (tree / file).write_bytes(b"x")
    os.symlink("a/1.jpg", tree / "link.jpg")  # a link to a file: listed
    os.symlink("a", tree / "linkdir")  # a link to a folder: not entered
    os.symlink("missing.jpg", tree / "broken.jpg")  # a dangling link: not a file
    os.symlink("..", tree / "a" / "b" / "up")  # a loop: not entered
    (tree / os.fsdecode(b"bad\xff.jpg")).write_bytes(b"x")  # not UTF-8: skipped, named

    listed = scan_image_folder(tree)
    assert listed == _rglob_listing(tree)
    found, skipped = listed
    assert "link.jpg" in found and not any(name.startswith("linkdir/") for name in found)
    assert "broken.jpg" not in found and ".4.jpg" not in found and "5.txt" not in found
    assert ".hidden/3.jpg" in found and "x.jpg/7.jpg" in found
    assert skipped == ["bad\ufffd.jpg"]
