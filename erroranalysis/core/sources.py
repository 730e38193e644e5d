"""Making a review session from what a user has: a predictions file or a folder of images."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from erroranalysis.core.categories import Category, default_categories
from erroranalysis.core.errors import UserError
from erroranalysis.core.imaging import IMAGE_EXTENSIONS
from erroranalysis.core.predictions import ColumnNames, load_predictions
from erroranalysis.core.session import ReviewSession, default_session_path
from erroranalysis.core.store import is_server_location
from erroranalysis.i18n import translate

PREDICTION_SUFFIXES = (".csv", ".tsv", ".txt", ".parquet", ".pq")


@dataclass(frozen=True)
class SourceOptions:
    """How to turn a source into a session (the flags of ``erroranalysis new``)."""

    columns: ColumnNames = field(default_factory=ColumnNames)
    sample: int | None = None
    seed: int = 0
    categories: tuple[Category, ...] | None = None
    dev_size: int | None = None
    dev_error: float | None = None
    reviewer: str = ""
    images_root: Path | None = None
    #: ``COLUMN=VALUE:WEIGHT`` rules (``--weight``), kept in the session as written
    #: (editable later; see :mod:`erroranalysis.core.session_weights`).
    weight_rules: tuple[str, ...] = ()


def sample_rows(frame: pd.DataFrame, size: int | None, seed: int) -> pd.DataFrame:
    """A seeded random sample of ``size`` rows, kept in the file's order; all rows when None."""
    if size is None or size >= len(frame):
        return frame
    if size <= 0:
        raise UserError(
            translate(
                "core.errors",
                "--sample must be a positive number, not {size}",
            ).format(size=size)
        )
    rng = np.random.default_rng(seed)
    chosen = np.sort(rng.choice(len(frame), size=size, replace=False))
    return frame.iloc[chosen]


def scan_images(folder: Path) -> list[str]:
    """Image files under ``folder`` (recursively), as paths relative to it, sorted."""
    return scan_image_folder(folder)[0]


def scan_image_folder(folder: Path) -> tuple[list[str], list[str]]:
    """Image files under ``folder`` (relative paths, sorted), and the ones skipped because
    their names are not valid UTF-8 (they cannot be stored, nor typed back)."""
    return storable_names(_walk_files(str(folder)))


