"""Screenshots of the weighted tally panel and the Choose a model dialog (issue 15).

    python scripts/decide_screenshots.py [--out docs/screenshots]

Offscreen, in a temporary folder: METHOD.md §6's example (100 dev examples, 10
pornographic, weighed 10 by the rule label=porn:10; every error reviewed) in
the tally panel, and METHOD.md §7's three classifiers in the Choose dialog.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshots")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(args.out).resolve()
    here = Path.cwd()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ERRORANALYSIS_DATA_DIR"] = str(Path(folder) / "userdata")
        from erroranalysis.core.categories import categories_from_option
        from erroranalysis.core.sources import SourceOptions, create_session
        from erroranalysis.gui.analysis.tally_panel import TallyPanel
        from erroranalysis.gui.app import make_application
        from erroranalysis.gui.choose_dialog import ChooseDialog
        from erroranalysis.gui.session_signals import SessionSignals

        app = make_application([sys.argv[0]])
        csv = Path(folder) / "preds.csv"
        lines = ["id,image,label,prediction"]
        for i in range(1000):
            label = "porn" if i < 100 else ("cat" if i % 2 else "dog")
            wrong = i in range(0, 100, 9) or (i >= 100 and i % 23 == 0)
            prediction = ("cat" if label != "cat" else "dog") if wrong else label
            lines.append(f"e{i},img/e{i}.png,{label},{prediction}")
        csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
        categories = tuple(categories_from_option("porn let through,blurry,dark,incorrect label"))
        session = create_session(
            csv, Path(folder) / "s.easession",
            SourceOptions(categories=categories, weight_rules=("label=porn:10",)),
        )  # fmt: skip
        porn, blurry, dark, label = (c.id for c in session.categories())
        for n, item_id in enumerate(session.item_ids()):
            item = session.item(item_id)
            if n % 5 == 4:
                continue  # a part of the errors still to review
            if item.label == "porn":
                session.set_tick(item_id, porn, True)
            if n % 3 == 0:
                session.set_tick(item_id, blurry, True)
            if n % 7 == 1:
                session.set_tick(item_id, dark, True)
            if n % 11 == 2:
                session.set_tick(item_id, label, True)
            session.set_reviewed([item_id], True)
        signals = SessionSignals(session)
        panel = TallyPanel(session, signals)
        panel.resize(480, 900)
        panel.show()
        app.processEvents()
        panel.refresh()
        app.processEvents()
        panel.grab().save(str(out / "weighted_tally.png"))
        signals.detach()
        panel.close()

        runs = Path(folder) / "runs.csv"
        runs.write_text(
            "model,accuracy,latency_ms,size_mb\nA,90%,80,40\nB,92%,95,45\nC,95%,1500,300\n"
            "D,93%,60,120\n"
        )
        os.chdir(folder)  # the form shows the table's name as a user would type it
        dialog = ChooseDialog()
        dialog.set_inputs(
            runs.name, optimize="accuracy", constraints=["latency_ms<=100", "size_mb<=50"],
            dev_size=10_000,
        )  # fmt: skip
        dialog.show()
        dialog.run()
        app.processEvents()
        dialog.grab().save(str(out / "choose.png"))
        dialog.close()
        session.close()
        os.chdir(here)
    print(f"wrote {out / 'weighted_tally.png'} and {out / 'choose.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
