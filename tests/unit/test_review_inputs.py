"""Issue 8: input a user gives that went wrong (numeric labels, images copied away,
a predictions file given to tally, wide characters in the table)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from erroranalysis.cli import main
from erroranalysis.core.categories import Category
from erroranalysis.core.errors import UserError
from erroranalysis.core.predictions import load_predictions
from erroranalysis.core.report import display_width, render_table
from erroranalysis.core.session import ReviewSession
from erroranalysis.core.tally import compute_tally


def test_numeric_labels_compare_as_numbers(tmp_path: Path):
    path = tmp_path / "p.csv"
    pd.DataFrame({"image": ["a", "b", "c", "d"], "label": [1, 2, 3, 4],
                  "prediction": [1.0, 2.0, 7.0, 4.5]}).to_csv(path, index=False)
    predictions = load_predictions(path)
    assert predictions.dev_errors == 2  # 3 -> 7 and 4 -> 4.5; 1 == 1.0
    assert list(predictions.frame["prediction"]) == ["1", "2", "7", "4.5"]
    assert len(predictions.notes) == 1 and "compared as numbers" in predictions.notes[0]


def test_text_labels_stay_text(tmp_path: Path):
    path = tmp_path / "p.csv"
    path.write_text("image,label,prediction\na,01,1\nb,cat,cat\n")
    predictions = load_predictions(path)
    assert predictions.dev_errors == 1 and predictions.notes == []


def test_same_text_numbers_need_no_note(tmp_path: Path):
    path = tmp_path / "p.csv"
    path.write_text("image,label,prediction\na,1,1\nb,2,3\n")
    predictions = load_predictions(path)
    assert predictions.notes == [] and list(predictions.frame["label"]) == ["1", "2"]


def _copied_away(tmp_path: Path) -> tuple[Path, Path]:
    photos = tmp_path / "photos"
    (photos / "img").mkdir(parents=True)
    for name in ("a.png", "b.png"):
        Image.new("RGB", (4, 4)).save(photos / "img" / name)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    csv = elsewhere / "preds.csv"
    csv.write_text("image,label,prediction\nimg/a.png,cat,dog\nimg/b.png,cat,dog\n")
    return csv, photos


def test_new_refuses_when_no_image_is_found_and_images_root_fixes_it(tmp_path, capsys):
    csv, photos = _copied_away(tmp_path)
    assert main(["new", str(csv)]) == 2
    err = capsys.readouterr().err
    assert "none of the 2 images was found" in err and "--images-root" in err
    assert not csv.with_suffix(".easession").exists()  # nothing half-made left behind
    assert main(["new", str(csv), "--images-root", str(photos)]) == 0
    out = capsys.readouterr().out
    assert "categories: dog, great cat, blurry, incorrect label (label error)" in out
    assert "the course's defaults" in out
    with ReviewSession.open(csv.with_suffix(".easession")) as session:
        assert session.resolve_image(session.item_at(0).image).exists()


def test_new_with_allow_missing_images_warns(tmp_path, capsys):
    csv, _photos = _copied_away(tmp_path)
    assert main(["new", str(csv), "--allow-missing-images", "--categories", "x,y"]) == 0
    captured = capsys.readouterr()
    assert "2 of 2 images not found" in captured.err
    assert "categories: x, y\n" in captured.out


def test_rebase_images_finds_the_folder_from_a_parent(tmp_path):
    from erroranalysis.core.sources import SourceOptions, create_session

    csv, _photos = _copied_away(tmp_path)
    session = create_session(csv, None, SourceOptions())
    rebase = session.rebase_images(tmp_path)  # a parent of the images' folder
    assert (rebase.found, rebase.total) == (2, 2)
    assert session.item_at(0).image == "photos/img/a.png"
    with pytest.raises(UserError, match="not in this folder"):
        session.rebase_images(csv.parent)
    session.restore_images(rebase)
    assert session.item_at(0).image == "img/a.png"
    session.close()


def test_resolved_image_paths_follow_the_files_and_the_images_root(tmp_path):
    """resolve_image remembers what it found; a file that appears later and a moved
    images root are still seen."""
    from erroranalysis.core.sources import SourceOptions, create_session

    csv, photos = _copied_away(tmp_path)
    session = create_session(csv, None, SourceOptions())
    image = session.item_at(0).image
    missing = session.resolve_image(image)
    assert not missing.exists()
    beside = csv.parent / image  # the file turns up beside the session
    beside.parent.mkdir(parents=True, exist_ok=True)
    beside.write_bytes((photos / "img" / "a.png").read_bytes())
    assert session.resolve_image(image) == beside
    rebase = session.rebase_images(tmp_path)
    moved = session.item_at(0).image
    assert session.resolve_image(moved).exists()
    assert session.resolve_image(moved) != beside
    session.restore_images(rebase)
    assert session.resolve_image(image) == beside
    session.close()


def test_image_files_lead_to_what_resolve_image_finds_without_a_file_check(
    tmp_path, monkeypatch
):
    """image_files (what the grid and the sheet hand their decoder thread) lists where
    an image may be without touching the disk; the first that exists is resolve_image's
    answer, whether the file is under the images root, beside the session, or nowhere."""
    import os

    from erroranalysis.core.sources import SourceOptions, create_session

    def first_existing(files):
        return next((f for f in files if f.exists()), files[0])

    def no_stat(*_args, **_kwargs):
        raise AssertionError("image_files touched the disk")

    csv, photos = _copied_away(tmp_path)
    session = create_session(csv, None, SourceOptions())
    image = session.item_at(0).image
    with monkeypatch.context() as patched:
        patched.setattr(os, "stat", no_stat)
        nowhere = session.image_files(image)
    assert first_existing(nowhere) == session.resolve_image(image)
    beside = csv.parent / image
    beside.parent.mkdir(parents=True, exist_ok=True)
    beside.write_bytes((photos / "img" / "a.png").read_bytes())
    assert first_existing(session.image_files(image)) == session.resolve_image(image) == beside
    # Once resolve_image has found it, only the found file is listed.
    assert session.image_files(image) == (beside,)
    rebase = session.rebase_images(tmp_path)
    moved = session.item_at(0).image
    assert first_existing(session.image_files(moved)) == session.resolve_image(moved)
    assert session.image_files(moved)[0].exists()
    absolute = str(tmp_path / "x.png")
    assert session.image_files(absolute) == (Path(absolute),)
    session.restore_images(rebase)
    session.close()


def test_tally_of_a_predictions_file_says_what_to_do(tmp_path, capsys):
    csv, _photos = _copied_away(tmp_path)
    assert main(["tally", str(csv)]) == 2
    err = capsys.readouterr().err
    assert "this is a predictions file, not a review spreadsheet" in err
    assert "erroranalysis review preds.csv" in err


def test_table_pads_by_display_width():
    assert display_width("模糊") == 4 and display_width("blurry") == 6
    assert display_width("e\u0301") == 1  # a combining accent takes no column
    tally = compute_tally([Category("模糊"), Category("blurry")], [3, 1], reviewed=10,
                          dev_errors=10, dev_size=100)
    lines = render_table(tally).splitlines()
    rows = {line.split()[0]: line for line in lines if line.startswith(("模糊", "blurry"))}
    # The count column is right-aligned: it ends in the same terminal column.
    end_of_count = {
        name: display_width(row[: len(name) + len(row[len(name):]) - len(row[len(name):].lstrip())
                                + 1])
        for name, row in rows.items()
    }
    assert end_of_count["模糊"] == end_of_count["blurry"]


def test_label_error_marked_one_way_everywhere(tmp_path, capsys):
    tally = compute_tally([Category("wrong label", kind="label_error")], [1], reviewed=4,
                          dev_errors=4, dev_size=40)
    assert "wrong label (label error)" in render_table(tally)
    data = json.loads(json.dumps(tally.to_json_dict()))
    assert data["categories"][0]["kind"] == "label_error"
