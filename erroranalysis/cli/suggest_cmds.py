"""``label-issues`` and ``sharpness``: the scores behind the suggested ticks, headless.

``label-issues`` ranks the dev rows by how likely their label is wrong
(confident learning, ``erroranalysis.core.label_issues``); ``sharpness``
scores the images of the dev errors (``erroranalysis.core.sharpness``) and
marks the blurriest as suggested. Both read a predictions file or a session.
Suggestions are never ticks: these commands only print.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from erroranalysis.cli.analysis_cmds import _grid
from erroranalysis.cli.common import (
    add_column_flags,
    column_names_from_args,
    is_server,
    non_negative_int,
    session_location,
)
from erroranalysis.core.errors import UserError
from erroranalysis.i18n import QT_TRANSLATE_NOOP, translate, translate_filled

if TYPE_CHECKING:
    import pandas as pd



def _percentile(text: str) -> float:
    try:
        value = float(text.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("cli.errors", "'{text}' is not a number").format(text=text)
        ) from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(
            translate("cli.errors", "'{text}' must be between 0 and 100").format(text=text)
        )
    return value


#: core/label_issues.py's reasons (English: a JSON value), for the table's language.
_REASONS = (
    QT_TRANSLATE_NOOP(
        "cli.output",
        "confident learning on per-class probabilities ({columns}), ranked by self confidence",
    ),
    QT_TRANSLATE_NOOP(
        "cli.output",
        "confident learning on per-class probabilities ({columns}), ranked by normalized margin",
    ),
    QT_TRANSLATE_NOOP(
        "cli.output",
        "only the model's confidence in its prediction (score): a confident wrong prediction "
        "ranks as a likely label error; label quality = 1 - score (exact for two classes)",
    ),
    QT_TRANSLATE_NOOP(
        "cli.output",
        "only the model's confidence in its prediction (score): a confident wrong prediction "
        "ranks as a likely label error; label quality = 1 - score (an upper bound with more "
        "classes)",
    ),
    QT_TRANSLATE_NOOP(
        "cli.output",
        "only the model's confidence in its prediction (score): a confident wrong prediction "
        "ranks as a likely label error; label quality = 1 - score (exact for two classes) "
        "(per-class columns not used: {problem})",
    ),
    QT_TRANSLATE_NOOP(
        "cli.output",
        "only the model's confidence in its prediction (score): a confident wrong prediction "
        "ranks as a likely label error; label quality = 1 - score (an upper bound with more "
        "classes) (per-class columns not used: {problem})",
    ),
    QT_TRANSLATE_NOOP(
        "cli.output", "per-class probability columns found but unusable: {problem}"
    ),
    QT_TRANSLATE_NOOP(
        "cli.output",
        "the predictions have neither per-class probability columns (p_<class>, prob_<class>, "
        "proba_<class>, probability_<class>, score_<class> or one named like each class) nor a "
        "score column with the model's confidence",
    ),
)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``label-issues`` and ``sharpness`` commands."""
    issues = subparsers.add_parser(
        "label-issues",
        help=translate(
            "cli", "rank dev examples by how likely their label is wrong (confident learning)"
        ),
        description=(
            translate(
                "cli",
                "Rank the dev examples by label quality (lower = the label is more likely wrong). "
                "With per-class probability columns (p_<class>, prob_<class>, proba_<class>, "
                "probability_<class>, score_<class>, or named like each class): confident "
                "learning, as cleanlab's find_label_issues(filter_by='confident_learning'), "
                "ranked by self-confidence or normalised margin. With only the score (the "
                "model's confidence in its prediction): a confident wrong prediction ranks as a "
                "likely label error. Otherwise it says why it is unavailable.",
            )
        ),
    )
    issues.add_argument(
        "source", metavar="SOURCE", help=translate("cli", "predictions file or session file")
    )
    issues.add_argument(
        "--rank-by",
        choices=("self_confidence", "normalized_margin"),
        default="self_confidence",
        help=translate(
            "cli", "label-quality score with per-class probabilities (default: self_confidence)"
        ),
    )
    issues.add_argument(
        "--errors-only",
        action="store_true",
        help=translate("cli", "list only dev errors (label != prediction)"),
    )
    issues.add_argument(
        "--top",
        type=non_negative_int,
        default=20,
        metavar="N",
        help=translate("cli", "rows to list (default 20, 0 for all)"),
    )
    issues.add_argument("--format", choices=("table", "json"), default="table")
    add_column_flags(issues)
    issues.set_defaults(handler=run_label_issues)

    sharp = subparsers.add_parser(
        "sharpness",
        help=translate("cli", "score how sharp the dev errors' images are; suggest the blurriest"),
        description=(
            translate(
                "cli",
                "Score each image by the variance of the Laplacian on a grey thumbnail (longest "
                "side 256 pixels; lower = blurrier) and suggest as blurry those at or below "
                "the chosen percentile of blurriness (--percentile 90: the blurriest 10%). "
                "Scores the dev errors' images (a session: its error items); --all-dev scores "
                "every dev image, which also makes them the reference for the percentile.",
            )
        ),
    )
    sharp.add_argument(
        "source", metavar="SOURCE", help=translate("cli", "predictions file or session file")
    )
    sharp.add_argument(
        "--percentile",
        type=_percentile,
        default=90.0,
        metavar="P",
        help=translate("cli", "suggest images blurrier than P%% of those scored (default 90)"),
    )
    sharp.add_argument(
        "--all-dev",
        action="store_true",
        help=translate("cli", "score every dev image, not only the errors"),
    )
    sharp.add_argument(
        "--workers",
        type=non_negative_int,
        default=2,
        metavar="N",
        help=translate("cli", "decoding threads (default 2)"),
    )
    sharp.add_argument(
        "--top",
        type=non_negative_int,
        default=20,
        metavar="N",
        help=translate("cli", "rows to list (default 20, 0 for all)"),
    )
    sharp.add_argument("--format", choices=("table", "json"), default="table")
    add_column_flags(sharp)
    sharp.set_defaults(handler=run_sharpness)


