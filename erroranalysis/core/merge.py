"""Several reviewers' sessions into one: each reviewer's answers kept, the agreed ones derived.

Reviewers work in their own session files made from the same predictions file
(or the same seeded sample). :func:`merge_sessions` writes one session that
holds

- every item of every session (matched by example id, else by image path:
  :func:`erroranalysis.core.agreement.ratings_from_sessions`), and every
  category (by name); what only some sessions have is reported, never dropped;
- each reviewer's own review states, comments, ticks and "not assessed" cells
  (a category absent from a reviewer's session is not assessed by them);
- the *agreed* answer in the ordinary tables, which the tally, the export and
  the review window read: a category every reviewer who assessed it ticked is
  ticked; one they all left is not; one they disagree on is left *not
  assessed* (out of that category's n, like a category added mid-review)
  until someone resolves it in the disagreement queue.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from erroranalysis.core.agreement import (
    NOT_ASSESSED,
    Ratings,
    SessionMatch,
    disagreement_mask,
    ratings_from_sessions,
)
from erroranalysis.core.errors import UserError
from erroranalysis.core.session import (
    REVIEWED,
    SKIPPED,
    UNREVIEWED,
    ReviewSession,
)
from erroranalysis.core.store import is_server_location, parse_location
from erroranalysis.i18n import translate


@dataclass
class MergeReport:
    """What :func:`merge_sessions` made: counts for the command's summary."""

    path: Path | str  # the file, or a server session's URL (without password)
    reviewers: list[str]
    items: int
    categories: int
    disputed_items: int
    disputed_cells: int
    match: SessionMatch
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        names = ", ".join(self.reviewers)
        out = [
            translate(
                "core.notes",
                "{path}: {items:,} items, {categories} categories, reviewers {names} (matched "
                "by {matched_by})",
            ).format(
                path=self.path,
                items=self.items,
                categories=self.categories,
                names=names,
                matched_by=self.match.matched_by,
            ),
            translate(
                "core.notes",
                "agreed where every reviewer who looked agrees; {items:,} items ({cells:,} "
                "item-category cells) disagree: resolve them in the app (Review > Resolve "
                "disagreements) or see `agreement`",
            ).format(items=self.disputed_items, cells=self.disputed_cells),
        ]
        return out + self.match.notes() + self.notes


def merge_sessions(
    sessions: Sequence[ReviewSession],
    output: str | Path,
    *,
    names: Sequence[str] | None = None,
    overwrite: bool = False,
) -> tuple[ReviewSession, MergeReport]:
    """Merge reviewers' sessions into a new session file (see the module docstring)."""
    if len(sessions) < 2:
        raise UserError(
            translate(
                "core.errors",
                "merge needs two sessions or more (one per reviewer)",
            )
        )
    if is_server_location(output):  # a team session on a server
        target = parse_location(output)  # type: ignore[arg-type]
        same = [s for s in sessions if s.location is not None and s.location == target]
    else:
        output = Path(output)
        same = [s for s in sessions if s.location is None
                and s.path.resolve() == output.resolve()]
    if same:
        raise UserError(
            translate(
                "core.errors",
                "{output}: that is one of the sessions being merged; choose a new file",
            ).format(output=output)
        )
    ratings, match = ratings_from_sessions(sessions, names)
    first = sessions[0]
    dev_errors, dev_size = first.dev_errors, first.dev_size
    for other in sessions[1:]:
        if (other.dev_errors, other.dev_size) != (dev_errors, dev_size):
            raise UserError(
                translate(
                    "core.errors",
                    "{where}: made from another dev set ({dev_errors} errors of {dev_size}) than "
                    "{where2} ({dev_errors2} of {dev_size2}); merge sessions made from the same "
                    "predictions file",
                ).format(
                    where=other.where,
                    dev_errors=other.dev_errors,
                    dev_size=other.dev_size,
                    where2=first.where,
                    dev_errors2=dev_errors,
                    dev_size2=dev_size,
                )
            )
    frames = [s.items_frame() for s in sessions]
    items = _merged_items(frames, match.positions, len(ratings.item_keys))
    states = _states(frames, match.positions, len(ratings.item_keys))
    categories = _categories(sessions, ratings)
    metadata_columns = list(dict.fromkeys(c for s in sessions for c in s.metadata_columns))
    predictions = next(
        (frame for frame in (s.predictions_frame() for s in sessions) if len(frame)), None
    )
    merged = ReviewSession.create(
        output,
        items,
        categories,
        dev_size=dev_size,
        dev_errors=dev_errors,
        source=first.source or None,
        source_kind=first.meta("source_kind") or "predictions",
        base_dir=first.base_dir,
        predictions=predictions,
        metadata_columns=[c for c in metadata_columns if c in items],
        extra_meta={"merged_from": [s.where for s in sessions]},
        overwrite=overwrite,
    )
    item_ids = np.array(merged.item_ids(), dtype=np.int64)
    category_ids = [c.id for c in merged.categories()]
    _store_reviewers(merged, sessions, ratings, frames, match.positions, item_ids,
                     category_ids)
    disputed = _store_agreed(merged, ratings, states, item_ids, category_ids)
    report = MergeReport(
        merged.where if merged.location is not None else merged.path,
        list(ratings.reviewers), len(item_ids), len(category_ids),
        int(disputed.any(axis=1).sum()), int(disputed.sum()), match,
    )
    return merged, report


