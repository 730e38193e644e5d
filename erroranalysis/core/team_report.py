"""A report the team lead reads: one self-contained HTML file (or Markdown) from a session.

What a lead needs to decide what the team works on next, on a few printed
pages: the dev error and what the review is made of, the tally with its 95%
intervals and the max-gain chart, whether the ranking is settled, the
incorrect-label split, the bias / variance / data-mismatch ladder, the slices
of the dev set where errors gather, the reviewers' agreement when there are
several, a few examples per category and every comment.

:func:`collect_report` gathers the numbers (every one of them from the same
core functions the app and the CLI use: ``session.tally()``,
:func:`~erroranalysis.core.session_analysis.label_report`,
:func:`~erroranalysis.core.session_analysis.session_diagnosis` (:func:`diagnosis_of`),
:func:`~erroranalysis.core.slices.compute_slices`,
:func:`~erroranalysis.core.agreement.compute_agreement`);
:func:`render_html` and :func:`render_markdown` lay them out.

The HTML has no external asset: CSS inline, charts as inline SVG, thumbnails
as small JPEGs in ``data:`` URIs (decoded at thumbnail size with JPEG draft
mode, and only the sampled ones: a 100,000-item session reads a few dozen
images). A Content-Security-Policy forbids scripts and any network fetch, and
every string a user typed or a file supplied (category names, comments, keys,
labels, paths, reviewer names) is escaped, so a comment ``<script>`` is text.
"""

from __future__ import annotations

import base64
import html
import io
import math
import os
import re
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from erroranalysis.core.agreement import (
    KAPPA_TITLES,
    SHARPEN_BELOW,
    AgreementReport,
    compute_agreement,
    ratings_from_sessions,
)
from erroranalysis.core.categories import LABEL_ERROR, LABEL_ERROR_TAG, Category
from erroranalysis.core.diagnosis import GAP_TITLES, LEVEL_TITLES, LEVELS, Diagnosis, diagnose
from erroranalysis.core.errors import UserError
from erroranalysis.core.imaging import decode_image
from erroranalysis.core.label_noise import LabelSplit
from erroranalysis.core.paths import replace_target
from erroranalysis.core.ranking import Ranking
from erroranalysis.core.rates import format_percent, format_share
from erroranalysis.core.report import display_width
from erroranalysis.core.session import CORRECT, ERROR, REVIEWED, SKIPPED, ReviewSession
from erroranalysis.core.session_analysis import (
    HUMAN_ERROR_KEY,
    RATE_OVERRIDE_KEYS,
    LabelReport,
    label_report,
    session_diagnosis,
)
from erroranalysis.core.slices import Slice, compute_slices
from erroranalysis.core.tally import LabelErrorSplit, Tally
from erroranalysis.i18n import translate

__all__ = [
    "DEFAULT_THUMBNAILS",
    "FORMATS",
    "CommentGroup",
    "CommentRow",
    "Example",
    "ReportData",
    "collect_report",
    "diagnosis_of",
    "escape_markdown",
    "render_html",
    "render_markdown",
    "write_report",
    "write_report_text",
]

#: Examples shown per category unless asked otherwise.
DEFAULT_THUMBNAILS = 6
#: The output formats of :func:`write_report`.
FORMATS = ("html", "markdown")
#: Thumbnails fit in this box (CSS pixels); decoded at twice that for print.
THUMB_BOX = 112
_THUMB_DECODE = (2 * THUMB_BOX, 2 * THUMB_BOX)
#: Slices listed (``SliceReport.highlights``).
TOP_SLICES = 5

# The predictions frame's columns that are never metadata (as ``slices`` reads a session).
_CANONICAL = ("key", "image", "label", "prediction", "split", "score", "weight", "row")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_FALLBACK_COLOR = "#6b7280"


# ------------------------------------------------------------------ the data


@dataclass(frozen=True)
class Example:
    """One reviewed error shown as a thumbnail: ``data_uri`` is a JPEG ``data:`` URI, or
    ``None`` with ``problem`` saying why the image could not be shown."""

    key: str
    label: str
    prediction: str
    comment: str
    image: str
    data_uri: str | None
    problem: str | None = None
    size: tuple[int, int] | None = None


@dataclass(frozen=True)
class CommentRow:
    """A non-empty comment with the item it was written on."""

    key: str
    label: str
    prediction: str
    comment: str


@dataclass(frozen=True)
class CommentGroup:
    """The comments under one heading: a category's (``category`` set) or a review state's."""

    title: str
    rows: list[CommentRow]
    category: Category | None = None


@dataclass
class ReportData:
    """Everything the report shows, computed once; both renderers read only this.

    ``items`` counts the dev errors in the session (``dev_errors`` when every
    error was taken, fewer for a sample); ``reviewed``/``skipped`` come from
    the tally. ``labels`` is ``None`` without a label-error category
    (``labels_note`` says so); ``slices`` is ``None`` without predictions
    rows; ``agreement`` is ``None`` with one reviewer. ``examples`` are keyed
    by category name and ``comments`` grouped, both in the tally's gain order.
    """

    title: str
    session_path: str
    source: str
    generated_at: str
    version: str
    dev_size: int | None
    dev_errors: int
    items: int
    sample_seed: str
    reviewers: list[str]
    merged: bool
    tally: Tally
    categories: list[Category]
    interval_method: str
    labels: LabelReport | None
    labels_note: str
    diagnosis: Diagnosis
    diagnosis_sources: dict[str, str]
    diagnosis_notes: list[str]
    slices: list[Slice] | None
    slices_note: str
    agreement: AgreementReport | None
    agreement_notes: list[str]
    examples: dict[str, list[Example]] = field(default_factory=dict)
    example_totals: dict[str, int] = field(default_factory=dict)
    comments: list[CommentGroup] = field(default_factory=list)
    weights_note: str = ""

    @property
    def dev_error(self) -> float | None:
        return self.tally.dev_error

    @property
    def unreviewed(self) -> int:
        return max(0, self.items - self.tally.reviewed - self.tally.skipped)


def collect_report(
    session: ReviewSession,
    *,
    thumbnails: int = DEFAULT_THUMBNAILS,
    reviewer_sessions: Sequence[ReviewSession] = (),
    generated_at: str | None = None,
) -> ReportData:
    """Gather the report's numbers from a session (read only; nothing is written).

    ``thumbnails`` examples are shown per category (0: none; only those
    images are read). ``reviewer_sessions`` are other reviewers' sessions of
    the same items: with them (or when ``session`` is a merged session) the
    report has a reviewer-agreement section. ``generated_at`` fixes the
    footer's time (tests); default now.
    """
    from erroranalysis import __version__

    if thumbnails < 0:
        raise UserError(
            translate(
                "core.errors",
                "--thumbnails must be 0 or more, not {thumbnails}",
            ).format(thumbnails=thumbnails)
        )
    tally = session.tally()
    # With example weights (METHOD.md §6) the tally and the diagnosis are weighted.
    from erroranalysis.core.session_weights import weighted_tally

    weighted = weighted_tally(session)
    if weighted is not None:
        tally = weighted
    categories = session.categories()
    dev_errors = session.dev_errors
    items = session.item_count(ERROR)
    # Not the images (only the sampled ones are needed) nor the comments (most are empty).
    columns = session.item_columns(
        ["id", "key", "label", "prediction", "state", "origin", "reviewer"]
    )
    merged = len(session.reviewers) >= 2
    reviewers = list(session.reviewers) if merged else _reviewers(session, columns)
    predictions = session.predictions_frame()
    diagnosis, sources = (
        diagnosis_of(session, predictions)
        if weighted is None
        else session_diagnosis(session, weighted=True)  # weighted rates, kept with the session
    )
    data = ReportData(
        title=session.meta("title") or session.path.stem,
        session_path=str(session.path),
        source=session.source,
        generated_at=generated_at or time.strftime("%Y-%m-%d %H:%M"),
        version=__version__,
        dev_size=session.dev_size,
        dev_errors=dev_errors,
        items=items,
        sample_seed=session.meta("seed") if items < dev_errors else "",
        reviewers=reviewers,
        merged=merged,
        tally=tally,
        categories=categories,
        interval_method=interval_method_text(tally),
        labels=None,
        labels_note="",
        diagnosis=diagnosis,
        diagnosis_sources=sources,
        diagnosis_notes=[],
        slices=None,
        slices_note="",
        agreement=None,
        agreement_notes=[],
    )
    data.diagnosis_notes = _diagnosis_notes(session, data.diagnosis)
    if any(c.kind == LABEL_ERROR for c in categories):
        data.labels = label_report(session)
    else:
        data.labels_note = (
            "This session has no category of kind label error (such as “incorrect label”), "
            "so wrong labels were not counted."
        )
    if len(predictions):
        metadata = [str(c) for c in predictions.columns if c not in _CANONICAL]
        report = compute_slices(predictions, None, metadata)
        data.slices = report.highlights(TOP_SLICES)
        if not data.slices:
            data.slices_note = (
                f"No slice has at least {report.min_errors} dev errors and "
                f"{report.min_examples} dev examples."
            )
        weights = predictions["weight"].to_numpy(dtype=float)
        if weighted is not None:
            data.weights_note = (
                f"Weighted ({'; '.join(weighted.weights)}): the dev error, the tally's shares, "
                "gains and ceilings and the diagnosis count each error by its weight "
                f"(unweighted dev error {format_percent(weighted.unweighted_dev_error)}). The "
                "incorrect-label section and the slices count errors unweighted."
            )
        elif len(weights) and not np.all(weights == 1.0):
            data.weights_note = (
                "The predictions carry example weights; the figures in this report are "
                "unweighted (every error counts once)."
            )
    else:
        data.slices_note = (
            "The session was made from a folder of images: there are no predictions rows to slice."
        )
    data.agreement, data.agreement_notes = _agreement(session, reviewer_sessions)
    _collect_examples(session, data, columns, thumbnails)
    return data


