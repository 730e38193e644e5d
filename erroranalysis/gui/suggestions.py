"""Suggested ticks in the window: which items a linked category is suggested on.

A suggestion is never a tick (issue 14). A category can be linked to a
score the session stores per item (:meth:`ReviewSession.item_features`):

* ``sharpness`` (variance of the Laplacian, :mod:`erroranalysis.core.sharpness`):
  the items at or below the chosen percentile's threshold of the scored
  items are suggested (the blurriest ``100 - percentile`` percent);
* ``label_issue`` (confident learning, :mod:`erroranalysis.core.label_issues`):
  the items flagged as likely label errors.

The link lives in the session's meta (``suggest.<score>.category``, and
``suggest.sharpness.percentile``), so it travels with the session. An item
shows a dashed "suggested" chip for the category while it is suggested, not
ticked and not decided; the reviewer confirms with the category's key
(ticked, recorded as accepted) or rejects with Shift+key (recorded as
rejected). The tally reads ticks only, so a suggestion never enters it
unconfirmed; :meth:`SuggestionState.precision` is accepted / decided.

Sharpness is computed off the GUI thread (:class:`SharpnessJob`) and stored
in chunks from the GUI thread (the session's connection lives there).
"""

from __future__ import annotations

import contextlib
import math
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)

from erroranalysis.core.errors import UserError
from erroranalysis.core.session import ReviewSession, metadata_of
from erroranalysis.core.sharpness import DEFAULT_PERCENTILE, image_sharpness, suggested_blurry
from erroranalysis.gui.commands import SetTicksCommand
from erroranalysis.gui.i18n import translate
from erroranalysis.gui.session_signals import SessionSignals

#: Scores a category can be linked to, and the feature each reads.
SHARPNESS = "sharpness"
LABEL_ISSUE = "label_issue"
LABEL_QUALITY = "label_quality"
SOURCES = (SHARPNESS, LABEL_ISSUE)
#: Images scored between two stores (and progress reports).
SHARPNESS_CHUNK = 256
#: New scores are read at most this often while they arrive.
FEATURE_RELOAD_MS = 1000


def _meta_key(source: str, what: str) -> str:
    return f"suggest.{source}.{what}"


def tr(text: str) -> str:
    return QCoreApplication.translate("SuggestionState", text)


@dataclass(frozen=True)
class Precision:
    """How often the reviewer agreed with a category's suggestions."""

    accepted: int
    decided: int
    suggested: int

    @property
    def value(self) -> float | None:
        return self.accepted / self.decided if self.decided else None