def _merged_items(frames: list[pd.DataFrame], positions: list[np.ndarray], count: int):
    """One row per merged item, from the first session that has it, in merged order."""
    chosen = []
    seen = np.zeros(count, dtype=bool)
    for frame, rows in zip(frames, positions, strict=True):
        new = ~seen[rows]
        if new.any():
            part = frame.loc[new].copy()
            part["_merged"] = rows[new]
            chosen.append(part)
            seen[rows] = True
    items = pd.concat(chosen, ignore_index=True).sort_values("_merged", kind="stable")
    metadata = items["metadata"].map(lambda text: json.loads(text) if text else {})
    columns = list(dict.fromkeys(k for m in metadata for k in m))
    for column in columns:
        items[column] = [m.get(column, "") for m in metadata]
    keep = ["key", "image", "label", "prediction", "score", "split", "origin", *columns]
    return items[keep].reset_index(drop=True)


def _states(frames: list[pd.DataFrame], positions: list[np.ndarray], count: int) -> np.ndarray:
    """Reviewers x items review states (UNREVIEWED where a reviewer lacks the item)."""
    states = np.full((len(frames), count), UNREVIEWED, dtype=np.int8)
    for r, (frame, rows) in enumerate(zip(frames, positions, strict=True)):
        states[r, rows] = frame["state"].to_numpy(dtype=np.int8)
    return states


def _categories(sessions: Sequence[ReviewSession], ratings: Ratings):
    by_name = {}
    for session in sessions:
        for category in session.categories():
            by_name.setdefault(category.name.casefold(), category)
    # Keys are re-assigned on creation only where two categories share one.
    chosen, keys = [], set()
    for name in ratings.categories:
        category = by_name[name.casefold()].with_(id=0)
        if category.shortcut in keys:
            category = category.with_(shortcut="")
        keys.add(category.shortcut)
        chosen.append(category)
    return chosen


def _store_reviewers(merged, sessions, ratings, frames, positions, item_ids, category_ids):
    reviewers = [(name, s.where) for name, s in zip(ratings.reviewers, sessions,
                                                        strict=True)]
    reviews, ticks, unassessed = [], [], []
    for r, (name, frame, rows) in enumerate(zip(ratings.reviewers, frames, positions,
                                                 strict=True)):
        states = frame["state"].to_numpy()
        comments = frame["comment"].to_numpy(dtype=object)
        for row, state, comment in zip(rows, states, comments, strict=True):
            reviews.append((int(item_ids[row]), name, int(state), str(comment)))
        values = ratings.values[r]
        reviewed = np.zeros(len(item_ids), dtype=bool)
        reviewed[rows[states == REVIEWED]] = True
        for row, col in zip(*np.nonzero(values == 1), strict=True):
            ticks.append((int(item_ids[row]), category_ids[col], name))
        for row, col in zip(*np.nonzero((values == NOT_ASSESSED) & reviewed[:, None]),
                            strict=True):
            unassessed.append((int(item_ids[row]), category_ids[col], name))
    merged.store_reviewer_answers(reviewers, reviews, ticks, unassessed)


def _store_agreed(merged, ratings, states, item_ids, category_ids) -> np.ndarray:
    """Write the agreed answers; returns the disputed items x categories cells."""
    values = ratings.values
    assessed = values != NOT_ASSESSED
    anyone = assessed.any(axis=0)
    ticked = ((values == 1) | ~assessed).all(axis=0) & anyone
    disputed = disagreement_mask(ratings)
    state = np.where((states == REVIEWED).any(axis=0), REVIEWED,
                     np.where((states == SKIPPED).any(axis=0), SKIPPED, UNREVIEWED))
    comments = _comments(merged, ratings)
    rows = []
    assessed_rows = []
    for i, item in enumerate(item_ids):
        rows.append((int(item), {category_ids[j] for j in np.flatnonzero(ticked[i])},
                     comments.get(int(item), ""), int(state[i]), "agreed"))
        if state[i] == REVIEWED:
            assessed_rows.append((int(item), {category_ids[j] for j in
                                              np.flatnonzero(anyone[i] & ~disputed[i])}))
    merged.apply_review(rows, assessed=[])
    # Reviewed items start with every category "not assessed"; the agreed cells are
    # then assessed (disputed and unseen ones stay out of the n).
    merged.mark_unassessed([int(i) for i, s in zip(item_ids, state, strict=True)
                            if s == REVIEWED], category_ids)
    merged.apply_review([], assessed=assessed_rows)
    return disputed & (state == REVIEWED)[:, None]