def storable_names(names: Iterable[str]) -> tuple[list[str], list[str]]:
    """``names`` sorted (case-insensitively first), and apart, shown with replacement
    characters, the ones that are not valid UTF-8 (they cannot be stored)."""
    found, skipped = [], []
    for name in names:
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            skipped.append(name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
            continue
        found.append(name)
    return sorted(found, key=lambda s: (s.lower(), s)), skipped


def _walk_files(top: str) -> list[str]:
    """The image files under ``top`` as relative POSIX paths, in no particular order:
    names with an image extension, not hidden, that are files (a link to a file counts;
    links to folders are not entered, as ``Path.rglob`` did not); unreadable folders
    are passed over.

    ``os.scandir`` entries know their type without a ``stat`` per file: 100,000
    images are listed in an eighth of the time ``Path.rglob`` and ``is_file`` took.
    """
    found: list[str] = []
    stack = [("", top)]
    while stack:
        prefix, path = stack.pop()
        try:
            with os.scandir(path) as entries:
                listed = list(entries)
        except (PermissionError, FileNotFoundError, NotADirectoryError):
            continue
        for entry in listed:
            name = entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((f"{prefix}{name}/", entry.path))
                    continue
                if (
                    name.startswith(".")
                    or os.path.splitext(name)[1].lower() not in IMAGE_EXTENSIONS
                    or not entry.is_file()
                ):
                    continue
            except OSError:
                continue  # vanished, or a link we may not follow
            found.append(prefix + name)
    return found


def create_session(
    source: str | Path,
    output: str | Path | None,
    options: SourceOptions,
    *,
    overwrite: bool = False,
) -> ReviewSession:
    """Create a session from a predictions file or an image folder.

    A predictions file gives ``dev_size`` and ``dev_errors``; for a folder,
    every image is a dev error and the dev size comes from ``options``
    (``dev_size`` or ``dev_error``), else the rates stay unknown.
    """
    source = Path(source)
    if not source.exists():
        raise UserError(
            translate(
                "core.errors",
                "{source}: no such file or folder",
            ).format(source=source)
        )
    if output is None:
        output = default_session_path(source)
    elif not is_server_location(output):  # a server session's URL stays as it is
        output = Path(output)
    categories = list(options.categories) if options.categories else default_categories()
    extra = {"sample_size": options.sample or "", "seed": options.seed}
    notes: list[str] = []
    if source.is_dir():
        if options.weight_rules:
            raise UserError(
                translate(
                    "core.errors",
                    "--weight: {source} is a folder of images, with no predictions to weigh",
                ).format(source=source)
            )
        images, skipped = scan_image_folder(source)
        if skipped:
            notes.append(
                translate(
                    "core.notes",
                    "{source}: {count} image(s) skipped because their names are not valid "
                    "UTF-8 (e.g. {example}); rename them and make the session again to include "
                    "them",
                ).format(source=source, count=len(skipped), example=skipped[0])
            )
        if not images:
            raise UserError(
                translate(
                    "core.errors",
                    "{source}: no images found (looked for {extensions})",
                ).format(source=source, extensions=', '.join(sorted(IMAGE_EXTENSIONS)))
            )
        dev_errors = len(images)
        dev_size = _folder_dev_size(dev_errors, options)
        frame = pd.DataFrame({"key": images, "image": images, "score": np.nan, "split": "dev"})
        frame = sample_rows(frame, options.sample, options.seed)
        session = ReviewSession.create(
            output,
            frame,
            categories,
            dev_size=dev_size,
            dev_errors=dev_errors,
            source=source.resolve(),
            source_kind="folder",
            base_dir=source,
            extra_meta=extra,
            overwrite=overwrite,
        )
    else:
        predictions = load_predictions(source, options.columns)
        if options.weight_rules:
            from erroranalysis.core.session_weights import WEIGHT_RULES_KEY, rules_on_frame
            from erroranalysis.core.weighted import parse_weight_rule

            rules = [parse_weight_rule(text) for text in options.weight_rules]
            # Checked now (a typo must not weigh nothing), applied when read: the file's
            # own weights stay in the session, so the rules can be edited later.
            rules_on_frame(predictions.frame, predictions.mapping, rules, str(source))
            extra[WEIGHT_RULES_KEY] = json.dumps([r.text for r in rules])
        errors = predictions.errors("dev")
        if len(errors) == 0:
            raise UserError(
                translate(
                    "core.errors",
                    "{source}: the model makes no errors on the {dev_size} dev rows; there is "
                    "nothing to review",
                ).format(source=source, dev_size=predictions.dev_size)
            )
        dev_size = options.dev_size or predictions.dev_size
        items = sample_rows(errors, options.sample, options.seed)
        session = ReviewSession.create(
            output,
            items,
            categories,
            dev_size=dev_size,
            dev_errors=predictions.dev_errors,
            source=source.resolve(),
            source_kind="predictions",
            base_dir=options.images_root or source.parent,
            predictions=predictions.frame,
            metadata_columns=predictions.metadata_columns,
            extra_meta={**extra, "columns": predictions.mapping},
            overwrite=overwrite,
        )
    if options.reviewer:
        session.set_reviewer(options.reviewer)
    if not source.is_dir():
        notes.extend(predictions.notes)
    session.notes = notes
    return session


#: How many images :func:`image_check` stats before it answers "none found".
IMAGE_CHECK_SAMPLE = 200


@dataclass(frozen=True)
class ImageCheck:
    """How many of a session's images are where the session looks for them."""

    checked: int
    missing: int
    example: str  # one missing image as the session looks for it ('' when none)
    complete: bool  # every image was checked (not a sample)

    @property
    def none_found(self) -> bool:
        return self.checked > 0 and self.missing == self.checked


#: A folder holding at least this many of the images is listed once rather than
#: asked about each image (a listing of 10,000 names costs about ten stats).
LIST_FOLDER_AT = 64


def image_check(session: ReviewSession, *, sample: int | None = None) -> ImageCheck:
    """Check that a session's images exist (all of them, or the first ``sample``)."""
    images = [str(image) for image in
              session.item_columns(["image"], limit=sample)["image"].tolist()]
    exists, join = os.path.exists, os.path.join
    base = str(session.base_dir)
    listed = _listed_files(base, images)
    missing = []
    for image in images:
        # Where resolve_image looks first, as plain strings (Path objects cost more
        # than the stat over 100,000 images); the rest as it says.
        folder, _sep, name = image.rpartition("/")
        names = listed.get(folder)
        if names is not None and name in names:
            continue
        if names is None and exists(join(base, image)):
            continue
        path = str(session.resolve_image(image))
        if not exists(path):
            missing.append(path)
    return ImageCheck(len(images), len(missing), missing[0] if missing else "",
                      sample is None or sample >= session.item_count())


def _listed_files(base: str, images: list[str]) -> dict[str, set[str]]:
    """The files (symbolic links followed) of each folder under ``base`` that holds
    at least :data:`LIST_FOLDER_AT` of the relative, plainly spelled ``images``.

    Only a yes is taken from a listing: a name not in it (another spelling on a
    case-insensitive disk, a folder that cannot be listed) is asked about the usual
    way, so the answer is always the one ``os.path.exists`` gives.
    """
    per_folder = Counter(image.rpartition("/")[0] for image in images)
    listed: dict[str, set[str]] = {}
    for folder, count in per_folder.items():
        if (count < LIST_FOLDER_AT or os.path.isabs(folder) or "\\" in folder
                or ".." in folder.split("/")):
            continue
        try:
            with os.scandir(os.path.join(base, folder) if folder else base) as entries:
                listed[folder] = {entry.name for entry in entries if entry.is_file()}
        except OSError:
            continue
    return listed


def check_images_found(session: ReviewSession, images_root: Path | None) -> ImageCheck:
    """``new``: refuse a session none of whose images can be found (the CSV was copied
    away from them), naming where it looked; return the check otherwise."""
    check = image_check(session)
    if check.none_found:
        where = images_root or session.base_dir
        raise UserError(
            translate(
                "core.errors",
                "none of the {checked:,} images was found (looked under {where}, e.g. "
                "{example}); give the folder they are in with --images-root DIR",
            ).format(checked=check.checked, where=where, example=check.example)
        )
    return check


def _folder_dev_size(dev_errors: int, options: SourceOptions) -> int | None:
    if options.dev_size is not None:
        if options.dev_size < dev_errors:
            raise UserError(
                translate(
                    "core.errors",
                    "--dev-size {dev_size} is smaller than the {dev_errors} images (errors)",
                ).format(dev_size=options.dev_size, dev_errors=dev_errors)
            )
        return options.dev_size
    if options.dev_error is not None:
        if not 0 < options.dev_error <= 1:
            raise UserError(
                translate(
                    "core.errors",
                    "--dev-error must be between 0 and 1 (or 0% and 100%)",
                )
            )
        return round(dev_errors / options.dev_error)
    return None


def add_correct_sample(session: ReviewSession, size: int, seed: int = 0) -> list[int]:
    """Sample ``size`` correctly classified dev examples into the session for label review."""
    predictions = session.predictions_frame(metadata=False)  # add_items stores none
    if predictions.empty:
        raise UserError(
            translate(
                "core.errors",
                "this session was made from a folder: there are no correct examples to sample",
            )
        )
    dev = predictions[predictions["split"] == "dev"]
    correct = dev[dev["label"] == dev["prediction"]]
    already = set(session.item_columns(["key"])["key"])
    correct = correct[~correct["key"].isin(already)]
    if correct.empty:
        raise UserError(
            translate(
                "core.errors",
                "every correctly classified dev example is already in the session",
            )
        )
    chosen = sample_rows(correct, size, seed)
    return session.add_items(chosen, origin="correct")