def _source_frame(args: argparse.Namespace) -> tuple[pd.DataFrame, list[str], Path, Any]:
    """The predictions rows, their metadata columns, the source and (for a session) it."""
    from erroranalysis.cli.session_cmds import is_session_file

    source = session_location(args.source)
    if not is_server(source) and not source.exists():
        raise UserError(
            translate(
                "cli.errors",
                "{source}: no such predictions or session file",
            ).format(source=source)
        )
    if is_server(source) or is_session_file(source):
        from erroranalysis.core.session import ReviewSession, metadata_of

        session = ReviewSession.open(source)
        frame = session.predictions_frame()
        return frame, metadata_of(frame), source, session
    from erroranalysis.core.predictions import load_predictions

    predictions = load_predictions(source, column_names_from_args(args))
    return predictions.frame, predictions.metadata_columns, source, predictions


def _number(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 12)


def run_label_issues(args: argparse.Namespace) -> int:
    """Handler of ``erroranalysis label-issues``."""
    from erroranalysis.core.label_issues import find_label_issues
    from erroranalysis.core.session import ReviewSession

    frame, metadata, source, owner = _source_frame(args)
    try:
        if frame.empty:
            raise UserError(
                translate(
                    "cli.errors",
                    "{source}: no predictions rows to rank (a session made from a folder)",
                ).format(source=source)
            )
        result = find_label_issues(frame, metadata, rank_by=args.rank_by)
    finally:
        if isinstance(owner, ReviewSession):
            owner.close()
    ranked = result.ranked() if result.available else result.table
    if args.errors_only:
        ranked = ranked[ranked["label"] != ranked["prediction"]]
    shown = ranked.head(args.top) if args.top else ranked
    rows = [
        {
            "key": str(r.key),
            "label": str(r.label),
            "prediction": str(r.prediction),
            "label_quality": _number(r.label_quality),
            "is_issue": bool(r.is_issue),
            "suggested_label": str(r.suggested_label) or None,
            "rank": int(r.rank),
        }
        for r in shown.itertuples(index=False)
    ]
    if args.format == "json":
        data = {
            "source": str(source),
            "available": result.available,
            "method": result.method,
            "rank_by": result.rank_by or None,
            "reason": result.reason,
            "dev_size": len(result.table),
            "issues": result.issue_count,
            "thresholds": {c: _number(t) for c, t in result.thresholds.items()},
            "rows": rows,
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    reason = translate_filled("cli.output", _REASONS, result.reason)
    if not result.available:
        print(translate("cli.output", "Label issues unavailable: {reason}.").format(reason=reason))
        return 0
    print(translate("cli.output", "{name}: {reason}.").format(name=source.name, reason=reason))
    print(
        translate(
            "cli.output",
            "{count} of {size} dev examples flagged as likely label errors (*); lower label "
            "quality = more likely wrong.",
        ).format(count=result.issue_count, size=len(result.table))
    )
    if rows:
        table = [
            [
                str(r["rank"]),
                r["key"],
                r["label"],
                r["prediction"],
                f"{r['label_quality']:.3f}",
                r["suggested_label"] or "",
                "*" if r["is_issue"] else "",
            ]
            for r in rows
        ]
        header = [
            translate("cli.output", "rank"),
            "key",
            "label",
            "prediction",
            translate("cli.output", "quality"),
            translate("cli.output", "suggested"),
            "",
        ]
        print()
        print(_grid(header, table))
    return 0


def _images(args: argparse.Namespace) -> tuple[pd.DataFrame, list[Path], Path]:
    """The rows to score (key, image) and where each image is."""
    import pandas as pd

    from erroranalysis.core.session import ReviewSession
    from erroranalysis.core.slices import dev_rows

    frame, _, source, owner = _source_frame(args)
    if isinstance(owner, ReviewSession):
        with owner:
            if args.all_dev:
                rows = dev_rows(frame)[["key", "image"]]
            else:
                items = owner.item_columns(["key", "image", "origin"])
                keep = items["origin"] == "error"
                rows = pd.DataFrame({"key": items["key"][keep], "image": items["image"][keep]})
            paths = [owner.resolve_image(image) for image in rows["image"].tolist()]
    else:
        dev = dev_rows(frame)
        if not args.all_dev:
            dev = dev[dev["label"] != dev["prediction"]]
        rows = dev[["key", "image"]]
        base = owner.base_dir
        paths = [
            Path(image) if Path(image).is_absolute() else base / image for image in rows["image"]
        ]
    if len(rows) == 0:
        raise UserError(
            translate(
                "cli.errors",
                "{source}: no images to score",
            ).format(source=source)
        )
    return rows.reset_index(drop=True), paths, source


def run_sharpness(args: argparse.Namespace) -> int:
    """Handler of ``erroranalysis sharpness``."""
    from erroranalysis.core.sharpness import (
        THUMBNAIL_SIZE,
        blur_threshold,
        blurriness_percentile,
        sharpness_scores,
        suggested_blurry,
    )

    rows, paths, source = _images(args)
    scores, problems = sharpness_scores(paths, workers=max(1, args.workers))
    threshold = blur_threshold(scores, args.percentile)
    percent = blurriness_percentile(scores)
    suggested = suggested_blurry(scores, args.percentile)
    order = sorted(
        range(len(scores)),
        key=lambda i: (math.isnan(scores[i]), scores[i] if not math.isnan(scores[i]) else 0.0, i),
    )
    shown = order[: args.top] if args.top else order
    listed = [
        {
            "key": str(rows["key"].iloc[i]),
            "image": str(rows["image"].iloc[i]),
            "sharpness": _number(scores[i]),
            "blurriness_percentile": _number(percent[i]),
            "suggested": bool(suggested[i]),
            "problem": problems[i],
        }
        for i in shown
    ]
    unreadable = sum(1 for p in problems if p)
    if args.format == "json":
        data = {
            "source": str(source),
            "thumbnail_size": THUMBNAIL_SIZE,
            "percentile": args.percentile,
            "threshold": _number(threshold),
            "scored": len(scores) - unreadable,
            "unreadable": unreadable,
            "suggested": int(suggested.sum()),
            "images": listed,
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    scored = (
        translate("cli.output", "{name}: {count} dev images scored")
        if args.all_dev
        else translate("cli.output", "{name}: {count} dev errors' images scored")
    ).format(name=source.name, count=len(scores) - unreadable)
    print(
        scored
        + (
            translate("cli.output", ", {count} unreadable").format(count=unreadable)
            if unreadable
            else ""
        )
        + translate(
            "cli.output",
            "; {count} suggested blurry (sharpness <= {threshold:.4g}, the blurriest "
            "{share:g}%), blurriest first.",
        ).format(
            count=int(suggested.sum()), threshold=threshold, share=100 - args.percentile
        )
    )
    table = [
        [
            r["key"],
            "–" if r["sharpness"] is None else f"{r['sharpness']:.4g}",
            "–" if r["blurriness_percentile"] is None else f"{r['blurriness_percentile']:.0f}",
            "*" if r["suggested"] else (r["problem"] or ""),
        ]
        for r in listed
    ]
    print()
    print(_grid(
        [
            "key",
            translate("cli.output", "sharpness"),
            translate("cli.output", "blurrier than %"),
            translate("cli.output", "suggested"),
        ],
        table,
    ))
    return 0