def _comments(merged: ReviewSession, ratings: Ratings) -> dict[int, str]:
    _reviewers, _ids, _values, notes = merged.reviewer_answers()
    out = {}
    for item, by_reviewer in notes.items():
        texts = [(name, comment) for name, (_state, comment) in by_reviewer.items() if comment]
        if not texts:
            continue
        distinct = {c for _n, c in texts}
        out[item] = texts[0][1] if len(distinct) == 1 else " | ".join(
            f"{name}: {comment}" for name, comment in texts)
    return out


#: ``tally_by``'s views of a merged session besides one reviewer's name.
AGREED = "agreed"
MAJORITY = "majority"


def merged_ratings(session: ReviewSession) -> Ratings:
    """The reviewers' own answers kept in a merged session, as :class:`Ratings`."""
    reviewers, _ids, values, _notes = session.reviewer_answers()
    if not reviewers:
        raise UserError(
            translate(
                "core.errors",
                "{where}: not a merged session (it holds one reviewer's answers); merge "
                "reviewers' sessions with `erroranalysis merge`",
            ).format(where=session.where)
        )
    keys = session.item_columns(["key"])["key"]
    return Ratings(reviewers=list(reviewers), categories=[c.name for c in session.categories()],
                   item_keys=np.asarray(keys, dtype=object), values=values)


def tally_by(session: ReviewSession, who: str = AGREED):
    """The tally of a merged session on the agreed answers (the session's own tally), on
    one reviewer's answers, or on the majority (ties and unseen cells out of the n)."""
    from erroranalysis.core.tally import tally_from_ticks

    if who == AGREED:
        return session.tally()
    ratings = merged_ratings(session)
    origin = session.item_columns(["origin"])["origin"] == "error"
    if who == MAJORITY:
        from erroranalysis.core.agreement import majority

        answers = majority(ratings)
        reviewed = (answers >= 0).any(axis=1)
        skipped = 0
    else:
        if who not in ratings.reviewers:
            raise UserError(
                translate(
                    "core.errors",
                    "no reviewer '{who}' in {where}; its reviewers are {reviewers} (or {agreed}, "
                    "{majority})",
                ).format(
                    who=who,
                    where=session.where,
                    reviewers=', '.join(ratings.reviewers),
                    agreed=AGREED,
                    majority=MAJORITY,
                )
            )
        r = ratings.reviewers.index(who)
        answers = ratings.values[r]
        _names, ids, _values, notes = session.reviewer_answers()
        states = np.array([notes.get(int(i), {}).get(who, (UNREVIEWED, ""))[0] for i in ids])
        reviewed = states == REVIEWED
        skipped = int(((states == SKIPPED) & origin).sum())
    return tally_from_ticks(
        session.categories(), (answers == 1)[origin], reviewed[origin], session.dev_errors,
        session.dev_size, assessed=(answers >= 0)[origin], skipped=skipped,
        method=session.meta("interval_method") or "exact",
    )


def disputed_items(session: ReviewSession) -> list[int]:
    """Items, in review order, on which reviewers disagree about a category nobody has
    resolved yet (the agreed cell is still not assessed): the disagreement queue."""
    if not session.reviewers:
        return []
    ratings = merged_ratings(session)
    ids = np.array(session.item_ids(), dtype=np.int64)
    open_cells = ~session.assessed_frame().to_numpy(dtype=bool)
    return [int(i) for i in ids[(disagreement_mask(ratings) & open_cells).any(axis=1)]]


def reviewers_on(session: ReviewSession, item_id: int) -> list[tuple[str, int, list[str], str]]:
    """Each reviewer's answer on one item: (name, review state, ticked category names,
    comment), for showing them side by side."""
    rows = session.reviewer_item_answers(item_id)
    names = {c.id: c.name for c in session.categories()}
    return [(name, state, [names[c] for c in ticked if c in names], comment)
            for name, state, ticked, comment in rows]