def interval_method_text(tally: Tally) -> str:
    """How the tally's 95% intervals were computed, in words."""
    if getattr(tally, "weights", None) is not None:
        return str(getattr(tally, "interval_method", ""))
    if tally.method == "wilson-fpc":
        return "Wilson score intervals with the finite-population correction (95%)"
    if tally.population is None:
        return "Clopper-Pearson exact binomial intervals (95%; the number of dev errors is unknown)"
    if tally.reviewed and tally.reviewed >= tally.population:
        return "none needed: every dev error was reviewed, so each share is exact"
    judged = " that were not skipped" if tally.skipped else ""
    return (
        f"exact hypergeometric intervals (95%): the {tally.reviewed:,} reviewed errors are a "
        f"sample of the {tally.population:,} dev errors{judged}"
    )


def diagnosis_of(
    session: ReviewSession, predictions: pd.DataFrame
) -> tuple[Diagnosis, dict[str, str]]:
    """:func:`~erroranalysis.core.session_analysis.session_diagnosis` on a predictions frame
    already read (``session.predictions_frame()``): the report reads it once for the slices
    too, and a million rows take seconds to read. The tests check that both agree."""
    split = predictions["split"]
    wrong = (predictions["label"] != predictions["prediction"]).to_numpy(dtype=bool)
    rates: dict[str, float | None] = {}
    for level in ("train", "train_dev", "dev", "test"):
        rows = (split == level).to_numpy(dtype=bool)
        count = int(np.count_nonzero(rows))
        rates[level] = int(np.count_nonzero(wrong & rows)) / count if count else None
    if rates["dev"] is None and session.dev_error is not None:
        rates["dev"] = session.dev_error  # a folder session: the dev error the user gave
    sources = {level: "predictions" for level, rate in rates.items() if rate is not None}
    for level, key in RATE_OVERRIDE_KEYS.items():
        typed = session.meta(key)
        if typed:
            rates[level], sources[level] = float(typed), "typed"
    human_text = session.meta(HUMAN_ERROR_KEY)
    human = float(human_text) if human_text else None
    if human is not None:
        sources["human"] = "typed"
    return diagnose(human=human, **rates), sources


def _reviewers(session: ReviewSession, columns: dict[str, np.ndarray]) -> list[str]:
    """The names on the reviewed items, in order of first appearance, else the session's."""
    judged = columns["state"] != 0
    names = pd.unique(pd.Series(columns["reviewer"][judged], dtype=object))
    found = [str(n) for n in names if str(n).strip()]
    if not found and session.reviewer:
        found = [session.reviewer]
    return found


def _diagnosis_notes(session: ReviewSession, diagnosis: Diagnosis) -> list[str]:
    notes = []
    if diagnosis.human is None:
        notes.append("No human-level error was given: avoidable bias is unknown.")
    if diagnosis.train_dev is None and diagnosis.train is not None and diagnosis.dev is not None:
        notes.append(
            "No train-dev error: variance is dev − train and includes any data mismatch "
            "between training and dev data."
        )
    if session.meta("source_kind") == "folder":
        notes.append(
            "This session was made from a folder of images: only the rates typed in the app "
            "(and the dev error, from the dev size) are known."
        )
    return notes


def _agreement(
    session: ReviewSession, others: Sequence[ReviewSession]
) -> tuple[AgreementReport | None, list[str]]:
    """Agreement of several reviewers: the ones merged into ``session``, or ``session`` and
    ``others`` lined up; ``None`` with a single reviewer."""
    if others:
        ratings, match = ratings_from_sessions([session, *others])
        notes = match.notes()
    elif len(session.reviewers) >= 2:
        from erroranalysis.core.merge import merged_ratings

        ratings, notes = merged_ratings(session), []
    else:
        return None, []
    report = compute_agreement(ratings)
    if not report.categories or report.common_items == 0:
        notes = [*notes, "No item was reviewed by every reviewer yet: agreement is unknown."]
    return report, notes


