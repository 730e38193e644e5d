"""Two models' predictions on the same dev set, paired example by example.

Used by ``erroranalysis compare`` and by the app's "Compare with another
model": both must see the same dev examples with the same labels, or ranking
the two models means nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from erroranalysis.core.errors import UserError
from erroranalysis.i18n import translate


@dataclass(frozen=True)
class PairedDevErrors:
    """Dev errors of models A and B on one dev set of ``dev_size`` examples."""

    dev_size: int
    errors_a: int
    errors_b: int


def _some(keys: list[str]) -> str:
    if not keys:
        return "none"
    shown = ", ".join(f"'{k}'" for k in keys[:3])
    more = f" and {len(keys) - 3} more" if len(keys) > 3 else ""
    return f"{len(keys)} ({shown}{more})"


def pair_dev_errors(
    dev_a: pd.DataFrame, name_a: str, dev_b: pd.DataFrame, name_b: str, *, by_id: bool
) -> PairedDevErrors:
    """Check that two dev sets are the same examples with the same labels; count errors.

    ``dev_a``/``dev_b`` have the canonical columns ``key``, ``image``,
    ``label``, ``prediction``. Examples are matched by ``key`` when ``by_id``
    (both files have an id column), else by image path, which must then be
    unique. Raises :class:`UserError` naming both sources otherwise.
    """
    column = "key" if by_id else "image"
    what = translate("core.errors", "ids") if by_id else translate("core.errors", "image paths")
    keys_a = dev_a[column].astype(str)
    keys_b = dev_b[column].astype(str)
    if not by_id:
        for keys, name in ((keys_a, name_a), (keys_b, name_b)):
            duplicated = keys.duplicated()
            if duplicated.any():
                raise UserError(
                    translate(
                        "core.errors",
                        "{name}: image path '{image}' appears twice among the dev rows; give both "
                        "files an id column to match examples",
                    ).format(name=name, image=keys[duplicated].iloc[0])
                )
    only_a = sorted(set(keys_a) - set(keys_b))
    only_b = sorted(set(keys_b) - set(keys_a))
    if only_a or only_b:
        raise UserError(
            translate(
                "core.errors",
                "{name_a} and {name_b} have different dev examples (matched by {what}): {only_a} "
                "only in the first, {only_b} only in the second; compare predictions on the same "
                "dev set",
            ).format(
                name_a=name_a,
                name_b=name_b,
                what=what,
                only_a=_some(only_a),
                only_b=_some(only_b),
            )
        )
    labels_b = dev_b.set_index(keys_b.to_numpy())["label"]
    aligned = labels_b.reindex(keys_a.to_numpy()).to_numpy()
    differs = dev_a["label"].to_numpy() != aligned
    if differs.any():
        first = int(differs.argmax())
        count = int(differs.sum())
        raise UserError(
            (
                translate(
                    "core.errors",
                    "{name_a} and {name_b} disagree on {count} dev label (e.g. '{key}': "
                    "'{label}' vs '{other_label}'); compare both models against the same labels",
                )
                if count == 1
                else translate(
                    "core.errors",
                    "{name_a} and {name_b} disagree on {count} dev labels (e.g. '{key}': "
                    "'{label}' vs '{other_label}'); compare both models against the same labels",
                )
            ).format(
                name_a=name_a,
                name_b=name_b,
                count=count,
                key=keys_a.iloc[first],
                label=dev_a['label'].iloc[first],
                other_label=aligned[first],
            )
        )
    return PairedDevErrors(
        dev_size=len(dev_a),
        errors_a=int((dev_a["label"] != dev_a["prediction"]).sum()),
        errors_b=int((dev_b["label"] != dev_b["prediction"]).sum()),
    )


def aligned_positions(dev_a: pd.DataFrame, dev_b: pd.DataFrame, *, by_id: bool) -> np.ndarray:
    """For each row of ``dev_a``, the position of the same example in ``dev_b``.

    Call after :func:`pair_dev_errors` has checked that both hold the same examples.
    """
    column = "key" if by_id else "image"
    positions = pd.Index(dev_b[column].astype(str).to_numpy()).get_indexer(
        dev_a[column].astype(str).to_numpy()
    )
    if np.any(positions < 0):
        raise ValueError("the dev sets differ; call pair_dev_errors first")
    return positions


def shared_weights(
    dev_a: pd.DataFrame,
    name_a: str,
    weighted_a: bool,
    dev_b: pd.DataFrame,
    name_b: str,
    weighted_b: bool,
    *,
    by_id: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """The dev examples' weights in A's row order and in B's, one weight per example.

    Weights belong to the dev examples, not to a model: when only one file
    has weights they hold for both; when both have them they must agree
    (a rule on ``prediction`` gives the same example two weights: refused).
    """
    positions = aligned_positions(dev_a, dev_b, by_id=by_id)
    weights_a = dev_a["weight"].to_numpy(dtype=float)
    weights_b_in_a = dev_b["weight"].to_numpy(dtype=float)[positions]
    if weighted_a and weighted_b:
        differs = ~np.isclose(weights_a, weights_b_in_a, rtol=1e-9, atol=0.0)
        if differs.any():
            first = int(differs.argmax())
            raise UserError(
                translate(
                    "core.errors",
                    "{name_a} and {name_b} give {count} dev examples different weights (e.g. "
                    "'{key}': {weight_a:g} vs {weight_b:g}); weigh examples by label or "
                    "by a column both files share, not by prediction",
                ).format(
                    name_a=name_a,
                    name_b=name_b,
                    count=int(differs.sum()),
                    key=dev_a['key'].iloc[first],
                    weight_a=weights_a[first],
                    weight_b=weights_b_in_a[first],
                )
            )
    shared = weights_a if weighted_a or not weighted_b else weights_b_in_a
    in_b = np.empty_like(shared)
    in_b[positions] = shared
    return shared, in_b