class SuggestionState(QObject):
    """The suggested (unconfirmed) categories of every item, read from the session.

    Recomputed from whole columns when a score, a link or a decision
    changes; :meth:`pending` is a dict lookup, cheap enough for painting.
    """

    changed = Signal()

    def __init__(
        self, session: ReviewSession, signals: SessionSignals, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._suggested: dict[int, frozenset[int]] = {}  # category id -> suggested item ids
        self._decided: dict[int, dict[int, bool]] = {}  # category id -> item id -> accepted
        self._by_item: dict[int, tuple[int, ...]] = {}  # item id -> undecided suggestions
        self._links: dict[int, str] = {}  # category id -> source
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(FEATURE_RELOAD_MS)
        self._reload_timer.timeout.connect(self._reload_later)
        signals.meta_changed.connect(self._on_meta_changed)
        signals.categories_changed.connect(self.reload)
        signals.reviewed_changed.connect(self._on_reviewed)
        self.reload()

    # ------------------------------------------------------------------ links
    def link(self, source: str) -> int | None:
        """The category linked to a score (``sharpness``, ``label_issue``), if any."""
        value = self._session.meta(_meta_key(source, "category"))
        try:
            category_id = int(value) if value else None
        except ValueError:
            return None
        if category_id is None or category_id not in {c.id for c in self._session.categories()}:
            return None
        return category_id

    def percentile(self) -> float:
        value = self._session.meta(_meta_key(SHARPNESS, "percentile"))
        try:
            return float(value) if value else DEFAULT_PERCENTILE
        except ValueError:
            return DEFAULT_PERCENTILE

    def set_link(
        self, source: str, category_id: int | None, percentile: float | None = None
    ) -> None:
        """Link a category to a score (``None`` unlinks); stored in the session."""
        if source not in SOURCES:
            raise ValueError(source)
        if percentile is not None:
            if not 0.0 < percentile < 100.0:
                raise UserError("the percentile must be between 0 and 100")
            self._session.set_meta(_meta_key(SHARPNESS, "percentile"), f"{percentile:g}")
        self._session.set_meta(
            _meta_key(source, "category"), "" if category_id is None else str(category_id)
        )

    def links(self) -> dict[int, str]:
        """Linked categories: category id -> score."""
        return dict(self._links)

    # ------------------------------------------------------------------ state
    def reload(self) -> None:
        self._links = {}
        self._suggested = {}
        for source in SOURCES:
            category_id = self.link(source)
            if category_id is None:
                continue
            self._links[category_id] = source
            self._suggested[category_id] = self._suggested_items(source)
        self._reload_decisions()

    def _reload_later(self) -> None:
        # The window may have closed the session since the scores arrived.
        with contextlib.suppress(sqlite3.ProgrammingError):
            self.reload()

    def _suggested_items(self, source: str) -> frozenset[int]:
        feature = SHARPNESS if source == SHARPNESS else LABEL_ISSUE
        values = self._session.item_features(feature)
        if not values:
            return frozenset()
        ids = np.fromiter(values, dtype=np.int64, count=len(values))
        scores = np.fromiter(values.values(), dtype=float, count=len(values))
        if source == SHARPNESS:
            keep = suggested_blurry(scores, self.percentile())
        else:
            keep = np.nan_to_num(scores) > 0.5
        return frozenset(ids[keep].tolist())

    def _reload_decisions(self) -> None:
        self._decided = {c: self._session.suggestion_decisions(c) for c in self._links}
        by_item: dict[int, list[int]] = {}
        for category_id, items in self._suggested.items():
            decided = self._decided.get(category_id, {})
            for item_id in items:
                if item_id not in decided:
                    by_item.setdefault(item_id, []).append(category_id)
        self._by_item = {i: tuple(c) for i, c in by_item.items()}
        self.changed.emit()

    def _on_meta_changed(self, key: str) -> None:
        if key.startswith("suggest."):
            self.reload()
        elif key.startswith("feature:"):
            # Scores arrive in chunks while the scorer runs: read them once a second,
            # not once per chunk (a read of 100,000 scores is tens of milliseconds).
            self._reload_timer.start()

    def _on_reviewed(self, _ids: list) -> None:
        # A decision is announced as a review change of its item.
        if self._links:
            self._reload_decisions()

    def pending(self, item_id: int) -> tuple[int, ...]:
        """Categories suggested on an item and not yet decided (ticked ones included)."""
        return self._by_item.get(item_id, ())

    def is_suggested(self, item_id: int, category_id: int) -> bool:
        """Suggested on the item and not yet decided."""
        return category_id in self._by_item.get(item_id, ())

    def suggested_items(self, category_id: int) -> frozenset[int]:
        return self._suggested.get(category_id, frozenset())

    def precision(self, category_id: int) -> Precision:
        decided = self._decided.get(category_id, {})
        return Precision(
            sum(decided.values()), len(decided), len(self._suggested.get(category_id, ()))
        )


class DecideSuggestionsCommand(SetTicksCommand):
    """Tick (confirm) or only reject a category's suggestion on items: one undo step.

    ``accept=True`` ticks the category on ``item_ids`` and records the
    suggestion as accepted on those of ``suggested`` among them;
    ``accept=False`` records a rejection and ticks nothing (the items are
    marked reviewed for nothing either: a rejection is not a review).
    """

    def __init__(
        self,
        session: ReviewSession,
        item_ids: Sequence[int],
        category_id: int,
        suggested: Sequence[int],
        *,
        accept: bool,
    ) -> None:
        super().__init__(session, item_ids, category_id, True)
        self.accept = accept
        self.suggested = [int(i) for i in suggested]
        self._previous: dict[int, bool | None] = {}
        if not accept:
            name = session.category(category_id).name
            count = len(self.suggested)
            self.setText(f"Reject suggested '{name}'" + (f" on {count} items" if count > 1 else ""))

    def apply(self) -> None:
        if self.accept:
            super().apply()
        previous: dict[int, bool | None] = {}
        try:
            for item_id in self.suggested:
                previous[item_id] = self.session.set_suggestion_decision(
                    item_id, self.category_id, self.accept
                )
        except Exception:
            self._restore(previous)
            if self.accept:
                super().unapply()
            raise
        self._previous = previous

    def _restore(self, previous: dict[int, bool | None]) -> None:
        for item_id, before in previous.items():
            self.session.set_suggestion_decision(item_id, self.category_id, before)

    def unapply(self) -> None:
        self._restore(self._previous)
        if self.accept:
            super().unapply()


# ---------------------------------------------------------------- sharpness


class _SharpnessCarrier(QObject):
    scored = Signal(object, object)  # item ids, scores (lists)
    finished = Signal(bool)  # completed (not cancelled)


class SharpnessJob(QRunnable):
    """Scores images off the GUI thread; hands them over in chunks; cancellable."""

    def __init__(self, items: list[tuple[int, str]], carrier: _SharpnessCarrier) -> None:
        super().__init__()
        self._items = items
        self._carrier = carrier
        self.cancelled = threading.Event()

    def run(self) -> None:
        ids: list[int] = []
        scores: list[float] = []
        try:
            for item_id, path in self._items:
                if self.cancelled.is_set():
                    return
                ids.append(item_id)
                scores.append(image_sharpness(path).value)
                if len(ids) >= SHARPNESS_CHUNK:
                    self._carrier.scored.emit(ids, scores)
                    ids, scores = [], []
            if ids:
                self._carrier.scored.emit(ids, scores)
        finally:
            with contextlib.suppress(RuntimeError):  # the window is gone
                self._carrier.finished.emit(not self.cancelled.is_set())


class SharpnessScorer(QObject):
    """Runs :class:`SharpnessJob` over the items not scored yet and stores the scores."""

    progress = Signal(int, int)  # scored, total
    finished = Signal(bool)  # completed

    def __init__(self, session: ReviewSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._carrier = _SharpnessCarrier(self)
        self._carrier.scored.connect(self._store, Qt.ConnectionType.QueuedConnection)
        self._carrier.finished.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self._job: SharpnessJob | None = None
        self._done_count = 0
        self._total = 0
        self._closed = False

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self, *, again: bool = False) -> int:
        """Score every item without a score (``again``: every item); returns how many."""
        if self._job is not None or self._closed:
            return 0
        known = {} if again else self._session.item_features(SHARPNESS)
        columns = self._session.item_columns(["id", "image"])
        items = [
            (int(i), str(self._session.resolve_image(image)))
            for i, image in zip(columns["id"].tolist(), columns["image"].tolist(), strict=True)
            if int(i) not in known
        ]
        if not items:
            return 0
        self._done_count, self._total = 0, len(items)
        self._job = SharpnessJob(items, self._carrier)
        self._job.setAutoDelete(False)
        self._pool.start(self._job)
        return len(items)

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancelled.set()

    def shutdown(self) -> None:
        """Stop scoring and wait for the image in progress (window close)."""
        self._closed = True
        self.cancel()
        self._pool.waitForDone(5000)

    def _store(self, ids: list[int], scores: list[float]) -> None:
        if self._closed:
            return
        values = {i: (math.nan if s is None else s) for i, s in zip(ids, scores, strict=True)}
        self._session.set_item_features(SHARPNESS, values)
        self._done_count += len(ids)
        self.progress.emit(self._done_count, self._total)

    def _done(self, completed: bool) -> None:
        self._job = None
        if not self._closed:
            self.finished.emit(completed)


def label_issue_features(session: ReviewSession) -> str | None:
    """Rank likely label errors and store them (``label_issue``, ``label_quality``).

    Returns ``None`` when done, else the one-line reason they are unavailable.
    """
    from erroranalysis.core.label_issues import find_label_issues

    frame = session.predictions_frame()
    if frame.empty:
        return translate(
            "SuggestionState", "the session was made from a folder of images: it has no predictions"
        )
    metadata = metadata_of(frame)
    result = find_label_issues(frame, metadata)
    if not result.available:
        return result.reason
    table = result.table
    items = session.item_columns(["id", "key"])
    by_key = dict(zip(items["key"].tolist(), items["id"].tolist(), strict=True))
    quality: dict[int, float] = {}
    issue: dict[int, float] = {}
    for key, value, flagged in zip(
        table["key"].tolist(),
        table["label_quality"].tolist(),
        table["is_issue"].tolist(),
        strict=True,
    ):
        item_id = by_key.get(key)
        if item_id is not None:
            quality[int(item_id)] = float(value)
            issue[int(item_id)] = 1.0 if flagged else 0.0
    session.set_item_features(LABEL_QUALITY, quality)
    session.set_item_features(LABEL_ISSUE, issue)
    return None