def _collect_examples(
    session: ReviewSession, data: ReportData, columns: dict[str, np.ndarray], per_category: int
) -> None:
    """Per category (gain order): up to ``per_category`` reviewed errors ticked with it, the
    commented ones first, then a seeded random pick; and every comment, grouped.

    Works on whole columns; only the chosen thumbnails' images are read (on a few threads:
    decoding releases the GIL)."""
    ticks = session.ticks_frame()
    ids = columns["id"]
    if not np.array_equal(ticks.index.to_numpy(), ids):
        raise UserError(
            translate(
                "core.errors",
                "{path}: the session changed while the report was read",
            ).format(path=session.path)
        )
    matrix = ticks.to_numpy(dtype=bool)
    is_error = columns["origin"] == ERROR
    reviewed = is_error & (columns["state"] == REVIEWED)
    comments = session.comments()
    commented = np.isin(ids, np.fromiter(comments, dtype=np.int64, count=len(comments)))
    by_id = {c.id: j for j, c in enumerate(data.categories)}
    order = [by_id[c.id] for c in _gain_order(data.tally, data.categories)]
    rng = np.random.default_rng(0)

    def comment_rows(mask: np.ndarray) -> list[CommentRow]:
        return [
            CommentRow(
                str(columns["key"][r]),
                str(columns["label"][r]),
                str(columns["prediction"][r]),
                comments[int(ids[r])],
            )
            for r in np.flatnonzero(mask & commented)
        ]

    chosen_rows: dict[str, list[int]] = {}
    for j in order:
        name = data.categories[j].name
        ticked = reviewed & matrix[:, j]
        data.example_totals[name] = int(np.count_nonzero(ticked))
        if per_category:
            first = np.flatnonzero(ticked & commented)
            rest = np.flatnonzero(ticked & ~commented)
            chosen = [int(r) for r in rng.permutation(first)[:per_category]]
            if len(chosen) < per_category:
                chosen += [int(r) for r in rng.permutation(rest)[: per_category - len(chosen)]]
            chosen_rows[name] = sorted(chosen)  # review order
        rows = comment_rows(ticked)
        if rows:
            data.comments.append(CommentGroup(name, rows, data.categories[j]))
    unique = sorted({r for rows in chosen_rows.values() for r in rows})
    if unique:
        # The session is read here, on this thread (SQLite); only decoding goes to threads.
        paths = {r: session.item(int(ids[r])).image for r in unique}
        files = {r: session.resolve_image(image) for r, image in paths.items()}
        workers = max(1, min(8, os.cpu_count() or 1, len(unique)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            pictures = dict(zip(unique, pool.map(lambda r: _thumbnail(files[r]), unique),
                                strict=True))  # fmt: skip
        made = {
            r: Example(
                key=str(columns["key"][r]),
                label=str(columns["label"][r]),
                prediction=str(columns["prediction"][r]),
                comment=comments.get(int(ids[r]), ""),
                image=paths[r],
                data_uri=pictures[r][0],
                problem=pictures[r][2],
                size=pictures[r][1],
            )
            for r in unique
        }
        data.examples = {name: [made[r] for r in rows] for name, rows in chosen_rows.items()}
    elif per_category:
        data.examples = {name: [] for name in chosen_rows}
    untouched = reviewed & ~matrix.any(axis=1) if matrix.shape[1] else reviewed
    groups = [
        ("Reviewed, no category ticked", untouched),
        ("Skipped (can't judge)", is_error & (columns["state"] == SKIPPED)),
        ("Not reviewed yet", is_error & (columns["state"] == 0)),
        ("Correctly classified examples (label check)", columns["origin"] == CORRECT),
    ]
    for title, mask in groups:
        rows = comment_rows(mask)
        if rows:
            data.comments.append(CommentGroup(title, rows))


def _thumbnail(path: Path) -> tuple[str | None, tuple[int, int] | None, str | None]:
    """An image decoded at thumbnail size (JPEG draft mode) as a small JPEG ``data:`` URI:
    (uri, size, None), or (None, None, problem) for a missing or broken image."""
    decoded = decode_image(path, _THUMB_DECODE)
    if not decoded.ok or decoded.image is None:
        return None, None, decoded.problem
    picture = decoded.image
    if picture.mode == "RGBA":
        background = _white(picture.size)
        background.paste(picture, mask=picture.getchannel("A"))
        picture = background
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, "JPEG", quality=82, optimize=True)
    uri = "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    return uri, picture.size, None


def _white(size: tuple[int, int]):  # type: ignore[no-untyped-def]
    from PIL import Image

    return Image.new("RGB", size, "white")


def _gain_order(tally: Tally, categories: list[Category]) -> list[Category]:
    """The categories in the tally's order (largest possible gain first)."""
    by_name = {c.name: c for c in categories}
    return [by_name[str(n)] for n in tally.by_gain()["name"] if str(n) in by_name]


# ------------------------------------------------------------------ text bits


def _count(n: int) -> str:
    return f"{int(n):,}"


def _span(low: float | None, high: float | None, fmt=format_share) -> str:  # type: ignore[no-untyped-def]
    """``12.3–20.1%``: an interval with the unit once."""
    if low is None or high is None or math.isnan(low) or math.isnan(high):
        return "–"
    return f"{fmt(low)[:-1]}–{fmt(high)}"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{_count(n)} {word if n == 1 else (plural or word + 's')}"


def _composition(data: ReportData) -> list[tuple[str, str]]:
    """(what, value) rows: what the dev error and the review are made of (plain text)."""
    t = data.tally
    rows = []
    if data.dev_size:
        rows.append(
            (
                "Dev set",
                f"{_plural(data.dev_size, 'example')}, "
                f"{_plural(data.dev_errors, 'error')} misclassified",
            )
        )
    else:
        rows.append(
            (
                "Dev set",
                f"{_plural(data.dev_errors, 'error')}; the dev set size is "
                "unknown, so there is no error rate, gain or ceiling",
            )
        )
    if data.items < data.dev_errors:
        seed = f" (seed {data.sample_seed})" if data.sample_seed else ""
        rows.append(
            (
                "Review",
                f"a random sample of {_count(data.items)} of the "
                f"{_count(data.dev_errors)} dev errors{seed}",
            )
        )
    else:
        rows.append(("Review", f"all {_plural(data.items, 'dev error')} (a full review)"))
    done = f"{_count(t.reviewed)} reviewed"
    if t.skipped:
        done += f", {_count(t.skipped)} skipped (can't judge: in no share)"
    done += f", {_count(data.unreviewed)} not yet"
    rows.append(("Progress", done))
    if data.reviewers:
        who = ", ".join(data.reviewers)
        if data.merged:
            who += " (merged: the tally counts the answers they agree on)"
        rows.append(("Reviewer" if len(data.reviewers) == 1 else "Reviewers", who))
    else:
        rows.append(("Reviewer", "not named"))
    return rows


def _headline(data: ReportData) -> str:
    t = data.tally
    if data.dev_size and _weighted(t):
        return (
            f"Weighted dev error {format_percent(t.dev_error)}: {_count(data.dev_errors)} of "
            f"{_count(data.dev_size)} dev examples misclassified"
        )
    if data.dev_size:
        return (
            f"Dev error {format_percent(t.dev_error)}: {_count(data.dev_errors)} of "
            f"{_count(data.dev_size)} dev examples"
        )
    return f"{_count(data.dev_errors)} dev errors (dev set size unknown)"


def _top_row(data: ReportData) -> pd.Series | None:
    table = data.tally.by_gain()
    if not len(table) or int(table.iloc[0]["count"]) == 0:
        return None
    return table.iloc[0]


#: Text with emphasised parts (category names): (text, emphasised) runs.
Rich = list[tuple[str, bool]]


def _findings(data: ReportData) -> list[tuple[str, Rich]]:
    """(title, text) of the few things a lead acts on; category names emphasised."""
    out: list[tuple[str, Rich]] = []
    t = data.tally
    top = _top_row(data)
    if t.reviewed == 0:
        out.append(("Tally", [("No dev error has been reviewed yet.", False)]))
    elif top is not None:
        name = str(top["name"])
        if t.dev_error is not None:
            text = (
                ": fixing every such error would cut the dev error by at most "
                f"{format_percent(top['max_gain'])} (95%: "
                f"{_span(top['max_gain_low'], top['max_gain_high'], format_percent)}), from "
                f"{format_percent(t.dev_error)} to at best {format_percent(top['ceiling_error'])}."
            )
            out.append(("Largest possible gain", [(name, True), (text, False)]))
        else:
            text = (
                f": {format_share(top['share'])} of the reviewed errors (95%: "
                f"{_span(top['share_low'], top['share_high'])})."
            )
            out.append(("Largest category", [(name, True), (text, False)]))
    if t.ranking is not None:
        out.append(("Ranking", _ranking_rich(t.ranking)))
    if data.labels is not None and data.labels.split is not None:
        split = data.labels.split
        action = "worth fixing now" if split.worth_fixing else "fix the other causes first"
        text = (
            f"{format_percent(split.due_to_labels)} of the dev set, "
            f"{format_share(split.label_share)} of the dev error: {action}."
        )
        out.append(("Incorrect labels", [(text, False)]))
    d = data.diagnosis
    if d.primary is not None:
        text = (
            f"{GAP_TITLES[d.primary]} is the primary problem "
            f"({format_percent(d.gap(d.primary), signed=True)}): {_first_sentence(d.advice[0])}"
        )
        out.append(("Diagnosis", [(text, False)]))
    return out


def _first_sentence(advice: str) -> str:
    """``Reduce variance: get more data, ...`` -> ``reduce variance.``"""
    head = advice.split(":", 1)[0]
    return head[:1].lower() + head[1:] + "."


def _ranking_rich(ranking: Ranking) -> Rich:
    """The verdict without its "Ranking: " prefix, the two category names emphasised."""
    text = ranking.verdict().removeprefix("Ranking: ")
    for joint in (" leads ", " and "):
        head = f"{ranking.leader}{joint}{ranking.runner_up}"
        if text.startswith(head):
            return [
                (ranking.leader, True),
                (joint, False),
                (ranking.runner_up, True),
                (text[len(head) :], False),
            ]
    return [(text, False)]


def _example_caption(e: Example | CommentRow) -> str:
    """``true 3 → predicted 8``; empty when the session has no labels (a folder)."""
    if not e.label and not e.prediction:
        return ""
    return f"true {e.label} → predicted {e.prediction}"


# ------------------------------------------------------------------ HTML


def _h(text: object) -> str:
    """Escape any text for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def _rich_html(rich: Rich) -> str:
    return "".join(f'<span class="cat">{_h(t)}</span>' if strong else _h(t) for t, strong in rich)


def _color(category: Category | None) -> str:
    color = category.color if category is not None else ""
    return color if _COLOR.match(color or "") else _FALLBACK_COLOR


_CSS = """
:root { --ink:#1f2937; --muted:#6b7280; --line:#e5e7eb; --soft:#f5f6f8; --accent:#3a7cc4; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #eef0f3; color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
  Arial, sans-serif; }
main { max-width: 980px; margin: 24px auto; background: #fff; padding: 40px 48px 28px;
  border: 1px solid var(--line); border-radius: 6px; }
header.top { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 8px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 11px; color: var(--muted);
  margin: 0; }
h1 { font-size: 26px; line-height: 1.25; margin: 4px 0 2px; overflow-wrap: anywhere; }
.sub { color: var(--muted); margin: 0; }
section { margin-top: 30px; }
h2 { font-size: 19px; margin: 0 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 8px; }
p { margin: 6px 0; }
.muted, .note { color: var(--muted); }
.note { font-size: 12.5px; }
.headline { font-size: 22px; font-weight: 650; margin: 14px 0 6px; }
.headline .rate { color: var(--accent); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 18px; margin: 8px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.progress { display: flex; height: 12px; border-radius: 3px; overflow: hidden; background: #e5e7eb;
  margin: 6px 0 2px; max-width: 520px; }
.progress span { display: block; height: 100%; }
.legend { font-size: 12px; color: var(--muted); }
.legend .dot { display: inline-block; width: 10px; height: 10px; border-radius: 2px;
  vertical-align: -1px; margin: 0 4px 0 10px; }
.legend .dot:first-child { margin-left: 0; }
.findings { border: 1px solid var(--line); border-left: 4px solid var(--accent);
  background: #f8fafc; border-radius: 4px; padding: 10px 16px; margin: 16px 0 4px; }
.findings h3 { margin: 2px 0 6px; }
.findings dl { display: grid; grid-template-columns: max-content 1fr; gap: 5px 16px;
  margin: 0; }
.findings dt { color: var(--muted); font-size: 12px; text-transform: uppercase;
  letter-spacing: .04em; padding-top: 2px; }
.findings dd { margin: 0; }
.cat { font-weight: 650; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top;
  text-align: left; }
th { font-weight: 600; color: #374151; background: var(--soft); border-bottom: 1px solid #d1d5db;
  font-size: 12px; }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.name { overflow-wrap: anywhere; }
td.key { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: 12px; overflow-wrap: anywhere; width: 22%; }
td.pair { white-space: nowrap; width: 16%; }
td.comment { overflow-wrap: anywhere; white-space: pre-wrap; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px;
  margin-right: 7px; vertical-align: 0; }
.tag { display: inline-block; font-size: 11px; color: #9a3412; background: #fff3e8;
  border: 1px solid #fed7aa; border-radius: 3px; padding: 0 4px; margin-left: 6px;
  white-space: nowrap; }
.warn { color: #b45309; }
.verdict { background: var(--soft); border-radius: 4px; padding: 8px 12px; margin: 10px 0; }
.verdict .vlabel { display: block; color: var(--muted); font-size: 11px;
  text-transform: uppercase; letter-spacing: .04em; }
.verdict.settled { background: #ecfdf5; }
.verdict.open { background: #fffbeb; }
figure { margin: 12px 0; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 12px; color: var(--muted); margin-top: 4px; }
.split { display: flex; height: 16px; border-radius: 3px; overflow: hidden; margin: 8px 0 4px;
  max-width: 620px; }
.split span { display: block; height: 100%; }
ol.advice { margin: 6px 0; padding-left: 22px; }
ol.advice li { margin: 4px 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px;
  margin: 8px 0 4px; }
.card { border: 1px solid var(--line); border-radius: 4px; padding: 8px; break-inside: avoid;
  font-size: 12px; }
.card .pic { height: 112px; display: flex; align-items: center; justify-content: center;
  background: var(--soft); border-radius: 3px; margin-bottom: 6px; overflow: hidden; }
.card img { max-width: 100%; max-height: 112px; object-fit: contain; }
.card img.pixel { image-rendering: pixelated; width: 96px; height: 96px; }
.card .missing { color: var(--muted); font-size: 11px; padding: 6px; text-align: center;
  overflow-wrap: anywhere; }
.card .k { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  overflow-wrap: anywhere; }
.card .labels { color: #374151; overflow-wrap: anywhere; }
.card .c { margin-top: 3px; overflow-wrap: anywhere; white-space: pre-wrap; }
footer { margin-top: 36px; border-top: 1px solid var(--line); padding-top: 10px;
  font-size: 12px; color: var(--muted); }
footer dl.facts { gap: 1px 14px; }
@page { size: A4; margin: 14mm 13mm 16mm; }
@media print {
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; margin: 0; padding: 0; border: 0; }
  section { margin-top: 22px; }
  section.chapter { break-before: page; margin-top: 0; }
  section.chapter.first { break-before: auto; margin-top: 16px; }
  section.block { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .keep, figure, .findings, .verdict, dl.facts, .card { break-inside: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  table { font-size: 8.5pt; }
  th, td { padding: 4px 6px; }
  .grid { grid-template-columns: repeat(6, 1fr); gap: 6px; }
  .card { padding: 5px; font-size: 8pt; }
  .card .pic { height: 80px; }
  .card img { max-height: 80px; }
  .card img.pixel { width: 72px; height: 72px; }
  footer { break-inside: avoid; }
}
"""


def _svg_text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    size: float = 12,
    fill: str = "#1f2937",
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" fill="{fill}" '
        f'text-anchor="{anchor}" font-weight="{weight}">{_h(text)}</text>'
    )


def _fit(text: str, columns: int) -> str:
    """Shorten a name to about ``columns`` character widths (wide characters count two)."""
    if display_width(text) <= columns:
        return text
    out = ""
    for char in text:
        if display_width(out + char) > columns - 1:
            break
        out += char
    return out.rstrip() + "…"


def _axis(largest: float) -> tuple[float, float]:
    """(axis maximum, tick step) for values up to ``largest``: a round axis, 3 to 6 ticks."""
    if largest <= 0 or not math.isfinite(largest):
        return 1.0, 0.25
    best: tuple[float, float] | None = None
    for ticks in range(3, 7):
        raw = largest / ticks
        power = 10 ** math.floor(math.log10(raw))
        step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw - 1e-15)
        top = step * math.ceil(largest / step - 1e-9)
        if best is None or top < best[0] - 1e-12:
            best = (top, step)
    assert best is not None
    return best


def _gain_chart_svg(data: ReportData) -> str:
    """Horizontal bars, largest first: max gain (or share, without a dev size) with a 95%
    whisker; label-error categories hatched."""
    t = data.tally
    table = t.by_gain()
    gains = t.dev_error is not None
    value, low, high = (
        ("max_gain", "max_gain_low", "max_gain_high")
        if gains
        else ("share", "share_low", "share_high")
    )
    fmt = format_percent if gains else format_share
    by_name = {c.name: c for c in data.categories}
    width, label_w, value_w, row_h, top_pad = 760, 230, 120, 30, 8
    plot_x0, plot_x1 = label_w, width - value_w
    n = len(table)
    axis_y = top_pad + n * row_h + 6
    height = axis_y + 34
    largest = float(np.nanmax(table[high].to_numpy(dtype=float))) if n else 0.0
    top, step = _axis(largest)

    def x_of(v: float) -> float:
        return plot_x0 + (plot_x1 - plot_x0) * (0.0 if math.isnan(v) else v / top)

    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{"Max gain" if gains else "Share of reviewed errors"} by category" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif">'
    ]
    defs = []
    grid = []
    ticks = round(top / step)
    for i in range(ticks + 1):
        v = i * step
        x = x_of(v)
        grid.append(
            f'<line x1="{x:.1f}" y1="{top_pad - 4}" x2="{x:.1f}" y2="{axis_y}" '
            f'stroke="#e5e7eb" stroke-width="1"/>'
        )
        grid.append(
            _svg_text(
                x, axis_y + 15, _tick_label(v, step), anchor="middle", size=11, fill="#6b7280"
            )
        )
    parts += grid
    parts.append(
        f'<line x1="{plot_x0}" y1="{axis_y}" x2="{plot_x1}" y2="{axis_y}" '
        'stroke="#9ca3af" stroke-width="1"/>'
    )
    axis_title = "max gain: percentage points of dev error" if gains else "share of reviewed errors"
    parts.append(
        _svg_text(
            (plot_x0 + plot_x1) / 2,
            axis_y + 30,
            axis_title,
            anchor="middle",
            size=11,
            fill="#6b7280",
        )
    )
    for i, row in enumerate(table.itertuples(index=False)):
        category = by_name.get(str(row.name))
        color = _color(category)
        y = top_pad + i * row_h
        bar_y, bar_h = y + row_h * 0.2, row_h * 0.6
        fill = color
        if row.kind == LABEL_ERROR:
            pid = f"hatch{i}"
            defs.append(
                f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="7" height="7" '
                f'patternTransform="rotate(45)"><rect width="7" height="7" fill="{color}"/>'
                '<line x1="0" y1="0" x2="0" y2="7" stroke="#ffffff" stroke-width="3.2"/>'
                "</pattern>"
            )
            fill = f"url(#{pid})"
        name = str(row.name)
        shown = _fit(name, 30)
        title = name + (f" ({LABEL_ERROR_TAG})" if row.kind == LABEL_ERROR else "")
        v, lo, hi = float(getattr(row, value)), float(getattr(row, low)), float(getattr(row, high))
        parts.append(f"<g><title>{_h(title)}: {_h(fmt(v))} (95% {_h(_span(lo, hi, fmt))})</title>")
        parts.append(_svg_text(label_w - 10, y + row_h / 2 + 4, shown, anchor="end", size=12.5))
        w = max(0.0, x_of(v) - plot_x0)
        parts.append(
            f'<rect x="{plot_x0}" y="{bar_y:.1f}" width="{w:.1f}" height="{bar_h:.1f}" '
            f'fill="{fill}" stroke="{color}" stroke-width="1" rx="1.5"/>'
        )
        if not (math.isnan(lo) or math.isnan(hi)):
            cy = y + row_h / 2
            x_lo, x_hi = x_of(lo), x_of(hi)
            parts.append(
                f'<line x1="{x_lo:.1f}" y1="{cy:.1f}" x2="{x_hi:.1f}" y2="{cy:.1f}" '
                'stroke="#111827" stroke-width="1.3"/>'
            )
            for xx in (x_lo, x_hi):
                parts.append(
                    f'<line x1="{xx:.1f}" y1="{cy - 6:.1f}" x2="{xx:.1f}" '
                    f'y2="{cy + 6:.1f}" stroke="#111827" stroke-width="1.3"/>'
                )
        parts.append(_svg_text(plot_x1 + 10, y + row_h / 2 + 4, fmt(v), size=12.5, weight="600"))
        parts.append("</g>")
    if defs:
        parts.insert(1, "<defs>" + "".join(defs) + "</defs>")
    parts.append("</svg>")
    return "".join(parts)


def _tick_label(value: float, step: float) -> str:
    """``0.025`` on an axis stepping by 0.5 points -> ``2.5%``: as many decimals as the step."""
    points = step * 100
    decimals = next((d for d in range(4) if abs(round(points, d) - points) < 1e-9), 4)
    return f"{value * 100:.{decimals}f}%"


# The ladder picture's colours: the app's (Okabe-Ito, colour-blind safe).
_HUMAN_COLOR, _RUNG_COLOR = "#009E73", "#56B4E9"
_PRIMARY_COLOR, _PROBLEM_COLOR, _MINOR_COLOR = "#D55E00", "#E69F00", "#9ca3af"
_GAP_BETWEEN = {
    ("human", "train"): "avoidable_bias",
    ("train", "train_dev"): "variance",
    ("train", "dev"): "variance",
    ("train_dev", "dev"): "data_mismatch",
    ("dev", "test"): "dev_overfitting",
}


def _ladder_svg(d: Diagnosis) -> str:
    """The error ladder: one bar per known rung on a shared axis, a bracket between
    neighbouring rungs labelled with the gap; the primary gap in a strong colour."""
    known = [(level, d.rate(level)) for level in LEVELS if d.rate(level) is not None]
    width, label_w, value_w, rung_h, gap_h = 760, 120, 80, 26, 22
    plot_x0, plot_x1 = label_w, width - value_w
    largest = max((r for _, r in known), default=0.0)
    top, step = _axis(largest)

    def x_of(v: float) -> float:
        return plot_x0 + (plot_x1 - plot_x0) * v / top

    rows: list[str] = []
    y = 6.0
    previous: tuple[str, float] | None = None
    for level, rate in known:
        assert rate is not None
        if previous is not None:
            gap = _GAP_BETWEEN.get((previous[0], level))
            if gap is not None:
                size = d.gap(gap)
                color = (
                    _PRIMARY_COLOR
                    if gap == d.primary
                    else _PROBLEM_COLOR
                    if gap in d.problems
                    else _MINOR_COLOR
                )
                a, b = sorted((x_of(previous[1]), x_of(rate)))
                mid = y + gap_h / 2
                if gap == d.primary:
                    rows.append(
                        f'<rect x="{plot_x0}" y="{y:.1f}" width="{plot_x1 - plot_x0}" '
                        f'height="{gap_h}" fill="#fdf0e8"/>'
                    )
                rows.append(
                    f'<line x1="{a:.1f}" y1="{mid:.1f}" x2="{b:.1f}" y2="{mid:.1f}" '
                    f'stroke="{color}" stroke-width="2.5"/>'
                )
                for xx in (a, b):
                    rows.append(
                        f'<line x1="{xx:.1f}" y1="{mid - 5:.1f}" x2="{xx:.1f}" '
                        f'y2="{mid + 5:.1f}" stroke="{color}" stroke-width="2"/>'
                    )
                text = f"{GAP_TITLES[gap]} {format_percent(size, signed=True)}"
                anchor_x = b + 8
                anchor = "start"
                if anchor_x + 7 * len(text) > plot_x1 + value_w - 4:
                    anchor_x, anchor = a - 8, "end"
                rows.append(
                    _svg_text(
                        anchor_x,
                        mid + 4,
                        text,
                        anchor=anchor,
                        size=11.5,
                        fill=color if color != _MINOR_COLOR else "#6b7280",
                        weight="600" if gap in d.problems else "normal",
                    )
                )
                y += gap_h
        color = _HUMAN_COLOR if level == "human" else _RUNG_COLOR
        rows.append(
            _svg_text(
                label_w - 10, y + rung_h / 2 + 4, LEVEL_TITLES[level], anchor="end", size=12.5
            )
        )
        rows.append(
            f'<rect x="{plot_x0}" y="{y + 4:.1f}" width="{x_of(rate) - plot_x0:.1f}" '
            f'height="{rung_h - 8}" fill="{color}" rx="1.5"/>'
        )
        rows.append(
            _svg_text(
                x_of(rate) + 8, y + rung_h / 2 + 4, format_percent(rate), size=12, weight="600"
            )
        )
        y += rung_h
        previous = (level, rate)
    axis_y = y + 4
    grid = []
    for i in range(round(top / step) + 1):
        x = x_of(i * step)
        grid.append(
            f'<line x1="{x:.1f}" y1="2" x2="{x:.1f}" y2="{axis_y:.1f}" '
            'stroke="#eef0f3" stroke-width="1"/>'
        )
        grid.append(
            _svg_text(
                x,
                axis_y + 15,
                _tick_label(i * step, step),
                anchor="middle",
                size=11,
                fill="#6b7280",
            )
        )
    height = axis_y + 24
    return (
        f'<svg viewBox="0 0 {width} {height:.0f}" role="img" aria-label="Error ladder" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif">'
        + "".join(grid)
        + f'<line x1="{plot_x0}" y1="{axis_y:.1f}" x2="{plot_x1}" y2="{axis_y:.1f}" '
        'stroke="#9ca3af"/>' + "".join(rows) + "</svg>"
    )


def _category_cell(name: str, category: Category | None) -> str:
    tag = (
        '<span class="tag">label error</span>'
        if category is not None and category.kind == LABEL_ERROR
        else ""
    )
    return (
        f'<td class="name"><span class="swatch" style="background:{_color(category)}">'
        f"</span>{_h(name)}{tag}</td>"
    )


def _tally_table_html(data: ReportData) -> str:
    t = data.tally
    gains = t.dev_error is not None
    by_name = {c.name: c for c in data.categories}
    head = [
        "<th>Category</th>",
        '<th class="n">Ticked</th>',
        '<th class="n">Weighted share</th>' if _weighted(t) else '<th class="n">Share</th>',
        '<th class="n">95% interval</th>',
    ]
    if gains:
        head += [
            '<th class="n">Max gain</th>',
            '<th class="n">95% interval</th>',
            '<th class="n">Ceiling</th>',
        ]
    rows = []
    partial = False
    for r in t.by_gain().itertuples(index=False):
        count = int(r.count)
        assessed = int(r.assessed)
        if assessed < t.reviewed:
            partial = True
            ticked = (
                f'<span class="warn" title="ticked on {count:,} of the {assessed:,} '
                f'reviewed errors assessed for it">{count:,} / {assessed:,}</span>'
            )
        else:
            ticked = f"{count:,}"
        cells = [
            _category_cell(str(r.name), by_name.get(str(r.name))),
            f'<td class="n">{ticked}</td>',
            f'<td class="n">{_h(format_share(r.share))}</td>',
            f'<td class="n">{_h(_span(r.share_low, r.share_high))}</td>',
        ]
        if gains:
            cells += [
                f'<td class="n"><b>{_h(format_percent(r.max_gain))}</b></td>',
                f'<td class="n">{_h(_span(r.max_gain_low, r.max_gain_high, format_percent))}</td>',
                f'<td class="n">{_h(format_percent(r.ceiling_error))}</td>',
            ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    notes = []
    if gains:
        notes.append(
            f"Share: of the {t.reviewed:,} reviewed errors. Max gain = dev error × share: the "
            "most that fixing the category can cut the dev error. Ceiling error = dev error × "
            "(1 − share): the dev error at best once it is fixed. Categories overlap (one error "
            "can have several), so shares add up past 100%."
        )
    else:
        notes.append(
            f"Share: of the {t.reviewed:,} reviewed errors (without the dev set size there is "
            "no gain or ceiling). Categories overlap, so shares add up past 100%."
        )
    if _weighted(t):
        notes[-1] = notes[-1].replace(
            f"Share: of the {t.reviewed:,} reviewed errors.",
            f"Weighted share: the weight of the category's reviewed errors over the weight of "
            f"all {t.reviewed:,} reviewed errors; the dev error is the weighted one.",
        )
    if partial:
        notes.append(
            "k / n: ticked on k of the n reviewed errors assessed for the category (it was "
            "added mid-review); its share and interval use that n."
        )
    return (
        '<table class="tally"><thead><tr>'
        + "".join(head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
        + "".join(f'<p class="note">{_h(n)}</p>' for n in notes)
    )


def _weighted(t: Tally) -> bool:
    """Whether the tally is weighted (a ``WeightedTally``, core/session_weights.py)."""
    return getattr(t, "weights", None) is not None


def _no_ranking(t: Tally) -> str:
    """Why there is no ranking verdict (``session.tally()`` gives none)."""
    if _weighted(t):
        return (
            "the tally is weighted; the ranking verdict counts errors (erroranalysis tally "
            "--unweighted)."
        )
    if t.reviewed == 0:
        return "nothing reviewed yet."
    if len(t.table) < 2:
        return "a single category: nothing to rank."
    return "no two categories were assessed on the same reviewed errors yet."


def _ranking_html(t: Tally) -> str:
    if t.ranking is None:
        return f'<div class="verdict"><span class="vlabel">Ranking</span>{_h(_no_ranking(t))}</div>'
    r = t.ranking
    state = "settled" if r.settled else "open"
    return (
        f'<div class="verdict {state}"><span class="vlabel">Ranking</span>'
        f"{_rich_html(_ranking_rich(r))}"
        '<div class="note">The probability that the leading category has more errors than the '
        "runner-up among all dev errors, not just the reviewed ones; settled at 95%.</div></div>"
    )


def _labels_html(data: ReportData) -> str:
    if data.labels is None:
        return f'<p class="muted">{_h(data.labels_note)}</p>'
    report = data.labels
    split_t = data.tally.label_split
    out = []
    if report.split is None:
        out.append(
            '<p class="muted">No split yet: review some errors'
            + ("" if data.dev_size else " and give the dev set size")
            + ".</p>"
        )
    else:
        s = report.split
        label_color = next((_color(c) for c in data.categories if c.kind == LABEL_ERROR), "#D55E00")
        frac = 0.0 if s.dev_error == 0 else max(0.0, min(1.0, s.due_to_labels / s.dev_error))
        head = "".join(f'<th class="n">{_h(h)}</th>' for h in _LABEL_HEAD[1:])
        body = "".join(
            "<tr><td>"
            + _h(row[0])
            + "</td>"
            + "".join(f'<td class="n">{_h(c)}</td>' for c in row[1:])
            + "</tr>"
            for row in _label_rows(s, split_t)
        )
        out.append(
            '<div class="keep"><div class="split">'
            f'<span style="width:{100 * frac:.2f}%;background:{label_color}"></span>'
            f'<span style="width:{100 * (1 - frac):.2f}%;background:#cbd5e1"></span></div>'
            f'<div class="legend"><span class="dot" style="background:{label_color}"></span>'
            'incorrect labels <span class="dot" style="background:#cbd5e1"></span>other causes'
            "</div></div>"
            f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table>"
            f'<div class="verdict">{_h(s.verdict)}</div>'
        )
    counts = (
        f"Reviewed dev errors: {report.reviewed_errors:,}, with an incorrect label: "
        f"{report.label_errors_among_errors:,}. Reviewed correctly classified examples: "
        f"{report.reviewed_correct:,} of {report.correct_total:,}, with an incorrect label: "
        f"{report.label_errors_among_correct:,}."
    )
    out.append(f'<p class="note">{_h(counts)}</p>')
    if report.corrected is not None:
        out.append(f"<p><b>Dev error with labels corrected:</b> {_h(_corrected_text(report))}</p>")
        if report.caveat:
            out.append(f'<p class="note warn">{_h(report.caveat)}</p>')
    return "".join(out)


_LABEL_HEAD = ["", "Of the dev set", "95% interval", "Of the dev error", "95% interval"]


def _label_rows(s: LabelSplit, split: LabelErrorSplit | None) -> list[list[str]]:
    """The split of the dev error (METHOD §3) with the label share's 95% interval carried
    to both parts."""
    low = high = math.nan
    if split is not None:
        low, high = split.share_low, split.share_high
    e = s.dev_error
    return [
        [
            "Due to incorrect labels",
            format_percent(s.due_to_labels),
            _span(e * low, e * high, format_percent),
            format_share(s.label_share),
            _span(low, high),
        ],
        [
            "Due to other causes",
            format_percent(s.other_causes),
            _span(e * (1 - high), e * (1 - low), format_percent),
            format_share(1 - s.label_share),
            _span(1 - high, 1 - low),
        ],
    ]


def _corrected_text(report: LabelReport) -> str:
    c = report.corrected
    assert c is not None
    if c.high is None:
        return f"{format_percent(c.value)} (at least {format_percent(c.low)}; no upper bound yet)"
    return (
        f"{format_percent(c.value)} (95% interval {format_percent(c.low)} to "
        f"{format_percent(c.high)})"
    )


def _diagnosis_html(data: ReportData) -> str:
    d = data.diagnosis
    known = [level for level in LEVELS if d.rate(level) is not None]
    out = []
    if len(known) >= 1:
        out.append(
            f"<figure>{_ladder_svg(d)}<figcaption>The error ladder: human-level "
            "(a proxy for the Bayes error) → train → train-dev → dev → test. Each gap "
            "between neighbouring rungs has its own remedies; the largest is the primary "
            "problem.</figcaption></figure>"
        )
    if d.primary is None:
        known_gap = any(d.gap(name) is not None for name in GAP_TITLES)
        text = (
            "No gap in this ladder is above zero: nothing here to reduce."
            if known_gap
            else "No gap can be computed yet: it needs two neighbouring rates (the human-level "
            "and train errors, or the train and dev errors)."
        )
        out.append(f"<p><b>No primary problem.</b> {_h(text)}</p>")
    else:
        out.append(
            f'<p class="headline" style="font-size:17px">Primary problem: '
            f"{_h(GAP_TITLES[d.primary])} "
            f"({_h(format_percent(d.gap(d.primary), signed=True))})</p>"
        )
        others = [n for n in d.problems if n != d.primary]
        if others:
            named = ", ".join(
                f"{GAP_TITLES[n]} ({format_percent(d.gap(n), signed=True)})" for n in others
            )
            out.append(
                f"<p>Also worth working on (at least half the largest gap): {_h(named)}.</p>"
            )
        out.append('<ol class="advice">' + "".join(f"<li>{_h(a)}</li>" for a in d.advice) + "</ol>")
    typed = [LEVEL_TITLES[k] for k, v in data.diagnosis_sources.items() if v == "typed"]
    notes = list(data.diagnosis_notes)
    if typed:
        notes.append("Typed in the app (not computed from predictions): " + ", ".join(typed) + ".")
    out += [f'<p class="note">{_h(n)}</p>' for n in notes]
    return "".join(out)


def _slices_html(data: ReportData) -> str:
    if not data.slices:
        return f'<p class="muted">{_h(data.slices_note)}</p>'
    rows = []
    for s in data.slices:
        rate = f"{format_percent(s.rate)}"
        if s.rate_elsewhere is not None:
            rate += f" vs {format_percent(s.rate_elsewhere)}"
        rows.append(
            f'<tr><td class="name">{_h(s.summary)}</td>'
            f'<td class="n">{s.errors:,}</td>'
            f'<td class="n">{_h(format_share(s.error_share))}</td>'
            f'<td class="n">{_h(_span(s.rate_low, s.rate_high, format_percent))}</td></tr>'
        )
    return (
        '<table><thead><tr><th>Slice</th><th class="n">Dev errors</th>'
        '<th class="n">Share of dev error</th><th class="n">Rate 95% interval</th></tr></thead>'
        "<tbody>" + "".join(rows) + "</tbody></table>"
        '<p class="note">Where the dev errors gather before anyone ticks: the largest '
        "confusion pair and class, then metadata slices whose error rate is significantly "
        "higher than in the rest of the dev set (exact 95% intervals that do not overlap). "
        "A pattern here may deserve a category of its own.</p>"
    )


def _fixed(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _agreement_html(data: ReportData) -> str:
    a = data.agreement
    assert a is not None
    rows = []
    for c in a.categories:
        interval = (
            "–" if c.kappa_low is None else f"{_fixed(c.kappa_low)} to {_fixed(c.kappa_high)}"
        )
        flag = '<span class="tag">sharpen its description</span>' if c.needs_sharpening else ""
        rows.append(
            f'<tr><td class="name">{_h(c.name)}{flag}</td><td class="n">{c.items:,}</td>'
            f'<td class="n">{"–" if c.agreement is None else _h(format_share(c.agreement))}</td>'
            f'<td class="n">{_fixed(c.kappa)}</td><td class="n">{_h(interval)}</td>'
            f'<td class="n">{_fixed(c.ac1)}</td></tr>'
        )
    names = ", ".join(a.reviewers)
    notes = "".join(f'<p class="note">{_h(n)}</p>' for n in data.agreement_notes)
    return (
        f"<p>{len(a.reviewers)} reviewers: {_h(names)}. Kappa is "
        f"{_h(KAPPA_TITLES[a.method])}.</p>"
        '<table><thead><tr><th>Category</th><th class="n">Items</th>'
        '<th class="n">Agreement</th><th class="n">Kappa</th><th class="n">95% interval</th>'
        '<th class="n">Gwet\'s AC1</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"
        f'<p class="note">Items: reviewed by every reviewer; agreement: the share on which all '
        f"agree. Below {SHARPEN_BELOW:g} (kappa; AC1 when kappa is undefined) the reviewers "
        "read the category differently: sharpen its description. AC1 stays near the "
        "agreement for rare categories, where kappa can be low despite high agreement.</p>" + notes
    )


def _examples_html(data: ReportData) -> str:
    by_name = {c.name: c for c in data.categories}
    out = []
    for name, examples in data.examples.items():
        total = data.example_totals.get(name, 0)
        category = by_name.get(name)
        shown = f"{len(examples)} of {total:,}" if total > len(examples) else f"{total:,}"
        head = (
            f'<h3><span class="swatch" style="background:{_color(category)}"></span>'
            f'{_h(name)} <span class="muted" style="font-weight:normal">({shown})</span></h3>'
        )
        if not examples:
            out.append(head + '<p class="muted note">No reviewed error is ticked with it.</p>')
            continue
        cards = []
        for e in examples:
            if e.data_uri is not None:
                pic = (
                    f'<img src="{e.data_uri}" alt="{_h(e.key)}"'
                    + (' class="pixel"' if _is_small(e) else "")
                    + ">"
                )
            else:
                pic = f'<div class="missing">{_h(e.problem or "no image")}</div>'
            comment = f'<div class="c">{_h(e.comment)}</div>' if e.comment else ""
            labels = (
                f'<div class="labels">true <b>{_h(e.label)}</b> · '
                f"predicted <b>{_h(e.prediction)}</b></div>"
                if _example_caption(e)
                else ""
            )
            cards.append(
                f'<div class="card"><div class="pic">{pic}</div>'
                f'<div class="k">{_h(e.key)}</div>{labels}{comment}</div>'
            )
        out.append(f'{head}<div class="grid">{"".join(cards)}</div>')
    return "".join(out)


def _is_small(example: Example) -> bool:
    """A picture under the box (a 28x28 digit): scaled up with crisp pixels."""
    return example.size is not None and max(example.size) < THUMB_BOX


def _comments_html(data: ReportData) -> str:
    if not data.comments:
        return '<p class="muted">No comment was written.</p>'
    out = []
    for group in data.comments:
        title, rows, category = group.title, group.rows, group.category
        swatch = (
            f'<span class="swatch" style="background:{_color(category)}"></span>'
            if category is not None
            else ""
        )
        body = "".join(
            f'<tr><td class="key">{_h(r.key)}</td><td class="pair">{_h(_example_caption(r))}</td>'
            f'<td class="comment">{_h(r.comment)}</td></tr>'
            for r in rows
        )
        out.append(
            f'<h3>{swatch}{_h(title)} <span class="muted" style="font-weight:normal">'
            f"({len(rows):,})</span></h3>"
            '<table class="comments"><thead><tr><th>Item</th><th>Labels</th><th>Comment</th>'
            f"</tr></thead><tbody>{body}</tbody></table>"
        )
    return "".join(out)


def _progress_html(data: ReportData) -> str:
    total = max(1, data.items)
    t = data.tally
    parts = [
        (t.reviewed, "#3a7cc4", "reviewed"),
        (t.skipped, "#f59e0b", "skipped"),
        (data.unreviewed, "#e5e7eb", "not reviewed yet"),
    ]
    bar = "".join(
        f'<span style="width:{100 * n / total:.3f}%;background:{c}"></span>'
        for n, c, _ in parts
        if n
    )
    legend = "".join(
        f'<span class="dot" style="background:{c}"></span>{label} {n:,}' for n, c, label in parts
    )
    return f'<div class="progress">{bar}</div><div class="legend">{legend}</div>'


def render_html(data: ReportData) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG, ``data:`` images)."""
    t = data.tally
    facts = "".join(f"<dt>{_h(k)}</dt><dd>{_h(v)}</dd>" for k, v in _composition(data))
    findings = "".join(f"<dt>{_h(k)}</dt><dd>{_rich_html(v)}</dd>" for k, v in _findings(data))
    headline = _headline(data)
    if data.dev_size:
        rate = format_percent(t.dev_error)
        prefix = "Weighted dev error " if _weighted(t) else "Dev error "
        headline_html = (
            f'{prefix}<span class="rate">{_h(rate)}</span>'
            f"{_h(headline.removeprefix(prefix + rate))}"
        )
    else:
        headline_html = _h(headline)
    weights = f'<p class="note warn">{_h(data.weights_note)}</p>' if data.weights_note else ""
    summary = (
        '<section id="summary" class="chapter first"><h2>Summary</h2>'
        f'<p class="headline">{headline_html}</p>'
        f'<dl class="facts">{facts}</dl>{_progress_html(data)}{weights}'
        + (
            f'<div class="findings"><h3>At a glance</h3><dl>{findings}</dl></div>'
            if findings
            else ""
        )
        + "</section>"
    )
    gains = t.dev_error is not None
    chart_title = "Max gain by category" if gains else "Share of reviewed errors by category"
    if _weighted(t):
        chart_title += " (weighted)"
    hatched = any(c.kind == LABEL_ERROR for c in data.categories)
    tally = (
        '<section id="tally"><h2>The tally</h2>'
        f'{_tally_table_html(data)}<div id="ranking">{_ranking_html(t)}</div>'
        f'<figure id="gain-chart"><h3>{chart_title}</h3>{_gain_chart_svg(data)}<figcaption>'
        + ("Bars: max gain" if gains else "Bars: share")
        + "; whiskers: 95% intervals"
        + (
            "; hatched: a label-error category (the label is wrong, not the model)"
            if hatched
            else ""
        )
        + ". Largest first: work on the top categories first; several teams can take several "
        "in parallel.</figcaption></figure></section>"
    )
    blocks = [
        ("labels", "block", "Incorrect labels", _labels_html(data)),
        ("diagnosis", "block", "Bias, variance and data mismatch", _diagnosis_html(data)),
        ("slices", "block", "Slices of the dev set", _slices_html(data)),
    ]
    if data.agreement is not None:
        blocks.append(("agreement", "block", "Reviewer agreement", _agreement_html(data)))
    if data.examples:
        blocks.append(
            (
                "examples",
                "chapter",
                "Examples by category",
                '<p class="note">Reviewed errors ticked with each category, those with a comment '
                "first.</p>" + _examples_html(data),
            )
        )
    blocks.append(
        (
            "comments",
            "chapter",
            "Comments",
            '<p class="note">Every comment, under each category its item is ticked with.</p>'
            + _comments_html(data),
        )
    )
    rest = "".join(
        f'<section id="{key}" class="{kind}"><h2>{_h(title)}</h2>{body}</section>'
        for key, kind, title, body in blocks
    )
    footer_rows = [
        ("Made", f"{data.generated_at} by erroranalysis {data.version}"),
        ("Session file", data.session_path),
    ]
    if data.source:
        footer_rows.append(("Made from", data.source))
    footer_rows.append(("95% intervals", data.interval_method))
    footer = "".join(f"<dt>{_h(k)}</dt><dd>{_h(v)}</dd>" for k, v in footer_rows)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; style-src 'unsafe-inline'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Error analysis: {_h(data.title)}</title><style>{_CSS}</style></head><body><main>"
        '<header class="top"><p class="kicker">Error analysis report</p>'
        f"<h1>{_h(data.title)}</h1>"
        f'<p class="sub">{_h(data.generated_at)} · {_h(Path(data.session_path).name)}</p></header>'
        + summary
        + tally
        + rest
        + f'<footer><dl class="facts">{footer}</dl><p>Numbers follow the method of the course '
        "“Structuring Machine Learning Projects”: share = ticked / reviewed, max gain = dev "
        "error × share, ceiling = dev error × (1 − share).</p></footer>"
        "</main></body></html>\n"
    )


# ------------------------------------------------------------------ Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


def escape_markdown(text: object) -> str:
    """A user string as literal Markdown text, on one line (for tables and lists).

    Backslash-escapes what Markdown (CommonMark and GitHub's tables) would
    read as markup: ``\\ ` * _ [ ] < > | ~ & #``; line breaks become spaces.
    """
    one_line = re.sub(r"\s+", " ", str(text))
    return _MD_SPECIAL.sub(r"\\\1", one_line)


def _rich_markdown(rich: Rich) -> str:
    return "".join(
        f"**{escape_markdown(t)}**" if strong else escape_markdown(t) for t, strong in rich
    )


def _md_table(head: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    lines = [
        "| " + " | ".join(head) + " |",
        "|" + "|".join("---:" if i in right else "---" for i in range(len(head))) + "|",
    ]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return lines


def render_markdown(data: ReportData) -> str:
    """The report as Markdown for an issue tracker: the same sections, tables and text; the
    examples listed by key and image path instead of shown."""
    e = escape_markdown
    t = data.tally
    out = [
        f"# Error analysis: {e(data.title)}",
        "",
        f"*{e(data.generated_at)} · {e(Path(data.session_path).name)}*",
        "",
        "## Summary",
        "",
        f"**{e(_headline(data))}**",
        "",
    ]
    out += [f"- {k}: {e(v)}" for k, v in _composition(data)]
    if data.weights_note:
        out += ["", f"*{e(data.weights_note)}*"]
    findings = _findings(data)
    if findings:
        out += ["", "**At a glance**", ""] + [
            f"- **{k}:** {_rich_markdown(v)}" for k, v in findings
        ]

    out += ["", "## The tally", ""]
    gains = t.dev_error is not None
    head = ["Category", "Ticked", "Weighted share" if _weighted(t) else "Share", "95% interval"]
    if gains:
        head += ["Max gain", "95% interval", "Ceiling"]
    rows = []
    partial = False
    for r in t.by_gain().itertuples(index=False):
        name = e(r.name) + (f" ({LABEL_ERROR_TAG})" if r.kind == LABEL_ERROR else "")
        count, assessed = int(r.count), int(r.assessed)
        partial |= assessed < t.reviewed
        row = [
            name,
            f"{count:,}" if assessed >= t.reviewed else f"{count:,} / {assessed:,}",
            format_share(r.share),
            _span(r.share_low, r.share_high),
        ]
        if gains:
            row += [
                f"**{format_percent(r.max_gain)}**",
                _span(r.max_gain_low, r.max_gain_high, format_percent),
                format_percent(r.ceiling_error),
            ]
        rows.append(row)
    out += _md_table(head, rows, set(range(1, len(head))))
    out += [
        "",
        (
            f"Weighted share: of the weight of the {t.reviewed:,} reviewed errors."
            if _weighted(t)
            else f"Share: of the {t.reviewed:,} reviewed errors."
        )
        + (
            " Max gain = dev error × share; ceiling error = dev error × (1 − share)."
            if gains
            else ""
        ),
    ]
    if partial:
        out += [
            "",
            "k / n: ticked on k of the n reviewed errors assessed for the category "
            "(added mid-review).",
        ]
    ranking = (
        _rich_markdown(_ranking_rich(t.ranking)) if t.ranking is not None else e(_no_ranking(t))
    )
    out += ["", f"**Ranking:** {ranking}"]

    out += ["", "## Incorrect labels", ""]
    if data.labels is None:
        out.append(e(data.labels_note))
    else:
        report = data.labels
        if report.split is not None:
            s = report.split
            out += _md_table(_LABEL_HEAD, _label_rows(s, t.label_split), {1, 2, 3, 4})
            out += ["", e(s.verdict)]
        else:
            out.append("No split yet: review some errors.")
        if report.corrected is not None:
            out += ["", f"**Dev error with labels corrected:** {e(_corrected_text(report))}"]
            if report.caveat:
                out += ["", f"*{e(report.caveat)}*"]

    out += ["", "## Bias, variance and data mismatch", ""]
    d = data.diagnosis
    ladder = [
        [LEVEL_TITLES[level], format_percent(d.rate(level))]
        for level in LEVELS
        if d.rate(level) is not None
    ]
    if ladder:
        out += _md_table(["Error", "Rate"], ladder, {1})
        gaps = [
            [
                GAP_TITLES[g],
                format_percent(d.gap(g), signed=True),
                "primary" if g == d.primary else ("worth working on" if g in d.problems else ""),
            ]
            for g in GAP_TITLES
            if d.gap(g) is not None
        ]
        if gaps:
            out += ["", *_md_table(["Gap", "Size", ""], gaps, {1})]
    if d.primary is None:
        out += ["", "No primary problem."]
    else:
        out += [
            "",
            f"**Primary problem: {GAP_TITLES[d.primary]} "
            f"({format_percent(d.gap(d.primary), signed=True)})**",
            "",
        ]
        out += [f"{i}. {e(a)}" for i, a in enumerate(d.advice, 1)]
    if data.diagnosis_notes:
        for note in data.diagnosis_notes:
            out += ["", f"*{e(note)}*"]

    out += ["", "## Slices of the dev set", ""]
    if data.slices:
        out += _md_table(
            ["Slice", "Dev errors", "Share of dev error", "Rate 95% interval"],
            [
                [
                    e(s.summary),
                    f"{s.errors:,}",
                    format_share(s.error_share),
                    _span(s.rate_low, s.rate_high, format_percent),
                ]
                for s in data.slices
            ],
            {1, 2, 3},
        )
    else:
        out.append(e(data.slices_note))

    if data.agreement is not None:
        a = data.agreement
        out += [
            "",
            "## Reviewer agreement",
            "",
            f"{len(a.reviewers)} reviewers: {e(', '.join(a.reviewers))}; kappa is "
            f"{KAPPA_TITLES[a.method]}.",
            "",
        ]
        out += _md_table(
            ["Category", "Items", "Agreement", "Kappa", "95% interval", "Gwet's AC1", ""],
            [
                [
                    e(c.name),
                    f"{c.items:,}",
                    "–" if c.agreement is None else format_share(c.agreement),
                    _fixed(c.kappa),
                    "–"
                    if c.kappa_low is None
                    else f"{_fixed(c.kappa_low)} to {_fixed(c.kappa_high)}",
                    _fixed(c.ac1),
                    "sharpen its description" if c.needs_sharpening else "",
                ]
                for c in a.categories
            ],
            {1, 2, 3, 4, 5},
        )
        for note in data.agreement_notes:
            out += ["", f"*{e(note)}*"]

    if data.examples:
        out += ["", "## Examples by category", ""]
        for name, examples in data.examples.items():
            total = data.example_totals.get(name, 0)
            shown = f"{len(examples)} of {total:,}" if total > len(examples) else f"{total:,}"
            out += [f"### {e(name)} ({shown})", ""]
            if not examples:
                out += ["No reviewed error is ticked with it.", ""]
                continue
            out += _md_table(
                ["Item", "Labels", "Image", "Comment"],
                [[e(x.key), e(_example_caption(x)), e(x.image), e(x.comment)] for x in examples],
                set(),
            )
            out.append("")

    out += ["", "## Comments", ""]
    if not data.comments:
        out.append("No comment was written.")
    for group in data.comments:
        title, rows_ = group.title, group.rows
        out += [f"### {e(title)} ({len(rows_):,})", ""]
        out += _md_table(
            ["Item", "Labels", "Comment"],
            [[e(r.key), e(_example_caption(r)), e(r.comment)] for r in rows_],
            set(),
        )
        out.append("")
    out += [
        "",
        "---",
        "",
        f"Made {e(data.generated_at)} by erroranalysis {e(data.version)} from "
        f"{e(data.session_path)}" + (f" (made from {e(data.source)})" if data.source else "") + ". "
        f"95% intervals: {e(data.interval_method)}.",
    ]
    # One blank line between blocks, however the sections above were put together.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).rstrip() + "\n"


# ------------------------------------------------------------------ writing


def write_report(
    session: ReviewSession,
    path: str | Path,
    *,
    format: str = "html",
    thumbnails: int = DEFAULT_THUMBNAILS,
    reviewer_sessions: Sequence[ReviewSession] = (),
) -> Path:
    """Write the report of ``session`` to ``path`` (``format`` ``html`` or ``markdown``).

    Raises :class:`UserError` naming the file when it cannot be written.
    """
    if format not in FORMATS:
        raise UserError(
            translate(
                "core.errors",
                "--format {format}: choose one of {formats}",
            ).format(format=format, formats=', '.join(FORMATS))
        )
    data = collect_report(session, thumbnails=thumbnails, reviewer_sessions=reviewer_sessions)
    text = render_html(data) if format == "html" else render_markdown(data)
    return write_report_text(text, path)


def write_report_text(text: str, path: str | Path) -> Path:
    """Write a rendered report to ``path``, whole or not at all (UTF-8, ``\\n`` line ends).

    Raises :class:`UserError` naming the file when it cannot be written.
    """
    path = Path(path)
    if path.is_dir():
        raise UserError(
            translate(
                "core.errors",
                "{path}: a folder; give a file name for the report",
            ).format(path=path)
        )
    if not path.parent.is_dir():
        raise UserError(
            translate(
                "core.errors",
                "{path}: the folder {parent} does not exist",
            ).format(path=path, parent=path.parent)
        )
    # A file beside the target, then a rename: a reader never sees half a report
    # (/dev/stdout or a pipe is written in place).
    target = replace_target(path)
    temporary = (None if target is None
                 else target.with_name(f".{target.name}.{os.getpid()}.partial"))
    try:
        with open(path if temporary is None else temporary, "w", encoding="utf-8",
                  newline="\n") as out:
            out.write(text)
        if temporary is not None and target is not None:
            os.replace(temporary, target)
    except OSError as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise UserError(
            translate(
                "core.errors",
                "{path}: cannot write the report ({strerror})",
            ).format(path=path, strerror=error.strerror)
        ) from None
    return path
