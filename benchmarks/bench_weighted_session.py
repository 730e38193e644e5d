"""What a tick costs in a weighted session: 100,000 reviewed errors x 20 categories.

Run: ``python benchmarks/bench_weighted_session.py [--errors N] [--categories N]``.

Makes a session of N dev errors (of 2N dev rows; rules ``label=porn:10`` and
``label=car:3``), reviews every error with random ticks, then prints the
median ms over 15 ticks of:

- ``session.tally()`` (the unweighted tally: the baseline a tick pays anyway);
- ``weighted_tally_inputs`` (what the tally panel reads on the GUI thread per tick);
- ``compute_weighted_tally`` (the worker thread's part, once per burst of ticks);
- ``TallyPanel.refresh()`` unweighted and weighted (offscreen; the weighted one
  only starts the worker, 250 ms after the last tick).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd


def _median_ms(run, repeat: int = 15) -> float:
    times = []
    for k in range(repeat):
        start = time.perf_counter()
        run(k)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", type=int, default=100_000)
    parser.add_argument("--categories", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from erroranalysis.core.categories import categories_from_option
    from erroranalysis.core.session_weights import compute_weighted_tally, weighted_tally_inputs
    from erroranalysis.core.sources import SourceOptions, create_session
    from erroranalysis.gui.analysis.tally_panel import TallyPanel
    from erroranalysis.gui.app import make_application
    from erroranalysis.gui.session_signals import SessionSignals

    rng = np.random.default_rng(0)
    rows = 2 * args.errors
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ERRORANALYSIS_DATA_DIR"] = str(Path(folder) / "userdata")
        labels = rng.choice(np.array(["cat", "dog", "porn", "car"]), rows)
        wrong = np.zeros(rows, dtype=bool)
        wrong[rng.choice(rows, args.errors, replace=False)] = True
        predictions = np.where(wrong, np.where(labels == "cat", "dog", "cat"), labels)
        csv = Path(folder) / "p.csv"
        pd.DataFrame(
            {
                "image": [f"i{i}.png" for i in range(rows)],
                "label": labels,
                "prediction": predictions,
            }
        ).to_csv(csv, index=False)
        names = ",".join(f"c{j}" for j in range(args.categories))
        session = create_session(
            csv,
            Path(folder) / "s.easession",
            SourceOptions(
                categories=tuple(categories_from_option(names)),
                weight_rules=("label=porn:10", "label=car:3"),
            ),
        )
        ids = session.item_ids()
        ticks = rng.random((len(ids), args.categories)) < 0.1
        for j, category in enumerate(session.categories()):
            session.set_ticks([ids[i] for i in np.flatnonzero(ticks[:, j])], category.id, True)
        session.set_reviewed(ids, True)
        first = session.categories()[0].id

        def tick(k: int) -> None:
            session.set_tick(ids[k], first, k % 2 == 0)

        print(f"{len(ids):,} reviewed errors x {args.categories} categories (median ms)")
        weighted_tally_inputs(session)  # the weights, read once per version
        tally_ms = _median_ms(lambda k: (tick(k), session.tally()))
        print(f"  session.tally()              {tally_ms:8.2f}")
        inputs_ms = _median_ms(lambda k: (tick(k), weighted_tally_inputs(session)))
        print(f"  weighted_tally_inputs        {inputs_ms:8.2f}")
        inputs = weighted_tally_inputs(session)
        compute_ms = _median_ms(lambda _k: compute_weighted_tally(inputs), repeat=3)
        print(f"  compute_weighted_tally       {compute_ms:8.2f}  (worker thread)")
        app = make_application([sys.argv[0]])
        signals = SessionSignals(session)
        panel = TallyPanel(session, signals)
        panel.resize(480, 900)
        panel.show()
        app.processEvents()
        for weighted in (False, True):
            panel.weighted_box.setChecked(weighted)
            app.processEvents()
            ms = _median_ms(lambda k: (tick(k), panel.refresh()))
            print(f"  TallyPanel.refresh, {'weighted' if weighted else 'unweighted':<10} {ms:8.2f}")
        panel._weighted.shutdown()
        signals.detach()
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
