"""Weighted numbers in the analysis panels (METHOD.md §6): the texts, and the tally's source.

The weighted tally's intervals cost ~0.3 s at 100,000 reviewed errors x 20
categories (a bisection per stratum and category), far more than a tick may
take on the GUI thread. :class:`WeightedTallySource` reads the review arrays
on the GUI thread (~1 ms: copies), computes small reviews at once and large
ones on a worker thread, and announces the result with ``ready``; a result
computed from an older state than the last request is dropped.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal

from erroranalysis.core.errors import UserError
from erroranalysis.core.session import REVIEWED, ReviewSession
from erroranalysis.core.session_weights import (
    WeightedTally,
    compute_weighted_tally,
    session_weights,
    weighted_tally_inputs,
    weights_if_readable,
)
from erroranalysis.gui.i18n import translate

#: The tally table's headers when its numbers are weighted.
WEIGHTED_COLUMNS = (
    QT_TRANSLATE_NOOP("WeightedView", "Category"),
    QT_TRANSLATE_NOOP("WeightedView", "Ticked"),
    QT_TRANSLATE_NOOP("WeightedView", "Weighted share (95%)"),
    QT_TRANSLATE_NOOP("WeightedView", "Ceiling"),
    QT_TRANSLATE_NOOP("WeightedView", "Max gain"),
)

#: Up to this many reviewed errors x categories, the weighted tally is computed at once
#: (a few ms); above, on the worker thread.
SYNC_CELLS = 20_000
#: A large review is weighed this long after the last change (a burst of ticks: once).
DEBOUNCE_MS = 250


def tr(text: str) -> str:
    return QCoreApplication.translate("WeightedView", text)


def weights_note(session: ReviewSession) -> str:
    """One sentence saying the numbers are weighted and by what ('' when unweighted)."""
    weights = weights_if_readable(session)
    if weights is None:
        return ""
    return translate("WeightedView", "Computed rates are weighted (weights: {0}).").format(
        weights.describe()
    )


def counts_note(session: ReviewSession) -> str:
    """In a weighted session, one sentence saying a panel's numbers count every example
    once ('' when unweighted): only the tally, the diagnosis and the report weigh."""
    weights = weights_if_readable(session)
    if weights is None:
        return ""
    return translate(
        "WeightedView",
        "Unweighted: every example counts once here (the tally and the diagnosis use the "
        "weights: {0}).",
    ).format(weights.describe())


class WeightedTallySource(QObject):
    """The session's weighted tally, kept current without blocking the GUI thread."""

    ready = Signal(object)
    """A weighted tally (:class:`WeightedTally`) newer than the one :meth:`latest` gave."""

    def __init__(self, session: ReviewSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._executor: ThreadPoolExecutor | None = None
        self._generation = 0
        self._latest: WeightedTally | None = None
        self.pending = False
        self.error = ""
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)
        self._deliver.connect(self._on_deliver)

    def active(self) -> bool:
        """Whether the session has weights (a weight column or rules)."""
        try:
            return session_weights(self._session) is not None
        except (UserError, ValueError) as error:  # shown, not raised, in a live panel
            self.error = str(error)
            return False

    def latest(self) -> WeightedTally | None:
        """Ask for the weighted tally of the session as it is now.

        Returns it when small enough to compute at once; otherwise returns the
        last one computed (or ``None``) and ``ready`` brings the new one. Large
        reviews start one computation :data:`DEBOUNCE_MS` after the last
        request (a burst of ticks makes one), never two at a time: the worker
        holds the GIL in its loops, and a queue of them would slow every tick.
        """
        self.error = ""
        try:
            inputs = weighted_tally_inputs(self._session)
        except (UserError, ValueError) as error:  # a bad rule must not break the panel
            self.error = str(error)
            return None
        if inputs is None:
            self._latest = None
            return None
        self._generation += 1
        reviewed = int((inputs.state == REVIEWED).sum())
        if reviewed * max(1, len(inputs.categories)) <= SYNC_CELLS:
            self._latest = compute_weighted_tally(inputs)
            self.pending = False
            return self._latest
        self.pending = True
        if not self._running:
            self._timer.start()
        return self._latest

    def _start(self) -> None:
        """Start the computation with the session as it is now (GUI thread)."""
        if self._running:
            return
        try:
            inputs = weighted_tally_inputs(self._session)
        except (UserError, ValueError) as error:
            self.error = str(error)
            self.pending = False
            return
        if inputs is None:
            self.pending = False
            return
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="weighted")
        self._running = True
        generation = self._generation
        future = self._executor.submit(compute_weighted_tally, inputs)
        future.add_done_callback(lambda f: self._done(f, generation))

    def _done(self, future, generation: int) -> None:  # type: ignore[no-untyped-def]
        """On the worker thread: hand the result to the GUI thread (a queued signal)."""
        if future.cancelled():
            return
        result = None if future.exception() is not None else future.result()
        with suppress(RuntimeError):  # the panel was closed meanwhile
            self._deliver.emit(result, generation)

    _deliver = Signal(object, int)

    def _on_deliver(self, result: WeightedTally | None, generation: int) -> None:
        self._running = False
        if generation != self._generation:
            self._timer.start()  # the session changed meanwhile: once more
            return
        self.pending = False
        if result is not None:
            self._latest = result
            self.ready.emit(result)

    def shutdown(self) -> None:
        self._timer.stop()
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
